"""## What it finds
A tag in the front matter (`tags`) that neither the title nor the body
supports, the way a reader would look for it.

A tag counts as supported when it is found:

- literally, with width and case folded (「ＡＩ規制」, "llm"); a tag that starts
  or ends with a Latin letter or digit must stand as a word, so 「RAG」 is not
  found in "storage" nor 「Meta」 in "metadata" (a plural "s" is fine: "LLMs");
- as its content words in one sentence, line or heading: the tag is split into
  words (Latin words as written, Japanese compounds by the morphological
  analyser), and each word, as written or in its dictionary form
  (「コンピュータ」 and 「コンピューター」), must occur there. 「AI規制」 is
  supported by 「AIの規制」; 「推論」 and 「最適化」 in different paragraphs do not
  support 「推論最適化」. A katakana word must not run on into more katakana
  (「ガイド」 is not in 「ガイドライン」);
- where a word is the post's topic, anywhere: a word of the title, or a Latin
  word used in three sentences or more. On a post about AI, 「AI倫理」 is
  supported by 「倫理」 in any sentence;
- without its light words (`light-words`): 「DX推進」 on a post about DX is
  supported even if it never says 「推進」;
- through an alias: 「LLM」 is supported by 「大規模言語モデル」, also inside a
  compound (「LLM活用」 by 「大規模言語モデルを活用」).

Code counts; link targets, bare URLs, HTML comments and list items that are
only an internal link (a "related posts" list naming other posts) do not.

## Why it matters
Generated posts get their tags from keyword maps, so a post about one
company's language model is tagged with every large vendor. A reader who
follows the tag lands on a post that never mentions it, tag pages fill with
noise, and search engines read the tags as keywords the page does not back.

## Example
```markdown
---
title: "図書館の音声認識AIは地域の学びをどう変えるか"
tags: ["音声認識", "図書館", "量子コンピュータ"]
---

桐ヶ丘市立図書館は、音声認識で朗読を文字にする仕組みを導入しました。
```

## Use instead
```markdown
---
title: "図書館の音声認識AIは地域の学びをどう変えるか"
tags: ["音声認識", "図書館", "アクセシビリティ"]
---

桐ヶ丘市立図書館は、音声認識で朗読を文字にする仕組みを導入しました。
視覚に障害のある利用者のアクセシビリティも高まります。
```

## Options
- `keys` (default `["tags"]`): front-matter keys holding the tags; the first
  one present is checked. A string value is split on whitespace, as Jekyll does.
- `aliases`: words a reader takes as naming the tag, one entry per string.
  `"LLM|大規模言語モデル"` is a group: each member supports the others.
  `"Anthropic=Claude|…"` is one way: Claude supports the tag Anthropic, but
  Anthropic does not support a tag Claude. Aliases apply to whole tags and to
  the words inside compound tags. The default holds English and Japanese
  spellings of common AI and IT words and large vendors, and the best-known
  products of those vendors; setting `aliases` replaces it.
- `extend-aliases` (default `[]`): more entries, added to `aliases`. In
  `.jalint.toml`: `extend-aliases = ["桐ヶ丘市|きりがおか市"]`.
- `light-words` (default `["推進", "活用", "導入", "対応", "分析", "支援",
  "促進", "強化", "実践", "育成"]`): generic action nouns that compound tags
  hang on a topic; a tag may do without them when its other words are found.

## Fix safety
Unsafe: deletes the tag from the list. The tag may be right and the body
merely say it another way; add an alias or mention the topic instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, Fix, Rule, option
from jalint.rules._tags import item_removal, occurrences, occurs, read_tags, searchable, strip_links
from jalint.tokens import tokenize

DEFAULT_ALIASES = (
    # Spellings of one thing: any member supports the others.
    "AI|人工知能",
    "LLM|大規模言語モデル",
    "生成AI|ジェネレーティブAI|generative AI",
    "RAG|検索拡張生成",
    "DX|デジタルトランスフォーメーション",
    "IoT|モノのインターネット",
    "NLP|自然言語処理",
    "機械学習|machine learning",
    "削減|低減",
    "ROI|投資対効果|投資収益率|費用対効果",
    "エージェント|agent",
    "マルチモーダル|multimodal",
    "NVIDIA|エヌビディア",
    "Google|グーグル",
    "Microsoft|マイクロソフト",
    "Amazon|アマゾン",
    "Apple|アップル",
    "Meta|メタ社|Meta Platforms",
    "OpenAI|オープンAI",
    "Anthropic|アンソロピック|アンスロピック",
    # A vendor's products name the vendor for a reader (one way only).
    "OpenAI=ChatGPT|GPT|Sora|DALL-E",
    "Google=Gemini|Gemma|DeepMind|Bard|Alphabet|Waymo|Vertex AI|TPU|YouTube|Android|TensorFlow",
    "Microsoft=Azure|Copilot|Bing",
    "Amazon=AWS|Bedrock|Alexa",
    "Meta=Llama|Facebook|フェイスブック|Instagram|WhatsApp",
    "Anthropic=Claude",
    "NVIDIA=CUDA|GeForce|DGX|H100|H200|B200|GB200|Blackwell",
    "xAI=Grok",
    "Apple=iPhone|iPad|Siri|macOS|Vision Pro",
)


# Action nouns that compound tags hang on a topic: 「DX推進」 is about DX.
DEFAULT_LIGHT_WORDS = ("推進", "活用", "導入", "対応", "分析", "支援", "促進", "強化", "実践", "育成")


@dataclass(frozen=True)
class Options:
    keys: tuple[str, ...] = option(("tags",), "Front-matter keys holding the tags; the first present is checked.")
    aliases: tuple[str, ...] = option(
        DEFAULT_ALIASES,
        'Alias entries: "a|b" (each supports the other) or "TAG=x|y" (x, y support TAG); replaces the default.',
    )
    extend_aliases: tuple[str, ...] = option((), "More alias entries, added to `aliases`.")
    light_words: tuple[str, ...] = option(
        DEFAULT_LIGHT_WORDS,
        "Generic words a compound tag may drop (推進 in 「DX推進」) when its other words are found.",
    )


# Parts of speech that carry a tag's meaning; particles, suffixes (化, 的) and symbols do not.
_CONTENT_POS = frozenset({"名詞", "形状詞", "動詞", "形容詞", "代名詞", "接頭辞"})
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-]*[A-Za-z0-9+]|[A-Za-z0-9]")
_LEMMA_GLOSS = re.compile(r"-[A-Za-z]+$")  # unidic: コンピューター-computer
_NEWLINE = re.compile("\n")
_KANA = re.compile(r"[\u3040-\u30ff]")
# A list item that is only an internal link: "related posts" lists name other posts' topics.
# (A link to another site is kept: a list of sources is part of what the post says.)
_LINK_ITEM = re.compile(
    r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+[*_]*\[[^\]\n]*\]\((?!https?:)[^)\n]*\)[*_]*[ \t]*$", re.MULTILINE
)
# A Latin word (acronym, name) used in this many sentences is what the post is about.
TOPIC_SENTENCES = 3


@lru_cache(maxsize=64)
def alias_index(groups: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each word -> the spellings that support it.

    `"a|b|c"` makes every member support the others; `"T=x|y"` lets x and y
    support T, not the other way round.
    """
    index: dict[str, set[str]] = {}
    for group in groups:
        target, _, supporters = group.rpartition("=")
        members = {searchable(m) for m in supporters.split("|")} - {""}
        targets = {searchable(target)} - {""} if target else members
        for word in targets:
            index.setdefault(word, set()).update(members)
    return {key: frozenset(value) for key, value in index.items()}


