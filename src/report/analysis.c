/* analysis: the figures a data-driven review of the series needs, as the
 * European proposal to WTSA-24 made one: how often topics recur, how many
 * meetings pass from a topic's first mention to its assignment to a group and
 * to its delivery, the share of topics that never advanced, and the
 * attendance trend. Each topic's own observations count (not inherited ones). */
#include "report.h"
#include "../util/alloc.h"
#include "../util/sort.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const cxo__col TOPIC_COLS[] = {
	{ "topic", "Topic" },          { "title", "Title" },
	{ "meetings", "Meetings that discussed it" }, { "first_raised", "First raised" },
	{ "status", "Status" },        { "to_assigned", "Meetings to assignment" },
	{ "to_delivered", "Meetings to delivery" },   { "advanced", "Ever advanced" },
};
enum { NTOPIC = sizeof TOPIC_COLS / sizeof TOPIC_COLS[0] };

static const cxo__col ATTENDANCE_COLS[] = {
	{ "meeting", "Meeting" }, { "kind", "Kind" }, { "date", "Date" }, { "participants", "Participants" },
	{ "organizations", "Organizations" },
};

/* Tracked meetings after `from` up to and including `to` (pos texts). */
static int64_t meetings_between(const cxo__report *r, const char *from, const char *to)
{
	int64_t n = 0;
	for (size_t a = 0; a < r->naxis; a++) {
		const char *pos = r->t->m[r->axis[a]].pos;
		n += strcmp(pos, from) > 0 && strcmp(pos, to) <= 0;
	}
	return n;
}

