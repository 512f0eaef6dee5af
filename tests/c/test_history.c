/* Topic histories (movements, gaps, points in time, as-of cut-offs) and the
 * fields that cxo_record_list derives. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(history, .init = th_setup, .fini = th_teardown);
TestSuite(lists, .init = th_setup, .fini = th_teardown);

/*
 * The series used by most tests:
 *
 *   c1  cto       2013-11-18   a:raised  mv:raised
 *   c2  cto       2014-06-10             mv:prioritized
 *   ts  tsag      2014-09-01             mv:prioritized
 *   x3  cxo       2015-05-04             mv:raised (regressed, warned)
 *   w4  workshop  2016                   mv:dropped   p:raised
 *   c5  cto       2016-03-21   a:assigned mv:in-progress (reopened, warned) ev:raised p:prioritized
 *       event     2016-03-21   ev:prioritized
 *   c6  cto       2017-10-02   mv:closed  ev:assigned
 *       event     2018         mv:closed
 *   c7  cto       2018-11-05   planned: an agenda, no observations
 *       event     2019         ev:in-progress
 *
 * Topic q has no observations.
 */
static int observe(cxo_db *db, const char *topic, const char *point, const char *status)
{
	const char *field = point[0] >= '0' && point[0] <= '9' ? "date" : "meeting";
	return th_create(db, CXO_KIND_OBSERVATION,
	                 th_msg("{\"topic\":\"%s\",\"%s\":\"%s\",\"status\":\"%s\"}", topic, field, point, status));
}

#define OBSERVE(db, topic, point, status) TH_OK(observe((db), (topic), (point), (status)))

static cxo_db *series(void)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"ordinal\":1}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c2\",\"kind\":\"cto\",\"date\":\"2014-06-10\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"ts\",\"kind\":\"tsag\",\"date\":\"2014-09-01\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"x3\",\"kind\":\"cxo\",\"date\":\"2015-05-04\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"w4\",\"kind\":\"workshop\",\"date\":\"2016\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c5\",\"kind\":\"cto\",\"date\":\"2016-03-21\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c6\",\"kind\":\"cto\",\"date\":\"2017-10-02\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c7\",\"kind\":\"cto\",\"date\":\"2018-11-05\",\"agenda\":[\"a\",\"q\"]}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"a\",\"title\":\"A\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"ev\",\"title\":\"Events\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"mv\",\"title\":\"Movements\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"p\",\"title\":\"Partial\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"q\",\"title\":\"Quiet\"}");

	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"a\",\"meeting\":\"c1\",\"status\":\"raised\",\"priority\":\"high\",\"note\":\"first\","
	          "\"qualifier\":\"noted\",\"sources\":[{\"ref\":\"C1 \xc2\xa7" "3\",\"url\":\"https://c1\"}]}");
	OBSERVE(db, "a", "c5", "assigned");

	OBSERVE(db, "mv", "c1", "raised");
	OBSERVE(db, "mv", "c2", "prioritized");
	OBSERVE(db, "mv", "ts", "prioritized");
	cr_assert_eq(observe(db, "mv", "x3", "raised"), CXO_WARNED);
	OBSERVE(db, "mv", "w4", "dropped");
	cr_assert_eq(observe(db, "mv", "c5", "in-progress"), CXO_WARNED);
	OBSERVE(db, "mv", "c6", "closed");
	OBSERVE(db, "mv", "2018", "closed");

	OBSERVE(db, "ev", "c5", "raised");
	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"ev\",\"date\":\"2016-03-21\",\"status\":\"prioritized\",\"uncertain\":true,"
	          "\"qualifier\":\"inferred\",\"note\":\"FG set up\"}");
	OBSERVE(db, "ev", "c6", "assigned");
	OBSERVE(db, "ev", "2019", "in-progress");

	OBSERVE(db, "p", "w4", "raised");
	OBSERVE(db, "p", "c5", "prioritized");
	return db;
}

