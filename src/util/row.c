#include "row.h"
#include "alloc.h"
#include "error.h"
#include "json.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct owned_row {
	cxo_row row;
	cxo__arena arena;
} owned_row;

cxo_row *cxo__row_new_in(cxo__arena *a, int is_list)
{
	cxo_row *r = cxo__arena_alloc(a, sizeof *r);
	if (!r)
		return NULL;
	r->arena = a;
	r->f = NULL;
	r->n = r->cap = 0;
	r->is_list = is_list;
	return r;
}

static cxo__field *push(cxo_row *r, const char *name)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		cxo__field *f = cxo__arena_alloc(r->arena, cap * sizeof *f);
		if (!f)
			return NULL;
		if (r->n)
			memcpy(f, r->f, r->n * sizeof *f);
		r->f = f;
		r->cap = cap;
	}
	cxo__field *f = &r->f[r->n++];
	f->name = r->is_list ? NULL : name;
	f->type = CXO_TYPE_NULL;
	f->v.i = 0;
	return f;
}

int cxo__row_add_textn(cxo_row *r, const char *name, const char *text, size_t len)
{
	cxo__field *f = push(r, name);
	if (!f)
		return CXO_ENOMEM;
	if (!text)
		return CXO_OK;
	char *s = cxo__arena_strndup(r->arena, text, len);
	if (!s) {
		r->n--;
		return CXO_ENOMEM;
	}
	f->type = CXO_TYPE_TEXT;
	f->v.s = s;
	return CXO_OK;
}

int cxo__row_add_text(cxo_row *r, const char *name, const char *text)
{
	return cxo__row_add_textn(r, name, text, text ? strlen(text) : 0);
}

int cxo__row_add_int(cxo_row *r, const char *name, int64_t v)
{
	cxo__field *f = push(r, name);
	if (!f)
		return CXO_ENOMEM;
	f->type = CXO_TYPE_INT;
	f->v.i = v;
	return CXO_OK;
}

int cxo__row_add_bool(cxo_row *r, const char *name, int v)
{
	cxo__field *f = push(r, name);
	if (!f)
		return CXO_ENOMEM;
	f->type = CXO_TYPE_BOOL;
	f->v.i = v != 0;
	return CXO_OK;
}

int cxo__row_add_real(cxo_row *r, const char *name, double v)
{
	cxo__field *f = push(r, name);
	if (!f)
		return CXO_ENOMEM;
	f->type = CXO_TYPE_REAL;
	f->v.d = v;
	return CXO_OK;
}

int cxo__row_add_null(cxo_row *r, const char *name)
{
	return push(r, name) ? CXO_OK : CXO_ENOMEM;
}

static cxo_row *add_child(cxo_row *r, const char *name, int is_list)
{
	cxo_row *c = cxo__row_new_in(r->arena, is_list);
	if (!c)
		return NULL;
	cxo__field *f = push(r, name);
	if (!f)
		return NULL;
	f->type = is_list ? CXO_TYPE_LIST : CXO_TYPE_ROW;
	f->v.row = c;
	return c;
}

cxo_row *cxo__row_add_row(cxo_row *r, const char *name)
{
	return add_child(r, name, 0);
}

cxo_row *cxo__row_add_list(cxo_row *r, const char *name)
{
	return add_child(r, name, 1);
}

static int copy_into(cxo_row *dst, const cxo_row *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const cxo__field *f = &src->f[i];
		const char *name = f->name;
		if (name && !(name = cxo__arena_strdup(dst->arena, name)))
			return CXO_ENOMEM;
		int rc = cxo__row_add_copy(dst, name, f);
		if (rc)
			return rc;
	}
	return CXO_OK;
}

int cxo__row_add_copy(cxo_row *r, const char *name, const cxo__field *src)
{
	switch (src->type) {
	case CXO_TYPE_INT: return cxo__row_add_int(r, name, src->v.i);
	case CXO_TYPE_BOOL: return cxo__row_add_bool(r, name, (int)src->v.i);
	case CXO_TYPE_REAL: return cxo__row_add_real(r, name, src->v.d);
	case CXO_TYPE_TEXT: return cxo__row_add_text(r, name, src->v.s);
	case CXO_TYPE_ROW:
	case CXO_TYPE_LIST: {
		cxo_row *c = add_child(r, name, src->type == CXO_TYPE_LIST);
		return c ? copy_into(c, src->v.row) : CXO_ENOMEM;
	}
	default: return cxo__row_add_null(r, name);
	}
}

const cxo__field *cxo__row_get(const cxo_row *r, const char *name)
{
	if (!r || r->is_list || !name)
		return NULL;
	for (size_t i = 0; i < r->n; i++) {
		/* rows are read by name millions of times (reports, imports): the
		 * same literal, or the first byte, settles most comparisons */
		const char *n = r->f[i].name;
		if (n == name || (n[0] == name[0] && strcmp(n, name) == 0))
			return &r->f[i];
	}
	return NULL;
}

