"""`jalint server` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

Each test starts the server as users do (`python -m jalint server`), opens
posts written to a temporary folder and compares what the editor gets with
what `jalint check` says about the same text.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "_posts" / "2025-11-05-defective-post.md"

# An emoji (two UTF-16 units) before a copied paragraph: the range must move by two units, not one.
EMOJI_POST = """---
title: "問い合わせ対応の自動化"
date: 2025-09-14 08:00:00 +0900
---

社内の問い合わせ窓口には、同じ質問が毎日のように届きます。担当者は同じ答えを何度も書きます。

答えを一つのページにまとめると、同じ質問への返信が目に見えて減ります。

😀 社内の問い合わせ窓口には、同じ質問が毎日のように届きます。担当者は同じ答えを何度も書きます。
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "jalint", "server"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    capabilities = client_capabilities("visual-studio-code")
    # The test client cannot take `client/registerCapability`: it reports config changes itself.
    capabilities.workspace.did_change_watched_files.dynamic_registration = False
    params = types.InitializeParams(capabilities=capabilities, root_uri=from_fs_path(str(tmp_path)))
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def _write(folder: Path, name: str, text: str) -> tuple[Path, str]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, from_fs_path(str(path))


def _open(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))


def _check_json(path: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "jalint", "check", str(path), "--no-cache", "--format", "json"],
                          capture_output=True, text=True, check=False, cwd=path.parent)
    return json.loads(done.stdout)["findings"]


def _utf16(line_text: str, column: int) -> int:
    """0-based UTF-16 offset of a 1-based code-point column."""
    return len(line_text[: column - 1].encode("utf-16-le")) // 2


