/* Points in time: the order of meetings and dated events, the timeline of
 * meetings, and as-of cut-offs.
 *
 * A point's sort key ("pos") is text that sorts in time order: the date, the
 * byte 0x01 (below '-' and the digits, so that "2016" sorts before
 * "2016-03-21" as its first day does), then '0', the ordinal (ten digits, or
 * nothing) and the id for a meeting, or '1' for a dated event, which thus
 * follows the meetings of its date. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cxo__meeting_kinds[] = { "cto", "cxo", "consultation", "workshop", "tsag", "wtsa", "other", NULL };
static const unsigned DEFAULT_TRACKED = 0xF; /* cto, cxo, consultation, workshop */

void cxo__pos_meeting(char out[CXO__POS_MAX], const char *date, int64_t ordinal, const char *slug)
{
	if (ordinal > 0)
		snprintf(out, CXO__POS_MAX, "%s\x01" "0%010lld\x01%s", date, (long long)ordinal, slug);
	else
		snprintf(out, CXO__POS_MAX, "%s\x01" "0\x01%s", date, slug);
}

/* `s` into `out`, cut to fit (stored text may be longer than the library
 * writes). Points are placed three times per observation written: no printf. */
static size_t copy_pos(char out[CXO__POS_MAX], const char *s, size_t room)
{
	size_t n = strlen(s);
	if (n > room)
		n = room;
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

void cxo__pos_event(char out[CXO__POS_MAX], const char *date)
{
	size_t n = copy_pos(out, date, CXO__POS_MAX - 3);
	memcpy(out + n, "\x01" "1", 3);
}

void cxo__pos_point(char out[CXO__POS_MAX], const char *pos)
{
	const char *first = strchr(pos, '\x01');
	if (!first) {
		copy_pos(out, pos, CXO__POS_MAX - 1);
	} else if (first[1] == '0') {
		copy_pos(out, strrchr(pos, '\x01') + 1, CXO__POS_MAX - 1); /* a meeting's id */
	} else {
		size_t n = (size_t)(first - pos); /* an event's date, before the mark */
		copy_pos(out, pos, n < CXO__POS_MAX - 1 ? n : CXO__POS_MAX - 1);
	}
}

int cxo__kind_index(const char *kind)
{
	for (int i = 0; cxo__meeting_kinds[i]; i++)
		if (strcmp(cxo__meeting_kinds[i], kind) == 0)
			return i;
	return -1;
}

int cxo__kinds_parse(const char *kinds, unsigned *mask)
{
	*mask = DEFAULT_TRACKED;
	if (!kinds)
		return CXO_OK;
	unsigned m = 0;
	const char *p = kinds;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int found = -1;
		for (int i = 0; cxo__meeting_kinds[i] && found < 0; i++)
			if (strlen(cxo__meeting_kinds[i]) == len && strncmp(cxo__meeting_kinds[i], p, len) == 0)
				found = i;
		if (found < 0) {
			char word[64], q[96];
			snprintf(word, sizeof word, "%.*s", (int)(len < 60 ? len : 60), p);
			cxo__quote(q, sizeof q, word);
			return cxo__err(CXO_EINVAL,
			                "kinds: %s is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)", q);
		}
		m |= 1u << found;
		if (!comma)
			break;
		p = comma + 1;
	}
	*mask = m;
	return CXO_OK;
}

/* ---- the timeline ---- */

static const cxo__sql S_TIMELINE = {
	"SELECT id, slug, kind, date, pos, coalesce(ordinal, 0) FROM meeting ORDER BY pos"
};

static void timeline_destroy(void *p)
{
	cxo__timeline *t = p;
	cxo__free(t->m);
	cxo__free(t->by_id);
	cxo__free(t->by_slug);
	cxo__arena_fini(&t->arena);
	cxo__free(t);
}

static void sort_by_id(cxo__timeline *t)
{
	/* insertion sort: no global comparator context needed, and meetings are few */
	for (size_t i = 0; i < t->n; i++)
		t->by_id[i] = i;
	for (size_t i = 1; i < t->n; i++) {
		size_t v = t->by_id[i], j = i;
		while (j > 0 && t->m[t->by_id[j - 1]].id > t->m[v].id) {
			t->by_id[j] = t->by_id[j - 1];
			j--;
		}
		t->by_id[j] = v;
	}
	/* and by slug: every observation written or read names its meeting */
	for (size_t i = 0; i < t->n; i++)
		t->by_slug[i] = i;
	for (size_t i = 1; i < t->n; i++) {
		size_t v = t->by_slug[i], j = i;
		while (j > 0 && strcmp(t->m[t->by_slug[j - 1]].slug, t->m[v].slug) > 0) {
			t->by_slug[j] = t->by_slug[j - 1];
			j--;
		}
		t->by_slug[j] = v;
	}
}

