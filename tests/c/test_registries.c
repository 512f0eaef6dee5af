/* Registries of external items, their items with dated statuses, and the links
 * from topics to items: canonical form, existence and links as of a point,
 * the lists' filters, opaque item ids, and deleting what links refer to. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

TestSuite(registries, .init = th_setup, .fini = th_teardown);
TestSuite(links, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))
#define GET_EQ(db, kind, key, json) TH_GET_EQ((db), (kind), (key), J(json))
#define LIST_EQ(db, kind, q, json) TH_STR_EQ_FREE(th_list((db), (kind), (q)), J(json))
#define CREATE_FAILS(db, kind, json, code, msg) TH_ERR(th_create((db), (kind), J(json)), (code), (msg))
#define UPDATE_FAILS(db, kind, json, code, msg) TH_ERR(th_update((db), (kind), J(json)), (code), (msg))

/* "Quantum Key Distribution – networks", with an en dash */
#define QKD "Quantum Key Distribution \xe2\x80\x93 networks"

/*
 * Meetings m1 2013-11-18, m2 2014-06-10, m3 2015-05-04, m4 2016-03-21,
 * m5 2017-10-02, m6 2018-11-05; topics t1, t2, t3.
 *
 *   fg     fg-imt2020   established 2015-05, concluded 2016-12   <- t1 led-to since m3
 *   fg     fg-ml5g      established 2017-11, concluded 2020-07   <- t2 partially-covers since 2017-11
 *   res22  AI/ML in networks   listed 2014                       <- t2 related since m2
 *   res22  QKD                 (no status: exists always)        <- t1 maps-to
 *   rec    Y.3172              (no status, no link)
 */
static cxo_db *series(void)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m3','kind':'cto','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m4','kind':'cto','date':'2016-03-21'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m5','kind':'cto','date':'2017-10-02'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m6','kind':'cto','date':'2018-11-05'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'IMT-2020'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Machine learning'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Quiet'}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'fg','title':'ITU-T Focus Groups','version':'2024','url':'https://itu.int/fg'}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'res22','title':'Resolution 22 items'}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'rec'}");
	CREATE(db, CXO_KIND_ITEM,
	       "{'registry':'fg','id':'fg-imt2020','title':'FG IMT-2020','statuses':["
	       "{'date':'2016-12','status':'concluded'},{'date':'2015-05','status':'established'}]}");
	CREATE(db, CXO_KIND_ITEM,
	       "{'registry':'fg','id':'fg-ml5g','title':'FG ML5G','statuses':["
	       "{'date':'2020-07','status':'concluded'},{'date':'2017-11','status':'established'}]}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'res22','id':'AI/ML in networks','statuses':[{'date':'2014','status':'listed'}]}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'res22','id':'" QKD "','title':'QKD'}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'rec','id':'Y.3172','title':'Architectural framework for ML'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-imt2020','relation':'led-to','since':'m3'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t1','registry':'res22','item':'" QKD "','relation':'maps-to'}");
	CREATE(db, CXO_KIND_LINK,
	       "{'topic':'t2','registry':'fg','item':'fg-ml5g','relation':'partially-covers','since':'2017-11'}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t2','registry':'res22','item':'AI/ML in networks','since':'m2'}");
	return db;
}

/* The item list as "registry/id:status/topics ...". */
static const char *items(cxo_db *db, const char *as_of, uint32_t flags)
{
	static char out[2048];
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = as_of;
	q.flags = flags;
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_ITEM, &q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		const char *status = cxo_row_text(row, "status");
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s/%s:%s/%lld", o ? " | " : "", cxo_row_text(row, "registry"),
		                      cxo_row_text(row, "id"), status ? status : "-", (long long)cxo_row_int(row, "topics"));
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

/* The link list as "topic>registry/item ...". */
static const char *links(cxo_db *db, const cxo_query *q)
{
	static char out[2048];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_LINK, q));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s>%s/%s", o ? " | " : "", cxo_row_text(row, "topic"),
		                      cxo_row_text(row, "registry"), cxo_row_text(row, "item"));
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return out;
}

static const char *links_as_of(cxo_db *db, const char *as_of)
{
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = as_of;
	return links(db, &q);
}

