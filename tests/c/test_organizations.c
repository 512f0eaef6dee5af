/* Organizations and their attendance at meetings: canonical form (booleans
 * always written), attendance nested in meetings and on its own, roles, the
 * lists, and deleting an organization that attended. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(organizations, .init = th_setup, .fini = th_teardown);
TestSuite(attendance, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))
#define GET_EQ(db, kind, key, json) TH_GET_EQ((db), (kind), (key), J(json))
#define LIST_EQ(db, kind, q, json) TH_STR_EQ_FREE(th_list((db), (kind), (q)), J(json))
#define CREATE_FAILS(db, kind, json, code, msg) TH_ERR(th_create((db), (kind), J(json)), (code), (msg))
#define UPDATE_FAILS(db, kind, json, code, msg) TH_ERR(th_update((db), (kind), J(json)), (code), (msg))

#define NTT "{'id':'ntt','name':'NTT','country':'JP','region':'asia-pacific','kind':'operator','sme':false,'developing':false}"
#define KT "{'id':'kt','name':'KT','country':'KR','region':'asia-pacific','kind':'operator','sme':false,'developing':false}"
#define UNI "{'id':'uni','name':'Universit\xc3\xa9 de Dakar','country':'SN','region':'africa','kind':'academia','sme':false,'developing':true}"

/* Meetings m1 (2013-11-18), m2 (2014-06-10), m3 (2015-05-04); organizations ntt, kt, uni. */
static cxo_db *series(void)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m3','kind':'cxo','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_ORGANIZATION, NTT);
	CREATE(db, CXO_KIND_ORGANIZATION, KT);
	CREATE(db, CXO_KIND_ORGANIZATION, UNI);
	return db;
}

/* The attendance list as "meeting:organization/role ...". */
static const char *attendance(cxo_db *db, const cxo_query *q)
{
	static char out[2048];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_ATTENDANCE, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		const char *role = cxo_row_text(row, "role");
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%s/%s", o ? " " : "", cxo_row_text(row, "meeting"),
		                      cxo_row_text(row, "organization"), role ? role : "-");
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* ---- organizations ---- */

Test(organizations, canonical_form_with_booleans_always_written)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_ORGANIZATION,
	       "{'uncertain':true,'note':'n','developing':true,'sme':true,'kind':'vendor','region':'europe',"
	       "'country':'FI','name':'Startup Oy','id':'startup'}");
	GET_EQ(db, CXO_KIND_ORGANIZATION, TH_KEY("startup"),
	       "{'id':'startup','name':'Startup Oy','country':'FI','region':'europe','kind':'vendor','sme':true,"
	       "'developing':true,'note':'n','uncertain':true}");
	/* left out, the booleans are false and still written */
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'tsb','name':'TSB'}");
	const char *tsb = "{'id':'tsb','name':'TSB','sme':false,'developing':false}";
	GET_EQ(db, CXO_KIND_ORGANIZATION, TH_KEY("tsb"), tsb);
	/* ...also in the audit log, which holds the record as stored */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "organization";
	q.key = "tsb";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "after")), J(tsb));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	/* writing it back as read changes nothing: no audit entry */
	TH_UPDATE(db, CXO_KIND_ORGANIZATION, J(tsb));
	UPDATE(db, CXO_KIND_ORGANIZATION, "{'id':'tsb','sme':null}");
	TH_OK(cxo_audit_list(&cur, db, &q));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	UPDATE(db, CXO_KIND_ORGANIZATION, "{'id':'tsb','sme':true,'region':'europe'}");
	GET_EQ(db, CXO_KIND_ORGANIZATION, TH_KEY("tsb"),
	       "{'id':'tsb','name':'TSB','region':'europe','sme':true,'developing':false}");
	UPDATE(db, CXO_KIND_ORGANIZATION, "{'id':'tsb','sme':null}");
	GET_EQ(db, CXO_KIND_ORGANIZATION, TH_KEY("tsb"), "{'id':'tsb','name':'TSB','region':'europe','sme':false,'developing':false}");
	LIST_EQ(db, CXO_KIND_ORGANIZATION, NULL,
	        "[" KT "," NTT ",{'id':'startup','name':'Startup Oy','country':'FI','region':'europe','kind':'vendor',"
	        "'sme':true,'developing':true,'note':'n','uncertain':true},"
	        "{'id':'tsb','name':'TSB','region':'europe','sme':false,'developing':false}," UNI "]");
	TH_OK(cxo_db_close(db));
}

