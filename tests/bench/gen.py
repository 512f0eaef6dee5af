#!/usr/bin/python3
"""Synthetic cxotrack datasets for the benchmarks, deterministic from a seed.

    gen.py --topics N --meetings M [--seed S] [--shards K] OUTDIR

writes into OUTDIR:
  dataset.json      the whole dataset, one interchange-format document that
                    `cxotrack import` takes without a warning
  shard-I.json      with --shards K > 1: the same records split by topic into K
                    documents (each with the meetings, lifecycle, registries,
                    organizations, and the conclusions of its own topics), for
                    datasets larger than one document may be
  meetings.tsv, topics.tsv, observations.tsv, observation_sources.tsv
                    the raw rows the C baselines and the C API insert read
                    (tab-separated, no header, \\N for null; texts hold no tab
                    or line break)
  meta.json         sizes, the last meeting, a topic with a long history

Only the standard library, so that it runs under Debian's /usr/bin/python3.

What the data looks like, so that it exercises what the library does:
- meetings of the tracked kinds (cto, cxo, consultation, workshop) and a few
  tsag meetings (untracked), a few days apart, each with an ordinal, a city,
  sources and the attendance of some organizations;
- every topic is raised at some meeting and then discussed at about half of
  the later meetings, moving along the cto lifecycle (reaffirmed most of the
  time, advancing now and then, dropped rarely, closed after delivery) with
  gaps between discussions; a few observations are dated events between
  meetings (a Focus Group established); statuses never go back, so the
  lifecycle's "warn" mode has nothing to warn about;
- some observations carry a priority, a note, a source, or are uncertain;
- a few topics are renamed from older ones (lineage);
- each meeting has a few numbered conclusions about topics it discussed, most
  with an action owned by a study group, due at a later meeting, followed up
  at later meetings;
- registries of Resolution 22 items and Focus Groups, with dated statuses,
  and links from some topics.
"""
import argparse
import json
import os
import random
import sys

STATUSES = ["raised", "prioritized", "assigned", "in-progress", "delivered", "closed"]
RANK = {s: i + 1 for i, s in enumerate(STATUSES)}
TRACKED = ("cto", "cxo", "consultation", "workshop")
KIND_CYCLE = ["cto", "cxo", "consultation", "cto", "workshop", "cxo", "cto", "consultation", "tsag", "cxo"]
CITIES = [("Geneva", "CH"), ("Bangkok", "TH"), ("Doha", "QA"), ("Dubai", "AE"), ("Budapest", "HU"),
          ("Busan", "KR"), ("Hammamet", "TN"), ("Buenos Aires", "AR"), ("Durban", "ZA"), ("Seoul", "KR"),
          ("Tokyo", "JP"), ("Beijing", "CN"), ("Kigali", "RW"), ("Lisbon", "PT"), ("Sharm el-Sheikh", "EG")]
WORDS = ["network", "quality", "service", "security", "trust", "identity", "cloud", "edge", "data", "machine",
         "learning", "quantum", "optical", "access", "transport", "mobile", "vehicle", "energy", "smart", "city",
         "digital", "twin", "blockchain", "ledger", "spectrum", "satellite", "broadband", "sensor", "health",
         "finance", "interoperability", "open", "source", "automation", "intent", "slicing", "metaverse", "audio",
         "video", "experience", "emergency", "resilience", "sustainability", "carbon", "accessibility"]
