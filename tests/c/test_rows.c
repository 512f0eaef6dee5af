/* Rows: building, reading, writing and parsing JSON. */
#include "helpers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

static cxo_row *new_row(void)
{
	cxo_row *r = NULL;
	TH_OK(cxo_row_new(&r));
	cr_assert_not_null(r);
	return r;
}

/* ---- building ---- */

Test(rows, build_with_every_scalar_setter)
{
	cxo_row *r = new_row();
	cr_assert_eq(cxo_row_size(r), 0);
	cr_assert_eq(cxo_row_is_list(r), 0);
	TH_STR_EQ_FREE(th_json(r), "{}");

	TH_OK(cxo_row_set_text(r, "a", "x"));
	TH_OK(cxo_row_set_int(r, "b", -42));
	TH_OK(cxo_row_set_bool(r, "c", 7));
	TH_OK(cxo_row_set_null(r, "d"));
	TH_OK(cxo_row_set_bool(r, "e", 0));
	TH_OK(cxo_row_set_int(r, "f", INT64_MAX));
	TH_OK(cxo_row_set_int(r, "g", INT64_MIN));
	cr_assert_eq(cxo_row_size(r), 7);
	TH_STR_EQ_FREE(th_json(r), "{\"a\":\"x\",\"b\":-42,\"c\":true,\"d\":null,\"e\":false,"
	                           "\"f\":9223372036854775807,\"g\":-9223372036854775808}");

	static const char *const names[] = { "a", "b", "c", "d", "e", "f", "g" };
	static const int types[] = { CXO_TYPE_TEXT, CXO_TYPE_INT, CXO_TYPE_BOOL, CXO_TYPE_NULL,
		                         CXO_TYPE_BOOL, CXO_TYPE_INT, CXO_TYPE_INT };
	for (size_t i = 0; i < 7; i++) {
		cr_assert_str_eq(cxo_row_name(r, i), names[i]);
		cr_assert_eq(cxo_row_index(r, names[i]), (int64_t)i);
		cr_assert_eq(cxo_row_type_at(r, i), types[i], "field %zu", i);
		cr_assert_eq(cxo_row_type(r, names[i]), types[i], "field %s", names[i]);
	}
	cr_assert_eq(cxo_row_int(r, "b"), -42);
	cr_assert_eq(cxo_row_int(r, "c"), 1); /* a boolean reads as 1 */
	cr_assert_eq(cxo_row_int(r, "e"), 0);
	cr_assert_eq(cxo_row_int(r, "f"), INT64_MAX);
	cr_assert_eq(cxo_row_int(r, "g"), INT64_MIN);
	cr_assert_str_eq(cxo_row_text(r, "a"), "x");
	cxo_row_free(r);
}

Test(rows, text_is_copied)
{
	cxo_row *r = new_row();
	char buf[8] = "abc";
	TH_OK(cxo_row_set_text(r, "t", buf));
	buf[0] = 'z';
	cr_assert_str_eq(cxo_row_text(r, "t"), "abc");
	char name[8] = "nm";
	TH_OK(cxo_row_set_int(r, name, 1));
	name[0] = 'x';
	cr_assert_eq(cxo_row_index(r, "nm"), 1);
	cr_assert_str_eq(cxo_row_name(r, 1), "nm");
	cxo_row_free(r);
}

Test(rows, set_text_null_sets_null)
{
	cxo_row *r = new_row();
	TH_OK(cxo_row_set_text(r, "a", "x"));
	TH_OK(cxo_row_set_text(r, "a", NULL));
	cr_assert_eq(cxo_row_size(r), 1);
	cr_assert_eq(cxo_row_type(r, "a"), CXO_TYPE_NULL);
	cr_assert_null(cxo_row_text(r, "a"));
	TH_STR_EQ_FREE(th_json(r), "{\"a\":null}");
	cxo_row_free(r);
}

