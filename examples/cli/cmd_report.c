/* report, and its shortcuts diff and lint: every report comes from the
 * library; the tool passes the options and prints what it writes. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const optspec SPECS[] = {
	{ "meeting", OPT_VALUE }, { "from", OPT_VALUE },      { "to", OPT_VALUE },     { "as-of", OPT_VALUE },
	{ "kinds", OPT_VALUE },   { "lifecycle", OPT_VALUE }, { "stall", OPT_VALUE },  { "topics", OPT_VALUE },
	{ "format", OPT_VALUE },  { "output", OPT_VALUE },    { NULL, 0 },
};

/* Run report `kind` with the options in `a`. */
static int run(cli *c, int kind, const args *a, const char *from, const char *to)
{
	cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
	o.kind = kind;
	o.meeting = args_get(a, "meeting");
	o.from = from ? from : args_get(a, "from");
	o.to = to ? to : args_get(a, "to");
	o.as_of = args_get(a, "as-of");
	o.kinds = args_get(a, "kinds");
	o.lifecycle = args_get(a, "lifecycle");
	o.topics = args_get(a, "topics");
	/* Markdown for people; JSON with --json; or the format asked for */
	const char *format = args_get(a, "format");
	o.format = format ? cxo_format_from_name(format) : c->json ? CXO_FORMAT_JSON : CXO_FORMAT_MARKDOWN;
	if (!o.format)
		return cli_usage(c, "--format takes json, md, csv or html, not \"%s\"", format);
	const char *stall = args_get(a, "stall");
	if (stall) {
		char *end;
		errno = 0;
		long v = strtol(stall, &end, 10);
		if (errno || *end || end == stall || v < 1 || v > 1000)
			return cli_usage(c, "--stall takes a number of meetings from 1 to 1000, not \"%s\"", stall);
		o.stall = (int)v;
	}
	const char *path = args_get(a, "output");
	FILE *out = NULL;
	int rc = cli_open(c, 0);
	if (rc == EXIT_DONE)
		rc = open_output(c, path, &out);
	if (rc != EXIT_DONE)
		return rc;
	int rrc = cxo_report(c->db, &o, file_sink, out);
	int lint_errors = rrc == CXO_WARNED;
	if (rrc < 0)
		rc = cli_fail(c, rrc);
	rc = close_output(path, out, rc);
	if (rc == EXIT_DONE && lint_errors) {
		fprintf(stderr, "cxotrack: %s\n", cxo_errmsg());
		rc = EXIT_FAILED;
	}
	return rc;
}

int cmd_report(cli *c, int argc, char **argv)
{
	args a;
	int rc = args_parse(c, &a, argc, argv, SPECS);
	if (rc)
		return rc;
	if (a.npos != 1) {
		args_free(&a);
		return cli_usage(c, "needs one KIND: tsag, followup, period, matrix, diff, agenda, participation, analysis, lint");
	}
	int kind = cxo_report_from_name(a.pos[0]);
	if (!kind)
		rc = cli_usage(c, "\"%s\" is not a report (tsag, followup, period, matrix, diff, agenda, participation, "
		                  "analysis, lint)",
		               a.pos[0]);
	else
		rc = run(c, kind, &a, NULL, NULL);
	args_free(&a);
	return rc;
}

int cmd_diff(cli *c, int argc, char **argv)
{
	args a;
	int rc = args_parse(c, &a, argc, argv, SPECS);
	if (rc)
		return rc;
	if (a.npos != 2)
		rc = cli_usage(c, "needs two meetings: the earlier A and the later B");
	else
		rc = run(c, CXO_REPORT_DIFF, &a, a.pos[0], a.pos[1]);
	args_free(&a);
	return rc;
}

int cmd_lint(cli *c, int argc, char **argv)
{
	args a;
	int rc = args_parse(c, &a, argc, argv, SPECS);
	if (rc)
		return rc;
	if (a.npos)
		rc = cli_usage(c, "takes no arguments");
	else
		rc = run(c, CXO_REPORT_LINT, &a, NULL, NULL);
	args_free(&a);
	return rc;
}
