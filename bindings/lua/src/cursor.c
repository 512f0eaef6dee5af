/* Cursors, and the queries that make them.
 *
 * A query returns four values, the cursor, nil, nil and the cursor again, so
 * that `for row in db:topics() do ... end` calls the cursor (its __call) for
 * each row and, Lua 5.4's generic for taking the fourth value as a
 * to-be-closed variable, closes it when the loop ends by `break`, `return`,
 * `goto` or an error. A cursor's user value 1 is its database userdata, which
 * the cursor keeps alive. */
#include "lcxo.h"

#include <string.h>

static lcxo_cursor *tocursor(lua_State *L, int arg)
{
	return luaL_checkudata(L, arg, LCXO_CURSOR);
}

/* The cursor of argument 1, not closed, whose database is not in a callback. */
static lcxo_cursor *checkcursor(lua_State *L)
{
	lcxo_cursor *c = tocursor(L, 1);
	if (c->state == LCXO_CUR_CLOSED)
		luaL_error(L, "attempt to use a closed cursor");
	lua_getiuservalue(L, 1, 1);
	lcxo_db *d = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (d)
		lcxo_check_not_busy(L, d);
	return c;
}

static void free_cursor(lcxo_cursor *c, int state)
{
	cxo_cursor *cur = c->cur;
	c->cur = NULL;
	c->state = state;
	if (cur)
		CXL(cxo_cursor_free)(cur);
}

/* Push a new cursor userdata (no C cursor yet) for the database at `dbidx`.
 * Made before the query, so that the C cursor has a home the moment it exists. */
static lcxo_cursor *new_cursor(lua_State *L, int dbidx)
{
	lcxo_cursor *c = lua_newuserdatauv(L, sizeof *c, 1);
	c->cur = NULL;
	c->state = LCXO_CUR_CLOSED;
	luaL_setmetatable(L, LCXO_CURSOR);
	lua_pushvalue(L, dbidx);
	lua_setiuservalue(L, -2, 1);
	return c;
}

static int push_query(lua_State *L, int rc, cxo_cursor *cur)
{
	lcxo_cursor *c = lua_touserdata(L, -1);
	if (rc < 0)
		return lcxo_fail(L, rc);
	c->cur = cur;
	c->state = LCXO_CUR_OPEN;
	lua_pushnil(L);
	lua_pushnil(L);
	lua_pushvalue(L, -3);
	return 4;
}

/* Read the next row: 1 and the row's table pushed; 0 at the end (nothing
 * pushed, the cursor freed); or the failure's code (nothing pushed). */
static int step(lua_State *L, lcxo_cursor *c)
{
	if (c->state == LCXO_CUR_DONE)
		return 0;
	const cxo_row *row;
	int rc = CXL(cxo_cursor_next)(&row, c->cur);
	if (rc == CXO_OK) {
		lcxo_push_row(L, row);
		return 1;
	}
	if (rc == CXO_DONE) {
		free_cursor(c, LCXO_CUR_DONE);
		return 0;
	}
	return rc;
}

/* cursor:next() -> row, or nil at the end, or nil, message, code */
static int cur_next(lua_State *L)
{
	lcxo_cursor *c = checkcursor(L);
	int rc = step(L, c);
	if (rc == 1)
		return 1;
	if (rc == 0) {
		lua_pushnil(L);
		return 1;
	}
	return lcxo_fail(L, rc);
}

/* __call, what a generic for calls: a row, or nil at the end; a failure
 * raises an error (a for loop has no other way to report it). */
static int cur_call(lua_State *L)
{
	lcxo_cursor *c = checkcursor(L);
	int rc = step(L, c);
	if (rc == 1)
		return 1;
	if (rc == 0) {
		lua_pushnil(L);
		return 1;
	}
	lcxo_fail(L, rc);
	lua_pop(L, 1);
	return lua_error(L); /* the message */
}

/* cursor:rows() -> an array of the rows not yet read, or nil, message, code */
static int cur_rows(lua_State *L)
{
	lcxo_cursor *c = checkcursor(L);
	lua_newtable(L);
	int t = lua_gettop(L);
	for (lua_Integer i = 1;; i++) {
		int rc = step(L, c);
		if (rc == 0)
			break;
		if (rc != 1)
			return lcxo_fail(L, rc);
		lua_rawseti(L, t, i);
	}
	return 1;
}

