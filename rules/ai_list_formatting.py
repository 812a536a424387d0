"""## What it finds
List items that open with a label in the mechanical style of generated text:
a bold label followed by a colon or a dash (`- **重要**: …`, `- **注意:** …`,
`- **手順** - …`), or a decorative emoji (`- ✅ …`, `- 🚀 …`). Each list is
reported once per habit, at its first label or emoji; the finding names how
many of its items carry one (nested items count with the list that holds
them) and lists the others as related places, so a post whose lists all open
with bold labels gets one finding per list, not one per line. A list copied
whole from earlier in the post is left to `duplicate-paragraph`.

Emoji later in an item's text, quotations (list items inside a blockquote),
labels written without bold (`- 重要: …`) and a bold label that is the whole
first line of an item with a nested list under it (an outline's parent item,
`- **モデル選定**:` over `  - 商用API`) are left alone. Labels that are the whole
first line of their items over paragraphs stand for headings: the message
says so and offers a heading.

## Why it matters
A list in which every item starts with a bold label and a colon reads like a
slide deck that was pasted into a post; the bold labels compete with the
headings, and the colon makes every item a fragment. Decorative emoji at the
start of items are read aloud by screen readers and carry no meaning a word
would not carry better.

## Example
```markdown
- **在庫管理**: 入荷と出荷を同じ画面で記録できます。
- ✅ 棚卸しの手間が減りました。
```

## Use instead
```markdown
- 在庫管理では、入荷と出荷を同じ画面で記録できます。
- 棚卸しの手間が減りました。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  an item whose first line contains a match is not reported.
- `report-each-item` (default false): one finding per item, as textlint
  reports them, instead of one per list.
- `disable-bold-list-items` (default false): do not report bold labels.
- `disable-emoji-list-items` (default false): do not report emoji labels.

The emoji are data in `ai_list_formatting.toml` next to this module.

## Fix safety
Unsafe fix: it takes the bold off every reported label of the list
(`- **費用**: …` becomes `- 費用: …`, the preset's natural form) or deletes the
opening emoji and the space after it. No word is removed, but whether a label
should stay, become part of the sentence or become a heading is the writer's
choice, so plain `--fix` leaves it alone. A label alone on its line over
paragraphs gets no fix: without the bold it would be a bare line ending in a
colon, and turning the item into a heading is the writer's rewrite.

## textlint
Replaces `no-ai-list-formatting` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableBoldListItems`, `disableEmojiListItems`.
Deliberate differences:
- One finding per list (its other items are related places), where textlint
  reports every item; `report-each-item = true` restores one per item. Careful
  readers judged a post with 150 labelled items to have one habit to change,
  not 150 (docs/accuracy.md).
- A colon inside the bold (`- **注意:** …`) is reported too; textlint only
  matches `**注意**:`, yet generated posts write the colon inside the bold at
  least as often.
- An emoji is reported only where it opens the item (`- 🔥 話題の機能`);
  textlint reports a listed emoji anywhere in the item, including the nested
  items below it, so a parent item is reported again for its children's emoji
  (`- 結果` over `  - 成功しました🎉` gave two findings).
- `allows` is tested against the item's first line, not the whole item with
  its nested items.
- Items inside a blockquote are quotations and are not reported.
- A bold label does not make a list item a pseudo-heading: `pseudo-heading`
  only looks at top-level paragraphs, so the two rules never meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from jalint.document import Document
from jalint.rule import Edit, Finding, Fix, option, Related, Rule, RuleOptions
from jalint.positions import Span
from jalint.rules._ai_writing import bold_label, emoji_label, item_openings, ItemOpening, LIST_MARKER, list_emoji_pattern
from jalint.rules._paragraphs import in_repeated_text
from jalint.rules._prose import compile_allow

_SEPARATOR_NAMES = {":": "コロン", "：": "コロン", "-": "ハイフン", "—": "ダッシュ", "–": "ダッシュ"}
_NAMED_LABELS = 2  # labels a message quotes before "ほか"


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose list items are not reported.")
    disable_bold_list_items: bool = option(False, "Do not report bold labels such as `- **重要**: …`.")
    disable_emoji_list_items: bool = option(False, "Do not report emoji labels such as `- ✅ …`.")
    report_each_item: bool = option(False, "One finding per list item (textlint's reading) instead of one per list.")


class Label(NamedTuple):
    """One reported label: where it stands, what it says, and the fix's edit for it."""

    span: Span
    word: str
    kind: str  # the separator's name for bold labels; "絵文字" for emoji
    edit: Edit
    alone: bool = False  # a bold label with nothing after it on its line: it stands for a heading


