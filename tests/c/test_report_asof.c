/* Reports as of a point in time (DESIGN.md, "As of"; docs/reports.md): every
 * report as of a point P equals the same report on a database from which
 * everything dated later than P was deleted.
 *
 * The dataset (tests/data/reports-asof/dataset.json) spans seven meetings (one
 * of them TSAG, untracked; one with a month-precision date; the last planned),
 * with observations at meetings and dated events at day, month and year
 * precision, conclusions with actions and follow-ups keyed by meeting and by
 * date, registry items with dated statuses, links and relations with and
 * without `since`, and attendance. For each point P the test builds three
 * databases:
 *
 *   full     the whole dataset;
 *   cut      the dataset with every record dated later than P taken out of
 *            the JSON (filtered here, through the cxo_row functions), imported
 *            into a new database;
 *   deleted  the whole dataset, then every record dated later than P deleted
 *            through cxo_record_delete (item statuses through
 *            cxo_record_update of the item).
 *
 * `cut` and `deleted` must export the same document; then every report, in
 * every format it has, as of P on `full` must be byte for byte the report as
 * of P on `cut` and on `deleted` (or fail with the same code and message).
 *
 * What "dated later than P" means, written here independently of the library
 * from DESIGN.md's rules:
 *  - the time of a record is its point: a meeting (the record's meeting, or
 *    its `since` meeting) or a date. A partial date orders as its first day
 *    (2016 is 2016-01-01, 2016-05 is 2016-05-01); meetings are ordered by date,
 *    then ordinal, then id; a dated event sorts after the meetings of the same
 *    (first) day.
 *  - as of a meeting M: a record at a meeting is kept when its meeting is M or
 *    earlier in the meeting order; a dated record is kept when its first day
 *    is before M's first day.
 *  - as of a date D (a partial date means the end of its period): a record is
 *    kept when the first day of its point (a meeting's date, or its own date)
 *    is on or before the last day of D.
 *  - dated records: observations; conclusions (with their actions) by their
 *    meeting; follow-ups; attendance by its meeting; links and relations by
 *    `since` (none: always kept); item statuses by date, and an item whose
 *    first status is later than P does not exist yet (DESIGN.md: "it exists
 *    from its first status date"), so it goes with its links. Meetings (with
 *    their agendas), topics, registries, organizations and lifecycles are not
 *    dated and stay: a meeting later than P is then a planned meeting.
 *
 * One corner is left out of the dataset: an event whose partial date has the
 * same first day as a meeting's date (an event "2016-05" and a meeting on
 * 2016-05-01). By the rules above the event comes after the meeting; the
 * library orders dates as text (cxo__pos_event), so it comes before, and is
 * kept as of that meeting. lint warns that their order is unknown.
 *
 * Reports checked at each point: followup, matrix, participation, analysis
 * and lint (with default and non-default kinds and stall); tsag of every
 * meeting held by P; diff of every pair of meetings held by P; period over
 * several ranges ending by P; agenda of a meeting's agenda and of a topic list.
 */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CXO_TEST_DATA_DIR
#error "CXO_TEST_DATA_DIR must name tests/data"
#endif

TestSuite(report_asof, .init = th_setup, .fini = th_teardown, .timeout = 240);

/* ---- time, written from DESIGN.md ---- */

enum { MAXM = 32 };

typedef struct meeting {
	char id[130];
	char date[11];
	int64_t ordinal; /* 0 if none */
	int idx;         /* position in the meeting order */
} meeting;

typedef struct series {
	meeting m[MAXM];
	size_t n;
} series;

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* The first day of a date of any precision, as YYYY-MM-DD. */
static void first_day(const char *date, char out[11])
{
	int y = 0, m = 1, d = 1;
	int n = sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	cr_assert(n >= 1, "not a date: %s", date);
	snprintf(out, 11, "%04d-%02d-%02d", y, n >= 2 ? m : 1, n >= 3 ? d : 1);
}

/* The last day of a date's period, as YYYY-MM-DD. */
static void last_day(const char *date, char out[11])
{
	int y = 0, m = 12, d = 31;
	int n = sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	cr_assert(n >= 1, "not a date: %s", date);
	if (n == 1)
		m = 12;
	if (n <= 2)
		d = days_in(y, m);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int is_date(const char *p)
{
	return p[0] >= '0' && p[0] <= '9';
}

static const meeting *find_meeting(const series *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->m[i].id, id) == 0)
			return &s->m[i];
	cr_assert_fail("no meeting %s in the dataset", id);
	return NULL;
}

