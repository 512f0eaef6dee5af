/* A tiny driver of the interchange API for the Python test (the command-line
 * tool has no `export` yet, and may not be built): only the public header.
 *
 *   cxo_interchange_tool DB import [--replace] [--lenient] [--check] FILE...
 *   cxo_interchange_tool DB export [--meeting M | --topic T]
 *
 * `import` creates DB if needed and prints the result row as JSON on stdout;
 * `export` writes the canonical document to stdout. On failure: the code and
 * the message on stderr ("error -8: ..."), exit status 1; 2 for a bad command
 * line. */
#include <cxotrack.h>

#include <stdio.h>
#include <string.h>

static int write_stdout(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) == len ? 0 : 1;
}

static int fail(int rc)
{
	fprintf(stderr, "error %d: %s\n", rc, cxo_errmsg());
	return 1;
}

static int usage(void)
{
	fputs("usage: cxo_interchange_tool DB import [--replace] [--lenient] [--check] FILE...\n"
	      "       cxo_interchange_tool DB export [--meeting M | --topic T]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *path = argv[1], *cmd = argv[2];
	cxo_db *db = NULL;
	int rc;
	if (strcmp(cmd, "import") == 0) {
		cxo_import_options opts = CXO_IMPORT_OPTIONS_INIT;
		int i = 3;
		for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
			if (strcmp(argv[i], "--replace") == 0)
				opts.flags |= CXO_IMPORT_REPLACE;
			else if (strcmp(argv[i], "--lenient") == 0)
				opts.flags |= CXO_IMPORT_LENIENT;
			else if (strcmp(argv[i], "--check") == 0)
				opts.flags |= CXO_IMPORT_CHECK;
			else
				return usage();
		}
		if (i == argc)
			return usage();
		if ((rc = cxo_db_open(&db, path, CXO_OPEN_CREATE)))
			return fail(rc);
		cxo_row *result = NULL;
		rc = cxo_import_files(&result, db, (const char *const *)(argv + i), (size_t)(argc - i), &opts);
		if (rc < 0) {
			cxo_db_close(db);
			return fail(rc);
		}
		char *json = NULL;
		if (cxo_row_to_json(&json, NULL, result) == CXO_OK)
			printf("%s\n", json);
		cxo_free(json);
		cxo_row_free(result);
	} else if (strcmp(cmd, "export") == 0) {
		cxo_export_options opts = CXO_EXPORT_OPTIONS_INIT;
		for (int i = 3; i < argc; i++) {
			if (i + 1 < argc && strcmp(argv[i], "--meeting") == 0)
				opts.meeting = argv[++i];
			else if (i + 1 < argc && strcmp(argv[i], "--topic") == 0)
				opts.topic = argv[++i];
			else
				return usage();
		}
		if ((rc = cxo_db_open(&db, path, CXO_OPEN_READONLY)))
			return fail(rc);
		rc = cxo_export_json(db, &opts, write_stdout, NULL);
		if (rc) {
			cxo_db_close(db);
			return fail(rc);
		}
	} else {
		return usage();
	}
	if (fflush(stdout) != 0)
		rc = CXO_EIO;
	cxo_db_close(db);
	return rc < 0 ? 1 : 0;
}
