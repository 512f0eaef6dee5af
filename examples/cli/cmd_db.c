/* Commands on the database file itself. */
#include "cli.h"

#include <string.h>
#include <unistd.h>

int cmd_init(cli *c, int argc, char **argv)
{
	args a;
	static const optspec specs[] = { { NULL, 0 } };
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	size_t npos = a.npos;
	args_free(&a);
	if (npos)
		return cli_usage(c, "takes no arguments (the database is --db PATH)");
	if (access(c->db_path, F_OK) == 0) {
		fprintf(stderr, "cxotrack: %s already exists\n", c->db_path);
		return EXIT_FAILED;
	}
	if ((rc = cxo_db_open(&c->db, c->db_path, CXO_OPEN_CREATE)))
		return cli_fail(c, rc);
	if (c->json)
		printf("{\"created\":true}\n");
	else
		printf("created %s\n", c->db_path);
	return EXIT_DONE;
}

int cmd_backup(cli *c, int argc, char **argv)
{
	args a;
	static const optspec specs[] = { { NULL, 0 } };
	int rc = args_parse(c, &a, argc, argv, specs);
	if (rc)
		return rc;
	if (a.npos != 1) {
		args_free(&a);
		return cli_usage(c, "needs the FILE to write");
	}
	const char *path = a.pos[0];
	if ((rc = cli_open(c, 0)) == EXIT_DONE && (rc = cxo_db_backup(c->db, path)))
		rc = cli_fail(c, rc);
	if (rc == EXIT_DONE && c->json) {
		cxo_row *out = NULL;
		if (cxo_row_new(&out) || cxo_row_set_text(out, "backup", path))
			rc = cli_fail(c, cxo_errcode());
		else
			print_json_row(out);
		cxo_row_free(out);
	} else if (rc == EXIT_DONE) {
		printf("backed up %s to %s\n", c->db_path, path);
	}
	args_free(&a);
	return rc;
}
