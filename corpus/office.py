"""Word (.docx) and PDF readers: the text of a report, tables included.

Each reader takes the file's bytes and its source (for errors) and returns
(text, title); blocks are separated by blank lines. Neither gives a published
date: a file's created/modified date says when someone saved it, not when the
report was issued (the date stage reads the text itself).
"""
from __future__ import annotations

import io
import re
from typing import Optional

from pipeline.errors import IngestError

__all__ = ["font_encoding", "from_docx", "from_pdf"]

_MAX_TITLE = 200
# A PDF with fewer visible characters than this per page has no text layer.
MIN_CHARS_PER_PAGE = 10


# -- Word -----------------------------------------------------------------------


def from_docx(data: bytes, source: str) -> tuple[str, Optional[str]]:
    """Text and title of a .docx file.

    Paragraphs and tables come in document order; a table row is one line of
    cells joined by " | " (a cell merged across columns counts once).
    Headers, footers, footnotes, comments and text boxes are left out. Runs set
    in a legacy Vietnamese font (.VnTime: TCVN3; VNI-Times: VNI) are
    converted to Unicode.
    """
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # PackageNotFoundError, BadZipFile, KeyError, ValueError ...
        hint = "an old .doc or another file renamed? open it in Word or LibreOffice and save as .docx"
        raise IngestError(source, f"not a readable Word .docx file ({type(e).__name__}: {e}): {hint}") from e
    try:
        return _docx_text(document)
    except Exception as e:  # a part python-docx cannot parse
        raise IngestError(source, f"cannot read the Word file's text ({type(e).__name__}: {e}): open it in "
                                  "Word or LibreOffice and save it again") from e


def _docx_text(document) -> tuple[str, Optional[str]]:
    from docx.table import Table

    fonts = _Fonts(document)
    blocks: list[str] = []
    title = None
    leading = 0  # non-empty paragraphs seen before a title was found
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            text = _table_text(block, fonts)
            if text:
                blocks.append(text)
            continue
        text = _unlegacy(fonts.paragraph_text(block).strip())
        if not text:
            continue
        blocks.append(text)
        if title is None and leading < 5:
            style = (block.style.name if block.style is not None else "") or ""
            if style.lower().startswith(("heading", "title")):
                title = _one_line(text)
            leading += 1
    if title is None:
        # no heading: a short first paragraph is the title
        first = next((b for b in blocks if " | " not in b), None)
        if first and len(first) < _MAX_TITLE and "\n" not in first:
            title = _one_line(first)
    return "\n\n".join(blocks), title


def _unlegacy(text: str) -> str:
    """A paragraph in TCVN3 or VNI letters whose font name did not tell, converted."""
    return _unlegacy_parts([text])[0]


def _unlegacy_parts(parts: list[str]) -> list[str]:
    """Parts (a table's cells) in TCVN3 or VNI letters, judged together and converted.

    Parts that already hold Unicode Vietnamese (a caption typed later) are
    left alone and not counted.
    """
    from corpus import legacy

    candidates = [p for p in parts if not legacy.has_unicode_vietnamese(p)]
    sniffed = legacy.sniff("\n".join(candidates)) if candidates else None
    if sniffed is None or not sniffed.accepted:
        return parts
    return [p if legacy.has_unicode_vietnamese(p) else legacy.to_unicode(p, sniffed.encoding) for p in parts]


def _table_text(table, fonts: "_Fonts") -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a cell spanning several grid columns comes once per column
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell, fonts))
        if any(cells):
            rows.append(cells)
    flat = _unlegacy_parts([c for cells in rows for c in cells])
    lines, i = [], 0
    for cells in rows:
        lines.append(" | ".join(flat[i:i + len(cells)]))
        i += len(cells)
    return "\n".join(lines)


def _cell_text(cell, fonts: "_Fonts") -> str:
    """A cell's paragraphs and nested tables on one line."""
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.append("; ".join(_table_text(block, fonts).splitlines()))
        else:
            parts.append(fonts.paragraph_text(block))
    return _one_line(" ".join(parts)) or ""


_VNI_FONT = re.compile(r"^VNI[- ]", re.I)


def font_encoding(name: Optional[str]) -> Optional[str]:
    """'tcvn3' for the .Vn fonts (.VnTime, .VnArialH ...), 'vni' for VNI-Times and kin, else None.

    >>> font_encoding(".VnTimeH"), font_encoding("VNI-Helve"), font_encoding("Times New Roman")
    ('tcvn3', 'vni', None)
    """
    if not name:
        return None
    if name.startswith(".Vn"):
        return "tcvn3"
    if _VNI_FONT.match(name):
        return "vni"
    return None


