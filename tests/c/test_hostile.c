/* Hostile values: texts that look like SQL, format strings or markup are
 * stored literally and come back the same through get, export and import;
 * ids that are not slugs, NUL bytes, invalid UTF-8, strings over the limit,
 * deep nesting and numbers beyond what an integer field holds are refused
 * with a message naming the record and the field (or the place in the
 * document); searches and filters with query syntax in them match text and
 * never reach SQL or FTS5 as syntax. */
#include "helpers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TestSuite(hostile, .init = th_setup, .fini = th_teardown, .timeout = 300);

#define DOC "{\"format\":\"cxotrack\",\"version\":1,"
#define MIB (1024 * 1024)

/* Texts any text field must store as they are. */
static const char *const TEXTS[] = {
	"it's",
	"\"quoted\"",
	"back\\slash",
	"'; DROP TABLE topic; --",
	"\"); DELETE FROM audit; --",
	"x' OR '1'='1",
	"%s%n%x%p%999999d",
	"<script>alert(1)</script> & <b>",
	"line\nbreak\ttab\r",
	"caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80",
	"\xe2\x80\xaeright-to-left\xe2\x80\xac zero\xe2\x80\x8bwidth \xe2\x80\xa8",
	"NEAR(a b) OR title:x AND \"y\" ^z *",
	"-- comment /* block */",
	"\\u0000 as six characters",
};
enum { NTEXTS = sizeof TEXTS / sizeof TEXTS[0] };

static char *export_all(cxo_db *db)
{
	cxo_buffer *b = NULL;
	TH_OK(cxo_buffer_new(&b));
	TH_OK(cxo_export_json(db, NULL, cxo_buffer_write, b));
	size_t len;
	const char *data = cxo_buffer_data(b, &len);
	char *copy = malloc(len + 1);
	cr_assert_not_null(copy);
	memcpy(copy, data, len + 1);
	cxo_buffer_free(b);
	return copy;
}

/* Import `doc` into a new database (test.db), expecting `code` and `msg`. */
static void import_fails(const char *doc, size_t len, int code, const char *msg)
{
	cxo_db *db = th_open_new("refuse.db");
	cxo_row *res = (cxo_row *)1;
	int rc = cxo_import_json(&res, db, doc, len, NULL);
	cr_assert_eq(rc, code, "import returned %d, expected %d: %s", rc, code, cxo_errmsg());
	cr_assert_null(res);
	cr_assert_str_eq(cxo_errmsg(), msg);
	TH_OK(cxo_db_close(db));
	unlink(th_path("refuse.db"));
}

#define IMPORT_FAILS(doc, code, msg) import_fails((doc), sizeof(doc) - 1, (code), (msg))

/* ---- texts stored literally ---- */

static cxo_row *text_row(cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey)
{
	cxo_row *row = NULL;
	TH_OK(cxo_record_get(&row, db, kind, key, nkey));
	return row;
}

