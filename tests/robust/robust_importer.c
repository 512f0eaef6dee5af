/* The child process of the crash test (test_crash.c): import documents into
 * a database, saying "ready" on standard output once the database is open,
 * so that the parent knows when the import begins. Exit status 0 when the
 * import landed, 1 when it failed (message on standard error), 2 for a wrong
 * command line.
 *
 *     robust_importer DB DOC [--replace]
 *     robust_importer --generate TOPICS MEETINGS TAG OUT   (write a document) */
#include "robust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "--generate") == 0) {
		size_t len;
		char *doc = rb_document(atoi(argv[2]), atoi(argv[3]), argv[4], &len);
		if (!doc || rb_write_file(argv[5], doc, len)) {
			fprintf(stderr, "robust_importer: %s\n", rb_error());
			return 1;
		}
		free(doc);
		return 0;
	}
	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--replace") != 0)) {
		fprintf(stderr, "usage: robust_importer DB DOC [--replace]\n");
		return 2;
	}
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, argv[1], CXO_OPEN_READWRITE);
	if (rc) {
		fprintf(stderr, "robust_importer: %s\n", cxo_errmsg());
		return 1;
	}
	fputs("ready\n", stdout);
	fflush(stdout);
	cxo_import_options o = CXO_IMPORT_OPTIONS_INIT;
	o.flags = argc == 4 ? CXO_IMPORT_REPLACE : 0;
	const char *doc = argv[2];
	rc = cxo_import_files(NULL, db, &doc, 1, &o);
	if (rc < 0) {
		fprintf(stderr, "robust_importer: %s\n", cxo_errmsg());
		cxo_db_close(db);
		return 1;
	}
	rc = cxo_db_close(db);
	if (rc) {
		fprintf(stderr, "robust_importer: closing: %s\n", cxo_errmsg());
		return 1;
	}
	return 0;
}
