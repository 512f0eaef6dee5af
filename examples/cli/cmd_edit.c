/* observe, add, set, delete: changing records from the command line. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_observe(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "date", OPT_VALUE },      { "lifecycle", OPT_VALUE },           { "qualifier", OPT_VALUE },
		{ "priority", OPT_VALUE },  { "note", OPT_VALUE },                { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	const char *date = args_get(&a, "date");
	size_t want = date ? 2 : 3;
	if (a.npos != want) {
		args_free(&a);
		return cli_usage(c, date ? "with --date, needs TOPIC and STATUS" : "needs TOPIC, MEETING and STATUS");
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_OBSERVATION, &a, rec, NULL);
	const char *topic = a.pos[0], *point = date ? date : a.pos[1], *status = a.pos[want - 1];
	if (rc == EXIT_DONE &&
	    (cxo_row_set_text(rec, "topic", topic) || (!date && cxo_row_set_text(rec, "meeting", point)) ||
	     cxo_row_set_text(rec, "status", status)))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE) {
		const char *lifecycle = args_get(&a, "lifecycle");
		const char *key[] = { topic, lifecycle ? lifecycle : "cto", point };
		int crc = cxo_record_create(c->db, CXO_KIND_OBSERVATION, rec);
		if (crc == CXO_EEXISTS) {
			fprintf(stderr, "cxotrack: %s\n(change it with `cxotrack set observation %s %s %s --status %s`)\n",
			        cxo_errmsg(), key[0], key[1], key[2], status);
			rc = EXIT_FAILED;
		} else if (crc >= 0 && !c->json) {
			cli_warned(crc);
			printf("%s at %s: %s\n", topic, point, status);
		} else {
			rc = print_change(c, crc, "observed", CXO_KIND_OBSERVATION, key, 3);
		}
	}
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}

static int kind_arg(cli *c, const char *name, cxo_kind *kind)
{
	*kind = (cxo_kind)cxo_kind_from_name(name);
	if (*kind)
		return EXIT_DONE;
	char list[512] = "";
	size_t n = 0;
	for (int k = 1; cxo_kind_name(k) && n < sizeof list; k++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", cxo_kind_name(k));
	return cli_usage(c, "\"%s\" is not a kind of record (%s)", name, list);
}

static size_t key_size(cxo_kind kind)
{
	cxo_row *desc;
	if (cxo_kind_describe(&desc, kind))
		return 0;
	size_t n = cxo_row_size(cxo_row_child(desc, "key"));
	cxo_row_free(desc);
	return n;
}

/* KIND KEY...: the positional arguments of set and delete. */
static int kind_and_key(cli *c, const args *a, cxo_kind *kind, size_t *nkey)
{
	if (a->npos < 1)
		return cli_usage(c, "needs KIND and the record's key");
	int rc = kind_arg(c, a->pos[0], kind);
	if (rc)
		return rc;
	*nkey = a->npos - 1;
	size_t want = key_size(*kind);
	if (*nkey != want)
		return cli_usage(c, "the key of %s %s has %zu part%s", article(cxo_kind_name(*kind)), cxo_kind_name(*kind),
		                 want, want == 1 ? "" : "s");
	return EXIT_DONE;
}

/* The command that makes each kind of record that has no id of its own. */
static const struct {
	cxo_kind kind;
	const char *command;
} MAKERS[] = {
	{ CXO_KIND_OBSERVATION, "observe" }, { CXO_KIND_FOLLOWUP, "follow" },   { CXO_KIND_LINK, "link" },
	{ CXO_KIND_RELATION, "relate" },     { CXO_KIND_ATTENDANCE, "attend" },
};

static int has_field(const cxo_row *desc, const char *name)
{
	const cxo_row *fields = cxo_row_child(desc, "fields");
	for (size_t i = 0; i < cxo_row_size(fields); i++)
		if (strcmp(field(cxo_row_child_at(fields, i), "name"), name) == 0)
			return 1;
	return 0;
}

