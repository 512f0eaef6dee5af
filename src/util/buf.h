/* A growable byte buffer, and the sink that reports and exports write to. */
#ifndef CXO_UTIL_BUF_H
#define CXO_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct cxo__buf {
	char *data; /* NUL-terminated when len > 0 or after cxo__buf_cstr() */
	size_t len, cap;
	int failed; /* an allocation failed: later appends are ignored */
} cxo__buf;

#define CXO__BUF_INIT { NULL, 0, 0, 0 }

void cxo__buf_fini(cxo__buf *b);
void cxo__buf_reset(cxo__buf *b);
int cxo__buf_add(cxo__buf *b, const void *data, size_t len);
/* Make room for `extra` more bytes and a NUL, the contents unchanged. Unlike an
 * append, a failure (CXO_ENOMEM) leaves the buffer usable: for queues that
 * write in place and must survive one change running out of memory. */
int cxo__buf_reserve(cxo__buf *b, size_t extra);
int cxo__buf_adds(cxo__buf *b, const char *s);
int cxo__buf_addc(cxo__buf *b, char c);
int cxo__buf_addf(cxo__buf *b, const char *fmt, ...) CXO__PRINTF(2, 3);
int cxo__buf_addi(cxo__buf *b, int64_t v);
/* Append `s` as a JSON string literal (with quotes). */
int cxo__buf_add_json_string(cxo__buf *b, const char *s);
/* The contents as a C string ("" when empty); NULL if an append failed. */
const char *cxo__buf_cstr(cxo__buf *b);
/* Hand the data over to the caller (freed with cxo_free) and empty the buffer. */
char *cxo__buf_detach(cxo__buf *b, size_t *len);
/* CXO_OK, or CXO_ENOMEM if an append failed. */
int cxo__buf_status(const cxo__buf *b);

#endif
