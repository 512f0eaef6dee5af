/* lint: findings about the records, each with a severity, the record and the
 * reason, as DESIGN.md's table lists them. A finding of severity "error" makes
 * cxo_report return CXO_WARNED (the command line exits 1). */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const cxo__col COLS[] = { { "severity", "Severity" }, { "kind", "Record" }, { "key", "Key" },
	                             { "reason", "Reason" } };

typedef struct lint {
	cxo__report *r;
	int64_t count[3]; /* error, warning, info */
} lint;

enum { ERROR, WARNING, INFO };
static const char *const SEVERITY[] = { "error", "warning", "info" };

static int finding(lint *l, int severity, const char *kind, const char *key, const char *fmt, ...)
	CXO__PRINTF(5, 6);

static int finding(lint *l, int severity, const char *kind, const char *key, const char *fmt, ...)
{
	char reason[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	l->count[severity]++;
	if (severity == ERROR)
		l->r->errors++;
	cxo__val v[4] = { cxo__v_text(SEVERITY[severity]), cxo__v_text(kind), cxo__v_text(key), cxo__v_text(reason) };
	return cxo__rw_row(&l->r->w, v);
}

/* Transitions the lifecycles' rules forbid, and topics reopened. */
static int transitions(lint *l)
{
	cxo__report *r = l->r;
	cxo_cursor *lcs;
	const cxo_query all = CXO_QUERY_INIT;
	int rc = cxo__lifecycle_ops.list(&lcs, r->db, &all);
	const cxo_row *lcr;
	while (!rc && (rc = cxo_cursor_next(&lcr, lcs)) == CXO_OK) {
		const char *slug = cxo_row_text(lcr, "id"), *enforce = cxo_row_text(lcr, "enforce");
		cxo__history_opts o = { 0, slug, r->as_of, r->o->kinds, 0, 0 };
		cxo__history *h;
		if ((rc = cxo__history_open(&h, r->db, &o)))
			break;
		const cxo_row *rows;
		while ((rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
			for (size_t i = 1; i < rows->n && !rc; i++) {
				const cxo_row *row = rows->f[i].v.row, *prev = rows->f[i - 1].v.row;
				char key[512];
				snprintf(key, sizeof key, "%s %s %s", cxo_row_text(row, "topic"), slug, cxo_row_text(row, "point"));
				const char *from = cxo_row_text(prev, "status"), *to = cxo_row_text(row, "status");
				if (!cxo_row_int(row, "allowed") && strcmp(enforce, "strict") == 0)
					rc = finding(l, ERROR, "observation", key,
					             "\"%s\" after \"%s\" (at %s): a transition lifecycle \"%s\" forbids (strict)", to,
					             from, cxo_row_text(prev, "point"), slug);
				else if (!cxo_row_int(row, "allowed") && strcmp(enforce, "warn") == 0)
					rc = finding(l, WARNING, "observation", key,
					             "\"%s\" after \"%s\" (at %s): a transition lifecycle \"%s\" does not allow", to,
					             from, cxo_row_text(prev, "point"), slug);
				if (!rc && strcmp(cxo_row_text(row, "movement"), "reopened") == 0)
					rc = finding(l, WARNING, "observation", key, "reopened: \"%s\" after the terminal \"%s\"", to,
					             from);
			}
			if (rc)
				break;
		}
		cxo__history_free(h);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	cxo_cursor_free(lcs);
	return rc == CXO_DONE ? CXO_OK : rc;
}

/* Add `date` (an event's) to the set `events` if it is within the cut-off. */
static int add_event(cxo__report *r, cxo_row *events, const char *date)
{
	if (!date)
		return CXO_OK;
	char pos[CXO__POS_MAX];
	cxo__pos_event(pos, date);
	if (!cxo__cutoff_admits(&r->cut, pos))
		return CXO_OK;
	for (size_t i = 0; i < events->n; i++)
		if (strcmp(events->f[i].v.s, date) == 0)
			return CXO_OK;
	return cxo__row_add_text(events, NULL, date);
}

/* The dates of the events between meetings: observations, follow-ups and
 * registry items' statuses, each date once. */
static int event_dates(cxo__report *r, cxo_row *events)
{
	const cxo__kind_ops *const kinds[] = { &cxo__observation_ops, &cxo__followup_ops, &cxo__item_ops };
	const cxo_query all = CXO_QUERY_INIT;
	int rc = CXO_OK;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !rc; k++) {
		cxo_cursor *cur;
		if ((rc = kinds[k]->list(&cur, r->db, &all)))
			break;
		const cxo_row *o;
		while ((rc = cxo_cursor_next(&o, cur)) == CXO_OK) {
			const cxo_row *statuses = cxo_row_child(o, "statuses");
			rc = add_event(r, events, cxo_row_text(o, "date"));
			for (size_t i = 0; i < cxo_row_size(statuses) && !rc; i++)
				rc = add_event(r, events, cxo_row_text(cxo_row_child_at(statuses, i), "date"));
			if (rc)
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	return rc;
}

/* Partial dates whose period holds another meeting's or event's date, among
 * the meetings and events within the cut-off. */
static int partial_dates(lint *l)
{
	cxo__report *r = l->r;
	const cxo__timeline *t = r->t;
	cxo_row *events = cxo__row_new_in(&r->arena, 1);
	if (!events)
		return CXO_ENOMEM;
	int rc = event_dates(r, events);
	for (size_t i = 0; i < t->n && !rc; i++) {
		const char *d = t->m[i].date;
		if (cxo__date_precision(d) == 3 || !cxo__cutoff_admits(&r->cut, t->m[i].pos))
			continue;
		size_t len = strlen(d);
		for (size_t j = 0; j < t->n && !rc; j++)
			if (j != i && cxo__cutoff_admits(&r->cut, t->m[j].pos) && strncmp(t->m[j].date, d, len) == 0 &&
			    strcmp(t->m[j].date, d) != 0)
				rc = finding(l, WARNING, "meeting", t->m[i].slug,
				             "its date %s holds the date of meeting \"%s\" (%s): their order is unknown", d,
				             t->m[j].slug, t->m[j].date);
		for (size_t e = 0; e < events->n && !rc; e++)
			if (strncmp(events->f[e].v.s, d, len) == 0 && strcmp(events->f[e].v.s, d) != 0)
				rc = finding(l, WARNING, "meeting", t->m[i].slug,
				             "its date %s holds the date of an event (%s): their order is unknown", d,
				             events->f[e].v.s);
	}
	for (size_t e = 0; e < events->n && !rc; e++) {
		const char *d = events->f[e].v.s;
		if (cxo__date_precision(d) == 3)
			continue;
		size_t len = strlen(d);
		for (size_t j = 0; j < t->n && !rc; j++)
			if (cxo__cutoff_admits(&r->cut, t->m[j].pos) && strncmp(t->m[j].date, d, len) == 0 &&
			    strcmp(t->m[j].date, d) != 0)
				rc = finding(l, WARNING, "event", d,
				             "an event dated %s, a period that holds meeting \"%s\" (%s): their order is unknown", d,
				             t->m[j].slug, t->m[j].date);
	}
	return rc;
}

/* Records of the kinds that carry sources, without any. */
static int sources(lint *l)
{
	static const struct { const cxo__kind_ops *k; const char *what; } KINDS[] = {
		{ &cxo__meeting_ops, "meeting" },
		{ &cxo__observation_ops, "observation" },
		{ &cxo__conclusion_ops, "conclusion" },
	};
	int rc = CXO_OK;
	for (size_t k = 0; k < 3 && !rc; k++) {
		cxo_cursor *cur;
		cxo_query q = CXO_QUERY_INIT;
		q.as_of = l->r->as_of;
		if ((rc = KINDS[k].k->list(&cur, l->r->db, &q)))
			break;
		const cxo_row *rec;
		while ((rc = cxo_cursor_next(&rec, cur)) == CXO_OK) {
			if (cxo_row_child(rec, "sources"))
				continue;
			const char *parts[8] = { 0 };
			KINDS[k].k->key(rec, parts);
			char key[512] = "";
			size_t o = 0;
			for (size_t p = 0; p < KINDS[k].k->nkey && o < sizeof key; p++)
				o += (size_t)snprintf(key + o, sizeof key - o, "%s%s", p ? " " : "", parts[p] ? parts[p] : "");
			if ((rc = finding(l, WARNING, KINDS[k].what, key, "no sources")))
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	return rc;
}

/* Actions nobody followed up after `stall` tracked meetings. */
static int silent_actions(lint *l)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = l->r->as_of;
	q.kinds = l->r->o->kinds;
	cxo_cursor *cur;
	int rc = cxo__action_ops.list(&cur, l->r->db, &q);
	const cxo_row *a;
	while (!rc && (rc = cxo_cursor_next(&a, cur)) == CXO_OK)
		if (!cxo_row_child(a, "followups") && cxo_row_int(a, "age") >= l->r->stall)
			rc = finding(l, WARNING, "action", cxo_row_text(a, "id"), "no follow-up after %lld tracked meetings",
			             (long long)cxo_row_int(a, "age"));
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? CXO_OK : rc;
}

/* A name with case and everything but letters and digits dropped. */
static void normalized(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	for (; *s && o + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			out[o++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* Whether one of two topics relates to the other (a renamed topic keeps its
 * old name as an alias: no finding for that). */
static int related(cxo__report *r, const cxo_row *t, const char *other, int *yes)
{
	*yes = 0;
	const cxo_row *rels = cxo_row_child(t, "relations");
	for (size_t i = 0; i < cxo_row_size(rels) && !*yes; i++)
		*yes = strcmp(cxo_row_text(cxo_row_child_at(rels, i), "topic"), other) == 0;
	if (*yes)
		return CXO_OK;
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *o = cxo__row_new_in(&a, 0);
	const char *key[1] = { other };
	int rc = o ? cxo__report_record(r, CXO_KIND_TOPIC, key, o) : CXO_ENOMEM;
	if (!rc)
		rc = cxo__row_cut_nested(r->db, o, "relations", &r->cut);
	rels = rc ? NULL : cxo_row_child(o, "relations");
	for (size_t i = 0; i < cxo_row_size(rels) && !*yes; i++)
		*yes = strcmp(cxo_row_text(cxo_row_child_at(rels, i), "topic"), cxo_row_text(t, "id")) == 0;
	cxo__arena_fini(&a);
	return rc;
}

/* Topics whose titles or aliases are the same name; and topics discussed once. */
static int topics(lint *l)
{
	cxo__report *r = l->r;
	cxo_cursor *cur;
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = r->as_of; /* relations as they were then */
	int rc = cxo__topic_ops.list(&cur, r->db, &q);
	if (rc)
		return rc;
	cxo__arena names;
	cxo__arena_init(&names);
	cxo_row *seen = cxo__row_new_in(&names, 0); /* normalized name -> topic */
	const cxo_row *t;
	while (seen && (rc = cxo_cursor_next(&t, cur)) == CXO_OK) {
		const char *id = cxo_row_text(t, "id");
		const cxo_row *aliases = cxo_row_child(t, "aliases");
		for (size_t i = 0; i <= cxo_row_size(aliases) && !rc; i++) {
			const char *name = i == 0 ? cxo_row_text(t, "title") : cxo_row_text_at(aliases, i - 1);
			char n[1024];
			normalized(name, n, sizeof n);
			if (!n[0])
				continue;
			const char *other = cxo_row_text(seen, n);
			int rel = 0;
			if (other && strcmp(other, id) != 0 && !(rc = related(r, t, other, &rel)) && !rel)
				rc = finding(l, WARNING, "topic", id, "its name \"%s\" is that of topic \"%s\" once normalized",
				             name, other);
			else if (!other) {
				char *k = cxo__arena_strdup(&names, n);
				rc = k ? cxo__row_add_text(seen, k, id) : CXO_ENOMEM;
			}
		}
		if (rc)
			break;
	}
	cxo_cursor_free(cur);
	cxo__arena_fini(&names);
	if (rc != CXO_DONE)
		return rc ? rc : CXO_ENOMEM;
	/* discussed at one meeting only */
	cxo__history *h;
	if ((rc = cxo__report_history(r, 0, NULL, 0, &h)))
		return rc;
	const cxo_row *rows;
	while ((rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
		int64_t meetings = 0;
		for (size_t i = 0; i < rows->n; i++)
			meetings += cxo_row_text(rows->f[i].v.row, "meeting") != NULL;
		if (meetings == 1 &&
		    (rc = finding(l, INFO, "topic", cxo_row_text(rows->f[0].v.row, "topic"), "discussed at one meeting only")))
			break;
	}
	cxo__history_free(h);
	return rc == CXO_DONE ? CXO_OK : rc;
}

/* Planned meetings (no observations, later than now) whose date has passed. */
static int planned(lint *l)
{
	cxo__report *r = l->r;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(today, sizeof today, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	         tm.tm_mday % 100);
	int rc = CXO_OK;
	for (long i = r->now + 1; i < (long)r->t->n && !rc; i++) {
		char end[16];
		cxo__date_upper(end, r->t->m[i].date);
		if (strcmp(end, today) <= 0)
			rc = finding(l, INFO, "meeting", r->t->m[i].slug,
			             "planned (nothing observed at it), but its date %s has passed", r->t->m[i].date);
	}
	return rc;
}

int cxo__report_lint(cxo__report *r)
{
	lint l = { r, { 0, 0, 0 } };
	cxo__rw *w = &r->w;
	int rc = cxo__report_begin(r, "lint", "Findings about the records");
	cxo__rw_list(w, "findings", "Findings", COLS, 4);
	if (!rc)
		rc = transitions(&l);
	if (!rc)
		rc = partial_dates(&l);
	if (!rc)
		rc = sources(&l);
	if (!rc)
		rc = silent_actions(&l);
	if (!rc)
		rc = topics(&l);
	if (!rc)
		rc = planned(&l);
	if (!rc)
		rc = cxo__rw_list_end(w);
	if (!rc) {
		cxo__rw_object(w, "counts", "In numbers");
		cxo__rw_field(w, "error", "Errors", cxo__v_int(l.count[ERROR]));
		cxo__rw_field(w, "warning", "Warnings", cxo__v_int(l.count[WARNING]));
		cxo__rw_field(w, "info", "Information", cxo__v_int(l.count[INFO]));
		rc = cxo__rw_object_end(w);
	}
	return rc ? rc : cxo__rw_end(w);
}
