#include "alloc.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

#include "fault.h"

void *cxo__malloc(size_t n)
{
	void *p;
	if (CXO__FAULT_ALLOC())
		p = NULL;
	else
		p = malloc(n ? n : 1);
	if (!p)
		cxo__err(CXO_ENOMEM, "out of memory (allocating %zu bytes)", n);
	return p;
}

void *cxo__realloc(void *old, size_t n)
{
	void *p;
	if (CXO__FAULT_ALLOC())
		p = NULL;
	else
		p = realloc(old, n ? n : 1);
	if (!p)
		cxo__err(CXO_ENOMEM, "out of memory (allocating %zu bytes)", n);
	return p;
}

void cxo__free(void *p)
{
	free(p);
}

void *cxo__grow(void *items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap && items)
		return items;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	if (n > ((size_t)-1) / size) {
		cxo__err(CXO_ENOMEM, "out of memory (an array of %zu elements)", n);
		return NULL;
	}
	void *p = cxo__realloc(items, n * size);
	if (p)
		*cap = n;
	return p;
}

void *cxo__calloc(size_t count, size_t size)
{
	if (size && count > (size_t)-1 / size) {
		cxo__err(CXO_ENOMEM, "out of memory (allocating %zu x %zu bytes)", count, size);
		return NULL;
	}
	void *p = cxo__malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

char *cxo__strndup(const char *s, size_t n)
{
	char *p = cxo__malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cxo__strdup(const char *s)
{
	return cxo__strndup(s, strlen(s));
}

CXO_API void cxo_free(void *ptr)
{
	cxo__free(ptr);
}
