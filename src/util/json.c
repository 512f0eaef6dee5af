#include "json.h"
#include "alloc.h"
#include "error.h"
#include "row.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cxo__json_limits cxo__json_default_limits = { 256u << 20, 64, 1u << 20 };

/* ---- the checking scanner ---- */

typedef struct scan {
	const char *s;
	size_t len, i;
	const cxo__json_limits *lim;
	const char *name;
} scan;

static void line_col(const scan *sc, size_t at, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t k = 0; k < at && k < sc->len; k++) {
		if (sc->s[k] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)sc->s[k] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int fail(scan *sc, int code, size_t at, const char *what)
{
	size_t line, col;
	line_col(sc, at, &line, &col);
	if (sc->name)
		return cxo__err(code, "%s: line %zu, column %zu: %s", sc->name, line, col, what);
	return cxo__err(code, "line %zu, column %zu: %s", line, col, what);
}

static void skip_ws(scan *sc)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->i++;
	}
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

static int scan_string(scan *sc)
{
	size_t start = sc->i++; /* the opening quote */
	while (sc->i < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			if (sc->i - start - 2 > sc->lim->max_string) {
				char what[128];
				snprintf(what, sizeof what, "a string of %zu bytes is longer than the limit of %zu",
				         sc->i - start - 2, sc->lim->max_string);
				return fail(sc, CXO_ELIMIT, start, what);
			}
			return CXO_OK;
		}
		if (c < 0x20) {
			char what[96];
			snprintf(what, sizeof what, "raw control character U+%04X in a string (escape it)", c);
			return fail(sc, CXO_EFORMAT, sc->i, what);
		}
		if (c != '\\') {
			sc->i++;
			continue;
		}
		if (sc->i + 1 >= sc->len)
			break;
		char e = sc->s[sc->i + 1];
		if (e != 'u') {
			if (!strchr("\"\\/bfnrt", e) || !e)
				return fail(sc, CXO_EFORMAT, sc->i, "invalid escape in a string");
			sc->i += 2;
			continue;
		}
		unsigned u;
		if (sc->i + 6 > sc->len || !hex4(sc->s + sc->i + 2, &u))
			return fail(sc, CXO_EFORMAT, sc->i, "\\u must be followed by four hexadecimal digits");
		if (u == 0)
			return fail(sc, CXO_EFORMAT, sc->i, "\\u0000 is not allowed in a string");
		if (u >= 0xDC00 && u <= 0xDFFF)
			return fail(sc, CXO_EFORMAT, sc->i, "lone low surrogate in a \\u escape");
		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned lo;
			if (sc->i + 12 > sc->len || sc->s[sc->i + 6] != '\\' || sc->s[sc->i + 7] != 'u' ||
			    !hex4(sc->s + sc->i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
				return fail(sc, CXO_EFORMAT, sc->i, "lone high surrogate in a \\u escape");
			sc->i += 12;
			continue;
		}
		sc->i += 6;
	}
	return fail(sc, CXO_EFORMAT, start, "unterminated string");
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int scan_number(scan *sc)
{
	size_t start = sc->i;
	const char *s = sc->s;
	if (sc->i < sc->len && s[sc->i] == '-')
		sc->i++;
	if (sc->i >= sc->len || !is_digit(s[sc->i]))
		return fail(sc, CXO_EFORMAT, start, "invalid number");
	if (s[sc->i] == '0') {
		sc->i++;
		if (sc->i < sc->len && is_digit(s[sc->i]))
			return fail(sc, CXO_EFORMAT, start, "invalid number (leading zero)");
	} else {
		while (sc->i < sc->len && is_digit(s[sc->i]))
			sc->i++;
	}
	if (sc->i < sc->len && s[sc->i] == '.') {
		sc->i++;
		if (sc->i >= sc->len || !is_digit(s[sc->i]))
			return fail(sc, CXO_EFORMAT, start, "invalid number (digits must follow the decimal point)");
		while (sc->i < sc->len && is_digit(s[sc->i]))
			sc->i++;
	}
	if (sc->i < sc->len && (s[sc->i] == 'e' || s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->len && (s[sc->i] == '+' || s[sc->i] == '-'))
			sc->i++;
		if (sc->i >= sc->len || !is_digit(s[sc->i]))
			return fail(sc, CXO_EFORMAT, start, "invalid number (digits must follow the exponent)");
		while (sc->i < sc->len && is_digit(s[sc->i]))
			sc->i++;
	}
	if (sc->i - start > 64)
		return fail(sc, CXO_ELIMIT, start, "a number of more than 64 characters");
	return CXO_OK;
}

static int scan_literal(scan *sc, const char *word)
{
	size_t n = strlen(word);
	if (sc->len - sc->i < n || memcmp(sc->s + sc->i, word, n) != 0)
		return fail(sc, CXO_EFORMAT, sc->i, "expected a value");
	sc->i += n;
	return CXO_OK;
}

static int scan_key(scan *sc)
{
	int rc;
	skip_ws(sc);
	if (sc->i >= sc->len)
		return fail(sc, CXO_EFORMAT, sc->i, "unexpected end of the document (truncated?)");
	if (sc->s[sc->i] != '"')
		return fail(sc, CXO_EFORMAT, sc->i, "expected a key in double quotes");
	if ((rc = scan_string(sc)))
		return rc;
	skip_ws(sc);
	if (sc->i >= sc->len || sc->s[sc->i] != ':')
		return fail(sc, CXO_EFORMAT, sc->i, "expected ':' after a key");
	sc->i++;
	return CXO_OK;
}

static int scan_scalar(scan *sc, char c)
{
	if (c == '"')
		return scan_string(sc);
	if (c == '-' || is_digit(c))
		return scan_number(sc);
	if (c == 't')
		return scan_literal(sc, "true");
	if (c == 'f')
		return scan_literal(sc, "false");
	if (c == 'n')
		return scan_literal(sc, "null");
	return fail(sc, CXO_EFORMAT, sc->i, "expected a value");
}

/* Iterative over containers, so that depth is bounded by the limit, not by the
 * C stack. `open` records whether each open container is an object. */
static int scan_document(scan *sc)
{
	unsigned char open[512];
	size_t max_depth = sc->lim->max_depth < sizeof open ? sc->lim->max_depth : sizeof open;
	size_t depth = 0;
	int want_value = 1, rc;

	skip_ws(sc);
	if (sc->i >= sc->len)
		return fail(sc, CXO_EFORMAT, sc->i, "the document is empty");
	for (;;) {
		skip_ws(sc);
		if (!want_value && depth == 0) {
			if (sc->i < sc->len)
				return fail(sc, CXO_EFORMAT, sc->i, "unexpected text after the document");
			return CXO_OK;
		}
		if (sc->i >= sc->len)
			return fail(sc, CXO_EFORMAT, sc->i, "unexpected end of the document (truncated?)");
		char c = sc->s[sc->i];
		if (want_value) {
			if (c != '{' && c != '[') {
				if ((rc = scan_scalar(sc, c)))
					return rc;
				want_value = 0;
				continue;
			}
			if (depth >= max_depth) {
				char what[96];
				snprintf(what, sizeof what, "nesting deeper than the limit of %zu", max_depth);
				return fail(sc, CXO_ELIMIT, sc->i, what);
			}
			open[depth++] = c == '{';
			sc->i++;
			skip_ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == (c == '{' ? '}' : ']')) {
				sc->i++;
				depth--;
				want_value = 0;
			} else if (c == '{' && (rc = scan_key(sc))) {
				return rc;
			}
			continue;
		}
		/* after a value inside a container */
		int obj = open[depth - 1];
		if (c == ',') {
			sc->i++;
			skip_ws(sc);
			if (sc->i < sc->len && (sc->s[sc->i] == '}' || sc->s[sc->i] == ']'))
				return fail(sc, CXO_EFORMAT, sc->i, "trailing comma");
			if (obj && (rc = scan_key(sc)))
				return rc;
			want_value = 1;
		} else if (c == (obj ? '}' : ']')) {
			sc->i++;
			depth--;
		} else {
			return fail(sc, CXO_EFORMAT, sc->i, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		}
	}
}

int cxo__json_parse(cJSON **out, const char *text, size_t len, const cxo__json_limits *lim, const char *name)
{
	*out = NULL;
	if (!lim)
		lim = &cxo__json_default_limits;
	scan sc = { text, len, 0, lim, name };
	if (len > lim->max_size) {
		char what[128];
		snprintf(what, sizeof what, "the document is %zu bytes, over the limit of %zu", len, lim->max_size);
		return name ? cxo__err(CXO_ELIMIT, "%s: %s", name, what) : cxo__err(CXO_ELIMIT, "%s", what);
	}
	size_t bad = cxo__utf8_scan(text, len);
	if (bad < len)
		return fail(&sc, CXO_EFORMAT, bad, "invalid UTF-8");
	if (memchr(text, '\0', len))
		return fail(&sc, CXO_EFORMAT, (size_t)((const char *)memchr(text, '\0', len) - text), "NUL byte in the document");
	int rc = scan_document(&sc);
	if (rc)
		return rc;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) /* the text is known to be valid JSON: only memory can fail */
		return cxo__err(CXO_ENOMEM, "out of memory (parsing %zu bytes of JSON)", len);
	*out = root;
	return CXO_OK;
}

