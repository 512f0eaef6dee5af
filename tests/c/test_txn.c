/* Explicit transactions (cxo_db_begin, cxo_db_commit, cxo_db_rollback) and
 * cxo_db_backup. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(txn, .init = th_setup, .fini = th_teardown);
TestSuite(backup, .init = th_setup, .fini = th_teardown);

#define J(s) th_j(s)
#define CREATE(db, kind, json) TH_CREATE((db), (kind), J(json))
#define UPDATE(db, kind, json) TH_UPDATE((db), (kind), J(json))

static const cxo_kind ALL_KINDS[] = {
	CXO_KIND_MEETING, CXO_KIND_TOPIC, CXO_KIND_LIFECYCLE, CXO_KIND_OBSERVATION, CXO_KIND_CONCLUSION,
	CXO_KIND_ACTION, CXO_KIND_FOLLOWUP, CXO_KIND_REGISTRY, CXO_KIND_ITEM, CXO_KIND_LINK, CXO_KIND_RELATION,
	CXO_KIND_ORGANIZATION, CXO_KIND_ATTENDANCE,
};

/* Every record of every kind, and the audit log, as one text. */
static char *everything(cxo_db *db)
{
	size_t cap = 1 << 16, o = 0;
	char *out = malloc(cap);
	cr_assert_not_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < sizeof ALL_KINDS / sizeof ALL_KINDS[0]; i++) {
		char *list = th_list(db, ALL_KINDS[i], NULL);
		size_t need = strlen(list) + 64;
		while (o + need >= cap) {
			cap *= 2;
			out = realloc(out, cap);
			cr_assert_not_null(out);
		}
		o += (size_t)snprintf(out + o, cap - o, "%s: %s\n", cxo_kind_name(ALL_KINDS[i]), list);
		cxo_free(list);
	}
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	char *audit = th_cursor_json(cur);
	while (o + strlen(audit) + 16 >= cap) {
		cap *= 2;
		out = realloc(out, cap);
		cr_assert_not_null(out);
	}
	o += (size_t)snprintf(out + o, cap - o, "audit: %s\n", audit);
	cxo_free(audit);
	return out;
}

/* A small dataset with a record of every kind. */
static void dataset(cxo_db *db)
{
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18','city':'Bangkok','country':'TH'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cxo','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_ORGANIZATION, "{'id':'ntt','name':'NTT','country':'JP','region':'asia-pacific'}");
	CREATE(db, CXO_KIND_ATTENDANCE, "{'meeting':'m1','organization':'ntt','role':'cto'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'Topic one','aliases':['T1']}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Topic two','relations':[{'type':'renamed-from','topic':'t1','since':'m2'}]}");
	CREATE(db, CXO_KIND_LIFECYCLE, "{'id':'fg','statuses':[{'id':'open','rank':1},{'id':'shut','terminal':true}]}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised','note':'first','sources':[{'ref':'C1'}]}");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t2','lifecycle':'fg','date':'2014-07','status':'open'}");
	CREATE(db, CXO_KIND_CONCLUSION,
	       "{'id':'m1/1','meeting':'m1','text':'Study it','topics':['t1'],'actions':[{'id':'a1','owner':'TSB',"
	       "'due_meeting':'m2','followups':[{'meeting':'m2','status':'done'}]}]}");
	CREATE(db, CXO_KIND_REGISTRY, "{'id':'fg','title':'Focus Groups'}");
	CREATE(db, CXO_KIND_ITEM, "{'registry':'fg','id':'fg-x','statuses':[{'date':'2014','status':'established'}]}");
	CREATE(db, CXO_KIND_LINK, "{'topic':'t2','registry':'fg','item':'fg-x','relation':'led-to'}");
}

/* ---- transactions ---- */

