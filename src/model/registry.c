/* Registries of external items (TSAG's new and emerging technologies under
 * Resolution 22, Focus Groups, Recommendations...), their items with a dated
 * status history, and the links from topics to items. Item ids are opaque
 * strings of the registry's own. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- registries ---- */

static const cxo__spec REGISTRY_SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "title", .type = FT_TEXT },
	{ .name = "version", .type = FT_TEXT },
	{ .name = "url", .type = FT_TEXT },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = NULL },
};

static const char *const REGISTRY_KEY[] = { "id" };

static void registry_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_REGISTRY_FIND = { "SELECT id FROM registry WHERE slug = ?1" };

static int registry_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_REGISTRY_FIND, k[0], rowid, "finding a registry");
}

static const cxo__sql S_REGISTRY_LOAD = {
	"SELECT slug, title, version, url, note, uncertain FROM registry WHERE id = ?1"
};

static int registry_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "id", "title", "version", "url", "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_REGISTRY_LOAD, rowid, "registry", &st);
	for (int c = 0; c < 5 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 5))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	return rc;
}

static int registry_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)db;
	(void)rec;
	(void)rowid;
	(void)ctx;
	return CXO_OK;
}

static const cxo__sql S_REGISTRY_INSERT = {
	"INSERT INTO registry (slug, title, version, url, note, uncertain, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
};
static const cxo__sql S_REGISTRY_UPDATE = {
	"UPDATE registry SET title = ?2, version = ?3, url = ?4, note = ?5, uncertain = ?6 WHERE id = ?8"
};

static int registry_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_REGISTRY_UPDATE : &S_REGISTRY_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_text(st, 2, cxo_row_text(rec, "title"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "version"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "url"));
	cxo__bind_text(st, 5, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 6, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 7, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 8, *rowid);
	return cxo__step_write(db, st, "writing a registry", rowid);
}

static const cxo__sql S_REGISTRY_ITEMS = { "SELECT id FROM item WHERE registry = ?1 ORDER BY ident" };
static const cxo__sql S_REGISTRY_DELETE = { "DELETE FROM registry WHERE id = ?1" };

static int registry_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	static const cxo__ref refs[] = {
		{ &S_REGISTRY_ITEMS, &cxo__item_ops, "item", "items", NULL },
	};
	int rc = cxo__refs_release(db, refs, 1, rowid, cxo_row_text(rec, "id"), flags, ctx);
	return rc ? rc : cxo__exec_id(db, &S_REGISTRY_DELETE, rowid, "deleting a registry");
}

static const cxo__sql S_REGISTRY_LIST = { "SELECT id FROM registry ORDER BY slug" };

static int registry_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	(void)q;
	return cxo__rowid_cursor(out, db, &cxo__registry_ops, &S_REGISTRY_LIST, NULL, 0, NULL, NULL, NULL);
}

static const cxo__sql S_ALL_REGISTRY = { "SELECT id FROM registry ORDER BY slug" };

const cxo__kind_ops cxo__registry_ops = {
	.kind = CXO_KIND_REGISTRY,
	.name = "registry",
	.plural = "registries",
	.spec = REGISTRY_SPEC,
	.nkey = 1,
	.key_names = REGISTRY_KEY,
	.key = registry_key,
	.find = registry_find,
	.load = registry_load,
	.check = registry_check,
	.write = registry_write,
	.remove = registry_remove,
	.list = registry_list,
	.all = &S_ALL_REGISTRY,
};

/* ---- items ---- */

static const cxo__spec ITEM_SPEC[] = {
	{ .name = "registry", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "id", .type = FT_TEXT, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "title", .type = FT_TEXT },
	{ .name = "url", .type = FT_TEXT },
	{ .name = "statuses", .type = FT_NESTED },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = NULL },
};

static const char *const ITEM_KEY[] = { "registry", "id" };

static void item_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "registry");
	parts[1] = cxo_row_text(rec, "id");
}

static const cxo__sql S_ITEM_FIND = {
	"SELECT i.id FROM item AS i JOIN registry AS r ON r.id = i.registry WHERE r.slug = ?1 AND i.ident = ?2"
};

