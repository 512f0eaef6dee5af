/* What the reports share: the resolved options, the meetings on the axis, the
 * lifecycle followed, and a few helpers over the model's queries. Reports hold
 * no SQL of their own: they read through the model (src/model) and the
 * histories of src/history.c. */
#ifndef CXO_REPORT_H
#define CXO_REPORT_H

#include "writer.h"
#include "../history.h"
#include "../model/model.h"

typedef struct cxo__report {
	cxo_db *db;
	const cxo_report_options *o;
	cxo__rw w;
	const cxo__timeline *t;
	cxo__held *t_hold;
	const cxo__lifecycle *lc;
	cxo__held *lc_hold;
	unsigned tracked;
	cxo__cutoff cut;     /* the as-of point */
	const char *as_of;   /* ...as given, else the meeting reported on, else now's meeting */
	long now;            /* timeline index of "now" within the cut-off (-1: nothing held yet) */
	int stall;
	/* the meetings on the axis: tracked, within the cut-off, not planned */
	size_t naxis;
	long *axis;          /* timeline indexes */
	int64_t errors;      /* lint: findings of severity "error" */
	cxo__arena arena;    /* for the report's lifetime */
} cxo__report;

int cxo__report_tsag(cxo__report *r);
int cxo__report_followup(cxo__report *r);
int cxo__report_period(cxo__report *r);
int cxo__report_matrix(cxo__report *r);
int cxo__report_diff(cxo__report *r);
int cxo__report_agenda(cxo__report *r);
int cxo__report_participation(cxo__report *r);
int cxo__report_analysis(cxo__report *r);
int cxo__report_lint(cxo__report *r);

/* Whether timeline index `i` is a tracked kind. */
int cxo__report_tracked(const cxo__report *r, long i);
/* The axis position of timeline index `i`, or -1. */
long cxo__report_axis_of(const cxo__report *r, long i);

/* A history of the lifecycle followed, as of the report's cut-off (or of
 * `as_of` if not NULL): one topic (topic != 0) or every topic. */
int cxo__report_history(cxo__report *r, int64_t topic, const char *as_of, int lineage, cxo__history **out);

/* The meetings of the axis for the timeline (the HTML format only draws it). */
int cxo__report_timeline_begin(cxo__report *r);
/* Begin the report `name` with `title` and the fields every report starts
 * with (docs/reports.md: report, title, as_of). */
int cxo__report_begin(cxo__report *r, const char *name, const char *title);
/* One lane from a topic's history rows, labelled with the topic's title. */
int cxo__report_lane(cxo__report *r, const char *topic, const cxo_row *rows);

/* The sort key (pos) of a history row's point. */
void cxo__report_row_pos(const cxo__report *r, const cxo_row *row, char pos[CXO__POS_MAX]);
/* Tracked meetings on the axis after the topic last advanced (or was first
 * raised, or reopened), up to now: how long it has not moved forward. */
int64_t cxo__report_since_advance(const cxo__report *r, const cxo_row *rows);
/* The rank from which a status counts as delivered ("delivered"'s, or the
 * highest rank of a lifecycle without one). */
int64_t cxo__report_delivered_rank(const cxo__report *r);
/* Stalled: the latest status is not terminal and below delivered, and the
 * topic has not advanced over the last `stall` tracked meetings. */
int cxo__report_stalled(const cxo__report *r, const cxo_row *rows);

/* A record by its key into `out` (CXO_ENOTFOUND if none). */
int cxo__report_record(cxo__report *r, cxo_kind kind, const char *const *key, cxo_row *out);

/* "cto meeting, Bangkok, 2013-11-18": a meeting in a title. */
void cxo__report_meeting_title(const cxo_row *m, cxo__buf *b);

/* The sources of a row as one text: "ref <url>; ref". CXO_ENOMEM if the
 * buffer could not grow (an empty text is not "no sources" then). */
int cxo__report_sources(const cxo_row *row, cxo__buf *b);

#endif
