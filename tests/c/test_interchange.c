/* The JSON interchange format: round trips of a rich dataset, merge and
 * replace, several documents at once, and the audit log of an import.
 * The error classes are in test_interchange_errors.c, exports of parts, sinks
 * and options in test_interchange_export.c, the 100000-observation document in
 * test_interchange_slow.c. */
#include "test_interchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(roundtrip, .init = th_setup, .fini = th_teardown);
TestSuite(merge, .init = th_setup, .fini = th_teardown);
TestSuite(replace, .init = th_setup, .fini = th_teardown);
TestSuite(several, .init = th_setup, .fini = th_teardown);
TestSuite(audit, .init = th_setup, .fini = th_teardown);

/* ---- round trips ---- */

Test(roundtrip, import_then_export_gives_the_file_back)
{
	size_t len;
	char *rich = ti_read("rich.json", &len);
	cxo_db *db = th_open();
	TI_FREE_EQ(ti_import_ok(db, "rich.json", rich, 0),
	           ti_result(TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	char *out = ti_export(db);
	cr_assert_eq(strlen(out), len);
	cr_assert_str_eq(out, rich, "rich.json is canonical: the export must give it back byte for byte");
	free(out);
	free(rich);
	cxo_db_close(db);
}

Test(roundtrip, export_import_export_is_identical)
{
	cxo_db *a = ti_open_rich("a.db");
	char *first = ti_export(a);
	cxo_db *b = th_open_new("b.db");
	TI_FREE_EQ(ti_import_ok(b, "first", first, 0),
	           ti_result(TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	char *second = ti_export(b);
	cr_assert_str_eq(second, first);
	/* and once more, in replace mode, into a third */
	cxo_db *c = th_open_new("c.db");
	TI_FREE_EQ(ti_import_ok(c, "second", second, CXO_IMPORT_REPLACE),
	           ti_result(TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	TI_FREE_EQ(ti_export(c), first);
	free(first);
	free(second);
	cxo_db_close(a);
	cxo_db_close(b);
	cxo_db_close(c);
}

Test(roundtrip, importing_twice_changes_nothing)
{
	char *rich = ti_read("rich.json", NULL);
	cxo_db *db = ti_open_rich("test.db");
	int64_t entries = ti_audit_count(db);
	cr_assert_eq(entries, 1, "one entry for the first import, none for the records it created");
	TI_FREE_EQ(ti_import_ok(db, "rich.json", rich, 0), ti_result(TI_ZERO, TI_ZERO, TI_RICH_ALL, TI_ZERO, "[]"));
	TI_FREE_EQ(ti_import_ok(db, "rich.json", rich, CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, TI_ZERO, TI_RICH_ALL, TI_ZERO, "[]"));
	cr_assert_eq(ti_audit_count(db), entries, "an import that changes nothing writes no audit entry");
	TI_FREE_EQ(ti_export(db), rich);
	free(rich);
	cxo_db_close(db);
}

Test(roundtrip, files_are_named_by_their_path)
{
	cxo_db *db = th_open();
	const char *paths[] = { ti_data("rich.json") };
	cxo_row *result = NULL;
	TH_OK(cxo_import_files(&result, db, paths, 1, NULL));
	TH_STR_EQ_FREE(th_json(result), ti_result(TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	char *log = ti_audit_tail(db, 0);
	char expected[8192];
	snprintf(expected, sizeof expected, "1 import document %s parent=- before=- after=", paths[0]);
	cr_assert_eq(strncmp(log, expected, strlen(expected)), 0, "%s", log);
	free(log);
	char *rich = ti_read("rich.json", NULL);
	TI_FREE_EQ(ti_export(db), rich);
	free(rich);
	cxo_db_close(db);
}

/* What landed, read back through the record API: unicode, partial dates,
 * nested lists and every optional field. */
Test(roundtrip, records_read_back_exactly)
{
	cxo_db *db = ti_open_rich("test.db");
	TH_GET_EQ(db, CXO_KIND_ITEM, TH_KEY("res22", "AI & ML — 機械学習"),
	          "{\"registry\":\"res22\",\"id\":\"AI & ML — 機械学習\","
	          "\"title\":\"Artificial intelligence and machine learning\"}");
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("cjk-2014"),
	          "{\"id\":\"cjk-2014\",\"kind\":\"consultation\",\"series\":\"China/Japan/Korea CTO consultation\","
	          "\"date\":\"2014\",\"uncertain\":true}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("ai-networks"),
	          "{\"id\":\"ai-networks\",\"title\":\"AI-native networks 🤖\","
	          "\"description\":\"Networks that use AI/ML in operation and design.\\nSuccessor of the ML topics.\","
	          "\"tags\":[\"ai\",\"mobile\"],\"aliases\":[\"AI/ML in networks\",\"Machine learning for future networks\"],"
	          "\"relations\":[{\"type\":\"merged-from\",\"topic\":\"ml-5g\",\"since\":\"ws-2019-xian\"},"
	          "{\"type\":\"merged-from\",\"topic\":\"ml-networks\",\"since\":\"2019-10\","
	          "\"note\":\"Merged by the workshop's conclusion 2.\",\"uncertain\":true,"
	          "\"sources\":[{\"ref\":\"ws-2019-xian report §2\"}]}],"
	          "\"links\":[{\"registry\":\"res22\",\"item\":\"AI & ML — 機械学習\",\"relation\":\"maps-to\","
	          "\"since\":\"ws-2019-xian\",\"note\":\"Same scope.\",\"uncertain\":true,"
	          "\"sources\":[{\"ref\":\"TSAG-TD101 Annex B §3\",\"url\":\"https://www.itu.int/md/T17-TSAG-TD-0101\"}]}]}");
	TH_GET_EQ(db, CXO_KIND_FOLLOWUP, TH_KEY("bkk-3-tsb", "2014-03"),
	          "{\"action\":\"bkk-3-tsb\",\"date\":\"2014-03\",\"status\":\"open\",\"uncertain\":true}");
	TH_GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("ml-5g", "fg-track", "2017-11-08"),
	          "{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2017-11-08\",\"status\":\"established\","
	          "\"qualifier\":\"agreed\"}");
	TH_GET_EQ(db, CXO_KIND_ATTENDANCE, TH_KEY("cto-2015-budapest", "univ-chile"),
	          "{\"meeting\":\"cto-2015-budapest\",\"organization\":\"univ-chile\",\"role\":\"delegate\","
	          "\"note\":\"Observer 👀\",\"uncertain\":true}");
	/* the custom lifecycle's rules hold: strict, its own transitions */
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION,
	                 "{\"topic\":\"ml-5g\",\"lifecycle\":\"fg-track\",\"date\":\"2021\",\"status\":\"proposed\"}"),
	       CXO_ECONSTRAINT,
	       "observation \"ml-5g\" \"fg-track\" \"2021\".status: moving from \"concluded\" (at 2020-07) to \"proposed\" "
	       "is not allowed by lifecycle \"fg-track\" (strict)");
	cxo_db_close(db);
}

/* ---- merge ---- */

Test(merge, present_keys_replace_absent_keys_stay)
{
	cxo_db *db = ti_open_rich("test.db");
	char *doc = ti_read("merge.json", NULL);
	int64_t entries = ti_audit_count(db);
	TI_FREE_EQ(ti_import_ok(db, "merge.json", doc, 0),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 1, 1, 0), ti_counts(0, 0, 0, 1, 1, 1, 1, 1), TI_ZERO, TI_ZERO, "[]"));
	/* merged.json is rich.json with exactly these changes: ntt's name; the
	 * meeting's city and participants, its host cleared (null), its
	 * attendance replaced whole; imt-2020's title and tags, its relations
	 * cleared ([]), its aliases, description and links kept; a new topic and
	 * observation; one observation's status and note; the conclusion's
	 * actions replaced whole (bkk-3-sg12 gone, bkk-3-tsb only as given) */
	char *merged = ti_read("merged.json", NULL);
	TI_FREE_EQ(ti_export(db), merged);
	cr_assert_eq(ti_audit_count(db), entries + 1 + 5, "one import entry and one per updated record");
	/* the same again changes nothing */
	TI_FREE_EQ(ti_import_ok(db, "merge.json", doc, 0),
	           ti_result(TI_ZERO, TI_ZERO, ti_counts(0, 0, 0, 1, 1, 2, 2, 1), TI_ZERO, "[]"));
	cr_assert_eq(ti_audit_count(db), entries + 6);
	free(merged);
	free(doc);
	cxo_db_close(db);
}

Test(merge, an_absent_list_stays_a_present_one_replaces)
{
	cxo_db *db = ti_open_rich("test.db");
	/* sources absent: kept; agenda present: replaced whole, in its order */
	TI_FREE_EQ(ti_import_ok(db, "m.json",
	                        "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"cto-2012-dubai\","
	                        "\"kind\":\"cto\",\"date\":\"2012-11\",\"agenda\":[\"qos-qoe\",\"imt-2020\"]}]}",
	                        0),
	           ti_result(TI_ZERO, ti_counts(0, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, TI_ZERO, "[]"));
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("cto-2012-dubai"),
	          "{\"id\":\"cto-2012-dubai\",\"kind\":\"cto\",\"series\":\"ITU-T CTO meeting\",\"ordinal\":3,"
	          "\"date\":\"2012-11\",\"city\":\"Dubai\",\"country\":\"AE\",\"participants\":18,"
	          "\"agenda\":[\"qos-qoe\",\"imt-2020\"],\"sources\":[{\"ref\":\"TSB Circular 317\"}],"
	          "\"note\":\"Held the day before WTSA-12.\"}");
	/* an empty list clears, a null clears */
	TI_FREE_EQ(ti_import_ok(db, "m.json",
	                        "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"cto-2012-dubai\","
	                        "\"kind\":\"cto\",\"date\":\"2012-11\",\"agenda\":[],\"sources\":null,\"note\":null}]}",
	                        0),
	           ti_result(TI_ZERO, ti_counts(0, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, TI_ZERO, "[]"));
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("cto-2012-dubai"),
	          "{\"id\":\"cto-2012-dubai\",\"kind\":\"cto\",\"series\":\"ITU-T CTO meeting\",\"ordinal\":3,"
	          "\"date\":\"2012-11\",\"city\":\"Dubai\",\"country\":\"AE\",\"participants\":18}");
	cxo_db_close(db);
}

Test(merge, records_the_document_lacks_stay)
{
	char *rich = ti_read("rich.json", NULL);
	cxo_db *db = ti_open_rich("test.db");
	TI_FREE_EQ(ti_import_ok(db, "empty", "{\"format\":\"cxotrack\",\"version\":1}", 0),
	           ti_result(TI_ZERO, TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TI_FREE_EQ(ti_import_ok(db, "lists", "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[],\"meetings\":[]}", 0),
	           ti_result(TI_ZERO, TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	TI_FREE_EQ(ti_export(db), rich);
	free(rich);
	cxo_db_close(db);
}

/* ---- replace ---- */

Test(replace, the_database_becomes_the_document)
{
	char *doc = ti_read("replace.json", NULL);
	cxo_db *db = ti_open_rich("test.db");
	TI_FREE_EQ(ti_import_ok(db, "replace.json", doc, CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, ti_counts(0, 1, 1, 0, 2, 2, 0, 1), ti_counts(0, 0, 0, 1, 0, 0, 3, 0),
	                     ti_counts(1, 2, 4, 5, 7, 7, 23, 4), "[]"));
	/* exactly the document: what importing it into a new database gives (the
	 * built-in lifecycle "cto", which the document leaves out, kept) */
	cxo_db *fresh = th_open_new("fresh.db");
	TI_FREE_EQ(ti_import_ok(fresh, "replace.json", doc, 0),
	           ti_result(ti_counts(0, 1, 1, 1, 2, 2, 3, 1), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	char *expected = ti_export(fresh);
	TI_FREE_EQ(ti_export(db), expected);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_ERR(cxo_record_get(&(cxo_row *){ NULL }, db, CXO_KIND_LIFECYCLE, TH_KEY("fg-track"), 1), CXO_ENOTFOUND,
	       "lifecycle \"fg-track\" does not exist");
	/* again: nothing to do */
	TI_FREE_EQ(ti_import_ok(db, "replace.json", doc, CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, TI_ZERO, ti_counts(0, 1, 1, 1, 2, 2, 3, 1), TI_ZERO, "[]"));
	free(expected);
	free(doc);
	cxo_db_close(fresh);
	cxo_db_close(db);
}

Test(replace, an_empty_document_empties_the_database_but_cto)
{
	cxo_db *db = ti_open_rich("test.db");
	TI_FREE_EQ(ti_import_ok(db, "empty", "{\"format\":\"cxotrack\",\"version\":1}", CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, TI_ZERO, TI_ZERO, ti_counts(1, 3, 5, 6, 9, 9, 26, 5), "[]"));
	cxo_db *fresh = th_open_new("fresh.db");
	char *empty = ti_export(fresh);
	TI_FREE_EQ(ti_export(db), empty);
	free(empty);
	cxo_db_close(fresh);
	cxo_db_close(db);
}

Test(replace, omitted_fields_are_cleared)
{
	cxo_db *db = ti_open_rich("test.db");
	TI_FREE_EQ(ti_import_ok(db, "r.json",
	                        "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"cto-2012-dubai\","
	                        "\"kind\":\"cto\",\"date\":\"2012-11\"}]}",
	                        CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, ti_counts(0, 0, 0, 0, 1, 0, 0, 0), TI_ZERO, ti_counts(1, 3, 5, 6, 8, 9, 26, 5), "[]"));
	TH_GET_EQ(db, CXO_KIND_MEETING, TH_KEY("cto-2012-dubai"), "{\"id\":\"cto-2012-dubai\",\"kind\":\"cto\",\"date\":\"2012-11\"}");
	cxo_db_close(db);
}

Test(replace, references_are_checked_against_the_document_alone)
{
	cxo_db *db = ti_open_rich("test.db");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}],"
	                     "\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\",\"topics\":[\"x\"]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "conclusions[0].topics[0]: there is no topic \"x\" in the document");
	/* "qos-qoe" is in the database, not in the document */
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}],"
	                     "\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\",\"topics\":[\"qos-qoe\"]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "conclusions[0].topics[0]: there is no topic \"qos-qoe\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	                     "\"observations\":[{\"topic\":\"t\",\"meeting\":\"cto-2012-dubai\",\"status\":\"raised\"}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "observations[0].meeting: there is no meeting \"cto-2012-dubai\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	                     "\"observations\":[{\"topic\":\"t\",\"lifecycle\":\"fg-track\",\"date\":\"2020\",\"status\":\"proposed\"}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "observations[0].lifecycle: there is no lifecycle \"fg-track\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\","
	                     "\"attendance\":[{\"organization\":\"ntt\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "meetings[0].attendance[0].organization: there is no organization \"ntt\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"items\":[{\"registry\":\"fg\",\"id\":\"x\"}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "items[0].registry: there is no registry \"fg\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\","
	                     "\"links\":[{\"registry\":\"fg\",\"item\":\"fg-ml5g\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "topics[0].links[0].item: there is no item \"fg-ml5g\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\","
	                     "\"relations\":[{\"type\":\"related\",\"topic\":\"imt-2020\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "topics[0].relations[0].topic: there is no topic \"imt-2020\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}],"
	                     "\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\",\"actions\":[{\"id\":\"a\","
	                     "\"due_meeting\":\"cto-2030-tokyo\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "conclusions[0].actions[0].due_meeting: there is no meeting \"cto-2030-tokyo\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}],"
	                     "\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\",\"actions\":[{\"id\":\"a\","
	                     "\"followups\":[{\"meeting\":\"cto-2030-tokyo\",\"status\":\"done\"}]}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND,
	           "conclusions[0].actions[0].followups[0].meeting: there is no meeting \"cto-2030-tokyo\" in the document");
	/* the same references are fine in merge mode: the database holds them */
	TI_FREE_EQ(ti_import_ok(db, "r.json",
	                        "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2020\"}],"
	                        "\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\",\"topics\":[\"qos-qoe\"]}]}",
	                        0),
	           ti_result(ti_counts(0, 0, 0, 0, 1, 0, 0, 1), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_db_close(db);
}

/* A relation's or a link's `since` may name a meeting: in replace mode one
 * that only the database holds would be deleted, and the point lost with it. */
Test(replace, a_since_meeting_must_be_in_the_document)
{
	cxo_db *db = ti_open_rich("test.db");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"},"
	                     "{\"id\":\"u\",\"title\":\"U\",\"relations\":[{\"type\":\"related\",\"topic\":\"t\","
	                     "\"since\":\"cto-2012-dubai\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "topics[1].relations[0].since: there is no meeting \"cto-2012-dubai\" in the document");
	TI_REFUSED(db,
	           ti_import(NULL, db, "r.json",
	                     "{\"format\":\"cxotrack\",\"version\":1,\"registries\":[{\"id\":\"fg\"}],"
	                     "\"items\":[{\"registry\":\"fg\",\"id\":\"x\"}],\"topics\":[{\"id\":\"t\",\"title\":\"T\","
	                     "\"links\":[{\"registry\":\"fg\",\"item\":\"x\",\"since\":\"cto-2012-dubai\"}]}]}",
	                     CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "topics[0].links[0].since: there is no meeting \"cto-2012-dubai\" in the document");
	/* a date is no reference */
	TI_FREE_EQ(ti_import_ok(db, "r.json",
	                        "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"},"
	                        "{\"id\":\"u\",\"title\":\"U\",\"relations\":[{\"type\":\"related\",\"topic\":\"t\","
	                        "\"since\":\"2012-11\"}]}]}",
	                        CXO_IMPORT_REPLACE),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 2, 0, 0), TI_ZERO, TI_ZERO, ti_counts(1, 3, 5, 6, 9, 9, 26, 5), "[]"));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("u"),
	          "{\"id\":\"u\",\"title\":\"U\",\"relations\":[{\"type\":\"related\",\"topic\":\"t\",\"since\":\"2012-11\"}]}");
	cxo_db_close(db);
}

