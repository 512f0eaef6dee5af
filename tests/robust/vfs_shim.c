#include "vfs_shim.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

const char *const rb_fault_names[RB_NOPS] = { "write", "sync", "read", "full disk" };

static struct {
	int op;         /* which operation fails */
	long at;        /* the first failing one (1-based); 0: none */
	int persistent; /* every one from `at` on, else only `at` */
	long count[RB_NOPS];
	long failed;
} g_fault;

static sqlite3_vfs *g_base;

typedef struct shim_file {
	sqlite3_file base;
	sqlite3_file *real; /* follows this struct */
} shim_file;

/* Count an operation of kind `op` (write, sync or read); non-zero if it must
 * fail (a full disk fails writes). */
static int fault_hit(int op)
{
	long n = ++g_fault.count[op];
	int target = g_fault.op == RB_FULL ? RB_WRITE : g_fault.op;
	if (op != target || !g_fault.at)
		return 0;
	if (n == g_fault.at || (g_fault.persistent && n > g_fault.at)) {
		g_fault.failed++;
		return 1;
	}
	return 0;
}

void rb_vfs_arm(int op, long at, int persistent)
{
	memset(&g_fault, 0, sizeof g_fault);
	g_fault.op = op;
	g_fault.at = at;
	g_fault.persistent = persistent;
}

#define REAL(f) (((shim_file *)(f))->real)

static int s_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc;
}

static int s_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	if (fault_hit(RB_READ))
		return SQLITE_IOERR_READ;
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int s_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (fault_hit(RB_WRITE))
		return g_fault.op == RB_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int s_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int s_sync(sqlite3_file *f, int flags)
{
	(void)f;
	(void)flags;
	if (fault_hit(RB_SYNC))
		return SQLITE_IOERR_FSYNC;
	if (getenv("RB_REAL_SYNC"))
		return REAL(f)->pMethods->xSync(REAL(f), flags);
	return SQLITE_OK; /* see vfs_shim.h */
}

static int s_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int s_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int s_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int s_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int s_fcntl(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int s_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int s_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int s_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int s_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void s_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int s_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int s_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, amt, pp);
}

static int s_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods SHIM_IO = {
	3,          s_close,  s_read,    s_write,     s_truncate,    s_sync,        s_size,
	s_lock,     s_unlock, s_reserved, s_fcntl,    s_sector,      s_device,      s_shm_map,
	s_shm_lock, s_shm_barrier, s_shm_unmap, s_fetch, s_unfetch,
};

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)vfs;
	shim_file *sf = (shim_file *)f;
	sf->real = (sqlite3_file *)(sf + 1);
	memset(sf->real, 0, (size_t)g_base->szOsFile);
	int rc = g_base->xOpen(g_base, name, sf->real, flags, out_flags);
	/* SQLite calls xClose even when xOpen fails, if pMethods is set */
	f->pMethods = sf->real->pMethods ? &SHIM_IO : NULL;
	return rc;
}

static int s_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	/* no sync of the directory either (see vfs_shim.h) */
	return g_base->xDelete(g_base, name, getenv("RB_REAL_SYNC") ? sync : 0);
}

static int s_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return g_base->xAccess(g_base, name, flags, out);
}

static int s_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return g_base->xFullPathname(g_base, name, n, out);
}

static void *s_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return g_base->xDlOpen(g_base, name);
}

static void s_dlerror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	g_base->xDlError(g_base, n, out);
}

static void (*s_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return g_base->xDlSym(g_base, h, sym);
}

static void s_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	g_base->xDlClose(g_base, h);
}

static int s_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return g_base->xRandomness(g_base, n, out);
}

static int s_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return g_base->xSleep(g_base, us);
}

static int s_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return g_base->xCurrentTime(g_base, out);
}

static int s_lasterror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return g_base->xGetLastError ? g_base->xGetLastError(g_base, n, out) : 0;
}

static int s_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return g_base->xCurrentTimeInt64(g_base, out);
}

static sqlite3_vfs g_shim;

void rb_vfs_install(void)
{
	if (g_base)
		return;
	if (sqlite3_initialize() != SQLITE_OK || !(g_base = sqlite3_vfs_find(NULL)) || g_base->iVersion < 2)
		abort();
	sqlite3_vfs v = { 2,          (int)(sizeof(shim_file) + (size_t)g_base->szOsFile),
		              g_base->mxPathname, NULL, "faulty", NULL, s_open, s_delete, s_access, s_fullpath, s_dlopen,
		              s_dlerror,  s_dlsym, s_dlclose, s_random, s_sleep, s_time, s_lasterror, s_time64,
		              NULL,       NULL,    NULL };
	g_shim = v;
	/* the default VFS of this process: the library opens its files through it */
	if (sqlite3_vfs_register(&g_shim, 1) != SQLITE_OK || sqlite3_vfs_find(NULL) != &g_shim)
		abort();
}

long rb_vfs_count(int op)
{
	return g_fault.count[op];
}

long rb_vfs_failed(void)
{
	return g_fault.failed;
}

