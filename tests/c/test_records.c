/* Records: meetings, topics, lifecycles and observations through the five
 * record functions, and the kinds' descriptions. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(records, .init = th_setup, .fini = th_teardown);
TestSuite(kinds);

#define CREATE_FAILS(db, kind, json, code, msg) TH_ERR(th_create((db), (kind), (json)), (code), (msg))
#define UPDATE_FAILS(db, kind, json, code, msg) TH_ERR(th_update((db), (kind), (json)), (code), (msg))

static const char *const M1[] = { "m1", NULL };
static const char *const T1[] = { "t1", NULL };

/* A database with meeting m1 (2013-11-18), m2 (2014-06-10), topic t1. */
static cxo_db *basics(void)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014-06-10\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"Topic one\"}");
	return db;
}

/* ---- kinds ---- */

Test(kinds, names)
{
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_MEETING), "meeting");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_TOPIC), "topic");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_LIFECYCLE), "lifecycle");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_OBSERVATION), "observation");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_CONCLUSION), "conclusion");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_ACTION), "action");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_FOLLOWUP), "followup");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_REGISTRY), "registry");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_ITEM), "item");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_LINK), "link");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_RELATION), "relation");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_ORGANIZATION), "organization");
	cr_assert_str_eq(cxo_kind_name(CXO_KIND_ATTENDANCE), "attendance");
	cr_assert_null(cxo_kind_name(0));
	cr_assert_null(cxo_kind_name(14));
	cr_assert_null(cxo_kind_name(-1));
	cr_assert_eq(CXO_KIND_MEETING, 1);
	cr_assert_eq(CXO_KIND_TOPIC, 2);
	cr_assert_eq(CXO_KIND_LIFECYCLE, 3);
	cr_assert_eq(CXO_KIND_OBSERVATION, 4);
	cr_assert_eq(CXO_KIND_CONCLUSION, 5);
	cr_assert_eq(CXO_KIND_ACTION, 6);
	cr_assert_eq(CXO_KIND_FOLLOWUP, 7);
	cr_assert_eq(CXO_KIND_REGISTRY, 8);
	cr_assert_eq(CXO_KIND_ITEM, 9);
	cr_assert_eq(CXO_KIND_LINK, 10);
	cr_assert_eq(CXO_KIND_RELATION, 11);
	cr_assert_eq(CXO_KIND_ORGANIZATION, 12);
	cr_assert_eq(CXO_KIND_ATTENDANCE, 13);
}

Test(kinds, from_name)
{
	cr_assert_eq(cxo_kind_from_name("meeting"), CXO_KIND_MEETING);
	cr_assert_eq(cxo_kind_from_name("meetings"), CXO_KIND_MEETING);
	cr_assert_eq(cxo_kind_from_name("topic"), CXO_KIND_TOPIC);
	cr_assert_eq(cxo_kind_from_name("topics"), CXO_KIND_TOPIC);
	cr_assert_eq(cxo_kind_from_name("lifecycle"), CXO_KIND_LIFECYCLE);
	cr_assert_eq(cxo_kind_from_name("lifecycles"), CXO_KIND_LIFECYCLE);
	cr_assert_eq(cxo_kind_from_name("observation"), CXO_KIND_OBSERVATION);
	cr_assert_eq(cxo_kind_from_name("observations"), CXO_KIND_OBSERVATION);
	cr_assert_eq(cxo_kind_from_name("conclusions"), CXO_KIND_CONCLUSION);
	cr_assert_eq(cxo_kind_from_name("action"), CXO_KIND_ACTION);
	cr_assert_eq(cxo_kind_from_name("followups"), CXO_KIND_FOLLOWUP);
	cr_assert_eq(cxo_kind_from_name("registries"), CXO_KIND_REGISTRY);
	cr_assert_eq(cxo_kind_from_name("items"), CXO_KIND_ITEM);
	cr_assert_eq(cxo_kind_from_name("link"), CXO_KIND_LINK);
	cr_assert_eq(cxo_kind_from_name("relations"), CXO_KIND_RELATION);
	cr_assert_eq(cxo_kind_from_name("organizations"), CXO_KIND_ORGANIZATION);
	cr_assert_eq(cxo_kind_from_name("attendance"), CXO_KIND_ATTENDANCE);
	cr_assert_eq(cxo_kind_from_name("follow-up"), 0);
	cr_assert_eq(cxo_kind_from_name("Meeting"), 0);
	cr_assert_eq(cxo_kind_from_name("meetingz"), 0);
	cr_assert_eq(cxo_kind_from_name(""), 0);
	cr_assert_eq(cxo_kind_from_name(NULL), 0);
}

/* One field of a description, as JSON. */
static const char *field(const char *name, const char *type, int required, int key, const char *values,
                         const char *dflt)
{
	static char bufs[32][512];
	static int next;
	char *b = bufs[next++ % 32];
	char d[64];
	if (dflt)
		snprintf(d, sizeof d, "\"%s\"", dflt);
	else
		snprintf(d, sizeof d, "null");
	snprintf(b, sizeof bufs[0], "{\"name\":\"%s\",\"type\":\"%s\",\"required\":%s,\"key\":%s,\"values\":[%s],\"default\":%s}",
	         name, type, required ? "true" : "false", key ? "true" : "false", values, d);
	return b;
}

static void describes(cxo_kind kind, const char *expected)
{
	cxo_row *r = NULL;
	TH_OK(cxo_kind_describe(&r, kind));
	TH_STR_EQ_FREE(th_json(r), expected);
	cxo_row_free(r);
}

Test(kinds, describe_meeting)
{
	describes(CXO_KIND_MEETING,
	          th_msg("{\"name\":\"meeting\",\"plural\":\"meetings\",\"key\":[\"id\"],\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL),
	                 field("kind", "enum", 1, 0,
	                       "\"cto\",\"cxo\",\"consultation\",\"workshop\",\"tsag\",\"wtsa\",\"other\"", NULL),
	                 field("series", "text", 0, 0, "", NULL), field("ordinal", "integer", 0, 0, "", NULL),
	                 field("date", "date", 1, 0, "", NULL), field("end_date", "date", 0, 0, "", NULL),
	                 field("city", "text", 0, 0, "", NULL), field("country", "country", 0, 0, "", NULL),
	                 field("host", "text", 0, 0, "", NULL), field("participants", "integer", 0, 0, "", NULL),
	                 field("agenda", "ids", 0, 0, "", NULL), field("sources", "sources", 0, 0, "", NULL),
	                 field("note", "text", 0, 0, "", NULL), field("uncertain", "boolean", 0, 0, "", NULL),
	                 field("attendance", "records", 0, 0, "", NULL)));
}

Test(kinds, describe_topic)
{
	describes(CXO_KIND_TOPIC,
	          th_msg("{\"name\":\"topic\",\"plural\":\"topics\",\"key\":[\"id\"],\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("title", "text", 1, 0, "", NULL),
	                 field("description", "text", 0, 0, "", NULL), field("tags", "ids", 0, 0, "", NULL),
	                 field("aliases", "texts", 0, 0, "", NULL), field("note", "text", 0, 0, "", NULL),
	                 field("uncertain", "boolean", 0, 0, "", NULL), field("relations", "records", 0, 0, "", NULL),
	                 field("links", "records", 0, 0, "", NULL)));
}

Test(kinds, describe_lifecycle)
{
	describes(CXO_KIND_LIFECYCLE,
	          th_msg("{\"name\":\"lifecycle\",\"plural\":\"lifecycles\",\"key\":[\"id\"],\"fields\":[%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("title", "text", 0, 0, "", NULL),
	                 field("enforce", "enum", 0, 0, "\"off\",\"warn\",\"strict\"", "warn"),
	                 field("statuses", "nested", 1, 0, "", NULL), field("transitions", "nested", 0, 0, "", NULL),
	                 field("note", "text", 0, 0, "", NULL), field("uncertain", "boolean", 0, 0, "", NULL)));
}

