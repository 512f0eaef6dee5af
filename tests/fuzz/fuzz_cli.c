/* Fuzzing the command line: cli_main() (examples/cli) with the arguments cut
 * from the input at NUL bytes, against a database holding
 * tests/data/interchange/rich.json, restored before every input, in a
 * directory of its own (in /dev/shm when there is one).
 *
 * Findings: a crash, a sanitizer report or a leak; an exit status other than
 * 0, 1 or 2; a command that failed (1 or 2) but changed the database; a
 * database that no longer opens afterwards.
 *
 * Arguments that could reach files outside the directory (absolute paths,
 * "..") are skipped: the tool would honour them. */
#include "fuzz.h"

#include "cli.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

enum { MAX_ARGS = 48 };

static char dir[256];
static int null_fd, out_fd, err_fd; /* /dev/null, and the real stdout and stderr */
static char *pristine;
static size_t pristine_len;

static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	FUZZ_CHECK(f != NULL, "%s cannot be read", path);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	FUZZ_CHECK(buf != NULL, "out of memory");
	*len = n;
	return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f && fwrite(data, 1, len, f) == len && fclose(f) == 0, "%s cannot be written", path);
}

/* Remove everything in the directory. */
static void clean(void)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

static void cleanup(void)
{
	clean();
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof dir, "%s/cxotrack-fuzz-cli-XXXXXX", base);
	FUZZ_CHECK(mkdtemp(dir) != NULL, "mkdtemp(%s) failed", dir);
	atexit(cleanup);
	FUZZ_CHECK(chdir(dir) == 0, "chdir(%s)", dir);
	setenv("CXOTRACK_DB", "cxotrack.db", 1);
	setenv("CXOTRACK_ACTOR", "fuzz", 1);
	setenv("USER", "fuzz", 1);
	/* "import -" reads nothing; what the tool prints goes nowhere, but a
	 * sanitizer's report still reaches the real stderr */
	null_fd = open("/dev/null", O_RDWR);
	FUZZ_CHECK(null_fd >= 0 && dup2(null_fd, 0) == 0, "/dev/null");
	out_fd = dup(1);
	err_fd = dup(2);
	FUZZ_CHECK(out_fd >= 0 && err_fd >= 0, "dup");
	__sanitizer_set_report_fd((void *)(intptr_t)err_fd);

	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, "cxotrack.db", CXO_OPEN_CREATE);
	FUZZ_CHECK(rc == CXO_OK, "cxo_db_open: %s", cxo_errmsg());
	const char *dataset = CXO_FUZZ_DATASET;
	rc = cxo_import_files(NULL, db, &dataset, 1, NULL);
	FUZZ_CHECK(rc == CXO_OK || rc == CXO_WARNED, "importing %s: %s", dataset, cxo_errmsg());
	FUZZ_CHECK(cxo_db_close(db) == CXO_OK, "cxo_db_close: %s", cxo_errmsg());
	pristine = slurp("cxotrack.db", &pristine_len);
	clean();
	return 0;
}

static int reaches_out(const char *arg)
{
	return arg[0] == '/' || strstr(arg, "=/") || strstr(arg, "..") || strncmp(arg, "file:", 5) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	/* the arguments, each a writable string (the tool cuts --name=value) */
	char *buf = malloc(size + 1);
	FUZZ_CHECK(buf != NULL, "out of memory");
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = (char *)"cxotrack";
	for (char *p = buf; size && p <= buf + size && argc <= MAX_ARGS; p += strlen(p) + 1) {
		if (p == buf + size)
			break;
		if (reaches_out(p)) {
			free(buf);
			return 0;
		}
		argv[argc++] = p;
	}
	argv[argc] = NULL;

	clean();
	write_file("cxotrack.db", pristine, pristine_len);
	fflush(stdout);
	fflush(stderr);
	dup2(null_fd, 1);
	dup2(null_fd, 2);
	int rc = cli_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	FUZZ_CHECK(rc == EXIT_DONE || rc == EXIT_FAILED || rc == EXIT_USAGE, "exit status %d", rc);
	int reads_only = 0; /* lint and its kin may exit 1 after reading */
	for (int i = 1; i < argc; i++)
		reads_only |= !strcmp(argv[i], "lint") || !strcmp(argv[i], "report") || !strcmp(argv[i], "diff");
	if (rc != EXIT_DONE && !reads_only) {
		/* a command that failed wrote nothing: every change is one
		 * transaction, all of it or none */
		size_t len;
		char *now = slurp("cxotrack.db", &len);
		FUZZ_CHECK(len == pristine_len && memcmp(now, pristine, len) == 0,
		           "a command that failed (exit status %d) changed the database", rc);
		free(now);
	}
	cxo_db *db = NULL;
	int orc = cxo_db_open(&db, "cxotrack.db", CXO_OPEN_READONLY);
	FUZZ_CHECK(orc == CXO_OK, "after the command the database does not open: %s", cxo_errmsg());
	cxo_db_close(db);
	free(buf);
	return 0;
}
