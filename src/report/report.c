/* The report entry point: options, the state every report shares, dispatch. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

typedef struct report_def {
	const char *name;
	int (*run)(cxo__report *r);
	int tabular; /* CSV allowed */
} report_def;

static const report_def REPORTS[] = {
	{ NULL, NULL, 0 },
	{ "tsag", cxo__report_tsag, 0 },
	{ "followup", cxo__report_followup, 1 },
	{ "period", cxo__report_period, 0 },
	{ "matrix", cxo__report_matrix, 1 },
	{ "diff", cxo__report_diff, 1 },
	{ "agenda", cxo__report_agenda, 0 },
	{ "participation", cxo__report_participation, 1 },
	{ "analysis", cxo__report_analysis, 0 },
	{ "lint", cxo__report_lint, 0 },
};
enum { NREPORTS = sizeof REPORTS / sizeof REPORTS[0] };

static const char *const FORMATS[] = { NULL, "json", "md", "csv", "html" };

CXO_API const char *cxo_report_name(int kind)
{
	return kind > 0 && kind < NREPORTS ? REPORTS[kind].name : NULL;
}

CXO_API int cxo_report_from_name(const char *name)
{
	for (int i = 1; name && i < NREPORTS; i++)
		if (strcmp(REPORTS[i].name, name) == 0)
			return i;
	return 0;
}

CXO_API const char *cxo_format_name(int format)
{
	return format > 0 && format <= CXO_FORMAT_HTML ? FORMATS[format] : NULL;
}

CXO_API int cxo_format_from_name(const char *name)
{
	if (name && strcmp(name, "markdown") == 0)
		return CXO_FORMAT_MARKDOWN;
	for (int i = 1; name && i <= CXO_FORMAT_HTML; i++)
		if (strcmp(FORMATS[i], name) == 0)
			return i;
	return 0;
}

CXO_API int cxo_report_options_init(cxo_report_options *opts, unsigned int version)
{
	if (!opts)
		return cxo__err(CXO_EMISUSE, "cxo_report_options_init: opts is NULL");
	if (version != CXO_REPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "cxo_report_options_init: version %u is not supported (this library has %d)",
		                version, CXO_REPORT_OPTIONS_VERSION);
	cxo_report_options init = CXO_REPORT_OPTIONS_INIT;
	*opts = init;
	return CXO_OK;
}

/* ---- shared helpers ---- */

int cxo__report_tracked(const cxo__report *r, long i)
{
	int k = cxo__kind_index(r->t->m[i].kind);
	return k >= 0 && (r->tracked & (1u << k));
}

long cxo__report_axis_of(const cxo__report *r, long i)
{
	for (size_t a = 0; a < r->naxis; a++)
		if (r->axis[a] == i)
			return (long)a;
	return -1;
}

int cxo__report_history(cxo__report *r, int64_t topic, const char *as_of, int lineage, cxo__history **out)
{
	cxo__history_opts o = { topic, r->lc->slug, as_of ? as_of : r->as_of, r->o->kinds, lineage, 0 };
	return cxo__history_open(out, r->db, &o);
}

int cxo__report_timeline_begin(cxo__report *r)
{
	if (!cxo__rw_draws_timeline(&r->w))
		return CXO_OK;
	cxo__tl_meeting *m = cxo__arena_alloc(&r->arena, (r->naxis ? r->naxis : 1) * sizeof *m);
	cxo__tl_status *s = cxo__arena_alloc(&r->arena, (r->lc->nstatus ? r->lc->nstatus : 1) * sizeof *s);
	if (!m || !s)
		return CXO_ENOMEM;
	for (size_t a = 0; a < r->naxis; a++) {
		const cxo__tmeeting *t = &r->t->m[r->axis[a]];
		m[a].id = t->slug;
		m[a].date = t->date;
		m[a].kind = t->kind;
	}
	for (size_t i = 0; i < r->lc->nstatus; i++) {
		s[i].id = r->lc->status[i].slug;
		s[i].rank = r->lc->status[i].rank;
		s[i].terminal = r->lc->status[i].terminal;
	}
	return cxo__rw_timeline(&r->w, m, r->naxis, s, r->lc->nstatus);
}

