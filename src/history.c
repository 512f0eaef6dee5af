#include "history.h"
#include "util/alloc.h"
#include "util/sort.h"
#include "util/text.h"

#include <stdio.h>

const char *cxo__movement(const cxo__lifecycle *lc, long prev, long cur)
{
	if (prev < 0)
		return "new";
	if (prev == cur)
		return "reaffirmed";
	const cxo__status *p = &lc->status[prev], *c = &lc->status[cur];
	if (!c->rank) /* statuses without a rank are terminal ends, like "dropped" */
		return "dropped";
	if (p->terminal)
		return "reopened";
	if (c->rank > p->rank)
		return "advanced";
	if (c->rank < p->rank)
		return "regressed";
	return "reaffirmed"; /* another status of the same rank */
}

/* One observation of the topic being built, its strings copied. */
typedef struct hobs {
	int64_t id, meeting;
	long status;   /* index in the lifecycle */
	size_t member; /* index in the lineage: 0 the topic itself */
	const char *date, *pos, *qualifier, *priority, *note;
	int uncertain, has_sources;
} hobs;

struct cxo__history {
	cxo_db *db;
	cxo__held *tl_hold, *lc_hold; /* the caches stay valid for this history */
	const cxo__timeline *t;
	const cxo__lifecycle *lc;
	cxo__cutoff cut;
	unsigned tracked;
	long now;                 /* timeline index of "now": the latest meeting with observations */
	cxo__arena arena;         /* the current topic's rows */
	hobs *obs;
	size_t nobs, cap;
	/* without lineage: one reader over the observations of every topic (or
	 * of the one asked for), the first observation of the next topic kept */
	cxo__obs_reader *rd;
	int64_t *with_sources;    /* the observations that have sources, in order (every topic's) */
	size_t nwith_sources;
	int no_sources;
	cxo__arena pending_arena;
	cxo__obs pending;
	int has_pending, eof;
	/* with lineage: the topics to visit, and the current one's lineage */
	int lineage;
	int64_t *topics;
	size_t ntopics, next_topic;
	cxo__lineage lin;
	const char **member_slug;   /* in `arena` */
	unsigned char *in_set;      /* lin.n x lin.n: [i * n + j] if j is i or a predecessor of i */
};

static const cxo__sql S_ALL_TOPICS = { "SELECT id FROM topic ORDER BY slug" };
static const cxo__sql S_TOPIC_SLUG = { "SELECT slug FROM topic WHERE id = ?1" };

int cxo__history_open(cxo__history **out, cxo_db *db, const cxo__history_opts *opts)
{
	*out = NULL;
	cxo__history *h = cxo__calloc(1, sizeof *h);
	if (!h)
		return CXO_ENOMEM;
	h->db = db;
	h->lineage = opts->lineage;
	h->no_sources = opts->no_sources;
	cxo__arena_init(&h->arena);
	cxo__arena_init(&h->pending_arena);
	int rc = cxo__kinds_parse(opts->kinds, &h->tracked);
	if (!rc)
		rc = cxo__cutoff_resolve(db, opts->as_of, &h->cut);
	if (!rc)
		rc = cxo__timeline_get(db, &h->t);
	if (!rc)
		h->tl_hold = cxo__cache_hold(db, CXO__CACHE_TIMELINE);
	if (!rc)
		rc = cxo__lifecycle_get(db, opts->lifecycle ? opts->lifecycle : "cto", &h->lc);
	if (!rc)
		h->lc_hold = cxo__cache_hold(db, CXO__CACHE_LIFECYCLES);
	if (!rc)
		rc = cxo__timeline_now(db, h->t, &h->cut, &h->now);
	if (!rc && !h->lineage)
		rc = cxo__obs_reader_open(&h->rd, db, opts->topic, h->lc->id);
	if (!rc && !h->lineage && !opts->topic && !h->no_sources)
		rc = cxo__obs_with_sources(db, &h->with_sources, &h->nwith_sources);
	if (!rc && h->lineage && opts->topic) {
		if (!(h->topics = cxo__malloc(sizeof *h->topics)))
			rc = CXO_ENOMEM;
		else
			h->topics[h->ntopics++] = opts->topic;
	} else if (!rc && h->lineage) {
		rc = cxo__query_ids(db, &S_ALL_TOPICS, 0, &h->topics, &h->ntopics);
	}
	if (rc) {
		cxo__history_free(h);
		return rc;
	}
	*out = h;
	return CXO_OK;
}

