/* Import of documents of the interchange format (version 1).
 *
 * Phase 1 reads every document without touching the database: strict JSON
 * within the limits, the top level, each record's key (one per key within a
 * document; a later document's record replaces an earlier one's), and in
 * replace mode every reference, which must resolve within the documents.
 * Phase 2 writes every record through the same path as cxo_record_* (normalize,
 * check, audit, write) in one transaction, kinds in the order their references
 * need: any failure undoes all of it. Topics go twice, first bare and then with
 * their relations and links, which may name topics written after them. */
#include "interchange.h"
#include "../model/model.h"
#include "../util/alloc.h"
#include "../util/json.h"
#include "../util/text.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The top-level arrays, in the order they are written. */
static const cxo__kind_ops *const KINDS[] = {
	&cxo__lifecycle_ops, &cxo__registry_ops, &cxo__item_ops, &cxo__organization_ops,
	&cxo__meeting_ops, &cxo__topic_ops, &cxo__observation_ops, &cxo__conclusion_ops,
};
enum { NKINDS = sizeof KINDS / sizeof KINDS[0], TOPICS = 5, OBSERVATIONS = 6, CONCLUSIONS = 7 };

/* ---- the combined document ---- */

typedef struct entry {
	const cJSON *json;
	size_t doc;
	char *path; /* "meetings[3]", or "file.json: meetings[3]" with several documents */
	char *key;  /* the key parts joined by \x1F */
	int created_bare; /* a topic created by the first pass */
} entry;

typedef struct kindset {
	entry *e;
	size_t n, cap;
	size_t *slots; /* open addressing on key hashes: index + 1, 0 free */
	size_t nslots;
} kindset;

typedef struct import {
	cxo_db *db;
	const cxo_import_options *opts;
	cJSON **roots;
	size_t ndocs;
	size_t total_size;
	kindset k[NKINDS];
	cxo__buf warnings;
	int64_t counts[4][NKINDS]; /* created, updated, unchanged, deleted */
	uint64_t done, total;
} import;

enum { CREATED, UPDATED, UNCHANGED, DELETED };
static const char *const COUNT_NAMES[] = { "created", "updated", "unchanged", "deleted" };

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The index of the entry with `key`, or -1. */
static long set_find(const kindset *s, const char *key)
{
	if (!s->nslots)
		return -1;
	for (size_t i = hash(key) & (s->nslots - 1);; i = (i + 1) & (s->nslots - 1)) {
		if (!s->slots[i])
			return -1;
		if (strcmp(s->e[s->slots[i] - 1].key, key) == 0)
			return (long)s->slots[i] - 1;
	}
}

static int set_add(kindset *s, entry *e)
{
	if ((s->n + 1) * 2 > s->nslots) {
		size_t n = s->nslots ? s->nslots * 2 : 64;
		size_t *slots = cxo__calloc(n, sizeof *slots);
		if (!slots)
			return CXO_ENOMEM;
		for (size_t i = 0; i < s->n; i++) {
			size_t k = hash(s->e[i].key) & (n - 1);
			while (slots[k])
				k = (k + 1) & (n - 1);
			slots[k] = i + 1;
		}
		cxo__free(s->slots);
		s->slots = slots;
		s->nslots = n;
	}
	entry *grown = cxo__grow(s->e, &s->cap, s->n + 1, sizeof *s->e);
	if (!grown)
		return CXO_ENOMEM;
	s->e = grown;
	s->e[s->n] = *e;
	size_t k = hash(e->key) & (s->nslots - 1);
	while (s->slots[k])
		k = (k + 1) & (s->nslots - 1);
	s->slots[k] = ++s->n;
	return CXO_OK;
}

static void import_free(import *im)
{
	for (size_t i = 0; i < im->ndocs; i++)
		cJSON_Delete(im->roots[i]);
	cxo__free(im->roots);
	for (int k = 0; k < NKINDS; k++) {
		for (size_t i = 0; i < im->k[k].n; i++) {
			cxo__free(im->k[k].e[i].path);
			cxo__free(im->k[k].e[i].key);
		}
		cxo__free(im->k[k].e);
		cxo__free(im->k[k].slots);
	}
	cxo__buf_fini(&im->warnings);
}

