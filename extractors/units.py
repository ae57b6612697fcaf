"""Administrative units named in the text: mentions, lists and headings.

This module reads names as the text writes them; resolving a name to the
official register comes with the gazetteer.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from extractors import patterns as P
from extractors.models import Level, Unit
from pipeline.normalize import fold_tones



@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Lower-cased, tone-folded province name -> canonical name (the register's 63, pre-2025)."""
    from extractors.gazetteer import Gazetteer

    names = [e.name for e in Gazetteer.default().entries if e.level == "tỉnh"]
    out = {fold_tones(n).lower(): n for n in names}
    # the forms the news writes besides the register's names
    out["huế"] = "Thừa Thiên Huế"
    out["tp hồ chí minh"] = "Hồ Chí Minh"
    out["bà rịa-vũng tàu"] = "Bà Rịa - Vũng Tàu"
    return out


@lru_cache(maxsize=1)
def province_regex() -> regex.Pattern:
    """A province named without its level word: "Đồng Tháp đạt 05/08 nội dung"."""
    names = sorted({fold_tones(n) for n in provinces().values()} | {"Huế"}, key=len, reverse=True)
    alt = "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])")


@lru_cache(maxsize=1)
def province_anchored() -> P.Anchored:
    """:func:`province_regex`, tried only where a province's name starts (lower-cased phrase)."""
    names = {fold_tones(n) for n in provinces().values()} | {"Huế"}
    return P.Anchored(province_regex(), [n.lower() for n in names])


@lru_cache(maxsize=8192)
def province_name(name: str) -> Optional[str]:
    return provinces().get(fold_tones(name).lower().strip())


@lru_cache(maxsize=8192)
def level_of(level_word: str, name: str) -> Level:
    lw = " ".join(level_word.lower().split()).rstrip(".")
    if lw in ("thành phố", "tp") and name:
        # "thành phố Hà Nội Nguyễn Mạnh Quyền": a name may run on into a person's name
        words = name.split()
        if any(province_name(" ".join(words[:k])) for k in range(min(len(words), 3), 0, -1)):
            return Level.TINH
    return Level(P.LEVEL_WORDS.get(lw, P.LEVEL_WORDS.get(lw + ".", "xã")))


@dataclass(frozen=True)
class Mention:
    """A unit named in the text, with the span of the whole mention."""

    start: int
    end: int
    level: Level
    name: str
    district: Optional[str] = None


_RANK = {Level.XA: 0, Level.HUYEN: 1, Level.TINH: 2, Level.QUOC_GIA: 3}
_LIST_SEP = regex.compile(r"\s*(?:,|\bvà\b|;)\s*")
_CLOSE = regex.compile(r"\s*\)")


@lru_cache(maxsize=16384)
def clean_name(name: str) -> str:
    """A unit name as written, cut before a person's name it runs into
    ("huyện Mê Linh Nguyễn Trọng Thắng" -> "Mê Linh")."""
    return _cut_person(" ".join(name.split()).strip(" -"))


def join_words(text: str) -> str:
    """Whitespace-normalised text, nothing cut (a person's name)."""
    return " ".join(text.split()).strip(" -")


@lru_cache(maxsize=8192)
def person_like(name: str) -> bool:
    """A "unit name" that is a person's ("UBND thành phố Nguyễn Mạnh Quyền"): three to five
    words from a surname, and no register unit or province of that name."""
    words = name.split()
    if not 3 <= len(words) <= 5 or fold_tones(words[0]).lower() not in _surnames():
        return False
    from extractors.gazetteer import Gazetteer

    return not (province_name(name) or Gazetteer.default().lookup(name))


@lru_cache(maxsize=1)
def _surnames() -> frozenset:
    from extractors.titles import surnames

    return frozenset(s.lower() for s in surnames())