cxo__field *cxo__row_slot(cxo_row *r, const char *name)
{
	if (!r->is_list) {
		for (size_t i = 0; i < r->n; i++)
			if (strcmp(r->f[i].name, name) == 0) {
				r->f[i].type = CXO_TYPE_NULL;
				return &r->f[i];
			}
		name = cxo__arena_strdup(r->arena, name);
		if (!name)
			return NULL;
	}
	return push(r, name);
}

static int indent_to(cxo__buf *b, int level)
{
	cxo__buf_addc(b, '\n');
	for (int i = 0; i < level; i++)
		cxo__buf_add(b, "  ", 2);
	return cxo__buf_status(b);
}

static int scalar_list(const cxo_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].type == CXO_TYPE_ROW || r->f[i].type == CXO_TYPE_LIST)
			return 0;
	return 1;
}

/* The shortest text that reads back as the same double, with a fraction or an
 * exponent so that it reads back as a real, not an integer. */
static int add_real(cxo__buf *b, double d)
{
	char num[40];
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(num, sizeof num, "%.*g", digits, d);
		if (strtod(num, NULL) == d)
			break;
	}
	if (!strpbrk(num, ".eEn"))
		strcat(num, ".0");
	return cxo__buf_adds(b, num);
}

int cxo__field_write_json(cxo__buf *b, const cxo__field *f, int indent)
{
	switch (f->type) {
	case CXO_TYPE_INT: return cxo__buf_addi(b, f->v.i);
	case CXO_TYPE_BOOL: return cxo__buf_adds(b, f->v.i ? "true" : "false");
	case CXO_TYPE_REAL: return add_real(b, f->v.d);
	case CXO_TYPE_TEXT: return cxo__buf_add_json_string(b, f->v.s);
	case CXO_TYPE_ROW:
	case CXO_TYPE_LIST: return cxo__row_write_json(b, f->v.row, indent);
	default: return cxo__buf_adds(b, "null");
	}
}

int cxo__row_write_json(cxo__buf *b, const cxo_row *r, int indent)
{
	char open = r->is_list ? '[' : '{', close = r->is_list ? ']' : '}';
	cxo__buf_addc(b, open);
	if (r->n == 0)
		return cxo__buf_addc(b, close);
	/* in indented output, a list of scalars stays on one line */
	int inline_list = indent < 0 || (r->is_list && scalar_list(r));
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			cxo__buf_add(b, inline_list && indent >= 0 ? ", " : ",", inline_list && indent >= 0 ? 2 : 1);
		if (!inline_list)
			indent_to(b, indent + 1);
		if (r->f[i].name) {
			cxo__buf_add_json_string(b, r->f[i].name);
			cxo__buf_add(b, indent >= 0 ? ": " : ":", indent >= 0 ? 2 : 1);
		}
		cxo__field_write_json(b, &r->f[i], indent >= 0 ? indent + 1 : -1);
	}
	if (!inline_list)
		indent_to(b, indent);
	return cxo__buf_addc(b, close);
}

int cxo__row_equal(const cxo_row *a, const cxo_row *b)
{
	if (a->is_list != b->is_list || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const cxo__field *x = &a->f[i], *y = &b->f[i];
		if (x->type != y->type)
			return 0;
		if ((x->name || y->name) && (!x->name || !y->name || strcmp(x->name, y->name) != 0))
			return 0;
		switch (x->type) {
		case CXO_TYPE_INT:
		case CXO_TYPE_BOOL:
			if (x->v.i != y->v.i)
				return 0;
			break;
		case CXO_TYPE_REAL:
			if (x->v.d != y->v.d)
				return 0;
			break;
		case CXO_TYPE_TEXT:
			if (strcmp(x->v.s, y->v.s) != 0)
				return 0;
			break;
		case CXO_TYPE_ROW:
		case CXO_TYPE_LIST:
			if (!cxo__row_equal(x->v.row, y->v.row))
				return 0;
			break;
		default: break;
		}
	}
	return 1;
}

/* ---- public API ---- */

static cxo_row *new_owned(void)
{
	owned_row *o = cxo__malloc(sizeof *o);
	if (!o)
		return NULL;
	cxo__arena_init(&o->arena);
	o->row.arena = &o->arena;
	o->row.f = NULL;
	o->row.n = o->row.cap = 0;
	o->row.is_list = 0;
	return &o->row;
}

/* Rows handed to the caller by the library (cxo_record_get) use this too. */
cxo_row *cxo__row_new_owned(void)
{
	return new_owned();
}

