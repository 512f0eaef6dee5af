/* HTML: one self-contained page (inline CSS and SVG, no script, no external
 * resource). Every text is escaped. The timeline draws each topic as a lane
 * across the meetings, coloured by status, gaps outlined, dated events as
 * diamonds between the meetings; each lane is its own small SVG, so that the
 * page streams topic by topic. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

/* The timeline's geometry in pixels: the lane labels' column, a meeting's
 * column, a lane's height; an axis label's characters are about CHAR_W wide. */
enum { LABEL_W = 280, COL_W = 34, LANE_H = 22, CHAR_W = 6, AXIS_MAX = 60 };

/* Status colours by position in the lifecycle: the built-in "cto" lifecycle's
 * raised, prioritized, assigned, in-progress, delivered, closed, dropped. */
static const char *const PALETTE[] = { "#fde68a", "#fdba74", "#93c5fd", "#3b82f6", "#22c55e", "#6b7280", "#ef4444",
	                                   "#c4b5fd", "#f9a8d4", "#5eead4" };
enum { NPALETTE = sizeof PALETTE / sizeof PALETTE[0] };

static const char STYLE[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:72rem;"
	"padding:0 1rem;color:#1f2937;line-height:1.45}"
	"h1{font-size:1.6rem;border-bottom:2px solid #1f2937;padding-bottom:.3rem}"
	"h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d1d5db}h3{font-size:1.05rem;margin-top:1.4rem}"
	"h4,h5,h6{font-size:.95rem}"
	"table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.88rem}"
	"th,td{border:1px solid #d1d5db;padding:.2rem .45rem;text-align:left;vertical-align:top}"
	"th{background:#f3f4f6}td.none{color:#6b7280;font-style:italic}"
	"p.field{margin:.15rem 0}p.field .label{font-weight:600}"
	".meta{color:#6b7280;font-size:.85rem}"
	"figure.timeline{margin:1rem 0;overflow-x:auto}figure.timeline svg{display:block}"
	"figure.timeline figcaption{font-size:.85rem;color:#4b5563;margin:.4rem 0}"
	"figure.timeline figcaption b{color:#1f2937;font-size:.95rem}"
	"ul.legend{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;"
	"font-size:.85rem}ul.legend li{display:flex;align-items:center;gap:.35rem}"
	"ul.legend .swatch{display:inline-block;width:1.3rem;height:.95rem;border-radius:2px;font-size:.65rem;"
	"text-align:center;line-height:.95rem;font-weight:700;color:#111827}"
	"footer{margin-top:3rem;color:#6b7280;font-size:.8rem}";

static void escaped(cxo__rw *w, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *e = NULL;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		cxo__rw_putn(w, run, (size_t)(s - run));
		cxo__rw_put(w, e);
		run = s + 1;
	}
	cxo__rw_putn(w, run, (size_t)(s - run));
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

static int level(const cxo__rw *w)
{
	return w->depth + 2 > 6 ? 6 : w->depth + 2;
}

static void heading(cxo__rw *w, const char *title)
{
	if (!title)
		return;
	cxo__rw_putf(w, "<h%d>", level(w));
	escaped(w, title);
	cxo__rw_putf(w, "</h%d>\n", level(w));
}

static void begin(cxo__rw *w, const char *report, const char *title)
{
	cxo__rw_put(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	escaped(w, title);
	cxo__rw_put(w, "</title>\n<style>");
	cxo__rw_put(w, STYLE);
	cxo__rw_put(w, "</style>\n</head>\n<body>\n<header>\n<h1>");
	escaped(w, title);
	cxo__rw_put(w, "</h1>\n<p class=\"meta\">cxotrack report: ");
	escaped(w, report);
	cxo__rw_put(w, "</p>\n</header>\n<main>\n");
}

static void end(cxo__rw *w)
{
	cxo__rw_put(w, "</main>\n<footer>Written by cxotrack " CXO_VERSION_STRING
	               " from the records it holds, with their sources.</footer>\n</body>\n</html>\n");
}

static void object(cxo__rw *w, const char *key, const char *title)
{
	(void)key;
	cxo__rw_put(w, "<section>\n");
	heading(w, title);
}

static void object_end(cxo__rw *w)
{
	cxo__rw_put(w, "</section>\n");
}

static void list(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols)
{
	(void)key;
	if (!cols) {
		cxo__rw_put(w, "<section class=\"list\">\n");
		heading(w, title);
		return;
	}
	heading(w, title);
	cxo__rw_put(w, "<table>\n<thead><tr>");
	for (size_t i = 0; i < ncols; i++) {
		cxo__rw_put(w, "<th>");
		escaped(w, cols[i].label);
		cxo__rw_put(w, "</th>");
	}
	cxo__rw_put(w, "</tr></thead>\n<tbody>\n");
}

static void list_end(cxo__rw *w)
{
	if (!w->cols[w->depth]) {
		cxo__rw_put(w, "</section>\n");
		return;
	}
	if (!w->members[w->depth])
		cxo__rw_putf(w, "<tr><td class=\"none\" colspan=\"%zu\">none</td></tr>\n", w->ncols[w->depth]);
	cxo__rw_put(w, "</tbody>\n</table>\n");
}

static void row(cxo__rw *w, const cxo__val *vals)
{
	cxo__rw_put(w, "<tr>");
	for (size_t i = 0; i < w->ncols[w->depth]; i++) {
		cxo__rw_put(w, "<td>");
		value(w, &vals[i]);
		cxo__rw_put(w, "</td>");
	}
	cxo__rw_put(w, "</tr>\n");
}

static void field(cxo__rw *w, const char *key, const char *label, const cxo__val *v)
{
	(void)key;
	if (v->type == CXO__V_NULL)
		return; /* nothing to say */
	cxo__rw_put(w, "<p class=\"field\"><span class=\"label\">");
	escaped(w, label);
	cxo__rw_put(w, ":</span> ");
	value(w, v);
	cxo__rw_put(w, "</p>\n");
}

/* ---- the timeline ---- */

static size_t width(const cxo__rw *w)
{
	return LABEL_W + w->tl_n * COL_W + w->tl_pad;
}

static const char *colour(const cxo__rw *w, int status)
{
	(void)w;
	return PALETTE[(size_t)(status - 1) % NPALETTE];
}

/* The letter a status box carries, so that colour is not the only clue (in
 * print, for colour-blind readers): its id's first character, upper case. */
static char letter(const cxo__rw *w, int status)
{
	if (status < 1 || (size_t)status > w->tl_nstatus || !w->tl_status[status - 1].id[0])
		return '?';
	char c = w->tl_status[status - 1].id[0];
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Characters (not bytes) of a UTF-8 text, up to `max`. */
static size_t chars(const char *s, size_t max)
{
	size_t n = 0;
	for (; *s && n < max; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void timeline(cxo__rw *w, const cxo__tl_meeting *m, size_t n, const cxo__tl_status *s, size_t ns)
{
	w->tl_n = n;
	w->tl_lanes = 0;
	w->tl_status = s;
	w->tl_nstatus = ns;
	/* the labels rise at 60 degrees: as high as the longest needs (sin 60 is
	 * about 7/8), and as far right past the last column (cos 60 is 1/2) */
	size_t longest = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = chars(m[i].date, AXIS_MAX) + 1 + chars(m[i].id, AXIS_MAX);
		if (c > longest)
			longest = c;
	}
	size_t axis_h = longest * CHAR_W * 7 / 8 + 12;
	w->tl_pad = longest * CHAR_W / 2 + 12;
	cxo__rw_put(w, "<figure class=\"timeline\" role=\"img\" aria-label=\"Each topic's status at each meeting\">\n"
	               "<figcaption><b>Timeline.</b> Each topic across the meetings: a filled box is the status a "
	               "meeting recorded (its first letter inside), a dashed box a meeting that did not discuss the "
	               "topic, a diamond a dated event between meetings.</figcaption>\n");
	/* the axis: each meeting's date and id, slanted */
	cxo__rw_putf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"%zu\" font-size=\"10\">\n",
	             width(w), axis_h);
	for (size_t i = 0; i < n; i++) {
		size_t x = LABEL_W + i * COL_W + COL_W / 2;
		cxo__rw_putf(w, "<text x=\"%zu\" y=\"%zu\" transform=\"rotate(-60 %zu %zu)\"><tspan font-weight=\"600\">",
		             x, axis_h - 4, x, axis_h - 4);
		escaped(w, m[i].date);
		cxo__rw_put(w, "</tspan> ");
		escaped(w, m[i].id);
		cxo__rw_put(w, "<title>");
		escaped(w, m[i].id);
		cxo__rw_put(w, " (");
		escaped(w, m[i].kind);
		cxo__rw_put(w, ", ");
		escaped(w, m[i].date);
		cxo__rw_put(w, ")</title></text>\n");
	}
	cxo__rw_put(w, "</svg>\n");
}

static void lane(cxo__rw *w, const char *id, const char *title, const int *cells, const cxo__tl_event *ev,
                 size_t nev)
{
	w->tl_lanes++;
	cxo__rw_putf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"%d\" font-size=\"11\">",
	             width(w), LANE_H + 2);
	if (w->tl_lanes % 2 == 0)
		cxo__rw_putf(w, "<rect x=\"0\" y=\"0\" width=\"%zu\" height=\"%d\" fill=\"#f9fafb\"/>", width(w), LANE_H + 2);
	/* the label, cut to the column it has */
	enum { FITS = 44 };
	char label[4 * FITS];
	const char *t = title ? title : id;
	size_t n = 0, c = 0;
	while (t[n] && c < FITS) {
		c += ((unsigned char)t[n] & 0xC0) != 0x80;
		n++;
		while (((unsigned char)t[n] & 0xC0) == 0x80)
			n++; /* a character's continuation bytes */
	}
	snprintf(label, sizeof label, "%.*s", (int)n, t);
	cxo__rw_putf(w, "<text x=\"4\" y=\"%d\">", LANE_H - 6);
	escaped(w, label);
	if (t[n])
		cxo__rw_put(w, "\xE2\x80\xA6");
	cxo__rw_put(w, "<title>");
	escaped(w, t);
	cxo__rw_put(w, " (");
	escaped(w, id);
	cxo__rw_put(w, ")</title></text>");
	cxo__rw_putf(w, "<line x1=\"%d\" y1=\"%d\" x2=\"%zu\" y2=\"%d\" stroke=\"#e5e7eb\"/>", LABEL_W, LANE_H / 2 + 1,
	             LABEL_W + w->tl_n * COL_W, LANE_H / 2 + 1);
	/* boxes leave a gap between columns, where the diamonds go */
	enum { BOX_W = COL_W - 12 };
	for (size_t i = 0; i < w->tl_n; i++) {
		size_t x = LABEL_W + i * COL_W + (COL_W - BOX_W) / 2;
		if (cells[i] == CXO__CELL_GAP) {
			cxo__rw_putf(w,
			             "<rect x=\"%zu\" y=\"3\" width=\"%d\" height=\"%d\" fill=\"#ffffff\" stroke=\"#9ca3af\" "
			             "stroke-dasharray=\"2 2\"><title>not discussed</title></rect>",
			             x, BOX_W, LANE_H - 4);
		} else if (cells[i] > 0) {
			cxo__rw_putf(w, "<g><rect x=\"%zu\" y=\"3\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\"/>", x, BOX_W,
			             LANE_H - 4, colour(w, cells[i]));
			cxo__rw_putf(w, "<text x=\"%zu\" y=\"%d\" font-size=\"9\" font-weight=\"700\" text-anchor=\"middle\" "
			                "fill=\"#111827\">%c</text><title>",
			             x + BOX_W / 2, LANE_H - 7, letter(w, cells[i]));
			if ((size_t)cells[i] <= w->tl_nstatus)
				escaped(w, w->tl_status[cells[i] - 1].id);
			cxo__rw_put(w, "</title></g>");
		}
	}
	for (size_t e = 0; e < nev; e++) {
		size_t x = LABEL_W + ev[e].after * COL_W;
		cxo__rw_putf(w,
		             "<polygon points=\"%zu,3 %zu,%d %zu,%d %zu,%d\" fill=\"%s\" stroke=\"#111827\" stroke-width=\"0.8\">"
		             "<title>",
		             x, x + 5, LANE_H / 2 + 1, x, LANE_H - 1, x - 5, LANE_H / 2 + 1, colour(w, ev[e].status));
		escaped(w, ev[e].date);
		cxo__rw_put(w, ": ");
		if ((size_t)ev[e].status <= w->tl_nstatus)
			escaped(w, w->tl_status[ev[e].status - 1].id);
		if (ev[e].label) {
			cxo__rw_put(w, " \xE2\x80\x94 ");
			escaped(w, ev[e].label);
		}
		cxo__rw_put(w, "</title></polygon>");
	}
	cxo__rw_put(w, "</svg>\n");
}

static void timeline_end(cxo__rw *w)
{
	/* the legend, in HTML so that it wraps: each status, a gap, an event */
	cxo__rw_put(w, "<ul class=\"legend\">");
	for (size_t i = 0; i < w->tl_nstatus; i++) {
		cxo__rw_putf(w, "<li><span class=\"swatch\" style=\"background:%s\">%c</span>", colour(w, (int)i + 1),
		             letter(w, (int)i + 1));
		escaped(w, w->tl_status[i].id);
		cxo__rw_put(w, "</li>");
	}
	cxo__rw_put(w, "<li><span class=\"swatch\" style=\"border:1px dashed #9ca3af\"></span>not discussed (a gap)</li>"
	               "<li><span class=\"swatch\">\xE2\x97\x86</span>event between meetings</li></ul>\n</figure>\n");
}

const struct cxo__rw_format cxo__format_html = {
	begin, end, object, object_end, list, list_end, row, field, timeline, lane, timeline_end,
};
