#include "arena.h"
#include "alloc.h"

#include <string.h>

struct cxo__chunk {
	cxo__chunk *next; /* older chunk */
	size_t size, used;
	_Alignas(8) unsigned char data[];
};

enum { FIRST_CHUNK = 4096, MAX_CHUNK = 1 << 20 };

void cxo__arena_init(cxo__arena *a)
{
	a->head = NULL;
	a->chunk_size = FIRST_CHUNK;
}

void cxo__arena_fini(cxo__arena *a)
{
	cxo__chunk *c = a->head;
	while (c) {
		cxo__chunk *next = c->next;
		cxo__free(c);
		c = next;
	}
	a->head = NULL;
	a->chunk_size = FIRST_CHUNK;
}

void cxo__arena_reset(cxo__arena *a)
{
	if (!a->head)
		return;
	/* keep the newest chunk (the largest), free the others: an arena reset
	 * once per row or topic then allocates nothing in the steady state */
	cxo__chunk *keep = a->head, *c = keep->next;
	while (c) {
		cxo__chunk *next = c->next;
		cxo__free(c);
		c = next;
	}
	keep->next = NULL;
	keep->used = 0;
	a->head = keep;
}

void *cxo__arena_alloc(cxo__arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	cxo__chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = a->chunk_size;
		while (size < n)
			size *= 2;
		c = cxo__malloc(sizeof *c + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		if (a->chunk_size < MAX_CHUNK)
			a->chunk_size *= 2;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

char *cxo__arena_strndup(cxo__arena *a, const char *s, size_t n)
{
	char *p = cxo__arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cxo__arena_strdup(cxo__arena *a, const char *s)
{
	return cxo__arena_strndup(a, s, strlen(s));
}
