"""The mend a doubled-particle message names: which particle to change, to what, shown on the writer's words.

A message that only says "change one of them" leaves the writer to work out
the Japanese; readers of the rule's findings judged the fixed hints 「に」 or
「の」 right only where they happened to fit. Where the structure of the
sentence settles the mend, the message shows it on the sentence's own words:

- the second 「が」's predicate says what the first one's noun has or can do
  (「どのデータが価値がある」「AIが何ができる」): the holder takes 「に」,
  「データに価値がある」「AIに何ができる」;
- the second 「が」's predicate describes a noun (a relative clause,
  「最もROIが高い施策」): inside it 「が」 becomes 「の」, 「ROIの高い施策」;
- the second 「が」 names what the first one's noun excels in (「技術が優れて
  いる」): 「に」, 「技術に優れている」;
- a first 「で」 of 「〜との間で」 names a partner, which 「と」 alone does:
  「A社との間で10年間で」 → 「A社と、10年間で」.

Anywhere else the message keeps the usual mends of the particle.
"""

from __future__ import annotations

from functools import lru_cache

from jalint.document import Document
from jalint.rules._prose import load_data, shown_text
from jalint.tokens import Token

GENERAL = "片方を別の言い方に替えるか、語順を入れ替えるか、文を分けてください。"
# The usual mend for the particles the corpus doubles most, so the message names one (「提携により今後4年間で」).
USUAL = {
    "が": "片方の「が」を「に」か「の」に替える（「〜に価値がある」「〜の信頼性が高い」）か、"
          "前の「が」を「は」にする（「〜は信頼性が高く、…」）か、文を分けてください。",
    "で": "片方の「で」を「により」「なら」「の」などに替えるか、文を分けてください。",
    "から": "片方の「から」を「をもとに」「以来」「の」などに替えるか、範囲なら「〜」で書いてください。",
    "への": "片方の「への」を「に対する」などに替えるか、「〜に〜すること」の形に書き換えてください。",
}
# Verbs whose holder takes 「に」: 「AIに何ができる」 (ability), 「データに価値がある」 (a noun of worth).
_ABILITY = frozenset({"出来る"})
_HAVING = frozenset({"有る", "無い"})
# Verbs of excelling: 「AがBに優れる」, so 「Aが技術が優れている」 wants 「技術に優れている」.
_EXCEL = frozenset({"優れる", "長ける", "秀でる", "富む"})
_SHOWN_BETWEEN = 12  # characters between the two particles shown in the example; longer runs are elided
_NOMINAL = frozenset({"名詞", "接尾辞"})
_COMPOUND_PARTS = frozenset({"名詞", "代名詞", "接頭辞", "接尾辞"})  # 「AI自体」「彼ら」「コスト効率」


@lru_cache(maxsize=1)
def _worth_nouns() -> tuple[str, ...]:
    """Nouns of worth or standing, matched at the end of the noun phrase (将来性 is 将来 + 性 to the tagger)."""
    return tuple(load_data("doubled_particle.toml")["worth_nouns"])


def mend(particle: str, first: tuple[int, int], second: tuple[int, int], tokens: list[Token], doc: Document) -> str:
    """The advice for a doubled `particle`; `first` and `second` are (first, last) token indices of the two."""
    if particle == "が" and first[0] > 0 and second[0] > 0:
        holder = _holder_mend(first, second, tokens, doc)
        if holder:
            return holder
        excel = _excel_mend(second, tokens, doc)
        if excel:
            return excel
        relative = _relative_clause_mend(second, tokens, doc)
        if relative:
            return relative
    if particle == "で" and first[0] > 3:
        partner = _partner_mend(first, second, tokens, doc)
        if partner:
            return partner
    return USUAL.get(particle, GENERAL)


def _noun_before(doc: Document, tokens: list[Token], particle: int, floor: int) -> str:
    """The noun phrase right before the particle token at `particle` (「将来性」 for 将来+性+が), not before `floor`."""
    return plain_text(doc, tokens[noun_start(tokens, particle - 1, floor)].start, tokens[particle].start)