static void warn(import *im, const char *msg)
{
	cxo__buf_adds(&im->warnings, msg);
	cxo__buf_addc(&im->warnings, '\n');
}

/* A record's key from its JSON, as the kind's key() sees it once it is a row:
 * the key fields must be text. */
static int json_key(const cxo__kind_ops *k, const cJSON *obj, const char *path, char **out)
{
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *r = cxo__row_new_in(&a, 0);
	int rc = r ? CXO_OK : CXO_ENOMEM;
	/* only the key fields, as text: enough for key() */
	for (const cxo__spec *s = k->spec; s->name && !rc; s++) {
		if (!(s->flags & FF_KEY) && !(k->kind == CXO_KIND_OBSERVATION && strcmp(s->name, "lifecycle") == 0))
			continue;
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, s->name);
		if (!f || cJSON_IsNull(f))
			continue;
		if (!cJSON_IsString(f)) {
			rc = cxo__err(CXO_EINVAL, "%s.%s: expected %s", path, s->name,
			              s->type == FT_DATE ? "a date" : s->type == FT_TEXT ? "text" : "an id");
			break;
		}
		rc = cxo__row_add_text(r, s->name, f->valuestring);
	}
	const char *parts[8] = { 0 };
	if (!rc)
		k->key(r, parts);
	cxo__buf b = CXO__BUF_INIT;
	for (size_t i = 0; i < k->nkey && !rc; i++) {
		if (!parts[i]) {
			rc = cxo__err(CXO_EINVAL, "%s: the key field \"%s\" is required", path, k->key_names[i]);
			break;
		}
		if (i)
			cxo__buf_addc(&b, '\x1F');
		cxo__buf_adds(&b, parts[i]);
	}
	if (!rc && !(*out = cxo__buf_detach(&b, NULL)))
		rc = CXO_ENOMEM;
	cxo__buf_fini(&b);
	cxo__arena_fini(&a);
	return rc;
}

static int kind_index(const char *plural)
{
	for (int k = 0; k < NKINDS; k++)
		if (strcmp(KINDS[k]->plural, plural) == 0)
			return k;
	return -1;
}