int cxo__report_begin(cxo__report *r, const char *name, const char *title)
{
	int rc = cxo__rw_begin(&r->w, name, title);
	return rc ? rc : cxo__rw_field(&r->w, "as_of", "As of", cxo__v_text(r->as_of));
}

int cxo__report_lane(cxo__report *r, const char *topic, const cxo_row *rows)
{
	if (!cxo__rw_draws_timeline(&r->w))
		return CXO_OK;
	/* the lane is labelled with the topic's title */
	cxo__arena ar;
	cxo__arena_init(&ar);
	cxo_row *rec = cxo__row_new_in(&ar, 0);
	const char *key[1] = { topic };
	int trc = rec ? cxo__report_record(r, CXO_KIND_TOPIC, key, rec) : CXO_ENOMEM;
	if (trc) {
		cxo__arena_fini(&ar);
		return trc;
	}
	const char *title = cxo_row_text(rec, "title");
	int *cells = cxo__calloc(r->naxis ? r->naxis : 1, sizeof *cells);
	cxo__tl_event *ev = cxo__calloc(rows->n ? rows->n : 1, sizeof *ev);
	int rc = cells && ev ? CXO_OK : CXO_ENOMEM;
	size_t nev = 0;
	for (size_t i = 0; i < rows->n && !rc; i++) {
		const cxo_row *row = rows->f[i].v.row;
		int status = (int)cxo__status_find(r->lc, cxo_row_text(row, "status")) + 1;
		const char *meeting = cxo_row_text(row, "meeting");
		if (meeting) {
			long a = cxo__report_axis_of(r, cxo__timeline_find(r->t, meeting));
			if (a >= 0)
				cells[a] = status;
		} else {
			/* an event goes after the last axis meeting that precedes it */
			char pos[CXO__POS_MAX];
			cxo__pos_event(pos, cxo_row_text(row, "date"));
			size_t after = 0;
			while (after < r->naxis && strcmp(r->t->m[r->axis[after]].pos, pos) < 0)
				after++;
			ev[nev].after = after;
			ev[nev].status = status;
			ev[nev].date = cxo_row_text(row, "date");
			ev[nev++].label = cxo_row_text(row, "note");
		}
		const cxo_row *gaps = cxo_row_child(row, "gaps");
		for (size_t g = 0; g < cxo_row_size(gaps); g++) {
			long a = cxo__report_axis_of(r, cxo__timeline_find(r->t, cxo_row_text_at(gaps, g)));
			if (a >= 0 && !cells[a])
				cells[a] = CXO__CELL_GAP;
		}
	}
	if (!rc)
		rc = cxo__rw_lane(&r->w, topic, title, cells, ev, nev);
	cxo__free(cells);
	cxo__free(ev);
	cxo__arena_fini(&ar);
	return rc;
}

void cxo__report_row_pos(const cxo__report *r, const cxo_row *row, char pos[CXO__POS_MAX])
{
	const char *m = cxo_row_text(row, "meeting");
	long i = m ? cxo__timeline_find(r->t, m) : -1;
	if (i >= 0)
		snprintf(pos, CXO__POS_MAX, "%s", r->t->m[i].pos);
	else
		cxo__pos_event(pos, cxo_row_text(row, "date"));
}

int64_t cxo__report_since_advance(const cxo__report *r, const cxo_row *rows)
{
	const cxo_row *last = NULL;
	for (size_t i = 0; i < rows->n; i++) {
		const char *mv = cxo_row_text(rows->f[i].v.row, "movement");
		/* reopening a topic starts its count again, as raising it did */
		if (strcmp(mv, "new") == 0 || strcmp(mv, "advanced") == 0 || strcmp(mv, "reopened") == 0)
			last = rows->f[i].v.row;
	}
	if (!last)
		return 0;
	char pos[CXO__POS_MAX];
	cxo__report_row_pos(r, last, pos);
	int64_t n = 0;
	for (size_t a = 0; a < r->naxis; a++)
		n += strcmp(r->t->m[r->axis[a]].pos, pos) > 0;
	return n;
}

