#!/usr/bin/env bash
# Authentication benchmark (figures in docs/benchmarks.md): authenticated GET /api/jobs/{id}
# per second with a personal API token (Bearer) and with HTTP Basic (bcrypt per call),
# alternately in one run, N client threads for S seconds each. The handler runs on the
# embedded broker with its H2 file database; no Docker needed. Prints a Markdown table.
# Not a test: nothing is asserted.
#
#   scripts/bench-auth.sh [threads] [seconds] [rounds]
#
# MVN_OFFLINE=  (empty) lets Maven download missing plugins; the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

./mvnw -B -q "${offline[@]}" -pl job-handler -am install -DskipTests
./mvnw -B -q "${offline[@]}" -pl job-handler test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.handler.token.AuthBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="${1:-4} ${2:-10} ${3:-2}"
