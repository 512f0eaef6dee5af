/* Conclusions, the actions they ask for and the follow-ups of those actions:
 * nested and on their own, canonical order, references, and the fields the
 * action list derives (status, age, overdue) at several points in time. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(conclusions, .init = th_setup, .fini = th_teardown);
TestSuite(actions, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))
#define GET_EQ(db, kind, key, json) TH_GET_EQ((db), (kind), (key), J(json))
#define LIST_EQ(db, kind, q, json) TH_STR_EQ_FREE(th_list((db), (kind), (q)), J(json))
#define CREATE_FAILS(db, kind, json, code, msg) TH_ERR(th_create((db), (kind), J(json)), (code), (msg))
#define UPDATE_FAILS(db, kind, json, code, msg) TH_ERR(th_update((db), (kind), J(json)), (code), (msg))

/*
 * The series:
 *
 *   m1  cto   2013-11-18   t1:raised
 *   m2  cto   2014-06-10   t1:prioritized
 *   ts  tsag  2014-09-01
 *   m3  cxo   2015-05-04   t1:assigned
 *   m4  cto   2016-03-21   t2:raised          <- now: the latest meeting with observations
 *   m5  cto   2017-10-02   planned (an agenda, no observations)
 */
static cxo_db *series(void)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'ts','kind':'tsag','date':'2014-09-01'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m3','kind':'cxo','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m4','kind':'cto','date':'2016-03-21'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m5','kind':'cto','date':'2017-10-02','agenda':['t1']}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'Topic one'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Topic two'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Topic three'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m2','status':'prioritized'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m3','status':'assigned'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t2','meeting':'m4','status':'raised'}");
	return db;
}

/*
 * The actions of the series:
 *
 *   m1/1 at m1 about t1:      a1 TSB   due m2          follow-ups m2 in-progress, m4 done
 *                             a2 SG13  due 2015 (the end of 2015)
 *   m2/1 at m2 about t2, t1:  a3 TSB   due 2016-03-21  follow-up 2015-01 dropped
 *                             a4 SG12  due 2016-03-20
 *   m4/1 at m4 about t1:      a5 TSB   due m5
 */
static cxo_db *with_actions(void)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m1/1','meeting':'m1','number':'1','topics':['t1'],'actions':["
	       "{'id':'a2','owner':'SG13','due_date':'2015'},"
	       "{'id':'a1','owner':'TSB','due_meeting':'m2','followups':["
	       "{'meeting':'m4','status':'done'},{'meeting':'m2','status':'in-progress'}]}]}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	       "{'id':'a3','owner':'TSB','due_date':'2016-03-21','followups':[{'date':'2015-01','status':'dropped'}]},"
	       "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}]}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m4/1','meeting':'m4','number':'1','topics':['t1'],'actions':["
	       "{'id':'a5','owner':'TSB','due_meeting':'m5'}]}");
	return db;
}

/* The action list as "id:status/age/overdue(+|-) ...". */
static const char *actions(cxo_db *db, const cxo_query *q)
{
	static char out[1024];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_ACTION, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		cr_assert_eq(cxo_row_type(row, "overdue"), CXO_TYPE_BOOL);
		cr_assert_eq(cxo_row_type(row, "age"), CXO_TYPE_INT);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%s/%lld%c", o ? " " : "", cxo_row_text(row, "id"),
		                      cxo_row_text(row, "status"), (long long)cxo_row_int(row, "age"),
		                      cxo_row_int(row, "overdue") ? '+' : '-');
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

static const char *actions_as_of(cxo_db *db, const char *as_of)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = as_of;
	return actions(db, &q);
}

/* ---- conclusions ---- */

Test(conclusions, nested_actions_and_followups_in_canonical_form)
{
	cxo_db *db = series();
	/* fields in any order; actions come out by id, follow-ups by time */
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'actions':[{'followups':[{'note':'approved','status':'done','meeting':'m3'},"
	       "{'sources':[{'ref':'TSAG-R 12'}],'status':'in-progress','meeting':'m2'}],"
	       "'due_meeting':'m3','description':'Draft a Recommendation','owner':'SG12','id':'b'},"
	       "{'id':'a','owner':'TSB','due_date':'2014','uncertain':true,'note':'informal',"
	       "'sources':[{'url':'https://itu.int/a'}]}],"
	       "'uncertain':true,'note':'n','sources':[{'ref':'Communiqu\xc3\xa9 \xc2\xa7" "3'}],'topics':['t2','t1'],"
	       "'text':'The CTOs ask SG12 to study QoE.','kind':'request','number':'3','meeting':'m1','id':'m1/3'}");
	const char *canonical =
		"{'id':'m1/3','meeting':'m1','number':'3','kind':'request','text':'The CTOs ask SG12 to study QoE.',"
		"'topics':['t2','t1'],'sources':[{'ref':'Communiqu\xc3\xa9 \xc2\xa7" "3'}],'note':'n','uncertain':true,"
		"'actions':[{'id':'a','owner':'TSB','due_date':'2014','sources':[{'url':'https://itu.int/a'}],"
		"'note':'informal','uncertain':true},"
		"{'id':'b','owner':'SG12','description':'Draft a Recommendation','due_meeting':'m3','followups':["
		"{'meeting':'m2','status':'in-progress','sources':[{'ref':'TSAG-R 12'}]},"
		"{'meeting':'m3','status':'done','note':'approved'}]}]}";
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m1/3"), canonical);
	/* each nested record is a record of its own kind */
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("b"),
	       "{'id':'b','conclusion':'m1/3','owner':'SG12','description':'Draft a Recommendation','due_meeting':'m3',"
	       "'followups':[{'meeting':'m2','status':'in-progress','sources':[{'ref':'TSAG-R 12'}]},"
	       "{'meeting':'m3','status':'done','note':'approved'}]}");
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("a"),
	       "{'id':'a','conclusion':'m1/3','owner':'TSB','due_date':'2014','sources':[{'url':'https://itu.int/a'}],"
	       "'note':'informal','uncertain':true}");
	GET_EQ(db, CXO_KIND_FOLLOWUP, TH_KEY("b", "m2"),
	       "{'action':'b','meeting':'m2','status':'in-progress','sources':[{'ref':'TSAG-R 12'}]}");
	GET_EQ(db, CXO_KIND_FOLLOWUP, TH_KEY("b", "m3"), "{'action':'b','meeting':'m3','status':'done','note':'approved'}");
	/* the canonical form goes back in unchanged: nothing is written */
	TH_UPDATE(db, CXO_KIND_CONCLUSION, J(canonical));
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m1/3"), canonical);
	TH_OK(cxo_db_close(db));
}

