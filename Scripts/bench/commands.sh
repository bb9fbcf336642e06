#!/usr/bin/env bash
# Times every command of the language (each one `help` lists) on a generated scenario of
# 5,000 events and about 10,000 claims (Scripts/bench/generate.py, seed 1), in a release
# build, in-process (`command-bench`): each command run RUNS times in one process, the
# command and its text rendering at width 100, cursor put back after each run; medians.
#
#   Scripts/bench/commands.sh               # results in Scripts/bench/results/commands.txt
#   RUNS=41 SKIP_BUILD=1 Scripts/bench/commands.sh
#   CLOCK=cpu Scripts/bench/commands.sh     # the calling thread's CPU time instead of wall
#                                           # time: it misses the work large outputs do on
#                                           # the second core, so compare wall times
#   DUMP=/tmp/before.txt Scripts/bench/commands.sh   # print every output instead (at widths
#                                                    # 100, 60 with colour, 25 in ASCII), to
#                                                    # diff before and after a change
#
# Views are timed with the cursor at the end (every claim known: the largest output);
# commands whose cost depends on the cursor again at the start. Targets: 20 ms for
# narrative, compare, diff and figures (the narratives issue), 10 ms for every other
# command (the command-language issue); `load` and `reload` read the whole file and are
# the loader's (100 ms, Scripts/bench/load.sh), shown for completeness.
# Needs python3. SCRATCH overrides the release build folder; BENCH the command-bench binary
# (a saved copy of an earlier build, to time before and after a change in one session).
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-cmd-rel}
RUNS=${RUNS:-21}
OUT=Scripts/bench/results
DATA=Scripts/bench/data/narratives-5000.json
BENCH=${BENCH:-"$SCRATCH/release/command-bench"}

mkdir -p "$OUT" Scripts/bench/data
[ -f "$DATA" ] || python3 Scripts/bench/generate.py 5000 --seed 1 --json > "$DATA"
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product command-bench >&2

# A small script for `source`, and a place for `record` to write.
SCRIPT="$OUT/commands-source.px"
printf 'goto #2500\nwhere\nshow\nclaims where party = NOR and status = official\n' > "$SCRIPT"
RECORDING="$OUT/commands-record.px"

# Realistic arguments from the generated file (seed 1): ids of an event, actor, claim,
# question, source and place; parties NOR, SUD (belligerents), KVR, RUV.
EVENT=statement-2016-04-12-2500
VIEWS=(
  "step" "step 10" "back" "back 10"
  "goto #2500" "goto $EVENT" "goto 2016-04-12" "goto mediation" "start" "end"
  "where"
  "show" "show $EVENT" "show nor-mod" "show NOR" "show kvr-army-c5001" "show q1-who"
  "show kvr-herald-11" "show sotk-mine"
  "events" "events where phase = mediation" "parties" "actors" "actors where party = NOR"
  "sources" "questions" "claims" "claims all" "claims where party = NOR and status = official"
  "find ceasefire" "find Norland–Sudmark"
  "narrative NOR" "narrative NOR SUD RUV" "narrative NOR SUD KVR RUV UNI TAR OSM ICR"
  "compare NOR SUD" "compare NOR SUD KVR RUV" "diff NOR SUD" "figures" "figures killed"
  "escalation" "contacts"
  "set" "set width 100" "help" "help goto" "info" "echo == at the end ==" "history" "quit"
  "break where type in (mediate, consult)" "break #2500; delete all"
  "source $SCRIPT" "record $RECORDING; record stop"
)
AT_START=(
  "step" "step 10" "back" "goto #2500" "end" "where" "show"
  "events" "parties" "questions" "claims" "narrative NOR" "narrative NOR SUD RUV"
  "compare NOR SUD KVR RUV" "diff NOR SUD" "figures" "escalation" "contacts"
)

run() {  # SETUP COMMAND…: command-bench's lines "12.3 ms  COMMAND", tagged with the setup
  local setup=$1; shift
  "$BENCH" "$DATA" --runs "$RUNS" --clock "${CLOCK:-wall}" --setup "$setup" "$@" | tail -n +3 | sed "s|\$|\t$setup|"
}

if [ -n "${DUMP:-}" ]; then
  {
    "$BENCH" "$DATA" --dump --setup end "${VIEWS[@]}"
    "$BENCH" "$DATA" --dump --setup start "${AT_START[@]}"
    "$BENCH" "$DATA" --dump --setup "goto #2500" "${AT_START[@]}"
  } | grep -av -e "^loaded " -e "^cursor at " > "$DUMP"
  rm -f "$RECORDING"
  exit 0
fi

{
  echo "== command-bench: $RUNS runs each, medians of ${CLOCK:-wall} time; command + text rendering at width 100"
  {
    run end "${VIEWS[@]}"
    run start "${AT_START[@]}"
    run "start; break where type in (mediate, consult)" "continue"
    run "end; where" "expect claims known"
    run end "reload" "load $DATA"
  } | awk -F'\t' '
    $1 !~ / ms  / { print "  " $1; next }
    {
      split($1, f, " ms  "); ms = f[1]; cmd = f[2]; setup = $2
      if (cmd ~ /^(narrative|compare|diff|figures)/) target = 20
      else if (cmd ~ /^(load|reload)/) target = 100
      else target = 10
      over = (ms + 0 > target) ? "OVER" : "ok"
      if (ms ~ /FAILED/) { over = "FAILED"; sub(/FAILED /, "", ms) }
      printf "%8s ms  %-4s (≤ %3d)  %-26s %s\n", ms, over, target, "[" setup "]", cmd
    }'
} | tee "$OUT/commands.txt"
rm -f "$RECORDING"
