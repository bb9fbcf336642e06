#!/usr/bin/env bash
# Event-data benchmark (issue 19): opening a GDELT-2.0-shaped file of 1,000,000 rows and a
# UCDP-GED-shaped file of 300,000 rows, side by side in one run with sqlite3 `.import` and
# DuckDB (Python) on the same GDELT file. Medians of RUNS runs (hyperfine), peak memory
# from /usr/bin/time. See Scripts/bench/events/README.md. Every run that writes a file starts
# after `sync`: a run must not pay for the writeback of the hundreds of MB the previous one
# wrote (the kernel throttles a writer while that much is dirty).
#
#   Scripts/bench/events/events.sh                 # build, generate if missing, measure
#   RUNS=5 SKIP_BUILD=1 Scripts/bench/events/events.sh
#   ROWS=100000 Scripts/bench/events/events.sh     # a smaller file (data/gdelt-ROWS.tsv)
#   FIGURE_ROWS=1000000 Scripts/bench/events/events.sh   # also time figure commands on 1M UCDP and ACLED rows
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
ROWS="${ROWS:-1000000}"
UCDP_ROWS="${UCDP_ROWS:-300000}"
FIGURE_ROWS="${FIGURE_ROWS:-}"
DATA="$ROOT/Scripts/bench/data"
RESULTS="$ROOT/Scripts/bench/results"
mkdir -p "$DATA" "$RESULTS"
BIN="$ROOT/.build-release/release"
if [[ -z "${SKIP_BUILD:-}" ]]; then
    swift build -c release --scratch-path .build-release --product parallax >/dev/null
    swift build -c release --scratch-path .build-release --product command-bench >/dev/null
fi
G="$DATA/gdelt-$ROWS.tsv"; [[ "$ROWS" == 1000000 ]] && G="$DATA/gdelt-1m.tsv"
U="$DATA/ucdp-$UCDP_ROWS.csv"; [[ "$UCDP_ROWS" == 300000 ]] && U="$DATA/ucdp-300k.csv"
[[ -f "$G" ]] || Scripts/bench/events/generate-gdelt.py "$ROWS" "$G"
[[ -f "$U" ]] || Scripts/bench/events/generate-ucdp.py "$UCDP_ROWS" "$U"
CACHE="$(mktemp -d)"; WORK="$(mktemp -d)"
trap 'rm -rf "$CACHE" "$WORK"' EXIT
export XDG_CACHE_HOME="$CACHE"
PX="$BIN/parallax"

echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: $(basename "$G") $(du -m "$G" | cut -f1) MB, $(wc -l < "$G") rows; $(basename "$U") $(du -m "$U" | cut -f1) MB"
"$PX" check "$G" --no-cache >/dev/null   # the file is valid, and its pages are in the page cache

cols=$(seq -s, -f 'c%g' 1 61)
median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join('%.3f' % x['median'] for x in r))" "$1"; }
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }   # KiB

hyperfine -N --runs "$RUNS" --export-json "$RESULTS/events-open.json" \
    --prepare "sh -c 'rm -rf $CACHE/parallax; sync'" -n "parallax first open (parse, map, build, write cache)" "$PX check $G" \
    --prepare "sync" -n "parallax first open without the cache (--no-cache)" "$PX check $G --no-cache" \
    --prepare "true" -n "parallax reopen from cache, to the first prompt" "$PX $G -c quit" \
    --prepare "sh -c 'rm -rf $CACHE/parallax; sync'" -n "parallax UCDP first open" "$PX check $U" \
    --prepare "true" -n "wc -l" "wc -l $G" >/dev/null