Test(conclusions, minimal_records_leave_out_empty_fields)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'c','meeting':'m2','topics':[],'sources':[],'uncertain':false,'note':null,'actions':[]}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("c"), "{'id':'c','meeting':'m2'}");
	CREATE(db, CXO_KIND_ACTION, "{'id':'x','conclusion':'c','followups':[],'sources':[],'uncertain':false}");
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("x"), "{'id':'x','conclusion':'c'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'x','date':'2015','status':'open','sources':[],'uncertain':false}");
	GET_EQ(db, CXO_KIND_FOLLOWUP, TH_KEY("x", "2015"), "{'action':'x','date':'2015','status':'open'}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("c"),
	       "{'id':'c','meeting':'m2','actions':[{'id':'x','followups':[{'date':'2015','status':'open'}]}]}");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, created_on_their_own_and_read_nested)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m2/1','meeting':'m2','number':'1','kind':'decision','topics':['t1']}");
	CREATE(db, CXO_KIND_ACTION, "{'id':'z','conclusion':'m2/1','owner':'TSB','due_meeting':'m4'}");
	CREATE(db, CXO_KIND_ACTION, "{'id':'y','conclusion':'m2/1','owner':'SG13','description':'Report back'}");
	/* a dated follow-up sorts after the meeting of its date */
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'z','date':'2016-03-21','status':'done'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'z','meeting':'m4','status':'in-progress'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'z','date':'2015','status':'open','note':'nothing yet'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'z','meeting':'m2','status':'open','uncertain':true}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','kind':'decision','topics':['t1'],'actions':["
	       "{'id':'y','owner':'SG13','description':'Report back'},"
	       "{'id':'z','owner':'TSB','due_meeting':'m4','followups':["
	       "{'meeting':'m2','status':'open','uncertain':true},{'date':'2015','status':'open','note':'nothing yet'},"
	       "{'meeting':'m4','status':'in-progress'},{'date':'2016-03-21','status':'done'}]}]}");
	/* the follow-up list: by action, then time */
	cxo_query q = CXO_QUERY_INIT;
	q.action = "z";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q,
	        "[{'action':'z','meeting':'m2','status':'open','uncertain':true},"
	        "{'action':'z','date':'2015','status':'open','note':'nothing yet'},"
	        "{'action':'z','meeting':'m4','status':'in-progress'},{'action':'z','date':'2016-03-21','status':'done'}]");
	q.as_of = "m4";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q,
	        "[{'action':'z','meeting':'m2','status':'open','uncertain':true},"
	        "{'action':'z','date':'2015','status':'open','note':'nothing yet'},"
	        "{'action':'z','meeting':'m4','status':'in-progress'}]");
	q.as_of = "2015";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q,
	        "[{'action':'z','meeting':'m2','status':'open','uncertain':true},"
	        "{'action':'z','date':'2015','status':'open','note':'nothing yet'}]");
	q.as_of = NULL;
	q.action = NULL;
	q.meeting = "m4";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q, "[{'action':'z','meeting':'m4','status':'in-progress'}]");
	/* updating a follow-up by its key */
	UPDATE(db, CXO_KIND_FOLLOWUP, "{'action':'z','date':'2015','status':'in-progress','note':null}");
	GET_EQ(db, CXO_KIND_FOLLOWUP, TH_KEY("z", "2015"), "{'action':'z','date':'2015','status':'in-progress'}");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, updating_the_nested_list_replaces_it)
{
	cxo_db *db = with_actions();
	UPDATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m2/1','actions':[{'id':'a6','owner':'TSAG'},{'id':'a4','owner':'SG12','followups':["
	       "{'meeting':'m3','status':'in-progress'}]}]}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	       "{'id':'a4','owner':'SG12','followups':[{'meeting':'m3','status':'in-progress'}]},{'id':'a6','owner':'TSAG'}]}");
	cxo_row *out = (cxo_row *)1;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ACTION, TH_KEY("a3"), 1), CXO_ENOTFOUND, "action \"a3\" does not exist");
	cr_assert_null(out);
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_FOLLOWUP, TH_KEY("a3", "2015-01"), 2), CXO_ENOTFOUND,
	       "followup \"a3\" \"2015-01\" does not exist");
	/* without the list, the stored one stays */
	UPDATE(db, CXO_KIND_CONCLUSION, "{'id':'m2/1','text':'Two actions'}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','text':'Two actions','topics':['t2','t1'],'actions':["
	       "{'id':'a4','owner':'SG12','followups':[{'meeting':'m3','status':'in-progress'}]},{'id':'a6','owner':'TSAG'}]}");
	/* an empty list empties it */
	UPDATE(db, CXO_KIND_CONCLUSION, "{'id':'m2/1','actions':[]}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','text':'Two actions','topics':['t2','t1']}");
	LIST_EQ(db, CXO_KIND_FOLLOWUP, NULL,
	        "[{'action':'a1','meeting':'m2','status':'in-progress'},{'action':'a1','meeting':'m4','status':'done'}]");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, errors)
{
	cxo_db *db = series();
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','number':'1'}", CXO_EINVAL,
	             "conclusion \"c\".meeting: a value is required");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m9'}", CXO_ENOTFOUND,
	             "conclusion \"c\".meeting: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','topics':['t1','nope','t2']}", CXO_ENOTFOUND,
	             "conclusion \"c\".topics[1]: there is no topic \"nope\"");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','topics':['t1','t2','t1']}", CXO_EINVAL,
	             "conclusion \"c\".topics: \"t1\" appears twice");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','kind':'wish'}", CXO_EINVAL,
	             "conclusion \"c\".kind: \"wish\" is not one of priority, request, recommendation, observation, "
	             "decision");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','number':3}", CXO_EINVAL,
	             "conclusion \"c\".number: expected text, got an integer");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','actions':{'id':'a'}}", CXO_EINVAL,
	             "conclusion \"c\".actions: expected a list of actions");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','actions':[{'id':'a','conclusion':'c'}]}",
	             CXO_EINVAL,
	             "conclusion \"c\".actions[0]: unknown field \"conclusion\" (nested, the conclusion is the record around it)");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','actions':[{'id':'a'},{'id':'b'},{'id':'a'}]}",
	             CXO_EINVAL, "conclusion \"c\".actions: two actions with the key \"a\"");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','actions':[{'id':'a','colour':'red'}]}",
	             CXO_EINVAL,
	             "conclusion \"c\".actions[0]: unknown field \"colour\" (an action has: id, conclusion, owner, description, due_meeting, due_date, sources, note, uncertain, followups)");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION,
	             "{'id':'c','meeting':'m1','actions':[{'id':'a','followups':[{'meeting':'m2','status':'open'},"
	             "{'meeting':'m2','status':'done'}]}]}",
	             CXO_EINVAL, "conclusion \"c\".actions[0].followups: two followups with the key \"m2\"");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION,
	             "{'id':'c','meeting':'m1','actions':[{'id':'a','followups':[{'meeting':'m9','status':'open'}]}]}",
	             CXO_ENOTFOUND, "conclusion \"c\".actions[0].followups[0].meeting: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION,
	             "{'id':'c','meeting':'m1','actions':[{'id':'a','due_meeting':'m9'}]}",
	             CXO_ENOTFOUND, "conclusion \"c\".actions[\"a\"].due_meeting: there is no meeting \"m9\"");
	/* nothing of the failed changes was written */
	LIST_EQ(db, CXO_KIND_CONCLUSION, NULL, "[]");
	LIST_EQ(db, CXO_KIND_ACTION, NULL, "[]");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1'}");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m2'}", CXO_EEXISTS,
	             "conclusion \"c\" already exists");
	UPDATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'d','meeting':'m2'}", CXO_ENOTFOUND,
	             "conclusion \"d\" does not exist");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, action_errors)
{
	cxo_db *db = with_actions();
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'x'}", CXO_EINVAL, "action \"x\".conclusion: a value is required");
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'x','conclusion':'m9/1'}", CXO_ENOTFOUND,
	             "action \"x\".conclusion: there is no conclusion \"m9/1\"");
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'x','conclusion':'m1/1','due_meeting':'m2','due_date':'2014'}",
	             CXO_EINVAL, "action \"x\": give a due_meeting or a due_date, not both");
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'x','conclusion':'m1/1','due_meeting':'m9'}", CXO_ENOTFOUND,
	             "action \"x\".due_meeting: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'x','conclusion':'m1/1','due_date':'2014-13'}", CXO_EINVAL,
	             "action \"x\".due_date: \"2014-13\" is not a date (month must be 01 to 12)");
	/* an update is checked whole: a due date beside the stored due meeting */
	UPDATE_FAILS(db, CXO_KIND_ACTION, "{'id':'a1','due_date':'2014'}", CXO_EINVAL,
	             "action \"a1\": give a due_meeting or a due_date, not both");
	UPDATE(db, CXO_KIND_ACTION, "{'id':'a1','due_meeting':null,'due_date':'2014'}");
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("a1"),
	       "{'id':'a1','conclusion':'m1/1','owner':'TSB','due_date':'2014','followups':["
	       "{'meeting':'m2','status':'in-progress'},{'meeting':'m4','status':'done'}]}");
	/* action ids are unique across conclusions */
	CREATE_FAILS(db, CXO_KIND_ACTION, "{'id':'a1','conclusion':'m2/1'}", CXO_EEXISTS, "action \"a1\" already exists");
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'m3/1','meeting':'m3','actions':[{'id':'a1'},{'id':'a9'}]}",
	             CXO_EEXISTS,
	             "conclusion \"m3/1\".actions[\"a1\"]: an action with the id \"a1\" already exists (in conclusion \"m1/1\")");
	UPDATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'m2/1','actions':[{'id':'a2'},{'id':'a3'}]}", CXO_EEXISTS,
	             "conclusion \"m2/1\".actions[\"a2\"]: an action with the id \"a2\" already exists (in conclusion \"m1/1\")");
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_CONCLUSION, TH_KEY("m3/1"), 1), CXO_ENOTFOUND,
	       "conclusion \"m3/1\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ACTION, TH_KEY("a9"), 1), CXO_ENOTFOUND, "action \"a9\" does not exist");
	/* the conclusion's own action list is left as it was */
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	       "{'id':'a3','owner':'TSB','due_date':'2016-03-21','followups':[{'date':'2015-01','status':'dropped'}]},"
	       "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}]}");
	/* an action may move to another conclusion */
	UPDATE(db, CXO_KIND_ACTION, "{'id':'a2','conclusion':'m2/1'}");
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("a2"), "{'id':'a2','conclusion':'m2/1','owner':'SG13','due_date':'2015'}");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, followup_errors)
{
	cxo_db *db = with_actions();
	/* a3 belongs to m2/1, at m2 (2014-06-10) */
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m1','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"m1\".meeting: m1 is before the action's conclusion (at m2)");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2014-06-09','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"2014-06-09\".date: 2014-06-09 is before the action's conclusion (at m2)");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2013','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"2013\".date: 2013 is before the action's conclusion (at m2)");
	/* the conclusion's own meeting, its day, and a period reaching into it are not before it */
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m2','status':'open'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2014-06-10','status':'open'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2014-06','status':'open'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2014','status':'open'}");
	/* nested, the same check */
	UPDATE_FAILS(db, CXO_KIND_CONCLUSION,
	             "{'id':'m2/1','actions':[{'id':'a3','followups':[{'meeting':'m1','status':'open'},"
	             "{'meeting':'m3','status':'done'}]}]}",
	             CXO_EINVAL, "conclusion \"m2/1\".actions[\"a3\"].followups[\"m1\"].meeting: m1 is before the action's "
	                         "conclusion (at m2)");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m3','date':'2015','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"m3\": give a meeting or a date, not both");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"\": the key field \"meeting or date\" is required");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m3'}", CXO_EINVAL,
	             "followup \"a3\" \"m3\".status: a value is required");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m3','status':'finished'}", CXO_EINVAL,
	             "followup \"a3\" \"m3\".status: \"finished\" is not one of open, in-progress, done, dropped, "
	             "superseded");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a9','meeting':'m3','status':'open'}", CXO_ENOTFOUND,
	             "followup \"a9\" \"m3\".action: there is no action \"a9\"");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','meeting':'m9','status':'open'}", CXO_ENOTFOUND,
	             "followup \"a3\" \"m9\".meeting: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2015-02-30','status':'open'}", CXO_EINVAL,
	             "followup \"a3\" \"2015-02-30\".date: \"2015-02-30\" is not a date (no such day in that month)");
	CREATE_FAILS(db, CXO_KIND_FOLLOWUP, "{'action':'a3','date':'2015-01','status':'done'}", CXO_EEXISTS,
	             "followup \"a3\" \"2015-01\" already exists");
	/* partial dates sort as the first day of their period */
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	       "{'id':'a3','owner':'TSB','due_date':'2016-03-21','followups':[{'date':'2014','status':'open'},"
	       "{'date':'2014-06','status':'open'},{'meeting':'m2','status':'open'},{'date':'2014-06-10','status':'open'},"
	       "{'date':'2015-01','status':'dropped'}]},"
	       "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}]}");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, listed_by_meeting_order_then_number)
{
	cxo_db *db = with_actions();
	/* numbers as printed: "2b" sorts by its leading number, "10" after "9" */
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m3/10','meeting':'m3','number':'10'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m3/9','meeting':'m3','number':'9'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m3/2b','meeting':'m3','number':'2b','topics':['t3']}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m3/x','meeting':'m3','topics':['t3']}");
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = "m3";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q,
	        "[{'id':'m3/x','meeting':'m3','topics':['t3'],'date':'2015-05-04'},"
	        "{'id':'m3/2b','meeting':'m3','number':'2b','topics':['t3'],'date':'2015-05-04'},"
	        "{'id':'m3/9','meeting':'m3','number':'9','date':'2015-05-04'},"
	        "{'id':'m3/10','meeting':'m3','number':'10','date':'2015-05-04'}]");
	q.meeting = "m4";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q,
	        "[{'id':'m4/1','meeting':'m4','number':'1','topics':['t1'],'actions':[{'id':'a5','owner':'TSB',"
	        "'due_meeting':'m5'}],'date':'2016-03-21'}]");
	q.meeting = "m5";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, "[]");
	/* a topic's conclusions, across meetings */
	q.meeting = NULL;
	q.topic = "t2";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q,
	        "[{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	        "{'id':'a3','owner':'TSB','due_date':'2016-03-21','followups':[{'date':'2015-01','status':'dropped'}]},"
	        "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}],'date':'2014-06-10'}]");
	q.topic = "t3";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q,
	        "[{'id':'m3/x','meeting':'m3','topics':['t3'],'date':'2015-05-04'},"
	        "{'id':'m3/2b','meeting':'m3','number':'2b','topics':['t3'],'date':'2015-05-04'}]");
	/* both filters at once */
	q.topic = "t1";
	q.meeting = "m1";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_CONCLUSION, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "m1/1");
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	/* unknown filters */
	q.meeting = "m9";
	cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_CONCLUSION, &q), CXO_ENOTFOUND, "meeting: there is no meeting \"m9\"");
	cr_assert_null(cur);
	q.meeting = NULL;
	q.topic = "t9";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_CONCLUSION, &q), CXO_ENOTFOUND, "topic: there is no topic \"t9\"");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, as_of_a_point)
{
	cxo_db *db = with_actions();
	cxo_query q = CXO_QUERY_INIT;
	const char *m1 = "{'id':'m1/1','meeting':'m1','number':'1','topics':['t1'],'actions':["
	                 "{'id':'a1','owner':'TSB','due_meeting':'m2','followups':[{'meeting':'m2','status':'in-progress'}%s]},"
	                 "{'id':'a2','owner':'SG13','due_date':'2015'}],'date':'2013-11-18'}";
	const char *m2 = "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	                 "{'id':'a3','owner':'TSB','due_date':'2016-03-21'%s},"
	                 "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}],'date':'2014-06-10'}";
	const char *m4 = "{'id':'m4/1','meeting':'m4','number':'1','topics':['t1'],'actions':["
	                 "{'id':'a5','owner':'TSB','due_meeting':'m5'}],'date':'2016-03-21'}";
	const char *done = ",{'meeting':'m4','status':'done'}";
	const char *dropped = ",'followups':[{'date':'2015-01','status':'dropped'}]";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s,%s,%s]", th_msg(m1, done), th_msg(m2, dropped), m4));
	q.as_of = "m4";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s,%s,%s]", th_msg(m1, done), th_msg(m2, dropped), m4));
	/* follow-ups dated later are ignored too, in the nested lists */
	q.as_of = "m3";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s,%s]", th_msg(m1, ""), th_msg(m2, dropped)));
	q.as_of = "2014-12";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s,%s]", th_msg(m1, ""), th_msg(m2, "")));
	q.as_of = "m2";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s,%s]", th_msg(m1, ""), th_msg(m2, "")));
	q.as_of = "2014-06-09";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q,
	        "[{'id':'m1/1','meeting':'m1','number':'1','topics':['t1'],'actions':["
	        "{'id':'a1','owner':'TSB','due_meeting':'m2'},{'id':'a2','owner':'SG13','due_date':'2015'}],"
	        "'date':'2013-11-18'}]");
	q.as_of = "2012";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, "[]");
	/* as of a meeting and a topic: the topic's conclusions until then */
	q.as_of = "m2";
	q.topic = "t2";
	LIST_EQ(db, CXO_KIND_CONCLUSION, &q, th_msg("[%s]", th_msg(m2, "")));
	q.as_of = "m9";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_CONCLUSION, &q), CXO_ENOTFOUND, "as of: there is no meeting \"m9\"");
	cr_assert_null(cur);
	q.as_of = "2014-14";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_CONCLUSION, &q), CXO_EINVAL,
	       "as of: \"2014-14\" is not a date (month must be 01 to 12)");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, deleting_a_conclusion_takes_its_actions_and_followups)
{
	cxo_db *db = with_actions();
	TH_OK(cxo_record_delete(db, CXO_KIND_CONCLUSION, TH_KEY("m1/1"), 1, 0));
	LIST_EQ(db, CXO_KIND_FOLLOWUP, NULL, "[{'action':'a3','date':'2015-01','status':'dropped'}]");
	cr_assert_str_eq(actions(db, NULL), "a3:dropped/2- a4:open/2+ a5:open/0-");
	/* deleting an action takes its follow-ups */
	TH_OK(cxo_record_delete(db, CXO_KIND_ACTION, TH_KEY("a3"), 1, 0));
	LIST_EQ(db, CXO_KIND_FOLLOWUP, NULL, "[]");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2','t1'],'actions':["
	       "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}]}");
	/* a follow-up on its own */
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a4','meeting':'m3','status':'done'}");
	TH_OK(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a4", "m3"), 2, 0));
	TH_ERR(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a4", "m3"), 2, 0), CXO_ENOTFOUND,
	       "followup \"a4\" \"m3\" does not exist");
	TH_ERR(cxo_record_delete(db, CXO_KIND_ACTION, TH_KEY("a3"), 1, 0), CXO_ENOTFOUND, "action \"a3\" does not exist");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, deleting_a_meeting_they_refer_to)
{
	cxo_db *db = with_actions();
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m2\" is referred to by 1 observation, 1 conclusion, 1 follow-up and 1 action due then; "
	       "delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m5"), 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m5\" is referred to by 1 action due then; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, CXO_DELETE_CASCADE));
	/* its conclusion went with its actions; a1 lost its follow-up there and its due meeting */
	LIST_EQ(db, CXO_KIND_CONCLUSION, NULL,
	        "[{'id':'m1/1','meeting':'m1','number':'1','topics':['t1'],'actions':["
	        "{'id':'a1','owner':'TSB','followups':[{'meeting':'m4','status':'done'}]},"
	        "{'id':'a2','owner':'SG13','due_date':'2015'}],'date':'2013-11-18'},"
	        "{'id':'m4/1','meeting':'m4','number':'1','topics':['t1'],'actions':["
	        "{'id':'a5','owner':'TSB','due_meeting':'m5'}],'date':'2016-03-21'}]");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m5"), 1, CXO_DELETE_CASCADE));
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("a5"), "{'id':'a5','conclusion':'m4/1','owner':'TSB'}");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, a_meeting_cascade_through_its_own_conclusions)
{
	cxo_db *db = series();
	/* an action due at the meeting that concluded it, followed up there too */
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m3/1','meeting':'m3','actions':[{'id':'x','due_meeting':'m3','followups':["
	       "{'meeting':'m3','status':'done'}]}]}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m3"), 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m3\" is referred to by 1 observation, 1 conclusion, 1 follow-up and 1 action due then; "
	       "delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m3"), 1, CXO_DELETE_CASCADE));
	LIST_EQ(db, CXO_KIND_CONCLUSION, NULL, "[]");
	LIST_EQ(db, CXO_KIND_ACTION, NULL, "[]");
	LIST_EQ(db, CXO_KIND_FOLLOWUP, NULL, "[]");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, deleting_a_topic_they_cite)
{
	cxo_db *db = with_actions();
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t2"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"t2\" is referred to by 1 observation and 1 conclusion; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t1"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"t1\" is referred to by 3 observations and 3 conclusions; delete them first, or cascade");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'ts/1','meeting':'ts','topics':['t3']}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t3"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"t3\" is referred to by 1 conclusion; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t2"), 1, CXO_DELETE_CASCADE));
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m2/1"),
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t1'],'actions':["
	       "{'id':'a3','owner':'TSB','due_date':'2016-03-21','followups':[{'date':'2015-01','status':'dropped'}]},"
	       "{'id':'a4','owner':'SG12','due_date':'2016-03-20'}]}");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t3"), 1, CXO_DELETE_CASCADE));
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("ts/1"), "{'id':'ts/1','meeting':'ts'}");
	TH_OK(cxo_db_close(db));
}

