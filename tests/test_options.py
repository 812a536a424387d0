"""Rule options (jalint.options.RuleOptions) behave as the frozen dataclasses they replaced."""

from __future__ import annotations

import pytest

from jalint.options import FrozenOptionsError, RuleOptions, option
from jalint.registry import rule_class


class Widths(RuleOptions):
    max: int = option(100, "Longest allowed.")
    skip: tuple[str, ...] = option((), "Skipped text.", regex=True)


class Checked(Widths):
    min: int = option(0, "Shortest allowed.")

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError("min must not exceed max")


def test_defaults_keywords_and_positions() -> None:
    assert (Widths().max, Widths().skip) == (100, ())
    assert Widths(max=5).max == 5 and Widths(5, ("a",)).skip == ("a",)
    assert list(Checked.fields) == ["max", "skip", "min"]  # inherited first, as a dataclass orders them
    assert Checked.fields["skip"].regex and Checked.fields["max"].help == "Longest allowed."


def test_unknown_or_doubled_options_are_errors() -> None:
    with pytest.raises(TypeError, match="no option 'maxx'"):
        Widths(maxx=3)
    with pytest.raises(TypeError, match="twice"):
        Widths(3, max=4)
    with pytest.raises(TypeError, match="at most 2"):
        Widths(1, (), 3)


def test_post_init_validates_on_construction_and_replace() -> None:
    with pytest.raises(ValueError, match="min must not exceed max"):
        Checked(max=3, min=4)
    with pytest.raises(ValueError):
        Checked(max=10, min=2).replace(max=1)
    assert Checked(max=10, min=2).replace(max=20) == Checked(20, (), 2)


def test_immutable_equal_hashable_and_repr_like_a_dataclass() -> None:
    options = Widths(max=7)
    with pytest.raises(FrozenOptionsError):
        options.max = 8
    with pytest.raises(FrozenOptionsError):
        del options.max
    assert options == Widths(7) and options != Widths(8) and options != Checked(7)
    assert len({options, Widths(7), Widths()}) == 2
    # The result cache keys on this text: it must stay what the dataclass printed.
    assert repr(options) == "Widths(max=7, skip=())"
    assert repr(Widths.replace(Widths(), skip=("x",))) == "Widths(max=100, skip=('x',))"


def test_every_rule_declares_its_options_this_way() -> None:
    rule = rule_class("long-sentence")
    assert issubclass(rule.Options, RuleOptions)
    assert repr(rule.Options()) == "Options(max=100, skip_patterns=(), skip_url_string_link=True)"
    assert set(rule.option_fields()) == {"max", "skip-patterns", "skip-url-string-link"}
