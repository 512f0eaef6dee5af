/* Untrusted files, beyond what test_db.c covers (another application's file,
 * random bytes, an empty file, a newer schema, objects planted in a current
 * file): files cut short or with damaged pages are refused or read safely;
 * objects planted in an older file are refused before any migration touches
 * it; planted names are quoted in the message; a trigger planted while a
 * handle is open never runs; objects of ours redefined are read safely; and a
 * read-only handle never writes the file, whatever it reads (every list,
 * history, search, audit, export and report). */
#include "helpers.h"
#include "sqlite_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

TestSuite(untrusted, .init = th_setup, .fini = th_teardown, .timeout = 600);

/* ---- helpers ---- */

/* tests/data/<rel>, found from this file's own path */
static const char *data_path(const char *rel)
{
	static char buf[4][4096];
	static int next;
	char *b = buf[next++ % 4];
	const char *end = strstr(__FILE__, "/c/test_untrusted.c");
	cr_assert_not_null(end, "cannot find tests/ from %s", __FILE__);
	snprintf(b, sizeof buf[0], "%.*s/data/%s", (int)(end - __FILE__), __FILE__, rel);
	return b;
}

/* A closed database at th_path(name) holding tests/data/interchange/rich.json
 * (every kind of record). */
static const char *dataset_db(const char *name)
{
	static char paths[4][4200];
	static int next;
	cxo_db *db = th_open_new(name);
	const char *doc = data_path("interchange/rich.json");
	int rc = cxo_import_files(NULL, db, &doc, 1, NULL);
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "importing %s: %s", doc, cxo_errmsg());
	TH_OK(cxo_db_close(db));
	/* th_path() rotates its buffers: this one stays */
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s", th_path(name));
	return p;
}

/* A file's bytes and modification time. */
typedef struct snapshot {
	void *data;
	size_t len;
	struct timespec mtime;
} snapshot;

static snapshot snap(const char *path)
{
	snapshot s;
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	s.mtime = st.st_mtim;
	s.data = th_slurp(path, &s.len);
	return s;
}

/* The file holds the bytes of the snapshot (which is freed) and was not
 * written since (same modification time). */
static void assert_unchanged(const char *path, snapshot s)
{
	size_t len;
	void *now = th_slurp(path, &len);
	cr_assert_eq(len, s.len, "%s changed size: %zu bytes, was %zu", path, len, s.len);
	cr_assert(memcmp(now, s.data, len) == 0, "%s changed", path);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert(st.st_mtim.tv_sec == s.mtime.tv_sec && st.st_mtim.tv_nsec == s.mtime.tv_nsec,
	          "%s was written (its modification time changed)", path);
	free(now);
	free(s.data);
}

static void open_fails(const char *path, uint32_t flags, int code, const char *msg)
{
	cxo_db *db = (cxo_db *)1;
	int rc = cxo_db_open(&db, path, flags);
	cr_assert_eq(rc, code, "cxo_db_open(%s, 0x%X) returned %d, expected %d: %s", path, flags, rc, code,
	             cxo_errmsg());
	cr_assert_null(db);
	cr_assert_eq(cxo_errcode(), code);
	cr_assert_str_eq(cxo_errmsg(), msg);
}

/* The result of one operation on a possibly damaged file: success, or one of
 * the failures a damaged file may give, with a message. Returns 1 on success. */
static int outcome(int rc, const char *what, int allow_missing)
{
	if (rc >= 0)
		return 1;
	cr_assert(rc == CXO_ESTORAGE || rc == CXO_EFORMAT || rc == CXO_ESCHEMA || rc == CXO_EVERSION ||
	              (allow_missing && (rc == CXO_ENOTFOUND || rc == CXO_EINVAL || rc == CXO_ECONSTRAINT)),
	          "%s: unexpected result %d (%s): %s", what, rc, cxo_errstr(rc), cxo_errmsg());
	cr_assert_eq(cxo_errcode(), rc, "%s: cxo_errcode() is %d, returned %d", what, cxo_errcode(), rc);
	cr_assert(cxo_errmsg()[0] != '\0', "%s: no message", what);
	return 0;
}

