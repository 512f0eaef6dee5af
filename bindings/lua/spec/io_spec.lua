-- Import (text, lists of texts, files; every option; the progress callback),
-- export, and reports in every format.
local cxotrack = require "cxotrack"
local helper = require "helper"

local EMPTY = '{"format": "cxotrack", "version": 1}'
local BOGUS = '{"format": "cxotrack", "version": 1, "bogus": 1}'
local KINDS = {"conclusions", "items", "lifecycles", "meetings", "observations", "organizations", "registries", "topics"}

-- {kind = n} for every kind of top-level record
local function counts(n, overrides)
  local t = {}
  for _, k in ipairs(KINDS) do t[k] = n end
  for k, v in pairs(overrides or {}) do t[k] = v end
  return t
end
local SMALL = {conclusions = 1, items = 2, lifecycles = 0, meetings = 3, observations = 3, organizations = 2,
               registries = 1, topics = 2}

describe("import", function()
  after_each(helper.cleanup)

  it("imports a document and says what it did", function()
    local db = helper.small_db(true)
    local result = assert(db:import(helper.small))
    assert.are.same({created = SMALL, updated = counts(0), unchanged = counts(0), deleted = counts(0), warnings = {}},
      result)
    assert.are.same(counts(0, SMALL), db:import(helper.small).unchanged)
    assert.are.equal("Topic one", db:topic("t1").title)
  end)

  it("names the document in the audit log", function()
    local db = helper.small_db(true)
    assert(db:import(helper.small, {name = "small.json"}))
    assert.are.equal("small.json", db:log():next().key)
  end)

  it("checks without writing with check, and replaces with replace", function()
    local db = helper.small_db(true)
    assert.are.same(SMALL, db:import(helper.small, {check = true}).created)
    assert.are.same({}, db:topics():rows())
    assert(db:import(helper.small))
    assert.are.same(SMALL, db:import(EMPTY, {replace = true}).deleted)
    assert.are.same({}, db:topics():rows())
  end)

  it("skips unknown keys with lenient, returning the warning as a second value", function()
    local db = helper.small_db(true)
    local msg = '(document): unknown key "bogus" (a document has: format, version, lifecycles, registries, items, '
                .. 'organizations, meetings, topics, observations, conclusions)'
    assert.are.same({nil, msg, "EINVAL"}, {db:import(BOGUS)})
    local result, warning = db:import(BOGUS, {lenient = true})
    assert.are.equal('(document): unknown key "bogus" ignored', warning)
    assert.are.same({'(document): unknown key "bogus" ignored'}, result.warnings)
  end)

  it("imports several documents at once, named in messages", function()
    local db = helper.small_db(true)
    assert.are.same(SMALL, assert(db:import({EMPTY, helper.small})).created)
    local second = '{"format": "cxotrack", "version": 1, "x": 1}'
    local ok, msg, code = db:import({EMPTY, second}, {names = {"a.json", "b.json"}})
    assert.are.same({nil, "EINVAL"}, {ok, code})
    assert.matches('^b%.json: %(document%): unknown key "x"', msg)
    ok, msg = db:import({EMPTY, second})
    assert.matches('^document: %(document%): unknown key "x"', msg)
    assert.are.same({nil, "import: no document", "EINVAL"}, {db:import({})})
  end)

  it("keeps to the limits given", function()
    local db = helper.small_db(true)
    assert.are.same({nil, "document: the document is 2289 bytes, over the limit of 100", "ELIMIT"},
      {db:import(helper.small, {max_size = 100})})
    assert.are.same({nil, "document: line 4, column 18: nesting deeper than the limit of 2", "ELIMIT"},
      {db:import(helper.small, {max_depth = 2})})
    assert.are.same({nil, "document: line 2, column 3: a string of 6 bytes is longer than the limit of 5", "ELIMIT"},
      {db:import(helper.small, {max_string = 5})})
  end)

  it("passes the bytes as they are: a NUL byte reaches the library, which refuses it", function()
    local db = helper.small_db(true)
    assert.are.same({nil, "document: line 1, column 37: NUL byte in the document", "EFORMAT"}, {db:import(EMPTY .. "\0")})
    assert.are.same({nil, "document: line 1, column 1: the document is empty", "EFORMAT"},
      {db:import("")})
    local ok, _, code = db:import(string.rep("[", 1 << 20))
    assert.are.same({nil, "ELIMIT"}, {ok, code})
  end)

  it("raises for bad arguments and options", function()
    local db = helper.small_db(true)
    helper.raises(function() db:import() end, "bad argument #1 to 'import' (string expected, got no value)")
    helper.raises(function() db:import(1) end, "bad argument #1 to 'import' (string expected, got number)")
    helper.raises(function() db:import({EMPTY, 1}) end,
      "bad argument #1 to 'import' (document 2: string expected, got number)")
    helper.raises(function() db:import(EMPTY, {replace = "yes"}) end,
      "bad argument #2 to 'import' (option 'replace': boolean expected, got string)")
    helper.raises(function() db:import(EMPTY, {max_size = -1}) end,
      "bad argument #2 to 'import' (option 'max_size': -1 is out of range (0 to 9223372036854775807))")
    helper.raises(function() db:import(EMPTY, {max_depth = 1.5}) end,
      "bad argument #2 to 'import' (option 'max_depth': integer expected, got a number with a fraction)")
    helper.raises(function() db:import(EMPTY, {progress = true}) end,
      "bad argument #2 to 'import' (option 'progress': function expected, got boolean)")
    helper.raises(function() db:import(EMPTY, {names = {"a"}}) end,
      "bad argument #2 to 'import' (option 'names': one document takes 'name')")
    helper.raises(function() db:import({EMPTY}, {name = "a"}) end,
      "bad argument #2 to 'import' (option 'name': a list of documents takes 'names')")
    helper.raises(function() db:import({EMPTY}, {names = {"a", "b"}}) end,
      "bad argument #2 to 'import' (option 'names': 2 names for 1 documents)")
    helper.raises(function() db:import({EMPTY}, {names = "a"}) end,
      "bad argument #2 to 'import' (option 'names': list of strings expected, got string)")
    helper.raises(function() db:import({EMPTY}, {names = {"a\0"}}) end,
      "bad argument #2 to 'import' (name 1 contains a NUL byte)")
    helper.raises(function() db:import(EMPTY, {nme = "a"}) end, "bad argument #2 to 'import' (unknown option 'nme')")
  end)

  describe("with a progress callback", function()
    local text
    setup(function()
      local big = helper.dataset_db()
      text = big:export()
      big:close()
    end)

    it("calls it with the records done and their total", function()
      local db = helper.small_db(true)
      local calls = {}
      assert(db:import(helper.small, {progress = function(done, total) calls[#calls + 1] = {done, total} end}))
      assert.are.same({{14, 14}}, calls)
    end)

    it("cancels when it returns false: nothing is written", function()
      local db = helper.small_db(true)
      assert.are.same({nil, "the import was canceled", "ECANCELED"},
        {db:import(text, {progress = function() return false end})})
      assert.are.same({}, db:topics():rows())
      assert(db:import(text, {progress = function() return nil end}))
      assert.are.equal(41, #db:topics():rows())
    end)

    it("cancels when it raises, and raises its error again", function()
      local db = helper.small_db(true)
      local boom = {}
      local ok, err = pcall(db.import, db, text, {progress = function() error(boom) end})
      assert.are.same({false, boom}, {ok, err})
      assert.are.equal(boom, err)
      assert.are.same({}, db:topics():rows())
      ok, err = pcall(db.import, db, text, {progress = function() coroutine.yield() end})
      assert.are.same({false, "attempt to yield from outside a coroutine"}, {ok, err})
    end)

    it("may not use the database being imported into, nor its cursors", function()
      local db = helper.small_db(true)
      local cur = db:meetings()
      local function refused(fn)
        local ok, err = pcall(db.import, db, text, {replace = true, progress = fn})
        assert.is_false(ok)
        assert.matches("the database is in use by a callback of one of its own calls$", err)
      end
      refused(function() db:topics() end)
      refused(function() db:close() end)
      refused(function() cur:next() end)
      refused(function() cur:rows() end)
      assert.are.equal("database", cxotrack.type(db))
      assert.are.same({}, db:topics():rows())
      -- closing or collecting a cursor is fine, and so is another database
      local other = helper.small_db()
      for _ = 1, 5 do db:topics() end
      assert(db:import(text, {progress = function()
        cur:close()
        collectgarbage()
        assert.are.equal(2, #other:topics():rows())
      end}))
      assert.are.equal("closed cursor", cxotrack.type(cur))
      assert.are.equal(41, #db:topics():rows())
    end)
  end)

  describe("import_files", function()
    it("imports files, one or several", function()
      local db = helper.small_db(true)
      local result = assert(db:import_files(helper.dataset))
      assert.are.equal(17, result.created.meetings)
      local path = helper.tmpname("doc")
      helper.write(path, helper.small)
      assert.are.same(SMALL, assert(helper.small_db(true):import_files({path}, {check = true})).created)
      assert.are.equal(20, assert(helper.small_db(true):import_files({helper.dataset, path})).created.meetings)
      local calls = 0
      assert(db:import_files({path}, {progress = function() calls = calls + 1 end}))
      assert.are.equal(1, calls)
    end)
    it("gives nil, message, code for a file that cannot be read", function()
      local db = helper.small_db(true)
      assert.are.same({nil, "/nonexistent/x.json: No such file or directory", "ENOTFOUND"},
        {db:import_files("/nonexistent/x.json")})
      assert.are.same({nil, "import: no document", "EINVAL"}, {db:import_files({})})
    end)
    it("raises for bad arguments", function()
      local db = helper.small_db(true)
      helper.raises(function() db:import_files() end, "bad argument #1 to 'import_files' (string expected, got no value)")
      helper.raises(function() db:import_files("a\0b") end,
        "bad argument #1 to 'import_files' (string contains a NUL byte)")
      helper.raises(function() db:import_files({"a\0b"}) end,
        "bad argument #1 to 'import_files' (path 1 contains a NUL byte)")
      helper.raises(function() db:import_files({true}) end,
        "bad argument #1 to 'import_files' (path 1: string expected, got boolean)")
      helper.raises(function() db:import_files("x", {name = "n"}) end,
        "bad argument #2 to 'import_files' (unknown option 'name')")
    end)
  end)
end)

describe("export", function()
  it("writes the canonical document, which imports back to the same", function()
    local db = helper.small_db()
    local text = db:export()
    local head = '{\n  "format": "cxotrack",\n  "version": 1,\n'
    assert.are.equal(head, text:sub(1, #head))
    assert.are.equal("\n", text:sub(-1))
    local copy = helper.small_db(true)
    assert(copy:import(text))
    assert.are.equal(text, copy:export())
  end)
  it("writes a meeting or a topic, or decodes into a table", function()
    local db = helper.small_db()
    local part = db:export{meeting = "m3", decode = true}
    assert.are.same({{id = "m3", kind = "cxo", date = "2017-01-10"}}, part.meetings)
    assert.are.same({"t2"}, helper.pluck(part.topics, "id"))
    assert.are.equal(1, #part.observations)
    local t = db:export{topic = "t2", decode = true}
    assert.are.same({"t1", "t2"}, helper.pluck(t.topics, "id"))
    assert.are.same({"cxotrack", 1}, {t.format, t.version})
  end)
  it("gives nil, message, code for what the library refuses", function()
    local db = helper.small_db()
    assert.are.same({nil, 'export: there is no topic "zz"', "ENOTFOUND"}, {db:export{topic = "zz"}})
    assert.are.same({nil, 'export: there is no meeting "zz"', "ENOTFOUND"}, {db:export{meeting = "zz"}})
    assert.are.same({nil, "export: a meeting or a topic, not both", "EINVAL"}, {db:export{meeting = "m3", topic = "t1"}})
  end)
  it("raises for bad options", function()
    local db = helper.small_db()
    helper.raises(function() db:export{meting = "m3"} end, "bad argument #1 to 'export' (unknown option 'meting')")
    helper.raises(function() db:export{decode = 1} end,
      "bad argument #1 to 'export' (option 'decode': boolean expected, got number)")
    helper.raises(function() db:export("m3") end, "bad argument #1 to 'export' (table expected, got string)")
  end)
end)

describe("report", function()
  local db
  setup(function() db = helper.small_db() end)
  teardown(function() db:close() end)

  local options = {
    tsag = {meeting = "m3"}, followup = {}, period = {from = "m1", to = "m3"}, matrix = {},
    diff = {from = "m1", to = "m2"}, agenda = {topics = {"t1", "t9"}}, participation = {}, analysis = {}, lint = {},
  }
  local tabular = {matrix = true, diff = true, followup = true, participation = true}

  local function with(t, extra)
    local o = {}
    for k, v in pairs(t) do o[k] = v end
    for k, v in pairs(extra) do o[k] = v end
    return o
  end

  it("writes every report in every format it has", function()
    for _, kind in ipairs(cxotrack.reports()) do
      local json = assert(db:report(kind, options[kind]))
      assert.are.equal("{", json:sub(1, 1), kind)
      assert.are.equal(json, db:report(kind, with(options[kind], {format = "json"})))
      assert.matches("^# ", assert(db:report(kind, with(options[kind], {format = "md"}))))
      assert.are.equal(db:report(kind, with(options[kind], {format = "md"})),
        db:report(kind, with(options[kind], {format = "markdown"})))
      assert.matches("^<!DOCTYPE html>", assert(db:report(kind, with(options[kind], {format = "html"}))))
      if tabular[kind] then
        assert.is_string(db:report(kind, with(options[kind], {format = "csv"})))
      else
        assert.are.same({nil, "report " .. kind .. ": no CSV form (CSV is for matrix, diff, followup, participation)",
                         "EINVAL"}, {db:report(kind, with(options[kind], {format = "csv"}))})
      end
    end
  end)

  it("gives the exact text the library writes", function()
    assert.are.equal("topic,title,first_seen,last_seen,events,m1,m2,m3\r\n"
                     .. "t1,Topic one,m1,m1,,raised,,\r\n"
                     .. "t2,Topic two,m2,m3,,,prioritized,assigned\r\n",
      db:report("matrix", {format = "csv"}))
    assert.are.equal("change,kind,key,title,from,to\r\nno longer discussed,topic,t1,Topic one,raised,raised\r\n"
                     .. "new,topic,t2,Topic two,,prioritized\r\n",
      db:report("diff", {from = "m1", to = "m2", format = "csv", kinds = {"cto", "cxo"}}))
  end)

  it("decodes a report in JSON into a table", function()
    local diff = assert(db:report("diff", {from = "m1", to = "m2", decode = true}))
    assert.are.same({report = "diff", title = "What changed from m1 (2015-01-10) to m2 (2016-01-10)", as_of = "m2",
                     from = "m1", to = "m2", lifecycle = "cto", count = 2,
                     changes = {{change = "no longer discussed", kind = "topic", key = "t1", title = "Topic one",
                                 from = "raised", to = "raised"},
                                {change = "new", kind = "topic", key = "t2", title = "Topic two", to = "prioritized"}}},
      diff)
    local tsag = assert(db:report("tsag", {meeting = "m3", decode = true}))
    assert.are.same({"t2"}, helper.pluck(tsag.topics, "id"))
    local agenda = assert(db:report("agenda", {topics = "t1,t9", stall = 1, decode = true}))
    assert.are.same({true, false}, helper.pluck(agenda.planned, "known"))
  end)

  it("decodes the reports with real numbers: means and shares are Lua floats", function()
    local analysis = assert(db:report("analysis", {decode = true}))
    assert.are.equal(1.5, analysis.figures.recurrence_mean)
    assert.are.equal("float", math.type(analysis.figures.recurrence_mean))
    assert.are.equal(0.5, analysis.figures.never_advanced_share)
    assert.are.equal("integer", math.type(analysis.figures.topics))
    -- JSON keeps no difference between 1.0 and 1: a share of 0 or 1 reads back as an integer
    local participation = assert(db:report("participation", {decode = true}))
    assert.is_number(participation.meetings[1].developing_share)
    assert.matches('"recurrence_mean": 1%.5', db:report("analysis"))
  end)

  it("returns lint's warning as a second value", function()
    local w = helper.small_db()
    assert(w:create("observation", {topic = "t2", date = "2016-06", status = "raised"}))
    assert(w:update("lifecycle", {id = "cto", enforce = "strict"}))
    local text, warning = w:report("lint", {format = "md"})
    assert.matches("^# Findings about the records", text)
    assert.are.equal("lint: 1 finding of severity error", warning)
    local t
    t, warning = w:report("lint", {decode = true})
    assert.are.same({1, "lint: 1 finding of severity error"}, {t.counts.error, warning})
    assert.are.equal(1, select("#", db:report("lint")))
  end)

  it("gives nil, message, code for options the library refuses", function()
    assert.are.same({nil, "report tsag: the meeting reported on is required", "EINVAL"}, {db:report("tsag")})
    assert.are.same({nil, "report: stall: -1 is negative", "EINVAL"}, {db:report("period", {stall = -1})})
    local ok, _, code = db:report("tsag", {meeting = "m9"})
    assert.are.same({nil, "ENOTFOUND"}, {ok, code})
    ok, _, code = db:report("matrix", {as_of = "m9"})
    assert.are.same({nil, "ENOTFOUND"}, {ok, code})
  end)

  it("raises for a bad report, format or option", function()
    helper.raises(function() db:report("nope") end, "bad argument #1 to 'report' (unknown report 'nope' (tsag, followup, "
      .. "period, matrix, diff, agenda, participation, analysis, lint))")
    helper.raises(function() db:report() end, "bad argument #1 to 'report' (string expected, got no value)")
    helper.raises(function() db:report("lint", {format = "pdf"}) end,
      "bad argument #2 to 'report' (option 'format': unknown format 'pdf' (json, md, csv, html))")
    helper.raises(function() db:report("lint", {format = "md", decode = true}) end,
      "bad argument #2 to 'report' (option 'decode': only a report in JSON can be decoded)")
    helper.raises(function() db:report("lint", {stall = "3"}) end,
      "bad argument #2 to 'report' (option 'stall': integer expected, got string)")
    helper.raises(function() db:report("lint", {stall = 1 << 40}) end,
      "bad argument #2 to 'report' (option 'stall': 1099511627776 is out of range (-2147483648 to 2147483647))")
    helper.raises(function() db:report("lint", {topics = {1}}) end,
      "bad argument #2 to 'report' (option 'topics': item 1: string expected, got number)")
    helper.raises(function() db:report("lint", {as_f = "m1"}) end, "bad argument #2 to 'report' (unknown option 'as_f')")
  end)
end)
