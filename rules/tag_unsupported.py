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
  (「ガイド」 is not in 「ガイドライン」), and katakana words the analyser splits
  are one word (「データセンター」, not データ + センター);
- where a word is the post's topic, anywhere: a word of the title, or a Latin
  word used in three sentences or more. On a post about AI, 「AI倫理」 is
  supported by 「倫理」 in any sentence;
- without its light words (`light-words`): 「DX推進」 on a post about DX is
  supported even if it never says 「推進」;
- through an alias: 「LLM」 is supported by 「大規模言語モデル」, also inside a
  compound (「LLM活用」 by 「大規模言語モデルを活用」);
- as a paraphrase: a near-synonym from the word families of `tag_words.toml`
  stands in for a word of the tag when another word of the tag is written
  right beside it. 「推論最適化」 is supported by 「推論を高速化」, 「コスト削減」 by
  「コストを抑える」 or 「工数の削減」, 「AI人材」 by 「AIエンジニア」; but not by
  「費用を抑える」 (no word of the tag as written), nor by 「高速な推論能力」 (推論
  there is reasoning).

Words that name the kind of post rather than its topic (ガイド, ニュース, 最新,
動向, 事例, 論文, ロードマップ, listed in `tag_words.toml`) are not looked for:
「AI最新ニュース」 needs AI, and 「最新ニュース」 is not checked at all.

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
  spellings of common AI and IT words and large vendors, the best-known
  products of those vendors, well-known language models (for LLM) and a few
  narrower words (サイバー攻撃 for セキュリティ, ビジネス変革 for DX); setting
  `aliases` replaces it. The word families and genre words of
  `tag_words.toml` are bundled data, not options.
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
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._prose import load_data
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
    "ファインチューニング|fine-tuning|fine tuning|finetuning|微調整",
    "セキュリティ|security",
    "NVIDIA|エヌビディア",
    "Google|グーグル",
    "Microsoft|マイクロソフト",
    "Amazon|アマゾン",
    "Apple|アップル",
    "Meta|メタ社|Meta Platforms",
    "OpenAI|オープンAI",
    "Anthropic|アンソロピック|アンスロピック",
    # Narrower words a reader takes as the tag (one way only).
    "セキュリティ=セキュア|サイバー攻撃|サイバー脅威|サイバーリスク|サイバー犯罪"
    "|サイバー対策|サイバー防御",
    "DX=デジタル変革|ビジネス変革|組織変革|業務変革",
    # A vendor's products name the vendor for a reader, and its language models an LLM (one way only).
    "LLM=言語モデル|ChatGPT|GPT|Gemini|Claude|Llama|Mistral|Granite|vLLM",
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


class Options(RuleOptions):
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
_KATAKANA = re.compile(r"[\u30a1-\u30ff]+")
# A list item that is only an internal link: "related posts" lists name other posts' topics.
# (A link to another site is kept: a list of sources is part of what the post says.)
_LINK_ITEM = re.compile(
    r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+[*_]*\[[^\]\n]*\]\((?!https?:)[^)\n]*\)[*_]*[ \t]*$", re.MULTILINE
)
# A Latin word (acronym, name) used in this many sentences is what the post is about.
TOPIC_SENTENCES = 3
# Word families: near-synonyms that count for a tag word beside the tag's other words.
WORDS = "tag_words.toml"


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


class Word(NamedTuple):
    """One content word of a tag: the spellings that count for it (surface, dictionary form, aliases)."""

    forms: frozenset[str]
    latin: bool  # written in Latin letters or digits: an acronym or a name
    light: bool = False  # a generic word the tag can do without
    family: Family | None = None  # near-synonyms that stand in for it beside the tag's other words
    other_senses: frozenset[str] = frozenset()  # compounds where it means something else (推論能力)
    genre: bool = False  # names the kind of post (ガイド, 事例), not its topic: not looked for


class Family(NamedTuple):
    """Words a reader takes as a tag word when the tag's other words stand within `window` characters."""

    members: frozenset[str]
    window: int
    topic: bool  # members also count anywhere in a post whose topic is the tag's other words


class TagWords(NamedTuple):
    """The bundled data of `tag_words.toml`."""

    genre: frozenset[str]
    families: dict[str, Family]
    other_senses: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def tag_words() -> TagWords:
    data = load_data(WORDS)
    families = {
        searchable(entry["word"]): Family(
            frozenset(searchable(member) for member in entry["members"]) - {""},
            entry.get("window", data["window"]),
            entry.get("topic", False),
        )
        for entry in data["family"]
    }
    senses = {
        searchable(word): frozenset(map(searchable, compounds)) for word, compounds in data["other-senses"].items()
    }
    return TagWords(frozenset(searchable(word) for word in data["genre"]), families, senses)


