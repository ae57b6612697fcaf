"""Unmet criteria: numbered criteria a unit has not yet met.

"còn tiêu chí 9 về Hệ thống chính trị ... chưa đạt", "còn 04 tiêu chí chưa đạt
(gồm Tiêu chí 5 về ...; tiêu chí 6 về ...)", "03/08 nội dung chưa đạt gồm nội
dung 01, 03, 08" and, in a district-wide review, "Tiêu chí số 2- Giao thông có
5 xã chưa đạt" (count_units 5). A criterion named only by topic ("chủ yếu về
giao thông") is not a fact. The name is the official one from the criteria set
where known, else the text's.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context, standard_of
from extractors.criteria import criterion_name
from extractors.models import Level, Standard, Unit, Unmet
from extractors.progress import QUANTIFIED, Count, count_matches, table_row_unit, units_for_group
from extractors.units import level_of
from extractors.tallies import last_candidate, parent_for

_ITEM_GAP = regex.compile(r"\s*(?:[;,]|\bvà\b|\.|\(|:)?\s*(?:(?i:gồm|trong\s+đó)\s*:?\s*)?")
_MAX_GAP = 300
_DIGITS = regex.compile(r"\d{1,2}")
# between two items of one list: anything up to the next "tiêu chí N" on the line ...
_NEXT_ITEM = regex.compile(r".*?(?=(?i:tiêu\s+chí|nội\s+dung)\s+(?:số\s+)?\d|(?<=(?:[,;]|\bvà)\s*)(?i:số)\s+\d)")
# an item that leaves out the criteria word: "tiêu chí số 10 về Thu nhập và số 11 về Nghèo đa chiều"
_BARE_ITEM = regex.compile(r"(?i:số)\s+(?P<nums>\d{1,2})(?![\d/%.,]\d)(?!\s*(?:tiêu|chỉ|nội|xã|huyện|thôn|hộ|/|%))")
# ... or gives only the number and the name in parentheses: "tiêu chí số 9 (Nhà ở), 10 (Thu nhập)"
_NUM_PAREN_ITEM = regex.compile(r"(?P<nums>\d{1,2})(?=\s*\(\s*\p{Lu})")
# ... unless the gap says something was reached: then the list has ended
_GAP_STOP = regex.compile(
    r"\d\s*/\s*\d+\s+(?:tiêu|chỉ|nội)|(?i:đã\s+đạt|hiện\s+đạt|đạt\s+\d)|"
    # another unit named in the gap: "... (Môi trường). Huyện Tứ Kỳ đạt 8 tiêu chí, còn tiêu chí số 2"
    rf"(?<![\p{{L}}]){P.LEVEL}\s+\p{{Lu}}\p{{Ll}}")


# "còn thiếu tiêu chí số 17", "xã thiếu tiêu chí 2 và tiêu chí 6", "chưa đạt tiêu chí số 7 (...)", "không còn đạt các tiêu chí", "chưa đạt lại tiêu chí số 2",
# "còn vướng ở tiêu chí số 13",
# "Chưa đạt TC 10, TC 17" (the criteria word follows)
# "chưa đạt các tiêu chí số 10 (...), số 11 (...)", "còn thiếu thêm tiêu chí 17", "cả hai xã cùng vướng
# tiêu chí số 10", "...; vướng tiêu chí số 15", '"rớt" tiêu chí 15'
_LACKING_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:thiếu(?:\s+thêm)?|(?:chưa\s+đạt(?:\s+lại)?|không\s+còn\s+đạt|chưa\s+hoàn\s+thành)(?:\s+(?:các|những))?|"
    r"(?:(?<=(?:còn|bị|cùng|đều|vẫn)\s)|(?<=[;,:]\s))[\"“]?rớt[\"”]?(?:\s+ở)?|[\"“]?vướng[\"”]?(?:\s+ở)?)\s*:?\s+$")


_STILL_BEFORE = regex.compile(r"(?<![\p{L}])(?i:còn)\s+$")
_ONLY_LEFT_BEFORE = regex.compile(r"(?:(?<![\p{L}])(?i:chỉ\s+còn|còn\s+lại)|[,;]\s*(?i:còn))\s+$")
# "chưa đạt các tiêu chí: số 2 - Giao thông, số 10 - Thu nhập": a list after the verb and a colon
_LACKING_LIST_HEAD = regex.compile(
    r"(?<![\p{L}])(?i:chưa\s+đạt|còn\s+thiếu|thiếu|vướng)\s+(?i:các|những)\s+(?P<word>(?i:tiêu\s+chí|nội\s+dung))"
    r"(?:\s+(?i:sau))?\s*(?:(?i:là|gồm)\s*)?:\s*")
_PENDING_AFTER = regex.compile(rf"\s*,?\s*{P.PENDING}")
# "Năm tiêu chí còn lại và kinh phí dự kiến như sau:" at the end of its line
_LEFT_BELOW_HEAD = regex.compile(
    r"(?<![\p{L}\d])(?:\d{1,2}|(?i:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+(?i:tiêu\s+chí)\s+(?i:còn\s+lại)"
    r"[^:\n]{0,60}:[ \t]*(?=\n)")
# an item that names its criterion first: "2. Tiêu chí Trường học (số 5): ..."
_NAME_NUM_ITEM = regex.compile(
    r"(?P<word>(?i:tiêu\s+chí))\s+\p{Lu}[^()\n:]{1,60}?\s*\(\s*(?i:số)\s*(?P<nums>\d{1,2})\s*\)")
# "còn thiếu Giao thông (số 2), Sản xuất (số 6) và Môi trường (số 7)": names first, right after the verb
_LACKING_NAMES_HEAD = regex.compile(
    r"(?<![\p{L}])(?i:còn\s+thiếu|thiếu|chưa\s+đạt)\s*:?\s+"
    r"(?=\p{Lu}[^();\n,]{1,80}?\s*\(\s*(?:(?i:tiêu\s+chí|nội\s+dung)\s+)?(?:(?i:số)\s+)?\d{1,2}\s*\))")


class _SpanEnd:
    """A stand-in for a match that only ends at ``end``."""

    __slots__ = ("_end",)

    def __init__(self, end: int):
        self._end = end

    def end(self) -> int:
        return self._end


def _nums(s: str) -> list[int]:
    return [int(x) for x in _DIGITS.findall(s)]


def _text_name(ctx: Context, end: int) -> tuple[Optional[str], int]:
    """The name after a criterion's number ending at ``end``, and where it ends (once per offset:
    the steps below ask again for the same references)."""
    cache = ctx.__dict__.setdefault("unmet_text_names", {})
    got = cache.get(end)
    if got is None:
        got = cache[end] = _read_text_name(ctx, end)
    return got


def _read_text_name(ctx: Context, end: int) -> tuple[Optional[str], int]:
    m = P.CRIT_NAME.match(ctx.folded, end)
    if not m:
        return None, end
    g = "name" if m.group("name") is not None else "pname"
    if not m.group(g).strip():
        return None, end
    s, e = m.start(g), m.end(g)
    return ctx.quote(s, e).strip(" -–,:"), (m.end() if g == "pname" else e)


def _chain(ctx: Context, m, line_end: int) -> list:
    """The criteria listed together from ``m`` on: "tiêu chí 2 về Giao thông, tiêu chí 6 về Kinh
    tế và tiêu chí 8 về ... chưa đạt" -> [(ref, name, name end), ...]."""
    out = []
    while m is not None:
        name, name_end = _text_name(ctx, m.end())
        out.append((m, name, name_end))
        j = P.CRIT_JOIN.match(ctx.folded, max(m.end(), name_end), line_end)
        if j and j.end() > max(m.end(), name_end):
            # the next item may leave out the criteria word: "tiêu chí số 10 về X và số 11 về Y"
            m = P.CRIT_REF.match(ctx.folded, j.end(), line_end) or _BARE_ITEM.match(ctx.folded, j.end(), line_end) \
                or _NUM_PAREN_ITEM.match(ctx.folded, j.end(), line_end)
        else:
            m = None
        if len(out) > 20:
            break
    return out


