"""Every report in every format, against the C suite's fixtures
(tests/data/reports/expected); the notebook niceties: HtmlReport,
MarkdownReport, matrix(), to_dataframe()."""

from __future__ import annotations

import html
import io
import json
import os
import re
import sys
import unittest
import warnings
from unittest import mock

from helpers import SOURCE, TempDirTest

import cxotrack

try:
    import pandas
except ImportError:  # Debian: python3-pandas
    pandas = None

DATA = os.path.join(SOURCE, "tests", "data", "reports")
EXPECTED = os.path.join(DATA, "expected")

#: fixture name -> (report kind, options), as tests/c/test_reports.c makes them
SPECS = {
    "tsag": ("tsag", {"meeting": "cto-2018-buenos-aires"}),
    "followup": ("followup", {}),
    "period": ("period", {"from_": "cons-2015-cjk", "to": "cto-2018-buenos-aires"}),
    "matrix": ("matrix", {}),
    "diff": ("diff", {"from_": "cxo-2014-dubai", "to": "cto-2017-busan"}),
    "agenda": ("agenda", {"meeting": "cto-2019-geneva"}),
    "agenda-topics": ("agenda", {"topics": ["sec", "iot-sc", "quantum"]}),
    "participation": ("participation", {}),
    "analysis": ("analysis", {}),
    "lint": ("lint", {}),
}
TABULAR = {"matrix", "diff", "followup", "participation"}


def expected(name):
    with open(os.path.join(EXPECTED, name), encoding="utf-8", newline="") as f:
        return f.read()


