/* Transitions between a topic's observations, in each enforcement mode of a
 * lifecycle: off, warn (stored, CXO_WARNED) and strict (refused). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(transitions, .init = th_setup, .fini = th_teardown);

/* Meetings m1..m5 (2013..2017) and topic t. */
static cxo_db *setup(const char *enforce)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014-06-10\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m3\",\"kind\":\"cto\",\"date\":\"2015-05-04\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m4\",\"kind\":\"cto\",\"date\":\"2016-03-21\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m5\",\"kind\":\"cto\",\"date\":\"2017-10-02\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	if (enforce)
		TH_UPDATE(db, CXO_KIND_LIFECYCLE, th_msg("{\"id\":\"cto\",\"enforce\":\"%s\"}", enforce));
	return db;
}

/* cxo_record_create of an observation of t, in lifecycle cto. */
static int observe(cxo_db *db, const char *point, const char *status)
{
	const char *field = point[0] >= '0' && point[0] <= '9' ? "date" : "meeting";
	return th_create(db, CXO_KIND_OBSERVATION,
	                 th_msg("{\"topic\":\"t\",\"%s\":\"%s\",\"status\":\"%s\"}", field, point, status));
}

#define OBSERVE(db, point, status) TH_OK(observe((db), (point), (status)))

/* The statuses of t in time order, "m1:raised m2:assigned". */
static const char *statuses(cxo_db *db, const char *lifecycle)
{
	static char out[1024];
	cxo_query q = CXO_QUERY_INIT;
	q.topic = "t";
	q.lifecycle = lifecycle;
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_OBSERVATION, &q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		const char *point = cxo_row_text(row, "meeting");
		if (!point)
			point = cxo_row_text(row, "date");
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%s", o ? " " : "", point, cxo_row_text(row, "status"));
	}
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

/* The movements and allowed flags of t's history, "new+ advanced+ regressed-". */
static const char *movements(cxo_db *db)
{
	static char out[1024];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_topic_history(&cur, db, "t", NULL));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s%c", o ? " " : "", cxo_row_text(row, "movement"),
		                      cxo_row_int(row, "allowed") ? '+' : '-');
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

/* An observation of t in lifecycle %s at meeting %s with status %s. */
#define OBS_IN "{\"topic\":\"t\",\"lifecycle\":\"%s\",\"meeting\":\"%s\",\"status\":\"%s\"}"

#define PATH(point) "observation \"t\" \"cto\" \"" point "\".status: "

/* ---- the built-in lifecycle's rules ---- */

Test(transitions, allowed_moves_in_the_builtin_lifecycle)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m2", "raised");      /* the same status */
	OBSERVE(db, "m3", "in-progress"); /* skipping ranks */
	OBSERVE(db, "m4", "dropped");     /* from a non-terminal status */
	OBSERVE(db, "m5", "dropped");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:raised m3:in-progress m4:dropped m5:dropped");
	cr_assert_str_eq(movements(db), "new+ reaffirmed+ advanced+ dropped+ reaffirmed+");
	TH_OK(cxo_db_close(db));
}

Test(transitions, switching_the_enforcement_mode)
{
	cxo_db *db = setup(NULL);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON_ENFORCE("warn"));
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"strict\"}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON_ENFORCE("strict"));
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"off\"}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON_ENFORCE("off"));
	/* null goes back to the default */
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":null}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON_ENFORCE("warn"));
	TH_OK(cxo_db_close(db));
}

/* ---- warn ---- */

Test(transitions, warn_stores_a_regression_with_a_warning)
{
	cxo_db *db = setup(NULL);
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m2", "delivered");
	TH_ERR(observe(db, "m3", "prioritized"), CXO_WARNED,
	       PATH("m3") "moving from \"delivered\" (at m2) to \"prioritized\" is not allowed by lifecycle \"cto\"");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:delivered m3:prioritized");
	cr_assert_str_eq(movements(db), "new+ advanced+ regressed-");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t", "cto", "m3"),
	          "{\"topic\":\"t\",\"lifecycle\":\"cto\",\"meeting\":\"m3\",\"status\":\"prioritized\",\"qualifier\":\"agreed\"}");
	TH_OK(cxo_db_close(db));
}