static int item_id(cxo_db *db, const char *registry, const char *ident, int64_t *rowid)
{
	const char *const k[2] = { registry, ident };
	return cxo__query_key(db, &S_ITEM_FIND, k, 2, rowid, "finding an item");
}

static int item_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return item_id(db, k[0], k[1], rowid);
}

static const cxo__sql S_ITEM_LOAD = {
	"SELECT r.slug, i.ident, i.title, i.url, i.note, i.uncertain FROM item AS i"
	" JOIN registry AS r ON r.id = i.registry WHERE i.id = ?1"
};
static const cxo__sql S_ITEM_STATUSES = {
	"SELECT id, date, status, note, uncertain FROM item_status WHERE item = ?1 ORDER BY date"
};

static int item_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "registry", "id", "title", "url" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_ITEM_LOAD, rowid, "item", &st);
	for (int c = 0; c < 4 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	char *note = NULL;
	if (!rc && sqlite3_column_type(st, 4) != SQLITE_NULL &&
	    !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 4))))
		rc = CXO_ENOMEM;
	int uncertain = st ? sqlite3_column_int(st, 5) : 0;
	cxo__stmt_reset(st);
	/* the statuses, each with its sources (read after the list, which the
	 * sources' own statement must not interleave with) */
	int64_t *ids = NULL;
	size_t n = 0;
	cxo_row *list = NULL;
	if (!rc && !(st = cxo__stmt(db, &S_ITEM_STATUSES)))
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_int(st, 1, rowid);
		size_t cap = 0;
		int src;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			if (!list && !(list = cxo__row_add_list(out, "statuses"))) {
				rc = CXO_ENOMEM;
				break;
			}
			int64_t *grown = cxo__grow(ids, &cap, n + 1, sizeof *ids);
			cxo_row *s = grown ? cxo__row_add_row(list, NULL) : NULL;
			if (!s) {
				rc = CXO_ENOMEM;
				break;
			}
			ids = grown;
			ids[n++] = sqlite3_column_int64(st, 0);
			rc = cxo__row_add_column_text(s, "date", st, 1);
			if (!rc)
				rc = cxo__row_add_column_text(s, "status", st, 2);
			if (!rc && sqlite3_column_type(st, 3) != SQLITE_NULL)
				rc = cxo__row_add_column_text(s, "note", st, 3);
			if (!rc && sqlite3_column_int(st, 4))
				rc = cxo__row_add_bool(s, "uncertain", 1);
		}
		cxo__stmt_reset(st);
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "reading an item's statuses");
	}
	for (size_t i = 0; i < n && !rc; i++)
		rc = cxo__sources_load(db, CXO__SRC_ITEM_STATUS, ids[i], list->f[i].v.row);
	cxo__free(ids);
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

static int status_cmp(const void *a, const void *b)
{
	return strcmp(cxo_row_text(*(const cxo_row *const *)a, "date"), cxo_row_text(*(const cxo_row *const *)b, "date"));
}

