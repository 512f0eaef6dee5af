/* Aligned text tables that fit the terminal's usual 100 columns. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

struct table {
	size_t ncols, nrows, cap;
	char **heads;
	char **cells; /* nrows x ncols */
	unsigned char *right, *keep;
};

/* Decode one UTF-8 sequence (the library only stores valid UTF-8). */
static uint32_t decode(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t cp;
	int n;
	if (s[0] < 0x80) {
		cp = s[0];
		n = 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		n = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		n = 3;
	} else {
		cp = s[0] & 0x07;
		n = 4;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			n = i;
			break;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*p = s + n;
	return cp;
}

static int wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int char_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B)
		return 0;
	return wide(cp) ? 2 : 1;
}

/* Line breaks and tabs are shown as one space each (see fit()). */
static int shown_width(uint32_t cp)
{
	return cp == '\n' || cp == '\t' || cp == '\r' ? 1 : char_width(cp);
}

size_t text_width(const char *s)
{
	size_t w = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p)
		w += (size_t)shown_width(decode(&p));
	return w;
}

/* A copy of `s` fitting `width` columns, with "…" when cut; newlines and tabs
 * become spaces so that a row stays one line. */
static char *fit(const char *s, size_t width)
{
	size_t len = strlen(s);
	char *out = malloc(len + 4);
	if (!out)
		return NULL;
	size_t o = 0, w = 0;
	int cut = text_width(s) > width;
	size_t room = cut ? (width ? width - 1 : 0) : width;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *start = p;
		uint32_t cp = decode(&p);
		int cw = shown_width(cp);
		if (w + (size_t)cw > room)
			break;
		if (cp == '\n' || cp == '\t' || cp == '\r') {
			out[o++] = ' ';
		} else {
			memcpy(out + o, start, (size_t)(p - start));
			o += (size_t)(p - start);
		}
		w += (size_t)cw;
	}
	if (cut && width) {
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

table *table_new(size_t ncols, const char *const *heads)
{
	table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	t->heads = calloc(ncols, sizeof *t->heads);
	t->right = calloc(ncols, 1);
	t->keep = calloc(ncols, 1);
	if (!t->heads || !t->right || !t->keep) {
		table_free(t);
		return NULL;
	}
	for (size_t i = 0; i < ncols; i++)
		if (!(t->heads[i] = strdup(heads[i]))) {
			table_free(t);
			return NULL;
		}
	return t;
}

void table_align_right(table *t, size_t col)
{
	t->right[col] = 1;
}

void table_keep(table *t, size_t col)
{
	t->keep[col] = 1;
}

int table_add(table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cells, cap * t->ncols * sizeof *c);
		if (!c)
			return -1;
		t->cells = c;
		t->cap = cap;
	}
	char **row = t->cells + t->nrows * t->ncols;
	int failed = 0;
	for (size_t i = 0; i < t->ncols; i++) {
		/* trailing white space (a text's last line break) would end a line */
		const char *cell = cells[i] ? cells[i] : "";
		size_t len = strlen(cell);
		while (len && strchr(" \t\r\n", cell[len - 1]))
			len--;
		failed |= !(row[i] = strndup(cell, len));
	}
	t->nrows++;
	return failed ? -1 : 0;
}

void table_print(table *t, FILE *out, size_t width)
{
	size_t *w = calloc(t->ncols, sizeof *w);
	if (!w)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->heads[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = text_width(t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "");
			if (cw > w[c])
				w[c] = cw;
		}
	}
	/* a column empty in every row is left out, header and all */
	unsigned char *show = calloc(t->ncols, 1);
	if (!show) {
		free(w);
		return;
	}
	size_t total = 0, shown = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		for (size_t r = 0; r < t->nrows && !show[c]; r++)
			show[c] = t->cells[r * t->ncols + c] && *t->cells[r * t->ncols + c];
		show[c] |= t->keep[c] || !t->nrows;
		if (show[c]) {
			total += w[c];
			shown++;
		}
	}
	total += shown ? 2 * (shown - 1) : 0;
	/* shorten the widest shortenable column, one character at a time */
	while (total > width) {
		size_t best = t->ncols;
		for (size_t c = 0; c < t->ncols; c++)
			if (show[c] && !t->keep[c] && w[c] > 8 && (best == t->ncols || w[c] > w[best]))
				best = c;
		if (best == t->ncols)
			break;
		w[best]--;
		total--;
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		char **row = r == 0 ? t->heads : t->cells + (r - 1) * t->ncols;
		/* the last column is not padded, so that no line ends in spaces */
		size_t last = t->ncols;
		while (last > 0 && (!show[last - 1] || !*(row[last - 1] ? row[last - 1] : "")))
			last--;
		int first = 1;
		for (size_t c = 0; c < last; c++) {
			if (!show[c])
				continue;
			char *cell = fit(row[c] ? row[c] : "", w[c]);
			if (!cell)
				break;
			size_t cw = text_width(cell), pad = w[c] > cw ? w[c] - cw : 0;
			if (!first)
				fputs("  ", out);
			first = 0;
			if (t->right[c])
				fprintf(out, "%*s%s", (int)pad, "", cell);
			else if (c + 1 < last)
				fprintf(out, "%s%*s", cell, (int)pad, "");
			else
				fputs(cell, out);
			free(cell);
		}
		fputc('\n', out);
	}
	free(show);
	free(w);
}

void table_free(table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->heads ? t->heads[i] : NULL);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->heads);
	free(t->cells);
	free(t->right);
	free(t->keep);
	free(t);
}
