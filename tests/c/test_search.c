/* Full-text search: what is indexed and found, ranking, accents and case, the
 * user's text taken literally, and the index kept in step with every change
 * (and with every change that fails). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(search, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))

static cxo_db *corpus(void)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2017-10-02'}");
	CREATE(db, CXO_KIND_TOPIC,
	       "{'id':'qkd','title':'Quantum key distribution','aliases':['QKD'],"
	       "'description':'Keys exchanged over optical links.'}");
	CREATE(db, CXO_KIND_TOPIC,
	       "{'id':'sec','title':'Network security','description':'Threats to networks, quantum computing among "
	       "them, and the answers of operators.'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'qos','title':'Qualit\xc3\xa9 de service','aliases':['QoS']}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'ml','title':'Machine learning','description':'Learning from network data.'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'iot','title':'Internet of things'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'dlt','title':'Distributed ledgers'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'cloud','title':'Cloud computing'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'sdn','title':'Software-defined networking'}");
	CREATE(db, CXO_KIND_OBSERVATION,
	       "{'topic':'ml','meeting':'m1','status':'raised','note':'A focus group on machine learning for 5G was "
	       "proposed.'}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'iot','meeting':'m1','status':'raised'}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m1/4','meeting':'m1','number':'4','topics':['qkd'],"
	       "'text':'The CTOs ask SG17 to study \\\"post-quantum\\\" cryptography.',"
	       "'actions':[{'id':'a1','owner':'SG17','description':'Report on quantum-safe cryptography'}]}");
	return db;
}

/* The search as "kind:key ..." in the order found; ranks checked to be in order. */
static const char *found(cxo_db *db, const char *text)
{
	static char out[2048];
	cxo_cursor *cur = NULL;
	int rc = cxo_search(&cur, db, text, NULL);
	cr_assert_eq(rc, CXO_OK, "cxo_search(\"%s\"): %d %s", text, rc, cxo_errmsg());
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int64_t last = INT64_MIN;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		cr_assert_eq(cxo_row_type(row, "rank"), CXO_TYPE_INT);
		cr_assert_geq(cxo_row_int(row, "rank"), last, "ranks out of order");
		last = cxo_row_int(row, "rank");
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%s", o ? " " : "", cxo_row_text(row, "kind"),
		                      cxo_row_text(row, "key"));
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* The first row found for `text`, as JSON without its rank. */
static const char *first(cxo_db *db, const char *text)
{
	static char out[2048];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_search(&cur, db, text, NULL));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_eq(cxo_row_size(row), 5);
	cr_assert_str_eq(cxo_row_name(row, 4), "rank");
	snprintf(out, sizeof out, "{\"kind\":%s%s%s,\"key\":\"%s\",\"snippet\":\"%s\"}",
	         "\"", cxo_row_text(row, "kind"), "\"", cxo_row_text(row, "key"), cxo_row_text(row, "snippet"));
	cxo_cursor_free(cur);
	return out;
}

Test(search, a_title_match_ranks_above_a_body_match)
{
	cxo_db *db = corpus();
	const char *got = found(db, "quantum");
	cr_assert(strncmp(got, "topic:qkd ", 10) == 0, "quantum: %s", got);
	cr_assert_not_null(strstr(got, "topic:sec"), "quantum: %s", got);
	cr_assert_not_null(strstr(got, "conclusion:m1/4"), "quantum: %s", got);
	cr_assert_not_null(strstr(got, "action:a1"), "quantum: %s", got);
	cr_assert_eq(strlen(got), strlen("topic:qkd topic:sec conclusion:m1/4 action:a1"), "quantum: %s", got);
	/* a title match of another topic above the alias and description matches */
	cr_assert_str_eq(found(db, "network"), "topic:sec topic:ml");
	TH_OK(cxo_db_close(db));
}

