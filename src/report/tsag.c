/* tsag: the report to TSAG on a meeting (WTSA Resolution 68, resolves 9): the
 * meeting's conclusions, then every topic it discussed with its progress in
 * its lifecycle and how earlier meetings handled it: its status at each
 * earlier point with the movements and gaps (its predecessors' history
 * stitched in), when and where it was first raised, how many meetings
 * discussed it, what earlier meetings concluded about it, its actions and
 * their state, its links to Resolution 22 items and other registries. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

static int meeting_facts(cxo__report *r, const cxo_row *m)
{
	static const struct { const char *key, *label; } F[] = {
		{ "id", "Id" }, { "kind", "Kind" }, { "series", "Series" }, { "ordinal", "Ordinal" }, { "date", "Date" },
		{ "end_date", "End date" }, { "city", "City" }, { "country", "Country" }, { "host", "Host" },
		{ "participants", "Participants" },
	};
	cxo__rw *w = &r->w;
	cxo__rw_object(w, "meeting", "Meeting");
	for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
		int type = cxo_row_type(m, F[i].key);
		if (type == CXO_TYPE_INT)
			cxo__rw_field(w, F[i].key, F[i].label, cxo__v_int(cxo_row_int(m, F[i].key)));
		else if (type == CXO_TYPE_TEXT)
			cxo__rw_field(w, F[i].key, F[i].label, cxo__v_text(cxo_row_text(m, F[i].key)));
	}
	if (cxo_row_int(m, "uncertain"))
		cxo__rw_field(w, "uncertain", "Uncertain", cxo__v_bool(1));
	cxo__buf s = CXO__BUF_INIT;
	int rc = cxo__report_sources(m, &s);
	if (!rc && s.len)
		cxo__rw_field(w, "sources", "Sources", cxo__v_text(cxo__buf_cstr(&s)));
	cxo__buf_fini(&s);
	if (rc)
		return rc;
	return cxo__rw_object_end(w);
}

static const cxo__col CONCLUSION_COLS[] = {
	{ "id", "Conclusion" }, { "number", "No." }, { "kind", "Kind" }, { "text", "Text" }, { "topics", "Topics" },
};

static int conclusions(cxo__report *r)
{
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = r->o->meeting;
	q.as_of = r->as_of;
	cxo_cursor *cur;
	int rc = cxo__conclusion_ops.list(&cur, r->db, &q);
	if (rc)
		return rc;
	cxo__rw_list(&r->w, "conclusions", "Conclusions", CONCLUSION_COLS, 5);
	const cxo_row *c;
	while ((rc = cxo_cursor_next(&c, cur)) == CXO_OK) {
		cxo__val v[5] = { cxo__v_text(cxo_row_text(c, "id")), cxo__v_text(cxo_row_text(c, "number")),
			              cxo__v_text(cxo_row_text(c, "kind")), cxo__v_text(cxo_row_text(c, "text")),
			              cxo__v_texts(cxo_row_child(c, "topics")) };
		if ((rc = cxo__rw_row(&r->w, v)))
			break;
	}
	cxo_cursor_free(cur);
	if (rc != CXO_DONE)
		return rc;
	return cxo__rw_list_end(&r->w);
}

/* The topics M discussed, by id: the observations at M in the lifecycle (a
 * list of texts in the report's arena); none if M is after the as-of point. */
static int topics_at(cxo__report *r, const cxo_row **out)
{
	cxo_row *list = cxo__row_new_in(&r->arena, 1);
	*out = list;
	if (!list)
		return CXO_ENOMEM;
	long at = cxo__timeline_find(r->t, r->o->meeting);
	if (at < 0 || !cxo__cutoff_admits(&r->cut, r->t->m[at].pos))
		return CXO_OK;
	return cxo__topics_at(r->db, r->t->m[at].id, r->lc->id, list);
}

static const cxo__col HISTORY_COLS[] = {
	{ "point", "Point" }, { "date", "Date" }, { "topic", "Topic" }, { "status", "Status" },
	{ "movement", "Movement" }, { "gaps", "Not discussed at" }, { "qualifier", "Qualifier" }, { "note", "Note" },
	{ "sources", "Sources" },
};

