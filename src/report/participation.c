/* participation: who takes part (Resolution 68, resolves 2, 4, 6): per
 * meeting, its organizations by ITU region, the shares from developing
 * countries and of SMEs, and retention (the share of its organizations that
 * came to the previous tracked meeting with attendance recorded). */
#include "report.h"
#include "../util/alloc.h"

#include <stdio.h>
#include <string.h>

static const char *const REGIONS[] = { "africa", "americas", "arab-states", "asia-pacific", "cis", "europe" };
enum { NREGIONS = 6 };

static const cxo__col COLS[] = {
	{ "meeting", "Meeting" },       { "kind", "Kind" },          { "date", "Date" },
	{ "participants", "Participants" }, { "organizations", "Organizations" },
	{ "africa", "Africa" },         { "americas", "Americas" },  { "arab_states", "Arab States" },
	{ "asia_pacific", "Asia-Pacific" }, { "cis", "CIS" },        { "europe", "Europe" },
	{ "region_unknown", "Region unknown" }, { "developing_share", "From developing countries" },
	{ "sme_share", "SMEs" },        { "retention", "Came to the previous meeting too" },
};
enum { NCOLS = sizeof COLS / sizeof COLS[0] };

typedef struct orgset {
	char **id;
	size_t n, cap;
} orgset;

static int orgset_add(orgset *s, const char *id)
{
	char **grown = cxo__grow(s->id, &s->cap, s->n + 1, sizeof *s->id);
	if (!grown)
		return CXO_ENOMEM;
	s->id = grown;
	if (!(s->id[s->n] = cxo__strdup(id)))
		return CXO_ENOMEM;
	s->n++;
	return CXO_OK;
}

static int orgset_has(const orgset *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->id[i], id) == 0)
			return 1;
	return 0;
}

static void orgset_clear(orgset *s)
{
	for (size_t i = 0; i < s->n; i++)
		cxo__free(s->id[i]);
	s->n = 0;
}

int cxo__report_participation(cxo__report *r)
{
	cxo__rw *w = &r->w;
	int rc = cxo__report_begin(r, "participation", "Who takes part");
	cxo__rw_list(w, "meetings", "Participation by meeting", COLS, NCOLS);
	orgset prev = { NULL, 0, 0 }, cur = { NULL, 0, 0 };
	int have_prev = 0;
	for (size_t a = 0; a < r->naxis && !rc; a++) {
		const cxo__tmeeting *m = &r->t->m[r->axis[a]];
		/* the meeting's record lives in one arena, each organization's in
		 * another, reused */
		cxo__arena mar, oar;
		cxo__arena_init(&mar);
		cxo__arena_init(&oar);
		cxo_row *rec = cxo__row_new_in(&mar, 0);
		const char *key[1] = { m->slug };
		rc = rec ? cxo__report_record(r, CXO_KIND_MEETING, key, rec) : CXO_ENOMEM;
		const cxo_row *att = cxo_row_child(rec, "attendance");
		int64_t regions[NREGIONS + 1] = { 0 }, developing = 0, sme = 0, retained = 0, n = (int64_t)cxo_row_size(att);
		orgset_clear(&cur);
		for (size_t i = 0; i < cxo_row_size(att) && !rc; i++) {
			const char *oid = cxo_row_text(cxo_row_child_at(att, i), "organization");
			const char *okey[1] = { oid };
			cxo__arena_reset(&oar);
			cxo_row *org = cxo__row_new_in(&oar, 0);
			rc = org ? cxo__report_record(r, CXO_KIND_ORGANIZATION, okey, org) : CXO_ENOMEM;
			if (rc)
				break;
			const char *region = cxo_row_text(org, "region");
			int k = NREGIONS;
			for (int j = 0; j < NREGIONS && region; j++)
				if (strcmp(region, REGIONS[j]) == 0)
					k = j;
			regions[k]++;
			developing += cxo_row_int(org, "developing") != 0;
			sme += cxo_row_int(org, "sme") != 0;
			retained += have_prev && orgset_has(&prev, oid);
			rc = orgset_add(&cur, oid);
		}
		cxo__val v[NCOLS] = {
			cxo__v_text(m->slug),
			cxo__v_text(m->kind),
			cxo__v_text(m->date),
			cxo_row_type(rec, "participants") == CXO_TYPE_INT ? cxo__v_int(cxo_row_int(rec, "participants"))
			                                                  : cxo__v_null(),
			cxo__v_int(n),
			cxo__v_int(regions[0]),
			cxo__v_int(regions[1]),
			cxo__v_int(regions[2]),
			cxo__v_int(regions[3]),
			cxo__v_int(regions[4]),
			cxo__v_int(regions[5]),
			cxo__v_int(regions[NREGIONS]),
			n ? cxo__v_share((double)developing / (double)n) : cxo__v_null(),
			n ? cxo__v_share((double)sme / (double)n) : cxo__v_null(),
			n && have_prev ? cxo__v_share((double)retained / (double)n) : cxo__v_null(),
		};
		if (!rc)
			rc = cxo__rw_row(w, v);
		cxo__arena_fini(&oar);
		cxo__arena_fini(&mar);
		if (n) {
			/* this meeting is the previous one of the next */
			orgset t = prev;
			prev = cur;
			cur = t;
			have_prev = 1;
		}
	}
	orgset_clear(&prev);
	orgset_clear(&cur);
	cxo__free(prev.id);
	cxo__free(cur.id);
	if (!rc)
		rc = cxo__rw_list_end(w);
	return rc ? rc : cxo__rw_end(w);
}
