/* Crash safety (issue 9, part 4).
 *
 * A child process (robust_importer) imports a large generated document into a
 * database holding a small dataset, and is killed with SIGKILL at a random
 * moment (a seeded generator; the seed is printed, and CXO_ROBUST_SEED=N
 * repeats a run). After each kill the database must pass SQLite's integrity
 * checks and hold either the state before the import or the state after it,
 * compared in full (export, audit log, search). Every third import is in
 * replace mode (deleting what the document lacks); a kill may also land
 * during the checkpoint at close, after the import committed.
 *
 * CXO_ROBUST_KILLS (default 24 kills that land while the importer runs) and
 * CXO_ROBUST_TOPICS (default 1500 topics, times 6 meetings: 9000
 * observations) size the run; `make kill` runs the long variant. */
#include "robust.h"

#include "../c/helpers.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CXO_ROBUST_IMPORTER
#error "CXO_ROBUST_IMPORTER must name the helper program"
#endif

TestSuite(crash, .init = th_setup, .fini = th_teardown, .timeout = 3600);

static long env_long(const char *name, long dflt)
{
	const char *s = getenv(name);
	return s && *s ? atol(s) : dflt;
}

/* xorshift64*: the same sequence for the same seed, everywhere */
static uint64_t g_rng;

static uint64_t rng(void)
{
	g_rng ^= g_rng >> 12;
	g_rng ^= g_rng << 25;
	g_rng ^= g_rng >> 27;
	return g_rng * 2685821657736338717ull;
}

static double rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

typedef struct child {
	pid_t pid;
	int out; /* its standard output */
} child;

