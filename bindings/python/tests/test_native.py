"""The ctypes layer against the header: every CXO_API function declared, with
the right argument and result types; the version checks; how the library is
found; the functions that the Pythonic layer reaches only through JSON (rows,
buffers), called directly."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint, c_uint32, c_void_p

import helpers
from helpers import HEADER, PACKAGE_ROOT, SOURCE, TempDirTest

import cxotrack
from cxotrack import _native

lib = _native.lib


def header_functions():
    """{name: (return type, [parameter types])} of every CXO_API function of the header."""
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    out = {}
    for m in re.finditer(r"\bCXO_API\s+([^;(]*?)\b(cxo_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
        ret, name, params = " ".join(m.group(1).split()), m.group(2), " ".join(m.group(3).split())
        types = []
        if params != "void":
            for param in params.split(","):
                param = param.strip()
                pm = re.match(r"^(.*?)\s*\b(\w+)$", param)
                assert pm, "cannot parse parameter %r of %s" % (param, name)
                types.append(normalize(pm.group(1)))
        out[name] = (normalize(ret), types)
    return out


def normalize(ctype: str) -> str:
    ctype = re.sub(r"\s*\*\s*", " * ", ctype)
    return " ".join(ctype.split())


STRUCTS = {
    "cxo_db": _native.cxo_db,
    "cxo_row": _native.cxo_row,
    "cxo_cursor": _native.cxo_cursor,
    "cxo_buffer": _native.cxo_buffer,
    "cxo_query": _native.cxo_query,
    "cxo_import_options": _native.cxo_import_options,
    "cxo_export_options": _native.cxo_export_options,
    "cxo_report_options": _native.cxo_report_options,
}
SCALARS = {
    "int": c_int,
    "unsigned int": c_uint,
    "uint32_t": c_uint32,
    "size_t": c_size_t,
    "int64_t": c_int64,
    "double": c_double,
    "cxo_kind": c_int,  # an enum passed by value: an int in the C ABI
    "cxo_write_fn": _native.WRITE_FN,
}


def expected_arg(ctype: str):
    """The ctypes type a C parameter type must be declared with."""
    if ctype in SCALARS:
        return SCALARS[ctype]
    special = {
        "const char *": c_char_p,  # a string in
        "char * *": POINTER(c_void_p),  # an owned buffer out, freed with cxo_free
        "const char * const *": POINTER(c_char_p),  # an array of strings in
        "void *": c_void_p,
        "const void *": c_void_p,
        "size_t *": POINTER(c_size_t),
        "const size_t *": POINTER(c_size_t),
    }
    if ctype in special:
        return special[ctype]
    m = re.match(r"^(?:const )?(cxo_\w+) (\*(?: \*)?)$", ctype)
    if m and m.group(1) in STRUCTS:
        t = POINTER(STRUCTS[m.group(1)])
        return POINTER(t) if m.group(2) == "* *" else t
    raise AssertionError("the test does not know the C type %r: add it to expected_arg()" % ctype)


def expected_result(ctype: str):
    """The ctypes types a C result type may be declared with."""
    if ctype == "void":
        return (None,)
    if ctype == "const char *":
        return (c_char_p, c_void_p)  # borrowed text: copied by ctypes, or read with its length
    if ctype in SCALARS:
        return (SCALARS[ctype],)
    return (expected_arg(ctype),)


class DeclarationsTest(unittest.TestCase):
    def test_the_header_parses(self):
        functions = header_functions()
        # a sanity check of the parser on functions we know
        self.assertEqual(functions["cxo_version"], ("const char *", []))
        self.assertEqual(functions["cxo_record_get"][1],
                         ["cxo_row * *", "cxo_db *", "cxo_kind", "const char * const *", "size_t"])
        self.assertEqual(functions["cxo_row_child_at"], ("const cxo_row *", ["const cxo_row *", "size_t"]))
        with open(os.path.join(SOURCE, "abi", "symbols.txt"), encoding="utf-8") as f:
            exported = {line.strip() for line in f if line.strip().startswith("cxo_")}
        self.assertEqual(set(functions), exported)

    def test_every_function_of_the_header_is_declared(self):
        functions = header_functions()
        self.assertEqual(sorted(set(functions) - set(_native.DECLARATIONS)), [], "declared nowhere")
        self.assertEqual(sorted(set(_native.DECLARATIONS) - set(functions)), [], "declared, not in the header")

    def test_argument_types_match(self):
        for name, (ret, params) in header_functions().items():
            with self.subTest(function=name):
                fn = getattr(lib, name)
                self.assertIsNotNone(fn.argtypes, "%s has no argtypes" % name)
                self.assertEqual(len(fn.argtypes), len(params), "%s: argument count" % name)
                for i, (ctype, declared) in enumerate(zip(params, fn.argtypes)):
                    self.assertIs(declared, expected_arg(ctype), "%s: argument %d (%s)" % (name, i + 1, ctype))

    def test_result_types_match(self):
        for name, (ret, params) in header_functions().items():
            with self.subTest(function=name):
                self.assertIn(getattr(lib, name).restype, expected_result(ret), "%s: result (%s)" % (name, ret))

    def test_the_declarations_are_those_of_the_table(self):
        for name, (restype, argtypes) in _native.DECLARATIONS.items():
            fn = getattr(lib, name)
            self.assertIs(fn.restype, restype)
            self.assertEqual(tuple(fn.argtypes), tuple(argtypes))

    def test_option_structs_match_the_header(self):
        with open(HEADER, encoding="utf-8") as f:
            text = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
        for struct in ("cxo_query", "cxo_import_options", "cxo_export_options", "cxo_report_options"):
            with self.subTest(struct=struct):
                m = re.search(r"typedef struct %s \{(.*?)\} %s;" % (struct, struct), text, re.S)
                self.assertIsNotNone(m)
                members = [re.match(r".*?(\w+)$", d.strip()).group(1) for d in m.group(1).split(";") if d.strip()]
                self.assertEqual([f[0] for f in STRUCTS[struct]._fields_], members)

    def test_constants_match_the_header(self):
        with open(HEADER, encoding="utf-8") as f:
            text = f.read()
        values = {name: int(value, 0) for name, value in re.findall(r"\b(CXO_[A-Z_]+) = (-?(?:0x)?[0-9A-Fa-f]+)", text)}
        values.update({name: int(value) for name, value in
                       re.findall(r"#define (CXO_\w+_VERSION) (\d+)", text)})
        checked = 0
        for name, value in values.items():
            attr = name[len("CXO_"):]
            if hasattr(_native, attr):
                self.assertEqual(getattr(_native, attr), value, name)
                checked += 1
        self.assertGreaterEqual(checked, 40)
        self.assertEqual(_native.CODE_NAMES[_native.ECANCELED], "CXO_ECANCELED")
        for name, value in values.items():
            if re.match(r"CXO_(OK|DONE|WARNED|E[A-Z]+|ERROR)$", name):
                self.assertEqual(_native.CODE_NAMES[value], name)


def import_cxotrack(cwd, library, pythonpath=PACKAGE_ROOT, env_extra=None):
    """Import cxotrack in a new interpreter with only `library` in $CXOTRACK_LIBRARY; print library_path."""
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONDONTWRITEBYTECODE="1")
    env.pop("CXOTRACK_LIBRARY", None)
    if library is not None:
        env["CXOTRACK_LIBRARY"] = library
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", "import cxotrack; print(cxotrack.library_path)"],
                          env=env, capture_output=True, text=True, cwd=cwd)


class VersionTest(TempDirTest):
    def header_version(self):
        with open(HEADER, encoding="utf-8") as f:
            text = f.read()
        parts = [int(re.search(r"#define CXO_VERSION_%s (\d+)" % p, text).group(1)) for p in ("MAJOR", "MINOR", "PATCH")]
        string = re.search(r'#define CXO_VERSION_STRING "([^"]+)"', text).group(1)
        return parts, string

    def test_the_version_is_the_headers_and_cmakes(self):
        parts, string = self.header_version()
        self.assertEqual([cxotrack.VERSION_MAJOR, cxotrack.VERSION_MINOR, cxotrack.VERSION_PATCH], parts)
        self.assertEqual(cxotrack.__version__, string)
        with open(os.path.join(SOURCE, "CMakeLists.txt"), encoding="utf-8") as f:
            cmake = re.search(r"project\(cxotrack VERSION (\S+)", f.read()).group(1)
        self.assertEqual(cmake, string)

    def test_the_library_loaded_is_this_trees(self):
        parts, string = self.header_version()
        self.assertEqual(cxotrack.library_version, string)
        self.assertEqual(_native.library_version_number, parts[0] * 10000 + parts[1] * 100 + parts[2])
        self.assertEqual(lib.cxo_version_number(), _native.library_version_number)

    def test_check_version_refuses_another_major(self):
        _native.check_version(cxotrack.VERSION_MAJOR * 10000 + 99 * 100 + 9, "x", "/lib.so")  # same major: fine
        with self.assertRaises(ImportError) as cm:
            _native.check_version((cxotrack.VERSION_MAJOR + 1) * 10000, "%d.0.0" % (cxotrack.VERSION_MAJOR + 1),
                                  "/some/libcxotrack.so.9")
        self.assertEqual(
            str(cm.exception),
            "cxotrack: the library /some/libcxotrack.so.9 is version %d.0.0 (major %d), but this binding "
            "(cxotrack %s) needs major version %d; install a libcxotrack %d.x or point $CXOTRACK_LIBRARY at one"
            % (cxotrack.VERSION_MAJOR + 1, cxotrack.VERSION_MAJOR + 1, cxotrack.__version__,
               cxotrack.VERSION_MAJOR, cxotrack.VERSION_MAJOR))

    def stub_library(self, version: str, number: int) -> str:
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler to build a stub library")
        src = self.path("stub.c")
        with open(src, "w") as f:
            f.write('const char *cxo_version(void) { return "%s"; }\n'
                    'int cxo_version_number(void) { return %d; }\n' % (version, number))
        out = self.path("libstub-%d.so" % number)
        subprocess.run([cc, "-shared", "-fPIC", "-o", out, src], check=True)
        return out

    def test_a_library_of_another_major_version_is_refused_at_import(self):
        major = cxotrack.VERSION_MAJOR + 1
        stub = self.stub_library("%d.0.0" % major, major * 10000)
        run = import_cxotrack(self.dir, stub)
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn("ImportError: cxotrack: the library %s is version %d.0.0 (major %d), but this binding "
                      "(cxotrack %s) needs major version %d" % (stub, major, major, cxotrack.__version__,
                                                                  cxotrack.VERSION_MAJOR), run.stderr)

    def test_a_library_lacking_a_function_is_refused_at_import(self):
        stub = self.stub_library("%d.0.0" % cxotrack.VERSION_MAJOR, cxotrack.VERSION_MAJOR * 10000)
        run = import_cxotrack(self.dir, stub)
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn("ImportError: cxotrack: the library %s (version %d.0.0) has no function cxo_errmsg, "
                      "which this binding (cxotrack %s, for the C API %d.%d) uses"
                      % (stub, cxotrack.VERSION_MAJOR, cxotrack.__version__, cxotrack.VERSION_MAJOR,
                         cxotrack.VERSION_MINOR), run.stderr)


class LookupTest(TempDirTest):
    """The order in which the library is looked up: $CXOTRACK_LIBRARY, the
    copy in the package, the soname."""

    def package_copy(self, bundle: bool) -> str:
        """A copy of the package in the test's directory, with the library in it or not."""
        root = self.path("site")
        shutil.copytree(os.path.join(PACKAGE_ROOT, "cxotrack"), os.path.join(root, "cxotrack"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
        if bundle:
            shutil.copyfile(helpers.LIBRARY, os.path.join(root, "cxotrack", _native.SONAME))
        return root

    def test_the_environment_variable_comes_first(self):
        root = self.package_copy(bundle=True)
        run = import_cxotrack(self.dir, helpers.LIBRARY, pythonpath=root)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.strip(), helpers.LIBRARY)

    def test_a_bad_environment_variable_is_an_error_not_a_fallback(self):
        root = self.package_copy(bundle=True)
        missing = self.path("nowhere/libcxotrack.so.0")
        run = import_cxotrack(self.dir, missing, pythonpath=root)
        self.assertEqual(run.returncode, 1)
        self.assertIn("ImportError: cxotrack: $CXOTRACK_LIBRARY is %r, which cannot be loaded: " % missing,
                      run.stderr)

    def test_the_copy_in_the_package_comes_second(self):
        root = self.package_copy(bundle=True)
        run = import_cxotrack(self.dir, None, pythonpath=root)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.strip(), os.path.join(root, "cxotrack", _native.SONAME))

    def test_the_soname_comes_last(self):
        root = self.package_copy(bundle=False)
        # a directory the dynamic loader searches, holding the library under its soname
        libdir = self.path("lib")
        os.mkdir(libdir)
        shutil.copyfile(helpers.LIBRARY, os.path.join(libdir, _native.SONAME))
        run = import_cxotrack(self.dir, None, pythonpath=root, env_extra={"LD_LIBRARY_PATH": libdir})
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.strip(), _native.SONAME)

    def test_no_library_anywhere_says_what_was_tried(self):
        root = self.package_copy(bundle=False)
        # (not in this process, which has loaded the library already: dlopen
        # would find it by its soname)
        probe = subprocess.run([sys.executable, "-c", "import ctypes; ctypes.CDLL(%r)" % _native.SONAME],
                               capture_output=True)
        if probe.returncode == 0:
            self.skipTest("libcxotrack.so.0 is installed: the loader finds it")
        run = import_cxotrack(self.dir, None, pythonpath=root)
        self.assertEqual(run.returncode, 1)
        self.assertIn("ImportError: cxotrack: cannot find the C library libcxotrack.so.0: $CXOTRACK_LIBRARY is "
                      "not set, the package holds no copy of it (%s), and the dynamic loader cannot find it ("
                      % os.path.join(root, "cxotrack", _native.SONAME), run.stderr)
        self.assertIn("Install libcxotrack (cmake --install), or set $CXOTRACK_LIBRARY", run.stderr)