@lru_cache(maxsize=4096)
def content_words(tag: str, groups: tuple[str, ...], light_words: tuple[str, ...] = ()) -> tuple[Word, ...]:
    """The tag's words: Latin words as written, Japanese ones from the analyser.

    Only the tag is tokenised, never the body, and each distinct tag once per process.
    """
    aliases = alias_index(groups)
    light_words = tuple(searchable(word) for word in light_words)
    data = tag_words()
    words: list[Word] = []
    position = 0
    for latin in [*_LATIN_WORD.finditer(tag), None]:
        japanese = tag[position : latin.start() if latin else len(tag)]
        for surface, lemma in _japanese_words(japanese):
            forms = {searchable(surface), searchable(lemma)} - {""}
            spelled = frozenset().union(*(spellings(form, aliases) for form in forms))
            family = next((data.families[form] for form in forms if form in data.families), None)
            words.append(
                Word(
                    spelled,
                    latin=False,
                    light=searchable(surface) in light_words,
                    family=family._replace(members=family.members - spelled) if family else None,
                    other_senses=frozenset().union(*(data.other_senses.get(form, ()) for form in forms)),
                    genre=searchable(surface) in data.genre,
                )
            )
        if latin is not None:
            words.append(Word(spellings(searchable(latin.group()), aliases), latin=True))
            position = latin.end()
    return tuple(words)


def _japanese_words(text: str) -> Iterator[tuple[str, str]]:
    """Surface and dictionary form of each content word; adjacent katakana words are one word.

    The analyser splits 「ロードマップ」 into ロード + マップ, and neither can be
    found in the body, where a katakana word must not run on into more katakana.
    """
    words: list[tuple[str, str, int, int]] = []  # surface, lemma, start, end
    for token in tokenize(text, 0) if text.strip() else ():
        if token.pos not in _CONTENT_POS or (len(token.surface) == 1 and _KANA.match(token.surface)):
            continue
        lemma = _LEMMA_GLOSS.sub("", token.lemma)
        if words and words[-1][3] == token.start and _KATAKANA.fullmatch(words[-1][0] + token.surface):
            surface, previous_lemma, start, _ = words.pop()
            words.append((surface + token.surface, previous_lemma + lemma, start, token.end))
        else:
            words.append((token.surface, lemma, token.start, token.end))
    for surface, lemma, _, _ in words:
        yield surface, lemma


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


    def places(self, word: Word) -> dict[int, list[tuple[int, int, int | None]]]:
        """Line -> (start, end, window) of each occurrence of the word in its sense.

        The window is None where the word is written as in the tag, else that
        of the family member standing in for it.
        """
        elsewhere = [
            (at, at + len(compound))
            for compound in word.other_senses
            for at in occurrences(self.whole, compound, katakana_boundary=True)
        ]
        found: dict[int, list[tuple[int, int, int | None]]] = {}
        family = word.family or Family(frozenset(), 0, topic=False)
        for forms, window in ((word.forms, None), (family.members, family.window)):
            for form in forms:
                for at in occurrences(self.whole, form, katakana_boundary=True):
                    if any(start <= at < end for start, end in elsewhere):
                        continue  # 推論 in 「推論能力」 is reasoning, not inference
                    line = bisect_right(self.line_starts, at) - 1
                    found.setdefault(line, []).append((at, at + len(form), window))
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
    about DX that never says 「推進」 is still supported. Failing all that, a
    paraphrase will do (`paraphrased`).
    """
    whole_tag = spellings(searchable(tag), alias_index(groups))
    if any(occurs(text.whole, form) for form in whole_tag):
        return True
    words = content_words(tag, groups, light_words)
    if not words:
        return False
    words = tuple(word for word in words if not word.genre)
    if not words:
        return True  # 「最新ニュース」 says what kind of post it is, which its words cannot show
    if all(word.light for word in words):
        words = tuple(word._replace(light=False) for word in words)
    return _words_found(words, text) or paraphrased(words, text)


def _is_topic(word: Word, text: PostText) -> bool:
    """A word of the title, or a Latin word used in several sentences: the post is about it."""
    if any(occurs(text.title, form, katakana_boundary=True) for form in word.forms):
        return True
    return word.latin and len(text.lines_with(word, enough=TOPIC_SENTENCES)) >= TOPIC_SENTENCES


def _words_found(words: tuple[Word, ...], text: PostText) -> bool:
    shared: set[int] | None = None
    for word in words:
        if word.light or _is_topic(word, text):
            continue  # a topic word may be anywhere
        lines = text.lines_with(word)
        shared = lines if shared is None else shared & lines
        if not shared:
            return False
    return True


def paraphrased(words: tuple[Word, ...], text: PostText) -> bool:
    """One sentence says the tag with near-synonyms (`tag_words.toml`) standing in for some of its words.

    「推論を高速化」 says 「推論最適化」 and 「コストを抑える」 says 「コスト削減」:
    at least one word of the tag must be there as written, in the tag's sense,
    and the stand-ins within the family's window of it. Topics do not help
    (「高速化」 in a post whose title says 推論 is not enough), except for a
    family marked `topic`: 「法整備」 anywhere in a post about AI says 「AI規制」.
    """
    words = tuple(word for word in words if not word.light)
    if len(words) < 2 or not any(word.family for word in words):
        return False
    places = [text.places(word) for word in words]
    for word, by_line in zip(words, places, strict=True):
        others = [other for other in words if other is not word]
        if word.family and word.family.topic and by_line and all(_is_topic(other, text) for other in others):
            return True
    for line in set.intersection(*(set(by_line) for by_line in places)):
        for combination in product(*(by_line[line] for by_line in places)):
            windows = [window for _, _, window in combination if window is not None]
            if len(windows) == len(combination):
                continue  # every word a stand-in: 「費用を抑える」 is not 「コスト削減」
            between = max(end for _, end, _ in combination) - min(start for start, _, _ in combination)
            between -= sum(end - start for start, end, _ in combination)
            if between <= min(windows, default=0):
                return True
    return False


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
