"""Load the reference data a database is checked against, idempotently.

- ``units``: the register of administrative units (``db.units.load_units``).
- ``official_figures``: official aggregate NTM figures, from
  ``db/data/official_figures.json`` (built by ``scripts/build_official_figures.py``
  from the project's reference compilation, every figure with its source). The
  view ``tallies_vs_official`` pairs each reported total in ``tallies`` with the
  official figure nearest in time.

Both loaders write nothing when the tables already hold the data.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Union

import sqlite_utils

from db.schema import migrate
from db.units import load_units

__all__ = ["FIGURES_FILE", "FIGURE_COLUMNS", "load_official_figures", "load_reference"]

FIGURES_FILE = Path(__file__).resolve().parent / "data" / "official_figures.json"
FIGURE_COLUMNS = [
    "as_of", "as_of_day", "scope_level", "scope_name", "scope_province", "scope_code", "what",
    "child_level", "standard", "count", "total", "percent", "source_url",
]


def load_official_figures(db: sqlite_utils.Database, path: Optional[Union[str, Path]] = None) -> dict[str, int]:
    """Make ``official_figures`` hold exactly the figures of ``path`` (the packaged file by default).

    The table is small (tens of rows): when it differs from the file in any way, it is
    replaced whole, in one transaction.

    Returns:
        ``{"figures": n, "written": n or 0}``.
    """
    if "official_figures" not in db.table_names():
        migrate(db)
    path = Path(path) if path else FIGURES_FILE
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))["figures"]
        wanted = [tuple(f[c] for c in FIGURE_COLUMNS) for f in figures]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: not an official figures file ({type(e).__name__}: {e})") from e
    cols = ", ".join(f"[{c}]" for c in FIGURE_COLUMNS)
    have = [tuple(r) for r in db.conn.execute(f"SELECT {cols} FROM official_figures ORDER BY id")]
    if have == wanted:
        return {"figures": len(wanted), "written": 0}
    with db.atomic():
        db.conn.execute("DELETE FROM official_figures")
        db.conn.executemany(
            f"INSERT INTO official_figures ({cols}) VALUES ({', '.join('?' for _ in FIGURE_COLUMNS)})", wanted)
    return {"figures": len(wanted), "written": len(wanted)}


def load_reference(db: sqlite_utils.Database) -> None:
    """The register and the official figures, each written only where it is not current."""
    load_units(db)
    load_official_figures(db)
