"""The Pythonic layer: Database, Cursor and open().

A thin translation of the C API: records go in and come out as plain dicts in
the shape of the interchange format (docs/interchange.md), crossing the
boundary as JSON (cxo_row_from_json, cxo_row_to_json, cxo_cursor_json); lists
are lists of dicts; reports are dicts (JSON) or text. There is no SQL here and
no knowledge of the data model beyond the names of the query options.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import io
import json
import os
import threading
import weakref
from ctypes import byref, c_size_t, c_void_p
from typing import (
    IO,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    overload,
)

from . import _native
from ._errors import CanceledError, CxoError, InvalidError, MisuseError, check, last_error, warn
from ._notebook import HtmlReport, MarkdownReport, matrix_table

lib = _native.lib

PathLike = Union[str, "os.PathLike[str]"]
Kinds = Union[str, Sequence[str], None]
Row = Dict[str, Any]

#: The query options that take text, as named in struct cxo_query.
QUERY_TEXT_OPTIONS = (
    "as_of",
    "lifecycle",
    "kinds",
    "topic",
    "meeting",
    "status",
    "owner",
    "registry",
    "item",
    "organization",
    "action",
    "entity",
    "key",
    "since",
)
#: The query flags, as keyword arguments (bool) -> CXO_QUERY_* flag.
QUERY_FLAGS = {
    "lineage": _native.QUERY_LINEAGE,
    "open": _native.QUERY_OPEN,
    "overdue": _native.QUERY_OVERDUE,
    "unlinked": _native.QUERY_UNLINKED,
}

# ---- names the library knows ----

#: The kinds of records, by their interchange names ("meeting", "topic"...).
KINDS: Tuple[str, ...] = tuple(_native.names(lib.cxo_kind_name))
#: The reports ("tsag", "followup"...).
REPORTS: Tuple[str, ...] = tuple(_native.names(lib.cxo_report_name))
#: The report formats ("json", "md", "csv", "html"; "markdown" is also accepted).
FORMATS: Tuple[str, ...] = tuple(_native.names(lib.cxo_format_name))


# ---- translating arguments ----


def _text(value: Any, what: str) -> Optional[bytes]:
    """A str argument as UTF-8 for a `const char *` (None stays NULL)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise InvalidError("%s: %r contains a NUL character" % (what, value))
    return _utf8(value, what)


