"""`ntm crawl` killed mid-run leaves a consistent database, and the next run resumes without duplicates."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest
from fakesite import Reply, Site, Story, rss
from portal import query, write_sources

COMMUNES = ["Long Hòa", "Hòa Minh", "Đa Lộc", "Mỹ Chánh", "Thanh Mỹ", "Lương Hòa", "Song Lộc", "Nguyệt Hóa",
            "Hòa Thuận", "Phước Hảo", "Hưng Mỹ", "Hòa Lợi"]
STORIES = [
    Story(f"xa-{i}", f"Xã {name} về đích nông thôn mới", f"Cập nhật: 09:{i:02d}, {i + 1:02d}/06/2024",
          f"2024-06-{i + 1:02d}", f"Xã {name} hiện đạt {19 - i % 5}/19 tiêu chí xã nông thôn mới.", name)
    for i, name in enumerate(COMMUNES)
]
SLOW = 0.35  # seconds per article: the crawl takes ~4 s, long enough to kill it halfway
SETTINGS = {"delay": 0.0, "timeout": 5.0, "retries": 0, "min_text_chars": 150}


@pytest.fixture
def slow_site():
    with Site() as site:
        site.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
        for s in STORIES:
            site.route(f"/tin/{s.slug}.html", Reply(body=s.html(), delay=SLOW))
        site.route("/rss.xml", Reply(body=rss(site.base, [(f"/tin/{s.slug}.html?utm_source=rss", s.title)
                                                          for s in STORIES]),
                                     content_type="application/rss+xml"))
        yield site


def start(ntm_cli, sources, db):
    return subprocess.Popen([*ntm_cli, "crawl", "--sources", str(sources), "--db", str(db), "--silent"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(db, proc, n, timeout=30.0):
    """Wait until ``n`` articles are stored (read while the crawl writes: WAL)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            conn = sqlite3.connect(db, timeout=1)
            try:
                done = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            finally:
                conn.close()
            if done >= n:
                return done
        except sqlite3.OperationalError:
            pass  # not created yet
        time.sleep(0.05)
    pytest.fail("the crawl stored nothing in time")


def check_consistent(db):
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every fact's document exists; every document has its source, its raw response and its log row
        assert conn.execute("SELECT count(*) FROM progress WHERE document_id NOT IN (SELECT id FROM documents)"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM document_sources)"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM documents WHERE id NOT IN "
                            "(SELECT document_id FROM raw_responses WHERE document_id IS NOT NULL)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM raw_responses WHERE kind = 'article' AND document_id NOT IN "
                            "(SELECT id FROM documents)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM documents WHERE id NOT IN "
                            "(SELECT document_id FROM crawl_log WHERE document_id IS NOT NULL)").fetchone()[0] == 0
        # no half documents: each has its one progress fact
        assert conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                            "(SELECT 1 FROM progress p WHERE p.document_id = d.id)").fetchone()[0] == 0
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def check_complete(db):
    assert check_consistent(db) == len(STORIES)
    assert query(db, "SELECT count(*) FROM document_sources")[0][0] == len(STORIES)
    assert query(db, "SELECT count(*) FROM progress")[0][0] == len(STORIES)
    assert query(db, "SELECT count(DISTINCT unit_name) FROM progress")[0][0] == len(STORIES)


def test_sigkill_mid_run_then_resume(tmp_path, slow_site, ntm_cli):
    sources = write_sources(tmp_path / "s.toml", slow_site.base,
                            [{"name": "Tin xã", "kind": "feed", "url": "/rss.xml", "province": "Trà Vinh"}], SETTINGS)
    db = tmp_path / "ntm.db"
    proc = start(ntm_cli, sources, db)
    try:
        wait_for_articles(db, proc, 3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    stored = check_consistent(db)
    assert 3 <= stored < len(STORIES)
    assert query(db, "SELECT status, finished_at FROM crawl_runs") == [("running", None)]  # killed: no epilogue
    requests_before = len(slow_site.requests)

    done = subprocess.run([*ntm_cli, "crawl", "--sources", str(sources), "--db", str(db), "--silent"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    check_complete(db)
    assert f"documents: {len(STORIES) - stored} new" in done.stderr
    # what was stored before the kill answered 304 to a conditional GET; nothing was stored twice
    second = slow_site.requests[requests_before:]
    conditional = {r.path for r in second if "if-none-match" in r.headers}
    assert len(conditional) >= stored
    assert query(db, "SELECT status FROM crawl_runs ORDER BY id") == [("running",), ("finished",)]


def test_sigterm_ends_the_run_cleanly(tmp_path, slow_site, ntm_cli):
    sources = write_sources(tmp_path / "s.toml", slow_site.base,
                            [{"name": "Tin xã", "kind": "feed", "url": "/rss.xml", "province": "Trà Vinh"}], SETTINGS)
    db = tmp_path / "ntm.db"
    proc = start(ntm_cli, sources, db)
    try:
        wait_for_articles(db, proc, 2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    check_consistent(db)
    ((status, finished, new),) = query(db, "SELECT status, finished_at, documents_new FROM crawl_runs")
    assert status == "interrupted" and finished and new == check_consistent(db)
    done = subprocess.run([*ntm_cli, "crawl", "--sources", str(sources), "--db", str(db), "--silent"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    check_complete(db)
