#!/usr/bin/env python3
"""Generate a valid Parallax scenario (format v1) of any size, for benchmarks.

    generate.py N [--claims-per-event K] [--seed S] [--json]

Writes to stdout a scenario with N events and about K claims per event (default 2),
following /work/shared/design/event-model.md: several parties, actors, sources and
places; every event type and phase (once N >= 23); dates spread over years, with some
month/year-only dates, ranges, times and orders; questions; claims with answers,
figures (integers, {min, max}, {at_least}), relayed_by, confirms, denies, revises
chains (same party, earlier claims only, so no cycles) and known_at (an event id or a
date, never before the claim's `about` event). It is what an analyst's file looks like
under spec 1.1, so `parallax check` prints no warning on it: a speaker's changed answer
or figure says `revises:`, every question is answered, every actor, source and place
listed is referred to.

The output is deterministic for a given N, K, seed and Python 3 version. `--json`
writes the same scenario as JSON (JSON is valid YAML and Parallax accepts it).
"""

import argparse
import bisect
import datetime as dt
import json
import math
import random
import re
import sys

# --------------------------------------------------------------------------------------
# Vocabulary (from the spec)

PHASES = ["background", "build-up", "escalation", "mediation", "de-escalation", "aftermath"]

TYPES = ["statement", "appeal", "intent-to-cooperate", "consult", "mediate", "negotiate",
         "agreement", "ceasefire", "release", "deny", "accuse", "reject", "demand",
         "threaten", "protest", "posture", "coerce", "capture", "occupy", "assault",
         "fight", "violate-ceasefire", "war"]

# Which types are likely in each phase (weights).
PHASE_TYPES = {
    "background": {"statement": 5, "consult": 3, "protest": 2, "accuse": 2, "demand": 1,
                   "intent-to-cooperate": 1, "reject": 1},
    "build-up": {"posture": 5, "threaten": 4, "accuse": 4, "demand": 3, "protest": 2,
                 "coerce": 2, "statement": 2, "reject": 1, "deny": 1},
    "escalation": {"fight": 6, "assault": 4, "capture": 2, "occupy": 2, "war": 1,
                   "accuse": 3, "deny": 3, "statement": 2, "threaten": 1},
    "mediation": {"mediate": 4, "consult": 4, "appeal": 3, "negotiate": 3, "ceasefire": 2,
                  "violate-ceasefire": 2, "intent-to-cooperate": 1, "reject": 1},
    "de-escalation": {"agreement": 3, "ceasefire": 3, "release": 3, "negotiate": 2,
                      "consult": 2, "statement": 2, "violate-ceasefire": 1},
    "aftermath": {"statement": 4, "release": 3, "accuse": 2, "consult": 2, "protest": 1,
                  "deny": 1, "intent-to-cooperate": 1},
}

DIRECTED = {"appeal", "consult", "mediate", "accuse", "demand", "threaten", "protest",
            "posture", "coerce", "capture", "occupy", "assault", "deny", "reject"}

MEASURES = ["killed", "wounded", "captured", "missing", "displaced"]

STATUSES = [("official", 50), ("unconfirmed", 20), ("confirmed", 10), ("disputed", 15),
            ("retracted", 5)]

# Fictional parties: (id, name, role, adjective).
PARTIES = [
    ("NOR", "Republic of Norland", "belligerent", "Norlandic"),
    ("SUD", "Sudmark Federation", "belligerent", "Sudmarkian"),
    ("KVR", "Kovaria", "belligerent", "Kovarian"),
    ("RUV", "Ruvenia", "mediator", "Ruvenian"),
    ("UNI", "Continental Union", "mediator", "Union"),
    ("TAR", "Tarsia", "third-party", "Tarsian"),
    ("OSM", "Observer Mission", "observer", "Observer Mission"),
    ("ICR", "International Committee for Relief", "observer", "Relief Committee"),
]
BELLIGERENTS = [p[0] for p in PARTIES if p[2] == "belligerent"]
MEDIATORS = [p[0] for p in PARTIES if p[2] == "mediator"]

