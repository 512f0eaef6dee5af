/* Exports: parts (one meeting, one topic with its lineage), failing sinks,
 * cxo_buffer, the options' init functions and version checks. */
#include "test_interchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(export, .init = th_setup, .fini = th_teardown);
TestSuite(buffer);
TestSuite(options);

static char *export_part(cxo_db *db, const char *meeting, const char *topic)
{
	cxo_export_options opts = CXO_EXPORT_OPTIONS_INIT;
	opts.meeting = meeting;
	opts.topic = topic;
	return ti_export_opts(db, &opts);
}

/* The part exported, imported into a new database, exported again whole:
 * the same bytes (a part is a document of its own); and imported into the
 * database it came from, it changes nothing. */
static void check_part(cxo_db *db, const char *part, const char *created)
{
	cxo_db *fresh = th_open_new("part.db");
	TI_FREE_EQ(ti_import_ok(fresh, "part", part, 0),
	           ti_result(created, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	TI_FREE_EQ(ti_export(fresh), part);
	cxo_db_close(fresh);
	char *whole = ti_export(db);
	int64_t entries = ti_audit_count(db);
	cxo_row *result = NULL;
	TH_OK(ti_import(&result, db, "part", part, 0));
	TH_STR_EQ_FREE(th_json(cxo_row_child(result, "created")), TI_ZERO);
	TH_STR_EQ_FREE(th_json(cxo_row_child(result, "updated")), TI_ZERO);
	cxo_row_free(result);
	TI_FREE_EQ(ti_export(db), whole);
	cr_assert_eq(ti_audit_count(db), entries);
	free(whole);
}

Test(export, one_meeting)
{
	cxo_db *db = ti_open_rich("test.db");
	char *part = export_part(db, "cto-2013-bangkok", NULL);
	/* the meeting in full, its observations and conclusions in full; the
	 * topics and meetings they name without their lists; the organizations
	 * at the meeting; the lifecycles in full */
	char *expected = ti_read("part-meeting-cto-2013-bangkok.json", NULL);
	cr_assert_str_eq(part, expected);
	check_part(db, part, ti_counts(0, 0, 0, 3, 3, 4, 4, 1));
	free(expected);
	free(part);
	cxo_db_close(db);
}

Test(export, one_topic_with_its_lineage)
{
	cxo_db *db = ti_open_rich("test.db");
	char *part = export_part(db, NULL, "ai-networks");
	/* ai-networks and its predecessors ml-5g and ml-networks in full, with
	 * their observations in every lifecycle and the conclusions about them;
	 * what those name (qos-qoe, the meetings) without their lists; the
	 * registries and items of their links */
	char *expected = ti_read("part-topic-ai-networks.json", NULL);
	cr_assert_str_eq(part, expected);
	check_part(db, part, ti_counts(1, 3, 3, 0, 5, 4, 9, 2));
	free(expected);
	free(part);
	cxo_db_close(db);
}

Test(export, a_topic_without_lineage_or_observations)
{
	cxo_db *db = ti_open_rich("test.db");
	char *part = export_part(db, NULL, "qos-legacy");
	char *fresh_export;
	{
		/* what a new database holding only the topic and its observation exports */
		cxo_db *fresh = th_open_new("fresh.db");
		free(ti_import_ok(fresh, "x",
		                  "{\"format\":\"cxotrack\",\"version\":1,\"meetings\":[{\"id\":\"cto-2012-dubai\",\"kind\":\"cto\","
		                  "\"series\":\"ITU-T CTO meeting\",\"ordinal\":3,\"date\":\"2012-11\",\"city\":\"Dubai\",\"country\":\"AE\","
		                  "\"participants\":18,\"note\":\"Held the day before WTSA-12.\"}],"
		                  "\"topics\":[{\"id\":\"qos-legacy\",\"title\":\"QoS (legacy topic)\"}],"
		                  "\"observations\":[{\"topic\":\"qos-legacy\",\"meeting\":\"cto-2012-dubai\",\"status\":\"raised\"}]}",
		                  0));
		fresh_export = ti_export(fresh);
		cxo_db_close(fresh);
	}
	cr_assert_str_eq(part, fresh_export);
	free(fresh_export);
	free(part);
	cxo_db_close(db);
}

Test(export, an_empty_database)
{
	cxo_db *db = th_open();
	char *out = ti_export(db);
	char expected[8192];
	snprintf(expected, sizeof expected, "{\n  \"format\": \"cxotrack\",\n  \"version\": 1,\n  \"lifecycles\": [\n    {\n");
	cr_assert_eq(strncmp(out, expected, strlen(expected)), 0, "%s", out);
	const char *tail = "\n  ],\n  \"registries\": [],\n  \"items\": [],\n  \"organizations\": [],\n  \"meetings\": [],\n"
	                   "  \"topics\": [],\n  \"observations\": [],\n  \"conclusions\": []\n}\n";
	cr_assert_str_eq(out + strlen(out) - strlen(tail), tail);
	/* exactly the built-in lifecycle */
	cxo_row *result = NULL;
	TH_OK(ti_import(&result, db, "out", out, 0));
	TH_STR_EQ_FREE(th_json(result), ti_result(TI_ZERO, TI_ZERO, ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	free(out);
	cxo_db_close(db);
}

static int never_called(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	cr_assert_fail("the sink must not be called");
	return 1;
}

Test(export, unknown_parts_and_bad_options)
{
	cxo_db *db = ti_open_rich("test.db");
	cxo_export_options opts = CXO_EXPORT_OPTIONS_INIT;
	opts.meeting = "nope";
	TH_ERR(cxo_export_json(db, &opts, never_called, NULL), CXO_ENOTFOUND, "export: there is no meeting \"nope\"");
	opts.meeting = NULL;
	opts.topic = "nope";
	TH_ERR(cxo_export_json(db, &opts, never_called, NULL), CXO_ENOTFOUND, "export: there is no topic \"nope\"");
	opts.meeting = "cto-2013-bangkok";
	opts.topic = "imt-2020";
	TH_ERR(cxo_export_json(db, &opts, never_called, NULL), CXO_EINVAL, "export: a meeting or a topic, not both");
	opts.meeting = opts.topic = NULL;
	opts.flags = 1;
	TH_ERR(cxo_export_json(db, &opts, never_called, NULL), CXO_EINVAL, "export: unknown flags 0x1");
	opts.flags = 0;
	opts.version = 2;
	TH_ERR(cxo_export_json(db, &opts, never_called, NULL), CXO_EVERSION,
	       "export: cxo_export_options version 2 is not supported (this library has 1)");
	TH_ERR(cxo_export_json(db, NULL, NULL, NULL), CXO_EMISUSE, "cxo_export_json: write is NULL");
	TH_ERR(cxo_export_json(NULL, NULL, never_called, NULL), CXO_EMISUSE, "cxo_export_json: the database handle is NULL");
	cxo_db_close(db);
}

typedef struct sink {
	int calls, fail_at; /* 1-based; 0: never */
	size_t bytes;
	char *data;
} sink;

static int counting_sink(void *ctx, const void *data, size_t len)
{
	sink *s = ctx;
	s->calls++;
	if (s->fail_at && s->calls == s->fail_at)
		return -1;
	s->data = realloc(s->data, s->bytes + len + 1);
	cr_assert_not_null(s->data);
	memcpy(s->data + s->bytes, data, len);
	s->bytes += len;
	s->data[s->bytes] = '\0';
	return 0;
}

/* 2000 topics: an export of more than 64 KiB, written in pieces. */
static cxo_db *big_database(void)
{
	cxo_db *db = th_open();
	size_t cap = 256 * 1024, o = 0;
	char *doc = malloc(cap);
	cr_assert_not_null(doc);
	o += (size_t)snprintf(doc, cap, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[");
	for (int i = 0; i < 2000; i++)
		o += (size_t)snprintf(doc + o, cap - o, "%s{\"id\":\"topic-%04d\",\"title\":\"Topic number %d\"}", i ? "," : "", i, i);
	snprintf(doc + o, cap - o, "]}");
	free(ti_import_ok(db, "big", doc, 0));
	free(doc);
	return db;
}

Test(export, a_sink_that_fails)
{
	cxo_db *db = big_database();
	char *whole = ti_export(db);
	sink s = { 0, 0, 0, NULL };
	TH_OK(cxo_export_json(db, NULL, counting_sink, &s));
	cr_assert_gt(s.calls, 1, "a large export is written in pieces, as it goes");
	cr_assert_str_eq(s.data, whole);
	int pieces = s.calls;
	for (int at = 1; at <= pieces; at++) {
		free(s.data);
		s = (sink){ 0, at, 0, NULL };
		TH_ERR(cxo_export_json(db, NULL, counting_sink, &s), CXO_EIO,
		       "export: the output could not be written (the sink refused it)");
		cr_assert_eq(s.calls, at, "no call after the one that failed");
		/* what it got before is the start of the document */
		cr_assert(s.bytes == 0 || strncmp(s.data, whole, s.bytes) == 0);
	}
	free(s.data);
	/* a part, too */
	cxo_db_close(db);
	db = ti_open_rich("rich.db");
	s = (sink){ 0, 1, 0, NULL };
	cxo_export_options opts = CXO_EXPORT_OPTIONS_INIT;
	opts.topic = "imt-2020";
	TH_ERR(cxo_export_json(db, &opts, counting_sink, &s), CXO_EIO,
	       "export: the output could not be written (the sink refused it)");
	free(s.data);
	/* the database is still usable, and so is the handle */
	TI_FREE_EQ(ti_import_ok(db, "again", "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"z\",\"title\":\"Z\"}]}", 0),
	           ti_result(ti_counts(0, 0, 0, 0, 0, 1, 0, 0), TI_ZERO, TI_ZERO, TI_ZERO, "[]"));
	free(whole);
	cxo_db_close(db);
}

Test(export, into_a_null_buffer)
{
	cxo_db *db = th_open();
	TH_ERR(cxo_export_json(db, NULL, cxo_buffer_write, NULL), CXO_EIO,
	       "export: the output could not be written (the sink refused it)");
	cxo_db_close(db);
}

/* ---- cxo_buffer ---- */

Test(buffer, new_write_data_free)
{
	cxo_buffer *b = NULL;
	TH_OK(cxo_buffer_new(&b));
	cr_assert_not_null(b);
	size_t len = 99;
	cr_assert_str_eq(cxo_buffer_data(b, &len), "");
	cr_assert_eq(len, 0);
	cr_assert_eq(cxo_buffer_write(b, "abc", 3), 0);
	cr_assert_eq(cxo_buffer_write(b, "", 0), 0);
	cr_assert_eq(cxo_buffer_write(b, NULL, 0), 0);
	cr_assert_eq(cxo_buffer_write(b, "dé\0f", 5), 0);
	const char *data = cxo_buffer_data(b, &len);
	cr_assert_eq(len, 8);
	cr_assert_eq(memcmp(data, "abcdé\0f", 9), 0, "the contents, NUL-terminated");
	cr_assert_str_eq(cxo_buffer_data(b, NULL), "abcdé");
	/* grows */
	char chunk[1000];
	memset(chunk, 'x', sizeof chunk);
	for (int i = 0; i < 1000; i++)
		cr_assert_eq(cxo_buffer_write(b, chunk, sizeof chunk), 0);
	data = cxo_buffer_data(b, &len);
	cr_assert_eq(len, 8 + 1000 * 1000);
	cr_assert_eq(data[len], '\0');
	cr_assert_eq(data[len - 1], 'x');
	cr_assert_eq(memcmp(data, "abcdé\0fx", 9), 0);
	cxo_buffer_free(b);
}

Test(buffer, null_handling)
{
	TH_ERR(cxo_buffer_new(NULL), CXO_EMISUSE, "cxo_buffer_new: out is NULL");
	cr_assert_neq(cxo_buffer_write(NULL, "a", 1), 0);
	cr_assert_eq(cxo_errcode(), CXO_EMISUSE);
	cr_assert_str_eq(cxo_errmsg(), "cxo_buffer_write: the buffer is NULL");
	cxo_buffer *b = NULL;
	TH_OK(cxo_buffer_new(&b));
	cr_assert_neq(cxo_buffer_write(b, NULL, 1), 0);
	cr_assert_str_eq(cxo_errmsg(), "cxo_buffer_write: data is NULL");
	size_t len = 99;
	cr_assert_str_eq(cxo_buffer_data(NULL, &len), "");
	cr_assert_eq(len, 0);
	cr_assert_str_eq(cxo_buffer_data(NULL, NULL), "");
	cxo_buffer_free(b);
	cxo_buffer_free(NULL);
}

/* ---- options and versions ---- */

Test(options, import_options_init)
{
	cxo_import_options opts;
	memset(&opts, 0xAB, sizeof opts);
	TH_OK(cxo_import_options_init(&opts, CXO_IMPORT_OPTIONS_VERSION));
	cxo_import_options init = CXO_IMPORT_OPTIONS_INIT;
	cr_assert_eq(opts.version, 1);
	cr_assert_eq(init.version, 1);
	cr_assert_eq(opts.flags, 0);
	cr_assert_null(opts.name);
	cr_assert_null(opts.progress);
	cr_assert_null(opts.progress_ctx);
	cr_assert_eq(opts.max_size, 0);
	cr_assert_eq(opts.max_depth, 0);
	cr_assert_eq(opts.max_string, 0);
	cr_assert_eq(init.flags, 0);
	cr_assert_null(init.name);
	cr_assert_eq(init.max_size + init.max_depth + init.max_string, 0);
	cr_assert_eq(CXO_IMPORT_REPLACE, 1);
	cr_assert_eq(CXO_IMPORT_LENIENT, 2);
	cr_assert_eq(CXO_IMPORT_CHECK, 4);
	TH_ERR(cxo_import_options_init(&opts, 2), CXO_EVERSION,
	       "cxo_import_options_init: version 2 is not supported (this library has 1)");
	TH_ERR(cxo_import_options_init(&opts, 0), CXO_EVERSION,
	       "cxo_import_options_init: version 0 is not supported (this library has 1)");
	TH_ERR(cxo_import_options_init(NULL, 1), CXO_EMISUSE, "cxo_import_options_init: opts is NULL");
}

Test(options, export_options_init)
{
	cxo_export_options opts;
	memset(&opts, 0xAB, sizeof opts);
	TH_OK(cxo_export_options_init(&opts, CXO_EXPORT_OPTIONS_VERSION));
	cxo_export_options init = CXO_EXPORT_OPTIONS_INIT;
	cr_assert_eq(opts.version, 1);
	cr_assert_eq(init.version, 1);
	cr_assert_eq(opts.flags, 0);
	cr_assert_null(opts.meeting);
	cr_assert_null(opts.topic);
	cr_assert_eq(init.flags, 0);
	cr_assert_null(init.meeting);
	cr_assert_null(init.topic);
	TH_ERR(cxo_export_options_init(&opts, 2), CXO_EVERSION,
	       "cxo_export_options_init: version 2 is not supported (this library has 1)");
	TH_ERR(cxo_export_options_init(NULL, 1), CXO_EMISUSE, "cxo_export_options_init: opts is NULL");
}

Test(options, library_version)
{
	cr_assert_str_eq(cxo_version(), CXO_VERSION_STRING);
	cr_assert_eq(cxo_version_number(), CXO_VERSION_NUMBER);
	char text[32];
	snprintf(text, sizeof text, "%d.%d.%d", CXO_VERSION_MAJOR, CXO_VERSION_MINOR, CXO_VERSION_PATCH);
	cr_assert_str_eq(cxo_version(), text);
}