Test(rows, setting_an_existing_field_replaces_it_in_place)
{
	cxo_row *r = new_row();
	cxo_row *child = NULL;
	TH_OK(cxo_row_set_text(r, "a", "x"));
	TH_OK(cxo_row_set_int(r, "b", 1));
	TH_OK(cxo_row_set_row(&child, r, "c"));
	TH_OK(cxo_row_set_text(child, "k", "v"));
	TH_OK(cxo_row_set_text(r, "d", "last"));

	TH_OK(cxo_row_set_text(r, "b", "now text"));
	TH_OK(cxo_row_set_int(r, "a", 5));
	TH_OK(cxo_row_set_bool(r, "c", 1));
	cxo_row *list = NULL;
	TH_OK(cxo_row_set_list(&list, r, "d"));
	TH_OK(cxo_row_set_int(list, NULL, 9));
	cr_assert_eq(cxo_row_size(r), 4);
	cr_assert_eq(cxo_row_index(r, "b"), 1);
	cr_assert_eq(cxo_row_type(r, "b"), CXO_TYPE_TEXT);
	TH_STR_EQ_FREE(th_json(r), "{\"a\":5,\"b\":\"now text\",\"c\":true,\"d\":[9]}");

	TH_OK(cxo_row_set_null(r, "a"));
	TH_STR_EQ_FREE(th_json(r), "{\"a\":null,\"b\":\"now text\",\"c\":true,\"d\":[9]}");
	cxo_row_free(r);
}

/* ---- lists and nesting ---- */

Test(rows, lists_take_elements_without_names)
{
	cxo_row *r = new_row();
	cxo_row *list = NULL;
	TH_OK(cxo_row_set_list(&list, r, "l"));
	cr_assert_not_null(list);
	cr_assert_eq(cxo_row_is_list(list), 1);
	cr_assert_eq(cxo_row_type(r, "l"), CXO_TYPE_LIST);
	cr_assert_eq(cxo_row_child(r, "l"), list);
	TH_STR_EQ_FREE(th_json(r), "{\"l\":[]}");

	TH_OK(cxo_row_set_text(list, NULL, "a"));
	TH_OK(cxo_row_set_int(list, NULL, 2));
	TH_OK(cxo_row_set_bool(list, NULL, 1));
	TH_OK(cxo_row_set_null(list, NULL));
	TH_OK(cxo_row_set_text(list, NULL, "a")); /* lists append, even equal values */
	cr_assert_eq(cxo_row_size(list), 5);
	for (size_t i = 0; i < 5; i++)
		cr_assert_null(cxo_row_name(list, i));
	cr_assert_eq(cxo_row_index(list, "a"), -1);
	cr_assert_null(cxo_row_text(list, "a"));
	cr_assert_eq(cxo_row_type(list, "a"), CXO_TYPE_NULL);
	cr_assert_str_eq(cxo_row_text_at(list, 0), "a");
	cr_assert_eq(cxo_row_int_at(list, 1), 2);
	cr_assert_eq(cxo_row_int_at(list, 2), 1);
	cr_assert_eq(cxo_row_type_at(list, 3), CXO_TYPE_NULL);
	TH_STR_EQ_FREE(th_json(r), "{\"l\":[\"a\",2,true,null,\"a\"]}");
	cxo_row_free(r);
}

Test(rows, a_list_element_has_no_name)
{
	cxo_row *r = new_row();
	cxo_row *list = NULL, *child = (cxo_row *)1;
	TH_OK(cxo_row_set_list(&list, r, "l"));
	TH_ERR(cxo_row_set_text(list, "x", "a"), CXO_EMISUSE,
	       "cxo_row_set_text: a list element has no name (pass NULL)");
	TH_ERR(cxo_row_set_int(list, "x", 1), CXO_EMISUSE, "cxo_row_set_int: a list element has no name (pass NULL)");
	TH_ERR(cxo_row_set_bool(list, "x", 1), CXO_EMISUSE,
	       "cxo_row_set_bool: a list element has no name (pass NULL)");
	TH_ERR(cxo_row_set_null(list, "x"), CXO_EMISUSE, "cxo_row_set_null: a list element has no name (pass NULL)");
	TH_ERR(cxo_row_set_row(&child, list, "x"), CXO_EMISUSE,
	       "cxo_row_set_row: a list element has no name (pass NULL)");
	cr_assert_null(child);
	child = (cxo_row *)1;
	TH_ERR(cxo_row_set_list(&child, list, "x"), CXO_EMISUSE,
	       "cxo_row_set_list: a list element has no name (pass NULL)");
	cr_assert_null(child);
	cr_assert_eq(cxo_row_size(list), 0);
	cxo_row_free(r);
}