/* The cut-off: as of a meeting, or as of a date. */
typedef struct cutoff {
	const char *point;
	int is_date;
	char last[11];  /* a date: the last day of its period */
	int idx;        /* a meeting: its position */
	char first[11]; /* a meeting: the first day of its date */
} cutoff;

static cutoff cutoff_of(const series *s, const char *point)
{
	cutoff c;
	memset(&c, 0, sizeof c);
	c.point = point;
	c.is_date = is_date(point);
	if (c.is_date) {
		last_day(point, c.last);
	} else {
		const meeting *m = find_meeting(s, point);
		c.idx = m->idx;
		first_day(m->date, c.first);
	}
	return c;
}

/* Whether a record at `point` (a meeting id or a date; NULL: no point, always)
 * exists as of the cut-off. */
static int admits(const series *s, const cutoff *c, const char *point)
{
	if (!point)
		return 1;
	char day[11];
	if (is_date(point)) {
		first_day(point, day);
		if (c->is_date)
			return strcmp(day, c->last) <= 0;
		/* an event sorts after the meetings of its (first) day */
		return strcmp(day, c->first) < 0;
	}
	const meeting *m = find_meeting(s, point);
	if (!c->is_date)
		return m->idx <= c->idx;
	first_day(m->date, day);
	return strcmp(day, c->last) <= 0;
}

static int meeting_before(const meeting *a, const meeting *b)
{
	int d = strcmp(a->date, b->date);
	if (d)
		return d < 0;
	if (a->ordinal != b->ordinal)
		return a->ordinal < b->ordinal;
	return strcmp(a->id, b->id) < 0;
}

/* The meetings of the dataset, in meeting order. */
static void series_of(const cxo_row *doc, series *s)
{
	const cxo_row *ms = cxo_row_child(doc, "meetings");
	s->n = cxo_row_size(ms);
	cr_assert(s->n > 0 && s->n <= MAXM);
	for (size_t i = 0; i < s->n; i++) {
		const cxo_row *m = cxo_row_child_at(ms, i);
		snprintf(s->m[i].id, sizeof s->m[i].id, "%s", cxo_row_text(m, "id"));
		snprintf(s->m[i].date, sizeof s->m[i].date, "%s", cxo_row_text(m, "date"));
		s->m[i].ordinal = cxo_row_int(m, "ordinal");
	}
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j > 0 && meeting_before(&s->m[j], &s->m[j - 1]); j--) {
			meeting t = s->m[j];
			s->m[j] = s->m[j - 1];
			s->m[j - 1] = t;
		}
	for (size_t i = 0; i < s->n; i++)
		s->m[i].idx = (int)i;
}

/* ---- copying a row, leaving out what is dated later ---- */

typedef struct trunc {
	const series *s;
	cutoff cut;
	cxo_db *del;          /* the database to delete the same records from */
	char gone_items[16][300]; /* "registry\x1fid" of the items that do not exist yet */
	size_t ngone;
	int deletions;
} trunc;

static void copy_into(cxo_row *dst, const cxo_row *src);

static void copy_field(cxo_row *dst, const char *name, const cxo_row *src, size_t i)
{
	cxo_row *child;
	switch (cxo_row_type_at(src, i)) {
	case CXO_TYPE_NULL: TH_OK(cxo_row_set_null(dst, name)); break;
	case CXO_TYPE_INT: TH_OK(cxo_row_set_int(dst, name, cxo_row_int_at(src, i))); break;
	case CXO_TYPE_BOOL: TH_OK(cxo_row_set_bool(dst, name, (int)cxo_row_int_at(src, i))); break;
	case CXO_TYPE_TEXT: TH_OK(cxo_row_set_text(dst, name, cxo_row_text_at(src, i))); break;
	case CXO_TYPE_ROW:
		TH_OK(cxo_row_set_row(&child, dst, name));
		copy_into(child, cxo_row_child_at(src, i));
		break;
	case CXO_TYPE_LIST:
		TH_OK(cxo_row_set_list(&child, dst, name));
		copy_into(child, cxo_row_child_at(src, i));
		break;
	default: cr_assert_fail("unknown field type");
	}
}

static void copy_into(cxo_row *dst, const cxo_row *src)
{
	for (size_t i = 0; i < cxo_row_size(src); i++)
		copy_field(dst, cxo_row_name(src, i), src, i);
}

static const char *point_of(const cxo_row *rec)
{
	const char *m = cxo_row_text(rec, "meeting");
	return m ? m : cxo_row_text(rec, "date");
}

static void delete_rec(trunc *t, cxo_kind kind, const char *const *key, size_t nkey, uint32_t flags)
{
	int rc = cxo_record_delete(t->del, kind, key, nkey, flags);
	/* deleting an observation may join neighbours the lifecycle disallows:
	 * done, with a warning */
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "deleting %s %s...: %d %s", cxo_kind_name(kind), key[0], rc,
	          cxo_errmsg());
	t->deletions++;
}

