#include "db.h"
#include "../util/alloc.h"
#include "../util/error.h"

#include <stdint.h>
#include <string.h>

static size_t slot_of(const cxo_db *db, const cxo__sql *def)
{
	uintptr_t h = (uintptr_t)def;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 7) & (db->nslots - 1);
}

static int grow(cxo_db *db)
{
	size_t n = db->nslots ? db->nslots * 2 : 64;
	cxo__stmt_slot *slots = cxo__calloc(n, sizeof *slots);
	if (!slots)
		return CXO_ENOMEM;
	cxo__stmt_slot *old = db->slots;
	size_t oldn = db->nslots;
	db->slots = slots;
	db->nslots = n;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i].def)
			continue;
		size_t k = slot_of(db, old[i].def);
		while (slots[k].def)
			k = (k + 1) & (n - 1);
		slots[k] = old[i];
	}
	cxo__free(old);
	return CXO_OK;
}

static cxo__stmt_slot *lookup(cxo_db *db, const cxo__sql *def)
{
	if ((db->used_slots + 1) * 2 > db->nslots && grow(db))
		return NULL;
	size_t k = slot_of(db, def);
	while (db->slots[k].def && db->slots[k].def != def)
		k = (k + 1) & (db->nslots - 1);
	cxo__stmt_slot *s = &db->slots[k];
	if (!s->def) {
		if (sqlite3_prepare_v3(db->sql, def->text, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL) != SQLITE_OK) {
			cxo__sqlerr(db, sqlite3_errcode(db->sql), "preparing a statement");
			s->stmt = NULL;
			return NULL;
		}
		s->def = def;
		s->busy = 0;
		db->used_slots++;
	}
	return s;
}

sqlite3_stmt *cxo__stmt(cxo_db *db, const cxo__sql *def)
{
	cxo__stmt_slot *s = lookup(db, def);
	if (!s)
		return NULL;
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
	return s->stmt;
}

void cxo__stmt_reset(sqlite3_stmt *st)
{
	if (st)
		sqlite3_reset(st);
}

sqlite3_stmt *cxo__stmt_acquire(cxo_db *db, const cxo__sql *def)
{
	cxo__stmt_slot *s = lookup(db, def);
	if (!s)
		return NULL;
	if (!s->busy) {
		s->busy = 1;
		sqlite3_reset(s->stmt);
		sqlite3_clear_bindings(s->stmt);
		return s->stmt;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, def->text, -1, &st, NULL) != SQLITE_OK) {
		cxo__sqlerr(db, sqlite3_errcode(db->sql), "preparing a statement");
		return NULL;
	}
	return st;
}

void cxo__stmt_release(cxo_db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t k = 0; k < db->nslots; k++) {
		if (db->slots[k].stmt == st) {
			sqlite3_reset(st);
			db->slots[k].busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
}

void cxo__stmt_cache_fini(cxo_db *db)
{
	for (size_t k = 0; k < db->nslots; k++)
		if (db->slots[k].stmt)
			sqlite3_finalize(db->slots[k].stmt);
	cxo__free(db->slots);
	db->slots = NULL;
	db->nslots = db->used_slots = 0;
}

int cxo__query_id(cxo_db *db, const cxo__sql *def, const char *param, int64_t *id, const char *what)
{
	return cxo__query_key(db, def, &param, 1, id, what);
}

int cxo__query_key(cxo_db *db, const cxo__sql *def, const char *const *params, size_t n, int64_t *id,
                   const char *what)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	for (size_t i = 0; i < n; i++)
		cxo__bind_text(st, (int)i + 1, params[i]);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, rc, what);
}

int cxo__exec_id(cxo_db *db, const cxo__sql *def, int64_t id, const char *what)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	sqlite3_bind_int64(st, 1, id);
	return cxo__step_done(db, st, what);
}

int cxo__query_ids(cxo_db *db, const cxo__sql *def, int64_t id, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	int src, rc = CXO_OK;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *grown = cxo__grow(*ids, &cap, *n + 1, sizeof **ids);
		if (!grown) {
			rc = CXO_ENOMEM;
			break;
		}
		*ids = grown;
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading row ids");
	if (rc) {
		cxo__free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int cxo__query_row(cxo_db *db, const cxo__sql *def, int64_t id, const char *what, sqlite3_stmt **out)
{
	*out = NULL;
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = st;
		return CXO_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return cxo__err(CXO_ENOTFOUND, "%s %lld vanished", what, (long long)id);
	return cxo__sqlerr(db, rc, what);
}

int cxo__bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

int cxo__bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(st, i, v);
}

int cxo__step_done(cxo_db *db, sqlite3_stmt *st, const char *what)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, rc, what);
}

int cxo__step_write(cxo_db *db, sqlite3_stmt *st, const char *what, int64_t *rowid)
{
	int rc = cxo__step_done(db, st, what);
	if (!rc && !*rowid)
		*rowid = sqlite3_last_insert_rowid(db->sql);
	return rc;
}

int cxo__sqlerr(cxo_db *db, int rc, const char *what)
{
	const char *msg = db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
	int code;
	switch (rc & 0xFF) {
	case SQLITE_NOMEM: code = CXO_ENOMEM; break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: code = CXO_EBUSY; break;
	case SQLITE_READONLY: code = CXO_EREADONLY; break;
	case SQLITE_CONSTRAINT: code = CXO_ECONSTRAINT; break;
	case SQLITE_NOTADB: code = CXO_EFORMAT; break;
	case SQLITE_MISUSE: code = CXO_EMISUSE; break;
	case SQLITE_TOOBIG: code = CXO_ELIMIT; break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CORRUPT:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL: code = CXO_ESTORAGE; break;
	default: code = CXO_ESTORAGE; break;
	}
	if (rc == SQLITE_IOERR_NOMEM)
		code = CXO_ENOMEM;
	if (code == CXO_ENOMEM) {
		/* SQLite out of memory can leave a virtual table half made (FTS5
		 * then reads the wrong columns): reopen before the next use */
		if (db)
			db->recover = 1;
		return cxo__err(code, "out of memory (%s)", what);
	}
	/* SQLite's message may name only the step that failed ("vtable
	 * constructor failed: search"): say what the storage did too */
	const char *kind = sqlite3_errstr(rc);
	if (code == CXO_ESTORAGE && kind && !strstr(msg, kind))
		return cxo__err(code, "%s: %s (%s; SQLite error %d)", what, msg, kind, rc);
	return cxo__err(code, "%s: %s (SQLite error %d)", what, msg, rc);
}
