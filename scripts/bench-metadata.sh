#!/usr/bin/env bash
# The broker's metadata writes on a job's way to RUNNING (figures in docs/benchmarks.md, section
# "The controller's linger"): creating a topic and granting a run principal, one after the
# other on a fresh authenticated embedded broker, for each value of
# controller.quorum.append.linger.ms, alternating. Not a test.
#
#   scripts/bench-metadata.sh [writes per round] [rounds] [linger values, e.g. 25,2]
set -euo pipefail
cd "$(dirname "$0")/.."
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")
./mvnw -B -q "${offline[@]}" -pl standalone/embedded -am test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -XX:+UseSerialGC \
	-cp "standalone/embedded/target/test-classes:standalone/embedded/target/classes:$(cat standalone/embedded/target/bench-classpath.txt)" \
	dev.dcf.standalone.embedded.MetadataCommitBenchmark "$@"