static int drain(cxo_cursor *cur)
{
	char *json = NULL;
	size_t len;
	int rc = cxo_cursor_json(&json, &len, cur);
	cxo_free(json);
	cxo_cursor_free(cur);
	return rc;
}

static int sink_count(void *ctx, const void *data, size_t len)
{
	(void)data;
	*(size_t *)ctx += len;
	return 0;
}

/* Every reading operation of the API on `db`; `strict`: each must succeed
 * (but CSV of a report that is not tabular, refused with CXO_EINVAL); else
 * each must succeed or fail as a damaged file may (see outcome()). Returns
 * the number of operations run (a backup too, when strict). */
static int read_everything(cxo_db *db, int strict)
{
	int n = 0, rc;
	cxo_cursor *cur;
#define READ(expr, what)                                                                                  \
	do {                                                                                                  \
		rc = (expr);                                                                                      \
		n++;                                                                                              \
		if (strict)                                                                                       \
			cr_assert(rc >= 0, "%s: %d %s", what, rc, cxo_errmsg());                                      \
		else                                                                                              \
			outcome(rc, what, 1);                                                                         \
	} while (0)
	for (int kind = CXO_KIND_MEETING; kind <= CXO_KIND_ATTENDANCE; kind++) {
		cur = NULL;
		READ(cxo_record_list(&cur, db, (cxo_kind)kind, NULL), cxo_kind_name(kind));
		if (cur)
			READ(drain(cur), cxo_kind_name(kind));
	}
	static const struct {
		cxo_kind kind;
		const char *key[3];
		size_t n;
	} records[] = {
		{ CXO_KIND_TOPIC, { "imt-2020" }, 1 },
		{ CXO_KIND_MEETING, { "cto-2015-budapest" }, 1 },
		{ CXO_KIND_LIFECYCLE, { "cto" }, 1 },
		{ CXO_KIND_CONCLUSION, { "cto-2013-bangkok/3" }, 1 },
		{ CXO_KIND_ITEM, { "fg", "fg-ml5g" }, 2 },
		{ CXO_KIND_ORGANIZATION, { "ntt" }, 1 },
	};
	for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
		cxo_row *row = NULL;
		READ(cxo_record_get(&row, db, records[i].kind, records[i].key, records[i].n), "cxo_record_get");
		cxo_row_free(row);
	}
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_LINEAGE;
	cur = NULL;
	READ(cxo_topic_history(&cur, db, NULL, &q), "cxo_topic_history");
	if (cur)
		READ(drain(cur), "cxo_topic_history");
	q.as_of = "2016";
	cur = NULL;
	READ(cxo_topic_history(&cur, db, "ai-networks", &q), "cxo_topic_history as of 2016");
	if (cur)
		READ(drain(cur), "cxo_topic_history as of 2016");
	cur = NULL;
	READ(cxo_search(&cur, db, "network", NULL), "cxo_search");
	if (cur)
		READ(drain(cur), "cxo_search");
	cur = NULL;
	READ(cxo_audit_list(&cur, db, NULL), "cxo_audit_list");
	if (cur)
		READ(drain(cur), "cxo_audit_list");
	size_t bytes = 0;
	READ(cxo_export_json(db, NULL, sink_count, &bytes), "cxo_export_json");
	cxo_export_options eo = CXO_EXPORT_OPTIONS_INIT;
	eo.meeting = "cto-2015-budapest";
	READ(cxo_export_json(db, &eo, sink_count, &bytes), "cxo_export_json --meeting");
	eo.meeting = NULL;
	eo.topic = "ai-networks";
	READ(cxo_export_json(db, &eo, sink_count, &bytes), "cxo_export_json --topic");
	for (int kind = CXO_REPORT_TSAG; kind <= CXO_REPORT_LINT; kind++) {
		for (int format = CXO_FORMAT_JSON; format <= CXO_FORMAT_HTML; format++) {
			cxo_report_options ro = CXO_REPORT_OPTIONS_INIT;
			ro.kind = kind;
			ro.format = format;
			if (kind == CXO_REPORT_TSAG || kind == CXO_REPORT_AGENDA)
				ro.meeting = kind == CXO_REPORT_AGENDA ? "cto-2030-tokyo" : "cto-2015-budapest";
			if (kind == CXO_REPORT_PERIOD || kind == CXO_REPORT_DIFF) {
				ro.from = "cto-2012-dubai";
				ro.to = "cto-2015-budapest";
			}
			rc = cxo_report(db, &ro, sink_count, &bytes);
			n++;
			int tabular = kind == CXO_REPORT_MATRIX || kind == CXO_REPORT_DIFF || kind == CXO_REPORT_FOLLOWUP ||
			              kind == CXO_REPORT_PARTICIPATION;
			if (strict && format == CXO_FORMAT_CSV && !tabular)
				cr_assert_eq(rc, CXO_EINVAL, "report %s csv: %d %s", cxo_report_name(kind), rc, cxo_errmsg());
			else if (strict)
				cr_assert(rc >= 0, "report %s %s: %d %s", cxo_report_name(kind), cxo_format_name(format), rc,
				          cxo_errmsg());
			else
				outcome(rc, cxo_report_name(kind), 1);
		}
	}
	if (strict) { /* (a backup syncs the copy to disk: slow in the loops) */
		READ(cxo_db_backup(db, th_path("copy.db")), "cxo_db_backup");
		unlink(th_path("copy.db"));
	}
