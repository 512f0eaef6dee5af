/* Full-text search (SQLite FTS5) over topic titles, aliases and descriptions,
 * conclusion texts, observation notes and action descriptions. The index is
 * written by the library's C code in the transaction of each change: with
 * trusted_schema off, a trigger may not write to a virtual table. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/text.h"

#include <stdio.h>
#include <string.h>

static const char *const KIND_NAMES[] = { NULL, "topic", "conclusion", "observation", "action" };

static const cxo__sql S_DELETE = { "DELETE FROM search WHERE rowid = ?1" };
static const cxo__sql S_INSERT = { "INSERT INTO search (rowid, kind, key, title, body) VALUES (?1, ?2, ?3, ?4, ?5)" };

static int64_t search_rowid(int kind, int64_t rowid)
{
	return rowid * 8 + kind;
}

/* The index is written when the transaction commits (src/store/defer.c):
 * FTS5 would write a segment to disk at the end of every change. */
int cxo__search_remove(cxo_db *db, int kind, int64_t rowid)
{
	return cxo__defer(db, &S_DELETE, search_rowid(kind, rowid), NULL, 0);
}

int cxo__search_add(cxo_db *db, int kind, int64_t rowid, const char *key, const char *title, const char *body)
{
	if ((!title || !*title) && (!body || !*body))
		return CXO_OK;
	const char *texts[4] = { KIND_NAMES[kind], key, title, body };
	return cxo__defer(db, &S_INSERT, search_rowid(kind, rowid), texts, 4);
}

int cxo__search_put(cxo_db *db, int kind, int64_t rowid, const char *key, const char *title, const char *body)
{
	int rc = cxo__search_remove(db, kind, rowid);
	return rc ? rc : cxo__search_add(db, kind, rowid, key, title, body);
}

/* Whether a piece of text holds something the tokenizer indexes (a letter or
 * a digit; any non-ASCII character may be one). */
static int indexable(const char *s, const char *end)
{
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
			return 1;
	}
	return 0;
}

/* The user's words as an FTS5 query: each word a quoted phrase (quotes
 * doubled), so that no character of the text is taken as query syntax; all
 * words must match. Punctuation alone is no word. */
static int fts_query(const char *text, cxo__buf *q)
{
	size_t words = 0;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *end = p;
		while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
			end++;
		if (!indexable(p, end)) {
			p = end;
			continue;
		}
		if (words++)
			cxo__buf_addc(q, ' ');
		cxo__buf_addc(q, '"');
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
			if (*p == '"')
				cxo__buf_addc(q, '"');
			cxo__buf_addc(q, *p);
		}
		cxo__buf_addc(q, '"');
	}
	if (!words)
		return cxo__err(CXO_EINVAL, "search: the text has no word");
	return cxo__buf_status(q);
}

/* bm25 with the title weighing ten times the body: a topic named by the words
 * comes before a longer text that mentions them (kind and key are not indexed) */
static const cxo__sql S_SEARCH = {
	"SELECT kind, key, title, snippet(search, -1, '[', ']', '...', 12), bm25(search, 0.0, 0.0, 10.0, 1.0) AS score"
	" FROM search WHERE search MATCH ?1 ORDER BY score, kind, key"
};

typedef struct search_state {
	sqlite3_stmt *st;
	char *query;
} search_state;

static int search_next(cxo_cursor *cur)
{
	search_state *s = cur->state;
	int src = sqlite3_step(s->st);
	if (src == SQLITE_DONE)
		return CXO_DONE;
	if (src != SQLITE_ROW)
		return cxo__sqlerr(cur->db, src, "searching");
	cxo_row *r = cxo__row_new_in(&cur->arena, 0);
	if (!r)
		return CXO_ENOMEM;
	int rc = cxo__row_add_column_text(r, "kind", s->st, 0);
	if (!rc)
		rc = cxo__row_add_column_text(r, "key", s->st, 1);
	if (!rc)
		rc = cxo__row_add_column_text(r, "title", s->st, 2);
	if (!rc)
		rc = cxo__row_add_column_text(r, "snippet", s->st, 3);
	/* every row matched some words, which the snippet brackets; SQLite 3.40's
	 * FTS5 can lose them to a failed allocation and still return a row, with
	 * the text of another column (tests/robust/test_alloc_fault.c) */
	if (!rc && !strchr(cxo_row_text(r, "snippet") ? cxo_row_text(r, "snippet") : "", '[')) {
		cur->db->recover = 1;
		rc = cxo__err(CXO_ENOMEM, "out of memory (searching: the snippet lost the words found)");
	}
	if (!rc)
		rc = cxo__row_add_int(r, "rank", (int64_t)(sqlite3_column_double(s->st, 4) * 1000000.0));
	cur->row = r;
	return rc;
}

static void search_destroy(cxo_cursor *cur)
{
	search_state *s = cur->state;
	cxo__stmt_release(cur->db, s->st);
	cxo__free(s->query);
	cxo__free(s);
}

static const cxo__cursor_ops SEARCH_OPS = { search_next, search_destroy };

CXO_API int cxo_search(cxo_cursor **out, cxo_db *db, const char *text, const cxo_query *q)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_search: out is NULL");
	*out = NULL;
	int rc = cxo__db_usable(db, "cxo_search");
	if (rc || (rc = cxo__query_arg(q, &q, "cxo_search")))
		return rc;
	if (!text)
		return cxo__err(CXO_EMISUSE, "cxo_search: text is NULL");
	if ((rc = cxo__text_check(text)))
		return cxo__err_prefix("search: ");
	/* inside a transaction: what its changes queued for the index, first */
	if (db->deferred.n && (rc = cxo__defer_run(db)))
		return rc;
	cxo__buf query = CXO__BUF_INIT;
	if ((rc = fts_query(text, &query))) {
		cxo__buf_fini(&query);
		return rc;
	}
	search_state *s = cxo__calloc(1, sizeof *s);
	if (!s) {
		cxo__buf_fini(&query);
		return CXO_ENOMEM;
	}
	s->query = cxo__buf_detach(&query, NULL);
	if (!s->query || !(s->st = cxo__stmt_acquire(db, &S_SEARCH))) {
		rc = s->query ? cxo_errcode() : CXO_ENOMEM;
		cxo__free(s->query);
		cxo__free(s);
		return rc;
	}
	cxo__bind_text(s->st, 1, s->query);
	rc = cxo__cursor_new(out, db, &SEARCH_OPS, s);
	if (rc) {
		cxo_cursor tmp = { .db = db, .state = s };
		search_destroy(&tmp);
	}
	return rc;
}
