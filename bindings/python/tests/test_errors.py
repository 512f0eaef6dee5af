"""Every exception class, raised through the API where the library can be made
to fail that way, with the library's code and message; warnings."""

from __future__ import annotations

import os
import pickle
import sqlite3
import unittest
import warnings

from helpers import DATASET, SMALL, TempDirTest

import cxotrack
from cxotrack import _native


class HierarchyTest(unittest.TestCase):
    EXPECTED = {
        -1: (cxotrack.CxoError, ()),
        -2: (cxotrack.NoMemoryError, (MemoryError,)),
        -3: (cxotrack.InvalidError, (ValueError,)),
        -4: (cxotrack.NotFoundError, (LookupError,)),
        -5: (cxotrack.ExistsError, ()),
        -6: (cxotrack.BusyError, ()),
        -7: (cxotrack.StorageError, ()),
        -8: (cxotrack.FormatError, (ValueError,)),
        -9: (cxotrack.VersionError, ()),
        -10: (cxotrack.MisuseError, (ValueError,)),
        -11: (cxotrack.ReadOnlyError, ()),
        -12: (cxotrack.ConstraintError, ()),
        -13: (cxotrack.SchemaError, ()),
        -14: (cxotrack.LimitError, ()),
        -15: (cxotrack.FileError, ()),
        -16: (cxotrack.CanceledError, ()),
    }

    def test_one_class_per_error_code_of_the_header(self):
        codes = sorted(c for c in _native.CODE_NAMES if c < 0)
        self.assertEqual(codes, sorted(self.EXPECTED))
        for code, (cls, builtins) in self.EXPECTED.items():
            with self.subTest(code=_native.CODE_NAMES[code]):
                self.assertIs(cxotrack.error_class(code), cls)
                self.assertTrue(issubclass(cls, cxotrack.CxoError))
                for b in builtins:
                    self.assertTrue(issubclass(cls, b))
                self.assertEqual(cls.default_code, code)
                self.assertEqual(cls.__module__, "cxotrack")
                e = cls("what was wrong")
                self.assertEqual((e.code, e.message, str(e)), (code, "what was wrong", "what was wrong"))
                self.assertEqual(e.codename, _native.CODE_NAMES[code])

    def test_an_unknown_code_is_a_plain_cxoerror(self):
        self.assertIs(cxotrack.error_class(-99), cxotrack.CxoError)
        e = cxotrack.CxoError("from a newer library", -99)
        self.assertEqual((e.code, e.codename), (-99, "CXO_-99"))

    def test_errors_pickle_with_their_code(self):
        e = cxotrack.NotFoundError('topic "x" does not exist')
        again = pickle.loads(pickle.dumps(e))
        self.assertIs(type(again), cxotrack.NotFoundError)
        self.assertEqual((again.code, again.message), (-4, 'topic "x" does not exist'))
        self.assertEqual(repr(again), "NotFoundError('topic \"x\" does not exist', CXO_ENOTFOUND)")

    def test_errstr(self):
        self.assertEqual(cxotrack.errstr(-4), "not found")
        self.assertEqual(cxotrack.errstr(0), "not an error")

    def test_cxowarning_is_a_userwarning(self):
        self.assertTrue(issubclass(cxotrack.CxoWarning, UserWarning))


