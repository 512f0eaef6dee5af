/* Observations: where a topic stood, in a lifecycle, at a meeting or on a date
 * between meetings. Writing one checks the transitions it makes with the
 * topic's neighbouring observations in time. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const QUALIFIERS[] = { "agreed", "noted", "inferred", NULL };
static const char *const PRIORITIES[] = { "high", "medium", "low", NULL };

static const cxo__spec SPEC[] = {
	{ .name = "topic", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "lifecycle", .type = FT_SLUG, .flags = FF_KEY, .dflt = "cto" },
	{ .name = "meeting", .type = FT_SLUG, .flags = FF_KEY },
	{ .name = "date", .type = FT_DATE, .flags = FF_KEY },
	{ .name = "status", .type = FT_SLUG, .flags = FF_REQUIRED },
	{ .name = "qualifier", .type = FT_ENUM, .values = QUALIFIERS, .dflt = "agreed" },
	{ .name = "priority", .type = FT_ENUM, .values = PRIORITIES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "topic", "lifecycle", "meeting or date" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "topic");
	parts[1] = cxo_row_text(rec, "lifecycle");
	if (!parts[1] && cxo_row_type(rec, "lifecycle") == CXO_TYPE_NULL)
		parts[1] = "cto";
	parts[2] = cxo_row_text(rec, "meeting");
	if (!parts[2])
		parts[2] = cxo_row_text(rec, "date");
}

static const cxo__sql S_FIND = { "SELECT id FROM observation WHERE topic = ?1 AND lifecycle = ?2 AND pos = ?3" };

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	*rowid = 0;
	int64_t topic, meeting;
	const cxo__lifecycle *lc;
	char pos[CXO__POS_MAX];
	int found, rc = cxo__topic_id(db, k[0], &topic);
	if (rc || !topic)
		return rc;
	if ((rc = cxo__lifecycle_get(db, k[1], &lc)))
		return rc == CXO_ENOTFOUND ? CXO_OK : rc;
	if ((rc = cxo__point_pos(db, k[2], pos, &meeting, &found)) || !found)
		return rc;
	const cxo__tail *tail = cxo__tail_get(db, topic, lc->id);
	if (tail && strcmp(tail->pos, pos) < 0)
		return CXO_OK; /* after the last of its history */
	sqlite3_stmt *st = cxo__stmt(db, &S_FIND);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, topic);
	cxo__bind_int(st, 2, lc->id);
	cxo__bind_text(st, 3, pos);
	int src = sqlite3_step(st);
	*rowid = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	cxo__stmt_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "finding an observation");
}

static const cxo__sql S_LOAD = {
	"SELECT t.slug, l.slug, m.slug, o.date, s.slug, o.qualifier, o.priority, o.note, o.uncertain"
	" FROM observation AS o JOIN topic AS t ON t.id = o.topic JOIN lifecycle AS l ON l.id = o.lifecycle"
	" JOIN status AS s ON s.id = o.status LEFT JOIN meeting AS m ON m.id = o.meeting WHERE o.id = ?1"
};

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "topic", "lifecycle", "meeting", "date", "status", "qualifier", "priority",
	                                    "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_LOAD, rowid, "observation", &st);
	if (rc)
		return rc;
	for (int c = 0; c < 8 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 8))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_OBSERVATION, rowid, out);
	return rc;
}

static int check_steps(cxo_db *db, const cxo__lifecycle *lc, int64_t topic, const char *pos, long si, int fresh,
                       cxo__ctx *ctx);
static const cxo__sql S_STATUS_OF = { "SELECT status FROM observation WHERE id = ?1" };

/* Every refusal, the transitions' included, is made here, before the change
 * writes anything: write() only writes (see checked_first). */
