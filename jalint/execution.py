"""Running the per-file phase over many files: cache lookups, then serial or parallel linting.

The tagger and the parsers dominate, so work is spread across processes, one
file at a time, each worker with its own lazily created tagger. A handful of
files (a pre-commit run) stays in this process: starting workers costs more
than it saves. Results come back in the order of the targets, so the output
of a parallel run is identical to a serial one.

The parent reads each file once to look it up in the cache and then lets go of
its bytes: a worker is sent the file's index, reads the file itself and writes
its cache entry, so neither the file's text nor the encoding of its entry
passes through (or stays in) the parent.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jalint.cache import Cache
from jalint.diagnostic import FileResult
from jalint.engine import size_limit, too_large
from jalint.runner import RunError, RunRequest, Target, check_target, read_target

PARALLEL_MIN_FILES = 8  # below this, workers cost more than they save

# Set in the parent before the pool forks, read by the workers.
_TARGETS: list[Target] = []
_REQUEST = RunRequest()
_CACHE: Cache | None = None  # where results are written, when caching is on for this run


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


def _lint_one(index: int, data: bytes | None) -> FileResult | RunError:
    """Lint target `index` (reading it when `data` is None, as workers do) and cache the result."""
    target = _TARGETS[index]
    if data is None:
        read = read_target(target, None)
        if isinstance(read, RunError):  # gone or unreadable since the parent read it
            return read
        data = read
    result = check_target(target, data, _REQUEST)
    if _CACHE is not None:
        # The key of the bytes linted here: a file edited since the parent's lookup
        # is cached under its new content, never the old one's key.
        path = target.path or Path(target.display)
        result.cache_key = _CACHE.key(target.display, data, target.config.active_rules(path), path)
        _CACHE.put(result.cache_key, result)
    return result


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
    pending: list[tuple[int, bytes | None]] = []  # bytes kept only for standard input (files are read again)
    use_cache = cache.enabled and not (request.fix or request.diff)
    for index, target in enumerate(targets):
        oversized = _too_large_on_disk(target)
        if oversized is not None:  # reported without reading (or caching) the file
            slots[index] = oversized
            if advance:
                advance(1)
            continue
        data = read_target(target, stdin_bytes)
        if isinstance(data, RunError):
            outcome.errors.append(data)
            continue
        if use_cache:
            active = target.config.active_rules(target.path or Path(target.display))
            key = cache.key(target.display, data, active, target.path or Path(target.display))
            cached = cache.get(key)
            if cached is not None:
                cached.cache_key = key
                slots[index] = cached
                if advance:
                    advance(1)
                continue
        pending.append((index, data if target.path is None else None))

    results = _lint(targets, request, pending, jobs, advance, cache if use_cache else None)
    for (index, _data), result in zip(pending, results, strict=True):
        if isinstance(result, RunError):
            outcome.errors.append(result)
        else:
            slots[index] = result
    outcome.results = [result for result in slots if result is not None]
    return outcome


def _too_large_on_disk(target: Target) -> FileResult | None:
    """file-too-large's finding when the file on disk is over the limit; None when it is to be read (or unreadable)."""
    if target.path is None:
        return None
    active = target.config.active_rules(target.path)
    if size_limit(active) is None:
        return None
    try:
        size = target.path.stat().st_size
    except OSError:
        return None  # reading it reports the error
    return too_large(target.display, size, active)


def _lint(
    targets: list[Target],
    request: RunRequest,
    pending: list[tuple[int, bytes | None]],
    jobs: int,
    advance: Callable[[int], None] | None,
    cache: Cache | None,
) -> list[FileResult | RunError]:
    global _TARGETS, _REQUEST, _CACHE
    _TARGETS, _REQUEST, _CACHE = targets, request, cache
    stdin_involved = any(targets[index].path is None for index, _ in pending)
    if jobs <= 1 or len(pending) < PARALLEL_MIN_FILES or stdin_involved:
        results: list[FileResult | RunError] = []
        for index, data in pending:
            results.append(_lint_one(index, data))
            if advance:
                advance(1)
        return results
    # Imported here: a pre-commit run on a few files never starts workers and should not pay for the import.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(1, min(16, len(pending) // (jobs * 8)))
    packed: list[bytes] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        indices = [index for index, _ in pending]
        for payload in pool.map(_lint_one_packed, indices, chunksize=chunk):
            packed.append(payload)
            if advance:
                advance(1)
    # Unpacked once the workers are gone: while they run, the parent holds each
    # result as its pickle (a third of the objects' size), so a big run's peak,
    # summed over all processes, is not the workers plus every result as objects.
    import pickle  # deferred, like the pool: a one-post run lints in this process

    return [pickle.loads(payload) for payload in packed]


def _lint_one_packed(index: int) -> bytes:
    """`_lint_one` in a worker, the result pickled for the parent to keep as bytes until the pool is done."""
    import pickle

    return pickle.dumps(_lint_one(index, None), protocol=pickle.HIGHEST_PROTOCOL)
