"""Pure helpers of the crawl: canonical URLs, Vietnamese date lines, article extraction, index parsers."""
from __future__ import annotations

import doctest
import re

import pytest
from fakesite import STORIES, article_html, atom, rss, sitemap, sitemap_index

import pipeline.articles
import pipeline.crawl
import pipeline.fetch
import pipeline.links
import pipeline.sources
from pipeline.crawl import (
    Malformed,
    canonical_url,
    extract_article,
    feed_links,
    listing_links,
    sitemap_links,
    vietnamese_date,
)

BASE = "https://example.gov.vn"


@pytest.mark.parametrize(
    "module", [pipeline.articles, pipeline.crawl, pipeline.fetch, pipeline.links, pipeline.sources],
    ids=lambda m: m.__name__,
)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0


@pytest.mark.parametrize("url, expected", [
    # tracking parameters from shares on Facebook and Zalo, and campaign tags
    ("https://example.gov.vn/tin/a.html?utm_source=facebook&utm_medium=social", "https://example.gov.vn/tin/a.html"),
    ("https://example.gov.vn/tin/a.html?fbclid=IwAR0abc", "https://example.gov.vn/tin/a.html"),
    ("https://example.gov.vn/tin/a.html?zarsrc=30&utm_source=zalo&utm_campaign=zalo", "https://example.gov.vn/tin/a.html"),
    ("https://example.gov.vn/tin/a.html?gclid=x&msclkid=y", "https://example.gov.vn/tin/a.html"),
    # session ids, in the query and in the path
    ("https://example.gov.vn/tin/a.aspx?ItemID=12&PHPSESSID=abc", "https://example.gov.vn/tin/a.aspx?ItemID=12"),
    ("https://example.gov.vn/tin/a.jsp;jsessionid=0A1B2C?id=7", "https://example.gov.vn/tin/a.jsp?id=7"),
    # host case, default port, fragment, parameter order
    ("HTTPS://Example.GOV.vn:443/Tin/A.html#binh-luan", "https://example.gov.vn/Tin/A.html"),
    ("http://example.gov.vn:80/tin?b=2&a=1", "http://example.gov.vn/tin?a=1&b=2"),
    # article ids that courlan's own tracker list would drop ("cid", "source") are kept
    ("https://example.gov.vn/news.aspx?cid=3", "https://example.gov.vn/news.aspx?cid=3"),
    ("https://example.gov.vn/", "https://example.gov.vn/"),
    ("javascript:void(0)", None),
    ("mailto:a@example.gov.vn", None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    # developed on: the phrasings of the issue
    ("Cập nhật: 08:30, 19/05/2023", "2023-05-19"),
    ("Ngày 3 tháng 2 năm 2025", "2025-02-03"),
    ("Thứ Năm, 14/07/2022 10:20", "2022-07-14"),
    # more portal phrasings
    ("Ngày đăng: 02/03/2024", "2024-03-02"),
    ("Đăng lúc 10:20 ngày 3/2/2025", "2025-02-03"),
    ("Chủ nhật, ngày 05/03/2023", "2023-03-05"),
    ("(22:07 | 06/08/2022)", "2022-08-06"),
    ("19/05/2023 08:30 GMT+7", "2023-05-19"),
    ("Cập nhật lúc: 14h05 - 20-09-2023", "2023-09-20"),
    # labelled beats the weekday line that portals print as "today" in their header
    ("Thứ Hai, 01/01/2024 ... Cập nhật: 08:30, 19/05/2023", "2023-05-19"),
    # not dates
    ("Huyện Châu Thành hiện đạt 07/09 tiêu chí", None),
    ("Cập nhật: 31/02/2023", None),
    ("tỷ lệ 19/19 đạt 100%", None),
])
def test_vietnamese_date(text, expected):
    found = vietnamese_date(text)
    assert (found[0] if found else None) == expected


def test_extract_article_text_title_date_author():
    story = STORIES[1]
    art = extract_article(story.html().decode("utf-8"), BASE + "/tin/cau-ke.html", min_chars=150)
    assert art is not None
    assert art.title == story.title and art.published == story.iso  # not the header's "Thứ Hai, 01/01/2024"
    assert art.text.startswith(f"{story.title}\n\n{story.date_line}\n\n")
    assert story.fact[1:] in art.text  # "... huyện Cầu Kè đã đạt 08/09 tiêu chí ..."
    assert "Trang chủ" not in art.text and "Cổng thông tin điện tử" not in art.text
    assert art.author == "Minh Anh"


def test_extract_article_falls_back_to_page_metadata_date():
    page = article_html("Tin không ghi ngày", "", ["Xã Long Hòa đã đạt 19/19 tiêu chí nông thôn mới. " * 6])
    page = page.replace(b"<head>", b'<head><meta property="article:published_time" content="2021-11-05T09:00:00+07:00">')
    art = extract_article(page.decode("utf-8"), BASE + "/x.html", min_chars=100)
    assert art.published == "2021-11-05"


def test_page_without_article_text_gives_none():
    page = ('<html><body><nav><a href="/">Trang chủ</a></nav><div><img src="a.jpg"></div>'
            "<footer>Cổng thông tin</footer></body></html>")
    assert extract_article(page, BASE + "/anh.html") is None


def test_feed_links_rss_and_atom():
    links = feed_links(rss(BASE, [("/tin/a.html?utm_source=rss", "Tin A"), ("/tin/b.html", "Tin B")]), BASE + "/rss")
    assert [(lk.url, lk.title, lk.published) for lk in links] == [
        (BASE + "/tin/a.html", "Tin A", "2023-05-19"), (BASE + "/tin/b.html", "Tin B", "2023-05-19")]
    links = feed_links(atom(BASE, [("/tin/c.html", "Tin C")]), BASE + "/atom")
    assert [(lk.url, lk.published) for lk in links] == [(BASE + "/tin/c.html", "2022-07-14")]


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><rss><channel><item><title>Thi&#x',
    b"<html><body>not a feed</body></html>",
    b"\x00\x01\x02",
], ids=["truncated", "html", "binary"])
def test_broken_feeds_are_malformed(body):
    with pytest.raises(Malformed) as e:
        feed_links(body, BASE + "/rss")
    assert e.value.reason == "malformed-feed"