Test(kinds, describe_observation)
{
	describes(CXO_KIND_OBSERVATION,
	          th_msg("{\"name\":\"observation\",\"plural\":\"observations\","
	                 "\"key\":[\"topic\",\"lifecycle\",\"meeting or date\"],\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("topic", "id", 1, 1, "", NULL), field("lifecycle", "id", 0, 1, "", "cto"),
	                 field("meeting", "id", 0, 1, "", NULL), field("date", "date", 0, 1, "", NULL),
	                 field("status", "id", 1, 0, "", NULL),
	                 field("qualifier", "enum", 0, 0, "\"agreed\",\"noted\",\"inferred\"", "agreed"),
	                 field("priority", "enum", 0, 0, "\"high\",\"medium\",\"low\"", NULL),
	                 field("note", "text", 0, 0, "", NULL), field("uncertain", "boolean", 0, 0, "", NULL),
	                 field("sources", "sources", 0, 0, "", NULL)));
}

#define NOTE_UNCERTAIN field("note", "text", 0, 0, "", NULL), field("uncertain", "boolean", 0, 0, "", NULL)

Test(kinds, describe_conclusion_action_followup)
{
	describes(CXO_KIND_CONCLUSION,
	          th_msg("{\"name\":\"conclusion\",\"plural\":\"conclusions\",\"key\":[\"id\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("meeting", "id", 1, 0, "", NULL),
	                 field("number", "text", 0, 0, "", NULL),
	                 field("kind", "enum", 0, 0,
	                       "\"priority\",\"request\",\"recommendation\",\"observation\",\"decision\"", NULL),
	                 field("text", "text", 0, 0, "", NULL), field("topics", "ids", 0, 0, "", NULL),
	                 field("sources", "sources", 0, 0, "", NULL), NOTE_UNCERTAIN,
	                 field("actions", "records", 0, 0, "", NULL)));
	describes(CXO_KIND_ACTION,
	          th_msg("{\"name\":\"action\",\"plural\":\"actions\",\"key\":[\"id\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("conclusion", "id", 1, 0, "", NULL),
	                 field("owner", "text", 0, 0, "", NULL), field("description", "text", 0, 0, "", NULL),
	                 field("due_meeting", "id", 0, 0, "", NULL), field("due_date", "date", 0, 0, "", NULL),
	                 field("sources", "sources", 0, 0, "", NULL), NOTE_UNCERTAIN,
	                 field("followups", "records", 0, 0, "", NULL)));
	describes(CXO_KIND_FOLLOWUP,
	          th_msg("{\"name\":\"followup\",\"plural\":\"followups\",\"key\":[\"action\",\"meeting or date\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s]}",
	                 field("action", "id", 1, 1, "", NULL), field("meeting", "id", 0, 1, "", NULL),
	                 field("date", "date", 0, 1, "", NULL),
	                 field("status", "enum", 1, 0,
	                       "\"open\",\"in-progress\",\"done\",\"dropped\",\"superseded\"", NULL),
	                 NOTE_UNCERTAIN, field("sources", "sources", 0, 0, "", NULL)));
}

Test(kinds, describe_registry_item_link)
{
	describes(CXO_KIND_REGISTRY,
	          th_msg("{\"name\":\"registry\",\"plural\":\"registries\",\"key\":[\"id\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("title", "text", 0, 0, "", NULL),
	                 field("version", "text", 0, 0, "", NULL), field("url", "text", 0, 0, "", NULL), NOTE_UNCERTAIN));
	describes(CXO_KIND_ITEM,
	          th_msg("{\"name\":\"item\",\"plural\":\"items\",\"key\":[\"registry\",\"id\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s]}",
	                 field("registry", "id", 1, 1, "", NULL), field("id", "text", 1, 1, "", NULL),
	                 field("title", "text", 0, 0, "", NULL), field("url", "text", 0, 0, "", NULL),
	                 field("statuses", "nested", 0, 0, "", NULL), NOTE_UNCERTAIN));
	describes(CXO_KIND_LINK,
	          th_msg("{\"name\":\"link\",\"plural\":\"links\",\"key\":[\"topic\",\"registry\",\"item\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("topic", "id", 1, 1, "", NULL), field("registry", "id", 1, 1, "", NULL),
	                 field("item", "text", 1, 1, "", NULL),
	                 field("relation", "enum", 0, 0, "\"maps-to\",\"partially-covers\",\"led-to\",\"related\"",
	                       "related"),
	                 field("since", "point", 0, 0, "", NULL), NOTE_UNCERTAIN,
	                 field("sources", "sources", 0, 0, "", NULL)));
}

Test(kinds, describe_relation_organization_attendance)
{
	describes(CXO_KIND_RELATION,
	          th_msg("{\"name\":\"relation\",\"plural\":\"relations\",\"key\":[\"topic\",\"type\",\"older\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s]}",
	                 field("topic", "id", 1, 1, "", NULL),
	                 field("type", "enum", 1, 1,
	                       "\"renamed-from\",\"merged-from\",\"split-from\",\"supersedes\",\"related\"", NULL),
	                 field("older", "id", 1, 1, "", NULL), field("since", "point", 0, 0, "", NULL), NOTE_UNCERTAIN,
	                 field("sources", "sources", 0, 0, "", NULL)));
	describes(CXO_KIND_ORGANIZATION,
	          th_msg("{\"name\":\"organization\",\"plural\":\"organizations\",\"key\":[\"id\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s,%s,%s,%s,%s]}",
	                 field("id", "id", 1, 1, "", NULL), field("name", "text", 1, 0, "", NULL),
	                 field("country", "country", 0, 0, "", NULL),
	                 field("region", "enum", 0, 0,
	                       "\"africa\",\"americas\",\"arab-states\",\"asia-pacific\",\"cis\",\"europe\"", NULL),
	                 field("kind", "enum", 0, 0,
	                       "\"operator\",\"vendor\",\"service-provider\",\"academia\",\"sdo\",\"government\","
	                       "\"other\"",
	                       NULL),
	                 field("sme", "boolean", 0, 0, "", NULL), field("developing", "boolean", 0, 0, "", NULL),
	                 NOTE_UNCERTAIN));
	describes(CXO_KIND_ATTENDANCE,
	          th_msg("{\"name\":\"attendance\",\"plural\":\"attendance\",\"key\":[\"meeting\",\"organization\"],"
	                 "\"fields\":[%s,%s,%s,%s,%s]}",
	                 field("meeting", "id", 1, 1, "", NULL), field("organization", "id", 1, 1, "", NULL),
	                 field("role", "enum", 0, 0, "\"cto\",\"cxo\",\"delegate\"", NULL), NOTE_UNCERTAIN));
}

Test(kinds, describe_errors)
{
	cxo_row *r = (cxo_row *)1;
	TH_ERR(cxo_kind_describe(NULL, CXO_KIND_MEETING), CXO_EMISUSE, "cxo_kind_describe: out is NULL");
	TH_ERR(cxo_kind_describe(&r, (cxo_kind)0), CXO_EINVAL, "cxo_kind_describe: 0 is not a kind of record");
	cr_assert_null(r);
	TH_ERR(cxo_kind_describe(&r, (cxo_kind)14), CXO_EINVAL, "cxo_kind_describe: 14 is not a kind of record");
}

Test(records, unknown_kinds_are_refused)
{
	cxo_db *db = th_open();
	cxo_row *rec = th_row("{\"id\":\"x\"}");
	cxo_row *out = (cxo_row *)1;
	cxo_cursor *cur = (cxo_cursor *)1;
	const char *key[] = { "x" };
	TH_ERR(cxo_record_create(db, (cxo_kind)99, rec), CXO_EINVAL, "cxo_record_create: 99 is not a kind of record");
	TH_ERR(cxo_record_update(db, (cxo_kind)0, rec), CXO_EINVAL, "cxo_record_update: 0 is not a kind of record");
	TH_ERR(cxo_record_get(&out, db, (cxo_kind)14, key, 1), CXO_EINVAL, "cxo_record_get: 14 is not a kind of record");
	cr_assert_null(out);
	TH_ERR(cxo_record_delete(db, (cxo_kind)-1, key, 1, 0), CXO_EINVAL, "cxo_record_delete: -1 is not a kind of record");
	TH_ERR(cxo_record_list(&cur, db, (cxo_kind)14, NULL), CXO_EINVAL, "cxo_record_list: 14 is not a kind of record");
	cr_assert_null(cur);
	cxo_row_free(rec);
	TH_OK(cxo_db_close(db));
}

