"""Read uploaded files (plain text, HTML, Markdown, Word, PDF, zip archives) into raw text.

A reader only decodes and strips markup; normalization, sentence splitting and
date finding are later stages. Every failure is an ``IngestError`` that names
the file (or the archive member, "archive.zip!/inside/file.txt") and says what
is wrong with it. Word and PDF live in ``corpus.office``, zip archives in
``corpus.archives``, the legacy Vietnamese encodings (TCVN3, VNI) in
``corpus.legacy``.
"""
from __future__ import annotations

import os
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from pipeline.errors import IngestError

from corpus import legacy
from corpus.archives import ArchiveMember, is_archive, list_members, read_member, skipped_part
from corpus.encodings import convert_legacy, legacy_reason, decode_bytes, decode_html

__all__ = ["ArchiveMember", "Input", "RawDocument", "SUPPORTED_SUFFIXES", "decode_bytes", "decode_html",
           "iter_inputs", "read_file"]

SUPPORTED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".md": "md", ".docx": "docx",
                      ".pdf": "pdf"}

# What iter_inputs yields and read_file reads: a file, or a file inside a zip.
Input = Union[Path, ArchiveMember]

# A plain-text title is the first line, if it is this short.
_MAX_TITLE = 200


@dataclass
class RawDocument:
    """A decoded input file, before normalization."""

    source: str  # the path as given; "archive.zip!/inside/file.txt" for a zip member
    text: str
    title: Optional[str]
    published: Optional[str]  # ISO date where the file says it (HTML metadata)
    format: str  # "txt" | "html" | "md" | "docx" | "pdf"


# -- files ----------------------------------------------------------------------


def iter_inputs(paths: Iterable[Union[str, os.PathLike]]) -> Iterator[Input]:
    """Expand files, folders and zip archives into the inputs to read.

    Folders are walked recursively in sorted order, keeping only supported
    suffixes and skipping hidden files and folders (".git", ".DS_Store") and
    the ``NAME_files`` folder a browser saves beside ``NAME.html``. A zip
    archive (named or found in a folder) yields an ``ArchiveMember`` for each
    supported file inside it, with the same skipping (and ``__MACOSX``). Paths
    named explicitly are yielded as given, even with another suffix or when
    missing, and so is an archive that cannot be opened, so that ``read_file``
    reports them instead of them vanishing silently. Each input is yielded once.

    Args:
        paths: files, folders and archives, in the order the user gave them.

    Yields:
        ``Path`` for a file, ``ArchiveMember`` for a file inside a zip;
        ``read_file`` takes either.
    """
    seen: set = set()
    for p in map(Path, paths):
        if p.is_dir():
            files = [f for f in p.rglob("*") if f.is_file()]
            siblings = {f.relative_to(p).as_posix().lower() for f in files}
            found = sorted(
                f for f in files
                if (f.suffix.lower() in SUPPORTED_SUFFIXES or is_archive(f))
                and not skipped_part(f.relative_to(p).parts, siblings)
            )
        else:
            found = [p]
        for f in found:
            key = f.resolve()
            if key in seen:
                continue
            seen.add(key)
            if is_archive(f) and f.is_file():
                try:
                    members = list_members(f, SUPPORTED_SUFFIXES)
                except IngestError:
                    yield f  # read_file gives the reason
                    continue
                for m in members:
                    if (key, m.member) not in seen:
                        seen.add((key, m.member))
                        yield m
            else:
                yield f