static child spawn(const char *db, const char *doc, int replace)
{
	int fds[2];
	cr_assert_eq(pipe(fds), 0, "pipe: %s", strerror(errno));
	child c = { fork(), fds[0] };
	cr_assert_neq(c.pid, -1, "fork: %s", strerror(errno));
	if (c.pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(CXO_ROBUST_IMPORTER, CXO_ROBUST_IMPORTER, db, doc, replace ? "--replace" : (char *)NULL, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	return c;
}

/* Wait for the child's "ready" (the database is open); 0 if it ended first. */
static int wait_ready(child *c)
{
	char buf[16];
	ssize_t n;
	do
		n = read(c->out, buf, sizeof buf);
	while (n < 0 && errno == EINTR);
	return n > 0;
}

static int reap(child *c)
{
	int status;
	while (waitpid(c->pid, &status, 0) < 0)
		cr_assert_eq(errno, EINTR, "waitpid: %s", strerror(errno));
	close(c->out);
	return status;
}

static void sleep_ms(double ms)
{
	if (ms <= 0)
		return;
	struct timespec ts = { (time_t)(ms / 1000), (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6) };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The state of `path` is one of three; returns which (0, 1, 2) or fails. */
static int classify(const char *path, const char *const states[3], const char *what, uint64_t seed)
{
	cr_assert_eq(rb_integrity(path), 0, "%s (seed %llu): %s", what, (unsigned long long)seed, rb_error());
	char *got = rb_state(path);
	cr_assert_not_null(got, "%s (seed %llu): %s", what, (unsigned long long)seed, rb_error());
	for (int i = 0; i < 3; i++) {
		if (states[i] && strcmp(got, states[i]) == 0) {
			free(got);
			return i;
		}
	}
	size_t at = 0;
	while (got[at] && got[at] == states[0][at])
		at++;
	cr_assert_fail("%s (seed %llu): the database holds neither the state before the import nor the one after; "
	               "differs from the first at byte %zu",
	               what, (unsigned long long)seed, at);
	return -1;
}

Test(crash, sigkill_during_import)
{
	long kills = env_long("CXO_ROBUST_KILLS", 24);
	long topics = env_long("CXO_ROBUST_TOPICS", 1500);
	uint64_t seed = (uint64_t)env_long("CXO_ROBUST_SEED", 0);
	if (!seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	g_rng = seed ? seed : 1;
	printf("crash: seed %llu (CXO_ROBUST_SEED=%llu repeats this run)\n", (unsigned long long)seed,
	       (unsigned long long)seed);
	fflush(stdout);

	/* the document, the database before, and the two states after */
	const char *doc = th_path("big.json"), *tmpl = th_path("template.db"), *work = th_path("work.db");
	size_t len;
	char *text = rb_document((int)topics, 6, "big", &len);
	cr_assert_not_null(text, "%s", rb_error());
	cr_assert_eq(rb_write_file(doc, text, len), 0, "%s", rb_error());
	free(text);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, tmpl, CXO_OPEN_CREATE));
	const char *rich = th_msg("%s/interchange/rich.json", CXO_TEST_DATA_DIR);
	int rc = cxo_import_files(NULL, db, &rich, 1, NULL);
	cr_assert(rc == CXO_OK || rc == CXO_WARNED, "%s", cxo_errmsg());
	TH_OK(cxo_db_close(db));
	char *states[3] = { rb_state(tmpl), NULL, NULL };
	cr_assert_not_null(states[0], "%s", rb_error());
	double took[2];
	for (int replace = 0; replace < 2; replace++) {
		cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
		child c = spawn(work, doc, replace);
		cr_assert(wait_ready(&c), "the importer ended before it was ready");
		double t0 = rb_now_ms();
		int status = reap(&c);
		took[replace] = rb_now_ms() - t0;
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the importer failed (status 0x%x)", status);
		states[1 + replace] = rb_state(work);
		cr_assert_not_null(states[1 + replace], "%s", rb_error());
	}
	printf("crash: %ld topics, %ld observations; an import takes %.0f ms (%.0f ms in replace mode)\n", topics,
	       topics * 6, took[0], took[1]);

	long landed[3] = { 0 }, mid = 0, before_ready = 0;
	/* until `kills` of them killed the importer (one killed after it ended
	 * kills nothing), within three times as many tries */
	long k = 0;
	for (; mid < kills && k < 3 * kills; k++) {
		int replace = k % 3 == 2;
		/* a moment from the start of the import to a little after its end,
		 * and now and then while the database is being opened */
		double r = rng_unit();
		double delay = r * took[replace] * 1.15;
		int early = rng() % 16 == 0;
		cr_assert_eq(rb_copy_db(tmpl, work), 0, "%s", rb_error());
		child c = spawn(work, doc, replace);
		if (early) {
			sleep_ms(rng_unit() * 5);
		} else if (!wait_ready(&c)) {
			cr_assert_fail("kill %ld (seed %llu): the importer ended before it was ready", k,
			               (unsigned long long)seed);
		} else {
			sleep_ms(delay);
		}
		kill(c.pid, SIGKILL);
		int status = reap(&c);
		int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		if (!killed)
			cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			          "kill %ld (seed %llu): the importer failed on its own (status 0x%x)", k,
			          (unsigned long long)seed, status);
		char what[96];
		snprintf(what, sizeof what, "kill %ld at %.1f ms%s%s", k, early ? 0.0 : delay, replace ? " (replace)" : "",
		         early ? " (while opening)" : "");
		const char *allowed[3] = { states[0], replace ? NULL : states[1], replace ? states[2] : NULL };
		int s = classify(work, allowed, what, seed);
		landed[s]++;
		mid += killed;
		before_ready += early;
	}
	printf("crash: %ld SIGKILLs sent, %ld of them killed the importer (%ld while it opened the database); the "
	       "database held the state before the import %ld times, after it %ld times (merge) and %ld times (replace)\n",
	       k, mid, before_ready, landed[0], landed[1], landed[2]);
	cr_assert_geq(mid, kills, "only %ld of %ld SIGKILLs killed the importer (seed %llu)", mid, k,
	              (unsigned long long)seed);
	cr_assert_gt(landed[0], 0, "no kill landed before the import committed (seed %llu)", (unsigned long long)seed);
	for (int i = 0; i < 3; i++)
		free(states[i]);
}
