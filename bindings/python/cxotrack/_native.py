"""Every ctypes declaration of the C API (include/cxotrack.h), in one place.

This module loads libcxotrack, checks its version, and declares the
``argtypes`` and ``restype`` of every ``CXO_API`` function, in the header's
order. Nothing else in the package calls into the library except through
``lib`` below, and nothing here knows about the data model.

The library is looked up, in this order:

1. ``$CXOTRACK_LIBRARY``: a path to the shared library (if set, it must load);
2. ``libcxotrack.so.0`` inside this package (a wheel built with the library
   bundled, see the package's README);
3. the soname ``libcxotrack.so.0``, through the dynamic loader (an installed
   library).

A library of another major version than this binding is refused with an
ImportError, as is one that lacks a function the binding declares.

Conventions kept here: handles are typed opaque pointers (``POINTER(cxo_db)``),
so that passing a cursor where a database is expected is an ``ArgumentError``,
not a crash; strings the library returns as owned buffers (``char **out``) come
back as ``c_void_p``, are copied with ``string_at`` and released with
``cxo_free``; borrowed ``const char *`` results are ``c_char_p`` (copied by
ctypes at once).
"""

from __future__ import annotations

import ctypes
import os
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int64,
    c_size_t,
    c_uint,
    c_uint32,
    c_uint64,
    c_void_p,
)
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ._version import VERSION_MAJOR, VERSION_MINOR, __version__

#: The environment variable that names the library to load (first choice).
LIBRARY_ENV = "CXOTRACK_LIBRARY"
#: The library's soname (its major version is the SOVERSION).
SONAME = "libcxotrack.so.%d" % VERSION_MAJOR
#: Where a wheel built with the library bundled holds its copy.
BUNDLED_LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)

# ---- constants of the header ----

# enum cxo_result
OK = 0
DONE = 1
WARNED = 2
ERROR = -1
ENOMEM = -2
EINVAL = -3
ENOTFOUND = -4
EEXISTS = -5
EBUSY = -6
ESTORAGE = -7
EFORMAT = -8
EVERSION = -9
EMISUSE = -10
EREADONLY = -11
ECONSTRAINT = -12
ESCHEMA = -13
ELIMIT = -14
EIO = -15
ECANCELED = -16

#: The C names of the result codes, by value.
CODE_NAMES: Dict[int, str] = {
    OK: "CXO_OK",
    DONE: "CXO_DONE",
    WARNED: "CXO_WARNED",
    ERROR: "CXO_ERROR",
    ENOMEM: "CXO_ENOMEM",
    EINVAL: "CXO_EINVAL",
    ENOTFOUND: "CXO_ENOTFOUND",
    EEXISTS: "CXO_EEXISTS",
    EBUSY: "CXO_EBUSY",
    ESTORAGE: "CXO_ESTORAGE",
    EFORMAT: "CXO_EFORMAT",
    EVERSION: "CXO_EVERSION",
    EMISUSE: "CXO_EMISUSE",
    EREADONLY: "CXO_EREADONLY",
    ECONSTRAINT: "CXO_ECONSTRAINT",
    ESCHEMA: "CXO_ESCHEMA",
    ELIMIT: "CXO_ELIMIT",
    EIO: "CXO_EIO",
    ECANCELED: "CXO_ECANCELED",
}

# enum cxo_open_flags
OPEN_READWRITE = 0x0
OPEN_CREATE = 0x1
OPEN_READONLY = 0x2

# enum cxo_type
TYPE_NULL = 0
TYPE_INT = 1
TYPE_BOOL = 2
TYPE_TEXT = 3
TYPE_ROW = 4
TYPE_LIST = 5

# enum cxo_delete_flags
DELETE_CASCADE = 0x1

# struct cxo_query
QUERY_VERSION = 1
QUERY_LINEAGE = 0x1
QUERY_OPEN = 0x2
QUERY_OVERDUE = 0x4
QUERY_UNLINKED = 0x8

# struct cxo_import_options
IMPORT_OPTIONS_VERSION = 1
IMPORT_REPLACE = 0x1
IMPORT_LENIENT = 0x2
IMPORT_CHECK = 0x4

# struct cxo_export_options
EXPORT_OPTIONS_VERSION = 1

# struct cxo_report_options, enum cxo_report_format
REPORT_OPTIONS_VERSION = 1
FORMAT_JSON = 1
FORMAT_MARKDOWN = 2
FORMAT_CSV = 3
FORMAT_HTML = 4

# ---- types ----


class cxo_db(Structure):
    """Opaque: a database handle."""


