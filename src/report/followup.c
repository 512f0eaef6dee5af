/* followup: the periodic follow-up report to TSAG (Resolution 68, resolves
 * 11): every action the conclusions raised, with its owner, its age in
 * meetings and its follow-ups with their sources; overdue first, then open,
 * then closed. */
#include "report.h"
#include "../util/alloc.h"

#include <stdio.h>
#include <string.h>

static const cxo__col COLS[] = {
	{ "state", "State" },       { "id", "Action" },           { "conclusion", "Conclusion" },
	{ "meeting", "Meeting" },   { "owner", "Owner" },         { "description", "Description" },
	{ "due", "Due" },           { "status", "Status" },       { "age", "Age (meetings)" },
	{ "overdue", "Overdue" },   { "followups", "Follow-ups" },
};
enum { NCOLS = sizeof COLS / sizeof COLS[0] };

enum { OVERDUE, OPEN, CLOSED };
static const char *const STATES[] = { "overdue", "open", "closed" };

static int state_of(const cxo_row *a)
{
	if (cxo_row_int(a, "overdue"))
		return OVERDUE;
	const char *s = cxo_row_text(a, "status");
	return strcmp(s, "open") == 0 || strcmp(s, "in-progress") == 0 ? OPEN : CLOSED;
}

/* "cto-2014-doha in-progress: the note [sources]" for each follow-up as of the
 * report's point. */
static int followups_of(cxo__report *r, const cxo_row *a, cxo_row *out)
{
	const cxo_row *fus = cxo_row_child(a, "followups");
	for (size_t i = 0; i < cxo_row_size(fus); i++) {
		const cxo_row *f = cxo_row_child_at(fus, i);
		const char *m = cxo_row_text(f, "meeting");
		char pos[CXO__POS_MAX];
		long mi = m ? cxo__timeline_find(r->t, m) : -1;
		if (mi >= 0)
			snprintf(pos, sizeof pos, "%s", r->t->m[mi].pos);
		else
			cxo__pos_event(pos, cxo_row_text(f, "date"));
		if (!cxo__cutoff_admits(&r->cut, pos))
			continue;
		cxo__buf b = CXO__BUF_INIT;
		cxo__buf_addf(&b, "%s %s", m ? m : cxo_row_text(f, "date"), cxo_row_text(f, "status"));
		if (cxo_row_text(f, "note"))
			cxo__buf_addf(&b, ": %s", cxo_row_text(f, "note"));
		if (cxo_row_child(f, "sources")) {
			cxo__buf_adds(&b, " [");
			cxo__report_sources(f, &b);
			cxo__buf_adds(&b, "]");
		}
		int rc = cxo__buf_status(&b);
		if (!rc)
			rc = cxo__row_add_text(out, NULL, b.data);
		cxo__buf_fini(&b);
		if (rc)
			return rc;
	}
	return CXO_OK;
}

int cxo__report_followup(cxo__report *r)
{
	cxo__rw *w = &r->w;
	int rc = cxo__report_begin(r, "followup", "Follow-up of the actions the conclusions raised");
	cxo__rw_list(w, "actions", "Actions", COLS, NCOLS);
	int64_t count[3] = { 0, 0, 0 };
	/* one pass per state keeps the order without holding the actions */
	for (int state = OVERDUE; state <= CLOSED && !rc; state++) {
		cxo_query q = CXO_QUERY_INIT;
		q.as_of = r->as_of;
		q.kinds = r->o->kinds;
		cxo_cursor *cur;
		if ((rc = cxo__action_ops.list(&cur, r->db, &q)))
			break;
		const cxo_row *a;
		while ((rc = cxo_cursor_next(&a, cur)) == CXO_OK) {
			if (state_of(a) != state)
				continue;
			count[state]++;
			cxo__arena ar;
			cxo__arena_init(&ar);
			cxo_row *fus = cxo__row_new_in(&ar, 1);
			rc = fus ? followups_of(r, a, fus) : CXO_ENOMEM;
			const char *due = cxo_row_text(a, "due_meeting");
			cxo__val v[NCOLS] = {
				cxo__v_text(STATES[state]),
				cxo__v_text(cxo_row_text(a, "id")),
				cxo__v_text(cxo_row_text(a, "conclusion")),
				cxo__v_text(cxo_row_text(a, "meeting")),
				cxo__v_text(cxo_row_text(a, "owner")),
				cxo__v_text(cxo_row_text(a, "description")),
				cxo__v_text(due ? due : cxo_row_text(a, "due_date")),
				cxo__v_text(cxo_row_text(a, "status")),
				cxo__v_int(cxo_row_int(a, "age")),
				cxo__v_bool((int)cxo_row_int(a, "overdue")),
				cxo__v_texts(fus),
			};
			if (!rc)
				rc = cxo__rw_row(w, v);
			cxo__arena_fini(&ar);
			if (rc)
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	if (!rc)
		rc = cxo__rw_list_end(w);
	if (!rc) {
		cxo__rw_object(w, "counts", "In numbers");
		cxo__rw_field(w, "overdue", "Overdue", cxo__v_int(count[OVERDUE]));
		cxo__rw_field(w, "open", "Open, not overdue", cxo__v_int(count[OPEN]));
		cxo__rw_field(w, "closed", "Closed", cxo__v_int(count[CLOSED]));
		rc = cxo__rw_object_end(w);
	}
	return rc ? rc : cxo__rw_end(w);
}