static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	char q[96];
	const char *meeting = cxo_row_text(rec, "meeting"), *date = cxo_row_text(rec, "date");
	if (meeting && date)
		return cxo__err(CXO_EINVAL, "%s: give a meeting or a date, not both", ctx->path);
	if (!meeting && !date)
		return cxo__err(CXO_EINVAL, "%s: a meeting or a date is required", ctx->path);
	int64_t topic;
	int rc = cxo__topic_id(db, cxo_row_text(rec, "topic"), &topic);
	if (rc)
		return rc;
	if (!topic) {
		cxo__quote(q, sizeof q, cxo_row_text(rec, "topic"));
		return cxo__err(CXO_ENOTFOUND, "%s.topic: there is no topic %s", ctx->path, q);
	}
	const cxo__lifecycle *lc;
	if ((rc = cxo__lifecycle_get(db, cxo_row_text(rec, "lifecycle"), &lc)))
		return rc == CXO_ENOTFOUND ? cxo__err_prefix("%s.lifecycle: ", ctx->path) : rc;
	if (meeting) {
		const cxo__timeline *t;
		if ((rc = cxo__timeline_get(db, &t)))
			return rc;
		if (cxo__timeline_find(t, meeting) < 0) {
			cxo__quote(q, sizeof q, meeting);
			return cxo__err(CXO_ENOTFOUND, "%s.meeting: there is no meeting %s", ctx->path, q);
		}
	}
	const char *status = cxo_row_text(rec, "status");
	long si = cxo__status_find(lc, status);
	if (si < 0) {
		char l[96];
		cxo__quote(q, sizeof q, status);
		cxo__quote(l, sizeof l, lc->slug);
		return cxo__err(CXO_EINVAL, "%s.status: %s is not a status of lifecycle %s", ctx->path, q, l);
	}
	int64_t stored = 0, meeting_id;
	char pos[CXO__POS_MAX];
	int found;
	if ((rc = cxo__point_pos(db, meeting ? meeting : date, pos, &meeting_id, &found)))
		return rc;
	if (rowid && (rc = cxo__count(db, &S_STATUS_OF, rowid, &stored)))
		return rc;
	/* a change of note or sources leaves the transitions as they were */
	return stored == lc->status[si].id ? CXO_OK : check_steps(db, lc, topic, pos, si, !rowid, ctx);
}

/* ---- transitions ---- */

/* The meeting's id is named from the timeline (cached), not joined here:
 * these run for every observation written. */
static const cxo__sql S_PREV = {
	"SELECT status, meeting, date FROM observation WHERE topic = ?1 AND lifecycle = ?2 AND pos < ?3"
	" ORDER BY pos DESC LIMIT 1"
};
static const cxo__sql S_NEXT = {
	"SELECT status, meeting, date FROM observation WHERE topic = ?1 AND lifecycle = ?2 AND pos > ?3"
	" ORDER BY pos LIMIT 1"
};

typedef struct neighbour {
	long status; /* index in the lifecycle; -1 if none */
	char point[CXO__POS_MAX];
} neighbour;

static int neighbour_of(cxo_db *db, const cxo__sql *def, const cxo__lifecycle *lc, int64_t topic, const char *pos,
                        neighbour *n)
{
	n->status = -1;
	n->point[0] = '\0';
	sqlite3_stmt *st = cxo__stmt(db, def);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, topic);
	cxo__bind_int(st, 2, lc->id);
	cxo__bind_text(st, 3, pos);
	int src = sqlite3_step(st), rc = CXO_OK;
	if (src == SQLITE_ROW) {
		n->status = cxo__status_index(lc, sqlite3_column_int64(st, 0));
		int64_t meeting = sqlite3_column_int64(st, 1);
		const cxo__timeline *t;
		long mi = -1;
		if (meeting && !(rc = cxo__timeline_get(db, &t)) && (mi = cxo__timeline_index(t, meeting)) < 0)
			rc = cxo__err(CXO_ESTORAGE, "an observation refers to meeting %lld, which does not exist",
			              (long long)meeting);
		if (!rc)
			snprintf(n->point, sizeof n->point, "%s",
			         meeting ? t->m[mi].slug : (const char *)sqlite3_column_text(st, 2));
	}
	cxo__stmt_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_ROW || src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "reading observations");
}

