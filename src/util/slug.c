#include "text.h"
#include "error.h"

#include <string.h>

static int slug_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/';
}

int cxo__slug_check(const char *s)
{
	char q[96];
	size_t len = strlen(s);
	if (len == 0)
		return cxo__err(CXO_EINVAL, "\"\" is not an id: it is empty");
	size_t i = 1;
	while (i < len && slug_char((unsigned char)s[i]))
		i++;
	if (len <= CXO__SLUG_MAX && s[0] >= 'a' && s[0] <= 'z' && i == len)
		return CXO_OK; /* the usual case, without quoting it for a message */
	cxo__quote(q, sizeof q, s);
	if (len > CXO__SLUG_MAX)
		return cxo__err(CXO_EINVAL, "%s is not an id: it is %zu bytes long (at most %d)", q, len, CXO__SLUG_MAX);
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return cxo__err(CXO_EINVAL, "%s is not an id: it must start with a lower-case letter", q);
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!slug_char(c)) {
			if (c >= 0x21 && c < 0x7F)
				return cxo__err(CXO_EINVAL,
				                "%s is not an id: '%c' at byte %zu is not allowed (lower-case letters, digits and . - _ /)",
				                q, c, i);
			return cxo__err(CXO_EINVAL,
			                "%s is not an id: byte 0x%02X at byte %zu is not allowed (lower-case letters, digits and . - _ /)",
			                q, c, i);
		}
	}
	return CXO_OK;
}

CXO_API int cxo_check_slug(const char *text)
{
	if (!text)
		return cxo__err(CXO_EMISUSE, "cxo_check_slug: text is NULL");
	return cxo__slug_check(text);
}
