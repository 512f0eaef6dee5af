/* The audit log: one entry per change of every kind, with the records before
 * and after, cascades pointing to their deletion, nothing for a change that
 * changes nothing or fails, the filters, and the actor of the handle. */
#include "helpers.h"
#include "sqlite_files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(audit, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))

/* Whether `t` is a UTC time "2026-11-30T08:44:12.123Z". */
static int is_utc_time(const char *t)
{
	static const char pattern[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	if (!t || strlen(t) != sizeof pattern - 1)
		return 0;
	for (size_t i = 0; pattern[i]; i++)
		if (pattern[i] == 'd' ? !isdigit((unsigned char)t[i]) : t[i] != pattern[i])
			return 0;
	return 1;
}

/*
 * The log (or the part `q` selects) as text, one entry per line:
 * "<n> <actor> <op> <entity> <key> ^<parent's n>|- <before JSON>|null <after JSON>|null",
 * where n counts the entries of the whole log from 1 (ids are checked to be
 * increasing). The times are checked to be UTC times, in order.
 */
static const char *entries(cxo_db *db, const cxo_query *q)
{
	static char out[32768];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	int64_t last = 0;
	char last_time[32] = "";
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		cr_assert_eq(cxo_row_size(row), 9);
		static const char *const names[] = { "id", "time", "actor", "op", "entity", "key", "before", "after", "parent" };
		for (size_t i = 0; i < 9; i++)
			cr_assert_str_eq(cxo_row_name(row, i), names[i]);
		int64_t id = cxo_row_int(row, "id");
		cr_assert_gt(id, last);
		last = id;
		const char *time = cxo_row_text(row, "time");
		cr_assert(is_utc_time(time), "time %s", time ? time : "(null)");
		cr_assert_geq(strcmp(time, last_time), 0);
		snprintf(last_time, sizeof last_time, "%s", time);
		char parent[32] = "-";
		if (cxo_row_type(row, "parent") == CXO_TYPE_INT)
			snprintf(parent, sizeof parent, "^%lld", (long long)cxo_row_int(row, "parent"));
		char *before = cxo_row_type(row, "before") == CXO_TYPE_ROW ? th_json(cxo_row_child(row, "before")) : NULL;
		char *after = cxo_row_type(row, "after") == CXO_TYPE_ROW ? th_json(cxo_row_child(row, "after")) : NULL;
		cr_assert(before || cxo_row_type(row, "before") == CXO_TYPE_NULL);
		cr_assert(after || cxo_row_type(row, "after") == CXO_TYPE_NULL);
		o += (size_t)snprintf(out + o, sizeof out - o, "%lld %s %s %s %s %s %s %s\n", (long long)id,
		                      cxo_row_text(row, "actor"), cxo_row_text(row, "op"), cxo_row_text(row, "entity"),
		                      cxo_row_text(row, "key"), parent, before ? before : "null", after ? after : "null");
		cxo_free(before);
		cxo_free(after);
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* The entries as "op entity key" only, separated by "; ". */
static const char *ops(cxo_db *db, const cxo_query *q)
{
	static char out[8192];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s %s %s", o ? "; " : "", cxo_row_text(row, "op"),
		                      cxo_row_text(row, "entity"), cxo_row_text(row, "key"));
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

#define ENTRIES_EQ(db, q, text) cr_assert_str_eq(entries((db), (q)), J(text))

Test(audit, create_update_delete_with_records_before_and_after)
{
	cxo_db *db = th_open();
	ENTRIES_EQ(db, NULL, "");
	CREATE(db, CXO_KIND_MEETING, "{'city':'Bangkok','date':'2013-11-18','kind':'cto','id':'m1'}");
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','city':'Doha','participants':23}");
	/* a change that changes nothing writes nothing */
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','city':'Doha'}");
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18','city':'Doha','participants':23}");
	/* nor does a change that fails */
	TH_ERR(th_update(db, CXO_KIND_MEETING, J("{'id':'m1','country':'QQ'}")), CXO_EINVAL,
	       "meeting \"m1\".country: \"QQ\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	TH_ERR(th_create(db, CXO_KIND_MEETING, J("{'id':'m1','kind':'cto','date':'2014'}")), CXO_EEXISTS,
	       "meeting \"m1\" already exists");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m1"), 1, 0));
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m1"), 1, 0), CXO_ENOTFOUND, "meeting \"m1\" does not exist");
	ENTRIES_EQ(db, NULL,
	           "1 unknown create meeting m1 - null {'id':'m1','kind':'cto','date':'2013-11-18','city':'Bangkok'}\n"
	           "2 unknown update meeting m1 - {'id':'m1','kind':'cto','date':'2013-11-18','city':'Bangkok'} "
	           "{'id':'m1','kind':'cto','date':'2013-11-18','city':'Doha','participants':23}\n"
	           "3 unknown delete meeting m1 - {'id':'m1','kind':'cto','date':'2013-11-18','city':'Doha','participants':23} "
	           "null\n");
	TH_OK(cxo_db_close(db));
}

Test(audit, an_entry_for_every_kind_of_record)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Two'}");
	CREATE(db, CXO_KIND_LIFECYCLE, "{'id':'fg','statuses':[{'id':'open','rank':1}]}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','lifecycle':'fg','date':'2014','status':'open'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/1','meeting':'m1','topics':['t1']}");
	CREATE(db, CXO_KIND_ACTION, "{'id':'a1','conclusion':'m1/1','owner':'TSB'}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a1','meeting':'m2','status':'done'}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'fg'}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'FG ML5G'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'FG ML5G'}");
	CREATE(db, CXO_KIND_RELATION, "{'topic':'t2','type':'renamed-from','older':'t1','since':'m2'}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt'}");
	ENTRIES_EQ(db, NULL,
	           "1 unknown create meeting m1 - null {'id':'m1','kind':'cto','date':'2013-11-18'}\n"
	           "2 unknown create meeting m2 - null {'id':'m2','kind':'cto','date':'2014-06-10'}\n"
	           "3 unknown create topic t1 - null {'id':'t1','title':'One'}\n"
	           "4 unknown create topic t2 - null {'id':'t2','title':'Two'}\n"
	           "5 unknown create lifecycle fg - null {'id':'fg','enforce':'warn','statuses':[{'id':'open','rank':1,"
	           "'terminal':false}]}\n"
	           "6 unknown create observation t1 cto m1 - null {'topic':'t1','lifecycle':'cto','meeting':'m1',"
	           "'status':'raised','qualifier':'agreed'}\n"
	           "7 unknown create observation t1 fg 2014 - null {'topic':'t1','lifecycle':'fg','date':'2014',"
	           "'status':'open','qualifier':'agreed'}\n"
	           "8 unknown create conclusion m1/1 - null {'id':'m1/1','meeting':'m1','topics':['t1']}\n"
	           "9 unknown create action a1 - null {'id':'a1','conclusion':'m1/1','owner':'TSB'}\n"
	           "10 unknown create followup a1 m2 - null {'action':'a1','meeting':'m2','status':'done'}\n"
	           "11 unknown create registry fg - null {'id':'fg'}\n"
	           "12 unknown create item fg FG ML5G - null {'registry':'fg','id':'FG ML5G'}\n"
	           "13 unknown create link t1 fg FG ML5G - null {'topic':'t1','registry':'fg','item':'FG ML5G',"
	           "'relation':'related'}\n"
	           "14 unknown create relation t2 renamed-from t1 - null {'topic':'t2','type':'renamed-from','older':'t1',"
	           "'since':'m2'}\n"
	           "15 unknown create organization ntt - null {'id':'ntt','name':'NTT','sme':false,'developing':false}\n"
	           "16 unknown create attendance m1 ntt - null {'meeting':'m1','organization':'ntt'}\n");
	/* each kind's deletion */
	TH_OK(cxo_record_delete(db, CXO_KIND_ATTENDANCE, TH_KEY("m1", "ntt"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_RELATION, TH_KEY("t2", "renamed-from", "t1"), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t1", "fg", "FG ML5G"), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a1", "m2"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "fg", "2014"), 3, 0));
	cxo_query q = CXO_QUERY_INIT;
	q.since = "2000-01-01";
	cr_assert_str_eq(ops(db, &q),
	                 "create meeting m1; create meeting m2; create topic t1; create topic t2; create lifecycle fg; "
	                 "create observation t1 cto m1; create observation t1 fg 2014; create conclusion m1/1; "
	                 "create action a1; create followup a1 m2; create registry fg; create item fg FG ML5G; "
	                 "create link t1 fg FG ML5G; create relation t2 renamed-from t1; create organization ntt; "
	                 "create attendance m1 ntt; delete attendance m1 ntt; delete relation t2 renamed-from t1; "
	                 "delete link t1 fg FG ML5G; delete followup a1 m2; delete observation t1 fg 2014");
	TH_OK(cxo_db_close(db));
}

