-- No misuse from Lua crashes the interpreter: every function and method of
-- the module is called with every kind of wrong value in every position
-- (nil, booleans, numbers, tables, functions, threads, other userdata, strings
-- with NUL bytes, huge strings, closed handles, cursors for databases), and
-- every metamethod with the wrong self, as getmetatable() lets anyone do. Each
-- call must raise a Lua error or return; with the sanitizers or valgrind the
-- same run shows that no memory is misused.
local cxotrack = require "cxotrack"
local helper = require "helper"

local PATH = {} -- a placeholder: a path argument (numbers would name files in the working directory)

-- Valid arguments for each function; `db` and `cur` stand for a live database
-- and cursor.
local module_calls = {
  open = {":memory:", "rwc", path = 1},
  version = {}, errstr = {-4}, check_slug = {"x"}, check_date = {"2013"}, kind = {"topic"}, kinds = {},
  describe = {"topic"}, reports = {}, formats = {}, type = {"db"}, decode = {"{}"}, encode = {{a = 1}}, _c_calls = {},
}
local method_calls = {
  close = {}, actor = {}, set_actor = {"ana"}, set_busy_timeout = {5}, begin = {}, commit = {}, rollback = {},
  backup = {PATH, path = 1},
  get = {"topic", "t1"}, create = {"topic", {id = "n", title = "N"}}, update = {"topic", {id = "t1", title = "x"}},
  delete = {"followup", "a1", "m3", {cascade = true}}, rename = {"t2", "t3", {title = "x"}},
  meeting = {"m1"}, topic = {"t1"}, lifecycle = {"cto"}, observation = {"t2", "cto", "m3"}, conclusion = {"m1/1"},
  action = {"a1"}, followup = {"a1", "m3"}, registry = {"fg"}, item = {"fg", "fg-x"}, link = {"t2", "fg", "fg-x"},
  relation = {"t2", "renamed-from", "t1"}, organization = {"ntt"},
  list = {"topic", {as_of = "m2"}}, meetings = {{kinds = "cto"}}, topics = {{status = "raised"}},
  lifecycles = {{}}, observations = {{topic = "t2"}}, conclusions = {{meeting = "m1"}}, actions = {{open = true}},
  followups = {{action = "a1"}}, registries = {{}}, items = {{unlinked = true}}, links = {{topic = "t2"}},
  relations = {{topic = "t1"}}, organizations = {{}}, attendance = {{meeting = "m2"}},
  history = {"t2", {lineage = true}}, search = {"quantum", {}}, log = {{entity = "topic"}}, audit = {{key = "t1"}},
  import = {helper.small, {check = true}}, import_files = {helper.dataset, {check = true}, path = 1},
  export = {{meeting = "m3"}}, report = {"diff", {from = "m1", to = "m2"}},
}
local cursor_calls = {next = {}, rows = {}, json = {}, close = {}}

local function is_number(v) return type(v) == "number" end

-- Call fn with args, where `self` (if any) comes first; an error must be a
-- string (or the value a callback raised); nothing may crash.
local function try(fn, args, n)
  local ok, err = pcall(fn, table.unpack(args, 1, n))
  if not ok then assert.is_string(err) end
  return ok
end