/* ---- meetings ---- */

Test(records, meeting_with_every_field_in_canonical_form)
{
	cxo_db *db = th_open();
	/* fields in any order in, in canonical order out */
	TH_CREATE(db, CXO_KIND_MEETING,
	          "{\"uncertain\":true,\"note\":\"first in Asia\",\"sources\":[{\"url\":\"https://itu.int/x\","
	          "\"quote\":\"the CTOs agreed\",\"ref\":\"TSAG-TD101 \xc2\xa7" "3\"},{\"ref\":\"Communiqu\xc3\xa9\"}],"
	          "\"agenda\":[\"qos-qoe\",\"imt-2020\"],\"participants\":23,\"host\":\"NBTC\",\"country\":\"TH\","
	          "\"city\":\"Bangkok\",\"end_date\":\"2013-11-19\",\"date\":\"2013-11-18\",\"ordinal\":5,"
	          "\"series\":\"CTO meetings\",\"kind\":\"cto\",\"id\":\"cto-2013-bangkok\"}");
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("cto-2013-bangkok"),
	          "{\"id\":\"cto-2013-bangkok\",\"kind\":\"cto\",\"series\":\"CTO meetings\",\"ordinal\":5,"
	          "\"date\":\"2013-11-18\",\"end_date\":\"2013-11-19\",\"city\":\"Bangkok\",\"country\":\"TH\","
	          "\"host\":\"NBTC\",\"participants\":23,\"agenda\":[\"qos-qoe\",\"imt-2020\"],"
	          "\"sources\":[{\"ref\":\"TSAG-TD101 \xc2\xa7" "3\",\"url\":\"https://itu.int/x\",\"quote\":\"the CTOs agreed\"},"
	          "{\"ref\":\"Communiqu\xc3\xa9\"}],\"note\":\"first in Asia\",\"uncertain\":true}");
	TH_OK(cxo_db_close(db));
}

Test(records, meeting_minimal_leaves_out_empty_fields)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING,
	          "{\"id\":\"m\",\"kind\":\"cxo\",\"date\":\"2012\",\"uncertain\":false,\"agenda\":[],\"sources\":[],"
	          "\"note\":null,\"city\":null,\"participants\":0}");
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m"), "{\"id\":\"m\",\"kind\":\"cxo\",\"date\":\"2012\",\"participants\":0}");
	TH_OK(cxo_db_close(db));
}

Test(records, meeting_required_and_unknown_fields)
{
	cxo_db *db = th_open();
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"m1\".kind: a value is required");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\"}", CXO_EINVAL,
	             "meeting \"m1\".date: a value is required");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":null}", CXO_EINVAL,
	             "meeting \"m1\".date: a value is required");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"kind\":\"cto\",\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"\": the key field \"id\" is required");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"colour\":\"red\"}",
	             CXO_EINVAL,
	             "meeting \"m1\": unknown field \"colour\" (a meeting has: id, kind, series, ordinal, date, end_date, "
	             "city, country, host, participants, agenda, sources, note, uncertain, attendance)");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, meeting_wrong_types)
{
	cxo_db *db = th_open();
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"participants\":\"23\"}",
	             CXO_EINVAL, "meeting \"m1\".participants: expected an integer, got text");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":2013}", CXO_EINVAL,
	             "meeting \"m1\".date: expected a date, got an integer");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":true,\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"m1\".kind: expected text, got a boolean");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"city\":[\"x\"]}",
	             CXO_EINVAL, "meeting \"m1\".city: expected text, got a list");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"country\":{}}",
	             CXO_EINVAL, "meeting \"m1\".country: expected a country code, got an object");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"uncertain\":\"yes\"}",
	             CXO_EINVAL, "meeting \"m1\".uncertain: expected true or false, got text");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"agenda\":\"t1\"}",
	             CXO_EINVAL, "meeting \"m1\".agenda: expected a list, got text");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"agenda\":[\"t1\",7]}",
	             CXO_EINVAL, "meeting \"m1\".agenda[1]: expected an id, got an integer");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"ordinal\":true}",
	             CXO_EINVAL, "meeting \"m1\".ordinal: expected an integer, got a boolean");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, meeting_bad_values)
{
	cxo_db *db = th_open();
#define M(extra) "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"" extra "}"
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"Bangkok\",\"kind\":\"cto\",\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"Bangkok\".id: \"Bangkok\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"cto 2013\",\"kind\":\"cto\",\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"cto 2013\".id: \"cto 2013\" is not an id: byte 0x20 at byte 3 is not allowed "
	             "(lower-case letters, digits and . - _ /)");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"party\",\"date\":\"2013\"}", CXO_EINVAL,
	             "meeting \"m1\".kind: \"party\" is not one of cto, cxo, consultation, workshop, tsag, wtsa, other");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-02-30\"}", CXO_EINVAL,
	             "meeting \"m1\".date: \"2013-02-30\" is not a date (no such day in that month)");
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"18/11/2013\"}", CXO_EINVAL,
	             "meeting \"m1\".date: \"18/11/2013\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"end_date\":\"2013-13\""), CXO_EINVAL,
	             "meeting \"m1\".end_date: \"2013-13\" is not a date (month must be 01 to 12)");
	/* a record holds no reals */
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"participants\":23.5"), CXO_EINVAL,
	             "meeting \"m1\".participants: expected an integer, got a real number");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"city\":0.5"), CXO_EINVAL,
	             "meeting \"m1\".city: expected text, got a real number");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"country\":\"XX\""), CXO_EINVAL,
	             "meeting \"m1\".country: \"XX\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"country\":\"th\""), CXO_EINVAL,
	             "meeting \"m1\".country: \"th\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"country\":\"THA\""), CXO_EINVAL,
	             "meeting \"m1\".country: \"THA\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"participants\":-1"), CXO_EINVAL,
	             "meeting \"m1\".participants: -1 is negative");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"participants\":2147483648"), CXO_EINVAL,
	             "meeting \"m1\".participants: 2147483648 is too large (at most 2147483647)");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"ordinal\":0"), CXO_EINVAL, "meeting \"m1\".ordinal: 0 is not at least 1");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"ordinal\":-3"), CXO_EINVAL,
	             "meeting \"m1\".ordinal: -3 is not at least 1");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"end_date\":\"2013-11-17\""), CXO_EINVAL,
	             "meeting \"m1\".end_date: \"2013-11-17\" is before the date \"2013-11-18\"");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"agenda\":[\"a\",\"b\",\"a\"]"), CXO_EINVAL,
	             "meeting \"m1\".agenda: \"a\" appears twice");
	CREATE_FAILS(db, CXO_KIND_MEETING, M(",\"agenda\":[\"a\",\"QoS\"]"), CXO_EINVAL,
	             "meeting \"m1\".agenda[1]: \"QoS\" is not an id: it must start with a lower-case letter");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL), "[]");
	/* the limits themselves are fine */
	TH_CREATE(db, CXO_KIND_MEETING, M(",\"participants\":2147483647,\"ordinal\":1,\"end_date\":\"2013-11-18\",\"country\":\"ZW\""));
	TH_OK(cxo_db_close(db));
#undef M
}

