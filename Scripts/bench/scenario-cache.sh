#!/usr/bin/env bash
# The scenario cache: `parallax check FILE` and `parallax FILE -c quit` parsing the text
# (`--no-cache`) beside reading the cache, on generated scenarios; then the first open
# (parse and write the cache) once. See Scripts/bench/README.md.
#
#   Scripts/bench/scenario-cache.sh
#
# Settings (environment): RUNS (default 20), WARMUP (default 3), SIZES (events per file,
# default "600 5000 20000"), SEED (default 1), SKIP_BUILD=1 to reuse the release binary,
# XDG_CACHE_HOME (default /tmp/pxcache-bench: emptied first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
SIZES="${SIZES:-600 5000 20000}"
SEED="${SEED:-1}"
export XDG_CACHE_HOME="${XDG_CACHE_HOME:-/tmp/pxcache-bench}"
data="$here/data"
results="$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$data" "$results"

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
parallax="$root/.build-release/release/parallax"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-release --product parallax)
fi
[[ -x "$parallax" ]] || { echo "release binary missing; run without SKIP_BUILD" >&2; exit 1; }

rm -rf "$XDG_CACHE_HOME/parallax"
for n in $SIZES; do
    f="$data/$n.yaml"
    python3 "$here/generate.py" "$n" --seed "$SEED" > "$f"
    echo "== $n events ($(stat -c %s "$f") bytes); load $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -rf "$XDG_CACHE_HOME/parallax"
    /usr/bin/time -f "first open (parse, write the cache): %e s wall, %U s user" "$parallax" check "$f"
    ls -l "$XDG_CACHE_HOME"/parallax/*.pxc | awk '{ print "cache file: " $5 " bytes" }'
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$results/scenario-cache-$n-$stamp.json" \
        --command-name "check, parse" "$parallax check --no-cache $f" \
        --command-name "check, cache" "$parallax check $f" \
        --command-name "open -c quit, parse" "$parallax $f --no-cache -c quit" \
        --command-name "open -c quit, cache" "$parallax $f -c quit"
done