static int history_table(cxo__report *r, const cxo_row *rows)
{
	cxo__rw_list(&r->w, "history", "History", HISTORY_COLS, 9);
	for (size_t i = 0; i < rows->n; i++) {
		const cxo_row *h = rows->f[i].v.row;
		cxo__buf s = CXO__BUF_INIT;
		if (cxo__report_sources(h, &s)) {
			cxo__buf_fini(&s);
			return CXO_ENOMEM;
		}
		cxo__val v[9] = { cxo__v_text(cxo_row_text(h, "point")),     cxo__v_text(cxo_row_text(h, "date")),
			              cxo__v_text(cxo_row_text(h, "topic")),     cxo__v_text(cxo_row_text(h, "status")),
			              cxo__v_text(cxo_row_text(h, "movement")),  cxo__v_texts(cxo_row_child(h, "gaps")),
			              cxo__v_text(cxo_row_text(h, "qualifier")), cxo__v_text(cxo_row_text(h, "note")),
			              cxo__v_text(s.len ? cxo__buf_cstr(&s) : NULL) };
		int rc = cxo__rw_row(&r->w, v);
		cxo__buf_fini(&s);
		if (rc)
			return rc;
	}
	return cxo__rw_list_end(&r->w);
}

/* The topics of a history (the topic and the predecessors that appear), in a
 * new array freed with cxo__free. */
static int lineage_of(const cxo_row *rows, const char ***out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < rows->n; i++) {
		const char *t = cxo_row_text(rows->f[i].v.row, "topic");
		int seen = 0;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = strcmp((*out)[k], t) == 0;
		if (seen)
			continue;
		const char **grown = cxo__grow(*out, &cap, *n + 1, sizeof **out);
		if (!grown)
			return CXO_ENOMEM;
		*out = grown;
		(*out)[(*n)++] = t;
	}
	return CXO_OK;
}

/* The topics that some conclusion cites and those that have links, read
 * once: most topics have neither, and a query per topic to find nothing was
 * most of the report's time. */
typedef struct refs {
	int64_t *cited, *linked; /* topic row ids, in order */
	size_t ncited, nlinked;
} refs;

/* Whether the topic `slug` is among `ids`. */
static int among(cxo__report *r, const int64_t *ids, size_t n, const char *slug, int *rc)
{
	int64_t id = 0;
	if ((*rc = cxo__topic_id(r->db, slug, &id)))
		return 0;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id;
}

static const cxo__col EARLIER_COLS[] = {
	{ "id", "Conclusion" }, { "meeting", "Meeting" }, { "date", "Date" }, { "kind", "Kind" }, { "text", "Text" },
};

