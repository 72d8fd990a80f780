#!/usr/bin/env bash
# Burst benchmark (figures in docs/benchmarks.md): N jobs of one sleeper container submitted at
# once through the REST API until all are RUNNING, next to N sequential raw Docker API
# create+start of the same image on the same daemon, in one run. The handler and one agent run
# in one JVM on the embedded broker and registry; needs a running dockerd and the test images
# (scripts/build-test-images.sh). Prints a Markdown table. Not a test: nothing is asserted.
#
#   scripts/bench-burst.sh [jobs]
#
# BENCH_AGENT_PROPERTIES="name=value,..." overrides the agent's settings (what a setting costs);
# JAVA_OPTS=-Dlogging.level.dev.dcf.agent.runtime.docker.BoundedCalls=debug logs every Docker
# call's time.
#
# Builds into target/ only (no install). MVN_OFFLINE= (empty) lets Maven download plugins.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${1:-100}"
# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
classpath="$(test_classpath job-handler)"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java -Xmx"${BENCH_HEAP:-2g}" ${JAVA_OPTS:-} -cp "$classpath" dev.dcf.handler.e2e.BurstBenchmark "$jobs"
