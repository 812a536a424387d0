#!/bin/sh
# Open a post in headless Neovim with editors/neovim/jalint.lua and print how many diagnostics
# the server sent, next to `jalint check`'s count for the same post. Usage:
#   JALINT=.venv/bin/jalint editors/neovim/check-headless.sh examples/_posts/2025-11-05-defective-post.md
set -eu
here=$(cd "$(dirname "$0")" && pwd)
post=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
jalint=${JALINT:-jalint}
nvim --headless -u "$here/jalint.lua" -c "edit $post" \
  -c 'lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)' \
  -c 'lua io.stdout:write("neovim: " .. #vim.diagnostic.get(0) .. " diagnostics\n")' -c 'qa!'
echo "jalint check: $("$jalint" check "$post" --no-cache --format concise | wc -l) findings"
