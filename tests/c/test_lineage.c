/* Relations between topics, lineage histories (renames, merges, splits,
 * supersessions), cxo_topic_rename, and deleting topics others refer to. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(relations, .init = th_setup, .fini = th_teardown);
TestSuite(lineage, .init = th_setup, .fini = th_teardown);
TestSuite(rename, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))
#define GET_EQ(db, kind, key, json) TH_GET_EQ((db), (kind), (key), J(json))
#define LIST_EQ(db, kind, q, json) TH_STR_EQ_FREE(th_list((db), (kind), (q)), J(json))
#define CREATE_FAILS(db, kind, json, code, msg) TH_ERR(th_create((db), (kind), J(json)), (code), (msg))
#define UPDATE_FAILS(db, kind, json, code, msg) TH_ERR(th_update((db), (kind), J(json)), (code), (msg))

/* Meetings c1..c5 (cto, 2013..2017) and w (a workshop between c2 and c3). */
#define MEETINGS_AUDIT \
	"create meeting c1; create meeting c2; create meeting w; create meeting c3; create meeting c4; create meeting c5; "
static cxo_db *meetings(void)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'c1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'c2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'w','kind':'workshop','date':'2014-12-01'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'c3','kind':'cto','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'c4','kind':'cto','date':'2016-03-21'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'c5','kind':'cto','date':'2017-10-02'}");
	return db;
}

static void topics(cxo_db *db, const char *const *ids)
{
	for (; *ids; ids++)
		TH_CREATE(db, CXO_KIND_TOPIC, th_msg("{\"id\":\"%s\",\"title\":\"%s\"}", *ids, *ids));
}

static int observe(cxo_db *db, const char *topic, const char *point, const char *status)
{
	const char *field = point[0] >= '0' && point[0] <= '9' ? "date" : "meeting";
	return th_create(db, CXO_KIND_OBSERVATION,
	                 th_msg("{\"topic\":\"%s\",\"%s\":\"%s\",\"status\":\"%s\"}", topic, field, point, status));
}

#define OBSERVE(db, topic, point, status) TH_OK(observe((db), (topic), (point), (status)))

static int relate(cxo_db *db, const char *topic, const char *type, const char *older, const char *since)
{
	if (since)
		return th_create(db, CXO_KIND_RELATION,
		                 th_msg("{\"topic\":\"%s\",\"type\":\"%s\",\"older\":\"%s\",\"since\":\"%s\"}", topic, type,
		                        older, since));
	return th_create(db, CXO_KIND_RELATION,
	                 th_msg("{\"topic\":\"%s\",\"type\":\"%s\",\"older\":\"%s\"}", topic, type, older));
}

#define RELATE(db, topic, type, older, since) TH_OK(relate((db), (topic), (type), (older), (since)))