/* Conclusions of earlier meetings about the topic or its predecessors. */
static int earlier_conclusions(cxo__report *r, const refs *x, const char *const *topics, size_t n, long at)
{
	cxo__rw_list(&r->w, "earlier_conclusions", "What earlier meetings concluded", EARLIER_COLS, 5);
	/* each conclusion once, though it may cite several of the topics */
	char **seen = NULL;
	size_t nseen = 0, cap = 0;
	int rc = CXO_OK;
	for (size_t t = 0; t < n && !rc; t++) {
		if (!among(r, x->cited, x->ncited, topics[t], &rc))
			continue;
		cxo_query q = CXO_QUERY_INIT;
		q.topic = topics[t];
		q.as_of = r->as_of;
		cxo_cursor *cur;
		if ((rc = cxo__conclusion_ops.list(&cur, r->db, &q)))
			break;
		const cxo_row *c;
		while ((rc = cxo_cursor_next(&c, cur)) == CXO_OK) {
			if (cxo__timeline_find(r->t, cxo_row_text(c, "meeting")) >= at)
				continue;
			int dup = 0;
			for (size_t k = 0; k < nseen && !dup; k++)
				dup = strcmp(seen[k], cxo_row_text(c, "id")) == 0;
			if (dup)
				continue;
			char **grown = cxo__grow(seen, &cap, nseen + 1, sizeof *seen);
			if (!grown || !(grown[nseen] = cxo__arena_strdup(&r->arena, cxo_row_text(c, "id")))) {
				seen = grown ? grown : seen;
				rc = CXO_ENOMEM;
				break;
			}
			seen = grown;
			nseen++;
			cxo__val v[5] = { cxo__v_text(cxo_row_text(c, "id")), cxo__v_text(cxo_row_text(c, "meeting")),
				              cxo__v_text(cxo_row_text(c, "date")), cxo__v_text(cxo_row_text(c, "kind")),
				              cxo__v_text(cxo_row_text(c, "text")) };
			if ((rc = cxo__rw_row(&r->w, v)))
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	cxo__free(seen);
	return rc ? rc : cxo__rw_list_end(&r->w);
}

static const cxo__col ACTION_COLS[] = {
	{ "id", "Action" }, { "conclusion", "Conclusion" }, { "owner", "Owner" }, { "description", "Description" },
	{ "due", "Due" }, { "status", "Status" }, { "age", "Age (meetings)" }, { "overdue", "Overdue" },
};

/* The actions of conclusions about the topic or its predecessors, as of M. */
static int actions(cxo__report *r, const refs *x, const char *const *topics, size_t n)
{
	cxo__rw_list(&r->w, "actions", "Actions", ACTION_COLS, 8);
	char **seen = NULL;
	size_t nseen = 0, cap = 0;
	int rc = CXO_OK;
	for (size_t t = 0; t < n && !rc; t++) {
		if (!among(r, x->cited, x->ncited, topics[t], &rc))
			continue;
		cxo_query q = CXO_QUERY_INIT;
		q.topic = topics[t];
		q.as_of = r->as_of;
		q.kinds = r->o->kinds;
		cxo_cursor *cur;
		if ((rc = cxo__action_ops.list(&cur, r->db, &q)))
			break;
		const cxo_row *a;
		while ((rc = cxo_cursor_next(&a, cur)) == CXO_OK) {
			int dup = 0;
			for (size_t k = 0; k < nseen && !dup; k++)
				dup = strcmp(seen[k], cxo_row_text(a, "id")) == 0;
			if (dup)
				continue;
			char **grown = cxo__grow(seen, &cap, nseen + 1, sizeof *seen);
			if (!grown || !(grown[nseen] = cxo__arena_strdup(&r->arena, cxo_row_text(a, "id")))) {
				seen = grown ? grown : seen;
				rc = CXO_ENOMEM;
				break;
			}
			seen = grown;
			nseen++;
			const char *due = cxo_row_text(a, "due_meeting");
			cxo__val v[8] = { cxo__v_text(cxo_row_text(a, "id")),          cxo__v_text(cxo_row_text(a, "conclusion")),
				              cxo__v_text(cxo_row_text(a, "owner")),       cxo__v_text(cxo_row_text(a, "description")),
				              cxo__v_text(due ? due : cxo_row_text(a, "due_date")),
				              cxo__v_text(cxo_row_text(a, "status")),      cxo__v_int(cxo_row_int(a, "age")),
				              cxo__v_bool((int)cxo_row_int(a, "overdue")) };
			if ((rc = cxo__rw_row(&r->w, v)))
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	cxo__free(seen);
	return rc ? rc : cxo__rw_list_end(&r->w);
}

static const cxo__col LINK_COLS[] = {
	{ "registry", "Registry" }, { "item", "Item" }, { "title", "Title" }, { "relation", "Relation" },
	{ "since", "Since" }, { "item_status", "Item status" }, { "topic", "Topic" },
};

/* The links of the topic and its predecessors to registry items, as of M. */
static int links(cxo__report *r, const refs *x, const char *const *topics, size_t n)
{
	cxo__rw_list(&r->w, "links", "Links to Resolution 22 items and other registries", LINK_COLS, 7);
	int rc = CXO_OK;
	for (size_t t = 0; t < n && !rc; t++) {
		if (!among(r, x->linked, x->nlinked, topics[t], &rc))
			continue;
		cxo_query q = CXO_QUERY_INIT;
		q.topic = topics[t];
		q.as_of = r->as_of;
		cxo_cursor *cur;
		if ((rc = cxo__link_ops.list(&cur, r->db, &q)))
			break;
		const cxo_row *l;
		while ((rc = cxo_cursor_next(&l, cur)) == CXO_OK) {
			const char *key[2] = { cxo_row_text(l, "registry"), cxo_row_text(l, "item") };
			cxo__arena a;
			cxo__arena_init(&a);
			cxo_row *item = cxo__row_new_in(&a, 0);
			int exists = 0;
			const char *status = NULL;
			rc = item ? cxo__report_record(r, CXO_KIND_ITEM, key, item) : CXO_ENOMEM;
			if (!rc)
				status = cxo__item_status_at(item, &r->cut, &exists);
			cxo__val v[7] = { cxo__v_text(key[0]),
				              cxo__v_text(key[1]),
				              cxo__v_text(cxo_row_text(l, "title")),
				              cxo__v_text(cxo_row_text(l, "relation")),
				              cxo__v_text(cxo_row_text(l, "since")),
				              cxo__v_text(status),
				              cxo__v_text(cxo_row_text(l, "topic")) };
			if (!rc)
				rc = cxo__rw_row(&r->w, v);
			cxo__arena_fini(&a);
			if (rc)
				break;
		}
		cxo_cursor_free(cur);
		if (rc == CXO_DONE)
			rc = CXO_OK;
	}
	return rc ? rc : cxo__rw_list_end(&r->w);
}

/* One topic the meeting discussed. */
static int topic_section(cxo__report *r, const refs *x, const char *id, long at)
{
	int64_t topic;
	int rc = cxo__topic_id(r->db, id, &topic);
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *rec = cxo__row_new_in(&a, 0);
	/* its own fields (title, aliases), not its relations and links */
	if (!rc)
		rc = rec ? cxo__topic_ops.load(r->db, topic, rec) : CXO_ENOMEM;
	cxo__history *h = NULL;
	const cxo_row *rows = NULL;
	if (!rc)
		rc = cxo__report_history(r, topic, NULL, 1, &h);
	if (!rc)
		rc = cxo__history_next_topic(h, &rows);
	if (rc == CXO_DONE)
		rc = cxo__err(CXO_ESTORAGE, "topic \"%s\" has no history at the meeting that discussed it", id);
	if (rc) {
		cxo__history_free(h);
		cxo__arena_fini(&a);
		return rc;
	}
	/* what the history says of the topic at M, and of its beginnings */
	const cxo_row *first = rows->n ? rows->f[0].v.row : NULL, *here = NULL;
	const char *first_meeting = NULL;
	int64_t discussed = 0;
	for (size_t i = 0; i < rows->n; i++) {
		const cxo_row *row = rows->f[i].v.row;
		const char *m = cxo_row_text(row, "meeting");
		if (m && !first_meeting)
			first_meeting = m;
		if (!cxo_row_int(row, "inherited") && m)
			discussed++;
		if (!cxo_row_int(row, "inherited") && m && strcmp(m, r->o->meeting) == 0)
			here = row;
	}
	cxo__buf title = CXO__BUF_INIT;
	if ((rc = cxo__buf_addf(&title, "%s (%s)", cxo_row_text(rec, "title"), id))) {
		cxo__history_free(h);
		cxo__arena_fini(&a);
		return rc;
	}
	cxo__rw *w = &r->w;
	cxo__rw_object(w, NULL, cxo__buf_cstr(&title));
	cxo__rw_field(w, "id", "Topic", cxo__v_text(id));
	cxo__rw_field(w, "title", "Title", cxo__v_text(cxo_row_text(rec, "title")));
	if (cxo_row_child(rec, "aliases"))
		cxo__rw_field(w, "aliases", "Also called", cxo__v_texts(cxo_row_child(rec, "aliases")));
	cxo__rw_field(w, "status", "Status at this meeting", cxo__v_text(here ? cxo_row_text(here, "status") : NULL));
	cxo__rw_field(w, "movement", "Movement", cxo__v_text(here ? cxo_row_text(here, "movement") : NULL));
	cxo__rw_field(w, "first_raised", "First raised",
	              cxo__v_text(first ? cxo_row_text(first, "point") : NULL));
	cxo__rw_field(w, "first_raised_date", "First raised on", cxo__v_text(first ? cxo_row_text(first, "date") : NULL));
	cxo__rw_field(w, "first_meeting", "First meeting to discuss it", cxo__v_text(first_meeting));
	cxo__rw_field(w, "meetings_discussed", "Meetings that discussed it", cxo__v_int(discussed));
	const char **topics;
	size_t ntopics;
	rc = lineage_of(rows, &topics, &ntopics);
	if (!rc)
		rc = history_table(r, rows);
	if (!rc)
		rc = earlier_conclusions(r, x, topics, ntopics, at);
	if (!rc)
		rc = actions(r, x, topics, ntopics);
	if (!rc)
		rc = links(r, x, topics, ntopics);
	if (!rc)
		rc = cxo__rw_object_end(w);
	cxo__free(topics);
	cxo__buf_fini(&title);
	cxo__history_free(h);
	cxo__arena_fini(&a);
	return rc;
}

/* The lanes of the timeline: each topic discussed, with its lineage. */
static int timeline(cxo__report *r)
{
	if (!cxo__rw_draws_timeline(&r->w))
		return CXO_OK;
	const cxo_row *at;
	int rc = topics_at(r, &at);
	if (rc)
		return rc;
	if (!(rc = cxo__report_timeline_begin(r))) {
		for (size_t i = 0; i < at->n && !rc; i++) {
			const char *id = at->f[i].v.s;
			int64_t topic;
			cxo__history *h = NULL;
			const cxo_row *rows;
			if (!(rc = cxo__topic_id(r->db, id, &topic)) && !(rc = cxo__report_history(r, topic, NULL, 1, &h)) &&
			    !(rc = cxo__history_next_topic(h, &rows)))
				rc = cxo__report_lane(r, id, rows);
			cxo__history_free(h);
		}
		if (!rc)
			rc = cxo__rw_timeline_end(&r->w);
	}
	return rc;
}

int cxo__report_tsag(cxo__report *r)
{
	if (!r->o->meeting)
		return cxo__err(CXO_EINVAL, "report tsag: the meeting reported on is required");
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *m = cxo__row_new_in(&a, 0);
	const char *key[1] = { r->o->meeting };
	int rc = m ? cxo__report_record(r, CXO_KIND_MEETING, key, m) : CXO_ENOMEM;
	cxo__buf title = CXO__BUF_INIT;
	if (!rc) {
		cxo__buf_adds(&title, "Report to TSAG: ");
		cxo__report_meeting_title(m, &title);
		rc = cxo__buf_status(&title);
	}
	long at = cxo__timeline_find(r->t, r->o->meeting);
	const cxo_row *topics = NULL;
	if (!rc)
		rc = cxo__report_begin(r, "tsag", title.data);
	if (!rc) {
		cxo__rw_field(&r->w, "lifecycle", "Lifecycle", cxo__v_text(r->lc->slug));
		rc = meeting_facts(r, m);
	}
	if (!rc)
		rc = conclusions(r);
	if (!rc)
		rc = timeline(r);
	if (!rc)
		rc = topics_at(r, &topics);
	refs x = { NULL, NULL, 0, 0 };
	if (!rc)
		rc = cxo__topics_cited(r->db, &x.cited, &x.ncited);
	if (!rc)
		rc = cxo__topics_linked(r->db, &x.linked, &x.nlinked);
	if (!rc) {
		cxo__rw_list(&r->w, "topics", "Topics discussed", NULL, 0);
		for (size_t i = 0; i < topics->n && !rc; i++)
			rc = topic_section(r, &x, topics->f[i].v.s, at);
		if (!rc)
			rc = cxo__rw_list_end(&r->w);
	}
	if (!rc)
		rc = cxo__rw_end(&r->w);
	cxo__free(x.cited);
	cxo__free(x.linked);
	cxo__buf_fini(&title);
	cxo__arena_fini(&a);
	return rc;
}
