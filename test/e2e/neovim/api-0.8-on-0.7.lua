-- Just enough of Neovim 0.8's API on Neovim 0.7 (Debian 12's) to run the
-- README's "0.8 and newer" snippet here, where no newer Neovim can be
-- installed. Where the running Neovim has the real function, it is used.
-- Semantics follow Neovim's documentation of each function.

-- 0.7 has vim.filetype.add, but reads its table only with Lua detection on (the default from 0.8).
vim.g.do_filetype_lua = 1

if not vim.fs then
  vim.fs = {
    -- vim.fs.dirname(file): the parent folder of a path.
    dirname = function(path)
      return path and vim.fn.fnamemodify(path, ':h') or nil
    end,
    -- vim.fs.find(name, { upward = true, path = dir }): the nearest `name` at or above `dir`.
    find = function(name, opts)
      assert(opts and opts.upward and opts.path, 'only the upward search from a folder is emulated')
      local found = vim.fn.findfile(name, opts.path .. ';')
      return found ~= '' and { vim.fn.fnamemodify(found, ':p') } or {}
    end,
  }
end

if not vim.lsp.start then
  -- vim.lsp.start(config): reuse the client with the same name and root_dir, else start one; attach the current buffer.
  local started = {}
  vim.lsp.start = function(config)
    local key = config.name .. '\0' .. config.root_dir
    local id = started[key]
    if not (id and vim.lsp.get_client_by_id(id)) then
      id = vim.lsp.start_client(config)
      started[key] = id
    end
    if id then vim.lsp.buf_attach_client(0, id) end
    return id
  end
end
