/* The one pair of allocation functions every part of the library goes through,
 * so that tests can make allocation fail at a chosen point. */
#ifndef CXO_UTIL_ALLOC_H
#define CXO_UTIL_ALLOC_H

#include <stddef.h>

void *cxo__malloc(size_t n);
void *cxo__realloc(void *p, size_t n);
void cxo__free(void *p);

/* Make room in the array `items` (of `size`-byte elements, `*cap` of them) for
 * at least `need` elements, doubling: returns the array to use from now on, or
 * NULL (CXO_ENOMEM) leaving `items` and `*cap` as they were. */
void *cxo__grow(void *items, size_t *cap, size_t need, size_t size);

/* Helpers built on the pair above; they set CXO_ENOMEM on failure. */
void *cxo__calloc(size_t count, size_t size);
char *cxo__strdup(const char *s);
char *cxo__strndup(const char *s, size_t n);

#endif
