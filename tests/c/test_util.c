/* Validators, result codes and messages, the per-thread error, versions. */
#include "helpers.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- cxo_check_date ---- */

static void date_ok(const char *text)
{
	int rc = cxo_check_date(text);
	cr_assert_eq(rc, CXO_OK, "cxo_check_date(\"%s\") returned %d: %s", text, rc, cxo_errmsg());
}

static void date_bad(const char *text, const char *msg)
{
	int rc = cxo_check_date(text);
	cr_assert_eq(rc, CXO_EINVAL, "cxo_check_date(\"%s\") returned %d", text, rc);
	cr_assert_eq(cxo_errcode(), CXO_EINVAL);
	cr_assert_str_eq(cxo_errmsg(), msg);
}

#define EXPECTED "expected YYYY, YYYY-MM or YYYY-MM-DD"

Test(check_date, year_month_and_day_precision)
{
	date_ok("2011");
	date_ok("2012-11");
	date_ok("2013-11-18");
	date_ok("0001");
	date_ok("9999-12-31");
	date_ok("2013-01-31");
	date_ok("2013-12-31");
}

Test(check_date, month_out_of_range)
{
	date_bad("2013-00", "\"2013-00\" is not a date (month must be 01 to 12)");
	date_bad("2013-13", "\"2013-13\" is not a date (month must be 01 to 12)");
	date_bad("2013-13-01", "\"2013-13-01\" is not a date (month must be 01 to 12)");
	date_bad("2013-00-10", "\"2013-00-10\" is not a date (month must be 01 to 12)");
}

Test(check_date, february_29_in_leap_and_common_years)
{
	date_ok("2016-02-29");
	date_ok("2000-02-29"); /* divisible by 400: leap */
	date_ok("2024-02-29");
	date_bad("2015-02-29", "\"2015-02-29\" is not a date (no such day in that month)");
	date_bad("1900-02-29", "\"1900-02-29\" is not a date (no such day in that month)"); /* by 100, not 400 */
	date_bad("2100-02-29", "\"2100-02-29\" is not a date (no such day in that month)");
	date_bad("2016-02-30", "\"2016-02-30\" is not a date (no such day in that month)");
	date_ok("2015-02-28");
}

Test(check_date, day_31_in_30_day_months)
{
	static const char *const thirty[] = { "2013-04-31", "2013-06-31", "2013-09-31", "2013-11-31" };
	for (size_t i = 0; i < sizeof thirty / sizeof thirty[0]; i++) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" is not a date (no such day in that month)", thirty[i]);
		date_bad(thirty[i], msg);
	}
	date_ok("2013-04-30");
	date_ok("2013-05-31");
	date_ok("2013-07-31");
	date_ok("2013-08-31");
	date_ok("2013-10-31");
	date_bad("2013-11-00", "\"2013-11-00\" is not a date (no such day in that month)");
	date_bad("2013-01-32", "\"2013-01-32\" is not a date (no such day in that month)");
}

Test(check_date, wrong_separators)
{
	date_bad("2013/11/18", "\"2013/11/18\" is not a date (" EXPECTED ")");
	date_bad("2013-11/18", "\"2013-11/18\" is not a date (" EXPECTED ")");
	date_bad("2013.11", "\"2013.11\" is not a date (" EXPECTED ")");
	date_bad("2013 11", "\"2013 11\" is not a date (" EXPECTED ")");
	date_bad("20131118", "\"20131118\" is not a date (" EXPECTED ")");
}

Test(check_date, wrong_lengths_and_characters)
{
	date_bad("", "\"\" is not a date (" EXPECTED ")");
	date_bad("201", "\"201\" is not a date (" EXPECTED ")");
	date_bad("20131", "\"20131\" is not a date (" EXPECTED ")");
	date_bad("2013-1-18", "\"2013-1-18\" is not a date (" EXPECTED ")");
	date_bad("2013-11-1", "\"2013-11-1\" is not a date (" EXPECTED ")");
	date_bad("2013-11-180", "\"2013-11-180\" is not a date (" EXPECTED ")");
	date_bad(" 2013", "\" 2013\" is not a date (" EXPECTED ")");
	date_bad("2013-ab", "\"2013-ab\" is not a date (" EXPECTED ")");
	date_bad("2013-11-1a", "\"2013-11-1a\" is not a date (" EXPECTED ")");
	date_bad("abcd", "\"abcd\" is not a date (" EXPECTED ")");
	date_bad("-201", "\"-201\" is not a date (" EXPECTED ")");
	date_bad("2013-\n1", "\"2013-\\x0A1\" is not a date (" EXPECTED ")");
}