/* Replace mode deletes what the document lacks after it writes the rest:
 * the transitions checked are those of the histories it leaves, in which a
 * stale observation no longer stands between two new ones. */
#define STALE_BASE \
	"{\"format\":\"cxotrack\",\"version\":1,\"lifecycles\":[{\"id\":\"st\",\"enforce\":\"strict\"," \
	"\"statuses\":[{\"id\":\"a\",\"rank\":1},{\"id\":\"b\",\"rank\":2},{\"id\":\"c\",\"rank\":3}]," \
	"\"transitions\":[[\"a\",\"b\"],[\"a\",\"c\"],[\"b\",\"c\"]]}]," \
	"\"meetings\":[{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013\"},{\"id\":\"m2\",\"kind\":\"cto\",\"date\":\"2014\"}," \
	"{\"id\":\"m3\",\"kind\":\"cto\",\"date\":\"2015\"}],\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]," \
	"\"observations\":[{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m1\",\"status\":\"a\"},%s]}"

Test(replace, stale_observations_do_not_take_part_in_transition_checks)
{
	TH_SKIP("library bug: an import in replace mode checks transitions against observations it is about to "
	        "delete (a spurious warning in \"warn\" mode, a refusal in \"strict\" mode); also an action id "
	        "moving to another conclusion is refused with CXO_EEXISTS");
	char first[2048], second[2048];
	snprintf(first, sizeof first, STALE_BASE, "{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m2\",\"status\":\"c\"}");
	snprintf(second, sizeof second, STALE_BASE, "{\"topic\":\"t\",\"lifecycle\":\"st\",\"meeting\":\"m3\",\"status\":\"b\"}");
	cxo_db *db = th_open();
	free(ti_import_ok(db, "first", first, 0));
	/* a then b is allowed: the c at m2 is deleted by the same import */
	TI_FREE_EQ(ti_import_ok(db, "second", second, CXO_IMPORT_REPLACE),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 0, 1, 0), TI_ZERO, ti_counts(1, 0, 0, 0, 3, 1, 1, 0),
	                     ti_counts(0, 0, 0, 0, 0, 0, 1, 0), "[]"));
	cxo_db_close(db);
}