Test(hostile, texts_are_stored_literally_and_survive_export_and_import)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_CREATE(db, CXO_KIND_REGISTRY, "{\"id\":\"reg\",\"title\":\"R\"}");
	for (int i = 0; i < NTEXTS; i++) {
		const char *t = TEXTS[i];
		char id[32];
		snprintf(id, sizeof id, "t%02d", i);
		cxo_row *r = NULL;
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "id", id));
		TH_OK(cxo_row_set_text(r, "title", t));
		TH_OK(cxo_row_set_text(r, "description", t));
		cxo_row *aliases = NULL;
		TH_OK(cxo_row_set_list(&aliases, r, "aliases"));
		TH_OK(cxo_row_set_text(aliases, NULL, t));
		TH_OK(cxo_record_create(db, CXO_KIND_TOPIC, r));
		cxo_row_free(r);
		/* an item id is any text */
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "registry", "reg"));
		TH_OK(cxo_row_set_text(r, "id", t));
		TH_OK(cxo_row_set_text(r, "title", t));
		TH_OK(cxo_record_create(db, CXO_KIND_ITEM, r));
		cxo_row_free(r);
		/* an observation's note, an action's owner */
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "topic", id));
		TH_OK(cxo_row_set_text(r, "meeting", "m1"));
		TH_OK(cxo_row_set_text(r, "status", "raised"));
		TH_OK(cxo_row_set_text(r, "note", t));
		TH_OK(cxo_record_create(db, CXO_KIND_OBSERVATION, r));
		cxo_row_free(r);
	}
	char *before = export_all(db);
	cxo_db *copy = th_open_new("copy.db");
	TH_OK(cxo_import_json(NULL, copy, before, strlen(before), NULL));
	char *after = export_all(copy);
	cr_assert_str_eq(after, before);
	free(after);
	free(before);
	for (int pass = 0; pass < 2; pass++) {
		cxo_db *d = pass ? copy : db;
		for (int i = 0; i < NTEXTS; i++) {
			const char *t = TEXTS[i];
			char id[32];
			snprintf(id, sizeof id, "t%02d", i);
			const char *tk[] = { id };
			cxo_row *row = text_row(d, CXO_KIND_TOPIC, tk, 1);
			cr_assert_str_eq(cxo_row_text(row, "title"), t);
			cr_assert_str_eq(cxo_row_text(row, "description"), t);
			cr_assert_str_eq(cxo_row_text_at(cxo_row_child(row, "aliases"), 0), t);
			cxo_row_free(row);
			const char *ik[] = { "reg", t };
			row = text_row(d, CXO_KIND_ITEM, ik, 2);
			cr_assert_str_eq(cxo_row_text(row, "id"), t);
			cr_assert_str_eq(cxo_row_text(row, "title"), t);
			cxo_row_free(row);
			const char *ok[] = { id, "cto", "m1" };
			row = text_row(d, CXO_KIND_OBSERVATION, ok, 3);
			cr_assert_str_eq(cxo_row_text(row, "note"), t);
			cxo_row_free(row);
		}
	}
	/* nothing was taken for SQL: every table is there, with what it had */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
	const cxo_row *row;
	int n = 0;
	while (cxo_cursor_next(&row, cur) == CXO_OK)
		n++;
	cxo_cursor_free(cur);
	cr_assert_eq(n, NTEXTS);
	TH_OK(cxo_db_close(copy));
	TH_OK(cxo_db_close(db));
}

Test(hostile, format_strings_in_the_actor_and_document_name_are_kept_literally)
{
	cxo_db *db = th_open();
	TH_OK(cxo_db_set_actor(db, "%s%n%x"));
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.name = "%s%n '; DROP TABLE audit; --";
	const char *doc = DOC "\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]}";
	TH_OK(cxo_import_json(NULL, db, doc, strlen(doc), &o));
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "document";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "actor"), "%s%n%x");
	cr_assert_str_eq(cxo_row_text(row, "key"), "%s%n '; DROP TABLE audit; --");
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

/* ---- ids ---- */

