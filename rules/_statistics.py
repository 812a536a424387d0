"""Figures in prose and whether each is attributed: the analysis behind `unsupported-statistic`.

`candidates(doc, settings)` lists every figure the pack's patterns find in the
body's sentences, each with a verdict: "unattributed" (the rule reports it),
"repeat" (the same figure again after an unattributed first mention: reported
once, at the first mention, with the repeats as related places), "attributed"
(a source, link or footnote is in reach, or an earlier mention of the same
figure was attributed) or "excluded" (not a claim that needs a source: a
hypothetical, an idiom, a re-mention, a price with its offering). The benchmark
script reuses it to sample both sides for review.

Regexes over sentence text find the figures; nothing here tokenises, so the
whole corpus lints in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.inline import MARKUP, MASKS, strip_masks
from jalint.lazy_regex import LazyPattern
from jalint.positions import Span
from jalint.rules._prose import load_data
from jalint.sections import Heading
from jalint.sentences import Sentence

PACK = "unsupported_statistic.toml"
GROUPS = ("share", "multiple", "amount")

_FRAGMENT = re.compile(r"\{([a-z][a-z-]*)\}")
# 「の」 + a noun run after a share: 75%以上の企業, 6割の回答者.
_NOUN_TAIL = re.compile(r"の[\u4e00-\u9fff\u30a0-\u30ff\u3005ー]{1,8}")
# A link, footnote reference or URL in the raw text of a sentence is a source.
_RAW_SOURCE = re.compile(r"\]\(|\]\[|\[\^[^\]\s]+\]|https?://|<https?:")
# A cheap first test: most sentences hold no digit, 割, 倍 or パーセント at all.
_MAY_HOLD_FIGURE = re.compile(r"[0-9０-９割倍]|パーセント")
_BLANK = "〓"  # stands in for a vague source, so no cue matches inside it
_OPEN_QUOTES = "「『“"
_CLOSE_QUOTES = "」』”"


class Figure(NamedTuple):
    id: str
    group: str
    regex: LazyPattern
    noun: bool
    requires: LazyPattern | None


class Exclusion(NamedTuple):
    id: str
    figure: LazyPattern | None
    before: LazyPattern | None
    after: LazyPattern | None
    sentence: LazyPattern | None
    unless: LazyPattern | None
    previous: LazyPattern | None
    heading: LazyPattern | None
    section: LazyPattern | None
    lead_in: LazyPattern | None
    post: LazyPattern | None
    repeated: bool
    product: bool = False
    title: LazyPattern | None = None


class Pack(NamedTuple):
    figures: tuple[Figure, ...]
    cues: re.Pattern[str]
    vague: re.Pattern[str]
    exclusions: tuple[Exclusion, ...]


class Settings(NamedTuple):
    """What the rule's options decide."""

    groups: frozenset[str] = frozenset(GROUPS)
    lookback: int = 1
    extra_cues: tuple[str, ...] = ()


class Candidate(NamedTuple):
    """One figure with its verdict; `reason` names the cue or exclusion that decided it."""

    span: Span
    phrase: str
    figure: str
    sentence: Sentence
    verdict: str  # "unattributed", "repeat", "attributed" or "excluded"
    reason: str
    key: str = ""  # the number and its unit, to recognise the same figure again


# -- the pack -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_pack() -> Pack:
    """The bundled pack, compiled; a malformed entry fails loudly (it is our data)."""
    data = load_data(PACK)
    fragments = _expand_fragments(data["fragments"])
    figures = []
    for entry in data["figure"]:
        if entry["group"] not in GROUPS:
            raise ValueError(f"{PACK}: figure {entry['id']}: group {entry['group']!r} is not one of {GROUPS}")
        requires = _compile(entry["requires"], fragments) if "requires" in entry else None
        pattern = _compile(entry["pattern"], fragments)
        figures.append(Figure(entry["id"], entry["group"], pattern, entry.get("noun", False), requires))
    attribution = data["attribution"]
    return Pack(
        figures=tuple(figures),
        cues=_alternation(attribution["cues"] + [_literal(name) for name in attribution.get("sources", [])], fragments),
        vague=_alternation(attribution["vague"], fragments),
        exclusions=tuple(_exclusion(entry, fragments) for entry in data.get("exclude", [])),
    )


