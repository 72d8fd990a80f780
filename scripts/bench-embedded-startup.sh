#!/usr/bin/env bash
# Startup time of the embedded Kafka broker and schema registry (standalone/embedded).
# Starts and stops both N times (default 5) in one JVM, each run on a fresh log directory
# and random ports, and prints a table with the medians. Not a test: nothing is asserted.
#
#   scripts/bench-embedded-startup.sh [runs]
#
# MVN_OFFLINE=  (empty) lets Maven download missing plugins (exec-maven-plugin the first
# time); the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

# the module and what it depends on (schemes), without tests
./mvnw -B -q "${offline[@]}" -pl standalone/embedded -am install -DskipTests
./mvnw -B -q "${offline[@]}" -pl standalone/embedded test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
	-Dexec.mainClass=dev.dcf.standalone.embedded.EmbeddedStartupBenchmark \
	-Dexec.classpathScope=test \
	-Dexec.args="$runs $PWD/standalone/embedded/target/bench"
