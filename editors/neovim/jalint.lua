-- jalint server for Neovim 0.7 and later (0.11+ may use vim.lsp.config instead: see README.md).
-- Load from init.lua with `dofile("path/to/jalint.lua")`; set JALINT to the jalint command if it is not on PATH.
local command = os.getenv("JALINT") or "jalint"
vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(args)
    local id = vim.lsp.start_client({ name = "jalint", cmd = { command, "server" }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
