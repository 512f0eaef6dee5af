/* Lifecycles: ordered statuses, the transitions allowed between them, and how
 * strictly those are enforced. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const ENFORCE[] = { "off", "warn", "strict", NULL };

static const cxo__spec SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "title", .type = FT_TEXT },
	{ .name = "enforce", .type = FT_ENUM, .values = ENFORCE, .dflt = "warn" },
	{ .name = "statuses", .type = FT_NESTED, .flags = FF_REQUIRED },
	{ .name = "transitions", .type = FT_NESTED },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "id" };

/* ---- the cache of every lifecycle ---- */

typedef struct lifecycles {
	size_t n;
	cxo__lifecycle *lc;
	cxo__arena arena;
} lifecycles;

static const cxo__sql S_ALL = { "SELECT id, slug, enforce FROM lifecycle ORDER BY id" };
static const cxo__sql S_ALL_STATUS = {
	"SELECT lifecycle, id, slug, title, coalesce(rank, 0), terminal FROM status ORDER BY lifecycle, pos"
};
static const cxo__sql S_ALL_TRANSITION = {
	"SELECT lifecycle, from_status, to_status FROM transition ORDER BY lifecycle, pos"
};

static void lifecycles_destroy(void *p)
{
	lifecycles *all = p;
	for (size_t i = 0; i < all->n; i++) {
		cxo__free(all->lc[i].status);
		cxo__free(all->lc[i].allowed);
	}
	cxo__free(all->lc);
	cxo__arena_fini(&all->arena);
	cxo__free(all);
}

static cxo__lifecycle *by_rowid(lifecycles *all, int64_t id)
{
	for (size_t i = 0; i < all->n; i++)
		if (all->lc[i].id == id)
			return &all->lc[i];
	return NULL;
}

long cxo__status_index(const cxo__lifecycle *lc, int64_t id)
{
	for (size_t i = 0; i < lc->nstatus; i++)
		if (lc->status[i].id == id)
			return (long)i;
	return -1;
}

long cxo__status_find(const cxo__lifecycle *lc, const char *slug)
{
	for (size_t i = 0; i < lc->nstatus; i++)
		if (strcmp(lc->status[i].slug, slug) == 0)
			return (long)i;
	return -1;
}

