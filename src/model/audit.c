/* The audit log: who changed what, when, with the record before and after. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/json.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The time of a change, "2026-11-30T08:44:12.123Z": the date and time to the
 * second are formatted once a second per handle (a bulk write makes thousands
 * of entries a second). */
static void utc_now(cxo_db *db, char out[64])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (!db->stamp[0] || ts.tv_sec != db->stamp_sec) {
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		snprintf(db->stamp, sizeof db->stamp, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		db->stamp_sec = ts.tv_sec;
	}
	int ms = (int)(ts.tv_nsec / 1000000);
	size_t n = strlen(db->stamp);
	memcpy(out, db->stamp, n);
	out[n] = '.';
	out[n + 1] = (char)('0' + ms / 100);
	out[n + 2] = (char)('0' + ms / 10 % 10);
	out[n + 3] = (char)('0' + ms % 10);
	out[n + 4] = 'Z';
	out[n + 5] = '\0';
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
	utc_now(db, now);
	cxo__buf b = CXO__BUF_INIT, a = CXO__BUF_INIT;
	if (before)
		cxo__row_write_json(&b, before, -1);
	if (after)
		cxo__row_write_json(&a, after, -1);
	int rc = cxo__buf_status(&b) ? CXO_ENOMEM : cxo__buf_status(&a);
	if (!rc) {
		cxo__audit_entry e = { 0, now, db->actor, op, entity, key, before ? cxo__buf_cstr(&b) : NULL,
		                       after ? cxo__buf_cstr(&a) : NULL, parent };
		rc = cxo__auditlog_add(db, &e);
		if (!rc && id)
			*id = e.id;
	}
	cxo__buf_fini(&b);
	cxo__buf_fini(&a);
	return rc;
}

/* ---- the log ---- */

typedef struct audit_state {
	cxo__audit_reader reader;
	char *filter[3]; /* entity, key, since (copies), or NULL */
} audit_state;

enum { BY_ENTITY, BY_KEY, SINCE };

/* A record as the audit log keeps it (JSON the library wrote), as a row. */
static int add_record(cxo_row *r, const char *name, const cxo__audit_entry *e, const char *json)
{
	if (!json)
		return cxo__row_add_null(r, name);
	cxo_row *child = cxo__row_add_row(r, name);
	if (!child)
		return CXO_ENOMEM;
	int rc = cxo__json_to_row(child, json, strlen(json), NULL, 0);
	if (rc && rc != CXO_ENOMEM)
		rc = cxo__err(CXO_ESTORAGE, "audit entry %lld: its %s record is damaged", (long long)e->id, name);
	return rc;
}

/* Whether the entry is about record `key`: its own key, a key that begins with
 * it (a nested record's: "topic-a cto m1" for "topic-a"), or a rename's,
 * "old new", that ends with it. */
static int about(const cxo__audit_entry *e, const char *key)
{
	size_t k = strlen(key), n = strlen(e->key);
	if (strncmp(e->key, key, k) == 0 && (e->key[k] == '\0' || e->key[k] == ' '))
		return 1;
	return strcmp(e->op, "rename") == 0 && n > k && e->key[n - k - 1] == ' ' && strcmp(e->key + n - k, key) == 0;
}

static int audit_next(cxo_cursor *cur)
{
	audit_state *s = cur->state;
	cxo__audit_entry e;
	int rc;
	while ((rc = cxo__auditlog_read_next(cur->db, &s->reader, &e)) == CXO_OK) {
		const char *const *f = (const char *const *)s->filter;
		if ((!f[BY_ENTITY] || strcmp(e.entity, f[BY_ENTITY]) == 0) && (!f[BY_KEY] || about(&e, f[BY_KEY])) &&
		    (!f[SINCE] || strcmp(e.time, f[SINCE]) >= 0))
			break;
	}
	if (rc)
		return rc;
	cxo_row *r = cxo__row_new_in(&cur->arena, 0);
	if (!r)
		return CXO_ENOMEM;
	static const char *const cols[] = { "time", "actor", "op", "entity", "key" };
	const char *texts[] = { e.time, e.actor, e.op, e.entity, e.key };
	rc = cxo__row_add_int(r, "id", e.id);
	for (int c = 0; c < 5 && !rc; c++)
		rc = cxo__row_add_text(r, cols[c], texts[c]);
	if (!rc)
		rc = add_record(r, "before", &e, e.before);
	if (!rc)
		rc = add_record(r, "after", &e, e.after);
	if (!rc)
		rc = e.parent ? cxo__row_add_int(r, "parent", e.parent) : cxo__row_add_null(r, "parent");
	cur->row = r;
	return rc;
}