class RawCallsTest(unittest.TestCase):
    """The functions the Pythonic layer reaches only through JSON, called as
    declared: a wrong declaration (a truncated int64, a wrong pointer) shows."""

    def test_rows_through_their_getters_and_setters(self):
        row = _native.RowP()
        self.assertEqual(lib.cxo_row_new(byref(row)), 0)
        try:
            big = 2 ** 40 + 7
            self.assertEqual(lib.cxo_row_set_text(row, b"id", "caf\u00e9".encode()), 0)
            self.assertEqual(lib.cxo_row_set_int(row, b"n", big), 0)
            self.assertEqual(lib.cxo_row_set_int(row, b"neg", -big), 0)
            self.assertEqual(lib.cxo_row_set_bool(row, b"flag", 7), 0)
            self.assertEqual(lib.cxo_row_set_null(row, b"nothing"), 0)
            child = _native.RowP()
            self.assertEqual(lib.cxo_row_set_row(byref(child), row, b"nested"), 0)
            self.assertEqual(lib.cxo_row_set_text(child, b"ref", b"TD101"), 0)
            items = _native.RowP()
            self.assertEqual(lib.cxo_row_set_list(byref(items), row, b"tags"), 0)
            self.assertEqual(lib.cxo_row_set_text(items, None, b"a"), 0)
            self.assertEqual(lib.cxo_row_set_int(items, None, 2), 0)

            self.assertEqual(lib.cxo_row_size(row), 7)
            self.assertEqual(lib.cxo_row_is_list(row), 0)
            self.assertEqual(lib.cxo_row_is_list(items), 1)
            self.assertEqual(lib.cxo_row_name(row, 1), b"n")
            self.assertIsNone(lib.cxo_row_name(items, 0))
            self.assertIsNone(lib.cxo_row_name(row, 99))
            self.assertEqual(lib.cxo_row_index(row, b"tags"), 6)
            self.assertEqual(lib.cxo_row_index(row, b"absent"), -1)
            self.assertEqual([lib.cxo_row_type_at(row, i) for i in range(8)],
                             [_native.TYPE_TEXT, _native.TYPE_INT, _native.TYPE_INT, _native.TYPE_BOOL,
                              _native.TYPE_NULL, _native.TYPE_ROW, _native.TYPE_LIST, _native.TYPE_NULL])
            self.assertEqual(lib.cxo_row_int_at(row, 1), big)
            self.assertEqual(lib.cxo_row_int_at(row, 2), -big)
            self.assertEqual(lib.cxo_row_int_at(row, 3), 1)
            self.assertEqual(lib.cxo_row_text_at(row, 0), "caf\u00e9".encode())
            self.assertIsNone(lib.cxo_row_text_at(row, 1))
            nested = lib.cxo_row_child_at(row, 5)
            self.assertEqual(lib.cxo_row_text(nested, b"ref"), b"TD101")
            self.assertFalse(lib.cxo_row_child_at(row, 0))
            self.assertEqual(lib.cxo_row_type(row, b"flag"), _native.TYPE_BOOL)
            self.assertEqual(lib.cxo_row_type(row, b"absent"), _native.TYPE_NULL)
            self.assertEqual(lib.cxo_row_int(row, b"n"), big)
            self.assertEqual(lib.cxo_row_text(row, b"id"), "caf\u00e9".encode())
            tags = lib.cxo_row_child(row, b"tags")
            self.assertEqual(lib.cxo_row_size(tags), 2)
            self.assertEqual(lib.cxo_row_int_at(tags, 1), 2)

            rc, data = _native.row_to_json(row)
            self.assertEqual(rc, 0)
            self.assertEqual(json.loads(data), {"id": "caf\u00e9", "n": big, "neg": -big, "flag": True,
                                                "nothing": None, "nested": {"ref": "TD101"}, "tags": ["a", 2]})
            # and back through cxo_row_from_json
            again = _native.RowP()
            self.assertEqual(lib.cxo_row_from_json(byref(again), data, len(data)), 0)
            try:
                self.assertEqual(_native.row_to_json(again), (0, data))
            finally:
                lib.cxo_row_free(again)
        finally:
            lib.cxo_row_free(row)
        lib.cxo_row_free(None)  # NULL is fine
        self.assertEqual(lib.cxo_row_size(None), 0)

    def test_row_from_json_refuses_what_is_not_an_object(self):
        row = _native.RowP()
        self.assertEqual(lib.cxo_row_from_json(byref(row), b"[1]", 3), _native.EFORMAT)
        self.assertFalse(row)
        self.assertEqual(lib.cxo_errcode(), _native.EFORMAT)
        self.assertTrue(lib.cxo_errmsg())

    def test_buffers(self):
        buf = _native.BufferP()
        self.assertEqual(lib.cxo_buffer_new(byref(buf)), 0)
        try:
            self.assertEqual(_native.buffer_contents(buf), b"")
            data = b"abc\0def"
            self.assertEqual(lib.cxo_buffer_write(ctypes.cast(buf, c_void_p), data, len(data)), 0)
            self.assertEqual(_native.BUFFER_WRITE(ctypes.cast(buf, c_void_p).value, b"!", 1), 0)
            self.assertEqual(_native.buffer_contents(buf), b"abc\0def!")
            n = c_size_t()
            self.assertEqual(ctypes.string_at(lib.cxo_buffer_data(buf, byref(n))), b"abc")
            self.assertEqual(n.value, 8)
        finally:
            lib.cxo_buffer_free(buf)
        lib.cxo_buffer_free(None)

    def test_errors_free_and_names(self):
        self.assertEqual(lib.cxo_check_slug(b"Not A Slug"), _native.EINVAL)
        self.assertEqual(lib.cxo_errcode(), _native.EINVAL)
        self.assertIn(b"Not A Slug", lib.cxo_errmsg())
        self.assertEqual(lib.cxo_errstr(_native.ENOTFOUND), b"not found")
        self.assertEqual(lib.cxo_check_date(b"2013-11-18"), 0)
        lib.cxo_free(None)
        self.assertEqual(lib.cxo_kind_name(1), b"meeting")
        self.assertEqual(lib.cxo_kind_from_name(b"meetings"), 1)
        self.assertEqual(lib.cxo_report_name(1), b"tsag")
        self.assertEqual(lib.cxo_report_from_name(b"lint"), 9)
        self.assertEqual(lib.cxo_format_name(_native.FORMAT_MARKDOWN), b"md")
        self.assertEqual(lib.cxo_format_from_name(b"markdown"), _native.FORMAT_MARKDOWN)
        self.assertIsNone(lib.cxo_kind_name(0))
        self.assertEqual(_native.names(lib.cxo_format_name), ["json", "md", "csv", "html"])

    def test_options_init_fill_the_structs(self):
        q = _native.cxo_query()
        q.flags = 99
        self.assertEqual(lib.cxo_query_init(byref(q), _native.QUERY_VERSION), 0)
        self.assertEqual((q.version, q.flags, q.as_of, q.since), (_native.QUERY_VERSION, 0, None, None))
        r = _native.cxo_report_options()
        self.assertEqual(lib.cxo_report_options_init(byref(r), _native.REPORT_OPTIONS_VERSION), 0)
        self.assertEqual((r.version, r.format, r.stall), (_native.REPORT_OPTIONS_VERSION, _native.FORMAT_JSON, 0))
        i = _native.cxo_import_options()
        self.assertEqual(lib.cxo_import_options_init(byref(i), _native.IMPORT_OPTIONS_VERSION), 0)
        self.assertEqual((i.version, i.flags, i.max_size), (_native.IMPORT_OPTIONS_VERSION, 0, 0))
        e = _native.cxo_export_options()
        self.assertEqual(lib.cxo_export_options_init(byref(e), _native.EXPORT_OPTIONS_VERSION), 0)
        self.assertEqual((e.version, e.meeting, e.topic), (_native.EXPORT_OPTIONS_VERSION, None, None))
        self.assertEqual(lib.cxo_query_init(byref(q), 99), _native.EVERSION)

    def test_a_handle_of_the_wrong_type_is_refused_by_ctypes(self):
        cur = _native.CursorP()
        with self.assertRaises(ctypes.ArgumentError):
            lib.cxo_db_close(cur)


if __name__ == "__main__":
    unittest.main()
