/* Canonical export of the interchange format: fixed key order, two spaces of
 * indent, arrays in the order docs/interchange.md gives, a final newline. The
 * whole database is written one record at a time, straight to the sink; a part
 * (a meeting, a topic's lineage) is gathered first, being small. */
#include "interchange.h"
#include "../model/model.h"
#include "../util/alloc.h"
#include "../util/sort.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

/* The top-level arrays, in the order they are written. */
static const cxo__kind_ops *const KINDS[] = {
	&cxo__lifecycle_ops, &cxo__registry_ops, &cxo__item_ops, &cxo__organization_ops,
	&cxo__meeting_ops, &cxo__topic_ops, &cxo__observation_ops, &cxo__conclusion_ops,
};
enum { LIFECYCLES, REGISTRIES, ITEMS, ORGANIZATIONS, MEETINGS, TOPICS, OBSERVATIONS, CONCLUSIONS, NKINDS };

enum { FLUSH_AT = 64 * 1024 };

typedef struct out {
	cxo_write_fn write;
	void *ctx;
	cxo__buf b;
} out;

static int flush(out *o, int force)
{
	int rc = cxo__buf_status(&o->b);
	if (rc || !o->b.len || (!force && o->b.len < FLUSH_AT))
		return rc;
	/* the library's own buffer says why it refused: memory ran out, or misuse */
	if (o->write(o->ctx, o->b.data, o->b.len))
		return o->write == cxo_buffer_write && cxo_errcode() == CXO_ENOMEM
		           ? cxo__err(CXO_ENOMEM, "out of memory (the export's output buffer could not grow)")
		           : cxo__err(CXO_EIO, "export: the output could not be written (the sink refused it)");
	cxo__buf_reset(&o->b);
	return CXO_OK;
}

/* ",\n  \"meetings\": [" ... "\n  ]" around the records of one kind */
static void open_array(out *o, int k)
{
	cxo__buf_addf(&o->b, ",\n  \"%s\": [", KINDS[k]->plural);
}

static int put_record(out *o, const cxo_row *r, int first)
{
	cxo__buf_adds(&o->b, first ? "\n    " : ",\n    ");
	cxo__row_write_json(&o->b, r, 2);
	return flush(o, 0);
}

static void close_array(out *o, int empty)
{
	cxo__buf_adds(&o->b, empty ? "]" : "\n  ]");
}

static int export_all(cxo_db *db, out *o)
{
	int rc = CXO_OK;
	cxo__arena a;
	cxo__arena_init(&a);
	for (int k = 0; k < NKINDS && !rc; k++) {
		open_array(o, k);
		sqlite3_stmt *st = cxo__stmt_acquire(db, KINDS[k]->all);
		if (!st) {
			rc = cxo_errcode();
			break;
		}
		int src, first = 1;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			cxo__arena_reset(&a);
			cxo_row *r = cxo__row_new_in(&a, 0);
			rc = r ? cxo__record_load(db, KINDS[k], sqlite3_column_int64(st, 0), r) : CXO_ENOMEM;
			if (!rc)
				rc = put_record(o, r, first);
			first = 0;
		}
		if (!rc && src != SQLITE_DONE)
			rc = cxo__sqlerr(db, src, "exporting");
		cxo__stmt_release(db, st);
		close_array(o, first);
	}
	cxo__arena_fini(&a);
	return rc;
}

/* ---- parts ---- */

typedef struct pick {
	char *order; /* canonical position within its kind */
	cxo_row *row;
} pick;

typedef struct part {
	cxo_db *db;
	cxo__arena arena;
	pick *p[NKINDS];
	size_t n[NKINDS], cap[NKINDS];
	const cxo__timeline *t;
} part;

static int has(const part *pt, int k, const char *order)
{
	for (size_t i = 0; i < pt->n[k]; i++)
		if (strcmp(pt->p[k][i].order, order) == 0)
			return 1;
	return 0;
}

/* The canonical position of a record within its kind. */
static int order_of(part *pt, int k, const cxo_row *r, cxo__buf *b)
{
	switch (k) {
	case ITEMS:
		return cxo__buf_addf(b, "%s\x1F%s", cxo_row_text(r, "registry"), cxo_row_text(r, "id"));
	case MEETINGS: {
		long i = cxo__timeline_find(pt->t, cxo_row_text(r, "id"));
		return cxo__buf_adds(b, i >= 0 ? pt->t->m[i].pos : "");
	}
	case OBSERVATIONS: {
		const char *m = cxo_row_text(r, "meeting");
		char pos[CXO__POS_MAX];
		int64_t mid;
		int found, rc = cxo__point_pos(pt->db, m ? m : cxo_row_text(r, "date"), pos, &mid, &found);
		if (rc)
			return rc;
		return cxo__buf_addf(b, "%s\x1F%s\x1F%s", cxo_row_text(r, "topic"), cxo_row_text(r, "lifecycle"), pos);
	}
	default:
		return cxo__buf_adds(b, cxo_row_text(r, "id"));
	}
}

