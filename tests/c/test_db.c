/* Database handles: opening with every flag, refusing files that are not ours
 * (or not ours alone), read-only use, actor, busy timeout, deferred close. */
#include "helpers.h"
#include "sqlite_files.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

TestSuite(db, .init = th_setup, .fini = th_teardown);

/* ---- helpers: files crafted with SQLite's own API ---- */

/* A closed cxotrack database with one topic, at th_path(name). */
static const char *make_db(const char *name)
{
	cxo_db *db = th_open_new(name);
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");
	TH_OK(cxo_db_close(db));
	return th_path(name);
}

typedef struct snapshot {
	void *data;
	size_t len;
} snapshot;

static snapshot snap(const char *path)
{
	snapshot s;
	s.data = th_slurp(path, &s.len);
	return s;
}

/* The file holds exactly the bytes of the snapshot (which is freed). */
static void assert_unchanged(const char *path, snapshot s)
{
	size_t len;
	void *now = th_slurp(path, &len);
	cr_assert_eq(len, s.len, "%s changed size: %zu bytes, was %zu", path, len, s.len);
	cr_assert(memcmp(now, s.data, len) == 0, "%s changed", path);
	free(now);
	free(s.data);
}

/* Open `path` with `flags`, expecting failure with `code` and `msg`. */
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

static cxo_db *open_ok(const char *path, uint32_t flags)
{
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, path, flags);
	cr_assert_eq(rc, CXO_OK, "cxo_db_open(%s, 0x%X): %d %s", path, flags, rc, cxo_errmsg());
	cr_assert_not_null(db);
	return db;
}

static size_t dir_entries(void)
{
	DIR *d = opendir(th_dir());
	cr_assert_not_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* ---- flags ---- */

Test(db, create_makes_a_new_database_with_the_builtin_lifecycle)
{
	const char *path = th_path("new.db");
	cr_assert(!th_exists(path));
	cxo_db *db = open_ok(path, CXO_OPEN_CREATE);
	cr_assert(th_exists(path));
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL), "[" TH_CTO_JSON "]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL), "[]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL), "[]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), "[]");
	cr_assert_str_eq(cxo_db_actor(db), "unknown");
	TH_OK(cxo_db_close(db));
}

Test(db, builtin_lifecycle_has_7_statuses_and_27_transitions)
{
	cxo_db *db = th_open();
	cxo_row *lc = NULL;
	const char *key[] = { "cto" };
	TH_OK(cxo_record_get(&lc, db, CXO_KIND_LIFECYCLE, key, 1));
	const cxo_row *statuses = cxo_row_child(lc, "statuses");
	const cxo_row *transitions = cxo_row_child(lc, "transitions");
	cr_assert_eq(cxo_row_size(statuses), 7);
	cr_assert_eq(cxo_row_size(transitions), 27);
	static const char *const ids[] = { "raised", "prioritized", "assigned", "in-progress",
		                               "delivered", "closed", "dropped" };
	for (size_t i = 0; i < 7; i++) {
		const cxo_row *s = cxo_row_child_at(statuses, i);
		cr_assert_str_eq(cxo_row_text(s, "id"), ids[i]);
		cr_assert_eq(cxo_row_int(s, "terminal"), i >= 5);
		if (i < 6)
			cr_assert_eq(cxo_row_int(s, "rank"), (int64_t)i + 1);
		else
			cr_assert_eq(cxo_row_type(s, "rank"), CXO_TYPE_NULL);
	}
	cr_assert_str_eq(cxo_row_text(lc, "enforce"), "warn");
	cxo_row_free(lc);
	TH_OK(cxo_db_close(db));
}

Test(db, readwrite_opens_an_existing_database)
{
	const char *path = make_db("test.db");
	cxo_db *db = open_ok(path, CXO_OPEN_READWRITE);
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"qos\",\"title\":\"QoS\"}");
	TH_OK(cxo_db_close(db));
}

