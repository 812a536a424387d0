"""`jalint migrate textlint`: turn a `.textlintrc` into the equivalent `.jalint.toml`.

Each jalint rule names the textlint rules it replaces (`Rule.textlint`) and how
their options map (`Rule.textlint_options`); this module only reads the
textlint config, expands the presets it names (`textlint_presets.toml`), merges
what several presets say about the same rule, and writes the result with a
comment for everything it could not carry over and why. It never guesses
silently: a rule or option without a home is a comment in the output.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jalint.registry import all_rules
from jalint.rule import SEVERITIES, Rule, make_options

TEXTLINTRC_NAMES = (".textlintrc", ".textlintrc.json", ".textlintrc.yml", ".textlintrc.yaml")
_PRESETS_FILE = Path(__file__).with_name("textlint_presets.toml")


class MigrateError(Exception):
    """The textlint config cannot be read; the CLI prints it and exits 2."""


@dataclass
class Setting:
    """What one place (a preset's defaults or the user's config) says about one textlint rule."""

    origin: str  # "textlint-rule-preset-japanese", "the config", …
    options: dict[str, Any]
    explicit: bool  # written by the user, not a preset default
    exists: bool = True  # False: configured inside a preset that has no such rule (textlint ignores it)


@dataclass
class Migration:
    toml: str
    enabled: list[str] = field(default_factory=list)  # jalint rules the output turns on
    notes: list[str] = field(default_factory=list)  # what was not carried over, one line each


@lru_cache(maxsize=1)
def _preset_file() -> dict[str, Any]:
    with _PRESETS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def _presets() -> dict[str, Any]:
    return _preset_file()["presets"]


def _standalone_defaults(rule_id: str) -> dict[str, Any]:
    """The upstream rule's own defaults where they differ from jalint's (see `[standalone]`)."""
    return dict(_preset_file().get("standalone", {}).get(rule_id, {}))


def find_textlintrc(folder: Path) -> Path | None:
    for name in TEXTLINTRC_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_textlintrc(path: Path) -> dict[str, Any]:
    """Parse JSON (comments allowed, as textlint allows them) or YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MigrateError(f"{path}: cannot read: {error}") from None
    if path.suffix == ".js" or path.suffix == ".cjs":
        raise MigrateError(f"{path}: JavaScript configs cannot be read; export it as .textlintrc.json first")
    data: Any
    try:
        data = json.loads(_strip_json_comments(text))
    except json.JSONDecodeError as json_error:
        if path.suffix == ".json":
            raise MigrateError(f"{path}: invalid JSON: {json_error}") from None
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise MigrateError(f"{path}: neither JSON nor YAML: {error}") from None
    if not isinstance(data, dict):
        raise MigrateError(f"{path}: a textlint config must be a mapping with a `rules` key")
    return data


def _strip_json_comments(text: str) -> str:
    """Remove // and /* */ comments outside strings (textlint's JSON allows them)."""
    out = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _bare_rule_id(key: str) -> str:
    """`textlint-rule-foo`, `@scope/textlint-rule-foo`, `@scope/foo` -> `foo`."""
    name = key.split("/", 1)[1] if key.startswith("@") and "/" in key else key
    return name.removeprefix("textlint-rule-")


def _preset_of(key: str) -> tuple[str, dict[str, Any]] | None:
    for preset in _presets().values():
        if key in preset["names"]:
            return preset["package"], preset
    return None


def collect_settings(config: dict[str, Any]) -> tuple[dict[str, list[Setting]], list[str]]:
    """Every enabled textlint rule with what each preset and the user say about it, plus notes."""
    settings: dict[str, list[Setting]] = {}
    notes: list[str] = []
    rules = config.get("rules") or {}
    if not isinstance(rules, dict):
        raise MigrateError("`rules` must be a mapping")
    for key, value in rules.items():
        found = _preset_of(key)
        if found is None and (key.startswith(("textlint-rule-preset-", "preset-")) or "/textlint-rule-preset-" in key):
            notes.append(f"preset '{key}' is not one jalint knows; its rules were not migrated")
            continue
        if value is False:
            continue
        if found is not None:
            package, preset = found
            overrides = value if isinstance(value, dict) else {}
            for rule_id, defaults in preset["rules"].items():
                user = overrides.get(rule_id)
                if user is False:
                    continue
                options = dict(defaults)
                if isinstance(user, dict):
                    options.update(user)
                settings.setdefault(rule_id, []).append(Setting(package, options, isinstance(user, dict)))
            for rule_id, user in overrides.items():
                if rule_id not in preset["rules"] and user is not False:
                    settings.setdefault(rule_id, []).append(
                        Setting(f"{package} {preset['version']}", user if isinstance(user, dict) else {}, True,
                                exists=False)
                    )
            continue
        rule_id = _bare_rule_id(key)
        options = {**_standalone_defaults(rule_id), **(value if isinstance(value, dict) else {})}
        settings.setdefault(rule_id, []).append(Setting("the config", options, True))
    return settings, notes


