/* Topics: the standardization subjects that recur across meetings. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const cxo__spec SPEC[] = {
	{ "id", FT_SLUG, FF_REQUIRED | FF_KEY, NULL, NULL },
	{ "title", FT_TEXT, FF_REQUIRED, NULL, NULL },
	{ "description", FT_TEXT, 0, NULL, NULL },
	{ "tags", FT_SLUG_SET, 0, NULL, NULL },
	{ "aliases", FT_TEXT_SET, 0, NULL, NULL },
	{ "note", FT_TEXT, 0, NULL, NULL },
	{ "uncertain", FT_BOOL, FF_OMIT_FALSE, NULL, NULL },
	{ NULL, 0, 0, NULL, NULL },
};

static const char *const KEY_NAMES[] = { "id" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM topic WHERE slug = ?1" };

int cxo__topic_id(cxo_db *db, const char *slug, int64_t *id)
{
	return cxo__query_id(db, &S_FIND, slug, id, "finding a topic");
}

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__topic_id(db, k[0], rowid);
}

static const cxo__sql S_LOAD = { "SELECT slug, title, description, note, uncertain FROM topic WHERE id = ?1" };
static const cxo__sql S_TAGS = { "SELECT tag FROM topic_tag WHERE topic = ?1 ORDER BY tag" };
static const cxo__sql S_ALIASES = { "SELECT alias FROM topic_alias WHERE topic = ?1 ORDER BY alias" };

static int load_list(cxo_db *db, const cxo__sql *def, int64_t rowid, cxo_row *out, const char *name)
{
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	cxo_row *list = NULL;
	int rc = CXO_OK, src;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!list && !(list = cxo__row_add_list(out, name)))
			rc = CXO_ENOMEM;
		else
			rc = cxo__row_add_column_text(list, NULL, st, 0);
	}
	cxo__stmt_reset(st);
	return rc ? rc : src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "reading a topic");
}

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LOAD, rowid, "topic", &st);
	if (rc)
		return rc;
	rc = cxo__row_add_column_text(out, "id", st, 0);
	if (!rc)
		rc = cxo__row_add_column_text(out, "title", st, 1);
	if (!rc && sqlite3_column_type(st, 2) != SQLITE_NULL)
		rc = cxo__row_add_column_text(out, "description", st, 2);
	char *note = NULL;
	if (!rc && sqlite3_column_type(st, 3) != SQLITE_NULL &&
	    !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 3))))
		rc = CXO_ENOMEM;
	int uncertain = sqlite3_column_int(st, 4);
	cxo__stmt_reset(st);
	if (!rc)
		rc = load_list(db, &S_TAGS, rowid, out, "tags");
	if (!rc)
		rc = load_list(db, &S_ALIASES, rowid, out, "aliases");
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)db;
	(void)rec;
	(void)rowid;
	(void)ctx;
	return CXO_OK;
}

static const cxo__sql S_INSERT = {
	"INSERT INTO topic (slug, title, description, note, uncertain, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE topic SET title = ?2, description = ?3, note = ?4, uncertain = ?5 WHERE id = ?1"
};
static const cxo__sql S_TAGS_CLEAR = { "DELETE FROM topic_tag WHERE topic = ?1" };
static const cxo__sql S_TAG_INSERT = { "INSERT INTO topic_tag (topic, tag) VALUES (?1, ?2)" };
static const cxo__sql S_ALIASES_CLEAR = { "DELETE FROM topic_alias WHERE topic = ?1" };
static const cxo__sql S_ALIAS_INSERT = { "INSERT INTO topic_alias (topic, alias) VALUES (?1, ?2)" };

static int write_list(cxo_db *db, int64_t rowid, const cxo__sql *clear, const cxo__sql *insert, const cxo_row *list)
{
	sqlite3_stmt *st = cxo__stmt(db, clear);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	int rc = cxo__step_done(db, st, "writing a topic");
	for (size_t i = 0; list && i < list->n && !rc; i++) {
		if (!(st = cxo__stmt(db, insert)))
			return cxo_errcode();
		cxo__bind_int(st, 1, rowid);
		cxo__bind_text(st, 2, list->f[i].v.s);
		rc = cxo__step_done(db, st, "writing a topic");
	}
	return rc;
}

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	if (*rowid)
		cxo__bind_int(st, 1, *rowid);
	else
		cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_text(st, 2, cxo_row_text(rec, "title"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "description"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 5, cxo_row_int(rec, "uncertain"));
	if (!*rowid)
		cxo__bind_int(st, 6, ctx->origin);
	int rc = cxo__step_done(db, st, "writing a topic");
	if (rc)
		return rc;
	if (!*rowid)
		*rowid = sqlite3_last_insert_rowid(db->sql);
	rc = write_list(db, *rowid, &S_TAGS_CLEAR, &S_TAG_INSERT, cxo_row_child(rec, "tags"));
	if (!rc)
		rc = write_list(db, *rowid, &S_ALIASES_CLEAR, &S_ALIAS_INSERT, cxo_row_child(rec, "aliases"));
	return rc;
}

static const cxo__sql S_DELETE = { "DELETE FROM topic WHERE id = ?1" };

static int remove_topic(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	int rc = cxo__observations_release(db, "topic", rowid, flags, ctx);
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, &S_DELETE);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	return cxo__step_done(db, st, "deleting a topic");
}

/* The list adds each topic's latest observation in one lifecycle, as of a point. */
typedef struct list_arg {
	int64_t lifecycle;
	char *status;
	cxo__cutoff cut;
} list_arg;

