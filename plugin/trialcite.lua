-- trialcite for Neovim: commands and highlight groups only; the work is done lazily by
-- lua/trialcite/nvim.lua (which reaches the C library through LuaJIT's FFI).
-- This must stay the only Lua file under plugin/: Neovim runs every one at start-up.
if vim.g.loaded_trialcite then return end
vim.g.loaded_trialcite = 1

local function highlights()
  vim.cmd([[
    highlight default link TrialciteMarker Underlined
    highlight default link TrialciteTrial Special
    highlight default link TrialciteWarning WarningMsg
    highlight default link TrialciteInfo Comment
  ]])
end
highlights()
vim.api.nvim_create_autocmd("ColorScheme", {
  group = vim.api.nvim_create_augroup("trialcite_highlights", { clear = true }),
  callback = highlights,
})

local function call(name)
  return function(args) require("trialcite.nvim")[name](args) end
end

vim.api.nvim_create_user_command("TrialciteAnnotate", call("cmd_annotate"), {
  nargs = 0, desc = "trialcite: mark every citation marker with what it cites",
})
-- The cited numbers of the current buffer (this parses it, so only when completing).
local function numbers(lead) return require("trialcite.nvim").complete_numbers(lead) end

vim.api.nvim_create_user_command("TrialciteLookup", call("cmd_lookup"), {
  nargs = "?", complete = numbers,
  desc = "trialcite: what the appraisal says about reference N (default: under the cursor)",
})
vim.api.nvim_create_user_command("TrialciteReferences", call("cmd_references"), {
  nargs = 0, desc = "trialcite: pick a cited reference (vim.ui.select) and jump to where it is cited",
})
vim.api.nvim_create_user_command("TrialciteCites", call("cmd_cites"), {
  nargs = 1, complete = numbers, desc = "trialcite: the places citing reference N in the location list",
})
vim.api.nvim_create_user_command("TrialciteClear", call("cmd_clear"), {
  nargs = 0, desc = "trialcite: remove the citation marks and diagnostics",
})

-- Mappings to bind, e.g. vim.keymap.set("n", "K", "<Plug>(TrialciteLookup)").
vim.keymap.set("n", "<Plug>(TrialciteLookup)", "<Cmd>TrialciteLookup<CR>", { desc = "trialcite: lookup under the cursor" })
vim.keymap.set("n", "<Plug>(TrialciteReferences)", "<Cmd>TrialciteReferences<CR>", { desc = "trialcite: pick a reference" })