Test(db, create_keeps_an_existing_database)
{
	const char *path = make_db("test.db");
	cxo_db *db = open_ok(path, CXO_OPEN_CREATE);
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               "[{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\",\"status\":null,\"point\":null,\"date\":null}]");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL), "[" TH_CTO_JSON "]");
	TH_OK(cxo_db_close(db));
}

Test(db, readonly_opens_an_existing_database)
{
	const char *path = make_db("test.db");
	cxo_db *db = open_ok(path, CXO_OPEN_READONLY);
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
}

Test(db, a_missing_file_is_not_created_without_create)
{
	const char *path = th_path("missing.db");
	const char *msg = th_msg("no database at %s (open it with CXO_OPEN_CREATE to create one)", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ENOTFOUND, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_ENOTFOUND, msg);
	cr_assert(!th_exists(path));
	cr_assert_eq(dir_entries(), 0);
}

Test(db, create_and_readonly_exclude_each_other)
{
	const char *path = th_path("x.db");
	open_fails(path, CXO_OPEN_CREATE | CXO_OPEN_READONLY, CXO_EINVAL,
	           "cxo_db_open: CXO_OPEN_CREATE and CXO_OPEN_READONLY exclude each other");
	cr_assert(!th_exists(path));
	/* also on an existing database */
	make_db("x.db");
	open_fails(path, CXO_OPEN_CREATE | CXO_OPEN_READONLY, CXO_EINVAL,
	           "cxo_db_open: CXO_OPEN_CREATE and CXO_OPEN_READONLY exclude each other");
}

Test(db, unknown_flags)
{
	const char *path = make_db("test.db");
	open_fails(path, 0x4, CXO_EINVAL, "cxo_db_open: unknown flags 0x4");
	open_fails(path, 0x80000001u, CXO_EINVAL, "cxo_db_open: unknown flags 0x80000001");
}

Test(db, bad_arguments)
{
	cxo_db *db = (cxo_db *)1;
	TH_ERR(cxo_db_open(NULL, th_path("x.db"), CXO_OPEN_CREATE), CXO_EMISUSE, "cxo_db_open: out is NULL");
	TH_ERR(cxo_db_open(&db, NULL, CXO_OPEN_CREATE), CXO_EMISUSE, "cxo_db_open: path is NULL");
	cr_assert_null(db);
	open_fails("", CXO_OPEN_CREATE, CXO_EINVAL, "cxo_db_open: the path is empty");
	const char *bad = th_path("a\xff.db");
	open_fails(bad, CXO_OPEN_CREATE, CXO_EINVAL,
	           th_msg("cxo_db_open: the path: invalid UTF-8 at byte %zu", strlen(th_dir()) + 2));
	cr_assert(!th_exists(bad));
	cr_assert_eq(dir_entries(), 0);
}

Test(db, in_memory_database)
{
	cxo_db *db = open_ok(":memory:", CXO_OPEN_CREATE);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("t"), "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));
	/* an in-memory database is always new: it is initialised even without CREATE */
	db = open_ok(":memory:", CXO_OPEN_READWRITE);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
}

Test(db, a_missing_directory)
{
	const char *path = th_path("nowhere/x.db");
	open_fails(path, CXO_OPEN_CREATE, CXO_ESTORAGE,
	           th_msg("%s: opening the database: unable to open database file (SQLite error 14)", path));
}

/* ---- files that are not cxotrack databases ---- */