static int item_gone(const trunc *t, const char *registry, const char *id)
{
	char k[300];
	snprintf(k, sizeof k, "%s\x1f%s", registry, id);
	for (size_t i = 0; i < t->ngone; i++)
		if (strcmp(t->gone_items[i], k) == 0)
			return 1;
	return 0;
}

/* A copy of the list `name` of `src` into `dst`, each element through `keep`. */
typedef int (*keep_fn)(trunc *t, const cxo_row *parent, const cxo_row *el, cxo_row *copy_parent);

static void filter_list(trunc *t, cxo_row *dst, const cxo_row *src, const char *name, keep_fn keep)
{
	const cxo_row *list = cxo_row_child(src, name);
	if (!list)
		return;
	cxo_row *out;
	TH_OK(cxo_row_set_list(&out, dst, name));
	for (size_t i = 0; i < cxo_row_size(list); i++) {
		const cxo_row *el = cxo_row_child_at(list, i);
		if (!keep(t, src, el, NULL))
			continue;
		cxo_row *copy;
		TH_OK(cxo_row_set_row(&copy, out, NULL));
		keep(t, src, el, copy);
	}
}

/* Each keep function decides (copy == NULL), or fills the copy (copy != NULL);
 * deciding to drop an element also deletes it from the `deleted` database. */

static int keep_item_status(trunc *t, const cxo_row *item, const cxo_row *st, cxo_row *copy)
{
	(void)item;
	if (copy) {
		copy_into(copy, st);
		return 1;
	}
	return admits(t->s, &t->cut, cxo_row_text(st, "date"));
}

static int keep_item(trunc *t, const cxo_row *doc, const cxo_row *item, cxo_row *copy)
{
	(void)doc;
	const cxo_row *sts = cxo_row_child(item, "statuses");
	const char *registry = cxo_row_text(item, "registry"), *id = cxo_row_text(item, "id");
	if (!copy) {
		/* the first status is the earliest: an item exists from then */
		const char *first = NULL;
		for (size_t i = 0; i < cxo_row_size(sts); i++) {
			const char *d = cxo_row_text(cxo_row_child_at(sts, i), "date");
			if (!first || strcmp(d, first) < 0)
				first = d;
		}
		if (first && !admits(t->s, &t->cut, first)) {
			cr_assert(t->ngone < 16);
			snprintf(t->gone_items[t->ngone++], sizeof t->gone_items[0], "%s\x1f%s", registry, id);
			delete_rec(t, CXO_KIND_ITEM, (const char *const[]){ registry, id }, 2, CXO_DELETE_CASCADE);
			return 0;
		}
		return 1;
	}
	int dropped = 0;
	for (size_t i = 0; i < cxo_row_size(sts); i++)
		dropped += !keep_item_status(t, item, cxo_row_child_at(sts, i), NULL);
	for (size_t i = 0; i < cxo_row_size(item); i++) {
		const char *name = cxo_row_name(item, i);
		if (strcmp(name, "statuses") == 0)
			filter_list(t, copy, item, "statuses", keep_item_status);
		else
			copy_field(copy, name, item, i);
	}
	if (dropped) {
		/* item statuses are not records of their own: update the item */
		cxo_row *upd;
		TH_OK(cxo_row_new(&upd));
		TH_OK(cxo_row_set_text(upd, "registry", registry));
		TH_OK(cxo_row_set_text(upd, "id", id));
		filter_list(t, upd, item, "statuses", keep_item_status);
		TH_OK(cxo_record_update(t->del, CXO_KIND_ITEM, upd));
		cxo_row_free(upd);
		t->deletions++;
	}
	return 1;
}

static int keep_attendance(trunc *t, const cxo_row *m, const cxo_row *att, cxo_row *copy)
{
	if (copy) {
		copy_into(copy, att);
		return 1;
	}
	const char *mid = cxo_row_text(m, "id");
	if (admits(t->s, &t->cut, mid))
		return 1;
	delete_rec(t, CXO_KIND_ATTENDANCE, (const char *const[]){ mid, cxo_row_text(att, "organization") }, 2, 0);
	return 0;
}

static int keep_meeting(trunc *t, const cxo_row *doc, const cxo_row *m, cxo_row *copy)
{
	(void)doc;
	if (!copy)
		return 1; /* meetings are not dated records: they stay */
	for (size_t i = 0; i < cxo_row_size(m); i++) {
		const char *name = cxo_row_name(m, i);
		if (strcmp(name, "attendance") == 0)
			filter_list(t, copy, m, "attendance", keep_attendance);
		else
			copy_field(copy, name, m, i);
	}
	return 1;
}