Test(audit, nested_records_are_part_of_their_parents_entry)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT'}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'c','meeting':'m1','actions':[{'id':'a','followups':[{'meeting':'m1','status':'open'}]}]}");
	UPDATE(db, CXO_KIND_CONCLUSION, "{'id':'c','actions':[{'id':'b'}]}");
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','attendance':[{'organization':'ntt','role':'cto'}]}");
	TH_OK(cxo_record_delete(db, CXO_KIND_CONCLUSION, TH_KEY("c"), 1, 0));
	cxo_query q = CXO_QUERY_INIT;
	q.since = "2000";
	ENTRIES_EQ(db, &q,
	           "1 unknown create meeting m1 - null {'id':'m1','kind':'cto','date':'2013-11-18'}\n"
	           "2 unknown create organization ntt - null {'id':'ntt','name':'NTT','sme':false,'developing':false}\n"
	           "3 unknown create conclusion c - null {'id':'c','meeting':'m1','actions':[{'id':'a','followups':["
	           "{'meeting':'m1','status':'open'}]}]}\n"
	           "4 unknown update conclusion c - {'id':'c','meeting':'m1','actions':[{'id':'a','followups':["
	           "{'meeting':'m1','status':'open'}]}]} {'id':'c','meeting':'m1','actions':[{'id':'b'}]}\n"
	           "5 unknown update meeting m1 - {'id':'m1','kind':'cto','date':'2013-11-18'} "
	           "{'id':'m1','kind':'cto','date':'2013-11-18','attendance':[{'organization':'ntt','role':'cto'}]}\n"
	           "6 unknown delete conclusion c - {'id':'c','meeting':'m1','actions':[{'id':'b'}]} null\n");
	TH_OK(cxo_db_close(db));
}

