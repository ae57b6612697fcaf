"""The cross-check canned queries find figures that do not add up, through the real pipeline."""
from __future__ import annotations

import sqlite_utils

from db.publish import CANNED_QUERIES
from pipeline.run import ingest_paths

FIRST = (
    "Cầu Ngang rà soát tiêu chí\n10/05/2023 08:00\n\nSáng nay, huyện Cầu Ngang hiện đạt 08/09 tiêu chí huyện nông thôn mới, "
    "còn tiêu chí 6 về Kinh tế và tiêu chí 7 về Môi trường chưa đạt.\n"
)
LATER = (
    "Cầu Ngang sơ kết\n02/11/2023 09:15\n\nQua rà soát lại theo bộ tiêu chí mới, "
    "huyện Cầu Ngang hiện đạt 06/09 tiêu chí huyện nông thôn mới.\n"
)
CONSISTENT = (
    "Tiểu Cần tổng kết\n15/12/2023 10:00\n\nHuyện Tiểu Cần hiện đạt 07/09 tiêu chí huyện nông thôn mới, "
    "còn tiêu chí 6 về Kinh tế và tiêu chí 7 về Môi trường chưa đạt.\n"
)


def run(tmp_path, name):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for fname, text in (("a.txt", FIRST), ("b.txt", LATER), ("c.txt", CONSISTENT)):
        (folder / fname).write_text(text, encoding="utf-8")
    db_path = tmp_path / "ntm.db"
    ingest_paths([folder], db_path, province_hint="Trà Vinh")
    return list(sqlite_utils.Database(db_path).query(CANNED_QUERIES[name]["sql"]))


def test_met_plus_unmet_differs_from_total(tmp_path):
    rows = run(tmp_path, "counts_that_do_not_add_up")
    assert [(r["unit_name"], r["met"], r["unmet_listed"], r["total"]) for r in rows] == [("Cầu Ngang", 8, 2, 9)]


def test_a_figure_lower_than_the_previous_report(tmp_path):
    rows = run(tmp_path, "figures_that_went_down")
    assert [(r["unit_name"], r["previous_met"], r["met"], r["published"]) for r in rows] == [
        ("Cầu Ngang", 8, 6, "2023-11-02")
    ]
