"""The sources file of ``ntm crawl``: which feeds, sitemaps and listing pages to read, and how politely.

A sources file is TOML (read with the standard library's ``tomllib``)::

    [settings]                # optional; every key has a default (SETTINGS)
    delay = 2.0

    [[source]]
    name = "Trà Vinh – tin nông thôn mới"
    kind = "feed"             # feed | sitemap | listing
    url = "https://example.gov.vn/rss/nong-thon-moi.rss"
    province = "Trà Vinh"     # assumed when an article names no province

Every error names the file and the key at fault (``SourcesError``), so a typo
never turns into a silent default. ``corpus/sources.example.toml`` is the
commented example; ``docs/crawling.md`` documents each key.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Union

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["KINDS", "SETTINGS", "Settings", "Source", "SourcesFile", "SourcesError", "load_sources"]

KINDS = ("feed", "sitemap", "listing")

USER_AGENT = "ntm-news/0.1 (+https://github.com/ntm-news/ntm-news)"

# name -> (default, type, one-line help). The single declaration of the crawl
# settings: Settings is built from it and tests check docs/crawling.md names each.
SETTINGS: dict[str, tuple[Any, type, str]] = {
    "user_agent": (USER_AGENT, str, "User-Agent sent with every request; also the name matched in robots.txt."),
    "delay": (2.0, float, "Seconds between two requests to the same host (robots.txt Crawl-delay may raise it)."),
    "max_crawl_delay": (60.0, float, "Cap on a robots.txt Crawl-delay, in seconds: a larger one is cut to this."),
    "connect_timeout": (10.0, float, "Seconds to wait for a connection."),
    "timeout": (20.0, float, "Seconds to wait for each read from the server; a slower response fails as timeout."),
    "max_bytes": (5_000_000, int, "Largest response body accepted, in bytes (after decompression); "
                                  "past it the download is aborted (too-large)."),
    "max_redirects": (5, int, "Redirects followed for one request before it fails (too-many-redirects)."),
    "retries": (2, int, "Extra attempts after a 429, a 5xx, a time-out or a connection error."),
    "backoff": (1.0, float, "First wait before a retry, in seconds; doubled on each further retry."),
    "max_retry_after": (60.0, float, "Longest Retry-After honoured, in seconds; a longer one gives up."),
    "max_articles": (50, int, "Articles taken from one source per run (newest first where the source says)."),
    "min_text_chars": (200, int, "Shortest main text, in characters, that counts as an article (else no-text)."),
}

# name -> (required, type, one-line help) for a [[source]] table.
SOURCE_KEYS: dict[str, tuple[bool, type, str]] = {
    "name": (True, str, "A label for the source, shown in the log and on stderr."),
    "kind": (True, str, "feed (RSS or Atom), sitemap (XML sitemap or sitemap index) or listing "
                        "(an HTML page whose article links match link_pattern)."),
    "url": (True, str, "Address of the feed, sitemap or listing page (http or https)."),
    "province": (False, str, "Province assumed for the source's articles when the text names none."),
    "link_pattern": (False, str, "Regular expression an article link must match (searched in the absolute URL); "
                                 "required for a listing, optional filter for feeds and sitemaps."),
    "max_articles": (False, int, "Overrides settings.max_articles for this source."),
    "delay": (False, float, "Overrides settings.delay for this source's host."),
}


@dataclass(frozen=True)
class Settings:
    """Politeness and limits shared by every source (defaults in ``SETTINGS``)."""

    user_agent: str = SETTINGS["user_agent"][0]
    delay: float = SETTINGS["delay"][0]
    max_crawl_delay: float = SETTINGS["max_crawl_delay"][0]
    connect_timeout: float = SETTINGS["connect_timeout"][0]
    timeout: float = SETTINGS["timeout"][0]
    max_bytes: int = SETTINGS["max_bytes"][0]
    max_redirects: int = SETTINGS["max_redirects"][0]
    retries: int = SETTINGS["retries"][0]
    backoff: float = SETTINGS["backoff"][0]
    max_retry_after: float = SETTINGS["max_retry_after"][0]
    max_articles: int = SETTINGS["max_articles"][0]
    min_text_chars: int = SETTINGS["min_text_chars"][0]

    def override(self, **kw: Any) -> "Settings":
        """A copy with some values changed (tests shorten delays and timeouts)."""
        return replace(self, **kw)


@dataclass(frozen=True)
class Source:
    """One feed, sitemap or listing page."""

    name: str
    kind: str
    url: str
    province: Optional[str] = None
    link_pattern: Optional[str] = None
    max_articles: Optional[int] = None
    delay: Optional[float] = None

    @property
    def link_regex(self) -> Optional[re.Pattern]:
        return re.compile(self.link_pattern) if self.link_pattern else None


@dataclass
class SourcesFile:
    """A parsed sources file."""

    path: str
    settings: Settings = field(default_factory=Settings)
    sources: list[Source] = field(default_factory=list)


class SourcesError(ValueError):
    """The sources file is missing or wrong; the message names the file and the key."""


def load_sources(path: Union[str, Path]) -> SourcesFile:
    """Read and check a TOML sources file.

    Args:
        path: the file.

    Returns:
        The settings (defaults for keys the file leaves out) and the sources, in file order.

    Raises:
        SourcesError: the file cannot be read, is not TOML, has an unknown key,
            a value of the wrong type, a bad kind/url/link_pattern, or no source.
    """
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise SourcesError(f"{where}: cannot read the sources file: {e.strerror or e}") from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise SourcesError(f"{where}: not UTF-8 text (save the file as UTF-8)") from e
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"{where}: not valid TOML: {e}") from e
    return parse_sources(data, where)


def parse_sources(data: dict, where: str = "<sources>") -> SourcesFile:
    """Check already-parsed TOML data (see ``load_sources``)."""
    unknown = set(data) - {"settings", "source"}
    if unknown:
        raise SourcesError(f"{where}: unknown top-level key(s) {sorted(unknown)}: expected [settings] "
                           "and [[source]] tables")
    settings = _parse_settings(data.get("settings", {}), where)
    items = data.get("source")
    if not items:
        raise SourcesError(f"{where}: no sources: add at least one [[source]] table with name, kind and url")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise SourcesError(f"{where}: 'source' must be an array of tables, written [[source]]")
    sources = [_parse_source(item, f"{where}: source #{n}") for n, item in enumerate(items, 1)]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SourcesError(f"{where}: source names must be unique; repeated: {dupes}")
    return SourcesFile(path=where, settings=settings, sources=sources)


def _check_type(value: Any, typ: type, where: str, key: str) -> Any:
    # TOML integers are fine where a float is expected ("delay = 2"); bools are not numbers.
    if typ is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
        raise SourcesError(f"{where}: key '{key}' must be {typ.__name__}, got {value!r}")
    if typ in (int, float) and value < 0:
        raise SourcesError(f"{where}: key '{key}' must not be negative, got {value!r}")
    return value


def _parse_settings(table: Any, where: str) -> Settings:
    if not isinstance(table, dict):
        raise SourcesError(f"{where}: 'settings' must be a table, written [settings]")
    unknown = set(table) - set(SETTINGS)
    if unknown:
        raise SourcesError(f"{where}: [settings] has unknown key(s) {sorted(unknown)}; "
                           f"known keys: {', '.join(SETTINGS)}")
    values = {k: _check_type(v, SETTINGS[k][1], f"{where}: [settings]", k) for k, v in table.items()}
    if "user_agent" in values and not values["user_agent"].strip():
        raise SourcesError(f"{where}: [settings]: key 'user_agent' must not be empty")
    return Settings(**values)


def _parse_source(item: dict, where: str) -> Source:
    unknown = set(item) - set(SOURCE_KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {sorted(unknown)}; known keys: {', '.join(SOURCE_KEYS)}")
    for key, (required, _, _) in SOURCE_KEYS.items():
        if required and key not in item:
            raise SourcesError(f"{where}: missing key '{key}'")
    values = {k: _check_type(v, SOURCE_KEYS[k][1], where, k) for k, v in item.items()}
    where = f"{where} ({values['name']!r})"
    if values["kind"] not in KINDS:
        raise SourcesError(f"{where}: key 'kind' must be one of {', '.join(KINDS)}, got {values['kind']!r}")
    if not re.match(r"https?://[^/\s]+", values["url"]):
        raise SourcesError(f"{where}: key 'url' must be an http:// or https:// address, got {values['url']!r}")
    pattern = values.get("link_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as e:
            raise SourcesError(f"{where}: key 'link_pattern' is not a valid regular expression: {e}") from e
    elif values["kind"] == "listing":
        raise SourcesError(f"{where}: a listing needs 'link_pattern', a regular expression that article "
                           "links match (e.g. '/tin-tuc/.+\\.html$')")
    return Source(**values)

