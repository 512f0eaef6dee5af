/* The library's side of cxo_row: fast building for the model (field names are
 * static strings, values are copied into the row's arena) and JSON writing. */
#ifndef CXO_UTIL_ROW_H
#define CXO_UTIL_ROW_H

#include "cxotrack.h"
#include "arena.h"
#include "buf.h"

typedef struct cxo__field {
	const char *name; /* NULL in a list */
	int type;         /* enum cxo_type */
	union {
		int64_t i;
		double d;
		const char *s;
		cxo_row *row;
	} v;
} cxo__field;

struct cxo_row {
	cxo__arena *arena;
	cxo__field *f;
	size_t n, cap;
	int is_list;
};

/* A row allocated in `a` (freed with the arena). NULL on ENOMEM. */
cxo_row *cxo__row_new_in(cxo__arena *a, int is_list);

/* Appending without looking for an existing field of the same name: the
 * caller guarantees names are unique and static. Each returns CXO_OK or
 * CXO_ENOMEM; a NULL text adds a null. */
int cxo__row_add_text(cxo_row *r, const char *name, const char *text);
int cxo__row_add_textn(cxo_row *r, const char *name, const char *text, size_t len);
int cxo__row_add_int(cxo_row *r, const char *name, int64_t v);
int cxo__row_add_bool(cxo_row *r, const char *name, int v);
int cxo__row_add_real(cxo_row *r, const char *name, double v);
int cxo__row_add_null(cxo_row *r, const char *name);
/* Add a nested row or list; NULL on ENOMEM. */
cxo_row *cxo__row_add_row(cxo_row *r, const char *name);
cxo_row *cxo__row_add_list(cxo_row *r, const char *name);
/* Add a deep copy of `src` (any type) under `name`. */
int cxo__row_add_copy(cxo_row *r, const char *name, const cxo__field *src);

/* A row owned by the caller (freed with cxo_row_free), with its own arena. */
cxo_row *cxo__row_new_owned(void);

/* The field named `name`, or NULL. */
const cxo__field *cxo__row_get(const cxo_row *r, const char *name);
/* Set or replace the field `name` (name copied), for the public setters. */
cxo__field *cxo__row_slot(cxo_row *r, const char *name);

/* Compact JSON (indent < 0) or canonical indented JSON (indent = current
 * level, two spaces each): lists of scalars on one line, rows and lists of
 * rows one element per line. */
int cxo__row_write_json(cxo__buf *b, const cxo_row *r, int indent);
int cxo__field_write_json(cxo__buf *b, const cxo__field *f, int indent);

/* Deep equality (field order matters). */
int cxo__row_equal(const cxo_row *a, const cxo_row *b);

#endif