def _units(ctx: Context, at: int, word: str) -> list[Unit]:
    """The units criteria unmet at ``at`` belong to: those a count there would belong to (several
    for "cả hai xã còn tiêu chí số 10 ... chưa đạt" after two communes), else the section's, else
    the last commune or district named earlier in the paragraph."""
    if word.lower().startswith("nội"):
        return [ctx.unit(Level.TINH, ctx.province)] if ctx.province else []
    named = _name_before_lacking(ctx, at)
    if named is not None:
        return [named]
    figured = _figure_units(ctx, at)
    if figured:
        return figured
    sent = ctx.doc.sentence_at(at)
    units, _, _ = units_for_group(ctx, [Count(at, at, 0, None, None, None)], sent.start, at, [])
    if units:
        return list(units)
    sec = ctx.section_unit(at)
    if sec is not None:
        return [sec]
    # "xã A mới đạt 9/19 tiêu chí. Trong 10 tiêu chí chưa đạt, ...": the complement of the
    # figure before it, about the last commune or district named earlier in the paragraph
    p_start, _ = ctx.paragraph_span(at)
    mentions = ctx.mentions
    i = bisect.bisect_left(mentions, (at,)) - 1
    while i >= 0 and mentions[i][0] >= p_start:
        start, level, name = mentions[i]
        if level in (Level.XA, Level.HUYEN):
            return [ctx.unit(level, name)]
        i -= 1
    return []


_HEAD_LEVEL = regex.compile(r"(?<![\p{L}])(?i:xã|huyện)(?![\p{L}])")


