/* I/O failure (issue 9, part 3).
 *
 * A SQLite VFS shim over the default one, registered as the default VFS in
 * this test process only (the library opens its files through the default
 * VFS), fails from the Nth operation on: writes (SQLITE_IOERR_WRITE), syncs
 * (SQLITE_IOERR_FSYNC), reads (SQLITE_IOERR_READ), or writes with
 * SQLITE_FULL (a full disk); or only the Nth one (a transient failure). For
 * every N through an import:
 * - the import fails with CXO_ESTORAGE and a message naming what failed
 *   ("disk I/O error", "database or disk is full"), or succeeds;
 * - another connection, and the file reopened after the failing handle is
 *   closed, pass SQLite's integrity checks and hold exactly the data from
 *   before the import; after a failed sync, where the commit frame may be in
 *   the log already, all of the import or none of it;
 * - the same handle then imports the document.
 * Closing the handle (the checkpoint writes the log into the file) is tried
 * at every point too: the data committed before stays.
 * Each test prints how many points it tried. */
#include "robust.h"
#include "vfs_shim.h"

#include "../c/helpers.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CXO_TEST_DATA_DIR
#error "CXO_TEST_DATA_DIR must be defined"
#endif

static void setup(void)
{
	rb_vfs_install();
	rb_vfs_arm(RB_WRITE, 0, 0);
	th_setup();
}

TestSuite(io, .init = setup, .fini = th_teardown, .timeout = 600);

/* CXO_ROBUST_STRIDE=K tries every Kth point, and the last two (the last
 * operation, and none failing) */
static long next_point(long n, long total)
{
	const char *s = getenv("CXO_ROBUST_STRIDE");
	long k = s ? atol(s) : 1;
	if (k < 1 || n >= total)
		return n + 1;
	return n + k > total ? total : n + k;
}

static const char *data(const char *rel)
{
	return th_msg("%s/%s", CXO_TEST_DATA_DIR, rel);
}

/* ---- checks ---- */

static int same(const char *got, const char *a, const char *b)
{
	return strcmp(got, a) == 0 || (b && strcmp(got, b) == 0);
}

static void expect_state(const char *path, const char *a, const char *b, const char *what)
{
	cr_assert_eq(rb_integrity(path), 0, "%s: %s", what, rb_error());
	char *got = rb_state(path);
	cr_assert_not_null(got, "%s: %s", what, rb_error());
	if (!same(got, a, b)) {
		size_t at = 0;
		while (got[at] && got[at] == a[at])
			at++;
		size_t from = at > 200 ? at - 200 : 0;
		cr_assert_fail("%s: the database holds neither the state before nor the one after; differs from the first "
		               "at byte %zu:\n--- got:\n%.400s\n--- expected:\n%.400s",
		               what, at, got + from, a + from);
	}
	free(got);
}

/* The state `path` holds (read with faults off): 'a' (the first given), 'b', or
 * fails the test. */
static char which_state(const char *path, const char *a, const char *b, const char *what)
{
	cr_assert_eq(rb_integrity(path), 0, "%s: %s", what, rb_error());
	char *got = rb_state(path);
	cr_assert_not_null(got, "%s: %s", what, rb_error());
	char w = strcmp(got, a) == 0 ? 'a' : b && strcmp(got, b) == 0 ? 'b' : 0;
	if (!w) {
		size_t at = 0;
		while (got[at] && got[at] == a[at])
			at++;
		size_t from = at > 200 ? at - 200 : 0;
		cr_assert_fail("%s: the database holds neither allowed state; differs from the first at byte %zu:\n--- "
		               "got:\n%.400s\n--- expected:\n%.400s",
		               what, at, got + from, a + from);
	}
	free(got);
	return w;
}

static void expect_storage_error(int rc, const char *what)
{
	cr_assert_eq(rc, CXO_ESTORAGE, "%s: returned %d (%s), expected CXO_ESTORAGE", what, rc, cxo_errmsg());
	cr_assert_eq(cxo_errcode(), CXO_ESTORAGE, "%s: cxo_errcode() is %d", what, cxo_errcode());
	const char *m = cxo_errmsg();
	cr_assert(strstr(m, "disk I/O error") || strstr(m, "database or disk is full"),
	          "%s: the message does not say what failed: \"%s\"", what, m);
}

static int import(cxo_db *db, const char *doc)
{
	int rc = cxo_import_files(NULL, db, &doc, 1, NULL);
	return rc == CXO_WARNED ? CXO_OK : rc;
}

/* ---- the loop ---- */