/* A history as "point status movement(+|-) [gaps]; ...". */
static const char *summary(cxo_db *db, const char *topic, const cxo_query *q)
{
	static char out[4096];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_topic_history(&cur, db, topic, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s%s%s %s %s%c [", o ? "; " : "",
		                      topic ? "" : cxo_row_text(row, "topic"), topic ? "" : ":", cxo_row_text(row, "point"),
		                      cxo_row_text(row, "status"), cxo_row_text(row, "movement"),
		                      cxo_row_int(row, "allowed") ? '+' : '-');
		const cxo_row *gaps = cxo_row_child(row, "gaps");
		cr_assert(cxo_row_is_list(gaps));
		for (size_t i = 0; i < cxo_row_size(gaps); i++)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "," : "", cxo_row_text_at(gaps, i));
		o += (size_t)snprintf(out + o, sizeof out - o, "]");
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* ---- rows ---- */

Test(history, every_field_of_a_row)
{
	cxo_db *db = series();
	TH_STR_EQ_FREE(th_history(db, "a", NULL),
	               "[{\"topic\":\"a\",\"lifecycle\":\"cto\",\"point\":\"c1\",\"meeting\":\"c1\",\"date\":\"2013-11-18\","
	               "\"kind\":\"cto\",\"status\":\"raised\",\"rank\":1,\"terminal\":false,\"movement\":\"new\","
	               "\"allowed\":true,\"gaps\":[],\"qualifier\":\"noted\",\"priority\":\"high\",\"note\":\"first\","
	               "\"uncertain\":false,\"sources\":[{\"ref\":\"C1 \xc2\xa7" "3\",\"url\":\"https://c1\"}],"
	               "\"inherited\":false},"
	               "{\"topic\":\"a\",\"lifecycle\":\"cto\",\"point\":\"c5\",\"meeting\":\"c5\",\"date\":\"2016-03-21\","
	               "\"kind\":\"cto\",\"status\":\"assigned\",\"rank\":3,\"terminal\":false,\"movement\":\"advanced\","
	               "\"allowed\":true,\"gaps\":[\"c2\",\"x3\",\"w4\"],\"qualifier\":\"agreed\",\"priority\":null,"
	               "\"note\":null,\"uncertain\":false,\"sources\":[],\"inherited\":false}]");
	TH_OK(cxo_db_close(db));
}

Test(history, rows_of_dated_events_and_terminal_statuses)
{
	cxo_db *db = series();
	cxo_cursor *cur = NULL;
	TH_OK(cxo_topic_history(&cur, db, "ev", NULL));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur)); /* c5 */
	/* the rest of the cursor as JSON: the event, c6, the 2019 event */
	TH_STR_EQ_FREE(th_cursor_json(cur),
	               "[{\"topic\":\"ev\",\"lifecycle\":\"cto\",\"point\":\"2016-03-21\",\"meeting\":null,\"date\":\"2016-03-21\","
	               "\"kind\":null,\"status\":\"prioritized\",\"rank\":2,\"terminal\":false,\"movement\":\"advanced\","
	               "\"allowed\":true,\"gaps\":[],\"qualifier\":\"inferred\",\"priority\":null,\"note\":\"FG set up\","
	               "\"uncertain\":true,\"sources\":[],\"inherited\":false},"
	               "{\"topic\":\"ev\",\"lifecycle\":\"cto\",\"point\":\"c6\",\"meeting\":\"c6\",\"date\":\"2017-10-02\","
	               "\"kind\":\"cto\",\"status\":\"assigned\",\"rank\":3,\"terminal\":false,\"movement\":\"advanced\","
	               "\"allowed\":true,\"gaps\":[],\"qualifier\":\"agreed\",\"priority\":null,\"note\":null,"
	               "\"uncertain\":false,\"sources\":[],\"inherited\":false},"
	               "{\"topic\":\"ev\",\"lifecycle\":\"cto\",\"point\":\"2019\",\"meeting\":null,\"date\":\"2019\","
	               "\"kind\":null,\"status\":\"in-progress\",\"rank\":4,\"terminal\":false,\"movement\":\"advanced\","
	               "\"allowed\":true,\"gaps\":[],\"qualifier\":\"agreed\",\"priority\":null,\"note\":null,"
	               "\"uncertain\":false,\"sources\":[],\"inherited\":false}]");

	/* a status without a rank */
	cxo_cursor *c2 = NULL;
	TH_OK(cxo_topic_history(&c2, db, "mv", NULL));
	for (int i = 0; i < 5; i++)
		TH_OK(cxo_cursor_next(&row, c2));
	cr_assert_str_eq(cxo_row_text(row, "point"), "w4");
	cr_assert_str_eq(cxo_row_text(row, "date"), "2016");
	cr_assert_str_eq(cxo_row_text(row, "kind"), "workshop");
	cr_assert_str_eq(cxo_row_text(row, "status"), "dropped");
	cr_assert_eq(cxo_row_type(row, "rank"), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_type(row, "terminal"), CXO_TYPE_BOOL);
	cr_assert_eq(cxo_row_int(row, "terminal"), 1);
	cxo_cursor_free(c2);
	TH_OK(cxo_db_close(db));
}

