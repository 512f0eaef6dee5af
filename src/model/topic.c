/* Topics: the standardization subjects that recur across meetings. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const cxo__spec SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "title", .type = FT_TEXT, .flags = FF_REQUIRED },
	{ .name = "description", .type = FT_TEXT },
	{ .name = "tags", .type = FT_SLUG_SET },
	{ .name = "aliases", .type = FT_TEXT_SET },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "relations", .type = FT_CHILDREN, .child = &cxo__relation_ops, .parent_key = "topic", .nested_name = "topic", .own_name = "older" },
	{ .name = "links", .type = FT_CHILDREN, .child = &cxo__link_ops, .parent_key = "topic" },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "id" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM topic WHERE slug = ?1" };

/* The row ids of the topics found so far, by slug, cached on the handle like
 * the timeline: writing an observation looks its topic up three times, and
 * an import or a bulk write does it for every observation. Only topics that
 * exist are kept; deleting one drops the cache (cxo__db_changed), as does any
 * rollback. */
typedef struct topic_ids {
	size_t n, cap; /* cap: a power of two */
	struct topic_slot {
		const char *slug; /* NULL: free */
		int64_t id;
	} *slots;
	cxo__arena arena;
} topic_ids;

static void topic_ids_destroy(void *p)
{
	topic_ids *c = p;
	cxo__free(c->slots);
	cxo__arena_fini(&c->arena);
	cxo__free(c);
}

static size_t slug_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

static struct topic_slot *topic_slot(topic_ids *c, const char *slug)
{
	size_t i = slug_hash(slug) & (c->cap - 1);
	while (c->slots[i].slug && strcmp(c->slots[i].slug, slug) != 0)
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

static int topic_ids_add(topic_ids *c, const char *slug, int64_t id)
{
	if ((c->n + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct topic_slot *old = c->slots, *slots = cxo__calloc(cap, sizeof *slots);
		if (!slots)
			return CXO_ENOMEM;
		size_t oldcap = c->cap;
		c->slots = slots;
		c->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].slug)
				*topic_slot(c, old[i].slug) = old[i];
		cxo__free(old);
	}
	struct topic_slot *s = topic_slot(c, slug);
	if (!(s->slug = cxo__arena_strdup(&c->arena, slug)))
		return CXO_ENOMEM;
	s->id = id;
	c->n++;
	return CXO_OK;
}

int cxo__topic_id(cxo_db *db, const char *slug, int64_t *id)
{
	topic_ids *c = cxo__cache_get(db, CXO__CACHE_TOPICS);
	if (c && c->cap) {
		const struct topic_slot *s = topic_slot(c, slug);
		if (s->slug) {
			*id = s->id;
			return CXO_OK;
		}
	}
	int rc = cxo__query_id(db, &S_FIND, slug, id, "finding a topic");
	if (rc || !*id)
		return rc;
	if (!c) {
		if (!(c = cxo__calloc(1, sizeof *c)))
			return CXO_ENOMEM;
		cxo__arena_init(&c->arena);
		if ((rc = cxo__cache_set(db, CXO__CACHE_TOPICS, c, topic_ids_destroy)))
			return rc;
	}
	return topic_ids_add(c, slug, *id);
}

static const cxo__sql S_TITLE = { "SELECT title FROM topic WHERE slug = ?1" };