Test(transitions, warn_stores_moves_out_of_terminal_statuses)
{
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "closed");
	TH_ERR(observe(db, "m2", "in-progress"), CXO_WARNED,
	       PATH("m2") "moving from \"closed\" (at m1) to \"in-progress\" is not allowed by lifecycle \"cto\"");
	OBSERVE(db, "m3", "dropped");
	TH_ERR(observe(db, "m4", "raised"), CXO_WARNED,
	       PATH("m4") "moving from \"dropped\" (at m3) to \"raised\" is not allowed by lifecycle \"cto\"");
	OBSERVE(db, "m5", "closed");
	cr_assert_str_eq(statuses(db, NULL), "m1:closed m2:in-progress m3:dropped m4:raised m5:closed");
	cr_assert_str_eq(movements(db), "new+ reopened- dropped+ reopened- advanced+");
	TH_OK(cxo_db_close(db));
}

Test(transitions, warn_from_a_terminal_status_to_another)
{
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "closed");
	TH_ERR(observe(db, "m2", "dropped"), CXO_WARNED,
	       PATH("m2") "moving from \"closed\" (at m1) to \"dropped\" is not allowed by lifecycle \"cto\"");
	cr_assert_str_eq(statuses(db, NULL), "m1:closed m2:dropped");
	TH_OK(cxo_db_close(db));
}

Test(transitions, warn_on_update)
{
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "assigned");
	OBSERVE(db, "m2", "in-progress");
	TH_ERR(th_update(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t\",\"meeting\":\"m2\",\"status\":\"raised\"}"), CXO_WARNED,
	       PATH("m2") "moving from \"assigned\" (at m1) to \"raised\" is not allowed by lifecycle \"cto\"");
	cr_assert_str_eq(statuses(db, NULL), "m1:assigned m2:raised");
	TH_OK(cxo_db_close(db));
}

/* ---- strict ---- */

Test(transitions, strict_refuses_a_regression_and_stores_nothing)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m2", "delivered");
	TH_ERR(observe(db, "m3", "prioritized"), CXO_ECONSTRAINT,
	       PATH("m3") "moving from \"delivered\" (at m2) to \"prioritized\" is not allowed by lifecycle \"cto\" (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:delivered");
	cxo_row *out = (cxo_row *)1;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "cto", "m3" }, 3),
	       CXO_ENOTFOUND, "observation \"t\" \"cto\" \"m3\" does not exist");
	TH_OK(cxo_db_close(db));
}

Test(transitions, strict_refuses_moves_out_of_terminal_statuses)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "in-progress");
	OBSERVE(db, "m2", "closed");
	TH_ERR(observe(db, "m3", "in-progress"), CXO_ECONSTRAINT,
	       PATH("m3") "moving from \"closed\" (at m2) to \"in-progress\" is not allowed by lifecycle \"cto\" (strict)");
	TH_ERR(observe(db, "m3", "dropped"), CXO_ECONSTRAINT,
	       PATH("m3") "moving from \"closed\" (at m2) to \"dropped\" is not allowed by lifecycle \"cto\" (strict)");
	OBSERVE(db, "m3", "closed");
	cr_assert_str_eq(statuses(db, NULL), "m1:in-progress m2:closed m3:closed");
	TH_OK(cxo_db_close(db));
}

Test(transitions, strict_refuses_an_update_into_a_disallowed_status)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "assigned");
	OBSERVE(db, "m2", "in-progress");
	TH_ERR(th_update(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t\",\"meeting\":\"m2\",\"status\":\"raised\"}"),
	       CXO_ECONSTRAINT,
	       PATH("m2") "moving from \"assigned\" (at m1) to \"raised\" is not allowed by lifecycle \"cto\" (strict)");
	TH_ERR(th_update(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t\",\"meeting\":\"m1\",\"status\":\"closed\"}"),
	       CXO_ECONSTRAINT,
	       PATH("m1") "moving from \"closed\" to \"in-progress\" (at m2, later) is not allowed by lifecycle \"cto\" (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:assigned m2:in-progress");
	TH_OK(cxo_db_close(db));
}

/* ---- off ---- */

