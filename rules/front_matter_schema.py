"""## What it finds
Front matter that does not match the site's schema:

- a required key is missing (by default `title` and `date`, which Jekyll and
  Hugo both need for a post); a key that differs only in case or `-`/`_` is
  named in the message;
- a value of the wrong type: `title`, `excerpt` or `description` that is not
  a string, `tags` or `categories` that is not a list of strings, a `date`
  (or `lastmod`, `last_modified_at`, `publishDate`, `expiryDate`) that is not a
  valid date or date and time;
- an empty value (`title: ""`, `tags: []`, `excerpt:` with nothing after it)
  or an empty list item;
- a category or tag outside the site's vocabulary, when one is configured
  with `allowed-categories` / `allowed-tags` or a `vocabulary-file`.

The finding points at the key or value concerned (at the opening `---` for a
missing key). Posts without front matter, and front matter that does not
parse (reported by front-matter-syntax), are not checked.

## Why it matters
A post without a title or date drops out of listings or gets the file's
date; a string where the theme expects a list splits into single characters
or one odd tag; a misspelt category creates a new, nearly empty archive page.
Generation pipelines produce all of these when a field comes back empty.

## Example
```markdown
---
title: ""
date: "2025-11-31"
tags: 業務効率化, 生成AI
---

本文です。
```

## Use instead
```markdown
---
title: "生成AIで変わる問い合わせ対応"
date: 2025-11-04 10:00:00 +0900
tags: ["業務効率化", "生成AI"]
---

本文です。
```

## Options
- `required` (default `("title", "date")`): keys every post must have.
- `string-keys` (default `("title", "excerpt", "description")`): keys whose
  value must be a string.
- `list-keys` (default `("tags", "categories")`): keys whose value must be a
  list of strings.
- `date-keys` (default `("date", "lastmod", "last_modified_at",
  "publishDate", "expiryDate")`): keys whose value must be a date, or a
  date and time such as `2025-11-04 10:00:00 +0900` or
  `2025-11-04T10:00:00+09:00`.
- `allow-string-lists` (default false): accept a string for a list key, as
  Jekyll does for a space-separated `tags: AI 物流`.
- `allow-empty` (default `()`): keys that may be present with an empty value.
- `allowed-categories`, `allowed-tags` (default `()`, no check): the site's
  vocabulary for `categories` and `tags`.
- `vocabulary-file` (default `""`): a YAML, JSON or TOML file with the
  vocabulary, as a mapping from a list key to its allowed names (a list of
  names, or a mapping whose keys are the names), e.g. `_data/taxonomy.yml`
  with `categories: [導入事例, 業界別AI活用]`. A relative path is looked up from
  the post's folder upwards, so one file at the site root serves every post.
  Names from the file are added to `allowed-categories` and `allowed-tags`.

## Fix safety
No fix: the right value is not known.
"""

from __future__ import annotations


import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from jalint.digest import blake2b
from jalint.document import Document
from jalint.frontmatter import Entry, FrontMatter
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._front_matter_checks import type_name

DATE_KEYS = ("date", "lastmod", "last_modified_at", "publishDate", "expiryDate")
# What Jekyll (Ruby's Time.parse) and Hugo both read: a date, optionally a time and a zone.
_DATE = re.compile(
    r"^(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"(?:[ \t]*(?:Z|UTC|GMT|JST|[+-]\d{2}(?::?\d{2})?))?$"
)
SUGGESTION_CUTOFF = 70


class Options(RuleOptions):
    required: tuple[str, ...] = option(("title", "date"), "Keys every post must have.")
    string_keys: tuple[str, ...] = option(("title", "excerpt", "description"), "Keys whose value must be a string.")
    list_keys: tuple[str, ...] = option(("tags", "categories"), "Keys whose value must be a list of strings.")
    date_keys: tuple[str, ...] = option(DATE_KEYS, "Keys whose value must be a date or date and time.")
    allow_string_lists: bool = option(False, "Accept a (space-separated) string for a list key, as Jekyll does.")
    allow_empty: tuple[str, ...] = option((), "Keys that may be present with an empty value.")
    allowed_categories: tuple[str, ...] = option((), "The site's categories; empty means any.")
    allowed_tags: tuple[str, ...] = option((), "The site's tags; empty means any.")
    vocabulary_file: str = option("", "YAML/JSON/TOML file mapping list keys to allowed names.")