Test(txn, commit_lands_every_change_together)
{
	cxo_db *db = th_open();
	cxo_db *other = NULL;
	TH_OK(cxo_db_open(&other, th_path("test.db"), CXO_OPEN_READWRITE));
	TH_OK(cxo_db_begin(db));
	dataset(db);
	/* the handle sees its own changes, another handle none of them yet */
	char *mine = everything(db);
	TH_STR_EQ_FREE(th_list(other, CXO_KIND_TOPIC, NULL), "[]");
	TH_STR_EQ_FREE(th_list(other, CXO_KIND_MEETING, NULL), "[]");
	TH_OK(cxo_db_commit(db));
	char *theirs = everything(other);
	cr_assert_str_eq(theirs, mine);
	free(mine);
	free(theirs);
	TH_OK(cxo_db_close(other));
	TH_OK(cxo_db_close(db));
}

Test(txn, a_failing_change_undoes_only_itself)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	TH_ERR(th_create(db, CXO_KIND_TOPIC, J("{'id':'t1','title':'Again'}")), CXO_EEXISTS, "topic \"t1\" already exists");
	/* a change that fails after writing part of itself */
	TH_ERR(th_create(db, CXO_KIND_TOPIC, J("{'id':'t2','title':'Two','relations':[{'type':'related','topic':'t9'}]}")),
	       CXO_ENOTFOUND, "topic \"t2\".relations[\"related\" \"t9\"].topic: there is no topic \"t9\"");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m9"), 1, 0), CXO_ENOTFOUND, "meeting \"m9\" does not exist");
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t1','meeting':'m1','status':'raised'}");
	TH_ERR(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m1"), 1, 0), CXO_ECONSTRAINT,
	       "meeting \"m1\" is referred to by 1 observation; delete them first, or cascade");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Three'}");
	TH_OK(cxo_db_commit(db));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               J("[{'id':'t1','title':'One','status':'raised','point':'m1','date':'2013-11-18'},"
	                 "{'id':'t3','title':'Three','status':null,'point':null,'date':null}]"));
	cxo_cursor *cur = NULL;
	TH_OK(cxo_audit_list(&cur, db, NULL));
	const cxo_row *row;
	const char *keys[] = { "m1", "t1", "t1 cto m1", "t3" };
	for (size_t i = 0; i < 4; i++) {
		TH_OK(cxo_cursor_next(&row, cur));
		cr_assert_str_eq(cxo_row_text(row, "op"), "create");
		cr_assert_str_eq(cxo_row_text(row, "key"), keys[i]);
	}
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

/* An observation takes no savepoint inside an explicit transaction: every
 * refusal comes before its first write, so a refused one still leaves the
 * transaction as it was, its audit entry and search text included. */