void cxo__history_free(cxo__history *h)
{
	if (!h)
		return;
	cxo__obs_reader_free(h->rd);
	cxo__cache_release(h->tl_hold);
	cxo__cache_release(h->lc_hold);
	cxo__arena_fini(&h->arena);
	cxo__arena_fini(&h->pending_arena);
	cxo__free(h->obs);
	cxo__free(h->with_sources);
	cxo__free(h->topics);
	cxo__free(h->lin.t);
	cxo__free(h->in_set);
	cxo__free(h);
}

static char *copy_in(cxo__arena *a, const char *s, int *rc)
{
	if (!s)
		return NULL;
	char *c = cxo__arena_strdup(a, s);
	if (!c)
		*rc = CXO_ENOMEM;
	return c;
}

static int keep(cxo__history *h, const cxo__obs *o, size_t member)
{
	if (!cxo__cutoff_admits(&h->cut, o->pos))
		return CXO_OK;
	hobs *grown = cxo__grow(h->obs, &h->cap, h->nobs + 1, sizeof *h->obs);
	if (!grown)
		return CXO_ENOMEM;
	h->obs = grown;
	int rc = CXO_OK;
	hobs *d = &h->obs[h->nobs++];
	d->id = o->id;
	d->meeting = o->meeting;
	d->member = member;
	d->status = cxo__status_index(h->lc, o->status);
	d->date = copy_in(&h->arena, o->date, &rc);
	d->pos = copy_in(&h->arena, o->pos, &rc);
	d->qualifier = copy_in(&h->arena, o->qualifier, &rc);
	d->priority = copy_in(&h->arena, o->priority, &rc);
	d->note = copy_in(&h->arena, o->note, &rc);
	d->uncertain = o->uncertain;
	d->has_sources = o->has_sources;
	if (d->has_sources < 0) {
		/* the reader of every topic's leaves it to the list read at open */
		size_t lo = 0, hi = h->nwith_sources;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (h->with_sources[mid] < o->id)
				lo = mid + 1;
			else
				hi = mid;
		}
		d->has_sources = lo < h->nwith_sources && h->with_sources[lo] == o->id;
	}
	if (d->status < 0)
		return cxo__err(CXO_ESTORAGE, "observation %lld has a status outside its lifecycle", (long long)o->id);
	return rc;
}

/* A lineage of one: the topic whose slug `slug` is. */
static int lineage_of_one(cxo__history *h, int64_t topic, const char *slug)
{
	cxo__free(h->lin.t);
	cxo__free(h->in_set);
	h->in_set = NULL;
	h->lin.n = 0;
	size_t cap = 0;
	if (!(h->lin.t = cxo__grow(NULL, &cap, 1, sizeof *h->lin.t)) || !(h->in_set = cxo__malloc(1)) ||
	    !(h->member_slug = cxo__arena_alloc(&h->arena, sizeof *h->member_slug)))
		return CXO_ENOMEM;
	h->lin.t[0].id = topic;
	h->lin.t[0].generation = 0;
	h->lin.t[0].parent = -1;
	h->lin.n = 1;
	h->in_set[0] = 1;
	int rc = CXO_OK;
	h->member_slug[0] = copy_in(&h->arena, slug, &rc);
	return rc;
}

/* Read the observations of the next topic (streaming, without lineage) into
 * h->obs. CXO_DONE at the end. */