/* ---- the action list ---- */

Test(actions, every_field_of_a_row)
{
	cxo_db *db = with_actions();
	cxo_query q = CXO_QUERY_INIT;
	q.owner = "TSB";
	LIST_EQ(db, CXO_KIND_ACTION, &q,
	        "[{'id':'a1','conclusion':'m1/1','owner':'TSB','due_meeting':'m2','followups':["
	        "{'meeting':'m2','status':'in-progress'},{'meeting':'m4','status':'done'}],"
	        "'meeting':'m1','status':'done','age':3,'overdue':false},"
	        "{'id':'a3','conclusion':'m2/1','owner':'TSB','due_date':'2016-03-21','followups':["
	        "{'date':'2015-01','status':'dropped'}],'meeting':'m2','status':'dropped','age':2,'overdue':false},"
	        "{'id':'a5','conclusion':'m4/1','owner':'TSB','due_meeting':'m5','meeting':'m4','status':'open','age':0,"
	        "'overdue':false}]");
	/* as of m2, a1's later follow-up is not part of its row */
	q.as_of = "m2";
	LIST_EQ(db, CXO_KIND_ACTION, &q,
	        "[{'id':'a1','conclusion':'m1/1','owner':'TSB','due_meeting':'m2','followups':["
	        "{'meeting':'m2','status':'in-progress'}],'meeting':'m1','status':'in-progress','age':1,'overdue':false},"
	        "{'id':'a3','conclusion':'m2/1','owner':'TSB','due_date':'2016-03-21','meeting':'m2','status':'open',"
	        "'age':0,'overdue':false}]");
	TH_OK(cxo_db_close(db));
}