class cxo_row(Structure):
    """Opaque: a row (a record, or a list)."""


class cxo_cursor(Structure):
    """Opaque: a query's result."""


class cxo_buffer(Structure):
    """Opaque: an in-memory sink."""


DbP = POINTER(cxo_db)
RowP = POINTER(cxo_row)
CursorP = POINTER(cxo_cursor)
BufferP = POINTER(cxo_buffer)

#: typedef int (*cxo_write_fn)(void *ctx, const void *data, size_t len);
WRITE_FN = CFUNCTYPE(c_int, c_void_p, c_void_p, c_size_t)
#: typedef int (*cxo_progress_fn)(void *ctx, uint64_t done, uint64_t total);
PROGRESS_FN = CFUNCTYPE(c_int, c_void_p, c_uint64, c_uint64)


class cxo_query(Structure):
    """struct cxo_query (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("flags", c_uint32),
        ("as_of", c_char_p),
        ("lifecycle", c_char_p),
        ("kinds", c_char_p),
        ("topic", c_char_p),
        ("meeting", c_char_p),
        ("status", c_char_p),
        ("owner", c_char_p),
        ("registry", c_char_p),
        ("item", c_char_p),
        ("organization", c_char_p),
        ("action", c_char_p),
        ("entity", c_char_p),
        ("key", c_char_p),
        ("since", c_char_p),
    ]


class cxo_import_options(Structure):
    """struct cxo_import_options (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("flags", c_uint32),
        ("name", c_char_p),
        ("progress", PROGRESS_FN),
        ("progress_ctx", c_void_p),
        ("max_size", c_size_t),
        ("max_depth", c_size_t),
        ("max_string", c_size_t),
    ]


class cxo_export_options(Structure):
    """struct cxo_export_options (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("flags", c_uint32),
        ("meeting", c_char_p),
        ("topic", c_char_p),
    ]


class cxo_report_options(Structure):
    """struct cxo_report_options (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("kind", c_int),
        ("format", c_int),
        ("meeting", c_char_p),
        ("from", c_char_p),
        ("to", c_char_p),
        ("as_of", c_char_p),
        ("kinds", c_char_p),
        ("lifecycle", c_char_p),
        ("topics", c_char_p),
        ("stall", c_int),
        ("flags", c_uint32),
    ]


_c_str = c_char_p
_c_strs = POINTER(c_char_p)  # const char *const *
_out_str = POINTER(c_void_p)  # char **out: an owned buffer, freed with cxo_free
_size_p = POINTER(c_size_t)

