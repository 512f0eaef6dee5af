/* period: what the meetings from one point to another achieved, for the
 * assessment Resolution 68 asks of each WTSA (resolves 12): the topics that
 * advanced, were delivered, dropped or reopened in the period, those stalled at
 * its end, the actions closed in it, and who took part. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

/* The start of the period as a lower bound on pos: a meeting's own pos, a
 * date's first day (everything dated in or after its period). */
static void lower_bound(const cxo__report *r, const char *from, char out[CXO__POS_MAX])
{
	if (!from) {
		out[0] = '\0';
		return;
	}
	long i = cxo__point_is_date(from) ? -1 : cxo__timeline_find(r->t, from);
	snprintf(out, CXO__POS_MAX, "%s", i >= 0 ? r->t->m[i].pos : from);
}

static const cxo__col MEETING_COLS[] = {
	{ "id", "Meeting" }, { "kind", "Kind" }, { "date", "Date" }, { "participants", "Participants" },
	{ "organizations", "Organizations" },
};

static const cxo__col TOPIC_COLS[] = {
	{ "topic", "Topic" },         { "title", "Title" },       { "before", "Status before" },
	{ "after", "Status at the end" }, { "discussed", "Meetings that discussed it" },
	{ "new", "New" },             { "advanced", "Advanced" }, { "delivered", "Delivered" },
	{ "dropped", "Dropped" },     { "reopened", "Reopened" }, { "stalled", "Stalled" },
};
enum { NTOPIC = sizeof TOPIC_COLS / sizeof TOPIC_COLS[0] };

enum { NEW, ADVANCED, DELIVERED, DROPPED, REOPENED, STALLED, NOUT };

static int meetings(cxo__report *r, const char *from, int64_t *held)
{
	cxo__rw_list(&r->w, "meetings", "Meetings", MEETING_COLS, 5);
	int rc = CXO_OK;
	for (size_t a = 0; a < r->naxis && !rc; a++) {
		const cxo__tmeeting *m = &r->t->m[r->axis[a]];
		if (strcmp(m->pos, from) < 0)
			continue;
		++*held;
		cxo__arena ar;
		cxo__arena_init(&ar);
		cxo_row *rec = cxo__row_new_in(&ar, 0);
		const char *key[1] = { m->slug };
		rc = rec ? cxo__report_record(r, CXO_KIND_MEETING, key, rec) : CXO_ENOMEM;
		cxo__val v[5] = { cxo__v_text(m->slug), cxo__v_text(m->kind), cxo__v_text(m->date),
			              cxo_row_type(rec, "participants") == CXO_TYPE_INT ? cxo__v_int(cxo_row_int(rec, "participants"))
			                                                               : cxo__v_null(),
			              cxo__v_int((int64_t)cxo_row_size(cxo_row_child(rec, "attendance"))) };
		if (!rc)
			rc = cxo__rw_row(&r->w, v);
		cxo__arena_fini(&ar);
	}
	return rc ? rc : cxo__rw_list_end(&r->w);
}

