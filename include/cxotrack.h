/**
 * @file cxotrack.h
 * @brief The whole public API of cxotrack.
 *
 * cxotrack: track the topics, lifecycle statuses, conclusions and actions of a
 * series of meetings (the ITU-T CTO/CxO meetings), and report on them.
 *
 * This is the whole public API. Storage is one SQLite file.
 *
 * Conventions used throughout
 * ---------------------------
 * - Every fallible function returns an int: CXO_OK (0), a negative error code,
 *   or a positive non-error status (CXO_DONE ends an iteration; CXO_WARNED means
 *   the call did its work and left a warning, read like an error message with
 *   cxo_errmsg()).
 * - After an error or a warning, cxo_errmsg() and cxo_errcode() describe it.
 *   They are per thread and stay valid until the next failing call in that
 *   thread. A message names what was wrong and where, for example
 *   `meeting "cto-2013-bangkok".date: "2013-13-01" is not a date`.
 * - What comes out through a `T **out` parameter belongs to the caller and is
 *   released with the matching free function (every free function accepts
 *   NULL). On failure `*out` is set to NULL. Pointers returned directly are
 *   borrowed; their comment says until when. Buffers the library allocates
 *   are released with cxo_free().
 * - Strings are NUL-terminated UTF-8. Invalid UTF-8 is refused.
 *
 * Thread model
 * ------------
 * Different handles may be used in different threads at the same time. One
 * handle, together with the cursors and rows it produced, must be used by one
 * thread at a time. The library keeps no global state besides the per-thread
 * error, and never calls process-wide hooks (sqlite3_config, cJSON_InitHooks).
 *
 * Identifiers and time
 * --------------------
 * Identifiers of meetings, topics, lifecycles, statuses and the other records
 * are slugs: lower-case ASCII letters, digits and ".-_/", starting with a
 * letter, at most 128 bytes (see cxo_check_slug()).
 * Dates are ISO 8601 text at year, month or day precision: "2011", "2012-11",
 * "2013-11-18" (see cxo_check_date()). A partial date orders as the first day
 * of its period, so text order is time order.
 * A point in time is a meeting id or a date. Meetings are ordered by date,
 * then ordinal, then id; a dated event sorts after the meetings of its date.
 * As a cut-off ("as of"), a meeting means everything up to and including that
 * meeting, and a date means everything dated within or before its period
 * ("2016" means up to the end of 2016).
 */
#ifndef CXOTRACK_H
#define CXOTRACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define CXO_API
#elif defined(__GNUC__) || defined(__clang__)
#define CXO_API __attribute__((visibility("default")))
#else
#define CXO_API
#endif

/** @defgroup version Version
 *  @{ */

/** Major version; also the shared library's SOVERSION. Within a major version no
 *  exported signature or documented contract changes. */
#define CXO_VERSION_MAJOR 0
/** Minor version: grows when functions or fields are added. */
#define CXO_VERSION_MINOR 1
/** Patch version: fixes only. */
#define CXO_VERSION_PATCH 0
/** The version as one number: major * 10000 + minor * 100 + patch. */
#define CXO_VERSION_NUMBER (CXO_VERSION_MAJOR * 10000 + CXO_VERSION_MINOR * 100 + CXO_VERSION_PATCH)
/** The version as text. */
#define CXO_VERSION_STRING "0.1.0"

/** The version of the library actually linked, as text ("0.1.0"). Static. */
CXO_API const char *cxo_version(void);

/** The version of the library actually linked, as CXO_VERSION_NUMBER would give
 *  it. Compare with CXO_VERSION_NUMBER to detect a header/library mismatch. */
CXO_API int cxo_version_number(void);

/** @} */

/** @defgroup errors Result codes and errors
 *  @{ */

/** Result codes. Explicit values; the list only grows. */
enum cxo_result {
	CXO_OK = 0,            /**< success */
	CXO_DONE = 1,          /**< an iteration has no more rows */
	CXO_WARNED = 2,        /**< done, with a warning (read it with cxo_errmsg()) */

	CXO_ERROR = -1,        /**< an error that fits no other code */
	CXO_ENOMEM = -2,       /**< out of memory */
	CXO_EINVAL = -3,       /**< an invalid argument or value */
	CXO_ENOTFOUND = -4,    /**< the record or file does not exist */
	CXO_EEXISTS = -5,      /**< a record with this key already exists */
	CXO_EBUSY = -6,        /**< the database stayed locked past the busy timeout */
	CXO_ESTORAGE = -7,     /**< the storage failed (I/O error, disk full, corruption) */
	CXO_EFORMAT = -8,      /**< the file is not a cxotrack database / the document is malformed */
	CXO_EVERSION = -9,     /**< the database schema is newer than this library, or needs migrating */
	CXO_EMISUSE = -10,     /**< the API was used wrongly (a closed handle, a NULL handle) */
	CXO_EREADONLY = -11,   /**< a write was attempted on a read-only database or file */
	CXO_ECONSTRAINT = -12, /**< refused by a rule of the data model (a reference, a transition in strict mode) */
	CXO_ESCHEMA = -13,     /**< the database holds objects this library did not create (planted triggers, views, tables) */
	CXO_ELIMIT = -14,      /**< a limit was exceeded (document size, nesting depth, string length) */
	CXO_EIO = -15,         /**< a file outside the database could not be read or written */
	CXO_ECANCELED = -16    /**< a callback asked to stop */
};

/** The message of the last failure (or warning) in this thread.
 *  Borrowed; valid until the next failing call in this thread. Never NULL. */
CXO_API const char *cxo_errmsg(void);

/** The code of the last failure (or CXO_WARNED) in this thread; CXO_OK if none. */
CXO_API int cxo_errcode(void);

/** A short static description of a result code ("not found"). Never NULL. */
CXO_API const char *cxo_errstr(int code);

/** @} */