/* Phase 1 for one document. */
static int read_document(import *im, size_t d, const char *name, const char *text, size_t len)
{
	cxo__json_limits lim = cxo__json_default_limits;
	if (im->opts->max_size)
		lim.max_size = im->opts->max_size;
	if (im->opts->max_depth)
		lim.max_depth = im->opts->max_depth;
	if (im->opts->max_string)
		lim.max_string = im->opts->max_string;
	int rc = cxo__json_parse(&im->roots[d], text, len, &lim, name);
	if (rc)
		return rc;
	const cJSON *root = im->roots[d];
	char prefix[512] = "";
	if (im->ndocs > 1)
		snprintf(prefix, sizeof prefix, "%s: ", name);
	if (!cJSON_IsObject(root))
		return cxo__err(CXO_EFORMAT, "%s(document): expected an object {\"format\": \"cxotrack\", ...}", prefix);
	cxo__buf path = CXO__BUF_INIT;
	if ((rc = cxo__json_check_keys(root, &path)))
		return cxo__err_prefix("%s", prefix);
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!format)
		return cxo__err(CXO_EFORMAT, "%sformat: a value is required (\"cxotrack\")", prefix);
	if (!cJSON_IsString(format) || strcmp(format->valuestring, "cxotrack") != 0)
		return cxo__err(CXO_EFORMAT, "%sformat: this is not a cxotrack document (expected \"cxotrack\")", prefix);
	if (!version)
		return cxo__err(CXO_EFORMAT, "%sversion: a value is required (1)", prefix);
	/* compared as a double: casting 1e999999 or 3e9 to int is undefined */
	if (!cJSON_IsNumber(version) || !isfinite(version->valuedouble) ||
	    version->valuedouble != floor(version->valuedouble) || version->valuedouble < 1 ||
	    version->valuedouble >= 9007199254740992.0)
		return cxo__err(CXO_EFORMAT, "%sversion: expected a version number (1)", prefix);
	if (version->valuedouble > 1)
		return cxo__err(CXO_EVERSION, "%sversion: version %.0f is newer than this library reads (1)", prefix,
		                version->valuedouble);

	for (const cJSON *member = root->child; member; member = member->next) {
		if (strcmp(member->string, "format") == 0 || strcmp(member->string, "version") == 0)
			continue;
		int k = kind_index(member->string);
		if (k < 0) {
			char q[96], msg[1024];
			cxo__quote(q, sizeof q, member->string);
			if (!(im->opts->flags & CXO_IMPORT_LENIENT))
				return cxo__err(CXO_EINVAL,
				                "%s(document): unknown key %s (a document has: format, version, lifecycles, "
				                "registries, items, organizations, meetings, topics, observations, conclusions)",
				                prefix, q);
			snprintf(msg, sizeof msg, "%s(document): unknown key %s ignored", prefix, q);
			warn(im, msg);
			continue;
		}
		if (!cJSON_IsArray(member))
			return cxo__err(CXO_EINVAL, "%s%s: expected a list of %s", prefix, member->string, member->string);
		size_t i = 0;
		for (const cJSON *rec = member->child; rec; rec = rec->next, i++) {
			char p[600];
			snprintf(p, sizeof p, "%s%s[%zu]", prefix, member->string, i);
			if (!cJSON_IsObject(rec))
				return cxo__err(CXO_EINVAL, "%s: expected an object", p);
			/* the record's own keys: its fields are read one by one later,
			 * where a duplicate would silently replace the first */
			cxo__buf rp = CXO__BUF_INIT;
			rc = cxo__buf_adds(&rp, p);
			if (!rc)
				rc = cxo__json_check_keys(rec, &rp);
			cxo__buf_fini(&rp);
			if (rc)
				return rc;
			entry e = { rec, d, NULL, NULL, 0 };
			if ((rc = json_key(KINDS[k], rec, p, &e.key)))
				return rc;
			if (!(e.path = cxo__strdup(p))) {
				cxo__free(e.key);
				return CXO_ENOMEM;
			}
			long at = set_find(&im->k[k], e.key);
			if (at >= 0) {
				entry *old = &im->k[k].e[at];
				if (old->doc == d) {
					/* twice in one document */
					for (char *c = e.key; *c; c++)
						if (*c == '\x1F')
							*c = ' ';
					rc = cxo__err(CXO_EINVAL, "%s: %s \"%s\" appears twice (also at %s)", p, KINDS[k]->name, e.key,
					              old->path);
					cxo__free(e.key);
					cxo__free(e.path);
					return rc;
				}
				/* a later document's record replaces the earlier one's */
				cxo__free(old->path);
				cxo__free(e.key);
				old->path = e.path;
				old->json = rec;
				old->doc = d;
				continue;
			}
			if ((rc = set_add(&im->k[k], &e))) {
				cxo__free(e.key);
				cxo__free(e.path);
				return rc;
			}
		}
	}
	return CXO_OK;
}

/* ---- replace mode: references within the documents ---- */

static int has_key(const import *im, int k, const char *key)
{
	return set_find(&im->k[k], key) >= 0;
}

static int ref_error(const char *path, const char *what, const char *kind, const char *id)
{
	char q[96];
	cxo__quote(q, sizeof q, id);
	return cxo__err(CXO_ENOTFOUND, "%s.%s: there is no %s %s in the document", path, what, kind, q);
}

static const char *str(const cJSON *obj, const char *name)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* The array member `name` of `obj`, or NULL if there is none. */
static const cJSON *array_of(const cJSON *obj, const char *name)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsArray(a) ? a : NULL;
}

static int check_ref(const import *im, int k, const char *id, const char *path, const char *field)
{
	if (!id || has_key(im, k, id) || (k == 0 && strcmp(id, "cto") == 0))
		return CXO_OK;
	return ref_error(path, field, KINDS[k]->name, id);
}

/* A relation's or link's `since`, when it names a meeting: a meeting only the
 * database holds would be deleted, and the point silently lost with it. */
static int check_since(const import *im, const cJSON *x, const char *path)
{
	const char *since = str(x, "since");
	if (!since || cxo__point_is_date(since))
		return CXO_OK;
	return check_ref(im, 4, since, path, "since");
}