static int topics(cxo__report *r, const char *from, int64_t counts[NOUT])
{
	cxo__history *h;
	int rc = cxo__report_history(r, 0, NULL, 0, &h);
	if (rc)
		return rc;
	int64_t delivered_rank = cxo__report_delivered_rank(r);
	cxo__rw_list(&r->w, "topics", "Topics the period moved", TOPIC_COLS, NTOPIC);
	const cxo_row *rows;
	while ((rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
		const cxo_row *before = NULL, *after = rows->f[rows->n - 1].v.row;
		int out[NOUT] = { 0 };
		int64_t discussed = 0;
		for (size_t i = 0; i < rows->n; i++) {
			const cxo_row *row = rows->f[i].v.row;
			char pos[CXO__POS_MAX];
			cxo__report_row_pos(r, row, pos);
			if (strcmp(pos, from) < 0) {
				before = row;
				continue;
			}
			const char *mv = cxo_row_text(row, "movement");
			discussed += cxo_row_text(row, "meeting") != NULL;
			out[NEW] |= strcmp(mv, "new") == 0;
			out[ADVANCED] |= strcmp(mv, "advanced") == 0;
			out[DROPPED] |= strcmp(mv, "dropped") == 0;
			out[REOPENED] |= strcmp(mv, "reopened") == 0;
		}
		int64_t rank_after = cxo_row_type(after, "rank") == CXO_TYPE_INT ? cxo_row_int(after, "rank") : 0;
		int64_t rank_before = before && cxo_row_type(before, "rank") == CXO_TYPE_INT ? cxo_row_int(before, "rank") : 0;
		out[DELIVERED] = rank_after >= delivered_rank && rank_before < delivered_rank && after != before;
		out[STALLED] = cxo__report_stalled(r, rows);
		int listed = discussed || out[DELIVERED] || out[STALLED];
		for (int k = 0; k < NOUT; k++)
			counts[k] += out[k];
		if (!listed)
			continue;
		const char *id = cxo_row_text(after, "topic");
		cxo__arena ar;
		cxo__arena_init(&ar);
		cxo_row *rec = cxo__row_new_in(&ar, 0);
		const char *key[1] = { id };
		rc = rec ? cxo__report_record(r, CXO_KIND_TOPIC, key, rec) : CXO_ENOMEM;
		cxo__val v[NTOPIC] = {
			cxo__v_text(id),
			cxo__v_text(cxo_row_text(rec, "title")),
			cxo__v_text(before ? cxo_row_text(before, "status") : NULL),
			cxo__v_text(cxo_row_text(after, "status")),
			cxo__v_int(discussed),
			cxo__v_bool(out[NEW]),
			cxo__v_bool(out[ADVANCED]),
			cxo__v_bool(out[DELIVERED]),
			cxo__v_bool(out[DROPPED]),
			cxo__v_bool(out[REOPENED]),
			cxo__v_bool(out[STALLED]),
		};
		if (!rc)
			rc = cxo__rw_row(&r->w, v);
		cxo__arena_fini(&ar);
		if (rc)
			break;
	}
	cxo__history_free(h);
	if (rc == CXO_DONE)
		rc = cxo__rw_list_end(&r->w);
	return rc;
}

static const cxo__col ACTION_COLS[] = {
	{ "id", "Action" }, { "owner", "Owner" }, { "description", "Description" }, { "status", "Status" },
	{ "closed_at", "Closed at" },
};

static int closed_status(const char *s)
{
	return strcmp(s, "done") == 0 || strcmp(s, "dropped") == 0 || strcmp(s, "superseded") == 0;
}

/* Actions closed in the period: the follow-up that closed them is in it. */
static int actions_closed(cxo__report *r, const char *from, int64_t *closed)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = r->as_of;
	cxo_cursor *cur;
	int rc = cxo__action_ops.list(&cur, r->db, &q);
	if (rc)
		return rc;
	cxo__rw_list(&r->w, "actions_closed", "Actions closed", ACTION_COLS, 5);
	const cxo_row *a;
	while ((rc = cxo_cursor_next(&a, cur)) == CXO_OK) {
		if (!closed_status(cxo_row_text(a, "status")))
			continue;
		/* the first closing follow-up after the last open one */
		const cxo_row *fus = cxo_row_child(a, "followups");
		const char *at = NULL;
		char at_pos[CXO__POS_MAX] = "";
		for (size_t i = 0; i < cxo_row_size(fus); i++) {
			const cxo_row *f = cxo_row_child_at(fus, i);
			char pos[CXO__POS_MAX];
			cxo__report_row_pos(r, f, pos);
			if (!cxo__cutoff_admits(&r->cut, pos))
				break;
			if (!closed_status(cxo_row_text(f, "status")))
				at = NULL;
			else if (!at) {
				at = cxo_row_text(f, "meeting") ? cxo_row_text(f, "meeting") : cxo_row_text(f, "date");
				snprintf(at_pos, sizeof at_pos, "%s", pos);
			}
		}
		if (!at || strcmp(at_pos, from) < 0)
			continue;
		++*closed;
		cxo__val v[5] = { cxo__v_text(cxo_row_text(a, "id")), cxo__v_text(cxo_row_text(a, "owner")),
			              cxo__v_text(cxo_row_text(a, "description")), cxo__v_text(cxo_row_text(a, "status")),
			              cxo__v_text(at) };
		if ((rc = cxo__rw_row(&r->w, v)))
			break;
	}
	cxo_cursor_free(cur);
	if (rc == CXO_DONE)
		rc = cxo__rw_list_end(&r->w);
	return rc;
}

int cxo__report_period(cxo__report *r)
{
	char from[CXO__POS_MAX];
	lower_bound(r, r->o->from, from);
	if (r->o->from && r->o->to) {
		char to[CXO__POS_MAX];
		lower_bound(r, r->o->to, to);
		if (strcmp(to, from) < 0)
			return cxo__err(CXO_EINVAL, "report period: from \"%s\" is after to \"%s\"", r->o->from, r->o->to);
	}
	cxo__buf title = CXO__BUF_INIT;
	cxo__buf_addf(&title, "What the meetings achieved, %s to %s", r->o->from ? r->o->from : "the start",
	              r->o->to ? r->o->to : "now");
	cxo__rw *w = &r->w;
	int rc = cxo__buf_status(&title);
	if (!rc)
		rc = cxo__report_begin(r, "period", title.data);
	cxo__buf_fini(&title);
	cxo__rw_field(w, "from", "From", cxo__v_text(r->o->from));
	cxo__rw_field(w, "to", "To", cxo__v_text(r->o->to));
	cxo__rw_field(w, "lifecycle", "Lifecycle", cxo__v_text(r->lc->slug));
	cxo__rw_field(w, "stall", "Stalled after (meetings without an advance)", cxo__v_int(r->stall));
	int64_t counts[NOUT] = { 0 }, held = 0, closed = 0;
	if (!rc)
		rc = meetings(r, from, &held);
	if (!rc)
		rc = topics(r, from, counts);
	if (!rc)
		rc = actions_closed(r, from, &closed);
	if (!rc) {
		cxo__rw_object(w, "counts", "In numbers");
		cxo__rw_field(w, "meetings", "Meetings held", cxo__v_int(held));
		cxo__rw_field(w, "new", "Topics raised", cxo__v_int(counts[NEW]));
		cxo__rw_field(w, "advanced", "Topics advanced", cxo__v_int(counts[ADVANCED]));
		cxo__rw_field(w, "delivered", "Topics delivered", cxo__v_int(counts[DELIVERED]));
		cxo__rw_field(w, "dropped", "Topics dropped", cxo__v_int(counts[DROPPED]));
		cxo__rw_field(w, "reopened", "Topics reopened", cxo__v_int(counts[REOPENED]));
		cxo__rw_field(w, "stalled", "Topics stalled at the end", cxo__v_int(counts[STALLED]));
		cxo__rw_field(w, "actions_closed", "Actions closed", cxo__v_int(closed));
		rc = cxo__rw_object_end(w);
	}
	return rc ? rc : cxo__rw_end(w);
}