def _head_level_unit(ctx: Context, h_start: int, h_end: int) -> list[Unit]:
    """"Hai tiêu chí xã còn thiếu là ..." in a paragraph that names no unit: the commune (or
    district) the head's bare level word stands for, the last one named before it."""
    m = _HEAD_LEVEL.search(ctx.folded, h_start, h_end)
    if m is None:
        return []
    unit = ctx.last_unit_of_level(Level.XA if m.group().lower() == "xã" else Level.HUYEN, h_start)
    return [unit] if unit is not None else []


_NAME_BEFORE_LACKING = regex.compile(
    rf"{P.BARE_NAME}\s+(?:(?i:còn|vẫn|cũng|hiện|chỉ)\s+)*(?i:thiếu(?:\s+thêm)?|vướng|chưa\s+đạt(?:\s+lại)?|không\s+còn\s+đạt)\s*:?\s+$")


def _name_before_lacking(ctx: Context, at: int) -> Optional[Unit]:
    """ "Đạ Long còn thiếu thêm tiêu chí 17": a commune (or district) the register knows, named without
    its level word right before the verb of lacking."""
    m = _NAME_BEFORE_LACKING.search(ctx.folded, max(0, at - 60), at)
    if m is None:
        return None
    return ctx.registered(Level.XA, m.group("name"), skip=0) or ctx.registered(Level.HUYEN, m.group("name"), skip=0)


def _short_in_sentence(ctx: Context, at: int) -> bool:
    """A progress figure short of its total earlier in the sentence of ``at``."""
    start = ctx.doc.sentence_at(at).start
    return any(start <= p.evidence.start and p.evidence.end <= at and p.total is not None and p.met < p.total
               for p in ctx.facts_of("progress"))


def _short_before(ctx: Context, at: int) -> bool:
    """A figure short of its total earlier in the paragraph ("xã mới đạt 11/19 tiêu chí"): the
    criteria named "khó nhất" after it are among those not met."""
    p_start, _ = ctx.paragraph_span(at)
    for m in count_matches(ctx.folded, max(p_start, at - 400), at):
        if m.group("measure") and int(m.group("met")) < int(m.group("total")):
            return True
    return False


def _standard(ctx: Context, at: int, unit: Optional[Unit], word: str) -> Optional[Standard]:
    if word.lower().startswith("nội"):
        return Standard.TINH_HOAN_THANH
    m = ctx.standard_before(at)
    return standard_of(m) if m else None


def _word_before(low: str, at: int, words: tuple) -> bool:
    """Whether ``low[:at]`` ends with one of ``words`` and then at least one space (str.isspace:
    every ``\\s`` character is one)."""
    j = at
    while j > 0 and low[j - 1].isspace():
        j -= 1
    return j < at and low.endswith(words, 0, j)


def _chua_after(low: str, words: tuple) -> bool:
    """Whether some "chưa" of ``low`` comes right after one of ``words`` and spaces."""
    i = low.find("chưa")
    while i >= 0:
        if _word_before(low, i, words):
            return True
        i = low.find("chưa", i + 1)
    return False


_REVIEW_HEAD = regex.compile(
    r"(?<![\p{L}])(?:(?i:nhiều\s+xã\s+chưa\s+đạt\s+nhất)\s+(?i:là)|"
    r"(?i:(?:những|các)\s+)?(?i:tiêu\s+chí)\s+(?:(?i:có)\s+)?(?i:nhiều\s+xã\s+chưa\s+đạt)(?:\s+(?i:nhất))?\s*(?:(?i:là|gồm)|:)|"
    # after the first criterion: "... vẫn là tiêu chí nhiều xã chưa đạt nhất (118 xã); tiếp đến ..."
    r"(?i:là\s+tiêu\s+chí\s+nhiều\s+xã\s+chưa\s+đạt\s+nhất)\s*\([^()\n]{1,30}\)\s*[;,]\s*"
    r"(?i:tiếp\s+(?:đến|theo)|kế\s+đến|sau\s+đó)(?:\s+(?i:là))?)\s*:?\s*")
# the communes a review counts for one criterion, in parentheses after its name: "(6 xã)", "(22 xã, ...)"
# the count of an item below a review's first: ": 9 xã", " - 9 xã"
_COUNT_AFTER_NAME = regex.compile(r"\s*[:\-–]?\s*(?P<k>\d{1,3}(?:\.\d{3})*)\s+(?i:xã)(?![\p{L}])(?=\s*[;.,]?\s*$)")
_SAME_LINE_ITEM = regex.compile(r"\s*[;,]\s*(?:(?i:và)\s+)?")
_HAS_COUNT = regex.compile(r"\s*[:\-–]?\s*(?:(?i:có)\s+)?(?P<k>\d{1,3}(?:\.\d{3})*)\s+(?i:xã)(?![\p{L}])(?=\s*(?:[;,.]|$))")
_PAREN_COUNT = regex.compile(r"\s*\(\s*(?P<k>\d{1,3}(?:\.\d{3})*)\s+(?i:xã)(?![\p{L}])")
_LACK_HEAD = re.compile(r"(?:thiếu|hụt|rớt|nợ)[\"”]?\s*(?:là|gồm|:)")
# A table row marked unmet has "|", maybe spaces or tabs, then "chưa" (see P.UNMET_ROW)
_ROW_MARK = re.compile(r"\|[ \t]*chưa")