/* ---- movements ---- */

Test(history, movements)
{
	cxo_db *db = series();
	cr_assert_str_eq(summary(db, "mv", NULL),
	                 "c1 raised new+ []; c2 prioritized advanced+ []; ts prioritized reaffirmed+ []; "
	                 "x3 raised regressed- []; w4 dropped dropped+ []; c5 in-progress reopened- []; "
	                 "c6 closed advanced+ []; 2018 closed reaffirmed+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, movements_out_of_terminal_statuses)
{
	cxo_db *db = series();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"r\",\"title\":\"R\"}");
	OBSERVE(db, "r", "c1", "closed");
	OBSERVE(db, "r", "c2", "closed");
	cr_assert_eq(observe(db, "r", "x3", "raised"), CXO_WARNED);
	OBSERVE(db, "r", "c5", "dropped");
	OBSERVE(db, "r", "c6", "dropped");
	cr_assert_eq(observe(db, "r", "c7", "delivered"), CXO_WARNED);
	cr_assert_str_eq(summary(db, "r", NULL),
	                 "c1 closed new+ []; c2 closed reaffirmed+ []; x3 raised reopened- []; c5 dropped dropped+ [w4]; "
	                 "c6 dropped reaffirmed+ []; c7 delivered reopened- []");
	TH_OK(cxo_db_close(db));
}

/* ---- gaps ---- */

Test(history, gaps_are_the_tracked_meetings_in_between)
{
	cxo_db *db = series();
	/* c2 (cto), x3 (cxo) and w4 (workshop) are tracked by default; ts (tsag) is not */
	cr_assert_str_eq(summary(db, "a", NULL), "c1 raised new+ []; c5 assigned advanced+ [c2,x3,w4]");
	cxo_query q = CXO_QUERY_INIT;
	q.kinds = "cto";
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []; c5 assigned advanced+ [c2]");
	q.kinds = "tsag,workshop";
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []; c5 assigned advanced+ [ts,w4]");
	q.kinds = "cto,cxo,consultation,workshop,tsag,wtsa,other";
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []; c5 assigned advanced+ [c2,ts,x3,w4]");
	q.kinds = "wtsa";
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []; c5 assigned advanced+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, planned_meetings_are_no_gaps)
{
	cxo_db *db = series();
	/* c7 lies between c6 and the 2019 event, but nothing was observed at it */
	cr_assert_str_eq(summary(db, "ev", NULL),
	                 "c5 raised new+ []; 2016-03-21 prioritized advanced+ []; c6 assigned advanced+ []; "
	                 "2019 in-progress advanced+ []");
	/* once something is observed at it, c7 has been held */
	OBSERVE(db, "q", "c7", "raised");
	cr_assert_str_eq(summary(db, "ev", NULL),
	                 "c5 raised new+ []; 2016-03-21 prioritized advanced+ []; c6 assigned advanced+ []; "
	                 "2019 in-progress advanced+ [c7]");
	TH_OK(cxo_db_close(db));
}

Test(history, bad_kinds)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	cxo_cursor *cur = (cxo_cursor *)1;
	q.kinds = "cto,party";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL,
	       "kinds: \"party\" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)");
	cr_assert_null(cur);
	q.kinds = "cto,";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL,
	       "kinds: \"\" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)");
	q.kinds = "CTO";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL,
	       "kinds: \"CTO\" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)");
	TH_OK(cxo_db_close(db));
}