class _Fonts:
    """Which font each run is set in (its own, its paragraph style's, the document default)."""

    def __init__(self, document):
        self._styles: dict = {}
        defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii")
        self.default = str(defaults[0]) if defaults else None

    def _style_font(self, style) -> Optional[str]:
        key = style.style_id if style is not None else None
        if key not in self._styles:
            name, s = None, style
            while s is not None and name is None:
                name = s.font.name
                s = s.base_style
            self._styles[key] = name or self.default
        return self._styles[key]

    def paragraph_text(self, paragraph) -> str:
        """The paragraph's text, runs in a legacy font converted (neighbouring runs of one font together)."""
        from docx.text.hyperlink import Hyperlink

        from corpus import legacy

        base = self._style_font(paragraph.style)
        groups: list[list] = []  # [encoding, [texts]]
        for item in paragraph.iter_inner_content():
            for run in (item.runs if isinstance(item, Hyperlink) else [item]):
                char_style = run.style.font.name if run.style is not None else None
                enc = font_encoding(run.font.name or char_style or base)
                if groups and groups[-1][0] == enc:
                    groups[-1][1].append(run.text)
                else:
                    groups.append([enc, [run.text]])
        out = []
        for enc, texts in groups:
            text = "".join(texts)
            if enc is not None and not legacy.has_unicode_vietnamese(text):
                text = legacy.to_unicode(text, enc)
            out.append(text)
        return "".join(out)


# -- PDF ------------------------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")
OCR_HINT = "run OCR first, e.g. ocrmypdf"


def from_pdf(data: bytes, source: str) -> tuple[str, Optional[str]]:
    """Text and title of a text-based PDF.

    pdfplumber reads the pages (a table's text as it stands on the page);
    pypdf is the fallback when pdfplumber fails or finds no text. Pages are
    separated by blank lines. The title is a short first line, if any (PDF
    metadata titles are mostly the authoring program's file name).

    Raises:
        IngestError: not a PDF, damaged, encrypted with a password, or no
            text layer (a scanned PDF).
    """
    pages, error = _pdfplumber_pages(data)
    if error is not None and _encrypted(error):
        raise IngestError(source, "encrypted PDF that needs a password: save an unprotected copy and ingest that")
    if error is not None or _visible(pages) < MIN_CHARS_PER_PAGE * max(1, len(pages)) or _cid_share(pages) > 0.2:
        fallback, fallback_error = _pypdf_pages(data)
        if fallback_error is not None and _encrypted(fallback_error):
            raise IngestError(source, "encrypted PDF that needs a password: save an unprotected copy and "
                                      "ingest that")
        if fallback_error is None and (error is not None or _visible(fallback) > _visible(pages)):
            pages, error = fallback, None
        elif error is not None:
            raise IngestError(source, f"cannot read PDF (pdfplumber: {_describe(error)}; "
                                      f"pypdf: {_describe(fallback_error)}): the file is damaged or not a PDF")
    if not pages or _visible(pages) < MIN_CHARS_PER_PAGE * len(pages):
        raise IngestError(source, f"no text layer (a scanned PDF?): {OCR_HINT}")
    if _cid_share(pages) > 0.2:
        raise IngestError(source, "the PDF's fonts do not say which letters their glyphs are (text comes out as "
                                  f"'(cid:NN)'): {OCR_HINT} --force-ocr")
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    return text, _first_line(text)


def _pdfplumber_pages(data: bytes) -> tuple[list[str], Optional[BaseException]]:
    import pdfplumber

    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.close()  # drop the page's cached layout
    except Exception as e:  # pdfminer raises many types for damaged files
        return [], e
    return pages, None


def _pypdf_pages(data: bytes) -> tuple[list[str], Optional[BaseException]]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return [], PermissionError("encrypted: password required")
        return [page.extract_text() or "" for page in reader.pages], None
    except Exception as e:
        return [], e


def _encrypted(error: BaseException) -> bool:
    seen = error
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name or "encrypted" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(error: Optional[BaseException]) -> str:
    if error is None:
        return "no text"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _visible(pages: list[str]) -> int:
    return sum(len(_CID.sub("", p)) - sum(c.isspace() for c in _CID.sub("", p)) for p in pages)


def _cid_share(pages: list[str]) -> float:
    cids = sum(len(_CID.findall(p)) for p in pages)
    chars = sum(len(p) for p in pages) or 1
    return 6 * cids / chars  # "(cid:NN)" stands for one glyph in about 6-9 characters


def _first_line(text: str) -> Optional[str]:
    for line in text.splitlines():
        line = _one_line(line)
        if line and not re.fullmatch(r"[\W\d_]*", line):
            return line if len(line) < _MAX_TITLE else None
    return None


def _one_line(s: Optional[str]) -> Optional[str]:
    s = " ".join((s or "").split())
    return s or None
