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
import logging
import signal
import threading
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from pipeline.fetch import HTML, XML, Fetcher, FetchError, Response
from pipeline.sources import Settings, Source, load_sources

from corpus.encodings import decode_html as _decode_html
from pipeline.articles import Article, extract_article, vietnamese_date
from pipeline.links import Link, Malformed, canonical_url, feed_links, listing_links, sitemap_links

__all__ = [
    "crawl", "CrawlSummary", "canonical_url", "extract_article", "vietnamese_date", "Article",
    "Link", "Malformed", "feed_links", "sitemap_links", "listing_links",
]


def decode_html(body: bytes, charset: Optional[str], source: str) -> str:
    """The page's text: the HTTP charset, else its <meta> declaration, else detection (TCVN3/VNI too)."""
    return _decode_html(body, source, charset=charset)

log = logging.getLogger(__name__)


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
    from db.reference import load_reference

    conf = load_sources(sources_path)
    settings = conf.settings.override(**(overrides or {}))
    db = open_db(db_path)
    restore = _sigterm_to_interrupt()
    summary = CrawlSummary(sources=len(conf.sources))
    state = "interrupted"
    try:
        load_reference(db)
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