#undef READ
	return n;
}

/* What a writing handle may try on a damaged file: a small import. */
static void write_something(cxo_db *db)
{
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"new-topic\",\"title\":\"New\"}],"
	                  "\"observations\":[{\"topic\":\"imt-2020\",\"meeting\":\"cto-2030-tokyo\",\"status\":\"closed\"}]}";
	outcome(cxo_import_json(NULL, db, doc, strlen(doc), NULL), "cxo_import_json", 1);
}

/* ---- files cut short ---- */

Test(untrusted, a_file_cut_short_is_refused_as_damaged_or_read_safely)
{
	const char *whole = dataset_db("whole.db");
	size_t size;
	char *bytes = th_slurp(whole, &size);
	cr_assert_gt(size, 16 * 4096);
	char path[4200];
	snprintf(path, sizeof path, "%s", th_path("cut.db"));
	char damaged[4300];
	snprintf(damaged, sizeof damaged, "%s is damaged: database disk image is malformed", path);
	/* cut inside the header, after it, after the first page, in the middle,
	 * before the last page, in the last page */
	const size_t cuts[] = { 1, 16, 23, 24, 99, 100, 1000, 4096, 4097, 8192, size / 2, size - 4096, size - 1 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		th_write_file(path, bytes, cuts[i]);
		snapshot s = snap(path);
		cxo_db *db = NULL;
		int rc = cxo_db_open(&db, path, CXO_OPEN_READONLY);
		if (cuts[i] < 24) {
			/* not even the part of the SQLite header that SQLite checks:
			 * neither read nor initialised over (one byte SQLite would take
			 * for an empty database) */
			const char *msg = cuts[i] == 1
			                      ? th_msg("%s is not a cxotrack database (1 byte, too short for a SQLite file)", path)
			                      : th_msg("%s is not a cxotrack database (not a SQLite file)", path);
			cr_assert_eq(rc, CXO_EFORMAT, "cut at %zu: %d %s", cuts[i], rc, cxo_errmsg());
			cr_assert_str_eq(cxo_errmsg(), msg);
			open_fails(path, CXO_OPEN_CREATE, CXO_EFORMAT, msg);
		} else if (cuts[i] < size - 4096) {
			/* the pages the schema needs are gone */
			cr_assert_eq(rc, CXO_ESTORAGE, "cut at %zu: %d %s", cuts[i], rc, cxo_errmsg());
			cr_assert_str_eq(cxo_errmsg(), damaged);
		} else if (rc == CXO_OK) {
			/* some pages are gone: what is left reads, or fails as damaged */
			read_everything(db, 0);
			TH_OK(cxo_db_close(db));
		} else {
			outcome(rc, "cxo_db_open", 0);
		}
		assert_unchanged(path, s);
		/* a writing handle: refused the same way, or it writes what it can */
		s = snap(path);
		rc = cxo_db_open(&db, path, CXO_OPEN_READWRITE);
		if (rc == CXO_OK) {
			write_something(db);
			TH_OK(cxo_db_close(db));
			free(s.data);
		} else {
			outcome(rc, "cxo_db_open", 0);
			assert_unchanged(path, s);
		}
		unlink(path);
	}
	free(bytes);
}

