/* The five record functions of the API, the same for every kind: a change is
 * normalized, compared with what is stored, checked, audited and written in
 * one transaction. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const cxo__kind_ops *const KINDS[] = {
	NULL, &cxo__meeting_ops, &cxo__topic_ops, &cxo__lifecycle_ops, &cxo__observation_ops,
};
enum { NKINDS = sizeof KINDS / sizeof KINDS[0] };

const cxo__kind_ops *cxo__kind(int kind)
{
	return kind > 0 && kind < NKINDS ? KINDS[kind] : NULL;
}

CXO_API const char *cxo_kind_name(int kind)
{
	const cxo__kind_ops *k = cxo__kind(kind);
	return k ? k->name : NULL;
}

CXO_API int cxo_kind_from_name(const char *name)
{
	if (!name)
		return 0;
	for (int i = 1; i < NKINDS; i++)
		if (strcmp(KINDS[i]->name, name) == 0 || strcmp(KINDS[i]->plural, name) == 0)
			return i;
	return 0;
}

static const char *spec_type(int type)
{
	switch (type) {
	case FT_SLUG: return "id";
	case FT_TEXT: return "text";
	case FT_INT: return "integer";
	case FT_BOOL: return "boolean";
	case FT_DATE: return "date";
	case FT_ENUM: return "enum";
	case FT_COUNTRY: return "country";
	case FT_SLUGS:
	case FT_SLUG_SET: return "ids";
	case FT_TEXT_SET: return "texts";
	case FT_SOURCES: return "sources";
	default: return "nested";
	}
}

CXO_API int cxo_kind_describe(cxo_row **out, cxo_kind kind)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_kind_describe: out is NULL");
	*out = NULL;
	const cxo__kind_ops *k = cxo__kind(kind);
	if (!k)
		return cxo__err(CXO_EINVAL, "cxo_kind_describe: %d is not a kind of record", (int)kind);
	cxo_row *r = cxo__row_new_owned();
	if (!r)
		return CXO_ENOMEM;
	int rc = cxo__row_add_text(r, "name", k->name);
	if (!rc)
		rc = cxo__row_add_text(r, "plural", k->plural);
	cxo_row *keys = rc ? NULL : cxo__row_add_list(r, "key");
	for (size_t i = 0; keys && i < k->nkey && !rc; i++)
		rc = cxo__row_add_text(keys, NULL, k->key_names[i]);
	cxo_row *fields = rc || !keys ? NULL : cxo__row_add_list(r, "fields");
	for (const cxo__spec *s = k->spec; fields && s->name && !rc; s++) {
		cxo_row *f = cxo__row_add_row(fields, NULL);
		if (!f)
			break;
		rc = cxo__row_add_text(f, "name", s->name);
		if (!rc) rc = cxo__row_add_text(f, "type", spec_type(s->type));
		if (!rc) rc = cxo__row_add_bool(f, "required", (s->flags & FF_REQUIRED) != 0);
		if (!rc) rc = cxo__row_add_bool(f, "key", (s->flags & FF_KEY) != 0);
		cxo_row *values = rc ? NULL : cxo__row_add_list(f, "values");
		for (const char *const *v = s->values; values && v && *v && !rc; v++)
			rc = cxo__row_add_text(values, NULL, *v);
		if (!rc && !values)
			rc = CXO_ENOMEM;
		if (!rc)
			rc = cxo__row_add_text(f, "default", s->dflt);
	}
	if (!rc && !fields)
		rc = CXO_ENOMEM;
	if (rc) {
		cxo_row_free(r);
		return rc;
	}
	*out = r;
	return CXO_OK;
}

static int kind_arg(int kind, const char *fn, const cxo__kind_ops **out)
{
	*out = cxo__kind(kind);
	if (!*out)
		return cxo__err(CXO_EINVAL, "%s: %d is not a kind of record", fn, kind);
	return CXO_OK;
}

/* `meeting "cto-2013-bangkok"`, `observation "imt-2020" "cto" "cto-2015-budapest"` */
static void record_path(cxo__buf *b, const cxo__kind_ops *k, const char *const *parts)
{
	cxo__buf_adds(b, k->name);
	for (size_t i = 0; i < k->nkey; i++) {
		char q[96];
		cxo__quote(q, sizeof q, parts[i] ? parts[i] : "");
		cxo__buf_addc(b, ' ');
		cxo__buf_adds(b, q);
	}
}