Test(hostile, ids_that_are_not_slugs_are_refused_naming_record_and_field)
{
	cxo_db *db = th_open();
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"a'b\",\"title\":\"x\"}"), CXO_EINVAL,
	       "topic \"a'b\".id: \"a'b\" is not an id: ''' at byte 1 is not allowed (lower-case letters, digits and . - _ /)");
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"; DROP TABLE topic; --\",\"title\":\"x\"}"), CXO_EINVAL,
	       "topic \"; DROP TABLE topic; --\".id: \"; DROP TABLE topic; --\" is not an id: it must start with a "
	       "lower-case letter");
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"x%s%n\",\"title\":\"x\"}"), CXO_EINVAL,
	       "topic \"x%s%n\".id: \"x%s%n\" is not an id: '%' at byte 1 is not allowed (lower-case letters, digits and "
	       ". - _ /)");
	TH_ERR(th_create(db, CXO_KIND_MEETING, "{\"id\":\"m\\\"1\",\"kind\":\"cto\",\"date\":\"2013\"}"), CXO_EINVAL,
	       "meeting \"m\\\"1\".id: \"m\\\"1\" is not an id: '\"' at byte 1 is not allowed (lower-case letters, digits "
	       "and . - _ /)");
	/* a reference is checked as an id too */
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, "{\"topic\":\"t\",\"meeting\":\"m' OR 1=1 --\",\"status\":\"raised\"}"),
	       CXO_EINVAL,
	       "observation \"t\" \"cto\" \"m' OR 1=1 --\".meeting: \"m' OR 1=1 --\" is not an id: ''' at byte 1 is not "
	       "allowed (lower-case letters, digits and . - _ /)");
	/* as keys of get and delete: no such record */
	cxo_row *row = (cxo_row *)1;
	const char *key[] = { "t' OR '1'='1" };
	TH_ERR(cxo_record_get(&row, db, CXO_KIND_TOPIC, key, 1), CXO_ENOTFOUND, "topic \"t' OR '1'='1\" does not exist");
	cr_assert_null(row);
	TH_ERR(cxo_record_delete(db, CXO_KIND_TOPIC, key, 1, CXO_DELETE_CASCADE), CXO_ENOTFOUND,
	       "topic \"t' OR '1'='1\" does not exist");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));

	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"a'b\",\"title\":\"x\"}]}", CXO_EINVAL,
	             "topics[0].id: \"a'b\" is not an id: ''' at byte 1 is not allowed (lower-case letters, digits and "
	             ". - _ /)");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"%s%n\",\"title\":\"x\"}]}", CXO_EINVAL,
	             "topics[0].id: \"%s%n\" is not an id: it must start with a lower-case letter");
}

/* ---- NUL bytes ---- */

Test(hostile, nul_bytes_are_refused_where_they_are)
{
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"a\\u0000b\"}]}", CXO_EFORMAT,
	             "document: line 1, column 64: \\u0000 is not allowed in a string");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"tags\":[\"x\\u0000\"]}]}", CXO_EFORMAT,
	             "document: line 1, column 76: \\u0000 is not allowed in a string");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\\u0000\":\"t\",\"title\":\"T\"}]}", CXO_EFORMAT,
	             "document: line 1, column 48: \\u0000 is not allowed in a string");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"a\0b\"}]}", CXO_EFORMAT,
	             "document: line 1, column 64: NUL byte in the document");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"ab\"}]\0}", CXO_EFORMAT,
	             "document: line 1, column 68: NUL byte in the document");
	/* the length given is the document: what follows it is not read */
	cxo_db *db = th_open();
	const char *doc = DOC "\"topics\":[{\"id\":\"t\",\"title\":\"T\"}]}\0garbage \xff";
	TH_OK(cxo_import_json(NULL, db, doc, strlen(doc), NULL));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));
	/* rows from JSON: the same */
	cxo_row *row = (cxo_row *)1;
	const char raw[] = "{\"a\":\"x\0y\"}";
	TH_ERR(cxo_row_from_json(&row, raw, sizeof raw - 1), CXO_EFORMAT, "line 1, column 8: NUL byte in the document");
	cr_assert_null(row);
	const char esc[] = "{\"a\":\"x\\u0000y\"}";
	TH_ERR(cxo_row_from_json(&row, esc, sizeof esc - 1), CXO_EFORMAT,
	       "line 1, column 8: \\u0000 is not allowed in a string");
}

/* ---- invalid UTF-8 ---- */

static const struct {
	const char *name, *bytes;
} BAD_UTF8[] = {
	{ "overlong /", "\xc0\xaf" },
	{ "overlong 3 bytes", "\xe0\x80\xaf" },
	{ "a surrogate", "\xed\xa0\x80" },
	{ "cut short", "\xe2\x82" },
	{ "a lone continuation", "\x80" },
	{ "beyond U+10FFFF", "\xf4\x90\x80\x80" },
	{ "never in UTF-8", "\xff" },
};
enum { NBAD = sizeof BAD_UTF8 / sizeof BAD_UTF8[0] };

