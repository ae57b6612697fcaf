"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times).

Before Unicode, Vietnamese documents were typed in 8-bit "font encodings":
the bytes are ordinary Latin-1 bytes and the font draws them as Vietnamese
letters. Opened without the font they read as "Céng hoµ x· héi" (TCVN3) or
"Coäng hoøa xaõ hoäi" (VNI). No maintained package converts them, so the
mapping tables are this project's own data files, ``corpus/data/tcvn3.json``
and ``corpus/data/vni.json`` (each names its source in ``_source``).

``sniff()`` tells whether a text is in one of them, by converting it with
each table and counting how many of the words that carry non-ASCII letters
are well-formed Vietnamese syllables afterwards; ``to_unicode()`` converts;
``from_unicode()`` is the inverse (for tests and for making fixtures).

>>> to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3")
'Cộng hoà xã hội chủ nghĩa Việt Nam'
>>> to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni")
'Cộng hòa xã hội chủ nghĩa Việt Nam'
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

__all__ = ["LEGACY_ENCODINGS", "Sniffed", "from_unicode", "has_unicode_vietnamese", "sniff", "to_unicode"]

_DATA = Path(__file__).parent / "data"

# name -> (data file, how the user knows it)
LEGACY_ENCODINGS = {
    "tcvn3": ("tcvn3.json", "TCVN3 (ABC, .VnTime fonts)"),
    "vni": ("vni.json", "VNI (VNI-Times fonts)"),
}

# A text is taken to be in a legacy encoding when at least this share of its
# non-ASCII words are Vietnamese syllables once converted ...
ACCEPT = 0.85
# ... and it is refused, naming the encoding, between this share and ACCEPT
REJECT = 0.6
# ... counting at least this many non-ASCII words
MIN_WORDS = 3
# ... and the conversion must beat reading the text as it is (or as
# Windows-1258) by this margin
MARGIN = 0.3


@dataclass(frozen=True)
class _Table:
    encode: dict[str, str]  # Unicode letter -> legacy characters (Latin-1 code points)
    decode: dict[str, str]  # legacy characters (1 or 2) -> Unicode letter


@lru_cache(maxsize=None)
def _table(encoding: str) -> _Table:
    """Load a mapping table on first use and build both directions."""
    try:
        filename = LEGACY_ENCODINGS[encoding][0]
    except KeyError:
        raise ValueError(f"unknown legacy encoding {encoding!r}: known are {', '.join(LEGACY_ENCODINGS)}")
    data = json.loads((_DATA / filename).read_text(encoding="utf-8"))
    encode = {letter: bytes.fromhex(code).decode("latin-1") for letter, code in data["map"].items()}
    decode: dict[str, str] = {}
    for letter, seq in encode.items():
        if letter.isupper() and seq in decode:
            # TCVN3: an upper-case toned letter shares its code with the
            # lower-case one (the capital font draws it); decode to lower case
            continue
        decode.setdefault(seq, letter)
        if len(seq) == 2 and seq[0].isascii():
            # VNI base + mark: accept the mark in either case, the base decides
            other = seq[0] + seq[1].swapcase()
            decode.setdefault(other, letter)
    return _Table(encode=encode, decode=decode)


def to_unicode(text: str, encoding: str) -> str:
    """Convert text read byte-for-byte as Latin-1 from ``encoding`` to Unicode (NFC letters).

    Characters the table does not know are kept as they are.
    """
    table = _table(encoding).decode
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in table:
            out.append(table[pair])
            i += 2
            continue
        out.append(table.get(text[i], text[i]))
        i += 1
    result = "".join(out)
    if encoding == "tcvn3":
        result = "".join(_restore_capitals(line) for line in result.splitlines(keepends=True))
    return result


def from_unicode(text: str, encoding: str) -> str:
    """The legacy form of ``text`` as Latin-1 code points (``.encode('latin-1')`` gives the bytes).

    TCVN3 has no codes for upper-case toned letters: they take the
    lower-case codes, as the capital fonts (.VnTimeH) did.
    """
    table = _table(encoding).encode
    out = []
    for ch in unicodedata.normalize("NFC", text):
        seq = table.get(ch)
        if seq is None and encoding == "tcvn3" and ch.isupper():
            seq = table.get(ch.lower())
        out.append(seq if seq is not None else ch)
    return "".join(out)


_WORD = re.compile(r"[^\W\d_]+")
_UPPER_BASES = frozenset("ĂÂÊÔƠƯĐ")


def _capitals(s: str) -> int:
    return sum(1 for c in s if ("A" <= c <= "Z") or c in _UPPER_BASES)


