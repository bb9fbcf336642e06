#!/usr/bin/env bash
# Times narrative, compare, diff and figures on a generated scenario (5,000 events and
# 10,000 claims by default), in release builds.
#
#   Scripts/bench/narratives.sh [EVENTS] [CLAIMS_PER_EVENT]
#
# Two measurements, both after `end` (every claim known: the largest views):
#  1. In-process (Scripts/bench/narratives-timing): each command REPS times in one process,
#     thread CPU time of the command and its text rendering at width 100; median and min.
#     This is the figure to compare with the 20 ms target.
#  2. End to end with hyperfine: `parallax FILE -c 'end; C; C; …'` (REPS copies) against
#     `parallax FILE -c end`; (median difference) / REPS. Includes writing the output, and
#     is noisier: the scenario's load (~0.2 s) dominates each run.
# Results: Scripts/bench/results/narratives.{txt,json} (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."

EVENTS=${1:-5000}
PER_EVENT=${2:-2}
REPS=${REPS:-20}
RUNS=${RUNS:-10}
OUT=Scripts/bench/results
DATA=$OUT/narratives-$EVENTS-$PER_EVENT.json
COMMANDS=(
  "narrative NOR"
  "narrative NOR SUD MED"
  "compare NOR SUD"
  "compare NOR SUD MED OBS"
  "diff NOR SUD"
  "figures"
  "figures killed"
)

mkdir -p "$OUT"
[ -f "$DATA" ] || python3 Scripts/bench/narratives-gen.py "$EVENTS" "$PER_EVENT" 1 > "$DATA"

swift build -c release --scratch-path .build-narr-rel --product parallax >&2
BIN=.build-narr-rel/release/parallax
"$BIN" check "$DATA"
# SwiftPM can miss source files added to a path dependency since the last build: retry clean.
timing() { swift build -c release --package-path Scripts/bench/narratives-timing --scratch-path .build-narr-timing >&2; }
timing || { rm -rf .build-narr-timing; timing; }

{
  echo "== in-process: command + text rendering, thread CPU time"
  .build-narr-timing/release/narratives-timing "$DATA" "$REPS" -- "${COMMANDS[@]}"
} | tee "$OUT/narratives.txt"

repeat() {  # "end; C; C; …" with REPS copies of C
  local line="end"
  for _ in $(seq "$REPS"); do line+="; $1"; done
  printf '%s' "$line"
}
args=(--warmup 2 --runs "$RUNS" -N --export-json "$OUT/narratives.json" -n "baseline" "$BIN $DATA -c end")
for c in "${COMMANDS[@]}"; do args+=(-n "$c" "$BIN $DATA -c '$(repeat "$c")'"); done
hyperfine "${args[@]}" >&2

python3 - "$OUT/narratives.json" "$REPS" <<'PY' | tee -a "$OUT/narratives.txt"
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
reps = int(sys.argv[2])
base = statistics.median(results[0]["times"])
print(f"== end to end (hyperfine): baseline load + end {base * 1000:.0f} ms median; per command:")
for r in results[1:]:
    per = (statistics.median(r["times"]) - base) / reps
    print(f"{r['command']:26} {per * 1000:6.1f} ms")
PY