/* ---- damaged pages ---- */

static uint32_t xorshift(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

Test(untrusted, damaged_pages_are_refused_or_read_safely)
{
	const char *whole = dataset_db("whole.db");
	size_t size;
	unsigned char *bytes = th_slurp(whole, &size);
	enum { PAGE = 4096 };
	size_t pages = size / PAGE;
	char path[4200];
	snprintf(path, sizeof path, "%s", th_path("damaged.db"));
	unsigned char *copy = malloc(size);
	cr_assert_not_null(copy);
	uint32_t x = 2463534242u;
	int variants = 0, opened = 0, ops = 0;
	/* every page (every 8th under valgrind, 30 times slower): zeroed, random
	 * bytes, or 32 bytes changed here and there; a writing handle tries an
	 * import into every 4th page of random bytes (each write syncs) */
	size_t step = RUNNING_ON_VALGRIND ? 8 : 1;
	for (size_t p = 0; p < pages; p += step) {
		for (int how = 0; how < 3; how++) {
			memcpy(copy, bytes, size);
			unsigned char *page = copy + p * PAGE;
			size_t from = p == 0 ? 100 : 0; /* keep the SQLite header: past it is what we test */
			if (how == 0)
				memset(page + from, 0, PAGE - from);
			else if (how == 1)
				for (size_t i = from; i < PAGE; i++)
					page[i] = (unsigned char)xorshift(&x);
			else
				for (int k = 0; k < 32; k++)
					page[from + xorshift(&x) % (PAGE - from)] ^= (unsigned char)(1 + xorshift(&x) % 255);
			th_write_file(path, copy, size);
			variants++;
			cxo_db *db = NULL;
			int rc = cxo_db_open(&db, path, CXO_OPEN_READONLY);
			if (outcome(rc, "cxo_db_open", 0)) {
				opened++;
				ops += read_everything(db, 0);
				TH_OK(cxo_db_close(db));
				int write = how == 1 && p % 4 == 0;
				rc = write ? cxo_db_open(&db, path, CXO_OPEN_READWRITE) : CXO_ESTORAGE;
				if (write && outcome(rc, "cxo_db_open", 0)) {
					write_something(db);
					TH_OK(cxo_db_close(db));
				}
			}
			unlink(path);
		}
	}
	cr_log_info("%d damaged files (%zu pages x 3), %d opened, %d reading operations", variants, pages, opened, ops);
	free(copy);
	free(bytes);
}

/* ---- planted objects ---- */

/* A version-1 database (tests/data/schema-v1.sql) at th_path(name). */
static const char *v1_file(const char *name)
{
	size_t len;
	char *sql = th_slurp(data_path("schema-v1.sql"), &len);
	sql = realloc(sql, len + 1);
	cr_assert_not_null(sql);
	sql[len] = '\0';
	const char *path = th_path(name);
	th_sq_exec(path, sql);
	free(sql);
	return path;
}

Test(untrusted, objects_planted_in_an_older_file_are_refused_before_migrating)
{
	const char *path = v1_file("v1.db");
	th_sq_exec(path, "CREATE TABLE evidence (what TEXT);"
	              "CREATE TRIGGER spy AFTER UPDATE ON topic BEGIN INSERT INTO evidence VALUES ('spy ran'); END;"
	              "CREATE VIEW peek AS SELECT slug FROM topic;");
	snapshot s = snap(path);
	const char *msg = th_msg("%s holds objects cxotrack did not create: table \"evidence\", trigger \"spy\", "
	                         "view \"peek\"; refusing to use it",
	                         path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_ESCHEMA, msg);
	/* not migrated, not written at all */
	assert_unchanged(path, s);
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 1);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM evidence"), 0);
}