/* A history as "topic@point status movement(+|-)(*: inherited) [gaps]; ...". */
static const char *summary(cxo_db *db, const char *topic, uint32_t flags, const char *as_of)
{
	static char out[4096];
	cxo_query q = CXO_QUERY_INIT;
	q.flags = flags;
	q.as_of = as_of;
	cxo_cursor *cur = NULL;
	TH_OK(cxo_topic_history(&cur, db, topic, &q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		cr_assert_eq(cxo_row_type(row, "inherited"), CXO_TYPE_BOOL);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s@%s %s %s%c%s [", o ? "; " : "", cxo_row_text(row, "topic"),
		                      cxo_row_text(row, "point"), cxo_row_text(row, "status"), cxo_row_text(row, "movement"),
		                      cxo_row_int(row, "allowed") ? '+' : '-', cxo_row_int(row, "inherited") ? "*" : "");
		const cxo_row *gaps = cxo_row_child(row, "gaps");
		for (size_t i = 0; i < cxo_row_size(gaps); i++)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "," : "", cxo_row_text_at(gaps, i));
		o += (size_t)snprintf(out + o, sizeof out - o, "]");
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* The audit entries as "op entity key (parent: yes/no)", and the last entry. */
static const char *audit_ops(cxo_db *db)
{
	static char out[4096];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s %s %s%s", o ? "; " : "", cxo_row_text(row, "op"),
		                      cxo_row_text(row, "entity"), cxo_row_text(row, "key"),
		                      cxo_row_type(row, "parent") == CXO_TYPE_INT ? " ^" : "");
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

/* The entries `q` selects, as "op entity key; ...". */
static const char *audit_of(cxo_db *db, const cxo_query *q)
{
	static char out[4096];
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

/* ---- relations ---- */

Test(relations, canonical_form_nested_and_on_their_own)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", "c", NULL });
	CREATE(db, CXO_KIND_RELATION,
	       "{'sources':[{'ref':'TSAG-R 1'}],'uncertain':true,'note':'n','since':'c3','older':'a','type':'renamed-from',"
	       "'topic':'b'}");
	GET_EQ(db, CXO_KIND_RELATION, TH_KEY("b", "renamed-from", "a"),
	       "{'topic':'b','type':'renamed-from','older':'a','since':'c3','note':'n','uncertain':true,"
	       "'sources':[{'ref':'TSAG-R 1'}]}");
	/* nested in the newer topic, the older one is named "topic"; by type, then topic */
	CREATE(db, CXO_KIND_TOPIC,
	       "{'id':'d','title':'D','relations':[{'type':'related','topic':'c','since':'2016'},"
	       "{'type':'merged-from','topic':'b'},{'type':'merged-from','topic':'a'}]}");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("d"),
	       "{'id':'d','title':'D','relations':[{'type':'merged-from','topic':'a'},{'type':'merged-from','topic':'b'},"
	       "{'type':'related','topic':'c','since':'2016'}]}");
	GET_EQ(db, CXO_KIND_RELATION, TH_KEY("d", "related", "c"), "{'topic':'d','type':'related','older':'c','since':'2016'}");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("b"),
	       "{'id':'b','title':'b','relations':[{'type':'renamed-from','topic':'a','since':'c3','note':'n',"
	       "'uncertain':true,'sources':[{'ref':'TSAG-R 1'}]}]}");
	/* the list: by topic, type, older; a topic's relations from it or to it */
	cxo_query q = CXO_QUERY_INIT;
	q.topic = "a";
	LIST_EQ(db, CXO_KIND_RELATION, &q,
	        "[{'topic':'b','type':'renamed-from','older':'a','since':'c3','note':'n','uncertain':true,"
	        "'sources':[{'ref':'TSAG-R 1'}]},{'topic':'d','type':'merged-from','older':'a'}]");
	q.topic = "d";
	LIST_EQ(db, CXO_KIND_RELATION, &q,
	        "[{'topic':'d','type':'merged-from','older':'a'},{'topic':'d','type':'merged-from','older':'b'},"
	        "{'topic':'d','type':'related','older':'c','since':'2016'}]");
	/* as of a point, the relations holding then */
	q.topic = NULL;
	q.as_of = "c3";
	LIST_EQ(db, CXO_KIND_RELATION, &q,
	        "[{'topic':'b','type':'renamed-from','older':'a','since':'c3','note':'n','uncertain':true,"
	        "'sources':[{'ref':'TSAG-R 1'}]},{'topic':'d','type':'merged-from','older':'a'},"
	        "{'topic':'d','type':'merged-from','older':'b'}]");
	q.as_of = "c2";
	LIST_EQ(db, CXO_KIND_RELATION, &q,
	        "[{'topic':'d','type':'merged-from','older':'a'},{'topic':'d','type':'merged-from','older':'b'}]");
	q.topic = "z";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_RELATION, &q), CXO_ENOTFOUND, "topic: there is no topic \"z\"");
	cr_assert_null(cur);
	/* a relation's since can change, its key cannot */
	UPDATE(db, CXO_KIND_RELATION, "{'topic':'d','type':'related','older':'c','since':null,'note':'always'}");
	GET_EQ(db, CXO_KIND_RELATION, TH_KEY("d", "related", "c"), "{'topic':'d','type':'related','older':'c','note':'always'}");
	TH_OK(cxo_db_close(db));
}

