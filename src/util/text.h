/* Validation of the library's textual values: UTF-8 text, slugs, dates and
 * country codes. Each check returns CXO_OK, or CXO_EINVAL with a message that
 * quotes the value and says what is wrong; callers prefix the record path. */
#ifndef CXO_UTIL_TEXT_H
#define CXO_UTIL_TEXT_H

#include <stddef.h>

#include "cxotrack.h"

enum { CXO__SLUG_MAX = 128 };

/* Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates
 * and code points above U+10FFFF are invalid), or `len` if all are valid. */
size_t cxo__utf8_scan(const char *s, size_t len);

/* Text stored by the library: valid UTF-8, no control characters but tab,
 * line feed and carriage return. */
int cxo__text_check(const char *s);

int cxo__slug_check(const char *s);

/* Date precision: 1 year, 2 month, 3 day; 0 if `s` is not a date (no message). */
int cxo__date_precision(const char *s);
int cxo__date_check(const char *s);
/* The smallest date text that sorts after every date within the period of
 * `date` (which must be valid): "2016" -> "2017", "2016-12" -> "2017",
 * "2016-03-31" -> "2016-04". Text below it is dated within or before the period. */
void cxo__date_upper(char out[16], const char *date);

/* A point in time is a date (starts with a digit) or a meeting id. */
static inline int cxo__point_is_date(const char *p)
{
	return p[0] >= '0' && p[0] <= '9';
}

/* ISO 3166-1 alpha-2, officially assigned codes. */
int cxo__country_check(const char *s);

#endif