/* A record a part refers to but does not cover: without its lists, which an
 * import in merge mode then leaves as they are. */
static cxo_row *stub(part *pt, const cxo_row *full)
{
	cxo_row *s = cxo__row_new_in(&pt->arena, 0);
	for (size_t i = 0; s && i < full->n; i++)
		if (full->f[i].type != CXO_TYPE_LIST && cxo__row_add_copy(s, full->f[i].name, &full->f[i]))
			return NULL;
	return s;
}

static int add_row(part *pt, int k, const cxo_row *r, int as_stub)
{
	cxo__buf b = CXO__BUF_INIT;
	int rc = order_of(pt, k, r, &b);
	if (!rc)
		rc = cxo__buf_status(&b);
	if (!rc && !has(pt, k, b.data)) {
		pick *grown = cxo__grow(pt->p[k], &pt->cap[k], pt->n[k] + 1, sizeof *pt->p[k]);
		char *order = grown ? cxo__arena_strdup(&pt->arena, b.data) : NULL;
		cxo_row *row = order ? (as_stub ? stub(pt, r) : cxo__row_new_in(&pt->arena, 0)) : NULL;
		if (row && !as_stub) {
			for (size_t i = 0; i < r->n && !rc; i++)
				rc = cxo__row_add_copy(row, r->f[i].name, &r->f[i]);
		}
		if (grown)
			pt->p[k] = grown;
		if (!row) {
			rc = CXO_ENOMEM;
		} else if (!rc) {
			pt->p[k][pt->n[k]].order = order;
			pt->p[k][pt->n[k]++].row = row;
		}
	}
	cxo__buf_fini(&b);
	return rc;
}

/* A stored record by its key, whole or as a stub. */
static int add_key(part *pt, int k, const char *const *key, int as_stub)
{
	int64_t rowid;
	int rc = KINDS[k]->find(pt->db, key, &rowid);
	if (rc || !rowid)
		return rc;
	cxo__arena tmp;
	cxo__arena_init(&tmp);
	cxo_row *r = cxo__row_new_in(&tmp, 0);
	rc = r ? cxo__record_load(pt->db, KINDS[k], rowid, r) : CXO_ENOMEM;
	if (!rc)
		rc = add_row(pt, k, r, as_stub);
	cxo__arena_fini(&tmp);
	return rc;
}

static int add_id(part *pt, int k, const char *id, int as_stub)
{
	const char *key[1] = { id };
	return id ? add_key(pt, k, key, as_stub) : CXO_OK;
}

/* Whether the part holds a record of kind `k` with id `id` in full. */
static int covers(const part *pt, int k, const char *id)
{
	for (size_t i = 0; i < pt->n[k]; i++)
		if (strcmp(cxo_row_text(pt->p[k][i].row, "id"), id) == 0)
			return 1;
	return 0;
}

/* Every record a query lists, in full. */
static int add_list(part *pt, int k, const cxo_query *q)
{
	cxo_cursor *cur;
	int rc = KINDS[k]->list(&cur, pt->db, q);
	if (rc)
		return rc;
	const cxo_row *r;
	while ((rc = cxo_cursor_next(&r, cur)) == CXO_OK) {
		/* the list's derived fields are not part of the record */
		cxo__arena tmp;
		cxo__arena_init(&tmp);
		cxo_row *rec = cxo__row_new_in(&tmp, 0);
		for (const cxo__spec *s = KINDS[k]->spec; rec && s->name && !rc; s++) {
			const cxo__field *f = cxo__row_get(r, s->name);
			if (f)
				rc = cxo__row_add_copy(rec, s->name, f);
		}
		if (!rc)
			rc = rec ? add_row(pt, k, rec, 0) : CXO_ENOMEM;
		cxo__arena_fini(&tmp);
		if (rc)
			break;
	}
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? CXO_OK : rc;
}

