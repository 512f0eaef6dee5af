/* Actions (what a conclusion asks someone to do) and their follow-ups (the
 * action's state at later points in time). An action's status is its latest
 * follow-up's; it is overdue when its due point has passed and it is still
 * open or in progress; its age is the number of tracked meetings held since
 * its conclusion's meeting. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

/* ---- actions ---- */

static const cxo__spec ACTION_SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "conclusion", .type = FT_SLUG, .flags = FF_REQUIRED },
	{ .name = "owner", .type = FT_TEXT },
	{ .name = "description", .type = FT_TEXT },
	{ .name = "due_meeting", .type = FT_SLUG },
	{ .name = "due_date", .type = FT_DATE },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "followups", .type = FT_CHILDREN, .child = &cxo__followup_ops, .parent_key = "action" },
	{ .name = NULL },
};

static const char *const ACTION_KEY[] = { "id" };

static void action_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM action WHERE slug = ?1" };

static int action_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_FIND, k[0], rowid, "finding an action");
}

static const cxo__sql S_LOAD = {
	"SELECT a.slug, c.slug, a.owner, a.description, m.slug, a.due_date, a.note, a.uncertain FROM action AS a"
	" JOIN conclusion AS c ON c.id = a.conclusion LEFT JOIN meeting AS m ON m.id = a.due_meeting WHERE a.id = ?1"
};

static int action_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "id", "conclusion", "owner", "description", "due_meeting", "due_date" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LOAD, rowid, "action", &st);
	for (int c = 0; c < 6 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	char *note = NULL;
	if (!rc && sqlite3_column_type(st, 6) != SQLITE_NULL &&
	    !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 6))))
		rc = CXO_ENOMEM;
	int uncertain = st ? sqlite3_column_int(st, 7) : 0;
	cxo__stmt_reset(st);
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_ACTION, rowid, out);
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

static const cxo__sql S_CONCLUSION = { "SELECT id FROM conclusion WHERE slug = ?1" };
static const cxo__sql S_OWNER_CONCLUSION = {
	"SELECT c.slug FROM action AS a JOIN conclusion AS c ON c.id = a.conclusion WHERE a.slug = ?1"
};

static int action_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	char q[96];
	const char *conclusion = cxo_row_text(rec, "conclusion");
	int64_t id;
	int rc = cxo__query_id(db, &S_CONCLUSION, conclusion, &id, "finding a conclusion");
	if (rc)
		return rc;
	if (!id) {
		cxo__quote(q, sizeof q, conclusion);
		return cxo__err(CXO_ENOTFOUND, "%s.conclusion: there is no conclusion %s", ctx->path, q);
	}
	const char *due_meeting = cxo_row_text(rec, "due_meeting"), *due_date = cxo_row_text(rec, "due_date");
	if (due_meeting && due_date)
		return cxo__err(CXO_EINVAL, "%s: give a due_meeting or a due_date, not both", ctx->path);
	if (due_meeting && (rc = cxo__point_check(db, due_meeting, ctx, "due_meeting")))
		return rc;
	if (!rowid) {
		/* action ids are unique across conclusions */
		sqlite3_stmt *st = cxo__stmt(db, &S_OWNER_CONCLUSION);
		if (!st)
			return cxo_errcode();
		cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			cxo__quote(q, sizeof q, (const char *)sqlite3_column_text(st, 0));
			rc = cxo__err(CXO_EEXISTS, "%s: an action with the id \"%s\" already exists (in conclusion %s)",
			              ctx->path, cxo_row_text(rec, "id"), q);
		} else if (src != SQLITE_DONE) {
			rc = cxo__sqlerr(db, src, "finding an action");
		}
		cxo__stmt_reset(st);
	}
	return rc;
}

static const cxo__sql S_MEETING = { "SELECT id FROM meeting WHERE slug = ?1" };
static const cxo__sql S_INSERT = {
	"INSERT INTO action (slug, conclusion, owner, description, due_meeting, due_date, note, uncertain, origin)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE action SET conclusion = ?2, owner = ?3, description = ?4, due_meeting = ?5, due_date = ?6, note = ?7,"
	" uncertain = ?8 WHERE id = ?10"
};