/* One disallowed step: a warning in "warn" mode, an error in "strict" mode. */
static int disallowed(const cxo__lifecycle *lc, cxo__ctx *ctx, const char *what)
{
	if (lc->enforce == CXO__ENFORCE_STRICT)
		return cxo__err(CXO_ECONSTRAINT, "%s.status: %s is not allowed by lifecycle \"%s\" (strict)", ctx->path,
		                what, lc->slug);
	cxo__warn(ctx, "%s.status: %s is not allowed by lifecycle \"%s\"", ctx->path, what, lc->slug);
	return CXO_OK;
}

/* Note that the history of `topic` in `lc` changed, for a deferred check. */
static int touch(cxo__ctx *ctx, int64_t topic, int64_t lifecycle)
{
	if (ctx->ntouched && ctx->touched[ctx->ntouched - 1][0] == topic && ctx->touched[ctx->ntouched - 1][1] == lifecycle)
		return CXO_OK;
	void *grown = cxo__grow(ctx->touched, &ctx->cap_touched, ctx->ntouched + 1, sizeof *ctx->touched);
	if (!grown)
		return CXO_ENOMEM;
	ctx->touched = grown;
	ctx->touched[ctx->ntouched][0] = topic;
	ctx->touched[ctx->ntouched++][1] = lifecycle;
	return CXO_OK;
}

/* Check the steps into and out of status `si` at `pos`, where a new
 * observation (`fresh`) or a changed one is written. */
static int check_steps(cxo_db *db, const cxo__lifecycle *lc, int64_t topic, const char *pos, long si, int fresh,
                       cxo__ctx *ctx)
{
	if (lc->enforce == CXO__ENFORCE_OFF || !lc->has_transitions)
		return CXO_OK;
	if (ctx->defer_transitions)
		return touch(ctx, topic, lc->id);
	neighbour prev, next;
	int rc = CXO_OK;
	const cxo__tail *tail = fresh ? cxo__tail_get(db, topic, lc->id) : NULL;
	if (tail && strcmp(tail->pos, pos) < 0) {
		/* after the last of its history (tails.c) */
		prev.status = tail->status;
		next.status = -1;
		cxo__pos_point(prev.point, tail->pos);
	} else {
		rc = neighbour_of(db, &S_PREV, lc, topic, pos, &prev);
		if (!rc)
			rc = neighbour_of(db, &S_NEXT, lc, topic, pos, &next);
	}
	if (!rc && fresh && next.status < 0)
		cxo__tail_expect(db, topic, lc->id, pos, si);
	char what[512];
	if (!rc && prev.status >= 0 && !cxo__transition_allowed(lc, prev.status, si)) {
		snprintf(what, sizeof what, "moving from \"%s\" (at %s) to \"%s\"", lc->status[prev.status].slug,
		         prev.point, lc->status[si].slug);
		rc = disallowed(lc, ctx, what);
	}
	if (!rc && next.status >= 0 && !cxo__transition_allowed(lc, si, next.status)) {
		snprintf(what, sizeof what, "moving from \"%s\" to \"%s\" (at %s, later)", lc->status[si].slug,
		         lc->status[next.status].slug, next.point);
		rc = disallowed(lc, ctx, what);
	}
	return rc;
}