class ReportsTest(TempDirTest):
    def setUp(self):
        super().setUp()
        self.db = self.new_db()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = self.db.import_files(os.path.join(DATA, "dataset.json"))
        self.assertEqual(len(result["warnings"]), 3)
        self.assertEqual(len(caught), 3)
        self.db.import_files(os.path.join(DATA, "strict.json"))

    def report(self, name, fmt):
        kind, options = SPECS[name]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = self.db.report(kind, fmt, **options)
        if kind == "lint":  # the fixture has an error finding: CXO_WARNED
            self.assertEqual([str(w.message) for w in caught], ["lint: 1 finding of severity error"])
            self.assertIs(caught[0].category, cxotrack.CxoWarning)
        else:
            self.assertEqual(caught, [])
        return out

    def test_every_report_is_covered(self):
        self.assertEqual({kind for kind, _ in SPECS.values()}, set(cxotrack.REPORTS))

    def test_json_reports_are_dicts_equal_to_the_fixtures(self):
        for name in SPECS:
            with self.subTest(report=name):
                got = self.report(name, "json")
                self.assertIsInstance(got, dict)
                self.assertEqual(got, json.loads(expected(name + ".json")))
                self.assertEqual(got["report"], SPECS[name][0])

    def test_markdown_reports_equal_the_fixtures(self):
        for name in SPECS:
            with self.subTest(report=name):
                got = self.report(name, "md")
                self.assertIsInstance(got, cxotrack.MarkdownReport)
                self.assertIsInstance(got, str)
                self.assertEqual(got, expected(name + ".md"))
                self.assertEqual(got._repr_markdown_(), got)
        self.assertEqual(self.db.report("followup", "markdown"), expected("followup.md"))

    def test_csv_reports_equal_the_fixtures(self):
        for name in SPECS:
            with self.subTest(report=name):
                if SPECS[name][0] in TABULAR:
                    got = self.report(name, "csv")
                    self.assertIs(type(got), str)
                    self.assertEqual(got, expected(name + ".csv"))
                else:
                    kind, options = SPECS[name]
                    with self.assertRaises(cxotrack.InvalidError) as cm:
                        self.db.report(kind, "csv", **options)
                    self.assertEqual(str(cm.exception), "report %s: no CSV form (CSV is for matrix, diff, followup, "
                                                         "participation)" % kind)

    def test_html_reports_are_pages_a_notebook_shows_inline(self):
        for name in SPECS:
            with self.subTest(report=name):
                got = self.report(name, "html")
                self.assertIsInstance(got, cxotrack.HtmlReport)
                self.assertTrue(got.startswith("<!DOCTYPE html>"), got[:50])
                title = json.loads(expected(name + ".json"))["title"]
                self.assertIn("<title>%s</title>" % html.escape(title, quote=False), got)
                shown = got._repr_html_()
                m = re.fullmatch(r'<iframe class="cxotrack-report" srcdoc="([^"]*)" style="[^"]*" sandbox="">'
                                 r"</iframe>", shown)
                self.assertIsNotNone(m, shown[:200])
                self.assertEqual(html.unescape(m.group(1)), got)

    def test_options(self):
        by_keyword = self.db.report("period", **{"from": "cons-2015-cjk", "to": "cto-2018-buenos-aires"})
        self.assertEqual(by_keyword, json.loads(expected("period.json")))
        with self.assertRaises(TypeError):
            self.db.report("period", from_="cons-2015-cjk", **{"from": "cons-2015-cjk"})
        with self.assertRaises(TypeError) as cm:
            self.db.report("period", form="cons-2015-cjk")
        self.assertIn("unknown report option 'form'", str(cm.exception))
        self.assertEqual(self.db.report("agenda", topics="sec,iot-sc,quantum"),
                         json.loads(expected("agenda-topics.json")))
        period = self.db.report("period", stall=1, as_of="cto-2017-busan", kinds=["cto", "cxo"], lifecycle="cto")
        self.assertEqual((period["stall"], period["lifecycle"]), (1, "cto"))
        self.assertNotEqual(period["counts"], self.db.report("period", stall=1)["counts"])  # as_of, kinds count
        matrix = self.db.report("matrix", as_of="cto-2017-busan")
        self.assertEqual((matrix["as_of"], matrix["meetings"][-1]["id"]), ("cto-2017-busan", "cto-2017-busan"))
        self.assertEqual({m["kind"] for m in self.db.report("matrix", kinds=["cxo"])["meetings"]}, {"cxo"})
        with self.assertRaises(TypeError):
            self.db.report("period", stall="3")
        with self.assertRaises(cxotrack.NotFoundError):
            self.db.report("tsag", meeting="nope")
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.report("tsag")
        self.assertEqual(str(cm.exception), "report tsag: the meeting reported on is required")

    def test_unknown_report_or_format(self):
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.report("minutes")
        self.assertEqual(str(cm.exception), "unknown report 'minutes' (reports: %s)" % ", ".join(cxotrack.REPORTS))
        with self.assertRaises(cxotrack.InvalidError) as cm:
            self.db.report("matrix", "pdf")
        self.assertEqual(str(cm.exception), "unknown report format 'pdf' (formats: json, md, csv, html, markdown)")

    def test_reports_to_files(self):
        path = self.path("matrix.csv")
        self.assertIsNone(self.db.report("matrix", "csv", file=path))
        with open(path, encoding="utf-8", newline="") as f:
            self.assertEqual(f.read(), expected("matrix.csv"))
        out = io.StringIO(newline="")
        self.db.report("followup", "md", file=out)
        self.assertEqual(out.getvalue(), expected("followup.md"))
        failed = self.path("tsag.md")
        with self.assertRaises(cxotrack.NotFoundError):
            self.db.report("tsag", "md", meeting="nope", file=failed)
        self.assertFalse(os.path.exists(failed))  # no empty or partial file left
        raw = io.BytesIO()
        self.db.report("diff", "json", from_="cxo-2014-dubai", to="cto-2017-busan", file=raw)
        self.assertEqual(json.loads(raw.getvalue()), json.loads(expected("diff.json")))