/* ---- points in time ---- */

Test(history, a_dated_event_follows_the_meetings_of_its_date)
{
	cxo_db *db = series();
	/* created before c5's observation, the event still sorts after c5 */
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"s\",\"title\":\"S\"}");
	OBSERVE(db, "s", "2016-03-21", "prioritized");
	OBSERVE(db, "s", "2016-03-20", "raised");
	OBSERVE(db, "s", "c5", "raised");
	OBSERVE(db, "s", "2016-03-22", "assigned");
	cr_assert_str_eq(summary(db, "s", NULL),
	                 "2016-03-20 raised new+ []; c5 raised reaffirmed+ []; 2016-03-21 prioritized advanced+ []; "
	                 "2016-03-22 assigned advanced+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, a_partial_date_sorts_before_the_days_of_its_period)
{
	cxo_db *db = series();
	/* w4 is dated "2016", c5 "2016-03-21": w4 comes first, whatever the order of entry */
	cr_assert_str_eq(summary(db, "p", NULL), "w4 raised new+ []; c5 prioritized advanced+ []");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"y\",\"title\":\"Y\"}");
	OBSERVE(db, "y", "2016-01", "assigned");
	OBSERVE(db, "y", "2016", "raised");
	OBSERVE(db, "y", "2016-01-01", "in-progress");
	cr_assert_str_eq(summary(db, "y", NULL),
	                 "2016 raised new+ []; 2016-01 assigned advanced+ []; 2016-01-01 in-progress advanced+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, moving_a_meeting_moves_its_observations)
{
	cxo_db *db = series();
	cr_assert_str_eq(summary(db, "p", NULL), "w4 raised new+ []; c5 prioritized advanced+ []");
	/* mv's "dropped" at w4 now comes after "in-progress" at c5 and before "closed" at c6 */
	TH_ERR(th_update(db, CXO_KIND_MEETING, "{\"id\":\"w4\",\"date\":\"2016-12\"}"), CXO_WARNED,
	       "meeting \"w4\".date: observation \"mv\" \"cto\" \"w4\".status: moving from \"dropped\" to \"closed\" "
	       "(at c6, later) is not allowed by lifecycle \"cto\"");
	cr_assert_str_eq(summary(db, "p", NULL), "c5 prioritized new+ []; w4 raised regressed- []");
	TH_OK(cxo_db_close(db));
}

Test(history, another_handle_sees_a_moved_meeting)
{
	cxo_db *db = series();
	cr_assert_str_eq(summary(db, "p", NULL), "w4 raised new+ []; c5 prioritized advanced+ []");
	cxo_db *other = NULL;
	TH_OK(cxo_db_open(&other, th_path("test.db"), CXO_OPEN_READWRITE));
	cr_assert_eq(th_update(other, CXO_KIND_MEETING, "{\"id\":\"w4\",\"date\":\"2017\"}"), CXO_WARNED);
	TH_OK(cxo_db_close(other));
	cr_assert_str_eq(summary(db, "p", NULL), "c5 prioritized new+ []; w4 raised regressed- []");
	TH_OK(cxo_db_close(db));
}

/* ---- as of ---- */

Test(history, as_of_a_meeting_includes_it_and_not_the_events_of_its_date)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "c5";
	cr_assert_str_eq(summary(db, "ev", &q), "c5 raised new+ []");
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []; c5 assigned advanced+ [c2,x3,w4]");
	cr_assert_str_eq(summary(db, "mv", &q),
	                 "c1 raised new+ []; c2 prioritized advanced+ []; ts prioritized reaffirmed+ []; "
	                 "x3 raised regressed- []; w4 dropped dropped+ []; c5 in-progress reopened- []");
	q.as_of = "x3";
	cr_assert_str_eq(summary(db, "a", &q), "c1 raised new+ []");
	cr_assert_str_eq(summary(db, "p", &q), "");
	q.as_of = "c7"; /* the planned meeting */
	cr_assert_str_eq(summary(db, "mv", &q),
	                 "c1 raised new+ []; c2 prioritized advanced+ []; ts prioritized reaffirmed+ []; "
	                 "x3 raised regressed- []; w4 dropped dropped+ []; c5 in-progress reopened- []; "
	                 "c6 closed advanced+ []; 2018 closed reaffirmed+ []");
	cr_assert_str_eq(summary(db, "ev", &q),
	                 "c5 raised new+ []; 2016-03-21 prioritized advanced+ []; c6 assigned advanced+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, as_of_a_date_means_the_end_of_its_period)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "2016";
	cr_assert_str_eq(summary(db, "ev", &q), "c5 raised new+ []; 2016-03-21 prioritized advanced+ []");
	cr_assert_str_eq(summary(db, "mv", &q),
	                 "c1 raised new+ []; c2 prioritized advanced+ []; ts prioritized reaffirmed+ []; "
	                 "x3 raised regressed- []; w4 dropped dropped+ []; c5 in-progress reopened- []");
	q.as_of = "2016-03";
	cr_assert_str_eq(summary(db, "ev", &q), "c5 raised new+ []; 2016-03-21 prioritized advanced+ []");
	q.as_of = "2016-03-21";
	cr_assert_str_eq(summary(db, "ev", &q), "c5 raised new+ []; 2016-03-21 prioritized advanced+ []");
	q.as_of = "2016-03-20";
	cr_assert_str_eq(summary(db, "ev", &q), "");
	cr_assert_str_eq(summary(db, "p", &q), "w4 raised new+ []");
	q.as_of = "2015";
	cr_assert_str_eq(summary(db, "mv", &q),
	                 "c1 raised new+ []; c2 prioritized advanced+ []; ts prioritized reaffirmed+ []; "
	                 "x3 raised regressed- []");
	q.as_of = "2013-11-17";
	cr_assert_str_eq(summary(db, "mv", &q), "");
	q.as_of = "9999";
	cr_assert_str_eq(summary(db, "ev", &q),
	                 "c5 raised new+ []; 2016-03-21 prioritized advanced+ []; c6 assigned advanced+ []; "
	                 "2019 in-progress advanced+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, gaps_before_a_dated_event)
{
	cxo_db *db = series();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"g\",\"title\":\"G\"}");
	OBSERVE(db, "g", "c1", "raised");
	OBSERVE(db, "g", "2017", "assigned");
	cr_assert_str_eq(summary(db, "g", NULL), "c1 raised new+ []; 2017 assigned advanced+ [c2,x3,w4,c5]");
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "2017";
	cr_assert_str_eq(summary(db, "g", &q), "c1 raised new+ []; 2017 assigned advanced+ [c2,x3,w4,c5]");
	q.kinds = "cto";
	cr_assert_str_eq(summary(db, "g", &q), "c1 raised new+ []; 2017 assigned advanced+ [c2,c5]");
	TH_OK(cxo_db_close(db));
}

Test(history, bad_as_of)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	cxo_cursor *cur = (cxo_cursor *)1;
	q.as_of = "c9";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_ENOTFOUND, "as of: there is no meeting \"c9\"");
	cr_assert_null(cur);
	q.as_of = "2016-13";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL,
	       "as of: \"2016-13\" is not a date (month must be 01 to 12)");
	q.as_of = "C5";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL, "as of: \"C5\" is neither a date nor a meeting id");
	q.as_of = "";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_EINVAL, "as of: \"\" is neither a date nor a meeting id");
	TH_OK(cxo_db_close(db));
}