static const cxo__sql S_INSERT = {
	"INSERT INTO observation (topic, lifecycle, meeting, date, status, qualifier, priority, note, uncertain, pos,"
	" origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE observation SET status = ?5, qualifier = ?6, priority = ?7, note = ?8, uncertain = ?9 WHERE id = ?12"
};

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	const cxo__lifecycle *lc;
	int64_t topic, meeting;
	char pos[CXO__POS_MAX];
	int found;
	int rc = cxo__topic_id(db, cxo_row_text(rec, "topic"), &topic);
	if (!rc)
		rc = cxo__lifecycle_get(db, cxo_row_text(rec, "lifecycle"), &lc);
	if (!rc) {
		const char *meeting_slug = cxo_row_text(rec, "meeting");
		rc = cxo__point_pos(db, meeting_slug ? meeting_slug : cxo_row_text(rec, "date"), pos, &meeting, &found);
	}
	if (rc)
		return rc;
	long si = cxo__status_find(lc, cxo_row_text(rec, "status"));
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	if (!*rowid) {
		cxo__bind_int(st, 1, topic);
		cxo__bind_int(st, 2, lc->id);
		if (meeting)
			cxo__bind_int(st, 3, meeting);
		cxo__bind_text(st, 4, meeting ? NULL : cxo_row_text(rec, "date"));
		cxo__bind_text(st, 10, pos);
		cxo__bind_int(st, 11, ctx->origin);
	} else {
		cxo__bind_int(st, 12, *rowid);
	}
	cxo__bind_int(st, 5, lc->status[si].id);
	cxo__bind_text(st, 6, cxo_row_text(rec, "qualifier"));
	cxo__bind_text(st, 7, cxo_row_text(rec, "priority"));
	cxo__bind_text(st, 8, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 9, cxo_row_int(rec, "uncertain"));
	if ((rc = cxo__step_done(db, st, "writing an observation")))
		return rc;
	/* a new observation has no sources and no index entry to replace yet */
	int fresh = !*rowid;
	if (fresh)
		*rowid = sqlite3_last_insert_rowid(db->sql);
	rc = fresh ? cxo__sources_add(db, CXO__SRC_OBSERVATION, *rowid, cxo_row_child(rec, "sources"))
	           : cxo__sources_write(db, CXO__SRC_OBSERVATION, *rowid, cxo_row_child(rec, "sources"));
	if (!rc && (cxo_row_text(rec, "note") || !fresh)) {
		const char *parts[3];
		key(rec, parts);
		cxo__buf k = CXO__BUF_INIT;
		cxo__audit_key(&k, parts, 3);
		rc = cxo__buf_status(&k);
		if (!rc)
			rc = (fresh ? cxo__search_add : cxo__search_put)(db, CXO__SEARCH_OBSERVATION, *rowid, k.data, NULL,
			                                                 cxo_row_text(rec, "note"));
		cxo__buf_fini(&k);
	}
	if (!rc && fresh)
		cxo__tail_written(db, topic, lc->id, pos);
	return rc;
}

static const cxo__sql S_PLACE = { "SELECT topic, lifecycle, pos FROM observation WHERE id = ?1" };
static const cxo__sql S_DELETE = { "DELETE FROM observation WHERE id = ?1" };

/* Deleting observation `rowid` joins its neighbours on either side: in
 * "strict" mode refuse it if they would make a disallowed transition, in
 * "warn" mode warn. `what` names the deletion in the message. */