/* Each reference a record makes, checked against the documents. */
static int check_refs(const import *im, int k, const entry *e)
{
	const cJSON *j = e->json;
	char p[700];
	int rc = CXO_OK;
	const cJSON *list, *x;
	size_t i;
	switch (KINDS[k]->kind) {
	case CXO_KIND_ITEM:
		return check_ref(im, 1, str(j, "registry"), e->path, "registry");
	case CXO_KIND_MEETING:
		list = array_of(j, "attendance");
		i = 0;
		cJSON_ArrayForEach(x, list) {
			snprintf(p, sizeof p, "%s.attendance[%zu]", e->path, i++);
			if ((rc = check_ref(im, 3, str(x, "organization"), p, "organization")))
				return rc;
		}
		return CXO_OK;
	case CXO_KIND_TOPIC:
		list = array_of(j, "relations");
		i = 0;
		cJSON_ArrayForEach(x, list) {
			snprintf(p, sizeof p, "%s.relations[%zu]", e->path, i++);
			if ((rc = check_ref(im, TOPICS, str(x, "topic"), p, "topic")) || (rc = check_since(im, x, p)))
				return rc;
		}
		list = array_of(j, "links");
		i = 0;
		cJSON_ArrayForEach(x, list) {
			snprintf(p, sizeof p, "%s.links[%zu]", e->path, i++);
			const char *reg = str(x, "registry"), *item = str(x, "item");
			if (reg && item) {
				char key[1024];
				snprintf(key, sizeof key, "%s\x1F%s", reg, item);
				if (!has_key(im, 2, key))
					return ref_error(p, "item", "item", item);
			}
			if ((rc = check_since(im, x, p)))
				return rc;
		}
		return CXO_OK;
	case CXO_KIND_OBSERVATION:
		if ((rc = check_ref(im, TOPICS, str(j, "topic"), e->path, "topic")) ||
		    (rc = check_ref(im, 0, str(j, "lifecycle"), e->path, "lifecycle")))
			return rc;
		return check_ref(im, 4, str(j, "meeting"), e->path, "meeting");
	case CXO_KIND_CONCLUSION:
		if ((rc = check_ref(im, 4, str(j, "meeting"), e->path, "meeting")))
			return rc;
		list = array_of(j, "topics");
		i = 0;
		cJSON_ArrayForEach(x, list) {
			snprintf(p, sizeof p, "%s.topics[%zu]", e->path, i++);
			if (cJSON_IsString(x) && !has_key(im, TOPICS, x->valuestring))
				return cxo__err(CXO_ENOTFOUND, "%s: there is no topic \"%s\" in the document", p, x->valuestring);
		}
		list = array_of(j, "actions");
		i = 0;
		cJSON_ArrayForEach(x, list) {
			snprintf(p, sizeof p, "%s.actions[%zu]", e->path, i++);
			if ((rc = check_ref(im, 4, str(x, "due_meeting"), p, "due_meeting")))
				return rc;
			const cJSON *fus = array_of(x, "followups"), *f;
			size_t n = 0;
			cJSON_ArrayForEach(f, fus) {
				char q[800];
				snprintf(q, sizeof q, "%s.followups[%zu]", p, n++);
				if ((rc = check_ref(im, 4, str(f, "meeting"), q, "meeting")))
					return rc;
			}
		}
		return CXO_OK;
	default:
		return CXO_OK;
	}
}

/* ---- phase 2 ---- */

static int progress(import *im)
{
	im->done++;
	if (!im->opts->progress || (im->done % 256 && im->done != im->total))
		return CXO_OK;
	if (im->opts->progress(im->opts->progress_ctx, im->done, im->total))
		return cxo__err(CXO_ECANCELED, "the import was canceled");
	return CXO_OK;
}

/* One record: JSON to row, then the same path as the API's. */
static int put(import *im, int k, entry *e, int mode, cxo__ctx *ctx, int bare, int *outcome)
{
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *row = cxo__row_new_in(&a, 0);
	cxo__buf path = CXO__BUF_INIT;
	int rc = row ? cxo__buf_adds(&path, e->path) : CXO_ENOMEM;
	for (const cJSON *f = e->json->child; f && !rc; f = f->next) {
		if (bare && (strcmp(f->string, "relations") == 0 || strcmp(f->string, "links") == 0))
			continue;
		const char *name = cxo__arena_strdup(&a, f->string);
		size_t old = name ? cxo__path_key(&path, f->string) : 0;
		rc = name ? cxo__json_add_field(row, name, f, &path, 0) : CXO_ENOMEM;
		cxo__path_pop(&path, old);
	}
	if (!rc) {
		ctx->path = e->path;
		rc = cxo__record_put(im->db, KINDS[k], row, mode, ctx, outcome);
		ctx->path = NULL;
	}
	cxo__buf_fini(&path);
	cxo__arena_fini(&a);
	return rc;
}

