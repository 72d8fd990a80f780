#!/usr/bin/env bash
# Start and memory of ./dcf (figures in docs/benchmarks.md). For each DCF home given (a checkout
# or a copy holding `dcf` and standalone/launcher/target/dcf-standalone-*.jar; default: this one),
# side by side in one run, homes alternating:
#   - cold: ./dcf to "DCF is ready" with an empty data directory and no class-data archive
#     (standalone/launcher/target/dcf-cds, what ./dcf makes on the first start after a build);
#   - warm: the same again with the data and archive of the cold run;
#   - the phases of each start, from the launcher's log: JVM → first log line, broker, schema
#     registry, handler context, agent context, both contexts up → ready;
#   - resident memory (VmRSS) after idling, and again after a full GC (jcmd GC.run);
#   - with finished jobs: N jobs created, started and stopped through the REST API with an API
#     token (an agent label no agent has, so each ends COMPLETED without a container), then RSS
#     after a GC and a class histogram (target/bench-start/<home>-histo-<N>.txt) per total;
#   - GET /api/jobs/{id} with the token: requests/s, p50, p99 for each client thread count.
# Not a test: nothing is asserted. Prints Markdown tables.
#
#   scripts/bench-start.sh [job totals] [home ...]
#   scripts/bench-start.sh 1000,10000 /tmp/dcf-before .
#
#   BENCH_IDLE      seconds idle before measuring RSS (default 15)
#   BENCH_THREADS   client threads of the GET load, e.g. "4 8" (default); empty: no load
#   BENCH_SECONDS   seconds per GET load (default 10, after 3 s of warm-up)
#   BENCH_STARTS=0  no cold and warm starts: only the finished jobs (the data dir is kept)
#   DCF_JAVA_OPTS   passed on to ./dcf
# The launcher jar must be built (./mvnw -B -o -q -pl standalone/launcher -am package
# -DskipTests); ./dcf is run with DCF_SKIP_BUILD=1 and free ports.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
totals="${1:-1000}"
shift || true
homes=("$@")
[[ ${#homes[@]} -gt 0 ]] || homes=("$repo")
idle="${BENCH_IDLE:-15}"
threads="${BENCH_THREADS-4 8}"
seconds="${BENCH_SECONDS:-10}"
work="$repo/target/bench-start"
[[ "${BENCH_STARTS:-1}" == 0 ]] || rm -rf "$work"
mkdir -p "$work"

free_port() { perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalPort => 0)->sockport'; }
label() { basename "$(cd "$1" && pwd)"; }
now() { date +%s.%N; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

export DCF_SKIP_BUILD=1
export DCF_ADMIN_PASSWORD="bench-$RANDOM$RANDOM"
pid=""
trap '[[ -z "$pid" ]] || { kill "$pid" 2>/dev/null; wait "$pid"; }; true' EXIT

# Starts ./dcf of home $1 with data dir $2, log $3; waits for ready. Sets pid, ready, url.
start() {
  local home="$1" data="$2" log="$3" begin
  DCF_STANDALONE_HTTP_PORT="$(free_port)"
  : >"$log" # not the ready line of an earlier start
  begin=$(now)
  DCF_DATA_DIR="$data" DCF_STANDALONE_KAFKA_PORT="$(free_port)" DCF_STANDALONE_REGISTRY_PORT="$(free_port)" \
    DCF_STANDALONE_HTTP_PORT="$DCF_STANDALONE_HTTP_PORT" "$home/dcf" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if grep -q "DCF is ready" "$log" 2>/dev/null; then
      ready="$(echo "$(now) - $begin" | bc)"
      url="http://localhost:$DCF_STANDALONE_HTTP_PORT"
      first_log="$(phase_first_log "$log" "$begin")"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; echo "./dcf died" >&2; exit 1; }
    sleep 0.1
  done
  echo "./dcf not ready within 300 s" >&2
  exit 1
}

# Seconds from starting ./dcf to the launcher's first log line.
phase_first_log() {
  local stamp
  stamp="$(grep -m1 -o '^[0-9-]*T[0-9:.]*Z' "$1")"
  echo "$(date -d "$stamp" +%s.%N) - $2" | bc
}

# The phases of a start, from its log: "first log | broker | registry | handler | agent | both up →
# ready" (the handler's and agent's contexts may start side by side; the last is the wait for the
# handler to see the agent).
phases() {
  local log="$1" broker registry handler agent agent_at ready_at
  broker="$(grep -o 'Embedded Kafka started.* in [0-9]* ms' "$log" | grep -o '[0-9]* ms$' | tr -d ' ms')"
  registry="$(grep -o 'schema registry started.* in [0-9]* ms' "$log" | grep -o '[0-9]* ms$' | tr -d ' ms')"
  handler="$(grep -o 'Started JobHandlerApplication in [0-9.]*' "$log" | grep -o '[0-9.]*$')"
  agent="$(grep -o 'Started ContainerAgentApplication in [0-9.]*' "$log" | grep -o '[0-9.]*$')"
  agent_at="$(grep 'Started the agent (' "$log" | grep -o '^[0-9-]*T[0-9:.]*Z')"
  ready_at="$(grep -B30 'DCF is ready' "$log" | grep -o '^[0-9-]*T[0-9:.]*Z' | tail -n1)"
  printf '%.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s' "$first_log" "$(echo "$broker / 1000" | bc -l)" \
    "$(echo "$registry / 1000" | bc -l)" "$handler" "$agent" \
    "$(echo "$(date -d "$ready_at" +%s.%N) - $(date -d "$agent_at" +%s.%N)" | bc)"
}

stop() {
  kill "$pid"
  wait "$pid" || true
  pid=""
}

gc_rss() {
  jcmd "$pid" GC.run >/dev/null
  sleep 2
  rss_mb "$pid"
}

printf 'Load average before: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "${BENCH_STARTS:-1}" != 0 ]]; then
  echo '| home | start | ./dcf → ready | JVM → first log | broker | registry | handler context | agent context | both up → ready | RSS idle | RSS after GC |'
  echo '|---|---|---|---|---|---|---|---|---|---|---|'
  for kind in cold warm; do
    for home in "${homes[@]}"; do
      name="$(label "$home")"
      if [[ "$kind" == cold ]]; then
        rm -rf "$work/$name-data" "$home/standalone/launcher/target/dcf-cds"
      fi
      start "$home" "$work/$name-data" "$work/$name-$kind.log"
      sleep "$idle"
      idle_rss="$(rss_mb "$pid")"
      after_gc="$(gc_rss)"
      printf '| %s | %s | %.1f s | %s | %s MB | %s MB |\n' "$name" "$kind" "$ready" "$(phases "$work/$name-$kind.log")" \
        "$idle_rss" "$after_gc"
      stop
    done
  done
fi

[[ "$totals" != 0 ]] || exit 0
echo
echo '| home | finished jobs | fill time | RSS after GC | heap used after GC | GET /api/jobs/{id}: threads → requests/s (p50 / p99 ms) |'
echo '|---|---|---|---|---|---|'
for home in "${homes[@]}"; do
  name="$(label "$home")"
  start "$home" "$work/$name-data" "$work/$name-jobs.log"
  token="$(curl -sf -u "admin:$DCF_ADMIN_PASSWORD" -H 'Content-Type: application/json' "$url/api/tokens" \
    -d '{"name": "bench-'"$RANDOM"'", "days": 1}' | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
  have=0
  IFS=, read -ra wanted <<<"$totals"
  for total in "${wanted[@]}"; do
    begin=$(now)
    id="$(java "$repo/scripts/lib/ApiLoad.java" fill "$url" "$token" $((total - have)) 4)"
    fill="$(echo "$(now) - $begin" | bc)"
    have=$total
    sleep 5 # the stops' events settle
    after_gc="$(gc_rss)"
    jcmd "$pid" GC.class_histogram >"$work/$name-histo-$total.txt"
    heap="$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -n2 | grep -o '[0-9]*' | paste -sd+ | bc)"
    load=""
    for t in $threads; do
      read -r rate p50 p99 errors < <(java "$repo/scripts/lib/ApiLoad.java" get "$url" "$token" "$id" "$t" "$seconds")
      [[ "$errors" == 0 ]] && errors="" || errors=", $errors errors"
      load+="$t → $rate ($p50 / $p99$errors); "
    done
    printf '| %s | %s | %.0f s | %s MB | %s MB | %s |\n' "$name" "$total" "$fill" "$after_gc" $((heap / 1024)) "${load%; }"
  done
  stop
done
printf '\nLoad average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