ACTOR_TEMPLATES = [
    # (suffix, name pattern, kind, title)
    ("mod", "{adj} Defence Ministry", "ministry", None),
    ("mfa", "{adj} Foreign Ministry", "ministry", None),
    ("pres", "{person}", "person", "President"),
    ("pm", "{person}", "person", "Prime Minister"),
    ("army", "{adj} Armed Forces", "military", None),
    ("press", "{adj} Presidential Press Office", "press-office", None),
    ("parl", "{adj} Parliament", "legislature", None),
]

PERSONS = ["Aram Vetlin", "Dorota Kemal", "Ilkin Maras", "Sona Petrosova", "Tomasz Grell",
           "Yerlan Osipov", "Mirela Dunca", "Kerem Aslanov", "Lusine Hakobova", "Pavel Orekh",
           "Nadia Rusu", "Emil Sarkan", "Ayla Demirel", "Viktor Lann", "Greta Holm",
           "Ruben Ghazar"]

PUBLISHERS = [
    ("latimes", "Los Angeles Times"), ("reuters", "Reuters"), ("afp", "Agence France-Presse"),
    ("ap", "Associated Press"), ("bbc", "BBC News"), ("rferl", "Radio Free Europe"),
    ("eurasianet", "Eurasianet"), ("crisisgroup", "International Crisis Group"),
    ("nor-state-tv", "Norland State Television"), ("sud-news", "Sudmark News Agency"),
    ("kvr-herald", "Kovarian Herald"), ("tass-like", "Ruvenian Telegraph Agency"),
    ("lemonde", "Le Monde"), ("dw", "Deutsche Welle"), ("aljazeera", "Al Jazeera"),
]

PLACE_NAMES = ["Kalbajar", "Vardenis Pass", "Lachin Corridor", "Sotk Mine", "Jermuk",
               "Ishkhanasar Heights", "Goris", "Kapan", "Tegh", "Nakhichevan Border",
               "Lake Sev", "Tavush Ridge", "Gegharkunik", "Zangilan", "Fizuli Plain",
               "Hadrut", "Shusha Heights", "Agdam", "Tartar River", "Berdzor",
               "Martuni", "Askeran", "Khojavend", "Kubatly", "Jebrail", "Norashen Valley",
               "Eastern Checkpoint", "Airport Road", "Northern Reservoir", "Saint Ilia Monastery"]

FREE_PLACES = ["near the border", "along the line of contact", "in the capital",
               "on the northern front", "at the negotiating venue", "in a border village"]

# Sentence fragments for titles, descriptions and claims.
TYPE_VERBS = {
    "statement": "issues a statement on", "appeal": "appeals for help over",
    "intent-to-cooperate": "offers cooperation on", "consult": "holds talks on",
    "mediate": "mediates in", "negotiate": "negotiates over", "agreement": "signs an agreement on",
    "ceasefire": "declares a ceasefire in", "release": "hands over prisoners at",
    "deny": "denies responsibility for", "accuse": "accuses its neighbour over",
    "reject": "rejects a proposal on", "demand": "demands withdrawal from",
    "threaten": "threatens retaliation over", "protest": "lodges a formal protest over",
    "posture": "deploys troops to", "coerce": "blockades", "capture": "captures soldiers at",
    "occupy": "occupies positions at", "assault": "attacks positions at",
    "fight": "clashes with forces at", "violate-ceasefire": "breaks the ceasefire at",
    "war": "wages full-scale war around",
}