static int by_value(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The median of `v` (sorted in place), NAN for none; CXO_ENOMEM if the sort
 * could not run (not a missing median). */
static int median(int64_t *v, size_t n, double *out)
{
	*out = NAN;
	if (!n)
		return CXO_OK;
	int rc = cxo__sort(v, n, sizeof *v, by_value, NULL);
	if (rc)
		return rc;
	*out = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
	return CXO_OK;
}

typedef struct stats {
	int64_t *recurrence;
	size_t n, cap;
	int64_t once, never_advanced;
	int64_t assigned_sum, assigned_n, delivered_sum, delivered_n;
} stats;

static int topic_row(cxo__report *r, const cxo_row *rows, int64_t assigned_rank, int64_t delivered_rank, stats *s)
{
	const cxo_row *first = rows->f[0].v.row, *latest = rows->f[rows->n - 1].v.row;
	char first_pos[CXO__POS_MAX];
	cxo__report_row_pos(r, first, first_pos);
	int64_t meetings = 0, to_assigned = -1, to_delivered = -1;
	int advanced = 0;
	for (size_t i = 0; i < rows->n; i++) {
		const cxo_row *row = rows->f[i].v.row;
		meetings += cxo_row_text(row, "meeting") != NULL;
		advanced |= strcmp(cxo_row_text(row, "movement"), "advanced") == 0;
		int64_t rank = cxo_row_type(row, "rank") == CXO_TYPE_INT ? cxo_row_int(row, "rank") : 0;
		char pos[CXO__POS_MAX];
		cxo__report_row_pos(r, row, pos);
		if (to_assigned < 0 && assigned_rank && rank >= assigned_rank)
			to_assigned = meetings_between(r, first_pos, pos);
		if (to_delivered < 0 && delivered_rank && rank >= delivered_rank)
			to_delivered = meetings_between(r, first_pos, pos);
	}
	int64_t *grown = cxo__grow(s->recurrence, &s->cap, s->n + 1, sizeof *s->recurrence);
	if (!grown)
		return CXO_ENOMEM;
	s->recurrence = grown;
	s->recurrence[s->n++] = meetings;
	s->once += meetings == 1;
	s->never_advanced += !advanced;
	if (to_assigned >= 0) {
		s->assigned_sum += to_assigned;
		s->assigned_n++;
	}
	if (to_delivered >= 0) {
		s->delivered_sum += to_delivered;
		s->delivered_n++;
	}
	const char *id = cxo_row_text(first, "topic");
	cxo__arena ar;
	cxo__arena_init(&ar);
	cxo_row *rec = cxo__row_new_in(&ar, 0);
	const char *key[1] = { id };
	int rc = rec ? cxo__report_record(r, CXO_KIND_TOPIC, key, rec) : CXO_ENOMEM;
	cxo__val v[NTOPIC] = {
		cxo__v_text(id),
		cxo__v_text(cxo_row_text(rec, "title")),
		cxo__v_int(meetings),
		cxo__v_text(cxo_row_text(first, "point")),
		cxo__v_text(cxo_row_text(latest, "status")),
		to_assigned >= 0 ? cxo__v_int(to_assigned) : cxo__v_null(),
		to_delivered >= 0 ? cxo__v_int(to_delivered) : cxo__v_null(),
		cxo__v_bool(advanced),
	};
	if (!rc)
		rc = cxo__rw_row(&r->w, v);
	cxo__arena_fini(&ar);
	return rc;
}

static int attendance(cxo__report *r)
{
	cxo__rw_list(&r->w, "attendance", "Attendance over time", ATTENDANCE_COLS, 5);
	int rc = CXO_OK;
	for (size_t a = 0; a < r->naxis && !rc; a++) {
		const cxo__tmeeting *m = &r->t->m[r->axis[a]];
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

int cxo__report_analysis(cxo__report *r)
{
	cxo__rw *w = &r->w;
	int rc = cxo__report_begin(r, "analysis", "An analysis of the series of meetings");
	cxo__rw_field(w, "lifecycle", "Lifecycle", cxo__v_text(r->lc->slug));
	cxo__rw_field(w, "meetings", "Tracked meetings held", cxo__v_int((int64_t)r->naxis));
	long assigned = cxo__status_find(r->lc, "assigned");
	int64_t assigned_rank = assigned >= 0 ? r->lc->status[assigned].rank : 0;
	int64_t delivered_rank = cxo__report_delivered_rank(r);
	stats s;
	memset(&s, 0, sizeof s);
	cxo__history *h = NULL;
	if (!rc)
		rc = cxo__report_history(r, 0, NULL, 0, &h);
	if (!rc) {
		cxo__rw_list(w, "topics", "Topics", TOPIC_COLS, NTOPIC);
		const cxo_row *rows;
		while ((rc = cxo__history_next_topic(h, &rows)) == CXO_OK)
			if ((rc = topic_row(r, rows, assigned_rank, delivered_rank, &s)))
				break;
		if (rc == CXO_DONE)
			rc = cxo__rw_list_end(w);
	}
	cxo__history_free(h);
	double med = NAN;
	if (!rc)
		rc = median(s.recurrence, s.n, &med);
	if (!rc) {
		double mean = 0;
		for (size_t i = 0; i < s.n; i++)
			mean += (double)s.recurrence[i];
		mean = s.n ? mean / (double)s.n : NAN;
		cxo__rw_object(w, "figures", "In numbers");
		cxo__rw_field(w, "topics", "Topics", cxo__v_int((int64_t)s.n));
		cxo__rw_field(w, "recurrence_mean", "Meetings per topic (mean)", cxo__v_real(mean));
		cxo__rw_field(w, "recurrence_median", "Meetings per topic (median)", cxo__v_real(med));
		cxo__rw_field(w, "discussed_once", "Topics discussed at one meeting only", cxo__v_int(s.once));
		cxo__rw_field(w, "never_advanced", "Topics that never advanced", cxo__v_int(s.never_advanced));
		cxo__rw_field(w, "never_advanced_share", "Share of topics that never advanced",
		              s.n ? cxo__v_share((double)s.never_advanced / (double)s.n) : cxo__v_null());
		cxo__rw_field(w, "assigned", "Topics assigned to a group", cxo__v_int(s.assigned_n));
		cxo__rw_field(w, "to_assigned_mean", "Meetings from first mention to assignment (mean)",
		              s.assigned_n ? cxo__v_real((double)s.assigned_sum / (double)s.assigned_n) : cxo__v_null());
		cxo__rw_field(w, "delivered", "Topics delivered", cxo__v_int(s.delivered_n));
		cxo__rw_field(w, "to_delivered_mean", "Meetings from first mention to delivery (mean)",
		              s.delivered_n ? cxo__v_real((double)s.delivered_sum / (double)s.delivered_n) : cxo__v_null());
		rc = cxo__rw_object_end(w);
	}
	cxo__free(s.recurrence);
	if (!rc)
		rc = attendance(r);
	return rc ? rc : cxo__rw_end(w);
}
