#!/usr/bin/env bash
# Job handler benchmark (figures in docs/benchmarks.md): median time from REST submit (POST /api/jobs with
# "start": true, one sleeper container) to the job RUNNING, over N jobs (default 20), next to
# the raw Docker API create+start measured in the same run, and how long the handler takes to
# declare a cleanly stopped agent LOST (defaults: heartbeat 5 s, agent-restart-grace 60 s). The handler and
# one agent run in one JVM on the embedded broker and registry; needs a running dockerd.
# Prints a Markdown table. Not a test: nothing is asserted.
#
#   scripts/bench-handler.sh [runs]
#
# MVN_OFFLINE=  (empty) lets Maven download missing plugins; the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

./mvnw -B -q "${offline[@]}" -pl job-handler -am install -DskipTests
./mvnw -B -q "${offline[@]}" -pl job-handler test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.handler.e2e.HandlerBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="$runs"