/* What the observations and conclusions of a part refer to. */
static int add_references(part *pt)
{
	int rc = CXO_OK;
	for (size_t i = 0; i < pt->n[OBSERVATIONS] && !rc; i++) {
		const cxo_row *o = pt->p[OBSERVATIONS][i].row;
		if (!covers(pt, TOPICS, cxo_row_text(o, "topic")))
			rc = add_id(pt, TOPICS, cxo_row_text(o, "topic"), 1);
		if (!rc)
			rc = add_id(pt, LIFECYCLES, cxo_row_text(o, "lifecycle"), 0);
		if (!rc && !covers(pt, MEETINGS, cxo_row_text(o, "meeting") ? cxo_row_text(o, "meeting") : ""))
			rc = add_id(pt, MEETINGS, cxo_row_text(o, "meeting"), 1);
	}
	for (size_t i = 0; i < pt->n[CONCLUSIONS] && !rc; i++) {
		const cxo_row *c = pt->p[CONCLUSIONS][i].row;
		if (!covers(pt, MEETINGS, cxo_row_text(c, "meeting")))
			rc = add_id(pt, MEETINGS, cxo_row_text(c, "meeting"), 1);
		const cxo_row *topics = cxo_row_child(c, "topics");
		for (size_t j = 0; !rc && j < cxo_row_size(topics); j++)
			if (!covers(pt, TOPICS, cxo_row_text_at(topics, j)))
				rc = add_id(pt, TOPICS, cxo_row_text_at(topics, j), 1);
		const cxo_row *actions = cxo_row_child(c, "actions");
		for (size_t j = 0; !rc && j < cxo_row_size(actions); j++) {
			const cxo_row *a = cxo_row_child_at(actions, j);
			const char *due = cxo_row_text(a, "due_meeting");
			if (due && !covers(pt, MEETINGS, due))
				rc = add_id(pt, MEETINGS, due, 1);
			const cxo_row *fus = cxo_row_child(a, "followups");
			for (size_t f = 0; !rc && f < cxo_row_size(fus); f++) {
				const char *m = cxo_row_text(cxo_row_child_at(fus, f), "meeting");
				if (m && !covers(pt, MEETINGS, m))
					rc = add_id(pt, MEETINGS, m, 1);
			}
		}
	}
	/* topics covered in full bring what their relations and links name */
	for (size_t i = 0; i < pt->n[TOPICS] && !rc; i++) {
		const cxo_row *t = pt->p[TOPICS][i].row;
		const cxo_row *rels = cxo_row_child(t, "relations"), *links = cxo_row_child(t, "links");
		for (size_t j = 0; !rc && j < cxo_row_size(rels); j++) {
			const cxo_row *r = cxo_row_child_at(rels, j);
			if (!covers(pt, TOPICS, cxo_row_text(r, "topic")))
				rc = add_id(pt, TOPICS, cxo_row_text(r, "topic"), 1);
			const char *since = cxo_row_text(r, "since");
			if (!rc && since && !cxo__point_is_date(since) && !covers(pt, MEETINGS, since))
				rc = add_id(pt, MEETINGS, since, 1);
		}
		for (size_t j = 0; !rc && j < cxo_row_size(links); j++) {
			const cxo_row *l = cxo_row_child_at(links, j);
			const char *key[2] = { cxo_row_text(l, "registry"), cxo_row_text(l, "item") };
			rc = add_id(pt, REGISTRIES, key[0], 0);
			if (!rc)
				rc = add_key(pt, ITEMS, key, 0);
			const char *since = cxo_row_text(l, "since");
			if (!rc && since && !cxo__point_is_date(since) && !covers(pt, MEETINGS, since))
				rc = add_id(pt, MEETINGS, since, 1);
		}
	}
	/* the organizations a meeting covered in full had at it */
	for (size_t i = 0; i < pt->n[MEETINGS] && !rc; i++) {
		const cxo_row *att = cxo_row_child(pt->p[MEETINGS][i].row, "attendance");
		for (size_t j = 0; !rc && j < cxo_row_size(att); j++)
			rc = add_id(pt, ORGANIZATIONS, cxo_row_text(cxo_row_child_at(att, j), "organization"), 0);
	}
	return rc;
}

static int by_order(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp(((const pick *)a)->order, ((const pick *)b)->order);
}

static int write_part(part *pt, out *o)
{
	int rc = CXO_OK;
	for (int k = 0; k < NKINDS && !rc; k++) {
		if ((rc = cxo__sort(pt->p[k], pt->n[k], sizeof *pt->p[k], by_order, NULL)))
			break;
		open_array(o, k);
		for (size_t i = 0; i < pt->n[k] && !rc; i++)
			rc = put_record(o, pt->p[k][i].row, i == 0);
		close_array(o, pt->n[k] == 0);
	}
	return rc;
}

static int gather_meeting(part *pt, const char *id)
{
	int rc = add_id(pt, MEETINGS, id, 0);
	if (!rc && !pt->n[MEETINGS]) {
		char q[96];
		cxo__quote(q, sizeof q, id);
		return cxo__err(CXO_ENOTFOUND, "export: there is no meeting %s", q);
	}
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = id;
	if (!rc)
		rc = add_list(pt, OBSERVATIONS, &q);
	if (!rc)
		rc = add_list(pt, CONCLUSIONS, &q);
	return rc ? rc : add_references(pt);
}

