/* As of a point: a list as of meeting M equals the same list on a copy of the
 * database from which everything dated after M was deleted (DESIGN.md). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(asof, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))

/*
 * M is m2 (2014-06-10). Everything marked "later" is dated after it; a dated
 * event on M's own day sorts after M, so it is later too.
 *
 *   meetings      m1 2013-11-18, m2 2014-06-10 (M), m3 2015-05-04 (cxo), m4 2016-03-21
 *   observations  t1@m1, t1@m2, t2@m2; later: t1@2014-09, t4@2014-06-10, t2@m3, t3@m4
 *   conclusions   m1/1 (a1 due m3: follow-ups m2, later 2014-12; a2 due 2014: later follow-up 2014-06-10),
 *                 m2/1 (a3: follow-ups m2, later m4); later: m3/1 (a4)
 *   items         fg/x statuses 2013, later 2015; later: fg/y (first status 2015-01); fg/z no status
 *   links         t1>x since m1, t4>z; later: t2>z since 2014-07; t2>y (an item that does not exist yet)
 *   relations     t4 related t1; later: t3 renamed-from t1 since m3, t2 related t4 since 2014-06-10
 *   attendance    m1 ntt, m2 ntt, m2 kt; later: m3 kt, m4 ntt
 */
static void dataset(cxo_db *db)
{
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m3','kind':'cxo','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m4','kind':'cto','date':'2016-03-21'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Two'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Three'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t4','title':'Four'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m2','status':'prioritized','note':'agreed'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','date':'2014-09','status':'assigned'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t2','meeting':'m2','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t2','meeting':'m3','status':'prioritized'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t4','date':'2014-06-10','status':'raised'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t3','meeting':'m4','status':'in-progress'}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m1/1','meeting':'m1','number':'1','topics':['t1'],'actions':["
	       "{'id':'a1','owner':'TSB','due_meeting':'m3','followups':[{'meeting':'m2','status':'in-progress'},"
	       "{'date':'2014-12','status':'done'}]},"
	       "{'id':'a2','owner':'SG13','due_date':'2014','followups':[{'date':'2014-06-10','status':'dropped'}]}]}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m2/1','meeting':'m2','number':'1','topics':['t2'],'actions':["
	       "{'id':'a3','owner':'SG12','due_date':'2014-06-09','followups':[{'meeting':'m2','status':'open'},"
	       "{'meeting':'m4','status':'done'}]}]}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m3/1','meeting':'m3','number':'1','topics':['t1'],'actions':[{'id':'a4','owner':'TSB'}]}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'fg'}");
	CREATE(db, CXO_KIND_ITEM,
	       "{'registry':'fg','id':'x','title':'X','statuses':[{'date':'2013','status':'established'},"
	       "{'date':'2015','status':'concluded'}]}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'y','title':'Y','statuses':[{'date':'2015-01','status':'established'}]}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'z','title':'Z'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'x','since':'m1'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t4','registry':'fg','item':'z'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t2','registry':'fg','item':'z','since':'2014-07'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t2','registry':'fg','item':'y','relation':'led-to'}");
	CREATE(db, CXO_KIND_RELATION, "{'topic':'t4','type':'related','older':'t1'}");
	CREATE(db, CXO_KIND_RELATION, "{'topic':'t3','type':'renamed-from','older':'t1','since':'m3'}");
	CREATE(db, CXO_KIND_RELATION, "{'topic':'t2','type':'related','older':'t4','since':'2014-06-10'}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT'}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'kt','name':'KT'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'ntt','role':'cto'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m2','organization':'kt'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m3','organization':'kt'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m4','organization':'ntt'}");
}

/* Delete from `db` everything dated after m2. */
static void truncate_after_m2(cxo_db *db)
{
	/* warn mode: joining neighbours may warn */
	const char *const observations[][3] = {
		{ "t3", "cto", "m4" }, { "t2", "cto", "m3" }, { "t1", "cto", "2014-09" }, { "t4", "cto", "2014-06-10" },
	};
	for (size_t i = 0; i < sizeof observations / sizeof observations[0]; i++) {
		int rc = cxo_record_delete(db, CXO_KIND_OBSERVATION, observations[i], 3, 0);
		cr_assert(rc == CXO_OK || rc == CXO_WARNED, "deleting an observation: %d %s", rc, cxo_errmsg());
	}
	TH_OK(cxo_record_delete(db, CXO_KIND_CONCLUSION, TH_KEY("m3/1"), 1, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a1", "2014-12"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a2", "2014-06-10"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_FOLLOWUP, TH_KEY("a3", "m4"), 2, 0));
	UPDATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':[{'date':'2013','status':'established'}]}");
	TH_OK(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("fg", "y"), 2, CXO_DELETE_CASCADE));
	TH_OK(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t2", "fg", "z"), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_RELATION, TH_KEY("t3", "renamed-from", "t1"), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_RELATION, TH_KEY("t2", "related", "t4"), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_ATTENDANCE, TH_KEY("m3", "kt"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_ATTENDANCE, TH_KEY("m4", "ntt"), 2, 0));
}