Test(hostile, invalid_utf8_is_refused_naming_record_field_and_byte)
{
	cxo_db *db = th_open();
	for (int i = 0; i < NBAD; i++) {
		char text[32];
		snprintf(text, sizeof text, "ok %s!", BAD_UTF8[i].bytes);
		cxo_row *r = NULL;
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "id", "t"));
		TH_OK(cxo_row_set_text(r, "title", text));
		TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, r), CXO_EINVAL, "topic \"t\".title: invalid UTF-8 at byte 3");
		cxo_row_free(r);
		/* as an id: the message shows the bytes escaped */
		TH_OK(cxo_row_new(&r));
		char id[32];
		snprintf(id, sizeof id, "t%s", BAD_UTF8[i].bytes);
		TH_OK(cxo_row_set_text(r, "id", id));
		TH_OK(cxo_row_set_text(r, "title", "T"));
		int rc = cxo_record_create(db, CXO_KIND_TOPIC, r);
		cr_assert_eq(rc, CXO_EINVAL, "%s: %d %s", BAD_UTF8[i].name, rc, cxo_errmsg());
		cr_assert(strstr(cxo_errmsg(), "is not an id: byte 0x"), "%s: %s", BAD_UTF8[i].name, cxo_errmsg());
		cr_assert(strstr(cxo_errmsg(), "\"t\\x"), "%s: not escaped: %s", BAD_UTF8[i].name, cxo_errmsg());
		cxo_row_free(r);
		/* in a document */
		char doc[256];
		int len = snprintf(doc, sizeof doc, DOC "\"topics\":[{\"id\":\"t\",\"title\":\"%s\"}]}", text);
		import_fails(doc, (size_t)len, CXO_EFORMAT, "document: line 1, column 66: invalid UTF-8");
		/* the actor, a search, a point in time */
		TH_ERR(cxo_db_set_actor(db, text), CXO_EINVAL, "actor: invalid UTF-8 at byte 3");
		cxo_cursor *cur = (cxo_cursor *)1;
		TH_ERR(cxo_search(&cur, db, text, NULL), CXO_EINVAL, "search: invalid UTF-8 at byte 3");
		cr_assert_null(cur);
	}
	cxo_cursor *cur = NULL;
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = "m\xc0\xaf";
	TH_ERR(cxo_topic_history(&cur, db, NULL, &q), CXO_EINVAL,
	       "as of: \"m\\xC0\\xAF\" is neither a date nor a meeting id");
	TH_ERR(cxo_check_slug("\xff\xfe"), CXO_EINVAL, "\"\\xFF\\xFE\" is not an id: it must start with a lower-case letter");
	TH_OK(cxo_db_close(db));
	cxo_db *other = (cxo_db *)1;
	TH_ERR(cxo_db_open(&other, th_path("x\xc0\xaf.db"), CXO_OPEN_CREATE), CXO_EINVAL,
	       th_msg("cxo_db_open: the path: invalid UTF-8 at byte %zu", strlen(th_dir()) + 2));
	/* escapes that are not characters */
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"\\ud800\"}]}", CXO_EFORMAT,
	             "document: line 1, column 63: lone high surrogate in a \\u escape");
	IMPORT_FAILS(DOC "\"topics\":[{\"id\":\"t\",\"title\":\"\\udc00\"}]}", CXO_EFORMAT,
	             "document: line 1, column 63: lone low surrogate in a \\u escape");
}

/* ---- 1 MiB strings ---- */

/* A document with one topic whose description is `n` bytes of `fill` (a
 * character of `w` bytes, repeated; the last one may be "a" to make up n). */
static char *big_doc(size_t n, const char *fill, size_t *len)
{
	size_t w = strlen(fill);
	char *d = malloc(n + 256);
	cr_assert_not_null(d);
	size_t o = (size_t)sprintf(d, DOC "\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"description\":\"");
	size_t k = 0;
	for (; k + w <= n; k += w)
		memcpy(d + o + k, fill, w);
	memset(d + o + k, 'a', n - k);
	o += n;
	o += (size_t)sprintf(d + o, "\"}]}");
	*len = o;
	return d;
}

