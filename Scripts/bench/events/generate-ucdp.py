#!/usr/bin/env python3
"""Writes a UCDP-GED-shaped CSV of N rows (the full GED 23.1 has about 316,000), drawing
rows from the 1,000-row sample (Tests/ParallaxTests/EventData/; UCDP GED, CC BY 4.0,
Sundberg & Melander 2013; Davies, Pettersson & Öberg 2023) with new ids and dates.

Usage: generate-ucdp.py ROWS OUT [SEED]
"""
import csv, datetime, os, random, sys

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
here = os.path.dirname(os.path.abspath(__file__))
sample = os.path.join(here, "..", "..", "..", "Tests", "ParallaxTests", "EventData",
                      "ucdp_ged231_sample1000_from_uncertainUCDP.csv")
with open(sample, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    pool = list(reader)
col = {n: i for i, n in enumerate(header)}
start = datetime.date(1989, 1, 1)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i in range(rows):
        r = list(rng.choice(pool))
        r[col["id"]] = str(500000 + i)
        d = start + datetime.timedelta(days=rng.randint(0, 12400))
        e = d + datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2, 6]))
        r[col["date_start"]], r[col["date_end"]] = d.isoformat(), e.isoformat()
        r[col["year"]] = str(d.year)
        w.writerow(r)