Test(db, another_applications_sqlite_file)
{
	const char *path = th_path("other.db");
	th_sq_exec(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');");
	snapshot s = snap(path);
	const char *msg = th_msg("%s is not a cxotrack database (a SQLite file of another application)", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_EFORMAT, msg);
	assert_unchanged(path, s);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
	cr_assert_eq(dir_entries(), 1);
}

Test(db, a_sqlite_file_with_another_application_id)
{
	const char *path = th_path("other.db");
	th_sq_exec(path, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
	snapshot s = snap(path);
	const char *msg = th_msg("%s is not a cxotrack database (SQLite application id 0x000004D2)", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_EFORMAT, msg);
	assert_unchanged(path, s);
}

Test(db, a_file_of_random_bytes)
{
	const char *path = th_path("random.db");
	unsigned char bytes[8192];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof bytes; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		bytes[i] = (unsigned char)x;
	}
	th_write_file(path, bytes, sizeof bytes);
	snapshot s = snap(path);
	const char *msg = th_msg("%s is not a cxotrack database (not a SQLite file)", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_EFORMAT, msg);
	assert_unchanged(path, s);
	cr_assert_eq(dir_entries(), 1);
}

Test(db, a_text_file)
{
	const char *path = th_path("notes.txt");
	th_write_file(path, "hello\n", 6);
	snapshot s = snap(path);
	open_fails(path, CXO_OPEN_CREATE, CXO_EFORMAT, th_msg("%s is not a cxotrack database (not a SQLite file)", path));
	assert_unchanged(path, s);
}

Test(db, an_empty_file_without_create)
{
	const char *path = th_path("empty.db");
	th_write_file(path, "", 0);
	const char *msg =
		th_msg("%s is empty, not a cxotrack database (open it with CXO_OPEN_CREATE to initialise it)", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_EFORMAT, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_EFORMAT, msg);
	size_t len;
	free(th_slurp(path, &len));
	cr_assert_eq(len, 0);
	cr_assert_eq(dir_entries(), 1);
}

Test(db, an_empty_file_with_create_is_initialised)
{
	const char *path = th_path("empty.db");
	th_write_file(path, "", 0);
	cxo_db *db = open_ok(path, CXO_OPEN_CREATE);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
	db = open_ok(path, CXO_OPEN_READONLY);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
}

Test(db, a_newer_schema_is_refused_and_left_untouched)
{
	const char *path = make_db("test.db");
	th_sq_exec(path, "PRAGMA user_version = 7");
	snapshot s = snap(path);
	const char *msg =
		th_msg("%s has schema version 7, newer than this library supports (6); use a newer cxotrack", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_EVERSION, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_EVERSION, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_EVERSION, msg);
	assert_unchanged(path, s);
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 7);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM topic"), 1);
}

Test(db, an_unmigrated_file_is_migrated_read_write_only)
{
	/* our application id and schema version 0: what an interrupted init leaves */
	const char *path = th_path("old.db");
	th_sq_exec(path, "PRAGMA application_id = 1129860948");
	snapshot s = snap(path);
	open_fails(path, CXO_OPEN_READONLY, CXO_EVERSION,
	           th_msg("%s has schema version 0 and needs migrating to 6; open it read-write once", path));
	assert_unchanged(path, s);
	cxo_db *db = open_ok(path, CXO_OPEN_READWRITE);
	TH_GET_EQ(db, CXO_KIND_LIFECYCLE, TH_KEY("cto"), TH_CTO_JSON);
	TH_OK(cxo_db_close(db));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	db = open_ok(path, CXO_OPEN_READONLY);
	TH_OK(cxo_db_close(db));
}

Test(db, a_damaged_schema_is_refused)
{
	const char *path = make_db("test.db");
	th_sq_exec(path, "DROP INDEX audit_parent");
	snapshot s = snap(path);
	const char *msg = th_msg("%s lacks the index \"audit_parent\" of schema version 6; the file is damaged", path);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_ESCHEMA, msg);
	assert_unchanged(path, s);
}

/* ---- objects planted in a cxotrack file ---- */

static void planted(const char *sql, const char *objects)
{
	const char *path = make_db("test.db");
	th_sq_exec(path, sql);
	snapshot s = snap(path);
	const char *msg = th_msg("%s holds objects cxotrack did not create: %s; refusing to use it", path, objects);
	open_fails(path, CXO_OPEN_READWRITE, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_READONLY, CXO_ESCHEMA, msg);
	open_fails(path, CXO_OPEN_CREATE, CXO_ESCHEMA, msg);
	assert_unchanged(path, s);
}

