"""Rule discovery: every module in `jalint.rules` that defines a `Rule` subclass.

Walking the package means adding a rule is adding a module; no hand-kept import
list can fall out of date. Importing a rule module compiles its patterns and
builds its dataclasses, so a run should import only the rules it runs: the
package ships `rule_index.json` (name, module, category, default), generated
from the walk by `python -m jalint.registry` and checked against it by the
test suite, which lets selection, `explain RULE` and a default run (where the
25 opt-in `style` rules are off) import nothing more than they need.
Third-party packs can later register through the `jalint.rules` entry-point group.
"""

from __future__ import annotations

import importlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jalint.rule import Rule

INDEX = "rule_index.json"


class UnknownRuleError(KeyError):
    """Raised for a rule or category name that does not exist."""


class IndexEntry(NamedTuple):
    """What selecting or explaining a rule needs to know about it, without importing it.

    A named tuple, and the files read by path: `explain` must start about as fast
    as click itself, and dataclasses or importlib.resources (which imports zipfile,
    tempfile and three compressors) would cost more than the rest of the command.
    """

    module: str
    category: str
    severity: str
    fix_safety: str
    enabled_by_default: bool
    textlint: tuple[str, ...] = ()
    quiet_in_repeated_text: bool = False
    textlint_options: dict[str, list[str]] | None = None  # textlint option -> this rule's option(s)

    def doc(self) -> str:
        """The rule's Markdown documentation: its module's docstring, read from the source (see `Rule.doc`)."""
        source = (_rules_folder() / f"{self.module}.py").read_text(encoding="utf-8")
        if source.startswith('"""'):
            end = source.find('"""', 3)
            if end > 0 and "\\" not in source[3:end]:  # no escapes: the text is the docstring
                return source[3:end].strip()
        import ast

        return (ast.get_docstring(ast.parse(source), clean=False) or "").strip()


def _rules_folder() -> Path:
    return Path(importlib.import_module("jalint.rules").__file__).parent


@lru_cache(maxsize=1)
def rule_index() -> dict[str, IndexEntry]:
    """Every built-in rule by name, sorted by name, read from the shipped index."""
    data = json.loads((_rules_folder() / INDEX).read_text(encoding="utf-8"))
    return {name: IndexEntry(**{**fields, "textlint": tuple(fields["textlint"])}) for name, fields in data.items()}


def rule_names() -> list[str]:
    return list(rule_index())


@lru_cache(maxsize=None)
def rule_class(name: str) -> type[Rule]:
    """The class of rule `name`, importing only its own module."""
    entry = rule_index().get(name)
    if entry is None:
        raise UnknownRuleError(name)
    module = importlib.import_module(f"jalint.rules.{entry.module}")
    for found in _rules_in(module):
        if found.name == name:
            return found
    raise RuntimeError(f"{INDEX} names {entry.module} for {name!r}, which does not define it: run python -m jalint.registry")


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class by name, sorted by name: imports every rule module (listings, SARIF, tests)."""
    import pkgutil

    package = importlib.import_module("jalint.rules")
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        for rule in _rules_in(importlib.import_module(f"jalint.rules.{info.name}")):
            if rule.name in found:
                raise RuntimeError(f"two rules are named {rule.name!r}")
            found[rule.name] = rule
    return dict(sorted(found.items()))


def _rules_in(module: Any) -> list[type[Rule]]:
    from jalint.rule import Rule

    return [
        value for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and value.__module__ == module.__name__
    ]


def categories() -> set[str]:
    return {entry.category for entry in rule_index().values()}


def expand(selectors: list[str] | tuple[str, ...]) -> set[str]:
    """Rule names for a list of rule names, categories or `ALL`."""
    index = rule_index()
    names: set[str] = set()
    for selector in selectors:
        if selector in ("ALL", "all"):
            names.update(index)
        elif selector in index:
            names.add(selector)
        elif selector in categories():
            names.update(name for name, entry in index.items() if entry.category == selector)
        else:
            raise UnknownRuleError(selector)
    return names


def build_index() -> dict[str, dict[str, Any]]:
    """The index as the module walk finds it (what `rule_index.json` must hold)."""
    return {
        name: {
            "module": rule.__module__.rsplit(".", 1)[1],
            "category": rule.category,
            "severity": rule.severity,
            "fix_safety": rule.fix_safety,
            "enabled_by_default": rule.enabled_by_default,
            "textlint": list(rule.textlint),
            "quiet_in_repeated_text": rule.quiet_in_repeated_text,
            "textlint_options": rule.textlint_option_map(),
        }
        for name, rule in all_rules().items()
    }


def index_text() -> str:
    return json.dumps(build_index(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    target = _rules_folder() / INDEX
    target.write_text(index_text(), encoding="utf-8")
    print(f"wrote {target} ({len(build_index())} rules)")