Test(organizations, errors)
{
	cxo_db *db = series();
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x'}", CXO_EINVAL, "organization \"x\".name: a value is required");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','region':'asia'}", CXO_EINVAL,
	             "organization \"x\".region: \"asia\" is not one of africa, americas, arab-states, asia-pacific, cis, "
	             "europe");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','kind':'telco'}", CXO_EINVAL,
	             "organization \"x\".kind: \"telco\" is not one of operator, vendor, service-provider, academia, sdo, "
	             "government, other");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','country':'jp'}", CXO_EINVAL,
	             "organization \"x\".country: \"jp\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','sme':'yes'}", CXO_EINVAL,
	             "organization \"x\".sme: expected true or false, got text");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','developing':1}", CXO_EINVAL,
	             "organization \"x\".developing: expected true or false, got an integer");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X','members':3}", CXO_EINVAL,
	             "organization \"x\": unknown field \"members\" (an organization has: id, name, country, region, kind, "
	             "sme, developing, note, uncertain)");
	CREATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT Docomo'}", CXO_EEXISTS,
	             "organization \"ntt\" already exists");
	UPDATE_FAILS(db, CXO_KIND_ORGANIZATION, "{'id':'x','name':'X'}", CXO_ENOTFOUND, "organization \"x\" does not exist");
	TH_OK(cxo_db_close(db));
}

/* ---- attendance ---- */

Test(attendance, nested_in_meetings_sorted_by_organization)
{
	cxo_db *db = series();
	UPDATE(db, CXO_KIND_MEETING,
	       "{'id':'m1','attendance':[{'organization':'uni','role':'delegate','uncertain':true},"
	       "{'organization':'ntt','role':'cto','note':'CTO in person'},{'organization':'kt'}]}");
	GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m1"),
	       "{'id':'m1','kind':'cto','date':'2013-11-18','attendance':[{'organization':'kt'},"
	       "{'organization':'ntt','role':'cto','note':'CTO in person'},{'organization':'uni','role':'delegate',"
	       "'uncertain':true}]}");
	GET_EQ(db, CXO_KIND_ATTENDANCE, TH_KEY("m1", "ntt"),
	       "{'meeting':'m1','organization':'ntt','role':'cto','note':'CTO in person'}");
	/* created with the meeting */
	CREATE(db, CXO_KIND_MEETING,
	       "{'id':'m4','kind':'cto','date':'2016','attendance':[{'organization':'ntt','role':'cxo'}]}");
	GET_EQ(db, CXO_KIND_ATTENDANCE, TH_KEY("m4", "ntt"), "{'meeting':'m4','organization':'ntt','role':'cxo'}");
	/* the list replaces the stored one */
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[{'organization':'ntt','role':'cxo'}]}");
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = "m1";
	cr_assert_str_eq(attendance(db, &q), "m1:ntt/cxo");
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[]}");
	cr_assert_str_eq(attendance(db, &q), "");
	GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m1"), "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	TH_OK(cxo_db_close(db));
}

Test(attendance, on_its_own_with_roles)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'uni','role':'delegate'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'ntt','role':'cto'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt','role':'cxo','note':'n','uncertain':true}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m3','organization':'kt'}");
	GET_EQ(db, CXO_KIND_ATTENDANCE, TH_KEY("m1", "ntt"),
	       "{'meeting':'m1','organization':'ntt','role':'cxo','note':'n','uncertain':true}");
	GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m2"),
	       "{'id':'m2','kind':'cto','date':'2014-06-10','attendance':[{'organization':'ntt','role':'cto'},"
	       "{'organization':'uni','role':'delegate'}]}");
	UPDATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m3','organization':'kt','role':'cto'}");
	/* by meeting order, then organization */
	cr_assert_str_eq(attendance(db, NULL), "m1:ntt/cxo m2:ntt/cto m2:uni/delegate m3:kt/cto");
	LIST_EQ(db, CXO_KIND_ATTENDANCE, NULL,
	        "[{'meeting':'m1','organization':'ntt','role':'cxo','note':'n','uncertain':true},"
	        "{'meeting':'m2','organization':'ntt','role':'cto'},{'meeting':'m2','organization':'uni','role':'delegate'},"
	        "{'meeting':'m3','organization':'kt','role':'cto'}]");
	cxo_query q = CXO_QUERY_INIT;
	q.organization = "ntt";
	cr_assert_str_eq(attendance(db, &q), "m1:ntt/cxo m2:ntt/cto");
	q.meeting = "m2";
	cr_assert_str_eq(attendance(db, &q), "m2:ntt/cto");
	q.organization = NULL;
	cr_assert_str_eq(attendance(db, &q), "m2:ntt/cto m2:uni/delegate");
	/* as of a point: the meetings up to it */
	q.meeting = NULL;
	q.as_of = "m2";
	cr_assert_str_eq(attendance(db, &q), "m1:ntt/cxo m2:ntt/cto m2:uni/delegate");
	q.as_of = "2014-06-09";
	cr_assert_str_eq(attendance(db, &q), "m1:ntt/cxo");
	q.as_of = "2013";
	cr_assert_str_eq(attendance(db, &q), "m1:ntt/cxo");
	q.as_of = "2012";
	cr_assert_str_eq(attendance(db, &q), "");
	q.as_of = NULL;
	q.meeting = "m9";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ATTENDANCE, &q), CXO_ENOTFOUND, "meeting: there is no meeting \"m9\"");
	cr_assert_null(cur);
	q.meeting = NULL;
	q.organization = "zz";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ATTENDANCE, &q), CXO_ENOTFOUND, "organization: there is no organization \"zz\"");
	TH_OK(cxo_db_close(db));
}

