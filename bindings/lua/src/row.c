/* Rows <-> Lua tables, and boxes.
 *
 * A row becomes a table keyed by field name: integers, booleans and text as
 * Lua values, nested rows as tables, lists as arrays; a null field is left
 * out (a null list element, which an array cannot leave out, becomes
 * cxotrack.null). A table becomes a row the other way round: string keys make
 * a row, the keys 1..n a list (an empty table is an empty list), and
 * cxotrack.null a null (in an update: clear the stored value). Named fields
 * go in the order of their names, so that encode() is deterministic.
 *
 * A box is a userdata owning one C resource (a row, a buffer, a string), made
 * before the resource so that a Lua error between its making and its freeing
 * (out of memory, a bad value deep in a table) cannot leak it: the garbage
 * collector frees it then. */
#include "lcxo.h"

#include <stdlib.h>
#include <string.h>

/* ---- boxes ---- */

typedef struct lcxo_boxed {
	void *p;
	void (*fn)(void *);
} lcxo_boxed;

void **lcxo_box(lua_State *L, void (*fn)(void *))
{
	lcxo_boxed *b = lua_newuserdatauv(L, sizeof *b, 0);
	b->p = NULL;
	b->fn = fn;
	luaL_setmetatable(L, LCXO_BOX);
	return &b->p;
}

void lcxo_box_release(lua_State *L, int idx)
{
	lcxo_boxed *b = luaL_checkudata(L, idx, LCXO_BOX);
	void *p = b->p;
	b->p = NULL;
	if (p)
		b->fn(p);
}

static int box_gc(lua_State *L)
{
	lcxo_box_release(L, 1);
	return 0;
}

void lcxo_free_row(void *row)
{
	CXL(cxo_row_free)(row);
}

static void free_text(void *p)
{
	CXL(cxo_free)(p);
}

/* ---- row -> table ---- */

/* The library bounds a row's depth (64 for imported documents, and the JSON
 * parser's own limit); this bound only guards the C stack. */
enum { MAX_DEPTH = 200 };

static void push_rowr(lua_State *L, const cxo_row *row, int depth);

static void push_field(lua_State *L, const cxo_row *row, size_t i, int depth)
{
	switch (CXL(cxo_row_type_at)(row, i)) {
	case CXO_TYPE_INT:
		lua_pushinteger(L, (lua_Integer)CXL(cxo_row_int_at)(row, i));
		break;
	case CXO_TYPE_BOOL:
		lua_pushboolean(L, CXL(cxo_row_int_at)(row, i) != 0);
		break;
	case CXO_TYPE_REAL:
		lua_pushnumber(L, (lua_Number)CXL(cxo_row_real_at)(row, i));
		break;
	case CXO_TYPE_TEXT:
		lua_pushstring(L, CXL(cxo_row_text_at)(row, i));
		break;
	case CXO_TYPE_ROW:
	case CXO_TYPE_LIST:
		push_rowr(L, CXL(cxo_row_child_at)(row, i), depth + 1);
		break;
	default:
		lua_pushlightuserdata(L, LCXO_NULL);
		break;
	}
}

static void push_rowr(lua_State *L, const cxo_row *row, int depth)
{
	if (depth > MAX_DEPTH)
		luaL_error(L, "a row nested more than %d levels deep", MAX_DEPTH);
	luaL_checkstack(L, 4, "a deeply nested row");
	size_t n = CXL(cxo_row_size)(row);
	int is_list = CXL(cxo_row_is_list)(row);
	int hint = n > 1000000 ? 1000000 : (int)n;
	lua_createtable(L, is_list ? hint : 0, is_list ? 0 : hint);
	for (size_t i = 0; i < n; i++) {
		if (is_list) {
			push_field(L, row, i, depth);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
			continue;
		}
		const char *name = CXL(cxo_row_name)(row, i);
		if (!name || CXL(cxo_row_type_at)(row, i) == CXO_TYPE_NULL)
			continue;
		push_field(L, row, i, depth);
		lua_setfield(L, -2, name);
	}
}