/* An action listed under another conclusion moves there when the document
 * also says its old conclusion no longer holds it; otherwise the clash of ids
 * is refused and nothing changes. */
#define MOVE_DOC(c1, c2) \
	"{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\"}]," \
	"\"conclusions\":[{\"id\":\"m/1\",\"meeting\":\"m\"" c1 "},{\"id\":\"m/2\",\"meeting\":\"m\"" c2 "}]}"

Test(merge, an_action_moves_to_another_conclusion)
{
	cxo_db *db = th_open();
	free(ti_import_ok(db, "first",
	                  MOVE_DOC(",\"actions\":[{\"id\":\"x\",\"owner\":\"TSB\",\"followups\":[{\"meeting\":\"m\",\"status\":\"done\"}]}]", ""),
	                  0));
	int64_t before = ti_audit_count(db);
	/* both conclusions listed: x leaves m/1 for m/2, with its follow-up */
	free(ti_import_ok(db, "second",
	                  MOVE_DOC("", ",\"actions\":[{\"id\":\"x\",\"owner\":\"TSB\",\"followups\":[{\"meeting\":\"m\",\"status\":\"done\"}]}]"),
	                  0));
	TH_GET_EQ(db, CXO_KIND_ACTION, TH_KEY("x"),
	          "{\"id\":\"x\",\"conclusion\":\"m/2\",\"owner\":\"TSB\",\"followups\":[{\"meeting\":\"m\",\"status\":\"done\"}]}");
	TH_GET_EQ(db, CXO_KIND_CONCLUSION, TH_KEY("m/1"), "{\"id\":\"m/1\",\"meeting\":\"m\"}");
	/* the import, the move out of m/1 (a deletion of x) and the update of m/2 */
	cr_assert_eq(ti_audit_count(db), before + 3);
	char *tail = ti_audit_tail(db, before);
	cr_assert(strstr(tail, "delete action x"), "%s", tail);
	free(tail);
	cxo_db_close(db);
}

