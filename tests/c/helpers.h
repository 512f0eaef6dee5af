/* Helpers shared by the Criterion suites: a temporary directory per test, a
 * fresh database, rows from JSON text, cursors read into JSON, and assertions
 * on result codes and messages. Only the public API is used. */
#ifndef CXO_TEST_HELPERS_H
#define CXO_TEST_HELPERS_H

#include <stddef.h>

#include <criterion/criterion.h>

#include <cxotrack.h>

/* Fixture: th_setup() makes a new directory under $TMPDIR (or /tmp),
 * th_teardown() removes it with everything in it. */
void th_setup(void);
void th_teardown(void);
const char *th_dir(void);
/* "<dir>/<name>", in one of 64 rotating static buffers. */
const char *th_path(const char *name);

/* A new database at th_path(name), opened with CXO_OPEN_CREATE. */
cxo_db *th_open_new(const char *name);
/* The same, as "test.db". */
cxo_db *th_open(void);

/* A row parsed from JSON text (the test fails if it does not parse). Free it
 * with cxo_row_free(). */
cxo_row *th_row(const char *json);
/* A row as compact JSON; free with cxo_free(). */
char *th_json(const cxo_row *row);
/* The rest of a cursor as JSON (cxo_cursor_json), then the cursor is freed. */
char *th_cursor_json(cxo_cursor *cur);

/* cxo_record_create / cxo_record_update with a row parsed from `json`; returns
 * the result code (the row is freed, the error left as the call set it). */
int th_create(cxo_db *db, cxo_kind kind, const char *json);
int th_update(cxo_db *db, cxo_kind kind, const char *json);
/* cxo_record_get as JSON (free with cxo_free), asserting that it succeeds.
 * `key` is NULL-terminated. */
char *th_get(cxo_db *db, cxo_kind kind, const char *const *key);
/* cxo_record_list as JSON, asserting that it succeeds; q may be NULL. */
char *th_list(cxo_db *db, cxo_kind kind, const cxo_query *q);
/* cxo_topic_history as JSON, asserting that it succeeds. */
char *th_history(cxo_db *db, const char *topic, const cxo_query *q);

/* JSON written with single quotes, for readability: every ' becomes ". The
 * result lives in one of 256 rotating buffers (the oldest is freed). Text that
 * holds an apostrophe must be written with \" escapes instead. */
const char *th_j(const char *text);

/* Files. */
void *th_slurp(const char *path, size_t *len);
void th_write_file(const char *path, const void *data, size_t len);
int th_exists(const char *path);

/* Run `expr`, which must return CXO_OK. */
#define TH_OK(expr)                                                                                       \
	do {                                                                                                  \
		int th_rc_ = (expr);                                                                              \
		cr_assert_eq(th_rc_, CXO_OK, "%s returned %d: %s", #expr, th_rc_, th_rc_ ? cxo_errmsg() : "");    \
	} while (0)

/* Run `expr`, which must fail with `code`, leaving cxo_errcode() == code and
 * cxo_errmsg() equal to `msg`. */
#define TH_ERR(expr, code, msg)                                                                           \
	do {                                                                                                  \
		int th_rc_ = (expr);                                                                              \
		cr_assert_eq(th_rc_, (code), "%s returned %d, expected %d; message: %s", #expr, th_rc_, (code),   \
		             cxo_errmsg());                                                                       \
		cr_assert_eq(cxo_errcode(), (code), "cxo_errcode() is %d, expected %d", cxo_errcode(), (code));   \
		cr_assert_str_eq(cxo_errmsg(), (msg));                                                            \
	} while (0)

/* Compare a library-allocated string with the expected text, then free it. */
#define TH_STR_EQ_FREE(got, expected)                                                                     \
	do {                                                                                                  \
		char *th_s_ = (got);                                                                              \
		cr_assert_not_null(th_s_);                                                                        \
		cr_assert_str_eq(th_s_, (expected));                                                              \
		cxo_free(th_s_);                                                                                  \
	} while (0)

/* Shortcuts. */
#define TH_CREATE(db, kind, json) TH_OK(th_create((db), (kind), (json)))
#define TH_UPDATE(db, kind, json) TH_OK(th_update((db), (kind), (json)))
#define TH_KEY(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define TH_GET_EQ(db, kind, key, expected) TH_STR_EQ_FREE(th_get((db), (kind), (key)), (expected))

/* Skip the test, removing its directory first: Criterion does not run the
 * suite's .fini for a skipped test. */
#define TH_SKIP(...)                                                                                      \
	do {                                                                                                  \
		th_teardown();                                                                                    \
		cr_skip(__VA_ARGS__);                                                                             \
	} while (0)

/* A message that names a file of the test directory: "<dir>/<name><rest>". */
const char *th_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The built-in lifecycle "cto" of a new database, as cxo_record_get gives it:
 * 7 statuses and 27 transitions (DESIGN.md). */
#define TH_CTO_STATUSES                                                                                   \
	"[{\"id\":\"raised\",\"title\":\"Raised\",\"rank\":1,\"terminal\":false},"                                \
	"{\"id\":\"prioritized\",\"title\":\"Prioritized\",\"rank\":2,\"terminal\":false},"                       \
	"{\"id\":\"assigned\",\"title\":\"Assigned\",\"rank\":3,\"terminal\":false},"                             \
	"{\"id\":\"in-progress\",\"title\":\"In progress\",\"rank\":4,\"terminal\":false},"                       \
	"{\"id\":\"delivered\",\"title\":\"Delivered\",\"rank\":5,\"terminal\":false},"                           \
	"{\"id\":\"closed\",\"title\":\"Closed\",\"rank\":6,\"terminal\":true},"                                  \
	"{\"id\":\"dropped\",\"title\":\"Dropped\",\"terminal\":true}]"
#define TH_CTO_TRANSITIONS                                                                                \
	"[[\"raised\",\"raised\"],[\"raised\",\"prioritized\"],[\"raised\",\"assigned\"],"                           \
	"[\"raised\",\"in-progress\"],[\"raised\",\"delivered\"],[\"raised\",\"closed\"],[\"raised\",\"dropped\"],"   \
	"[\"prioritized\",\"prioritized\"],[\"prioritized\",\"assigned\"],[\"prioritized\",\"in-progress\"],"        \
	"[\"prioritized\",\"delivered\"],[\"prioritized\",\"closed\"],[\"prioritized\",\"dropped\"],"                \
	"[\"assigned\",\"assigned\"],[\"assigned\",\"in-progress\"],[\"assigned\",\"delivered\"],"                   \
	"[\"assigned\",\"closed\"],[\"assigned\",\"dropped\"],"                                                     \
	"[\"in-progress\",\"in-progress\"],[\"in-progress\",\"delivered\"],[\"in-progress\",\"closed\"],"            \
	"[\"in-progress\",\"dropped\"],"                                                                           \
	"[\"delivered\",\"delivered\"],[\"delivered\",\"closed\"],[\"delivered\",\"dropped\"],"                      \
	"[\"closed\",\"closed\"],[\"dropped\",\"dropped\"]]"
#define TH_CTO_JSON_ENFORCE(mode)                                                                         \
	"{\"id\":\"cto\",\"title\":\"Standardization topic lifecycle (CTO/CxO meetings)\",\"enforce\":\"" mode "\","  \
	"\"statuses\":" TH_CTO_STATUSES ",\"transitions\":" TH_CTO_TRANSITIONS "}"
#define TH_CTO_JSON TH_CTO_JSON_ENFORCE("warn")

#endif
