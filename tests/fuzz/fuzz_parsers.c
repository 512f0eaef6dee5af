/* Fuzzing the parsers of textual values against reference models written
 * independently here: dates (cxo_check_date, and the library's precision and
 * period-end helpers), slugs (cxo_check_slug), UTF-8 and stored text, country
 * codes, lists of meeting kinds, points in time (through cxo_topic_history's
 * as-of point), names of kinds, reports and formats, and the quoting of values
 * in messages. Any disagreement is a finding. */
#include "fuzz.h"

#include "util/error.h"
#include "util/text.h"
#include "model/model.h"

#include <string.h>

static cxo_db *db;

/* ---- reference models ---- */

static int ref_days(int y, int m)
{
	static const int len[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return m == 2 ? 28 + leap : len[m];
}

/* 0: not a date; else its precision 1 (year), 2 (month), 3 (day). */
static int ref_date(const char *s, int *y, int *m, int *d)
{
	static const char shape[] = "dddd-dd-dd";
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return 0;
	}
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
	*d = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > ref_days(*y, *m))
		return 0;
	return n == 4 ? 1 : n == 7 ? 2 : 3;
}

static int ref_slug(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 128 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789.-_/", s[i]))
			return 0;
	return 1;
}

/* Unicode 15, table 3-7: the well-formed byte sequences. Returns the offset
 * of the first byte that does not start one, or n. */
static size_t ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
		if (c <= 0x7F)
			len = 1;
		else if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c == 0xE0)
			len = 3, lo = 0xA0;
		else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
			len = 3;
		else if (c == 0xED)
			len = 3, hi = 0x9F;
		else if (c == 0xF0)
			len = 4, lo = 0x90;
		else if (c >= 0xF1 && c <= 0xF3)
			len = 4;
		else if (c == 0xF4)
			len = 4, hi = 0x8F;
		else
			return i;
		if (n - i < len)
			return i;
		if (len > 1 && (s[i + 1] < lo || s[i + 1] > hi))
			return i;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += len;
	}
	return n;
}

static int ref_text(const char *s)
{
	size_t n = strlen(s);
	if (ref_utf8((const unsigned char *)s, n) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			return 0;
	}
	return 1;
}

static const char *const KINDS[] = { "cto", "cxo", "consultation", "workshop", "tsag", "wtsa", "other" };

/* -1 if not a list of kinds; else the mask. */
static long ref_kinds(const char *s)
{
	unsigned mask = 0;
	const char *p = s;
	for (;;) {
		size_t len = strcspn(p, ",");
		int found = -1;
		for (int i = 0; i < 7; i++)
			if (strlen(KINDS[i]) == len && memcmp(KINDS[i], p, len) == 0)
				found = i;
		if (found < 0)
			return -1;
		mask |= 1u << found;
		if (!p[len])
			return mask;
		p += len + 1;
	}
}

