/* Import errors, one class per test, each with its exact code and message,
 * and the database left as it was (export and audit log compared); lenient
 * mode, dry runs, cancellation, limits, truncated documents and a corpus of
 * malformed documents (tests/data/interchange/malformed/manifest.tsv). */
#include "test_interchange.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(errors, .init = th_setup, .fini = th_teardown);
TestSuite(lenient, .init = th_setup, .fini = th_teardown);
TestSuite(limits, .init = th_setup, .fini = th_teardown);
TestSuite(check, .init = th_setup, .fini = th_teardown);
TestSuite(progress, .init = th_setup, .fini = th_teardown);
TestSuite(malformed, .init = th_setup, .fini = th_teardown);

#define DOC(body) "{\"format\":\"cxotrack\",\"version\":1," body "}"

/* Import `json` (named "doc.json") into `db`, which must refuse it. */
#define REFUSED(db, json, code, msg) TI_REFUSED((db), ti_import(NULL, (db), "doc.json", (json), 0), (code), (msg))
#define REFUSED_FLAGS(db, json, flags, code, msg) \
	TI_REFUSED((db), ti_import(NULL, (db), "doc.json", (json), (flags)), (code), (msg))

static const char MEETING_FIELDS[] = "(a meeting has: id, kind, series, ordinal, date, end_date, city, country, host, "
                                     "participants, agenda, sources, note, uncertain, attendance)";
static const char DOCUMENT_KEYS[] = "(a document has: format, version, lifecycles, registries, items, organizations, "
                                    "meetings, topics, observations, conclusions)";

/* ---- unknown keys ---- */

Test(errors, unknown_key_at_record_level)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"colour\":\"red\"}]"), CXO_EINVAL,
	        th_msg("meetings[0]: unknown field \"colour\" %s", MEETING_FIELDS));
	REFUSED(db, DOC("\"topics\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\",\"Title\":\"B\"}]"),
	        CXO_EINVAL,
	        "topics[1]: unknown field \"Title\" (a topic has: id, title, description, tags, aliases, note, uncertain, "
	        "relations, links)");
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"cjk-2014\",\"status\":\"prioritized\",\"movement\":\"new\"}]"),
	        CXO_EINVAL,
	        "observations[0]: unknown field \"movement\" (an observation has: topic, lifecycle, meeting, date, status, "
	        "qualifier, priority, note, uncertain, sources)");
	REFUSED(db, DOC("\"organizations\":[{\"id\":\"o\",\"name\":\"O\",\"size\":3}]"), CXO_EINVAL,
	        "organizations[0]: unknown field \"size\" (an organization has: id, name, country, region, kind, sme, "
	        "developing, note, uncertain)");
	cxo_db_close(db);
}

Test(errors, unknown_key_at_nested_level)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"attendance\":[{\"organization\":\"ntt\",\"seats\":2}]}]"),
	        CXO_EINVAL,
	        "meetings[0].attendance[0]: unknown field \"seats\" (an attendance has: meeting, organization, role, note, "
	        "uncertain)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"sources\":[{\"ref\":\"r\",\"page\":3}]}]"),
	        CXO_EINVAL, "meetings[0].sources[0]: unknown field \"page\" (a source has: ref, url, quote)");
	REFUSED(db, DOC("\"lifecycles\":[{\"id\":\"l\",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"colour\":\"red\"}]}]"),
	        CXO_EINVAL,
	        "lifecycles[0].statuses[0]: unknown field \"colour\" (a status has: id, title, rank, terminal, note, "
	        "uncertain)");
	REFUSED(db, DOC("\"items\":[{\"registry\":\"fg\",\"id\":\"x\",\"statuses\":[{\"date\":\"2020\",\"status\":\"s\",\"by\":\"me\"}]}]"),
	        CXO_EINVAL,
	        "items[0].statuses[0]: unknown field \"by\" (an item status has: date, status, note, uncertain, sources)");
	REFUSED(db,
	        DOC("\"conclusions\":[{\"id\":\"c\",\"meeting\":\"cjk-2014\",\"actions\":[{\"id\":\"a\",\"followups\":"
	            "[{\"date\":\"2020\",\"status\":\"done\",\"by\":\"me\"}]}]}]"),
	        CXO_EINVAL,
	        "conclusions[0].actions[0].followups[0]: unknown field \"by\" (a followup has: action, meeting, date, status, note, uncertain, sources)");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"relations\":[{\"type\":\"related\",\"topic\":\"qos-qoe\",\"older\":\"x\"}]}]"),
	        CXO_EINVAL, "topics[0].relations[0]: unknown field \"older\" (nested, it is given as \"topic\")");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"attendance\":[{\"meeting\":\"m\",\"organization\":\"ntt\"}]}]"),
	        CXO_EINVAL, "meetings[0].attendance[0]: unknown field \"meeting\" (nested, the meeting is the record around it)");
	cxo_db_close(db);
}

Test(errors, unknown_key_at_top_level)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"actions\":[]"), CXO_EINVAL, th_msg("(document): unknown key \"actions\" %s", DOCUMENT_KEYS));
	REFUSED(db, DOC("\"Topics\":[]"), CXO_EINVAL, th_msg("(document): unknown key \"Topics\" %s", DOCUMENT_KEYS));
	cxo_db_close(db);
}

/* ---- lenient ---- */