/* ---- which history ---- */

Test(history, unknown_topic_and_lifecycle)
{
	cxo_db *db = series();
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_topic_history(&cur, db, "zz", NULL), CXO_ENOTFOUND, "there is no topic \"zz\"");
	cr_assert_null(cur);
	cxo_query q = CXO_QUERY_INIT;
	q.lifecycle = "zz";
	TH_ERR(cxo_topic_history(&cur, db, "a", &q), CXO_ENOTFOUND, "there is no lifecycle \"zz\"");
	TH_ERR(cxo_topic_history(&cur, db, NULL, &q), CXO_ENOTFOUND, "there is no lifecycle \"zz\"");
	TH_OK(cxo_db_close(db));
}

Test(history, a_topic_without_observations_has_an_empty_history)
{
	cxo_db *db = series();
	TH_STR_EQ_FREE(th_history(db, "q", NULL), "[]");
	cxo_cursor *cur = NULL;
	const cxo_row *row = (const cxo_row *)1;
	TH_OK(cxo_topic_history(&cur, db, "q", NULL));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cr_assert_null(row);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

Test(history, every_topic_in_id_order)
{
	cxo_db *db = series();
	/* q has no observations and is left out */
	cr_assert_str_eq(summary(db, NULL, NULL),
	                 "a:c1 raised new+ []; a:c5 assigned advanced+ [c2,x3,w4]; "
	                 "ev:c5 raised new+ []; ev:2016-03-21 prioritized advanced+ []; ev:c6 assigned advanced+ []; "
	                 "ev:2019 in-progress advanced+ []; "
	                 "mv:c1 raised new+ []; mv:c2 prioritized advanced+ []; mv:ts prioritized reaffirmed+ []; "
	                 "mv:x3 raised regressed- []; mv:w4 dropped dropped+ []; mv:c5 in-progress reopened- []; "
	                 "mv:c6 closed advanced+ []; mv:2018 closed reaffirmed+ []; "
	                 "p:w4 raised new+ []; p:c5 prioritized advanced+ []");
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "x3";
	q.kinds = "cto";
	cr_assert_str_eq(summary(db, NULL, &q),
	                 "a:c1 raised new+ []; mv:c1 raised new+ []; mv:c2 prioritized advanced+ []; "
	                 "mv:ts prioritized reaffirmed+ []; mv:x3 raised regressed- []");
	TH_OK(cxo_db_close(db));
}

Test(history, topics_created_out_of_order_stream_in_id_order)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"zeta\",\"title\":\"Z\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"alpha\",\"title\":\"A\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"mid\",\"title\":\"M\"}");
	OBSERVE(db, "zeta", "m", "raised");
	OBSERVE(db, "mid", "m", "raised");
	OBSERVE(db, "alpha", "m", "raised");
	cr_assert_str_eq(summary(db, NULL, NULL), "alpha:m raised new+ []; mid:m raised new+ []; zeta:m raised new+ []");
	TH_OK(cxo_db_close(db));
}

