# shellcheck shell=bash disable=SC2154
# What the offline image scripts share (sourced, not run): finding the JDK, jlink-ing a JRE with
# the shared libraries it needs, a static busybox root filesystem, content-hash labels, and
# `docker import` of a root filesystem. No image is pulled by anything here.
#
# The sourcing script sets, before calling these functions:
#   IMAGES_LOG_NAME   prefix of log lines, e.g. build-app-images
#   work              a scratch directory it removes on exit
#   force             true to rebuild images whose content-hash label matches
#   repo              the checkout's root (for the Maven wrapper)
# (SC2154 is off for this reason: those variables are the sourcing script's.)

readonly HASH_LABEL="dev.dcf.content-hash"

log() { printf '[%s] %s\n' "$IMAGES_LOG_NAME" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$IMAGES_LOG_NAME" "$*" >&2; exit 1; }

# Fails unless the docker CLI is there and a daemon answers, and the given tools are on PATH.
require_docker_and() {
  command -v docker >/dev/null || die "docker CLI not found (Debian: apt-get install docker.io)"
  docker info >/dev/null 2>&1 || die "no Docker daemon answers ('docker info' fails); start dockerd first"
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool not found"
  done
}

# Serialises runs of one script (test JVMs of several modules may start it at the same moment).
lock_or_die() {
  local file="$1"
  mkdir -p "$(dirname "$file")"
  exec 9>"$file"
  flock -w 900 9 || die "timed out waiting for another run (lock $file)"
}

jdk_major() { "$1/bin/jlink" --version | cut -d. -f1; }

# The JDK to jlink from: JAVA_HOME, else the one of the java on PATH.
find_jdk() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" ]]; then
    command -v java >/dev/null || die "no JDK: set JAVA_HOME or put java on PATH"
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [[ -x "$home/bin/jlink" ]] || die "$home is not a JDK with jlink (set JAVA_HOME to a JDK 17+)"
  # JDK 24+ can link from its own run-time image; older ones need jmods/
  if [[ ! -d "$home/jmods" ]] && (($(jdk_major "$home") < 24)); then
    die "$home has no jmods/ (Debian: apt-get install openjdk-17-jdk-headless)"
  fi
  printf '%s\n' "$home"
}

# Prints the content-hash label of an image, or nothing when the image does not exist.
image_hash() {
  docker image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

# True when the image must be (re)built for the given hash.
needs_build() {
  local image="$1" hash="$2"
  if ! $force && [[ "$(image_hash "$image")" == "$hash" ]]; then
    log "$image is up to date (${hash:0:12})"
    return 1
  fi
  return 0
}

image_size() {
  docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.1f MB", $1/1000000}'
}

# Drops an image that a build has just untagged, unless a container still uses it.
drop_replaced() {
  local image="$1" previous="$2"
  if [[ -n "$previous" && "$previous" != "$(docker image inspect --format '{{.Id}}' "$image")" ]]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
}

# Imports a root-filesystem tar read from stdin as an image labelled with the hash. Extra args are
# `docker import --change` values.
import_tar() {
  local image="$1" hash="$2"
  shift 2
  local changes=(--change "LABEL $HASH_LABEL=$hash") change previous
  for change in "$@"; do
    changes+=(--change "$change")
  done
  previous="$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
  docker import "${changes[@]}" --message "built by scripts/$IMAGES_LOG_NAME.sh" - "$image" >/dev/null
  drop_replaced "$image" "$previous"
  log "built $image ($(image_size "$image"))"
}

# Packs a root filesystem directory (owned by root) and imports it; see import_tar.
import_rootfs() {
  local rootfs="$1"
  shift
  tar -C "$rootfs" --owner=0 --group=0 --numeric-owner -cf - . | import_tar "$@"
}

# Copies the runtime dependencies of a pom that is not a module (scripts/lib, scripts/stand-ins)
# to a directory.
copy_dependencies() {
  local pom="$1" into="$2"
  (cd "$repo" && ./mvnw -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$into") >"$work/maven.log" 2>&1 || { cat "$work/maven.log" >&2; die "copying the dependencies of $pom failed"; }
}

# Builds a directory (a Dockerfile and what it copies) with the classic builder, which uses local
# base images as they are and never contacts a registry. Extra args go to `docker build`.
build_context() {
  local context="$1" name="$2"
  shift 2
  if ! DOCKER_BUILDKIT=0 docker build "$@" "$context" >"$work/$name.log" 2>&1; then
    cat "$work/$name.log" >&2
    die "docker build of $name failed"
  fi
}

# The static busybox, checked.
static_busybox() {
  local busybox=/bin/busybox
  if [[ ! -x "$busybox" ]] || ! "$busybox" --list >/dev/null 2>&1 || ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox must be a static busybox: apt-get install busybox-static"
  fi
  printf '%s\n' "$busybox"
}

# A minimal root filesystem: /etc (root and nobody), /tmp, mount points, and a static busybox with
# its applet links (/bin/sh, /usr/bin/env, ...).
busybox_rootfs() {
  local rootfs="$1" busybox applet
  busybox="$(static_busybox)"
  mkdir -p "$rootfs"/{etc,tmp,proc,sys,dev,root,bin}
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  cp "$busybox" "$rootfs/bin/busybox"
  while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$rootfs/$(dirname "$applet")"
    ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$busybox" --list-full)
}

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
  # libjvm.so and friends are found at run time (the launcher loads them first); a library the JRE
  # itself ships is never missing.
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

# jlinks a JRE with the given modules to <rootfs>/opt/java and adds the libraries it needs.
jlink_jre() {
  local jdk="$1" modules="$2" rootfs="$3" compress=2
  (($(jdk_major "$jdk") >= 21)) && compress=zip-6
  mkdir -p "$rootfs/opt"
  "$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
    --strip-debug --no-header-files --no-man-pages --compress="$compress" >/dev/null
  copy_shared_libraries "$rootfs/opt/java" "$rootfs"
}
