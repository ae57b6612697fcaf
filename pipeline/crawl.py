"""``ntm crawl``: read feeds, sitemaps and listing pages, fetch their articles politely, store them.

For each source of the sources file (``pipeline.sources``): fetch the feed,
sitemap or listing page (conditional GET), collect article links, canonicalise
them, fetch each article (conditional GET again: an unchanged article costs a
304 and nothing else), extract the main text, title, date and author from the
HTML, and store the document and its facts like ``ntm ingest`` does. The
content hash of ``store_document`` merges one article reached under several
URLs; ``document_sources`` keeps every URL.

The raw response of every page is kept zlib-compressed in ``raw_responses``,
keyed by canonical URL, so documents can be re-extracted without fetching
again. Every URL's outcome goes to ``crawl_log`` and every run to ``crawl_runs``.

Faults never stop a run: each is logged with its URL and reason and the run
goes on. Each article is written in one transaction (document, facts, raw
response, log row), so a run killed at any point leaves the database
consistent, and the next run fetches what is missing; SIGTERM is turned into
KeyboardInterrupt so that ``kill`` is as clean as Ctrl-C.
"""
from __future__ import annotations

import hashlib
import html as html_lib
import logging
import re
import signal
import threading
import time
import zlib
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Optional, Union
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from pipeline.fetch import HTML, XML, Fetcher, FetchError, Response
from pipeline.sources import Settings, Source, load_sources

__all__ = ["crawl", "CrawlSummary", "canonical_url", "extract_article", "vietnamese_date", "Article"]

log = logging.getLogger(__name__)

# -- canonical URLs ----------------------------------------------------------------

# Query parameters that never change what page is served: campaign and click
# trackers ("?utm_source=zalo", "&fbclid=...", Zalo's "zarsrc"/"gidzl" on shared
# links) and session ids. courlan's own tracker list also drops "cid" and
# "source", which some portals use as article ids, so the query is ours.
_DROP_PARAM = re.compile(
    r"(?i)^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|mkt_tok|zarsrc|gidzl"
    r"|phpsessid|jsessionid|sid|sessionid|session_id|aspsessionid\w*|cfid|cftoken)$"
)
# Session ids in the path: "/tin-tuc.html;jsessionid=ABC123"
_PATH_SESSION = re.compile(r"(?i);(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*")


def canonical_url(url: str, base: Optional[str] = None) -> Optional[str]:
    """The canonical form of an article URL, or None when it is not an http(s) URL.

    courlan normalises scheme, host (lower case, punycode), default port and
    path; our own rules drop the fragment, tracking parameters and session ids
    and sort what is left of the query.

    >>> canonical_url("HTTPS://Example.gov.vn:443/tin/a.html?utm_source=zalo&id=5&fbclid=x#top")
    'https://example.gov.vn/tin/a.html?id=5'
    >>> canonical_url("/tin/b.html;jsessionid=AB12?sid=9", base="http://example.gov.vn/list")
    'http://example.gov.vn/tin/b.html'
    >>> canonical_url("mailto:toasoan@example.gov.vn") is None
    True
    """
    from courlan import normalize_url

    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _DROP_PARAM.match(k))
    try:
        base_url = normalize_url(urlunsplit((parts.scheme, parts.netloc, path, "", "")), strict=True)
    except ValueError:
        return None
    scheme, netloc, path, _, _ = urlsplit(base_url)
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


# -- Vietnamese date lines ---------------------------------------------------------

_D, _M, _Y = r"(?P<d>\d{1,2})", r"(?P<m>\d{1,2})", r"(?P<y>(?:19|20)\d\d)"
_DMY = rf"{_D}\s*[/.-]\s*{_M}\s*[/.-]\s*{_Y}"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*(?:SA|CH|AM|PM|GMT\s*\+\s*7))?"
# Patterns in order of trust; each names the page phrasing that forced it.
DATE_PATTERNS = [
    # "Cập nhật: 08:30, 19/05/2023", "Ngày đăng: 14/07/2022", "Đăng lúc 10:20 ngày 3/2/2025"
    re.compile(rf"(?i)(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|thời gian đăng|ngày xuất bản|xuất bản)"
               rf"\s*(?:lúc|ngày)?\s*:?\s*(?:{_TIME}\s*[,|-]?\s*(?:ngày\s*)?)?{_DMY}"),
    # "Thứ Năm, 14/07/2022 10:20", "Chủ nhật, ngày 05/03/2023"
    re.compile(rf"(?i)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật)\s*,?\s*(?:ngày\s*)?{_DMY}"),
    # "08:30, 19/05/2023", "(22:07 | 06/08/2022)", "19/05/2023 08:30"
    re.compile(rf"{_TIME}\s*[,|-]?\s*(?:ngày\s*)?{_DMY}"),
    re.compile(rf"(?<![\d/]){_DMY}\s*[,|-]?\s*{_TIME}"),
    # "Ngày 3 tháng 2 năm 2025": also how body text dates events, so it comes last
    re.compile(rf"(?i)ngày\s+{_D}\s+tháng\s+{_M}\s+năm\s+{_Y}"),
]