Test(untrusted, planted_names_are_quoted_and_escaped_in_the_message)
{
	const char *path = dataset_db("test.db");
	th_sq_exec(path, "CREATE TABLE \"x\"\"; DROP TABLE topic; --\" (a);"
	              "CREATE VIEW \"two\nlines\" AS SELECT 1;"
	              "CREATE TABLE \"%s%n%x\" (a);"
	              "CREATE TABLE \"\xff\xfe not UTF-8\" (a);"
	              "CREATE INDEX \"caf\xc3\xa9 \xe2\x98\x95\" ON topic (title);"
	              "CREATE TABLE \"a very long name, longer than any message should repeat in full, "
	              "because a name may be a megabyte\" (a);");
	snapshot s = snap(path);
	const char *msg = th_msg(
		"%s holds objects cxotrack did not create: table \"x\\\"; DROP TABLE topic; --\", view \"two\\x0Alines\", "
		"table \"%%s%%n%%x\", table \"\\xFF\\xFE not UTF-8\", index \"caf\xc3\xa9 \xe2\x98\x95\", "
		"table \"a very long name, longer than any message should repeat in f...\"; refusing to use it",
		path);
	open_fails(path, CXO_OPEN_READONLY, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA, msg);
	assert_unchanged(path, s);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM topic"), 9);
}

Test(untrusted, a_trigger_planted_while_a_handle_is_open_never_runs)
{
	const char *path = dataset_db("test.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	/* another program plants a trigger on every table we write, and a table
	 * for its evidence, after our handle checked the schema */
	th_sq_exec(path, "CREATE TABLE evidence (what TEXT);"
	              "CREATE TRIGGER t1 AFTER INSERT ON topic BEGIN INSERT INTO evidence VALUES ('insert topic'); END;"
	              "CREATE TRIGGER t2 BEFORE UPDATE ON topic BEGIN INSERT INTO evidence VALUES ('update topic'); END;"
	              "CREATE TRIGGER t3 AFTER DELETE ON observation BEGIN INSERT INTO evidence VALUES ('delete'); END;"
	              "CREATE TRIGGER t4 AFTER INSERT ON audit BEGIN INSERT INTO evidence VALUES ('audit'); END;"
	              "CREATE TRIGGER t5 AFTER INSERT ON observation BEGIN DELETE FROM topic; END;");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"planted-after\",\"title\":\"T\"}");
	TH_UPDATE(db, CXO_KIND_TOPIC, "{\"id\":\"imt-2020\",\"title\":\"Changed\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION,
	          "{\"topic\":\"planted-after\",\"meeting\":\"cto-2030-tokyo\",\"status\":\"raised\"}");
	const char *key[] = { "planted-after", "cto", "cto-2030-tokyo" };
	TH_OK(cxo_record_delete(db, CXO_KIND_OBSERVATION, key, 3, 0));
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"imported\",\"title\":\"I\"}]}";
	TH_OK(cxo_import_json(NULL, db, doc, strlen(doc), NULL));
	TH_OK(cxo_db_close(db));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM evidence"), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM topic"), 11);
	/* and the file is refused from now on */
	open_fails(path, CXO_OPEN_READONLY, CXO_ESCHEMA,
	           th_msg("%s holds objects cxotrack did not create: table \"evidence\", trigger \"t1\", trigger \"t2\", "
	                  "trigger \"t3\", trigger \"t4\", trigger \"t5\"; refusing to use it",
	                  path));
}

/* A trigger runs by itself whenever its table is written: one of ours
 * rewritten under its own name is refused like one planted, and one dropped
 * leaves the file damaged. */
Test(untrusted, a_trigger_of_ours_rewritten_or_dropped_is_refused)
{
	const char *path = dataset_db("test.db");
	th_sq_exec(path, "DROP TRIGGER observed_topic;"
	                 " CREATE TRIGGER observed_topic BEFORE DELETE ON topic BEGIN DELETE FROM audit; END;");
	snapshot s = snap(path);
	const char *msg = th_msg("%s holds objects cxotrack did not create: trigger \"observed_topic\"; refusing to use it",
	                         path);
	open_fails(path, CXO_OPEN_READONLY, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA, msg);
	assert_unchanged(path, s);
	th_sq_exec(path, "DROP TRIGGER observed_topic");
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA,
	           th_msg("%s lacks the trigger \"observed_topic\" of schema version 6; the file is damaged", path));
}

