"""## What it finds
Hype words that generated posts use in place of facts, in three groups:

- absoluteness: 革命的な, 画期的な, ゲームチェンジャー, 完璧な, 最高の
  (before a thing on offer: 最高の性能, 最高のAI技術, 最高のソリューション), 最先端の
  (before a noun of marketing copy: 最先端のソリューション), 大幅に (in a reported
  change: 大幅に短縮された, 大幅に削減できました), and 完全に where it promises a
  total change (完全に解決, 完全に置き換える);
- abstract effects: 奇跡的な, 潜在能力を引き出す, スーパーチャージ, 驚嘆させ;
- predictions and authority: 業界を再定義, 不可避の, 新たな基準を設定, 次世代の
  (before a noun of marketing copy), 根本的に変革.

Off by default, because read strictly they are right less than ~70% of the time in
posts (a team turns one back on by naming it in `extra-phrases`, which restores it with
its exceptions): 究極の, 魔法のように, 驚異的な, 可能性を解き放つ, 民主化する,
パラダイムシフト, 未来を変える. In posts they are mostly an incidental intensifier
whose examples are named (AI技術の驚異的な進化), a hope (…を解き放てると信じています),
a trend stated with its evidence, a frame whose old and new are spelled out nearby, or
a headline-like lead.

A word is left alone where it makes no claim of the writer's about what exists
today:
- someone else's words: a quotation (「」『』“” or a blockquote), a reported claim
  (〜と述べています, 〜をアピール), hearsay (〜という話を聞きました, 〜という事例も
  耳にします, 〜とされています, 〜によると), a name others give it (〜として注目される, 〜と呼ばれる), the text of a
  link (the title of another post);
- a denial or a dismissed hope: 完璧な方法ではない, 〜わけではありません, 完璧な
  計画を作るのは困難だ, 〜という期待は非現実的だ, 夢物語だと思われていた;
- doubt or a question: どんな画期的な技術にも課題がある, 本当に未来を変えるのか？,
  〜になると思うかい？, ゲームチェンジャーとなり得るかを見極める;
- a forecast, a possibility or a belief: 〜でしょう, 〜かもしれません, 〜はずだ,
  〜となり得る, 〜可能性がある, 〜が可能になります, 〜が期待されます, 〜になると
  見ています, 〜になりつつある, 〜を予感させる, 〜と信じています, 〜と確信しています;
- a call to the reader: 〜しましょう, 〜と捉えるべきです, 〜てください, 〜てほしい,
  a sentence ending in a bare こと (AIを最高のツールとして使いこなすこと。);
- a hypothesis, a scene or a vision: もし…, 〜とすれば, 〜ためには, 〜としましょう,
  〜になった時、, 〜が次々と登場する未来, and 「これは…」 after a sentence that only
  imagines (〜も夢ではありません。これは画期的な変化だ);
- an aim, a hope, a requirement or a condition: 最高の体験を提供しようとしている,
  究極の環境を目指す, 〜であろうとしてきた, 真のゲームチェンジャーとなるための一歩,
  真のゲームチェンジャーとなる条件, 画期的なアプリが不可欠だ;
- a concession the writer then limits: 確かに画期的だ, 〜を見せているのは確かですが、…;
- a look back: a sentence in the past tense (CUDAはまさにゲームチェンジャーだった,
  エコシステムは驚異的なスピードで成長してきました), a story dated in the sentence
  before (2020年に登場した…。それが今では…), many events (何度も見てきました);
- someone else's case: an anonymous example (例えば、ある企業のチームでは…大幅に削減
  できました), a named party's result (SK Innovationは…を導入し、…大幅に削減しました: a
  vendor's customer story), a paragraph that tells an unnamed party's story (ある金属加工
  メーカーでの話です。…), a sentence after one that names its source (…によると、…ようです。
  特に、…が大幅に向上した点だ), a result the next sentence turns on (…大幅に削減されました。
  しかし、…: conceded, not claimed); for 大幅に;
- the change said next to it: in apposition (〜を支えるという、まさに画期的な進化,
  〜できるという点は、まさにゲームチェンジャーだ, 〜と比べると、これはまさに革命的だ),
  in a relative clause (精度を高める画期的な手法, 開発を桁違いに速める、まさに
  ゲームチェンジャーだ), after it (画期的なのは…点だ), or in
  the sentence before, summed up by 「これは」 (… 。これは、まさにゲームチェンジャーです)
  for 革命的, 画期的, ゲームチェンジャー and パラダイムシフト; パラダイムシフト also where
  the sentence or a neighbour contrasts old and new (これまで, 従来, 〜から〜へ, 〜ではなく),
  and ゲームチェンジャー and 根本的に変革 where the paragraph or the first line of the next one
  does (これまでの…では, 初期のブームでは…。でも、ここ数年の…);
- a figure in the sentence or the one before or after it in the paragraph (for 大幅に also
  the first sentence of the next paragraph, when the word ends its own: 「…大幅に減少したの
  です。」 then 「削減された4000人の多くが…」) (quantities with their unit, 51.2Tbpsという,
  $5, 100分の1, 数時間から数秒へ, 無料) backs 大幅に, 驚異的な, 画期的な, 革命的な,
  ゲームチェンジャー, パラダイムシフト and 最高の; 驚異的な数字 comments on one;
- a clause the sentence takes as given (〜が驚異的な性能を出せているのは、…のおかげだ),
  その right before the word (その驚異的な生成能力: a capability already shown),
  a topic label (**究極の使い心地：**), a sentence cut off before its predicate;
- word by word: 大幅に in a general statement or a capability (量子化は計算量を大幅に
  削減する, 大幅に減らせます), after a condition (見つかれば、リスクを大幅に下げられる),
  about a generic subject (大幅に向上させた企業は…) or a record (〜してきた実績);
  最高の after 過去・史上・歴代・以来 (a record), in a requirement (最高の安全性が
  求められる), in a simile (まるで指揮者のように、…最高の…) or the set phrase
  最高のパフォーマンスを引き出す; 完璧な after 一見 or ほぼ, in an example (例えば、
  職人の完璧な力加減, 別の会社もまた、…完璧な連携を見せています) or a capability still
  to come (完璧な試作品を画面で試せるようになる);
  究極の before 目標・目的・問い・選択・挑戦・価値・個人情報 (a figure of speech); 画期的な
  in a landmark law (画期的な規制), in creativity in general (画期的なアイデアを生み出す力),
  after 〜のような, 数々の, 〜ための; パラダイムシフト after この or その (the change just
  described) or as something aimed at or lived through (〜を狙う, 〜を経験してきた);
  完全に describing a state (完全にオフライン), in an example or a vision of the future.

最先端の and 次世代の are reported only before a noun of marketing copy
(ソリューション, イノベーション, サービス, 製品, 体験): 最先端の技術, 最先端のモデル,
最先端の研究, 次世代のデバイス, 次世代の技術者 name the state of the art or the
next generation of a thing or of people. 最高の is reported only before a thing on
offer: 最高の機会, 最高の挑戦, 最高の腕の見せ所 are the writer's feelings, and
最高のパートナー is, in posts, a call to the reader (AIを最高のパートナーとして).

## Why it matters
Hype words promise without telling: a reader learns that something is
「革命的」 but not what changed. In generated posts they pile up until nothing
stands out; an editor replaces each with the fact it stands for (a number, a
comparison, a concrete change).

## Example
```markdown
この画期的なツールは、経理の仕事を完全に自動化します。
```

## Use instead
```markdown
このツールは、請求書の読み取りと仕訳の入力を自動化します。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a sentence that contains a match is not reported.
- `disable-absoluteness-patterns` (default false): do not report the absoluteness group.
- `disable-abstract-patterns` (default false): do not report the abstract-effect group.
- `disable-predictive-patterns` (default false): do not report the prediction group.
- `extra-phrases` (default none): more words to report (plain text), e.g. `"飛躍的に"`.
  A word of an entry that is off by default (`"驚異的な"`, `"パラダイムシフト"`,
  `"究極の"`, `"魔法のように"`, `"可能性を解き放"`, `"民主化する"`, `"未来を変える"`)
  turns that entry back on, with its exceptions.
- `every-occurrence` (default false): report every listed word wherever it stands, as
  textlint does: the words that are off by default are on, and the exceptions above
  are off, except quotations, link text and blockquotes. For a team that wants
  upstream's reading while it migrates; expect most findings in posts to be noise
  (docs/accuracy.md).

The words and their exceptions are data in `hype_expression.toml` next to this module.

## Fix safety
No fix: the fact that replaces a hype word has to come from the writer.

## textlint
Replaces `no-ai-hype-expressions` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableAbsolutenessPatterns`,
`disableAbstractPatterns`, `disabledPredictivePatterns` (upstream's spelling,
mapped to `disable-predictive-patterns`). Deliberate differences, all for
precision (the rule should stay quiet where a careful editor would):
- More words: 革命的 in every form and 画期的; textlint has only 革命的な.
- Fewer words: 世界初の is not reported (in posts it states a fact from an
  announcement: 世界初の包括的なAI規制法), nor フロンティアを開拓 (a loose metaphor,
  mostly in a closing hope); 究極の, 魔法のように, 驚異的な, 可能性を解き放つ,
  民主化する, パラダイムシフト and 未来を変える are off by default (see above). A team
  that wants them adds them with `extra-phrases`.
- 大幅に only in a reported change (大幅に短縮されました); textlint also reports
  「量子化は計算量を大幅に削減できる」, a general fact that needs no figure.
- 完全に only before a verb of total change; textlint reports every 完全に,
  including 完全にオフラインで動く, which states a fact.
- 最高の, 最先端の and 次世代の only before the nouns listed above; textlint
  reports 最高の機会 (a feeling), 最先端の技術に触れる (the state of the art as a
  field) and 次世代の技術者 (people).
- No word is reported in a forecast, a belief, a call to the reader, a
  hypothesis, a question, a denial, hearsay, a reported claim, a look back in
  the past tense or next to the figure or the statement that backs it (see
  above); textlint reports
  「これはゲームチェンジャーになるでしょう」 and 「年平均30%増と大幅に伸びた」.
- 民主化 (when turned on) only as a verb (民主化する), as in textlint; the noun
  (AIの民主化) names a movement.
- `allows` is tested against the sentence; textlint tests the text node,
  which can be a whole paragraph.
- Words added with `extra-phrases` skip the same contexts except the past
  tense: 「精度が飛躍的に上がりました」 is still reported. A word that turns an
  entry back on (驚異的な) keeps that entry's own exceptions instead.
- `every-occurrence = true` drops the contexts and turns the off-by-default words
  on, which is upstream's reading for every word jalint lists; the word limits
  above (最高の, 最先端の, 次世代の before the listed nouns, 完全に before a verb of
  total change, no 世界初の or フロンティア) stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._ai_writing import in_quote
from jalint.rules._prose import GENERIC_ACRONYMS, compile_allow, load_data, next_sentence, previous_sentence, visible_text
from jalint.sentences import Sentence

# 「かもしれません」「違いない」「少ない」end in a negative form but do not negate the claim.
_NEGATED = re.compile(
    r"(?<!しれ)(?<!違い)(?<![少危])ない|(?<!しれ)ません|ず[、。]|ずに|ことなく|なかっ|ではなく|じゃなく|とは限ら|とは言え|とはいえ|わけでは"
)
# A sentence that ends by denying its whole statement, however far from the word:
# 「単に最先端の技術を開発することだけを意味するわけではありません」.
_DENIED = re.compile(r"(?:わけ|もの|こと)(?:では|じゃ)(?:ない|ありません)|とは限ら(?:ない|ません)|(?:ては|では)(?:ならない|なりません)")
# An indirect question about the claim: 「ゲームチェンジャーとなり得るかを見極める」.
_QUESTION = re.compile(r"のか|かどうか|か(?:い|な|ね)?[？?]|と思う(?:かい|か)|(?<=[るたいう])か(?:を|が|は|に|、)")
# A hypothesis, not a claim: 「もしこの技術が普及すれば、まさにゲームチェンジャーです」,
# 「H100よりも大幅に低いコストで動くのであれば」, 「驚異的なスコアを出したとしても」.
_HYPOTHESIS_BEFORE = re.compile(r"もし|仮に|ためには|とすれば|としたら|とすると|であれば|[るたいだ]なら、|目指すのは|狙いは|求められるのは|必要なのは")
_HYPOTHESIS_AFTER = re.compile(
    r"(?<!なけ)れば|[せてめ]ば|(?<!例)(?<!と言)(?<!とい)えば|(?<!も)たら|なら(?!な|ず|では|ぬ)|としても|場合"
)
_SCENARIO = re.compile(r"シナリオ|仮説|としましょう|と仮定")
# Someone else's claim, reported: 「…で画期的な進展が進んでいると述べています」.
# A name others give it is reported too: 「究極のプライバシー保護技術として注目されるのが…」.
_REPORTED = re.compile(
    r"と(?:述べ|語っ|語り|強調し|主張し|アピールし)|をアピール|として注目|と呼ばれ|と称され|として知られ"
    # Hearsay: 「…業務効率を大幅に改善したという事例も耳にします」「…という話を聞きました」,
    # 「処理速度が大幅に向上したとされています」「公開された情報によると、…」.
    r"|という(?:話|事例|例|声|報告|噂)|と聞(?:い|き|く)|を耳に|とされ(?:て|る|た|ま)|によると|によれば|と報じ"
)
# The source named before the word: 「発表によれば、…大幅に向上した」 (or in the sentence
# before: 「公開情報によると、…ようです。特に、…が大幅に向上した点だ」).
_SOURCE_BEFORE = re.compile(r"によると|によれば")
# A paragraph that tells an unnamed party's story: 「ある金属加工メーカーでの話です。…」.
_STORY_OF_OTHERS = re.compile(
    r"ある[^、。]{0,10}?(?:企業|会社|組織|チーム|メーカー|店舗|病院|自治体|銀行|工場)(?:での|の)(?:話|事例|例)"
)
# Someone else's case, told as theirs: an anonymous example (「例えば、ある企業のチームでは…
# 大幅に削減できました」) or a named party's result (「SK InnovationはAzureを導入し、…を大幅に
# 削減しました」: a vendor's customer story, whose figure is the source's to give).
_OTHERS_CASE = re.compile(
    r"(?:例えば|たとえば)、?ある|ある(?:企業|会社|組織|チーム|メーカー|店舗|病院|自治体|銀行|工場)"
    r"|^[\s*]*(?:(?!(?:" + "|".join(GENERIC_ACRONYMS) + r")は)"  # a generic acronym, 「AIは…」, names no party
    r"[A-Z][A-Za-z0-9.&\-]*(?: [A-Z0-9][A-Za-z0-9.&\-]*)*|同社|両社)は"
)
# A time to come: 「AIが完璧な聞き手となり、…存在になった時、私たちは…」.
_WHEN = re.compile(r"[たる](?:時|とき)(?:、|に|には|は)")
# A concession the writer then limits: 「確かに画期的なアプローチだ」「画期的な技術ですが、まだ…」.
_GRANTED_BEFORE = re.compile(r"確かに|たしかに")
_GRANTED_AFTER = re.compile(r"(?:です|だ|である|ではある|でした|だった|った|ます)(?:が|けど|けれど|けれども)、?$")
# A result the next sentence turns on is conceded, not claimed: 「…作業時間が大幅に削減されました。
# しかし、予期せぬエラーには…」, 「…大幅に短縮できた経験があります。ただし、…」.
_TURN = re.compile(r"[\s*]*(?:しかし|ただし|とはいえ|もっとも|ですが|だが|けれども|その一方で|一方で)")
# What it would take: 「スマートグラスがスマートフォンを完全に置き換えるには、まだ時間がかかる」.
_REQUIREMENT = re.compile(r"(?:る|なる)には、?$")
# Looking back on many such events is no claim about one: 「スタートアップが画期的な技術を
# 発表する瞬間を何度も見てきました」.
_RECOLLECTION = re.compile(
    r"見てきまし|見てきた|目にしてきた|目の当たりにしてきた|見届けてきた|過去にも|これまでも|幾度となく"
    r"|思い出してみ|思い出してください"
)
# A vision of the future is no claim about today: 「画期的な新薬が次々と登場する未来」.
_VISION = re.compile(r"[うくぐすつぬぶむるたい]未来")
# A look back at an event of the past (「2020年のCASP14での圧倒的な成果は、今でも覚えている」
# 「AlphaGoが世界チャンピオンを破るという驚異的な出来事もありました」) praises no product of
# today; an entry with `past = "keep"` (大幅に, a reported change) is still reported.
_HISTORY = re.compile(r"当時|かつて|頃|その後|今でも|覚えて|(?:19|20)[0-9]{2}年|[0-9０-９数]年(?:前|後)|あの(?:時|頃)|た(?:時|とき)、")
_PAST_END = re.compile(r"(?:た|ました|でした|だった)(?:の(?:です|だ)|んです|んだ)?(?:よね|よ|ね|な)?[。．！!]?$")
# The word in apposition to what the sentence has just said: 「…をAIが支えるという、まさに
# 画期的な進化だ」 names the change it praises.
_APPOSITION = re.compile(
    r"(?:という|(?:の|こと|点)(?:は|が)|ような)、?(?:まさに|実に|非常に|真の|新たな|大きな)?$"
    # A comparison just made: 「従来のツールが熟練を要したことを考えれば、これはまさに革命的だ」.
    r"|(?:考え|比べ)(?:れば|ると)、"
    # A clause that says the change, then the word: 「…を桁違いに加速させる、まさに現代の
    # ロボット開発におけるゲームチェンジャーだ」「…を可能にする、まさにゲームチェンジャーなんです」.
    r"|[うくぐすつぬぶむるた]、(?:まさに|正に)[^、。]{0,25}$"
)
# The word inside a clause the sentence takes as given and explains (「NVIDIAが驚異的な性能を
# 発揮できているのは、この技術の恩恵が大きい」): the claim is the explanation.
_PRESUPPOSED = re.compile(r"[^、。]*?(?:いる|た|る)のは、")
# A sentence cut off before its predicate (「汎用性と最高の性能」 at the end of a truncated post)
# states nothing.
_CUT_OFF = re.compile(r"[一-龥ァ-ヶー]$")
# A dismissed hope: 「画期的な新薬を生み出すなんて、夢物語だと思われていた」.
_DISMISSED = re.compile(r"夢物語|幻想|絵空事|神話")
_MEMORY = re.compile(r"覚えて|思い出")
# A call to the reader claims nothing about a product: 「…を最高のパートナーとして使いこなす
# こと。」「あなた自身の可能性を解き放ちましょう」「…パラダイムシフトだと捉えるべきです」.
_EXHORTATION = re.compile(
    r"(?:ましょう|べき(?:です|だ|である)?|て(?:ください|ほしい|欲しい)|で(?:ください|ほしい)|(?<!という)こと)(?:よ|ね)?[。！!]?$"
)
# A word that refers back to what the post has already shown (先ほどNVIDIAの圧倒的な成長に
# 触れましたが) repeats a claim backed there.
_BACK_REFERENCE = re.compile(r"先ほど|前述|上述|既に触れ|すでに触れ")
# An aim, a hope or someone's strategy claims nothing yet: 「最高の体験を提供しようとしている」
# 「究極の統合環境を目指す」「最高の性能を提供して開発者を引きつける、という戦略だ」
# 「画期的な製品が生まれることを期待しています」; nor does an analogy (「熟練の職人が最高の成果を
# 出すようなものだ」).
_AIM = re.compile(
    r"(?:よう|おう|ろう)と(?:し|する|努|考え)|目指|(?:と|に)なる(?:ため|よう)|という(?:戦略|狙い)|ようなもの|(?<=[るけせてね])よう(?:、|に(?!な))"
    r"|ことを、?(?:心から|強く)?(?:期待|願|祈)|かのよう"
)
# A quantity, not any digit: dates (2025年8月) and model names (MI350, Ernie 5) quantify nothing.
_NUMBER = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９.])[0-9０-９][0-9０-９,，.．]*[\s\ue000]*"
    r"(?:%|％|倍|割|円|ドル|ユーロ|元|億|万|兆|千|百|件|社|人|名|台|個|本|秒|分|時間|日間|週間|か月|ヶ月|カ月|年間|回|点|"
    r"ポイント|パーセント|[KMGTP]B|ms|W|kW|MW|GW|Hz|GHz|[KMGTPE]?FLOPS|[KMGTP]?TOPS|トークン|行|文字|ページ|"
    r"チャンネル|パラメータ|コア|ビット|nm|[KMGT]?bps|[KMGT]B/s|という)"
    r"|[$＄¥￥€£]\s*[0-9０-９]|分の[1１一]|数(?:秒|分|時間|日|週間|か月|ヶ月|倍|割|十倍|百倍|千倍)|無料"
    r"|[一二三四五六七八九十]割|[二三四五六七八九十]倍|半分|半減"
)
# 「どんな画期的な技術にも」: a concession about any such thing, not a claim about one.
# 「本当にゲームチェンジャーとなるには」 doubts the claim.
_CONCESSIVE = re.compile(r"(?:どんな|どれほど|いかに|いくら)に?$|本当に$")
_CLAUSE_END = re.compile(r"[、。，．！？!?]")
# A forecast or a possibility claims nothing yet, and asks for no figure: 「ゲームチェンジャーと
# なり得るでしょう」「圧倒的な優位性を確立できるはずです」「大きく変わる可能性があります」.
_HEDGED = re.compile(
    r"でしょう|だろう|かもしれ|可能性|はず|可能にな|(?:り|し)(?:得|う)(?:る|ます)|見込|予想され|予測され|期待(?:され|でき)"
    # A forecast or a belief in the writer's voice: 「…が真のゲームチェンジャーになると見ています」
    # 「…の可能性を解き放てると信じています」「…を予感させる」「…になりつつある」.
    r"|と、?(?:私は|僕は)?、?見て(?:い|お)|(?:信じ|確信し)(?:て(?:い|お)|ます)|予感|つつあ"
)
# Verb endings that carry the tense of the predicate after the word: 短縮|さ|れ|た.
_PREDICATE_POS = frozenset(("動詞", "助動詞", "接尾辞"))
# 「これは…」 after a sentence that only imagines or forecasts (「…な体験も夢ではありません。
# これは画期的な変化だ」) praises what is imagined, not what exists.
_THIS = re.compile(r"(?:これ|それ|この(?:流れ|動き|変化))(?:は|こそ)")
# 「…。これは、まさに革命的です」「…の時代を考えると、これはまさに革命的です」.
_SUMS_UP = re.compile(r"、(?:これ|それ)(?:は|こそ)、?(?:まさに|正に|本当に)?$")
# A label that names a topic (「**究極のプライバシーとデータセキュリティ：**」) claims nothing.
_LABEL_HEAD = re.compile(r"[\ue000\s]*$")
_LABEL_REST = re.compile(r"[^。、]{0,30}[：:]")
_IMAGINED = re.compile(_HEDGED.pattern + r"|夢では|夢じゃ")


class Entry(NamedTuple):
    group: str
    pattern: re.Pattern[str]
    advice: str
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    not_in_clause: re.Pattern[str] | None = None
    not_in_rest: re.Pattern[str] | None = None
    not_in_head: re.Pattern[str] | None = None
    skip_quantified: bool = False
    keep_past: bool = False
    not_near: re.Pattern[str] | None = None
    past_only: bool = False
    skip_after_statement: bool = False
    default_off: bool = False
    not_in_paragraph: re.Pattern[str] | None = None
    not_in_case: bool = False


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    result = []
    for raw in load_data("hype_expression.toml")["entry"]:
        result.append(
            Entry(
                raw["group"],
                re.compile(raw["pattern"]),
                raw["advice"],
                re.compile(raw["not-before"]) if "not-before" in raw else None,
                re.compile(raw["not-after"]) if "not-after" in raw else None,
                re.compile(raw["not-in-clause"]) if "not-in-clause" in raw else None,
                re.compile(raw["not-in-rest"]) if "not-in-rest" in raw else None,
                re.compile(raw["not-in-head"]) if "not-in-head" in raw else None,
                raw.get("quantified") == "skip",
                raw.get("past") == "keep",
                re.compile(raw["not-near"]) if "not-near" in raw else None,
                raw.get("tense") == "past",
                raw.get("after-statement") == "skip",
                raw.get("default") == "off",
                re.compile(raw["not-in-paragraph"]) if "not-in-paragraph" in raw else None,
                raw.get("case") == "skip",
            )
        )
    return tuple(result)


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    disable_absoluteness_patterns: bool = option(False, "Do not report 革命的な, 究極の, 完璧な ….")
    disable_abstract_patterns: bool = option(False, "Do not report 魔法のように, 驚異的な ….")
    disable_predictive_patterns: bool = option(False, "Do not report 未来を変える, パラダイムシフト ….")
    extra_phrases: tuple[str, ...] = option((), "More hype words to report (plain text).")
    every_occurrence: bool = option(False, "Report every listed word wherever it stands, as textlint does.")


def _paragraph_span(doc: Document, sentence: Sentence) -> tuple[int, int]:
    """The span of the sentence's block and the next block's first line (where a change is often spelled out)."""
    blocks = doc.blocks
    block = blocks[sentence.block_index]
    end = block.span.end
    if sentence.block_index + 1 < len(blocks):
        following = blocks[sentence.block_index + 1]
        if following.kind == "paragraph":
            newline = doc.text.find("\n", following.span.start, following.span.end)
            end = newline if newline >= 0 else following.span.end
    return block.span.start, end


def _next_sentence(doc: Document, sentence: Sentence) -> str:
    """The prose sentence after `sentence` in the same block, or ""."""
    after = next_sentence(doc, sentence)
    return after.text if after is not None else ""


def _previous_sentence(doc: Document, sentence: Sentence) -> str:
    """The prose sentence before `sentence` in the same block, or ""."""
    before = previous_sentence(doc, sentence)
    return before.text if before is not None else ""


def _next_in_reading(doc: Document, sentence: Sentence) -> str:
    """The sentence a reader reads next: the next one in the block, or the first of the paragraph right after.

    A paragraph that ends on 「…必要な場面は大幅に減少したのです」 is often followed by
    one that opens with the size (「削減された4000人の多くが…」).
    """
    after = _next_sentence(doc, sentence)
    if after:
        return after
    following = sentence.block_index + 1
    blocks = doc.blocks
    if following >= len(blocks) or blocks[following].kind != "paragraph":
        return ""
    return doc.memo("hype-expression:block-openings", _first_sentence_by_block).get(following, "")


def _first_sentence_by_block(doc: Document) -> dict[int, str]:
    first: dict[int, str] = {}
    for s in doc.prose_sentences:
        first.setdefault(s.block_index, s.text)
    return first


def _in_link_text(text: str, start: int) -> bool:
    """Whether `start` lies in the text of a Markdown link: the title of another post in a list
    of related posts (「[…未来を変える技術…](/2025/11/21/…)」) is no claim of this one."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("[", line_start, start)
    if opening < 0 or "]" in text[opening:start]:
        return False
    line_end = text.find("\n", start)
    closing = text.find("](", start, line_end if line_end >= 0 else len(text))
    return closing >= 0 and "[" not in text[start:closing]


def _reports_past(doc: Document, sentence: Sentence, start: int, end: int) -> bool:
    """Whether the first predicate in sentence offsets start..end is in the past tense (短縮された)."""
    in_predicate = False
    for token in doc.sentence_tokens(sentence):
        if token.start < start:
            continue
        if token.start >= end:
            break
        if token.pos in _PREDICATE_POS or (in_predicate and token.pos_detail == "接続助詞" and token.surface in "てで"):
            if token.pos == "助動詞" and token.lemma == "た" and in_predicate:
                return True
            if token.pos in ("動詞", "形容詞"):
                in_predicate = True
        elif token.pos == "形容詞":
            in_predicate = True
        elif in_predicate:
            return False
    return False


class HypeExpression(Rule[Options]):
    name = "hype-expression"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    fix_safety = "none"
    textlint = ("no-ai-hype-expressions",)
    textlint_options = {
        "allows": "allows",
        "disableAbsolutenessPatterns": "disable-absoluteness-patterns",
        "disableAbstractPatterns": "disable-abstract-patterns",
        "disabledPredictivePatterns": "disable-predictive-patterns",
    }
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        disabled = {
            group
            for group, off in (
                ("absoluteness", self.options.disable_absoluteness_patterns),
                ("abstract", self.options.disable_abstract_patterns),
                ("predictive", self.options.disable_predictive_patterns),
            )
            if off
        }
        # A word of an entry that is off by default (驚異的な, パラダイムシフト …) turns that entry on,
        # with its exceptions; any other word is reported wherever the shared exceptions allow.
        switched_on: list[Entry] = []
        extra: list[Entry] = []
        for word in self.options.extra_phrases:
            if not word:
                continue
            known = next((e for e in entries() if e.default_off and e.pattern.search(word)), None)
            if known is None:
                extra.append(Entry("extra", re.compile(re.escape(word)), "具体的な事実で書き換えてください。", keep_past=True))
            elif known not in switched_on:
                switched_on.append(known)
        every = self.options.every_occurrence
        self._entries = (
            tuple(e for e in entries()
                  if e.group not in disabled and (every or not e.default_off or e in switched_on))
            + tuple(extra)
        )
        self._allowed = compile_allow(self.options.allows)
        self._prefilter = re.compile("|".join(e.pattern.pattern for e in self._entries)) if self._entries else None

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        if self._prefilter is None or not self._prefilter.search(text):
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        if self.options.allows and self._allowed(visible_text(text)):
            return
        following: str | None = None
        every = self.options.every_occurrence
        for entry in self._entries:
            for match in entry.pattern.finditer(text):
                if every:  # upstream's reading: only quotations and link text are not the writer's claim
                    start = sentence.span.start + match.start()
                    if not in_quote(text, match.start()) and not _in_link_text(doc.text, start):
                        yield self._report(match.group(0), start, entry)
                    continue
                if self._excused(entry, text, match):
                    continue
                previous = _previous_sentence(doc, sentence)
                # 「僕が若かった頃、AIはSFの話だった。それが今では…驚異的な成果を出した…」 retells
                # the story begun in the sentence before.
                if not entry.keep_past and text.startswith("それが") and _HISTORY.search(previous):
                    continue
                if _THIS.match(text) and _IMAGINED.search(previous):
                    continue
                if entry.skip_after_statement and (
                    (previous and _THIS.match(text)) or _SUMS_UP.search(text, 0, match.start())
                ):
                    continue
                # A look back begun in the sentence before: 「この戦略は何度も目の当たりにして
                # きました。Appleが…驚異的な性能を実現した例は、その最たるものです」.
                if not entry.keep_past and _RECOLLECTION.search(previous):
                    continue
                if entry.not_near:
                    around = previous + text + _next_sentence(doc, sentence)
                    if entry.not_near.search(around):
                        continue
                if entry.not_in_paragraph and entry.not_in_paragraph.search(
                    doc.text, *_paragraph_span(doc, sentence)
                ):
                    continue
                if entry.not_in_case and (
                    _SOURCE_BEFORE.search(previous) or _OTHERS_CASE.search(text) or _OTHERS_CASE.search(previous)
                    or _STORY_OF_OTHERS.search(doc.text, *_paragraph_span(doc, sentence))
                    or _TURN.match(_next_sentence(doc, sentence))
                ):
                    continue
                if entry.past_only:
                    clause_end = _CLAUSE_END.search(text, match.end())
                    base = sentence.span.start
                    stop = base + (clause_end.start() if clause_end else len(text))
                    if not _reports_past(doc, sentence, base + match.end(), stop):
                        continue
                if entry.skip_quantified:
                    # The figure may come in the sentence next to it: 「大幅に短縮できた。具体的には、
                    # 従来の3分の1です」「準備時間を40%削減するという。これは驚異的な数字だ」.
                    if following is None:
                        # A reported change (大幅に) may be sized at the start of the next paragraph.
                        after = _next_in_reading(doc, sentence) if entry.not_in_case else _next_sentence(doc, sentence)
                        following = previous + "\n" + after
                    if _NUMBER.search(following):
                        continue
                start = sentence.span.start + match.start()
                if _in_link_text(doc.text, start):
                    continue
                yield self._report(match.group(0), start, entry)

    @staticmethod
    def _report(word: str, start: int, entry: Entry) -> Finding:
        return Finding(Span(start, start + len(word)), f"「{word}」は誇張した表現です。{entry.advice}")

    @staticmethod
    def _excused(entry: Entry, text: str, match: re.Match[str]) -> bool:
        if in_quote(text, match.start()):
            return True
        before = text[max(0, match.start() - 6) : match.start()]
        if _CONCESSIVE.search(before) or (entry.not_before and entry.not_before.search(before)):
            return True
        # 「その驚異的な生成能力」 refers back to what the post has already shown.
        if before.endswith(("その", "その、")):
            return True
        if _EXHORTATION.search(text.rstrip()):
            return True
        if entry.not_after and entry.not_after.match(text, match.end()):
            return True
        if entry.skip_quantified and _NUMBER.search(text):
            return True
        clause_end = _CLAUSE_END.search(text, match.end())
        rest = text[match.end() : clause_end.end() if clause_end else len(text)]
        if entry.not_in_clause and entry.not_in_clause.search(rest):
            return True
        if entry.not_in_rest and entry.not_in_rest.search(text, match.end()):
            return True
        head = text[: match.start()]
        if entry.not_in_head and entry.not_in_head.search(head):
            return True
        if _HYPOTHESIS_BEFORE.search(head) or _HYPOTHESIS_AFTER.search(rest) or _AIM.search(text, match.end()):
            return True
        if _GRANTED_BEFORE.search(head) or _GRANTED_AFTER.search(rest) or _REQUIREMENT.search(rest):
            return True
        if _RECOLLECTION.search(text) or _SCENARIO.search(text) or _BACK_REFERENCE.search(head):
            return True
        if _APPOSITION.search(head):
            return True
        if _LABEL_HEAD.match(head) and _LABEL_REST.match(text, match.end()):
            return True
        # A look back: a sentence in the past tense (「CUDAは、まさにゲームチェンジャーだったよね」
        # 「そのエコシステムは驚異的なスピードで成長してきました」) or dated in the past.
        if not entry.keep_past and (_PAST_END.search(text.rstrip()) or (_HISTORY.search(text) and _MEMORY.search(text))):
            return True
        if _HEDGED.search(text, match.end()) or _REPORTED.search(text, match.end()) or _VISION.search(text, match.end()):
            return True
        if _SOURCE_BEFORE.search(head):  # 「公開された情報によると、処理速度が大幅に向上した」
            return True
        if _PRESUPPOSED.match(text, match.end()) or _CUT_OFF.search(text.rstrip()):
            return True
        if _DISMISSED.search(text, match.end()) or _WHEN.search(text, match.end()):
            return True
        if _DENIED.search(text[-16:]):
            return True
        # A negation may come after a comma: 完璧な方法など、どこにもありません。
        return bool(_NEGATED.search(text, match.end(), match.end() + 30) or _QUESTION.search(rest))
