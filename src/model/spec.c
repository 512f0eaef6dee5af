/* Field specs: checking a record's fields and putting them in canonical form.
 * The API, the command line and the importer all come through here, so a
 * value is judged the same way wherever it comes from. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void cxo__warn(cxo__ctx *ctx, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
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

static const cxo__spec *spec_find(const cxo__spec *spec, const char *name)
{
	for (const cxo__spec *s = spec; s->name; s++)
		if (strcmp(s->name, name) == 0)
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
	for (size_t i = 0; i < rec->n; i++)
		if (!spec_find(k->spec, rec->f[i].name) && (rc = unknown_field(k, rec->f[i].name, ctx)))
			return rc;
	for (const cxo__spec *s = k->spec; s->name; s++) {
		const cxo__field *f = cxo__row_get(rec, s->name);
		if (!f && old)
			f = cxo__row_get(old, s->name);
		if (!f || f->type == CXO_TYPE_NULL) {
			if (s->dflt) {
				if ((rc = cxo__row_add_text(out, s->name, s->dflt)))
					return rc;
			} else if (s->flags & FF_REQUIRED) {
				return cxo__err(CXO_EINVAL, "%s.%s: a value is required", ctx->path, s->name);
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
