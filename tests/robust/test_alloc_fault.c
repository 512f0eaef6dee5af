/* Allocation failure (issue 9, part 2).
 *
 * This binary links a copy of the library compiled with CXO_FAULT_INJECTION
 * (tests/robust/CMakeLists.txt: cxotrack_fault; the shipped library has no
 * such hook), and makes SQLite's allocator (sqlite3_config) and cJSON's
 * (cJSON_InitHooks) count against the same per-thread counter: for every N,
 * the Nth allocation of an operation fails, and then:
 * - nothing crashes;
 * - the operation returns CXO_ENOMEM with cxo_errcode() equal and a message
 *   saying "out of memory", or succeeds (SQLite recovers from some failures)
 *   with exactly the result of a run without failure;
 * - the database, reopened, passes SQLite's integrity checks and holds either
 *   the state before the import or the state after it, never a part;
 * - the same handle then does the operation again, right.
 *
 * The loops step through N by CXO_ROBUST_STRIDE (default 1: every point).
 * Each test prints how many points it tried. Memory leaks on the error paths
 * are found by the sanitizer build (LeakSanitizer) and valgrind runs. */
#include "robust.h"
#include "vfs_shim.h"

#include "../../src/util/fault.h"
#include "../c/helpers.h"

#include <cjson/cJSON.h>
#include <execinfo.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CXO_TEST_DATA_DIR
#error "CXO_TEST_DATA_DIR must be defined"
#endif

/* ---- the hooks: SQLite's and cJSON's allocators fail with the library's ---- */

static sqlite3_mem_methods g_sqlite_mem;
static int g_installed;

static void *fm_malloc(int n)
{
	return cxo__fault_alloc_hit() ? NULL : g_sqlite_mem.xMalloc(n);
}

static void *fm_realloc(void *p, int n)
{
	return cxo__fault_alloc_hit() ? NULL : g_sqlite_mem.xRealloc(p, n);
}

static void fm_free(void *p)
{
	g_sqlite_mem.xFree(p);
}

static int fm_size(void *p)
{
	return g_sqlite_mem.xSize(p);
}

static int fm_roundup(int n)
{
	return g_sqlite_mem.xRoundup(n);
}

static int fm_init(void *x)
{
	return g_sqlite_mem.xInit(x);
}

static void fm_shutdown(void *x)
{
	g_sqlite_mem.xShutdown(x);
}

static void *cj_malloc(size_t n)
{
	return cxo__fault_alloc_hit() ? NULL : malloc(n);
}

static void cj_free(void *p)
{
	free(p);
}

static void install_hooks(void)
{
	if (g_installed)
		return;
	cr_assert_eq(sqlite3_shutdown(), SQLITE_OK);
	cr_assert_eq(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_sqlite_mem), SQLITE_OK);
	static sqlite3_mem_methods wrap = { fm_malloc, fm_free, fm_realloc, fm_size, fm_roundup, fm_init, fm_shutdown, NULL };
	cr_assert_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &wrap), SQLITE_OK);
	/* without lookaside every small allocation of SQLite's is a failure point */
	cr_assert_eq(sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0), SQLITE_OK);
	cr_assert_eq(sqlite3_initialize(), SQLITE_OK);
	/* no fault of its own here: it spares the loops a sync per commit */
	rb_vfs_install();
	cJSON_Hooks hooks = { cj_malloc, cj_free };
	cJSON_InitHooks(&hooks);
	g_installed = 1;
}

/* CXO_ROBUST_TRACE=1: a backtrace of every allocation made to fail. */
static void trace(void)
{
	void *frames[64];
	int n = backtrace(frames, 64);
	fprintf(stderr, "---- allocation %ld fails:\n", cxo__fault_alloc_count());
	backtrace_symbols_fd(frames, n, 2);
}

static void setup(void)
{
	install_hooks();
	if (getenv("CXO_ROBUST_TRACE"))
		cxo__fault_alloc_on_fail(trace);
	cxo__fault_alloc_after(0);
	cxo__fault_alloc_persistent(0);
	th_setup();
}

TestSuite(alloc, .init = setup, .fini = th_teardown, .timeout = 600);

/* the regression tests try every point, whatever the environment says */
static long g_stride;

static long stride(void)
{
	if (g_stride)
		return g_stride;
	const char *s = getenv("CXO_ROBUST_STRIDE");
	long n = s ? atol(s) : 1;
	return n > 0 ? n : 1;
}

/* CXO_ROBUST_ONLY=N: try that failure point alone (to debug it). */
static long first_point(void)
{
	const char *s = getenv("CXO_ROBUST_ONLY");
	return s ? atol(s) : 1;
}

static long last_point(long total)
{
	const char *s = getenv("CXO_ROBUST_ONLY");
	return s ? atol(s) : total + 1;
}

static const char *data(const char *rel)
{
	return th_msg("%s/%s", CXO_TEST_DATA_DIR, rel);
}

/* ---- checking one run ---- */

