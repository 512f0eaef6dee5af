/* cxotrack: the command-line tool. It parses arguments, calls the public API
 * and prints what comes back; everything else happens in the library. */
#include "cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const command COMMANDS[] = {
	{ "init", "", "create an empty database (with the built-in \"cto\" lifecycle)", NULL, cmd_init },
	{ "meetings", "[--kinds K,...]", "list the meetings in time order", NULL, cmd_meetings },
	{ "meeting", "ID", "one meeting: its details, agenda and the topics it discussed", NULL, cmd_meeting },
	{ "topics", "[--status S] [--lifecycle L] [--as-of P]", "list the topics with their current status",
	  "  --as-of P   a meeting id or a date: the status as known then\n", cmd_topics },
	{ "topic", "ID [--as-of P] [--lifecycle L] [--kinds K,...]",
	  "one topic's history: statuses, movements, gaps and sources",
	  "  --as-of P       ignore what is dated after P (a meeting id or a date)\n"
	  "  --lifecycle L   the lifecycle to follow (default cto)\n"
	  "  --kinds K,...   meeting kinds whose absence counts as a gap\n"
	  "                  (default cto,cxo,consultation,workshop)\n",
	  cmd_topic },
	{ "observe", "TOPIC (MEETING | --date D) STATUS [--lifecycle L] [--qualifier Q] [--priority P] [--note T]",
	  "record where a topic stood at a meeting or on a date",
	  "  --source REF --url U   a source (repeatable, paired in order)\n", cmd_observe },
	{ "add", "KIND ID [--FIELD VALUE...]", "create one record (meeting, topic) from its fields",
	  "  Fields take their interchange names (--date, --city, --end-date...).\n"
	  "  A list field is given once per element (--aliases 5G --aliases IMT-2020).\n"
	  "  --source REF --url U   a source (repeatable, paired in order)\n",
	  cmd_add },
	{ "set", "KIND KEY... --FIELD VALUE...", "change fields of one record, addressed by its key",
	  "  An empty value clears a field (--city \"\").\n", cmd_set },
	{ "delete", "KIND KEY... [--cascade]", "delete one record",
	  "  Refused while other records refer to it, unless --cascade deletes them too.\n", cmd_delete },
	{ NULL, NULL, NULL, NULL, NULL },
};

static void usage_all(FILE *out)
{
	fprintf(out, "usage: cxotrack [--db PATH] [--actor NAME] [--json] [--version] [--help] COMMAND [ARGS]\n\n"
	             "Track the topics, lifecycle statuses and conclusions of the ITU-T CTO/CxO meetings.\n\n"
	             "commands:\n");
	for (const command *k = COMMANDS; k->name; k++)
		fprintf(out, "  %-10s %s\n", k->name, k->summary);
	fprintf(out, "\nThe database is --db PATH, else $CXOTRACK_DB, else ./cxotrack.db.\n"
	             "`cxotrack COMMAND --help` describes one command.\n"
	             "Exit status: 0 done (warnings on stderr), 1 the operation failed, 2 the command line was wrong.\n");
}

static void usage_command(const command *k, FILE *out)
{
	fprintf(out, "usage: cxotrack %s %s\n\n%s\n", k->name, k->usage, k->summary);
	if (k->help)
		fprintf(out, "\n%s", k->help);
}

int cli_usage(cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "cxotrack%s%s: ", c->cmd ? " " : "", c->cmd ? c->cmd->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c->cmd)
		fprintf(stderr, "\nusage: cxotrack %s %s\n", c->cmd->name, c->cmd->usage);
	else
		fprintf(stderr, "\nTry `cxotrack --help`.\n");
	return EXIT_USAGE;
}

int cli_fail(cli *c, int rc)
{
	(void)c;
	if (rc == CXO_WARNED) {
		fprintf(stderr, "cxotrack: warning: %s\n", cxo_errmsg());
		return EXIT_DONE;
	}
	fprintf(stderr, "cxotrack: %s\n", cxo_errmsg());
	return EXIT_FAILED;
}

int cli_warned(int rc)
{
	if (rc == CXO_WARNED)
		fprintf(stderr, "cxotrack: warning: %s\n", cxo_errmsg());
	return rc;
}

int cli_open(cli *c, int write)
{
	int rc = cxo_db_open(&c->db, c->db_path, write ? CXO_OPEN_READWRITE : CXO_OPEN_READONLY);
	if (rc == CXO_ENOTFOUND) {
		fprintf(stderr, "cxotrack: no database at %s (create one with `cxotrack init`)\n", c->db_path);
		return EXIT_FAILED;
	}
	if (rc)
		return cli_fail(c, rc);
	if (write && (rc = cxo_db_set_actor(c->db, c->actor)))
		return cli_fail(c, rc);
	return EXIT_DONE;
}

static const char *login_name(void)
{
	const char *user = getenv("USER");
	if (user && *user)
		return user;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "unknown";
}

int main(int argc, char **argv)
{
	cli c = { 0 };
	c.db_path = getenv("CXOTRACK_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = "cxotrack.db";
	c.actor = getenv("CXOTRACK_ACTOR");
	if (!c.actor || !*c.actor)
		c.actor = login_name();

	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0) {
			usage_all(stdout);
			return EXIT_DONE;
		}
		if (strcmp(a, "--version") == 0) {
			printf("cxotrack %s\n", cxo_version());
			return EXIT_DONE;
		}
		if (strcmp(a, "--json") == 0) {
			c.json = 1;
			continue;
		}
		if (strcmp(a, "--db") == 0 || strcmp(a, "--actor") == 0) {
			if (i + 1 >= argc)
				return cli_usage(&c, "%s needs a value", a);
			if (!*argv[i + 1])
				return cli_usage(&c, "%s needs a value, not an empty one", a);
			if (a[2] == 'd')
				c.db_path = argv[++i];
			else
				c.actor = argv[++i];
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0 && a[5]) {
			c.db_path = a + 5;
			continue;
		}
		if (strncmp(a, "--actor=", 8) == 0 && a[8]) {
			c.actor = a + 8;
			continue;
		}
		return cli_usage(&c, "unknown option %s", a);
	}
	if (i >= argc) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[i];
	if (strcmp(name, "help") == 0) {
		if (i + 1 >= argc) {
			usage_all(stdout);
			return EXIT_DONE;
		}
		name = argv[i + 1];
		for (const command *k = COMMANDS; k->name; k++)
			if (strcmp(k->name, name) == 0) {
				usage_command(k, stdout);
				return EXIT_DONE;
			}
		return cli_usage(&c, "there is no command \"%s\"", name);
	}
	for (const command *k = COMMANDS; k->name; k++) {
		if (strcmp(k->name, name) != 0)
			continue;
		c.cmd = k;
		for (int j = i + 1; j < argc && strcmp(argv[j], "--") != 0; j++) {
			if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
				usage_command(k, stdout);
				return EXIT_DONE;
			}
		}
		int rc = k->run(&c, argc - i - 1, argv + i + 1);
		if (c.db && cxo_db_close(c.db) && rc == EXIT_DONE)
			rc = cli_fail(&c, CXO_ESTORAGE);
		return rc;
	}
	return cli_usage(&c, "there is no command \"%s\"", name);
}