/* Statuses: each {date, status, note, uncertain, sources}, by date, one per date. */
static int item_nested(cxo_db *db, const cxo__spec *spec, const cxo__field *in, cxo_row *out, cxo__ctx *ctx)
{
	(void)db;
	(void)spec;
	if (in->type != CXO_TYPE_LIST)
		return cxo__err(CXO_EINVAL, "%s.statuses: expected a list of statuses", ctx->path);
	const cxo_row *list = in->v.row;
	if (!list->n)
		return CXO_OK;
	cxo_row **rows = cxo__calloc(list->n, sizeof *rows);
	if (!rows)
		return CXO_ENOMEM;
	int rc = CXO_OK;
	for (size_t i = 0; i < list->n && !rc; i++) {
		const cxo__field *e = &list->f[i];
		if (e->type != CXO_TYPE_ROW) {
			rc = cxo__err(CXO_EINVAL, "%s.statuses[%zu]: expected a status object", ctx->path, i);
			break;
		}
		const cxo_row *s = e->v.row;
		for (size_t j = 0; j < s->n && !rc; j++) {
			const char *name = s->f[j].name;
			if (strcmp(name, "date") && strcmp(name, "status") && strcmp(name, "note") && strcmp(name, "uncertain") &&
			    strcmp(name, "sources")) {
				char q[96];
				cxo__quote(q, sizeof q, name);
				if (ctx->lenient)
					cxo__warn(ctx, "%s.statuses[%zu]: unknown field %s ignored", ctx->path, i, q);
				else
					rc = cxo__err(CXO_EINVAL,
					              "%s.statuses[%zu]: unknown field %s (an item status has: date, status, note, uncertain, sources)",
					              ctx->path, i, q);
			}
		}
		const cxo__field *date = cxo__row_get(s, "date"), *status = cxo__row_get(s, "status"),
		                 *note = cxo__row_get(s, "note"), *unc = cxo__row_get(s, "uncertain"),
		                 *sources = cxo__row_get(s, "sources");
		const char *what = NULL;
		if (rc) {
		} else if (!date || date->type != CXO_TYPE_TEXT) {
			what = "date";
			rc = cxo__err(CXO_EINVAL, date ? "expected a date" : "a value is required");
		} else if ((rc = cxo__date_check(date->v.s))) {
			what = "date";
		} else if (!status || status->type != CXO_TYPE_TEXT) {
			what = "status";
			rc = cxo__err(CXO_EINVAL, status ? "expected an id" : "a value is required");
		} else if ((rc = cxo__slug_check(status->v.s))) {
			what = "status";
		} else if (note && note->type != CXO_TYPE_NULL &&
		           (note->type != CXO_TYPE_TEXT || !note->v.s[0] || cxo__text_check(note->v.s))) {
			what = "note";
			rc = note->type != CXO_TYPE_TEXT ? cxo__err(CXO_EINVAL, "expected text")
			     : !note->v.s[0]             ? cxo__err(CXO_EINVAL, "the text is empty (leave the field out instead)")
			                                 : cxo_errcode();
		} else if (unc && unc->type != CXO_TYPE_NULL && unc->type != CXO_TYPE_BOOL) {
			what = "uncertain";
			rc = cxo__err(CXO_EINVAL, "expected true or false");
		}
		if (rc) {
			if (what)
				cxo__err_prefix("%s.statuses[%zu].%s: ", ctx->path, i, what);
			break;
		}
		cxo_row *d = cxo__row_new_in(out->arena, 0);
		if (!d || cxo__row_add_text(d, "date", date->v.s) || cxo__row_add_text(d, "status", status->v.s) ||
		    (note && note->type == CXO_TYPE_TEXT && cxo__row_add_text(d, "note", note->v.s)) ||
		    (unc && unc->type == CXO_TYPE_BOOL && unc->v.i && cxo__row_add_bool(d, "uncertain", 1))) {
			rc = CXO_ENOMEM;
			break;
		}
		if (sources && sources->type != CXO_TYPE_NULL) {
			cxo__buf path = CXO__BUF_INIT;
			const char *saved = ctx->path;
			cxo__buf_addf(&path, "%s.statuses[%zu]", saved, i);
			if ((rc = cxo__buf_status(&path)) == CXO_OK) {
				ctx->path = path.data;
				rc = cxo__sources_normalize(sources, d, ctx, "sources");
				ctx->path = saved;
			}
			cxo__buf_fini(&path);
		}
		rows[i] = d;
	}
	if (!rc) {
		qsort(rows, list->n, sizeof *rows, status_cmp);
		for (size_t i = 1; i < list->n && !rc; i++)
			if (strcmp(cxo_row_text(rows[i - 1], "date"), cxo_row_text(rows[i], "date")) == 0)
				rc = cxo__err(CXO_EINVAL, "%s.statuses: two statuses dated %s", ctx->path,
				              cxo_row_text(rows[i], "date"));
	}
	cxo_row *dst = rc ? NULL : cxo__row_add_list(out, "statuses");
	if (!rc && !dst)
		rc = CXO_ENOMEM;
	for (size_t i = 0; i < list->n && !rc; i++) {
		cxo__field *slot = cxo__row_slot(dst, NULL);
		if (!slot) {
			rc = CXO_ENOMEM;
			break;
		}
		slot->type = CXO_TYPE_ROW;
		slot->v.row = rows[i];
	}
	cxo__free(rows);
	return rc;
}

