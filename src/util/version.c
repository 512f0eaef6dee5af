#include "cxotrack.h"

CXO_API const char *cxo_version(void)
{
	return CXO_VERSION_STRING;
}

CXO_API int cxo_version_number(void)
{
	return CXO_VERSION_NUMBER;
}
