/* search: full-text search over titles, aliases, conclusions, notes, actions. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int add_match(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "kind"), field(row, "key"), field(row, "snippet") };
	return table_add(t, cells);
}

int cmd_search(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (!a.npos) {
		args_free(&a);
		return cli_usage(c, "needs the TEXT to search for");
	}
	/* the words may come as one argument or several */
	size_t len = 1;
	for (size_t i = 0; i < a.npos; i++)
		len += strlen(a.pos[i]) + 1;
	char *text = malloc(len);
	if (!text) {
		args_free(&a);
		return cli_fail(c, CXO_ENOMEM);
	}
	text[0] = '\0';
	for (size_t i = 0; i < a.npos; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, a.pos[i]);
	}
	cxo_cursor *cur = NULL;
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_search(&cur, c->db, text, NULL)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE) {
		static const char *const heads[] = { "KIND", "KEY", "SNIPPET" };
		table *t = table_new(3, heads);
		if (t) {
			table_keep(t, 0);
			table_keep(t, 1);
		}
		rc = print_query(c, cur, t, add_match, NULL);
	}
	cxo_cursor_free(cur);
	free(text);
	args_free(&a);
	return rc;
}