Test(transitions, off_stores_anything_silently)
{
	cxo_db *db = setup("off");
	OBSERVE(db, "m1", "delivered");
	/* a known error before: an unchecked move must not replace it with a warning */
	TH_ERR(cxo_check_slug("X"), CXO_EINVAL, "\"X\" is not an id: it must start with a lower-case letter");
	OBSERVE(db, "m2", "prioritized");
	OBSERVE(db, "m3", "closed");
	OBSERVE(db, "m4", "raised");
	cr_assert_eq(cxo_errcode(), CXO_EINVAL);
	cr_assert_str_eq(cxo_errmsg(), "\"X\" is not an id: it must start with a lower-case letter");
	cr_assert_str_eq(statuses(db, NULL), "m1:delivered m2:prioritized m3:closed m4:raised");
	/* the history still says which moves the rules disallow */
	cr_assert_str_eq(movements(db), "new+ regressed- advanced+ reopened-");
	/* and deleting in between is not checked either */
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "cto", "m3" }, 3, 0));
	cr_assert_str_eq(statuses(db, NULL), "m1:delivered m2:prioritized m4:raised");
	TH_OK(cxo_db_close(db));
}

/* ---- inserting between two observations checks both edges ---- */

Test(transitions, strict_insert_checks_the_edge_to_the_next_observation)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m3", "assigned");
	TH_ERR(observe(db, "m2", "delivered"), CXO_ECONSTRAINT,
	       PATH("m2") "moving from \"delivered\" to \"assigned\" (at m3, later) is not allowed by lifecycle \"cto\" (strict)");
	TH_ERR(observe(db, "m2", "closed"), CXO_ECONSTRAINT,
	       PATH("m2") "moving from \"closed\" to \"assigned\" (at m3, later) is not allowed by lifecycle \"cto\" (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m3:assigned");
	OBSERVE(db, "m2", "prioritized");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:prioritized m3:assigned");
	TH_OK(cxo_db_close(db));
}

Test(transitions, strict_insert_checks_the_edge_from_the_previous_observation)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "assigned");
	OBSERVE(db, "m3", "delivered");
	TH_ERR(observe(db, "m2", "prioritized"), CXO_ECONSTRAINT,
	       PATH("m2") "moving from \"assigned\" (at m1) to \"prioritized\" is not allowed by lifecycle \"cto\" (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:assigned m3:delivered");
	OBSERVE(db, "m2", "in-progress");
	cr_assert_str_eq(statuses(db, NULL), "m1:assigned m2:in-progress m3:delivered");
	TH_OK(cxo_db_close(db));
}

Test(transitions, a_dated_event_is_a_neighbour_too)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "2014-01", "delivered");
	TH_ERR(observe(db, "m2", "assigned"), CXO_ECONSTRAINT,
	       PATH("m2") "moving from \"delivered\" (at 2014-01) to \"assigned\" is not allowed by lifecycle \"cto\" (strict)");
	TH_ERR(observe(db, "2013-12-01", "closed"), CXO_ECONSTRAINT,
	       "observation \"t\" \"cto\" \"2013-12-01\".status: moving from \"closed\" to \"delivered\" (at 2014-01, later) "
	       "is not allowed by lifecycle \"cto\" (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised 2014-01:delivered");
	TH_OK(cxo_db_close(db));
}

Test(transitions, warn_insert_checks_both_edges_and_reports_the_first)
{
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "delivered");
	TH_ERR(observe(db, "m3", "raised"), CXO_WARNED,
	       PATH("m3") "moving from \"delivered\" (at m1) to \"raised\" is not allowed by lifecycle \"cto\"");
	/* only the edge to the next one is disallowed */
	TH_ERR(observe(db, "2014-01", "closed"), CXO_WARNED,
	       "observation \"t\" \"cto\" \"2014-01\".status: moving from \"closed\" to \"raised\" (at m3, later) "
	       "is not allowed by lifecycle \"cto\"");
	/* both edges are disallowed: the first is reported */
	TH_ERR(observe(db, "m2", "prioritized"), CXO_WARNED,
	       PATH("m2") "moving from \"closed\" (at 2014-01) to \"prioritized\" is not allowed by lifecycle \"cto\"");
	OBSERVE(db, "m4", "closed");
	cr_assert_str_eq(statuses(db, NULL), "m1:delivered 2014-01:closed m2:prioritized m3:raised m4:closed");
	cr_assert_str_eq(movements(db), "new+ advanced+ reopened- regressed- advanced+");
	TH_OK(cxo_db_close(db));
}

/* ---- deleting between two observations ---- */