def _expand_fragments(raw: dict[str, str]) -> dict[str, str]:
    """Fragments may use earlier fragments; expand until none is left."""
    expanded: dict[str, str] = {}
    for name, pattern in raw.items():
        expanded[name] = _substitute(pattern, expanded)
    return expanded


def _substitute(pattern: str, fragments: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise ValueError(f"{PACK}: unknown fragment {{{name}}}")
        return f"(?:{fragments[name]})"

    return _FRAGMENT.sub(replace, pattern)


def _compile(pattern: str, fragments: dict[str, str]) -> LazyPattern:
    return LazyPattern(_substitute(pattern, fragments))


def _alternation(patterns: list[str], fragments: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_substitute(p, fragments)})" for p in patterns))


def _literal(name: str) -> str:
    """A source name as a regex; Latin names must stand as words (IDC, not IDCard)."""
    escaped = re.escape(name)
    return f"(?<![A-Za-z]){escaped}(?![A-Za-z])" if name.isascii() else escaped


def _exclusion(entry: dict, fragments: dict[str, str]) -> Exclusion:
    def optional(key: str) -> LazyPattern | None:
        return _compile(entry[key], fragments) if key in entry else None

    exclusion = Exclusion(
        id=entry["id"],
        figure=optional("figure"),
        before=optional("before"),
        after=optional("after"),
        sentence=optional("sentence"),
        unless=optional("unless"),
        previous=optional("previous"),
        heading=optional("heading"),
        section=optional("section"),
        lead_in=optional("lead-in"),
        post=optional("post"),
        repeated=bool(entry.get("repeated", False)),
        product=bool(entry.get("product", False)),
        title=optional("title"),
    )
    if exclusion.section and not exclusion.heading:
        raise ValueError(f"{PACK}: exclude {exclusion.id}: section needs heading (it reads the section that heading opens)")
    anchors = (exclusion.figure, exclusion.before, exclusion.after, exclusion.sentence, exclusion.previous)
    if not any((*anchors, exclusion.heading, exclusion.lead_in)):
        raise ValueError(f"{PACK}: exclude {exclusion.id}: give at least one of figure, before, after, sentence, previous, heading, lead-in")
    return exclusion


