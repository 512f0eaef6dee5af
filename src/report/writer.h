/* The report writer: what every report emits (facts, tables, sections, a
 * timeline), rendered by one format each (format_json.c, format_md.c,
 * format_csv.c, format_html.c) and written through the caller's sink as it
 * goes. Reports never format output themselves, so escaping and layout are in
 * one place per format. */
#ifndef CXO_REPORT_WRITER_H
#define CXO_REPORT_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "cxotrack.h"
#include "../util/buf.h"

enum cxo__vtype { CXO__V_NULL, CXO__V_INT, CXO__V_TEXT, CXO__V_BOOL, CXO__V_REAL, CXO__V_SHARE, CXO__V_TEXTS };

/* A value: text, an integer, a boolean, a real (a mean), a share (a real
 * from 0 to 1 that people read as a percentage), or a list of texts. */
typedef struct cxo__val {
	int type;
	int64_t i;
	double r;
	const char *s;
	const cxo_row *list; /* CXO__V_TEXTS: a list of texts */
} cxo__val;

cxo__val cxo__v_null(void);
cxo__val cxo__v_text(const char *s);   /* NULL gives null */
cxo__val cxo__v_int(int64_t i);
cxo__val cxo__v_bool(int b);
cxo__val cxo__v_real(double r);       /* NaN gives null */
cxo__val cxo__v_share(double r);      /* NaN gives null */
cxo__val cxo__v_texts(const cxo_row *list);

/* A table column: the JSON key, and the heading in Markdown, HTML and CSV. */
typedef struct cxo__col {
	const char *key, *label;
} cxo__col;

/* ---- the timeline (drawn in HTML only) ---- */

typedef struct cxo__tl_meeting {
	const char *id, *date, *kind;
} cxo__tl_meeting;

enum { CXO__CELL_NONE = 0, CXO__CELL_GAP = -1 }; /* else a status index + 1 */

typedef struct cxo__tl_status {
	const char *id;
	int64_t rank;
	int terminal;
} cxo__tl_status;

typedef struct cxo__tl_event {
	size_t after;   /* drawn after the meeting column `after` - 1 (0: before the first) */
	int status;     /* status index + 1 */
	const char *date, *label;
} cxo__tl_event;

typedef struct cxo__rw cxo__rw;

struct cxo__rw_format {
	void (*begin)(cxo__rw *w, const char *report, const char *title);
	void (*end)(cxo__rw *w);
	void (*object)(cxo__rw *w, const char *key, const char *title);
	void (*object_end)(cxo__rw *w);
	void (*list)(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols);
	void (*list_end)(cxo__rw *w);
	void (*row)(cxo__rw *w, const cxo__val *vals);
	void (*field)(cxo__rw *w, const char *key, const char *label, const cxo__val *v);
	void (*timeline)(cxo__rw *w, const cxo__tl_meeting *m, size_t n, const cxo__tl_status *s, size_t ns);
	void (*lane)(cxo__rw *w, const char *id, const char *title, const int *cells, const cxo__tl_event *ev,
	             size_t nev);
	void (*timeline_end)(cxo__rw *w);
};

enum { CXO__RW_DEPTH = 16 };

struct cxo__rw {
	const struct cxo__rw_format *f;
	int format;
	cxo_write_fn write;
	void *ctx;
	cxo__buf b;
	int rc;          /* the first failure; later calls do nothing */
	/* the nesting the formats keep: per level, object (0) or list (1), the
	 * count of members written, and the columns of a table */
	int depth;
	int is_list[CXO__RW_DEPTH];
	size_t members[CXO__RW_DEPTH];
	const cxo__col *cols[CXO__RW_DEPTH];
	size_t ncols[CXO__RW_DEPTH];
	const char *csv; /* CSV: the key of the table written (NULL: the first) */
	int tables;      /* CSV: tables seen so far (only the first is written) */
	int in_table;    /* CSV: inside the first table */
	int bullets;     /* Markdown: the last block written is a list of facts */
	size_t tl_n;     /* HTML: meetings on the timeline's axis */
	size_t tl_pad;   /* HTML: room right of the last column for its slanted label */
	size_t tl_lanes;
	const cxo__tl_status *tl_status;
	size_t tl_nstatus;
};

extern const struct cxo__rw_format cxo__format_json, cxo__format_md, cxo__format_csv, cxo__format_html;

int cxo__rw_init(cxo__rw *w, int format, cxo_write_fn write, void *ctx);
/* Flush what is left; returns the first failure, if any. */
int cxo__rw_finish(cxo__rw *w);
void cxo__rw_fini(cxo__rw *w);

/* Each returns the writer's status (CXO_OK or its first failure). */
int cxo__rw_begin(cxo__rw *w, const char *report, const char *title);
int cxo__rw_end(cxo__rw *w);
int cxo__rw_object(cxo__rw *w, const char *key, const char *title);
int cxo__rw_object_end(cxo__rw *w);
int cxo__rw_list(cxo__rw *w, const char *key, const char *title, const cxo__col *cols, size_t ncols);
int cxo__rw_list_end(cxo__rw *w);
int cxo__rw_row(cxo__rw *w, const cxo__val *vals);
int cxo__rw_field(cxo__rw *w, const char *key, const char *label, cxo__val v);
/* Name the table the CSV form holds (by default the report's first). */
void cxo__rw_csv_table(cxo__rw *w, const char *key);
/* Whether the format draws a timeline (HTML); reports skip building it if not. */
int cxo__rw_draws_timeline(const cxo__rw *w);
int cxo__rw_timeline(cxo__rw *w, const cxo__tl_meeting *m, size_t n, const cxo__tl_status *s, size_t ns);
int cxo__rw_lane(cxo__rw *w, const char *id, const char *title, const int *cells, const cxo__tl_event *ev,
                 size_t nev);
int cxo__rw_timeline_end(cxo__rw *w);

/* For the formats: append to the output, flushing to the sink now and then. */
void cxo__rw_put(cxo__rw *w, const char *s);
void cxo__rw_putn(cxo__rw *w, const char *s, size_t n);
void cxo__rw_putf(cxo__rw *w, const char *fmt, ...) CXO__PRINTF(2, 3);
/* A value as plain text ("" for null; 25% style for reals in prose formats). */
void cxo__rw_val_text(const cxo__val *v, cxo__buf *out, int percent);

#endif