static const cxo__sql S_ACTION_HOME = {
	"SELECT a.id, c.slug FROM action AS a JOIN conclusion AS c ON c.id = a.conclusion WHERE a.slug = ?1"
};

/* An action the documents list under another conclusion than the stored one
 * moves there when the documents also say its old conclusion no longer holds
 * it: they list that conclusion too, or replace mode deletes it. The stored
 * action is deleted (audited) and the new conclusion's list creates it again.
 * Any other clash of action ids stays an error of the write. */
static int move_actions(import *im, cxo__ctx *ctx)
{
	int replace = (im->opts->flags & CXO_IMPORT_REPLACE) != 0;
	const kindset *cs = &im->k[CONCLUSIONS];
	int rc = CXO_OK;
	for (size_t i = 0; i < cs->n && !rc; i++) {
		const char *home = str(cs->e[i].json, "id");
		const cJSON *actions = cJSON_GetObjectItemCaseSensitive(cs->e[i].json, "actions");
		const cJSON *a;
		cJSON_ArrayForEach(a, actions) {
			const char *id = str(a, "id");
			if (!id || !home)
				continue;
			sqlite3_stmt *st = cxo__stmt(im->db, &S_ACTION_HOME);
			if (!st)
				return cxo_errcode();
			cxo__bind_text(st, 1, id);
			int src = sqlite3_step(st);
			int64_t rowid = 0;
			int moves = 0;
			if (src == SQLITE_ROW) {
				rowid = sqlite3_column_int64(st, 0);
				const char *was = (const char *)sqlite3_column_text(st, 1);
				moves = strcmp(was, home) != 0 && (replace || has_key(im, CONCLUSIONS, was));
			} else if (src != SQLITE_DONE) {
				rc = cxo__sqlerr(im->db, src, "finding an action");
			}
			cxo__stmt_reset(st);
			if (!rc && moves)
				rc = cxo__record_remove_audited(im->db, &cxo__action_ops, rowid, ctx);
			if (rc)
				break;
		}
	}
	return rc;
}

static const cxo__sql S_ANY_OBSERVATION = { "SELECT EXISTS (SELECT 1 FROM observation)" };

static int write_all(import *im, cxo__ctx *ctx)
{
	int replace = (im->opts->flags & CXO_IMPORT_REPLACE) != 0;
	/* Observations are most of a large document: into a database that holds
	 * none, each is new (the documents hold each key once, and nothing else
	 * an import writes creates one), so none is looked up first. */
	int64_t any = 1;
	int rc = cxo__count(im->db, &S_ANY_OBSERVATION, 0, &any);
	for (int k = 0; k < NKINDS && !rc; k++) {
		kindset *s = &im->k[k];
		ctx->none_stored = k == OBSERVATIONS && !any ? KINDS[k] : NULL;
		if (k == CONCLUSIONS)
			rc = move_actions(im, ctx);
		if (k == TOPICS) {
			/* first every new topic, bare: relations and links may name topics
			 * that come later */
			for (size_t i = 0; i < s->n && !rc; i++) {
				int64_t rowid;
				const char *id = str(s->e[i].json, "id");
				if ((rc = cxo__topic_id(im->db, id, &rowid)) || rowid)
					continue;
				int outcome;
				rc = put(im, k, &s->e[i], CXO__PUT_CREATE, ctx, 1, &outcome);
				s->e[i].created_bare = 1;
			}
		}
		for (size_t i = 0; i < s->n && !rc; i++) {
			entry *e = &s->e[i];
			int outcome = 0;
			ctx->no_audit = e->created_bare;
			rc = put(im, k, e, replace ? CXO__PUT_REPLACE : CXO__PUT_UPSERT, ctx, 0, &outcome);
			ctx->no_audit = 0;
			if (rc)
				break;
			if (e->created_bare)
				outcome = CXO__CREATED;
			im->counts[outcome == CXO__CREATED ? CREATED : outcome == CXO__UPDATED ? UPDATED : UNCHANGED][k]++;
			rc = progress(im);
		}
	}
	ctx->none_stored = NULL;
	return rc;
}

