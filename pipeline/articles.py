"""Article pages: main text, title, author and date (Vietnamese date lines included)."""
from __future__ import annotations

import html as html_lib
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Optional

__all__ = ["Article", "extract_article", "vietnamese_date", "DATE_PATTERNS"]


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


