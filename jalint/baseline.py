"""Baselines: adopt jalint on a legacy repository by recording today's findings.

An entry is keyed by path, rule and a fingerprint of the flagged text (not the
line number), with a count, so editing other lines of a post does not
invalidate it. `check --baseline` reports only findings beyond the recorded
counts and says how many recorded findings are gone, so the file can be
pruned as the backlog shrinks.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jalint import __version__
from jalint.diagnostic import Diagnostic, fingerprint
from jalint.fixes import write_atomically
from jalint.names import BASELINE_NAME

DEFAULT_NAME = BASELINE_NAME
VERSION = 1

Key = tuple[str, str, str]  # (path relative to the baseline's folder, rule, fingerprint)


class BaselineError(Exception):
    """An unreadable or malformed baseline file (exit 2)."""


@dataclass
class Baseline:
    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    messages: dict[Key, str] = field(default_factory=dict)

    def key(self, diagnostic: Diagnostic) -> Key:
        return (self.relative(diagnostic.path), diagnostic.rule, diagnostic.fingerprint or fingerprint(diagnostic.rule, diagnostic.message))

    def relative(self, shown: str) -> str:
        """A reported path, relative to the baseline's folder (POSIX), whatever the working folder."""
        try:
            return Path(os.path.relpath(Path(shown).resolve(), self.path.parent.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            return Path(shown).as_posix()


@dataclass
class Filtered:
    kept: list[Diagnostic]
    matched: int
    gone: int  # recorded findings (in checked files) that no longer occur
    used: Counter[Key]


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        baseline = Baseline(path)
        for entry in data["entries"]:
            key = (entry["path"], entry["rule"], entry["fingerprint"])
            baseline.counts[key] += int(entry.get("count", 1))
            baseline.messages[key] = entry.get("message", "")
    except FileNotFoundError:
        raise BaselineError(f"baseline not found: {path} (create it with `jalint baseline create`)") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BaselineError(f"{path}: not a jalint baseline ({error})") from None
    return baseline


def create(path: Path, diagnostics: list[Diagnostic]) -> Baseline:
    baseline = Baseline(path)
    for diagnostic in diagnostics:
        key = baseline.key(diagnostic)
        baseline.counts[key] += 1
        baseline.messages.setdefault(key, diagnostic.message)
    return baseline


def apply(baseline: Baseline, diagnostics: list[Diagnostic], checked_paths: list[str]) -> Filtered:
    """Drop findings the baseline records; count recorded findings that are gone."""
    budget = Counter(baseline.counts)
    kept = []
    used: Counter[Key] = Counter()
    for diagnostic in sorted(diagnostics, key=lambda d: d.sort_key):
        key = baseline.key(diagnostic)
        if budget[key] > 0:
            budget[key] -= 1
            used[key] += 1
        else:
            kept.append(diagnostic)
    checked = {baseline.relative(p) for p in checked_paths}
    gone = sum(count for key, count in budget.items() if count > 0 and key[0] in checked)
    return Filtered(kept, sum(used.values()), gone, used)


def pruned(baseline: Baseline, used: Counter[Key], checked_paths: list[str]) -> Baseline:
    """The baseline with gone entries removed (entries of files not checked are kept)."""
    checked = {baseline.relative(p) for p in checked_paths}
    result = Baseline(baseline.path, messages=baseline.messages)
    for key, count in baseline.counts.items():
        keep = min(count, used[key]) if key[0] in checked else count
        if keep:
            result.counts[key] = keep
    return result


def save(baseline: Baseline) -> None:
    entries = [
        {"path": path, "rule": rule, "fingerprint": fp, "count": count, "message": baseline.messages.get((path, rule, fp), "")}
        for (path, rule, fp), count in sorted(baseline.counts.items())
    ]
    text = json.dumps({"version": VERSION, "jalint": __version__, "entries": entries}, ensure_ascii=False, indent=1)
    write_atomically(baseline.path, (text + "\n").encode("utf-8"))
