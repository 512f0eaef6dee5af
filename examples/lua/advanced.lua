-- The topics that advanced at the latest CTO or CxO meeting of the bundled
-- dataset: each with its status before and after, when it advanced (at the
-- meeting itself, or at an event since the meeting before) and its title.
--
-- usage: lua5.4 advanced.lua [DATASET [KINDS]]
--   DATASET  an interchange document (default: the bundled
--            examples/data/itu-cto-meetings.json)
--   KINDS    the meeting kinds to look at (default "cto,cxo", as `make demo`)
-- The module must be on Lua's path: LUA_CPATH_5_4="build/bindings/lua/?.so;;"
local cxotrack = require "cxotrack"

local here = arg[0]:match("^(.*)/") or "."
local dataset = arg[1] or here .. "/../data/itu-cto-meetings.json"
local kinds = arg[2] or "cto,cxo"

-- a database in memory, closed when the script ends
local db <close> = assert(cxotrack.open(":memory:", "rwc"))
assert(db:import_files(dataset))

-- the last two meetings of those kinds that discussed anything
local previous, latest
for meeting in db:meetings{kinds = kinds} do
  if meeting.topics_discussed > 0 then
    previous, latest = latest, meeting
  end
end
if not previous then
  print("fewer than two meetings of kinds " .. kinds .. " discussed anything")
  return
end

-- where a topic advanced after `previous`, up to `latest`: the rows of its
-- history as of `latest` that its history as of `previous` does not have
local function advanced_at(topic)
  local before = #assert(db:history(topic, {as_of = previous.id})):rows()
  local points, i = {}, 0
  for row in assert(db:history(topic, {as_of = latest.id})) do
    i = i + 1
    if i > before and row.movement == "advanced" then
      points[#points + 1] = row.point
    end
  end
  return table.concat(points, ", ")
end

local function describe(m)
  return string.format("%s (%s, %s%s)", m.id, m.kind, m.date, m.city and ", " .. m.city or "")
end

-- what changed between the two meetings, as the library's diff report says
local diff = assert(db:report("diff", {from = previous.id, to = latest.id, decode = true}))
print(string.format("Topics advanced by %s since %s:", describe(latest), describe(previous)))
local count = 0
for _, change in ipairs(diff.changes) do
  if change.kind == "topic" and change.change == "advanced" then
    count = count + 1
    print(string.format("  %-20s %-12s -> %-12s at %-16s %s", change.key, change.from, change.to,
                        advanced_at(change.key), change.title))
  end
end
print(count == 0 and "  none" or string.format("%d topic%s", count, count == 1 and "" or "s"))
