-- require "trialcite": the C core (trialcite.core) plus the pure-Lua helpers.
-- Lua 5.4/5.3 load the core as a C module; LuaJIT (Neovim) will reach the same C API
-- through the FFI (lua/trialcite/ffi.lua, with the hosts).
local core = require "trialcite.core"

local M = {}
for k, v in pairs(core) do M[k] = v end

return M
