#!/usr/bin/env bash
# Container agent benchmark (figures in docs/benchmarks.md): median time from a CREATE instruction sent to
# the STARTED status received (one sleeper container, N runs, default 20) next to the raw
# Docker API create+start measured the same way in the same run, and the resident memory
# (VmRSS) of the agent, started as its own `java -jar` process, idle and with 20 containers.
# Needs a running dockerd; uses the embedded broker and registry. Prints a Markdown table.
# Not a test: nothing is asserted.
#
#   scripts/bench-agent.sh [runs]
#
# AGENT_JAVA_OPTS="-Xmx128m" passes JVM options to the agent process (default: none).
# MVN_OFFLINE=  (empty) lets Maven download missing plugins; the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

# the agent jar (repackaged, runnable) and what it depends on
./mvnw -B -q "${offline[@]}" -pl container-agent -am install -DskipTests
# the runnable jar (repackaged with classifier exec; the plain jar is a library)
jar="$(find container-agent/target -maxdepth 1 -name 'dcf-container-agent-*-exec.jar' | head -1)"
./mvnw -B -q "${offline[@]}" -pl container-agent test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.agent.bench.AgentBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="$PWD/$jar $runs"
