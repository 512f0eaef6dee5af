/* The C side of the benchmarks: cxotrack through its public API, and the raw
 * SQLite baselines it is measured against, on the rows gen.py writes.
 *
 *   cxo_bench insert-cxo DATADIR DB         observations through cxo_record_create in one
 *                                           cxo_db_begin/commit (meetings and topics first, untimed)
 *   cxo_bench insert-raw DATADIR SCHEMA DB  the same rows into the minimal schema with prepared
 *                                           statements in one transaction (same untimed setup)
 *   cxo_bench history-cxo DB          every topic's history (cxo_topic_history, all topics),
 *                                     every field of every row read
 *   cxo_bench history-raw DB          the same rows from the minimal schema with one query,
 *                                     movements and gaps computed as it goes
 *   cxo_bench report DB KIND [MEETING] a report in JSON through a counting sink
 *
 * Each prints one line of JSON: {"case": ..., "seconds": ..., "rows": ...}, the
 * seconds being those of the timed part alone (loading the row files and the
 * untimed setup are left out). The runner (run.py) reads it, and the child's
 * peak memory from wait4(). The minimal schema is in baseline_schema.sql, the
 * same for the C and Python baselines: text keys, one unique key per record
 * as cxotrack has, the time-ordering `pos` column cxotrack keeps, no audit, no
 * full-text index, no checks. */
#include <cxotrack.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process (user and system): on a machine others share, it
 * moves less than the elapsed time, and the runner reports both. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "cxo_bench: %s: %s\n", what, msg);
	exit(1);
}

static void check_cxo(int rc, const char *what)
{
	if (rc < 0 || rc == CXO_WARNED)
		die(what, cxo_errmsg());
}

static void check_sql(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		die(what, sqlite3_errmsg(db));
}

/* ---- the raw row files ---- */

enum { MAXCOLS = 12 };

typedef struct table {
	char *data;
	size_t nrows, ncols;
	char **cells; /* nrows x ncols, NULL for \N */
} table;

static char *read_text_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)size + 1);
	if (!s || fread(s, 1, (size_t)size, f) != (size_t)size)
		die(path, "cannot read");
	s[size] = '\0';
	fclose(f);
	return s;
}

static void load_table(table *t, const char *dir, const char *name, size_t ncols)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	t->data = read_text_file(path);
	t->ncols = ncols;
	t->nrows = 0;
	for (const char *c = t->data; *c; c++)
		t->nrows += *c == '\n';
	t->cells = malloc((t->nrows ? t->nrows : 1) * ncols * sizeof *t->cells);
	if (!t->cells)
		die(path, "out of memory");
	char *p = t->data;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			char *cell = p;
			while (*p && *p != '\t' && *p != '\n')
				p++;
			if ((c + 1 < ncols) != (*p == '\t'))
				die(path, "wrong number of columns");
			*p++ = '\0';
			t->cells[r * ncols + c] = strcmp(cell, "\\N") == 0 ? NULL : cell;
		}
	}
}

