/* The model's internal interface: the kinds of records, their field specs,
 * and the pieces each concept file provides to the rest of the library. */
#ifndef CXO_MODEL_H
#define CXO_MODEL_H

#include <string.h>

#include "../store/db.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/error.h"
#include "../util/row.h"

/* ---- the context of a change ---- */

typedef struct cxo__ctx {
	const char *path;      /* how messages name the record: `meeting "x"` or `meetings[3]` */
	int lenient;           /* unknown fields are warnings, not errors */
	cxo__buf *warnings;    /* an import collects its warnings here, one per line */
	size_t nwarnings;
	char first_warning[1024];
	int64_t audit_parent;  /* the import's audit entry; 0 for a single change */
	int64_t origin;        /* audit entry that created records point to */
	int no_audit;          /* an import completing a record it created: no entry of its own */
	/* records of this kind cannot be stored yet (an import into an empty
	 * table, whose documents hold each key once): cxo__record_put looks
	 * none up */
	const struct cxo__kind_ops *none_stored;
	/* An import checks transitions once, on the histories it leaves, not
	 * step by step on the way there (the order it writes in is not time
	 * order, and replace mode deletes last): the (topic, lifecycle) pairs it
	 * touched, for cxo__transitions_check_touched(). */
	int defer_transitions;
	int64_t (*touched)[2];
	size_t ntouched, cap_touched;
} cxo__ctx;

/* Record a warning (a disallowed transition in "warn" mode, an unknown field in
 * a lenient import). */
void cxo__warn(cxo__ctx *ctx, const char *fmt, ...) CXO__PRINTF(2, 3);

/* ---- field specs ---- */

enum cxo__ftype {
	FT_SLUG = 1,   /* a slug id */
	FT_TEXT,       /* UTF-8 text */
	FT_INT,        /* an integer >= 0 (>= 1 with FF_POSITIVE) */
	FT_BOOL,       /* a boolean */
	FT_DATE,       /* a date of year, month or day precision */
	FT_ENUM,       /* one of `values` */
	FT_COUNTRY,    /* ISO 3166-1 alpha-2 */
	FT_SLUGS,      /* a list of slugs in the order given, no duplicates */
	FT_SLUG_SET,   /* a list of slugs, stored and written sorted, no duplicates */
	FT_TEXT_SET,   /* a list of texts, stored and written sorted, no duplicates */
	FT_SOURCES,    /* a list of sources {ref, url, quote} */
	FT_NESTED,     /* checked by the kind's `nested` hook */
	FT_CHILDREN,   /* a list of records of kind `child`, nested in this one */
	FT_POINT       /* a point in time: a meeting id or a date */
};

enum cxo__fflags {
	FF_REQUIRED = 0x1, /* must be present and not null */
	FF_KEY = 0x2,      /* part of the record's key (cannot be changed by an update) */
	FF_POSITIVE = 0x4, /* FT_INT: at least 1 */
	FF_OMIT_FALSE = 0x8 /* FT_BOOL: written only when true */
};

typedef struct cxo__kind_ops cxo__kind_ops;

typedef struct cxo__spec {
	const char *name;
	int type;
	unsigned flags;
	const char *const *values; /* FT_ENUM: NULL-terminated */
	const char *dflt;          /* text default of an absent field */
	/* FT_CHILDREN: the kind of the nested records, the field of theirs that
	 * names this record (left out when nested), and a field they carry under
	 * another name when nested (a topic's relations name the older topic
	 * "topic" when nested, "older" as records of their own) */
	const cxo__kind_ops *child;
	const char *parent_key;
	const char *nested_name, *own_name;
} cxo__spec;

#define CXO__TEXT_MAX (1u << 20)

/* ---- kinds ---- */

