/* The forward migration from schema version 1: tests/data/schema-v1.sql is a
 * dump of a version-1 database (cxotrack 0.1.0), loaded here with SQLite's own
 * API, then opened with cxotrack. */
#include "helpers.h"
#include "sqlite_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CXO_TEST_DATA_DIR
#error "CXO_TEST_DATA_DIR must name tests/data"
#endif

TestSuite(migration, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define GET_EQ(db, kind, key, json) TH_GET_EQ((db), (kind), (key), J(json))

/* A version-1 database at th_path(name), made from the dump (with `extra` SQL
 * run after it, if not NULL). */
static const char *v1_file(const char *name, const char *extra)
{
	size_t len;
	char *sql = th_slurp(CXO_TEST_DATA_DIR "/schema-v1.sql", &len);
	sql = realloc(sql, len + 1);
	cr_assert_not_null(sql);
	sql[len] = '\0';
	const char *path = th_path(name);
	th_sq_exec(path, sql);
	if (extra)
		th_sq_exec(path, extra);
	free(sql);
	return path;
}

/* A version-1 file (with `extra` run after its dump, if not NULL) migrated to
 * the latest version by cxotrack, then taken back to an earlier one by `sql`
 * (which sets the version). The triggers of version 6 go first: migrating the
 * observation table again fails with them there (the foreign keys it lost are
 * put back only by the test of version 6, the others do not need them). */
static const char *taken_back(const char *extra, const char *sql)
{
	const char *path = v1_file("v1.db", extra);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	TH_OK(cxo_db_close(db));
	th_sq_exec(path, "DROP TRIGGER observed_topic; DROP TRIGGER observed_lifecycle; DROP TRIGGER observed_meeting;"
	                 " DROP TRIGGER observed_status;");
	th_sq_exec(path, sql);
	return path;
}

/* The search as "kind:key ...". */
static const char *found(cxo_db *db, const char *text)
{
	static char out[1024];
	cxo_cursor *cur = NULL;
	TH_OK(cxo_search(&cur, db, text, NULL));
	const cxo_row *row;
	size_t o = 0;
	out[0] = '\0';
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%s", o ? " " : "", cxo_row_text(row, "kind"),
		                      cxo_row_text(row, "key"));
	cr_assert_eq(rc, CXO_DONE);
	cxo_cursor_free(cur);
	return out;
}

#define BANGKOK "{'id':'cto-2013-bangkok','kind':'cto','date':'2013-11-18','city':'Bangkok','country':'TH'," \
                "'participants':23,'sources':[{'ref':'Bangkok communique'}]}"
#define BUDAPEST "{'id':'cto-2015-budapest','kind':'cto','date':'2015-10-11'}"
#define IMT "{'id':'imt-2020','title':'5G / IMT-2020','description':'the fifth generation of mobile networks'," \
            "'aliases':['5G']}"
#define OBS1 "{'topic':'imt-2020','lifecycle':'cto','meeting':'cto-2013-bangkok','status':'raised','qualifier':'agreed'," \
             "'note':'2020 network requirements'}"
#define OBS2 "{'topic':'imt-2020','lifecycle':'cto','meeting':'cto-2015-budapest','status':'prioritized'," \
             "'qualifier':'agreed'}"