static int keep_relation(trunc *t, const cxo_row *topic, const cxo_row *rel, cxo_row *copy)
{
	if (copy) {
		copy_into(copy, rel);
		return 1;
	}
	if (admits(t->s, &t->cut, cxo_row_text(rel, "since")))
		return 1;
	delete_rec(t, CXO_KIND_RELATION,
	           (const char *const[]){ cxo_row_text(topic, "id"), cxo_row_text(rel, "type"), cxo_row_text(rel, "topic") },
	           3, 0);
	return 0;
}

static int keep_link(trunc *t, const cxo_row *topic, const cxo_row *link, cxo_row *copy)
{
	if (copy) {
		copy_into(copy, link);
		return 1;
	}
	const char *registry = cxo_row_text(link, "registry"), *item = cxo_row_text(link, "item");
	if (item_gone(t, registry, item)) {
		/* the data gives no link older than its item: deleting the item took it */
		cr_assert(!admits(t->s, &t->cut, cxo_row_text(link, "since")),
		          "the dataset links %s to %s:%s before the item exists", cxo_row_text(topic, "id"), registry, item);
		return 0;
	}
	if (admits(t->s, &t->cut, cxo_row_text(link, "since")))
		return 1;
	delete_rec(t, CXO_KIND_LINK, (const char *const[]){ cxo_row_text(topic, "id"), registry, item }, 3, 0);
	return 0;
}

static int keep_topic(trunc *t, const cxo_row *doc, const cxo_row *topic, cxo_row *copy)
{
	(void)doc;
	if (!copy)
		return 1;
	for (size_t i = 0; i < cxo_row_size(topic); i++) {
		const char *name = cxo_row_name(topic, i);
		if (strcmp(name, "relations") == 0)
			filter_list(t, copy, topic, "relations", keep_relation);
		else if (strcmp(name, "links") == 0)
			filter_list(t, copy, topic, "links", keep_link);
		else
			copy_field(copy, name, topic, i);
	}
	return 1;
}

static int keep_observation(trunc *t, const cxo_row *doc, const cxo_row *o, cxo_row *copy)
{
	(void)doc;
	if (copy) {
		copy_into(copy, o);
		return 1;
	}
	if (admits(t->s, &t->cut, point_of(o)))
		return 1;
	const char *lc = cxo_row_text(o, "lifecycle");
	delete_rec(t, CXO_KIND_OBSERVATION, (const char *const[]){ cxo_row_text(o, "topic"), lc ? lc : "cto", point_of(o) },
	           3, 0);
	return 0;
}

static int keep_followup(trunc *t, const cxo_row *action, const cxo_row *f, cxo_row *copy)
{
	if (copy) {
		copy_into(copy, f);
		return 1;
	}
	if (admits(t->s, &t->cut, point_of(f)))
		return 1;
	delete_rec(t, CXO_KIND_FOLLOWUP, (const char *const[]){ cxo_row_text(action, "id"), point_of(f) }, 2, 0);
	return 0;
}

static int keep_action(trunc *t, const cxo_row *conclusion, const cxo_row *a, cxo_row *copy)
{
	(void)conclusion;
	if (!copy)
		return 1; /* an action goes with its conclusion */
	for (size_t i = 0; i < cxo_row_size(a); i++) {
		const char *name = cxo_row_name(a, i);
		if (strcmp(name, "followups") == 0)
			filter_list(t, copy, a, "followups", keep_followup);
		else
			copy_field(copy, name, a, i);
	}
	return 1;
}

static int keep_conclusion(trunc *t, const cxo_row *doc, const cxo_row *c, cxo_row *copy)
{
	(void)doc;
	if (!copy) {
		if (admits(t->s, &t->cut, cxo_row_text(c, "meeting")))
			return 1;
		/* with its actions and their follow-ups */
		delete_rec(t, CXO_KIND_CONCLUSION, (const char *const[]){ cxo_row_text(c, "id") }, 1, 0);
		return 0;
	}
	for (size_t i = 0; i < cxo_row_size(c); i++) {
		const char *name = cxo_row_name(c, i);
		if (strcmp(name, "actions") == 0)
			filter_list(t, copy, c, "actions", keep_action);
		else
			copy_field(copy, name, c, i);
	}
	return 1;
}

/* The document without what is dated later than the cut-off (the keep
 * functions delete the same records from t->del as they go). */
