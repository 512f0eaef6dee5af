/* Markdown: headings for sections, bullet lines for facts, tables for lists.
 * Text from the database is escaped (escaped_at), so that it can neither
 * format nor break the page. */
#include "writer.h"

#include <string.h>

/* The length of the autolink "<http://...>" or "<https://...>" at `s`, or 0:
 * a source's URL stays a link. Nothing in it can open other markup or end a
 * table cell. */
static size_t autolink(const char *s)
{
	size_t n = strncmp(s, "<https://", 9) == 0 ? 9 : strncmp(s, "<http://", 8) == 0 ? 8 : 0;
	if (!n)
		return 0;
	for (; s[n] && s[n] != '>'; n++)
		if ((unsigned char)s[n] <= ' ' || s[n] == '<' || s[n] == '\\' || s[n] == '`' || s[n] == '|')
			return 0;
	return s[n] == '>' ? n + 1 : 0;
}

/* Text from the database, as Markdown that shows it literally: line breaks
 * become spaces (a table cell or a bullet is one line) and the characters that
 * open markup anywhere in a line get a backslash, but for the autolinks of
 * sources' URLs. At the start of a line (`line_start`) so do those that open
 * a block there: a list marker ("-", "+", "1." or "1)") or a setext underline
 * ("="); "#" and ">" are escaped anyway. */
static void escaped_at(cxo__rw *w, const char *s, int line_start)
{
	cxo__buf b = CXO__BUF_INIT;
	if (line_start) {
		size_t digits = strspn(s, "0123456789");
		if (digits && (s[digits] == '.' || s[digits] == ')')) {
			cxo__buf_add(&b, s, digits);
			s += digits;
			cxo__buf_addc(&b, '\\');
		} else if (*s == '-' || *s == '+' || *s == '=') {
			cxo__buf_addc(&b, '\\');
		}
	}
	for (; *s; s++) {
		char c = *s;
		size_t link = c == '<' ? autolink(s) : 0;
		if (link) {
			cxo__buf_add(&b, s, link);
			s += link - 1;
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t') {
			cxo__buf_addc(&b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>#|~&", c))
			cxo__buf_addc(&b, '\\');
		cxo__buf_addc(&b, c);
	}
	if (cxo__buf_status(&b))
		w->rc = CXO_ENOMEM;
	else if (b.len)
		cxo__rw_putn(w, b.data, b.len);
	cxo__buf_fini(&b);
}

static void escaped(cxo__rw *w, const char *s)
{
	escaped_at(w, s, 0);
}

static void value(cxo__rw *w, const cxo__val *v)
{
	cxo__buf b = CXO__BUF_INIT;
	cxo__rw_val_text(v, &b, 1);
	if (cxo__buf_status(&b))
		w->rc = CXO_ENOMEM;
	else if (b.len)
		escaped(w, b.data);
	cxo__buf_fini(&b);
}

static void heading(cxo__rw *w, const char *title)
{
	w->bullets = 0;
	if (!title)
		return;
	int level = w->depth + 2 > 6 ? 6 : w->depth + 2;
	cxo__rw_put(w, "\n");
	for (int i = 0; i < level; i++)
		cxo__rw_put(w, "#");
	cxo__rw_put(w, " ");
	escaped(w, title);
	cxo__rw_put(w, "\n");
}

static void begin(cxo__rw *w, const char *report, const char *title)
{
	(void)report;
	cxo__rw_put(w, "# ");
	escaped(w, title);
	cxo__rw_put(w, "\n");
}

static void end(cxo__rw *w)
{
	(void)w;
}

static void object(cxo__rw *w, const char *key, const char *title)
{
	(void)key;
	heading(w, title);
}

static void object_end(cxo__rw *w)
{
	(void)w;
}

static void list(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols)
{
	w->bullets = 0;
	(void)key;
	heading(w, title);
	if (!cols)
		return;
	cxo__rw_put(w, "\n|");
	for (size_t i = 0; i < ncols; i++) {
		cxo__rw_put(w, " ");
		escaped(w, cols[i].label);
		cxo__rw_put(w, " |");
	}
	cxo__rw_put(w, "\n|");
	for (size_t i = 0; i < ncols; i++)
		cxo__rw_put(w, " --- |");
	cxo__rw_put(w, "\n");
}

static void list_end(cxo__rw *w)
{
	w->bullets = 0;
	if (w->cols[w->depth] && !w->members[w->depth]) {
		cxo__rw_put(w, "|");
		for (size_t i = 0; i < w->ncols[w->depth]; i++)
			cxo__rw_put(w, i ? "  |" : " (none) |");
		cxo__rw_put(w, "\n");
	}
}

static void row(cxo__rw *w, const cxo__val *vals)
{
	w->bullets = 0;
	cxo__rw_put(w, "|");
	for (size_t i = 0; i < w->ncols[w->depth]; i++) {
		cxo__rw_put(w, " ");
		value(w, &vals[i]);
		cxo__rw_put(w, " |");
	}
	cxo__rw_put(w, "\n");
}

/* Facts are bullet lines; the first of a section follows a blank line. */
static void field(cxo__rw *w, const char *key, const char *label, const cxo__val *v)
{
	(void)key;
	if (v->type == CXO__V_NULL)
		return; /* nothing to say */
	cxo__rw_put(w, w->bullets ? "- **" : "\n- **");
	w->bullets = 1;
	escaped(w, label);
	cxo__rw_put(w, ":** ");
	value(w, v);
	cxo__rw_put(w, "\n");
}

const struct cxo__rw_format cxo__format_md = {
	begin, end, object, object_end, list, list_end, row, field, NULL, NULL, NULL,
};