Test(records, meeting_sources)
{
	cxo_db *db = th_open();
#define M(src) "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"sources\":" src "}"
	CREATE_FAILS(db, CXO_KIND_MEETING, M("{}"), CXO_EINVAL, "meeting \"m1\".sources: expected a list of sources");
	CREATE_FAILS(db, CXO_KIND_MEETING, M("[\"TD1\"]"), CXO_EINVAL,
	             "meeting \"m1\".sources[0]: expected a source object {\"ref\", \"url\", \"quote\"}");
	CREATE_FAILS(db, CXO_KIND_MEETING, M("[{\"ref\":\"a\"},{\"quote\":\"q\"}]"), CXO_EINVAL,
	             "meeting \"m1\".sources[1]: a source needs a ref or a url");
	CREATE_FAILS(db, CXO_KIND_MEETING, M("[{\"ref\":\"\"}]"), CXO_EINVAL, "meeting \"m1\".sources[0].ref: is empty");
	CREATE_FAILS(db, CXO_KIND_MEETING, M("[{\"url\":5}]"), CXO_EINVAL, "meeting \"m1\".sources[0].url: expected text");
	CREATE_FAILS(db, CXO_KIND_MEETING, M("[{\"ref\":\"r\",\"page\":3}]"), CXO_EINVAL,
	             "meeting \"m1\".sources[0]: unknown field \"page\" (a source has: ref, url, quote)");
	TH_CREATE(db, CXO_KIND_MEETING, M("[{\"url\":\"https://a\",\"ref\":null},{\"quote\":\"q\",\"ref\":\"r\"}]"));
	TH_GET_EQ(db, CXO_KIND_MEETING, M1,
	          "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"sources\":[{\"url\":\"https://a\"},"
	          "{\"ref\":\"r\",\"quote\":\"q\"}]}");
	TH_OK(cxo_db_close(db));
#undef M
}

Test(records, meeting_text_must_be_valid_utf8)
{
	cxo_db *db = th_open();
	cxo_row *r = th_row("{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\"}");
	TH_OK(cxo_row_set_text(r, "city", "Bangk\xf6k"));
	TH_ERR(cxo_record_create(db, CXO_KIND_MEETING, r), CXO_EINVAL, "meeting \"m1\".city: invalid UTF-8 at byte 5");
	TH_OK(cxo_row_set_text(r, "city", "Bang\x01kok"));
	TH_ERR(cxo_record_create(db, CXO_KIND_MEETING, r), CXO_EINVAL,
	       "meeting \"m1\".city: \"Bang\\x01kok\" holds the control character U+0001 at byte 4");
	TH_OK(cxo_row_set_text(r, "city", "Bangkok"));
	TH_OK(cxo_row_set_text(r, "note", "line one\nline two\ttabbed\r\n"));
	TH_OK(cxo_record_create(db, CXO_KIND_MEETING, r));
	TH_GET_EQ(db, CXO_KIND_MEETING, M1,
	          "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\",\"city\":\"Bangkok\","
	          "\"note\":\"line one\\nline two\\ttabbed\\r\\n\"}");
	cxo_row_free(r);
	TH_OK(cxo_db_close(db));
}

Test(records, text_longer_than_1_mib_is_refused)
{
	cxo_db *db = th_open();
	size_t n = ((size_t)1 << 20) + 1;
	char *big = malloc(n + 1);
	cr_assert_not_null(big);
	memset(big, 'x', n);
	big[n] = '\0';
	cxo_row *r = th_row("{\"id\":\"t1\"}");
	TH_OK(cxo_row_set_text(r, "title", big));
	TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, r), CXO_EINVAL,
	       "topic \"t1\".title: the text is 1048577 bytes long (at most 1048576)");
	big[n - 1] = '\0';
	TH_OK(cxo_row_set_text(r, "title", big));
	TH_OK(cxo_record_create(db, CXO_KIND_TOPIC, r));
	cxo_row *got = NULL;
	TH_OK(cxo_record_get(&got, db, CXO_KIND_TOPIC, T1, 1));
	cr_assert_str_eq(cxo_row_text(got, "title"), big);
	cxo_row_free(got);
	cxo_row_free(r);
	free(big);
	TH_OK(cxo_db_close(db));
}

Test(records, duplicate_keys_are_refused)
{
	cxo_db *db = basics();
	CREATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cxo\",\"date\":\"2020\"}", CXO_EEXISTS,
	             "meeting \"m1\" already exists");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"Again\"}", CXO_EEXISTS, "topic \"t1\" already exists");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"statuses\":[{\"id\":\"a\",\"rank\":1}]}", CXO_EEXISTS,
	             "lifecycle \"cto\" already exists");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"assigned\"}",
	             CXO_EEXISTS, "observation \"t1\" \"cto\" \"m1\" already exists");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION,
	             "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"assigned\"}", CXO_EEXISTS,
	             "observation \"t1\" \"cto\" \"m1\" already exists");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"date\":\"2013-12\",\"status\":\"raised\"}");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"date\":\"2013-12\",\"status\":\"assigned\"}",
	             CXO_EEXISTS, "observation \"t1\" \"cto\" \"2013-12\" already exists");
	/* the stored records did not change */
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, T1, "{\"id\":\"t1\",\"title\":\"Topic one\"}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "cto", "m1"),
	          "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"raised\",\"qualifier\":\"agreed\"}");
	TH_OK(cxo_db_close(db));
}

Test(records, meeting_update_replaces_what_is_given)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING,
	          "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Bangkok\",\"country\":\"TH\","
	          "\"note\":\"n\",\"agenda\":[\"a\",\"b\",\"c\"],\"sources\":[{\"ref\":\"r1\"},{\"ref\":\"r2\"}]}");
	/* present fields replace, lists whole; null clears; absent fields stay */
	TH_UPDATE(db, CXO_KIND_MEETING,
	          "{\"id\":\"m1\",\"city\":\"Doha\",\"agenda\":[\"c\"],\"sources\":[{\"url\":\"https://u\"}],\"note\":null}");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1,
	          "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Doha\",\"country\":\"TH\","
	          "\"agenda\":[\"c\"],\"sources\":[{\"url\":\"https://u\"}]}");
	TH_UPDATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"agenda\":[],\"sources\":null,\"country\":null}");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Doha\"}");
	TH_OK(cxo_db_close(db));
}

Test(records, a_record_read_can_be_changed_and_written_back)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"agenda\":[\"a\"]}");
	cxo_row *m = NULL;
	TH_OK(cxo_record_get(&m, db, CXO_KIND_MEETING, M1, 1));
	TH_OK(cxo_row_set_text(m, "city", "Bangkok"));
	cxo_row *agenda = NULL;
	TH_OK(cxo_row_set_list(&agenda, m, "agenda"));
	TH_OK(cxo_row_set_text(agenda, NULL, "b"));
	TH_OK(cxo_row_set_text(agenda, NULL, "a"));
	TH_OK(cxo_record_update(db, CXO_KIND_MEETING, m));
	cxo_row_free(m);
	TH_GET_EQ(db, CXO_KIND_MEETING, M1,
	          "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Bangkok\",\"agenda\":[\"b\",\"a\"]}");
	/* and a record read may create another under a new key */
	TH_OK(cxo_record_get(&m, db, CXO_KIND_MEETING, M1, 1));
	TH_OK(cxo_row_set_text(m, "id", "m2"));
	TH_OK(cxo_record_create(db, CXO_KIND_MEETING, m));
	cxo_row_free(m);
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m2"),
	          "{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Bangkok\",\"agenda\":[\"b\",\"a\"]}");
	TH_OK(cxo_db_close(db));
}

Test(records, an_update_that_changes_nothing_succeeds)
{
	cxo_db *db = th_open();
	const char *json = "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"city\":\"Bangkok\",\"agenda\":[\"a\"]}";
	TH_CREATE(db, CXO_KIND_MEETING, json);
	TH_UPDATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\"}");
	TH_UPDATE(db, CXO_KIND_MEETING, json);
	TH_UPDATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"city\":\"Bangkok\",\"agenda\":[\"a\"],\"uncertain\":false}");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, json);
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":[\"b\",\"a\"]}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"tags\":[\"a\",\"b\"]}");
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\"}");
	TH_UPDATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"warn\"}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	TH_UPDATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"qualifier\":\"agreed\"}");
	TH_OK(cxo_db_close(db));
}