/** @defgroup memory Memory
 *  @{ */

/** Free a buffer the library allocated (JSON text, report output). NULL is fine. */
CXO_API void cxo_free(void *ptr);

/** @} */

/** @defgroup check Validators
 *  @{ */

/** Check that `text` is a valid slug identifier. Returns CXO_OK, or CXO_EINVAL
 *  with a message saying what is wrong. */
CXO_API int cxo_check_slug(const char *text);

/** Check that `text` is a valid date of year, month or day precision ("2011",
 *  "2012-11", "2013-11-18"). Returns CXO_OK, or CXO_EINVAL with a message. */
CXO_API int cxo_check_date(const char *text);

/** @} */

/** @defgroup db Database handles
 *  @{ */

/** A database handle. */
typedef struct cxo_db cxo_db;

/** Flags of cxo_db_open(). */
enum cxo_open_flags {
	CXO_OPEN_READWRITE = 0x0, /**< open an existing database for reading and writing */
	CXO_OPEN_CREATE = 0x1,    /**< create the database if the file does not exist */
	CXO_OPEN_READONLY = 0x2   /**< open an existing database for reading only; never writes */
};

/**
 * Open the database at `path`.
 *
 * A new database is created only with CXO_OPEN_CREATE (":memory:" is always
 * new); it holds the built-in lifecycle "cto". An older schema is migrated
 * forward in one transaction (read-write handles only). A read-only handle on
 * a file whose directory it cannot write reads the file as immutable when no
 * write-ahead log is pending beside it. On failure the file is left untouched
 * and:
 * - CXO_ENOTFOUND: the file does not exist (and CXO_OPEN_CREATE was not given);
 * - CXO_EFORMAT: the file is not a cxotrack database (another application's
 *   SQLite file, or not SQLite at all, or not a regular file);
 * - CXO_EVERSION: the schema is newer than this library (or, read-only, older);
 * - CXO_EREADONLY: the file cannot be written and CXO_OPEN_READONLY was not given;
 * - CXO_ESCHEMA: the file holds triggers, views or tables this library did not
 *   create (they are named in the message);
 * - CXO_ESTORAGE, CXO_EBUSY, CXO_ENOMEM, CXO_EINVAL (bad flags).
 *
 * The handle is released with cxo_db_close().
 */
CXO_API int cxo_db_open(cxo_db **out, const char *path, uint32_t flags);

/**
 * Close a handle. NULL is fine. If cursors of this handle are still open, the
 * handle becomes unusable at once (calls return CXO_EMISUSE) and is released
 * when the last cursor is freed. An explicit transaction still open is rolled
 * back. Returns CXO_OK, or CXO_ESTORAGE if SQLite reported a failure.
 */
CXO_API int cxo_db_close(cxo_db *db);

/**
 * Set the actor written to the audit log by every later change through this
 * handle (a person's or a program's name, at most 128 bytes of UTF-8). The
 * default is "unknown". The string is copied.
 */
CXO_API int cxo_db_set_actor(cxo_db *db, const char *actor);

/** The actor of this handle. Borrowed; valid until the next cxo_db_set_actor()
 *  or cxo_db_close(). NULL if `db` is NULL. */
CXO_API const char *cxo_db_actor(const cxo_db *db);

/** Set how long a write waits for another connection's lock before failing with
 *  CXO_EBUSY, in milliseconds (default 10000; 0 fails at once). */
CXO_API int cxo_db_set_busy_timeout(cxo_db *db, int milliseconds);

/**
 * Begin an explicit write transaction, for callers that write many records at
 * once: every change until cxo_db_commit() lands together (or, after
 * cxo_db_rollback(), not at all), and is much faster than one transaction per
 * change. A change refused inside it (invalid, not found, already there, a
 * disallowed transition, referred to) undoes only itself; the transaction
 * stays open. A storage failure (out of memory, I/O error, disk full) may
 * roll the whole transaction back: the failing call's message then begins
 * "the transaction was rolled back: ", later changes and cxo_db_commit() fail
 * with CXO_ESTORAGE, and cxo_db_rollback() ends it. Returns CXO_EMISUSE if one
 * is already open, CXO_EBUSY if another connection holds the write lock past
 * the busy timeout.
 */
CXO_API int cxo_db_begin(cxo_db *db);

/** Commit the explicit transaction. CXO_EMISUSE if none is open. On a storage
 *  failure the transaction is rolled back and the error returned. */
CXO_API int cxo_db_commit(cxo_db *db);

/** Undo the explicit transaction. CXO_EMISUSE if none is open. */
CXO_API int cxo_db_rollback(cxo_db *db);

/**
 * Write a consistent copy of the database to the file `path` (created or
 * replaced), while other connections may go on using it. The copy is a
 * cxotrack database like the original; a file at `path` is replaced, once the
 * copy is complete. Returns CXO_EINVAL if `path` is the database itself (or
 * its write-ahead log, shared-memory index or journal, which SQLite keeps
 * beside it), CXO_EIO if it cannot be written, CXO_EMISUSE inside an explicit
 * transaction.
 */
CXO_API int cxo_db_backup(cxo_db *db, const char *path);

/** @} */

/** @defgroup rows Rows
 *
 * A row is a record made of named fields, in the shape of the interchange
 * format: a field is null, an integer, a boolean, text, a nested row, or a
 * list. A list is a row whose fields have no names. Rows come out of cursors
 * and cxo_record_get() (read them with the getters), and go into
 * cxo_record_create() and cxo_record_update() (build them with the setters).
 * @{ */

/** A row (a record, or a list). */
typedef struct cxo_row cxo_row;

