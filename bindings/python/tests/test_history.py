"""A topic's history (lineage, as of), renaming, search, the audit log, the actor."""

from __future__ import annotations

import unittest

from helpers import SMALL, TempDirTest

import cxotrack


class HistoryTest(TempDirTest):
    def setUp(self):
        super().setUp()
        self.db = self.new_db()
        self.db.import_json(SMALL)

    def test_history_with_and_without_lineage(self):
        own = self.db.history("ml")
        self.assertEqual([(r["point"], r["status"], r["movement"]) for r in own], [("m2", "prioritized", "new")])
        stitched = self.db.history("ml", lineage=True)
        self.assertEqual([(r["topic"], r["point"], r["status"], r["movement"], r["inherited"]) for r in stitched],
                         [("old-ml", "m1", "raised", "new", True), ("ml", "m2", "prioritized", "advanced", False)])
        self.assertEqual(stitched[0]["note"], "first raised")

    def test_history_as_of_and_gaps(self):
        self.db.create("meeting", id="m3", kind="cto", date="2017-09")
        self.db.create("meeting", id="m4", kind="cto", date="2018-09")
        self.db.create("observation", topic="ml", meeting="m4", status="assigned")
        rows = self.db.history("ml")
        self.assertEqual([(r["point"], r["movement"], r["gaps"]) for r in rows],
                         [("m2", "new", []), ("m4", "advanced", ["m3"])])
        self.assertEqual([r["point"] for r in self.db.history("ml", as_of="m3")], ["m2"])
        self.assertEqual([r["point"] for r in self.db.history("ml", as_of="2016")], ["m2"])
        # consultations tracked or not change the gaps
        self.assertEqual(self.db.history("ml", kinds="cxo")[-1]["gaps"], [])
        self.assertEqual(self.db.history("ml", lifecycle="cto"), rows)

    def test_history_of_every_topic(self):
        rows = self.db.history(None)
        self.assertEqual([r["topic"] for r in rows], ["ml", "old-ml"])

    def test_history_errors(self):
        with self.assertRaises(cxotrack.NotFoundError) as cm:
            self.db.history("nope")
        self.assertEqual(str(cm.exception), 'there is no topic "nope"')
        with self.assertRaises(cxotrack.NotFoundError) as cm:
            self.db.history("ml", as_of="nope")
        self.assertEqual(str(cm.exception), 'as of: there is no meeting "nope"')

    def test_rename_topic(self):
        self.db.rename_topic("ml", "ml-networks", title="ML for networks", since="m2")
        self.assertEqual(self.db.get("topic", "ml-networks"),
                         {"id": "ml-networks", "title": "ML for networks", "aliases": ["AI/ML", "ML in networks"],
                          "relations": [{"type": "renamed-from", "topic": "ml", "since": "m2"}]})
        self.assertEqual([r["topic"] for r in self.db.history("ml-networks", lineage=True)], ["old-ml", "ml"])
        self.db.rename_topic("old-ml", "ml-old")
        self.assertEqual(self.db.get("topic", "ml-old")["title"], "Machine learning")
        with self.assertRaises(cxotrack.ExistsError):
            self.db.rename_topic("ml", "ml-networks")
        with self.assertRaises(cxotrack.NotFoundError):
            self.db.rename_topic("nope", "other")

    def test_search(self):
        rows = self.db.search("QUANTUM")
        self.assertEqual([(r["kind"], r["key"], r["snippet"]) for r in rows],
                         [("observation", "ml cto m2", "a [quantum] leap")])
        self.assertIsInstance(rows[0]["rank"], int)
        self.assertEqual(sorted(r["key"] for r in self.db.search("machine learning")), ["m2/1", "old-ml"])
        self.assertEqual(self.db.search("absentword"), [])
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.search("  ,, ")
        self.assertEqual(str(cm.exception), "search: the text has no word")

    def test_audit_and_actor(self):
        self.assertEqual(self.db.actor, "unknown")
        self.db.actor = "Ada"
        self.assertEqual(self.db.actor, "Ada")
        self.db.create("topic", id="t3", title="T3")
        self.db.update("topic", id="t3", title="T three")
        entries = self.db.audit(entity="topic", key="t3")
        self.assertEqual([(e["actor"], e["op"], e["entity"], e["key"]) for e in entries],
                         [("Ada", "create", "topic", "t3"), ("Ada", "update", "topic", "t3")])
        self.assertEqual(entries[1]["before"], {"id": "t3", "title": "T3"})
        self.assertEqual(entries[1]["after"], {"id": "t3", "title": "T three"})
        imports = self.db.audit(entity="document")
        self.assertEqual([e["op"] for e in imports], ["import"])
        self.assertEqual(self.db.audit(since="2999-01-01"), [])
        self.assertEqual(len(self.db.audit(since=entries[0]["time"][:10])), len(self.db.audit()))
        with self.assertRaises(cxotrack.InvalidError):
            self.db.audit(since="yesterday")
        with self.assertRaises(cxotrack.InvalidError):
            self.db.actor = "x" * 200
        db2 = cxotrack.open(self.path("t.db"), actor="Grace")
        self.addCleanup(db2.close)
        db2.delete("topic", "t3")
        self.assertEqual(self.db.audit(key="t3")[-1]["actor"], "Grace")


if __name__ == "__main__":
    unittest.main()
