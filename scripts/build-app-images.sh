#!/usr/bin/env bash
# Builds the images of DCF's own apps without any registry (no image is pulled):
#
#   dcf/jre-base:<jdk major>            a JRE jlink-ed from this machine's JDK with the modules Spring
#                                       Boot apps need, the shared libraries it needs, a static
#                                       busybox (/bin/sh for the Dockerfiles' RUN steps), /tmp and
#                                       /etc/passwd; made with `docker import`.
#   dcf/job-handler:<version>, :latest       job-handler/Dockerfile built on that base
#   dcf/container-agent:<version>, :latest   container-agent/Dockerfile built on that base
#
# Usage: scripts/build-app-images.sh [--force] [base] [job-handler] [container-agent]
#   no names = all three; an app image always (re)uses the base. --force rebuilds the base even
#   when it is up to date. <version> is the project version, read from the app's jar name.
#
# With a registry, `docker build job-handler` (or container-agent) uses eclipse-temurin:17-jre.
# Idempotent: the base carries the label dev.dcf.content-hash (JDK, busybox and this script) and is
# left alone when it matches; the app builds reuse Docker's cache. Missing app jars are built with
# the Maven wrapper. Concurrent runs are serialised with a lock file under target/. Needs: docker,
# /bin/busybox (Debian package busybox-static), a JDK 17+ with jlink (jmods/ before JDK 24), tar,
# sha256sum, ldd, flock.
set -euo pipefail

readonly HASH_LABEL="dev.dcf.content-hash"
# What Spring Boot apps with JPA, JDBC drivers, Tomcat, Kafka clients, docker-java and Micrometer
# use (jdeps over both apps' libraries), plus service providers jdeps cannot see: EC crypto for
# TLS, DNS for JNDI lookups, zip file systems, extra charsets.
readonly MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.sql.rowset,java.transaction.xa,java.xml,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,\
jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
script_path="$repo/scripts/$(basename "${BASH_SOURCE[0]}")"

log() { printf '[build-app-images] %s\n' "$*"; }
die() { printf '[build-app-images] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$script_path" | sed '$d; s/^# \{0,1\}//'; }

force=false
want_base=false
apps=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    base) want_base=true ;;
    job-handler | container-agent) apps+=("$arg") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
