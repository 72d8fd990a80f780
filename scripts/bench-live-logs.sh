#!/usr/bin/env bash
# Live container logs benchmark (figures in docs/benchmarks.md): the lines per second an
# agent forwards to dcf.container-logs and what that does to its heartbeats and CPU, with
# the default rate bound and with the bound lifted (LiveLogBenchmark in the agent's tests).
# Needs a running dockerd; builds the agent jar and the test images. Prints a Markdown
# table. Not a test: nothing is asserted.
#
#   scripts/bench-live-logs.sh [seconds per phase]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

./mvnw -B -q "${offline[@]}" -pl container-agent -am install -DskipTests
jar="$(find container-agent/target -maxdepth 1 -name 'dcf-container-agent-*-exec.jar' | head -1)"
./mvnw -B -q "${offline[@]}" -pl container-agent test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.agent.bench.LiveLogBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="$PWD/$jar $seconds"