int cxo__topic_title(cxo_db *db, const char *slug, cxo__buf *out)
{
	sqlite3_stmt *st = cxo__stmt(db, &S_TITLE);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, slug);
	int src = sqlite3_step(st), rc = CXO_OK;
	cxo__buf_reset(out);
	if (src == SQLITE_ROW)
		rc = cxo__buf_add(out, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	cxo__stmt_reset(st);
	if (src == SQLITE_DONE) {
		char q[96];
		cxo__quote(q, sizeof q, slug);
		return cxo__err(CXO_ENOTFOUND, "there is no topic %s", q);
	}
	return src == SQLITE_ROW ? rc : cxo__sqlerr(db, src, "reading a topic's title");
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
	int rc = cxo__step_write(db, st, "writing a topic", rowid);
	if (rc)
		return rc;
	rc = write_list(db, *rowid, &S_TAGS_CLEAR, &S_TAG_INSERT, cxo_row_child(rec, "tags"));
	if (!rc)
		rc = write_list(db, *rowid, &S_ALIASES_CLEAR, &S_ALIAS_INSERT, cxo_row_child(rec, "aliases"));
	if (rc)
		return rc;
	/* searchable: the title, and the aliases and description */
	cxo__buf body = CXO__BUF_INIT;
	const cxo_row *aliases = cxo_row_child(rec, "aliases");
	for (size_t i = 0; aliases && i < aliases->n; i++) {
		if (i)
			cxo__buf_addc(&body, '\n');
		cxo__buf_adds(&body, aliases->f[i].v.s);
	}
	if (cxo_row_text(rec, "description")) {
		if (body.len)
			cxo__buf_addc(&body, '\n');
		cxo__buf_adds(&body, cxo_row_text(rec, "description"));
	}
	rc = cxo__buf_status(&body);
	if (!rc)
		rc = cxo__search_put(db, CXO__SEARCH_TOPIC, *rowid, cxo_row_text(rec, "id"), cxo_row_text(rec, "title"),
		                     cxo__buf_cstr(&body));
	cxo__buf_fini(&body);
	return rc;
}

static const cxo__sql S_DELETE = { "DELETE FROM topic WHERE id = ?1" };
static const cxo__sql S_CITED_BY = {
	"SELECT DISTINCT c.id FROM conclusion_topic AS x JOIN conclusion AS c ON c.id = x.conclusion"
	" WHERE x.topic = ?1 ORDER BY c.slug"
};
static const cxo__sql S_DESCENDANTS = { "SELECT id FROM relation WHERE older = ?1 ORDER BY id" };

