/* topic_history: print one topic's history from a cxotrack database, each
 * point in time with the topic's status there, how it moved, and the tracked
 * meetings that skipped it. The smallest complete program on the library.
 *
 * usage: topic_history [DATABASE [TOPIC]]   (cxotrack.db, imt-2020)
 *
 * After `make demo`: build/examples/history/topic_history cxotrack.db imt-2020 */
#include <cxotrack.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "cxotrack.db";
	const char *topic = argc > 2 ? argv[2] : "imt-2020";

	cxo_db *db;
	if (cxo_db_open(&db, path, CXO_OPEN_READONLY) != CXO_OK) {
		fprintf(stderr, "topic_history: %s\n", cxo_errmsg());
		return 1;
	}
	/* the topic's own observations and those of the topics it came from */
	cxo_query q = CXO_QUERY_INIT;
	q.flags = CXO_QUERY_LINEAGE;
	cxo_cursor *cur;
	int rc = cxo_topic_history(&cur, db, topic, &q);
	if (rc == CXO_OK) {
		printf("%-18s %-10s %-12s %-10s %s\n", "POINT", "DATE", "STATUS", "MOVEMENT", "NOT DISCUSSED AT");
		const cxo_row *row;
		while ((rc = cxo_cursor_next(&row, cur)) == CXO_OK) {
			const cxo_row *gaps = cxo_row_child(row, "gaps");
			printf("%-18s %-10s %-12s %-*s", cxo_row_text(row, "point"), cxo_row_text(row, "date"),
			       cxo_row_text(row, "status"), cxo_row_size(gaps) ? 10 : 0, cxo_row_text(row, "movement"));
			for (size_t i = 0; i < cxo_row_size(gaps); i++)
				printf("%s%s", i ? ", " : " ", cxo_row_text_at(gaps, i));
			printf("\n");
		}
		cxo_cursor_free(cur);
	}
	if (rc != CXO_DONE)
		fprintf(stderr, "topic_history: %s\n", cxo_errmsg());
	cxo_db_close(db);
	return rc == CXO_DONE ? 0 : 1;
}