Test(audit, cascades_point_to_their_deletion)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Two','relations':[{'type':'related','topic':'t1','since':'m2'}]}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m2','status':'raised'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/1','meeting':'m1','actions':[{'id':'a1','due_meeting':'m2'}]}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a1','meeting':'m2','status':'done'}");
	TH_OK(cxo_db_set_actor(db, "alice"));
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, CXO_DELETE_CASCADE));
	cxo_query q = CXO_QUERY_INIT;
	q.since = "2000";
	ENTRIES_EQ(db, &q,
	           "1 unknown create meeting m1 - null {'id':'m1','kind':'cto','date':'2013-11-18'}\n"
	           "2 unknown create meeting m2 - null {'id':'m2','kind':'cto','date':'2014-06-10'}\n"
	           "3 unknown create topic t1 - null {'id':'t1','title':'One'}\n"
	           "4 unknown create topic t2 - null {'id':'t2','title':'Two','relations':[{'type':'related','topic':'t1',"
	           "'since':'m2'}]}\n"
	           "5 unknown create observation t1 cto m2 - null {'topic':'t1','lifecycle':'cto','meeting':'m2',"
	           "'status':'raised','qualifier':'agreed'}\n"
	           "6 unknown create conclusion m1/1 - null {'id':'m1/1','meeting':'m1','actions':[{'id':'a1',"
	           "'due_meeting':'m2'}]}\n"
	           "7 unknown create followup a1 m2 - null {'action':'a1','meeting':'m2','status':'done'}\n"
	           "8 alice delete meeting m2 - {'id':'m2','kind':'cto','date':'2014-06-10'} null\n"
	           "9 alice delete observation t1 cto m2 ^8 {'topic':'t1','lifecycle':'cto','meeting':'m2','status':'raised',"
	           "'qualifier':'agreed'} null\n"
	           "10 alice delete followup a1 m2 ^8 {'action':'a1','meeting':'m2','status':'done'} null\n"
	           "11 alice update action a1 ^8 {'id':'a1','conclusion':'m1/1','due_meeting':'m2'} "
	           "{'id':'a1','conclusion':'m1/1'}\n"
	           "12 alice update relation t2 related t1 ^8 {'topic':'t2','type':'related','older':'t1','since':'m2'} "
	           "{'topic':'t2','type':'related','older':'t1'}\n");
	TH_OK(cxo_db_close(db));
}

