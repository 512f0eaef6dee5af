#!/usr/bin/python3
"""The cxotrack benchmark suite (issue 10): every case against its baseline, in
one run on one machine, each side in a process of its own, several times.

    run.py --build DIR [--topics 20000] [--meetings 50] [--scale 4] [--reps 5]
           [--work DIR] [--cases LIST] [--check] [--results FILE]

--build    an optimized build tree (Release): its cxotrack, cxo_bench and
           libcxotrack.so.0 are used
--topics, --meetings, --seed
           the size of the dataset gen.py writes (20000 x 50 is the size the
           targets are set at: about 500,000 observations)
--scale    the reports are also run on a dataset with this many times the
           topics, to see that they grow no worse than linearly
--reps     repetitions of each case; the table gives medians
--work     where datasets and databases go (kept between runs: a dataset is
           generated once per size and seed)
--cases    a comma-separated subset of: insert, import, history, history-py,
           reports, memory, topic
--check    exit with status 1 if a target is missed (else only report)
--results  also write the table, as Markdown, to this file

Each case prints a row: cxotrack's time and the baseline's (medians of the
repetitions), their ratio (the median of the ratios of each repetition, the
two sides run back to back), the ratio of CPU times (user + system, which a
machine shared with other work disturbs less), the cxotrack side's peak
memory (ru_maxrss of its process), the target and whether it is met.

Timings are noisy on a shared machine; figures to rely on come from a quiet
one. The C cases time the measured part in their process (cxo_bench); the
command-line and import cases time the whole process, start to exit.
"""
import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"
MiB = 1024 * 1024
CASES = ["insert", "import", "history", "history-py", "reports", "memory", "topic"]
REPORTS = ["tsag", "followup", "period", "matrix", "diff", "agenda", "participation", "analysis", "lint"]

# the targets of issue 10
T_INSERT = 3.0      # bulk insert through the C API / raw SQLite
T_IMPORT = 1.5      # cxotrack import / Python json + executemany
T_HISTORY = 1.5     # every topic's history / the raw query
T_REPORT_S = 1.0    # tsag and matrix reports, seconds
T_SCALING = 4.5     # time with --scale x the topics / time at the size given (for --scale 4)
T_MEMORY = 150      # MiB, export and every report
T_TOPIC = 2.0       # cxotrack topic ID / sqlite3 answering the same question


class Fail(Exception):
    pass


