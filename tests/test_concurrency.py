"""Concurrent and killed runs with real processes: several hooks at once on one repository and one cache.

Cache entries and fixed posts are written to a temporary file and moved into
place, so a reader sees the old file or the new one, never half of one. These
tests start real `jalint` processes at the same time (and kill one mid-run) and
check that the findings, the cache and the posts come out as from one run.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "_posts"
COPIES = 12


def _repository(folder: Path, copies: int = COPIES) -> Path:
    """A small content repository: copies of the example posts (one clean, one with every defect)."""
    posts = folder / "_posts"
    posts.mkdir(parents=True)
    for n in range(copies):
        for source in sorted(EXAMPLES.glob("*.md")):
            shutil.copy(source, posts / f"{source.stem}-{n:02d}.md")
    return folder


def _jalint(*args: str) -> list[str]:
    return [sys.executable, "-m", "jalint", *args]


def _findings(stdout: str) -> list[tuple]:
    return [(f["path"], f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(stdout)["findings"]]


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and ".tmp" in p.name]


def _wait_until_midway(repo: Path, originals: dict[str, bytes], run: subprocess.Popen) -> None:
    """Return once the run has written some of its work (cache entries or fixed posts), so a kill lands mid-run.

    Waiting for evidence rather than a fixed time keeps the test meaningful on machines of any speed: a
    fixed sleep let a fast machine finish the whole run before the kill.
    """
    deadline = time.monotonic() + 120
    while run.poll() is None and time.monotonic() < deadline:
        entries = sum(1 for p in (repo / ".jalint_cache").rglob("*.json") if p.parent.name != "corpus")
        changed = sum(1 for p in (repo / "_posts").glob("*.md") if p.read_bytes() != originals[p.name])
        if entries + changed >= 10:
            return
        time.sleep(0.005)


def test_four_checks_at_once_share_one_cache(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    alone = subprocess.run(_jalint("check", "_posts", "--no-cache", "--format", "json"), cwd=repo,
                           capture_output=True, text=True, check=False)
    runs = [subprocess.Popen(_jalint("check", "_posts", "--format", "json", "-j", "2"), cwd=repo,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for (stdout, stderr), run in zip(outputs, runs, strict=True):
        assert run.returncode == 1 and "Traceback" not in stderr
        assert _findings(stdout) == _findings(alone.stdout)
    # The cache they wrote together reads back as whole entries: a warm run says the same.
    warm = subprocess.run(_jalint("check", "_posts", "--format", "json"), cwd=repo, capture_output=True, text=True,
                          check=False)
    assert _findings(warm.stdout) == _findings(alone.stdout)
    assert _leftovers(repo) == []


def test_four_fix_runs_at_once_leave_each_post_fixed_once(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    reference = _repository(tmp_path / "reference")
    subprocess.run(_jalint("check", "_posts", "--no-cache", "--fix"), cwd=reference, capture_output=True, check=False)
    runs = [subprocess.Popen(_jalint("check", "_posts", "--fix", "-j", "1"), cwd=repo, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert "Traceback" not in stderr
    for post in sorted((repo / "_posts").glob("*.md")):
        assert post.read_bytes() == (reference / "_posts" / post.name).read_bytes(), post.name
    assert _leftovers(repo) == []


@pytest.mark.parametrize("fix", [False, True])
def test_a_killed_run_leaves_no_broken_cache_or_post(tmp_path: Path, fix: bool) -> None:
    repo = _repository(tmp_path, copies=80)  # long enough a run to be killed in the middle of it
    originals = {p.name: p.read_bytes() for p in (repo / "_posts").glob("*.md")}
    reference = _repository(tmp_path / "reference", copies=80)
    subprocess.run(_jalint("check", "_posts", "--no-cache", "--fix"), cwd=reference, capture_output=True, check=False)
    args = ("check", "_posts", "-j", "1", *(("--fix",) if fix else ()))
    victim = subprocess.Popen(_jalint(*args), cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_until_midway(repo, originals, victim)
    assert victim.poll() is None, "the run ended before it could be killed: make the repository larger"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    for post in (repo / "_posts").glob("*.md"):  # each post whole: as it was, or fixed in full
        assert post.read_bytes() in (originals[post.name], (reference / "_posts" / post.name).read_bytes())
    # What the killed run left in the cache reads back as whole entries or not at all.
    cached = subprocess.run(_jalint("check", "_posts", "--format", "json"), cwd=repo, capture_output=True,
                            text=True, check=False)
    fresh = subprocess.run(_jalint("check", "_posts", "--format", "json", "--no-cache"), cwd=repo,
                           capture_output=True, text=True, check=False)
    assert "Traceback" not in cached.stderr
    assert _findings(cached.stdout) == _findings(fresh.stdout)