Test(audit, filters)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t10','title':'Ten'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t10','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/1','meeting':'m1','topics':['t1']}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt'}");
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One again'}");
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "topic";
	cr_assert_str_eq(ops(db, &q), "create topic t1; create topic t10; update topic t1");
	q.entity = "observation";
	cr_assert_str_eq(ops(db, &q), "create observation t1 cto m1; create observation t10 cto m1");
	/* a kind's plural names it too */
	q.entity = "observations";
	cr_assert_str_eq(ops(db, &q), "create observation t1 cto m1; create observation t10 cto m1");
	q.entity = "document";
	cr_assert_str_eq(ops(db, &q), "");
	/* a whole key, or its first part: "t1" is not "t10", "m1" is not "m1/1" */
	q.entity = NULL;
	q.key = "t1";
	cr_assert_str_eq(ops(db, &q), "create topic t1; create observation t1 cto m1; update topic t1");
	q.key = "t1 cto m1";
	cr_assert_str_eq(ops(db, &q), "create observation t1 cto m1");
	/* leading parts of a key match too (the observations of t1 in cto), a part of a part does not */
	q.key = "t1 cto";
	cr_assert_str_eq(ops(db, &q), "create observation t1 cto m1");
	q.key = "t1 ct";
	cr_assert_str_eq(ops(db, &q), "");
	q.key = "m1";
	cr_assert_str_eq(ops(db, &q), "create meeting m1; create attendance m1 ntt");
	q.key = "m1/1";
	cr_assert_str_eq(ops(db, &q), "create conclusion m1/1");
	q.entity = "topic";
	q.key = "t1";
	cr_assert_str_eq(ops(db, &q), "create topic t1; update topic t1");
	/* since a UTC date or time: entries at or after it */
	q.entity = NULL;
	q.key = NULL;
	q.since = "2000";
	cr_assert_str_eq(ops(db, &q),
	                 "create meeting m1; create topic t1; create topic t10; create observation t1 cto m1; "
	                 "create observation t10 cto m1; create conclusion m1/1; create organization ntt; "
	                 "create attendance m1 ntt; update topic t1");
	q.since = "9999-12-31";
	cr_assert_str_eq(ops(db, &q), "");
	/* from the time of the last entry: that entry (and any of the same millisecond) */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	char last[64] = "";
	while (cxo_cursor_next(&row, cur) == CXO_OK)
		snprintf(last, sizeof last, "%s", cxo_row_text(row, "time"));
	cxo_cursor_free(cur);
	q.since = last;
	const char *got = ops(db, &q);
	size_t len = strlen(got), tail = strlen("update topic t1");
	cr_assert_geq(len, tail);
	cr_assert_str_eq(got + len - tail, "update topic t1");
	q.entity = "meeting";
	cr_assert_str_eq(ops(db, &q), "");
	/* bad filters */
	cxo_query bad = CXO_QUERY_INIT;
	cur = (cxo_cursor *)1;
	bad.entity = "nothing";
	TH_ERR(cxo_audit_list(&cur, db, &bad), CXO_EINVAL,
	       "entity: \"nothing\" is not a kind of record (meeting, topic, ... or document)");
	cr_assert_null(cur);
	bad.entity = NULL;
	bad.since = "yesterday";
	TH_ERR(cxo_audit_list(&cur, db, &bad), CXO_EINVAL,
	       "since: \"yesterday\" is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)");
	bad.since = "2026-11T08:44";
	TH_ERR(cxo_audit_list(&cur, db, &bad), CXO_EINVAL,
	       "since: \"2026-11T08:44\" is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)");
	bad.since = "2026-02-30";
	TH_ERR(cxo_audit_list(&cur, db, &bad), CXO_EINVAL,
	       "since: \"2026-02-30\" is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)");
	bad.since = "2000-01-01T00:00";
	cr_assert_str_eq(ops(db, &bad),
	                 "create meeting m1; create topic t1; create topic t10; create observation t1 cto m1; "
	                 "create observation t10 cto m1; create conclusion m1/1; create organization ntt; "
	                 "create attendance m1 ntt; update topic t1");
	TH_OK(cxo_db_close(db));
}

