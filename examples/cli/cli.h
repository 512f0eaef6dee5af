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

/* The tool: global options, then the command. Returns the exit status; never
 * exits the process. `argv` must be writable (option values are cut in place). */
int cli_main(int argc, char **argv);

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
/* An integer field as text, or "" when it is null. */
void number_text(char *buf, size_t cap, const cxo_row *row, const char *name);
/* "yes" for a true boolean field, else "". */
const char *yes_no(const cxo_row *row, const char *name);
/* A list of sources, numbered, one a line. */
void print_sources(const cxo_row *sources, const char *indent);
/* After a change: the record as stored (--json), or one line "VERB KIND KEY...". */
int print_change(cli *c, int change_rc, const char *verb, cxo_kind kind, const char *const *key, size_t nkey);

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

/* ---- queries (print.c) ---- */

/* Add one cursor row to a table; nonzero when out of memory. */
typedef int (*add_row_fn)(table *t, const cxo_row *row, void *ctx);
/* A query's result: JSON with --json, else the table. Frees `t`. */
int print_query(cli *c, cxo_cursor *cur, table *t, add_row_fn add, void *ctx);
/* Open the database read-only, list the records of `kind` and print them as
 * print_query() does. Frees `t`. */
int print_list(cli *c, cxo_kind kind, const cxo_query *q, table *t, add_row_fn add, void *ctx);
/* One section of a record's view: a blank line, "HEADING:" and the table of
 * the cursor's rows; nothing if it has none. Frees `t`. */
int print_section(cli *c, const char *heading, cxo_cursor *cur, table *t, add_row_fn add, void *ctx);

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
int cmd_backup(cli *c, int argc, char **argv);
int cmd_conclusions(cli *c, int argc, char **argv);
int cmd_conclude(cli *c, int argc, char **argv);
int cmd_actions(cli *c, int argc, char **argv);
int cmd_act(cli *c, int argc, char **argv);
int cmd_follow(cli *c, int argc, char **argv);
int cmd_registries(cli *c, int argc, char **argv);
int cmd_items(cli *c, int argc, char **argv);
int cmd_links(cli *c, int argc, char **argv);
int cmd_link(cli *c, int argc, char **argv);
int cmd_relate(cli *c, int argc, char **argv);
int cmd_rename(cli *c, int argc, char **argv);
int cmd_organizations(cli *c, int argc, char **argv);
int cmd_attend(cli *c, int argc, char **argv);
int cmd_search(cli *c, int argc, char **argv);
int cmd_log(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_diff(cli *c, int argc, char **argv);
int cmd_lint(cli *c, int argc, char **argv);

/* ---- output files (cmd_interchange.c) ---- */

/* -o FILE (NULL or "-": standard output); close_output removes a file left
 * incomplete by a failure. */
int open_output(cli *c, const char *path, FILE **out);
int close_output(const char *path, FILE *out, int rc);
/* A cxo_write_fn writing to the FILE * passed as ctx. */
int file_sink(void *ctx, const void *data, size_t len);

#endif
