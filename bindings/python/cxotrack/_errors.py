"""Exceptions and warnings, mapped from the library's result codes.

Every failure of the C API raises a subclass of :class:`CxoError` carrying the
code (``.code``, e.g. ``-4``; ``.codename``, e.g. ``"CXO_ENOTFOUND"``) and the
library's message (``str(e)``, ``.message``), which names what was wrong and
where. Where a Python built-in exception means the same thing, the class also
derives from it, so that ``except LookupError`` catches a missing record.

A call that did its work with a warning (``CXO_WARNED``) issues a
:class:`CxoWarning` through the :mod:`warnings` module and returns its result.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Dict, Optional, Type

from . import _native


class CxoError(Exception):
    """A failure reported by libcxotrack (the base of every cxotrack error).

    Raised as such for ``CXO_ERROR`` (an error that fits no other code) and for
    codes this binding does not know (a newer library)."""

    #: The result code this class stands for (None: the base class).
    default_code: Optional[int] = _native.ERROR

    def __init__(self, message: str, code: Optional[int] = None) -> None:
        super().__init__(message)
        self.message: str = message
        self.code: int = self.default_code if code is None else code  # type: ignore[assignment]

    @property
    def codename(self) -> str:
        """The C name of the code ("CXO_ENOTFOUND")."""
        return _native.CODE_NAMES.get(self.code, "CXO_%d" % self.code)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return "%s(%r, %s)" % (type(self).__name__, self.message, self.codename)

    def __reduce__(self):  # keep code and message through pickling (multiprocessing)
        return (type(self), (self.message, self.code))


class NoMemoryError(CxoError, MemoryError):
    """CXO_ENOMEM: the library ran out of memory."""

    default_code = _native.ENOMEM


class InvalidError(CxoError, ValueError):
    """CXO_EINVAL: an invalid argument or value (a bad date, id, field, option)."""

    default_code = _native.EINVAL


class NotFoundError(CxoError, LookupError):
    """CXO_ENOTFOUND: the record, the reference or the file does not exist."""

    default_code = _native.ENOTFOUND


class ExistsError(CxoError):
    """CXO_EEXISTS: a record with this key already exists."""

    default_code = _native.EEXISTS


class BusyError(CxoError):
    """CXO_EBUSY: the database stayed locked by another connection past the busy timeout."""

    default_code = _native.EBUSY


class StorageError(CxoError):
    """CXO_ESTORAGE: the storage failed (I/O error, disk full, a corrupt file)."""

    default_code = _native.ESTORAGE


class FormatError(CxoError, ValueError):
    """CXO_EFORMAT: the file is not a cxotrack database, or the document is malformed."""

    default_code = _native.EFORMAT


class VersionError(CxoError):
    """CXO_EVERSION: the database schema (or the document's version) is newer than the library."""

    default_code = _native.EVERSION


class MisuseError(CxoError, ValueError):
    """CXO_EMISUSE: the API was used wrongly (a closed database or cursor, a
    commit without a transaction). A ValueError, like I/O on a closed file."""

    default_code = _native.EMISUSE


class ReadOnlyError(CxoError):
    """CXO_EREADONLY: a write on a read-only database, or on a file that cannot be written."""

    default_code = _native.EREADONLY


class ConstraintError(CxoError):
    """CXO_ECONSTRAINT: refused by a rule of the data model (a record others
    refer to, a transition refused in strict mode, a lineage cycle)."""

    default_code = _native.ECONSTRAINT


class SchemaError(CxoError):
    """CXO_ESCHEMA: the database holds triggers, views or tables the library did not create."""

    default_code = _native.ESCHEMA


class LimitError(CxoError):
    """CXO_ELIMIT: a limit was exceeded (document size, nesting depth, string length)."""

    default_code = _native.ELIMIT


class FileError(CxoError):
    """CXO_EIO: a file outside the database (an import, a backup, an output)
    could not be read or written."""

    default_code = _native.EIO


class CanceledError(CxoError):
    """CXO_ECANCELED: a callback (an import's progress) asked to stop."""

    default_code = _native.ECANCELED


class CxoWarning(UserWarning):
    """A call that did its work with a warning (CXO_WARNED): a transition the
    lifecycle disallows in "warn" mode, an unknown key skipped in a lenient
    import, a lint report that found an error."""


#: The exception class of each error code.
ERROR_CLASSES: Dict[int, Type[CxoError]] = {
    cls.default_code: cls  # type: ignore[misc]
    for cls in (
        CxoError,
        NoMemoryError,
        InvalidError,
        NotFoundError,
        ExistsError,
        BusyError,
        StorageError,
        FormatError,
        VersionError,
        MisuseError,
        ReadOnlyError,
        ConstraintError,
        SchemaError,
        LimitError,
        FileError,
        CanceledError,
    )
}


def error_class(code: int) -> Type[CxoError]:
    """The exception class of a (negative) result code; CxoError for an unknown one."""
    return ERROR_CLASSES.get(code, CxoError)


def last_error(code: int) -> CxoError:
    """The exception for `code`, with the message the library left in this thread."""
    message = _native.lib.cxo_errmsg()
    text = message.decode("utf-8", "replace") if message else ""
    if not text:
        text = _native.lib.cxo_errstr(code).decode("utf-8", "replace")
    return error_class(code)(text, code)


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _stacklevel() -> int:
    """The stacklevel that points a warning at the first frame outside this package."""
    level = 1
    frame = sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _PACKAGE_DIR:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def warn(message: str) -> None:
    """Issue a CxoWarning, attributed to the caller's code."""
    warnings.warn(CxoWarning(message), stacklevel=_stacklevel())


def check(rc: int) -> int:
    """Raise the error of a negative result code; warn for CXO_WARNED (with the
    library's message); return the code otherwise."""
    if rc < 0:
        raise last_error(rc)
    if rc == _native.WARNED:
        message = _native.lib.cxo_errmsg()
        warn(message.decode("utf-8", "replace") if message else "done, with a warning")
    return rc