Test(transitions, strict_refuses_a_deletion_that_joins_a_disallowed_pair)
{
	/* stored in warn mode, then the rules are enforced */
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "delivered");
	cr_assert_eq(observe(db, "m2", "raised"), CXO_WARNED);
	OBSERVE(db, "m3", "prioritized");
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"strict\"}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "cto", "m2" }, 3, 0),
	       CXO_ECONSTRAINT,
	       "observation \"t\" \"cto\" \"m2\" cannot be deleted: \"prioritized\" at m3 would follow \"delivered\" at m1, "
	       "which lifecycle \"cto\" does not allow (strict)");
	cr_assert_str_eq(statuses(db, NULL), "m1:delivered m2:raised m3:prioritized");
	/* the first and the last have a single neighbour: nothing is joined */
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "cto", "m3" }, 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "cto", "m1" }, 3, 0));
	cr_assert_str_eq(statuses(db, NULL), "m2:raised");
	TH_OK(cxo_db_close(db));
}

Test(transitions, strict_deletion_in_a_lifecycle_with_listed_transitions)
{
	cxo_db *db = setup(NULL);
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"enforce\":\"strict\",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2},"
	          "{\"id\":\"c\",\"rank\":3}],\"transitions\":[[\"a\",\"b\"],[\"b\",\"c\"]]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m1", "a"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m2", "b"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m3", "c"));
	/* only the listed moves are allowed: not even a -> a, nor a -> c */
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m4", "c")), CXO_ECONSTRAINT,
	       "observation \"t\" \"fg\" \"m4\".status: moving from \"c\" (at m3) to \"c\" is not allowed by lifecycle \"fg\" (strict)");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "fg", "m2" }, 3, 0),
	       CXO_ECONSTRAINT,
	       "observation \"t\" \"fg\" \"m2\" cannot be deleted: \"c\" at m3 would follow \"a\" at m1, "
	       "which lifecycle \"fg\" does not allow (strict)");
	/* cascading does not get round it */
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "fg", "m2" }, 3, CXO_DELETE_CASCADE),
	       CXO_ECONSTRAINT,
	       "observation \"t\" \"fg\" \"m2\" cannot be deleted: \"c\" at m3 would follow \"a\" at m1, "
	       "which lifecycle \"fg\" does not allow (strict)");
	cr_assert_str_eq(statuses(db, "fg"), "m1:a m2:b m3:c");
	/* the same deletion in warn mode goes through, with a warning */
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"enforce\":\"warn\"}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "fg", "m2" }, 3, 0), CXO_WARNED,
	       "observation \"t\" \"fg\" \"m2\": deleted; now \"c\" at m3 follows \"a\" at m1, "
	       "which lifecycle \"fg\" does not allow");
	cr_assert_str_eq(statuses(db, "fg"), "m1:a m3:c");
	TH_OK(cxo_db_close(db));
}

Test(transitions, strict_refuses_a_meeting_cascade_that_joins_a_disallowed_pair)
{
	cxo_db *db = setup(NULL);
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"enforce\":\"strict\",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2},"
	          "{\"id\":\"c\",\"rank\":3}],\"transitions\":[[\"a\",\"b\"],[\"b\",\"c\"]]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m1", "a"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m2", "b"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m3", "c"));
	OBSERVE(db, "m2", "raised");
	/* deleting m2 with its observations would leave "a" followed by "c" */
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m2" }, 1, CXO_DELETE_CASCADE),
	       CXO_ECONSTRAINT,
	       "meeting \"m2\" cannot be deleted: \"c\" at m3 would follow \"a\" at m1, "
	       "which lifecycle \"fg\" does not allow (strict)");
	cr_assert_str_eq(statuses(db, "fg"), "m1:a m2:b m3:c");
	cr_assert_str_eq(statuses(db, "cto"), "m2:raised");
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m2"), "{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014-06-10\"}");
	/* the first and last meetings of the chain may go */
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m3" }, 1, CXO_DELETE_CASCADE));
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m2" }, 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(statuses(db, "fg"), "m1:a");
	cr_assert_str_eq(statuses(db, "cto"), "");
	/* deleting the topic takes all its observations: nothing is joined */
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m4", "b"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m5", "c"));
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, (const char *const[]){ "t" }, 1, CXO_DELETE_CASCADE));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(transitions, warn_mode_warns_about_a_meeting_cascade_that_joins_a_disallowed_pair)
{
	cxo_db *db = setup(NULL);
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2},"
	          "{\"id\":\"c\",\"rank\":3}],\"transitions\":[[\"a\",\"b\"],[\"b\",\"c\"]]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m1", "a"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m2", "b"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m3", "c"));
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m2" }, 1, CXO_DELETE_CASCADE),
	       CXO_WARNED,
	       "meeting \"m2\": deleted; now \"c\" at m3 follows \"a\" at m1, which lifecycle \"fg\" does not allow");
	cr_assert_str_eq(statuses(db, "fg"), "m1:a m3:c");
	TH_OK(cxo_db_close(db));
}