SAYS = [
    "{a} forces opened fire on {b} positions{at}.",
    "{a} units came under artillery fire{at} and returned fire.",
    "The {b} side is responsible for the escalation{at}.",
    "{a} troops repelled an attempted incursion{at}.",
    "No civilians were harmed{at}, contrary to {b} reports.",
    "{b} sabotage groups tried to cross the line{at}; the attempt failed.",
    "The situation{at} is stable and fully under control.",
    "Talks with {b} produced no result; the {a} delegation left early.",
    "{a} proposes an immediate ceasefire and an exchange of prisoners.",
    "The reports of losses{at} are fabricated by {b} propaganda.",
    "{b} drones struck a supply column{at}, the ministry said.",
    "Both sides agreed to pull back heavy weapons{at}: a first step.",
]

QUOTES = [
    "We will not allow a single metre of our land to be taken.",
    "Our soldiers acted strictly in self-defence.",
    "The aggressor bears full responsibility for the consequences.",
    "We call on the international community to react.",
    "There is no alternative to negotiations.",
    "These claims are a lie, from beginning to end.",
    "Le cessez-le-feu doit être respecté.",
    "Wir fordern beide Seiten zur Zurückhaltung auf.",
]

NOTES = ["killed or wounded", "servicemen only", "civilians included", "preliminary count",
         "according to hospital records", "figure disputed by the other side"]


# --------------------------------------------------------------------------------------
# Helpers

def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_in(month, year):
    if month == 2 and ((year % 4 == 0 and year % 100 != 0) or year % 400 == 0):
        return 29
    return DAYS_IN[month - 1]


class PDate:
    """A partial date as the spec has them: year, year-month or year-month-day."""

    def __init__(self, year, month=None, day=None):
        self.year, self.month, self.day = year, month, day

    @property
    def precision(self):
        return 2 if self.day else (1 if self.month else 0)

    @property
    def first(self):
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self):
        m = self.month or 12
        return dt.date(self.year, m, self.day or days_in(m, self.year))

    def __str__(self):
        s = "%04d" % self.year
        if self.month:
            s += "-%02d" % self.month
        if self.day:
            s += "-%02d" % self.day
        return s


def full(d):
    return PDate(d.year, d.month, d.day)


# Plain YAML scalars: nothing that YAML would read as structure, in block or flow context.
PLAIN_BLOCK = re.compile(r"^[A-Za-z0-9][^#\[\]{}\"'\n\t\\|>&*!%@`]*$")
PLAIN_FLOW = re.compile(r"^[A-Za-z0-9][^:#\[\]{},\"'\n\t\\|>&*!%@`]*$")


def scalar(v, flow=False):
    if isinstance(v, bool):
        raise TypeError("no booleans in the format")
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, Quoted):
        return json.dumps(str(v), ensure_ascii=False)
    s = str(v)
    pattern = PLAIN_FLOW if flow else PLAIN_BLOCK
    if pattern.match(s) and not s.endswith(" ") and not s.endswith(":") and ": " not in s:
        return s
    return json.dumps(s, ensure_ascii=False)


class Quoted(str):
    """A string always written quoted in YAML (times, as the spec's example has them)."""


class Flow(dict):
    """A mapping written in flow style: {id: ARM, name: Armenia}."""


def emit_flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (k, emit_flow(x)) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(emit_flow(x) for x in v) + "]"
    return scalar(v, flow=True)


def emit_block_mapping(m, indent, out, first_prefix=None):
    pad = " " * indent
    first = True
    for k, v in m.items():
        prefix = first_prefix if (first and first_prefix is not None) else pad
        first = False
        if isinstance(v, Flow) or (isinstance(v, list) and all(not isinstance(x, dict) or isinstance(x, Flow) for x in v) and len(v) <= 4):
            out.append("%s%s: %s\n" % (prefix, k, emit_flow(v)))
        elif isinstance(v, dict):
            out.append("%s%s:\n" % (prefix, k))
            emit_block_mapping(v, indent + 2, out)
        elif isinstance(v, list):
            out.append("%s%s:\n" % (prefix, k))
            emit_block_sequence(v, indent + 2, out)
        else:
            out.append("%s%s: %s\n" % (prefix, k, scalar(v)))