Test(history, in_another_lifecycle)
{
	cxo_db *db = series();
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"statuses\":[{\"id\":\"active\",\"rank\":1},{\"id\":\"done\",\"rank\":2},"
	          "{\"id\":\"gone\",\"terminal\":true}],\"transitions\":[[\"active\",\"done\"],[\"active\",\"gone\"]]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"a\",\"lifecycle\":\"fg\",\"meeting\":\"c2\",\"status\":\"active\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"a\",\"lifecycle\":\"fg\",\"date\":\"2015\",\"status\":\"gone\"}");
	cr_assert_eq(th_create(db, CXO_KIND_OBSERVATION,
	                       "{\"topic\":\"a\",\"lifecycle\":\"fg\",\"meeting\":\"c6\",\"status\":\"done\"}"),
	             CXO_WARNED);
	cxo_query q = CXO_QUERY_INIT;
	q.lifecycle = "fg";
	/* x3 (2015-05-04) comes after the event dated 2015 */
	cr_assert_str_eq(summary(db, "a", &q), "c2 active new+ []; 2015 gone dropped+ []; c6 done reopened- [x3,w4,c5]");
	/* and the topic's history in "cto" is unchanged */
	cr_assert_str_eq(summary(db, "a", NULL), "c1 raised new+ []; c5 assigned advanced+ [c2,x3,w4]");
	TH_OK(cxo_db_close(db));
}