static int read_streamed(cxo__history *h)
{
	for (;;) {
		h->nobs = 0;
		cxo__arena_reset(&h->arena);
		cxo__obs o;
		int rc;
		if (h->has_pending) {
			o = h->pending;
			h->has_pending = 0;
		} else if (h->eof) {
			return CXO_DONE;
		} else if ((rc = cxo__obs_reader_next(h->rd, &o)) == CXO_DONE) {
			h->eof = 1;
			return CXO_DONE;
		} else if (rc) {
			return rc;
		}
		int64_t topic = o.topic;
		if ((rc = lineage_of_one(h, topic, o.topic_slug)) || (rc = keep(h, &o, 0)))
			return rc;
		/* the rest of this topic */
		while ((rc = cxo__obs_reader_next(h->rd, &o)) == CXO_OK) {
			if (o.topic != topic) {
				/* strings of `o` live in the reader until its next step: copy */
				int crc = CXO_OK;
				cxo__arena *a = &h->pending_arena;
				cxo__arena_reset(a);
				h->pending = o;
				h->pending.topic_slug = copy_in(a, o.topic_slug, &crc);
				h->pending.date = copy_in(a, o.date, &crc);
				h->pending.pos = copy_in(a, o.pos, &crc);
				h->pending.qualifier = copy_in(a, o.qualifier, &crc);
				h->pending.priority = copy_in(a, o.priority, &crc);
				h->pending.note = copy_in(a, o.note, &crc);
				if (crc)
					return crc;
				h->has_pending = 1;
				break;
			}
			if ((rc = keep(h, &o, 0)))
				return rc;
		}
		if (rc == CXO_DONE)
			h->eof = 1;
		else if (rc)
			return rc;
		if (h->nobs)
			return CXO_OK;
		/* every observation of that topic is after the cut-off: next topic */
	}
}

/* Stitched order: time, then the oldest topic first, then by id. */
static int stitched(const void *a, const void *b, void *ctx)
{
	const cxo__history *sort_h = ctx;
	const hobs *x = a, *y = b;
	int c = strcmp(x->pos, y->pos);
	if (c)
		return c;
	int gx = sort_h->lin.t[x->member].generation, gy = sort_h->lin.t[y->member].generation;
	if (gx != gy)
		return gy - gx;
	return strcmp(sort_h->member_slug[x->member], sort_h->member_slug[y->member]);
}

/* Read the next topic with its predecessors' observations (lineage). */
static int read_lineage(cxo__history *h)
{
	while (h->next_topic < h->ntopics) {
		int64_t topic = h->topics[h->next_topic++];
		h->nobs = 0;
		cxo__arena_reset(&h->arena);
		cxo__free(h->lin.t);
		cxo__free(h->in_set);
		h->in_set = NULL;
		int rc = cxo__predecessors(h->db, topic, &h->cut, &h->lin);
		if (rc)
			return rc;
		size_t n = h->lin.n;
		h->member_slug = cxo__arena_alloc(&h->arena, n * sizeof *h->member_slug);
		h->in_set = cxo__calloc(n * n, 1);
		if (!h->member_slug || !h->in_set)
			return CXO_ENOMEM;
		for (size_t j = 0; j < n; j++) {
			/* j is in the set of every topic on its way up to the root */
			for (long i = (long)j; i >= 0; i = h->lin.t[i].parent)
				h->in_set[(size_t)i * n + j] = 1;
			sqlite3_stmt *st;
			if ((rc = cxo__query_row(h->db, &S_TOPIC_SLUG, h->lin.t[j].id, "topic", &st)))
				return rc;
			h->member_slug[j] = copy_in(&h->arena, (const char *)sqlite3_column_text(st, 0), &rc);
			cxo__stmt_reset(st);
			if (rc)
				return rc;
			cxo__obs_reader *rd;
			if ((rc = cxo__obs_reader_open(&rd, h->db, h->lin.t[j].id, h->lc->id)))
				return rc;
			cxo__obs o;
			while ((rc = cxo__obs_reader_next(rd, &o)) == CXO_OK)
				if ((rc = keep(h, &o, j)))
					break;
			cxo__obs_reader_free(rd);
			if (rc != CXO_DONE)
				return rc;
		}
		if (!h->nobs)
			continue;
		return cxo__sort(h->obs, h->nobs, sizeof *h->obs, stitched, h);
	}
	return CXO_DONE;
}

