"""Machine formats stay valid for any text (hypothesis): a message, path or fix may hold quotes, backslashes,
control characters, line breaks, `%`, `::` and astral characters, and JSON, SARIF, rdjson and GitHub annotations
must still parse back to exactly that text, with every column form agreeing with the finding's place.

`JALINT_HYPOTHESIS_PROFILE=long` runs thousands of examples instead of the default few dozen.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalint.diagnostic import Diagnostic, FileResult, FixEdit, FixInfo, Location, RelatedPlace
from jalint.positions import Span, byte_column, utf16_column
from jalint.reporters import ReportContext, reporter

EXAMPLES = 2000 if os.environ.get("JALINT_HYPOTHESIS_PROFILE") == "long" else 60
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_HOSTILE = st.sampled_from(['"', "\\", "\n", "\r", "%", "::", ",", "\x00", "\x1b", "\u2028", "😀", "漢字", "%0A", "</"])
_MESSAGE = st.lists(st.one_of(_TEXT, _HOSTILE), min_size=1, max_size=6).map("".join)
_LINE = st.text(alphabet=st.sampled_from("aあ😀 漢\t%:,\"\\"), min_size=1, max_size=30)


def _location(line_text: str, line: int, column: int, end: int) -> Location:
    return Location(line, column, line, end, utf16_column(line_text, column), utf16_column(line_text, end))


@st.composite
def _finding(draw, folder: Path) -> tuple[Diagnostic, str]:  # noqa: ANN001
    line_text = draw(_LINE)
    column = draw(st.integers(1, len(line_text)))
    end = draw(st.integers(column, len(line_text) + 1))
    location = _location(line_text, 1, column, end)
    path = (folder / "post.md").as_posix()
    fix = None
    if draw(st.booleans()):
        fix = FixInfo(draw(st.sampled_from(["safe", "unsafe"])), (FixEdit(Span(0, 0), location, draw(_MESSAGE)),))
    related = (RelatedPlace(path, location, draw(_MESSAGE)),) if draw(st.booleans()) else ()
    diagnostic = Diagnostic(path=path, rule="duplicate-paragraph", category="structure",
                            severity=draw(st.sampled_from(["error", "warning", "info"])), message=draw(_MESSAGE),
                            span=Span(0, 0), location=location, source_line=line_text, related=related, fix=fix)
    return diagnostic, line_text


def _render(output_format: str, diagnostic: Diagnostic) -> str:
    stream = io.StringIO()
    reporter(output_format)([FileResult(diagnostic.path, [diagnostic])], stream, ReportContext("0"))
    return stream.getvalue()


@SETTINGS
@given(data=st.data())
def test_json_sarif_and_rdjson_parse_back_to_the_exact_text(tmp_path_factory, data) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("post")
    diagnostic, line_text = data.draw(_finding(folder))
    (folder / "post.md").write_text(line_text + "\n", encoding="utf-8")
    loc = diagnostic.location

    found = json.loads(_render("json", diagnostic))["findings"][0]
    assert (found["message"], found["line"], found["column"], found["end_column"]) == (
        diagnostic.message, loc.line, loc.column, loc.end_column)
    if diagnostic.fix:
        assert found["fix"]["edits"][0]["replacement"] == diagnostic.fix.edits[0].replacement

    result = json.loads(_render("sarif", diagnostic))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert result["message"]["text"] == diagnostic.message
    assert (region["startColumn"], region["endColumn"]) == (utf16_column(line_text, loc.column),
                                                            utf16_column(line_text, loc.end_column))

    rd = json.loads(_render("rdjson", diagnostic))["diagnostics"][0]
    assert rd["message"] == diagnostic.message
    assert rd["location"]["range"]["start"]["column"] == byte_column(line_text, loc.column)
    assert rd["location"]["range"]["end"]["column"] == byte_column(line_text, loc.end_column)
    if diagnostic.related:
        assert rd["related_locations"][0]["message"] == diagnostic.related[0].message


@SETTINGS
@given(data=st.data())
def test_github_annotations_are_one_line_and_unescape_to_the_message(tmp_path_factory, data) -> None:  # noqa: ANN001
    diagnostic, line_text = data.draw(_finding(tmp_path_factory.mktemp("post")))
    output = _render("github", diagnostic)
    assert output.endswith("\n") and output.count("\n") == 1 and "\r" not in output
    command, message = output[:-1].split("::", 2)[1:]
    assert f"col={utf16_column(line_text, diagnostic.location.column)}," in command
    expected = diagnostic.message + "".join(f"\n{r.message}: {r.path}:{r.location.line}" for r in diagnostic.related)
    unescaped = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    assert unescaped == expected