CXO_API int cxo_row_new(cxo_row **out)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_row_new: out is NULL");
	*out = new_owned();
	return *out ? CXO_OK : CXO_ENOMEM;
}

CXO_API void cxo_row_free(cxo_row *row)
{
	if (!row)
		return;
	/* only owned roots are freed; their arena sits right after the row */
	owned_row *o = (owned_row *)row;
	if (row->arena != &o->arena)
		return;
	cxo__arena_fini(&o->arena);
	cxo__free(o);
}

CXO_API size_t cxo_row_size(const cxo_row *row)
{
	return row ? row->n : 0;
}

CXO_API int cxo_row_is_list(const cxo_row *row)
{
	return row ? row->is_list : 0;
}

CXO_API const char *cxo_row_name(const cxo_row *row, size_t i)
{
	return row && i < row->n ? row->f[i].name : NULL;
}

CXO_API int64_t cxo_row_index(const cxo_row *row, const char *name)
{
	const cxo__field *f = cxo__row_get(row, name);
	return f ? (int64_t)(f - row->f) : -1;
}

static const cxo__field *at(const cxo_row *row, size_t i)
{
	return row && i < row->n ? &row->f[i] : NULL;
}

CXO_API int cxo_row_type_at(const cxo_row *row, size_t i)
{
	const cxo__field *f = at(row, i);
	return f ? f->type : CXO_TYPE_NULL;
}

static int64_t field_int(const cxo__field *f)
{
	return f && (f->type == CXO_TYPE_INT || f->type == CXO_TYPE_BOOL) ? f->v.i : 0;
}

static double field_real(const cxo__field *f)
{
	return !f ? 0.0 : f->type == CXO_TYPE_REAL ? f->v.d : f->type == CXO_TYPE_INT ? (double)f->v.i : 0.0;
}

static const char *field_text(const cxo__field *f)
{
	return f && f->type == CXO_TYPE_TEXT ? f->v.s : NULL;
}

static const cxo_row *field_child(const cxo__field *f)
{
	return f && (f->type == CXO_TYPE_ROW || f->type == CXO_TYPE_LIST) ? f->v.row : NULL;
}

CXO_API int64_t cxo_row_int_at(const cxo_row *row, size_t i)
{
	return field_int(at(row, i));
}

CXO_API double cxo_row_real_at(const cxo_row *row, size_t i)
{
	return field_real(at(row, i));
}

CXO_API const char *cxo_row_text_at(const cxo_row *row, size_t i)
{
	return field_text(at(row, i));
}

CXO_API const cxo_row *cxo_row_child_at(const cxo_row *row, size_t i)
{
	return field_child(at(row, i));
}

CXO_API int cxo_row_type(const cxo_row *row, const char *name)
{
	const cxo__field *f = cxo__row_get(row, name);
	return f ? f->type : CXO_TYPE_NULL;
}

CXO_API int64_t cxo_row_int(const cxo_row *row, const char *name)
{
	return field_int(cxo__row_get(row, name));
}

CXO_API double cxo_row_real(const cxo_row *row, const char *name)
{
	return field_real(cxo__row_get(row, name));
}

CXO_API const char *cxo_row_text(const cxo_row *row, const char *name)
{
	return field_text(cxo__row_get(row, name));
}

CXO_API const cxo_row *cxo_row_child(const cxo_row *row, const char *name)
{
	return field_child(cxo__row_get(row, name));
}

static int name_check(const char *name)
{
	if (!*name)
		return cxo__err(CXO_EINVAL, "is empty");
	return cxo__text_check(name);
}

static cxo__field *setter_slot(cxo_row *row, const char *name, const char *fn)
{
	if (!row) {
		cxo__err(CXO_EMISUSE, "%s: row is NULL", fn);
		return NULL;
	}
	if (row->is_list ? name != NULL : name == NULL) {
		cxo__err(CXO_EMISUSE, row->is_list ? "%s: a list element has no name (pass NULL)"
		                                   : "%s: a field needs a name", fn);
		return NULL;
	}
	if (name && name_check(name)) {
		cxo__err_prefix("%s: field name: ", fn);
		return NULL;
	}
	return cxo__row_slot(row, name);
}

CXO_API int cxo_row_set_text(cxo_row *row, const char *name, const char *text)
{
	if (!text)
		return cxo_row_set_null(row, name);
	cxo__field *f = setter_slot(row, name, "cxo_row_set_text");
	if (!f)
		return cxo_errcode();
	char *s = cxo__arena_strdup(row->arena, text);
	if (!s)
		return CXO_ENOMEM;
	f->type = CXO_TYPE_TEXT;
	f->v.s = s;
	return CXO_OK;
}