Test(merge, an_action_id_used_by_a_conclusion_the_document_leaves_out_is_refused)
{
	cxo_db *db = th_open();
	free(ti_import_ok(db, "first", MOVE_DOC(",\"actions\":[{\"id\":\"x\",\"owner\":\"TSB\"}]", ""), 0));
	char *before = ti_export(db);
	cxo_row *result = NULL;
	TH_ERR(ti_import(&result, db, "second",
	                 "{\"format\":\"cxotrack\",\"version\":1,\"conclusions\":[{\"id\":\"m/2\",\"meeting\":\"m\","
	                 "\"actions\":[{\"id\":\"x\"}]}]}",
	                 0),
	       CXO_EEXISTS, "conclusions[0].actions[\"x\"]: an action with the id \"x\" already exists (in conclusion \"m/1\")");
	TI_FREE_EQ(ti_export(db), before);
	free(before);
	/* replace mode deletes m/1 with everything the document lacks: x moves */
	free(ti_import_ok(db, "third",
	                  "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\"}],"
	                  "\"conclusions\":[{\"id\":\"m/2\",\"meeting\":\"m\",\"actions\":[{\"id\":\"x\"}]}]}",
	                  CXO_IMPORT_REPLACE));
	TH_GET_EQ(db, CXO_KIND_ACTION, TH_KEY("x"), "{\"id\":\"x\",\"conclusion\":\"m/2\"}");
	cxo_db_close(db);
}