int cxo__record_put(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, int mode, cxo__ctx *ctx, int *outcome)
{
	const char *parts[8] = { 0 };
	k->key(rec, parts);
	cxo__buf path = CXO__BUF_INIT;
	const char *saved_path = ctx->path;
	if (!ctx->path) {
		record_path(&path, k, parts);
		if (cxo__buf_status(&path))
			return CXO_ENOMEM;
		ctx->path = path.data;
	}
	int rc = CXO_OK;
	for (const cxo__spec *s = k->spec; s->name && !rc; s++) {
		const cxo__field *f = cxo__row_get(rec, s->name);
		if ((s->flags & FF_KEY) && f && f->type != CXO_TYPE_TEXT && f->type != CXO_TYPE_NULL)
			rc = cxo__err(CXO_EINVAL, "%s.%s: expected %s, got %s", ctx->path, s->name,
			              s->type == FT_DATE ? "a date" : "an id", f->type == CXO_TYPE_INT ? "an integer"
			              : f->type == CXO_TYPE_BOOL ? "a boolean" : f->type == CXO_TYPE_ROW ? "an object" : "a list");
	}
	for (size_t i = 0; i < k->nkey && !rc; i++) {
		if (!parts[i])
			rc = cxo__err(CXO_EINVAL, "%s: the key field \"%s\" is required", ctx->path, k->key_names[i]);
	}
	cxo__arena arena;
	cxo__arena_init(&arena);
	int64_t rowid = 0;
	int began = 0;
	if (!rc && !(rc = cxo__write_begin(db)))
		began = 1;
	if (!rc)
		rc = k->find(db, parts, &rowid);
	if (!rc && rowid && mode == CXO__PUT_CREATE)
		rc = cxo__err(CXO_EEXISTS, "%s already exists", ctx->path);
	if (!rc && !rowid && mode == CXO__PUT_UPDATE)
		rc = cxo__err(CXO_ENOTFOUND, "%s does not exist", ctx->path);
	cxo_row *old = NULL, *canon = NULL;
	if (!rc && rowid) {
		old = cxo__row_new_in(&arena, 0);
		rc = old ? k->load(db, rowid, old) : CXO_ENOMEM;
	}
	if (!rc) {
		canon = cxo__row_new_in(&arena, 0);
		rc = canon ? cxo__spec_normalize(db, k, rec, old, canon, ctx) : CXO_ENOMEM;
	}
	if (!rc && old && cxo__row_equal(old, canon)) {
		if (outcome)
			*outcome = CXO__UNCHANGED;
	} else if (!rc) {
		rc = k->check(db, canon, rowid, ctx);
		cxo__buf key = CXO__BUF_INIT;
		if (!rc) {
			const char *cparts[8] = { 0 };
			k->key(canon, cparts);
			cxo__audit_key(&key, cparts, k->nkey);
			rc = cxo__buf_status(&key);
		}
		if (!rc && !rowid) {
			if (ctx->audit_parent)
				ctx->origin = ctx->audit_parent;
			else
				rc = cxo__audit_write(db, "create", k->name, key.data, NULL, canon, 0, &ctx->origin);
		} else if (!rc) {
			rc = cxo__audit_write(db, "update", k->name, key.data, old, canon, ctx->audit_parent, NULL);
		}
		cxo__buf_fini(&key);
		if (!rc)
			rc = k->write(db, canon, &rowid, ctx);
		if (!rc && outcome)
			*outcome = old ? CXO__UPDATED : CXO__CREATED;
	}
	if (began)
		rc = cxo__write_end(db, rc);
	cxo__arena_fini(&arena);
	ctx->path = saved_path;
	cxo__buf_fini(&path);
	return rc;
}

static int single_change(cxo_db *db, int kind, const cxo_row *rec, int mode, const char *fn)
{
	const cxo__kind_ops *k;
	int rc = cxo__db_writable(db, fn);
	if (rc || (rc = kind_arg(kind, fn, &k)))
		return rc;
	if (!rec)
		return cxo__err(CXO_EMISUSE, "%s: rec is NULL", fn);
	cxo__ctx ctx = { 0 };
	rc = cxo__record_put(db, k, rec, mode, &ctx, NULL);
	if (rc == CXO_OK && ctx.nwarnings)
		rc = cxo__err(CXO_WARNED, "%s", ctx.first_warning);
	return rc;
}

CXO_API int cxo_record_create(cxo_db *db, cxo_kind kind, const cxo_row *rec)
{
	return single_change(db, kind, rec, CXO__PUT_CREATE, "cxo_record_create");
}

CXO_API int cxo_record_update(cxo_db *db, cxo_kind kind, const cxo_row *rec)
{
	return single_change(db, kind, rec, CXO__PUT_UPDATE, "cxo_record_update");
}

static int key_arg(const cxo__kind_ops *k, const char *const *key, size_t nkey, const char *fn)
{
	if (!key && nkey)
		return cxo__err(CXO_EMISUSE, "%s: key is NULL", fn);
	if (nkey != k->nkey) {
		char names[256] = "";
		size_t o = 0;
		for (size_t i = 0; i < k->nkey; i++)
			o += (size_t)snprintf(names + o, sizeof names - o, "%s%s", i ? ", " : "", k->key_names[i]);
		return cxo__err(CXO_EINVAL, "%s: the key of a %s has %zu part%s (%s), not %zu", fn, k->name, k->nkey,
		                k->nkey == 1 ? "" : "s", names, nkey);
	}
	for (size_t i = 0; i < nkey; i++)
		if (!key[i])
			return cxo__err(CXO_EMISUSE, "%s: key[%zu] is NULL", fn, i);
	return CXO_OK;
}