struct cxo__kind_ops {
	cxo_kind kind;
	const char *name;   /* "meeting" */
	const char *plural; /* "meetings" */
	const cxo__spec *spec; /* canonical field order; ends with a NULL name */
	size_t nkey;           /* parts of the key */
	const char *const *key_names; /* what each part is, for messages */
	/* the key parts of a record (normalized, or as given: absent parts NULL) */
	void (*key)(const cxo_row *rec, const char *parts[]);
	/* the stored record with this key: *rowid = 0 if none */
	int (*find)(cxo_db *db, const char *const *key, int64_t *rowid);
	/* read the stored record in canonical form */
	int (*load)(cxo_db *db, int64_t rowid, cxo_row *out);
	/* check a FT_NESTED field `in` and add its canonical form to `out` */
	int (*nested)(cxo_db *db, const cxo__spec *spec, const cxo__field *in, cxo_row *out, cxo__ctx *ctx);
	/* check what the spec cannot: references, rules between fields */
	int (*check)(cxo_db *db, const cxo_row *rec, int64_t rowid, cxo__ctx *ctx);
	/* check() makes every refusal and write() only writes, so that a change
	 * in the caller's transaction needs no savepoint to undo only itself
	 * (cxo__write_begin_checked) */
	int checked_first;
	/* write the canonical record: insert when *rowid is 0, else overwrite */
	int (*write)(cxo_db *db, const cxo_row *rec, int64_t *rowid, cxo__ctx *ctx);
	/* delete a record (refusing while others refer to it unless cascading) */
	int (*remove)(cxo_db *db, int64_t rowid, const cxo_row *rec, uint32_t flags, cxo__ctx *ctx);
	/* cxo_record_list for this kind */
	int (*list)(cxo_cursor **out, cxo_db *db, const cxo_query *q);
	/* kinds nested in another: the row ids of a parent's children, in
	 * canonical order (one parameter, the parent's row id), and the text that
	 * orders a record among its siblings (its key within the parent) */
	const cxo__sql *by_parent;
	int (*order)(cxo_db *db, const cxo_row *rec, cxo__buf *key);
	/* top-level kinds of the interchange format: every row id, in the
	 * document's canonical order (one unused parameter) */
	const cxo__sql *all;
};

const cxo__kind_ops *cxo__kind(int kind);

extern const cxo__kind_ops cxo__meeting_ops;
extern const cxo__kind_ops cxo__topic_ops;
extern const cxo__kind_ops cxo__lifecycle_ops;
extern const cxo__kind_ops cxo__observation_ops;
extern const cxo__kind_ops cxo__conclusion_ops;
extern const cxo__kind_ops cxo__action_ops;
extern const cxo__kind_ops cxo__followup_ops;
extern const cxo__kind_ops cxo__registry_ops;
extern const cxo__kind_ops cxo__item_ops;
extern const cxo__kind_ops cxo__link_ops;
extern const cxo__kind_ops cxo__relation_ops;
extern const cxo__kind_ops cxo__organization_ops;
extern const cxo__kind_ops cxo__attendance_ops;

/* Read a stored record in canonical form, its nested records included. */
int cxo__record_load(cxo_db *db, const cxo__kind_ops *k, int64_t rowid, cxo_row *out);
/* Write a canonical record (insert when *rowid is 0), then its nested
 * records: a nested list that differs from the one in `old` (NULL for a new
 * record) replaces the stored one, each element checked and written as a
 * record of its own kind. */
int cxo__record_write(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, const cxo_row *old, int64_t *rowid,
                      cxo__ctx *ctx);

/* Records that refer to one being deleted. Without CXO_DELETE_CASCADE the
 * deletion is refused while any exist; with it, each is deleted (`clear` NULL)
 * or has the reference cleared (`clear` names the field: set to null, or for
 * a list, the deleted record's id taken out of it), each with an audit entry
 * whose parent is the deletion's. */
typedef struct cxo__ref {
	const cxo__sql *ids;       /* their row ids; one parameter: the deleted record's row id */
	const cxo__kind_ops *kind;
	const char *noun, *nouns;  /* "conclusion", "conclusions" */
	const char *clear;
} cxo__ref;

