#!/usr/bin/env bash
# Start-up time of parallax on the bundled scenario, side by side with sqlite3.
#
#   Scripts/bench/startup.sh            build both release variants, then measure
#   RUNS=500 Scripts/bench/startup.sh   more runs
#   BUILD=0 Scripts/bench/startup.sh    measure the binaries already built
#
# Measures, for a release build linked against the shared Swift runtime and one built
# with --static-swift-stdlib:
#   1. `parallax -c quit` against `sqlite3 :memory: 'select 1'` (hyperfine, no shell);
#   2. time to the first prompt on a pseudo-terminal — `parallax` alone (the REPL) against
#      `sqlite3 :memory:` — until each prints its prompt, then Ctrl-D. This is the wait a person sees.
# Reports medians. Goal: at most 2x sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-200}
BUILD=${BUILD:-1}
DYNAMIC=.build-repl-rel
STATIC=.build-repl-rel-static

if [[ $BUILD == 1 ]]; then
  swift build -c release --scratch-path "$DYNAMIC" >/dev/null
  swift build -c release --static-swift-stdlib --scratch-path "$STATIC" >/dev/null
fi
dyn="$DYNAMIC/release/parallax"
sta="$STATIC/release/parallax"
for b in "$dyn" "$sta"; do [[ -x $b ]] || { echo "missing $b (run with BUILD=1)" >&2; exit 1; }; done
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 1; }

median_table() {  # hyperfine JSON → one line per command
  python3 - "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"  {r['command']:<48} median {r['median']*1000:6.2f} ms   min {r['min']*1000:6.2f} ms")
PY
}

echo "== -c quit vs sqlite3 (hyperfine -N, $RUNS runs)"
if command -v hyperfine >/dev/null; then
  json=$(mktemp)
  hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$json" \
    "$dyn -c quit" "$sta -c quit" "sqlite3 :memory: 'select 1'" >/dev/null
  median_table "$json"
  rm -f "$json"
else
  echo "  (hyperfine not installed: skipped)"
fi

echo "== time to first prompt on a pseudo-terminal ($RUNS runs)"
python3 - "$RUNS" "$dyn" "$sta" <<'PY'
import os, pty, select, statistics, sys, termios, time
runs = int(sys.argv[1])
env = {"TERM": "xterm", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home",
       "XDG_STATE_HOME": "/nonexistent-state", "LANG": "C.UTF-8"}

def first_prompt(argv, prompt):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    seen = b""
    while prompt not in seen:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            raise SystemExit(f"no prompt from {argv}: {seen!r}")
        seen += os.read(fd, 4096)
    elapsed = time.perf_counter() - start
    # libedit prints the prompt before it leaves canonical mode; a Ctrl-D typed before
    # that would be lost, so wait for raw mode (as the PTY tests do).
    deadline = time.time() + 5
    while termios.tcgetattr(fd)[3] & termios.ICANON and time.time() < deadline:
        time.sleep(0.0005)
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed

sqlite = os.popen("command -v sqlite3").read().strip()
cases = [("parallax (shared Swift runtime)", [sys.argv[2]], b"]> "),
         ("parallax (--static-swift-stdlib)", [sys.argv[3]], b"]> "),
         ("sqlite3 :memory:", [sqlite, ":memory:"], b"sqlite> ")]
for _ in range(5):
    for _, argv, p in cases:
        first_prompt(argv, p)
results = {name: [] for name, _, _ in cases}
for _ in range(runs):
    for name, argv, p in cases:
        results[name].append(first_prompt(argv, p))
base = statistics.median(results["sqlite3 :memory:"])
for name, times in results.items():
    m = statistics.median(times)
    print(f"  {name:<48} median {m*1000:6.2f} ms   ({m/base:.2f}x sqlite3)")
PY
