/* The database handle and the store's internal interface: statements prepared
 * once per handle, transactions, and the mapping of SQLite results to ours. */
#ifndef CXO_STORE_DB_H
#define CXO_STORE_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "cxotrack.h"
#include "../util/buf.h"

/* A statement's SQL, defined once as a static object next to the code that
 * uses it; its address is the key of the per-handle statement cache. */
typedef struct cxo__sql {
	const char *text;
} cxo__sql;

typedef struct cxo__stmt_slot {
	const cxo__sql *def;
	sqlite3_stmt *stmt;
	int busy; /* held by a cursor */
} cxo__stmt_slot;

/* A cache of a small table, filled by the model and dropped whenever the
 * database may have changed under it (see cxo__db_changed). */
typedef struct cxo__held {
	void *data;
	void (*destroy)(void *data);
	int refs; /* the cache's own reference, and the holders' */
} cxo__held;

typedef struct cxo__cache {
	cxo__held *held;
	uint64_t gen; /* the handle's generation when filled */
} cxo__cache;

enum { CXO__CACHE_TIMELINE, CXO__CACHE_LIFECYCLES, CXO__CACHE_TOPICS, CXO__NCACHES };

/* Audit entries written by the open transaction and not yet stored: stored
 * together when it commits, many to a row (auditlog.c). */
typedef struct cxo__audit_lane {
	cxo__buf data; /* the entries, packed one after the other */
	size_t *start; /* where each begins in data */
	size_t n, cap_start;
	int64_t first; /* the id of the first */
	int64_t next;  /* the id of the next entry, 0 if not known */
	int prev_ok;   /* prev holds the last entry's time, actor, op, entity */
	size_t prev[4]; /* (offsets into data) */
} cxo__audit_lane;

/* Writes deferred to the end of the outermost write transaction (defer.c). */
enum { CXO__DEFER_TEXTS = 4 };
struct cxo__deferred;
typedef struct cxo__defer_queue {
	struct cxo__deferred *e;
	size_t n, cap;
	cxo__buf text; /* the entries' texts, one after the other */
	cxo__audit_lane audit; /* the audit log's entries */
	size_t (*marks)[3]; /* per depth: n, text.len and audit.n when its savepoint began */
	size_t cap_marks;
} cxo__defer_queue;

/* The last observation of each history (topic, lifecycle) the caller's
 * explicit transaction wrote, while nothing else changed (tails.c). */
typedef struct cxo__tail {
	int64_t topic, lifecycle;
	uint32_t epoch;  /* the slot is taken if it equals the table's */
	int32_t status;  /* index in the lifecycle */
	char pos[64];    /* its point's sort key; longer ones are not kept */
} cxo__tail;
typedef struct cxo__tails {
	cxo__tail *slot; /* open addressing, a power of two of them */
	size_t cap, n;
	uint32_t epoch;
	uint64_t gen;    /* the handle's generation ... */
	int64_t witness; /* ... and sqlite3_total_changes64() the table describes */
	int pending;     /* `next` is being written */
	cxo__tail next;
} cxo__tails;

struct cxo_db {
	sqlite3 *sql;
	char *path;
	char *actor;
	int readonly;
	int closed;          /* cxo_db_close() was called; released when refs reaches 0 */
	int refs;            /* open cursors */
	int depth;           /* nesting of internal transactions */
	int explicit_txn;    /* the caller began a transaction */
	int whole;           /* the open transaction lands whole or not at all (an import): changes
	                      * inside it take no savepoints of their own (txn.c) */
	char stamp[64];          /* the audit log's time to the second, formatted at stamp_sec (audit.c) */
	time_t stamp_sec;
	int checked;             /* depth of the change running without a savepoint, else 0 (txn.c) */
	int64_t checked_changes; /* sqlite3_total_changes64() when it began */
	cxo__stmt_slot *slots;
	size_t nslots, used_slots;
	/* caches of small tables, valid while `gen` is unchanged */
	uint64_t gen;
	int64_t data_version;
	cxo__cache caches[CXO__NCACHES];
	int64_t import_audit; /* audit entry of the import in progress, else 0 */
	int recover;          /* SQLite failed in a way that may leave the connection damaged: reopen it (db.c) */
	int busy_ms;          /* the busy timeout, set again on a reopened connection */
	char *open_uri;       /* the URI a read-only handle reads an immutable file through, or NULL */
	cxo__defer_queue deferred; /* full-text index writes and audit entries waiting for the commit (defer.c) */
	cxo__tails tails;          /* where each history ends, through a bulk write (tails.c) */
};

/* Check that `db` is usable (not NULL, not closed); `fn` names the caller. */
int cxo__db_usable(cxo_db *db, const char *fn);
/* ... and writable. */
int cxo__db_writable(cxo_db *db, const char *fn);