Test(records, a_failed_update_changes_nothing)
{
	cxo_db *db = th_open();
	const char *json = "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\",\"end_date\":\"2013-11-19\",\"city\":\"Bangkok\"}";
	TH_CREATE(db, CXO_KIND_MEETING, json);
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"city\":\"Doha\",\"country\":\"QQ\"}", CXO_EINVAL,
	             "meeting \"m1\".country: \"QQ\" is not a country code (ISO 3166-1 alpha-2, upper case: \"TH\")");
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":null}", CXO_EINVAL,
	             "meeting \"m1\".kind: a value is required");
	/* an update is checked whole: the new date against the stored end date */
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"date\":\"2013-12-01\"}", CXO_EINVAL,
	             "meeting \"m1\".end_date: \"2013-11-19\" is before the date \"2013-12-01\"");
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"size\":3}", CXO_EINVAL,
	             "meeting \"m1\": unknown field \"size\" (a meeting has: id, kind, series, ordinal, date, end_date, "
	             "city, country, host, participants, agenda, sources, note, uncertain, attendance)");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, json);
	TH_OK(cxo_db_close(db));
}

Test(records, update_of_a_missing_record)
{
	cxo_db *db = basics();
	UPDATE_FAILS(db, CXO_KIND_MEETING, "{\"id\":\"nope\",\"city\":\"X\"}", CXO_ENOTFOUND, "meeting \"nope\" does not exist");
	UPDATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"nope\",\"title\":\"X\"}", CXO_ENOTFOUND, "topic \"nope\" does not exist");
	UPDATE_FAILS(db, CXO_KIND_LIFECYCLE, "{\"id\":\"nope\",\"enforce\":\"off\"}", CXO_ENOTFOUND,
	             "lifecycle \"nope\" does not exist");
	UPDATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\"}",
	             CXO_ENOTFOUND, "observation \"t1\" \"cto\" \"m1\" does not exist");
	UPDATE_FAILS(db, CXO_KIND_TOPIC, "{\"title\":\"X\"}", CXO_EINVAL, "topic \"\": the key field \"id\" is required");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, meetings_are_listed_in_time_order)
{
	cxo_db *db = th_open();
	/* a partial date orders as its first day; on one date, by ordinal, then id */
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"d\",\"kind\":\"cto\",\"date\":\"2016-03-21\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"c\",\"kind\":\"cto\",\"date\":\"2016-01\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"b\",\"kind\":\"cto\",\"date\":\"2016\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"a\",\"kind\":\"cto\",\"date\":\"2015-12-31\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"z\",\"kind\":\"cto\",\"date\":\"2017-05-01\",\"ordinal\":2}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"y\",\"kind\":\"cto\",\"date\":\"2017-05-01\",\"ordinal\":10}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"x\",\"kind\":\"cto\",\"date\":\"2017-05-01\",\"ordinal\":2000000000}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"w2\",\"kind\":\"cto\",\"date\":\"2018\"}");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"w1\",\"kind\":\"cto\",\"date\":\"2018\"}");
	char *json = th_list(db, CXO_KIND_MEETING, NULL);
	const char *order[] = { "\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"z\"", "\"y\"", "\"x\"", "\"w1\"", "\"w2\"" };
	const char *p = json;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *at = strstr(p, order[i]);
		cr_assert_not_null(at, "%s not in order in %s", order[i], json);
		p = at;
	}
	cxo_free(json);
	/* moving a meeting in time moves it in the list */
	TH_UPDATE(db, CXO_KIND_MEETING, "{\"id\":\"a\",\"date\":\"2019\"}");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL),
	               "[{\"id\":\"b\",\"kind\":\"cto\",\"date\":\"2016\",\"topics_discussed\":0},"
	               "{\"id\":\"c\",\"kind\":\"cto\",\"date\":\"2016-01\",\"topics_discussed\":0},"
	               "{\"id\":\"d\",\"kind\":\"cto\",\"date\":\"2016-03-21\",\"topics_discussed\":0},"
	               "{\"id\":\"z\",\"kind\":\"cto\",\"ordinal\":2,\"date\":\"2017-05-01\",\"topics_discussed\":0},"
	               "{\"id\":\"y\",\"kind\":\"cto\",\"ordinal\":10,\"date\":\"2017-05-01\",\"topics_discussed\":0},"
	               "{\"id\":\"x\",\"kind\":\"cto\",\"ordinal\":2000000000,\"date\":\"2017-05-01\",\"topics_discussed\":0},"
	               "{\"id\":\"w1\",\"kind\":\"cto\",\"date\":\"2018\",\"topics_discussed\":0},"
	               "{\"id\":\"w2\",\"kind\":\"cto\",\"date\":\"2018\",\"topics_discussed\":0},"
	               "{\"id\":\"a\",\"kind\":\"cto\",\"date\":\"2019\",\"topics_discussed\":0}]");
	TH_OK(cxo_db_close(db));
}

/* ---- topics ---- */

Test(records, topic_with_every_field_in_canonical_form)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC,
	          "{\"uncertain\":true,\"note\":\"n\",\"aliases\":[\"IMT-2020\",\"5G\",\"fifth generation\"],"
	          "\"tags\":[\"mobile\",\"core-5g\",\"access\"],\"description\":\"Mobile broadband\","
	          "\"title\":\"5G / IMT-2020\",\"id\":\"imt-2020\"}");
	/* tags and aliases are sets: written sorted */
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"),
	          "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\",\"description\":\"Mobile broadband\","
	          "\"tags\":[\"access\",\"core-5g\",\"mobile\"],\"aliases\":[\"5G\",\"IMT-2020\",\"fifth generation\"],"
	          "\"note\":\"n\",\"uncertain\":true}");
	TH_OK(cxo_db_close(db));
}

Test(records, topic_errors)
{
	cxo_db *db = th_open();
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\"}", CXO_EINVAL, "topic \"t1\".title: a value is required");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":5}", CXO_EINVAL,
	             "topic \"t1\".title: expected text, got an integer");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"colour\":\"red\"}", CXO_EINVAL,
	             "topic \"t1\": unknown field \"colour\" (a topic has: id, title, description, tags, aliases, note, "
	             "uncertain, relations, links)");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":[\"a\",\"b\",\"a\"]}", CXO_EINVAL,
	             "topic \"t1\".tags: \"a\" appears twice");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":[\"Mobile\"]}", CXO_EINVAL,
	             "topic \"t1\".tags[0]: \"Mobile\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":\"mobile\"}", CXO_EINVAL,
	             "topic \"t1\".tags: expected a list, got text");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"aliases\":[\"5G\",\"\"]}", CXO_EINVAL,
	             "topic \"t1\".aliases[1]: is empty");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"aliases\":[\"5G\",null]}", CXO_EINVAL,
	             "topic \"t1\".aliases[1]: expected text, got null");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"aliases\":[\"5G\",\"5G\"]}", CXO_EINVAL,
	             "topic \"t1\".aliases: \"5G\" appears twice");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"T1\",\"title\":\"T\"}", CXO_EINVAL,
	             "topic \"T1\".id: \"T1\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"uncertain\":1}", CXO_EINVAL,
	             "topic \"t1\".uncertain: expected true or false, got an integer");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, topic_lists_are_replaced_whole)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":[\"a\",\"b\"],\"aliases\":[\"x\",\"y\"]}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"tags\":[\"c\"]}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, T1, "{\"id\":\"t1\",\"title\":\"T\",\"tags\":[\"c\"],\"aliases\":[\"x\",\"y\"]}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"aliases\":[\"z\",\"y\"],\"description\":\"D\"}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, T1,
	          "{\"id\":\"t1\",\"title\":\"T\",\"description\":\"D\",\"tags\":[\"c\"],\"aliases\":[\"y\",\"z\"]}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"aliases\":[],\"tags\":null,\"description\":null}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, T1, "{\"id\":\"t1\",\"title\":\"T\"}");
	UPDATE_FAILS(db, CXO_KIND_TOPIC, "{\"id\":\"t1\",\"title\":null}", CXO_EINVAL,
	             "topic \"t1\".title: a value is required");
	TH_OK(cxo_db_close(db));
}