/* The first timeline index whose pos sorts after `pos`. */
static size_t first_after(const cxo__timeline *t, const char *pos)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(t->m[mid].pos, pos) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int add_gaps(cxo__history *h, cxo_row *row, const char *from, const char *to)
{
	cxo_row *gaps = cxo__row_add_list(row, "gaps");
	if (!gaps)
		return CXO_ENOMEM;
	if (!from)
		return CXO_OK;
	for (size_t i = first_after(h->t, from); i < h->t->n && (long)i <= h->now; i++) {
		const cxo__tmeeting *m = &h->t->m[i];
		if (strcmp(m->pos, to) >= 0)
			break;
		int k = cxo__kind_index(m->kind);
		if (k >= 0 && (h->tracked & (1u << k)) && cxo__cutoff_admits(&h->cut, m->pos)) {
			int rc = cxo__row_add_text(gaps, NULL, m->slug);
			if (rc)
				return rc;
		}
	}
	return CXO_OK;
}

/* The latest row before row `i`, at an earlier point, of its topic or of that
 * topic's predecessors; -1 if none. */
static long previous(const cxo__history *h, size_t i)
{
	const hobs *o = &h->obs[i];
	size_t n = h->lin.n;
	for (long j = (long)i - 1; j >= 0; j--) {
		const hobs *p = &h->obs[j];
		if (h->in_set[o->member * n + p->member] && strcmp(p->pos, o->pos) < 0)
			return j;
	}
	return -1;
}

static int build_rows(cxo__history *h, cxo_row **out)
{
	cxo_row *list = cxo__row_new_in(&h->arena, 1);
	if (!list)
		return CXO_ENOMEM;
	int rc = CXO_OK;
	for (size_t i = 0; i < h->nobs && !rc; i++) {
		const hobs *o = &h->obs[i];
		long pi = previous(h, i);
		long prev = pi >= 0 ? h->obs[pi].status : -1;
		const char *prev_pos = pi >= 0 ? h->obs[pi].pos : NULL;
		const cxo__status *s = &h->lc->status[o->status];
		const cxo__tmeeting *m = NULL;
		if (o->meeting) {
			long mi = cxo__timeline_index(h->t, o->meeting);
			if (mi < 0)
				return cxo__err(CXO_ESTORAGE, "observation %lld refers to a missing meeting", (long long)o->id);
			m = &h->t->m[mi];
		}
		cxo_row *r = cxo__row_add_row(list, NULL);
		if (!r)
			return CXO_ENOMEM;
		rc = cxo__row_add_text(r, "topic", h->member_slug[o->member]);
		if (!rc) rc = cxo__row_add_text(r, "lifecycle", h->lc->slug);
		if (!rc) rc = cxo__row_add_text(r, "point", m ? m->slug : o->date);
		if (!rc) rc = cxo__row_add_text(r, "meeting", m ? m->slug : NULL);
		if (!rc) rc = cxo__row_add_text(r, "date", m ? m->date : o->date);
		if (!rc) rc = cxo__row_add_text(r, "kind", m ? m->kind : NULL);
		if (!rc) rc = cxo__row_add_text(r, "status", s->slug);
		if (!rc) rc = s->rank ? cxo__row_add_int(r, "rank", s->rank) : cxo__row_add_null(r, "rank");
		if (!rc) rc = cxo__row_add_bool(r, "terminal", s->terminal);
		if (!rc) rc = cxo__row_add_text(r, "movement", cxo__movement(h->lc, prev, o->status));
		if (!rc) rc = cxo__row_add_bool(r, "allowed", cxo__transition_allowed(h->lc, prev, o->status));
		if (!rc) rc = add_gaps(h, r, prev_pos, o->pos);
		if (!rc) rc = cxo__row_add_text(r, "qualifier", o->qualifier);
		if (!rc) rc = cxo__row_add_text(r, "priority", o->priority);
		if (!rc) rc = cxo__row_add_text(r, "note", o->note);
		if (!rc) rc = cxo__row_add_bool(r, "uncertain", o->uncertain);
		if (!rc) {
			size_t before = r->n;
			if (o->has_sources && !h->no_sources)
				rc = cxo__sources_load(h->db, CXO__SRC_OBSERVATION, o->id, r);
			if (!rc && r->n == before && !cxo__row_add_list(r, "sources"))
				rc = CXO_ENOMEM;
		}
		if (!rc) rc = cxo__row_add_bool(r, "inherited", o->member != 0);
	}
	*out = list;
	return rc;
}

