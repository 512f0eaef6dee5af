/* Field specs: checking a record's fields and putting them in canonical form.
 * The API, the command line and the importer all come through here, so a
 * value is judged the same way wherever it comes from. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Whether `b` holds `line` as one of its lines. */
static int has_line(const cxo__buf *b, const char *line)
{
	if (!b->data) /* nothing written yet (and NULL + 0 is undefined) */
		return 0;
	size_t n = strlen(line);
	const char *end = b->data + b->len;
	for (const char *p = b->data; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		if ((size_t)(nl - p) == n && memcmp(p, line, n) == 0)
			return 1;
		p = nl + 1;
	}
	return 0;
}

void cxo__warn(cxo__ctx *ctx, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* a record normalized twice (an import writes topics bare, then whole)
	 * warns once */
	if (ctx->warnings && has_line(ctx->warnings, msg))
		return;
	if (ctx->nwarnings++ == 0)
		memcpy(ctx->first_warning, msg, sizeof msg);
	if (ctx->warnings) {
		cxo__buf_adds(ctx->warnings, msg);
		cxo__buf_addc(ctx->warnings, '\n');
	}
}

int cxo__field_err(cxo__ctx *ctx, const char *field)
{
	return cxo__err_prefix("%s.%s: ", ctx->path, field);
}

static const char *type_name(int type)
{
	switch (type) {
	case CXO_TYPE_INT: return "an integer";
	case CXO_TYPE_BOOL: return "a boolean";
	case CXO_TYPE_REAL: return "a real number";
	case CXO_TYPE_TEXT: return "text";
	case CXO_TYPE_ROW: return "an object";
	case CXO_TYPE_LIST: return "a list";
	default: return "null";
	}
}

static int want(const cxo__field *f, int type, const char *what)
{
	if (f->type == type)
		return CXO_OK;
	return cxo__err(CXO_EINVAL, "expected %s, got %s", what, type_name(f->type));
}

static int check_text(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return cxo__err(CXO_EINVAL, "the text is empty (leave the field out instead)");
	if (len > CXO__TEXT_MAX)
		return cxo__err(CXO_EINVAL, "the text is %zu bytes long (at most %u)", len, CXO__TEXT_MAX);
	return cxo__text_check(s);
}

