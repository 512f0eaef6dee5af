/* The five record functions of the API, the same for every kind: a change is
 * normalized, compared with what is stored, checked, audited and written in
 * one transaction. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>

static const cxo__kind_ops *const KINDS[] = {
	NULL,
	&cxo__meeting_ops,
	&cxo__topic_ops,
	&cxo__lifecycle_ops,
	&cxo__observation_ops,
	&cxo__conclusion_ops,
	&cxo__action_ops,
	&cxo__followup_ops,
	&cxo__registry_ops,
	&cxo__item_ops,
	&cxo__link_ops,
	&cxo__relation_ops,
	&cxo__organization_ops,
	&cxo__attendance_ops,
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

/* ---- nested records ---- */

int cxo__record_load(cxo_db *db, const cxo__kind_ops *k, int64_t rowid, cxo_row *out)
{
	int rc = k->load(db, rowid, out);
	for (const cxo__spec *s = k->spec; s->name && !rc; s++) {
		if (s->type != FT_CHILDREN)
			continue;
		int64_t *ids;
		size_t n;
		if ((rc = cxo__query_ids(db, s->child->by_parent, rowid, &ids, &n)) || !n)
			continue;
		cxo_row *list = cxo__row_add_list(out, s->name);
		rc = list ? CXO_OK : CXO_ENOMEM;
		for (size_t i = 0; i < n && !rc; i++) {
			cxo_row *own = cxo__row_new_in(out->arena, 0), *nested = cxo__row_new_in(out->arena, 0);
			rc = own && nested ? cxo__record_load(db, s->child, ids[i], own) : CXO_ENOMEM;
			if (!rc)
				rc = cxo__own_to_nested(s, own, nested);
			cxo__field *slot = rc ? NULL : cxo__row_slot(list, NULL);
			if (!rc && !slot)
				rc = CXO_ENOMEM;
			if (!rc) {
				slot->type = CXO_TYPE_ROW;
				slot->v.row = nested;
			}
		}
		cxo__free(ids);
	}
	return rc;
}

/* How messages name a nested record being checked and written: by its key
 * within its parent, `conclusion "c".actions["a1"]`, not by its index, since
 * the list is in canonical order by then, not in the order given. */
static void child_path(cxo__buf *path, const char *parent, const cxo__spec *s, const cxo_row *own)
{
	const cxo__kind_ops *k = s->child;
	const char *parts[8] = { NULL };
	k->key(own, parts);
	cxo__buf_addf(path, "%s.%s[", parent, s->name);
	int first = 1;
	for (size_t p = 0; p < k->nkey && p < 8; p++) {
		if (strcmp(k->key_names[p], s->parent_key) == 0 || !parts[p])
			continue;
		char q[160];
		cxo__quote(q, sizeof q, parts[p]);
		cxo__buf_addf(path, "%s%s", first ? "" : " ", q);
		first = 0;
	}
	cxo__buf_addc(path, ']');
}

/* A message about the field a nested record carries under another name
 * (a relation's "older", nested as "topic") names it as the caller wrote it. */
static void nested_field_name(const char *path, const cxo__spec *s)
{
	const char *msg = cxo_errmsg();
	size_t n = strlen(path), own = strlen(s->own_name);
	if (strncmp(msg, path, n) != 0 || msg[n] != '.' || strncmp(msg + n + 1, s->own_name, own) != 0 ||
	    (msg[n + 1 + own] != ':' && msg[n + 1 + own] != '.'))
		return;
	char *copy = cxo__strdup(msg + n + 1 + own);
	if (copy) {
		cxo__err(cxo_errcode(), "%s.%s%s", path, s->nested_name, copy);
		cxo__free(copy);
	}
}

