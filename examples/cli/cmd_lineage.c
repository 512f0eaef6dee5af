/* relate, rename: how topics descend from older ones. */
#include "cli.h"

int cmd_relate(cli *c, int argc, char **argv)
{
	static const optspec specs[] = {
		{ "since", OPT_VALUE }, { "note", OPT_VALUE }, { "uncertain", 0 },
		{ "source", OPT_VALUE | OPT_REPEAT }, { "url", OPT_VALUE | OPT_REPEAT }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 3) {
		args_free(&a);
		return cli_usage(c, "needs TOPIC, TYPE and OLDER");
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_RELATION, &a, rec, NULL);
	if (rc == EXIT_DONE && (cxo_row_set_text(rec, "topic", a.pos[0]) || cxo_row_set_text(rec, "type", a.pos[1]) ||
	                        cxo_row_set_text(rec, "older", a.pos[2])))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE)
		rc = print_change(c, cxo_record_create(c->db, CXO_KIND_RELATION, rec), "added", CXO_KIND_RELATION, a.pos, 3);
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}

int cmd_rename(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "title", OPT_VALUE }, { "since", OPT_VALUE }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 2) {
		args_free(&a);
		return cli_usage(c, "needs OLD and NEW topic ids");
	}
	if ((rc = cli_open(c, 1)) == EXIT_DONE) {
		int rrc = cxo_topic_rename(c->db, a.pos[0], a.pos[1], args_get(&a, "title"), args_get(&a, "since"));
		if (rrc < 0) {
			rc = cli_fail(c, rrc);
		} else if (c->json) {
			rc = print_change(c, rrc, "renamed", CXO_KIND_TOPIC, &a.pos[1], 1);
		} else {
			cli_warned(rrc);
			printf("renamed topic %s to %s\n", a.pos[0], a.pos[1]);
		}
	}
	args_free(&a);
	return rc;
}
