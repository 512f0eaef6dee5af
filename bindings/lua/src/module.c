/* luaopen_cxotrack: the module table, its functions, errors and the manifest. */
#include "lcxo.h"

#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>

/* ---- counting the calls into the library (see calls.h) ---- */

static atomic_ulong calls[LCXO_NCALLS];

void lcxo_note(int id)
{
	atomic_fetch_add_explicit(&calls[id], 1, memory_order_relaxed);
}

/* cxotrack._c_calls(): {cxo_db_open = 3, ...}, every reached function. */
static int m_c_calls(lua_State *L)
{
	lua_createtable(L, 0, LCXO_NCALLS);
#define PUSH_COUNT(fn, lua)                                                                  \
	lua_pushinteger(L, (lua_Integer)atomic_load_explicit(&calls[LCXO_ID_##fn], memory_order_relaxed)); \
	lua_setfield(L, -2, #fn);
	LCXO_REACHED(PUSH_COUNT)
#undef PUSH_COUNT
	return 1;
}

/* ---- result codes ---- */

static const struct {
	int code;
	const char *name;
} CODES[] = {
	{ CXO_OK, "OK" },
	{ CXO_DONE, "DONE" },
	{ CXO_WARNED, "WARNED" },
	{ CXO_ERROR, "ERROR" },
	{ CXO_ENOMEM, "ENOMEM" },
	{ CXO_EINVAL, "EINVAL" },
	{ CXO_ENOTFOUND, "ENOTFOUND" },
	{ CXO_EEXISTS, "EEXISTS" },
	{ CXO_EBUSY, "EBUSY" },
	{ CXO_ESTORAGE, "ESTORAGE" },
	{ CXO_EFORMAT, "EFORMAT" },
	{ CXO_EVERSION, "EVERSION" },
	{ CXO_EMISUSE, "EMISUSE" },
	{ CXO_EREADONLY, "EREADONLY" },
	{ CXO_ECONSTRAINT, "ECONSTRAINT" },
	{ CXO_ESCHEMA, "ESCHEMA" },
	{ CXO_ELIMIT, "ELIMIT" },
	{ CXO_EIO, "EIO" },
	{ CXO_ECANCELED, "ECANCELED" },
};
#define NCODES (sizeof CODES / sizeof CODES[0])

const char *lcxo_code_name(int rc)
{
	for (size_t i = 0; i < NCODES; i++)
		if (CODES[i].code == rc)
			return CODES[i].name;
	return NULL;
}

int lcxo_fail(lua_State *L, int rc)
{
	/* a few out-of-memory paths of the library return the code without
	 * writing a message: then the message in the thread is another call's */
	const char *msg = CXL(cxo_errcode)() == rc ? CXL(cxo_errmsg)() : CXL(cxo_errstr)(rc);
	const char *name = lcxo_code_name(rc);
	lua_pushnil(L);
	lua_pushstring(L, msg);
	if (name)
		lua_pushstring(L, name);
	else
		lua_pushinteger(L, rc); /* a code newer than this module */
	return 3;
}

int lcxo_warned(lua_State *L, int rc, int nresults)
{
	if (rc != CXO_WARNED)
		return nresults;
	lua_pushstring(L, CXL(cxo_errmsg)());
	return nresults + 1;
}

int lcxo_result(lua_State *L, int rc)
{
	if (rc < 0)
		return lcxo_fail(L, rc);
	lua_pushboolean(L, 1);
	return lcxo_warned(L, rc, 1);
}

/* ---- arguments and options ---- */

const char *lcxo_checkcstring(lua_State *L, int arg)
{
	size_t len;
	const char *s = luaL_checklstring(L, arg, &len);
	if (strlen(s) != len)
		luaL_argerror(L, arg, "string contains a NUL byte");
	return s;
}

const char *lcxo_optcstring(lua_State *L, int arg)
{
	return lua_isnoneornil(L, arg) ? NULL : lcxo_checkcstring(L, arg);
}

int lcxo_opt_error(lua_State *L, int arg, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lua_pushfstring(L, "option '%s': ", key);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	lua_concat(L, 2);
	return luaL_argerror(L, arg, lua_tostring(L, -1));
}

void lcxo_check_keys(lua_State *L, int t, int arg, const char *const *keys)
{
	if (lua_isnoneornil(L, t))
		return;
	luaL_checktype(L, t, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_argerror(L, arg, lua_pushfstring(L, "option names are strings, not %s", luaL_typename(L, -1)));
		size_t len;
		const char *k = lua_tolstring(L, -1, &len);
		int known = 0;
		for (const char *const *p = keys; *p && !known; p++)
			known = strlen(*p) == len && memcmp(*p, k, len) == 0;
		if (!known)
			luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'", k));
	}
}

/* Push option `key` of the table at `t` (nil if `t` is nil or none). */
static int get_option(lua_State *L, int t, const char *key)
{
	if (lua_isnoneornil(L, t)) {
		lua_pushnil(L);
		return LUA_TNIL;
	}
	return lua_getfield(L, t, key);
}

/* The string on top of the stack (or a number, converted there), checked for NUL. */
static const char *top_cstring(lua_State *L, int arg, const char *key)
{
	size_t len;
	const char *s = lua_tolstring(L, -1, &len);
	if (strlen(s) != len)
		lcxo_opt_error(L, arg, key, "string contains a NUL byte");
	return s;
}

const char *lcxo_opt_string(lua_State *L, int t, int arg, const char *key)
{
	int type = get_option(L, t, key);
	if (type == LUA_TNIL)
		return NULL;
	if (type != LUA_TSTRING && type != LUA_TNUMBER)
		lcxo_opt_error(L, arg, key, "string expected, got %s", luaL_typename(L, -1));
	return top_cstring(L, arg, key);
}

const char *lcxo_opt_list(lua_State *L, int t, int arg, const char *key)
{
	int type = get_option(L, t, key);
	if (type != LUA_TTABLE) {
		lua_pop(L, 1);
		return lcxo_opt_string(L, t, arg, key);
	}
	int list = lua_gettop(L);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_Integer n = (lua_Integer)lua_rawlen(L, list);
	for (lua_Integer i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, ',');
		int et = lua_rawgeti(L, list, i);
		if (et != LUA_TSTRING)
			lcxo_opt_error(L, arg, key, "item %I: string expected, got %s", i, luaL_typename(L, -1));
		top_cstring(L, arg, key);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	lua_replace(L, list); /* the joined string takes the list's place */
	return lua_tostring(L, list);
}

int lcxo_opt_bool(lua_State *L, int t, int arg, const char *key)
{
	int type = get_option(L, t, key);
	int v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (type != LUA_TNIL && type != LUA_TBOOLEAN)
		lcxo_opt_error(L, arg, key, "boolean expected, got %s", lua_typename(L, type));
	return v;
}

lua_Integer lcxo_opt_int(lua_State *L, int t, int arg, const char *key, lua_Integer lo, lua_Integer hi,
                         lua_Integer def)
{
	int type = get_option(L, t, key);
	if (type == LUA_TNIL) {
		lua_pop(L, 1);
		return def;
	}
	int isint;
	lua_Integer v = lua_tointegerx(L, -1, &isint);
	if (type != LUA_TNUMBER || !isint)
		lcxo_opt_error(L, arg, key, "integer expected, got %s",
		               type == LUA_TNUMBER ? "a number with a fraction" : lua_typename(L, type));
	if (v < lo || v > hi)
		lcxo_opt_error(L, arg, key, "%I is out of range (%I to %I)", v, lo, hi);
	lua_pop(L, 1);
	return v;
}

cxo_kind lcxo_checkkind(lua_State *L, int arg)
{
	const char *name = lcxo_checkcstring(L, arg);
	int kind = CXL(cxo_kind_from_name)(name);
	if (!kind)
		luaL_argerror(L, arg, lua_pushfstring(L, "unknown kind '%s'", name));
	return (cxo_kind)kind;
}

/* ---- the module's functions ---- */

/* cxotrack.version() -> "0.1.0", 100: the library actually loaded. */
static int m_version(lua_State *L)
{
	lua_pushstring(L, CXL(cxo_version)());
	lua_pushinteger(L, CXL(cxo_version_number)());
	return 2;
}

/* cxotrack.errstr(code): code as a number (-4) or a name ("ENOTFOUND"). */
static int m_errstr(lua_State *L)
{
	int code = 0;
	if (lua_type(L, 1) == LUA_TSTRING) {
		const char *name = lua_tostring(L, 1);
		size_t i = 0;
		while (i < NCODES && strcmp(CODES[i].name, name) != 0)
			i++;
		if (i == NCODES)
			return luaL_argerror(L, 1, lua_pushfstring(L, "unknown result code '%s'", name));
		code = CODES[i].code;
	} else {
		lua_Integer c = luaL_checkinteger(L, 1);
		luaL_argcheck(L, c >= INT_MIN && c <= INT_MAX, 1, "result code out of range");
		code = (int)c;
	}
	lua_pushstring(L, CXL(cxo_errstr)(code));
	return 1;
}

static int m_check_slug(lua_State *L)
{
	const char *text = lcxo_checkcstring(L, 1);
	return lcxo_result(L, CXL(cxo_check_slug)(text));
}

static int m_check_date(lua_State *L)
{
	const char *text = lcxo_checkcstring(L, 1);
	return lcxo_result(L, CXL(cxo_check_date)(text));
}

/* cxotrack.kind("topics") -> "topic", 2; cxotrack.kind(2) -> "topic", 2; nil if unknown. */
static int m_kind(lua_State *L)
{
	int kind;
	if (lua_type(L, 1) == LUA_TNUMBER) {
		lua_Integer k = luaL_checkinteger(L, 1);
		kind = k >= 1 && k <= INT_MAX ? (int)k : 0;
	} else {
		kind = CXL(cxo_kind_from_name)(lcxo_checkcstring(L, 1));
	}
	const char *name = kind ? CXL(cxo_kind_name)(kind) : NULL;
	if (!name) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushstring(L, name);
	lua_pushinteger(L, kind);
	return 2;
}

/* An array of the names name(1), name(2)... up to the first NULL. */
static int names(lua_State *L, const char *(*name)(int))
{
	lua_newtable(L);
	for (int i = 1; i < 1000; i++) {
		const char *s = name(i);
		if (!s)
			break;
		lua_pushstring(L, s);
		lua_rawseti(L, -2, i);
	}
	return 1;
}

static int m_kinds(lua_State *L)
{
	return names(L, CXL(cxo_kind_name));
}

static int m_reports(lua_State *L)
{
	return names(L, CXL(cxo_report_name));
}

static int m_formats(lua_State *L)
{
	return names(L, CXL(cxo_format_name));
}

/* cxotrack.describe(kind) -> {name=, plural=, key={...}, fields={...}} */
static int m_describe(lua_State *L)
{
	cxo_kind kind = lcxo_checkkind(L, 1);
	void **box = lcxo_box(L, lcxo_free_row);
	cxo_row *row;
	int rc = CXL(cxo_kind_describe)(&row, kind);
	*box = row;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lcxo_push_row(L, row);
	lcxo_box_release(L, -2);
	return 1;
}

/* cxotrack.type(v) -> "database", "closed database", "cursor", "closed cursor" or nil */
static int m_type(lua_State *L)
{
	luaL_checkany(L, 1);
	lcxo_db *d = luaL_testudata(L, 1, LCXO_DB);
	lcxo_cursor *c = d ? NULL : luaL_testudata(L, 1, LCXO_CURSOR);
	if (d)
		lua_pushstring(L, d->db ? "database" : "closed database");
	else if (c)
		lua_pushstring(L, c->cur ? "cursor" : "closed cursor");
	else
		lua_pushnil(L);
	return 1;
}

static const luaL_Reg FUNCTIONS[] = {
	{ "open", lcxo_open },
	{ "version", m_version },
	{ "errstr", m_errstr },
	{ "check_slug", m_check_slug },
	{ "check_date", m_check_date },
	{ "kind", m_kind },
	{ "kinds", m_kinds },
	{ "describe", m_describe },
	{ "reports", m_reports },
	{ "formats", m_formats },
	{ "type", m_type },
	{ "decode", lcxo_decode },
	{ "encode", lcxo_encode },
	{ "_c_calls", m_c_calls },
	{ NULL, NULL },
};

__attribute__((visibility("default"))) int luaopen_cxotrack(lua_State *L);

__attribute__((visibility("default"))) int luaopen_cxotrack(lua_State *L)
{
	luaL_checkversion(L);
	lcxo_row_open_lib(L);
	lcxo_db_open_lib(L);

	luaL_newlib(L, FUNCTIONS);

	lua_pushliteral(L, CXO_VERSION_STRING);
	lua_setfield(L, -2, "VERSION");
	lua_pushlightuserdata(L, LCXO_NULL);
	lua_setfield(L, -2, "null");

	/* codes: name -> number and number -> name */
	lua_createtable(L, (int)NCODES, (int)NCODES);
	for (size_t i = 0; i < NCODES; i++) {
		lua_pushinteger(L, CODES[i].code);
		lua_setfield(L, -2, CODES[i].name);
		lua_pushstring(L, CODES[i].name);
		lua_rawseti(L, -2, CODES[i].code);
	}
	lua_setfield(L, -2, "codes");

	/* the manifest */
	lua_newtable(L);
#define PUSH_REACHED(fn, lua)  \
	lua_pushliteral(L, lua); \
	lua_setfield(L, -2, #fn);
	LCXO_REACHED(PUSH_REACHED)
#undef PUSH_REACHED
	lua_setfield(L, -2, "_c_functions");
	lua_newtable(L);
#define PUSH_UNEXPOSED(fn, why) \
	lua_pushliteral(L, why);  \
	lua_setfield(L, -2, #fn);
	LCXO_UNEXPOSED(PUSH_UNEXPOSED)
#undef PUSH_UNEXPOSED
	lua_setfield(L, -2, "_c_unexposed");
	return 1;
}
