"""The public types a rule is written against: `Rule`, `Finding`, `Fix`, `Edit`, `Related`.

A rule is a small class: it declares its identity (name, category, default
severity), the scope it checks, its `Options` (a `RuleOptions` subclass), its fix safety and
a Markdown doc, and implements `check(node, doc)` that yields findings. The
engine stamps rule name and severity, applies suppression and config, and sorts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from jalint.names import SEVERITIES  # re-exported: rules and config import it from here
from jalint.options import OptionField, RuleOptions, option  # re-exported: every rule declares options with them
from jalint.positions import Span

SCOPES = ("document", "front_matter", "section", "block", "sentence", "corpus", "engine")
CATEGORIES = ("structure", "front-matter", "claims", "style", "notation", "engine")
FIX_SAFETIES = ("safe", "unsafe", "none")
DOC_SECTIONS = ("What it finds", "Why it matters", "Example", "Use instead", "Options", "Fix safety")


class Edit(NamedTuple):
    """Replace `span` of the file text with `replacement`."""

    span: Span
    replacement: str = ""


class Fix(NamedTuple):
    """Edits that fix one finding; `safe` fixes are applied by plain `--fix`."""

    edits: tuple[Edit, ...]
    applicability: str = "safe"

    @classmethod
    def delete(cls, span: Span, applicability: str = "unsafe") -> Fix:
        return cls((Edit(span, ""),), applicability)

    @classmethod
    def replace(cls, span: Span, text: str, applicability: str = "safe") -> Fix:
        return cls((Edit(span, text),), applicability)

    @classmethod
    def insert(cls, offset: int, text: str, applicability: str = "safe") -> Fix:
        return cls((Edit(Span(offset, offset), text),), applicability)


class Related(NamedTuple):
    """Another place that explains a finding, e.g. the first copy of a duplicate."""

    span: Span
    message: str
    path: str | None = None  # another file (corpus rules); then `line` locates it
    line: int = 0


class Finding(NamedTuple):
    """What a rule reports; the engine adds rule name, severity and positions."""

    span: Span
    message: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None


class NoOptions(RuleOptions):
    """For rules without options."""


OptionsT = TypeVar("OptionsT")


class Rule(Generic[OptionsT]):
    """Base class of every rule. Subclasses set the class attributes and `check`.

    `scope` decides what `check` receives: the `Document` ("document"), its
    `FrontMatter` ("front_matter", only when present), each `Section`, each
    `Block`, or each prose `Sentence` (`doc.prose_sentences`). Scope "engine" marks findings the engine itself
    produces (encoding, unused suppressions): such rules only carry metadata.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    scope: ClassVar[str]
    severity: ClassVar[str] = "warning"
    fix_safety: ClassVar[str] = "none"
    enabled_by_default: ClassVar[bool] = True
    needs_tokens: ClassVar[bool] = False
    # A prose rule whose finding in repeated text (a copied paragraph, a sentence a merged
    # paragraph repeats, a sentence that repeats an earlier one word for word) only repeats the
    # finding at the first place: the engine drops it, and duplicate-paragraph's (or
    # duplicate-sentence's) finding, whose fix deletes the copy, covers the place. Counting rules keep
    # reporting there, as textlint does, so the two can be compared place by place.
    quiet_in_repeated_text: ClassVar[bool] = False
    # A structural repair that only removes what the post says twice (a copy, a restarted
    # fragment, a repeated section): `--fix` checks that no sentence is lost before applying it
    # (jalint.repair_check) and reports `repair-refused` instead where one would be.
    fix_keeps_every_sentence: ClassVar[bool] = False
    # The textlint rules this rule replaces (`preset/rule` names), for `explain`,
    # `rules --format json` and `jalint migrate textlint`.
    textlint: ClassVar[tuple[str, ...]] = ()
    # textlint option name (camelCase) -> this rule's option name (kebab-case), for `migrate`.
    textlint_options: ClassVar[dict[str, str]] = {}
    # textlint options whose shape differs, which `translate_textlint_option` turns into these options.
    textlint_structured_options: ClassVar[dict[str, tuple[str, ...]]] = {}
    Options: ClassVar[type] = NoOptions

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Prose (`style`) rules are opt-in unless a rule says otherwise: the default run is the defect gate."""
        super().__init_subclass__(**kwargs)
        if "enabled_by_default" not in cls.__dict__ and cls.__dict__.get("category") == "style":
            cls.enabled_by_default = False

    def __init__(self, options: Any = None) -> None:
        self.options: OptionsT = options if options is not None else self.Options()

    @classmethod
    def translate_textlint_option(cls, key: str, value: Any) -> dict[str, Any] | None:
        """This rule's options for a textlint option whose shape differs (`migrate`); None: not translatable.

        Most options map name to name through `textlint_options`; a rule whose
        upstream option is structured (ja-no-redundant-expression's
        `dictOptions`) overrides this.
        """
        return None

    @classmethod
    def textlint_option_map(cls) -> dict[str, list[str]]:
        """Every textlint option this rule supports, with the option(s) of this rule it becomes."""
        mapping = {key: [value] for key, value in cls.textlint_options.items()}
        mapping.update({key: list(values) for key, values in cls.textlint_structured_options.items()})
        return mapping

    def check(self, node: Any, doc: Any) -> Iterator[Finding]:
        return iter(())

    # -- corpus rules (scope "corpus") ------------------------------------------------
    def summarize(self, doc: Any) -> Any:
        """Per-file phase of a corpus rule: a small JSON value (see jalint.corpus)."""
        return None

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[Any]:
        """Corpus phase: `CorpusFinding`s from the summaries of every post, keyed by path."""
        return iter(())

    def context_key(self, path: Any) -> str:
        """Outside inputs this rule reads for `path` (a site setting, a data file), for the cache key.

        A rule whose findings depend on more than the post's text and its options
        returns a string that changes when that input changes.
        """
        return ""

    # -- documentation ------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        """The rule's Markdown documentation (its module docstring)."""
        import sys

        module = sys.modules[cls.__module__]
        return (module.__doc__ or "").strip()

    @classmethod
    def summary(cls) -> str:
        """First sentence of "What it finds", for tables and SARIF."""
        body = cls.doc_sections().get("What it finds", "")
        first = body.strip().split("\n\n")[0].replace("\n", " ")
        return first

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        sections: dict[str, str] = {}
        current = None
        in_code = False
        for line in cls.doc().splitlines():
            if line.startswith("```"):
                in_code = not in_code
            heading = None if in_code else re.match(r"^##\s+(.*?)\s*$", line)
            if heading:
                current = heading.group(1)
                sections[current] = ""
            elif current is not None:
                sections[current] += line + "\n"
        return {key: value.strip() for key, value in sections.items()}

    @classmethod
    def option_fields(cls) -> dict[str, OptionField]:
        """The rule's options by their config (kebab-case) name."""
        return {name.replace("_", "-"): field_ for name, field_ in cls.Options.fields.items()}