static int item_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	int64_t reg;
	int rc = cxo__query_id(db, &S_REGISTRY_FIND, cxo_row_text(rec, "registry"), &reg, "finding a registry");
	if (!rc && !reg) {
		char q[96];
		cxo__quote(q, sizeof q, cxo_row_text(rec, "registry"));
		rc = cxo__err(CXO_ENOTFOUND, "%s.registry: there is no registry %s", ctx->path, q);
	}
	return rc;
}

static const cxo__sql S_ITEM_INSERT = {
	"INSERT INTO item (registry, ident, title, url, note, uncertain, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
};
static const cxo__sql S_ITEM_UPDATE = { "UPDATE item SET title = ?3, url = ?4, note = ?5, uncertain = ?6 WHERE id = ?8" };
static const cxo__sql S_STATUS_CLEAR = { "DELETE FROM item_status WHERE item = ?1" };
static const cxo__sql S_STATUS_INSERT = {
	"INSERT INTO item_status (item, date, status, note, uncertain) VALUES (?1, ?2, ?3, ?4, ?5)"
};

static int item_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t reg;
	int rc = cxo__query_id(db, &S_REGISTRY_FIND, cxo_row_text(rec, "registry"), &reg, "finding a registry");
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_ITEM_UPDATE : &S_ITEM_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, reg);
	cxo__bind_text(st, 2, cxo_row_text(rec, "id"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "title"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "url"));
	cxo__bind_text(st, 5, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 6, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 7, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 8, *rowid);
	if ((rc = cxo__step_write(db, st, "writing an item", rowid)))
		return rc;
	/* the statuses are replaced as a list (their sources go by the cascade) */
	if (!(st = cxo__stmt(db, &S_STATUS_CLEAR)))
		return cxo_errcode();
	cxo__bind_int(st, 1, *rowid);
	rc = cxo__step_done(db, st, "writing an item's statuses");
	const cxo_row *statuses = cxo_row_child(rec, "statuses");
	for (size_t i = 0; statuses && i < statuses->n && !rc; i++) {
		const cxo_row *s = statuses->f[i].v.row;
		if (!(st = cxo__stmt(db, &S_STATUS_INSERT)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_text(st, 2, cxo_row_text(s, "date"));
		cxo__bind_text(st, 3, cxo_row_text(s, "status"));
		cxo__bind_text(st, 4, cxo_row_text(s, "note"));
		cxo__bind_int(st, 5, cxo_row_int(s, "uncertain"));
		if (!(rc = cxo__step_done(db, st, "writing an item's statuses")))
			rc = cxo__sources_write(db, CXO__SRC_ITEM_STATUS, sqlite3_last_insert_rowid(db->sql),
			                        cxo_row_child(s, "sources"));
	}
	return rc;
}

static const cxo__sql S_ITEM_LINKS = { "SELECT id FROM link WHERE item = ?1 ORDER BY id" };
static const cxo__sql S_ITEM_DELETE = { "DELETE FROM item WHERE id = ?1" };

static int item_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	static const cxo__ref refs[] = {
		{ &S_ITEM_LINKS, &cxo__link_ops, "link", "links", NULL },
	};
	int rc = cxo__refs_release(db, refs, 1, rowid, rec ? cxo_row_text(rec, "id") : NULL, flags, ctx);
	return rc ? rc : cxo__exec_id(db, &S_ITEM_DELETE, rowid, "deleting an item");
}

/* The list: each item's status and the topics linking to it, as of a point;
 * an item exists from its first status's date (always, without one). */
typedef struct item_list {
	cxo__cutoff cut;
	uint32_t flags;
} item_list;