int64_t cxo__report_delivered_rank(const cxo__report *r)
{
	long d = cxo__status_find(r->lc, "delivered");
	if (d >= 0 && r->lc->status[d].rank)
		return r->lc->status[d].rank;
	int64_t max = 0;
	for (size_t i = 0; i < r->lc->nstatus; i++)
		if (r->lc->status[i].rank > max)
			max = r->lc->status[i].rank;
	return max;
}

int cxo__report_stalled(const cxo__report *r, const cxo_row *rows)
{
	if (!rows->n)
		return 0;
	const cxo_row *latest = rows->f[rows->n - 1].v.row;
	if (cxo_row_int(latest, "terminal") || cxo_row_type(latest, "rank") != CXO_TYPE_INT ||
	    cxo_row_int(latest, "rank") >= cxo__report_delivered_rank(r))
		return 0;
	return cxo__report_since_advance(r, rows) >= r->stall;
}

int cxo__report_record(cxo__report *r, cxo_kind kind, const char *const *key, cxo_row *out)
{
	const cxo__kind_ops *k = cxo__kind(kind);
	int64_t rowid;
	int rc = k->find(r->db, key, &rowid);
	if (!rc && !rowid) {
		char q[96];
		cxo__quote(q, sizeof q, key[0]);
		return cxo__err(CXO_ENOTFOUND, "there is no %s %s", k->name, q);
	}
	return rc ? rc : cxo__record_load(r->db, k, rowid, out);
}

void cxo__report_meeting_title(const cxo_row *m, cxo__buf *b)
{
	const char *kind = cxo_row_text(m, "kind"), *city = cxo_row_text(m, "city");
	static const struct { const char *kind, *label; } LABELS[] = {
		{ "cto", "CTO meeting" }, { "cxo", "CxO meeting" }, { "consultation", "CTO consultation" },
		{ "workshop", "workshop" }, { "tsag", "TSAG meeting" }, { "wtsa", "WTSA" }, { "other", "meeting" },
	};
	const char *label = "meeting";
	for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++)
		if (kind && strcmp(kind, LABELS[i].kind) == 0)
			label = LABELS[i].label;
	cxo__buf_adds(b, label);
	if (city)
		cxo__buf_addf(b, ", %s", city);
	cxo__buf_addf(b, ", %s", cxo_row_text(m, "date"));
}

int cxo__report_sources(const cxo_row *row, cxo__buf *b)
{
	const cxo_row *sources = cxo_row_child(row, "sources");
	for (size_t i = 0; i < cxo_row_size(sources); i++) {
		const cxo_row *s = cxo_row_child_at(sources, i);
		const char *ref = cxo_row_text(s, "ref"), *url = cxo_row_text(s, "url");
		if (i)
			cxo__buf_adds(b, "; ");
		if (ref)
			cxo__buf_adds(b, ref);
		if (ref && url)
			cxo__buf_adds(b, " ");
		if (url)
			cxo__buf_addf(b, "<%s>", url);
	}
	return cxo__buf_status(b);
}

/* ---- the entry point ---- */

