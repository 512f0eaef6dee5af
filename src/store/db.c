#include "db.h"
#include "../util/alloc.h"
#include "../util/error.h"
#include "../util/text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DEFAULT_BUSY_MS = 10000, ACTOR_MAX = 128 };

static int reconnect(cxo_db *db);

int cxo__db_usable(cxo_db *db, const char *fn)
{
	if (!db)
		return cxo__err(CXO_EMISUSE, "%s: the database handle is NULL", fn);
	if (db->closed)
		return cxo__err(CXO_EMISUSE, "%s: the database handle is closed", fn);
	/* after a failure that may have damaged the connection, a fresh one,
	 * as soon as no cursor or transaction holds this one */
	if (db->recover && !db->refs && !db->depth && !db->explicit_txn)
		return reconnect(db);
	return CXO_OK;
}

int cxo__db_writable(cxo_db *db, const char *fn)
{
	int rc = cxo__db_usable(db, fn);
	if (rc)
		return rc;
	if (db->readonly)
		return cxo__err(CXO_EREADONLY, "%s: %s is open read-only", fn, db->path);
	return CXO_OK;
}

void cxo__cache_release(cxo__held *h)
{
	if (h && --h->refs == 0) {
		h->destroy(h->data);
		cxo__free(h);
	}
}

void *cxo__cache_get(cxo_db *db, int which)
{
	cxo__cache *c = &db->caches[which];
	if (c->held && c->gen != db->gen) {
		cxo__cache_release(c->held);
		c->held = NULL;
	}
	return c->held ? c->held->data : NULL;
}

int cxo__cache_set(cxo_db *db, int which, void *data, void (*destroy)(void *))
{
	cxo__held *h = cxo__malloc(sizeof *h);
	if (!h) {
		destroy(data);
		return CXO_ENOMEM;
	}
	h->data = data;
	h->destroy = destroy;
	h->refs = 1;
	cxo__cache *c = &db->caches[which];
	cxo__cache_release(c->held);
	c->held = h;
	c->gen = db->gen;
	return CXO_OK;
}

cxo__held *cxo__cache_hold(cxo_db *db, int which)
{
	cxo__held *h = db->caches[which].held;
	if (h)
		h->refs++;
	return h;
}

static void release(cxo_db *db)
{
	for (int i = 0; i < CXO__NCACHES; i++)
		cxo__cache_release(db->caches[i].held);
	cxo__stmt_cache_fini(db);
	cxo__defer_fini(db);
	cxo__tails_fini(db);
	int rc = sqlite3_close_v2(db->sql);
	(void)rc; /* with every statement finalized, close_v2 cannot fail */
	cxo__free(db->path);
	cxo__free(db->actor);
	cxo__free(db->open_uri);
	cxo__free(db);
}

void cxo__db_unref(cxo_db *db)
{
	if (--db->refs == 0 && db->closed)
		release(db);
}

/* Read one integer from a pragma or query that needs no binding. */
static int read_int(cxo_db *db, const char *sql, int64_t *out, const char *what)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_OK)
		return CXO_OK;
	if ((rc & 0xFF) == SQLITE_NOTADB)
		return cxo__err(CXO_EFORMAT, "%s is not a cxotrack database (not a SQLite file)", db->path);
	if ((rc & 0xFF) == SQLITE_CORRUPT)
		return cxo__err(CXO_ESTORAGE, "%s is damaged: %s", db->path, sqlite3_errmsg(db->sql));
	return cxo__sqlerr(db, rc, what);
}

