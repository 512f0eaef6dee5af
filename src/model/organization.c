/* Organizations that take part in the meetings, and their attendance: who came,
 * from which country and ITU region, of which size. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const char *const REGIONS[] = { "africa", "americas", "arab-states", "asia-pacific", "cis", "europe", NULL };
static const char *const KINDS[] = { "operator", "vendor", "service-provider", "academia", "sdo", "government",
	                                 "other", NULL };

static const cxo__spec ORG_SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "name", .type = FT_TEXT, .flags = FF_REQUIRED },
	{ .name = "country", .type = FT_COUNTRY },
	{ .name = "region", .type = FT_ENUM, .values = REGIONS },
	{ .name = "kind", .type = FT_ENUM, .values = KINDS },
	{ .name = "sme", .type = FT_BOOL },
	{ .name = "developing", .type = FT_BOOL },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = NULL },
};

static const char *const ORG_KEY[] = { "id" };

static void org_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_ORG_FIND = { "SELECT id FROM organization WHERE slug = ?1" };

static int org_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_ORG_FIND, k[0], rowid, "finding an organization");
}

static const cxo__sql S_ORG_LOAD = {
	"SELECT slug, name, country, region, kind, sme, developing, note, uncertain FROM organization WHERE id = ?1"
};

static int org_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "id", "name", "country", "region", "kind" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_ORG_LOAD, rowid, "organization", &st);
	for (int c = 0; c < 5 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc)
		rc = cxo__row_add_bool(out, "sme", sqlite3_column_int(st, 5));
	if (!rc)
		rc = cxo__row_add_bool(out, "developing", sqlite3_column_int(st, 6));
	if (!rc && sqlite3_column_type(st, 7) != SQLITE_NULL)
		rc = cxo__row_add_column_text(out, "note", st, 7);
	if (!rc && sqlite3_column_int(st, 8))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	return rc;
}

static int org_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)db;
	(void)rec;
	(void)rowid;
	(void)ctx;
	return CXO_OK;
}

static const cxo__sql S_ORG_INSERT = {
	"INSERT INTO organization (slug, name, country, region, kind, sme, developing, note, uncertain, origin)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
};
static const cxo__sql S_ORG_UPDATE = {
	"UPDATE organization SET name = ?2, country = ?3, region = ?4, kind = ?5, sme = ?6, developing = ?7, note = ?8,"
	" uncertain = ?9 WHERE id = ?11"
};

static int org_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_ORG_UPDATE : &S_ORG_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_text(st, 2, cxo_row_text(rec, "name"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "country"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "region"));
	cxo__bind_text(st, 5, cxo_row_text(rec, "kind"));
	cxo__bind_int(st, 6, cxo_row_int(rec, "sme"));
	cxo__bind_int(st, 7, cxo_row_int(rec, "developing"));
	cxo__bind_text(st, 8, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 9, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 10, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 11, *rowid);
	return cxo__step_write(db, st, "writing an organization", rowid);
}

static const cxo__sql S_ORG_ATTENDANCE = { "SELECT id FROM attendance WHERE organization = ?1 ORDER BY id" };
static const cxo__sql S_ORG_DELETE = { "DELETE FROM organization WHERE id = ?1" };

static int org_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	static const cxo__ref refs[] = {
		{ &S_ORG_ATTENDANCE, &cxo__attendance_ops, "attendance record", "attendance records", NULL },
	};
	int rc = cxo__refs_release(db, refs, 1, rowid, rec ? cxo_row_text(rec, "id") : NULL, flags, ctx);
	return rc ? rc : cxo__exec_id(db, &S_ORG_DELETE, rowid, "deleting an organization");
}

static const cxo__sql S_ORG_LIST = { "SELECT id FROM organization ORDER BY slug" };

static int org_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	(void)q;
	return cxo__rowid_cursor(out, db, &cxo__organization_ops, &S_ORG_LIST, NULL, 0, NULL, NULL, NULL);
}

static const cxo__sql S_ALL_ORGANIZATION = { "SELECT id FROM organization ORDER BY slug" };

const cxo__kind_ops cxo__organization_ops = {
	.kind = CXO_KIND_ORGANIZATION,
	.name = "organization",
	.plural = "organizations",
	.spec = ORG_SPEC,
	.nkey = 1,
	.key_names = ORG_KEY,
	.key = org_key,
	.find = org_find,
	.load = org_load,
	.check = org_check,
	.write = org_write,
	.remove = org_remove,
	.list = org_list,
	.all = &S_ALL_ORGANIZATION,
};

/* ---- attendance ---- */

static const char *const ROLES[] = { "cto", "cxo", "delegate", NULL };

static const cxo__spec ATT_SPEC[] = {
	{ .name = "meeting", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "organization", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "role", .type = FT_ENUM, .values = ROLES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = NULL },
};

static const char *const ATT_KEY[] = { "meeting", "organization" };

static void att_key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "meeting");
	parts[1] = cxo_row_text(rec, "organization");
}

static const cxo__sql S_ATT_FIND = {
	"SELECT a.id FROM attendance AS a JOIN meeting AS m ON m.id = a.meeting"
	" JOIN organization AS o ON o.id = a.organization WHERE m.slug = ?1 AND o.slug = ?2"
};

static int att_find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_key(db, &S_ATT_FIND, k, 2, rowid, "finding an attendance");
}

