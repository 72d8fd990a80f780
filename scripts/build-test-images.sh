#!/usr/bin/env bash
# Builds DCF's local images without any registry (no image is pulled):
#
#   dcf-test/sleeper:latest      static busybox root filesystem; prints "sleeper started", sleeps
#                                $SLEEP seconds (default: forever), exits with $EXIT_CODE (default 0);
#                                on SIGTERM it exits at once with 143.
#   dcf/sample-generator:latest  data-generator/target/dcf-data-generator.jar on a jlink-ed JRE made
#                                from this machine's JDK, plus the shared libraries that JRE needs.
#   dcf/generator:latest         the built-in generator (generator/target/dcf-generator.jar), made
#                                the same way.
#
# Usage: scripts/build-test-images.sh [--force] [sleeper] [generator] [builtin-generator]
#   no image names = all three; --force rebuilds even when the image is up to date.
#
# Idempotent: every image carries the label dev.dcf.content-hash (hash of its inputs and of this
# script); an image whose label matches is left alone. Concurrent runs (several test JVMs) are
# serialised with a lock file under target/. Needs: docker, /bin/busybox (Debian package
# busybox-static), a JDK 17+ (JAVA_HOME or the java on PATH; with jmods/ before JDK 24), tar,
# sha256sum, ldd, flock.
set -euo pipefail

readonly SLEEPER_IMAGE="dcf-test/sleeper:latest"
# DCF_GENERATOR_IMAGE names the generator image otherwise (a test builds one of its own, so as
# not to take away the image other tests run at the same time)
readonly GENERATOR_IMAGE="${DCF_GENERATOR_IMAGE:-dcf/sample-generator:latest}"
# DCF_BUILTIN_GENERATOR_IMAGE likewise for the built-in generator
readonly BUILTIN_GENERATOR_IMAGE="${DCF_BUILTIN_GENERATOR_IMAGE:-dcf/generator:latest}"
readonly HASH_LABEL="dev.dcf.content-hash"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
script_path="$repo/scripts/$(basename "${BASH_SOURCE[0]}")"

force=false
want_sleeper=false
want_generator=false
want_builtin=false

log() { printf '[build-test-images] %s\n' "$*"; }
die() { printf '[build-test-images] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "$script_path" | sed '$d; s/^# \{0,1\}//'; }

for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    sleeper) want_sleeper=true ;;
    generator) want_generator=true ;;
    builtin-generator) want_builtin=true ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
if ! $want_sleeper && ! $want_generator && ! $want_builtin; then
  want_sleeper=true
  want_generator=true
  want_builtin=true
fi

command -v docker >/dev/null || die "docker CLI not found (Debian: apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "no Docker daemon answers ('docker info' fails); start dockerd first"
for tool in tar sha256sum flock; do
  command -v "$tool" >/dev/null || die "$tool not found"
done

mkdir -p "$repo/target"
# One build at a time: test JVMs of several modules may call this script at the same moment.
exec 9>"$repo/target/.build-test-images.lock"
flock -w 900 9 || die "timed out waiting for another build-test-images run (lock target/.build-test-images.lock)"

# Earlier versions of our images that containers still used when they were replaced. Only those
# older than any build in flight: a `docker build` on one of our images (GeneratorImageIT builds
# the Dockerfile on dcf/sample-generator) makes dangling intermediate images that inherit the label,
# and removing them mid-build failed that build ("No such image"). Prune leaves images that
# containers use alone.
docker image prune --force --filter "label=$HASH_LABEL" --filter "until=30m" >/dev/null 2>&1 || true

