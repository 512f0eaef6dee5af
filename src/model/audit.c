/* The audit log: who changed what, when, with the record before and after. */
#include "model.h"

#include <stdio.h>
#include <time.h>

static const cxo__sql S_INSERT = {
	"INSERT INTO audit (time, actor, op, entity, key, before, after, parent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
};

static void utc_now(char out[64])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	         tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
}

void cxo__audit_key(cxo__buf *b, const char *const *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			cxo__buf_addc(b, ' ');
		cxo__buf_adds(b, parts[i] ? parts[i] : "");
	}
}

int cxo__audit_write(cxo_db *db, const char *op, const char *entity, const char *key, const cxo_row *before,
                     const cxo_row *after, int64_t parent, int64_t *id)
{
	char now[64];
	utc_now(now);
	cxo__buf b = CXO__BUF_INIT, a = CXO__BUF_INIT;
	if (before)
		cxo__row_write_json(&b, before, -1);
	if (after)
		cxo__row_write_json(&a, after, -1);
	int rc = cxo__buf_status(&b) ? CXO_ENOMEM : cxo__buf_status(&a);
	sqlite3_stmt *st = rc ? NULL : cxo__stmt(db, &S_INSERT);
	if (!rc && !st)
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_text(st, 1, now);
		cxo__bind_text(st, 2, db->actor);
		cxo__bind_text(st, 3, op);
		cxo__bind_text(st, 4, entity);
		cxo__bind_text(st, 5, key);
		cxo__bind_text(st, 6, before ? cxo__buf_cstr(&b) : NULL);
		cxo__bind_text(st, 7, after ? cxo__buf_cstr(&a) : NULL);
		if (parent)
			cxo__bind_int(st, 8, parent);
		rc = cxo__step_done(db, st, "writing the audit log");
		if (!rc && id)
			*id = sqlite3_last_insert_rowid(db->sql);
	}
	cxo__buf_fini(&b);
	cxo__buf_fini(&a);
	return rc;
}
