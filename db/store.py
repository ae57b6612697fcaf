"""Load documents and their facts into SQLite, idempotently.

A document is keyed by ``Document.id``, the hash of its normalized text, and
reached from its source (path or URL) through ``document_sources``. Storing the
same content again writes nothing at all, so re-running an ingest leaves the
file byte-for-byte identical; a changed source replaces the old document and its
facts in one transaction, so a crash leaves either the old or the new state.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
import json
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

import sqlite_utils

from db.schema import migrate, sync_fact_tables
from db.search import register_functions, search_words
from extractors.models import FACT_TYPES, Fact, _cell, row_columns
from pipeline.document import Document

__all__ = ["open_db", "store_document", "record_failure", "fact_id"]

NEW, UNCHANGED, REPLACED = "new", "unchanged", "replaced"
PAGE_SIZE = 16384


def open_db(path: Union[str, Path]) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` with the current schema.

    Creates the parent folder, applies pending migrations, turns on foreign
    keys and WAL (so Datasette can read while an ingest writes) and registers
    the search SQL functions. Opening a current database writes nothing.

    Args:
        path: the SQLite file.

    Returns:
        The open ``sqlite_utils.Database``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    # WAL with synchronous=NORMAL: a crash never corrupts the file; at worst the last
    # committed document is lost on power failure, and re-running the ingest restores it.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    # A larger page cache (64 MB) than the default 2 MB: the FTS index and the fact indexes
    # of a bulk ingest stay in memory instead of being re-read page by page.
    db.execute("PRAGMA cache_size = -65536")
    # 16 KB pages for a new file (an existing one keeps its own; the pragma is a no-op there):
    # a stored document (text and source text, ~8 KB) fits in one page instead of a chain
    # of overflow pages, and a bulk load writes a quarter as many WAL frames (~10% of
    # loading time in make bench).
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    _enable_wal(db)
    register_functions(db.conn)
    migrate(db)
    sync_fact_tables(db)
    return db


def _enable_wal(db: sqlite_utils.Database, tries: int = 50) -> None:
    """Switch to WAL; the switch takes an exclusive lock that ignores the busy timeout, so retry."""
    for i in range(tries):
        try:
            if db.journal_mode != "wal":
                db.enable_wal()
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or i == tries - 1:
                raise
            time.sleep(0.05 * (i + 1))


def fact_id(document_id: str, table: str, start: int, end: int, ordinal: int) -> str:
    """Stable id of a fact: the same document and extraction give the same ids.

    ``ordinal`` numbers facts of one table sharing the same span (one sentence
    may give a fact per unit: "04 xã gồm ... đạt 18/19 tiêu chí").

    >>> fact_id("ab5b3148d2590207", "progress", 10, 42, 0)
    '32ced6433f7a7778'
    """
    key = f"{document_id}|{table}|{start}|{end}|{ordinal}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]




_PLAIN = frozenset({str, int, float, type(None)})
_TABLE_COLUMNS: dict[str, tuple[list[str], frozenset, str]] = {}


def _table_columns(table: str) -> tuple[list[str], frozenset, str]:
    """(fact columns, their set, the INSERT statement) of a fact table, computed once."""
    got = _TABLE_COLUMNS.get(table)
    if got is None:
        columns = row_columns(FACT_TYPES[table])
        cols = ["id", "document_id"] + columns
        sql = "INSERT INTO [{}] ({}) VALUES ({})".format(
            table, ", ".join(f"[{c}]" for c in cols), ", ".join("?" for _ in cols)
        )
        got = _TABLE_COLUMNS[table] = (columns, frozenset(columns), sql)
    return got


def _fact_rows(doc_id: str, table: str, facts: Iterable[Fact]) -> list[tuple]:
    """Rows (tuples in the order of ``_table_columns``: id, document_id, then the fact columns)."""
    columns, colset, _ = _table_columns(table)
    cls = FACT_TYPES[table]
    seen: dict[tuple[int, int], int] = {}
    rows = []
    plain = _PLAIN
    prefix = f"{doc_id}|{table}|"
    sha = hashlib.sha256
    for fact in facts:
        if type(fact) is cls:
            # the table's own class: its row_values() are to_row()'s values, in column order
            values = fact.row_values()
        else:  # a subclass may override to_row(): go through the dict and check its columns
            row = fact.to_row()
            if row.keys() != colset:
                extra = set(row) - colset
                if extra:
                    raise ValueError(f"{table}: to_row() gave columns the schema lacks: {sorted(extra)}")
            values = [v if type(v) in plain else _cell(v) for v in map(row.get, columns)]
        ev = fact.evidence
        start, end = ev.start, ev.end
        span = (start, end)
        ordinal = seen.get(span, 0)
        seen[span] = ordinal + 1
        # fact_id(), inlined
        fid = sha(f"{prefix}{start}|{end}|{ordinal}".encode("utf-8")).hexdigest()[:16]
        rows.append((fid, doc_id, *values))
    return rows


_FACT_TABLES = frozenset(FACT_TYPES)
_FTS_INSERT = "INSERT INTO documents_fts (rowid, title, text, search_text) VALUES (?, ?, ?, ?)"
_INSERT_SQL: dict[tuple, str] = {}


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """INSERT statement for ``columns`` of ``table``, built once per column list."""
    key = (table, columns)
    sql = _INSERT_SQL.get(key)
    if sql is None:
        sql = _INSERT_SQL[key] = "INSERT INTO [{}] ({}) VALUES ({})".format(
            table, ", ".join(f"[{c}]" for c in columns), ", ".join("?" for _ in columns))
    return sql


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    db.conn.executemany(_table_columns(table)[2], rows)


def _document_row(doc: Document) -> dict:
    meta = doc.meta or {}
    fmt = meta.get("format") or (Path(doc.source).suffix.lstrip(".").lower() or None)
    title = doc.title or ""
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "format": fmt,
        "province_hint": doc.province_hint,
        "chars": len(doc.text),
        "text": doc.text,
        "source_text": doc.source_text,
        "search_text": search_words(title, doc.text),
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str) if meta else None,
    }


def _delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    for table in FACT_TYPES:
        db.conn.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    db.conn.execute("DELETE FROM document_sources WHERE document_id = ?", [doc_id])
    db.conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])


def _detach_source(db: sqlite_utils.Database, doc_id: str, source: str) -> None:
    """``source`` no longer holds ``doc_id``: drop the document unless another source still does."""
    db.conn.execute(
        "DELETE FROM document_sources WHERE document_id = ? AND source = ?", [doc_id, source]
    )
    other = db.conn.execute(
        "SELECT source FROM document_sources WHERE document_id = ? ORDER BY source LIMIT 1",
        [doc_id],
    ).fetchone()
    if other is None:
        _delete_document(db, doc_id)
    else:
        db.conn.execute(
            "UPDATE documents SET source = ? WHERE id = ? AND source = ?",
            [other[0], doc_id, source],
        )


def _clear_failure(db: sqlite_utils.Database, source: str) -> None:
    db.conn.execute("DELETE FROM ingest_failures WHERE source = ?", [source])


def store_document(db: sqlite_utils.Database, doc: Document, facts: dict[str, list[Fact]],
                   extracted_with: Optional[str] = None) -> str:
    """Store ``doc`` and its facts unless the database already has this content for its source.

    Everything is written in one transaction (or savepoint), so a document is stored
    whole or not at all. Inside a :class:`Batch` no savepoint is taken: if writing
    fails half-way, the whole open batch is rolled back instead (see ``Batch``).

    Args:
        db: a database from ``open_db``.
        doc: the document; its ``id`` is the hash of its normalized text.
        facts: fact table name (a ``FACT_TYPES`` key) -> facts of that type.

    Returns:
        ``"new"`` for a source and content not seen before; ``"unchanged"`` when
        this source already holds this content (nothing is written) or the same
        content is already stored under another source (only the extra source is
        recorded); ``"replaced"`` when the source held different content, whose
        document and facts are removed in the same transaction.
    """
    unknown = facts.keys() - _FACT_TABLES
    if unknown:
        raise ValueError(f"unknown fact types {sorted(unknown)}; expected {list(FACT_TYPES)}")
    conn = db.conn
    old_id, failed, content_known = conn.execute(
        "SELECT (SELECT document_id FROM document_sources WHERE source = ?1), "
        "EXISTS (SELECT 1 FROM ingest_failures WHERE source = ?1), "
        "EXISTS (SELECT 1 FROM documents WHERE id = ?2)",
        [doc.source, doc.id],
    ).fetchone()

    if old_id == doc.id:
        if failed:  # only write when there is something to clear
            with db.atomic():
                _clear_failure(db, doc.source)
        return UNCHANGED

    # Every row is built before the first write: an error here writes nothing.
    inserts = []
    drow = None
    if not content_known:
        drow = _document_row(doc)
        drow["extracted_with"] = extracted_with
        for table in FACT_TYPES:
            table_facts = facts.get(table)
            if table_facts:
                inserts.append((_table_columns(table)[2], _fact_rows(doc.id, table, table_facts)))

    def write() -> None:
        if old_id is not None:
            _detach_source(db, old_id, doc.source)
        if drow is not None:
            rowid = conn.execute(_insert_sql("documents", tuple(drow)), tuple(drow.values())).lastrowid
            # the full-text index, by hand rather than by trigger (see 0010_fts_insert_by_loader)
            conn.execute(_FTS_INSERT, (rowid, drow["title"], drow["text"], drow["search_text"]))
        for sql, rows in inserts:
            conn.executemany(sql, rows)
        conn.execute(
            "INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)",
            [doc.id, doc.source],
        )
        if failed:
            _clear_failure(db, doc.source)

    batch = getattr(db, "_ntm_batch", None)
    if batch is not None:  # set while a Batch is open on db (Batch.__enter__ to __exit__)
        batch.write(write)
    else:  # one transaction (or savepoint): the old state or the new one, never half of each
        with db.atomic():
            write()
    if old_id is not None:
        return REPLACED
    return UNCHANGED if content_known else NEW


def replace_facts(db: sqlite_utils.Database, doc_id: str, facts: dict[str, list[Fact]],
                  extracted_with: Optional[str] = None) -> tuple[int, int]:
    """Replace a stored document's facts with ``facts`` in one transaction (``ntm reprocess``).

    Returns (facts before, facts after). The document row keeps its id, text and
    sources; only ``extracted_with`` is updated.
    """
    unknown = set(facts) - set(FACT_TYPES)
    if unknown:
        raise ValueError(f"unknown fact types {sorted(unknown)}; expected {list(FACT_TYPES)}")
    conn = db.conn
    before = sum(conn.execute(f"SELECT count(*) FROM [{t}] WHERE document_id = ?", [doc_id]).fetchone()[0]
                 for t in FACT_TYPES)
    with db.atomic():
        for table in FACT_TYPES:
            conn.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
            _insert_rows(db, table, _fact_rows(doc_id, table, facts.get(table, [])))
        conn.execute("UPDATE documents SET extracted_with = ? WHERE id = ?", [extracted_with, doc_id])
    return before, sum(len(v) for v in facts.values())


def record_failure(db: sqlite_utils.Database, source: str, reason: str) -> None:
    """Remember that ``source`` could not be ingested; what is stored for it stays.

    A file that later becomes unreadable keeps its previously stored document
    and facts; the failure is listed in ``ingest_failures`` until the source is
    stored successfully again.
    """
    with db.atomic():
        db.conn.execute(
            "INSERT INTO ingest_failures (source, reason) VALUES (?, ?) "
            "ON CONFLICT (source) DO UPDATE SET reason = excluded.reason "
            "WHERE reason IS NOT excluded.reason",
            [source, reason],
        )


class Batch:
    """Commit every ``size`` documents instead of after each one.

    An interrupted run loses at most the open batch, never leaves half a
    document, and re-running the ingest stores it again. Committing once per
    batch instead of once per document roughly halves the cost of loading
    (``make bench``).

    Inside a batch, :func:`store_document` takes no savepoint of its own: FTS5
    writes its pending index data to disk at every savepoint, so a savepoint per
    document made a new index segment per document (and the merges that follow),
    and SQLite copied every page a document touched into the savepoint journal;
    together about a third of loading time. Instead, if writing a document fails
    half-way (an SQLite error, Ctrl-C), the whole open batch is rolled back and
    the exception propagates; the batch then refuses further work (``tick``
    raises), so nothing is committed after a partial document. Work done between
    ``store_document`` calls (``record_failure`` and the like) keeps its own
    savepoints.

    >>> # with Batch(db, 200) as batch:
    >>> #     for doc, facts in items: store_document(db, doc, facts); batch.tick()
    """

    # WAL checkpoints: SQLite's automatic one runs after any commit that leaves the WAL
    # over 1000 pages, so the FTS and index pages a bulk load rewrites in every batch are
    # copied into the database file again and again. During a batch the automatic
    # checkpoint is off and one runs every ``CHECKPOINT_EVERY`` commits and at the end
    # instead (~10% of loading time in ``make bench``); the WAL stays bounded (about
    # CHECKPOINT_EVERY * size documents), and the setting is restored afterwards.
    CHECKPOINT_EVERY = 10

    def __init__(self, db: sqlite_utils.Database, size: int = 200):
        self.db, self.size, self.count = db, size, 0
        self._autocheckpoint: Optional[int] = None
        self.rolled_back: Optional[BaseException] = None

    def __enter__(self) -> "Batch":
        conn = self.db.conn
        if getattr(self.db, "_ntm_batch", None) is not None:
            raise RuntimeError("a Batch is already open on this database")
        self._autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._restore_checkpoint()
            raise
        self.db._ntm_batch = self
        return self

    def write(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` (one document's writes) in the batch's transaction, all or none of it."""
        if self.rolled_back is not None:
            raise RuntimeError("this batch was rolled back") from self.rolled_back
        if not self.db.conn.in_transaction:  # someone committed the batch's transaction: be safe
            with self.db.atomic():
                fn()
            return
        try:
            fn()
        except BaseException as e:
            self.rolled_back = e
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise

    def tick(self) -> None:
        if self.rolled_back is not None:
            raise RuntimeError("this batch was rolled back: the documents stored since its last commit "
                               "are not in the database") from self.rolled_back
        self.count += 1
        if self.count % self.size == 0:
            self.db.conn.execute("COMMIT")
            if (self.count // self.size) % self.CHECKPOINT_EVERY == 0:
                self._checkpoint()
            self.db.conn.execute("BEGIN IMMEDIATE")

    def _checkpoint(self) -> None:
        # PASSIVE: never waits for readers (Datasette); what they still need stays in the WAL
        self.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _restore_checkpoint(self) -> None:
        if self._autocheckpoint is not None:
            self.db.conn.execute(f"PRAGMA wal_autocheckpoint = {int(self._autocheckpoint)}")
            self._autocheckpoint = None

    def __exit__(self, exc_type, exc, tb) -> None:
        self.db._ntm_batch = None
        try:
            if self.db.conn.in_transaction:
                self.db.conn.execute(
                    "COMMIT" if exc_type is None or exc_type is KeyboardInterrupt else "ROLLBACK")
            self._checkpoint()
        finally:
            self._restore_checkpoint()