/* ---- registries and items ---- */

Test(registries, registries_in_canonical_form)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_REGISTRY, "{'uncertain':true,'note':'n','url':'u','version':'v','title':'T','id':'z'}");
	GET_EQ(db, CXO_KIND_REGISTRY, TH_KEY("z"), "{'id':'z','title':'T','version':'v','url':'u','note':'n','uncertain':true}");
	LIST_EQ(db, CXO_KIND_REGISTRY, NULL,
	        "[{'id':'fg','title':'ITU-T Focus Groups','version':'2024','url':'https://itu.int/fg'},{'id':'rec'},"
	        "{'id':'res22','title':'Resolution 22 items'},"
	        "{'id':'z','title':'T','version':'v','url':'u','note':'n','uncertain':true}]");
	UPDATE(db, CXO_KIND_REGISTRY, "{'id':'z','version':null,'uncertain':false}");
	GET_EQ(db, CXO_KIND_REGISTRY, TH_KEY("z"), "{'id':'z','title':'T','url':'u','note':'n'}");
	CREATE_FAILS(db, CXO_KIND_REGISTRY, "{'id':'z'}", CXO_EEXISTS, "registry \"z\" already exists");
	CREATE_FAILS(db, CXO_KIND_REGISTRY, "{'id':'Z'}", CXO_EINVAL,
	             "registry \"Z\".id: \"Z\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_REGISTRY, "{'id':'y','items':[]}", CXO_EINVAL,
	             "registry \"y\": unknown field \"items\" (a registry has: id, title, version, url, note, uncertain)");
	TH_OK(cxo_db_close(db));
}

Test(registries, item_statuses_sorted_by_date_with_sources)
{
	cxo_db *db = series();
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("fg", "fg-ml5g"),
	       "{'registry':'fg','id':'fg-ml5g','title':'FG ML5G','statuses':[{'date':'2017-11','status':'established'},"
	       "{'date':'2020-07','status':'concluded'}]}");
	UPDATE(db, CXO_KIND_ITEM,
	       "{'registry':'fg','id':'fg-ml5g','url':'https://itu.int/fg-ml5g','uncertain':true,'note':'n','statuses':["
	       "{'sources':[{'ref':'SG13-R 5','quote':'FG ML5G concluded'},{'url':'https://itu.int/r'}],"
	       "'uncertain':true,'note':'its last meeting','status':'concluded','date':'2020-07'},"
	       "{'date':'2017','status':'proposed'},"
	       "{'date':'2017-11-01','status':'established','sources':[{'ref':'SG13 report'}]}]}");
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("fg", "fg-ml5g"),
	       "{'registry':'fg','id':'fg-ml5g','title':'FG ML5G','url':'https://itu.int/fg-ml5g','statuses':["
	       "{'date':'2017','status':'proposed'},"
	       "{'date':'2017-11-01','status':'established','sources':[{'ref':'SG13 report'}]},"
	       "{'date':'2020-07','status':'concluded','note':'its last meeting','uncertain':true,'sources':["
	       "{'ref':'SG13-R 5','quote':'FG ML5G concluded'},{'url':'https://itu.int/r'}]}],"
	       "'note':'n','uncertain':true}");
	/* an empty list clears them: the item exists always */
	UPDATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'fg-ml5g','statuses':[],'note':null,'uncertain':false}");
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("fg", "fg-ml5g"),
	       "{'registry':'fg','id':'fg-ml5g','title':'FG ML5G','url':'https://itu.int/fg-ml5g'}");
	cr_assert_str_eq(items(db, "m1", 0), "fg/fg-ml5g:-/0 | rec/Y.3172:-/0 | res22/" QKD ":-/1");
	TH_OK(cxo_db_close(db));
}