class RaisedTest(TempDirTest):
    """Each code the API can be made to return, raised as its class."""

    def assertRaisesCxo(self, cls, message=None, code=None):
        test = self

        class Ctx:
            def __enter__(self):
                return self

            def __exit__(self, kind, value, tb):
                test.assertIsNotNone(value, "%s not raised" % cls.__name__)
                test.assertIs(type(value), cls, repr(value))
                test.assertEqual(value.code, cls.default_code if code is None else code)
                if message is not None:
                    test.assertEqual(str(value), message)
                self.exception = value
                return True

        return Ctx()

    def test_invalid(self):
        with self.assertRaisesCxo(cxotrack.InvalidError):
            cxotrack.check_slug("Not A Slug")
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.InvalidError) as cm:
            db.create("meeting", id="x", kind="cto", date="2013-13-01")
        self.assertIn('meeting "x".date: "2013-13-01" is not a date', str(cm.exception))
        self.assertIsInstance(cm.exception, ValueError)

    def test_not_found(self):
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.NotFoundError, 'topic "nope" does not exist'):
            db.get("topic", "nope")
        with self.assertRaises(LookupError):
            db.get("meeting", "nope")
        with self.assertRaisesCxo(cxotrack.NotFoundError,
                                  "no database at %s (open it with CXO_OPEN_CREATE to create one)"
                                  % self.path("missing.db")):
            cxotrack.open(self.path("missing.db"))

    def test_exists(self):
        db = self.new_db()
        db.create("topic", id="imt-2020", title="5G")
        with self.assertRaisesCxo(cxotrack.ExistsError, 'topic "imt-2020" already exists'):
            db.create("topic", id="imt-2020", title="5G again")

    def test_busy(self):
        path = self.path("busy.db")
        holder = cxotrack.open(path, create=True)
        self.addCleanup(holder.close)
        other = cxotrack.open(path, busy_timeout=50)
        self.addCleanup(other.close)
        holder.begin()  # BEGIN IMMEDIATE: the write lock
        with self.assertRaisesCxo(cxotrack.BusyError) as cm:
            other.create("topic", id="t", title="T")
        self.assertIn("locked", str(cm.exception))
        with self.assertRaisesCxo(cxotrack.BusyError):
            other.begin()
        holder.rollback()
        other.create("topic", id="t", title="T")  # the lock is gone
        self.assertEqual(holder.get("topic", "t")["title"], "T")

    def test_storage(self):
        path = self.path("damaged.db")
        cxotrack.open(path, create=True).close()
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=DELETE")  # no -wal beside it
        page = con.execute("PRAGMA page_size").fetchone()[0]
        con.close()
        size = os.path.getsize(path)
        with open(path, "r+b") as f:  # every page but the first (the schema) damaged
            f.seek(page)
            f.write(b"\xff" * (size - page))
        with self.assertRaisesCxo(cxotrack.StorageError,
                                  "%s is damaged: database disk image is malformed" % path):
            cxotrack.open(path)

    def test_format(self):
        path = self.path("text.db")
        with open(path, "w") as f:
            f.write("not a database " * 100)
        with self.assertRaisesCxo(cxotrack.FormatError, "%s is not a cxotrack database (not a SQLite file)" % path):
            cxotrack.open(path)
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.FormatError,
                                  "document: line 1, column 22: unexpected end of the document (truncated?)"):
            db.import_json('{"format":"cxotrack",')

    def test_version(self):
        db = self.new_db("v.db")
        db.close()
        con = sqlite3.connect(self.path("v.db"))
        con.execute("PRAGMA user_version=99")
        con.commit()
        con.close()
        with self.assertRaisesCxo(cxotrack.VersionError) as cm:
            cxotrack.open(self.path("v.db"))
        self.assertIn("has schema version 99, newer than this library supports", str(cm.exception))
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.VersionError, "version: version 2 is newer than this library reads (1)"):
            db.import_json({"format": "cxotrack", "version": 2})

    def test_misuse(self):
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.MisuseError, "cxo_db_commit: no transaction is open"):
            db.commit()
        db.begin()
        with self.assertRaisesCxo(cxotrack.MisuseError):
            db.begin()
        db.rollback()
        db.close()
        with self.assertRaisesCxo(cxotrack.MisuseError, "the database %r is closed" % self.path("t.db")):
            db.topics()

    def test_readonly(self):
        self.new_db("r.db").close()
        db = cxotrack.open(self.path("r.db"), readonly=True)
        self.addCleanup(db.close)
        with self.assertRaisesCxo(cxotrack.ReadOnlyError, "cxo_record_create: %s is open read-only" % self.path("r.db")):
            db.create("topic", id="t", title="T")

    def test_constraint(self):
        db = self.new_db()
        db.import_json(SMALL)
        with self.assertRaisesCxo(cxotrack.ConstraintError) as cm:
            db.delete("meeting", "m2")
        self.assertTrue(str(cm.exception).startswith('meeting "m2" is referred to by'), str(cm.exception))
        # a transition refused in strict mode
        db.update("lifecycle", id="cto", enforce="strict")
        with self.assertRaisesCxo(cxotrack.ConstraintError) as cm:  # the step out of it, to m2, regresses
            db.create("observation", topic="ml", meeting="m1", status="delivered")
        self.assertIn("is not allowed by lifecycle", str(cm.exception))
        self.assertEqual(db.observations(topic="ml")[0]["meeting"], "m2")

    def test_schema(self):
        self.new_db("s.db").close()
        con = sqlite3.connect(self.path("s.db"))
        con.execute("CREATE VIEW planted AS SELECT 1")
        con.commit()
        con.close()
        with self.assertRaisesCxo(cxotrack.SchemaError, '%s holds objects cxotrack did not create: view "planted"; '
                                  "refusing to use it" % self.path("s.db")):
            cxotrack.open(self.path("s.db"))

    def test_limit(self):
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.LimitError,
                                  "%s: the document is over the limit of 100 bytes" % DATASET):
            db.import_files(DATASET, max_size=100)
        with self.assertRaisesCxo(cxotrack.LimitError,
                                  "document: line 1, column 46: nesting deeper than the limit of 2"):
            db.import_json('{"format":"cxotrack","version":1,"meetings":[[[[]]]]}', max_depth=2)

    def test_file(self):
        db = self.new_db()
        target = self.path("no/such/dir/copy.db")
        with self.assertRaisesCxo(cxotrack.FileError,
                                  "backup: cannot write %s: unable to open database file" % target):
            db.backup(target)

    def test_canceled(self):
        db = self.new_db()
        with self.assertRaisesCxo(cxotrack.CanceledError, "the import was canceled"):
            db.import_json(SMALL, progress=lambda done, total: True)
        self.assertEqual(db.meetings(), [])

    def test_an_error_of_another_thread_or_call_does_not_leak_into_the_next(self):
        db = self.new_db()
        with self.assertRaises(cxotrack.NotFoundError):
            db.get("topic", "a")
        with self.assertRaisesCxo(cxotrack.NotFoundError, 'topic "b" does not exist'):
            db.get("topic", "b")


