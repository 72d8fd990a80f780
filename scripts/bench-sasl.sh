#!/usr/bin/env bash
# Cost of Kafka authentication (figures in docs/benchmarks.md, section "Kafka authentication"):
# broker start without and with SASL + ACLs, and the generator app's records/s as an
# unauthenticated client vs a per-run SCRAM-SHA-512 principal with ACLs. Not a test.
#
#   scripts/bench-sasl.sh [records per run] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
classpath="$(test_classpath generator package -DskipTests)"
exec java -XX:+UseSerialGC -cp "$classpath" dev.dcf.generator.app.SaslBenchmark "$@"