_COUNTED = regex.compile(r"(?<![\p{L}\d])(hai|ba|bốn|năm|\d{1,2})\s+$", regex.I)


_BOTH = regex.compile(r"(?<![\p{L}])(?i:cả)\s+(?P<n>hai|ba|bốn|năm|\d)\s+(?:(?i:xã|huyện)\s+)?(?i:đều|cùng)(?![\p{L}])")


def _figure_units(ctx: Context, at: int) -> list[Unit]:
    """The units of the last progress figure earlier in the paragraph, when no unit is named
    between it and ``at``: "Gò Quao hiện đạt 8/9 tiêu chí, còn tiêu chí số 6 ... chưa đạt",
    "... là Vụ Bổn, hiện đạt 16/19 tiêu chí. Xã còn 03 tiêu chí chưa đạt, khó nhất là ..."."""
    p_start, _ = ctx.paragraph_span(at)
    last = None
    for f in ctx.facts_of("progress"):
        if p_start <= f.evidence.start and f.evidence.end <= at:
            last = f
    if last is None:
        return []
    mentions = ctx.mentions
    i = bisect.bisect_left(mentions, (last.evidence.end,))
    if i < len(mentions) and mentions[i][0] < at:
        return []  # a unit named since: the usual reading decides
    units = []
    for p in ctx.facts_of("progress"):
        if p.evidence.start == last.evidence.start and p.unit not in units:
            units.append(p.unit)
    f = ctx.folded
    # "xã A mới đạt 8/19 tiêu chí, xã B chỉ đạt 7 tiêu chí, cả hai đều chưa đạt ...": the units of
    # that many figures before it in the paragraph
    both = _BOTH.search(f, last.evidence.end, at)
    if both is not None:
        k = P.count_of(both.group("n")) or 0
        figured: list[Unit] = []
        for p in reversed(ctx.facts_of("progress")):
            if p.evidence.start < p_start:
                break
            if p.evidence.end <= at and p.unit not in figured:
                figured.append(p.unit)
        if len(figured) >= k > len(units) and len({u.level for u in figured[:k]}) == 1:
            return list(reversed(figured[:k]))
    for m in P.BARE_LEVEL_A.finditer(ctx, last.evidence.end, at):
        if QUANTIFIED.search(f, max(0, m.start() - 8), m.start()):
            # "Phú Đông, Phước Khánh và Đại Phước đều dừng ở mức 15-16/19 tiêu chí, cả ba xã cùng chưa
            # đạt ...": the units of the figure when the count is theirs; else the usual reading decides
            n = _COUNTED.search(f, max(0, m.start() - 8), m.start())
            k = n and P.count_of(n.group(1))
            return units if k == len(units) and all(u.level == level_of(m.group("lw"), "") for u in units) else []
    return units


def _communes_in(unit: Unit) -> Optional[int]:
    """How many communes the register lists in a district or province (None if unknown)."""
    if unit.code is None or unit.level not in (Level.HUYEN, Level.TINH):
        return None
    return _communes_of(unit.level, unit.code)


@lru_cache(maxsize=4096)
def _communes_of(level: Level, code: str) -> int:
    from extractors.gazetteer import Gazetteer

    g = Gazetteer.default()
    if level == Level.HUYEN:
        return len(g.children(code))
    return sum(len(g.children(d.code)) for d in g.children(code))


def _holding(ctx: Context, unit: Optional[Unit], count: int) -> Optional[Unit]:
    """``unit``, or the level above it when it has fewer communes than the review counts ("tiêu
    chí số 11 còn 1.215 xã chưa đạt" is the country's, whatever province was named last)."""
    while unit is not None and unit.level in (Level.HUYEN, Level.TINH):
        n = _communes_in(unit)
        if n is None or count <= n:
            return unit
        if unit.level == Level.HUYEN:
            unit = ctx.unit(Level.TINH, unit.province) if unit.province else None
        else:
            unit = Unit(Level.QUOC_GIA, "Việt Nam", None)
    return unit


