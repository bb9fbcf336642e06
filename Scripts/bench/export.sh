#!/usr/bin/env bash
# Times `parallax export` in a release build: the whole process (load, commands, render,
# write), RUNS times each, medians and sizes. Targets (issue 18): html of the 5,000-event
# scenario (Scripts/bench/generate.py 5000 --seed 1, cursor at the end: every claim known)
# within 500 ms and 5 MB; html of the bundled scenario within 50 ms.
#
#   Scripts/bench/export.sh                 # results in Scripts/bench/results/export.txt
#   RUNS=21 SKIP_BUILD=1 Scripts/bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-11}
OUT=Scripts/bench/results
DATA=Scripts/bench/data/narratives-5000.json
BIN=${BIN:-.build/release/parallax}
mkdir -p "$OUT" Scripts/bench/data
[ -f "$DATA" ] || python3 Scripts/bench/generate.py 5000 --seed 1 --json > "$DATA"
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product parallax >&2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$BIN" "$DATA" "$TMP" "$RUNS" <<'PY' | tee "$OUT/export.txt"
import os, statistics, subprocess, sys, time
binary, data, tmp, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cases = [
    ("html, bundled, cursor at #11", ["export", "html", "-c", "goto #11"], "report.html", 50),
    ("html, 5,000 events, cursor at end", ["export", "html", data, "-c", "end"], "big.html", 500),
    ("html, 5,000 events, cursor at start", ["export", "html", data], "big0.html", 500),
    ("md, 5,000 events, cursor at end", ["export", "md", data, "-c", "end"], "big.md", None),
    ("svg, 5,000 events", ["export", "svg", data], "big.svg", None),
    ("csv, 5,000 events (events)", ["export", "csv", data], "big.csv", None),
    ("timelinejs, 5,000 events, end", ["export", "timelinejs", data, "-c", "end"], "big.json", None),
    ("load only, 5,000 events (for scale)", ["-c", "where", data], None, None),
]
print("%-40s %10s %10s %12s  %s" % ("case", "median ms", "min ms", "bytes", "target"))
for name, args, out, target in cases:
    times = []
    for _ in range(runs):
        argv = [binary] + args + (["-o", os.path.join(tmp, out)] if out else [])
        t = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
    size = os.path.getsize(os.path.join(tmp, out)) if out else 0
    verdict = "" if target is None else ("within %d ms" % target if statistics.median(times) <= target else "OVER %d ms" % target)
    if out and out.endswith(".html") and "5,000" in name:
        verdict += ", " + ("within 5 MB" if size <= 5_000_000 else "OVER 5 MB")
    print("%-40s %10.1f %10.1f %12d  %s" % (name, statistics.median(times), min(times), size, verdict))
PY
