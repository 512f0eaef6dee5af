/* import, export: datasets in the JSON interchange format. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A whole file (or standard input for "-") in memory. */
static int slurp(const char *path, char **data, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cxotrack: %s: %s\n", path, strerror(errno));
		return EXIT_FAILED;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		char *bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	int err = ferror(f);
	if (f != stdin)
		fclose(f);
	if (!buf || err) {
		free(buf);
		fprintf(stderr, "cxotrack: %s: %s\n", path, buf ? strerror(errno) : "out of memory");
		return EXIT_FAILED;
	}
	*data = buf;
	*len = n;
	return EXIT_DONE;
}

/* A progress bar on standard error, when it is a terminal. */
static int draw_progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	enum { WIDTH = 40 };
	size_t filled = total ? (size_t)(done * WIDTH / total) : WIDTH;
	char bar[WIDTH + 1];
	memset(bar, '#', filled);
	memset(bar + filled, ' ', WIDTH - filled);
	bar[WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %llu/%llu records", bar, (unsigned long long)done, (unsigned long long)total);
	if (done == total)
		fprintf(stderr, "\r%*s\r", WIDTH + 40, "");
	return 0;
}

static void print_counts(const cxo_row *res)
{
	static const char *const heads[] = { "KIND", "CREATED", "UPDATED", "UNCHANGED", "DELETED" };
	table *t = table_new(5, heads);
	for (size_t c = 1; c < 5; c++)
		table_align_right(t, c);
	const cxo_row *created = cxo_row_child(res, "created");
	for (size_t i = 0; i < cxo_row_size(created); i++) {
		const char *kind = cxo_row_name(created, i);
		char n[4][24];
		int64_t total = 0;
		static const char *const which[] = { "created", "updated", "unchanged", "deleted" };
		for (int k = 0; k < 4; k++) {
			int64_t v = cxo_row_int(cxo_row_child(res, which[k]), kind);
			total += v;
			snprintf(n[k], sizeof n[k], "%lld", (long long)v);
		}
		if (!total)
			continue;
		const char *cells[] = { kind, n[0], n[1], n[2], n[3] };
		table_add(t, cells);
	}
	table_print(t, stdout, 100);
	table_free(t);
}

int cmd_import(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "replace", 0 }, { "lenient", 0 }, { "check", 0 }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (!a.npos) {
		args_free(&a);
		return cli_usage(c, "needs at least one FILE (- for standard input)");
	}
	char **docs = calloc(a.npos, sizeof *docs);
	size_t *lens = calloc(a.npos, sizeof *lens);
	if (!docs || !lens)
		rc = cli_fail(c, CXO_ENOMEM);
	for (size_t i = 0; i < a.npos && rc == EXIT_DONE; i++)
		rc = slurp(a.pos[i], &docs[i], &lens[i]);
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = (args_has(&a, "replace") ? CXO_IMPORT_REPLACE : 0) | (args_has(&a, "lenient") ? CXO_IMPORT_LENIENT : 0) |
	          (args_has(&a, "check") ? CXO_IMPORT_CHECK : 0);
	if (isatty(2))
		o.progress = draw_progress;
	cxo_row *res = NULL;
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE) {
		int irc = cxo_import_buffers(&res, c->db, a.pos, (const char *const *)docs, lens, a.npos, &o);
		if (irc < 0) {
			rc = cli_fail(c, irc);
		} else {
			/* every warning, not only the first */
			const cxo_row *warnings = cxo_row_child(res, "warnings");
			for (size_t i = 0; i < cxo_row_size(warnings); i++)
				fprintf(stderr, "cxotrack: warning: %s\n", cxo_row_text_at(warnings, i));
			if (c->json) {
				print_json_row(res);
			} else {
				printf("%s %zu document%s%s\n", (o.flags & CXO_IMPORT_CHECK) ? "checked" : "imported", a.npos,
				       a.npos == 1 ? "" : "s", (o.flags & CXO_IMPORT_CHECK) ? " (nothing written)" : "");
				print_counts(res);
			}
		}
	}
	cxo_row_free(res);
	for (size_t i = 0; docs && i < a.npos; i++)
		free(docs[i]);
	free(docs);
	free(lens);
	args_free(&a);
	return rc;
}

int file_sink(void *ctx, const void *data, size_t len)
{
	return fwrite(data, 1, len, ctx) != len;
}

/* The output of export and report: -o FILE, or standard output. */
int open_output(cli *c, const char *path, FILE **out)
{
	(void)c;
	if (!path || strcmp(path, "-") == 0) {
		*out = stdout;
		return EXIT_DONE;
	}
	if (!(*out = fopen(path, "wb"))) {
		fprintf(stderr, "cxotrack: %s: %s\n", path, strerror(errno));
		return EXIT_FAILED;
	}
	return EXIT_DONE;
}

int close_output(const char *path, FILE *out, int rc)
{
	if (out == stdout) {
		if (fflush(stdout) != 0 && rc == EXIT_DONE) {
			fprintf(stderr, "cxotrack: writing the output: %s\n", strerror(errno));
			rc = EXIT_FAILED;
		}
		return rc;
	}
	if (fclose(out) != 0 && rc == EXIT_DONE) {
		fprintf(stderr, "cxotrack: %s: %s\n", path, strerror(errno));
		rc = EXIT_FAILED;
	}
	if (rc != EXIT_DONE)
		remove(path); /* no half-written file */
	return rc;
}

int cmd_export(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "meeting", OPT_VALUE }, { "topic", OPT_VALUE }, { "output", OPT_VALUE },
		                             { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	cxo_export_options o = CXO_EXPORT_OPTIONS_INIT;
	o.meeting = args_get(&a, "meeting");
	o.topic = args_get(&a, "topic");
	const char *path = args_get(&a, "output");
	if (a.npos)
		rc = cli_usage(c, "takes no arguments (the output is -o FILE)");
	else if (o.meeting && o.topic)
		rc = cli_usage(c, "give --meeting or --topic, not both");
	FILE *out = NULL;
	if (rc == EXIT_DONE)
		rc = cli_open(c, 0);
	if (rc == EXIT_DONE)
		rc = open_output(c, path, &out);
	if (rc == EXIT_DONE) {
		int erc = cxo_export_json(c->db, &o, file_sink, out);
		if (erc)
			rc = cli_fail(c, erc);
		rc = close_output(path, out, rc);
	}
	args_free(&a);
	return rc;
}
