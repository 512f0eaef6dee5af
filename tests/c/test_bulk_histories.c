/* Histories written in the caller's transaction. There the handle remembers
 * where each history it writes ends (src/store/tails.c) rather than reading
 * the neighbours of every new observation back. Whatever it then decides must
 * be what it decides outside a transaction, reading everything back: each
 * test runs the same changes on two databases, "a" inside one cxo_db_begin()
 * and "b" change by change, and compares every outcome, message and history.
 */
#include "helpers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(bulk_histories, .init = th_setup, .fini = th_teardown);

typedef struct pair {
	cxo_db *a; /* in one transaction */
	cxo_db *b; /* autocommit */
} pair;

static const char *const MEETINGS[] = { "m1", "m2", "m3", "m4", "m5", "m6" };
static const char *const DATES[] = { "2011-02-01", "2012-03-04", "2013-05-06", "2014-07-08", "2015-09-10",
                                     "2016-11-12" };
static const char *const STATUSES[] = { "raised", "prioritized", "assigned", "in-progress", "delivered", "closed",
                                        "dropped" };

static void setup_one(cxo_db *db, const char *enforce)
{
	for (int i = 0; i < 6; i++)
		TH_OK(th_create(db, CXO_KIND_MEETING,
		                th_msg("{\"id\":\"%s\",\"kind\":\"cto\",\"ordinal\":%d,\"date\":\"%s\"}", MEETINGS[i], i + 1,
		                       DATES[i])));
	for (int i = 0; i < 3; i++)
		TH_OK(th_create(db, CXO_KIND_TOPIC, th_msg("{\"id\":\"t%d\",\"title\":\"T%d\"}", i, i)));
	TH_OK(th_update(db, CXO_KIND_LIFECYCLE, th_msg("{\"id\":\"cto\",\"enforce\":\"%s\"}", enforce)));
}

static pair open_pair(const char *enforce, int n)
{
	pair p = { th_open_new(th_msg("a%d.db", n)), th_open_new(th_msg("b%d.db", n)) };
	setup_one(p.a, enforce);
	setup_one(p.b, enforce);
	TH_OK(cxo_db_begin(p.a));
	return p;
}

typedef int (*change_fn)(cxo_db *db, const void *arg);

/* Run one change on both; they must end alike: the same code and message. */
static int both(pair *p, change_fn fn, const void *arg, const char *what)
{
	int ra = fn(p->a, arg);
	char ma[1024];
	snprintf(ma, sizeof ma, "%s", ra ? cxo_errmsg() : "");
	int rb = fn(p->b, arg);
	const char *mb = rb ? cxo_errmsg() : "";
	cr_assert_eq(ra, rb, "%s: %d (%s) in the transaction, %d (%s) outside", what, ra, ma, rb, mb);
	cr_assert_str_eq(ma, mb, "%s: the messages differ", what);
	return ra;
}

/* Every observation of both, as JSON, must be the same. */
static void same_histories(pair *p, const char *when)
{
	char *a = th_list(p->a, CXO_KIND_OBSERVATION, NULL), *b = th_list(p->b, CXO_KIND_OBSERVATION, NULL);
	cr_assert_str_eq(a, b, "%s: the observations differ", when);
	cxo_free(a);
	cxo_free(b);
}

static void close_pair(pair *p)
{
	same_histories(p, "before the commit");
	TH_OK(cxo_db_commit(p->a));
	same_histories(p, "after the commit");
	TH_OK(cxo_db_close(p->a));
	TH_OK(cxo_db_close(p->b));
}

/* ---- the changes ---- */

typedef struct obs {
	const char *topic, *point, *status;
} obs;

static const char *point_field(const char *point)
{
	return point[0] >= '0' && point[0] <= '9' ? "date" : "meeting";
}

static int create_obs(cxo_db *db, const void *arg)
{
	const obs *o = arg;
	return th_create(db, CXO_KIND_OBSERVATION, th_msg("{\"topic\":\"%s\",\"%s\":\"%s\",\"status\":\"%s\"}", o->topic,
	                                                  point_field(o->point), o->point, o->status));
}

