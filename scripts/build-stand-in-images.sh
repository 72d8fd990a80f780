#!/usr/bin/env bash
# Builds offline stand-ins for the third-party images the compose files pull, so the stack runs on
# machines that cannot pull (CI). No image is pulled:
#
#   dcf-stand-in/kafka:<kafka version>   Apache Kafka from its Maven artifacts (scripts/stand-ins/
#                                        kafka-pom.xml) on dcf/jre-base, in KRaft mode, configured
#                                        from KAFKA_* and CLUSTER_ID as apache/kafka is
#   dcf-stand-in/postgres:15             Debian's postgresql-15 in a Debian root filesystem made by
#                                        mmdebstrap, imported with `docker import`; honours
#                                        POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and PGDATA
#                                        (/var/lib/postgresql/data) as the postgres image does
#
# Usage: scripts/build-stand-in-images.sh [--force] [--print-env] [kafka] [postgres]
#   no names = both. --print-env prints the .env lines that select them (DCF_KAFKA_IMAGE=...);
#   put them into the environment or .env of `docker-compose`. Kafka UI has no stand-in.
#
# Idempotent: every image carries the label dev.dcf.content-hash of its inputs and is left alone
# when it matches. The Kafka image is built on dcf/jre-base (made by
# scripts/build-app-images.sh base, which this script runs). Needs: what build-app-images.sh
# needs, and mmdebstrap (Debian package) with access to a Debian mirror for postgres; Maven
# Central (or ~/.m2) for the Kafka libraries.
set -euo pipefail

readonly POSTGRES_IMAGE="dcf-stand-in/postgres:15"
readonly POSTGRES_PACKAGE="postgresql-15"
readonly DEBIAN_SUITE="bookworm"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
script_path="$repo/scripts/$(basename "${BASH_SOURCE[0]}")"
stand_ins="$repo/scripts/stand-ins"

# shellcheck source-path=SCRIPTDIR source=lib/images.sh
source "$repo/scripts/lib/images.sh"
IMAGES_LOG_NAME=build-stand-in-images
usage() { sed -n '2,/^set -euo/p' "$script_path" | sed '$d; s/^# \{0,1\}//'; }

force=false
print_env=false
wanted=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --print-env) print_env=true ;;
    kafka | postgres) wanted+=("$arg") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