Test(search, each_kind_is_found_with_its_key)
{
	cxo_db *db = corpus();
	cxo_cursor *cur = NULL;
	TH_OK(cxo_search(&cur, db, "focus group", NULL));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_lt(cxo_row_int(row, "rank"), 0);
	char *js = th_json(row);
	cxo_row *copy = th_row(js);
	cxo_free(js);
	TH_OK(cxo_row_set_int(copy, "rank", 0));
	TH_STR_EQ_FREE(th_json(copy), J("{'kind':'observation','key':'ml cto m1','title':null,"
	                                "'snippet':'A [focus] [group] on machine learning for 5G was proposed.','rank':0}"));
	cxo_row_free(copy);
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	cr_assert_str_eq(first(db, "Internet"), J("{'kind':'topic','key':'iot','snippet':'[Internet] of things'}"));
	TH_OK(cxo_search(&cur, db, "things", NULL));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "title"), "Internet of things");
	cr_assert_str_eq(cxo_row_text(row, "snippet"), "Internet of [things]");
	cr_assert_lt(cxo_row_int(row, "rank"), 0);
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	cr_assert_str_eq(found(db, "cryptography"), "action:a1 conclusion:m1/4");
	cr_assert_str_eq(first(db, "study cryptography"),
	                 J("{'kind':'conclusion','key':'m1/4','snippet':'The CTOs ask SG17 to [study] \"post-quantum\" "
	                   "[cryptography].'}"));
	cr_assert_str_eq(first(db, "report"),
	                 J("{'kind':'action','key':'a1','snippet':'[Report] on quantum-safe cryptography'}"));
	/* an action's title is its owner, and is searched */
	TH_OK(cxo_search(&cur, db, "SG17 report", NULL));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "kind"), "action");
	cr_assert_str_eq(cxo_row_text(row, "title"), "SG17");
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	TH_OK(cxo_search(&cur, db, "study", NULL));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "kind"), "conclusion");
	cr_assert_eq(cxo_row_type(row, "title"), CXO_TYPE_NULL);
	cxo_cursor_free(cur);
	/* aliases and descriptions of topics */
	cr_assert_str_eq(found(db, "QKD"), "topic:qkd");
	cr_assert_str_eq(found(db, "optical links"), "topic:qkd");
	cr_assert_str_eq(found(db, "learning"), "topic:ml observation:ml cto m1");
	/* every word, in any order */
	cr_assert_str_eq(found(db, "learning machine 5G"), "observation:ml cto m1");
	cr_assert_str_eq(found(db, "learning ledgers"), "");
	TH_OK(cxo_db_close(db));
}

Test(search, accents_and_case_are_ignored)
{
	cxo_db *db = corpus();
	cr_assert_str_eq(found(db, "QUALITE"), "topic:qos");
	cr_assert_str_eq(found(db, "qualit\xc3\xa9"), "topic:qos");
	cr_assert_str_eq(found(db, "Qu\xc3\x80lit\xc3\x89 DE Service"), "topic:qos");
	cr_assert_str_eq(found(db, "qos"), "topic:qos");
	cr_assert_str_eq(found(db, "INTERNET"), "topic:iot");
	TH_OK(cxo_db_close(db));
}

Test(search, the_text_is_taken_literally)
{
	cxo_db *db = corpus();
	const char *quantum = th_msg("%s", found(db, "quantum"));
	cr_assert_str_eq(found(db, "\"quantum\""), quantum);
	cr_assert_str_eq(found(db, "(quantum)"), quantum);
	cr_assert_str_eq(found(db, "-quantum"), quantum);
	cr_assert_str_eq(found(db, "quantum *"), quantum);
	cr_assert_str_eq(found(db, "\"post-quantum\""), "conclusion:m1/4");
	cr_assert_str_eq(found(db, "key:distribution"), "topic:qkd");
	cr_assert_str_eq(found(db, "title:quantum"), "");
	cr_assert_str_eq(found(db, "quantum OR ledgers"), "");
	cr_assert_str_eq(found(db, "quantum NOT ledgers"), "");
	cr_assert_str_eq(found(db, "NEAR(quantum cryptography)"), "");
	cr_assert_str_eq(found(db, "qua*"), "");
	cr_assert_str_eq(found(db, "^quantum"), quantum);
	cr_assert_str_eq(found(db, "{quantum}"), quantum);
	cr_assert_str_eq(found(db, "\" quantum \""), quantum);
	cr_assert_str_eq(found(db, "'quantum'"), quantum);
	TH_OK(cxo_db_close(db));
}