static const char *cell(const table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

/* meetings.tsv: id kind ordinal date; topics.tsv: id title;
 * observations.tsv: topic lifecycle meeting date status qualifier priority note uncertain;
 * observation_sources.tsv: observation-index ref url */
typedef struct data {
	table meetings, topics, obs, sources;
	size_t *first_source; /* per observation: index of its first source row, nsources if none */
} data;

static void load_data(data *d, const char *dir)
{
	load_table(&d->meetings, dir, "meetings.tsv", 4);
	load_table(&d->topics, dir, "topics.tsv", 2);
	load_table(&d->obs, dir, "observations.tsv", 9);
	load_table(&d->sources, dir, "observation_sources.tsv", 3);
	d->first_source = malloc((d->obs.nrows + 1) * sizeof *d->first_source);
	if (!d->first_source)
		die("loading", "out of memory");
	for (size_t i = 0; i <= d->obs.nrows; i++)
		d->first_source[i] = d->sources.nrows;
	for (size_t s = d->sources.nrows; s-- > 0;)
		d->first_source[strtoul(cell(&d->sources, s, 0), NULL, 10)] = s;
}

static void free_table(table *t)
{
	free(t->data);
	free(t->cells);
}

static void free_data(data *d)
{
	free_table(&d->meetings);
	free_table(&d->topics);
	free_table(&d->obs);
	free_table(&d->sources);
	free(d->first_source);
}

/* ---- cxotrack: insert ---- */

static void set_text(cxo_row *r, const char *name, const char *v)
{
	if (v)
		check_cxo(cxo_row_set_text(r, name, v), name);
}

static int insert_cxo(const char *dir, const char *path)
{
	data d;
	load_data(&d, dir);
	remove(path);
	cxo_db *db;
	check_cxo(cxo_db_open(&db, path, CXO_OPEN_CREATE), path);
	check_cxo(cxo_db_set_actor(db, "bench"), "actor");
	/* untimed: the meetings and topics the observations refer to */
	check_cxo(cxo_db_begin(db), "begin");
	for (size_t i = 0; i < d.meetings.nrows; i++) {
		cxo_row *r;
		check_cxo(cxo_row_new(&r), "row");
		set_text(r, "id", cell(&d.meetings, i, 0));
		set_text(r, "kind", cell(&d.meetings, i, 1));
		check_cxo(cxo_row_set_int(r, "ordinal", strtoll(cell(&d.meetings, i, 2), NULL, 10)), "ordinal");
		set_text(r, "date", cell(&d.meetings, i, 3));
		check_cxo(cxo_record_create(db, CXO_KIND_MEETING, r), "meeting");
		cxo_row_free(r);
	}
	for (size_t i = 0; i < d.topics.nrows; i++) {
		cxo_row *r;
		check_cxo(cxo_row_new(&r), "row");
		set_text(r, "id", cell(&d.topics, i, 0));
		set_text(r, "title", cell(&d.topics, i, 1));
		check_cxo(cxo_record_create(db, CXO_KIND_TOPIC, r), "topic");
		cxo_row_free(r);
	}
	check_cxo(cxo_db_commit(db), "commit");

	double t0 = now(), c0 = cpu();
	check_cxo(cxo_db_begin(db), "begin");
	static const char *const names[] = { "topic", "lifecycle", "meeting", "date", "status", "qualifier", "priority",
	                                     "note" };
	for (size_t i = 0; i < d.obs.nrows; i++) {
		cxo_row *r, *sources, *s;
		check_cxo(cxo_row_new(&r), "row");
		for (size_t c = 0; c < 8; c++)
			set_text(r, names[c], cell(&d.obs, i, c));
		if (cell(&d.obs, i, 8)[0] == '1')
			check_cxo(cxo_row_set_bool(r, "uncertain", 1), "uncertain");
		size_t k = d.first_source[i];
		if (k < d.sources.nrows && strtoul(cell(&d.sources, k, 0), NULL, 10) == i) {
			check_cxo(cxo_row_set_list(&sources, r, "sources"), "sources");
			for (; k < d.sources.nrows && strtoul(cell(&d.sources, k, 0), NULL, 10) == i; k++) {
				check_cxo(cxo_row_set_row(&s, sources, NULL), "source");
				set_text(s, "ref", cell(&d.sources, k, 1));
				set_text(s, "url", cell(&d.sources, k, 2));
			}
		}
		int rc = cxo_record_create(db, CXO_KIND_OBSERVATION, r);
		if (rc != CXO_OK)
			die("observation", cxo_errmsg());
		cxo_row_free(r);
	}
	check_cxo(cxo_db_commit(db), "commit");
	double t1 = now(), c1 = cpu();
	check_cxo(cxo_db_close(db), "close");
	printf("{\"case\": \"insert-cxo\", \"seconds\": %.6f, \"cpu\": %.6f, \"rows\": %zu}\n", t1 - t0, c1 - c0, d.obs.nrows);
	free_data(&d);
	return 0;
}

/* ---- raw SQLite: insert ---- */

static sqlite3 *raw_open(const char *path, int create)
{
	sqlite3 *db;
	if (create)
		remove(path);
	int rc = sqlite3_open_v2(path, &db, create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY,
	                         NULL);
	if (rc != SQLITE_OK)
		die(path, sqlite3_errstr(rc));
	/* as cxotrack's handles: write-ahead log, default synchronous */
	if (create)
		check_sql(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), "wal");
	return db;
}

/* The sort key of a point, as cxotrack computes it (src/model/point.c). */
static void pos_meeting(char *out, size_t n, const char *date, long long ordinal, const char *id)
{
	if (ordinal > 0)
		snprintf(out, n, "%s\x01" "0%010lld\x01%s", date, ordinal, id);
	else
		snprintf(out, n, "%s\x01" "0\x01%s", date, id);
}