static int check_join(cxo_db *db, int64_t rowid, const char *what, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, &S_PLACE);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	int src = sqlite3_step(st), rc = CXO_OK;
	int64_t topic = 0, lifecycle = 0;
	char pos[CXO__POS_MAX] = "";
	if (src == SQLITE_ROW) {
		topic = sqlite3_column_int64(st, 0);
		lifecycle = sqlite3_column_int64(st, 1);
		snprintf(pos, sizeof pos, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	cxo__stmt_reset(st);
	if (src != SQLITE_ROW)
		return cxo__sqlerr(db, src, "reading an observation");
	const cxo__lifecycle *lc;
	if ((rc = cxo__lifecycle_by_id(db, lifecycle, &lc)))
		return rc;
	if (lc->enforce == CXO__ENFORCE_OFF || !lc->has_transitions)
		return CXO_OK;
	if (ctx->defer_transitions)
		return touch(ctx, topic, lifecycle);
	neighbour prev, next;
	if ((rc = neighbour_of(db, &S_PREV, lc, topic, pos, &prev)) ||
	    (rc = neighbour_of(db, &S_NEXT, lc, topic, pos, &next)))
		return rc;
	if (prev.status < 0 || next.status < 0 || cxo__transition_allowed(lc, prev.status, next.status))
		return CXO_OK;
	if (lc->enforce == CXO__ENFORCE_STRICT)
		return cxo__err(CXO_ECONSTRAINT,
		                "%s cannot be deleted: \"%s\" at %s would follow \"%s\" at %s, which lifecycle \"%s\" does not allow (strict)",
		                what, lc->status[next.status].slug, next.point, lc->status[prev.status].slug, prev.point,
		                lc->slug);
	cxo__warn(ctx, "%s: deleted; now \"%s\" at %s follows \"%s\" at %s, which lifecycle \"%s\" does not allow",
	          what, lc->status[next.status].slug, next.point, lc->status[prev.status].slug, prev.point, lc->slug);
	return CXO_OK;
}

static int remove_obs(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	int rc = check_join(db, rowid, ctx->path, ctx);
	if (!rc)
		rc = cxo__search_remove(db, CXO__SEARCH_OBSERVATION, rowid);
	if (rc)
		return rc;
	return cxo__exec_id(db, &S_DELETE, rowid, "deleting an observation");
}

static const cxo__sql S_AT_MEETING = {
	"SELECT o.topic, o.lifecycle, o.pos, o.status, t.slug, l.slug, m.slug FROM observation AS o"
	" JOIN topic AS t ON t.id = o.topic JOIN lifecycle AS l ON l.id = o.lifecycle"
	" JOIN meeting AS m ON m.id = o.meeting WHERE o.meeting = ?1 ORDER BY o.id"
};

int cxo__observations_recheck(cxo_db *db, int64_t meeting, cxo__ctx *ctx)
{
	/* read them all first: the checks run statements of their own */
	typedef struct moved {
		int64_t topic, lifecycle, status;
		char pos[CXO__POS_MAX], path[512];
	} moved;
	moved *list = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st = cxo__stmt(db, &S_AT_MEETING);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, meeting);
	int src, rc = CXO_OK;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		void *grown = cxo__grow(list, &cap, n + 1, sizeof *list);
		if (!grown) {
			rc = CXO_ENOMEM;
			break;
		}
		list = grown;
		moved *m = &list[n++];
		m->topic = sqlite3_column_int64(st, 0);
		m->lifecycle = sqlite3_column_int64(st, 1);
		snprintf(m->pos, sizeof m->pos, "%s", (const char *)sqlite3_column_text(st, 2));
		m->status = sqlite3_column_int64(st, 3);
		char q0[96], q1[96], q2[96];
		cxo__quote(q0, sizeof q0, (const char *)sqlite3_column_text(st, 4));
		cxo__quote(q1, sizeof q1, (const char *)sqlite3_column_text(st, 5));
		cxo__quote(q2, sizeof q2, (const char *)sqlite3_column_text(st, 6));
		snprintf(m->path, sizeof m->path, "%s.date: observation %s %s %s", ctx->path, q0, q1, q2);
	}
	cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading observations");
	const char *saved = ctx->path;
	for (size_t i = 0; i < n && !rc; i++) {
		const cxo__lifecycle *lc;
		if ((rc = cxo__lifecycle_by_id(db, list[i].lifecycle, &lc)))
			break;
		ctx->path = list[i].path;
		rc = check_steps(db, lc, list[i].topic, list[i].pos, cxo__status_index(lc, list[i].status), 0, ctx);
		ctx->path = saved;
	}
	cxo__free(list);
	return rc;
}

