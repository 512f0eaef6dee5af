/* diff: what changed between any two meetings A and B (A the earlier): topics
 * new, no longer discussed, advanced, regressed, reopened or dropped, comparing
 * each topic's status as of A with its status as of B; and the conclusions and
 * actions opened and closed after A up to B. One table of changes. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

static const cxo__col COLS[] = {
	{ "change", "Change" }, { "kind", "Record" }, { "key", "Key" }, { "title", "Title or text" },
	{ "from", "At the first meeting" }, { "to", "At the second meeting" },
};
enum { NCOLS = sizeof COLS / sizeof COLS[0] };

static int change(cxo__report *r, const char *what, const char *kind, const char *key, const char *title,
                  const char *from, const char *to, int64_t *count)
{
	++*count;
	cxo__val v[NCOLS] = { cxo__v_text(what), cxo__v_text(kind), cxo__v_text(key),
		                  cxo__v_text(title), cxo__v_text(from), cxo__v_text(to) };
	return cxo__rw_row(&r->w, v);
}

/* What B is read as of: B, or the report's as-of point when that is earlier
 * (what is dated after it does not exist for the report). */
static const char *upto(const cxo__report *r, const cxo__tmeeting *b)
{
	return r->cut.set && !cxo__cutoff_admits(&r->cut, b->pos) ? r->as_of : b->slug;
}

static int topics(cxo__report *r, const cxo__tmeeting *a, const cxo__tmeeting *b, int64_t *count)
{
	cxo__history *h;
	int rc = cxo__report_history(r, 0, upto(r, b), 0, &h);
	const cxo_row *rows;
	while (!rc && (rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
		const cxo_row *at_a = NULL, *at_b = NULL;
		int discussed_a = 0, discussed_b = 0;
		for (size_t i = 0; i < rows->n; i++) {
			const cxo_row *row = rows->f[i].v.row;
			char pos[CXO__POS_MAX];
			cxo__report_row_pos(r, row, pos);
			if (strcmp(pos, a->pos) <= 0)
				at_a = row;
			at_b = row;
			const char *m = cxo_row_text(row, "meeting");
			discussed_a |= m && strcmp(m, a->slug) == 0;
			discussed_b |= m && strcmp(m, b->slug) == 0;
		}
		const char *id = cxo_row_text(at_b, "topic");
		cxo__arena ar;
		cxo__arena_init(&ar);
		cxo_row *rec = cxo__row_new_in(&ar, 0);
		const char *key[1] = { id };
		rc = rec ? cxo__report_record(r, CXO_KIND_TOPIC, key, rec) : CXO_ENOMEM;
		const char *title = cxo_row_text(rec, "title"), *sa = at_a ? cxo_row_text(at_a, "status") : NULL,
		           *sb = cxo_row_text(at_b, "status");
		if (!rc && !at_a)
			rc = change(r, "new", "topic", id, title, NULL, sb, count);
		if (!rc && discussed_a && !discussed_b)
			rc = change(r, "no longer discussed", "topic", id, title, sa, sb, count);
		if (!rc && at_a && strcmp(sa, sb) != 0) {
			const char *mv = cxo__movement(r->lc, cxo__status_find(r->lc, sa), cxo__status_find(r->lc, sb));
			rc = change(r, mv, "topic", id, title, sa, sb, count);
		}
		cxo__arena_fini(&ar);
	}
	cxo__history_free(h);
	return rc == CXO_DONE ? CXO_OK : rc;
}

static int closed_status(const char *s)
{
	return strcmp(s, "done") == 0 || strcmp(s, "dropped") == 0 || strcmp(s, "superseded") == 0;
}

/* Conclusions and actions of the meetings after A up to B, and actions open
 * at A that B finds closed. */
static int records(cxo__report *r, const cxo__tmeeting *a, const cxo__tmeeting *b, int64_t *count)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = upto(r, b);
	cxo_cursor *cur;
	int rc = cxo__conclusion_ops.list(&cur, r->db, &q);
	const cxo_row *c;
	while (!rc && (rc = cxo_cursor_next(&c, cur)) == CXO_OK) {
		long mi = cxo__timeline_find(r->t, cxo_row_text(c, "meeting"));
		if (mi < 0 || strcmp(r->t->m[mi].pos, a->pos) <= 0)
			continue;
		rc = change(r, "opened", "conclusion", cxo_row_text(c, "id"), cxo_row_text(c, "text"), NULL,
		            cxo_row_text(c, "meeting"), count);
	}
	cxo_cursor_free(cur);
	if (rc != CXO_DONE)
		return rc;

	/* actions: their status at A (from their follow-ups up to A) and at B */
	q.kinds = r->o->kinds;
	if ((rc = cxo__action_ops.list(&cur, r->db, &q)))
		return rc;
	const cxo_row *act;
	while ((rc = cxo_cursor_next(&act, cur)) == CXO_OK) {
		long mi = cxo__timeline_find(r->t, cxo_row_text(act, "meeting"));
		const char *id = cxo_row_text(act, "id"), *sb = cxo_row_text(act, "status");
		if (mi >= 0 && strcmp(r->t->m[mi].pos, a->pos) > 0) {
			if ((rc = change(r, "opened", "action", id, cxo_row_text(act, "description"), NULL, sb, count)))
				break;
			continue;
		}
		const char *sa = "open";
		const cxo_row *fus = cxo_row_child(act, "followups");
		for (size_t i = 0; i < cxo_row_size(fus); i++) {
			const cxo_row *f = cxo_row_child_at(fus, i);
			char pos[CXO__POS_MAX];
			cxo__report_row_pos(r, f, pos);
			if (strcmp(pos, a->pos) <= 0)
				sa = cxo_row_text(f, "status");
		}
		if (!closed_status(sa) && closed_status(sb) &&
		    (rc = change(r, "closed", "action", id, cxo_row_text(act, "description"), sa, sb, count)))
			break;
	}
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? CXO_OK : rc;
}

