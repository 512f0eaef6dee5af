/* The audit log's storage: entries queued through a write transaction and
 * stored together, many to a row, when it commits.
 *
 * An entry of its own costs SQLite as much as the change it records (a
 * statement run, a cursor opened and closed, a row added to the table), so a
 * bulk write paid for its log as much as for its data. Instead the entries of
 * a transaction wait in the handle's lane, packed, and are stored as runs: a
 * row of the table `audit` holds one entry in its columns, as it always did,
 * and the `more` entries after it packed in its column `packed`, their ids
 * following its own. A change made on its own is a run of one: a row like
 * those of schema version 4, `more` 0 and `packed` null.
 *
 * The lane is undone with the savepoint or the transaction its entries were
 * made in (defer.c keeps its length per savepoint, as it does for the search
 * index's writes). The ids are given when an entry is queued (a record points
 * to the entry that created it), from the last id stored: within a write
 * transaction no other connection writes.
 *
 * A packed entry is a byte of flags, then NUL-terminated texts: its time,
 * actor, operation and entity unless they are those of the entry before it
 * (the flags say which), its key, the record before and after as JSON if
 * there are, and its parent's id in decimal if it has one. A run is cut only
 * before an entry without a parent, so that the parent of a row's first entry
 * is itself a row (the column `parent` references one). */
#include "db.h"
#include "../util/alloc.h"
#include "../util/error.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	HAS_BEFORE = 0x01,
	HAS_AFTER = 0x02,
	HAS_PARENT = 0x04,
	SAME_TIME = 0x10, /* SAME_TIME << i: field i of the entry before it, time, actor, op, entity */
	KNOWN_FLAGS = 0xF7,
};

enum {
	RUN_BYTES = 64 * 1024,     /* a row holds its entries up to about this many bytes */
	LANE_BYTES = 1024 * 1024,  /* a transaction's entries are stored past this many */
};

static const cxo__sql S_LAST = { "SELECT id + more FROM audit ORDER BY id DESC LIMIT 1" };
static const cxo__sql S_INSERT = {
	"INSERT INTO audit (id, time, actor, op, entity, key, before, after, parent, more, packed)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
};
static const cxo__sql S_SAVEPOINT = { "SAVEPOINT cxo_audit" };
static const cxo__sql S_RELEASE = { "RELEASE cxo_audit" };
static const cxo__sql S_ROLLBACK_TO = { "ROLLBACK TO cxo_audit" };
const cxo__sql cxo__auditlog_read_sql = {
	"SELECT id, time, actor, op, entity, key, before, after, parent, more, packed FROM audit ORDER BY id"
};

static void fields_of(const cxo__audit_entry *e, const char *out[4])
{
	out[0] = e->time;
	out[1] = e->actor;
	out[2] = e->op;
	out[3] = e->entity;
}

static int next_id(cxo_db *db, int64_t *id)
{
	cxo__audit_lane *l = &db->deferred.audit;
	if (l->n) {
		*id = l->first + (int64_t)l->n;
		return CXO_OK;
	}
	if (!l->next) {
		sqlite3_stmt *st = cxo__stmt(db, &S_LAST);
		if (!st)
			return cxo_errcode();
		int rc = sqlite3_step(st);
		int64_t last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return cxo__sqlerr(db, rc, "reading the audit log's last entry");
		l->next = last + 1;
	}
	*id = l->next;
	return CXO_OK;
}