Test(registries, item_errors)
{
	cxo_db *db = series();
	CREATE_FAILS(db, CXO_KIND_ITEM,
	             "{'registry':'fg','id':'x','statuses':[{'date':'2017-11','status':'a'},{'date':'2016','status':'b'},"
	             "{'date':'2017-11','status':'c'}]}",
	             CXO_EINVAL, "item \"fg\" \"x\".statuses: two statuses dated 2017-11");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':[{'status':'a'}]}", CXO_EINVAL,
	             "item \"fg\" \"x\".statuses[0].date: a value is required");
	CREATE_FAILS(db, CXO_KIND_ITEM,
	             "{'registry':'fg','id':'x','statuses':[{'date':'2016','status':'a'},{'date':'2017-13','status':'b'}]}",
	             CXO_EINVAL, "item \"fg\" \"x\".statuses[1].date: \"2017-13\" is not a date (month must be 01 to 12)");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':[{'date':'2016'}]}", CXO_EINVAL,
	             "item \"fg\" \"x\".statuses[0].status: a value is required");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':[{'date':'2016','status':'Established'}]}",
	             CXO_EINVAL,
	             "item \"fg\" \"x\".statuses[0].status: \"Established\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':[{'date':'2016','status':'a','when':1}]}",
	             CXO_EINVAL,
	             "item \"fg\" \"x\".statuses[0]: unknown field \"when\" (an item status has: date, status, note, "
	             "uncertain, sources)");
	CREATE_FAILS(db, CXO_KIND_ITEM,
	             "{'registry':'fg','id':'x','statuses':[{'date':'2016','status':'a','sources':[{'page':3}]}]}",
	             CXO_EINVAL,
	             "item \"fg\" \"x\".statuses[0].sources[0]: unknown field \"page\" (a source has: ref, url, quote)");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'x','statuses':{'date':'2016'}}", CXO_EINVAL,
	             "item \"fg\" \"x\".statuses: expected a list of statuses");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'zz','id':'x'}", CXO_ENOTFOUND,
	             "item \"zz\" \"x\".registry: there is no registry \"zz\"");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg'}", CXO_EINVAL, "item \"fg\" \"\": the key field \"id\" is required");
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'fg','id':'fg-ml5g'}", CXO_EEXISTS,
	             "item \"fg\" \"fg-ml5g\" already exists");
	UPDATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'rec','id':'fg-ml5g','title':'x'}", CXO_ENOTFOUND,
	             "item \"rec\" \"fg-ml5g\" does not exist");
	/* the same id in another registry is another item */
	CREATE(db, CXO_KIND_ITEM, "{'registry':'rec','id':'fg-ml5g'}");
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("rec", "fg-ml5g"), "{'registry':'rec','id':'fg-ml5g'}");
	TH_OK(cxo_db_close(db));
}

Test(registries, opaque_item_ids)
{
	cxo_db *db = series();
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("res22", QKD), "{'registry':'res22','id':'" QKD "','title':'QKD'}");
	GET_EQ(db, CXO_KIND_ITEM, TH_KEY("res22", "AI/ML in networks"),
	       "{'registry':'res22','id':'AI/ML in networks','statuses':[{'date':'2014','status':'listed'}]}");
	/* quotes, and leading and trailing spaces, are part of an id */
	TH_CREATE(db, CXO_KIND_ITEM, "{\"registry\":\"rec\",\"id\":\" Y.\\\"3172\\\" \"}");
	TH_GET_EQ(db, CXO_KIND_ITEM, TH_KEY("rec", " Y.\"3172\" "), "{\"registry\":\"rec\",\"id\":\" Y.\\\"3172\\\" \"}");
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ITEM, TH_KEY("rec", "Y.\"3172\""), 2), CXO_ENOTFOUND,
	       "item \"rec\" \"Y.\\\"3172\\\"\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ITEM, TH_KEY("res22", "quantum key distribution \xe2\x80\x93 networks"), 2),
	       CXO_ENOTFOUND, "item \"res22\" \"quantum key distribution \xe2\x80\x93 networks\" does not exist");
	/* a link to it, and its topics */
	TH_CREATE(db, CXO_KIND_LINK, "{\"topic\":\"t3\",\"registry\":\"rec\",\"item\":\" Y.\\\"3172\\\" \"}");
	cxo_query q = CXO_QUERY_INIT;
	q.registry = "res22";
	q.item = QKD;
	cr_assert_str_eq(links(db, &q), "t1>res22/" QKD);
	q.registry = "rec";
	q.item = " Y.\"3172\" ";
	cr_assert_str_eq(links(db, &q), "t3>rec/ Y.\"3172\" ");
	TH_ERR(th_create(db, CXO_KIND_LINK, "{\"topic\":\"t3\",\"registry\":\"rec\",\"item\":\"Y.\\\"3172\\\"\"}"),
	       CXO_ENOTFOUND,
	       "link \"t3\" \"rec\" \"Y.\\\"3172\\\"\".item: there is no item \"Y.\\\"3172\\\"\" in registry \"rec\"");
	/* deleting it by its key */
	TH_OK(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t3", "rec", " Y.\"3172\" "), 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("rec", " Y.\"3172\" "), 2, 0));
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ITEM, TH_KEY("rec", " Y.\"3172\" "), 2), CXO_ENOTFOUND,
	       "item \"rec\" \" Y.\\\"3172\\\" \" does not exist");
	/* an empty id is refused */
	CREATE_FAILS(db, CXO_KIND_ITEM, "{'registry':'rec','id':''}", CXO_EINVAL,
	             "item \"rec\" \"\".id: the text is empty (leave the field out instead)");
	TH_OK(cxo_db_close(db));
}