Test(audit, the_actor_of_the_handle)
{
	cxo_db *db = th_open();
	cr_assert_str_eq(cxo_db_actor(db), "unknown");
	cr_assert_null(cxo_db_actor(NULL));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	TH_OK(cxo_db_set_actor(db, "Ana Mar\xc3\xad" "a"));
	cr_assert_str_eq(cxo_db_actor(db), "Ana Mar\xc3\xad" "a");
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'Uno'}");
	TH_OK(cxo_topic_rename(db, "t1", "t2", NULL, NULL));
	TH_ERR(cxo_db_set_actor(db, ""), CXO_EINVAL, "actor: it is empty");
	TH_ERR(cxo_db_set_actor(db, NULL), CXO_EMISUSE, "cxo_db_set_actor: actor is NULL");
	char long_name[130];
	memset(long_name, 'x', 129);
	long_name[129] = '\0';
	TH_ERR(cxo_db_set_actor(db, long_name), CXO_EINVAL, "actor: it is 129 bytes long (at most 128)");
	TH_ERR(cxo_db_set_actor(db, "bad\xff"), CXO_EINVAL,
	       "actor: invalid UTF-8 at byte 3");
	cr_assert_str_eq(cxo_db_actor(db), "Ana Mar\xc3\xad" "a");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t2"), 1, 0));
	long_name[128] = '\0';
	TH_OK(cxo_db_set_actor(db, long_name));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Three'}");
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	const char *expected[] = { "unknown", "Ana Mar\xc3\xad" "a", "Ana Mar\xc3\xad" "a", "Ana Mar\xc3\xad" "a", long_name };
	const char *expected_ops[] = { "create", "update", "rename", "delete", "create" };
	for (size_t i = 0; i < 5; i++) {
		TH_OK(cxo_cursor_next(&row, cur));
		cr_assert_str_eq(cxo_row_text(row, "actor"), expected[i]);
		cr_assert_str_eq(cxo_row_text(row, "op"), expected_ops[i]);
	}
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	/* the actor belongs to the handle: another handle starts as "unknown" */
	cxo_db *other = NULL;
	TH_OK(cxo_db_open(&other, th_path("test.db"), CXO_OPEN_READWRITE));
	cr_assert_str_eq(cxo_db_actor(other), "unknown");
	TH_OK(cxo_db_close(other));
	TH_OK(cxo_db_close(db));
}