void lcxo_push_row(lua_State *L, const cxo_row *row)
{
	push_rowr(L, row, 0);
}

/* ---- table -> row ---- */

/* Where in the table a value is, for messages: fields and 1-based indexes. */
typedef struct conv {
	lua_State *L;
	int arg;
	int depth;
	struct {
		const char *name; /* NULL: an index */
		lua_Integer index;
	} path[MAX_DEPTH + 2];
} conv;

static int conv_error(conv *c, const char *what)
{
	lua_State *L = c->L;
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (int i = 0; i < c->depth; i++) {
		if (c->depth > 12 && i == 4) { /* a long path (a cycle?): its ends */
			luaL_addstring(&b, "...");
			i = c->depth - 6;
		}
		if (c->path[i].name) {
			if (i)
				luaL_addchar(&b, '.');
			luaL_addstring(&b, c->path[i].name);
		} else {
			lua_pushfstring(L, "[%I]", c->path[i].index);
			luaL_addvalue(&b);
		}
	}
	if (c->depth)
		luaL_addstring(&b, ": ");
	luaL_addstring(&b, what);
	luaL_pushresult(&b);
	return luaL_argerror(L, c->arg, lua_tostring(L, -1));
}

/* The shape of the table at `t`: 1 a list (keys 1..n, or empty), 0 named
 * fields (string keys); raises for anything else. */
static int table_shape(conv *c, int t)
{
	lua_State *L = c->L;
	lua_Integer n = 0, max = 0;
	int strings = 0, ints = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		n++;
		if (lua_type(L, -1) == LUA_TSTRING) {
			strings = 1;
		} else if (lua_isinteger(L, -1)) {
			lua_Integer k = lua_tointeger(L, -1);
			if (k < 1) {
				lua_pop(L, 1);
				conv_error(c, lua_pushfstring(L, "a list's index %I is not positive", k));
			}
			if (k > max)
				max = k;
			ints = 1;
		} else {
			const char *type = luaL_typename(L, -1);
			lua_pop(L, 1);
			conv_error(c, lua_pushfstring(L, "a %s cannot be a field name", type));
		}
	}
	if (strings && ints)
		conv_error(c, "a table mixes named fields and list elements");
	if (ints && max != n)
		conv_error(c, "a list has holes (its indexes are not 1 to n)");
	return !strings;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int fill(conv *c, cxo_row *row, int t, int is_list);

/* Set field `name` (NULL in a list) of `row` to the value on top of the stack. */
static int set_value(conv *c, cxo_row *row, const char *name)
{
	lua_State *L = c->L;
	int v = lua_gettop(L);
	switch (lua_type(L, v)) {
	case LUA_TBOOLEAN:
		return CXL(cxo_row_set_bool)(row, name, lua_toboolean(L, v));
	case LUA_TNUMBER: {
		/* a number with an integer representation is an integer (23.0 as
		 * well as 23); any other a real, which no record field takes: the
		 * library says so, naming the record and field */
		int isint;
		lua_Integer i = lua_tointegerx(L, v, &isint);
		if (isint)
			return CXL(cxo_row_set_int)(row, name, (int64_t)i);
		return CXL(cxo_row_set_real)(row, name, (double)lua_tonumber(L, v));
	}
	case LUA_TSTRING: {
		size_t len;
		const char *s = lua_tolstring(L, v, &len);
		if (strlen(s) != len)
			conv_error(c, "a string contains a NUL byte");
		return CXL(cxo_row_set_text)(row, name, s);
	}
	case LUA_TLIGHTUSERDATA:
		if (lua_touserdata(L, v) == LCXO_NULL)
			return CXL(cxo_row_set_null)(row, name);
		break;
	case LUA_TTABLE: {
		if (c->depth >= MAX_DEPTH)
			conv_error(c, "tables nested too deep (a table that contains itself?)");
		luaL_checkstack(L, 6, "a deeply nested table");
		int is_list = table_shape(c, v);
		cxo_row *child;
		int rc = is_list ? CXL(cxo_row_set_list)(&child, row, name) : CXL(cxo_row_set_row)(&child, row, name);
		return rc < 0 ? rc : fill(c, child, v, is_list);
	}
	default:
		break;
	}
	return conv_error(c, lua_pushfstring(L, "a %s cannot be a field value", luaL_typename(L, v)));
}