static const cxo__sql S_ATT_LOAD = {
	"SELECT m.slug, o.slug, a.role, a.note, a.uncertain FROM attendance AS a JOIN meeting AS m ON m.id = a.meeting"
	" JOIN organization AS o ON o.id = a.organization WHERE a.id = ?1"
};

static int att_load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "meeting", "organization", "role", "note" };
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_ATT_LOAD, rowid, "attendance", &st);
	for (int c = 0; c < 4 && !rc; c++)
		if (sqlite3_column_type(st, c) != SQLITE_NULL)
			rc = cxo__row_add_column_text(out, cols[c], st, c);
	if (!rc && sqlite3_column_int(st, 4))
		rc = cxo__row_add_bool(out, "uncertain", 1);
	cxo__stmt_reset(st);
	return rc;
}

static const cxo__sql S_MEETING_FIND = { "SELECT id FROM meeting WHERE slug = ?1" };

static int att_check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)rowid;
	char q[96];
	int64_t id;
	int rc = cxo__query_id(db, &S_MEETING_FIND, cxo_row_text(rec, "meeting"), &id, "finding a meeting");
	if (!rc && !id) {
		cxo__quote(q, sizeof q, cxo_row_text(rec, "meeting"));
		return cxo__err(CXO_ENOTFOUND, "%s.meeting: there is no meeting %s", ctx->path, q);
	}
	if (!rc)
		rc = cxo__query_id(db, &S_ORG_FIND, cxo_row_text(rec, "organization"), &id, "finding an organization");
	if (!rc && !id) {
		cxo__quote(q, sizeof q, cxo_row_text(rec, "organization"));
		return cxo__err(CXO_ENOTFOUND, "%s.organization: there is no organization %s", ctx->path, q);
	}
	return rc;
}

static const cxo__sql S_ATT_INSERT = {
	"INSERT INTO attendance (meeting, organization, role, note, uncertain, origin)"
	" SELECT m.id, o.id, ?3, ?4, ?5, ?6 FROM meeting AS m, organization AS o WHERE m.slug = ?1 AND o.slug = ?2"
};
static const cxo__sql S_ATT_UPDATE = { "UPDATE attendance SET role = ?3, note = ?4, uncertain = ?5 WHERE id = ?7" };

static int att_write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_ATT_UPDATE : &S_ATT_INSERT);
	if (!st)
		return cxo_errcode();
	cxo__bind_text(st, 1, cxo_row_text(rec, "meeting"));
	cxo__bind_text(st, 2, cxo_row_text(rec, "organization"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "role"));
	cxo__bind_text(st, 4, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 5, cxo_row_int(rec, "uncertain"));
	cxo__bind_int(st, 6, ctx->origin);
	if (*rowid)
		cxo__bind_int(st, 7, *rowid);
	return cxo__step_write(db, st, "writing an attendance", rowid);
}

static const cxo__sql S_ATT_DELETE = { "DELETE FROM attendance WHERE id = ?1" };

static int att_remove(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	(void)rec;
	(void)flags;
	(void)ctx;
	return cxo__exec_id(db, &S_ATT_DELETE, rowid, "deleting an attendance");
}

static int att_order(cxo_db *db, const cxo_row *rec, cxo__buf *k)
{
	(void)db;
	return cxo__buf_adds(k, cxo_row_text(rec, "organization"));
}

static const cxo__sql S_ATT_OF = {
	"SELECT a.id FROM attendance AS a JOIN organization AS o ON o.id = a.organization WHERE a.meeting = ?1"
	" ORDER BY o.slug"
};

static const cxo__sql S_ATT_LIST = {
	"SELECT a.id FROM attendance AS a JOIN meeting AS m ON m.id = a.meeting"
	" JOIN organization AS o ON o.id = a.organization WHERE (?1 IS NULL OR m.slug = ?1)"
	" AND (?2 IS NULL OR o.slug = ?2) ORDER BY m.pos, o.slug"
};
static const cxo__sql S_ATT_POS = {
	"SELECT m.pos FROM attendance AS a JOIN meeting AS m ON m.id = a.meeting WHERE a.id = ?1"
};

static int att_admit(cxo_db *db, int64_t rowid, cxo_row *row, void *p)
{
	(void)row;
	sqlite3_stmt *st;
	int rc = cxo__query_row(db, &S_ATT_POS, rowid, "attendance", &st);
	if (rc)
		return rc;
	int keep = cxo__cutoff_admits(p, (const char *)sqlite3_column_text(st, 0));
	cxo__stmt_reset(st);
	return keep ? CXO_OK : 1;
}

static int att_list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	int rc = CXO_OK;
	cxo__cutoff *cut = cxo__malloc(sizeof *cut);
	if (!rc && !cut)
		rc = CXO_ENOMEM;
	if (!rc && (rc = cxo__cutoff_resolve(db, q->as_of, cut)))
		cxo__free(cut);
	if (rc)
		return rc;
	const char *binds[2] = { q->meeting, q->organization };
	return cxo__rowid_cursor(out, db, &cxo__attendance_ops, &S_ATT_LIST, binds, 2, att_admit, cut, cxo__free);
}

const cxo__kind_ops cxo__attendance_ops = {
	.kind = CXO_KIND_ATTENDANCE,
	.name = "attendance",
	.plural = "attendance",
	.spec = ATT_SPEC,
	.nkey = 2,
	.key_names = ATT_KEY,
	.key = att_key,
	.find = att_find,
	.load = att_load,
	.check = att_check,
	.write = att_write,
	.remove = att_remove,
	.list = att_list,
	.by_parent = &S_ATT_OF,
	.order = att_order,
};
