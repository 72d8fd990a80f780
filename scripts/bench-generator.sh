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

# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
# packaged: the generator's image is built from its jar
classpath="$(test_classpath generator package -DskipTests)"
bash scripts/build-test-images.sh builtin-generator >/dev/null
exec java -XX:+UseSerialGC -cp "$classpath" dev.dcf.generator.app.GeneratorBenchmark "$@"
