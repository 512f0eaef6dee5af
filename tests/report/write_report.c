/* write_report DATASET.json OUT.html KIND [MEETING]: import an interchange
 * document into a new in-memory database and write one report of it as HTML
 * (KIND is a report name: "tsag", "matrix"...). For the script tests of the
 * HTML page; public API only. Exit status 0, or 1 with a message. */
#include <cxotrack.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *data = malloc(cap);
	while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *grown = realloc(data, cap *= 2);
			if (!grown) {
				free(data);
				data = NULL;
			}
			data = grown;
		}
	}
	fclose(f);
	*len = n;
	return data;
}

static int write_file(void *ctx, const void *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) != len;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: %s DATASET.json OUT.html KIND [MEETING]\n", argv[0]);
		return 2;
	}
	size_t len = 0;
	char *json = slurp(argv[1], &len);
	if (!json) {
		fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
		return 1;
	}
	cxo_db *db = NULL;
	int rc = cxo_db_open(&db, ":memory:", CXO_OPEN_CREATE);
	if (rc == CXO_OK) {
		rc = cxo_import_json(NULL, db, json, len, NULL);
		if (rc == CXO_WARNED)
			rc = CXO_OK;
	}
	FILE *out = rc == CXO_OK ? fopen(argv[2], "wb") : NULL;
	if (rc == CXO_OK && !out) {
		fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[2]);
		rc = CXO_EIO;
	} else if (rc == CXO_OK) {
		cxo_report_options o = CXO_REPORT_OPTIONS_INIT;
		o.kind = cxo_report_from_name(argv[3]);
		o.format = CXO_FORMAT_HTML;
		o.meeting = argc == 5 ? argv[4] : NULL;
		rc = cxo_report(db, &o, write_file, out);
		if (rc == CXO_WARNED)
			rc = CXO_OK;
		if (fclose(out) != 0 && rc == CXO_OK)
			rc = CXO_EIO;
	}
	if (rc != CXO_OK)
		fprintf(stderr, "%s: %s\n", argv[0], cxo_errmsg());
	cxo_db_close(db);
	free(json);
	return rc == CXO_OK ? 0 : 1;
}
