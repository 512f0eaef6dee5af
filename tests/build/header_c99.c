/* The public header, first in its translation unit, compiles as strict C99
 * (-std=c99 -pedantic -Wall -Wextra -Werror), links, and says the same version
 * as the library and as the project. */
#include <cxotrack.h>

#include <stdio.h>
#include <string.h>

#ifndef EXPECTED_VERSION
#error "EXPECTED_VERSION (the version given to CMake's project()) is not defined"
#endif

/* A few signatures, pinned: a change here is an ABI change. */
static int (*const open_fn)(cxo_db **, const char *, uint32_t) = cxo_db_open;
static int (*const create_fn)(cxo_db *, cxo_kind, const cxo_row *) = cxo_record_create;
static int (*const next_fn)(const cxo_row **, cxo_cursor *) = cxo_cursor_next;

int main(void)
{
	cxo_query q = CXO_QUERY_INIT;
	cxo_query q2;
	enum cxo_result ok = CXO_OK;
	int failed = 0;

	if (strcmp(CXO_VERSION_STRING, EXPECTED_VERSION) != 0) {
		printf("the header says version %s, the project %s\n", CXO_VERSION_STRING, EXPECTED_VERSION);
		failed = 1;
	}
	if (strcmp(cxo_version(), CXO_VERSION_STRING) != 0 || cxo_version_number() != CXO_VERSION_NUMBER) {
		printf("the library says version %s (%d), the header %s (%d)\n", cxo_version(), cxo_version_number(),
		       CXO_VERSION_STRING, CXO_VERSION_NUMBER);
		failed = 1;
	}
	if (cxo_query_init(&q2, CXO_QUERY_VERSION) != ok || q2.version != q.version || q2.as_of != q.as_of) {
		printf("cxo_query_init() and CXO_QUERY_INIT disagree\n");
		failed = 1;
	}
	if (!open_fn || !create_fn || !next_fn)
		failed = 1;
	cxo_free(NULL);
	cxo_row_free(NULL);
	cxo_cursor_free(NULL);
	printf("cxotrack %s, C99: %s\n", cxo_version(), failed ? "FAILED" : "ok");
	return failed;
}
