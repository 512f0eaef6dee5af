#include "db.h"
#include "../util/error.h"

#include <string.h>

static const cxo__sql S_BEGIN_IMMEDIATE = { "BEGIN IMMEDIATE" };
static const cxo__sql S_BEGIN_DEFERRED = { "BEGIN DEFERRED" };
static const cxo__sql S_COMMIT = { "COMMIT" };
static const cxo__sql S_ROLLBACK = { "ROLLBACK" };
static const cxo__sql S_SAVEPOINT = { "SAVEPOINT cxo" };
static const cxo__sql S_RELEASE = { "RELEASE cxo" };
static const cxo__sql S_ROLLBACK_TO = { "ROLLBACK TO cxo" };
static const cxo__sql S_DATA_VERSION = { "PRAGMA data_version" };

static int run(cxo_db *db, const cxo__sql *def, const char *what)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	return cxo__step_done(db, st, what);
}

void cxo__db_changed(cxo_db *db)
{
	db->gen++;
}

/* Compare the data version with the one the caches were filled at. Inside a
 * transaction nothing else can change the database. */
static int check_version(cxo_db *db)
{
	sqlite3_stmt *st = cxo__stmt(db, &S_DATA_VERSION);
	if (!st)
		return cxo_errcode();
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return cxo__sqlerr(db, rc, "reading the data version");
	}
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (v != db->data_version) {
		db->data_version = v;
		db->gen++;
	}
	return CXO_OK;
}

int cxo__db_refresh(cxo_db *db)
{
	return db->depth ? CXO_OK : check_version(db);
}

/* Between two changes of the caller's transaction, store the audit entries
 * queued if they have grown large (the queue holds only whole changes then). */
static int between_changes(cxo_db *db)
{
	return db->depth == 1 && db->explicit_txn && !sqlite3_get_autocommit(db->sql) ? cxo__auditlog_flush_large(db)
	                                                                             : CXO_OK;
}

static int begin(cxo_db *db, const cxo__sql *def, const char *what)
{
	int rc = between_changes(db);
	if (rc)
		return rc;
	if (db->depth == 0) {
		cxo__defer_clear(db); /* left by a transaction an error ended */
		if ((rc = run(db, def, what)))
			return rc;
		if ((rc = check_version(db))) {
			run(db, &S_ROLLBACK, "rolling back");
			return rc;
		}
	} else if (db->whole) {
		/* any failure inside undoes all of it: no savepoint to pay for */
	} else if (sqlite3_get_autocommit(db->sql)) {
		/* an error rolled the caller's transaction back (see end()): a
		 * savepoint now would open and commit a transaction of its own */
		return cxo__err(CXO_ESTORAGE, "%s: the transaction was rolled back by an earlier error; end it with "
		                              "cxo_db_rollback()", what);
	} else if ((rc = cxo__defer_mark(db, db->depth)) || (rc = run(db, &S_SAVEPOINT, what))) {
		return rc;
	}
	db->depth++;
	return CXO_OK;
}