int cxo__refs_release(cxo_db *db, const cxo__ref *refs, size_t n, int64_t rowid, const char *id, uint32_t flags,
                      cxo__ctx *ctx);
/* Delete a record with what belongs to it (cascading), audited with the parent
 * ctx->audit_parent. */
int cxo__record_remove_audited(cxo_db *db, const cxo__kind_ops *k, int64_t rowid, cxo__ctx *ctx);

/* What cxo__record_put did. */
enum cxo__outcome { CXO__CREATED = 1, CXO__UPDATED, CXO__UNCHANGED };

/* PUT_REPLACE upserts without merging: fields the record leaves out are
 * cleared (an import in replace mode). */
enum cxo__put_mode { CXO__PUT_CREATE = 1, CXO__PUT_UPDATE, CXO__PUT_UPSERT, CXO__PUT_REPLACE };

/* Create, update or upsert one record, in a transaction of its own (a
 * savepoint inside an open one). */
int cxo__record_put(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, int mode, cxo__ctx *ctx,
                    int *outcome);

/* Normalize `rec` (merged with `old` for an update, which may be NULL) into the
 * canonical row `out`: fields in spec order, defaults applied, values checked,
 * sets sorted, nulls and empty lists left out. */
int cxo__spec_normalize(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, const cxo_row *old, cxo_row *out,
                        cxo__ctx *ctx);

/* A nested element as a record of its own kind, and back (see cxo__spec). */
int cxo__nested_to_own(const cxo__spec *s, const cxo_row *nested, const char *parent_id, cxo_row *own);
int cxo__own_to_nested(const cxo__spec *s, const cxo_row *own, cxo_row *nested);

/* Fail with CXO_EINVAL `<path>.<field>: <current message>`. */
int cxo__field_err(cxo__ctx *ctx, const char *field);

/* The query options given by the caller, or the defaults for NULL. */
int cxo__query_arg(const cxo_query *q, const cxo_query **out, const char *fn);

/* ---- sources (source.c) ---- */

enum cxo__source_owner {
	CXO__SRC_MEETING,
	CXO__SRC_OBSERVATION,
	CXO__SRC_CONCLUSION,
	CXO__SRC_ACTION,
	CXO__SRC_FOLLOWUP,
	CXO__SRC_LINK,
	CXO__SRC_RELATION,
	CXO__SRC_ITEM_STATUS,
	CXO__SRC_NOWNERS
};

/* Check a list of sources and add its canonical form to `out` as "sources". */
int cxo__sources_normalize(const cxo__field *in, cxo_row *out, cxo__ctx *ctx, const char *field);
/* Replace the sources of an owner with the list (a canonical "sources" field or NULL). */
int cxo__sources_write(cxo_db *db, int owner, int64_t id, const cxo_row *sources);
/* The same for an owner just created, which has none yet. */
int cxo__sources_add(cxo_db *db, int owner, int64_t id, const cxo_row *sources);
/* Add "sources" to `out` (nothing if there are none). */
int cxo__sources_load(cxo_db *db, int owner, int64_t id, cxo_row *out);

/* ---- audit (audit.c) ---- */

/* Write an audit entry; `before`/`after` may be NULL. `*id` (may be NULL)
 * receives the entry's id. */
int cxo__audit_write(cxo_db *db, const char *op, const char *entity, const char *key, const cxo_row *before,
                     const cxo_row *after, int64_t parent, int64_t *id);
/* Replace the `after` record of an audit entry (an import's, once its counts
 * are known). */
int cxo__audit_set_after(cxo_db *db, int64_t id, const cxo_row *after);
/* The key of a record as audit text: its parts joined by spaces. */
void cxo__audit_key(cxo__buf *b, const char *const *parts, size_t n);

/* ---- points in time and the timeline of meetings (point.c) ---- */

