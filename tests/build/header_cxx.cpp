// The public header, first in its translation unit, compiles as C++11
// (-std=c++11 -pedantic -Wall -Wextra -Werror), and its functions link with C
// linkage (extern "C").
#include <cxotrack.h>

#include <cstdio>
#include <cstring>

int main()
{
	cxo_query q = CXO_QUERY_INIT;
	cxo_row *row = nullptr;
	int (*open_fn)(cxo_db **, const char *, uint32_t) = cxo_db_open;
	int failed = 0;

	if (std::strcmp(cxo_version(), CXO_VERSION_STRING) != 0 || cxo_version_number() != CXO_VERSION_NUMBER)
		failed = 1;
	if (q.version != CXO_QUERY_VERSION || cxo_kind_name(CXO_KIND_TOPIC) == nullptr || open_fn == nullptr)
		failed = 1;
	if (cxo_row_new(&row) != CXO_OK || cxo_row_set_text(row, "id", "imt-2020") != CXO_OK)
		failed = 1;
	const char *id = cxo_row_text(row, "id");
	if (id == nullptr || std::strcmp(id, "imt-2020") != 0)
		failed = 1;
	cxo_row_free(row);
	std::printf("cxotrack %s, C++11: %s\n", cxo_version(), failed ? "FAILED" : "ok");
	return failed;
}