static void free_text(void *p)
{
	CXL(cxo_free)(p);
}

/* cursor:json() -> the rows not yet read as one JSON array, or nil, message, code */
static int cur_json(lua_State *L)
{
	lcxo_cursor *c = checkcursor(L);
	if (c->state == LCXO_CUR_DONE) {
		lua_pushliteral(L, "[]");
		return 1;
	}
	void **box = lcxo_box(L, free_text);
	char *json;
	size_t len;
	int rc = CXL(cxo_cursor_json)(&json, &len, c->cur);
	*box = json;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lua_pushlstring(L, json, len);
	lcxo_box_release(L, -2);
	free_cursor(c, LCXO_CUR_DONE);
	return 1;
}

/* cursor:close() -> true; closing a closed cursor is an error, as for a file */
static int cur_close(lua_State *L)
{
	lcxo_cursor *c = tocursor(L, 1);
	if (c->state == LCXO_CUR_CLOSED)
		return luaL_error(L, "attempt to use a closed cursor");
	free_cursor(c, LCXO_CUR_CLOSED);
	lua_pushboolean(L, 1);
	return 1;
}

/* __gc and __close: free the C cursor if it is still there. Freeing is safe
 * even while the database is in a callback (the library only releases the
 * cursor's statement), and after the database was closed (the library
 * releases the handle with its last cursor). */
static int cur_gc(lua_State *L)
{
	free_cursor(tocursor(L, 1), LCXO_CUR_CLOSED);
	return 0;
}

static int cur_tostring(lua_State *L)
{
	lcxo_cursor *c = tocursor(L, 1);
	if (c->cur)
		lua_pushfstring(L, "cxotrack.cursor (%p)", (void *)c->cur);
	else
		lua_pushstring(L, c->state == LCXO_CUR_DONE ? "cxotrack.cursor (done)" : "cxotrack.cursor (closed)");
	return 1;
}

/* ---- queries ---- */

/* Read the query options table at `t` (nil allowed) into `q`; pushes the
 * option strings, which stay on the stack while `q` is used. */
static void read_query(lua_State *L, int t, int arg, cxo_query *q)
{
	static const char *const OPTIONS[] = { "as_of",  "lifecycle", "kinds", "topic",  "meeting", "status",
		                                   "owner",  "registry",  "item",  "organization", "action",
		                                   "entity", "key",       "since", "lineage", "open", "overdue",
		                                   "unlinked", NULL };
	if (!lua_isnoneornil(L, t))
		luaL_checktype(L, t, LUA_TTABLE);
	lcxo_check_keys(L, t, arg, OPTIONS);
	CXL(cxo_query_init)(q, CXO_QUERY_VERSION);
	if (lua_isnoneornil(L, t))
		return;
	luaL_checkstack(L, 16, "query options");
	q->as_of = lcxo_opt_string(L, t, arg, "as_of");
	q->lifecycle = lcxo_opt_string(L, t, arg, "lifecycle");
	q->kinds = lcxo_opt_list(L, t, arg, "kinds");
	q->topic = lcxo_opt_string(L, t, arg, "topic");
	q->meeting = lcxo_opt_string(L, t, arg, "meeting");
	q->status = lcxo_opt_string(L, t, arg, "status");
	q->owner = lcxo_opt_string(L, t, arg, "owner");
	q->registry = lcxo_opt_string(L, t, arg, "registry");
	q->item = lcxo_opt_string(L, t, arg, "item");
	q->organization = lcxo_opt_string(L, t, arg, "organization");
	q->action = lcxo_opt_string(L, t, arg, "action");
	q->entity = lcxo_opt_string(L, t, arg, "entity");
	q->key = lcxo_opt_string(L, t, arg, "key");
	q->since = lcxo_opt_string(L, t, arg, "since");
	if (lcxo_opt_bool(L, t, arg, "lineage"))
		q->flags |= CXO_QUERY_LINEAGE;
	if (lcxo_opt_bool(L, t, arg, "open"))
		q->flags |= CXO_QUERY_OPEN;
	if (lcxo_opt_bool(L, t, arg, "overdue"))
		q->flags |= CXO_QUERY_OVERDUE;
	if (lcxo_opt_bool(L, t, arg, "unlinked"))
		q->flags |= CXO_QUERY_UNLINKED;
}