int cxo__history_next_topic(cxo__history *h, const cxo_row **rows)
{
	*rows = NULL;
	int rc = h->lineage ? read_lineage(h) : read_streamed(h);
	if (rc)
		return rc;
	cxo_row *list = NULL; /* -O3 cannot see that build_rows sets it on success */
	if ((rc = build_rows(h, &list)))
		return rc;
	*rows = list;
	return CXO_OK;
}

/* ---- the public cursor ---- */

typedef struct hist_cursor {
	cxo__history *h;
	const cxo_row *rows;
	size_t next;
} hist_cursor;

static int hist_next(cxo_cursor *cur)
{
	hist_cursor *s = cur->state;
	while (!s->rows || s->next >= s->rows->n) {
		int rc = cxo__history_next_topic(s->h, &s->rows);
		if (rc)
			return rc;
		s->next = 0;
	}
	cur->row = s->rows->f[s->next++].v.row;
	return CXO_OK;
}

static void hist_destroy(cxo_cursor *cur)
{
	hist_cursor *s = cur->state;
	cxo__history_free(s->h);
	cxo__free(s);
}

static const cxo__cursor_ops HIST_OPS = { hist_next, hist_destroy };

CXO_API int cxo_topic_history(cxo_cursor **out, cxo_db *db, const char *topic, const cxo_query *q)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_topic_history: out is NULL");
	*out = NULL;
	int rc = cxo__db_usable(db, "cxo_topic_history");
	if (rc || (rc = cxo__query_arg(q, &q, "cxo_topic_history")) || (rc = cxo__db_refresh(db)))
		return rc;
	if (q->flags & ~(uint32_t)CXO_QUERY_LINEAGE)
		return cxo__err(CXO_EINVAL, "cxo_topic_history: flags 0x%X are not for a history", q->flags);
	cxo__history_opts opts = { 0, q->lifecycle, q->as_of, q->kinds, (q->flags & CXO_QUERY_LINEAGE) != 0, 0 };
	if (topic) {
		if ((rc = cxo__topic_id(db, topic, &opts.topic)))
			return rc;
		if (!opts.topic) {
			char qt[96];
			cxo__quote(qt, sizeof qt, topic);
			return cxo__err(CXO_ENOTFOUND, "there is no topic %s", qt);
		}
	}
	hist_cursor *s = cxo__calloc(1, sizeof *s);
	if (!s)
		return CXO_ENOMEM;
	if ((rc = cxo__history_open(&s->h, db, &opts))) {
		cxo__free(s);
		return rc;
	}
	rc = cxo__cursor_new(out, db, &HIST_OPS, s);
	if (rc) {
		cxo__history_free(s->h);
		cxo__free(s);
	}
	return rc;
}
