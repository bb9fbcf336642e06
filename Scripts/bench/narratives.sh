#!/usr/bin/env bash
# Times narrative, compare, diff and figures on a generated scenario of 5,000 events and
# about 10,000 claims (Scripts/bench/generate.py, seed 1), in a release build.
#
#   Scripts/bench/narratives.sh         # results in Scripts/bench/results/narratives.{txt,json}
#
# Two measurements, both with the cursor at the end (every claim known: the largest views):
#  1. In-process (`command-bench --setup end`): each command run RUNS times in one process,
#     the command and its text rendering at width 100; medians. This is the figure to set
#     against the 20 ms target.
#  2. End to end with hyperfine: `parallax FILE -c 'end; C; C; …'` (REPS copies) against
#     `parallax FILE -c end`: (median difference) / REPS. It includes writing the output
#     and is noisier, since loading the scenario dominates each run.
# Needs hyperfine and python3. SCRATCH overrides the release build folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-narr-rel}
REPS=${REPS:-20}
RUNS=${RUNS:-21}
OUT=Scripts/bench/results
DATA=Scripts/bench/data/narratives-5000.json
COMMANDS=(
  "narrative NOR"
  "narrative NOR SUD RUV"
  "compare NOR SUD"
  "compare NOR SUD KVR RUV"
  "diff NOR SUD"
  "figures"
  "figures killed"
)

mkdir -p "$OUT" Scripts/bench/data
[ -f "$DATA" ] || python3 Scripts/bench/generate.py 5000 --seed 1 --json > "$DATA"
swift build -c release --scratch-path "$SCRATCH" --product parallax >&2
swift build -c release --scratch-path "$SCRATCH" --product command-bench >&2
BIN="$SCRATCH/release/parallax"
"$BIN" check "$DATA"

{
  echo "== in-process (command-bench): command + text rendering at width 100"
  "$SCRATCH/release/command-bench" "$DATA" --runs "$RUNS" --setup end "${COMMANDS[@]}"
} | tee "$OUT/narratives.txt"

repeat() {  # "end; C; C; …" with REPS copies of C
  local line="end"
  for _ in $(seq "$REPS"); do line+="; $1"; done
  printf '%s' "$line"
}
args=(--warmup 2 --runs 10 -N --export-json "$OUT/narratives.json" -n "baseline" "$BIN $DATA -c end")
for c in "${COMMANDS[@]}"; do args+=(-n "$c" "$BIN $DATA -c '$(repeat "$c")'"); done
hyperfine "${args[@]}" >&2

python3 - "$OUT/narratives.json" "$REPS" <<'PY' | tee -a "$OUT/narratives.txt"
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
reps = int(sys.argv[2])
base = statistics.median(results[0]["times"])
print(f"== end to end (hyperfine): load + end {base * 1000:.0f} ms median; per command:")
for r in results[1:]:
    per = (statistics.median(r["times"]) - base) / reps
    print(f"{per * 1000:6.1f} ms  {r['command']}")
PY
