/* log: the audit log, who changed what and when. */
#include "cli.h"

static int add_entry(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "time"), field(row, "actor"), field(row, "op"), field(row, "entity"),
		                    field(row, "key") };
	return table_add(t, cells);
}

int cmd_log(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "entity", OPT_VALUE }, { "id", OPT_VALUE }, { "since", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos) {
		args_free(&a);
		return cli_usage(c, "takes no arguments");
	}
	cxo_query q = CXO_QUERY_INIT;
	q.entity = args_get(&a, "entity");
	q.key = args_get(&a, "id");
	q.since = args_get(&a, "since");
	cxo_cursor *cur = NULL;
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_audit_list(&cur, c->db, &q)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE) {
		static const char *const heads[] = { "TIME", "ACTOR", "OP", "ENTITY", "KEY" };
		table *t = table_new(5, heads);
		if (t) {
			table_keep(t, 0);
			table_keep(t, 2);
			table_keep(t, 3);
		}
		rc = print_query(c, cur, t, add_entry, NULL);
	}
	cxo_cursor_free(cur);
	args_free(&a);
	return rc;
}