Test(db, a_planted_trigger_is_refused_and_never_runs)
{
	/* the trigger would wipe the topics and mark the audit log */
	planted("CREATE TRIGGER wipe AFTER INSERT ON meeting BEGIN"
	        "  DELETE FROM topic;"
	        "  INSERT INTO audit (time, actor, op, entity, key) VALUES ('now', 'evil', 'ran', 'trigger', 'wipe');"
	        " END;",
	        "trigger \"wipe\"");
	const char *path = th_path("test.db");
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM topic"), 1);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit WHERE actor = 'evil'"), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM meeting"), 0);
}

Test(db, a_planted_trigger_that_would_block_writes_is_refused)
{
	planted("CREATE TRIGGER t_upd BEFORE UPDATE ON lifecycle BEGIN SELECT RAISE(ABORT, 'planted'); END;",
	        "trigger \"t_upd\"");
}

Test(db, a_planted_view_is_refused)
{
	planted("CREATE VIEW v AS SELECT slug FROM topic", "view \"v\"");
}

Test(db, a_planted_table_is_refused)
{
	planted("CREATE TABLE extra (x)", "table \"extra\"");
}

Test(db, a_planted_index_is_refused)
{
	planted("CREATE INDEX ix ON topic (title)", "index \"ix\"");
}

Test(db, several_planted_objects_are_named_in_order)
{
	planted("CREATE TABLE extra (x);"
	        "CREATE VIEW v AS SELECT x FROM extra;"
	        "CREATE TRIGGER wipe AFTER INSERT ON meeting BEGIN DELETE FROM topic; END;",
	        "table \"extra\", view \"v\", trigger \"wipe\"");
}

Test(db, many_planted_objects_are_named_up_to_eight)
{
	planted("CREATE TABLE x1 (a); CREATE TABLE x2 (a); CREATE TABLE x3 (a); CREATE TABLE x4 (a);"
	        "CREATE TABLE x5 (a); CREATE TABLE x6 (a); CREATE TABLE x7 (a); CREATE TABLE x8 (a);"
	        "CREATE TABLE x9 (a);",
	        "table \"x1\", table \"x2\", table \"x3\", table \"x4\", table \"x5\", table \"x6\", table \"x7\","
	        " table \"x8\", ...");
}

Test(db, statistics_tables_are_allowed)
{
	const char *path = make_db("test.db");
	th_sq_exec(path, "ANALYZE");
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'"), 1);
	cxo_db *db = open_ok(path, CXO_OPEN_READWRITE);
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));
}

/* ---- read-only files and handles ---- */

/* Run `fn(path, out)` in a child process as an unprivileged user (root may
 * write any file, so a read-only file means nothing to it). Returns 1 and
 * fills `out` with what the child wrote, or 0 if privileges cannot be dropped. */