def _review_parent(ctx: Context, at: int) -> Optional[Unit]:
    """The unit whose communes a review counts ("tiêu chí số 10 có 4 xã chưa đạt"): one named in
    the sentence before it ("Rà soát toàn tỉnh, ..."), else the parent of the last tally before
    it (the district of a district's review, the province of a provincial report), else the
    district of the section or named last."""
    sent = ctx.doc.sentence_at(at)
    named = last_candidate(ctx, sent.start, at, Level.XA, skip_reached=False)
    if named is not None:
        return named
    # a unit heading above: "Huyện Ngọc Lặc" / "Huyện đạt 05/09 tiêu chí. Ở cấp xã, tiêu chí số 2 ..."
    heads = [u for u in ctx.heading_above(at) if u.level in (Level.HUYEN, Level.TINH)]
    if len(heads) == 1:
        return heads[0]
    sec = ctx.section_unit(at)
    if sec is not None and sec.level in (Level.HUYEN, Level.TINH):
        return sec
    # the district whose figure the paragraph gave just before: "Huyện hiện đạt 6/9 tiêu chí ...
    # Ở cấp xã, tiêu chí số 17 còn 4 xã chưa đạt"
    p_start, _ = ctx.paragraph_span(at)
    for f in reversed(ctx.facts_of("progress")):
        if p_start <= f.evidence.start < at and f.unit.level in (Level.HUYEN, Level.TINH):
            return f.unit
    f = ctx.folded
    for t in reversed(ctx.facts_of("tallies")):
        if t.evidence.start < at and t.parent is not None and t.parent.level in (Level.HUYEN, Level.TINH):
            ls, le = ctx.line_span(t.evidence.start)
            if f[ls:le].lstrip()[:1] in P.BULLETS or "|" in f[ls:le]:
                continue  # an item of a breakdown by district, not what the review is about
            return t.parent
    # none named: the district named last, else the article's province ("Bến Tre: kết quả thực
    # hiện 19 tiêu chí ..." / "- Tiêu chí số 2 - Giao thông: 52 xã đạt, còn 95 xã chưa đạt")
    district = _district(ctx, at)
    if district is not None:
        return district
    return ctx.unit(Level.TINH, ctx.province) if ctx.province else None


def _district(ctx: Context, at: int) -> Optional[Unit]:
    u = ctx.section_unit(at)
    if u and u.level == Level.HUYEN:
        return u
    return ctx.last_unit_of_level(Level.HUYEN, at)


