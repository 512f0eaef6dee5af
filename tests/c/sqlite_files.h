/* Files crafted and read with SQLite's own API, for the suites that must
 * build a hostile, damaged or old database (test_db, test_untrusted,
 * test_migration). Each failure is a Criterion assertion. */
#ifndef CXO_TEST_SQLITE_FILES_H
#define CXO_TEST_SQLITE_FILES_H

/* Run `sql` on the file at `path` (created if missing). */
void th_sq_exec(const char *path, const char *sql);
/* The first column of the first row `sql` returns, read-only. */
long long th_sq_int(const char *path, const char *sql);
/* The message SQLite gives when `sql` fails on the file at `path` (an
 * assertion that it fails; the text lives until the next call). */
const char *th_sq_error(const char *path, const char *sql);

#endif