static int action_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t conclusion, due = 0;
	int rc = cxo__query_id(db, &S_CONCLUSION, cxo_row_text(rec, "conclusion"), &conclusion, "finding a conclusion");
	const char *due_meeting = cxo_row_text(rec, "due_meeting");
	if (!rc && due_meeting)
		rc = cxo__query_id(db, &S_MEETING, due_meeting, &due, "finding a meeting");
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_int(st, 2, conclusion);
	cxo__bind_text(st, 3, cxo_row_text(rec, "owner"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "description"));
	if (due)
		cxo__bind_int(st, 5, due);
	cxo__bind_text(st, 6, cxo_row_text(rec, "due_date"));
	cxo__bind_text(st, 7, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 8, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 9, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 10, *rowid);
	if ((rc = cxo__step_write(db, st, "writing an action", rowid)))
		return rc;
	rc = cxo__sources_write(db, CXO__SRC_ACTION, *rowid, cxo_row_child(rec, "sources"));
	if (!rc)
		rc = cxo__search_put(db, CXO__SEARCH_ACTION, *rowid, cxo_row_text(rec, "id"), cxo_row_text(rec, "owner"),
		                     cxo_row_text(rec, "description"));
	return rc;
}

static const cxo__sql S_DELETE = { "DELETE FROM action WHERE id = ?1" };

static int action_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	(void)ctx;
	/* its follow-ups go with it, by the schema's cascade */
	int rc = cxo__search_remove(db, CXO__SEARCH_ACTION, rowid);
	return rc ? rc : cxo__exec_id(db, &S_DELETE, rowid, "deleting an action");
}

static int action_order(cxo_db *db, const cxo_row *rec, cxo__buf *k)
{
	(void)db;
	return cxo__buf_adds(k, cxo_row_text(rec, "id"));
}

static const cxo__sql S_ACTIONS_OF = { "SELECT id FROM action WHERE conclusion = ?1 ORDER BY slug" };

/* ---- the list of actions, with status, age and overdue ---- */

typedef struct action_list {
	cxo__cutoff cut;
	const cxo__timeline *t;
	cxo__held *hold;
	unsigned tracked;
	long now;            /* timeline index of now (the latest meeting held within the cut-off) */
	/* what "earlier" is measured against: the as-of limit, else now's pos; a due
	 * point is past when its end (a meeting's pos, the day after a due date's
	 * period) sorts before it */
	char point[CXO__POS_MAX];
	int have_point;
	uint32_t flags;
	char *status, *owner;
} action_list;

static void action_list_free(void *p)
{
	action_list *a = p;
	if (!a)
		return;
	cxo__cache_release(a->hold);
	cxo__free(a->status);
	cxo__free(a->owner);
	cxo__free(a);
}

static const cxo__sql S_FACTS = {
	"SELECT c.meeting, a.due_meeting, a.due_date, a.owner FROM action AS a"
	" JOIN conclusion AS c ON c.id = a.conclusion WHERE a.id = ?1"
};
static const cxo__sql S_FOLLOWUPS_DESC = { "SELECT status, pos FROM followup WHERE action = ?1 ORDER BY pos DESC" };

static int action_derive(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	action_list *a = p;
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_FACTS, rowid, "action", &st);
	if (rc)
		return rc;
	long mi = cxo__timeline_index(a->t, sqlite3_column_int64(st, 0));
	int64_t due_meeting = sqlite3_column_int64(st, 1);
	char due_date[16] = "";
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		snprintf(due_date, sizeof due_date, "%s", (const char *)sqlite3_column_text(st, 2));
	int owner_ok = !a->owner || (sqlite3_column_type(st, 3) != SQLITE_NULL &&
	                             strcmp((const char *)sqlite3_column_text(st, 3), a->owner) == 0);
	cxo__stmt_reset(st);
	if (mi < 0)
		return cxo__err(CXO_ESTORAGE, "action %lld belongs to a conclusion of a missing meeting", (long long)rowid);
	const cxo__tmeeting *m = &a->t->m[mi];
	if (!owner_ok || !cxo__cutoff_admits(&a->cut, m->pos))
		return 1;

	/* status: the latest follow-up within the cut-off */
	char status[32] = "open";
	if (!(st = cxo__stmt(db, &S_FOLLOWUPS_DESC)))
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (cxo__cutoff_admits(&a->cut, (const char *)sqlite3_column_text(st, 1))) {
			snprintf(status, sizeof status, "%s", (const char *)sqlite3_column_text(st, 0));
			break;
		}
	}
	cxo__stmt_reset(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return cxo__sqlerr(db, src, "reading follow-ups");
	int open = strcmp(status, "open") == 0 || strcmp(status, "in-progress") == 0;

	/* age: tracked meetings after the conclusion's, up to now */
	int64_t age = 0;
	for (long i = mi + 1; i <= a->now; i++) {
		int k = cxo__kind_index(a->t->m[i].kind);
		age += k >= 0 && (a->tracked & (1u << k));
	}

	/* overdue: the due point ended before the point of reference */
	int overdue = 0;
	if (open && a->have_point && (due_meeting || due_date[0])) {
		char end[CXO__POS_MAX];
		if (due_meeting) {
			long di = cxo__timeline_index(a->t, due_meeting);
			snprintf(end, sizeof end, "%s", di >= 0 ? a->t->m[di].pos : "");
		} else {
			cxo__date_upper(end, due_date);
		}
		overdue = end[0] && strcmp(end, a->point) < 0;
	}
	if (a->status && strcmp(a->status, status) != 0)
		return 1;
	if ((a->flags & CXO_QUERY_OPEN) && !open)
		return 1;
	if ((a->flags & CXO_QUERY_OVERDUE) && !overdue)
		return 1;
	if ((rc = cxo__row_cut_nested(db, row, "followups", &a->cut)) ||
	    (rc = cxo__row_add_text(row, "meeting", m->slug)) || (rc = cxo__row_add_text(row, "status", status)) ||
	    (rc = cxo__row_add_int(row, "age", age)))
		return rc;
	return cxo__row_add_bool(row, "overdue", overdue);
}

