"""## What it finds
Double negatives: a negation negated again, as in 〜なくはない, 〜なくもない,
〜ないでもない, 〜ないものではない, 〜ないことはない, 〜ないこともない,
〜ないわけではない, 〜ないわけでもない, 〜ないとは言い切れない and
〜ないとは限らない, including their polite forms (〜ないわけではありません).
The patterns are token sequences in `double_negative.toml` beside this module.

Not reported: 〜ないわけではない after 〜からといって in the same sentence
(「資格を取ったからといって、失敗しないわけではない」): it denies an inference,
and an affirmative would lose that logic.

## Why it matters
A double negative makes the reader undo two negations to find a weak
affirmative; in explanatory prose it usually hides a claim the writer did not
want to make plainly. Saying the positive statement, with its real degree
(「一部にはある」「場合によっては起こる」), is clearer.

## Example
```markdown
導入コストが回収できないわけではありません。
```

## Use instead
```markdown
導入コストは3年ほどで回収できます。
```

## Options
- `allows` (default none): text (or `/regex/flags`) that, when it occurs in the
  matched phrase, silences the finding, e.g. `"限らない"` to accept
  〜ないとは限らない as a hedge.

## Fix safety
No fix: the affirmative that replaces a double negative needs the writer's
judgement about how strong the claim is.

## textlint
Replaces `no-double-negative-ja` (textlint-rule-no-double-negative-ja, in
textlint-rule-preset-japanese). Upstream has no options; `allows` is an
addition. Deliberate differences: the polite endings 〜ありません / 〜ません count
as the second negation (upstream only matches ない, so
「ないわけではありません」 passed while 「ないわけではない」 was reported), and
blockquotes are skipped (quoted text is not the writer's).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import compile_allow, load_data, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token

_NEGATION_LEMMAS = frozenset({"ない", "無い"})


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Text or /regex/ that silences a match (textlint `allows` style).")


class Matcher(NamedTuple):
    lemma: frozenset[str] = frozenset()
    surface: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    conjugation: str = ""
    optional: bool = False
    negation: bool = False


class Pattern(NamedTuple):
    label: str
    matchers: tuple[Matcher, ...]


def _as_set(value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    data = load_data("double_negative.toml")
    return tuple(
        Pattern(
            entry["label"],
            tuple(
                Matcher(
                    lemma=_as_set(item.get("lemma")),
                    surface=_as_set(item.get("surface")),
                    pos=_as_set(item.get("pos")),
                    conjugation=item.get("conjugation", ""),
                    optional=item.get("optional", False),
                    negation=item.get("negation", False),
                )
                for item in entry["tokens"]
            ),
        )
        for entry in data["pattern"]
    )


class DoubleNegative(Rule[Options]):
    name = "double-negative"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-double-negative-ja",)
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        if "ない" not in text and "なく" not in text and "無" not in text:
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        allowed = compile_allow(self.options.allows)
        i = 0
        while i < len(tokens):
            if tokens[i].lemma not in _NEGATION_LEMMAS:
                i += 1
                continue
            found = _match_any(tokens, i)
            if found is None:
                i += 1
                continue
            label, end = found
            start = i - 1 if i > 0 and tokens[i - 1].pos in ("動詞", "形容詞", "助動詞", "名詞", "形状詞") else i
            phrase = visible_text(doc.masked[tokens[start].start : tokens[end - 1].end]).strip()
            if not allowed(phrase) and not _refutes_inference(doc, sentence, tokens[start].start, label):
                yield Finding(
                    Span(tokens[start].start, tokens[end - 1].end),
                    f"「{phrase}」は二重否定（{label}）です。肯定の形で、どの程度そうなのかを言い切ってください。",
                )
            i = end


# 「AだからといってBないわけではない」 denies an inference (A does not rule B out): its two negations
# carry the logic, and an affirmative would lose it.
_INFERENCE_MARKERS = ("からといって", "からと言って", "からって")


def _refutes_inference(doc: Document, sentence: Sentence, start: int, label: str) -> bool:
    """The double negative is 〜ないわけではない after 〜からといって earlier in its sentence."""
    if "わけ" not in label:
        return False
    before = visible_text(doc.masked[sentence.span.start : start])
    return any(marker in before for marker in _INFERENCE_MARKERS)


def _match_any(tokens: list[Token], i: int) -> tuple[str, int] | None:
    for pattern in patterns():
        end = _match(pattern.matchers, tokens, i)
        if end is not None:
            return pattern.label, end
    return None


def _match(matchers: tuple[Matcher, ...], tokens: list[Token], i: int) -> int | None:
    """Index after the match of `matchers` starting at token i, or None."""
    if not matchers:
        return i
    matcher, rest = matchers[0], matchers[1:]
    if matcher.negation:
        width = _negation_width(tokens, i)
        return _match(rest, tokens, i + width) if width else None
    if i < len(tokens) and _accepts(matcher, tokens[i]):
        end = _match(rest, tokens, i + 1)
        if end is not None:
            return end
    return _match(rest, tokens, i) if matcher.optional else None


def _accepts(matcher: Matcher, token: Token) -> bool:
    return (
        (not matcher.lemma or token.lemma in matcher.lemma)
        and (not matcher.surface or token.surface in matcher.surface)
        and (not matcher.pos or token.pos in matcher.pos)
        and token.conjugation.startswith(matcher.conjugation)
    )


def _negation_width(tokens: list[Token], i: int) -> int:
    """Tokens taken by a final negation at i: ない/無い (1) or あり+ませ+ん (3); 0 when none."""
    if i >= len(tokens):
        return 0
    token = tokens[i]
    if token.lemma in _NEGATION_LEMMAS and token.pos in ("形容詞", "助動詞"):
        return 1
    if (
        token.lemma == "有る"
        and i + 2 < len(tokens)
        and tokens[i + 1].conjugation_type == "助動詞-マス"
        and tokens[i + 2].conjugation_type == "助動詞-ヌ"
    ):
        return 3
    if token.conjugation_type == "助動詞-マス" and i + 1 < len(tokens) and tokens[i + 1].conjugation_type == "助動詞-ヌ":
        return 2  # 言い切れません / 限りません
    return 0