static int check_enum(const char *s, const char *const *values)
{
	for (const char *const *v = values; *v; v++)
		if (strcmp(*v, s) == 0)
			return CXO_OK;
	char q[96], list[256] = "";
	size_t o = 0;
	for (const char *const *v = values; *v && o < sizeof list - 32; v++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", v == values ? "" : ", ", *v);
	cxo__quote(q, sizeof q, s);
	return cxo__err(CXO_EINVAL, "%s is not one of %s", q, list);
}

static int check_scalar(const cxo__spec *s, const cxo__field *f)
{
	int rc;
	switch (s->type) {
	case FT_SLUG:
		return (rc = want(f, CXO_TYPE_TEXT, "an id")) ? rc : cxo__slug_check(f->v.s);
	case FT_TEXT:
		return (rc = want(f, CXO_TYPE_TEXT, "text")) ? rc : check_text(f->v.s);
	case FT_DATE:
		return (rc = want(f, CXO_TYPE_TEXT, "a date")) ? rc : cxo__date_check(f->v.s);
	case FT_ENUM:
		return (rc = want(f, CXO_TYPE_TEXT, "text")) ? rc : check_enum(f->v.s, s->values);
	case FT_COUNTRY:
		return (rc = want(f, CXO_TYPE_TEXT, "a country code")) ? rc : cxo__country_check(f->v.s);
	case FT_INT:
		if ((rc = want(f, CXO_TYPE_INT, "an integer")))
			return rc;
		if ((s->flags & FF_POSITIVE) && f->v.i < 1)
			return cxo__err(CXO_EINVAL, "%lld is not at least 1", (long long)f->v.i);
		if (f->v.i < 0)
			return cxo__err(CXO_EINVAL, "%lld is negative", (long long)f->v.i);
		if (f->v.i > 2147483647)
			return cxo__err(CXO_EINVAL, "%lld is too large (at most 2147483647)", (long long)f->v.i);
		return CXO_OK;
	case FT_BOOL:
		return want(f, CXO_TYPE_BOOL, "true or false");
	case FT_POINT:
		if ((rc = want(f, CXO_TYPE_TEXT, "a meeting id or a date")))
			return rc;
		if (cxo__point_is_date(f->v.s))
			return cxo__date_check(f->v.s);
		return cxo__slug_check(f->v.s);
	default:
		return cxo__err(CXO_ERROR, "internal: not a scalar field type");
	}
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A list of slugs or texts: checked, duplicates refused, sorted if a set. */
static int normalize_list(const cxo__spec *s, const cxo__field *f, cxo_row *out, cxo__ctx *ctx)
{
	int rc = want(f, CXO_TYPE_LIST, "a list");
	if (rc)
		return cxo__field_err(ctx, s->name);
	const cxo_row *in = f->v.row;
	if (in->n == 0)
		return CXO_OK;
	const char **items = cxo__malloc(in->n * sizeof *items);
	if (!items)
		return CXO_ENOMEM;
	for (size_t i = 0; i < in->n && !rc; i++) {
		const cxo__field *e = &in->f[i];
		rc = want(e, CXO_TYPE_TEXT, s->type == FT_TEXT_SET ? "text" : "an id");
		if (!rc && s->type == FT_TEXT_SET && !e->v.s[0])
			rc = cxo__err(CXO_EINVAL, "is empty");
		if (!rc)
			rc = s->type == FT_TEXT_SET ? check_text(e->v.s) : cxo__slug_check(e->v.s);
		if (rc)
			cxo__err_prefix("%s.%s[%zu]: ", ctx->path, s->name, i);
		items[i] = rc ? NULL : e->v.s;
	}
	if (!rc) {
		const char **sorted = items;
		if (s->type == FT_SLUGS) {
			/* order kept, but duplicates still refused */
			sorted = cxo__malloc(in->n * sizeof *sorted);
			if (!sorted) {
				cxo__free(items);
				return CXO_ENOMEM;
			}
			memcpy(sorted, items, in->n * sizeof *sorted);
		}
		qsort(sorted, in->n, sizeof *sorted, cmp_text);
		for (size_t i = 1; i < in->n && !rc; i++) {
			if (strcmp(sorted[i - 1], sorted[i]) == 0) {
				char q[96];
				cxo__quote(q, sizeof q, sorted[i]);
				rc = cxo__err(CXO_EINVAL, "%s.%s: %s appears twice", ctx->path, s->name, q);
			}
		}
		if (sorted != items)
			cxo__free(sorted);
	}
	if (!rc) {
		cxo_row *list = cxo__row_add_list(out, s->name);
		for (size_t i = 0; i < in->n && list && !rc; i++)
			rc = cxo__row_add_text(list, NULL, items[i]);
		if (!list)
			rc = CXO_ENOMEM;
	}
	cxo__free(items);
	return rc;
}

/* One element of a nested list as a record of its own kind: the parent's id
 * under `parent_key`, a renamed field back under its own name. */
int cxo__nested_to_own(const cxo__spec *s, const cxo_row *nested, const char *parent_id, cxo_row *own)
{
	int rc = cxo__row_add_text(own, s->parent_key, parent_id);
	for (size_t i = 0; i < nested->n && !rc; i++) {
		const char *name = nested->f[i].name;
		if (s->nested_name && strcmp(name, s->nested_name) == 0)
			name = s->own_name;
		else if (strcmp(name, s->parent_key) == 0 || (s->own_name && strcmp(name, s->own_name) == 0))
			continue; /* implied by the parent (normalize_children reports it) */
		rc = cxo__row_add_copy(own, name, &nested->f[i]);
	}
	return rc;
}

/* ...and back: the nested form of a record of the child kind. */
int cxo__own_to_nested(const cxo__spec *s, const cxo_row *own, cxo_row *nested)
{
	int rc = CXO_OK;
	for (size_t i = 0; i < own->n && !rc; i++) {
		const char *name = own->f[i].name;
		if (strcmp(name, s->parent_key) == 0)
			continue;
		if (s->own_name && strcmp(name, s->own_name) == 0)
			name = s->nested_name;
		rc = cxo__row_add_copy(nested, name, &own->f[i]);
	}
	return rc;
}

typedef struct nested_item {
	cxo_row *row;
	const char *order;
} nested_item;

static int by_order(const void *a, const void *b)
{
	return strcmp(((const nested_item *)a)->order, ((const nested_item *)b)->order);
}

/* A nested list: each element checked as a record of the child kind, the list
 * written in the order of the elements' keys, two with one key refused. */
static int normalize_children(cxo_db *db, const cxo__spec *s, const cxo__field *f, cxo_row *out, cxo__ctx *ctx)
{
	if (f->type != CXO_TYPE_LIST)
		return cxo__err(CXO_EINVAL, "%s.%s: expected a list of %s", ctx->path, s->name, s->child->plural);
	const cxo_row *list = f->v.row;
	if (list->n == 0)
		return CXO_OK;
	const char *parent_id = cxo_row_text(out, "id");
	nested_item *items = cxo__calloc(list->n, sizeof *items);
	if (!items)
		return CXO_ENOMEM;
	cxo__buf path = CXO__BUF_INIT, key = CXO__BUF_INIT;
	const char *saved = ctx->path;
	int rc = CXO_OK;
	for (size_t i = 0; i < list->n && !rc; i++) {
		cxo__buf_reset(&path);
		cxo__buf_addf(&path, "%s.%s[%zu]", saved, s->name, i);
		if ((rc = cxo__buf_status(&path)))
			break;
		if (list->f[i].type != CXO_TYPE_ROW) {
			rc = cxo__err(CXO_EINVAL, "%s: expected an object", path.data);
			break;
		}
		const cxo_row *e = list->f[i].v.row;
		for (size_t j = 0; j < e->n && !rc; j++) {
			const char *name = e->f[j].name;
			int implied = strcmp(name, s->parent_key) == 0 && !(s->nested_name && strcmp(name, s->nested_name) == 0);
			if (!implied && !(s->own_name && strcmp(name, s->own_name) == 0))
				continue;
			if (ctx->lenient)
				cxo__warn(ctx, "%s: unknown field \"%s\" ignored", path.data, name);
			else if (implied)
				rc = cxo__err(CXO_EINVAL, "%s: unknown field \"%s\" (nested, the %s is the record around it)",
				              path.data, name, s->parent_key);
			else
				rc = cxo__err(CXO_EINVAL, "%s: unknown field \"%s\" (nested, it is given as \"%s\")", path.data,
				              name, s->nested_name);
		}
		if (rc)
			break;
		cxo_row *own = cxo__row_new_in(out->arena, 0), *canon = cxo__row_new_in(out->arena, 0);
		if (!own || !canon) {
			rc = CXO_ENOMEM;
			break;
		}
		if ((rc = cxo__nested_to_own(s, list->f[i].v.row, parent_id, own)))
			break;
		ctx->path = path.data;
		rc = cxo__spec_normalize(db, s->child, own, NULL, canon, ctx);
		ctx->path = saved;
		if (rc)
			break;
		cxo__buf_reset(&key);
		if ((rc = s->child->order(db, canon, &key)) || (rc = cxo__buf_status(&key))) {
			if (rc != CXO_ENOMEM)
				cxo__err_prefix("%s.", path.data);
			break;
		}
		items[i].order = cxo__arena_strdup(out->arena, key.data);
		items[i].row = cxo__row_new_in(out->arena, 0);
		if (!items[i].order || !items[i].row)
			rc = CXO_ENOMEM;
		else
			rc = cxo__own_to_nested(s, canon, items[i].row);
	}
	if (!rc) {
		qsort(items, list->n, sizeof *items, by_order);
		for (size_t i = 1; i < list->n && !rc; i++) {
			if (strcmp(items[i - 1].order, items[i].order) == 0) {
				const char *parts[8] = { 0 };
				cxo_row *own = cxo__row_new_in(out->arena, 0);
				if (!own || cxo__nested_to_own(s, items[i].row, parent_id, own)) {
					rc = CXO_ENOMEM;
					break;
				}
				s->child->key(own, parts);
				cxo__buf_reset(&key);
				/* the parts of the key besides the parent (an action's key is its id alone) */
				size_t shown = 0;
				for (size_t k = 0; k < s->child->nkey; k++)
					if (strcmp(s->child->key_names[k], s->parent_key) != 0)
						cxo__buf_addf(&key, "%s\"%s\"", shown++ ? ", " : "", parts[k] ? parts[k] : "");
				rc = cxo__err(CXO_EINVAL, "%s.%s: two %s with the key %s", saved, s->name, s->child->plural,
				              key.data ? key.data : "");
			}
		}
	}
	if (!rc) {
		cxo_row *dst = cxo__row_add_list(out, s->name);
		if (!dst)
			rc = CXO_ENOMEM;
		for (size_t i = 0; i < list->n && !rc; i++) {
			cxo__field *slot = cxo__row_slot(dst, NULL);
			if (!slot) {
				rc = CXO_ENOMEM;
				break;
			}
			slot->type = CXO_TYPE_ROW;
			slot->v.row = items[i].row;
		}
	}
	cxo__buf_fini(&path);
	cxo__buf_fini(&key);
	cxo__free(items);
	return rc;
}

/* the fields of a kind looked up by place; a longer spec (none is) is read
 * by name past it */
enum { SPEC_MAX = 32 };

static const cxo__spec *spec_find(const cxo__spec *spec, const char *name)
{
	for (const cxo__spec *s = spec; s->name; s++)
		if (s->name[0] == name[0] && strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

static int unknown_field(const cxo__kind_ops *k, const char *name, cxo__ctx *ctx)
{
	char q[96];
	cxo__quote(q, sizeof q, name);
	if (ctx->lenient) {
		cxo__warn(ctx, "%s: unknown field %s ignored", ctx->path, q);
		return CXO_OK;
	}
	char list[512] = "";
	size_t o = 0;
	for (const cxo__spec *s = k->spec; s->name && o < sizeof list - 40; s++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", s == k->spec ? "" : ", ", s->name);
	return cxo__err(CXO_EINVAL, "%s: unknown field %s (%s %s has: %s)", ctx->path, q,
	                strchr("aeiou", k->name[0]) ? "an" : "a", k->name, list);
}

int cxo__spec_normalize(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, const cxo_row *old, cxo_row *out,
                        cxo__ctx *ctx)
{
	int rc;
	if (rec->is_list)
		return cxo__err(CXO_EINVAL, "%s: expected an object, got a list", ctx->path);
	/* the fields given, by their place in the spec: one pass over the record
	 * (the first of a name, as cxo__row_get finds it) */
	const cxo__field *given[SPEC_MAX] = { 0 };
	for (size_t i = 0; i < rec->n; i++) {
		const cxo__spec *s = spec_find(k->spec, rec->f[i].name);
		if (!s && (rc = unknown_field(k, rec->f[i].name, ctx)))
			return rc;
		if (s && s - k->spec < SPEC_MAX && !given[s - k->spec])
			given[s - k->spec] = &rec->f[i];
	}
	for (const cxo__spec *s = k->spec; s->name; s++) {
		const cxo__field *f = s - k->spec < SPEC_MAX ? given[s - k->spec] : cxo__row_get(rec, s->name);
		if (!f && old)
			f = cxo__row_get(old, s->name);
		if (!f || f->type == CXO_TYPE_NULL) {
			if (s->dflt) {
				if ((rc = cxo__row_add_text(out, s->name, s->dflt)))
					return rc;
			} else if (s->flags & FF_REQUIRED) {
				return cxo__err(CXO_EINVAL, "%s.%s: a value is required", ctx->path, s->name);
			} else if (s->type == FT_BOOL && !(s->flags & FF_OMIT_FALSE)) {
				/* a boolean always written (an organization's sme) is false when absent */
				if ((rc = cxo__row_add_bool(out, s->name, 0)))
					return rc;
			}
			continue;
		}
		switch (s->type) {
		case FT_SLUGS:
		case FT_SLUG_SET:
		case FT_TEXT_SET:
			if ((rc = normalize_list(s, f, out, ctx)))
				return rc;
			break;
		case FT_SOURCES:
			if ((rc = cxo__sources_normalize(f, out, ctx, s->name)))
				return rc;
			break;
		case FT_NESTED:
			if ((rc = k->nested(db, s, f, out, ctx)))
				return rc;
			break;
		case FT_CHILDREN:
			if ((rc = normalize_children(db, s, f, out, ctx)))
				return rc;
			break;
		case FT_BOOL:
			if ((rc = check_scalar(s, f)))
				return cxo__field_err(ctx, s->name);
			if (f->v.i || !(s->flags & FF_OMIT_FALSE))
				if ((rc = cxo__row_add_bool(out, s->name, (int)f->v.i)))
					return rc;
			break;
		default:
			if ((rc = check_scalar(s, f)))
				return cxo__field_err(ctx, s->name);
			if ((rc = cxo__row_add_copy(out, s->name, f)))
				return rc;
		}
	}
	return CXO_OK;
}