/** The type of a field. */
enum cxo_type {
	CXO_TYPE_NULL = 0, /**< absent or null */
	CXO_TYPE_INT = 1,  /**< an integer */
	CXO_TYPE_BOOL = 2, /**< a boolean, read as the integer 0 or 1 */
	CXO_TYPE_TEXT = 3, /**< UTF-8 text */
	CXO_TYPE_ROW = 4,  /**< a nested row with named fields */
	CXO_TYPE_LIST = 5, /**< a nested list (a row whose fields have no names) */
	CXO_TYPE_REAL = 6  /**< a finite real number (reports' means and shares; never in a record) */
};

/** Create an empty row with named fields, to fill with the setters.
 *  Free it with cxo_row_free(). */
CXO_API int cxo_row_new(cxo_row **out);

/** Parse a JSON object into a new row: a number of integral value within
 *  +-2^53 is an integer, any other finite number a real (so a report's JSON
 *  reads back whole). Returns CXO_EFORMAT with the JSON path of the fault if
 *  `json` is not such an object. */
CXO_API int cxo_row_from_json(cxo_row **out, const char *json, size_t len);

/** Write a row as compact JSON (fields in their order) into a new buffer the
 *  caller frees with cxo_free(); `len` (may be NULL) receives its length.
 *  CXO_EINVAL, naming the field, if a text or a name is not valid UTF-8. */
CXO_API int cxo_row_to_json(char **out, size_t *len, const cxo_row *row);

/** Free a row made by cxo_row_new(), cxo_row_from_json() or cxo_record_get().
 *  Rows read from a cursor belong to the cursor and must not be freed. */
CXO_API void cxo_row_free(cxo_row *row);

/** Number of fields (or list elements). 0 for NULL. */
CXO_API size_t cxo_row_size(const cxo_row *row);

/** Whether the row is a list (1) or a record with named fields (0). */
CXO_API int cxo_row_is_list(const cxo_row *row);

/** Name of field `i`; NULL for list elements or if `i` is out of range. */
CXO_API const char *cxo_row_name(const cxo_row *row, size_t i);

/** Index of the field named `name`, or -1 if the row has no such field. */
CXO_API int64_t cxo_row_index(const cxo_row *row, const char *name);

/** Type of field `i` (enum cxo_type); CXO_TYPE_NULL if out of range. */
CXO_API int cxo_row_type_at(const cxo_row *row, size_t i);

/** Integer (or boolean) value of field `i`; 0 if it is of another type. */
CXO_API int64_t cxo_row_int_at(const cxo_row *row, size_t i);

/** Number value of field `i`: a real, or an integer as a real; 0.0 if it is of
 *  another type. */
CXO_API double cxo_row_real_at(const cxo_row *row, size_t i);

/** Text value of field `i`; NULL if it is of another type. Borrowed: valid as
 *  long as the row. */
CXO_API const char *cxo_row_text_at(const cxo_row *row, size_t i);

/** Nested row or list of field `i`; NULL if it is of another type. Borrowed:
 *  valid as long as the row. */
CXO_API const cxo_row *cxo_row_child_at(const cxo_row *row, size_t i);

/** Type of the field `name`; CXO_TYPE_NULL if absent. */
CXO_API int cxo_row_type(const cxo_row *row, const char *name);

/** Integer (or boolean) value of the field `name`; 0 if absent or of another type. */
CXO_API int64_t cxo_row_int(const cxo_row *row, const char *name);

/** Number value of the field `name` (as cxo_row_real_at()); 0.0 if absent. */
CXO_API double cxo_row_real(const cxo_row *row, const char *name);

/** Text value of the field `name`; NULL if absent or of another type. Borrowed. */
CXO_API const char *cxo_row_text(const cxo_row *row, const char *name);

/** Nested row or list of the field `name`; NULL if absent or of another type. Borrowed. */
CXO_API const cxo_row *cxo_row_child(const cxo_row *row, const char *name);

/** Set the field `name` to text (copied). In a list, `name` must be NULL and the
 *  value is appended. Setting an existing field replaces its value in place.
 *  Any bytes are taken: a record refuses text that is not UTF-8 when it is
 *  written (naming the record and field), and cxo_row_to_json() refuses it. */
CXO_API int cxo_row_set_text(cxo_row *row, const char *name, const char *text);

/** Set the field `name` to an integer (see cxo_row_set_text() for lists). */
CXO_API int cxo_row_set_int(cxo_row *row, const char *name, int64_t value);

/** Set the field `name` to a real number (CXO_EINVAL if it is not finite).
 *  Records hold no reals: cxo_record_create() refuses one where an integer
 *  belongs. */
CXO_API int cxo_row_set_real(cxo_row *row, const char *name, double value);

/** Set the field `name` to a boolean (any non-zero value is true). */
CXO_API int cxo_row_set_bool(cxo_row *row, const char *name, int value);

/** Set the field `name` to null (in an update: clear the stored value). */
CXO_API int cxo_row_set_null(cxo_row *row, const char *name);

/** Set the field `name` to a new empty nested row and return it in `child`
 *  (borrowed: owned by `row`). */
CXO_API int cxo_row_set_row(cxo_row **child, cxo_row *row, const char *name);

/** Set the field `name` to a new empty list and return it in `child`
 *  (borrowed: owned by `row`). */
CXO_API int cxo_row_set_list(cxo_row **child, cxo_row *row, const char *name);

/** @} */

/** @defgroup cursors Cursors
 *
 * Queries return a cursor. A cursor keeps its database handle alive until it is
 * freed, and must be used in the handle's thread.
 * @{ */

/** A query's result, read one row at a time. */
typedef struct cxo_cursor cxo_cursor;

/**
 * Advance to the next row. Returns CXO_OK and sets `*row` (borrowed: valid until
 * the next call on this cursor), CXO_DONE at the end (`*row` NULL), or an error.
 */
CXO_API int cxo_cursor_next(const cxo_row **row, cxo_cursor *cur);