/* A failing call: CXO_ENOMEM, the same code in cxo_errcode(), a message. */
static void expect_enomem(int rc, long n, const char *what)
{
	cr_assert_eq(rc, CXO_ENOMEM, "%s, allocation %ld failing: returned %d (%s), expected CXO_ENOMEM", what, n, rc,
	             cxo_errmsg());
	cr_assert_eq(cxo_errcode(), CXO_ENOMEM, "%s, allocation %ld failing: cxo_errcode() is %d", what, n,
	             cxo_errcode());
	cr_assert(strstr(cxo_errmsg(), "out of memory") != NULL, "%s, allocation %ld failing: message \"%s\"", what, n,
	          cxo_errmsg());
}

static void expect_state(const char *path, const char *a, const char *b, const char *what, long n)
{
	cr_assert_eq(rb_integrity(path), 0, "%s, allocation %ld failing: %s (%s)", what, n, rb_error(),
	             a == b ? "after the operation" : "after the failure");
	char *got = rb_state(path);
	cr_assert_not_null(got, "%s, allocation %ld failing: %s", what, n, rb_error());
	int ok = strcmp(got, a) == 0 || (b && strcmp(got, b) == 0);
	if (!ok) {
		size_t at = 0;
		while (got[at] && got[at] == a[at])
			at++;
		size_t from = at > 200 ? at - 200 : 0;
		cr_assert_fail("%s, allocation %ld failing: the database holds neither the state before nor the one after; "
		               "differs from the first at byte %zu:\n--- got:\n%.400s\n--- expected:\n%.400s",
		               what, n, at, got + from, a + from);
	}
	free(got);
}

/* ---- imports ---- */

typedef struct import_case {
	const char *name;
	const char *before; /* a document imported first, or NULL: an empty database */
	const char *doc;
	uint32_t flags;
	int warm; /* check the document first (unfailing): the handle's statements are prepared */
} import_case;

/* A check of the document (CXO_IMPORT_CHECK writes, then undoes it all):
 * every statement the import needs is in the handle's cache afterwards, so
 * the points tried are those of the import's own logic. */
static void warm_import(cxo_db *db, const char *doc, uint32_t flags)
{
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = flags | CXO_IMPORT_CHECK;
	int rc = cxo_import_files(NULL, db, &doc, 1, &o);
	cr_assert(rc >= 0, "checking %s: %s", doc, cxo_errmsg());
}

/* Import `doc` with allocation `fail_at` failing (0: none), then stop the
 * failures: *count receives the allocations made, *hit those that failed. */
static int do_import(cxo_db *db, const char *doc, uint32_t flags, long fail_at, char **result, long *count, long *hit)
{
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = flags;
	cxo_row *res = NULL;
	cxo__fault_alloc_after(fail_at);
	int rc = cxo_import_files(&res, db, &doc, 1, &o);
	if (count)
		*count = cxo__fault_alloc_count();
	if (hit)
		*hit = cxo__fault_alloc_failed();
	cxo__fault_alloc_after(0);
	*result = NULL;
	if (res) {
		cr_assert(rc >= 0, "an import that failed (%d) gave a result", rc);
		char *j = NULL;
		int saved = cxo_errcode();
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", cxo_errmsg());
		cr_assert_eq(cxo_row_to_json(&j, NULL, res), CXO_OK);
		cr_assert_eq(cxo_errcode(), saved);
		cr_assert_str_eq(cxo_errmsg(), msg);
		*result = strdup(j);
		cxo_free(j);
		cxo_row_free(res);
	} else {
		cr_assert(rc < 0, "an import that succeeded (%d) gave no result", rc);
	}
	return rc;
}

static void import_loop(const import_case *c)
{
	const char *tmpl = th_path("template.db"), *work = th_path("work.db");
	const char *doc = data(c->doc);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, tmpl, CXO_OPEN_CREATE));
	if (c->before) {
		const char *before = data(c->before);
		cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
		int rc = cxo_import_files(NULL, db, &before, 1, &o);
		cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s: %s", c->before, cxo_errmsg());
	}
	TH_OK(cxo_db_close(db));
	char *pre = rb_state(tmpl);
	cr_assert_not_null(pre, "%s", rb_error());

	/* the reference run, counting */
	cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
	TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
	if (c->warm)
		warm_import(db, doc, c->flags);
	char *want_result;
	long total;
	int want_rc = do_import(db, doc, c->flags, 0, &want_result, &total, NULL);
	char want_msg[1024];
	snprintf(want_msg, sizeof want_msg, "%s", cxo_errmsg());
	cr_assert(want_rc == CXO_OK || want_rc == CXO_WARNED, "%s: %s", c->doc, cxo_errmsg());
	TH_OK(cxo_db_close(db));
	char *post = rb_state(work);
	cr_assert_not_null(post, "%s", rb_error());
	cr_assert_str_neq(pre, post, "%s: the import changes nothing", c->name);

	long tried = 0, failed = 0, recovered = 0;
	for (long n = first_point(); n <= last_point(total); n += stride()) {
		cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
		TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
		if (c->warm)
			warm_import(db, doc, c->flags);
		char *result = NULL;
		long hit;
		int rc = do_import(db, doc, c->flags, n, &result, NULL, &hit);
		if (getenv("CXO_ROBUST_ONLY"))
			printf("%s, allocation %ld failing: returned %d (%s)\n", c->name, n, rc, rc ? cxo_errmsg() : "");
		tried++;
		if (rc < 0) {
			failed++;
			cr_assert(hit, "%s: failed (%d: %s) though no allocation failed", c->name, rc, cxo_errmsg());
			expect_enomem(rc, n, c->name);
			/* another handle sees the state before, all of it */
			expect_state(work, pre, NULL, c->name, n);
			/* the same handle imports the document now */
			rc = do_import(db, doc, c->flags, 0, &result, NULL, NULL);
			cr_assert_eq(rc, want_rc, "%s, after allocation %ld failed: the import again returned %d (%s)", c->name,
			             n, rc, cxo_errmsg());
		} else {
			recovered += hit > 0;
			cr_assert_eq(rc, want_rc, "%s, allocation %ld failing: returned %d, expected %d", c->name, n, rc,
			             want_rc);
		}
		if (rc == CXO_WARNED)
			cr_assert_str_eq(cxo_errmsg(), want_msg, "%s, allocation %ld failing", c->name, n);
		cr_assert_str_eq(result, want_result, "%s, allocation %ld failing: the result differs", c->name, n);
		free(result);
		TH_OK(cxo_db_close(db));
		expect_state(work, post, post, c->name, n);
	}
	cr_log_info("alloc %s: %ld allocations in the import, %ld failure points tried (%ld failed with CXO_ENOMEM, "
	            "%ld succeeded despite the failure)",
	            c->name, total, tried, failed, recovered);
	printf("alloc %s: %ld allocations, %ld points tried, %ld CXO_ENOMEM, %ld recovered\n", c->name, total, tried,
	       failed, recovered);
	free(pre);
	free(post);
	free(want_result);
}

