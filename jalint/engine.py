"""Linting one decoded text: run the active rules by scope, stamp, suppress, sort."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jalint.config import ActiveRule
from jalint.corpus import finish_summary
from jalint.diagnostic import Diagnostic, FileResult, Location, RelatedPlace, clip_line, fingerprint, fix_info
from jalint.document import Document
from jalint.inline import CODE
from jalint.names import TOO_LARGE_RULE
from jalint.positions import LineIndex, Span
from jalint.rule import Finding
from jalint.source import DecodeProblem, Source
from jalint.suppression import Directive, Suppressions

ENCODING_RULE = "encoding"
UNUSED_SUPPRESSION_RULE = "unused-suppression"
INTERNAL_ERROR_RULE = "internal-error"
_CODE_RUN = re.compile(f"{CODE}+")


def lint_decoded(path: str, decoded: Source | DecodeProblem, active: dict[str, ActiveRule]) -> FileResult:
    """Findings (and corpus summaries) for one file, already decoded or with the reason it could not be."""
    if isinstance(decoded, DecodeProblem):
        return FileResult(path, _encoding_diagnostics(path, decoded, active))
    doc = Document(decoded)
    summaries: dict[str, Any] = {}
    return FileResult(path, lint_document(doc, active, summaries), summaries=summaries)


def size_limit(active: dict[str, ActiveRule]) -> int | None:
    """The largest file, in bytes, the active rules lint; None when file-too-large is off (no limit)."""
    rule = active.get(TOO_LARGE_RULE)
    return rule.rule.options.max_bytes if rule is not None else None


def too_large(path: str, size: int, active: dict[str, ActiveRule], data: bytes | None = None) -> FileResult | None:
    """The one finding for a file over the size or line limit, or None when it is linted.

    Checked on the bytes before decoding, so a 50 MB dump is reported without
    being read into the parser (`execution` checks the size on disk before
    reading at all); the line count needs the bytes, when given.
    """
    rule = active.get(TOO_LARGE_RULE)
    if rule is None:
        return None
    options = rule.rule.options
    if size > options.max_bytes:
        found, limit, option_name = _megabytes(size), _megabytes(options.max_bytes), "max-bytes"
    elif data is not None and (lines := _line_count(data)) > options.max_lines:
        found, limit, option_name = f"{lines:,} 行", f"{options.max_lines:,} 行", "max-lines"
    else:
        return None
    message = (f"ファイルが {found} あり、上限の {limit}（{TOO_LARGE_RULE} の {option_name}）を"
               "超えているので、分割するか設定で上限を上げてください（このファイルは検査していません）。")
    location = Location(1, 1, 1, 1, 1, 1)
    return FileResult(path, [Diagnostic(path, rule.name, rule.rule.category, rule.severity, message, Span(0, 0),
                                        location)])


def _line_count(data: bytes) -> int:
    """Lines of the file, with LF, CRLF or lone-CR endings (all valid CommonMark), counted in C."""
    breaks = max(data.count(b"\n"), data.count(b"\r"))
    return breaks + (not data.endswith((b"\n", b"\r")))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB" if size >= 100_000 else f"{size:,} バイト"


def _encoding_diagnostics(path: str, problem: DecodeProblem, active: dict[str, ActiveRule]) -> list[Diagnostic]:
    if ENCODING_RULE not in active:
        return []
    rule = active[ENCODING_RULE]
    location = Location(problem.line, problem.column, problem.line, problem.column, problem.column, problem.column)
    return [
        Diagnostic(path, rule.name, rule.rule.category, rule.severity, problem.message, Span(0, 0), location)
    ]


def _run(rule: ActiveRule, doc: Document) -> Iterator[Finding]:
    instance = rule.rule
    scope = instance.scope
    if scope == "document":
        yield from instance.check(doc, doc)
    elif scope == "front_matter":
        if doc.front_matter is not None:
            yield from instance.check(doc.front_matter, doc)
    elif scope == "section":
        for section in doc.sections:
            yield from instance.check(section, doc)
    elif scope == "block":
        for block in doc.blocks:
            yield from instance.check(block, doc)
    elif scope == "sentence":
        # A rule quiet in repeated text would only have its findings in a copied sentence dropped afterwards
        # (`lint_document`): a quarter of a generated post's prose is such copies, so they are not checked at all.
        # Findings of a sentence-scope rule start inside their sentence, so the result is the same.
        if not instance.quiet_in_repeated_text:
            for sentence in doc.prose_sentences:
                yield from instance.check(sentence, doc)
            return
        # Asked once per sentence for all quiet rules (a dozen of them with the style rules on), not once per rule.
        repeated = doc.memo("prose-sentences-in-repeated-text", _prose_sentences_in_repeated_text)
        for sentence, skip in zip(doc.prose_sentences, repeated, strict=True):
            if not skip:
                yield from instance.check(sentence, doc)


def _prose_sentences_in_repeated_text(doc: Document) -> list[bool]:
    quiet = _text_to_delete(doc)
    return [quiet(sentence.span) for sentence in doc.prose_sentences]


def lint_document(
    doc: Document, active: dict[str, ActiveRule], summaries: dict[str, Any] | None = None
) -> list[Diagnostic]:
    """Findings of the per-file rules; corpus rules fill `summaries` for the corpus phase."""
    suppressions = Suppressions(doc.text, doc.lines, _unsuppressible_spans(doc))
    diagnostics: list[Diagnostic] = []
    for rule in active.values():
        if rule.rule.scope == "corpus":
            if summaries is not None:
                try:
                    summary = rule.rule.summarize(doc)
                except Exception as error:  # noqa: BLE001 - as for per-file rules
                    diagnostics.extend(_internal_error(doc, rule, error))
                    continue
                summaries[rule.name] = finish_summary(summary, rule.name, doc.lines, suppressions)
            continue
        try:
            findings = list(_run(rule, doc))
        except Exception as error:  # noqa: BLE001 - one broken rule must not hide the others
            diagnostics.extend(_internal_error(doc, rule, error))
            continue
        if findings and rule.rule.quiet_in_repeated_text:
            quiet = _text_to_delete(doc)
            findings = [finding for finding in findings if not quiet(finding.span)]
        for finding in findings:
            if not suppressions.suppresses(rule.name, finding.span.start):
                diagnostics.append(stamp(doc.path, doc.lines, rule, finding))
    if UNUSED_SUPPRESSION_RULE in active:
        unused_rule = active[UNUSED_SUPPRESSION_RULE]
        for directive, message in _unused_directives(suppressions, set(active)):
            diagnostics.append(stamp(doc.path, doc.lines, unused_rule, Finding(directive.span, message)))
    return sorted(diagnostics, key=lambda d: d.sort_key)


def _text_to_delete(doc: Document) -> Callable[[Span], bool]:
    """Whether a span stands in text whose fix is deleting it, where the quiet rules say nothing: a copy (the
    analysis duplicate-paragraph shares) or a fragment cut off right after an end-of-output marker
    (generation-leftover's and the truncation rules'). The leftovers are looked up once per document: the
    test runs for every sentence."""
    from jalint.rules._paragraphs import in_repeated_text
    from jalint.rules._prose import cut_leftover_spans

    leftovers = cut_leftover_spans(doc)
    if not leftovers:
        return lambda span: in_repeated_text(doc, span)
    return lambda span: any(start <= span.start < end for start, end in leftovers) or in_repeated_text(doc, span)


def _unused_directives(suppressions: Suppressions, active: set[str]) -> list[tuple[Directive, str]]:
    """Unused directives whose report is not itself suppressed.

    Suppressing an unused-suppression report *uses* the directive that does it
    (`<!-- jalint-disable-file unused-suppression -->`), so the list is taken
    again afterwards: that directive must not be reported as unused in turn.
    """
    candidates = suppressions.unused(active)
    reportable = {
        (id(directive), message)
        for directive, message in candidates
        if not suppressions.suppresses(UNUSED_SUPPRESSION_RULE, directive.span.start, besides=directive)
    }
    return [(d, message) for d, message in suppressions.unused(active) if (id(d), message) in reportable]


def _unsuppressible_spans(doc: Document) -> list[Span]:
    """Comments inside code (blocks or inline spans) or front matter are text, not directives.

    A post that documents jalint writes `` `<!-- jalint-disable-file -->` `` in
    inline code; read as a directive it would silence the whole post. Inline code
    is where `doc.masked` holds CODE characters.
    """
    if "jalint-" not in doc.text:
        return []
    spans = [block.span for block in doc.blocks if block.kind == "code"]
    if doc.front_matter is not None:
        spans.append(doc.front_matter.span)
    spans.extend(Span(m.start(), m.end()) for m in _CODE_RUN.finditer(doc.masked))
    return spans


def stamp(path: str, lines: LineIndex, rule: ActiveRule, finding: Finding) -> Diagnostic:
    location = Location.of(lines, finding.span)
    source_line, source_start = clip_line(lines.line_text(location.line), location.column)
    related = tuple(
        RelatedPlace(path, Location.of(lines, r.span), r.message)
        if r.path is None
        else RelatedPlace(r.path, Location(r.line, 1, r.line, 1, 1, 1), r.message)
        for r in finding.related
    )
    return Diagnostic(
        path=path,
        rule=rule.name,
        category=rule.rule.category,
        severity=rule.severity,
        message=finding.message,
        span=finding.span,
        location=location,
        source_line=source_line,
        source_start=source_start,
        related=related,
        fix=fix_info(lines, finding.fix),
        fingerprint=fingerprint(rule.name, lines.text[finding.span.start : finding.span.end] or finding.message),
    )


def _internal_error(doc: Document, rule: ActiveRule, error: Exception) -> Iterable[Diagnostic]:
    message = (
        f"ルール {rule.name} の実行中に内部エラーが起きました（{type(error).__name__}: {error}）。"
        "jalint の不具合として報告してください。"
    )
    location = Location(1, 1, 1, 1, 1, 1)
    yield Diagnostic(doc.path, INTERNAL_ERROR_RULE, "engine", "error", message, Span(0, 0), location)
