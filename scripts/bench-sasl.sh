#!/usr/bin/env bash
# Cost of Kafka authentication (figures in docs/benchmarks.md, section "Kafka authentication"):
# broker start without and with SASL + ACLs, and the generator app's records/s as an
# unauthenticated client vs a per-run SCRAM-SHA-512 principal with ACLs. Not a test.
#
#   scripts/bench-sasl.sh [records per run] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")
./mvnw -B -q "${offline[@]}" -pl generator -am package dependency:build-classpath -DskipTests \
	-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -XX:+UseSerialGC \
	-cp "generator/target/test-classes:generator/target/classes:$(cat generator/target/bench-classpath.txt)" \
	dev.dcf.generator.app.SaslBenchmark "$@"
