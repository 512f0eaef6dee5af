/* The database handle: a full userdata holding a cxo_db *, like liolib's
 * luaL_Stream holds a FILE *. Its user value 1 is the path it was opened with
 * (for __tostring). */
#include "lcxo.h"

#include <limits.h>
#include <string.h>

static lcxo_db *todb(lua_State *L, int arg)
{
	return luaL_checkudata(L, arg, LCXO_DB);
}

void lcxo_check_not_busy(lua_State *L, lcxo_db *d)
{
	if (d->busy)
		luaL_error(L, "the database is in use by a callback of one of its own calls");
}

lcxo_db *lcxo_checkdb(lua_State *L, int arg)
{
	lcxo_db *d = todb(L, arg);
	if (!d->db)
		luaL_error(L, "attempt to use a closed database");
	lcxo_check_not_busy(L, d);
	return d;
}

/* cxotrack.open(path [, mode]): mode "rw" (default: an existing database),
 * "r" (read-only) or "rwc" (created if missing). */
int lcxo_open(lua_State *L)
{
	static const char *const MODES[] = { "rw", "r", "rwc", NULL };
	static const uint32_t FLAGS[] = { CXO_OPEN_READWRITE, CXO_OPEN_READONLY, CXO_OPEN_CREATE };
	const char *path = lcxo_checkcstring(L, 1);
	int mode = luaL_checkoption(L, 2, "rw", MODES);
	/* the userdata first: if Lua runs out of memory, nothing is held yet */
	lcxo_db *d = lua_newuserdatauv(L, sizeof *d, 1);
	d->db = NULL;
	d->busy = 0;
	luaL_setmetatable(L, LCXO_DB);
	lua_pushvalue(L, 1);
	lua_setiuservalue(L, -2, 1);
	int rc = CXL(cxo_db_open)(&d->db, path, FLAGS[mode]);
	if (rc < 0)
		return lcxo_fail(L, rc);
	return 1;
}

static int close_db(lcxo_db *d)
{
	int rc = CXL(cxo_db_close)(d->db);
	d->db = NULL;
	return rc;
}

/* db:close(): closing again is an error, as for a file; cursors still open
 * keep reading, and the handle is released when the last one is closed. */
static int db_close(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	return lcxo_result(L, close_db(d));
}

/* __gc and __close: close if still open. */
static int db_gc(lua_State *L)
{
	lcxo_db *d = todb(L, 1);
	if (d->db && !d->busy)
		close_db(d);
	return 0;
}

static int db_tostring(lua_State *L)
{
	lcxo_db *d = todb(L, 1);
	if (!d->db) {
		lua_pushliteral(L, "cxotrack.db (closed)");
	} else {
		lua_getiuservalue(L, 1, 1);
		lua_pushfstring(L, "cxotrack.db (%s)", lua_tostring(L, -1));
	}
	return 1;
}

static int db_actor(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	lua_pushstring(L, CXL(cxo_db_actor)(d->db));
	return 1;
}

static int db_set_actor(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *actor = lcxo_checkcstring(L, 2);
	return lcxo_result(L, CXL(cxo_db_set_actor)(d->db, actor));
}

static int db_set_busy_timeout(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	lua_Integer ms = luaL_checkinteger(L, 2);
	luaL_argcheck(L, ms >= INT_MIN && ms <= INT_MAX, 2, "milliseconds out of range");
	return lcxo_result(L, CXL(cxo_db_set_busy_timeout)(d->db, (int)ms));
}

static int db_begin(lua_State *L)
{
	return lcxo_result(L, CXL(cxo_db_begin)(lcxo_checkdb(L, 1)->db));
}

static int db_commit(lua_State *L)
{
	return lcxo_result(L, CXL(cxo_db_commit)(lcxo_checkdb(L, 1)->db));
}

static int db_rollback(lua_State *L)
{
	return lcxo_result(L, CXL(cxo_db_rollback)(lcxo_checkdb(L, 1)->db));
}

static int db_backup(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *path = lcxo_checkcstring(L, 2);
	return lcxo_result(L, CXL(cxo_db_backup)(d->db, path));
}

/* ---- records ---- */

/* The key parts in arguments first..last (strings), as an array that lives
 * in a userdata pushed on the stack. */
static const char **key_parts(lua_State *L, int first, int last, size_t *n)
{
	*n = last >= first ? (size_t)(last - first + 1) : 0;
	for (int i = first; i <= last; i++)
		lcxo_checkcstring(L, i);
	const char **key = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *key, 0);
	for (size_t i = 0; i < *n; i++)
		key[i] = lua_tostring(L, first + (int)i);
	return key;
}

static int get(lua_State *L, cxo_kind kind, int first)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	size_t n;
	const char **key = key_parts(L, first, lua_gettop(L), &n);
	void **box = lcxo_box(L, lcxo_free_row);
	cxo_row *row;
	int rc = CXL(cxo_record_get)(&row, d->db, kind, key, n);
	*box = row;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lcxo_push_row(L, row);
	lcxo_box_release(L, -2);
	return 1;
}