def make_options(rule: type[Rule], values: dict[str, Any]) -> Any:
    """Build the rule's options from config values (keys in kebab- or snake-case).

    Raises ValueError naming the bad key or value; callers turn it into exit 2.
    """
    fields = rule.option_fields()
    kwargs: dict[str, Any] = {}
    defaults = rule.Options()
    for key, value in values.items():
        name = key.replace("_", "-")
        if name not in fields:
            raise KeyError(name)
        field_ = fields[name]
        default = getattr(defaults, field_.name)
        kwargs[field_.name] = _coerce(rule.name, name, default, value)
        if field_.regex:
            _check_patterns(rule.name, name, kwargs[field_.name])
    return defaults.replace(**kwargs) if kwargs else defaults


def _check_patterns(rule: str, key: str, value: Any) -> None:
    """Compile regex options at config load, so a typo is exit 2 rather than a crash mid-run.

    A pattern with a repeated group that itself repeats (`(a+)+`, `(\\w*\\s?)*`) is
    rejected too: Python's backtracking engine takes exponential time on a long
    line that almost matches it, and one such pattern would hang every
    pre-commit run of the team.
    """
    for pattern in (value,) if isinstance(value, str) else value:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"rules.{rule}.{key}: invalid regular expression {pattern!r} ({error})") from None
        if _has_nested_quantifier(pattern):
            raise ValueError(
                f"rules.{rule}.{key}: {pattern!r} repeats a group that itself repeats, which can take "
                "exponential time on a long line; write it without the nesting (e.g. `(a+)+` as `a+`)"
            )


def _has_nested_quantifier(pattern: str) -> bool:
    import re._parser as parser  # the stdlib's own parser: the tree `re.compile` builds from

    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT)

    def items_of(value: Any) -> list[Any]:
        if isinstance(value, parser.SubPattern):
            return [value]
        if isinstance(value, list | tuple):
            return [sub for item in value for sub in items_of(item)]
        return []

    def walk(tree: Any, inside_repeat: bool) -> bool:
        for op, argument in tree:
            if op in repeats and op != parser.POSSESSIVE_REPEAT:
                low, high, body = argument
                unbounded = high == parser.MAXREPEAT or high > 1
                if unbounded and inside_repeat:
                    return True
                if any(walk(sub, inside_repeat or unbounded) for sub in items_of(body)):
                    return True
            elif any(walk(sub, inside_repeat) for sub in items_of(argument)):
                return True
        return False

    return walk(parser.parse(pattern), False)


def _coerce(rule: str, key: str, default: Any, value: Any) -> Any:
    expected = type(default)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"rules.{rule}.{key} must be true or false, not {value!r}")
        return value
    if isinstance(default, int | float) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"rules.{rule}.{key} must be a number, not {value!r}")
        return expected(value)
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple):
            raise ValueError(f"rules.{rule}.{key} must be a list, not {value!r}")
        return tuple(value)
    if isinstance(default, str) and not isinstance(value, str):
        raise ValueError(f"rules.{rule}.{key} must be a string, not {value!r}")
    return value


def options_table(rule: type[Rule]) -> list[tuple[str, str, str]]:
    """(name, default, description) for each option."""
    rows = []
    defaults = rule.Options()
    for name, field_ in rule.option_fields().items():
        rows.append((name, repr(getattr(defaults, field_.name)), field_.help))
    return rows