Test(records, topic_text_must_be_valid_utf8)
{
	cxo_db *db = th_open();
	cxo_row *r = th_row("{\"id\":\"t1\",\"title\":\"T\"}");
	TH_OK(cxo_row_set_text(r, "description", "\xe2\x82"));
	TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, r), CXO_EINVAL, "topic \"t1\".description: invalid UTF-8 at byte 0");
	TH_OK(cxo_row_set_null(r, "description"));
	cxo_row *aliases = NULL;
	TH_OK(cxo_row_set_list(&aliases, r, "aliases"));
	TH_OK(cxo_row_set_text(aliases, NULL, "ok"));
	TH_OK(cxo_row_set_text(aliases, NULL, "bad\xc0\x80"));
	TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, r), CXO_EINVAL, "topic \"t1\".aliases[1]: invalid UTF-8 at byte 3");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL), "[]");
	cxo_row_free(r);
	TH_OK(cxo_db_close(db));
}

/* ---- lifecycles ---- */

Test(records, lifecycle_in_canonical_form)
{
	cxo_db *db = th_open();
	/* statuses written in rank order, those without a rank last */
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"transitions\":[[\"proposed\",\"active\"],[\"active\",\"closed\"],[\"active\",\"abandoned\"]],"
	          "\"statuses\":[{\"id\":\"abandoned\",\"terminal\":true},{\"terminal\":true,\"rank\":3,\"id\":\"closed\"},"
	          "{\"id\":\"proposed\",\"rank\":1,\"title\":\"Proposed\",\"note\":\"n\"},{\"id\":\"active\",\"rank\":2,"
	          "\"terminal\":false,\"uncertain\":true}],"
	          "\"title\":\"Focus group\",\"id\":\"fg\"}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("fg"),
	          "{\"id\":\"fg\",\"title\":\"Focus group\",\"enforce\":\"warn\",\"statuses\":["
	          "{\"id\":\"proposed\",\"title\":\"Proposed\",\"rank\":1,\"terminal\":false,\"note\":\"n\"},"
	          "{\"id\":\"active\",\"rank\":2,\"terminal\":false,\"uncertain\":true},"
	          "{\"id\":\"closed\",\"rank\":3,\"terminal\":true},{\"id\":\"abandoned\",\"terminal\":true}],"
	          "\"transitions\":[[\"proposed\",\"active\"],[\"active\",\"closed\"],[\"active\",\"abandoned\"]]}");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL),
	               "[" TH_CTO_JSON ",{\"id\":\"fg\",\"title\":\"Focus group\",\"enforce\":\"warn\",\"statuses\":["
	               "{\"id\":\"proposed\",\"title\":\"Proposed\",\"rank\":1,\"terminal\":false,\"note\":\"n\"},"
	               "{\"id\":\"active\",\"rank\":2,\"terminal\":false,\"uncertain\":true},"
	               "{\"id\":\"closed\",\"rank\":3,\"terminal\":true},{\"id\":\"abandoned\",\"terminal\":true}],"
	               "\"transitions\":[[\"proposed\",\"active\"],[\"active\",\"closed\"],[\"active\",\"abandoned\"]]}]");
	TH_OK(cxo_db_close(db));
}

Test(records, lifecycle_errors)
{
	cxo_db *db = th_open();
#define L(rest) "{\"id\":\"fg\"" rest "}"
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(""), CXO_EINVAL, "lifecycle \"fg\".statuses: a value is required");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses: a lifecycle needs at least one status");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":{}"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses: expected a list of statuses");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[\"a\"]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0]: expected a status object");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\"}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0]: a status without a rank must be terminal (like \"dropped\")");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"rank\":1}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0].id: a value is required");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"A\",\"rank\":1}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0].id: \"A\" is not an id: it must start with a lower-case letter");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"a\",\"rank\":2}]"),
	             CXO_EINVAL, "lifecycle \"fg\".statuses[1].id: \"a\" appears twice");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":0}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0].rank: expected an integer from 1 to 1000000");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":\"1\"}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0].rank: expected an integer from 1 to 1000000");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"terminal\":\"no\"}]"),
	             CXO_EINVAL, "lifecycle \"fg\".statuses[0].terminal: expected true or false");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"colour\":\"red\"}]"),
	             CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0]: unknown field \"colour\" (a status has: id, title, rank, terminal, "
	             "note, uncertain)");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"title\":3}]"), CXO_EINVAL,
	             "lifecycle \"fg\".statuses[0].title: expected text");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE,
	             L(",\"statuses\":[{\"id\":\"a\",\"rank\":1}],\"transitions\":[[\"a\",\"nope\"]]"), CXO_EINVAL,
	             "lifecycle \"fg\".transitions[0][1]: \"nope\" is not a status of this lifecycle");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1}],\"transitions\":[[\"a\"]]"),
	             CXO_EINVAL, "lifecycle \"fg\".transitions[0]: expected a pair of status ids [from, to]");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE,
	             L(",\"statuses\":[{\"id\":\"a\",\"rank\":1}],\"transitions\":[[\"a\",\"a\"],[\"a\",\"a\"]]"),
	             CXO_EINVAL, "lifecycle \"fg\".transitions[1]: [\"a\", \"a\"] appears twice");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1}],\"transitions\":\"a\""),
	             CXO_EINVAL, "lifecycle \"fg\".transitions: expected a list of [from, to] pairs");
	CREATE_FAILS(db, CXO_KIND_LIFECYCLE, L(",\"statuses\":[{\"id\":\"a\",\"rank\":1}],\"enforce\":\"lax\""),
	             CXO_EINVAL, "lifecycle \"fg\".enforce: \"lax\" is not one of off, warn, strict");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL), "[" TH_CTO_JSON "]");
#undef L
	TH_OK(cxo_db_close(db));
}

Test(records, the_builtin_lifecycle_cannot_be_deleted)
{
	cxo_db *db = th_open();
	const char *key[] = { "cto" };
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, key, 1, 0), CXO_ECONSTRAINT,
	       "lifecycle \"cto\" is built in and cannot be deleted");
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, key, 1, CXO_DELETE_CASCADE), CXO_ECONSTRAINT,
	       "lifecycle \"cto\" is built in and cannot be deleted");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
}

Test(records, lifecycle_delete_and_cascade)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"statuses\":[{\"id\":\"active\",\"rank\":1}]}");
	TH_CREATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"spare\",\"statuses\":[{\"id\":\"x\",\"rank\":1}]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m1\",\"status\":\"active\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m2\",\"status\":\"active\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	const char *spare[] = { "spare" }, *fg[] = { "fg" };
	TH_OK(cxo_record_delete(db, CXO_KIND_LIFECYCLE, spare, 1, 0));
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, fg, 1, 0), CXO_ECONSTRAINT,
	       "lifecycle \"fg\" is referred to by 2 observations; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_LIFECYCLE, fg, 1, CXO_DELETE_CASCADE));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL), "[" TH_CTO_JSON "]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"raised\",\"qualifier\":\"agreed\"}]");
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, fg, 1, 0), CXO_ENOTFOUND, "lifecycle \"fg\" does not exist");
	TH_OK(cxo_db_close(db));
}

