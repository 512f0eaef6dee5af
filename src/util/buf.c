#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cxo__buf_fini(cxo__buf *b)
{
	cxo__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void cxo__buf_reset(cxo__buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(cxo__buf *b, size_t extra)
{
	if (b->failed)
		return CXO_ENOMEM;
	if (b->len + extra + 1 <= b->cap)
		return CXO_OK;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = 1;
			return cxo__err(CXO_ENOMEM, "out of memory (buffer of %zu bytes)", b->len + extra);
		}
		cap *= 2;
	}
	char *p = cxo__realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return CXO_ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	return CXO_OK;
}

int cxo__buf_add(cxo__buf *b, const void *data, size_t len)
{
	int rc = grow(b, len);
	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return CXO_OK;
}

int cxo__buf_adds(cxo__buf *b, const char *s)
{
	return cxo__buf_add(b, s, strlen(s));
}

int cxo__buf_addc(cxo__buf *b, char c)
{
	int rc = grow(b, 1);
	if (rc)
		return rc;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return CXO_OK;
}

int cxo__buf_addf(cxo__buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cxo__err(CXO_ERROR, "formatting failed");
	if ((size_t)n < sizeof small)
		return cxo__buf_add(b, small, (size_t)n);
	int rc = grow(b, (size_t)n);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CXO_OK;
}

int cxo__buf_addi(cxo__buf *b, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	return cxo__buf_add(b, tmp, (size_t)n);
}

int cxo__buf_add_json_string(cxo__buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	int rc = grow(b, strlen(s) + 2);
	if (rc)
		return rc;
	cxo__buf_addc(b, '"');
	const char *run = s;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
			continue;
		cxo__buf_add(b, run, (size_t)(p - run));
		if (!c)
			break;
		switch (c) {
		case '"': cxo__buf_add(b, "\\\"", 2); break;
		case '\\': cxo__buf_add(b, "\\\\", 2); break;
		case '\n': cxo__buf_add(b, "\\n", 2); break;
		case '\r': cxo__buf_add(b, "\\r", 2); break;
		case '\t': cxo__buf_add(b, "\\t", 2); break;
		case '\b': cxo__buf_add(b, "\\b", 2); break;
		case '\f': cxo__buf_add(b, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			cxo__buf_add(b, u, 6);
		}
		}
		run = p + 1;
	}
	return cxo__buf_addc(b, '"');
}

const char *cxo__buf_cstr(cxo__buf *b)
{
	if (b->failed)
		return NULL;
	if (!b->data)
		return "";
	return b->data;
}

char *cxo__buf_detach(cxo__buf *b, size_t *len)
{
	if (b->failed) {
		cxo__buf_fini(b);
		return NULL;
	}
	if (!b->data && grow(b, 0))
		return NULL;
	char *p = b->data;
	p[b->len] = '\0';
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int cxo__buf_status(const cxo__buf *b)
{
	return b->failed ? CXO_ENOMEM : CXO_OK;
}