static const cxo__sql S_LIST = {
	"SELECT a.id FROM action AS a JOIN conclusion AS c ON c.id = a.conclusion JOIN meeting AS m ON m.id = c.meeting"
	" WHERE (?1 IS NULL OR m.slug = ?1)"
	" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM conclusion_topic AS x JOIN topic AS t ON t.id = x.topic"
	" WHERE x.conclusion = c.id AND t.slug = ?2)) ORDER BY a.slug"
};
/* The same for a topic, driven by its index rather than by reading every
 * action (a report asks for each topic's actions in turn). */
static const cxo__sql S_LIST_TOPIC = {
	"SELECT a.id FROM action AS a JOIN conclusion AS c ON c.id = a.conclusion JOIN meeting AS m ON m.id = c.meeting"
	" WHERE a.conclusion IN (SELECT x.conclusion FROM conclusion_topic AS x JOIN topic AS t ON t.id = x.topic"
	" WHERE t.slug = ?2) AND (?1 IS NULL OR m.slug = ?1) ORDER BY a.slug"
};
static const char *const FOLLOWUP_STATUSES[] = { "open", "in-progress", "done", "dropped", "superseded", NULL };

static int action_list_query(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	action_list *a = cxo__calloc(1, sizeof *a);
	if (!a)
		return CXO_ENOMEM;
	int rc = cxo__cutoff_resolve(db, q->as_of, &a->cut);
	if (!rc)
		rc = cxo__kinds_parse(q->kinds, &a->tracked);
	if (!rc)
		rc = cxo__timeline_get(db, &a->t);
	if (!rc)
		a->hold = cxo__cache_hold(db, CXO__CACHE_TIMELINE);
	if (!rc && q->status) {
		int known = 0;
		for (const char *const *s = FOLLOWUP_STATUSES; *s; s++)
			known |= strcmp(*s, q->status) == 0;
		if (!known) {
			char qq[96];
			cxo__quote(qq, sizeof qq, q->status);
			rc = cxo__err(CXO_EINVAL, "status: %s is not an action status (open, in-progress, done, dropped, superseded)",
			              qq);
		}
	}
	a->now = -1;
	if (!rc)
		rc = cxo__timeline_now(db, a->t, &a->cut, &a->now);
	if (!rc && a->cut.set) {
		snprintf(a->point, sizeof a->point, "%s", a->cut.limit);
		a->have_point = 1;
	} else if (!rc && a->now >= 0) {
		snprintf(a->point, sizeof a->point, "%s", a->t->m[a->now].pos);
		a->have_point = 1;
	}
	a->flags = q->flags;
	if (!rc && q->status && !(a->status = cxo__strdup(q->status)))
		rc = CXO_ENOMEM;
	if (!rc && q->owner && !(a->owner = cxo__strdup(q->owner)))
		rc = CXO_ENOMEM;
	if (rc) {
		action_list_free(a);
		return rc;
	}
	const char *binds[2] = { q->meeting, q->topic };
	return cxo__rowid_cursor(out, db, &cxo__action_ops, q->topic ? &S_LIST_TOPIC : &S_LIST, binds, 2, action_derive,
	                         a, action_list_free);
}

