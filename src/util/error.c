#include "error.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MSG_CAP 1024

static _Thread_local int t_code;
static _Thread_local char t_msg[MSG_CAP];

int cxo__err(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t_msg, sizeof t_msg, fmt, ap);
	va_end(ap);
	t_code = code;
	return code;
}

int cxo__err_prefix(const char *fmt, ...)
{
	char prefix[MSG_CAP], old[MSG_CAP];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, t_msg, sizeof old);
	size_t p = strlen(prefix), o = strlen(old);
	if (p > MSG_CAP - 1)
		p = MSG_CAP - 1;
	if (o > MSG_CAP - 1 - p)
		o = MSG_CAP - 1 - p;
	memcpy(t_msg, prefix, p);
	memcpy(t_msg + p, old, o);
	t_msg[p + o] = '\0';
	return t_code;
}

void cxo__quote(char *dst, size_t cap, const char *text)
{
	size_t o = 0, i = 0, shown = 0;
	if (cap < 8) {
		if (cap)
			dst[0] = '\0';
		return;
	}
	dst[o++] = '"';
	for (; text[i] && o + 8 < cap; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			/* printable ASCII, most of every key: each record written is named */
			if (++shown > 60)
				break;
			dst[o++] = (char)c;
			continue;
		}
		/* count characters, not continuation bytes */
		if ((c & 0xC0) != 0x80 && ++shown > 60)
			break;
		size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (c == '"' || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7F || (c >= 0x80 && (n == 1 || cxo__utf8_scan(text + i, n) != n))) {
			/* control characters, and bytes that are not UTF-8: the message
			 * stays one line of valid UTF-8 */
			o += (size_t)snprintf(dst + o, cap - o, "\\x%02X", c);
		} else {
			/* a whole character at once */
			memcpy(dst + o, text + i, n);
			o += n;
			i += n - 1;
		}
	}
	if (text[i]) {
		/* do not cut a UTF-8 sequence in half */
		while (o > 1 && ((unsigned char)dst[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 1 && ((unsigned char)dst[o - 1] & 0xC0) == 0xC0)
			o--;
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o++] = '"';
	dst[o] = '\0';
}

void cxo__err_save(cxo__errsave *s)
{
	s->code = t_code;
	memcpy(s->msg, t_msg, sizeof s->msg);
}

void cxo__err_restore(const cxo__errsave *s)
{
	t_code = s->code;
	memcpy(t_msg, s->msg, sizeof t_msg);
}

CXO_API const char *cxo_errmsg(void)
{
	return t_code == CXO_OK && !t_msg[0] ? "not an error" : t_msg;
}

CXO_API int cxo_errcode(void)
{
	return t_code;
}

CXO_API const char *cxo_errstr(int code)
{
	switch (code) {
	case CXO_OK: return "not an error";
	case CXO_DONE: return "no more rows";
	case CXO_WARNED: return "done, with a warning";
	case CXO_ERROR: return "error";
	case CXO_ENOMEM: return "out of memory";
	case CXO_EINVAL: return "invalid value";
	case CXO_ENOTFOUND: return "not found";
	case CXO_EEXISTS: return "already exists";
	case CXO_EBUSY: return "database is busy";
	case CXO_ESTORAGE: return "storage failure";
	case CXO_EFORMAT: return "not in the expected format";
	case CXO_EVERSION: return "unsupported schema version";
	case CXO_EMISUSE: return "API misuse";
	case CXO_EREADONLY: return "read-only";
	case CXO_ECONSTRAINT: return "refused by a rule of the data model";
	case CXO_ESCHEMA: return "unexpected objects in the database schema";
	case CXO_ELIMIT: return "limit exceeded";
	case CXO_EIO: return "file input/output error";
	case CXO_ECANCELED: return "canceled";
	default: return "unknown result code";
	}
}