Test(lenient, unknown_keys_become_warnings)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *doc = DOC("\"actions\":[],\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"colour\":\"red\","
	                      "\"sources\":[{\"ref\":\"r\",\"page\":3}],\"attendance\":[{\"organization\":\"ntt\",\"seats\":2}]}],"
	                      "\"lifecycles\":[{\"id\":\"l\",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"colour\":\"red\"}]}]");
	cxo_row *result = NULL;
	int64_t entries = ti_audit_count(db);
	int rc = ti_import(&result, db, "doc.json", doc, CXO_IMPORT_LENIENT);
	cr_assert_eq(rc, CXO_WARNED, "%d %s", rc, cxo_errmsg());
	cr_assert_eq(cxo_errcode(), CXO_WARNED);
	cr_assert_str_eq(cxo_errmsg(), "(document): unknown key \"actions\" ignored");
	TH_STR_EQ_FREE(th_json(result),
	               ti_result(ti_counts(1, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO,
	                         "[\"(document): unknown key \\\"actions\\\" ignored\","
	                         "\"lifecycles[0].statuses[0]: unknown field \\\"colour\\\" ignored\","
	                         "\"meetings[0]: unknown field \\\"colour\\\" ignored\","
	                         "\"meetings[0].sources[0]: unknown field \\\"page\\\" ignored\","
	                         "\"meetings[0].attendance[0]: unknown field \\\"seats\\\" ignored\"]"));
	cxo_row_free(result);
	/* written without what was skipped */
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m"),
	          "{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"sources\":[{\"ref\":\"r\"}],"
	          "\"attendance\":[{\"organization\":\"ntt\"}]}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("l"),
	          "{\"id\":\"l\",\"enforce\":\"warn\",\"statuses\":[{\"id\":\"a\",\"rank\":1,\"terminal\":false}]}");
	cr_assert_eq(ti_audit_count(db), entries + 1);
	/* importing it again: still warned, nothing changed */
	result = NULL;
	cr_assert_eq(ti_import(&result, db, "doc.json", doc, CXO_IMPORT_LENIENT), CXO_WARNED);
	TH_STR_EQ_FREE(th_json(cxo_row_child(result, "unchanged")), ti_counts(1, 0, 0, 0, 1, 0, 0, 0));
	cr_assert_eq(cxo_row_size(cxo_row_child(result, "warnings")), 5);
	cxo_row_free(result);
	cr_assert_eq(ti_audit_count(db), entries + 1);
	cxo_db_close(db);
}

Test(lenient, other_errors_stay_errors)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED_FLAGS(db, DOC("\"colour\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020-13\"}]"),
	              CXO_IMPORT_LENIENT, CXO_EINVAL, "meetings[0].date: \"2020-13\" is not a date (month must be 01 to 12)");
	REFUSED_FLAGS(db, DOC("\"colour\":1,\"colour\":2"), CXO_IMPORT_LENIENT, CXO_EFORMAT,
	              "(document): duplicate key \"colour\"");
	cxo_db_close(db);
}

/* ---- types, dates, ids ---- */

Test(errors, wrong_type)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":20200101}]"), CXO_EINVAL,
	        "meetings[0].date: expected a date, got an integer");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":[\"T\"]}]"), CXO_EINVAL, "topics[0].title: expected text, got a list");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"tags\":\"ai\"}]"), CXO_EINVAL,
	        "topics[0].tags: expected a list, got text");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"uncertain\":\"yes\"}]"), CXO_EINVAL,
	        "topics[0].uncertain: expected true or false, got text");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"ordinal\":\"3\"}]"), CXO_EINVAL,
	        "meetings[0].ordinal: expected an integer, got text");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"sources\":{\"ref\":\"r\"}}]"),
	        CXO_EINVAL, "meetings[0].sources: expected a list of sources");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"attendance\":{}}]"), CXO_EINVAL,
	        "meetings[0].attendance: expected a list of attendance");
	REFUSED(db, DOC("\"topics\":[{\"id\":7,\"title\":\"T\"}]"), CXO_EINVAL, "topics[0].id: expected an id");
	REFUSED(db, DOC("\"topics\":[{\"title\":\"T\"}]"), CXO_EINVAL, "topics[0]: the key field \"id\" is required");
	REFUSED(db, DOC("\"topics\":[[\"t\"]]"), CXO_EINVAL, "topics[0]: expected an object");
	REFUSED(db, DOC("\"topics\":{\"id\":\"t\"}"), CXO_EINVAL, "topics: expected a list of topics");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\"}]"), CXO_EINVAL, "topics[0].title: a value is required");
	cxo_db_close(db);
}

Test(errors, bad_date)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2023-13-01\"}]"), CXO_EINVAL,
	        "meetings[0].date: \"2023-13-01\" is not a date (month must be 01 to 12)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2023-02-29\"}]"), CXO_EINVAL,
	        "meetings[0].date: \"2023-02-29\" is not a date (no such day in that month)");
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"date\":\"18/11/2013\",\"status\":\"raised\"}]"), CXO_EINVAL,
	        "observations[0].date: \"18/11/2013\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
	REFUSED(db, DOC("\"items\":[{\"registry\":\"fg\",\"id\":\"x\",\"statuses\":[{\"date\":\"2020-1\",\"status\":\"s\"}]}]"),
	        CXO_EINVAL, "items[0].statuses[0].date: \"2020-1\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
	/* a leap day is a date */
	TI_FREE_EQ(ti_import_ok(db, "doc.json", DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2024-02-29\"}]"), 0),
	           ti_result(ti_counts(0, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

Test(errors, bad_slug)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"QoS\",\"title\":\"T\"}]"), CXO_EINVAL,
	        "topics[0].id: \"QoS\" is not an id: it must start with a lower-case letter");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"qos qoe\",\"title\":\"T\"}]"), CXO_EINVAL,
	        "topics[0].id: \"qos qoe\" is not an id: byte 0x20 at byte 3 is not allowed (lower-case letters, digits and . - _ /)");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"tags\":[\"ok\",\"Not-ok\"]}]"), CXO_EINVAL,
	        "topics[0].tags[1]: \"Not-ok\" is not an id: it must start with a lower-case letter");
	char doc[1024];
	char id[130];
	memset(id, 'a', 129);
	id[129] = '\0';
	snprintf(doc, sizeof doc, DOC("\"topics\":[{\"id\":\"%s\",\"title\":\"T\"}]"), id);
	REFUSED(db, doc, CXO_EINVAL, th_msg("topics[0].id: \"%.60s...\" is not an id: it is 129 bytes long (at most 128)", id));
	cxo_db_close(db);
}

/* ---- references, statuses, transitions ---- */

