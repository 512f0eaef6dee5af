/* The per-thread error: code and message of the last failure. */
#ifndef CXO_UTIL_ERROR_H
#define CXO_UTIL_ERROR_H

#include "cxotrack.h"

#if defined(__GNUC__)
#define CXO__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CXO__PRINTF(a, b)
#endif

/* Record an error (or CXO_WARNED) and return `code`, so that callers can write
 * `return cxo__err(CXO_EINVAL, "...")`. */
int cxo__err(int code, const char *fmt, ...) CXO__PRINTF(2, 3);

/* Prefix the current message with "prefix" (for adding a path on the way up);
 * returns the current code. */
int cxo__err_prefix(const char *fmt, ...) CXO__PRINTF(1, 2);

/* Append a quoted, shortened, escaped rendering of `text` to a message being
 * built: at most about 60 characters, so that a 1 MiB value does not become a
 * 1 MiB message. */
void cxo__quote(char *dst, size_t cap, const char *text);

/* Save and restore the per-thread error around clean-up code that may itself
 * fail (a rollback after an error must not replace the error's message). */
typedef struct cxo__errsave {
	int code;
	char msg[1024];
} cxo__errsave;
void cxo__err_save(cxo__errsave *s);
void cxo__err_restore(const cxo__errsave *s);

#endif