Test(transitions, a_lifecycle_without_transitions_allows_every_move)
{
	cxo_db *db = setup(NULL);
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"free\",\"enforce\":\"strict\",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2},"
	          "{\"id\":\"z\",\"terminal\":true}]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "free", "m1", "b"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "free", "m2", "a"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "free", "m3", "z"));
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "free", "m4", "b"));
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t", "free", "m2" }, 3, 0));
	cr_assert_str_eq(statuses(db, "free"), "m1:b m3:z m4:b");
	TH_OK(cxo_db_close(db));
}

Test(transitions, neighbours_are_of_the_same_topic_and_lifecycle)
{
	cxo_db *db = setup("strict");
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"enforce\":\"strict\",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2}],"
	          "\"transitions\":[[\"a\",\"b\"]]}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"u\",\"title\":\"U\"}");
	OBSERVE(db, "m2", "raised");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"u\",\"meeting\":\"m3\",\"status\":\"closed\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m3", "b"));
	/* neither u's "closed" nor t's "b" in fg comes before this */
	OBSERVE(db, "m4", "prioritized");
	TH_ERR(observe(db, "m5", "raised"), CXO_ECONSTRAINT,
	       PATH("m5") "moving from \"prioritized\" (at m4) to \"raised\" is not allowed by lifecycle \"cto\" (strict)");
	/* in fg, the previous observation is at m3, not t's in cto at m4 */
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, th_msg(OBS_IN, "fg", "m5", "a")), CXO_ECONSTRAINT,
	       "observation \"t\" \"fg\" \"m5\".status: moving from \"b\" (at m3) to \"a\" is not allowed by lifecycle \"fg\" (strict)");
	cr_assert_str_eq(statuses(db, "cto"), "m2:raised m4:prioritized");
	cr_assert_str_eq(statuses(db, "fg"), "m3:b");
	TH_OK(cxo_db_close(db));
}

Test(transitions, a_mode_set_through_another_handle_applies)
{
	cxo_db *db = setup("warn");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m2", "delivered"); /* the lifecycle is now cached by this handle, as "warn" */
	cxo_db *other = NULL;
	TH_OK(cxo_db_open(&other, th_path("test.db"), CXO_OPEN_READWRITE));
	TH_UPDATE(other, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"strict\"}");
	TH_ERR(observe(db, "m3", "prioritized"), CXO_ECONSTRAINT,
	       PATH("m3") "moving from \"delivered\" (at m2) to \"prioritized\" is not allowed by lifecycle \"cto\" (strict)");
	TH_UPDATE(other, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"off\"}");
	OBSERVE(db, "m3", "prioritized");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:delivered m3:prioritized");
	TH_OK(cxo_db_close(other));
	TH_OK(cxo_db_close(db));
}

/* BUG: moving a meeting in time (cxo_record_update of its date) reorders the
 * observations made at it, but the transitions this creates are not checked:
 * in strict mode the update goes through and leaves a disallowed pair stored
 * (in warn mode it returns CXO_OK, without a warning). */
Test(transitions, moving_a_meeting_in_time_checks_the_transitions_it_creates)
{
	cxo_db *db = setup("strict");
	OBSERVE(db, "m1", "raised");
	OBSERVE(db, "m2", "delivered");
	cr_assert_str_eq(movements(db), "new+ advanced+");
	/* m2 moved before m1: "delivered" would come before "raised" (the exact
	 * message is for the fix to choose) */
	int rc = th_update(db, CXO_KIND_MEETING, "{\"id\":\"m2\",\"date\":\"2012\"}");
	cr_assert_eq(rc, CXO_ECONSTRAINT, "moving m2 before m1 returned %d", rc);
	cr_assert_eq(cxo_errcode(), CXO_ECONSTRAINT);
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m2"), "{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014-06-10\"}");
	cr_assert_str_eq(statuses(db, NULL), "m1:raised m2:delivered");
	TH_OK(cxo_db_close(db));
}
