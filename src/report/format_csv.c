/* CSV (RFC 4180): the report's first table, a header of column keys, CRLF
 * line ends, a field quoted (quotes doubled) when it holds a comma, a quote or
 * a line break. Everything else in the report is left out. */
#include "writer.h"

#include <string.h>

static void field_text(cxo__rw *w, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		cxo__rw_put(w, s);
		return;
	}
	cxo__rw_put(w, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			cxo__rw_put(w, "\"\"");
		else
			cxo__rw_putn(w, p, 1);
	}
	cxo__rw_put(w, "\"");
}

static void begin(cxo__rw *w, const char *report, const char *title)
{
	(void)w;
	(void)report;
	(void)title;
}

static void end(cxo__rw *w)
{
	(void)w;
}

static void object(cxo__rw *w, const char *key, const char *title)
{
	(void)w;
	(void)key;
	(void)title;
}

static void object_end(cxo__rw *w)
{
	(void)w;
}

static void list(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols)
{
	(void)key;
	(void)title;
	if (!cols || w->tables || (w->csv && (!key || strcmp(key, w->csv) != 0)))
		return;
	w->tables = 1;
	w->in_table = w->depth + 1;
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			cxo__rw_put(w, ",");
		field_text(w, cols[i].key);
	}
	cxo__rw_put(w, "\r\n");
}

static void list_end(cxo__rw *w)
{
	if (w->in_table == w->depth)
		w->in_table = 0;
}

static void row(cxo__rw *w, const cxo__val *vals)
{
	if (!w->in_table || w->in_table != w->depth)
		return;
	for (size_t i = 0; i < w->ncols[w->depth]; i++) {
		if (i)
			cxo__rw_put(w, ",");
		cxo__buf b = CXO__BUF_INIT;
		if (vals[i].type == CXO__V_REAL || vals[i].type == CXO__V_SHARE)
			cxo__buf_addf(&b, "%.4f", vals[i].r);
		else if (vals[i].type == CXO__V_BOOL)
			cxo__buf_adds(&b, vals[i].i ? "true" : "false");
		else if (vals[i].type == CXO__V_TEXTS) {
			/* a list in one field: its items separated by semicolons */
			for (size_t k = 0; k < cxo_row_size(vals[i].list); k++) {
				if (k)
					cxo__buf_addc(&b, ';');
				const char *s = cxo_row_text_at(vals[i].list, k);
				cxo__buf_adds(&b, s ? s : "");
			}
		} else
			cxo__rw_val_text(&vals[i], &b, 0);
		if (cxo__buf_status(&b))
			w->rc = CXO_ENOMEM;
		else
			field_text(w, b.data ? b.data : "");
		cxo__buf_fini(&b);
	}
	cxo__rw_put(w, "\r\n");
}

static void field(cxo__rw *w, const char *key, const char *label, const cxo__val *v)
{
	(void)w;
	(void)key;
	(void)label;
	(void)v;
}

const struct cxo__rw_format cxo__format_csv = {
	begin, end, object, object_end, list, list_end, row, field, NULL, NULL, NULL,
};