Test(rows, a_field_needs_a_name)
{
	cxo_row *r = new_row();
	cxo_row *child = (cxo_row *)1;
	TH_ERR(cxo_row_set_text(r, NULL, "a"), CXO_EMISUSE, "cxo_row_set_text: a field needs a name");
	TH_ERR(cxo_row_set_int(r, NULL, 1), CXO_EMISUSE, "cxo_row_set_int: a field needs a name");
	TH_ERR(cxo_row_set_bool(r, NULL, 1), CXO_EMISUSE, "cxo_row_set_bool: a field needs a name");
	TH_ERR(cxo_row_set_null(r, NULL), CXO_EMISUSE, "cxo_row_set_null: a field needs a name");
	TH_ERR(cxo_row_set_row(&child, r, NULL), CXO_EMISUSE, "cxo_row_set_row: a field needs a name");
	cr_assert_null(child);
	TH_ERR(cxo_row_set_list(&child, r, NULL), CXO_EMISUSE, "cxo_row_set_list: a field needs a name");
	cr_assert_eq(cxo_row_size(r), 0);
	cxo_row_free(r);
}

Test(rows, field_names_must_be_text)
{
	cxo_row *r = new_row();
	TH_ERR(cxo_row_set_int(r, "", 1), CXO_EINVAL, "cxo_row_set_int: field name: is empty");
	TH_ERR(cxo_row_set_text(r, "a\xff", "x"), CXO_EINVAL, "cxo_row_set_text: field name: invalid UTF-8 at byte 1");
	TH_ERR(cxo_row_set_bool(r, "a\x01", 1), CXO_EINVAL,
	       "cxo_row_set_bool: field name: \"a\\x01\" holds the control character U+0001 at byte 1");
	cr_assert_eq(cxo_row_size(r), 0);
	TH_OK(cxo_row_set_int(r, "caf\xc3\xa9 name", 1)); /* any text will do */
	TH_STR_EQ_FREE(th_json(r), "{\"caf\xc3\xa9 name\":1}");
	cxo_row_free(r);
}

Test(rows, null_arguments_are_misuse)
{
	cxo_row *child = (cxo_row *)1;
	char *json = (char *)1;
	TH_ERR(cxo_row_new(NULL), CXO_EMISUSE, "cxo_row_new: out is NULL");
	TH_ERR(cxo_row_set_text(NULL, "a", "x"), CXO_EMISUSE, "cxo_row_set_text: row is NULL");
	TH_ERR(cxo_row_set_int(NULL, "a", 1), CXO_EMISUSE, "cxo_row_set_int: row is NULL");
	TH_ERR(cxo_row_set_bool(NULL, "a", 1), CXO_EMISUSE, "cxo_row_set_bool: row is NULL");
	TH_ERR(cxo_row_set_null(NULL, "a"), CXO_EMISUSE, "cxo_row_set_null: row is NULL");
	TH_ERR(cxo_row_set_row(&child, NULL, "a"), CXO_EMISUSE, "cxo_row_set_row: row is NULL");
	cr_assert_null(child);
	TH_ERR(cxo_row_set_list(NULL, NULL, "a"), CXO_EMISUSE, "cxo_row_set_list: child is NULL");
	TH_ERR(cxo_row_to_json(NULL, NULL, NULL), CXO_EMISUSE, "cxo_row_to_json: out is NULL");
	TH_ERR(cxo_row_to_json(&json, NULL, NULL), CXO_EMISUSE, "cxo_row_to_json: row is NULL");
	cr_assert_null(json);

	/* the getters read NULL as an empty row */
	cr_assert_eq(cxo_row_size(NULL), 0);
	cr_assert_eq(cxo_row_is_list(NULL), 0);
	cr_assert_null(cxo_row_name(NULL, 0));
	cr_assert_eq(cxo_row_index(NULL, "a"), -1);
	cr_assert_eq(cxo_row_type_at(NULL, 0), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_int_at(NULL, 0), 0);
	cr_assert_null(cxo_row_text_at(NULL, 0));
	cr_assert_null(cxo_row_child_at(NULL, 0));
	cr_assert_eq(cxo_row_type(NULL, "a"), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_int(NULL, "a"), 0);
	cr_assert_null(cxo_row_text(NULL, "a"));
	cr_assert_null(cxo_row_child(NULL, "a"));
}