def plain_text(doc: Document, start: int, end: int) -> str:
    """The words between two offsets as a message quotes them (`shown_text`), without backticks or line breaks."""
    return shown_text(doc, start, end).replace("`", "").replace("\n", "")


def noun_start(tokens: list[Token], last: int, floor: int) -> int:
    """The first token of the noun phrase that ends at `last` (「AI自体」, 「コスト効率」), not before `floor`."""
    start = last
    while start > floor and tokens[start].pos in _COMPOUND_PARTS and tokens[start - 1].pos in _COMPOUND_PARTS:
        start -= 1
    return start


def _holder_mend(first: tuple[int, int], second: tuple[int, int], tokens: list[Token], doc: Document) -> str:
    """「どのデータが最も価値がある」 → 「データに最も価値がある」: the second 「が」 names what the first has."""
    index = second[1] + 1
    if index >= len(tokens):
        return ""
    predicate = tokens[index]
    noun = _noun_before(doc, tokens, second[0], first[1] + 1)
    if not (predicate.lemma in _ABILITY or (predicate.lemma in _HAVING and noun.endswith(_worth_nouns()))):
        return ""
    if tokens[first[0] - 1].pos not in ("名詞", "代名詞", "接尾辞"):
        return ""
    holder = _noun_before(doc, tokens, first[0], 0)
    between = plain_text(doc, tokens[first[1]].end, predicate.start)
    if len(between) > _SHOWN_BETWEEN:
        between = "…" + noun + plain_text(doc, tokens[second[0]].start, predicate.start)
    example = f"{holder}に{between}{predicate.base or predicate.surface}"
    return f"前の「が」を「に」にしてください（「{example}」）。"


def _excel_mend(second: tuple[int, int], tokens: list[Token], doc: Document) -> str:
    """「彼らが技術が優れている」 → 「技術に優れている」: what one excels in takes 「に」."""
    index = second[1] + 1
    if index >= len(tokens) or tokens[index].lemma not in _EXCEL:
        return ""
    noun = _noun_before(doc, tokens, second[0], 0)
    return f"後の「が」を「に」にしてください（「{noun}に{tokens[index].base or tokens[index].surface}」）。"


def _partner_mend(first: tuple[int, int], second: tuple[int, int], tokens: list[Token], doc: Document) -> str:
    """「A社との間で10年間で…契約を結ぶ」 → 「A社と、10年間で…」: 「との間で」 names a partner, which 「と」 alone does."""
    if [t.surface for t in tokens[first[0] - 3 : first[0]]] != ["と", "の", "間"]:
        return ""
    partner = _noun_before(doc, tokens, first[0] - 3, 0)
    particle = plain_text(doc, tokens[second[0]].start, tokens[second[1]].end)
    words = _noun_before(doc, tokens, second[0], first[1] + 1) + particle
    if not partner:
        return ""
    return f"前の「との間で」を「と」にして読点で区切ってください（「{partner}と、{words}」）。"


def _relative_clause_mend(second: tuple[int, int], tokens: list[Token], doc: Document) -> str:
    """「最もROIが高い施策」 → 「ROIの高い施策」: inside a noun's description 「が」 becomes 「の」."""
    count = len(tokens)
    index = second[1] + 1
    while index < count and tokens[index].pos == "副詞":
        index += 1
    if index >= count or tokens[index].pos not in ("形容詞", "動詞", "形状詞"):
        return ""
    index += 1
    while index < count and tokens[index].pos == "助動詞":
        index += 1
    if index >= count or not tokens[index - 1].conjugation.startswith("連体形") or tokens[index].pos not in _NOMINAL:
        return ""
    end = index
    while end < count and tokens[end].pos in _NOMINAL:
        end += 1
    noun = _noun_before(doc, tokens, second[0], 0)
    example = f"{noun}の{plain_text(doc, tokens[second[1]].end, tokens[end - 1].end)}"
    return f"後の「が」を「の」にしてください（「{example}」）。"
