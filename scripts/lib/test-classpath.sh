# shellcheck shell=bash
# Sourced by the benchmark scripts, run from the repository's root: builds a module and what it
# needs into target/ (no install) and prints the classpath of its test scope, its own test and
# main classes first. MVN_OFFLINE= (empty) lets Maven download plugins; the default is offline.
#
#   classpath="$(test_classpath job-handler)"                       # test-compile
#   classpath="$(test_classpath generator package -DskipTests)"     # other goals
test_classpath() {
	local module="$1"
	shift
	local goals=("$@")
	[[ ${#goals[@]} -gt 0 ]] || goals=(test-compile)
	local offline=()
	[[ -n "${MVN_OFFLINE--o}" ]] && offline+=("${MVN_OFFLINE--o}")
	local file="$PWD/$module/target/bench-classpath.txt"
	./mvnw -B -q "${offline[@]}" -pl "$module" -am "${goals[@]}" dependency:build-classpath \
		-Dmdep.outputFile="$file" -Dmdep.includeScope=test >&2 || return 1
	printf '%s' "$PWD/$module/target/test-classes:$PWD/$module/target/classes:$(cat "$file")"
}