Test(migration, a_version_1_file_is_migrated_with_its_data_intact)
{
	const char *path = v1_file("v1.db", NULL);
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 1);
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	cr_assert_eq(th_sq_int(path, "PRAGMA application_id"), 1129860948);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('conclusion', 'action', 'followup', "
	                          "'registry', 'item', 'link', 'relation', 'organization', 'attendance', 'search')"),
	             10);
	/* the records, exactly */
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_MEETING, NULL),
	               J("[{'id':'cto-2013-bangkok','kind':'cto','date':'2013-11-18','city':'Bangkok','country':'TH',"
	                 "'participants':23,'sources':[{'ref':'Bangkok communique'}],'topics_discussed':1},"
	                 "{'id':'cto-2015-budapest','kind':'cto','date':'2015-10-11','topics_discussed':1}]"));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               J("[{'id':'imt-2020','title':'5G / IMT-2020','description':'the fifth generation of mobile networks',"
	                 "'aliases':['5G'],'status':'prioritized','point':'cto-2015-budapest','date':'2015-10-11'}]"));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL), J("[" OBS1 "," OBS2 "]"));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_LIFECYCLE, NULL), "[" TH_CTO_JSON "]");
	const cxo_kind empty[] = { CXO_KIND_CONCLUSION, CXO_KIND_ACTION, CXO_KIND_FOLLOWUP, CXO_KIND_REGISTRY,
	                           CXO_KIND_ITEM, CXO_KIND_LINK, CXO_KIND_RELATION, CXO_KIND_ORGANIZATION,
	                           CXO_KIND_ATTENDANCE };
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
		TH_STR_EQ_FREE(th_list(db, empty[i], NULL), "[]");
	/* the audit log as it was */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	TH_STR_EQ_FREE(th_cursor_json(cur),
	               J("[{'id':1,'time':'2026-11-30T09:21:50.299Z','actor':'root','op':'create','entity':'meeting',"
	                 "'key':'cto-2013-bangkok','before':null,'after':" BANGKOK ",'parent':null},"
	                 "{'id':2,'time':'2026-11-30T09:21:50.303Z','actor':'root','op':'create','entity':'meeting',"
	                 "'key':'cto-2015-budapest','before':null,'after':" BUDAPEST ",'parent':null},"
	                 "{'id':3,'time':'2026-11-30T09:21:50.306Z','actor':'root','op':'create','entity':'topic',"
	                 "'key':'imt-2020','before':null,'after':" IMT ",'parent':null},"
	                 "{'id':4,'time':'2026-11-30T09:21:50.310Z','actor':'root','op':'create','entity':'observation',"
	                 "'key':'imt-2020 cto cto-2013-bangkok','before':null,'after':" OBS1 ",'parent':null},"
	                 "{'id':5,'time':'2026-11-30T09:21:50.313Z','actor':'root','op':'create','entity':'observation',"
	                 "'key':'imt-2020 cto cto-2015-budapest','before':null,'after':" OBS2 ",'parent':null}]"));
	/* the search index holds the old topic and the observation's note */
	cr_assert_str_eq(found(db, "IMT"), "topic:imt-2020");
	cr_assert_str_eq(found(db, "5G"), "topic:imt-2020");
	cr_assert_str_eq(found(db, "fifth generation"), "topic:imt-2020");
	cr_assert_str_eq(found(db, "requirements"), "observation:imt-2020 cto cto-2013-bangkok");
	cr_assert_str_eq(found(db, "network"), "observation:imt-2020 cto cto-2013-bangkok");
	/* the history reads as before */
	cxo_cursor *h = NULL;
	TH_OK(cxo_topic_history(&h, db, "imt-2020", NULL));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, h));
	cr_assert_str_eq(cxo_row_text(row, "movement"), "new");
	TH_OK(cxo_cursor_next(&row, h));
	cr_assert_str_eq(cxo_row_text(row, "movement"), "advanced");
	cr_assert_eq(cxo_cursor_next(&row, h), CXO_DONE);
	cxo_cursor_free(h);
	/* and the rest of the data model is there to use */
	TH_CREATE(db, CXO_KIND_CONCLUSION,
	          J("{'id':'cto-2013-bangkok/1','meeting':'cto-2013-bangkok','topics':['imt-2020'],'text':'Mobile',"
	            "'actions':[{'id':'a1','owner':'ITU-R'}]}"));
	TH_UPDATE(db, CXO_KIND_TOPIC, J("{'id':'imt-2020','aliases':['fifth generation']}"));
	cr_assert_str_eq(found(db, "5G"), "topic:imt-2020");
	cr_assert_str_eq(found(db, "mobile"), "conclusion:cto-2013-bangkok/1 topic:imt-2020");
	TH_OK(cxo_db_close(db));
	/* migrated once: read-only opens now */
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READONLY));
	GET_EQ(db, CXO_KIND_TOPIC, TH_KEY("imt-2020"),
	       "{'id':'imt-2020','title':'5G / IMT-2020','description':'the fifth generation of mobile networks',"
	       "'aliases':['fifth generation']}");
	TH_OK(cxo_db_close(db));
}

Test(migration, read_only_an_unmigrated_file_is_refused_and_left_unchanged)
{
	const char *path = v1_file("v1.db", NULL);
	size_t len;
	void *before = th_slurp(path, &len);
	cxo_db *db = (cxo_db *)1;
	TH_ERR(cxo_db_open(&db, path, CXO_OPEN_READONLY), CXO_EVERSION,
	       th_msg("%s has schema version 1 and needs migrating to 6; open it read-write once", path));
	cr_assert_null(db);
	size_t len2;
	void *after = th_slurp(path, &len2);
	cr_assert_eq(len2, len);
	cr_assert(memcmp(before, after, len) == 0, "the file changed");
	free(before);
	free(after);
	cr_assert(!th_exists(th_msg("%s-wal", path)));
	cr_assert(!th_exists(th_msg("%s-journal", path)));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 1);
}

