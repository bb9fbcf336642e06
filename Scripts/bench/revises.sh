#!/usr/bin/env bash
# `revises` checking in linear time (issue 15): `parallax check` on N claims each revising
# the one before (no cycle), against the same N claims without links; the difference is what
# the revision checks cost. Target: under 100 ms for 5,000 links on a quiet machine.
#
#   Scripts/bench/revises.sh            # release build, N = 1000 5000 10000
#
# Settings (environment): RUNS (default 10), SKIP_BUILD=1 to reuse .build-release.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
RUNS="${RUNS:-10}"
parallax="$root/.build-release/release/parallax"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-release --product parallax)
fi
data="$(mktemp -d "${TMPDIR:-/tmp}/parallax-revises.XXXXXX")"
trap 'rm -rf "$data"' EXIT

generate() {  # N LINKED OUT
    python3 - "$1" "$2" "$3" <<'PY'
import sys
n, linked, out = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
lines = ["parallax: 1", "scenario: {id: demo, title: Demo}",
         "sources:", "  - {id: src, publisher: Paper, title: Report, date: 2021-11-16}",
         "parties:", "  - {id: ARM, name: Armenia, role: belligerent}",
         "actors:", "  - {id: arm-mod, name: Ministry, party: ARM}",
         "events:", "  - {id: clash, date: 2021-11-16, phase: escalation, type: fight, title: Clash, sources: [src]}",
         "claims:"]
for i in range(n):
    link = f", revises: c{i-1}" if linked and i else ""
    lines.append(f"  - {{id: c{i}, by: arm-mod, about: clash, says: s{i}, status: official, sources: [src]{link}}}")
open(out, "w").write("\n".join(lines) + "\n")
PY
}

median_ms() {  # FILE
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$parallax" check "$1" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] / 1000}'
}

printf '%8s  %12s  %12s  %12s\n' claims "chain (ms)" "no links (ms)" "links cost"
for n in 1000 5000 10000; do
    generate "$n" 1 "$data/chain-$n.yaml"
    generate "$n" 0 "$data/flat-$n.yaml"
    chain=$(median_ms "$data/chain-$n.yaml")
    flat=$(median_ms "$data/flat-$n.yaml")
    printf '%8s  %12s  %12s  %12s\n' "$n" "$chain" "$flat" "$(awk -v a="$chain" -v b="$flat" 'BEGIN {printf "%.1f", a - b}')"
done
