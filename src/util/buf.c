#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdint.h>
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

int cxo__buf_reserve(cxo__buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return CXO_OK;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2)
			return cxo__err(CXO_ENOMEM, "out of memory (buffer of %zu bytes)", b->len + extra);
		cap *= 2;
	}
	char *p = cxo__realloc(b->data, cap);
	if (!p)
		return CXO_ENOMEM;
	b->data = p;
	b->cap = cap;
	return CXO_OK;
}

static int grow(cxo__buf *b, size_t extra)
{
	if (b->failed)
		return CXO_ENOMEM;
	int rc = cxo__buf_reserve(b, extra);
	if (rc)
		b->failed = 1;
	return rc;
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

/* Whether any of the 8 bytes of `x` is below 0x20, '"', '\\' or 0x7F (the
 * bytes JSON text escapes), NUL included: bit tricks on a word at a time. */
static int word_needs_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t below = (x - ones * 0x20) & ~x;
	uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\'), del = x ^ (ones * 0x7F);
	uint64_t zero = ((quote - ones) & ~quote) | ((bslash - ones) & ~bslash) | ((del - ones) & ~del);
	return ((below | zero) & highs) != 0;
}

int cxo__buf_add_json_string(cxo__buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	/* most strings need no escape: one copy (reports write millions), found
	 * eight bytes at a time (within the string), then byte by byte */
	size_t len = strlen(s), n = 0;
	for (; n + sizeof(uint64_t) <= len; n += sizeof(uint64_t)) {
		uint64_t x;
		memcpy(&x, s + n, sizeof x);
		if (word_needs_escape(x))
			break;
	}
	while ((unsigned char)s[n] >= 0x20 && s[n] != '"' && s[n] != '\\' && s[n] != 0x7F)
		n++;
	int rc = grow(b, n + 2);
	if (rc)
		return rc;
	if (!s[n]) {
		char *d = b->data + b->len;
		d[0] = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		b->len += n + 2;
		b->data[b->len] = '\0';
		return CXO_OK;
	}
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
