/* actions, act, follow: what conclusions asked for, and what came of it. */
#include "cli.h"

#include <string.h>

static int add_action(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	char age[32];
	number_text(age, sizeof age, row, "age");
	const char *due = *field(row, "due_meeting") ? field(row, "due_meeting") : field(row, "due_date");
	const char *cells[] = { field(row, "id"), field(row, "owner"),        field(row, "status"),    due, age,
		                    yes_no(row, "overdue"), field(row, "description") };
	return table_add(t, cells);
}

int cmd_actions(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "open", 0 },            { "overdue", 0 },         { "owner", OPT_VALUE }, { "status", OPT_VALUE },
		{ "meeting", OPT_VALUE }, { "topic", OPT_VALUE },   { "as-of", OPT_VALUE }, { "kinds", OPT_VALUE },
		{ NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos) {
		args_free(&a);
		return cli_usage(c, "takes no arguments");
	}
	cxo_query q = CXO_QUERY_INIT;
	q.flags = (args_has(&a, "open") ? CXO_QUERY_OPEN : 0) | (args_has(&a, "overdue") ? CXO_QUERY_OVERDUE : 0);
	q.owner = args_get(&a, "owner");
	q.status = args_get(&a, "status");
	q.meeting = args_get(&a, "meeting");
	q.topic = args_get(&a, "topic");
	q.as_of = args_get(&a, "as-of");
	q.kinds = args_get(&a, "kinds");
	static const char *const heads[] = { "ID", "OWNER", "STATUS", "DUE", "AGE", "OVERDUE", "DESCRIPTION" };
	table *t = table_new(7, heads);
	if (t) {
		table_keep(t, 0);
		table_keep(t, 2);
		table_align_right(t, 4);
	}
	rc = print_list(c, CXO_KIND_ACTION, &q, t, add_action, NULL);
	args_free(&a);
	return rc;
}

int cmd_act(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "owner", OPT_VALUE },       { "description", OPT_VALUE },          { "due-meeting", OPT_VALUE },
		{ "due-date", OPT_VALUE },    { "note", OPT_VALUE },                 { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 2)
		rc = cli_usage(c, "needs CONCLUSION and ID");
	else if (!args_get(&a, "owner") || !args_get(&a, "description"))
		rc = cli_usage(c, "needs --owner and --description");
	else if (!*args_get(&a, "owner") || !*args_get(&a, "description"))
		rc = cli_usage(c, "--%s needs a value, not an empty one", *args_get(&a, "owner") ? "description" : "owner");
	else if (args_get(&a, "due-meeting") && args_get(&a, "due-date"))
		rc = cli_usage(c, "give --due-meeting or --due-date, not both");
	if (rc) {
		args_free(&a);
		return rc;
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_ACTION, &a, rec, NULL);
	const char *key[] = { a.pos[1] };
	if (rc == EXIT_DONE && (cxo_row_set_text(rec, "id", a.pos[1]) || cxo_row_set_text(rec, "conclusion", a.pos[0])))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE)
		rc = print_change(c, cxo_record_create(c->db, CXO_KIND_ACTION, rec), "added", CXO_KIND_ACTION, key, 1);
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}

int cmd_follow(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "date", OPT_VALUE }, { "note", OPT_VALUE }, { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	const char *date = args_get(&a, "date");
	size_t want = date ? 2 : 3;
	if (a.npos != want) {
		args_free(&a);
		return cli_usage(c, date ? "with --date, needs ACTION and STATUS" : "needs ACTION, MEETING and STATUS");
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_FOLLOWUP, &a, rec, NULL);
	const char *action = a.pos[0], *point = date ? date : a.pos[1], *status = a.pos[want - 1];
	if (rc == EXIT_DONE &&
	    (cxo_row_set_text(rec, "action", action) || (!date && cxo_row_set_text(rec, "meeting", point)) ||
	     cxo_row_set_text(rec, "status", status)))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE) {
		const char *key[] = { action, point };
		int crc = cxo_record_create(c->db, CXO_KIND_FOLLOWUP, rec);
		if (crc == CXO_EEXISTS) {
			fprintf(stderr, "cxotrack: %s\n(change it with `cxotrack set followup %s %s --status %s`)\n",
			        cxo_errmsg(), action, point, status);
			rc = EXIT_FAILED;
		} else if (crc >= 0 && !c->json) {
			cli_warned(crc);
			printf("%s at %s: %s\n", action, point, status);
		} else {
			rc = print_change(c, crc, "followed", CXO_KIND_FOLLOWUP, key, 2);
		}
	}
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}
