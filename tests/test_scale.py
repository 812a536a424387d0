"""Content-repo scale: cache, parallel runs, baselines and the corpus phase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jalint import cache as cache_module
from jalint.config import Layer
from jalint.session import Options, collect

COPY = "倉庫の作業計画は、前日の出荷予測をもとに毎晩自動で組み直しています。"


def post(title: str, body: str, tags: str = "[物流]") -> str:
    return f"---\ntitle: \"{title}\"\ntags: {tags}\n---\n\n{body}\n"


def defective(n: int) -> str:
    return post(f"記事{n}の見出しになるタイトル", f"本文{n}の最初の段落です。\n\n{COPY}\n\n段落{n}です。\n\n{COPY}")


@pytest.fixture
def posts(workdir: Path, write_post) -> Path:  # noqa: ANN001
    for n in range(12):
        write_post(workdir, f"_posts/2025-01-{n + 1:02d}-p{n}.md", defective(n))
    return workdir / "_posts"


def run_session(paths: tuple[str, ...], **kwargs) -> object:  # noqa: ANN003
    options = Options(paths, Layer(select=("duplicate-paragraph", "duplicate-title", "tag-variant")), **kwargs)
    return collect(options, lambda: b"")


# -- cache ------------------------------------------------------------------------------------


def test_second_run_is_served_from_the_cache(posts: Path) -> None:
    first = run_session(("_posts",))
    assert first.cache.hits == 0 and first.cache.misses == 12
    second = run_session(("_posts",))
    assert second.cache.hits == 12
    assert [d.sort_key for r in first.results for d in r.diagnostics] == [
        d.sort_key for r in second.results for d in r.diagnostics
    ]


def test_cache_is_invalidated_by_a_changed_file(posts: Path) -> None:
    run_session(("_posts",))
    (posts / "2025-01-01-p0.md").write_text(post("別のタイトル", "短い本文。"), encoding="utf-8")
    again = run_session(("_posts",))
    assert again.cache.hits == 11
    assert not [d for r in again.results if r.path.endswith("p0.md") for d in r.diagnostics]


def test_cache_is_invalidated_by_a_config_change(posts: Path, workdir: Path) -> None:
    run_session(("_posts",))
    (workdir / ".jalint.toml").write_text('[rules.duplicate-paragraph]\nseverity = "info"\n', encoding="utf-8")
    again = run_session(("_posts",))
    assert again.cache.hits == 0
    assert {d.severity for r in again.results for d in r.diagnostics if d.rule == "duplicate-paragraph"} == {"info"}


def test_cache_is_invalidated_by_a_new_jalint_version(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_session(("_posts",))
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    assert run_session(("_posts",)).cache.hits == 0


def test_no_cache_reads_and_writes_nothing(posts: Path, workdir: Path) -> None:
    result = run_session(("_posts",), use_cache=False)
    assert not result.cache.enabled
    assert not (workdir / ".jalint_cache").exists()


def test_a_broken_cache_entry_is_a_miss(posts: Path, workdir: Path) -> None:
    run_session(("_posts",))
    for entry in (workdir / ".jalint_cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    again = run_session(("_posts",))
    assert again.cache.hits == 0 and again.cache.misses == 12


def test_cache_clean_command(run, posts: Path, workdir: Path) -> None:  # noqa: ANN001
    run("check", "_posts")
    assert (workdir / ".jalint_cache").is_dir()
    result = run("cache", "clean")
    assert result.exit_code == 0
    assert not (workdir / ".jalint_cache").exists()


# -- parallel ---------------------------------------------------------------------------------


def test_parallel_output_equals_serial_output(run, posts: Path) -> None:  # noqa: ANN001
    serial = run("check", "_posts", "--format", "json", "--no-cache", "-j", "1")
    parallel = run("check", "_posts", "--format", "json", "--no-cache", "-j", "2")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    assert len(json.loads(serial.stdout)["findings"]) >= 12


def test_bad_jobs_value_is_a_usage_error(run, posts: Path) -> None:  # noqa: ANN001
    result = run("check", "_posts", "-j", "many")
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


# -- baseline ---------------------------------------------------------------------------------


def test_baseline_create_check_and_prune(run, posts: Path, workdir: Path) -> None:  # noqa: ANN001
    created = run("baseline", "create", "_posts", "--select", "duplicate-paragraph")
    assert created.exit_code == 0, created.stderr
    data = json.loads((workdir / ".jalint-baseline.json").read_text(encoding="utf-8"))
    assert sum(entry["count"] for entry in data["entries"]) == 12
    assert {entry["path"] for entry in data["entries"]} == {f"_posts/2025-01-{n + 1:02d}-p{n}.md" for n in range(12)}

    clean = run("check", "_posts", "--select", "duplicate-paragraph", "--baseline", ".jalint-baseline.json")
    assert clean.exit_code == 0, clean.stdout
    assert "12 known findings hidden" in clean.stderr

    # Editing other lines keeps the entry; a new copy is reported; a fixed one is "gone".
    first = posts / "2025-01-01-p0.md"
    first.write_text("新しい冒頭の一文です。\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    second = posts / "2025-01-02-p1.md"
    second.write_text(second.read_text(encoding="utf-8") + f"\n{COPY}\n", encoding="utf-8")
    third = posts / "2025-01-03-p2.md"
    third.write_text(post("記事2", "短い本文だけになりました。"), encoding="utf-8")
    checked = run("check", "_posts", "--select", "duplicate-paragraph", "--baseline", ".jalint-baseline.json",
                  "--format", "concise")
    assert checked.exit_code == 1
    assert [line.split(":")[0] for line in checked.stdout.splitlines()] == ["_posts/2025-01-02-p1.md"]
    assert "1 recorded findings are gone" in checked.stderr

    pruned = run("baseline", "prune", "_posts", "--select", "duplicate-paragraph")
    assert pruned.exit_code == 0
    data = json.loads((workdir / ".jalint-baseline.json").read_text(encoding="utf-8"))
    assert sum(entry["count"] for entry in data["entries"]) == 11


def test_missing_baseline_is_a_usage_error(run, posts: Path) -> None:  # noqa: ANN001
    result = run("check", "_posts", "--baseline", "nope.json")
    assert result.exit_code == 2
    assert "baseline not found" in result.stderr


# -- corpus phase -----------------------------------------------------------------------------


def test_corpus_rules_run_across_checked_posts(run, workdir: Path, write_post) -> None:  # noqa: ANN001
    write_post(workdir, "_posts/2025-02-01-a.md", post("需要予測で在庫を2割削減した倉庫", "本文Aです。", "[生成AI]"))
    write_post(workdir, "_posts/2025-02-02-b.md", post("需要予測で在庫を２割削減した倉庫！", "本文Bです。", "[生成ＡＩ]"))
    write_post(workdir, "_posts/2025-02-03-c.md", post("まったく別の話題", "本文Cです。", "[生成AI]"))
    result = run("check", "_posts", "--select", "duplicate-title,tag-variant", "--format", "concise")
    assert result.exit_code == 1
    lines = [line.split(": ")[0] + " " + line.split()[2] for line in result.stdout.splitlines()]
    assert lines == ["_posts/2025-02-02-b.md:2:8 duplicate-title", "_posts/2025-02-02-b.md:3:8 tag-variant"]


def test_one_file_sees_the_corpus_through_config(run, workdir: Path, write_post) -> None:  # noqa: ANN001
    write_post(workdir, "_posts/2025-02-01-a.md", post("需要予測で在庫を2割削減した倉庫", "本文Aです。"))
    write_post(workdir, "_posts/2025-02-02-b.md", post("需要予測で在庫を2割削減した倉庫", "本文Bです。"))
    alone = run("check", "_posts/2025-02-02-b.md", "--select", "duplicate-title", "--format", "concise")
    assert alone.exit_code == 0, "one file and no corpus: no corpus phase"
    (workdir / ".jalint.toml").write_text('corpus = ["_posts"]\n', encoding="utf-8")
    seen = run("check", "_posts/2025-02-02-b.md", "--select", "duplicate-title", "--format", "concise")
    assert seen.exit_code == 1
    assert seen.stdout.startswith("_posts/2025-02-02-b.md:2:8: warning duplicate-title")
    flag = run("check", "_posts/2025-02-01-a.md", "--select", "duplicate-title", "--corpus", "_posts")
    assert flag.exit_code == 0, "the earlier post is the original; only the later one is reported"


def test_corpus_finding_can_be_suppressed(run, workdir: Path, write_post) -> None:  # noqa: ANN001
    write_post(workdir, "_posts/2025-02-01-a.md", post("需要予測で在庫を2割削減した倉庫", "本文Aです。"))
    write_post(workdir, "_posts/2025-02-02-b.md", post("需要予測で在庫を2割削減した倉庫", "本文Bです。"))
    reported = run("check", "_posts", "--select", "duplicate-title", "--format", "concise")
    assert reported.exit_code == 1
    write_post(workdir, "_posts/2025-02-02-b.md",
               post("需要予測で在庫を2割削減した倉庫", "<!-- jalint-disable-file duplicate-title -->\n本文Bです。"))
    result = run("check", "_posts", "--select", "duplicate-title", "--format", "concise")
    assert result.exit_code == 0, result.stdout


def test_workers_write_the_cache_entries(posts: Path, workdir: Path) -> None:
    """In a parallel run the workers read the files and write the entries; the next run is served from them."""
    first = run_session(("_posts",), jobs=2)
    entries = [p for p in (workdir / ".jalint_cache").rglob("*.json") if "corpus" not in p.parts]
    assert first.cache.misses == 12 and len(entries) == 12
    second = run_session(("_posts",), jobs=2)
    assert second.cache.hits == 12
    assert [d.sort_key for r in first.results for d in r.diagnostics] == [
        d.sort_key for r in second.results for d in r.diagnostics
    ]


def test_a_file_gone_before_it_is_linted_is_an_error(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is read again to be linted; if it vanished after the cache lookup, that file alone is an error."""
    from jalint import execution
    from jalint.runner import RunError

    real = execution.read_target
    reads: list[str] = []

    def vanish(target, stdin_bytes):  # noqa: ANN001, ANN202
        reads.append(target.display)
        if target.display.endswith("p3.md") and reads.count(target.display) == 2:  # gone after the lookup
            return RunError(target.display, "cannot read: No such file or directory")
        return real(target, stdin_bytes)

    monkeypatch.setattr(execution, "read_target", vanish)
    result = run_session(("_posts",), use_cache=False)
    assert [e.path for e in result.errors] == ["_posts/2025-01-04-p3.md"]
    assert len(result.results) == 11
    assert reads.count("_posts/2025-01-04-p3.md") == 2  # looked up, then read again to be linted


def test_a_warm_run_reads_the_corpus_findings_back(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed: the corpus phase is not run again; one post changed: it is."""
    from jalint import session

    calls: list[int] = []
    real = session.run_corpus_rules

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "run_corpus_rules", counting)
    (posts / "2025-01-20-again.md").write_text(defective(0), encoding="utf-8")  # p0's title a second time
    first = run_session(("_posts",))
    corpus_findings = [d for r in first.results for d in r.diagnostics if d.rule == "duplicate-title"]
    assert calls == [1] and corpus_findings
    second = run_session(("_posts",))
    assert calls == [1]
    assert sorted(d.sort_key for r in second.results for d in r.diagnostics) == sorted(
        d.sort_key for r in first.results for d in r.diagnostics)
    (posts / "2025-01-01-p0.md").write_text(post("別のタイトル", "短い本文。"), encoding="utf-8")
    run_session(("_posts",))
    assert calls == [1, 1]