Test(errors, unknown_reference_in_merge_mode)
{
	cxo_db *db = ti_open_rich("test.db");
	/* a meeting neither the document nor the database holds */
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"cto-1999-nowhere\",\"status\":\"raised\"}]"),
	        CXO_ENOTFOUND, "observations[0].meeting: there is no meeting \"cto-1999-nowhere\"");
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"nope\",\"meeting\":\"cjk-2014\",\"status\":\"raised\"}]"),
	        CXO_ENOTFOUND, "observations[0].topic: there is no topic \"nope\"");
	REFUSED(db, DOC("\"conclusions\":[{\"id\":\"c\",\"meeting\":\"cjk-2014\",\"topics\":[\"qos-qoe\",\"nope\"]}]"),
	        CXO_ENOTFOUND, "conclusions[0].topics[1]: there is no topic \"nope\"");
	/* the document's own records count */
	TI_FREE_EQ(ti_import_ok(db, "doc.json",
	                        DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"cto-1999-nowhere\",\"status\":\"prioritized\"}],"
	                            "\"meetings\":[{\"id\":\"cto-1999-nowhere\",\"kind\":\"cto\",\"date\":\"2013-12\"}]"),
	                        0),
	           ti_result(ti_counts(0, 0, 0, 0, 1, 0, 1, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

/* observations[12] says "deliverd": the message names it by its place */
Test(errors, status_not_in_the_lifecycle)
{
	cxo_db *db = ti_open_rich("test.db");
	char doc[8192];
	size_t o = (size_t)snprintf(doc, sizeof doc, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[");
	for (int i = 0; i < 13; i++)
		o += (size_t)snprintf(doc + o, sizeof doc - o, "%s{\"id\":\"topic-%02d\",\"title\":\"Topic %d\"}", i ? "," : "", i, i);
	o += (size_t)snprintf(doc + o, sizeof doc - o, "],\"observations\":[");
	for (int i = 0; i < 13; i++)
		o += (size_t)snprintf(doc + o, sizeof doc - o,
		                      "%s{\"topic\":\"topic-%02d\",\"meeting\":\"cto-2015-budapest\",\"status\":\"%s\"}", i ? "," : "",
		                      i, i == 12 ? "deliverd" : "delivered");
	snprintf(doc + o, sizeof doc - o, "]}");
	REFUSED(db, doc, CXO_EINVAL, "observations[12].status: \"deliverd\" is not a status of lifecycle \"cto\"");
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2021\",\"status\":\"closed\"}]"),
	        CXO_EINVAL, "observations[0].status: \"closed\" is not a status of lifecycle \"fg-track\"");
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"ml-5g\",\"lifecycle\":\"nope\",\"date\":\"2021\",\"status\":\"raised\"}]"),
	        CXO_ENOTFOUND, "observations[0].lifecycle: there is no lifecycle \"nope\"");
	cxo_db_close(db);
}

Test(errors, disallowed_transition_in_warn_mode_is_listed)
{
	cxo_db *db = ti_open_rich("test.db");
	cxo_row *result = NULL;
	/* qos-qoe was closed at cxo-2017-buenos-aires: out of a terminal status.
	 * The steps are checked on the histories the import leaves, each message
	 * naming the observation stepped into; topics in the order they were
	 * created (imt-2020 before qos-qoe in rich.json). */
	int rc = ti_import(&result, db, "doc.json",
	                   DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"ws-2019-xian\",\"status\":\"raised\"},"
	                       "{\"topic\":\"imt-2020\",\"date\":\"2021\",\"status\":\"assigned\"}]"),
	                   0);
	cr_assert_eq(rc, CXO_WARNED, "%d %s", rc, cxo_errmsg());
	cr_assert_str_eq(cxo_errmsg(), "observation \"imt-2020\" \"cto\" \"2021\".status: moving from \"delivered\" (at 2020) to "
	                               "\"assigned\" is not allowed by lifecycle \"cto\"");
	TH_STR_EQ_FREE(th_json(result),
	               ti_result(ti_counts(0, 0, 0, 0, 0, 0, 2, 0), TI_ZERO, TI_ZERO, TI_ZERO,
	                         "[\"observation \\\"imt-2020\\\" \\\"cto\\\" \\\"2021\\\".status: moving from \\\"delivered\\\" "
	                         "(at 2020) to \\\"assigned\\\" is not allowed by lifecycle \\\"cto\\\"\","
	                         "\"observation \\\"qos-qoe\\\" \\\"cto\\\" \\\"ws-2019-xian\\\".status: moving from "
	                         "\\\"closed\\\" (at cxo-2017-buenos-aires) to \\\"raised\\\" is not allowed by lifecycle "
	                         "\\\"cto\\\"\"]"));
	cxo_row_free(result);
	/* stored all the same */
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("qos-qoe", "cto", "ws-2019-xian"),
	          "{\"topic\":\"qos-qoe\",\"lifecycle\":\"cto\",\"meeting\":\"ws-2019-xian\",\"status\":\"raised\","
	          "\"qualifier\":\"agreed\"}");
	cxo_db_close(db);
}

Test(errors, disallowed_transition_in_strict_mode_is_refused)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db,
	        DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	            "\"observations\":[{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2021\",\"status\":\"proposed\"}]"),
	        CXO_ECONSTRAINT,
	        "observation \"ml-5g\" \"fg-track\" \"2021\".status: moving from \"concluded\" (at 2020-07) to \"proposed\" is "
	        "not allowed by lifecycle \"fg-track\" (strict)");
	/* also the step out of the new observation into the next one */
	REFUSED(db, DOC("\"observations\":[{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2017-06\",\"status\":\"reporting\"}]"),
	        CXO_ECONSTRAINT,
	        "observation \"ml-5g\" \"fg-track\" \"2017-06\".status: moving from \"proposed\" (at tsag-2017-geneva) to \"reporting\" is not allowed by "
	        "lifecycle \"fg-track\" (strict)");
	/* the lifecycle made strict by the same document */
	REFUSED(db,
	        DOC("\"lifecycles\":[" TH_CTO_JSON_ENFORCE("strict") "],"
	            "\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"ws-2019-xian\",\"status\":\"raised\"}]"),
	        CXO_ECONSTRAINT,
	        "observation \"qos-qoe\" \"cto\" \"ws-2019-xian\".status: moving from \"closed\" (at cxo-2017-buenos-aires) to \"raised\" is not allowed by "
	        "lifecycle \"cto\" (strict)");
	cxo_db_close(db);
}

