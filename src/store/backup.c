/* A consistent copy of the database while it is in use: SQLite's online
 * backup, into a temporary file renamed over the target only when complete. */
#include "db.h"
#include "../util/alloc.h"
#include "../util/error.h"
#include "../util/text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

CXO_API int cxo_db_backup(cxo_db *db, const char *path)
{
	int rc = cxo__db_usable(db, "cxo_db_backup");
	if (rc)
		return rc;
	if (!path)
		return cxo__err(CXO_EMISUSE, "cxo_db_backup: path is NULL");
	if (!*path)
		return cxo__err(CXO_EINVAL, "backup: the path is empty");
	if (cxo__text_check(path))
		return cxo__err_prefix("backup: the path: ");
	if (db->explicit_txn)
		return cxo__err(CXO_EMISUSE, "cxo_db_backup: commit or roll back the open transaction first");
	/* neither the database nor the files SQLite keeps beside it: a copy
	 * renamed over its write-ahead log or shared-memory index would be taken
	 * for them by the next connection, or by a live one in another process */
	static const char *const SIDE[][2] = {
		{ "", NULL }, { "-wal", "write-ahead log" }, { "-shm", "shared-memory index" }, { "-journal", "journal" }
	};
	struct stat self, target;
	int exists = stat(path, &target) == 0;
	size_t plen = strlen(db->path);
	char *side = cxo__malloc(plen + 16);
	if (!side)
		return CXO_ENOMEM;
	for (size_t i = 0; i < sizeof SIDE / sizeof SIDE[0] && !rc; i++) {
		snprintf(side, plen + 16, "%s%s", db->path, SIDE[i][0]);
		if (strcmp(side, path) != 0 &&
		    !(exists && stat(side, &self) == 0 && self.st_dev == target.st_dev && self.st_ino == target.st_ino))
			continue;
		rc = i == 0 ? cxo__err(CXO_EINVAL, "backup: %s is the database itself", path)
		            : cxo__err(CXO_EINVAL, "backup: %s is the database's %s", path, SIDE[i][1]);
	}
	cxo__free(side);
	if (rc)
		return rc;
	size_t len = strlen(path);
	char *tmp = cxo__malloc(len + 32);
	if (!tmp)
		return CXO_ENOMEM;
	snprintf(tmp, len + 32, "%s.tmp-%ld", path, (long)getpid());
	sqlite3 *dst = NULL;
	int src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		rc = cxo__err(CXO_EIO, "backup: cannot write %s: %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
	} else {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->sql, "main");
		if (!b) {
			rc = cxo__err(CXO_EIO, "backup: cannot write %s: %s", path, sqlite3_errmsg(dst));
		} else {
			/* the whole database in one step: one read snapshot, so the copy
			 * is consistent even while others write */
			src = sqlite3_backup_step(b, -1);
			int frc = sqlite3_backup_finish(b);
			if (src != SQLITE_DONE)
				rc = (src & 0xFF) == SQLITE_BUSY || (src & 0xFF) == SQLITE_LOCKED
				         ? cxo__err(CXO_EBUSY, "backup: the database stayed locked")
				         : cxo__err(CXO_EIO, "backup: copying to %s failed: %s", path, sqlite3_errstr(src));
			else if (frc != SQLITE_OK)
				rc = cxo__err(CXO_EIO, "backup: copying to %s failed: %s", path, sqlite3_errmsg(dst));
		}
	}
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = cxo__err(CXO_EIO, "backup: closing %s failed", path);
	if (!rc && rename(tmp, path) != 0)
		rc = cxo__err(CXO_EIO, "backup: cannot write %s: %s", path, strerror(errno));
	if (rc) {
		unlink(tmp);
		/* a journal the failed copy may have left */
		char *j = cxo__malloc(strlen(tmp) + 16);
		if (j) {
			snprintf(j, strlen(tmp) + 16, "%s-journal", tmp);
			unlink(j);
			cxo__free(j);
		}
	}
	cxo__free(tmp);
	return rc;
}
