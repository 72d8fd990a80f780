#!/usr/bin/env bash
# Scale benchmark with hollow agents (figures in docs/benchmarks.md): one JVM runs the embedded
# broker and registry, the job handler (H2 file database in a fresh directory; pass
# -Dspring.datasource.url=jdbc:postgresql://... etc. in JAVA_OPTS for PostgreSQL) and N agents
# on the hollow runtime (dcf.agent.runtime=hollow: containers simulated, no Docker, heartbeat
# every 5 s). Jobs of one container are submitted through the REST API with an API token, in
# steps up to each total of RUNNING; further totals are filled with created, not started jobs.
# Prints a Markdown table per total: placement rate, the handler's CPU per heartbeat round, the
# jobs page's and GET /api/jobs' p50/p95. Not a test: nothing is asserted.
#
#   scripts/bench-scale.sh [agents] [running totals] [filled totals]
#   scripts/bench-scale.sh 100 1000,5000,10000 50000
#
# BENCH_HANDLER_PROPERTIES="name=value,..." overrides handler settings (e.g.
# dcf.kafka.run-principals.enabled=false: what the per-run Kafka principals cost);
# BENCH_AGENT_PROPERTIES the same for every hollow agent (e.g. dcf.agent.concurrent-instructions=1).
# Builds into target/ only (no install). MVN_OFFLINE= (empty) lets Maven download plugins.
set -euo pipefail
cd "$(dirname "$0")/.."

agents="${1:-100}"
running="${2:-1000,5000,10000}"
filled="${3:-}"
# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
classpath="$(test_classpath job-handler)"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java -Xmx"${BENCH_HEAP:-6g}" ${JAVA_OPTS:-} -cp "$classpath" dev.dcf.handler.e2e.ScaleBenchmark \
	"$agents" "$running" ${filled:+"$filled"}
