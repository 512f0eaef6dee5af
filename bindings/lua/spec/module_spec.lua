-- The module's own functions: version, codes, validators, kinds, reports,
-- formats, describe, type, decode, encode.
local cxotrack = require "cxotrack"
local helper = require "helper"

describe("cxotrack", function()
  it("is the library's version", function()
    local text, number = cxotrack.version()
    assert.are.equal("0.1.0", text)
    assert.are.equal(100, number)
    assert.are.equal("0.1.0", cxotrack.VERSION)
  end)

  it("names every result code both ways", function()
    local expected = {
      OK = 0, DONE = 1, WARNED = 2, ERROR = -1, ENOMEM = -2, EINVAL = -3, ENOTFOUND = -4, EEXISTS = -5,
      EBUSY = -6, ESTORAGE = -7, EFORMAT = -8, EVERSION = -9, EMISUSE = -10, EREADONLY = -11,
      ECONSTRAINT = -12, ESCHEMA = -13, ELIMIT = -14, EIO = -15, ECANCELED = -16,
    }
    local n = 0
    for name, code in pairs(cxotrack.codes) do
      if type(name) == "string" then
        n = n + 1
        assert.are.equal(expected[name], code, name)
        assert.are.equal(name, cxotrack.codes[code])
      else
        assert.are.equal(name, expected[code])
      end
    end
    assert.are.equal(19, n)
  end)

  it("describes result codes, by number or name", function()
    assert.are.equal("not found", cxotrack.errstr(-4))
    assert.are.equal("not found", cxotrack.errstr("ENOTFOUND"))
    assert.are.equal("canceled", cxotrack.errstr(cxotrack.codes.ECANCELED))
    assert.are.equal("not an error", cxotrack.errstr("OK"))
    assert.are.equal("unknown result code", cxotrack.errstr(-999))
    helper.raises(function() cxotrack.errstr("ENOPE") end,
      "bad argument #1 to 'cxotrack.errstr' (unknown result code 'ENOPE')")
    helper.raises(function() cxotrack.errstr(1.5) end,
      "bad argument #1 to 'cxotrack.errstr' (number has no integer representation)")
    helper.raises(function() cxotrack.errstr(1 << 40) end,
      "bad argument #1 to 'cxotrack.errstr' (result code out of range)")
    helper.raises(function() cxotrack.errstr() end,
      "bad argument #1 to 'cxotrack.errstr' (number expected, got no value)")
  end)

  it("has a null that is light userdata", function()
    assert.are.equal("userdata", type(cxotrack.null))
    assert.is_nil(getmetatable(cxotrack.null))
  end)

  describe("check_slug and check_date", function()
    it("accept what is valid", function()
      assert.are.same({true}, {cxotrack.check_slug("cto-2013-bangkok/3")})
      assert.are.same({true}, {cxotrack.check_date("2013")})
      assert.are.same({true}, {cxotrack.check_date("2013-11")})
      assert.are.same({true}, {cxotrack.check_date("2013-11-18")})
    end)
    it("refuse what is not, with the library's message", function()
      assert.are.same({nil, '"Bad" is not an id: it must start with a lower-case letter', "EINVAL"},
        {cxotrack.check_slug("Bad")})
      assert.are.same({nil, '"' .. string.rep("a", 60) .. '..." is not an id: it is 129 bytes long (at most 128)',
        "EINVAL"}, {cxotrack.check_slug(string.rep("a", 129))})
      assert.are.same({nil, '"2013-13-01" is not a date (month must be 01 to 12)', "EINVAL"},
        {cxotrack.check_date("2013-13-01")})
    end)
    it("raise for what is not a string", function()
      helper.raises(function() cxotrack.check_slug({}) end,
        "bad argument #1 to 'cxotrack.check_slug' (string expected, got table)")
      helper.raises(function() cxotrack.check_date() end,
        "bad argument #1 to 'cxotrack.check_date' (string expected, got no value)")
      helper.raises(function() cxotrack.check_slug("ab\0c") end,
        "bad argument #1 to 'cxotrack.check_slug' (string contains a NUL byte)")
    end)
  end)

  describe("kinds", function()
    local names = {"meeting", "topic", "lifecycle", "observation", "conclusion", "action", "followup",
                   "registry", "item", "link", "relation", "organization", "attendance"}
    it("lists every kind in the library's order", function()
      assert.are.same(names, cxotrack.kinds())
    end)
    it("maps names, plurals and numbers", function()
      for i, name in ipairs(names) do
        assert.are.same({name, i}, {cxotrack.kind(name)})
        assert.are.same({name, i}, {cxotrack.kind(i)})
      end
      assert.are.same({"registry", 8}, {cxotrack.kind("registries")})
      assert.are.same({"attendance", 13}, {cxotrack.kind("attendance")})
    end)
    it("gives nil for what is no kind", function()
      assert.are.same({nil}, {cxotrack.kind("nope")})
      assert.are.same({nil}, {cxotrack.kind(0)})
      assert.are.same({nil}, {cxotrack.kind(14)})
      assert.are.same({nil}, {cxotrack.kind(-1)})
      assert.are.same({nil}, {cxotrack.kind(math.maxinteger)})
    end)
    it("raises for what cannot name one", function()
      helper.raises(function() cxotrack.kind(1.5) end,
        "bad argument #1 to 'cxotrack.kind' (number has no integer representation)")
      helper.raises(function() cxotrack.kind({}) end,
        "bad argument #1 to 'cxotrack.kind' (string expected, got table)")
      helper.raises(function() cxotrack.kind("to\0pic") end,
        "bad argument #1 to 'cxotrack.kind' (string contains a NUL byte)")
    end)
  end)

  it("lists the reports and the formats", function()
    assert.are.same({"tsag", "followup", "period", "matrix", "diff", "agenda", "participation", "analysis", "lint"},
      cxotrack.reports())
    assert.are.same({"json", "md", "csv", "html"}, cxotrack.formats())
  end)

  describe("describe", function()
    it("gives the fields of a kind", function()
      local d = cxotrack.describe("observations")
      assert.are.equal("observation", d.name)
      assert.are.equal("observations", d.plural)
      assert.are.same({"topic", "lifecycle", "meeting or date"}, d.key)
      assert.are.same({"topic", "lifecycle", "meeting", "date", "status", "qualifier", "priority", "note",
                       "uncertain", "sources"}, helper.pluck(d.fields, "name"))
      assert.are.same({name = "qualifier", type = "enum", required = false, key = false, default = "agreed",
                       values = {"agreed", "noted", "inferred"}}, d.fields[6])
      assert.are.same({name = "topic", type = "id", required = true, key = true, values = {}}, d.fields[1])
    end)
    it("raises for an unknown kind", function()
      helper.raises(function() cxotrack.describe("nope") end,
        "bad argument #1 to 'cxotrack.describe' (unknown kind 'nope')")
      helper.raises(function() cxotrack.describe() end,
        "bad argument #1 to 'cxotrack.describe' (string expected, got no value)")
    end)
  end)

  describe("type", function()
    it("tells databases and cursors, open or closed", function()
      local db = helper.small_db()
      local cur = db:topics()
      assert.are.equal("database", cxotrack.type(db))
      assert.are.equal("cursor", cxotrack.type(cur))
      cur:close()
      assert.are.equal("closed cursor", cxotrack.type(cur))
      local done = db:topics()
      done:rows()
      assert.are.equal("closed cursor", cxotrack.type(done))
      db:close()
      assert.are.equal("closed database", cxotrack.type(db))
      assert.is_nil(cxotrack.type(io.stdout))
      assert.is_nil(cxotrack.type({}))
      assert.is_nil(cxotrack.type(cxotrack.null))
      assert.is_nil(cxotrack.type(nil))
      helper.raises(function() cxotrack.type() end,
        "bad argument #1 to 'cxotrack.type' (value expected)")
    end)
  end)

  describe("decode", function()
    it("reads a JSON object into tables", function()
      local t = cxotrack.decode('{"a": 1, "b": [1, null, "x", true, {"c": false}], "n": null, "o": {}, "l": []}')
      assert.are.same({a = 1, b = {1, cxotrack.null, "x", true, {c = false}}, o = {}, l = {}}, t)
      assert.is_true(math.type(t.a) == "integer")
      assert.are.same({big = 9007199254740991, neg = -3}, cxotrack.decode('{"big": 9007199254740991, "neg": -3}'))
    end)
    it("refuses what the library's parser refuses", function()
      assert.are.same({nil, "(document): expected a JSON object", "EFORMAT"}, {cxotrack.decode("[1]")})
      assert.are.same({nil, "line 1, column 2: unexpected end of the document (truncated?)", "EFORMAT"},
        {cxotrack.decode("{")})
      assert.are.same({nil, "a: the number is not finite", "EFORMAT"},
        {cxotrack.decode('{"a": 1e999}')})
      assert.are.same({nil, "line 1, column 3: NUL byte in the document", "EFORMAT"}, {cxotrack.decode("{}\0")})
      assert.are.same({nil, '(document): duplicate key "a"', "EFORMAT"}, {cxotrack.decode('{"a":1,"a":2}')})
      local deep = string.rep('{"a":', 64) .. "1" .. string.rep("}", 64)
      assert.is_table(cxotrack.decode(deep))
      assert.are.same({nil, "line 1, column 321: nesting deeper than the limit of 64", "ELIMIT"},
        {cxotrack.decode(string.rep('{"a":', 65) .. "1" .. string.rep("}", 65))})
      local ok, msg, code = cxotrack.decode("")
      assert.is_nil(ok)
      assert.are.equal("EFORMAT", code)
      assert.is_string(msg)
    end)
    it("raises for what is not a string", function()
      helper.raises(function() cxotrack.decode({}) end,
        "bad argument #1 to 'cxotrack.decode' (string expected, got table)")
    end)
  end)

  describe("encode", function()
    it("writes compact JSON, fields in name order", function()
      assert.are.equal('{"a":[1,2,{"x":"y"}],"m":null,"t":true,"z":1}',
        cxotrack.encode{z = 1, a = {1, 2, {x = "y"}}, m = cxotrack.null, t = true})
      assert.are.equal('{}', cxotrack.encode{})
      assert.are.equal('{"a":[],"b":[null,false]}', cxotrack.encode{a = {}, b = {cxotrack.null, false}})
      assert.are.equal('{"x":2,"z":-9223372036854775808}', cxotrack.encode{x = 2.0, z = math.mininteger})
      -- a number without an integer representation is a real
      assert.are.equal('{"a":1.5,"b":9.223372036854776e+18}', cxotrack.encode{a = 1.5, b = 2 ^ 63})
      assert.are.same({a = 1.5}, cxotrack.decode('{"a": 1.5}'))
      assert.are.same({nil, "a: the number is not finite", "EINVAL"}, {cxotrack.encode{a = 0 / 0}})
      assert.are.same({nil, "l[1]: invalid UTF-8 at byte 2", "EINVAL"}, {cxotrack.encode{l = {"ok", "ok\xff"}}})
    end)
    it("round-trips through decode", function()
      local t = {id = "x", list = {"a", "b"}, nested = {deep = {1, 2, 3}}, flag = false}
      assert.are.same(t, cxotrack.decode(cxotrack.encode(t)))
    end)
    it("raises for what no row can hold, naming where", function()
      local function fails(value, message)
        helper.raises(function() cxotrack.encode(value) end, "bad argument #1 to 'cxotrack.encode' (" .. message .. ")")
      end
      fails({a = {b = {1, 2, {x = print}}}}, "a.b[3].x: a function cannot be a field value")
      fails({a = {[1] = 1, [3] = 3}}, "a: a list has holes (its indexes are not 1 to n)")
      fails({a = {[0] = 1}}, "a: a list's index 0 is not positive")
      fails({a = {x = 1, 2}}, "a: a table mixes named fields and list elements")
      fails({[true] = 1}, "a boolean cannot be a field name")
      fails({[1.5] = 1}, "a number cannot be a field name")
      fails({1, 2}, "a list where a record (a table with named fields) belongs")
      fails({x = {["a\0b"] = 1}}, "x: a field name contains a NUL byte")
      fails({a = "x\0"}, "a: a string contains a NUL byte")
      fails({a = io.stdout}, "a: a userdata cannot be a field value")
      fails({a = coroutine.create(print)}, "a: a thread cannot be a field value")
      local cycle = {}
      cycle.t = {cycle}
      fails(cycle, "t[1].t[1]....t[1].t[1].t[1]: tables nested too deep (a table that contains itself?)")
      helper.raises(function() cxotrack.encode("x") end,
        "bad argument #1 to 'cxotrack.encode' (table expected, got string)")
    end)
    it("nests up to 200 levels", function()
      local t = {}
      local inner = t
      for _ = 1, 199 do inner.x = {} inner = inner.x end
      assert.is_string(cxotrack.encode(t))
      inner.x = {}
      helper.raises(function() cxotrack.encode(t) end,
        "bad argument #1 to 'encode' (x.x.x.x....x.x.x.x.x.x: tables nested too deep (a table that contains itself?))")
    end)
    it("passes on what the library refuses", function()
      assert.are.same({nil, "cxo_row_set_int: field name: is empty", "EINVAL"}, {cxotrack.encode{[""] = 1}})
    end)
  end)
end)