Test(search, errors)
{
	cxo_db *db = corpus();
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_search(&cur, db, "", NULL), CXO_EINVAL, "search: the text has no word");
	cr_assert_null(cur);
	TH_ERR(cxo_search(&cur, db, " \t\r\n ", NULL), CXO_EINVAL, "search: the text has no word");
	/* punctuation alone is no word */
	TH_ERR(cxo_search(&cur, db, "*", NULL), CXO_EINVAL, "search: the text has no word");
	TH_ERR(cxo_search(&cur, db, "\" \"\" + - ' ()", NULL), CXO_EINVAL, "search: the text has no word");
	TH_ERR(cxo_search(&cur, db, NULL, NULL), CXO_EMISUSE, "cxo_search: text is NULL");
	TH_ERR(cxo_search(&cur, db, "quantum\xc3", NULL), CXO_EINVAL, "search: invalid UTF-8 at byte 7");
	TH_ERR(cxo_search(NULL, db, "quantum", NULL), CXO_EMISUSE, "cxo_search: out is NULL");
	TH_ERR(cxo_search(&cur, NULL, "quantum", NULL), CXO_EMISUSE, "cxo_search: the database handle is NULL");
	cxo_query bad = CXO_QUERY_INIT;
	bad.version = 9;
	TH_ERR(cxo_search(&cur, db, "quantum", &bad), CXO_EVERSION,
	       "cxo_search: cxo_query version 9 is not supported (this library has 1)");
	TH_OK(cxo_db_close(db));
	/* a read-only handle searches */
	cxo_db *ro = NULL;
	TH_OK(cxo_db_open(&ro, th_path("test.db"), CXO_OPEN_READONLY));
	cr_assert_str_eq(found(ro, "things"), "topic:iot");
	TH_OK(cxo_db_close(ro));
}

Test(search, the_index_follows_updates_and_deletions)
{
	cxo_db *db = corpus();
	/* topics: title, aliases, description */
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'qkd','title':'QKD networks','aliases':['Quantum keys'],'description':null}");
	cr_assert_str_eq(found(db, "distribution"), "");
	cr_assert_str_eq(found(db, "optical"), "");
	cr_assert_str_eq(found(db, "QKD"), "topic:qkd");
	cr_assert_str_eq(first(db, "keys"), J("{'kind':'topic','key':'qkd','snippet':'Quantum [keys]'}"));
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("dlt"), 1, 0));
	cr_assert_str_eq(found(db, "ledgers"), "");
	/* observations: a note changed, then cleared */
	UPDATE(db, CXO_KIND_OBSERVATION, "{'topic':'ml','meeting':'m1','note':'An FG was created.'}");
	cr_assert_str_eq(found(db, "focus"), "");
	cr_assert_str_eq(found(db, "created"), "observation:ml cto m1");
	UPDATE(db, CXO_KIND_OBSERVATION, "{'topic':'ml','meeting':'m1','note':null}");
	cr_assert_str_eq(found(db, "created"), "");
	UPDATE(db, CXO_KIND_OBSERVATION, "{'topic':'iot','meeting':'m1','note':'Sensors everywhere'}");
	cr_assert_str_eq(found(db, "sensors"), "observation:iot cto m1");
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, TH_KEY("iot", "cto", "m1"), 3, 0));
	cr_assert_str_eq(found(db, "sensors"), "");
	/* conclusions and actions, and actions replaced through their conclusion */
	UPDATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/4','actions':[{'id':'a2','description':'Liaise with ETSI'}]}");
	cr_assert_str_eq(found(db, "report"), "");
	cr_assert_str_eq(found(db, "ETSI"), "action:a2");
	UPDATE(db, CXO_KIND_ACTION, "{'id':'a2','description':'Liaise with IETF'}");
	cr_assert_str_eq(found(db, "ETSI"), "");
	cr_assert_str_eq(found(db, "IETF"), "action:a2");
	TH_OK(cxo_record_delete(db, CXO_KIND_CONCLUSION, TH_KEY("m1/4"), 1, 0));
	cr_assert_str_eq(found(db, "cryptography"), "");
	cr_assert_str_eq(found(db, "IETF"), "");
	/* a cascade: the topic's observations go from the index with it */
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'sdn','meeting':'m1','status':'raised','note':'OpenFlow'}");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("sdn"), 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(found(db, "openflow"), "");
	cr_assert_str_eq(found(db, "software"), "");
	/* a meeting cascade through a conclusion and its actions */
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m1/5','meeting':'m1','text':'Cloud native','actions':[{'id':'a5','description':'Cloud study'}]}");
	cr_assert_str_eq(found(db, "cloud"), "topic:cloud action:a5 conclusion:m1/5");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m1"), 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(found(db, "cloud"), "topic:cloud");
	cr_assert_str_eq(found(db, "learning"), "topic:ml");
	TH_OK(cxo_db_close(db));
}

