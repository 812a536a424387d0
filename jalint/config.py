"""Configuration: `.jalint.toml` or `[tool.jalint]` in `pyproject.toml`.

The nearest file above each checked post applies (or the one given with
`--config`). Every key, rule name and option is validated up front: a typo is a
usage error with a suggestion, never a silently ignored setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from jalint.globs import matches
from jalint.names import did_you_mean
from jalint.registry import UnknownRuleError, categories, expand, rule_class, rule_index
from jalint.rule import SEVERITIES, Rule, make_options

CONFIG_FILES = (".jalint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown")
DEFAULT_EXCLUDE = (".git/", "node_modules/", ".jalint_cache/", "_site/", ".venv/", "venv/", "vendor/")
TOP_KEYS = (
    "include", "exclude", "extend-exclude", "select", "extend-select", "ignore", "fail-level", "corpus", "rules",
    "overrides",
)
RULE_KEYS = ("enabled", "severity")


class ConfigError(Exception):
    """A configuration problem; the CLI prints it on one line and exits 2."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool | None = None
    severity: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    """Settings that one level (file or override) contributes."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    extend_select: tuple[str, ...] = ()  # added to the selection (opt-in rules such as `style`)


class Override(NamedTuple):
    files: tuple[str, ...]
    layer: Layer


class ActiveRule(NamedTuple):
    """A configured rule instance with the severity it reports at."""

    rule: Rule
    severity: str

    @property
    def name(self) -> str:
        return self.rule.name


@dataclass
class Config:
    path: Path | None
    root: Path
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    fail_level: str = "warning"
    corpus: tuple[Path, ...] = ()  # folders whose posts corpus rules see even when fewer are checked
    base: Layer = field(default_factory=Layer)
    overrides: tuple[Override, ...] = ()
    cli: Layer = field(default_factory=Layer)
    _cache: dict[tuple[int, ...], dict[str, ActiveRule]] = field(default_factory=dict, repr=False)

    def relative(self, path: Path) -> str:
        """`path` relative to the config's folder (POSIX), for include/exclude/override globs."""
        relative = os.path.relpath(os.path.abspath(path), self._absolute_root)
        return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()

    @cached_property
    def _absolute_root(self) -> str:
        return os.path.abspath(self.root)

    def is_excluded(self, path: Path) -> bool:
        return matches(self.relative(path), self.exclude)

    def active_rules(self, path: Path | None) -> dict[str, ActiveRule]:
        """The rules that run on `path`, after overrides and command-line choices."""
        relative = self.relative(path) if path is not None else ""
        key = tuple(i for i, o in enumerate(self.overrides) if path is not None and matches(relative, o.files))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve([self.base, *(self.overrides[i].layer for i in key), self.cli])
            self._cache[key] = cached
        return cached

    def _resolve(self, layers: list[Layer]) -> dict[str, ActiveRule]:
        enabled = {name for name, entry in rule_index().items() if entry.enabled_by_default}
        severity: dict[str, str] = {}
        options: dict[str, dict[str, Any]] = {}
        for layer in layers:
            if layer.select is not None:
                enabled = expand(layer.select)
            enabled |= expand(layer.extend_select)
            enabled -= expand(layer.ignore)
            for name, settings in layer.rules.items():
                if settings.enabled is True:
                    enabled.add(name)
                elif settings.enabled is False:
                    enabled.discard(name)
                if settings.severity:
                    severity[name] = settings.severity
                options.setdefault(name, {}).update(settings.options)
        active = {}
        for name in sorted(enabled):
            rule = rule_class(name)  # only the rules that run are imported
            instance = rule(make_options(rule, options.get(name, {})))
            active[name] = ActiveRule(instance, severity.get(name, rule.severity))
        return active


