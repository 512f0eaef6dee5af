/* topics, topic: the topics and each one's history. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_topics(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "status", OPT_VALUE }, { "lifecycle", OPT_VALUE }, { "as-of", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos) {
		args_free(&a);
		return cli_usage(c, "takes no arguments");
	}
	cxo_query q = CXO_QUERY_INIT;
	q.status = args_get(&a, "status");
	q.lifecycle = args_get(&a, "lifecycle");
	q.as_of = args_get(&a, "as-of");
	cxo_cursor *cur = NULL;
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_record_list(&cur, c->db, CXO_KIND_TOPIC, &q)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		rc = print_json_cursor(c, cur);
	} else if (rc == EXIT_DONE) {
		static const char *const heads[] = { "ID", "TITLE", "STATUS", "LAST SEEN" };
		table *t = table_new(4, heads);
		table_keep(t, 0);
		table_keep(t, 2);
		const cxo_row *row;
		int step;
		while ((step = cxo_cursor_next(&row, cur)) == CXO_OK) {
			char seen[300] = "";
			if (*field(row, "point")) {
				if (strcmp(field(row, "point"), field(row, "date")) == 0)
					snprintf(seen, sizeof seen, "%s", field(row, "date"));
				else
					snprintf(seen, sizeof seen, "%s (%s)", field(row, "point"), field(row, "date"));
			}
			const char *cells[] = { field(row, "id"), field(row, "title"), field(row, "status"), seen };
			table_add(t, cells);
		}
		if (step != CXO_DONE)
			rc = cli_fail(c, step);
		else
			table_print(t, stdout, 100);
		table_free(t);
	}
	cxo_cursor_free(cur);
	args_free(&a);
	return rc;
}

/* The date of each meeting, to show the gaps with their dates. */
typedef struct dates {
	size_t n;
	char **id, **date;
} dates;

static int load_dates(cli *c, dates *d)
{
	memset(d, 0, sizeof *d);
	cxo_cursor *cur;
	int rc = cxo_record_list(&cur, c->db, CXO_KIND_MEETING, NULL);
	if (rc)
		return rc;
	const cxo_row *m;
	size_t cap = 0;
	while ((rc = cxo_cursor_next(&m, cur)) == CXO_OK) {
		if (d->n == cap) {
			cap = cap ? cap * 2 : 32;
			char **id = realloc(d->id, cap * sizeof *id), **date = id ? realloc(d->date, cap * sizeof *date) : NULL;
			if (id)
				d->id = id;
			if (date)
				d->date = date;
			if (!id || !date)
				break;
		}
		d->id[d->n] = strdup(field(m, "id"));
		d->date[d->n++] = strdup(field(m, "date"));
	}
	cxo_cursor_free(cur);
	return rc == CXO_DONE ? CXO_OK : rc;
}

static const char *date_of(const dates *d, const char *id)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->id[i] && strcmp(d->id[i], id) == 0)
			return d->date[i];
	return "";
}

static void free_dates(dates *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->id[i]);
		free(d->date[i]);
	}
	free(d->id);
	free(d->date);
}

static int add_relation(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "topic"), field(row, "type"), field(row, "older"), field(row, "since"),
		                    field(row, "note") };
	return table_add(t, cells);
}

static int add_link(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "registry"), field(row, "item"), field(row, "relation"), field(row, "since"),
		                    field(row, "title") };
	return table_add(t, cells);
}

static int add_conclusion(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "id"), field(row, "meeting"), field(row, "date"), field(row, "kind"),
		                    field(row, "text") };
	return table_add(t, cells);
}

