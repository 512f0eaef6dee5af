#include "test_interchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *data_dir(void)
{
	static char dir[4096];
	if (dir[0])
		return dir;
	const char *env = getenv("CXO_TEST_DATA");
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
	} else {
		/* CMake compiles this file by its absolute path: tests/c/<file> */
		snprintf(dir, sizeof dir, "%s", __FILE__);
		char *slash = strrchr(dir, '/');
		cr_assert_not_null(slash, "cannot find tests/data from %s; set CXO_TEST_DATA", __FILE__);
		snprintf(slash, sizeof dir - (size_t)(slash - dir), "/../data/interchange");
	}
	return dir;
}

const char *ti_data(const char *rel)
{
	static char bufs[16][4200];
	static int next;
	char *b = bufs[next++ % 16];
	snprintf(b, sizeof bufs[0], "%s/%s", data_dir(), rel);
	return b;
}

char *ti_read(const char *rel, size_t *len)
{
	size_t n;
	char *data = th_slurp(ti_data(rel), &n);
	data = realloc(data, n + 1);
	cr_assert_not_null(data);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

char *ti_export_opts(cxo_db *db, const cxo_export_options *opts)
{
	cxo_buffer *buf = NULL;
	TH_OK(cxo_buffer_new(&buf));
	TH_OK(cxo_export_json(db, opts, cxo_buffer_write, buf));
	size_t len = 0;
	const char *data = cxo_buffer_data(buf, &len);
	cr_assert_eq(strlen(data), len, "the export holds a NUL byte");
	char *copy = strdup(data);
	cxo_buffer_free(buf);
	cr_assert_not_null(copy);
	return copy;
}

char *ti_export(cxo_db *db)
{
	return ti_export_opts(db, NULL);
}

int ti_import(cxo_row **result, cxo_db *db, const char *name, const char *json, uint32_t flags)
{
	cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
	opts.name = name;
	opts.flags = flags;
	return cxo_import_json(result, db, json, strlen(json), &opts);
}

char *ti_import_ok(cxo_db *db, const char *name, const char *json, uint32_t flags)
{
	cxo_row *result = NULL;
	TH_OK(ti_import(&result, db, name, json, flags));
	cr_assert_not_null(result);
	char *s = th_json(result);
	cxo_row_free(result);
	char *copy = strdup(s);
	cxo_free(s);
	return copy;
}

const char *ti_counts(int l, int r, int i, int o, int m, int t, int obs, int c)
{
	static char bufs[16][512];
	static int next;
	char *b = bufs[next++ % 16];
	snprintf(b, sizeof bufs[0],
	         "{\"lifecycles\":%d,\"registries\":%d,\"items\":%d,\"organizations\":%d,\"meetings\":%d,"
	         "\"topics\":%d,\"observations\":%d,\"conclusions\":%d}",
	         l, r, i, o, m, t, obs, c);
	return b;
}

const char *ti_result(const char *created, const char *updated, const char *unchanged, const char *deleted,
                      const char *warnings)
{
	static char bufs[8][8192];
	static int next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof bufs[0], "{\"created\":%s,\"updated\":%s,\"unchanged\":%s,\"deleted\":%s,\"warnings\":%s}",
	         created, updated, unchanged, deleted, warnings);
	return b;
}

int64_t ti_audit_count(cxo_db *db)
{
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	int64_t n = 0;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		n++;
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return n;
}

static void append(char **s, size_t *len, const char *text)
{
	size_t n = strlen(text);
	*s = realloc(*s, *len + n + 1);
	cr_assert_not_null(*s);
	memcpy(*s + *len, text, n + 1);
	*len += n;
}

static void append_child(char **s, size_t *len, const cxo_row *row, const char *name)
{
	if (cxo_row_type(row, name) == CXO_TYPE_NULL) {
		append(s, len, "-");
		return;
	}
	char *json = th_json(cxo_row_child(row, name));
	append(s, len, json);
	cxo_free(json);
}

char *ti_audit_tail(cxo_db *db, int64_t skip)
{
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	char *s = NULL;
	size_t len = 0;
	append(&s, &len, "");
	int rc;
	for (int64_t i = 0; (rc = cxo_cursor_next(&row, cur)) == CXO_OK; i++) {
		if (i < skip)
			continue;
		char head[1024];
		char parent[32] = "-";
		if (cxo_row_type(row, "parent") != CXO_TYPE_NULL)
			snprintf(parent, sizeof parent, "%lld", (long long)cxo_row_int(row, "parent"));
		snprintf(head, sizeof head, "%lld %s %s %s parent=%s before=", (long long)cxo_row_int(row, "id"),
		         cxo_row_text(row, "op"), cxo_row_text(row, "entity"), cxo_row_text(row, "key"), parent);
		append(&s, &len, head);
		append_child(&s, &len, row, "before");
		append(&s, &len, " after=");
		append_child(&s, &len, row, "after");
		append(&s, &len, "\n");
	}
	cr_assert_eq(rc, CXO_DONE, "cxo_cursor_next: %d %s", rc, cxo_errmsg());
	cxo_cursor_free(cur);
	return s;
}

cxo_db *ti_open_rich(const char *name)
{
	cxo_db *db = th_open_new(name);
	char *rich = ti_read("rich.json", NULL);
	cxo_row *result = NULL;
	TH_OK(ti_import(&result, db, "rich.json", rich, 0));
	cxo_row_free(result);
	free(rich);
	return db;
}