Test(errors, rules_of_the_data_model)
{
	cxo_db *db = ti_open_rich("test.db");
	/* lineage cycles, within the document and with the database */
	REFUSED(db,
	        DOC("\"topics\":[{\"id\":\"a\",\"title\":\"A\",\"relations\":[{\"type\":\"renamed-from\",\"topic\":\"b\"}]},"
	            "{\"id\":\"b\",\"title\":\"B\",\"relations\":[{\"type\":\"renamed-from\",\"topic\":\"a\"}]}]"),
	        CXO_ECONSTRAINT,
	        "topics[1].relations[\"renamed-from\" \"a\"]: topic \"a\" already descends from \"b\"; a renamed-from relation would make a cycle");
	REFUSED(db,
	        DOC("\"topics\":[{\"id\":\"ml-networks\",\"title\":\"B\",\"relations\":[{\"type\":\"supersedes\",\"topic\":\"ai-networks\"}]}]"),
	        CXO_ECONSTRAINT,
	        "topics[0].relations[\"supersedes\" \"ai-networks\"]: topic \"ai-networks\" already descends from \"ml-networks\"; a supersedes relation would make a cycle");
	/* one key twice in a nested list */
	REFUSED(db,
	        DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"attendance\":[{\"organization\":\"ntt\"},"
	            "{\"organization\":\"ntt\",\"role\":\"cto\"}]}]"),
	        CXO_EINVAL, "meetings[0].attendance: two attendance with the key \"ntt\"");
	/* action ids are unique across conclusions */
	REFUSED(db, DOC("\"conclusions\":[{\"id\":\"c9\",\"meeting\":\"cjk-2014\",\"actions\":[{\"id\":\"bkk-3-tsb\"}]}]"),
	        CXO_EEXISTS, "conclusions[0].actions[\"bkk-3-tsb\"]: an action with the id \"bkk-3-tsb\" already exists (in conclusion \"cto-2013-bangkok/3\")");
	REFUSED(db,
	        DOC("\"conclusions\":[{\"id\":\"c9\",\"meeting\":\"cjk-2014\",\"actions\":[{\"id\":\"z1\"}]},"
	            "{\"id\":\"c8\",\"meeting\":\"cjk-2014\",\"actions\":[{\"id\":\"z1\"}]}]"),
	        CXO_EEXISTS, "conclusions[1].actions[\"z1\"]: an action with the id \"z1\" already exists (in conclusion \"c9\")");
	/* a key given as null is no key */
	REFUSED(db, DOC("\"topics\":[{\"id\":null,\"title\":\"A\"}]"), CXO_EINVAL, "topics[0]: the key field \"id\" is required");
	/* a status cannot leave a lifecycle while observations use it */
	REFUSED(db, DOC("\"lifecycles\":[{\"id\":\"fg-track\",\"statuses\":[{\"id\":\"proposed\",\"rank\":1},{\"id\":\"gone\",\"terminal\":true}]}]"),
	        CXO_EINVAL, "lifecycles[0].transitions[0][1]: \"established\" is not a status of this lifecycle");
	REFUSED(db,
	        DOC("\"lifecycles\":[{\"id\":\"fg-track\",\"statuses\":[{\"id\":\"proposed\",\"rank\":1},{\"id\":\"reporting\",\"rank\":3},"
	            "{\"id\":\"concluded\",\"rank\":4,\"terminal\":true}],\"transitions\":[]}]"),
	        CXO_ECONSTRAINT,
	        "lifecycles[0].statuses: status \"established\" cannot be removed: 1 observation uses it");
	cxo_db_close(db);
}