typedef struct io_case {
	int op;
	int persistent;
} io_case;

typedef struct tally {
	long ops, points, failed, succeeded, landed;
} tally;

static void prepare(const char **tmpl, char **pre, char **post, const char *doc)
{
	*tmpl = th_path("template.db");
	const char *work = th_path("ref.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, *tmpl, CXO_OPEN_CREATE));
	TH_OK(import(db, data("interchange/rich.json")));
	TH_OK(cxo_db_close(db));
	*pre = rb_state(*tmpl);
	cr_assert_not_null(*pre, "%s", rb_error());
	cr_assert_eq(rb_copy_db(*tmpl, work), 0, "%s", rb_error());
	TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
	TH_OK(import(db, doc));
	TH_OK(cxo_db_close(db));
	*post = rb_state(work);
	cr_assert_not_null(*post, "%s", rb_error());
	cr_assert_str_neq(*pre, *post);
}

static void import_loop(const io_case *c, tally *t)
{
	const char *doc = data("reports/dataset.json");
	const char *tmpl, *work = th_path("work.db");
	char *pre, *post;
	prepare(&tmpl, &pre, &post, doc);

	/* count the operations of an import */
	cr_assert_eq(rb_copy_db(tmpl, work), 0);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
	rb_vfs_arm(c->op, 0, 0);
	TH_OK(import(db, doc));
	long total = rb_vfs_count(c->op == RB_FULL ? RB_WRITE : c->op);
	TH_OK(cxo_db_close(db));
	cr_assert_gt(total, 0);
	t->ops = total;

	for (long n = 1; n <= total + 1; n = next_point(n, total)) {
		char what[128];
		snprintf(what, sizeof what, "%s %s failing at %ld of %ld", c->persistent ? "every" : "one",
		         rb_fault_names[c->op], n, total);
		cr_assert_eq(rb_copy_db(tmpl, work), 0);
		TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
		rb_vfs_arm(c->op, n, c->persistent);
		int rc = import(db, doc);
		long hit = rb_vfs_failed();
		rb_vfs_arm(c->op, 0, 0);
		t->points++;
		/* a failed sync may leave the commit in the log: all or nothing */
		const char *also = c->op == RB_SYNC ? post : NULL;
		char seen;
		if (rc) {
			t->failed++;
			cr_assert(hit, "%s: failed (%d: %s) though nothing failed", what, rc, cxo_errmsg());
			expect_storage_error(rc, what);
			seen = which_state(work, pre, also, what);
			/* the same handle goes on */
			rc = import(db, doc);
			cr_assert_eq(rc, CXO_OK, "%s: importing again on the same handle: %d %s", what, rc, cxo_errmsg());
		} else {
			t->succeeded++;
			seen = 'b';
		}
		TH_OK(cxo_db_close(db));
		expect_state(work, post, NULL, what);
		t->landed += seen == 'b' && hit;
	}
	free(pre);
	free(post);
}

static void report(const char *name, const tally *t)
{
	printf("io %s: %ld operations, %ld points tried, %ld failed with CXO_ESTORAGE, %ld succeeded (%ld of them "
	       "despite the failure)\n",
	       name, t->ops, t->points, t->failed, t->succeeded, t->landed);
}

Test(io, writes_fail)
{
	tally t = { 0 };
	io_case c = { RB_WRITE, 1 };
	import_loop(&c, &t);
	report("import, every write from the Nth on", &t);
	memset(&t, 0, sizeof t);
	c.persistent = 0;
	import_loop(&c, &t);
	report("import, the Nth write", &t);
}

Test(io, syncs_fail)
{
	tally t = { 0 };
	io_case c = { RB_SYNC, 1 };
	import_loop(&c, &t);
	report("import, every sync from the Nth on", &t);
	memset(&t, 0, sizeof t);
	c.persistent = 0;
	import_loop(&c, &t);
	report("import, the Nth sync", &t);
}

Test(io, reads_fail)
{
	tally t = { 0 };
	io_case c = { RB_READ, 1 };
	import_loop(&c, &t);
	report("import, every read from the Nth on", &t);
	memset(&t, 0, sizeof t);
	c.persistent = 0;
	import_loop(&c, &t);
	report("import, the Nth read", &t);
}

Test(io, disk_full)
{
	tally t = { 0 };
	io_case c = { RB_FULL, 1 };
	import_loop(&c, &t);
	report("import, disk full from the Nth write on", &t);
}

/* Closing the last handle copies the log into the database file (a
 * checkpoint): when its writes or syncs fail, what was committed stays. */
Test(io, checkpoint_at_close_fails)
{
	const char *doc = data("reports/dataset.json");
	const char *tmpl, *work = th_path("work.db");
	char *pre, *post;
	prepare(&tmpl, &pre, &post, doc);
	long points = 0, failed = 0;
	static const int ops[] = { RB_WRITE, RB_SYNC, RB_FULL, RB_READ };
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		long total = -1;
		for (long n = 0; n <= total + 1; n++) {
			char what[96];
			snprintf(what, sizeof what, "closing, every %s failing from %ld", rb_fault_names[ops[k]], n);
			cr_assert_eq(rb_copy_db(tmpl, work), 0);
			cxo_db *db = NULL;
			TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
			TH_OK(import(db, doc));
			rb_vfs_arm(ops[k], n, 1);
			int rc = cxo_db_close(db);
			if (total < 0)
				total = rb_vfs_count(ops[k] == RB_FULL ? RB_WRITE : ops[k]);
			long hit = rb_vfs_failed();
			rb_vfs_arm(RB_WRITE, 0, 0);
			if (n == 0)
				continue; /* the count */
			points++;
			if (rc) {
				failed++;
				cr_assert(hit, "%s: failed (%s) though nothing failed", what, cxo_errmsg());
				expect_storage_error(rc, what);
			}
			expect_state(work, post, NULL, what);
		}
	}
	printf("io close: %ld points tried (writes, syncs, full disk, reads of the checkpoint), %ld failed with "
	       "CXO_ESTORAGE, the data stayed every time\n",
	       points, failed);
	free(pre);
	free(post);
}