int cxo__auditlog_add(cxo_db *db, cxo__audit_entry *e)
{
	cxo__audit_lane *l = &db->deferred.audit;
	int64_t id = 0;
	int rc = next_id(db, &id);
	if (rc)
		return rc;
	size_t *starts = cxo__grow(l->start, &l->cap_start, l->n + 1, sizeof *l->start);
	if (!starts)
		return CXO_ENOMEM;
	l->start = starts;
	const char *f[4];
	fields_of(e, f);
	unsigned char flags = (unsigned char)((e->before ? HAS_BEFORE : 0) | (e->after ? HAS_AFTER : 0) |
	                                      (e->parent ? HAS_PARENT : 0));
	size_t need = 1 + strlen(e->key) + 1, size[4];
	for (int i = 0; i < 4; i++) {
		size[i] = strlen(f[i]) + 1;
		if (l->prev_ok && strcmp(l->data.data + l->prev[i], f[i]) == 0)
			flags |= (unsigned char)(SAME_TIME << i);
		else
			need += size[i];
	}
	char parent[24] = "";
	size_t nbefore = e->before ? strlen(e->before) + 1 : 0, nafter = e->after ? strlen(e->after) + 1 : 0;
	size_t nparent = e->parent ? (size_t)snprintf(parent, sizeof parent, "%" PRId64, e->parent) + 1 : 0;
	need += nbefore + nafter + nparent;
	if ((rc = cxo__buf_reserve(&l->data, need)))
		return rc;
	size_t at = l->data.len, o = at;
	l->data.data[o++] = (char)flags;
	size_t prev[4];
	for (int i = 0; i < 4; i++) {
		if (flags & (SAME_TIME << i)) {
			prev[i] = l->prev[i];
		} else {
			prev[i] = o;
			memcpy(l->data.data + o, f[i], size[i]);
			o += size[i];
		}
	}
	const char *rest[3] = { e->key, e->before, e->after };
	for (int i = 0; i < 3; i++) {
		if (rest[i]) {
			size_t k = strlen(rest[i]) + 1;
			memcpy(l->data.data + o, rest[i], k);
			o += k;
		}
	}
	memcpy(l->data.data + o, parent, nparent);
	o += nparent;
	if (!l->n)
		l->first = id;
	l->start[l->n++] = at;
	l->data.len = o;
	memcpy(l->prev, prev, sizeof prev);
	l->prev_ok = 1;
	l->next = id + 1;
	e->id = id;
	return CXO_OK;
}

/* The text at *p, which must end before `end`; *p moves past it. */
static const char *take(const char **p, const char *end)
{
	const char *s = *p, *nul = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
	if (!nul)
		return NULL;
	*p = nul + 1;
	return s;
}

/* Unpack the entry at *p (after `prev`, whose texts it may reuse) into *e;
 * returns 0, or -1 if the bytes are not an entry. */
static int unpack(const char **p, const char *end, const cxo__audit_entry *prev, cxo__audit_entry *e)
{
	if (*p >= end)
		return -1;
	unsigned flags = (unsigned char)*(*p)++;
	if (flags & ~(unsigned)KNOWN_FLAGS)
		return -1;
	const char *f[4], *pf[4];
	fields_of(prev, pf);
	for (int i = 0; i < 4; i++)
		if (!(f[i] = flags & (SAME_TIME << i) ? pf[i] : take(p, end)))
			return -1;
	e->time = f[0];
	e->actor = f[1];
	e->op = f[2];
	e->entity = f[3];
	e->id = prev->id + 1;
	e->before = e->after = NULL;
	e->parent = 0;
	if (!(e->key = take(p, end)) || ((flags & HAS_BEFORE) && !(e->before = take(p, end))) ||
	    ((flags & HAS_AFTER) && !(e->after = take(p, end))))
		return -1;
	if (flags & HAS_PARENT) {
		const char *s = take(p, end);
		char *stop;
		if (!s)
			return -1;
		e->parent = strtoll(s, &stop, 10);
		if (*stop || e->parent <= 0 || e->parent >= e->id)
			return -1;
	}
	return 0;
}

static int insert_run(cxo_db *db, const cxo__audit_entry *e, size_t more, const char *packed, size_t len)
{
	sqlite3_stmt *st = cxo__stmt(db, &S_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, e->id);
	const char *text[7] = { e->time, e->actor, e->op, e->entity, e->key, e->before, e->after };
	for (int i = 0; i < 7; i++)
		cxo__bind_text(st, i + 2, text[i]);
	if (e->parent)
		cxo__bind_int(st, 9, e->parent);
	cxo__bind_int(st, 10, (int64_t)more);
	if (more)
		sqlite3_bind_blob(st, 11, packed, (int)len, SQLITE_STATIC);
	return cxo__step_done(db, st, "writing the audit log");
}

