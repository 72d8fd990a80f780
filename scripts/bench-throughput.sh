#!/usr/bin/env bash
# Throughput sampling benchmark (figures in docs/benchmarks.md): the cost of one sampling
# round of the handler (end offsets and log sizes of every RUNNING job's topic in batched
# requests) with N topics of 3 partitions on the embedded broker, next to the per-topic way
# (two requests per topic) in the same run: median wall time per round and CPU per round of
# the handler's threads and of the broker's. Prints a Markdown table. Not a test: nothing is
# asserted.
#
#   scripts/bench-throughput.sh [topics] [rounds]
#
# MVN_OFFLINE=  (empty) lets Maven download missing plugins; the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

topics="${1:-1000}"
rounds="${2:-10}"
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

./mvnw -B -q "${offline[@]}" -pl job-handler -am install -DskipTests
./mvnw -B -q "${offline[@]}" -pl job-handler test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.handler.messaging.ThroughputSamplingBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="$topics $rounds"