/* Observations listed out of time order: the history they make is what counts. */
Test(errors, observations_out_of_time_order)
{
	cxo_db *db = th_open();
	TI_FREE_EQ(ti_import_ok(db, "doc.json",
	                        DOC("\"lifecycles\":[{\"id\":\"st\",\"enforce\":\"strict\",\"statuses\":[{\"id\":\"a\",\"rank\":1},"
	                            "{\"id\":\"b\",\"rank\":2},{\"id\":\"c\",\"rank\":3}],\"transitions\":[[\"a\",\"b\"],[\"b\",\"c\"]]}],"
	                            "\"meetings\":[{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\"},{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014\"},"
	                            "{\"id\":\"m3\",\"kind\":\"cto\",\"date\":\"2015\"}],\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	                            "\"observations\":[{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m1\",\"status\":\"a\"},"
	                            "{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m3\",\"status\":\"c\"},"
	                            "{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m2\",\"status\":\"b\"}]"),
	                        0),
	           ti_result(ti_counts(1, 0, 0, 0, 3, 1, 3, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

/* ---- format and version ---- */

Test(errors, format)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, "{\"version\":1}", CXO_EFORMAT, "format: a value is required (\"cxotrack\")");
	REFUSED(db, "{\"format\":\"cxotrak\",\"version\":1}", CXO_EFORMAT,
	        "format: this is not a cxotrack document (expected \"cxotrack\")");
	REFUSED(db, "{\"format\":1,\"version\":1}", CXO_EFORMAT, "format: this is not a cxotrack document (expected \"cxotrack\")");
	REFUSED(db, "{\"format\":\"CXOTRACK\",\"version\":1}", CXO_EFORMAT,
	        "format: this is not a cxotrack document (expected \"cxotrack\")");
	REFUSED(db, "[{\"format\":\"cxotrack\",\"version\":1}]", CXO_EFORMAT,
	        "(document): expected an object {\"format\": \"cxotrack\", ...}");
	REFUSED(db, "null", CXO_EFORMAT, "(document): expected an object {\"format\": \"cxotrack\", ...}");
	cxo_db_close(db);
}

Test(errors, version)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":2}", CXO_EVERSION,
	        "version: version 2 is newer than this library reads (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":3000000000}", CXO_EVERSION,
	        "version: version 3000000000 is newer than this library reads (1)");
	REFUSED(db, "{\"format\":\"cxotrack\"}", CXO_EFORMAT, "version: a value is required (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":\"1\"}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":1.5}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":0}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":-1}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":1e999999}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":-1e999999}", CXO_EFORMAT, "version: expected a version number (1)");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":null}", CXO_EFORMAT, "version: expected a version number (1)");
	/* 1.0 and 1e0 are the number 1 */
	TI_FREE_EQ(ti_import_ok(db, "doc.json", "{\"format\":\"cxotrack\",\"version\":1.0}", 0),
	           ti_result(TI_ZERO, TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TI_FREE_EQ(ti_import_ok(db, "doc.json", "{\"version\":1e0,\"format\":\"cxotrack\"}", 0),
	           ti_result(TI_ZERO, TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

/* ---- JSON ---- */

Test(errors, duplicate_keys)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[],\"topics\":[]}", CXO_EFORMAT,
	        "(document): duplicate key \"topics\"");
	REFUSED(db, "{\"format\":\"cxotrack\",\"format\":\"cxotrack\",\"version\":1}", CXO_EFORMAT,
	        "(document): duplicate key \"format\"");
	/* within a record: the first title must not be silently replaced */
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"A\"},{\"id\":\"u\",\"title\":\"B\",\"title\":\"C\"}]"), CXO_EFORMAT,
	        "topics[1]: duplicate key \"title\"");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"A\",\"id\":\"u\"}]"), CXO_EFORMAT, "topics[0]: duplicate key \"id\"");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"sources\":[{\"ref\":\"a\",\"ref\":\"b\"}]}]"),
	        CXO_EFORMAT, "meetings[0].sources[0]: duplicate key \"ref\"");
	REFUSED(db,
	        DOC("\"conclusions\":[{\"id\":\"c\",\"meeting\":\"cjk-2014\",\"actions\":[{\"id\":\"a\",\"followups\":"
	            "[{\"date\":\"2020\",\"status\":\"done\",\"status\":\"open\"}]}]}]"),
	        CXO_EFORMAT, "conclusions[0].actions[0].followups[0]: duplicate key \"status\"");
	/* the same name in different objects is no duplicate */
	TI_FREE_EQ(ti_import_ok(db, "doc.json", DOC("\"topics\":[{\"id\":\"t\",\"title\":\"A\"},{\"id\":\"u\",\"title\":\"B\"}]"), 0),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 2, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

Test(errors, numbers_that_are_not_integers)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"ordinal\":1.5}]"), CXO_EFORMAT,
	        "meetings[0].ordinal: the number is not an integer (within +-2^53)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":1e999999}]"), CXO_EFORMAT,
	        "meetings[0].participants: an infinite number is not an integer (within +-2^53)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":-1e999999}]"), CXO_EFORMAT,
	        "meetings[0].participants: an infinite number is not an integer (within +-2^53)");
	/* 2^53: 2^53 + 1 reads as the same double */
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":9007199254740992}]"),
	        CXO_EFORMAT, "meetings[0].participants: the number is not an integer (within +-2^53)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":9007199254740993}]"),
	        CXO_EFORMAT, "meetings[0].participants: the number is not an integer (within +-2^53)");
	REFUSED(db, DOC("\"lifecycles\":[{\"id\":\"l\",\"statuses\":[{\"id\":\"a\",\"rank\":0.5}]}]"), CXO_EFORMAT,
	        "lifecycles[0].statuses[0].rank: the number is not an integer (within +-2^53)");
	/* in range of a double but not of the field */
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":9007199254740991}]"),
	        CXO_EINVAL, "meetings[0].participants: 9007199254740991 is too large (at most 2147483647)");
	REFUSED(db, DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"participants\":2147483648}]"),
	        CXO_EINVAL, "meetings[0].participants: 2147483648 is too large (at most 2147483647)");
	/* an integral value is an integer however it is written */
	TI_FREE_EQ(ti_import_ok(db, "doc.json",
	                        DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"ordinal\":2.0,"
	                            "\"participants\":1.5e2}]"),
	                        0),
	           ti_result(ti_counts(0, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("m"),
	          "{\"id\":\"m\",\"kind\":\"cto\",\"ordinal\":2,\"date\":\"2020\",\"participants\":150}");
	cxo_db_close(db);
}

Test(errors, strings)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\n\"title\":\"A\\u0000B\"}]"), CXO_EFORMAT,
	        "doc.json: line 2, column 11: \\u0000 is not allowed in a string");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"caf\xe9\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 66: invalid UTF-8");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"tab\there\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 66: raw control character U+0009 in a string (escape it)");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"\\ud83d\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 63: lone high surrogate in a \\u escape");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"x\\ude00\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 64: lone low surrogate in a \\u escape");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"\\q\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 63: invalid escape in a string");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"\\u00e\"}]"), CXO_EFORMAT,
	        "doc.json: line 1, column 63: \\u must be followed by four hexadecimal digits");
	/* an escaped control character is JSON, but not text */
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"bell\\u0007\"}]"), CXO_EINVAL,
	        "topics[0].title: \"bell\\x07\" holds the control character U+0007 at byte 4");
	/* a pair is one character; escapes and raw UTF-8 are the same text */
	TI_FREE_EQ(ti_import_ok(db, "doc.json",
	                        DOC("\"topics\":[{\"id\":\"t\",\"title\":\"\\ud83d\\ude00 caf\\u00e9 \\u6a5f\\t\\\"\\/\"}]"), 0),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"😀 café 機\\t\\\"/\"}");
	cxo_db_close(db);
}

Test(errors, syntax)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\"},]"), CXO_EFORMAT, "doc.json: line 1, column 67: trailing comma");
	REFUSED(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\",}]"), CXO_EFORMAT, "doc.json: line 1, column 66: trailing comma");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":1} {}", CXO_EFORMAT,
	        "doc.json: line 1, column 35: unexpected text after the document");
	REFUSED(db, "", CXO_EFORMAT, "doc.json: line 1, column 1: the document is empty");
	REFUSED(db, "{\"format\":\"cxotrack\",\"version\":1", CXO_EFORMAT,
	        "doc.json: line 1, column 33: unexpected end of the document (truncated?)");
	/* a NUL byte inside the given length */
	TI_REFUSED(db, cxo_import_json(NULL, db, "{\"format\":\"cxotrack\",\"version\":1}\0", 34, NULL), CXO_EFORMAT,
	           "document: line 1, column 34: NUL byte in the document");
	cxo_db_close(db);
}

/* ---- limits ---- */

static int import_limited(cxo_db *db, const char *json, size_t max_size, size_t max_depth, size_t max_string)
{
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.name = "doc.json";
	opts.max_size = max_size;
	opts.max_depth = max_depth;
	opts.max_string = max_string;
	cxo_row *result = NULL;
	int rc = cxo_import_json(&result, db, json, strlen(json), &opts);
	cxo_row_free(result);
	return rc;
}

/* A topic whose note is `depth` lists one in another. */
static void nested_note(char *buf, size_t size, int depth)
{
	int o = snprintf(buf, size, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"note\":");
	cr_assert((size_t)o + 2 * (size_t)depth + 4 < size);
	for (int i = 0; i < depth; i++)
		buf[o++] = '[';
	for (int i = 0; i < depth; i++)
		buf[o++] = ']';
	snprintf(buf + o, size - (size_t)o, "}]}");
}