Test(hostile, a_mebibyte_string_is_stored_and_one_byte_more_is_refused)
{
	static const char *const fills[] = { "x", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80" };
	for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
		size_t len;
		char *doc = big_doc(MIB, fills[f], &len);
		cxo_db *db = th_open_new("big.db");
		TH_OK(cxo_import_json(NULL, db, doc, len, NULL));
		cxo_row *row = NULL;
		const char *key[] = { "t" };
		TH_OK(cxo_record_get(&row, db, CXO_KIND_TOPIC, key, 1));
		const char *desc = cxo_row_text(row, "description");
		cr_assert_eq(strlen(desc), (size_t)MIB);
		cr_assert(memcmp(desc, doc + (strstr(doc, "\"description\":\"") - doc) + 15, MIB) == 0);
		/* and it goes out and back in */
		char *e1 = export_all(db);
		cxo_db *copy = th_open_new("copy.db");
		TH_OK(cxo_import_json(NULL, copy, e1, strlen(e1), NULL));
		char *e2 = export_all(copy);
		cr_assert(strcmp(e1, e2) == 0, "export | import | export differs");
		free(e1);
		free(e2);
		TH_OK(cxo_db_close(copy));
		/* one byte more: refused, in a document and through the API */
		free(doc);
		doc = big_doc(MIB + 1, fills[f], &len);
		TH_ERR(cxo_import_json(NULL, db, doc, len, NULL), CXO_ELIMIT,
		       "document: line 1, column 80: a string of 1048577 bytes is longer than the limit of 1048576");
		char *text = malloc(MIB + 2);
		memcpy(text, desc, MIB);
		text[MIB] = 'a';
		text[MIB + 1] = '\0';
		cxo_row_free(row);
		TH_OK(cxo_row_new(&row));
		TH_OK(cxo_row_set_text(row, "id", "u"));
		TH_OK(cxo_row_set_text(row, "title", "U"));
		TH_OK(cxo_row_set_text(row, "description", text));
		TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, row), CXO_EINVAL,
		       "topic \"u\".description: the text is 1048577 bytes long (at most 1048576)");
		cxo_row_free(row);
		free(text);
		free(doc);
		TH_OK(cxo_db_close(db));
		unlink(th_path("big.db"));
		unlink(th_path("copy.db"));
	}
}

Test(hostile, a_mebibyte_id_is_refused_with_a_short_message)
{
	cxo_db *db = th_open();
	char *id = malloc(MIB + 1);
	memset(id, 'x', MIB);
	id[MIB] = '\0';
	cxo_row *r = NULL;
	TH_OK(cxo_row_new(&r));
	TH_OK(cxo_row_set_text(r, "id", id));
	TH_OK(cxo_row_set_text(r, "title", "T"));
	TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, r), CXO_EINVAL,
	       "topic \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\".id: "
	       "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" is not an id: it is 1048576 bytes "
	       "long (at most 128)");
	cxo_row_free(r);
	free(id);
	TH_OK(cxo_db_close(db));
}

/* ---- nesting ---- */

