/* A stable sort whose comparison takes a context (qsort's takes none, and a
 * comparator that needs one would otherwise need global state). */
#ifndef CXO_UTIL_SORT_H
#define CXO_UTIL_SORT_H

#include <stddef.h>

typedef int (*cxo__cmp_fn)(const void *a, const void *b, void *ctx);

/* Sort `n` elements of `size` bytes; CXO_OK or CXO_ENOMEM (then unsorted). */
int cxo__sort(void *base, size_t n, size_t size, cxo__cmp_fn cmp, void *ctx);

#endif