#: name -> (restype, argtypes), for every CXO_API function, in the header's order.
DECLARATIONS: Dict[str, Tuple[Any, Tuple[Any, ...]]] = {
    # version
    "cxo_version": (c_char_p, ()),
    "cxo_version_number": (c_int, ()),
    # errors
    "cxo_errmsg": (c_char_p, ()),
    "cxo_errcode": (c_int, ()),
    "cxo_errstr": (c_char_p, (c_int,)),
    # memory
    "cxo_free": (None, (c_void_p,)),
    # validators
    "cxo_check_slug": (c_int, (_c_str,)),
    "cxo_check_date": (c_int, (_c_str,)),
    # database handles
    "cxo_db_open": (c_int, (POINTER(DbP), _c_str, c_uint32)),
    "cxo_db_close": (c_int, (DbP,)),
    "cxo_db_set_actor": (c_int, (DbP, _c_str)),
    "cxo_db_actor": (c_char_p, (DbP,)),
    "cxo_db_set_busy_timeout": (c_int, (DbP, c_int)),
    "cxo_db_begin": (c_int, (DbP,)),
    "cxo_db_commit": (c_int, (DbP,)),
    "cxo_db_rollback": (c_int, (DbP,)),
    "cxo_db_backup": (c_int, (DbP, _c_str)),
    # rows
    "cxo_row_new": (c_int, (POINTER(RowP),)),
    "cxo_row_from_json": (c_int, (POINTER(RowP), c_char_p, c_size_t)),
    "cxo_row_to_json": (c_int, (_out_str, _size_p, RowP)),
    "cxo_row_free": (None, (RowP,)),
    "cxo_row_size": (c_size_t, (RowP,)),
    "cxo_row_is_list": (c_int, (RowP,)),
    "cxo_row_name": (c_char_p, (RowP, c_size_t)),
    "cxo_row_index": (c_int64, (RowP, _c_str)),
    "cxo_row_type_at": (c_int, (RowP, c_size_t)),
    "cxo_row_int_at": (c_int64, (RowP, c_size_t)),
    "cxo_row_real_at": (c_double, (RowP, c_size_t)),
    "cxo_row_text_at": (c_char_p, (RowP, c_size_t)),
    "cxo_row_child_at": (RowP, (RowP, c_size_t)),
    "cxo_row_type": (c_int, (RowP, _c_str)),
    "cxo_row_int": (c_int64, (RowP, _c_str)),
    "cxo_row_real": (c_double, (RowP, _c_str)),
    "cxo_row_text": (c_char_p, (RowP, _c_str)),
    "cxo_row_child": (RowP, (RowP, _c_str)),
    "cxo_row_set_text": (c_int, (RowP, _c_str, _c_str)),
    "cxo_row_set_int": (c_int, (RowP, _c_str, c_int64)),
    "cxo_row_set_real": (c_int, (RowP, _c_str, c_double)),
    "cxo_row_set_bool": (c_int, (RowP, _c_str, c_int)),
    "cxo_row_set_null": (c_int, (RowP, _c_str)),
    "cxo_row_set_row": (c_int, (POINTER(RowP), RowP, _c_str)),
    "cxo_row_set_list": (c_int, (POINTER(RowP), RowP, _c_str)),
    # cursors
    "cxo_cursor_next": (c_int, (POINTER(RowP), CursorP)),
    "cxo_cursor_json": (c_int, (_out_str, _size_p, CursorP)),
    "cxo_cursor_free": (None, (CursorP,)),
    # records
    "cxo_kind_name": (c_char_p, (c_int,)),
    "cxo_kind_from_name": (c_int, (_c_str,)),
    "cxo_kind_describe": (c_int, (POINTER(RowP), c_int)),
    "cxo_record_create": (c_int, (DbP, c_int, RowP)),
    "cxo_record_update": (c_int, (DbP, c_int, RowP)),
    "cxo_record_get": (c_int, (POINTER(RowP), DbP, c_int, _c_strs, c_size_t)),
    "cxo_record_delete": (c_int, (DbP, c_int, _c_strs, c_size_t, c_uint32)),
    "cxo_query_init": (c_int, (POINTER(cxo_query), c_uint)),
    "cxo_record_list": (c_int, (POINTER(CursorP), DbP, c_int, POINTER(cxo_query))),
    # topic history
    "cxo_topic_history": (c_int, (POINTER(CursorP), DbP, _c_str, POINTER(cxo_query))),
    "cxo_topic_rename": (c_int, (DbP, _c_str, _c_str, _c_str, _c_str)),
    # sinks
    "cxo_buffer_new": (c_int, (POINTER(BufferP),)),
    "cxo_buffer_write": (c_int, (c_void_p, c_void_p, c_size_t)),
    "cxo_buffer_data": (c_void_p, (BufferP, _size_p)),
    "cxo_buffer_free": (None, (BufferP,)),
    # import and export
    "cxo_import_options_init": (c_int, (POINTER(cxo_import_options), c_uint)),
    "cxo_import_json": (c_int, (POINTER(RowP), DbP, c_char_p, c_size_t, POINTER(cxo_import_options))),
    "cxo_import_buffers": (
        c_int,
        (POINTER(RowP), DbP, _c_strs, _c_strs, _size_p, c_size_t, POINTER(cxo_import_options)),
    ),
    "cxo_import_files": (c_int, (POINTER(RowP), DbP, _c_strs, c_size_t, POINTER(cxo_import_options))),
    "cxo_export_options_init": (c_int, (POINTER(cxo_export_options), c_uint)),
    "cxo_export_json": (c_int, (DbP, POINTER(cxo_export_options), WRITE_FN, c_void_p)),
    # reports
    "cxo_report_options_init": (c_int, (POINTER(cxo_report_options), c_uint)),
    "cxo_report_name": (c_char_p, (c_int,)),
    "cxo_report_from_name": (c_int, (_c_str,)),
    "cxo_format_name": (c_char_p, (c_int,)),
    "cxo_format_from_name": (c_int, (_c_str,)),
    "cxo_report": (c_int, (DbP, POINTER(cxo_report_options), WRITE_FN, c_void_p)),
    # search, audit log
    "cxo_search": (c_int, (POINTER(CursorP), DbP, _c_str, POINTER(cxo_query))),
    "cxo_audit_list": (c_int, (POINTER(CursorP), DbP, POINTER(cxo_query))),
}


# ---- loading ----