OWNERS = ["TSB", "TSAG", "SG2", "SG3", "SG5", "SG9", "SG11", "SG12", "SG13", "SG15", "SG16", "SG17", "SG20"]
REGIONS = ["africa", "americas", "arab-states", "asia-pacific", "cis", "europe"]
ORG_KINDS = ["operator", "vendor", "service-provider", "academia", "sdo", "government", "other"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def meeting_date(i):
    # about 45 days apart from 2009-10, always a valid day
    day = 6 + (i * 45)
    year = 2009 + day // 360
    rest = day % 360
    month = rest // 30 + 1
    dom = rest % 30 + 1
    if month == 2 and dom > 28:
        dom = 28
    return "%04d-%02d-%02d" % (year, month, dom), year, month, dom


def generate(topics, meetings, seed):
    rng = random.Random(seed)
    doc = {"format": "cxotrack", "version": 1}
    doc["lifecycles"] = []  # the built-in "cto" as it is

    # registries and items
    registries = [{"id": "fg", "title": "ITU-T Focus Groups", "version": "2024", "url": "https://www.itu.int/en/ITU-T/focusgroups"},
                  {"id": "res22", "title": "TSAG new and emerging technologies (Resolution 22)", "version": "2024"}]
    items = []
    nitems = max(4, topics // 100)
    for i in range(nitems):
        reg = "fg" if i % 2 == 0 else "res22"
        start = 2010 + (i % 12)
        it = {"registry": reg, "id": "%s-%05d" % ("FG" if reg == "fg" else "R22", i), "title": words(rng, 3).capitalize(),
              "statuses": [{"date": "%d-%02d" % (start, 1 + i % 12), "status": "established"}]}
        if i % 3 == 0:
            it["statuses"].append({"date": "%d-%02d" % (start + 2, 1 + (i * 7) % 12), "status": "concluded"})
        items.append(it)

    # organizations
    orgs = []
    norgs = 120
    for i in range(norgs):
        orgs.append({"id": "org-%03d" % i, "name": "Organization %d %s" % (i, words(rng, 1).capitalize()),
                     "country": rng.choice(CITIES)[1], "region": rng.choice(REGIONS), "kind": rng.choice(ORG_KINDS),
                     "sme": rng.random() < 0.2, "developing": rng.random() < 0.4})

    # meetings
    ms = []
    ordinals = {}
    for i in range(meetings):
        kind = KIND_CYCLE[i % len(KIND_CYCLE)] if i != meetings - 1 else "cto"
        date, _, _, _ = meeting_date(i)
        ordinals[kind] = ordinals.get(kind, 0) + 1
        city, country = CITIES[i % len(CITIES)]
        m = {"id": "%s-%s-%03d" % (kind, date[:4], i), "kind": kind, "series": "ITU-T %s meetings" % kind.upper(),
             "ordinal": ordinals[kind], "date": date, "city": city, "country": country,
             "participants": 20 + rng.randrange(60),
             "sources": [{"ref": "Communique of meeting %d" % i, "url": "https://www.itu.int/meetings/%d" % i}]}
        att = sorted(rng.sample(range(norgs), 15 + rng.randrange(15)))
        m["attendance"] = [{"organization": "org-%03d" % a, "role": rng.choice(["cto", "cxo", "delegate"])} for a in att]
        ms.append(m)
    meeting_ids = [m["id"] for m in ms]

    # topics, with their observations
    tps, obs = [], []
    discussed = [[] for _ in range(meetings)]  # topic ids per meeting
    width = len(str(topics))
    for t in range(topics):
        tid = "topic-%0*d-%s" % (width, t, rng.choice(WORDS))
        tp = {"id": tid, "title": words(rng, 2 + rng.randrange(4)).capitalize()}
        if rng.random() < 0.5:
            tp["tags"] = sorted(set(rng.sample(WORDS, 1 + rng.randrange(3))))
        if rng.random() < 0.1:
            tp["aliases"] = [words(rng, 3)]
        if rng.random() < 0.3:
            tp["description"] = words(rng, 12).capitalize() + "."
        if rng.random() < 0.05:
            it = items[rng.randrange(nitems)]
            tp["links"] = [{"registry": it["registry"], "item": it["id"],
                            "relation": rng.choice(["maps-to", "partially-covers", "led-to", "related"])}]
        tps.append(tp)
        # the history: raised at a meeting in the first half (mostly), then
        # discussed at about two thirds of the later meetings
        first = min(meetings - 1, int(rng.random() ** 2 * meetings * 0.8))
        rank = 1
        ended = False
        dated_used = set()
        for mi in range(first, meetings):
            if mi != first and rng.random() >= 0.7:
                # not discussed; now and then an event between meetings
                if not ended and rank < 5 and rng.random() < 0.01:
                    date = ms[mi]["date"][:7]
                    if date not in dated_used and date > ms[mi - 1]["date"]:
                        dated_used.add(date)
                        rank = max(rank, 3) + (1 if rank >= 3 else 0)
                        o = {"topic": tid, "lifecycle": "cto", "date": date, "status": STATUSES[rank - 1],
                             "qualifier": "agreed", "note": "Focus Group established (%s)." % words(rng, 2)}
                        obs.append(o)
                continue
            if ended:
                if rng.random() < 0.3:
                    continue
            status = STATUSES[rank - 1] if not ended else obs[-1]["status"]
            if not ended and mi != first:
                r = rng.random()
                if r < 0.01 and rank < 5:
                    status = "dropped"
                    ended = True
                elif r < 0.16 and rank < 6:
                    rank += 1
                    status = STATUSES[rank - 1]
                    if rank == 6:
                        ended = True
            o = {"topic": tid, "lifecycle": "cto", "meeting": meeting_ids[mi], "status": status}
            q = rng.random()
            o["qualifier"] = "agreed" if q < 0.85 else ("noted" if q < 0.95 else "inferred")
            if rng.random() < 0.3:
                o["priority"] = rng.choice(["high", "medium", "low"])
            if rng.random() < 0.15:
                o["note"] = words(rng, 8).capitalize() + "."
            if rng.random() < 0.02:
                o["uncertain"] = True
            if rng.random() < 0.25:
                o["sources"] = [{"ref": "Communique of meeting %d, paragraph %d" % (mi, 1 + rng.randrange(30)),
                                 "url": "https://www.itu.int/meetings/%d" % mi}]
            obs.append(o)
            discussed[mi].append(tid)
    # a few renamed topics: the newer one renamed from an older one
    for t in range(0, topics, 97):
        if t + 1 < topics:
            tps[t + 1].setdefault("relations", []).append({"type": "renamed-from", "topic": tps[t]["id"]})

    # conclusions with actions and follow-ups
    concl = []
    for mi in range(meetings):
        if not discussed[mi]:
            continue
        for n in range(1, 1 + min(6, 1 + len(discussed[mi]) // 40)):
            c = {"id": "%s/%d" % (meeting_ids[mi], n), "meeting": meeting_ids[mi], "number": str(n),
                 "kind": rng.choice(["priority", "request", "recommendation", "observation", "decision"]),
                 "text": words(rng, 20).capitalize() + ".",
                 "topics": sorted(set(rng.sample(discussed[mi], min(len(discussed[mi]), 1 + rng.randrange(4))))),
                 "sources": [{"ref": "Communique of meeting %d, conclusion %d" % (mi, n)}]}
            if rng.random() < 0.7:
                a = {"id": "%s/%d/a" % (meeting_ids[mi], n), "owner": rng.choice(OWNERS),
                     "description": words(rng, 10).capitalize() + "."}
                if mi + 2 < meetings:
                    a["due_meeting"] = meeting_ids[mi + 2]
                fus = []
                st = ["in-progress", "done"]
                k = mi + 1
                for s in st:
                    k += 1 + rng.randrange(3)
                    if k >= meetings or rng.random() < 0.3:
                        break
                    fus.append({"meeting": meeting_ids[k], "status": s, "note": words(rng, 5).capitalize() + "."})
                if fus:
                    a["followups"] = fus
                c["actions"] = [a]
            concl.append(c)

    doc["registries"] = registries
    doc["items"] = items
    doc["organizations"] = orgs
    doc["meetings"] = ms
    doc["topics"] = tps
    doc["observations"] = obs
    doc["conclusions"] = concl
    return doc


def write_doc(path, doc):
    """Compact JSON, one record per line: readable, and quick to write."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format": "cxotrack", "version": 1')
        for key in ("lifecycles", "registries", "items", "organizations", "meetings", "topics", "observations",
                    "conclusions"):
            recs = doc.get(key)
            if recs is None:
                continue
            f.write(',\n"%s": [' % key)
            for i, r in enumerate(recs):
                f.write(("\n" if i == 0 else ",\n") + json.dumps(r, ensure_ascii=False, separators=(",", ":")))
            f.write("]")
        f.write("}\n")


def tsv(v):
    if v is None:
        return "\\N"
    if v is True:
        return "1"
    if v is False:
        return "0"
    return str(v)


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(tsv(v) for v in r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topics", type=int, default=20000)
    ap.add_argument("--meetings", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument("--no-tsv", action="store_true", help="write no raw row files")
    ap.add_argument("outdir")
    a = ap.parse_args()
    if a.topics < 1 or a.meetings < 2:
        ap.error("at least 1 topic and 2 meetings")
    os.makedirs(a.outdir, exist_ok=True)
    doc = generate(a.topics, a.meetings, a.seed)
    if a.shards <= 1:
        write_doc(os.path.join(a.outdir, "dataset.json"), doc)
    else:
        # by topic: a topic and its observations stay together; the small
        # kinds go in every shard
        per = (a.topics + a.shards - 1) // a.shards
        shard_of = {t["id"]: i // per for i, t in enumerate(doc["topics"])}
        for s in range(a.shards):
            part = {k: doc[k] for k in ("format", "version", "lifecycles", "registries", "items", "organizations",
                                        "meetings")}
            part["topics"] = [t for t in doc["topics"] if shard_of[t["id"]] == s]
            part["observations"] = [o for o in doc["observations"] if shard_of[o["topic"]] == s]
            # a relation to a topic of an earlier shard is fine (merge mode);
            # the conclusions, which cite topics of any shard, come last
            if s == a.shards - 1:
                part["conclusions"] = doc["conclusions"]
            write_doc(os.path.join(a.outdir, "shard-%d.json" % s), part)
    if not a.no_tsv:
        write_tsv(os.path.join(a.outdir, "meetings.tsv"),
                  [(m["id"], m["kind"], m["ordinal"], m["date"]) for m in doc["meetings"]])
        write_tsv(os.path.join(a.outdir, "topics.tsv"), [(t["id"], t["title"]) for t in doc["topics"]])
        orows, srows = [], []
        for o in doc["observations"]:
            orows.append((o["topic"], o["lifecycle"], o.get("meeting"), o.get("date"), o["status"], o["qualifier"],
                          o.get("priority"), o.get("note"), bool(o.get("uncertain"))))
            for s in o.get("sources", []):
                srows.append((len(orows) - 1, s.get("ref"), s.get("url")))
        write_tsv(os.path.join(a.outdir, "observations.tsv"), orows)
        write_tsv(os.path.join(a.outdir, "observation_sources.tsv"), srows)
    # a topic with a long history, for the single-topic questions
    counts = {}
    for o in doc["observations"]:
        counts[o["topic"]] = counts.get(o["topic"], 0) + 1
    long_topic = max(sorted(counts), key=lambda t: counts[t])
    held = sorted({o["meeting"] for o in doc["observations"] if "meeting" in o},
                  key=lambda m: [x["id"] for x in doc["meetings"]].index(m))
    meta = {"topics": a.topics, "meetings": a.meetings, "seed": a.seed, "shards": a.shards,
            "observations": len(doc["observations"]), "conclusions": len(doc["conclusions"]),
            "last_meeting": held[-1], "first_meeting": held[0],
            "middle_meeting": held[len(held) // 2], "long_topic": long_topic}
    with open(os.path.join(a.outdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    sys.exit(main())
