/* The manifest: every CXO_API function of cxotrack.h, with the Lua function
 * that reaches it, or the reason it is not reached. The spec
 * spec/manifest_spec.lua parses the header and checks this list against it,
 * then calls each Lua function named here and checks, through the counters
 * below, that the C function was called: the manifest cannot lie.
 *
 * Every call the module makes into the library goes through CXL(fn), which
 * counts it; cxotrack._c_calls() reads the counts. */
#ifndef LCXO_CALLS_H
#define LCXO_CALLS_H

/* X(C function, the Lua function that calls it) */
#define LCXO_REACHED(X)                                   \
	X(cxo_audit_list, "db:log")                           \
	X(cxo_buffer_data, "db:export")                       \
	X(cxo_buffer_free, "db:export")                       \
	X(cxo_buffer_new, "db:export")                        \
	X(cxo_buffer_write, "db:report")                      \
	X(cxo_check_date, "cxotrack.check_date")              \
	X(cxo_check_slug, "cxotrack.check_slug")              \
	X(cxo_cursor_free, "cursor:close")                    \
	X(cxo_cursor_json, "cursor:json")                     \
	X(cxo_cursor_next, "cursor:next")                     \
	X(cxo_db_actor, "db:actor")                           \
	X(cxo_db_backup, "db:backup")                         \
	X(cxo_db_begin, "db:begin")                           \
	X(cxo_db_close, "db:close")                           \
	X(cxo_db_commit, "db:commit")                         \
	X(cxo_db_open, "cxotrack.open")                       \
	X(cxo_db_rollback, "db:rollback")                     \
	X(cxo_db_set_actor, "db:set_actor")                   \
	X(cxo_db_set_busy_timeout, "db:set_busy_timeout")     \
	X(cxo_errcode, "cxotrack.open")                       \
	X(cxo_errmsg, "cxotrack.open")                        \
	X(cxo_errstr, "cxotrack.errstr")                      \
	X(cxo_export_json, "db:export")                       \
	X(cxo_export_options_init, "db:export")               \
	X(cxo_format_from_name, "db:report")                  \
	X(cxo_format_name, "cxotrack.formats")                \
	X(cxo_free, "cxotrack.encode")                        \
	X(cxo_import_buffers, "db:import")                    \
	X(cxo_import_files, "db:import_files")                \
	X(cxo_import_json, "db:import")                       \
	X(cxo_import_options_init, "db:import")               \
	X(cxo_kind_describe, "cxotrack.describe")             \
	X(cxo_kind_from_name, "cxotrack.kind")                \
	X(cxo_kind_name, "cxotrack.kinds")                    \
	X(cxo_query_init, "db:list")                          \
	X(cxo_record_create, "db:create")                     \
	X(cxo_record_delete, "db:delete")                     \
	X(cxo_record_get, "db:get")                           \
	X(cxo_record_list, "db:list")                         \
	X(cxo_record_update, "db:update")                     \
	X(cxo_report, "db:report")                            \
	X(cxo_report_from_name, "db:report")                  \
	X(cxo_report_name, "cxotrack.reports")                \
	X(cxo_report_options_init, "db:report")               \
	X(cxo_row_child_at, "db:get")                         \
	X(cxo_row_free, "db:get")                             \
	X(cxo_row_from_json, "cxotrack.decode")               \
	X(cxo_row_int_at, "db:get")                           \
	X(cxo_row_real_at, "cxotrack.decode")                 \
	X(cxo_row_is_list, "db:get")                          \
	X(cxo_row_name, "db:get")                             \
	X(cxo_row_new, "db:create")                           \
	X(cxo_row_set_bool, "db:create")                      \
	X(cxo_row_set_int, "db:create")                       \
	X(cxo_row_set_list, "db:create")                      \
	X(cxo_row_set_null, "db:update")                      \
	X(cxo_row_set_real, "cxotrack.encode")                \
	X(cxo_row_set_row, "cxotrack.encode")                 \
	X(cxo_row_set_text, "db:create")                      \
	X(cxo_row_size, "db:get")                             \
	X(cxo_row_text_at, "db:get")                          \
	X(cxo_row_to_json, "cxotrack.encode")                 \
	X(cxo_row_type_at, "db:get")                          \
	X(cxo_search, "db:search")                            \
	X(cxo_topic_history, "db:history")                    \
	X(cxo_topic_rename, "db:rename")                      \
	X(cxo_version, "cxotrack.version")                    \
	X(cxo_version_number, "cxotrack.version")

/* X(C function, why no Lua function needs it) */
#define LCXO_UNEXPOSED(X)                                                                          \
	X(cxo_row_child, "rows become Lua tables, read by position; a field is then row.name")        \
	X(cxo_row_index, "rows become Lua tables, read by position; a field is then row.name")        \
	X(cxo_row_int, "rows become Lua tables, read by position; a field is then row.name")          \
	X(cxo_row_real, "rows become Lua tables, read by position; a field is then row.name")         \
	X(cxo_row_text, "rows become Lua tables, read by position; a field is then row.name")         \
	X(cxo_row_type, "rows become Lua tables, read by position; a field is then row.name")

#define LCXO_ID(fn, lua) LCXO_ID_##fn,
enum { LCXO_REACHED(LCXO_ID) LCXO_NCALLS };
#undef LCXO_ID

void lcxo_note(int id);

/* Call the library function `fn`, counting the call. */
#define CXL(fn) (lcxo_note(LCXO_ID_##fn), fn)

#endif