/* ---- several documents ---- */

static int import_two(cxo_row **result, cxo_db *db, const char *a, const char *b, uint32_t flags)
{
	const char *names[] = { "a.json", "b.json" };
	const char *docs[] = { a, b };
	size_t lens[] = { strlen(a), strlen(b) };
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.flags = flags;
	return cxo_import_buffers(result, db, names, docs, lens, 2, &opts);
}

Test(several, a_later_record_replaces_an_earlier_one)
{
	cxo_db *db = th_open();
	cxo_row *result = NULL;
	const char *a = "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\"}],"
	                "\"topics\":[{\"id\":\"t\",\"title\":\"From a\",\"description\":\"Only in a\"},{\"id\":\"u\",\"title\":\"U\"}]}";
	const char *b = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"From b\"}],"
	                "\"observations\":[{\"topic\":\"t\",\"meeting\":\"m\",\"status\":\"raised\"}]}";
	TH_OK(import_two(&result, db, a, b, 0));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 1, 2, 1, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_row_free(result);
	/* the whole record of b: a's description is not merged in */
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"From b\"}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("u"), "{\"id\":\"u\",\"title\":\"U\"}");
	/* one transaction, one audit entry, named after no single document */
	TI_FREE_EQ(ti_audit_tail(db, 0),
	           th_msg("1 import document document parent=- before=- after={\"name\":\"document\",\"size\":%zu,"
	                  "\"created\":%s,\"updated\":%s,\"unchanged\":%s,\"deleted\":%s}\n",
	                  strlen(a) + strlen(b), ti_counts(0, 0, 0, 0, 1, 2, 1, 0), TI_ZERO, TI_ZERO, TI_ZERO));
	cxo_db_close(db);
}

/* Into a database with no observation, the import looks none up before
 * writing it: an observation given again by a later document (the same key
 * written two ways: the default lifecycle left out, then named) is still
 * written once, as the later document says; the same import again, now into
 * a database that holds them, changes nothing. */
