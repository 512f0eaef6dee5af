"""Native handles: closed explicitly, by context managers, or by the garbage
collector; never used once closed; no leak. Threads, each with its own
handle, at once."""

from __future__ import annotations

import gc
import inspect
import os
import threading
import unittest

from helpers import DATASET, SMALL, TempDirTest

import cxotrack


def wal_files(path):
    """The write-ahead log files beside a database: SQLite removes them when
    the last connection to the file closes, which shows the native handle is
    gone."""
    return [p for p in (path + "-wal", path + "-shm") if os.path.exists(p)]


def open_fds():
    return len(os.listdir("/proc/self/fd"))


#: Every public method of Database, with arguments to call it with.
CALLS = {
    "get": ("topic", "ml"),
    "create": ("topic", {"id": "x", "title": "X"}),
    "update": ("topic", {"id": "ml", "title": "X"}),
    "delete": ("topic", "ml"),
    "list": ("topic",),
    "iter": ("topic",),
    "describe": ("topic",),
    "meetings": (),
    "topics": (),
    "lifecycles": (),
    "observations": (),
    "history": ("ml",),
    "rename_topic": ("ml", "ml2"),
    "conclusions": (),
    "actions": (),
    "followups": (),
    "registries": (),
    "items": (),
    "links": (),
    "relations": (),
    "organizations": (),
    "attendance": (),
    "search": ("quantum",),
    "audit": (),
    "import_json": (SMALL,),
    "import_buffers": ([SMALL],),
    "import_files": (DATASET,),
    "export_json": (),
    "report": ("matrix",),
    "matrix": (),
    "begin": (),
    "commit": (),
    "rollback": (),
    "transaction": (),
    "backup": ("/tmp/never-written.db",),
    "set_busy_timeout": (10,),
}


class LifetimeTest(TempDirTest):
    def test_close_and_context_manager(self):
        path = self.path("t.db")
        with cxotrack.open(path, create=True) as db:
            self.assertFalse(db.closed)
            self.assertEqual(repr(db), "<cxotrack.Database %r read-write>" % path)
            db.create("topic", id="a", title="A")
            self.assertTrue(wal_files(path))
        self.assertTrue(db.closed)
        self.assertEqual(repr(db), "<cxotrack.Database %r closed>" % path)
        self.assertEqual(wal_files(path), [])
        db.close()  # twice is fine
        with self.assertRaises(cxotrack.MisuseError):
            with db:
                pass
        ro = cxotrack.open(path, readonly=True)
        self.assertEqual(repr(ro), "<cxotrack.Database %r read-only>" % path)
        self.assertTrue(ro.readonly)
        ro.close()

    def test_every_method_of_a_closed_database_raises_misuse(self):
        db = self.new_db()
        public = {name for name, _ in inspect.getmembers(cxotrack.Database, inspect.isfunction)
                  if not name.startswith("_")} - {"close"}
        self.assertEqual(public, set(CALLS), "update CALLS with the new methods")
        db.close()
        for name, args in CALLS.items():
            with self.subTest(method=name):
                with self.assertRaises(cxotrack.MisuseError) as cm:
                    result = getattr(db, name)(*args)
                    if name == "transaction":
                        result.__enter__()
                self.assertEqual(str(cm.exception), "the database %r is closed" % self.path("t.db"))
                self.assertIsInstance(cm.exception, ValueError)
        for prop in ("actor",):
            with self.assertRaises(cxotrack.MisuseError):
                getattr(db, prop)
            with self.assertRaises(cxotrack.MisuseError):
                setattr(db, prop, "someone")

    def test_an_unreferenced_database_is_closed_by_the_collector(self):
        path = self.path("t.db")
        db = cxotrack.open(path, create=True)
        db.create("topic", id="a", title="A")
        finalizer = db._finalizer
        self.assertTrue(finalizer.alive)
        del db
        gc.collect()
        self.assertFalse(finalizer.alive)
        self.assertEqual(wal_files(path), [])

    def test_an_unclosed_cursor_is_freed_by_the_collector(self):
        path = self.path("t.db")
        db = cxotrack.open(path, create=True)
        self.addCleanup(db.close)
        db.import_json(SMALL)
        cur = db.iter("topic")
        self.assertEqual(next(cur)["id"], "ml")
        finalizer = cur._finalizer
        del cur
        gc.collect()
        self.assertFalse(finalizer.alive)
        db.close()
        self.assertEqual(wal_files(path), [])  # nothing kept the native handle

    def test_closing_a_database_with_an_open_cursor_is_safe(self):
        path = self.path("t.db")
        db = cxotrack.open(path, create=True)
        db.import_json(SMALL)
        cur = db.iter("topic")
        self.assertEqual(next(cur)["id"], "ml")
        db.close()
        self.assertTrue(db.closed)
        with self.assertRaises(cxotrack.MisuseError):
            db.topics()
        # the cursor keeps the native handle alive and may finish
        self.assertTrue(wal_files(path))
        self.assertEqual([r["id"] for r in cur], ["old-ml"])
        self.assertTrue(cur.closed)
        self.assertEqual(wal_files(path), [])  # released with the last cursor

    def test_a_database_collected_before_its_cursor(self):
        path = self.path("t.db")
        db = cxotrack.open(path, create=True)
        db.import_json(SMALL)
        cur = db.iter("meeting")
        del db
        gc.collect()
        self.assertEqual([r["id"] for r in cur.fetchall()], ["m1", "m2"])
        self.assertEqual(wal_files(path), [])

    def test_a_closed_cursor_raises_and_closes_twice(self):
        db = self.new_db()
        db.import_json(SMALL)
        with db.iter("topic") as cur:
            self.assertFalse(cur.closed)
            self.assertIn("open", repr(cur))
        self.assertTrue(cur.closed)
        self.assertIn("closed", repr(cur))
        cur.close()
        with self.assertRaises(cxotrack.MisuseError) as cm:
            next(cur)
        self.assertEqual(str(cm.exception), "the cursor (of database %r) is closed" % self.path("t.db"))
        with self.assertRaises(cxotrack.MisuseError):
            cur.fetchall()

    def test_many_handles_leak_nothing(self):
        path = self.path("t.db")
        cxotrack.open(path, create=True).close()
        gc.collect()
        before = open_fds()
        for _ in range(30):
            db = cxotrack.open(path)
            for _ in range(20):
                cur = db.iter("lifecycle")
                next(cur)  # left open: freed by the collector
            db.topics()
            # neither closed: both left to the collector
        del db, cur
        gc.collect()
        self.assertEqual(open_fds(), before)
        self.assertEqual(wal_files(path), [])

    def test_the_open_error_leaves_no_handle(self):
        before = open_fds()
        for _ in range(20):
            with self.assertRaises(cxotrack.NotFoundError):
                cxotrack.open(self.path("missing.db"))
        self.assertEqual(open_fds(), before)

    def test_open_options(self):
        db = cxotrack.open(self.path("t.db"), create=True, actor="Ada", busy_timeout=0)
        self.addCleanup(db.close)
        self.assertEqual(db.actor, "Ada")
        with self.assertRaises(TypeError):
            db.set_busy_timeout("soon")
        with self.assertRaises(TypeError):
            cxotrack.open(3)
        path = cxotrack.open(os.fsencode(self.path("t.db")))
        self.addCleanup(path.close)
        self.assertEqual(path.path, self.path("t.db"))
        with self.assertRaises(cxotrack.InvalidError):
            cxotrack.open(self.path("t.db"), actor="x" * 300)  # the handle opened is closed again
        memory = cxotrack.open(":memory:")
        self.assertEqual([lc["id"] for lc in memory.lifecycles()], ["cto"])
        memory.close()