/* ---- derived fields of the lists ---- */

Test(lists, meetings_count_the_topics_discussed)
{
	cxo_db *db = series();
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL),
	               "[{\"id\":\"c1\",\"kind\":\"cto\",\"ordinal\":1,\"date\":\"2013-11-18\",\"topics_discussed\":2},"
	               "{\"id\":\"c2\",\"kind\":\"cto\",\"date\":\"2014-06-10\",\"topics_discussed\":1},"
	               "{\"id\":\"ts\",\"kind\":\"tsag\",\"date\":\"2014-09-01\",\"topics_discussed\":1},"
	               "{\"id\":\"x3\",\"kind\":\"cxo\",\"date\":\"2015-05-04\",\"topics_discussed\":1},"
	               "{\"id\":\"w4\",\"kind\":\"workshop\",\"date\":\"2016\",\"topics_discussed\":2},"
	               "{\"id\":\"c5\",\"kind\":\"cto\",\"date\":\"2016-03-21\",\"topics_discussed\":4},"
	               "{\"id\":\"c6\",\"kind\":\"cto\",\"date\":\"2017-10-02\",\"topics_discussed\":2},"
	               "{\"id\":\"c7\",\"kind\":\"cto\",\"date\":\"2018-11-05\",\"agenda\":[\"a\",\"q\"],\"topics_discussed\":0}]");
	TH_OK(cxo_db_close(db));
}

static const char *ids(cxo_db *db, cxo_kind kind, const cxo_query *q)
{
	static char out[1024];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, kind, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? " " : "", cxo_row_text(row, "id"));
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

Test(lists, meetings_filtered_by_kind)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	cr_assert_str_eq(ids(db, CXO_KIND_MEETING, &q), "c1 c2 ts x3 w4 c5 c6 c7");
	q.kinds = "cto";
	cr_assert_str_eq(ids(db, CXO_KIND_MEETING, &q), "c1 c2 c5 c6 c7");
	q.kinds = "tsag,workshop";
	cr_assert_str_eq(ids(db, CXO_KIND_MEETING, &q), "ts w4");
	q.kinds = "consultation";
	cr_assert_str_eq(ids(db, CXO_KIND_MEETING, &q), "");
	q.kinds = "cto,meeting";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_MEETING, &q), CXO_EINVAL,
	       "kinds: \"meeting\" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

