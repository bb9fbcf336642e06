#!/usr/bin/env python3
"""Writes an ACLED-shaped CSV of N made-up rows under ACLED's real header (taken from
Tests/ParallaxTests/EventData/acled_columns_header_only.csv). ACLED's terms forbid
redistributing its rows, so no value comes from ACLED: actors, places, sources, notes and
counts are invented here, in ACLED's forms (event and sub-event types, `Military Forces of
X (YEAR-)` actors, interaction codes, fatalities mostly 0 with a long tail).

Usage: generate-acled.py ROWS OUT [SEED]
"""
import csv, datetime, os, random, sys

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "..", "Tests", "ParallaxTests", "EventData",
                       "acled_columns_header_only.csv"), newline="", encoding="utf-8") as f:
    header = next(csv.reader(f))
col = {n: i for i, n in enumerate(header)}

# (disorder type, event type, sub-event types, weight, typical fatalities)
TYPES = [
    ("Political violence", "Battles", ["Armed clash", "Government regains territory",
                                       "Non-state actor overtakes territory"], 22, 3),
    ("Political violence", "Explosions/Remote violence", ["Shelling/artillery/missile attack", "Air/drone strike",
                                                          "Remote explosive/landmine/IED", "Grenade"], 18, 2),
    ("Political violence", "Violence against civilians", ["Attack", "Abduction/forced disappearance",
                                                          "Sexual violence"], 10, 1),
    ("Demonstrations", "Protests", ["Peaceful protest", "Protest with intervention",
                                    "Excessive force against protesters"], 30, 0),
    ("Demonstrations", "Riots", ["Violent demonstration", "Mob violence"], 8, 0),
    ("Strategic developments", "Strategic developments", ["Agreement", "Arrests", "Change to group/activity",
                                                           "Disrupted weapons use", "Headquarters or base established",
                                                           "Looting/property destruction",
                                                           "Non-violent transfer of territory", "Other"], 12, 0),
]
WEIGHTS = [t[3] for t in TYPES]
# Made-up countries (name, ISO numeric, region, provinces, towns); the names are real
# places only so that the rows read like an export, every value of a row is drawn here.
COUNTRIES = [
    ("Armenia", 51, "Caucasus and Central Asia", ["Syunik", "Tavush", "Gegharkunik", "Yerevan", "Ararat"],
     ["Goris", "Ijevan", "Jermuk", "Yerevan", "Vardenis", "Kapan", "Sotk"]),
    ("Azerbaijan", 31, "Caucasus and Central Asia", ["Tovuz", "Gazakh", "Nakhchivan", "Baku", "Kalbajar"],
     ["Tovuz", "Gazakh", "Baku", "Kalbajar", "Lachin", "Shusha", "Aghdam"]),
    ("Georgia", 268, "Caucasus and Central Asia", ["Tbilisi", "Shida Kartli", "Kvemo Kartli"],
     ["Tbilisi", "Gori", "Rustavi", "Marneuli"]),
]
FORCES = {"Armenia": ["Military Forces of Armenia (2018-)", "Police Forces of Armenia (2018-)"],
          "Azerbaijan": ["Military Forces of Azerbaijan (2003-)", "Police Forces of Azerbaijan (2003-)"],
          "Georgia": ["Military Forces of Georgia (2013-)", "Police Forces of Georgia (2013-)"]}
SOURCES = ["Made-up Wire", "Example News", "Sample Daily", "Invented Times", "Placeholder Radio",
           "Ministry of Defence (made-up)", "Demo Herald", "Synthetic Post"]
SCALES = ["National", "International", "Subnational", "National-International", "Other"]
VERBS = {"Battles": "clashed with", "Explosions/Remote violence": "shelled positions of",
         "Violence against civilians": "attacked", "Protests": "protested against",
         "Riots": "rioted against", "Strategic developments": "reported about"}


def fatalities(typical):
    if typical == 0:
        return 0 if rng.random() < 0.97 else rng.randint(1, 3)
    if rng.random() < 0.45:
        return 0
    return min(int(rng.paretovariate(1.3) * typical) - typical + 1, 900)


start = datetime.date(2018, 1, 1)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i in range(rows):
        disorder, etype, subs, _, typical = rng.choices(TYPES, WEIGHTS)[0]
        sub = rng.choice(subs)
        country, iso, region, provinces, towns = rng.choice(COUNTRIES)
        other = rng.choice([c for c in COUNTRIES if c[0] != country])[0]
        if etype in ("Protests", "Riots"):
            actor1 = ("Protesters" if etype == "Protests" else "Rioters") + f" ({country})"
            actor2 = rng.choice(["", "", FORCES[country][1]])
            inter1, inter2 = (6 if etype == "Protests" else 5), (1 if actor2 else 0)
        elif etype == "Violence against civilians":
            actor1 = rng.choice(FORCES[other] + [f"Unidentified Armed Group ({country})"])
            actor2, inter1, inter2 = f"Civilians ({country})", rng.choice([1, 3]), 7
        else:
            actor1 = rng.choice(FORCES[country][:1] + FORCES[other][:1])
            actor2 = rng.choice(FORCES[other][:1] + FORCES[country][:1] + [""])
            actor2 = "" if actor2 == actor1 else actor2
            inter1, inter2 = 1, (1 if actor2 else 0)
        d = start + datetime.timedelta(days=rng.randint(0, 2000))
        n = fatalities(typical)
        town = rng.choice(towns)
        r = [""] * len(header)
        r[col["event_id_cnty"]] = f"{country[:3].upper()}{100000 + i}"
        r[col["event_date"]] = d.isoformat() if rng.random() < 0.8 else f"{d.day} {d.strftime('%B')} {d.year}"
        r[col["year"]] = str(d.year)
        r[col["time_precision"]] = str(rng.choice([1, 1, 1, 2, 3]))
        r[col["disorder_type"]] = disorder
        r[col["event_type"]], r[col["sub_event_type"]] = etype, sub
        r[col["actor1"]], r[col["inter1"]] = actor1, str(inter1)
        r[col["actor2"]], r[col["inter2"]] = actor2, str(inter2)
        r[col["interaction"]] = str(min(inter1, inter2) * 10 + max(inter1, inter2) if inter2 else inter1 * 10)
        r[col["civilian_targeting"]] = "Civilian targeting" if etype == "Violence against civilians" else ""
        r[col["iso"]], r[col["region"]], r[col["country"]] = str(iso), region, country
        r[col["admin1"]] = rng.choice(provinces)
        r[col["location"]] = town
        r[col["latitude"]] = f"{rng.uniform(38.8, 42.0):.4f}"
        r[col["longitude"]] = f"{rng.uniform(43.5, 50.0):.4f}"
        r[col["geo_precision"]] = str(rng.choice([1, 1, 2, 3]))
        r[col["source"]] = "; ".join(rng.sample(SOURCES, rng.choice([1, 1, 1, 2])))
        r[col["source_scale"]] = rng.choice(SCALES)
        r[col["notes"]] = (f"Made-up: on {d.isoformat()}, {actor1} {VERBS[etype]} "
                           f"{actor2 or 'the authorities'} near {town} ({sub.lower()}). "
                           + (f"{n} reported killed." if n else "No fatalities reported."))
        r[col["fatalities"]] = str(n)
        r[col["tags"]] = rng.choice(["", "", "", "crowd size=no report", "local administrators"])
        r[col["timestamp"]] = str(1514764800 + (d - start).days * 86400 + rng.randint(0, 86399))
        w.writerow(r)