static int load_all(cxo_db *db, lifecycles **out)
{
	lifecycles *all = cxo__calloc(1, sizeof *all);
	if (!all)
		return CXO_ENOMEM;
	cxo__arena_init(&all->arena);
	int rc = CXO_OK, src = SQLITE_DONE;
	size_t cap = 0;
	sqlite3_stmt *st = cxo__stmt(db, &S_ALL);
	if (!st)
		rc = cxo_errcode();
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		void *grown = cxo__grow(all->lc, &cap, all->n + 1, sizeof *all->lc);
		if (!grown) {
			rc = CXO_ENOMEM;
			break;
		}
		all->lc = grown;
		cxo__lifecycle *lc = &all->lc[all->n++];
		memset(lc, 0, sizeof *lc);
		lc->id = sqlite3_column_int64(st, 0);
		lc->slug = cxo__arena_strdup(&all->arena, (const char *)sqlite3_column_text(st, 1));
		const char *e = (const char *)sqlite3_column_text(st, 2);
		lc->enforce = e && strcmp(e, "off") == 0 ? CXO__ENFORCE_OFF
		              : e && strcmp(e, "strict") == 0 ? CXO__ENFORCE_STRICT : CXO__ENFORCE_WARN;
		if (!lc->slug)
			rc = CXO_ENOMEM;
	}
	cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading the lifecycles");

	/* statuses: count first, so each lifecycle gets one array */
	if (!rc && !(st = cxo__stmt(db, &S_ALL_STATUS)))
		rc = cxo_errcode();
	size_t *caps = rc ? NULL : cxo__calloc(all->n ? all->n : 1, sizeof *caps);
	if (!rc && !caps)
		rc = CXO_ENOMEM;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		cxo__lifecycle *lc = by_rowid(all, sqlite3_column_int64(st, 0));
		if (!lc)
			continue;
		size_t li = (size_t)(lc - all->lc);
		void *grown = cxo__grow(lc->status, &caps[li], lc->nstatus + 1, sizeof *lc->status);
		if (!grown) {
			rc = CXO_ENOMEM;
			break;
		}
		lc->status = grown;
		cxo__status *s = &lc->status[lc->nstatus++];
		s->id = sqlite3_column_int64(st, 1);
		s->slug = cxo__arena_strdup(&all->arena, (const char *)sqlite3_column_text(st, 2));
		s->title = sqlite3_column_type(st, 3) == SQLITE_NULL
		               ? NULL
		               : cxo__arena_strdup(&all->arena, (const char *)sqlite3_column_text(st, 3));
		s->rank = sqlite3_column_int64(st, 4);
		s->terminal = sqlite3_column_int(st, 5);
		if (!s->slug)
			rc = CXO_ENOMEM;
	}
	cxo__free(caps);
	if (st)
		cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading the statuses");

	for (size_t i = 0; i < all->n && !rc; i++) {
		size_t n = all->lc[i].nstatus;
		all->lc[i].allowed = cxo__calloc(n ? n * n : 1, 1);
		if (!all->lc[i].allowed)
			rc = CXO_ENOMEM;
	}
	if (!rc && !(st = cxo__stmt(db, &S_ALL_TRANSITION)))
		rc = cxo_errcode();
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		cxo__lifecycle *lc = by_rowid(all, sqlite3_column_int64(st, 0));
		if (!lc)
			continue;
		long from = cxo__status_index(lc, sqlite3_column_int64(st, 1));
		long to = cxo__status_index(lc, sqlite3_column_int64(st, 2));
		if (from >= 0 && to >= 0) {
			lc->allowed[(size_t)from * lc->nstatus + (size_t)to] = 1;
			lc->has_transitions = 1;
		}
	}
	if (st)
		cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading the transitions");
	if (rc) {
		lifecycles_destroy(all);
		return rc;
	}
	*out = all;
	return CXO_OK;
}

static int get_all(cxo_db *db, lifecycles **out)
{
	*out = cxo__cache_get(db, CXO__CACHE_LIFECYCLES);
	if (*out)
		return CXO_OK;
	int rc = load_all(db, out);
	if (rc)
		return rc;
	return cxo__cache_set(db, CXO__CACHE_LIFECYCLES, *out, lifecycles_destroy);
}

int cxo__lifecycle_get(cxo_db *db, const char *slug, const cxo__lifecycle **out)
{
	lifecycles *all;
	int rc = get_all(db, &all);
	if (rc)
		return rc;
	for (size_t i = 0; i < all->n; i++) {
		if (strcmp(all->lc[i].slug, slug) == 0) {
			*out = &all->lc[i];
			return CXO_OK;
		}
	}
	char q[96];
	cxo__quote(q, sizeof q, slug);
	return cxo__err(CXO_ENOTFOUND, "there is no lifecycle %s", q);
}

int cxo__lifecycle_by_id(cxo_db *db, int64_t id, const cxo__lifecycle **out)
{
	lifecycles *all;
	int rc = get_all(db, &all);
	if (rc)
		return rc;
	*out = by_rowid(all, id);
	return *out ? CXO_OK : cxo__err(CXO_ENOTFOUND, "there is no lifecycle with row id %lld", (long long)id);
}

int cxo__transition_allowed(const cxo__lifecycle *lc, long from, long to)
{
	if (from < 0 || !lc->has_transitions)
		return 1;
	return lc->allowed[(size_t)from * lc->nstatus + (size_t)to];
}

/* ---- the record ---- */

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM lifecycle WHERE slug = ?1" };

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_FIND, k[0], rowid, "finding a lifecycle");
}

