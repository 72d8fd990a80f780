#!/usr/bin/env bash
# Builds the images of DCF's own apps without any registry (no image is pulled):
#
#   dcf/jre-base:<jdk major>            a JRE jlink-ed from this machine's JDK with the modules Spring
#                                       Boot apps need, the shared libraries it needs, a static
#                                       busybox (/bin/sh for the Dockerfiles' RUN steps), /tmp and
#                                       /etc/passwd; made with `docker import`.
#   dcf/job-handler:<version>, :latest       job-handler/Dockerfile built on that base
#   dcf/container-agent:<version>, :latest   container-agent/Dockerfile built on that base
#   dcf/schema-registry:<version>, :latest   DCF's schema registry (standalone/embedded,
#                                       SchemaRegistryMain) on that base, configured from the
#                                       SCHEMA_REGISTRY_* variables of confluentinc/cp-schema-registry
#                                       plus DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES
#
# Usage: scripts/build-app-images.sh [--force] [base] [job-handler] [container-agent] [schema-registry]
#   no names = all four; an app image always (re)uses the base. --force rebuilds the base even
#   when it is up to date. <version> is the project version, read from the app's jar name.
#
# With a registry, `docker build job-handler` (or container-agent) uses eclipse-temurin:17-jre.
# Idempotent: the base carries the label dev.dcf.content-hash (JDK, busybox and this script) and is
# left alone when it matches; the app builds reuse Docker's cache. Missing app jars are built with
# the Maven wrapper. Concurrent runs are serialised with a lock file under target/. Needs: docker,
# /bin/busybox (Debian package busybox-static), a JDK 17+ with jlink (jmods/ before JDK 24), tar,
# sha256sum, ldd, flock.
set -euo pipefail

# What Spring Boot apps with JPA, JDBC drivers, Tomcat, Kafka clients, docker-java and Micrometer
# use (jdeps over both apps' libraries), plus what jdeps cannot see: java.rmi (Quartz's scheduler
# classes extend java.rmi.Remote), EC crypto for TLS, DNS for JNDI lookups, zip file systems, extra
# charsets; and the JDK's HTTP server for the schema registry. The Kafka stand-in
# (scripts/build-stand-in-images.sh) is built on this base too.
readonly MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.sql.rowset,java.transaction.xa,java.xml,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,\
jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.httpserver"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
script_path="$repo/scripts/$(basename "${BASH_SOURCE[0]}")"

# shellcheck source-path=SCRIPTDIR source=lib/images.sh
source "$repo/scripts/lib/images.sh"
IMAGES_LOG_NAME=build-app-images
usage() { sed -n '2,/^set -euo/p' "$script_path" | sed '$d; s/^# \{0,1\}//'; }

force=false
want_base=false
apps=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    base) want_base=true ;;
    job-handler | container-agent | schema-registry) apps+=("$arg") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