def vietnamese_date(text: str) -> Optional[tuple[str, str]]:
    """The first trusted date line in ``text``: (ISO date, the line as written), or None.

    htmldate reads "08:30, 19/05/2023" as month/day or takes the site header's
    "today", so pages' own date lines are read here, most trusted phrasing first.

    >>> vietnamese_date("Cập nhật: 08:30, 19/05/2023")
    ('2023-05-19', 'Cập nhật: 08:30, 19/05/2023')
    >>> vietnamese_date("Thứ Năm, 14/07/2022 10:20")[0]
    '2022-07-14'
    >>> vietnamese_date("Ngày 3 tháng 2 năm 2025, huyện tổ chức hội nghị")[0]
    '2025-02-03'
    >>> vietnamese_date("đạt 07/09 tiêu chí") is None
    True
    """
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                value = date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue  # "31/02/2023", or a figure that only looks like a date
            return value.isoformat(), " ".join(m.group(0).split())
    return None


# -- article extraction -------------------------------------------------------------


@dataclass
class Article:
    """What a page gives: main text and metadata."""

    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    sitename: Optional[str] = None
    date_line: Optional[str] = None  # the date line as written, when read by our patterns


_SCRIPT = re.compile(r"(?is)<(script|style|noscript|template|head)\b.*?</\1\s*>")
_TAG = re.compile(r"(?s)<[^>]+>")
_META_CHARSET = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""")


def decode_html(body: bytes, charset: Optional[str], source: str) -> str:
    """Text of an HTML body: the declared charset (header, then <meta>), else detection.

    Raises:
        IngestError: bytes that decode as nothing readable.
    """
    from corpus.readers import decode_bytes

    declared = charset
    if not declared:
        m = _META_CHARSET.search(body[:4096])
        declared = m.group(1).decode("ascii", "replace").lower() if m else None
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect instead
    return decode_bytes(body, source)


def _page_text(html: str) -> str:
    """Visible text of a page, one line per tag boundary (for date lines)."""
    text = _TAG.sub("\n", _SCRIPT.sub(" ", html))
    lines = (" ".join(html_lib.unescape(ln).split()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _page_dates(html: str, title: Optional[str]) -> tuple[Optional[tuple[str, str]], Optional[tuple[str, str]]]:
    """(date line below the headline, date line elsewhere: just above it or labelled anywhere).

    Portals print today's date in their header ("Thứ Hai, 01/01/2024") and dates
    in their sidebars, so only the headline's neighbourhood below is fully
    trusted; what is above it ranks after the page's metadata.
    """
    text = _page_text(html)
    below = above = None
    if title:
        pos = text.find(" ".join(title.split()))
        if pos >= 0:
            below = vietnamese_date(text[pos: pos + len(title) + 1500])
            above = vietnamese_date(text[max(0, pos - 300): pos])
    if above is None:
        m = DATE_PATTERNS[0].search(text)
        above = vietnamese_date(m.group(0)) if m else None
    return below, above


def extract_article(html: str, url: str, min_chars: int = 200) -> Optional[Article]:
    """Main text, title, date and author of an article page, or None when it has no article text.

    trafilatura finds the main text; its date comes from the page's metadata
    only (htmldate's text search misreads Vietnamese date lines, which
    ``vietnamese_date`` reads instead). Order of trust: a date line under the
    headline, the page's metadata, a date line elsewhere. The date line
    and the headline are put back at the top of the text when trafilatura left
    them out, so that they have spans like every other fact.

    Args:
        html: the decoded page.
        url: its URL (for trafilatura's metadata).
        min_chars: shorter main text does not count as an article.
    """
    import trafilatura
    from trafilatura.xml import xmltotxt

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    text = ""
    if doc.body is not None:
        # one block per paragraph/heading/table, so paragraph breaks survive
        blocks = (xmltotxt(deepcopy(child), False).strip() for child in doc.body)
        text = "\n\n".join(b for b in blocks if b)
    if not text:
        text = doc.text or ""
    if len(text.strip()) < min_chars:
        return None
    title = " ".join((doc.title or "").split()) or None
    published = date_line = None
    text = text.strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    # most trusted first: the date line under the headline, the page's metadata, other date lines
    below, elsewhere = _page_dates(html, title)
    found = below or (None if doc.date else elsewhere)
    if found:
        published, date_line = found
        if date_line not in text:
            # right under the headline, where the page shows it
            head, sep, rest = text.partition("\n\n") if title else ("", "", text)
            text = f"{head}{sep}{date_line}\n\n{rest}" if title else f"{date_line}\n\n{text}"
    elif doc.date:
        published = doc.date
    return Article(text=text, title=title, published=published, author=doc.author or None,
                   sitename=doc.sitename or None, date_line=date_line)


# -- discovering article links ---------------------------------------------------------


@dataclass
class Link:
    """An article URL found in a feed, sitemap or listing page."""

    url: str  # canonical
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date, where the index gives one


class Malformed(Exception):
    """An index (feed, sitemap) that cannot be parsed: reason, detail."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def feed_links(body: bytes, url: str, content_type: Optional[str] = None) -> list[Link]:
    """Article links of an RSS or Atom feed, in feed order.

    Raises:
        Malformed: "malformed-feed" for bytes that are no feed, or a broken
            feed with no usable entries (feedparser forgives small faults).
    """
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", []) if lk.get("rel", "alternate") == "alternate"), None
        )
        canon = canonical_url(href, base=url) if href else None
        if canon is None:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", when) if when else None
        links.append(Link(canon, " ".join(entry.get("title", "").split()) or None, published))
    if not links and (parsed.bozo or not parsed.version):
        why = parsed.get("bozo_exception")
        raise Malformed("malformed-feed", str(why) if why else "not an RSS or Atom feed")
    return links