if ! $want_base && ((${#apps[@]} == 0)); then
  want_base=true
  apps=(job-handler container-agent)
fi

command -v docker >/dev/null || die "docker CLI not found (Debian: apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "no Docker daemon answers ('docker info' fails); start dockerd first"
for tool in tar sha256sum ldd flock; do
  command -v "$tool" >/dev/null || die "$tool not found"
done

mkdir -p "$repo/target"
exec 9>"$repo/target/.build-app-images.lock"
flock -w 900 9 || die "timed out waiting for another build-app-images run (lock target/.build-app-images.lock)"

work="$(mktemp -d "$repo/target/app-images.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

find_jdk() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" ]]; then
    command -v java >/dev/null || die "no JDK: set JAVA_HOME or put java on PATH"
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [[ -x "$home/bin/jlink" ]] || die "$home is not a JDK with jlink (set JAVA_HOME to a JDK 17+)"
  if [[ ! -d "$home/jmods" ]] && (($(jdk_major "$home") < 24)); then
    die "$home has no jmods/ (Debian: apt-get install openjdk-17-jdk-headless)"
  fi
  printf '%s\n' "$home"
}

jdk_major() { "$1/bin/jlink" --version | cut -d. -f1; }

# Copies every shared library the JRE's binaries need (and the dynamic loader) to the same path in
# the root filesystem, where ld.so finds them.
copy_shared_libraries() {
  local jre="$1" rootfs="$2" libs="$work/libs.txt" file lib
  : >"$libs"
  while IFS= read -r -d '' file; do
    ldd "$file" 2>/dev/null | awk -v f="$file" '
      /not found/ { print "MISSING " $1 " (needed by " f ")"; next }
      $2 == "=>" && $3 ~ /^\// { print $3; next }
      $1 ~ /^\// { print $1 }' >>"$libs"
  done < <(find "$jre/bin" "$jre/lib" -type f \( -perm -u+x -o -name '*.so' \) -print0)
  local missing=()
  while read -r _ lib _; do
    [[ -n "$(find "$jre" -name "$lib" -print -quit)" ]] || missing+=("$lib")
  done < <(grep '^MISSING' "$libs" | sort -u)
  ((${#missing[@]} == 0)) || die "shared libraries the JRE needs are missing: ${missing[*]}"
  while read -r lib; do
    [[ "$lib" == "$jre"/* ]] && continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done < <(grep -v '^MISSING' "$libs" | sort -u)
}

base_image=""

build_base() {
  local jdk busybox=/bin/busybox
  jdk="$(find_jdk)"
  base_image="dcf/jre-base:$(jdk_major "$jdk")"
  if [[ ! -x "$busybox" ]] || ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox must be a static busybox: apt-get install busybox-static"
  fi
  local hash current
  hash="$( { sha256sum "$script_path" "$busybox"; cat "$jdk/release"; } | sha256sum | cut -c1-64)"
  current="$(docker image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$base_image" 2>/dev/null || true)"
  if ! $force && [[ "$current" == "$hash" ]]; then
    log "$base_image is up to date (${hash:0:12})"
    return 0
  fi

  local rootfs="$work/base"
  mkdir -p "$rootfs"/{etc,tmp,proc,sys,dev,root,opt,app,bin}
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  cp "$busybox" "$rootfs/bin/busybox"
  local applet
  while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$rootfs/$(dirname "$applet")"
    ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$busybox" --list-full)

  local compress=2
  (($(jdk_major "$jdk") >= 21)) && compress=zip-6
  log "jlink $MODULES"
  "$jdk/bin/jlink" --add-modules "$MODULES" --output "$rootfs/opt/java" \
    --strip-debug --no-header-files --no-man-pages --compress="$compress" >/dev/null
  copy_shared_libraries "$rootfs/opt/java" "$rootfs"

  local previous
  previous="$(docker image inspect --format '{{.Id}}' "$base_image" 2>/dev/null || true)"
  tar -C "$rootfs" --owner=0 --group=0 --numeric-owner -cf - . \
    | docker import --change "LABEL $HASH_LABEL=$hash" \
      --change 'ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8' \
      --change 'CMD ["java", "-version"]' \
      --message "built by scripts/build-app-images.sh" - "$base_image" >/dev/null
  if [[ -n "$previous" && "$previous" != "$(docker image inspect --format '{{.Id}}' "$base_image")" ]]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
  log "built $base_image ($(docker image inspect --format '{{.Size}}' "$base_image" | awk '{printf "%.1f MB", $1/1000000}'))"
}

# The newest executable jar of a module, built with the Maven wrapper when there is none.
app_jar() {
  local module="$1" jar
  jar="$(ls -t "$repo/$module"/target/dcf-"$module"-*-exec.jar 2>/dev/null | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    log "no executable jar in $module/target; building it with the Maven wrapper"
    (cd "$repo" && ./mvnw -B -q -pl "$module" -am package -Dmaven.test.skip=true) \
      || die "building $module failed: run './mvnw -pl $module -am package' to see why"
    jar="$(ls -t "$repo/$module"/target/dcf-"$module"-*-exec.jar 2>/dev/null | head -n 1 || true)"
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
  # The classic builder uses the local base image as it is and never contacts a registry.
  if ! DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$base_image" \
    -t "dcf/$module:$version" -t "dcf/$module:latest" "$context" >"$work/$module.log" 2>&1; then
    cat "$work/$module.log" >&2
    die "docker build of $module failed"
  fi
  log "built dcf/$module:$version and :latest on $base_image"
}

start=$SECONDS
build_base
for app in "${apps[@]}"; do
  build_app "$app"
done
log "done in $((SECONDS - start)) s"