@lru_cache(maxsize=16384)
def _cut_person(name: str) -> str:
    """When ``name`` is no register unit but a prefix of it is, and the rest reads as a
    person's name (a surname and at least one more word), keep the longest such prefix."""
    words = name.split()
    if len(words) < 3:
        return name
    from extractors.gazetteer import Gazetteer

    g = Gazetteer.default()
    if province_name(name) or g.lookup(name):
        return name
    surnames = _surnames()
    for k in range(len(words) - 2, 0, -1):
        if fold_tones(words[k]).lower() not in surnames:
            continue
        head = " ".join(words[:k])
        if province_name(head) or g.lookup(head):
            return head
    return name


def parse_list(text: str, pos: int, endpos: int) -> tuple[list[Mention], int]:
    """Parse a list of units sharing one level word starting at ``pos``.

    Returns the mentions and the end offset; an empty list when no list starts here.
    "04 xã gồm: A, B và C" / "02 huyện (A, B)" / "xã A và B" / "huyện A, huyện B".
    """
    head = P.LIST_HEAD.match(text, pos, endpos)
    if not head:
        return [], pos
    lw = head.group("lw")
    opened = head.group("open")
    # (level, name, district, end) of each item; every Mention spans the whole list
    items: list[tuple] = []
    m = P.LIST_ITEM.match(text, head.end(), endpos)
    while m:
        name = clean_name(m.group("name"))
        own_lw = m.group("lw")
        paren = m.group("paren")
        level = level_of(own_lw or lw, name)
        if items and own_lw and _RANK[level] > _RANK[items[-1][0]]:
            # "xã Tân Hòa, huyện Châu Thành(, tỉnh Trà Vinh)": a higher level word places the
            # items before it ("xã A và xã B, huyện C"); it is no sibling of theirs.
            if level == Level.HUYEN:
                items = [it if it[2] else (it[0], it[1], name, it[3]) for it in items]
            place_end = m.end()
            sep = _LIST_SEP.match(text, place_end, endpos)
            nxt = P.LIST_ITEM.match(text, sep.end(), endpos) if sep and sep.end() > place_end else None
            if nxt and nxt.group("lw") and \
                    _RANK[level_of(nxt.group("lw"), clean_name(nxt.group("name")))] > _RANK[level]:
                place_end = nxt.end()
            last = items[-1]
            items[-1] = (last[0], last[1], last[2], place_end)
            break
        district = clean_name(paren) if paren else None
        if items and own_lw and _RANK[level] < _RANK[items[-1][0]]:
            # "huyện Chiêm Hóa, xã Hùng Mỹ": the items before place this one, they are no siblings
            if items[-1][0] == Level.HUYEN and district is None:
                district = items[-1][1]
            items = []
        # "02 huyện (Tiểu Cần, Cầu Kè)" is a list; "xã Đông Yên (An Biên)" names a district.
        items.append((level, name, district, m.end()))
        i = m.end()
        sep = _LIST_SEP.match(text, i, endpos)
        if not sep or sep.end() == i:
            break
        # the item after the separator, if any, is the next one (the loop goes on from there)
        m = P.LIST_ITEM.match(text, sep.end(), endpos)
    if not items:
        return [], pos
    end = items[-1][3]
    if opened == "(":
        close = _CLOSE.match(text, end, endpos)
        if close:
            end = close.end()
    start = head.start()
    return [Mention(start, end, level, name, district) for level, name, district, _ in items], end


# "04 xã gồm: A, B", "02 huyện (A, B)", "03 xã gồm A, B và C" (no colon: a capital follows)
def parse_names(text: str, pos: int, endpos: int) -> list[tuple[str, Optional[str]]]:
    """Names listed from ``pos`` with no level word of their own, each maybe placed in
    parentheses: "Vĩnh Hiệp, Vĩnh Thịnh (huyện Vĩnh Thạnh) và An Tân (huyện An Lão)" ->
    [(name, district or None), ...]; the list ends where something else follows a separator."""
    out: list[tuple[str, Optional[str]]] = []
    m = P.LIST_ITEM.match(text, pos, endpos)
    while m and not m.group("lw"):
        paren = m.group("paren")
        out.append((clean_name(m.group("name")), clean_name(paren) if paren else None))
        sep = _LIST_SEP.match(text, m.end(), endpos)
        if not sep or sep.end() == m.end():
            break
        m = P.LIST_ITEM.match(text, sep.end(), endpos)
    return out