def emit_block_sequence(items, indent, out):
    pad = " " * indent
    for x in items:
        if isinstance(x, Flow) or not isinstance(x, dict):
            out.append("%s- %s\n" % (pad, emit_flow(x)))
        else:
            emit_block_mapping(x, indent + 2, out, first_prefix=pad + "- ")


def to_yaml(doc, comment):
    out = ["# %s\n" % comment]
    for k, v in doc.items():
        if isinstance(v, list):
            out.append("%s:\n" % k)
            emit_block_sequence(v, 2, out)
        elif isinstance(v, dict) and not isinstance(v, Flow):
            out.append("%s:\n" % k)
            emit_block_mapping(v, 2, out)
        else:
            out.append("%s: %s\n" % (k, scalar(v)))
    return "".join(out)


# --------------------------------------------------------------------------------------
# Revisions

def number_value(v):
    """A number as the loader compares it: (min, max), max None when open."""
    if isinstance(v, int):
        return (v, v)
    if isinstance(v, dict):
        if "at_least" in v:
            return (v["at_least"], None)
        return (v["min"], v["max"])
    t = str(v).strip().lower()
    if t.startswith("at least "):
        return (int(t[9:]), None)
    if ".." in t:
        a, b = t.split("..")
        return (int(a), int(b))
    if t.isdigit():
        return (int(t), int(t))
    return ("text", t)


def settle_revisions(claims, claim_meta, claim_key):
    """As an analyst writes them: when a speaker's claim changes an answer or figure it gave
    before, the later claim says `revises:` (spec 1.1, Warnings). In the order the loader
    reads claims (where each becomes known), a claim whose value differs from the
    speaker's latest on that part, and which revises nothing yet, revises the latest such
    earlier claim; a change the revision chain cannot reach is written as the earlier
    value again (the speaker repeats itself). Retracted claims and sources' are left
    alone, as the loader leaves them."""
    index = {c["id"]: k for k, c in enumerate(claims)}
    parent = [index.get(c.get("revises")) for c in claims]

    def revises(later, earlier):
        # Links point to claims known earlier, so the walk stops once it passes `earlier`.
        k = parent[later]
        while k is not None and claim_key[k] >= claim_key[earlier]:
            if k == earlier:
                return True
            k = parent[k]
        return False

    last = {}   # (speaker, part) -> (claim, value as compared, value as written)
    for y in sorted(range(len(claims)), key=claim_key.__getitem__):
        c, party = claims[y], claim_meta[y][1]
        if party is None or c["status"] == "retracted":
            continue
        parts = [(("answer", q), c["answers"], q) for q in c.get("answers", {})]
        parts += [(("figure", f.get("party"), m), f, m) for f in c.get("figures", []) for m in MEASURES if m in f]
        changed = [last[(c["by"], part)][0] for part, holder, k in parts
                   if (c["by"], part) in last and last[(c["by"], part)][1] != number_value(holder[k])]
        if changed and parent[y] is None:
            parent[y] = max(changed, key=claim_key.__getitem__)
            sources = c.pop("sources")
            c["revises"], c["sources"] = claims[parent[y]]["id"], sources
        for part, holder, k in parts:
            seen = last.get((c["by"], part))
            if seen and seen[1] != number_value(holder[k]) and not revises(y, seen[0]):
                holder[k] = seen[2]
            last[(c["by"], part)] = (y, number_value(holder[k]), holder[k])


# --------------------------------------------------------------------------------------
# The scenario