const cxo__kind_ops cxo__action_ops = {
	.kind = CXO_KIND_ACTION,
	.name = "action",
	.plural = "actions",
	.spec = ACTION_SPEC,
	.nkey = 1,
	.key_names = ACTION_KEY,
	.key = action_key,
	.find = action_find,
	.load = action_load,
	.check = action_check,
	.write = action_write,
	.remove = action_remove,
	.list = action_list_query,
	.by_parent = &S_ACTIONS_OF,
	.order = action_order,
};

/* ---- follow-ups ---- */

static const cxo__spec FOLLOWUP_SPEC[] = {
	{ .name = "action", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "meeting", .type = FT_SLUG, .flags = FF_KEY },
	{ .name = "date", .type = FT_DATE, .flags = FF_KEY },
	{ .name = "status", .type = FT_ENUM, .flags = FF_REQUIRED, .values = FOLLOWUP_STATUSES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = NULL },
};

static const char *const FOLLOWUP_KEY[] = { "action", "meeting or date" };

static void followup_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "action");
	parts[1] = cxo_row_text(rec, "meeting");
	if (!parts[1])
		parts[1] = cxo_row_text(rec, "date");
}

static const cxo__sql S_FU_FIND = { "SELECT id FROM followup WHERE action = ?1 AND pos = ?2" };

static int followup_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	*rowid = 0;
	int64_t action, meeting;
	char pos[CXO__POS_MAX];
	int found, rc = cxo__query_id(db, &S_FIND, k[0], &action, "finding an action");
	if (rc || !action || (rc = cxo__point_pos(db, k[1], pos, &meeting, &found)) || !found)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, &S_FU_FIND);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, action);
	cxo__bind_text(st, 2, pos);
	int src = sqlite3_step(st);
	*rowid = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	cxo__stmt_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "finding a follow-up");
}

static const cxo__sql S_FU_LOAD = {
	"SELECT a.slug, m.slug, f.date, f.status, f.note, f.uncertain FROM followup AS f"
	" JOIN action AS a ON a.id = f.action LEFT JOIN meeting AS m ON m.id = f.meeting WHERE f.id = ?1"
};

static int followup_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "action", "meeting", "date", "status", "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_FU_LOAD, rowid, "follow-up", &st);
	for (int c = 0; c < 5 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 5))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_FOLLOWUP, rowid, out);
	return rc;
}

static const cxo__sql S_ACTION_MEETING = {
	"SELECT m.slug, m.pos FROM action AS a JOIN conclusion AS c ON c.id = a.conclusion"
	" JOIN meeting AS m ON m.id = c.meeting WHERE a.slug = ?1"
};

static int followup_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	char q[96];
	const char *meeting = cxo_row_text(rec, "meeting"), *date = cxo_row_text(rec, "date");
	if (meeting && date)
		return cxo__err(CXO_EINVAL, "%s: give a meeting or a date, not both", ctx->path);
	if (!meeting && !date)
		return cxo__err(CXO_EINVAL, "%s: a meeting or a date is required", ctx->path);
	const char *point = meeting ? meeting : date;
	int rc = cxo__point_check(db, point, ctx, meeting ? "meeting" : "date");
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, &S_ACTION_MEETING);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "action"));
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		cxo__stmt_reset(st);
		if (src != SQLITE_DONE)
			return cxo__sqlerr(db, src, "finding an action");
		cxo__quote(q, sizeof q, cxo_row_text(rec, "action"));
		return cxo__err(CXO_ENOTFOUND, "%s.action: there is no action %s", ctx->path, q);
	}
	char pos[CXO__POS_MAX], at[CXO__POS_MAX], slug[CXO__SLUG_MAX + 1];
	snprintf(slug, sizeof slug, "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(at, sizeof at, "%s", (const char *)sqlite3_column_text(st, 1));
	cxo__stmt_reset(st);
	int64_t m;
	int found;
	if ((rc = cxo__point_pos(db, point, pos, &m, &found)))
		return rc;
	/* a partial date sorts as its first day, but may reach into the meeting */
	char end[CXO__POS_MAX];
	if (date)
		cxo__date_upper(end, date);
	if (strcmp(date ? end : pos, at) < 0)
		return cxo__err(CXO_EINVAL, "%s.%s: %s is before the action's conclusion (at %s)", ctx->path,
		                meeting ? "meeting" : "date", point, slug);
	return CXO_OK;
}