static const cxo__sql S_ITEM_LIST = {
	"SELECT i.id FROM item AS i JOIN registry AS r ON r.id = i.registry WHERE ?1 IS NULL OR r.slug = ?1"
	" ORDER BY r.slug, i.ident"
};
static const cxo__sql S_LINKS_TO = { "SELECT id FROM link WHERE item = ?1" };
static const cxo__sql S_LINK_SINCE = { "SELECT since_meeting, since_date FROM link WHERE id = ?1" };

/* How many links to item `rowid` hold at the cut-off. */
static int links_holding(cxo_db *db, int64_t rowid, const cxo__cutoff *cut, int64_t *n)
{
	int64_t *ids;
	size_t count;
	*n = 0;
	int rc = cxo__query_ids(db, &S_LINKS_TO, rowid, &ids, &count);
	for (size_t i = 0; i < count && !rc; i++) {
		int admitted;
		if ((rc = cxo__since_admitted(db, &S_LINK_SINCE, ids[i], cut, &admitted)) == CXO_OK && admitted)
			++*n;
	}
	cxo__free(ids);
	return rc;
}

const char *cxo__item_status_at(const cxo_row *item, const cxo__cutoff *cut, int *exists)
{
	const cxo_row *statuses = cxo_row_child(item, "statuses");
	const char *status = NULL;
	*exists = 1;
	for (size_t i = 0; statuses && i < statuses->n; i++) {
		char pos[CXO__POS_MAX];
		cxo__pos_event(pos, cxo_row_text(statuses->f[i].v.row, "date"));
		if (!cxo__cutoff_admits(cut, pos)) {
			*exists = i > 0;
			break;
		}
		status = cxo_row_text(statuses->f[i].v.row, "status");
	}
	return status;
}

static int item_derive(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	const item_list *a = p;
	int exists;
	const char *status = cxo__item_status_at(row, &a->cut, &exists);
	if (!exists)
		return 1;
	int64_t topics;
	int rc = links_holding(db, rowid, &a->cut, &topics);
	if (rc)
		return rc;
	if ((a->flags & CXO_QUERY_UNLINKED) && topics)
		return 1;
	/* statuses dated later are not part of the row (`status` stays valid:
	 * the texts stay in the row's arena) */
	if ((rc = cxo__row_cut_nested(db, row, "statuses", &a->cut)) || (rc = cxo__row_add_text(row, "status", status)))
		return rc;
	return cxo__row_add_int(row, "topics", topics);
}

static int item_list_query(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	int rc = CXO_OK;
	item_list *a = cxo__calloc(1, sizeof *a);
	if (!a)
		return CXO_ENOMEM;
	a->flags = q->flags;
	if ((rc = cxo__cutoff_resolve(db, q->as_of, &a->cut))) {
		cxo__free(a);
		return rc;
	}
	const char *binds[1] = { q->registry };
	return cxo__rowid_cursor(out, db, &cxo__item_ops, &S_ITEM_LIST, binds, 1, item_derive, a, cxo__free);
}

static const cxo__sql S_ALL_ITEM = { "SELECT i.id FROM item AS i JOIN registry AS r ON r.id = i.registry ORDER BY r.slug, i.ident" };

const cxo__kind_ops cxo__item_ops = {
	.kind = CXO_KIND_ITEM,
	.name = "item",
	.plural = "items",
	.spec = ITEM_SPEC,
	.nkey = 2,
	.key_names = ITEM_KEY,
	.key = item_key,
	.find = item_find,
	.load = item_load,
	.nested = item_nested,
	.check = item_check,
	.write = item_write,
	.remove = item_remove,
	.list = item_list_query,
	.all = &S_ALL_ITEM,
};

/* ---- links from topics to items ---- */

static const char *const LINK_RELATIONS[] = { "maps-to", "partially-covers", "led-to", "related", NULL };

static const cxo__spec LINK_SPEC[] = {
	{ .name = "topic", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "registry", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "item", .type = FT_TEXT, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "relation", .type = FT_ENUM, .values = LINK_RELATIONS, .dflt = "related" },
	{ .name = "since", .type = FT_POINT },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = NULL },
};

static const char *const LINK_KEY[] = { "topic", "registry", "item" };