def _utf8(text: str, what: str) -> bytes:
    """`text` as UTF-8; a lone surrogate (text decoded with surrogateescape, a
    broken JSON escape) cannot be, and is refused like invalid UTF-8."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidError("%s: invalid UTF-8: %r at position %d is a lone surrogate"
                           % (what, text[e.start:e.end], e.start)) from None


def _path(value: Any, what: str = "path") -> bytes:
    """A file path argument (str, bytes or os.PathLike) as bytes."""
    try:
        path = os.fsencode(value)
    except TypeError:
        raise TypeError("%s must be a str, bytes or os.PathLike, not %s" % (what, type(value).__name__)) from None
    if b"\0" in path:
        raise InvalidError("%s: %r contains a NUL character" % (what, value))
    return path


def _kinds(value: Kinds, what: str = "kinds") -> Optional[str]:
    """Tracked meeting kinds: "cto,cxo" or ["cto", "cxo"]."""
    if value is None or isinstance(value, str):
        return value
    try:
        return ",".join(value)
    except TypeError:
        raise TypeError("%s must be a str or a sequence of str" % what) from None


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError("a %s cannot go into a record (use str, int, bool, None, dict or list)" % type(value).__name__)


def _dumps(value: Any, what: str) -> bytes:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError as e:  # NaN, infinity, circular references
        raise InvalidError("%s: %s" % (what, e)) from None
    return _utf8(text, what)


def _loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))


def kind_code(kind: str) -> int:
    """The C code of a kind of record, by its name or plural ("meeting", "meetings")."""
    if not isinstance(kind, str):
        raise TypeError("kind must be a str, not %s" % type(kind).__name__)
    code = lib.cxo_kind_from_name(_text(kind, "kind"))
    if not code:
        raise InvalidError("unknown kind of record %r (kinds: %s)" % (kind, ", ".join(KINDS)))
    return code


def _report_code(kind: str) -> int:
    if not isinstance(kind, str):
        raise TypeError("report kind must be a str, not %s" % type(kind).__name__)
    code = lib.cxo_report_from_name(_text(kind, "report"))
    if not code:
        raise InvalidError("unknown report %r (reports: %s)" % (kind, ", ".join(REPORTS)))
    return code


def _format_code(fmt: str) -> int:
    if not isinstance(fmt, str):
        raise TypeError("format must be a str, not %s" % type(fmt).__name__)
    code = lib.cxo_format_from_name(_text(fmt, "format"))
    if not code:
        raise InvalidError("unknown report format %r (formats: %s, markdown)" % (fmt, ", ".join(FORMATS)))
    return code


def _new_row(value: Mapping[str, Any], what: str) -> Any:
    """A new cxo_row from a dict (through cxo_row_from_json); free it with cxo_row_free."""
    if not isinstance(value, Mapping):
        raise TypeError("%s must be a dict, not %s" % (what, type(value).__name__))
    data = _dumps(dict(value), what)
    row = _native.RowP()
    check(lib.cxo_row_from_json(byref(row), data, len(data)))
    return row


def _take_row(row: Any) -> Any:
    """A row the caller owns, as a dict, then freed."""
    try:
        rc, data = _native.row_to_json(row)
        check(rc)
        return _loads(data)
    finally:
        lib.cxo_row_free(row)


def _query(options: Mapping[str, Any]) -> _native.cxo_query:
    """A struct cxo_query from keyword arguments (None: not given)."""
    q = _native.cxo_query()
    check(lib.cxo_query_init(byref(q), _native.QUERY_VERSION))
    for name, value in options.items():
        if name not in QUERY_TEXT_OPTIONS and name not in QUERY_FLAGS:
            raise TypeError("unknown query option %r (options: %s)"
                            % (name, ", ".join(QUERY_TEXT_OPTIONS + tuple(QUERY_FLAGS))))
        if name in QUERY_FLAGS:
            if value:
                q.flags |= QUERY_FLAGS[name]
        else:
            if name == "kinds":
                value = _kinds(value)
            setattr(q, name, _text(value, name))
    return q


# ---- handles ----


def _close_db(handle: Any, lock: threading.RLock) -> int:
    with lock:
        return lib.cxo_db_close(handle)


def _free_cursor(handle: Any, lock: threading.RLock) -> None:
    with lock:
        lib.cxo_cursor_free(handle)


class Cursor:
    """The rows of a query, read one at a time (an iterator of dicts).

    Also a context manager. A cursor keeps its database's native handle alive
    until it is closed, exhausted or garbage-collected; closing the database
    first is safe. Use a cursor in one thread at a time, like its database."""

    def __init__(self, db: "Database", handle: Any) -> None:
        self._db = db.path
        self._lock = db._lock
        self._handle = handle
        self._finalizer = weakref.finalize(self, _free_cursor, handle, db._lock)
        self._exhausted = False

    @property
    def closed(self) -> bool:
        """Whether the native cursor has been freed (closed, exhausted or collected)."""
        return not self._finalizer.alive

    def close(self) -> None:
        """Free the native cursor. Closing twice is fine."""
        self._finalizer()

    def __enter__(self) -> "Cursor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __iter__(self) -> "Cursor":
        return self

    def _live(self) -> Any:
        if not self._finalizer.alive:
            raise MisuseError("the cursor (of database %r) is closed" % self._db, _native.EMISUSE)
        return self._handle

    def __next__(self) -> Row:
        if self._exhausted:
            raise StopIteration
        with self._lock:
            handle = self._live()
            row = _native.RowP()
            rc = lib.cxo_cursor_next(byref(row), handle)
            if rc == _native.OK:
                rc, data = _native.row_to_json(row)
        if rc == _native.DONE:
            self._exhausted = True
            self.close()
            raise StopIteration
        check(rc)
        return _loads(data)

    def fetchall(self) -> List[Row]:
        """Every row not yet read, as a list of dicts (one call to the library:
        cxo_cursor_json); the cursor is then exhausted and closed."""
        if self._exhausted:
            return []
        with self._lock:
            handle = self._live()
            out = c_void_p()
            n = c_size_t()
            rc = lib.cxo_cursor_json(byref(out), byref(n), handle)
            if rc == _native.OK:
                data = _native.take_string(out, n.value)
        check(rc)
        self._exhausted = True
        self.close()
        return _loads(data)

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return "<cxotrack.Cursor of %r, %s>" % (self._db, state)


class Database:
    """A cxotrack database (one SQLite file), opened with :func:`cxotrack.open`.

    A context manager: ``with cxotrack.open(path) as db:`` closes it at the
    end. The native handle is also released when the object is
    garbage-collected. Every method of a closed database raises
    :class:`MisuseError`. One Database may be shared by threads (calls are
    serialized); threads that want to work at the same time open a Database
    each.

    Records are dicts in the shape of the interchange format
    (docs/interchange.md); kinds are named as there: ``"meeting"``,
    ``"topic"``, ``"lifecycle"``, ``"observation"``, ``"conclusion"``,
    ``"action"``, ``"followup"``, ``"registry"``, ``"item"``, ``"link"``,
    ``"relation"``, ``"organization"``, ``"attendance"`` (plurals work too).
    """

    def __init__(
        self,
        path: PathLike,
        readonly: bool = False,
        create: bool = False,
        *,
        actor: Optional[str] = None,
        busy_timeout: Optional[int] = None,
    ) -> None:
        """Open the database at `path` (see :func:`cxotrack.open`)."""
        self.path: str = os.fsdecode(path) if not isinstance(path, str) else path
        self.readonly: bool = bool(readonly)
        flags = (_native.OPEN_READONLY if readonly else 0) | (_native.OPEN_CREATE if create else 0)
        encoded = _path(path)
        self._lock = threading.RLock()
        handle = _native.DbP()
        check(lib.cxo_db_open(byref(handle), encoded, flags))
        self._handle: Any = handle
        self._finalizer = weakref.finalize(self, _close_db, handle, self._lock)
        try:
            if actor is not None:
                self.actor = actor
            if busy_timeout is not None:
                self.set_busy_timeout(busy_timeout)
        except BaseException:
            self.close()
            raise

    # ---- the handle ----

    def _live(self) -> Any:
        if not self._finalizer.alive:
            raise MisuseError("the database %r is closed" % self.path, _native.EMISUSE)
        return self._handle

    @property
    def closed(self) -> bool:
        """Whether the database has been closed."""
        return not self._finalizer.alive

    def close(self) -> None:
        """Close the database (an open transaction is rolled back). Cursors
        still open keep reading; the native handle goes when the last is
        freed. Closing twice is fine. Raises StorageError if SQLite reported a
        failure while closing."""
        if not self._finalizer.alive:
            return
        rc = self._finalizer()
        if rc is not None and rc < 0:
            raise last_error(rc)

    def __enter__(self) -> "Database":
        self._live()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "closed" if self.closed else ("read-only" if self.readonly else "read-write")
        return "<cxotrack.Database %r %s>" % (self.path, mode)

    def _call(self, fn: Callable[..., int], *args: Any) -> int:
        """Call a function whose first argument is the handle; check its result."""
        with self._lock:
            rc = fn(self._live(), *args)
            if rc < 0:
                error = last_error(rc)
        if rc < 0:
            raise error
        return check(rc)

    def _cursor(self, fn: Callable[..., int], *args: Any) -> Cursor:
        """Run a query function (cxo_cursor **out, cxo_db *db, ...) into a Cursor."""
        with self._lock:
            out = _native.CursorP()
            rc = fn(byref(out), self._live(), *args)
            if rc < 0:
                error = last_error(rc)
        if rc < 0:
            raise error
        check(rc)
        return Cursor(self, out)

    @property
    def actor(self) -> str:
        """The actor written to the audit log by later changes (default "unknown")."""
        with self._lock:
            value = lib.cxo_db_actor(self._live())
        return value.decode("utf-8") if value is not None else ""

    @actor.setter
    def actor(self, value: str) -> None:
        self._call(lib.cxo_db_set_actor, _text(value, "actor"))

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another connection's lock before
        :class:`BusyError` (default 10000 ms; 0 fails at once)."""
        if not isinstance(milliseconds, int):
            raise TypeError("milliseconds must be an int")
        self._call(lib.cxo_db_set_busy_timeout, milliseconds)

    # ---- transactions, backup ----

    def begin(self) -> None:
        """Begin an explicit write transaction (MisuseError if one is open,
        BusyError if another connection holds the write lock). A change refused
        inside it undoes only itself; after a storage failure that rolled the
        whole transaction back, later changes and commit() raise StorageError,
        and rollback() ends it."""
        self._call(lib.cxo_db_begin)

    def commit(self) -> None:
        """Commit the explicit transaction (MisuseError if none is open)."""
        self._call(lib.cxo_db_commit)

    def rollback(self) -> None:
        """Undo the explicit transaction (MisuseError if none is open)."""
        self._call(lib.cxo_db_rollback)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Database"]:
        """``with db.transaction():`` begins a transaction, commits it at the
        end, or rolls it back if the block raises."""
        self.begin()
        try:
            yield self
        except BaseException:
            if not self.closed:
                try:
                    self.rollback()
                except MisuseError:  # the block ended the transaction itself
                    pass
            raise
        else:
            self.commit()

    def backup(self, path: PathLike) -> None:
        """Write a consistent copy of the database to `path` (replaced if it
        exists). InvalidError if `path` is the database itself, FileError if it
        cannot be written, MisuseError inside a transaction."""
        self._call(lib.cxo_db_backup, _path(path))

    # ---- records ----

    def describe(self, kind: str) -> Row:
        """The fields of a kind of record: name, plural, key, fields
        (cxo_kind_describe); as :func:`cxotrack.describe`."""
        self._live()
        return describe(kind)

    def get(self, kind: str, *key: str) -> Row:
        """One record, by its key: ``get("topic", "imt-2020")``,
        ``get("observation", "imt-2020", "cto", "cto-2015-budapest")``,
        ``get("item", "fg", "fg-ml5g")``. NotFoundError if there is none."""
        code = kind_code(kind)
        keys = [_text(k, "%s key" % kind) for k in key]
        array = _native.string_array(keys)  # type: ignore[arg-type]
        with self._lock:
            out = _native.RowP()
            rc = lib.cxo_record_get(byref(out), self._live(), code, array, len(keys))
            if rc < 0:
                error = last_error(rc)
        if rc < 0:
            raise error
        return _take_row(out)

    def create(self, kind: str, record: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> None:
        """Create a record from a dict and/or keyword fields (which win):
        ``create("topic", id="imt-2020", title="5G / IMT-2020")``,
        ``create("meeting", {"id": "cto-2015-budapest", "kind": "cto", "date": "2015-10-11"})``. Raises
        ExistsError if the key is taken, InvalidError for a bad field,
        NotFoundError for a missing reference, ConstraintError for a transition
        refused in strict mode; a transition disallowed in warn mode is stored
        with a CxoWarning."""
        self._write(lib.cxo_record_create, kind, record, fields)

    def update(self, kind: str, record: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> None:
        """Change the record whose key the fields give: every field given
        replaces the stored value (None clears it; a list replaces the whole
        list); the others keep theirs. NotFoundError if there is no such record."""
        self._write(lib.cxo_record_update, kind, record, fields)

    def _write(self, fn: Callable[..., int], kind: str, record: Optional[Mapping[str, Any]],
               fields: Mapping[str, Any]) -> None:
        code = kind_code(kind)
        if record is not None and not isinstance(record, Mapping):
            raise TypeError("record must be a dict, not %s" % type(record).__name__)
        value = dict(record) if record is not None else {}
        value.update(fields)
        row = _new_row(value, "%s record" % kind)
        try:
            self._call(fn, code, row)
        finally:
            lib.cxo_row_free(row)

    def delete(self, kind: str, *key: str, cascade: bool = False) -> None:
        """Delete one record by its key (as :meth:`get`), with what is nested in
        it. ConstraintError while other records refer to it, unless
        ``cascade=True``."""
        code = kind_code(kind)
        keys = [_text(k, "%s key" % kind) for k in key]
        array = _native.string_array(keys)  # type: ignore[arg-type]
        flags = _native.DELETE_CASCADE if cascade else 0
        self._call(lib.cxo_record_delete, code, array, len(keys), flags)

    def iter(self, kind: str, **query: Any) -> Cursor:
        """The records of a kind as a :class:`Cursor`, read one at a time
        (query options as for :meth:`list`)."""
        code = kind_code(kind)
        q = _query(query)
        return self._cursor(lib.cxo_record_list, code, byref(q))

    def list(self, kind: str, **query: Any) -> List[Row]:
        """The records of a kind, each a dict with the record's fields and what
        the library derives (a topic's current status, an action's status, age
        and overdue state...). Query options (keyword arguments; each kind
        reads those that apply to it, as cxo_record_list documents):
        as_of, lifecycle, kinds (str or list), topic, meeting, status, owner,
        registry, item, organization, action, entity, key, since; flags
        lineage, open, overdue, unlinked (bool)."""
        return self.iter(kind, **query).fetchall()

    def meetings(self, *, kinds: Kinds = None) -> List[Row]:
        """Meetings in meeting order, with ``topics_discussed``; `kinds`
        keeps those of the given kinds ("cto,cxo" or ["cto", "cxo"])."""
        return self.list("meeting", kinds=kinds)

    def topics(self, *, status: Optional[str] = None, lifecycle: Optional[str] = None,
               as_of: Optional[str] = None) -> List[Row]:
        """Topics by id, with the ``status``, ``point`` and ``date`` of their
        latest observation (in `lifecycle`, as of `as_of`); `status` filters."""
        return self.list("topic", status=status, lifecycle=lifecycle, as_of=as_of)

    def lifecycles(self) -> List[Row]:
        """Lifecycles by id, with their statuses and transitions."""
        return self.list("lifecycle")

    def observations(self, *, topic: Optional[str] = None, meeting: Optional[str] = None,
                     lifecycle: Optional[str] = None, status: Optional[str] = None,
                     as_of: Optional[str] = None) -> List[Row]:
        """Observations by topic, lifecycle, then time (every lifecycle unless
        `lifecycle` is given)."""
        return self.list("observation", topic=topic, meeting=meeting, lifecycle=lifecycle, status=status,
                         as_of=as_of)

    def history(self, topic: Optional[str], *, lineage: bool = False, as_of: Optional[str] = None,
                lifecycle: Optional[str] = None, kinds: Kinds = None) -> List[Row]:
        """A topic's history: its observations in time order with ``movement``
        (new, advanced, regressed, reaffirmed, reopened, dropped), ``gaps``
        (tracked meetings that skipped it) and sources; with ``lineage=True``
        its predecessors' observations stitched in (``inherited``); as of a
        meeting or date. `topic` None gives every topic's history in turn.
        NotFoundError for an unknown topic, lifecycle or as-of meeting."""
        q = _query({"lineage": lineage, "as_of": as_of, "lifecycle": lifecycle, "kinds": kinds})
        return self._cursor(lib.cxo_topic_history, _text(topic, "topic"), byref(q)).fetchall()

    def rename_topic(self, old: str, new: str, *, title: Optional[str] = None, since: Optional[str] = None) -> None:
        """Rename a topic: create `new` (with `title`, else the old title),
        related to `old` by "renamed-from" since `since` (a meeting or a date;
        None: from the start). The old topic and its history stay."""
        self._call(lib.cxo_topic_rename, _text(old, "old"), _text(new, "new"), _text(title, "title"),
                   _text(since, "since"))

    def conclusions(self, *, meeting: Optional[str] = None, topic: Optional[str] = None,
                    as_of: Optional[str] = None) -> List[Row]:
        """Conclusions in meeting order, with their actions; `meeting` or
        `topic` (conclusions about it, across meetings) filter."""
        return self.list("conclusion", meeting=meeting, topic=topic, as_of=as_of)

    def actions(self, *, owner: Optional[str] = None, status: Optional[str] = None, meeting: Optional[str] = None,
                topic: Optional[str] = None, open: bool = False, overdue: bool = False,
                as_of: Optional[str] = None, kinds: Kinds = None) -> List[Row]:
        """Actions by id, with ``meeting``, ``status``, ``age`` and
        ``overdue`` as of `as_of`; ``open=True`` keeps those open or in
        progress, ``overdue=True`` those overdue."""
        return self.list("action", owner=owner, status=status, meeting=meeting, topic=topic, open=open,
                         overdue=overdue, as_of=as_of, kinds=kinds)

    def followups(self, *, action: Optional[str] = None, meeting: Optional[str] = None,
                  as_of: Optional[str] = None) -> List[Row]:
        """Follow-ups of actions, by action then time."""
        return self.list("followup", action=action, meeting=meeting, as_of=as_of)

    def registries(self) -> List[Row]:
        """Registries (Resolution 22 items, Focus Groups...) by id."""
        return self.list("registry")

    def items(self, *, registry: Optional[str] = None, unlinked: bool = False,
              as_of: Optional[str] = None) -> List[Row]:
        """Registry items with their ``status`` and the number of ``topics``
        linking to them; ``unlinked=True`` keeps those no topic links to."""
        return self.list("item", registry=registry, unlinked=unlinked, as_of=as_of)

    def links(self, *, topic: Optional[str] = None, registry: Optional[str] = None, item: Optional[str] = None,
              as_of: Optional[str] = None) -> List[Row]:
        """Links from topics to registry items, with the item's ``title``."""
        return self.list("link", topic=topic, registry=registry, item=item, as_of=as_of)

    def relations(self, *, topic: Optional[str] = None, as_of: Optional[str] = None) -> List[Row]:
        """Relations between topics (`topic`: those from or to it)."""
        return self.list("relation", topic=topic, as_of=as_of)

    def organizations(self) -> List[Row]:
        """Organizations by id."""
        return self.list("organization")

    def attendance(self, *, meeting: Optional[str] = None, organization: Optional[str] = None,
                   as_of: Optional[str] = None) -> List[Row]:
        """Attendance records in meeting order, then organization."""
        return self.list("attendance", meeting=meeting, organization=organization, as_of=as_of)

    # ---- search, audit log ----

    def search(self, text: str) -> List[Row]:
        """Full-text search of topics, conclusions, observation notes and
        actions: rows with ``kind``, ``key``, ``title``, ``snippet`` (the
        words in [brackets]) and ``rank``, best first. InvalidError if `text`
        has no word."""
        q = _query({})
        return self._cursor(lib.cxo_search, _text(text, "text"), byref(q)).fetchall()

    def audit(self, *, entity: Optional[str] = None, key: Optional[str] = None,
              since: Optional[str] = None) -> List[Row]:
        """The audit log, oldest first: ``id``, ``time``, ``actor``, ``op``,
        ``entity``, ``key``, ``before``, ``after``, ``parent``. Filters: a
        kind's name (or "document" for imports), a key (or its first part), a
        UTC date or time."""
        q = _query({"entity": entity, "key": key, "since": since})
        return self._cursor(lib.cxo_audit_list, byref(q)).fetchall()

    # ---- import, export ----

    def import_json(self, document: Union[str, bytes, Mapping[str, Any]], *, name: Optional[str] = None,
                    replace: bool = False, lenient: bool = False, check: bool = False,
                    progress: Optional[Callable[[int, int], Any]] = None, max_size: int = 0,
                    max_depth: int = 0, max_string: int = 0) -> Row:
        """Import a document of the interchange format (JSON text, bytes, or a
        dict), all of it or none of it. Merges by default; ``replace=True``
        makes the database exactly the document; ``lenient=True`` skips
        unknown keys with a warning; ``check=True`` writes nothing. `name`
        names the document in the library's messages and the audit log. `progress(done, total)` is called as
        records are handled: a true result cancels the import (CanceledError),
        an exception cancels it and propagates. Limits (0: the library's
        defaults) raise LimitError. Returns the counts: ``{"created": {...},
        "updated": {...}, "unchanged": {...}, "deleted": {...}, "warnings":
        [...]}``; each warning is also issued as a CxoWarning."""
        data = self._document(document, "document")
        opts, keep = self._import_options(replace, lenient, check, progress, max_size, max_depth, max_string)
        opts.name = _text(name, "name")
        return self._import(keep, lib.cxo_import_json, data, len(data), byref(opts))

    def import_buffers(self, documents: Sequence[Union[str, bytes, Mapping[str, Any]]],
                       names: Optional[Sequence[str]] = None, *, replace: bool = False, lenient: bool = False,
                       check: bool = False, progress: Optional[Callable[[int, int], Any]] = None,
                       max_size: int = 0, max_depth: int = 0, max_string: int = 0) -> Row:
        """Import several documents at once, combined into one (a later
        document's record replaces an earlier one's), in one transaction;
        otherwise as :meth:`import_json`."""
        if isinstance(documents, (str, bytes, Mapping)):
            raise TypeError("documents must be a sequence of documents (for one, use import_json)")
        docs = [self._document(d, "documents[%d]" % i) for i, d in enumerate(documents)]
        if names is not None:
            names = list(names)
            if len(names) != len(docs):
                raise InvalidError("%d names for %d documents" % (len(names), len(docs)))
        name_array = _native.string_array([_text(n, "names[%d]" % i) for i, n in enumerate(names)]) \
            if names is not None else None  # type: ignore[arg-type]
        doc_array = _native.string_array(docs)
        lens = (c_size_t * max(len(docs), 1))(*[len(d) for d in docs])
        opts, keep = self._import_options(replace, lenient, check, progress, max_size, max_depth, max_string)
        return self._import(keep, lib.cxo_import_buffers, name_array, doc_array, lens, len(docs), byref(opts))

    def import_files(self, paths: Union[PathLike, Sequence[PathLike]], *, replace: bool = False,
                     lenient: bool = False, check: bool = False,
                     progress: Optional[Callable[[int, int], Any]] = None, max_size: int = 0, max_depth: int = 0,
                     max_string: int = 0) -> Row:
        """Import one file or several of the interchange format (NotFoundError
        for a missing file, FileError for one that cannot be read); otherwise
        as :meth:`import_buffers`."""
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]  # type: ignore[list-item]
        encoded = [_path(p, "paths[%d]" % i) for i, p in enumerate(paths)]  # type: ignore[arg-type]
        array = _native.string_array(encoded)
        opts, keep = self._import_options(replace, lenient, check, progress, max_size, max_depth, max_string)
        return self._import(keep, lib.cxo_import_files, array, len(encoded), byref(opts))

    @staticmethod
    def _document(document: Any, what: str) -> bytes:
        if isinstance(document, bytes):
            return document
        if isinstance(document, str):
            return _utf8(document, what)
        if isinstance(document, Mapping):
            return _dumps(dict(document), what)
        raise TypeError("%s must be JSON text (str or bytes) or a dict, not %s" % (what, type(document).__name__))

    @staticmethod
    def _import_options(replace: bool, lenient: bool, check_only: bool, progress: Any, max_size: int,
                        max_depth: int, max_string: int) -> Tuple[_native.cxo_import_options, Dict[str, Any]]:
        opts = _native.cxo_import_options()
        check(lib.cxo_import_options_init(byref(opts), _native.IMPORT_OPTIONS_VERSION))
        opts.flags = ((_native.IMPORT_REPLACE if replace else 0) | (_native.IMPORT_LENIENT if lenient else 0)
                      | (_native.IMPORT_CHECK if check_only else 0))
        for name, value in (("max_size", max_size), ("max_depth", max_depth), ("max_string", max_string)):
            if not isinstance(value, int) or value < 0:
                raise InvalidError("%s: %r is not a size (an int >= 0; 0 for the default)" % (name, value))
            setattr(opts, name, value)
        keep: Dict[str, Any] = {"raised": None}
        if progress is not None:
            if not callable(progress):
                raise TypeError("progress must be callable")

            def on_progress(ctx: Any, done: int, total: int) -> int:
                try:
                    return 1 if progress(done, total) else 0
                except BaseException as e:  # stop, and raise it once the library returns
                    keep["raised"] = e
                    return 1

            keep["callback"] = _native.PROGRESS_FN(on_progress)
            opts.progress = keep["callback"]
        return opts, keep

    def _import(self, keep: Dict[str, Any], fn: Callable[..., int], *args: Any) -> Row:
        with self._lock:
            out = _native.RowP()
            rc = fn(byref(out), self._live(), *args)
            error = last_error(rc) if rc < 0 else None
        if keep["raised"] is not None:
            raise keep["raised"] from (error if isinstance(error, CanceledError) else None)
        if error is not None:
            raise error
        result = _take_row(out)
        if rc == _native.WARNED:
            for warning in result.get("warnings") or ():
                warn(warning)
        return result

    @overload
    def export_json(self, *, meeting: Optional[str] = None, topic: Optional[str] = None, file: None = None) -> str:
        ...

    @overload
    def export_json(self, *, meeting: Optional[str] = None, topic: Optional[str] = None,
                    file: Union[PathLike, IO[Any]]) -> None:
        ...

    def export_json(self, *, meeting: Optional[str] = None, topic: Optional[str] = None,
                    file: Union[PathLike, IO[Any], None] = None) -> Optional[str]:
        """The database as a document of the interchange format, in canonical
        form (export, import into a new database, export again: the same
        text). `meeting` exports one meeting with what it refers to; `topic`
        one topic with its lineage. With `file` (a path, or a file object
        opened for writing, text or binary), the document is written there as
        it is produced and None is returned; otherwise it is returned as str."""
        opts = _native.cxo_export_options()
        check(lib.cxo_export_options_init(byref(opts), _native.EXPORT_OPTIONS_VERSION))
        opts.meeting = _text(meeting, "meeting")
        opts.topic = _text(topic, "topic")
        data = self._produce(lib.cxo_export_json, opts, file)
        return data.decode("utf-8") if data is not None else None

    # ---- reports ----

    def report(self, kind: str, format: str = "json", *, meeting: Optional[str] = None,
               from_: Optional[str] = None, to: Optional[str] = None, as_of: Optional[str] = None,
               kinds: Kinds = None, lifecycle: Optional[str] = None, topics: Union[str, Sequence[str], None] = None,
               stall: Optional[int] = None, file: Union[PathLike, IO[Any], None] = None,
               **options: Any) -> Any:
        """Produce a report: `kind` is one of tsag, followup, period, matrix,
        diff, agenda, participation, analysis, lint; `format` json (the
        default: a dict, fields in docs/reports.md), md or markdown (a
        :class:`MarkdownReport` str), csv (str; tabular reports only) or html
        (an :class:`HtmlReport` str, shown inline by notebooks).

        Options, as each report reads them: `meeting` (tsag, agenda), `from_`
        and `to` (period, diff; ``**{"from": ...}`` works too), `as_of`,
        `kinds` (tracked meeting kinds), `lifecycle`, `topics` (agenda: planned
        topic ids), `stall`. With `file` (a path or a file object), the report
        is written there as it is produced and None is returned. A lint report
        that found an error issues a CxoWarning."""
        for name in options:
            if name != "from":
                raise TypeError("unknown report option %r (options: meeting, from_ (or from), to, as_of, kinds, "
                                "lifecycle, topics, stall, file)" % name)
        if "from" in options:
            if from_ is not None:
                raise TypeError("give from_ or from, not both")
            from_ = options["from"]
        fmt = _format_code(format)
        opts = _native.cxo_report_options()
        check(lib.cxo_report_options_init(byref(opts), _native.REPORT_OPTIONS_VERSION))
        opts.kind = _report_code(kind)
        opts.format = fmt
        opts.meeting = _text(meeting, "meeting")
        setattr(opts, "from", _text(from_, "from"))
        opts.to = _text(to, "to")
        opts.as_of = _text(as_of, "as_of")
        opts.kinds = _text(_kinds(kinds), "kinds")
        opts.lifecycle = _text(lifecycle, "lifecycle")
        opts.topics = _text(_kinds(topics, "topics"), "topics")
        if stall is not None:
            if not isinstance(stall, int) or isinstance(stall, bool):
                raise TypeError("stall must be an int")
            opts.stall = stall
        data = self._produce(lib.cxo_report, opts, file)
        if data is None:
            return None
        if fmt == _native.FORMAT_JSON:
            return _loads(data)
        text = data.decode("utf-8")
        if fmt == _native.FORMAT_HTML:
            return HtmlReport(text)
        if fmt == _native.FORMAT_MARKDOWN:
            return MarkdownReport(text)
        return text

    def matrix(self, *, as_of: Optional[str] = None, lifecycle: Optional[str] = None, kinds: Kinds = None) -> Any:
        """The matrix report as a topics x meetings table: one row per topic
        (index ``topic``), one column per tracked meeting held, in order; each
        cell the status observed, ``"gap"`` (a tracked meeting that skipped
        the topic) or None (before its first or after its last observation).
        A pandas DataFrame if pandas is installed, else a list of dicts (each
        with ``topic`` and one key per meeting)."""
        return matrix_table(self.report("matrix", "json", as_of=as_of, lifecycle=lifecycle, kinds=kinds))

    def _produce(self, fn: Callable[..., int], opts: Any, file: Union[PathLike, IO[Any], None]) -> Optional[bytes]:
        """Run a producer (cxo_report, cxo_export_json) into memory (a
        cxo_buffer) or through a Python sink into `file`."""
        if file is None:
            buffer = _native.BufferP()
            check(lib.cxo_buffer_new(byref(buffer)))
            try:
                self._call(fn, byref(opts), _native.BUFFER_WRITE, ctypes.cast(buffer, c_void_p))
                return _native.buffer_contents(buffer)
            finally:
                lib.cxo_buffer_free(buffer)
        if isinstance(file, (str, bytes, os.PathLike)):
            try:
                with io.open(file, "wb") as f:
                    self._produce(fn, opts, f)
            except BaseException:
                with contextlib.suppress(OSError):  # no partial output left behind
                    os.unlink(file)
                raise
            return None
        if not hasattr(file, "write"):
            raise TypeError("file must be a path or a file object, not %s" % type(file).__name__)
        binary = not isinstance(file, io.TextIOBase)
        raised: List[BaseException] = []
        pending = bytearray()

        def sink(ctx: Any, data: Any, length: int) -> int:
            if not length:
                return 0
            try:
                chunk = ctypes.string_at(data, length)
                if binary:
                    file.write(chunk)  # type: ignore[union-attr]
                else:
                    # pieces may split a UTF-8 sequence: decode what is whole
                    pending.extend(chunk)
                    cut = _utf8_whole(pending)
                    file.write(bytes(pending[:cut]).decode("utf-8"))  # type: ignore[union-attr]
                    del pending[:cut]
                return 0
            except BaseException as e:
                raised.append(e)
                return 1

        callback = _native.WRITE_FN(sink)
        try:
            self._call(fn, byref(opts), callback, None)
        except CxoError:
            if raised:  # the sink failed: raise what it raised, not the library's CXO_EIO
                raise raised[0] from None
            raise
        if pending:
            file.write(bytes(pending).decode("utf-8"))  # type: ignore[union-attr]
        return None


def _utf8_whole(data: bytearray) -> int:
    """How many leading bytes of `data` are whole UTF-8 sequences."""
    n = len(data)
    i = n - 1
    # walk back over at most 3 continuation bytes to the lead byte of the last sequence
    while i >= 0 and n - i <= 4 and (data[i] & 0xC0) == 0x80:
        i -= 1
    if i < 0:
        return n
    lead = data[i]
    need = 1 if lead < 0x80 else 2 if lead >> 5 == 0x6 else 3 if lead >> 4 == 0xE else 4 if lead >> 3 == 0x1E else 1
    return n if n - i >= need else i


def describe(kind: str) -> Row:
    """The fields of a kind of record (cxo_kind_describe): ``name``,
    ``plural``, ``key`` and ``fields`` (each with name, type, required, key,
    values, default)."""
    code = kind_code(kind)
    out = _native.RowP()
    check(lib.cxo_kind_describe(byref(out), code))
    return _take_row(out)


def open(path: PathLike, readonly: bool = False, create: bool = False, *, actor: Optional[str] = None,
         busy_timeout: Optional[int] = None) -> Database:
    """Open the cxotrack database at `path` (":memory:" for a new one in memory).

    ``readonly=True`` never writes; ``create=True`` creates the file if it
    does not exist (a new database holds the built-in lifecycle "cto"); an
    older schema is migrated forward. `actor` names who makes the changes in
    the audit log; `busy_timeout` (ms) how long a write waits for another
    connection's lock. Raises NotFoundError (no such file, and not `create`),
    FormatError (not a cxotrack database), VersionError (a newer schema),
    ReadOnlyError (the file cannot be written and not `readonly`), SchemaError
    (planted triggers, views or tables), StorageError, BusyError."""
    return Database(path, readonly, create, actor=actor, busy_timeout=busy_timeout)
