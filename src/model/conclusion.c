/* Conclusions: the numbered statements of a meeting's communiqué, about one or
 * more topics, with the actions they ask for nested in them. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const char *const KINDS[] = { "priority", "request", "recommendation", "observation", "decision", NULL };

static const cxo__spec SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "meeting", .type = FT_SLUG, .flags = FF_REQUIRED },
	{ .name = "number", .type = FT_TEXT },
	{ .name = "kind", .type = FT_ENUM, .values = KINDS },
	{ .name = "text", .type = FT_TEXT },
	{ .name = "topics", .type = FT_SLUGS },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "actions", .type = FT_CHILDREN, .child = &cxo__action_ops, .parent_key = "conclusion" },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "id" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM conclusion WHERE slug = ?1" };

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_FIND, k[0], rowid, "finding a conclusion");
}

static const cxo__sql S_LOAD = {
	"SELECT c.slug, m.slug, c.number, c.kind, c.text, c.note, c.uncertain FROM conclusion AS c"
	" JOIN meeting AS m ON m.id = c.meeting WHERE c.id = ?1"
};
static const cxo__sql S_TOPICS = {
	"SELECT t.slug FROM conclusion_topic AS x JOIN topic AS t ON t.id = x.topic WHERE x.conclusion = ?1"
	" ORDER BY x.pos"
};

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "id", "meeting", "number", "kind", "text" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LOAD, rowid, "conclusion", &st);
	for (int c = 0; c < 5 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	char *note = NULL;
	if (!rc && sqlite3_column_type(st, 5) != SQLITE_NULL &&
	    !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 5))))
		rc = CXO_ENOMEM;
	int uncertain = st ? sqlite3_column_int(st, 6) : 0;
	cxo__stmt_reset(st);
	if (!rc && !(st = cxo__stmt(db, &S_TOPICS)))
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_int(st, 1, rowid);
		cxo_row *topics = NULL;
		int src;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			if (!topics && !(topics = cxo__row_add_list(out, "topics")))
				rc = CXO_ENOMEM;
			else
				rc = cxo__row_add_column_text(topics, NULL, st, 0);
		}
		cxo__stmt_reset(st);
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "reading a conclusion's topics");
	}
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_CONCLUSION, rowid, out);
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	char q[96];
	const char *meeting = cxo_row_text(rec, "meeting");
	int rc = cxo__point_check(db, meeting, ctx, "meeting");
	if (rc)
		return rc;
	const cxo_row *topics = cxo_row_child(rec, "topics");
	for (size_t i = 0; topics && i < topics->n; i++) {
		int64_t id;
		if ((rc = cxo__topic_id(db, topics->f[i].v.s, &id)))
			return rc;
		if (!id) {
			cxo__quote(q, sizeof q, topics->f[i].v.s);
			return cxo__err(CXO_ENOTFOUND, "%s.topics[%zu]: there is no topic %s", ctx->path, i, q);
		}
	}
	return CXO_OK;
}

static const cxo__sql S_MEETING = { "SELECT id FROM meeting WHERE slug = ?1" };
static const cxo__sql S_INSERT = {
	"INSERT INTO conclusion (slug, meeting, number, kind, text, note, uncertain, origin)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE conclusion SET meeting = ?2, number = ?3, kind = ?4, text = ?5, note = ?6, uncertain = ?7 WHERE id = ?9"
};
static const cxo__sql S_TOPICS_CLEAR = { "DELETE FROM conclusion_topic WHERE conclusion = ?1" };
static const cxo__sql S_TOPIC_INSERT = {
	"INSERT INTO conclusion_topic (conclusion, pos, topic) SELECT ?1, ?2, id FROM topic WHERE slug = ?3"
};

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t meeting;
	int rc = cxo__query_id(db, &S_MEETING, cxo_row_text(rec, "meeting"), &meeting, "finding a meeting");
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_int(st, 2, meeting);
	cxo__bind_text(st, 3, cxo_row_text(rec, "number"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "kind"));
	cxo__bind_text(st, 5, cxo_row_text(rec, "text"));
	cxo__bind_text(st, 6, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 7, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 8, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 9, *rowid);
	if ((rc = cxo__step_write(db, st, "writing a conclusion", rowid)))
		return rc;
	if (!(st = cxo__stmt(db, &S_TOPICS_CLEAR)))
		return cxo_errcode();
	cxo__bind_int(st, 1, *rowid);
	rc = cxo__step_done(db, st, "writing a conclusion's topics");
	const cxo_row *topics = cxo_row_child(rec, "topics");
	for (size_t i = 0; topics && i < topics->n && !rc; i++) {
		if (!(st = cxo__stmt(db, &S_TOPIC_INSERT)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_int(st, 2, (int64_t)i);
		cxo__bind_text(st, 3, topics->f[i].v.s);
		rc = cxo__step_done(db, st, "writing a conclusion's topics");
	}
	if (!rc)
		rc = cxo__sources_write(db, CXO__SRC_CONCLUSION, *rowid, cxo_row_child(rec, "sources"));
	if (!rc)
		rc = cxo__search_put(db, CXO__SEARCH_CONCLUSION, *rowid, cxo_row_text(rec, "id"), NULL,
		                     cxo_row_text(rec, "text"));
	return rc;
}

static const cxo__sql S_ACTIONS = { "SELECT id FROM action WHERE conclusion = ?1" };
static const cxo__sql S_DELETE = { "DELETE FROM conclusion WHERE id = ?1" };

static int remove_conclusion(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	/* its actions go with it: they are part of the conclusion */
	int64_t *actions;
	size_t n;
	int rc = cxo__query_ids(db, &S_ACTIONS, rowid, &actions, &n);
	for (size_t i = 0; i < n && !rc; i++)
		rc = cxo__action_ops.remove(db, actions[i], NULL, CXO_DELETE_CASCADE, ctx);
	cxo__free(actions);
	if (!rc)
		rc = cxo__search_remove(db, CXO__SEARCH_CONCLUSION, rowid);
	return rc ? rc : cxo__exec_id(db, &S_DELETE, rowid, "deleting a conclusion");
}