/* Replace mode: delete what the documents lack, dependents first. */
static int delete_missing(import *im, cxo__ctx *ctx)
{
	int rc = CXO_OK;
	cxo__arena a;
	cxo__arena_init(&a);
	for (int k = NKINDS - 1; k >= 0 && !rc; k--) {
		const cxo__kind_ops *kind = KINDS[k];
		int64_t *ids;
		size_t n;
		if ((rc = cxo__query_ids(im->db, kind->all, 0, &ids, &n)))
			break;
		for (size_t i = 0; i < n && !rc; i++) {
			cxo__arena_reset(&a);
			cxo_row *r = cxo__row_new_in(&a, 0);
			if (!r) {
				rc = CXO_ENOMEM;
				break;
			}
			/* gone already with something deleted before it */
			if ((rc = cxo__record_load(im->db, kind, ids[i], r)) == CXO_ENOTFOUND) {
				rc = CXO_OK;
				continue;
			}
			if (rc)
				break;
			const char *parts[8] = { 0 };
			kind->key(r, parts);
			cxo__buf key = CXO__BUF_INIT;
			for (size_t p = 0; p < kind->nkey; p++) {
				if (p)
					cxo__buf_addc(&key, '\x1F');
				cxo__buf_adds(&key, parts[p] ? parts[p] : "");
			}
			if ((rc = cxo__buf_status(&key)) == CXO_OK && !has_key(im, k, key.data) &&
			    !(kind->kind == CXO_KIND_LIFECYCLE && strcmp(key.data, "cto") == 0)) {
				char path[600];
				snprintf(path, sizeof path, "%s \"%s\" (not in the document)", kind->name, parts[0]);
				ctx->path = path;
				rc = cxo__record_remove_audited(im->db, kind, ids[i], ctx);
				ctx->path = NULL;
				if (!rc)
					im->counts[DELETED][k]++;
			}
			cxo__buf_fini(&key);
		}
		cxo__free(ids);
	}
	cxo__arena_fini(&a);
	return rc;
}

static int add_counts(const import *im, cxo_row *out, int which)
{
	cxo_row *r = cxo__row_add_row(out, COUNT_NAMES[which]);
	if (!r)
		return CXO_ENOMEM;
	for (int k = 0; k < NKINDS; k++) {
		int rc = cxo__row_add_int(r, KINDS[k]->plural, im->counts[which][k]);
		if (rc)
			return rc;
	}
	return CXO_OK;
}

static int result_row(const import *im, cxo_row *out)
{
	int rc = CXO_OK;
	for (int w = 0; w < 4 && !rc; w++)
		rc = add_counts(im, out, w);
	cxo_row *list = rc ? NULL : cxo__row_add_list(out, "warnings");
	if (!rc && !list)
		rc = CXO_ENOMEM;
	const char *w = cxo__buf_cstr((cxo__buf *)&im->warnings);
	while (!rc && w && *w) {
		const char *nl = strchr(w, '\n');
		rc = cxo__row_add_textn(list, NULL, w, (size_t)(nl - w));
		w = nl + 1;
	}
	return rc;
}

/* The import's own audit entry: the document and what it did. */
static int audit_summary(const import *im, cxo_row *out, const char *name)
{
	int rc = cxo__row_add_text(out, "name", name);
	if (!rc)
		rc = cxo__row_add_int(out, "size", (int64_t)im->total_size);
	for (int w = 0; w < 4 && !rc; w++)
		rc = add_counts(im, out, w);
	return rc;
}

static int changed(const import *im)
{
	for (int k = 0; k < NKINDS; k++)
		if (im->counts[CREATED][k] || im->counts[UPDATED][k] || im->counts[DELETED][k])
			return 1;
	return 0;
}

