/* Sources: the documents a record rests on, several per record, in the order
 * given. Each owning kind has its own table, so that deleting the owner takes
 * its sources with it. */
#include "model.h"
#include "../util/text.h"

typedef struct owner_sql {
	cxo__sql insert, select, clear;
} owner_sql;

static const owner_sql OWNERS[CXO__SRC_NOWNERS] = {
	[CXO__SRC_MEETING] = {
		{ "INSERT INTO meeting_source (meeting, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM meeting_source WHERE meeting = ?1 ORDER BY pos" },
		{ "DELETE FROM meeting_source WHERE meeting = ?1" },
	},
	[CXO__SRC_OBSERVATION] = {
		{ "INSERT INTO observation_source (observation, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM observation_source WHERE observation = ?1 ORDER BY pos" },
		{ "DELETE FROM observation_source WHERE observation = ?1" },
	},
	[CXO__SRC_CONCLUSION] = {
		{ "INSERT INTO conclusion_source (conclusion, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM conclusion_source WHERE conclusion = ?1 ORDER BY pos" },
		{ "DELETE FROM conclusion_source WHERE conclusion = ?1" },
	},
	[CXO__SRC_ACTION] = {
		{ "INSERT INTO action_source (action, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM action_source WHERE action = ?1 ORDER BY pos" },
		{ "DELETE FROM action_source WHERE action = ?1" },
	},
	[CXO__SRC_FOLLOWUP] = {
		{ "INSERT INTO followup_source (followup, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM followup_source WHERE followup = ?1 ORDER BY pos" },
		{ "DELETE FROM followup_source WHERE followup = ?1" },
	},
	[CXO__SRC_LINK] = {
		{ "INSERT INTO link_source (link, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM link_source WHERE link = ?1 ORDER BY pos" },
		{ "DELETE FROM link_source WHERE link = ?1" },
	},
	[CXO__SRC_RELATION] = {
		{ "INSERT INTO relation_source (relation, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM relation_source WHERE relation = ?1 ORDER BY pos" },
		{ "DELETE FROM relation_source WHERE relation = ?1" },
	},
	[CXO__SRC_ITEM_STATUS] = {
		{ "INSERT INTO item_status_source (item_status, pos, ref, url, quote) VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "SELECT ref, url, quote FROM item_status_source WHERE item_status = ?1 ORDER BY pos" },
		{ "DELETE FROM item_status_source WHERE item_status = ?1" },
	},
};

static const char *const FIELDS[] = { "ref", "url", "quote" };

int cxo__sources_normalize(const cxo__field *in, cxo_row *out, cxo__ctx *ctx, const char *field)
{
	if (in->type != CXO_TYPE_LIST)
		return cxo__err(CXO_EINVAL, "%s.%s: expected a list of sources", ctx->path, field);
	const cxo_row *list = in->v.row;
	if (list->n == 0)
		return CXO_OK;
	cxo_row *dst = cxo__row_add_list(out, field);
	if (!dst)
		return CXO_ENOMEM;
	for (size_t i = 0; i < list->n; i++) {
		const cxo__field *e = &list->f[i];
		if (e->type != CXO_TYPE_ROW)
			return cxo__err(CXO_EINVAL, "%s.%s[%zu]: expected a source object {\"ref\", \"url\", \"quote\"}",
			                ctx->path, field, i);
		const cxo_row *src = e->v.row;
		for (size_t j = 0; j < src->n; j++) {
			const char *name = src->f[j].name;
			if (strcmp(name, "ref") && strcmp(name, "url") && strcmp(name, "quote")) {
				char q[96];
				cxo__quote(q, sizeof q, name);
				if (!ctx->lenient)
					return cxo__err(CXO_EINVAL, "%s.%s[%zu]: unknown field %s (a source has: ref, url, quote)",
					                ctx->path, field, i, q);
				cxo__warn(ctx, "%s.%s[%zu]: unknown field %s ignored", ctx->path, field, i, q);
			}
		}
		cxo_row *s = cxo__row_add_row(dst, NULL);
		if (!s)
			return CXO_ENOMEM;
		for (size_t k = 0; k < 3; k++) {
			const cxo__field *f = cxo__row_get(src, FIELDS[k]);
			if (!f || f->type == CXO_TYPE_NULL)
				continue;
			int rc = f->type != CXO_TYPE_TEXT ? cxo__err(CXO_EINVAL, "expected text") : cxo__text_check(f->v.s);
			if (!rc && !f->v.s[0])
				rc = cxo__err(CXO_EINVAL, "is empty");
			if (!rc && strlen(f->v.s) > CXO__TEXT_MAX)
				rc = cxo__err(CXO_EINVAL, "the text is %zu bytes long (at most %u)", strlen(f->v.s), CXO__TEXT_MAX);
			if (rc)
				return cxo__err_prefix("%s.%s[%zu].%s: ", ctx->path, field, i, FIELDS[k]);
			if ((rc = cxo__row_add_text(s, FIELDS[k], f->v.s)))
				return rc;
		}
		if (!cxo__row_get(s, "ref") && !cxo__row_get(s, "url"))
			return cxo__err(CXO_EINVAL, "%s.%s[%zu]: a source needs a ref or a url", ctx->path, field, i);
	}
	return CXO_OK;
}

int cxo__sources_add(cxo_db *db, int owner, int64_t id, const cxo_row *sources)
{
	const owner_sql *o = &OWNERS[owner];
	int rc = CXO_OK;
	for (size_t i = 0; sources && i < sources->n && !rc; i++) {
		const cxo_row *s = sources->f[i].v.row;
		sqlite3_stmt *st = cxo__stmt(db, &o->insert);
		if (!st)
			return cxo_errcode();
		cxo__bind_int(st, 1, id);
		cxo__bind_int(st, 2, (int64_t)i);
		for (int k = 0; k < 3; k++)
			cxo__bind_text(st, 3 + k, cxo_row_text(s, FIELDS[k]));
		rc = cxo__step_done(db, st, "writing a source");
	}
	return rc;
}

int cxo__sources_write(cxo_db *db, int owner, int64_t id, const cxo_row *sources)
{
	sqlite3_stmt *st = cxo__stmt(db, &OWNERS[owner].clear);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, id);
	int rc = cxo__step_done(db, st, "replacing sources");
	return rc ? rc : cxo__sources_add(db, owner, id, sources);
}

int cxo__sources_load(cxo_db *db, int owner, int64_t id, cxo_row *out)
{
	sqlite3_stmt *st = cxo__stmt(db, &OWNERS[owner].select);
	if (!st)
		return cxo_errcode();
	cxo__bind_int(st, 1, id);
	cxo_row *list = NULL;
	int rc, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!list && !(list = cxo__row_add_list(out, "sources"))) {
			cxo__stmt_reset(st);
			return CXO_ENOMEM;
		}
		cxo_row *s = cxo__row_add_row(list, NULL);
		rc = s ? CXO_OK : CXO_ENOMEM;
		for (int k = 0; k < 3 && !rc; k++)
			if (sqlite3_column_type(st, k) != SQLITE_NULL)
				rc = cxo__row_add_column_text(s, FIELDS[k], st, k);
		if (rc) {
			cxo__stmt_reset(st);
			return rc;
		}
	}
	cxo__stmt_reset(st);
	return src == SQLITE_DONE ? CXO_OK : cxo__sqlerr(db, src, "reading sources");
}