static int write_children(cxo_db *db, const cxo__spec *s, const cxo_row *list, const char *parent_id, int64_t parent,
                          cxo__ctx *ctx)
{
	int64_t *ids;
	size_t n;
	int rc = cxo__query_ids(db, s->child->by_parent, parent, &ids, &n);
	/* the stored list goes, the new one comes (a child's own children and
	 * sources go with it, by the schema's cascades and its remove hook) */
	for (size_t i = 0; i < n && !rc; i++)
		rc = s->child->remove(db, ids[i], NULL, CXO_DELETE_CASCADE, ctx);
	cxo__free(ids);
	cxo__arena arena;
	cxo__arena_init(&arena);
	cxo__buf path = CXO__BUF_INIT;
	const char *saved = ctx->path;
	for (size_t i = 0; list && i < list->n && !rc; i++) {
		cxo__arena_reset(&arena);
		cxo_row *own = cxo__row_new_in(&arena, 0);
		if (!own) {
			rc = CXO_ENOMEM;
			break;
		}
		if ((rc = cxo__nested_to_own(s, list->f[i].v.row, parent_id, own)))
			break;
		cxo__buf_reset(&path);
		child_path(&path, saved, s, own);
		if ((rc = cxo__buf_status(&path)))
			break;
		ctx->path = path.data;
		int64_t child = 0;
		rc = s->child->check(db, own, 0, ctx);
		if (!rc)
			rc = cxo__record_write(db, s->child, own, NULL, &child, ctx);
		if (rc && s->own_name)
			nested_field_name(path.data, s);
		ctx->path = saved;
	}
	cxo__buf_fini(&path);
	cxo__arena_fini(&arena);
	return rc;
}

int cxo__record_write(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, const cxo_row *old, int64_t *rowid,
                      cxo__ctx *ctx)
{
	int rc = k->write(db, rec, rowid, ctx);
	for (const cxo__spec *s = k->spec; s->name && !rc; s++) {
		if (s->type != FT_CHILDREN)
			continue;
		const cxo__field *now = cxo__row_get(rec, s->name), *was = old ? cxo__row_get(old, s->name) : NULL;
		if (!now && !was)
			continue;
		if (old && now && was && cxo__row_equal(now->v.row, was->v.row))
			continue;
		rc = write_children(db, s, now ? now->v.row : NULL, cxo_row_text(rec, "id"), *rowid, ctx);
	}
	return rc;
}

/* ---- records that refer to one being deleted ---- */

/* The record as it would be without the reference to `id` in `field`. */
static int without_ref(const cxo_row *old, const char *field, const char *id, cxo_row *out)
{
	int rc = CXO_OK;
	for (size_t i = 0; i < old->n && !rc; i++) {
		const cxo__field *f = &old->f[i];
		if (strcmp(f->name, field) != 0) {
			rc = cxo__row_add_copy(out, f->name, f);
		} else if (f->type == CXO_TYPE_LIST) {
			cxo_row *list = cxo__row_add_list(out, f->name);
			for (size_t k = 0; list && k < f->v.row->n && !rc; k++)
				if (f->v.row->f[k].type != CXO_TYPE_TEXT || strcmp(f->v.row->f[k].v.s, id) != 0)
					rc = cxo__row_add_copy(list, NULL, &f->v.row->f[k]);
			if (!list)
				rc = CXO_ENOMEM;
		}
	}
	return rc;
}