Test(search, a_failed_change_leaves_the_index_as_it_was)
{
	cxo_db *db = corpus();
	CREATE(db, CXO_KIND_CONCLUSION, "{'id':'m1/6','meeting':'m1','actions':[{'id':'a6'}]}");
	/* the conclusion's new text is written, then its actions fail */
	TH_ERR(th_update(db, CXO_KIND_CONCLUSION, J("{'id':'m1/4','text':'Nothing new','actions':[{'id':'a6'}]}")),
	       CXO_EEXISTS,
	       "conclusion \"m1/4\".actions[\"a6\"]: an action with the id \"a6\" already exists (in conclusion \"m1/6\")");
	cr_assert_str_eq(found(db, "nothing"), "");
	cr_assert_str_eq(found(db, "cryptography"), "action:a1 conclusion:m1/4");
	/* a topic whose new relation fails */
	TH_ERR(th_update(db, CXO_KIND_TOPIC,
	                 J("{'id':'iot','title':'Internet of everything','relations':[{'type':'related','topic':'none'}]}")),
	       CXO_ENOTFOUND, "topic \"iot\".relations[\"related\" \"none\"].topic: there is no topic \"none\"");
	cr_assert_str_eq(found(db, "everything"), "");
	cr_assert_str_eq(found(db, "things"), "topic:iot");
	/* a deletion refused */
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("ml"), 1, 0), CXO_ECONSTRAINT,
	       "topic \"ml\" is referred to by 1 observation; delete them first, or cascade");
	cr_assert_str_eq(found(db, "machine"), "topic:ml observation:ml cto m1");
	/* inside an explicit transaction: the failed change only, then all of it */
	TH_OK(cxo_db_begin(db));
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'cloud','title':'Cloud and edge'}");
	TH_ERR(th_update(db, CXO_KIND_TOPIC,
	                 J("{'id':'iot','title':'Internet of everything','relations':[{'type':'related','topic':'none'}]}")),
	       CXO_ENOTFOUND, "topic \"iot\".relations[\"related\" \"none\"].topic: there is no topic \"none\"");
	cr_assert_str_eq(found(db, "edge"), "topic:cloud");
	cr_assert_str_eq(found(db, "everything"), "");
	TH_OK(cxo_db_rollback(db));
	cr_assert_str_eq(found(db, "edge"), "");
	cr_assert_str_eq(found(db, "cloud"), "topic:cloud");
	TH_OK(cxo_db_close(db));
}
