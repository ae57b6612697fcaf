"""The database schema as named migrations, plus a column sync for fact tables.

Each migration is a function registered under a name in ``MIGRATIONS``; applied
names are recorded in ``_migrations``, so ``migrate`` is idempotent and an old
database catches up by running only what it lacks (the idea of
sqlite_utils/migrations.py, in a few lines and with our own table).

Fact tables are derived from ``extractors.models``: one table per
``FACT_TYPES`` key, columns ``id``, ``document_id`` then ``row_columns(cls)``.
Because the models evolve, ``sync_fact_tables`` (run after the migrations)
adds any table, column or index that the current models need and the file
lacks. It writes nothing when the database is already current.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import sqlite_utils

from extractors.models import FACT_TYPES, Fact, row_columns

__all__ = [
    "MIGRATIONS",
    "migrate",
    "sync_fact_tables",
    "fact_columns",
    "column_type",
    "FTS_COLUMNS",
    "FTS_TOKENIZE",
    "INDEXED_COLUMNS",
]

FTS_TOKENIZE = "unicode61 remove_diacritics 2"
# ``text`` keeps "đ" so a query typed with diacritics ("Đông Yên") matches it;
# ``search_text`` holds the words with a đ, folded to d, so "Dong Yen" matches too
# (since 0009_search_words; see db/search.py).
FTS_COLUMNS = ["title", "text", "search_text"]

# Fact columns holding numbers (counts, flags, offsets). None-valued defaults
# in a blank fact carry no type, so the integer columns are named here.
INTEGER_COLUMNS = {
    "met", "met_max", "total", "total_implied", "count", "increment",
    "criterion", "count_units", "start", "end",
}

# Columns people filter by: an index wherever a fact table has one. Low-selectivity
# columns (unit_level, modality: 2-4 values each) have none since 0006_fewer_indexes: an
# index there does not narrow a query and costs every insert a B-tree update.
INDEXED_COLUMNS = [
    "document_id", "unit_name", "unit_province", "parent_name", "standard",
]
# Indexes an older schema created and 0006_fewer_indexes dropped: (table, column).
DROPPED_INDEXES = [
    ("progress", "unit_level"), ("unmet", "unit_level"), ("officials", "unit_level"),
    ("progress", "modality"), ("tallies", "modality"),
]
# Columns indexed in one table only.
TABLE_INDEXES = {"dates": ["value"], "legal_refs": ["number"], "officials": ["name"]}

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: dict[str, Migration] = {}
"""Migration name -> function, in the order they are applied. Never rename or reorder."""


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a migration under ``name``."""

    def register(fn: Migration) -> Migration:
        if name in MIGRATIONS:
            raise ValueError(f"migration {name!r} registered twice")
        MIGRATIONS[name] = fn
        return fn

    return register


def column_type(column: str) -> str:
    """SQLite type for a fact column."""
    return "INTEGER" if column in INTEGER_COLUMNS else "TEXT"


def fact_columns(cls: type[Fact]) -> dict[str, str]:
    """Column name -> SQLite type for the table of ``cls`` (after ``id``, ``document_id``)."""
    return {c: column_type(c) for c in row_columns(cls)}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_fact_table(db: sqlite_utils.Database, table: str, cls: type[Fact]) -> None:
    cols = [
        '"id" TEXT PRIMARY KEY',
        '"document_id" TEXT NOT NULL REFERENCES "documents"("id")',
    ]
    cols += [f"{_q(c)} {t}" for c, t in fact_columns(cls).items()]
    db.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (\n  " + ",\n  ".join(cols) + "\n)")


def _create_index(db: sqlite_utils.Database, table: str, column: str) -> None:
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {_q('idx_' + table + '_' + column)} "
        f"ON {_q(table)} ({_q(column)})"
    )


