"""## What it finds
A post whose front-matter `date` falls on another day, in the site's time
zone, than the date its file name or permalink gives.

Two dates are compared with the day of `date`:

- a Jekyll post `_posts/YYYY-MM-DD-slug.md` whose `date`, converted to the
  site's time zone, is on another day than the file name says;
- a post whose own `permalink` spells out a date (`/2025/11/05/slug/`) that
  differs from the day of `date`.

The site's time zone is the `timezone` option when set, otherwise the
`timezone:` of the nearest `_config.yml` (or `_config.yaml`) in the post's
folder or above it (up to the repository root). A date written without a UTC
offset (`2025-11-05 09:00:00`, or just `2025-11-05`) is already in site time,
as Jekyll reads it. Without any time zone, dates are compared as written.
Values that are not dates are skipped (`front-matter-schema` reports them).

## Why it matters
Jekyll builds the URL of a post (`/:year/:month/:day/:title/`) from the
front-matter `date` in the site's time zone, not from the file name. A post
written at 18:30 UTC on 5 November is published under `/2025/11/06/` in
Tokyo, while the file name, internal links and shared URLs expect
`/2025/11/05/`: links break, and the post sorts under the wrong day. In a
generated corpus this typically comes from writing UTC times into a site set
to Asia/Tokyo.

## Example
```markdown
---
title: "図書館の音声認識AI"
date: 2025-11-06 09:00:00
permalink: /2025/11/05/library-voice-ai/
---

桐ヶ丘市立図書館は、朗読を文字にする仕組みを導入しました。
```

## Use instead
```markdown
---
title: "図書館の音声認識AI"
date: 2025-11-05 09:00:00
permalink: /2025/11/05/library-voice-ai/
---

桐ヶ丘市立図書館は、朗読を文字にする仕組みを導入しました。
```

## Options
- `timezone` (default `""`): the site's time zone as an IANA name
  (`"Asia/Tokyo"`). When set it wins over `_config.yml`, for sites whose
  build adds another config file, Hugo sites, or posts linted outside their
  site. An unknown name is a configuration error.
- `read-site-config` (default `true`): look for the time zone in the nearest
  `_config.yml`; set to `false` to use only the option.

## Fix safety
No fix: whether the date or the file name (and the links to it) is right is
for the author to decide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from typing import NamedTuple

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, option, Rule, RuleOptions

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-.+")
_PERMALINK_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})(?=/|\.|$)")
_DATE_TEXT = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?\s*$"
)
_CONFIG_TIMEZONE = re.compile(r"^timezone:[ \t]*[\"']?([^\"'#\s]+)", re.MULTILINE)
_CONFIG_PERMALINK = re.compile(r"^permalink:[ \t]*[\"']?([^\"'#\s]+)", re.MULTILINE)
_CONFIG_NAMES = ("_config.yml", "_config.yaml")
# Jekyll's built-in permalink styles and the placeholders that put the day into the URL.
_DATED_STYLES = frozenset({"date", "pretty", "ordinal", "weekdate"})
_DAY_PLACEHOLDERS = (":year", ":month", ":day", ":i_month", ":i_day", ":y_day", ":short_year", ":week")


def _check_timezone(name: str) -> None:
    if name:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"rules.date-mismatch.timezone: unknown time zone {name!r}") from error


class Options(RuleOptions):
    timezone: str = option("", "The site's IANA time zone; wins over _config.yml when set.")
    read_site_config: bool = option(True, "Read `timezone:` from the nearest _config.yml.")

    def __post_init__(self) -> None:
        _check_timezone(self.timezone)


class SiteConfig(NamedTuple):
    timezone: str | None
    permalink: str | None


class Expected(NamedTuple):
    """The day the URL is expected to carry, and where that expectation comes from."""

    day: dt.date
    source: str  # "file" or "permalink"


def parse_date(value: object, zone: ZoneInfo | None) -> tuple[dt.date, bool] | None:
    """The calendar day of a front-matter date in `zone`, and whether it was converted.

    A date or time without an offset is site time already; one with an offset is
    converted when the site's zone is known. None for anything that is not a date.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value, False
    elif isinstance(value, str) and (match := _DATE_TEXT.match(value)):
        moment = _from_text(match)
        if moment is None:
            return None
    else:
        return None
    if moment.tzinfo is None or zone is None:
        return moment.date(), False
    return moment.astimezone(zone).date(), True