/* The last day of the period of a valid date, as YYYY-MM-DD. */
static void ref_last(char out[16], const char *s)
{
	int y, m, d;
	int p = ref_date(s, &y, &m, &d);
	if (p < 2)
		m = 12;
	if (p < 3)
		d = ref_days(y, m);
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* ---- checks ---- */

static void check_date(const char *s)
{
	int y, m, d;
	int p = ref_date(s, &y, &m, &d);
	int rc = cxo_check_date(s);
	FUZZ_CHECK((rc == CXO_OK) == (p > 0), "cxo_check_date(\"%s\") = %d, the reference says %d", s, rc, p);
	if (rc)
		fuzz_check_error(rc, "cxo_check_date");
	FUZZ_CHECK(cxo__date_precision(s) == p, "cxo__date_precision(\"%s\") = %d, the reference says %d", s,
	           cxo__date_precision(s), p);
	if (!p)
		return;
	/* the end of the period: every text naming a day of the period sorts
	 * below it, and the first day after the period does not */
	char upper[16];
	cxo__date_upper(upper, s);
	char last[16], next[16];
	ref_last(last, s);
	int ly = y, lm = p >= 2 ? m : 12, ld = p == 3 ? d : ref_days(ly, lm);
	FUZZ_CHECK(strcmp(s, upper) < 0 && strcmp(last, upper) < 0, "cxo__date_upper(\"%s\") = \"%s\" is not after %s",
	           s, upper, last);
	int ny = ly, nm = lm, nd = ld + 1;
	if (nd > ref_days(ny, nm)) {
		nd = 1;
		if (++nm > 12) {
			nm = 1;
			ny++;
		}
	}
	if (ny <= 9999) {
		snprintf(next, sizeof next, "%04d-%02d-%02d", ny, nm, nd);
		FUZZ_CHECK(strcmp(next, upper) >= 0, "cxo__date_upper(\"%s\") = \"%s\" is after the next day %s", s,
		           upper, next);
	}
}

static void check_slug(const char *s)
{
	int ok = ref_slug(s);
	int rc = cxo_check_slug(s);
	FUZZ_CHECK((rc == CXO_OK) == ok, "cxo_check_slug(\"%s\") = %d, the reference says %d", s, rc, ok);
	if (rc) {
		fuzz_check_error(rc, "cxo_check_slug");
		FUZZ_CHECK(rc == CXO_EINVAL, "cxo_check_slug: %d", rc);
	}
}

static void check_utf8(const uint8_t *data, size_t size, const char *s)
{
	size_t ref = ref_utf8(data, size);
	size_t got = cxo__utf8_scan((const char *)data, size);
	FUZZ_CHECK(ref == got, "cxo__utf8_scan: %zu, the reference says %zu", got, ref);
	int ok = ref_text(s);
	int rc = cxo__text_check(s);
	FUZZ_CHECK((rc == CXO_OK) == ok, "cxo__text_check = %d, the reference says %d", rc, ok);
}

static void check_country(const char *s)
{
	if (cxo__country_check(s) == CXO_OK)
		FUZZ_CHECK(strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z',
		           "\"%s\" taken for a country code", s);
}

static void check_kinds(const char *s)
{
	long ref = ref_kinds(s);
	unsigned mask = 0;
	int rc = cxo__kinds_parse(s, &mask);
	FUZZ_CHECK((rc == CXO_OK) == (ref >= 0), "cxo__kinds_parse(\"%s\") = %d, the reference says %ld", s, rc, ref);
	FUZZ_CHECK(rc || mask == (unsigned long)ref, "cxo__kinds_parse(\"%s\"): mask 0x%X, the reference says 0x%lX",
	           s, mask, ref);
}

/* A point in time: a date, or the id of a meeting ("m1" is the only one). */
static void check_point(const char *s)
{
	int y, m, d;
	int expected = s[0] >= '0' && s[0] <= '9' ? (ref_date(s, &y, &m, &d) ? CXO_OK : CXO_EINVAL)
	               : strcmp(s, "m1") == 0     ? CXO_OK
	               : ref_slug(s)              ? CXO_ENOTFOUND
	                                          : CXO_EINVAL;
	cxo_query q = CXO_QUERY_INIT;
	q.as_of = s;
	cxo_cursor *cur = NULL;
	int rc = cxo_topic_history(&cur, db, "t", &q);
	FUZZ_CHECK(rc == expected, "cxo_topic_history(as of \"%s\") = %d (%s), expected %d", s, rc,
	           rc ? cxo_errmsg() : "", expected);
	if (rc) {
		fuzz_check_error(rc, "cxo_topic_history");
		FUZZ_CHECK(cur == NULL, "a cursor after a failure");
		return;
	}
	const cxo_row *row;
	int n = 0;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		n++;
	FUZZ_CHECK(rc == CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	/* the one observation is at m1, on 2013-11-18: seen as of m1, or as of a
	 * date whose period ends on that day or later */
	int want = 1;
	if (s[0] >= '0' && s[0] <= '9') {
		char last[16];
		ref_last(last, s);
		want = strcmp("2013-11-18", last) <= 0;
	}
	FUZZ_CHECK(n == want, "as of \"%s\": %d rows, expected %d", s, n, want);
	cxo_cursor_free(cur);
}

static void check_names(const char *s)
{
	int k = cxo_kind_from_name(s);
	if (k) {
		const char *name = cxo_kind_name(k);
		FUZZ_CHECK(name != NULL, "cxo_kind_from_name(\"%s\") = %d, which has no name", s, k);
		cxo_row *desc = NULL;
		FUZZ_CHECK(cxo_kind_describe(&desc, k) == CXO_OK, "cxo_kind_describe(%d): %s", k, cxo_errmsg());
		const char *plural = cxo_row_text(desc, "plural");
		FUZZ_CHECK(strcmp(name, s) == 0 || (plural && strcmp(plural, s) == 0), "cxo_kind_from_name(\"%s\") = %s", s,
		           name);
		cxo_row_free(desc);
	}
	int r = cxo_report_from_name(s);
	FUZZ_CHECK(!r || (cxo_report_name(r) && strcmp(cxo_report_name(r), s) == 0), "cxo_report_from_name(\"%s\")", s);
	int f = cxo_format_from_name(s);
	FUZZ_CHECK(!f || strcmp(s, "markdown") == 0 || (cxo_format_name(f) && strcmp(cxo_format_name(f), s) == 0),
	           "cxo_format_from_name(\"%s\")", s);
}

/* Quoting a value in a message: bounded, quoted, and valid UTF-8 when the
 * value is. */
static void check_quote(const char *s)
{
	for (size_t cap = 0; cap <= 100; cap += cap < 12 ? 1 : 22) {
		char q[128];
		memset(q, 'X', sizeof q);
		cxo__quote(q, cap, s);
		if (cap == 0) {
			FUZZ_CHECK(q[0] == 'X', "cxo__quote wrote into a buffer of 0 bytes");
			continue;
		}
		size_t n = strnlen(q, sizeof q);
		FUZZ_CHECK(n < cap, "cxo__quote: %zu bytes in a buffer of %zu", n + 1, cap);
		FUZZ_CHECK(q[cap] == 'X' || cap == sizeof q, "cxo__quote wrote past a buffer of %zu bytes", cap);
		if (cap < 8)
			continue;
		FUZZ_CHECK(n >= 2 && q[0] == '"' && q[n - 1] == '"', "cxo__quote: %s", q);
		if (ref_text(s))
			FUZZ_CHECK(ref_utf8((const unsigned char *)q, n) == n, "cxo__quote cut a character: %s", q);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	int rc = cxo_db_open(&db, ":memory:", CXO_OPEN_CREATE);
	FUZZ_CHECK(rc == CXO_OK, "cxo_db_open: %s", cxo_errmsg());
	const char *doc = "{\"format\":\"cxotrack\",\"version\":1,"
	                  "\"meetings\":[{\"id\":\"m1\",\"kind\":\"cto\",\"date\":\"2013-11-18\"}],"
	                  "\"topics\":[{\"id\":\"t\",\"title\":\"T\"}],"
	                  "\"observations\":[{\"topic\":\"t\",\"meeting\":\"m1\",\"status\":\"raised\"}]}";
	rc = cxo_import_json(NULL, db, doc, strlen(doc), NULL);
	FUZZ_CHECK(rc == CXO_OK, "import: %s", cxo_errmsg());
	/* the table of country codes: sorted (binary search finds them all) */
	int n = 0;
	for (char a = 'A'; a <= 'Z'; a++)
		for (char b = 'A'; b <= 'Z'; b++) {
			char code[3] = { a, b, 0 };
			n += cxo__country_check(code) == CXO_OK;
		}
	FUZZ_CHECK(n == 249, "%d country codes found, ISO 3166-1 assigns 249", n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char s[4097];
	memcpy(s, data, size);
	s[size] = '\0';
	check_date(s);
	check_slug(s);
	check_utf8(data, size, s);
	check_country(s);
	check_kinds(s);
	check_point(s);
	check_names(s);
	check_quote(s);
	return 0;
}