@migration("0001_documents")
def _documents(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE documents (
          id TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          title TEXT,
          published TEXT,
          format TEXT,
          province_hint TEXT,
          chars INTEGER,
          text TEXT,
          source_text TEXT,
          search_text TEXT,
          meta TEXT
        )"""
    )
    _create_index(db, "documents", "published")
    _create_index(db, "documents", "source")
    db.execute(
        """
        CREATE TABLE document_sources (
          document_id TEXT NOT NULL REFERENCES documents(id),
          source TEXT NOT NULL,
          PRIMARY KEY (document_id, source)
        )"""
    )
    # A source holds one document at a time.
    db.execute("CREATE UNIQUE INDEX idx_document_sources_source ON document_sources (source)")
    db.execute("CREATE TABLE ingest_failures (source TEXT PRIMARY KEY, reason TEXT)")
    db["documents"].enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZE, create_triggers=True)


@migration("0002_fact_tables")
def _fact_tables(db: sqlite_utils.Database) -> None:
    for table, cls in FACT_TYPES.items():
        _create_fact_table(db, table, cls)


@migration("0003_progress_latest")
def _progress_latest(db: sqlite_utils.Database) -> None:
    # Latest reported figure per unit and criteria set; ties within one date go
    # to the higher count (an article may quote last year's figure as well).
    db.execute(
        """
        CREATE VIEW progress_latest AS
        SELECT unit_level, unit_name, unit_district, unit_province, standard, measure,
               met, met_max, total, published, document_id, title, quote, progress_id
        FROM (
          SELECT p.unit_level, p.unit_name, p.unit_district, p.unit_province, p.standard,
                 p.measure, p.met, p.met_max, p.total, d.published, p.document_id,
                 d.title, p.quote, p.id AS progress_id,
                 row_number() OVER (
                   PARTITION BY p.unit_level, p.unit_name, p.unit_province, p.standard, p.measure
                   ORDER BY d.published DESC NULLS LAST, p.met DESC, p.id
                 ) AS rank
          FROM progress p JOIN documents d ON d.id = p.document_id
          WHERE p.modality = 'reported' AND p.unit_name IS NOT NULL
        )
        WHERE rank = 1"""
    )


@migration("0004_units")
def _units(db: sqlite_utils.Database) -> None:
    # The official register of administrative units (extractors/data/units.jsonl).
    # Created empty; db.units.load_units fills it. Literal DDL: a migration never changes.
    db.execute(
        """
        CREATE TABLE units (
          code TEXT PRIMARY KEY,
          level TEXT NOT NULL,
          type TEXT NOT NULL,
          name TEXT NOT NULL,
          parent_code TEXT,
          province TEXT,
          district TEXT,
          successor TEXT,
          successor_province TEXT,
          existed_2025 INTEGER,
          code_official INTEGER
        )"""
    )
    for col in ("name", "level", "province"):
        _create_index(db, "units", col)


@migration("0005_progress_latest_by_code")
def _progress_latest_by_code(db: sqlite_utils.Database) -> None:
    # Units resolved to the register are grouped by their code; the view shows it,
    # the successor after 1 July 2025, and falls back to level/name/province otherwise.
    have = {c.name for c in db["progress"].columns}
    for col in ("unit_code", "unit_status", "unit_successor", "unit_successor_province"):
        if col not in have:
            db.execute(f"ALTER TABLE progress ADD COLUMN [{col}] TEXT")
    db.execute("DROP VIEW IF EXISTS progress_latest")
    db.execute(
        """
        CREATE VIEW progress_latest AS
        SELECT unit_level, unit_name, unit_district, unit_province, unit_code, unit_successor,
               unit_successor_province, standard, measure, met, met_max, total, published,
               document_id, title, quote, progress_id
        FROM (
          SELECT p.unit_level, p.unit_name, p.unit_district, p.unit_province, p.unit_code,
                 p.unit_successor, p.unit_successor_province, p.standard,
                 p.measure, p.met, p.met_max, p.total, d.published, p.document_id,
                 d.title, p.quote, p.id AS progress_id,
                 row_number() OVER (
                   PARTITION BY coalesce(p.unit_code, p.unit_level || '|' || p.unit_name || '|' ||
                                         coalesce(p.unit_province, '')), p.standard, p.measure
                   ORDER BY d.published DESC NULLS LAST, p.met DESC, p.id
                 ) AS rank
          FROM progress p JOIN documents d ON d.id = p.document_id
          WHERE p.modality = 'reported' AND p.unit_name IS NOT NULL
        )
        WHERE rank = 1"""
    )


@migration("0006_fewer_indexes")
def _fewer_indexes(db: sqlite_utils.Database) -> None:
    # Loading time: every fact row updated up to 7 B-trees. unit_level and modality take
    # 2-4 values each, so an index on them barely narrows a query, and nobody filters by
    # them on their own (they are facets, and narrow a query already cut down by unit name,
    # province or document, whose indexes stay). Dropping these five indexes cuts the
    # fact inserts of an ingest by about 40% (make bench). Indexes on the columns people
    # filter by (unit name, province, standard, document, date value, legal number,
    # official's name, published) stay.
    for table, column in DROPPED_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {_q('idx_' + table + '_' + column)}")


@migration("0007_crawl")
def _crawl(db: sqlite_utils.Database) -> None:
    # `ntm crawl` (pipeline/crawl.py): raw responses kept for re-extraction and
    # conditional GET, and a log of every run and every URL. Literal DDL.
    db.execute(
        """
        CREATE TABLE raw_responses (
          url TEXT PRIMARY KEY,
          final_url TEXT,
          kind TEXT,
          status INTEGER,
          content_type TEXT,
          charset TEXT,
          etag TEXT,
          last_modified TEXT,
          fetched_at TEXT,
          bytes INTEGER,
          sha256 TEXT,
          compression TEXT,
          body BLOB,
          document_id TEXT
        )"""
    )
    _create_index(db, "raw_responses", "document_id")
    db.execute(
        """
        CREATE TABLE crawl_runs (
          id INTEGER PRIMARY KEY,
          started_at TEXT NOT NULL,
          finished_at TEXT,
          sources_file TEXT,
          status TEXT,
          sources INTEGER,
          fetched INTEGER,
          unchanged INTEGER,
          skipped INTEGER,
          failed INTEGER,
          documents_new INTEGER,
          documents_changed INTEGER,
          duplicates INTEGER,
          facts INTEGER
        )"""
    )
    db.execute(
        """
        CREATE TABLE crawl_log (
          id INTEGER PRIMARY KEY,
          run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
          source TEXT,
          url TEXT NOT NULL,
          kind TEXT,
          action TEXT NOT NULL,
          reason TEXT,
          status INTEGER,
          bytes INTEGER,
          elapsed REAL,
          detail TEXT,
          document_id TEXT,
          logged_at TEXT
        )"""
    )
    for col in ("run_id", "url", "reason"):
        _create_index(db, "crawl_log", col)


@migration("0008_extracted_with")
def _extracted_with(db: sqlite_utils.Database) -> None:
    # Which extractors (and versions) made a document's facts, so that `ntm reprocess`
    # can re-run exactly the documents made by other versions.
    db.execute("ALTER TABLE documents ADD COLUMN extracted_with TEXT")


@migration("0009_search_words")
def _search_words(db: sqlite_utils.Database) -> None:
    # Loading time: search_text was a full copy of title + text with đ folded, so every
    # document was stored and tokenized twice. It now holds only the words with a đ,
    # folded (db.search.search_words); the search canned query matches d/đ spellings in
    # the real text instead (db.search.fts_query). The update trigger also stops firing
    # on changes to columns the index does not hold (source, extracted_with, ...).
    from db.search import search_words

    db.conn.create_function("ntm_search_words", 2, search_words, deterministic=True)
    db.execute('DROP TRIGGER IF EXISTS "documents_au"')
    db.execute("UPDATE documents SET search_text = ntm_search_words(title, text)")
    db.execute(
        """
        CREATE TRIGGER "documents_au" AFTER UPDATE OF "title", "text", "search_text" ON "documents" BEGIN
          INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text", "search_text")
            VALUES ('delete', old.rowid, old."title", old."text", old."search_text");
          INSERT INTO "documents_fts" (rowid, "title", "text", "search_text")
            VALUES (new.rowid, new."title", new."text", new."search_text");
        END"""
    )
    # the index is rebuilt from the stored rows (the update above bypassed the trigger)
    db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")


@migration("0010_fts_insert_by_loader")
def _fts_insert_by_loader(db: sqlite_utils.Database) -> None:
    # Loading time: a statement that fires a trigger runs in a statement transaction, and
    # FTS5 writes its pending in-memory index to disk at every such savepoint, so the
    # insert trigger made each document a new index segment (and the merges that follow):
    # about a third of loading time. db.store.store_document, the only writer of
    # documents, now adds the row to documents_fts itself, right after the document, so
    # the index of a whole batch is written once at commit. Deletes and updates of
    # indexed columns keep their triggers (documents_ad, documents_au): they are rare.
    db.execute('DROP TRIGGER IF EXISTS "documents_ai"')



@migration("0011_official_figures")
def _official_figures(db: sqlite_utils.Database) -> None:
    # Official aggregate figures (db/data/official_figures.json), filled by
    # db.reference.load_official_figures, and the tallies they can be checked against.
    db.execute(
        """
        CREATE TABLE official_figures (
          id INTEGER PRIMARY KEY,
          as_of TEXT NOT NULL,
          as_of_day TEXT NOT NULL,
          scope_level TEXT NOT NULL,
          scope_name TEXT NOT NULL,
          scope_province TEXT,
          scope_code TEXT,
          what TEXT NOT NULL,
          child_level TEXT,
          standard TEXT,
          count INTEGER NOT NULL,
          total INTEGER,
          percent REAL,
          source_url TEXT NOT NULL
        )"""
    )
    # Each reported running total (not a batch: "công nhận thêm 3 xã" is no total) of a
    # parent the figures cover, paired with the official figure of the same parent, child
    # level and standard nearest in time to the document's publication.
    db.execute(
        """
        CREATE VIEW tallies_vs_official AS
        SELECT published, parent_level, parent_name, parent_province, child_level, standard,
               count, total, official_count, official_total, official_as_of, days_after,
               count - official_count AS difference, official_source, quote, document_id,
               title, tally_id
        FROM (
          SELECT d.published, t.parent_level, t.parent_name, t.parent_province, t.child_level,
                 t.standard, t.count, t.total, o.count AS official_count,
                 o.total AS official_total, o.as_of AS official_as_of,
                 CAST(round(julianday(d.published) - julianday(o.as_of_day)) AS INTEGER) AS days_after,
                 o.source_url AS official_source, t.quote, t.document_id, d.title,
                 t.id AS tally_id,
                 row_number() OVER (
                   PARTITION BY t.id
                   ORDER BY abs(julianday(d.published) - julianday(o.as_of_day)), o.id
                 ) AS rank
          FROM tallies t
          JOIN documents d ON d.id = t.document_id
          JOIN official_figures o
            ON o.child_level = t.child_level AND o.standard = t.standard
           AND CASE WHEN t.parent_level = 'quốc gia' THEN o.scope_level = 'quốc gia'
                    ELSE o.scope_code = t.parent_code END
          WHERE t.modality = 'reported' AND NOT t.increment AND d.published IS NOT NULL
        )
        WHERE rank = 1"""
    )

def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations already applied to ``db``, in order."""
    if not db["_migrations"].exists():
        return []
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid").fetchall()]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations, each in its own transaction; return the names applied."""
    if not db["_migrations"].exists():
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = set(applied_migrations(db))
    applied = []
    for name, fn in MIGRATIONS.items():
        if name in done:
            continue
        # BEGIN IMMEDIATE takes the write lock before re-checking, so two
        # processes opening a new file at once (ingest and serve) cannot both
        # run the same migration.
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            if not db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone():
                fn(db)
                db.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    [name, datetime.now(timezone.utc).isoformat(timespec="seconds")],
                )
                applied.append(name)
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    return applied