/**
 * Read the rows the cursor has not yet returned into one JSON array, in a new
 * buffer freed with cxo_free(); `len` (may be NULL) receives its length. This is
 * the "one call, whole result" form of every query.
 */
CXO_API int cxo_cursor_json(char **out, size_t *len, cxo_cursor *cur);

/** Free a cursor. NULL is fine. */
CXO_API void cxo_cursor_free(cxo_cursor *cur);

/** @} */

/** @defgroup records Records
 *
 * Every record of the data model is created, read, changed and deleted through
 * the same five functions, with a row in the shape of the interchange format
 * (docs/interchange.md lists the fields of each kind). Each change is checked
 * whole before anything is written, lands in one transaction together with its
 * audit-log entry, and leaves the database as it was if it fails.
 *
 * Keys (the `key` array of cxo_record_get() and cxo_record_delete()):
 * - meeting, topic, lifecycle, conclusion, action, registry, organization: { id }
 * - observation: { topic, lifecycle, point } where point is a meeting id or a date
 * - followup: { action, point }
 * - item: { registry, id }
 * - link: { topic, registry, item }
 * - relation: { topic, type, older }
 * - attendance: { meeting, organization }
 *
 * Some records also appear nested in another, as in the interchange format: a
 * meeting's `attendance`, a topic's `relations` (where `topic` names the older
 * topic) and `links`, a conclusion's `actions`, an action's `followups`. A
 * nested list is read with its parent, and replaced as a whole when the parent
 * is created or updated with it; each element is also a record of its own kind.
 * @{ */

/** Kinds of records. Explicit values; the list only grows. */
typedef enum cxo_kind {
	CXO_KIND_MEETING = 1,    /**< a meeting: key { id } */
	CXO_KIND_TOPIC = 2,      /**< a topic: key { id } */
	CXO_KIND_LIFECYCLE = 3,  /**< a lifecycle with its statuses and transitions: key { id } */
	CXO_KIND_OBSERVATION = 4,  /**< a topic's status at a point in time: key { topic, lifecycle, point } */
	CXO_KIND_CONCLUSION = 5,   /**< a numbered statement of a meeting's communiqué: key { id } */
	CXO_KIND_ACTION = 6,       /**< what a conclusion asks someone to do: key { id } */
	CXO_KIND_FOLLOWUP = 7,     /**< an action's state at a later point: key { action, point } */
	CXO_KIND_REGISTRY = 8,     /**< an external list (Resolution 22 items, Focus Groups): key { id } */
	CXO_KIND_ITEM = 9,         /**< an entry of a registry, with its dated statuses: key { registry, id } */
	CXO_KIND_LINK = 10,        /**< a topic's link to an item: key { topic, registry, item } */
	CXO_KIND_RELATION = 11,    /**< a newer topic's relation to an older one: key { topic, type, older } */
	CXO_KIND_ORGANIZATION = 12, /**< a company or body that takes part: key { id } */
	CXO_KIND_ATTENDANCE = 13   /**< an organization at a meeting: key { meeting, organization } */
} cxo_kind;

/** The interchange name of a kind ("meeting"); NULL if unknown. Static. */
CXO_API const char *cxo_kind_name(int kind);

/** The kind of an interchange name ("meeting", also the plural "meetings"), or
 *  0 if there is none. */
CXO_API int cxo_kind_from_name(const char *name);

/**
 * Describe the fields of a kind, so that tools can build records without
 * knowing the data model: a new row (free it with cxo_row_free()) with
 * `name`, `plural`, `key` (a list of what each key part is) and `fields`, a list
 * of rows {name, type, required, key, values, default} in canonical order.
 * `type` is one of "id", "text", "integer", "boolean", "date", "enum",
 * "country", "point" (a meeting id or a date), "ids" (a list of ids), "texts"
 * (a list of texts), "sources" (a list of rows {ref, url, quote}), "records"
 * (nested records of another kind, such as a meeting's attendance) or "nested"
 * (rows of the kind's own shape, such as a lifecycle's statuses);
 * `values` lists an enum's values; `default` is the text an absent field takes.
 * Returns CXO_EINVAL for an unknown kind.
 */
CXO_API int cxo_kind_describe(cxo_row **out, cxo_kind kind);

/**
 * Create a record of `kind` from `rec` (its key fields included). Fields left
 * out take their defaults. Returns CXO_OK; CXO_WARNED if it was stored with a
 * warning (a transition the lifecycle disallows in "warn" mode); CXO_EEXISTS if
 * the key is taken; CXO_EINVAL for a bad or unknown field; CXO_ENOTFOUND for a
 * reference to a record that does not exist; CXO_ECONSTRAINT for a transition
 * refused in "strict" mode; CXO_EREADONLY on a read-only handle.
 */
CXO_API int cxo_record_create(cxo_db *db, cxo_kind kind, const cxo_row *rec);

/**
 * Change the record whose key fields `rec` gives: every field present in `rec`
 * replaces the stored value (a list replaces the stored list as a whole; null
 * clears the value), every absent field keeps it. Results as for
 * cxo_record_create(), with CXO_ENOTFOUND if there is no such record.
 * A change that leaves the record as it was writes nothing. Moving a meeting in
 * time moves its observations, whose transitions are checked again (warned
 * about or refused as the lifecycle says).
 */
CXO_API int cxo_record_update(cxo_db *db, cxo_kind kind, const cxo_row *rec);

/**
 * Read one record into a new row (free it with cxo_row_free()), in the
 * canonical shape of the interchange format. `key` holds `nkey` strings, as
 * listed above. Returns CXO_ENOTFOUND if there is no such record.
 */
CXO_API int cxo_record_get(cxo_row **out, cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey);

/** Flags of cxo_record_delete(). */
enum cxo_delete_flags {
	CXO_DELETE_CASCADE = 0x1 /**< also delete the records that refer to this one */
};