Test(relations, cycles_are_refused)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", "c", "d", NULL });
	RELATE(db, "b", "renamed-from", "a", NULL);
	RELATE(db, "c", "split-from", "b", NULL);
	TH_ERR(relate(db, "a", "merged-from", "b", NULL), CXO_ECONSTRAINT,
	       "relation \"a\" \"merged-from\" \"b\": topic \"b\" already descends from \"a\"; a merged-from relation "
	       "would make a cycle");
	TH_ERR(relate(db, "a", "supersedes", "c", "c4"), CXO_ECONSTRAINT,
	       "relation \"a\" \"supersedes\" \"c\": topic \"c\" already descends from \"a\"; a supersedes relation would "
	       "make a cycle");
	TH_ERR(relate(db, "b", "renamed-from", "c", NULL), CXO_ECONSTRAINT,
	       "relation \"b\" \"renamed-from\" \"c\": topic \"c\" already descends from \"b\"; a renamed-from relation "
	       "would make a cycle");
	TH_ERR(relate(db, "a", "split-from", "a", NULL), CXO_EINVAL,
	       "relation \"a\" \"split-from\" \"a\".older: a topic cannot relate to itself");
	TH_ERR(relate(db, "a", "related", "a", NULL), CXO_EINVAL,
	       "relation \"a\" \"related\" \"a\".older: a topic cannot relate to itself");
	/* nested, the same */
	UPDATE_FAILS(db, CXO_KIND_TOPIC, "{'id':'a','relations':[{'type':'renamed-from','topic':'c'}]}", CXO_ECONSTRAINT,
	             "topic \"a\".relations[\"renamed-from\" \"c\"]: topic \"c\" already descends from \"a\"; a renamed-from relation would make "
	             "a cycle");
	UPDATE_FAILS(db, CXO_KIND_TOPIC, "{'id':'a','relations':[{'type':'related','topic':'a'}]}", CXO_EINVAL,
	             "topic \"a\".relations[\"related\" \"a\"].topic: a topic cannot relate to itself");
	/* related is symmetric, stored once per declaring topic, and makes no cycle */
	RELATE(db, "a", "related", "c", NULL);
	RELATE(db, "c", "related", "a", NULL);
	RELATE(db, "d", "related", "c", NULL);
	RELATE(db, "c", "related", "d", NULL);
	/* a lineage relation may follow a related one, but d supersedes c, which
	 * descends from a: a cannot merge from d */
	RELATE(db, "d", "supersedes", "c", NULL);
	TH_ERR(relate(db, "a", "merged-from", "d", NULL), CXO_ECONSTRAINT,
	       "relation \"a\" \"merged-from\" \"d\": topic \"d\" already descends from \"a\"; a merged-from relation "
	       "would make a cycle");
	/* two lineage relations between the same pair, in the same direction, are no cycle */
	RELATE(db, "b", "supersedes", "a", NULL);
	cxo_query q = CXO_QUERY_INIT;
	q.topic = "a";
	LIST_EQ(db, CXO_KIND_RELATION, &q,
	        "[{'topic':'a','type':'related','older':'c'},{'topic':'b','type':'renamed-from','older':'a'},"
	        "{'topic':'b','type':'supersedes','older':'a'},{'topic':'c','type':'related','older':'a'}]");
	TH_OK(cxo_db_close(db));
}

