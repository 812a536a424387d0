"""How fast `jalint server` answers an edit, and whether its memory stays flat.

    python benchmarks/server.py [--corpus ../shared/corpus] [--edits 50] [--memory-edits 1000]

A real LSP client (pygls) starts `jalint server`, opens the median-sized post
of the corpus and edits it: each edit changes one character near the end, and
the time from sending `didChange` to receiving `publishDiagnostics` for that
version is one sample. In the same run, a cold `jalint check --no-cache` of
the post and `jalint --version` are timed (interleaved, median of 7): the
issue's target is a median latency of at most half of (check - version),
the lint itself without start-up. Then the post is edited `--memory-edits`
times more and the server's resident memory is read after the first 100 and
at the end (target: no more than 10% growth).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROUNDS = 7


def median_post(corpus: Path) -> Path:
    posts = sorted(p for p in corpus.rglob("*.md") if p.name != "README.md")
    return sorted(posts, key=lambda p: p.stat().st_size)[len(posts) // 2]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cold_runs(post: Path, env: dict) -> tuple[float, float]:
    """Median wall time of `jalint check --no-cache POST` and of `jalint --version`, interleaved."""
    check = [sys.executable, "-m", "jalint", "check", str(post), "--no-cache", "--format", "concise"]
    version = [sys.executable, "-m", "jalint", "--version"]
    times: dict[str, list[float]] = {"check": [], "version": []}
    subprocess.run(check, env=env, capture_output=True, check=False)
    for _ in range(ROUNDS):
        for name, command in (("check", check), ("version", version)):
            start = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["check"]), statistics.median(times["version"])


async def edit_session(post: Path, edits: int, memory_edits: int) -> dict:
    client = LanguageClient("jalint-benchmark", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            published[params.version] = time.perf_counter()
            arrived.set()

    await client.start_io(sys.executable, "-m", "jalint", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    text = post.read_text(encoding="utf-8")
    uri = from_fs_path(str(post))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))

    async def until(version: int) -> None:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), timeout=60)

    await until(1)
    latencies = []
    pid = client._server.pid  # noqa: SLF001 - the server process, for its memory
    memory = {}
    for version in range(2, 2 + edits + memory_edits):
        changed = text + ("。" if version % 2 else "")
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
        await until(version)
        if version < 2 + edits:
            latencies.append(published[version] - sent)
        if version - 1 - edits in (100, memory_edits):
            memory[version - 1 - edits] = rss_mb(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"latencies": latencies, "memory": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--memory-edits", type=int, default=1000)
    args = parser.parse_args()
    post = median_post(Path(args.corpus))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    check, version = cold_runs(post, env)
    session = asyncio.run(edit_session(post, args.edits, max(100, args.memory_edits)))
    latencies = sorted(session["latencies"])
    median = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    budget = (check - version) / 2
    print(f"Post: {post.name} ({post.stat().st_size / 1000:.0f} kB); {len(latencies)} edits, each awaited.\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| cold `jalint check --no-cache` (median of {ROUNDS}) | {check:.3f} s |")
    print(f"| `jalint --version` (median of {ROUNDS}) | {version:.3f} s |")
    print(f"| server: didChange -> publishDiagnostics, median | {median:.3f} s |")
    print(f"| server: didChange -> publishDiagnostics, 95th percentile | {p95:.3f} s |")
    print(f"| median latency / (check - version) | {median / (check - version):.2f} (target <= 0.50) |")
    memory = session["memory"]
    first, last = memory[100], memory[max(memory)]
    print(f"| server memory after 100 edits | {first:.0f} MB |")
    print(f"| server memory after {max(memory)} edits | {last:.0f} MB ({(last / first - 1) * 100:+.1f}%, target <= +10%) |")
    print(f"\nlatency target {'met' if median <= budget else 'NOT met'}; "
          f"memory target {'met' if last <= first * 1.10 else 'NOT met'}")


if __name__ == "__main__":
    main()
