/* The cxotrack command-line tool: shared declarations. */
#ifndef CXO_CLI_H
#define CXO_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cxotrack.h"

enum { EXIT_DONE = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *db_path;
	const char *actor;
	int json;
	cxo_db *db;
	const struct command *cmd;
} cli;

/* ---- arguments (args.c) ---- */

enum { OPT_VALUE = 0x1, OPT_REPEAT = 0x2 };

typedef struct optspec {
	const char *name; /* without the leading "--" */
	unsigned flags;
} optspec;

typedef struct opt {
	const char *name;
	const char *value; /* NULL for a flag without value */
} opt;

typedef struct args {
	size_t npos, nopt;
	const char **pos;
	opt *opts;
} args;

/* Parse `argv` against `specs` (NULL-terminated; NULL `specs` accepts any
 * "--name value" or "--name" pair, for commands that take record fields).
 * Returns EXIT_DONE, or EXIT_USAGE after printing what is wrong. */
int args_parse(cli *c, args *a, int argc, char **argv, const optspec *specs);
void args_free(args *a);
/* The last value of an option; NULL if absent. */
const char *args_get(const args *a, const char *name);
int args_has(const args *a, const char *name);

/* ---- commands (main.c) ---- */

typedef struct command {
	const char *name;
	const char *usage;   /* after "cxotrack NAME " */
	const char *summary; /* one line */
	const char *help;    /* further lines, may be NULL */
	int (*run)(cli *c, int argc, char **argv);
} command;

/* Open the database for a command (read-only unless `write`). */
int cli_open(cli *c, int write);
/* Report a library failure (exit 1) or warning (exit 0) on stderr. */
int cli_fail(cli *c, int rc);
int cli_warned(int rc);
/* Print a usage error for the current command (exit 2). */
int cli_usage(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- output (print.c) ---- */

void print_json_row(const cxo_row *row);
/* Drain a cursor as a JSON array (the --json form of a query). */
int print_json_cursor(cli *c, cxo_cursor *cur);
/* The text of a field, or "" */
const char *field(const cxo_row *row, const char *name);
/* "a" or "an" before `word`. */
const char *article(const char *word);
/* Join a list of texts with ", " into buf. */
void join_list(char *buf, size_t cap, const cxo_row *list);

/* ---- tables (table.c) ---- */

typedef struct table table;
table *table_new(size_t ncols, const char *const *heads);
/* Mark column `col` as right-aligned (numbers) or as one that must not be shortened. */
void table_align_right(table *t, size_t col);
void table_keep(table *t, size_t col);
int table_add(table *t, const char *const *cells);
/* Print aligned, fitting `width` columns by shortening the widest texts. */
void table_print(table *t, FILE *out, size_t width);
void table_free(table *t);
/* Display width of UTF-8 text (East Asian wide characters count 2). */
size_t text_width(const char *s);

/* ---- records from the command line (record_args.c) ---- */

/* Build a record row of `kind` from --FIELD VALUE options (and --source/--url
 * pairs). Returns EXIT_DONE or EXIT_USAGE. */
int record_from_args(cli *c, cxo_kind kind, const args *a, cxo_row *rec, const char *const *skip);

/* ---- command handlers ---- */

int cmd_init(cli *c, int argc, char **argv);
int cmd_meetings(cli *c, int argc, char **argv);
int cmd_meeting(cli *c, int argc, char **argv);
int cmd_topics(cli *c, int argc, char **argv);
int cmd_topic(cli *c, int argc, char **argv);
int cmd_observe(cli *c, int argc, char **argv);
int cmd_add(cli *c, int argc, char **argv);
int cmd_set(cli *c, int argc, char **argv);
int cmd_delete(cli *c, int argc, char **argv);

#endif
