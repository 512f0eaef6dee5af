-- What the specs share: paths, temporary files, small databases.
local cxotrack = require "cxotrack"

local helper = {}

local function source_dir()
  local env = os.getenv("CXOTRACK_SOURCE_DIR")
  if env then return env end
  local here = debug.getinfo(1, "S").source:match("^@(.*)/spec/helper%.lua$") or "."
  return here .. "/../.."
end

helper.source_dir = source_dir()
helper.dataset = helper.source_dir .. "/examples/data/itu-cto-meetings.json"
helper.header = helper.source_dir .. "/include/cxotrack.h"
helper.tmp_dir = os.getenv("CXOTRACK_TEST_TMP") or "/tmp"

function helper.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function helper.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

function helper.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- A path in the temporary directory where no file is, for a database; removed
-- (with its -wal and -shm) by helper.cleanup().
local made = {}
function helper.tmpname(stem)
  local name = os.tmpname() -- creates the file, which makes the name ours
  os.remove(name)
  local path = string.format("%s/%s-%s.db", helper.tmp_dir, stem or "t", name:match("([^/]+)$"))
  made[#made + 1] = path
  return path
end

function helper.cleanup()
  for _, path in ipairs(made) do
    for _, suffix in ipairs{"", "-wal", "-shm", "-journal"} do os.remove(path .. suffix) end
  end
  made = {}
end

-- A small dataset whose every value the specs know.
helper.small = [[
{
  "format": "cxotrack",
  "version": 1,
  "registries": [{"id": "fg", "title": "Focus Groups"}],
  "items": [{"registry": "fg", "id": "fg-x", "title": "FG X",
             "statuses": [{"date": "2016-05", "status": "established"}]},
            {"registry": "fg", "id": "fg-y", "title": "FG Y"}],
  "organizations": [{"id": "ntt", "name": "NTT", "country": "JP", "region": "asia-pacific",
                     "kind": "operator", "sme": false, "developing": false},
                    {"id": "acme", "name": "Acme", "region": "africa", "kind": "vendor",
                     "sme": true, "developing": true}],
  "meetings": [{"id": "m1", "kind": "cto", "date": "2015-01-10", "city": "Geneva", "participants": 12,
                "sources": [{"ref": "Communique 1", "url": "https://example.org/m1"}],
                "attendance": [{"organization": "ntt", "role": "cto"}]},
               {"id": "m2", "kind": "cto", "date": "2016-01-10",
                "attendance": [{"organization": "acme", "role": "delegate"}, {"organization": "ntt", "role": "cto"}]},
               {"id": "m3", "kind": "cxo", "date": "2017-01-10"}],
  "topics": [{"id": "t1", "title": "Topic one", "aliases": ["first"], "tags": ["a"]},
             {"id": "t2", "title": "Topic two", "description": "a quantum leap",
              "relations": [{"type": "renamed-from", "topic": "t1", "since": "m2"}],
              "links": [{"registry": "fg", "item": "fg-x", "relation": "led-to", "since": "2016-05"}]}],
  "observations": [{"topic": "t1", "lifecycle": "cto", "meeting": "m1", "status": "raised"},
                   {"topic": "t2", "lifecycle": "cto", "meeting": "m2", "status": "prioritized"},
                   {"topic": "t2", "lifecycle": "cto", "meeting": "m3", "status": "assigned",
                    "note": "moved to a study group"}],
  "conclusions": [{"id": "m1/1", "meeting": "m1", "number": "1", "kind": "request",
                   "text": "Study topic one", "topics": ["t1"],
                   "actions": [{"id": "a1", "owner": "TSB", "description": "report back", "due_meeting": "m2",
                                "followups": [{"meeting": "m3", "status": "done"}]},
                               {"id": "a2", "owner": "SG13", "description": "draft a plan", "due_date": "2015-06"}]}]
}
]]

-- A new database in memory, with the small dataset unless `empty`.
function helper.small_db(empty)
  local db = assert(cxotrack.open(":memory:", "rwc"))
  if not empty then assert(db:import(helper.small, {name = "small"})) end
  return db
end

-- The bundled dataset in memory (read once).
local dataset_text
function helper.dataset_db()
  dataset_text = dataset_text or helper.read(helper.dataset)
  local db = assert(cxotrack.open(":memory:", "rwc"))
  assert(db:import(dataset_text, {name = "itu-cto-meetings.json"}))
  return db
end

-- The field `name` of each row, in order.
function helper.pluck(rows, name)
  local out = {}
  for i, row in ipairs(rows) do out[i] = row[name] end
  return out
end

-- Assert that fn() raises the error `expected`. The name Lua gives the
-- function in "bad argument #1 to 'NAME'" depends on the call site ('get',
-- 'cxotrack.get', '?'); it is not compared.
function helper.raises(fn, expected)
  local ok, err = pcall(fn)
  assert(not ok, "no error raised; expected: " .. expected)
  local function norm(s) return (tostring(s):gsub("^[^:\n]*:%d+: ", ""):gsub("^(bad argument #%d+ to )'[^']*'", "%1'?'"):gsub("^(calling )'[^']*'", "%1'?'")) end
  if norm(err) ~= norm(expected) then
    error(string.format("expected the error\n  %s\nbut got\n  %s", expected, tostring(err)), 2)
  end
end

-- How many times the module called C function `fn` so far.
function helper.calls(fn)
  return assert(cxotrack._c_calls()[fn], fn)
end

-- How many cursors the module freed while fn ran, the garbage collector
-- stopped (so that only fn's own cursors count).
function helper.frees_during(fn)
  collectgarbage()
  collectgarbage()
  collectgarbage("stop")
  local before = helper.calls("cxo_cursor_free")
  local ok, err = pcall(fn)
  local after = helper.calls("cxo_cursor_free")
  collectgarbage("restart")
  if not ok then error(err, 0) end
  return after - before
end

-- The values a misuse can pass where something else belongs.
function helper.bad_values()
  local closed = assert(cxotrack.open(":memory:", "rwc"))
  closed:close()
  local cur = closed -- replaced below by a cursor of a live database
  local live = helper.dataset_db()
  cur = live:meetings()
  return {
    {"nil", nil}, {"true", true}, {"false", false}, {"a float", 1.5}, {"a huge integer", math.maxinteger},
    {"a negative integer", -1}, {"an empty table", {}}, {"a list", {1, 2}}, {"a function", print},
    {"a coroutine", coroutine.create(print)}, {"a file", io.stdout}, {"null", cxotrack.null},
    {"a NUL string", "a\0b"}, {"an empty string", ""}, {"a huge string", string.rep("x", 1 << 20)},
    {"a closed database", closed}, {"a cursor", cur}, {"a table with a metatable", setmetatable({}, {
      __index = function() error("metamethod called") end})},
  }, live
end

return helper