static int run(cxo_db *db, const cxo__sql *def)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	return st ? cxo__step_done(db, st, "writing the audit log") : cxo_errcode();
}

static int write_runs(cxo_db *db)
{
	cxo__audit_lane *l = &db->deferred.audit;
	const char *end = l->data.data + l->data.len;
	cxo__audit_entry prev = { 0 }, head;
	prev.id = l->first - 1;
	int rc = CXO_OK;
	for (size_t i = 0; i < l->n && !rc;) {
		const char *p = l->data.data + l->start[i];
		if (unpack(&p, end, &prev, &head))
			return cxo__err(CXO_ERROR, "internal: audit entry %" PRId64 " queued damaged", prev.id + 1);
		/* the entries after it, up to the size of a run, then to one without a parent */
		size_t k = i + 1;
		while (k < l->n && (l->start[k] - l->start[i + 1] < RUN_BYTES || (l->data.data[l->start[k]] & HAS_PARENT)))
			k++;
		const char *packed = l->data.data + (i + 1 < l->n ? l->start[i + 1] : l->data.len);
		const char *stop = k < l->n ? l->data.data + l->start[k] : end;
		if ((size_t)(stop - packed) > INT32_MAX)
			return cxo__err(CXO_ERROR, "internal: a run of audit entries of %zu bytes", (size_t)(stop - packed));
		rc = insert_run(db, &head, k - i - 1, packed, (size_t)(stop - packed));
		/* the last entry of the run is the one the next run's first follows */
		prev = head;
		for (const char *q = packed; !rc && q < stop;) {
			cxo__audit_entry e;
			if (unpack(&q, stop, &prev, &e))
				return cxo__err(CXO_ERROR, "internal: audit entry %" PRId64 " queued damaged", prev.id + 1);
			prev = e;
		}
		i = k;
	}
	return rc;
}

int cxo__auditlog_flush(cxo_db *db)
{
	cxo__audit_lane *l = &db->deferred.audit;
	if (l->n && sqlite3_get_autocommit(db->sql)) {
		/* SQLite rolled their transaction back (an I/O error, a full disk):
		 * stored now, they would describe changes that never were */
		cxo__auditlog_truncate(db, 0);
	}
	if (!l->n)
		return CXO_OK;
	int64_t changes = sqlite3_total_changes64(db->sql);
	/* one row lands whole by itself; several take a savepoint, so that a
	 * failure leaves none of them and the lane as it was */
	int several = l->data.len - l->start[0] > RUN_BYTES;
	int rc = several ? run(db, &S_SAVEPOINT) : CXO_OK;
	if (!rc)
		rc = write_runs(db);
	if (several && !rc)
		rc = run(db, &S_RELEASE);
	if (several && rc && !sqlite3_get_autocommit(db->sql)) {
		cxo__errsave saved;
		cxo__err_save(&saved);
		run(db, &S_ROLLBACK_TO);
		run(db, &S_RELEASE);
		cxo__err_restore(&saved);
	}
	if (rc)
		return rc;
	cxo__tails_rebase(db, changes);
	l->next = l->first + (int64_t)l->n;
	l->n = 0;
	l->data.len = 0;
	l->prev_ok = 0;
	/* whatever is queued from now on comes after every savepoint begun */
	for (size_t d = 0; d < db->deferred.cap_marks; d++)
		db->deferred.marks[d][2] = 0;
	return CXO_OK;
}