Test(records, a_status_in_use_cannot_be_removed)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"statuses\":[{\"id\":\"proposed\",\"rank\":1},{\"id\":\"active\",\"rank\":2},"
	          "{\"id\":\"gone\",\"terminal\":true}]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m1\",\"status\":\"active\"}");
	UPDATE_FAILS(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"statuses\":[{\"id\":\"proposed\",\"rank\":1}]}",
	             CXO_ECONSTRAINT, "lifecycle \"fg\".statuses: status \"active\" cannot be removed: 1 observation uses it");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m2\",\"status\":\"active\"}");
	UPDATE_FAILS(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"statuses\":[{\"id\":\"proposed\",\"rank\":1}]}",
	             CXO_ECONSTRAINT,
	             "lifecycle \"fg\".statuses: status \"active\" cannot be removed: 2 observations use it");
	/* unused statuses may go; a used one may change its title and rank */
	TH_UPDATE(db, CXO_KIND_LIFECYCLE,
	          "{\"id\":\"fg\",\"statuses\":[{\"id\":\"active\",\"rank\":5,\"title\":\"Active\"}]}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("fg"),
	          "{\"id\":\"fg\",\"enforce\":\"warn\",\"statuses\":[{\"id\":\"active\",\"title\":\"Active\",\"rank\":5,"
	          "\"terminal\":false}]}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "fg", "m2"),
	          "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m2\",\"status\":\"active\",\"qualifier\":\"agreed\"}");
	/* the built-in lifecycle is guarded the same way */
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"delivered\"}");
	/* the stored transitions still name the statuses left out */
	UPDATE_FAILS(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"statuses\":[{\"id\":\"raised\",\"rank\":1}]}",
	             CXO_EINVAL, "lifecycle \"cto\".transitions[1][1]: \"prioritized\" is not a status of this lifecycle");
	UPDATE_FAILS(db, CXO_KIND_LIFECYCLE,
	             "{\"id\":\"cto\",\"statuses\":[{\"id\":\"raised\",\"rank\":1}],\"transitions\":[]}",
	             CXO_ECONSTRAINT,
	             "lifecycle \"cto\".statuses: status \"delivered\" cannot be removed: 1 observation uses it");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
}

/* ---- observations ---- */

Test(records, observation_at_a_meeting_in_canonical_form)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"sources\":[{\"ref\":\"Communiqu\xc3\xa9 \xc2\xa7" "5\",\"url\":\"https://itu.int/c\"}],\"uncertain\":true,"
	          "\"note\":\"agreed as a priority\",\"priority\":\"high\",\"qualifier\":\"noted\",\"status\":\"prioritized\","
	          "\"meeting\":\"m1\",\"topic\":\"t1\"}");
	const char *expected =
		"{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"prioritized\",\"qualifier\":\"noted\","
		"\"priority\":\"high\",\"note\":\"agreed as a priority\",\"uncertain\":true,"
		"\"sources\":[{\"ref\":\"Communiqu\xc3\xa9 \xc2\xa7" "5\",\"url\":\"https://itu.int/c\"}]}";
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "cto", "m1"), expected);
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), th_msg("[%s]", expected));
	TH_OK(cxo_db_close(db));
}

Test(records, observation_dated_between_meetings)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"date\":\"2014-01\",\"status\":\"assigned\",\"note\":\"FG set up\"}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "cto", "2014-01"),
	          "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"date\":\"2014-01\",\"status\":\"assigned\","
	          "\"qualifier\":\"agreed\",\"note\":\"FG set up\"}");
	/* another precision of the same period is another point */
	cxo_row *out = (cxo_row *)1;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, (const char *const[]){ "t1", "cto", "2014-01-01" }, 3),
	       CXO_ENOTFOUND, "observation \"t1\" \"cto\" \"2014-01-01\" does not exist");
	cr_assert_null(out);
	TH_OK(cxo_db_close(db));
}

Test(records, observation_references_must_exist)
{
	cxo_db *db = basics();
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"nope\",\"meeting\":\"m1\",\"status\":\"raised\"}",
	             CXO_ENOTFOUND, "observation \"nope\" \"cto\" \"m1\".topic: there is no topic \"nope\"");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"nope\",\"status\":\"raised\"}",
	             CXO_ENOTFOUND, "observation \"t1\" \"cto\" \"nope\".meeting: there is no meeting \"nope\"");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION,
	             "{\"topic\":\"t1\",\"lifecycle\":\"nope\",\"meeting\":\"m1\",\"status\":\"raised\"}", CXO_ENOTFOUND,
	             "observation \"t1\" \"nope\" \"m1\".lifecycle: there is no lifecycle \"nope\"");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"deliverd\"}",
	             CXO_EINVAL, "observation \"t1\" \"cto\" \"m1\".status: \"deliverd\" is not a status of lifecycle \"cto\"");
	TH_CREATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"fg\",\"statuses\":[{\"id\":\"active\",\"rank\":1}]}");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION,
	             "{\"topic\":\"t1\",\"lifecycle\":\"fg\",\"meeting\":\"m1\",\"status\":\"raised\"}", CXO_EINVAL,
	             "observation \"t1\" \"fg\" \"m1\".status: \"raised\" is not a status of lifecycle \"fg\"");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, observation_bad_fields)
{
	cxo_db *db = basics();
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"date\":\"2013\",\"status\":\"raised\"}",
	             CXO_EINVAL, "observation \"t1\" \"cto\" \"m1\": give a meeting or a date, not both");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"status\":\"raised\"}", CXO_EINVAL,
	             "observation \"t1\" \"cto\" \"\": the key field \"meeting or date\" is required");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"meeting\":\"m1\",\"status\":\"raised\"}", CXO_EINVAL,
	             "observation \"\" \"cto\" \"m1\": the key field \"topic\" is required");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\"}", CXO_EINVAL,
	             "observation \"t1\" \"cto\" \"m1\".status: a value is required");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"date\":\"2014-02-30\",\"status\":\"raised\"}",
	             CXO_EINVAL, "observation \"t1\" \"cto\" \"2014-02-30\".date: \"2014-02-30\" is not a date (no such day in that month)");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\",\"qualifier\":\"rumoured\"}",
	             CXO_EINVAL, "observation \"t1\" \"cto\" \"m1\".qualifier: \"rumoured\" is not one of agreed, noted, inferred");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\",\"priority\":\"urgent\"}",
	             CXO_EINVAL, "observation \"t1\" \"cto\" \"m1\".priority: \"urgent\" is not one of high, medium, low");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\",\"movement\":\"new\"}",
	             CXO_EINVAL,
	             "observation \"t1\" \"cto\" \"m1\": unknown field \"movement\" (an observation has: topic, lifecycle, "
	             "meeting, date, status, qualifier, priority, note, uncertain, sources)");
	CREATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"Raised\"}", CXO_EINVAL,
	             "observation \"t1\" \"cto\" \"m1\".status: \"Raised\" is not an id: it must start with a lower-case letter");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), "[]");
	TH_OK(cxo_db_close(db));
}

Test(records, observation_update)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\",\"priority\":\"low\",\"note\":\"n\","
	          "\"sources\":[{\"ref\":\"a\"},{\"ref\":\"b\"}]}");
	TH_UPDATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"prioritized\",\"priority\":null,\"sources\":[{\"ref\":\"c\"}]}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "cto", "m1"),
	          "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"prioritized\",\"qualifier\":\"agreed\","
	          "\"note\":\"n\",\"sources\":[{\"ref\":\"c\"}]}");
	TH_UPDATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"sources\":[],\"note\":null}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("t1", "cto", "m1"),
	          "{\"topic\":\"t1\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"prioritized\",\"qualifier\":\"agreed\"}");
	UPDATE_FAILS(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"nope\"}", CXO_EINVAL,
	             "observation \"t1\" \"cto\" \"m1\".status: \"nope\" is not a status of lifecycle \"cto\"");
	TH_OK(cxo_db_close(db));
}

Test(records, keys_of_the_wrong_length)
{
	cxo_db *db = basics();
	cxo_row *out = (cxo_row *)1;
	const char *key[] = { "t1", "cto", "m1", "x" };
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, key, 2), CXO_EINVAL,
	       "cxo_record_get: the key of an observation has 3 parts (topic, lifecycle, meeting or date), not 2");
	cr_assert_null(out);
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, key, 4), CXO_EINVAL,
	       "cxo_record_get: the key of an observation has 3 parts (topic, lifecycle, meeting or date), not 4");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_MEETING, key, 2), CXO_EINVAL,
	       "cxo_record_get: the key of a meeting has 1 part (id), not 2");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, NULL, 0), CXO_EINVAL,
	       "cxo_record_get: the key of a topic has 1 part (id), not 0");
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, key, 3, 0), CXO_EINVAL,
	       "cxo_record_delete: the key of a lifecycle has 1 part (id), not 3");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, key, 1, 0), CXO_EINVAL,
	       "cxo_record_delete: the key of an observation has 3 parts (topic, lifecycle, meeting or date), not 1");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, M1, 1, 0x2), CXO_EINVAL, "cxo_record_delete: unknown flags 0x2");
	/* a key that is not text is refused, not merely not found */
	const char *bad[] = { "t1", "cto", "m\xff" };
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, bad, 3), CXO_EINVAL,
	       "cxo_record_get: key[2] (meeting or date): invalid UTF-8 at byte 1");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, bad, 3, 0), CXO_EINVAL,
	       "cxo_record_delete: key[2] (meeting or date): invalid UTF-8 at byte 1");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_OK(cxo_db_close(db));
}