def generate(n, claims_per_event, seed):
    rng = random.Random(seed)
    start = dt.date(2014, 1, 1)
    span_days = max(3 * 365, n // 3)   # 5,000 events: ~4.6 years; 20,000: ~18 years
    end = start + dt.timedelta(days=span_days)

    # Parties, actors, places -----------------------------------------------------
    parties = [Flow(id=p[0], name=p[1], role=p[2]) for p in PARTIES]
    party_adj = {p[0]: p[3] for p in PARTIES}
    actors, actors_of, party_of = [], {}, {}
    persons = iter(PERSONS * 4)
    for pid, _, role, adj in PARTIES:
        templates = ACTOR_TEMPLATES if role == "belligerent" else ACTOR_TEMPLATES[1:3] + ACTOR_TEMPLATES[5:6]
        for suffix, pattern, kind, title in templates:
            aid = "%s-%s" % (pid.lower(), suffix)
            a = {"id": aid, "name": pattern.format(adj=adj, person=next(persons)), "party": pid, "kind": kind}
            if title:
                a["title"] = title
            actors.append(Flow(a) if rng.random() < 0.5 else a)
            actors_of.setdefault(pid, []).append(aid)
            party_of[aid] = pid
    places = []
    for i, name in enumerate(PLACE_NAMES):
        pid = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        p = Flow(id=pid, name=name)
        if i % 3 == 0:
            p["note"] = "disputed area" if i % 2 else "town near the line of contact"
        places.append(p)
    place_ids = [p["id"] for p in places]

    # Sources: spread over the period, a few per month ---------------------------
    n_sources = max(12, n // 25)
    sources = []
    for i in range(n_sources):
        day = start + dt.timedelta(days=span_days * i // n_sources + rng.randrange(0, 7))
        pub_id, pub = PUBLISHERS[i % len(PUBLISHERS)]
        s = {"id": "%s-%d" % (pub_id, i + 1), "publisher": pub,
             "title": "%s: %s" % (rng.choice(["Clashes reported", "Talks stall", "Ceasefire holds",
                                             "Border tension rises", "Prisoners exchanged",
                                             "Mediators meet"]), rng.choice(PLACE_NAMES)),
             "date": str(full(day))}
        if rng.random() < 0.6:
            s["url"] = "https://news.example.org/%s/%d/%s" % (pub_id, day.year, s["id"])
        sources.append(s)
    source_ids = [s["id"] for s in sources]
    source_days = [dt.date.fromisoformat(s["date"]) for s in sources]

    def sources_near(day, k):
        i = min(len(sources) - 1, max(0, int((day - start).days * n_sources / span_days)))
        lo, hi = max(0, i - 3), min(len(sources), i + 4)
        return rng.sample(source_ids[lo:hi], min(k, hi - lo))

    # Events: "crises" of phases in order, one after another -----------------------
    day_step = span_days / max(1, n)
    events, ev_meta = [], []   # ev_meta: (sort key, first day, index)
    crisis_len = max(6, min(120, n // 8))
    for i in range(n):
        phase = PHASES[min(5, (i % crisis_len) * 6 // crisis_len)]
        typ = weighted(rng, list(PHASE_TYPES[phase].items()))
        events.append({"phase": phase, "type": typ})
    # Every type at least once (when there is room), placed in its usual phase.
    if n >= len(TYPES):
        present = {e["type"] for e in events}
        for k, t in enumerate(t for t in TYPES if t not in present):
            idx = (k * 7919 + 13) % n
            events[idx]["type"] = t
    for i, e in enumerate(events):
        typ, phase = e["type"], e["phase"]
        day = start + dt.timedelta(days=int(i * day_step))
        r = rng.random()
        if r < 0.02:
            date, first, prec = PDate(day.year), PDate(day.year).first, 0
        elif r < 0.06:
            date, first, prec = PDate(day.year, day.month), PDate(day.year, day.month).first, 1
        else:
            date, first, prec = full(day), day, 2
        date_text = str(date)
        if r > 0.96:   # a range: a war of some weeks
            a = full(day)
            b = full(day + dt.timedelta(days=rng.randrange(2, 45)))
            if rng.random() < 0.3:
                b = PDate(b.year, b.month)
            date_text = "%s..%s" % (a, b)
            first, prec = day, min(a.precision, b.precision)
        belligerents = rng.sample(BELLIGERENTS, 2)
        a_party, b_party = belligerents
        if typ in ("mediate", "appeal", "consult") and rng.random() < 0.6:
            a_party, b_party = rng.choice(MEDIATORS), a_party
        title_place = None
        ev = {"id": "%s-%s-%d" % (typ, first.isoformat(), i + 1), "date": date_text}
        time = order = None
        if prec == 2 and rng.random() < 0.2:
            time = (rng.randrange(0, 24), rng.choice([0, 15, 30, 45, 5, 50]))
            ev["time"] = Quoted("%02d:%02d" % time)
        if rng.random() < 0.05:
            order = rng.randrange(1, 4)
            ev["order"] = order
        ev["phase"] = phase
        ev["type"] = typ
        acts = []
        first_actor = rng.choice(actors_of[a_party]) if rng.random() < 0.5 else a_party
        acts.append(first_actor)
        acts.append(b_party if rng.random() < 0.6 else rng.choice(actors_of[b_party]))
        if rng.random() < 0.15:
            third = rng.choice([p for p in party_adj if p not in (a_party, b_party)])
            acts.append(third)
        if rng.random() < 0.95:
            ev["actors"] = acts
        pr = rng.random()
        if pr < 0.6:
            title_place = rng.choice(PLACE_NAMES)
            ev["place"] = re.sub(r"[^a-z]+", "-", title_place.lower()).strip("-")
        elif pr < 0.7:
            ev["place"] = rng.choice(FREE_PLACES)
        if rng.random() < 0.1:
            ev["reported_by"] = [rng.choice([rng.choice(actors_of[rng.choice(MEDIATORS)]),
                                             rng.choice(source_ids)])]
        where = title_place or rng.choice(["the border", "the line of contact", "the capital"])
        ev["title"] = "%s %s %s" % (party_adj[a_party], TYPE_VERBS[typ], where)
        if rng.random() < 0.4:
            ev["description"] = ("%s sources describe the %s near %s; %s officials give a different account."
                                 % (party_adj[b_party], typ.replace("-", " "), where, party_adj[a_party]))
        if rng.random() < 0.05:
            ev["intensity"] = round(rng.uniform(-10, 10), 1)
        ev["sources"] = sources_near(day, 1 if rng.random() < 0.7 else 2)
        events[i] = ev
        key = (first.toordinal(), prec, 0 if time is None else 1,
               (time[0] * 60 + time[1]) if time else 0,
               order if order is not None else -math.inf, i)
        ev_meta.append({"key": key, "first": first, "parties": (a_party, b_party), "where": where})

    # Sequence positions, computed exactly as the spec orders events.
    order_idx = sorted(range(n), key=lambda i: ev_meta[i]["key"])
    position = [0] * n
    for p, i in enumerate(order_idx):
        position[i] = p + 1
    by_position = [events[i]["id"] for i in order_idx]
    # First days in sequence order: a `known_at` date is known at the first event from
    # `about` on that does not start before it (as the loader places it).
    first_by_position = [ev_meta[i]["first"] for i in order_idx]

    # Questions: about one event in eight -------------------------------------------
    questions, q_of_event = [], {}
    qkinds = ["who", "yesno", "number", "text"]
    for i in range(0, n, 8):
        j = min(n - 1, i + rng.randrange(0, 8))
        kind = qkinds[(i // 8) % 4]
        where = ev_meta[j]["where"]
        text = {
            "who": "Who started the fighting at %s?" % where,
            "yesno": "Were civilians targeted at %s?" % where,
            "number": "How many soldiers were taken prisoner at %s?" % where,
            "text": "What weapons were used at %s?" % where,
        }[kind]
        qid = "q%d-%s" % (len(questions) + 1, kind)
        questions.append({"id": qid, "text": text, "about": events[j]["id"]})
        q_of_event.setdefault(j, []).append((qid, kind))

    # Claims ------------------------------------------------------------------------
    claims = []
    claim_meta = []   # (id, party or None, by, about index)
    claim_key = []    # (position where it becomes known, file index): the loader's order
    last_of_party = {}   # party -> recent claim indexes (for revises)
    speakers_all = [a["id"] for a in actors]
    counter = 0
    for i in range(n):
        # Poisson-ish number of claims per event, mean claims_per_event.
        k = int(claims_per_event)
        if rng.random() < claims_per_event - k:
            k += 1
        if k >= 1 and rng.random() < 0.3:
            k += rng.choice([-1, 1])
        a_party, b_party = ev_meta[i]["parties"]
        where = ev_meta[i]["where"]
        # Every question is answered: an event asked about has a claim, and its last
        # claim answers what the others left open.
        if i in q_of_event:
            k = max(k, 1)
        open_questions = {qid for qid, _ in q_of_event.get(i, [])}
        for ci in range(max(0, k)):
            counter += 1
            r = rng.random()
            if r < 0.08:
                by, party = rng.choice(source_ids), None
            elif r < 0.18:
                party = rng.choice([a_party, b_party])
                by = party
            elif r < 0.85:
                party = rng.choice([a_party, b_party])
                by = rng.choice(actors_of[party])
            else:
                by = rng.choice(speakers_all)
                party = party_of[by]
            cid = "%s-c%d" % (by.lower(), counter)
            own = party or a_party
            other = b_party if own == a_party else a_party
            c = {"id": cid, "by": by, "about": events[i]["id"]}
            about_first = ev_meta[i]["first"]
            if rng.random() < 0.3:
                c["made_on"] = str(full(about_first + dt.timedelta(days=rng.randrange(0, 4))))
            kr = rng.random()
            known = position[i]
            if kr < 0.12:
                known = min(n, position[i] + rng.randrange(0, 15))
                c["known_at"] = by_position[known - 1]
            elif kr < 0.2:
                day = about_first + dt.timedelta(days=rng.randrange(0, 30))
                c["known_at"] = str(full(day))
                known = min(n, bisect.bisect_left(first_by_position, day, lo=position[i] - 1) + 1)
            key = (known, len(claims))
            says = rng.choice(SAYS).format(a=party_adj[own], b=party_adj[other],
                                           at=" near %s" % where if rng.random() < 0.7 else "")
            c["says"] = says
            if rng.random() < 0.3:
                c["quote"] = rng.choice(QUOTES)
            c["status"] = weighted(rng, STATUSES)
            answers = {}
            for qid, kind in q_of_event.get(i, []):
                if rng.random() < 0.8 or (ci == k - 1 and qid in open_questions):
                    open_questions.discard(qid)
                    answers[qid] = {
                        "who": lambda: other if rng.random() < 0.8 else own,
                        "yesno": lambda: rng.choice(["yes", "no"]),
                        "number": lambda: rng.choice([str(rng.randrange(0, 40)),
                                                      "at least %d" % rng.randrange(1, 30),
                                                      "%d..%d" % (lambda a: (a, a + rng.randrange(1, 20)))(rng.randrange(0, 20))]),
                        "text": lambda: rng.choice(["artillery", "drones", "small arms",
                                                    "mortars and rockets", "unknown"]),
                    }[kind]()
            if answers:
                c["answers"] = Flow(answers)
            figures = []
            # A claim gives one figure per (party, measure): a pair drawn twice is drawn
            # (so the random sequence stays the same) but not written again.
            given = set()
            if rng.random() < (0.45 if party in BELLIGERENTS else 0.2):
                for _ in range(1 if rng.random() < 0.75 else 2):
                    f = Flow()
                    if party is None and rng.random() < 0.5:
                        pass   # a total across all sides
                    else:
                        f["party"] = rng.choice([own, other])
                    for m in rng.sample(MEASURES, 1 if rng.random() < 0.7 else 2):
                        vr = rng.random()
                        base = rng.randrange(0, 80)
                        if (f.get("party"), m) in given:
                            if vr >= 0.7 and vr < 0.85:
                                rng.randrange(1, 60)
                            continue
                        given.add((f.get("party"), m))
                        if vr < 0.7:
                            f[m] = base
                        elif vr < 0.85:
                            f[m] = Flow(min=base, max=base + rng.randrange(1, 60))
                        else:
                            f[m] = Flow(at_least=base)
                    if rng.random() < 0.1:
                        f["note"] = rng.choice(NOTES)
                    if any(m in f for m in MEASURES):
                        figures.append(f)
            if figures:
                c["figures"] = figures
            if rng.random() < 0.15:
                relay = rng.choice([rng.choice(source_ids), rng.choice(speakers_all)])
                if relay != by:
                    c["relayed_by"] = relay
            if claim_meta and rng.random() < 0.1:
                c["confirms"] = [rng.choice(claim_meta[-40:])[0]]
            if claim_meta and rng.random() < 0.1:
                c["denies"] = [rng.choice(claim_meta[-40:])[0]]
            if party is not None and last_of_party.get(party) and rng.random() < 0.08:
                # A later statement of the same party updating one of its recent claims.
                target = rng.choice(last_of_party[party][-10:])
                # Only a claim known before this one (else the two could form a cycle
                # with the revisions `settle_revisions` adds).
                if claim_key[target] < key:
                    c["revises"] = claim_meta[target][0]
                tfig = claims[target].get("figures")
                if "revises" in c and tfig and "figures" not in c:
                    revised = []
                    for f in tfig:
                        g = Flow(f)
                        for m in MEASURES:
                            if isinstance(g.get(m), int):
                                g[m] = g[m] + rng.randrange(1, 20)
                        revised.append(g)
                    c["figures"] = revised
            c["sources"] = sources_near(about_first, 1 if rng.random() < 0.8 else 2)
            claims.append(c)
            claim_meta.append((cid, party, by, i))
            claim_key.append(key)
            if party is not None:
                last_of_party.setdefault(party, []).append(len(claims) - 1)

    settle_revisions(claims, claim_meta, claim_key)

    # Only what is referred to (a small file uses a few of the actors, places and sources;
    # an unused one draws a warning).
    used = set()
    for e in events:
        used.update(e.get("actors", []), e.get("reported_by", []), e["sources"], [e.get("place")])
    for c in claims:
        used.update([c["by"], c.get("relayed_by")], c["sources"])
    actors = [a for a in actors if a["id"] in used]
    places = [p for p in places if p["id"] in used]
    sources = [s for s in sources if s["id"] in used]

    as_of = max(end, max(source_days))
    doc = {
        "parallax": 1,
        "scenario": {
            "id": "bench-%d-seed-%d" % (n, seed),
            "title": "Norland–Sudmark border conflict, %d events (generated)" % n,
            "summary": ("A generated scenario for benchmarks: %d events, %d claims, %d questions, "
                        "over %d years." % (n, len(claims), len(questions), span_days // 365)),
            "as_of": str(full(as_of)),
        },
        "sources": sources,
        "parties": parties,
        "actors": actors,
        "places": places,
        "events": events,
        "questions": questions,
        "claims": claims,
    }
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", type=int, help="number of events")
    ap.add_argument("--claims-per-event", type=float, default=2.0, help="mean claims per event (default 2)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--json", action="store_true", help="write JSON instead of YAML")
    args = ap.parse_args()
    if args.events < 1:
        ap.error("N must be at least 1")
    if args.claims_per_event < 0:
        ap.error("--claims-per-event must be >= 0")
    doc = generate(args.events, args.claims_per_event, args.seed)
    out = sys.stdout
    if args.json:
        out.write(json.dumps(doc, ensure_ascii=False, indent=2))
        out.write("\n")
    else:
        out.write(to_yaml(doc, "Generated by Scripts/bench/generate.py %d --claims-per-event %g --seed %d"
                          % (args.events, args.claims_per_event, args.seed)))


if __name__ == "__main__":
    main()
