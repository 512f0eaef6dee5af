/* A million records in one document: 1000 topics, each observed on 1000
 * days. Imported in one transaction, within bounded time and memory, and all
 * of it read back. Its own binary (it takes seconds, a minute under the
 * sanitizers), run with the others in CI. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

TestSuite(hostile_million, .init = th_setup, .fini = th_teardown, .timeout = 1500);

enum { TOPICS = 1000, DAYS = 1000 };

/* Day `n` after 2000-01-01, as YYYY-MM-DD. */
static void day(char out[16], int n)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 2000, m = 0, d = n;
	for (;;) {
		int ml = len[m] + (m == 1 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
		if (d < ml)
			break;
		d -= ml;
		if (++m == 12) {
			m = 0;
			y++;
		}
	}
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, (m + 1) % 100, (d + 1) % 100);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int count(void *ctx, const void *data, size_t len)
{
	const char *p = data;
	for (size_t i = 0; i < len; i++)
		*(size_t *)ctx += p[i] == '\n';
	return 0;
}

Test(hostile_million, a_million_observations)
{
	size_t cap = (size_t)TOPICS * DAYS * 64 + (1 << 20), o = 0;
	char *doc = malloc(cap);
	cr_assert_not_null(doc);
	o += (size_t)sprintf(doc + o, "{\"format\":\"cxotrack\",\"version\":1,\"topics\":[");
	for (int t = 0; t < TOPICS; t++)
		o += (size_t)sprintf(doc + o, "%s{\"id\":\"t%04d\",\"title\":\"Topic %d\"}", t ? "," : "", t, t);
	o += (size_t)sprintf(doc + o, "],\"observations\":[");
	char date[16];
	for (int t = 0; t < TOPICS; t++)
		for (int d = 0; d < DAYS; d++) {
			day(date, d);
			o += (size_t)sprintf(doc + o, "%s{\"topic\":\"t%04d\",\"date\":\"%s\",\"status\":\"raised\"}",
			                     t || d ? "," : "", t, date);
		}
	o += (size_t)sprintf(doc + o, "]}");
	cr_assert_lt(o, cap);

	cxo_db *db = th_open();
	double start = now_s();
	cxo_row *res = NULL;
	TH_OK(cxo_import_json(&res, db, doc, o, NULL));
	double took = now_s() - start;
	free(doc);
	cr_assert_eq(cxo_row_int(cxo_row_child(res, "created"), "observations"), (int64_t)TOPICS * DAYS);
	cr_assert_eq(cxo_row_int(cxo_row_child(res, "created"), "topics"), TOPICS);
	cxo_row_free(res);
	cr_log_info("imported %d observations (%zu bytes) in %.1f s", TOPICS * DAYS, o, took);

	/* all of it reads back */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_record_list(&cur, db, CXO_KIND_OBSERVATION, NULL));
	const cxo_row *row;
	long n = 0;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		if (n == (long)TOPICS * DAYS - 1) {
			cr_assert_str_eq(cxo_row_text(row, "topic"), "t0999");
			day(date, DAYS - 1);
			cr_assert_str_eq(cxo_row_text(row, "date"), date);
		}
		n++;
	}
	cr_assert_eq(rc, CXO_DONE, "%s", cxo_errmsg());
	cxo_cursor_free(cur);
	cr_assert_eq(n, (long)TOPICS * DAYS);
	/* one topic's history: its thousand days */
	TH_OK(cxo_topic_history(&cur, db, "t0500", NULL));
	n = 0;
	while (cxo_cursor_next(&row, cur) == CXO_OK)
		n++;
	cxo_cursor_free(cur);
	cr_assert_eq(n, DAYS);
	/* the export holds every observation: one line each for topic, date, status */
	size_t lines = 0;
	TH_OK(cxo_export_json(db, NULL, count, &lines));
	cr_assert_gt(lines, (size_t)TOPICS * DAYS * 5);
	TH_OK(cxo_db_close(db));
	cr_log_info("read back in %.1f s in all", now_s() - start);
}
