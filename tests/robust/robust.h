/* Shared by the robustness tests (allocation failure, I/O failure, crash
 * safety, concurrency) and their helper programs: the state of a database as
 * one comparable text, an integrity check through SQLite itself, generated
 * documents, files. No Criterion here: the helper programs use it too; a
 * function that fails returns NULL or non-zero and leaves a message in
 * rb_error(). */
#ifndef CXO_ROBUST_H
#define CXO_ROBUST_H

#include <stddef.h>
#include <stdint.h>

#include <cxotrack.h>

/* The message of the last failing rb_ function in this thread. */
const char *rb_error(void);

/* A whole file in memory (NUL-terminated; malloc, free()). */
char *rb_slurp(const char *path, size_t *len);
int rb_write_file(const char *path, const void *data, size_t len);
/* Copy a database file; removes `to`-wal and `to`-shm first. */
int rb_copy_db(const char *from, const char *to);
/* Remove a database file with its -wal and -shm. */
void rb_remove_db(const char *path);

/* A sink collecting output with the C library's own malloc (never the
 * library's allocator, so that allocation-failure tests do not count it). */
typedef struct rb_sink {
	char *data;
	size_t len, cap;
	int fail; /* malloc failed */
} rb_sink;
int rb_sink_write(void *ctx, const void *data, size_t len);
void rb_sink_reset(rb_sink *s);
/* The collected text, NUL-terminated (taken over: the sink is left empty). */
char *rb_sink_take(rb_sink *s);

/* SQLite's own checks on the file, through a connection of its own:
 * `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the full-text
 * index's integrity-check. Returns 0 if all pass. */
int rb_integrity(const char *path);

/* The state of the database at `path` as one text, opened read-only through
 * the library: the canonical export, the number of audit entries and the
 * number of search hits for a few words. NULL (rb_error()) if it cannot be
 * read. free() it. */
char *rb_state(const char *path);
/* The same through an open handle. */
char *rb_state_db(cxo_db *db);

/* Import a file into the database at `path` (created if needed); returns the
 * library's result code, CXO_WARNED counting as success. */
int rb_import_path(const char *dbpath, const char *docpath, uint32_t flags);

/* A generated document of the interchange format: `topics` topics observed at
 * `meetings` meetings (a status each), with a conclusion per meeting. `tag`
 * makes its ids distinct from another document's. malloc, free(). */
char *rb_document(int topics, int meetings, const char *tag, size_t *len);

/* Milliseconds of a monotonic clock. */
double rb_now_ms(void);

#endif