Test(relations, errors)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", NULL });
	TH_ERR(relate(db, "x", "related", "a", NULL), CXO_ENOTFOUND,
	       "relation \"x\" \"related\" \"a\".topic: there is no topic \"x\"");
	TH_ERR(relate(db, "a", "related", "y", NULL), CXO_ENOTFOUND,
	       "relation \"a\" \"related\" \"y\".older: there is no topic \"y\"");
	TH_ERR(relate(db, "a", "kin-of", "b", NULL), CXO_EINVAL,
	       "relation \"a\" \"kin-of\" \"b\".type: \"kin-of\" is not one of renamed-from, merged-from, split-from, "
	       "supersedes, related");
	TH_ERR(relate(db, "a", "related", "b", "c9"), CXO_ENOTFOUND,
	       "relation \"a\" \"related\" \"b\".since: there is no meeting \"c9\"");
	TH_ERR(relate(db, "a", "related", "b", "2016-02-30"), CXO_EINVAL,
	       "relation \"a\" \"related\" \"b\".since: \"2016-02-30\" is not a date (no such day in that month)");
	CREATE_FAILS(db, CXO_KIND_RELATION, "{'topic':'a','older':'b'}", CXO_EINVAL,
	             "relation \"a\" \"\" \"b\": the key field \"type\" is required");
	RELATE(db, "a", "related", "b", NULL);
	TH_ERR(relate(db, "a", "related", "b", "c2"), CXO_EEXISTS, "relation \"a\" \"related\" \"b\" already exists");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{'id':'c','title':'C','relations':[{'type':'related','older':'a'}]}", CXO_EINVAL,
	             "topic \"c\".relations[0]: unknown field \"older\" (nested, it is given as \"topic\")");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{'id':'c','title':'C','relations':[{'type':'related','topic':'z'}]}",
	             CXO_ENOTFOUND, "topic \"c\".relations[\"related\" \"z\"].topic: there is no topic \"z\"");
	CREATE_FAILS(db, CXO_KIND_TOPIC,
	             "{'id':'c','title':'C','relations':[{'type':'related','topic':'a'},{'type':'related','topic':'a',"
	             "'since':'c1'}]}",
	             CXO_EINVAL, "topic \"c\".relations: two relations with the key \"related\", \"a\"");
	TH_OK(cxo_db_close(db));
}

/* ---- lineage ---- */

/*
 *          c1       c2            w (workshop)  c3            c4          c5
 *   old    raised   prioritized
 *   new                                         assigned      in-progress            renamed-from old since c3
 *   x      raised                                             raised       raised    (keeps c4, c5 held)
 */
