/* Fuzzing the JSON import (cxo_import_json).
 *
 * Every input is first imported with CXO_IMPORT_CHECK into an empty database
 * kept for the whole run (a check writes nothing), then for real:
 * - if the check failed, the real import into the same database must fail
 *   with the same code and message, and leave it empty;
 * - if it succeeded, the real import into a new database must succeed with
 *   the same result; then its export, imported into another new database and
 *   exported again, gives the same bytes; and importing the input a second
 *   time changes nothing and leaves the same export.
 * A document refused only for an unknown key goes through the same in lenient
 * mode. After a successful import, the parts of the database that export
 * writes for its first meeting and its first topic, imported back into it,
 * change nothing. A result code outside those an import may return is a
 * finding too. */
#include "fuzz.h"

#include <string.h>

static cxo_db *empty;
static char *empty_export;
static size_t empty_export_len;

static cxo_db *open_new(void)
{
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, ":memory:", CXO_OPEN_CREATE);
	FUZZ_CHECK(rc == CXO_OK, "cxo_db_open(:memory:): %d %s", rc, cxo_errmsg());
	return db;
}

static char *export_all(cxo_db *db, size_t *len)
{
	cxo_buffer *b = NULL;
	FUZZ_CHECK(cxo_buffer_new(&b) == CXO_OK, "cxo_buffer_new");
	int rc = cxo_export_json(db, NULL, cxo_buffer_write, b);
	FUZZ_CHECK(rc == CXO_OK, "cxo_export_json: %d %s", rc, cxo_errmsg());
	const char *data = cxo_buffer_data(b, len);
	char *copy = malloc(*len + 1);
	FUZZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, data, *len + 1);
	cxo_buffer_free(b);
	return copy;
}

static char *result_json(const cxo_row *res)
{
	char *json = NULL;
	size_t len;
	int rc = cxo_row_to_json(&json, &len, res);
	FUZZ_CHECK(rc == CXO_OK, "cxo_row_to_json: %d %s", rc, cxo_errmsg());
	return json;
}

/* The codes an import may fail with, for any document. */
static int expected_failure(int rc)
{
	return rc == CXO_EINVAL || rc == CXO_ENOTFOUND || rc == CXO_EFORMAT || rc == CXO_ELIMIT ||
	       rc == CXO_ECONSTRAINT || rc == CXO_EEXISTS || rc == CXO_EVERSION;
}

static int import(cxo_row **res, cxo_db *db, const char *doc, size_t len, uint32_t flags)
{
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = flags;
	*res = NULL;
	return cxo_import_json(res, db, doc, len, &o);
}

/* The result of a second import of the same document: nothing created,
 * updated or deleted. */
static void assert_unchanged(const cxo_row *res)
{
	static const char *const which[] = { "created", "updated", "deleted" };
	for (int w = 0; w < 3; w++) {
		const cxo_row *counts = cxo_row_child(res, which[w]);
		for (size_t i = 0; i < cxo_row_size(counts); i++)
			FUZZ_CHECK(cxo_row_int_at(counts, i) == 0, "importing the document again: %s %s = %lld", which[w],
			           cxo_row_name(counts, i), (long long)cxo_row_int_at(counts, i));
	}
}

/* Export the part of `db` for its first record of `kind` (meeting or topic),
 * import it back: nothing changes. */
static void part_round_trip(cxo_db *db, cxo_kind kind)
{
	cxo_cursor *cur = NULL;
	int rc = cxo_record_list(&cur, db, kind, NULL);
	FUZZ_CHECK(rc == CXO_OK, "cxo_record_list: %d %s", rc, cxo_errmsg());
	const cxo_row *row;
	rc = cxo_cursor_next(&row, cur);
	FUZZ_CHECK(rc == CXO_OK || rc == CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	if (rc == CXO_DONE) {
		cxo_cursor_free(cur);
		return;
	}
	char *id = strdup(cxo_row_text(row, "id"));
	cxo_cursor_free(cur);
	cxo_export_options eo = CXO_EXPORT_OPTIONS_INIT;
	if (kind == CXO_KIND_MEETING)
		eo.meeting = id;
	else
		eo.topic = id;
	cxo_buffer *b = NULL;
	FUZZ_CHECK(cxo_buffer_new(&b) == CXO_OK, "cxo_buffer_new");
	rc = cxo_export_json(db, &eo, cxo_buffer_write, b);
	FUZZ_CHECK(rc == CXO_OK, "exporting %s %s: %d %s", cxo_kind_name(kind), id, rc, cxo_errmsg());
	size_t len;
	const char *part = cxo_buffer_data(b, &len);
	cxo_row *res = NULL;
	rc = import(&res, db, part, len, 0);
	FUZZ_CHECK(rc == CXO_OK || rc == CXO_WARNED, "importing the part of %s %s back: %d %s\n%s", cxo_kind_name(kind),
	           id, rc, cxo_errmsg(), part);
	assert_unchanged(res);
	cxo_row_free(res);
	cxo_buffer_free(b);
	free(id);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	empty = open_new();
	empty_export = export_all(empty, &empty_export_len);
	return 0;
}

static int one(const char *doc, size_t size, uint32_t flags);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *doc = (const char *)data;
	/* refused for an unknown key: lenient mode skips it */
	if (one(doc, size, 0) < 0 && strstr(cxo_errmsg(), "unknown key"))
		one(doc, size, CXO_IMPORT_LENIENT);
	return 0;
}

