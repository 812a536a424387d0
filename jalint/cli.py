"""The `jalint` command line: check, report, rules, explain.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage,
configuration or I/O errors (one line on stderr, never a traceback).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

import click

from jalint import __version__
from jalint.names import BASELINE_NAME, FORMATS, SEVERITIES, did_you_mean

# The engine, the reporters and the rules are imported by the commands that use
# them: `--version`, `--help` and `explain RULE` must start as fast as click itself
# (tests/test_startup.py guards which modules they import).
if TYPE_CHECKING:
    from jalint import baseline as baseline_module
    from jalint.diagnostic import FileResult
    from jalint.report.model import ReportInput
    from jalint.runner import RunRequest
    from jalint.session import Collected
    from jalint.session import Options as SessionOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    click.echo(f"jalint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="jalint", message="%(prog)s %(version)s")
def cli() -> None:
    """jalint: a text-quality linter for long-form Japanese Markdown articles."""


def _check_options(function):  # noqa: ANN001, ANN201 - click decorator stack shared by check and baseline
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=str)),
        click.option("--select", multiple=True, help="Only these rules or categories (comma-separated, repeatable)."),
        click.option("--extend-select", multiple=True,
                     help="Add these rules or categories to the selection (e.g. `style`; comma-separated, repeatable)."),
        click.option("--ignore", multiple=True, help="Skip these rules or categories (comma-separated, repeatable)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                     help="Use this config file instead of the nearest .jalint.toml / pyproject.toml."),
        click.option("--stdin-filename", default=None, help="Name (and config location) for text read from `-`."),
        click.option("-j", "--jobs", default="auto", show_default=True,
                     help="Worker processes: a number or `auto` (one per core); few files always run serially."),
        click.option("--no-cache", is_flag=True, help="Do not read or write .jalint_cache/."),
        click.option("--corpus", "corpus", multiple=True, type=click.Path(path_type=str),
                     help="Folder of posts that corpus rules compare against (repeatable; also config `corpus`)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _session_options(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...],
                     ignore: tuple[str, ...], config_path: Path | None, stdin_filename: str | None, jobs: str, no_cache: bool,
                     corpus: tuple[str, ...], request: RunRequest | None = None,
                     fail_level: str | None = None) -> SessionOptions:
    from jalint.config import ConfigError, cli_layer
    from jalint.execution import resolve_jobs
    from jalint.runner import RunRequest
    from jalint.session import Options as SessionOptions

    if config_path is not None and not config_path.is_file():
        fail(f"config file not found: {config_path}")
    if stdin_filename and not paths:
        paths = ("-",)
    try:
        jobs_count = resolve_jobs(jobs)
    except ValueError:
        fail(f"--jobs takes a number or `auto`, not {jobs!r}")
    try:
        layer = cli_layer(_split(select), _split(ignore), _split(extend_select))
    except ConfigError as error:
        fail(str(error))
    return SessionOptions(paths, layer, config_path, stdin_filename, request or RunRequest(), jobs_count,
                          not no_cache, corpus, fail_level)


def _collect(options: SessionOptions, output_format: str = "concise") -> Collected:
    """Run the session with a progress bar on a terminal (never in machine formats)."""
    from jalint.config import ConfigError
    from jalint.session import collect

    show_progress = output_format in ("text", "concise") and sys.stderr.isatty() and "JALINT_NO_PROGRESS" not in os.environ
    try:
        if not show_progress:
            return collect(options, sys.stdin.buffer.read)
        from rich.progress import Progress

        with Progress(console=_stderr_console(), transient=True) as progress:
            task = progress.add_task("jalint", total=None)
            return collect(
                options, sys.stdin.buffer.read,
                advance=lambda n: progress.advance(task, n),
                on_total=lambda total: progress.update(task, total=total),
            )
    except ConfigError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot write: {error}")
    raise AssertionError("unreachable")


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(file=sys.stderr)


def _report_errors(collected: Collected) -> None:
    for error in collected.errors:
        click.echo(f"jalint: error: {error.path}: {error.message}", err=True)
    if not collected.found.targets and not collected.errors:
        where = ", ".join(collected.found.searched_folders) or "."
        click.echo(f"jalint: warning: no Markdown files found in {where}", err=True)


@cli.command()
@_check_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-level", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning, or the config's].")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in text output.")
@click.option("--max-per-file", type=click.IntRange(min=0), default=0,
              help="Show at most N findings per file in text and concise output (0: all); counts and exit code "
                   "still cover every finding.")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          config_path: Path | None,
          stdin_filename: str | None, jobs: str, no_cache: bool, corpus: tuple[str, ...], output_format: str,
          fail_level: str | None, fix: bool, unsafe_fixes: bool, diff: bool, statistics: bool,
          baseline_path: Path | None, color: str, max_per_file: int) -> None:
    """Check Markdown posts (files, folders, or `-` for stdin; default: the current folder)."""
    if max_per_file and output_format not in ("text", "concise"):
        fail(f"--max-per-file shortens what a person reads; {output_format} output must hold every finding")
    from jalint import generated_code, regex_programs

    generated_code.load()  # before the engine, the rules and markdown-it build their classes
    regex_programs.load()  # before the engine and the rules compile their patterns
    # Files are written only with --fix: --unsafe-fixes alone just widens what --fix/--diff apply.
    from jalint.diagnostic import SEVERITY_RANK
    from jalint.reporters import ReportContext, reporter
    from jalint.runner import RunRequest

    request = RunRequest(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff)
    options = _session_options(paths, select, extend_select, ignore, config_path, stdin_filename, jobs, no_cache,
                               corpus, request, fail_level)
    baseline = _load_baseline(baseline_path) if baseline_path else None
    collected = _collect(options, output_format)
    regex_programs.save()
    generated_code.save()
    results = collected.results
    _report_errors(collected)
    errors = collected.errors

    if diff:
        sys.stdout.write("".join(r.diff for r in results))
        changed = any(r.diff for r in results)
        sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    if baseline is not None:
        _apply_baseline(baseline, results)

    stdout = sys.stdout
    for result in collected.stdin_results:
        if result.fixed_bytes is not None:
            # The (fixed) text from stdin goes to stdout; findings go to stderr instead.
            sys.stdout.flush()
            sys.stdout.buffer.write(result.fixed_bytes)
            sys.stdout.flush()
            stdout = sys.stderr
    use_color = color == "always" or (color == "auto" and stdout.isatty() and "NO_COLOR" not in os.environ)
    context = ReportContext(__version__, color=use_color, fixed_count=sum(r.fixed for r in results),
                            max_per_file=max_per_file)
    if statistics:
        _print_statistics(results, output_format, stdout)
    else:
        reporter(output_format)(results, stdout, context)
    stdout.flush()

    fail_rank = collected.fail_rank
    failing = any(SEVERITY_RANK[d.severity] >= fail_rank.get(d.path, 1) for r in results for d in r.diagnostics)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK)


def _load_baseline(path: Path) -> baseline_module.Baseline:
    from jalint import baseline as baseline_module

    try:
        return baseline_module.load(path)
    except baseline_module.BaselineError as error:
        fail(str(error))
    raise AssertionError("unreachable")


def _apply_baseline(baseline: baseline_module.Baseline, results: list[FileResult]) -> None:
    from jalint import baseline as baseline_module

    """Filter every result in place and tell (on stderr) what the baseline hid and what is gone."""
    all_diagnostics = [d for r in results for d in r.diagnostics]
    filtered = baseline_module.apply(baseline, all_diagnostics, [r.path for r in results])
    kept = {id(d) for d in filtered.kept}
    for result in results:
        result.diagnostics = [d for d in result.diagnostics if id(d) in kept]
    message = f"jalint: baseline {baseline.path}: {filtered.matched} known findings hidden"
    if filtered.gone:
        message += f"; {filtered.gone} recorded findings are gone (run `jalint baseline prune` to drop them)"
    click.echo(message + ".", err=True)


def _collect_for_baseline(*session_args) -> Collected:  # noqa: ANN002 - the shared check options, in order
    """What `check` would report (a baseline must match it); any unreadable file aborts with exit 2."""
    collected = _collect(_session_options(*session_args))
    _report_errors(collected)
    if collected.errors:
        sys.exit(EXIT_ERROR)
    return collected


@cli.group()
def baseline() -> None:
    """Record today's findings so that only new ones fail (adopting jalint on a legacy repository)."""