static const cxo__sql S_STEPS = {
	"SELECT o.status, coalesce(m.slug, o.date), t.slug FROM observation AS o JOIN topic AS t ON t.id = o.topic"
	" LEFT JOIN meeting AS m ON m.id = o.meeting WHERE o.topic = ?1 AND o.lifecycle = ?2 ORDER BY o.pos"
};

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* Every step of one history. */
static int check_history(cxo_db *db, int64_t topic, int64_t lifecycle, cxo__ctx *ctx)
{
	const cxo__lifecycle *lc;
	int rc = cxo__lifecycle_by_id(db, lifecycle, &lc);
	if (rc == CXO_ENOTFOUND)
		return CXO_OK; /* deleted since, with its observations */
	if (rc || lc->enforce == CXO__ENFORCE_OFF || !lc->has_transitions)
		return rc;
	sqlite3_stmt *st = cxo__stmt(db, &S_STEPS);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, topic);
	cxo__bind_int(st, 2, lifecycle);
	long prev = -1;
	char prev_point[CXO__POS_MAX] = "";
	int src;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		long si = cxo__status_index(lc, sqlite3_column_int64(st, 0));
		const char *point = (const char *)sqlite3_column_text(st, 1);
		if (prev >= 0 && !cxo__transition_allowed(lc, prev, si)) {
			char path[512], what[512], q0[96], q1[96], q2[96];
			cxo__quote(q0, sizeof q0, (const char *)sqlite3_column_text(st, 2));
			cxo__quote(q1, sizeof q1, lc->slug);
			cxo__quote(q2, sizeof q2, point);
			snprintf(path, sizeof path, "observation %s %s %s", q0, q1, q2);
			snprintf(what, sizeof what, "moving from \"%s\" (at %s) to \"%s\"", lc->status[prev].slug, prev_point,
			         lc->status[si].slug);
			const char *saved = ctx->path;
			ctx->path = path;
			rc = disallowed(lc, ctx, what);
			ctx->path = saved;
		}
		prev = si;
		snprintf(prev_point, sizeof prev_point, "%s", point);
	}
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading observations");
	cxo__stmt_reset(st);
	return rc;
}

int cxo__transitions_check_touched(cxo_db *db, cxo__ctx *ctx)
{
	int rc = CXO_OK;
	if (ctx->ntouched)
		qsort(ctx->touched, ctx->ntouched, sizeof *ctx->touched, cmp_pair);
	for (size_t i = 0; i < ctx->ntouched && !rc; i++)
		if (!i || cmp_pair(ctx->touched[i - 1], ctx->touched[i]))
			rc = check_history(db, ctx->touched[i][0], ctx->touched[i][1], ctx);
	cxo__free(ctx->touched);
	ctx->touched = NULL;
	ctx->ntouched = ctx->cap_touched = 0;
	return rc;
}

/* ---- as referrers ---- */

/* The observations of a meeting, a topic or a lifecycle, each topic's oldest
 * first: deleted in this order (cascading), each goes from the start of what
 * remains of its topic's history and joins no neighbours. */
const cxo__sql cxo__observations_at_meeting = {
	"SELECT o.id FROM observation AS o JOIN topic AS t ON t.id = o.topic WHERE o.meeting = ?1"
	" ORDER BY t.slug, o.lifecycle, o.pos"
};
const cxo__sql cxo__observations_of_topic = {
	"SELECT id FROM observation WHERE topic = ?1 ORDER BY lifecycle, pos"
};
const cxo__sql cxo__observations_in_lifecycle = {
	"SELECT o.id FROM topic AS t CROSS JOIN observation AS o ON o.topic = t.id WHERE o.lifecycle = ?1"
	" ORDER BY t.slug, o.pos"
};

/* ---- the list ---- */

/* Here and in the reader below, CROSS JOIN makes SQLite go through the
 * topics in slug order and each one's observations through the key: the
 * rows come in the order asked, without sorting every observation first
 * (in memory, with temp_store = MEMORY). */
static const cxo__sql S_LIST = {
	"SELECT o.id FROM topic AS t CROSS JOIN lifecycle AS l CROSS JOIN observation AS o"
	" ON o.topic = t.id AND o.lifecycle = l.id"
	" WHERE (?1 IS NULL OR t.slug = ?1) AND (?2 IS NULL OR l.slug = ?2)"
	" AND (?3 IS NULL OR o.meeting = (SELECT id FROM meeting WHERE slug = ?3))"
	" AND (?4 IS NULL OR o.status IN (SELECT id FROM status WHERE slug = ?4 AND lifecycle = o.lifecycle))"
	" ORDER BY t.slug, l.slug, o.pos"
};
/* The same for one topic or one meeting, found through their indexes rather
 * than by reading every observation. */