class FrontMatterSchema(Rule[Options]):
    name = "front-matter-schema"
    category = "front-matter"
    scope = "front_matter"
    severity = "error"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        if front_matter.problem is not None:
            return  # front-matter-syntax reports it; the entries are incomplete
        options = self.options
        entries = front_matter.entries
        opening = Span(0, doc.lines.line_end(1))
        for key in options.required:
            if key not in entries:
                yield Finding(opening, _missing_message(key, entries))
        vocabulary, problem = self._vocabulary(doc)
        if problem:
            yield Finding(opening, problem)
        for key, entry in entries.items():
            if _is_empty(entry.value):
                if key in self._known_keys() and key not in options.allow_empty:
                    yield Finding(_where(entry), f"`{key}` の値が空なので、値を書くかキーごと削除してください。")
                continue
            if key in options.string_keys:
                yield from _check_string(entry)
            elif key in options.list_keys:
                yield from self._check_list(entry, vocabulary.get(key, ()))
            elif key in options.date_keys:
                yield from _check_date(entry)

    def _known_keys(self) -> set[str]:
        options = self.options
        return {*options.required, *options.string_keys, *options.list_keys, *options.date_keys}

    def context_key(self, path: object) -> str:
        """The vocabulary file's content, so that editing it invalidates cached results."""
        if not self.options.vocabulary_file or path is None:
            return ""
        found = _find_upwards(self.options.vocabulary_file, str(path))
        try:
            return blake2b(found.read_bytes(), digest_size=8).hexdigest() if found else "missing"
        except OSError:
            return "unreadable"

    def _vocabulary(self, doc: Document) -> tuple[dict[str, tuple[str, ...]], str | None]:
        """Allowed names per list key, and why the vocabulary file could not be used (if so)."""
        options = self.options
        vocabulary: dict[str, tuple[str, ...]] = {}
        problem = None
        if options.vocabulary_file:
            path = _find_upwards(options.vocabulary_file, doc.path)
            pairs = _read_vocabulary(str(path)) if path is not None else None
            if pairs is None:
                problem = (
                    f"設定 vocabulary-file の「{options.vocabulary_file}」が見つからないか読めないので、"
                    "パスと形式（キーごとに名前のリスト）を確かめてください。"
                )
            else:
                vocabulary = dict(pairs)
        for key, names in (("categories", options.allowed_categories), ("tags", options.allowed_tags)):
            if names:
                vocabulary[key] = (*vocabulary.get(key, ()), *names)
        return vocabulary, problem

    def _check_list(self, entry: Entry, allowed: tuple[str, ...]) -> Iterator[Finding]:
        key, value = entry.key, entry.value
        if isinstance(value, str) and self.options.allow_string_lists:
            value = value.split()
        elif not isinstance(value, list):
            yield Finding(
                entry.value_span,
                f"`{key}` が{type_name(value)}になっているので、`[\"AI\", \"物流\"]` のような文字列のリストで書いてください。",
            )
            return
        spans = [item.span for item in entry.items] if len(entry.items) == len(value) else [entry.value_span] * len(value)
        for item, span in zip(value, spans, strict=True):
            if _is_empty(item):
                yield Finding(span, f"`{key}` に空の項目があるので、削除するか名前を書いてください。")
            elif not isinstance(item, str):
                yield Finding(
                    span,
                    f"`{key}` の項目 {item!r} が{type_name(item)}なので、引用符で囲んだ文字列にしてください。",
                )
            elif allowed and item not in allowed:
                yield Finding(span, _vocabulary_message(key, item, allowed))


def _missing_message(key: str, entries: dict[str, Entry]) -> str:
    def fold(name: str) -> str:
        return name.casefold().replace("-", "_")

    near = [other for other in entries if fold(other) == fold(key)]
    if near:
        return f"必須のキー `{key}` がなく `{near[0]}` と書かれているので、`{key}` に直してください。"
    return f"必須のキー `{key}` がないので、フロントマターに `{key}` を追加してください。"


def _vocabulary_message(key: str, item: str, allowed: tuple[str, ...]) -> str:
    label = "カテゴリ" if key == "categories" else "タグ" if key == "tags" else f"`{key}` の項目"
    match = process.extractOne(item, allowed, score_cutoff=SUGGESTION_CUTOFF)
    hint = f"「{match[0]}」など" if match else ""
    return f"{label}「{item}」はサイトの一覧にないので、{hint}一覧にある名前を使うか一覧に追加してください。"


def _check_string(entry: Entry) -> Iterator[Finding]:
    if not isinstance(entry.value, str):
        yield Finding(
            entry.value_span,
            f"`{entry.key}` が{type_name(entry.value)}になっているので、引用符で囲んだ文字列にしてください。",
        )


def _check_date(entry: Entry) -> Iterator[Finding]:
    value = entry.value
    if isinstance(value, dt.date):  # YAML and TOML dates and datetimes (datetime is a date)
        return
    if isinstance(value, str) and _valid_date(value.strip()):
        return
    shown = value if isinstance(value, str) else type_name(value)
    yield Finding(
        entry.value_span,
        f"`{entry.key}` の「{shown}」は日付として読めないので、`2025-11-04 10:00:00 +0900` のような形で書いてください。",
    )


def _valid_date(text: str) -> bool:
    match = _DATE.match(text)
    if not match:
        return False
    try:
        dt.datetime(
            int(match["y"]), int(match["m"]), int(match["d"]),
            int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0),
        )
    except ValueError:
        return False
    return True


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | dict) and not value)


def _where(entry: Entry) -> Span:
    """An empty value has an empty span; point at the key then."""
    return entry.value_span if len(entry.value_span) else entry.key_span


def _find_upwards(name: str, post: str) -> Path | None:
    path = Path(name)
    if path.is_absolute():
        return path if path.is_file() else None
    folder = Path(post).resolve().parent if post not in ("", "-") else Path.cwd()
    for directory in (folder, *folder.parents):
        candidate = directory / path
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=8)
def _read_vocabulary(path: str) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """(key, names) pairs from a vocabulary file, or None when it cannot be read as one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        if path.endswith(".json"):
            data = json.loads(text)
        elif path.endswith(".toml"):
            import tomllib  # deferred: only a TOML vocabulary file needs it

            data = tomllib.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    pairs = []
    for key, names in data.items():
        if isinstance(names, dict):
            names = list(names)
        if isinstance(names, list):
            pairs.append((str(key), tuple(str(name) for name in names if name is not None)))
    return tuple(pairs)
