"""Datasette metadata, canned queries and the serve command line."""
from __future__ import annotations

import asyncio
import json
import sys

import pytest
from db_factories import TEXT_B, facts_a, progress

from db.publish import (
    CANNED_QUERIES,
    COLUMN_DOCS,
    PLUGINS_DIR,
    TABLE_DOCS,
    build_metadata,
    serve_command,
    write_metadata,
)
from db.store import store_document
from pipeline.document import make_document

FTS_PREFIX = "documents_fts"  # the FTS table and its shadow tables: hidden by Datasette


def described_tables(database) -> list[str]:
    names = database.table_names() + database.view_names()
    return [n for n in names if not n.startswith(FTS_PREFIX)]


@pytest.fixture
def filled(db, doc_a):
    """A database with a document carrying every fact type, plus a newer report."""
    store_document(db, doc_a, facts_a(doc_a))
    newer = make_document("b.txt", TEXT_B, title="Trà Cú đạt chuẩn", published="2024-05-01")
    store_document(db, newer, {"progress": [progress(newer.text, "hiện đạt 09/09", met=9)]})
    return db


def test_every_table_and_column_is_described(db):
    meta = build_metadata("ntm")
    tables = meta["databases"]["ntm"]["tables"]
    for name in described_tables(db):
        assert name in tables, f"table {name} has no entry in TABLE_DOCS"
        assert tables[name]["description"].strip()
        cols = tables[name]["columns"]
        for col in db[name].columns_dict:
            assert cols.get(col, "").strip(), f"column {name}.{col} has no entry in COLUMN_DOCS"


def test_no_docs_for_tables_or_columns_that_do_not_exist(db):
    existing = set(described_tables(db))
    assert set(TABLE_DOCS) <= existing
    assert set(COLUMN_DOCS) <= set(TABLE_DOCS)
    for table, cols in COLUMN_DOCS.items():
        assert set(cols) <= set(db[table].columns_dict), table


