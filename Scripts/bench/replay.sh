#!/bin/sh
# Replay benchmark: 10,000-command saved scripts run by `parallax run`, side by side with
# sqlite3 reading 10,000 trivial statements from a file (the yardstick: a replay should be
# at least as fast as sqlite3's batch mode). Every program reads a file, runs each line and
# prints its result.
#
#   Scripts/bench/replay.sh     # release build; results in Scripts/bench/results/replay.{md,json}
#
# Two parallax scripts: "plain" uses the counterparts of SELECT n (where, expect, echo, set,
# break, delete, start, end: a few lines of output each); "analyst" is a long analysis
# (steps, jumps, questions with their tables: about ten lines of output a command).
# The binary is built as README's first command builds it: release, with the Swift runtime
# linked in statically (`swift build -c release --static-swift-stdlib`), here into its own
# folder; process start-up is about 6 ms of each parallax figure.
#
# Needs hyperfine and sqlite3. SCRATCH overrides the build folder (.build-replay-rel), RUNS
# the count; BASELINE=path/to/an/older/parallax adds that binary to the same hyperfine run
# (before/after figures measured side by side).
set -eu
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-replay-rel}
RUNS=${RUNS:-30}
OUT=Scripts/bench/results
mkdir -p "$OUT"

swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product parallax >/dev/null
BIN="$SCRATCH/release/parallax"

generate() { # FILE COMMAND|COMMAND|…: 10,000 lines cycling through the commands
    awk -v list="$2" 'BEGIN { n = split(list, c, "|"); for (i = 0; i < 10000; i++) print c[i % n + 1] }' > "$1"
}
generate "$OUT/plain-10000.px" "where|expect position|echo checkpoint|set echo on|break #9|delete all|end|start"
generate "$OUT/analyst-10000.px" "step|where|expect claims known|step 2|back|goto clash-2021-11-16|show who-started|expect AZE|back 3|echo checkpoint|goto #12|start"
awk 'BEGIN { for (i = 0; i < 10000; i++) print "SELECT " i ";" }' > "$OUT/sqlite-10000.sql"

# Each must run cleanly (exit 0), or the timing means nothing.
for s in plain analyst; do
    "$BIN" run "$OUT/$s-10000.px" > "$OUT/$s-10000.out"
    echo "$s: $(wc -l < "$OUT/$s-10000.out") lines of transcript"
done
echo "sqlite3: $(sqlite3 :memory: ".read $OUT/sqlite-10000.sql" | wc -l) lines of output"

set -- -n "parallax run, plain (10,000 commands)" "$BIN run $OUT/plain-10000.px" \
    -n "parallax run, analyst (10,000 commands)" "$BIN run $OUT/analyst-10000.px"
if [ -n "${BASELINE:-}" ]; then
    for s in plain analyst; do
        "$BASELINE" run "$OUT/$s-10000.px" | cmp -s - "$OUT/$s-10000.out" || echo "note: $BASELINE prints a different $s transcript"
    done
    set -- "$@" -n "baseline run, plain" "$BASELINE run $OUT/plain-10000.px" \
        -n "baseline run, analyst" "$BASELINE run $OUT/analyst-10000.px"
fi
hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$OUT/replay.md" --export-json "$OUT/replay.json" \
    "$@" -n "sqlite3 (10,000 statements)" "sqlite3 :memory: '.read $OUT/sqlite-10000.sql'"

# hyperfine 1.15 prints means; the medians are in its JSON.
awk '
    /"command":/ { sub(/.*"command": "/, ""); sub(/",?$/, ""); name = $0 }
    /"median":/ { gsub(/[",]/, "", $2); printf "median  %-42s %8.1f ms\n", name, $2 * 1000 }
' "$OUT/replay.json"
