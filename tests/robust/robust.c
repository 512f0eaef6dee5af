#include "robust.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static _Thread_local char g_err[2048];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g_err, sizeof g_err, fmt, ap);
	va_end(ap);
	return -1;
}

const char *rb_error(void)
{
	return g_err;
}

double rb_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

char *rb_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail("%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		char *bigger = realloc(buf, cap *= 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
		}
		buf = bigger;
	}
	fclose(f);
	if (!buf) {
		fail("%s: out of memory", path);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int rb_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return fail("%s: %s", path, strerror(errno));
	size_t put = fwrite(data, 1, len, f);
	if (fclose(f) != 0 || put != len)
		return fail("%s: writing failed", path);
	return 0;
}

static void unlink_suffix(const char *path, const char *suffix)
{
	char p[4200];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	unlink(p);
}

void rb_remove_db(const char *path)
{
	unlink(path);
	unlink_suffix(path, "-wal");
	unlink_suffix(path, "-shm");
	unlink_suffix(path, "-journal");
}

int rb_copy_db(const char *from, const char *to)
{
	rb_remove_db(to);
	size_t len;
	char *data = rb_slurp(from, &len);
	if (!data)
		return -1;
	int rc = rb_write_file(to, data, len);
	free(data);
	return rc;
}

int rb_sink_write(void *ctx, const void *data, size_t len)
{
	rb_sink *s = ctx;
	if (s->len + len + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->len + len + 1)
			cap *= 2;
		char *p = realloc(s->data, cap);
		if (!p) {
			s->fail = 1;
			return 1;
		}
		s->data = p;
		s->cap = cap;
	}
	memcpy(s->data + s->len, data, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

void rb_sink_reset(rb_sink *s)
{
	free(s->data);
	memset(s, 0, sizeof *s);
}

char *rb_sink_take(rb_sink *s)
{
	char *d = s->data ? s->data : strdup("");
	memset(s, 0, sizeof *s);
	return d;
}

/* Every row of `sql` must be the text `want` (NULL: there must be no row). */
static int check_rows(sqlite3 *s, const char *sql, const char *want, const char *path)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
		return fail("%s: %s: %s", path, sql, sqlite3_errmsg(s));
	int rc, bad = 0, rows = 0;
	char first[512] = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (!want || !t || strcmp(t, want) != 0) {
			if (!bad++)
				snprintf(first, sizeof first, "%s", t ? t : "(null)");
		}
	}
	int ok = rc == SQLITE_DONE;
	if (!ok)
		fail("%s: %s: %s", path, sql, sqlite3_errmsg(s));
	sqlite3_finalize(st);
	if (!ok)
		return -1;
	if (bad)
		return fail("%s: %s: %d bad rows, first: %s", path, sql, bad, first);
	if (want && rows == 0)
		return fail("%s: %s: no row", path, sql);
	return 0;
}

int rb_integrity(const char *path)
{
	sqlite3 *s = NULL;
	int rc = sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		fail("%s: opening: %s", path, s ? sqlite3_errmsg(s) : sqlite3_errstr(rc));
		sqlite3_close(s);
		return -1;
	}
	sqlite3_busy_timeout(s, 10000);
	rc = check_rows(s, "PRAGMA integrity_check", "ok", path);
	if (!rc)
		rc = check_rows(s, "PRAGMA foreign_key_check", NULL, path);
	/* an observation's references are checked by the library, not by keys
	 * (schema version 6): none may point to nothing */
	if (!rc)
		rc = check_rows(s,
		                "SELECT o.id FROM observation AS o WHERE NOT EXISTS (SELECT 1 FROM topic WHERE id = o.topic)"
		                " OR NOT EXISTS (SELECT 1 FROM status WHERE id = o.status AND lifecycle = o.lifecycle)"
		                " OR (o.meeting IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting WHERE id = o.meeting))",
		                NULL, path);
	if (!rc)
		rc = check_rows(s, "INSERT INTO search(search, rank) VALUES('integrity-check', 1)", NULL, path);
	sqlite3_close(s);
	return rc;
}

static char *cursor_json(cxo_cursor *cur, int rc, const char *what)
{
	char *out = NULL;
	if (!rc)
		rc = cxo_cursor_json(&out, NULL, cur);
	cxo_cursor_free(cur);
	if (rc) {
		fail("%s: %s (%d)", what, cxo_errmsg(), rc);
		return NULL;
	}
	return out;
}

/* Audit entries as "op entity key" lines: their times differ between runs. */
static int audit_lines(cxo_db *db, rb_sink *out)
{
	cxo_cursor *cur;
	int rc = cxo_audit_list(&cur, db, NULL);
	if (rc)
		return fail("audit: %s (%d)", cxo_errmsg(), rc);
	const cxo_row *row;
	int n = 0;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		char line[1024];
		int len = snprintf(line, sizeof line, "audit %s %s %s\n", cxo_row_text(row, "op"), cxo_row_text(row, "entity"),
		                   cxo_row_text(row, "key"));
		rb_sink_write(out, line, (size_t)len);
		n++;
	}
	cxo_cursor_free(cur);
	if (rc != CXO_DONE)
		return fail("audit: %s (%d)", cxo_errmsg(), rc);
	return 0;
}

