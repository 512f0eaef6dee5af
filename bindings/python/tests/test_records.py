"""Records of every kind: create, get, update, list, delete; the named list
methods and their filters; describe; how arguments are translated."""

from __future__ import annotations

import datetime
import unittest

from helpers import SMALL, TempDirTest, no_warnings

import cxotrack

#: kind, a new record (on top of SMALL), its key, a change, the named list method
CASES = [
    ("meeting", {"id": "m3", "kind": "cxo", "date": "2019-12", "city": "Dubai", "participants": 40},
     ("m3",), {"city": "Dubai, UAE"}, "meetings"),
    ("topic", {"id": "t3", "title": "Quantum", "tags": ["qkd", "future"]}, ("t3",), {"title": "Quantum ICT"}, "topics"),
    ("lifecycle", {"id": "fgl", "title": "FG life", "statuses": [{"id": "open", "title": "Open", "rank": 1, "terminal": False},
                                                                 {"id": "done", "title": "Done", "terminal": True}]},
     ("fgl",), {"enforce": "strict"}, "lifecycles"),
    ("observation", {"topic": "ml", "lifecycle": "cto", "meeting": "m1", "status": "raised"},
     ("ml", "cto", "m1"), {"note": "seen early"}, "observations"),
    ("conclusion", {"id": "m1/1", "meeting": "m1", "number": "1", "kind": "observation", "text": "Noted"},
     ("m1/1",), {"text": "Noted, with thanks"}, "conclusions"),
    ("action", {"id": "m2/1/b", "conclusion": "m2/1", "owner": "TSB", "description": "Report"},
     ("m2/1/b",), {"owner": "TSAG"}, "actions"),
    ("followup", {"action": "m2/1/a", "date": "2017", "status": "done"}, ("m2/1/a", "2017"),
     {"note": "FG ML5G created"}, "followups"),
    ("registry", {"id": "res22", "title": "Resolution 22 items"}, ("res22",), {"version": "2024"}, "registries"),
    ("item", {"registry": "fg", "id": "fg-net2030", "title": "FG NET-2030"}, ("fg", "fg-net2030"),
     {"url": "https://www.itu.int/en/ITU-T/focusgroups/net2030"}, "items"),
    ("link", {"topic": "old-ml", "registry": "fg", "item": "fg-ml5g", "relation": "related"},
     ("old-ml", "fg", "fg-ml5g"), {"relation": "partially-covers"}, "links"),
    ("relation", {"topic": "ml", "type": "related", "older": "old-ml"}, ("ml", "related", "old-ml"),
     {"note": "also"}, "relations"),
    ("organization", {"id": "itu", "name": "ITU", "kind": "sdo"}, ("itu",), {"country": "CH"}, "organizations"),
    ("attendance", {"meeting": "m2", "organization": "ntt", "role": "cto"}, ("m2", "ntt"), {"role": "delegate"},
     "attendance"),
]


def key_fields(kind, key, record):
    """The fields of `record` that make its key (for update)."""
    names = [f["name"] for f in cxotrack.describe(kind)["fields"] if f["key"]]
    return {n: record[n] for n in names if n in record}


