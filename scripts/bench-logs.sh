#!/usr/bin/env bash
# Container logs benchmark (figures in docs/benchmarks.md): what reading the end of an exited
# container's output costs an exit report. For containers that wrote 1,000 / 10,000 / 100,000
# lines (dcf-test/sleeper with a shell loop, json-file log driver), the median and worst of N
# reads of the last 100 lines (`docker logs --tail 100`, the Docker API call the agent makes
# through docker-java, plus the CLI's own start-up), next to `docker inspect` of the same
# container measured the same way (the CLI's start-up and one API call without a log), and the
# bytes read.
# Needs a running dockerd and the sleeper image (scripts/build-test-images.sh sleeper).
# Prints a Markdown table. Not a test: nothing is asserted.
#
#   scripts/bench-logs.sh [reads]
set -euo pipefail

reads="${1:-20}"
image="dcf-test/sleeper:latest"
names=()
cleanup() {
	if [[ ${#names[@]} -gt 0 ]]; then
		docker rm -f "${names[@]}" >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

printf '| lines written | median read of the last 100 (ms) | worst (ms) | median docker inspect (ms) | bytes read |\n'
printf '|---:|---:|---:|---:|---:|\n'
for lines in 1000 10000 100000; do
	name="dcf-bench-logs-$lines-$$"
	names+=("$name")
	docker run -d --name "$name" "$image" /bin/sh -c \
		"i=1; while [ \$i -le $lines ]; do echo \"line \$i of a generator that failed, with some text\"; i=\$((i+1)); done; exit 1" >/dev/null
	docker wait "$name" >/dev/null
	times=()
	for _ in $(seq "$reads"); do
		start=$(now_ms)
		docker logs --tail 100 "$name" >/dev/null 2>&1
		times+=($(( $(now_ms) - start )))
	done
	inspects=()
	for _ in $(seq "$reads"); do
		start=$(now_ms)
		docker inspect "$name" >/dev/null 2>&1
		inspects+=($(( $(now_ms) - start )))
	done
	mapfile -t sorted_inspects < <(printf '%s\n' "${inspects[@]}" | sort -n)
	inspect_median=${sorted_inspects[$(( ${#sorted_inspects[@]} / 2 ))]}
	mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
	median=${sorted[$(( ${#sorted[@]} / 2 ))]}
	worst=${sorted[$(( ${#sorted[@]} - 1 ))]}
	bytes=$(docker logs --tail 100 "$name" 2>&1 | wc -c)
	printf '| %s | %s | %s | %s | %s |\n' "$lines" "$median" "$worst" "$inspect_median" "$bytes"
done
