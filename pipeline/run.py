"""The whole path for files: read, normalize, extract, load."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from extractors import FACT_TYPES, extract, signature
from extractors.models import Fact
from pipeline.document import Document, make_document
from pipeline.errors import IngestError

log = logging.getLogger(__name__)


def document_from_file(path: Path, province_hint: Optional[str] = None) -> Document:
    """Read one uploaded file into a normalized Document (raises IngestError)."""
    from corpus.readers import read_file

    raw = read_file(path)
    doc = make_document(
        raw.source, raw.text, title=raw.title, published=raw.published, province_hint=province_hint
    )
    if not doc.text.strip():
        raise IngestError(raw.source, "no text left after normalization")
    return doc


def analyse(doc: Document) -> dict[str, list[Fact]]:
    """Run the extractors and fill in the document's own date when the reader had none."""
    facts = extract(doc)
    if doc.published is None:
        from extractors.context import Context

        doc.published = Context(doc).published
    return facts


def document_json(doc: Document, facts: dict[str, list[Fact]], name: Optional[str] = None) -> dict:
    """The SPEC.md document object for one document."""
    out = {"document": name or Path(doc.source).name, "published": doc.published}
    for kind in FACT_TYPES:
        out[kind] = [f.to_spec() for f in facts.get(kind, [])]
    out["document_id"] = doc.id
    return out


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    facts: int = 0
    failures: list = field(default_factory=list)  # (source, reason)

    def line(self) -> str:
        return (
            f"documents: {self.new} new, {self.replaced} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed; facts loaded: {self.facts}"
        )


def ingest_paths(
    paths: Iterable[str | Path],
    db_path: str | Path,
    on_error: Callable[[str, str], None] = lambda source, reason: None,
    progress: Callable[[list[Path]], Iterable[Path]] = lambda items: items,
    province_hint: Optional[str] = None,
    batch_size: int = 100,
) -> IngestSummary:
    """Ingest files and folders into the database at ``db_path``.

    Args:
        paths: files or folders (searched recursively for supported files).
        db_path: the SQLite file; created with the schema when missing.
        on_error: called with (source, reason) for every input that fails.
        progress: wraps the list of inputs (e.g. in a progress bar).
        province_hint: the province to assume when the text names none.
        batch_size: documents per commit (each document is still all-or-nothing).

    Returns:
        Counts of new / changed / unchanged / failed documents and facts loaded.
    """
    from corpus.readers import iter_inputs
    from db.store import Batch, open_db, record_failure, store_document

    from db.reference import load_reference

    db = open_db(db_path)
    load_reference(db)  # the register facts point to, the official figures; writes nothing when current
    summary = IngestSummary()
    versions = signature()
    inputs: list[Path] = []
    for p in paths:
        try:
            inputs.extend(iter_inputs([p]))
        except IngestError as e:
            summary.failed += 1
            summary.failures.append((e.source, e.reason))
            record_failure(db, e.source, e.reason)
            on_error(e.source, e.reason)
    with Batch(db, batch_size) as batch:
        for path in progress(inputs):
            try:
                doc = document_from_file(path, province_hint=province_hint)
                try:
                    facts = analyse(doc)
                except Exception as e:  # an extractor bug must not stop the batch: report it, go on
                    log.exception("extracting %s", doc.source)
                    raise IngestError(doc.source, f"extractor error ({type(e).__name__}: {e}); "
                                                  "please report it with this file") from e
            except IngestError as e:
                summary.failed += 1
                summary.failures.append((e.source, e.reason))
                record_failure(db, e.source, e.reason)
                on_error(e.source, e.reason)
                batch.tick()
                continue
            status = store_document(db, doc, facts, extracted_with=versions)
            batch.tick()
            if status == "new":
                summary.new += 1
            elif status == "replaced":
                summary.replaced += 1
            else:
                summary.unchanged += 1
            if status != "unchanged":
                summary.facts += sum(len(v) for v in facts.values())
    return summary


@dataclass
class ReprocessSummary:
    documents: int = 0
    changed: int = 0  # documents whose facts differ from before
    skipped: int = 0  # already made by the current extractors
    facts_before: int = 0
    facts_after: int = 0

    def line(self) -> str:
        return (
            f"documents: {self.documents} reprocessed ({self.changed} with different facts), "
            f"{self.skipped} already current; facts: {self.facts_before} -> {self.facts_after}"
        )


def reprocess(
    db_path: str | Path,
    everything: bool = False,
    progress: Callable[[list], Iterable] = lambda items: items,
    batch_size: int = 100,
) -> ReprocessSummary:
    """Re-run the current extractors over stored documents; each document's facts are replaced atomically.

    Args:
        db_path: the SQLite file.
        everything: re-run every document, not only those made by other extractor versions.
        progress: wraps the list of document ids (e.g. in a progress bar).
        batch_size: documents per commit (each document is still all-or-nothing).

    Returns:
        Counts of documents and facts before and after.
    """
    from db.store import Batch, open_db, replace_facts, store_document

    db = open_db(db_path)
    versions = signature()
    where = "" if everything else "WHERE extracted_with IS NOT ?"
    params = [] if everything else [versions]
    ids = [r[0] for r in db.execute(f"SELECT id FROM documents {where} ORDER BY id", params).fetchall()]
    summary = ReprocessSummary(skipped=db.execute("SELECT count(*) FROM documents").fetchone()[0] - len(ids))
    with Batch(db, batch_size) as batch:
        for doc_id in progress(ids):
            row = db.execute(
                "SELECT source, source_text, title, published, province_hint, meta FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
            if row is None:  # removed meanwhile
                continue
            source, source_text, title, published, hint, meta = row
            doc = make_document(source, source_text, title=title, published=published, province_hint=hint)
            facts = analyse(doc)
            summary.documents += 1
            if doc.id == doc_id:
                old = _fact_keys(db, doc_id)
                before, after = replace_facts(db, doc_id, facts, extracted_with=versions)
                if old != _fact_keys(db, doc_id):
                    summary.changed += 1
            else:
                # normalization itself changed: the document gets a new id, its old row and facts go
                before = sum(db.execute(f"SELECT count(*) FROM [{t}] WHERE document_id = ?", [doc_id]).fetchone()[0]
                             for t in FACT_TYPES)
                store_document(db, doc, facts, extracted_with=versions)
                after = sum(len(v) for v in facts.values())
                summary.changed += 1
            summary.facts_before += before
            summary.facts_after += after
            batch.tick()
    return summary


def _fact_keys(db, doc_id: str) -> list:
    """Everything but ids and versions of a document's facts, to tell whether a re-run changed them."""
    out = []
    for table in FACT_TYPES:
        rows = db.execute(f"SELECT * FROM [{table}] WHERE document_id = ? ORDER BY start, end, id", [doc_id])
        cols = [d[0] for d in rows.description]
        keep = [i for i, c in enumerate(cols) if c not in ("extractor_version",)]
        out.append([tuple(r[i] for i in keep) for r in rows.fetchall()])
    return out
