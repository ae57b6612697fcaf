"""Load the register of administrative units into the ``units`` table, idempotently.

The table is created (empty) by the ``0004_units`` migration in ``db/schema.py``;
``load_units`` fills it from ``extractors/data/units.jsonl`` (see
``extractors/data/units.README.md``). Rows are keyed by ``code``; a second run
with the same register writes nothing at all, and a new register version
updates changed rows and deletes units it no longer has, in one transaction.
"""
from __future__ import annotations

from typing import Iterable, Optional

import sqlite_utils

from db.schema import migrate
from extractors.gazetteer import Entry, Gazetteer

__all__ = ["UNIT_COLUMNS", "load_units", "unit_rows"]

UNIT_COLUMNS = [
    "code", "level", "type", "name", "parent_code", "province", "district",
    "successor", "successor_province", "existed_2025", "code_official",
]


def unit_rows(entries: Iterable[Entry]) -> list[tuple]:
    """Rows of the ``units`` table, in ``UNIT_COLUMNS`` order."""
    return [
        (e.code, e.level, e.type, e.name, e.parent_code, e.province, e.district,
         e.successor, e.successor_province, int(e.existed_2025), int(e.code_official))
        for e in entries
    ]


def load_units(db: sqlite_utils.Database, gazetteer: Optional[Gazetteer] = None) -> dict[str, int]:
    """Make the ``units`` table hold exactly the register.

    Args:
        db: an open database (``db.store.open_db``); pending migrations are applied.
        gazetteer: the register to load; the packaged one by default.

    Returns:
        Counts: ``inserted``, ``updated``, ``deleted``, ``unchanged``. When the
        table already matches, nothing is written.
    """
    if "units" not in db.table_names():
        migrate(db)
    gaz = gazetteer or Gazetteer.default()
    wanted = {row[0]: row for row in unit_rows(gaz.entries)}
    cols = ", ".join(f"[{c}]" for c in UNIT_COLUMNS)
    have = {row[0]: tuple(row) for row in db.conn.execute(f"SELECT {cols} FROM units")}
    changed = [row for code, row in wanted.items() if have.get(code) != row]
    gone = [code for code in have if code not in wanted]
    counts = {
        "inserted": sum(1 for row in changed if row[0] not in have),
        "updated": sum(1 for row in changed if row[0] in have),
        "deleted": len(gone),
        "unchanged": len(wanted) - len(changed),
    }
    if changed or gone:
        with db.atomic():
            db.conn.executemany(
                f"INSERT OR REPLACE INTO units ({cols}) VALUES ({', '.join('?' for _ in UNIT_COLUMNS)})",
                changed,
            )
            db.conn.executemany("DELETE FROM units WHERE code = ?", [(c,) for c in gone])
    return counts
