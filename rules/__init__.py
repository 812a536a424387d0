"""jalint's built-in rules: one module per rule, discovered by `jalint.registry`."""
