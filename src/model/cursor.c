/* Cursors: the rows of a query, one at a time. */
#include "model.h"
#include "../util/alloc.h"

int cxo__cursor_new(cxo_cursor **out, cxo_db *db, const cxo__cursor_ops *ops, void *state)
{
	cxo_cursor *cur = cxo__calloc(1, sizeof *cur);
	if (!cur) {
		*out = NULL;
		return CXO_ENOMEM;
	}
	cur->ops = ops;
	cur->db = db;
	cur->state = state;
	cxo__arena_init(&cur->arena);
	db->refs++;
	*out = cur;
	return CXO_OK;
}

CXO_API int cxo_cursor_next(const cxo_row **row, cxo_cursor *cur)
{
	if (!row)
		return cxo__err(CXO_EMISUSE, "cxo_cursor_next: row is NULL");
	*row = NULL;
	if (!cur)
		return cxo__err(CXO_EMISUSE, "cxo_cursor_next: the cursor is NULL");
	if (cur->done)
		return CXO_DONE;
	cxo__arena_reset(&cur->arena);
	cur->row = NULL;
	int rc = cur->ops->next(cur);
	if (rc != CXO_OK) {
		cur->done = 1;
		return rc;
	}
	*row = cur->row;
	return CXO_OK;
}

CXO_API int cxo_cursor_json(char **out, size_t *len, cxo_cursor *cur)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_cursor_json: out is NULL");
	*out = NULL;
	if (!cur)
		return cxo__err(CXO_EMISUSE, "cxo_cursor_json: the cursor is NULL");
	cxo__buf b = CXO__BUF_INIT;
	const cxo_row *row;
	int rc, first = 1;
	cxo__buf_addc(&b, '[');
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		if (!first)
			cxo__buf_addc(&b, ',');
		first = 0;
		if ((rc = cxo__row_write_json(&b, row, -1)))
			break;
	}
	if (rc != CXO_DONE) {
		cxo__buf_fini(&b);
		return rc;
	}
	cxo__buf_addc(&b, ']');
	*out = cxo__buf_detach(&b, len);
	return *out ? CXO_OK : CXO_ENOMEM;
}

CXO_API void cxo_cursor_free(cxo_cursor *cur)
{
	if (!cur)
		return;
	cur->ops->destroy(cur);
	cxo__arena_fini(&cur->arena);
	cxo_db *db = cur->db;
	cxo__free(cur);
	cxo__db_unref(db);
}

int cxo__row_add_column_text(cxo_row *r, const char *name, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return cxo__row_add_null(r, name);
	const char *s = (const char *)sqlite3_column_text(st, col);
	if (!s)
		return CXO_ENOMEM;
	return cxo__row_add_textn(r, name, s, (size_t)sqlite3_column_bytes(st, col));
}

int cxo__row_add_column_int(cxo_row *r, const char *name, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return cxo__row_add_null(r, name);
	return cxo__row_add_int(r, name, sqlite3_column_int64(st, col));
}

/* ---- a cursor over the records a query selects ---- */

typedef struct rowid_state {
	sqlite3_stmt *st;
	const cxo__kind_ops *k;
	cxo__derive_fn derive;
	void *arg;
	void (*arg_free)(void *);
	char **binds; /* copies: the caller's strings may not outlive the cursor */
	size_t nbinds;
} rowid_state;

static int rowid_next(cxo_cursor *cur)
{
	rowid_state *s = cur->state;
	for (;;) {
		int src = sqlite3_step(s->st);
		if (src == SQLITE_DONE) {
			cxo__stmt_reset(s->st);
			return CXO_DONE;
		}
		if (src != SQLITE_ROW)
			return cxo__sqlerr(cur->db, src, "reading records");
		int64_t rowid = sqlite3_column_int64(s->st, 0);
		cxo__arena_reset(&cur->arena);
		cxo_row *row = cxo__row_new_in(&cur->arena, 0);
		if (!row)
			return CXO_ENOMEM;
		int rc = cxo__record_load(cur->db, s->k, rowid, row);
		if (rc == CXO_ENOTFOUND)
			continue; /* deleted through this handle since the cursor began */
		if (!rc && s->derive)
			rc = s->derive(cur->db, rowid, row, s->arg);
		if (rc == 1)
			continue;
		if (rc)
			return rc;
		cur->row = row;
		return CXO_OK;
	}
}

static void rowid_destroy(cxo_cursor *cur)
{
	rowid_state *s = cur->state;
	cxo__stmt_release(cur->db, s->st);
	if (s->arg_free)
		s->arg_free(s->arg);
	for (size_t i = 0; i < s->nbinds; i++)
		cxo__free(s->binds[i]);
	cxo__free(s->binds);
	cxo__free(s);
}

static const cxo__cursor_ops ROWID_OPS = { rowid_next, rowid_destroy };

int cxo__rowid_cursor(cxo_cursor **out, cxo_db *db, const cxo__kind_ops *k, const cxo__sql *sql,
                      const char *const *binds, size_t nbinds, cxo__derive_fn derive, void *arg,
                      void (*arg_free)(void *))
{
	*out = NULL;
	rowid_state *s = cxo__calloc(1, sizeof *s);
	int rc = s ? CXO_OK : CXO_ENOMEM;
	if (!rc && nbinds && !(s->binds = cxo__calloc(nbinds, sizeof *s->binds)))
		rc = CXO_ENOMEM;
	if (s && !rc)
		s->nbinds = nbinds;
	for (size_t i = 0; i < nbinds && !rc; i++)
		if (binds[i] && !(s->binds[i] = cxo__strdup(binds[i])))
			rc = CXO_ENOMEM;
	if (!rc && !(s->st = cxo__stmt_acquire(db, sql)))
		rc = cxo_errcode();
	if (rc) {
		if (s) {
			s->arg = arg;
			s->arg_free = arg_free;
			cxo_cursor tmp = { .db = db, .state = s };
			rowid_destroy(&tmp);
		} else if (arg_free) {
			arg_free(arg);
		}
		return rc;
	}
	for (size_t i = 0; i < nbinds; i++)
		cxo__bind_text(s->st, (int)i + 1, s->binds[i]);
	s->k = k;
	s->derive = derive;
	s->arg = arg;
	s->arg_free = arg_free;
	rc = cxo__cursor_new(out, db, &ROWID_OPS, s);
	if (rc) {
		cxo_cursor tmp = { .db = db, .state = s };
		rowid_destroy(&tmp);
	}
	return rc;
}

int cxo__count(cxo_db *db, const cxo__sql *def, int64_t id, int64_t *n)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	if (sqlite3_bind_parameter_count(st) > 0)
		cxo__bind_int(st, 1, id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	cxo__stmt_reset(st);
	return rc == SQLITE_ROW ? CXO_OK : cxo__sqlerr(db, rc, "counting references");
}
