"""cxotrack: the ITU-T CTO/CxO meetings tracker, from Python.

A thin binding of libcxotrack (its public C API, include/cxotrack.h) through
ctypes. Records are dicts in the shape of the JSON interchange format
(docs/interchange.md), lists are lists of dicts, reports are dicts (JSON) or
text (Markdown, CSV, HTML)::

    import cxotrack
    with cxotrack.open("cto.db", create=True) as db:
        db.import_files("examples/data/itu-cto-meetings.json")
        history = cxotrack.to_dataframe(db.history("imt-2020", lineage=True))
        report = db.report("tsag", "html", meeting="cxo-2019-dubai")

The C library is found through ``$CXOTRACK_LIBRARY``, else a copy inside this
package, else the soname ``libcxotrack.so.0``.
"""

from ._version import VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH, __version__
from . import _native
from ._errors import (
    BusyError,
    CanceledError,
    ConstraintError,
    CxoError,
    CxoWarning,
    ExistsError,
    FileError,
    FormatError,
    InvalidError,
    LimitError,
    MisuseError,
    NoMemoryError,
    NotFoundError,
    ReadOnlyError,
    SchemaError,
    StorageError,
    VersionError,
    error_class,
)
from ._notebook import HtmlReport, MarkdownReport, to_dataframe
from ._database import FORMATS, KINDS, REPORTS, Cursor, Database, describe, open

#: Where the C library was loaded from.
library_path: str = _native.library_path
#: The version of the C library loaded ("0.1.0").
library_version: str = _native.library_version


def errstr(code: int) -> str:
    """The library's short description of a result code (``errstr(-4)`` is
    "not found")."""
    return _native.lib.cxo_errstr(code).decode("utf-8")


def check_slug(text: str) -> None:
    """Check that `text` is a valid identifier (a slug: lower-case ASCII
    letters, digits and ".-_/", starting with a letter, at most 128 bytes);
    raise InvalidError saying what is wrong otherwise."""
    from ._database import _text
    from ._errors import check

    check(_native.lib.cxo_check_slug(_text(text, "slug")))


def check_date(text: str) -> None:
    """Check that `text` is a date of year, month or day precision ("2011",
    "2012-11", "2013-11-18"); raise InvalidError saying what is wrong
    otherwise."""
    from ._database import _text
    from ._errors import check

    check(_native.lib.cxo_check_date(_text(text, "date")))


# the public classes present themselves as cxotrack.X (tracebacks, reprs, pickles)
for _cls in (Database, Cursor, HtmlReport, MarkdownReport, CxoError, CxoWarning, NoMemoryError, InvalidError,
             NotFoundError, ExistsError, BusyError, StorageError, FormatError, VersionError, MisuseError,
             ReadOnlyError, ConstraintError, SchemaError, LimitError, FileError, CanceledError):
    _cls.__module__ = __name__
del _cls

__all__ = [
    "__version__",
    "VERSION_MAJOR",
    "VERSION_MINOR",
    "VERSION_PATCH",
    "library_path",
    "library_version",
    "open",
    "Database",
    "Cursor",
    "describe",
    "errstr",
    "check_slug",
    "check_date",
    "error_class",
    "to_dataframe",
    "HtmlReport",
    "MarkdownReport",
    "KINDS",
    "REPORTS",
    "FORMATS",
    "CxoError",
    "CxoWarning",
    "NoMemoryError",
    "InvalidError",
    "NotFoundError",
    "ExistsError",
    "BusyError",
    "StorageError",
    "FormatError",
    "VersionError",
    "MisuseError",
    "ReadOnlyError",
    "ConstraintError",
    "SchemaError",
    "LimitError",
    "FileError",
    "CanceledError",
]
