/* organizations, attend: who takes part in the meetings. */
#include "cli.h"

static int add_organization(table *t, const cxo_row *row, void *ctx)
{
	(void)ctx;
	const char *cells[] = { field(row, "id"),     field(row, "country"), field(row, "region"),
		                    field(row, "kind"),   yes_no(row, "sme"),    yes_no(row, "developing"),
		                    field(row, "name") };
	return table_add(t, cells);
}

int cmd_organizations(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	size_t npos = a.npos;
	args_free(&a);
	if (npos)
		return cli_usage(c, "takes no arguments");
	static const char *const heads[] = { "ID", "COUNTRY", "REGION", "KIND", "SME", "DEVELOPING", "NAME" };
	table *t = table_new(7, heads);
	if (t)
		table_keep(t, 0);
	return print_list(c, CXO_KIND_ORGANIZATION, NULL, t, add_organization, NULL);
}

int cmd_attend(cli *c, int argc, char **argv)
{
	static const optspec specs[] = { { "role", OPT_VALUE }, { "note", OPT_VALUE }, { "uncertain", 0 }, { NULL, 0 } };
	args a;
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 2) {
		args_free(&a);
		return cli_usage(c, "needs MEETING and ORG");
	}
	cxo_row *rec = NULL;
	if (cxo_row_new(&rec)) {
		args_free(&a);
		return cli_fail(c, cxo_errcode());
	}
	rc = record_from_args(c, CXO_KIND_ATTENDANCE, &a, rec, NULL);
	if (rc == EXIT_DONE && (cxo_row_set_text(rec, "meeting", a.pos[0]) || cxo_row_set_text(rec, "organization", a.pos[1])))
		rc = cli_fail(c, cxo_errcode());
	if (rc == EXIT_DONE)
		rc = cli_open(c, 1);
	if (rc == EXIT_DONE)
		rc = print_change(c, cxo_record_create(c->db, CXO_KIND_ATTENDANCE, rec), "added", CXO_KIND_ATTENDANCE, a.pos,
		                  2);
	cxo_row_free(rec);
	args_free(&a);
	return rc;
}
