"""A polite HTTP fetcher for ``ntm crawl``: robots.txt, per-host delay, bounded everything.

Built on an ``httpx.Client`` whose limits we set ourselves rather than on
trafilatura's fetcher, which retries with TLS verification switched off after
an SSL error (issue 4). Rules, all from ``Settings``:

* robots.txt of every host is read once per run (protego: wildcards,
  Crawl-delay). A disallowed URL is never requested; a redirect into a
  disallowed path stops there. Following RFC 9309, a robots.txt that answers
  4xx allows everything, one that cannot be fetched (5xx, time-out) forbids the
  host for this run.
* One request at a time (the crawler is sequential) and at least ``delay``
  seconds, or the host's Crawl-delay up to ``max_crawl_delay``, between two
  requests to one host.
* Connect and read time-outs, and a whole-response deadline of four read time-outs.
* 429, 5xx, time-outs and connection errors are retried ``retries`` times with
  exponential backoff; a Retry-After is honoured up to ``max_retry_after``.
* The body is streamed and the download aborted past ``max_bytes``.
* Redirects are followed by hand, at most ``max_redirects``, and a loop is
  detected as soon as a URL comes round again.
* Conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the last
  response; 304 comes back as a ``Response`` with ``not_modified``.
* Content types are checked before the body is read: an article must be HTML,
  a feed or sitemap XML (or HTML whose body is plainly XML: portals do that).

Every failure is a ``FetchError`` with a short machine-readable ``reason``
(the ``crawl_log.reason`` vocabulary).
"""
from __future__ import annotations

import email.utils
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Optional
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from protego import Protego

from pipeline.sources import Settings

__all__ = ["Fetcher", "FetchError", "Response", "HTML", "XML", "ROBOTS"]

log = logging.getLogger(__name__)

# What a response is fetched for; decides the content types accepted.
HTML, XML, ROBOTS = "html", "xml", "robots"

HTML_TYPES = ("text/html", "application/xhtml+xml")
# RSS, Atom, RDF and sitemaps: "application/rss+xml", "text/xml", "application/atom+xml", ...
_XML_MARKERS = ("xml", "rss", "atom")
_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")
REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt


@dataclass
class Response:
    """A response whose body was read whole (or a 304 with no body)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: Optional[str]  # media type only, lower case
    charset: Optional[str]
    etag: Optional[str]
    last_modified: Optional[str]
    elapsed: float  # seconds, all attempts and redirects included
    location: Optional[str] = None  # Location of a redirect

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched, with a ``crawl_log`` reason."""

    def __init__(self, url: str, reason: str, status: Optional[int] = None, size: int = 0,
                 elapsed: float = 0.0, detail: str = ""):
        super().__init__(f"{url}: {reason}" + (f" ({detail})" if detail else ""))
        self.url, self.reason, self.status, self.size = url, reason, status, size
        self.elapsed, self.detail = elapsed, detail


class _Retry(Exception):
    def __init__(self, error: FetchError, retry_after: Optional[float] = None):
        self.error, self.retry_after = error, retry_after


def origin(url: str) -> str:
    """scheme://host[:port] of ``url``, the key for robots.txt and delays.

    >>> origin("https://Example.gov.vn/a/b?c=1")
    'https://example.gov.vn'
    """
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse_retry_after(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else None.

    >>> parse_retry_after("3")
    3.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc))
    5.0
    >>> parse_retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _media_type(header: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not header:
        return None, None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'").lower() or None
    return parts[0].lower() or None, charset


def _looks_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_XML_STARTS)