/**
 * Delete one record, with the records nested in it (a meeting's attendance, a
 * topic's relations and links, a conclusion's actions, an action's follow-ups).
 * While other records refer to it, the deletion is refused with
 * CXO_ECONSTRAINT and a message counting them, unless CXO_DELETE_CASCADE is
 * given; then:
 * - a meeting: its observations, conclusions and follow-ups are deleted, and
 *   actions due at it and relations and links holding since it lose that point;
 * - a topic: its observations and the relations of newer topics to it are
 *   deleted, and conclusions stop citing it;
 * - a lifecycle: its observations are deleted;
 * - a registry: its items and their links; an item: its links;
 * - an organization: its attendance records.
 * Each of those changes has an audit entry whose parent is the deletion's.
 * The built-in lifecycle "cto" is never deleted.
 * Deleting an observation joins its neighbours in time: if they make a
 * transition the lifecycle disallows, the deletion is refused in "strict" mode
 * (CXO_ECONSTRAINT) and done with CXO_WARNED in "warn" mode.
 */
CXO_API int cxo_record_delete(cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey, uint32_t flags);

/** Version of struct cxo_query. */
#define CXO_QUERY_VERSION 1

/** Flags of struct cxo_query. */
enum cxo_query_flags {
	CXO_QUERY_LINEAGE = 0x1,  /**< history: stitch in the predecessors' observations */
	CXO_QUERY_OPEN = 0x2,     /**< actions: only those open or in progress */
	CXO_QUERY_OVERDUE = 0x4,  /**< actions: only those overdue */
	CXO_QUERY_UNLINKED = 0x8  /**< items: only those no topic links to */
};

/**
 * Options of a query. Initialise with CXO_QUERY_INIT or cxo_query_init(), then
 * set what the query needs; each query's comment says which members it reads.
 * Every string is NULL for "not given".
 */
typedef struct cxo_query {
	unsigned int version;     /**< CXO_QUERY_VERSION */
	uint32_t flags;           /**< enum cxo_query_flags */
	const char *as_of;        /**< a point in time: ignore what is dated later (default: now) */
	const char *lifecycle;    /**< a lifecycle id (default "cto") */
	const char *kinds;        /**< tracked meeting kinds, comma-separated (default "cto,cxo,consultation,workshop") */
	const char *topic;        /**< restrict to a topic */
	const char *meeting;      /**< restrict to a meeting */
	const char *status;       /**< restrict to a status */
	const char *owner;        /**< actions: restrict to an owner ("TSB", "SG13") */
	const char *registry;     /**< items and links: restrict to a registry */
	const char *item;         /**< links: restrict to an item (with `registry`) */
	const char *organization; /**< attendance: restrict to an organization */
	const char *action;       /**< follow-ups: restrict to an action */
	const char *entity;       /**< audit log: restrict to a kind of record ("topic") */
	const char *key;          /**< audit log: restrict to a record's key, or the first part of one */
	const char *since;        /**< audit log: only entries at or after this UTC date or time */
} cxo_query;

/** A cxo_query with every option at its default. */
#define CXO_QUERY_INIT { CXO_QUERY_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Initialise `q` to its defaults for the given `version` (CXO_QUERY_VERSION). */
CXO_API int cxo_query_init(cxo_query *q, unsigned int version);

/**
 * List the records of `kind` (`q` may be NULL for the defaults). Each row has
 * the record's fields, as cxo_record_get() gives them, followed by fields the
 * library derives:
 * - meeting: in meeting order; `topics_discussed` (integer: topics observed at
 *   it); filter `q->kinds` (list only meetings of these kinds, if given).
 * - topic: by id; `status`, `point` and `date` of its latest observation in
 *   `q->lifecycle` as of `q->as_of` (null if none); filter `q->status`.
 * - lifecycle: by id.
 * - observation: by topic, lifecycle, then time; filters `q->topic`,
 *   `q->meeting`, `q->lifecycle` (all lifecycles if NULL), `q->status`,
 *   `q->as_of`.
 * - conclusion: by meeting order, then number and id; `date` (the meeting's);
 *   filters `q->meeting`, `q->topic` (conclusions about a topic, across
 *   meetings), `q->as_of`.
 * - action: by id; `meeting` (the conclusion's), `status` (its latest
 *   follow-up's as of `q->as_of`, else "open"), `age` (tracked meetings held
 *   since the conclusion's meeting, up to the as-of point or now), `overdue`
 *   (its due point is earlier than the as-of point and it is still open or in
 *   progress; a partial due date means the end of its period); filters
 *   `q->owner`, `q->status`, `q->meeting`, `q->topic`, `q->kinds`, flags
 *   CXO_QUERY_OPEN and CXO_QUERY_OVERDUE. Actions of conclusions dated after
 *   the as-of point are left out.
 * - followup: by action, then time; filters `q->action`, `q->meeting`, `q->as_of`.
 * - registry, organization: by id.
 * - item: by registry, then id; `status` (its latest status as of `q->as_of`)
 *   and `topics` (how many topics link to it then); filters `q->registry`,
 *   flag CXO_QUERY_UNLINKED; items whose first status is dated after the
 *   as-of point are left out.
 * - link: by topic, registry, item; `title` (the item's); filters `q->topic`
 *   (a topic's items), `q->registry` and `q->item` (an item's topics),
 *   `q->as_of` (links whose `since` is later are left out).
 * - relation: by topic, type, older; filters `q->topic` (relations from or to
 *   it), `q->as_of`.
 * - attendance: by meeting order, then organization; filters `q->meeting`,
 *   `q->organization`, `q->as_of`.
 */
CXO_API int cxo_record_list(cxo_cursor **out, cxo_db *db, cxo_kind kind, const cxo_query *q);

/** @} */

/** @defgroup history Topic history
 * @{ */