Test(check_date, year_zero)
{
	date_bad("0000", "\"0000\" is not a date (year 0000 does not exist)");
	date_bad("0000-01", "\"0000-01\" is not a date (year 0000 does not exist)");
	date_bad("0000-01-01", "\"0000-01-01\" is not a date (year 0000 does not exist)");
}

Test(check_date, long_values_are_quoted_short_and_whole)
{
	/* the message quotes the start of the value, never half a character */
	char text[256] = "";
	for (int i = 0; i < 100; i++)
		strcat(text, "\xc3\xa9");
	char msg[512] = "\"";
	for (int i = 0; i < 43; i++)
		strcat(msg, "\xc3\xa9");
	strcat(msg, "...\" is not a date (" EXPECTED ")");
	date_bad(text, msg);
}

Test(check_date, null_is_misuse)
{
	TH_ERR(cxo_check_date(NULL), CXO_EMISUSE, "cxo_check_date: text is NULL");
}

/* ---- cxo_check_slug ---- */

static void slug_ok(const char *text)
{
	int rc = cxo_check_slug(text);
	cr_assert_eq(rc, CXO_OK, "cxo_check_slug(\"%s\") returned %d: %s", text, rc, cxo_errmsg());
}

static void slug_bad(const char *text, const char *msg)
{
	int rc = cxo_check_slug(text);
	cr_assert_eq(rc, CXO_EINVAL, "cxo_check_slug(\"%s\") returned %d", text, rc);
	cr_assert_eq(cxo_errcode(), CXO_EINVAL);
	cr_assert_str_eq(cxo_errmsg(), msg);
}

#define ALLOWED "(lower-case letters, digits and . - _ /)"

Test(check_slug, length_limit)
{
	char s[200];
	memset(s, 'a', sizeof s);
	s[128] = '\0';
	slug_ok(s);
	s[128] = 'a';
	s[129] = '\0';
	/* the message quotes the first 60 characters only */
	char msg[256];
	snprintf(msg, sizeof msg, "\"%.60s...\" is not an id: it is 129 bytes long (at most 128)", s);
	slug_bad(s, msg);
	slug_ok("a");
	slug_bad("", "\"\" is not an id: it is empty");
}

Test(check_slug, allowed_characters)
{
	slug_ok("cto-2013-bangkok");
	slug_ok("imt-2020");
	slug_ok("cto-2013-bangkok/3");
	slug_ok("a.b");
	slug_ok("a-b");
	slug_ok("a_b");
	slug_ok("a/b");
	slug_ok("a0123456789");
	slug_ok("abcdefghijklmnopqrstuvwxyz");
	slug_ok("a.-_/");
}

Test(check_slug, first_character)
{
	slug_bad("Bad", "\"Bad\" is not an id: it must start with a lower-case letter");
	slug_bad("1abc", "\"1abc\" is not an id: it must start with a lower-case letter");
	slug_bad(".abc", "\".abc\" is not an id: it must start with a lower-case letter");
	slug_bad("-abc", "\"-abc\" is not an id: it must start with a lower-case letter");
	slug_bad("/abc", "\"/abc\" is not an id: it must start with a lower-case letter");
	slug_bad("_abc", "\"_abc\" is not an id: it must start with a lower-case letter");
	slug_bad(" abc", "\" abc\" is not an id: it must start with a lower-case letter");
}