Test(records, get_and_delete_of_missing_records)
{
	cxo_db *db = basics();
	cxo_row *out = (cxo_row *)1;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_MEETING, (const char *const[]){ "nope" }, 1), CXO_ENOTFOUND,
	       "meeting \"nope\" does not exist");
	cr_assert_null(out);
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, (const char *const[]){ "t1", "cto", "m1" }, 3),
	       CXO_ENOTFOUND, "observation \"t1\" \"cto\" \"m1\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_OBSERVATION, (const char *const[]){ "t1", "nope", "m1" }, 3),
	       CXO_ENOTFOUND, "observation \"t1\" \"nope\" \"m1\" does not exist");
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, (const char *const[]){ "Not a slug" }, 1), CXO_ENOTFOUND,
	       "topic \"Not a slug\" does not exist");
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, (const char *const[]){ "nope" }, 1, 0), CXO_ENOTFOUND,
	       "topic \"nope\" does not exist");
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t1", "cto", "2013" }, 3, 0),
	       CXO_ENOTFOUND, "observation \"t1\" \"cto\" \"2013\" does not exist");
	TH_OK(cxo_db_close(db));
}

/* ---- deleting what others refer to ---- */

static cxo_db *with_observations(void)
{
	cxo_db *db = basics();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t2\",\"title\":\"Topic two\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"meeting\":\"m2\",\"status\":\"assigned\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t2\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t2\",\"date\":\"2014-01\",\"status\":\"prioritized\"}");
	return db;
}

#define OBS(t, point, status) \
	"{\"topic\":\"" t "\",\"lifecycle\":\"cto\"," point ",\"status\":\"" status "\",\"qualifier\":\"agreed\"}"

Test(records, deleting_a_meeting_that_observations_use)
{
	cxo_db *db = with_observations();
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, M1, 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m1\" is referred to by 2 observations; delete them first, or cascade");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m2" }, 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m2\" is referred to by 1 observation; delete them first, or cascade");
	TH_GET_EQ(db, CXO_KIND_MEETING, M1, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, M1, 1, CXO_DELETE_CASCADE));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[" OBS("t1", "\"meeting\":\"m2\"", "assigned") "," OBS("t2", "\"date\":\"2014-01\"", "prioritized") "]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL),
	               "[{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014-06-10\",\"topics_discussed\":1}]");
	/* a meeting nobody refers to goes without cascading */
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m3\",\"kind\":\"tsag\",\"date\":\"2015\"}");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, (const char *const[]){ "m3" }, 1, 0));
	TH_OK(cxo_db_close(db));
}

Test(records, deleting_a_topic_that_observations_use)
{
	cxo_db *db = with_observations();
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, (const char *const[]){ "t2" }, 1, 0), CXO_ECONSTRAINT,
	       "topic \"t2\" is referred to by 2 observations; delete them first, or cascade");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, (const char *const[]){ "t2" }, 1, CXO_DELETE_CASCADE));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[" OBS("t1", "\"meeting\":\"m1\"", "raised") "," OBS("t1", "\"meeting\":\"m2\"", "assigned") "]");
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, (const char *const[]){ "t2" }, 1), CXO_ENOTFOUND,
	       "topic \"t2\" does not exist");
	/* and a topic without observations goes without cascading */
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t3\",\"title\":\"Three\"}");
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, (const char *const[]){ "t3" }, 1, 0));
	TH_OK(cxo_db_close(db));
}

Test(records, deleting_an_observation)
{
	cxo_db *db = with_observations();
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t2", "cto", "2014-01" }, 3, 0));
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, (const char *const[]){ "t1", "cto", "m1" }, 3, 0));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[" OBS("t1", "\"meeting\":\"m2\"", "assigned") "," OBS("t2", "\"meeting\":\"m1\"", "raised") "]");
	/* now m1 has one observation left */
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, M1, 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m1\" is referred to by 1 observation; delete them first, or cascade");
	TH_OK(cxo_db_close(db));
}

Test(records, observations_are_listed_by_topic_lifecycle_and_time)
{
	cxo_db *db = with_observations();
	TH_CREATE(db, CXO_KIND_LIFECYCLE, "{\"id\":\"alt\",\"statuses\":[{\"id\":\"seen\",\"rank\":1}]}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t1\",\"date\":\"2013\",\"status\":\"raised\"}");
	/* lifecycles by id: "alt" before "cto" */
	const char *all = "[{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\",\"qualifier\":\"agreed\"},"
	                  OBS("t1", "\"date\":\"2013\"", "raised") "," OBS("t1", "\"meeting\":\"m1\"", "raised")
	                  "," OBS("t1", "\"meeting\":\"m2\"", "assigned") ","
	                  OBS("t2", "\"meeting\":\"m1\"", "raised") "," OBS("t2", "\"date\":\"2014-01\"", "prioritized") "]";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), all);

	cxo_query q = CXO_QUERY_INIT;
	q.topic = "t2";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[" OBS("t2", "\"meeting\":\"m1\"", "raised") "," OBS("t2", "\"date\":\"2014-01\"", "prioritized") "]");
	q.topic = NULL;
	q.meeting = "m1";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\",\"qualifier\":\"agreed\"},"
	               OBS("t1", "\"meeting\":\"m1\"", "raised") "," OBS("t2", "\"meeting\":\"m1\"", "raised") "]");
	q.lifecycle = "alt";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\",\"qualifier\":\"agreed\"}]");
	q.lifecycle = NULL;
	q.meeting = NULL;
	q.status = "raised";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[" OBS("t1", "\"date\":\"2013\"", "raised") "," OBS("t1", "\"meeting\":\"m1\"", "raised") ","
	               OBS("t2", "\"meeting\":\"m1\"", "raised") "]");
	q.status = NULL;
	q.as_of = "m1";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\",\"qualifier\":\"agreed\"},"
	               OBS("t1", "\"date\":\"2013\"", "raised") "," OBS("t1", "\"meeting\":\"m1\"", "raised") ","
	               OBS("t2", "\"meeting\":\"m1\"", "raised") "]");
	q.as_of = "2013";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q),
	               "[{\"topic\":\"t1\",\"lifecycle\":\"alt\",\"meeting\":\"m1\",\"status\":\"seen\",\"qualifier\":\"agreed\"},"
	               OBS("t1", "\"date\":\"2013\"", "raised") "," OBS("t1", "\"meeting\":\"m1\"", "raised") ","
	               OBS("t2", "\"meeting\":\"m1\"", "raised") "]");
	q.as_of = "2012";
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, &q), "[]");
	q.as_of = "nope";
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_OBSERVATION, &q), CXO_ENOTFOUND, "as of: there is no meeting \"nope\"");
	cr_assert_null(cur);
	q.as_of = NULL;
	q.topic = "nobody";
	cur = NULL;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_OBSERVATION, &q), CXO_ENOTFOUND, "topic: there is no topic \"nobody\"");
	cr_assert_null(cur);
	TH_OK(cxo_db_close(db));
}

Test(records, writes_while_a_cursor_is_open)
{
	/* a cursor open on the handle does not stop writes through it */
	cxo_db *db = with_observations();
	cxo_cursor *cur = NULL;
	const cxo_row *row = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "t1");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t9\",\"title\":\"Nine\"}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"t2\",\"title\":\"Two\"}");
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "t2");
	cxo_cursor_free(cur);
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t2"), "{\"id\":\"t2\",\"title\":\"Two\"}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t9"), "{\"id\":\"t9\",\"title\":\"Nine\"}");
	TH_OK(cxo_db_close(db));
}