Test(registries, an_item_exists_from_its_first_status)
{
	cxo_db *db = series();
	cr_assert_str_eq(items(db, NULL, 0),
	                 "fg/fg-imt2020:concluded/1 | fg/fg-ml5g:concluded/1 | rec/Y.3172:-/0 | "
	                 "res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "m6", 0),
	                 "fg/fg-imt2020:concluded/1 | fg/fg-ml5g:established/1 | rec/Y.3172:-/0 | "
	                 "res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	/* fg-ml5g from 2017-11, its link since 2017-11 too */
	cr_assert_str_eq(items(db, "m5", 0),
	                 "fg/fg-imt2020:concluded/1 | rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "2017-11", 0),
	                 "fg/fg-imt2020:concluded/1 | fg/fg-ml5g:established/1 | rec/Y.3172:-/0 | "
	                 "res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "2017-10-31", 0),
	                 "fg/fg-imt2020:concluded/1 | rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	/* a partial date orders as its first day: 2015-05 is before m3 (2015-05-04) */
	cr_assert_str_eq(items(db, "m3", 0),
	                 "fg/fg-imt2020:established/1 | rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "2015-05-03", 0),
	                 "fg/fg-imt2020:established/0 | rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "2015-04", 0), "rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "m2", 0), "rec/Y.3172:-/0 | res22/AI/ML in networks:listed/1 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "2014-06-09", 0), "rec/Y.3172:-/0 | res22/AI/ML in networks:listed/0 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "m1", 0), "rec/Y.3172:-/0 | res22/" QKD ":-/1");
	cr_assert_str_eq(items(db, "1900", 0), "rec/Y.3172:-/0 | res22/" QKD ":-/1");
	TH_OK(cxo_db_close(db));
}

Test(registries, the_item_list_in_full)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	q.registry = "fg";
	LIST_EQ(db, CXO_KIND_ITEM, &q,
	        "[{'registry':'fg','id':'fg-imt2020','title':'FG IMT-2020','statuses':[{'date':'2015-05','status':'established'},"
	        "{'date':'2016-12','status':'concluded'}],'status':'concluded','topics':1},"
	        "{'registry':'fg','id':'fg-ml5g','title':'FG ML5G','statuses':[{'date':'2017-11','status':'established'},"
	        "{'date':'2020-07','status':'concluded'}],'status':'concluded','topics':1}]");
	/* as of a point, the statuses dated later are not part of the row */
	q.as_of = "m4";
	LIST_EQ(db, CXO_KIND_ITEM, &q,
	        "[{'registry':'fg','id':'fg-imt2020','title':'FG IMT-2020','statuses':[{'date':'2015-05','status':'established'}],"
	        "'status':'established','topics':1}]");
	q.registry = "rec";
	LIST_EQ(db, CXO_KIND_ITEM, &q,
	        "[{'registry':'rec','id':'Y.3172','title':'Architectural framework for ML','status':null,'topics':0}]");
	q.registry = "none";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_ITEM, &q), CXO_ENOTFOUND, "registry: there is no registry \"none\"");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