typedef struct cxo__tmeeting {
	int64_t id;
	const char *slug, *kind, *date, *pos;
	int64_t ordinal; /* 0 if none */
} cxo__tmeeting;

typedef struct cxo__timeline {
	size_t n;
	cxo__tmeeting *m;   /* in meeting order */
	size_t *by_id;      /* indexes into m, sorted by id */
	size_t *by_slug;    /* indexes into m, sorted by slug */
	cxo__arena arena;
} cxo__timeline;

/* The meetings in meeting order (cached; valid until the next change). */
int cxo__timeline_get(cxo_db *db, const cxo__timeline **out);
/* Index of a meeting in the timeline by row id or slug; -1 if none. */
long cxo__timeline_index(const cxo__timeline *t, int64_t id);
long cxo__timeline_find(const cxo__timeline *t, const char *slug);

enum { CXO__POS_MAX = 200 };
/* The sort key of a meeting and of a dated event. */
void cxo__pos_meeting(char out[CXO__POS_MAX], const char *date, int64_t ordinal, const char *slug);
void cxo__pos_event(char out[CXO__POS_MAX], const char *date);
/* The point a sort key was made of: the meeting's id or the event's date. */
void cxo__pos_point(char out[CXO__POS_MAX], const char *pos);

/* A cut-off: everything whose pos is below `limit` (or equal, if inclusive). */
typedef struct cxo__cutoff {
	int set;
	int inclusive;
	char limit[CXO__POS_MAX];
} cxo__cutoff;

/* Resolve an as-of point (NULL: no cut-off). CXO_ENOTFOUND for an unknown
 * meeting, CXO_EINVAL for a bad date. */
int cxo__cutoff_resolve(cxo_db *db, const char *as_of, cxo__cutoff *out);
static inline int cxo__cutoff_admits(const cxo__cutoff *c, const char *pos)
{
	if (!c->set)
		return 1;
	int d = strcmp(pos, c->limit);
	return d < 0 || (d == 0 && c->inclusive);
}

/* Take out of the nested list `name` of a listed record the elements dated
 * after the cut-off (by their "meeting" or "date", or their "since" point), as
 * if they had never been written; an empty list is left out. */
int cxo__row_cut_nested(cxo_db *db, cxo_row *row, const char *name, const cxo__cutoff *cut);

/* "Now" within a cut-off: the timeline index of the latest meeting at which
 * anything was observed (-1 if none). Later meetings are planned: they take
 * part in no gap, age or count. */
int cxo__timeline_now(cxo_db *db, const cxo__timeline *t, const cxo__cutoff *cut, long *now);

/* Tracked meeting kinds as a bit set over cxo__meeting_kinds. */
extern const char *const cxo__meeting_kinds[];
int cxo__kinds_parse(const char *kinds, unsigned *mask);
int cxo__kind_index(const char *kind);

/* ---- lifecycles (lifecycle.c) ---- */

typedef struct cxo__status {
	int64_t id;
	const char *slug, *title;
	int64_t rank; /* 0: none */
	int terminal;
} cxo__status;

enum cxo__enforce { CXO__ENFORCE_OFF, CXO__ENFORCE_WARN, CXO__ENFORCE_STRICT };

typedef struct cxo__lifecycle {
	int64_t id;
	const char *slug;
	int enforce;
	size_t nstatus;
	cxo__status *status;     /* in stored order */
	unsigned char *allowed;  /* nstatus x nstatus, [from * nstatus + to] */
	int has_transitions;     /* a lifecycle without transitions allows every move */
} cxo__lifecycle;

/* The lifecycle with this slug or row id (cached); CXO_ENOTFOUND if none. */
int cxo__lifecycle_get(cxo_db *db, const char *slug, const cxo__lifecycle **out);
int cxo__lifecycle_by_id(cxo_db *db, int64_t id, const cxo__lifecycle **out);
/* Index of a status in lc->status by row id or slug; -1 if none. */
long cxo__status_index(const cxo__lifecycle *lc, int64_t id);
long cxo__status_find(const cxo__lifecycle *lc, const char *slug);
/* Whether moving from status index `from` (-1: no earlier observation) to `to`
 * is allowed. */
