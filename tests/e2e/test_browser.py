"""A real headless Chromium (Debian's, driven by Playwright) reads a fact off Datasette's pages."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fixture_article import KNOWN_MET, KNOWN_UNIT, write_article

CHROMIUM = os.environ.get("NTM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser test needs Debian's chromium; "
            "`make test` installs it (or: sudo apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: `make test` installs it (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def served(tmp_path, ntm_cli, ntm_server):
    folder = tmp_path / "in"
    write_article(folder)
    db_path = tmp_path / "ntm.db"
    proc = subprocess.run(
        [*ntm_cli, "ingest", str(folder), "--db", str(db_path), "--silent"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    with ntm_server(db_path) as base:
        yield base, db_path.stem


def test_progress_page_shows_the_fact(browser, served):
    base, name = served
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/{name}/progress")
    row = page.locator("table.rows-and-columns tbody tr", has_text=KNOWN_UNIT)
    assert row.count() == 1
    assert row.locator("td.col-met").inner_text().strip() == str(KNOWN_MET)
    assert row.locator("td.col-unit_level").inner_text().strip() == "huyện"
    # The table description from the metadata is on the page.
    assert "How far one unit is against a criteria set" in page.content()


def test_search_box_finds_without_diacritics(browser, served):
    base, name = served
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/{name}/documents")
    page.fill("input#_search", "Cau Ngang")
    page.locator("form.filters input[type=submit]").first.click()
    page.wait_for_url("**_search=*")
    assert page.locator("table.rows-and-columns tbody tr").count() == 1
    assert "Cầu Ngang tăng tốc" in page.content()