class AiListFormatting(Rule[Options]):
    name = "ai-list-formatting"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    textlint = ("no-ai-list-formatting",)
    textlint_options = {
        "allows": "allows",
        "disableBoldListItems": "disable-bold-list-items",
        "disableEmojiListItems": "disable-emoji-list-items",
    }
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        if "**" not in doc.text and not self._maybe_emoji(doc.text):
            return
        allowed = compile_allow(self.options.allows)
        findings: list[Finding] = []
        for items in _lists(doc, item_openings(doc)):
            items = [opening for opening in items if not allowed(opening.text)]
            habits = []
            if not self.options.disable_bold_list_items:
                habits.append([label for opening in items if (label := _bold(doc, opening))])
            if not self.options.disable_emoji_list_items:
                habits.append([label for opening in items if (label := _emoji(doc, opening))])
            for habit in habits:
                # Labels in copied text were reported where the text first stood: a list copied whole is not
                # reported again, and a list with copied and new items is reported at its first new label (the
                # engine drops a finding that starts in copied text), still as the whole list, so the count and
                # the fix cover all its items.
                fresh = [index for index, label in enumerate(habit) if not in_repeated_text(doc, label.span)]
                if self.options.report_each_item:
                    findings.extend(_finding([habit[index]], 0) for index in fresh)
                elif fresh:
                    findings.append(_finding(habit, fresh[0]))
        yield from sorted(findings, key=lambda finding: finding.span.start)

    def _maybe_emoji(self, text: str) -> bool:
        return not self.options.disable_emoji_list_items and list_emoji_pattern().search(text) is not None


def _finding(labels: list[Label], anchor: int) -> Finding:
    """One finding for a list's labels of one habit, placed at `labels[anchor]`, the others related."""
    first = labels[anchor]
    items = "箇条書きの項目" if len(labels) == 1 else f"箇条書きの{len(labels)}項目"
    named = f"「{first.word}」" if len(labels) == 1 else f"（{_quoted(labels, first)}）"
    related = tuple(
        Related(label.span, f"同じ形のラベル「{label.word}」") for index, label in enumerate(labels) if index != anchor
    )
    if all(label.alone for label in labels):
        # `- **在庫の管理**:` alone on its line over the item's paragraphs: taking the bold off would leave a bare
        # line ending in a colon, so the message offers a heading and there is no fix.
        message = f"{items}が太字のラベル{named}だけの行で始まり、見出しの代わりになっているので、見出しにするか、ラベルを文に組み込んでください。"
        return Finding(first.span, message, related)
    fix = Fix(tuple(label.edit for label in labels if not label.alone), "unsafe")
    if first.kind == "絵文字":
        what = f"絵文字{named}"
        advice = "絵文字を外し、必要なら言葉で書いてください。"
    else:
        kinds = {label.kind for label in labels}
        separator = first.kind if len(kinds) == 1 else "コロンなどの区切り記号"
        what = f"太字のラベル{named}と{separator}"
        advice = "太字を外すか、ラベルを文に組み込んでください。"
    return Finding(first.span, f"{items}が{what}で始まっているので、{advice}", related, fix)


def _quoted(labels: list[Label], first: Label) -> str:
    words = list(dict.fromkeys([first.word, *(label.word for label in labels)]))
    shown = "".join(f"「{word}」" for word in words[:_NAMED_LABELS])
    return shown + ("ほか" if len(words) > _NAMED_LABELS else "")


def _bold(doc: Document, opening: ItemOpening) -> Label | None:
    label = bold_label(opening)
    if label is None:
        return None
    span, word, separator = label
    alone = not opening.text[span.end - opening.line_start :].strip()
    if alone and _nested_list_follows(doc, opening):
        return None  # an outline's parent item (「- **モデル選定**:」 over its sub-list): the bold stands for the level
    plain = doc.text[span.start : span.end].replace("**", "")
    return Label(span, word, _SEPARATOR_NAMES.get(separator, "区切り記号"), Edit(span, plain), alone)


def _emoji(doc: Document, opening: ItemOpening) -> Label | None:
    mark = emoji_label(opening, list_emoji_pattern())
    if mark is None:
        return None
    span, emoji = mark
    end = span.end
    while end < len(doc.text) and doc.text[end] in " \t":
        end += 1
    return Label(span, emoji, "絵文字", Edit(Span(span.start, end), ""))  # the emoji and the space after it


def _lists(doc: Document, openings: list[ItemOpening]) -> list[list[ItemOpening]]:
    """The item openings grouped into the outermost lists they belong to, in order.

    Items belong to one list while they share the marker's indentation and kind (`-`, `*`, `+`,
    `1.` or `1)`, as CommonMark starts a new list on a new kind) and no top-level block other than a list
    stands between them. Nested items belong to the list that holds them: labels on every level of an
    outline are one habit of one list.
    """
    lists: list[list[ItemOpening]] = []
    current: list[ItemOpening] = []
    outer: tuple[int, str] = (-1, "")  # indentation and marker kind of the current list's own items
    previous = -1
    for opening in openings:
        if previous >= 0 and any(
            not block.container and block.kind != "list_item" for block in doc.blocks[previous + 1 : opening.block_index]
        ):
            current = []
        previous = opening.block_index
        marker = opening.text[: opening.body].expandtabs(4)
        indent = len(marker) - len(marker.lstrip())
        stripped = marker.strip()
        kind = stripped[-1] if stripped[:1].isdigit() else stripped
        if not current or indent < outer[0] or (indent == outer[0] and kind != outer[1]):
            current = []
            lists.append(current)
            outer = (indent, kind)
        current.append(opening)
    return lists


def _nested_list_follows(doc: Document, opening: ItemOpening) -> bool:
    """The item's next non-blank line is a nested list item: its first line names the sub-list.

    「- **モデル選定**:」 over 「  - 商用API」「  - オープンソース」 is an outline's parent item;
    there is no sentence to work the label into.
    """
    block = doc.blocks[opening.block_index]
    for line in range(block.line + 1, block.end_line + 1):
        text = doc.lines.line_text(line)
        if text.strip():
            return text[:1] in " \t" and LIST_MARKER.match(text) is not None
    return False