Test(limits, depth)
{
	cxo_db *db = ti_open_rich("test.db");
	/* document, meetings, meeting, sources, source: 5 */
	const char *doc = DOC("\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\",\"sources\":[{\"ref\":\"r\"}]}]");
	TI_REFUSED(db, import_limited(db, doc, 0, 4, 0), CXO_ELIMIT,
	           "doc.json: line 1, column 94: nesting deeper than the limit of 4");
	TH_OK(import_limited(db, doc, 0, 5, 0));
	/* the default is 64: the document, topics, the topic, then 61 lists */
	char deep[1024];
	nested_note(deep, sizeof deep, 62);
	TI_REFUSED(db, import_limited(db, deep, 0, 0, 0), CXO_ELIMIT,
	           "doc.json: line 1, column 134: nesting deeper than the limit of 64");
	/* one level less is read, then refused as a note */
	nested_note(deep, sizeof deep, 61);
	TI_REFUSED(db, import_limited(db, deep, 0, 0, 0), CXO_EINVAL, "topics[0].note: expected text, got a list");
	cxo_db_close(db);
}

Test(limits, string)
{
	cxo_db *db = ti_open_rich("test.db");
	/* the longest key of a document is "organizations", 13 bytes */
	TI_REFUSED(db, import_limited(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"0123456789abcdefg\"}]"), 0, 0, 16),
	           CXO_ELIMIT, "doc.json: line 1, column 62: a string of 17 bytes is longer than the limit of 16");
	/* as written: an escape counts its bytes */
	TI_REFUSED(db, import_limited(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"0123456789\\u00e9\"}]"), 0, 0, 15),
	           CXO_ELIMIT, "doc.json: line 1, column 62: a string of 16 bytes is longer than the limit of 15");
	TH_OK(import_limited(db, DOC("\"topics\":[{\"id\":\"t\",\"title\":\"0123456789abcdef\"}]"), 0, 0, 16));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"0123456789abcdef\"}");
	/* the default is 1 MiB */
	size_t n = (1u << 20) + 1;
	char *big = malloc(n + 128);
	cr_assert_not_null(big);
	int o = snprintf(big, 128, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"");
	memset(big + o, 'x', n);
	strcpy(big + o + n, "\"}]}");
	TI_REFUSED(db, import_limited(db, big, 0, 0, 0), CXO_ELIMIT,
	           "doc.json: line 1, column 62: a string of 1048577 bytes is longer than the limit of 1048576");
	free(big);
	cxo_db_close(db);
}

