"""The interchange format against its JSON Schema (docs/cxotrack-v1.schema.json).

An export of tests/data/interchange/rich.json, and of parts of it, must be valid
under the schema; each document of the malformed corpus that the library refuses
for a reason the schema can express must be refused by the schema too, and the
schema must not refuse what only the library can judge (manifest.tsv says which is
which).

Run by CTest under Debian's /usr/bin/python3 -m pytest; `python3 -m unittest` runs
it too. The library is driven through cxo_interchange_tool ($CXO_INTERCHANGE_TOOL),
a small program over the public API; $CXO_SOURCE_DIR is the source tree.
"""

import json
import os
import subprocess
import tempfile
import unittest

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("CXO_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
TOOL = os.environ.get("CXO_INTERCHANGE_TOOL")
DATA = os.path.join(SOURCE, "tests", "data", "interchange")
MALFORMED = os.path.join(DATA, "malformed")
SCHEMA_PATH = os.path.join(SOURCE, "docs", "cxotrack-v1.schema.json")

CODES = {
    "CXO_EINVAL": -3,
    "CXO_ENOTFOUND": -4,
    "CXO_EFORMAT": -8,
    "CXO_EVERSION": -9,
    "CXO_ELIMIT": -14,
}

SANITIZER_REPORTS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


def validator():
    schema = load_schema()
    return jsonschema.Draft202012Validator(schema)


def strict_json(data):
    """Parse bytes as RFC 8259 JSON: UTF-8 only (a BOM is no whitespace), no NaN
    or Infinity. Python's json is otherwise lenient in ways RFC 8259 allows
    (duplicate keys, lone surrogates, \\u0000), which the library refuses."""

    def refuse(name):
        raise ValueError("not JSON: " + name)

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


def manifest():
    rows = []
    with open(os.path.join(MALFORMED, "manifest.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, code, cls, schema, message = line.rstrip("\n").split("\t")
            rows.append({"file": name, "code": code, "class": cls, "schema": schema, "message": message})
    return rows


def run_tool(*args):
    if not TOOL:
        raise unittest.SkipTest("CXO_INTERCHANGE_TOOL is not set (run through CTest)")
    proc = subprocess.run([TOOL, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    stderr = proc.stderr.decode("utf-8", "replace")
    for report in SANITIZER_REPORTS:
        assert report not in stderr, "cxo_interchange_tool %s:\n%s" % (" ".join(args), stderr)
    return proc.returncode, proc.stdout, stderr


class RichDatabase(unittest.TestCase):
    """A database holding rich.json, made once for the class."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="cxo-schema-")
        cls.db = os.path.join(cls.tmp.name, "rich.db")
        rc, out, err = run_tool(cls.db, "import", os.path.join(DATA, "rich.json"))
        assert rc == 0, err
        result = json.loads(out)
        assert result["warnings"] == [], result

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, *args):
        rc, out, err = run_tool(self.db, "export", *args)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        return out


class SchemaItself(unittest.TestCase):
    def test_the_schema_is_a_valid_draft_2020_12_schema(self):
        schema = load_schema()
        self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(schema)

    def test_the_fixtures_written_in_canonical_form_are_valid(self):
        v = validator()
        for name in ("rich.json", "merged.json", "replace.json", "part-meeting-cto-2013-bangkok.json",
                     "part-topic-ai-networks.json"):
            with open(os.path.join(DATA, name), "rb") as f:
                doc = strict_json(f.read())
            errors = sorted(e.message for e in v.iter_errors(doc))
            self.assertEqual(errors, [], name)


class ExportIsValid(RichDatabase):
    def test_the_whole_export_is_valid_and_is_rich_json(self):
        out = self.export()
        with open(os.path.join(DATA, "rich.json"), "rb") as f:
            self.assertEqual(out, f.read())
        doc = strict_json(out)
        errors = sorted("%s: %s" % (list(e.absolute_path), e.message) for e in validator().iter_errors(doc))
        self.assertEqual(errors, [])
        # every kind of record is there to be validated
        for key in ("lifecycles", "registries", "items", "organizations", "meetings", "topics",
                    "observations", "conclusions"):
            self.assertGreater(len(doc[key]), 0, key)

    def test_parts_are_valid(self):
        v = validator()
        for args, name in ((("--meeting", "cto-2013-bangkok"), "part-meeting-cto-2013-bangkok.json"),
                           (("--topic", "ai-networks"), "part-topic-ai-networks.json"),
                           (("--meeting", "cto-2030-tokyo"), None),
                           (("--topic", "qos-legacy"), None)):
            out = self.export(*args)
            if name:
                with open(os.path.join(DATA, name), "rb") as f:
                    self.assertEqual(out, f.read(), name)
            doc = strict_json(out)
            self.assertEqual([e.message for e in v.iter_errors(doc)], [], args)

    def test_an_unknown_part_is_refused(self):
        rc, out, err = run_tool(self.db, "export", "--meeting", "nope")
        self.assertEqual((rc, out, err), (1, b"", 'error -4: export: there is no meeting "nope"\n'))


class MalformedCorpus(RichDatabase):
    def setUp(self):
        self.rows = manifest()

    def read(self, row):
        with open(os.path.join(MALFORMED, row["file"]), "rb") as f:
            return f.read()

    def test_the_manifest_lists_every_document(self):
        files = sorted(f for f in os.listdir(MALFORMED) if f.endswith(".json"))
        self.assertEqual(sorted(r["file"] for r in self.rows), files)
        self.assertGreaterEqual(len(files), 20)
        for row in self.rows:
            self.assertIn(row["class"], ("syntax", "json", "schema", "model"), row["file"])
            self.assertIn(row["code"], CODES, row["file"])
            self.assertEqual(row["schema"] == "-", row["class"] == "syntax", row["file"])

    def test_syntax_errors_are_not_json(self):
        for row in self.rows:
            if row["class"] != "syntax":
                continue
            with self.subTest(row["file"]):
                with self.assertRaises(ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
                    strict_json(self.read(row))

    def test_the_schema_refuses_what_the_library_refuses_for_a_schema_reason(self):
        v = validator()
        checked = 0
        for row in self.rows:
            if row["class"] == "syntax":
                continue
            with self.subTest(row["file"]):
                doc = strict_json(self.read(row))
                errors = list(v.iter_errors(doc))
                if row["class"] == "schema":
                    self.assertNotEqual(errors, [], "the schema accepts %s, which the library refuses: %s"
                                        % (row["file"], row["message"]))
                    checked += 1
                self.assertEqual("invalid" if errors else "valid", row["schema"],
                                 [e.message for e in errors])
        self.assertGreaterEqual(checked, 20)

    def test_the_library_refuses_each_with_its_code_and_message(self):
        export_before = self.export()
        for row in self.rows:
            with self.subTest(row["file"]):
                path = os.path.join(MALFORMED, row["file"])
                rc, out, err = run_tool(self.db, "import", path)
                self.assertEqual((rc, out), (1, b""))
                message = row["message"]
                if message.startswith(row["file"] + ": "):
                    # named by its path, not by its file name alone
                    message = path + message[len(row["file"]):]
                self.assertEqual(err, "error %d: %s\n" % (CODES[row["code"]], message))
        self.assertEqual(self.export(), export_before)


if __name__ == "__main__":
    unittest.main()
