/* Concurrency (issue 9, part 5).
 *
 * Several processes (fork), each with several threads, each thread with a
 * handle of its own, use one database at once for a bounded time
 * (CXO_ROBUST_SECONDS, default 3):
 * - writers add pairs of topics, each with an observation at the same
 *   meeting, in one transaction: by explicit transaction (cxo_db_begin), or by
 *   importing a small document;
 * - readers produce the matrix report, list the observations through a
 *   cursor, or export the database, and check that every topic "...-a" comes
 *   with its "...-b" (no reader sees half a transaction).
 * No call may fail: in particular no CXO_EBUSY under the default busy
 * timeout. At the end, every pair written is there (no write lost), and the
 * file passes SQLite's integrity checks. A second test has processes create
 * the same new database at the same moment. Each test prints its counts. */
#include "robust.h"

#include "../c/helpers.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

TestSuite(concurrency, .init = th_setup, .fini = th_teardown, .timeout = 600);

enum { PROCESSES = 3, WRITERS = 2, READERS = 2, THREADS = WRITERS + READERS };

static long env_long(const char *name, long dflt)
{
	const char *s = getenv(name);
	return s && *s ? atol(s) : dflt;
}

typedef struct counts {
	long txns, imports, reports, cursors, exports, pairs_seen;
	long failures, busy;
	char msg[600];
} counts;

typedef struct worker {
	const char *path;
	int process, thread;
	double until;
	counts c;
} worker;

static void failf(counts *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void failf(counts *c, const char *fmt, ...)
{
	if (c->failures++)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
}

/* A call that must succeed (CXO_WARNED counts as success). */
static int ok(counts *c, int rc, const char *what)
{
	if (rc >= 0)
		return 1;
	if (rc == CXO_EBUSY)
		c->busy++;
	failf(c, "%s: %d %s", what, rc, cxo_errmsg());
	return 0;
}

/* ---- writers ---- */

static int create(cxo_db *db, cxo_kind kind, const char *json)
{
	cxo_row *r = NULL;
	int rc = cxo_row_from_json(&r, json, strlen(json));
	if (rc == CXO_OK)
		rc = cxo_record_create(db, kind, r);
	cxo_row_free(r);
	return rc;
}

/* Two topics and their observations in an explicit transaction. */
static void write_txn(cxo_db *db, const char *id, counts *c)
{
	char json[512];
	if (!ok(c, cxo_db_begin(db), "begin"))
		return;
	int rc = CXO_OK;
	for (int k = 0; k < 2 && rc >= 0; k++) {
		snprintf(json, sizeof json, "{\"id\": \"%s-%c\", \"title\": \"Pair %s\"}", id, 'a' + k, id);
		rc = create(db, CXO_KIND_TOPIC, json);
		if (rc >= 0) {
			snprintf(json, sizeof json, "{\"topic\": \"%s-%c\", \"meeting\": \"m0\", \"status\": \"raised\"}", id,
			         'a' + k);
			rc = create(db, CXO_KIND_OBSERVATION, json);
		}
	}
	if (!ok(c, rc, "writing a pair")) {
		cxo_db_rollback(db);
		return;
	}
	if (ok(c, cxo_db_commit(db), "commit"))
		c->txns++;
}

/* The same, as a document. */
static void write_import(cxo_db *db, const char *id, counts *c)
{
	char doc[1024];
	int n = snprintf(doc, sizeof doc,
	                 "{\"format\": \"cxotrack\", \"version\": 1, \"topics\": [{\"id\": \"%s-a\", \"title\": \"Pair %s\"},"
	                 " {\"id\": \"%s-b\", \"title\": \"Pair %s\"}], \"observations\": [{\"topic\": \"%s-a\", \"meeting\":"
	                 " \"m0\", \"status\": \"raised\"}, {\"topic\": \"%s-b\", \"meeting\": \"m0\", \"status\": \"raised\"}]}",
	                 id, id, id, id, id, id);
	if (ok(c, cxo_import_json(NULL, db, doc, (size_t)n, NULL), "importing a pair"))
		c->imports++;
}

/* ---- readers ---- */

/* Every "<id>-a" in `ids` has its "<id>-b" and the other way round; the
 * topics of the base dataset ("t...") are ignored. */
static long check_pairs(cJSON *ids, const char *what, counts *c)
{
	long a = 0, b = 0;
	cJSON *x;
	cJSON_ArrayForEach(x, ids) {
		const char *s = cJSON_GetStringValue(x);
		size_t len = s ? strlen(s) : 0;
		if (!s || s[0] != 'w' || len < 3)
			continue;
		char other[256];
		snprintf(other, sizeof other, "%.*s-%c", (int)(len - 2), s, s[len - 1] == 'a' ? 'b' : 'a');
		int found = 0;
		cJSON *y;
		cJSON_ArrayForEach(y, ids) {
			const char *t = cJSON_GetStringValue(y);
			if (t && strcmp(t, other) == 0) {
				found = 1;
				break;
			}
		}
		if (!found) {
			failf(c, "%s: %s without %s: a reader saw half a transaction", what, s, other);
			return -1;
		}
		if (s[len - 1] == 'a')
			a++;
		else
			b++;
	}
	if (a != b)
		failf(c, "%s: %ld topics -a, %ld topics -b", what, a, b);
	c->pairs_seen += a;
	return a;
}

/* The `field` of each element of `list`, as a JSON array of strings. */
static cJSON *field_of(const cJSON *list, const char *field)
{
	cJSON *ids = cJSON_CreateArray();
	const cJSON *x;
	cJSON_ArrayForEach(x, list) {
		const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, field));
		if (s)
			cJSON_AddItemToArray(ids, cJSON_CreateString(s));
	}
	return ids;
}

