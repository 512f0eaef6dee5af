/* Strict JSON in. cJSON 1.7 is lenient (it truncates strings at \u0000, keeps
 * duplicate keys, lets raw control characters and invalid UTF-8 through, turns
 * 1e999999 into infinity), so every document is first checked here against the
 * JSON grammar and the limits, byte by byte, with the line and column of the
 * first fault; cJSON then only builds the tree of a document known to be good. */
#ifndef CXO_UTIL_JSON_H
#define CXO_UTIL_JSON_H

#include <stddef.h>

#include "cxotrack.h"
#include "buf.h"

typedef struct cJSON cJSON;

typedef struct cxo__json_limits {
	size_t max_size;   /* bytes in the document */
	size_t max_depth;  /* nesting of arrays and objects */
	size_t max_string; /* bytes in one string (as written, escapes included) */
} cxo__json_limits;

/* 256 MiB, depth 64, strings of 1 MiB. */
extern const cxo__json_limits cxo__json_default_limits;

/* Check `text` and parse it. `name` (may be NULL) prefixes messages. Errors:
 * CXO_EFORMAT (with line and column), CXO_ELIMIT, CXO_ENOMEM. */
int cxo__json_parse(cJSON **out, const char *text, size_t len, const cxo__json_limits *lim, const char *name);

/* Add the value `v` to `parent` under `name` (NULL in a list), converting
 * objects to rows, arrays to lists; duplicate keys, non-finite numbers and,
 * unless `reals`, numbers that are not integers within +-2^53 are refused with
 * CXO_EFORMAT naming `path` (the JSON path of `v`, extended in place during the
 * walk and restored after). With `reals`, any other finite number becomes a
 * real. */
int cxo__json_add_field(cxo_row *parent, const char *name, const cJSON *v, cxo__buf *path, int reals);

/* Refuse duplicate keys among the members of one object (not nested ones). */
int cxo__json_check_keys(const cJSON *obj, const cxo__buf *path);

/* Parse `text` (one JSON object) into the empty row `dst` (`reals` as above). */
int cxo__json_to_row(cxo_row *dst, const char *text, size_t len, const cxo__json_limits *lim, int reals);

/* Path helpers: append ".key" or "[i]" to `path`, returning the old length to
 * truncate back to. */
size_t cxo__path_key(cxo__buf *path, const char *key);
size_t cxo__path_index(cxo__buf *path, size_t i);
void cxo__path_pop(cxo__buf *path, size_t len);
/* The path as text ("(document)" when empty). */
const char *cxo__path_str(cxo__buf *path);

#endif
