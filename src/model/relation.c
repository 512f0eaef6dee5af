/* Relations between topics, each from the newer topic to the older one:
 * renamed-from, merged-from, split-from, supersedes (the lineage, which may
 * hold no cycle) and the symmetric related. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const char *const TYPES[] = { "renamed-from", "merged-from", "split-from", "supersedes", "related", NULL };

static const cxo__spec SPEC[] = {
	{ .name = "topic", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "type", .type = FT_ENUM, .flags = FF_REQUIRED | FF_KEY, .values = TYPES },
	{ .name = "older", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "since", .type = FT_POINT },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "topic", "type", "older" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "topic");
	parts[1] = cxo_row_text(rec, "type");
	parts[2] = cxo_row_text(rec, "older");
}

static const cxo__sql S_FIND = {
	"SELECT r.id FROM relation AS r JOIN topic AS t ON t.id = r.topic JOIN topic AS o ON o.id = r.older"
	" WHERE t.slug = ?1 AND r.type = ?2 AND o.slug = ?3"
};

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_key(db, &S_FIND, k, 3, rowid, "finding a relation");
}

static const cxo__sql S_LOAD = {
	"SELECT t.slug, r.type, o.slug, coalesce(m.slug, r.since_date), r.note, r.uncertain FROM relation AS r"
	" JOIN topic AS t ON t.id = r.topic JOIN topic AS o ON o.id = r.older"
	" LEFT JOIN meeting AS m ON m.id = r.since_meeting WHERE r.id = ?1"
};

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "topic", "type", "older", "since", "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LOAD, rowid, "relation", &st);
	for (int c = 0; c < 5 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 5))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_RELATION, rowid, out);
	return rc;
}

/* Whether `from` reaches `to` through lineage relations (not "related"). */
static const cxo__sql S_REACHES = {
	"WITH RECURSIVE up(t) AS (SELECT ?1 UNION SELECT r.older FROM relation AS r JOIN up ON r.topic = up.t"
	" WHERE r.type <> 'related') SELECT count(*) FROM up WHERE t = ?2"
};

static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	char q[96];
	int64_t topic, older;
	const char *t = cxo_row_text(rec, "topic"), *o = cxo_row_text(rec, "older");
	int rc = cxo__topic_id(db, t, &topic);
	if (!rc && !topic) {
		cxo__quote(q, sizeof q, t);
		return cxo__err(CXO_ENOTFOUND, "%s.topic: there is no topic %s", ctx->path, q);
	}
	if (!rc)
		rc = cxo__topic_id(db, o, &older);
	if (rc)
		return rc;
	cxo__quote(q, sizeof q, o);
	if (!older)
		return cxo__err(CXO_ENOTFOUND, "%s.older: there is no topic %s", ctx->path, q);
	if (topic == older)
		return cxo__err(CXO_EINVAL, "%s.older: a topic cannot relate to itself", ctx->path);
	const char *since = cxo_row_text(rec, "since");
	if (since && (rc = cxo__point_check(db, since, ctx, "since")))
		return rc;
	if (strcmp(cxo_row_text(rec, "type"), "related") == 0)
		return CXO_OK;
	sqlite3_stmt *st = cxo__stmt(db, &S_REACHES);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, older);
	cxo__bind_int(st, 2, topic);
	int src = sqlite3_step(st);
	int64_t n = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	cxo__stmt_reset(st);
	if (src != SQLITE_ROW)
		return cxo__sqlerr(db, src, "following relations");
	if (n)
		return cxo__err(CXO_ECONSTRAINT,
		                "%s: topic %s already descends from \"%s\"; a %s relation would make a cycle", ctx->path, q,
		                t, cxo_row_text(rec, "type"));
	return CXO_OK;
}

static const cxo__sql S_INSERT = {
	"INSERT INTO relation (topic, type, older, since_meeting, since_date, note, uncertain, origin)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE relation SET since_meeting = ?4, since_date = ?5, note = ?6, uncertain = ?7 WHERE id = ?9"
};

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t topic, older, since_meeting = 0;
	int rc = cxo__topic_id(db, cxo_row_text(rec, "topic"), &topic);
	if (!rc)
		rc = cxo__topic_id(db, cxo_row_text(rec, "older"), &older);
	const char *since = cxo_row_text(rec, "since");
	char pos[CXO__POS_MAX];
	int found;
	if (!rc && since)
		rc = cxo__point_pos(db, since, pos, &since_meeting, &found);
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, topic);
	cxo__bind_text(st, 2, cxo_row_text(rec, "type"));
	cxo__bind_int(st, 3, older);
	if (since_meeting)
		cxo__bind_int(st, 4, since_meeting);
	cxo__bind_text(st, 5, since && !since_meeting ? since : NULL);
	cxo__bind_text(st, 6, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 7, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 8, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 9, *rowid);
	if ((rc = cxo__step_write(db, st, "writing a relation", rowid)))
		return rc;
	return cxo__sources_write(db, CXO__SRC_RELATION, *rowid, cxo_row_child(rec, "sources"));
}

