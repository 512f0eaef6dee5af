"""Import and export of the interchange format; transactions; backup."""

from __future__ import annotations

import copy
import io
import json
import pathlib
import unittest

from helpers import DATASET, SMALL, TempDirTest

import cxotrack


def dataset_text():
    with open(DATASET, encoding="utf-8") as f:
        return f.read()


class ImportTest(TempDirTest):
    def test_import_json_text_bytes_or_dict(self):
        for doc in (json.dumps(SMALL), json.dumps(SMALL).encode(), SMALL):
            with self.subTest(type=type(doc).__name__):
                db = cxotrack.open(":memory:")
                try:
                    result = db.import_json(doc)
                    self.assertEqual(result["created"]["meetings"], 2)
                    self.assertEqual(result["created"]["topics"], 2)
                    self.assertEqual(result["warnings"], [])
                    again = db.import_json(doc)  # twice: nothing changes
                    self.assertEqual(set(again["created"].values()), {0})
                    self.assertEqual(again["unchanged"]["meetings"], 2)
                finally:
                    db.close()
        with self.assertRaises(TypeError):
            cxotrack.open(":memory:").import_json(3)

    def test_an_import_is_all_or_nothing_and_says_where_it_failed(self):
        db = self.new_db()
        bad = copy.deepcopy(SMALL)
        bad["meetings"][1]["date"] = "2016-13-01"
        with self.assertRaises(cxotrack.InvalidError) as cm:
            db.import_json(bad, name="small.json")
        self.assertEqual(str(cm.exception), 'meetings[1].date: "2016-13-01" is not a date (month must be 01 to 12)')
        self.assertEqual(db.meetings(), [])
        with self.assertRaises(cxotrack.FormatError) as cm:
            db.import_json("{", name="small.json")
        self.assertTrue(str(cm.exception).startswith("small.json: line 1, column 2: "), str(cm.exception))

    def test_the_name_goes_to_the_audit_log(self):
        db = self.new_db()
        db.import_json(SMALL, name="small.json")
        entry = db.audit(entity="document")[0]
        self.assertEqual((entry["op"], entry["key"], entry["after"]["name"]), ("import", "small.json", "small.json"))

    def test_replace_and_check_modes(self):
        db = self.new_db()
        db.import_json(SMALL)
        db.create("topic", id="extra", title="Extra")
        checked = db.import_json(SMALL, replace=True, check=True)
        self.assertEqual(checked["deleted"]["topics"], 1)
        self.assertIn("extra", [t["id"] for t in db.topics()])  # check: nothing written
        db.import_json(SMALL, replace=True)
        self.assertNotIn("extra", [t["id"] for t in db.topics()])

    def test_lenient_mode(self):
        db = self.new_db()
        doc = dict(SMALL, unknown=1)
        with self.assertRaises(cxotrack.InvalidError):
            db.import_json(doc)
        with self.assertWarns(cxotrack.CxoWarning):
            result = db.import_json(doc, lenient=True)
        self.assertEqual(len(result["warnings"]), 1)

    def test_import_buffers(self):
        db = self.new_db()
        first = {"format": "cxotrack", "version": 1, "topics": [{"id": "t", "title": "First"}]}
        second = {"format": "cxotrack", "version": 1, "topics": [{"id": "t", "title": "Second"}]}
        result = db.import_buffers([first, json.dumps(second)], names=["a.json", "b.json"])
        self.assertEqual(result["created"]["topics"], 1)
        self.assertEqual(db.get("topic", "t")["title"], "Second")  # the later document wins
        broken = {"format": "cxotrack", "version": 1, "topics": [{"id": "u"}]}
        with self.assertRaises(cxotrack.CxoError) as cm:
            db.import_buffers([first, broken], names=["a.json", "b.json"])
        self.assertIn("b.json", str(cm.exception))
        with self.assertRaises(cxotrack.InvalidError) as cm:
            db.import_buffers([first], names=["a.json", "b.json"])
        self.assertEqual(str(cm.exception), "2 names for 1 documents")
        with self.assertRaises(TypeError):
            db.import_buffers(first)
        self.assertEqual(db.import_buffers([second, first], check=True)["updated"]["topics"], 1)
        self.assertEqual(db.get("topic", "t")["title"], "Second")

    def test_import_files(self):
        db = self.new_db()
        result = db.import_files(DATASET)
        self.assertEqual(result["created"]["meetings"], 17)
        small = pathlib.Path(self.path("small.json"))
        small.write_text(json.dumps(SMALL))
        result = db.import_files([pathlib.Path(DATASET), small], check=True)
        self.assertEqual(result["created"]["meetings"], 2)
        with self.assertRaises(cxotrack.NotFoundError) as cm:
            db.import_files(self.path("missing.json"))
        self.assertEqual(str(cm.exception), "%s: No such file or directory" % self.path("missing.json"))

    def test_progress(self):
        db = self.new_db()
        calls = []
        db.import_files(DATASET, progress=lambda done, total: calls.append((done, total)))
        self.assertTrue(calls)
        self.assertEqual([d for d, t in calls], sorted(d for d, t in calls))
        self.assertEqual(calls[-1][0], calls[-1][1])
        with self.assertRaises(TypeError):
            db.import_files(DATASET, progress=3)

    def test_an_exception_in_progress_cancels_and_propagates(self):
        db = self.new_db()

        class Stop(Exception):
            pass

        def progress(done, total):
            if done > 10:
                raise Stop("enough")

        with self.assertRaises(Stop) as cm:
            db.import_files(DATASET, progress=progress)
        self.assertIsInstance(cm.exception.__cause__, cxotrack.CanceledError)
        self.assertEqual(db.meetings(), [])
        self.assertEqual(db.import_files(DATASET)["created"]["meetings"], 17)  # the handle is fine

    def test_limits(self):
        db = self.new_db()
        doc = {"format": "cxotrack", "version": 1, "topics": [{"id": "t", "title": "x" * 100}]}
        with self.assertRaises(cxotrack.LimitError):
            db.import_json(doc, max_string=50)
        db.import_json(doc, max_string=500, max_size=10000, max_depth=10)
        with self.assertRaises(cxotrack.InvalidError) as cm:
            db.import_json(doc, max_size=-1)
        self.assertEqual(str(cm.exception), "max_size: -1 is not a size (an int >= 0; 0 for the default)")


