-- `luarocks make --tree DIR` at the repository root builds with the Makefile and
-- installs the Lua module, its Lua files and the `trialcite` command into the tree.
rockspec_format = "3.0"
package = "trialcite"
version = "0.1.0-1"
source = { url = "." }
description = {
  summary = "Citations, statistics and trial records from clinical-trial appraisals",
  detailed = [[
A C library with a Lua binding that reads evidence-based-medicine appraisals of
clinical trials (Dutch, French, English): sections, sentences, numbered citation
markers, statistics with consistency checks, bundled trial records, bibliography
enrichment (CSL-JSON, BibTeX) and DOI/PMID resolution through Crossref and PubMed.]],
  license = "MIT",
}
dependencies = { "lua >= 5.3, < 5.5" }
-- libcurl and cJSON are found by the Makefile with pkg-config (Debian: libcurl4-openssl-dev,
-- libcjson-dev; `make deps` names or installs them), which also knows Debian's multiarch
-- include directories.
build = {
  type = "make",
  -- LuaRocks has no LUA_VERSION variable: the Makefile reads it from $(LUA_INCDIR)/lua.h.
  build_variables = {
    CFLAGS = "$(CFLAGS)",
    LUA = "$(LUA)",
    LUA_INCDIR = "$(LUA_INCDIR)",
  },
  install_variables = {
    PREFIX = "$(PREFIX)",
    LUA = "$(LUA)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    LUA_LMOD = "$(LUADIR)",
    LUA_CMOD = "$(LIBDIR)",
    BINDIR = "$(BINDIR)",
    INSTALL_CLIB = "no",
  },
}