static int update_obs(cxo_db *db, const void *arg)
{
	const obs *o = arg;
	return th_update(db, CXO_KIND_OBSERVATION, th_msg("{\"topic\":\"%s\",\"%s\":\"%s\",\"status\":\"%s\"}", o->topic,
	                                                  point_field(o->point), o->point, o->status));
}

static int delete_obs(cxo_db *db, const void *arg)
{
	const obs *o = arg;
	const char *key[] = { o->topic, "cto", o->point };
	return cxo_record_delete(db, CXO_KIND_OBSERVATION, key, 3, 0);
}

typedef struct move {
	const char *meeting, *date;
} move;

static int move_meeting(cxo_db *db, const void *arg)
{
	const move *m = arg;
	return th_update(db, CXO_KIND_MEETING, th_msg("{\"id\":\"%s\",\"date\":\"%s\"}", m->meeting, m->date));
}

static int set_enforce(cxo_db *db, const void *arg)
{
	return th_update(db, CXO_KIND_LIFECYCLE, th_msg("{\"id\":\"cto\",\"enforce\":\"%s\"}", (const char *)arg));
}

static int create_organization(cxo_db *db, const void *arg)
{
	return th_create(db, CXO_KIND_ORGANIZATION, th_msg("{\"id\":\"%s\",\"name\":\"N\"}", (const char *)arg));
}

#define CREATE_BOTH(p, topic, point, status, code)                                                         \
	do {                                                                                                   \
		obs o_ = { (topic), (point), (status) };                                                           \
		cr_assert_eq(both((p), create_obs, &o_, "create " topic " " point " " status), (code));           \
	} while (0)

/* ---- cases ---- */

Test(bulk_histories, each_step_after_the_last_is_checked_against_it)
{
	pair p = open_pair("strict", 0);
	CREATE_BOTH(&p, "t0", "m1", "raised", CXO_OK);
	CREATE_BOTH(&p, "t0", "m2", "assigned", CXO_OK);
	CREATE_BOTH(&p, "t0", "m3", "raised", CXO_ECONSTRAINT);
	cr_assert_str_eq(cxo_errmsg(), "observation \"t0\" \"cto\" \"m3\".status: moving from \"assigned\" (at m2) to "
	                               "\"raised\" is not allowed by lifecycle \"cto\" (strict)");
	/* the refusal changed nothing: the history still ends at m2 */
	CREATE_BOTH(&p, "t0", "m3", "in-progress", CXO_OK);
	CREATE_BOTH(&p, "t0", "2015-12-01", "closed", CXO_OK);
	CREATE_BOTH(&p, "t0", "m6", "in-progress", CXO_ECONSTRAINT);
	cr_assert_str_eq(cxo_errmsg(), "observation \"t0\" \"cto\" \"m6\".status: moving from \"closed\" (at "
	                               "2015-12-01) to \"in-progress\" is not allowed by lifecycle \"cto\" (strict)");
	close_pair(&p);
}

Test(bulk_histories, the_last_observation_written_again_is_found)
{
	pair p = open_pair("warn", 0);
	CREATE_BOTH(&p, "t0", "m1", "raised", CXO_OK);
	CREATE_BOTH(&p, "t0", "m2", "assigned", CXO_OK);
	CREATE_BOTH(&p, "t0", "m2", "assigned", CXO_EEXISTS);
	CREATE_BOTH(&p, "t0", "m1", "raised", CXO_EEXISTS);
	close_pair(&p);
}

Test(bulk_histories, an_observation_before_the_last_reads_both_neighbours)
{
	pair p = open_pair("strict", 0);
	CREATE_BOTH(&p, "t0", "m1", "raised", CXO_OK);
	CREATE_BOTH(&p, "t0", "m4", "delivered", CXO_OK);
	CREATE_BOTH(&p, "t0", "m2", "closed", CXO_ECONSTRAINT);
	CREATE_BOTH(&p, "t0", "m3", "assigned", CXO_OK);
	CREATE_BOTH(&p, "t0", "m5", "closed", CXO_OK);
	close_pair(&p);
}