/**
 * A topic's history: its observations in `q->lifecycle` (default "cto") in time
 * order, as of `q->as_of`, one row each, with what the library derives:
 *
 * | field       | type   | meaning |
 * |-------------|--------|---------|
 * | topic       | text   | the topic |
 * | lifecycle   | text   | the lifecycle |
 * | point       | text   | the meeting id, or the date of an event between meetings |
 * | meeting     | text   | the meeting id; null for a dated event |
 * | date        | text   | the meeting's date or the event's date |
 * | kind        | text   | the meeting's kind; null for a dated event |
 * | status      | text   | the status observed |
 * | rank        | int    | the status's rank; null for a status without one |
 * | terminal    | bool   | whether the status is terminal |
 * | movement    | text   | new, advanced, regressed, reaffirmed, reopened or dropped |
 * | allowed     | bool   | whether the lifecycle's transitions allow this movement |
 * | gaps        | list   | ids of the tracked meetings since the previous row that did not discuss the topic |
 * | qualifier   | text   | agreed, noted or inferred |
 * | priority    | text   | high, medium, low, or null |
 * | note        | text   | or null |
 * | uncertain   | bool   | |
 * | sources     | list   | rows {ref, url, quote} |
 *
 * The movement compares a row with the previous one of the topic. `gaps`
 * counts meetings of the tracked kinds `q->kinds`. With `topic` NULL, the
 * histories of every topic follow one another, topic by topic in id order.
 * With the flag CXO_QUERY_LINEAGE the observations of the topic's
 * predecessors (followed through renamed-from, merged-from, split-from and
 * supersedes relations, transitively, never through related ones, and only
 * relations holding at the as-of point) are stitched in, each row naming the
 * topic it came from, with `inherited` true; rows at the same point come oldest
 * topic first. A row's movement then compares it with the latest earlier row of
 * its own topic or of that topic's predecessors, and its gaps are the tracked
 * meetings in between at which none of them was discussed.
 * Reads `q->as_of`, `q->lifecycle`, `q->kinds`, `q->flags`.
 * Returns CXO_ENOTFOUND for an unknown topic, lifecycle or as-of meeting.
 */
CXO_API int cxo_topic_history(cxo_cursor **out, cxo_db *db, const char *topic, const cxo_query *q);

/**
 * Rename a topic: create the topic `new_id` (with `title`, or the old title if
 * NULL; the old topic's description and tags; its aliases and its old title as
 * aliases), related to the old one by "renamed-from" since `since` (a point in
 * time, or NULL: from the start). The old topic and its history stay; with
 * CXO_QUERY_LINEAGE the new topic's history shows both. One audit entry (op
 * "rename", key "NEW OLD", the old topic before, the new one after).
 * Returns CXO_ENOTFOUND for an unknown topic, CXO_EEXISTS if `new_id` is taken.
 */
CXO_API int cxo_topic_rename(cxo_db *db, const char *old_id, const char *new_id, const char *title,
                             const char *since);

/** @} */

/** @defgroup sinks Sinks
 *
 * Exports and reports are written as they are produced, through a write
 * callback; cxo_buffer is a ready-made sink that collects the output in memory
 * (what the bindings use).
 * @{ */

/**
 * A sink: called with each piece of output in order. Returns 0 to go on, any
 * other value to stop the export or report, which then fails with CXO_EIO
 * (the value is not interpreted).
 */
typedef int (*cxo_write_fn)(void *ctx, const void *data, size_t len);

/** A growable in-memory buffer, usable as a sink with cxo_buffer_write(). */
typedef struct cxo_buffer cxo_buffer;

/** Create an empty buffer; free it with cxo_buffer_free(). */
CXO_API int cxo_buffer_new(cxo_buffer **out);

/** A cxo_write_fn that appends to the cxo_buffer passed as `ctx`. Returns 0, or
 *  non-zero when memory runs out. */
CXO_API int cxo_buffer_write(void *ctx, const void *data, size_t len);

/** The buffer's contents (NUL-terminated; `len`, if not NULL, receives their
 *  length without the NUL). Borrowed: valid until the next write or free. */
CXO_API const char *cxo_buffer_data(const cxo_buffer *buffer, size_t *len);

/** Free a buffer. NULL is fine. */
CXO_API void cxo_buffer_free(cxo_buffer *buffer);

/** @} */

/** @defgroup interchange Import and export (JSON interchange format, version 1)
 *
 * docs/interchange.md describes the format; docs/cxotrack-v1.schema.json is
 * its JSON Schema.
 * @{ */

/** Version of struct cxo_import_options. */
#define CXO_IMPORT_OPTIONS_VERSION 1

/** Flags of struct cxo_import_options. */
enum cxo_import_flags {
	CXO_IMPORT_REPLACE = 0x1, /**< the database becomes exactly the document(s) */
	CXO_IMPORT_LENIENT = 0x2, /**< unknown keys are skipped, with a warning each */
	CXO_IMPORT_CHECK = 0x4    /**< check everything, report, write nothing */
};

/**
 * Progress of an import: `done` records of `total` handled. Return 0 to go
 * on, non-zero to cancel (the import then fails with CXO_ECANCELED and writes
 * nothing).
 */
