/* A topic's history: its observations in time order with the movement between
 * them and the gaps (tracked meetings that did not discuss it), as of a point
 * in time. This is the one place that derives movements and gaps; the public
 * cursor and the reports read histories from here, one topic at a time. */
#ifndef CXO_HISTORY_H
#define CXO_HISTORY_H

#include "model/model.h"

typedef struct cxo__history cxo__history;

typedef struct cxo__history_opts {
	int64_t topic;          /* 0: every topic with observations, by topic id (slug) */
	const char *lifecycle;  /* NULL: "cto" */
	const char *as_of;      /* NULL: no cut-off */
	const char *kinds;      /* tracked kinds; NULL: the default */
	int lineage;            /* stitch in the predecessors' observations */
	int no_sources;         /* rows without their sources (a report that shows none) */
} cxo__history_opts;

int cxo__history_open(cxo__history **out, cxo_db *db, const cxo__history_opts *opts);
/* The next topic's rows (a list of rows, see cxo_topic_history), valid until the
 * next call; CXO_DONE when no topic is left. */
int cxo__history_next_topic(cxo__history *h, const cxo_row **rows);
void cxo__history_free(cxo__history *h);

/* The movement from status index `prev` (-1: none) to `cur`. */
const char *cxo__movement(const cxo__lifecycle *lc, long prev, long cur);

#endif
