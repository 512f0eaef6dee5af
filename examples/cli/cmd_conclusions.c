/* conclusions, conclude: what the meetings concluded. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int add_conclusion(table *t, const cxo_row *row, void *ctx)
{
	int with_meeting = *(const int *)ctx;
	char topics[512];
	join_list(topics, sizeof topics, cxo_row_child(row, "topics"));
	const char *meeting = with_meeting ? field(row, "meeting") : "", *date = with_meeting ? field(row, "date") : "";
	const char *cells[] = { field(row, "id"), meeting, date, field(row, "number"), field(row, "kind"), topics,
		                    field(row, "text") };
	return table_add(t, cells);
}

int cmd_conclusions(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "topic", OPT_VALUE }, { "as-of", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos > 1) {
		args_free(&a);
		return cli_usage(c, "takes at most one meeting id");
	}
	cxo_query q = CXO_QUERY_INIT;
	q.meeting = a.npos ? a.pos[0] : NULL;
	q.topic = args_get(&a, "topic");
	q.as_of = args_get(&a, "as-of");
	/* one meeting's conclusions need no meeting column */
	int with_meeting = !q.meeting;
	static const char *const heads[] = { "ID", "MEETING", "DATE", "NUMBER", "KIND", "TOPICS", "TEXT" };
	table *t = table_new(7, heads);
	if (t) {
		table_keep(t, 0);
		if (with_meeting) {
			table_keep(t, 1);
			table_keep(t, 2);
		}
	}
	rc = print_list(c, CXO_KIND_CONCLUSION, &q, t, add_conclusion, &with_meeting);
	args_free(&a);
	return rc;
}

int cmd_conclude(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "text", OPT_VALUE },                { "id", OPT_VALUE },                 { "kind", OPT_VALUE },
		{ "topic", OPT_VALUE | OPT_REPEAT },  { "note", OPT_VALUE },               { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 2) {
		args_free(&a);
		return cli_usage(c, "needs MEETING and NUMBER");
	}
	if (!args_get(&a, "text") || !*args_get(&a, "text")) {
		rc = cli_usage(c, args_get(&a, "text") ? "--text needs a value, not an empty one" : "needs --text");
		args_free(&a);
		return rc;
	}
	const char *meeting = a.pos[0], *number = a.pos[1];
	/* the id defaults to MEETING/NUMBER */
	char *id = NULL;
	if (args_get(&a, "id")) {
		id = strdup(args_get(&a, "id"));
	} else if ((id = malloc(strlen(meeting) + strlen(number) + 2))) {
		sprintf(id, "%s/%s", meeting, number);
	}
	cxo_row *rec = NULL;
	if (!id || cxo_row_new(&rec)) {
		free(id);
		args_free(&a);
		return cli_fail(c, CXO_ENOMEM);
	}
	/* --topic T, once per topic, fills the field "topics" */
	for (size_t i = 0; i < a.nopt; i++)
		if (strcmp(a.opts[i].name, "topic") == 0)
			a.opts[i].name = "topics";
	static const char *const own[] = { "id", NULL };
	rc = record_from_args(c, CXO_KIND_CONCLUSION, &a, rec, own);
	if (rc == EXIT_DONE && (cxo_row_set_text(rec, "id", id) || cxo_row_set_text(rec, "meeting", meeting) ||
	                        cxo_row_set_text(rec, "number", number)))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE) {
		const char *key[] = { id };
		rc = print_change(c, cxo_record_create(c->db, CXO_KIND_CONCLUSION, rec), "added", CXO_KIND_CONCLUSION, key,
		                  1);
	}
	cxo_row_free(rec);
	free(id);
	args_free(&a);
	return rc;
}