static int end(cxo_db *db, int rc, const char *what)
{
	db->depth--;
	if (db->depth && db->whole) {
		/* the transaction's owner undoes all of it when this fails */
		if (rc < 0)
			db->gen++;
		return rc;
	}
	int flat = db->checked && db->checked == db->depth + 1;
	if (flat) {
		db->checked = 0;
		if (rc >= 0)
			return rc;
		if (!sqlite3_get_autocommit(db->sql) && sqlite3_total_changes64(db->sql) == db->checked_changes) {
			/* refused before its first write: nothing to undo but its queue */
			cxo__defer_undo(db, db->depth);
			if (rc == CXO_ENOMEM)
				db->recover = 1;
			db->gen++;
			return rc;
		}
		/* it failed part-way through its writes, which only a storage
		 * failure does: with no savepoint, the transaction goes */
	}
	if (rc >= 0) {
		/* the full-text index writes the changes queued (defer.c) */
		int crc = db->depth ? CXO_OK : cxo__defer_run(db);
		if (crc == CXO_OK)
			crc = run(db, db->depth ? &S_RELEASE : &S_COMMIT, what);
		if (crc == CXO_OK)
			return rc;
		rc = crc;
	}
	if (db->depth && !flat)
		cxo__defer_undo(db, db->depth);
	else
		cxo__defer_clear(db);
	/* undo, keeping the error that caused it. SQLite rolls the whole
	 * transaction back by itself after some errors (out of memory, I/O error,
	 * disk full), and its FTS5 (3.40) then keeps a stale view of the search
	 * index, which the next write through the connection corrupts
	 * (tests/robust/test_alloc_fault.c): the handle reopens its connection
	 * before its next use (cxo__db_usable). */
	int lost = sqlite3_get_autocommit(db->sql);
	if (lost || rc == CXO_ENOMEM)
		db->recover = 1;
	cxo__errsave saved;
	cxo__err_save(&saved);
	if (db->depth && !flat && !lost) {
		run(db, &S_ROLLBACK_TO, "rolling back");
		run(db, &S_RELEASE, "rolling back");
	} else if (!lost) {
		run(db, &S_ROLLBACK, "rolling back");
	}
	cxo__err_restore(&saved);
	if (db->depth && (lost || flat) && db->explicit_txn && !strstr(saved.msg, "the transaction was rolled back"))
		cxo__err_prefix("the transaction was rolled back: ");
	db->gen++;
	return rc;
}

int cxo__write_begin(cxo_db *db)
{
	return begin(db, &S_BEGIN_IMMEDIATE, "starting a write transaction");
}

int cxo__write_begin_checked(cxo_db *db)
{
	if (!db->explicit_txn || db->depth != 1 || db->whole || db->checked || sqlite3_get_autocommit(db->sql))
		return cxo__write_begin(db);
	int rc = between_changes(db);
	if (!rc)
		rc = cxo__defer_mark(db, db->depth);
	if (rc)
		return rc;
	db->checked = ++db->depth;
	db->checked_changes = sqlite3_total_changes64(db->sql);
	return CXO_OK;
}

int cxo__write_end(cxo_db *db, int rc)
{
	return end(db, rc, "committing");
}

int cxo__read_begin(cxo_db *db)
{
	return begin(db, &S_BEGIN_DEFERRED, "starting a read transaction");
}

int cxo__read_end(cxo_db *db, int rc)
{
	return end(db, rc, "ending a read transaction");
}

CXO_API int cxo_db_begin(cxo_db *db)
{
	int rc = cxo__db_writable(db, "cxo_db_begin");
	if (rc)
		return rc;
	if (db->explicit_txn)
		return cxo__err(CXO_EMISUSE, "cxo_db_begin: a transaction is already open");
	if ((rc = cxo__write_begin(db)))
		return rc;
	db->explicit_txn = 1;
	return CXO_OK;
}

CXO_API int cxo_db_commit(cxo_db *db)
{
	int rc = cxo__db_usable(db, "cxo_db_commit");
	if (rc)
		return rc;
	if (!db->explicit_txn)
		return cxo__err(CXO_EMISUSE, "cxo_db_commit: no transaction is open");
	db->explicit_txn = 0;
	cxo__tails_fini(db);
	if (sqlite3_get_autocommit(db->sql)) {
		db->depth--;
		db->gen++;
		return cxo__err(CXO_ESTORAGE, "cxo_db_commit: the transaction was rolled back by an earlier error; nothing "
		                              "was committed");
	}
	return end(db, CXO_OK, "committing");
}

CXO_API int cxo_db_rollback(cxo_db *db)
{
	int rc = cxo__db_usable(db, "cxo_db_rollback");
	if (rc)
		return rc;
	if (!db->explicit_txn)
		return cxo__err(CXO_EMISUSE, "cxo_db_rollback: no transaction is open");
	db->explicit_txn = 0;
	db->depth--;
	db->gen++;
	cxo__defer_clear(db);
	cxo__tails_fini(db);
	if (sqlite3_get_autocommit(db->sql))
		return CXO_OK; /* an error rolled it back already */
	return run(db, &S_ROLLBACK, "rolling back");
}