_COUNTED_LIST = regex.compile(
    rf"(?<![\d])({P.NUM})\s+{P.LEVEL}(?:\s+(?:gồm|là|bao\s+gồm)(?:\s*[:(]|\s+(?=\p{{Lu}}))|\s*[:(])")
_COUNT_BEFORE = regex.compile(rf"({P.NUM})\s+$")


def _count_before(text: str, lo: int, at: int):
    """``_COUNT_BEFORE.search(text, lo, at)``, not tried where ``text[lo:at]`` does not end with
    spaces after something other than a letter: the pattern ends with a digit and ``\\s+`` (a
    letter is neither \\d nor \\s, and str.isspace takes in every \\s). Most level words
    follow a word ("của xã")."""
    j = at
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == at or (j > lo and text[j - 1].isalpha()):
        return None
    return _COUNT_BEFORE.search(text, lo, at)


def find_lists(text: str, start: int, end: int, ctx=None) -> list[tuple[int, int, list[Mention]]]:
    """Every unit list or single mention in ``text[start:end]``, in order.

    ``ctx``: the document's Context when ``text`` is its folded text (for anchored scanning).
    """
    out = []
    found = P.UNIT_MENTION_A.finditer(ctx, start, end) if ctx is not None and ctx.folded is text \
        else P.UNIT_MENTION.finditer(text, start, end)
    for m in found:
        # back up to a count before the level word ("04 xã gồm: ...")
        s = m.start()
        back = _count_before(text, max(start, s - 5), s)
        if back:
            s = back.start(1)
        if out and s < out[-1][1]:
            continue
        items, e = parse_list(text, s, end)
        if not items and s != m.start():  # s == m.start(): the same call, the same empty answer
            items, e = parse_list(text, m.start(), end)
        if items:
            out.append((s, e, items))
    # counted lists: "04 xã gồm: A, B", "02 huyện (A, B)", "03 xã gồm A, B" (a match ends with a
    # colon, a parenthesis, or "gồm"/"là" and spaces, inside the range: without one of them
    # there is none to find)
    counted = _COUNTED_LIST.finditer(text, start, end) \
        if text.find(":", start, end) >= 0 or text.find("(", start, end) >= 0 \
        or text.find("gồm", start, end) >= 0 or text.find("là", start, end) >= 0 else ()
    for m in counted:
        if any(s <= m.start() < e for s, e, _ in out):
            continue
        items, e = parse_list(text, m.start(), end)
        if items:
            # the mentions inside it are its items' places: "(huyện Mai Sơn)"
            out = [t for t in out if not m.start() <= t[0] < e]
            out.append((m.start(), e, items))
    out.sort(key=lambda t: t[0])
    return out


NATIONAL_ARTICLE = ""  # document_province's answer for an article about the whole country
_PLURAL_BEFORE = regex.compile(r"(?<![\p{L}])(?i:các|những|nhiều)\s+$")


def _plural_before(text: str, at: int, low: Optional[str]) -> bool:
    """Whether ``_PLURAL_BEFORE`` matches in the 9 characters before ``at``. With ``low`` (the
    lower-cased text, of the same length) the pattern is tried only where ``low`` ends with one
    of its words and then spaces (str.isspace takes in every \\s): most level words follow
    another word or a punctuation mark."""
    lo = max(0, at - 9)
    if low is not None:
        j = at
        while j > lo and low[j - 1].isspace():
            j -= 1
        if j == at or not low.endswith(("các", "những", "nhiều"), lo, j):
            return False
    return _PLURAL_BEFORE.search(text, lo, at) is not None


_CAPS_ISSUER = regex.compile(rf"(?<![\p{{L}}])(?:TỈNH|THÀNH PHỐ)[ \t]+(?P<name>{P.CAPS_NAME})(?![\p{{L}}])")
_CAPS_DATELINE = regex.compile(rf"(?m)^[ \t]*(?P<name>{P.CAPS_NAME})[ \t]*[,(]")