class ExportTest(TempDirTest):
    def test_export_is_canonical(self):
        db = self.dataset_db()
        self.assertEqual(db.export_json(), dataset_text())

    def test_export_a_meeting_or_a_topic(self):
        db = self.new_db()
        db.import_json(SMALL)
        part = json.loads(db.export_json(meeting="m1"))
        self.assertEqual([m["id"] for m in part["meetings"]], ["m1"])
        part = json.loads(db.export_json(topic="ml"))
        self.assertEqual(sorted(t["id"] for t in part["topics"]), ["ml", "old-ml"])
        with self.assertRaises(cxotrack.NotFoundError):
            db.export_json(meeting="nope")

    def test_export_to_a_path_text_file_or_binary_file(self):
        db = self.dataset_db()
        expected = dataset_text()
        self.assertIsNone(db.export_json(file=self.path("out.json")))
        with open(self.path("out.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), expected)
        self.assertIsNone(db.export_json(file=pathlib.Path(self.path("out2.json"))))
        self.assertEqual(pathlib.Path(self.path("out2.json")).read_text(encoding="utf-8"), expected)
        text = io.StringIO()
        db.export_json(file=text)
        self.assertEqual(text.getvalue(), expected)
        binary = io.BytesIO()
        db.export_json(file=binary)
        self.assertEqual(binary.getvalue(), expected.encode("utf-8"))
        with self.assertRaises(TypeError):
            db.export_json(file=3)

    def test_export_to_a_text_file_keeps_characters_split_between_pieces(self):
        db = self.new_db()
        title = "é" * 5000 + "🌍" * 3000
        db.create("topic", id="t", title=title)

        class Pieces(io.StringIO):
            pieces = 0

            def write(self, s):
                self.pieces += 1
                return super().write(s)

        out = Pieces()
        db.export_json(file=out)
        self.assertEqual(json.loads(out.getvalue())["topics"][0]["title"], title)

    def test_a_failing_file_stops_the_export_and_its_error_propagates(self):
        db = self.dataset_db()

        class Full(io.RawIOBase):
            def writable(self):
                return True

            def write(self, b):
                raise OSError(28, "No space left on device")

        with self.assertRaises(OSError) as cm:
            db.export_json(file=Full())
        self.assertEqual(cm.exception.errno, 28)
        self.assertEqual(len(db.meetings()), 17)  # the handle is fine

    def test_round_trip_through_a_new_database(self):
        db = self.dataset_db()
        other = self.new_db("other.db")
        other.import_json(db.export_json())
        self.assertEqual(other.export_json(), db.export_json())


class TransactionTest(TempDirTest):
    def test_commit_and_rollback(self):
        db = self.new_db()
        db.begin()
        db.create("topic", id="a", title="A")
        db.rollback()
        self.assertEqual(db.topics(), [])
        db.begin()
        db.create("topic", id="a", title="A")
        db.commit()
        self.assertEqual([t["id"] for t in db.topics()], ["a"])

    def test_transaction_context_manager(self):
        db = self.new_db()
        with db.transaction() as same:
            self.assertIs(same, db)
            db.create("topic", id="a", title="A")
            db.create("topic", id="b", title="B")
        self.assertEqual(len(db.topics()), 2)
        with self.assertRaises(cxotrack.ExistsError):
            with db.transaction():
                db.create("topic", id="c", title="C")
                db.create("topic", id="a", title="A again")
        self.assertEqual([t["id"] for t in db.topics()], ["a", "b"])  # c rolled back
        with self.assertRaises(KeyError):
            with db.transaction():
                db.create("topic", id="d", title="D")
                raise KeyError("user code failed")
        self.assertEqual(len(db.topics()), 2)
        with self.assertRaises(KeyError):  # the block's own error, not "no transaction is open"
            with db.transaction():
                db.create("topic", id="e", title="E")
                db.commit()
                raise KeyError("after a commit of its own")
        self.assertEqual(len(db.topics()), 3)
        db.begin()  # nothing left open
        db.rollback()

    def test_a_failed_change_inside_a_transaction_undoes_only_itself(self):
        db = self.new_db()
        db.begin()
        db.create("topic", id="a", title="A")
        with self.assertRaises(cxotrack.ExistsError):
            db.create("topic", id="a", title="A")
        db.commit()
        self.assertEqual([t["id"] for t in db.topics()], ["a"])

    def test_backup(self):
        db = self.dataset_db()
        db.backup(self.path("copy.db"))
        db.backup(pathlib.Path(self.path("copy.db")))  # replaced
        with cxotrack.open(self.path("copy.db"), readonly=True) as copy_:
            self.assertEqual(copy_.export_json(), db.export_json())
        with self.assertRaises(cxotrack.InvalidError):
            db.backup(self.path("data.db"))
        db.begin()
        with self.assertRaises(cxotrack.MisuseError):
            db.backup(self.path("copy2.db"))
        db.rollback()


if __name__ == "__main__":
    unittest.main()
