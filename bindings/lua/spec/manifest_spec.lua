-- Every CXO_API function of include/cxotrack.h is reached from a Lua function
-- (cxotrack._c_functions names it) or deliberately not exposed
-- (cxotrack._c_unexposed says why). The manifest cannot lie: for each entry,
-- the Lua function it names is called here, and the module's own count of its
-- calls into the library (cxotrack._c_calls) shows that the C function ran.
local cxotrack = require "cxotrack"
local helper = require "helper"

-- The CXO_API functions the header declares (as tests/build/check-header-symbols.sh
-- reads them): comments and preprocessor lines dropped, the name before the
-- first "(" of each "CXO_API ...(".
local function header_functions()
  local text = helper.read(helper.header)
  text = text:gsub("/%*.-%*/", " "):gsub("//[^\n]*", " ")
  text = text:gsub("\n[ \t]*#[^\n]*", "\n")
  local names = {}
  for decl in text:gmatch("CXO_API([^;(]*)%(") do
    names[#names + 1] = decl:match("([%a_][%w_]*)%s*$")
  end
  table.sort(names)
  return names
end

-- How each Lua function of the manifest is called so that it reaches the C
-- function: exercise[c_function](db) where db holds the small dataset.
local path = helper.tmpname("manifest")
local exercise = {
  cxo_audit_list = function(db) db:log() end,
  cxo_buffer_data = function(db) db:export() end,
  cxo_buffer_free = function(db) db:export() end,
  cxo_buffer_new = function(db) db:export() end,
  cxo_buffer_write = function(db) db:report("matrix") end,
  cxo_check_date = function() cxotrack.check_date("2013-11") end,
  cxo_check_slug = function() cxotrack.check_slug("x") end,
  cxo_cursor_free = function(db) db:topics():close() end,
  cxo_cursor_json = function(db) db:topics():json() end,
  cxo_cursor_next = function(db) db:topics():next() end,
  cxo_db_actor = function(db) db:actor() end,
  cxo_db_backup = function(db) db:backup(path) end,
  cxo_db_begin = function(db) db:begin() end,
  cxo_db_close = function(db) db:close() end,
  cxo_db_commit = function(db) db:commit() end,
  cxo_db_open = function() cxotrack.open(":memory:", "rwc") end,
  cxo_db_rollback = function(db) db:rollback() end,
  cxo_db_set_actor = function(db) db:set_actor("x") end,
  cxo_db_set_busy_timeout = function(db) db:set_busy_timeout(5) end,
  cxo_errcode = function() cxotrack.open("/nonexistent/x.db") end,
  cxo_errmsg = function() cxotrack.open("/nonexistent/x.db") end,
  cxo_errstr = function() cxotrack.errstr(-4) end,
  cxo_export_json = function(db) db:export() end,
  cxo_export_options_init = function(db) db:export() end,
  cxo_format_from_name = function(db) db:report("lint", {format = "md"}) end,
  cxo_format_name = function() cxotrack.formats() end,
  cxo_free = function() cxotrack.encode{a = 1} end,
  cxo_import_buffers = function(db) db:import({helper.small}) end,
  cxo_import_files = function(db) db:import_files(helper.dataset, {check = true}) end,
  cxo_import_json = function(db) db:import(helper.small) end,
  cxo_import_options_init = function(db) db:import(helper.small) end,
  cxo_kind_describe = function() cxotrack.describe("topic") end,
  cxo_kind_from_name = function() cxotrack.kind("topic") end,
  cxo_kind_name = function() cxotrack.kinds() end,
  cxo_query_init = function(db) db:list("topic") end,
  cxo_record_create = function(db) db:create("topic", {id = "new", title = "New"}) end,
  cxo_record_delete = function(db) db:delete("followup", "a1", "m3") end,
  cxo_record_get = function(db) db:get("topic", "t1") end,
  cxo_record_list = function(db) db:list("meeting") end,
  cxo_record_update = function(db) db:update("topic", {id = "t1", title = "T"}) end,
  cxo_report = function(db) db:report("lint") end,
  cxo_report_from_name = function(db) db:report("lint") end,
  cxo_report_name = function() cxotrack.reports() end,
  cxo_report_options_init = function(db) db:report("lint") end,
  cxo_row_child_at = function(db) db:get("topic", "t2") end,
  cxo_row_free = function(db) db:get("topic", "t1") end,
  cxo_row_from_json = function() cxotrack.decode("{}") end,
  cxo_row_int_at = function(db) db:get("meeting", "m1") end,
  cxo_row_real_at = function() assert(cxotrack.decode('{"mean": 1.5}').mean == 1.5) end,
  cxo_row_is_list = function(db) db:get("topic", "t1") end,
  cxo_row_name = function(db) db:get("topic", "t1") end,
  cxo_row_new = function(db) db:create("topic", {id = "new", title = "New"}) end,
  cxo_row_set_bool = function(db) db:create("topic", {id = "new", title = "New", uncertain = true}) end,
  cxo_row_set_int = function(db) db:create("meeting", {id = "m9", kind = "cto", date = "2020", participants = 3}) end,
  cxo_row_set_list = function(db) db:create("topic", {id = "new", title = "New", tags = {"a"}}) end,
  cxo_row_set_null = function(db) db:update("topic", {id = "t2", description = cxotrack.null}) end,
  cxo_row_set_row = function() cxotrack.encode{a = {b = 1}} end,
  cxo_row_set_real = function() assert(cxotrack.encode{a = 0.25} == '{"a":0.25}') end,
  cxo_row_set_text = function(db) db:create("topic", {id = "new", title = "New"}) end,
  cxo_row_size = function(db) db:get("topic", "t1") end,
  cxo_row_text_at = function(db) db:get("topic", "t1") end,
  cxo_row_to_json = function() cxotrack.encode{a = 1} end,
  cxo_row_type_at = function(db) db:get("topic", "t1") end,
  cxo_search = function(db) db:search("quantum") end,
  cxo_topic_history = function(db) db:history("t2") end,
  cxo_topic_rename = function(db) db:rename("t2", "t3") end,
  cxo_version = function() cxotrack.version() end,
  cxo_version_number = function() cxotrack.version() end,
}

-- The table a Lua function name of the manifest lives in, and its key.
local function where(lua_name, db)
  local scope, name = lua_name:match("^(%a+)[:.]([%w_]+)$")
  if scope == "cxotrack" then return cxotrack, name end
  if scope == "db" then return getmetatable(db).__index, name end
  if scope == "cursor" then return getmetatable(db:topics()).__index, name end
  error("a manifest entry names no function of the module: " .. lua_name)
end

describe("the manifest of C functions", function()
  teardown(helper.cleanup)

  it("covers every CXO_API function of the header, once", function()
    local declared = header_functions()
    assert.is_true(#declared >= 71)
    local listed = {}
    for fn in pairs(cxotrack._c_functions) do listed[#listed + 1] = fn end
    for fn, why in pairs(cxotrack._c_unexposed) do
      assert.is_nil(cxotrack._c_functions[fn], fn .. " is both reached and not exposed")
      assert.is_true(#why > 20, fn .. " is not exposed without a reason")
      listed[#listed + 1] = fn
    end
    table.sort(listed)
    assert.are.same(declared, listed)
  end)

  it("names, for each function reached, a Lua function that calls it", function()
    local checked = 0
    for fn, lua_name in pairs(cxotrack._c_functions) do
      local db = helper.small_db()
      local t, key = where(lua_name, db)
      local original = t[key]
      assert.are.equal("function", type(original), lua_name)
      local called = 0
      t[key] = function(...) called = called + 1 return original(...) end
      local before = helper.calls(fn)
      local ok, err = pcall(assert(exercise[fn], "no exercise for " .. fn), db)
      t[key] = original
      assert(ok, err)
      assert.is_true(called > 0, fn .. ": the exercise does not call " .. lua_name)
      assert.is_true(helper.calls(fn) > before, lua_name .. " did not call " .. fn)
      if cxotrack.type(db) == "database" then db:close() end
      checked = checked + 1
    end
    assert.are.equal(68, checked)
  end)

  it("counts no call to a function it says is not exposed", function()
    local counts = cxotrack._c_calls()
    for fn in pairs(cxotrack._c_unexposed) do assert.is_nil(counts[fn], fn) end
  end)
end)