static const cxo__sql S_LIST_TOPIC = {
	"SELECT o.id FROM observation AS o JOIN topic AS t ON t.id = o.topic JOIN lifecycle AS l ON l.id = o.lifecycle"
	" WHERE o.topic = (SELECT id FROM topic WHERE slug = ?1) AND (?2 IS NULL OR l.slug = ?2)"
	" AND (?3 IS NULL OR o.meeting = (SELECT id FROM meeting WHERE slug = ?3))"
	" AND (?4 IS NULL OR o.status IN (SELECT id FROM status WHERE slug = ?4 AND lifecycle = o.lifecycle))"
	" ORDER BY t.slug, l.slug, o.pos"
};
static const cxo__sql S_LIST_MEETING = {
	"SELECT o.id FROM observation AS o JOIN topic AS t ON t.id = o.topic JOIN lifecycle AS l ON l.id = o.lifecycle"
	" WHERE o.meeting = (SELECT id FROM meeting WHERE slug = ?3) AND (?1 IS NULL OR t.slug = ?1)"
	" AND (?2 IS NULL OR l.slug = ?2)"
	" AND (?4 IS NULL OR o.status IN (SELECT id FROM status WHERE slug = ?4 AND lifecycle = o.lifecycle))"
	" ORDER BY t.slug, l.slug, o.pos"
};
static const cxo__sql S_POS = { "SELECT pos FROM observation WHERE id = ?1" };

static int admit(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	(void)row;
	const cxo__cutoff *cut = p;
	if (!cut->set)
		return CXO_OK;
	sqlite3_stmt *st = cxo__stmt(db, &S_POS);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, rowid);
	int src = sqlite3_step(st), keep = 0;
	if (src == SQLITE_ROW)
		keep = cxo__cutoff_admits(cut, (const char *)sqlite3_column_text(st, 0));
	cxo__stmt_reset(st);
	if (src != SQLITE_ROW)
		return cxo__sqlerr(db, src, "reading an observation");
	return keep ? CXO_OK : 1;
}

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	const cxo__lifecycle *lc = NULL;
	int rc = CXO_OK;
	if (q->lifecycle && (rc = cxo__lifecycle_get(db, q->lifecycle, &lc)))
		return rc;
	if (q->status && lc && cxo__status_find(lc, q->status) < 0) {
		char s[96], l[96];
		cxo__quote(s, sizeof s, q->status);
		cxo__quote(l, sizeof l, lc->slug);
		return cxo__err(CXO_EINVAL, "status: %s is not a status of lifecycle %s", s, l);
	}
	cxo__cutoff *cut = cxo__malloc(sizeof *cut);
	if (!cut)
		return CXO_ENOMEM;
	rc = cxo__cutoff_resolve(db, q->as_of, cut);
	if (rc) {
		cxo__free(cut);
		return rc;
	}
	const char *binds[4] = { q->topic, q->lifecycle, q->meeting, q->status };
	const cxo__sql *sql = q->topic ? &S_LIST_TOPIC : q->meeting ? &S_LIST_MEETING : &S_LIST;
	return cxo__rowid_cursor(out, db, &cxo__observation_ops, sql, binds, 4, admit, cut, cxo__free);
}

static const cxo__sql S_ALL_OBSERVATION = {
	"SELECT o.id FROM topic AS t CROSS JOIN lifecycle AS l CROSS JOIN observation AS o"
	" ON o.topic = t.id AND o.lifecycle = l.id ORDER BY t.slug, l.slug, o.pos"
};

const cxo__kind_ops cxo__observation_ops = {
	.kind = CXO_KIND_OBSERVATION,
	.name = "observation",
	.plural = "observations",
	.spec = SPEC,
	.nkey = 3,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.check = check,
	.checked_first = 1,
	.write = write,
	.remove = remove_obs,
	.list = list,
	.all = &S_ALL_OBSERVATION,
};

/* ---- the reader the history streams from ---- */

/* The last column spares the history a query for the sources of each
 * observation that has none. */
