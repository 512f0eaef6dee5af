/* matrix: topics x meetings. Each cell is the status a meeting recorded for
 * the topic, "gap" for a tracked meeting between its first and last
 * observations that did not discuss it, or empty; with each topic's first and
 * last points and its dated events between meetings. */
#include "report.h"
#include "../util/alloc.h"

#include <stdio.h>
#include <string.h>

enum { FIXED = 5 }; /* topic, title, first_seen, last_seen, events */

static int row_of(cxo__report *r, const cxo_row *rows, size_t ncols)
{
	cxo__arena a;
	cxo__arena_init(&a);
	const char *id = cxo_row_text(rows->f[0].v.row, "topic");
	cxo_row *events = cxo__row_new_in(&a, 1);
	/* the title alone, not the whole record: one topic per row of thousands */
	cxo__buf title = CXO__BUF_INIT;
	int rc = events ? cxo__topic_title(r->db, id, &title) : CXO_ENOMEM;
	cxo__val *v = rc ? NULL : cxo__calloc(ncols, sizeof *v);
	if (!rc && !v)
		rc = CXO_ENOMEM;
	for (size_t i = FIXED; v && i < ncols; i++)
		v[i] = cxo__v_null();
	for (size_t i = 0; i < rows->n && !rc; i++) {
		const cxo_row *h = rows->f[i].v.row;
		const char *m = cxo_row_text(h, "meeting");
		if (!m) {
			char ev[256];
			snprintf(ev, sizeof ev, "%s %s", cxo_row_text(h, "date"), cxo_row_text(h, "status"));
			rc = cxo__row_add_text(events, NULL, ev);
		}
		/* an event's row carries the gaps before it too */
		long at = m ? cxo__report_axis_of(r, cxo__timeline_find(r->t, m)) : -1;
		if (at >= 0)
			v[FIXED + (size_t)at] = cxo__v_text(cxo_row_text(h, "status"));
		const cxo_row *gaps = cxo_row_child(h, "gaps");
		for (size_t g = 0; g < cxo_row_size(gaps); g++) {
			long ga = cxo__report_axis_of(r, cxo__timeline_find(r->t, cxo_row_text_at(gaps, g)));
			if (ga >= 0)
				v[FIXED + (size_t)ga] = cxo__v_text("gap");
		}
	}
	if (!rc) {
		v[0] = cxo__v_text(id);
		v[1] = cxo__v_text(cxo__buf_cstr(&title));
		v[2] = cxo__v_text(cxo_row_text(rows->f[0].v.row, "point"));
		v[3] = cxo__v_text(cxo_row_text(rows->f[rows->n - 1].v.row, "point"));
		v[4] = cxo__v_texts(events);
		rc = cxo__rw_row(&r->w, v);
	}
	cxo__free(v);
	cxo__buf_fini(&title);
	cxo__arena_fini(&a);
	return rc;
}

static const cxo__col MEETING_COLS[] = { { "id", "Meeting" }, { "kind", "Kind" }, { "date", "Date" } };

int cxo__report_matrix(cxo__report *r)
{
	cxo__rw *w = &r->w;
	cxo__rw_csv_table(w, "topics");
	int rc = cxo__report_begin(r, "matrix", "Topics across the meetings");
	cxo__rw_field(w, "lifecycle", "Lifecycle", cxo__v_text(r->lc->slug));
	cxo__rw_list(w, "meetings", "Meetings", MEETING_COLS, 3);
	for (size_t a = 0; a < r->naxis && !rc; a++) {
		const cxo__tmeeting *m = &r->t->m[r->axis[a]];
		cxo__val v[3] = { cxo__v_text(m->slug), cxo__v_text(m->kind), cxo__v_text(m->date) };
		rc = cxo__rw_row(w, v);
	}
	if (!rc)
		rc = cxo__rw_list_end(w);
	/* the table: fixed columns, then one per meeting */
	size_t ncols = FIXED + r->naxis;
	cxo__col *cols = cxo__arena_alloc(&r->arena, ncols * sizeof *cols);
	if (!rc && !cols)
		rc = CXO_ENOMEM;
	if (!rc) {
		static const cxo__col fixed[FIXED] = { { "topic", "Topic" }, { "title", "Title" },
			                                   { "first_seen", "First seen" }, { "last_seen", "Last seen" },
			                                   { "events", "Events between meetings" } };
		memcpy(cols, fixed, sizeof fixed);
		for (size_t a = 0; a < r->naxis; a++)
			cols[FIXED + a].key = cols[FIXED + a].label = r->t->m[r->axis[a]].slug;
	}
	/* the timeline and the table go through the histories once each (HTML
	 * draws the timeline first; one topic in memory at a time either way) */
	for (int pass = cxo__rw_draws_timeline(w) ? 0 : 1; pass < 2 && !rc; pass++) {
		/* the matrix shows no sources: the histories go without them */
		cxo__history_opts ho = { 0, r->lc->slug, r->as_of, r->o->kinds, 0, 1 };
		cxo__history *h = NULL;
		if ((rc = cxo__history_open(&h, r->db, &ho)))
			break;
		if (pass == 0)
			rc = cxo__report_timeline_begin(r);
		else
			rc = cxo__rw_list(w, "topics", "Topics", cols, ncols);
		const cxo_row *rows;
		while (!rc && (rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
			if (pass == 0) {
				const char *id = cxo_row_text(rows->f[0].v.row, "topic");
				rc = cxo__report_lane(r, id, rows);
			} else {
				rc = row_of(r, rows, ncols);
			}
		}
		cxo__history_free(h);
		if (rc == CXO_DONE)
			rc = pass == 0 ? cxo__rw_timeline_end(w) : cxo__rw_list_end(w);
	}
	return rc ? rc : cxo__rw_end(w);
}