Test(actions, status_age_and_overdue_at_several_points)
{
	cxo_db *db = with_actions();
	/* now is m4: a2's due period (2015) has ended, a4's due day (2016-03-20) too */
	cr_assert_str_eq(actions(db, NULL), "a1:done/3- a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	cr_assert_str_eq(actions_as_of(db, "m4"), "a1:done/3- a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	/* as of m3 (a cxo meeting, tracked; ts is a tsag meeting, not tracked) */
	cr_assert_str_eq(actions_as_of(db, "m3"), "a1:in-progress/2+ a2:open/2- a3:dropped/1- a4:open/1-");
	cr_assert_str_eq(actions_as_of(db, "ts"), "a1:in-progress/1+ a2:open/1- a3:open/0- a4:open/0-");
	/* due at m2 and as of m2: not yet overdue */
	cr_assert_str_eq(actions_as_of(db, "m2"), "a1:in-progress/1- a2:open/1- a3:open/0- a4:open/0-");
	cr_assert_str_eq(actions_as_of(db, "m1"), "a1:open/0- a2:open/0-");
	cr_assert_str_eq(actions_as_of(db, "2013-11-17"), "");
	/* a partial due date means the end of its period: "2015" is overdue from 2016 on */
	cr_assert_str_eq(actions_as_of(db, "2015"), "a1:in-progress/2+ a2:open/2- a3:dropped/1- a4:open/1-");
	cr_assert_str_eq(actions_as_of(db, "2015-12-31"), "a1:in-progress/2+ a2:open/2- a3:dropped/1- a4:open/1-");
	cr_assert_str_eq(actions_as_of(db, "2016-01-01"), "a1:in-progress/2+ a2:open/2+ a3:dropped/1- a4:open/1-");
	cr_assert_str_eq(actions_as_of(db, "2016-01"), "a1:in-progress/2+ a2:open/2+ a3:dropped/1- a4:open/1-");
	/* a due day: overdue the day after */
	cr_assert_str_eq(actions_as_of(db, "2016-03-20"), "a1:in-progress/2+ a2:open/2+ a3:dropped/1- a4:open/1-");
	cr_assert_str_eq(actions_as_of(db, "2016-03"), "a1:done/3- a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	/* as of the end of 2014, now is m2 (nothing was observed at ts) */
	cr_assert_str_eq(actions_as_of(db, "2014"), "a1:in-progress/1+ a2:open/1- a3:open/0- a4:open/0-");
	/* a follow-up reopens an action: no longer done, overdue again (without an
	 * as-of point nothing is cut off, not even what is dated after now) */
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a1','date':'2016-04','status':'open'}");
	cr_assert_str_eq(actions(db, NULL), "a1:open/3+ a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	cr_assert_str_eq(actions_as_of(db, "m4"), "a1:done/3- a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	cr_assert_str_eq(actions_as_of(db, "2016"), "a1:open/3+ a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	TH_OK(cxo_db_close(db));
}

Test(actions, now_moves_with_the_latest_meeting_held)
{
	cxo_db *db = with_actions();
	/* something observed at m5: now is m5, and a5 (due at m5) is not overdue at it */
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t3','meeting':'m5','status':'raised'}");
	cr_assert_str_eq(actions(db, NULL), "a1:done/4- a2:open/4+ a3:dropped/3- a4:open/3+ a5:open/1-");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m6','kind':'workshop','date':'2018'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t3','meeting':'m6','status':'raised'}");
	cr_assert_str_eq(actions(db, NULL), "a1:done/5- a2:open/5+ a3:dropped/4- a4:open/4+ a5:open/2+");
	TH_OK(cxo_db_close(db));
}

Test(actions, no_meeting_held_means_nothing_is_overdue)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'c','meeting':'m1','actions':[{'id':'a','due_date':'2000'}]}");
	cr_assert_str_eq(actions(db, NULL), "a:open/0-");
	cr_assert_str_eq(actions_as_of(db, "2020"), "a:open/0+");
	TH_OK(cxo_db_close(db));
}

Test(actions, tracked_kinds_count_in_the_age)
{
	cxo_db *db = with_actions();
	cxo_query q = CXO_QUERY_INIT;
	q.kinds = "cto";
	cr_assert_str_eq(actions(db, &q), "a1:done/2- a2:open/2+ a3:dropped/1- a4:open/1+ a5:open/0-");
	q.kinds = "cto,cxo,tsag";
	cr_assert_str_eq(actions(db, &q), "a1:done/4- a2:open/4+ a3:dropped/3- a4:open/3+ a5:open/0-");
	q.kinds = "wtsa";
	cr_assert_str_eq(actions(db, &q), "a1:done/0- a2:open/0+ a3:dropped/0- a4:open/0+ a5:open/0-");
	q.kinds = "cto,meeting";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ACTION, &q), CXO_EINVAL,
	       "kinds: \"meeting\" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

Test(actions, filters)
{
	cxo_db *db = with_actions();
	cxo_query q = CXO_QUERY_INIT;
	q.owner = "TSB";
	cr_assert_str_eq(actions(db, &q), "a1:done/3- a3:dropped/2- a5:open/0-");
	q.owner = "tsb";
	cr_assert_str_eq(actions(db, &q), "");
	q.owner = NULL;
	q.status = "open";
	cr_assert_str_eq(actions(db, &q), "a2:open/3+ a4:open/2+ a5:open/0-");
	q.status = "done";
	cr_assert_str_eq(actions(db, &q), "a1:done/3-");
	q.as_of = "m3";
	cr_assert_str_eq(actions(db, &q), "");
	q.status = "in-progress";
	cr_assert_str_eq(actions(db, &q), "a1:in-progress/2+");
	q.as_of = NULL;
	q.status = NULL;
	q.meeting = "m2";
	cr_assert_str_eq(actions(db, &q), "a3:dropped/2- a4:open/2+");
	q.meeting = NULL;
	q.topic = "t2";
	cr_assert_str_eq(actions(db, &q), "a3:dropped/2- a4:open/2+");
	q.topic = "t1";
	cr_assert_str_eq(actions(db, &q), "a1:done/3- a2:open/3+ a3:dropped/2- a4:open/2+ a5:open/0-");
	q.topic = "t3";
	cr_assert_str_eq(actions(db, &q), "");
	q.topic = NULL;
	q.flags = CXO_QUERY_OPEN;
	cr_assert_str_eq(actions(db, &q), "a2:open/3+ a4:open/2+ a5:open/0-");
	q.flags = CXO_QUERY_OVERDUE;
	cr_assert_str_eq(actions(db, &q), "a2:open/3+ a4:open/2+");
	q.as_of = "m3";
	cr_assert_str_eq(actions(db, &q), "a1:in-progress/2+");
	q.flags = CXO_QUERY_OPEN;
	cr_assert_str_eq(actions(db, &q), "a1:in-progress/2+ a2:open/2- a4:open/1-");
	q.flags = CXO_QUERY_OPEN | CXO_QUERY_OVERDUE;
	q.owner = "SG13";
	cr_assert_str_eq(actions(db, &q), "");
	q.owner = "TSB";
	cr_assert_str_eq(actions(db, &q), "a1:in-progress/2+");
	q.status = "open";
	cr_assert_str_eq(actions(db, &q), "");
	q.status = "closed";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ACTION, &q), CXO_EINVAL,
	       "status: \"closed\" is not an action status (open, in-progress, done, dropped, superseded)");
	cr_assert_null(cur);
	q.status = NULL;
	q.as_of = "m9";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ACTION, &q), CXO_ENOTFOUND, "as of: there is no meeting \"m9\"");
	TH_OK(cxo_db_close(db));
}