/* ---- the list ---- */

static const cxo__sql S_LIST = {
	"SELECT c.id FROM conclusion AS c JOIN meeting AS m ON m.id = c.meeting"
	" WHERE (?1 IS NULL OR m.slug = ?1)"
	" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM conclusion_topic AS x JOIN topic AS t ON t.id = x.topic"
	" WHERE x.conclusion = c.id AND t.slug = ?2))"
	" ORDER BY m.pos, CAST(c.number AS INTEGER), c.number, c.slug"
};
/* The same for a topic, driven by its index rather than by reading every
 * conclusion (a report asks for each topic's conclusions in turn). */
static const cxo__sql S_LIST_TOPIC = {
	"SELECT c.id FROM conclusion AS c JOIN meeting AS m ON m.id = c.meeting"
	" WHERE c.id IN (SELECT x.conclusion FROM conclusion_topic AS x JOIN topic AS t ON t.id = x.topic"
	" WHERE t.slug = ?2) AND (?1 IS NULL OR m.slug = ?1)"
	" ORDER BY m.pos, CAST(c.number AS INTEGER), c.number, c.slug"
};
static const cxo__sql S_CITED = { "SELECT DISTINCT topic FROM conclusion_topic ORDER BY topic" };

int cxo__topics_cited(cxo_db *db, int64_t **ids, size_t *n)
{
	return cxo__query_ids(db, &S_CITED, 0, ids, n);
}

static const cxo__sql S_WHEN = {
	"SELECT m.pos, m.date FROM conclusion AS c JOIN meeting AS m ON m.id = c.meeting WHERE c.id = ?1"
};

static int derive(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	const cxo__cutoff *cut = p;
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_WHEN, rowid, "conclusion", &st);
	if (rc)
		return rc;
	int keep = cxo__cutoff_admits(cut, (const char *)sqlite3_column_text(st, 0));
	if (keep)
		rc = cxo__row_add_column_text(row, "date", st, 1);
	cxo__stmt_reset(st);
	const cxo_row *actions = cxo_row_child(row, "actions");
	for (size_t i = 0; keep && !rc && i < cxo_row_size(actions); i++)
		rc = cxo__row_cut_nested(db, actions->f[i].v.row, "followups", cut);
	return rc ? rc : keep ? CXO_OK : 1;
}

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	int rc = CXO_OK;
	cxo__cutoff *cut = cxo__malloc(sizeof *cut);
	if (!rc && !cut)
		rc = CXO_ENOMEM;
	if (!rc && (rc = cxo__cutoff_resolve(db, q->as_of, cut)))
		cxo__free(cut);
	if (rc)
		return rc;
	const char *binds[2] = { q->meeting, q->topic };
	return cxo__rowid_cursor(out, db, &cxo__conclusion_ops, q->topic ? &S_LIST_TOPIC : &S_LIST, binds, 2, derive,
	                         cut, cxo__free);
}

static const cxo__sql S_ALL_CONCLUSION = { "SELECT id FROM conclusion ORDER BY slug" };

const cxo__kind_ops cxo__conclusion_ops = {
	.kind = CXO_KIND_CONCLUSION,
	.name = "conclusion",
	.plural = "conclusions",
	.spec = SPEC,
	.nkey = 1,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.check = check,
	.write = write,
	.remove = remove_conclusion,
	.list = list,
	.all = &S_ALL_CONCLUSION,
};
