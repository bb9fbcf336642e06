#!/usr/bin/env bash
# Commands on an event-data export of a million rows (issue 19: `events where party = ARM
# and date >= 2018`, `figures` and `compare` ≤ 50 ms each; every other command checked for
# work per row that it need not do), in-process medians from `command-bench`, cursor in
# the middle, text rendering at width 100. With BASE= (an older command-bench) both run
# on the same file in one go and print side by side.
#
#   Scripts/bench/event-commands.sh /work/data/gdelt-1m.tsv
#   BASE=/tmp/base/command-bench RUNS=3 SKIP_BUILD=1 Scripts/bench/event-commands.sh FILE
#
# The file is a GDELT 2.0 export (the generator is Scripts/bench/events/); the commands
# name ids it holds (parties ARM, AZE; actor ARMGOV; source voxy.co.nz-37). Opening a
# million rows takes seconds the first time and less from the cache; the figures below
# exclude it. Results go to Scripts/bench/results/event-commands-*.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE=${1:?usage: event-commands.sh FILE}
RUNS=${RUNS:-5}
SCRATCH=${SCRATCH:-.build-release}
BENCH=${BENCH:-"$SCRATCH/release/command-bench"}
OUT=Scripts/bench/results
mkdir -p "$OUT"
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product command-bench >&2

COMMANDS=(
  "events where party = ARM and date >= 2018" "figures" "compare ARM AZE"
  "events" "events where phase = mediation" "events where actor = ARMGOV or title ~ armenia"
  "events where intensity <= -9 and type = fight" "events where place ~ iran and date = 2019-05"
  "claims" "claims where party = ARM" "where" "parties" "sources" "questions"
  "show" "show ARMGOV" "show voxy.co.nz-37" "find armenia" "narrative ARM" "escalation" "contacts"
  "step 10" "goto 2019-05-04" "end"
  "break where party = ARM and date < 2000; continue; delete all"
  "break claim where party = ZZZ; continue; delete all"
)

name=$(basename "$FILE")
"$BENCH" "$FILE" --runs "$RUNS" "${COMMANDS[@]}" > "$OUT/event-commands-$name.txt"
if [ -n "${BASE:-}" ]; then
  "$BASE" "$FILE" --runs "$RUNS" "${COMMANDS[@]}" > "$OUT/event-commands-$name-base.txt"
  echo "base → this build, median ms ($RUNS runs), $name"
  paste <(tail -n +3 "$OUT/event-commands-$name-base.txt" | awk '{print $1}') \
        <(tail -n +3 "$OUT/event-commands-$name.txt") | awk -F'\t' '{printf "%10s  →  %s\n", $1, $2}'
else
  cat "$OUT/event-commands-$name.txt"
fi