Test(actions, superseded_is_closed)
{
	cxo_db *db = with_actions();
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a4','meeting':'m4','status':'superseded'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a2','meeting':'m3','status':'in-progress'}");
	cr_assert_str_eq(actions(db, NULL), "a1:done/3- a2:in-progress/3+ a3:dropped/2- a4:superseded/2- a5:open/0-");
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_OPEN;
	cr_assert_str_eq(actions(db, &q), "a2:in-progress/3+ a5:open/0-");
	TH_OK(cxo_db_close(db));
}

Test(conclusions, followups_move_with_their_meeting)
{
	cxo_db *db = with_actions();
	/* m2 moves after m4: a1's follow-up there is now its latest (t1's observation
	 * there now follows a higher status: a warning) */
	cr_assert_eq(th_update(db, CXO_KIND_MEETING, J("{'id':'m2','date':'2016-06-01'}")), CXO_WARNED);
	GET_EQ(db, CXO_KIND_ACTION, TH_KEY("a1"),
	       "{'id':'a1','conclusion':'m1/1','owner':'TSB','due_meeting':'m2','followups':["
	       "{'meeting':'m4','status':'done'},{'meeting':'m2','status':'in-progress'}]}");
	cxo_query q = CXO_QUERY_INIT;
	q.action = "a1";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q,
	        "[{'action':'a1','meeting':'m4','status':'done'},{'action':'a1','meeting':'m2','status':'in-progress'}]");
	q.as_of = "m4";
	LIST_EQ(db, CXO_KIND_FOLLOWUP, &q, "[{'action':'a1','meeting':'m4','status':'done'}]");
	q.as_of = "m2";
	q.action = NULL;
	q.owner = "TSB";
	cr_assert_str_eq(actions(db, &q), "a1:in-progress/3- a3:dropped/0- a5:open/1-");
	TH_OK(cxo_db_close(db));
}

/* A nested element is checked and written in canonical order, not in the
 * order given, so messages name it by its key within its parent. */
Test(conclusions, a_nested_element_is_named_by_its_key)
{
	cxo_db *db = with_actions();
	/* a9 comes first as given, a1 (taken by m1/1) second */
	CREATE_FAILS(db, CXO_KIND_CONCLUSION, "{'id':'m3/1','meeting':'m3','actions':[{'id':'a9'},{'id':'a1'}]}",
	             CXO_EEXISTS,
	             "conclusion \"m3/1\".actions[\"a1\"]: an action with the id \"a1\" already exists (in conclusion \"m1/1\")");
	UPDATE_FAILS(db, CXO_KIND_CONCLUSION,
	             "{'id':'m2/1','actions':[{'id':'a3','followups':[{'meeting':'m3','status':'done'},"
	             "{'meeting':'m1','status':'open'}]}]}",
	             CXO_EINVAL, "conclusion \"m2/1\".actions[\"a3\"].followups[\"m1\"].meeting: m1 is before the action's "
	                         "conclusion (at m2)");
	TH_OK(cxo_db_close(db));
}