static cxo_row *truncated(trunc *t, const cxo_row *doc)
{
	cxo_row *out;
	TH_OK(cxo_row_new(&out));
	for (size_t i = 0; i < cxo_row_size(doc); i++) {
		const char *name = cxo_row_name(doc, i);
		keep_fn keep = strcmp(name, "items") == 0         ? keep_item
		               : strcmp(name, "meetings") == 0    ? keep_meeting
		               : strcmp(name, "topics") == 0      ? keep_topic
		               : strcmp(name, "observations") == 0 ? keep_observation
		               : strcmp(name, "conclusions") == 0 ? keep_conclusion
		                                                  : NULL;
		if (keep)
			filter_list(t, out, doc, name, keep);
		else
			copy_field(out, name, doc, i);
	}
	return out;
}

/* ---- databases and reports ---- */

static char *slurp_text(const char *path, size_t *len)
{
	char *data = th_slurp(path, len);
	data = realloc(data, *len + 1);
	cr_assert_not_null(data);
	data[*len] = '\0';
	return data;
}

static cxo_db *import_new(const char *name, const char *json, size_t len)
{
	cxo_db *db = th_open_new(name);
	int rc = cxo_import_json(NULL, db, json, len, NULL);
	/* warnings: the dataset reopens a dropped topic on purpose */
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "import into %s: %d %s", name, rc, cxo_errmsg());
	return db;
}

static char *export_of(cxo_db *db)
{
	cxo_buffer *b;
	TH_OK(cxo_buffer_new(&b));
	TH_OK(cxo_export_json(db, NULL, cxo_buffer_write, b));
	char *s = strdup(cxo_buffer_data(b, NULL));
	cxo_buffer_free(b);
	return s;
}

/* A report's output, or "error <code>: <message>". */
static char *report_of(cxo_db *db, const cxo_report_options *o)
{
	cxo_buffer *b;
	TH_OK(cxo_buffer_new(&b));
	int rc = cxo_report(db, o, cxo_buffer_write, b);
	char *s;
	if (rc != CXO_OK && rc != CXO_WARNED) {
		s = malloc(strlen(cxo_errmsg()) + 64);
		cr_assert_not_null(s);
		sprintf(s, "error %d: %s", rc, cxo_errmsg());
	} else {
		size_t len;
		const char *d = cxo_buffer_data(b, &len);
		s = malloc(len + 32);
		cr_assert_not_null(s);
		/* lint's warning status is part of what the caller sees */
		snprintf(s, len + 32, "%s%s", rc == CXO_WARNED ? "[warned] " : "", d);
	}
	cxo_buffer_free(b);
	return s;
}

typedef struct run {
	const series *s;
	const char *as_of;
	cxo_db *full, *cut, *del;
	int reports, compared;
	char *failures;
	size_t flen;
	int nfail;
} run;