class Fetcher:
    """Fetch URLs politely; one instance per crawl run (it caches robots.txt and timings).

    Args:
        settings: limits and politeness.
        transport: an httpx transport (tests); the default is the network.
        sleep, clock: injectable for tests of the waiting rules.
    """

    def __init__(self, settings: Settings, transport: Optional[httpx.BaseTransport] = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.sleep, self.clock = sleep, clock
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Language": "vi, en;q=0.5"},
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            follow_redirects=False,  # followed by hand: bound, loops, robots on every hop
            transport=transport,
        )
        self._robots: dict[str, Optional[Protego]] = {}
        self._robots_error: dict[str, str] = {}
        self._last: dict[str, float] = {}  # origin -> clock() when its last request ended
        self._delay: dict[str, float] = {}  # origin -> delay set by a source

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness -------------------------------------------------------------

    def set_delay(self, url: str, delay: Optional[float]) -> None:
        """Use ``delay`` seconds between requests to the host of ``url`` (None: the default)."""
        if delay is None:
            self._delay.pop(origin(url), None)
        else:
            self._delay[origin(url)] = delay

    def host_delay(self, url: str) -> float:
        """Seconds kept between two requests to the host of ``url``."""
        host = origin(url)
        delay = self._delay.get(host, self.settings.delay)
        robots = self._robots.get(host)
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), self.settings.max_crawl_delay))
        return delay

    def _wait_turn(self, url: str) -> None:
        host = origin(url)
        last = self._last.get(host)
        if last is not None:
            wait = last + self.host_delay(url) - self.clock()
            if wait > 0:
                self.sleep(wait)

    def robots(self, url: str) -> Optional[Protego]:
        """The parsed robots.txt of the host of ``url`` (None: everything allowed); fetched once."""
        host = origin(url)
        if host not in self._robots and host not in self._robots_error:
            try:
                resp = self._follow(host + "/robots.txt", ROBOTS, {}, ROBOTS_MAX_BYTES, check_robots=False)
            except FetchError as e:
                if e.status is not None and 400 <= e.status < 500:
                    self._robots[host] = None  # RFC 9309: "unavailable", crawl freely
                else:
                    # "unreachable" (5xx, time-out, too large...): assume complete disallow
                    log.warning("robots.txt of %s unreachable (%s): not crawling it this run", host, e.reason)
                    self._robots_error[host] = e.reason
            else:
                text = resp.content.decode(resp.charset or "utf-8", errors="replace")
                self._robots[host] = Protego.parse(text)
        return self._robots.get(host)

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets us fetch ``url`` (fetching robots.txt first if needed)."""
        parser = self.robots(url)
        if origin(url) in self._robots_error:
            return False
        return parser is None or parser.can_fetch(url, self.settings.user_agent)

    # -- fetching ---------------------------------------------------------------

    def fetch(self, url: str, want: str = HTML, etag: Optional[str] = None,
              last_modified: Optional[str] = None) -> Response:
        """GET ``url`` politely.

        Args:
            url: the address.
            want: HTML (articles, listing pages) or XML (feeds, sitemaps): the
                content types accepted.
            etag, last_modified: validators of the copy we hold, for a conditional GET.

        Returns:
            The response: status 200 (or another 2xx) with the body, or 304.

        Raises:
            FetchError: with reason disallowed, robots-unreachable, not-html,
                not-xml, too-large, timeout, connection-error, http-NNN,
                redirect-loop or too-many-redirects.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        headers["Accept"] = ("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" if want == HTML else
                             "application/rss+xml,application/atom+xml,application/xml,text/xml;q=0.9,*/*;q=0.1")
        return self._follow(url, want, headers, self.settings.max_bytes, check_robots=True)

    def _follow(self, url: str, want: str, headers: dict, limit: int, check_robots: bool) -> Response:
        start = self.clock()
        seen = {urldefrag(url)[0]}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if check_robots and not self.allowed(current):
                host = origin(current)
                reason = "robots-unreachable" if host in self._robots_error else "disallowed"
                raise FetchError(current, reason, detail=self._robots_error.get(host, "robots.txt"))
            resp = self._attempts(current, want, headers, limit, start)
            if resp.status not in REDIRECTS:
                resp.url = url
                return resp
            location = resp.location
            if not location:
                raise FetchError(url, f"http-{resp.status}", resp.status, detail="redirect without Location")
            nxt = urldefrag(urljoin(current, location))[0]
            if urlsplit(nxt).scheme not in ("http", "https"):
                raise FetchError(url, "bad-redirect", resp.status, detail=nxt)
            if nxt in seen:
                raise FetchError(url, "redirect-loop", resp.status, elapsed=self.clock() - start, detail=nxt)
            seen.add(nxt)
            current = nxt
        raise FetchError(url, "too-many-redirects", elapsed=self.clock() - start,
                         detail=f"more than {self.settings.max_redirects}")

    def _attempts(self, url: str, want: str, headers: dict, limit: int, start: float) -> Response:
        s = self.settings
        for attempt in range(s.retries + 1):
            self._wait_turn(url)
            try:
                return self._once(url, want, headers, limit, start)
            except _Retry as r:
                error, retry_after = r.error, r.retry_after
            finally:
                self._last[origin(url)] = self.clock()
            if attempt == s.retries:
                raise error
            wait = s.backoff * 2 ** attempt
            if retry_after is not None:
                if retry_after > s.max_retry_after:
                    error.detail = f"Retry-After {retry_after:.0f}s exceeds max_retry_after"
                    raise error
                wait = max(wait, retry_after)
            log.info("%s: %s, retrying in %.1fs", url, error.reason, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, want: str, headers: dict, limit: int, start: float) -> Response:
        """One request; raises _Retry for what is worth retrying, FetchError for the rest."""
        deadline = self.clock() + 4 * self.settings.timeout
        size = 0
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                status = r.status_code
                if status == 429 or 500 <= status < 600:
                    raise _Retry(FetchError(url, f"http-{status}", status, elapsed=self.clock() - start),
                                 parse_retry_after(r.headers.get("retry-after")))
                if status in REDIRECTS or status == 304:
                    return Response(url, url, status, b"", None, None, r.headers.get("etag"),
                                    r.headers.get("last-modified"), self.clock() - start,
                                    location=r.headers.get("location"))
                if status >= 300:
                    raise FetchError(url, f"http-{status}", status, elapsed=self.clock() - start)
                ctype, charset = _media_type(r.headers.get("content-type"))
                self._check_type(url, want, ctype, status, start)
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(url, "too-large", status, 0, self.clock() - start,
                                     f"Content-Length {declared} > max_bytes {limit}")
                chunks = []
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, "too-large", status, size, self.clock() - start,
                                         f"more than max_bytes {limit}")
                    if self.clock() > deadline:
                        raise httpx.ReadTimeout("whole-response deadline passed")
                    chunks.append(chunk)
                body = b"".join(chunks)
        except httpx.TimeoutException as e:
            raise _Retry(FetchError(url, "timeout", size=size, elapsed=self.clock() - start, detail=str(e)))
        except (httpx.TransportError, httpx.DecodingError) as e:
            # refused, reset, broken chunking, bad gzip: the network's fault, worth another try
            raise _Retry(FetchError(url, "connection-error", size=size, elapsed=self.clock() - start,
                                    detail=type(e).__name__))
        if want == XML and ctype in HTML_TYPES and not _looks_xml(body[:512]):
            raise FetchError(url, "not-xml", status, size, self.clock() - start, f"Content-Type {ctype}")
        return Response(url, str(r.url), status, body, ctype, charset, r.headers.get("etag"),
                        r.headers.get("last-modified"), self.clock() - start)

    def _check_type(self, url: str, want: str, ctype: Optional[str], status: int, start: float) -> None:
        if ctype is None or want == ROBOTS:
            return  # no Content-Type: the parsers decide
        if want == HTML and ctype not in HTML_TYPES:
            raise FetchError(url, "not-html", status, elapsed=self.clock() - start, detail=f"Content-Type {ctype}")
        # feeds served as text/html are common on portals: sniffed once the body is in
        if want == XML and ctype not in HTML_TYPES and not any(m in ctype for m in _XML_MARKERS):
            raise FetchError(url, "not-xml", status, elapsed=self.clock() - start, detail=f"Content-Type {ctype}")
