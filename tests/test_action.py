"""The GitHub Action (action.yml + action/run.sh): its shell step under bash, with GitHub's variables set.

A pull request is played out with two git repositories: `origin` holds `main`,
the clone adds a commit that changes one post. The step must check only the
changed Markdown, annotate it in GitHub's format, honour a baseline, write
SARIF when asked and fail by the fail level.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "action" / "run.sh"
JALINT = str(Path(sys.executable).parent / "jalint")
EXAMPLES = ROOT / "examples" / "_posts"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="needs git and bash")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=folder, check=True,
                   capture_output=True)


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    origin = tmp_path / "origin"
    (origin / "_posts").mkdir(parents=True)
    # Already on main: a defective post the pull request does not touch, and the clean post.
    shutil.copy(EXAMPLES / "2025-11-05-defective-post.md", origin / "_posts" / "2025-11-05-old-defects.md")
    shutil.copy(EXAMPLES / "2025-11-04-clean-post.md", origin / "_posts" / "2025-11-04-clean-post.md")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", ".")
    _git(origin, "commit", "-q", "-m", "base")
    work = tmp_path / "work"
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    _git(work, "checkout", "-q", "-b", "feature")
    return work


def _run(work: Path, **env: str) -> subprocess.CompletedProcess:
    output = work.parent / "github_output"
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(work.parent), "GITHUB_EVENT_NAME": "pull_request",
                   "GITHUB_BASE_REF": "main", "GITHUB_OUTPUT": str(output), "JALINT": JALINT, **env}
    return subprocess.run(["bash", str(SCRIPT)], cwd=work, env=environment, capture_output=True, text=True,
                          check=False, timeout=300)


def _changed_defective_post(work: Path) -> None:
    shutil.copy(EXAMPLES / "2025-11-05-defective-post.md", work / "_posts" / "2025-11-05-new-post.md")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "new post")


def test_only_the_changed_post_is_annotated_and_the_step_fails(pull_request: Path) -> None:
    _changed_defective_post(pull_request)
    done = _run(pull_request)
    assert done.returncode == 1, done.stderr
    annotated = set(re.findall(r"^::\w+ file=([^,]+),", done.stdout, re.MULTILINE))
    assert annotated == {"_posts/2025-11-05-new-post.md"}  # not the defective post already on main
    assert "checked=1" in (pull_request.parent / "github_output").read_text()


def test_no_changed_markdown_passes(pull_request: Path) -> None:
    (pull_request / "notes.txt").write_text("not a post\n", encoding="utf-8")
    _git(pull_request, "add", ".")
    _git(pull_request, "commit", "-q", "-m", "notes")
    done = _run(pull_request)
    assert done.returncode == 0 and "no Markdown file changed" in done.stdout


def test_a_baseline_and_the_fail_level_decide_the_exit(pull_request: Path) -> None:
    _changed_defective_post(pull_request)
    subprocess.run([JALINT, "baseline", "create", "_posts/2025-11-05-new-post.md", "--baseline", "baseline.json"],
                   cwd=pull_request,
                   check=True, capture_output=True)
    assert _run(pull_request, JALINT_BASELINE="baseline.json").returncode == 0  # every finding is known
    # Without the baseline the fail level decides: the new post has errors (a copied paragraph), so even
    # `error` fails; a post with warnings only passes at `error` and fails at `warning`.
    assert _run(pull_request, JALINT_FAIL_LEVEL="error").returncode == 1
    warnings_only = "---\ntitle: \"警告だけの記事\"\ndate: 2025-11-06 09:00:00 +0900\n---\n\n**見出しのつもりの太字**\n\n本文です。\n"
    (pull_request / "_posts" / "2025-11-05-new-post.md").write_text(warnings_only, encoding="utf-8")
    _git(pull_request, "commit", "-q", "-am", "fix the copies")
    found = json.loads(subprocess.run([JALINT, "check", "_posts/2025-11-05-new-post.md", "--format", "json"],
                                      cwd=pull_request, capture_output=True, text=True, check=False).stdout)
    assert {f["severity"] for f in found["findings"]} == {"warning"}
    assert _run(pull_request, JALINT_FAIL_LEVEL="error").returncode == 0
    assert _run(pull_request, JALINT_FAIL_LEVEL="warning").returncode == 1


def test_sarif_is_written_when_asked_and_all_paths_on_a_push(pull_request: Path) -> None:
    done = _run(pull_request, GITHUB_EVENT_NAME="push", JALINT_SARIF="jalint.sarif", JALINT_PATHS="_posts")
    assert done.returncode == 1  # the defective post already on main counts on a push
    sarif = json.loads((pull_request / "jalint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_action_yml_passes_every_input_the_script_reads() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    run_step = next(step for step in action["runs"]["steps"] if step.get("id") == "run")
    script_reads = set(re.findall(r"\$\{(JALINT_[A-Z_]+)", SCRIPT.read_text(encoding="utf-8")))
    assert script_reads <= set(run_step["env"])
    for name, value in run_step["env"].items():
        input_name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value).group(1)
        assert input_name in action["inputs"], name