static int audited_change(cxo_db *db, const cxo__ref *r, int64_t rowid, const char *id, cxo__ctx *ctx)
{
	cxo__arena arena;
	cxo__arena_init(&arena);
	cxo_row *old = cxo__row_new_in(&arena, 0), *canon = cxo__row_new_in(&arena, 0);
	int rc = old && canon ? cxo__record_load(db, r->kind, rowid, old) : CXO_ENOMEM;
	const char *parts[8] = { 0 };
	cxo__buf key = CXO__BUF_INIT;
	if (!rc) {
		r->kind->key(old, parts);
		cxo__audit_key(&key, parts, r->kind->nkey);
		rc = cxo__buf_status(&key);
	}
	if (!rc && !r->clear) {
		rc = cxo__audit_write(db, "delete", r->kind->name, key.data, old, NULL, ctx->audit_parent, NULL);
		if (!rc)
			rc = r->kind->remove(db, rowid, old, CXO_DELETE_CASCADE, ctx);
	} else if (!rc) {
		cxo_row *changed = cxo__row_new_in(&arena, 0);
		rc = changed ? without_ref(old, r->clear, id, changed) : CXO_ENOMEM;
		if (!rc)
			rc = cxo__spec_normalize(db, r->kind, changed, NULL, canon, ctx);
		if (!rc)
			rc = cxo__audit_write(db, "update", r->kind->name, key.data, old, canon, ctx->audit_parent, NULL);
		if (!rc)
			rc = cxo__record_write(db, r->kind, canon, old, &rowid, ctx);
	}
	cxo__buf_fini(&key);
	cxo__arena_fini(&arena);
	return rc;
}

int cxo__record_remove_audited(cxo_db *db, const cxo__kind_ops *k, int64_t rowid, cxo__ctx *ctx)
{
	const cxo__ref r = { NULL, k, NULL, NULL, NULL };
	return audited_change(db, &r, rowid, NULL, ctx);
}

int cxo__refs_release(cxo_db *db, const cxo__ref *refs, size_t n, int64_t rowid, const char *id, uint32_t flags,
                      cxo__ctx *ctx)
{
	int64_t **ids = cxo__calloc(n ? n : 1, sizeof *ids);
	size_t *counts = cxo__calloc(n ? n : 1, sizeof *counts);
	int rc = ids && counts ? CXO_OK : CXO_ENOMEM;
	size_t total = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = cxo__query_ids(db, refs[i].ids, rowid, &ids[i], &counts[i]);
		total += counts[i];
	}
	if (!rc && total && !(flags & CXO_DELETE_CASCADE)) {
		cxo__buf what = CXO__BUF_INIT;
		size_t listed = 0, kinds = 0;
		for (size_t i = 0; i < n; i++)
			kinds += counts[i] != 0;
		for (size_t i = 0; i < n; i++) {
			if (!counts[i])
				continue;
			listed++;
			cxo__buf_addf(&what, "%s%zu %s", listed == 1 ? "" : listed == kinds ? " and " : ", ", counts[i],
			              counts[i] == 1 ? refs[i].noun : refs[i].nouns);
		}
		rc = cxo__err(CXO_ECONSTRAINT, "%s is referred to by %s; delete them first, or cascade", ctx->path,
		              cxo__buf_cstr(&what) ? cxo__buf_cstr(&what) : "other records");
		cxo__buf_fini(&what);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if (i && counts[i]) {
			/* read again: an earlier kind's cascade may have taken some with
			 * it (the follow-ups of a conclusion of the meeting deleted) */
			cxo__free(ids[i]);
			rc = cxo__query_ids(db, refs[i].ids, rowid, &ids[i], &counts[i]);
		}
		for (size_t k = 0; k < counts[i] && !rc; k++)
			rc = audited_change(db, &refs[i], ids[i][k], id, ctx);
	}
	for (size_t i = 0; ids && i < n; i++)
		cxo__free(ids[i]);
	cxo__free(ids);
	cxo__free(counts);
	return rc;
}