@lru_cache(maxsize=8)
def _extra_cues(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as error:
        raise ValueError(f"rules.unsupported-statistic.extra-attribution-cues: invalid regex ({error})") from error


# -- finding figures ------------------------------------------------------------------------
def shared_candidates(doc: Document, settings: Settings) -> list[Candidate]:
    """`candidates`, computed once per document and settings (unsupported- and repeated-statistic share it)."""
    return doc.memo(f"statistic-candidates:{settings!r}", lambda document: candidates(document, settings))


def candidates(doc: Document, settings: Settings) -> list[Candidate]:
    """Every figure in the body's sentences, in document order, with its verdict.

    A figure counts as the same figure again when its number and unit match
    (「75%以上の企業」 and 「75%の企業」 are both 75%): once attributed, it stays
    attributed; once reported, its later mentions are repeats of that finding.
    """
    judge = _Judge(doc, load_pack(), settings)
    figures = [f for f in judge.pack.figures if f.group in settings.groups]
    in_title = set(_title_figures(doc, figures))
    seen: set[str] = set(in_title)
    attributed: dict[str, int] = {}  # figure key -> line of an attributed mention
    reported: dict[str, int] = {}  # figure key -> line of its first unattributed mention
    found: list[Candidate] = []
    for index, sentence in enumerate(judge.sentences):
        for start, end, figure in _figures_in(sentence.text, figures):
            phrase = sentence.text[start:end]
            key = figure_key(phrase)
            verdict, reason = judge.verdict(index, start, end, phrase, repeated=key in seen)
            if verdict == "unattributed" and key in seen and doc.blocks[sentence.block_index].kind == "table":
                # A table that sums up what the post told before (its own case, reported or excused
                # there) is a recap: the figure was judged at its first mention.
                verdict, reason = "excluded", "table-recap"
            elif verdict == "unattributed" and key in in_title and judge.points_at_news(index):
                # 「このニュースを見て…5000億ドル…」: the headline's own figure where the post turns to the news it
                # reports; the headline is the claim (an unnamed news item is no source for a new figure).
                verdict, reason = "excluded", "title-news"
            span = Span(sentence.span.start + start, sentence.span.start + end)
            line = doc.lines.line_of(span.start)
            if verdict == "unattributed" and key in attributed:
                verdict, reason = "attributed", f"earlier mention (line {attributed[key]})"
            elif verdict == "unattributed" and key in reported:
                verdict, reason = "repeat", f"first mention (line {reported[key]})"
            elif verdict == "unattributed":
                reported[key] = line
            elif verdict == "attributed" or (verdict == "excluded" and key not in reported and judge.sourced(index, reason)):
                attributed.setdefault(key, line)
            seen.add(key)
            found.append(Candidate(span, strip_masks(phrase), figure.id, sentence, verdict, reason, key))
    return found


def statistic_sentences(doc: Document) -> list[Sentence]:
    """The body's sentences and, in document order among them, every row of every table (as one "sentence").

    A figure in a table cell is a claim like one in prose (「| API利用企業数 | 50万社以上 |」);
    a table's source stands in the sentence that introduces it, in a caption under
    it (「出典：…」), in its header or in the row itself (see `_table_context`).
    """
    return doc.memo("statistic-sentences", _statistic_sentences)


def _statistic_sentences(doc: Document) -> list[Sentence]:
    rows = [row for index, block in enumerate(doc.blocks) if block.kind == "table" for row in _table_rows(doc, index)]
    if not rows:
        return doc.sentences
    return sorted([*doc.sentences, *rows], key=lambda sentence: sentence.span.start)


_CELL_MARKUP = re.compile(r"\*\*|__|`|^\s*\||\|\s*$")


# A column of prices, fees, budgets or caps (「月額費用」「上限額」「費用感」): what an offering costs can
# be looked up, as in prose (「月額3万円」 is not reported there either).
_PRICE_HEADER = re.compile(r"費用|料金|価格|月額|年額|初期|予算|上限|補助|単価|コスト|プラン|金額|価格帯")


def _table_rows(doc: Document, index: int) -> list[Sentence]:
    """The table's header and body rows (not the delimiter row), cells separated by 「、」, markup masked,
    and the cells of price columns masked too."""
    table = doc.blocks[index]
    header = doc.lines.line_text(table.line).strip().strip("|").split("|")
    prices = {i for i, cell in enumerate(header) if _PRICE_HEADER.search(cell)}
    rows = []
    for line in range(table.line, table.end_line + 1):
        if line == table.line + 1:
            continue  # |---|---|
        start, end = doc.lines.line_start(line), doc.lines.line_end(line)
        raw = doc.text[start:end]
        text = _CELL_MARKUP.sub(lambda m: MARKUP * len(m.group(0)), raw)
        if prices and line != table.line:
            text = _mask_columns(text, prices)
        rows.append(Sentence(Span(start, end), text.replace("|", "、"), index))
    return rows


def _mask_columns(row: str, columns: set[int]) -> str:
    """`row` with the cells of `columns` masked (same length), counting cells between `|`."""
    parts = row.split("|")
    # A row written with outer pipes has an empty first part (masked here, so not empty: count from the first `|`).
    first = 1 if row.lstrip(MARKUP + " \t").startswith("|") or parts[0].strip(MARKUP + " \t") == "" else 0
    return "|".join(
        MARKUP * len(part) if i - first in columns else part for i, part in enumerate(parts)
    )


def _figures_in(text: str, figures: list[Figure]) -> Iterator[tuple[int, int, Figure]]:
    """Non-overlapping figure phrases; the earliest, longest match wins."""
    if not _MAY_HOLD_FIGURE.search(text):
        return
    matches: list[tuple[int, int, Figure]] = []
    for figure in figures:
        if figure.requires is not None and not figure.requires.search(text):
            continue
        for match in figure.regex.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            if figure.noun:
                tail = _NOUN_TAIL.match(text, end)
                if tail:
                    end = tail.end()
            matches.append((start, end, figure))
    last_end = -1
    for start, end, figure in sorted(matches, key=lambda m: (m[0], -m[1])):
        if start >= last_end:
            last_end = end
            yield start, end, figure


def _title_figures(doc: Document, figures: list[Figure]) -> Iterator[str]:
    """Figures in the front-matter title: the body discussing them re-mentions them."""
    # A headline glues a figure to a Latin word (「AI10億ドル投資」); the body writes 「AIに10億ドル」.
    title = _LATIN_BEFORE_DIGIT.sub(" ", doc.title or "")
    for start, end, _ in _figures_in(title, figures):
        yield figure_key(title[start:end])


_LATIN_BEFORE_DIGIT = re.compile(r"(?<=[A-Za-z])(?=[0-9０-９])")
_WIDTH = str.maketrans("０１２３４５６７８９．，％＄", "0123456789.,%$")
_KEY_CORE = re.compile(r"[0-9一二三四五六七八九十百][^の]*")
_KEY_QUALIFIERS = re.compile(r"(?:以上|超え|超|近く|程度|前後|弱|強|未満|以下|余り|あまり|もの|も|増|減|上昇|低下|向上|削減|を突破|を超え|にのぼ|に上)+$")


_TENTHS = re.compile(r"^([0-9]+(?:\.[0-9]+)?)割")


def figure_key(phrase: str) -> str:
    """The number and its unit, to recognise the same figure again: 「約75%以上の企業」 -> 75%.

    A share keeps one spelling: 「8割」 and 「80パーセント」 are 80%, so a post that gives Zendesk's
    「最大80%」 with its source and then says 「8割」 repeats that figure.
    """
    text = phrase.translate(_WIDTH).replace(",", "").replace(" ", "").replace("パーセント", "%")
    match = _KEY_CORE.search(text)
    core = match.group(0) if match else text
    tenths = _TENTHS.match(core)
    if tenths:
        core = f"{float(tenths.group(1)) * 10:g}%" + core[tenths.end():]
    return _KEY_QUALIFIERS.sub("", core) or core


# -- judging one figure -------------------------------------------------------------------------
class _Judge:
    """Decides each figure of one post; remembers which sentences hold a source."""

    def __init__(self, doc: Document, pack: Pack, settings: Settings) -> None:
        self.doc = doc
        self.pack = pack
        self.settings = settings
        self.sentences = statistic_sentences(doc)
        self._sources: dict[int, str | None] = {}

    def verdict(self, index: int, start: int, end: int, phrase: str, repeated: bool) -> tuple[str, str]:
        """("excluded" | "attributed" | "unattributed", the reason)."""
        doc, sentence = self.doc, self.sentences[index]
        text = sentence.text
        if doc.blocks[sentence.block_index].container == "blockquote":
            return "excluded", "blockquote"
        if _inside_quotes(text, start):
            return "excluded", "quoted"
        if _repeats_title(doc, text) or _is_headline(doc, sentence):
            return "excluded", "title"
        around = _Surroundings(doc, self.sentences, index)
        for exclusion in self.pack.exclusions:
            if _excludes(exclusion, text, start, end, phrase, repeated, around):
                return "excluded", exclusion.id
        attribution = self.attribution(index)
        if attribution is not None:
            return "attributed", attribution
        return "unattributed", ""

    def attribution(self, index: int) -> str | None:
        """The source in reach of sentence `index`, with where it stands, or None."""
        for other in _context(self.doc, self.sentences, index, self.settings.lookback):
            source = self.source(other)
            if source is not None:
                where = "same sentence" if other == index else f"sentence {other - index:+d}"
                return f"{source} ({where})"
        return None

    def points_at_news(self, index: int) -> bool:
        """The sentence or the one before points at the news the post reports (「このニュース」「この発表」)."""
        here = _unmarked(self.sentences[index].text) + "\n" + _unmarked(_previous_text(self.doc, self.sentences, index))
        return bool(_NEWS_POINTER.search(here))

    def sourced(self, index: int, reason: str) -> bool:
        """An excluded figure whose own sentence names a source (「…を調達したというニュースを
        日経が報じた」) still attributes that figure for its later mentions; a headline or a
        quotation does not."""
        if reason in _SOURCING_EXCLUSIONS:  # the company named as announcer is the source of its own figure
            return True
        return reason not in _UNSOURCING_EXCLUSIONS and self.source(index) is not None

    def source(self, index: int) -> str | None:
        if index not in self._sources:
            self._sources[index] = _source(self.doc, self.sentences[index], self.pack, self.settings)
        return self._sources[index]


_UNSOURCING_EXCLUSIONS = frozenset({"title", "quoted", "blockquote", "question"})
_SOURCING_EXCLUSIONS = frozenset({"announced-spec", "title-news"})
_NEWS_POINTER = re.compile(r"(?:この|その|今回の)(?:ニュース|報道|発表|話題|話)")
_TITLE_NOISE = re.compile(r"[\s\u3000？?！!。、「」『』：:]")


def _repeats_title(doc: Document, text: str) -> bool:
    """The post's title (or a title-like line of it) repeated as a body line: the
    front matter's title is not prose this rule reads, and neither is its echo."""
    title = doc.title
    if not title:
        return False
    core = _TITLE_NOISE.sub("", strip_masks(text))
    return len(core) >= 8 and core in _TITLE_NOISE.sub("", title)


def _previous_text(doc: Document, sentences: list[Sentence], index: int) -> str:
    """The sentence before, when it is in the same paragraph or the same list."""
    if index == 0:
        return ""
    here, before = sentences[index], sentences[index - 1]
    same_block = here.block_index == before.block_index
    same_list = doc.blocks[here.block_index].container == doc.blocks[before.block_index].container == "list_item"
    return before.text if same_block or same_list else ""


def _is_headline(doc: Document, sentence: Sentence) -> bool:
    """The body's first block is a one-line paragraph without 。: the post's headline
    (often its original title), which is a heading in all but markup."""
    block = doc.blocks[sentence.block_index]
    first = next((i for i, b in enumerate(doc.blocks) if b.kind not in ("hr", "comment", "html")), None)
    if sentence.block_index != first or block.kind != "paragraph" or block.line != block.end_line:
        return False
    return not strip_masks(sentence.text).rstrip().endswith(("。", "．", "."))


class _Surroundings:
    """What an exclusion may look at beyond the sentence, computed only when asked."""

    def __init__(self, doc: Document, sentences: list[Sentence], index: int) -> None:
        self.doc, self.sentences, self.index = doc, sentences, index

    @cached_property
    def previous(self) -> str:
        return _unmarked(_previous_text(self.doc, self.sentences, self.index))

    @cached_property
    def headings(self) -> list[Heading]:
        """The section headings the sentence stands under, nearest first."""
        return _enclosing_headings(self.doc, self.sentences[self.index].block_index)

    @cached_property
    def post(self) -> str:
        """The prose of the whole post, one sentence a line (computed once per document)."""
        return self.doc.memo("statistic-post-prose", lambda doc: _unmarked("\n".join(s.text for s in doc.sentences)))

    @cached_property
    def lead_in(self) -> str:
        return _unmarked(_list_caption(self.doc, self.sentences, self.index))

    def names_title_product(self, text: str) -> bool:
        """The sentence or the one before names a product the post's title names (「Claude API」 in both)."""
        names = self.doc.memo("statistic-title-products", _title_products)
        here = _unmarked(text) + "\n" + self.previous
        return any(re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", here) for name in names)

    def section_text(self, heading: Heading) -> str:
        """The section `heading` opens, from its title up to the end of the sentence."""
        sentence = self.sentences[self.index]
        return _unmarked(self.doc.plain(Span(heading.title_span.start, sentence.span.end)))


# Latin-script words of a title that name a product (「Claude」 of 「Claude APIのプロンプトキャッシュ」), not
# the generic terms every post about AI uses.
_TITLE_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9.+\-]{2,}")
_GENERIC_WORDS = frozenset(
    "ai api llm llms gpu gpus cpu npu saas paas iaas kpi roi dx it iot ar vr os pc sdk app apps web cloud "
    "data model models agent agents chat bot bots tech news guide update updates new the and for with".split()
)


def _title_products(doc: Document) -> tuple[str, ...]:
    title = doc.title or ""
    return tuple(w for w in dict.fromkeys(_TITLE_WORD.findall(title)) if w.casefold() not in _GENERIC_WORDS)


def _excludes(
    exclusion: Exclusion, text: str, start: int, end: int, phrase: str, repeated: bool, around: _Surroundings
) -> bool:
    if exclusion.repeated and not repeated:
        return False
    if exclusion.title and not exclusion.title.search(around.doc.title or ""):
        return False
    if exclusion.product and not around.names_title_product(text):
        return False
    if exclusion.previous and not exclusion.previous.search(around.previous):
        return False
    if exclusion.figure and not exclusion.figure.search(phrase):
        return False
    if exclusion.before and not exclusion.before.search(_unmarked(text[max(0, start - 40) : start])):
        return False
    if exclusion.after and not exclusion.after.search(_unmarked(text[end : end + 60])):
        return False
    if exclusion.sentence and not exclusion.sentence.search(_unmarked(text)):
        return False
    if exclusion.unless and exclusion.unless.search(_unmarked(text)):
        return False
    if exclusion.lead_in and not exclusion.lead_in.search(around.lead_in):
        return False
    if exclusion.post and not exclusion.post.search(around.post):
        return False
    return not (exclusion.heading and not _section_matches(exclusion, around))


def _section_matches(exclusion: Exclusion, around: _Surroundings) -> bool:
    """A heading above the sentence matches `heading`, and its section so far matches `section`."""
    assert exclusion.heading is not None
    return any(
        exclusion.heading.search(heading.title)
        and (exclusion.section is None or exclusion.section.search(around.section_text(heading)))
        for heading in around.headings
    )


def _enclosing_headings(doc: Document, block_index: int) -> list[Heading]:
    """The structural headings whose sections hold this block: the nearest, then its parents."""
    chain: list[Heading] = []
    for heading in reversed(doc.outline):
        if heading.block_index >= block_index:
            continue
        if not chain or heading.level < chain[-1].level:
            chain.append(heading)
            if heading.level <= 1:
                break
    return chain


def _list_caption(doc: Document, sentences: list[Sentence], index: int) -> str:
    """What introduces the list holding sentence `index`, when it directly precedes the list:
    a caption line (「**期待効果**:」) or the last sentence of the paragraph before."""
    block_index = sentences[index].block_index
    if doc.blocks[block_index].container != "list_item":
        return ""
    first = block_index
    while first > 0 and (doc.blocks[first - 1].container == "list_item" or doc.blocks[first - 1].kind == "list_item"):
        first -= 1
    if first == 0:
        return ""
    before = doc.blocks[first - 1]
    if before.kind == "pseudo_heading" and before.content is not None:
        return doc.plain(before.content)
    if before.kind == "paragraph" and before.top_level:
        lead_in = _list_lead_in(doc, sentences, index)
        if lead_in is not None and sentences[lead_in].block_index == first - 1:
            return sentences[lead_in].text
    return ""


def _unmarked(text: str) -> str:
    """Text without markup masks, so 「= **4,000万円**」 reads as 「= 4,000万円」 for the pack's regexes."""
    return text.replace(MARKUP, "")


def _context(doc: Document, sentences: list[Sentence], index: int, lookback: int) -> list[int]:
    """The sentence itself, the ones before it, and the lead-in of the list it stands in."""
    indexes = list(range(index, max(-1, index - lookback - 1), -1))
    lead_in = _list_lead_in(doc, sentences, index)
    if lead_in is not None and lead_in not in indexes:
        indexes.append(lead_in)
    if doc.blocks[sentences[index].block_index].kind == "table":
        indexes.extend(i for i in _table_context(doc, sentences, index) if i not in indexes)
    return indexes


_CAPTION = re.compile(r"^[\s\ue000-\uf8ff]*(?:出典|出所|参考|資料|注|※|表[0-9０-９]|図[0-9０-９]|データ|ソース|Source)", re.IGNORECASE)


def _table_context(doc: Document, sentences: list[Sentence], index: int) -> list[int]:
    """For a table row: the table's header row, the last sentence before the table and a caption right under it."""
    block_index = sentences[index].block_index
    first = index
    while first > 0 and sentences[first - 1].block_index == block_index:
        first -= 1
    last = index
    while last + 1 < len(sentences) and sentences[last + 1].block_index == block_index:
        last += 1
    found = [first]
    if first > 0 and sentences[first - 1].block_index == block_index - 1:
        found.append(first - 1)  # the sentence that introduces the table, right above it
    if last + 1 < len(sentences):
        after = sentences[last + 1]
        if after.block_index == block_index + 1 and _CAPTION.match(after.text):
            found.append(last + 1)
    return found


def _list_lead_in(doc: Document, sentences: list[Sentence], index: int) -> int | None:
    """Index of the last sentence before the list that holds sentence `index`.

    「IDCの調査では、次の結果が出ています。」 followed by a list of figures:
    every item is attributed by that lead-in, not only the first one.
    """
    block_index = sentences[index].block_index
    if doc.blocks[block_index].container != "list_item":
        return None
    first = block_index
    while first > 0 and (doc.blocks[first - 1].container == "list_item" or doc.blocks[first - 1].kind == "list_item"):
        first -= 1
    for other in range(index - 1, -1, -1):
        if sentences[other].block_index < first:
            return other
    return None


def _source(doc: Document, sentence: Sentence, pack: Pack, settings: Settings) -> str | None:
    """What attributes this sentence: a link, footnote or URL, or a cue outside vague sources."""
    link = _RAW_SOURCE.search(_raw_with_markup(doc, sentence))
    if link:
        return "link or footnote"
    plain = _unmarked(sentence.text)
    cue = pack.cues.search(pack.vague.sub(lambda m: _BLANK * len(m.group(0)), plain))
    if cue:
        return cue.group(0)
    extra = _extra_cues(settings.extra_cues)
    if extra:
        match = extra.search(plain)
        if match:
            return match.group(0)
    return None


def _raw_with_markup(doc: Document, sentence: Sentence) -> str:
    """The sentence as written, with the masked markup around it (a link's `[` and `](url)`)."""
    masked = doc.masked
    start, end = sentence.span.start, sentence.span.end
    while start > 0 and masked[start - 1] in MASKS:
        start -= 1
    while end < len(masked) and masked[end] in MASKS:
        end += 1
    return doc.text[start:end]


def _inside_quotes(text: str, offset: int) -> bool:
    """True inside 「」『』“” of this sentence (quoted figures are someone's words or a headline)."""
    depth = 0
    for ch in text[:offset]:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES and depth:
            depth -= 1
    return depth > 0

