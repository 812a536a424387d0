"""`jalint server`: a language server over stdio (pygls), with live diagnostics, quick fixes and rule docs.

Why a server: a `jalint check` per save starts Python, loads the rules and the
MeCab dictionary each time; the server loads them once, so diagnostics can
follow typing.

How edits are handled: a change starts a lint of the document's text at once
when none is running; while one runs, further changes only mark the document
as edited, and the running lint, when it ends, lints the newest text again
instead of publishing. So an isolated edit gets its diagnostics after one lint
(no fixed delay), a burst of typing costs one lint in flight and one after
it, and stale diagnostics are never published. The lint runs in a worker
thread, so the server keeps reading messages while it works. Pull requests (`textDocument/diagnostic`) lint the
current text at once (or reuse the result for that version).

A failing request is logged to the client (`window/logMessage`) and answered
empty; the server goes on serving. A config file that does not parse becomes
one diagnostic on that file, and the posts under it get none until it is fixed.
"""

from __future__ import annotations

import asyncio
import traceback
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from jalint import __version__
from jalint.config import ConfigError
from jalint.diagnostic import Diagnostic
from jalint.registry import UnknownRuleError, rule_class
from jalint.server.convert import lsp_diagnostic, lsp_range, overlaps, text_edits, whole_document
from jalint.server.linting import DocumentLinter, Linted

FIX_ALL = "source.fixAll.jalint"
CONFIG_NAMES = (".jalint.toml", "pyproject.toml")


class JalintServer(LanguageServer):
    """The protocol side: documents, versions, pending lints and the last result of each document."""

    def __init__(self) -> None:
        super().__init__("jalint", __version__)
        self.linter = DocumentLinter()
        self.results: dict[str, tuple[int | None, Linted]] = {}  # uri -> (version, its lint)
        self.pending: dict[str, asyncio.Task] = {}  # uri -> its running lint
        self.dirty: set[str] = set()  # documents edited while their lint runs
        self.config_errors: set[str] = set()  # config-file URIs that carry a diagnostic

    # -- linting ---------------------------------------------------------------------------
    def lint_now(self, uri: str) -> Linted | None:
        """Lint the document's current text (in the calling thread), remembering the result by version."""
        document = self.workspace.get_text_document(uri)
        known = self.results.get(uri)
        if known is not None and known[0] == document.version and document.version is not None:
            return known[1]
        path = _path_of(uri)
        if path is None:
            return None
        linted = self.linter.lint(path, document.source)
        self.results[uri] = (document.version, linted)
        return linted

    def diagnostics_of(self, uri: str, linted: Linted | None) -> list[types.Diagnostic]:
        if linted is None or linted.result is None:
            return []
        uri_of = {}
        for d in linted.result.diagnostics:
            for r in d.related:
                if r.path not in uri_of:
                    uri_of[r.path] = from_fs_path(str(Path(r.path).resolve())) or uri
        return [lsp_diagnostic(d, uri, uri_of) for d in linted.result.diagnostics]

    def schedule(self, uri: str) -> None:
        """Lint the latest text: now when no lint of this document runs, else once the running one ends."""
        if uri in self.pending:
            self.dirty.add(uri)  # the running lint will go again on the newest text
            return
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_latest(uri))

    async def _lint_latest(self, uri: str) -> None:
        try:
            while True:
                self.dirty.discard(uri)
                document = self.workspace.get_text_document(uri)
                version, text = document.version, document.source
                path = _path_of(uri)
                if path is None:
                    return
                linted = await asyncio.get_running_loop().run_in_executor(None, self.linter.lint, path, text)
                if uri in self.dirty:
                    continue  # newer text arrived meanwhile: lint that instead of publishing this
                self.results[uri] = (version, linted)
                self.publish(uri, version, linted)
                return
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - one failed lint must not stop the server
            self.log_failure("lint", error)
        finally:
            self.pending.pop(uri, None)
            self.dirty.discard(uri)

    def publish(self, uri: str, version: int | None, linted: Linted) -> None:
        self.report_config_error(linted.config_error)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=self.diagnostics_of(uri, linted))
        )

    def report_config_error(self, error: ConfigError | None) -> None:
        """A config that does not load: one diagnostic on the config file (its first line)."""
        if error is None:
            for uri in list(self.config_errors):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
                self.config_errors.discard(uri)
            return
        message = str(error)
        file = message.split(": ", 1)[0]
        uri = from_fs_path(file) if Path(file).name in CONFIG_NAMES else None
        if uri is None:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
            return
        self.config_errors.add(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[
            types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                message=f"jalint の設定を読み込めません: {message}",
                severity=types.DiagnosticSeverity.Error,
                source="jalint",
                code="config",
            )
        ]))

    def log_failure(self, what: str, error: BaseException) -> None:
        details = "".join(traceback.format_exception(error))
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"jalint: {what} failed: {details}")
        )

    def relint_open_documents(self) -> None:
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)