def sitemap_links(body: bytes) -> tuple[list[Link], list[str]]:
    """(article links, child sitemaps) of a sitemap or sitemap index; newest lastmod first.

    Raises:
        Malformed: "malformed-sitemap" for XML that does not parse or is no sitemap.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as e:
        raise Malformed("malformed-sitemap", str(e)) from e
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise Malformed("malformed-sitemap", f"root element <{kind}>, expected <urlset> or <sitemapindex>")
    entries = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        fields = {etree.QName(c).localname: (c.text or "").strip() for c in el if isinstance(c.tag, str)}
        if fields.get("loc"):
            entries.append((fields["loc"], fields.get("lastmod", "")[:10] or None))
    if kind == "sitemapindex":
        return [], [loc for loc, _ in entries]
    links = []
    for i, (loc, lastmod) in enumerate(entries):
        canon = canonical_url(loc)
        if canon:
            links.append((lastmod or "", -i, Link(canon, None, lastmod)))
    links.sort(key=lambda t: (t[0], t[1]), reverse=True)  # newest first, then file order
    return [t[2] for t in links], []


def listing_links(html: str, url: str, pattern: re.Pattern) -> list[Link]:
    """Links of a listing page whose absolute URL matches ``pattern``, in page order."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = root.find(".//base[@href]")
    base_url = urljoin(url, base.get("href")) if base is not None else url
    links, seen = [], set()
    for a in root.iter("a"):
        href = a.get("href")
        if not href:
            continue
        absolute = urljoin(base_url, href.strip())
        if not pattern.search(absolute):
            continue
        canon = canonical_url(absolute)
        if canon and canon not in seen:
            seen.add(canon)
            links.append(Link(canon, " ".join(a.text_content().split()) or None))
    return links


# -- the run -----------------------------------------------------------------------------

MAX_CHILD_SITEMAPS = 20  # of one sitemap index