Test(hostile, deep_nesting_is_refused_at_the_limit)
{
	/* the document, the topics array and the topic are 3 levels: 61 more fit */
	for (int depth = 60; depth <= 62; depth++) {
		char doc[512];
		int o = sprintf(doc, DOC "\"topics\":[{\"id\":\"t\",\"title\":\"T\",\"tags\":");
		for (int i = 0; i < depth; i++)
			doc[o++] = '[';
		for (int i = 0; i < depth; i++)
			doc[o++] = ']';
		o += sprintf(doc + o, "}]}");
		if (depth <= 61)
			import_fails(doc, (size_t)o, CXO_EINVAL, "topics[0].tags[0]: expected an id, got a list");
		else
			import_fails(doc, (size_t)o, CXO_ELIMIT, "document: line 1, column 134: nesting deeper than the limit of 64");
	}
	/* a million: refused as soon as the limit is passed, without recursion */
	size_t n = 1000000;
	char *deep = malloc(n);
	memset(deep, '[', n);
	import_fails(deep, n, CXO_ELIMIT, "document: line 1, column 65: nesting deeper than the limit of 64");
	cxo_row *row = (cxo_row *)1;
	deep[0] = '{';
	TH_ERR(cxo_row_from_json(&row, deep, n), CXO_EFORMAT, "line 1, column 2: expected a key in double quotes");
	for (size_t i = 0; i + 5 <= n; i += 5)
		memcpy(deep + i, "{\"a\":", 5);
	TH_ERR(cxo_row_from_json(&row, deep, n), CXO_ELIMIT, "line 1, column 321: nesting deeper than the limit of 64");
	cr_assert_null(row);
	free(deep);
}

/* ---- numbers ---- */

Test(hostile, numbers_an_integer_field_cannot_hold_are_refused)
{
#define MEETING(v) DOC "\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\",\"participants\":" v "}]}"
	IMPORT_FAILS(MEETING("1e999999"), CXO_EFORMAT,
	             "meetings[0].participants: an infinite number is not an integer (within +-2^53)");
	IMPORT_FAILS(MEETING("-1e999999"), CXO_EFORMAT,
	             "meetings[0].participants: an infinite number is not an integer (within +-2^53)");
	IMPORT_FAILS(MEETING("9223372036854775808"), CXO_EFORMAT,
	             "meetings[0].participants: the number is not an integer (within +-2^53)");
	IMPORT_FAILS(MEETING("9007199254740993"), CXO_EFORMAT,
	             "meetings[0].participants: the number is not an integer (within +-2^53)");
	IMPORT_FAILS(MEETING("2.5"), CXO_EFORMAT, "meetings[0].participants: the number is not an integer (within +-2^53)");
	IMPORT_FAILS(MEETING("2147483648"), CXO_EINVAL,
	             "meetings[0].participants: 2147483648 is too large (at most 2147483647)");
	IMPORT_FAILS(MEETING("-1"), CXO_EINVAL, "meetings[0].participants: -1 is negative");
	IMPORT_FAILS(DOC "\"meetings\":[{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\",\"ordinal\":9007199254740992}]}",
	             CXO_EFORMAT, "meetings[0].ordinal: the number is not an integer (within +-2^53)");
	IMPORT_FAILS("{\"format\":\"cxotrack\",\"version\":1e999999}", CXO_EFORMAT,
	             "version: expected a version number (1)");
#undef MEETING
	/* through the API: the same limits */
	cxo_db *db = th_open();
	const int64_t values[] = { INT64_MAX, INT64_MIN, 2147483648LL };
	const char *const msgs[] = {
		"meeting \"m\".participants: 9223372036854775807 is too large (at most 2147483647)",
		"meeting \"m\".participants: -9223372036854775808 is negative",
		"meeting \"m\".participants: 2147483648 is too large (at most 2147483647)",
	};
	for (int i = 0; i < 3; i++) {
		cxo_row *r = NULL;
		TH_OK(cxo_row_new(&r));
		TH_OK(cxo_row_set_text(r, "id", "m"));
		TH_OK(cxo_row_set_text(r, "kind", "cto"));
		TH_OK(cxo_row_set_text(r, "date", "2013"));
		TH_OK(cxo_row_set_int(r, "participants", values[i]));
		TH_ERR(cxo_record_create(db, CXO_KIND_MEETING, r), CXO_EINVAL, msgs[i]);
		cxo_row_free(r);
	}
	/* what fits goes out and back in */
	TH_CREATE(db, CXO_KIND_MEETING,
	          "{\"id\":\"m\",\"kind\":\"cto\",\"date\":\"2013\",\"ordinal\":2147483647,\"participants\":2147483647}");
	char *e1 = export_all(db);
	cxo_db *copy = th_open_new("copy.db");
	TH_OK(cxo_import_json(NULL, copy, e1, strlen(e1), NULL));
	char *e2 = export_all(copy);
	cr_assert_str_eq(e2, e1);
	free(e1);
	free(e2);
	TH_OK(cxo_db_close(copy));
	TH_OK(cxo_db_close(db));
}

