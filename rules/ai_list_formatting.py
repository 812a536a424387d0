"""## What it finds
List items that open with a label in the mechanical style of generated text:
a bold label followed by a colon or a dash (`- **重要**: …`, `- **注意:** …`,
`- **手順** - …`), or a decorative emoji (`- ✅ …`, `- 🚀 …`). Each item is
reported once per habit, at the label or the emoji.

Emoji later in an item's text, quotations (list items inside a blockquote),
labels written without bold (`- 重要: …`) and a bold label that is the whole
first line of an item with a nested list under it (an outline's parent item,
`- **モデル選定**:` over `  - 商用API`) are left alone.

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
- `disable-bold-list-items` (default false): do not report bold labels.
- `disable-emoji-list-items` (default false): do not report emoji labels.

The emoji are data in `ai_list_formatting.toml` next to this module.

## Fix safety
No fix: whether the label becomes plain text, part of the sentence or a
heading is the writer's choice.

## textlint
Replaces `no-ai-list-formatting` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableBoldListItems`, `disableEmojiListItems`.
Deliberate differences:
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

from jalint.document import Document
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.positions import Span
from jalint.rules._ai_writing import bold_label, emoji_label, item_openings, ItemOpening, LIST_MARKER, list_emoji_pattern
from jalint.rules._prose import compile_allow

_SEPARATOR_NAMES = {":": "コロン", "：": "コロン", "-": "ハイフン", "—": "ダッシュ", "–": "ダッシュ"}


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose list items are not reported.")
    disable_bold_list_items: bool = option(False, "Do not report bold labels such as `- **重要**: …`.")
    disable_emoji_list_items: bool = option(False, "Do not report emoji labels such as `- ✅ …`.")


class AiListFormatting(Rule[Options]):
    name = "ai-list-formatting"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    fix_safety = "none"
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
        for opening in item_openings(doc):
            if allowed(opening.text):
                continue
            if not self.options.disable_bold_list_items:
                label = bold_label(opening)
                if label and not _captions_sublist(doc, opening, label[0]):
                    span, word, separator = label
                    name = _SEPARATOR_NAMES.get(separator, "区切り記号")
                    yield Finding(
                        span,
                        f"箇条書きの項目が太字のラベル「{word}」と{name}で始まっています。"
                        "太字を外すか、ラベルを文に組み込んでください。",
                    )
            if not self.options.disable_emoji_list_items:
                mark = emoji_label(opening, list_emoji_pattern())
                if mark:
                    yield Finding(
                        mark[0],
                        f"箇条書きの項目が絵文字「{mark[1]}」で始まっています。絵文字を外し、必要なら言葉で書いてください。",
                    )

    def _maybe_emoji(self, text: str) -> bool:
        return not self.options.disable_emoji_list_items and list_emoji_pattern().search(text) is not None


def _captions_sublist(doc: Document, opening: ItemOpening, label: Span) -> bool:
    """The bold label is the item's whole first line and a nested list follows: it names the sub-list.

    「- **モデル選定**:」 over 「  - 商用API」「  - オープンソース」 is an outline's parent item;
    there is no sentence to work the label into, and the bold stands for the level.
    """
    if opening.text[label.end - opening.line_start :].strip():
        return False
    block = doc.blocks[opening.block_index]
    for line in range(block.line + 1, block.end_line + 1):
        text = doc.lines.line_text(line)
        if text.strip():
            return text[:1] in " \t" and LIST_MARKER.match(text) is not None
    return False