static const cxo__sql S_DELETE = { "DELETE FROM relation WHERE id = ?1" };

static int remove_relation(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	(void)ctx;
	return cxo__exec_id(db, &S_DELETE, rowid, "deleting a relation");
}

static int order(cxo_db *db, const cxo_row *rec, cxo__buf *k)
{
	(void)db;
	return cxo__buf_addf(k, "%s\x01%s", cxo_row_text(rec, "type"), cxo_row_text(rec, "older"));
}

static const cxo__sql S_BY_PARENT = {
	"SELECT r.id FROM relation AS r JOIN topic AS o ON o.id = r.older WHERE r.topic = ?1 ORDER BY r.type, o.slug"
};

/* ---- the list ---- */

static const cxo__sql S_LIST = {
	"SELECT r.id FROM relation AS r JOIN topic AS t ON t.id = r.topic JOIN topic AS o ON o.id = r.older"
	" WHERE ?1 IS NULL OR t.slug = ?1 OR o.slug = ?1 ORDER BY t.slug, r.type, o.slug"
};
static const cxo__sql S_SINCE = { "SELECT since_meeting, since_date FROM relation WHERE id = ?1" };

/* A relation holds from its `since` point (from the start without one). */
int cxo__since_admitted(cxo_db *db, const cxo__sql *def, int64_t rowid, const cxo__cutoff *cut, int *admitted)
{
	*admitted = 1;
	if (!cut->set)
		return CXO_OK;
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, def, rowid, "record", &st);
	if (rc)
		return rc;
	int64_t meeting = sqlite3_column_int64(st, 0);
	char *date = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL : cxo__strdup((const char *)sqlite3_column_text(st, 1));
	int none = !meeting && sqlite3_column_type(st, 1) == SQLITE_NULL;
	cxo__stmt_reset(st);
	if (none)
		return CXO_OK;
	if (!meeting && !date)
		return CXO_ENOMEM;
	char pos[CXO__POS_MAX];
	rc = cxo__stored_pos(db, meeting, date, pos);
	cxo__free(date);
	if (!rc)
		*admitted = cxo__cutoff_admits(cut, pos);
	return rc;
}

static int admit(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	(void)row;
	int admitted;
	int rc = cxo__since_admitted(db, &S_SINCE, rowid, p, &admitted);
	return rc ? rc : admitted ? CXO_OK : 1;
}

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
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
	const char *binds[1] = { q->topic };
	return cxo__rowid_cursor(out, db, &cxo__relation_ops, &S_LIST, binds, 1, admit, cut, cxo__free);
}

const cxo__kind_ops cxo__relation_ops = {
	.kind = CXO_KIND_RELATION,
	.name = "relation",
	.plural = "relations",
	.spec = SPEC,
	.nkey = 3,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.check = check,
	.write = write,
	.remove = remove_relation,
	.list = list,
	.by_parent = &S_BY_PARENT,
	.order = order,
};

/* ---- lineage ---- */

static const cxo__sql S_OLDER = {
	"SELECT r.id FROM relation AS r JOIN topic AS o ON o.id = r.older"
	" WHERE r.topic = ?1 AND r.type <> 'related' ORDER BY o.slug"
};
static const cxo__sql S_OLDER_OF = { "SELECT older FROM relation WHERE id = ?1" };

int cxo__predecessors(cxo_db *db, int64_t topic, const cxo__cutoff *cut, cxo__lineage *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	/* breadth first from the topic itself (generation 0) */
	cxo__lineage_topic *self = cxo__grow(NULL, &cap, 1, sizeof *self);
	if (!self)
		return CXO_ENOMEM;
	out->t = self;
	out->t[0].id = topic;
	out->t[0].generation = 0;
	out->t[0].parent = -1;
	out->n = 1;
	int rc = CXO_OK;
	for (size_t i = 0; i < out->n && !rc; i++) {
		/* the relations of this topic, read in full before the next queries */
		int64_t *rel;
		size_t nrel;
		if ((rc = cxo__query_ids(db, &S_OLDER, out->t[i].id, &rel, &nrel)))
			break;
		for (size_t k = 0; k < nrel && !rc; k++) {
			int admitted;
			int64_t older;
			if ((rc = cxo__since_admitted(db, &S_SINCE, rel[k], cut, &admitted)) || !admitted)
				continue;
			if ((rc = cxo__count(db, &S_OLDER_OF, rel[k], &older)))
				break;
			int seen = 0;
			for (size_t j = 0; j < out->n && !seen; j++)
				seen = out->t[j].id == older;
			if (seen)
				continue;
			cxo__lineage_topic *grown = cxo__grow(out->t, &cap, out->n + 1, sizeof *out->t);
			if (!grown) {
				rc = CXO_ENOMEM;
				break;
			}
			out->t = grown;
			out->t[out->n].id = older;
			out->t[out->n].generation = out->t[i].generation + 1;
			out->t[out->n].parent = (long)i;
			out->n++;
		}
		cxo__free(rel);
	}
	if (rc) {
		cxo__free(out->t);
		memset(out, 0, sizeof *out);
	}
	return rc;
}
