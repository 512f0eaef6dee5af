#include "writer.h"
#include "../util/alloc.h"
#include "../util/error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { FLUSH_AT = 64 * 1024 };

cxo__val cxo__v_null(void)
{
	cxo__val v = { CXO__V_NULL, 0, 0, NULL, NULL };
	return v;
}

cxo__val cxo__v_text(const char *s)
{
	cxo__val v = { s ? CXO__V_TEXT : CXO__V_NULL, 0, 0, s, NULL };
	return v;
}

cxo__val cxo__v_int(int64_t i)
{
	cxo__val v = { CXO__V_INT, i, 0, NULL, NULL };
	return v;
}

cxo__val cxo__v_bool(int b)
{
	cxo__val v = { CXO__V_BOOL, b != 0, 0, NULL, NULL };
	return v;
}

cxo__val cxo__v_real(double r)
{
	cxo__val v = { isnan(r) ? CXO__V_NULL : CXO__V_REAL, 0, r, NULL, NULL };
	return v;
}

cxo__val cxo__v_share(double r)
{
	cxo__val v = { isnan(r) ? CXO__V_NULL : CXO__V_SHARE, 0, r, NULL, NULL };
	return v;
}

cxo__val cxo__v_texts(const cxo_row *list)
{
	cxo__val v = { CXO__V_TEXTS, 0, 0, NULL, list };
	return v;
}

int cxo__rw_init(cxo__rw *w, int format, cxo_write_fn write, void *ctx)
{
	memset(w, 0, sizeof *w);
	w->format = format;
	w->write = write;
	w->ctx = ctx;
	switch (format) {
	case CXO_FORMAT_JSON: w->f = &cxo__format_json; break;
	case CXO_FORMAT_MARKDOWN: w->f = &cxo__format_md; break;
	case CXO_FORMAT_CSV: w->f = &cxo__format_csv; break;
	case CXO_FORMAT_HTML: w->f = &cxo__format_html; break;
	default: return cxo__err(CXO_EINVAL, "report: %d is not a format", format);
	}
	return CXO_OK;
}

static void flush(cxo__rw *w, int force)
{
	if (w->rc)
		return;
	if ((w->rc = cxo__buf_status(&w->b)))
		return;
	if (!w->b.len || (!force && w->b.len < FLUSH_AT))
		return;
	/* the library's own buffer says why it refused: memory ran out, or misuse */
	if (w->write(w->ctx, w->b.data, w->b.len))
		w->rc = w->write == cxo_buffer_write && cxo_errcode() == CXO_ENOMEM
		            ? cxo__err(CXO_ENOMEM, "out of memory (the report's output buffer could not grow)")
		            : cxo__err(CXO_EIO, "report: the output could not be written (the sink refused it)");
	cxo__buf_reset(&w->b);
}

int cxo__rw_finish(cxo__rw *w)
{
	flush(w, 1);
	return w->rc;
}

void cxo__rw_fini(cxo__rw *w)
{
	cxo__buf_fini(&w->b);
}

void cxo__rw_putn(cxo__rw *w, const char *s, size_t n)
{
	if (w->rc)
		return;
	if (cxo__buf_add(&w->b, s, n) != CXO_OK || w->b.len >= FLUSH_AT)
		flush(w, 0);
}

void cxo__rw_put(cxo__rw *w, const char *s)
{
	cxo__rw_putn(w, s, strlen(s));
}

void cxo__rw_putf(cxo__rw *w, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		cxo__rw_putn(w, small, (size_t)n);
		return;
	}
	char *big = cxo__malloc((size_t)n + 1);
	if (!big) {
		w->rc = CXO_ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cxo__rw_putn(w, big, (size_t)n);
	cxo__free(big);
}