def _path_of(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def _guarded(server: JalintServer, what: str, fallback: Any):  # noqa: ANN202 - a decorator
    """Run a handler; on an error log it to the client and answer `fallback`: the server keeps serving."""
    def wrap(function):  # noqa: ANN001, ANN202
        def handler(*args: Any) -> Any:
            try:
                return function(*args)
            except Exception as error:  # noqa: BLE001
                server.log_failure(what, error)
                return fallback
        handler.__name__ = function.__name__
        return handler
    return wrap


def build_server() -> JalintServer:  # noqa: C901 - one registration per LSP feature
    server = JalintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded(server, "didOpen", None)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        linted = server.lint_now(uri)
        if linted is not None:
            server.publish(uri, params.text_document.version, linted)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded(server, "didChange", None)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_guarded(server, "didSave", None)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        server.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded(server, "didClose", None)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = server.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        server.results.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                    types.DiagnosticOptions(identifier="jalint", inter_file_dependencies=False,
                                            workspace_diagnostics=False))
    @_guarded(server, "diagnostic", types.RelatedFullDocumentDiagnosticReport(items=[]))
    def pull_diagnostics(params: types.DocumentDiagnosticParams) -> Any:
        uri = params.text_document.uri
        return types.RelatedFullDocumentDiagnosticReport(items=server.diagnostics_of(uri, server.lint_now(uri)))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    @_guarded(server, "codeAction", [])
    def code_actions(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        only = params.context.only
        actions: list[types.CodeAction] = []
        linted = server.lint_now(uri)
        if linted is None or linted.result is None or linted.source is None:
            return actions
        newline = linted.source.newline
        wants_quick_fixes = not only or any(kind.startswith(types.CodeActionKind.QuickFix) for kind in only)
        if wants_quick_fixes:
            for d in linted.result.diagnostics:
                if not overlaps(d.location, params.range):
                    continue
                if d.fix is not None:
                    actions.append(_quick_fix(uri, d, newline))
                actions.append(_disable_for_line(server, uri, d, newline))
        if not only or any(FIX_ALL.startswith(kind) for kind in only):
            fix_all = _fix_all(server, uri)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded(server, "hover", None)
    def hover(params: types.HoverParams) -> types.Hover | None:
        linted = server.lint_now(params.text_document.uri)
        if linted is None or linted.result is None:
            return None
        here = types.Range(start=params.position, end=params.position)
        for d in linted.result.diagnostics:
            if overlaps(d.location, here):
                try:
                    text = rule_class(d.rule).doc()
                except UnknownRuleError:
                    continue
                return types.Hover(
                    contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"**{d.rule}**\n\n{text}"),
                    range=lsp_range(d.location),
                )
        return None

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded(server, "didChangeWatchedFiles", None)
    def watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        if any(Path(to_fs_path(change.uri) or "").name in CONFIG_NAMES for change in params.changes):
            server.linter.reload_config()
            server.relint_open_documents()

    @server.feature(types.INITIALIZED)
    @_guarded(server, "initialized", None)
    def initialized(params: types.InitializedParams) -> None:
        """Ask the client to tell us about config files (when it can watch files for us)."""
        capabilities = server.client_capabilities.workspace
        watching = capabilities and capabilities.did_change_watched_files
        if not (watching and watching.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        )
        server.client_register_capability(types.RegistrationParams(registrations=[
            types.Registration(id="jalint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                               register_options=options)
        ]))

    return server


def _quick_fix(uri: str, d: Diagnostic, newline: str) -> types.CodeAction:
    assert d.fix is not None
    safety = "安全" if d.fix.applicability == "safe" else "要確認"
    return types.CodeAction(
        title=f"jalint: {d.rule} を修正（{safety}）",
        kind=types.CodeActionKind.QuickFix,
        is_preferred=d.fix.applicability == "safe",
        edit=types.WorkspaceEdit(changes={uri: text_edits(d.fix, newline)}),
    )


def _disable_for_line(ls: JalintServer, uri: str, d: Diagnostic, newline: str) -> types.CodeAction:
    """A `disable-next-line` comment above the finding; inside front matter, a `disable-file` comment under it."""
    line = d.location.line - 1
    comment = f"<!-- jalint-disable-next-line {d.rule} -->"
    front_matter_end = _front_matter_last_line(ls, uri)
    if front_matter_end is not None and d.location.line <= front_matter_end:
        line, comment = front_matter_end, f"<!-- jalint-disable-file {d.rule} -->"
    at = types.Position(line=line, character=0)
    return types.CodeAction(
        title=f"jalint: この行の {d.rule} を無効にする",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [
            types.TextEdit(range=types.Range(start=at, end=at), new_text=comment + newline)
        ]}),
    )


def _front_matter_last_line(ls: JalintServer, uri: str) -> int | None:
    """1-based line of the closing front-matter delimiter, when the document has front matter."""
    from jalint.document import Document

    linted = ls.results.get(uri, (None, None))[1]
    if linted is None or linted.source is None:
        return None
    doc = Document(linted.source)
    if doc.front_matter is None:
        return None
    return doc.lines.line_of(doc.front_matter.span.end)


def _fix_all(ls: JalintServer, uri: str) -> types.CodeAction | None:
    path = _path_of(uri)
    if path is None:
        return None
    text = ls.workspace.get_text_document(uri).source
    fixed = ls.linter.fix_all(path, text)
    if fixed is None:
        return None
    return types.CodeAction(
        title="jalint: 安全な修正をすべて適用",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=whole_document(text), new_text=fixed)]}),
    )


def serve() -> None:
    """Serve over stdin/stdout until the client says exit or closes the pipe."""
    build_server().start_io()