static const struct {
	cxo_kind kind;
	const char *name;
} LISTS[] = {
	{ CXO_KIND_CONCLUSION, "conclusions" }, { CXO_KIND_ACTION, "actions" },   { CXO_KIND_FOLLOWUP, "follow-ups" },
	{ CXO_KIND_LINK, "links" },             { CXO_KIND_ATTENDANCE, "attendance" }, { CXO_KIND_ITEM, "items" },
	{ CXO_KIND_RELATION, "relations" },     { CXO_KIND_OBSERVATION, "observations" },
};

static char *list_as_of(cxo_db *db, cxo_kind kind, const char *as_of)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = as_of;
	q.lifecycle = NULL;
	return th_list(db, kind, &q);
}

Test(asof, every_list_as_of_a_meeting_equals_the_list_of_a_truncated_copy)
{
	cxo_db *db = th_open();
	dataset(db);
	TH_OK(cxo_db_backup(db, th_path("truncated.db")));
	cxo_db *cut = NULL;
	TH_OK(cxo_db_open(&cut, th_path("truncated.db"), CXO_OPEN_READWRITE));
	truncate_after_m2(cut);
	for (size_t i = 0; i < sizeof LISTS / sizeof LISTS[0]; i++) {
		char *full = list_as_of(db, LISTS[i].kind, "m2");
		char *truncated = list_as_of(cut, LISTS[i].kind, NULL);
		char *truncated_as_of = list_as_of(cut, LISTS[i].kind, "m2");
		cr_expect_str_eq(full, truncated, "%s as of m2:\n  %s\non the truncated copy:\n  %s", LISTS[i].name, full,
		                 truncated);
		cr_expect_str_eq(truncated_as_of, truncated, "%s", LISTS[i].name);
		cxo_free(full);
		cxo_free(truncated);
		cxo_free(truncated_as_of);
	}
	/* the lists are not empty, and not the whole lists either */
	char *all = list_as_of(db, CXO_KIND_ACTION, NULL), *m2 = list_as_of(db, CXO_KIND_ACTION, "m2");
	cr_assert_str_neq(all, m2);
	cxo_free(all);
	cxo_free(m2);
	TH_STR_EQ_FREE(list_as_of(db, CXO_KIND_ACTION, "m2"),
	               J("[{'id':'a1','conclusion':'m1/1','owner':'TSB','due_meeting':'m3','followups':["
	                 "{'meeting':'m2','status':'in-progress'}],'meeting':'m1','status':'in-progress','age':1,"
	                 "'overdue':false},"
	                 "{'id':'a2','conclusion':'m1/1','owner':'SG13','due_date':'2014','meeting':'m1','status':'open',"
	                 "'age':1,'overdue':false},"
	                 "{'id':'a3','conclusion':'m2/1','owner':'SG12','due_date':'2014-06-09','followups':["
	                 "{'meeting':'m2','status':'open'}],'meeting':'m2','status':'open','age':0,'overdue':true}]"));
	TH_STR_EQ_FREE(list_as_of(db, CXO_KIND_ITEM, "m2"),
	               J("[{'registry':'fg','id':'x','title':'X','statuses':[{'date':'2013','status':'established'}],"
	                 "'status':'established','topics':1},"
	                 "{'registry':'fg','id':'z','title':'Z','status':null,'topics':1}]"));
	TH_STR_EQ_FREE(list_as_of(db, CXO_KIND_LINK, "m2"),
	               J("[{'topic':'t1','registry':'fg','item':'x','relation':'related','since':'m1','title':'X'},"
	                 "{'topic':'t4','registry':'fg','item':'z','relation':'related','title':'Z'}]"));
	TH_OK(cxo_db_close(cut));
	TH_OK(cxo_db_close(db));
}

Test(asof, histories_as_of_a_meeting_equal_those_of_a_truncated_copy)
{
	cxo_db *db = th_open();
	dataset(db);
	TH_OK(cxo_db_backup(db, th_path("truncated.db")));
	cxo_db *cut = NULL;
	TH_OK(cxo_db_open(&cut, th_path("truncated.db"), CXO_OPEN_READWRITE));
	truncate_after_m2(cut);
	const char *topics[] = { "t1", "t2", "t3", "t4" };
	for (size_t i = 0; i < 4; i++) {
		for (uint32_t flags = 0; flags <= CXO_QUERY_LINEAGE; flags++) {
			cxo_query q = CXO_QUERY_INIT;
			q.flags = flags;
			q.as_of = "m2";
			char *full = th_history(db, topics[i], &q);
			q.as_of = NULL;
			char *truncated = th_history(cut, topics[i], &q);
			cr_expect_str_eq(full, truncated, "%s (flags %u)", topics[i], flags);
			cxo_free(full);
			cxo_free(truncated);
		}
	}
	TH_OK(cxo_db_close(cut));
	TH_OK(cxo_db_close(db));
}