int cxo__import(cxo_row **result, cxo_db *db, const char *const *names, const char *const *docs, const size_t *lens,
                size_t n, const cxo_import_options *opts)
{
	static const cxo_import_options defaults = CXO_IMPORT_OPTIONS_INIT;
	if (result)
		*result = NULL;
	int rc = cxo__db_usable(db, "cxo_import");
	if (rc)
		return rc;
	if (!opts)
		opts = &defaults;
	if (opts->version != CXO_IMPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "import: cxo_import_options version %u is not supported (this library has %d)",
		                opts->version, CXO_IMPORT_OPTIONS_VERSION);
	if (opts->flags & ~(uint32_t)(CXO_IMPORT_REPLACE | CXO_IMPORT_LENIENT | CXO_IMPORT_CHECK))
		return cxo__err(CXO_EINVAL, "import: unknown flags 0x%X", opts->flags);
	/* a check writes too, then undoes it all: it sees what an import would */
	if ((rc = cxo__db_writable(db, "cxo_import")))
		return rc;
	if (!n)
		return cxo__err(CXO_EINVAL, "import: no document");

	import im;
	memset(&im, 0, sizeof im);
	im.db = db;
	im.opts = opts;
	im.ndocs = n;
	if (!(im.roots = cxo__calloc(n, sizeof *im.roots)))
		return CXO_ENOMEM;
	for (size_t d = 0; d < n && !rc; d++) {
		const char *name = names && names[d] ? names[d] : opts->name ? opts->name : "document";
		if (!docs[d]) {
			rc = cxo__err(CXO_EMISUSE, "import: document %zu is NULL", d);
			break;
		}
		im.total_size += lens[d];
		rc = read_document(&im, d, name, docs[d], lens[d]);
	}
	for (int k = 0; k < NKINDS && !rc; k++) {
		im.total += im.k[k].n;
		for (size_t i = 0; i < im.k[k].n && !rc && (opts->flags & CXO_IMPORT_REPLACE); i++)
			rc = check_refs(&im, k, &im.k[k].e[i]);
	}
	if (rc) {
		import_free(&im);
		return rc;
	}

	cxo__ctx ctx = { 0 };
	ctx.lenient = (opts->flags & CXO_IMPORT_LENIENT) != 0;
	ctx.warnings = &im.warnings;
	ctx.defer_transitions = 1;
	const char *doc_name = names && n == 1 && names[0] ? names[0] : opts->name ? opts->name : "document";
	cxo__arena a;
	cxo__arena_init(&a);
	cxo_row *summary = cxo__row_new_in(&a, 0);
	if (!summary)
		rc = CXO_ENOMEM;
	cxo_row *res = NULL;
	if (!rc && !(rc = cxo__write_begin(db))) {
		/* all of it or nothing: the records need no savepoints of their own
		 * (each costs SQLite a copy of every page the record touches) */
		db->whole = 1;
		rc = cxo__audit_write(db, "import", "document", doc_name, NULL, NULL, 0, &ctx.audit_parent);
		if (!rc)
			rc = write_all(&im, &ctx);
		if (!rc && (opts->flags & CXO_IMPORT_REPLACE))
			rc = delete_missing(&im, &ctx);
		/* the histories as the import leaves them */
		if (!rc)
			rc = cxo__transitions_check_touched(db, &ctx);
		if (!rc && changed(&im)) {
			if (!(rc = audit_summary(&im, summary, doc_name)))
				rc = cxo__audit_set_after(db, ctx.audit_parent, summary);
		}
		db->whole = 0;
		/* what the caller is told is ready before the commit: running out of
		 * memory after it would report as failed an import that landed */
		if (!rc)
			rc = cxo__buf_status(&im.warnings);
		if (!rc && result) {
			res = cxo__row_new_owned();
			rc = res ? result_row(&im, res) : CXO_ENOMEM;
		}
		/* a check, or an import that changed nothing, leaves no trace */
		int keep = !rc && changed(&im) && !(opts->flags & CXO_IMPORT_CHECK);
		if (!keep && !rc) {
			rc = cxo__write_end(db, CXO_ECANCELED);
			if (rc == CXO_ECANCELED)
				rc = CXO_OK;
		} else {
			rc = cxo__write_end(db, rc);
		}
	}
	if (rc) {
		cxo_row_free(res);
		res = NULL;
	}
	int warned = !rc && cxo__buf_status(&im.warnings) == CXO_OK && im.warnings.len;
	char first[1024] = "";
	if (warned) {
		const char *w = cxo__buf_cstr(&im.warnings);
		const char *nl = strchr(w, '\n');
		snprintf(first, sizeof first, "%.*s", (int)(nl ? nl - w : (long)strlen(w)), w);
	}
	cxo__free(ctx.touched); /* left by a failed import */
	cxo__arena_fini(&a);
	import_free(&im);
	if (rc)
		return rc;
	if (result)
		*result = res;
	return warned ? cxo__err(CXO_WARNED, "%s", first) : CXO_OK;
}

