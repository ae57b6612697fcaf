"""Read uploaded files (plain text, HTML, Markdown) into raw text.

A reader only decodes and strips markup; normalization, sentence splitting and
date finding are later stages. Every failure is an ``IngestError`` that names
the file and says what is wrong with it.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from pipeline.errors import IngestError

__all__ = ["RawDocument", "SUPPORTED_SUFFIXES", "decode_bytes", "iter_inputs", "read_file"]

SUPPORTED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".md": "md"}

# A plain-text title is the first line, if it is this short.
_MAX_TITLE = 200


@dataclass
class RawDocument:
    """A decoded input file, before normalization."""

    source: str  # the path as given
    text: str
    title: Optional[str]
    published: Optional[str]  # ISO date where the file says it (HTML metadata)
    format: str  # "txt" | "html" | "md"


# -- files ----------------------------------------------------------------------


def iter_inputs(paths: Iterable[Union[str, os.PathLike]]) -> Iterator[Path]:
    """Expand files and folders into the files to read.

    Folders are walked recursively in sorted order, keeping only supported
    suffixes and skipping hidden files and folders (".git", ".DS_Store").
    Paths named explicitly are yielded as given, even with another suffix or
    when missing, so that ``read_file`` reports them instead of them vanishing
    silently. Each file is yielded once.

    Args:
        paths: files and folders, in the order the user gave them.
    """
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.is_file()
            )
        else:
            found = [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def read_file(path: Union[str, os.PathLike]) -> RawDocument:
    """Read one input file into a RawDocument.

    Args:
        path: a .txt, .html/.htm or .md file.

    Returns:
        RawDocument with the decoded text, the title where one is evident, and
        the published date for HTML pages whose metadata gives one.

    Raises:
        IngestError: the file is missing, unreadable, empty, binary, in an
            encoding we cannot identify, has an unsupported suffix, or has no
            text once the markup is stripped.
    """
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise IngestError(source, "file not found: check the path")
    if p.is_dir():
        raise IngestError(source, "is a folder, not a file: pass its files or use iter_inputs()")
    fmt = SUPPORTED_SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(
            source, f"unsupported file type {p.suffix or '(no suffix)'!r}: supported are {supported}"
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise IngestError(source, f"cannot read file: {e.strerror or e}") from e
    if not data:
        raise IngestError(source, "empty file (0 bytes)")
    text = decode_bytes(data, source)
    if not text.strip():
        raise IngestError(source, "empty file (only whitespace)")
    if fmt == "html":
        body, title, published = _from_html(text)
    elif fmt == "md":
        body, title = _from_markdown(text)
        published = None
    else:
        body, title, published = text, _first_line_title(text), None
    if not body.strip():
        raise IngestError(source, f"no text found in the {fmt.upper()} file once markup is removed")
    if title:
        # titles carry no offsets, so they can be NFC (Windows-1258 decodes
        # to base letter + combining tone mark)
        title = unicodedata.normalize("NFC", title)
    return RawDocument(source=source, text=body, title=title, published=published, format=fmt)


# -- decoding -------------------------------------------------------------------

_BOMS = (
    # UTF-32 first: its LE BOM begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Windows-1258 keeps tone marks as combining characters after the vowel.
_VI_TONED_VOWEL = re.compile(f"[aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ][{_TONE_MARKS}]")
# Letters only Vietnamese uses; â ê ô are left out since French has them too.
_VI_LETTERS = re.compile("[ơưăđƠƯĂĐ]")
# A mark after a non-vowel: what cp1258 makes of text in another encoding.
_STRAY_MARK = re.compile(f"[^aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ][{_TONE_MARKS}]")
_LETTER = re.compile(r"[^\W\d_]")
# Characters that do not occur in text: C0/C1 controls, private use, U+FFFD.
_GARBAGE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode file bytes to text.

    Order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM (NUL bytes at
    alternating positions); strict UTF-8; Windows-1258 when the result reads as
    Vietnamese; charset-normalizer for anything else, unless its guess looks
    like mojibake.

    Args:
        data: the raw bytes.
        source: the path, for error messages.

    Raises:
        IngestError: NUL bytes outside UTF-16/32 (a binary file), or no
            encoding that gives readable text.

    >>> decode_bytes(b"Ho\\xe0 Bi\\xccnh", "x.txt") == "Hoà Bi\\u0300nh"  # Windows-1258
    True
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise IngestError(source, f"cannot decode: starts with a {enc} byte-order mark "
                                          f"but is not valid {enc} ({e.reason} at byte {e.start})") from e
            if not _mostly_latin(text):
                raise IngestError(source, f"cannot decode: {enc} byte-order mark, but the text is not "
                                          "Vietnamese or Latin script (a binary file?)")
            return text
    if b"\x00" in data:
        enc = _sniff_utf16(data)
        if enc is None:
            raise IngestError(source, "binary file (contains NUL bytes): expected a text, HTML or Markdown file")
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            raise IngestError(source, f"binary file (NUL bytes, but not valid {enc})") from e
        if not _mostly_latin(text):
            # "\x00\xff\x00\xfe..." decodes as UTF-16 to symbols: binary, not text
            raise IngestError(source, f"binary file (NUL bytes; as {enc} it is not readable text)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    tried = ["UTF-8", "UTF-16", "Windows-1258"]
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_vietnamese_cp1258(text):
        return text
    text, guess = _charset_normalizer(data)
    if text is not None and _looks_garbled(text):
        text = None
    tried.append(f"charset-normalizer: {guess} looks garbled" if guess else "charset-normalizer: no match")
    if text is None:
        raise IngestError(
            source,
            "cannot decode: not UTF-8, UTF-16 or Windows-1258 (tried " + ", ".join(tried)
            + "); if it is text, save it as UTF-8",
        )
    return text


def _sniff_utf16(data: bytes) -> Optional[str]:
    """'utf-16-le'/'utf-16-be' if NULs sit at alternating positions, else None."""
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    # ASCII letters, digits and spaces are most of Vietnamese text: their high
    # byte is NUL; the Vietnamese block (U+1EA0..) and Latin-1 letters are not.
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _looks_vietnamese_cp1258(text: str) -> bool:
    """True if cp1258-decoded text reads as Vietnamese, not as mojibake."""
    letters = len(_LETTER.findall(text))
    if not letters or _GARBAGE.search(text):
        return False
    hits = len(_VI_TONED_VOWEL.findall(text)) + len(_VI_LETTERS.findall(text))
    stray = len(_STRAY_MARK.findall(text))
    return hits >= max(1, 0.02 * letters) and stray <= 0.1 * hits


def _charset_normalizer(data: bytes) -> tuple[Optional[str], Optional[str]]:
    """charset-normalizer's best guess: (text, encoding) or (None, None)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    # chaos is charset-normalizer's own mess ratio: 0 clean .. 1 noise
    if best.chaos > 0.2:
        return None, best.encoding
    return str(best), best.encoding


_LATIN_OR_COMMON = re.compile(r"[\s0-9A-Za-z\u00c0-\u024f\u0300-\u0323\u1ea0-\u1ef9\u2000-\u206f"
                              r"!-/:-@\[-`{-~\u00a0-\u00bf]")


def _mostly_latin(text: str, share: float = 0.9) -> bool:
    """True when nearly all characters are Latin (Vietnamese included), digits, spaces or punctuation."""
    sample = text[:20000]
    if not sample.strip():
        return True
    return len(_LATIN_OR_COMMON.findall(sample)) >= share * len(sample)


def _looks_garbled(text: str) -> bool:
    """Too many controls or replacement characters, or too few letters."""
    if not text.strip():
        return False
    garbage = len(_GARBAGE.findall(text))
    letters = len(_LETTER.findall(text))
    return garbage > 0.01 * len(text) or letters < 0.3 * len(text.strip())


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