def spellings(word: str, aliases: dict[str, frozenset[str]]) -> frozenset[str]:
    return aliases.get(word, frozenset()) | {word}


@dataclass(frozen=True)
class Word:
    """One content word of a tag: the spellings that count for it (surface, dictionary form, aliases)."""

    forms: frozenset[str]
    latin: bool  # written in Latin letters or digits: an acronym or a name
    light: bool = False  # a generic word the tag can do without


@lru_cache(maxsize=4096)
def content_words(tag: str, groups: tuple[str, ...], light_words: tuple[str, ...] = ()) -> tuple[Word, ...]:
    """The tag's words: Latin words as written, Japanese ones from the analyser.

    Only the tag is tokenised, never the body, and each distinct tag once per process.
    """
    aliases = alias_index(groups)
    light_words = tuple(searchable(word) for word in light_words)
    words: list[Word] = []
    position = 0
    for latin in [*_LATIN_WORD.finditer(tag), None]:
        japanese = tag[position : latin.start() if latin else len(tag)]
        for token in tokenize(japanese, 0) if japanese.strip() else ():
            if token.pos not in _CONTENT_POS or (len(token.surface) == 1 and _KANA.match(token.surface)):
                continue
            forms = {searchable(token.surface), searchable(_LEMMA_GLOSS.sub("", token.lemma))} - {""}
            spelled = frozenset().union(*(spellings(form, aliases) for form in forms))
            words.append(Word(spelled, latin=False, light=searchable(token.surface) in light_words))
        if latin is not None:
            words.append(Word(spellings(searchable(latin.group()), aliases), latin=True))
            position = latin.end()
    return tuple(words)