/* Had the handle kept what it remembered past these changes, each step below
 * marked "stale" would have been decided the other way. */
Test(bulk_histories, other_changes_make_the_handle_read_the_history_again)
{
	pair p = open_pair("strict", 0);
	CREATE_BOTH(&p, "t0", "m1", "assigned", CXO_OK);
	CREATE_BOTH(&p, "t0", "m2", "delivered", CXO_OK);
	/* the last one deleted: the history ends at m1 again */
	obs last = { "t0", "m2", "delivered" };
	cr_assert_eq(both(&p, delete_obs, &last, "delete t0 m2"), CXO_OK);
	CREATE_BOTH(&p, "t0", "m3", "in-progress", CXO_OK); /* stale: after "delivered" */
	/* its status changed */
	obs changed = { "t0", "m3", "delivered" };
	cr_assert_eq(both(&p, update_obs, &changed, "update t0 m3"), CXO_OK);
	CREATE_BOTH(&p, "t0", "m4", "in-progress", CXO_ECONSTRAINT); /* stale: after "in-progress" */
	CREATE_BOTH(&p, "t0", "m4", "closed", CXO_OK);
	/* a meeting moved: t1 now ends at m2 */
	CREATE_BOTH(&p, "t1", "m2", "assigned", CXO_OK);
	CREATE_BOTH(&p, "t1", "m3", "assigned", CXO_OK);
	move later = { "m2", "2016-12-31" };
	cr_assert_eq(both(&p, move_meeting, &later, "move m2"), CXO_OK);
	CREATE_BOTH(&p, "t1", "m6", "closed", CXO_ECONSTRAINT); /* stale: nothing after it */
	cr_assert_str_eq(cxo_errmsg(), "observation \"t1\" \"cto\" \"m6\".status: moving from \"closed\" to "
	                               "\"assigned\" (at m2, later) is not allowed by lifecycle \"cto\" (strict)");
	CREATE_BOTH(&p, "t1", "m6", "assigned", CXO_OK);
	move refused = { "m3", "2010-01-01" };
	cr_assert_eq(both(&p, move_meeting, &refused, "move m3"), CXO_ECONSTRAINT);
	/* another kind of record, and the lifecycle's mode */
	cr_assert_eq(both(&p, create_organization, "o1", "organization o1"), CXO_OK);
	CREATE_BOTH(&p, "t1", "2017-01-01", "raised", CXO_ECONSTRAINT);
	cr_assert_eq(both(&p, set_enforce, "warn", "enforce warn"), CXO_OK);
	CREATE_BOTH(&p, "t1", "2017-01-01", "raised", CXO_WARNED);
	close_pair(&p);
}

Test(bulk_histories, nothing_rolled_back_is_remembered)
{
	cxo_db *db = th_open();
	setup_one(db, "strict");
	obs first = { "t0", "m1", "raised" }, second = { "t0", "m2", "closed" };
	TH_OK(cxo_db_begin(db));
	TH_OK(create_obs(db, &first));
	TH_OK(create_obs(db, &second));
	TH_OK(cxo_db_rollback(db));
	TH_OK(cxo_db_begin(db));
	/* neither is stored: no duplicate, and nothing "closed" before m3 */
	TH_OK(create_obs(db, &first));
	obs third = { "t0", "m3", "assigned" };
	TH_OK(create_obs(db, &third));
	TH_OK(cxo_db_commit(db));
	/* a transaction committed: the next one reads what it left */
	TH_OK(cxo_db_begin(db));
	obs fourth = { "t0", "m4", "raised" };
	TH_ERR(create_obs(db, &fourth), CXO_ECONSTRAINT,
	       "observation \"t0\" \"cto\" \"m4\".status: moving from \"assigned\" (at m3) to \"raised\" is not allowed "
	       "by lifecycle \"cto\" (strict)");
	TH_OK(cxo_db_commit(db));
	TH_OK(cxo_db_close(db));
}

