/* A region allocator: many small allocations released at once. Rows read from
 * a cursor live in the cursor's arena, which is reset at every step, so that
 * reading a row costs no malloc in the steady state. */
#ifndef CXO_UTIL_ARENA_H
#define CXO_UTIL_ARENA_H

#include <stddef.h>

typedef struct cxo__chunk cxo__chunk;

typedef struct cxo__arena {
	cxo__chunk *head;  /* current chunk */
	size_t chunk_size; /* size of the next chunk to allocate */
} cxo__arena;

void cxo__arena_init(cxo__arena *a);
/* Free every chunk. */
void cxo__arena_fini(cxo__arena *a);
/* Release every allocation but keep the first chunk for reuse. */
void cxo__arena_reset(cxo__arena *a);
/* 8-byte aligned; NULL (with CXO_ENOMEM) on failure. */
void *cxo__arena_alloc(cxo__arena *a, size_t n);
char *cxo__arena_strndup(cxo__arena *a, const char *s, size_t n);
char *cxo__arena_strdup(cxo__arena *a, const char *s);

#endif
