-- Neovim (0.7+) as a second LSP client of the bundled server, headless:
-- attaches `node dist/server.js --stdio` to the open .segment file, waits for
-- diagnostics and for a CodeLens with the sample size, prints both, quits.
-- Output lines: `diagnostic <line>:<col> <severity> <code> <message>` and `lens <title>`.
local server = os.getenv('SEGMENTS_SERVER')
local root = os.getenv('SEGMENTS_ROOT')

local function fail(message)
  io.stderr:write(message .. '\n')
  vim.cmd('cquit 1')
end

local id = vim.lsp.start_client({ name = 'segments', cmd = { 'node', server, '--stdio' }, root_dir = root })
if not id then
  fail('vim.lsp.start_client failed')
end
vim.lsp.buf_attach_client(0, id)

if not vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  fail('no diagnostics within 15 s')
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  io.stdout:write(string.format('diagnostic %d:%d %d %s %s\n', d.lnum + 1, d.col + 1, d.severity, tostring(code), (d.message:gsub('\n', ' '))))
end

-- Sizes need the sample, loaded in the background: ask until a lens has one.
local titles = {}
local sized = vim.wait(15000, function()
  titles = {}
  local params = { textDocument = vim.lsp.util.make_text_document_params() }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeLens', params, 5000) or {}
  local found = false
  for _, response in pairs(responses) do
    for _, lens in ipairs(response.result or {}) do
      local title = lens.command and lens.command.title or ''
      table.insert(titles, title)
      if title:find(' of 5,000', 1, true) then found = true end
    end
  end
  return found
end, 200)
for _, title in ipairs(titles) do
  io.stdout:write('lens ' .. title .. '\n')
end
if not sized then
  fail('no CodeLens with the sample size within 15 s')
end

vim.lsp.stop_client(id)
vim.cmd('qall!')