def find_config_file(start: Path) -> Path | None:
    """The nearest `.jalint.toml`, or `pyproject.toml` with `[tool.jalint]`, at or above `start`."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        candidate = folder / ".jalint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "jalint" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # deferred: most runs find no config file, and the parser costs start-up time

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def load_config(path: Path | None, root: Path) -> Config:
    """Read and validate a config file; `None` gives the defaults rooted at `root`."""
    if path is None:
        return Config(None, root)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("jalint", {})
    where = str(path)
    _check_keys(where, data, TOP_KEYS)
    config = Config(path, path.parent)
    if "include" in data:
        config.include = _strings(where, "include", data["include"])
    if "exclude" in data:
        config.exclude = _strings(where, "exclude", data["exclude"])
    config.exclude = config.exclude + _strings(where, "extend-exclude", data.get("extend-exclude", []))
    config.corpus = tuple(path.parent / item for item in _strings(where, "corpus", data.get("corpus", [])))
    if "fail-level" in data:
        config.fail_level = _severity(where, "fail-level", data["fail-level"])
    config.base = _layer(where, data)
    overrides = []
    for index, entry in enumerate(_list(where, "overrides", data.get("overrides", []))):
        at = f"{where}: overrides[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{at} must be a table")
        _check_keys(at, entry, ("files", "select", "extend-select", "ignore", "rules"))
        if "files" not in entry:
            raise ConfigError(f"{at} needs `files = [globs]`")
        overrides.append(Override(_strings(at, "files", entry["files"]), _layer(at, entry)))
    config.overrides = tuple(overrides)
    return config


def cli_layer(select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...] = ()) -> Layer:
    """Command-line `--select`/`--extend-select`/`--ignore`, validated like config values."""
    return Layer(
        select=_selectors("--select", list(select)) if select else None,
        ignore=_selectors("--ignore", list(ignore)),
        extend_select=_selectors("--extend-select", list(extend_select)),
    )


def _layer(where: str, data: dict[str, Any]) -> Layer:
    select = _selectors(f"{where}: select", _strings(where, "select", data["select"])) if "select" in data else None
    ignore = _selectors(f"{where}: ignore", _strings(where, "ignore", data.get("ignore", [])))
    rules = {}
    known = rule_index()
    for name, settings in (data.get("rules") or {}).items():
        if name not in known:
            raise ConfigError(f"{where}: unknown rule '{name}' in [rules].{did_you_mean(name, list(known))}")
        if not isinstance(settings, dict):
            raise ConfigError(f"{where}: [rules.{name}] must be a table")
        rules[name] = _rule_settings(where, rule_class(name), settings)
    extend = _selectors(f"{where}: extend-select", _strings(where, "extend-select", data.get("extend-select", [])))
    return Layer(select, ignore, rules, extend)


def _rule_settings(where: str, rule: type[Rule], settings: dict[str, Any]) -> RuleSettings:
    option_names = set(rule.option_fields())
    for key in settings:
        if key not in RULE_KEYS and key.replace("_", "-") not in option_names:
            hint = did_you_mean(key, set(RULE_KEYS) | option_names)
            raise ConfigError(f"{where}: unknown option '{key}' for rule '{rule.name}'.{hint}")
    enabled = settings.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise ConfigError(f"{where}: rules.{rule.name}.enabled must be true or false")
    severity = settings.get("severity")
    if severity is not None:
        severity = _severity(where, f"rules.{rule.name}.severity", severity)
    options = {k: v for k, v in settings.items() if k not in RULE_KEYS}
    try:
        make_options(rule, options)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None
    return RuleSettings(enabled, severity, options)


def _selectors(where: str, values: list[str]) -> tuple[str, ...]:
    names = []
    for raw in values:
        for value in (part.strip() for part in raw.split(",")):
            if not value:
                continue
            try:
                expand([value])
            except UnknownRuleError:
                hint = did_you_mean(value, set(rule_index()) | categories())
                raise ConfigError(f"{where}: unknown rule or category '{value}'.{hint}") from None
            names.append(value)
    return tuple(names)


def _check_keys(where: str, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key '{key}'.{did_you_mean(key, set(allowed))}")


def _list(where: str, key: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{key}' must be a list")
    return value


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _severity(where: str, key: str, value: Any) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: '{key}' must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return value