Test(several, observations_into_an_empty_database_are_each_written_once)
{
	cxo_db *db = th_open();
	const char *a = "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\"}],"
	                "\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],\"observations\":[{\"topic\":\"t\",\"meeting\":\"m\","
	                "\"status\":\"raised\",\"note\":\"from a\"},{\"topic\":\"t\",\"date\":\"2014-02\",\"status\":\"assigned\"}]}";
	const char *b = "{\"format\":\"cxotrack\",\"version\":1,\"observations\":[{\"topic\":\"t\",\"lifecycle\":\"cto\","
	                "\"meeting\":\"m\",\"status\":\"prioritized\",\"note\":\"from b\"}]}";
	cxo_row *result = NULL;
	TH_OK(import_two(&result, db, a, b, 0));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 1, 1, 2, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_row_free(result);
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[{\"topic\":\"t\",\"lifecycle\":\"cto\",\"meeting\":\"m\",\"status\":\"prioritized\","
	               "\"qualifier\":\"agreed\",\"note\":\"from b\"},{\"topic\":\"t\",\"lifecycle\":\"cto\","
	               "\"date\":\"2014-02\",\"status\":\"assigned\",\"qualifier\":\"agreed\"}]");
	TH_OK(import_two(&result, db, a, b, 0));
	TH_STR_EQ_FREE(th_json(result), ti_result(TI_ZERO, TI_ZERO, ti_counts(0, 0, 0, 0, 1, 1, 2, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	cxo_db_close(db);
}

Test(several, replace_mode_sees_all_the_documents)
{
	cxo_db *db = ti_open_rich("test.db");
	cxo_row *result = NULL;
	/* b refers to a meeting only a holds */
	TH_OK(import_two(&result, db,
	                 "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\"}]}",
	                 "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	                 "\"observations\":[{\"topic\":\"t\",\"meeting\":\"m\",\"status\":\"raised\"}]}",
	                 CXO_IMPORT_REPLACE));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 1, 1, 1, 0), TI_ZERO, TI_ZERO,
	                                          ti_counts(1, 3, 5, 6, 9, 9, 26, 5), "[]"));
	cxo_row_free(result);
	cxo_db_close(db);
}

Test(several, the_same_key_twice_in_one_document_is_refused)
{
	cxo_db *db = ti_open_rich("test.db");
	TI_REFUSED(db,
	           import_two(NULL, db, "{\"format\":\"cxotrack\",\"version\":1}",
	                      "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"},"
	                      "{\"id\":\"u\",\"title\":\"U\"},{\"id\":\"t\",\"title\":\"T again\"}]}",
	                      0),
	           CXO_EINVAL, "b.json: topics[2]: topic \"t\" appears twice (also at b.json: topics[0])");
	/* observations are the same whether the lifecycle is given or not */
	TI_REFUSED(db,
	           import_two(NULL, db,
	                      "{\"format\":\"cxotrack\",\"version\":1,\"observations\":[{\"topic\":\"qos-qoe\","
	                      "\"meeting\":\"cjk-2014\",\"status\":\"raised\"},{\"topic\":\"qos-qoe\",\"lifecycle\":\"cto\","
	                      "\"meeting\":\"cjk-2014\",\"status\":\"prioritized\"}]}",
	                      "{\"format\":\"cxotrack\",\"version\":1}", 0),
	           CXO_EINVAL,
	           "a.json: observations[1]: observation \"qos-qoe cto cjk-2014\" appears twice (also at a.json: observations[0])");
	/* items by registry and id */
	TI_REFUSED(db,
	           import_two(NULL, db, "{\"format\":\"cxotrack\",\"version\":1}",
	                      "{\"format\":\"cxotrack\",\"version\":1,\"items\":[{\"registry\":\"fg\",\"id\":\"x\"},"
	                      "{\"registry\":\"rec\",\"id\":\"x\"},{\"registry\":\"fg\",\"id\":\"x\",\"title\":\"X\"}]}",
	                      0),
	           CXO_EINVAL, "b.json: items[2]: item \"fg x\" appears twice (also at b.json: items[0])");
	/* ...while a record in each document is fine */
	cxo_row *result = NULL;
	TH_OK(import_two(&result, db,
	                 "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]}",
	                 "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T2\"}]}", 0));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_row_free(result);
	cxo_db_close(db);
}

Test(several, messages_name_the_document)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *good = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]}";
	TI_REFUSED(db, import_two(NULL, db, good, "{\"format\":\"cxotrack\",\n\"version\":1,}", 0), CXO_EFORMAT,
	           "b.json: line 2, column 13: trailing comma");
	TI_REFUSED(db, import_two(NULL, db, good, "{\"format\":\"cxotrack\",\"version\":1,\"topic\":[]}", 0), CXO_EINVAL,
	           "b.json: (document): unknown key \"topic\" (a document has: format, version, lifecycles, registries, "
	           "items, organizations, meetings, topics, observations, conclusions)");
	TI_REFUSED(db, import_two(NULL, db, "{\"format\":\"cxotrack\",\"version\":2}", good, 0), CXO_EVERSION,
	           "a.json: version: version 2 is newer than this library reads (1)");
	TI_REFUSED(db, import_two(NULL, db, good, "{\"format\":\"cxotrack\"}", 0), CXO_EFORMAT,
	           "b.json: version: a value is required (1)");
	TI_REFUSED(db, import_two(NULL, db, good, "{\"format\":\"cxotrack\",\"version\":1,\"version\":1}", 0), CXO_EFORMAT,
	           "b.json: (document): duplicate key \"version\"");
	TI_REFUSED(db,
	           import_two(NULL, db, good,
	                      "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"u\",\"title\":\"U\",\"colour\":1}]}", 0),
	           CXO_EINVAL,
	           "b.json: topics[0]: unknown field \"colour\" (a topic has: id, title, description, tags, aliases, note, "
	           "uncertain, relations, links)");
	TI_REFUSED(db,
	           import_two(NULL, db, good,
	                      "{\"format\":\"cxotrack\",\"version\":1,\"observations\":[{\"topic\":\"t\",\"meeting\":\"zz\","
	                      "\"status\":\"raised\"}]}",
	                      0),
	           CXO_ENOTFOUND, "b.json: observations[0].meeting: there is no meeting \"zz\"");
	TI_REFUSED(db,
	           import_two(NULL, db, good,
	                      "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"u\",\"title\":\"U\"}],"
	                      "\"observations\":[{\"topic\":\"u\",\"meeting\":\"zz\",\"status\":\"raised\"}]}",
	                      CXO_IMPORT_REPLACE),
	           CXO_ENOTFOUND, "b.json: observations[0].meeting: there is no meeting \"zz\" in the document");
	/* without names, each is "document" (or the options' name) */
	const char *docs[] = { good, "{}" };
	size_t lens[] = { strlen(good), 2 };
	TI_REFUSED(db, cxo_import_buffers(NULL, db, NULL, docs, lens, 2, NULL), CXO_EFORMAT,
	           "document: format: a value is required (\"cxotrack\")");
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.name = "batch";
	TI_REFUSED(db, cxo_import_buffers(NULL, db, NULL, docs, lens, 2, &opts), CXO_EFORMAT,
	           "batch: format: a value is required (\"cxotrack\")");
	cxo_db_close(db);
}