/* xorshift64*: the same changes for a given seed. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static const char *pick(uint64_t *s, const char *const *from, size_t n)
{
	return from[next_random(s) % n];
}

/* Point i of 60 in time order, every other month from 2010 to 2019, six of
 * them the meetings (until one is moved). */
static const char *point_at(size_t i)
{
	static char dates[60][32];
	static const size_t at[6] = { 7, 13, 20, 27, 34, 41 };
	for (size_t m = 0; m < 6; m++)
		if (i == at[m])
			return MEETINGS[m];
	snprintf(dates[i], sizeof dates[i], "%04zu-%02zu-15", 2010 + i / 6, i % 6 * 2 + 1);
	return dates[i];
}

/* Stretches of observations in time order, as a bulk load writes them,
 * between single changes of every kind that moves a history: an update or a
 * deletion of an observation that exists, an observation out of order, a
 * meeting moved, the lifecycle's mode switched, another kind of record.
 * Mostly in "warn" mode, where a refusal does not end the stretch.
 * CXO_TEST_SEED=n replays other changes. */
Test(bulk_histories, random_changes_end_alike)
{
	static const char *const TOPICS[] = { "t0", "t1", "t2" };
	static const char *const MOVES[] = { "2010-05-05", "2012-08-08", "2014-01-01", "2018-03-03" };
	static const char *const MODES[] = { "warn", "warn", "strict" };
	const char *seed_env = getenv("CXO_TEST_SEED");
	uint64_t seed = seed_env ? strtoull(seed_env, NULL, 10) : UINT64_C(20261130);
	for (int run = 0; run < 12; run++) {
		pair p = open_pair(MODES[run % 3], run);
		uint64_t s = seed + (uint64_t)run;
		size_t cursor[3] = { 0, 0, 0 }; /* each topic's next point in time order */
		int stored[3][60] = { { 0 } };  /* the points each topic has */
		char what[160];
		for (int step = 0; step < 150; step++) {
			unsigned r = (unsigned)(next_random(&s) % 100);
			size_t t = (size_t)(next_random(&s) % 3), pi = (size_t)(next_random(&s) % 60);
			if (r < 85) {
				if (cursor[t] >= 60)
					cursor[t] = next_random(&s) % 30; /* start over, part-way along */
				pi = cursor[t];
				cursor[t] += 1 + next_random(&s) % 2;
			} else if (r < 93) {
				for (size_t k = 0; k < 60 && !stored[t][pi]; k++)
					pi = (pi + 1) % 60;
			}
			obs o = { TOPICS[t], point_at(pi), pick(&s, STATUSES, 7) };
			snprintf(what, sizeof what, "seed %llu, run %d, step %d: %s %s %s %s", (unsigned long long)seed, run,
			         step, r < 85 ? "create" : r < 89 ? "update" : r < 93 ? "delete" : r < 95 ? "create" : "other",
			         o.topic, o.point, o.status);
			if (r < 85 || (r >= 93 && r < 95)) {
				if (both(&p, create_obs, &o, what) >= 0)
					stored[t][pi] = 1;
			} else if (r < 89) {
				both(&p, update_obs, &o, what);
			} else if (r < 93) {
				if (both(&p, delete_obs, &o, what) == CXO_OK)
					stored[t][pi] = 0;
			} else if (r < 98) {
				move m = { pick(&s, MEETINGS, 6), pick(&s, MOVES, 4) };
				both(&p, move_meeting, &m, what);
			} else if (r < 99) {
				both(&p, set_enforce, pick(&s, MODES, 3), what);
			} else {
				char id[32];
				snprintf(id, sizeof id, "o%d", step);
				both(&p, create_organization, id, what);
			}
			if (step % 20 == 0)
				same_histories(&p, what);
		}
		close_pair(&p);
	}
}
