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