/* Objects of ours that someone dropped and created again differently: the
 * names are right, so the file opens; it must still be read safely. */
static void redefined(const char *sql)
{
	const char *path = dataset_db("test.db");
	th_sq_exec(path, sql);
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, path, CXO_OPEN_READONLY);
	if (outcome(rc, "cxo_db_open", 0)) {
		read_everything(db, 0);
		TH_OK(cxo_db_close(db));
	}
	rc = cxo_db_open(&db, path, CXO_OPEN_READWRITE);
	if (outcome(rc, "cxo_db_open", 0)) {
		write_something(db);
		TH_OK(cxo_db_close(db));
	}
}

Test(untrusted, an_index_of_ours_on_another_table_is_read_safely)
{
	redefined("DROP INDEX audit_parent; CREATE UNIQUE INDEX audit_parent ON topic (title);");
}

Test(untrusted, a_table_of_ours_with_other_columns_is_read_safely)
{
	redefined("PRAGMA foreign_keys = OFF; DROP TABLE topic_alias;"
	          "CREATE TABLE topic_alias (x TEXT CHECK (x <> 'forbidden'));");
}

Test(untrusted, the_search_index_replaced_by_another_virtual_table_is_read_safely)
{
	redefined("DROP TABLE search; CREATE VIRTUAL TABLE search USING fts5(a, b, c, d, e);");
}

/* ---- read-only handles ---- */

Test(untrusted, a_read_only_handle_never_writes_the_file)
{
	const char *path = dataset_db("test.db");
	snapshot s = snap(path);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	int n = read_everything(db, 1);
	cr_assert_geq(n, 70);
	/* every way of writing is refused before it starts */
	const char *ro = th_msg("%s is open read-only", path);
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"x\",\"title\":\"X\"}]}";
	TH_ERR(cxo_import_json(NULL, db, doc, strlen(doc), NULL), CXO_EREADONLY, th_msg("cxo_import: %s", ro));
	TH_ERR(cxo_topic_rename(db, "imt-2020", "imt-2030", NULL, NULL), CXO_EREADONLY,
	       th_msg("cxo_topic_rename: %s", ro));
	TH_ERR(cxo_db_begin(db), CXO_EREADONLY, th_msg("cxo_db_begin: %s", ro));
	TH_OK(cxo_db_close(db));
	assert_unchanged(path, s);
}

Test(untrusted, a_read_only_check_of_an_import_writes_nothing)
{
	const char *path = dataset_db("test.db");
	snapshot s = snap(path);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = CXO_IMPORT_CHECK;
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[{\"id\":\"x\",\"title\":\"X\"}]}";
	/* a check writes, then undoes it all: a read-only handle cannot */
	TH_ERR(cxo_import_json(NULL, db, doc, strlen(doc), &o), CXO_EREADONLY,
	       th_msg("cxo_import: %s is open read-only", path));
	TH_OK(cxo_db_close(db));
	assert_unchanged(path, s);
}

/* ---- files that are not files ---- */

Test(untrusted, what_is_not_a_regular_file_is_refused_at_once)
{
	/* a FIFO would block the open until someone writes to it */
	char fifo[4200], dir[4200];
	snprintf(fifo, sizeof fifo, "%s", th_path("fifo"));
	snprintf(dir, sizeof dir, "%s", th_path("dir"));
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(mkdir(dir, 0700), 0);
	const char *const paths[] = { fifo, dir, "/dev/zero", "/dev/null" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		const char *msg = th_msg("%s is not a cxotrack database (not a regular file)", paths[i]);
		open_fails(paths[i], CXO_OPEN_READONLY, CXO_EFORMAT, msg);
		open_fails(paths[i], CXO_OPEN_READWRITE, CXO_EFORMAT, msg);
		open_fails(paths[i], CXO_OPEN_CREATE, CXO_EFORMAT, msg);
	}
}