@dataclass
class PostText:
    """Title and body, searchable, one sentence, line or heading per line (the title first)."""

    title: str
    whole: str
    line_starts: list[int]

    def lines_with(self, word: Word, enough: int = 0) -> set[int]:
        """Numbers of the lines (0: the title) in which the word occurs; with `enough`, at most that many."""
        found: set[int] = set()
        for form in word.forms:
            for at in occurrences(self.whole, form, katakana_boundary=True):
                found.add(bisect_right(self.line_starts, at) - 1)
                if len(found) == enough:
                    return found
        return found


def post_text(doc: Document) -> PostText:
    raw = _LINK_ITEM.sub("", doc.text[doc.body_span.start : doc.body_span.end])
    title = searchable(doc.title or "")
    whole = title + "\n" + searchable(strip_links(raw), sentences=True)
    starts = [0] + [match.end() for match in _NEWLINE.finditer(whole)]
    return PostText(title, whole, starts)


def supported(tag: str, text: PostText, groups: tuple[str, ...], light_words: tuple[str, ...] = ()) -> bool:
    """A reader finds the tag in the text: literally, by alias, or as its words close together.

    The post's topic words count everywhere: a word of the title, or a Latin word
    used in several sentences. 「AI規制」 on a post about AI is supported by
    「規制」 anywhere, 「ROI分析」 on a post about ROI by 「分析」; the other words
    must share a sentence (「推論」 and 「最適化」 far apart do not make 「推論最適化」).
    Light words may be missing when the tag has other words: 「DX推進」 on a post
    about DX that never says 「推進」 is still supported.
    """
    whole_tag = spellings(searchable(tag), alias_index(groups))
    if any(occurs(text.whole, form) for form in whole_tag):
        return True
    words = content_words(tag, groups, light_words)
    if not words:
        return False
    if all(word.light for word in words):
        words = tuple(replace(word, light=False) for word in words)
    shared: set[int] | None = None
    for word in words:
        if word.light or any(occurs(text.title, form, katakana_boundary=True) for form in word.forms):
            continue  # a word of the title is a topic: anywhere will do
        lines = text.lines_with(word, enough=TOPIC_SENTENCES if word.latin else 0)
        if word.latin and len(lines) >= TOPIC_SENTENCES:
            continue  # a Latin word used again and again is a topic too
        shared = lines if shared is None else shared & lines
        if not shared:
            return False
    return True


class TagUnsupported(Rule[Options]):
    name = "tag-unsupported"
    category = "front-matter"
    scope = "front_matter"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        tags = read_tags(front_matter, doc, self.options.keys)
        if not tags:
            return
        text = doc.memo("tag-unsupported:text", post_text)
        groups = self.options.aliases + self.options.extend_aliases
        for tag in tags:
            if supported(tag.text, text, groups, self.options.light_words):
                continue
            removal = item_removal(tags, tag, doc)
            yield Finding(
                tag.span,
                f"タグ「{tag.text}」は本文にもタイトルにも出てこないので、"
                "記事の内容に合うタグに替えるか削除してください。",
                fix=Fix.delete(removal, "unsafe") if removal else None,
            )
