/* A program outside the project, built against an installed cxotrack: opens a
 * new database, creates a topic, reads it back, and prints what it saw. */
#include <cxotrack.h>

#include <stdio.h>
#include <string.h>

static int report(const char *what, int rc)
{
	if (rc == CXO_OK)
		printf("%s: ok\n", what);
	else
		printf("%s: %d %s (%s)\n", what, rc, cxo_errstr(rc), cxo_errmsg());
	return rc;
}

int main(int argc, char **argv)
{
	static const char topic[] = "{\"id\": \"imt-2020\", \"title\": \"5G / IMT-2020\"}";
	const char *key[] = { "imt-2020" };
	char path[4096];
	cxo_db *db = NULL;
	cxo_row *row = NULL;
	cxo_row *got = NULL;
	const char *title;
	int failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	if ((size_t)snprintf(path, sizeof path, "%s/consumer.db", argv[1]) >= sizeof path)
		return 2;

	printf("cxo_version: %s\n", cxo_version());
	printf("header matches library: %s\n",
	       strcmp(cxo_version(), CXO_VERSION_STRING) == 0 && cxo_version_number() == CXO_VERSION_NUMBER
	               ? "yes" : "no");

	failed |= report("open", cxo_db_open(&db, path, CXO_OPEN_CREATE)) != CXO_OK;
	failed |= report("row", cxo_row_from_json(&row, topic, strlen(topic))) != CXO_OK;
	failed |= report("create", cxo_record_create(db, CXO_KIND_TOPIC, row)) != CXO_OK;
	cxo_row_free(row);
	failed |= report("close", cxo_db_close(db)) != CXO_OK;

	db = NULL;
	failed |= report("reopen", cxo_db_open(&db, path, CXO_OPEN_READONLY)) != CXO_OK;
	failed |= report("get", cxo_record_get(&got, db, CXO_KIND_TOPIC, key, 1)) != CXO_OK;
	title = got ? cxo_row_text(got, "title") : NULL;
	printf("title: %s\n", title ? title : "(none)");
	cxo_row_free(got);
	failed |= report("close", cxo_db_close(db)) != CXO_OK;
	return failed;
}