static int as_unprivileged(void (*fn)(const char *path, char *out, size_t cap), const char *path, char *out,
                           size_t cap)
{
	int fds[2];
	cr_assert_eq(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(77);
		char buf[2048] = "";
		fn(path, buf, sizeof buf);
		ssize_t w = write(fds[1], buf, strlen(buf));
		_exit(w == (ssize_t)strlen(buf) ? 0 : 1);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t r;
	while (n + 1 < cap && (r = read(fds[0], out + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(fds[0]);
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		return 0;
	cr_assert_eq(WEXITSTATUS(status), 0);
	return 1;
}

static void try_open(const char *path, uint32_t flags, char *out, size_t cap)
{
	if (access(path, W_OK) == 0 && !(flags & CXO_OPEN_READONLY)) {
		snprintf(out, cap, "the file is writable after all");
		return;
	}
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, path, flags);
	if (rc == CXO_OK) {
		cxo_row *t = NULL;
		const char *key[] = { "imt-2020" };
		rc = cxo_record_get(&t, db, CXO_KIND_TOPIC, key, 1);
		snprintf(out, cap, "%d %s", rc, rc ? cxo_errmsg() : cxo_row_text(t, "title"));
		cxo_row_free(t);
		cxo_db_close(db);
		return;
	}
	snprintf(out, cap, "%d %s", rc, cxo_errmsg());
}

static void open_rw(const char *path, char *out, size_t cap)
{
	try_open(path, CXO_OPEN_READWRITE, out, cap);
}

static void open_ro(const char *path, char *out, size_t cap)
{
	try_open(path, CXO_OPEN_READONLY, out, cap);
}

Test(db, a_read_only_file_is_refused_for_writing)
{
	const char *path = make_db("test.db");
	cr_assert_eq(chmod(path, 0444), 0);
	cr_assert_eq(chmod(th_dir(), 0755), 0);
	snapshot s = snap(path);
	char out[2048];
	if (!as_unprivileged(open_rw, path, out, sizeof out))
		TH_SKIP("cannot drop root privileges here, and root may write a read-only file");
	char expected[4200];
	snprintf(expected, sizeof expected,
	         "%d %s cannot be written (Permission denied); open it with CXO_OPEN_READONLY", CXO_EREADONLY, path);
	cr_assert_str_eq(out, expected);
	assert_unchanged(path, s);
}

Test(db, a_read_only_file_opens_read_only)
{
	const char *path = make_db("test.db");
	cr_assert_eq(chmod(path, 0444), 0);
	snapshot s = snap(path);
	cxo_db *db = open_ok(path, CXO_OPEN_READONLY);
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");
	TH_OK(cxo_db_close(db));
	assert_unchanged(path, s);
}

/* BUG: a database in a directory the user cannot write (a shared, read-only
 * copy) cannot be opened even with CXO_OPEN_READONLY: the file is in WAL mode,
 * and SQLite must create the -shm file next to it. The open fails with
 * CXO_EREADONLY "reading the application id: attempt to write a readonly
 * database (SQLite error 1544)". */
Test(db, a_database_in_a_read_only_directory_opens_read_only)
{
	const char *path = make_db("test.db");
	cr_assert_eq(chmod(path, 0444), 0);
	cr_assert_eq(chmod(th_dir(), 0555), 0);
	char out[2048];
	if (!as_unprivileged(open_ro, path, out, sizeof out))
		TH_SKIP("cannot drop root privileges here, and root may write any directory");
	cr_assert_str_eq(out, "0 5G / IMT-2020");
}

Test(db, a_read_only_handle_refuses_writes_and_writes_nothing)
{
	const char *path = make_db("test.db");
	cxo_db *db = th_open_new("test.db");
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}");
	TH_CREATE(db, CXO_KIND_OBSERVATION, "{\"topic\":\"imt-2020\",\"meeting\":\"m1\",\"status\":\"raised\"}");
	TH_OK(cxo_db_close(db));
	snapshot s = snap(path);

	db = open_ok(path, CXO_OPEN_READONLY);
	char ro[4200];
	snprintf(ro, sizeof ro, "%s is open read-only", path);
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"new\",\"title\":\"New\"}"), CXO_EREADONLY,
	       th_msg("cxo_record_create: %s", ro));
	TH_ERR(th_update(db, CXO_KIND_TOPIC, "{\"id\":\"imt-2020\",\"title\":\"Changed\"}"), CXO_EREADONLY,
	       th_msg("cxo_record_update: %s", ro));
	TH_ERR(th_update(db, CXO_KIND_LIFECYCLE, "{\"id\":\"cto\",\"enforce\":\"strict\"}"), CXO_EREADONLY,
	       th_msg("cxo_record_update: %s", ro));
	const char *key[] = { "imt-2020", "cto", "m1" };
	TH_ERR(cxo_record_delete(db, CXO_KIND_OBSERVATION, key, 3, 0), CXO_EREADONLY,
	       th_msg("cxo_record_delete: %s", ro));
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, key + 2, 1, CXO_DELETE_CASCADE), CXO_EREADONLY,
	       th_msg("cxo_record_delete: %s", ro));
	/* reads still work, and the actor may be set (it is only kept) */
	TH_OK(cxo_db_set_actor(db, "reader"));
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               "[{\"topic\":\"imt-2020\",\"lifecycle\":\"cto\",\"meeting\":\"m1\",\"status\":\"raised\","
	               "\"qualifier\":\"agreed\"}]");
	TH_OK(cxo_db_close(db));
	assert_unchanged(path, s);
}