static void link_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "topic");
	parts[1] = cxo_row_text(rec, "registry");
	parts[2] = cxo_row_text(rec, "item");
}

static const cxo__sql S_LINK_FIND = {
	"SELECT l.id FROM link AS l JOIN topic AS t ON t.id = l.topic JOIN item AS i ON i.id = l.item"
	" JOIN registry AS r ON r.id = i.registry WHERE t.slug = ?1 AND r.slug = ?2 AND i.ident = ?3"
};

static int link_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_key(db, &S_LINK_FIND, k, 3, rowid, "finding a link");
}

static const cxo__sql S_LINK_LOAD = {
	"SELECT t.slug, r.slug, i.ident, l.relation, coalesce(m.slug, l.since_date), l.note, l.uncertain"
	" FROM link AS l JOIN topic AS t ON t.id = l.topic JOIN item AS i ON i.id = l.item"
	" JOIN registry AS r ON r.id = i.registry LEFT JOIN meeting AS m ON m.id = l.since_meeting WHERE l.id = ?1"
};

static int link_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "topic", "registry", "item", "relation", "since", "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LINK_LOAD, rowid, "link", &st);
	for (int c = 0; c < 6 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 6))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_LINK, rowid, out);
	return rc;
}

static int link_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	char q[96], r[96];
	int64_t id;
	int rc = cxo__topic_id(db, cxo_row_text(rec, "topic"), &id);
	if (!rc && !id) {
		cxo__quote(q, sizeof q, cxo_row_text(rec, "topic"));
		return cxo__err(CXO_ENOTFOUND, "%s.topic: there is no topic %s", ctx->path, q);
	}
	if (!rc)
		rc = item_id(db, cxo_row_text(rec, "registry"), cxo_row_text(rec, "item"), &id);
	if (!rc && !id) {
		cxo__quote(q, sizeof q, cxo_row_text(rec, "item"));
		cxo__quote(r, sizeof r, cxo_row_text(rec, "registry"));
		return cxo__err(CXO_ENOTFOUND, "%s.item: there is no item %s in registry %s", ctx->path, q, r);
	}
	const char *since = cxo_row_text(rec, "since");
	if (!rc && since)
		rc = cxo__point_check(db, since, ctx, "since");
	return rc;
}

static const cxo__sql S_LINK_INSERT = {
	"INSERT INTO link (topic, item, relation, since_meeting, since_date, note, uncertain, origin)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};
static const cxo__sql S_LINK_UPDATE = {
	"UPDATE link SET relation = ?3, since_meeting = ?4, since_date = ?5, note = ?6, uncertain = ?7 WHERE id = ?9"
};

static int link_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t topic, item, since_meeting = 0;
	int found;
	char pos[CXO__POS_MAX];
	const char *since = cxo_row_text(rec, "since");
	int rc = cxo__topic_id(db, cxo_row_text(rec, "topic"), &topic);
	if (!rc)
		rc = item_id(db, cxo_row_text(rec, "registry"), cxo_row_text(rec, "item"), &item);
	if (!rc && since)
		rc = cxo__point_pos(db, since, pos, &since_meeting, &found);
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_LINK_UPDATE : &S_LINK_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, topic);
	cxo__bind_int(st, 2, item);
	cxo__bind_text(st, 3, cxo_row_text(rec, "relation"));
	if (since_meeting)
		cxo__bind_int(st, 4, since_meeting);
	cxo__bind_text(st, 5, since && !since_meeting ? since : NULL);
	cxo__bind_text(st, 6, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 7, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 8, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 9, *rowid);
	if ((rc = cxo__step_write(db, st, "writing a link", rowid)))
		return rc;
	return cxo__sources_write(db, CXO__SRC_LINK, *rowid, cxo_row_child(rec, "sources"));
}

static const cxo__sql S_LINK_DELETE = { "DELETE FROM link WHERE id = ?1" };

static int link_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	(void)ctx;
	return cxo__exec_id(db, &S_LINK_DELETE, rowid, "deleting a link");
}

