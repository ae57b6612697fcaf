"""Official figures: loaded idempotently with the register, and tallies checked against them
through the real pipeline (ingest into a real SQLite file, the view and the canned query)."""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from db.publish import CANNED_QUERIES, build_metadata
from db.reference import FIGURES_FILE, load_official_figures
from db.store import open_db
from pipeline.run import ingest_paths

# The country's total a few days after the official figure of October 2021 (5.360/8.233):
# 60 communes short of it.
NATIONAL = (
    "Toàn quốc bước vào giai đoạn mới\n25/10/2021 07:30\n\nTheo Văn phòng Điều phối nông thôn mới "
    "Trung ương, tính đến nay cả nước có 5.300/8.233 xã đạt chuẩn nông thôn mới.\n"
)
# A province's total that agrees with its official figure of 7 April 2022 (80/85).
AGREES = (
    "Trà Vinh tổng kết quý I\n10/04/2022 15:00\n\nĐến nay, toàn tỉnh Trà Vinh có 80/85 xã đạt chuẩn "
    "nông thôn mới.\n"
)
# A batch is no total: never compared with a running figure.
BATCH = (
    "Trà Vinh công nhận thêm xã\n12/04/2022 09:00\n\nUBND tỉnh Trà Vinh vừa công nhận thêm 3 xã đạt "
    "chuẩn nông thôn mới.\n"
)
# Seven years before any official figure of its kind: paired, but outside the query's window.
OLD = (
    "Trà Vinh năm 2013\n20/12/2013 10:00\n\nĐến nay, tỉnh Trà Vinh có 12 xã đạt chuẩn nông thôn mới.\n"
)


@pytest.fixture
def db_path(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("national.txt", NATIONAL), ("agrees.txt", AGREES), ("batch.txt", BATCH), ("old.txt", OLD)):
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "ntm.db"
    ingest_paths([folder], path)
    return path


def test_the_packaged_figures_load_once(tmp_path):
    db = open_db(tmp_path / "a.db")
    figures = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))["figures"]
    first = load_official_figures(db)
    assert first == {"figures": len(figures), "written": len(figures)}
    assert db["official_figures"].count == len(figures)
    # a second load writes nothing and duplicates nothing
    assert load_official_figures(db) == {"figures": len(figures), "written": 0}
    assert db["official_figures"].count == len(figures)
    national = [f for f in figures if f["scope_level"] == "quốc gia"]
    assert national and all(f["scope_code"] is None for f in national)
    assert all(f["scope_code"] for f in figures if f["scope_level"] != "quốc gia")


def test_a_changed_file_replaces_the_table(tmp_path):
    db = open_db(tmp_path / "a.db")
    load_official_figures(db)
    data = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
    data["figures"] = data["figures"][:3]
    smaller = tmp_path / "figures.json"
    smaller.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_official_figures(db, smaller) == {"figures": 3, "written": 3}
    assert db["official_figures"].count == 3


def test_a_broken_file_is_named_and_nothing_is_lost(tmp_path):
    db = open_db(tmp_path / "a.db")
    load_official_figures(db)
    before = db["official_figures"].count
    bad = tmp_path / "bad.json"
    bad.write_text('{"figures": [{"as_of": "2020-01"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json"):
        load_official_figures(db, bad)
    assert db["official_figures"].count == before


def test_ingest_loads_the_figures(db_path):
    db = sqlite_utils.Database(db_path)
    assert db["official_figures"].count > 0
    # ingesting again adds no row
    count = db["official_figures"].count
    ingest_paths([db_path.parent / "in"], db_path)
    assert sqlite_utils.Database(db_path)["official_figures"].count == count


def test_the_view_pairs_each_total_with_the_nearest_figure(db_path):
    rows = {r["parent_name"] + " " + r["published"]: r
            for r in sqlite_utils.Database(db_path).query("select * from tallies_vs_official")}
    national = rows["Việt Nam 2021-10-25"]
    assert (national["count"], national["total"]) == (5300, 8233)
    assert (national["official_count"], national["official_total"], national["official_as_of"]) == (5360, 8233, "2021-10")
    assert national["difference"] == -60 and national["days_after"] == -6
    agrees = rows["Trà Vinh 2022-04-10"]
    assert (agrees["official_count"], agrees["difference"], agrees["days_after"]) == (80, 0, 3)
    # the batch has no row; the 2013 total is paired with the earliest figure, years away
    assert "Trà Vinh 2022-04-12" not in rows
    assert rows["Trà Vinh 2013-12-20"]["days_after"] < -2000


def test_the_canned_query_lists_only_disagreements_near_in_time(db_path):
    sql = CANNED_QUERIES["tallies_against_official_figures"]["sql"]
    db = sqlite_utils.Database(db_path)
    rows = list(db.query(sql, {"days": ""}))
    assert [(r["parent_name"], r["count"], r["official_count"]) for r in rows] == [("Việt Nam", 5300, 5360)]
    # a window wide enough reaches the 2013 total, whose figure is years later
    wide = list(db.query(sql, {"days": "4000"}))
    assert {r["parent_name"] + " " + r["published"] for r in wide} == {"Việt Nam 2021-10-25", "Trà Vinh 2013-12-20"}


def test_datasette_metadata_describes_them():
    meta = build_metadata("ntm")["databases"]["ntm"]
    for table in ("official_figures", "tallies_vs_official"):
        assert meta["tables"][table]["description"]
        assert meta["tables"][table]["columns"]
    assert "tallies_against_official_figures" in meta["queries"]


def test_the_build_script_resolves_scopes_and_dates():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_official_figures.py"
    spec = importlib.util.spec_from_file_location("build_official_figures", path)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    ref = [
        {"as_of": "2024-02", "scope": "quốc gia", "what": "xã đạt chuẩn NTM nâng cao", "count": 2000,
         "total": None, "source_url": "http://example.invalid/a", "note": "a quoted sentence"},
        {"as_of": "2023-05-04", "scope": "Trà Vinh", "what": "xã đạt chuẩn NTM", "count": 15, "total": 15,
         "source_url": "http://example.invalid/b", "unit": {"level": "huyện", "name": "Cầu Ngang", "province": "Trà Vinh"}},
        {"as_of": "2022-06", "scope": "Quảng Ninh", "what": "tỉnh hoàn thành nhiệm vụ", "count": 1,
         "total": None, "source_url": "http://example.invalid/c"},
    ]
    rows = build.build(ref)["figures"]
    national, district, province = rows  # the country first, then by name
    assert (national["as_of_day"], national["child_level"], national["standard"]) == ("2024-02-29", "xã", "ntm_nang_cao")
    assert "note" not in national
    assert (province["scope_level"], province["scope_name"], province["child_level"], province["standard"]) == (
        "tỉnh", "Quảng Ninh", None, None)
    assert province["scope_code"]
    assert (district["scope_level"], district["scope_name"], district["scope_province"]) == ("huyện", "Cầu Ngang", "Trà Vinh")
    assert district["as_of_day"] == "2023-05-04"
    with pytest.raises(SystemExit, match="Atlantis"):
        build.build([{**ref[2], "scope": "Atlantis"}])
