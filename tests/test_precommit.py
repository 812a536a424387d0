"""The pre-commit hooks as a content repository would use them (`pre-commit try-repo`).

This installs jalint into pre-commit's own environment from this checkout, the
way a user's first run does, so it needs the package index (as the test extra
install does). pre-commit caches that environment, so later runs are fast.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "examples" / "_posts" / "2025-11-04-clean-post.md"
DEFECTIVE = ROOT / "examples" / "_posts" / "2025-11-05-defective-post.md"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("content")
    _git(repo, "init", "-q")
    (repo / "_posts").mkdir()
    for post in (CLEAN, DEFECTIVE):
        (repo / "_posts" / post.name).write_bytes(post.read_bytes())
    _git(repo, "add", ".")
    _git(repo, "-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "-qm", "posts")
    return repo


def try_repo(repo: Path, hook: str, post: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", f"_posts/{post.name}"],
        cwd=repo, capture_output=True, text=True, check=False, timeout=600,
    )


def test_hook_fails_on_a_defective_post(content_repo: Path) -> None:
    result = try_repo(content_repo, "jalint", DEFECTIVE)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "duplicate-paragraph" in result.stdout
    assert "Failed" in result.stdout


def test_hook_passes_on_a_clean_post(content_repo: Path) -> None:
    result = try_repo(content_repo, "jalint", CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