/* ---- searches and filters ---- */

Test(hostile, query_syntax_in_a_search_is_text)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"title near OR and\",\"description\":\"x y\"}");
	static const char *const words[] = {
		"a\"b", "NEAR(a b)", "a OR b", "title:near", "-x", "^x", "%s%n", "AND", "a:b:c", "{title body}:x",
		"x*", "OR", "NOT near", "near AND", "\"title\"", "'; DROP TABLE search; --", "title near OR and",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		cxo_cursor *cur = NULL;
		int rc = cxo_search(&cur, db, words[i], NULL);
		cr_assert_eq(rc, CXO_OK, "search %s: %d %s", words[i], rc, cxo_errmsg());
		cxo_cursor_free(cur);
	}
	/* every word must match, as a word */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_search(&cur, db, "title:near", NULL));
	TH_STR_EQ_FREE(th_cursor_json(cur), "[{\"kind\":\"topic\",\"key\":\"t\",\"title\":\"title near OR and\","
	                                    "\"snippet\":\"[title near] OR and\",\"rank\":-1}]");
	static const char *const nothing[] = { "\"", "*", "(", ")", "'", "  ", "\"\"\"\"", "-", "^", ":" };
	for (size_t i = 0; i < sizeof nothing / sizeof nothing[0]; i++) {
		cur = (cxo_cursor *)1;
		TH_ERR(cxo_search(&cur, db, nothing[i], NULL), CXO_EINVAL, "search: the text has no word");
		cr_assert_null(cur);
	}
	/* filters are values, never SQL */
	cxo_query q = CXO_QUERY_INIT;
	q.status = "'; DROP TABLE topic; --";
	cur = NULL;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_TOPIC, &q), CXO_EINVAL,
	       "status: \"'; DROP TABLE topic; --\" is not a status of lifecycle \"cto\"");
	q = (cxo_query)CXO_QUERY_INIT;
	q.owner = "x' OR '1'='1";
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_ACTION, &q));
	TH_STR_EQ_FREE(th_cursor_json(cur), "[]");
	q = (cxo_query)CXO_QUERY_INIT;
	q.key = "'; DROP TABLE audit; --";
	TH_OK(cxo_audit_list(&cur, db, &q));
	TH_STR_EQ_FREE(th_cursor_json(cur), "[]");
	q.key = NULL;
	q.since = "2013' OR 1=1";
	TH_ERR(cxo_audit_list(&cur, db, &q), CXO_EINVAL,
	       "since: \"2013' OR 1=1\" is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"),
	          "{\"id\":\"t\",\"title\":\"title near OR and\",\"description\":\"x y\"}");
	TH_OK(cxo_db_close(db));
}

/* ---- paths ---- */

Test(hostile, a_backup_never_replaces_the_files_sqlite_keeps_beside_the_database)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	const char *path = th_path("test.db");
	static const char *const side[][2] = {
		{ "-wal", "write-ahead log" }, { "-shm", "shared-memory index" }, { "-journal", "journal" }
	};
	for (int i = 0; i < 3; i++) {
		const char *target = th_msg("%s%s", path, side[i][0]);
		char copy[4200];
		snprintf(copy, sizeof copy, "%s", target);
		TH_ERR(cxo_db_backup(db, copy), CXO_EINVAL,
		       th_msg("backup: %s is the database's %s", copy, side[i][1]));
	}
	/* the same file under another name */
	const char *other = th_msg("%s//test.db-wal", th_dir());
	char copy[4200];
	snprintf(copy, sizeof copy, "%s", other);
	TH_ERR(cxo_db_backup(db, copy), CXO_EINVAL, th_msg("backup: %s is the database's write-ahead log", copy));
	TH_OK(cxo_db_close(db));
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));
}