def run(cmd, env=None, stdout=None, check=True):
    """Run `cmd` to its end: (seconds, cpu seconds, peak MiB, stdout text)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout or out, stderr=err, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    text = out.read().decode("utf-8", "replace")
    if check and p.returncode != 0:
        raise Fail("%s exited with %d:\n%s" % (" ".join(cmd), p.returncode,
                                              err.read().decode("utf-8", "replace")[-2000:]))
    return t1 - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, text


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise Fail("no result line in:\n" + text[-2000:])


class Bench:
    def __init__(self, a):
        self.a = a
        self.build = os.path.abspath(a.build)
        self.cli = os.path.join(self.build, "examples", "cli", "cxotrack")
        self.bench = os.path.join(self.build, "tests", "bench", "cxo_bench")
        self.lib = os.path.join(self.build, "libcxotrack.so.0")
        for f in (self.cli, self.bench, self.lib):
            if not os.path.exists(f):
                raise Fail("%s is missing: build %s first (cmake --build)" % (f, self.build))
        self.work = os.path.abspath(a.work)
        os.makedirs(self.work, exist_ok=True)
        self.rows = []
        self.failed = []
        self.env_py = dict(os.environ, CXOTRACK_LIBRARY=self.lib,
                           PYTHONPATH=os.path.join(ROOT, "bindings", "python"))

    # ---- data ----

    def dataset(self, topics, shards=1):
        d = os.path.join(self.work, "data-t%d-m%d-s%d" % (topics, self.a.meetings, self.a.seed))
        meta = os.path.join(d, "meta.json")
        want = ["shard-%d.json" % i for i in range(shards)] if shards > 1 else ["dataset.json"]
        if not (os.path.exists(meta) and all(os.path.exists(os.path.join(d, w)) for w in want)):
            self.note("generating %d topics x %d meetings (seed %d)%s" % (
                topics, self.a.meetings, self.a.seed, " in %d shards" % shards if shards > 1 else ""))
            cmd = [PYTHON, os.path.join(HERE, "gen.py"), "--topics", str(topics), "--meetings", str(self.a.meetings),
                   "--seed", str(self.a.seed), "--shards", str(shards), d]
            if shards > 1:
                cmd.insert(-1, "--no-tsv")
            run(cmd)
        with open(meta) as f:
            m = json.load(f)
        m["dir"] = d
        m["files"] = [os.path.join(d, w) for w in want]
        return m

    def cxo_db(self, data, name):
        """A cxotrack database of the dataset (made once, kept)."""
        db = os.path.join(self.work, name)
        stamp = db + ".done"
        if not os.path.exists(stamp):
            self.note("importing %s into %s" % (", ".join(os.path.basename(f) for f in data["files"]), name))
            self.fresh(db)
            for f in data["files"]:
                run([self.cli, "--db", db, "import", f])
            open(stamp, "w").close()
        else:
            # opened for writing once: a database kept from an older library
            # is migrated to the current schema (a check writes nothing else)
            run([self.cli, "--db", db, "import", "--check", os.path.join(ROOT, "examples", "data",
                                                                         "itu-cto-meetings.json")], check=False)
        return db

    def fresh(self, db):
        for suffix in ("", "-wal", "-shm", ".done"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        run([self.cli, "--db", db, "init"])

    def baseline_db(self, data):
        db = os.path.join(self.work, "baseline-t%d.db" % data["topics"])
        if not os.path.exists(db + ".done"):
            self.note("loading the baseline database")
            run([PYTHON, os.path.join(HERE, "baseline.py"), "import", data["files"][0], db])
            open(db + ".done", "w").close()
        return db

    # ---- output ----

    def note(self, msg):
        print("# " + msg, flush=True)

    def add(self, case, size, cxo, base, ratios, cpu_ratios, mib, target, ok, unit="s"):
        def fmt(v):
            if v is None:
                return "-"
            return "%.3f" % v if unit == "s" else "%.1f" % v
        row = {"case": case, "size": size, "cxotrack": fmt(cxo), "baseline": fmt(base),
               "ratio": "%.2f" % statistics.median(ratios) if ratios else "-",
               "cpu ratio": "%.2f" % statistics.median(cpu_ratios) if cpu_ratios else "-",
               "peak MiB": "%.0f" % mib if mib is not None else "-", "target": target,
               "ok": "yes" if ok else "NO"}
        self.rows.append(row)
        if not ok:
            self.failed.append(case)
        print("  %-30s %-12s %9s %9s %7s %9s %8s  %-10s %s" % tuple(row[k] for k in (
            "case", "size", "cxotrack", "baseline", "ratio", "cpu ratio", "peak MiB", "target", "ok")), flush=True)

    def pair(self, case, size, target, cxo_fn, base_fn, reps=None):
        """Run both sides `reps` times (--reps), back to back, alternating
        which goes first; each fn returns (seconds, cpu, MiB)."""
        cs, bs, ratios, cpus, mibs = [], [], [], [], []
        for r in range(reps or self.a.reps):
            if r % 2 == 0:
                c = cxo_fn()
                b = base_fn()
            else:
                b = base_fn()
                c = cxo_fn()
            cs.append(c[0])
            bs.append(b[0])
            ratios.append(c[0] / b[0])
            cpus.append(c[1] / b[1] if b[1] > 0 else float("nan"))
            mibs.append(c[2])
        ratio = statistics.median(ratios)
        self.add(case, size, statistics.median(cs), statistics.median(bs), ratios, cpus, max(mibs),
                 "<= %.1fx" % target, ratio <= target)

    # ---- the cases ----

    def size(self, data):
        return "%dx%d" % (data["topics"], data["meetings"])

    def case_insert(self, data):
        db = os.path.join(self.work, "insert.db")
        schema = os.path.join(HERE, "baseline_schema.sql")

        def cxo():
            _, _, mib, out = run([self.bench, "insert-cxo", data["dir"], db])
            r = last_json(out)
            return r["seconds"], r["cpu"], mib

        def raw():
            _, _, mib, out = run([self.bench, "insert-raw", data["dir"], schema, db + ".raw"])
            r = last_json(out)
            return r["seconds"], r["cpu"], mib
        self.pair("insert (C API)", self.size(data), T_INSERT, cxo, raw)

    def case_import(self, data):
        db = os.path.join(self.work, "import.db")
        pydb = os.path.join(self.work, "import-python.db")

        def cxo():
            self.fresh(db)
            return run([self.cli, "--db", db, "import", data["files"][0]])[:3]

        def py():
            return run([PYTHON, os.path.join(HERE, "baseline.py"), "import", data["files"][0], pydb])[:3]
        self.pair("import (JSON)", self.size(data), T_IMPORT, cxo, py)

    def case_history(self, data, db, bdb):
        def cxo():
            _, _, mib, out = run([self.bench, "history-cxo", db])
            r = last_json(out)
            return r["seconds"], r["cpu"], mib

        def raw():
            _, _, mib, out = run([self.bench, "history-raw", bdb])
            r = last_json(out)
            return r["seconds"], r["cpu"], mib
        self.pair("history (C API)", self.size(data), T_HISTORY, cxo, raw)

    def case_history_py(self, data, db, bdb):
        if not os.path.exists(os.path.join(ROOT, "bindings", "python", "cxotrack", "__init__.py")):
            self.note("history-py: the Python binding is missing (bindings/python/cxotrack); case left out")
            self.add("history (Python)", self.size(data), None, None, [], [], None, "<= %.1fx" % T_HISTORY, False)
            return

        def cxo():
            _, cpu, mib, out = run([PYTHON, os.path.join(HERE, "baseline.py"), "history-cxo", db], env=self.env_py)
            r = last_json(out)
            return r["seconds"], r["cpu"], mib

        def py():
            _, cpu, mib, out = run([PYTHON, os.path.join(HERE, "baseline.py"), "history", bdb])
            r = last_json(out)
            return r["seconds"], r["cpu"], mib
        self.pair("history (Python)", self.size(data), T_HISTORY, cxo, py)

    def report_cmd(self, db, kind, meta):
        cmd = [self.cli, "--db", db, "report", kind, "--format", "json", "-o", os.devnull]
        if kind in ("tsag", "agenda"):
            cmd += ["--meeting", meta["last_meeting"]]
        elif kind in ("period", "diff"):
            cmd += ["--from", meta["first_meeting"], "--to", meta["last_meeting"]]
        return cmd

    def case_reports(self, data, db, big, bigdb):
        for kind in ("tsag", "matrix"):
            t1, t4, ratios, cpus, mibs = [], [], [], [], []
            for _ in range(self.a.reps):
                a = run(self.report_cmd(db, kind, data))
                b = run(self.report_cmd(bigdb, kind, big)) if bigdb else None
                t1.append(a[0])
                mibs.append(a[2])
                if b:
                    t4.append(b[0])
                    ratios.append(b[0] / a[0])
                    cpus.append(b[1] / a[1] if a[1] > 0 else float("nan"))
            m1 = statistics.median(t1)
            self.add("%s report" % kind, self.size(data), m1, None, [], [], max(mibs), "< %.1f s" % T_REPORT_S,
                     m1 < T_REPORT_S)
            if bigdb:
                limit = T_SCALING * self.a.scale / 4.0
                self.add("%s report x%d" % (kind, self.a.scale), self.size(big), statistics.median(t4), m1, ratios,
                         cpus, None, "<= %.1fx" % limit, statistics.median(ratios) <= limit)

    def case_memory(self, data, db):
        cmds = [("export", [self.cli, "--db", db, "export", "-o", os.devnull])]
        cmds += [("report " + k, self.report_cmd(db, k, data)) for k in REPORTS]
        for name, cmd in cmds:
            t, mib = [], []
            for _ in range(max(1, min(self.a.reps, 3))):
                s, _, m, _ = run(cmd)
                t.append(s)
                mib.append(m)
            peak = max(mib)
            self.add("memory: " + name, self.size(data), statistics.median(t), None, [], [], peak,
                     "< %d MiB" % T_MEMORY, peak < T_MEMORY)

    def case_topic(self):
        data = os.path.join(ROOT, "examples", "data", "itu-cto-meetings.json")
        db = os.path.join(self.work, "bundled.db")
        if not os.path.exists(db + ".done"):
            self.fresh(db)
            run([self.cli, "--db", db, "import", data])
            open(db + ".done", "w").close()
        topic = "imt-2020"
        # the same question: the topic's observations in time order, with
        # their meeting, date, status, qualifier, priority, note and sources
        sql = ("SELECT coalesce(m.slug, o.date), coalesce(m.date, o.date), s.slug, o.qualifier, o.priority, o.note,"
               " (SELECT group_concat(coalesce(ref, '') || ' ' || coalesce(url, ''), '; ') FROM observation_source"
               " WHERE observation = o.id)"
               " FROM observation AS o JOIN topic AS t ON t.id = o.topic JOIN status AS s ON s.id = o.status"
               " LEFT JOIN meeting AS m ON m.id = o.meeting WHERE t.slug = '%s' ORDER BY o.pos" % topic)
        cxo_cmd = [self.cli, "--db", db, "topic", topic]
        sq_cmd = ["sqlite3", "-readonly", db, sql]
        # a process start takes milliseconds: more repetitions than the others
        self.pair("cxotrack topic (CLI)", "bundled", T_TOPIC, lambda: run(cxo_cmd)[:3], lambda: run(sq_cmd)[:3],
                  reps=max(10, self.a.reps * 6))

    # ---- all of it ----

    def machine(self):
        lines = []
        try:
            cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
            model = [l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("Model name")]
            lines.append("CPU: %s, %d logical CPUs" % (model[0] if model else platform.processor(), os.cpu_count()))
        except OSError:
            lines.append("CPU: %d logical CPUs" % os.cpu_count())
        with open("/proc/meminfo") as f:
            mem = f.readline().split()
        lines.append("memory: %.1f GiB" % (int(mem[1]) / 1024.0 / 1024.0))
        try:
            with open("/etc/os-release") as f:
                osr = dict(l.rstrip().split("=", 1) for l in f if "=" in l)
            lines.append("OS: %s, Linux %s" % (osr.get("PRETTY_NAME", "?").strip('"'), platform.release()))
        except OSError:
            pass
        cc = "?"
        cache = os.path.join(self.build, "CMakeCache.txt")
        if os.path.exists(cache):
            with open(cache) as f:
                kv = dict(l.rstrip().split("=", 1) for l in f if "=" in l and not l.startswith(("#", "//")))
            path = kv.get("CMAKE_C_COMPILER:FILEPATH", "cc")
            ver = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.splitlines()
            bt = kv.get("CMAKE_BUILD_TYPE:STRING", "?")
            flags = kv.get("CMAKE_C_FLAGS_%s:STRING" % bt.upper(), "")
            cc = "%s; build type %s (%s)" % (ver[0] if ver else path, bt, flags)
        lines.append("compiler: " + cc)
        lines.append("SQLite: %s; Python: %s" % (sqlite3.sqlite_version, platform.python_version()))
        lines.append("load average at start: %.2f %.2f %.2f" % os.getloadavg())
        return lines

    def main(self):
        a = self.a
        cases = CASES if not a.cases else a.cases.split(",")
        for c in cases:
            if c not in CASES:
                raise Fail("unknown case %r (cases: %s)" % (c, ", ".join(CASES)))
        info = self.machine()
        for l in info:
            self.note(l)
        self.note("%d topics x %d meetings, seed %d, %d repetitions" % (a.topics, a.meetings, a.seed, a.reps))
        data = self.dataset(a.topics)
        self.note("%d observations, %d conclusions" % (data["observations"], data["conclusions"]))
        print("  %-30s %-12s %9s %9s %7s %9s %8s  %-10s %s" % (
            "case", "size", "cxotrack", "baseline", "ratio", "cpu ratio", "peak MiB", "target", "ok"), flush=True)
        need_db = any(c in cases for c in ("history", "history-py", "reports", "memory"))
        db = self.cxo_db(data, "cxotrack-t%d.db" % a.topics) if need_db else None
        bdb = self.baseline_db(data) if any(c in cases for c in ("history", "history-py")) else None
        for c in cases:
            if c == "insert":
                self.case_insert(data)
            elif c == "import":
                self.case_import(data)
            elif c == "history":
                self.case_history(data, db, bdb)
            elif c == "history-py":
                self.case_history_py(data, db, bdb)
            elif c == "reports":
                big = bigdb = None
                if a.scale > 1:
                    topics = a.topics * a.scale
                    # documents stay under the import's size limit: a shard per 20,000 topics
                    shards = max(1, (topics * a.meetings) // (20000 * 50))
                    big = self.dataset(topics, shards)
                    bigdb = self.cxo_db(big, "cxotrack-t%d.db" % topics)
                self.case_reports(data, db, big, bigdb)
            elif c == "memory":
                self.case_memory(data, db)
            elif c == "topic":
                self.case_topic()
        if a.results:
            with open(a.results, "w") as f:
                f.write("Machine:\n\n" + "".join("- %s\n" % l for l in info) + "\n")
                keys = ["case", "size", "cxotrack", "baseline", "ratio", "cpu ratio", "peak MiB", "target", "ok"]
                f.write("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys) + "\n")
                for r in self.rows:
                    f.write("| " + " | ".join(str(r[k]) for k in keys) + " |\n")
        if self.failed:
            self.note("targets missed: " + ", ".join(self.failed))
        else:
            self.note("every target met")
        return 1 if (a.check and self.failed) else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("--build", required=True)
    ap.add_argument("--topics", type=int, default=20000)
    ap.add_argument("--meetings", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--work", default=None)
    ap.add_argument("--cases", default=None)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--results", default=None)
    a = ap.parse_args()
    if a.work is None:
        a.work = os.path.join(os.path.abspath(a.build), "bench")
    try:
        return Bench(a).main()
    except Fail as e:
        sys.stderr.write("run.py: %s\n" % e)
        return 2


if __name__ == "__main__":
    sys.exit(main())