Test(txn, a_refused_observation_leaves_the_transaction_as_it_was)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_MEETING, "{'id':'m1','kind':'cto','date':'2013-11-18'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m2','kind':'cto','date':'2014-06-10'}");
	CREATE(db, CXO_KIND_MEETING, "{'id':'m3','kind':'cto','date':'2015-05-04'}");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t','title':'T'}");
	UPDATE(db, CXO_KIND_LIFECYCLE, "{'id':'cto','enforce':'strict'}");
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t','meeting':'m2','status':'closed','note':'kept'}");
	const char *o = "observation \"t\" \"cto\" ";
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m2','status':'raised'}")), CXO_EEXISTS,
	       th_msg("%s\"m2\" already exists", o));
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m3','status':'in-progress','note':'gone'}")),
	       CXO_ECONSTRAINT, th_msg("%s\"m3\".status: moving from \"closed\" (at m2) to \"in-progress\" is not allowed "
	                               "by lifecycle \"cto\" (strict)", o));
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m1','status':'dropped','note':'gone'}")),
	       CXO_ECONSTRAINT, th_msg("%s\"m1\".status: moving from \"dropped\" to \"closed\" (at m2, later) is not "
	                               "allowed by lifecycle \"cto\" (strict)", o));
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m9','status':'raised','note':'gone'}")),
	       CXO_ENOTFOUND, th_msg("%s\"m9\".meeting: there is no meeting \"m9\"", o));
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m1','status':'open','note':'gone'}")),
	       CXO_EINVAL, th_msg("%s\"m1\".status: \"open\" is not a status of lifecycle \"cto\"", o));
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m1','status':'raised','priority':'top'}")),
	       CXO_EINVAL, th_msg("%s\"m1\".priority: \"top\" is not one of high, medium, low", o));
	CREATE(db, CXO_KIND_OBSERVATION, "{'topic':'t','meeting':'m1','status':'delivered','note':'kept'}");
	TH_ERR(th_update(db, CXO_KIND_OBSERVATION, J("{'topic':'t','meeting':'m2','status':'raised','note':'gone'}")),
	       CXO_ECONSTRAINT, th_msg("%s\"m2\".status: moving from \"delivered\" (at m1) to \"raised\" is not "
	                               "allowed by lifecycle \"cto\" (strict)", o));
	TH_OK(cxo_db_commit(db));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_OBSERVATION, NULL),
	               J("[{'topic':'t','lifecycle':'cto','meeting':'m1','status':'delivered','qualifier':'agreed','note':'kept'},"
	                 "{'topic':'t','lifecycle':'cto','meeting':'m2','status':'closed','qualifier':'agreed','note':'kept'}]"));
	cxo_cursor *cur = NULL;
	cxo_query q = CXO_QUERY_INIT;
	q.entity = "observation";
	TH_OK(cxo_audit_list(&cur, db, &q));
	char *audit = th_cursor_json(cur);
	cr_assert(strstr(audit, "gone") == NULL, "%s", audit);
	cr_assert(strstr(audit, "\"t cto m2\"") && strstr(audit, "\"t cto m1\""), "%s", audit);
	cxo_free(audit);
	const cxo_row *row;
	TH_OK(cxo_search(&cur, db, "gone", NULL));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	TH_OK(cxo_search(&cur, db, "kept", NULL));
	TH_OK(cxo_cursor_next(&row, cur));
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_eq(cxo_cursor_next(&row, cur), CXO_DONE);
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(db));
}

Test(txn, rollback_undoes_everything)
{
	cxo_db *db = th_open();
	dataset(db);
	char *before = everything(db);
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t3','title':'Three'}");
	UPDATE(db, CXO_KIND_MEETING, "{'id':'m1','date':'2013-11-19'}");
	UPDATE(db, CXO_KIND_LIFECYCLE, "{'id':'cto','enforce':'strict'}");
	TH_OK(cxo_record_delete(db, CXO_KIND_MEETING, TH_KEY("m2"), 1, CXO_DELETE_CASCADE));
	TH_OK(cxo_topic_rename(db, "t1", "t1b", NULL, NULL));
	TH_OK(cxo_record_delete(db, CXO_KIND_REGISTRY, TH_KEY("fg"), 1, CXO_DELETE_CASCADE));
	/* the cached timeline and lifecycles follow the rollback */
	cr_assert_eq(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t1','date':'2013-11-18','status':'raised'}")),
	             CXO_OK);
	TH_OK(cxo_db_rollback(db));
	char *after = everything(db);
	cr_assert_str_eq(after, before);
	free(after);
	/* warn mode again: a regression is stored with a warning, not refused */
	cr_assert_eq(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t1','date':'2014','status':'assigned'}")), CXO_OK);
	TH_ERR(th_create(db, CXO_KIND_OBSERVATION, J("{'topic':'t1','date':'2015','status':'raised'}")), CXO_WARNED,
	       "observation \"t1\" \"cto\" \"2015\".status: moving from \"assigned\" (at 2014) to \"raised\" is not "
	       "allowed by lifecycle \"cto\"");
	free(before);
	TH_OK(cxo_db_close(db));
}

Test(txn, misuse)
{
	cxo_db *db = th_open();
	TH_ERR(cxo_db_commit(db), CXO_EMISUSE, "cxo_db_commit: no transaction is open");
	TH_ERR(cxo_db_rollback(db), CXO_EMISUSE, "cxo_db_rollback: no transaction is open");
	TH_OK(cxo_db_begin(db));
	TH_ERR(cxo_db_begin(db), CXO_EMISUSE, "cxo_db_begin: a transaction is already open");
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	TH_OK(cxo_db_commit(db));
	TH_ERR(cxo_db_commit(db), CXO_EMISUSE, "cxo_db_commit: no transaction is open");
	TH_OK(cxo_db_begin(db));
	TH_OK(cxo_db_rollback(db));
	TH_ERR(cxo_db_rollback(db), CXO_EMISUSE, "cxo_db_rollback: no transaction is open");
	TH_ERR(cxo_db_begin(NULL), CXO_EMISUSE, "cxo_db_begin: the database handle is NULL");
	TH_ERR(cxo_db_commit(NULL), CXO_EMISUSE, "cxo_db_commit: the database handle is NULL");
	TH_ERR(cxo_db_rollback(NULL), CXO_EMISUSE, "cxo_db_rollback: the database handle is NULL");
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               J("[{'id':'t1','title':'One','status':null,'point':null,'date':null}]"));
	TH_OK(cxo_db_close(db));
	cxo_db *ro = NULL;
	TH_OK(cxo_db_open(&ro, th_path("test.db"), CXO_OPEN_READONLY));
	TH_ERR(cxo_db_begin(ro), CXO_EREADONLY, th_msg("cxo_db_begin: %s is open read-only", th_path("test.db")));
	TH_OK(cxo_db_close(ro));
}

