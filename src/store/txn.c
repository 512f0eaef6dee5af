#include "db.h"
#include "../util/error.h"

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

static int begin(cxo_db *db, const cxo__sql *def, const char *what)
{
	int rc;
	if (db->depth == 0) {
		if ((rc = run(db, def, what)))
			return rc;
		if ((rc = check_version(db))) {
			run(db, &S_ROLLBACK, "rolling back");
			return rc;
		}
	} else if ((rc = run(db, &S_SAVEPOINT, what))) {
		return rc;
	}
	db->depth++;
	return CXO_OK;
}

static int end(cxo_db *db, int rc, const char *what)
{
	db->depth--;
	if (rc >= 0) {
		int crc = run(db, db->depth ? &S_RELEASE : &S_COMMIT, what);
		if (crc == CXO_OK)
			return rc;
		rc = crc;
	}
	/* undo, keeping the error that caused it */
	cxo__errsave saved;
	cxo__err_save(&saved);
	if (db->depth) {
		run(db, &S_ROLLBACK_TO, "rolling back");
		run(db, &S_RELEASE, "rolling back");
	} else if (!sqlite3_get_autocommit(db->sql)) {
		run(db, &S_ROLLBACK, "rolling back");
	}
	cxo__err_restore(&saved);
	db->gen++;
	return rc;
}

int cxo__write_begin(cxo_db *db)
{
	return begin(db, &S_BEGIN_IMMEDIATE, "starting a write transaction");
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
	return run(db, &S_ROLLBACK, "rolling back");
}
