/* Import, export and reports. */
#include "lcxo.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

int lcxo_buffer_sink(void *ctx, const void *data, size_t len)
{
	return CXL(cxo_buffer_write)(ctx, data, len);
}

static void free_buffer(void *b)
{
	CXL(cxo_buffer_free)(b);
}

/* Push a new, empty buffer's box; the buffer in *out (NULL on failure). */
static int new_buffer(lua_State *L, cxo_buffer **out)
{
	void **box = lcxo_box(L, free_buffer);
	int rc = CXL(cxo_buffer_new)(out);
	*box = *out;
	return rc;
}

/* Push the text of `buf`, or with `decode` the table it holds (or the failure). */
static int push_output(lua_State *L, const cxo_buffer *buf, int decode)
{
	size_t len;
	const char *data = CXL(cxo_buffer_data)(buf, &len);
	if (!decode) {
		lua_pushlstring(L, data, len);
		return 1;
	}
	void **box = lcxo_box(L, lcxo_free_row);
	cxo_row *row;
	int rc = CXL(cxo_row_from_json)(&row, data, len);
	*box = row;
	if (rc < 0)
		return lcxo_fail(L, rc);
	lcxo_push_row(L, row);
	lcxo_box_release(L, -2);
	return 1;
}

/* ---- import ---- */

/* The progress callback: a Lua function called with (done, total) under
 * lua_pcall, so that no Lua error unwinds through the library. Returning
 * false cancels the import; an error cancels it and is raised again once the
 * library has returned. */
typedef struct progress {
	lua_State *L;
	int fn;     /* stack index of the function */
	int err;    /* stack index of the slot for its error */
	int failed; /* 1: it raised an error; 2: no stack to call it */
} progress;

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress *p = ctx;
	lua_State *L = p->L;
	if (!lua_checkstack(L, 3)) {
		p->failed = 2;
		return 1;
	}
	lua_pushvalue(L, p->fn);
	lua_pushinteger(L, (lua_Integer)done);
	lua_pushinteger(L, (lua_Integer)total);
	if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
		lua_replace(L, p->err);
		p->failed = 1;
		return 1;
	}
	int stop = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
	lua_pop(L, 1);
	return stop;
}

static const char *const IMPORT_OPTIONS[] = { "replace", "lenient",   "check",     "name",       "names",
	                                          "progress", "max_size", "max_depth", "max_string", NULL };
/* import_files: the files are named by their paths */
static const char *const FILES_OPTIONS[] = { "replace",  "lenient",   "check",      "progress",
	                                         "max_size", "max_depth", "max_string", NULL };

/* Read the options at `t` (argument `t`) shared by import and import_files;
 * pushes the progress function (or nil) and the slot for its error. */
static void read_import_options(lua_State *L, int t, const char *const *keys, cxo_import_options *o, progress *p)
{
	lcxo_check_keys(L, t, t, keys);
	CXL(cxo_import_options_init)(o, CXO_IMPORT_OPTIONS_VERSION);
	if (lcxo_opt_bool(L, t, t, "replace"))
		o->flags |= CXO_IMPORT_REPLACE;
	if (lcxo_opt_bool(L, t, t, "lenient"))
		o->flags |= CXO_IMPORT_LENIENT;
	if (lcxo_opt_bool(L, t, t, "check"))
		o->flags |= CXO_IMPORT_CHECK;
	lua_Integer max = (uintmax_t)LUA_MAXINTEGER < (uintmax_t)SIZE_MAX ? LUA_MAXINTEGER : (lua_Integer)SIZE_MAX;
	o->max_size = (size_t)lcxo_opt_int(L, t, t, "max_size", 0, max, 0);
	o->max_depth = (size_t)lcxo_opt_int(L, t, t, "max_depth", 0, max, 0);
	o->max_string = (size_t)lcxo_opt_int(L, t, t, "max_string", 0, max, 0);
	int type = LUA_TNIL;
	if (lua_isnoneornil(L, t))
		lua_pushnil(L);
	else
		type = lua_getfield(L, t, "progress");
	if (type != LUA_TNIL && type != LUA_TFUNCTION)
		lcxo_opt_error(L, t, "progress", "function expected, got %s", lua_typename(L, type));
	p->L = L;
	p->fn = lua_gettop(L);
	lua_pushnil(L);
	p->err = lua_gettop(L);
	p->failed = 0;
	if (type == LUA_TFUNCTION) {
		o->progress = on_progress;
		o->progress_ctx = p;
	}
}

/* The strings at `idx` (a string, or a list of strings; argument `arg` in
 * messages) as an array in a userdata pushed on the stack; they are kept
 * alive by a table pushed before it, which no callback can reach.
 * `cstrings`: no NUL byte allowed. */