static int link_order(cxo_db *db, const cxo_row *rec, cxo__buf *k)
{
	(void)db;
	return cxo__buf_addf(k, "%s\x01%s", cxo_row_text(rec, "registry"), cxo_row_text(rec, "item"));
}

static const cxo__sql S_LINKS_OF = {
	"SELECT l.id FROM link AS l JOIN item AS i ON i.id = l.item JOIN registry AS r ON r.id = i.registry"
	" WHERE l.topic = ?1 ORDER BY r.slug, i.ident"
};

static const cxo__sql S_LINK_LIST = {
	"SELECT l.id FROM link AS l JOIN topic AS t ON t.id = l.topic JOIN item AS i ON i.id = l.item"
	" JOIN registry AS r ON r.id = i.registry WHERE (?1 IS NULL OR t.slug = ?1) AND (?2 IS NULL OR r.slug = ?2)"
	" AND (?3 IS NULL OR i.ident = ?3) ORDER BY t.slug, r.slug, i.ident"
};
/* The same for one topic, found through its index rather than by reading
 * every link (a report asks for each topic's links in turn). */
static const cxo__sql S_LINK_LIST_TOPIC = {
	"SELECT l.id FROM link AS l JOIN topic AS t ON t.id = l.topic JOIN item AS i ON i.id = l.item"
	" JOIN registry AS r ON r.id = i.registry WHERE l.topic = (SELECT id FROM topic WHERE slug = ?1)"
	" AND (?2 IS NULL OR r.slug = ?2) AND (?3 IS NULL OR i.ident = ?3) ORDER BY t.slug, r.slug, i.ident"
};
static const cxo__sql S_LINKED = { "SELECT DISTINCT topic FROM link ORDER BY topic" };

int cxo__topics_linked(cxo_db *db, int64_t **ids, size_t *n)
{
	return cxo__query_ids(db, &S_LINKED, 0, ids, n);
}

static const cxo__sql S_LINK_TITLE = {
	"SELECT i.title, (SELECT min(date) FROM item_status WHERE item = i.id) FROM link AS l JOIN item AS i ON i.id = l.item"
	" WHERE l.id = ?1"
};

static int link_derive(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	const cxo__cutoff *cut = p;
	int admitted;
	int rc = cxo__since_admitted(db, &S_LINK_SINCE, rowid, cut, &admitted);
	if (rc || !admitted)
		return rc ? rc : 1;
	sqlite3_stmt *st;
	if ((rc = cxo__query_row(db, &S_LINK_TITLE, rowid, "link", &st)))
		return rc;
	/* a link to an item that does not exist yet (its first status is later)
	 * does not hold either */
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		char pos[CXO__POS_MAX];
		cxo__pos_event(pos, (const char *)sqlite3_column_text(st, 1));
		admitted = cxo__cutoff_admits(cut, pos);
	}
	if (admitted)
		rc = cxo__row_add_column_text(row, "title", st, 0);
	cxo__stmt_reset(st);
	return rc ? rc : admitted ? CXO_OK : 1;
}

static int link_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	int rc;
	cxo__cutoff *cut = cxo__malloc(sizeof *cut);
	if (!cut)
		return CXO_ENOMEM;
	if ((rc = cxo__cutoff_resolve(db, q->as_of, cut))) {
		cxo__free(cut);
		return rc;
	}
	const char *binds[3] = { q->topic, q->registry, q->item };
	return cxo__rowid_cursor(out, db, &cxo__link_ops, q->topic ? &S_LINK_LIST_TOPIC : &S_LINK_LIST, binds, 3,
	                         link_derive, cut, cxo__free);
}

const cxo__kind_ops cxo__link_ops = {
	.kind = CXO_KIND_LINK,
	.name = "link",
	.plural = "links",
	.spec = LINK_SPEC,
	.nkey = 3,
	.key_names = LINK_KEY,
	.key = link_key,
	.find = link_find,
	.load = link_load,
	.check = link_check,
	.write = link_write,
	.remove = link_remove,
	.list = link_list,
	.by_parent = &S_LINKS_OF,
	.order = link_order,
};