def test_sitemaps():
    links, children = sitemap_links(sitemap(BASE, [("/tin/cu.html", "2020-01-01"), ("/tin/moi.html", "2024-06-01")]))
    assert [lk.url for lk in links] == [BASE + "/tin/moi.html", BASE + "/tin/cu.html"] and children == []
    links, children = sitemap_links(sitemap_index(BASE, ["/s1.xml", "/s2.xml"]))
    assert links == [] and children == [BASE + "/s1.xml", BASE + "/s2.xml"]
    for bad in (b"<urlset><url><loc>x</loc>", b"<html/>"):
        with pytest.raises(Malformed) as e:
            sitemap_links(bad)
        assert e.value.reason == "malformed-sitemap"


def test_sitemap_ignores_external_entities():
    evil = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.gov.vn/&x;</loc>'
            b"</url></urlset>")
    try:
        links, _ = sitemap_links(evil)
    except Malformed:
        return
    assert all("root:" not in lk.url for lk in links)


def test_listing_links_follow_the_pattern_and_base():
    page = ('<html><head><base href="https://example.gov.vn/tin-tuc/"></head><body>'
            '<a href="/lien-he.html">Liên hệ</a><a href="chi-tiet/1.html?utm_source=x">Một</a>'
            '<a href="chi-tiet/1.html">Một (lặp)</a><a href="https://example.gov.vn/tin-tuc/chi-tiet/2.html">Hai</a>'
            "</body></html>")
    links = listing_links(page, "https://example.gov.vn/danh-muc", re.compile(r"/chi-tiet/\d+\.html"))
    assert [(lk.url, lk.title) for lk in links] == [
        ("https://example.gov.vn/tin-tuc/chi-tiet/1.html", "Một"),
        ("https://example.gov.vn/tin-tuc/chi-tiet/2.html", "Hai"),
    ]