if ! $want_base && ((${#apps[@]} == 0)); then
  want_base=true
  apps=(job-handler container-agent schema-registry)
fi

require_docker_and tar sha256sum ldd flock
lock_or_die "$repo/target/.build-app-images.lock"

work="$(mktemp -d "$repo/target/app-images.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

base_image=""

build_base() {
  local jdk busybox
  jdk="$(find_jdk)"
  busybox="$(static_busybox)"
  base_image="dcf/jre-base:$(jdk_major "$jdk")"
  local hash
  hash="$( { sha256sum "$script_path" "$repo/scripts/lib/images.sh" "$busybox"; cat "$jdk/release"; } | sha256sum | cut -c1-64)"
  needs_build "$base_image" "$hash" || return 0

  local rootfs="$work/base"
  busybox_rootfs "$rootfs"
  mkdir -p "$rootfs/app"
  log "jlink $MODULES"
  jlink_jre "$jdk" "$MODULES" "$rootfs"
  import_rootfs "$rootfs" "$base_image" "$hash" \
    'ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8' \
    'CMD ["java", "-version"]'
}

# The newest executable jar of a module, built with the Maven wrapper when there is none.
app_jar() {
  local module="$1" jar
  jar="$(find "$repo/$module/target" -maxdepth 1 -name "dcf-$module-*-exec.jar" -printf '%T@ %p\n' 2>/dev/null | sort -rn | cut -d' ' -f2- | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    log "no executable jar in $module/target; building it with the Maven wrapper"
    (cd "$repo" && ./mvnw -B -q -pl "$module" -am package -Dmaven.test.skip=true) \
      || die "building $module failed: run './mvnw -pl $module -am package' to see why"
    jar="$(find "$repo/$module/target" -maxdepth 1 -name "dcf-$module-*-exec.jar" -printf '%T@ %p\n' 2>/dev/null | sort -rn | cut -d' ' -f2- | head -n 1 || true)"
    [[ -n "$jar" ]] || die "the build did not produce $module/target/dcf-$module-*-exec.jar"
  fi
  printf '%s\n' "$jar"
}

build_app() {
  local module="$1" jar version context
  jar="$(app_jar "$module")"
  version="$(basename "$jar")"
  version="${version#dcf-"$module"-}"
  version="${version%-exec.jar}"
  # A small build context: the Dockerfile and the one jar it copies.
  context="$work/$module"
  mkdir -p "$context/target"
  cp "$repo/$module/Dockerfile" "$context/Dockerfile"
  cp "$jar" "$context/target/"
  build_context "$context" "$module" --build-arg "BASE_IMAGE=$base_image" \
    -t "dcf/$module:$version" -t "dcf/$module:latest"
  log "built dcf/$module:$version and :latest on $base_image"
}

# The registry: standalone/embedded's jar and the libraries scripts/lib/schema-registry-pom.xml
# names, started with SchemaRegistryMain. Left alone when the hash of its inputs matches.
build_schema_registry() {
  local jar version image hash context
  jar="$(find "$repo/standalone/embedded/target" -maxdepth 1 -name 'dcf-standalone-embedded-*.jar' \
    ! -name '*-sources.jar' ! -name '*-tests.jar' 2>/dev/null | head -n 1)"
  if [[ -z "$jar" ]]; then
    log "no jar in standalone/embedded/target; building it with the Maven wrapper"
    (cd "$repo" && ./mvnw -B -q -pl standalone/embedded -am package -Dmaven.test.skip=true) \
      || die "building standalone/embedded failed"
    jar="$(find "$repo/standalone/embedded/target" -maxdepth 1 -name 'dcf-standalone-embedded-*.jar' | head -n 1)"
  fi
  version="$(basename "$jar" .jar)"
  version="${version#dcf-standalone-embedded-}"
  image="dcf/schema-registry:$version"
  hash="$( { sha256sum "$script_path" "$repo/scripts/lib/images.sh" "$repo/scripts/lib/schema-registry-pom.xml" "$jar"; docker image inspect --format '{{.Id}}' "$base_image"; } | sha256sum | cut -c1-64)"
  if needs_build "$image" "$hash"; then
    context="$work/schema-registry"
    mkdir -p "$context/libs"
    copy_dependencies "$repo/scripts/lib/schema-registry-pom.xml" "$context/libs"
    cp "$jar" "$context/libs/"
    cat >"$context/Dockerfile" <<EOF
FROM $base_image
LABEL $HASH_LABEL=$hash org.opencontainers.image.title="dcf schema-registry $version"
COPY libs/ /opt/schema-registry/libs/
USER 65534:65534
WORKDIR /tmp
EXPOSE 8081
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn", \
  "-cp", "/opt/schema-registry/libs/*", "dev.dcf.standalone.embedded.SchemaRegistryMain"]
EOF
    build_context "$context" schema-registry -t "$image"
  fi
  docker tag "$image" dcf/schema-registry:latest
  log "built $image and :latest on $base_image ($(image_size "$image"))"
}

start=$SECONDS
build_base
for app in "${apps[@]}"; do
  if [[ "$app" == schema-registry ]]; then
    build_schema_registry
  else
    build_app "$app"
  fi
done
log "done in $((SECONDS - start)) s"