/* The cached statement for `def`, reset and with its bindings cleared; NULL
 * (error set) if it cannot be prepared. Callers step it and reset it before
 * returning (cxo__stmt_reset), so that no read transaction is left open. */
sqlite3_stmt *cxo__stmt(cxo_db *db, const cxo__sql *def);
void cxo__stmt_reset(sqlite3_stmt *st);
/* For cursors, which hold a statement across calls: the cached statement if
 * no other cursor holds it, else a fresh one. Release it with
 * cxo__stmt_release(). */
sqlite3_stmt *cxo__stmt_acquire(cxo_db *db, const cxo__sql *def);
void cxo__stmt_release(cxo_db *db, sqlite3_stmt *st);
void cxo__stmt_cache_fini(cxo_db *db);

/* Map a SQLite result to ours with a message "what: sqlite's message". */
int cxo__sqlerr(cxo_db *db, int rc, const char *what);

/* Step a statement that returns no row (or whose rows are ignored), then reset
 * it. Returns CXO_OK or the mapped error. */
int cxo__step_done(cxo_db *db, sqlite3_stmt *st, const char *what);
/* cxo__step_done for an INSERT or an UPDATE of a record: when *rowid is 0 (an
 * insert), set it to the new row's id. */
int cxo__step_write(cxo_db *db, sqlite3_stmt *st, const char *what, int64_t *rowid);

/* The integer the query `def` returns for one text parameter (a row id found by
 * a slug): *id = 0 if it returns no row. */
int cxo__query_id(cxo_db *db, const cxo__sql *def, const char *param, int64_t *id, const char *what);
/* Run `def` bound to one integer (a DELETE by row id), which returns no row. */
int cxo__exec_id(cxo_db *db, const cxo__sql *def, int64_t id, const char *what);
/* The same for `n` text parameters (a row id found by a key of several parts). */
int cxo__query_key(cxo_db *db, const cxo__sql *def, const char *const *params, size_t n, int64_t *id,
                   const char *what);
/* Step `def` bound to one row id onto its row: CXO_OK with *out on the row
 * (reset it when done), CXO_ENOTFOUND "<what> <id> vanished" if there is none. */
int cxo__query_row(cxo_db *db, const cxo__sql *def, int64_t id, const char *what, sqlite3_stmt **out);

/* Every integer the query `def` returns in its first column, for one integer
 * parameter `id` if it takes one (the row ids of a record's children or referrers), read in
 * full before the caller changes anything. Free *ids with cxo__free. */
int cxo__query_ids(cxo_db *db, const cxo__sql *def, int64_t id, int64_t **ids, size_t *n);

/* Bind helpers: NULL text binds NULL. */
int cxo__bind_text(sqlite3_stmt *st, int i, const char *s);
int cxo__bind_int(sqlite3_stmt *st, int i, int64_t v);

/* Transactions. A write opens BEGIN IMMEDIATE, or a savepoint inside an open
 * transaction, so that a failed change undoes only itself (but see
 * cxo__write_begin_checked). `end` commits when rc >= 0 and rolls back
 * otherwise; it returns rc, or the commit's error. */
int cxo__write_begin(cxo_db *db);
int cxo__write_end(cxo_db *db, int rc);
/* The same for a change that makes every refusal before its first write: in
 * the caller's explicit transaction it takes no savepoint (each costs SQLite a
 * copy of every page the change touches). Refused, it leaves the transaction
 * as it was; failing part-way through its writes (out of memory, I/O), it
 * rolls the whole transaction back, as SQLite itself does after most such
 * failures, and the caller is told so. */
int cxo__write_begin_checked(cxo_db *db);
/* A read of several statements that must see one snapshot. */
int cxo__read_begin(cxo_db *db);
int cxo__read_end(cxo_db *db, int rc);

/* Note that cached tables changed through this handle (or may have). */
void cxo__db_changed(cxo_db *db);
/* Called at the start of queries: drop the caches if another connection
 * committed since they were filled. */
int cxo__db_refresh(cxo_db *db);

/* The cached data if still valid, else NULL (the stale data is destroyed). */
void *cxo__cache_get(cxo_db *db, int which);
/* Keep `data` as the cache `which` for the current generation. On failure
 * (CXO_ENOMEM) `data` is destroyed. */
int cxo__cache_set(cxo_db *db, int which, void *data, void (*destroy)(void *));
/* Keep the current data of cache `which` alive past later changes (a cursor
 * reading it across calls); NULL if the cache is empty. */
cxo__held *cxo__cache_hold(cxo_db *db, int which);
void cxo__cache_release(cxo__held *h);

/* Release a handle whose last cursor is gone (after cxo_db_close). */
void cxo__db_unref(cxo_db *db);