Test(lineage, across_a_rename)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "old", "new", "x", NULL });
	OBSERVE(db, "old", "c1", "raised");
	OBSERVE(db, "old", "c2", "prioritized");
	OBSERVE(db, "new", "c3", "assigned");
	OBSERVE(db, "new", "c4", "in-progress");
	OBSERVE(db, "x", "c1", "raised");
	OBSERVE(db, "x", "c5", "raised");
	RELATE(db, "new", "renamed-from", "old", "c3");
	cr_assert_str_eq(summary(db, "new", 0, NULL), "new@c3 assigned new+ []; new@c4 in-progress advanced+ []");
	cr_assert_str_eq(summary(db, "new", CXO_QUERY_LINEAGE, NULL),
	                 "old@c1 raised new+* []; old@c2 prioritized advanced+* []; "
	                 "new@c3 assigned advanced+ [w]; new@c4 in-progress advanced+ []");
	/* the older topic's own history does not take in the newer one */
	cr_assert_str_eq(summary(db, "old", CXO_QUERY_LINEAGE, NULL),
	                 "old@c1 raised new+ []; old@c2 prioritized advanced+ []");
	/* a relation holding only since a later point is not followed */
	cr_assert_str_eq(summary(db, "new", CXO_QUERY_LINEAGE, "c3"),
	                 "old@c1 raised new+* []; old@c2 prioritized advanced+* []; new@c3 assigned advanced+ [w]");
	cr_assert_str_eq(summary(db, "new", CXO_QUERY_LINEAGE, "2015-05-03"), "");
	UPDATE(db, CXO_KIND_RELATION, "{'topic':'new','type':'renamed-from','older':'old','since':'c4'}");
	cr_assert_str_eq(summary(db, "new", CXO_QUERY_LINEAGE, "c3"), "new@c3 assigned new+ []");
	cr_assert_str_eq(summary(db, "new", CXO_QUERY_LINEAGE, "c4"),
	                 "old@c1 raised new+* []; old@c2 prioritized advanced+* []; "
	                 "new@c3 assigned advanced+ [w]; new@c4 in-progress advanced+ []");
	/* every field of an inherited row */
	cxo_cursor *cur = NULL;
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_LINEAGE;
	TH_OK(cxo_topic_history(&cur, db, "new", &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	TH_STR_EQ_FREE(th_json(row),
	               J("{'topic':'old','lifecycle':'cto','point':'c1','meeting':'c1','date':'2013-11-18','kind':'cto',"
	                 "'status':'raised','rank':1,'terminal':false,'movement':'new','allowed':true,'gaps':[],"
	                 "'qualifier':'agreed','priority':null,'note':null,'uncertain':false,'sources':[],'inherited':true}"));
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

/*
 *          c1                       c2                    c3
 *   ma     raised                   prioritized                        } merged into m since c3
 *   mb     prioritized              assigned                           }
 *   m                                                     assigned
 */
Test(lineage, a_merge_of_two_topics_observed_at_the_same_meeting)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "m", "mb", "ma", NULL });
	OBSERVE(db, "ma", "c1", "raised");
	OBSERVE(db, "mb", "c1", "prioritized");
	OBSERVE(db, "ma", "c2", "prioritized");
	OBSERVE(db, "mb", "c2", "assigned");
	OBSERVE(db, "m", "c3", "assigned");
	UPDATE(db, CXO_KIND_TOPIC,
	       "{'id':'m','relations':[{'type':'merged-from','topic':'mb','since':'c3'},{'type':'merged-from','topic':'ma',"
	       "'since':'c3'}]}");
	/* two rows at each meeting, the topics of one generation by id */
	cr_assert_str_eq(summary(db, "m", CXO_QUERY_LINEAGE, NULL),
	                 "ma@c1 raised new+* []; mb@c1 prioritized new+* []; ma@c2 prioritized advanced+* []; "
	                 "mb@c2 assigned advanced+* []; m@c3 assigned reaffirmed+ [w]");
	/* an older generation comes first: ma renamed from "z", observed at c2 too */
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"z\",\"title\":\"z\"}");
	OBSERVE(db, "z", "c2", "raised");
	RELATE(db, "ma", "renamed-from", "z", NULL);
	cr_assert_str_eq(summary(db, "m", CXO_QUERY_LINEAGE, NULL),
	                 "ma@c1 raised new+* []; mb@c1 prioritized new+* []; z@c2 raised new+* []; "
	                 "ma@c2 prioritized advanced+* []; mb@c2 assigned advanced+* []; m@c3 assigned reaffirmed+ [w]");
	cr_assert_str_eq(summary(db, "ma", CXO_QUERY_LINEAGE, NULL),
	                 "ma@c1 raised new+ []; z@c2 raised new+* []; ma@c2 prioritized advanced+ []");
	TH_OK(cxo_db_close(db));
}

/*
 *          c1       c2            w        c3          c4
 *   so     raised   prioritized                                   split into s1 and s2 since c3
 *   s1                                     assigned
 *   s2                                                 raised
 */
Test(lineage, a_split)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "so", "s1", "s2", NULL });
	OBSERVE(db, "so", "c1", "raised");
	OBSERVE(db, "so", "c2", "prioritized");
	OBSERVE(db, "s1", "c3", "assigned");
	OBSERVE(db, "s2", "c4", "raised");
	RELATE(db, "s1", "split-from", "so", "c3");
	RELATE(db, "s2", "split-from", "so", "c3");
	cr_assert_str_eq(summary(db, "s1", CXO_QUERY_LINEAGE, NULL),
	                 "so@c1 raised new+* []; so@c2 prioritized advanced+* []; s1@c3 assigned advanced+ [w]");
	/* s2's gaps: c3, where its sibling but none of its own line was discussed */
	cr_assert_str_eq(summary(db, "s2", CXO_QUERY_LINEAGE, NULL),
	                 "so@c1 raised new+* []; so@c2 prioritized advanced+* []; s2@c4 raised regressed- [w,c3]");
	cr_assert_str_eq(summary(db, "s2", 0, NULL), "s2@c4 raised new+ []");
	TH_OK(cxo_db_close(db));
}