int cxo__transition_allowed(const cxo__lifecycle *lc, long from, long to);

/* ---- items (registry.c) ---- */

/* An item's status as of a cut-off, from its loaded record: the latest status
 * dated within it (NULL if none); *exists = 0 if its first status is later. */
const char *cxo__item_status_at(const cxo_row *item, const cxo__cutoff *cut, int *exists);

/* ---- topics (topic.c) ---- */

/* Row id of a topic; 0 if none. */
int cxo__topic_id(cxo_db *db, const char *slug, int64_t *id);
/* The row ids of the topics some conclusion cites, and of those that have
 * links, in order (free *ids): a report on many topics asks for the
 * conclusions, actions and links of those alone. */
int cxo__topics_cited(cxo_db *db, int64_t **ids, size_t *n);
int cxo__topics_linked(cxo_db *db, int64_t **ids, size_t *n);
/* The title of a topic, into `out` (replacing what it held), without reading
 * the rest of its record; CXO_ENOTFOUND if there is no such topic. */
int cxo__topic_title(cxo_db *db, const char *slug, cxo__buf *out);

/* ---- relations and lineage (relation.c) ---- */

typedef struct cxo__lineage_topic {
	int64_t id;
	int generation; /* 0 the topic itself, 1 its direct predecessors... */
	long parent;    /* index of the topic it is a predecessor of; -1 for the topic itself */
} cxo__lineage_topic;

typedef struct cxo__lineage {
	size_t n;
	cxo__lineage_topic *t; /* [0] is the topic itself */
} cxo__lineage;

/* A topic and its predecessors (through renamed-from, merged-from, split-from
 * and supersedes relations holding at the cut-off, transitively). Free `t`
 * with cxo__free. */
int cxo__predecessors(cxo_db *db, int64_t topic, const cxo__cutoff *cut, cxo__lineage *out);
/* Whether a record holding from its `since` point (queried by `def`: one row
 * id parameter, returning since_meeting and since_date) holds at the cut-off. */
int cxo__since_admitted(cxo_db *db, const cxo__sql *def, int64_t rowid, const cxo__cutoff *cut, int *admitted);

/* ---- observations (observation.c) ---- */

/* One stored observation, as the history reads it. Strings are valid until the
 * next call on the reader. */
typedef struct cxo__obs {
	int64_t id, topic, meeting, status;
	const char *topic_slug, *date, *pos, *qualifier, *priority, *note;
	int uncertain;
	int has_sources; /* whether any source rows exist for it (most have none); -1: not read */
} cxo__obs;

/* Observations of one topic (topic != 0) or of every topic (topic == 0), in one
 * lifecycle, ordered by topic slug then time. */
typedef struct cxo__obs_reader cxo__obs_reader;
int cxo__obs_reader_open(cxo__obs_reader **out, cxo_db *db, int64_t topic, int64_t lifecycle);
/* CXO_OK with *obs set, CXO_DONE, or an error. */
int cxo__obs_reader_next(cxo__obs_reader *r, cxo__obs *obs);
void cxo__obs_reader_free(cxo__obs_reader *r);
/* The ids of the topics observed at a meeting in a lifecycle, by id, added
 * to the list `out` (texts): what a report on the meeting goes through,
 * without reading each observation's record. */
int cxo__topics_at(cxo_db *db, int64_t meeting, int64_t lifecycle, cxo_row *out);
/* The row ids of the observations that have sources, in order (the reader of
 * every topic's leaves has_sources to be found there). Free *ids. */
int cxo__obs_with_sources(cxo_db *db, int64_t **ids, size_t *n);

/* The sort key (pos) of a point in time given as a meeting id or a date, for
 * follow-ups, `since` and `due` points: *found = 0 for an unknown meeting or a
 * bad date; *meeting receives the meeting's row id (0 for a date). */
