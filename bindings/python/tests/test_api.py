"""The public API as a whole: documented, typed, and exercised by the tests."""

from __future__ import annotations

import glob
import inspect
import os
import re
import unittest

from helpers import HERE

import cxotrack


def public_functions():
    """(qualified name, function) of every public function and method."""
    out = []
    for name in cxotrack.__all__:
        obj = getattr(cxotrack, name)
        if inspect.isfunction(obj):
            out.append((name, obj))
    for cls in (cxotrack.Database, cxotrack.Cursor):
        for name, member in vars(cls).items():
            if name.startswith("_") and name not in ("__init__", "__next__", "__enter__"):
                continue
            if isinstance(member, property):
                out.append(("%s.%s" % (cls.__name__, name), member.fget))
            elif inspect.isfunction(member):
                out.append(("%s.%s" % (cls.__name__, name), member))
    return out


class ApiTest(unittest.TestCase):
    def test_everything_in_all_exists(self):
        for name in cxotrack.__all__:
            self.assertTrue(hasattr(cxotrack, name), name)

    def test_public_functions_have_docstrings_and_type_hints(self):
        for name, fn in public_functions():
            with self.subTest(function=name):
                if name in ("Database.__enter__", "Database.__next__", "Cursor.__enter__", "Cursor.__next__"):
                    continue
                self.assertTrue(inspect.getdoc(fn), "%s has no docstring" % name)
                signature = inspect.signature(fn)
                for param in signature.parameters.values():
                    if param.name == "self":
                        continue
                    self.assertIsNot(param.annotation, inspect.Parameter.empty, "%s(%s) has no type hint"
                                     % (name, param.name))
                self.assertIsNot(signature.return_annotation, inspect.Signature.empty, "%s returns no type hint" % name)

    def test_public_classes_have_docstrings(self):
        for name in cxotrack.__all__:
            obj = getattr(cxotrack, name)
            if inspect.isclass(obj):
                self.assertTrue(obj.__doc__, name)

    def test_every_public_function_is_exercised_by_a_test(self):
        sources = ""
        for path in glob.glob(os.path.join(HERE, "test_*.py")):
            if os.path.basename(path) != "test_api.py":
                with open(path, encoding="utf-8") as f:
                    sources += f.read()
        missing = []
        for name, fn in public_functions():
            short = name.split(".")[-1]
            if short.startswith("__"):
                continue
            pattern = r"(\.%s\b|\"%s\"|\b%s\()" % (re.escape(short), re.escape(short), re.escape(short))
            if not re.search(pattern, sources):
                missing.append(name)
        self.assertEqual(missing, [])


if __name__ == "__main__":
    unittest.main()
