"""Property tests: every rule on generated posts, hunting crashes no hand-written case thought of.

Hypothesis (a well-kept property-testing library that also shrinks a failing
post to a minimal one) builds posts from the pieces generated articles are made
of and the pieces that break parsers: front matter in YAML, TOML or broken,
headings with and without a space, bold lines, lists, tables, fences left
open, HTML and Liquid, brackets and emphasis left open, quotes, numbers,
control and zero-width characters, and LF, CRLF and lone CR line ends mixed.

For every post, with every rule on (the opt-in style rules too):
- no rule crashes (an `internal-error` finding is a crash caught by the engine);
- every finding lies inside the text, on a line the text has;
- applying every fix, safe and unsafe, until nothing is left to fix, ends
  (within the engine's pass limit) and leaves text that lints without a crash,
  and fixing that text again changes nothing.

The default profile runs a few dozen posts so the suite stays fast; set
JALINT_HYPOTHESIS_PROFILE=long for thousands (see docs/reliability.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jalint.config import Config, cli_layer  # noqa: E402
from jalint.engine import lint_decoded  # noqa: E402
from jalint.fixes import fix_until_stable  # noqa: E402
from jalint.source import Source, decode  # noqa: E402

settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("JALINT_HYPOTHESIS_PROFILE", "default"))

_WORDS = ["生成AI", "倉庫", "の", "が", "は", "を", "に", "で", "と", "も", "です", "ます", "である", "した",
          "かもしれません", "することができる", "75%以上の企業", "3000万ドル", "一つ", "1つ", "ｶﾀｶﾅ", "ABC", "ai",
          "、", "。", "！", "？", "「", "」", "『", "』", "（", "）", "(", ")", "：", ":", "・", "…", "ー",
          "**", "*", "_", "`", "[", "]", "](", "](https://example.com/x)", "<!--", "-->", "{%", "%}", "{{", "}}",
          "<br>", "<div>", "https://example.com/a_b", "\u200b", "\u0007", "\ufffd", "\u3099", "か\u3099", "⼈",
          " ", "\u3000", "\t", "#", "> ", "- ", "1. ", "|", "---", "```", "~~~", "\\"]
_LINE_ENDS = ["\n", "\r\n", "\r"]


def _inline() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=0, max_size=25).map("".join)


def _block() -> st.SearchStrategy[str]:
    line = _inline()
    return st.one_of(
        line,
        st.builds(lambda n, text: "#" * n + " " + text, st.integers(1, 7), line),
        st.builds(lambda text: "#" + text, line),
        st.builds(lambda text: f"**{text}**", line),
        st.builds(lambda items: "\n".join(f"- {item}" for item in items), st.lists(line, min_size=1, max_size=4)),
        st.builds(lambda rows: "| a | b |\n|---|---|\n" + "\n".join(f"| {r} | x |" for r in rows),
                  st.lists(line, max_size=3)),
        st.builds(lambda body, closed: f"```python\n{body}\n" + ("```" if closed else ""), line, st.booleans()),
        st.builds(lambda text: f"> {text}", line),
        st.builds(lambda text: f"{text}\n---", line),
        st.builds(lambda text: f"{text}\n{text}", line),  # a paragraph repeated on the next line
    )


def _front_matter() -> st.SearchStrategy[str]:
    value = _inline().map(lambda text: text.replace('"', "'"))
    return st.one_of(
        st.just(""),
        st.builds(lambda title, excerpt, tags: f'---\ntitle: "{title}"\nexcerpt: "{excerpt}"\ntags: [{tags}]\n'
                  'date: 2025-11-05 09:00:00 +0900\n---\n', value, value, value),
        st.builds(lambda title: f'+++\ntitle = "{title}"\n+++\n', value),
        st.builds(lambda junk: f"---\n{junk}\n", _inline()),  # never closed
        st.builds(lambda junk: f"---\ntitle: [{junk}\n---\n", _inline()),  # invalid YAML
    )


@st.composite
def posts(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_block(), min_size=0, max_size=8))
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=len(blocks), max_size=len(blocks)))
    text = draw(_front_matter()) + "".join(block + sep for block, sep in zip(blocks, separators, strict=True))
    ending = draw(st.sampled_from(_LINE_ENDS))
    return text.replace("\n", ending) if ending != "\n" else text


_CONFIG = Config(None, Path("."))
_CONFIG.cli = cli_layer(("ALL",), ())
ACTIVE = _CONFIG.active_rules(None)


def _lint(text: str) -> list:
    decoded = decode("post.md", text.encode("utf-8"))
    result = lint_decoded("post.md", decoded, ACTIVE)
    crashes = [d.message for d in result.diagnostics if d.rule == "internal-error"]
    assert not crashes, crashes
    return result.diagnostics


@given(posts())
def test_no_rule_crashes_and_findings_stay_inside_the_text(text: str) -> None:
    diagnostics = _lint(text)
    decoded = decode("post.md", text.encode("utf-8"))
    if not isinstance(decoded, Source):
        return
    lines = len(decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(decoded.text), d
        assert 1 <= d.location.line <= lines and d.location.column >= 1, d


@given(posts())
def test_fixing_everything_ends_and_a_second_fix_changes_nothing(text: str) -> None:
    decoded = decode("post.md", text.encode("utf-8"))
    if not isinstance(decoded, Source):
        return

    def lint(current: str) -> list:
        source = Source(decoded.path, current, decoded.bom, decoded.newline)
        result = lint_decoded("post.md", source, ACTIVE)
        assert not [d for d in result.diagnostics if d.rule == "internal-error"]
        return result.diagnostics

    fixed, _ = fix_until_stable(decoded.text, lint, True, decoded.newline)
    again, _ = fix_until_stable(fixed, lint, True, decoded.newline)
    assert again == fixed


# -- mutations of real-looking posts ---------------------------------------------------------------
# The repository's own example and fixture posts (written for this project), damaged the ways files get
# damaged: cut at any byte, a byte flipped, a slice copied elsewhere (a generator's repeat), line endings
# switched to lone CR, a BOM or a stray `---` put in. Linted from bytes, as `jalint check` reads a file.
_REAL_POSTS = [p.read_bytes() for folder in ("examples/_posts", "tests/fixtures")
               for p in sorted((Path(__file__).resolve().parent.parent / folder).glob("*.md"))]


@st.composite
def mutated_posts(draw) -> bytes:  # noqa: ANN001
    data = bytearray(draw(st.sampled_from(_REAL_POSTS)))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cut", "flip", "copy", "cr", "bom", "rule"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
        elif kind == "copy":
            end = draw(st.integers(at, len(data)))
            data[draw(st.integers(0, len(data))):0] = data[at:end]
        elif kind == "cr":
            data = bytearray(bytes(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
        elif kind == "bom":
            data[0:0] = b"\xef\xbb\xbf"
        else:
            data[at:at] = b"\n---\n"
    return bytes(data)


@given(mutated_posts())
def test_a_damaged_real_post_never_crashes_a_rule(data: bytes) -> None:
    decoded = decode("post.md", data)
    result = lint_decoded("post.md", decoded, ACTIVE)
    assert not [d.message for d in result.diagnostics if d.rule == "internal-error"]
    if isinstance(decoded, Source):
        for d in result.diagnostics:
            assert 0 <= d.span.start <= d.span.end <= len(decoded.text), d