typedef int (*cxo_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/** Options of an import. Initialise with CXO_IMPORT_OPTIONS_INIT or
 *  cxo_import_options_init(). */
typedef struct cxo_import_options {
	unsigned int version;     /**< CXO_IMPORT_OPTIONS_VERSION */
	uint32_t flags;           /**< enum cxo_import_flags */
	const char *name;         /**< the document's name in messages and the audit log (cxo_import_json; default "document") */
	cxo_progress_fn progress; /**< called as records are handled (may be NULL) */
	void *progress_ctx;       /**< passed to `progress` */
	size_t max_size;          /**< bytes in one document (0: 256 MiB) */
	size_t max_depth;         /**< nesting of arrays and objects (0: 64) */
	size_t max_string;        /**< bytes in one string (0: 1 MiB) */
} cxo_import_options;

/** A cxo_import_options with every option at its default. */
#define CXO_IMPORT_OPTIONS_INIT { CXO_IMPORT_OPTIONS_VERSION, 0, NULL, NULL, NULL, 0, 0, 0 }

/** Initialise `opts` to its defaults for `version` (CXO_IMPORT_OPTIONS_VERSION). */
CXO_API int cxo_import_options_init(cxo_import_options *opts, unsigned int version);

/**
 * Import a document of the interchange format.
 *
 * In the default merge mode each top-level record is upserted by its key: a
 * key present in the document replaces the stored value (a list replaces the
 * stored list as a whole), an absent key keeps it. With CXO_IMPORT_REPLACE the
 * database becomes exactly the document: what it lacks is deleted (but the
 * built-in lifecycle "cto"), and references are checked against the document
 * alone. The whole document is checked, then written in one transaction: all
 * of it lands, or none of it. Importing the same document twice changes
 * nothing. An import that changes anything writes one audit entry for itself
 * (op "import", entity "document") and one per existing record it changes.
 *
 * Strict by default: an unknown key, a wrong type, a bad date or id, an
 * unknown reference, a duplicate key, invalid UTF-8, raw control characters,
 * `\u0000`, or a number that is not an integer where one belongs is refused
 * with CXO_EINVAL, CXO_ENOTFOUND or CXO_EFORMAT and a message naming the JSON
 * path (`observations[12].status: "deliverd" is not a status of lifecycle
 * "cto"`); a document over the limits with CXO_ELIMIT; a disallowed transition
 * in "strict" mode with CXO_ECONSTRAINT. With CXO_IMPORT_CHECK nothing is
 * written and the result says what would have been.
 *
 * `result` (may be NULL; free it with cxo_row_free()) receives a row
 * {"created": {...}, "updated": {...}, "unchanged": {...}, "deleted": {...},
 * "warnings": [...]}: per kind of top-level record ("meetings", "topics"...),
 * how many; and each warning (a transition disallowed in "warn" mode, an
 * unknown key skipped in lenient mode) as text. Returns CXO_OK, CXO_WARNED if
 * there were warnings, or an error (`*result` NULL).
 */
CXO_API int cxo_import_json(cxo_row **result, cxo_db *db, const char *json, size_t len,
                            const cxo_import_options *opts);

/**
 * Import several documents at once: they combine into one (a later document's
 * record replaces an earlier one's with the same key; within one document a key
 * may appear once) and land in one transaction. `names` (may be NULL) name
 * them in messages. Otherwise as cxo_import_json().
 */
CXO_API int cxo_import_buffers(cxo_row **result, cxo_db *db, const char *const *names, const char *const *docs,
                               const size_t *lens, size_t n, const cxo_import_options *opts);

/** Import files of the interchange format, as cxo_import_buffers()
 *  (CXO_ENOTFOUND for a file that does not exist, CXO_EIO for one that cannot
 *  be read). */
CXO_API int cxo_import_files(cxo_row **result, cxo_db *db, const char *const *paths, size_t n,
                             const cxo_import_options *opts);

/** Version of struct cxo_export_options. */
#define CXO_EXPORT_OPTIONS_VERSION 1

/** Options of an export. */
typedef struct cxo_export_options {
	unsigned int version; /**< CXO_EXPORT_OPTIONS_VERSION */
	uint32_t flags;       /**< reserved; 0 */
	const char *meeting;  /**< export one meeting (see cxo_export_json) */
	const char *topic;    /**< export one topic with its lineage */
} cxo_export_options;

/** A cxo_export_options that exports the whole database. */
#define CXO_EXPORT_OPTIONS_INIT { CXO_EXPORT_OPTIONS_VERSION, 0, NULL, NULL }

/** Initialise `opts` to its defaults for `version` (CXO_EXPORT_OPTIONS_VERSION). */
CXO_API int cxo_export_options_init(cxo_export_options *opts, unsigned int version);

/**
 * Write the database (or a part of it) as a document of the interchange
 * format, in canonical form, through `write`, record by record as it goes.
 * Canonical: keys in a fixed order, two spaces of indent, a final newline,
 * arrays in a fixed order (see docs/interchange.md), so that exporting,
 * importing into a new database and exporting again gives the same bytes.
 *
 * With `opts->meeting`: the meeting, its observations and conclusions, and the
 * records they refer to; with `opts->topic`: the topic and its predecessors,
 * with their observations and the records they refer to. Records a part refers
 * to but does not cover are written without their lists, so that importing the
 * part (in merge mode) leaves those lists as they are.
 * Returns CXO_ENOTFOUND for an unknown meeting or topic, CXO_EIO if `write`
 * returned non-zero (CXO_ENOMEM when `write` is cxo_buffer_write and the buffer
 * could not grow).
 */
CXO_API int cxo_export_json(cxo_db *db, const cxo_export_options *opts, cxo_write_fn write, void *ctx);

/** @} */

/** @defgroup reports Reports
 *
 * Every report is produced here, in JSON, Markdown, CSV (the tabular ones:
 * matrix, diff, followup, participation) or one self-contained HTML file
 * (inline CSS and SVG, no script, no external resource), written through a
 * sink as it is produced, one topic at a time. docs/reports.md documents each
 * report's JSON fields, which stay stable within a major version.
 * @{ */

/** The reports. Explicit values; the list only grows. */
typedef enum cxo_report_kind {
	CXO_REPORT_TSAG = 1,          /**< a meeting's conclusions and each topic it discussed, with its history (Res. 68 resolves 9) */
	CXO_REPORT_FOLLOWUP = 2,      /**< every action with its owner, age and follow-ups: overdue, open, closed (resolves 11) */
	CXO_REPORT_PERIOD = 3,        /**< what the meetings from one point to another achieved (resolves 12) */
	CXO_REPORT_MATRIX = 4,        /**< topics x meetings: the status observed, or a gap */
	CXO_REPORT_DIFF = 5,          /**< between two meetings: topics new, dropped from discussion, advanced, regressed; conclusions and actions */
	CXO_REPORT_AGENDA = 6,        /**< a planned agenda against the record and TSAG's Resolution 22 items (resolves 7) */
	CXO_REPORT_PARTICIPATION = 7, /**< per meeting: organizations by region, developing-country and SME shares, retention (resolves 2, 4, 6) */
	CXO_REPORT_ANALYSIS = 8,      /**< recurrence, time to assignment and delivery, topics that never advanced, attendance trend */
	CXO_REPORT_LINT = 9           /**< findings, each with a severity, a record and a reason */
} cxo_report_kind;

/** Output formats. */
typedef enum cxo_report_format {
	CXO_FORMAT_JSON = 1,     /**< one JSON object (docs/reports.md) */
	CXO_FORMAT_MARKDOWN = 2, /**< Markdown, for publishing (the ITU-T Newslog) */
	CXO_FORMAT_CSV = 3,      /**< RFC 4180 CSV of the report's table (tabular reports only) */
	CXO_FORMAT_HTML = 4      /**< one self-contained HTML page with an SVG timeline */
} cxo_report_format;

/** Version of struct cxo_report_options. */
#define CXO_REPORT_OPTIONS_VERSION 1

/** Options of a report. Initialise with CXO_REPORT_OPTIONS_INIT or
 *  cxo_report_options_init(); each report's documentation says which it reads. */
typedef struct cxo_report_options {
	unsigned int version;  /**< CXO_REPORT_OPTIONS_VERSION */
	int kind;              /**< enum cxo_report_kind */
	int format;            /**< enum cxo_report_format (default JSON) */
	const char *meeting;   /**< tsag: the meeting reported on; agenda: the meeting whose agenda is checked */
	const char *from;      /**< period, diff: the first point (a meeting id or a date; diff: a meeting) */
	const char *to;        /**< period, diff: the last point */
	const char *as_of;     /**< ignore what is dated later (default: the report's meeting, else now) */
	const char *kinds;     /**< tracked meeting kinds, comma-separated (default "cto,cxo,consultation,workshop") */
	const char *lifecycle; /**< the lifecycle to follow (default "cto") */
	const char *topics;    /**< agenda: the planned topics, comma-separated (instead of a meeting's agenda) */
	int stall;             /**< tracked meetings without an advance that make a topic stalled (0: 3) */
	uint32_t flags;        /**< reserved; 0 */
} cxo_report_options;

/** A cxo_report_options with every option at its default (kind and format to set). */
#define CXO_REPORT_OPTIONS_INIT { CXO_REPORT_OPTIONS_VERSION, 0, CXO_FORMAT_JSON, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 }

/** Initialise `opts` to its defaults for `version` (CXO_REPORT_OPTIONS_VERSION). */
CXO_API int cxo_report_options_init(cxo_report_options *opts, unsigned int version);

/** The name of a report ("tsag"), or NULL. Static. */
CXO_API const char *cxo_report_name(int kind);
/** The report named `name`, or 0. */
CXO_API int cxo_report_from_name(const char *name);
/** The name of a format ("json", "md", "csv", "html"), or NULL. Static. */
CXO_API const char *cxo_format_name(int format);
/** The format named `name` ("json", "md" or "markdown", "csv", "html"), or 0. */
CXO_API int cxo_format_from_name(const char *name);

/**
 * Produce a report through `write`. The whole report reads one consistent
 * state of the database; as of a point in time, a report equals the same
 * report of a database from which everything dated later was deleted.
 * Returns CXO_OK; for lint, CXO_WARNED (with the count in the message) when a
 * finding of severity "error" was made; CXO_EINVAL for a missing or bad option
 * (a tsag report without a meeting, CSV of a report that is not tabular);
 * CXO_ENOTFOUND for an unknown meeting, topic or lifecycle; CXO_EIO if `write`
 * returned non-zero (CXO_ENOMEM when `write` is cxo_buffer_write and the buffer
 * could not grow).
 */
CXO_API int cxo_report(cxo_db *db, const cxo_report_options *opts, cxo_write_fn write, void *ctx);

/** @} */

/** @defgroup search Full-text search
 * @{ */

/**
 * Search topic titles, aliases and descriptions, conclusion texts, observation
 * notes and action descriptions for `text` (its words, all of them, in any
 * order; case and accents ignored). Rows, best match first: `kind` ("topic",
 * "conclusion", "observation", "action"), `key` (the record's key, parts
 * separated by spaces), `title` (a topic's title, an action's owner), `snippet` (the matching text with
 * the words in [brackets]) and `rank` (lower is better). CXO_EINVAL if `text`
 * has no word.
 */
CXO_API int cxo_search(cxo_cursor **out, cxo_db *db, const char *text, const cxo_query *q);

/** @} */

/** @defgroup audit Audit log
 * @{ */

/**
 * The audit log, oldest first: one row per change with `id`, `time` (UTC,
 * "2026-11-30T08:44:12.123Z"), `actor`, `op` ("create", "update", "delete",
 * "import", "rename"), `entity` (the kind of record), `key` (its key, parts
 * separated by spaces), `before` and `after` (the record as rows, or null) and
 * `parent` (the id of the import or deletion the change was part of, or null).
 * Filters `q->entity` (a kind's name, or "document" for imports), `q->key` (a
 * whole key, or its first part: every observation of a topic; a rename is
 * found by either topic), `q->since` (a
 * UTC date or time: entries at or after it). CXO_EINVAL for a bad filter.
 */
CXO_API int cxo_audit_list(cxo_cursor **out, cxo_db *db, const cxo_query *q);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CXOTRACK_H */