Test(several, arguments)
{
	cxo_db *db = th_open();
	const char *docs[] = { "{\"format\":\"cxotrack\",\"version\":1}", NULL };
	size_t lens[] = { strlen(docs[0]), 0 };
	cxo_row *result = (cxo_row *)1;
	TH_ERR(cxo_import_buffers(&result, db, NULL, docs, lens, 0, NULL), CXO_EINVAL, "import: no document");
	cr_assert_null(result);
	TH_ERR(cxo_import_buffers(NULL, db, NULL, NULL, lens, 1, NULL), CXO_EMISUSE, "cxo_import_buffers: docs is NULL");
	TH_ERR(cxo_import_buffers(NULL, db, NULL, docs, NULL, 1, NULL), CXO_EMISUSE, "cxo_import_buffers: lens is NULL");
	TH_ERR(cxo_import_buffers(NULL, db, NULL, docs, lens, 2, NULL), CXO_EMISUSE, "import: document 1 is NULL");
	TH_ERR(cxo_import_buffers(NULL, NULL, NULL, docs, lens, 1, NULL), CXO_EMISUSE,
	       "cxo_import: the database handle is NULL");
	TH_ERR(cxo_import_files(NULL, db, NULL, 1, NULL), CXO_EMISUSE, "cxo_import_files: paths is NULL");
	const char *paths[] = { ti_data("rich.json"), NULL };
	TH_ERR(cxo_import_files(NULL, db, paths, 2, NULL), CXO_EMISUSE, "cxo_import_files: paths[1] is NULL");
	cr_assert_eq(ti_audit_count(db), 0);
	cxo_db_close(db);
}

Test(several, files)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *a = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"A\"}]}";
	const char *b = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"t\",\"title\":\"B\"}]}";
	th_write_file(th_path("a.json"), a, strlen(a));
	th_write_file(th_path("b.json"), b, strlen(b));
	const char *paths[] = { th_path("a.json"), th_path("b.json") };
	cxo_row *result = NULL;
	TH_OK(cxo_import_files(&result, db, paths, 2, NULL));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	cxo_row_free(result);
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"B\"}");
	/* a missing file, a directory: nothing read, nothing written */
	const char *missing[] = { th_path("a.json"), th_path("nope.json") };
	TI_REFUSED(db, cxo_import_files(NULL, db, missing, 2, NULL), CXO_ENOTFOUND,
	           th_msg("%s: No such file or directory", th_path("nope.json")));
	const char *dir[] = { th_dir() };
	TI_REFUSED(db, cxo_import_files(NULL, db, dir, 1, NULL), CXO_EIO, th_msg("%s: Is a directory", th_dir()));
	/* a syntax error names the file by its path */
	th_write_file(th_path("bad.json"), "{\"format\":\"cxotrack\",\"version\":1,}", 34);
	const char *bad[] = { th_path("a.json"), th_path("bad.json") };
	TI_REFUSED(db, cxo_import_files(NULL, db, bad, 2, NULL), CXO_EFORMAT,
	           th_msg("%s: line 1, column 34: trailing comma", th_path("bad.json")));
	cxo_db_close(db);
}

/* ---- audit ---- */

Test(audit, an_import_writes_one_entry_and_one_per_changed_record)
{
	cxo_db *db = ti_open_rich("test.db");
	int64_t before = ti_audit_count(db);
	cr_assert_eq(before, 1);
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,"
	                  "\"registries\":[{\"id\":\"rec\",\"title\":\"ITU-T Recommendations (in force)\"}],"
	                  "\"meetings\":[{\"id\":\"cjk-2014\",\"kind\":\"consultation\",\"date\":\"2014-03\"}],"
	                  "\"topics\":[{\"id\":\"new-topic\",\"title\":\"New\"},{\"id\":\"ml-networks\",\"title\":\"Machine learning in networks\"}],"
	                  "\"observations\":[{\"topic\":\"new-topic\",\"meeting\":\"cjk-2014\",\"status\":\"raised\"}]}";
	cxo_db_set_actor(db, "tester");
	TI_FREE_EQ(ti_import_ok(db, "changes.json", doc, 0),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 1, 1, 0), ti_counts(0, 1, 0, 0, 1, 0, 0, 0),
	                     ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, "[]"));
	char expected[8192];
	snprintf(expected, sizeof expected,
	         "2 import document changes.json parent=- before=- after={\"name\":\"changes.json\",\"size\":%zu,"
	         "\"created\":%s,\"updated\":%s,\"unchanged\":%s,\"deleted\":%s}\n"
	         "3 update registry rec parent=2 before={\"id\":\"rec\",\"title\":\"ITU-T Recommendations\"} "
	         "after={\"id\":\"rec\",\"title\":\"ITU-T Recommendations (in force)\"}\n"
	         "4 update meeting cjk-2014 parent=2 before={\"id\":\"cjk-2014\",\"kind\":\"consultation\","
	         "\"series\":\"China/Japan/Korea CTO consultation\",\"date\":\"2014\",\"uncertain\":true} "
	         "after={\"id\":\"cjk-2014\",\"kind\":\"consultation\",\"series\":\"China/Japan/Korea CTO consultation\","
	         "\"date\":\"2014-03\",\"uncertain\":true}\n",
	         strlen(doc), ti_counts(0, 0, 0, 0, 0, 1, 1, 0), ti_counts(0, 1, 0, 0, 1, 0, 0, 0),
	         ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO);
	TI_FREE_EQ(ti_audit_tail(db, before), expected);
	/* the actor of the handle */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "document";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "key"), "rich.json");
	cr_assert_str_eq(cxo_row_text(row, "actor"), "unknown");
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "key"), "changes.json");
	cr_assert_str_eq(cxo_row_text(row, "actor"), "tester");
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	cxo_db_close(db);
}