static const cxo__sql S_ACTION_ID = { "SELECT id FROM action WHERE slug = ?1" };
static const cxo__sql S_FU_INSERT = {
	"INSERT INTO followup (action, meeting, date, status, note, uncertain, origin, pos)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};
static const cxo__sql S_FU_UPDATE = {
	"UPDATE followup SET status = ?4, note = ?5, uncertain = ?6 WHERE id = ?9"
};

static int followup_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	int64_t action, meeting;
	char pos[CXO__POS_MAX];
	int found;
	const char *point = cxo_row_text(rec, "meeting");
	int rc = cxo__query_id(db, &S_ACTION_ID, cxo_row_text(rec, "action"), &action, "finding an action");
	if (!rc)
		rc = cxo__point_pos(db, point ? point : cxo_row_text(rec, "date"), pos, &meeting, &found);
	if (rc)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_FU_UPDATE : &S_FU_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, action);
	if (meeting)
		cxo__bind_int(st, 2, meeting);
	cxo__bind_text(st, 3, meeting ? NULL : cxo_row_text(rec, "date"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "status"));
	cxo__bind_text(st, 5, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 6, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 7, ctx->origin);
	cxo__bind_text(st, 8, pos);
	if (*rowid)
		cxo__bind_int(st, 9, *rowid);
	if ((rc = cxo__step_write(db, st, "writing a follow-up", rowid)))
		return rc;
	return cxo__sources_write(db, CXO__SRC_FOLLOWUP, *rowid, cxo_row_child(rec, "sources"));
}

static const cxo__sql S_FU_DELETE = { "DELETE FROM followup WHERE id = ?1" };

static int followup_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	(void)ctx;
	return cxo__exec_id(db, &S_FU_DELETE, rowid, "deleting a follow-up");
}

static int followup_order(cxo_db *db, const cxo_row *rec, cxo__buf *k)
{
	const char *meeting = cxo_row_text(rec, "meeting");
	char pos[CXO__POS_MAX];
	int64_t m;
	int found;
	int rc = cxo__point_pos(db, meeting ? meeting : cxo_row_text(rec, "date"), pos, &m, &found);
	if (rc)
		return rc;
	if (!found) {
		char q[96];
		cxo__quote(q, sizeof q, meeting);
		return cxo__err(CXO_ENOTFOUND, "meeting: there is no meeting %s", q);
	}
	return cxo__buf_adds(k, pos);
}

static const cxo__sql S_FOLLOWUPS_OF = { "SELECT id FROM followup WHERE action = ?1 ORDER BY pos" };

static const cxo__sql S_FU_LIST = {
	"SELECT f.id FROM followup AS f JOIN action AS a ON a.id = f.action LEFT JOIN meeting AS m ON m.id = f.meeting"
	" WHERE (?1 IS NULL OR a.slug = ?1) AND (?2 IS NULL OR m.slug = ?2) ORDER BY a.slug, f.pos"
};
static const cxo__sql S_FU_POS = { "SELECT pos FROM followup WHERE id = ?1" };

static int followup_admit(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	(void)row;
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_FU_POS, rowid, "follow-up", &st);
	if (rc)
		return rc;
	int keep = cxo__cutoff_admits(p, (const char *)sqlite3_column_text(st, 0));
	cxo__stmt_reset(st);
	return keep ? CXO_OK : 1;
}

static int followup_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	cxo__cutoff *cut = cxo__malloc(sizeof *cut);
	if (!cut)
		return CXO_ENOMEM;
	int rc = cxo__cutoff_resolve(db, q->as_of, cut);
	if (rc) {
		cxo__free(cut);
		return rc;
	}
	const char *binds[2] = { q->action, q->meeting };
	return cxo__rowid_cursor(out, db, &cxo__followup_ops, &S_FU_LIST, binds, 2, followup_admit, cut, cxo__free);
}

const cxo__kind_ops cxo__followup_ops = {
	.kind = CXO_KIND_FOLLOWUP,
	.name = "followup",
	.plural = "followups",
	.spec = FOLLOWUP_SPEC,
	.nkey = 2,
	.key_names = FOLLOWUP_KEY,
	.key = followup_key,
	.find = followup_find,
	.load = followup_load,
	.check = followup_check,
	.write = followup_write,
	.remove = followup_remove,
	.list = followup_list,
	.by_parent = &S_FOLLOWUPS_OF,
	.order = followup_order,
};
