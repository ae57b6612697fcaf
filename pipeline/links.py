"""Finding article links: canonical URLs, feeds (RSS/Atom), sitemaps and listing pages."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "Link", "Malformed", "feed_links", "sitemap_links", "listing_links"]


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


