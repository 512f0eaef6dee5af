/* meetings, meeting: the meetings and what each discussed. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void place(char *buf, size_t cap, const cxo_row *m)
{
	const char *city = field(m, "city"), *country = field(m, "country");
	snprintf(buf, cap, "%s%s%s", city, *city && *country ? ", " : "", country);
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
			number_text(people, sizeof people, m, "participants");
			number_text(topics, sizeof topics, m, "topics_discussed");
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

static void line(const char *label, const char *value)
{
	if (value && *value)
		printf("%-14s%s\n", label, value);
}

/* Conclusion numbers by id, to show which conclusion each action belongs to. */
typedef struct numbers {
	size_t n;
	char **id, **number;
} numbers;

static int remember(numbers *nums, const cxo_row *conclusion)
{
	char **id = realloc(nums->id, (nums->n + 1) * sizeof *id);
	if (id)
		nums->id = id;
	char **number = id ? realloc(nums->number, (nums->n + 1) * sizeof *number) : NULL;
	if (number)
		nums->number = number;
	if (!id || !number)
		return -1;
	nums->id[nums->n] = strdup(field(conclusion, "id"));
	nums->number[nums->n] = strdup(field(conclusion, "number"));
	nums->n++;
	return 0;
}

static const char *number_of(const numbers *nums, const char *id)
{
	for (size_t i = 0; i < nums->n; i++)
		if (nums->id[i] && strcmp(nums->id[i], id) == 0)
			return nums->number[i] && *nums->number[i] ? nums->number[i] : id;
	return id;
}

static void forget(numbers *nums)
{
	for (size_t i = 0; i < nums->n; i++) {
		free(nums->id[i]);
		free(nums->number[i]);
	}
	free(nums->id);
	free(nums->number);
}

static int add_discussed(table *t, const cxo_row *o, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(o, "topic"),     field(o, "lifecycle"), field(o, "status"),
		                    field(o, "qualifier"), field(o, "priority"),  field(o, "note") };
	return table_add(t, cells);
}

static int add_conclusion(table *t, const cxo_row *row, void *ctx)
{
	char topics[512];
	join_list(topics, sizeof topics, cxo_row_child(row, "topics"));
	const char *cells[] = { field(row, "number"), field(row, "id"), field(row, "kind"), topics, field(row, "text") };
	return remember(ctx, row) || table_add(t, cells);
}

static int add_action(table *t, const cxo_row *row, void *ctx)
{
	const char *due = *field(row, "due_meeting") ? field(row, "due_meeting") : field(row, "due_date");
	const char *cells[] = { number_of(ctx, field(row, "conclusion")), field(row, "id"), field(row, "owner"),
		                    field(row, "status"), due, yes_no(row, "overdue"), field(row, "description") };
	return table_add(t, cells);
}

static int attendance(cli *c, const cxo_row *list)
{
	if (!cxo_row_size(list))
		return EXIT_DONE;
	static const char *const heads[] = { "ORGANIZATION", "ROLE", "NAME", "NOTE" };
	table *t = table_new(4, heads);
	if (!t) {
		fprintf(stderr, "cxotrack: out of memory\n");
		return EXIT_FAILED;
	}
	table_keep(t, 0);
	int rc = EXIT_DONE;
	for (size_t i = 0; i < cxo_row_size(list) && rc == EXIT_DONE; i++) {
		const cxo_row *att = cxo_row_child_at(list, i);
		const char *key[] = { field(att, "organization") };
		cxo_row *org = NULL;
		int grc = cxo_record_get(&org, c->db, CXO_KIND_ORGANIZATION, key, 1);
		if (grc) {
			rc = cli_fail(c, grc);
			break;
		}
		const char *cells[] = { key[0], field(att, "role"), field(org, "name"), field(att, "note") };
		if (table_add(t, cells)) {
			fprintf(stderr, "cxotrack: out of memory\n");
			rc = EXIT_FAILED;
		}
		cxo_row_free(org);
	}
	if (rc == EXIT_DONE) {
		printf("\nattendance:\n");
		table_print(t, stdout, 100);
	}
	table_free(t);
	return rc;
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
	cxo_cursor *obs = NULL, *concl = NULL, *acts = NULL;
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = a.pos[0];
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_record_get(&m, c->db, CXO_KIND_MEETING, key, 1)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && ((rc = cxo_record_list(&obs, c->db, CXO_KIND_OBSERVATION, &q)) ||
	                        (rc = cxo_record_list(&concl, c->db, CXO_KIND_CONCLUSION, &q)) ||
	                        (rc = cxo_record_list(&acts, c->db, CXO_KIND_ACTION, &q))))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		/* the meeting, with what it discussed and concluded */
		char *rec = NULL, *o = NULL, *k = NULL, *x = NULL;
		if ((rc = cxo_row_to_json(&rec, NULL, m)) || (rc = cxo_cursor_json(&o, NULL, obs)) ||
		    (rc = cxo_cursor_json(&k, NULL, concl)) || (rc = cxo_cursor_json(&x, NULL, acts)))
			rc = cli_fail(c, rc);
		else
			printf("{\"meeting\":%s,\"observations\":%s,\"conclusions\":%s,\"actions\":%s}\n", rec, o, k, x);
		cxo_free(rec);
		cxo_free(o);
		cxo_free(k);
		cxo_free(x);
	} else if (rc == EXIT_DONE) {
		char buf[512];
		printf("%s\n", field(m, "id"));
		line("kind:", field(m, "kind"));
		line("series:", field(m, "series"));
		number_text(buf, sizeof buf, m, "ordinal");
		line("ordinal:", buf);
		snprintf(buf, sizeof buf, "%s%s%s", field(m, "date"), *field(m, "end_date") ? " to " : "",
		         field(m, "end_date"));
		line("date:", buf);
		place(buf, sizeof buf, m);
		line("place:", buf);
		line("host:", field(m, "host"));
		number_text(buf, sizeof buf, m, "participants");
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
		static const char *const obs_heads[] = { "TOPIC", "LIFECYCLE", "STATUS", "QUALIFIER", "PRIORITY", "NOTE" };
		static const char *const concl_heads[] = { "NUMBER", "ID", "KIND", "TOPICS", "TEXT" };
		static const char *const act_heads[] = { "CONCLUSION", "ID", "OWNER", "STATUS", "DUE", "OVERDUE",
			                                     "DESCRIPTION" };
		numbers nums = { 0 };
		table *t = table_new(6, obs_heads);
		if (t)
			table_keep(t, 0);
		rc = print_section(c, "topics discussed", obs, t, add_discussed, NULL);
		if (rc == EXIT_DONE) {
			if ((t = table_new(5, concl_heads)))
				table_keep(t, 1);
			rc = print_section(c, "conclusions", concl, t, add_conclusion, &nums);
		}
		if (rc == EXIT_DONE) {
			if ((t = table_new(7, act_heads))) {
				table_keep(t, 1);
				table_keep(t, 3);
			}
			rc = print_section(c, "actions", acts, t, add_action, &nums);
		}
		if (rc == EXIT_DONE)
			rc = attendance(c, cxo_row_child(m, "attendance"));
		forget(&nums);
	}
	cxo_cursor_free(acts);
	cxo_cursor_free(concl);
	cxo_cursor_free(obs);
	cxo_row_free(m);
	args_free(&a);
	return rc;
}
