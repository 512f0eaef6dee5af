/* Fuzzing cxo_row_from_json: any input is a row or a clear failure; a row
 * written back as JSON reads back as the same row (the JSON of the second
 * reading is the same bytes), and a row's getters agree with its JSON. */
#include "fuzz.h"

#include <string.h>

static void walk(const cxo_row *row, int depth)
{
	FUZZ_CHECK(depth < 200, "a row nested deeper than the parser allows");
	for (size_t i = 0; i < cxo_row_size(row); i++) {
		int type = cxo_row_type_at(row, i);
		FUZZ_CHECK(type >= CXO_TYPE_NULL && type <= CXO_TYPE_REAL, "field %zu has type %d", i, type);
		const char *name = cxo_row_name(row, i);
		FUZZ_CHECK(cxo_row_is_list(row) ? name == NULL : name != NULL, "field %zu: name %s in a %s", i,
		           name ? name : "(none)", cxo_row_is_list(row) ? "list" : "row");
		if (type == CXO_TYPE_TEXT)
			FUZZ_CHECK(cxo_row_text_at(row, i) != NULL, "text field %zu is NULL", i);
		if (type == CXO_TYPE_ROW || type == CXO_TYPE_LIST) {
			const cxo_row *child = cxo_row_child_at(row, i);
			FUZZ_CHECK(child != NULL, "nested field %zu is NULL", i);
			FUZZ_CHECK(cxo_row_is_list(child) == (type == CXO_TYPE_LIST), "field %zu: list or row?", i);
			walk(child, depth + 1);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxo_row *row = NULL;
	int rc = cxo_row_from_json(&row, (const char *)data, size);
	if (rc) {
		FUZZ_CHECK(rc == CXO_EFORMAT || rc == CXO_ELIMIT || rc == CXO_EINVAL, "cxo_row_from_json: %d %s", rc,
		           cxo_errmsg());
		fuzz_check_error(rc, "cxo_row_from_json");
		FUZZ_CHECK(row == NULL, "a row after a failure");
		return 0;
	}
	walk(row, 0);
	char *j1 = NULL, *j2 = NULL;
	size_t l1, l2;
	rc = cxo_row_to_json(&j1, &l1, row);
	FUZZ_CHECK(rc == CXO_OK, "cxo_row_to_json: %d %s", rc, cxo_errmsg());
	FUZZ_CHECK(strlen(j1) == l1, "cxo_row_to_json: length %zu, but a NUL at %zu", l1, strlen(j1));
	cxo_row *again = NULL;
	rc = cxo_row_from_json(&again, j1, l1);
	FUZZ_CHECK(rc == CXO_OK, "the JSON of a row does not read back: %d %s\n%s", rc, cxo_errmsg(), j1);
	rc = cxo_row_to_json(&j2, &l2, again);
	FUZZ_CHECK(rc == CXO_OK, "cxo_row_to_json: %d %s", rc, cxo_errmsg());
	FUZZ_CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0, "the row changed on the way back:\n%s\n%s", j1, j2);
	cxo_free(j1);
	cxo_free(j2);
	cxo_row_free(again);
	cxo_row_free(row);
	return 0;
}
