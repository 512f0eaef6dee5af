/* cxotrack: the command-line tool. It parses arguments, calls the public API
 * and prints what comes back; everything else happens in the library.
 * cli_main() is the whole tool; cxotrack.c holds main(), so that the fuzz
 * harness (tests/fuzz/fuzz_cli.c) can call cli_main() again and again. */
#include "cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SOURCES_HELP "  --source REF --url U   a source (repeatable, paired in order)\n"
#define UNCERTAIN_HELP "  --uncertain            a fact the sources only imply\n"

static const command COMMANDS[] = {
	{ "init", "", "create an empty database (with the built-in \"cto\" lifecycle)", NULL, cmd_init },
	{ "import", "[--replace] [--lenient] [--check] FILE...", "import datasets in the JSON interchange format",
	  "  FILE is a document of the interchange format (docs/interchange.md); - reads\n"
	  "  standard input. Several documents combine into one, a later one's record\n"
	  "  replacing an earlier one's with the same key; all of it lands, or none.\n"
	  "  --replace   the database becomes exactly the documents (what they lack is deleted)\n"
	  "  --lenient   skip unknown keys, with a warning each\n"
	  "  --check     check everything and report the counts, writing nothing\n",
	  cmd_import },
	{ "export", "[--meeting M | --topic T] [-o FILE]", "export the database (or a part) as canonical JSON",
	  "  --meeting M   the meeting, its observations and conclusions, and what they refer to\n"
	  "  --topic T     the topic and its lineage, with their observations\n"
	  "  -o FILE       write to FILE (default: standard output)\n",
	  cmd_export },
	{ "report", "KIND [--meeting M] [--from A --to B] [--as-of P] [--kinds K,...] [--lifecycle L] [--stall K] "
	            "[--topics T,...] [--format json|md|csv|html] [-o FILE]",
	  "a report: tsag, followup, period, matrix, diff, agenda, participation, analysis, lint",
	  "  tsag           a meeting's report to TSAG (--meeting M): its conclusions, and each\n"
	  "                 topic it discussed with its history, earlier conclusions, actions, links\n"
	  "  followup       every action: overdue, open, closed\n"
	  "  period         what the meetings from A to B achieved (--from A --to B)\n"
	  "  matrix         topics x meetings\n"
	  "  diff           what changed between two meetings (--from A --to B)\n"
	  "  agenda         a meeting's agenda (--meeting M) or --topics T,... against the record\n"
	  "  participation  organizations by region, developing-country and SME shares, retention\n"
	  "  analysis       recurrence, time to assignment and delivery, attendance trend\n"
	  "  lint           findings about the records (exit status 1 if one is an error)\n"
	  "  --format F     json, md (the default; json with --json), csv (matrix, diff,\n"
	  "                 followup, participation) or html (one page with a timeline)\n"
	  "  --as-of P      ignore what is dated after P (default: the meeting, else now)\n"
	  "  --stall K      tracked meetings without an advance that make a topic stalled (3)\n"
	  "  -o FILE        write to FILE (default: standard output)\n",
	  cmd_report },
	{ "diff", "A B [--format F] [-o FILE]", "what changed between meetings A and B (report diff)", NULL, cmd_diff },
	{ "lint", "[--format F] [-o FILE]", "findings about the records; exit status 1 if one is an error (report lint)",
	  NULL, cmd_lint },
	{ "backup", "FILE", "write a consistent copy of the database, even while it is in use",
	  "  FILE is created, or replaced if it exists.\n", cmd_backup },
	{ "meetings", "[--kinds K,...]", "list the meetings in time order", NULL, cmd_meetings },
	{ "meeting", "ID", "one meeting: details, agenda, topics discussed, conclusions, attendance", NULL,
	  cmd_meeting },
	{ "topics", "[--status S] [--lifecycle L] [--as-of P]", "list the topics with their current status",
	  "  --as-of P   a meeting id or a date: the status as known then\n", cmd_topics },
	{ "topic", "ID [--lineage] [--as-of P] [--lifecycle L] [--kinds K,...]",
	  "one topic's history: statuses, movements, gaps and sources",
	  "  --lineage       stitch in the history of the topics it came from\n"
	  "                  (renamed, merged, split or superseded)\n"
	  "  --as-of P       ignore what is dated after P (a meeting id or a date)\n"
	  "  --lifecycle L   the lifecycle to follow (default cto)\n"
	  "  --kinds K,...   meeting kinds whose absence counts as a gap\n"
	  "                  (default cto,cxo,consultation,workshop)\n"
	  "Below the history: the topic's relations, its links to registry items and\n"
	  "the conclusions about it.\n",
	  cmd_topic },
	{ "conclusions", "[MEETING] [--topic T] [--as-of P]", "list a meeting's conclusions, or a topic's across meetings",
	  "  --topic T   only the conclusions about topic T\n"
	  "  --as-of P   ignore what is dated after P (a meeting id or a date)\n",
	  cmd_conclusions },
	{ "actions", "[--open] [--overdue] [--owner X] [--status S] [--meeting M] [--topic T] [--as-of P] [--kinds K,...]",
	  "list actions with their status, age and whether they are overdue",
	  "  --open          only those open or in progress\n"
	  "  --overdue       only those overdue\n"
	  "  --owner X       only those owned by X (TSB, TSAG, SG13...)\n"
	  "  --status S      only those whose status is S\n"
	  "  --meeting M     only those of M's conclusions\n"
	  "  --topic T       only those of conclusions about T\n"
	  "  --as-of P       status, age and overdue as known at P (a meeting id or a date)\n"
	  "  --kinds K,...   meeting kinds that count towards the age\n"
	  "                  (default cto,cxo,consultation,workshop)\n",
	  cmd_actions },
	{ "registries", "", "list the registries (external lists: Resolution 22 items, Focus Groups...)", NULL,
	  cmd_registries },
	{ "items", "[--registry R] [--unlinked] [--as-of P]",
	  "list registry items with their status and how many topics link to them",
	  "  --registry R   only the items of registry R\n"
	  "  --unlinked     only the items no topic links to\n"
	  "  --as-of P      ignore what is dated after P (a meeting id or a date)\n",
	  cmd_items },
	{ "links", "[--topic T] [--registry R [--item I]] [--as-of P]",
	  "list the links from topics to registry items: a topic's items, an item's topics",
	  "  --topic T                  only the links of topic T\n"
	  "  --registry R [--item I]    only the links to registry R, or to its item I\n"
	  "  --as-of P                  ignore what is dated after P (a meeting id or a date)\n",
	  cmd_links },
	{ "organizations", "", "list the organizations that take part in the meetings", NULL, cmd_organizations },
	{ "search", "TEXT...", "full-text search over titles, aliases, conclusions, notes and actions",
	  "  Every word must match, in any order; case and accents are ignored.\n"
	  "  The best matches come first.\n",
	  cmd_search },
	{ "log", "[--entity E] [--id ID] [--since DATE]", "the audit log: who changed what, and when",
	  "  --entity E      only changes to records of kind E (topic, meeting...)\n"
	  "  --id ID         only changes to the record ID (or to records whose key starts with it)\n"
	  "  --since DATE    only changes at or after DATE (UTC, a date or a time)\n"
	  "  With --json, each entry has the record before and after the change.\n",
	  cmd_log },
	{ "add", "KIND ID [--FIELD VALUE...]",
	  "create one record (meeting, topic, organization, registry, item...) from its fields",
	  "  Fields take their interchange names (--date, --city, --end-date...).\n"
	  "  A list field is given once per element (--aliases 5G --aliases IMT-2020).\n"
	  "  An item also needs --registry R; its ID is the registry's own, any text.\n"
	  SOURCES_HELP,
	  cmd_add },
	{ "observe", "TOPIC (MEETING | --date D) STATUS [--lifecycle L] [--qualifier Q] [--priority P] [--note T]",
	  "record where a topic stood at a meeting or on a date", SOURCES_HELP, cmd_observe },
	{ "conclude", "MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]",
	  "record a conclusion of a meeting, as numbered in its communique",
	  "  --id ID                the conclusion's id (default MEETING/NUMBER)\n"
	  "  --topic T              a topic it is about (repeatable)\n"
	  "  --note T               a note\n" UNCERTAIN_HELP SOURCES_HELP,
	  cmd_conclude },
	{ "act", "CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]",
	  "record an action that a conclusion asks for",
	  "  --due-meeting M        the meeting it is due at, or...\n"
	  "  --due-date D           ...the date it is due by\n"
	  "  --note T               a note\n" UNCERTAIN_HELP SOURCES_HELP,
	  cmd_act },
	{ "follow", "ACTION (MEETING | --date D) STATUS [--note T]",
	  "record where an action stood at a meeting or on a date", UNCERTAIN_HELP SOURCES_HELP, cmd_follow },
	{ "link", "TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]", "link a topic to a registry item",
	  "  --since P              the link holds from P (a meeting id or a date)\n" UNCERTAIN_HELP SOURCES_HELP,
	  cmd_link },
	{ "relate", "TOPIC TYPE OLDER [--since P] [--note T]",
	  "record that a topic comes from an older one, or is related to it",
	  "  --since P              the relation holds from P (a meeting id or a date)\n" UNCERTAIN_HELP SOURCES_HELP,
	  cmd_relate },
	{ "rename", "OLD NEW [--title T] [--since P]",
	  "rename a topic: a new topic, renamed from the old one, which keeps its history",
	  "  --title T   the new title (default: the old one)\n"
	  "  --since P   the new name holds from P (a meeting id or a date)\n"
	  "`cxotrack topic NEW --lineage` shows both histories.\n",
	  cmd_rename },
	{ "attend", "MEETING ORG [--role R]", "record that an organization attended a meeting",
	  "  --note T               a note\n" UNCERTAIN_HELP, cmd_attend },
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
		fprintf(out, "  %-14s %s\n", k->name, k->summary);
	fprintf(out, "\nThe database is --db PATH, else $CXOTRACK_DB, else ./cxotrack.db.\n"
	             "`cxotrack COMMAND --help` describes one command.\n"
	             "Exit status: 0 done (warnings on stderr), 1 the operation failed, 2 the command line was wrong.\n");
}

static void usage_command(const command *k, FILE *out)
{
	fprintf(out, "usage: cxotrack %s%s%s\n\n%s\n", k->name, *k->usage ? " " : "", k->usage, k->summary);
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
		fprintf(stderr, "\nusage: cxotrack %s%s%s\n", c->cmd->name, *c->cmd->usage ? " " : "", c->cmd->usage);
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
	if (rc == CXO_EVERSION && !write) {
		/* an older schema is migrated by a read-write open (a newer one is
		 * refused again, with the same message) */
		rc = cxo_db_open(&c->db, c->db_path, CXO_OPEN_READWRITE);
		if (rc == CXO_OK) {
			cxo_db_close(c->db);
			rc = cxo_db_open(&c->db, c->db_path, CXO_OPEN_READONLY);
		}
	}
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

int cli_main(int argc, char **argv)
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