describe("misuse", function()
  local bad, live
  setup(function() bad, live = helper.bad_values() end)
  teardown(function()
    live:close()
    helper.cleanup()
  end)

  it("has a signature for every function and method", function()
    for name in pairs(cxotrack) do
      if type(cxotrack[name]) == "function" then assert.is_table(module_calls[name], name) end
    end
    local db = helper.small_db()
    for name in pairs(getmetatable(db).__index) do assert.is_table(method_calls[name], name) end
    for name in pairs(getmetatable(db:topics()).__index) do assert.is_table(cursor_calls[name], name) end
  end)

  it("survives every wrong argument to every module function", function()
    local calls, raised = 0, 0
    for name, template in pairs(module_calls) do
      for i = 1, #template + 1 do
        for _, b in ipairs(bad) do
          if not (template.path == i and is_number(b[2])) then
            local args = {table.unpack(template)}
            args[i] = b[2]
            calls = calls + 1
            if not try(cxotrack[name], args, math.max(#template, i)) then raised = raised + 1 end
          end
        end
      end
    end
    assert.is_true(calls > 400)
    assert.is_true(raised > 100)
  end)

  it("survives every wrong argument to every method, and every wrong self", function()
    local calls = 0
    for name, template in pairs(method_calls) do
      local db = helper.small_db()
      local path = helper.tmpname("misuse")
      for i = 0, #template + 1 do
        for _, b in ipairs(bad) do
          if not (template.path == i and is_number(b[2])) then
            if cxotrack.type(db) ~= "database" then db = helper.small_db() end
            local args = {db}
            for k, v in ipairs(template) do args[k + 1] = v == PATH and path or v end
            args[i + 1] = b[2]
            local method = getmetatable(db).__index[name]
            local ok = try(method, args, math.max(#template, i) + 1)
            calls = calls + 1
            if i == 0 then
              assert.is_false(ok, name .. " with " .. b[1] .. " for self")
            end
          end
        end
      end
      if cxotrack.type(db) == "database" then db:close() end
    end
    helper.cleanup()
    assert.is_true(calls > 2000)
  end)

  it("survives every wrong self to every cursor method and metamethod", function()
    local cur_meta = getmetatable(live:topics())
    local db_meta = getmetatable(live)
    local box_meta = debug.getregistry()["cxotrack.box"]
    local fns = {}
    for name, fn in pairs(cur_meta.__index) do fns["cursor:" .. name] = fn end
    for _, meta in ipairs{cur_meta, db_meta, box_meta} do
      for name, fn in pairs(meta) do
        if type(fn) == "function" then fns[meta.__name .. "." .. name] = fn end
      end
    end
    for name, fn in pairs(fns) do
      for _, b in ipairs(bad) do
        local expected_type = name:match("^cursor") and "cxotrack.cursor" or name:match("^([%w.]+)%.__")
        local right = b[2] ~= nil and getmetatable(b[2]) and getmetatable(b[2]).__name == expected_type
        local ok = try(fn, {b[2], b[2]}, 2)
        if not right then assert.is_false(ok, name .. " with " .. b[1]) end
      end
      -- and with a value of the other handle type
      local wrong = name:match("cursor") and helper.small_db() or helper.small_db():topics()
      assert.is_false(pcall(fn, wrong), name)
      helper.raises(function() fn(io.stdout) end,
        "bad argument #1 to '?' (" .. (name:match("cursor") and "cxotrack.cursor"
          or name:match("^([%w.]+)%.__")) .. " expected, got FILE*)")
    end
  end)

  it("survives cursor methods called with arguments they do not take", function()
    for name in pairs(cursor_calls) do
      for _, b in ipairs(bad) do
        local cur = live:topics()
        try(cur[name], {cur, b[2], b[2]}, 3)
      end
    end
  end)

  it("survives options whose metamethods close the database before the call", function()
    local calls = {
      function(db, o) return db:report("lint", o) end, function(db, o) return db:export(o) end,
      function(db, o) return db:topics(o) end, function(db, o) return db:list("meeting", o) end,
      function(db, o) return db:history("t2", o) end, function(db, o) return db:search("quantum", o) end,
      function(db, o) return db:log(o) end, function(db, o) return db:rename("t2", "t3", o) end,
      function(db, o) return db:delete("followup", "a1", "m3", o) end,
      function(db, o) return db:import(helper.small, o) end,
      function(db, o) return db:import_files(helper.dataset, o) end,
    }
    for _, call in ipairs(calls) do
      local db = helper.small_db()
      local options = setmetatable({}, {__index = function()
        if cxotrack.type(db) == "database" then db:close() end
      end})
      helper.raises(function() call(db, options) end, "attempt to use a closed database")
    end
  end)

  it("survives the finalizers called by hand, then again by the collector", function()
    local db = helper.small_db()
    local cur = db:topics()
    getmetatable(cur).__gc(cur)
    getmetatable(cur).__close(cur)
    getmetatable(db).__gc(db)
    getmetatable(db).__close(db, "an error")
    assert.are.equal("closed cursor", cxotrack.type(cur))
    assert.are.equal("closed database", cxotrack.type(db))
    helper.raises(function() cur:next() end, "attempt to use a closed cursor")
    db, cur = nil, nil
    collectgarbage()
    collectgarbage()
  end)

  it("survives many key parts, long strings and deep tables", function()
    local db = helper.small_db()
    local parts = {}
    for i = 1, 200000 do parts[i] = "x" end
    assert.are.same({nil, "cxo_record_get: the key of a topic has 1 part (id), not 200000", "EINVAL"},
      {db:get("topic", table.unpack(parts))})
    local long = string.rep("y", 16 << 20)
    local ok, _, code = db:topic(long)
    assert.are.same({nil, "ENOTFOUND"}, {ok, code})
    ok, _, code = db:import(long)
    assert.are.same({nil, "EFORMAT"}, {ok, code})
    assert.are.equal("cursor", cxotrack.type(db:search(long)))
    helper.raises(function() db:get(long, "x") end, "bad argument #1 to 'get' (unknown kind '" .. long .. "')")
    local deep = {}
    local inner = deep
    for _ = 1, 150 do inner.note = {} inner = inner.note end
    ok, _, code = db:create("topic", {id = "deep", title = "Deep", note = deep})
    assert.are.same({nil, "EINVAL"}, {ok, code})
  end)

  it("survives cursors in coroutines, closed or abandoned mid-loop", function()
    assert.are.equal(1, helper.frees_during(function()
      local co = coroutine.create(function()
        for row in live:topics() do coroutine.yield(row.id) end
      end)
      assert.are.same({true, "access-transport"}, {coroutine.resume(co)}) -- (live holds the bundled dataset)
      assert.is_true(coroutine.close(co)) -- closes the loop's to-be-closed cursor
    end))
    collectgarbage()
    collectgarbage()
    local frees = helper.calls("cxo_cursor_free")
    local co = coroutine.wrap(function() for row in live:topics() do coroutine.yield(row.id) end end)
    co()
    co = nil
    collectgarbage()
    collectgarbage()
    assert.are.equal(frees + 1, helper.calls("cxo_cursor_free")) -- by the collector
  end)
end)