static const cxo__sql S_LOAD = { "SELECT slug, title, enforce, note, uncertain FROM lifecycle WHERE id = ?1" };
static const cxo__sql S_LOAD_STATUS = {
	"SELECT slug, title, rank, terminal, note, uncertain FROM status WHERE lifecycle = ?1 ORDER BY pos"
};
static const cxo__sql S_LOAD_TRANSITION = {
	"SELECT f.slug, t.slug FROM transition AS x JOIN status AS f ON f.id = x.from_status"
	" JOIN status AS t ON t.id = x.to_status WHERE x.lifecycle = ?1 ORDER BY x.pos"
};

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	sqlite3_stmt *st;
	int src, rc = cxo__query_row(db, &S_LOAD, rowid, "lifecycle", &st);
	if (rc)
		return rc;
	rc = cxo__row_add_column_text(out, "id", st, 0);
	if (!rc && sqlite3_column_type(st, 1) != SQLITE_NULL)
		rc = cxo__row_add_column_text(out, "title", st, 1);
	if (!rc)
		rc = cxo__row_add_column_text(out, "enforce", st, 2);
	/* note and uncertain come last: keep them while the statement is live */
	int has_note = sqlite3_column_type(st, 3) != SQLITE_NULL;
	char *note = NULL;
	if (!rc && has_note && !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 3))))
		rc = CXO_ENOMEM;
	int uncertain = sqlite3_column_int(st, 4);
	cxo__stmt_reset(st);

	cxo_row *statuses = rc ? NULL : cxo__row_add_list(out, "statuses");
	if (!rc && !statuses)
		rc = CXO_ENOMEM;
	if (!rc && !(st = cxo__stmt(db, &S_LOAD_STATUS)))
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_int(st, 1, rowid);
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			cxo_row *s = cxo__row_add_row(statuses, NULL);
			rc = s ? cxo__row_add_column_text(s, "id", st, 0) : CXO_ENOMEM;
			if (!rc && sqlite3_column_type(st, 1) != SQLITE_NULL)
				rc = cxo__row_add_column_text(s, "title", st, 1);
			if (!rc && sqlite3_column_type(st, 2) != SQLITE_NULL)
				rc = cxo__row_add_column_int(s, "rank", st, 2);
			if (!rc)
				rc = cxo__row_add_bool(s, "terminal", sqlite3_column_int(st, 3));
			if (!rc && sqlite3_column_type(st, 4) != SQLITE_NULL)
				rc = cxo__row_add_column_text(s, "note", st, 4);
			if (!rc && sqlite3_column_int(st, 5))
				rc = cxo__row_add_bool(s, "uncertain", 1);
		}
		cxo__stmt_reset(st);
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "reading statuses");
	}
	cxo_row *transitions = NULL;
	if (!rc && !(st = cxo__stmt(db, &S_LOAD_TRANSITION)))
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_int(st, 1, rowid);
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			if (!transitions && !(transitions = cxo__row_add_list(out, "transitions"))) {
				rc = CXO_ENOMEM;
				break;
			}
			cxo_row *pair = cxo__row_add_list(transitions, NULL);
			rc = pair ? cxo__row_add_column_text(pair, NULL, st, 0) : CXO_ENOMEM;
			if (!rc)
				rc = cxo__row_add_column_text(pair, NULL, st, 1);
		}
		cxo__stmt_reset(st);
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "reading transitions");
	}
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

/* Statuses: each {id, title, rank, terminal, note, uncertain}; written in rank
 * order (statuses without a rank, which must be terminal, last). */
