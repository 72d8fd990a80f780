#!/usr/bin/env bash
# Built-in generator benchmark (figures in docs/benchmarks.md, section "Built-in generator"), on
# the embedded broker started in the benchmark's JVM, side by side in one run:
#   1. Kafka's ProducerPerformance (kafka-tools, 200-byte records) vs the DCF generator app (JSON
#      sensor readings of about 200 bytes, RATE=unlimited), each in a JVM of its own with the same
#      producer settings (acks=1, linger.ms=5, batch.size=65536, no compression) and JVM flags:
#      records/s and CPU per 100,000 records/s;
#   2. rate accuracy of the app (in-process) at 1,000 / 10,000 / 100,000 records/s;
#   3. scaling over 1, 2, 4 containers of the dcf/generator image (docker run, host network).
# Prints Markdown tables. Not a test: nothing is asserted.
#
#   scripts/bench-generator.sh [records per run] [rounds] [no-containers]
#
# MVN_OFFLINE=  (empty) lets Maven download missing plugins; the default is offline (-o).
set -euo pipefail
cd "$(dirname "$0")/.."

offline=()
[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")

# the reactor builds the module and what it needs (nothing is installed to ~/.m2); the class path
# file lists the test class path, reactor modules as their target/classes
./mvnw -B -q "${offline[@]}" -pl generator -am package dependency:build-classpath -DskipTests \
	-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
bash scripts/build-test-images.sh builtin-generator >/dev/null
exec java -XX:+UseSerialGC \
	-cp "generator/target/test-classes:generator/target/classes:$(cat generator/target/bench-classpath.txt)" \
	dev.dcf.generator.app.GeneratorBenchmark "$@"
