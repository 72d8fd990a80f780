#!/usr/bin/env bash
# The broker's metadata writes on a job's way to RUNNING (figures in docs/benchmarks.md, section
# "The controller's linger"): creating a topic and granting a run principal, one after the
# other on a fresh authenticated embedded broker, for each value of
# controller.quorum.append.linger.ms, alternating. Not a test.
#
#   scripts/bench-metadata.sh [writes per round] [rounds] [linger values, e.g. 25,2]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/test-classpath.sh
source scripts/lib/test-classpath.sh
classpath="$(test_classpath standalone/embedded)"
exec java -XX:+UseSerialGC -cp "$classpath" dev.dcf.standalone.embedded.MetadataCommitBenchmark "$@"