work="$(mktemp -d "$repo/target/test-images.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# Prints the content-hash label of an image, or nothing when the image does not exist.
image_hash() {
  docker image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

# True when the image must be (re)built for the given hash.
needs_build() {
  local image="$1" hash="$2" current
  current="$(image_hash "$image")"
  if ! $force && [[ "$current" == "$hash" ]]; then
    log "$image is up to date (${hash:0:12})"
    return 1
  fi
  return 0
}

# Packs a root filesystem (owned by root) and imports it. Extra args are docker import --change values.
import_rootfs() {
  local rootfs="$1" image="$2" hash="$3"
  shift 3
  local changes=(--change "LABEL $HASH_LABEL=$hash")
  local change
  for change in "$@"; do
    changes+=(--change "$change")
  done
  local previous
  previous="$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
  tar -C "$rootfs" --owner=0 --group=0 --numeric-owner -cf - . \
    | docker import "${changes[@]}" --message "built by scripts/build-test-images.sh" - "$image" >/dev/null
  # The replaced image is now untagged; drop it unless a container still uses it.
  if [[ -n "$previous" && "$previous" != "$(docker image inspect --format '{{.Id}}' "$image")" ]]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
  log "built $image ($(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1000000}'))"
}

# Minimal /etc and /tmp shared by both images.
base_rootfs() {
  local rootfs="$1"
  mkdir -p "$rootfs"/{etc,tmp,proc,sys,dev,root}
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
}

# --- sleeper -----------------------------------------------------------------------------------

# PID 1 in a container has no default signal dispositions, so the script traps TERM/INT itself and
# sleeps in a background child: 'wait' returns as soon as a trapped signal arrives.
sleeper_entry() {
  cat <<'EOF'
#!/bin/sh
# dcf-test/sleeper: prints a line, sleeps $SLEEP seconds (default forever), exits with $EXIT_CODE.
child=
on_term() {
  echo "sleeper stopping"
  [ -n "$child" ] && kill "$child" 2>/dev/null
  exit 143
}
trap on_term TERM INT
echo "sleeper started"
sleep "${SLEEP:-infinity}" &
child=$!
wait "$child"
child=
exit "${EXIT_CODE:-0}"
EOF
}

build_sleeper() {
  local busybox=/bin/busybox
  if [[ ! -x "$busybox" ]] || ! "$busybox" --list >/dev/null 2>&1; then
    die "$busybox (static busybox) is missing: install it with 'apt-get install busybox-static'"
  fi
  if ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox is dynamically linked; the sleeper needs the static one: 'apt-get install busybox-static'"
  fi
  local hash
  hash="$( { sha256sum "$busybox" "$script_path"; } | sha256sum | cut -c1-64)"
  needs_build "$SLEEPER_IMAGE" "$hash" || return 0

  local rootfs="$work/sleeper"
  base_rootfs "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/usr/local/bin"
  cp "$busybox" "$rootfs/bin/busybox"
  # Applet links (bin/sh, bin/sleep, usr/bin/env, ...), relative to the image root.
  local applet
  while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$rootfs/$(dirname "$applet")"
    ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$busybox" --list-full)
  sleeper_entry >"$rootfs/usr/local/bin/sleeper"
  chmod 0755 "$rootfs/usr/local/bin/sleeper"

  import_rootfs "$rootfs" "$SLEEPER_IMAGE" "$hash" \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' \
    'CMD ["/usr/local/bin/sleeper"]'
}

# --- generators (sample and built-in) --------------------------------------------------------------------------

find_jdk() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" ]]; then
    command -v java >/dev/null || die "no JDK: set JAVA_HOME or put java on PATH"
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [[ -x "$home/bin/jlink" && -x "$home/bin/jdeps" ]] || die "$home is not a JDK with jlink and jdeps (set JAVA_HOME to a JDK 17+)"
  # JDK 24+ can link from its own run-time image; older ones need jmods/
  if [[ ! -d "$home/jmods" ]] && (($(jdk_major "$home") < 24)); then
    die "$home has no jmods/ (Debian: apt-get install openjdk-17-jdk-headless)"
  fi
  printf '%s\n' "$home"
}

jdk_major() {
  "$1/bin/jlink" --version | cut -d. -f1
}