static int list(lua_State *L, cxo_kind kind, int qarg)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	cxo_query q;
	read_query(L, qarg, qarg, &q);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	new_cursor(L, 1);
	cxo_cursor *cur;
	int rc = CXL(cxo_record_list)(&cur, d->db, kind, &q);
	return push_query(L, rc, cur);
}

/* db:list(kind [, query]) */
static int db_list(lua_State *L)
{
	lcxo_checkdb(L, 1);
	return list(L, lcxo_checkkind(L, 2), 3);
}

/* db:topics([query]), db:meetings([query])...: the kind is upvalue 1 */
static int db_list_kind(lua_State *L)
{
	return list(L, (cxo_kind)lua_tointeger(L, lua_upvalueindex(1)), 2);
}

/* db:history([topic [, query]]): a topic's history, or every topic's (nil) */
static int db_history(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *topic = lcxo_optcstring(L, 2);
	cxo_query q;
	read_query(L, 3, 3, &q);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	new_cursor(L, 1);
	cxo_cursor *cur;
	int rc = CXL(cxo_topic_history)(&cur, d->db, topic, &q);
	return push_query(L, rc, cur);
}

/* db:search(text [, query]) */
static int db_search(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *text = lcxo_checkcstring(L, 2);
	cxo_query q;
	read_query(L, 3, 3, &q);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	new_cursor(L, 1);
	cxo_cursor *cur;
	int rc = CXL(cxo_search)(&cur, d->db, text, &q);
	return push_query(L, rc, cur);
}

/* db:log([query]) (also db:audit): the audit log */
static int db_log(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	cxo_query q;
	read_query(L, 2, 2, &q);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	new_cursor(L, 1);
	cxo_cursor *cur;
	int rc = CXL(cxo_audit_list)(&cur, d->db, &q);
	return push_query(L, rc, cur);
}

static const luaL_Reg QUERIES[] = {
	{ "list", db_list },
	{ "history", db_history },
	{ "search", db_search },
	{ "log", db_log },
	{ "audit", db_log },
	{ NULL, NULL },
};

static const struct {
	cxo_kind kind;
	const char *name;
} LISTS[] = {
	{ CXO_KIND_MEETING, "meetings" },       { CXO_KIND_TOPIC, "topics" },
	{ CXO_KIND_LIFECYCLE, "lifecycles" },   { CXO_KIND_OBSERVATION, "observations" },
	{ CXO_KIND_CONCLUSION, "conclusions" }, { CXO_KIND_ACTION, "actions" },
	{ CXO_KIND_FOLLOWUP, "followups" },     { CXO_KIND_REGISTRY, "registries" },
	{ CXO_KIND_ITEM, "items" },             { CXO_KIND_LINK, "links" },
	{ CXO_KIND_RELATION, "relations" },     { CXO_KIND_ORGANIZATION, "organizations" },
	{ CXO_KIND_ATTENDANCE, "attendance" },
};

static const luaL_Reg METHODS[] = {
	{ "next", cur_next },
	{ "rows", cur_rows },
	{ "json", cur_json },
	{ "close", cur_close },
	{ NULL, NULL },
};

static const luaL_Reg META[] = {
	{ "__call", cur_call },
	{ "__gc", cur_gc },
	{ "__close", cur_gc },
	{ "__tostring", cur_tostring },
	{ NULL, NULL },
};

void lcxo_cursor_open_lib(lua_State *L, int methods)
{
	luaL_setfuncs(L, QUERIES, 0);
	for (size_t i = 0; i < sizeof LISTS / sizeof LISTS[0]; i++) {
		lua_pushinteger(L, LISTS[i].kind);
		lua_pushcclosure(L, db_list_kind, 1);
		lua_setfield(L, methods, LISTS[i].name);
	}
	luaL_newmetatable(L, LCXO_CURSOR);
	luaL_setfuncs(L, META, 0);
	luaL_newlib(L, METHODS);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}
