"""`RuleOptions`: the base of every rule's `Options`, declared as `name: type = option(default, "help")`.

Why not a frozen dataclass: every run builds the `Options` class of each rule it
imports, and on Python 3.11 `dataclass(frozen=True)` compiles six methods per
class with `exec` (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`,
`__delattr__`), plus an `inspect.signature` for a class without a docstring:
about a millisecond a class, 45 ms of a one-post run with the prose rules. The
methods here are written once and shared, and a subclass only records its
fields, so a rule's options cost nothing at start-up. Instances behave as the
frozen dataclasses did: keyword or positional construction in field order,
`__post_init__` validation, immutability, equality, hashing and the same
`repr` (the result cache keys on it).
"""

from __future__ import annotations

from typing import Any, ClassVar


class FrozenOptionsError(AttributeError):
    """Raised when code tries to change a rule's options after they are built."""


class OptionField:
    """One declared option: its attribute name, default and documentation."""

    __slots__ = ("name", "default", "help", "regex")

    def __init__(self, default: Any, help: str, regex: bool) -> None:  # noqa: A002 - mirrors option()
        self.name = ""
        self.default = default
        self.help = help
        self.regex = regex


def option(default: Any, help: str, regex: bool = False) -> Any:  # noqa: A002 - mirrors argparse's wording
    """A documented option field: `min_chars: int = option(20, "…")`.

    `regex=True` marks a pattern (or tuple of patterns) that config loading compiles.
    """
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple for list options so Options stays immutable")
    return OptionField(default, help, regex)


class RuleOptions:
    """Immutable option values; the class attributes hold the defaults, an instance its overrides."""

    fields: ClassVar[dict[str, OptionField]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.fields)  # inherited options first, as a dataclass orders them
        for name, value in list(cls.__dict__.items()):
            if isinstance(value, OptionField):
                value.name = name
                fields[name] = value
                setattr(cls, name, value.default)
        cls.fields = fields

    def __init__(self, *args: Any, **values: Any) -> None:
        names = list(self.fields)
        if len(args) > len(names):
            raise TypeError(f"{type(self).__qualname__} takes at most {len(names)} options, {len(args)} given")
        for name, value in zip(names, args, strict=False):
            if name in values:
                raise TypeError(f"{type(self).__qualname__} got option {name!r} twice")
            values[name] = value
        for name, value in values.items():
            if name not in self.fields:
                raise TypeError(f"{type(self).__qualname__} has no option {name!r}")
            object.__setattr__(self, name, value)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def values(self) -> tuple[Any, ...]:
        """Every option's value, in declaration order."""
        return tuple(getattr(self, name) for name in self.fields)

    def replace(self, **changes: Any) -> RuleOptions:
        """A copy with some options changed (validated again by `__post_init__`)."""
        return type(self)(**{**{name: getattr(self, name) for name in self.fields}, **changes})

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenOptionsError(f"cannot assign to option {name!r}: options are immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenOptionsError(f"cannot delete option {name!r}: options are immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self.values()))

    def __repr__(self) -> str:
        """The dataclass form; computed once, since the result cache asks for it for every file."""
        shown = self.__dict__.get("_repr")
        if shown is None:
            inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
            shown = f"{type(self).__qualname__}({inner})"
            object.__setattr__(self, "_repr", shown)
        return shown
