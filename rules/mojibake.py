"""## What it finds
Broken or invisible characters: U+FFFD, mojibake, non-NFC kana, control and zero-width characters.

Both the body and the front matter are checked for:

- the replacement character U+FFFD (�), left where a decoder gave up;
- mojibake: UTF-8 text that was read as Shift_JIS/CP932 (縺薙ｓ縺ｫ縺｡縺ｯ,
  譁・ｭ怜喧縺) or as Latin-1/CP1252 (cafÃ©, â€™, ã‚¢);
- text that is not in Unicode NFC: a kana followed by the combining (han)dakuten
  U+3099/U+309A (か + U+3099 instead of が), or a Latin letter with a separate
  combining accent; and a kana followed by the spacing marks ゛ or ゜
  (U+309B/U+309C) where one composed kana exists (「ハ゜ソコン」 for パソコン);
- control characters other than tab, line feed and carriage return (C0, DEL, C1);
- invisible format characters: U+200B ZERO WIDTH SPACE, U+200C, U+200D (except
  inside emoji sequences such as 👨‍👩‍👧 and in scripts that need them),
  U+2060 WORD JOINER, U+FEFF inside the text, and bidirectional controls
  (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) in text without right-to-left script.

Code blocks and inline code are skipped (an article about mojibake may show
examples there). Each run of the same problem is reported once.

## Why it matters
Mojibake and U+FFFD are visible damage. Decomposed kana look right in most
fonts but break search, copy and paste, and duplicate detection (が and
か + U+3099 compare unequal). Invisible characters break words, links and
front-matter values without anyone seeing why.

## Example
```markdown
この記事では、AIを使った文書管理を紹介します。導入は簡単です。

文字化けした段落：縺薙ｓ縺ｫ縺｡縺ｯ

変換に失敗した文字�が残っています。
```

## Use instead
```markdown
この記事では、AIを使った文書管理を紹介します。導入は簡単です。

家族の絵文字 👨‍👩‍👧 は結合子で一つの絵文字になります。

文字化けの例としては `縺薙ｓ縺ｫ縺｡縺ｯ` のような文字列がよく知られています。
```

## Options
- `invisible` (default true): report zero-width and bidirectional control characters.
- `normalization` (default true): report text that is not in NFC (combining marks)
  and kana written with a spacing ゛/゜.
- `allowed-characters` (default `()`): characters never reported, as literal
  characters or `U+XXXX` code points (e.g. `["U+200B"]` for a site that uses
  zero-width spaces as line-break hints).
- `check-code` (default false): report control characters inside code blocks
  and inline code too (the other checks always skip code).
- `check-image` (default true): report control characters in an image's alt
  text and title (`![alt](url "title")`).

## Fix safety
Safe for non-NFC text (the span is replaced by its NFC form, which looks the
same) and for zero-width characters (deleted). Unsafe for a spacing ゛/゜ (joined
to its kana: the text looks slightly different), bidirectional
controls, control characters (deleted) and Latin-1 mojibake (replaced by the
re-decoded text, which is almost always right but changes visible text). No
fix for U+FFFD and Shift_JIS mojibake: the lost bytes cannot be recovered.
CJK compatibility ideographs are never normalised: NFC would change how a
name is written.

## textlint
Replaces three rules of textlint-rule-preset-ja-technical-writing (the first
and the last two are also in textlint-rule-preset-japanese):
`no-nfd` (textlint-rule-no-nfd), `no-zero-width-spaces`
(textlint-rule-no-zero-width-spaces) and `no-invalid-control-character`
(@textlint-rule/textlint-rule-no-invalid-control-character). The last
one's options `allow`, `checkCode` and `checkImage` correspond to
`allowed-characters`, `check-code` and `check-image`. It covers more than they do: mojibake, U+FFFD, the
other invisible characters, decomposed Latin accents and the front matter.
Deliberate differences: a kana with a combining voiced mark is reported in
link text, emphasis and blockquotes too (`no-nfd` skips them); a spacing
voiced mark after a kana that has no voiced form (「ア゛」) is left alone, and
the fix that joins a spacing mark to its kana is unsafe (`no-nfd`'s is
applied by `--fix`); bidirectional controls are left alone
on lines with right-to-left script; a run of the same invisible or control
character is one finding, not one per character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from jalint.document import Document
from jalint.inline import CODE, IMAGE
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._counting import inside


class Options(RuleOptions):
    invisible: bool = option(True, "Report zero-width and bidirectional control characters.")
    normalization: bool = option(True, "Report text that is not in Unicode NFC (combining marks).")
    allowed_characters: tuple[str, ...] = option((), "Characters (or U+XXXX) never reported.")
    check_code: bool = option(False, "Report control characters inside code blocks and inline code too.")
    check_image: bool = option(True, "Report control characters in an image's alt text and title.")


class Problem(NamedTuple):
    """A candidate finding; `priority` decides which of two overlapping problems is kept."""

    span: Span
    message: str
    fix: Fix | None
    priority: int
    control: bool = False  # a control character (the one kind `check-image` and `check-code` are about)


# -- character names -----------------------------------------------------------
ZERO_WIDTH = {
    "\u200b": "ゼロ幅スペース",
    "\u200c": "ゼロ幅非接合子",
    "\u200d": "ゼロ幅接合子",
    "\u2060": "ワードジョイナー",
    "\ufeff": "ゼロ幅ノーブレークスペース（BOM）",
}
BIDI = {
    "\u200e": "左から右へのマーク",
    "\u200f": "右から左へのマーク",
    **{chr(c): "双方向テキストの埋め込み・上書き制御" for c in range(0x202A, 0x202F)},
    **{chr(c): "双方向テキストの分離制御" for c in range(0x2066, 0x206A)},
}
_INVISIBLE_RUN = re.compile("[" + "".join(ZERO_WIDTH) + "".join(BIDI) + "]+")
_CONTROL_RUN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_REPLACEMENT_RUN = re.compile("\ufffd+")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _names(run: str) -> str:
    """`ゼロ幅スペース U+200B` for each distinct character of a run, in order."""
    seen = dict.fromkeys(run)
    return "、".join(
        f"{ZERO_WIDTH.get(ch) or BIDI.get(ch) or unicodedata.name(ch, '制御文字')} {_code_point(ch)}" for ch in seen
    )


# -- the rule ----------------------------------------------------------------------
class Mojibake(Rule[Options]):
    name = "mojibake"
    category = "notation"
    scope = "document"
    severity = "error"
    fix_safety = "safe"
    textlint = ("no-nfd", "no-zero-width-spaces", "no-invalid-control-character")
    # no-invalid-control-character's options (no-nfd and no-zero-width-spaces have none)
    textlint_options = {"allow": "allowed-characters", "checkCode": "check-code", "checkImage": "check-image"}
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        allowed = _allowed(self.options.allowed_characters)
        skipped = _skipped_spans(doc)
        problems: list[Problem] = []
        for start, end in _regions(doc, skipped):
            text = doc.text[start:end]
            problems += _shift_jis_mojibake(text, start)
            problems += _latin1_mojibake(text, start)
            problems += _replacement_characters(text, start)
            problems += _control_characters(text, start)
            if self.options.invisible:
                problems += _invisible_characters(text, start)
            if self.options.normalization:
                problems += _non_nfc(text, start)
                problems += _spacing_voiced_marks(text, start)
        if self.options.check_code:
            for span in skipped:
                problems += _control_characters(doc.text[span.start : span.end], span.start)
        if not self.options.check_image:
            images = [m.span() for m in IMAGE.finditer(doc.text)]  # `![alt](url "title")`
            problems = [p for p in problems if not (p.control and inside(images, p.span.start, p.span.end))]
        for problem in _strongest(problems):
            if not set(doc.text[problem.span.start : problem.span.end]) <= allowed:
                yield Finding(problem.span, problem.message, fix=problem.fix)


def _allowed(values: tuple[str, ...]) -> set[str]:
    chars: set[str] = set()
    for value in values:
        match = re.fullmatch(r"[Uu]\+([0-9A-Fa-f]{4,6})", value.strip())
        chars.update(chr(int(match.group(1), 16)) if match else value)
    return chars


def _strongest(problems: list[Problem]) -> list[Problem]:
    """Drop problems inside a stronger one (U+FFFD inside a mojibake run is one finding)."""
    kept: list[Problem] = []
    starts: list[int] = []
    for problem in sorted(problems, key=lambda p: (p.priority, p.span.start)):
        index = bisect.bisect_right(starts, problem.span.start)
        neighbours = kept[max(0, index - 1) : index + 1]
        if any(problem.span.overlaps(other.span) for other in neighbours):
            continue
        starts.insert(index, problem.span.start)
        kept.insert(index, problem)
    return kept


# -- where to look -------------------------------------------------------------------
def _skipped_spans(doc: Document) -> list[Span]:
    """Code blocks and inline code spans: examples of broken text are allowed there."""
    spans = [block.span for block in doc.blocks if block.kind == "code"]
    masked, text = doc.masked, doc.text
    for match in re.finditer(f"{CODE}+", masked):
        if match.start() > 0 and text[match.start() - 1] == "`":
            spans.append(Span(match.start(), match.end()))
    return sorted(spans)


def _regions(doc: Document, skipped: list[Span]) -> Iterator[tuple[int, int]]:
    """The whole file (front matter included) minus the skipped spans."""
    cursor = 0
    for span in skipped:
        if span.start > cursor:
            yield cursor, span.start
        cursor = max(cursor, span.end)
    if cursor < len(doc.text):
        yield cursor, len(doc.text)


# -- detectors (each returns problems with file offsets) -----------------------------
def _replacement_characters(text: str, base: int) -> list[Problem]:
    problems = []
    for match in _REPLACEMENT_RUN.finditer(text):
        count = len(match.group())
        what = "があります" if count == 1 else f"が {count} 個続いています"
        message = f"置換文字 U+FFFD（�）{what}。変換に失敗した跡なので、元の文字に直してください。"
        problems.append(Problem(Span(base + match.start(), base + match.end()), message, None, 3))
    return problems


def _control_characters(text: str, base: int) -> list[Problem]:
    problems = []
    for match in _CONTROL_RUN.finditer(text):
        span = Span(base + match.start(), base + match.end())
        names = "、".join(_code_point(ch) for ch in dict.fromkeys(match.group()))
        message = f"制御文字 {names} があります。表示されない文字なので削除してください。"
        problems.append(Problem(span, message, Fix.delete(span, "unsafe"), 4, control=True))
    return problems


def _invisible_characters(text: str, base: int) -> list[Problem]:
    problems = []
    for match in _INVISIBLE_RUN.finditer(text):
        run = "".join(ch for ch in match.group() if not _legitimate_joiner(text, match, ch))
        if not run or (set(run) <= set(BIDI) and _has_rtl(text, match.start())):
            continue
        span = Span(base + match.start(), base + match.end())
        safe = set(run) <= set(ZERO_WIDTH)
        message = f"見えない文字（{_names(run)}）があります。削除してください。"
        problems.append(Problem(span, message, Fix.delete(span, "safe" if safe else "unsafe"), 5))
    return problems


def _legitimate_joiner(text: str, match: re.Match[str], ch: str) -> bool:
    """A lone ZWJ/ZWNJ that builds an emoji sequence or shapes a script that needs it."""
    if ch not in "\u200c\u200d" or len(match.group()) != 1:
        return False
    before = text[match.start() - 1] if match.start() > 0 else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if ch == "\u200d" and _is_emoji_part(before) and _is_emoji_part(after):
        return True
    return _is_joining_script(before) and _is_joining_script(after)


def _is_emoji_part(ch: str) -> bool:
    if not ch:
        return False
    point = ord(ch)
    return (
        point >= 0x1F000
        or 0x2600 <= point <= 0x27BF
        or 0x2B00 <= point <= 0x2BFF
        or point in (0xFE0F, 0x2640, 0x2642, 0x2695, 0x2696, 0x2708, 0x2764)
    )


def _is_joining_script(ch: str) -> bool:
    """Arabic, Persian, Syriac and the Indic scripts use ZWJ/ZWNJ for shaping."""
    return bool(ch) and (0x0600 <= ord(ch) <= 0x0DFF or 0x0590 <= ord(ch) <= 0x05FF)


def _has_rtl(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return bool(_RTL.search(text, line_start, len(text) if line_end < 0 else line_end))


def _non_nfc(text: str, base: int) -> list[Problem]:
    """Base character + combining marks whose NFC form differs (か + U+3099 → が)."""
    if unicodedata.is_normalized("NFC", text):
        return []
    problems = []
    i = 0
    while i < len(text):
        if not unicodedata.combining(text[i]):
            i += 1
            continue
        start = i - 1 if i > 0 and not unicodedata.combining(text[i - 1]) else i
        end = i
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        sequence = text[start:end]
        composed = unicodedata.normalize("NFC", sequence)
        if composed != sequence:
            span = Span(base + start, base + end)
            marks = "、".join(_code_point(ch) for ch in sequence if unicodedata.combining(ch))
            shown = sequence[0] if not unicodedata.combining(sequence[0]) else ""
            message = (
                f"「{shown}」と結合文字 {marks} が分かれています（NFC ではありません）。"
                f"合成済みの「{composed}」に直してください。"
            )
            problems.append(Problem(span, message, Fix.replace(span, composed, "safe"), 6))
        i = end
    return problems


# A kana followed by a spacing (han)dakuten, ゛ U+309B or ゜ U+309C, standing for the combining one.
_SPACING_MARK = re.compile("([\u3041-\u3096\u309d\u30a1-\u30fa\u30fd])([\u309b\u309c])")
_COMBINING_FOR = {"\u309b": "\u3099", "\u309c": "\u309a"}


def _spacing_voiced_marks(text: str, base: int) -> list[Problem]:
    """A kana written with a separate spacing ゛/゜ where one composed kana exists (ハ゜ → パ).

    Old input methods and some converters write the mark as a character of its
    own; it looks almost right but the word is not the word (search, sorting and
    duplicate detection miss it). A mark after a kana that has no voiced form
    (ア゛) is left alone: nothing composes, and it is written on purpose.
    """
    if "\u309b" not in text and "\u309c" not in text:
        return []
    problems = []
    for match in _SPACING_MARK.finditer(text):
        kana, mark = match.groups()
        composed = unicodedata.normalize("NFC", kana + _COMBINING_FOR[mark])
        if len(composed) != 1:
            continue
        span = Span(base + match.start(), base + match.end())
        name = "濁点" if mark == "\u309b" else "半濁点"
        message = f"「{kana}{mark}」は{name}が別の文字になっているので、1文字の「{composed}」に直してください。"
        problems.append(Problem(span, message, Fix.replace(span, composed, "unsafe"), 6))
    return problems


# -- mojibake: UTF-8 read as Latin-1 / CP1252 ----------------------------------------
def _cp1252_bytes() -> dict[str, int]:
    table = {chr(b): b for b in range(0x80, 0x100)}  # Latin-1 (also C1 controls)
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _cp1252_bytes()
# U+FFFD stands for a byte CP1252 cannot show (81, 8D, 8F, 90, 9D): a continuation
# byte whose value is lost, so the text is still recognisable but not repairable.
_LOST = 0x80
_LATIN1_RUN = re.compile("[" + re.escape("".join(sorted(_CP1252))) + "\ufffd]{2,}")


def _plausible(decoded: str) -> bool:
    """Decoded text a writer might really have meant (not NKo or Syriac by accident)."""
    point = ord(decoded)
    return (
        0xA0 <= point <= 0x24F
        or 0x370 <= point <= 0x4FF
        or 0x2000 <= point <= 0x2BFF
        or 0x3000 <= point <= 0x9FFF
        or 0xAC00 <= point <= 0xD7AF
        or 0xFF00 <= point <= 0xFFEF
        or point == 0xFEFF  # a BOM read as Latin-1: ï»¿
        or point >= 0x1F000
    )


def _utf8_sequences(data: bytes, lost: set[int]) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, character) of each valid, plausible multi-byte UTF-8 sequence.

    The character is None when the sequence contains a lost byte: it is
    mojibake for sure, but what it stood for is unknown.
    """
    i = 0
    while i < len(data):
        lead = data[i]
        length = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if length and i + length <= len(data):
            unknown = any(j in lost for j in range(i + 1, i + length))
            try:
                decoded = data[i : i + length].decode("utf-8")
            except UnicodeDecodeError:
                decoded = ""
            if len(decoded) == 1 and (unknown or _plausible(decoded)) and i not in lost:
                yield i, i + length, None if unknown else decoded
                i += length
                continue
        if _cut_off_punctuation(data[i:]):
            yield i, len(data), None
            return
        i += 1