static const cxo__sql S_LATEST = {
	"SELECT o.pos, o.status, o.meeting, o.date FROM observation AS o"
	" WHERE o.topic = ?1 AND o.lifecycle = ?2 ORDER BY o.pos DESC"
};

static int derive(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	list_arg *a = p;
	const cxo__lifecycle *lc;
	const cxo__timeline *t;
	int rc = cxo__lifecycle_by_id(db, a->lifecycle, &lc);
	if (!rc)
		rc = cxo__timeline_get(db, &t);
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, &S_LATEST);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	cxo__bind_int(st, 2, a->lifecycle);
	const char *status = NULL, *point = NULL, *date = NULL;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!cxo__cutoff_admits(&a->cut, (const char *)sqlite3_column_text(st, 0)))
			continue;
		long si = cxo__status_index(lc, sqlite3_column_int64(st, 1));
		status = si >= 0 ? lc->status[si].slug : NULL;
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			long mi = cxo__timeline_index(t, sqlite3_column_int64(st, 2));
			if (mi >= 0) {
				point = t->m[mi].slug;
				date = t->m[mi].date;
			}
		} else {
			point = date = cxo__arena_strdup(row->arena, (const char *)sqlite3_column_text(st, 3));
			if (!point)
				rc = CXO_ENOMEM;
		}
		break;
	}
	cxo__stmt_reset(st);
	if (rc)
		return rc;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return cxo__sqlerr(db, src, "reading observations");
	if (a->status && (!status || strcmp(a->status, status) != 0))
		return 1;
	if ((rc = cxo__row_add_text(row, "status", status)) || (rc = cxo__row_add_text(row, "point", point)))
		return rc;
	return cxo__row_add_text(row, "date", date);
}

static void free_arg(void *p)
{
	list_arg *a = p;
	if (a)
		cxo__free(a->status);
	cxo__free(a);
}

static const cxo__sql S_LIST = { "SELECT id FROM topic ORDER BY slug" };

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	const cxo__lifecycle *lc;
	int rc = cxo__lifecycle_get(db, q->lifecycle ? q->lifecycle : "cto", &lc);
	if (rc)
		return rc;
	list_arg *a = cxo__calloc(1, sizeof *a);
	if (!a)
		return CXO_ENOMEM;
	a->lifecycle = lc->id;
	if (q->status && cxo__status_find(lc, q->status) < 0) {
		char s[96], l[96];
		cxo__quote(s, sizeof s, q->status);
		cxo__quote(l, sizeof l, lc->slug);
		free_arg(a);
		return cxo__err(CXO_EINVAL, "status: %s is not a status of lifecycle %s", s, l);
	}
	if ((q->status && !(a->status = cxo__strdup(q->status))) || (rc = cxo__cutoff_resolve(db, q->as_of, &a->cut))) {
		free_arg(a);
		return rc ? rc : CXO_ENOMEM;
	}
	return cxo__rowid_cursor(out, db, &cxo__topic_ops, &S_LIST, NULL, 0, derive, a, free_arg);
}

const cxo__kind_ops cxo__topic_ops = {
	CXO_KIND_TOPIC, "topic", "topics", SPEC, 1, KEY_NAMES,
	key, find, load, NULL, check, write, remove_topic, list,
};
