"""Coverage-guided fuzzing of the whole engine (every rule on) with atheris.

    pip install -e '.[fuzz]'
    python benchmarks/fuzz.py --minutes 5 [--corpus /tmp/jalint-fuzz]

The seed corpus is every case text of tests/rules/*.toml plus the example and
fixture posts (written for this project); atheris mutates them with coverage
feedback from jalint's own modules. An input fails when a rule crashes (an
`internal-error` finding) or anything raises; the crashing input is written
next to the corpus (`crash-*`) and should become a regression case. The
property tests (tests/test_properties.py) cover the same ground in CI without
atheris; docs/reliability.md records the runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_corpus(folder: Path) -> int:
    """Write the case texts and example posts as seed inputs; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for case_file in sorted((ROOT / "tests" / "rules").glob("*.toml")):
        data = tomllib.loads(case_file.read_text(encoding="utf-8"))
        for kind in ("valid", "invalid"):
            for index, case in enumerate(data.get(kind, [])):
                texts = [case["text"]] if "text" in case else [post["text"] for post in case.get("posts", [])]
                for number, text in enumerate(texts):
                    (folder / f"{case_file.stem}-{kind}-{index}-{number}.md").write_text(text, encoding="utf-8")
                    count += 1
    for source_folder in ("examples/_posts", "tests/fixtures"):
        for post in sorted((ROOT / source_folder).glob("*.md")):
            (folder / post.name).write_bytes(post.read_bytes())
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--corpus", default=str(Path(tempfile.gettempdir()) / "jalint-fuzz"))
    args, rest = parser.parse_known_args()
    try:
        import atheris
    except ImportError:
        sys.exit("benchmarks/fuzz.py needs atheris: pip install -e '.[fuzz]' (a wheel exists for Linux x86-64).")
    corpus = Path(args.corpus)
    seeds = seed_corpus(corpus)
    print(f"seed corpus: {seeds} inputs in {corpus}", flush=True)

    with atheris.instrument_imports(include=["jalint"]):
        from jalint.config import Config, cli_layer
        from jalint.engine import lint_decoded
        from jalint.source import Source, decode

        config = Config(None, ROOT)
        config.cli = cli_layer(("ALL",), ())
        active = config.active_rules(None)  # imports the rule modules: inside, so they are instrumented too

    def one_input(data: bytes) -> None:
        decoded = decode("post.md", data)
        if not isinstance(decoded, Source):
            # Most mutations break UTF-8, and such a file is one encoding finding: lint the text it would
            # be with the bad bytes replaced as well, so that the rules see the mutation.
            decoded = decode("post.md", data.decode("utf-8", "replace").encode("utf-8"))
        result = lint_decoded("post.md", decoded, active)
        crashes = [d.message for d in result.diagnostics if d.rule == "internal-error"]
        if crashes:
            raise RuntimeError(crashes[0])

    atheris.Setup([sys.argv[0], str(corpus), f"-max_total_time={int(args.minutes * 60)}",
                   f"-artifact_prefix={corpus}/", "-rss_limit_mb=4096", *rest], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
