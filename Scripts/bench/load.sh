#!/usr/bin/env bash
# Loader benchmark: `parallax check` against Yams (compose and Codable decode) on the same
# generated scenarios. See Scripts/bench/README.md.
#
#   Scripts/bench/load.sh            # build, generate, time, print the medians
#
# Settings (environment): RUNS (default 15), WARMUP (default 3), SMALL (events in the small
# file, default 5000), LARGE (events in the large file, default 20000), SEED (default 1),
# SKIP_BUILD=1 to reuse the release binaries already built, BASELINE=/path/to/parallax to time
# an older binary's `check` in the same runs (a column of its own).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
RUNS="${RUNS:-15}"
WARMUP="${WARMUP:-3}"
SMALL="${SMALL:-5000}"
LARGE="${LARGE:-20000}"
SEED="${SEED:-1}"
data="$here/data"
results="$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$data" "$results"

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

parallax="$root/.build-release/release/parallax"
yams="$here/yams-compare/.build/release/yams-load"
events="$here/.build/yaml-events"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== building release binaries"
    # Built as README's first command builds it (the Swift runtime linked in), and Yams alike.
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-release --product parallax)
    swift build -c release --static-swift-stdlib --package-path "$here/yams-compare"
    mkdir -p "$here/.build"
    cc -O2 -o "$events" "$here/yaml-events.c" -lyaml
fi
[[ -x "$parallax" && -x "$yams" && -x "$events" ]] || { echo "release binaries missing; run without SKIP_BUILD" >&2; exit 1; }

echo "== generating scenarios (seed $SEED)"
for n in 10 "$SMALL" "$LARGE"; do
    python3 "$here/generate.py" "$n" --seed "$SEED" > "$data/$n.yaml"
    python3 "$here/generate.py" "$n" --seed "$SEED" --json > "$data/$n.json"
done

# 10.yaml: next to nothing to parse, so its time is mostly process start.
files=("10.yaml" "$SMALL.yaml" "$SMALL.json" "$LARGE.yaml" "$LARGE.json")
echo "== checking every file loads cleanly in all three"
for f in "${files[@]}"; do
    "$parallax" check "$data/$f" || { echo "parallax check failed on $f" >&2; exit 1; }
    "$yams" "$data/$f"
    "$yams" --decode "$data/$f"
    "$events" "$data/$f"
    printf '  %-12s %10d bytes  ok\n' "$f" "$(stat -c %s "$data/$f")"
done

echo "== timing (hyperfine, $WARMUP warm-up runs, $RUNS runs each)"
exports=()
baseline=()
[[ -n "${BASELINE:-}" ]] && baseline=(--command-name "baseline check" "$BASELINE check $data/FILE")
for f in "${files[@]}"; do
    out="$results/$stamp-${f/./-}.json"
    exports+=("$out")
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --time-unit millisecond \
        --export-json "$out" \
        "${baseline[@]//FILE/$f}" \
        --command-name "parallax check" "$parallax check $data/$f" \
        --command-name "yams compose" "$yams $data/$f" \
        --command-name "yams decode" "$yams --decode $data/$f" \
        --command-name "libyaml events" "$events $data/$f"
done

echo "== medians (whole process, start to exit; MB = 10^6 bytes)"
python3 - "$data" "$SMALL" "$LARGE" "${exports[@]}" <<'EOF'
import json, os, sys
data, small, large, exports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = {}
names = [r["command"] for r in json.load(open(exports[0]))["results"]]
print("| file | size | " + " | ".join(names) + " |")
print("|---|---:|" + "---:|" * len(names))
for path in exports:
    base = os.path.basename(path).split("-", 1)[1].rsplit(".", 1)[0]   # e.g. 5000-yaml
    name = base.replace("-", ".")
    size = os.path.getsize(os.path.join(data, name))
    cells = []
    for r in json.load(open(path))["results"]:
        med = r["median"]
        rows[(name, r["command"])] = (med, size)
        cells.append("%.0f ms, %.1f MB/s" % (med * 1000, size / med / 1e6))
    print("| %s | %.2f MB | %s |" % (name, size / 1e6, " | ".join(cells)))
m_small = rows[("%s.yaml" % small, "parallax check")][0] * 1000
med, size = rows[("%s.yaml" % large, "parallax check")]
rate = size / med / 1e6
print()
print("target: open the %s-event scenario in <= 100 ms: %.0f ms -> %s" % (small, m_small, "MET" if m_small <= 100 else "MISSED"))
print("target: >= 30 MB/s on the large file (%s events): %.1f MB/s -> %s" % (large, rate, "MET" if rate >= 30 else "MISSED"))
EOF
echo "(hyperfine exports: $results/$stamp-*.json)"
