/* meetings, meeting: the meetings and what each discussed. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void place(char *buf, size_t cap, const cxo_row *m)
{
	const char *city = field(m, "city"), *country = field(m, "country");
	snprintf(buf, cap, "%s%s%s", city, *city && *country ? ", " : "", country);
}

static void number(char *buf, size_t cap, const cxo_row *row, const char *name)
{
	if (cxo_row_type(row, name) == CXO_TYPE_INT)
		snprintf(buf, cap, "%lld", (long long)cxo_row_int(row, name));
	else
		buf[0] = '\0';
}

int cmd_meetings(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "kinds", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	cxo_query q = CXO_QUERY_INIT;
	q.kinds = args_get(&a, "kinds");
	if (a.npos) {
		args_free(&a);
		return cli_usage(c, "takes no arguments");
	}
	cxo_cursor *cur = NULL;
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_record_list(&cur, c->db, CXO_KIND_MEETING, &q)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		rc = print_json_cursor(c, cur);
	} else if (rc == EXIT_DONE) {
		static const char *const heads[] = { "ID", "KIND", "DATE", "PLACE", "PARTICIPANTS", "TOPICS" };
		table *t = table_new(6, heads);
		table_keep(t, 0);
		table_keep(t, 2);
		table_align_right(t, 4);
		table_align_right(t, 5);
		const cxo_row *m;
		int step;
		while ((step = cxo_cursor_next(&m, cur)) == CXO_OK) {
			char where[256], people[32], topics[32];
			place(where, sizeof where, m);
			number(people, sizeof people, m, "participants");
			number(topics, sizeof topics, m, "topics_discussed");
			const char *cells[] = { field(m, "id"), field(m, "kind"), field(m, "date"), where, people, topics };
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

static void print_sources(const cxo_row *sources, const char *indent)
{
	for (size_t i = 0; i < cxo_row_size(sources); i++) {
		const cxo_row *s = cxo_row_child_at(sources, i);
		const char *ref = field(s, "ref"), *url = field(s, "url");
		printf("%s[%zu] %s%s%s%s%s\n", indent, i + 1, ref, *ref && *url ? " " : "", *url && *ref ? "<" : "", url,
		       *url && *ref ? ">" : "");
		if (*field(s, "quote"))
			printf("%s    \"%s\"\n", indent, field(s, "quote"));
	}
}

static void line(const char *label, const char *value)
{
	if (value && *value)
		printf("%-14s%s\n", label, value);
}

int cmd_meeting(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 1) {
		args_free(&a);
		return cli_usage(c, "needs one meeting id");
	}
	const char *key[] = { a.pos[0] };
	cxo_row *m = NULL;
	cxo_cursor *cur = NULL;
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = a.pos[0];
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_record_get(&m, c->db, CXO_KIND_MEETING, key, 1)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && (rc = cxo_record_list(&cur, c->db, CXO_KIND_OBSERVATION, &q)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		/* the meeting, with what it discussed */
		char *obs = NULL, *rec = NULL;
		if ((rc = cxo_cursor_json(&obs, NULL, cur)) || (rc = cxo_row_to_json(&rec, NULL, m)))
			rc = cli_fail(c, rc);
		else
			printf("{\"meeting\":%s,\"observations\":%s}\n", rec, obs);
		cxo_free(rec);
		cxo_free(obs);
	} else if (rc == EXIT_DONE) {
		char buf[512];
		printf("%s\n", field(m, "id"));
		line("kind:", field(m, "kind"));
		line("series:", field(m, "series"));
		number(buf, sizeof buf, m, "ordinal");
		line("ordinal:", buf);
		snprintf(buf, sizeof buf, "%s%s%s", field(m, "date"), *field(m, "end_date") ? " to " : "",
		         field(m, "end_date"));
		line("date:", buf);
		place(buf, sizeof buf, m);
		line("place:", buf);
		line("host:", field(m, "host"));
		number(buf, sizeof buf, m, "participants");
		line("participants:", buf);
		join_list(buf, sizeof buf, cxo_row_child(m, "agenda"));
		line("agenda:", buf);
		line("note:", field(m, "note"));
		if (cxo_row_int(m, "uncertain"))
			line("uncertain:", "yes (the sources only imply it)");
		if (cxo_row_size(cxo_row_child(m, "sources"))) {
			printf("sources:\n");
			print_sources(cxo_row_child(m, "sources"), "  ");
		}
		static const char *const heads[] = { "TOPIC", "LIFECYCLE", "STATUS", "QUALIFIER", "PRIORITY", "NOTE" };
		table *t = table_new(6, heads);
		table_keep(t, 0);
		const cxo_row *o;
		int step, any = 0;
		while ((step = cxo_cursor_next(&o, cur)) == CXO_OK) {
			const char *cells[] = { field(o, "topic"),     field(o, "lifecycle"), field(o, "status"),
			                        field(o, "qualifier"), field(o, "priority"),  field(o, "note") };
			table_add(t, cells);
			any = 1;
		}
		if (step != CXO_DONE) {
			rc = cli_fail(c, step);
		} else if (any) {
			printf("\ntopics discussed:\n");
			table_print(t, stdout, 100);
		}
		table_free(t);
	}
	cxo_cursor_free(cur);
	cxo_row_free(m);
	args_free(&a);
	return rc;
}
