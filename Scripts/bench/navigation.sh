#!/usr/bin/env bash
# Times moving through time (issue 17) on the generated scenario of 5,000 events and
# about 10,000 claims (Scripts/bench/generate.py, seed 1), in-process with command-bench
# (release build; command and its text rendering at width 100; medians of RUNS runs; the
# cursor put back after each run). Targets: `continue` with three watchpoints from the
# start to the end ≤ 200 ms in all; `trace` ≤ 20 ms; `step` with its report ≤ 10 ms;
# `escalation` ≤ 10 ms.
#
#   Scripts/bench/navigation.sh
#   BEFORE=/path/to/older/command-bench Scripts/bench/navigation.sh   # the same commands on
#                                       # an older build, side by side (those it knows)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-cmd-rel}
RUNS=${RUNS:-21}
DATA=Scripts/bench/data/narratives-5000.json
BENCH=${BENCH:-"$SCRATCH/release/command-bench"}
mkdir -p Scripts/bench/data
[ -f "$DATA" ] || python3 Scripts/bench/generate.py 5000 --seed 1 --json > "$DATA"
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product command-bench >&2

WATCHES="watch q1-who; watch q2-yesno; watch killed NOR"
# `continue` until the end: as many as the watchpoints fire (counted below), in one line.
STOPS=$("$BENCH" "$DATA" --dump --setup "start; $WATCHES" "$(printf 'continue; %.0s' $(seq 1 400))" \
  | grep -c '^Watchpoint [0-9]* (' || true)
STOPS=$((STOPS / 3))  # --dump prints each output at three widths
ALL_CONTINUES=$(printf 'continue; %.0s' $(seq 1 $((STOPS + 1))))

run() {  # BENCH SETUP COMMAND…
  local bench=$1 setup=$2; shift 2
  "$bench" "$DATA" --runs "$RUNS" --setup "$setup" "$@" | tail -n +3 | sed "s|\$|\t$setup|"
}
table() {
  awk -F'\t' '{ split($1, f, " ms  "); cmd = f[2]; if (length(cmd) > 60) cmd = substr(cmd, 1, 40) "… (" gsub(/continue;/, "", cmd) "×)";
                printf "%9s ms  %-30s %s\n", f[1], "[" $2 "]", cmd }'
}
echo "== navigation: $RUNS runs each, medians (wall); the three watchpoints fire $STOPS times from start to end"
{
  run "$BENCH" "start; $WATCHES" "continue" "$ALL_CONTINUES"
  run "$BENCH" "goto #2500; $WATCHES" "continue" "step" "step 10"
  run "$BENCH" "goto #2500" "step" "step 10" "goto #4000" "end" "goto 2016-06" "escalation"
  run "$BENCH" "start; break claim where question = q1-who" "continue"
  run "$BENCH" "end" "trace q1-who" "trace q1-who NOR SUD KVR RUV" "trace q2-yesno all" "escalation" "find 40"
  run "$BENCH" "start" "trace q1-who all" "escalation"
} | table
if [ -n "${BEFORE:-}" ]; then
  echo "== the same on $BEFORE (before)"
  {
    run "$BEFORE" "goto #2500" "step" "step 10" "goto #4000" "end" "escalation"
    run "$BEFORE" "end" "escalation" "find 40"
    run "$BEFORE" "start" "escalation"
  } | table
fi