class NotebookTest(TempDirTest):
    def setUp(self):
        super().setUp()
        self.db = self.new_db()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", cxotrack.CxoWarning)
            self.db.import_files(os.path.join(DATA, "dataset.json"))
        self.report = json.loads(expected("matrix.json"))

    @unittest.skipIf(pandas is None, "pandas is not installed")
    def test_matrix_is_a_topics_by_meetings_dataframe(self):
        frame = self.db.matrix()
        self.assertIsInstance(frame, pandas.DataFrame)
        meetings = [m["id"] for m in self.report["meetings"]]
        self.assertEqual(list(frame.columns), meetings)
        self.assertEqual(frame.columns.name, "meeting")
        self.assertEqual(frame.index.name, "topic")
        self.assertEqual(list(frame.index), [t["topic"] for t in self.report["topics"]])
        for topic in self.report["topics"]:
            for meeting in meetings:
                self.assertEqual(frame.loc[topic["topic"], meeting], topic[meeting])
        self.assertIn("gap", set(frame.values.ravel()))
        early = self.db.matrix(as_of="cxo-2014-dubai", kinds="cto,cxo", lifecycle="cto")
        self.assertEqual(list(early.columns)[-1], "cxo-2014-dubai")

    def test_matrix_without_pandas_is_a_list_of_dicts(self):
        with mock.patch.dict(sys.modules, {"pandas": None}):
            rows = self.db.matrix()
        self.assertIsInstance(rows, list)
        meetings = [m["id"] for m in self.report["meetings"]]
        self.assertEqual(rows[0], dict({"topic": self.report["topics"][0]["topic"]},
                                       **{m: self.report["topics"][0][m] for m in meetings}))
        self.assertEqual(len(rows), len(self.report["topics"]))

    @unittest.skipIf(pandas is None, "pandas is not installed")
    def test_to_dataframe(self):
        rows = self.db.history("sec", lineage=True)
        frame = cxotrack.to_dataframe(rows)
        self.assertIsInstance(frame, pandas.DataFrame)
        self.assertEqual(list(frame.columns), list(rows[0]))
        self.assertEqual(len(frame), len(rows))
        self.assertEqual(list(frame["status"]), [r["status"] for r in rows])
        # rows whose fields differ: the union of the fields, in order of appearance
        frame = cxotrack.to_dataframe([{"a": 1}, {"b": 2, "a": 3}])
        self.assertEqual(list(frame.columns), ["a", "b"])
        self.assertTrue(pandas.isna(frame.loc[0, "b"]))
        self.assertEqual(len(cxotrack.to_dataframe(self.db.iter("meeting"))), len(self.db.meetings()))
        self.assertEqual(len(cxotrack.to_dataframe([])), 0)
        followup = self.db.report("followup")
        self.assertEqual(len(cxotrack.to_dataframe(followup["actions"])), len(followup["actions"]))
        with self.assertRaises(TypeError) as cm:
            cxotrack.to_dataframe(followup)
        self.assertIn("to_dataframe(report['actions'])", str(cm.exception))
        with self.assertRaises(TypeError):
            cxotrack.to_dataframe("text")
        with self.assertRaises(TypeError):
            cxotrack.to_dataframe([1, 2])

    def test_to_dataframe_without_pandas_says_how_to_install_it(self):
        with mock.patch.dict(sys.modules, {"pandas": None}):
            with self.assertRaises(ImportError) as cm:
                cxotrack.to_dataframe([{"a": 1}])
        self.assertEqual(str(cm.exception),
                         "cxotrack.to_dataframe needs pandas, which is not installed: on Debian, "
                         "`apt install python3-pandas` (in a venv made with --system-site-packages); "
                         "elsewhere, `pip install pandas`")

    def test_report_strings_stay_strings(self):
        report = cxotrack.HtmlReport("<p>a & b</p>")
        self.assertEqual(report + "!", "<p>a & b</p>!")
        self.assertIn('srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;"', report._repr_html_())
        self.assertEqual(cxotrack.MarkdownReport("# T")._repr_markdown_(), "# T")


if __name__ == "__main__":
    unittest.main()