int cxo__timeline_get(cxo_db *db, const cxo__timeline **out)
{
	cxo__timeline *t = cxo__cache_get(db, CXO__CACHE_TIMELINE);
	if (t) {
		*out = t;
		return CXO_OK;
	}
	t = cxo__calloc(1, sizeof *t);
	if (!t)
		return CXO_ENOMEM;
	cxo__arena_init(&t->arena);
	sqlite3_stmt *st = cxo__stmt(db, &S_TIMELINE);
	int rc = st ? CXO_OK : cxo_errcode(), src = SQLITE_DONE;
	size_t cap = 0;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		void *grown = cxo__grow(t->m, &cap, t->n + 1, sizeof *t->m);
		if (!grown) {
			rc = CXO_ENOMEM;
			break;
		}
		t->m = grown;
		cxo__tmeeting *m = &t->m[t->n];
		m->id = sqlite3_column_int64(st, 0);
		m->slug = cxo__arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 1));
		m->kind = cxo__arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 2));
		m->date = cxo__arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 3));
		m->pos = cxo__arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 4));
		m->ordinal = sqlite3_column_int64(st, 5);
		if (!m->slug || !m->kind || !m->date || !m->pos)
			rc = CXO_ENOMEM;
		t->n++;
	}
	if (st)
		cxo__stmt_reset(st);
	if (!rc && src != SQLITE_DONE)
		rc = cxo__sqlerr(db, src, "reading the meetings");
	if (!rc && t->n &&
	    (!(t->by_id = cxo__malloc(t->n * sizeof *t->by_id)) || !(t->by_slug = cxo__malloc(t->n * sizeof *t->by_slug))))
		rc = CXO_ENOMEM;
	if (rc) {
		timeline_destroy(t);
		return rc;
	}
	sort_by_id(t);
	if ((rc = cxo__cache_set(db, CXO__CACHE_TIMELINE, t, timeline_destroy)))
		return rc;
	*out = t;
	return CXO_OK;
}

long cxo__timeline_index(const cxo__timeline *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int64_t v = t->m[t->by_id[mid]].id;
		if (v == id)
			return (long)t->by_id[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long cxo__timeline_find(const cxo__timeline *t, const char *slug)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->m[t->by_slug[mid]].slug, slug);
		if (c == 0)
			return (long)t->by_slug[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int cxo__cutoff_resolve(cxo_db *db, const char *as_of, cxo__cutoff *out)
{
	memset(out, 0, sizeof *out);
	if (!as_of)
		return CXO_OK;
	out->set = 1;
	if (cxo__point_is_date(as_of)) {
		if (cxo__date_check(as_of))
			return cxo__err_prefix("as of: ");
		cxo__date_upper(out->limit, as_of);
		out->inclusive = 0;
		return CXO_OK;
	}
	const cxo__timeline *t;
	int rc = cxo__timeline_get(db, &t);
	if (rc)
		return rc;
	long i = cxo__timeline_find(t, as_of);
	if (i < 0) {
		char q[96];
		cxo__quote(q, sizeof q, as_of);
		if (cxo__slug_check(as_of))
			return cxo__err(CXO_EINVAL, "as of: %s is neither a date nor a meeting id", q);
		return cxo__err(CXO_ENOTFOUND, "as of: there is no meeting %s", q);
	}
	snprintf(out->limit, sizeof out->limit, "%s", t->m[i].pos);
	out->inclusive = 1;
	return CXO_OK;
}

int cxo__point_pos(cxo_db *db, const char *point, char pos[CXO__POS_MAX], int64_t *meeting, int *found)
{
	*found = 0;
	*meeting = 0;
	if (cxo__point_is_date(point)) {
		if (cxo__date_precision(point)) {
			cxo__pos_event(pos, point);
			*found = 1;
		}
		return CXO_OK;
	}
	const cxo__timeline *t;
	int rc = cxo__timeline_get(db, &t);
	if (rc)
		return rc;
	long i = cxo__timeline_find(t, point);
	if (i >= 0) {
		copy_pos(pos, t->m[i].pos, CXO__POS_MAX - 1);
		*meeting = t->m[i].id;
		*found = 1;
	}
	return CXO_OK;
}

int cxo__stored_pos(cxo_db *db, int64_t meeting, const char *date, char pos[CXO__POS_MAX])
{
	if (!meeting) {
		cxo__pos_event(pos, date);
		return CXO_OK;
	}
	const cxo__timeline *t;
	int rc = cxo__timeline_get(db, &t);
	if (rc)
		return rc;
	long i = cxo__timeline_index(t, meeting);
	if (i < 0)
		return cxo__err(CXO_ESTORAGE, "a reference to meeting %lld, which does not exist", (long long)meeting);
	copy_pos(pos, t->m[i].pos, CXO__POS_MAX - 1);
	return CXO_OK;
}

int cxo__point_check(cxo_db *db, const char *point, cxo__ctx *ctx, const char *field)
{
	char pos[CXO__POS_MAX];
	int64_t meeting;
	int found, rc = cxo__point_pos(db, point, pos, &meeting, &found);
	if (rc || found)
		return rc;
	char q[96];
	cxo__quote(q, sizeof q, point);
	if (cxo__point_is_date(point))
		return cxo__date_check(point) ? cxo__err_prefix("%s.%s: ", ctx->path, field) : CXO_OK;
	return cxo__err(CXO_ENOTFOUND, "%s.%s: there is no meeting %s", ctx->path, field, q);
}

static const cxo__sql S_HELD = { "SELECT EXISTS (SELECT 1 FROM observation WHERE meeting = ?1)" };

int cxo__timeline_now(cxo_db *db, const cxo__timeline *t, const cxo__cutoff *cut, long *now)
{
	*now = -1;
	for (long i = (long)t->n - 1; i >= 0; i--) {
		if (!cxo__cutoff_admits(cut, t->m[i].pos))
			continue;
		int64_t held;
		int rc = cxo__count(db, &S_HELD, t->m[i].id, &held);
		if (rc)
			return rc;
		if (held) {
			*now = i;
			break;
		}
	}
	return CXO_OK;
}
