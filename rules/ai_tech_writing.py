"""## What it finds
The precise checks of a technical-writing guideline for generated text:

- redundancy: doubled meaning (まず最初に, あらかじめ予測) and the empty
  preface 言うまでもなく that opens a sentence (not the construction
  「Xは言うまでもなく、Yも」, "let alone X", nor emphasis inside a sentence:
  「サポート体制も、言うまでもなく重要です」);
- voice: stacked nouns (の実装を実施) where the verb is clearer;
- structure: a paragraph that is only a connective and 。 (例えば。, 以下。)
  directly above a list.

Quotations (「」『』“” and blockquotes) are left alone.

## Why it matters
Each of these makes a sentence longer without saying more. 「まず最初に」
says "first" twice; 「の実装を実施する」 hides the verb 実装する in a noun. A bare 「例えば。」 above a list is a
fragment that a reader has to complete.

## Example
```markdown
まず最初に、設定ファイルを開きます。
```

## Use instead
```markdown
まず、設定ファイルを開きます。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a sentence that contains a match is not reported.
- `disable-redundancy-guidance` (default false): do not report redundancy.
- `disable-voice-guidance` (default false): do not report stacked nouns.
- `disable-structure-guidance` (default false): do not report a bare connective above a list.

The phrases are data in `ai_tech_writing.toml` next to this module.

## Fix safety
Safe where the words are plainly doubled: 「まず最初に」 becomes 「まず」 and
「あらかじめ予測」 becomes 「予測」. Other findings have no fix, because the
sentence around them has to be rewritten.

## textlint
Replaces `ai-tech-writing-guideline` (@textlint-ja/textlint-rule-preset-ai-writing),
severity info as its README recommends. Supported options: `allows`,
`disableRedundancyGuidance`, `disableVoiceGuidance`,
`disableStructureGuidance`. Left out on purpose, for precision:
- 「することができます」 and 「の変更を行う」: `ja-no-redundant-expression`'s
  findings (the same place would be reported twice);
- 「する必要があります」: a plain statement of obligation, not redundancy;
- 「が行われる」: the usual, natural way to report an event (選挙が行われた);
- 「〜によって実行・処理される」: a passive is natural when the thing acted on
  is the topic (あなたの会話がAIによって処理される); in the corpus every match was;
- 「Xは言うまでもなく、Yも」: textlint reports it, but it is the "let alone"
  construction, not a preface;
- the clarity group (効率的な, 適切な, 必要に応じて, 高速な処理): vague words
  that are fine in most sentences, so `disableClarityGuidance` has nothing to turn off;
  「大幅に向上」 is `hype-expression`'s;
- the consistency group (ユーザー and 顧客 in one paragraph, です and である in
  one paragraph): the term pair is usually two different people, and mixed
  styles are `no-mix-dearu-desumasu`'s, so `disableConsistencyGuidance` is not offered;
- 「また、…また、」 in a paragraph (`no-doubled-conjunction`'s) and
  「まず…次に…最後に」 in a paragraph (ordinary prose, not a missing list);
- `enableDocumentAnalysis`'s per-document summary: it reports no place to
  change; `jalint check --statistics` counts findings instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._ai_writing import in_quote
from jalint.rules._prose import compile_allow, load_data, visible_text


class Check(NamedTuple):
    group: str
    pattern: re.Pattern[str]
    message: str
    replacement: str | None


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[Check, ...], re.Pattern[str], str]:
    data = load_data("ai_tech_writing.toml")
    checks = tuple(
        Check(c["group"], re.compile(c["pattern"]), c["message"], c.get("replacement")) for c in data["check"]
    )
    return checks, re.compile(data["structure"]["pattern"]), data["structure"]["message"]


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    disable_redundancy_guidance: bool = option(False, "Do not report まず最初に, あらかじめ予測, 言うまでもなく.")
    disable_voice_guidance: bool = option(False, "Do not report stacked nouns such as の実装を実施.")
    disable_structure_guidance: bool = option(False, "Do not report a bare connective (例えば。) above a list.")


class AiTechWriting(Rule[Options]):
    name = "ai-tech-writing"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "info"
    fix_safety = "safe"
    textlint = ("ai-tech-writing-guideline",)
    textlint_options = {
        "allows": "allows",
        "disableRedundancyGuidance": "disable-redundancy-guidance",
        "disableVoiceGuidance": "disable-voice-guidance",
        "disableStructureGuidance": "disable-structure-guidance",
    }
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        checks, structure, structure_message = _data()
        disabled = {
            group
            for group, off in (
                ("redundancy", self.options.disable_redundancy_guidance),
                ("voice", self.options.disable_voice_guidance),
            )
            if off
        }
        active = [c for c in checks if c.group not in disabled]
        allowed = compile_allow(self.options.allows)
        if not any(c.pattern.search(doc.masked) for c in active):
            active = []  # one pass over the post instead of one per sentence
        for sentence in doc.prose_sentences if active else ():
            text = sentence.text
            if doc.blocks[sentence.block_index].container == "blockquote":
                continue
            for check in active:
                for match in check.pattern.finditer(text):
                    if in_quote(text, match.start()) or allowed(visible_text(text)):
                        continue
                    span = Span(sentence.span.start + match.start(), sentence.span.start + match.end())
                    fix = Fix.replace(span, check.replacement) if check.replacement is not None else None
                    yield Finding(span, check.message.format(text=match.group(0).rstrip("、")), fix=fix)
        if not self.options.disable_structure_guidance:
            yield from self._bare_connectives(doc, structure, structure_message, allowed)

    @staticmethod
    def _bare_connectives(doc: Document, pattern, message, allowed) -> Iterator[Finding]:  # noqa: ANN001
        blocks = doc.blocks
        for index, block in enumerate(blocks[:-1]):
            if block.kind != "paragraph" or not block.top_level or block.content is None:
                continue
            if blocks[index + 1].kind != "list_item":
                continue
            text = visible_text(doc.masked[block.content.start : block.content.end]).strip()
            match = pattern.search(text)
            if match is None or allowed(text):
                continue
            raw = doc.masked[block.content.start : block.content.end].rstrip()
            end = block.content.start + len(raw)
            yield Finding(Span(end - len(match.group(0)), end), message.format(text=match.group(0)))