def check_version(number: int, text: str, path: str) -> None:
    """Refuse (ImportError) a library whose major version is not the binding's.

    `number` is what cxo_version_number() returned, `text` what cxo_version()
    returned, `path` where the library was found (for the message)."""
    major = number // 10000
    if major != VERSION_MAJOR:
        raise ImportError(
            "cxotrack: the library %s is version %s (major %d), but this binding "
            "(cxotrack %s) needs major version %d; install a libcxotrack %d.x or "
            "point $%s at one" % (path, text, major, __version__, VERSION_MAJOR, VERSION_MAJOR, LIBRARY_ENV)
        )


def _load() -> Tuple[ctypes.CDLL, str]:
    env = os.environ.get(LIBRARY_ENV)
    if env:
        try:
            return ctypes.CDLL(env), env
        except OSError as e:
            raise ImportError("cxotrack: $%s is %r, which cannot be loaded: %s" % (LIBRARY_ENV, env, e)) from e
    if os.path.exists(BUNDLED_LIBRARY):
        try:
            return ctypes.CDLL(BUNDLED_LIBRARY), BUNDLED_LIBRARY
        except OSError as e:
            raise ImportError("cxotrack: the library bundled in the package, %s, cannot be loaded: %s"
                              % (BUNDLED_LIBRARY, e)) from e
    try:
        return ctypes.CDLL(SONAME), SONAME
    except OSError as e:
        raise ImportError(
            "cxotrack: cannot find the C library %s: $%s is not set, the package holds no copy of it (%s), "
            "and the dynamic loader cannot find it (%s). Install libcxotrack (cmake --install), or set "
            "$%s to the path of libcxotrack.so.0" % (SONAME, LIBRARY_ENV, BUNDLED_LIBRARY, e, LIBRARY_ENV)
        ) from e


def _declare(library: ctypes.CDLL, path: str) -> None:
    for name, (restype, argtypes) in DECLARATIONS.items():
        try:
            fn = getattr(library, name)
        except AttributeError:
            raise ImportError(
                "cxotrack: the library %s (version %s) has no function %s, which this binding "
                "(cxotrack %s, for the C API %d.%d) uses; install libcxotrack %d.%d or later"
                % (path, library_version, name, __version__, VERSION_MAJOR, VERSION_MINOR, VERSION_MAJOR,
                   VERSION_MINOR)
            ) from None
        fn.restype = restype
        fn.argtypes = argtypes


lib, library_path = _load()
lib.cxo_version.restype = c_char_p
lib.cxo_version.argtypes = ()
lib.cxo_version_number.restype = c_int
lib.cxo_version_number.argtypes = ()
#: The version of the library loaded, as text ("0.1.0").
library_version: str = lib.cxo_version().decode("ascii", "replace")
#: The version of the library loaded, as one number (major * 10000 + minor * 100 + patch).
library_version_number: int = lib.cxo_version_number()
check_version(library_version_number, library_version, library_path)
_declare(lib, library_path)

#: cxo_buffer_write as a cxo_write_fn, to pass to cxo_report and cxo_export_json.
BUFFER_WRITE = WRITE_FN(ctypes.cast(lib.cxo_buffer_write, c_void_p).value)


# ---- small helpers over the declarations ----


def take_string(ptr: c_void_p, length: Optional[int] = None) -> bytes:
    """Copy an owned buffer the library returned, then cxo_free it."""
    if not ptr.value:
        return b""
    try:
        return ctypes.string_at(ptr.value, length) if length is not None else ctypes.string_at(ptr.value)
    finally:
        lib.cxo_free(ptr)


def row_to_json(row: Any) -> Tuple[int, bytes]:
    """A row as JSON text (cxo_row_to_json): (the result code, the text)."""
    out = c_void_p()
    n = c_size_t()
    rc = lib.cxo_row_to_json(ctypes.byref(out), ctypes.byref(n), row)
    if rc != OK:
        return rc, b""
    return OK, take_string(out, n.value)


def string_array(items: Sequence[bytes]) -> Any:
    """A C array of `const char *` holding `items` (kept alive by the array)."""
    array = (c_char_p * max(len(items), 1))()
    for i, item in enumerate(items):
        array[i] = item
    return array


def buffer_contents(buffer: Any) -> bytes:
    """The bytes in a cxo_buffer (copied)."""
    n = c_size_t()
    data = lib.cxo_buffer_data(buffer, ctypes.byref(n))
    return ctypes.string_at(data, n.value) if n.value else b""


def names(fn: Any) -> List[str]:
    """Every name a `const char *name(int)` function of the library gives,
    from 1 up to the first NULL (kinds, reports, formats)."""
    out = []
    i = 1
    while True:
        name = fn(i)
        if name is None:
            return out
        out.append(name.decode("ascii"))
        i += 1