static const char **strings_of(lua_State *L, int idx, int arg, size_t **lens, size_t *n, int cstrings,
                               const char *what)
{
	lua_newtable(L);
	int anchor = lua_gettop(L);
	if (lua_type(L, idx) == LUA_TTABLE) {
		lua_Unsigned len = lua_rawlen(L, idx);
		if (len > (lua_Unsigned)INT_MAX)
			luaL_argerror(L, arg, "too many strings");
		*n = (size_t)len;
		for (lua_Integer i = 1; i <= (lua_Integer)len; i++) {
			if (lua_rawgeti(L, idx, i) != LUA_TSTRING)
				luaL_argerror(L, arg,
				              lua_pushfstring(L, "%s %I: string expected, got %s", what, i, luaL_typename(L, -1)));
			lua_rawseti(L, anchor, i);
		}
	} else {
		if (lua_type(L, idx) != LUA_TSTRING)
			luaL_typeerror(L, arg, "string or list of strings");
		*n = 1;
		lua_pushvalue(L, idx);
		lua_rawseti(L, anchor, 1);
	}
	const char **s = lua_newuserdatauv(L, (*n ? *n : 1) * (sizeof *s + sizeof **lens), 0);
	*lens = (size_t *)(void *)(s + (*n ? *n : 1));
	for (size_t i = 0; i < *n; i++) {
		lua_rawgeti(L, anchor, (lua_Integer)i + 1);
		s[i] = lua_tolstring(L, -1, &(*lens)[i]);
		lua_pop(L, 1);
		if (cstrings && strlen(s[i]) != (*lens)[i])
			luaL_argerror(L, arg, lua_pushfstring(L, "%s %I contains a NUL byte", what, (lua_Integer)i + 1));
	}
	return s;
}

/* After an import: raise the callback's error if it made one, else push
 * the result (and the warning) or the failure. */
static int finish_import(lua_State *L, progress *p, int rc, cxo_row *result, void **box, int boxidx)
{
	*box = result;
	if (p->failed == 1) {
		lua_pushvalue(L, p->err);
		return lua_error(L);
	}
	if (p->failed == 2)
		return luaL_error(L, "no stack left to call the progress callback");
	if (rc < 0)
		return lcxo_fail(L, rc);
	lcxo_push_row(L, result);
	lcxo_box_release(L, boxidx);
	return lcxo_warned(L, rc, 1);
}

/* db:import(json [, options]), db:import({json, ...} [, options]) */
int lcxo_import(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	int many = lua_type(L, 2) == LUA_TTABLE;
	if (!many)
		luaL_checktype(L, 2, LUA_TSTRING);
	cxo_import_options o;
	progress p;
	luaL_checkstack(L, 12, "import options");
	read_import_options(L, 3, IMPORT_OPTIONS, &o, &p);
	o.name = lcxo_opt_string(L, 3, 3, "name");
	int names_type = LUA_TNIL;
	if (lua_isnoneornil(L, 3))
		lua_pushnil(L);
	else
		names_type = lua_getfield(L, 3, "names");
	int names_idx = lua_gettop(L);
	if (many && o.name)
		lcxo_opt_error(L, 3, "name", "a list of documents takes 'names'");
	if (!many && names_type != LUA_TNIL)
		lcxo_opt_error(L, 3, "names", "one document takes 'name'");
	if (names_type != LUA_TNIL && names_type != LUA_TTABLE)
		lcxo_opt_error(L, 3, "names", "list of strings expected, got %s", lua_typename(L, names_type));
	size_t n, nnames, *lens, *name_lens;
	const char **docs = strings_of(L, 2, 2, &lens, &n, 0, "document");
	const char **names = NULL;
	if (names_type == LUA_TTABLE) {
		names = strings_of(L, names_idx, 3, &name_lens, &nnames, 1, "name");
		if (nnames != n)
			lcxo_opt_error(L, 3, "names", "%d names for %d documents", (int)nnames, (int)n);
	}
	void **box = lcxo_box(L, lcxo_free_row);
	int boxidx = lua_gettop(L);
	cxo_row *result = NULL;
	int rc;
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	d->busy = o.progress != NULL;
	if (many)
		rc = CXL(cxo_import_buffers)(&result, d->db, names, docs, lens, n, &o);
	else
		rc = CXL(cxo_import_json)(&result, d->db, docs[0], lens[0], &o);
	d->busy = 0;
	return finish_import(L, &p, rc, result, box, boxidx);
}

/* db:import_files(path [, options]), db:import_files({path, ...} [, options]) */
int lcxo_import_files(lua_State *L)
{
	lcxo_db *d = lcxo_checkdb(L, 1);
	if (lua_type(L, 2) != LUA_TTABLE)
		lcxo_checkcstring(L, 2);
	cxo_import_options o;
	progress p;
	luaL_checkstack(L, 12, "import options");
	read_import_options(L, 3, FILES_OPTIONS, &o, &p);
	size_t n, *lens;
	const char **paths = strings_of(L, 2, 2, &lens, &n, 1, "path");
	void **box = lcxo_box(L, lcxo_free_row);
	int boxidx = lua_gettop(L);
	cxo_row *result = NULL;
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	d->busy = o.progress != NULL;
	int rc = CXL(cxo_import_files)(&result, d->db, paths, n, &o);
	d->busy = 0;
	return finish_import(L, &p, rc, result, box, boxidx);
}

