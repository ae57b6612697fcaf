"""`ntm reprocess`: current extractors over stored documents, facts replaced atomically, versions recorded."""
from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
from pathlib import Path

import pytest

import extractors
from pipeline.run import ingest_paths, reprocess

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"


def dump(db):
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def scalar(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "ntm.db"
    ingest_paths([SAMPLES], path)
    return path


@pytest.fixture()
def bumped(monkeypatch):
    """The progress extractor at a new version."""
    reg = [dataclasses.replace(e, version="99") if e.name == "progress" else e for e in extractors.registry()]
    monkeypatch.setattr(extractors, "_REGISTRY", reg)
    return reg


def test_facts_record_the_extractor_version(db):
    versions = {r[0] for r in sqlite3.connect(db).execute("select extractor_version from progress")}
    current = next(e for e in extractors.registry() if e.name == "progress")
    assert versions == {f"progress@{current.version}"}
    assert scalar(db, "select count(distinct extracted_with) from documents") == 1


def test_nothing_to_do_when_current(db):
    before = dump(db)
    s = reprocess(db)
    assert (s.documents, s.skipped) == (0, len(list(SAMPLES.iterdir())))
    assert dump(db) == before


def test_a_new_version_reprocesses_every_document(db, bumped):
    n_progress = scalar(db, "select count(*) from progress")
    s = reprocess(db)
    assert s.documents == len(list(SAMPLES.iterdir())) and s.changed == 0
    assert s.facts_before == s.facts_after
    assert scalar(db, "select count(*) from progress") == n_progress
    assert {r[0] for r in sqlite3.connect(db).execute("select extractor_version from progress")} == {"progress@99"}
    assert scalar(db, "select count(*) from documents where extracted_with like '%progress@99%'") == s.documents
    # and a second run has nothing left to do
    assert reprocess(db).documents == 0


def test_changed_extractor_output_replaces_the_facts(db, monkeypatch):
    # a "new version" of progress that finds nothing: every document's progress facts go
    reg = [dataclasses.replace(e, version="new", find=lambda ctx: []) if e.name == "progress" else e
           for e in extractors.registry()]
    monkeypatch.setattr(extractors, "_REGISTRY", reg)
    tallies = scalar(db, "select count(*) from tallies")
    with_progress = scalar(db, "select count(distinct document_id) from progress")
    s = reprocess(db)
    assert with_progress > 0 and s.changed == with_progress
    assert scalar(db, "select count(*) from progress") == 0
    assert scalar(db, "select count(*) from tallies") == tallies
    conn = sqlite3.connect(db)
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_a_failure_leaves_the_old_facts(db, monkeypatch):
    import db.store as store

    before = dump(db)

    def broken(*a, **k):
        raise RuntimeError("disk full")

    reg = [dataclasses.replace(e, version="failing") if e.name == "progress" else e for e in extractors.registry()]
    monkeypatch.setattr(extractors, "_REGISTRY", reg)
    monkeypatch.setattr(store, "_insert_rows", broken)
    with pytest.raises(RuntimeError):
        reprocess(db)
    assert dump(db) == before


def test_cli(db):
    from tests.conftest import ntm_command

    proc = subprocess.run([*ntm_command(), "reprocess", "--db", str(db), "--all", "-s"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "reprocessed" in proc.stderr and proc.stdout == ""
    proc = subprocess.run([*ntm_command(), "reprocess", "--db", str(db.parent / "none.db")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3 and "none.db" in proc.stderr