Test(lineage, supersedes_and_transitive_predecessors)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", "c", "r", NULL });
	OBSERVE(db, "a", "c1", "raised");
	OBSERVE(db, "b", "c2", "prioritized");
	OBSERVE(db, "c", "c4", "delivered");
	OBSERVE(db, "r", "c3", "raised");
	RELATE(db, "b", "renamed-from", "a", NULL);
	RELATE(db, "c", "supersedes", "b", "c4");
	/* related topics are never followed */
	RELATE(db, "c", "related", "r", NULL);
	cr_assert_str_eq(summary(db, "c", CXO_QUERY_LINEAGE, NULL),
	                 "a@c1 raised new+* []; b@c2 prioritized advanced+* []; c@c4 delivered advanced+ [w,c3]");
	cr_assert_str_eq(summary(db, "c", CXO_QUERY_LINEAGE, "c3"), "");
	cr_assert_str_eq(summary(db, "b", CXO_QUERY_LINEAGE, "c3"),
	                 "a@c1 raised new+* []; b@c2 prioritized advanced+ []");
	/* the histories of every topic, each with its lineage */
	cr_assert_str_eq(summary(db, NULL, CXO_QUERY_LINEAGE, NULL),
	                 "a@c1 raised new+ []; "
	                 "a@c1 raised new+* []; b@c2 prioritized advanced+ []; "
	                 "a@c1 raised new+* []; b@c2 prioritized advanced+* []; c@c4 delivered advanced+ [w,c3]; "
	                 "r@c3 raised new+ []");
	/* lineage is the only flag a history reads */
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_LINEAGE | CXO_QUERY_OPEN;
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_topic_history(&cur, db, "c", &q), CXO_EINVAL, "cxo_topic_history: flags 0x3 are not for a history");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

/* ---- rename ---- */

Test(rename, makes_a_new_topic_renamed_from_the_old)
{
	cxo_db *db = meetings();
	CREATE(db, CXO_KIND_TOPIC,
	       "{'id':'ml','title':'Machine learning','description':'ML in networks','tags':['ai','networks'],"
	       "'aliases':['ML'],'note':'kept on the old topic','uncertain':true}");
	OBSERVE(db, "ml", "c1", "raised");
	TH_OK(cxo_db_set_actor(db, "editor"));
	TH_OK(cxo_topic_rename(db, "ml", "ai-networks", "AI in networks", "c3"));
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("ai-networks"),
	       "{'id':'ai-networks','title':'AI in networks','description':'ML in networks','tags':['ai','networks'],"
	       "'aliases':['ML','Machine learning'],'relations':[{'type':'renamed-from','topic':'ml','since':'c3'}]}");
	/* the old topic and its history stay */
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("ml"),
	       "{'id':'ml','title':'Machine learning','description':'ML in networks','tags':['ai','networks'],"
	       "'aliases':['ML'],'note':'kept on the old topic','uncertain':true}");
	OBSERVE(db, "ai-networks", "c3", "assigned");
	cr_assert_str_eq(summary(db, "ai-networks", CXO_QUERY_LINEAGE, NULL),
	                 "ml@c1 raised new+* []; ai-networks@c3 assigned advanced+ [c2,w]");
	cr_assert_str_eq(summary(db, "ai-networks", CXO_QUERY_LINEAGE, "c2"), "");
	/* one audit entry: op rename, key "NEW OLD", the old record before, the new one after;
	 * found by either topic */
	cr_assert_str_eq(audit_ops(db),
	                 MEETINGS_AUDIT "create topic ml; create observation ml cto c1; rename topic ai-networks ml; "
	                 "create observation ai-networks cto c3");
	cxo_query q = CXO_QUERY_INIT;
	q.key = "ml";
	q.entity = "topic";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "create");
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "rename");
	cr_assert_str_eq(cxo_row_text(row, "actor"), "editor");
	cr_assert_eq(cxo_row_type(row, "parent"), CXO_TYPE_NULL);
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "before")),
	               J("{'id':'ml','title':'Machine learning','description':'ML in networks','tags':['ai','networks'],"
	                 "'aliases':['ML'],'note':'kept on the old topic','uncertain':true}"));
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "after")),
	               J("{'id':'ai-networks','title':'AI in networks','description':'ML in networks','tags':['ai','networks'],"
	                 "'aliases':['ML','Machine learning'],'relations':[{'type':'renamed-from','topic':'ml','since':'c3'}]}"));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	q.key = "ai-networks";
	cr_assert_str_eq(audit_of(db, &q), "rename topic ai-networks ml");
	q.key = "ai";
	cr_assert_str_eq(audit_of(db, &q), "");
	TH_OK(cxo_db_close(db));
}