int cxo__point_pos(cxo_db *db, const char *point, char pos[CXO__POS_MAX], int64_t *meeting, int *found);
/* The pos of a stored point: a meeting's row id (when not 0) or a date. */
int cxo__stored_pos(cxo_db *db, int64_t meeting, const char *date, char pos[CXO__POS_MAX]);
/* Check a point field (a meeting that exists, or a valid date); `field` names it. */
int cxo__point_check(cxo_db *db, const char *point, cxo__ctx *ctx, const char *field);

/* ---- the full-text index (search.c) ---- */

enum cxo__search_kind { CXO__SEARCH_TOPIC = 1, CXO__SEARCH_CONCLUSION, CXO__SEARCH_OBSERVATION, CXO__SEARCH_ACTION };
/* Index a record's text (replacing what was indexed for it); an empty title
 * and body remove it from the index. */
int cxo__search_put(cxo_db *db, int kind, int64_t rowid, const char *key, const char *title, const char *body);
/* The same for a record just created, which nothing indexed yet. */
int cxo__search_add(cxo_db *db, int kind, int64_t rowid, const char *key, const char *title, const char *body);
int cxo__search_remove(cxo_db *db, int kind, int64_t rowid);

/* ---- cursors (cursor.c) ---- */

typedef struct cxo__cursor_ops {
	/* produce the next row into cur->row (allocated in cur->arena) */
	int (*next)(cxo_cursor *cur);
	void (*destroy)(cxo_cursor *cur);
} cxo__cursor_ops;

struct cxo_cursor {
	const cxo__cursor_ops *ops;
	cxo_db *db;
	cxo__arena arena; /* reset before each row */
	cxo_row *row;     /* the current row */
	int done;
	void *state;
};

/* A cursor on `db` (taking a reference, so that the handle outlives it). */
int cxo__cursor_new(cxo_cursor **out, cxo_db *db, const cxo__cursor_ops *ops, void *state);

/* A cursor over the records a query of row ids selects (text parameters, NULL
 * for null), each read with k->load; `derive` (may be NULL) adds derived
 * fields and returns 1 to skip the row. `arg` is freed with `arg_free`. */
typedef int (*cxo__derive_fn)(cxo_db *db, int64_t rowid, cxo_row *row, void *arg);
int cxo__rowid_cursor(cxo_cursor **out, cxo_db *db, const cxo__kind_ops *k, const cxo__sql *sql,
                      const char *const *binds, size_t nbinds, cxo__derive_fn derive, void *arg,
                      void (*arg_free)(void *));

/* The observations at a meeting, of a topic, in a lifecycle, as referrers
 * (cxo__ref) of those records, in an order safe to delete them in. */
extern const cxo__sql cxo__observations_at_meeting;
extern const cxo__sql cxo__observations_of_topic;
extern const cxo__sql cxo__observations_in_lifecycle;

/* Check the transitions of the observations at a meeting that has just moved
 * in time (warnings in "warn" mode, CXO_ECONSTRAINT in "strict" mode). */
int cxo__observations_recheck(cxo_db *db, int64_t meeting, cxo__ctx *ctx);
/* With ctx->defer_transitions: check every step of the histories the change
 * touched, warning ("warn" mode) or failing with CXO_ECONSTRAINT ("strict"),
 * each message naming the observation stepped into. Frees the list. */
int cxo__transitions_check_touched(cxo_db *db, cxo__ctx *ctx);

/* Count what a query returns (a count(*) query), for one integer parameter
 * `id` if it takes one. */
int cxo__count(cxo_db *db, const cxo__sql *def, int64_t id, int64_t *n);

/* ---- reading columns into rows ---- */

int cxo__row_add_column_text(cxo_row *r, const char *name, sqlite3_stmt *st, int col);
int cxo__row_add_column_int(cxo_row *r, const char *name, sqlite3_stmt *st, int col);

#endif