def from_capitals(name: str) -> str:
    """A name written in capitals, as it is written elsewhere: "ĐẠI ÂN 2" -> "Đại Ân 2"."""
    return " ".join(w.capitalize() if not w.isdigit() else w for w in name.split())


def document_province(text: str, hint: Optional[str] = None, ctx=None) -> Optional[str]:
    """The province an article is about: the hint, else the most-named province."""
    if hint:
        return province_name(hint) or hint
    counts: Counter = Counter()
    own = ctx is not None and ctx.folded is text
    found = P.UNIT_MENTION_A.finditer(ctx) if own else P.UNIT_MENTION.finditer(text)
    low = ctx.low if own and ctx.lowered else None
    for m in found:
        lw = m.group("lw").lower()
        if lw in ("tỉnh", "thành phố", "tp", "tp."):
            p = province_name(m.group("name"))
            # "tỉnh Trà Vinh Lê Văn Hẳn": the name may run into a person's; try prefixes
            if not p:
                words = m.group("name").split()
                for k in range(len(words) - 1, 0, -1):
                    p = province_name(" ".join(words[:k]))
                    if p:
                        break
            # "các tỉnh Nam Định, Hà Nam, ...": a list of provinces is no article's own province
            if p and not _plural_before(text, m.start(), low):
                counts[p] += 3
    if not counts and P.NATIONAL.search(text):
        # a national article ("cả nước có ...") that names no province with its level word is
        # about the country: a dateline ("Hà Nội 11/7 (TTXVN)") or a list must not make it
        # provincial -- unless its title names a province ("Xây dựng nông thôn mới ở Bình Thuận:
        # ..."), and the country is only compared with ("so với bình quân cả nước")
        title = _title_province(text, ctx if own else None)
        return title if title else NATIONAL_ARTICLE
    # bare names in titles and datelines ("Trà Vinh, ngày ..."): one pass of one regex
    found = province_anchored().finditer(ctx) if own else province_regex().finditer(text)
    for m in found:
        canon = province_name(m.group())
        if canon:
            counts[canon] += 1
    # a dateline in capitals near the top ("TRÀ VINH, 14/11/2022 - ..."), or the issuer's header
    # ("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"): the article's own place
    head = min(len(text), 400)
    for m in (*_CAPS_DATELINE.finditer(text, 0, head), *_CAPS_ISSUER.finditer(text, 0, head)):
        canon = province_name(from_capitals(m.group("name")))
        if canon:
            counts[canon] += 2
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _title_province(text: str, ctx=None) -> Optional[str]:
    """The one province the title of ``text`` names, bare or not; None otherwise. The title is
    the first line, or a short line after a rubric or date line ("DIỄN ĐÀN | Thứ Hai, 20/01/2025"):
    the first of the first three short lines that names one."""
    pos, seen = 0, 0
    while seen < 3 and pos < len(text):
        s = pos + len(text[pos:]) - len(text[pos:].lstrip())
        end = text.find("\n", s)
        end = len(text) if end < 0 else end
        pos = end + 1
        if s >= end:
            continue
        seen += 1
        if end - s > 200 and seen > 1:
            break  # a paragraph of the text, no title
        names = _line_provinces(text, s, end, ctx)
        if names:
            return names.pop() if len(names) == 1 else None
    return None


def _line_provinces(text: str, s: int, end: int, ctx=None) -> set:
    found = province_anchored().finditer(ctx, s, end) if ctx is not None else province_regex().finditer(text, s, end)
    names = {province_name(m.group()) for m in found} - {None}
    if not names and text[s:end].isupper():
        # "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ NAM": a header in capitals
        m = _CAPS_ISSUER.search(text, s, end)
        canon = province_name(from_capitals(m.group("name"))) if m else None
        if canon:
            names = {canon}
    return names




def make_unit(level: Level, name: str, province: Optional[str], district: Optional[str] = None) -> Unit:
    if level == Level.TINH:
        return Unit(Level.TINH, province_name(name) or name, None)
    if level == Level.QUOC_GIA:
        return Unit(Level.QUOC_GIA, "Việt Nam", None)
    return Unit(level, name, province, district)
