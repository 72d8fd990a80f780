#!/usr/bin/env bash
# Measures ./dcf: time from starting it to "DCF is ready" with an empty data directory (cold) and
# again with the data of the first run (warm), the JVM's resident memory (VmRSS) after it has been
# idle, and the time Ctrl-C takes. The launcher jar must be built (./dcf builds it when missing,
# which is not timed: run ./dcf once first).
#
# Usage: scripts/bench-standalone.sh [idle-seconds]     (default 30)
#   DCF_JAVA_OPTS is passed on (e.g. to compare JVM options); ports are free ones, the data
#   directory is target/bench-standalone/data (deleted first).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
idle="${1:-30}"
work="$repo/target/bench-standalone"
rm -rf "$work"
mkdir -p "$work"

free_port() { perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalPort => 0)->sockport'; }

export DCF_DATA_DIR="$work/data"
DCF_STANDALONE_KAFKA_PORT="$(free_port)"
DCF_STANDALONE_REGISTRY_PORT="$(free_port)"
DCF_STANDALONE_HTTP_PORT="$(free_port)"
export DCF_STANDALONE_KAFKA_PORT DCF_STANDALONE_REGISTRY_PORT DCF_STANDALONE_HTTP_PORT
export DCF_ADMIN_PASSWORD="bench-$RANDOM$RANDOM"
export DCF_SKIP_BUILD=1

# Starts ./dcf in the background and waits for its ready message; sets pid and seconds.
start() {
  local log="$1" begin
  begin=$(date +%s.%N)
  # perl: SIGINT back to its default, in case this shell runs as a background job
  perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die $!' "$repo/dcf" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1800); do
    if grep -q "DCF is ready" "$log" 2>/dev/null; then
      seconds="$(echo "$(date +%s.%N) - $begin" | bc)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; echo "./dcf died" >&2; exit 1; }
    sleep 0.1
  done
  echo "./dcf not ready within 180 s" >&2
  kill -9 "$pid"
  exit 1
}

# Ctrl-C and wait for the exit; sets seconds and code.
stop() {
  local begin
  begin=$(date +%s.%N)
  kill -INT "$pid"
  code=0
  wait "$pid" || code=$?
  seconds="$(echo "$(date +%s.%N) - $begin" | bc)"
}

start "$work/cold.log"; cold=$seconds
sleep "$idle"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
stop; cold_stop=$seconds; cold_code=$code

start "$work/warm.log"; warm=$seconds
sleep "$idle"
rss_warm_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
stop; warm_stop=$seconds; warm_code=$code

printf 'JVM options:        %s\n' "${DCF_JAVA_OPTS:-(./dcf default)}"
printf 'cold start:         %.1f s to ready (launcher says: %s)\n' "$cold" "$(grep -o 'started in [0-9.]* s' "$work/cold.log")"
printf 'warm start:         %.1f s to ready (launcher says: %s)\n' "$warm" "$(grep -o 'started in [0-9.]* s' "$work/warm.log")"
printf 'RSS idle %3s s:      %d MB (cold run), %d MB (warm run)\n' "$idle" $((rss_kb / 1024)) $((rss_warm_kb / 1024))
printf 'Ctrl-C to exit:     %.1f s (exit %s), %.1f s (exit %s)\n' "$cold_stop" "$cold_code" "$warm_stop" "$warm_code"