Test(rename, the_old_title_is_an_alias_in_canonical_order)
{
	cxo_db *db = meetings();
	CREATE(db, CXO_KIND_TOPIC, "{'id':'five-g','title':'5G','aliases':['IMT-2020','fifth generation']}");
	TH_OK(cxo_topic_rename(db, "five-g", "imt-2020", "IMT-2020 / 5G", NULL));
	const char *json = "{'id':'imt-2020','title':'IMT-2020 / 5G','aliases':['5G','IMT-2020','fifth generation'],"
	                   "'relations':[{'type':'renamed-from','topic':'five-g'}]}";
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), json);
	/* the audit entry holds the record as stored */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "topic";
	q.key = "imt-2020 five-g";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "rename");
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "after")), J(json));
	cxo_cursor_free(cur);
	/* the title kept: no alias added; an alias equal to the old title is not doubled */
	CREATE(db, CXO_KIND_TOPIC, "{'id':'qos','title':'QoS','aliases':['QoS','Quality of service']}");
	TH_OK(cxo_topic_rename(db, "qos", "qos-qoe", NULL, "2016"));
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("qos-qoe"),
	       "{'id':'qos-qoe','title':'QoS','aliases':['QoS','Quality of service'],'relations':["
	       "{'type':'renamed-from','topic':'qos','since':'2016'}]}");
	TH_OK(cxo_topic_rename(db, "qos-qoe", "qoe", "QoE", NULL));
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("qoe"),
	       "{'id':'qoe','title':'QoE','aliases':['QoS','Quality of service'],'relations':["
	       "{'type':'renamed-from','topic':'qos-qoe'}]}");
	TH_OK(cxo_db_close(db));
}

Test(rename, errors)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", NULL });
	const char *before = NULL;
	before = th_msg("%s", audit_ops(db));
	TH_ERR(cxo_topic_rename(db, "nope", "c", NULL, NULL), CXO_ENOTFOUND, "topic \"nope\" does not exist");
	TH_ERR(cxo_topic_rename(db, "a", "b", NULL, NULL), CXO_EEXISTS, "topic \"b\" already exists");
	TH_ERR(cxo_topic_rename(db, "a", "B", NULL, NULL), CXO_EINVAL,
	       "topic \"B\".id: \"B\" is not an id: it must start with a lower-case letter");
	TH_ERR(cxo_topic_rename(db, "a", "c", NULL, "c9"), CXO_ENOTFOUND,
	       "topic \"c\".relations[\"renamed-from\" \"a\"].since: there is no meeting \"c9\"");
	TH_ERR(cxo_topic_rename(db, "a", "c", "", NULL), CXO_EINVAL,
	       "topic \"c\".title: the text is empty (leave the field out instead)");
	TH_ERR(cxo_topic_rename(db, NULL, "c", NULL, NULL), CXO_EMISUSE, "cxo_topic_rename: old_id is NULL");
	TH_ERR(cxo_topic_rename(db, "a", NULL, NULL, NULL), CXO_EMISUSE, "cxo_topic_rename: new_id is NULL");
	TH_ERR(cxo_topic_rename(NULL, "a", "c", NULL, NULL), CXO_EMISUSE,
	       "cxo_topic_rename: the database handle is NULL");
	/* nothing was written, not even an audit entry */
	cr_assert_str_eq(audit_ops(db), before);
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, TH_KEY("c"), 1), CXO_ENOTFOUND, "topic \"c\" does not exist");
	TH_OK(cxo_db_close(db));
	cxo_db *ro = NULL;
	TH_OK(cxo_db_open(&ro, th_path("test.db"), CXO_OPEN_READONLY));
	TH_ERR(cxo_topic_rename(ro, "a", "c", NULL, NULL), CXO_EREADONLY,
	       th_msg("cxo_topic_rename: %s is open read-only", th_path("test.db")));
	TH_OK(cxo_db_close(ro));
}

