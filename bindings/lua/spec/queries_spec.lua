-- Queries and cursors: list and the named lists with every option, history,
-- search, the audit log; cursor methods; generic for, closing on break and
-- on error; databases closed or collected with cursors open.
local cxotrack = require "cxotrack"
local helper = require "helper"

-- The field `field` of every row a query gives, in order.
local function all(field, cur, ...)
  assert(cur, ...)
  local out = {}
  for row in cur do out[#out + 1] = row[field] end
  return out
end

describe("queries", function()
  local db
  before_each(function() db = helper.small_db() end)
  after_each(function()
    if cxotrack.type(db) == "database" then db:close() end
    helper.cleanup()
  end)

  describe("the named lists", function()
    it("list each kind, with the fields the library derives", function()
      assert.are.same({"m1", "m2", "m3"}, all("id", db:meetings()))
      assert.are.same({1, 1, 1}, all("topics_discussed", db:meetings()))
      assert.are.same({"t1", "t2"}, all("id", db:topics()))
      assert.are.same({"raised", "assigned"}, all("status", db:topics()))
      assert.are.same({"cto"}, all("id", db:lifecycles()))
      assert.are.same({"t1", "t2", "t2"}, all("topic", db:observations()))
      assert.are.same({"m1/1"}, all("id", db:conclusions()))
      assert.are.same({"2015-01-10"}, all("date", db:conclusions()))
      assert.are.same({"a1", "a2"}, all("id", db:actions()))
      assert.are.same({"done", "open"}, all("status", db:actions()))
      assert.are.same({false, true}, all("overdue", db:actions()))
      assert.are.same({2, 2}, all("age", db:actions()))
      assert.are.same({"a1"}, all("action", db:followups()))
      assert.are.same({"fg"}, all("id", db:registries()))
      assert.are.same({"fg-x", "fg-y"}, all("id", db:items()))
      assert.are.same({1, 0}, all("topics", db:items()))
      assert.are.same({"FG X"}, all("title", db:links()))
      assert.are.same({"t1"}, all("older", db:relations()))
      assert.are.same({"acme", "ntt"}, all("id", db:organizations()))
      assert.are.same({"ntt", "acme", "ntt"}, all("organization", db:attendance()))
    end)

    it("are db:list by kind name", function()
      for _, kind in ipairs(cxotrack.kinds()) do
        local plural = cxotrack.describe(kind).plural
        local method = plural == "attendances" and "attendance" or plural
        assert.are.same(db[method](db):rows(), db:list(kind):rows(), kind)
        assert.are.same(db:list(kind):rows(), db:list(plural):rows(), kind)
      end
    end)

    it("filter with every option of a query", function()
      assert.are.same({"m3"}, all("id", db:meetings{kinds = "cxo"}))
      assert.are.same({"m1", "m2"}, all("id", db:meetings{kinds = {"cto"}}))
      assert.are.same({"m1", "m2", "m3"}, all("id", db:meetings{kinds = {"cto", "cxo"}}))
      assert.are.same({"t2"}, all("id", db:topics{status = "assigned"}))
      assert.are.same({"raised"}, all("status", db:topics{as_of = "m1"}))
      assert.are.same({"raised", "prioritized"}, all("status", db:topics{as_of = "2016", lifecycle = "cto"}))
      assert.are.same({"m2", "m3"}, all("meeting", db:observations{topic = "t2"}))
      assert.are.same({"t1"}, all("topic", db:observations{meeting = "m1"}))
      assert.are.same({"m1/1"}, all("id", db:conclusions{topic = "t1"}))
      assert.are.same({}, all("id", db:conclusions{meeting = "m2"}))
      assert.are.same({"a2"}, all("id", db:actions{open = true}))
      assert.are.same({"a2"}, all("id", db:actions{overdue = true}))
      assert.are.same({"a1"}, all("id", db:actions{owner = "TSB"}))
      assert.are.same({"open", "open"}, all("status", db:actions{as_of = "m2"}))
      assert.are.same({"done"}, all("status", db:followups{action = "a1"}))
      assert.are.same({"fg-y"}, all("id", db:items{unlinked = true}))
      assert.are.same({"fg-x", "fg-y"}, all("id", db:items{registry = "fg"}))
      assert.are.same({"t2"}, all("topic", db:links{registry = "fg", item = "fg-x"}))
      assert.are.same({"t2"}, all("topic", db:relations{topic = "t1"}))
      assert.are.same({"m1", "m2"}, all("meeting", db:attendance{organization = "ntt"}))
      assert.are.same({"acme", "ntt"}, all("organization", db:attendance{meeting = "m2"}))
    end)

    it("give nil, message, code for what the library refuses", function()
      assert.are.same({nil, "as of: there is no meeting \"m9\"", "ENOTFOUND"}, {db:topics{as_of = "m9"}})
    end)

    it("raise for bad options", function()
      helper.raises(function() db:topics{bogus = 1} end, "bad argument #1 to 'topics' (unknown option 'bogus')")
      helper.raises(function() db:topics{[1] = "x"} end,
        "bad argument #1 to 'topics' (option names are strings, not number)")
      helper.raises(function() db:topics{status = true} end,
        "bad argument #1 to 'topics' (option 'status': string expected, got boolean)")
      helper.raises(function() db:topics{status = "a\0"} end,
        "bad argument #1 to 'topics' (option 'status': string contains a NUL byte)")
      helper.raises(function() db:actions{open = "yes"} end,
        "bad argument #1 to 'actions' (option 'open': boolean expected, got string)")
      helper.raises(function() db:meetings{kinds = {"cto", 1}} end,
        "bad argument #1 to 'meetings' (option 'kinds': item 2: string expected, got number)")
      helper.raises(function() db:meetings{kinds = {"c\0"}} end,
        "bad argument #1 to 'meetings' (option 'kinds': string contains a NUL byte)")
      helper.raises(function() db:topics("x") end, "bad argument #1 to 'topics' (table expected, got string)")
      helper.raises(function() db:list("nope") end, "bad argument #1 to 'list' (unknown kind 'nope')")
      helper.raises(function() db:list("topic", 1) end, "bad argument #2 to 'list' (table expected, got number)")
    end)

    it("take a number where a string belongs, as Lua does", function()
      assert(db:create("meeting", {id = "m2019", kind = "cto", date = "2019"}))
      assert.are.same({"raised", "assigned"}, all("status", db:topics{as_of = 2019}))
    end)
  end)

  describe("history", function()
    it("gives a topic's observations with movements and gaps", function()
      local rows = assert(db:history("t2")):rows()
      assert.are.same({"m2", "m3"}, helper.pluck(rows, "point"))
      assert.are.same({"new", "advanced"}, helper.pluck(rows, "movement"))
      assert.are.same({topic = "t2", lifecycle = "cto", point = "m3", meeting = "m3", date = "2017-01-10", kind = "cxo",
                       status = "assigned", rank = 3, terminal = false, movement = "advanced", allowed = true,
                       gaps = {}, inherited = false, qualifier = "agreed", note = "moved to a study group", uncertain = false,
                       sources = {}}, rows[2])
    end)
    it("stitches in the lineage, and cuts at as_of", function()
      local rows = db:history("t2", {lineage = true}):rows()
      assert.are.same({"t1", "t2", "t2"}, helper.pluck(rows, "topic"))
      assert.are.same({true, false, false}, helper.pluck(rows, "inherited"))
      assert.are.same({"new", "advanced", "advanced"}, helper.pluck(rows, "movement"))
      assert.are.same({"m2"}, all("point", db:history("t2", {as_of = "m2"})))
      assert.are.same({"m2"}, all("point", db:history("t2", {as_of = "2016"})))
    end)
    it("gives every topic's history with no topic", function()
      assert.are.same({"t1", "t2", "t2"}, all("topic", db:history()))
      assert.are.same({"t1", "t2", "t2"}, all("topic", db:history(nil, {lifecycle = "cto"})))
    end)
    it("gives nil, message, code for what does not exist, so that assert(db:history(...)) works in a for", function()
      assert.are.same({nil, 'there is no topic "nope"', "ENOTFOUND"}, {db:history("nope")})
      assert.are.same({nil, 'as of: there is no meeting "m9"', "ENOTFOUND"}, {db:history("t2", {as_of = "m9"})})
      assert.are.same({nil, 'there is no lifecycle "nope"', "ENOTFOUND"}, {db:history("t2", {lifecycle = "nope"})})
      helper.raises(function() for _ in assert(db:history("nope")) do end end, 'there is no topic "nope"')
      local n = 0
      for _ in assert(db:history("t2")) do n = n + 1 end
      assert.are.equal(2, n)
    end)
    it("raises for bad arguments", function()
      helper.raises(function() db:history(true) end, "bad argument #1 to 'history' (string expected, got boolean)")
      helper.raises(function() db:history({}) end, "bad argument #1 to 'history' (string expected, got table)")
      helper.raises(function() db:history("t2", {lineage = 1}) end,
        "bad argument #2 to 'history' (option 'lineage': boolean expected, got number)")
    end)
  end)

  describe("search", function()
    it("finds records by their words", function()
      local rows = db:search("quantum"):rows()
      assert.are.equal(1, #rows)
      assert.are.same({"topic", "t2", "Topic two", "a [quantum] leap"},
        {rows[1].kind, rows[1].key, rows[1].title, rows[1].snippet})
      assert.is_true(math.type(rows[1].rank) == "integer")
      assert.are.same({"conclusion", "observation"}, all("kind", db:search("study")))
      assert.are.same({"m1/1", "t2 cto m3"}, all("key", db:search("study", {})))
      assert.are.same({}, all("key", db:search("absent")))
    end)
    it("gives nil, message, code for a text without words, and raises for a bad one", function()
      assert.are.same({nil, "search: the text has no word", "EINVAL"}, {db:search("!!!")})
      helper.raises(function() db:search() end, "bad argument #1 to 'search' (string expected, got no value)")
      helper.raises(function() db:search("a\0") end, "bad argument #1 to 'search' (string contains a NUL byte)")
    end)
  end)

  describe("the audit log", function()
    it("lists the changes, oldest first, with filters", function()
      assert(db:set_actor("ana"))
      assert(db:update("topic", {id = "t1", title = "Topic 1"}))
      assert(db:delete("followup", "a1", "m3"))
      local rows = db:log():rows()
      assert.are.same({"import", "update", "delete"}, helper.pluck(rows, "op"))
      assert.are.same({"document", "topic", "followup"}, helper.pluck(rows, "entity"))
      assert.are.same({"unknown", "ana", "ana"}, helper.pluck(rows, "actor"))
      assert.are.equal("Topic one", rows[2].before.title)
      assert.are.equal("Topic 1", rows[2].after.title)
      assert.is_nil(rows[3].after)
      assert.are.equal(3, rows[1].after.created.meetings)
      assert.matches("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d%.%d%d%dZ$", rows[1].time)
      assert.are.same({"t1"}, all("key", db:log{entity = "topic"}))
      assert.are.same({"t1"}, all("key", db:audit{key = "t1"}))
      assert.are.same({3}, {#db:log{since = "2000-01-01"}:rows()})
      assert.are.same({}, all("key", db:log{since = "2999"}))
    end)
    it("gives nil, message, code for a bad filter", function()
      assert.are.same({nil, 'since: "yesterday" is not a UTC date or time (2026-11-30, 2026-11-30T08:44:12Z)', "EINVAL"},
        {db:log{since = "yesterday"}})
      helper.raises(function() db:log("x") end, "bad argument #1 to 'log' (table expected, got string)")
    end)
  end)

  describe("a cursor", function()
    it("reads row by row with next, then nil", function()
      local cur = db:meetings()
      assert.are.equal("m1", cur:next().id)
      assert.are.equal("m2", cur:next().id)
      assert.are.equal("m3", cur:next().id)
      assert.are.same({nil}, {cur:next()})
      assert.are.same({nil}, {cur:next()})
      assert.are.equal("cxotrack.cursor (done)", tostring(cur))
      assert.is_true(cur:close())
    end)
    it("reads the rest as an array with rows, or as JSON with json", function()
      local cur = db:meetings()
      cur:next()
      assert.are.same({"m2", "m3"}, helper.pluck(cur:rows(), "id"))
      assert.are.same({}, cur:rows())
      cur = db:registries()
      assert.are.equal('[{"id":"fg","title":"Focus Groups"}]', cur:json())
      assert.are.equal("[]", cur:json())
      cur = db:meetings()
      cur:next()
      cur:next()
      assert.are.equal("m3", cxotrack.decode('{"a":' .. cur:json() .. '}').a[1].id)
    end)
    it("is a callable for a generic for, and its own closing value", function()
      local cur, state, control, closing = db:topics()
      assert.are.equal("cursor", cxotrack.type(cur))
      assert.are.same({nil, nil}, {state, control})
      assert.are.equal(cur, closing)
      assert.are.equal("t1", cur().id)
      local ids = {}
      for row in cur do ids[#ids + 1] = row.id end
      assert.are.same({"t2"}, ids)
    end)
    it("has a name for tostring", function()
      local cur = db:topics()
      assert.matches("^cxotrack%.cursor %(0x%x+%)$", tostring(cur))
      cur:close()
      assert.are.equal("cxotrack.cursor (closed)", tostring(cur))
    end)
    it("raises once closed", function()
      local cur = db:topics()
      assert.are.same({true}, {cur:close()})
      helper.raises(function() cur:close() end, "attempt to use a closed cursor")
      helper.raises(function() cur:next() end, "attempt to use a closed cursor")
      helper.raises(function() cur:rows() end, "attempt to use a closed cursor")
      helper.raises(function() cur:json() end, "attempt to use a closed cursor")
      helper.raises(function() for _ in cur do end end, "attempt to use a closed cursor")
    end)
    it("skips the rows deleted under an open cursor through the same handle", function()
      local cur = db:observations()
      assert.are.equal("t1", cur:next().topic)
      assert(db:delete("topic", "t2", {cascade = true}))
      local rest = {}
      for row in cur do rest[#rest + 1] = row.topic end
      for _, topic in ipairs(rest) do assert.are_not.equal("t2", topic) end
    end)
    it("raises for what is not a cursor", function()
      local next_ = getmetatable(db:topics()).__index.next
      helper.raises(function() next_(db) end, "bad argument #1 to 'next' (cxotrack.cursor expected, got cxotrack.db)")
      helper.raises(function() next_() end, "bad argument #1 to 'next' (cxotrack.cursor expected, got no value)")
    end)
  end)

  describe("closing", function()
    -- A cursor open on a file database keeps its connection, and so the
    -- write-ahead log beside the file, until it is freed: once the database
    -- is closed, the log is gone exactly when the last cursor is.
    local path, fdb
    before_each(function()
      path = helper.tmpname("cur")
      fdb = assert(cxotrack.open(path, "rwc"))
      assert(fdb:import(helper.small))
    end)
    local function wal() return helper.exists(path .. "-wal") end

    it("frees the cursor when a for loop ends with break", function()
      local seen
      assert.are.equal(1, helper.frees_during(function()
        for row in fdb:topics() do
          seen = row.id
          break
        end
      end))
      assert.are.equal("t1", seen)
      fdb:close()
      assert.is_false(wal())
    end)

    it("frees the cursor when a for loop ends with return or goto", function()
      local function first() for row in fdb:topics() do return row.id end end
      assert.are.equal("t1", first())
      for _ in fdb:topics() do goto out end
      ::out::
      fdb:close()
      assert.is_false(wal())
    end)

    it("frees the cursor when the body of a for loop raises an error", function()
      local ok, err
      assert.are.equal(1, helper.frees_during(function()
        ok, err = pcall(function()
          for _ in fdb:history("t2") do error("in the body", 0) end
        end)
      end))
      assert.are.same({false, "in the body"}, {ok, err})
      fdb:close()
      assert.is_false(wal())
    end)


    it("frees the cursor at the end of the rows", function()
      for _ in fdb:topics() do end
      local cur = fdb:meetings()
      cur:rows()
      assert.are.equal("closed cursor", cxotrack.type(cur))
      fdb:close()
      assert.is_false(wal())
    end)

    it("keeps a cursor readable after its database is closed, and releases both with it", function()
      local cur = fdb:topics()
      assert.are.equal("t1", cur:next().id)
      assert.is_true(fdb:close())
      assert.are.equal("closed database", cxotrack.type(fdb))
      assert.is_true(wal()) -- the cursor holds the connection
      assert.are.equal("t2", cur:next().id)
      assert.is_nil(cur:next())
      assert.is_false(wal()) -- the end of the rows freed it
    end)

    it("closes the database in a loop without harm", function()
      local ids = {}
      for row in fdb:topics() do
        ids[#ids + 1] = row.id
        if cxotrack.type(fdb) == "database" then fdb:close() end
      end
      assert.are.same({"t1", "t2"}, ids)
      assert.is_false(wal())
    end)

    it("keeps the database of a live cursor from the garbage collector", function()
      local cur = assert(cxotrack.open(path)):topics()
      fdb:close()
      collectgarbage()
      collectgarbage()
      assert.are.same({"t1", "t2"}, helper.pluck(cur:rows(), "id"))
      assert.is_true(wal()) -- the database lives as long as its cursor
      cur = nil
      collectgarbage()
      collectgarbage()
      assert.is_false(wal())
    end)

    it("collects a database with open cursors, then the cursors, without a crash", function()
      fdb:close()
      do
        local other = assert(cxotrack.open(path))
        local cursors = {}
        for i = 1, 20 do
          cursors[i] = other:topics()
          if i % 2 == 0 then cursors[i]:next() end
        end
        assert.is_true(wal())
        -- every reference goes at once: the database and its cursors are
        -- finalized in the same cycle, in whatever order
      end
      collectgarbage()
      collectgarbage()
      assert.is_false(wal())
    end)

    it("collects cursors whose database was collected first", function()
      fdb:close()
      local cursors = {}
      do
        local other = assert(cxotrack.open(path))
        for i = 1, 5 do cursors[i] = other:meetings() end
      end
      collectgarbage()
      collectgarbage()
      assert.is_true(wal()) -- the cursors keep the database alive
      assert.are.equal("m1", cursors[3]:next().id)
      cursors = nil
      collectgarbage()
      collectgarbage()
      assert.is_false(wal())
    end)

    it("runs nested loops over the same query", function()
      local pairs_ = {}
      for a in fdb:topics() do
        for b in fdb:topics() do pairs_[#pairs_ + 1] = a.id .. b.id end
      end
      assert.are.same({"t1t1", "t1t2", "t2t1", "t2t2"}, pairs_)
      fdb:close()
      assert.is_false(wal())
    end)
  end)
end)
