#include "sqlite_files.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>

void th_sq_exec(const char *path, const char *sql)
{
	sqlite3 *s = NULL;
	int rc = sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	cr_assert_eq(rc, SQLITE_OK, "sqlite3_open_v2(%s): %s", path, sqlite3_errstr(rc));
	char *err = NULL;
	rc = sqlite3_exec(s, sql, NULL, NULL, &err);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, err ? err : "");
	sqlite3_free(err);
	cr_assert_eq(sqlite3_close(s), SQLITE_OK);
}

long long th_sq_int(const char *path, const char *sql)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(s));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

const char *th_sq_error(const char *path, const char *sql)
{
	static char msg[512];
	sqlite3 *s = NULL;
	cr_assert_eq(sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *err = NULL;
	int rc = sqlite3_exec(s, sql, NULL, NULL, &err);
	cr_assert_neq(rc, SQLITE_OK, "%s succeeded", sql);
	snprintf(msg, sizeof msg, "%s", err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	cr_assert_eq(sqlite3_close(s), SQLITE_OK);
	return msg;
}