static int remove_topic(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	/* its observations go with it when cascading; conclusions stop citing it;
	 * the relations of newer topics to it go (its own relations and links
	 * are part of it and go anyway) */
	static const cxo__ref refs[] = {
		{ &cxo__observations_of_topic, &cxo__observation_ops, "observation", "observations", NULL },
		{ &S_CITED_BY, &cxo__conclusion_ops, "conclusion", "conclusions", "topics" },
		{ &S_DESCENDANTS, &cxo__relation_ops, "relation of a newer topic", "relations of newer topics", NULL },
	};
	int rc = cxo__refs_release(db, refs, sizeof refs / sizeof refs[0], rowid, cxo_row_text(rec, "id"), flags, ctx);
	if (!rc)
		rc = cxo__search_remove(db, CXO__SEARCH_TOPIC, rowid);
	if (rc)
		return rc;
	cxo__db_changed(db); /* the cached topic ids (cxo__topic_id) */
	return cxo__exec_id(db, &S_DELETE, rowid, "deleting a topic");
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
	/* relations and links holding only since a later point are not part of the row */
	if ((rc = cxo__row_cut_nested(db, row, "relations", &a->cut)) || (rc = cxo__row_cut_nested(db, row, "links", &a->cut)))
		return rc;
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
	*out = NULL; /* on every failure, as the API promises (reports free it) */
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

static const cxo__sql S_ALL_TOPIC = { "SELECT id FROM topic ORDER BY slug" };

const cxo__kind_ops cxo__topic_ops = {
	.kind = CXO_KIND_TOPIC,
	.name = "topic",
	.plural = "topics",
	.spec = SPEC,
	.nkey = 1,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.check = check,
	.write = write,
	.remove = remove_topic,
	.list = list,
	.all = &S_ALL_TOPIC,
};

/* ---- renaming ---- */

CXO_API int cxo_topic_rename(cxo_db *db, const char *old_id, const char *new_id, const char *title,
                             const char *since)
{
	int rc = cxo__db_writable(db, "cxo_topic_rename");
	if (rc)
		return rc;
	if (!old_id || !new_id)
		return cxo__err(CXO_EMISUSE, "cxo_topic_rename: %s is NULL", old_id ? "new_id" : "old_id");
	cxo__arena arena;
	cxo__arena_init(&arena);
	cxo__buf path = CXO__BUF_INIT;
	char q[96];
	cxo__quote(q, sizeof q, old_id);
	cxo__buf_addf(&path, "rename of topic %s", q);
	if ((rc = cxo__buf_status(&path))) {
		cxo__arena_fini(&arena);
		return rc;
	}
	cxo__ctx ctx = { 0 };
	ctx.path = path.data;
	if ((rc = cxo__write_begin(db)) == CXO_OK) {
		int64_t old_row;
		cxo_row *old = cxo__row_new_in(&arena, 0), *rec = cxo__row_new_in(&arena, 0);
		rc = old && rec ? cxo__topic_id(db, old_id, &old_row) : CXO_ENOMEM;
		if (!rc && !old_row)
			rc = cxo__err(CXO_ENOTFOUND, "topic %s does not exist", q);
		if (!rc)
			rc = cxo__record_load(db, &cxo__topic_ops, old_row, old);
		/* the new topic: the old one's fields, its title an alias now */
		if (!rc)
			rc = cxo__row_add_text(rec, "id", new_id);
		if (!rc)
			rc = cxo__row_add_text(rec, "title", title ? title : cxo_row_text(old, "title"));
		if (!rc && cxo_row_text(old, "description"))
			rc = cxo__row_add_text(rec, "description", cxo_row_text(old, "description"));
		const cxo__field *tags = cxo__row_get(old, "tags");
		if (!rc && tags)
			rc = cxo__row_add_copy(rec, "tags", tags);
		cxo_row *aliases = rc ? NULL : cxo__row_add_list(rec, "aliases");
		const cxo_row *old_aliases = cxo_row_child(old, "aliases");
		const char *old_title = cxo_row_text(old, "title");
		int title_listed = title == NULL; /* the title does not change: no alias for it */
		for (size_t i = 0; aliases && i < cxo_row_size(old_aliases) && !rc; i++) {
			const char *a = cxo_row_text_at(old_aliases, i);
			title_listed |= strcmp(a, old_title) == 0;
			rc = cxo__row_add_text(aliases, NULL, a);
		}
		if (!rc && aliases && !title_listed)
			rc = cxo__row_add_text(aliases, NULL, old_title);
		cxo_row *relations = rc ? NULL : cxo__row_add_list(rec, "relations");
		cxo_row *rel = relations ? cxo__row_add_row(relations, NULL) : NULL;
		if (!rc && !rel)
			rc = CXO_ENOMEM;
		if (!rc)
			rc = cxo__row_add_text(rel, "type", "renamed-from");
		if (!rc)
			rc = cxo__row_add_text(rel, "topic", old_id);
		if (!rc && since)
			rc = cxo__row_add_text(rel, "since", since);
		/* the new topic in canonical form (the old title sorted among the
		 * aliases), as the audit entry and the store hold it; a message names
		 * it as cxo__record_put would */
		cxo_row *canon = rc ? NULL : cxo__row_new_in(&arena, 0);
		if (!rc && !canon)
			rc = CXO_ENOMEM;
		if (!rc) {
			char qn[96];
			cxo__quote(qn, sizeof qn, new_id);
			cxo__buf_reset(&path);
			cxo__buf_addf(&path, "topic %s", qn);
			if (!(rc = cxo__buf_status(&path))) {
				ctx.path = path.data;
				rc = cxo__spec_normalize(db, &cxo__topic_ops, rec, NULL, canon, &ctx);
			}
		}
		/* one audit entry for the rename, which the new records point to */
		cxo__buf key = CXO__BUF_INIT;
		if (!rc) {
			/* the new topic first: a filter on its id finds the entry */
			cxo__buf_addf(&key, "%s %s", new_id, old_id);
			rc = cxo__buf_status(&key);
		}
		if (!rc)
			rc = cxo__audit_write(db, "rename", "topic", key.data, old, canon, 0, &ctx.audit_parent);
		cxo__buf_fini(&key);
		ctx.path = NULL;
		if (!rc)
			rc = cxo__record_put(db, &cxo__topic_ops, canon, CXO__PUT_CREATE, &ctx, NULL);
		rc = cxo__write_end(db, rc);
	}
	cxo__arena_fini(&arena);
	cxo__buf_fini(&path);
	return rc;
}
