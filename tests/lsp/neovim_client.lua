-- Drives `profilec lsp` through Neovim's own LSP client, headless; run by
-- tests/lsp/test_neovim.py as
--   nvim --headless --clean -u NONE -c "luafile neovim_client.lua"
-- with PROFILEC_LSP_PLAN naming a JSON plan (the editor snippet to load, the
-- file to open, where to ask what). It records what the client received
-- (raw publishDiagnostics parameters, raw responses, the buffer's lines)
-- in the plan's results file and quits; test_neovim.py asserts on them.
-- Neovim 0.7's client: start_client from the docs' snippet, UTF-16
-- positions, incremental didChange from buffer edits.

local plan = vim.json.decode(table.concat(vim.fn.readfile(vim.env.PROFILEC_LSP_PLAN), "\n"))
local results = { published = {}, steps = {} }

local function save()
  vim.fn.writefile({ vim.json.encode(results) }, plan.results)
end

-- Every publishDiagnostics, as received, before Neovim's own handler.
local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  table.insert(results.published, result)
  return default_handler(err, result, ctx, config)
end

-- The server's exit code, through the snippet's own start_client call.
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  config.on_exit = function(code, signal)
    results.server_exit = { code = code, signal = signal }
  end
  return start_client(config)
end

local function wait_for(what, condition)
  if not vim.wait(plan.timeout_ms, condition, 10) then
    error("timed out waiting for " .. what)
  end
end

-- The diagnostics published for the buffer after the `count`-th message.
local function wait_for_publication(what, count, uri)
  wait_for(what, function()
    for i = count + 1, #results.published do
      if results.published[i].uri == uri then
        return true
      end
    end
    return false
  end)
  for i = #results.published, count + 1, -1 do
    if results.published[i].uri == uri then
      return results.published[i]
    end
  end
end

local function the_client(bufnr)
  local clients = vim.lsp.buf_get_clients(bufnr)
  local _, client = next(clients)
  return client
end

-- A request at a (0-based line, byte column) of the current window, its
-- position made by the client (UTF-16 characters, Neovim 0.7's only encoding).
local function request(bufnr, method, params)
  if not the_client(bufnr).supports_method(method) then
    error(method .. ": not among the server's capabilities")
  end
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, plan.timeout_ms)
  if not responses then
    error(method .. ": " .. tostring(err))
  end
  local _, response = next(responses)
  if response == nil then
    error(method .. ": no response")
  end
  if response.err then
    error(method .. ": " .. vim.inspect(response.err))
  end
  return response.result
end

local function request_at(bufnr, method, at)
  vim.api.nvim_win_set_cursor(0, { at.line + 1, at.byte })
  local params = vim.lsp.util.make_position_params()
  return { position = params.position, result = request(bufnr, method, params) }
end

-- A code action for the diagnostic the edit caused, applied by the client.
local function code_action(bufnr, uri, client)
  local line = plan.action_line
  local diagnostics = {}
  for _, d in ipairs(results.steps.edit.diagnostics) do
    if d.range.start.line == line then
      table.insert(diagnostics, d)
    end
  end
  local params = { textDocument = { uri = uri },
                   range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = 0 } },
                   context = { diagnostics = diagnostics } }
  if diagnostics[1] then
    params.range = diagnostics[1].range
  end
  local actions = request(bufnr, "textDocument/codeAction", params) or {}
  local recorded = { diagnostics = diagnostics, actions = actions }
  local chosen
  for _, action in ipairs(actions) do
    if action.edit and (action.kind == nil or action.kind:find("^quickfix")) then
      chosen = action
      break
    end
  end
  if chosen then
    local seen = #results.published
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    recorded.applied = chosen.title
    recorded.after = wait_for_publication("the diagnostics after the code action", seen, uri)
  end
  return recorded
end

local function run()
  vim.cmd("filetype on")
  dofile(plan.snippet)
  vim.cmd("edit " .. vim.fn.fnameescape(plan.open))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  results.filetype = vim.bo[bufnr].filetype

  -- Open: the first diagnostics.
  results.steps.open = wait_for_publication("the diagnostics of the opened file", 0, uri)
  local client = the_client(bufnr)
  results.client = { name = client.name, root_dir = client.config.root_dir,
                     offset_encoding = client.offset_encoding }

  -- Edit: a change of the buffer, which the client sends as an incremental didChange.
  local seen = #results.published
  vim.api.nvim_buf_set_lines(bufnr, plan.edit.line, plan.edit.line + 1, true, { plan.edit.text })
  results.steps.edit = wait_for_publication("the diagnostics after the edit", seen, uri)

  -- The other steps fail one by one: each records its own error.
  local function step(name, fn)
    local ok, result = pcall(fn)
    results.steps[name] = ok and result or { error = tostring(result) }
  end
  step("completion", function()
    return request_at(bufnr, "textDocument/completion", plan.completion)
  end)
  step("hover", function()
    return request_at(bufnr, "textDocument/hover", plan.hover)
  end)
  step("definition_use", function()
    return request_at(bufnr, "textDocument/definition", plan.definition_use)
  end)
  step("definition_reference", function()
    return request_at(bufnr, "textDocument/definition", plan.definition_reference)
  end)
  step("code_action", function()
    return code_action(bufnr, uri, client)
  end)
  results.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
end

local ok, err = pcall(run)
if not ok then
  results.error = tostring(err)
end
-- Stop the server the way an editor does (shutdown, then exit), then quit.
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(plan.timeout_ms, function()
  return results.server_exit ~= nil
end, 10)
save()
vim.cmd(ok and "qall!" or "cquit! 1")