class CrudTest(TempDirTest):
    def setUp(self):
        super().setUp()
        self.db = self.new_db()
        self.db.import_json(SMALL)

    def test_every_kind_is_covered(self):
        self.assertEqual(sorted(c[0] for c in CASES), sorted(cxotrack.KINDS))

    def test_create_get_update_list_delete_every_kind(self):
        db = self.db
        for kind, record, key, change, lister in CASES:
            with self.subTest(kind=kind), no_warnings():
                db.create(kind, record)
                stored = db.get(kind, *key)
                for name, value in record.items():
                    if name != "tags":
                        self.assertEqual(stored[name], value, name)
                db.update(kind, key_fields(kind, key, record), **change)
                again = db.get(kind, *key)
                for name, value in change.items():
                    self.assertEqual(again[name], value, name)
                listed = getattr(db, lister)()
                self.assertIn(again, [{k: row[k] for k in again if k in row} for row in listed])
                self.assertEqual(db.list(kind), listed)
                db.delete(kind, *key)
                with self.assertRaises(cxotrack.NotFoundError):
                    db.get(kind, *key)

    def test_records_come_out_canonical(self):
        self.db.create("topic", id="t3", title="Quantum", tags=["qkd", "future"], note=None)
        self.assertEqual(self.db.get("topic", "t3"), {"id": "t3", "title": "Quantum", "tags": ["future", "qkd"]})

    def test_fields_as_a_dict_and_keywords_the_keywords_win(self):
        # `kind` is a field of meetings, conclusions and organizations: it goes
        # to the record, not to the method's first parameter
        self.db.create("meeting", {"id": "m3", "kind": "cto", "date": "2019"}, kind="cxo", city="Dubai")
        self.assertEqual(self.db.get("meeting", "m3"), {"id": "m3", "kind": "cxo", "date": "2019", "city": "Dubai"})

    def test_update_with_none_clears_a_field(self):
        self.db.update("meeting", id="m1", city=None)
        self.assertNotIn("city", self.db.get("meeting", "m1"))

    def test_update_of_a_missing_record(self):
        with self.assertRaises(cxotrack.NotFoundError) as cm:
            self.db.update("topic", id="zzz", title="x")
        self.assertEqual(str(cm.exception), 'topic "zzz" does not exist')

    def test_dates_may_be_date_objects(self):
        self.db.create("action", id="m2/1/b", conclusion="m2/1", due_date=datetime.date(2017, 3, 1))
        self.assertEqual(self.db.get("action", "m2/1/b")["due_date"], "2017-03-01")
        with self.assertRaises(TypeError) as cm:
            self.db.create("action", id="m2/1/c", conclusion="m2/1", due_date=object())
        self.assertIn("a object cannot go into a record", str(cm.exception))

    def test_a_number_that_is_not_an_integer_is_refused_by_the_library(self):
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.create("meeting", id="m9", kind="cto", date="2020", participants=1.5)
        self.assertEqual(str(cm.exception), 'meeting "m9".participants: expected an integer, got a real number')
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.create("meeting", id="m9", kind="cto", date="2020", participants=float("nan"))
        self.assertIn("meeting record: Out of range float values are not JSON compliant", str(cm.exception))

    def test_the_key_must_have_its_parts(self):
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.get("topic", "ml", "x")
        self.assertEqual(str(cm.exception), "cxo_record_get: the key of a topic has 1 part (id), not 2")
        with self.assertRaises(TypeError):
            self.db.get("topic", 3)

    def test_delete_refused_then_cascaded(self):
        with self.assertRaises(cxotrack.ConstraintError):
            self.db.delete("meeting", "m2")
        self.db.delete("meeting", "m2", cascade=True)
        self.assertEqual(self.db.conclusions(), [])
        self.assertEqual([a["op"] for a in self.db.audit(entity="meeting")][-1], "delete")

    def test_kinds_by_name_or_plural_and_unknown_ones(self):
        self.assertEqual(self.db.list("meetings"), self.db.list("meeting"))
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.list("meetingz")
        self.assertEqual(str(cm.exception), "unknown kind of record 'meetingz' (kinds: %s)" % ", ".join(cxotrack.KINDS))
        with self.assertRaises(TypeError):
            self.db.list(1)

    def test_text_with_a_nul_or_a_lone_surrogate_is_refused(self):
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.get("topic", "a\0b")
        self.assertEqual(str(cm.exception), "topic key: 'a\\x00b' contains a NUL character")
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.get("topic", "x\udc80")
        self.assertEqual(str(cm.exception), "topic key: invalid UTF-8: '\\udc80' at position 1 is a lone surrogate")
        with self.assertRaises(cxotrack.InvalidError):
            self.db.create("topic", id="s", title="bad \ud800")
        # a NUL inside a record's text crosses as JSON \u0000, which the library refuses
        with self.assertRaises(cxotrack.CxoError):
            self.db.create("topic", id="s", title="bad \0")

    def test_unicode_round_trips(self):
        self.db.create("organization", id="orange", name="Orange Côte d’Ivoire 🌍")
        self.assertEqual(self.db.get("organization", "orange")["name"], "Orange Côte d’Ivoire 🌍")

    def test_describe(self):
        d = cxotrack.describe("observation")
        self.assertEqual((d["name"], d["plural"], d["key"]), ("observation", "observations",
                                                              ["topic", "lifecycle", "meeting or date"]))
        status = [f for f in d["fields"] if f["name"] == "status"][0]
        self.assertEqual((status["type"], status["required"]), ("id", True))
        self.assertEqual(self.db.describe("meetings"), cxotrack.describe("meeting"))
        kind = [f for f in cxotrack.describe("meeting")["fields"] if f["name"] == "kind"][0]
        self.assertEqual(kind["values"], ["cto", "cxo", "consultation", "workshop", "tsag", "wtsa", "other"])

    def test_names(self):
        self.assertEqual(cxotrack.KINDS, ("meeting", "topic", "lifecycle", "observation", "conclusion", "action",
                                          "followup", "registry", "item", "link", "relation", "organization",
                                          "attendance"))
        self.assertEqual(cxotrack.REPORTS, ("tsag", "followup", "period", "matrix", "diff", "agenda",
                                            "participation", "analysis", "lint"))
        self.assertEqual(cxotrack.FORMATS, ("json", "md", "csv", "html"))

    def test_validators(self):
        cxotrack.check_slug("cto-2013-bangkok/3")
        cxotrack.check_date("2012-11")
        with self.assertRaises(cxotrack.InvalidError) as cm:
            cxotrack.check_date("2013-02-30")
        self.assertIn('"2013-02-30"', str(cm.exception))
        with self.assertRaises(cxotrack.InvalidError):
            cxotrack.check_slug("9lives")