int cxo__auditlog_set_after(cxo_db *db, int64_t id, const char *after)
{
	cxo__audit_lane *l = &db->deferred.audit;
	if (!l->n || id < l->first || id >= l->first + (int64_t)l->n)
		return cxo__err(CXO_ERROR, "internal: audit entry %" PRId64 " is no longer queued", id);
	/* queued: the bytes of its record after (none if it had none) give way */
	size_t i = (size_t)(id - l->first), at = l->start[i];
	size_t stop = i + 1 < l->n ? l->start[i + 1] : l->data.len;
	unsigned char flags = (unsigned char)l->data.data[at];
	const char *p = l->data.data + at + 1, *end = l->data.data + stop;
	int texts = 1 + ((flags & HAS_BEFORE) != 0); /* the key, the record before */
	for (int f = 0; f < 4; f++)
		texts += !(flags & (SAME_TIME << f));
	for (int t = 0; t < texts; t++)
		take(&p, end);
	size_t from = (size_t)(p - l->data.data), to = from;
	if (flags & HAS_AFTER) {
		take(&p, end);
		to = (size_t)(p - l->data.data);
	}
	size_t n = strlen(after) + 1;
	if (n > to - from && cxo__buf_reserve(&l->data, n - (to - from)))
		return CXO_ENOMEM;
	memmove(l->data.data + from + n, l->data.data + to, l->data.len - to);
	memcpy(l->data.data + from, after, n);
	l->data.data[at] = (char)(flags | HAS_AFTER);
	size_t grown = n - (to - from); /* wraps around when it shrinks: offsets still add up */
	l->data.len += grown;
	for (size_t k = i + 1; k < l->n; k++)
		l->start[k] += grown;
	for (int f = 0; f < 4; f++)
		if (l->prev[f] >= to)
			l->prev[f] += grown;
	return CXO_OK;
}

int cxo__auditlog_flush_large(cxo_db *db)
{
	return db->deferred.audit.data.len >= LANE_BYTES ? cxo__auditlog_flush(db) : CXO_OK;
}

void cxo__auditlog_truncate(cxo_db *db, size_t n)
{
	cxo__audit_lane *l = &db->deferred.audit;
	if (n < l->n) {
		l->n = n;
		l->data.len = n ? l->start[n] : 0;
		/* what the entries after it will follow is no longer known here */
		l->prev_ok = 0;
	}
	/* nor, with the lane empty, the last id: a savepoint undone may have
	 * taken stored rows, a transaction ended let other writers in */
	l->next = l->n ? l->first + (int64_t)l->n : 0;
}

void cxo__auditlog_fini(cxo_db *db)
{
	cxo__audit_lane *l = &db->deferred.audit;
	cxo__buf_fini(&l->data);
	cxo__free(l->start);
	memset(l, 0, sizeof *l);
}

/* ---- reading ---- */

static const char *column_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

static int damaged(int64_t id)
{
	return cxo__err(CXO_ESTORAGE, "audit entry %" PRId64 ": its stored form is damaged", id);
}

int cxo__auditlog_read_next(cxo_db *db, cxo__audit_reader *r, cxo__audit_entry *e)
{
	if (r->left > 0) {
		if (unpack(&r->p, r->end, &r->last, e))
			return damaged(r->last.id + 1);
		r->left--;
		if (!r->left && r->p != r->end)
			return damaged(e->id);
		r->last = *e;
		return CXO_OK;
	}
	int src = sqlite3_step(r->st);
	if (src == SQLITE_DONE)
		return CXO_DONE;
	if (src != SQLITE_ROW)
		return cxo__sqlerr(db, src, "reading the audit log");
	sqlite3_stmt *st = r->st;
	e->id = sqlite3_column_int64(st, 0);
	e->time = column_text(st, 1);
	e->actor = column_text(st, 2);
	e->op = column_text(st, 3);
	e->entity = column_text(st, 4);
	e->key = column_text(st, 5);
	e->before = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : column_text(st, 6);
	e->after = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : column_text(st, 7);
	e->parent = sqlite3_column_int64(st, 8);
	r->left = sqlite3_column_int64(st, 9);
	r->p = r->end = NULL;
	if (r->left) {
		r->p = sqlite3_column_blob(st, 10);
		r->end = r->p + sqlite3_column_bytes(st, 10);
	}
	if (!e->time || !e->actor || !e->op || !e->entity || !e->key || r->left < 0 || (r->left && !r->p))
		return sqlite3_errcode(db->sql) == SQLITE_NOMEM ? CXO_ENOMEM : damaged(e->id);
	r->last = *e;
	return CXO_OK;
}