static void read_report(cxo_db *db, counts *c)
{
	rb_sink out = { 0 };
	cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
	o.kind = CXO_REPORT_MATRIX;
	if (!ok(c, cxo_report(db, &o, rb_sink_write, &out), "matrix report")) {
		rb_sink_reset(&out);
		return;
	}
	cJSON *j = cJSON_Parse(out.data);
	rb_sink_reset(&out);
	if (!j) {
		failf(c, "the matrix report is not JSON");
		return;
	}
	cJSON *ids = field_of(cJSON_GetObjectItemCaseSensitive(j, "topics"), "topic");
	check_pairs(ids, "matrix report", c);
	cJSON_Delete(ids);
	cJSON_Delete(j);
	c->reports++;
}

static void read_cursor(cxo_db *db, counts *c)
{
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = "m0";
	cxo_cursor *cur = NULL;
	if (!ok(c, cxo_record_list(&cur, db, CXO_KIND_OBSERVATION, &q), "listing observations"))
		return;
	cJSON *ids = cJSON_CreateArray();
	const cxo_row *row;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		cJSON_AddItemToArray(ids, cJSON_CreateString(cxo_row_text(row, "topic")));
	cxo_cursor_free(cur);
	if (rc == CXO_DONE) {
		check_pairs(ids, "observation cursor", c);
		c->cursors++;
	} else {
		ok(c, rc, "reading observations");
	}
	cJSON_Delete(ids);
}

static void read_export(cxo_db *db, counts *c)
{
	rb_sink out = { 0 };
	cxo_export_options o = CXO_EXPORT_OPTIONS_INIT;
	if (!ok(c, cxo_export_json(db, &o, rb_sink_write, &out), "export")) {
		rb_sink_reset(&out);
		return;
	}
	cJSON *j = cJSON_Parse(out.data);
	rb_sink_reset(&out);
	if (!j) {
		failf(c, "the export is not JSON");
		return;
	}
	cJSON *t = field_of(cJSON_GetObjectItemCaseSensitive(j, "topics"), "id");
	cJSON *o2 = field_of(cJSON_GetObjectItemCaseSensitive(j, "observations"), "topic");
	long nt = check_pairs(t, "export (topics)", c), no = check_pairs(o2, "export (observations)", c);
	if (nt != no)
		failf(c, "export: %ld pairs of topics but %ld pairs of observations", nt, no);
	cJSON_Delete(t);
	cJSON_Delete(o2);
	cJSON_Delete(j);
	c->exports++;
}

