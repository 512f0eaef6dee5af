#include "sort.h"
#include "alloc.h"
#include "error.h"

#include <string.h>

/* Bottom-up merge sort through a scratch array: stable, O(n log n). */
int cxo__sort(void *base, size_t n, size_t size, cxo__cmp_fn cmp, void *ctx)
{
	if (n < 2)
		return CXO_OK;
	unsigned char *a = base, *tmp = cxo__malloc(n * size);
	if (!tmp)
		return CXO_ENOMEM;
	unsigned char *src = a, *dst = tmp;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				if (cmp(src + j * size, src + i * size, ctx) < 0)
					memcpy(dst + k++ * size, src + j++ * size, size);
				else
					memcpy(dst + k++ * size, src + i++ * size, size);
			}
			if (i < mid)
				memcpy(dst + k * size, src + i * size, (mid - i) * size);
			else if (j < hi)
				memcpy(dst + k * size, src + j * size, (hi - j) * size);
		}
		unsigned char *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * size);
	cxo__free(tmp);
	return CXO_OK;
}