Test(registries, unlinked_items)
{
	cxo_db *db = series();
	cr_assert_str_eq(items(db, NULL, CXO_QUERY_UNLINKED), "rec/Y.3172:-/0");
	/* as of 2015-05-03, fg-imt2020 exists but t1 links to it only from m3 */
	cr_assert_str_eq(items(db, "2015-05-03", CXO_QUERY_UNLINKED), "fg/fg-imt2020:established/0 | rec/Y.3172:-/0");
	cr_assert_str_eq(items(db, "2014-06-09", CXO_QUERY_UNLINKED), "rec/Y.3172:-/0 | res22/AI/ML in networks:listed/0");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t3','registry':'rec','item':'Y.3172'}");
	cr_assert_str_eq(items(db, NULL, CXO_QUERY_UNLINKED), "");
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_UNLINKED;
	q.registry = "rec";
	LIST_EQ(db, CXO_KIND_ITEM, &q, "[]");
	TH_OK(cxo_db_close(db));
}

/* ---- links ---- */

Test(links, canonical_form_nested_and_on_their_own)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_LINK,
	       "{'sources':[{'ref':'TSAG-TD 5'}],'uncertain':true,'note':'n','since':'2016','relation':'related',"
	       "'item':'Y.3172','registry':'rec','topic':'t3'}");
	GET_EQ(db, CXO_KIND_LINK, TH_KEY("t3", "rec", "Y.3172"),
	       "{'topic':'t3','registry':'rec','item':'Y.3172','relation':'related','since':'2016','note':'n',"
	       "'uncertain':true,'sources':[{'ref':'TSAG-TD 5'}]}");
	/* a topic's links, by registry then item, without their topic */
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t1"),
	       "{'id':'t1','title':'IMT-2020','links':[{'registry':'fg','item':'fg-imt2020','relation':'led-to','since':'m3'},"
	       "{'registry':'res22','item':'" QKD "','relation':'maps-to'}]}");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t3"),
	       "{'id':'t3','title':'Quiet','links':[{'registry':'rec','item':'Y.3172','relation':'related','since':'2016',"
	       "'note':'n','uncertain':true,'sources':[{'ref':'TSAG-TD 5'}]}]}");
	/* written nested: the relation takes its default */
	CREATE(db, CXO_KIND_TOPIC,
	       "{'id':'t4','title':'Four','links':[{'registry':'res22','item':'AI/ML in networks','since':'m4'},"
	       "{'registry':'fg','item':'fg-ml5g','relation':'maps-to'}]}");
	GET_EQ(db, CXO_KIND_LINK, TH_KEY("t4", "res22", "AI/ML in networks"),
	       "{'topic':'t4','registry':'res22','item':'AI/ML in networks','relation':'related','since':'m4'}");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t4"),
	       "{'id':'t4','title':'Four','links':[{'registry':'fg','item':'fg-ml5g','relation':'maps-to'},"
	       "{'registry':'res22','item':'AI/ML in networks','relation':'related','since':'m4'}]}");
	/* an update of the topic with a list replaces it */
	UPDATE(db, CXO_KIND_TOPIC, "{'id':'t4','links':[{'registry':'rec','item':'Y.3172'}]}");
	cxo_query q = CXO_QUERY_INIT;
	q.topic = "t4";
	cr_assert_str_eq(links(db, &q), "t4>rec/Y.3172");
	UPDATE(db, CXO_KIND_LINK, "{'topic':'t4','registry':'rec','item':'Y.3172','since':'m1','relation':'led-to'}");
	GET_EQ(db, CXO_KIND_LINK, TH_KEY("t4", "rec", "Y.3172"),
	       "{'topic':'t4','registry':'rec','item':'Y.3172','relation':'led-to','since':'m1'}");
	TH_OK(cxo_db_close(db));
}