def _cut_off_punctuation(rest: bytes) -> bool:
    """`â€` or `ã€` at the end of a run: a quote, dash or kana whose last byte was dropped."""
    return len(rest) == 2 and rest[0] in (0xE2, 0xE3) and 0x80 <= rest[1] <= 0x83


def _latin1_mojibake(text: str, base: int) -> list[Problem]:
    problems = []
    for match in _LATIN1_RUN.finditer(text):
        run = match.group()
        data = bytes(_LOST if ch == "\ufffd" else _CP1252[ch] for ch in run)
        lost = {i for i, ch in enumerate(run) if ch == "\ufffd"}
        for start, end, decoded in _merge_sequences(_utf8_sequences(data, lost)):
            span = Span(base + match.start() + start, base + match.start() + end)
            garbled = run[start:end]
            head = f"UTF-8 を Latin-1（CP1252）として読んだ文字化け「{garbled}」があります。"
            if decoded is None:
                problems.append(Problem(span, head + "元の文章に書き直してください。", None, 2))
                continue
            decoded = decoded.replace("\ufeff", "")
            advice = f"元の文字「{decoded}」に直してください。" if decoded else "BOM の残骸なので削除してください。"
            problems.append(Problem(span, head + advice, Fix.replace(span, decoded, "unsafe"), 2))
    return problems