static void pos_event(char *out, size_t n, const char *date)
{
	snprintf(out, n, "%s\x01" "1", date);
}

typedef struct mpos {
	const char *id;
	char pos[200];
} mpos;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const mpos *)a)->id, ((const mpos *)b)->id);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int insert_raw(const char *dir, const char *schema, const char *path)
{
	data d;
	load_data(&d, dir);
	sqlite3 *db = raw_open(path, 1);
	char *sql = read_text_file(schema);
	check_sql(db, sqlite3_exec(db, sql, NULL, NULL, NULL), "schema");
	free(sql);
	/* untimed: meetings and topics */
	check_sql(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
	sqlite3_stmt *st;
	check_sql(db, sqlite3_prepare_v2(db, "INSERT INTO meeting (id, kind, ordinal, date, pos) VALUES (?1, ?2, ?3, ?4, ?5)",
	                                 -1, &st, NULL), "prepare");
	mpos *mp = malloc((d.meetings.nrows + 1) * sizeof *mp);
	for (size_t i = 0; i < d.meetings.nrows; i++) {
		mp[i].id = cell(&d.meetings, i, 0);
		pos_meeting(mp[i].pos, sizeof mp[i].pos, cell(&d.meetings, i, 3), strtoll(cell(&d.meetings, i, 2), NULL, 10),
		            mp[i].id);
		for (int c = 0; c < 4; c++)
			bind_opt(st, c + 1, cell(&d.meetings, i, (size_t)c));
		sqlite3_bind_text(st, 5, mp[i].pos, -1, SQLITE_STATIC);
		check_sql(db, sqlite3_step(st), "meeting");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	qsort(mp, d.meetings.nrows, sizeof *mp, by_id);
	check_sql(db, sqlite3_prepare_v2(db, "INSERT INTO topic (id, title) VALUES (?1, ?2)", -1, &st, NULL), "prepare");
	for (size_t i = 0; i < d.topics.nrows; i++) {
		bind_opt(st, 1, cell(&d.topics, i, 0));
		bind_opt(st, 2, cell(&d.topics, i, 1));
		check_sql(db, sqlite3_step(st), "topic");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	check_sql(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");

	double t0 = now(), c0 = cpu();
	check_sql(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
	sqlite3_stmt *ins, *src;
	check_sql(db, sqlite3_prepare_v2(db,
	                                 "INSERT INTO observation (topic, lifecycle, meeting, date, status, qualifier,"
	                                 " priority, note, uncertain, pos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                                 -1, &ins, NULL), "prepare");
	check_sql(db, sqlite3_prepare_v2(db,
	                                 "INSERT INTO observation_source (observation, pos, ref, url) VALUES (?1, ?2, ?3, ?4)",
	                                 -1, &src, NULL), "prepare");
	for (size_t i = 0; i < d.obs.nrows; i++) {
		for (int c = 0; c < 8; c++)
			bind_opt(ins, c + 1, cell(&d.obs, i, (size_t)c));
		sqlite3_bind_int(ins, 9, cell(&d.obs, i, 8)[0] == '1');
		char pos[200];
		const char *meeting = cell(&d.obs, i, 2);
		if (meeting) {
			mpos key = { meeting, "" };
			const mpos *m = bsearch(&key, mp, d.meetings.nrows, sizeof *mp, by_id);
			if (!m)
				die("observation", "unknown meeting");
			sqlite3_bind_text(ins, 10, m->pos, -1, SQLITE_STATIC);
		} else {
			pos_event(pos, sizeof pos, cell(&d.obs, i, 3));
			sqlite3_bind_text(ins, 10, pos, -1, SQLITE_STATIC);
		}
		check_sql(db, sqlite3_step(ins), "observation");
		sqlite3_reset(ins);
		sqlite3_int64 id = sqlite3_last_insert_rowid(db);
		int n = 0;
		for (size_t k = d.first_source[i]; k < d.sources.nrows && strtoul(cell(&d.sources, k, 0), NULL, 10) == i;
		     k++) {
			sqlite3_bind_int64(src, 1, id);
			sqlite3_bind_int(src, 2, ++n);
			bind_opt(src, 3, cell(&d.sources, k, 1));
			bind_opt(src, 4, cell(&d.sources, k, 2));
			check_sql(db, sqlite3_step(src), "source");
			sqlite3_reset(src);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(src);
	check_sql(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	double t1 = now(), c1 = cpu();
	sqlite3_close(db);
	free(mp);
	printf("{\"case\": \"insert-raw\", \"seconds\": %.6f, \"cpu\": %.6f, \"rows\": %zu}\n", t1 - t0, c1 - c0, d.obs.nrows);
	free_data(&d);
	return 0;
}

/* ---- histories ---- */

/* Something every value read goes into, so that no read is optimized away. */
static uint64_t digest;

static void eat(const char *s)
{
	if (s)
		digest = digest * 31 + strlen(s);
}

static void eat_row(const cxo_row *r)
{
	for (size_t i = 0; i < cxo_row_size(r); i++) {
		switch (cxo_row_type_at(r, i)) {
		case CXO_TYPE_TEXT: eat(cxo_row_text_at(r, i)); break;
		case CXO_TYPE_INT:
		case CXO_TYPE_BOOL: digest = digest * 31 + (uint64_t)cxo_row_int_at(r, i); break;
		case CXO_TYPE_ROW:
		case CXO_TYPE_LIST: eat_row(cxo_row_child_at(r, i)); break;
		default: digest = digest * 31 + 7;
		}
	}
}

static int history_cxo(const char *path)
{
	double t0 = now(), c0 = cpu();
	cxo_db *db;
	check_cxo(cxo_db_open(&db, path, CXO_OPEN_READONLY), path);
	cxo_cursor *cur;
	check_cxo(cxo_topic_history(&cur, db, NULL, NULL), "history");
	const cxo_row *row;
	size_t n = 0;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		eat_row(row);
		n++;
	}
	check_cxo(rc, "history");
	cxo_cursor_free(cur);
	check_cxo(cxo_db_close(db), "close");
	double t1 = now(), c1 = cpu();
	printf("{\"case\": \"history-cxo\", \"seconds\": %.6f, \"cpu\": %.6f, \"rows\": %zu, \"digest\": %llu}\n", t1 - t0, c1 - c0, n,
	       (unsigned long long)digest);
	return 0;
}

/* The hand-written equivalent: one query for the observations of every topic
 * in time order with their meeting, status and sources (a left join: most
 * have none, a few several), the movement and gaps computed from the previous
 * row of the topic and the tracked meetings between (kept in memory, in time
 * order). */
typedef struct hm {
	char *id, *pos;
	int tracked;
} hm;

static int history_raw(const char *path)
{
	double t0 = now(), c0 = cpu();
	sqlite3 *db = raw_open(path, 0);
	sqlite3_stmt *st;
	check_sql(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
	/* the meetings in time order, for the gaps */
	check_sql(db, sqlite3_prepare_v2(db, "SELECT id, kind, pos FROM meeting ORDER BY pos", -1, &st, NULL), "prepare");
	hm *ms = NULL;
	size_t nm = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nm == cap) {
			cap = cap ? cap * 2 : 64;
			ms = realloc(ms, cap * sizeof *ms);
		}
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		ms[nm].id = strdup((const char *)sqlite3_column_text(st, 0));
		ms[nm].pos = strdup((const char *)sqlite3_column_text(st, 2));
		ms[nm].tracked = !strcmp(kind, "cto") || !strcmp(kind, "cxo") || !strcmp(kind, "consultation") ||
		                 !strcmp(kind, "workshop");
		nm++;
	}
	sqlite3_finalize(st);
	check_sql(db, sqlite3_prepare_v2(db,
	                                 "SELECT o.id, o.topic, o.lifecycle, coalesce(o.meeting, o.date), o.meeting,"
	                                 " coalesce(m.date, o.date), m.kind, o.status, s.rank, s.terminal, o.qualifier,"
	                                 " o.priority, o.note, o.uncertain, o.pos, x.ref, x.url, x.quote"
	                                 " FROM observation AS o LEFT JOIN meeting AS m ON m.id = o.meeting"
	                                 " JOIN status AS s ON s.lifecycle = o.lifecycle AND s.id = o.status"
	                                 " LEFT JOIN observation_source AS x ON x.observation = o.id"
	                                 " WHERE o.lifecycle = 'cto' ORDER BY o.topic, o.pos, x.pos",
	                                 -1, &st, NULL), "prepare");
	char prev_topic[256] = "", prev_pos[256] = "", prev_status[256] = "";
	int prev_rank = -1, prev_terminal = 0;
	sqlite3_int64 prev_id = 0;
	size_t n = 0, gaps = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		for (int c = 15; c < 18; c++) /* a source, if any */
			eat((const char *)sqlite3_column_text(st, c));
		if (id == prev_id)
			continue; /* another source of the same observation */
		prev_id = id;
		const char *topic = (const char *)sqlite3_column_text(st, 1);
		const char *pos = (const char *)sqlite3_column_text(st, 14);
		const char *status = (const char *)sqlite3_column_text(st, 7);
		for (int c = 1; c < 14; c++)
			eat((const char *)sqlite3_column_text(st, c));
		int has_rank = sqlite3_column_type(st, 8) != SQLITE_NULL;
		int rank = sqlite3_column_int(st, 8), terminal = sqlite3_column_int(st, 9);
		const char *movement;
		if (strcmp(topic, prev_topic) != 0) {
			movement = "new";
			snprintf(prev_topic, sizeof prev_topic, "%s", topic);
		} else {
			if (strcmp(status, prev_status) == 0)
				movement = "reaffirmed";
			else if (!has_rank)
				movement = "dropped";
			else if (prev_terminal)
				movement = "reopened";
			else if (rank > prev_rank)
				movement = "advanced";
			else if (rank < prev_rank)
				movement = "regressed";
			else
				movement = "reaffirmed";
			/* the tracked meetings strictly between the two points */
			size_t lo = 0, hi = nm;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (strcmp(ms[mid].pos, prev_pos) <= 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t i = lo; i < nm && strcmp(ms[i].pos, pos) < 0; i++)
				if (ms[i].tracked) {
					eat(ms[i].id);
					gaps++;
				}
		}
		eat(movement);
		prev_rank = has_rank ? rank : -1;
		prev_terminal = terminal;
		snprintf(prev_status, sizeof prev_status, "%s", status);
		snprintf(prev_pos, sizeof prev_pos, "%s", pos);
		n++;
	}
	sqlite3_finalize(st);
	check_sql(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	sqlite3_close(db);
	double t1 = now(), c1 = cpu();
	for (size_t i = 0; i < nm; i++) {
		free(ms[i].id);
		free(ms[i].pos);
	}
	free(ms);
	printf("{\"case\": \"history-raw\", \"seconds\": %.6f, \"cpu\": %.6f, \"rows\": %zu, \"gaps\": %zu, "
	       "\"digest\": %llu}\n",
	       t1 - t0, c1 - c0, n, gaps, (unsigned long long)digest);
	return 0;
}

/* ---- reports ---- */

static int count_sink(void *ctx, const void *bytes, size_t len)
{
	(void)bytes;
	*(size_t *)ctx += len;
	return 0;
}

static int report(const char *path, const char *kind, const char *meeting)
{
	double t0 = now(), c0 = cpu();
	cxo_db *db;
	check_cxo(cxo_db_open(&db, path, CXO_OPEN_READONLY), path);
	cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
	o.kind = cxo_report_from_name(kind);
	o.meeting = meeting;
	size_t bytes = 0;
	int rc = cxo_report(db, &o, count_sink, &bytes);
	if (rc < 0)
		die(kind, cxo_errmsg());
	check_cxo(cxo_db_close(db), "close");
	double t1 = now(), c1 = cpu();
	printf("{\"case\": \"report-%s\", \"seconds\": %.6f, \"cpu\": %.6f, \"bytes\": %zu}\n", kind, t1 - t0, c1 - c0, bytes);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "insert-cxo") == 0)
		return insert_cxo(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "insert-raw") == 0)
		return insert_raw(argv[2], argv[3], argv[4]);
	if (argc == 3 && strcmp(argv[1], "history-cxo") == 0)
		return history_cxo(argv[2]);
	if (argc == 3 && strcmp(argv[1], "history-raw") == 0)
		return history_raw(argv[2]);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "report") == 0)
		return report(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	fprintf(stderr, "usage: cxo_bench insert-cxo DATADIR DB | insert-raw DATADIR SCHEMA DB |\n"
	                "       history-cxo DB | history-raw DB | report DB KIND [MEETING]\n");
	return 2;
}