CXO_API int cxo_row_set_int(cxo_row *row, const char *name, int64_t value)
{
	cxo__field *f = setter_slot(row, name, "cxo_row_set_int");
	if (!f)
		return cxo_errcode();
	f->type = CXO_TYPE_INT;
	f->v.i = value;
	return CXO_OK;
}

CXO_API int cxo_row_set_real(cxo_row *row, const char *name, double value)
{
	if (!isfinite(value))
		return cxo__err(CXO_EINVAL, "%s: the number is not finite", name ? name : "(element)");
	cxo__field *f = setter_slot(row, name, "cxo_row_set_real");
	if (!f)
		return cxo_errcode();
	f->type = CXO_TYPE_REAL;
	f->v.d = value;
	return CXO_OK;
}

CXO_API int cxo_row_set_bool(cxo_row *row, const char *name, int value)
{
	cxo__field *f = setter_slot(row, name, "cxo_row_set_bool");
	if (!f)
		return cxo_errcode();
	f->type = CXO_TYPE_BOOL;
	f->v.i = value != 0;
	return CXO_OK;
}

CXO_API int cxo_row_set_null(cxo_row *row, const char *name)
{
	cxo__field *f = setter_slot(row, name, "cxo_row_set_null");
	return f ? CXO_OK : cxo_errcode();
}

static int set_child(cxo_row **child, cxo_row *row, const char *name, int is_list, const char *fn)
{
	if (!child)
		return cxo__err(CXO_EMISUSE, "%s: child is NULL", fn);
	*child = NULL;
	cxo__field *f = setter_slot(row, name, fn);
	if (!f)
		return cxo_errcode();
	cxo_row *c = cxo__row_new_in(row->arena, is_list);
	if (!c)
		return CXO_ENOMEM;
	f->type = is_list ? CXO_TYPE_LIST : CXO_TYPE_ROW;
	f->v.row = c;
	*child = c;
	return CXO_OK;
}

CXO_API int cxo_row_set_row(cxo_row **child, cxo_row *row, const char *name)
{
	return set_child(child, row, name, 0, "cxo_row_set_row");
}

CXO_API int cxo_row_set_list(cxo_row **child, cxo_row *row, const char *name)
{
	return set_child(child, row, name, 1, "cxo_row_set_list");
}

/* Every text of a row is UTF-8, or JSON cannot hold it: CXO_EINVAL naming
 * the first that is not. (The setters take any bytes; a record's fields are
 * checked where it is written, with the record's name in the message.) */
static int texts_check(const cxo_row *row, cxo__buf *path)
{
	for (size_t i = 0; i < row->n; i++) {
		const cxo__field *f = &row->f[i];
		size_t old = f->name ? cxo__path_key(path, f->name) : cxo__path_index(path, i);
		int rc = CXO_OK;
		if (f->name && cxo__utf8_scan(f->name, strlen(f->name)) < strlen(f->name))
			rc = cxo__err(CXO_EINVAL, "%s: the field name is not valid UTF-8", cxo__path_str(path));
		else if (f->type == CXO_TYPE_TEXT) {
			size_t n = strlen(f->v.s), bad = cxo__utf8_scan(f->v.s, n);
			if (bad < n)
				rc = cxo__err(CXO_EINVAL, "%s: invalid UTF-8 at byte %zu", cxo__path_str(path), bad);
		} else if (f->type == CXO_TYPE_ROW || f->type == CXO_TYPE_LIST) {
			rc = texts_check(f->v.row, path);
		}
		cxo__path_pop(path, old);
		if (rc)
			return rc;
	}
	return CXO_OK;
}

CXO_API int cxo_row_to_json(char **out, size_t *len, const cxo_row *row)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_row_to_json: out is NULL");
	*out = NULL;
	if (!row)
		return cxo__err(CXO_EMISUSE, "cxo_row_to_json: row is NULL");
	cxo__buf path = CXO__BUF_INIT;
	int rc = texts_check(row, &path);
	cxo__buf_fini(&path);
	if (rc)
		return rc;
	cxo__buf b = CXO__BUF_INIT;
	cxo__row_write_json(&b, row, -1);
	*out = cxo__buf_detach(&b, len);
	return *out ? CXO_OK : CXO_ENOMEM;
}

CXO_API int cxo_row_from_json(cxo_row **out, const char *json, size_t len)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_row_from_json: out is NULL");
	*out = NULL;
	if (!json)
		return cxo__err(CXO_EMISUSE, "cxo_row_from_json: json is NULL");
	cxo_row *r = new_owned();
	if (!r)
		return CXO_ENOMEM;
	int rc = cxo__json_to_row(r, json, len, NULL, 1);
	if (rc) {
		cxo_row_free(r);
		return rc;
	}
	*out = r;
	return CXO_OK;
}