int cmd_topic(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "lineage", 0 },        { "as-of", OPT_VALUE }, { "lifecycle", OPT_VALUE },
		                             { "kinds", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 1) {
		args_free(&a);
		return cli_usage(c, "needs one topic id");
	}
	cxo_query q = CXO_QUERY_INIT;
	int lineage = args_has(&a, "lineage");
	q.flags = lineage ? CXO_QUERY_LINEAGE : 0;
	q.as_of = args_get(&a, "as-of");
	q.lifecycle = args_get(&a, "lifecycle");
	q.kinds = args_get(&a, "kinds");
	/* what is said about the topic, as of the same point */
	cxo_query about = CXO_QUERY_INIT;
	about.topic = a.pos[0];
	about.as_of = q.as_of;
	const char *key[] = { a.pos[0] };
	cxo_row *topic = NULL;
	cxo_cursor *cur = NULL, *rels = NULL, *links = NULL, *concl = NULL;
	dates d = { 0 };
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_record_get(&topic, c->db, CXO_KIND_TOPIC, key, 1)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && ((rc = cxo_topic_history(&cur, c->db, a.pos[0], &q)) ||
	                        (rc = cxo_record_list(&rels, c->db, CXO_KIND_RELATION, &about)) ||
	                        (rc = cxo_record_list(&links, c->db, CXO_KIND_LINK, &about)) ||
	                        (rc = cxo_record_list(&concl, c->db, CXO_KIND_CONCLUSION, &about))))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		char *rec = NULL, *hist = NULL, *r = NULL, *l = NULL, *k = NULL;
		if ((rc = cxo_row_to_json(&rec, NULL, topic)) || (rc = cxo_cursor_json(&hist, NULL, cur)) ||
		    (rc = cxo_cursor_json(&r, NULL, rels)) || (rc = cxo_cursor_json(&l, NULL, links)) ||
		    (rc = cxo_cursor_json(&k, NULL, concl)))
			rc = cli_fail(c, rc);
		else
			printf("{\"topic\":%s,\"history\":%s,\"relations\":%s,\"links\":%s,\"conclusions\":%s}\n", rec,
			       hist, r, l, k);
		cxo_free(rec);
		cxo_free(hist);
		cxo_free(r);
		cxo_free(l);
		cxo_free(k);
	} else if (rc == EXIT_DONE && (rc = load_dates(c, &d))) {
		rc = cli_fail(c, rc);
	} else if (rc == EXIT_DONE) {
		char buf[1024];
		printf("%s: %s\n", field(topic, "id"), field(topic, "title"));
		if (*field(topic, "description"))
			printf("%s\n", field(topic, "description"));
		join_list(buf, sizeof buf, cxo_row_child(topic, "aliases"));
		if (*buf)
			printf("aliases: %s\n", buf);
		join_list(buf, sizeof buf, cxo_row_child(topic, "tags"));
		if (*buf)
			printf("tags: %s\n", buf);
		if (*field(topic, "note"))
			printf("note: %s\n", field(topic, "note"));
		/* with --lineage, each row says which topic it came from */
		static const char *const heads[] = { "POINT", "DATE", "TOPIC", "STATUS", "MOVEMENT", "QUALIFIER",
		                                     "PRIORITY", "SOURCES", "NOTE" };
		table *t = table_new(9, heads);
		table_keep(t, 0);
		table_keep(t, 1);
		table_keep(t, 3);
		table_keep(t, 7);
		const cxo_row *row;
		int step, disallowed = 0;
		size_t nsources = 0, nrows = 0;
		/* sources are numbered across the history and listed below it */
		char **refs = NULL;
		while ((step = cxo_cursor_next(&row, cur)) == CXO_OK) {
			const cxo_row *gaps = cxo_row_child(row, "gaps");
			for (size_t i = 0; i < cxo_row_size(gaps); i++) {
				const char *g = cxo_row_text_at(gaps, i);
				const char *cells[] = { g, date_of(&d, g), "", "-", "(gap)", "", "", "", "not discussed" };
				table_add(t, cells);
			}
			const cxo_row *sources = cxo_row_child(row, "sources");
			char nums[64] = "";
			size_t o = 0;
			for (size_t i = 0; i < cxo_row_size(sources); i++) {
				const cxo_row *s = cxo_row_child_at(sources, i);
				char **more = realloc(refs, (nsources + 1) * sizeof *refs);
				if (!more)
					break;
				refs = more;
				char line[2048];
				const char *ref = field(s, "ref"), *url = field(s, "url");
				snprintf(line, sizeof line, "%s%s%s%s%s", ref, *ref && *url ? " <" : "", url,
				         *ref && *url ? ">" : "", "");
				refs[nsources++] = strdup(line);
				if (o < sizeof nums - 8)
					o += (size_t)snprintf(nums + o, sizeof nums - o, "[%zu]", nsources);
			}
			char movement[32];
			int allowed = cxo_row_int(row, "allowed") != 0;
			snprintf(movement, sizeof movement, "%s%s", field(row, "movement"), allowed ? "" : "*");
			disallowed |= !allowed;
			char status[160];
			snprintf(status, sizeof status, "%s%s", field(row, "status"), cxo_row_int(row, "uncertain") ? "?" : "");
			const char *from = lineage ? field(row, "topic") : "";
			const char *cells[] = { field(row, "point"),    field(row, "date"), from, status, movement,
			                        field(row, "qualifier"), field(row, "priority"), nums, field(row, "note") };
			table_add(t, cells);
			nrows++;
		}
		if (step != CXO_DONE) {
			rc = cli_fail(c, step);
		} else if (!nrows) {
			printf("\nno observations%s%s\n", q.as_of ? " as of " : "", q.as_of ? q.as_of : "");
		} else {
			printf("\n");
			table_print(t, stdout, 100);
			if (disallowed)
				printf("\n* a move the lifecycle's transitions do not allow\n");
			if (nsources)
				printf("\n");
			for (size_t i = 0; i < nsources; i++)
				printf("[%zu] %s\n", i + 1, refs[i] ? refs[i] : "");
		}
		for (size_t i = 0; i < nsources; i++)
			free(refs[i]);
		free(refs);
		table_free(t);
		static const char *const rel_heads[] = { "TOPIC", "TYPE", "OLDER", "SINCE", "NOTE" };
		static const char *const link_heads[] = { "REGISTRY", "ITEM", "RELATION", "SINCE", "TITLE" };
		static const char *const concl_heads[] = { "ID", "MEETING", "DATE", "KIND", "TEXT" };
		if (rc == EXIT_DONE) {
			if ((t = table_new(5, rel_heads))) {
				table_keep(t, 0);
				table_keep(t, 2);
			}
			rc = print_section(c, "relations", rels, t, add_relation, NULL);
		}
		if (rc == EXIT_DONE) {
			if ((t = table_new(5, link_heads))) {
				table_keep(t, 0);
				table_keep(t, 1);
			}
			rc = print_section(c, "links", links, t, add_link, NULL);
		}
		if (rc == EXIT_DONE) {
			if ((t = table_new(5, concl_heads))) {
				table_keep(t, 0);
				table_keep(t, 2);
			}
			rc = print_section(c, "conclusions", concl, t, add_conclusion, NULL);
		}
	}
	free_dates(&d);
	cxo_cursor_free(concl);
	cxo_cursor_free(links);
	cxo_cursor_free(rels);
	cxo_cursor_free(cur);
	cxo_row_free(topic);
	args_free(&a);
	return rc;
}
