"""The `jalint` command line: check, rules, explain.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage,
configuration or I/O errors (one line on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import click

from jalint import __version__
from jalint.config import ConfigError, cli_layer, did_you_mean
from jalint.diagnostic import SEVERITY_RANK, FileResult
from jalint.registry import all_rules
from jalint.reporters import FORMATS, ReportContext, diagnostics_of, reporter
from jalint.rule import SEVERITIES
from jalint.runner import ConfigResolver, RunError, RunRequest, check_target, discover, read_target

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


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, help="Only these rules or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rules or categories (comma-separated, repeatable).")
@click.option("--fail-level", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning, or the config's].")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Use this config file instead of the nearest .jalint.toml / pyproject.toml.")
@click.option("--stdin-filename", default=None, help="Name (and config location) for text read from `-`.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in text output.")
def check(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_level: str | None, fix: bool, unsafe_fixes: bool, diff: bool, config_path: Path | None,
          stdin_filename: str | None, statistics: bool, color: str) -> None:
    """Check Markdown posts (files, folders, or `-` for stdin; default: the current folder)."""
    if config_path is not None and not config_path.is_file():
        fail(f"config file not found: {config_path}")
    if stdin_filename and not paths:
        paths = ("-",)
    try:
        resolver = ConfigResolver(config_path, cli_layer(_split(select), _split(ignore)))
        found = discover(paths, resolver, stdin_filename)
    except ConfigError as error:
        fail(str(error))
    errors: list[RunError] = list(found.errors)
    stdin_bytes = sys.stdin.buffer.read() if any(t.path is None for t in found.targets) else None
    # Files are written only with --fix: --unsafe-fixes alone just widens what --fix/--diff apply.
    request = RunRequest(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff)
    results: list[FileResult] = []
    stdin_results: list[FileResult] = []
    fail_rank = {}
    try:
        for target in found.targets:
            data = read_target(target, stdin_bytes)
            if isinstance(data, RunError):
                errors.append(data)
                continue
            result = check_target(target, data, request)
            results.append(result)
            if target.path is None:
                stdin_results.append(result)
            fail_rank[result.path] = SEVERITY_RANK[fail_level or target.config.fail_level]
    except ConfigError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot write: {error}")

    for error in errors:
        click.echo(f"jalint: error: {error.path}: {error.message}", err=True)
    if not found.targets and not errors:
        where = ", ".join(found.searched_folders) or "."
        click.echo(f"jalint: warning: no Markdown files found in {where}", err=True)

    if diff:
        sys.stdout.write("".join(r.diff for r in results))
        changed = any(r.diff for r in results)
        sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    stdout = sys.stdout
    for result in stdin_results:
        if result.fixed_bytes is not None:
            # The (fixed) text from stdin goes to stdout; findings go to stderr instead.
            sys.stdout.flush()
            sys.stdout.buffer.write(result.fixed_bytes)
            sys.stdout.flush()
            stdout = sys.stderr
    use_color = color == "always" or (color == "auto" and stdout.isatty() and "NO_COLOR" not in os.environ)
    context = ReportContext(__version__, color=use_color, fixed_count=sum(r.fixed for r in results))
    if statistics:
        _print_statistics(results, output_format, stdout)
    else:
        reporter(output_format)(results, stdout, context)
    stdout.flush()

    failing = any(SEVERITY_RANK[d.severity] >= fail_rank.get(d.path, 1) for r in results for d in r.diagnostics)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK)


def _print_statistics(results: list[FileResult], output_format: str, stream) -> None:  # noqa: ANN001
    diagnostics = diagnostics_of(results)
    counts = Counter(d.rule for d in diagnostics)
    fixable = Counter(d.rule for d in diagnostics if d.fix is not None)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format == "json":
        data = [{"rule": rule, "count": count, "fixable": fixable[rule]} for rule, count in rows]
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for rule, count in rows:
        stream.write(f"{count:>6}  {rule:<28} {'fixable ' + str(fixable[rule]) if fixable[rule] else ''}".rstrip() + "\n")


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
def rules_command(output_format: str) -> None:
    """List every rule with its category, default severity and fix safety."""
    rules = all_rules()
    if output_format == "json":
        data = [
            {"name": r.name, "category": r.category, "severity": r.severity, "fix": r.fix_safety,
             "summary": r.summary()}
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
    lines = ["| rule | category | severity | fix | what it finds |", "|---|---|---|---|---|"]
    for r in all_rules().values():
        summary = r.summary().replace("|", "\\|")
        lines.append(f"| `{r.name}` | {r.category} | {r.severity} | {r.fix_safety} | {summary} |")
    return "\n".join(lines)


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation: what it finds, why, examples, options."""
    rules = all_rules()
    if rule not in rules:
        hint = did_you_mean(rule, set(rules)) or " Run `jalint rules` to list every rule."
        fail(f"unknown rule '{rule}'.{hint}")
    r = rules[rule]
    click.echo(f"# {r.name}\n")
    click.echo(f"category: {r.category} · default severity: {r.severity} · fix: {r.fix_safety}"
               f"{' · disabled by default' if not r.enabled_by_default else ''}\n")
    click.echo(r.doc())


def main() -> None:
    """Console-script entry point: never show a traceback to the user."""
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
