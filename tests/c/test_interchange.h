/* Shared by the interchange suites (test_interchange*.c): the fixtures of
 * tests/data/interchange, exports into memory, imports with a name, the
 * result row and the audit log as text. Only the public API. */
#ifndef CXO_TEST_INTERCHANGE_H
#define CXO_TEST_INTERCHANGE_H

#include "helpers.h"

#include <stdint.h>

/* The path of a fixture under tests/data/interchange ($CXO_TEST_DATA if set,
 * else found from this file's own path), in a rotating static buffer. */
const char *ti_data(const char *rel);
/* A fixture's bytes (malloc'd, NUL-terminated; `len` may be NULL). */
char *ti_read(const char *rel, size_t *len);

/* The whole database (or the part `opts` names) exported through cxo_buffer,
 * asserting success; malloc'd. */
char *ti_export(cxo_db *db);
char *ti_export_opts(cxo_db *db, const cxo_export_options *opts);

/* cxo_import_json of `json` named `name` with `flags`; the result row (if
 * `result` is not NULL) is left to the caller. Returns the code. */
int ti_import(cxo_row **result, cxo_db *db, const char *name, const char *json, uint32_t flags);
/* The same, asserting CXO_OK, and returning the result row as compact JSON
 * (malloc'd). */
char *ti_import_ok(cxo_db *db, const char *name, const char *json, uint32_t flags);

/* {"lifecycles":l,"registries":r,...} in the order of a result row. */
const char *ti_counts(int l, int r, int i, int o, int m, int t, int obs, int c);
#define TI_ZERO ti_counts(0, 0, 0, 0, 0, 0, 0, 0)
/* What importing rich.json into a new database does: every record created,
 * but the built-in lifecycle "cto", which the file holds as it is. */
#define TI_RICH_CREATED ti_counts(1, 3, 5, 6, 9, 9, 26, 5)
#define TI_RICH_ALL ti_counts(2, 3, 5, 6, 9, 9, 26, 5)
/* A whole result row as compact JSON. `warnings` is the JSON list. */
const char *ti_result(const char *created, const char *updated, const char *unchanged, const char *deleted,
                      const char *warnings);

/* The number of audit entries. */
int64_t ti_audit_count(cxo_db *db);
/* The audit entries after the first `skip`, one per line:
 * "<id> <op> <entity> <key> parent=<id or -> before=<json or -> after=<json or ->"
 * (malloc'd). Times and actors are left out. */
char *ti_audit_tail(cxo_db *db, int64_t skip);

/* A new database holding tests/data/interchange/rich.json. */
cxo_db *ti_open_rich(const char *name);

/* `expr` must fail with `code` and `msg`, and leave the database's export and
 * audit log as they were. */
#define TI_REFUSED(db, expr, code, msg)                                                                   \
	do {                                                                                                  \
		char *ti_before_ = ti_export(db);                                                                 \
		int64_t ti_audit_ = ti_audit_count(db);                                                           \
		TH_ERR((expr), (code), (msg));                                                                    \
		char *ti_after_ = ti_export(db);                                                                  \
		cr_assert_str_eq(ti_after_, ti_before_, "the refused import changed the database");              \
		cr_assert_eq(ti_audit_count(db), ti_audit_, "the refused import wrote to the audit log");         \
		free(ti_before_);                                                                                 \
		free(ti_after_);                                                                                  \
	} while (0)

#define TI_FREE_EQ(got, expected)                                                                         \
	do {                                                                                                  \
		char *ti_s_ = (got);                                                                              \
		cr_assert_not_null(ti_s_);                                                                        \
		cr_assert_str_eq(ti_s_, (expected));                                                              \
		free(ti_s_);                                                                                      \
	} while (0)

#endif
