"""`python -m jalint.server`: the language server over stdio, as `jalint server`."""

from jalint.server.app import serve

serve()