Test(lists, topics_with_their_latest_status)
{
	cxo_db *db = series();
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               "[{\"id\":\"a\",\"title\":\"A\",\"status\":\"assigned\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"ev\",\"title\":\"Events\",\"status\":\"in-progress\",\"point\":\"2019\",\"date\":\"2019\"},"
	               "{\"id\":\"mv\",\"title\":\"Movements\",\"status\":\"closed\",\"point\":\"2018\",\"date\":\"2018\"},"
	               "{\"id\":\"p\",\"title\":\"Partial\",\"status\":\"prioritized\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"q\",\"title\":\"Quiet\",\"status\":null,\"point\":null,\"date\":null}]");
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "c5";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, &q),
	               "[{\"id\":\"a\",\"title\":\"A\",\"status\":\"assigned\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"ev\",\"title\":\"Events\",\"status\":\"raised\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"mv\",\"title\":\"Movements\",\"status\":\"in-progress\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"p\",\"title\":\"Partial\",\"status\":\"prioritized\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"q\",\"title\":\"Quiet\",\"status\":null,\"point\":null,\"date\":null}]");
	q.as_of = "2016-03";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, &q),
	               "[{\"id\":\"a\",\"title\":\"A\",\"status\":\"assigned\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"ev\",\"title\":\"Events\",\"status\":\"prioritized\",\"point\":\"2016-03-21\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"mv\",\"title\":\"Movements\",\"status\":\"in-progress\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"p\",\"title\":\"Partial\",\"status\":\"prioritized\",\"point\":\"c5\",\"date\":\"2016-03-21\"},"
	               "{\"id\":\"q\",\"title\":\"Quiet\",\"status\":null,\"point\":null,\"date\":null}]");
	q.as_of = "2016-02";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, &q),
	               "[{\"id\":\"a\",\"title\":\"A\",\"status\":\"raised\",\"point\":\"c1\",\"date\":\"2013-11-18\"},"
	               "{\"id\":\"ev\",\"title\":\"Events\",\"status\":null,\"point\":null,\"date\":null},"
	               "{\"id\":\"mv\",\"title\":\"Movements\",\"status\":\"dropped\",\"point\":\"w4\",\"date\":\"2016\"},"
	               "{\"id\":\"p\",\"title\":\"Partial\",\"status\":\"raised\",\"point\":\"w4\",\"date\":\"2016\"},"
	               "{\"id\":\"q\",\"title\":\"Quiet\",\"status\":null,\"point\":null,\"date\":null}]");
	TH_OK(cxo_db_close(db));
}

Test(lists, topics_filtered_by_status)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	q.status = "closed";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "mv");
	q.status = "prioritized";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "p");
	q.as_of = "c5";
	q.status = "raised";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "ev");
	q.status = "in-progress";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "mv");
	q.as_of = NULL;
	q.status = "delivered";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "");
	cxo_cursor *cur = (cxo_cursor *)1;
	q.status = "deliverd";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_TOPIC, &q), CXO_EINVAL,
	       "status: \"deliverd\" is not a status of lifecycle \"cto\"");
	cr_assert_null(cur);
	q.status = NULL;
	q.lifecycle = "zz";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_TOPIC, &q), CXO_ENOTFOUND, "there is no lifecycle \"zz\"");
	q.lifecycle = NULL;
	q.as_of = "c9";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_TOPIC, &q), CXO_ENOTFOUND, "as of: there is no meeting \"c9\"");
	TH_OK(cxo_db_close(db));
}

Test(lists, topics_in_another_lifecycle)
{
	cxo_db *db = series();
	TH_CREATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"statuses\":[{\"id\":\"active\",\"rank\":1}]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"q\",\"lifecycle\":\"fg\",\"meeting\":\"c2\",\"status\":\"active\"}");
	cxo_query q = CXO_QUERY_INIT;
	q.lifecycle = "fg";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, &q),
	               "[{\"id\":\"a\",\"title\":\"A\",\"status\":null,\"point\":null,\"date\":null},"
	               "{\"id\":\"ev\",\"title\":\"Events\",\"status\":null,\"point\":null,\"date\":null},"
	               "{\"id\":\"mv\",\"title\":\"Movements\",\"status\":null,\"point\":null,\"date\":null},"
	               "{\"id\":\"p\",\"title\":\"Partial\",\"status\":null,\"point\":null,\"date\":null},"
	               "{\"id\":\"q\",\"title\":\"Quiet\",\"status\":\"active\",\"point\":\"c2\",\"date\":\"2014-06-10\"}]");
	q.status = "active";
	cr_assert_str_eq(ids(db, CXO_KIND_TOPIC, &q), "q");
	/* c2 now discussed two topics, in two lifecycles */
	q.status = NULL;
	q.lifecycle = NULL;
	q.kinds = "cto";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_MEETING, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "c2");
	cr_assert_eq(cxo_row_int(row, "topics_discussed"), 2);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}