static const cxo__sql S_READ_ONE = {
	"SELECT o.id, o.topic, t.slug, o.meeting, o.date, o.pos, o.status, o.qualifier, o.priority, o.note,"
	" o.uncertain, EXISTS (SELECT 1 FROM observation_source WHERE observation = o.id)"
	" FROM observation AS o JOIN topic AS t ON t.id = o.topic"
	" WHERE o.topic = ?1 AND o.lifecycle = ?2 ORDER BY o.pos"
};
/* Every topic's: whether each has sources is left to the caller (-1), who
 * reads the few observations with sources at once (cxo__obs_with_sources):
 * a subquery per row would double the time of reading them all. */
static const cxo__sql S_READ_ALL = {
	"SELECT o.id, o.topic, t.slug, o.meeting, o.date, o.pos, o.status, o.qualifier, o.priority, o.note,"
	" o.uncertain, -1 FROM topic AS t CROSS JOIN observation AS o ON o.topic = t.id"
	" WHERE o.lifecycle = ?2 ORDER BY t.slug, o.pos"
};

struct cxo__obs_reader {
	cxo_db *db;
	sqlite3_stmt *st;
};

int cxo__obs_reader_open(cxo__obs_reader **out, cxo_db *db, int64_t topic, int64_t lifecycle)
{
	*out = NULL;
	cxo__obs_reader *r = cxo__malloc(sizeof *r);
	if (!r)
		return CXO_ENOMEM;
	r->db = db;
	r->st = cxo__stmt_acquire(db, topic ? &S_READ_ONE : &S_READ_ALL);
	if (!r->st) {
		cxo__free(r);
		return cxo_errcode();
	}
	if (topic)
		cxo__bind_int(r->st, 1, topic);
	cxo__bind_int(r->st, 2, lifecycle);
	*out = r;
	return CXO_OK;
}

static const char *col_text(sqlite3_stmt *st, int c)
{
	return sqlite3_column_type(st, c) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, c);
}

int cxo__obs_reader_next(cxo__obs_reader *r, cxo__obs *o)
{
	int src = sqlite3_step(r->st);
	if (src == SQLITE_DONE) {
		cxo__stmt_reset(r->st);
		return CXO_DONE;
	}
	if (src != SQLITE_ROW)
		return cxo__sqlerr(r->db, src, "reading observations");
	sqlite3_stmt *st = r->st;
	o->id = sqlite3_column_int64(st, 0);
	o->topic = sqlite3_column_int64(st, 1);
	o->topic_slug = col_text(st, 2);
	o->meeting = sqlite3_column_int64(st, 3);
	o->date = col_text(st, 4);
	o->pos = col_text(st, 5);
	o->status = sqlite3_column_int64(st, 6);
	o->qualifier = col_text(st, 7);
	o->priority = col_text(st, 8);
	o->note = col_text(st, 9);
	o->uncertain = sqlite3_column_int(st, 10);
	o->has_sources = sqlite3_column_int(st, 11);
	if (!o->topic_slug || !o->pos || !o->qualifier)
		return CXO_ENOMEM;
	return CXO_OK;
}

static const cxo__sql S_TOPICS_AT = {
	"SELECT t.slug FROM observation AS o JOIN topic AS t ON t.id = o.topic WHERE o.meeting = ?1 AND o.lifecycle = ?2"
	" ORDER BY t.slug"
};

int cxo__topics_at(cxo_db *db, int64_t meeting, int64_t lifecycle, cxo_row *out)
{
	sqlite3_stmt *st = cxo__stmt(db, &S_TOPICS_AT);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, meeting);
	cxo__bind_int(st, 2, lifecycle);
	int src, rc = CXO_OK;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = cxo__row_add_column_text(out, NULL, st, 0);
	cxo__stmt_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "reading the topics of a meeting");
}

static const cxo__sql S_WITH_SOURCES = { "SELECT DISTINCT observation FROM observation_source ORDER BY observation" };

int cxo__obs_with_sources(cxo_db *db, int64_t **ids, size_t *n)
{
	return cxo__query_ids(db, &S_WITH_SOURCES, 0, ids, n);
}

void cxo__obs_reader_free(cxo__obs_reader *r)
{
	if (!r)
		return;
	cxo__stmt_release(r->db, r->st);
	cxo__free(r);
}
