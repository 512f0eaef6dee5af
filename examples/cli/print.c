/* Printing rows: JSON for --json, and small helpers for the human form. */
#include "cli.h"

#include <string.h>

void print_json_row(const cxo_row *row)
{
	char *json;
	size_t len;
	if (cxo_row_to_json(&json, &len, row) == CXO_OK) {
		fwrite(json, 1, len, stdout);
		fputc('\n', stdout);
		cxo_free(json);
	}
}

int print_json_cursor(cli *c, cxo_cursor *cur)
{
	char *json;
	size_t len;
	int rc = cxo_cursor_json(&json, &len, cur);
	if (rc)
		return cli_fail(c, rc);
	fwrite(json, 1, len, stdout);
	fputc('\n', stdout);
	cxo_free(json);
	return EXIT_DONE;
}

const char *field(const cxo_row *row, const char *name)
{
	const char *s = cxo_row_text(row, name);
	return s ? s : "";
}

void join_list(char *buf, size_t cap, const cxo_row *list)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < cxo_row_size(list) && o + 1 < cap; i++) {
		const char *s = cxo_row_text_at(list, i);
		int n = snprintf(buf + o, cap - o, "%s%s", i ? ", " : "", s ? s : "");
		if (n < 0)
			break;
		o += (size_t)n;
	}
}

const char *article(const char *word)
{
	return word && strchr("aeiou", word[0]) && word[0] ? "an" : "a";
}

int print_change(cli *c, int change_rc, const char *verb, cxo_kind kind, const char *const *key, size_t nkey)
{
	if (change_rc < 0)
		return cli_fail(c, change_rc);
	cli_warned(change_rc);
	if (!c->json) {
		printf("%s %s", verb, cxo_kind_name(kind));
		for (size_t i = 0; i < nkey; i++)
			printf(" %s", key[i]);
		printf("\n");
		return EXIT_DONE;
	}
	cxo_row *rec;
	int rc = cxo_record_get(&rec, c->db, kind, key, nkey);
	if (rc)
		return cli_fail(c, rc);
	print_json_row(rec);
	cxo_row_free(rec);
	return EXIT_DONE;
}

void print_sources(const cxo_row *sources, const char *indent)
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

void number_text(char *buf, size_t cap, const cxo_row *row, const char *name)
{
	if (cxo_row_type(row, name) == CXO_TYPE_INT)
		snprintf(buf, cap, "%lld", (long long)cxo_row_int(row, name));
	else
		buf[0] = '\0';
}

const char *yes_no(const cxo_row *row, const char *name)
{
	return cxo_row_int(row, name) ? "yes" : "";
}

/* Drain a cursor into `t` through `add` and print it. */
static int print_table(cli *c, cxo_cursor *cur, table *t, add_row_fn add, void *ctx)
{
	if (!t) {
		fprintf(stderr, "cxotrack: out of memory\n");
		return EXIT_FAILED;
	}
	const cxo_row *row;
	int step;
	while ((step = cxo_cursor_next(&row, cur)) == CXO_OK)
		if (add(t, row, ctx)) {
			fprintf(stderr, "cxotrack: out of memory\n");
			return EXIT_FAILED;
		}
	if (step != CXO_DONE)
		return cli_fail(c, step);
	table_print(t, stdout, 100);
	return EXIT_DONE;
}

int print_query(cli *c, cxo_cursor *cur, table *t, add_row_fn add, void *ctx)
{
	int rc = c->json ? print_json_cursor(c, cur) : print_table(c, cur, t, add, ctx);
	table_free(t);
	return rc;
}

int print_list(cli *c, cxo_kind kind, const cxo_query *q, table *t, add_row_fn add, void *ctx)
{
	cxo_cursor *cur = NULL;
	int rc = cli_open(c, 0);
	if (rc == EXIT_DONE && (rc = cxo_record_list(&cur, c->db, kind, q)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE)
		rc = print_query(c, cur, t, add, ctx);
	else
		table_free(t);
	cxo_cursor_free(cur);
	return rc;
}

int print_section(cli *c, const char *heading, cxo_cursor *cur, table *t, add_row_fn add, void *ctx)
{
	if (!t) {
		fprintf(stderr, "cxotrack: out of memory\n");
		return EXIT_FAILED;
	}
	const cxo_row *row;
	int step, any = 0;
	while ((step = cxo_cursor_next(&row, cur)) == CXO_OK) {
		if (add(t, row, ctx)) {
			table_free(t);
			fprintf(stderr, "cxotrack: out of memory\n");
			return EXIT_FAILED;
		}
		any = 1;
	}
	if (step != CXO_DONE) {
		table_free(t);
		return cli_fail(c, step);
	}
	if (any) {
		printf("\n%s:\n", heading);
		table_print(t, stdout, 100);
	}
	table_free(t);
	return EXIT_DONE;
}