static void note_failure(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_failure(run *r, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	size_t n = strlen(line);
	r->failures = realloc(r->failures, r->flen + n + 2);
	cr_assert_not_null(r->failures);
	memcpy(r->failures + r->flen, line, n);
	r->flen += n;
	r->failures[r->flen++] = '\n';
	r->failures[r->flen] = '\0';
	r->nfail++;
}

/* The first line where two outputs differ, for the failure message. */
static void first_difference(const char *a, const char *b, char *out, size_t cap)
{
	int line = 1;
	const char *la = a, *lb = b;
	while (*a && *a == *b) {
		if (*a == '\n') {
			line++;
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	int na = (int)strcspn(la, "\n"), nb = (int)strcspn(lb, "\n");
	snprintf(out, cap, "line %d:\n      full: %.*s\n      trunc: %.*s", line, na > 400 ? 400 : na, la,
	         nb > 400 ? 400 : nb, lb);
}

static const char *describe(const cxo_report_options *o, int format)
{
	static char d[512];
	snprintf(d, sizeof d, "%s%s%s%s%s%s%s%s%s%s%s%s%s [%s]", cxo_report_name(o->kind), o->meeting ? " meeting=" : "",
	         o->meeting ? o->meeting : "", o->from ? " from=" : "", o->from ? o->from : "", o->to ? " to=" : "",
	         o->to ? o->to : "", o->topics ? " topics=" : "", o->topics ? o->topics : "", o->kinds ? " kinds=" : "",
	         o->kinds ? o->kinds : "", o->stall ? " stall=" : "", o->stall ? "N" : "", cxo_format_name(format));
	return d;
}

static int tabular(int kind)
{
	return kind == CXO_REPORT_FOLLOWUP || kind == CXO_REPORT_MATRIX || kind == CXO_REPORT_DIFF ||
	       kind == CXO_REPORT_PARTICIPATION;
}

/* One report as of the point, in every format, on the three databases. */
static void compare(run *r, cxo_report_options o)
{
	o.as_of = r->as_of;
	r->reports++;
	for (int format = CXO_FORMAT_JSON; format <= CXO_FORMAT_HTML; format++) {
		if (format == CXO_FORMAT_CSV && !tabular(o.kind))
			continue;
		o.format = format;
		char *full = report_of(r->full, &o), *cut = report_of(r->cut, &o), *del = report_of(r->del, &o);
		r->compared++;
		char diff[1200];
		if (strcmp(full, cut) != 0) {
			first_difference(full, cut, diff, sizeof diff);
			note_failure(r, "as of %s, %s: full != cut at %s", r->as_of, describe(&o, format), diff);
		} else if (strcmp(full, del) != 0) {
			first_difference(full, del, diff, sizeof diff);
			note_failure(r, "as of %s, %s: full != deleted at %s", r->as_of, describe(&o, format), diff);
		}
		/* a report must say something: a JSON object, or the error */
		if (format == CXO_FORMAT_JSON && strncmp(full, "error", 5) != 0 && strncmp(full, "{\n", 2) != 0 &&
		    strncmp(full, "[warned] {\n", 11) != 0)
			note_failure(r, "as of %s, %s: not a JSON object: %.80s", r->as_of, describe(&o, format), full);
		free(full);
		free(cut);
		free(del);
	}
}

static cxo_report_options opts(int kind)
{
	cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
	o.kind = kind;
	return o;
}

static void all_reports(run *r)
{
	static const int plain[] = { CXO_REPORT_FOLLOWUP, CXO_REPORT_MATRIX, CXO_REPORT_PARTICIPATION,
		                         CXO_REPORT_ANALYSIS, CXO_REPORT_LINT };
	cutoff c = cutoff_of(r->s, r->as_of);
	for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
		cxo_report_options o = opts(plain[k]);
		compare(r, o);
		o.kinds = "cto,cxo,consultation,workshop,tsag";
		compare(r, o);
		o.kinds = NULL;
		o.stall = 1;
		compare(r, o);
	}
	/* the meetings held by the point */
	const char *held[MAXM];
	size_t nheld = 0;
	for (size_t i = 0; i < r->s->n; i++)
		if (admits(r->s, &c, r->s->m[i].id))
			held[nheld++] = r->s->m[i].id;
	for (size_t i = 0; i < nheld; i++) {
		cxo_report_options o = opts(CXO_REPORT_TSAG);
		o.meeting = held[i];
		compare(r, o);
		o.kinds = "cto,cxo,consultation,workshop,tsag";
		compare(r, o);
	}
	for (size_t i = 0; i < nheld; i++)
		for (size_t j = i + 1; j < nheld; j++) {
			cxo_report_options o = opts(CXO_REPORT_DIFF);
			o.from = held[i];
			o.to = held[j];
			compare(r, o);
		}
	/* periods ending by the point */
	cxo_report_options p = opts(CXO_REPORT_PERIOD);
	compare(r, p);
	p.stall = 1;
	compare(r, p);
	p.stall = 0;
	p.to = r->as_of;
	compare(r, p);
	if (nheld) {
		p.from = held[0];
		p.to = held[nheld - 1];
		compare(r, p);
		p.from = held[nheld / 2];
		p.to = r->as_of;
		compare(r, p);
	}
	if (admits(r->s, &c, "2015-12-31")) {
		p.from = "2014";
		p.to = "2015-12";
		compare(r, p);
		p.to = r->as_of;
		p.stall = 2;
		compare(r, p);
	}
	/* agendas */
	cxo_report_options a = opts(CXO_REPORT_AGENDA);
	a.meeting = "cto-2018";
	compare(r, a);
	a.stall = 1;
	compare(r, a);
	a.meeting = "cto-2013-bangkok";
	a.stall = 0;
	compare(r, a);
	a.meeting = NULL;
	a.topics = "ml-networks,imt-2020,holography,qos-qoe,security";
	compare(r, a);
}

static void check_point(const char *as_of)
{
	size_t len;
	char *json = slurp_text(CXO_TEST_DATA_DIR "/reports-asof/dataset.json", &len);
	cxo_row *doc;
	TH_OK(cxo_row_from_json(&doc, json, len));
	series s;
	series_of(doc, &s);

	run r;
	memset(&r, 0, sizeof r);
	r.s = &s;
	r.as_of = as_of;
	r.full = import_new("full.db", json, len);
	r.del = import_new("deleted.db", json, len);

	trunc t;
	memset(&t, 0, sizeof t);
	t.s = &s;
	t.cut = cutoff_of(&s, as_of);
	t.del = r.del;
	cxo_row *cut = truncated(&t, doc);
	char *cut_json;
	size_t cut_len;
	TH_OK(cxo_row_to_json(&cut_json, &cut_len, cut));
	th_write_file(th_path("cut.json"), cut_json, cut_len);
	r.cut = import_new("cut.db", cut_json, cut_len);

	/* the two ways of taking the later records out agree */
	char *e_cut = export_of(r.cut), *e_del = export_of(r.del);
	cr_assert_str_eq(e_cut, e_del, "as of %s: the filtered import and the deletions differ", as_of);
	cr_log_info("as of %s: %d records taken out", as_of, t.deletions);

	all_reports(&r);
	cr_log_info("as of %s: %d reports, %d outputs compared", as_of, r.reports, r.compared);
	if (r.nfail)
		fprintf(stderr, "--- as of %s: %d differences ---\n%s", as_of, r.nfail, r.failures);
	cr_expect_eq(r.nfail, 0, "as of %s: %d of %d report outputs differ; the first:\n%.3000s", as_of, r.nfail,
	             r.compared, r.failures ? r.failures : "");

	free(r.failures);
	free(e_cut);
	free(e_del);
	cxo_free(cut_json);
	cxo_row_free(cut);
	cxo_row_free(doc);
	free(json);
	cxo_db_close(r.full);
	cxo_db_close(r.cut);
	cxo_db_close(r.del);
}

/* The points: before everything, meetings (tracked, untracked, with a partial
 * date), a full date between meetings, months and years holding meetings and
 * events, after everything. */
Test(report_asof, before_everything) { check_point("2012"); }
Test(report_asof, second_meeting) { check_point("cto-2014-dubai"); }
Test(report_asof, year_2015) { check_point("2015"); }
Test(report_asof, untracked_meeting) { check_point("tsag-2015-geneva"); }
Test(report_asof, day_between_meetings) { check_point("2016-01-15"); }
Test(report_asof, month_of_a_month_dated_meeting) { check_point("2016-05"); }
Test(report_asof, month_dated_meeting) { check_point("ws-2016"); }
Test(report_asof, month_with_an_event) { check_point("2016-09"); }
Test(report_asof, day_of_an_event) { check_point("2016-09-15"); }
Test(report_asof, day_before_an_event) { check_point("2016-09-14"); }
Test(report_asof, meeting_with_events_after_it) { check_point("cto-2017-geneva"); }
Test(report_asof, year_2017) { check_point("2017"); }
Test(report_asof, after_everything) { check_point("2030"); }

/* The truncation rule itself, on the dataset's meetings: a partial date is its
 * first day; an event sorts after the meetings of its day; a date cut-off is
 * the end of its period. */
Test(report_asof, truncation_rule)
{
	size_t len;
	char *json = slurp_text(CXO_TEST_DATA_DIR "/reports-asof/dataset.json", &len);
	cxo_row *doc;
	TH_OK(cxo_row_from_json(&doc, json, len));
	series s;
	series_of(doc, &s);
	cr_assert_str_eq(s.m[4].id, "ws-2016");
	cutoff ws = cutoff_of(&s, "ws-2016"), y2016 = cutoff_of(&s, "2016"), may = cutoff_of(&s, "2016-05"),
	       cto17 = cutoff_of(&s, "cto-2017-geneva");
	cr_assert(admits(&s, &ws, "2016"));           /* 2016-01-01, before 2016-05-01 */
	cr_assert(admits(&s, &ws, "2016-04-30"));
	cr_assert(!admits(&s, &ws, "2016-05"));       /* the same first day: after the meeting */
	cr_assert(!admits(&s, &ws, "2016-05-01"));
	cr_assert(admits(&s, &ws, "ws-2016"));
	cr_assert(!admits(&s, &ws, "cto-2017-geneva"));
	cr_assert(admits(&s, &may, "ws-2016"));
	cr_assert(admits(&s, &may, "2016-05-31"));
	cr_assert(!admits(&s, &may, "2016-06"));
	cr_assert(admits(&s, &y2016, "2016-12-31"));
	cr_assert(!admits(&s, &y2016, "2017"));
	cr_assert(!admits(&s, &cto17, "2017-10-02"));
	cr_assert(admits(&s, &cto17, "2017-10-01"));
	cr_assert(admits(&s, &cto17, "2017"));        /* 2017-01-01 */
	cr_assert(admits(&s, &cto17, NULL));
	cxo_row_free(doc);
	free(json);
}

/* ---- the property on minimal datasets: one record dated later ----
 *
 * Each case: a dataset, the same dataset without what is dated later than
 * the point, and one report as of the point, which must come out the same
 * from both (JSON and Markdown). They name, one by one, the places where a
 * report once read records without the as-of cut-off. */

static void same_report(const char *full_json, const char *cut_json, cxo_report_options o)
{
	const char *f = th_j(full_json), *c = th_j(cut_json);
	cxo_db *full = import_new("full.db", f, strlen(f));
	cxo_db *cut = import_new("cut.db", c, strlen(c));
	for (int format = CXO_FORMAT_JSON; format <= CXO_FORMAT_MARKDOWN; format++) {
		o.format = format;
		char *a = report_of(full, &o), *b = report_of(cut, &o);
		char diff[1200] = "";
		if (strcmp(a, b) != 0)
			first_difference(a, b, diff, sizeof diff);
		cr_expect_str_eq(a, b, "%s as of %s: the full database and the cut one differ at %s", describe(&o, format),
		                 o.as_of, diff);
		free(a);
		free(b);
	}
	cxo_db_close(full);
	cxo_db_close(cut);
}

#define TWO_MEETINGS                                                                                      \
	"'meetings':[{'id':'m1','kind':'cto','date':'2014-05-01','sources':[{'ref':'r1'}]},"                    \
	"{'id':'m2','kind':'cto','date':'2017-03-01','sources':[{'ref':'r2'}]}],"
#define HEAD "{'format':'cxotrack','version':1,"

static cxo_report_options as_of_m1(int kind)
{
	cxo_report_options o = opts(kind);
	o.as_of = "m1";
	return o;
}

/* lint, "without sources": an observation and a conclusion dated later. */
Test(report_asof, lint_sources_of_later_records)
{
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]},"
	            "{'topic':'t','meeting':'m2','status':'prioritized'}],"
	            "'conclusions':[{'id':'m2/1','meeting':'m2','number':'1','topics':['t']}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]}]}",
	            as_of_m1(CXO_REPORT_LINT));
}