@baseline.command("create")
@_check_options
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path),
              default=Path(BASELINE_NAME), show_default=True, help="Baseline file to write.")
def baseline_create(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
                    config_path: Path | None, stdin_filename: str | None, jobs: str, no_cache: bool,
                    corpus: tuple[str, ...], baseline_path: Path) -> None:
    """Write every current finding of PATHS to the baseline file."""
    from jalint import baseline as baseline_module

    collected = _collect_for_baseline(paths, select, extend_select, ignore, config_path, stdin_filename, jobs, no_cache,
                                      corpus)
    diagnostics = [d for r in collected.results for d in r.diagnostics]
    made = baseline_module.create(baseline_path, diagnostics)
    try:
        baseline_module.save(made)
    except OSError as error:
        fail(f"cannot write {baseline_path}: {error}")
    click.echo(f"jalint: wrote {baseline_path} with {len(diagnostics)} findings in {len(made.counts)} entries.", err=True)


@baseline.command("prune")
@_check_options
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path),
              default=Path(BASELINE_NAME), show_default=True, help="Baseline file to prune.")
def baseline_prune(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
                   config_path: Path | None, stdin_filename: str | None, jobs: str, no_cache: bool,
                   corpus: tuple[str, ...], baseline_path: Path) -> None:
    """Drop baseline entries whose findings are gone from PATHS (entries of other files stay)."""
    from jalint import baseline as baseline_module

    current = _load_baseline(baseline_path)
    collected = _collect_for_baseline(paths, select, extend_select, ignore, config_path, stdin_filename, jobs, no_cache,
                                      corpus)
    diagnostics = [d for r in collected.results for d in r.diagnostics]
    filtered = baseline_module.apply(current, diagnostics, [r.path for r in collected.results])
    kept = baseline_module.pruned(current, filtered.used, [r.path for r in collected.results])
    baseline_module.save(kept)
    removed = sum(current.counts.values()) - sum(kept.counts.values())
    click.echo(f"jalint: pruned {removed} gone findings from {baseline_path}.", err=True)


