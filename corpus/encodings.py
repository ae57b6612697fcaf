"""Bytes to text: BOMs, UTF-8/16/32, Windows-1258, TCVN3 and VNI, charset-normalizer; HTML charsets.

Every failure is an ``IngestError`` naming the source. ``corpus.readers``
re-exports ``decode_bytes`` and ``decode_html``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

from corpus import legacy
from pipeline.errors import IngestError

__all__ = ["convert_legacy", "decode_bytes", "decode_html", "latin_1252", "legacy_reason"]


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
    alternating positions); strict UTF-8; the legacy Vietnamese encodings
    TCVN3 and VNI (converted to Unicode) when they read better than
    Windows-1258; Windows-1258 when the result reads as Vietnamese;
    charset-normalizer for anything else, unless its guess looks like mojibake.
    UTF-8 text that is TCVN3 or VNI characters (copied from a document in a
    .VnTime or VNI-Times font) is converted too.

    Args:
        data: the raw bytes.
        source: the path, for error messages.

    Raises:
        IngestError: NUL bytes outside UTF-16/32 (a binary file), no
            encoding that gives readable text, or text that looks like TCVN3
            or VNI but does not convert cleanly (the reason names it).

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
            return convert_legacy(text, source)
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
        return convert_legacy(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    tried = ["UTF-8", "UTF-16", "TCVN3", "VNI", "Windows-1258"]
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    alternatives = (unicodedata.normalize("NFC", text),) if text is not None else ()
    sniffed = legacy.sniff(latin_1252(data), alternatives=alternatives)
    if sniffed is not None:
        if sniffed.accepted:
            return sniffed.text
        raise IngestError(source, legacy_reason(sniffed))
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


# Windows-1252 where it defines 0x80..0x9F (curly quotes, dashes), Latin-1 elsewhere:
# the legacy Vietnamese fonts put their letters in 0xA0..0xFF, identical in both.
_C1 = {0x80 + i: bytes([0x80 + i]).decode("cp1252", "ignore") or chr(0x80 + i) for i in range(32)}


def latin_1252(data: bytes) -> str:
    """Bytes to text one character per byte: Windows-1252, Latin-1 where it has a gap."""
    return data.decode("latin-1").translate(_C1)


def convert_legacy(text: str, source: str) -> str:
    """``text`` converted to Unicode if it is TCVN3 or VNI characters, else ``text`` itself."""
    sniffed = legacy.sniff(text)
    if sniffed is None:
        return text
    if sniffed.accepted:
        return sniffed.text
    raise IngestError(source, legacy_reason(sniffed))


def legacy_reason(sniffed: "legacy.Sniffed") -> str:
    return (f"looks like Vietnamese in the legacy {sniffed.label} encoding, but only "
            f"{sniffed.share:.0%} of its words convert to Vietnamese: convert it to Unicode "
            "(e.g. Unikey's converter) and save it as UTF-8")


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def decode_html(data: bytes, source: str, charset: Optional[str] = None) -> str:
    """Decode an HTML page, honouring its declared charset when the bytes are not UTF-8.

    The declaration is ``charset`` (an HTTP Content-Type header's) or else the
    page's own ``<meta charset="...">`` / ``<meta http-equiv="Content-Type"
    content="text/html; charset=...">``. As browsers do, ISO-8859-1 and ASCII
    mean Windows-1252; such a page may still be TCVN3 or VNI (old sites set
    .VnTime in CSS), which is converted. A wrong declaration (bytes that do not
    decode) falls back to ``decode_bytes``' detection.

    >>> decode_html(b'<meta charset="windows-1258"><p>Ho\\xe0</p>', "x.html")
    '<meta charset="windows-1258"><p>Hoà</p>'
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return decode_bytes(data, source)
    try:
        data.decode("utf-8")
        return decode_bytes(data, source)
    except UnicodeDecodeError:
        pass
    if not charset:
        m = _META_CHARSET.search(data[:8192])
        charset = m.group(1).decode("ascii") if m else None
    if charset:
        try:
            codec = codecs.lookup(charset.strip()).name
        except LookupError:
            codec = None
        if codec in ("iso8859-1", "ascii", "cp1252"):
            return convert_legacy(latin_1252(data), source)
        if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect
    return decode_bytes(data, source)


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