int cmd_add(cli *c, int argc, char **argv)
{
	args a;
	int rc = args_parse(c, &a, argc, argv, NULL);
	if (rc)
		return rc;
	cxo_kind kind;
	if (a.npos != 2) {
		args_free(&a);
		return cli_usage(c, "needs KIND and ID");
	}
	if ((rc = kind_arg(c, a.pos[0], &kind))) {
		args_free(&a);
		return rc;
	}
	cxo_row *desc = NULL, *rec = NULL;
	if ((rc = cxo_kind_describe(&desc, kind))) {
		args_free(&a);
		return cli_fail(c, rc);
	}
	if (!has_field(desc, "id")) {
		const char *name = cxo_kind_name(kind), *maker = "";
		for (size_t i = 0; i < sizeof MAKERS / sizeof *MAKERS; i++)
			if (MAKERS[i].kind == kind)
				maker = MAKERS[i].command;
		rc = cli_usage(c, "%s %s has no id; make one with `cxotrack %s`", article(name), name, maker);
	}
	/* the other parts of the key come as options (an item's --registry) */
	const cxo_row *parts = cxo_row_child(desc, "key");
	for (size_t i = 0; i < cxo_row_size(parts) && rc == EXIT_DONE; i++) {
		const char *part = cxo_row_text_at(parts, i);
		char flag[128];
		snprintf(flag, sizeof flag, "%s", part ? part : "");
		for (char *p = flag; *p; p++)
			if (*p == '_')
				*p = '-';
		if (strcmp(flag, "id") != 0 && !args_get(&a, flag))
			rc = cli_usage(c, "%s %s needs --%s (a part of its key)", article(cxo_kind_name(kind)),
			               cxo_kind_name(kind), flag);
	}
	if (rc == EXIT_DONE && cxo_row_new(&rec))
		rc = cli_fail(c, cxo_errcode());
	static const char *const positional[] = { "id", NULL };
	if (rc == EXIT_DONE)
		rc = record_from_args(c, kind, &a, rec, positional);
	if (rc == EXIT_DONE && cxo_row_set_text(rec, "id", a.pos[1]))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE) {
		const char *key[8];
		size_t nkey = 0;
		for (size_t i = 0; i < cxo_row_size(parts) && nkey < 8; i++) {
			const char *v = cxo_row_text(rec, cxo_row_text_at(parts, i));
			key[nkey++] = v ? v : "";
		}
		rc = print_change(c, cxo_record_create(c->db, kind, rec), "added", kind, key, nkey);
	}
	cxo_row_free(rec);
	cxo_row_free(desc);
	args_free(&a);
	return rc;
}

/* The key fields of a stored record, copied into an update. */
static int copy_key_fields(cxo_kind kind, const cxo_row *stored, cxo_row *rec)
{
	cxo_row *desc;
	int rc = cxo_kind_describe(&desc, kind);
	if (rc)
		return rc;
	const cxo_row *fields = cxo_row_child(desc, "fields");
	for (size_t i = 0; i < cxo_row_size(fields) && !rc; i++) {
		const cxo_row *f = cxo_row_child_at(fields, i);
		const char *name = field(f, "name");
		if (cxo_row_int(f, "key") && cxo_row_text(stored, name))
			rc = cxo_row_set_text(rec, name, cxo_row_text(stored, name));
	}
	cxo_row_free(desc);
	return rc;
}

int cmd_set(cli *c, int argc, char **argv)
{
	args a;
	int rc = args_parse(c, &a, argc, argv, NULL);
	if (rc)
		return rc;
	cxo_kind kind;
	size_t nkey;
	if ((rc = kind_and_key(c, &a, &kind, &nkey))) {
		args_free(&a);
		return rc;
	}
	if (!a.nopt) {
		args_free(&a);
		return cli_usage(c, "nothing to change: give --FIELD VALUE");
	}
	cxo_row *rec = NULL, *stored = NULL;
	if (cxo_row_new(&rec))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = record_from_args(c, kind, &a, rec, NULL);
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE && (rc = cxo_record_get(&stored, c->db, kind, a.pos + 1, nkey)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && (rc = copy_key_fields(kind, stored, rec)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE)
		rc = print_change(c, cxo_record_update(c->db, kind, rec), "updated", kind, a.pos + 1, nkey);
	cxo_row_free(stored);
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}

int cmd_delete(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "cascade", 0 }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	cxo_kind kind;
	size_t nkey;
	if ((rc = kind_and_key(c, &a, &kind, &nkey))) {
		args_free(&a);
		return rc;
	}
	if ((rc = cli_open(c, 1)) == EXIT_DONE) {
		int drc = cxo_record_delete(c->db, kind, a.pos + 1, nkey, args_has(&a, "cascade") ? CXO_DELETE_CASCADE : 0);
		if (drc < 0) {
			rc = cli_fail(c, drc);
		} else {
			cli_warned(drc);
			if (c->json) {
				printf("{\"deleted\":true}\n");
			} else {
				printf("deleted %s", cxo_kind_name(kind));
				for (size_t i = 0; i < nkey; i++)
					printf(" %s", a.pos[1 + i]);
				printf("\n");
			}
		}
	}
	args_free(&a);
	return rc;
}
