"""Allow `python -m jalint`."""

from jalint.cli import main

main()