Test(txn, closing_rolls_back_an_open_transaction)
{
	cxo_db *db = th_open();
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t2','title':'Two'}");
	TH_OK(cxo_db_close(db));
	db = NULL;
	TH_OK(cxo_db_open(&db, th_path("test.db"), CXO_OPEN_READWRITE));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               J("[{'id':'t1','title':'One','status':null,'point':null,'date':null}]"));
	/* and the new handle begins afresh */
	TH_OK(cxo_db_begin(db));
	TH_OK(cxo_db_commit(db));
	TH_OK(cxo_db_close(db));
}

Test(txn, another_writer_waits_for_the_transaction)
{
	cxo_db *db = th_open();
	cxo_db *other = NULL;
	TH_OK(cxo_db_open(&other, th_path("test.db"), CXO_OPEN_READWRITE));
	TH_OK(cxo_db_set_busy_timeout(other, 0));
	TH_OK(cxo_db_begin(db));
	CREATE(db, CXO_KIND_TOPIC, "{'id':'t1','title':'One'}");
	const char *busy = "starting a write transaction: database is locked (SQLite error 5)";
	TH_ERR(th_create(other, CXO_KIND_TOPIC, J("{'id':'t2','title':'Two'}")), CXO_EBUSY, busy);
	TH_ERR(cxo_db_begin(other), CXO_EBUSY, busy);
	/* its reads go on, without what is not committed */
	TH_STR_EQ_FREE(th_list(other, CXO_KIND_TOPIC, NULL), "[]");
	TH_OK(cxo_db_commit(db));
	TH_OK(cxo_db_begin(other));
	CREATE(other, CXO_KIND_TOPIC, "{'id':'t2','title':'Two'}");
	TH_OK(cxo_db_commit(other));
	TH_STR_EQ_FREE(th_list(db, CXO_KIND_TOPIC, NULL),
	               J("[{'id':'t1','title':'One','status':null,'point':null,'date':null},"
	                 "{'id':'t2','title':'Two','status':null,'point':null,'date':null}]"));
	TH_OK(cxo_db_close(other));
	TH_OK(cxo_db_close(db));
}

/* ---- backup ---- */