def _restore_capitals(line: str) -> str:
    """TCVN3 capitals, typed in a capital font that draws the lower-case codes.

    A line without lower-case ASCII letters and with a few capitals
    ("UBND TØNH TRµ VINH") is all capitals; so is a word of two or more
    capitals and no lower-case ASCII letter ("TØNH"). A word with a single
    capital ("Uû" = "Uỷ") is left as it is.
    """
    if not any("a" <= c <= "z" for c in line) and _capitals(line) >= 4:
        return line.upper()

    def word(m: re.Match) -> str:
        w = m.group(0)
        if any("a" <= c <= "z" for c in w) or _capitals(w) < 2:
            return w
        return w.upper()

    return _WORD.sub(word, line)


# -- detection ------------------------------------------------------------------

# Vietnamese syllables, tone marks removed and lower-cased: onset, vowel
# nucleus (the clusters Vietnamese spelling allows), coda.
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEI = sorted(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu".split(),
    key=len, reverse=True,
)
_SYLLABLE = re.compile(f"{_ONSET}(?:{'|'.join(_NUCLEI)})(?:ch|nh|ng|c|m|n|p|t)?")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# a token: a run of anything but spaces, ASCII digits and punctuation and the
# General Punctuation block (Windows-1252's curly quotes and dashes); Latin-1
# punctuation stays in, being letters in TCVN3 ("x·" = "xã", "n«ng" = "nông")
_TOKEN = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]+")
# letters that only Unicode Vietnamese text has (ă đ ĩ ũ ơ ư, the Latin
# Extended Additional block) or combining tone marks (Windows-1258)
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                         "\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")


def has_unicode_vietnamese(text: str) -> bool:
    """True when ``text`` has letters only Unicode Vietnamese has (so it is not TCVN3 or VNI).

    >>> has_unicode_vietnamese("Hà Nội"), has_unicode_vietnamese("Hµ Néi"), has_unicode_vietnamese("Hà Nam")
    (True, False, False)
    """
    return _UNICODE_VI.search(text) is not None


def _is_syllable(token: str) -> bool:
    nfd = unicodedata.normalize("NFD", token.lower())
    if sum(nfd.count(t) for t in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def syllable_share(text: str) -> tuple[float, int]:
    """(share of Vietnamese syllables, count) among the tokens with non-ASCII characters.

    >>> syllable_share("Xã Mỹ Hoà đạt chuẩn 19/19")
    (1.0, 5)
    >>> syllable_share("Le comité a été créé")
    (0.0, 3)
    """
    tokens = [t for t in _TOKEN.findall(text) if not t.isascii()]
    if not tokens:
        return 0.0, 0
    return sum(map(_is_syllable, tokens)) / len(tokens), len(tokens)


@dataclass(frozen=True)
class Sniffed:
    """What ``sniff`` found: the encoding, its description, the converted text, how sure."""

    encoding: str
    label: str
    text: str
    share: float  # of non-ASCII words that are Vietnamese syllables once converted
    words: int
    accepted: bool  # False: it looks like this encoding but converts badly


def sniff(text: str, alternatives: tuple[str, ...] = (), sample: int = 50_000) -> Optional[Sniffed]:
    """Is ``text`` (bytes read as Latin-1/Windows-1252) in TCVN3 or VNI?

    Args:
        text: the text as read, one character per byte (or a Word/PDF text
            whose font was .VnTime or VNI-Times).
        alternatives: other readings of the same bytes (e.g. as
            Windows-1258) that a legacy reading must beat.
        sample: how many characters to score.

    Returns:
        None when the text is Unicode Vietnamese, ASCII or not Vietnamese at
        all; otherwise the best legacy reading, ``accepted`` when it converts
        cleanly (``text`` is then the whole converted text).

    >>> sniff("Ủy ban nhân dân tỉnh") is None
    True
    >>> sniff("Uû ban nh©n d©n tØnh Trµ Vinh").encoding
    'tcvn3'
    """
    head = text[:sample]
    if head.isascii() or len(_UNICODE_VI.findall(head)) > 2:
        return None
    base = max((syllable_share(t[:sample])[0] for t in (head, *alternatives)), default=0.0)
    best: Optional[tuple[float, int, str, str]] = None
    for enc in LEGACY_ENCODINGS:
        share, words = syllable_share(to_unicode(head, enc))
        if words >= MIN_WORDS and (best is None or share > best[0]):
            best = (share, words, enc, head)
    if best is None:
        return None
    share, words, enc, _ = best
    if share < REJECT or share < base + MARGIN:
        return None
    accepted = share >= ACCEPT
    converted = to_unicode(text, enc) if accepted else ""
    return Sniffed(enc, LEGACY_ENCODINGS[enc][1], converted, share, words, accepted)