def _merge(rule_id: str, entries: list[Setting]) -> tuple[dict[str, Any], list[str]]:
    """One option set for a rule configured by several presets; contradictions are notes."""
    merged: dict[str, Any] = {}
    notes: list[str] = []
    keys = {key for entry in entries for key in entry.options}
    for key in sorted(keys):
        values = [(entry, entry.options[key]) for entry in entries if key in entry.options]
        distinct = {json.dumps(value, sort_keys=True, ensure_ascii=False) for _, value in values}
        if len(distinct) == 1:
            merged[key] = values[0][1]
            continue
        said = ", ".join(f"{entry.origin}: {json.dumps(value, ensure_ascii=False)}" for entry, value in values)
        if all(isinstance(value, int | float) and not isinstance(value, bool) for _, value in values):
            merged[key] = min(value for _, value in values)
            notes.append(f"{rule_id}.{key} was set differently ({said}); textlint enforced both, so the stricter "
                         f"{merged[key]} is used")
        else:
            notes.append(f"{rule_id}.{key} contradicts itself ({said}); textlint reported both ways, so jalint "
                         "leaves it unset (its default)")
    return merged, notes


def migrate(config: dict[str, Any], source_name: str) -> Migration:
    settings, notes = collect_settings(config)
    replaced_by: dict[str, list[type[Rule]]] = {}
    for rule in all_rules().values():
        for textlint_id in rule.textlint:
            replaced_by.setdefault(textlint_id, []).append(rule)

    tables: dict[str, dict[str, Any]] = {}
    comments: dict[str, list[str]] = {}
    origins: dict[str, set[str]] = {}
    enabled: list[str] = []
    for rule_id in sorted(settings):
        entries = settings[rule_id]
        targets = replaced_by.get(rule_id)
        where = ", ".join(sorted({e.origin for e in entries}))
        missing = [e for e in entries if not e.exists]
        if missing:
            intent = (f"its intent is carried over to {', '.join(r.name for r in targets)}" if targets
                      else "jalint has no equivalent either, so it is left out")
            notes.append(f"'{rule_id}' is not a rule of {where}: textlint silently ignores it today; {intent}")
        if not targets:
            if not missing:
                notes.append(f"textlint rule '{rule_id}' ({where}) has no jalint equivalent yet; not migrated")
            continue
        options, merge_notes = _merge(rule_id, entries)
        notes.extend(merge_notes)
        for rule in targets:
            name = rule.name
            origins.setdefault(name, set()).add(rule_id)
            if name not in enabled:
                enabled.append(name)
            table = tables.setdefault(name, {})
            for key, value in options.items():
                if key == "severity":
                    if value in SEVERITIES:
                        table["severity"] = value
                    else:
                        comments.setdefault(name, []).append(f"severity {value!r} of {rule_id} is not one of jalint's")
                    continue
                target = rule.textlint_options.get(key)
                translated = {target: value} if target is not None else rule.translate_textlint_option(key, value)
                if translated is None:
                    comments.setdefault(name, []).append(
                        f"{rule_id} option {key} = {json.dumps(value, ensure_ascii=False)} has no equivalent; "
                        "not migrated")
                    continue
                try:
                    make_options(rule, translated)
                except (ValueError, KeyError) as error:
                    comments.setdefault(name, []).append(f"{rule_id} option {key}: {error}; not migrated")
                    continue
                table.update(translated)

    return Migration(_render(source_name, config, enabled, tables, comments, origins, notes), enabled, notes)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _comment(text: str) -> str:
    return "# " + re.sub(r"\s+", " ", text)


def _render(source_name: str, config: dict[str, Any], enabled: list[str], tables: dict[str, dict[str, Any]],
            comments: dict[str, list[str]], origins: dict[str, set[str]], notes: list[str]) -> str:
    rules = all_rules()
    lines = [
        f"# Migrated from {source_name} by `jalint migrate textlint`.",
        "# Each [rules.X] table names the textlint rules it replaces. Review the notes at the end.",
        "",
    ]
    opt_in = sorted(name for name in enabled if not rules[name].enabled_by_default)
    lines.append("extend-select = [")
    lines.extend(f"    {_toml_value(name)},  # {', '.join(sorted(origins[name]))}" for name in opt_in)
    lines.append("]")
    for key in ("filters", "plugins"):
        if config.get(key):
            names = ", ".join(sorted(config[key])) if isinstance(config[key], dict) else str(config[key])
            notes.append(_filter_note(key, names))
    for name in sorted(enabled):
        lines.append("")
        default = " (on by default in jalint)" if rules[name].enabled_by_default else ""
        lines.append(f"[rules.{name}]  # replaces {', '.join(sorted(origins[name]))}{default}")
        for text in comments.get(name, []):
            lines.append(_comment(text))
        for key, value in tables.get(name, {}).items():
            lines.append(f"{key} = {_toml_value(value)}")
    if notes:
        lines.append("")
        lines.append("# Not carried over, or changed on the way:")
        lines.extend(_comment("- " + note) for note in notes)
    return "\n".join(lines) + "\n"


def _filter_note(key: str, names: str) -> str:
    if key == "filters" and "comments" in names:
        return ("filters.comments (textlint-filter-rule-comments): jalint reads its own "
                "<!-- jalint-disable RULE --> / <!-- jalint-disable-next-line RULE --> comments; replace "
                "textlint-disable comments with them")
    return f"{key} ({names}) have no jalint equivalent; not migrated"