char *rb_state_db(cxo_db *db)
{
	rb_sink out = { 0 };
	cxo_export_options eo = CXO_EXPORT_OPTIONS_INIT;
	int rc = cxo_export_json(db, &eo, rb_sink_write, &out);
	if (rc) {
		fail("export: %s (%d)", cxo_errmsg(), rc);
		rb_sink_reset(&out);
		return NULL;
	}
	if (audit_lines(db, &out)) {
		rb_sink_reset(&out);
		return NULL;
	}
	static const char *const words[] = { "network", "quantum", "security", "w" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		cxo_cursor *cur = NULL;
		rc = cxo_search(&cur, db, words[i], NULL);
		char *hits = cursor_json(cur, rc, "search");
		if (!hits) {
			rb_sink_reset(&out);
			return NULL;
		}
		rb_sink_write(&out, "search ", 7);
		rb_sink_write(&out, hits, strlen(hits));
		rb_sink_write(&out, "\n", 1);
		cxo_free(hits);
	}
	if (out.fail) {
		fail("state: out of memory");
		rb_sink_reset(&out);
		return NULL;
	}
	return rb_sink_take(&out);
}

char *rb_state(const char *path)
{
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, path, CXO_OPEN_READONLY);
	if (rc) {
		fail("%s: opening: %s (%d)", path, cxo_errmsg(), rc);
		return NULL;
	}
	char *s = rb_state_db(db);
	cxo_db_close(db);
	return s;
}

int rb_import_path(const char *dbpath, const char *docpath, uint32_t flags)
{
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, dbpath, CXO_OPEN_CREATE);
	if (rc) {
		fail("%s: opening: %s (%d)", dbpath, cxo_errmsg(), rc);
		return rc;
	}
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = flags;
	rc = cxo_import_files(NULL, db, &docpath, 1, &o);
	if (rc == CXO_WARNED)
		rc = CXO_OK;
	if (rc)
		fail("%s: importing %s: %s (%d)", dbpath, docpath, cxo_errmsg(), rc);
	int crc = cxo_db_close(db);
	if (!rc && crc) {
		fail("%s: closing: %s (%d)", dbpath, cxo_errmsg(), crc);
		rc = crc;
	}
	return rc;
}

static void addf(rb_sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void addf(rb_sink *s, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	rb_sink_write(s, buf, (size_t)n);
}

char *rb_document(int topics, int meetings, const char *tag, size_t *len)
{
	static const char *const STATUS[] = { "raised", "prioritized", "assigned", "in-progress", "delivered" };
	rb_sink s = { 0 };
	addf(&s, "{\n  \"format\": \"cxotrack\",\n  \"version\": 1,\n  \"meetings\": [\n");
	for (int m = 0; m < meetings; m++)
		addf(&s, "    {\"id\": \"%s-m%d\", \"kind\": \"cto\", \"date\": \"%d-%02d-15\", \"city\": \"City %d\"}%s\n", tag,
		     m, 1990 + m / 12, m % 12 + 1, m, m + 1 < meetings ? "," : "");
	addf(&s, "  ],\n  \"topics\": [\n");
	for (int t = 0; t < topics; t++)
		addf(&s,
		     "    {\"id\": \"%s-t%d\", \"title\": \"Generated topic %d on network number %d\", \"tags\": [\"gen\"]}%s\n",
		     tag, t, t, t, t + 1 < topics ? "," : "");
	addf(&s, "  ],\n  \"observations\": [\n");
	for (int t = 0; t < topics; t++)
		for (int m = 0; m < meetings; m++) {
			int st = m * 5 / meetings;
			addf(&s, "    {\"topic\": \"%s-t%d\", \"meeting\": \"%s-m%d\", \"status\": \"%s\", \"note\": \"n%d.%d\"}%s\n",
			     tag, t, tag, m, STATUS[st], t, m, t + 1 < topics || m + 1 < meetings ? "," : "");
		}
	addf(&s, "  ],\n  \"conclusions\": [\n");
	for (int m = 0; m < meetings; m++)
		addf(&s,
		     "    {\"id\": \"%s-m%d/1\", \"meeting\": \"%s-m%d\", \"number\": \"1\", \"kind\": \"decision\", "
		     "\"text\": \"Conclusion of meeting %d\", \"topics\": [\"%s-t%d\"]}%s\n",
		     tag, m, tag, m, m, tag, m % (topics ? topics : 1), m + 1 < meetings ? "," : "");
	addf(&s, "  ]\n}\n");
	if (s.fail) {
		rb_sink_reset(&s);
		fail("document: out of memory");
		return NULL;
	}
	if (len)
		*len = s.len;
	return rb_sink_take(&s);
}
