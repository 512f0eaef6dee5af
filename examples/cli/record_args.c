/* Records from the command line: --FIELD VALUE options become a row, typed by
 * the library's own description of the kind (cxo_kind_describe), so the tool
 * carries no copy of the data model. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cxo_row *find_field(const cxo_row *fields, const char *name)
{
	for (size_t i = 0; i < cxo_row_size(fields); i++) {
		const cxo_row *f = cxo_row_child_at(fields, i);
		if (strcmp(field(f, "name"), name) == 0)
			return f;
	}
	return NULL;
}

static int in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "1", NULL }, *const no[] = { "false", "no", "0", NULL };
	if (in_list(yes, v))
		*out = 1;
	else if (in_list(no, v))
		*out = 0;
	else
		return -1;
	return 0;
}

/* Append `value` to the list field `name`, creating the list on first use;
 * ids are also split at commas. */
static int add_to_list(cxo_row *rec, const char *name, const char *value, int split)
{
	cxo_row *list = (cxo_row *)cxo_row_child(rec, name);
	if (!list && cxo_row_set_list(&list, rec, name))
		return -1;
	if (!*value)
		return 0; /* "--agenda ''": an empty list */
	if (!split)
		return cxo_row_set_text(list, NULL, value) ? -1 : 0;
	char *copy = strdup(value);
	if (!copy)
		return -1;
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save))
		rc = cxo_row_set_text(list, NULL, tok) ? -1 : 0;
	free(copy);
	return rc;
}

/* --source REF --url U pairs. A kind without sources takes --url as its own
 * field (a registry's, an item's url). */
static int add_sources(cli *c, const args *a, cxo_row *rec, int has_sources)
{
	size_t nref = 0, nurl = 0;
	for (size_t i = 0; i < a->nopt; i++) {
		nref += strcmp(a->opts[i].name, "source") == 0;
		nurl += has_sources && strcmp(a->opts[i].name, "url") == 0;
	}
	if (!nref && !nurl)
		return EXIT_DONE;
	if (!has_sources)
		return cli_usage(c, "this kind of record has no sources");
	cxo_row *list;
	if (cxo_row_set_list(&list, rec, "sources"))
		return cli_fail(c, cxo_errcode());
	size_t n = nref > nurl ? nref : nurl;
	for (size_t k = 0; k < n; k++) {
		/* the k-th --source pairs with the k-th --url */
		const char *ref = NULL, *url = NULL;
		size_t ir = 0, iu = 0;
		for (size_t i = 0; i < a->nopt; i++) {
			if (strcmp(a->opts[i].name, "source") == 0 && ir++ == k)
				ref = a->opts[i].value;
			if (strcmp(a->opts[i].name, "url") == 0 && iu++ == k)
				url = a->opts[i].value;
		}
		cxo_row *s;
		if (cxo_row_set_row(&s, list, NULL) || (ref && cxo_row_set_text(s, "ref", ref)) ||
		    (url && cxo_row_set_text(s, "url", url)))
			return cli_fail(c, cxo_errcode());
	}
	return EXIT_DONE;
}

int record_from_args(cli *c, cxo_kind kind, const args *a, cxo_row *rec, const char *const *skip)
{
	cxo_row *desc;
	int rc = cxo_kind_describe(&desc, kind);
	if (rc)
		return cli_fail(c, rc);
	const cxo_row *fields = cxo_row_child(desc, "fields");
	int has_sources = find_field(fields, "sources") != NULL;
	int status = EXIT_DONE;
	for (size_t i = 0; i < a->nopt && status == EXIT_DONE; i++) {
		const opt *o = &a->opts[i];
		if (in_list(skip, o->name) || strcmp(o->name, "source") == 0 ||
		    (has_sources && strcmp(o->name, "url") == 0))
			continue;
		char name[128];
		snprintf(name, sizeof name, "%s", o->name);
		for (char *p = name; *p; p++)
			if (*p == '-')
				*p = '_';
		const cxo_row *f = find_field(fields, name);
		if (!f || strcmp(field(f, "type"), "sources") == 0) {
			char list[512] = "";
			size_t n = 0;
			for (size_t k = 0; k < cxo_row_size(fields); k++) {
				const cxo_row *g = cxo_row_child_at(fields, k);
				const char *t = field(g, "type");
				char flag[128];
				if (strcmp(t, "nested") == 0 || strcmp(t, "records") == 0 || strcmp(t, "sources") == 0 ||
				    in_list(skip, field(g, "name")))
					continue;
				snprintf(flag, sizeof flag, "%s", field(g, "name"));
				for (char *p = flag; *p; p++)
					if (*p == '_')
						*p = '-';
				n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s--%s", n ? " " : "",
				                      flag);
			}
			status = f ? cli_usage(c, "give sources as --source REF --url U")
			           : cli_usage(c, "%s %s has no field --%s (fields: %s%s)", article(field(desc, "name")),
			                       field(desc, "name"), o->name, list,
			                       has_sources ? " --source --url" : "");
			break;
		}
		const char *type = field(f, "type");
		if (strcmp(type, "nested") == 0 || strcmp(type, "records") == 0) {
			status = cli_usage(c, "--%s cannot be given on the command line; use `cxotrack import`", o->name);
			break;
		}
		if (strcmp(type, "boolean") == 0) {
			int v = 1;
			if (o->value && parse_bool(o->value, &v)) {
				status = cli_usage(c, "--%s takes true or false, not \"%s\"", o->name, o->value);
				break;
			}
			rc = cxo_row_set_bool(rec, name, v);
		} else if (!o->value) {
			status = cli_usage(c, "--%s needs a value", o->name);
			break;
		} else if (strcmp(type, "ids") == 0 || strcmp(type, "texts") == 0) {
			rc = add_to_list(rec, name, o->value, strcmp(type, "ids") == 0) ? cxo_errcode() : CXO_OK;
		} else if (!*o->value) {
			rc = cxo_row_set_null(rec, name);
		} else if (strcmp(type, "integer") == 0) {
			char *end;
			errno = 0;
			long long v = strtoll(o->value, &end, 10);
			if (errno || *end || end == o->value) {
				status = cli_usage(c, "--%s takes an integer, not \"%s\"", o->name, o->value);
				break;
			}
			rc = cxo_row_set_int(rec, name, v);
		} else {
			rc = cxo_row_set_text(rec, name, o->value);
		}
		if (rc)
			status = cli_fail(c, rc);
	}
	if (status == EXIT_DONE)
		status = add_sources(c, a, rec, has_sources);
	cxo_row_free(desc);
	return status;
}