/* lint, "a partial date whose period holds another date": an event dated
 * later (the year 2017 holds meeting m2's date). */
Test(report_asof, lint_partial_date_of_a_later_event)
{
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]},"
	            "{'topic':'t','date':'2017','status':'assigned','sources':[{'ref':'r3'}]}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]}]}",
	            as_of_m1(CXO_REPORT_LINT));
}

/* lint, "two topics with the same name, unless one relates to the other": a
 * relation that holds only since a later meeting. */
Test(report_asof, lint_same_name_related_later)
{
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'ai','title':'AI networks'},{'id':'ai-nets','title':'AI-Networks',"
	            "'relations':[{'type':'related','topic':'ai','since':'m2'}]}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'ai','title':'AI networks'},{'id':'ai-nets','title':'AI-Networks'}]}",
	            as_of_m1(CXO_REPORT_LINT));
}

/* tsag of a meeting later than the point: as of m1, m2 has discussed nothing
 * yet (the full database must not fail with "no history"). */
Test(report_asof, tsag_of_a_later_meeting)
{
	cxo_report_options o = as_of_m1(CXO_REPORT_TSAG);
	o.meeting = "m2";
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'},{'id':'u','title':'U'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]},"
	            "{'topic':'t','meeting':'m2','status':'prioritized','sources':[{'ref':'r2'}]},"
	            "{'topic':'u','meeting':'m2','status':'raised','sources':[{'ref':'r2'}]}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'},{'id':'u','title':'U'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]}]}",
	            o);
}