int cxo__row_cut_nested(cxo_db *db, cxo_row *row, const char *name, const cxo__cutoff *cut)
{
	int64_t at = cxo_row_index(row, name);
	if (!cut->set || at < 0 || row->f[at].type != CXO_TYPE_LIST)
		return CXO_OK;
	cxo_row *list = row->f[at].v.row;
	size_t kept = 0;
	for (size_t i = 0; i < list->n; i++) {
		const cxo_row *e = list->f[i].type == CXO_TYPE_ROW ? list->f[i].v.row : NULL;
		const char *point = e ? cxo_row_text(e, "meeting") : NULL;
		if (e && !point)
			point = cxo_row_text(e, "date");
		if (e && !point)
			point = cxo_row_text(e, "since");
		int admitted = 1;
		if (point) {
			char pos[CXO__POS_MAX];
			int64_t meeting;
			int found, rc = cxo__point_pos(db, point, pos, &meeting, &found);
			if (rc)
				return rc;
			admitted = !found || cxo__cutoff_admits(cut, pos);
		}
		if (admitted)
			list->f[kept++] = list->f[i];
	}
	list->n = kept;
	if (!kept) {
		/* an empty list is left out, as in the canonical form */
		memmove(&row->f[at], &row->f[at + 1], (row->n - (size_t)at - 1) * sizeof row->f[0]);
		row->n--;
	}
	return CXO_OK;
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
	case FT_POINT: return "point";
	case FT_CHILDREN: return "records";
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
static int record_path(cxo__buf *b, const cxo__kind_ops *k, const char *const *parts)
{
	/* quoted in place: every record written is named, most never in a message */
	enum { QUOTED_MAX = 96 };
	size_t n = strlen(k->name);
	if (cxo__buf_reserve(b, n + k->nkey * (QUOTED_MAX + 1)))
		return CXO_ENOMEM;
	char *d = b->data + b->len;
	memcpy(d, k->name, n);
	for (size_t i = 0; i < k->nkey; i++) {
		d[n++] = ' ';
		cxo__quote(d + n, QUOTED_MAX, parts[i] ? parts[i] : "");
		n += strlen(d + n);
	}
	b->len += n;
	b->data[b->len] = '\0';
	return CXO_OK;
}

int cxo__record_put(cxo_db *db, const cxo__kind_ops *k, const cxo_row *rec, int mode, cxo__ctx *ctx, int *outcome)
{
	const char *parts[8] = { 0 };
	k->key(rec, parts);
	cxo__buf path = CXO__BUF_INIT;
	const char *saved_path = ctx->path;
	if (!ctx->path) {
		if (record_path(&path, k, parts))
			return CXO_ENOMEM;
		ctx->path = path.data;
	}
	int rc = CXO_OK;
	for (const cxo__spec *s = k->spec; s->name && !rc; s++) {
		const cxo__field *f = s->flags & FF_KEY ? cxo__row_get(rec, s->name) : NULL;
		if (f && f->type != CXO_TYPE_TEXT && f->type != CXO_TYPE_NULL)
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
	if (!rc && !(rc = k->checked_first ? cxo__write_begin_checked(db) : cxo__write_begin(db)))
		began = 1;
	if (!rc && k != ctx->none_stored)
		rc = k->find(db, parts, &rowid);
	if (!rc && rowid && mode == CXO__PUT_CREATE)
		rc = cxo__err(CXO_EEXISTS, "%s already exists", ctx->path);
	if (!rc && !rowid && mode == CXO__PUT_UPDATE)
		rc = cxo__err(CXO_ENOTFOUND, "%s does not exist", ctx->path);
	cxo_row *old = NULL, *canon = NULL;
	if (!rc && rowid) {
		old = cxo__row_new_in(&arena, 0);
		rc = old ? cxo__record_load(db, k, rowid, old) : CXO_ENOMEM;
	}
	if (!rc) {
		canon = cxo__row_new_in(&arena, 0);
		rc = canon ? cxo__spec_normalize(db, k, rec, mode == CXO__PUT_REPLACE ? NULL : old, canon, ctx) : CXO_ENOMEM;
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
		} else if (!rc && !ctx->no_audit) {
			rc = cxo__audit_write(db, "update", k->name, key.data, old, canon, ctx->audit_parent, NULL);
		}
		cxo__buf_fini(&key);
		if (!rc)
			rc = cxo__record_write(db, k, canon, old, &rowid, ctx);
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
		return cxo__err(CXO_EINVAL, "%s: the key of %s %s has %zu part%s (%s), not %zu", fn,
		                strchr("aeiou", k->name[0]) ? "an" : "a", k->name, k->nkey,
		                k->nkey == 1 ? "" : "s", names, nkey);
	}
	for (size_t i = 0; i < nkey; i++) {
		if (!key[i])
			return cxo__err(CXO_EMISUSE, "%s: key[%zu] is NULL", fn, i);
		if (cxo__text_check(key[i]))
			return cxo__err_prefix("%s: key[%zu] (%s): ", fn, i, k->key_names[i]);
	}
	return CXO_OK;
}

static int not_found(const cxo__kind_ops *k, const char *const *key)
{
	cxo__buf b = CXO__BUF_INIT;
	int rc = cxo__err(CXO_ENOTFOUND, "%s does not exist", record_path(&b, k, key) ? k->name : b.data);
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
		rc = row ? cxo__record_load(db, k, rowid, row) : CXO_ENOMEM;
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
			rc = old ? cxo__record_load(db, k, rowid, old) : CXO_ENOMEM;
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

static const cxo__sql S_REF_TOPIC = { "SELECT id FROM topic WHERE slug = ?1" };
static const cxo__sql S_REF_MEETING = { "SELECT id FROM meeting WHERE slug = ?1" };
static const cxo__sql S_REF_REGISTRY = { "SELECT id FROM registry WHERE slug = ?1" };
static const cxo__sql S_REF_ORGANIZATION = { "SELECT id FROM organization WHERE slug = ?1" };
static const cxo__sql S_REF_ACTION = { "SELECT id FROM action WHERE slug = ?1" };
static const cxo__sql S_REF_ITEM = {
	"SELECT i.id FROM item AS i JOIN registry AS r ON r.id = i.registry WHERE r.slug = ?1 AND i.ident = ?2"
};

/* Every filter of `q` that names a record names one that exists: an unknown
 * one is CXO_ENOTFOUND, naming the filter, not an empty list. */
static int query_refs(cxo_db *db, const cxo_query *q)
{
	static const struct {
		size_t off;
		const char *name;
		const cxo__sql *find;
	} REFS[] = {
		{ offsetof(cxo_query, topic), "topic", &S_REF_TOPIC },
		{ offsetof(cxo_query, meeting), "meeting", &S_REF_MEETING },
		{ offsetof(cxo_query, registry), "registry", &S_REF_REGISTRY },
		{ offsetof(cxo_query, organization), "organization", &S_REF_ORGANIZATION },
		{ offsetof(cxo_query, action), "action", &S_REF_ACTION },
	};
	char qq[160];
	int rc = CXO_OK;
	for (size_t i = 0; i < sizeof REFS / sizeof REFS[0] && !rc; i++) {
		const char *v = *(const char *const *)(const void *)((const char *)q + REFS[i].off);
		int64_t id;
		if (!v || (rc = cxo__query_id(db, REFS[i].find, v, &id, "checking a filter")) || id)
			continue;
		cxo__quote(qq, sizeof qq, v);
		return cxo__err(CXO_ENOTFOUND, "%s: there is no %s %s", REFS[i].name, REFS[i].name, qq);
	}
	if (rc || !q->item)
		return rc;
	if (!q->registry)
		return cxo__err(CXO_EINVAL, "item: an item is named with its registry");
	const char *const k[2] = { q->registry, q->item };
	int64_t id;
	if ((rc = cxo__query_key(db, &S_REF_ITEM, k, 2, &id, "checking a filter")) || id)
		return rc;
	char r[160];
	cxo__quote(qq, sizeof qq, q->item);
	cxo__quote(r, sizeof r, q->registry);
	return cxo__err(CXO_ENOTFOUND, "item: there is no item %s in registry %s", qq, r);
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
	if ((rc = cxo__db_refresh(db)) || (rc = query_refs(db, q)))
		return rc;
	return k->list(out, db, q);
}
