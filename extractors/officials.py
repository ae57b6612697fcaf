"""Officials: people named with their titles.

Rules first, NER last. A title lexicon (``data/titles.jsonl``) finds title heads
("Phó Chủ tịch", "Giám đốc"); the organisation words after a head are read
token by token; person names are a surname from ``data/person_names.json``
followed by capitalised syllables (Khmer names such as "Kiên Sóc Kha" and
"Thạch ..." included). Shapes handled:

- "Lê Văn Hẳn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh" (name, then titles);
- "Chủ tịch UBND tỉnh Lê Văn Hân" (title, then name), and a list after it:
  "Phó Chủ tịch Lê Thanh Bình, Nguyễn Trung Hoàng";
- a group title shared by a list: "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy
  phụ trách địa bàn: A, ...; B, ...";
- a title with no name after a ";" in an attendance list belongs to the person
  before it ("Kim Ngọc Thái, Phó Bí thư Thường trực Tỉnh ủy; Chủ tịch HĐND tỉnh;");
- a signature block: "PHÓ CHÁNH VĂN PHÒNG" then the signer's name.

Honorifics ("Đồng chí", "Bác sĩ") are not part of names; names on byline lines
("Tin, ảnh: ...") are authors, not officials. Where a title is followed by a
capitalised name that the surname list does not know, underthesea's NER
decides (a few sentences per thousand).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, islice
from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context
from extractors.models import Level, Official, Unit
from extractors.titles import (
    ACRONYM, BYLINE, CAPITAL, PREFIX, GROUP, LEVEL_WORDS, ORG_AFTER, ORG_CAPS, ORG_LOWER, SIGNATURE_PREFIX, TITLE_SEP, WORD, compiled,
    person_starts, surnames, title_heads,
)
from extractors.units import clean_name, join_words, level_of, province_name
from pipeline.normalize import fold_tones

# sentences: examined by find(); title_sentences: of those, with a title head; ner_asked: times
# the NER was consulted (an unknown capitalised name after a title); ner_calls: NER runs (cache misses).
NER_STATS = {"sentences": 0, "title_sentences": 0, "ner_asked": 0, "ner_calls": 0}
_MAX_TITLE_WORDS = 16
_LIST_JOIN = regex.compile(r"\s*(?:,|;|\bvà\b|,\s*và)\s*")
_REMARK_JOIN = regex.compile(r"\s*,[^.:;\n]{0,120}?;\s*")
_ATTACH = regex.compile(r"[ \t]*;[ \t]*")
_CHI_DAO = regex.compile(r"[ \t]*chỉ\s+đạo", flags=regex.I)
_BARE_END = regex.compile(r"\s*(?:[;.]|$)")
_GROUP_COLON = regex.compile(r"[^.;:]{0,80}?[:;,]\s*")
# A capitalised run right after a level word is a place, not a person: "UBND tỉnh Hà Giang, Trưởng
# Ban ..." ("Hà" is also a surname); a name a title introduces ("Chủ tịch UBND tỉnh Lê Văn Hân") is kept.
_PLACE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:tỉnh|huyện|xã|thị\s+xã|thành\s+phố|quận|phường|thị\s+trấn)[ \t]+$")
# the last word of each of _PLACE_BEFORE's level words
_PLACE_WORDS = ("tỉnh", "huyện", "xã", "phố", "quận", "phường", "trấn")


def _place_before(ctx: Context, a: int, b: int) -> bool:
    """``_PLACE_BEFORE.search(f, a, b)``: a match lies in ``a:b``, and holds one of _PLACE_WORDS."""
    return ctx.may_hold(_PLACE_WORDS, a, b) and _PLACE_BEFORE.search(ctx.folded, a, b) is not None


# A former title ("nguyên Phó Chủ tịch UBND huyện") is not one the person holds now: it is kept
# with its word, and the unit is read off a current title where there is one
_FORMER = regex.compile(r"(?i:nguyên|từng\s+là|cựu)[ \t]+")
# "..., nguyên Phó Chủ tịch UBND huyện X, nay là Chủ tịch UBND xã X": the current titles follow
_FORMER_BEFORE = regex.compile(_FORMER.pattern + "$")  # the same words, right before a title
# a person after a title, a comma and an honorific: ", ông Quảng Đại Nghĩa"
_HONORIFIC_AFTER = regex.compile(r",[ \t]*(?i:ông|bà|đồng[ \t]+chí)[ \t]+(?=\p{Lu})")
_NOW = regex.compile(r"(?i:nay\s+là|hiện\s+là)[ \t]+")
_FORMER_NOW_WORDS = ("nguyên", "từng", "cựu", "nay", "hiện")
_TITLE_ASIDE = regex.compile(r"[ \t]*\([^()\n]{1,30}\)")
_SEP_FIRST = (",", "–", "—", "-")  # what TITLE_SEP holds after its spaces


@lru_cache(maxsize=1)
def _head_anchored() -> P.Anchored:
    """The title-head pattern, tried only where a head's first word starts and one of the
    second words of its heads follows.

    Only the second word is looked at (one ``str.startswith`` on a tuple rather than every
    head's words one by one): a superset of the offsets where a head starts, as ``Anchored``
    allows; the head pattern itself is then tried there.

    "Tỉnh ủy viên", "Huyện ủy viên", ...: "tỉnh" and "huyện" are the most frequent first words
    by far, and these heads their only ones. Such a head holds "ủy viên", itself a head whose
    start is kept, so these heads are found from there instead: the word before such an "ủy".
    """
    head, _ = compiled()
    heads = [h.lower().split() for h in title_heads()]  # every head has at least two words
    # first words whose every head is "<word> ủy viên"
    before_uy = tuple(w for w in {h[0] for h in heads} if all(h[1:] == ["ủy", "viên"] for h in heads if h[0] == w))
    assert ["ủy", "viên"] in heads
    second: dict[str, set] = {}
    for h in heads:
        if h[0] not in before_uy:
            second.setdefault(h[0], set()).add(h[1])
    seconds = {w: tuple(sorted(s)) for w, s in second.items()}

    def second_word_follows(ctx: Context, i: int, j: int) -> bool:
        low = ctx.low
        words = seconds[low[i:j]]
        if low.startswith(" ", j):  # one space between the words, as almost always
            if low.startswith(words, j + 1):
                return True
            if not low[j + 1:j + 2].isspace():
                return False
        k = j  # any run of spaces
        while k < len(low) and low[k].isspace():
            k += 1
        return k > j and low.startswith(words, k)

    def word_before_uy(ctx: Context, starts: list) -> list:
        low = ctx.low
        out = []
        for p in starts:
            if not low.startswith("ủy", p):
                continue
            q = p
            while q > 0 and low[q - 1].isspace():
                q -= 1
            if q < p:
                out.extend(q - len(w) for w in before_uy if q >= len(w) and low.startswith(w, q - len(w)))
        return out

    return P.Anchored(head, list(seconds), check=second_word_follows, extra=word_before_uy)


@lru_cache(maxsize=1)
def _surnames() -> frozenset:
    return frozenset(surnames())


def _is_surname(word: str) -> bool:
    """``word`` is one of the surnames (one word each, as written)."""
    return word in _surnames()


@lru_cache(maxsize=8192)
def _known_place(name: str) -> bool:
    """True when ``name`` is a unit of the register (any level) or a province."""
    from extractors.gazetteer import Gazetteer

    return province_name(name) is not None or bool(Gazetteer.default().lookup(name))


# what a lower-case (not CAPITAL) word after a title head does (:func:`_word_kind`)
_ORG_WORD, _CHECK_WORD, _END_WORD = range(3)
# organisation words that no rule of :func:`_read_title` looks at more closely
_PLAIN_ORG = frozenset(ORG_LOWER - {"chỉ", "thành", "phát", "và"} - set(ORG_AFTER))


@lru_cache(maxsize=65536)
def _word_kind(w: str) -> tuple[bool, bool, int, str]:
    """How :func:`_read_title` takes the word ``w`` as far as the word alone decides (the
    words of titles recur: each is looked at once): (CAPITAL, one or two digits (\\d{1,2}:
    \\p{Nd} as str.isdecimal), what it does otherwise, lower-cased). Otherwise an ACRONYM or an
    organisation word goes on the title (_ORG_WORD), one of the words whose rule looks at the
    text around is checked there (_CHECK_WORD), and any other word ends the title (_END_WORD).
    """
    low = w.lower()
    if ACRONYM.fullmatch(w) or low in _PLAIN_ORG:
        action = _ORG_WORD
    elif low in ("chỉ", "thành", "phát", "và") or low in ORG_AFTER:
        action = _CHECK_WORD
    else:
        action = _END_WORD
    return CAPITAL.fullmatch(w) is not None, len(w) <= 2 and w.isdecimal(), action, low


# Consecutive WORDs that are CAPITAL, in one match: a CAPITAL followed by nothing that could
# go on a WORD is a whole WORD (WORD is greedy), and whole WORDs are what CAPITAL must match.
_CAP_RUN = regex.compile(
    r"(?:[ \t]*(?P<w>" + CAPITAL.pattern + r")(?![\p{L}\d&]|[-.&'’][\p{L}\d&]))+")
assert WORD.pattern == r"[ \t]*(?P<w>[\p{L}\d&]+(?:[-.&'’][\p{L}\d&]+)*)"


def _cap_run(f: str, pos: int) -> tuple[list[int], list[int], tuple[str, ...]]:
    """Consecutive capitalised words from ``pos`` (a capitalised WORD starts there): their
    starts, ends and words."""
    m = _CAP_RUN.match(f, pos)
    return m.starts(1), m.ends(1), tuple(m.captures(1))


# what a capitalised run after title words is (:func:`_read_run`)
_PERSON, _SPLIT, _MAYBE, _ORG = range(4)


@lru_cache(maxsize=16384)
def _read_run(names: tuple[str, ...], prev_level: bool, after_tinh: bool) -> tuple[int, Optional[int]]:
    """A capitalised run ``names`` inside a title, after a level word (``prev_level``: "UBND
    huyện ...") or after "tỉnh" (``after_tinh``): (_PERSON, None) when a person's name starts
    with it; (_SPLIT, j) when a place ends before ``names[j]`` and a name starts there;
    (_MAYBE, None) when it may be a name the surname list does not know; (_ORG, None) when
    it goes on the title. Only the words decide, so each run is read once per process.
    """
    # "Bí thư Huyện ủy Trần Văn Thời": a run the register knows whole is the place (the district
    # bears a person's name), not a person
    place = prev_level and (len(names) == 2 or province_name(" ".join(names)) is not None
                            or (len(names) >= 3 and _known_place(" ".join(names))))
    if not prev_level and len(names) <= 4 and province_name(" ".join(names)) is not None:
        return _ORG, None  # "Giám đốc Sở Nông nghiệp và PTNT Hà Tĩnh": the province of the body
    # "UBND huyện Lạc Dương Ka Tùng": a name prefix right after a known place opens the name
    prefixed = [j for j in range(1, len(names) - 1) if PREFIX.fullmatch(names[j])
                and 2 <= len(names) - j <= 5 and _known_place(" ".join(names[:j]))] if prev_level else []
    place = place or bool(prefixed)
    if _is_surname(names[0]) and 2 <= len(names) <= 4 and not place:
        return _PERSON, None
    if PREFIX.fullmatch(names[0]) and 2 <= len(names) <= 5 and not place:
        return _PERSON, None  # "Phó Chủ tịch UBND tỉnh Y Giang Gry Niê Knơng"
    splits = [j for j in range(1, len(names) - 1) if _is_surname(names[j])
              and 2 <= len(names) - j <= 4] if prev_level else []
    # "UBND huyện Quế Sơn Nguyễn Văn Hùng": "Sơn" is a surname too; the place is the
    # longest prefix the register knows ("Quế Sơn", not "Quế"), so split after it
    known = [j for j in splits if _known_place(" ".join(names[:j]))]
    if not known and prefixed:
        known = prefixed
    split = known[-1] if known else (splits[0] if splits else None)
    if split is not None and after_tinh and province_name(" ".join(names[:split])) is None:
        split = None  # after "tỉnh" the place must be a province: "tỉnh Y Thanh Hà Niê Kđăm" is a name
    after_province_word = after_tinh and province_name(" ".join(names)) is None
    if prev_level and (split is None or split >= 2 and PREFIX.fullmatch(names[split - 1])):
        # "UBND huyện Lắk Y Phôn Rcăm": an Ê Đê prefix opens the name
        split = next((j for j in range(1, len(names) - 1) if PREFIX.fullmatch(names[j])
                      and 2 <= len(names) - j <= 5), split)
    if split is not None:
        return _SPLIT, split
    if (not prev_level or after_province_word) and len(names) >= 2 and names[0] not in ORG_CAPS:
        return _MAYBE, None
    return _ORG, None


class _Titles(dict):
    """One document's titles: offset -> (end of the head there, *:func:`_read_title`), or None
    where no title head starts; each offset is read once however many persons look at it."""

    __slots__ = ("f",)

    def __init__(self, f: str):
        super().__init__()
        self.f = f

    def __missing__(self, pos: int):
        head, _ = compiled()
        m = head.match(self.f, pos)
        got = self[pos] = None if m is None else (m.end(), *_read_title(self.f, pos, m.end()))
        return got


def _read_title(f: str, pos: int, end: int) -> tuple[int, Optional[int], Optional[tuple[int, int]]]:
    """Read a title whose head is ``f[pos:end]``.

    Returns (end of the title, start of a person name right after it or None, span of a
    trailing capitalised run that may be a name the surname list does not know or None).
    """
    words = f[pos:end].lower().split()
    i = end
    n = 0
    place_run = False
    while n < _MAX_TITLE_WORDS:
        wm = WORD.match(f, i)
        if not wm:
            break
        w = wm[1]
        capital, number, action, low = _word_kind(w)
        if capital:
            ws = wm.start(1)
            starts, ends, names = _cap_run(f, ws)
            prev_level = bool(words) and (words[-1] in LEVEL_WORDS or words[-1] == "ủy" or " ".join(words[-2:]) in LEVEL_WORDS)
            kind, split = _read_run(names, prev_level, words[-1] == "tỉnh")
            if kind == _PERSON:
                return end, ws, None
            if kind == _SPLIT:
                return ends[split - 1], starts[split], None
            if kind == _MAYBE:
                maybe = (ws, ends[-1])
                if not WORD.match(f, maybe[1]) or WORD.match(f, maybe[1]).group("w").lower() not in ORG_LOWER:
                    return end, None, maybe
            end = i = ends[-1]
            place_run = prev_level
            words += [x.lower() for x in names]
            n += len(names)
            continue
        if number and (place_run or (words and words[-1] in LEVEL_WORDS)):
            # "UBND xã Đại Ân 2 Thạch Sô Phết", "UBND Phường 3 Lê Văn A": a number (one or two
            # digits, \p{Nd} as str.isdecimal) ends the place's name; what follows is read
            # afresh (a person's name)
            end = i = wm.end()
            words.append(low)
            n += 1
            place_run = False
            continue
        place_run = False
        if action == _END_WORD:
            break
        if action == _CHECK_WORD:
            if low == "chỉ" and words and words[-1] == "ban" and f[wm.end():wm.end() + 4].lower() == " đạo":
                end = i = _CHI_DAO.match(f, i).end()
                words += ["chỉ", "đạo"]
                n += 2
                continue
            elif low == "thành" and f[wm.end():wm.end() + 4].lower() == " phố":
                pass  # "Phó Chủ tịch UBND thành phố Hà Nội ...", not "thành lập"
            elif low == "phát" and f[wm.end():wm.end() + 6].lower() == " triển":
                pass  # "Nông nghiệp và phát triển nông thôn", not "phát biểu"
            elif low == "và":
                head, _ = compiled()
                nxt = WORD.match(f, wm.end())
                # "Nông nghiệp và PTNT": an organisation name may go on with an acronym
                if not nxt or not (CAPITAL.fullmatch(nxt.group("w")) or words and words[-1] == "nghiệp"
                                   and nxt.group("w") == "PTNT") or head.match(f, nxt.start("w")):
                    break
            elif low in ORG_AFTER:
                if not words or words[-1] not in ORG_AFTER[low]:
                    break
            elif low not in ORG_LOWER:
                break
        end = i = wm.end()
        words.append(low)
        n += 1
    # a title does not end on a connector
    while f[pos:end].rstrip().lower().endswith((" và", " các")):
        end = f[:end].rstrip().rfind(" ")
    return end, None, None


@lru_cache(maxsize=4096)
def _ner_persons(sentence: str) -> tuple[str, ...]:
    """Person names underthesea's NER finds in a sentence ('' when it is not installed)."""
    try:
        from underthesea import ner
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    NER_STATS["ner_calls"] += 1
    names, cur = [], []
    for tok in ner(sentence):
        word, tag = tok[0], tok[-1]
        if tag == "B-PER":
            if cur:
                names.append(" ".join(cur))
            cur = [word]
        elif tag == "I-PER" and cur:
            cur.append(word)
        else:
            if cur:
                names.append(" ".join(cur))
            cur = []
    if cur:
        names.append(" ".join(cur))
    return tuple(names)


@lru_cache(maxsize=16384)
def _key(text: str) -> str:
    """Tone-folded, lower-cased: how names and titles are compared (the same ones recur)."""
    return fold_tones(text).lower()


class _Collector:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.people: dict[str, Official] = {}
        self.have: dict[str, set[str]] = {}  # person's key -> the keys of their titles so far
        self.texts: dict[tuple[int, int], str] = {}  # title span -> _title_text (lists share titles)

    def add(self, start: int, end: int, titles: list[tuple[int, int]], quote_end: int):
        ctx = self.ctx
        name = join_words(ctx.text[start:end])
        key = _key(name)
        texts = []
        for span in titles:
            t = self.texts.get(span)
            if t is None:
                t = self.texts[span] = _title_text(ctx, *span)
            if t:
                texts.append(t)
        if not texts:
            return
        off = self.people.get(key)
        if off is None:
            off = Official(evidence=ctx.evidence(start, quote_end), quote=ctx.quote(start, quote_end),
                           extractor="officials", name=name, titles=[], unit=None)
            self.people[key] = off
            self.have[key] = set()
        have = self.have[key]  # only add() changes off.titles: always the keys of off.titles
        for t in texts:
            k = _key(t)
            if have and any(h.startswith(k + " ") for h in have):
                continue  # "Phó Chủ tịch UBND thành phố" after "... thành phố Hà Nội": the same title
            if k not in have:
                off.titles.append(t)
                have.add(k)
        if off.unit is None:
            off.unit = _unit_of(ctx, off.titles, start)


def _title_text(ctx: Context, s: int, e: int) -> str:
    t = " ".join(ctx.text[s:e].split()).strip(" ,;:-–")
    if t.isupper():
        # "PHÓ CHÁNH VĂN PHÒNG" -> the lexicon's casing for the head, the rest lower-case
        low = fold_tones(t).lower()
        for h in title_heads():
            if low.startswith(h.lower()):
                return h + t[len(h):].lower()
        return t.capitalize()
    return t


# "UBND tỉnh Đắk Lắk", and the party committee of a place: "Tỉnh ủy Đắk Lắk", "Huyện ủy Chư Sê"
_UNIT_IN_TITLE = regex.compile(r"(?i:(?<lw>tỉnh|huyện|xã|thị xã|thành phố|quận|phường|thị trấn))(?:\s+(?i:ủy))?"
                               r"(?:\s+(?<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}))?")
_NATIONAL_TITLE = regex.compile(r"(?i:thủ tướng|chính phủ|quốc hội|\bbộ\b|trung ương|chủ tịch nước)")


@lru_cache(maxsize=4096)
def _title_units(t: str) -> tuple[tuple[tuple[Level, Optional[str]], ...], bool, bool, bool]:
    """What title ``t`` says of its unit, for :func:`_unit_of` (only the words decide, so a
    title is read once per process): its level words in order, each with the unit name after
    it (None when none follows), up to the first named one; whether it speaks of the province
    ("tỉnh ủy", "sở", "tỉnh"), of a "huyện ủy"; whether it is a national title."""
    ft = fold_tones(t)
    levels = []
    for m in _UNIT_IN_TITLE.finditer(ft):
        lw = m.group("lw").lower()
        if m.group("name"):
            name = clean_name(m.group("name"))
            levels.append((level_of(lw, name), name))
            break  # a named unit settles it
        levels.append((level_of(lw, ""), None))
    low = ft.lower()
    province = "tỉnh ủy" in low or " sở " in f" {low} " or "tỉnh" in low
    return tuple(levels), province, "huyện ủy" in low, bool(_NATIONAL_TITLE.search(t))


def _unit_of(ctx: Context, titles: list[str], at: int) -> Optional[Unit]:
    """The unit an official serves, read off the titles (a current one first, else a former one)."""
    current = [t for t in titles if not _FORMER.match(t)]
    for t in current + [_FORMER.sub("", t, count=1) for t in titles if _FORMER.match(t)]:
        levels, province, huyen_uy, _ = _title_units(t)
        for level, name in levels:
            if name is not None:
                return ctx.unit(level, name)
            if level == Level.TINH:
                return ctx.unit(Level.TINH, ctx.province) if ctx.province else None
            u = ctx.section_unit(at) if level == Level.HUYEN else None
            u = u if u and u.level == level else ctx.last_unit_of_level(level, at)
            if u:
                return u
        if province:
            return ctx.unit(Level.TINH, ctx.province) if ctx.province else None
        if huyen_uy:
            return ctx.section_unit(at) or ctx.last_unit_of_level(Level.HUYEN, at)
    if any(_title_units(t)[3] for t in titles):
        return Unit(Level.QUOC_GIA, "Việt Nam", None)
    return ctx.unit(Level.TINH, ctx.province) if ctx.province else None


def _titles_after(ctx: Context, pos: int, read: _Titles) -> tuple[list[tuple[int, int]], int]:
    """Titles following a name: ", Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"; returns (spans, end)."""
    f, low = ctx.folded, ctx.low
    spans = []
    while True:
        # TITLE_SEP: spaces or tabs, then one of its dashes or a comma (most names have none)
        k = pos
        while f[k:k + 1] in (" ", "\t"):
            k += 1
        if f[k:k + 1] not in _SEP_FIRST:
            break
        sep = TITLE_SEP.match(f, pos)
        if not sep:
            break
        at = sep.end()
        former = now = None
        # _FORMER and _NOW open with one of these words (lower-cased text: case-insensitive)
        if not ctx.lowered or low.startswith(_FORMER_NOW_WORDS, at):
            former = _FORMER.match(f, at)
            now = None if former else _NOW.match(f, at)
        start = at
        if former or now:
            at = (former or now).end()
        title = read[at]
        if title is None:  # no title head there
            break
        _, end, person, _ = title
        if person is not None:  # the title introduces the next person
            break
        # a former title is one too, kept with its word ("nguyên Chủ tịch UBND xã Triệu Thượng")
        spans.append((start if former else at, end))
        pos = end
        if f[pos:pos + 2].lstrip(" \t")[:1] == "(":
            # "nguyên Chủ tịch UBND xã Xuân Hòa (cũ), nay là ...": a short aside after a title
            aside = _TITLE_ASIDE.match(f, pos)
            if aside:
                pos = aside.end()
    # "...; Chủ tịch HĐND tỉnh;" -- a bare title after ";" belongs to the same person
    while spans:
        sep = _ATTACH.match(f, pos)
        title = read[sep.end()] if sep else None
        if title is None:
            break
        _, end, person, _ = title
        if person is not None or not _BARE_END.match(f[end:end + 2]):
            break
        spans.append((sep.end(), end))
        pos = end
    return spans, pos


def _persons(f: str, s0: int, s1: int) -> list:
    """``PERSON.finditer(f, s0, s1)``, PERSON tried only where :func:`titles.person_starts` finds a start."""
    _, person_rx = compiled()
    match = person_rx.match
    out = []
    last = s0
    for c in person_starts().finditer(f, s0, s1):
        at = c.start()
        if at < last:
            continue
        m = match(f, at, s1)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


# Where BYLINE may match, in the lower-cased text: spaces (stdlib ``re``'s \s is str.isspace, a
# superset of ``regex``'s), then one of its first words.
_BYLINE_OPEN = re.compile(r"\s*(?:tin|bài|ảnh|nguồn|tác|theo)")
_BYLINE_LINE = re.compile(r"\n\s*(?:tin|bài|ảnh|nguồn|tác|theo)")


def _bylines(ctx: Context) -> list[tuple[int, int]]:
    """Spans of byline lines: ``BYLINE.finditer`` (``^`` in multi-line mode), tried at line starts only."""
    f = ctx.folded
    if ":" not in f:  # every byline has its colon
        return []
    starts = ctx.line_starts
    if ctx.lowered:
        # only the line starts where one of BYLINE's words follows the spaces: each one that
        # a match of _BYLINE_LINE (or _BYLINE_OPEN, at the start) covers, as those spaces may
        # run over several lines; a line start no match covers would start one itself
        low = ctx.low
        spans = [m.span() for m in _BYLINE_LINE.finditer(low)]
        first = _BYLINE_OPEN.match(low)
        if first is not None:
            spans.insert(0, (-1, first.end()))
        cands = [s for a, e in spans for s in starts[bisect_left(starts, a + 1):bisect_left(starts, e)]]
        starts = sorted(set(cands)) if first is not None else cands
    out = []
    last = 0
    match = BYLINE.match
    for s in starts:
        if s < last:
            continue
        m = match(f, s)
        if m is not None:
            out.append((m.start(), ctx.line_span(m.start())[1]))
            last = m.end()
    return out


def _head_starts(ctx: Context, read: _Titles):
    """(start, end, head starts) of each sentence with a title head, where the head starts are
    those of ``_head_anchored().finditer(ctx, start, end)``.

    The head is matched once per offset, through ``read`` (the whole text, as :func:`_read_title`
    needs it). That match is the one the sentence would give when it ends inside the sentence
    and no letter follows the sentence (a match within the sentence then reads the same text
    and sees a non-letter after it either way), and no match there means none in the sentence
    either; otherwise the head is matched again within the sentence.
    """
    head, _ = compiled()
    f = ctx.folded
    doc = ctx.doc
    if not ctx.lowered:  # a letter whose lower case has another length: no offsets to trust
        for sent in doc.sentences:
            heads = [m.start() for m in head.finditer(f, sent.start, sent.end)]
            if heads:
                yield sent.start, sent.end, heads
        return
    starts = _head_anchored().starts(ctx)
    # only the sentences where a head may start (sentences are in order and do not overlap)
    j, nstarts = 0, len(starts)
    while j < nstarts:
        sent = doc.sentence_at(starts[j])
        s0, s1 = sent.start, min(sent.end, len(f))
        if not s0 <= starts[j] < s1:  # before the first sentence or between two
            j += 1
            continue
        open_end = s1 < len(f) and f[s1].isalpha()
        heads = []
        last = s0
        while j < nstarts and starts[j] < s1:
            c = starts[j]
            j += 1
            if c < last:
                continue
            title = read[c]
            if title is not None and title[0] <= s1 and not open_end:
                e = title[0]
            elif title is None and not open_end:
                continue
            else:
                m = head.match(f, c, s1)
                if m is None:
                    continue
                e = m.end()
            heads.append(c)
            last = e if e > c else c + 1
        if heads:
            yield s0, sent.end, heads


def find(ctx: Context) -> list[Official]:
    f = ctx.folded
    head, person_rx = compiled()
    col = _Collector(ctx)
    read = _Titles(f)
    bylines = None  # read when a person is first met
    NER_STATS["sentences"] += len(ctx.doc.sentences)
    # only sentences where a title head starts are worth a look
    for s0, s1, heads in _head_starts(ctx, read):
        NER_STATS["title_sentences"] += 1
        # titles in this sentence, and the persons they introduce
        intro: dict[int, tuple[int, int]] = {}
        group_at: dict[int, tuple[int, int]] = {}
        for h in heads:
            _, end, person, maybe = read[h]
            if person is None and maybe is None and f[end:end + 1] == ",":
                # "Chủ tịch UBND thị trấn Phước Dân, ông Quảng Đại Nghĩa, ...", "nguyên Bí thư Huyện ủy
                # Ninh Phước, đồng chí Bá Văn Trung": the title, then the person after an honorific
                ha = _HONORIFIC_AFTER.match(f, end, s1)
                if ha is not None and person_rx.match(f, ha.end(), s1) is not None:
                    person = ha.end()
                    fb = _FORMER_BEFORE.search(f, max(s0, h - 10), h)
                    if fb is not None:
                        h = fb.start()
            if person is not None:
                intro[person] = (h, end)
            # every GROUP match holds "các" (lower-cased text: case-insensitive)
            g0 = max(s0, h - 20)
            g = GROUP.search(f, g0, h) if ctx.may_hold(("các",), g0, h) else None
            if g and g.end() == h and person is None:
                # "các đồng chí <title> [remark]: A, ..." -- the list starts after ":" or ";"
                colon = _GROUP_COLON.match(f, end, s1)
                if colon:
                    group_at[colon.end()] = (h, end)
            elif maybe is not None:
                # a title followed by a capitalised name the surname list does not know: ask the NER
                NER_STATS["ner_asked"] += 1
                cand = fold_tones(ctx.text[maybe[0]:maybe[1]])
                if province_name(cand) is None and cand in {fold_tones(n) for n in _ner_persons(ctx.text[s0:s1])}:
                    col.add(maybe[0], maybe[1], [(h, end)], maybe[1])
        list_titles: Optional[list[tuple[int, int]]] = None
        list_end = -1
        for pm in _persons(f, s0, s1):
            ps, pe = pm.start(), pm.end()
            # "huyện Quế Sơn Nguyễn Văn Hùng": the name pattern took "Sơn" of the place too;
            # the title's reading says where the person starts
            if intro:
                ps = next((k for k in intro if ps < k < pe), ps)
            if bylines is None:
                bylines = _bylines(ctx)
            if any(a <= ps < b for a, b in bylines):
                continue
            own = intro.get(ps)
            if own is None and _place_before(ctx, max(s0, ps - 12), ps):
                list_titles = None
                continue
            if own is not None:
                list_titles = [own]
            elif ps in group_at:
                list_titles = [group_at[ps]]
            elif not (list_titles and list_end >= 0 and (
                _LIST_JOIN.fullmatch(f, list_end, ps) or
                (_REMARK_JOIN.fullmatch(f, list_end, ps) and not head.search(f, list_end, ps))
            )):
                list_titles = None  # not a continuation of the list before: no shared title
            after, after_end = _titles_after(ctx, pe, read)
            titles = (list_titles or []) + after
            if titles:
                col.add(ps, pe, titles, max(after_end, pe))
            list_end = max(after_end, pe)
    _signatures(ctx, col)
    return list(col.people.values())


def _signatures(ctx: Context, col: _Collector) -> None:
    """A signature block: title lines in capitals, then the signer's name on its own line."""
    head, person_rx = compiled()
    f = ctx.folded
    pieces = f.split("\n")
    # A title line's body is upper-case, and so is then its whole line (SIGNATURE_PREFIX and
    # the " *_" stripped hold no lower-case letter): most lines are no such line.
    upper = [i for i, p in enumerate(pieces) if p.isupper()]
    if not upper:
        return
    lengths = list(accumulate(map(len, pieces), initial=0))  # the i-th line starts at lengths[i] + i

    def span(i: int) -> tuple[int, int]:
        return lengths[i] + i, lengths[i + 1] + i

    for i in upper:
        a, b = span(i)
        pre = SIGNATURE_PREFIX.match(f, a, b)
        body = f[pre.end():b].strip(" *_")
        if not body or not body.isupper() or not head.match(body):
            continue
        t_start = f.find(body, a, b)
        t_end = t_start + len(body)
        # the next three non-empty lines ("[^\n]+" matches)
        below = islice((span(k) for k in range(i + 1, len(pieces)) if pieces[k]), 3)
        for c, d in below:
            cand = f[c:d].strip(" *_")
            if cand.isupper() and head.match(cand):  # "KT. CHÁNH VĂN PHÒNG" then "PHÓ CHÁNH VĂN PHÒNG"
                break
            m = person_rx.fullmatch(cand)
            if m is None and cand.isupper():
                m = person_rx.fullmatch(cand.title())
            if m:
                s = f.find(cand, c, d)
                col.add(s, s + len(cand), [(t_start, t_end)], s + len(cand))
                break


EXTRACTOR = Extractor(
    name="officials", fact_type="officials", find=find,
    # 2: Thái, Tày, Dao, Ê Đê, Gia Rai, Chăm surnames and Ba Na "A" names; a district bearing a
    # person's name is a place; a current title after a former one with an aside; the unit of a
    # party committee's title ("Bí thư Tỉnh ủy Đắk Lắk")
    # 3: council deputies ("Đại biểu Lò Văn Piếng", "Đại biểu HĐND tỉnh ..."), the surnames Tẩn and Sầm;
    # former titles kept with their word ("nguyên Bí thư Huyện ủy ..."), acting titles ("Quyền Chủ
    # tịch ..."), a person after a title and an honorific (", ông Quảng Đại Nghĩa,"), Chăm and
    # Raglai surnames (Thập, Bá, Quảng, Pinăng, ...)
    version="3",
    description="people named with titles (title lexicon and name patterns, NER for the rest)",
)
