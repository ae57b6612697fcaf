"""The real command line: `ntm ingest` twice, then `ntm serve` and Datasette's JSON API."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from fixture_article import KNOWN_MET, KNOWN_TOTAL, KNOWN_UNIT, write_article

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
SUMMARY = re.compile(
    r"documents: (?P<new>\d+) new, (?P<changed>\d+) changed, (?P<unchanged>\d+) unchanged, "
    r"(?P<failed>\d+) failed; facts loaded: (?P<facts>\d+)"
)


def ingest(ntm_cli, paths, db_path) -> dict:
    """Run `ntm ingest`, return the numbers of its summary line."""
    proc = subprocess.run(
        [*ntm_cli, "ingest", *map(str, paths), "--db", str(db_path), "--silent"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    m = SUMMARY.search(proc.stderr + proc.stdout)
    assert m, f"no summary line (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    counts = {k: int(v) for k, v in m.groupdict().items()}
    if counts["failed"] == 0:
        assert proc.returncode == 0, proc.stderr
    return counts


def dump(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def scalar(db_path, sql):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def test_ingest_samples_twice_is_idempotent(tmp_path, ntm_cli):
    if not any(SAMPLES.iterdir()):
        pytest.fail(f"{SAMPLES} is empty")
    db_path = tmp_path / "ntm.db"
    first = ingest(ntm_cli, [SAMPLES], db_path)
    assert first["new"] > 0
    assert first["changed"] == 0
    assert first["facts"] > 0
    stored = first["new"] + first["unchanged"]  # unchanged here: a duplicate of another sample
    assert scalar(db_path, "select count(*) from document_sources") == stored
    assert scalar(db_path, "select count(*) from documents") == first["new"]
    assert scalar(db_path, "select count(*) from ingest_failures") == first["failed"]
    facts = sum(
        scalar(db_path, f"select count(*) from {t}")
        for t in ("progress", "tallies", "unmet", "officials", "dates", "legal_refs")
    )
    assert facts == first["facts"]
    before = dump(db_path)

    second = ingest(ntm_cli, [SAMPLES], db_path)
    assert second == {
        "new": 0, "changed": 0, "unchanged": stored, "failed": first["failed"], "facts": 0
    }
    assert dump(db_path) == before


def test_changed_file_is_replaced(tmp_path, ntm_cli):
    folder = tmp_path / "in"
    article = write_article(folder)
    db_path = tmp_path / "ntm.db"
    assert ingest(ntm_cli, [folder], db_path)["new"] == 1
    article.write_text(
        article.read_text(encoding="utf-8").replace("07/09", "08/09"), encoding="utf-8"
    )
    counts = ingest(ntm_cli, [folder], db_path)
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (0, 1, 0)
    assert scalar(db_path, "select count(*) from documents") == 1
    assert scalar(db_path, "select group_concat(met) from progress") == "8"


def test_serve_publishes_the_facts(tmp_path, ntm_cli, ntm_server):
    folder = tmp_path / "in"
    write_article(folder)
    db_path = tmp_path / "ntm.db"
    counts = ingest(ntm_cli, [folder], db_path)
    assert (counts["new"], counts["failed"]) == (1, 0)

    with ntm_server(db_path) as base:
        name = db_path.stem
        query = urllib.parse.urlencode({"_shape": "array", "unit_name": KNOWN_UNIT})
        rows = get_json(f"{base}/{name}/progress.json?{query}")
        assert [(r["unit_level"], r["met"], r["total"], r["modality"]) for r in rows] == [
            ("huyện", KNOWN_MET, KNOWN_TOTAL, "reported")
        ]
        assert "07/09" in rows[0]["quote"]

        # Canned queries run inside Datasette, with the plugin's SQL functions.
        query = urllib.parse.urlencode({"_shape": "array", "unit": "cau ngang"})
        status = get_json(f"{base}/{name}/unit_status.json?{query}")
        assert [(r["unit_name"], r["met"]) for r in status] == [(KNOWN_UNIT, KNOWN_MET)]
        query = urllib.parse.urlencode({"_shape": "array", "q": "Cau Ngang 321/QĐ-TTg"})
        assert get_json(f"{base}/{name}/search_documents.json?{query}") == []
        query = urllib.parse.urlencode({"_shape": "array", "q": "Cau Ngang"})
        assert len(get_json(f"{base}/{name}/search_documents.json?{query}")) == 1

        meta = get_json(f"{base}/-/metadata.json")
        assert meta["license"] == "CC BY 4.0"
        assert meta["databases"][name]["tables"]["progress"]["columns"]["met"]