def _expected_ranges(path: Path) -> list[tuple[str, int, int, int, int]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return sorted(
        (f["rule"], f["line"] - 1, _utf16(lines[f["line"] - 1], f["column"]),
         f["end_line"] - 1, _utf16(lines[f["end_line"] - 1] if f["end_line"] <= len(lines) else "", f["end_column"]))
        for f in _check_json(path)
    )


def _ranges(diagnostics) -> list[tuple[str, int, int, int, int]]:  # noqa: ANN001
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`, last first."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while index < len(line) and units < position.character:
            units += len(line[index].encode("utf-16-le")) // 2
            index += 1
        return before + index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def _no_failures(client: LanguageClient) -> None:
    failures = [m.message for m in client.log_messages if "failed" in m.message or "Traceback" in m.message]
    assert failures == []


@pytest.mark.asyncio
async def test_diagnostics_on_open_match_check_in_utf16(client: LanguageClient, tmp_path: Path) -> None:
    for name, text in (("emoji.md", EMOJI_POST), ("example.md", EXAMPLE.read_text(encoding="utf-8"))):
        path, uri = _write(tmp_path, name, text)
        _open(client, uri, text)
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        expected = _expected_ranges(path)
        assert expected, name
        assert _ranges(client.diagnostics[uri]) == expected
        pulled = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
        assert _ranges(pulled.items) == expected
    copy = next(d for d in client.diagnostics[from_fs_path(str(tmp_path / "emoji.md"))]
                if d.code == "duplicate-paragraph")
    # The copy's line starts with 😀: 48 code points, 49 UTF-16 units, and the range ends at 49.
    assert (copy.range.start.character, copy.range.end.character) == (0, 49)
    assert copy.related_information and copy.related_information[0].location.range.start.line == 5
    _no_failures(client)


@pytest.mark.asyncio
async def test_quick_fix_and_fix_all_give_what_check_fix_gives(client: LanguageClient, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    path, uri = _write(tmp_path, "post.md", text)
    _open(client, uri, text)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    everything = types.Range(start=types.Position(line=0, character=0),
                             end=types.Position(line=len(text.split("\n")), character=0))
    fix_all = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=everything,
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.jalint"])))
    assert [a.kind for a in fix_all] == ["source.fixAll.jalint"]
    fixed_by_server = _apply(text, fix_all[0].edit.changes[uri])
    subprocess.run([sys.executable, "-m", "jalint", "check", str(path), "--no-cache", "--fix"],
                   capture_output=True, check=False, cwd=tmp_path)
    assert fixed_by_server == path.read_text(encoding="utf-8")

    # One quick fix: the safe fix of one finding, applied alone, is the edit `--fix` makes for it.
    diagnostic = next(d for d in client.diagnostics[uri] if d.data and d.data.get("fixable"))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix])))
    titles = [a.title for a in actions]
    assert any(diagnostic.code in t and "修正" in t for t in titles)
    assert any("無効" in t for t in titles)
    # Applied alone, the quick fix makes exactly the edits of that finding's fix in `check --format json`.
    quick = next(a for a in actions if diagnostic.code in a.title and "修正" in a.title)
    lines = text.split("\n")
    finding = next(f for f in _check_json(EXAMPLE) if f["rule"] == diagnostic.code
                   and f["line"] - 1 == diagnostic.range.start.line
                   and _utf16(lines[f["line"] - 1], f["column"]) == diagnostic.range.start.character)
    expected_edits = [types.TextEdit(
        range=types.Range(
            start=types.Position(line=e["line"] - 1, character=_utf16(lines[e["line"] - 1], e["column"])),
            end=types.Position(line=e["end_line"] - 1,
                               character=_utf16(lines[e["end_line"] - 1] if e["end_line"] <= len(lines) else "",
                                                e["end_column"]))),
        new_text=e["replacement"]) for e in finding["fix"]["edits"]]
    assert _apply(text, quick.edit.changes[uri]) == _apply(text, expected_edits) != text
    disable = next(a for a in actions if "無効" in a.title and diagnostic.code in a.title)
    silenced = _apply(text, disable.edit.changes[uri])
    _, other_uri = _write(tmp_path, "silenced.md", silenced)
    _open(client, other_uri, silenced)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert all(not (d.code == diagnostic.code and d.range == diagnostic.range)
               for d in client.diagnostics[other_uri])
    _no_failures(client)


@pytest.mark.asyncio
async def test_rapid_edits_publish_the_last_version_only(client: LanguageClient, tmp_path: Path) -> None:
    clean = EMOJI_POST.replace("😀 社内の問い合わせ窓口には、同じ質問が毎日のように届きます。担当者は同じ答えを何度も書きます。\n", "")
    _, uri = _write(tmp_path, "post.md", clean)
    _open(client, uri, clean)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []
    for version in range(2, 102):
        text = EMOJI_POST if version == 101 else clean + f"\n追記 {version}。\n"
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    # Versions are linted as fast as they come, a newer edit superseding a running lint; whatever was
    # published on the way, the last word is version 101's finding, and nothing older follows it.
    async def last_version() -> None:
        while [d.code for d in client.diagnostics[uri]] != ["duplicate-paragraph"]:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(last_version(), timeout=60)
    await asyncio.sleep(0.5)
    assert [d.code for d in client.diagnostics[uri]] == ["duplicate-paragraph"]
    _no_failures(client)


@pytest.mark.asyncio
async def test_hover_shows_the_rule_explanation(client: LanguageClient, tmp_path: Path) -> None:
    _, uri = _write(tmp_path, "post.md", EMOJI_POST)
    _open(client, uri, EMOJI_POST)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = client.diagnostics[uri][0]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=found.range.start))
    assert hover is not None and "## What it finds" in hover.contents.value and found.code in hover.contents.value


@pytest.mark.asyncio
async def test_a_broken_config_is_one_diagnostic_on_the_config_file(client: LanguageClient, tmp_path: Path) -> None:
    config, config_uri = _write(tmp_path, ".jalint.toml", "select = [\n")
    _, uri = _write(tmp_path, "post.md", EMOJI_POST)
    _open(client, uri, EMOJI_POST)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    while config_uri not in client.diagnostics or uri not in client.diagnostics:  # the config's comes first
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[config_uri]] == ["config"]
    assert list(client.diagnostics[uri]) == []
    # Fixed and announced: the post is linted again and the config diagnostic goes.
    config.write_text('select = ["structure"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config_uri, type=types.FileChangeType.Changed)]))
    while not client.diagnostics[uri]:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["duplicate-paragraph"]
    assert list(client.diagnostics[config_uri]) == []
    _no_failures(client)


def test_without_the_extra_the_command_says_how_to_install_it(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # `import pygls` raises ImportError
    result = run("server")
    assert result.exit_code == 2
    assert "pip install 'jalint[server]'" in result.stderr


@pytest.mark.asyncio
async def test_corpus_rules_compare_with_the_configured_corpus(client: LanguageClient, tmp_path: Path) -> None:
    """With `corpus` set, a paragraph copied from another post of the corpus is reported, as a pre-commit run does."""
    shared = "社内の問い合わせ窓口には、同じ質問が毎日のように届きます。担当者は同じ答えを何度も書き、そのたびに手元の作業が止まります。"
    _write(tmp_path, ".jalint.toml", 'corpus = ["_posts"]\n')
    _write(tmp_path, "_posts/2025-01-01-first.md",
           f'---\ntitle: "最初の記事"\ndate: 2025-01-01 09:00:00 +0900\n---\n\n{shared}\n')
    text = f'---\ntitle: "二つ目の記事"\ndate: 2025-02-01 09:00:00 +0900\n---\n\n{shared}\n'
    _, uri = _write(tmp_path, "_posts/2025-02-01-second.md", text)
    _open(client, uri, text)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = [d for d in client.diagnostics[uri] if d.code == "cross-post-duplicate"]
    assert len(found) == 1 and found[0].range.start.line == 5
    assert found[0].related_information[0].location.uri.endswith("2025-01-01-first.md")
    _no_failures(client)


def test_the_server_exits_when_the_client_closes_the_pipe() -> None:
    """No `exit` message: an editor that dies closes stdin, and the server must not linger."""
    server = subprocess.Popen([sys.executable, "-m", "jalint", "server"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server.stdin.close()
    assert server.wait(timeout=30) == 0
    assert b"Traceback" not in server.stderr.read()


@pytest.mark.asyncio
async def test_a_failing_request_is_logged_and_the_server_keeps_serving(client: LanguageClient,
                                                                       tmp_path: Path) -> None:
    # A code action for a document that was never opened and does not exist on disk: the lint of it fails.
    missing = from_fs_path(str(tmp_path / "missing" / "post.md"))
    everything = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    answer = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=missing), range=everything,
        context=types.CodeActionContext(diagnostics=[])))
    assert not answer
    assert any("codeAction failed" in m.message for m in client.log_messages)  # told to the client, not lost
    _, uri = _write(tmp_path, "post.md", EMOJI_POST)
    _open(client, uri, EMOJI_POST)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["duplicate-paragraph"]  # still serving


@pytest.mark.asyncio
async def test_a_document_over_the_size_limit_is_one_diagnostic(client: LanguageClient, tmp_path: Path) -> None:
    _write(tmp_path, ".jalint.toml", "[rules.file-too-large]\nmax-lines = 10\n")
    text = EMOJI_POST + "".join(f"{i}行目の追記です。\n\n" for i in range(10))
    _, uri = _write(tmp_path, "long.md", text)
    _open(client, uri, text)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = client.diagnostics[uri]
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("file-too-large", 0, 0)]
    assert "max-lines" in found[0].message
    _no_failures(client)