Test(audit, a_new_database_gets_one_entry_for_everything)
{
	cxo_db *db = ti_open_rich("test.db");
	char *log = ti_audit_tail(db, 0);
	size_t size;
	free(ti_read("rich.json", &size));
	char expected[8192];
	snprintf(expected, sizeof expected,
	         "1 import document rich.json parent=- before=- after={\"name\":\"rich.json\",\"size\":%zu,"
	         "\"created\":%s,\"updated\":%s,\"unchanged\":%s,\"deleted\":%s}\n",
	         size, TI_RICH_CREATED, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO);
	cr_assert_str_eq(log, expected);
	free(log);
	cxo_db_close(db);
}

Test(audit, replace_mode_deletions_have_entries_with_the_import_as_parent)
{
	cxo_db *db = ti_open_rich("test.db");
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,\"lifecycles\":[" TH_CTO_JSON "],"
	                  "\"registries\":[{\"id\":\"fg\",\"title\":\"ITU-T Focus Groups\",\"version\":\"2024\","
	                  "\"url\":\"https://www.itu.int/en/ITU-T/focusgroups/Pages/default.aspx\","
	                  "\"note\":\"Both active and concluded groups.\",\"uncertain\":true}]}";
	TI_FREE_EQ(ti_import_ok(db, "fg-only.json", doc, CXO_IMPORT_REPLACE),
	           ti_result(TI_ZERO, TI_ZERO, ti_counts(1, 1, 0, 0, 0, 0, 0, 0), ti_counts(1, 2, 5, 6, 9, 9, 26, 5), "[]"));
	char *log = ti_audit_tail(db, 1);
	/* one line per entry: the import's, then one "delete" per record deleted,
	 * dependents first, each with the import as its parent */
	const char *lines[] = {
		"2 import document fg-only.json parent=- ",
		"3 delete conclusion cto-2013-bangkok/3 parent=2 ",
		"4 delete conclusion cto-2015-budapest/1 parent=2 ",
		"5 delete conclusion cxo-2017-buenos-aires/7 parent=2 ",
		"6 delete conclusion tsag-2017-geneva/a parent=2 ",
		"7 delete conclusion ws-2019-xian/2 parent=2 ",
		"8 delete observation ai-networks cto ws-2019-xian parent=2 ",
	};
	const char *line = log;
	int n = 0;
	for (; line && *line; n++) {
		if (n < (int)(sizeof lines / sizeof lines[0]))
			cr_assert_eq(strncmp(line, lines[n], strlen(lines[n])), 0, "entry %d: %.200s", n, line);
		else
			cr_assert(strstr(line, " parent=2 before={") && strstr(line, " after=-\n") &&
			                  strncmp(strchr(line, ' '), " delete ", 8) == 0,
			          "entry %d: %.200s", n, line);
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	/* the relations of newer topics to an older one go with it, each with its entry */
	cr_assert_eq(n, 1 + 5 + 26 + 9 + 2 + 9 + 6 + 5 + 2 + 1, "%s", log);
	cr_assert(strstr(log, "\n37 delete relation network-softwarization split-from imt-2020 parent=2 before="
	                      "{\"topic\":\"network-softwarization\",\"type\":\"split-from\",\"older\":\"imt-2020\","
	                      "\"since\":\"cto-2013-bangkok\"} after=-\n"));
	cr_assert(strstr(log, "\n43 delete relation qos-qoe supersedes qos-legacy parent=2 before="
	                      "{\"topic\":\"qos-qoe\",\"type\":\"supersedes\",\"older\":\"qos-legacy\"} after=-\n"));
	cr_assert(strstr(log, "delete lifecycle fg-track parent=2 before={\"id\":\"fg-track\""));
	cr_assert(strstr(log, "delete item res22 Quantum 🔐 parent=2 before={\"registry\":\"res22\",\"id\":\"Quantum 🔐\""));
	cr_assert_null(strstr(log, " lifecycle cto "));
	free(log);
	cxo_db_close(db);
}

Test(audit, an_import_that_changes_nothing_writes_nothing)
{
	cxo_db *db = ti_open_rich("test.db");
	char *rich = ti_read("rich.json", NULL);
	free(ti_import_ok(db, "again", rich, 0));
	free(ti_import_ok(db, "again", rich, CXO_IMPORT_REPLACE));
	free(ti_import_ok(db, "empty", "{\"format\":\"cxotrack\",\"version\":1}", 0));
	free(ti_import_ok(db, "check", "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"z\",\"title\":\"Z\"}]}",
	                  CXO_IMPORT_CHECK));
	cr_assert_eq(ti_audit_count(db), 1);
	free(rich);
	cxo_db_close(db);
}