/* ---- deleting topics others refer to ---- */

Test(relations, deleting_an_older_topic)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", "c", NULL });
	OBSERVE(db, "a", "c1", "raised");
	RELATE(db, "b", "renamed-from", "a", NULL);
	RELATE(db, "c", "related", "a", NULL);
	RELATE(db, "a", "related", "b", NULL);
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("a"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"a\" is referred to by 1 observation and 2 relations of newer topics; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("b"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"b\" is referred to by 1 relation of a newer topic; delete them first, or cascade");
	/* the newer topic's own relations are part of it */
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("c"), 1, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("a"), 1, CXO_DELETE_CASCADE));
	LIST_EQ(db, CXO_KIND_RELATION, NULL, "[]");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("b"), "{'id':'b','title':'b'}");
	cr_assert_str_eq(audit_ops(db),
	                 MEETINGS_AUDIT "create topic a; create topic b; create topic c; create observation a cto c1; "
	                 "create relation b renamed-from a; create relation c related a; create relation a related b; "
	                 "delete topic c; delete topic a; delete observation a cto c1 ^; "
	                 "delete relation b renamed-from a ^");
	TH_OK(cxo_db_close(db));
}

Test(relations, deleting_a_topic_that_conclusions_cite)
{
	cxo_db *db = meetings();
	topics(db, (const char *const[]){ "a", "b", NULL });
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'c1/1','meeting':'c1','topics':['a','b']}");
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'c2/1','meeting':'c2','topics':['b','a'],'text':'T'}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("a"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"a\" is referred to by 2 conclusions; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("a"), 1, CXO_DELETE_CASCADE));
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("c1/1"), "{'id':'c1/1','meeting':'c1','topics':['b']}");
	GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("c2/1"), "{'id':'c2/1','meeting':'c2','text':'T','topics':['b']}");
	/* an update entry for each, pointing to the deletion */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "conclusion";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur)); /* create c1/1 */
	TH_OK(cxo_cursor_next(&row, cur)); /* create c2/1 */
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "update");
	cr_assert_str_eq(cxo_row_text(row, "key"), "c1/1");
	int64_t parent = cxo_row_int(row, "parent");
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "before")), J("{'id':'c1/1','meeting':'c1','topics':['a','b']}"));
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "after")), J("{'id':'c1/1','meeting':'c1','topics':['b']}"));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "update");
	cr_assert_str_eq(cxo_row_text(row, "key"), "c2/1");
	cr_assert_eq(cxo_row_int(row, "parent"), parent);
	TH_STR_EQ_FREE(th_json(cxo_row_child(row, "after")), J("{'id':'c2/1','meeting':'c2','text':'T','topics':['b']}"));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	q.entity = "topic";
	q.key = "a";
	TH_OK(cxo_audit_list(&cur, db, &q));
	TH_OK(cxo_cursor_next(&row, cur)); /* create a */
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "op"), "delete");
	cr_assert_eq(cxo_row_int(row, "id"), parent);
	cr_assert_eq(cxo_row_type(row, "after"), CXO_TYPE_NULL);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}
