"""Text normalization with an offset map back to the source text.

CONTRACT:

- ``normalize(raw: str) -> NormalizedText``: Unicode NFC; whitespace cleaned
  (runs of spaces/tabs -> one space, lines stripped, 3+ newlines -> one blank
  line, i.e. paragraphs separated by "\n\n", lines within a paragraph by "\n");
  lines that are only an image file name ("H9.png") or a file-system path
  ("C:\\Users\\...\\x.jpg", "D:\\Năm 2024\\Hình ảnh\\DSC_6172.JPG", "/tmp/a.png")
  dropped. The source's tone placement (hoà vs hòa) is kept.
- ``NormalizedText.text``; ``NormalizedText.to_source(i)`` maps an offset of
  ``text`` to the offset in the raw string; ``source_span(start, end)``.
- ``fold_tones(s) -> str``: same length as ``s``; old tone placement folded to
  the new (hoà->hòa, thuỷ->thủy, both cases), for matching only.

The offset map is piecewise linear: a sorted list of segment starts in the
normalized text and the raw offset each one maps to. Characters that replace a
run of whitespace (a collapsed space, the "\n"/"\n\n" between lines) map to the
start of that run, so ``raw[to_source(s):to_source(e)]`` of a word is exactly
the word's source, and a span that ends before a line break does not swallow
the junk lines dropped after it.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

__all__ = ["NormalizedText", "normalize", "fold_tones"]

# -- whitespace ---------------------------------------------------------------

# Everything a line is stripped of and a run of which becomes one space.
# NBSP: "(\xa0Toàn cảnh hội nghị)\xa0" in the seeds; ZWSP and a BOM in the
# middle of pasted CMS text; C0 controls left over from Word exports.
_WS_CHARS = (
    " \t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u200b\u200c\u200d\u202f\u205f\u2060\u3000\ufeff"
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15"
    "\x16\x17\x18\x19\x1a\x1b\x7f"
)
_WS_CLASS = "[" + re.escape(_WS_CHARS) + "]"
# Only these need a rewrite inside a line: any non-space whitespace char, or a
# space followed by more whitespace.
_INNER_WS = re.compile("[" + re.escape(_WS_CHARS[1:]) + "]| " + _WS_CLASS)
_WS_RUN = re.compile(_WS_CLASS + "+")
# A line: a maximal run of characters that are not line breaks. "\r\n", "\r",
# "\n", VT, FF, U+2028/2029 all end a line.
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile("[^" + _LINE_BREAKS + "]+")

# -- junk lines -----------------------------------------------------------------

_IMAGE_EXT = r"(?:png|jpe?g|jfif|gif|webp|bmp|tiff?|heic|svg)"
_JUNK_LINE = re.compile(
    r"""(?ix)
    # an image name or image URL with no space in it: "H9.png", "DSC_6172.JPG",
    # "anh1.jpeg", "https://cdn.example.vn/2024/x.webp?w=800"
    \S{1,300}\.""" + _IMAGE_EXT + r"""(?:\?\S*)?
    # a Windows path, which may contain spaces but none of : * ? " < > |
    # ("C:\Users\Administrator\Downloads\5d14b7e777aedbf082bf.jpg",
    #  "D:\Năm 2024\Hình ảnh\DSC_6172.JPG", "\\server\share\a.doc")
    | (?:file:/+)?[a-z]:[\\/][^:*?"<>|]{0,300}
    | \\\\[^\\\s]+\\[^:*?"<>|]{0,300}
    # a POSIX path: "/tmp/a.png", "~/Ảnh/x.jpg", "/home/u/Hình ảnh/a.jpg"
    | (?:file:/+|~/|/)(?:home|users|tmp|var|mnt|media|storage|sdcard|private|volumes|data)/[^:*?"<>|]{0,300}
    | (?:file:/+|~/|/)[^\s/]+(?:/[^\s/]*)+
    """
)


def _is_junk_line(line: str) -> bool:
    """True if a stripped line is only an image name or a file-system path."""
    # cheap literal tests first: nearly all lines fail all of them
    if len(line) > 300:
        return False
    if " " not in line:  # one token: a name, a URL or a path without spaces
        return ("." in line or "/" in line or "\\" in line) and _JUNK_LINE.fullmatch(line) is not None
    # a path with spaces in it: "D:\\Năm 2024\\Hình ảnh\\DSC_6172.JPG"
    c = line[0]
    if c == "/" or c == "~" or c == "\\" or line[1:3] in (":\\", ":/") or line[:5].lower() == "file:":
        return _JUNK_LINE.fullmatch(line) is not None
    return False


# -- Unicode NFC ----------------------------------------------------------------

# A starter followed by combining marks (or marks with no starter). Windows-1258
# decodes to a precomposed base letter plus a combining tone mark: "hoa\u0300".
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK = re.compile(f"[{_MARKS}]")
_MARKED_CLUSTER = re.compile(f"[^{_MARKS}]?[{_MARKS}]+", re.S)
_NFC_CACHE: dict[str, str] = {}


def _nfc_with_map(raw: str) -> tuple[str, list[int], list[int]]:
    """NFC ``raw`` cluster by cluster; return (text, norm starts, raw starts).

    Every cluster that composes shorter gets its own segment, so the map stays
    exact. The result ends with a sentinel segment (len(text), len(raw)).
    Vietnamese has a few hundred distinct clusters, so their NFC is cached.
    """
    # Fast case, all of Windows-1258 and NFD Vietnamese: every mark composes
    # into the letter before it. The k-th mark, at raw offset p, then shifts
    # the text after it: text offset p - k maps to raw p + 1. Equal text
    # offsets (two marks on one letter, "e\u0323\u0302") are harmless: bisect
    # picks the last.
    marks = [m.start() for m in _MARK.finditer(raw)]
    text = unicodedata.normalize("NFC", raw)
    if marks and marks[0] > 0 and len(text) == len(raw) - len(marks):
        ns = [0]
        ns += [p - k for k, p in enumerate(marks)]
        rs = [0]
        rs += [p + 1 for p in marks]
        ns.append(len(text))
        rs.append(len(raw))
        return text, ns, rs
    pieces: list[str] = []
    ns: list[int] = [0]
    rs: list[int] = [0]
    n = 0
    pos = 0
    cache = _NFC_CACHE
    for m in _MARKED_CLUSTER.finditer(raw):
        a, b = m.span()
        cluster = m.group()
        composed = cache.get(cluster)
        if composed is None:
            composed = unicodedata.normalize("NFC", cluster)
            if len(cache) < 10000:
                cache[cluster] = composed
        if a > pos:
            pieces.append(raw[pos:a])
            n += a - pos
        pieces.append(composed)
        pos = b
        lc = len(composed)
        if lc == b - a:
            n += lc
            continue
        # the composed characters map to the cluster start, what follows to its end
        if rs[-1] - ns[-1] != a - n:
            if ns[-1] == n:
                rs[-1] = a
            else:
                ns.append(n)
                rs.append(a)
        for k in range(1, lc):
            ns.append(n + k)
            rs.append(a)
        n += lc
        ns.append(n)
        rs.append(b)
    if pos < len(raw):
        pieces.append(raw[pos:])
        n += len(raw) - pos
    text = "".join(pieces)
    if not unicodedata.is_normalized("NFC", text):
        return _nfc_with_map_exact(raw)
    if ns[-1] == n:
        rs[-1] = len(raw)
    else:
        ns.append(n)
        rs.append(len(raw))
    return text, ns, rs


def _nfc_with_map_exact(raw: str) -> tuple[str, list[int], list[int]]:
    """NFC ``raw`` cluster by cluster, character by character where needed.

    The slow, general form of ``_nfc_with_map``: it also handles text with
    singleton decompositions (U+212B ANGSTROM SIGN) outside marked clusters.
    """
    out: list[str] = []
    ns: list[int] = [0]
    rs: list[int] = [0]
    n = 0
    pos = 0

    def emit_plain(chunk: str, r0: int) -> None:
        nonlocal n
        if unicodedata.is_normalized("NFC", chunk):
            _add(ns, rs, n, r0)
            out.append(chunk)
            n += len(chunk)
            return
        # rare: singleton decompositions (U+212B ANGSTROM SIGN) and the like
        for k, ch in enumerate(chunk):
            emit_cluster(unicodedata.normalize("NFC", ch), r0 + k, 1)

    def emit_cluster(composed: str, r0: int, rlen: int) -> None:
        nonlocal n
        _add(ns, rs, n, r0)
        out.append(composed)
        # characters after the first (marks that did not compose) map to the
        # cluster start; a span cannot split a cluster and round-trip anyway
        for k in range(1, len(composed)):
            _add(ns, rs, n + k, r0)
        n += len(composed)
        _add(ns, rs, n, r0 + rlen)

    for m in _MARKED_CLUSTER.finditer(raw):
        a, b = m.span()
        if a > pos:
            emit_plain(raw[pos:a], pos)
        emit_cluster(unicodedata.normalize("NFC", raw[a:b]), a, b - a)
        pos = b
    if pos < len(raw):
        emit_plain(raw[pos:], pos)
    _add(ns, rs, n, len(raw))
    return "".join(out), ns, rs


def _add(ns: list[int], rs: list[int], n: int, r: int) -> None:
    """Append segment (n -> r) unless it continues the last one linearly."""
    if ns:
        last_n = ns[-1]
        if last_n == n:
            rs[-1] = r
            return
        if r - rs[-1] == n - last_n:
            return
    ns.append(n)
    rs.append(r)


def _compose(ns: list[int], ms: list[int], end: int,
             inner_ns: list[int], inner_rs: list[int]) -> tuple[list[int], list[int]]:
    """Compose outer segments (text -> middle) with inner ones (middle -> raw).

    ``ns``/``ms`` exclude the outer sentinel; ``end`` is the text length. The
    result has no sentinel either. Inner starts inside an outer segment are
    shifted over with slices, so the cost is a few list operations per outer
    segment (one per line, at most) rather than per inner one.
    """
    out_n: list[int] = []
    out_r: list[int] = []
    bounds = ns[1:] + [end]
    for n0, m0, n1 in zip(ns, ms, bounds):
        m1 = m0 + (n1 - n0)
        j0 = bisect_right(inner_ns, m0) - 1
        j1 = bisect_left(inner_ns, m1, j0 + 1)
        out_n.append(n0)
        out_r.append(inner_rs[j0] + (m0 - inner_ns[j0]))
        if j1 > j0 + 1:
            shift = n0 - m0
            out_n += [x + shift for x in inner_ns[j0 + 1:j1]]
            out_r += inner_rs[j0 + 1:j1]
    return out_n, out_r


# -- the normalized text --------------------------------------------------------


@dataclass
class NormalizedText:
    """Normalized ``text`` plus the ``source`` it came from and an offset map.

    ``_ns``/``_rs`` are the segment starts in ``text`` and in ``source``; the
    last entry is a sentinel mapping ``len(text)`` to the end of the last kept
    source character. Built with only ``text`` and ``source``, the map is the
    identity.
    """

    text: str
    source: str
    _ns: list[int] = field(default_factory=list, repr=False, compare=False)
    _rs: list[int] = field(default_factory=list, repr=False, compare=False)

    def to_source(self, i: int) -> int:
        """Map offset ``i`` of ``text`` (0..len(text)) to an offset of ``source``.

        >>> nt = normalize("a  b\\r\\n\\r\\n\\r\\nc")
        >>> nt.text, nt.to_source(2), nt.to_source(5)
        ('a b\\n\\nc', 3, 10)
        """
        if not self._ns:
            return i
        if i < 0 or i > len(self.text):
            raise IndexError(f"offset {i} outside 0..{len(self.text)}")
        k = bisect_right(self._ns, i) - 1
        return self._rs[k] + (i - self._ns[k])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``text[start:end]`` to ``(start, end)`` in ``source``."""
        if end < start:
            raise ValueError(f"span end {end} before start {start}")
        s = self.to_source(start)
        return s, max(s, self.to_source(end))


def normalize(raw: str) -> NormalizedText:
    """Normalize ``raw`` for extraction, keeping a map back to it.

    Args:
        raw: the decoded article text.

    Returns:
        NormalizedText whose ``text`` is NFC, has one space between words, no
        junk lines, lines split by "\\n" and paragraphs by "\\n\\n".

    >>> normalize("  Xã Xuân Hoà\\t đạt chuẩn.\\r\\n\\r\\nH9.png\\r\\nHết.  ").text
    'Xã Xuân Hoà đạt chuẩn.\\n\\nHết.'
    """
    if unicodedata.is_normalized("NFC", raw):
        text, ns, ms = _clean(raw)
        return NormalizedText(text, raw, ns, ms)
    nfc, inner_ns, inner_rs = _nfc_with_map(raw)
    text, ns, ms = _clean(nfc)
    ns, rs = _compose(ns[:-1], ms[:-1], ns[-1], inner_ns, inner_rs)
    # sentinel: the end of text maps to the raw end of the last kept character
    k = bisect_right(inner_ns, ms[-1]) - 1
    end_raw = inner_rs[k] + (ms[-1] - inner_ns[k])
    if ns and ns[-1] == len(text):
        rs[-1] = end_raw
    else:
        ns.append(len(text))
        rs.append(end_raw)
    return NormalizedText(text, raw, ns, rs)


def _clean(s: str) -> tuple[str, list[int], list[int]]:
    """Whitespace and junk-line cleaning of NFC ``s``.

    Returns the text and its segment map into ``s``, sentinel included.
    """
    out: list[str] = []
    ns: list[int] = []
    ms: list[int] = []
    n = 0
    prev_end = 0  # end of the previous line match in s
    last_end = 0  # offset in s just after the last kept content
    blank = False  # a blank line was seen since the last kept line
    strip = str.strip
    for m in _LINE.finditer(s):
        a, b = m.span()
        gap = a - prev_end
        # two or more line breaks between lines (only "\r\n" is two chars)
        if gap > 2 or (gap == 2 and s[prev_end] != "\r"):
            blank = True
        prev_end = b
        line = m.group()
        c = strip(line, _WS_CHARS)
        if not c:
            blank = True
            continue
        if _is_junk_line(c):
            continue
        if out:
            _add(ns, ms, n, last_end)
            sep = "\n\n" if blank else "\n"
            out.append(sep)
            n += len(sep)
        start = a + line.find(c[0]) if line[0] != c[0] else a
        _add(ns, ms, n, start)
        if _INNER_WS.search(c) is None:
            out.append(c)
            n += len(c)
        else:
            pos = 0
            for r in _WS_RUN.finditer(c):
                ra, rb = r.span()
                if rb - ra == 1 and c[ra] == " ":
                    continue
                # the space that replaces the run maps to the run's start
                out.append(c[pos:ra])
                out.append(" ")
                n += ra - pos + 1
                pos = rb
                _add(ns, ms, n, start + rb)
            out.append(c[pos:])
            n += len(c) - pos
        last_end = start + len(c)
        blank = False
    if not ns or ns[-1] != n:
        ns.append(n)
        ms.append(last_end)
    else:
        ms[-1] = last_end
    return "".join(out), ns, ms


# -- tone folding ---------------------------------------------------------------

_TONE_FOLD = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def _case_variants(table: dict[str, str]) -> dict[str, str]:
    """Add "Oà"->"Òa", "OÀ"->"ÒA" and "oÀ"->"òA" for every lowercase pair."""
    out = {}
    for old, new in table.items():
        for up0 in (False, True):
            for up1 in (False, True):
                o = (old[0].upper() if up0 else old[0]) + (old[1].upper() if up1 else old[1])
                w = (new[0].upper() if up0 else new[0]) + (new[1].upper() if up1 else new[1])
                out[o] = w
    return out


_TONE_FOLD_ALL = _case_variants(_TONE_FOLD)


# Only an open syllable has two placements ("hoà"/"hòa", "thuỷ"/"thủy"): with a
# final consonant ("hoạch", "soát", "Huỳnh") or after "q" ("quý", where u belongs
# to the consonant) the tone has one place, and folding would misspell the word
# and break patterns such as "kế hoạch" and "rà soát".
# One character class per letter, so that ``re`` scans for the first letter instead of trying
# every offset (a leading look-behind or alternation would): the pairs of the class that are
# no fold pair ("oỳ") and those after "q" are given back unchanged by _fold_match.
_TONE_FOLD_RE = re.compile(
    "[" + re.escape("".join(sorted({p[0] for p in _TONE_FOLD_ALL}))) + "]"
    "[" + re.escape("".join(sorted({p[1] for p in _TONE_FOLD_ALL}))) + r"](?!\w)"
)


def fold_tones(s: str) -> str:
    """Fold old tone placement to the new one; the result has the length of ``s``.

    Only open syllables are folded, so "hoạch", "soát", "quý" and "Huỳnh" keep
    their (only) spelling. The scorer (shared/eval/score.py) folds every pair;
    both agree on every word whose spelling really varies.

    >>> fold_tones("Xuân Hoà, Thuỷ Nguyên, HOÀ BÌNH")
    'Xuân Hòa, Thủy Nguyên, HÒA BÌNH'
    """
    if _TONE_FOLD_RE.search(s) is None:
        return s

    def _fold_match(m: re.Match) -> str:
        pair = m.group()
        i = m.start()
        if i and s[i - 1] in "qQ":  # "quý": the u belongs to the consonant
            return pair
        return _TONE_FOLD_ALL.get(pair, pair)

    return _TONE_FOLD_RE.sub(_fold_match, s)