def _merge_sequences(sequences: Iterator[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """Adjacent sequences form one garbled word, reported once (unrepairable if any part is)."""
    merged: list[tuple[int, int, str | None]] = []
    for start, end, decoded in sequences:
        if merged and merged[-1][1] == start:
            first, _, text = merged[-1]
            merged[-1] = (first, end, None if text is None or decoded is None else text + decoded)
        else:
            merged.append((start, end, decoded))
    return merged


# -- mojibake: UTF-8 read as Shift_JIS / CP932 ---------------------------------------
# Lead characters of UTF-8 kana and punctuation read as CP932 (E3 80-83 → 縲縺繧繝):
# frequent in mojibake, practically absent from real Japanese.
_SJIS_STRONG = frozenset("縺繧繝縲")
# CP932 characters that UTF-8 kanji turn into, also rare in real text.
_SJIS_WEAK = frozenset("薙吶峨溘翫輔帙悶壹隕荳譛陦騾螳謚倥螟髢逧蛹諤逕貞菴噪莨閭蜉譁蛻狗蜷譌蟄隱險驕蜈蜿蝗莠")
_SJIS_LEADS = re.compile("[" + "".join(sorted(_SJIS_STRONG | _SJIS_WEAK)) + "]")
_SJIS_GAP = 2  # non-suspect characters allowed between two suspects of one run
_SJIS_MIN_SCORE = 3


def _sjis_weight(ch: str) -> int:
    if ch in _SJIS_STRONG:
        return 2
    if ch in _SJIS_WEAK or ch == "\ufffd" or "\uff61" <= ch <= "\uff9f" or "\ue000" <= ch <= "\uf8ff":
        return 1
    return 0


def _shift_jis_mojibake(text: str, base: int) -> list[Problem]:
    if not _SJIS_LEADS.search(text):  # every reported run holds a lead character
        return []
    problems = []
    for start, end, score, strong, weak in _sjis_clusters(text):
        if (strong and score >= _SJIS_MIN_SCORE) or (weak >= 2 and score >= _SJIS_MIN_SCORE + 1):
            span = Span(base + start, base + end)
            message = (
                f"UTF-8 を Shift_JIS（CP932）として読んだ文字化け「{text[start:end]}」があります。"
                "元の文章に書き直してください。"
            )
            problems.append(Problem(span, message, None, 1))
    return problems


def _sjis_clusters(text: str) -> Iterator[tuple[int, int, int, int, int]]:
    """Runs of suspect characters: (start, end, score, strong suspects, weak kanji suspects)."""
    start = end = -1
    score = strong = weak = gap = 0
    for i, ch in enumerate(text):
        weight = _sjis_weight(ch)
        if weight:
            if start < 0:
                start, score, strong, weak = i, 0, 0, 0
            score += weight
            strong += ch in _SJIS_STRONG
            weak += ch in _SJIS_WEAK
            end, gap = i + 1, 0
            continue
        if start >= 0:
            gap += 1
            if gap > _SJIS_GAP or ch.isspace() or ch.isascii():
                yield start, _with_trail(text, end), score, strong, weak
                start = -1
    if start >= 0:
        yield start, _with_trail(text, end), score, strong, weak


def _with_trail(text: str, end: int) -> int:
    """Include the character after a final lead character: it is the second half of its byte pair."""
    last = text[end - 1]
    if last not in _SJIS_STRONG and last not in _SJIS_WEAK:
        return end
    if end < len(text) and not text[end].isspace() and not text[end].isascii() and text[end] not in "。、":
        return end + 1
    return end