Test(migration, version_3_rebuilds_the_observations_keeping_their_sources)
{
	/* version 3 writes two checks of the observation table without IN lists,
	 * rebuilding the table: the rows, the sources that refer to them and
	 * the indexes stay, and foreign keys are enforced again afterwards */
	const char *path = v1_file("v1.db", "INSERT INTO observation_source (observation, pos, ref)"
	                                    " SELECT id, 0, 'communique' FROM observation");
	cxo_db *db = NULL;
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation"), 2);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation_source"), 2);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'observation'"
	                          " AND sql LIKE '%qualifier = ''agreed'' OR%' AND sql NOT LIKE '% IN (''agreed''%'"
	                          " AND sql NOT LIKE '% IN (''high''%'"),
	             1);
	/* the indexes the foreign keys of status and lifecycle alone used are gone */
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observation'"),
	             2);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
	                          " AND name IN ('observation_key', 'observation_meeting')"),
	             2);
	GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("imt-2020", "cto", "cto-2015-budapest"),
	       "{'topic':'imt-2020','lifecycle':'cto','meeting':'cto-2015-budapest','status':'prioritized',"
	       "'qualifier':'agreed','sources':[{'ref':'communique'}]}");
	/* foreign keys are enforced again: the sources go with their observations */
	const char *key[] = { "imt-2020" };
	TH_OK(cxo_record_delete(db, CXO_KIND_TOPIC, key, 1, CXO_DELETE_CASCADE));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation"), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation_source"), 0);
	TH_OK(cxo_db_close(db));
}

/* A version-3 file (the same data through cxotrack, with the two audit
 * indexes version 4 drops put back and the version set to 3) keeps its log. */
Test(migration, version_4_drops_the_audit_indexes_no_query_used)
{
	const char *path = taken_back(NULL, "CREATE INDEX audit_entity ON audit(entity, key);"
	                                    " CREATE INDEX audit_time ON audit(time);"
	                                    " ALTER TABLE audit DROP COLUMN packed; ALTER TABLE audit DROP COLUMN more;"
	                                    " PRAGMA user_version = 3");
	cxo_db *db = NULL;
	long long entries = th_sq_int(path, "SELECT count(*) FROM audit");
	cr_assert_gt(entries, 0);
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('audit_entity', 'audit_time')"), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_parent'"), 1);
	/* the log, filtered as before */
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "topic";
	q.key = "imt-2020";
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, &q));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "key"), "imt-2020");
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit"), entries);
}

Test(migration, a_failed_migration_changes_nothing)
{
	/* a table in the way of version 2 */
	const char *path = v1_file("v1.db", "CREATE TABLE conclusion (x INTEGER)");
	cxo_db *db = (cxo_db *)1;
	TH_ERR(cxo_db_open(&db, path, CXO_OPEN_READWRITE), CXO_ESTORAGE,
	       "migrating the schema to version 2: table conclusion already exists");
	cr_assert_null(db);
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 1);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('action', 'search', 'registry')"), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM topic"), 1);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit"), 5);
}

/* A version-4 file (the columns version 5 adds dropped, the version set to 4)
 * keeps its log, one entry a row, and the entries after it continue its ids,
 * those of a transaction stored in one row. */
Test(migration, version_5_packs_the_entries_of_a_transaction_after_the_old_ones)
{
	const char *path = taken_back(NULL, "ALTER TABLE audit DROP COLUMN packed; ALTER TABLE audit DROP COLUMN more;"
	                                    " PRAGMA user_version = 4");
	cxo_db *db = NULL;
	long long entries = th_sq_int(path, "SELECT count(*) FROM audit");
	long long last = th_sq_int(path, "SELECT max(id) FROM audit");
	cr_assert_gt(entries, 0);
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit WHERE more = 0 AND packed IS NULL"), entries);
	TH_OK(cxo_db_begin(db));
	TH_CREATE(db, CXO_KIND_TOPIC, J("{'id':'t1','title':'One'}"));
	TH_CREATE(db, CXO_KIND_TOPIC, J("{'id':'t2','title':'Two'}"));
	TH_CREATE(db, CXO_KIND_TOPIC, J("{'id':'t3','title':'Three'}"));
	TH_OK(cxo_db_commit(db));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM audit"), entries + 1);
	cr_assert_eq(th_sq_int(path, "SELECT id FROM audit WHERE more = 2"), last + 1);
	/* the whole log, old and new, in order */
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	long long n = 0;
	int rc;
	while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
		n++;
		if (n > entries) {
			cr_assert_eq(cxo_row_int(row, "id"), last + n - entries);
			cr_assert_str_eq(cxo_row_text(row, "op"), "create");
			cr_assert_str_eq(cxo_row_text(row, "key"), n == entries + 1 ? "t1" : n == entries + 2 ? "t2" : "t3");
		}
	}
	cr_assert_eq(rc, CXO_DONE);
	cr_assert_eq(n, entries + 3);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