((${#wanted[@]} > 0)) || wanted=(kafka postgres)

require_docker_and tar sha256sum flock
lock_or_die "$repo/target/.build-stand-in-images.lock"

work="$(mktemp -d "$repo/target/stand-in-images.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# The version Maven resolves for a property of the parent pom (e.g. kafka.version).
maven_property() {
  (cd "$repo" && ./mvnw -B -q -N help:evaluate -Dexpression="$1" -DforceStdout) \
    || die "cannot read $1 from the parent pom"
}

# The image a build should not redo: same hash of its inputs, which include the base image id.
base_image() {
  "$repo/scripts/build-app-images.sh" base >&2 || die "building dcf/jre-base failed"
  local jdk
  jdk="$(find_jdk)"
  printf 'dcf/jre-base:%s\n' "$(jdk_major "$jdk")"
}

hash_of() {
  { sha256sum "$script_path" "$repo/scripts/lib/images.sh" "$@"; } | sha256sum | cut -c1-64
}

# --- Kafka ---------------------------------------------------------------------------------------

# Entry point: server.properties from the environment as apache/kafka's wrapper makes it
# (KAFKA_FOO_BAR -> foo.bar, ___ -> '-', __ -> '_'; JVM and logging variables excluded), the log
# directory formatted with CLUSTER_ID on the first start, then the broker in the foreground.
kafka_entrypoint() {
  cat <<'EOF'
#!/bin/sh
set -e
config=/opt/kafka/config/server.properties
awk 'BEGIN {
  n = split("VERSION HEAP_OPTS LOG4J_OPTS OPTS JMX_OPTS JVM_PERFORMANCE_OPTS GC_LOG_OPTS LOG4J_LOGGERS LOG4J_ROOT_LOGLEVEL TOOLS_LOG4J_LOGLEVEL JMX_HOSTNAME JMX_PORT", names, " ")
  for (i = 1; i <= n; i++) skip["KAFKA_" names[i]] = 1
  for (name in ENVIRON) {
    if (name !~ /^KAFKA_/ || name in skip) continue
    key = tolower(substr(name, 7))
    gsub(/_/, ".", key); gsub(/\.\.\./, "-", key); gsub(/\.\./, "_", key)
    print key "=" ENVIRON[name]
  }
}' >"$config"
if [ ! -s "$config" ]; then
  # no KAFKA_* settings: a single-node KRaft broker on localhost, as apache/kafka starts
  cat >"$config" <<'PROPERTIES'
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://localhost:9092
controller.listener.names=CONTROLLER
controller.quorum.voters=1@localhost:9093
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=/tmp/kraft-combined-logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
PROPERTIES
fi
log_dir=$(sed -n 's/^metadata\.log\.dir=//p' "$config")
[ -n "$log_dir" ] || log_dir=$(sed -n 's/^log\.dirs\{0,1\}=//p' "$config" | cut -d, -f1)
if [ ! -f "$log_dir/meta.properties" ]; then
  echo "formatting $log_dir for cluster ${CLUSTER_ID:=5L6g3nShT-eMCtK--X86sw}"
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "$CLUSTER_ID" --config "$config"
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
export KAFKA_TOOLS_LOG4J_LOGLEVEL="${KAFKA_LOG4J_ROOT_LOGLEVEL:-info}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$config"
EOF
}

# Every command-line tool of the image runs its class with the libraries; tools start small and
# quickly (the health check runs one every few seconds).
kafka_run_class() {
  cat <<'EOF'
#!/bin/sh
exec java ${KAFKA_HEAP_OPTS:--Xmx128m} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${KAFKA_TOOLS_LOG4J_LOGLEVEL:-warn}" \
  -Dorg.slf4j.simpleLogger.showDateTime=true "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS" \
  $KAFKA_OPTS -cp '/opt/kafka/libs/*' "$@"
EOF
}

build_kafka() {
  local base="$1" version image context
  version="$(maven_property kafka.version)"
  image="dcf-stand-in/kafka:$version"
  KAFKA_STAND_IN="$image"
  local hash
  hash="$( { hash_of "$stand_ins/kafka-pom.xml"; docker image inspect --format '{{.Id}}' "$base"; echo "$version"; } | sha256sum | cut -c1-64)"
  needs_build "$image" "$hash" || return 0

  context="$work/kafka"
  mkdir -p "$context/libs" "$context/bin"
  copy_dependencies "$stand_ins/kafka-pom.xml" "$context/libs"
  kafka_entrypoint >"$context/bin/stand-in-entrypoint.sh"
  kafka_run_class >"$context/bin/kafka-run-class.sh"
  local tool class
  while read -r tool class; do
    printf '#!/bin/sh\nexec /opt/kafka/bin/kafka-run-class.sh %s "$@"\n' "$class" >"$context/bin/$tool.sh"
  done <<'EOF'
kafka-server-start kafka.Kafka
kafka-storage kafka.tools.StorageTool
kafka-broker-api-versions org.apache.kafka.tools.BrokerApiVersionsCommand
kafka-topics org.apache.kafka.tools.TopicCommand
kafka-console-consumer org.apache.kafka.tools.consumer.ConsoleConsumer
kafka-console-producer org.apache.kafka.tools.ConsoleProducer
kafka-consumer-groups org.apache.kafka.tools.consumer.group.ConsumerGroupCommand
EOF
  chmod 0755 "$context"/bin/*.sh
  # uid 1000 (appuser) and /var/lib/kafka/data owned by it, as in apache/kafka
  cat >"$context/Dockerfile" <<EOF
FROM $base
LABEL $HASH_LABEL=$hash org.opencontainers.image.title="dcf-stand-in kafka $version"
RUN echo 'appuser:x:1000:1000:appuser:/home/appuser:/bin/sh' >>/etc/passwd \\
 && echo 'appuser:x:1000:' >>/etc/group \\
 && mkdir -p /opt/kafka/config /var/lib/kafka/data /home/appuser \\
 && chown -R 1000:1000 /opt/kafka/config /var/lib/kafka /home/appuser
COPY libs/ /opt/kafka/libs/
COPY bin/ /opt/kafka/bin/
ENV PATH=/opt/kafka/bin:/opt/java/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
USER 1000:1000
WORKDIR /home/appuser
EXPOSE 9092
ENTRYPOINT ["/opt/kafka/bin/stand-in-entrypoint.sh"]
EOF
  build_context "$context" kafka -t "$image"
  log "built $image ($(image_size "$image"))"
}

# --- PostgreSQL ----------------------------------------------------------------------------------

# Entry point as the postgres image's: as root it prepares PGDATA and the socket directory and
# drops to the user postgres; an empty PGDATA is initialised with POSTGRES_USER (superuser, password
# POSTGRES_PASSWORD, scram-sha-256 over TCP from anywhere) and POSTGRES_DB created.
postgres_entrypoint() {
  cat <<'EOF'
#!/bin/bash
set -euo pipefail
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [[ "$(id -u)" == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${POSTGRES_PASSWORD:-}" ]]; then
    echo "Database is uninitialized and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  user="${POSTGRES_USER:-postgres}"
  database="${POSTGRES_DB:-$user}"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  # jit: the image leaves out LLVM
  printf "listen_addresses = '*'\njit = off\n" >>"$PGDATA/postgresql.conf"
  if [[ "$database" != postgres ]]; then
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    psql -v ON_ERROR_STOP=1 -q --username="$user" --dbname=postgres \
      -c "CREATE DATABASE \"$database\""
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"
EOF
}

build_postgres() {
  command -v mmdebstrap >/dev/null || die "mmdebstrap not found (Debian: apt-get install mmdebstrap)"
  local entrypoint="$work/docker-entrypoint.sh"
  postgres_entrypoint >"$entrypoint"
  chmod 0755 "$entrypoint"
  local hash
  hash="$( { hash_of; cat "$entrypoint"; } | sha256sum | cut -c1-64)"
  needs_build "$POSTGRES_IMAGE" "$hash" || return 0

  log "mmdebstrap $DEBIAN_SUITE with $POSTGRES_PACKAGE"
  # No main cluster from the package (the entry point makes one in PGDATA); no LLVM (JIT), docs,
  # manuals or translations; apt's caches are dropped. The hooks' $1 is mmdebstrap's, not ours.
  # shellcheck disable=SC2016
  mmdebstrap --variant=minbase --include="$POSTGRES_PACKAGE" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/lib/x86_64-linux-gnu/libLLVM*' \
    --dpkgopt='path-exclude=/usr/lib/x86_64-linux-gnu/libz3*' \
    --dpkgopt="path-exclude=/usr/lib/postgresql/*/lib/llvmjit*" \
    --dpkgopt="path-exclude=/usr/lib/postgresql/*/lib/bitcode/*" \
    --setup-hook='mkdir -p "$1/etc/postgresql-common/createcluster.d"' \
    --setup-hook='echo "create_main_cluster = false" >"$1/etc/postgresql-common/createcluster.d/dcf-stand-in.conf"' \
    --customize-hook="upload $entrypoint /usr/local/bin/docker-entrypoint.sh" \
    --customize-hook='chmod 0755 "$1/usr/local/bin/docker-entrypoint.sh"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log' \
    --quiet "$DEBIAN_SUITE" "$work/postgres.tar" \
    || die "mmdebstrap failed (it needs a Debian mirror, e.g. deb.debian.org)"
  local bin
  bin="$(tar -tf "$work/postgres.tar" | sed -n 's#^\./usr/lib/postgresql/\([0-9]*\)/bin/postgres$#\1#p' | head -n 1)"
  [[ -n "$bin" ]] || die "no /usr/lib/postgresql/<version>/bin/postgres in the root filesystem"
  import_tar "$POSTGRES_IMAGE" "$hash" \
    "ENV PATH=/usr/lib/postgresql/$bin/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PGDATA=/var/lib/postgresql/data LANG=C.UTF-8" \
    'VOLUME /var/lib/postgresql/data' \
    'EXPOSE 5432' \
    'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    'CMD ["postgres"]' <"$work/postgres.tar"
  # SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to leave); `docker
  # import` cannot set the stop signal, a build step on the imported image can.
  mkdir -p "$work/postgres"
  printf 'FROM %s\nSTOPSIGNAL SIGINT\n' "$POSTGRES_IMAGE" >"$work/postgres/Dockerfile"
  build_context "$work/postgres" postgres -t "$POSTGRES_IMAGE"
}

start=$SECONDS
KAFKA_STAND_IN=""
want_postgres=false
# PostgreSQL's root filesystem mostly waits for the mirror and dpkg: it runs beside the Java images.
postgres_pid=""
stop_postgres_build() { [[ -z "$postgres_pid" ]] || kill "$postgres_pid" 2>/dev/null || true; }
trap 'stop_postgres_build; cleanup' EXIT
for name in "${wanted[@]}"; do
  if [[ "$name" == postgres ]]; then
    want_postgres=true
    build_postgres >"$work/postgres.out" 2>&1 &
    postgres_pid=$!
  fi
done
for name in "${wanted[@]}"; do
  case "$name" in
    kafka) build_kafka "$(base_image)" ;;
  esac
done
if $want_postgres; then
  status=0
  wait "$postgres_pid" || status=$?
  postgres_pid=""
  if ((status != 0)); then
    cat "$work/postgres.out" >&2
    die "building $POSTGRES_IMAGE failed"
  fi
  cat "$work/postgres.out"
fi
log "done in $((SECONDS - start)) s"
if $print_env; then
  [[ -z "$KAFKA_STAND_IN" ]] || printf 'DCF_KAFKA_IMAGE=%s\n' "$KAFKA_STAND_IN"
  ! $want_postgres || printf 'DCF_POSTGRES_IMAGE=%s\n' "$POSTGRES_IMAGE"
fi