def test_metadata_top_level():
    meta = build_metadata("mydb")
    assert meta["title"] == "ntm-news"
    assert meta["license"] == "CC BY 4.0"
    assert meta["license_url"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert "publishers" in meta["source"]
    assert meta["source_url"] == "/mydb/documents"
    assert meta["description"]
    queries = meta["databases"]["mydb"]["queries"]
    assert len(queries) >= 4
    for q in queries.values():
        assert q["title"] and q["description"] and q["sql"]


def test_facets_and_sorts_name_real_columns(db):
    tables = build_metadata()["databases"]["ntm"]["tables"]
    for name, t in tables.items():
        cols = set(db[name].columns_dict)
        for facet in t.get("facets", []):
            assert facet in cols, f"{name}: facet {facet}"
        for key in ("sort", "sort_desc", "label_column"):
            if key in t:
                assert t[key] in cols, f"{name}: {key} {t[key]}"


PARAMS = {
    "unit_status": {"unit": "Tra Cu"},
    "unit_reports": {"unit": "trà cú"},
    "criterion_count_documents": {},
    "search_documents": {"q": "321/QĐ-TTg"},
    # cross-checks: rows only where figures disagree (tests/db/test_cross_checks.py)
    "counts_that_do_not_add_up": {},
    "figures_that_went_down": {},
    "tallies_against_official_figures": {"days": ""},  # tests/db/test_official_figures.py
}
CROSS_CHECKS = {"counts_that_do_not_add_up", "figures_that_went_down", "tallies_against_official_figures"}


def test_every_canned_query_has_test_params():
    assert set(PARAMS) == set(CANNED_QUERIES)


@pytest.mark.parametrize("name", list(CANNED_QUERIES))
def test_canned_query_runs(filled, name):
    rows = list(filled.query(CANNED_QUERIES[name]["sql"], PARAMS[name]))
    # the consistent sample data has nothing for the cross-checks to report
    assert (not rows) if name in CROSS_CHECKS else rows, name


def test_canned_query_results(filled):
    (status,) = filled.query(CANNED_QUERIES["unit_status"]["sql"], {"unit": "Tra Cu"})
    assert (status["unit_name"], status["met"], status["total"], status["published"]) == (
        "Trà Cú", 9, 9, "2024-05-01"
    )
    reports = list(filled.query(CANNED_QUERIES["unit_reports"]["sql"], {"unit": "Trà Cú"}))
    assert [r["published"] for r in reports] == ["2024-05-01", "2023-09-20"]
    assert reports[1]["figure"] == "8/9 tiêu chí"
    unmet = list(filled.query(CANNED_QUERIES["unit_reports"]["sql"], {"unit": "Dong Yen"}))
    assert [r["kind"] for r in unmet] == ["unmet"]
    tally = list(filled.query(CANNED_QUERIES["unit_reports"]["sql"], {"unit": "Trà Vinh"}))
    assert tally[0]["figure"] == "85/85 xã"
    docs = list(filled.query(CANNED_QUERIES["criterion_count_documents"]["sql"]))
    assert [d["progress_facts"] for d in docs] == [1, 1]


@pytest.mark.parametrize("q", ["321/QĐ-TTg", "Tra Cu", "Đông Yên", "", '"', "NOT", "a*b-c"])
def test_search_query_never_raises(filled, q):
    list(filled.query(CANNED_QUERIES["search_documents"]["sql"], {"q": q}))


def test_serve_command(tmp_path):
    cmd = serve_command(tmp_path / "ntm.db", 8123, metadata=tmp_path / "m.json")
    assert cmd[:4] == [sys.executable, "-m", "datasette", "serve"]
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--port") + 1] == "8123"
    assert cmd[cmd.index("--metadata") + 1] == str(tmp_path / "m.json")
    assert cmd[cmd.index("--plugins-dir") + 1] == str(PLUGINS_DIR)
    assert "--immutable" not in cmd
    assert "-i" not in cmd
    settings = {cmd[i + 1] for i, a in enumerate(cmd) if a == "--setting"}
    assert {"default_page_size", "sql_time_limit_ms"} <= settings


def test_write_metadata_roundtrip(tmp_path):
    path = write_metadata(tmp_path / "sub" / "metadata.json", "ntm")
    assert json.loads(path.read_text(encoding="utf-8")) == build_metadata("ntm")


def test_canned_queries_through_datasette(filled, db_path, tmp_path):
    """The plugin registers the SQL functions inside Datasette itself."""
    from datasette.app import Datasette

    filled.close()
    name = db_path.stem
    ds = Datasette(
        [str(db_path)],
        metadata=build_metadata(name),
        plugins_dir=str(PLUGINS_DIR),
    )

    async def fetch():
        out = {}
        for query, params in PARAMS.items():
            r = await ds.client.get(f"/{name}/{query}.json", params={**params, "_shape": "array"})
            out[query] = (r.status_code, r.json())
        r = await ds.client.get(
            f"/{name}/documents.json", params={"_search": "Dong Yen", "_shape": "array"}
        )
        out["table search"] = (r.status_code, r.json())
        r = await ds.client.get(f"/{name}/progress")
        out["progress page"] = (r.status_code, r.text)
        return out

    results = asyncio.run(fetch())
    for query, (status, body) in results.items():
        assert status == 200, (query, body)
    assert results["unit_status"][1][0]["met"] == 9
    assert results["search_documents"][1][0]["title"] == "Trà Cú về đích"
    assert len(results["table search"][1]) == 1
    page = results["progress page"][1]
    assert "How far one unit is against a criteria set" in page


def test_datasette_search_box_treats_d_and_dj_alike(filled, db_path):
    """The plugin's escape_fts replaces Datasette's: quoted phrases without đ are found too."""
    from datasette.app import Datasette

    filled.close()
    name = db_path.stem
    ds = Datasette([str(db_path)], metadata=build_metadata(name), plugins_dir=str(PLUGINS_DIR))
    queries = {
        "Tra Cu": 2, "Dong Yen": 1, "Đông Yên": 1, "321/QĐ-TTg": 1, "321/QD-TTg": 1, '"Dong Yen"': 1,
        '"xa dong yen con"': 1, '"Trà Cú đạt chuẩn"': 1, '"tra cu dat chuan"': 1, '"ve dich trong nam 2024"': 1,
        '"Yen Dong"': 0, "Cầu Ngang": 0, '"': 0, "dddddddd": 0,
    }

    async def fetch():
        out = {}
        for q in queries:
            r = await ds.client.get(f"/{name}/documents.json", params={"_search": q, "_shape": "array"})
            out[q] = (r.status_code, r.json())
        return out

    for q, (status, body) in asyncio.run(fetch()).items():
        assert status == 200, (q, body)
        assert len(body) == queries[q], (q, body)