/* ---- export ---- */
/* db:export([{meeting =, topic =, decode =}]) -> the canonical JSON text, or
 * with decode the table it holds */
int lcxo_export(lua_State *L)
{
	static const char *const OPTIONS[] = { "meeting", "topic", "decode", NULL };
	lcxo_db *d = lcxo_checkdb(L, 1);
	lcxo_check_keys(L, 2, 2, OPTIONS);
	cxo_export_options o;
	CXL(cxo_export_options_init)(&o, CXO_EXPORT_OPTIONS_VERSION);
	o.meeting = lcxo_opt_string(L, 2, 2, "meeting");
	o.topic = lcxo_opt_string(L, 2, 2, "topic");
	int decode = lcxo_opt_bool(L, 2, 2, "decode");
	cxo_buffer *buf;
	int rc = new_buffer(L, &buf);
	if (rc < 0)
		return lcxo_fail(L, rc);
	int bufidx = lua_gettop(L);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	rc = CXL(cxo_export_json)(d->db, &o, lcxo_buffer_sink, buf);
	if (rc < 0)
		return lcxo_fail(L, rc);
	int nres = push_output(L, buf, decode);
	lcxo_box_release(L, bufidx);
	return nres;
}

/* ---- reports ---- */

/* db:report(kind [, options]) -> text [, warning], or with decode the table */
int lcxo_report(lua_State *L)
{
	static const char *const OPTIONS[] = { "format", "meeting", "from",  "to",    "as_of",  "kinds",
		                                   "lifecycle", "topics", "stall", "decode", NULL };
	lcxo_db *d = lcxo_checkdb(L, 1);
	const char *name = lcxo_checkcstring(L, 2);
	int kind = CXL(cxo_report_from_name)(name);
	if (!kind) {
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		lua_pushfstring(L, "unknown report '%s' (", name);
		luaL_addvalue(&b);
		const char *r;
		for (int i = 1; (r = CXL(cxo_report_name)(i)) != NULL; i++) {
			if (i > 1)
				luaL_addstring(&b, ", ");
			luaL_addstring(&b, r);
		}
		luaL_addchar(&b, ')');
		luaL_pushresult(&b);
		return luaL_argerror(L, 2, lua_tostring(L, -1));
	}
	lcxo_check_keys(L, 3, 3, OPTIONS);
	luaL_checkstack(L, 12, "report options");
	cxo_report_options o;
	CXL(cxo_report_options_init)(&o, CXO_REPORT_OPTIONS_VERSION);
	o.kind = kind;
	const char *format = lcxo_opt_string(L, 3, 3, "format");
	if (format && !(o.format = CXL(cxo_format_from_name)(format)))
		lcxo_opt_error(L, 3, "format", "unknown format '%s' (json, md, csv, html)", format);
	o.meeting = lcxo_opt_string(L, 3, 3, "meeting");
	o.from = lcxo_opt_string(L, 3, 3, "from");
	o.to = lcxo_opt_string(L, 3, 3, "to");
	o.as_of = lcxo_opt_string(L, 3, 3, "as_of");
	o.kinds = lcxo_opt_list(L, 3, 3, "kinds");
	o.lifecycle = lcxo_opt_string(L, 3, 3, "lifecycle");
	o.topics = lcxo_opt_list(L, 3, 3, "topics");
	o.stall = (int)lcxo_opt_int(L, 3, 3, "stall", INT_MIN, INT_MAX, 0);
	int decode = lcxo_opt_bool(L, 3, 3, "decode");
	if (decode && o.format != CXO_FORMAT_JSON)
		lcxo_opt_error(L, 3, "decode", "only a report in JSON can be decoded");
	cxo_buffer *buf;
	int rc = new_buffer(L, &buf);
	if (rc < 0)
		return lcxo_fail(L, rc);
	int bufidx = lua_gettop(L);
	d = lcxo_checkdb(L, 1); /* reading the options may have run Lua code */
	rc = CXL(cxo_report)(d->db, &o, lcxo_buffer_sink, buf);
	if (rc < 0)
		return lcxo_fail(L, rc);
	if (rc == CXO_WARNED)
		lua_pushstring(L, CXL(cxo_errmsg)()); /* before anything else can fail */
	else
		lua_pushnil(L);
	int warning = lua_gettop(L);
	int nres = push_output(L, buf, decode);
	lcxo_box_release(L, bufidx);
	if (nres != 1 || rc != CXO_WARNED)
		return nres;
	lua_pushvalue(L, warning);
	return 2;
}