/* ---- actor ---- */

Test(db, actor)
{
	cxo_db *db = th_open();
	cr_assert_str_eq(cxo_db_actor(db), "unknown");
	char name[32] = "Alice \xce\xa9";
	TH_OK(cxo_db_set_actor(db, name));
	name[0] = 'X'; /* the string was copied */
	cr_assert_str_eq(cxo_db_actor(db), "Alice \xce\xa9");

	char big[200];
	memset(big, 'a', sizeof big);
	big[128] = '\0';
	TH_OK(cxo_db_set_actor(db, big));
	cr_assert_str_eq(cxo_db_actor(db), big);
	TH_OK(cxo_db_set_actor(db, "bob"));
	big[128] = 'a';
	big[129] = '\0';
	TH_ERR(cxo_db_set_actor(db, big), CXO_EINVAL, "actor: it is 129 bytes long (at most 128)");
	TH_ERR(cxo_db_set_actor(db, ""), CXO_EINVAL, "actor: it is empty");
	TH_ERR(cxo_db_set_actor(db, "a\xff"), CXO_EINVAL, "actor: invalid UTF-8 at byte 1");
	TH_ERR(cxo_db_set_actor(db, "a\a"), CXO_EINVAL, "actor: \"a\\x07\" holds the control character U+0007 at byte 1");
	TH_ERR(cxo_db_set_actor(db, NULL), CXO_EMISUSE, "cxo_db_set_actor: actor is NULL");
	/* a refused actor leaves the old one */
	cr_assert_str_eq(cxo_db_actor(db), "bob");
	TH_ERR(cxo_db_set_actor(NULL, "bob"), CXO_EMISUSE, "cxo_db_set_actor: the database handle is NULL");
	cr_assert_null(cxo_db_actor(NULL));
	TH_OK(cxo_db_close(db));
}

/* ---- busy timeout ---- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(db, busy_timeout_arguments)
{
	cxo_db *db = th_open();
	TH_OK(cxo_db_set_busy_timeout(db, 0));
	TH_OK(cxo_db_set_busy_timeout(db, 250));
	TH_ERR(cxo_db_set_busy_timeout(db, -1), CXO_EINVAL, "busy timeout: -1 is negative");
	TH_ERR(cxo_db_set_busy_timeout(NULL, 10), CXO_EMISUSE, "cxo_db_set_busy_timeout: the database handle is NULL");
	TH_OK(cxo_db_close(db));
}

Test(db, busy_timeout_bounds_the_wait_for_another_writer)
{
	const char *path = make_db("test.db");
	cxo_db *db = open_ok(path, CXO_OPEN_READWRITE);
	/* another program holds the write lock */
	sqlite3 *other = NULL;
	cr_assert_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

	const char *busy = "starting a write transaction: database is locked (SQLite error 5)";
	TH_OK(cxo_db_set_busy_timeout(db, 0));
	double t0 = now_s();
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}"), CXO_EBUSY, busy);
	double fast = now_s() - t0;
	cr_assert_lt(fast, 5.0, "a zero timeout waited %.3f s", fast);

	TH_OK(cxo_db_set_busy_timeout(db, 300));
	t0 = now_s();
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}"), CXO_EBUSY, busy);
	double waited = now_s() - t0;
	cr_assert_geq(waited, 0.29, "a 300 ms timeout waited only %.3f s", waited);

	/* readers are not blocked by the writer */
	TH_GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"), "{\"id\":\"imt-2020\",\"title\":\"5G / IMT-2020\"}");

	cr_assert_eq(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"t\",\"title\":\"T\"}");
	TH_OK(cxo_db_close(db));
}

/* ---- closing ---- */