Test(audit, a_warned_change_is_audited_and_the_list_reads_only)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t','title':'T'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t','meeting':'m1','status':'delivered'}");
	cr_assert_eq(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m2','status':'raised'}")), CXO_WARNED);
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "observation";
	cr_assert_str_eq(ops(db, &q), "create observation t cto m1; create observation t cto m2");
	TH_OK(cxo_db_close(db));
	/* the log reads on a read-only handle; bad arguments */
	cxo_db *ro = NULL;
	TH_OK(cxo_db_open(&ro, th_path("test.db"), CXO_OPEN_READONLY));
	cr_assert_str_eq(ops(ro, &q), "create observation t cto m1; create observation t cto m2");
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_audit_list(NULL, ro, NULL), CXO_EMISUSE, "cxo_audit_list: out is NULL");
	TH_ERR(cxo_audit_list(&cur, NULL, NULL), CXO_EMISUSE, "cxo_audit_list: the database handle is NULL");
	cr_assert_null(cur);
	cxo_query bad = CXO_QUERY_INIT;
	bad.version = 7;
	TH_ERR(cxo_audit_list(&cur, ro, &bad), CXO_EVERSION,
	       "cxo_audit_list: cxo_query version 7 is not supported (this library has 1)");
	TH_OK(cxo_db_close(ro));
}

/*
 * Inside a transaction the entries wait in the handle and are stored together
 * when it commits, many to a row (src/store/auditlog.c): what the log says
 * must not depend on it.
 */

/* Changes of every sort: creations, updates, one that changes nothing, refused
 * ones, a cascade, a rename, an import, another actor. */
static void script(cxo_db *db)
{
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Two','relations':[{'type':'related','topic':'t1','since':'m2'}]}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m2','status':'prioritized'}");
	TH_ERR(th_create(db, CXO_KIND_TOPIC, J("{'id':'t1','title':'Again'}")), CXO_EEXISTS, "topic \"t1\" already exists");
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t1','meeting':'m2','status':'raised'}")), CXO_EEXISTS,
	       "observation \"t1\" \"cto\" \"m2\" already exists");
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'t1','description':'the first'}");
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'t1','description':'the first'}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/1','meeting':'m1','topics':['t1'],'actions':[{'id':'a1',"
	                                "'due_meeting':'m2'}]}");
	CREATE(db, CXO_KIND_FOLLOWUP, "{'action':'a1','meeting':'m2','status':'done'}");
	TH_OK(cxo_db_set_actor(db, "alice"));
	TH_OK(cxo_topic_rename(db, "t1", "t1-new", NULL, NULL));
	const char *doc = J("{'format':'cxotrack','version':1,'topics':[{'id':'t2','title':'Two, renamed'},"
	                    "{'id':'t3','title':'Three'}]}");
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.name = "doc.json";
	TH_OK(cxo_import_json(NULL, db, doc, strlen(doc), &o));
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, CXO_DELETE_CASCADE));
	TH_OK(cxo_db_set_actor(db, "bob"));
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t3','meeting':'m1','status':'raised'}");
}

/* The log, whole and through each filter. */
static char *log_views(cxo_db *db)
{
	static const char *const entities[] = { NULL, "topic", "observation", "document" };
	static const char *const keys[] = { NULL, "t1", "t1-new", "t2", "m1" };
	size_t cap = 1 << 16, o = 0;
	char *out = malloc(cap);
	cr_assert_not_null(out);
	for (size_t i = 0; i < 4; i++)
		for (size_t k = 0; k < 5; k++) {
			cxo_query q = CXO_QUERY_INIT;
			q.entity = entities[i];
			q.key = keys[k];
			q.since = k == 4 ? "2000-01-01T00:00" : NULL;
			const char *e = entries(db, &q);
			size_t n = strlen(e);
			while (o + n + 64 > cap)
				cr_assert_not_null(out = realloc(out, cap *= 2));
			o += (size_t)snprintf(out + o, cap - o, "[%s %s]\n%s", entities[i] ? entities[i] : "-",
			                      keys[k] ? keys[k] : "-", e);
		}
	return out;
}

