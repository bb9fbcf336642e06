#!/usr/bin/env python3
"""Writes a GDELT-2.0-shaped event file (61 tab-separated fields, no header) of N rows,
drawing each column from the value distributions of the GDELT 2.0 samples
(Tests/ParallaxTests/EventData/gdelt2_events_*sample.tsv; GDELT data, https://www.gdeltproject.org/),
with Armenia and Azerbaijan mixed in so that `party = ARM` selects a realistic share.

Usage: generate-gdelt.py ROWS OUT [SEED]   (1,000,000 rows is about 420 MB)
"""
import random, sys, os

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "..", "Tests", "ParallaxTests", "EventData")
samples = []
for name in ("gdelt2_events_sample.tsv", "gdelt2_events_translingual_sample.tsv"):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        samples += [l.rstrip("\n").split("\t") for l in f if l.strip()]
assert all(len(r) == 61 for r in samples)

# Column groups drawn together from one sample row, so that codes, names and places agree.
ACTOR1, ACTOR2 = range(5, 15), range(15, 25)
EVENT = range(25, 31)            # IsRootEvent, EventCode, Base, Root, QuadClass, Goldstein
GEO1, GEO2, GEOA = range(35, 43), range(43, 51), range(51, 59)
extra_actors = [
    ["ARM", "ARMENIA", "ARM", "", "", "", "", "", "", ""],
    ["ARMGOV", "ARMENIA", "ARM", "", "", "", "", "GOV", "", ""],
    ["AZE", "AZERBAIJAN", "AZE", "", "", "", "", "", "", ""],
    ["AZEMIL", "AZERBAIJAN", "AZE", "", "", "", "", "MIL", "", ""],
    ["RUS", "RUSSIA", "RUS", "", "", "", "", "", "", ""],
]
actor_pool = [r[5:15] for r in samples] + [r[15:25] for r in samples] + extra_actors * 8
event_pool = [r[25:31] for r in samples]
geo_pool = [r[35:43] for r in samples] + [r[43:51] for r in samples] + [r[51:59] for r in samples]
hosts = sorted({r[60].split("/")[2] for r in samples if r[60].startswith("http")})
words = "border clash ceasefire talks minister visit troops protest statement aid police court election".split()

with open(out, "w", encoding="utf-8", newline="\n") as f:
    gid = 900_000_000
    for i in range(rows):
        gid += rng.randint(1, 3)
        y = rng.randint(2014, 2022)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        day = f"{y:04d}{m:02d}{d:02d}"
        a1 = rng.choice(actor_pool) if rng.random() < 0.9 else [""] * 10
        a2 = rng.choice(actor_pool) if rng.random() < 0.7 else [""] * 10
        ev = rng.choice(event_pool)
        mentions = max(1, int(rng.expovariate(1 / 6)))
        sources = max(1, min(mentions, int(rng.expovariate(1 / 2))))
        tone = f"{rng.gauss(-2.5, 3.5):.14f}"
        g1, g2, ga = rng.choice(geo_pool), rng.choice(geo_pool), rng.choice(geo_pool)
        slug = "-".join(rng.choice(words) for _ in range(rng.randint(6, 12)))
        url = f"http://{rng.choice(hosts)}/news/{y}/{m:02d}/{d:02d}/{slug}-{rng.randint(1, 10**7)}.html"
        row = [str(gid), day, day[:6], day[:4], f"{y + (m - 1) / 12:.4f}", *a1, *a2, *ev,
               str(mentions), str(sources), str(mentions), tone, *g1, *g2, *ga,
               f"{day}{rng.randint(0, 23):02d}{rng.choice(['00', '15', '30', '45'])}00", url]
        assert len(row) == 61
        f.write("\t".join(row) + "\n")