Test(db, closing_with_a_cursor_open_defers_the_close)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"a\",\"title\":\"A\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"b\",\"title\":\"B\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"c\",\"title\":\"C\"}");
	cxo_cursor *cur = NULL, *cur2 = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
	TH_OK(cxo_record_list(&cur2, db, CXO_KIND_LIFECYCLE, NULL));
	const cxo_row *row = NULL;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "a");

	TH_OK(cxo_db_close(db));

	/* the handle is unusable at once */
	cxo_row *got = (cxo_row *)1;
	TH_ERR(cxo_record_get(&got, db, CXO_KIND_TOPIC, (const char *const[]){ "a" }, 1), CXO_EMISUSE,
	       "cxo_record_get: the database handle is closed");
	cr_assert_null(got);
	TH_ERR(th_create(db, CXO_KIND_TOPIC, "{\"id\":\"d\",\"title\":\"D\"}"), CXO_EMISUSE,
	       "cxo_record_create: the database handle is closed");
	cxo_cursor *c3 = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&c3, db, CXO_KIND_TOPIC, NULL), CXO_EMISUSE,
	       "cxo_record_list: the database handle is closed");
	cr_assert_null(c3);
	TH_ERR(cxo_topic_history(&c3, db, NULL, NULL), CXO_EMISUSE, "cxo_topic_history: the database handle is closed");
	TH_ERR(cxo_db_set_actor(db, "x"), CXO_EMISUSE, "cxo_db_set_actor: the database handle is closed");
	TH_ERR(cxo_db_set_busy_timeout(db, 1), CXO_EMISUSE, "cxo_db_set_busy_timeout: the database handle is closed");
	TH_ERR(cxo_db_close(db), CXO_EMISUSE, "cxo_db_close: the database handle is already closed");

	/* but its cursors still work */
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "b");
	cr_assert_str_eq(cxo_row_text(row, "title"), "B");
	cxo_cursor_free(cur2); /* not the last one */
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "id"), "c");
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cr_assert_null(row);
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur); /* the last one: the handle goes now */
}

Test(db, cursor_json_after_close)
{
	cxo_db *db = th_open();
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\":\"a\",\"title\":\"A\"}");
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
	TH_OK(cxo_db_close(db));
	TH_STR_EQ_FREE(th_cursor_json(cur), "[{\"id\":\"a\",\"title\":\"A\",\"status\":null,\"point\":null,\"date\":null}]");
}

/* ---- NULL handles and NULL out-parameters ---- */

Test(db, null_handles_are_misuse)
{
	cxo_row *rec = th_row("{\"id\":\"t\",\"title\":\"T\"}");
	const char *key[] = { "t" };
	cxo_row *out = (cxo_row *)1;
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_create(NULL, CXO_KIND_TOPIC, rec), CXO_EMISUSE,
	       "cxo_record_create: the database handle is NULL");
	TH_ERR(cxo_record_update(NULL, CXO_KIND_TOPIC, rec), CXO_EMISUSE,
	       "cxo_record_update: the database handle is NULL");
	TH_ERR(cxo_record_get(&out, NULL, CXO_KIND_TOPIC, key, 1), CXO_EMISUSE,
	       "cxo_record_get: the database handle is NULL");
	cr_assert_null(out);
	TH_ERR(cxo_record_delete(NULL, CXO_KIND_TOPIC, key, 1, 0), CXO_EMISUSE,
	       "cxo_record_delete: the database handle is NULL");
	TH_ERR(cxo_record_list(&cur, NULL, CXO_KIND_TOPIC, NULL), CXO_EMISUSE,
	       "cxo_record_list: the database handle is NULL");
	cr_assert_null(cur);
	cur = (cxo_cursor *)1;
	TH_ERR(cxo_topic_history(&cur, NULL, "t", NULL), CXO_EMISUSE, "cxo_topic_history: the database handle is NULL");
	cr_assert_null(cur);
	TH_ERR(cxo_db_set_actor(NULL, "x"), CXO_EMISUSE, "cxo_db_set_actor: the database handle is NULL");
	TH_ERR(cxo_db_set_busy_timeout(NULL, 1), CXO_EMISUSE, "cxo_db_set_busy_timeout: the database handle is NULL");
	TH_OK(cxo_db_close(NULL));
	cxo_row_free(rec);
}