class QueryTest(TempDirTest):
    """The list methods' filters, on the bundled dataset."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.db = self.dataset_db()

    def ids(self, rows, field="id"):
        return [r[field] for r in rows]

    def test_meetings(self):
        meetings = self.db.meetings()
        self.assertEqual(len(meetings), 17)
        self.assertEqual(meetings[0]["id"], "cto-2009-geneva")
        self.assertEqual(meetings[0]["topics_discussed"], 6)
        self.assertEqual(self.ids(self.db.meetings(kinds=["cxo"])), ["cxo-2016-hammamet", "cxo-2019-dubai"])
        self.assertEqual(self.db.meetings(kinds="cxo"), self.db.meetings(kinds=["cxo"]))

    def test_topics(self):
        topics = self.db.topics()
        self.assertEqual(len(topics), 41)
        imt = [t for t in topics if t["id"] == "imt-2020"][0]
        self.assertEqual(imt["status"], self.db.history("imt-2020")[-1]["status"])
        delivered = self.db.topics(status="delivered")
        self.assertTrue(delivered)
        self.assertEqual({t["status"] for t in delivered}, {"delivered"})
        early = {t["id"]: t["status"] for t in self.db.topics(as_of="2013")}
        self.assertIsNone(early["imt-2020"])
        self.assertEqual(self.db.topics(lifecycle="cto"), topics)

    def test_lifecycles(self):
        self.assertEqual(self.ids(self.db.lifecycles()), ["cto"])

    def test_observations(self):
        obs = self.db.observations(topic="imt-2020")
        self.assertEqual({o["topic"] for o in obs}, {"imt-2020"})
        at = self.db.observations(meeting="cxo-2019-dubai")
        self.assertEqual({o["meeting"] for o in at}, {"cxo-2019-dubai"})
        self.assertEqual(len(at), self.db.get("meeting", "cxo-2019-dubai") and
                         [m for m in self.db.meetings() if m["id"] == "cxo-2019-dubai"][0]["topics_discussed"])
        self.assertEqual({o["status"] for o in self.db.observations(status="raised")}, {"raised"})
        self.assertEqual(len(self.db.observations()), 89)
        self.assertEqual(len(self.db.observations(lifecycle="cto", as_of="2009")),
                         len(self.db.observations(meeting="cto-2009-geneva")))

    def test_conclusions(self):
        conclusions = self.db.conclusions()
        self.assertEqual(len(conclusions), 5)
        first = conclusions[0]
        self.assertEqual(self.ids(self.db.conclusions(meeting=first["meeting"])),
                         [c["id"] for c in conclusions if c["meeting"] == first["meeting"]])
        topic = first["topics"][0]
        self.assertIn(first["id"], self.ids(self.db.conclusions(topic=topic)))
        self.assertEqual(self.db.conclusions(as_of="2009-01"), [])

    def test_actions_and_followups(self):
        db = self.new_db("small.db")
        db.import_json(SMALL)
        self.assertEqual(self.ids(db.actions()), ["m2/1/a"])
        self.assertEqual(self.ids(db.actions(open=True)), ["m2/1/a"])
        self.assertEqual(self.ids(db.actions(owner="TSB")), [])
        self.assertEqual(self.ids(db.actions(status="in-progress", meeting="m2", topic="ml", kinds="cto")), ["m2/1/a"])
        self.assertEqual(db.actions(overdue=True), [])
        db.create("meeting", id="m3", kind="cto", date="2017-09")
        db.create("observation", topic="ml", meeting="m3", status="assigned")
        self.assertEqual(self.ids(db.actions(overdue=True)), ["m2/1/a"])
        self.assertEqual(db.actions(overdue=True, as_of="m2"), [])
        self.assertEqual(db.followups(action="m2/1/a"), [{"action": "m2/1/a", "meeting": "m2", "status": "in-progress"}])
        self.assertEqual(db.followups(meeting="m1"), [])
        self.assertEqual(db.followups(as_of="m1"), [])

    def test_registries_items_links(self):
        self.assertEqual(self.ids(self.db.registries()), ["fg", "res22"])
        items = self.db.items(registry="fg")
        self.assertTrue(items)
        self.assertEqual({i["registry"] for i in items}, {"fg"})
        unlinked = self.db.items(unlinked=True)
        self.assertEqual({i["topics"] for i in unlinked}, {0})
        self.assertLess(len(unlinked), len(self.db.items()))
        self.assertLessEqual(len(self.db.items(as_of="2010")), len(self.db.items()))
        links = self.db.links(topic="imt-2020")
        self.assertTrue(links)
        link = links[0]
        self.assertIn(link["topic"], [l["topic"] for l in self.db.links(registry=link["registry"], item=link["item"])])
        self.assertLessEqual(len(self.db.links(as_of="2009")), len(self.db.links()))

    def test_relations_organizations_attendance(self):
        db = self.new_db("small.db")
        db.import_json(SMALL)
        self.assertEqual(db.relations(topic="old-ml"), [{"topic": "ml", "type": "renamed-from", "older": "old-ml"}])
        self.assertEqual(db.relations(as_of="m1"), db.relations())
        self.assertEqual(self.ids(db.organizations()), ["ntt"])
        self.assertEqual(db.attendance(meeting="m1"), [{"meeting": "m1", "organization": "ntt", "role": "cto"}])
        self.assertEqual(db.attendance(organization="ntt", meeting="m2"), [])
        with self.assertRaises(cxotrack.NotFoundError) as cm:
            db.attendance(organization="nobody")
        self.assertEqual(str(cm.exception), 'organization: there is no organization "nobody"')
        self.assertEqual(db.attendance(as_of="2015"), db.attendance(meeting="m1"))

    def test_list_options_are_checked(self):
        with self.assertRaises(TypeError) as cm:
            self.db.list("topic", stauts="raised")
        self.assertIn("unknown query option 'stauts'", str(cm.exception))
        with self.assertRaises(TypeError):
            self.db.list("topic", kinds=3)
        self.assertEqual(self.db.list("action", open=True, owner="TSB"), self.db.actions(open=True, owner="TSB"))

    def test_iter_reads_one_row_at_a_time(self):
        cur = self.db.iter("meeting")
        self.assertIsInstance(cur, cxotrack.Cursor)
        first = next(cur)
        self.assertEqual(first["id"], "cto-2009-geneva")
        rest = list(cur)
        self.assertEqual([first] + rest, self.db.meetings())
        self.assertTrue(cur.closed)  # exhausted: freed at once
        self.assertEqual(cur.fetchall(), [])


if __name__ == "__main__":
    unittest.main()