Test(rows, nested_rows_and_lists)
{
	cxo_row *r = new_row();
	cxo_row *meta = NULL, *list = NULL, *inner = NULL, *sub = NULL, *deeper = NULL;
	TH_OK(cxo_row_set_row(&meta, r, "meta"));
	TH_OK(cxo_row_set_text(meta, "k", "v"));
	TH_OK(cxo_row_set_list(&list, r, "items"));
	TH_OK(cxo_row_set_int(list, NULL, 1));
	TH_OK(cxo_row_set_row(&inner, list, NULL));
	TH_OK(cxo_row_set_text(inner, "ref", "TD101"));
	TH_OK(cxo_row_set_list(&sub, list, NULL));
	TH_OK(cxo_row_set_text(sub, NULL, "a"));
	TH_OK(cxo_row_set_list(&deeper, sub, NULL));
	TH_OK(cxo_row_set_row(&meta, inner, "nested"));
	TH_STR_EQ_FREE(th_json(r), "{\"meta\":{\"k\":\"v\"},\"items\":[1,{\"ref\":\"TD101\",\"nested\":{}},[\"a\",[]]]}");

	cr_assert_eq(cxo_row_type(r, "meta"), CXO_TYPE_ROW);
	cr_assert_eq(cxo_row_type(r, "items"), CXO_TYPE_LIST);
	const cxo_row *items = cxo_row_child(r, "items");
	cr_assert_eq(cxo_row_size(items), 3);
	cr_assert_eq(cxo_row_type_at(items, 1), CXO_TYPE_ROW);
	cr_assert_eq(cxo_row_type_at(items, 2), CXO_TYPE_LIST);
	const cxo_row *first = cxo_row_child_at(items, 1);
	cr_assert_eq(first, inner);
	cr_assert_eq(cxo_row_is_list(first), 0);
	cr_assert_str_eq(cxo_row_text(first, "ref"), "TD101");
	cr_assert_eq(cxo_row_is_list(cxo_row_child_at(items, 2)), 1);
	cr_assert_str_eq(cxo_row_text(cxo_row_child(r, "meta"), "k"), "v");
	/* freeing a nested row is a no-op: it belongs to its parent */
	cxo_row_free(inner);
	cr_assert_str_eq(cxo_row_text(first, "ref"), "TD101");
	cxo_row_free(r);
}

Test(rows, getters_out_of_range_and_of_the_wrong_type)
{
	cxo_row *r = th_row("{\"t\":\"text\",\"i\":3,\"b\":true,\"n\":null,\"o\":{},\"l\":[]}");
	cr_assert_eq(cxo_row_size(r), 6);
	/* out of range */
	cr_assert_null(cxo_row_name(r, 6));
	cr_assert_null(cxo_row_name(r, SIZE_MAX));
	cr_assert_eq(cxo_row_type_at(r, 6), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_int_at(r, 6), 0);
	cr_assert_null(cxo_row_text_at(r, 6));
	cr_assert_null(cxo_row_child_at(r, 6));
	/* absent names */
	cr_assert_eq(cxo_row_index(r, "x"), -1);
	cr_assert_eq(cxo_row_index(r, NULL), -1);
	cr_assert_eq(cxo_row_type(r, "x"), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_int(r, "x"), 0);
	cr_assert_null(cxo_row_text(r, "x"));
	cr_assert_null(cxo_row_child(r, "x"));
	/* wrong types */
	cr_assert_eq(cxo_row_int(r, "t"), 0);
	cr_assert_null(cxo_row_child(r, "t"));
	cr_assert_null(cxo_row_text(r, "i"));
	cr_assert_null(cxo_row_child(r, "i"));
	cr_assert_null(cxo_row_text(r, "n"));
	cr_assert_eq(cxo_row_int(r, "n"), 0);
	cr_assert_eq(cxo_row_int(r, "o"), 0);
	cr_assert_null(cxo_row_text(r, "l"));
	cr_assert_eq(cxo_row_int_at(r, 0), 0);
	cr_assert_null(cxo_row_text_at(r, 1));
	cr_assert_null(cxo_row_child_at(r, 2));
	/* right types */
	cr_assert_eq(cxo_row_int(r, "i"), 3);
	cr_assert_eq(cxo_row_int(r, "b"), 1);
	cr_assert_eq(cxo_row_type(r, "n"), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_index(r, "n"), 3);
	cr_assert_not_null(cxo_row_child(r, "o"));
	cr_assert_eq(cxo_row_size(cxo_row_child(r, "o")), 0);
	cr_assert_eq(cxo_row_is_list(cxo_row_child(r, "l")), 1);
	cxo_row_free(r);
}

/* ---- JSON out ---- */

