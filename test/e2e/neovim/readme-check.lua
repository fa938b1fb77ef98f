-- Runs after Neovim started with a README snippet as its init.lua and opened
-- one .segment file: prints what a user would see, then opens a second file
-- of the same project to show that it gets the same server.
-- Output lines: `filetype <ft>`, `diagnostic <line>:<col> <message>`,
-- `client <name> <root_dir>`, `second <filetype> <attached client count> <client count>`.
-- vim.lsp.get_clients is 0.10's name; 0.7 has get_active_clients and buf_get_clients.
local function clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients(bufnr and { bufnr = bufnr } or nil) end
  if bufnr then return vim.tbl_values(vim.lsp.buf_get_clients(bufnr)) end
  return vim.lsp.get_active_clients()
end

local function fail(message)
  io.stderr:write(message .. '\n')
  vim.cmd('cquit 1')
end

io.stdout:write('filetype ' .. vim.bo.filetype .. '\n')
if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  fail('no diagnostics within 20 s')
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format('diagnostic %d:%d %s\n', d.lnum + 1, d.col + 1, (d.message:gsub('\n', ' '))))
end
for _, c in ipairs(clients()) do
  io.stdout:write('client ' .. c.name .. ' ' .. tostring(c.config.root_dir) .. '\n')
end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SEGMENTS_SECOND_FILE')))
local second = vim.api.nvim_get_current_buf()
vim.wait(10000, function() return #clients(second) > 0 end, 50)
io.stdout:write(string.format('second %s %d %d\n', vim.bo.filetype, #clients(second), #clients()))
vim.cmd('qall!')