void cxo__rw_val_text(const cxo__val *v, cxo__buf *out, int percent)
{
	switch (v->type) {
	case CXO__V_INT: cxo__buf_addi(out, v->i); break;
	case CXO__V_TEXT: cxo__buf_adds(out, v->s); break;
	case CXO__V_BOOL: cxo__buf_adds(out, v->i ? "yes" : "no"); break;
	case CXO__V_SHARE:
		if (percent) {
			cxo__buf_addf(out, "%.0f%%", v->r * 100.0);
			break;
		}
		/* fall through */
	case CXO__V_REAL: {
		/* two decimals at most, without trailing zeros: 1.9, 0.25, 3 */
		char num[64];
		snprintf(num, sizeof num, "%.2f", v->r);
		size_t n = strlen(num);
		while (n > 0 && num[n - 1] == '0')
			num[--n] = '\0';
		if (n > 0 && num[n - 1] == '.')
			num[--n] = '\0';
		cxo__buf_adds(out, num);
		break;
	}
	case CXO__V_TEXTS:
		for (size_t i = 0; i < cxo_row_size(v->list); i++) {
			if (i)
				cxo__buf_adds(out, ", ");
			const char *s = cxo_row_text_at(v->list, i);
			cxo__buf_adds(out, s ? s : "");
		}
		break;
	default: break;
	}
}

/* ---- the events, with the nesting kept for the formats ---- */

static int push(cxo__rw *w, int is_list, const cxo__col *cols, size_t ncols)
{
	if (w->depth + 1 >= CXO__RW_DEPTH)
		return w->rc = cxo__err(CXO_ERROR, "report: nesting too deep");
	w->depth++;
	w->is_list[w->depth] = is_list;
	w->members[w->depth] = 0;
	w->cols[w->depth] = cols;
	w->ncols[w->depth] = ncols;
	return CXO_OK;
}

int cxo__rw_begin(cxo__rw *w, const char *report, const char *title)
{
	if (w->rc)
		return w->rc;
	w->depth = 0;
	w->is_list[0] = 0;
	w->members[0] = 0;
	w->f->begin(w, report, title);
	return w->rc;
}

int cxo__rw_end(cxo__rw *w)
{
	if (w->rc)
		return w->rc;
	w->f->end(w);
	return cxo__rw_finish(w);
}

int cxo__rw_object(cxo__rw *w, const char *key, const char *title)
{
	if (w->rc)
		return w->rc;
	w->f->object(w, key, title);
	w->members[w->depth]++;
	return push(w, 0, NULL, 0);
}

int cxo__rw_object_end(cxo__rw *w)
{
	if (w->rc)
		return w->rc;
	w->f->object_end(w);
	w->depth--;
	return w->rc;
}

int cxo__rw_list(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols)
{
	if (w->rc)
		return w->rc;
	w->f->list(w, key, title, cols, ncols);
	w->members[w->depth]++;
	return push(w, 1, cols, ncols);
}

int cxo__rw_list_end(cxo__rw *w)
{
	if (w->rc)
		return w->rc;
	w->f->list_end(w);
	w->depth--;
	return w->rc;
}

int cxo__rw_row(cxo__rw *w, const cxo__val *vals)
{
	if (w->rc)
		return w->rc;
	w->f->row(w, vals);
	w->members[w->depth]++;
	return w->rc;
}

int cxo__rw_field(cxo__rw *w, const char *key, const char *label, cxo__val v)
{
	if (w->rc)
		return w->rc;
	w->f->field(w, key, label, &v);
	w->members[w->depth]++;
	return w->rc;
}

void cxo__rw_csv_table(cxo__rw *w, const char *key)
{
	w->csv = key;
}

int cxo__rw_draws_timeline(const cxo__rw *w)
{
	return w->format == CXO_FORMAT_HTML;
}

int cxo__rw_timeline(cxo__rw *w, const cxo__tl_meeting *m, size_t n, const cxo__tl_status *s, size_t ns)
{
	if (w->rc || !w->f->timeline)
		return w->rc;
	w->f->timeline(w, m, n, s, ns);
	return w->rc;
}

int cxo__rw_lane(cxo__rw *w, const char *id, const char *title, const int *cells, const cxo__tl_event *ev,
                 size_t nev)
{
	if (w->rc || !w->f->lane)
		return w->rc;
	w->f->lane(w, id, title, cells, ev, nev);
	return w->rc;
}

int cxo__rw_timeline_end(cxo__rw *w)
{
	if (w->rc || !w->f->timeline_end)
		return w->rc;
	w->f->timeline_end(w);
	return w->rc;
}
