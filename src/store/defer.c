/* Writes deferred to the end of the outermost write transaction: the
 * full-text index's, and the audit log's entries (auditlog.c).
 *
 * The full-text index is an FTS5 table, and FTS5 writes what it holds in
 * memory to disk as a new segment at every savepoint and release. Most changes
 * run in a savepoint of their own (so that a failing one undoes only itself),
 * so a bulk write through the API, or an import, would write one tiny segment
 * per record with text and spend its time merging them. Instead the changes
 * queue their index writes here, and the queue runs, in order, just before the
 * transaction commits, where FTS5 writes them as a few large segments. A change
 * that fails takes its entries back out with it; a transaction rolled back
 * drops them all. */
#include "db.h"
#include "../util/alloc.h"
#include "../util/error.h"

#include <stdint.h>
#include <string.h>

enum { NO_TEXT = SIZE_MAX };

struct cxo__deferred {
	const cxo__sql *def;
	int64_t id;
	size_t ntexts;
	size_t text[CXO__DEFER_TEXTS]; /* offsets into q->text, NO_TEXT for null */
};

static int text_add(cxo__defer_queue *q, const char *s, size_t *off)
{
	if (!s) {
		*off = NO_TEXT;
		return CXO_OK;
	}
	size_t n = strlen(s) + 1;
	if (cxo__buf_reserve(&q->text, n))
		return CXO_ENOMEM;
	memcpy(q->text.data + q->text.len, s, n);
	*off = q->text.len;
	q->text.len += n;
	return CXO_OK;
}

int cxo__defer(cxo_db *db, const cxo__sql *def, int64_t id, const char *const *texts, size_t ntexts)
{
	cxo__defer_queue *q = &db->deferred;
	if (ntexts > CXO__DEFER_TEXTS)
		return cxo__err(CXO_ERROR, "internal: %zu texts deferred, at most %d", ntexts, CXO__DEFER_TEXTS);
	struct cxo__deferred *grown = cxo__grow(q->e, &q->cap, q->n + 1, sizeof *q->e);
	if (!grown)
		return CXO_ENOMEM;
	q->e = grown;
	struct cxo__deferred *e = &q->e[q->n];
	size_t text_len = q->text.len;
	e->def = def;
	e->id = id;
	e->ntexts = ntexts;
	for (size_t i = 0; i < ntexts; i++) {
		if (text_add(q, texts[i], &e->text[i])) {
			q->text.len = text_len;
			return CXO_ENOMEM;
		}
	}
	q->n++;
	return CXO_OK;
}

int cxo__defer_mark(cxo_db *db, int depth)
{
	cxo__defer_queue *q = &db->deferred;
	size_t need = (size_t)depth + 1;
	if (need > q->cap_marks) {
		size_t (*grown)[3] = cxo__grow(q->marks, &q->cap_marks, need, sizeof *q->marks);
		if (!grown)
			return CXO_ENOMEM;
		q->marks = grown;
	}
	q->marks[depth][0] = q->n;
	q->marks[depth][1] = q->text.len;
	q->marks[depth][2] = q->audit.n;
	return CXO_OK;
}

void cxo__defer_undo(cxo_db *db, int depth)
{
	cxo__defer_queue *q = &db->deferred;
	if ((size_t)depth >= q->cap_marks)
		return;
	cxo__auditlog_truncate(db, q->marks[depth][2]);
	if (q->marks[depth][0] > q->n)
		return;
	q->n = q->marks[depth][0];
	q->text.len = q->marks[depth][1];
}

void cxo__defer_clear(cxo_db *db)
{
	db->deferred.n = 0;
	db->deferred.text.len = 0;
	cxo__auditlog_truncate(db, 0);
}

int cxo__defer_run(cxo_db *db)
{
	cxo__defer_queue *q = &db->deferred;
	if (sqlite3_get_autocommit(db->sql)) {
		/* the transaction they were made in is gone (SQLite rolled it back) */
		cxo__defer_clear(db);
		return CXO_OK;
	}
	for (size_t done = 0; done < q->n; done++) {
		const struct cxo__deferred *e = &q->e[done];
		sqlite3_stmt *st = cxo__stmt(db, e->def);
		int rc = st ? CXO_OK : cxo_errcode();
		if (st) {
			cxo__bind_int(st, 1, e->id);
			for (size_t i = 0; i < e->ntexts; i++)
				cxo__bind_text(st, (int)i + 2, e->text[i] == NO_TEXT ? NULL : q->text.data + e->text[i]);
			rc = cxo__step_done(db, st, "updating the search index");
		}
		if (rc) {
			/* each statement lands whole or not at all: keep those not run */
			memmove(q->e, q->e + done, (q->n - done) * sizeof *q->e);
			q->n -= done;
			return rc;
		}
	}
	db->deferred.n = 0;
	db->deferred.text.len = 0;
	return cxo__auditlog_flush(db);
}

void cxo__defer_fini(cxo_db *db)
{
	cxo__defer_queue *q = &db->deferred;
	cxo__free(q->e);
	cxo__buf_fini(&q->text);
	cxo__free(q->marks);
	cxo__auditlog_fini(db);
	memset(q, 0, sizeof *q);
}
