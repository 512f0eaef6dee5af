/* Meetings: when and where, who hosted, which topics were planned. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const char *const KINDS[] = { "cto", "cxo", "consultation", "workshop", "tsag", "wtsa", "other", NULL };

static const cxo__spec SPEC[] = {
	{ .name = "id", .type = FT_SLUG, .flags = FF_REQUIRED | FF_KEY },
	{ .name = "kind", .type = FT_ENUM, .flags = FF_REQUIRED, .values = KINDS },
	{ .name = "series", .type = FT_TEXT },
	{ .name = "ordinal", .type = FT_INT, .flags = FF_POSITIVE },
	{ .name = "date", .type = FT_DATE, .flags = FF_REQUIRED },
	{ .name = "end_date", .type = FT_DATE },
	{ .name = "city", .type = FT_TEXT },
	{ .name = "country", .type = FT_COUNTRY },
	{ .name = "host", .type = FT_TEXT },
	{ .name = "participants", .type = FT_INT },
	{ .name = "agenda", .type = FT_SLUGS },
	{ .name = "sources", .type = FT_SOURCES },
	{ .name = "note", .type = FT_TEXT },
	{ .name = "uncertain", .type = FT_BOOL, .flags = FF_OMIT_FALSE },
	{ .name = "attendance", .type = FT_CHILDREN, .child = &cxo__attendance_ops, .parent_key = "meeting" },
	{ .name = NULL },
};

static const char *const KEY_NAMES[] = { "id" };

static void key(const cxo_row *rec, const char *parts[])
{
	parts[0] = cxo_row_text(rec, "id");
}

static const cxo__sql S_FIND = { "SELECT id FROM meeting WHERE slug = ?1" };

static int find(cxo_db *db, const char *const *k, int64_t *rowid)
{
	return cxo__query_id(db, &S_FIND, k[0], rowid, "finding a meeting");
}

static const cxo__sql S_LOAD = {
	"SELECT slug, kind, series, ordinal, date, end_date, city, country, host, participants, note, uncertain"
	" FROM meeting WHERE id = ?1"
};
static const cxo__sql S_AGENDA = { "SELECT topic FROM agenda WHERE meeting = ?1 ORDER BY pos" };

static int load(cxo_db *db, int64_t rowid, cxo_row *out)
{
	static const char *const cols[] = { "id", "kind", "series", "ordinal", "date", "end_date",
	                                    "city", "country", "host", "participants" };
	sqlite3_stmt *st;
	int src, rc = cxo__query_row(db, &S_LOAD, rowid, "meeting", &st);
	if (rc)
		return rc;
	for (int c = 0; c < 10 && !rc; c++) {
		if (sqlite3_column_type(st, c) == SQLITE_NULL)
			continue;
		rc = sqlite3_column_type(st, c) == SQLITE_INTEGER ? cxo__row_add_column_int(out, cols[c], st, c)
		                                                   : cxo__row_add_column_text(out, cols[c], st, c);
	}
	char *note = NULL;
	if (!rc && sqlite3_column_type(st, 10) != SQLITE_NULL &&
	    !(note = cxo__arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 10))))
		rc = CXO_ENOMEM;
	int uncertain = sqlite3_column_int(st, 11);
	cxo__stmt_reset(st);
	if (!rc && !(st = cxo__stmt(db, &S_AGENDA)))
		rc = cxo_errcode();
	if (!rc) {
		cxo__bind_int(st, 1, rowid);
		cxo_row *agenda = NULL;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			if (!agenda && !(agenda = cxo__row_add_list(out, "agenda")))
				rc = CXO_ENOMEM;
			else
				rc = cxo__row_add_column_text(agenda, NULL, st, 0);
		}
		cxo__stmt_reset(st);
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "reading an agenda");
	}
	if (!rc)
		rc = cxo__sources_load(db, CXO__SRC_MEETING, rowid, out);
	if (!rc && note)
		rc = cxo__row_add_text(out, "note", note);
	if (!rc && uncertain)
		rc = cxo__row_add_bool(out, "uncertain", 1);
	return rc;
}

static int check(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx)
{
	(void)db;
	(void)rowid;
	const char *date = cxo_row_text(rec, "date"), *end = cxo_row_text(rec, "end_date");
	if (end && strcmp(end, date) < 0)
		return cxo__err(CXO_EINVAL, "%s.end_date: \"%s\" is before the date \"%s\"", ctx->path, end, date);
	return CXO_OK;
}

static const cxo__sql S_INSERT = {
	"INSERT INTO meeting (slug, kind, series, ordinal, date, end_date, city, country, host, participants,"
	" note, uncertain, pos, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
};
static const cxo__sql S_UPDATE = {
	"UPDATE meeting SET kind = ?2, series = ?3, ordinal = ?4, date = ?5, end_date = ?6, city = ?7, country = ?8,"
	" host = ?9, participants = ?10, note = ?11, uncertain = ?12, pos = ?13 WHERE id = ?1"
};
static const cxo__sql S_POS = { "SELECT pos FROM meeting WHERE id = ?1" };
static const cxo__sql S_MOVE_OBSERVATIONS = { "UPDATE observation SET pos = ?2 WHERE meeting = ?1" };
static const cxo__sql S_MOVE_FOLLOWUPS = { "UPDATE followup SET pos = ?2 WHERE meeting = ?1" };
static const cxo__sql S_AGENDA_CLEAR = { "DELETE FROM agenda WHERE meeting = ?1" };
static const cxo__sql S_AGENDA_INSERT = { "INSERT INTO agenda (meeting, pos, topic) VALUES (?1, ?2, ?3)" };

static void bind_opt_int(sqlite3_stmt *st, int i, const cxo_row *rec, const char *name)
{
	if (cxo_row_type(rec, name) == CXO_TYPE_INT)
		cxo__bind_int(st, i, cxo_row_int(rec, name));
}

static int write(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx)
{
	char pos[CXO__POS_MAX];
	cxo__pos_meeting(pos, cxo_row_text(rec, "date"), cxo_row_int(rec, "ordinal"), cxo_row_text(rec, "id"));
	int moved = 0;
	if (*rowid) {
		sqlite3_stmt *old = cxo__stmt(db, &S_POS);
		if (!old)
			return cxo_errcode();
		cxo__bind_int(old, 1, *rowid);
		int src = sqlite3_step(old);
		moved = src == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(old, 0), pos) != 0;
		cxo__stmt_reset(old);
		if (src != SQLITE_ROW)
			return cxo__sqlerr(db, src, "reading a meeting");
	}
	sqlite3_stmt *st = cxo__stmt(db, *rowid ? &S_UPDATE : &S_INSERT);
	if (!st)
		return cxo_errcode();
	if (*rowid)
		cxo__bind_int(st, 1, *rowid);
	else
		cxo__bind_text(st, 1, cxo_row_text(rec, "id"));
	cxo__bind_text(st, 2, cxo_row_text(rec, "kind"));
	cxo__bind_text(st, 3, cxo_row_text(rec, "series"));
	bind_opt_int(st, 4, rec, "ordinal");
	cxo__bind_text(st, 5, cxo_row_text(rec, "date"));
	cxo__bind_text(st, 6, cxo_row_text(rec, "end_date"));
	cxo__bind_text(st, 7, cxo_row_text(rec, "city"));
	cxo__bind_text(st, 8, cxo_row_text(rec, "country"));
	cxo__bind_text(st, 9, cxo_row_text(rec, "host"));
	bind_opt_int(st, 10, rec, "participants");
	cxo__bind_text(st, 11, cxo_row_text(rec, "note"));
	cxo__bind_int(st, 12, cxo_row_int(rec, "uncertain"));
	cxo__bind_text(st, 13, pos);
	if (!*rowid)
		cxo__bind_int(st, 14, ctx->origin);
	int rc = cxo__step_done(db, st, "writing a meeting");
	if (rc)
		return rc;
	if (moved) {
		/* the meeting moved in time: its observations move with it, and the
		 * transitions they make with their neighbours may change */
		if (!(st = cxo__stmt(db, &S_MOVE_OBSERVATIONS)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_text(st, 2, pos);
		if ((rc = cxo__step_done(db, st, "moving observations")))
			return rc;
		/* follow-ups keep their place in time too */
		if (!(st = cxo__stmt(db, &S_MOVE_FOLLOWUPS)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_text(st, 2, pos);
		if ((rc = cxo__step_done(db, st, "moving follow-ups")))
			return rc;
		cxo__db_changed(db);
		if ((rc = cxo__observations_recheck(db, *rowid, ctx)))
			return rc;
	} else if (!*rowid) {
		*rowid = sqlite3_last_insert_rowid(db->sql);
	}
	if (!(st = cxo__stmt(db, &S_AGENDA_CLEAR)))
		return cxo_errcode();
	cxo__bind_int(st, 1, *rowid);
	if ((rc = cxo__step_done(db, st, "replacing the agenda")))
		return rc;
	const cxo_row *agenda = cxo_row_child(rec, "agenda");
	for (size_t i = 0; agenda && i < agenda->n && !rc; i++) {
		if (!(st = cxo__stmt(db, &S_AGENDA_INSERT)))
			return cxo_errcode();
		cxo__bind_int(st, 1, *rowid);
		cxo__bind_int(st, 2, (int64_t)i);
		cxo__bind_text(st, 3, agenda->f[i].v.s);
		rc = cxo__step_done(db, st, "writing the agenda");
	}
	if (!rc)
		rc = cxo__sources_write(db, CXO__SRC_MEETING, *rowid, cxo_row_child(rec, "sources"));
	cxo__db_changed(db);
	return rc;
}

static const cxo__sql S_DELETE = { "DELETE FROM meeting WHERE id = ?1" };
static const cxo__sql S_CONCLUSIONS_AT = { "SELECT id FROM conclusion WHERE meeting = ?1 ORDER BY slug" };
static const cxo__sql S_FOLLOWUPS_AT = { "SELECT id FROM followup WHERE meeting = ?1 ORDER BY id" };
static const cxo__sql S_ACTIONS_DUE = { "SELECT id FROM action WHERE due_meeting = ?1 ORDER BY slug" };
static const cxo__sql S_RELATIONS_SINCE = { "SELECT id FROM relation WHERE since_meeting = ?1 ORDER BY id" };
static const cxo__sql S_LINKS_SINCE = { "SELECT id FROM link WHERE since_meeting = ?1 ORDER BY id" };

static int remove_meeting(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx)
{
	/* what happened at the meeting goes with it when cascading; what only
	 * dates itself by it (a due point, a since point) loses the date */
	static const cxo__ref refs[] = {
		{ &cxo__observations_at_meeting, &cxo__observation_ops, "observation", "observations", NULL },
		{ &S_CONCLUSIONS_AT, &cxo__conclusion_ops, "conclusion", "conclusions", NULL },
		{ &S_FOLLOWUPS_AT, &cxo__followup_ops, "follow-up", "follow-ups", NULL },
		{ &S_ACTIONS_DUE, &cxo__action_ops, "action due then", "actions due then", "due_meeting" },
		{ &S_RELATIONS_SINCE, &cxo__relation_ops, "relation since then", "relations since then", "since" },
		{ &S_LINKS_SINCE, &cxo__link_ops, "link since then", "links since then", "since" },
	};
	int rc = cxo__refs_release(db, refs, sizeof refs / sizeof refs[0], rowid, cxo_row_text(rec, "id"), flags, ctx);
	if (rc)
		return rc;
	rc = cxo__exec_id(db, &S_DELETE, rowid, "deleting a meeting");
	cxo__db_changed(db);
	return rc;
}

static const cxo__sql S_DISCUSSED = { "SELECT count(DISTINCT topic) FROM observation WHERE meeting = ?1" };

static int derive(cxo_db *db, int64_t rowid, cxo_row *row, void *arg)
{
	unsigned mask = *(unsigned *)arg;
	int k = cxo__kind_index(cxo_row_text(row, "kind"));
	if (k < 0 || !(mask & (1u << k)))
		return 1;
	int64_t n;
	int rc = cxo__count(db, &S_DISCUSSED, rowid, &n);
	return rc ? rc : cxo__row_add_int(row, "topics_discussed", n);
}


static const cxo__sql S_LIST = { "SELECT id FROM meeting ORDER BY pos" };

static int list(cxo_cursor **out, cxo_db *db, const cxo_query *q)
{
	*out = NULL; /* on every failure, as the API promises (reports free it) */
	unsigned *mask = cxo__malloc(sizeof *mask);
	if (!mask)
		return CXO_ENOMEM;
	int rc = cxo__kinds_parse(q->kinds, mask);
	if (!rc && !q->kinds)
		*mask = ~0u; /* every kind unless asked */
	if (rc) {
		cxo__free(mask);
		return rc;
	}
	return cxo__rowid_cursor(out, db, &cxo__meeting_ops, &S_LIST, NULL, 0, derive, mask, cxo__free);
}

static const cxo__sql S_ALL_MEETING = { "SELECT id FROM meeting ORDER BY pos" };

const cxo__kind_ops cxo__meeting_ops = {
	.kind = CXO_KIND_MEETING,
	.name = "meeting",
	.plural = "meetings",
	.spec = SPEC,
	.nkey = 1,
	.key_names = KEY_NAMES,
	.key = key,
	.find = find,
	.load = load,
	.check = check,
	.write = write,
	.remove = remove_meeting,
	.list = list,
	.all = &S_ALL_MEETING,
};