static int normalize_statuses(const cxo__field *in, cxo_row *out, cxo__ctx *ctx)
{
	static const char *const allowed[] = { "id", "title", "rank", "terminal", "note", "uncertain", NULL };
	if (in->type != CXO_TYPE_LIST)
		return cxo__err(CXO_EINVAL, "%s.statuses: expected a list of statuses", ctx->path);
	const cxo_row *list = in->v.row;
	if (list->n == 0)
		return cxo__err(CXO_EINVAL, "%s.statuses: a lifecycle needs at least one status", ctx->path);
	size_t *order = cxo__malloc(list->n * sizeof *order);
	if (!order)
		return CXO_ENOMEM;
	int rc = CXO_OK;
	for (size_t i = 0; i < list->n && !rc; i++) {
		order[i] = i;
		const cxo__field *e = &list->f[i];
		if (e->type != CXO_TYPE_ROW) {
			rc = cxo__err(CXO_EINVAL, "%s.statuses[%zu]: expected a status object", ctx->path, i);
			break;
		}
		const cxo_row *s = e->v.row;
		for (size_t j = 0; j < s->n && !rc; j++) {
			int known = 0;
			for (const char *const *a = allowed; *a && !known; a++)
				known = strcmp(*a, s->f[j].name) == 0;
			if (!known) {
				char q[96];
				cxo__quote(q, sizeof q, s->f[j].name);
				if (ctx->lenient)
					cxo__warn(ctx, "%s.statuses[%zu]: unknown field %s ignored", ctx->path, i, q);
				else
					rc = cxo__err(CXO_EINVAL,
					              "%s.statuses[%zu]: unknown field %s (a status has: id, title, rank, terminal, note, uncertain)",
					              ctx->path, i, q);
			}
		}
		const cxo__field *id = cxo__row_get(s, "id"), *rank = cxo__row_get(s, "rank"),
		                 *terminal = cxo__row_get(s, "terminal");
		const char *what = NULL;
		if (rc) {
		} else if (!id || id->type != CXO_TYPE_TEXT) {
			what = "id";
			rc = cxo__err(CXO_EINVAL, id ? "expected an id" : "a value is required");
		} else if ((rc = cxo__slug_check(id->v.s))) {
			what = "id";
		} else if (rank && rank->type != CXO_TYPE_NULL && (rank->type != CXO_TYPE_INT || rank->v.i < 1 || rank->v.i > 1000000)) {
			what = "rank";
			rc = cxo__err(CXO_EINVAL, "expected an integer from 1 to 1000000");
		} else if (terminal && terminal->type != CXO_TYPE_NULL && terminal->type != CXO_TYPE_BOOL) {
			what = "terminal";
			rc = cxo__err(CXO_EINVAL, "expected true or false");
		} else if ((!rank || rank->type == CXO_TYPE_NULL) && !(terminal && terminal->type == CXO_TYPE_BOOL && terminal->v.i)) {
			rc = cxo__err(CXO_EINVAL, "%s.statuses[%zu]: a status without a rank must be terminal (like \"dropped\")",
			              ctx->path, i);
		}
		for (size_t j = 0; j < i && !rc; j++) {
			if (strcmp(cxo_row_text(list->f[j].v.row, "id"), id->v.s) == 0) {
				char q[96];
				cxo__quote(q, sizeof q, id->v.s);
				rc = cxo__err(CXO_EINVAL, "%s.statuses[%zu].id: %s appears twice", ctx->path, i, q);
			}
		}
		if (rc && what)
			cxo__err_prefix("%s.statuses[%zu].%s: ", ctx->path, i, what);
		for (const char *const *f = (const char *const[]){ "title", "note", NULL }; *f && !rc; f++) {
			const cxo__field *t = cxo__row_get(s, *f);
			if (t && t->type != CXO_TYPE_NULL) {
				rc = t->type != CXO_TYPE_TEXT ? cxo__err(CXO_EINVAL, "expected text") : cxo__text_check(t->v.s);
				if (rc)
					cxo__err_prefix("%s.statuses[%zu].%s: ", ctx->path, i, *f);
			}
		}
		const cxo__field *u = cxo__row_get(s, "uncertain");
		if (!rc && u && u->type != CXO_TYPE_NULL && u->type != CXO_TYPE_BOOL)
			rc = cxo__err(CXO_EINVAL, "%s.statuses[%zu].uncertain: expected true or false", ctx->path, i);
	}
	/* stable insertion sort by rank, unranked last */
	for (size_t i = 1; i < list->n && !rc; i++) {
		size_t v = order[i], j = i;
		int64_t rv = cxo_row_int(list->f[v].v.row, "rank");
		while (j > 0) {
			int64_t rp = cxo_row_int(list->f[order[j - 1]].v.row, "rank");
			if (!(rv && (!rp || rp > rv)))
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
	cxo_row *dst = rc ? NULL : cxo__row_add_list(out, "statuses");
	if (!rc && !dst)
		rc = CXO_ENOMEM;
	for (size_t k = 0; k < list->n && !rc; k++) {
		const cxo_row *s = list->f[order[k]].v.row;
		cxo_row *d = cxo__row_add_row(dst, NULL);
		if (!d) {
			rc = CXO_ENOMEM;
			break;
		}
		rc = cxo__row_add_text(d, "id", cxo_row_text(s, "id"));
		if (!rc && cxo_row_text(s, "title"))
			rc = cxo__row_add_text(d, "title", cxo_row_text(s, "title"));
		if (!rc && cxo_row_type(s, "rank") == CXO_TYPE_INT)
			rc = cxo__row_add_int(d, "rank", cxo_row_int(s, "rank"));
		if (!rc)
			rc = cxo__row_add_bool(d, "terminal", (int)cxo_row_int(s, "terminal"));
		if (!rc && cxo_row_text(s, "note"))
			rc = cxo__row_add_text(d, "note", cxo_row_text(s, "note"));
		if (!rc && cxo_row_int(s, "uncertain"))
			rc = cxo__row_add_bool(d, "uncertain", 1);
	}
	cxo__free(order);
	return rc;
}

static int in_statuses(const cxo_row *statuses, const char *slug)
{
	for (size_t i = 0; statuses && i < statuses->n; i++)
		if (strcmp(cxo_row_text(statuses->f[i].v.row, "id"), slug) == 0)
			return 1;
	return 0;
}

static int normalize_transitions(const cxo__field *in, cxo_row *out, cxo__ctx *ctx)
{
	if (in->type != CXO_TYPE_LIST)
		return cxo__err(CXO_EINVAL, "%s.transitions: expected a list of [from, to] pairs", ctx->path);
	const cxo_row *list = in->v.row;
	const cxo_row *statuses = cxo_row_child(out, "statuses");
	if (list->n == 0)
		return CXO_OK;
	cxo_row *dst = cxo__row_add_list(out, "transitions");
	if (!dst)
		return CXO_ENOMEM;
	for (size_t i = 0; i < list->n; i++) {
		const cxo__field *e = &list->f[i];
		const cxo_row *pair = e->type == CXO_TYPE_LIST ? e->v.row : NULL;
		if (!pair || pair->n != 2 || pair->f[0].type != CXO_TYPE_TEXT || pair->f[1].type != CXO_TYPE_TEXT)
			return cxo__err(CXO_EINVAL, "%s.transitions[%zu]: expected a pair of status ids [from, to]", ctx->path,
			                i);
		for (int k = 0; k < 2; k++) {
			if (!in_statuses(statuses, pair->f[k].v.s)) {
				char q[96];
				cxo__quote(q, sizeof q, pair->f[k].v.s);
				return cxo__err(CXO_EINVAL, "%s.transitions[%zu][%d]: %s is not a status of this lifecycle",
				                ctx->path, i, k, q);
			}
		}
		for (size_t j = 0; j < i; j++) {
			const cxo_row *p = list->f[j].v.row;
			if (strcmp(p->f[0].v.s, pair->f[0].v.s) == 0 && strcmp(p->f[1].v.s, pair->f[1].v.s) == 0)
				return cxo__err(CXO_EINVAL, "%s.transitions[%zu]: [\"%s\", \"%s\"] appears twice", ctx->path, i,
				                pair->f[0].v.s, pair->f[1].v.s);
		}
		cxo_row *d = cxo__row_add_list(dst, NULL);
		if (!d || cxo__row_add_text(d, NULL, pair->f[0].v.s) || cxo__row_add_text(d, NULL, pair->f[1].v.s))
			return CXO_ENOMEM;
	}
	return CXO_OK;
}

static int nested(cxo_db *db, const cxo__spec *spec, const cxo__field *in, cxo_row *out, cxo__ctx *ctx)
{
	(void)db;
	if (strcmp(spec->name, "statuses") == 0)
		return normalize_statuses(in, out, ctx);
	return normalize_transitions(in, out, ctx);
}

static const cxo__sql S_STORED_STATUS = { "SELECT id, slug FROM status WHERE lifecycle = ?1" };
static const cxo__sql S_STATUS_USES = { "SELECT count(*) FROM observation WHERE status = ?1" };

/* A status may leave the list only if no observation uses it. */
static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	if (!rowid)
		return CXO_OK;
	const cxo_row *statuses = cxo_row_child(rec, "statuses");
	sqlite3_stmt *st = cxo__stmt(db, &S_STORED_STATUS);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	int src, rc = CXO_OK;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *slug = (const char *)sqlite3_column_text(st, 1);
		if (!slug || in_statuses(statuses, slug))
			continue;
		int64_t n;
		if ((rc = cxo__count(db, &S_STATUS_USES, sqlite3_column_int64(st, 0), &n)) == CXO_OK && n)
			rc = cxo__err(CXO_ECONSTRAINT, "%s.statuses: status \"%s\" cannot be removed: %lld observation%s use%s it",
			              ctx->path, slug, (long long)n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	}
	cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading statuses");
	return rc;
}

static const cxo__sql S_INSERT = {
	"INSERT INTO lifecycle (slug, title, enforce, note, uncertain, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE lifecycle SET title = ?2, enforce = ?3, note = ?4, uncertain = ?5 WHERE id = ?1"
};
static const cxo__sql S_STATUS_ID = { "SELECT id FROM status WHERE lifecycle = ?1 AND slug = ?2" };
static const cxo__sql S_STATUS_INSERT = {
	"INSERT INTO status (lifecycle, slug, title, rank, terminal, pos, note, uncertain)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};
static const cxo__sql S_STATUS_UPDATE = {
	"UPDATE status SET title = ?3, rank = ?4, terminal = ?5, pos = ?6, note = ?7, uncertain = ?8"
	" WHERE lifecycle = ?1 AND slug = ?2"
};
static const cxo__sql S_STATUS_DELETE = { "DELETE FROM status WHERE id = ?1" };
static const cxo__sql S_STATUS_IDS = { "SELECT id FROM status WHERE lifecycle = ?1" };
static const cxo__sql S_STATUS_SLUG = { "SELECT slug FROM status WHERE id = ?1" };
static const cxo__sql S_TRANSITION_CLEAR = { "DELETE FROM transition WHERE lifecycle = ?1" };
static const cxo__sql S_TRANSITION_INSERT = {
	"INSERT INTO transition (lifecycle, pos, from_status, to_status)"
	" SELECT ?1, ?2, f.id, t.id FROM status AS f, status AS t"
	" WHERE f.lifecycle = ?1 AND f.slug = ?3 AND t.lifecycle = ?1 AND t.slug = ?4"
};

static int write_statuses(cxo_db *db, int64_t lc, const cxo_row *statuses)
{
	/* remove those that left the list (check() made sure nothing uses them);
	 * the ids are read in full before any row goes */
	int64_t *ids;
	size_t n;
	int rc = cxo__query_ids(db, &S_STATUS_IDS, lc, &ids, &n);
	sqlite3_stmt *st;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!(st = cxo__stmt(db, &S_STATUS_SLUG)))
			rc = cxo_errcode();
		if (rc)
			break;
		cxo__bind_int(st, 1, ids[i]);
		int src = sqlite3_step(st);
		int gone = src == SQLITE_ROW && !in_statuses(statuses, (const char *)sqlite3_column_text(st, 0));
		cxo__stmt_reset(st);
		if (src != SQLITE_ROW) {
			rc = cxo__sqlerr(db, src, "reading statuses");
			break;
		}
		if (!gone)
			continue;
		rc = cxo__exec_id(db, &S_STATUS_DELETE, ids[i], "deleting a status");
	}
	cxo__free(ids);
	for (size_t i = 0; i < statuses->n && !rc; i++) {
		const cxo_row *s = statuses->f[i].v.row;
		const char *slug = cxo_row_text(s, "id");
		if (!(st = cxo__stmt(db, &S_STATUS_ID)))
			return cxo_errcode();
		cxo__bind_int(st, 1, lc);
		cxo__bind_text(st, 2, slug);
		int src = sqlite3_step(st), exists = src == SQLITE_ROW;
		cxo__stmt_reset(st);
		/* a failed step may have rolled the whole transaction back */
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			return cxo__sqlerr(db, src, "reading statuses");
		if (!(st = cxo__stmt(db, exists ? &S_STATUS_UPDATE : &S_STATUS_INSERT)))
			return cxo_errcode();
		cxo__bind_int(st, 1, lc);
		cxo__bind_text(st, 2, slug);
		cxo__bind_text(st, 3, cxo_row_text(s, "title"));
		if (cxo_row_type(s, "rank") == CXO_TYPE_INT)
			cxo__bind_int(st, 4, cxo_row_int(s, "rank"));
		cxo__bind_int(st, 5, cxo_row_int(s, "terminal"));
		cxo__bind_int(st, 6, (int64_t)i);
		cxo__bind_text(st, 7, cxo_row_text(s, "note"));
		cxo__bind_int(st, 8, cxo_row_int(s, "uncertain"));
		rc = cxo__step_done(db, st, "writing a status");
	}
	return rc;
}

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	int p = 1;
	if (*rowid)
		cxo__bind_int(st, p++, *rowid);
	else
		cxo__bind_text(st, p++, cxo_row_text(rec, "id"));
	cxo__bind_text(st, p++, cxo_row_text(rec, "title"));
	cxo__bind_text(st, p++, cxo_row_text(rec, "enforce"));
	cxo__bind_text(st, p++, cxo_row_text(rec, "note"));
	cxo__bind_int(st, p++, cxo_row_int(rec, "uncertain"));
	if (!*rowid)
		cxo__bind_int(st, p++, ctx->origin);
	int rc = cxo__step_write(db, st, "writing a lifecycle", rowid);
	if (rc)
		return rc;
	if ((rc = write_statuses(db, *rowid, cxo_row_child(rec, "statuses"))))
		return rc;
	if (!(st = cxo__stmt(db, &S_TRANSITION_CLEAR)))
		return cxo_errcode();
	cxo__bind_int(st, 1, *rowid);
	if ((rc = cxo__step_done(db, st, "replacing transitions")))
		return rc;
	const cxo_row *tr = cxo_row_child(rec, "transitions");
	for (size_t i = 0; tr && i < tr->n && !rc; i++) {
		const cxo_row *pair = tr->f[i].v.row;
		if (!(st = cxo__stmt(db, &S_TRANSITION_INSERT)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_int(st, 2, (int64_t)i);
		cxo__bind_text(st, 3, pair->f[0].v.s);
		cxo__bind_text(st, 4, pair->f[1].v.s);
		rc = cxo__step_done(db, st, "writing a transition");
	}
	cxo__db_changed(db);
	return rc;
}

static const cxo__sql S_IS_BUILTIN = { "SELECT builtin FROM lifecycle WHERE id = ?1" };
static const cxo__sql S_DELETE = { "DELETE FROM lifecycle WHERE id = ?1" };

static int remove_lc(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	int64_t n;
	int rc = cxo__count(db, &S_IS_BUILTIN, rowid, &n);
	if (rc)
		return rc;
	if (n)
		return cxo__err(CXO_ECONSTRAINT, "%s is built in and cannot be deleted", ctx->path);
	static const cxo__ref refs[] = {
		{ &cxo__observations_in_lifecycle, &cxo__observation_ops, "observation", "observations", NULL },
	};
	if ((rc = cxo__refs_release(db, refs, 1, rowid, cxo_row_text(rec, "id"), flags, ctx)))
		return rc;
	rc = cxo__exec_id(db, &S_DELETE, rowid, "deleting a lifecycle");
	cxo__db_changed(db);
	return rc;
}

static const cxo__sql S_LIST = { "SELECT id FROM lifecycle ORDER BY slug" };

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	(void)q;
	return cxo__rowid_cursor(out, db, &cxo__lifecycle_ops, &S_LIST, NULL, 0, NULL, NULL, NULL);
}

static const cxo__sql S_ALL_LIFECYCLE = { "SELECT id FROM lifecycle ORDER BY slug" };

const cxo__kind_ops cxo__lifecycle_ops = {
	.kind = CXO_KIND_LIFECYCLE,
	.name = "lifecycle",
	.plural = "lifecycles",
	.spec = SPEC,
	.nkey = 1,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.nested = nested,
	.check = check,
	.write = write,
	.remove = remove_lc,
	.list = list,
	.all = &S_ALL_LIFECYCLE,
};
