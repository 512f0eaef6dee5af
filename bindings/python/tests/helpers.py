"""What the Python binding's tests share.

The tests run under Debian's /usr/bin/python3, with pytest (CTest runs
``/usr/bin/python3 -m pytest bindings/python/tests``) or with unittest
(``python3 -m unittest discover -s bindings/python/tests``). They import the
package from the source tree (bindings/python) unless it is already
importable, and the C library from ``$CXOTRACK_LIBRARY``; without it, from
``build/libcxotrack.so.0`` at the top of the repository if there is one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)  # bindings/python
SOURCE = os.path.dirname(os.path.dirname(PACKAGE_ROOT))  # the repository
HEADER = os.path.join(SOURCE, "include", "cxotrack.h")
DATASET = os.path.join(SOURCE, "examples", "data", "itu-cto-meetings.json")
NOTEBOOK = os.path.join(SOURCE, "examples", "notebooks", "cto-meetings.ipynb")

if not os.environ.get("CXOTRACK_LIBRARY"):
    _default = os.path.join(SOURCE, "build", "libcxotrack.so.0")
    if os.path.exists(_default):
        os.environ["CXOTRACK_LIBRARY"] = _default
if PACKAGE_ROOT not in sys.path:
    sys.path.insert(0, PACKAGE_ROOT)

import cxotrack  # noqa: E402

LIBRARY = cxotrack.library_path


class TempDirTest(unittest.TestCase):
    """A test with a temporary directory of its own (self.dir), removed at the end."""

    def setUp(self) -> None:
        super().setUp()
        self.dir = tempfile.mkdtemp(prefix="cxo-py-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def new_db(self, name: str = "t.db", **kwargs) -> "cxotrack.Database":
        """A new empty database in the test's directory, closed at the end."""
        db = cxotrack.open(self.path(name), create=True, **kwargs)
        self.addCleanup(db.close)
        return db

    def dataset_db(self, name: str = "data.db", **kwargs) -> "cxotrack.Database":
        """A database holding the bundled dataset (copied from one imported once)."""
        template = _dataset_template()
        shutil.copyfile(template, self.path(name))
        db = cxotrack.open(self.path(name), **kwargs)
        self.addCleanup(db.close)
        return db


_TEMPLATE_DIR = None


def _dataset_template() -> str:
    global _TEMPLATE_DIR
    if _TEMPLATE_DIR is None:
        _TEMPLATE_DIR = tempfile.mkdtemp(prefix="cxo-py-template-")
        import atexit

        atexit.register(shutil.rmtree, _TEMPLATE_DIR, True)
        path = os.path.join(_TEMPLATE_DIR, "template.db")
        with cxotrack.open(path, create=True) as db:
            db.import_files(DATASET)
        # one self-contained file to copy: fold the write-ahead log back in
        with cxotrack.open(path) as db:
            db.backup(os.path.join(_TEMPLATE_DIR, "dataset.db"))
    return os.path.join(_TEMPLATE_DIR, "dataset.db")


def no_warnings():
    """A context manager that turns CxoWarnings into errors (a test that
    expects none fails on one)."""
    ctx = warnings.catch_warnings()

    class _Ctx:
        def __enter__(self):
            ctx.__enter__()
            warnings.simplefilter("error", cxotrack.CxoWarning)

        def __exit__(self, *exc):
            return ctx.__exit__(*exc)

    return _Ctx()


#: A small document of the interchange format: two meetings, two topics,
#: observations, a conclusion with an action and a follow-up, a registry with
#: an item and a link, an organization with attendance, a relation.
SMALL = {
    "format": "cxotrack",
    "version": 1,
    "registries": [{"id": "fg", "title": "Focus Groups"}],
    "items": [
        {
            "registry": "fg",
            "id": "fg-ml5g",
            "title": "FG ML5G",
            "statuses": [{"date": "2017-11", "status": "established"}],
        }
    ],
    "organizations": [
        {"id": "ntt", "name": "NTT", "country": "JP", "region": "asia-pacific", "kind": "operator",
         "sme": False, "developing": False}
    ],
    "meetings": [
        {"id": "m1", "kind": "cto", "date": "2015-10-11", "city": "Budapest", "country": "HU",
         "attendance": [{"organization": "ntt", "role": "cto"}]},
        {"id": "m2", "kind": "cto", "date": "2016-11-13", "city": "Bangkok", "country": "TH"},
    ],
    "topics": [
        {"id": "old-ml", "title": "Machine learning"},
        {"id": "ml", "title": "ML in networks", "aliases": ["AI/ML"],
         "relations": [{"type": "renamed-from", "topic": "old-ml"}],
         "links": [{"registry": "fg", "item": "fg-ml5g", "relation": "led-to"}]},
    ],
    "observations": [
        {"topic": "old-ml", "lifecycle": "cto", "meeting": "m1", "status": "raised", "note": "first raised"},
        {"topic": "ml", "lifecycle": "cto", "meeting": "m2", "status": "prioritized", "note": "a quantum leap"},
    ],
    "conclusions": [
        {"id": "m2/1", "meeting": "m2", "number": "1", "kind": "request", "text": "Study machine learning",
         "topics": ["ml"],
         "actions": [{"id": "m2/1/a", "owner": "SG13", "description": "Create a focus group",
                      "due_meeting": "m2",
                      "followups": [{"meeting": "m2", "status": "in-progress"}]}]}
    ],
}