/* Writes deferred to the end of the outermost write transaction (defer.c):
 * the full-text index's, which FTS5 would write to disk at every savepoint.
 * `def` is run with ?1 bound to `id` and ?2... to the texts (copied; NULL
 * binds null), just before the transaction commits, in the order deferred. */
int cxo__defer(cxo_db *db, const cxo__sql *def, int64_t id, const char *const *texts, size_t ntexts);
/* Run what is deferred now (a query that must see it), outside any savepoint. */
int cxo__defer_run(cxo_db *db);
/* The transaction machinery (txn.c): remember where the savepoint of `depth`
 * begins, drop what was deferred since, drop everything. */
int cxo__defer_mark(cxo_db *db, int depth);
void cxo__defer_undo(cxo_db *db, int depth);
void cxo__defer_clear(cxo_db *db);
void cxo__defer_fini(cxo_db *db);

/* The audit log's storage (auditlog.c). Each row of the table `audit` holds
 * one entry in its columns and, packed in `packed`, the `more` entries that
 * follow it (ids id + 1 ... id + more): the entries of a transaction are
 * queued and stored together when it commits, which costs SQLite one row per
 * run of entries instead of one per entry. */
typedef struct cxo__audit_entry {
	int64_t id;
	const char *time, *actor, *op, *entity, *key;
	const char *before, *after; /* the records as JSON, or NULL */
	int64_t parent;             /* the entry this one is part of, or 0 */
} cxo__audit_entry;
/* Queue `e` (its texts copied) to be stored with the open write transaction,
 * setting e->id. What is queued is dropped with the savepoint or transaction
 * that undoes it (cxo__defer_undo, cxo__defer_clear). */
int cxo__auditlog_add(cxo_db *db, cxo__audit_entry *e);
/* Replace the record after of the queued entry `id` (an import's, once its
 * counts are known). */
int cxo__auditlog_set_after(cxo_db *db, int64_t id, const char *after);
/* Store the queued entries now (all or none of them). */
int cxo__auditlog_flush(cxo_db *db);
/* ... if they have grown past what a transaction should hold in memory. */
int cxo__auditlog_flush_large(cxo_db *db);
void cxo__auditlog_truncate(cxo_db *db, size_t n);
void cxo__auditlog_fini(cxo_db *db);
/* Reading the log in the order of the ids: cxo__auditlog_read_next sets *e
 * (its texts valid until the next call) and returns CXO_OK, CXO_DONE at the
 * end, or an error. `st` is a statement from cxo__auditlog_read_sql. */
typedef struct cxo__audit_reader {
	sqlite3_stmt *st;
	const char *p, *end; /* the packed entries of the row not read yet */
	int64_t left;        /* how many */
	cxo__audit_entry last;
} cxo__audit_reader;
extern const cxo__sql cxo__auditlog_read_sql;
int cxo__auditlog_read_next(cxo_db *db, cxo__audit_reader *r, cxo__audit_entry *e);

/* The last observation of each history, remembered through the caller's
 * explicit transaction (tails.c), so that writing one after it needs no look
 * at the history. cxo__tail_get: the last observation of (topic, lifecycle)
 * if the handle knows it and nothing changed the database since, else NULL.
 * cxo__tail_expect: the observation about to be written at `pos`, with
 * status index `status`, will be the last of its history (the caller knows:
 * nothing follows it); cxo__tail_written: it was written, with its audit
 * entry and sources, and nothing else since the expectation. A change that is
 * not announced this way makes the handle forget every history. */
const cxo__tail *cxo__tail_get(cxo_db *db, int64_t topic, int64_t lifecycle);
void cxo__tail_expect(cxo_db *db, int64_t topic, int64_t lifecycle, const char *pos, long status);
void cxo__tail_written(cxo_db *db, int64_t topic, int64_t lifecycle, const char *pos);
/* Forget them all and free the table (the transaction ended). */
void cxo__tails_fini(cxo_db *db);
/* The handle wrote rows that end no history (the audit log's) and moved
 * sqlite3_total_changes64() from `before` to the present count: what the table
 * knew then still holds. */
void cxo__tails_rebase(cxo_db *db, int64_t before);

/* Schema (schema.c) */
enum { CXO__APPLICATION_ID = 0x43584F54 /* "CXOT" */ };
int cxo__schema_version(void);
/* Bring a new or older database to the current schema in one transaction. */
int cxo__schema_migrate(cxo_db *db, int from_version);
/* Refuse a schema holding objects this library did not create, or lacking
 * ones it needs. */
int cxo__schema_verify(cxo_db *db);
/* Only the first half of cxo__schema_verify: refuse objects no version of
 * the schema creates (planted triggers, views, tables, indexes), in a file of
 * any version, before a migration touches it. */
int cxo__schema_verify_planted(cxo_db *db);

#endif
