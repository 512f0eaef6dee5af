#include "alloc.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

#include "fault.h"

#ifdef CXO_FAULT_INJECTION
/* Only in the copy of the library the fault tests link: the counters are per
 * thread, so that the test's own threads (if any) do not disturb them. The
 * test binary makes SQLite's and cJSON's allocators call the same hook. */
static _Thread_local long t_fail_at, t_count, t_failed;
static _Thread_local int t_persistent;
static void (*t_on_fail)(void);

int cxo__fault_alloc_hit(void)
{
	t_count++;
	if (t_fail_at && (t_count == t_fail_at || (t_persistent && t_count > t_fail_at))) {
		t_failed++;
		if (t_on_fail)
			t_on_fail();
		return 1;
	}
	return 0;
}

void cxo__fault_alloc_after(long n)
{
	t_fail_at = n > 0 ? n : 0;
	t_count = t_failed = 0;
}

long cxo__fault_alloc_count(void)
{
	return t_count;
}

void cxo__fault_alloc_persistent(int on)
{
	t_persistent = on;
}

long cxo__fault_alloc_failed(void)
{
	return t_failed;
}

void cxo__fault_alloc_on_fail(void (*fn)(void))
{
	t_on_fail = fn;
}
#endif

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
