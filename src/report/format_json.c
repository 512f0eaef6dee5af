/* JSON: one object, two spaces of indent, a table's rows one per line. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

/* A new line and the indent of `level` (at most CXO__RW_DEPTH + 1 levels). */
static void indent(cxo__rw *w, int level)
{
	static const char spaces[] = "\n                                                                ";
	size_t n = 1 + 2 * (size_t)level;
	cxo__rw_putn(w, spaces, n < sizeof spaces - 1 ? n : sizeof spaces - 1);
}

/* Before a member of the current level: a comma after the first, a new line. */
static void sep(cxo__rw *w)
{
	if (w->members[w->depth])
		cxo__rw_put(w, ",");
	indent(w, w->depth + 1);
}

/* Escaped straight into the output buffer: a report writes hundreds of
 * thousands of strings, and a buffer of their own each cost a malloc. */
static void string(cxo__rw *w, const char *s)
{
	if (w->rc)
		return;
	cxo__buf_add_json_string(&w->b, s);
	cxo__rw_putn(w, "", 0); /* the buffer's status, and a flush when due */
}

static void key(cxo__rw *w, const char *k)
{
	if (k && !w->is_list[w->depth]) {
		string(w, k);
		cxo__rw_put(w, ": ");
	}
}

static void value(cxo__rw *w, const cxo__val *v)
{
	switch (v->type) {
	case CXO__V_INT: {
		/* by hand: reports write many integers, and printf is slow at it */
		char num[24], *p = num + sizeof num;
		uint64_t u = v->i < 0 ? 0 - (uint64_t)v->i : (uint64_t)v->i;
		do
			*--p = (char)('0' + u % 10);
		while (u /= 10);
		if (v->i < 0)
			*--p = '-';
		cxo__rw_putn(w, p, (size_t)(num + sizeof num - p));
		break;
	}
	case CXO__V_TEXT: string(w, v->s); break;
	case CXO__V_BOOL: cxo__rw_put(w, v->i ? "true" : "false"); break;
	case CXO__V_REAL:
	case CXO__V_SHARE: {
		/* four decimals at most, and no trailing zeros: 0.25, 0.3333, 1.0 */
		char num[64];
		snprintf(num, sizeof num, "%.4f", v->r);
		size_t n = strlen(num);
		while (n > 0 && num[n - 1] == '0' && n >= 2 && num[n - 2] != '.')
			num[--n] = '\0';
		cxo__rw_put(w, num);
		break;
	}
	case CXO__V_TEXTS:
		cxo__rw_put(w, "[");
		for (size_t i = 0; i < cxo_row_size(v->list); i++) {
			if (i)
				cxo__rw_put(w, ", ");
			const char *s = cxo_row_text_at(v->list, i);
			if (s)
				string(w, s);
			else
				cxo__rw_put(w, "null");
		}
		cxo__rw_put(w, "]");
		break;
	default: cxo__rw_put(w, "null"); break;
	}
}

static void begin(cxo__rw *w, const char *report, const char *title)
{
	cxo__rw_put(w, "{");
	indent(w, 1);
	cxo__rw_put(w, "\"report\": ");
	string(w, report);
	cxo__rw_put(w, ",");
	indent(w, 1);
	cxo__rw_put(w, "\"title\": ");
	string(w, title);
	w->members[0] = 2;
}

static void end(cxo__rw *w)
{
	cxo__rw_put(w, "\n}\n");
}

static void object(cxo__rw *w, const char *k, const char *title)
{
	(void)title;
	sep(w);
	key(w, k);
	cxo__rw_put(w, "{");
}

static void object_end(cxo__rw *w)
{
	if (w->members[w->depth])
		indent(w, w->depth);
	cxo__rw_put(w, "}");
}

static void list(cxo__rw *w, const char *k, const char *title, const cxo__col *cols, size_t ncols)
{
	(void)title;
	(void)cols;
	(void)ncols;
	sep(w);
	key(w, k);
	cxo__rw_put(w, "[");
}

static void list_end(cxo__rw *w)
{
	if (w->members[w->depth])
		indent(w, w->depth);
	cxo__rw_put(w, "]");
}

static void row(cxo__rw *w, const cxo__val *vals)
{
	sep(w);
	cxo__rw_put(w, "{");
	for (size_t i = 0; i < w->ncols[w->depth]; i++) {
		if (i)
			cxo__rw_put(w, ", ");
		string(w, w->cols[w->depth][i].key);
		cxo__rw_put(w, ": ");
		value(w, &vals[i]);
	}
	cxo__rw_put(w, "}");
}

static void field(cxo__rw *w, const char *k, const char *label, const cxo__val *v)
{
	(void)label;
	sep(w);
	key(w, k);
	value(w, v);
}

const struct cxo__rw_format cxo__format_json = {
	begin, end, object, object_end, list, list_end, row, field, NULL, NULL, NULL,
};