@cli.group()
def cache() -> None:
    """Manage the result cache (.jalint_cache/)."""


@cache.command("clean")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Clean the cache next to this config file.")
def cache_clean(config_path: Path | None) -> None:
    """Delete the cache folder."""
    from jalint.cache import clean, default_cache_folder

    from jalint.config import find_config_file

    found = config_path or find_config_file(Path.cwd())
    folder = default_cache_folder(found.parent if found else Path.cwd())
    removed = clean(folder)
    click.echo(f"jalint: {'removed' if removed else 'no cache at'} {folder}", err=True)


def _print_statistics(results: list[FileResult], output_format: str, stream) -> None:  # noqa: ANN001
    from jalint.reporters import diagnostics_of

    diagnostics = diagnostics_of(results)
    counts = Counter(d.rule for d in diagnostics)
    fixable = Counter(d.rule for d in diagnostics if d.fix is not None)
    fixed: Counter = Counter()
    for result in results:
        fixed.update(result.repaired)
    rows = sorted({**{rule: 0 for rule in fixed}, **counts}.items(), key=lambda item: (-item[1], item[0]))
    if output_format == "json":
        data = [{"rule": rule, "count": count, "fixable": fixable[rule], "fixed": fixed[rule]} for rule, count in rows]
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for rule, count in rows:
        notes = [f"fixable {fixable[rule]}" if fixable[rule] else "", f"fixed {fixed[rule]}" if fixed[rule] else ""]
        stream.write(f"{count:>6}  {rule:<28} {'  '.join(n for n in notes if n)}".rstrip() + "\n")


@cli.command("report")
@_check_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=Path("jalint-report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--from", "saved", default=None, metavar="FILE",
              help="Build the report from saved `jalint check --format json` output (`-`: stdin) instead of checking.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path), default=None,
              help="Report only findings not recorded in this baseline file.")