static void *work(void *arg)
{
	worker *w = arg;
	cxo_db *db = NULL;
	if (!ok(&w->c, cxo_db_open(&db, w->path, CXO_OPEN_READWRITE), "open"))
		return NULL;
	int writer = w->thread < WRITERS;
	for (long i = 0; rb_now_ms() < w->until && !w->c.failures; i++) {
		if (writer) {
			char id[64];
			snprintf(id, sizeof id, "w%d-%d-%ld", w->process, w->thread, i);
			if (i % 2)
				write_import(db, id, &w->c);
			else
				write_txn(db, id, &w->c);
		} else {
			switch ((i + w->thread) % 3) {
			case 0: read_report(db, &w->c); break;
			case 1: read_cursor(db, &w->c); break;
			default: read_export(db, &w->c); break;
			}
		}
	}
	ok(&w->c, cxo_db_close(db), "close");
	return NULL;
}

/* One process: its threads, then their counts summed into `out`. */
static void run_process(const char *path, int p, double until, counts *out)
{
	worker w[THREADS];
	pthread_t t[THREADS];
	memset(w, 0, sizeof w);
	for (int i = 0; i < THREADS; i++) {
		w[i].path = path;
		w[i].process = p;
		w[i].thread = i;
		w[i].until = until;
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0)
			failf(&w[i].c, "pthread_create failed");
	}
	memset(out, 0, sizeof *out);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		out->txns += w[i].c.txns;
		out->imports += w[i].c.imports;
		out->reports += w[i].c.reports;
		out->cursors += w[i].c.cursors;
		out->exports += w[i].c.exports;
		out->pairs_seen += w[i].c.pairs_seen;
		out->busy += w[i].c.busy;
		if (w[i].c.failures && !out->failures)
			snprintf(out->msg, sizeof out->msg, "process %d, thread %d: %.500s", p, i, w[i].c.msg);
		out->failures += w[i].c.failures;
	}
}

static long count_pairs(const char *path)
{
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
	const cxo_row *row;
	long a = 0, b = 0;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		const char *id = cxo_row_text(row, "id");
		if (id[0] == 'w') {
			a += id[strlen(id) - 1] == 'a';
			b += id[strlen(id) - 1] == 'b';
			cr_assert_str_eq(cxo_row_text(row, "status"), "raised", "topic %s has no observation", id);
		}
	}
	cr_assert_eq(rc, CXO_DONE, "%s", cxo_errmsg());
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
	cr_assert_eq(a, b, "%ld topics -a but %ld topics -b", a, b);
	return a;
}

Test(concurrency, processes_and_threads)
{
	const char *path = th_path("shared.db");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_CREATE));
	TH_CREATE(db, CXO_KIND_MEETING, "{\"id\": \"m0\", \"kind\": \"cto\", \"date\": \"2020-01-01\"}");
	TH_CREATE(db, CXO_KIND_TOPIC, "{\"id\": \"t0\", \"title\": \"Base\"}");
	TH_OK(cxo_db_close(db));
	double seconds = (double)env_long("CXO_ROBUST_SECONDS", 3);
	double start = rb_now_ms(), until = start + seconds * 1000;

	pid_t pids[PROCESSES];
	int fds[PROCESSES];
	for (int p = 0; p < PROCESSES; p++) {
		int pipefd[2];
		cr_assert_eq(pipe(pipefd), 0);
		pids[p] = fork();
		cr_assert_neq(pids[p], -1, "fork: %s", strerror(errno));
		if (pids[p] == 0) {
			close(pipefd[0]);
			counts c;
			run_process(path, p, until, &c);
			ssize_t put = write(pipefd[1], &c, sizeof c);
			_exit(put == (ssize_t)sizeof c ? 0 : 3);
		}
		close(pipefd[1]);
		fds[p] = pipefd[0];
	}
	counts all = { 0 };
	for (int p = 0; p < PROCESSES; p++) {
		counts c;
		ssize_t got = read(fds[p], &c, sizeof c);
		close(fds[p]);
		int status;
		waitpid(pids[p], &status, 0);
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d ended with status 0x%x", p, status);
		cr_assert_eq(got, (ssize_t)sizeof c, "process %d sent no counts", p);
		cr_assert_eq(c.failures, 0, "%ld failures (%ld CXO_EBUSY); the first: %s", c.failures, c.busy, c.msg);
		all.txns += c.txns;
		all.imports += c.imports;
		all.reports += c.reports;
		all.cursors += c.cursors;
		all.exports += c.exports;
		all.pairs_seen += c.pairs_seen;
	}
	double took = (rb_now_ms() - start) / 1000;
	long pairs = count_pairs(path);
	cr_assert_eq(pairs, all.txns + all.imports, "%ld pairs written, %ld in the database: writes were lost",
	             all.txns + all.imports, pairs);
	cr_assert_eq(rb_integrity(path), 0, "%s", rb_error());
	long ops = all.txns + all.imports + all.reports + all.cursors + all.exports;
	printf("concurrency: %d processes x %d threads (%d writers, %d readers each) for %.1f s: %ld operations: %ld "
	       "transactions and %ld imports of a pair (all %ld pairs found), %ld matrix reports, %ld cursors, %ld "
	       "exports (%ld pairs checked by readers); no CXO_EBUSY\n",
	       PROCESSES, THREADS, WRITERS, READERS, took, ops, all.txns, all.imports, pairs, all.reports, all.cursors,
	       all.exports, all.pairs_seen);
	cr_assert_gt(all.txns, 0);
	cr_assert_gt(all.imports, 0);
	cr_assert_gt(all.reports + all.cursors + all.exports, 0);
}

