#!/usr/bin/env bash
# Fuzzes one entry point with libFuzzer under AddressSanitizer for a number of seconds:
#   Scripts/fuzz.sh loader|command|script|filter|sources SECONDS [libFuzzer options…]
# The target starts from a copy of its committed corpus (Fuzz/corpus/TARGET), so the commit
# stays small; a crash is saved as .build-fuzz/crashes/TARGET-crash-… and rerun with
#   .build-fuzz/release/FuzzLoader FILE    (or a plain `swift run FuzzLoader FILE`).
# Prints libFuzzer's final statistics and one summary line; exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  loader) product=FuzzLoader ;;
  command) product=FuzzCommand ;;
  script) product=FuzzScript ;;
  filter) product=FuzzFilter ;;
  sources) product=FuzzSources ;;
  *) echo "usage: Scripts/fuzz.sh loader|command|script|filter|sources SECONDS [libFuzzer options…]" >&2; exit 2 ;;
esac
target=$1
seconds=${2:?usage: Scripts/fuzz.sh loader|command|script|filter|sources SECONDS}
shift 2

scratch=.build-fuzz
mkdir -p "$scratch/crashes"
# SwiftPM's --sanitize links libFuzzer's main; the combined -sanitize=fuzzer,address is what
# makes swiftc instrument for coverage (given separately, the last one alone wins).
# Two runs at once share one build: the lock keeps them from building over each other.
(
  flock 9
  swift build -c release --scratch-path "$scratch" --product "$product" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    2>&1 | grep -v "Cannot export local symbol" | tail -1
) 9>"$scratch/build.lock"

work=$(mktemp -d "${TMPDIR:-/tmp}/parallax-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "Fuzz/corpus/$target/." "$work/"
log="$scratch/$target.log"

status=0
started=$SECONDS
# Swift's own crash reporter would read memory ASan then flags; libFuzzer reports instead.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$scratch/release/$product" "$work" \
  -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$scratch/crashes/$target-" "$@" >"$log" 2>&1 || status=$?
elapsed=$((SECONDS - started))  # a crash ends the run early

grep -E "^stat::|^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|^==[0-9]+==ERROR|^SUMMARY|Fatal error|^artifact_prefix|Test unit written" "$log" || true
done_line=$(grep -E "^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)" "$log" | tail -1 || true)
execs=$(grep -oE "^stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
cov=$(grep -oE "cov: [0-9]+" <<<"$done_line" | tail -1 | grep -oE "[0-9]+" || echo "?")
ft=$(grep -oE "ft: [0-9]+" <<<"$done_line" | tail -1 | grep -oE "[0-9]+" || echo "?")
corpus=$(grep -oE "corp: [0-9]+" <<<"$done_line" | tail -1 | grep -oE "[0-9]+" || echo "?")
if [ "$status" -eq 0 ]; then outcome="no crash"; else outcome="CRASH (exit $status; input saved under $scratch/crashes/, log $log)"; fi
echo "fuzz $target: $execs executions in ${elapsed}s, cov $cov, ft $ft, corpus $corpus inputs; $outcome"
exit "$status"