Test(links, errors)
{
	cxo_db *db = series();
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-none'}", CXO_ENOTFOUND,
	             "link \"t1\" \"fg\" \"fg-none\".item: there is no item \"fg-none\" in registry \"fg\"");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'zz','item':'fg-ml5g'}", CXO_ENOTFOUND,
	             "link \"t1\" \"zz\" \"fg-ml5g\".item: there is no item \"fg-ml5g\" in registry \"zz\"");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t9','registry':'fg','item':'fg-ml5g'}", CXO_ENOTFOUND,
	             "link \"t9\" \"fg\" \"fg-ml5g\".topic: there is no topic \"t9\"");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-ml5g','relation':'covers'}", CXO_EINVAL,
	             "link \"t1\" \"fg\" \"fg-ml5g\".relation: \"covers\" is not one of maps-to, partially-covers, led-to, "
	             "related");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-ml5g','since':'m9'}", CXO_ENOTFOUND,
	             "link \"t1\" \"fg\" \"fg-ml5g\".since: there is no meeting \"m9\"");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-ml5g','since':'2017-13'}", CXO_EINVAL,
	             "link \"t1\" \"fg\" \"fg-ml5g\".since: \"2017-13\" is not a date (month must be 01 to 12)");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-ml5g','since':'M3'}", CXO_EINVAL,
	             "link \"t1\" \"fg\" \"fg-ml5g\".since: \"M3\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-ml5g','since':3}", CXO_EINVAL,
	             "link \"t1\" \"fg\" \"fg-ml5g\".since: expected a meeting id or a date, got an integer");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg'}", CXO_EINVAL,
	             "link \"t1\" \"fg\" \"\": the key field \"item\" is required");
	CREATE_FAILS(db, CXO_KIND_LINK, "{'topic':'t1','registry':'fg','item':'fg-imt2020'}", CXO_EEXISTS,
	             "link \"t1\" \"fg\" \"fg-imt2020\" already exists");
	/* nested in a topic */
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{'id':'t5','title':'Five','links':[{'registry':'fg','item':'nope'}]}",
	             CXO_ENOTFOUND, "topic \"t5\".links[\"fg\" \"nope\"].item: there is no item \"nope\" in registry \"fg\"");
	CREATE_FAILS(db, CXO_KIND_TOPIC,
	             "{'id':'t5','title':'Five','links':[{'topic':'t5','registry':'fg','item':'fg-ml5g'}]}", CXO_EINVAL,
	             "topic \"t5\".links[0]: unknown field \"topic\" (nested, the topic is the record around it)");
	CREATE_FAILS(db, CXO_KIND_TOPIC,
	             "{'id':'t5','title':'Five','links':[{'registry':'fg','item':'fg-ml5g'},{'registry':'fg','item':'fg-ml5g',"
	             "'relation':'led-to'}]}",
	             CXO_EINVAL, "topic \"t5\".links: two links with the key \"fg\", \"fg-ml5g\"");
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, TH_KEY("t5"), 1), CXO_ENOTFOUND, "topic \"t5\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_LINK, TH_KEY("t1", "fg"), 2), CXO_EINVAL,
	       "cxo_record_get: the key of a link has 3 parts (topic, registry, item), not 2");
	TH_OK(cxo_db_close(db));
}

Test(links, since_and_as_of)
{
	cxo_db *db = series();
	const char *all = "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>fg/fg-ml5g | t2>res22/AI/ML in networks";
	cr_assert_str_eq(links(db, NULL), all);
	cr_assert_str_eq(links_as_of(db, "m6"), all);
	/* since 2017-11: a partial date orders as its first day */
	cr_assert_str_eq(links_as_of(db, "2017-11-01"), all);
	cr_assert_str_eq(links_as_of(db, "2017-10"), "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "m5"), "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>res22/AI/ML in networks");
	/* since a meeting: from that meeting on */
	cr_assert_str_eq(links_as_of(db, "m3"), "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "2015-05-04"), "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "2015-05-03"), "t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "m2"), "t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "m1"), "t1>res22/" QKD);
	/* without since: from the start (of its item, which may begin later) */
	cr_assert_str_eq(links_as_of(db, "0001"), "t1>res22/" QKD);
	CREATE(db, CXO_KIND_LINK, "{'topic':'t3','registry':'fg','item':'fg-ml5g'}");
	cr_assert_str_eq(links_as_of(db, "2017-10"), "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>res22/AI/ML in networks");
	cr_assert_str_eq(links_as_of(db, "2017-11"),
	                 "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>fg/fg-ml5g | t2>res22/AI/ML in networks | t3>fg/fg-ml5g");
	TH_OK(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t3", "fg", "fg-ml5g"), 3, 0));
	/* the rows, with the item's title (null without one) */
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "m2";
	LIST_EQ(db, CXO_KIND_LINK, &q,
	        "[{'topic':'t1','registry':'res22','item':'" QKD "','relation':'maps-to','title':'QKD'},"
	        "{'topic':'t2','registry':'res22','item':'AI/ML in networks','relation':'related','since':'m2','title':null}]");
	q.as_of = "m9";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_LINK, &q), CXO_ENOTFOUND, "as of: there is no meeting \"m9\"");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