/* Processes that create the same new database at the same moment: every open
 * succeeds (one of them initialises it, the others find it done), and every
 * process's write lands. */
Test(concurrency, create_race)
{
	enum { RACERS = 8, ROUNDS = 12 };
	long opened = 0;
	for (int round = 0; round < ROUNDS; round++) {
		char name[32];
		snprintf(name, sizeof name, "race%d.db", round);
		const char *path = th_path(name);
		int go[2];
		cr_assert_eq(pipe(go), 0);
		pid_t pids[RACERS];
		for (int p = 0; p < RACERS; p++) {
			pids[p] = fork();
			cr_assert_neq(pids[p], -1);
			if (pids[p] == 0) {
				close(go[1]);
				char b;
				if (read(go[0], &b, 1) != 0) /* released when the parent closes its end */
					_exit(4);
				cxo_db *db = NULL;
				int rc = cxo_db_open(&db, path, CXO_OPEN_CREATE);
				if (rc) {
					fprintf(stderr, "racer %d: open: %d %s\n", p, rc, cxo_errmsg());
					_exit(1);
				}
				char json[128];
				snprintf(json, sizeof json, "{\"id\": \"r%d\", \"title\": \"Racer %d\"}", p, p);
				cxo_row *r = NULL;
				rc = cxo_row_from_json(&r, json, strlen(json));
				if (!rc)
					rc = cxo_record_create(db, CXO_KIND_TOPIC, r);
				cxo_row_free(r);
				if (rc) {
					fprintf(stderr, "racer %d: write: %d %s\n", p, rc, cxo_errmsg());
					_exit(2);
				}
				_exit(cxo_db_close(db) ? 3 : 0);
			}
		}
		close(go[0]);
		close(go[1]);
		for (int p = 0; p < RACERS; p++) {
			int status;
			waitpid(pids[p], &status, 0);
			cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d, racer %d: status 0x%x", round, p,
			          status);
			opened++;
		}
		cxo_db *db = NULL;
		TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
		cxo_cursor *cur = NULL;
		TH_OK(cxo_record_list(&cur, db, CXO_KIND_TOPIC, NULL));
		char *j = NULL;
		TH_OK(cxo_cursor_json(&j, NULL, cur));
		cxo_cursor_free(cur);
		for (int p = 0; p < RACERS; p++) {
			char id[16];
			snprintf(id, sizeof id, "\"r%d\"", p);
			cr_assert(strstr(j, id), "round %d: the topic of racer %d is missing", round, p);
		}
		cxo_free(j);
		TH_OK(cxo_db_close(db));
		cr_assert_eq(rb_integrity(path), 0, "%s", rb_error());
	}
	printf("concurrency: %d rounds of %d processes creating one new database at once: %ld opens and writes, all "
	       "succeeded\n",
	       ROUNDS, RACERS, opened);
}