def read_file(path: Union[str, os.PathLike, ArchiveMember]) -> RawDocument:
    """Read one input into a RawDocument.

    Args:
        path: a .txt, .html/.htm, .md, .docx or .pdf file, or an
            ``ArchiveMember`` from ``iter_inputs`` (a file inside a zip).

    Returns:
        RawDocument with the decoded text, the title where one is evident, and
        the published date for HTML pages whose metadata gives one.

    Raises:
        IngestError: the file is missing, unreadable, empty, binary, in an
            encoding we cannot identify (or a legacy one that does not convert
            cleanly), has an unsupported suffix, is a damaged or encrypted
            Word/PDF/zip file, a scanned PDF without text, or has no text once
            the markup is stripped.
    """
    if isinstance(path, ArchiveMember):
        source = path.source
        fmt = _format(path.suffix, source)
        data = read_member(path)
    else:
        p = Path(path)
        source = str(path)
        if not p.exists():
            raise IngestError(source, "file not found: check the path")
        if p.is_dir():
            raise IngestError(source, "is a folder, not a file: pass its files or use iter_inputs()")
        if is_archive(p):
            list_members(p, SUPPORTED_SUFFIXES)  # raises for a damaged archive
            raise IngestError(source, "is a zip archive: ingest it with `ntm ingest` (iter_inputs() reads "
                                      "the files inside), or unpack it")
        fmt = _format(p.suffix, source)
        try:
            data = p.read_bytes()
        except OSError as e:
            raise IngestError(source, f"cannot read file: {e.strerror or e}") from e
    if not data:
        raise IngestError(source, "empty file (0 bytes)")
    published = None
    if fmt == "docx":
        from corpus.office import from_docx

        body, title = from_docx(data, source)
        # a legacy font whose name from_docx did not recognize
        sniffed = legacy.sniff(body)
        if sniffed is not None:
            if not sniffed.accepted:
                raise IngestError(source, legacy_reason(sniffed))
            body, title = sniffed.text, legacy.to_unicode(title, sniffed.encoding) if title else None
    elif fmt == "pdf":
        from corpus.office import from_pdf

        body, title = from_pdf(data, source)
        body = convert_legacy(body, source)
        title = _first_line_title(body) if title else None
    else:
        text = decode_html(data, source) if fmt == "html" else decode_bytes(data, source)
        if not text.strip():
            raise IngestError(source, "empty file (only whitespace)")
        if fmt == "html":
            body, title, published = _from_html(text)
        elif fmt == "md":
            body, title = _from_markdown(text)
        else:
            body, title = text, _first_line_title(text)
    if not body.strip():
        raise IngestError(source, f"no text found in the {fmt.upper()} file once markup is removed")
    if title:
        # titles carry no offsets, so they can be NFC (Windows-1258 decodes
        # to base letter + combining tone mark)
        title = unicodedata.normalize("NFC", title)
    return RawDocument(source=source, text=body, title=title, published=published, format=fmt)