class ThreadsTest(TempDirTest):
    def run_threads(self, *targets):
        errors = []

        def wrap(fn):
            def run():
                try:
                    fn()
                except BaseException as e:  # reported by the test thread
                    errors.append(e)

            return run

        threads = [threading.Thread(target=wrap(t)) for t in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
            self.assertFalse(t.is_alive())
        if errors:
            raise errors[0]

    def test_two_threads_with_their_own_handles_on_one_file(self):
        path = self.path("shared.db")
        with cxotrack.open(path, create=True) as db:
            db.import_files(DATASET)
        halfway = threading.Event()  # the writer has written half, and waits for a read
        read_halfway = threading.Event()
        done = threading.Event()
        seen = []

        def writer():
            with cxotrack.open(path) as db:
                for i in range(60):
                    if i == 30:
                        halfway.set()
                        self.assertTrue(read_halfway.wait(60), "the reader did not read")
                    db.create("topic", id="t%03d" % i, title="Topic %d" % i)
                    self.assertEqual(db.get("topic", "t%03d" % i)["title"], "Topic %d" % i)
            done.set()

        def reader():
            with cxotrack.open(path, readonly=True) as db:
                while not done.is_set():
                    was_halfway = halfway.is_set()
                    seen.append(len(db.topics()))
                    self.assertEqual(db.report("matrix")["report"], "matrix")
                    if was_halfway:
                        read_halfway.set()
                seen.append(len(db.topics()))

        self.run_threads(writer, reader)
        self.assertIn(71, seen)  # the reader read while the writer's handle was at work
        self.assertEqual(seen, sorted(seen))  # each read saw a consistent, growing set
        self.assertEqual(seen[-1], 101)

    def test_two_threads_importing_into_their_own_databases(self):
        with open(DATASET, encoding="utf-8") as f:
            expected = f.read()
        results = {}

        def work(name):
            def run():
                with cxotrack.open(self.path(name), create=True) as db:
                    for _ in range(3):
                        db.import_files(DATASET, replace=True)
                    results[name] = db.export_json()

            return run

        self.run_threads(work("a.db"), work("b.db"))
        self.assertEqual(results, {"a.db": expected, "b.db": expected})

    def test_errors_stay_in_their_thread(self):
        db_a = self.new_db("a.db")
        db_b = self.new_db("b.db")

        def fails(db, topic):
            def run():
                for _ in range(200):
                    with self.assertRaises(cxotrack.NotFoundError) as cm:
                        db.get("topic", topic)
                    self.assertEqual(str(cm.exception), 'topic "%s" does not exist' % topic)

            return run

        self.run_threads(fails(db_a, "only-in-a"), fails(db_b, "only-in-b"))

    def test_one_database_shared_by_threads_is_serialized(self):
        db = self.new_db()
        db.import_json(SMALL)

        def work(prefix):
            def run():
                for i in range(40):
                    db.create("topic", id="%s%d" % (prefix, i), title="T")
                    self.assertTrue(db.topics())
                    with db.iter("topic") as cur:
                        next(cur)

            return run

        self.run_threads(work("a"), work("b"))
        self.assertEqual(len(db.topics()), 82)


if __name__ == "__main__":
    unittest.main()
