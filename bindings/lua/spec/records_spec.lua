-- Records: get, create, update, delete of every kind, the named getters,
-- rename; tables to rows and back; what the library refuses and what raises.
local cxotrack = require "cxotrack"
local helper = require "helper"

describe("records", function()
  local db
  before_each(function() db = helper.small_db() end)
  after_each(function() db:close() end)

  describe("get and the named getters", function()
    it("read each kind as a table, nested lists as arrays, null fields left out", function()
      local m1 = {id = "m1", kind = "cto", date = "2015-01-10", city = "Geneva", participants = 12,
                  sources = {{ref = "Communique 1", url = "https://example.org/m1"}},
                  attendance = {{organization = "ntt", role = "cto"}}}
      assert.are.same(m1, db:get("meeting", "m1"))
      assert.are.same(m1, db:get("meetings", "m1"))
      assert.are.same(m1, db:meeting("m1"))
      local t2 = {id = "t2", title = "Topic two", description = "a quantum leap",
                  relations = {{type = "renamed-from", topic = "t1", since = "m2"}},
                  links = {{registry = "fg", item = "fg-x", relation = "led-to", since = "2016-05"}}}
      assert.are.same(t2, db:topic("t2"))
      local cto = db:lifecycle("cto")
      assert.are.equal("warn", cto.enforce)
      assert.are.same({id = "dropped", title = "Dropped", terminal = true}, cto.statuses[7])
      assert.are.same({"raised", "raised"}, cto.transitions[1])
      assert.are.same({topic = "t2", lifecycle = "cto", meeting = "m3", status = "assigned", qualifier = "agreed",
                       note = "moved to a study group"}, db:observation("t2", "cto", "m3"))
      assert.are.same({id = "m1/1", meeting = "m1", number = "1", kind = "request", text = "Study topic one",
                       topics = {"t1"},
                       actions = {{id = "a1", owner = "TSB", description = "report back", due_meeting = "m2",
                                   followups = {{meeting = "m3", status = "done"}}},
                                  {id = "a2", owner = "SG13", description = "draft a plan", due_date = "2015-06"}}},
        db:conclusion("m1/1"))
      assert.are.same({id = "a1", conclusion = "m1/1", owner = "TSB", description = "report back", due_meeting = "m2",
                       followups = {{meeting = "m3", status = "done"}}}, db:action("a1"))
      assert.are.same({action = "a1", meeting = "m3", status = "done"}, db:followup("a1", "m3"))
      assert.are.same({id = "fg", title = "Focus Groups"}, db:registry("fg"))
      assert.are.same({registry = "fg", id = "fg-x", title = "FG X",
                       statuses = {{date = "2016-05", status = "established"}}}, db:item("fg", "fg-x"))
      assert.are.same({topic = "t2", registry = "fg", item = "fg-x", relation = "led-to", since = "2016-05"},
        db:link("t2", "fg", "fg-x"))
      assert.are.same({topic = "t2", type = "renamed-from", older = "t1", since = "m2"},
        db:relation("t2", "renamed-from", "t1"))
      assert.are.same({id = "acme", name = "Acme", region = "africa", kind = "vendor", sme = true, developing = true},
        db:organization("acme"))
      assert.are.same({meeting = "m2", organization = "acme", role = "delegate"}, db:get("attendance", "m2", "acme"))
      assert.is_true(math.type(db:meeting("m1").participants) == "integer")
    end)

    it("give nil, message, code for what is not there, so that assert prints the message", function()
      assert.are.same({nil, 'topic "nope" does not exist', "ENOTFOUND"}, {db:topic("nope")})
      helper.raises(function() assert(db:topic("nope")) end, 'topic "nope" does not exist')
      assert.are.same({nil, "cxo_record_get: the key of a topic has 1 part (id), not 0", "EINVAL"}, {db:get("topic")})
      assert.are.same({nil, "cxo_record_get: the key of a topic has 1 part (id), not 2", "EINVAL"},
        {db:get("topic", "t1", "x")})
      local ok, msg, code = db:observation("t1")
      assert.are.same({nil, "EINVAL"}, {ok, code})
      assert.matches("has 3 parts %(topic, lifecycle, meeting or date%), not 1", msg)
    end)

    it("raise for a bad kind or key part", function()
      helper.raises(function() db:get("nope", "x") end, "bad argument #1 to 'get' (unknown kind 'nope')")
      helper.raises(function() db:get() end, "bad argument #1 to 'get' (string expected, got no value)")
      helper.raises(function() db:get("topic", {}) end, "bad argument #2 to 'get' (string expected, got table)")
      helper.raises(function() db:get("topic", "t\0") end, "bad argument #2 to 'get' (string contains a NUL byte)")
      helper.raises(function() db:topic(nil) end, "bad argument #1 to 'topic' (string expected, got nil)")
      helper.raises(function() db:observation("t2", "cto", true) end,
        "bad argument #3 to 'observation' (string expected, got boolean)")
    end)

    it("has no getter named attendance: that name lists", function()
      assert.are.equal("cursor", cxotrack.type(db:attendance()))
    end)
  end)

  describe("create", function()
    it("creates each kind from a table", function()
      local records = {
        {"organization", {id = "kt", name = "KT", country = "KR", region = "asia-pacific", kind = "operator",
                          sme = false, developing = false}},
        {"registry", {id = "res22", title = "Resolution 22 items", version = "2024"}},
        {"item", {registry = "res22", id = "AI & ML", title = "AI", statuses = {{date = "2020", status = "listed"}}}},
        {"meeting", {id = "m4", kind = "workshop", date = "2018-03", agenda = {"t1", "t9"},
                     attendance = {{organization = "kt", role = "cxo"}}}},
        {"topic", {id = "t4", title = "Topic four", tags = {"b", "a"}, aliases = {"fourth"}, uncertain = true}},
        {"observation", {topic = "t4", meeting = "m4", status = "raised", priority = "high",
                         sources = {{ref = "r", quote = "q"}}}},
        {"conclusion", {id = "m4/1", meeting = "m4", number = "1", text = "Go", topics = {"t4"}}},
        {"action", {id = "a4", conclusion = "m4/1", owner = "TSAG", due_date = "2019"}},
        {"followup", {action = "a4", date = "2018-05", status = "in-progress"}},
        {"link", {topic = "t4", registry = "res22", item = "AI & ML"}},
        {"relation", {topic = "t4", type = "related", older = "t1"}},
        {"attendance", {meeting = "m3", organization = "kt"}},
        {"lifecycle", {id = "simple", statuses = {{id = "open", rank = 1}, {id = "shut", terminal = true}}}},
      }
      for _, r in ipairs(records) do
        assert.are.same({true}, {db:create(r[1], r[2])}, r[1])
      end
      assert.are.same({"a", "b"}, db:topic("t4").tags)
      assert.is_true(db:topic("t4").uncertain)
      assert.are.same({{ref = "r", quote = "q"}}, db:observation("t4", "cto", "m4").sources)
      assert.are.same({"t1", "t9"}, db:meeting("m4").agenda)
      assert.are.same({{organization = "kt", role = "cxo"}}, db:meeting("m4").attendance)
      assert.are.equal("in-progress", db:action("a4").followups[1].status)
      assert.are.equal("related", db:link("t4", "res22", "AI & ML").relation)
      assert.are.same({meeting = "m3", organization = "kt"}, db:get("attendance", "m3", "kt"))
      assert.are.equal("shut", db:lifecycle("simple").statuses[2].id)
    end)

    it("returns the warning as a second value when the library stores with one", function()
      assert.are.same({true, 'observation "t2" "cto" "2016-06".status: moving from "prioritized" (at m2) to "raised" '
                            .. 'is not allowed by lifecycle "cto"'},
        {db:create("observation", {topic = "t2", date = "2016-06", status = "raised"})})
    end)

    it("gives nil, message, code for what the library refuses", function()
      assert.are.same({nil, 'topic "t1" already exists', "EEXISTS"}, {db:create("topic", {id = "t1", title = "x"})})
      assert.are.same({nil, 'meeting "m9".date: "2013-13-01" is not a date (month must be 01 to 12)', "EINVAL"},
        {db:create("meeting", {id = "m9", kind = "cto", date = "2013-13-01"})})
      local ok, msg, code = db:create("meeting", {id = "m9", kind = "cto", date = "2013-12-01", bogus = 1})
      assert.are.same({nil, "EINVAL"}, {ok, code})
      assert.matches('^meeting "m9": unknown field "bogus"', msg)
      assert.are.same({nil, 'topic "big".title: the text is 1048577 bytes long (at most 1048576)', "EINVAL"},
        {db:create("topic", {id = "big", title = string.rep("x", (1 << 20) + 1)})})
      assert.are.same({nil, 'topic "bad".title: invalid UTF-8 at byte 0', "EINVAL"},
        {db:create("topic", {id = "bad", title = "\xff"})})
      ok, msg, code = db:create("observation", {topic = "nope", meeting = "m1", status = "raised"})
      assert.are.same({nil, "ENOTFOUND"}, {ok, code})
      assert.is_string(msg)
      assert(db:update("lifecycle", {id = "cto", enforce = "strict"}))
      ok, msg, code = db:create("observation", {topic = "t2", date = "2017-06", status = "raised"})
      assert.are.same({nil, "ECONSTRAINT"}, {ok, code})
      assert.matches('is not allowed by lifecycle "cto"', msg)
    end)

    it("raises for what no row can hold, naming the field", function()
      helper.raises(function() db:create("topic", {id = "x", title = print}) end,
        "bad argument #2 to 'create' (title: a function cannot be a field value)")
      assert.are.same({nil, 'meeting "x".participants: expected an integer, got a real number', "EINVAL"},
        {db:create("meeting", {id = "x", kind = "cto", date = "2015", participants = 1.5})})
      helper.raises(function() db:create("meeting", {id = "x", sources = {{ref = {}}, {ref = "a\0"}}}) end,
        "bad argument #2 to 'create' (sources[2].ref: a string contains a NUL byte)")
      helper.raises(function() db:create("topic", {"x"}) end,
        "bad argument #2 to 'create' (a list where a record (a table with named fields) belongs)")
      helper.raises(function() db:create("topic", "x") end, "bad argument #2 to 'create' (table expected, got string)")
      helper.raises(function() db:create("topic") end, "bad argument #2 to 'create' (table expected, got no value)")
      helper.raises(function() db:create("nope", {}) end, "bad argument #1 to 'create' (unknown kind 'nope')")
    end)
  end)

  describe("update", function()
    it("changes the fields given, keeps the others, and clears those set to cxotrack.null", function()
      assert.are.same({true}, {db:update("topic", {id = "t2", title = "Topic 2", tags = {"z"}})})
      local t2 = db:topic("t2")
      assert.are.same({"Topic 2", "a quantum leap", {"z"}}, {t2.title, t2.description, t2.tags})
      assert.are.same({true}, {db:update("topic", {id = "t2", description = cxotrack.null})})
      assert.is_nil(db:topic("t2").description)
      assert.are.same({true}, {db:update("meeting", {id = "m1", attendance = {}})})
      assert.is_nil(db:meeting("m1").attendance)
    end)
    it("gives nil, message, code for a record that does not exist", function()
      assert.are.same({nil, 'topic "nope" does not exist', "ENOTFOUND"}, {db:update("topic", {id = "nope", title = "x"})})
    end)
    it("raises for a bad record", function()
      helper.raises(function() db:update("topic", {id = "t2", title = {x = io.stdout}}) end,
        "bad argument #2 to 'update' (title.x: a userdata cannot be a field value)")
    end)
  end)

  describe("delete", function()
    it("deletes a record", function()
      assert.are.same({true}, {db:delete("followup", "a1", "m3")})
      assert.are.same({true}, {db:delete("attendance", "m2", "acme")})
      assert.are.same({true}, {db:delete("link", "t2", "fg", "fg-x")})
      assert.are.same({nil, 'topic "zz" does not exist', "ENOTFOUND"}, {db:delete("topic", "zz")})
    end)
    it("refuses a record others refer to, unless cascading", function()
      local refused = {nil, 'meeting "m1" is referred to by 1 observation and 1 conclusion; delete them first, '
                            .. 'or cascade', "ECONSTRAINT"}
      assert.are.same(refused, {db:delete("meeting", "m1")})
      assert.are.same(refused, {db:delete("meeting", "m1", {cascade = false})})
      assert.are.same(refused, {db:delete("meeting", "m1", {})})
      assert.are.equal("m1", db:meeting("m1").id)
    end)
    it("cascades with {cascade = true}", function()
      assert.are.same({true}, {db:delete("meeting", "m1", {cascade = true})})
      assert.are.same({nil, 'conclusion "m1/1" does not exist', "ENOTFOUND"}, {db:conclusion("m1/1")})
    end)
    it("raises for bad options and key parts", function()
      helper.raises(function() db:delete("meeting", "m1", {cascad = true}) end,
        "bad argument #3 to 'delete' (unknown option 'cascad')")
      helper.raises(function() db:delete("meeting", "m1", {cascade = 1}) end,
        "bad argument #3 to 'delete' (option 'cascade': boolean expected, got number)")
      helper.raises(function() db:delete("meeting", true) end, "bad argument #2 to 'delete' (string expected, got boolean)")
      helper.raises(function() db:delete("meeting", {}, "m1") end,
        "bad argument #2 to 'delete' (string expected, got table)")
    end)
  end)

  describe("rename", function()
    it("creates the new topic, renamed from the old one", function()
      assert.are.same({true}, {db:rename("t2", "t3", {title = "Topic three", since = "m3"})})
      local t3 = db:topic("t3")
      assert.are.equal("Topic three", t3.title)
      assert.are.same({type = "renamed-from", topic = "t2", since = "m3"}, t3.relations[1])
      assert.are.same({true}, {db:rename("t1", "t1b")})
      assert.are.equal("Topic one", db:topic("t1b").title)
    end)
    it("gives nil, message, code for what the library refuses", function()
      assert.are.same({nil, 'topic "t1" already exists', "EEXISTS"}, {db:rename("t2", "t1")})
      assert.are.same({nil, 'topic "zz" does not exist', "ENOTFOUND"}, {db:rename("zz", "t4")})
    end)
    it("raises for bad arguments", function()
      helper.raises(function() db:rename("t2") end, "bad argument #2 to 'rename' (string expected, got no value)")
      helper.raises(function() db:rename("t2", "t3", {titel = "x"}) end,
        "bad argument #3 to 'rename' (unknown option 'titel')")
      helper.raises(function() db:rename("t2", "t3", {title = true}) end,
        "bad argument #3 to 'rename' (option 'title': string expected, got boolean)")
      helper.raises(function() db:rename("t2", "t3", {since = "m\0"}) end,
        "bad argument #3 to 'rename' (option 'since': string contains a NUL byte)")
      helper.raises(function() db:rename("t2", "t3", "x") end, "bad argument #3 to 'rename' (table expected, got string)")
    end)
  end)
end)