Test(rows, to_json_escapes_strings)
{
	cxo_row *r = new_row();
	TH_OK(cxo_row_set_text(r, "s", "q\"b\\s/\n\r\t\b\f\x01\x1f\x7f \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
	TH_OK(cxo_row_set_text(r, "k\"\n", ""));
	TH_STR_EQ_FREE(th_json(r), "{\"s\":\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f "
	                           "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\",\"k\\\"\\n\":\"\"}");
	char *out = NULL;
	TH_OK(cxo_row_to_json(&out, NULL, r)); /* len may be NULL */
	cr_assert_not_null(out);
	cxo_free(out);
	cxo_row_free(r);
}

Test(rows, to_json_of_a_list_row)
{
	cxo_row *r = new_row();
	cxo_row *l = NULL;
	TH_OK(cxo_row_set_list(&l, r, "l"));
	TH_OK(cxo_row_set_int(l, NULL, -1));
	TH_STR_EQ_FREE(th_json(l), "[-1]");
	cxo_row_free(r);
}

/* ---- JSON in ---- */

Test(rows, from_json_reads_every_type)
{
	const char *json = " {\n\t\"t\": \"x\\u00e9\\ud83d\\ude00\\n\\/\" , \"i\": -12, \"z\": 0, \"b\": false,"
	                   " \"n\": null, \"o\": {\"k\": [1, [true], {}]}, \"l\": [] } \r\n";
	cxo_row *r = NULL;
	TH_OK(cxo_row_from_json(&r, json, strlen(json)));
	cr_assert_eq(cxo_row_size(r), 7);
	cr_assert_str_eq(cxo_row_text(r, "t"), "x\xc3\xa9\xf0\x9f\x98\x80\n/");
	cr_assert_eq(cxo_row_type(r, "i"), CXO_TYPE_INT);
	cr_assert_eq(cxo_row_int(r, "i"), -12);
	cr_assert_eq(cxo_row_type(r, "b"), CXO_TYPE_BOOL);
	cr_assert_eq(cxo_row_type(r, "n"), CXO_TYPE_NULL);
	cr_assert_eq(cxo_row_type(r, "o"), CXO_TYPE_ROW);
	cr_assert_eq(cxo_row_type(r, "l"), CXO_TYPE_LIST);
	TH_STR_EQ_FREE(th_json(r), "{\"t\":\"x\xc3\xa9\xf0\x9f\x98\x80\\n/\",\"i\":-12,\"z\":0,\"b\":false,\"n\":null,"
	                           "\"o\":{\"k\":[1,[true],{}]},\"l\":[]}");
	cxo_row_free(r);
}

Test(rows, from_json_round_trips)
{
	const char *json = "{\"a\":[{\"ref\":\"TSAG-TD101 Annex B \xc2\xa7" "3\",\"url\":\"https://x/y\"}],"
	                   "\"b\":-9007199254740991,\"c\":9007199254740991,\"d\":\"\\\"\\\\\\u0001\"}";
	cxo_row *r = th_row(json);
	TH_STR_EQ_FREE(th_json(r), json);
	cr_assert_eq(cxo_row_int(r, "b"), -9007199254740991LL);
	cr_assert_eq(cxo_row_int(r, "c"), 9007199254740991LL);
	cxo_row_free(r);
}

Test(rows, from_json_reads_only_len_bytes)
{
	cxo_row *r = NULL;
	TH_OK(cxo_row_from_json(&r, "{\"a\":1}garbage", 7));
	TH_STR_EQ_FREE(th_json(r), "{\"a\":1}");
	cxo_row_free(r);
}

/* Parse `json` (of strlen bytes), expecting failure with `code` and `msg`. */
static void bad_json_n(const char *json, size_t len, int code, const char *msg)
{
	cxo_row *r = (cxo_row *)1;
	int rc = cxo_row_from_json(&r, json, len);
	cr_assert_eq(rc, code, "cxo_row_from_json(%s) returned %d, expected %d: %s", json, rc, code, cxo_errmsg());
	cr_assert_null(r);
	cr_assert_eq(cxo_errcode(), code);
	cr_assert_str_eq(cxo_errmsg(), msg, "for %s", json);
}

static void bad_json(const char *json, const char *msg)
{
	bad_json_n(json, strlen(json), CXO_EFORMAT, msg);
}

Test(rows, from_json_refuses_duplicate_keys)
{
	bad_json("{\"a\":1,\"a\":2}", "(document): duplicate key \"a\"");
	bad_json("{\"a\":1,\"b\":2,\"a\":1}", "(document): duplicate key \"a\"");
	bad_json("{\"x\":{\"k\":1,\"k\":null}}", "x: duplicate key \"k\"");
	bad_json("{\"l\":[{\"k\":1},{\"k\":1,\"k\":2}]}", "l[1]: duplicate key \"k\"");
	/* keys are compared once their escapes are decoded */
	bad_json("{\"a\":1,\"\\u0061\":2}", "(document): duplicate key \"a\"");
	/* the same key in different objects is fine */
	cxo_row *r = th_row("{\"k\":1,\"o\":{\"k\":2},\"l\":[{\"k\":3},{\"k\":4}]}");
	cxo_row_free(r);
}

Test(rows, from_json_reads_reals)
{
	cxo_row *r = th_row("{\"a\":1.5,\"x\":{\"y\":[1,2.25]},\"n\":-0.5,\"e\":1e-3,\"two\":2.0}");
	cr_assert_eq(cxo_row_type(r, "a"), CXO_TYPE_REAL);
	cr_assert_eq(cxo_row_real(r, "a"), 1.5);
	cr_assert_eq(cxo_row_int(r, "a"), 0, "a real is not an integer");
	const cxo_row *y = cxo_row_child(cxo_row_child(r, "x"), "y");
	cr_assert_eq(cxo_row_type_at(y, 0), CXO_TYPE_INT);
	cr_assert_eq(cxo_row_real_at(y, 0), 1.0, "an integer reads as a real too");
	cr_assert_eq(cxo_row_type_at(y, 1), CXO_TYPE_REAL);
	cr_assert_eq(cxo_row_real_at(y, 1), 2.25);
	cr_assert_eq(cxo_row_real(r, "n"), -0.5);
	cr_assert_eq(cxo_row_real(r, "e"), 0.001);
	/* JSON keeps no difference between 2.0 and 2 */
	cr_assert_eq(cxo_row_type(r, "two"), CXO_TYPE_INT);
	cr_assert_eq(cxo_row_real(r, "missing"), 0.0);
	cr_assert_eq(cxo_row_real_at(r, 99), 0.0);
	TH_STR_EQ_FREE(th_json(r), "{\"a\":1.5,\"x\":{\"y\":[1,2.25]},\"n\":-0.5,\"e\":0.001,\"two\":2}");
	cxo_row_free(r);
	bad_json("{\"a\":1e400}", "a: the number is not finite");
	bad_json("{\"x\":[-1e400]}", "x[0]: the number is not finite");
}

Test(rows, from_json_reads_integers_within_2_to_the_53)
{
	cxo_row *r = th_row("{\"max\":9007199254740991,\"min\":-9007199254740991,\"big\":9007199254740993}");
	cr_assert_eq(cxo_row_type(r, "max"), CXO_TYPE_INT);
	cr_assert_eq(cxo_row_int(r, "max"), 9007199254740991LL);
	cr_assert_eq(cxo_row_int(r, "min"), -9007199254740991LL);
	/* beyond, a number is a real: 2^53 + 1 has no double of its own */
	cr_assert_eq(cxo_row_type(r, "big"), CXO_TYPE_REAL);
	cr_assert_eq(cxo_row_real(r, "big"), 9007199254740992.0);
	cxo_row_free(r);
}

Test(rows, reals_set_and_written)
{
	cxo_row *r;
	TH_OK(cxo_row_new(&r));
	TH_OK(cxo_row_set_real(r, "third", 1.0 / 3.0));
	TH_OK(cxo_row_set_real(r, "two", 2.0));
	TH_OK(cxo_row_set_real(r, "tiny", 1e-300));
	cxo_row *l;
	TH_OK(cxo_row_set_list(&l, r, "l"));
	TH_OK(cxo_row_set_real(l, NULL, -0.25));
	TH_ERR(cxo_row_set_real(r, "nan", NAN), CXO_EINVAL, "nan: the number is not finite");
	TH_ERR(cxo_row_set_real(l, NULL, INFINITY), CXO_EINVAL, "(element): the number is not finite");
	TH_ERR(cxo_row_set_real(NULL, "x", 1.0), CXO_EMISUSE, "cxo_row_set_real: row is NULL");
	/* the shortest text that reads back the same, and a real stays one */
	char *json = th_json(r);
	cr_assert_str_eq(json, "{\"third\":0.3333333333333333,\"two\":2.0,\"tiny\":1e-300,\"l\":[-0.25]}");
	cxo_row *back;
	TH_OK(cxo_row_from_json(&back, json, strlen(json)));
	cr_assert_eq(cxo_row_real(back, "third"), 1.0 / 3.0);
	cr_assert_eq(cxo_row_real(back, "tiny"), 1e-300);
	cxo_row_free(back);
	cxo_free(json);
	cxo_row_free(r);
}

Test(rows, to_json_refuses_text_that_is_not_utf8)
{
	cxo_row *r, *l;
	TH_OK(cxo_row_new(&r));
	TH_OK(cxo_row_set_list(&l, r, "names"));
	TH_OK(cxo_row_set_text(l, NULL, "ok"));
	TH_OK(cxo_row_set_text(l, NULL, "bad \xC3"));
	char *out = (char *)1;
	TH_ERR(cxo_row_to_json(&out, NULL, r), CXO_EINVAL, "names[1]: invalid UTF-8 at byte 4");
	cr_assert_null(out);
	cxo_row_free(r);
}

Test(rows, from_json_refuses_bad_syntax)
{
	bad_json("{\"a\":1,}", "line 1, column 8: trailing comma");
	bad_json("{\"a\":[1,2,]}", "line 1, column 11: trailing comma");
	bad_json("{\n  \"a\": 1,\n}", "line 3, column 1: trailing comma");
	bad_json("{\"a\" 1}", "line 1, column 6: expected ':' after a key");
	bad_json("{a:1}", "line 1, column 2: expected a key in double quotes");
	bad_json("{\"a\":1 \"b\":2}", "line 1, column 8: expected ',' or '}'");
	bad_json("{\"a\":[1 2]}", "line 1, column 9: expected ',' or ']'");
	bad_json("{\"a\":tru}", "line 1, column 6: expected a value");
	bad_json("{\"a\":nul}", "line 1, column 6: expected a value");
	bad_json("{\"a\":'x'}", "line 1, column 6: expected a value");
	bad_json("{\"a\":01}", "line 1, column 6: invalid number (leading zero)");
	bad_json("{\"a\":1.}", "line 1, column 6: invalid number (digits must follow the decimal point)");
	bad_json("{\"a\":1e}", "line 1, column 6: invalid number (digits must follow the exponent)");
	bad_json("{\"a\":-}", "line 1, column 6: invalid number");
	bad_json("{\"a\":+1}", "line 1, column 6: expected a value");
	bad_json("{} {}", "line 1, column 4: unexpected text after the document");
	bad_json("", "line 1, column 1: the document is empty");
	bad_json(" \n ", "line 2, column 2: the document is empty");
}

Test(rows, from_json_counts_columns_in_characters)
{
	/* "é" is two bytes and one column */
	bad_json("{\"\xc3\xa9\":1,}", "line 1, column 8: trailing comma");
}

Test(rows, from_json_refuses_bad_strings)
{
	bad_json("{\"a\":\"\\x\"}", "line 1, column 7: invalid escape in a string");
	bad_json("{\"a\":\"\\'\"}", "line 1, column 7: invalid escape in a string");
	bad_json("{\"a\":\"\\u12G4\"}", "line 1, column 7: \\u must be followed by four hexadecimal digits");
	bad_json("{\"a\":\"\\u12\"}", "line 1, column 7: \\u must be followed by four hexadecimal digits");
	bad_json("{\"a\":\"\\ud800\"}", "line 1, column 7: lone high surrogate in a \\u escape");
	bad_json("{\"a\":\"x\\ud83dy\"}", "line 1, column 8: lone high surrogate in a \\u escape");
	bad_json("{\"a\":\"\\ud800\\u0041\"}", "line 1, column 7: lone high surrogate in a \\u escape");
	bad_json("{\"a\":\"\\udc00\"}", "line 1, column 7: lone low surrogate in a \\u escape");
	bad_json("{\"a\":\"\\ude00\\ud83d\"}", "line 1, column 7: lone low surrogate in a \\u escape");
	bad_json("{\"a\":\"\\u0000\"}", "line 1, column 7: \\u0000 is not allowed in a string");
	bad_json("{\"\\u0000\":1}", "line 1, column 3: \\u0000 is not allowed in a string");
	bad_json("{\"a\":\"abc", "line 1, column 6: unterminated string");
	bad_json("{\"a\":\"abc\\", "line 1, column 6: unterminated string");
}

Test(rows, from_json_refuses_raw_control_characters)
{
	bad_json("{\"a\":\"x\ty\"}", "line 1, column 8: raw control character U+0009 in a string (escape it)");
	bad_json("{\"a\":\"x\ny\"}", "line 1, column 8: raw control character U+000A in a string (escape it)");
	bad_json("{\"a\":\"\x01\"}", "line 1, column 7: raw control character U+0001 in a string (escape it)");
	bad_json("{\"a\x1f\":1}", "line 1, column 4: raw control character U+001F in a string (escape it)");
}

Test(rows, from_json_refuses_invalid_utf8)
{
	bad_json("{\"a\":\"\xff\"}", "line 1, column 7: invalid UTF-8");
	bad_json("{\"a\":\"x\xc3\"}", "line 1, column 8: invalid UTF-8");              /* truncated sequence */
	bad_json("{\"a\":\"\xc0\xaf\"}", "line 1, column 7: invalid UTF-8");           /* overlong "/" */
	bad_json("{\"a\":\"\xed\xa0\x80\"}", "line 1, column 7: invalid UTF-8");       /* a surrogate */
	bad_json("{\"a\":\"\xf4\x90\x80\x80\"}", "line 1, column 7: invalid UTF-8");   /* above U+10FFFF */
	bad_json("{\"\xe9\":1}", "line 1, column 3: invalid UTF-8");                   /* Latin-1 */
	bad_json_n("{\"a\":\"x\0\"}", 10, CXO_EFORMAT, "line 1, column 8: NUL byte in the document");
}

Test(rows, from_json_nesting_limit)
{
	char doc[400];
	/* the object, then 63 arrays: 64 levels */
	size_t o = 0;
	o += (size_t)sprintf(doc, "{\"a\":");
	for (int i = 0; i < 63; i++)
		doc[o++] = '[';
	for (int i = 0; i < 63; i++)
		doc[o++] = ']';
	doc[o++] = '}';
	doc[o] = '\0';
	cxo_row *r = th_row(doc);
	cxo_row_free(r);

	/* one more level: the 65th opening bracket, at column 5 + 64 */
	o = (size_t)sprintf(doc, "{\"a\":");
	for (int i = 0; i < 64; i++)
		doc[o++] = '[';
	for (int i = 0; i < 64; i++)
		doc[o++] = ']';
	doc[o++] = '}';
	doc[o] = '\0';
	bad_json_n(doc, strlen(doc), CXO_ELIMIT, "line 1, column 69: nesting deeper than the limit of 64");

	/* far deeper (truncated, even): still the limit, no stack overflow */
	char *deep = malloc(100001);
	cr_assert_not_null(deep);
	deep[0] = '{';
	deep[1] = '"';
	deep[2] = 'a';
	deep[3] = '"';
	deep[4] = ':';
	memset(deep + 5, '[', 99995);
	deep[100000] = '\0';
	bad_json_n(deep, 100000, CXO_ELIMIT, "line 1, column 69: nesting deeper than the limit of 64");
	free(deep);
}

Test(rows, from_json_refuses_truncated_documents)
{
	bad_json("{", "line 1, column 2: unexpected end of the document (truncated?)");
	bad_json("{\"a\":", "line 1, column 6: unexpected end of the document (truncated?)");
	bad_json("{\"a\":1", "line 1, column 7: unexpected end of the document (truncated?)");
	bad_json("{\"a\":[1,", "line 1, column 9: unexpected end of the document (truncated?)");
	bad_json("{\"a\":{\"b\":[]}", "line 1, column 14: unexpected end of the document (truncated?)");
}

Test(rows, from_json_wants_an_object)
{
	bad_json("[1,2]", "(document): expected a JSON object");
	bad_json("\"x\"", "(document): expected a JSON object");
	bad_json("42", "(document): expected a JSON object");
	bad_json("null", "(document): expected a JSON object");
	bad_json("true", "(document): expected a JSON object");
}

Test(rows, from_json_limits_strings_and_numbers)
{
	/* a string of exactly 1 MiB is fine, one byte more is not */
	size_t n = (size_t)1 << 20;
	char *doc = malloc(n + 16);
	cr_assert_not_null(doc);
	memcpy(doc, "{\"a\":\"", 6);
	memset(doc + 6, 'x', n);
	memcpy(doc + 6 + n, "\"}", 3);
	cxo_row *r = th_row(doc);
	cr_assert_eq(strlen(cxo_row_text(r, "a")), n);
	cxo_row_free(r);
	memset(doc + 6, 'x', n + 1);
	memcpy(doc + 6 + n + 1, "\"}", 3);
	bad_json_n(doc, strlen(doc), CXO_ELIMIT, "line 1, column 6: a string of 1048577 bytes is longer than the limit of 1048576");
	free(doc);

	char num[128] = "{\"a\":";
	memset(num + 5, '1', 65);
	strcpy(num + 70, "}");
	bad_json_n(num, strlen(num), CXO_ELIMIT, "line 1, column 6: a number of more than 64 characters");
}

Test(rows, from_json_null_arguments)
{
	cxo_row *r = (cxo_row *)1;
	TH_ERR(cxo_row_from_json(NULL, "{}", 2), CXO_EMISUSE, "cxo_row_from_json: out is NULL");
	TH_ERR(cxo_row_from_json(&r, NULL, 0), CXO_EMISUSE, "cxo_row_from_json: json is NULL");
	cr_assert_null(r);
}