/* A version-5 file: the observations rebuilt with the foreign keys version 6
 * takes away (as version 3 wrote them), its triggers dropped, the version set
 * to 5. Version 6 keeps the observations and their sources, and its triggers
 * refuse what the keys refused: deleting, behind the library's back, a record
 * observations refer to. */
Test(migration, version_6_guards_what_observations_refer_to_with_triggers)
{
	const char *path = taken_back(
		"INSERT INTO observation_source (observation, pos, ref) SELECT id, 0, 'communique' FROM observation",
		"PRAGMA foreign_keys = OFF;"
		" CREATE TABLE observation_v5 (id INTEGER PRIMARY KEY, topic INTEGER NOT NULL REFERENCES topic(id),"
		"  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id), meeting INTEGER REFERENCES meeting(id),"
		"  date TEXT, status INTEGER NOT NULL REFERENCES status(id),"
		"  qualifier TEXT NOT NULL CHECK (qualifier = 'agreed' OR qualifier = 'noted' OR qualifier = 'inferred'),"
		"  priority TEXT CHECK (priority = 'high' OR priority = 'medium' OR priority = 'low'), note TEXT,"
		"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)), origin INTEGER, pos TEXT NOT NULL,"
		"  CHECK ((meeting IS NULL) <> (date IS NULL))) STRICT;"
		" INSERT INTO observation_v5 SELECT * FROM observation; DROP TABLE observation;"
		" ALTER TABLE observation_v5 RENAME TO observation;"
		" CREATE UNIQUE INDEX observation_key ON observation(topic, lifecycle, pos);"
		" CREATE INDEX observation_meeting ON observation(meeting) WHERE meeting IS NOT NULL;"
		" PRAGMA user_version = 5");
	cxo_db *db = NULL;
	const char *keyed = "SELECT count(*) FROM sqlite_schema WHERE name = 'observation' AND sql LIKE '%REFERENCES%'";
	cr_assert_eq(th_sq_int(path, keyed), 1);
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	cr_assert_eq(th_sq_int(path, "PRAGMA user_version"), 6);
	cr_assert_eq(th_sq_int(path, keyed), 0);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 4);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation"), 2);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation_source"), 2);
	GET_EQ(db, CXO_KIND_OBSERVATION, TH_KEY("imt-2020", "cto", "cto-2015-budapest"),
	       "{'topic':'imt-2020','lifecycle':'cto','meeting':'cto-2015-budapest','status':'prioritized',"
	       "'qualifier':'agreed','sources':[{'ref':'communique'}]}");
	TH_OK(cxo_db_close(db));
	static const char *const refused[][2] = {
		{ "DELETE FROM topic WHERE slug = 'imt-2020'", "topic" },
		{ "DELETE FROM lifecycle WHERE slug = 'cto'", "lifecycle" },
		{ "DELETE FROM meeting WHERE slug = 'cto-2013-bangkok'", "meeting" },
		{ "DELETE FROM status WHERE slug = 'prioritized'", "status" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		cr_assert_str_eq(th_sq_error(path, refused[i][0]),
		                 th_msg("FOREIGN KEY constraint failed: observations refer to the %s", refused[i][1]));
	/* what no observation refers to goes as before */
	th_sq_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM status WHERE slug = 'dropped'");
	/* and through the library, the observations go first */
	TH_OK(cxo_db_open(&db, path, CXO_OPEN_READWRITE));
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("cto-2013-bangkok"), 1, CXO_DELETE_CASCADE));
	TH_OK(cxo_db_close(db));
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation"), 1);
	cr_assert_eq(th_sq_int(path, "SELECT count(*) FROM observation_source"), 1);
}