int cxo__report_diff(cxo__report *r)
{
	const char *from = r->o->from, *to = r->o->to;
	if (!from || !to)
		return cxo__err(CXO_EINVAL, "report diff: two meetings are required (from and to)");
	if (cxo__point_is_date(from) || cxo__point_is_date(to))
		return cxo__err(CXO_EINVAL, "report diff: from and to must be meetings, not dates");
	const cxo__tmeeting *a = &r->t->m[cxo__timeline_find(r->t, from)], *b = &r->t->m[cxo__timeline_find(r->t, to)];
	if (strcmp(a->pos, b->pos) >= 0)
		return cxo__err(CXO_EINVAL, "report diff: meeting \"%s\" is not earlier than meeting \"%s\"", from, to);
	cxo__buf title = CXO__BUF_INIT;
	cxo__buf_addf(&title, "What changed from %s (%s) to %s (%s)", a->slug, a->date, b->slug, b->date);
	cxo__rw *w = &r->w;
	int rc = cxo__buf_status(&title);
	if (!rc)
		rc = cxo__report_begin(r, "diff", title.data);
	cxo__buf_fini(&title);
	cxo__rw_field(w, "from", "From", cxo__v_text(from));
	cxo__rw_field(w, "to", "To", cxo__v_text(to));
	cxo__rw_field(w, "lifecycle", "Lifecycle", cxo__v_text(r->lc->slug));
	int64_t count = 0;
	cxo__rw_list(w, "changes", "Changes", COLS, NCOLS);
	if (!rc)
		rc = topics(r, a, b, &count);
	if (!rc)
		rc = records(r, a, b, &count);
	if (!rc)
		rc = cxo__rw_list_end(w);
	if (!rc)
		rc = cxo__rw_field(w, "count", "Changes", cxo__v_int(count));
	return rc ? rc : cxo__rw_end(w);
}
