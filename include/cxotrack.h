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
 *   SQLite file, or not SQLite at all);
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
	CXO_TYPE_LIST = 5  /**< a nested list (a row whose fields have no names) */
};

/** Create an empty row with named fields, to fill with the setters.
 *  Free it with cxo_row_free(). */
CXO_API int cxo_row_new(cxo_row **out);

/** Parse a JSON object into a new row (numbers must be integers). Returns
 *  CXO_EFORMAT with the JSON path of the fault if `json` is not such an object. */
CXO_API int cxo_row_from_json(cxo_row **out, const char *json, size_t len);

/** Write a row as compact JSON (fields in their order) into a new buffer the
 *  caller frees with cxo_free(); `len` (may be NULL) receives its length. */
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

/** Text value of the field `name`; NULL if absent or of another type. Borrowed. */
CXO_API const char *cxo_row_text(const cxo_row *row, const char *name);

/** Nested row or list of the field `name`; NULL if absent or of another type. Borrowed. */
CXO_API const cxo_row *cxo_row_child(const cxo_row *row, const char *name);

/** Set the field `name` to text (copied). In a list, `name` must be NULL and the
 *  value is appended. Setting an existing field replaces its value in place. */
CXO_API int cxo_row_set_text(cxo_row *row, const char *name, const char *text);

/** Set the field `name` to an integer (see cxo_row_set_text() for lists). */
CXO_API int cxo_row_set_int(cxo_row *row, const char *name, int64_t value);

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
 * - meeting, topic, lifecycle: { id }
 * - observation: { topic, lifecycle, point } where point is a meeting id or a date
 * @{ */

/** Kinds of records. Explicit values; the list only grows. */
typedef enum cxo_kind {
	CXO_KIND_MEETING = 1,    /**< a meeting: key { id } */
	CXO_KIND_TOPIC = 2,      /**< a topic: key { id } */
	CXO_KIND_LIFECYCLE = 3,  /**< a lifecycle with its statuses and transitions: key { id } */
	CXO_KIND_OBSERVATION = 4 /**< a topic's status at a point in time: key { topic, lifecycle, point } */
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
 * "country", "ids" (a list of ids), "texts" (a list of texts), "sources" (a
 * list of rows {ref, url, quote}) or "nested" (rows of the kind's own shape);
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
 * Delete one record. While other records refer to it (observations at a
 * meeting, of a topic, in a lifecycle), the deletion is refused with
 * CXO_ECONSTRAINT and a message saying what refers to it, unless
 * CXO_DELETE_CASCADE is given. The built-in lifecycle "cto" is never deleted.
 * Deleting an observation joins its neighbours in time: if they make a
 * transition the lifecycle disallows, the deletion is refused in "strict" mode
 * (CXO_ECONSTRAINT) and done with CXO_WARNED in "warn" mode.
 */
CXO_API int cxo_record_delete(cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey, uint32_t flags);

/** Version of struct cxo_query. */
#define CXO_QUERY_VERSION 1

/**
 * Options of a query. Initialise with CXO_QUERY_INIT or cxo_query_init(), then
 * set what the query needs; each query's comment says which members it reads.
 * Every string is NULL for "not given".
 */
typedef struct cxo_query {
	unsigned int version;  /**< CXO_QUERY_VERSION */
	uint32_t flags;        /**< reserved for flags; 0 */
	const char *as_of;     /**< a point in time: ignore what is dated later (default: now) */
	const char *lifecycle; /**< a lifecycle id (default "cto") */
	const char *kinds;     /**< tracked meeting kinds, comma-separated (default "cto,cxo,consultation,workshop") */
	const char *topic;     /**< restrict to a topic */
	const char *meeting;   /**< restrict to a meeting */
	const char *status;    /**< restrict to a status */
} cxo_query;

/** A cxo_query with every option at its default. */
#define CXO_QUERY_INIT { CXO_QUERY_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL }

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
 * Reads `q->as_of`, `q->lifecycle`, `q->kinds`.
 * Returns CXO_ENOTFOUND for an unknown topic, lifecycle or as-of meeting.
 */
CXO_API int cxo_topic_history(cxo_cursor **out, cxo_db *db, const char *topic, const cxo_query *q);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CXOTRACK_H */