Test(limits, size)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *doc = DOC("\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]"); /* 67 bytes */
	cr_assert_eq(strlen(doc), 67);
	TI_REFUSED(db, import_limited(db, doc, 66, 0, 0), CXO_ELIMIT, "doc.json: the document is 67 bytes, over the limit of 66");
	TH_OK(import_limited(db, doc, 67, 0, 0));
	/* files are refused before they are read whole */
	th_write_file(th_path("doc.json"), doc, 67);
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.max_size = 66;
	const char *paths[] = { th_path("doc.json") };
	TI_REFUSED(db, cxo_import_files(NULL, db, paths, 1, &opts), CXO_ELIMIT,
	           th_msg("%s: the document is over the limit of 66 bytes", th_path("doc.json")));
	/* several documents: each within the limit */
	const char *docs[] = { doc, doc };
	size_t lens[] = { 67, 67 };
	opts.max_size = 67;
	cxo_row *result = NULL;
	TH_OK(cxo_import_buffers(&result, db, NULL, docs, lens, 2, &opts));
	TH_STR_EQ_FREE(th_json(result), ti_result(TI_ZERO, TI_ZERO, ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	cxo_db_close(db);
}

/* ---- dry runs ---- */

Test(check, reports_what_an_import_would_do_and_writes_nothing)
{
	cxo_db *db = ti_open_rich("test.db");
	char *doc = ti_read("merge.json", NULL);
	char *before = ti_export(db);
	int64_t entries = ti_audit_count(db);
	const char *expected = ti_result(ti_counts(0, 0, 0, 0, 0, 1, 1, 0), ti_counts(0, 0, 0, 1, 1, 1, 1, 1), TI_ZERO,
	                                 TI_ZERO, "[]");
	TI_FREE_EQ(ti_import_ok(db, "merge.json", doc, CXO_IMPORT_CHECK), expected);
	TI_FREE_EQ(ti_export(db), before);
	cr_assert_eq(ti_audit_count(db), entries);
	/* what the real import then does */
	TI_FREE_EQ(ti_import_ok(db, "merge.json", doc, 0), expected);
	/* replace mode: the deletions are counted too */
	char *replace = ti_read("replace.json", NULL);
	char *merged = ti_export(db);
	TI_FREE_EQ(ti_import_ok(db, "replace.json", replace, CXO_IMPORT_CHECK | CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, ti_counts(0, 1, 1, 1, 2, 2, 0, 1), ti_counts(0, 0, 0, 0, 0, 0, 3, 0),
	                     ti_counts(1, 2, 4, 5, 7, 8, 24, 4), "[]"));
	TI_FREE_EQ(ti_export(db), merged);
	cr_assert_eq(ti_audit_count(db), entries + 6);
	free(merged);
	free(replace);
	free(before);
	free(doc);
	cxo_db_close(db);
}

Test(check, a_new_database_stays_empty)
{
	cxo_db *db = th_open();
	char *empty = ti_export(db);
	char *rich = ti_read("rich.json", NULL);
	TI_FREE_EQ(ti_import_ok(db, "rich.json", rich, CXO_IMPORT_CHECK),
	           ti_result(TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	TI_FREE_EQ(ti_export(db), empty);
	cr_assert_eq(ti_audit_count(db), 0);
	free(rich);
	free(empty);
	cxo_db_close(db);
}

Test(check, errors_and_warnings_are_reported_as_by_an_import)
{
	cxo_db *db = ti_open_rich("test.db");
	REFUSED_FLAGS(db, DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"cto-1999-nowhere\",\"status\":\"raised\"}]"),
	              CXO_IMPORT_CHECK, CXO_ENOTFOUND, "observations[0].meeting: there is no meeting \"cto-1999-nowhere\"");
	REFUSED_FLAGS(db, DOC("\"observations\":[{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2021\",\"status\":\"proposed\"}]"),
	              CXO_IMPORT_CHECK, CXO_ECONSTRAINT,
	              "observation \"ml-5g\" \"fg-track\" \"2021\".status: moving from \"concluded\" (at 2020-07) to "
	              "\"proposed\" is not allowed by lifecycle \"fg-track\" (strict)");
	char *before = ti_export(db);
	cxo_row *result = NULL;
	cr_assert_eq(ti_import(&result, db, "doc.json",
	                       DOC("\"observations\":[{\"topic\":\"qos-qoe\",\"meeting\":\"ws-2019-xian\",\"status\":\"raised\"}]"),
	                       CXO_IMPORT_CHECK),
	             CXO_WARNED);
	cr_assert_str_eq(cxo_errmsg(), "observation \"qos-qoe\" \"cto\" \"ws-2019-xian\".status: moving from \"closed\" "
	                               "(at cxo-2017-buenos-aires) to "
	                               "\"raised\" is not allowed by lifecycle \"cto\"");
	cr_assert_eq(cxo_row_size(cxo_row_child(result, "warnings")), 1);
	cxo_row_free(result);
	TI_FREE_EQ(ti_export(db), before);
	free(before);
	cxo_db_close(db);
}

/* ---- progress and cancellation ---- */

typedef struct progress_log {
	uint64_t done[1024], total[1024];
	size_t n;
	size_t cancel_at; /* 1-based call that returns non-zero; 0: never */
} progress_log;

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress_log *log = ctx;
	if (log->n < 1024) {
		log->done[log->n] = done;
		log->total[log->n] = total;
	}
	log->n++;
	return log->cancel_at && log->n == log->cancel_at;
}

/* 600 topics and one meeting: 601 records. */
static char *many_topics(void)
{
	size_t cap = 64 * 1024, o = 0;
	char *doc = malloc(cap);
	cr_assert_not_null(doc);
	o += (size_t)snprintf(doc, cap, "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\","
	                                "\"date\":\"2020\"}],\"topics\":[");
	for (int i = 0; i < 600; i++)
		o += (size_t)snprintf(doc + o, cap - o, "%s{\"id\":\"t%03d\",\"title\":\"Topic %d\"}", i ? "," : "", i, i);
	snprintf(doc + o, cap - o, "]}");
	return doc;
}

Test(progress, counts_increase_to_the_total)
{
	cxo_db *db = th_open();
	char *doc = many_topics();
	progress_log log = { .n = 0 };
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.progress = on_progress;
	opts.progress_ctx = &log;
	cxo_row *result = NULL;
	TH_OK(cxo_import_json(&result, db, doc, strlen(doc), &opts));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 1, 600, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_row_free(result);
	cr_assert_eq(log.n, 3);
	cr_assert_eq(log.done[0], 256);
	cr_assert_eq(log.done[1], 512);
	cr_assert_eq(log.done[2], 601);
	for (size_t i = 0; i < log.n; i++)
		cr_assert_eq(log.total[i], 601);
	/* a small document: one call, at the end */
	log.n = 0;
	const char *one = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t000\",\"title\":\"Z\"}]}";
	TH_OK(cxo_import_json(NULL, db, one, strlen(one), &opts));
	cr_assert_eq(log.n, 1);
	cr_assert_eq(log.done[0], 1);
	cr_assert_eq(log.total[0], 1);
	free(doc);
	cxo_db_close(db);
}

Test(progress, cancelling_writes_nothing)
{
	cxo_db *db = ti_open_rich("test.db");
	char *doc = many_topics();
	progress_log log = { .n = 0, .cancel_at = 2 };
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.progress = on_progress;
	opts.progress_ctx = &log;
	cxo_row *result = (cxo_row *)1;
	TI_REFUSED(db, cxo_import_json(&result, db, doc, strlen(doc), &opts), CXO_ECANCELED, "the import was canceled");
	cr_assert_null(result);
	cr_assert_eq(log.n, 2, "no call after the one that cancelled");
	/* at the last call too */
	log.n = 0;
	log.cancel_at = 3;
	TI_REFUSED(db, cxo_import_json(NULL, db, doc, strlen(doc), &opts), CXO_ECANCELED, "the import was canceled");
	/* and in a dry run */
	log.n = 0;
	log.cancel_at = 1;
	opts.flags = CXO_IMPORT_CHECK | CXO_IMPORT_REPLACE;
	TI_REFUSED(db, cxo_import_json(NULL, db, doc, strlen(doc), &opts), CXO_ECANCELED, "the import was canceled");
	free(doc);
	cxo_db_close(db);
}

/* ---- arguments ---- */

Test(errors, arguments)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1}";
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.version = 2;
	cxo_row *result = (cxo_row *)1;
	TI_REFUSED(db, cxo_import_json(&result, db, doc, strlen(doc), &opts), CXO_EVERSION,
	           "import: cxo_import_options version 2 is not supported (this library has 1)");
	cr_assert_null(result);
	opts.version = CXO_IMPORT_OPTIONS_VERSION;
	opts.flags = 0x8;
	TI_REFUSED(db, cxo_import_json(NULL, db, doc, strlen(doc), &opts), CXO_EINVAL, "import: unknown flags 0x8");
	TI_REFUSED(db, cxo_import_json(NULL, db, NULL, 0, NULL), CXO_EMISUSE, "cxo_import_json: json is NULL");
	TH_ERR(cxo_import_json(NULL, NULL, doc, strlen(doc), NULL), CXO_EMISUSE, "cxo_import: the database handle is NULL");
	/* the length given is what is read */
	TI_FREE_EQ(ti_import_ok(db, "doc.json", doc, 0), ti_result(TI_ZERO, TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TI_REFUSED(db, cxo_import_json(NULL, db, doc, strlen(doc) - 1, NULL), CXO_EFORMAT,
	           "document: line 1, column 33: unexpected end of the document (truncated?)");
	cxo_db_close(db);
	/* a read-only handle */
	cxo_db *ro = NULL;
	TH_OK(cxo_db_open(&ro, th_path("test.db"), CXO_OPEN_READONLY));
	TH_ERR(cxo_import_json(NULL, ro, doc, strlen(doc), NULL), CXO_EREADONLY,
	       th_msg("cxo_import: %s is open read-only", th_path("test.db")));
	cxo_db_close(ro);
}

/* ---- truncated documents ---- */

Test(malformed, truncated_documents_are_refused_cleanly)
{
	size_t len;
	char *rich = ti_read("rich.json", &len);
	cxo_db *db = th_open();
	free(ti_import_ok(db, "merge.json", "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]}", 0));
	char *before = ti_export(db);
	int64_t entries = ti_audit_count(db);
	size_t tried = 0;
	/* "...\n}\n": cut at len - 1 the document is whole */
	for (size_t cut = 0; cut < len - 1; cut = cut + 37 < len - 40 ? cut + 37 : cut + 1) {
		cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
		opts.name = "rich.json";
		cxo_row *result = (cxo_row *)1;
		int rc = cxo_import_json(&result, db, rich, cut, &opts);
		cr_assert_eq(rc, CXO_EFORMAT, "cut at %zu: %d %s", cut, rc, cxo_errmsg());
		cr_assert_null(result);
		cr_assert_eq(strncmp(cxo_errmsg(), "rich.json: line ", 16), 0, "cut at %zu: %s", cut, cxo_errmsg());
		tried++;
	}
	cr_assert_gt(tried, 600);
	TI_FREE_EQ(ti_export(db), before);
	cr_assert_eq(ti_audit_count(db), entries);
	/* a few exactly */
	TI_REFUSED(db, cxo_import_json(NULL, db, rich, 0, NULL), CXO_EFORMAT, "document: line 1, column 1: the document is empty");
	TI_REFUSED(db, cxo_import_json(NULL, db, rich, 1, NULL), CXO_EFORMAT,
	           "document: line 1, column 2: unexpected end of the document (truncated?)");
	TI_REFUSED(db, cxo_import_json(NULL, db, rich, 20, NULL), CXO_EFORMAT, "document: line 2, column 13: unterminated string");
	TI_REFUSED(db, cxo_import_json(NULL, db, rich, len - 2, NULL), CXO_EFORMAT,
	           "document: line 904, column 1: unexpected end of the document (truncated?)");
	/* inside a multi-byte character: the text is not UTF-8 */
	const char *dash = strstr(rich, "—");
	cr_assert_not_null(dash);
	TI_REFUSED(db, cxo_import_json(NULL, db, rich, (size_t)(dash - rich) + 1, NULL), CXO_EFORMAT,
	           "document: line 84, column 35: invalid UTF-8");
	TH_OK(cxo_import_json(NULL, db, rich, len - 1, NULL));
	free(before);
	free(rich);
	cxo_db_close(db);
}

/* ---- the corpus ---- */

static int code_of(const char *name)
{
	static const struct {
		const char *name;
		int code;
	} codes[] = { { "CXO_EINVAL", CXO_EINVAL },     { "CXO_ENOTFOUND", CXO_ENOTFOUND }, { "CXO_EFORMAT", CXO_EFORMAT },
	              { "CXO_EVERSION", CXO_EVERSION }, { "CXO_ELIMIT", CXO_ELIMIT },       { "CXO_ECONSTRAINT", CXO_ECONSTRAINT } };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(codes[i].name, name) == 0)
			return codes[i].code;
	cr_assert_fail("unknown code %s in manifest.tsv", name);
	return 0;
}