Test(check_slug, upper_case_and_punctuation)
{
	slug_bad("bAd", "\"bAd\" is not an id: 'A' at byte 1 is not allowed " ALLOWED);
	slug_bad("a:b", "\"a:b\" is not an id: ':' at byte 1 is not allowed " ALLOWED);
	slug_bad("ab+c", "\"ab+c\" is not an id: '+' at byte 2 is not allowed " ALLOWED);
	slug_bad("a\\b", "\"a\\\\b\" is not an id: '\\' at byte 1 is not allowed " ALLOWED);
	slug_bad("a\"b", "\"a\\\"b\" is not an id: '\"' at byte 1 is not allowed " ALLOWED);
	slug_bad("ab~", "\"ab~\" is not an id: '~' at byte 2 is not allowed " ALLOWED);
}

Test(check_slug, space_control_and_non_ascii)
{
	slug_bad("a b", "\"a b\" is not an id: byte 0x20 at byte 1 is not allowed " ALLOWED);
	slug_bad("a\tb", "\"a\\x09b\" is not an id: byte 0x09 at byte 1 is not allowed " ALLOWED);
	slug_bad("caf\xc3\xa9", "\"caf\xc3\xa9\" is not an id: byte 0xC3 at byte 3 is not allowed " ALLOWED);
	slug_bad("a\x7f", "\"a\\x7F\" is not an id: byte 0x7F at byte 1 is not allowed " ALLOWED);
}

Test(check_slug, null_is_misuse)
{
	TH_ERR(cxo_check_slug(NULL), CXO_EMISUSE, "cxo_check_slug: text is NULL");
}

/* ---- result codes and the per-thread error ---- */

Test(errors, errstr_of_every_code)
{
	static const struct {
		int code;
		const char *text;
	} codes[] = {
		{ CXO_OK, "not an error" },
		{ CXO_DONE, "no more rows" },
		{ CXO_WARNED, "done, with a warning" },
		{ CXO_ERROR, "error" },
		{ CXO_ENOMEM, "out of memory" },
		{ CXO_EINVAL, "invalid value" },
		{ CXO_ENOTFOUND, "not found" },
		{ CXO_EEXISTS, "already exists" },
		{ CXO_EBUSY, "database is busy" },
		{ CXO_ESTORAGE, "storage failure" },
		{ CXO_EFORMAT, "not in the expected format" },
		{ CXO_EVERSION, "unsupported schema version" },
		{ CXO_EMISUSE, "API misuse" },
		{ CXO_EREADONLY, "read-only" },
		{ CXO_ECONSTRAINT, "refused by a rule of the data model" },
		{ CXO_ESCHEMA, "unexpected objects in the database schema" },
		{ CXO_ELIMIT, "limit exceeded" },
		{ CXO_EIO, "file input/output error" },
		{ CXO_ECANCELED, "canceled" },
	};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		cr_assert_str_eq(cxo_errstr(codes[i].code), codes[i].text, "cxo_errstr(%d)", codes[i].code);
	cr_assert_str_eq(cxo_errstr(3), "unknown result code");
	cr_assert_str_eq(cxo_errstr(-17), "unknown result code");
	cr_assert_str_eq(cxo_errstr(1000), "unknown result code");
}

Test(errors, codes_have_their_documented_values)
{
	cr_assert_eq(CXO_OK, 0);
	cr_assert_eq(CXO_DONE, 1);
	cr_assert_eq(CXO_WARNED, 2);
	cr_assert_eq(CXO_ERROR, -1);
	cr_assert_eq(CXO_ENOMEM, -2);
	cr_assert_eq(CXO_EINVAL, -3);
	cr_assert_eq(CXO_ENOTFOUND, -4);
	cr_assert_eq(CXO_EEXISTS, -5);
	cr_assert_eq(CXO_EBUSY, -6);
	cr_assert_eq(CXO_ESTORAGE, -7);
	cr_assert_eq(CXO_EFORMAT, -8);
	cr_assert_eq(CXO_EVERSION, -9);
	cr_assert_eq(CXO_EMISUSE, -10);
	cr_assert_eq(CXO_EREADONLY, -11);
	cr_assert_eq(CXO_ECONSTRAINT, -12);
	cr_assert_eq(CXO_ESCHEMA, -13);
	cr_assert_eq(CXO_ELIMIT, -14);
	cr_assert_eq(CXO_EIO, -15);
	cr_assert_eq(CXO_ECANCELED, -16);
}