/* ---- paths ---- */

size_t cxo__path_key(cxo__buf *path, const char *key)
{
	size_t old = path->len;
	if (path->len)
		cxo__buf_addc(path, '.');
	cxo__buf_adds(path, key);
	return old;
}

size_t cxo__path_index(cxo__buf *path, size_t i)
{
	size_t old = path->len;
	cxo__buf_addf(path, "[%zu]", i);
	return old;
}

void cxo__path_pop(cxo__buf *path, size_t len)
{
	path->len = len;
	if (path->data)
		path->data[len] = '\0';
}

const char *cxo__path_str(cxo__buf *path)
{
	const char *s = cxo__buf_cstr(path);
	return s && *s ? s : "(document)";
}

/* ---- tree to row ---- */

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int cxo__json_check_keys(const cJSON *obj, const cxo__buf *path)
{
	size_t n = 0;
	for (const cJSON *c = obj->child; c; c = c->next)
		n++;
	if (n < 2)
		return CXO_OK;
	const char **keys = cxo__malloc(n * sizeof *keys);
	if (!keys)
		return CXO_ENOMEM;
	size_t k = 0;
	for (const cJSON *c = obj->child; c; c = c->next)
		keys[k++] = c->string;
	qsort(keys, n, sizeof *keys, key_cmp);
	int rc = CXO_OK;
	for (k = 1; k < n; k++) {
		if (strcmp(keys[k - 1], keys[k]) == 0) {
			char q[96];
			cxo__quote(q, sizeof q, keys[k]);
			const char *p = path->len ? path->data : "(document)";
			rc = cxo__err(CXO_EFORMAT, "%s: duplicate key %s", p, q);
			break;
		}
	}
	cxo__free(keys);
	return rc;
}

