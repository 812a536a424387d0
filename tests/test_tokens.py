"""The shared morphological analysis: offsets into the file, and copies of a block tagged once."""

from __future__ import annotations

from jalint.document import Document
from jalint.source import decode
from jalint.tokens import tokenize

PARAGRAPH = "新しい仕組みを現場で試しました。結果は来月まとめます。"


def document(text: str) -> Document:
    return Document(decode("post.md", text.encode("utf-8")))


def prose_blocks(doc: Document) -> list[int]:
    return [index for index, block in enumerate(doc.blocks) if block.kind == "paragraph"]


def test_every_token_points_at_its_surface_in_the_file() -> None:
    doc = document(f"---\ntitle: 題\n---\n\n{PARAGRAPH}\n\n**強調**のある段落です。\n")
    for index in prose_blocks(doc):
        tokens = doc.block_tokens(index)
        assert tokens
        assert all(doc.text[token.start : token.end] == token.surface for token in tokens)


def test_a_copied_paragraph_gets_the_analysis_of_a_fresh_tagging_at_its_own_place() -> None:
    # Generated posts repeat paragraphs; the copy reuses the first tagging with its offsets moved.
    doc = document(f"{PARAGRAPH}\n\n間の段落です。\n\n{PARAGRAPH}\n")
    first, _, copy = prose_blocks(doc)
    span = doc.blocks[copy].content
    assert doc.block_tokens(copy) == tokenize(doc.masked[span.start : span.end], span.start)
    assert [t.surface for t in doc.block_tokens(copy)] == [t.surface for t in doc.block_tokens(first)]
    assert doc.block_tokens(copy)[0].start == span.start != doc.block_tokens(first)[0].start
