/* A SQLite VFS over the default one, for the robustness tests only: it
 * becomes the process's default VFS (the library opens its files through
 * the default VFS), counts writes, syncs and reads, and fails them on demand.
 * It does not pass syncs on to the disk: these tests need no durability
 * against power loss, and a sync per commit would make the fault loops slow
 * (RB_REAL_SYNC=1 in the environment passes them on). */
#ifndef CXO_ROBUST_VFS_SHIM_H
#define CXO_ROBUST_VFS_SHIM_H

enum rb_fault_op {
	RB_WRITE = 0, /* xWrite fails with SQLITE_IOERR_WRITE */
	RB_SYNC = 1,  /* xSync fails with SQLITE_IOERR_FSYNC */
	RB_READ = 2,  /* xRead fails with SQLITE_IOERR_READ */
	RB_FULL = 3,  /* xWrite fails with SQLITE_FULL (counted as writes) */
	RB_NOPS = 4
};

extern const char *const rb_fault_names[RB_NOPS];

/* Register the shim as the default VFS (once; sqlite3_initialize() first). */
void rb_vfs_install(void);
/* From now on, fail the `at`-th operation of kind `op` (1-based; 0: none),
 * and with `persistent` every later one too. Resets the counters. */
void rb_vfs_arm(int op, long at, int persistent);
/* Operations of kind `op` (RB_WRITE, RB_SYNC, RB_READ) since the last arm. */
long rb_vfs_count(int op);
/* Operations made to fail since the last arm. */
long rb_vfs_failed(void);

#endif