def _from_text(match: re.Match[str]) -> dt.datetime | None:
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None  # 2025-02-30: not a date
    if offset is None:
        return moment
    if offset == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (int(digits[:2]), int(digits[2:] or 0)) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        return None
    return moment.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def expected_days(doc: Document, front_matter: FrontMatter) -> list[Expected]:
    found = []
    path = PurePath(doc.path.replace("\\", "/"))
    name = _POST_NAME.match(path.name)
    if name and "_posts" in path.parts[:-1] and (day := _day(*name.groups())):
        found.append(Expected(day, "file"))
    permalink = front_matter.get("permalink")
    if isinstance(permalink, str) and (match := _PERMALINK_DATE.search(permalink)):
        if day := _day(*match.groups()):
            found.append(Expected(day, "permalink"))
    return found


def find_site_config(post: str) -> SiteConfig:
    """`timezone` and `permalink` of the nearest _config.yml above the post, if any."""
    folder = Path(post).resolve().parent if post not in ("", "-") else Path.cwd()
    for candidate in (folder, *folder.parents):
        for name in _CONFIG_NAMES:
            config = candidate / name
            try:
                stat = config.stat()
            except OSError:
                continue
            return _read_config(str(config), stat.st_mtime_ns, stat.st_size)
        if (candidate / ".git").exists():
            break  # a site does not reach above its repository
    return SiteConfig(None, None)


@lru_cache(maxsize=32)
def _read_config(path: str, _mtime: int, _size: int) -> SiteConfig:
    """Top-level `timezone:` and `permalink:`, read without a YAML parser (only those two keys matter).

    Cached by path, modification time and size, so an edited config is read again.
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return SiteConfig(None, None)
    timezone = _CONFIG_TIMEZONE.search(text)
    permalink = _CONFIG_PERMALINK.search(text)
    return SiteConfig(timezone.group(1) if timezone else None, permalink.group(1) if permalink else None)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # a broken site config is not this rule's to report


def url_has_day(site_permalink: str | None, post_permalink: object) -> bool:
    """Whether Jekyll puts the date's day into this post's URL."""
    if isinstance(post_permalink, str) and post_permalink.strip():
        return any(p in post_permalink for p in _DAY_PLACEHOLDERS)
    if site_permalink is None or site_permalink in _DATED_STYLES:
        return True  # Jekyll's default style is "date"
    return any(p in site_permalink for p in _DAY_PLACEHOLDERS)


class DateMismatch(Rule[Options]):
    name = "date-mismatch"
    category = "front-matter"
    scope = "front_matter"
    severity = "warning"
    Options = Options

    def context_key(self, path: object) -> str:
        """The site settings read from `_config.yml`, so that editing them invalidates cached results."""
        if not self.options.read_site_config or path is None:
            return ""
        site = find_site_config(str(path))
        return f"{site.timezone}|{site.permalink}"

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        entry = front_matter.entries.get("date")
        if entry is None:
            return
        expected = expected_days(doc, front_matter)
        if not expected:
            return
        site = find_site_config(doc.path) if self.options.read_site_config else SiteConfig(None, None)
        zone_name = self.options.timezone or site.timezone
        zone = _zone(zone_name)
        parsed = parse_date(entry.value, zone)
        if parsed is None:
            return
        day, converted = parsed
        want = next((expected_day for expected_day in expected if expected_day.day != day), None)
        if want is None:
            return
        written = doc.text[entry.value_span.start : entry.value_span.end].strip().strip("\"'")
        stated = f"date（{written}）は {zone_name} では {day}" if converted else f"date は {day}"
        if want.source == "permalink":
            origin, other = f"permalink の日付は {want.day}", " permalink "
            consequence = "URL の日付と記事に表示される日付が食い違うので"
        else:
            origin, other = f"ファイル名の日付は {want.day}", "ファイル名"
            if url_has_day(site.permalink, front_matter.get("permalink")):
                consequence = (
                    f"Jekyll は date から /{day:%Y/%m/%d}/ の URL を作り、ファイル名や内部リンクが想定する "
                    f"/{want.day:%Y/%m/%d}/ と食い違うので"
                )
            else:
                consequence = "記事一覧や公開日の表示がファイル名と食い違うので"
        yield Finding(
            entry.value_span,
            f"{origin} ですが {stated} で、{consequence}、date か{other}のどちらかをもう一方に合わせてください。",
        )
