#!/usr/bin/python3
"""The Python baselines: what a user would write instead of cxotrack, with the
standard library alone (json, sqlite3), into the minimal schema of
baseline_schema.sql.

    baseline.py import DATASET.json DB      json.load, then executemany of every
                                            record's rows in one transaction
    baseline.py history DB                  every topic's history by hand: one
                                            query, movements and gaps computed here
    baseline.py history-cxo DB              the same through the cxotrack Python
                                            binding (cxotrack on sys.path)

`import` is timed by the runner from process start to exit; the history cases
print {"case", "seconds", "rows"} for the query part alone (the interpreter's
start and imports left out, on both sides).
"""
import json
import os
import sqlite3
import sys
import time

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "baseline_schema.sql")
TRACKED = {"cto", "cxo", "consultation", "workshop"}


def pos_meeting(date, ordinal, mid):
    # the sort key of a point, as cxotrack computes it (src/model/point.c)
    if ordinal:
        return "%s\x010%010d\x01%s" % (date, ordinal, mid)
    return "%s\x010\x01%s" % (date, mid)


def pos_event(date):
    return "%s\x011" % date


def do_import(path, db_path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if os.path.exists(db_path):
        os.remove(db_path)
    con = sqlite3.connect(db_path, isolation_level=None)
    with open(SCHEMA) as f:
        con.executescript(f.read())
    rows = {k: [] for k in ("registry", "item", "item_status", "organization", "meeting", "meeting_source",
                            "attendance", "topic", "topic_tag", "topic_alias", "relation", "link", "observation",
                            "observation_source", "conclusion", "conclusion_topic", "conclusion_source", "action",
                            "followup")}
    for r in doc.get("registries", []):
        rows["registry"].append((r["id"], r.get("title"), r.get("version"), r.get("url")))
    for r in doc.get("items", []):
        rows["item"].append((r["registry"], r["id"], r.get("title"), r.get("url")))
        for s in r.get("statuses", []):
            rows["item_status"].append((r["registry"], r["id"], s["date"], s["status"]))
    for r in doc.get("organizations", []):
        rows["organization"].append((r["id"], r["name"], r.get("country"), r.get("region"), r.get("kind"),
                                     r.get("sme", False), r.get("developing", False)))
    mpos = {}
    for r in doc.get("meetings", []):
        p = pos_meeting(r["date"], r.get("ordinal"), r["id"])
        mpos[r["id"]] = p
        rows["meeting"].append((r["id"], r["kind"], r.get("series"), r.get("ordinal"), r["date"], r.get("city"),
                                r.get("country"), r.get("participants"), p))
        for i, s in enumerate(r.get("sources", [])):
            rows["meeting_source"].append((r["id"], i, s.get("ref"), s.get("url")))
        for a in r.get("attendance", []):
            rows["attendance"].append((r["id"], a["organization"], a.get("role")))
    for r in doc.get("topics", []):
        rows["topic"].append((r["id"], r["title"], r.get("description")))
        for t in r.get("tags", []):
            rows["topic_tag"].append((r["id"], t))
        for a in r.get("aliases", []):
            rows["topic_alias"].append((r["id"], a))
        for x in r.get("relations", []):
            rows["relation"].append((r["id"], x["type"], x["topic"], x.get("since")))
        for x in r.get("links", []):
            rows["link"].append((r["id"], x["registry"], x["item"], x.get("relation"), x.get("since")))
    obs, osrc = rows["observation"], rows["observation_source"]
    for i, r in enumerate(doc.get("observations", [])):
        m = r.get("meeting")
        obs.append((i + 1, r["topic"], r.get("lifecycle", "cto"), m, r.get("date"), r["status"],
                    r.get("qualifier", "agreed"), r.get("priority"), r.get("note"), r.get("uncertain", False),
                    mpos[m] if m else pos_event(r["date"])))
        for k, s in enumerate(r.get("sources", [])):
            osrc.append((i + 1, k, s.get("ref"), s.get("url"), s.get("quote")))
    for r in doc.get("conclusions", []):
        rows["conclusion"].append((r["id"], r["meeting"], r.get("number"), r.get("kind"), r.get("text")))
        for k, t in enumerate(r.get("topics", [])):
            rows["conclusion_topic"].append((r["id"], k, t))
        for k, s in enumerate(r.get("sources", [])):
            rows["conclusion_source"].append((r["id"], k, s.get("ref"), s.get("url")))
        for a in r.get("actions", []):
            rows["action"].append((a["id"], r["id"], a.get("owner"), a.get("description"), a.get("due_meeting"),
                                   a.get("due_date")))
            for fu in a.get("followups", []):
                m = fu.get("meeting")
                rows["followup"].append((a["id"], m, fu.get("date"), fu["status"], fu.get("note"),
                                         mpos[m] if m else pos_event(fu["date"])))
    con.execute("BEGIN")
    for table, rs in rows.items():
        if rs:
            con.executemany("INSERT INTO %s VALUES (%s)" % (table, ", ".join("?" * len(rs[0]))), rs)
    con.execute("COMMIT")
    con.close()
    n = sum(len(v) for v in rows.values())
    print(json.dumps({"case": "import-python", "rows": n}))


def history_py(db_path):
    """Every topic's history: the rows cxo_topic_history gives, by hand."""
    t0, c0 = time.perf_counter(), time.process_time()
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    con.execute("BEGIN")
    meetings = con.execute("SELECT id, kind, pos FROM meeting ORDER BY pos").fetchall()
    mpos = [m[2] for m in meetings]
    sources = {}
    for obs, ref, url, quote in con.execute("SELECT observation, ref, url, quote FROM observation_source"
                                            " ORDER BY observation, pos"):
        s = {}
        if ref is not None:
            s["ref"] = ref
        if url is not None:
            s["url"] = url
        if quote is not None:
            s["quote"] = quote
        sources.setdefault(obs, []).append(s)
    import bisect
    out = []
    prev = None
    for (oid, topic, lifecycle, meeting, date, mdate, kind, status, rank, terminal, qualifier, priority, note,
         uncertain, pos) in con.execute(
            "SELECT o.id, o.topic, o.lifecycle, o.meeting, o.date, m.date, m.kind, o.status, s.rank, s.terminal,"
            " o.qualifier, o.priority, o.note, o.uncertain, o.pos FROM observation AS o"
            " LEFT JOIN meeting AS m ON m.id = o.meeting"
            " JOIN status AS s ON s.lifecycle = o.lifecycle AND s.id = o.status"
            " WHERE o.lifecycle = 'cto' ORDER BY o.topic, o.pos"):
        gaps = []
        if prev is None or prev[0] != topic:
            movement = "new"
        else:
            _, pstatus, prank, pterminal, ppos = prev
            if status == pstatus:
                movement = "reaffirmed"
            elif rank is None:
                movement = "dropped"
            elif pterminal:
                movement = "reopened"
            elif rank > prank:
                movement = "advanced"
            elif rank < prank:
                movement = "regressed"
            else:
                movement = "reaffirmed"
            i = bisect.bisect_right(mpos, ppos)
            while i < len(meetings) and meetings[i][2] < pos:
                if meetings[i][1] in TRACKED:
                    gaps.append(meetings[i][0])
                i += 1
        prev = (topic, status, rank, terminal, pos)
        out.append({"topic": topic, "lifecycle": lifecycle, "point": meeting or date, "meeting": meeting,
                    "date": mdate or date, "kind": kind, "status": status, "rank": rank,
                    "terminal": bool(terminal), "movement": movement, "gaps": gaps, "qualifier": qualifier,
                    "priority": priority, "note": note, "uncertain": bool(uncertain),
                    "sources": sources.get(oid, [])})
    con.close()
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps({"case": "history-python", "seconds": round(t1 - t0, 6), "cpu": round(c1 - c0, 6),
                      "rows": len(out)}))


def history_cxo(db_path):
    """The same through the binding: every topic's history as plain dicts."""
    t0 = time.perf_counter()
    import cxotrack
    t1, c1 = time.perf_counter(), time.process_time()
    with cxotrack.open(db_path, readonly=True) as db:
        rows = db.history(None)
        n = len(rows)
    t2, c2 = time.perf_counter(), time.process_time()
    print(json.dumps({"case": "history-binding", "seconds": round(t2 - t1, 6), "cpu": round(c2 - c1, 6),
                      "import": round(t1 - t0, 6), "rows": n}))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "import":
        return do_import(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 3 and sys.argv[1] == "history":
        return history_py(sys.argv[2])
    if len(sys.argv) == 3 and sys.argv[1] == "history-cxo":
        return history_cxo(sys.argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