hyperfine --runs "$RUNS" --export-json "$RESULTS/events-peers.json" \
    --prepare "sh -c 'rm -f $WORK/s.db; sync'" -n "sqlite3 .import" \
    "sqlite3 $WORK/s.db -cmd 'create table events($cols)' -cmd '.mode tabs' '.import $G events'" \
    --prepare "sh -c 'rm -f $WORK/d.duckdb; sync'" -n "DuckDB create table as read_csv" \
    "python3 -c \"import duckdb; duckdb.connect('$WORK/d.duckdb').execute(\\\"create table e as select * from read_csv('$G', delim='\\\\t', header=false, all_varchar=true)\\\")\"" \
    --prepare "true" -n "DuckDB reopen and count" \
    "python3 -c \"import duckdb; print(duckdb.connect('$WORK/d.duckdb').execute('select count(*) from e').fetchone())\"" >/dev/null
read -r first nocache reopen ucdp wc <<<"$(median "$RESULTS/events-open.json")"
read -r sqlite duck duckre <<<"$(median "$RESULTS/events-peers.json")"

rm -rf "$CACHE/parallax"
mem_first=$(peak "$PX" check "$G")
mem_reopen=$(peak "$PX" "$G" -c quit)
rm -f "$WORK/d.duckdb"
mem_duck=$(peak python3 -c "import duckdb; duckdb.connect('$WORK/d.duckdb').execute(\"create table e as select * from read_csv('$G', delim='\\t', header=false, all_varchar=true)\")")

echo
echo "| measure | median | target |"
echo "|---|---|---|"
echo "| parallax first open of $(basename "$G") | ${first} s | ≤ 4 s |"
echo "| parallax first open with --no-cache (so writing the cache costs the difference) | ${nocache} s | |"
echo "| parallax reopen from the cache, to the first prompt | ${reopen} s | ≤ 0.2 s |"
echo "| parallax UCDP first open of $(basename "$U") | ${ucdp} s | ≤ 1.5 s |"
echo "| sqlite3 .import | ${sqlite} s | |"
echo "| DuckDB create table … read_csv | ${duck} s | |"
echo "| DuckDB reopen and count | ${duckre} s | |"
echo "| wc -l | ${wc} s | |"
echo "| peak memory: parallax first open / reopen / DuckDB import | $((mem_first / 1024)) / $((mem_reopen / 1024)) / $((mem_duck / 1024)) MB | ≤ 600 MB |"
echo
echo "commands on the $(basename "$G") model, in-process (command-bench, median of 5, wall time):"
"$BIN/command-bench" "$G" --runs 5 'events where party = ARM and date >= 2018' 'figures' 'compare ARM AZE'
# Exports whose every claim carries figures: the commands an analyst runs on them, at the
# middle and at the end of the sequence (CPU time of the command's thread).
figure_commands() {  # FILE PARTY PARTY
    local f=$1 a=$2 b=$3
    for at in "goto #$(( $(wc -l < "$f") / 2 ))" end; do
        echo "$(basename "$f"), cursor: $at (command-bench --clock cpu, median of 3):"
        "$BIN/command-bench" "$f" --runs 3 --clock cpu --setup "$at" "events where party = $a and date >= 2018" \
            'figures' 'figures killed' "compare $a $b" "diff $a $b" "narrative $a" 'claims where measure = killed' \
            'claims where value > 100' "show $a" 'find killed' 'escalation' 'contacts' | tail -n +3
    done
}
figure_commands "$U" government-of-azerbaijan republic-of-artsakh
if [[ -n "$FIGURE_ROWS" ]]; then
    U1="$DATA/ucdp-$FIGURE_ROWS.csv"; A1="$DATA/acled-$FIGURE_ROWS.csv"
    [[ -f "$U1" ]] || Scripts/bench/events/generate-ucdp.py "$FIGURE_ROWS" "$U1"
    [[ -f "$A1" ]] || Scripts/bench/events/generate-acled.py "$FIGURE_ROWS" "$A1"
    "$PX" check "$U1" >/dev/null; "$PX" check "$A1" >/dev/null   # write their caches
    figure_commands "$U1" government-of-azerbaijan republic-of-artsakh
    figure_commands "$A1" military-forces-of-armenia-2018 military-forces-of-azerbaijan-2003
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