/* The error lives until the next failure: a successful call leaves it. */
Test(errors, message_stays_until_the_next_failure)
{
	TH_ERR(cxo_check_slug("Bad"), CXO_EINVAL, "\"Bad\" is not an id: it must start with a lower-case letter");
	TH_OK(cxo_check_slug("good"));
	TH_OK(cxo_check_date("2013"));
	cr_assert_eq(cxo_errcode(), CXO_EINVAL);
	cr_assert_str_eq(cxo_errmsg(), "\"Bad\" is not an id: it must start with a lower-case letter");
	TH_ERR(cxo_check_date("2013-13"), CXO_EINVAL, "\"2013-13\" is not a date (month must be 01 to 12)");
}

typedef struct thread_case {
	int which;
	pthread_barrier_t *barrier;
	int rc, code;
	char msg[1024];
} thread_case;

static void *thread_main(void *p)
{
	thread_case *c = p;
	c->rc = 0;
	if (c->which == 1)
		c->rc = cxo_check_slug("Bad");
	else if (c->which == 2)
		c->rc = cxo_check_date(NULL);
	/* both threads have failed before either reads its error */
	pthread_barrier_wait(c->barrier);
	c->code = cxo_errcode();
	snprintf(c->msg, sizeof c->msg, "%s", cxo_errmsg());
	pthread_barrier_wait(c->barrier);
	return NULL;
}

Test(errors, each_thread_has_its_own_error)
{
	TH_ERR(cxo_check_date("2013-02-30"), CXO_EINVAL, "\"2013-02-30\" is not a date (no such day in that month)");
	pthread_barrier_t barrier;
	cr_assert_eq(pthread_barrier_init(&barrier, NULL, 3), 0);
	thread_case cases[3] = { { .which = 1, .barrier = &barrier },
		                     { .which = 2, .barrier = &barrier },
		                     { .which = 0, .barrier = &barrier } };
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, thread_main, &cases[i]), 0);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);

	cr_assert_eq(cases[0].rc, CXO_EINVAL);
	cr_assert_eq(cases[0].code, CXO_EINVAL);
	cr_assert_str_eq(cases[0].msg, "\"Bad\" is not an id: it must start with a lower-case letter");
	cr_assert_eq(cases[1].rc, CXO_EMISUSE);
	cr_assert_eq(cases[1].code, CXO_EMISUSE);
	cr_assert_str_eq(cases[1].msg, "cxo_check_date: text is NULL");
	/* a thread that never failed */
	cr_assert_eq(cases[2].code, CXO_OK);
	cr_assert_str_eq(cases[2].msg, "not an error");
	/* and this thread's error is untouched */
	cr_assert_eq(cxo_errcode(), CXO_EINVAL);
	cr_assert_str_eq(cxo_errmsg(), "\"2013-02-30\" is not a date (no such day in that month)");
}

/* ---- versions and memory ---- */

Test(version, library_agrees_with_the_header)
{
	char text[32];
	snprintf(text, sizeof text, "%d.%d.%d", CXO_VERSION_MAJOR, CXO_VERSION_MINOR, CXO_VERSION_PATCH);
	cr_assert_str_eq(CXO_VERSION_STRING, text);
	cr_assert_str_eq(cxo_version(), CXO_VERSION_STRING);
	cr_assert_eq(cxo_version_number(), CXO_VERSION_NUMBER);
	cr_assert_eq(CXO_VERSION_NUMBER, CXO_VERSION_MAJOR * 10000 + CXO_VERSION_MINOR * 100 + CXO_VERSION_PATCH);
	cr_assert_str_eq(cxo_version(), "0.1.0");
	cr_assert_eq(cxo_version_number(), 100);
}

Test(memory, free_accepts_null)
{
	cxo_free(NULL);
	cxo_row_free(NULL);
	cxo_cursor_free(NULL);
	TH_OK(cxo_db_close(NULL));
}
