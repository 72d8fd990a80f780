#!/usr/bin/env bash
# Live-updates benchmark (figures in docs/benchmarks.md): one JVM runs the embedded broker and
# registry, the job handler (H2 file database in a fresh directory) and N hollow agents; B headless
# Chromium browsers (Debian's chromium and chromedriver) are logged in on the jobs page. Per phase,
# jobs are submitted through the REST API at a steady rate, and each browser notes when each job's
# row first shows RUNNING. Prints a Markdown table per phase: the delay from a job's start (as the
# handler recorded it) to the browsers showing it, whether it grows during the phase, how many jobs
# each browser showed, its fetches, and the handler's web and websocket CPU. Not a test: nothing
# is asserted.
#
#   scripts/bench-live-updates.sh [agents] [jobs per second] [seconds per phase] [browser counts]
#   scripts/bench-live-updates.sh 20 10 60 0,1,10
#
# Builds into target/ only (no install). MVN_OFFLINE= (empty) lets Maven download plugins.
set -euo pipefail
cd "$(dirname "$0")/.."

agents="${1:-20}"
rate="${2:-10}"
seconds="${3:-60}"
browsers="${4:-0,1,10}"
# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
classpath="$(test_classpath job-handler)"

# the browsers' profiles go under the module's target/ (Browser), as in the GUI tests
cd job-handler
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java -Xmx"${BENCH_HEAP:-3g}" ${JAVA_OPTS:-} -cp "$classpath" \
	dev.dcf.handler.e2e.LiveUpdatesBenchmark "$agents" "$rate" "$seconds" "$browsers"
