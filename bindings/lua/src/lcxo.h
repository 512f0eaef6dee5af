/* The Lua 5.4 module cxotrack: what its files share.
 *
 * module.c  luaopen_cxotrack, the module's functions, errors, the manifest
 * db.c      the database handle: open, close, actor, transactions, backup,
 *           records (get, create, update, delete), rename
 * cursor.c  cursors and the queries that make them (list, history, search,
 *           log), query options
 * row.c     rows <-> Lua tables, boxes (C resources owned by a userdata),
 *           decode/encode
 * io.c      import, export, reports
 *
 * The rule for errors: what the module cannot pass to the library (a wrong
 * type, a closed handle, a string with a NUL byte, an unknown option) raises a
 * Lua error; what the library refuses returns nil, message, code. */
#ifndef LCXO_H
#define LCXO_H

#include <cxotrack.h>

#include <lauxlib.h>
#include <lua.h>

#include "calls.h"

#define LCXO_DB "cxotrack.db"
#define LCXO_CURSOR "cxotrack.cursor"
#define LCXO_BOX "cxotrack.box"

/* Light userdata NULL: cxotrack.null, JSON's null where a table cannot hold nil. */
#define LCXO_NULL NULL

/* A database handle. `busy` is set while a Lua callback (import progress)
 * runs inside a library call on this handle: the handle may not be used then. */
typedef struct lcxo_db {
	cxo_db *db; /* NULL once closed */
	int busy;
} lcxo_db;

/* A cursor: its user value 1 is the database userdata, kept alive with it. */
enum { LCXO_CUR_OPEN, LCXO_CUR_DONE, LCXO_CUR_CLOSED };
typedef struct lcxo_cursor {
	cxo_cursor *cur; /* NULL once done or closed */
	int state;
} lcxo_cursor;

/* ---- module.c ---- */
/* Push nil, the message of failure `rc`, its code name; return 3. */
int lcxo_fail(lua_State *L, int rc);
/* Push what a fallible call that made nothing gives: true (and the warning for
 * CXO_WARNED), or the failure. Returns the number of values pushed. */
int lcxo_result(lua_State *L, int rc);
/* After pushing a result: add the warning if `rc` is CXO_WARNED. */
int lcxo_warned(lua_State *L, int rc, int nresults);
/* The name of a result code ("ENOTFOUND"), or NULL. */
const char *lcxo_code_name(int rc);
/* A string argument without NUL bytes (they cannot reach C). */
const char *lcxo_checkcstring(lua_State *L, int arg);
const char *lcxo_optcstring(lua_State *L, int arg);
/* Raise unless `t` (a table or nil) holds only the keys listed. */
void lcxo_check_keys(lua_State *L, int t, int arg, const char *const *keys);
/* Option `key` of the table at `t` (nil allowed): pushes the value (so
 * that strings stay alive) and returns its string, or NULL if absent. Raises
 * for another type or a NUL byte. */
const char *lcxo_opt_string(lua_State *L, int t, int arg, const char *key);
/* As lcxo_opt_string, but a list of strings is joined with commas. */
const char *lcxo_opt_list(lua_State *L, int t, int arg, const char *key);
/* Boolean option: 0 if absent; raises for another type. Pushes nothing. */
int lcxo_opt_bool(lua_State *L, int t, int arg, const char *key);
/* Integer option in [lo, hi], `def` if absent; raises otherwise. Pushes nothing. */
lua_Integer lcxo_opt_int(lua_State *L, int t, int arg, const char *key, lua_Integer lo, lua_Integer hi,
                         lua_Integer def);
/* Raise a "bad argument" error about option `key`. */
int lcxo_opt_error(lua_State *L, int arg, const char *key, const char *fmt, ...);
/* The kind named by argument `arg` ("topic" or "topics"); raises if unknown. */
cxo_kind lcxo_checkkind(lua_State *L, int arg);

/* ---- db.c ---- */
void lcxo_db_open_lib(lua_State *L);
int lcxo_open(lua_State *L);
/* The open, not busy, database of argument `arg`; raises otherwise. */
lcxo_db *lcxo_checkdb(lua_State *L, int arg);
/* Raise if the database is in a callback of one of its own calls. */
void lcxo_check_not_busy(lua_State *L, lcxo_db *d);

/* ---- cursor.c ---- */
void lcxo_cursor_open_lib(lua_State *L, int methods);

/* ---- row.c ---- */
void lcxo_row_open_lib(lua_State *L);
/* Push a new box (a userdata that frees its pointer with `fn` when collected
 * or closed) and return the address of its pointer. */
void **lcxo_box(lua_State *L, void (*fn)(void *));
/* Free what the box at `idx` holds, now. */
void lcxo_box_release(lua_State *L, int idx);
void lcxo_free_row(void *row);
/* Push a row as a Lua table (lists as arrays, null fields left out, null list
 * elements as cxotrack.null). */
void lcxo_push_row(lua_State *L, const cxo_row *row);
/* Convert the table at `idx` (argument `arg`) to a new row, owned by a box
 * pushed on the stack. Raises for what no row can hold; returns CXO_OK or
 * the library's failure. */
int lcxo_to_row(lua_State *L, int idx, int arg, cxo_row **out);
int lcxo_decode(lua_State *L);
int lcxo_encode(lua_State *L);

/* ---- io.c ---- */
int lcxo_import(lua_State *L);
int lcxo_import_files(lua_State *L);
int lcxo_export(lua_State *L);
int lcxo_report(lua_State *L);
/* A cxo_write_fn appending to the cxo_buffer `ctx`. */
int lcxo_buffer_sink(void *ctx, const void *data, size_t len);

#endif