/* The rows of `table` in the file at `path`, read through SQLite itself. */
static long rows_of(const char *path, const char *table)
{
	sqlite3 *s;
	cr_assert_eq(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) + coalesce(sum(%s), 0) FROM %s", strcmp(table, "audit") ? "0" : "more",
	         table);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(s));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* A bulk write in the caller's transaction that SQLite rolls back by itself
 * (the disk fills while its pages spill): the audit entries it queued go with
 * it. Reading the log afterwards must not store them, outside any
 * transaction, for records that never were. */
Test(io, a_transaction_sqlite_rolled_back_leaves_no_audit_entry)
{
	long lost_points = 0;
	for (long at = 1; at <= 400; at += 7) {
		char name[32];
		snprintf(name, sizeof name, "bulk-%ld.db", at);
		cxo_db *db = th_open_new(name);
		const char *path = th_path(name);
		TH_OK(th_create(db, CXO_KIND_TOPIC, th_j("{'id':'kept','title':'Kept'}")));
		TH_OK(cxo_db_begin(db));
		rb_vfs_arm(RB_FULL, at, 1);
		int rc = CXO_OK;
		char text[2048];
		memset(text, 'x', sizeof text - 1);
		text[sizeof text - 1] = '\0';
		for (int i = 0; i < 3000 && rc == CXO_OK; i++) {
			cxo_row *r;
			char id[32];
			snprintf(id, sizeof id, "t-%d", i);
			TH_OK(cxo_row_new(&r));
			TH_OK(cxo_row_set_text(r, "id", id));
			TH_OK(cxo_row_set_text(r, "title", id));
			TH_OK(cxo_row_set_text(r, "description", text));
			rc = cxo_record_create(db, CXO_KIND_TOPIC, r);
			cxo_row_free(r);
		}
		rb_vfs_arm(RB_WRITE, 0, 0);
		if (rc != CXO_OK && strstr(cxo_errmsg(), "the transaction was rolled back")) {
			lost_points++;
			/* the log, read in what is left of the transaction */
			cxo_cursor *cur = NULL;
			int lrc = cxo_audit_list(&cur, db, NULL);
			long entries = 0;
			const cxo_row *row;
			while (lrc == CXO_OK && (lrc = cxo_cursor_next(&row, cur)) == CXO_OK)
				entries++;
			cxo_cursor_free(cur);
			cr_assert_eq(lrc, CXO_DONE, "at %ld: %d %s", at, lrc, cxo_errmsg());
			cr_assert_eq(entries, 1, "at %ld: %ld entries", at, entries);
			TH_OK(cxo_db_rollback(db));
		} else {
			cxo_db_rollback(db);
		}
		TH_OK(cxo_db_close(db));
		cr_assert_eq(rows_of(path, "audit"), 1, "at %ld", at);
		cr_assert_eq(rows_of(path, "topic"), 1, "at %ld", at);
	}
	printf("transaction lost at %ld of the points tried\n", lost_points);
	cr_assert_gt(lost_points, 0);
}
