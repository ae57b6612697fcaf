"""The polite fetcher on its own: robots.txt, delays, retries, limits, redirects, content types."""
from __future__ import annotations

import time

import pytest
from fakesite import Reply, Site, sequence
from portal import FAST

from pipeline.fetch import HTML, XML, Fetcher, FetchError
from pipeline.sources import Settings

PAGE = "<html><body><p>Xã Long Hòa đạt 19/19 tiêu chí.</p></body></html>".encode("utf-8")
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


class FakeClock:
    """A clock that only moves when the fetcher sleeps: the waits it asks for, exactly."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def __call__(self):
        return self.now


def fetcher(**kw):
    clock = kw.pop("clock", None)
    settings = Settings(**{**FAST, **kw})
    if clock is None:
        return Fetcher(settings)
    return Fetcher(settings, sleep=clock.sleep, clock=clock)


@pytest.fixture
def site():
    with Site() as s:
        s.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
        s.route("/a.html", Reply(body=PAGE))
        s.route("/b.html", Reply(body=PAGE))
        yield s


def test_delay_between_requests_to_one_host():
    clock = FakeClock()
    with Site() as s:
        s.route("/a.html", Reply(body=PAGE))
        with fetcher(clock=clock, delay=2.0) as f:
            f.fetch(s.url("/a.html"))
            f.fetch(s.url("/a.html"))
            f.fetch(s.url("/a.html"))
    assert clock.sleeps == [2.0, 2.0, 2.0]  # robots.txt (a 404), then each page after a delay


def test_crawl_delay_from_robots_is_honoured_up_to_the_cap():
    for declared, cap, expected in [(3, 60.0, 3.0), (1000, 5.0, 5.0)]:
        clock = FakeClock()
        with Site() as s:
            s.route("/robots.txt", Reply(body=f"User-agent: *\nCrawl-delay: {declared}\n".encode(),
                                         content_type="text/plain"))
            s.route("/a.html", Reply(body=PAGE))
            with fetcher(clock=clock, delay=0.5, max_crawl_delay=cap) as f:
                f.fetch(s.url("/a.html"))
                f.fetch(s.url("/a.html"))
        assert clock.sleeps == [expected, expected]  # after robots.txt, and between the two pages


def test_robots_rules_for_our_user_agent(site):
    site.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n\nUser-agent: ntm-news\nDisallow: /*.pdf$\n"
                                         b"Disallow: /bao-cao/\n", content_type="text/plain"))
    with fetcher() as f:
        assert f.allowed(site.url("/a.html"))
        assert not f.allowed(site.url("/tai-lieu/x.pdf"))
        assert not f.allowed(site.url("/bao-cao/1.html"))
        with pytest.raises(FetchError) as e:
            f.fetch(site.url("/bao-cao/1.html"))
    assert e.value.reason == "disallowed"
    assert site.paths() == ["/robots.txt"]


def test_robots_unreachable_forbids_the_host_and_4xx_allows_it():
    with Site() as s:
        s.route("/robots.txt", Reply(503, b"down"))
        s.route("/a.html", Reply(body=PAGE))
        with fetcher(retries=0) as f, pytest.raises(FetchError) as e:
            f.fetch(s.url("/a.html"))
        assert e.value.reason == "robots-unreachable" and s.hits("/a.html") == 0
    with Site() as s:
        s.route("/robots.txt", Reply(403, b"no"))
        s.route("/a.html", Reply(body=PAGE))
        with fetcher() as f:
            assert f.fetch(s.url("/a.html")).status == 200


def test_5xx_retried_with_exponential_backoff_then_given_up():
    clock = FakeClock()
    with Site() as s:
        s.route("/a.html", Reply(500, b"err"))
        with fetcher(clock=clock, retries=3, backoff=1.0) as f, pytest.raises(FetchError) as e:
            f.fetch(s.url("/a.html"))
        assert s.hits("/a.html") == 4
    assert e.value.reason == "http-500" and e.value.status == 500
    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_retry_after_is_honoured_and_a_long_one_gives_up_at_once():
    clock = FakeClock()
    with Site() as s:
        s.route("/a.html", sequence(Reply(429, b"", headers={"Retry-After": "3"}), Reply(body=PAGE)))
        s.route("/b.html", Reply(503, b"", headers={"Retry-After": "3600"}))
        with fetcher(clock=clock, backoff=0.1, max_retry_after=60.0) as f:
            assert f.fetch(s.url("/a.html")).status == 200
            assert clock.sleeps == [3.0]
            with pytest.raises(FetchError) as e:
                f.fetch(s.url("/b.html"))
        assert s.hits("/b.html") == 1
    assert e.value.reason == "http-503" and "Retry-After" in e.value.detail


def test_other_4xx_is_not_retried(site):
    with fetcher() as f, pytest.raises(FetchError) as e:
        f.fetch(site.url("/missing.html"))
    assert e.value.reason == "http-404" and site.hits("/missing.html") == 1


def test_timeout_and_connection_errors():
    with Site() as s:
        s.route("/slow.html", Reply(body=PAGE, delay=1.0))
        with fetcher(retries=1, timeout=0.2) as f, pytest.raises(FetchError) as e:
            t = time.monotonic()
            f.fetch(s.url("/slow.html"))
        assert e.value.reason == "timeout" and s.hits("/slow.html") == 2
        assert time.monotonic() - t < 1.5
    with Site() as s:
        port = s.server.server_address[1]
    with fetcher(retries=1) as f, pytest.raises(FetchError) as e:  # the server is gone: refused
        f.fetch(f"http://127.0.0.1:{port}/a.html")
    assert e.value.reason in ("connection-error", "robots-unreachable")


def test_size_cap_declared_and_streamed():
    def endless():
        while True:
            yield b"x" * 65536

    with Site() as s:
        s.route("/declared.html", Reply(body=b"x" * 5000))
        s.route("/stream.html", Reply(body=endless))
        with fetcher(max_bytes=4000) as f:
            with pytest.raises(FetchError) as e:
                f.fetch(s.url("/declared.html"))
            assert e.value.reason == "too-large" and e.value.size == 0  # Content-Length said so: nothing read
            with pytest.raises(FetchError) as e:
                f.fetch(s.url("/stream.html"))
            assert e.value.reason == "too-large" and 4000 < e.value.size <= 4000 + 65536


def test_redirects_followed_within_the_bound(site):
    for i in range(1, 6):
        site.route(f"/r{i}.html", Reply(301, b"", headers={"Location": f"/r{i + 1}.html"}))
    site.route("/r6.html", Reply(body=PAGE))
    with fetcher(max_redirects=5) as f:
        resp = f.fetch(site.url("/r1.html"))
        assert resp.status == 200 and resp.final_url.endswith("/r6.html") and resp.url.endswith("/r1.html")
    with fetcher(max_redirects=4) as f, pytest.raises(FetchError) as e:
        f.fetch(site.url("/r1.html"))
    assert e.value.reason == "too-many-redirects"


def test_redirect_into_a_disallowed_path_stops_there(site):
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.route("/go.html", Reply(302, b"", headers={"Location": "/private/x.html"}))
    with fetcher() as f, pytest.raises(FetchError) as e:
        f.fetch(site.url("/go.html"))
    assert e.value.reason == "disallowed" and site.hits("/private/x.html") == 0


def test_conditional_get(site):
    with fetcher() as f:
        first = f.fetch(site.url("/a.html"))
        assert first.status == 200 and first.etag and first.last_modified
        again = f.fetch(site.url("/a.html"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    last = site.requests[-1].headers
    assert last["if-none-match"] == first.etag and last["if-modified-since"] == first.last_modified


@pytest.mark.parametrize("want, ctype, body, ok", [
    (HTML, "text/html; charset=utf-8", PAGE, True),
    (HTML, "application/xhtml+xml", PAGE, True),
    (HTML, "application/pdf", b"%PDF-1.4", False),
    (HTML, "application/rss+xml", FEED, False),
    (XML, "application/rss+xml", FEED, True),
    (XML, "text/xml", FEED, True),
    (XML, "text/html", FEED, True),  # portals serve feeds as text/html: sniffed
    (XML, "text/html", PAGE, False),
    (XML, "application/json", b"{}", False),
], ids=["html", "xhtml", "pdf-as-article", "feed-as-article", "rss", "text-xml", "feed-as-html",
        "html-as-feed", "json-as-feed"])
def test_content_types_accepted_for_their_purpose(site, want, ctype, body, ok):
    site.route("/x", Reply(body=body, content_type=ctype))
    with fetcher() as f:
        if ok:
            assert f.fetch(site.url("/x"), want).content == body
        else:
            with pytest.raises(FetchError) as e:
                f.fetch(site.url("/x"), want)
            assert e.value.reason == ("not-html" if want == HTML else "not-xml")