def find(ctx: Context) -> list[Unmet]:
    f = ctx.folded
    out: list[Unmet] = []
    seen: set = set()
    # The gates below test ctx.low for literals a pattern cannot match without (its
    # case-insensitive words, lower-cased); they need ctx.low to be the lower-cased text.
    low = ctx.low if ctx.lowered else None

    def add(unit, number, text_name, count_units, start, end, word):
        if unit is None or number <= 0:
            return
        key = (unit.level, unit.name, number, count_units)
        if key in seen:
            return
        seen.add(key)
        std = _standard(ctx, start, unit, word)
        official = criterion_name(unit.level, std, ctx.year, number)
        out.append(Unmet(
            evidence=ctx.evidence(start, end), quote=ctx.quote(start, end), extractor="unmet",
            unit=unit, criterion=number, name=official or text_name, count_units=count_units,
            standard=std,
        ))

    covered: list[tuple[int, int]] = []
    refs = P.CRIT_REF_A.finditer(ctx)

    def counted_item(unit, r, line_end, counts) -> Optional[int]:
        """A further criterion ``r`` counted like the one before it, its count read by the first of
        ``counts`` that matches after its name: the end of what was read, or None."""
        r_name, r_end = _text_name(ctx, r.end())
        rk = next((k for k in (c.match(f, r_end, line_end) for c in counts) if k), None)
        if rk is None:
            return None
        rcount = int(rk.group("k").replace(".", ""))
        for n in _nums(r.group("nums")):
            add(_holding(ctx, unit, rcount), n, r_name, rcount, r.start(), rk.end(), r.group("word"))
        covered.append((r.start(), rk.end()))
        return rk.end()
    # 1. district-wide counts: "Tiêu chí số 2- Giao thông có 5 xã chưa đạt" (UNITS_UNMET needs a
    # "xã" or "huyện", spaces and "chưa" somewhere in the text)
    for m in refs if low is None or _chua_after(low, ("xã", "huyện")) or "không còn đạt" in low else ():
        name, name_end = _text_name(ctx, m.end())
        k = P.UNITS_UNMET.match(f, name_end)
        if not k:
            continue
        # the parent of the counted communes, as a tally of them would have it: the district of
        # a district's review, the province of a provincial report
        count = int(k.group("k").replace(".", ""))
        unit = _review_parent(ctx, m.start()) if k.group("child").lower() == "xã" else (
            ctx.unit(Level.TINH, ctx.province) if ctx.province else None)
        unit = _holding(ctx, unit, count)
        for n in _nums(m.group("nums")):
            add(unit, n, name, count, m.start(), k.end(), m.group("word"))
        covered.append((m.start(), k.end()))
        # "...; tiêu chí số 9 - Nhà ở dân cư có 4 xã; tiêu chí số 11 - Hộ nghèo có 3 xã": items on the
        # same line that count the communes without saying "chưa đạt" again
        line_start, line_end = ctx.line_span(m.start())
        pos = k.end()
        while (j := _SAME_LINE_ITEM.match(f, pos, line_end)) is not None:
            r = P.CRIT_REF.match(f, j.end(), line_end)
            # the item may say "chưa đạt" itself: the first loop's reading, with the whole quote
            pos = counted_item(unit, r, line_end, (P.UNITS_UNMET, _HAS_COUNT)) if r else None
            if pos is None:
                break
        # "- Tiêu chí 18 - Chất lượng môi trường sống: 11 xã chưa đạt;" / "- Tiêu chí 17 - Môi trường: 9 xã;":
        # the items below, one per line, count the same communes without saying "chưa đạt" again
        line_start, line_end = ctx.line_span(m.start())
        if P.ITEM_MARK.match(f, line_start, m.start() + 1) is None:
            continue
        while line_end + 1 < len(f):
            line_start, line_end = ctx.line_span(line_end + 1)
            b = P.ITEM_MARK.match(f, line_start, line_end)
            r = P.CRIT_REF.match(f, b.end(), line_end) if b else None
            if r is None or counted_item(unit, r, line_end, (_COUNT_AFTER_NAME,)) is None:
                break
    # 1b. the count first: "vẫn còn 6 xã chưa đạt tiêu chí số 13 về ..." (the parent of the count)
    for m in refs:
        if any(a <= m.start() < b for a, b in covered):
            continue
        # UNITS_UNMET_BEFORE ends with "đạt" or "thành" and spaces right before the reference
        if low is not None and not _word_before(low, m.start(), ("đạt", "thành")):
            continue
        k = P.UNITS_UNMET_BEFORE.search(f, max(0, m.start() - 40), m.start())
        if not k:
            continue
        child = Level.XA if k.group("child").lower() == "xã" else Level.HUYEN
        unit = parent_for(ctx, k.start(), child)
        name, name_end = _text_name(ctx, m.end())
        for n in _nums(m.group("nums")):
            add(unit, n, name, int(k.group("k")), k.start(), max(m.end(), name_end), m.group("word"))
        covered.append((m.start(), max(m.end(), name_end)))
    # 2. lists after "còn N tiêu chí chưa đạt (gồm ...)"; they may run over sentences on one line
    # (UNMET_HEAD holds "tiêu chí" / "nội dung" / ", chỉ tiêu" or a level word, spaces and "chưa")
    # (or "thiếu" / "hụt" / "rớt" and "là", "gồm" or ":": "Hai tiêu chí xã còn thiếu là ...")
    heads = [(h.start(), h.end()) for h in P.UNMET_HEAD_A.finditer(ctx)] \
        if low is None or _chua_after(low, ("chí", "dung", "tiêu", "xã", "huyện", "tỉnh")) or _LACK_HEAD.search(low) \
        else []
    if low is None or "các tiêu chí" in low or "những tiêu chí" in low or "các nội dung" in low:
        heads += [(h.start(), h.end()) for h in _LACKING_LIST_HEAD.finditer(f)]
    if low is None or "(số" in low or "(tiêu chí" in low:
        heads += [(h.start(), h.end()) for h in _LACKING_NAMES_HEAD.finditer(f)]
    # "Năm tiêu chí còn lại và kinh phí dự kiến như sau:": the criteria left, one item per line below
    left = [h.span() for h in _LEFT_BELOW_HEAD.finditer(f)] if low is None or "còn lại" in low else []
    left_heads = {s for s, _ in left}
    heads += left
    heads += [(h.start(), h.end()) for h in P.HARDEST_HEAD_A.finditer(ctx) if _short_before(ctx, h.start())]
    heads += [(h.start(), h.end()) for h in P.REMAINING_HEAD_A.finditer(ctx) if _short_before(ctx, h.start())]
    # reviews: "Những tiêu chí nhiều xã chưa đạt là: tiêu chí số 10 - Thu nhập (6 xã), ...", "Nhiều xã
    # chưa đạt nhất là tiêu chí số 17 ... (34 xã); tiếp đến tiêu chí số 11 ...", "... vẫn là tiêu chí
    # nhiều xã chưa đạt nhất (118 xã); tiếp đến tiêu chí số 10 ..." -- the communes of a district or
    # province, counted per criterion
    reviews = set()
    if low is None or "nhiều xã" in low:
        for h in _REVIEW_HEAD.finditer(f):
            heads.append((h.start(), h.end()))
            reviews.add(h.start())
    heads.sort()
    for h_start, h_end in heads:
        line_start, line_end = ctx.line_span(h_start)
        pos = h_end
        units = None
        review = h_start in reviews
        # the head names the criteria word: its first item may leave it out ("gồm: số 2 - Giao thông")
        word = "nội dung" if "nội dung" in f[h_start:h_end].lower() else "tiêu chí"
        # a head that ends its line ("Bốn tiêu chí xã chưa đạt gồm:") lists its items on the lines
        # below, one per line after a bullet ("- Tiêu chí số 3 - Thủy lợi ...: ...")
        below = not f[h_end:line_end].strip()
        first = True
        while True:
            if below:
                if pos >= line_end:
                    nxt_line = line_end + 1
                    if nxt_line >= len(f):
                        break
                    _, line_end = ctx.line_span(nxt_line)
                    if h_start in left_heads and not f[nxt_line:line_end].strip() and line_end + 1 < len(f):
                        nxt_line = line_end + 1  # items a blank line apart
                        _, line_end = ctx.line_span(nxt_line)
                    b = P.ITEM_MARK.match(f, nxt_line, line_end)
                    if b is None:
                        break
                    pos = b.end()
                m = P.CRIT_REF.match(f, pos, line_end) or (
                    _NAME_NUM_ITEM.match(f, pos, line_end) if h_start in left_heads else None)
                if m is None:
                    if h_start in left_heads:
                        pos = line_end  # an item that names no number ("5. Môi trường ...: ..."): the next
                        continue
                    break
            else:
                m = P.CRIT_REF.match(f, pos, line_end)
                if not m:
                    m = _BARE_ITEM.match(f, pos, line_end)
                if not m:
                    gap = _ITEM_GAP.match(f, pos, line_end)
                    m = P.CRIT_REF.match(f, gap.end(), line_end) if gap else None
            if not m and first:
                # "còn 4 tiêu chí chưa đạt là Giao thông (tiêu chí 2), Kinh tế (tiêu chí 6) và ..."
                nf = P.NAME_FIRST_ITEM.match(f, pos, line_end)
                while nf:
                    nf_word = nf.group("word") or word
                    if units is None:
                        units = _units(ctx, h_start, nf_word)
                    for unit in units:
                        add(unit, int(nf.group("n")), ctx.quote(nf.start("name"), nf.end("name")).strip(),
                            None, nf.start("name"), nf.end(), nf_word)
                    covered.append((nf.start(), nf.end()))
                    nf = P.NAME_FIRST_ITEM.match(f, nf.end(), line_end)
                break
            if not m or any(a <= m.start() < b for a, b in covered):
                break
            first = False
            word = m.groupdict().get("word") or word
            if units is None:
                if review:
                    units = [_review_parent(ctx, h_start)]
                else:
                    units = _units(ctx, h_start, word) or _head_level_unit(ctx, h_start, h_end)
            name, name_end = _text_name(ctx, m.end())
            nums = _nums(m.group("nums"))
            count = None
            if review:  # "tiêu chí số 10 - Thu nhập (6 xã)"
                k = _PAREN_COUNT.match(f, max(m.end(), name_end), line_end)
                count = int(k.group("k").replace(".", "")) if k else None
            for unit in units:
                for n in nums:
                    add(_holding(ctx, unit, count) if count else unit, n, name if len(nums) == 1 else None,
                        count, m.start(), max(m.end(), name_end), word)
            covered.append((m.start(), name_end))
            if below:
                pos = line_end  # one item per line
                continue
            # the next item: after the name, skipping a parenthetical remark and the sentence end
            nxt = _NEXT_ITEM.match(f, max(m.end(), name_end), min(line_end, max(m.end(), name_end) + _MAX_GAP))
            if not nxt or _GAP_STOP.search(f, max(m.end(), name_end), nxt.end()):
                break
            pos = nxt.end()
    # 2b. a count with its list in parentheses: "còn 2 tiêu chí (số 2 về Giao thông và số 6 về
    # Kinh tế) chưa đạt"; "thiếu" before the count says it without "chưa đạt"
    paren_heads = P.UNMET_PAREN_HEAD.finditer(f) if low is None or "chí (" in low or "dung (" in low \
        or "chí(" in low or "dung(" in low else ()
    for h in paren_heads:
        _, line_end = ctx.line_span(h.start())
        close = f.find(")", h.end(), line_end)
        if close < 0 or any(a <= h.end() < b for a, b in covered):
            continue
        if not h.group("lack") and not P.UNMET_PAREN_TAIL.match(f, close, line_end):
            continue
        units = _units(ctx, h.start(), h.group("word"))
        pos = h.end()
        while pos < close:
            m = P.CRIT_REF.match(f, pos, close) or _BARE_ITEM.match(f, pos, close)
            if not m:
                break
            name, name_end = _text_name(ctx, m.end())
            name_end = min(name_end, close)
            nums = _nums(m.group("nums"))
            for unit in units:
                for n in nums:
                    add(unit, n, name if len(nums) == 1 else None, None, m.start(), max(m.end(), name_end),
                        m.groupdict().get("word") or h.group("word"))
            gap = P.CRIT_JOIN.match(f, max(m.end(), name_end), close)
            if not gap or gap.end() == max(m.end(), name_end):
                break
            pos = gap.end()
        covered.append((h.start(), close + 1))
    # 3. criteria unmet after their names: "còn tiêu chí 9 về ... chưa đạt", "tiêu chí 6 chưa
    # đạt", "còn tiêu chí 6 về Sản xuất, tiêu chí 7 về Môi trường và tiêu chí 9 về ... chưa đạt"
    for m in refs:
        if any(a <= m.start() < b for a, b in covered):
            continue
        _, line_end = ctx.line_span(m.start())
        chain = _chain(ctx, m, line_end)
        last, _, last_end = chain[-1]
        after = P.UNMET_AFTER.match(f, last_end) or P.UNMET_AFTER.match(f, last.end())
        if not after:
            # "xã còn thiếu tiêu chí số 17 (Môi trường ...)": lacking it is not meeting it
            # "chưa đạt tiêu chí số 7 (...) và tiêu chí số 13 (...)": unmet said first
            lack = _LACKING_BEFORE.search(f, max(0, m.start() - 20), m.start())
            # "còn tiêu chí số 5 về Y tế - Văn hóa - Giáo dục đang hoàn thiện": still being worked on
            still = not lack and _STILL_BEFORE.search(f, max(0, m.start() - 12), m.start())
            pending = still and _PENDING_AFTER.match(f, max(last.end(), last_end))
            # "Lạc Dương đạt 8/9 tiêu chí huyện NTM, chỉ còn tiêu chí số 6 - Kinh tế": what is left
            # after a figure short of its total, in the same sentence
            left = still and _ONLY_LEFT_BEFORE.search(f, max(0, m.start() - 12), m.start()) \
                and _short_in_sentence(ctx, m.start())
            if not (lack or pending or left):
                continue
            after = _SpanEnd(max(last.end(), last_end))
        for unit in _units(ctx, m.start(), m.group("word")):
            for ref, name, _ in chain:
                nums = _nums(ref.group("nums"))
                for n in nums:
                    add(unit, n, name if len(nums) == 1 else None, None, ref.start(), after.end(),
                        ref.groupdict().get("word") or m.group("word"))
        covered.append((m.start(), after.end()))
    # 4. report tables: "| 10. Thu nhập | Chưa đạt |" -- the unit the report is about
    rows = P.UNMET_ROW.finditer(f) if "|" in f and (low is None or _ROW_MARK.search(low)) else ()
    for r in rows:
        unit = ctx.section_unit(r.start()) or ctx.issuer
        for unit in [unit] if unit is not None else _units(ctx, r.start(), "tiêu chí"):
            add(unit, int(r.group("n")), ctx.quote(r.start("name"), r.end("name")).strip(), None,
                r.start(), r.end(), "tiêu chí")
    # 5. a table column of criteria not met: "2 | Song Lãng (Vũ Thư) | 18/19 | TC 18 - Chất lượng môi
    # trường sống" under "STT | Xã (huyện) | Tiêu chí đạt | Tiêu chí chưa đạt"
    for table in ctx.tables:
        header = [f[a:b] for a, b in table.header]
        cols = [k for k, h in enumerate(header) if _UNMET_COLUMN.match(h)]
        if not cols:
            continue
        for row in table.rows:
            if len(row) != len(header):
                continue
            for k in cols:
                s, e = row[k]
                if s == e or any(a <= s < b for a, b in covered):
                    continue
                unit = table_row_unit(ctx, s, e)
                if unit is None:
                    continue
                for m in P.CRIT_REF.finditer(f, s, e):
                    name, name_end = _text_name(ctx, m.end())
                    nums = _nums(m.group("nums"))
                    for n in nums:
                        add(unit, n, name if len(nums) == 1 else None, None, m.start(), min(e, max(m.end(), name_end)),
                            m.group("word"))
    out.sort(key=lambda u: u.evidence.start)
    return out