/* db:get(kind, key...) */
static int db_get(lua_State *L)
{
	lcxo_checkdb(L, 1);
	return get(L, lcxo_checkkind(L, 2), 3);
}

/* db:topic(id), db:observation(topic, lifecycle, point)...: the kind is upvalue 1 */
static int db_get_kind(lua_State *L)
{
	return get(L, (cxo_kind)lua_tointeger(L, lua_upvalueindex(1)), 2);
}

static int change(lua_State *L, int update)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	cxo_kind kind = lcxo_checkkind(L, 2);
	luaL_checktype(L, 3, LUA_TTABLE);
	cxo_row *row;
	int rc = lcxo_to_row(L, 3, 3, &row);
	if (rc < 0)
		return lcxo_fail(L, rc);
	rc = update ? CXL(cxo_record_update)(d->db, kind, row) : CXL(cxo_record_create)(d->db, kind, row);
	lcxo_box_release(L, -1);
	return lcxo_result(L, rc);
}

/* db:create(kind, record) -> true [, warning] */
static int db_create(lua_State *L)
{
	return change(L, 0);
}

/* db:update(kind, record) -> true [, warning] */
static int db_update(lua_State *L)
{
	return change(L, 1);
}

/* db:delete(kind, key... [, {cascade = true}]) -> true [, warning] */
static int db_delete(lua_State *L)
{
	static const char *const OPTIONS[] = { "cascade", NULL };
	lcxo_db *d = lcxo_checkdb(L, 1);
	cxo_kind kind = lcxo_checkkind(L, 2);
	int last = lua_gettop(L);
	uint32_t flags = 0;
	if (last >= 3 && lua_type(L, last) == LUA_TTABLE) {
		lcxo_check_keys(L, last, last, OPTIONS);
		if (lcxo_opt_bool(L, last, last, "cascade"))
			flags |= CXO_DELETE_CASCADE;
		last--;
	}
	size_t n;
	const char **key = key_parts(L, 3, last, &n);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	return lcxo_result(L, CXL(cxo_record_delete)(d->db, kind, key, n, flags));
}

/* db:rename(old, new [, {title =, since =}]) -> true */
static int db_rename(lua_State *L)
{
	static const char *const OPTIONS[] = { "title", "since", NULL };
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *old_id = lcxo_checkcstring(L, 2);
	const char *new_id = lcxo_checkcstring(L, 3);
	lcxo_check_keys(L, 4, 4, OPTIONS);
	const char *title = lcxo_opt_string(L, 4, 4, "title");
	const char *since = lcxo_opt_string(L, 4, 4, "since");
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	return lcxo_result(L, CXL(cxo_topic_rename)(d->db, old_id, new_id, title, since));
}

static const luaL_Reg METHODS[] = {
	{ "close", db_close },
	{ "actor", db_actor },
	{ "set_actor", db_set_actor },
	{ "set_busy_timeout", db_set_busy_timeout },
	{ "begin", db_begin },
	{ "commit", db_commit },
	{ "rollback", db_rollback },
	{ "backup", db_backup },
	{ "get", db_get },
	{ "create", db_create },
	{ "update", db_update },
	{ "delete", db_delete },
	{ "rename", db_rename },
	{ "import", lcxo_import },
	{ "import_files", lcxo_import_files },
	{ "export", lcxo_export },
	{ "report", lcxo_report },
	{ NULL, NULL },
};

static const luaL_Reg META[] = {
	{ "__gc", db_gc },
	{ "__close", db_gc },
	{ "__tostring", db_tostring },
	{ NULL, NULL },
};

/* The named getters: every kind but attendance, whose name is its list's. */
static const struct {
	cxo_kind kind;
	const char *name;
} GETTERS[] = {
	{ CXO_KIND_MEETING, "meeting" },       { CXO_KIND_TOPIC, "topic" },
	{ CXO_KIND_LIFECYCLE, "lifecycle" },   { CXO_KIND_OBSERVATION, "observation" },
	{ CXO_KIND_CONCLUSION, "conclusion" }, { CXO_KIND_ACTION, "action" },
	{ CXO_KIND_FOLLOWUP, "followup" },     { CXO_KIND_REGISTRY, "registry" },
	{ CXO_KIND_ITEM, "item" },             { CXO_KIND_LINK, "link" },
	{ CXO_KIND_RELATION, "relation" },     { CXO_KIND_ORGANIZATION, "organization" },
};

void lcxo_db_open_lib(lua_State *L)
{
	/* a second require in the same state (busted's insulation) finds the
	 * metatable made and fills it again, which is harmless */
	luaL_newmetatable(L, LCXO_DB);
	luaL_setfuncs(L, META, 0);
	lua_newtable(L); /* methods */
	luaL_setfuncs(L, METHODS, 0);
	for (size_t i = 0; i < sizeof GETTERS / sizeof GETTERS[0]; i++) {
		lua_pushinteger(L, GETTERS[i].kind);
		lua_pushcclosure(L, db_get_kind, 1);
		lua_setfield(L, -2, GETTERS[i].name);
	}
	lcxo_cursor_open_lib(L, lua_gettop(L));
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}
