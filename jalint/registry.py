"""Rule discovery: every module in `jalint.rules` that defines a `Rule` subclass.

Walking the package means adding a rule is adding a module; no hand-kept import
list can fall out of date. Third-party packs can later register through the
`jalint.rules` entry-point group.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

from jalint.rule import Rule


class UnknownRuleError(KeyError):
    """Raised for a rule or category name that does not exist."""


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Rule classes by name, sorted by name."""
    package = importlib.import_module("jalint.rules")
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"jalint.rules.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                if obj.name in found:
                    raise RuntimeError(f"two rules are named {obj.name!r}")
                found[obj.name] = obj
    return dict(sorted(found.items()))


def categories() -> set[str]:
    return {rule.category for rule in all_rules().values()}


def expand(selectors: list[str] | tuple[str, ...]) -> set[str]:
    """Rule names for a list of rule names, categories or `ALL`."""
    rules = all_rules()
    names: set[str] = set()
    for selector in selectors:
        if selector in ("ALL", "all"):
            names.update(rules)
        elif selector in rules:
            names.add(selector)
        elif selector in categories():
            names.update(name for name, rule in rules.items() if rule.category == selector)
        else:
            raise UnknownRuleError(selector)
    return names