def _sync_needed(db: sqlite_utils.Database) -> bool:
    existing = set(db.table_names())
    index_names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    for table, cls in FACT_TYPES.items():
        if table not in existing:
            return True
        have = {c.name for c in db[table].columns}
        if set(fact_columns(cls)) - have:
            return True
        for col in INDEXED_COLUMNS + TABLE_INDEXES.get(table, []):
            if col in have and f"idx_{table}_{col}" not in index_names:
                return True
    return False


def sync_fact_tables(db: sqlite_utils.Database) -> list[str]:
    """Add fact tables, columns and indexes the current models need; return what changed.

    Checks first without writing (opening a current database writes nothing),
    then re-checks and changes under BEGIN IMMEDIATE, so that two processes
    opening the file at once cannot both try the same change.
    """
    if not _sync_needed(db):
        return []
    changes = []
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        existing = set(db.table_names())
        index_names = {
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        }
        for table, cls in FACT_TYPES.items():
            if table not in existing:
                _create_fact_table(db, table, cls)
                changes.append(f"table {table}")
            have = {c.name for c in db[table].columns}
            for col, typ in fact_columns(cls).items():
                if col not in have:
                    db.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(col)} {typ}")
                    changes.append(f"column {table}.{col}")
                    have.add(col)
            for col in INDEXED_COLUMNS + TABLE_INDEXES.get(table, []):
                if col in have and f"idx_{table}_{col}" not in index_names:
                    _create_index(db, table, col)
                    changes.append(f"index {table}.{col}")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
    return changes
