"""The `ntm` command line: help everywhere, bad input reported and recorded, exit codes."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (
    "Huyện Càng Long tổng kết năm\n\n"
    "Đến nay, huyện Càng Long đạt 08/09 tiêu chí huyện nông thôn mới, còn tiêu chí 6 về Kinh tế chưa đạt.\n"
)


def commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(name):
    for flag in ("--help", "-h"):
        result = CliRunner().invoke(cli, [name, flag])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in commands():
        assert f"ntm {name}" in readme


def run(*args, cwd=None):
    from tests.conftest import ntm_command

    return subprocess.run([*ntm_command(), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def count(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_bad_inputs_are_reported_recorded_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "blank.md").write_text("   \n\n  ", encoding="utf-8")
    db = tmp_path / "ntm.db"

    proc = run("ingest", folder, "--db", db, "--silent")
    assert proc.returncode == 1, proc.stderr  # some inputs failed, the rest were stored
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    for name in ("empty.txt", "binary.txt", "blank.md"):
        line = next(ln for ln in errors if name in ln)
        assert str(folder / name) in line and line.split(": ", 2)[2].strip()
    assert "1 new" in proc.stderr and "3 failed" in proc.stderr
    assert count(db, "select count(*) from documents") == 1
    assert count(db, "select count(*) from progress") == 1
    assert count(db, "select count(*) from ingest_failures") == 3
    assert proc.stdout == ""  # data to stdout only; ingest prints none


def test_a_file_that_turns_bad_keeps_what_was_stored(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "ntm.db"
    assert run("ingest", src, "--db", db).returncode == 0
    before = count(db, "select count(*) from progress")
    src.write_bytes(b"")  # e.g. truncated by a failed copy
    proc = run("ingest", src, "--db", db)
    assert proc.returncode == 3  # nothing could be read
    assert str(src) in proc.stderr
    assert count(db, "select count(*) from documents") == 1
    assert count(db, "select count(*) from progress") == before
    assert count(db, "select count(*) from ingest_failures") == 1
    # and when it is readable again, the failure row goes
    src.write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", src, "--db", db).returncode == 0
    assert count(db, "select count(*) from ingest_failures") == 0


def test_missing_path_is_an_error(tmp_path):
    proc = run("ingest", tmp_path / "nope.txt", "--db", tmp_path / "x.db")
    assert proc.returncode == 3
    assert "nope.txt" in proc.stderr and "not found" in proc.stderr


def test_extract_json_is_the_spec_object(tmp_path):
    src = tmp_path / "bai-viet.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    proc = run("extract", src, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["document"] == "bai-viet.txt"
    for kind in ("progress", "tallies", "unmet", "officials", "dates", "legal_refs"):
        assert isinstance(doc[kind], list)
    (fact,) = doc["progress"]
    assert fact["unit"] == {"level": "huyện", "name": "Càng Long", "province": None} or \
        fact["unit"]["name"] == "Càng Long"
    assert (fact["met"], fact["total"], fact["measure"]) == (8, 9, "tiêu chí")
    assert src.read_text(encoding="utf-8")[fact["start"]:fact["end"]] == fact["quote"] or fact["quote"] in ARTICLE


def test_extract_table_and_bad_file(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    proc = run("extract", src)
    assert proc.returncode == 0 and re.search(r"progress \(1\)", proc.stdout)
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"")
    proc = run("extract", bad)
    assert proc.returncode == 3 and str(bad) in proc.stderr and proc.stdout == ""


def test_serve_refuses_a_missing_database(tmp_path):
    proc = run("serve", "--db", tmp_path / "none.db", "--port", "1")
    assert proc.returncode == 3 and "none.db" in proc.stderr


def test_an_extractor_error_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import dataclasses

    import extractors
    from pipeline.run import ingest_paths

    def boom(ctx):
        if "Càng Long" in ctx.text:
            raise IndexError("list index out of range")
        return []

    reg = [dataclasses.replace(e, find=boom) if e.name == "dates" else e for e in extractors.registry()]
    monkeypatch.setattr(extractors, "_REGISTRY", reg)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Huyện Tiểu Cần đạt 09/09 tiêu chí huyện nông thôn mới.\n", encoding="utf-8")
    errors = []
    s = ingest_paths([tmp_path], tmp_path / "x.db", on_error=lambda src, why: errors.append((src, why)))
    assert (s.new, s.failed) == (1, 1)
    ((src, why),) = errors
    assert src.endswith("a.txt") and "extractor error" in why and "IndexError" in why
