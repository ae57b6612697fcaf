"""The test portal: routes for feeds, sitemaps, a listing, articles and faults; sources files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from fakesite import STORIES, Reply, Site, Story, atom, rss, sequence, sitemap, sitemap_index

# Tiny delays and time-outs keep the suite fast; the rules are the same.
FAST = {
    "delay": 0.0,
    "timeout": 0.4,
    "connect_timeout": 1.0,
    "retries": 2,
    "backoff": 0.05,
    "max_retry_after": 5.0,
    "max_bytes": 300_000,
    "max_redirects": 4,
    "min_text_chars": 150,
}

# Pages that fail once or twice before they work.
TRA_CU = Story("tra-cu", "Trà Cú sẵn sàng thẩm định huyện nông thôn mới", "Cập nhật: 16:45, 20/09/2023",
               "2023-09-20", "Huyện Trà Cú hiện đạt 08/09 tiêu chí huyện nông thôn mới.", "Trà Cú")
CANG_LONG = Story("cang-long", "Càng Long hoàn thành các tiêu chí", "Cập nhật: 07:15, 05/12/2023",
                  "2023-12-05", "Huyện Càng Long đã đạt 09/09 tiêu chí huyện nông thôn mới.", "Càng Long")
BY_SLUG = {s.slug: s for s in STORIES}

NO_TEXT = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thư viện ảnh</title></head><body>'
    '<header><nav><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a></nav></header>'
    '<main><div class="gallery"><img src="/a.jpg" alt="anh1.jpg"><img src="/b.jpg" alt="anh2.jpg"></div></main>'
    "<footer>Cổng thông tin</footer></body></html>"
).encode("utf-8")


def huge_body():
    chunk = b"<p>" + "Nội dung rất dài. ".encode("utf-8") * 3000 + b"</p>"
    for _ in range(2000):  # ~100 MB unless the client hangs up, which it must
        yield chunk


def build_portal(site: Site) -> None:
    """Routes of the test portal (see the module docstring of test_crawl.py for what each checks)."""
    b = site.base
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    for s in STORIES:
        site.route(f"/tin/{s.slug}.html", Reply(body=s.html()))
    # the same article under a second path (a print version): one document, two sources
    site.route("/in/chau-thanh.html", Reply(body=BY_SLUG["chau-thanh"].html()))
    site.route("/tin/tra-cu.html", sequence(Reply(500, b"loi"), Reply(503, b"ban"), Reply(body=TRA_CU.html())))
    site.route("/tin/cang-long.html", sequence(Reply(429, b"cham lai", headers={"Retry-After": "1"}),
                                               Reply(body=CANG_LONG.html())))
    site.route("/tin/cham.html", Reply(body=BY_SLUG["cau-ke"].html(), delay=1.5))
    site.route("/tin/vong-lap-a.html", Reply(302, b"", headers={"Location": "/tin/vong-lap-b.html"}))
    site.route("/tin/vong-lap-b.html", Reply(302, b"", headers={"Location": b + "/tin/vong-lap-a.html"}))
    site.route("/tin/bao-cao.pdf", Reply(body=b"%PDF-1.4 fake", content_type="application/pdf"))
    site.route("/tin/rat-lon.html", Reply(body=huge_body))
    site.route("/tin/khong-co-chu.html", Reply(body=NO_TEXT))
    site.route("/private/bi-mat.html", Reply(body=BY_SLUG["duyen-hai"].html()))
    site.route("/rss.xml", Reply(body=rss(b, [
        ("/tin/chau-thanh.html?utm_source=rss&amp;utm_medium=feed", "Châu Thành"),
        ("/private/bi-mat.html", "Bí mật"),
        ("/tin/tra-cu.html", "Trà Cú"),
        ("/tin/cang-long.html", "Càng Long"),
        ("/tin/cham.html", "Chậm"),
        ("/tin/vong-lap-a.html", "Vòng lặp"),
        ("/tin/bao-cao.pdf", "Báo cáo PDF"),
        ("/tin/rat-lon.html", "Rất lớn"),
        ("/tin/khong-co-chu.html", "Ảnh"),
    ]), content_type="application/rss+xml; charset=utf-8"))
    site.route("/atom.xml", Reply(body=atom(b, [("/tin/cau-ke.html", "Cầu Kè"), ("/in/chau-thanh.html", "Bản in")]),
                                  content_type="application/atom+xml"))
    site.route("/sitemap.xml", Reply(body=sitemap_index(b, ["/sitemap-tin.xml"]), content_type="application/xml"))
    site.route("/sitemap-tin.xml", Reply(body=sitemap(b, [("/tin/chau-thanh.html?fbclid=abc123", "2023-05-19"),
                                                          ("/tin/tieu-can.html", "2025-02-03")]),
                                         content_type="application/xml"))
    site.route("/tin-tuc/", Reply(body=(
        '<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>'
        '<a href="/lien-he.html">Liên hệ</a>'
        '<a href="/tin/duyen-hai.html">Duyên Hải phấn đấu</a>'
        '<a href="../tin/chau-thanh.html?utm_source=facebook&amp;utm_campaign=ntm#binh-luan">Châu Thành</a>'
        "</body></html>").encode("utf-8")))
    site.route("/hong.xml", Reply(body=b'<?xml version="1.0"?><rss><channel><item><title>Thi&#x',
                                  content_type="text/xml"))


PORTAL_SOURCES = [
    {"name": "Tin RSS", "kind": "feed", "url": "/rss.xml", "province": "Trà Vinh"},
    {"name": "Tin Atom", "kind": "feed", "url": "/atom.xml", "province": "Trà Vinh"},
    {"name": "Sơ đồ trang", "kind": "sitemap", "url": "/sitemap.xml", "province": "Trà Vinh"},
    {"name": "Trang tin", "kind": "listing", "url": "/tin-tuc/", "province": "Trà Vinh",
     "link_pattern": r"/tin/[\w-]+\.html"},
    {"name": "Nguồn hỏng", "kind": "feed", "url": "/hong.xml", "province": "Trà Vinh"},
]


def _toml_value(v) -> str:
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(v)


def write_sources(path: Path, base: str, sources: list[dict], settings: dict | None = None) -> Path:
    """Write a TOML sources file; source urls starting with "/" are put under ``base``."""
    lines = ["[settings]"]
    for k, v in (settings if settings is not None else FAST).items():
        lines.append(f"{k} = {_toml_value(v)}")
    for s in sources:
        lines.append("\n[[source]]")
        for k, v in s.items():
            if k == "url" and v.startswith("/"):
                v = base + v
            lines.append(f"{k} = {_toml_value(v)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def query(db_path, sql, args=()):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