def report_command(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...],
                   ignore: tuple[str, ...], config_path: Path | None, stdin_filename: str | None, jobs: str,
                   no_cache: bool, corpus: tuple[str, ...], output: Path, saved: str | None,
                   baseline_path: Path | None) -> None:
    """Write a self-contained HTML report: overview, worst posts, each post's source with its findings.

    The same run as `check` (config, cache, --select, --baseline); exit 0 once written, whatever was found.
    """
    from jalint.report.output import write_report
    from jalint.report.page import render

    if saved is not None:
        if paths or select or extend_select or ignore or config_path or stdin_filename or corpus or baseline_path:
            fail("--from builds the report from saved findings; PATHS and the check options do not apply to it")
        report_input, errors = _saved_report_input(saved), False
    else:
        report_input, errors = _run_report_input(
            (paths, select, extend_select, ignore, config_path, stdin_filename, jobs, no_cache, corpus), baseline_path)
    try:
        write_report(output, render(report_input).encode("utf-8"))
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    findings = sum(len(post.findings) for post in report_input.posts)
    click.echo(f"jalint: wrote {output} ({findings} findings in {len(report_input.posts)} of {report_input.files} "
               "posts).", err=True)
    # Unreadable files or folders are errors as in `check`; the report of the rest is still written.
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


def _saved_report_input(saved: str) -> ReportInput:
    from jalint.report.inputs import ReportInputError, from_saved

    try:
        return from_saved(saved, sys.stdin.buffer.read)
    except ReportInputError as error:
        fail(str(error))
    raise AssertionError("unreachable")