/* Whether a number is an integer we keep exactly (cJSON keeps no number's
 * text, so 2.0 and 2 are one). */
static int integral_text(double d)
{
	return d == floor(d) && fabs(d) < 9007199254740992.0;
}

int cxo__json_add_field(cxo_row *parent, const char *name, const cJSON *v, cxo__buf *path, int reals)
{
	int rc;
	if (cJSON_IsNull(v))
		return cxo__row_add_null(parent, name);
	if (cJSON_IsBool(v))
		return cxo__row_add_bool(parent, name, cJSON_IsTrue(v));
	if (cJSON_IsString(v))
		return cxo__row_add_text(parent, name, v->valuestring);
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (reals && !isfinite(d))
			return cxo__err(CXO_EFORMAT, "%s: the number is not finite", cxo__path_str(path));
		if (reals && !integral_text(d))
			return cxo__row_add_real(parent, name, d);
		/* 2^53 itself is refused too: 2^53 + 1 parses to the same double, so
		 * accepting it would silently change the value written */
		if (!isfinite(d) || !integral_text(d))
			return cxo__err(CXO_EFORMAT, "%s: %s is not an integer (within +-2^53)", cxo__path_str(path),
			                isfinite(d) ? "the number" : "an infinite number");
		return cxo__row_add_int(parent, name, (int64_t)d);
	}
	int is_list = cJSON_IsArray(v);
	if (!is_list && !cJSON_IsObject(v))
		return cxo__err(CXO_EFORMAT, "%s: unsupported JSON value", cxo__path_str(path));
	if (!is_list && (rc = cxo__json_check_keys(v, path)))
		return rc;
	cxo_row *child = is_list ? cxo__row_add_list(parent, name) : cxo__row_add_row(parent, name);
	if (!child)
		return CXO_ENOMEM;
	size_t i = 0;
	for (const cJSON *c = v->child; c; c = c->next, i++) {
		const char *key = NULL;
		size_t old;
		if (is_list) {
			old = cxo__path_index(path, i);
		} else {
			key = cxo__arena_strdup(parent->arena, c->string);
			if (!key)
				return CXO_ENOMEM;
			old = cxo__path_key(path, c->string);
		}
		rc = cxo__json_add_field(child, key, c, path, reals);
		cxo__path_pop(path, old);
		if (rc)
			return rc;
	}
	return cxo__buf_status(path);
}

int cxo__json_to_row(cxo_row *dst, const char *text, size_t len, const cxo__json_limits *lim, int reals)
{
	cJSON *root;
	int rc = cxo__json_parse(&root, text, len, lim, NULL);
	if (rc)
		return rc;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cxo__err(CXO_EFORMAT, "(document): expected a JSON object");
	}
	cxo__buf path = CXO__BUF_INIT;
	rc = cxo__json_check_keys(root, &path);
	for (const cJSON *c = root->child; c && !rc; c = c->next) {
		const char *key = cxo__arena_strdup(dst->arena, c->string);
		if (!key) {
			rc = CXO_ENOMEM;
			break;
		}
		size_t old = cxo__path_key(&path, c->string);
		rc = cxo__json_add_field(dst, key, c, &path, reals);
		cxo__path_pop(&path, old);
	}
	cxo__buf_fini(&path);
	cJSON_Delete(root);
	return rc;
}
