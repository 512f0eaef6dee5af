/* A document of 100000 observations (2000 topics seen at 50 meetings), built
 * here in canonical form: imported, exported (the same bytes), imported into
 * another database and exported again, imported once more (nothing changes).
 * Its own binary, labelled `slow` (tests/interchange/CMakeLists.txt). */
#include "test_interchange.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(slow, .init = th_setup, .fini = th_teardown, .timeout = 1200);

enum { TOPICS = 2000, MEETINGS = 50 };

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(text *t, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		cr_assert_geq(n, 0);
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		t->cap = t->cap * 2 + (size_t)n + 1;
		t->s = realloc(t->s, t->cap);
		cr_assert_not_null(t->s);
	}
}

static const char *const STATUSES[] = { "raised", "prioritized", "assigned", "in-progress", "delivered", "closed" };

/* The canonical document; the lifecycles as a new database exports them. */
static char *big_document(cxo_db *empty, size_t *len)
{
	char *base = ti_export(empty);
	char *cut = strstr(base, "  \"meetings\": []");
	cr_assert_not_null(cut);
	*cut = '\0';
	text t = { malloc(1 << 20), 0, 1 << 20 };
	cr_assert_not_null(t.s);
	t.s[0] = '\0';
	add(&t, "%s  \"meetings\": [", base);
	for (int m = 0; m < MEETINGS; m++)
		add(&t, "%s\n    {\n      \"id\": \"m%03d\",\n      \"kind\": \"%s\",\n      \"ordinal\": %d,\n"
		        "      \"date\": \"%04d-%02d-01\"\n    }",
		    m ? "," : "", m, m % 5 == 4 ? "workshop" : "cto", m + 1, 1970 + m / 2, m % 2 ? 11 : 5);
	add(&t, "\n  ],\n  \"topics\": [");
	for (int i = 0; i < TOPICS; i++)
		add(&t, "%s\n    {\n      \"id\": \"topic-%04d\",\n      \"title\": \"Topic %d — 第%d\"\n    }", i ? "," : "", i, i, i);
	add(&t, "\n  ],\n  \"observations\": [");
	for (int i = 0; i < TOPICS; i++)
		for (int m = 0; m < MEETINGS; m++) {
			int s = (m + i % 7) * 6 / (MEETINGS + 7);
			add(&t,
			    "%s\n    {\n      \"topic\": \"topic-%04d\",\n      \"lifecycle\": \"cto\",\n      \"meeting\": \"m%03d\",\n"
			    "      \"status\": \"%s\",\n      \"qualifier\": \"%s\"%s\n    }",
			    i || m ? "," : "", i, m, STATUSES[s], (i + m) % 3 ? "agreed" : "noted",
			    (i + m) % 10 == 0 ? ",\n      \"priority\": \"high\"" : "");
		}
	add(&t, "\n  ],\n  \"conclusions\": []\n}\n");
	free(base);
	*len = t.len;
	return t.s;
}

typedef struct calls {
	uint64_t n, last_done, last_total;
	int increasing;
} calls;

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
	calls *c = ctx;
	if (done <= c->last_done || (done != total && done % 256))
		c->increasing = 0;
	c->n++;
	c->last_done = done;
	c->last_total = total;
	return 0;
}

Test(slow, a_hundred_thousand_observations)
{
	cxo_db *a = th_open_new("a.db");
	size_t len;
	char *doc = big_document(a, &len);
	cr_assert_gt(len, 10u << 20);

	calls c = { 0, 0, 0, 1 };
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.name = "big.json";
	opts.progress = on_progress;
	opts.progress_ctx = &c;
	cxo_row *result = NULL;
	TH_OK(cxo_import_json(&result, a, doc, len, &opts));
	TH_STR_EQ_FREE(th_json(result), ti_result(ti_counts(0, 0, 0, 0, MEETINGS, TOPICS, TOPICS * MEETINGS, 0), TI_ZERO,
	                                          ti_counts(1, 0, 0, 0, 0, 0, 0, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	uint64_t total = 1 + MEETINGS + TOPICS + TOPICS * MEETINGS;
	cr_assert(c.increasing, "progress counts go up in steps of 256");
	cr_assert_eq(c.last_done, total);
	cr_assert_eq(c.last_total, total);
	cr_assert_eq(c.n, (total + 255) / 256);

	char *first = ti_export(a);
	cr_assert_eq(strlen(first), len);
	cr_assert(strcmp(first, doc) == 0, "the generated document is canonical: the export must give it back");

	cxo_db *b = th_open_new("b.db");
	cxo_row *rb = NULL;
	TH_OK(ti_import(&rb, b, "first", first, 0));
	cxo_row_free(rb);
	char *second = ti_export(b);
	cr_assert(strcmp(second, first) == 0, "export | import | export is byte-identical");

	/* again: nothing changes */
	result = NULL;
	TH_OK(cxo_import_json(&result, b, doc, len, NULL));
	TH_STR_EQ_FREE(th_json(result), ti_result(TI_ZERO, TI_ZERO,
	                                          ti_counts(1, 0, 0, 0, MEETINGS, TOPICS, TOPICS * MEETINGS, 0), TI_ZERO, "[]"));
	cxo_row_free(result);
	cr_assert_eq(ti_audit_count(b), 1);

	free(second);
	free(first);
	free(doc);
	cxo_db_close(b);
	cxo_db_close(a);
}