Test(alloc, import_into_new_database)
{
	static const import_case c = { "import-new", NULL, "reports/dataset.json", 0, 0 };
	import_loop(&c);
}

Test(alloc, import_merge)
{
	static const import_case c = { "import-merge", "interchange/rich.json", "interchange/merge.json", 0, 0 };
	import_loop(&c);
}

Test(alloc, import_replace)
{
	static const import_case c = { "import-replace", "interchange/rich.json", "interchange/replace.json",
		                           CXO_IMPORT_REPLACE, 0 };
	import_loop(&c);
}

/* ---- reports ---- */

typedef struct report_case {
	int kind;
	const char *meeting, *from, *to, *topics;
	const int formats[4]; /* 0-terminated */
	const char *dataset;  /* under tests/data; NULL: the report tests' dataset */
	int warm;             /* produce it once first (unfailing): statements and caches are ready */
} report_case;

/* The dataset of the report tests (tests/c/test_reports.c): warnings, and an
 * error for lint; or the one named. */
static const char *report_database(const char *dataset)
{
	const char *path = th_path("reports.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_CREATE));
	const char *docs[] = { data(dataset ? dataset : "reports/dataset.json"), data("reports/strict.json") };
	for (int i = 0; i < (dataset ? 1 : 2); i++) {
		int rc = cxo_import_files(NULL, db, &docs[i], 1, NULL);
		cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s: %s", docs[i], cxo_errmsg());
	}
	TH_OK(cxo_db_close(db));
	return path;
}

/* The library's own buffer as the sink, or the test's (whose allocations
 * do not count). */
static int run_report(cxo_db *db, const cxo_report_options *o, int library_buffer, long fail_at, char **out,
                      long *count, long *hit)
{
	rb_sink sink = { 0 };
	cxo_buffer *buf = NULL;
	if (library_buffer)
		TH_OK(cxo_buffer_new(&buf));
	cxo__fault_alloc_after(fail_at);
	int rc = library_buffer ? cxo_report(db, o, cxo_buffer_write, buf) : cxo_report(db, o, rb_sink_write, &sink);
	if (count)
		*count = cxo__fault_alloc_count();
	if (hit)
		*hit = cxo__fault_alloc_failed();
	cxo__fault_alloc_after(0);
	if (library_buffer) {
		size_t n;
		const char *d = cxo_buffer_data(buf, &n);
		*out = strndup(d, n);
		cxo_buffer_free(buf);
	} else {
		cr_assert(!sink.fail);
		*out = rb_sink_take(&sink);
	}
	return rc;
}

static void report_loop(const report_case *c, int library_buffer)
{
	const char *path = report_database(c->dataset);
	char *pre = rb_state(path);
	cr_assert_not_null(pre, "%s", rb_error());
	for (const int *f = c->formats; *f; f++) {
		cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
		o.kind = c->kind;
		o.format = *f;
		o.meeting = c->meeting;
		o.from = c->from;
		o.to = c->to;
		o.topics = c->topics;
		char name[64];
		snprintf(name, sizeof name, "report %s %s%s", cxo_report_name(c->kind), cxo_format_name(*f),
		         library_buffer ? " (cxo_buffer)" : "");

		cxo_db *db = NULL;
		TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
		char *want;
		long total;
		if (c->warm) {
			TH_OK(run_report(db, &o, library_buffer, 0, &want, NULL, NULL) < 0);
			free(want);
		}
		int want_rc = run_report(db, &o, library_buffer, 0, &want, &total, NULL);
		cr_assert(want_rc == CXO_OK || want_rc == CXO_WARNED, "%s: %d %s", name, want_rc, cxo_errmsg());
		char want_msg[1024];
		snprintf(want_msg, sizeof want_msg, "%s", cxo_errmsg());
		TH_OK(cxo_db_close(db));

		long tried = 0, failed = 0, recovered = 0;
		for (long n = first_point(); n <= last_point(total); n += stride()) {
			TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
			char *got;
			long hit;
			if (c->warm) {
				TH_OK(run_report(db, &o, library_buffer, 0, &got, NULL, NULL) < 0);
				free(got);
			}
			int rc = run_report(db, &o, library_buffer, n, &got, NULL, &hit);
			tried++;
			if (rc < 0) {
				failed++;
				cr_assert(hit, "%s: failed (%d: %s) though no allocation failed", name, rc, cxo_errmsg());
				expect_enomem(rc, n, name);
				free(got);
				/* the same handle, again */
				rc = run_report(db, &o, library_buffer, 0, &got, NULL, NULL);
			} else {
				recovered += hit > 0;
			}
			cr_assert_eq(rc, want_rc, "%s, allocation %ld failing: returned %d (%s), expected %d", name, n, rc,
			             cxo_errmsg(), want_rc);
			if (rc == CXO_WARNED)
				cr_assert_str_eq(cxo_errmsg(), want_msg, "%s, allocation %ld failing", name, n);
			if (strcmp(got, want) != 0) {
				size_t at = 0;
				while (got[at] && got[at] == want[at])
					at++;
				size_t from = at > 200 ? at - 200 : 0;
				cr_assert_fail("%s, allocation %ld failing: the output differs at byte %zu:\n--- got:\n%.400s\n--- "
				               "expected:\n%.400s",
				               name, n, at, got + from, want + from);
			}
			free(got);
			TH_OK(cxo_db_close(db));
		}
		printf("alloc %s: %ld allocations, %ld points tried, %ld CXO_ENOMEM, %ld recovered\n", name, total, tried,
		       failed, recovered);
		free(want);
	}
	/* reports write nothing */
	expect_state(path, pre, NULL, "reports", 0);
	free(pre);
}

#define JMH { CXO_FORMAT_JSON, CXO_FORMAT_MARKDOWN, CXO_FORMAT_HTML, 0 }
#define JMC { CXO_FORMAT_JSON, CXO_FORMAT_MARKDOWN, CXO_FORMAT_CSV, 0 }
#define J { CXO_FORMAT_JSON, 0 }

Test(alloc, report_tsag)
{
	static const report_case c = { CXO_REPORT_TSAG, "cto-2018-buenos-aires", NULL, NULL, NULL, JMH, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_followup)
{
	static const report_case c = { CXO_REPORT_FOLLOWUP, NULL, NULL, NULL, NULL, JMC, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_period)
{
	static const report_case c = { CXO_REPORT_PERIOD, NULL, "cons-2015-cjk", "cto-2018-buenos-aires", NULL, J, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_matrix)
{
	static const report_case c = { CXO_REPORT_MATRIX, NULL, NULL, NULL, NULL,
		                           { CXO_FORMAT_JSON, CXO_FORMAT_CSV, CXO_FORMAT_HTML, 0 }, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_diff)
{
	static const report_case c = { CXO_REPORT_DIFF, NULL, "cxo-2014-dubai", "cto-2017-busan", NULL, JMC, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_agenda)
{
	static const report_case c = { CXO_REPORT_AGENDA, "cto-2019-geneva", NULL, NULL, NULL, J, NULL, 0 };
	report_loop(&c, 0);
	static const report_case t = { CXO_REPORT_AGENDA, NULL, NULL, NULL, "sec,iot-sc,quantum", J, NULL, 0 };
	report_loop(&t, 0);
}

Test(alloc, report_participation)
{
	static const report_case c = { CXO_REPORT_PARTICIPATION, NULL, NULL, NULL, NULL, JMC, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_analysis)
{
	static const report_case c = { CXO_REPORT_ANALYSIS, NULL, NULL, NULL, NULL, J, NULL, 0 };
	report_loop(&c, 0);
}

Test(alloc, report_lint)
{
	static const report_case c = { CXO_REPORT_LINT, NULL, NULL, NULL, NULL, JMH, NULL, 0 };
	report_loop(&c, 0);
}

/* The bindings' sink: the library's buffer, whose growth can fail too. */
Test(alloc, report_into_cxo_buffer)
{
	static const report_case c = { CXO_REPORT_MATRIX, NULL, NULL, NULL, NULL, J, NULL, 0 };
	report_loop(&c, 1);
}

/* ---- single changes through the record API ---- */

typedef int (*change_fn)(cxo_db *db, const cxo_row *arg);

typedef struct change_case {
	const char *name;
	change_fn fn;
	const char *row; /* JSON of the row given to fn, or NULL */
} change_case;

static int ch_create_topic(cxo_db *db, const cxo_row *r)
{
	return cxo_record_create(db, CXO_KIND_TOPIC, r);
}

static int ch_update_meeting(cxo_db *db, const cxo_row *r)
{
	return cxo_record_update(db, CXO_KIND_MEETING, r);
}

static int ch_create_observation(cxo_db *db, const cxo_row *r)
{
	return cxo_record_create(db, CXO_KIND_OBSERVATION, r);
}

static int ch_delete_meeting_cascade(cxo_db *db, const cxo_row *r)
{
	(void)r;
	return cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("cto-2013-bangkok"), 1, CXO_DELETE_CASCADE);
}

static int ch_rename(cxo_db *db, const cxo_row *r)
{
	(void)r;
	return cxo_topic_rename(db, "qos-qoe", "qoe", "Quality of experience", "cto-2015-budapest");
}

/* Two changes in one explicit transaction. */
static int ch_explicit_transaction(cxo_db *db, const cxo_row *r)
{
	int rc = cxo_db_begin(db);
	if (rc)
		return rc;
	rc = cxo_record_create(db, CXO_KIND_TOPIC, r);
	if (rc >= 0)
		rc = cxo_record_delete(db, CXO_KIND_TOPIC, TH_KEY("digital-finance"), 1, CXO_DELETE_CASCADE);
	if (rc < 0) {
		cxo_db_rollback(db);
		return rc;
	}
	return cxo_db_commit(db);
}

static void change_loop(const change_case *c)
{
	const char *tmpl = th_path("template.db"), *work = th_path("work.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, tmpl, CXO_OPEN_CREATE));
	const char *rich = data("interchange/rich.json");
	int rc = cxo_import_files(NULL, db, &rich, 1, NULL);
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s", cxo_errmsg());
	TH_OK(cxo_db_close(db));
	char *pre = rb_state(tmpl);
	cr_assert_not_null(pre, "%s", rb_error());
	cxo_row *arg = c->row ? th_row(c->row) : NULL;

	cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
	TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
	cxo__fault_alloc_after(0);
	int want_rc = c->fn(db, arg);
	long total = cxo__fault_alloc_count();
	cr_assert(want_rc == CXO_OK || want_rc == CXO_WARNED, "%s: %d %s", c->name, want_rc, cxo_errmsg());
	TH_OK(cxo_db_close(db));
	char *post = rb_state(work);
	cr_assert_not_null(post, "%s", rb_error());
	cr_assert_str_neq(pre, post, "%s changes nothing", c->name);

	long tried = 0, failed = 0, recovered = 0;
	for (long n = first_point(); n <= last_point(total); n += stride()) {
		cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
		TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
		cxo__fault_alloc_after(n);
		rc = c->fn(db, arg);
		long hit = cxo__fault_alloc_failed();
		cxo__fault_alloc_after(0);
		tried++;
		if (rc < 0) {
			failed++;
			cr_assert(hit, "%s: failed (%d: %s) though no allocation failed", c->name, rc, cxo_errmsg());
			expect_enomem(rc, n, c->name);
			expect_state(work, pre, NULL, c->name, n);
			rc = c->fn(db, arg);
		} else {
			recovered += hit > 0;
		}
		cr_assert_eq(rc, want_rc, "%s, allocation %ld failing: returned %d (%s), expected %d", c->name, n, rc,
		             cxo_errmsg(), want_rc);
		TH_OK(cxo_db_close(db));
		expect_state(work, post, post, c->name, n);
	}
	printf("alloc %s: %ld allocations, %ld points tried, %ld CXO_ENOMEM, %ld recovered\n", c->name, total, tried,
	       failed, recovered);
	cxo_row_free(arg);
	free(pre);
	free(post);
}

Test(alloc, change_create_topic)
{
	static const change_case c = {
		"create topic", ch_create_topic,
		"{\"id\": \"sat\", \"title\": \"Satellite networks\", \"tags\": [\"space\", \"mobile\"], \"aliases\": [\"NTN\"],"
		" \"relations\": [{\"type\": \"related\", \"topic\": \"imt-2020\"}]}"
	};
	change_loop(&c);
}

Test(alloc, change_update_meeting)
{
	static const change_case c = {
		"update meeting", ch_update_meeting,
		"{\"id\": \"cto-2013-bangkok\", \"city\": \"Bangkok\", \"date\": \"2013-11-19\","
		" \"sources\": [{\"ref\": \"CTO-2013 communique\", \"url\": \"https://example.org/c\"}]}"
	};
	change_loop(&c);
}

Test(alloc, change_create_observation)
{
	static const change_case c = {
		"create observation", ch_create_observation,
		"{\"topic\": \"imt-2020\", \"meeting\": \"cto-2030-tokyo\", \"status\": \"closed\", \"note\": \"done\"}"
	};
	change_loop(&c);
}

Test(alloc, change_delete_cascade)
{
	static const change_case c = { "delete meeting cascade", ch_delete_meeting_cascade, NULL };
	change_loop(&c);
}

Test(alloc, change_rename)
{
	static const change_case c = { "rename topic", ch_rename, NULL };
	change_loop(&c);
}

Test(alloc, change_explicit_transaction)
{
	static const change_case c = { "explicit transaction", ch_explicit_transaction,
		                           "{\"id\": \"sat\", \"title\": \"Satellite networks\"}" };
	change_loop(&c);
}

/* ---- queries and export ---- */

typedef int (*query_fn)(cxo_db *db, char **json);

static int cursor_text(cxo_cursor *cur, int rc, char **json)
{
	*json = NULL;
	if (rc) {
		cr_assert_null(cur, "a query that failed (%d) left a cursor", rc);
		return rc;
	}
	char *j = NULL;
	rc = cxo_cursor_json(&j, NULL, cur);
	cxo_cursor_free(cur);
	if (rc) {
		cr_assert_null(j);
		return rc;
	}
	*json = strdup(j);
	cxo_free(j);
	return CXO_OK;
}

static int q_lists(cxo_db *db, char **json)
{
	rb_sink all = { 0 };
	for (int k = CXO_KIND_MEETING; k <= CXO_KIND_ATTENDANCE; k++) {
		cxo_cursor *cur = (cxo_cursor *)(intptr_t)-1;
		char *j;
		int rc = cxo_record_list(&cur, db, (cxo_kind)k, NULL);
		rc = cursor_text(cur, rc, &j);
		if (rc) {
			rb_sink_reset(&all);
			return rc;
		}
		rb_sink_write(&all, j, strlen(j));
		free(j);
	}
	*json = rb_sink_take(&all);
	return CXO_OK;
}

static int q_history(cxo_db *db, char **json)
{
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_LINEAGE;
	cxo_cursor *cur = (cxo_cursor *)(intptr_t)-1;
	int rc = cxo_topic_history(&cur, db, "ai-networks", &q);
	return cursor_text(cur, rc, json);
}

static int q_search(cxo_db *db, char **json)
{
	cxo_cursor *cur = (cxo_cursor *)(intptr_t)-1;
	int rc = cxo_search(&cur, db, "network", NULL);
	return cursor_text(cur, rc, json);
}

static int q_get(cxo_db *db, char **json)
{
	cxo_row *row = (cxo_row *)(intptr_t)-1;
	int rc = cxo_record_get(&row, db, CXO_KIND_CONCLUSION, TH_KEY("cto-2013-bangkok/3"), 1);
	*json = NULL;
	if (rc) {
		cr_assert_null(row, "a get that failed (%d) left a row", rc);
		return rc;
	}
	char *j = NULL;
	rc = cxo_row_to_json(&j, NULL, row);
	cxo_row_free(row);
	if (!rc)
		*json = strdup(j);
	cxo_free(j);
	return rc;
}

static int q_export(cxo_db *db, char **json)
{
	cxo_buffer *buf = NULL;
	int rc = cxo_buffer_new(&buf);
	*json = NULL;
	if (rc) {
		cr_assert_null(buf);
		return rc;
	}
	cxo_export_options o = CXO_EXPORT_OPTIONS_INIT;
	o.topic = "ai-networks";
	rc = cxo_export_json(db, &o, cxo_buffer_write, buf);
	if (!rc)
		*json = strdup(cxo_buffer_data(buf, NULL));
	cxo_buffer_free(buf);
	return rc;
}

/* `dataset` given: the small one, and the handle warmed by the query first */
static void query_loop(const char *name, query_fn fn, const char *dataset)
{
	const char *path = th_path("q.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_CREATE));
	const char *rich = data(dataset ? dataset : "interchange/rich.json");
	int rc = cxo_import_files(NULL, db, &rich, 1, NULL);
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s", cxo_errmsg());
	TH_OK(cxo_db_close(db));

	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	char *want;
	if (dataset) {
		TH_OK(fn(db, &want));
		free(want);
	}
	cxo__fault_alloc_after(0);
	rc = fn(db, &want);
	long total = cxo__fault_alloc_count();
	TH_OK(rc);
	TH_OK(cxo_db_close(db));
	long tried = 0, failed = 0;
	for (long n = first_point(); n <= last_point(total); n += stride()) {
		TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
		char *got = NULL;
		if (dataset) {
			TH_OK(fn(db, &got));
			free(got);
			got = NULL;
		}
		cxo__fault_alloc_after(n);
		rc = fn(db, &got);
		long hit = cxo__fault_alloc_failed();
		cxo__fault_alloc_after(0);
		tried++;
		if (getenv("CXO_ROBUST_ONLY"))
			printf("%s, allocation %ld failing: returned %d (%s): %s\n", name, n, rc, rc ? cxo_errmsg() : "",
			       got ? got : "");
		if (rc < 0) {
			failed++;
			cr_assert(hit, "%s: failed (%d: %s) though no allocation failed", name, rc, cxo_errmsg());
			expect_enomem(rc, n, name);
			rc = fn(db, &got);
		}
		TH_OK(rc);
		if (strcmp(got, want) != 0) {
			size_t at = 0;
			while (got[at] && got[at] == want[at])
				at++;
			size_t from = at > 200 ? at - 200 : 0;
			cr_assert_fail("%s, allocation %ld failing: the result differs at byte %zu:\n--- got:\n%.400s\n--- "
			               "expected:\n%.400s",
			               name, n, at, got + from, want + from);
		}
		free(got);
		TH_OK(cxo_db_close(db));
	}
	printf("alloc %s: %ld allocations, %ld points tried, %ld CXO_ENOMEM\n", name, total, tried, failed);
	free(want);
}

Test(alloc, query_lists)
{
	query_loop("record lists", q_lists, NULL);
}

Test(alloc, query_history_search_get)
{
	query_loop("topic history (lineage)", q_history, NULL);
	query_loop("search", q_search, NULL);
	query_loop("record get", q_get, NULL);
}

Test(alloc, export_part_into_cxo_buffer)
{
	query_loop("export (topic, cxo_buffer)", q_export, NULL);
}

/* ---- opening ---- */

Test(alloc, open_create_and_existing)
{
	const char *fresh = th_path("fresh.db"), *ref = th_path("ref.db");
	cxo_db *db = NULL;
	cxo__fault_alloc_after(0);
	TH_OK(cxo_db_open(&db, ref, CXO_OPEN_CREATE));
	long total_create = cxo__fault_alloc_count();
	TH_OK(cxo_db_close(db));
	char *empty = rb_state(ref);
	cr_assert_not_null(empty, "%s", rb_error());
	long tried = 0, failed = 0;
	for (long n = first_point(); n <= last_point(total_create); n += stride()) {
		rb_remove_db(fresh);
		db = (cxo_db *)(intptr_t)-1;
		cxo__fault_alloc_after(n);
		int rc = cxo_db_open(&db, fresh, CXO_OPEN_CREATE);
		cxo__fault_alloc_after(0);
		tried++;
		if (rc) {
			failed++;
			cr_assert_null(db);
			expect_enomem(rc, n, "open (create)");
			/* what is left is an empty file or nothing: creating works now */
			TH_OK(cxo_db_open(&db, fresh, CXO_OPEN_CREATE));
		}
		TH_OK(cxo_db_close(db));
		expect_state(fresh, empty, NULL, "open (create)", n);
	}
	cxo__fault_alloc_after(0);
	TH_OK(cxo_db_open(&db, ref, CXO_OPEN_READWRITE));
	long total_open = cxo__fault_alloc_count();
	TH_OK(cxo_db_close(db));
	for (long n = first_point(); n <= last_point(total_open); n += stride()) {
		for (int ro = 0; ro < 2; ro++) {
			db = (cxo_db *)(intptr_t)-1;
			cxo__fault_alloc_after(n);
			int rc = cxo_db_open(&db, ref, ro ? CXO_OPEN_READONLY : CXO_OPEN_READWRITE);
			cxo__fault_alloc_after(0);
			tried++;
			if (rc) {
				failed++;
				cr_assert_null(db);
				expect_enomem(rc, n, ro ? "open (read-only)" : "open");
			} else {
				TH_OK(cxo_db_close(db));
			}
		}
	}
	expect_state(ref, empty, NULL, "open", 0);
	printf("alloc open: %ld + %ld allocations, %ld points tried, %ld CXO_ENOMEM\n", total_create, total_open, tried,
	       failed);
	free(empty);
}

/* An explicit transaction whose first change (A, of kind `ka`) fails goes on:
 * the second change and the commit either land with the transaction intact
 * (state "B only"), or, when the whole transaction had to be rolled back,
 * fail and leave the database as it was; never the second change alone
 * committed on its own. */
static void explicit_after_failure(cxo_kind ka, const char *a_json)
{
	const char *tmpl = th_path("template.db"), *work = th_path("work.db"), *bonly = th_path("bonly.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, tmpl, CXO_OPEN_CREATE));
	const char *rich = data("interchange/rich.json");
	int rc = cxo_import_files(NULL, db, &rich, 1, NULL);
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s", cxo_errmsg());
	TH_OK(cxo_db_close(db));
	char *pre = rb_state(tmpl);
	cxo_row *a = th_row(a_json);
	cxo_row *b = th_row("{\"id\": \"cto-2013-bangkok\", \"city\": \"Krung Thep\"}");

	/* the states: only B, and A and B */
	cr_assert_eq(rb_copy_db(tmpl, bonly), 0);
	TH_OK(cxo_db_open(&db, bonly, CXO_OPEN_READWRITE));
	TH_OK(cxo_record_update(db, CXO_KIND_MEETING, b));
	TH_OK(cxo_db_close(db));
	char *b_only = rb_state(bonly);
	cr_assert_str_neq(b_only, pre);
	cr_assert_eq(rb_copy_db(tmpl, work), 0);
	TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
	TH_OK(cxo_db_begin(db));
	cxo__fault_alloc_after(0);
	TH_OK(cxo_record_create(db, ka, a));
	long total = cxo__fault_alloc_count();
	TH_OK(cxo_record_update(db, CXO_KIND_MEETING, b));
	TH_OK(cxo_db_commit(db));
	TH_OK(cxo_db_close(db));
	char *both = rb_state(work);

	long tried = 0, kept = 0, lost = 0;
	for (long n = first_point(); n <= last_point(total); n += stride()) {
		cr_assert_eq(rb_copy_db(tmpl, work), 0);
		TH_OK(cxo_db_open(&db, work, CXO_OPEN_READWRITE));
		TH_OK(cxo_db_begin(db));
		cxo__fault_alloc_after(n);
		int rca = cxo_record_create(db, ka, a);
		cxo__fault_alloc_after(0);
		tried++;
		if (rca < 0)
			expect_enomem(rca, n, "explicit transaction, first change");
		int rcb = cxo_record_update(db, CXO_KIND_MEETING, b);
		char msgb[1024];
		snprintf(msgb, sizeof msgb, "%s", cxo_errmsg());
		int rcc = rcb < 0 ? cxo_db_rollback(db) : cxo_db_commit(db);
		if (getenv("CXO_ROBUST_ONLY"))
			printf("allocation %ld failing: first change %d, second %d (%s), commit %d (%s)\n", n, rca, rcb,
			       rcb ? msgb : "", rcc, rcc ? cxo_errmsg() : "");
		if (rcb < 0) {
			cr_assert(rca < 0, "allocation %ld failing: the second change failed (%s) after the first succeeded", n,
			          cxo_errmsg());
			cr_assert_eq(rcb, CXO_ESTORAGE, "allocation %ld failing: %s", n, cxo_errmsg());
			TH_OK(rcc);
		}
		TH_OK(cxo_db_close(db));
		if (rcb < 0 || rcc < 0) {
			lost++;
			expect_state(work, pre, pre, "explicit transaction lost", n);
		} else {
			kept += rca < 0;
			expect_state(work, rca < 0 ? b_only : both, rca < 0 ? b_only : both, "explicit transaction", n);
		}
	}
	printf("alloc explicit transaction, %s first: %ld allocations, %ld points tried, %ld kept the transaction, %ld "
	       "lost it\n", cxo_kind_name(ka), total, tried, kept, lost);
	cxo_row_free(a);
	cxo_row_free(b);
	free(pre);
	free(b_only);
	free(both);
}

Test(regress, explicit_transaction_after_failure)
{
	explicit_after_failure(CXO_KIND_TOPIC, "{\"id\": \"sat\", \"title\": \"Satellite networks\", \"tags\": "
	                                       "[\"space\"], \"relations\": [{\"type\": \"related\", \"topic\": \"imt-2020\"}]}");
}

/* An observation takes no savepoint in an explicit transaction (its refusals
 * all come before its first write): failing part-way through its writes, it
 * rolls the whole transaction back. */
Test(regress, explicit_transaction_after_failed_observation)
{
	explicit_after_failure(CXO_KIND_OBSERVATION, "{\"topic\": \"imt-2020\", \"date\": \"2016-03-01\", \"status\": "
	                                             "\"in-progress\", \"note\": \"Half way\", \"sources\": [{\"ref\": \"X\"}]}");
}

/* ---- regression tests: every point of small operations on a small dataset,
 * each reaching the code of a bug the loops above found (see the comments) ---- */

static void regress_setup(void)
{
	setup();
	g_stride = 1;
}

TestSuite(regress, .init = regress_setup, .fini = th_teardown, .timeout = 600);

/* An import into a new database: SQLite's FTS5 (3.40) kept a stale view of
 * the search index after a transaction that running out of memory rolled
 * back, and the next import through the handle corrupted the index (txn.c:
 * reset_vtabs); the import's result was built after the commit, so running
 * out of memory then reported as failed an import that had landed. */
Test(regress, import_into_new_database)
{
	static const import_case c = { "regress import-new", NULL, "robust/tiny.json", 0, 1 };
	import_loop(&c);
}

/* An import that changes a lifecycle's statuses: a failed step of "does this
 * status exist" was taken for "no", and the status inserted again (or, with
 * the transaction rolled back by SQLite, inserted outside it). */
Test(regress, import_update)
{
	static const import_case c = { "regress import-update", "robust/tiny.json", "robust/tiny2.json", 0, 1 };
	import_loop(&c);
}

/* tsag: sources and titles silently left out when their buffer could not
 * grow; a cursor left uninitialised by a failing query and then freed. */
Test(regress, report_tsag)
{
	static const report_case c = { CXO_REPORT_TSAG, "m2", NULL, NULL, NULL, JMH, "robust/tiny.json", 1 };
	report_loop(&c, 0);
}

/* analysis: a median reported as null when its sort ran out of memory */
Test(regress, report_analysis)
{
	static const report_case c = { CXO_REPORT_ANALYSIS, NULL, NULL, NULL, NULL, J, "robust/tiny.json", 1 };
	report_loop(&c, 0);
}

/* agenda, diff, period: an uninitialised cursor freed after a failing query */
Test(regress, report_agenda_diff_period)
{
	static const report_case a = { CXO_REPORT_AGENDA, "m2", NULL, NULL, NULL, J, "robust/tiny.json", 1 };
	report_loop(&a, 0);
	static const report_case d = { CXO_REPORT_DIFF, NULL, "m1", "m2", NULL, J, "robust/tiny.json", 1 };
	report_loop(&d, 0);
	static const report_case p = { CXO_REPORT_PERIOD, NULL, "m1", "m2", NULL, J, "robust/tiny.json", 1 };
	report_loop(&p, 0);
}

/* the library's own buffer as the sink: CXO_EIO ("the sink refused it")
 * instead of CXO_ENOMEM */
Test(regress, report_into_cxo_buffer)
{
	static const report_case c = { CXO_REPORT_MATRIX, NULL, NULL, NULL, NULL, J, "robust/tiny.json", 1 };
	report_loop(&c, 1);
}

static int q_search_tiny(cxo_db *db, char **json)
{
	cxo_cursor *cur = (cxo_cursor *)(intptr_t)-1;
	int rc = cxo_search(&cur, db, "networks study", NULL);
	return cursor_text(cur, rc, json);
}

static int q_search_tiny_one(cxo_db *db, char **json)
{
	cxo_cursor *cur = (cxo_cursor *)(intptr_t)-1;
	int rc = cxo_search(&cur, db, "networks", NULL);
	return cursor_text(cur, rc, json);
}

/* search: SQLite's snippet() lost the words found to a failed allocation and
 * returned another column's text, and the search "succeeded" (search.c) */
Test(regress, search)
{
	query_loop("regress search", q_search_tiny_one, "robust/tiny.json");
	query_loop("regress search (two words)", q_search_tiny, "robust/tiny.json");
}
