-- LuaRocks: builds the Lua module with the project's CMake, the library
-- linked into it (BUILD_SHARED_LIBS=OFF), so the rock needs no libcxotrack.so.
-- From a checkout of the project, at its top directory:
--   luarocks make bindings/lua/cxotrack-0.1.0-1.rockspec
-- (SQLite 3.37 or later and cJSON, with their headers, must be installed:
-- Debian: libsqlite3-dev libcjson-dev; and CMake 3.25 or later.)
rockspec_format = "3.0"
package = "cxotrack"
version = "0.1.0-1"
source = {
  -- no release archive is published: the source is the checkout that
  -- `luarocks make` runs in (it never fetches this URL)
  url = "file://.",
}
description = {
  summary = "Track the conclusions of a series of meetings, and what became of them",
  detailed = [[
    Lua 5.4 binding of cxotrack, a C library that records the topics,
    lifecycle statuses, conclusions and actions of a series of meetings (the
    ITU-T CTO/CxO meetings) in one SQLite file, imports and exports them as
    JSON, and writes reports on them.
  ]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
external_dependencies = {
  SQLITE3 = { header = "sqlite3.h", library = "sqlite3" },
  CJSON = { header = "cjson/cJSON.h", library = "cjson" },
}
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    CXO_LUA_CMOD_DIR = "$(LIBDIR)",
    CXO_LUA_INCLUDE_DIR = "$(LUA_INCDIR)",
    BUILD_SHARED_LIBS = "OFF",
    BUILD_TESTING = "OFF",
    CXO_BUILD_EXAMPLES = "OFF",
    CXO_BUILD_PYTHON = "OFF",
    CXO_BUILD_LUA = "ON",
  },
}