# ensure_jar <module> <jar>
ensure_jar() {
  local module="$1" jar="$2"
  if [[ -f "$jar" ]]; then
    return 0
  fi
  log "$jar is missing; building it with the Maven wrapper"
  # -am: the module's test-scope dependencies come from the reactor; tests are not compiled here.
  (cd "$repo" && ./mvnw -B -q -pl "$module" -am package -Dmaven.test.skip=true) \
    || die "building $module failed: run './mvnw -pl $module -am package' to see why"
  [[ -f "$jar" ]] || die "the build did not produce $jar"
}

# Copies every shared library outside the JRE that its binaries need (and the dynamic loader) to
# the same path in the root filesystem; ld.so finds them in its default directories.
copy_shared_libraries() {
  local jre="$1" rootfs="$2"
  local libs="$work/libs.txt" file lib
  : >"$libs"
  while IFS= read -r -d '' file; do
    ldd "$file" 2>/dev/null | awk -v f="$file" '
      /not found/ { print "MISSING " $1 " (needed by " f ")"; next }
      $2 == "=>" && $3 ~ /^\// { print $3; next }
      $1 ~ /^\// { print $1 }' >>"$libs"
  done < <(find "$jre/bin/java" "$jre/lib" -type f \( -name java -o -name '*.so' \) -print0)
  # libjvm.so and friends are found at run time (the launcher loads them first); a library the JRE
  # itself ships is never missing.
  local missing=()
  while read -r _ lib _; do
    [[ -n "$(find "$jre" -name "$lib" -print -quit)" ]] || missing+=("$lib")
  done < <(grep '^MISSING' "$libs" | sort -u)
  if ((${#missing[@]} > 0)); then
    die "shared libraries the JRE needs are not on this machine: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  fi
  while read -r lib; do
    [[ "$lib" == "$jre"/* ]] && continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done < <(grep -v '^MISSING' "$libs" | sort -u)
}

# build_java_image <image> <module> <jar name>: the module's shaded jar on a jlink-ed JRE.
build_java_image() {
  local image="$1" module="$2" jar_name="$3"
  local jar="$repo/$module/target/$jar_name"
  local jdk
  jdk="$(find_jdk)"
  ensure_jar "$module" "$jar"
  local hash
  hash="$( { sha256sum "$jar" "$script_path"; cat "$jdk/release"; } | sha256sum | cut -c1-64)"
  needs_build "$image" "$hash" || return 0

  local modules
  modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")"
  [[ -n "$modules" ]] || die "jdeps found no modules for $jar"
  # jdk.crypto.ec: TLS to brokers with EC certificates; jdeps cannot see this service provider.
  modules="$modules,jdk.crypto.ec"
  log "jlink modules: $modules"

  local rootfs="$work/$module"
  base_rootfs "$rootfs"
  mkdir -p "$rootfs/opt" "$rootfs/app"
  local compress=2
  (($(jdk_major "$jdk") >= 21)) && compress=zip-6
  "$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
    --strip-debug --no-header-files --no-man-pages --compress="$compress" >/dev/null
  copy_shared_libraries "$rootfs/opt/java" "$rootfs"
  cp "$jar" "$rootfs/app/$jar_name"

  import_rootfs "$rootfs" "$image" "$hash" \
    'ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin:/bin LANG=C.UTF-8' \
    'USER 65534:65534' \
    'WORKDIR /tmp' \
    'ENTRYPOINT ["/opt/java/bin/java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-XX:-UsePerfData", "-jar", "/app/'"$jar_name"'"]'
}

start=$SECONDS
if $want_sleeper; then build_sleeper; fi
if $want_generator; then build_java_image "$GENERATOR_IMAGE" data-generator dcf-data-generator.jar; fi
if $want_builtin; then build_java_image "$BUILTIN_GENERATOR_IMAGE" generator dcf-generator.jar; fi
log "done in $((SECONDS - start)) s"
