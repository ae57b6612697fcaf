"""The units table: created empty by its migration, filled idempotently by load_units."""
import sqlite3

from db.schema import MIGRATIONS
from db.units import UNIT_COLUMNS, load_units
from extractors.gazetteer import Gazetteer


def dump(db_path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_migration_creates_an_empty_indexed_table(db):
    assert "0004_units" in MIGRATIONS
    assert db["units"].count == 0
    assert [c.name for c in db["units"].columns] == UNIT_COLUMNS
    assert db["units"].pks == ["code"]
    indexed = {tuple(i.columns) for i in db["units"].indexes}
    assert {("name",), ("level",), ("province",)} <= indexed


def test_load_units_counts(db):
    counts = load_units(db)
    gaz = Gazetteer.default()
    assert counts["inserted"] == len(gaz.entries) and counts["updated"] == counts["deleted"] == 0
    levels = dict(db.execute("select level, count(*) from units group by level").fetchall())
    assert levels["tỉnh"] == 63
    assert levels["huyện"] == sum(1 for e in gaz.entries if e.level == "huyện")
    assert levels["xã"] > 10_000
    row = db.execute(
        "select type, province, successor_province, code_official from units where code = '849'"
    ).fetchone()
    assert row == ("huyện", "Trà Vinh", "Vĩnh Long", 1)


def test_load_units_twice_changes_nothing(db, db_path):
    load_units(db)
    db.conn.commit()
    before = dump(db_path)
    counts = load_units(db)
    assert counts["inserted"] == counts["updated"] == counts["deleted"] == 0
    assert dump(db_path) == before


def test_load_units_follows_a_new_register(db):
    load_units(db)
    gaz = Gazetteer.default()
    smaller = Gazetteer([e for e in gaz.entries if e.code != "849"])
    assert load_units(db, smaller)["deleted"] == 1
    assert db.execute("select count(*) from units where code = '849'").fetchone()[0] == 0
    assert load_units(db)["inserted"] == 1
