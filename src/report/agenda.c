/* agenda: a planned agenda checked against the record and TSAG's Resolution 22
 * work (Resolution 68, resolves 7), in three parts: each planned topic with
 * its status, the meetings since it last advanced and its registry links (a
 * topic unknown to the database is new); the stalled topics the agenda leaves
 * out; the Resolution 22 items no topic links to. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

static const cxo__col PLANNED_COLS[] = {
	{ "topic", "Topic" }, { "title", "Title" }, { "known", "Known" }, { "status", "Status" },
	{ "since_advance", "Meetings since it advanced" }, { "stalled", "Stalled" }, { "links", "Registry links" },
};
static const cxo__col STALLED_COLS[] = {
	{ "topic", "Topic" }, { "title", "Title" }, { "status", "Status" },
	{ "since_advance", "Meetings since it advanced" },
};
static const cxo__col ITEM_COLS[] = { { "registry", "Registry" }, { "item", "Item" }, { "title", "Title" },
	                                  { "status", "Status" } };

/* The planned topics: the meeting's agenda, or the comma-separated list. */
static int planned(cxo__report *r, cxo_row *out)
{
	if (r->o->topics) {
		const char *p = r->o->topics;
		for (;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char id[CXO__SLUG_MAX + 2];
			if (len == 0 || len > CXO__SLUG_MAX)
				return cxo__err(CXO_EINVAL, "report agenda: topics: \"%.*s\" is not a topic id", (int)(len > 60 ? 60 : len), p);
			memcpy(id, p, len);
			id[len] = '\0';
			if (cxo__slug_check(id))
				return cxo__err_prefix("report agenda: topics: ");
			int rc = cxo__row_add_text(out, NULL, id);
			if (rc)
				return rc;
			if (!comma)
				return CXO_OK;
			p = comma + 1;
		}
	}
	if (!r->o->meeting)
		return cxo__err(CXO_EINVAL, "report agenda: a meeting (whose agenda is checked) or a list of topics is required");
	cxo_row *m = cxo__row_new_in(out->arena, 0);
	const char *key[1] = { r->o->meeting };
	int rc = m ? cxo__report_record(r, CXO_KIND_MEETING, key, m) : CXO_ENOMEM;
	const cxo_row *agenda = cxo_row_child(m, "agenda");
	for (size_t i = 0; !rc && i < cxo_row_size(agenda); i++)
		rc = cxo__row_add_text(out, NULL, cxo_row_text_at(agenda, i));
	return rc;
}

static int on_agenda(const cxo_row *topics, const char *id)
{
	for (size_t i = 0; i < cxo_row_size(topics); i++)
		if (strcmp(cxo_row_text_at(topics, i), id) == 0)
			return 1;
	return 0;
}

/* "res22:tsag-fg-dlt (maps-to)" for each of a topic's links as of the point */
static int links_of(cxo__report *r, const char *id, cxo_row *out)
{
	cxo_query q = CXO_QUERY_INIT;
	q.topic = id;
	q.as_of = r->as_of;
	cxo_cursor *cur;
	int rc = cxo__link_ops.list(&cur, r->db, &q);
	const cxo_row *l;
	while (!rc && (rc = cxo_cursor_next(&l, cur)) == CXO_OK) {
		char s[512];
		snprintf(s, sizeof s, "%s:%s (%s)", cxo_row_text(l, "registry"), cxo_row_text(l, "item"),
		         cxo_row_text(l, "relation"));
		rc = cxo__row_add_text(out, NULL, s);
	}
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? CXO_OK : rc;
}

static int part_planned(cxo__report *r, const cxo_row *topics)
{
	cxo__rw_list(&r->w, "planned", "The planned topics", PLANNED_COLS, 7);
	int rc = CXO_OK;
	for (size_t i = 0; i < cxo_row_size(topics) && !rc; i++) {
		const char *id = cxo_row_text_at(topics, i);
		int64_t topic;
		if ((rc = cxo__topic_id(r->db, id, &topic)))
			break;
		cxo__arena ar;
		cxo__arena_init(&ar);
		cxo_row *rec = cxo__row_new_in(&ar, 0), *links = cxo__row_new_in(&ar, 1);
		const cxo_row *rows = NULL;
		cxo__history *h = NULL;
		if (!rec || !links)
			rc = CXO_ENOMEM;
		if (!rc && topic) {
			const char *key[1] = { id };
			rc = cxo__report_record(r, CXO_KIND_TOPIC, key, rec);
			if (!rc)
				rc = cxo__report_history(r, topic, NULL, 1, &h);
			if (!rc && (rc = cxo__history_next_topic(h, &rows)) == CXO_DONE) {
				rows = NULL;
				rc = CXO_OK;
			}
			if (!rc)
				rc = links_of(r, id, links);
		}
		const cxo_row *latest = rows && rows->n ? rows->f[rows->n - 1].v.row : NULL;
		cxo__val v[7] = {
			cxo__v_text(id),
			cxo__v_text(topic ? cxo_row_text(rec, "title") : NULL),
			cxo__v_bool(topic != 0),
			cxo__v_text(latest ? cxo_row_text(latest, "status") : topic ? NULL : "new"),
			rows ? cxo__v_int(cxo__report_since_advance(r, rows)) : cxo__v_null(),
			cxo__v_bool(rows && cxo__report_stalled(r, rows)),
			cxo__v_texts(links),
		};
		if (!rc)
			rc = cxo__rw_row(&r->w, v);
		cxo__history_free(h);
		cxo__arena_fini(&ar);
	}
	return rc ? rc : cxo__rw_list_end(&r->w);
}