CXO_API int cxo_import_options_init(cxo_import_options *opts, unsigned int version)
{
	if (!opts)
		return cxo__err(CXO_EMISUSE, "cxo_import_options_init: opts is NULL");
	if (version != CXO_IMPORT_OPTIONS_VERSION)
		return cxo__err(CXO_EVERSION, "cxo_import_options_init: version %u is not supported (this library has %d)",
		                version, CXO_IMPORT_OPTIONS_VERSION);
	cxo_import_options init = CXO_IMPORT_OPTIONS_INIT;
	*opts = init;
	return CXO_OK;
}

CXO_API int cxo_import_json(cxo_row **result, cxo_db *db, const char *json, size_t len,
                            const cxo_import_options *opts)
{
	if (!json)
		return cxo__err(CXO_EMISUSE, "cxo_import_json: json is NULL");
	const char *name = opts && opts->name ? opts->name : "document";
	return cxo__import(result, db, &name, &json, &len, 1, opts);
}

CXO_API int cxo_import_buffers(cxo_row **result, cxo_db *db, const char *const *names, const char *const *docs,
                               const size_t *lens, size_t n, const cxo_import_options *opts)
{
	if (n && (!docs || !lens))
		return cxo__err(CXO_EMISUSE, "cxo_import_buffers: %s is NULL", docs ? "lens" : "docs");
	return cxo__import(result, db, names, docs, lens, n, opts);
}

/* A whole file in memory; refuses one over `max` bytes without reading it all. */
static int read_file(const char *path, size_t max, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return cxo__err(errno == ENOENT ? CXO_ENOTFOUND : CXO_EIO, "%s: %s", path, strerror(errno));
	cxo__buf b = CXO__BUF_INIT;
	char chunk[65536];
	size_t got;
	int rc = CXO_OK;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + got > max) {
			rc = cxo__err(CXO_ELIMIT, "%s: the document is over the limit of %zu bytes", path, max);
			break;
		}
		if ((rc = cxo__buf_add(&b, chunk, got)))
			break;
	}
	if (!rc && ferror(f))
		rc = cxo__err(CXO_EIO, "%s: %s", path, strerror(errno));
	fclose(f);
	if (!rc) {
		*out = cxo__buf_detach(&b, len);
		rc = *out ? CXO_OK : CXO_ENOMEM;
	}
	cxo__buf_fini(&b);
	return rc;
}

CXO_API int cxo_import_files(cxo_row **result, cxo_db *db, const char *const *paths, size_t n,
                             const cxo_import_options *opts)
{
	if (result)
		*result = NULL;
	if (n && !paths)
		return cxo__err(CXO_EMISUSE, "cxo_import_files: paths is NULL");
	char **docs = cxo__calloc(n ? n : 1, sizeof *docs);
	size_t *lens = cxo__calloc(n ? n : 1, sizeof *lens);
	int rc = docs && lens ? CXO_OK : CXO_ENOMEM;
	size_t max = opts && opts->max_size ? opts->max_size : cxo__json_default_limits.max_size;
	for (size_t i = 0; i < n && !rc; i++)
		rc = paths[i] ? read_file(paths[i], max, &docs[i], &lens[i])
		              : cxo__err(CXO_EMISUSE, "cxo_import_files: paths[%zu] is NULL", i);
	if (!rc)
		rc = cxo__import(result, db, paths, (const char *const *)docs, lens, n, opts);
	for (size_t i = 0; docs && i < n; i++)
		cxo__free(docs[i]);
	cxo__free(docs);
	cxo__free(lens);
	return rc;
}