Test(db, null_out_parameters_are_misuse)
{
	cxo_db *db = th_open();
	const char *key[] = { "cto" };
	TH_ERR(cxo_record_get(NULL, db, CXO_KIND_LIFECYCLE, key, 1), CXO_EMISUSE, "cxo_record_get: out is NULL");
	TH_ERR(cxo_record_list(NULL, db, CXO_KIND_LIFECYCLE, NULL), CXO_EMISUSE, "cxo_record_list: out is NULL");
	TH_ERR(cxo_topic_history(NULL, db, NULL, NULL), CXO_EMISUSE, "cxo_topic_history: out is NULL");
	TH_ERR(cxo_record_create(db, CXO_KIND_TOPIC, NULL), CXO_EMISUSE, "cxo_record_create: rec is NULL");
	TH_ERR(cxo_record_update(db, CXO_KIND_TOPIC, NULL), CXO_EMISUSE, "cxo_record_update: rec is NULL");
	cxo_row *out = (cxo_row *)1;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_LIFECYCLE, NULL, 1), CXO_EMISUSE, "cxo_record_get: key is NULL");
	cr_assert_null(out);
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_LIFECYCLE, (const char *const[]){ NULL }, 1), CXO_EMISUSE,
	       "cxo_record_get: key[0] is NULL");
	TH_ERR(cxo_record_delete(db, CXO_KIND_LIFECYCLE, NULL, 1, 0), CXO_EMISUSE, "cxo_record_delete: key is NULL");

	cxo_cursor *cur = NULL;
	const cxo_row *row = (const cxo_row *)1;
	char *json = (char *)1;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_LIFECYCLE, NULL));
	TH_ERR(cxo_cursor_next(NULL, cur), CXO_EMISUSE, "cxo_cursor_next: row is NULL");
	TH_ERR(cxo_cursor_next(&row, NULL), CXO_EMISUSE, "cxo_cursor_next: the cursor is NULL");
	cr_assert_null(row);
	TH_ERR(cxo_cursor_json(NULL, NULL, cur), CXO_EMISUSE, "cxo_cursor_json: out is NULL");
	TH_ERR(cxo_cursor_json(&json, NULL, NULL), CXO_EMISUSE, "cxo_cursor_json: the cursor is NULL");
	cr_assert_null(json);
	/* the cursor was not disturbed */
	TH_STR_EQ_FREE(th_cursor_json(cur), "[" TH_CTO_JSON "]");
	TH_OK(cxo_db_close(db));
}

Test(db, query_versions)
{
	cxo_db *db = th_open();
	cxo_query q;
	memset(&q, 0xAB, sizeof q);
	TH_OK(cxo_query_init(&q, CXO_QUERY_VERSION));
	cr_assert_eq(q.version, CXO_QUERY_VERSION);
	cr_assert_eq(q.flags, 0);
	cr_assert_null(q.as_of);
	cr_assert_null(q.lifecycle);
	cr_assert_null(q.kinds);
	cr_assert_null(q.topic);
	cr_assert_null(q.meeting);
	cr_assert_null(q.status);
	TH_ERR(cxo_query_init(&q, 2), CXO_EVERSION, "cxo_query_init: version 2 is not supported (this library has 1)");
	TH_ERR(cxo_query_init(NULL, 1), CXO_EMISUSE, "cxo_query_init: q is NULL");
	cxo_query bad = CXO_QUERY_INIT;
	bad.version = 7;
	cxo_cursor *cur = (cxo_cursor *)1;
	TH_ERR(cxo_record_list(&cur, db, CXO_KIND_TOPIC, &bad), CXO_EVERSION,
	       "cxo_record_list: cxo_query version 7 is not supported (this library has 1)");
	cr_assert_null(cur);
	TH_ERR(cxo_topic_history(&cur, db, NULL, &bad), CXO_EVERSION,
	       "cxo_topic_history: cxo_query version 7 is not supported (this library has 1)");
	TH_OK(cxo_db_close(db));
}