static int part_stalled(cxo__report *r, const cxo_row *topics)
{
	cxo__history *h;
	int rc = cxo__report_history(r, 0, NULL, 0, &h);
	if (rc)
		return rc;
	cxo__rw_list(&r->w, "stalled", "Stalled topics the agenda leaves out", STALLED_COLS, 4);
	const cxo_row *rows;
	while ((rc = cxo__history_next_topic(h, &rows)) == CXO_OK) {
		const cxo_row *latest = rows->f[rows->n - 1].v.row;
		const char *id = cxo_row_text(latest, "topic");
		if (on_agenda(topics, id) || !cxo__report_stalled(r, rows))
			continue;
		cxo__arena ar;
		cxo__arena_init(&ar);
		cxo_row *rec = cxo__row_new_in(&ar, 0);
		const char *key[1] = { id };
		rc = rec ? cxo__report_record(r, CXO_KIND_TOPIC, key, rec) : CXO_ENOMEM;
		cxo__val v[4] = { cxo__v_text(id), cxo__v_text(cxo_row_text(rec, "title")),
			              cxo__v_text(cxo_row_text(latest, "status")),
			              cxo__v_int(cxo__report_since_advance(r, rows)) };
		if (!rc)
			rc = cxo__rw_row(&r->w, v);
		cxo__arena_fini(&ar);
		if (rc)
			break;
	}
	cxo__history_free(h);
	return rc == CXO_DONE ? cxo__rw_list_end(&r->w) : rc;
}

static int part_items(cxo__report *r)
{
	cxo__rw_list(&r->w, "uncovered_items", "Resolution 22 items no topic links to", ITEM_COLS, 4);
	int64_t res22;
	const char *key[1] = { "res22" };
	int rc = cxo__registry_ops.find(r->db, key, &res22);
	if (rc || !res22)
		return rc ? rc : cxo__rw_list_end(&r->w);
	cxo_query q = CXO_QUERY_INIT;
	q.registry = "res22";
	q.as_of = r->as_of;
	q.flags = CXO_QUERY_UNLINKED;
	cxo_cursor *cur;
	if ((rc = cxo__item_ops.list(&cur, r->db, &q)))
		return rc;
	const cxo_row *it;
	while ((rc = cxo_cursor_next(&it, cur)) == CXO_OK) {
		cxo__val v[4] = { cxo__v_text(cxo_row_text(it, "registry")), cxo__v_text(cxo_row_text(it, "id")),
			              cxo__v_text(cxo_row_text(it, "title")), cxo__v_text(cxo_row_text(it, "status")) };
		if ((rc = cxo__rw_row(&r->w, v)))
			break;
	}
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? cxo__rw_list_end(&r->w) : rc;
}

int cxo__report_agenda(cxo__report *r)
{
	cxo__arena ar;
	cxo__arena_init(&ar);
	cxo_row *topics = cxo__row_new_in(&ar, 1);
	int rc = topics ? planned(r, topics) : CXO_ENOMEM;
	cxo__buf title = CXO__BUF_INIT;
	if (!rc) {
		cxo__buf_adds(&title, "Agenda check");
		if (r->o->meeting && !r->o->topics)
			cxo__buf_addf(&title, ": %s", r->o->meeting);
		rc = cxo__buf_status(&title);
	}
	cxo__rw *w = &r->w;
	if (!rc)
		rc = cxo__report_begin(r, "agenda", title.data);
	cxo__buf_fini(&title);
	cxo__rw_field(w, "meeting", "Meeting", cxo__v_text(r->o->meeting));
	cxo__rw_field(w, "stall", "Stalled after (meetings without an advance)", cxo__v_int(r->stall));
	if (!rc)
		rc = part_planned(r, topics);
	if (!rc)
		rc = part_stalled(r, topics);
	if (!rc)
		rc = part_items(r);
	cxo__arena_fini(&ar);
	return rc ? rc : cxo__rw_end(w);
}
