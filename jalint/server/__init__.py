"""`jalint server`: the language server (optional extra `jalint[server]`: pygls and lsprotocol).

The protocol lives in `app`, the conversions to LSP values in `convert`, and the
linting of an editor's document in `linting`; nothing here is imported by
`jalint check`.
"""