static void audit_destroy(cxo_cursor *cur)
{
	audit_state *s = cur->state;
	cxo__stmt_release(cur->db, s->reader.st);
	for (int i = 0; i < 3; i++)
		cxo__free(s->filter[i]);
	cxo__free(s);
}

static const cxo__cursor_ops AUDIT_OPS = { audit_next, audit_destroy };

/* A UTC date ("2026-11", "2026-11-30") or time ("2026-11-30T08:44",
 * "2026-11-30T08:44:12.123Z"), as the log writes them. */
static int since_check(const char *s)
{
	const char *t = strchr(s, 'T');
	char date[16];
	size_t n = t ? (size_t)(t - s) : strlen(s);
	int ok = n < sizeof date;
	if (ok) {
		memcpy(date, s, n);
		date[n] = '\0';
		ok = cxo__date_precision(date) > 0 && (!t || cxo__date_precision(date) == 3);
	}
	for (const char *p = t ? t + 1 : ""; ok && *p; p++)
		ok = (*p >= '0' && *p <= '9') || *p == ':' || *p == '.' || (*p == 'Z' && !p[1]);
	if (ok)
		return CXO_OK;
	char q[96];
	cxo__quote(q, sizeof q, s);
	return cxo__err(CXO_EINVAL, "since: %s is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)", q);
}

CXO_API int cxo_audit_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_audit_list: out is NULL");
	*out = NULL;
	int rc = cxo__db_usable(db, "cxo_audit_list");
	if (rc || (rc = cxo__query_arg(q, &q, "cxo_audit_list")))
		return rc;
	if (q->entity && strcmp(q->entity, "document") != 0 && !cxo_kind_from_name(q->entity)) {
		char qq[96];
		cxo__quote(qq, sizeof qq, q->entity);
		return cxo__err(CXO_EINVAL, "entity: %s is not a kind of record (meeting, topic, ... or document)", qq);
	}
	if (q->since && (rc = since_check(q->since)))
		return rc;
	audit_state *s = cxo__calloc(1, sizeof *s);
	if (!s)
		return CXO_ENOMEM;
	/* the log names a kind by its singular name ("topics" finds "topic") */
	const char *entity = q->entity && strcmp(q->entity, "document") != 0 ? cxo_kind_name(cxo_kind_from_name(q->entity))
	                                                                       : q->entity;
	const char *filter[3] = { [BY_ENTITY] = entity, [BY_KEY] = q->key, [SINCE] = q->since };
	for (int i = 0; i < 3 && !rc; i++)
		if (filter[i] && !(s->filter[i] = cxo__strdup(filter[i])))
			rc = CXO_ENOMEM;
	/* what the open transaction wrote is part of the log */
	if (!rc)
		rc = cxo__auditlog_flush(db);
	if (!rc && !(s->reader.st = cxo__stmt_acquire(db, &cxo__auditlog_read_sql)))
		rc = cxo_errcode();
	if (!rc)
		rc = cxo__cursor_new(out, db, &AUDIT_OPS, s);
	if (rc) {
		cxo_cursor tmp = { .db = db, .state = s };
		audit_destroy(&tmp);
	}
	return rc;
}

int cxo__audit_set_after(cxo_db *db, int64_t id, const cxo_row *after)
{
	cxo__buf a = CXO__BUF_INIT;
	int rc = cxo__row_write_json(&a, after, -1);
	if (!rc)
		rc = cxo__auditlog_set_after(db, id, cxo__buf_cstr(&a));
	cxo__buf_fini(&a);
	return rc;
}