Test(backup, the_copy_opens_and_holds_the_same_records)
{
	cxo_db *db = th_open();
	dataset(db);
	TH_OK(cxo_db_set_actor(db, "backer"));
	const char *copy = th_path("copy.db");
	TH_OK(cxo_db_backup(db, copy));
	cr_assert(!th_exists(th_msg("%s.tmp-%ld", copy, (long)getpid())));
	char *original = everything(db);
	cxo_db *c = NULL;
	TH_OK(cxo_db_open(&c, copy, CXO_OPEN_READONLY));
	char *copied = everything(c);
	cr_assert_str_eq(copied, original);
	free(copied);
	TH_OK(cxo_db_close(c));
	/* read-write too, and independent of the original */
	TH_OK(cxo_db_open(&c, copy, CXO_OPEN_READWRITE));
	CREATE(c, CXO_KIND_TOPIC, "{'id':'t9','title':'Only in the copy'}");
	cxo_cursor *cur = NULL;
	TH_OK(cxo_search(&cur, c, "first", NULL));
	const cxo_row *row;
	TH_OK(cxo_cursor_next(&row, cur));
	cr_assert_str_eq(cxo_row_text(row, "key"), "t1 cto m1");
	cxo_cursor_free(cur);
	TH_OK(cxo_db_close(c));
	cxo_row *out = NULL;
	TH_ERR(cxo_record_get(&out, db, CXO_KIND_TOPIC, TH_KEY("t9"), 1), CXO_ENOTFOUND, "topic \"t9\" does not exist");
	/* a backup replaces the file */
	TH_OK(cxo_db_backup(db, copy));
	TH_OK(cxo_db_open(&c, copy, CXO_OPEN_READONLY));
	copied = everything(c);
	cr_assert_str_eq(copied, original);
	free(copied);
	TH_OK(cxo_db_close(c));
	free(original);
	TH_OK(cxo_db_close(db));
}

Test(backup, a_consistent_copy_while_another_handle_writes)
{
	cxo_db *db = th_open();
	dataset(db);
	cxo_db *writer = NULL;
	TH_OK(cxo_db_open(&writer, th_path("test.db"), CXO_OPEN_READWRITE));
	TH_OK(cxo_db_begin(writer));
	CREATE(writer, CXO_KIND_TOPIC, "{'id':'t9','title':'Not yet committed'}");
	char *original = everything(db);
	TH_OK(cxo_db_backup(db, th_path("copy.db")));
	TH_OK(cxo_db_commit(writer));
	cxo_db *c = NULL;
	TH_OK(cxo_db_open(&c, th_path("copy.db"), CXO_OPEN_READONLY));
	char *copied = everything(c);
	cr_assert_str_eq(copied, original);
	free(copied);
	free(original);
	TH_OK(cxo_db_close(c));
	TH_OK(cxo_db_close(writer));
	TH_OK(cxo_db_close(db));
}

Test(backup, errors)
{
	cxo_db *db = th_open();
	dataset(db);
	TH_OK(cxo_db_begin(db));
	TH_ERR(cxo_db_backup(db, th_path("copy.db")), CXO_EMISUSE,
	       "cxo_db_backup: commit or roll back the open transaction first");
	TH_OK(cxo_db_rollback(db));
	cr_assert(!th_exists(th_path("copy.db")));
	const char *nodir = th_path("no/such/dir/copy.db");
	TH_ERR(cxo_db_backup(db, nodir), CXO_EIO,
	       th_msg("backup: cannot write %s: unable to open database file", nodir));
	/* a directory in the way */
	const char *dir = th_path("adir");
	cr_assert_eq(mkdir(dir, 0700), 0);
	TH_ERR(cxo_db_backup(db, dir), CXO_EIO, th_msg("backup: cannot write %s: Is a directory", dir));
	cr_assert(!th_exists(th_msg("%s.tmp-%ld", dir, (long)getpid())));
	TH_ERR(cxo_db_backup(db, ""), CXO_EINVAL, "backup: the path is empty");
	TH_ERR(cxo_db_backup(db, NULL), CXO_EMISUSE, "cxo_db_backup: path is NULL");
	TH_ERR(cxo_db_backup(NULL, th_path("copy.db")), CXO_EMISUSE, "cxo_db_backup: the database handle is NULL");
	TH_ERR(cxo_db_backup(db, "copy\xff.db"), CXO_EINVAL, "backup: the path: invalid UTF-8 at byte 4");
	cr_assert(!th_exists(th_path("copy.db")));
	/* a read-only handle may back up */
	TH_OK(cxo_db_close(db));
	TH_OK(cxo_db_open(&db, th_path("test.db"), CXO_OPEN_READONLY));
	TH_OK(cxo_db_backup(db, th_path("copy.db")));
	cr_assert(th_exists(th_path("copy.db")));
	TH_OK(cxo_db_close(db));
}
