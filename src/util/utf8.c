#include "text.h"
#include "error.h"

#include <stdint.h>
#include <string.h>

size_t cxo__utf8_scan(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

/* The whole check, a pass for each rule, with the message of the first
 * failure (invalid UTF-8 first, then control characters). */
static int text_check_slow(const char *s)
{
	size_t len = strlen(s);
	size_t bad = cxo__utf8_scan(s, len);
	if (bad < len)
		return cxo__err(CXO_EINVAL, "invalid UTF-8 at byte %zu", bad);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
			char q[96];
			cxo__quote(q, sizeof q, s);
			return cxo__err(CXO_EINVAL, "%s holds the control character U+%04X at byte %zu", q, c, i);
		}
	}
	return CXO_OK;
}

int cxo__text_check(const char *str)
{
	/* every text stored is checked: one pass, printable ASCII settled byte by
	 * byte, a whole UTF-8 sequence at once; anything else takes the slow
	 * path, which finds and names the first failure */
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0;;) {
		unsigned char c = s[i];
		if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		if (!c)
			return CXO_OK;
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		/* a NUL ends the scan of a sequence cut short: it is no continuation byte */
		if (c < 0x80 || cxo__utf8_scan(str + i, n) != n)
			return text_check_slow(str);
		i += n;
	}
}