/* Fill `row` from the table at `t`, whose shape is known. */
static int fill(conv *c, cxo_row *row, int t, int is_list)
{
	lua_State *L = c->L;
	int rc = CXO_OK;
	int d = c->depth++;
	if (is_list) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, t);
		for (lua_Integer i = 1; i <= n && rc >= 0; i++) {
			c->path[d].name = NULL;
			c->path[d].index = i;
			lua_rawgeti(L, t, i);
			rc = set_value(c, row, NULL);
			lua_pop(L, 1);
		}
	} else {
		/* the names, sorted; they stay alive as keys of the table */
		size_t n = 0;
		lua_pushnil(L);
		while (lua_next(L, t)) {
			lua_pop(L, 1);
			n++;
		}
		const char **names = lua_newuserdatauv(L, (n ? n : 1) * sizeof *names, 0);
		size_t i = 0;
		lua_pushnil(L);
		while (lua_next(L, t)) {
			lua_pop(L, 1);
			size_t len;
			const char *s = lua_tolstring(L, -1, &len);
			if (strlen(s) != len) {
				c->depth = d;
				conv_error(c, "a field name contains a NUL byte");
			}
			names[i++] = s;
		}
		qsort(names, n, sizeof *names, cmp_names);
		for (i = 0; i < n && rc >= 0; i++) {
			c->path[d].name = names[i];
			lua_pushstring(L, names[i]);
			lua_rawget(L, t);
			rc = set_value(c, row, names[i]);
			lua_pop(L, 1);
		}
		lua_pop(L, 1); /* names */
	}
	c->depth = d;
	return rc;
}

int lcxo_to_row(lua_State *L, int idx, int arg, cxo_row **out)
{
	idx = lua_absindex(L, idx);
	void **box = lcxo_box(L, lcxo_free_row);
	conv c;
	c.L = L;
	c.arg = arg;
	c.depth = 0;
	*out = NULL;
	if (table_shape(&c, idx)) {
		lua_pushnil(L);
		if (lua_next(L, idx))
			conv_error(&c, "a list where a record (a table with named fields) belongs");
	}
	cxo_row *row;
	int rc = CXL(cxo_row_new)(&row);
	*box = row;
	if (rc < 0)
		return rc;
	rc = fill(&c, row, idx, 0);
	if (rc < 0)
		return rc;
	*out = row;
	return CXO_OK;
}

/* ---- decode, encode ---- */

/* cxotrack.decode(json) -> table, or nil, message, code: a JSON object read by
 * the library's own parser (cxo_row_from_json), so numbers are integers. */
int lcxo_decode(lua_State *L)
{
	size_t len;
	const char *json = luaL_checklstring(L, 1, &len);
	void **box = lcxo_box(L, lcxo_free_row);
	cxo_row *row;
	int rc = CXL(cxo_row_from_json)(&row, json, len);
	*box = row;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lcxo_push_row(L, row);
	lcxo_box_release(L, -2);
	return 1;
}

/* cxotrack.encode(table) -> compact JSON text (fields in name order) */
int lcxo_encode(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	cxo_row *row;
	int rc = lcxo_to_row(L, 1, 1, &row);
	if (rc < 0)
		return lcxo_fail(L, rc);
	void **text = lcxo_box(L, free_text);
	char *json;
	size_t len;
	rc = CXL(cxo_row_to_json)(&json, &len, row);
	*text = json;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lua_pushlstring(L, json, len);
	lcxo_box_release(L, -2); /* the text */
	lcxo_box_release(L, -3); /* the row */
	return 1;
}

void lcxo_row_open_lib(lua_State *L)
{
	luaL_newmetatable(L, LCXO_BOX);
	lua_pushcfunction(L, box_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
}