Test(attendance, errors)
{
	cxo_db *db = series();
	CREATE_FAILS(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt','role':'ceo'}", CXO_EINVAL,
	             "attendance \"m1\" \"ntt\".role: \"ceo\" is not one of cto, cxo, delegate");
	CREATE_FAILS(db, CXO_KIND_ATTENDANCE, "{'meeting':'m9','organization':'ntt'}", CXO_ENOTFOUND,
	             "attendance \"m9\" \"ntt\".meeting: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'zz'}", CXO_ENOTFOUND,
	             "attendance \"m1\" \"zz\".organization: there is no organization \"zz\"");
	CREATE_FAILS(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1'}", CXO_EINVAL,
	             "attendance \"m1\" \"\": the key field \"organization\" is required");
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[{'organization':'zz'}]}", CXO_ENOTFOUND,
	             "meeting \"m1\".attendance[\"zz\"].organization: there is no organization \"zz\"");
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[{'meeting':'m1','organization':'ntt'}]}", CXO_EINVAL,
	             "meeting \"m1\".attendance[0]: unknown field \"meeting\" (nested, the meeting is the record around it)");
	UPDATE_FAILS(db, CXO_KIND_MEETING,
	             "{'id':'m1','attendance':[{'organization':'ntt'},{'organization':'ntt','role':'cto'}]}", CXO_EINVAL,
	             "meeting \"m1\".attendance: two attendance with the key \"ntt\"");
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[{'organization':'ntt','role':'boss'}]}", CXO_EINVAL,
	             "meeting \"m1\".attendance[0].role: \"boss\" is not one of cto, cxo, delegate");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt'}");
	CREATE_FAILS(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt','role':'cto'}", CXO_EEXISTS,
	             "attendance \"m1\" \"ntt\" already exists");
	GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m1"),
	       "{'id':'m1','kind':'cto','date':'2013-11-18','attendance':[{'organization':'ntt'}]}");
	TH_OK(cxo_db_close(db));
}

Test(attendance, deleting_an_organization_that_attended)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt','role':'cto'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'ntt'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'kt'}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_ORGANIZATION, TH_KEY("ntt"), 1, 0), CXO_ECONSTRAINT,
	       "organization \"ntt\" is referred to by 2 attendance records; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_ORGANIZATION, TH_KEY("kt"), 1, 0), CXO_ECONSTRAINT,
	       "organization \"kt\" is referred to by 1 attendance record; delete them first, or cascade");
	cr_assert_str_eq(attendance(db, NULL), "m1:ntt/cto m2:kt/- m2:ntt/-");
	TH_OK(cxo_record_delete(db, CXO_KIND_ORGANIZATION, TH_KEY("ntt"), 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(attendance(db, NULL), "m2:kt/-");
	GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m1"), "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	/* each attendance record deleted has its audit entry, pointing to the deletion */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "attendance";
	q.key = "m1";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "create");
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "delete");
	cr_assert_str_eq(cxo_row_text(row, "key"), "m1 ntt");
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "before")), J("{'meeting':'m1','organization':'ntt','role':'cto'}"));
	cr_assert_eq(cxo_row_type(row, "parent"), CXO_TYPE_INT);
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	/* an organization that never attended goes without cascading */
	TH_OK(cxo_record_delete(db, CXO_KIND_ORGANIZATION, TH_KEY("uni"), 1, 0));
	/* a meeting's attendance is part of it */
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, 0));
	cr_assert_str_eq(attendance(db, NULL), "");
	TH_OK(cxo_record_delete(db, CXO_KIND_ORGANIZATION, TH_KEY("kt"), 1, 0));
	LIST_EQ(db, CXO_KIND_ORGANIZATION, NULL, "[]");
	/* an attendance record on its own */
	CREATE(db, CXO_KIND_ORGANIZATION, NTT);
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m3','organization':'ntt'}");
	TH_OK(cxo_record_delete(db, CXO_KIND_ATTENDANCE, TH_KEY("m3", "ntt"), 2, 0));
	TH_ERR(cxo_record_delete(db, CXO_KIND_ATTENDANCE, TH_KEY("m3", "ntt"), 2, 0), CXO_ENOTFOUND,
	       "attendance \"m3\" \"ntt\" does not exist");
	TH_OK(cxo_db_close(db));
}