class WarningTest(TempDirTest):
    def test_a_disallowed_transition_is_stored_with_a_warning(self):
        db = self.new_db()
        db.import_json(SMALL)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = db.create("observation", topic="ml", date="2017", status="raised")
        self.assertIsNone(result)
        self.assertEqual(len(caught), 1)
        w = caught[0]
        self.assertIs(w.category, cxotrack.CxoWarning)
        self.assertEqual(str(w.message), 'observation "ml" "cto" "2017".status: moving from "prioritized" '
                                         '(at m2) to "raised" is not allowed by lifecycle "cto"')
        self.assertEqual(w.filename, __file__)  # attributed to the caller, not to the package
        self.assertEqual(db.get("observation", "ml", "cto", "2017")["status"], "raised")

    def test_a_warning_can_be_made_an_error(self):
        db = self.new_db()
        db.import_json(SMALL)
        with warnings.catch_warnings():
            warnings.simplefilter("error", cxotrack.CxoWarning)
            with self.assertRaises(cxotrack.CxoWarning):
                db.create("observation", topic="ml", date="2017", status="raised")

    def test_an_import_warns_once_per_warning_and_returns_its_result(self):
        db = self.new_db()
        doc = dict(SMALL, extra_key=1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = db.import_json(doc, lenient=True)
        self.assertEqual([str(w.message) for w in caught], result["warnings"])
        self.assertEqual(len(caught), 1)
        self.assertIn("extra_key", result["warnings"][0])
        self.assertEqual(result["created"]["meetings"], 2)


if __name__ == "__main__":
    unittest.main()