Test(links, a_topics_items_and_an_items_topics)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_LINK, "{'topic':'t3','registry':'fg','item':'fg-ml5g','relation':'related'}");
	cxo_query q = CXO_QUERY_INIT;
	q.topic = "t2";
	cr_assert_str_eq(links(db, &q), "t2>fg/fg-ml5g | t2>res22/AI/ML in networks");
	q.topic = "t3";
	LIST_EQ(db, CXO_KIND_LINK, &q, "[{'topic':'t3','registry':'fg','item':'fg-ml5g','relation':'related','title':'FG ML5G'}]");
	q.topic = NULL;
	q.registry = "fg";
	cr_assert_str_eq(links(db, &q), "t1>fg/fg-imt2020 | t2>fg/fg-ml5g | t3>fg/fg-ml5g");
	q.item = "fg-ml5g";
	cr_assert_str_eq(links(db, &q), "t2>fg/fg-ml5g | t3>fg/fg-ml5g");
	/* t2 links to it since 2017-11; t3 from the start, but it exists only from 2017-11 */
	q.as_of = "m5";
	cr_assert_str_eq(links(db, &q), "");
	q.as_of = "2017-11";
	cr_assert_str_eq(links(db, &q), "t2>fg/fg-ml5g | t3>fg/fg-ml5g");
	q.as_of = NULL;
	q.topic = "t2";
	cr_assert_str_eq(links(db, &q), "t2>fg/fg-ml5g");
	q.topic = NULL;
	/* an unknown item is an error, as every unknown filter is */
	q.item = "fg-none";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_LINK, &q), CXO_ENOTFOUND,
	       "item: there is no item \"fg-none\" in registry \"fg\"");
	cr_assert_null(cur);
	q.registry = NULL;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_LINK, &q), CXO_EINVAL, "item: an item is named with its registry");
	cr_assert_null(cur);
	q.item = NULL;
	q.topic = "t9";
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_LINK, &q), CXO_ENOTFOUND, "topic: there is no topic \"t9\"");
	TH_OK(cxo_db_close(db));
}

Test(links, the_topic_list_as_of_a_point)
{
	cxo_db *db = series();
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "m2";
	/* links holding only from a later point are not part of a topic's row */
	LIST_EQ(db, CXO_KIND_TOPIC, &q,
	        "[{'id':'t1','title':'IMT-2020','links':[{'registry':'res22','item':'" QKD "','relation':'maps-to'}],"
	        "'status':null,'point':null,'date':null},"
	        "{'id':'t2','title':'Machine learning','links':[{'registry':'res22','item':'AI/ML in networks',"
	        "'relation':'related','since':'m2'}],'status':null,'point':null,'date':null},"
	        "{'id':'t3','title':'Quiet','status':null,'point':null,'date':null}]");
	q.as_of = "m1";
	LIST_EQ(db, CXO_KIND_TOPIC, &q,
	        "[{'id':'t1','title':'IMT-2020','links':[{'registry':'res22','item':'" QKD "','relation':'maps-to'}],"
	        "'status':null,'point':null,'date':null},"
	        "{'id':'t2','title':'Machine learning','status':null,'point':null,'date':null},"
	        "{'id':'t3','title':'Quiet','status':null,'point':null,'date':null}]");
	TH_OK(cxo_db_close(db));
}

/* ---- deleting what links refer to ---- */