static int not_found(const cxo__kind_ops *k, const char *const *key)
{
	cxo__buf b = CXO__BUF_INIT;
	record_path(&b, k, key);
	int rc = cxo__err(CXO_ENOTFOUND, "%s does not exist", cxo__buf_cstr(&b) ? cxo__buf_cstr(&b) : k->name);
	cxo__buf_fini(&b);
	return rc;
}

CXO_API int cxo_record_get(cxo_row **out, cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey)
{
	const cxo__kind_ops *k;
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_record_get: out is NULL");
	*out = NULL;
	int rc = cxo__db_usable(db, "cxo_record_get");
	if (rc || (rc = kind_arg(kind, "cxo_record_get", &k)) || (rc = key_arg(k, key, nkey, "cxo_record_get")))
		return rc;
	int64_t rowid = 0;
	if ((rc = cxo__read_begin(db)))
		return rc;
	rc = k->find(db, key, &rowid);
	if (!rc && !rowid)
		rc = not_found(k, key);
	cxo_row *row = NULL;
	if (!rc) {
		row = cxo__row_new_owned();
		rc = row ? k->load(db, rowid, row) : CXO_ENOMEM;
	}
	rc = cxo__read_end(db, rc);
	if (rc) {
		cxo_row_free(row);
		return rc;
	}
	*out = row;
	return CXO_OK;
}

CXO_API int cxo_record_delete(cxo_db *db, cxo_kind kind, const char *const *key, size_t nkey, uint32_t flags)
{
	const cxo__kind_ops *k;
	int rc = cxo__db_writable(db, "cxo_record_delete");
	if (rc || (rc = kind_arg(kind, "cxo_record_delete", &k)) || (rc = key_arg(k, key, nkey, "cxo_record_delete")))
		return rc;
	if (flags & ~(uint32_t)CXO_DELETE_CASCADE)
		return cxo__err(CXO_EINVAL, "cxo_record_delete: unknown flags 0x%X", flags);
	cxo__buf path = CXO__BUF_INIT;
	record_path(&path, k, key);
	if (cxo__buf_status(&path))
		return CXO_ENOMEM;
	cxo__ctx ctx = { 0 };
	ctx.path = path.data;
	cxo__arena arena;
	cxo__arena_init(&arena);
	if ((rc = cxo__write_begin(db)) == CXO_OK) {
		int64_t rowid = 0;
		rc = k->find(db, key, &rowid);
		if (!rc && !rowid)
			rc = not_found(k, key);
		cxo_row *old = NULL;
		if (!rc) {
			old = cxo__row_new_in(&arena, 0);
			rc = old ? k->load(db, rowid, old) : CXO_ENOMEM;
		}
		cxo__buf akey = CXO__BUF_INIT;
		if (!rc) {
			cxo__audit_key(&akey, key, nkey);
			rc = cxo__buf_status(&akey);
		}
		if (!rc)
			rc = cxo__audit_write(db, "delete", k->name, akey.data, old, NULL, 0, &ctx.audit_parent);
		cxo__buf_fini(&akey);
		if (!rc)
			rc = k->remove(db, rowid, old, flags, &ctx);
		rc = cxo__write_end(db, rc);
	}
	cxo__arena_fini(&arena);
	cxo__buf_fini(&path);
	if (rc == CXO_OK && ctx.nwarnings)
		rc = cxo__err(CXO_WARNED, "%s", ctx.first_warning);
	return rc;
}

CXO_API int cxo_query_init(cxo_query *q, unsigned int version)
{
	if (!q)
		return cxo__err(CXO_EMISUSE, "cxo_query_init: q is NULL");
	if (version != CXO_QUERY_VERSION)
		return cxo__err(CXO_EVERSION, "cxo_query_init: version %u is not supported (this library has %d)", version,
		                CXO_QUERY_VERSION);
	cxo_query init = CXO_QUERY_INIT;
	*q = init;
	return CXO_OK;
}

/* Check the version of a query given by the caller; NULL means the defaults. */
int cxo__query_arg(const cxo_query *q, const cxo_query **out, const char *fn)
{
	static const cxo_query defaults = CXO_QUERY_INIT;
	if (!q) {
		*out = &defaults;
		return CXO_OK;
	}
	if (q->version != CXO_QUERY_VERSION)
		return cxo__err(CXO_EVERSION, "%s: cxo_query version %u is not supported (this library has %d)", fn,
		                q->version, CXO_QUERY_VERSION);
	*out = q;
	return CXO_OK;
}

CXO_API int cxo_record_list(cxo_cursor **out, cxo_db *db, cxo_kind kind, const cxo_query *q)
{
	const cxo__kind_ops *k;
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_record_list: out is NULL");
	*out = NULL;
	int rc = cxo__db_usable(db, "cxo_record_list");
	if (rc || (rc = kind_arg(kind, "cxo_record_list", &k)) || (rc = cxo__query_arg(q, &q, "cxo_record_list")))
		return rc;
	if ((rc = cxo__db_refresh(db)))
		return rc;
	return k->list(out, db, q);
}
