"""A small news portal on 127.0.0.1 for the crawl tests: feeds, sitemaps, articles and faults.

``Site`` is a ThreadingHTTPServer on port 0 with a route table. Every request
is recorded (path and headers), so tests can check what was, and what was
never, asked for. Articles are Vietnamese text written for these tests.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional, Union

Handler = Callable[["Request"], "Reply"]


@dataclass
class Request:
    path: str
    headers: dict


@dataclass
class Reply:
    status: int = 200
    body: Union[bytes, Callable] = b""  # a callable yields chunks (streamed, no Content-Length)
    content_type: Optional[str] = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    validators: bool = True  # ETag + Last-Modified, 304 on a matching conditional GET


LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


class Site:
    """``with Site() as site: site.route("/a", Reply(...)); site.url("/a")``."""

    def __init__(self):
        self.routes: dict[str, Union[Reply, Handler]] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        site = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site._serve(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Union[Reply, Handler]) -> None:
        self.routes[path] = reply

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query included)."""
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        req = Request(h.path, {k.lower(): v for k, v in h.headers.items()})
        with self.lock:
            self.requests.append(req)
        route = self.routes.get(h.path) or self.routes.get(h.path.split("?")[0])
        if route is None:
            reply = Reply(404, b"not found", "text/plain")
        elif callable(route):
            reply = route(req)
        else:
            reply = route
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self._send(h, req, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, time-out): expected

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, req: Request, reply: Reply) -> None:
        body = reply.body
        headers = dict(reply.headers)
        if isinstance(body, bytes) and reply.validators and reply.status == 200:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers.setdefault("ETag", etag)
            headers.setdefault("Last-Modified", LAST_MODIFIED)
            if req.headers.get("if-none-match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
        h.send_response(reply.status)
        if reply.content_type:
            h.send_header("Content-Type", reply.content_type)
        for k, v in headers.items():
            h.send_header(k, v)
        if isinstance(body, bytes):
            if "Content-Length" not in headers:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        else:
            h.end_headers()  # HTTP/1.0: the body ends when the connection closes
            for chunk in body():
                h.wfile.write(chunk)
                h.wfile.flush()


def sequence(*replies: Reply) -> Handler:
    """A handler giving each reply in turn, then the last one for ever."""
    state = {"n": 0}
    lock = threading.Lock()

    def handle(req: Request) -> Reply:
        with lock:
            i = min(state["n"], len(replies) - 1)
            state["n"] += 1
        return replies[i]

    return handle


# -- content ------------------------------------------------------------------------

HEADER = (
    '<header><div class="top">Thứ Hai, 01/01/2024</div>'
    '<nav><a href="/">Trang chủ</a> | <a href="/tin-tuc/">Tin tức</a> | <a href="/lien-he.html">Liên hệ</a></nav>'
    "</header>"
)
FOOTER = "<footer><p>Cổng thông tin điện tử tỉnh (trang thử nghiệm). Địa chỉ: số 1 đường Thử.</p></footer>"


def article_html(title: str, date_line: str, paragraphs: list[str], author: str = "Minh Anh") -> bytes:
    """An article page: site header with today's date, headline, date line, body, footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{title} - Cổng thông tin</title></head><body>{HEADER}"
        f'<main><article><h1 class="title">{title}</h1><div class="date">{date_line}</div>'
        f'<div class="content">{body}<p class="author"><strong>{author}</strong></p></div>'
        f"</article></main>{FOOTER}</body></html>"
    ).encode("utf-8")


FILLER = (
    "Thời gian tới, địa phương tiếp tục huy động các nguồn lực để nâng cấp đường giao thông nông thôn, "
    "hệ thống thủy lợi nội đồng và trường học; đồng thời vận động người dân tham gia giữ gìn cảnh quan "
    "môi trường, xây dựng khu dân cư kiểu mẫu và phát triển các sản phẩm đặc trưng của địa phương."
)


@dataclass
class Story:
    slug: str
    title: str
    date_line: str
    iso: str
    fact: str  # the sentence carrying the progress fact
    unit: str  # unit name the fact is about

    def html(self) -> bytes:
        lead = f"Theo báo cáo của Ban Chỉ đạo các chương trình mục tiêu quốc gia, {self.fact[0].lower()}{self.fact[1:]}"
        return article_html(self.title, self.date_line, [lead, FILLER])


STORIES = [
    Story("chau-thanh", "Châu Thành tăng tốc về đích nông thôn mới", "Cập nhật: 08:30, 19/05/2023",
          "2023-05-19", "Huyện Châu Thành hiện đạt 07/09 tiêu chí huyện nông thôn mới.", "Châu Thành"),
    Story("cau-ke", "Cầu Kè rà soát các tiêu chí còn thiếu", "Thứ Năm, 14/07/2022 10:20",
          "2022-07-14", "Huyện Cầu Kè đã đạt 08/09 tiêu chí huyện nông thôn mới.", "Cầu Kè"),
    Story("tieu-can", "Tiểu Cần tổ chức hội nghị sơ kết", "Ngày 3 tháng 2 năm 2025",
          "2025-02-03", "Huyện Tiểu Cần hiện đạt 06/09 tiêu chí huyện nông thôn mới.", "Tiểu Cần"),
    Story("duyen-hai", "Duyên Hải phấn đấu hoàn thành tiêu chí cuối cùng", "Ngày đăng: 02/03/2024",
          "2024-03-02", "Thị xã Duyên Hải hiện đạt 08/09 tiêu chí nông thôn mới.", "Duyên Hải"),
]


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (path, title)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>Fri, 19 May 2023 08:30:00 +0700</pubDate></item>"
        for p, t in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin nông thôn mới</title>'
            f"<link>{base}/</link><description>Thử nghiệm</description>{entries}</channel></rss>").encode("utf-8")


def atom(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{base}{p}"/><id>{base}{p}</id>'
        f"<updated>2022-07-14T10:20:00+07:00</updated></entry>"
        for p, t in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Tin Cầu Kè</title><id>{base}/atom.xml</id><updated>2022-07-14T10:20:00+07:00</updated>"
            f"{entries}</feed>").encode("utf-8")


def sitemap(base: str, items: list[tuple[str, str]]) -> bytes:
    """A urlset of (path, lastmod)."""
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>{d}</lastmod></url>" for p, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode("utf-8")


def sitemap_index(base: str, paths: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{maps}</sitemapindex>").encode("utf-8")