@dataclass
class CrawlSummary:
    """Counts of one run; ``failures`` lists (url, reason)."""

    run_id: Optional[int] = None
    sources: int = 0
    fetched: int = 0  # pages downloaded (indexes and articles)
    unchanged: int = 0  # 304, or the same bytes or text as stored
    skipped: int = 0  # disallowed by robots.txt, duplicates
    failed: int = 0
    new: int = 0
    changed: int = 0
    duplicates: int = 0
    facts: int = 0
    articles: int = 0  # articles stored, matched or found unchanged
    failures: list = field(default_factory=list)

    def line(self) -> str:
        return (
            f"pages: {self.fetched} fetched, {self.unchanged} unchanged, {self.skipped} skipped, "
            f"{self.failed} failed; documents: {self.new} new, {self.changed} changed, "
            f"{self.duplicates} duplicate; facts loaded: {self.facts}"
        )

    @property
    def nothing_done(self) -> bool:
        """Failures, and not one article stored, matched or found unchanged."""
        return bool(self.failed) and not self.articles


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Run:
    """One crawl run: the database, the fetcher and the log."""

    def __init__(self, db, fetcher: Fetcher, settings: Settings, run_id: int, summary: CrawlSummary,
                 on_error: Callable[[str, str], None], progress):
        self.db, self.fetcher, self.settings = db, fetcher, settings
        self.run_id, self.summary, self.on_error, self.progress = run_id, summary, on_error, progress
        self.seen: set[str] = set()

    # -- the log

    def _log(self, source: Source, url: str, kind: str, action: str, reason: Optional[str] = None,
             status: Optional[int] = None, size: Optional[int] = None, elapsed: Optional[float] = None,
             detail: Optional[str] = None, document_id: Optional[str] = None) -> None:
        """Insert a crawl_log row (the caller holds the transaction)."""
        self.db.conn.execute(
            "INSERT INTO crawl_log (run_id, source, url, kind, action, reason, status, bytes, elapsed, "
            "detail, document_id, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.run_id, source.name, url, kind, action, reason, status, size,
             round(elapsed, 3) if elapsed is not None else None, detail, document_id, _now()],
        )

    def _fail(self, source: Source, url: str, kind: str, reason: str, status=None, size=None, elapsed=None,
              detail=None, resp: Optional[Response] = None) -> None:
        from db.store import record_failure

        with self.db.atomic():
            if resp is not None:
                self._save_raw(url, kind, resp, None)
            self._log(source, url, kind, "failed", reason, status, size, elapsed, detail)
            record_failure(self.db, url, f"{reason}: {detail}" if detail else reason)
        self.summary.failed += 1
        self.summary.failures.append((url, reason))
        self.on_error(url, reason + (f" ({detail})" if detail else ""))

    def _fetch_error(self, source: Source, url: str, kind: str, e: FetchError) -> None:
        if e.reason == "disallowed":
            with self.db.atomic():
                self._log(source, url, kind, "skipped", "disallowed", detail="robots.txt")
            self.summary.skipped += 1
            return
        self._fail(source, url, kind, e.reason, e.status, e.size, e.elapsed, e.detail or None)

    # -- raw responses

    def _stored(self, url: str) -> Optional[dict]:
        row = self.db.conn.execute(
            "SELECT etag, last_modified, sha256, body, document_id, content_type, charset "
            "FROM raw_responses WHERE url = ?", [url]
        ).fetchone()
        if row is None:
            return None
        return dict(zip(("etag", "last_modified", "sha256", "body", "document_id", "content_type", "charset"), row))

    def _save_raw(self, url: str, kind: str, resp: Response, document_id: Optional[str]) -> None:
        self.db.conn.execute(
            "INSERT OR REPLACE INTO raw_responses (url, final_url, kind, status, content_type, charset, etag, "
            "last_modified, fetched_at, bytes, sha256, compression, body, document_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'zlib', ?, ?)",
            [url, resp.final_url, kind, resp.status, resp.content_type, resp.charset, resp.etag,
             resp.last_modified, _now(), len(resp.content), hashlib.sha256(resp.content).hexdigest(),
             zlib.compress(resp.content, 6), document_id],
        )

    # -- indexes

    def _index(self, source: Source, url: str, kind: str) -> Optional[tuple[bytes, Optional[str], Optional[str], str]]:
        """(body, content type, charset, final URL) of a feed/sitemap/listing; the stored copy on 304; None on failure."""
        stored = self._stored(url)
        want = HTML if kind == "listing" else XML
        try:
            resp = self.fetcher.fetch(url, want, stored and stored["etag"], stored and stored["last_modified"])
        except FetchError as e:
            self._fetch_error(source, url, kind, e)
            return None
        if resp.not_modified and stored:
            with self.db.atomic():
                self._log(source, url, kind, "skipped", "unchanged", resp.status, 0, resp.elapsed)
            self.summary.unchanged += 1
            return zlib.decompress(stored["body"]), stored["content_type"], stored["charset"], url
        self.summary.fetched += 1
        with self.db.atomic():
            self._save_raw(url, kind, resp, None)
            self._log(source, url, kind, "fetched", None, resp.status, len(resp.content), resp.elapsed)
        return resp.content, resp.content_type, resp.charset, resp.final_url

    def links(self, source: Source) -> list[Link]:
        """The article links of a source, at most max_articles of them."""
        from pipeline.errors import IngestError

        got = self._index(source, source.url, source.kind)
        if got is None:
            return []
        body, ctype, charset, final = got
        pattern = source.link_regex
        try:
            if source.kind == "feed":
                links = feed_links(body, final, ctype)
            elif source.kind == "listing":
                links = listing_links(decode_html(body, charset, source.url), final, pattern)
            else:
                links = self._sitemap(source, body)
        except Malformed as e:
            self._fail(source, source.url, source.kind, e.reason, detail=e.detail[:300] or None)
            return []
        except IngestError as e:
            self._fail(source, source.url, source.kind, "undecodable", detail=e.reason)
            return []
        if pattern is not None and source.kind != "listing":
            links = [lk for lk in links if pattern.search(lk.url)]
        return links[: source.max_articles if source.max_articles is not None else self.settings.max_articles]

    def _sitemap(self, source: Source, body: bytes, depth: int = 0) -> list[Link]:
        links, children = sitemap_links(body)
        for child in children[:MAX_CHILD_SITEMAPS] if depth < 1 else []:
            canon = canonical_url(child)
            got = self._index(source, canon, "sitemap") if canon else None
            if got is None:
                continue
            try:
                links.extend(self._sitemap(source, got[0], depth + 1))
            except Malformed as e:
                self._fail(source, canon, "sitemap", e.reason, detail=e.detail[:300] or None)
        return links

    # -- articles

    def article(self, source: Source, link: Link) -> None:
        """Fetch, extract and store one article; every outcome is logged."""
        from db.store import store_document
        from pipeline.document import make_document
        from extractors import signature
        from pipeline.errors import IngestError
        from pipeline.run import analyse

        url = link.url
        if url in self.seen:
            return
        self.seen.add(url)
        stored = self._stored(url)
        try:
            resp = self.fetcher.fetch(url, HTML, stored and stored["etag"], stored and stored["last_modified"])
        except FetchError as e:
            self._fetch_error(source, url, "article", e)
            return
        if resp.not_modified and stored:
            with self.db.atomic():
                self._log(source, url, "article", "skipped", "unchanged", resp.status, 0, resp.elapsed,
                          document_id=stored["document_id"])
            self.summary.unchanged += 1
            self.summary.articles += 1
            return
        self.summary.fetched += 1
        final = canonical_url(resp.final_url)
        if final:
            self.seen.add(final)
        digest = hashlib.sha256(resp.content).hexdigest()
        if stored and stored["sha256"] == digest and stored["document_id"]:
            # no validators, or the server ignores them: the same bytes are as good as a 304
            with self.db.atomic():
                self._log(source, url, "article", "skipped", "unchanged", resp.status, len(resp.content),
                          resp.elapsed, document_id=stored["document_id"])
            self.summary.unchanged += 1
            self.summary.articles += 1
            return
        try:
            page = decode_html(resp.content, resp.charset, url)
        except IngestError as e:
            self._fail(source, url, "article", "undecodable", resp.status, len(resp.content), resp.elapsed,
                       e.reason, resp=resp)
            return
        try:
            found = extract_article(page, url, self.settings.min_text_chars)
        except Exception as e:  # a parser bug on one odd page must not end the run
            log.exception("extracting %s", url)
            self._fail(source, url, "article", "extract-error", resp.status, len(resp.content), resp.elapsed,
                       f"{type(e).__name__}: {e}"[:300], resp=resp)
            return
        if found is None:
            self._fail(source, url, "article", "no-text", resp.status, len(resp.content), resp.elapsed,
                       f"no main text of {self.settings.min_text_chars}+ characters", resp=resp)
            return
        meta = {"format": "html", "url": url, "final_url": resp.final_url, "crawl_source": source.name}
        if found.author:
            meta["author"] = found.author
        if found.sitename:
            meta["sitename"] = found.sitename
        doc = make_document(url, found.text, title=found.title or link.title,
                            published=found.published or link.published, province_hint=source.province,
                            meta=meta)
        if not doc.text.strip():
            self._fail(source, url, "article", "no-text", resp.status, len(resp.content), resp.elapsed,
                       "no text left after normalization", resp=resp)
            return
        try:
            facts = analyse(doc)
        except Exception as e:  # same: report it with the URL, keep crawling
            log.exception("analysing %s", url)
            self._fail(source, url, "article", "extract-error", resp.status, len(resp.content), resp.elapsed,
                       f"{type(e).__name__}: {e}"[:300], resp=resp)
            return
        conn = self.db.conn
        # One transaction: document, facts, raw response and log row, or none of them.
        with self.db.atomic():
            held = conn.execute("SELECT document_id FROM document_sources WHERE source = ?", [url]).fetchone()
            known = conn.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone()
            status = store_document(self.db, doc, facts, extracted_with=signature())
            self._save_raw(url, "article", resp, doc.id)
            if known and not (held and held[0] == doc.id):
                action, reason = "skipped", "duplicate"
            elif status == "unchanged":
                action, reason = "skipped", "unchanged"
            else:
                action, reason = "fetched", "new" if status == "new" else "changed"
            self._log(source, url, "article", action, reason, resp.status, len(resp.content), resp.elapsed,
                      document_id=doc.id)
        self.summary.articles += 1
        if reason == "duplicate":
            self.summary.duplicates += 1
        elif status == "new":
            self.summary.new += 1
        elif status == "replaced":
            self.summary.changed += 1
        if status != "unchanged":
            self.summary.facts += sum(len(v) for v in facts.values())

    def source(self, source: Source) -> None:
        self.fetcher.set_delay(source.url, source.delay)
        links = self.links(source)
        for link in self.progress(links, source.name):
            self.article(source, link)


