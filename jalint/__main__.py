"""Allow `python -m jalint`."""

from jalint.cli import run

run()
