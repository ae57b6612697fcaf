"""A whole crawl of the local test portal, twice: every fault is logged and the run goes on.

The portal (portal.py) serves an RSS feed, an Atom feed, a sitemap index, a
listing page and Vietnamese articles, and these faults: 500 and 503 before a
success, 429 with Retry-After, a response slower than the time-out, a
redirect loop, a PDF where an article should be, a body past max_bytes, a page
with no article text, a robots.txt disallow, a broken XML feed, and one
article under several URLs (tracking parameters, a print version).
"""
from __future__ import annotations

import sqlite3

import pytest
from fakesite import STORIES, Site
from portal import PORTAL_SOURCES, build_portal, query, write_sources

from pipeline.crawl import crawl

ARTICLES = {s.slug for s in STORIES} | {"tra-cu", "cang-long"}


def dump(db_path) -> list[str]:
    """The whole database as SQL, without the run log (which grows by design)."""
    conn = sqlite3.connect(db_path)
    try:
        return [ln for ln in conn.iterdump()
                if not ln.startswith(('INSERT INTO "crawl_runs"', 'INSERT INTO "crawl_log"'))]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Crawl the portal twice; yield (site, db path, first summary, second summary, dumps, errors)."""
    tmp = tmp_path_factory.mktemp("crawl")
    with Site() as site:
        build_portal(site)
        sources = write_sources(tmp / "sources.toml", site.base, PORTAL_SOURCES)
        db_path = tmp / "ntm.db"
        errors: list[tuple[str, str]] = []
        first = crawl(sources, db_path, on_error=lambda u, r: errors.append((u, r)))
        hits_after_first = list(site.paths())
        dump1 = dump(db_path)
        second = crawl(sources, db_path)
        dump2 = dump(db_path)
        yield {"site": site, "db": db_path, "first": first, "second": second, "dump1": dump1,
               "dump2": dump2, "errors": errors, "hits1": hits_after_first}


def log(db_path, run_id=1):
    rows = query(db_path, "SELECT url, action, reason, status FROM crawl_log WHERE run_id = ? ORDER BY id", [run_id])
    return {(url.split("/", 3)[-1], action, reason) for url, action, reason, _ in rows}


def test_every_article_is_stored_once_with_its_facts(crawled):
    db = crawled["db"]
    docs = query(db, "SELECT source, title, published, province_hint, format FROM documents ORDER BY source")
    slugs = {src.rsplit("/", 1)[-1].removesuffix(".html") for src, *_ in docs}
    assert slugs == ARTICLES
    assert all(p == "Trà Vinh" and f == "html" for _, _, _, p, f in docs)
    progress = dict(query(db, "SELECT unit_name, met || '/' || total FROM progress WHERE unit_province = 'Trà Vinh'"))
    assert progress == {"Châu Thành": "7/9", "Cầu Kè": "8/9", "Tiểu Cần": "6/9", "Duyên Hải": "8/9",
                        "Trà Cú": "8/9", "Càng Long": "9/9"}
    assert crawled["first"].new == len(ARTICLES)


def test_vietnamese_date_lines_give_the_publication_date_not_the_header_date(crawled):
    published = dict(query(crawled["db"], "SELECT source, published FROM documents"))
    by_slug = {src.rsplit("/", 1)[-1].removesuffix(".html"): d for src, d in published.items()}
    for story in STORIES:
        assert by_slug[story.slug] == story.iso, story.date_line  # not the header's 01/01/2024


def test_one_article_under_several_urls_is_one_document(crawled):
    db, site = crawled["db"], crawled["site"]
    # RSS (?utm_source=rss), sitemap (?fbclid=), listing (?utm_source=facebook#...) are one canonical
    # URL, fetched once; the print version is another URL with the same text.
    assert crawled["hits1"].count("/tin/chau-thanh.html") == 1
    assert not [p for p in crawled["hits1"] if "utm_" in p or "fbclid" in p]
    sources = query(db, "SELECT ds.source FROM document_sources ds JOIN documents d ON d.id = ds.document_id "
                        "WHERE d.title LIKE 'Châu Thành%' ORDER BY ds.source")
    assert [s.split("/", 3)[-1] for (s,) in sources] == ["in/chau-thanh.html", "tin/chau-thanh.html"]
    assert ("in/chau-thanh.html", "skipped", "duplicate") in log(db)
    assert crawled["first"].duplicates == 1


def test_faults_are_logged_with_url_and_reason_and_the_run_goes_on(crawled):
    entries = log(crawled["db"])
    for path, reason in [
        ("tin/cham.html", "timeout"),
        ("tin/vong-lap-a.html", "redirect-loop"),
        ("tin/bao-cao.pdf", "not-html"),
        ("tin/rat-lon.html", "too-large"),
        ("tin/khong-co-chu.html", "no-text"),
        ("hong.xml", "malformed-feed"),
    ]:
        assert (path, "failed", reason) in entries
    failures = dict(query(crawled["db"], "SELECT source, reason FROM ingest_failures"))
    assert {u.split("/", 3)[-1] for u in failures} == {
        "tin/cham.html", "tin/vong-lap-a.html", "tin/bao-cao.pdf", "tin/rat-lon.html", "tin/khong-co-chu.html",
        "hong.xml"}
    reported = {(u.split("/", 3)[-1], r.split(" ")[0]) for u, r in crawled["errors"]}
    assert ("tin/rat-lon.html", "too-large") in reported and len(reported) == 6
    # later sources were still crawled after the faults of the first one
    assert ("tin/duyen-hai.html", "fetched", "new") in entries


def test_retries_after_5xx_and_429_then_success(crawled):
    hits = crawled["hits1"]
    assert hits.count("/tin/tra-cu.html") == 3  # 500, 503, 200
    assert hits.count("/tin/cang-long.html") == 2  # 429 (Retry-After: 1), 200
    assert hits.count("/tin/cham.html") == 3  # time-out, retried twice
    entries = log(crawled["db"])
    assert ("tin/tra-cu.html", "fetched", "new") in entries
    assert ("tin/cang-long.html", "fetched", "new") in entries
    elapsed = query(crawled["db"], "SELECT elapsed FROM crawl_log WHERE url LIKE '%cang-long%' AND run_id = 1")
    assert elapsed[0][0] >= 1.0  # waited as Retry-After asked


def test_robots_disallow_is_skipped_and_never_requested(crawled):
    assert ("private/bi-mat.html", "skipped", "disallowed") in log(crawled["db"])
    assert not [p for p in crawled["site"].paths() if p.startswith("/private/")]
    assert crawled["hits1"][0] == "/robots.txt" and crawled["hits1"].count("/robots.txt") == 1


def test_oversized_body_is_aborted_near_the_limit(crawled):
    (size,) = query(crawled["db"], "SELECT bytes FROM crawl_log WHERE url LIKE '%rat-lon%' AND run_id = 1")[0]
    assert 300_000 < size < 300_000 + 200_000  # stopped within a chunk or two of max_bytes, not at 100 MB


def test_raw_responses_are_kept_compressed_for_re_extraction(crawled):
    import hashlib
    import zlib

    rows = query(crawled["db"], "SELECT url, kind, body, sha256, bytes, etag, last_modified, document_id, compression "
                                "FROM raw_responses")
    kinds = {url.split("/", 3)[-1]: kind for url, kind, *_ in rows}
    assert kinds["rss.xml"] == "feed" and kinds["sitemap-tin.xml"] == "sitemap" and kinds["tin-tuc/"] == "listing"
    for url, kind, body, sha, size, etag, lm, doc_id, comp in rows:
        raw = zlib.decompress(body)
        assert comp == "zlib" and len(raw) == size and hashlib.sha256(raw).hexdigest() == sha
        assert etag and lm
        if kind == "article" and "khong-co-chu" not in url:
            assert doc_id and query(crawled["db"], "SELECT 1 FROM documents WHERE id = ?", [doc_id])


def test_second_run_uses_conditional_get_and_changes_nothing(crawled):
    second = crawled["second"]
    assert second.fetched == 0 and second.new == 0 and second.changed == 0 and second.facts == 0
    assert crawled["dump1"] == crawled["dump2"]
    site = crawled["site"]
    again = [r for r in site.requests[len(crawled["hits1"]):]]
    conditional = [r.path for r in again if "if-none-match" in r.headers]
    for slug in ARTICLES:
        assert f"/tin/{slug}.html" in conditional
    entries = log(crawled["db"], run_id=2)
    assert ("rss.xml", "skipped", "unchanged") in entries
    assert ("tin/chau-thanh.html", "skipped", "unchanged") in entries
    assert ("tin/cham.html", "failed", "timeout") in entries  # still failing, still logged


def test_runs_are_recorded_with_counts(crawled):
    runs = query(crawled["db"], "SELECT id, status, finished_at IS NOT NULL, fetched, unchanged, skipped, failed, "
                                "documents_new, duplicates, facts FROM crawl_runs ORDER BY id")
    f = crawled["first"]
    assert runs[0] == (1, "finished", 1, f.fetched, f.unchanged, f.skipped, f.failed, f.new, f.duplicates, f.facts)
    assert runs[1][1] == "finished" and runs[1][7] == 0
    assert f.failed == 6 and f.skipped == 1


def test_user_agent_is_sent(crawled):
    agents = {r.headers.get("user-agent") for r in crawled["site"].requests}
    assert len(agents) == 1 and agents.pop().startswith("ntm-news/")


def test_cli_exit_codes(tmp_path, portal, ntm_cli):
    import subprocess

    ok = write_sources(tmp_path / "ok.toml", portal.base, [PORTAL_SOURCES[3]])
    bad = write_sources(tmp_path / "bad.toml", portal.base, [PORTAL_SOURCES[4]])
    db = tmp_path / "cli.db"
    run = lambda f: subprocess.run([*ntm_cli, "crawl", "--sources", str(f), "--db", str(db), "--silent"],  # noqa: E731
                                   capture_output=True, text=True, timeout=60)
    r = run(ok)
    assert r.returncode == 0, r.stderr
    assert "documents: 2 new" in r.stderr and r.stdout == ""
    r = run(bad)
    assert r.returncode == 3 and "malformed-feed" in r.stderr
    both = write_sources(tmp_path / "both.toml", portal.base, [PORTAL_SOURCES[3], PORTAL_SOURCES[4]])
    assert run(both).returncode == 1
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]]\nname = 'x'\nkind = 'blog'\nurl = 'http://127.0.0.1/'\n", encoding="utf-8")
    r = run(broken)
    assert r.returncode == 2 and "broken.toml" in r.stderr and "'kind'" in r.stderr


def test_an_extraction_bug_on_one_page_is_logged_and_the_run_goes_on(tmp_path, portal, monkeypatch):
    import pipeline.crawl as crawl_module

    real = crawl_module.extract_article

    def flaky(html, url, min_chars=200):
        if "duyen-hai" in url:
            raise ValueError("odd page")
        return real(html, url, min_chars)

    monkeypatch.setattr(crawl_module, "extract_article", flaky)
    sources = write_sources(tmp_path / "s.toml", portal.base, [PORTAL_SOURCES[3]])
    summary = crawl(sources, tmp_path / "ntm.db")
    assert summary.failures == [(portal.url("/tin/duyen-hai.html"), "extract-error")]
    assert summary.new == 1
    (detail,) = query(tmp_path / "ntm.db", "SELECT detail FROM crawl_log WHERE reason = 'extract-error'")[0]
    assert detail == "ValueError: odd page"