Test(audit, a_transaction_logs_what_the_same_changes_log_one_by_one)
{
	cxo_db *alone = th_open_new("alone.db"), *together = th_open_new("together.db"),
	       *peeked = th_open_new("peeked.db");
	script(alone);
	TH_OK(cxo_db_begin(together));
	script(together);
	TH_OK(cxo_db_commit(together));
	/* read inside the transaction, before its commit */
	TH_OK(cxo_db_begin(peeked));
	script(peeked);
	char *expected = log_views(alone), *inside = log_views(peeked);
	TH_OK(cxo_db_commit(peeked));
	char *got = log_views(together), *after = log_views(peeked);
	cr_assert_str_eq(got, expected);
	cr_assert_str_eq(inside, expected);
	cr_assert_str_eq(after, expected);
	cr_assert(strstr(expected, "alice import document doc.json"), "%s", expected);
	cr_assert(strstr(expected, "^"), "%s", expected);
	/* a row for each change made alone (an import's or a cascade's holding
	 * the entries made on their behalf); one for the transaction's */
	cr_assert_gt(th_sq_int(th_path("alone.db"), "SELECT count(*) FROM audit"), 10);
	cr_assert_eq(th_sq_int(th_path("alone.db"), "SELECT count(*) FROM audit WHERE more > 0"), 2);
	cr_assert_eq(th_sq_int(th_path("alone.db"), "SELECT count(*) FROM audit WHERE more > 0 AND op NOT IN "
	                                            "('import', 'delete')"), 0);
	cr_assert_eq(th_sq_int(th_path("together.db"), "SELECT count(*) FROM audit"), 1);
	free(expected);
	free(inside);
	free(got);
	free(after);
	TH_OK(cxo_db_close(alone));
	TH_OK(cxo_db_close(together));
	TH_OK(cxo_db_close(peeked));
}

/* The log's entries as "id op key" lines (all of them, or those about `key`). */
static const char *id_keys(cxo_db *db, const char *key)
{
	static char out[1 << 16];
	cxo_query q = CXO_QUERY_INIT;
	q.key = key;
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK && o < sizeof out - 64)
		o += (size_t)snprintf(out + o, sizeof out - o, "%lld %s %s\n", (long long)cxo_row_int(row, "id"),
		                      cxo_row_text(row, "op"), cxo_row_text(row, "key"));
	cr_assert_eq(rc, CXO_DONE, "%d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

static void create_topics(cxo_db *db, int from, int to, size_t description)
{
	char *text = malloc(description + 1);
	cr_assert_not_null(text);
	memset(text, 'x', description);
	text[description] = '\0';
	for (int i = from; i < to; i++) {
		char id[32];
		snprintf(id, sizeof id, "topic-%04d", i);
		cxo_row *r;
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "id", id));
		TH_OK(cxo_row_set_text(r, "title", id));
		TH_OK(cxo_row_set_text(r, "description", text));
		TH_OK(cxo_record_create(db, CXO_KIND_TOPIC, r));
		cxo_row_free(r);
	}
	free(text);
}

Test(audit, a_refused_change_or_a_rolled_back_transaction_leaves_no_entry_nor_gap)
{
	cxo_db *db = th_open();
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'a','title':'A'}");
	TH_ERR(th_create(db, CXO_KIND_TOPIC, J("{'id':'a','title':'A'}")), CXO_EEXISTS, "topic \"a\" already exists");
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'a','date':'2014','status':'nowhere'}")), CXO_EINVAL,
	       "observation \"a\" \"cto\" \"2014\".status: \"nowhere\" is not a status of lifecycle \"cto\"");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'a','date':'2014','status':'raised'}");
	TH_OK(cxo_db_commit(db));
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'b','title':'B'}");
	cr_assert_str_eq(id_keys(db, NULL), "1 create a\n2 create a cto 2014\n3 create b\n");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'c','title':'C'}");
	TH_OK(cxo_db_rollback(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'d','title':'D'}");
	cr_assert_str_eq(id_keys(db, NULL), "1 create a\n2 create a cto 2014\n3 create d\n");
	TH_OK(cxo_db_close(db));
}

