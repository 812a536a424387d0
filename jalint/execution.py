"""Running the per-file phase over many files: cache lookups, then serial or parallel linting.

The tagger and the parsers dominate, so work is spread across processes, one
file at a time, each worker with its own lazily created tagger. A handful of
files (a pre-commit run) stays in this process: starting workers costs more
than it saves. Results come back in the order of the targets, so the output
of a parallel run is identical to a serial one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jalint.cache import Cache
from jalint.diagnostic import FileResult
from jalint.runner import RunError, RunRequest, Target, check_target, read_target

PARALLEL_MIN_FILES = 8  # below this, workers cost more than they save

# Set in the parent before the pool forks, read by the workers.
_TARGETS: list[Target] = []
_REQUEST = RunRequest()


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)


def resolve_jobs(jobs: str | int | None) -> int:
    """`auto` (or None) is the number of cores this process may use."""
    if jobs in (None, "auto", 0, "0"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(jobs))


def _lint_one(index: int, data: bytes) -> FileResult:
    return check_target(_TARGETS[index], data, _REQUEST)


def run_targets(
    targets: list[Target],
    request: RunRequest,
    cache: Cache,
    jobs: int,
    stdin_bytes: bytes | None = None,
    advance: Callable[[int], None] | None = None,
) -> Outcome:
    """Results for every readable target, in target order; unreadable ones become errors."""
    outcome = Outcome()
    slots: list[FileResult | None] = [None] * len(targets)
    pending: list[tuple[int, bytes, str | None]] = []
    use_cache = cache.enabled and not (request.fix or request.diff)
    for index, target in enumerate(targets):
        data = read_target(target, stdin_bytes)
        if isinstance(data, RunError):
            outcome.errors.append(data)
            continue
        key = None
        if use_cache:
            active = target.config.active_rules(target.path or Path(target.display))
            key = cache.key(target.display, data, active, target.path or Path(target.display))
            cached = cache.get(key)
            if cached is not None:
                slots[index] = cached
                if advance:
                    advance(1)
                continue
        pending.append((index, data, key))

    for (index, _data, key), result in zip(pending, _lint(targets, request, pending, jobs, advance), strict=True):
        slots[index] = result
        if key is not None:
            cache.put(key, result)
    outcome.results = [result for result in slots if result is not None]
    return outcome


def _lint(
    targets: list[Target],
    request: RunRequest,
    pending: list[tuple[int, bytes, str | None]],
    jobs: int,
    advance: Callable[[int], None] | None,
) -> list[FileResult]:
    global _TARGETS, _REQUEST
    _TARGETS, _REQUEST = targets, request
    stdin_involved = any(targets[index].path is None for index, _, _ in pending)
    if jobs <= 1 or len(pending) < PARALLEL_MIN_FILES or stdin_involved:
        results = []
        for index, data, _ in pending:
            results.append(_lint_one(index, data))
            if advance:
                advance(1)
        return results
    # Imported here: a pre-commit run on a few files never starts workers and should not pay for the import.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(1, min(16, len(pending) // (jobs * 8)))
    results = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        indices = [index for index, _, _ in pending]
        payloads = [data for _, data, _ in pending]
        for result in pool.map(_lint_one, indices, payloads, chunksize=chunk):
            results.append(result)
            if advance:
                advance(1)
    return results
