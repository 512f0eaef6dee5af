#include "helpers.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[4096];

void th_setup(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(g_dir, sizeof g_dir, "%s/cxotest-XXXXXX", base);
	cr_assert_not_null(mkdtemp(g_dir), "mkdtemp(%s): %s", g_dir, strerror(errno));
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d))) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char child[4096];
				snprintf(child, sizeof child, "%s/%s", path, e->d_name);
				remove_tree(child);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

void th_teardown(void)
{
	if (g_dir[0])
		remove_tree(g_dir);
	g_dir[0] = '\0';
}

const char *th_dir(void)
{
	return g_dir;
}

const char *th_path(const char *name)
{
	static char bufs[64][4200];
	static int next;
	char *b = bufs[next++ % 64];
	snprintf(b, sizeof bufs[0], "%s/%s", g_dir, name);
	return b;
}

const char *th_msg(const char *fmt, ...)
{
	static char bufs[16][8192];
	static int next;
	char *b = bufs[next++ % 16];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof bufs[0], fmt, ap);
	va_end(ap);
	return b;
}

cxo_db *th_open_new(const char *name)
{
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, th_path(name), CXO_OPEN_CREATE);
	cr_assert_eq(rc, CXO_OK, "cxo_db_open(%s): %d %s", th_path(name), rc, cxo_errmsg());
	cr_assert_not_null(db);
	return db;
}

cxo_db *th_open(void)
{
	return th_open_new("test.db");
}

cxo_row *th_row(const char *json)
{
	cxo_row *row = NULL;
	int rc = cxo_row_from_json(&row, json, strlen(json));
	cr_assert_eq(rc, CXO_OK, "cxo_row_from_json(%s): %d %s", json, rc, cxo_errmsg());
	return row;
}

char *th_json(const cxo_row *row)
{
	char *s = NULL;
	size_t len = 0;
	int rc = cxo_row_to_json(&s, &len, row);
	cr_assert_eq(rc, CXO_OK, "cxo_row_to_json: %d %s", rc, cxo_errmsg());
	cr_assert_eq(len, strlen(s));
	return s;
}

char *th_cursor_json(cxo_cursor *cur)
{
	char *s = NULL;
	size_t len = 0;
	int rc = cxo_cursor_json(&s, &len, cur);
	cxo_cursor_free(cur);
	cr_assert_eq(rc, CXO_OK, "cxo_cursor_json: %d %s", rc, cxo_errmsg());
	cr_assert_eq(len, strlen(s));
	return s;
}

int th_create(cxo_db *db, cxo_kind kind, const char *json)
{
	cxo_row *row = th_row(json);
	int rc = cxo_record_create(db, kind, row);
	cxo_row_free(row);
	return rc;
}

int th_update(cxo_db *db, cxo_kind kind, const char *json)
{
	cxo_row *row = th_row(json);
	int rc = cxo_record_update(db, kind, row);
	cxo_row_free(row);
	return rc;
}

char *th_get(cxo_db *db, cxo_kind kind, const char *const *key)
{
	size_t n = 0;
	while (key[n])
		n++;
	cxo_row *row = NULL;
	int rc = cxo_record_get(&row, db, kind, key, n);
	cr_assert_eq(rc, CXO_OK, "cxo_record_get(%s \"%s\"): %d %s", cxo_kind_name(kind), key[0], rc, cxo_errmsg());
	char *s = th_json(row);
	cxo_row_free(row);
	return s;
}

char *th_list(cxo_db *db, cxo_kind kind, const cxo_query *q)
{
	cxo_cursor *cur = NULL;
	int rc = cxo_record_list(&cur, db, kind, q);
	cr_assert_eq(rc, CXO_OK, "cxo_record_list(%s): %d %s", cxo_kind_name(kind), rc, cxo_errmsg());
	return th_cursor_json(cur);
}

char *th_history(cxo_db *db, const char *topic, const cxo_query *q)
{
	cxo_cursor *cur = NULL;
	int rc = cxo_topic_history(&cur, db, topic, q);
	cr_assert_eq(rc, CXO_OK, "cxo_topic_history(%s): %d %s", topic ? topic : "NULL", rc, cxo_errmsg());
	return th_cursor_json(cur);
}

const char *th_j(const char *text)
{
	static char *bufs[256];
	static int next;
	char **slot = &bufs[next++ % 256];
	free(*slot);
	*slot = strdup(text);
	cr_assert_not_null(*slot);
	for (char *p = *slot; *p; p++)
		if (*p == '\'')
			*p = '"';
	return *slot;
}

void *th_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "fopen(%s): %s", path, strerror(errno));
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	cr_assert_not_null(data);
	size_t got;
	while ((got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			data = realloc(data, cap);
			cr_assert_not_null(data);
		}
	}
	fclose(f);
	*len = n;
	return data;
}

void th_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "fopen(%s): %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

int th_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}
