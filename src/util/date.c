#include "text.h"
#include "error.h"

#include <stdio.h>
#include <string.h>

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Returns the precision, or 0 and a reason. */
static int parse(const char *s, int *y, int *m, int *d, const char **why)
{
	size_t len = strlen(s);
	*why = "expected YYYY, YYYY-MM or YYYY-MM-DD";
	if (len != 4 && len != 7 && len != 10)
		return 0;
	if (!digits(s, 4))
		return 0;
	*y = num(s, 4);
	if (*y == 0) {
		*why = "year 0000 does not exist";
		return 0;
	}
	if (len == 4)
		return 1;
	if (s[4] != '-' || !digits(s + 5, 2))
		return 0;
	*m = num(s + 5, 2);
	if (*m < 1 || *m > 12) {
		*why = "month must be 01 to 12";
		return 0;
	}
	if (len == 7)
		return 2;
	if (s[7] != '-' || !digits(s + 8, 2))
		return 0;
	*d = num(s + 8, 2);
	if (*d < 1 || *d > days_in(*y, *m)) {
		*why = "no such day in that month";
		return 0;
	}
	return 3;
}

int cxo__date_precision(const char *s)
{
	int y, m, d;
	const char *why;
	return parse(s, &y, &m, &d, &why);
}

int cxo__date_check(const char *s)
{
	int y, m, d;
	const char *why;
	if (parse(s, &y, &m, &d, &why))
		return CXO_OK;
	char q[96];
	cxo__quote(q, sizeof q, s);
	return cxo__err(CXO_EINVAL, "%s is not a date (%s)", q, why);
}

void cxo__date_upper(char out[16], const char *date)
{
	int y = 0, m = 0, d = 0;
	const char *why;
	int p = parse(date, &y, &m, &d, &why);
	/* the first day after the period, written as short as possible so that
	 * every text naming that day or later sorts at or after it */
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	if (p == 3 && d < days_in(y, m)) {
		snprintf(out, 16, "%04u-%02u-%02u", uy, um, ud + 1);
		return;
	}
	if (p >= 2 && m < 12) {
		snprintf(out, 16, "%04u-%02u", uy, um + 1);
		return;
	}
	/* 9999 has no successor with four digits: a text above every date */
	if (uy == 9999)
		snprintf(out, 16, "9999-99");
	else
		snprintf(out, 16, "%04u", uy + 1);
}

CXO_API int cxo_check_date(const char *text)
{
	if (!text)
		return cxo__err(CXO_EMISUSE, "cxo_check_date: text is NULL");
	return cxo__date_check(text);
}