Test(audit, a_large_transaction_is_stored_in_runs_as_it_goes)
{
	cxo_db *db = th_open();
	const char *path = th_path("test.db");
	TH_OK(cxo_db_begin(db));
	/* 600 entries of 3 KB: past 1 MiB the queue is stored between changes */
	create_topics(db, 0, 600, 3000);
	long long stored = th_sq_int(path, "SELECT count(*) FROM audit");
	TH_OK(cxo_db_commit(db));
	cr_assert_eq(stored, 0, "a reader sees nothing before the commit");
	long long rows = th_sq_int(path, "SELECT count(*) FROM audit");
	cr_assert_gt(rows, 10);
	cr_assert_lt(rows, 100);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) + sum(more) FROM audit"), 600);
	cr_assert_eq(th_sq_int(path, "SELECT max(length(packed)) <= 64 * 1024 + 3100 FROM audit"), 1);
	const char *all = id_keys(db, NULL);
	char line[64];
	snprintf(line, sizeof line, "%d create topic-%04d\n", 1, 0);
	cr_assert(strncmp(all, line, strlen(line)) == 0);
	for (int i = 0; i < 600; i++) {
		snprintf(line, sizeof line, "%s%d create topic-%04d\n", i ? "\n" : "", i + 1, i);
		cr_assert(strstr(all, line + (i ? 1 : 0)), "%s", line);
	}
	cr_assert_str_eq(id_keys(db, "topic-0433"), "434 create topic-0433\n");
	/* stored part-way through, then rolled back: none of it stays */
	TH_OK(cxo_db_begin(db));
	create_topics(db, 600, 1200, 3000);
	cr_assert_str_eq(id_keys(db, "topic-1199"), "1200 create topic-1199\n");
	TH_OK(cxo_db_rollback(db));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit"), rows);
	CREATE(db, CXO_KIND_TOPIC, "{'id':'last','title':'Last'}");
	cr_assert_str_eq(id_keys(db, "last"), "601 create last\n");
	TH_OK(cxo_db_close(db));
}

Test(audit, a_damaged_run_is_an_error_naming_its_entry)
{
	static const struct {
		const char *sql;
		long long id;
	} cases[] = {
		{ "UPDATE audit SET packed = substr(packed, 1, length(packed) - 3)", 3 },
		{ "UPDATE audit SET more = 3", 4 },
		{ "UPDATE audit SET more = 1", 2 },
		{ "UPDATE audit SET packed = x'ff00'", 2 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "damaged-%zu.db", i);
		cxo_db *db = th_open_new(name);
		TH_OK(cxo_db_begin(db));
		create_topics(db, 0, 3, 10);
		TH_OK(cxo_db_commit(db));
		cr_assert_eq(th_sq_int(th_path(name), "SELECT more FROM audit"), 2);
		cr_assert_str_eq(id_keys(db, NULL), "1 create topic-0000\n2 create topic-0001\n3 create topic-0002\n");
		th_sq_exec(th_path(name), cases[i].sql);
		cxo_cursor *cur = NULL;
		TH_OK(cxo_audit_list(&cur, db, NULL));
		const cxo_row *row;
		int rc;
		while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
			;
		cr_assert_eq(rc, CXO_ESTORAGE, "%s: %d %s", cases[i].sql, rc, cxo_errmsg());
		cr_assert_str_eq(cxo_errmsg(), th_msg("audit entry %lld: its stored form is damaged", cases[i].id));
		cxo_cursor_free(cur);
		TH_OK(cxo_db_close(db));
	}
}