Test(malformed, every_document_of_the_corpus_is_refused)
{
	char *manifest = ti_read("malformed/manifest.tsv", NULL);
	cxo_db *db = ti_open_rich("test.db");
	char *before = ti_export(db);
	int64_t entries = ti_audit_count(db);
	int n = 0, classes[4] = { 0 };
	char listed[16384] = "\n";
	for (char *line = strtok(manifest, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		char *f[5];
		char *p = line;
		for (int i = 0; i < 5; i++) {
			f[i] = p;
			p = i < 4 ? strchr(p, '\t') : NULL;
			if (i < 4) {
				cr_assert_not_null(p, "manifest.tsv: a line with fewer than 5 fields: %s", line);
				*p++ = '\0';
			}
		}
		const char *classnames[] = { "syntax", "json", "schema", "model" };
		int cls = -1;
		for (int i = 0; i < 4; i++)
			if (strcmp(f[2], classnames[i]) == 0)
				cls = i;
		cr_assert_geq(cls, 0, "manifest.tsv: %s: unknown class %s", f[0], f[2]);
		classes[cls]++;
		char rel[512];
		snprintf(rel, sizeof rel, "malformed/%s", f[0]);
		size_t len;
		char *doc = ti_read(rel, &len);
		cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
		opts.name = f[0];
		cxo_row *result = (cxo_row *)1;
		int rc = cxo_import_json(&result, db, doc, len, &opts);
		cr_assert_eq(rc, code_of(f[1]), "%s: %d, expected %s: %s", f[0], rc, f[1], cxo_errmsg());
		cr_assert_eq(cxo_errcode(), rc);
		cr_assert_null(result, "%s: a result row after a failure", f[0]);
		cr_assert_str_eq(cxo_errmsg(), f[4], "%s", f[0]);
		/* and through a file, named by its path */
		const char *paths[] = { ti_data(rel) };
		cr_assert_eq(cxo_import_files(NULL, db, paths, 1, NULL), rc, "%s as a file: %s", f[0], cxo_errmsg());
		free(doc);
		strncat(listed, f[0], sizeof listed - strlen(listed) - 2);
		strcat(listed, "\n");
		n++;
	}
	cr_assert_geq(n, 20);
	cr_assert_geq(classes[0], 20, "the syntax class has %d documents", classes[0]);
	TI_FREE_EQ(ti_export(db), before);
	cr_assert_eq(ti_audit_count(db), entries);
	/* every document of the directory is in the manifest */
	DIR *dir = opendir(ti_data("malformed"));
	cr_assert_not_null(dir);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 5, ".json") != 0)
			continue;
		char needle[600];
		snprintf(needle, sizeof needle, "\n%s\n", e->d_name);
		cr_assert_not_null(strstr(listed, needle), "%s is not in manifest.tsv", e->d_name);
		files++;
	}
	closedir(dir);
	cr_assert_eq(files, n);
	free(before);
	free(manifest);
	cxo_db_close(db);
}
