/* The interchange format (JSON, version 1): import and canonical export. */
#ifndef CXO_INTERCHANGE_H
#define CXO_INTERCHANGE_H

#include "cxotrack.h"

/* Import `n` documents (names may be NULL) as one: see cxo_import_buffers. */
int cxo__import(cxo_row **result, cxo_db *db, const char *const *names, const char *const *docs, const size_t *lens,
                size_t n, const cxo_import_options *opts);

#endif