Test(registries, deleting_an_item_that_topics_link_to)
{
	cxo_db *db = series();
	CREATE(db, CXO_KIND_LINK, "{'topic':'t3','registry':'fg','item':'fg-imt2020'}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("fg", "fg-imt2020"), 2, 0), CXO_ECONSTRAINT,
	       "item \"fg\" \"fg-imt2020\" is referred to by 2 links; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("res22", QKD), 2, 0), CXO_ECONSTRAINT,
	       "item \"res22\" \"" QKD "\" is referred to by 1 link; delete them first, or cascade");
	cr_assert_str_eq(links(db, NULL),
	                 "t1>fg/fg-imt2020 | t1>res22/" QKD " | t2>fg/fg-ml5g | t2>res22/AI/ML in networks | t3>fg/fg-imt2020");
	TH_OK(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("fg", "fg-imt2020"), 2, CXO_DELETE_CASCADE));
	cr_assert_str_eq(links(db, NULL), "t1>res22/" QKD " | t2>fg/fg-ml5g | t2>res22/AI/ML in networks");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t1"),
	       "{'id':'t1','title':'IMT-2020','links':[{'registry':'res22','item':'" QKD "','relation':'maps-to'}]}");
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t3"), "{'id':'t3','title':'Quiet'}");
	/* an item nothing links to goes without cascading */
	TH_OK(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("rec", "Y.3172"), 2, 0));
	/* a link on its own */
	TH_OK(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t1", "res22", QKD), 3, 0));
	TH_ERR(cxo_record_delete(db, CXO_KIND_LINK, TH_KEY("t1", "res22", QKD), 3, 0), CXO_ENOTFOUND,
	       "link \"t1\" \"res22\" \"" QKD "\" does not exist");
	TH_OK(cxo_db_close(db));
}

Test(registries, deleting_a_registry_with_items)
{
	cxo_db *db = series();
	TH_ERR(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("res22"), 1, 0), CXO_ECONSTRAINT,
	       "registry \"res22\" is referred to by 2 items; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("rec"), 1, 0), CXO_ECONSTRAINT,
	       "registry \"rec\" is referred to by 1 item; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("res22"), 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(items(db, NULL, 0), "fg/fg-imt2020:concluded/1 | fg/fg-ml5g:concluded/1 | rec/Y.3172:-/0");
	cr_assert_str_eq(links(db, NULL), "t1>fg/fg-imt2020 | t2>fg/fg-ml5g");
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_REGISTRY, TH_KEY("res22"), 1), CXO_ENOTFOUND,
	       "registry \"res22\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_ITEM, TH_KEY("res22", QKD), 2), CXO_ENOTFOUND,
	       "item \"res22\" \"" QKD "\" does not exist");
	TH_OK(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("fg"), 1, CXO_DELETE_CASCADE));
	cr_assert_str_eq(links(db, NULL), "");
	TH_OK(cxo_record_delete(db, CXO_KIND_ITEM, TH_KEY("rec", "Y.3172"), 2, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("rec"), 1, 0));
	LIST_EQ(db, CXO_KIND_REGISTRY, NULL, "[]");
	TH_OK(cxo_db_close(db));
}

Test(registries, deleting_a_topic_or_a_meeting_links_use)
{
	cxo_db *db = series();
	/* a topic's links are part of it */
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("t2"), 1, 0));
	cr_assert_str_eq(links(db, NULL), "t1>fg/fg-imt2020 | t1>res22/" QKD);
	/* a meeting a link holds since: refused, then the link loses its since */
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m3"), 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m3\" is referred to by 1 link since then; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m3"), 1, CXO_DELETE_CASCADE));
	GET_EQ(db, CXO_KIND_LINK, TH_KEY("t1", "fg", "fg-imt2020"),
	       "{'topic':'t1','registry':'fg','item':'fg-imt2020','relation':'led-to'}");
	/* it holds as soon as its item exists (2015-05) */
	cr_assert_str_eq(links_as_of(db, "2015-05-03"), "t1>fg/fg-imt2020 | t1>res22/" QKD);
	cr_assert_str_eq(links_as_of(db, "2015-04"), "t1>res22/" QKD);
	TH_OK(cxo_db_close(db));
}