static const cxo__sql S_TOPIC_SLUG = { "SELECT slug FROM topic WHERE id = ?1" };

static int gather_topic(part *pt, const char *id)
{
	int64_t topic;
	int rc = cxo__topic_id(pt->db, id, &topic);
	if (!rc && !topic) {
		char q[96];
		cxo__quote(q, sizeof q, id);
		return cxo__err(CXO_ENOTFOUND, "export: there is no topic %s", q);
	}
	cxo__cutoff none;
	memset(&none, 0, sizeof none);
	cxo__lineage lin = { 0, NULL };
	if (!rc)
		rc = cxo__predecessors(pt->db, topic, &none, &lin);
	for (size_t i = 0; i < lin.n && !rc; i++) {
		sqlite3_stmt *st;
		if ((rc = cxo__query_row(pt->db, &S_TOPIC_SLUG, lin.t[i].id, "topic", &st)))
			break;
		char *slug = cxo__arena_strdup(&pt->arena, (const char *)sqlite3_column_text(st, 0));
		cxo__stmt_reset(st);
		if (!slug) {
			rc = CXO_ENOMEM;
			break;
		}
		cxo_query q = CXO_QUERY_INIT;
		q.topic = slug;
		rc = add_id(pt, TOPICS, slug, 0);
		if (!rc)
			rc = add_list(pt, OBSERVATIONS, &q);
		if (!rc)
			rc = add_list(pt, CONCLUSIONS, &q);
	}
	cxo__free(lin.t);
	return rc ? rc : add_references(pt);
}

static int export_part(cxo_db *db, const cxo_export_options *opts, out *o)
{
	part pt;
	memset(&pt, 0, sizeof pt);
	pt.db = db;
	cxo__arena_init(&pt.arena);
	int rc = cxo__timeline_get(db, &pt.t);
	cxo__held *hold = rc ? NULL : cxo__cache_hold(db, CXO__CACHE_TIMELINE);
	if (!rc)
		rc = opts->meeting ? gather_meeting(&pt, opts->meeting) : gather_topic(&pt, opts->topic);
	if (!rc)
		rc = write_part(&pt, o);
	cxo__cache_release(hold);
	for (int k = 0; k < NKINDS; k++)
		cxo__free(pt.p[k]);
	cxo__arena_fini(&pt.arena);
	return rc;
}

CXO_API int cxo_export_options_init(cxo_export_options *opts, unsigned int version)
{
	if (!opts)
		return cxo__err(CXO_EMISUSE, "cxo_export_options_init: opts is NULL");
	if (version != CXO_EXPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "cxo_export_options_init: version %u is not supported (this library has %d)",
		                version, CXO_EXPORT_OPTIONS_VERSION);
	cxo_export_options init = CXO_EXPORT_OPTIONS_INIT;
	*opts = init;
	return CXO_OK;
}

CXO_API int cxo_export_json(cxo_db *db, const cxo_export_options *opts, cxo_write_fn write, void *ctx)
{
	static const cxo_export_options defaults = CXO_EXPORT_OPTIONS_INIT;
	int rc = cxo__db_usable(db, "cxo_export_json");
	if (rc)
		return rc;
	if (!write)
		return cxo__err(CXO_EMISUSE, "cxo_export_json: write is NULL");
	if (!opts)
		opts = &defaults;
	if (opts->version != CXO_EXPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "export: cxo_export_options version %u is not supported (this library has %d)",
		                opts->version, CXO_EXPORT_OPTIONS_VERSION);
	if (opts->flags)
		return cxo__err(CXO_EINVAL, "export: unknown flags 0x%X", opts->flags);
	if (opts->meeting && opts->topic)
		return cxo__err(CXO_EINVAL, "export: a meeting or a topic, not both");
	out o = { write, ctx, CXO__BUF_INIT };
	/* one read transaction: the document is one consistent state */
	if ((rc = cxo__db_refresh(db)) || (rc = cxo__read_begin(db)))
		return rc;
	cxo__buf_adds(&o.b, "{\n  \"format\": \"cxotrack\",\n  \"version\": 1");
	rc = opts->meeting || opts->topic ? export_part(db, opts, &o) : export_all(db, &o);
	if (!rc) {
		cxo__buf_adds(&o.b, "\n}\n");
		rc = flush(&o, 1);
	}
	cxo__buf_fini(&o.b);
	return cxo__read_end(db, rc);
}