def _sigterm_to_interrupt():
    """Make SIGTERM raise KeyboardInterrupt (main thread only); returns a function that restores it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    previous = signal.signal(signal.SIGTERM, handler)
    return lambda: signal.signal(signal.SIGTERM, previous)


def crawl(
    sources_path: Union[str, Path],
    db_path: Union[str, Path],
    on_error: Callable[[str, str], None] = lambda url, reason: None,
    progress: Callable[[list, str], Iterable] = lambda items, label: items,
    overrides: Optional[dict] = None,
    transport=None,
) -> CrawlSummary:
    """Crawl every source of a sources file into the database at ``db_path``.

    Args:
        sources_path: the TOML sources file (see ``pipeline.sources``).
        db_path: the SQLite file; created with the schema when missing.
        on_error: called with (url, reason) for every failure.
        progress: wraps each source's list of article links (e.g. in a progress bar).
        overrides: settings to change on top of the file's (tests: tiny delays).
        transport: an httpx transport (tests); default the network.

    Returns:
        The run's counts; the same counts are in ``crawl_runs``.

    Raises:
        SourcesError: the sources file is missing or wrong (nothing is written).
        KeyboardInterrupt: Ctrl-C or SIGTERM; the run is marked interrupted and
            everything committed so far stays consistent.
    """
    from db.store import open_db
    from db.units import load_units

    conf = load_sources(sources_path)
    settings = conf.settings.override(**(overrides or {}))
    db = open_db(db_path)
    restore = _sigterm_to_interrupt()
    summary = CrawlSummary(sources=len(conf.sources))
    state = "interrupted"
    try:
        load_units(db)
        with db.atomic():
            cur = db.conn.execute(
                "INSERT INTO crawl_runs (started_at, sources_file, status, sources) VALUES (?, ?, 'running', ?)",
                [_now(), str(sources_path), len(conf.sources)],
            )
        summary.run_id = cur.lastrowid
        with Fetcher(settings, transport=transport) as fetcher:
            run = _Run(db, fetcher, settings, summary.run_id, summary, on_error, progress)
            for source in conf.sources:
                run.source(source)
        state = "finished"
    finally:
        try:
            if summary.run_id is not None:
                with db.atomic():
                    db.conn.execute(
                        "UPDATE crawl_runs SET finished_at = ?, status = ?, fetched = ?, unchanged = ?, "
                        "skipped = ?, failed = ?, documents_new = ?, documents_changed = ?, duplicates = ?, "
                        "facts = ? WHERE id = ?",
                        [_now(), state, summary.fetched, summary.unchanged, summary.skipped, summary.failed,
                         summary.new, summary.changed, summary.duplicates, summary.facts, summary.run_id],
                    )
        finally:
            restore()
            db.close()
    return summary
