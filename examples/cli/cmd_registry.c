/* registries, items, links, link: external lists and the topics linked to
 * their items. */
#include "cli.h"

static int add_registry(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "id"), field(row, "title"), field(row, "version"), field(row, "url") };
	return table_add(t, cells);
}

int cmd_registries(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	size_t npos = a.npos;
	args_free(&a);
	if (npos)
		return cli_usage(c, "takes no arguments");
	static const char *const heads[] = { "ID", "TITLE", "VERSION", "URL" };
	table *t = table_new(4, heads);
	if (t)
		table_keep(t, 0);
	return print_list(c, CXO_KIND_REGISTRY, NULL, t, add_registry, NULL);
}

static int add_item(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	char topics[32];
	number_text(topics, sizeof topics, row, "topics");
	const char *cells[] = { field(row, "registry"), field(row, "id"), field(row, "status"), topics,
		                    field(row, "title") };
	return table_add(t, cells);
}

int cmd_items(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "registry", OPT_VALUE }, { "unlinked", 0 }, { "as-of", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos) {
		args_free(&a);
		return cli_usage(c, "takes no arguments");
	}
	cxo_query q = CXO_QUERY_INIT;
	q.registry = args_get(&a, "registry");
	q.as_of = args_get(&a, "as-of");
	q.flags = args_has(&a, "unlinked") ? CXO_QUERY_UNLINKED : 0;
	static const char *const heads[] = { "REGISTRY", "ID", "STATUS", "TOPICS", "TITLE" };
	table *t = table_new(5, heads);
	if (t) {
		table_keep(t, 0);
		table_keep(t, 1);
		table_keep(t, 3);
		table_align_right(t, 3);
	}
	rc = print_list(c, CXO_KIND_ITEM, &q, t, add_item, NULL);
	args_free(&a);
	return rc;
}

static int add_link(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "topic"),    field(row, "registry"), field(row, "item"),
		                    field(row, "relation"), field(row, "since"),    field(row, "title") };
	return table_add(t, cells);
}

int cmd_links(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "topic", OPT_VALUE }, { "registry", OPT_VALUE }, { "item", OPT_VALUE }, { "as-of", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos)
		rc = cli_usage(c, "takes no arguments");
	else if (args_get(&a, "item") && !args_get(&a, "registry"))
		rc = cli_usage(c, "--item needs --registry (item ids are the registry's own)");
	if (rc) {
		args_free(&a);
		return rc;
	}
	cxo_query q = CXO_QUERY_INIT;
	q.topic = args_get(&a, "topic");
	q.registry = args_get(&a, "registry");
	q.item = args_get(&a, "item");
	q.as_of = args_get(&a, "as-of");
	static const char *const heads[] = { "TOPIC", "REGISTRY", "ITEM", "RELATION", "SINCE", "TITLE" };
	table *t = table_new(6, heads);
	if (t) {
		table_keep(t, 0);
		table_keep(t, 1);
		table_keep(t, 2);
	}
	rc = print_list(c, CXO_KIND_LINK, &q, t, add_link, NULL);
	args_free(&a);
	return rc;
}

int cmd_link(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "relation", OPT_VALUE }, { "since", OPT_VALUE }, { "note", OPT_VALUE }, { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 3) {
		args_free(&a);
		return cli_usage(c, "needs TOPIC, REGISTRY and ITEM");
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_LINK, &a, rec, NULL);
	if (rc == EXIT_DONE && (cxo_row_set_text(rec, "topic", a.pos[0]) || cxo_row_set_text(rec, "registry", a.pos[1]) ||
	                        cxo_row_set_text(rec, "item", a.pos[2])))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE)
		rc = print_change(c, cxo_record_create(c->db, CXO_KIND_LINK, rec), "added", CXO_KIND_LINK, a.pos, 3);
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}