def _run_report_input(session_args: tuple, baseline_path: Path | None) -> tuple[ReportInput, bool]:
    """What `check` with the same options would report (after the baseline), and whether any file was unreadable."""
    from jalint import generated_code, regex_programs

    generated_code.load()  # as in `check`
    regex_programs.load()
    from jalint.report.inputs import from_run

    options = _session_options(*session_args)
    baseline = _load_baseline(baseline_path) if baseline_path else None
    collected = _collect(options)
    regex_programs.save()
    generated_code.save()
    _report_errors(collected)
    if baseline is not None:
        _apply_baseline(baseline, collected.results)
    return from_run(collected, __version__, " ".join(session_args[0]) or "."), bool(collected.errors)


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
def rules_command(output_format: str) -> None:
    """List every rule with its category, default severity and fix safety."""
    from jalint.registry import all_rules

    rules = all_rules()
    if output_format == "json":
        data = [
            {"name": r.name, "category": r.category, "severity": r.severity, "fix": r.fix_safety,
             "enabled_by_default": r.enabled_by_default, "textlint": list(r.textlint),
             "textlint_options": r.textlint_option_map(),
             "options": [{"name": name, "default": field.default, "help": field.help}
                         for name, field in r.option_fields().items()],
             "quiet_in_repeated_text": r.quiet_in_repeated_text, "summary": r.summary()}
            for r in rules.values()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif output_format == "markdown":
        click.echo(rules_markdown())
    else:
        from rich.console import Console
        from rich.table import Table

        # Names and the short columns never wrap (on a narrow terminal or in a pipe,
        # where rich assumes 80 columns, a split name cannot be copied or grepped);
        # only the summary wraps.
        table = Table()
        for column in ("rule", "category", "severity", "fix"):
            table.add_column(column, no_wrap=True)
        table.add_column("summary")
        for r in rules.values():
            table.add_row(r.name, r.category, r.severity, r.fix_safety, r.summary())
        Console(soft_wrap=False).print(table)


def rules_markdown() -> str:
    from jalint.registry import all_rules

    lines = ["| rule | category | severity | fix | what it finds |", "|---|---|---|---|---|"]
    for r in all_rules().values():
        summary = r.summary().replace("|", "\\|")
        lines.append(f"| `{r.name}` | {r.category} | {r.severity} | {r.fix_safety} | {summary} |")
    return "\n".join(lines)


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation: what it finds, why, examples, options."""
    from jalint.registry import rule_index

    entry = rule_index().get(rule)  # explaining reads the index and the module's source: no rule is imported
    if entry is None:
        hint = did_you_mean(rule, list(rule_index())) or " Run `jalint rules` to list every rule."
        fail(f"unknown rule '{rule}'.{hint}")
    click.echo(f"# {rule}\n")
    click.echo(f"category: {entry.category} · default severity: {entry.severity} · fix: {entry.fix_safety}"
               f"{' · disabled by default' if not entry.enabled_by_default else ''}")
    if entry.textlint:
        click.echo(f"replaces textlint: {', '.join(entry.textlint)}")
        supported = ", ".join(f"{key} → {' + '.join(values)}" for key, values in (entry.textlint_options or {}).items())
        click.echo(f"textlint options supported: {supported or 'none'}")
    if entry.quiet_in_repeated_text:
        click.echo("quiet in repeated text: a copied paragraph, a sentence a merged paragraph repeats or a sentence "
                   "that repeats an earlier one word for word is left to duplicate-paragraph (or duplicate-sentence), "
                   "whose fix deletes the copy; so is a paragraph cut off right after an end-of-output marker "
                   "(`---END---`), a discarded fragment generation-leftover and the truncation rules report")
    click.echo()
    click.echo(entry.doc())


@cli.command()
def server() -> None:
    """Run the language server over stdio (for editors; needs `pip install 'jalint[server]'`)."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        fail("jalint server needs the server extra: pip install 'jalint[server]' (pygls and lsprotocol).")
    from jalint.server.app import serve

    serve()


@cli.group()
def migrate() -> None:
    """Turn another linter's configuration into a .jalint.toml."""


@migrate.command("textlint")
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where to write [default: .jalint.toml beside the textlint config].")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the config instead of writing it.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def migrate_textlint(source: Path | None, output: Path | None, to_stdout: bool, force: bool) -> None:
    """Translate SOURCE (.textlintrc, .textlintrc.json or .yml; default: the one in this folder)."""
    from jalint import migrate as migrate_module

    if source is None:
        source = migrate_module.find_textlintrc(Path.cwd())
        if source is None:
            fail("no .textlintrc, .textlintrc.json or .textlintrc.yml in this folder; name the file")
    if not source.is_file():
        fail(f"{source}: no such file")
    try:
        result = migrate_module.migrate(migrate_module.read_textlintrc(source), source.name)
    except migrate_module.MigrateError as error:
        fail(str(error))
    if to_stdout:
        click.echo(result.toml, nl=False)
    else:
        target = output or source.parent / ".jalint.toml"
        if target.exists() and not force:
            fail(f"{target} exists; use --force to overwrite it or --stdout to print")
        try:
            target.write_text(result.toml, encoding="utf-8")
        except OSError as error:
            fail(f"cannot write {target}: {error}")
        click.echo(f"jalint: wrote {target}", err=True)
    click.echo(f"jalint: {len(result.enabled)} jalint rules replace the textlint setup; "
               f"{len(result.notes)} notes on what was not carried over (see the end of the file).", err=True)


def run() -> None:
    """Console-script and `python -m jalint` entry point: `main`, then leave without tearing Python down.

    Why: once the output is written, a one-post run would spend about 7 ms more
    (3%) freeing every object and module one by one, memory the system takes
    back at once. The `atexit` handlers still run and the standard streams are
    flushed; Python ends as usual where skipping the teardown could lose
    something: another thread is alive (the language server's), a tracer or
    profiler is watching (coverage, cProfile write their data at exit),
    `JALINT_NO_FAST_EXIT` is set, or flushing the output fails (a closed pipe).
    """
    try:
        main()
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    if not isinstance(code, int) or not _may_skip_teardown():
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()  # noqa: SLF001 - what Python runs at exit, before the teardown skipped here
    os._exit(code)


def _may_skip_teardown() -> bool:
    import threading

    if threading.active_count() > 1 or sys.gettrace() or sys.getprofile() or os.environ.get("JALINT_NO_FAST_EXIT"):
        return False
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


def main() -> None:
    """Never show a traceback to the user."""
    # A lint run allocates millions of small objects (tokens, cached findings) and
    # frees them all at exit; collecting young objects every 700 allocations costs
    # a third of a warm run. Cycles are still collected, just less often.
    gc.set_threshold(100_000, 50, 100)
    try:
        cli(prog_name="jalint")
    except KeyboardInterrupt:
        click.echo("jalint: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - last resort; JALINT_DEBUG=1 shows the traceback
        if os.environ.get("JALINT_DEBUG"):
            raise
        click.echo(f"jalint: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_ERROR)
    finally:
        # Where Python ends as usual (run()'s fallbacks, or main() called in-process), it collects garbage
        # over every object still alive before it frees them: with a post's tokens and parse trees that
        # pass alone is a tenth of a one-post run, and it can find nothing (the process is ending; files
        # are closed and atexit handlers still run). Frozen objects are left out of it; everything is
        # still freed as the modules are torn down.
        gc.freeze()