static int configure(cxo_db *db)
{
	sqlite3 *s = db->sql;
	int ok = 1;
	sqlite3_extended_result_codes(s, 1);
	/* defence in depth against a hostile file: no double-quoted strings, no
	 * functions of the schema running with our privileges, no triggers or views
	 * at all (cxotrack creates none; cxo__schema_verify refuses them anyway) */
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_DQS_DML, 0, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_DQS_DDL, 0, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL) == SQLITE_OK;
	ok &= sqlite3_db_config(s, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) == SQLITE_OK;
	if (!ok)
		return cxo__err(CXO_ESTORAGE, "configuring SQLite failed: %s", sqlite3_errmsg(s));
	sqlite3_busy_timeout(s, db->busy_ms);
	int rc = sqlite3_exec(s, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return cxo__sqlerr(db, rc, "enabling foreign keys");
	/* Each change inside a transaction runs in a savepoint, whose statement
	 * journal SQLite keeps in memory only up to 64 KiB by default: past that
	 * it moves to a temporary file for the rest of the transaction, and every
	 * later change of a bulk write pays a file write per page it touches (ten
	 * times the raw inserts' I/O). In memory it is truncated at each release. */
	rc = sqlite3_exec(s, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return cxo__sqlerr(db, rc, "keeping temporary storage in memory");
	return CXO_OK;
}

static int is_memory(const char *path)
{
	return strcmp(path, ":memory:") == 0;
}

/* Decide what the file is, and bring it to the current schema if we may. */
static int check_and_migrate(cxo_db *db, uint32_t flags)
{
	int64_t app = 0, version = 0, objects = 0; /* read_int sets them; -O3 cannot tell */
	/* the three read in one transaction: another process creating the same
	 * file in between would otherwise show objects without their id */
	int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return cxo__sqlerr(db, rc, "reading the schema");
	if ((rc = read_int(db, "PRAGMA application_id", &app, "reading the application id")) ||
	    (rc = read_int(db, "PRAGMA user_version", &version, "reading the schema version")) ||
	    (rc = read_int(db, "SELECT count(*) FROM sqlite_schema", &objects, "reading the schema"))) {
		cxo__errsave saved;
		cxo__err_save(&saved);
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		cxo__err_restore(&saved);
		return rc;
	}
	if ((rc = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		return cxo__sqlerr(db, rc, "reading the schema");
	if (app == 0 && objects == 0) {
		/* SQLite takes a file shorter than its smallest page for an empty
		 * database; it is not one (a file cut short, or another's): never
		 * initialise it over what it holds */
		struct stat st;
		if (!is_memory(db->path) && stat(db->path, &st) == 0 && st.st_size > 0 && st.st_size < 512)
			return cxo__err(CXO_EFORMAT, "%s is not a cxotrack database (%lld byte%s, too short for a SQLite file)",
			                db->path, (long long)st.st_size, st.st_size == 1 ? "" : "s");
		if (!(flags & CXO_OPEN_CREATE) && !is_memory(db->path))
			return cxo__err(CXO_EFORMAT,
			                "%s is empty, not a cxotrack database (open it with CXO_OPEN_CREATE to initialise it)",
			                db->path);
		return cxo__schema_migrate(db, 0);
	}
	if (app != CXO__APPLICATION_ID) {
		if (app == 0)
			return cxo__err(CXO_EFORMAT, "%s is not a cxotrack database (a SQLite file of another application)",
			                db->path);
		return cxo__err(CXO_EFORMAT, "%s is not a cxotrack database (SQLite application id 0x%08llX)", db->path,
		                (unsigned long long)(uint32_t)app);
	}
	int latest = cxo__schema_version();
	if (version > latest)
		return cxo__err(CXO_EVERSION,
		                "%s has schema version %lld, newer than this library supports (%d); use a newer cxotrack",
		                db->path, (long long)version, latest);
	if (version < latest) {
		if (db->readonly)
			return cxo__err(CXO_EVERSION,
			                "%s has schema version %lld and needs migrating to %d; open it read-write once",
			                db->path, (long long)version, latest);
		/* a file with planted objects is refused as it is, not migrated first */
		if ((rc = cxo__schema_verify_planted(db)))
			return rc;
		return cxo__schema_migrate(db, (int)version);
	}
	return CXO_OK;
}

/* A read-only handle on a file in a directory it cannot write: SQLite cannot
 * create the shared-memory file that write-ahead logging needs. If no log is
 * waiting beside the file, nothing can be changing it, and it can be read as
 * immutable. Returns 1 if the handle was reopened that way. */
static int reopen_immutable(cxo_db *db)
{
	size_t len = strlen(db->path);
	char *wal = cxo__malloc(len + 5);
	if (!wal)
		return 0;
	memcpy(wal, db->path, len);
	memcpy(wal + len, "-wal", 5);
	int has_wal = access(wal, F_OK) == 0;
	cxo__free(wal);
	if (has_wal)
		return 0;
	/* file: URI, with the characters a URI gives meaning to escaped */
	char *uri = cxo__malloc(3 * len + 32);
	if (!uri)
		return 0;
	size_t o = 0;
	memcpy(uri, "file:", 5);
	o = 5;
	for (const char *p = db->path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			o += (size_t)snprintf(uri + o, 4, "%%%02X", (unsigned char)*p);
		else
			uri[o++] = *p;
	}
	memcpy(uri + o, "?immutable=1", 13);
	sqlite3 *s;
	int rc = sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		cxo__free(uri);
		sqlite3_close_v2(s);
		return 0;
	}
	sqlite3_close_v2(db->sql);
	db->sql = s;
	db->open_uri = uri; /* for reconnect() */
	return 1;
}

/* SQLite running out of memory, or rolling a transaction back by itself after
 * an I/O error, can leave the connection damaged: SQLite 3.40's FTS5 keeps a
 * stale view of the search index (the next write corrupts it), or a virtual
 * table half made (searches read the wrong columns); the robustness tests
 * found both (tests/robust). A new connection to the same file has none of
 * that: the statements are prepared again, the caches filled again. If it
 * cannot be made, the old one stays (with its statements finalized) and the
 * next call tries again. */
static int reconnect(cxo_db *db)
{
	if (is_memory(db->path)) {
		db->recover = 0; /* a new connection would be a new, empty database */
		return CXO_OK;
	}
	sqlite3 *s = NULL, *old = db->sql;
	int rc = db->open_uri ? sqlite3_open_v2(db->open_uri, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	                                                              SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL)
	                      : sqlite3_open_v2(db->path, &s, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
	                                                          (db->readonly ? SQLITE_OPEN_READONLY
	                                                                        : SQLITE_OPEN_READWRITE), NULL);
	if (rc != SQLITE_OK) {
		rc = (rc & 0xFF) == SQLITE_NOMEM ? cxo__err(CXO_ENOMEM, "out of memory (reopening %s)", db->path)
		                                 : cxo__err(CXO_ESTORAGE, "reopening %s: %s", db->path, sqlite3_errstr(rc));
		sqlite3_close_v2(s);
		return rc;
	}
	cxo__stmt_cache_fini(db);
	db->sql = s;
	if ((rc = configure(db))) {
		db->sql = old;
		sqlite3_close_v2(s);
		return rc;
	}
	sqlite3_close_v2(old);
	db->recover = 0;
	db->data_version = -1;
	db->gen++;
	return CXO_OK;
}

/* Switch to write-ahead logging. Changing the journal mode needs the file to
 * itself, and SQLite does not wait for it through the busy handler: another
 * process creating the same new database at the same moment holds it for a
 * while (tests/robust/test_concurrency.c). Wait as the busy handler would. */
static int use_wal(cxo_db *db)
{
	for (int waited = 0;; waited += 10) {
		sqlite3_stmt *st;
		int rc = sqlite3_prepare_v2(db->sql, "PRAGMA journal_mode = WAL", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			sqlite3_finalize(st);
		}
		if (rc == SQLITE_ROW)
			return CXO_OK;
		if ((rc & 0xFF) != SQLITE_BUSY || waited >= DEFAULT_BUSY_MS)
			return cxo__sqlerr(db, rc, "switching to write-ahead logging");
		sqlite3_sleep(10);
	}
}

CXO_API int cxo_db_open(cxo_db **out, const char *path, uint32_t flags)
{
	if (!out)
		return cxo__err(CXO_EMISUSE, "cxo_db_open: out is NULL");
	*out = NULL;
	if (!path)
		return cxo__err(CXO_EMISUSE, "cxo_db_open: path is NULL");
	if (flags & ~(uint32_t)(CXO_OPEN_CREATE | CXO_OPEN_READONLY))
		return cxo__err(CXO_EINVAL, "cxo_db_open: unknown flags 0x%X", flags);
	if ((flags & CXO_OPEN_CREATE) && (flags & CXO_OPEN_READONLY))
		return cxo__err(CXO_EINVAL, "cxo_db_open: CXO_OPEN_CREATE and CXO_OPEN_READONLY exclude each other");
	if (!*path)
		return cxo__err(CXO_EINVAL, "cxo_db_open: the path is empty");
	if (cxo__text_check(path))
		return cxo__err_prefix("cxo_db_open: the path: ");

	int readonly = (flags & CXO_OPEN_READONLY) != 0;
	int memory = is_memory(path);
	if (!memory) {
		struct stat st;
		if (access(path, F_OK) != 0) {
			if (!(flags & CXO_OPEN_CREATE))
				return cxo__err(CXO_ENOTFOUND, "no database at %s (open it with CXO_OPEN_CREATE to create one)",
				                path);
		} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			/* a FIFO would block the open for ever, a device be read or written */
			return cxo__err(CXO_EFORMAT, "%s is not a cxotrack database (not a regular file)", path);
		} else if (!readonly && access(path, W_OK) != 0) {
			return cxo__err(CXO_EREADONLY, "%s cannot be written (%s); open it with CXO_OPEN_READONLY", path,
			                strerror(errno));
		} else if (access(path, R_OK) != 0) {
			return cxo__err(CXO_ESTORAGE, "%s cannot be read (%s)", path, strerror(errno));
		}
	}

	cxo_db *db = cxo__calloc(1, sizeof *db);
	if (!db)
		return CXO_ENOMEM;
	db->readonly = readonly;
	db->busy_ms = DEFAULT_BUSY_MS;
	db->path = cxo__strdup(path);
	db->actor = cxo__strdup("unknown");
	db->data_version = -1;
	if (!db->path || !db->actor) {
		cxo__free(db->path);
		cxo__free(db->actor);
		cxo__free(db);
		return CXO_ENOMEM;
	}
	int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
	             (readonly ? SQLITE_OPEN_READONLY
	                       : SQLITE_OPEN_READWRITE | ((flags & CXO_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0));
	int rc = sqlite3_open_v2(path, &db->sql, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = cxo__sqlerr(db, rc, "opening the database");
		cxo__err_prefix("%s: ", path);
	} else if (!readonly && sqlite3_db_readonly(db->sql, "main") == 1) {
		rc = cxo__err(CXO_EREADONLY, "%s cannot be written; open it with CXO_OPEN_READONLY", path);
	} else {
		rc = configure(db);
		if (!rc)
			rc = check_and_migrate(db, flags);
		if (rc == CXO_EREADONLY && readonly && reopen_immutable(db)) {
			rc = configure(db);
			if (!rc)
				rc = check_and_migrate(db, flags);
		}
		if (!rc)
			rc = cxo__schema_verify(db);
		if (!rc && !readonly && !memory)
			rc = use_wal(db);
	}
	if (rc) {
		sqlite3_close_v2(db->sql);
		cxo__free(db->path);
		cxo__free(db->actor);
		cxo__free(db->open_uri);
		cxo__free(db);
		return rc;
	}
	*out = db;
	return CXO_OK;
}

CXO_API int cxo_db_close(cxo_db *db)
{
	if (!db)
		return CXO_OK;
	if (db->closed)
		return cxo__err(CXO_EMISUSE, "cxo_db_close: the database handle is already closed");
	int rc = CXO_OK;
	if (!sqlite3_get_autocommit(db->sql)) {
		/* an explicit transaction left open: undo it */
		if (sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
			rc = cxo__sqlerr(db, sqlite3_errcode(db->sql), "rolling back at close");
	}
	db->closed = 1;
	if (db->refs == 0)
		release(db);
	return rc;
}

CXO_API int cxo_db_set_actor(cxo_db *db, const char *actor)
{
	int rc = cxo__db_usable(db, "cxo_db_set_actor");
	if (rc)
		return rc;
	if (!actor)
		return cxo__err(CXO_EMISUSE, "cxo_db_set_actor: actor is NULL");
	if (!*actor)
		return cxo__err(CXO_EINVAL, "actor: it is empty");
	if (strlen(actor) > ACTOR_MAX)
		return cxo__err(CXO_EINVAL, "actor: it is %zu bytes long (at most %d)", strlen(actor), ACTOR_MAX);
	if (cxo__text_check(actor))
		return cxo__err_prefix("actor: ");
	char *copy = cxo__strdup(actor);
	if (!copy)
		return CXO_ENOMEM;
	cxo__free(db->actor);
	db->actor = copy;
	return CXO_OK;
}

CXO_API const char *cxo_db_actor(const cxo_db *db)
{
	return db ? db->actor : NULL;
}

CXO_API int cxo_db_set_busy_timeout(cxo_db *db, int milliseconds)
{
	int rc = cxo__db_usable(db, "cxo_db_set_busy_timeout");
	if (rc)
		return rc;
	if (milliseconds < 0)
		return cxo__err(CXO_EINVAL, "busy timeout: %d is negative", milliseconds);
	sqlite3_busy_timeout(db->sql, milliseconds);
	db->busy_ms = milliseconds;
	return CXO_OK;
}