_UNMET_COLUMN = regex.compile(r"^(?i:(?:các\s+)?tiêu\s+chí\s+chưa\s+đạt|chưa\s+đạt)$")


EXTRACTOR = Extractor(
    name="unmet", fact_type="unmet", find=find, triggers=("chưa đạt", "chưa hoàn thành", "thiếu", "hụt", "nợ", "vướng", "rớt", "còn lại", "đang hoàn", "đang thực", "đang triển",
                                                   "đang phấn", "đang nâng", "không còn đạt"),
    # 2: criteria unmet by "cả hai xã" / "cả ba xã" belong to every commune the anaphor names
    # 3: lists in parentheses after a count ("còn 2 tiêu chí (số 2 ..., số 6 ...) chưa đạt"),
    # criteria a unit "thiếu" (lacks) or "còn ... đang hoàn thiện", "tiêu chí còn lại là ...";
    # the unit of the figure before it; a review's communes counted in the province or district
    # its tallies are about
    # 4: heads with the unit's level word or "thiếu"/"hụt" ("Hai tiêu chí xã còn thiếu là"), "chưa đạt các
    # tiêu chí: số 2 - ...", items one per line under a head that ends its line, reviews with counts in
    # parentheses ("Những tiêu chí nhiều xã chưa đạt là: ... (6 xã)", "tiếp đến ..."), an aside before
    # "chưa đạt", "cùng vướng", "thiếu thêm"; criteria shared by "cả hai đều chưa đạt", names listed
    # before their numbers ("còn thiếu Giao thông (số 2), ..."), "không còn đạt", "chưa đạt lại",
    # per-criterion counts continued on one line, the criteria left listed below "Năm tiêu chí còn lại:"
    version="4",
    description="numbered criteria not yet met, with the unit and official criterion name",
)