/* diff to a meeting later than the point: as of m1, m2 changed nothing yet. */
Test(report_asof, diff_to_a_later_meeting)
{
	cxo_report_options o = as_of_m1(CXO_REPORT_DIFF);
	o.from = "m1";
	o.to = "m2";
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]},"
	            "{'topic':'t','meeting':'m2','status':'prioritized','sources':[{'ref':'r2'}]}],"
	            "'conclusions':[{'id':'m2/1','meeting':'m2','number':'1','topics':['t'],"
	            "'actions':[{'id':'a','owner':'TSB'}]}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]}]}",
	            o);
}

/* period to a point later than the as-of point (this one holds). */
Test(report_asof, period_to_a_later_meeting)
{
	cxo_report_options o = as_of_m1(CXO_REPORT_PERIOD);
	o.from = "m1";
	o.to = "m2";
	same_report(HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]},"
	            "{'topic':'t','meeting':'m2','status':'prioritized','sources':[{'ref':'r2'}]}],"
	            "'conclusions':[{'id':'m2/1','meeting':'m2','number':'1','topics':['t'],"
	            "'actions':[{'id':'a','owner':'TSB'}]}]}",
	            HEAD TWO_MEETINGS "'topics':[{'id':'t','title':'T'}],"
	            "'observations':[{'topic':'t','meeting':'m1','status':'raised','sources':[{'ref':'r1'}]}]}",
	            o);
}