static int setup(cxo__report *r)
{
	const cxo_report_options *o = r->o;
	int rc = cxo__kinds_parse(o->kinds, &r->tracked);
	if (!rc)
		rc = cxo__timeline_get(r->db, &r->t);
	if (!rc)
		r->t_hold = cxo__cache_hold(r->db, CXO__CACHE_TIMELINE);
	if (!rc)
		rc = cxo__lifecycle_get(r->db, o->lifecycle ? o->lifecycle : "cto", &r->lc);
	if (!rc)
		r->lc_hold = cxo__cache_hold(r->db, CXO__CACHE_LIFECYCLES);
	/* the as-of point: given, else the report's meeting (tsag, agenda), else now */
	r->as_of = o->as_of;
	if (!r->as_of && (o->kind == CXO_REPORT_TSAG || o->kind == CXO_REPORT_AGENDA))
		r->as_of = o->meeting;
	if (!r->as_of && (o->kind == CXO_REPORT_PERIOD || o->kind == CXO_REPORT_DIFF))
		r->as_of = o->to;
	const char *const points[3] = { o->meeting, o->from, o->to };
	static const char *const names[3] = { "meeting", "from", "to" };
	for (int i = 0; i < 3 && !rc; i++) {
		if (!points[i] || (i && cxo__point_is_date(points[i])))
			continue;
		if (cxo__timeline_find(r->t, points[i]) < 0) {
			char q[96];
			cxo__quote(q, sizeof q, points[i]);
			rc = cxo__err(CXO_ENOTFOUND, "report: %s: there is no meeting %s", names[i], q);
		}
	}
	for (int i = 1; i < 3 && !rc; i++)
		if (points[i] && cxo__point_is_date(points[i]) && cxo__date_check(points[i]))
			rc = cxo__err_prefix("report: %s: ", names[i]);
	if (!rc)
		rc = cxo__cutoff_resolve(r->db, r->as_of, &r->cut);
	if (!rc)
		rc = cxo__timeline_now(r->db, r->t, &r->cut, &r->now);
	/* no point given: as of now, the latest meeting with observations, and
	 * nothing dated after it counts (DESIGN.md, "now") */
	if (!rc && !r->as_of && r->now >= 0) {
		r->as_of = r->t->m[r->now].slug;
		rc = cxo__cutoff_resolve(r->db, r->as_of, &r->cut);
	}
	if (!rc && r->t->n && !(r->axis = cxo__arena_alloc(&r->arena, r->t->n * sizeof *r->axis)))
		rc = CXO_ENOMEM;
	for (long i = 0; !rc && i <= r->now; i++)
		if (cxo__report_tracked(r, i) && cxo__cutoff_admits(&r->cut, r->t->m[i].pos))
			r->axis[r->naxis++] = i;
	return rc;
}

CXO_API int cxo_report(cxo_db *db, const cxo_report_options *opts, cxo_write_fn write, void *ctx)
{
	int rc = cxo__db_usable(db, "cxo_report");
	if (rc)
		return rc;
	if (!opts)
		return cxo__err(CXO_EMISUSE, "cxo_report: opts is NULL");
	if (!write)
		return cxo__err(CXO_EMISUSE, "cxo_report: write is NULL");
	if (opts->version != CXO_REPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "report: cxo_report_options version %u is not supported (this library has %d)",
		                opts->version, CXO_REPORT_OPTIONS_VERSION);
	if (opts->kind <= 0 || opts->kind >= NREPORTS)
		return cxo__err(CXO_EINVAL, "report: %d is not a report", opts->kind);
	if (!cxo_format_name(opts->format))
		return cxo__err(CXO_EINVAL, "report: %d is not a format", opts->format);
	if (opts->format == CXO_FORMAT_CSV && !REPORTS[opts->kind].tabular)
		return cxo__err(CXO_EINVAL, "report %s: no CSV form (CSV is for matrix, diff, followup, participation)",
		                REPORTS[opts->kind].name);
	if (opts->stall < 0)
		return cxo__err(CXO_EINVAL, "report: stall: %d is negative", opts->stall);
	if (opts->flags)
		return cxo__err(CXO_EINVAL, "report: unknown flags 0x%X", opts->flags);

	cxo__report r;
	memset(&r, 0, sizeof r);
	r.db = db;
	r.o = opts;
	r.stall = opts->stall ? opts->stall : 3;
	cxo__arena_init(&r.arena);
	if ((rc = cxo__rw_init(&r.w, opts->format, write, ctx)) == CXO_OK && !(rc = cxo__db_refresh(db)) &&
	    !(rc = cxo__read_begin(db))) {
		/* one read transaction: the report is one consistent state */
		rc = setup(&r);
		if (!rc)
			rc = REPORTS[opts->kind].run(&r);
		if (!rc)
			rc = cxo__rw_finish(&r.w);
		rc = cxo__read_end(db, rc);
	}
	cxo__cache_release(r.t_hold);
	cxo__cache_release(r.lc_hold);
	cxo__rw_fini(&r.w);
	cxo__arena_fini(&r.arena);
	if (!rc && r.errors)
		return cxo__err(CXO_WARNED, "lint: %lld finding%s of severity error", (long long)r.errors,
		                r.errors == 1 ? "" : "s");
	return rc;
}