def _format(suffix: str, source: str) -> str:
    fmt = SUPPORTED_SUFFIXES.get(suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        hint = "; save it as .docx" if suffix.lower() in (".doc", ".rtf", ".odt") else ""
        raise IngestError(
            source, f"unsupported file type {suffix or '(no suffix)'!r}: supported are {supported} "
                    f"and .zip archives of them{hint}"
        )
    return fmt


# -- plain text -----------------------------------------------------------------


def _first_line_title(text: str) -> Optional[str]:
    """The first non-empty line, if it is short enough to be a headline."""
    for line in text.splitlines():
        line = " ".join(line.split())
        # a date line ("20/09/2023 13:32", "(22:07 | 06/08/2022)") is no headline
        if line and not re.fullmatch(r"[\W\d_]*", line):
            return line if len(line) < _MAX_TITLE else None
    return None


# -- HTML -----------------------------------------------------------------------


def _from_html(html: str) -> tuple[str, Optional[str], Optional[str]]:
    """Main text (blocks separated by blank lines), title and ISO date of a page."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        favor_recall=True,
        # dates from the page's metadata only: htmldate's extensive search
        # takes any date in the text ("Cập nhật lúc ... 12/04/2024"), and the
        # date stage reads the text itself
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title = published = None
    text = ""
    if doc is not None:
        title = _clean_line(doc.title)
        published = doc.date or None
        if doc.body is not None:
            # one block per paragraph/heading/list/table, so that paragraph
            # breaks survive; trafilatura's own txt joins them with one "\n"
            blocks = (xmltotxt(deepcopy(child), False).strip() for child in doc.body)
            text = "\n\n".join(b for b in blocks if b)
        if not text and doc.text:
            text = doc.text
        text = _tidy_table_rows(text)
    if not text.strip():
        text, fallback_title = _html_body_text(html)
        title = title or fallback_title
    if published and text and len(published) == 10:
        # trafilatura keeps the page's date in its metadata but drops the visible
        # date line from the body; put one back so that the date has a span in the
        # text like every other fact ("Ngày đăng: 14/07/2022")
        y, m, d = published.split("-")
        shown = f"{d}/{m}/{y}"
        if shown not in text and f"{int(d)}/{int(m)}/{y}" not in text:
            text = f"Ngày đăng: {shown}\n\n" + text
    if title and text and not text.lstrip().startswith(title):
        # the headline often carries the fact ("Huyện X đạt chuẩn NTM") and
        # trafilatura leaves it out of the body
        text = title + "\n\n" + text
    return text, title, published


# trafilatura writes a table as Markdown ("| Xã A | 17/19 |" rows under a "|---|---|" rule);
# the Markdown reader gives rows as "Xã A | 17/19", one a line, and so does the HTML path.
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*\|)\s*$")


def _tidy_table_rows(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if _TABLE_RULE.match(line) and "|" in line:
            continue
        m = _TABLE_ROW.match(line)
        if m:
            cells = [c.strip() for c in m.group("cells").split("|")[:-1]]
            line = " | ".join(cells)
        out.append(line)
    return "\n".join(out)


# Elements whose text is never article text.
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select")
_HTML_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "table", "tr", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "br", "hr",
})


def _html_body_text(html: str) -> tuple[str, Optional[str]]:
    """Fallback: the text of <body> with blocks on their own paragraphs."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return "", None
    title_el = root.find(".//title")
    title = _clean_line(title_el.text_content()) if title_el is not None else None
    for el in root.xpath("//" + " | //".join(_HTML_DROP)):
        el.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _HTML_BLOCKS
        if block:
            parts.append("\n\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(body)
    text = re.sub(r"[ \t\r\f\v]*\n\s*\n\s*", "\n\n", "".join(parts))
    return text.strip(), title


def _clean_line(s: Optional[str]) -> Optional[str]:
    s = " ".join((s or "").split())
    return s or None


# -- Markdown -------------------------------------------------------------------


def _from_markdown(md: str) -> tuple[str, Optional[str]]:
    """Plain text of Markdown (blocks separated by blank lines) and its title.

    A first block that is a level-1 heading is the title; it stays in the text.
    Images are dropped (their alt text is often a file name), links keep their
    text, list items become "- item" / "1. item" lines, table rows "a | b".
    """
    from markdown_it import MarkdownIt

    md_parser = MarkdownIt("commonmark").enable("table")
    tokens = md_parser.parse(md)
    blocks: list[str] = []
    line: list[str] = []  # the block being built
    title = None
    first_block = True
    list_stack: list[list] = []  # [ordered, next number]
    in_table_row = False
    cells: list[str] = []

    def flush() -> None:
        text = "".join(line).strip()
        line.clear()
        if text:
            blocks.append(text)

    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "heading_open" and first_block and tok.tag == "h1":
            title = _clean_line(_inline_text(tokens[i + 1].children or []))
        if t in ("paragraph_open", "heading_open", "blockquote_open"):
            first_block = False
        elif t == "bullet_list_open":
            list_stack.append([False, 0])
        elif t == "ordered_list_open":
            list_stack.append([True, int(tok.attrs.get("start", 1) or 1)])
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
            if not list_stack:
                flush()  # a whole list is one block, one item a line
        elif t == "list_item_open":
            first_block = False
            if line and not line[-1].endswith("\n"):
                line.append("\n")
            ordered, number = list_stack[-1]
            line.append(f"{number}. " if ordered else "- ")
            if ordered:
                list_stack[-1][1] += 1
        elif t == "inline":
            if in_table_row:
                cells.append(_inline_text(tok.children or []).strip())
            else:
                if line and not line[-1].endswith((" ", "\n")):
                    line.append("\n")
                line.append(_inline_text(tok.children or []))
        elif t in ("paragraph_close", "heading_close"):
            if not list_stack:
                flush()
        elif t == "list_item_close":
            line.append("\n")
        elif t in ("fence", "code_block", "html_block"):
            first_block = False
            flush()
            content = tok.content if t != "html_block" else _strip_tags(tok.content)
            line.append(content)
            flush()
        elif t == "tr_open":
            in_table_row = True
            cells.clear()
        elif t == "tr_close":
            in_table_row = False
            line.append(" | ".join(cells) + "\n")
        elif t == "table_close":
            first_block = False
            flush()
    flush()
    return "\n\n".join(blocks), title


def _inline_text(children) -> str:
    """Plain text of inline tokens: emphasis and links unwrapped, images dropped."""
    out: list[str] = []
    for tok in children:
        t = tok.type
        if t == "image":
            continue
        if t in ("text", "code_inline"):
            out.append(tok.content)
        elif t == "softbreak":
            out.append(" ")  # a wrapped line inside one paragraph
        elif t == "hardbreak":
            out.append("\n")
        elif t == "html_inline" and _BR.fullmatch(tok.content):
            out.append("\n")  # other inline tags (<span>, <b>) are dropped
    return "".join(out)


_BR = re.compile(r"<br\s*/?>", re.I)


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)