/* Returns the check's result (its message in cxo_errmsg() if it failed). */
static int one(const char *doc, size_t size, uint32_t flags)
{
	cxo_row *checked = NULL;
	int crc = import(&checked, empty, doc, size, CXO_IMPORT_CHECK | flags);
	if (crc < 0) {
		FUZZ_CHECK(expected_failure(crc), "check: unexpected result %d (%s): %s", crc, cxo_errstr(crc), cxo_errmsg());
		fuzz_check_error(crc, "check");
		FUZZ_CHECK(checked == NULL, "check: a result row after a failure");
		char *msg = strdup(cxo_errmsg());
		cxo_row *res = NULL;
		int rc = import(&res, empty, doc, size, flags);
		FUZZ_CHECK(rc == crc && strcmp(msg, cxo_errmsg()) == 0,
		           "the check failed with %d \"%s\", the import gave %d \"%s\"", crc, msg, rc,
		           rc ? cxo_errmsg() : "");
		free(msg);
		size_t len;
		char *after = export_all(empty, &len);
		FUZZ_CHECK(len == empty_export_len && memcmp(after, empty_export, len) == 0,
		           "a failed import changed the database:\n%s", after);
		free(after);
		/* the error stays the import's, for the caller to read */
		import(&res, empty, doc, size, CXO_IMPORT_CHECK | flags);
		return crc;
	}
	FUZZ_CHECK(crc == CXO_OK || crc == CXO_WARNED, "check: unexpected result %d", crc);
	FUZZ_CHECK(checked != NULL, "check: no result row");
	char *checked_json = result_json(checked);
	cxo_row_free(checked);

	/* for real, in a new database */
	cxo_db *a = open_new();
	cxo_row *res = NULL;
	int rc = import(&res, a, doc, size, flags);
	FUZZ_CHECK(rc == crc, "the check gave %d, the import %d (%s)", crc, rc, cxo_errmsg());
	char *res_json = result_json(res);
	FUZZ_CHECK(strcmp(res_json, checked_json) == 0, "the check said\n%s\nthe import did\n%s", checked_json,
	           res_json);
	cxo_free(res_json);
	cxo_free(checked_json);
	cxo_row_free(res);

	/* export, import the export into a new database, export again */
	size_t len1, len2, len3;
	char *e1 = export_all(a, &len1);
	cxo_db *b = open_new();
	rc = import(&res, b, e1, len1, 0);
	FUZZ_CHECK(rc == CXO_OK || rc == CXO_WARNED, "importing the export failed: %d %s\n%s", rc, cxo_errmsg(), e1);
	cxo_row_free(res);
	char *e2 = export_all(b, &len2);
	FUZZ_CHECK(len1 == len2 && memcmp(e1, e2, len1) == 0, "export | import | export differs:\n%s\n----\n%s", e1,
	           e2);
	free(e2);
	cxo_db_close(b);

	/* the same document again changes nothing */
	rc = import(&res, a, doc, size, flags);
	FUZZ_CHECK(rc == CXO_OK || rc == CXO_WARNED, "importing the document again failed: %d %s", rc, cxo_errmsg());
	assert_unchanged(res);
	cxo_row_free(res);
	char *e3 = export_all(a, &len3);
	FUZZ_CHECK(len1 == len3 && memcmp(e1, e3, len1) == 0, "importing the document again changed the export");
	free(e3);
	free(e1);
	part_round_trip(a, CXO_KIND_MEETING);
	part_round_trip(a, CXO_KIND_TOPIC);
	FUZZ_CHECK(cxo_db_close(a) == CXO_OK, "cxo_db_close: %s", cxo_errmsg());
	return crc;
}
