"""Tallies: how many units inside a parent reached a standard.

"Có 85/85 xã đạt chuẩn NTM" (in a Trà Vinh article) -> Trà Vinh, 85 of 85
communes. Targets ("phấn đấu có 03 xã NTM nâng cao") are tallies with
modality target; batches ("công nhận thêm 3 xã") are marked ``increment`` so
that they are never compared with running totals. Comparisons ("tăng 160 xã
so với cuối năm 2021") are not tallies.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context, in_aside, standard_of
from extractors.gazetteer import Gazetteer
from extractors.models import Level, Modality, Standard, Tally, Unit
from extractors.units import clean_name, find_lists, level_of, person_like, province_anchored, province_name
from pipeline.normalize import fold_tones

_RANK = {Level.XA: 0, Level.HUYEN: 1, Level.TINH: 2, Level.QUOC_GIA: 3}
_WINDOW = 140
_SPACE = regex.compile(r"\s")
_COMMA = regex.compile(r"\s*,\s*")
_HAS_BEFORE = regex.compile(
    r"(?:(?i:có|thêm|công\s+nhận|đạt)|(?<=\p{L}):)\s*(?:thêm\s+)?(?:(?i:ít\s+nhất|khoảng|trên)\s+)?$")
_NEGATED = regex.compile(r"(?<![\p{L}])(?i:chưa|không|chưa\s+được)\s+$")
_RECOGNISED = regex.compile(r"(?i:được)\s")
# between two counts of one list: "56/86 xã đạt chuẩn NTM (65,1%), 12 xã NTM nâng cao", "ít nhất 06 xã
# NTM nâng cao, trong đó 02 xã kiểu mẫu"
_LIST_JOIN = regex.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:,|và)\s*(?:(?i:trong\s+đó)\s*(?:(?i:có)\s+)?)?$")
# A goal that is a total to reach: a floor, or a state by a time ("đến hết năm 2025 có 90 xã")
_TOTAL_GOAL_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:ít\s+nhất|tối\s+thiểu|đến\s+(?:hết\s+|cuối\s+)?năm\s+(?:19|20)\d\d(?:\s*,)?\s+(?:\p{Ll}+\s+){0,3}?có)")
# after the count, up to its verb: "02 xã đề nghị xét, công nhận đạt chuẩn", "04 xã vừa được công nhận"
_PROPOSED_BETWEEN = regex.compile(
    r"(?i:đề\s+nghị\s+(?:xét\s*,?\s*)?công\s+nhận|(?:vừa|mới)\s+(?:được\s+)?(?:\S+\s+){0,3}?công\s+nhận)")
_DATED_AFTER = regex.compile(r"\s*(?:(?i:trong)\s+)?(?i:năm)\s+(?:(?:19|20)\d\d|nay)(?!\d)|\s*(?i:đợt\s+này)")
# A region as the subject of a count: "khu vực miền núi có 96 xã", "vùng đồng bào dân tộc có ..."
_REGION_WORDS = ("khu vực", "vùng", "miền", "địa bàn", "đồng bằng", "nam bộ", "tây nguyên", "trung bộ", "trung du")
_REGION_SUBJECT = regex.compile(
    r"(?<![\p{L}])(?<!(?i:huyện|xã|tỉnh|thị\s+xã|phường)\s)(?i:khu\s+vực|vùng|miền|địa\s+bàn)\s+"
    r"(?i:miền\s+núi|núi|đồng\s+bằng|ven\s+biển|biên\s+giới|đồng\s+bào|dân\s+tộc|cao|sâu|trung\s+du|tây|đông|bắc|nam)"
    r"(?![\p{L}])(?!\s+\p{Lu})")
# A district named without its level word before "có": "Tương Dương mới có 3 xã đạt chuẩn"; the
# adverbs that may stand between, and their words (for the cheap test before the pattern)
_CO_ADVERBS = ("mới", "đã", "hiện", "nay", "đến nay", "hiện nay", "cũng", "vẫn", "chỉ")
_BEFORE_CO = {"có"} | {w for a in _CO_ADVERBS for w in a.split()}
_BARE_PARENT = regex.compile(
    rf"(?<!(?i:tỉnh|huyện|xã|phố|quận|trấn|phường)\s)(?<!\p{{Lu}}\p{{Ll}}*\s){P.BARE_NAME}"
    r"\s+(?:(?i:" + "|".join(a.replace(" ", r"\s+") for a in _CO_ADVERBS) + r")\s+)*(?i:có)\s+$")


_SUBJECT_VERB = regex.compile(r"(?<![\p{L}])(?:có|công\s+nhận|phấn\s+đấu|đặt\s+mục\s+tiêu|dự\s+kiến)(?![\p{L}])")


def _bare_parent(ctx: Context, lo: int, at: int, child: Level) -> Optional[Unit]:
    """The district a count right after "NAME (mới) có" lies in, when the register knows NAME as
    a district of the article's province (as its end: "Riêng Tương Dương"); None otherwise."""
    if child != Level.XA:
        return None
    m = None
    if ctx.may_hold(("có",), max(lo, at - 8), at):
        # the word before "có" and its adverbs must be capitalised (the end of a name): most counts
        # after "có" follow a lower-case word ("toàn tỉnh có 12 xã"), which rules the pattern out
        words = ctx.folded[max(lo, at - 60):at].split()
        while words and words[-1].lower() in _BEFORE_CO:
            words.pop()
        if words and words[-1][:1].isupper():
            m = _BARE_PARENT.search(ctx.folded, max(lo, at - 60), at)
    if m is None:
        # "Vũ Quang đặt mục tiêu năm 2024 công nhận thêm 1 xã": the district opens the clause, its verb
        # follows in lower-case words
        f = ctx.folded
        k = _after_spaces(f, lo)
        m = P.BARE_NAME_RX.match(f, k, at) if k < at and f[k].isupper() else None
        if m is None:
            return None
        between = f[m.end():at].split()
        if not 1 <= len(between) <= 10 or not all(w[:1].islower() or w[:1].isdigit() for w in between) \
                or not _SUBJECT_VERB.search(f, m.end(), at):
            return None
    name = clean_name(m.group("name"))
    if province_name(name):
        return None  # a province: last_candidate reads those
    return ctx.registered(Level.HUYEN, name, skip=1)  # at most one word before it ("Riêng", "Còn")


_OUT_OF_BEFORE = regex.compile(r"(?<![\d/.,])(?P<n>\d{1,4})\s+(?i:trên)\s+$")
_OUT_OF_TOTAL = regex.compile(
    r"\s*,?\s*(?i:trên|trong)\s+(?i:tổng\s+(?:số\s+)?)(?P<t>\d{1,3}(?:\.\d{3})*|\d+)\s+(?P<child>(?i:xã|huyện))(?![\p{L}])")
_OF_BEFORE = regex.compile(r"(?<![\p{L}])(?i:thôn|ấp|bản|buôn|làng|khóm|hộ)\s+(?i:của)\s+$")
_THIS_FIGURE = regex.compile(r"(?i:con\s+số\s+(?:này|đó|trên))\s+(?:(?i:đã|nay|hiện)\s+)?(?i:là|lên|tăng\s+lên)\s*$")
_BAND_AFTER = regex.compile(r"\s+(?:(?i:đạt|có)\s+)?(?i:dưới|trên|từ)\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?i:tiêu\s+chí)")
# "Huyện có 13 xã thì mới 1 xã đạt chuẩn", "có mười hai xã thì đã có chín xã": the total said first
# (in digits or words, as P.count_of reads them)
_TOTAL_FIRST = regex.compile(
    r"(?<![\p{L}])(?i:có)\s+(?P<t>\d{1,3}|(?i:mười\s+(?:một|lăm|hai|ba|bốn|năm|sáu|bảy|tám|chín)|hai|ba|bốn|năm|sáu|bảy|"
    r"tám|chín|mười))\s+(?i:xã)\s*,?\s*(?i:thì|nhưng|trong\s+đó|đến\s+nay|hiện\s+nay|nay)\s+"
    r"(?:(?i:mới|chỉ|đã)\s+)?(?:(?i:có)\s+)?$")
# A quota per unit, no count in a parent: "mỗi huyện phải có ít nhất 1 xã đạt chuẩn NTM nâng cao"
_EACH_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:mỗi)\s+(?i:tỉnh|huyện|xã|địa\s+phương|đơn\s+vị)\s+(?:\p{Ll}+\s+){0,4}$")
# The recognition verb before the count: "phấn đấu công nhận thêm 2 xã là A và B"
_RECOGNITION_BEFORE = regex.compile(r"(?<![\p{L}])(?i:công\s+nhận)\s+(?:(?i:thêm|mới)\s+)?$")
# A proposal for recognition right before the count: "UBND tỉnh đề nghị xét công nhận 07 xã" --
# the units are assessed and proposed, a state reported unless a goal word says otherwise
_PROPOSED_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:đề\s+nghị)\s+(?:(?i:trung\s+ương|tỉnh|thủ\s+tướng)\s+)?(?:(?i:xét)\s*,?\s*)?"
    r"(?i:công\s+nhận)\s+(?:(?i:thêm)\s+)?$")
# A bare level word of the body that recognises: "đã được UBND tỉnh công nhận", "đề nghị UBND tỉnh
# xét công nhận" (no parent)
_RECOGNISER_BEFORE = regex.compile(rf"(?i:được|đề\s+nghị)\s+{P.COUNCIL}\s*$")
# A province's name that is no parent: the name of a lower unit ("xã Hòa Bình") or an item of a
# list of communes ("gồm Đắk Cấm, Vinh Quang, Hòa Bình, Ia Chim")
_LOWER_LEVEL_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã)\s+$")
_LIST_ITEM_AROUND = regex.compile(r"\s*(?:,|\bvà\b)\s*\p{Lu}")
# The first words of P.COMPARISON_BEFORE and of P.INCREMENT_CUE: where none is, they cannot match.
_COMPARISON_WORDS = ("tăng", "giảm", "hơn", "vượt", "thiếu")
_INCREMENT_WORDS = ("thêm", "mới", "đề", "xét", "trong", "năm", "đợt")


def _int(s: str) -> int:
    """Vietnamese thousands: "5.775" -> 5775."""
    return int(s.replace(".", ""))


def _child_level(child: str) -> Level:
    return Level.XA if child.lower().startswith("xã") else Level.HUYEN


def _bare_unit_level(ctx: Context, start: int, sent_start: int) -> Optional[Level]:
    """The level of a bare "đơn vị" count, named earlier in the sentence ("Ở cấp huyện, ...
    có thêm 28 đơn vị"); None where the sentence does not say (then it is no tally)."""
    last = None
    for m in P.CHILD_LEVEL_LEAD.finditer(ctx.folded, sent_start, start):
        last = m
    if last is None:
        return None
    return Level.XA if last.group("lv").lower() == "xã" else Level.HUYEN


def _window_end(ctx: Context, start: int) -> int:
    r"""Where the window of a count from ``start`` ends: at the first match of
    ``[;\n]|\.(?:\s|$)`` in f[start:start + _WINDOW] (searched with that endpos), else at
    the window's end. Found by str.find: the first ";" or line break, or an earlier "."
    before a \s or at the window's last offset (where "$" matches, the text being cut there)."""
    f = ctx.folded
    end = min(len(f), start + _WINDOW)
    stop = f.find(";", start, end)
    if stop < 0:
        stop = end
    nl = f.find("\n", start, stop)
    if nl >= 0:
        stop = nl
    p = f.find(".", start, stop)
    while p >= 0:
        if p + 1 == end or _SPACE.match(f, p + 1):
            return p
        p = f.find(".", p + 1, stop)
    return stop


def _after_spaces(f: str, at: int) -> int:
    r"""The first offset from ``at`` on that is no ``str.isspace`` character (len(f) if none):
    every regex \s is one, so a pattern opening with \s* goes on at this offset or stops
    before it (at a character that is no \s)."""
    n = len(f)
    while at < n and f[at].isspace():
        at += 1
    return at


def _standard(ctx: Context, start: int, end: int, default_ntm: bool = False):
    """The standard named after the count (None where one count mixes standards), and the
    first criteria-set mention in f[start:end] (None if there is none; it ends the quote)."""
    m = P.STANDARD_A.search(ctx, start, end)
    if not m:
        # "382/382 xã đạt chuẩn", "nâng tổng số xã đạt chuẩn lên 101/116 xã": in NTM news
        # "đạt chuẩn" alone is the NTM standard
        return (Standard.NTM if default_ntm else None), None
    # "18 xã đạt chuẩn NTM, NTM nâng cao": one figure for two standards
    tail = ctx.folded[m.end():m.end() + 4]
    comma = _COMMA.match(tail) if "," in tail else None
    mixed = P.STANDARD.match(ctx.folded, comma.end() + m.end()) if comma else None
    if mixed and (mixed.group("q") or mixed.group("q2")) and not m.group("done") \
            and not (m.group("q") or m.group("q2")):
        return None, m
    return standard_of(m), m  # "hoàn thành nhiệm vụ" counted units: plain NTM


# A level word that is no parent: counted or generic ("4 huyện", "các xã"), or part of a
# name of something else ("đơn vị cấp huyện").
_NOT_PARENT_BEFORE = regex.compile(
    rf"(?:{P.COUNT_DIGIT}|%|\bcác|\bnhững|\bsố|\bmỗi|\btừng|\bmột|\bcấp|\bhai|\bba|\bbốn|\bnăm)\s*$", regex.I)


def _tinh_unit(ctx: Context, name: str) -> Optional[Unit]:
    """ "tỉnh Trà Vinh" -> Trà Vinh; "UBND tỉnh Đỗ Minh Tuấn" (a person's name) -> the article's province."""
    p = province_name(name)
    if not p:
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            p = province_name(" ".join(words[:k]))
            if p:
                break
    p = p or ctx.province
    return ctx.unit(Level.TINH, p) if p else None


def _in_range(ctx: Context, a: P.Anchored, lo: int, hi: int) -> tuple:
    """(``a.finditer(ctx, lo, hi)``, a memo of ``a``'s matches in this document).

    Anchored answers a range with the document's own match objects, so the memo holds per
    match what does not depend on the range, keyed by the match object (kept alive by the
    memo, so no other match takes its identity).
    """
    memos = ctx.__dict__.setdefault("_tallies_memos", {})
    memo = memos.get(a)
    if memo is None:
        memo = memos[a] = {}
    return a.finditer(ctx, lo, hi), memo


def _mention_info(ctx: Context, m) -> tuple:
    """(rank, level, name) of a UNIT_MENTION match as a parent, the name None where it names
    none: a person ("Phó Chủ tịch UBND thành phố Nguyễn Mạnh Quyền"), units counted ("3
    huyện Xuân Trường, Giao Thủy, ..."). The unit is resolved only where it is asked for."""
    name = clean_name(m.group("name"))
    if person_like(name):
        return 0, Level.XA, None
    level = level_of(m.group("lw"), name)
    if _COUNTED_BEFORE.search(ctx.folded, max(0, m.start() - 6), m.start()):
        return _RANK[level], level, None
    return _RANK[level], level, name


def _bare_level_info(ctx: Context, m) -> list:
    """[rank, level, unit] of a BARE_LEVEL match as a parent, the level None where it stands
    for no unit; the unit is worked out where it is asked for (``_NO_UNIT`` until then)."""
    f = ctx.folded
    level = level_of(m.group("lw").lower(), "")
    if level == Level.XA:
        return [_RANK[level], None, None]  # below every counted level: never a parent
    if _NOT_PARENT_BEFORE.search(f, max(0, m.start() - 10), m.start()) \
            or _RECOGNISER_BEFORE.search(f, max(0, m.start() - 30), m.start()) \
            or _STANDARD_NAME_AFTER.match(f, m.end()) \
            or _LEVEL_COMPARED.search(f, max(0, m.start() - 30), m.start()):
        # "được công nhận là huyện nông thôn mới kiểu mẫu": the name of a standard; "Huyện Hòa
        # An dẫn đầu tỉnh với 4/14 xã": the province only ranks the district
        return [_RANK[level], None, None]
    return [_RANK[level], level, _NO_UNIT]


_NO_UNIT = object()  # a unit not worked out yet


def _article_district(ctx: Context, at: int) -> Optional[Unit]:
    """The district a bare district-level word at ``at`` stands for: that of the heading, else
    the last one named before; None where that is no district."""
    u = ctx.section_unit(at) or ctx.last_unit_of_level(Level.HUYEN, at)
    if u is None:
        # a district's own notice ("UBND HUYỆN IA PA" above "... toàn huyện hiện có 02/09 xã")
        u = ctx.issuer if ctx.issuer is not None and ctx.issuer.level == Level.HUYEN else (
            ctx.subject_unit or ctx.lead_district)
    return u if u and u.level == Level.HUYEN else None


def _town_unit(ctx: Context, at: int) -> Optional[Unit]:
    """The district-level unit a bare "thị xã" / "quận" at ``at`` stands for, or None."""
    if _NOT_PARENT_BEFORE.search(ctx.folded, max(0, at - 10), at):
        return None
    return _article_district(ctx, at)


def _city_unit(ctx: Context, at: int) -> Optional[Unit]:
    """The city "toàn thành phố" at ``at`` stands for: the article's province where that is a
    centrally-run city, else the article's district when that is a city; None otherwise."""
    city = ctx.unit(Level.TINH, ctx.province) if ctx.province else None
    if city is not None and _is_city(city):
        return city
    u = _article_district(ctx, at)
    return u if u is not None and _is_city(u) else None


def _is_city(u: Unit) -> bool:
    """Whether the register has ``u`` as a city ("thành phố"), of either level."""
    e = Gazetteer.default().entry(u.code) if u.code else None
    return e is not None and e.type == "thành phố"


def last_candidate(ctx: Context, lo: int, hi: int, child: Level, skip_reached: bool) -> Optional[Unit]:
    """The last unit above ``child`` named in f[lo:hi] (of two at one offset, the one of the
    later kind below), None if there is none.

    ``skip_reached``: leave out units that themselves reach a standard ("xây dựng huyện Ba Chẽ
    đạt chuẩn NTM; phấn đấu có thêm 10 xã ..."): they are the subject of their own clause.

    What a match stands for depends on the match alone: it is worked out once per match in a
    document (the memos of _in_range; the checks are pure, so their order does not matter).
    """
    f = ctx.folded
    best_at, best = -1, None
    tinh_at: list[int] = []  # provinces named so far: a province name right after one is the same
    rank = _RANK[child]
    found, memo = _in_range(ctx, P.UNIT_MENTION_A, lo, hi)
    for m in found:
        info = memo.get(m)
        if info is None:
            info = memo[m] = _mention_info(ctx, m)
        lv_rank, level, name = info
        # units named in an aside that closes before the count place its members ("(Hàm Chính
        # thuộc huyện Hàm Thuận Bắc, Tân Hải thuộc thị xã La Gi)"): no parent of what follows
        if lv_rank <= rank or name is None or in_aside(f, lo, m.start(), hi):
            continue
        if skip_reached and _REACHED_NEXT.match(f, m.end(), hi):
            continue
        u = _tinh_unit(ctx, name) if level == Level.TINH else ctx.unit(level, name)
        if u:
            best_at, best = m.start(), u
            if level == Level.TINH:
                tinh_at.append(m.start())
    if _RANK[Level.TINH] > rank:
        found, memo = _in_range(ctx, province_anchored(), lo, hi)
        for m in found:
            if skip_reached and _REACHED_NEXT.match(f, m.end(), hi):
                continue
            if _not_the_province(f, m) or in_aside(f, lo, m.start(), hi):
                continue
            if any(s <= m.start() < s + 60 for s in tinh_at):
                continue
            tinh_at.append(m.start())
            if m.start() >= best_at:
                u = memo.get(m)
                if u is None:
                    u = memo[m] = ctx.unit(Level.TINH, m.group())
                best_at, best = m.start(), u
    found, memo = _in_range(ctx, P.BARE_LEVEL_A, lo, hi)
    for m in found:
        info = memo.get(m)
        if info is None:
            info = memo[m] = _bare_level_info(ctx, m)
        if info[0] <= rank or info[1] is None or m.start() < best_at:
            continue
        if info[2] is _NO_UNIT:
            if info[1] == Level.TINH:
                prov = ctx.province_at(m.start())
                info[2] = ctx.unit(Level.TINH, prov) if prov else None
            else:
                info[2] = _article_district(ctx, m.start()) if info[1] == Level.HUYEN else None
        if info[2] is not None:
            best_at, best = m.start(), info[2]
    if _RANK[Level.HUYEN] > rank:
        # "đến nay thị xã có 5/5 xã": the district-level unit of the article; "toàn thành phố đã có
        # 36/36 xã": a centrally-run city in its own article (Cần Thơ, Hà Nội, ...), else the
        # district-level city the article is about
        for anchored, read in ((P.BARE_TOWN_A, _town_unit), (P.CITY_WIDE_A, _city_unit)):
            found, memo = _in_range(ctx, anchored, lo, hi)
            for m in found:
                if m.start() < best_at:
                    continue
                if m not in memo:
                    memo[m] = read(ctx, m.start())
                if memo[m] is not None:
                    best_at, best = m.start(), memo[m]
    found, memo = _in_range(ctx, P.NATIONAL_A, lo, hi)
    for m in found:
        if m.start() < best_at:
            continue
        if m not in memo:
            # "huyện ... đầu tiên của cả nước", "cao nhất cả nước": a ranking, no parent
            memo[m] = not _NATIONAL_COMPARED.search(f, max(0, m.start() - 40), m.start())
        if memo[m] or _aside_after(f, m.end(), hi):
            # "so với cả nước (... có 5.950/8.165 xã ...)": the aside gives the country's figure
            best_at, best = m.start(), Unit(Level.QUOC_GIA, "Việt Nam", None)
    return best


def _aside_after(f: str, end: int, at: int) -> bool:
    """Whether ``at`` lies inside a parenthesis that opens right after ``end``, or in a clause that
    describes it (", nơi hiện có 4.665/8.231 xã ...")."""
    j = end
    while j < at and f[j].isspace():
        j += 1
    if j < at and f[j] == "(" and f.find(")", j, at) < 0:
        return True
    return _WHERE_CLAUSE.match(f, end, at) is not None


_WHERE_CLAUSE = regex.compile(r"\s*,\s*(?i:nơi)\s+[^,.;()\n]{0,30}$")


def _not_the_province(f: str, m) -> bool:
    """A province's name that names something else: "xã Hòa Bình", or an item of a list of
    names ("gồm Đắk Cấm, Vinh Quang, Hòa Bình, Ia Chim")."""
    lo = max(0, m.start() - 12)
    if _LOWER_LEVEL_BEFORE.search(f, lo, m.start()):
        return True
    before = f[max(0, m.start() - 3):m.start()].rstrip()
    return before.endswith(",") and _LIST_ITEM_AROUND.match(f, m.end()) is not None


_COUNTED_BEFORE = regex.compile(rf"{P.COUNT_DIGIT}\s*$")
_STANDARD_NAME_AFTER = regex.compile(r"\s+(?i:nông\s+thôn\s+mới|ntm)(?![\p{L}])")
_REACHED_NEXT = regex.compile(
    r"(?:\s*\([^)]*\))?\s*(?:đã\s+|sẽ\s+)?(?:(?i:được\s+(?:[\p{L}]+\s+){0,4}?công\s+nhận)(?:\s+là)?\s+)?"
    r"(?i:đạt\s+chuẩn|về\s+đích|hoàn\s+thành\s+nhiệm\s+vụ|(?:huyện|xã|thị\s+xã|thành\s+phố)\s+(?:nông\s+thôn\s+mới|ntm))")
# The country named only to rank a unit or a figure against it: "đầu tiên của cả nước",
# "tỉnh thứ 6 của cả nước", "cao nhất cả nước", "so với cả nước".
_NATIONAL_COMPARED = regex.compile(
    r"(?i:của|nhất|so\s+với|dẫn\s+đầu|đứng\s+đầu|đầu\s+tiên(?:\s+của)?|thứ\s+\d+(?:\s+của)?|trong\s+tốp(?:\s+\d+)?(?:\s+của)?)\s*$")

# A bare level word that only ranks the unit against it: "dẫn đầu tỉnh", "đứng thứ 2 của tỉnh",
# "cao nhất huyện", "đầu tiên của tỉnh" (the bare "của tỉnh" alone may still be a parent).
_LEVEL_COMPARED = regex.compile(
    r"(?<![\p{L}])(?i:dẫn\s+đầu|đứng\s+đầu|nhất|so\s+với|đầu\s+tiên(?:\s+của)?|thứ\s+\d+(?:\s+của)?|trong\s+tốp(?:\s+\d+)?(?:\s+của)?)"
    r"(?:\s+(?:toàn|cả|trong))?\s*$")


# the counted units listed with their district: "... gồm Hòa Ninh, Lộc Hòa và Thanh Đức (huyện Long Hồ)"
_MEMBERS_IN = regex.compile(
    r"[^.;\n]{0,40}?(?<![\p{L}])(?i:gồm|là)\s*:?\s*[^.;\n()]{2,150}?\(\s*(?i:huyện|thị\s+xã|thành\s+phố|quận)\s+"
    r"(?P<name>[^()\n,;]{2,40})\)"
)


def _parent_after(ctx: Context, end: int, child: Level) -> Optional[Unit]:
    """ "25/25 xã của huyện", "12 xã thuộc tỉnh Nam Định": the parent named after the units."""
    f = ctx.folded
    k = _after_spaces(f, end)
    if k == len(f) or f[k] not in "cCtT":
        return None  # PARENT_AFTER opens with \s* and "của" or "thuộc": it cannot match here
    m = P.PARENT_AFTER.match(f, end)
    if not m:
        return None
    if m.group("bare"):
        level = level_of(m.group("bare").lower(), "")
        if _RANK[level] <= _RANK[child]:
            return None
        if level == Level.TINH:
            prov = ctx.province_at(m.start("bare"))
            return ctx.unit(Level.TINH, prov) if prov else None
        u = ctx.section_unit(end) or ctx.last_unit_of_level(level, end)
        return u if u and u.level == level else None
    name = clean_name(m.group("name"))
    level = level_of(m.group("lw"), name)
    if _RANK[level] <= _RANK[child]:
        return None
    return _tinh_unit(ctx, name) if level == Level.TINH else ctx.unit(level, name)


def _carried_parent(ctx: Context, start: int, facts: list[Tally]) -> Optional[Unit]:
    """The parent of the last tally of this or the previous paragraph: a national review
    ("cả nước có 6.101/8.177 xã ...") goes on in the next paragraph ("Ở cấp huyện, ... 277 đơn
    vị cấp huyện") without naming the country again."""
    if not facts:
        return None
    p_start, _ = ctx.paragraph_span(start)
    prev_start, _ = ctx.paragraph_span(max(0, p_start - 3))
    last = facts[-1]
    return last.parent if last.evidence.start >= prev_start else None


def parent_for(ctx: Context, start: int, child: Level, prev: Optional[Unit] = None,
               facts: Optional[list[Tally]] = None) -> Optional[Unit]:
    """The unit the counted units lie in.

    Read in this order: the clause of the count (since the last ";"), the parent of the
    previous tally of the sentence, the rest of the sentence and of its line (units that
    reach a standard themselves left out), a heading, the parent carried over from the
    tallies so far (``facts``, see _carried_parent), the article's province, the country.
    """
    f = ctx.folded
    sent = ctx.doc.sentence_at(start)
    clause_start = max(f.rfind(";", sent.start, start) + 1, sent.start)
    found = last_candidate(ctx, clause_start, start, child, skip_reached=False)
    if found and prev is not None and found.level == prev.level and found != prev \
            and not P.UNIT_MENTION_A.may_match(ctx, clause_start, start):
        # "Mỹ Đức hiện có 9/21 xã ...; năm 2024 huyện đăng ký thêm 4 xã": a bare "huyện" is the
        # district of the sentence's tally, not the one named last with its level word
        return prev
    if found:
        return found
    if prev is not None:
        return prev
    line_start, _ = ctx.line_span(start)
    found = last_candidate(ctx, min(line_start, sent.start), clause_start, child, skip_reached=True)
    if found:
        return found
    sec = ctx.section_unit(start)
    if sec and _RANK[sec.level] > _RANK[child]:
        return sec
    carried = _carried_parent(ctx, start, facts) if facts else None
    if carried is not None and _RANK[carried.level] > _RANK[child]:
        # a unit named since the tally that set it (a transcript's "[PHÓNG VIÊN ..., TỪ HUYỆN VŨ QUANG]")
        # is where the text has moved on to
        since = _named_since(ctx, facts[-1].evidence.end, start, child)
        return since if since is not None else carried
    # an article about a district ("Ba Vì tổng kết năm 2023: ..."): its plans are the district's
    subject = ctx.subject_unit
    if subject is not None and _RANK[subject.level] > _RANK[child]:
        return subject
    if ctx.province:
        return ctx.unit(Level.TINH, ctx.province)
    if P.NATIONAL_A.search(ctx):
        return Unit(Level.QUOC_GIA, "Việt Nam", None)
    return None


def _named_since(ctx: Context, lo: int, hi: int, child: Level) -> Optional[Unit]:
    """The last unit above ``child`` that a heading names in [lo, hi) -- a line that opens with it,
    or a bracketed segment header -- or None (a unit named in passing moves nothing on)."""
    mentions = ctx.mentions
    f = ctx.folded
    i = bisect.bisect_left(mentions, (hi,)) - 1
    while i >= 0 and mentions[i][0] >= lo:
        at, level, name = mentions[i]
        line_start = ctx.line_span(at)[0]
        prefix = f[line_start:at].strip(" \t" + P.BULLETS)
        if _RANK[level] > _RANK[child] and (not prefix or prefix.startswith("[")):
            return ctx.unit(level, name)
        i -= 1
    return None


def _dedupe(facts: list[Tally]) -> list[Tally]:
    """One fact per figure: a headline repeating a figure of the body ("Cả nước có 5.775 xã
    đạt chuẩn" over "cả nước có 5.775/8.227 xã ...") is the same fact; the fuller one stays."""
    def key(t):
        return (t.parent.level, t.parent.name, t.child_level, t.standard, t.count, t.modality, t.increment)

    with_total = {key(t) for t in facts if t.total is not None}
    out, seen = [], set()
    for t in facts:
        k = key(t)
        if t.total is None and k in with_total:
            continue
        if (k, t.total) in seen:
            continue
        seen.add((k, t.total))
        out.append(t)
    return out


def _running_total(ctx: Context, m, facts: list[Tally], sent_start: int):
    """ "nâng tổng số xã đạt chuẩn NTM lên 41/147 xã": the standard of a count after its verb.

    Returns (standard, span start) or None when the count is no such total.
    """
    f = ctx.folded
    clause_start = max(f.rfind(";", sent_start, m.start()) + 1, sent_start)
    lo = max(clause_start, m.start() - 120)
    if ctx.may_hold(("con số",), max(sent_start, m.start() - 30), m.start()):
        # "Cuối năm 2022 huyện có 6/11 xã đạt chuẩn NTM; hiện nay con số này là 9/11 xã": the
        # figure of the tally just before, at a later date
        back = _THIS_FIGURE.search(f, max(sent_start, m.start() - 30), m.start())
        same = [t for t in facts if t.evidence.sentence_start == sent_start and t.evidence.start < m.start()]
        if back and same:
            return same[-1].standard, back.start()
    if not ctx.may_hold(("nâng", "đưa", "tổng", "số", "lũy", "luỹ"), lo, m.start()):
        return None  # the first words of RUNNING_TOTAL_BEFORE: it cannot match
    r = P.RUNNING_TOTAL_BEFORE.search(f, lo, m.start())
    if not r:
        return None
    if f[m.end():m.end() + 1] == " " and P.STANDARD.match(f, m.end() + 1):
        # "nâng tổng số lên 153 xã NTM nâng cao (40,05% số xã) và 47 xã NTM kiểu mẫu": the set named
        # right after the count
        return _standard(ctx, m.end(), m.end() + 40)[0], r.start()
    mid_s, mid_e = r.span("mid")
    if P.REACHED.search(f, mid_s, mid_e):
        return _standard(ctx, mid_s, mid_e, default_ntm=True)[0], r.start()
    if P.STANDARD_A.may_match(ctx, mid_s, mid_e):
        # "nâng tổng số xã NTM nâng cao lên 08 xã": the set named without "đạt chuẩn"
        standard, s_m = _standard(ctx, mid_s, mid_e)
        if s_m is not None:
            return standard, r.start()
    # "có thêm 20 xã đạt chuẩn NTM, nâng tổng số lên 300/411 xã": the figure just given
    same = [t for t in facts if t.evidence.sentence_start == sent_start and t.evidence.start < r.start()]
    if same and mid_e - mid_s < 25:
        return same[-1].standard, r.start()
    return None


# A bullet line "- Số xã đạt chuẩn NTM nâng cao: 98/133 xã (73,7%); trong năm có thêm 12 xã" (or "- Xã
# đạt chuẩn NTM kiểu mẫu: 7 xã"):
# the label names the counted level and the standard, the value the figure.
_BULLET = regex.compile(
    r"^[ \t]*[-–•+*][ \t]*(?P<label>(?:(?i:(?:tổng\s+)?số)\s+)?(?P<child>(?i:xã|huyện))\s+(?:đã\s+)?(?:được\s+công\s+nhận\s+)?"
    r"đạt\s+chuẩn(?P<std>[^:\n\d]{0,40})):[ \t]*(?P<count>\d{1,5})(?:[ \t]*/[ \t]*(?P<total>\d{1,5}))?"
    r"(?:[ \t]+(?:xã|huyện))?(?![\d/.,]\d)(?P<rest>[^\n]*)$", regex.M)
_BULLET_MORE = regex.compile(r"(?i:thêm)\s+(\d{1,4})\s+(xã|huyện)(?![\p{L}])")
# What every _BULLET line holds ("đạt", spaces, "chuẩn", up to 40 characters of no ":", line
# break or digit, then ":"): the stdlib engine rules out most documents before _BULLET, which
# opens with a line start and is tried at every offset. Its \s and \d take in those of regex.
_BULLET_GATE = re.compile(r"đạt\s+chuẩn[^:\n\d]{0,40}:")


def _bullets(ctx: Context) -> tuple[list[Tally], list[tuple[int, int]]]:
    """Tallies of "Label: value" bullet lines, with the spans of those lines."""
    f = ctx.folded
    if not _BULLET_GATE.search(f):
        return [], []
    facts: list[Tally] = []
    spans: list[tuple[int, int]] = []
    province = ctx.province
    for m in _BULLET.finditer(f):
        if not province:
            break
        if P.REGION_NAME.search(f, m.start("label"), m.end("label")):
            continue  # "- Đồng bằng sông Hồng: 1.741/1.741 xã đạt chuẩn": a region of the country
        count = _int(m.group("count"))
        total = _int(m.group("total")) if m.group("total") else None
        if total is not None and (total == 0 or count > total):
            continue
        parent = ctx.unit(Level.TINH, province)
        child = _child_level(m.group("child"))
        standard, _ = _standard(ctx, m.start("std"), m.end("std"), default_ntm=True)
        modality = Modality.TARGET if ctx.in_plan_section(m.start()) else Modality.REPORTED
        end = m.end("total") if m.group("total") else m.end("count")
        spans.append((m.start(), m.end()))
        facts.append(Tally(
            evidence=ctx.evidence(m.start("label"), end), quote=ctx.quote(m.start("label"), end),
            extractor="tallies", parent=parent, child_level=child, standard=standard, count=count,
            total=total, modality=modality, increment=False,
        ))
        more = _BULLET_MORE.search(f, m.start("rest"), m.end())
        if more and _child_level(more.group(2)) == child:
            facts.append(Tally(
                evidence=ctx.evidence(more.start(), more.end()), quote=ctx.quote(more.start(), more.end()),
                extractor="tallies", parent=parent, child_level=child, standard=standard,
                count=_int(more.group(1)), total=None, modality=modality, increment=True,
            ))
    return facts, spans


# Where a TALLY_COUNT figure ends: a digit, spaces and the first word of a child level ("85/85
# xã", "3 đơn vị", "2 thị xã"), found by the stdlib engine in the lower-cased text (its \d and
# \s take in those of regex; (?i:) of regex folds no other letter onto these lower-case ones).
_FIGURE_END = re.compile(r"\d\s+(?:đơn|huyện|xã|thị|thành)")


def _tally_counts(ctx: Context) -> list:
    """``list(P.TALLY_COUNT.finditer(ctx.folded))``, the pattern tried only where it may start.

    TALLY_COUNT opens with a look-behind, so regex tries it at every offset of the text. A
    match starts at a digit with no digit, "/", ".", "," or "%" before it and runs over
    digits, ".", "/" and spaces to a _FIGURE_END: those digits, left to right, skipping
    any inside the last match, are all the offsets finditer could match at.
    """
    f = ctx.folded
    if not ctx.lowered:
        return list(P.TALLY_COUNT.finditer(f))
    match = P.TALLY_COUNT.match
    out: list = []
    last = 0
    for h in _FIGURE_END.finditer(ctx.low):
        q = h.start()
        k = q
        while k > last and (f[k - 1].isdecimal() or f[k - 1] in "./" or f[k - 1].isspace()):
            k -= 1
        for p in range(k, q + 1):
            if p < last or not f[p].isdecimal() or (p > 0 and (f[p - 1].isdecimal() or f[p - 1] in "/.,%")):
                continue
            m = match(f, p)
            if m is not None:
                out.append(m)
                last = m.end()
    return out


def _compared_after(f: str, at: int) -> bool:
    """``P.COMPARISON_AFTER.match(f, at)`` ("160 xã so với ...", maybe after a parenthesis),
    tried only where its first letter, "(" or an "s" after spaces, follows: without an end
    the regex engine reads the rest of the text for "với" before it fails (some µs a count).
    Every regex whitespace is ``str.isspace``, so no such "(" or "s" is skipped here."""
    k = _after_spaces(f, at)
    return k < len(f) and f[k] in "(sSſ" and P.COMPARISON_AFTER.match(f, at) is not None


_ALREADY_BEFORE = regex.compile(r"(?<![\p{L}])(?i:đã)\s+$")
_BUT_AFTER = regex.compile(r"\s*,?\s*(?i:nhưng|song)(?![\p{L}])")
_LOST_AFTER = regex.compile(r"\s*[\"“]?(?i:bị\s+)?(?i:rớt|tụt)(?![\p{L}])")
_LOST_LATER = regex.compile(
    r"(?:(?!\s(?i:và)\s)[^.;,\n]){0,30}?(?<![\p{L}])(?i:nay\s+(?:chưa|không)|không\s+còn\s+(?:đạt|đáp\s+ứng|giữ)|chưa\s+đáp\s+ứng)")
_RAISES_TOTAL = regex.compile(r"\s*,\s*(?i:nâng|đưa)\s+(?:(?i:tổng\s+)?số\s+)?(?:[^\s;.]+\s+){0,6}?(?i:lên)\s*$")
_REGISTERED_PROPOSAL = regex.compile(
    r"(?<![\p{L}])(?i:đăng\s+ký)\s+(?:(?i:đề\s+nghị)\s+)?(?:(?i:xét)\s*,?\s*)?(?i:công\s+nhận)\s+(?:(?i:thêm)\s+)?$")


_NAME_JOIN = regex.compile(rf"\s*(?:,|và|;)\s*{P.BARE_NAME}\s+(?:(?i:hiện|mới|đã|cũng)\s+)?(?:(?i:có|đạt)\s+)?$")


def _same_form_elsewhere(ctx: Context, m, facts: list[Tally], accepted_ends: list[int],
                         sent_start: int) -> Optional[Tally]:
    """A count with no verb right after another unit's name that continues the tally before it in
    the sentence ("..., Gia Lai 121/182 xã"): that unit's tally of the same kind; None otherwise."""
    if not facts or not accepted_ends or facts[-1].evidence.sentence_start != sent_start:
        return None
    prev = facts[-1]
    if prev.parent is None or prev.parent.level not in (Level.TINH, Level.HUYEN):
        return None
    j = _NAME_JOIN.fullmatch(ctx.folded, accepted_ends[-1], m.start())
    if j is None:
        return None
    name = clean_name(j.group("name"))
    if prev.parent.level == Level.TINH:
        prov = province_name(name)
        parent = ctx.unit(Level.TINH, prov) if prov else None
    else:
        parent = ctx.registered(Level.HUYEN, name)
    if parent is None or _child_level(m.group("child")) != prev.child_level:
        return None
    total = _int(m.group("total")) if m.group("total") else None
    count = _int(m.group("count"))
    if total is not None and (total == 0 or count > total):
        return None
    return Tally(
        evidence=ctx.evidence(j.start("name"), m.end()), quote=ctx.quote(j.start("name"), m.end()),
        extractor="tallies", parent=parent, child_level=prev.child_level, standard=prev.standard, count=count,
        total=total, modality=prev.modality, increment=prev.increment,
    )


def find(ctx: Context) -> list[Tally]:
    f = ctx.folded
    facts, bullet_spans = _bullets(ctx)
    accepted_ends: list[int] = []
    matches = _tally_counts(ctx)
    # words some checks need somewhere in the document (most documents have none of them)
    each_words = ctx.may_hold(("mỗi",), 0, len(f))
    region_words = ctx.may_hold(_REGION_WORDS, 0, len(f))
    out_of: set[int] = set()  # counts that are the total of the count before ("trên tổng số 139 xã")
    for i, m in enumerate(matches):
        if bullet_spans and any(a <= m.start() < b for a, b in bullet_spans):
            continue
        if m.start() in out_of:
            continue
        if not m.group("total") and f.endswith("năm ", max(0, m.start() - 4), m.start()) \
                and 1990 <= _int(m.group("count")) <= 2100:
            continue  # "năm 2025 huyện Hòa An đạt ...": a year, not a count of districts
        count = _int(m.group("count"))
        total = _int(m.group("total")) if m.group("total") else None
        lead = m.start()
        if total is None and f.endswith("trên ", max(0, m.start() - 5), m.start()):
            # "cả tỉnh chỉ có 3 trên 147 xã đạt chuẩn": a count out of a total
            ob = _OUT_OF_BEFORE.search(f, max(0, m.start() - 12), m.start())
            if ob is not None and int(ob.group("n")) <= count:
                count, total, lead = int(ob.group("n")), count, ob.start()
        if total is None and ctx.may_hold(("thì", "nhưng", "trong đó", "nay"), max(0, m.start() - 30), m.start()):
            tf = _TOTAL_FIRST.search(f, max(0, m.start() - 40), m.start())
            if tf and P.count_of(tf.group("t")) >= count:
                total = P.count_of(tf.group("t"))
        if total is not None and (total == 0 or count > total):
            continue
        if (ctx.may_hold(_COMPARISON_WORDS, max(0, m.start() - 12), m.start())
                and P.COMPARISON_BEFORE.search(f, max(0, m.start() - 12), m.start())) or _compared_after(f, m.end()):
            continue
        if each_words and ctx.may_hold(("mỗi",), max(0, m.start() - 40), m.start()) \
                and _EACH_BEFORE.search(f, max(0, m.start() - 40), m.start()):
            continue  # "mỗi huyện phải có ít nhất 1 xã ...": a quota, not a count
        if ctx.may_hold(("cộng lại", "gộp lại"), max(0, m.start() - 30), m.start()):
            continue  # "Vân Canh, Vĩnh Thạnh, An Lão cộng lại mới có 5/23 xã": a sum over units, no parent's
        if ctx.may_hold(("của",), max(0, m.start() - 6), m.start()) and _OF_BEFORE.search(f, max(0, m.start() - 14), m.start()):
            continue  # "113/115 thôn của 11 xã nâng cao có nhà văn hóa đạt chuẩn": whose villages, no tally
        if _BAND_AFTER.match(f, m.end()):
            continue  # "42 xã dưới 5 tiêu chí", "7 xã đạt từ 15-18 tiêu chí": a band of figures, no standard
        if ctx.may_hold(("rớt", "tụt", "nhưng", "song"), m.end(), m.end() + 12) and (
                _LOST_AFTER.match(f, m.end()) or _BUT_AFTER.match(f, m.end())):
            # '21 xã "rớt" chỉ tiêu': units that fell below it; "Sìn Hồ có 21 xã nhưng số xã về đích rất
            # ít": how many units there are
            continue
        sent = ctx.doc.sentence_at(m.start())
        wend = _window_end(ctx, m.end())
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(f)
        reached = P.REACHED.search(f, m.end(), min(wend, nxt))
        asked = None  # (the running-total reading,) once it has been read
        if not reached and nxt < len(f) and _LIST_JOIN.fullmatch(f, m.end(), nxt) \
                and (asked := (_running_total(ctx, m, facts, sent.start),))[0] is None:
            # "có thêm 44 xã và 12 đơn vị cấp huyện được công nhận": the counts share one verb (not
            # "nâng tổng số xã đạt chuẩn NTM nâng cao lên 67 xã và 17 xã ...": the total names its set)
            nm = matches[i + 1]
            shared = P.REACHED.search(f, nm.end(), _window_end(ctx, nm.end()))
            if shared and shared.start() - nm.end() <= 12:
                reached = shared
        if not reached and nxt < len(f) and _RAISES_TOTAL.match(f, m.end(), nxt):
            # "có thêm 2 xã, nâng tổng số lên 11/13 xã đạt chuẩn": the batch takes the verb of the
            # running total it makes
            nm = matches[i + 1]
            reached = P.REACHED.search(f, nm.end(), _window_end(ctx, nm.end()))
        if not reached and ctx.may_hold(("công",), max(0, m.start() - 20), m.start()):
            # "phấn đấu công nhận thêm 2 xã là Châu Lăng và Lê Trì": the verb comes first
            reached = _RECOGNITION_BEFORE.search(f, max(0, m.start() - 20), m.start())
        if reached and ctx.may_hold(("chưa", "không"), max(0, reached.start() - 12), reached.start()) \
                and _NEGATED.search(f, max(0, reached.start() - 12), reached.start()):
            continue  # "còn 5 xã chưa đạt chuẩn": the units that did not reach it
        if reached and ctx.may_hold(("nay", "không còn", "đáp ứng"), reached.end(), min(len(f), reached.end() + 40)) \
                and _LOST_LATER.match(f, reached.end()):
            continue  # "21 xã đã đạt chuẩn trước đây nay chưa đáp ứng đủ": units that no longer meet it
        std_start = reached.start() if reached and reached.start() > m.start() else m.end()
        running = None
        if not reached:
            same_form = _same_form_elsewhere(ctx, m, facts, accepted_ends, sent.start)
            if same_form is not None:
                # "Đắk Lắk hiện có 102/152 xã đạt chuẩn NTM, Gia Lai 121/182 xã": another unit of the
                # level of the tally before, its figure read the same way
                accepted_ends.append(m.end())
                facts.append(same_form)
                continue
            running = asked[0] if asked is not None else _running_total(ctx, m, facts, sent.start)
            # "phấn đấu có 03 xã NTM nâng cao, 01 xã NTM kiểu mẫu": the standard follows directly,
            # after a verb or continuing a list of counts
            if running is None and not (
                    f[m.end():m.end() + 1] == " " and P.STANDARD.match(f, m.end() + 1)
                    and (_HAS_BEFORE.search(f[max(0, m.start() - 25):m.start()])
                         or (accepted_ends and _LIST_JOIN.fullmatch(f, accepted_ends[-1], m.start())))):
                continue
        if m.group("child").lower().startswith("đơn") and "cấp" not in m.group("child").lower():
            child = _bare_unit_level(ctx, m.start(), sent.start)
            if child is None:
                continue
        else:
            child = _child_level(m.group("child"))
        modality = ctx.modality(m.start(), sent.start)
        # (TARGET_VERB's shortest word, "sẽ", needs two characters: most counts have one, a space)
        if modality == Modality.REPORTED and reached and reached.start() - m.end() >= 2 \
                and P.TARGET_VERB.search(f, m.end(), reached.start()) \
                and not P.REPORTED_CUE_A.search(ctx, m.end(), reached.start()):
            # "03 xã còn lại phấn đấu đạt chuẩn NTM trong năm 2022": the goal is the count's own verb
            modality = Modality.TARGET
        if modality == Modality.TARGET and reached and _RECOGNISED.match(reached.group()) \
                and not P.TARGET_VERB.search(f, sent.start, reached.start()):
            # "riêng trong năm nay có thêm 2 huyện được Thủ tướng Chính phủ công nhận": a
            # recognition received is reported, "trong năm nay" only dates it
            modality = Modality.REPORTED
        if modality == Modality.TARGET and reached and reached.start() > m.end() \
                and _ALREADY_BEFORE.search(f, max(m.end(), reached.start() - 8), reached.start()):
            # "rà soát lại 106 xã đã đạt chuẩn" in a section of tasks: units that reached it already
            modality = Modality.REPORTED
        if modality == Modality.TARGET and ctx.may_hold(("đề nghị",), max(0, m.start() - 50), m.start()) \
                and _PROPOSED_BEFORE.search(f, max(0, m.start() - 50), m.start()) \
                and not P.TARGET_VERB.search(f, sent.start, m.start()):
            # "Trong năm 2023, UBND tỉnh đề nghị xét công nhận 07 xã": a proposal made is reported
            modality = Modality.REPORTED
        if modality == Modality.REPORTED and ctx.may_hold(("đăng ký",), max(sent.start, m.start() - 60), m.start()) \
                and _REGISTERED_PROPOSAL.search(f, max(sent.start, m.start() - 60), m.start()):
            # "huyện đăng ký đề nghị công nhận thêm 02 xã": a recognition it has signed up for
            modality = Modality.TARGET
        lo = max(sent.start, m.start() - 30)
        before = f[lo:m.start()]
        # a goal without "thêm" is a batch too ("phấn đấu năm 2024 có 03 xã đạt chuẩn") unless it
        # is a share of all units ("12/13 xã"), a floor ("ít nhất 24 xã") or a state by a time
        # ("đến năm 2025 có 90 xã"): those are totals to reach
        between = f[m.end():reached.end()] if reached and reached.start() > m.end() else ""
        increment = bool(ctx.may_hold(_INCREMENT_WORDS, lo, m.start()) and P.INCREMENT_CUE.search(before)) or (
            # "công nhận 04 xã đạt chuẩn": the units of one recognition; "02 xã đề nghị xét, công
            # nhận đạt chuẩn": those proposed
            _RECOGNITION_BEFORE.search(before) is not None and not P.RUNNING_TOTAL_CUE.search(before)) or (
            0 < len(between) <= 60 and _PROPOSED_BETWEEN.search(between) is not None) or (
            # "5 xã được công nhận trong năm 2024": the recognitions of one year
            reached is not None and reached.start() > m.end() and _RECOGNISED.match(reached.group()) is not None
            and _DATED_AFTER.match(f, reached.end()) is not None) or (
            modality == Modality.TARGET and total is None and not P.RUNNING_TOTAL_CUE.search(before)
            and not (_TOTAL_GOAL_BEFORE.search(before) and "(" not in before))
        if not increment and facts and accepted_ends and facts[-1].evidence.sentence_start == sent.start \
                and facts[-1].increment and _LIST_JOIN.fullmatch(f, accepted_ends[-1], m.start()):
            increment = True  # "công nhận thêm 2 xã đạt chuẩn NTM, 9 xã NTM nâng cao và 5 xã NTM kiểu mẫu"
        if increment and ctx.may_hold(("nâng", "đưa", "tổng"), max(sent.start, m.start() - 120), m.start()) \
                and P.RUNNING_TOTAL_BEFORE.search(f, max(sent.start, m.start() - 120), m.start()):
            increment = False  # "có thêm 2 xã, nâng tổng số lên 11/13 xã": the total, not the batch
        end = max(reached.end(), m.end()) if reached else m.end()
        quote_start = lead
        if running is not None:
            standard, quote_start = running
            increment = False
            after = P.STANDARD.match(f, m.end() + 1) if f[m.end():m.end() + 1] == " " else None
            if after is not None:
                end = after.end()
        else:
            # the standard of a count with its own verb ends before the next count: "382/382 xã
            # đạt chuẩn, trong đó 173 xã đạt chuẩn nâng cao" (the 382 are NTM)
            std_end = min(wend, nxt)
            standard, s_m = _standard(ctx, std_start, std_end, default_ntm=reached is not None)
            if s_m:
                end = max(end, s_m.end())
        clause_lo = max(f.rfind(";", sent.start, m.start()) + 1, f.rfind(",", sent.start, m.start()) + 1, sent.start)
        if region_words and ctx.may_hold(_REGION_WORDS, clause_lo, m.start()) and (
                _REGION_SUBJECT.search(f, clause_lo, m.start()) or P.REGION_NAME.search(f, clause_lo, m.start())):
            # "khu vực miền núi hiện có 96 xã đạt chuẩn", "- Đồng bằng sông Hồng: 1.741/1.741 xã":
            # a region, no unit of the register
            continue
        prev = facts[-1].parent if facts and facts[-1].evidence.sentence_start == sent.start else None
        parent = _parent_after(ctx, m.end(), child) or _bare_parent(ctx, clause_lo, m.start(), child)
        if parent is None:
            parent = parent_for(ctx, m.start(), child, prev, facts)
            if parent is not None and parent.level == Level.HUYEN and ctx.province:
                # "3 xã ... gồm A, B và C (huyện Long Hồ)": members placed in another district
                # are counted at province level, not in the district named before
                mem = _MEMBERS_IN.match(f, end, sent.end)
                if mem and fold_tones(clean_name(mem.group("name"))).lower() != fold_tones(parent.name).lower():
                    parent = ctx.unit(Level.TINH, ctx.province)
        if parent is None:
            continue
        if total is None:
            # "37 xã đạt chuẩn NTM trên tổng số 139 xã": the total after the standard
            of = _OUT_OF_TOTAL.match(f, end)
            if of is not None and _int(of.group("t")) >= count and of.group("child").lower() == m.group("child").lower():
                total, end = _int(of.group("t")), of.end()
                out_of.add(of.start("t"))
        accepted_ends.append(end)
        facts.append(Tally(
            evidence=ctx.evidence(quote_start, end), quote=ctx.quote(quote_start, end), extractor="tallies",
            parent=parent, child_level=child, standard=standard, count=count, total=total,
            modality=modality, increment=increment,
        ))
    for m in P.TALLY_ZERO_A.finditer(ctx):
        child = _child_level(m.group("child"))
        wend = _window_end(ctx, m.end())
        # "Các huyện Sa Thầy, Kon Rẫy, ... chưa có xã đạt chuẩn NTM nâng cao": none in each of them
        parents = _listed_parents(ctx, m.start(), child) or [parent_for(ctx, m.start(), child)]
        # "chưa có huyện nào đạt chuẩn": "đạt chuẩn" alone is the NTM standard, as for counts
        standard, s_m = _standard(ctx, m.end(), wend, default_ntm=True)
        end = s_m.end() if s_m else m.end()
        for parent in parents:
            if parent is None:
                continue
            facts.append(Tally(
                evidence=ctx.evidence(m.start(), end), quote=ctx.quote(m.start(), end), extractor="tallies",
                parent=parent, child_level=child, standard=standard,
                count=0, total=None,
                modality=Modality.REPORTED, increment=False,
            ))
    facts.extend(_worded_counts(ctx, facts))
    facts.extend(_breakdowns(ctx, facts))
    # a table cell that repeats a figure the text gives ("TH 2022 | 37" after "37 xã đạt chuẩn NTM
    # trên tổng số 139 xã") is the same fact
    said = {(t.parent.level, t.parent.name, t.child_level, t.standard, t.count, t.modality) for t in facts}
    facts.extend(t for t in _table_tallies(ctx)
                 if (t.parent.level, t.parent.name, t.child_level, t.standard, t.count, t.modality) not in said)
    facts.extend(_counted_bullets(ctx))
    facts.extend(_leader_rows(ctx))
    return _dedupe(facts)


# A row of a table written with leader dots under a heading that says what is counted:
# "SỐ XÃ ĐẠT CHUẨN NTM THEO ĐỊA PHƯƠNG" / "Phù Cát ............ 14/16 xã (thêm 02 xã)"
_LEADER_ROW = regex.compile(
    rf"[ \t]*(?:(?P<lw>{P.LEVEL}|TX\.?)[ \t]+)?(?P<name>{P.NAME})[ \t]*\.{{3,}}[ \t]*(?P<count>\d{{1,3}})"
    r"(?:[ \t]*/[ \t]*(?P<total>\d{1,3}))?[ \t]+(?P<child>(?i:xã|huyện))"
    r"(?:[ \t]*\([ \t]*(?i:thêm)[ \t]+(?P<more>\d{1,3})[ \t]+(?i:xã|huyện)[ \t]*\))?[ \t]*$")


def _leader_rows(ctx: Context) -> list[Tally]:
    """Tallies of the rows of a leader-dot table: one per row in the unit it names, a batch for its
    "(thêm 02 xã)", the standard from the heading line above the rows."""
    f = ctx.folded
    if "..." not in f:
        return []
    out: list[Tally] = []
    starts = ctx.line_starts
    k = 0
    while k < len(starts):
        rows = []
        while k < len(starts):
            ls = starts[k]
            m = _LEADER_ROW.fullmatch(f, ls, ctx.line_span(ls)[1])
            if m is None:
                break
            rows.append(m)
            k += 1
        if len(rows) < 2:
            k += 1
            continue
        # the heading: the nearest non-empty line above the rows
        j = bisect.bisect_right(starts, rows[0].start()) - 2
        while j >= 0 and not f[starts[j]:ctx.line_span(starts[j])[1]].strip():
            j -= 1
        if j < 0:
            continue
        hs, he = starts[j], ctx.line_span(starts[j])[1]
        reached = P.REACHED.search(f, hs, he)
        if reached is None:
            continue
        standard, _ = _standard(ctx, reached.start(), he, default_ntm=True)
        modality = Modality.TARGET if ctx.in_plan_section(rows[0].start()) else Modality.REPORTED
        for m in rows:
            name = clean_name(m.group("name"))
            lw = m.group("lw") or "huyện"
            parent = _item_unit(ctx, "thị xã" if lw.upper().startswith("TX") else lw, name)
            child = _child_level(m.group("child"))
            count = int(m.group("count"))
            total = int(m.group("total")) if m.group("total") else None
            if _RANK[parent.level] <= _RANK[child] or (total is not None and (total == 0 or count > total)):
                continue
            end = m.end("child")
            out.append(Tally(
                evidence=ctx.evidence(m.start("name") if not m.group("lw") else m.start("lw"), end),
                quote=ctx.quote(m.start("name") if not m.group("lw") else m.start("lw"), end), extractor="tallies",
                parent=parent, child_level=child, standard=standard, count=count, total=total,
                modality=modality, increment=False,
            ))
            if m.group("more"):
                out.append(Tally(
                    evidence=ctx.evidence(m.start("more"), m.end("more")), quote=ctx.quote(m.start("more") - 5, m.end()),
                    extractor="tallies", parent=parent, child_level=child, standard=standard,
                    count=int(m.group("more")), total=None, modality=modality, increment=True,
                ))
    return out


# A count in words with its units named right after it: "hai huyện Đơn Dương, Đức Trọng đã đạt chuẩn
# huyện NTM nâng cao" (the names make it a count of these units, not a figure repeated in words)
_WORDED_COUNT = regex.compile(
    r"(?<![\p{L}])(?P<n>(?i:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+(?P<child>(?i:xã|huyện))\s+(?=\p{Lu})")
# (tried only where a number word and a level word stand: the pattern opens with a look-behind)
_WORDED_COUNT_A = P.Anchored(_WORDED_COUNT, [f"{n} {lw}" for n in P.NUMBER_WORDS for lw in ("xã", "huyện")])
# ... or after a word that counts, reaching a standard right after: "có thêm năm xã được UBND tỉnh công
# nhận" (not "trong năm xã ...", the year's; "mỗi năm một xã" has no such word before it)
_WORDED_CUED = regex.compile(
    r"(?<![\p{L}])(?P<cue>(?i:có\s+thêm|thêm|ít\s+nhất|trong\s+đó(?:\s+có)?|gồm|có))\s+"
    r"(?P<n>(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+(?P<child>(?i:xã|huyện))(?![\p{L}])")
_WORDED_CUED_A = P.Anchored(_WORDED_CUED, ["có", "thêm", "ít nhất", "trong đó", "gồm"])
_NAMES = regex.compile(rf"{P.NAME}(?:\s*(?:,|\bvà\b)\s*{P.NAME})*")
_NAME_SEP = regex.compile(r"\s*(?:,|\bvà\b)\s*")
_WORDED_REACHED = regex.compile(
    r"\s*(?:(?i:đã|đều|cùng|cũng|vừa)\s+)*(?:(?i:được)\s+(?:[\p{L}]+\s+){0,4}?(?i:công\s+nhận)\s+)?(?i:đạt\s+chuẩn|về\s+đích)")
# ... and after a word that counts, a recognition alone says it too ("có thêm năm xã được UBND tỉnh công nhận")
_CUED_REACHED = regex.compile(
    r"\s*(?:(?i:đã|đều|cùng|cũng|vừa)\s+)*(?:(?i:được)\s+(?:[\p{L}]+\s+){0,4}?(?i:công\s+nhận)(?:\s+(?i:đạt\s+chuẩn|về\s+đích))?"
    r"|(?i:đạt\s+chuẩn|về\s+đích))")


def _worded_counts(ctx: Context, facts: list[Tally]) -> list[Tally]:
    """Tallies of counts in words whose units are named right after them, as many names as the word
    says, or that reach a standard right after a word that counts ("có thêm năm xã được UBND tỉnh
    công nhận", "ít nhất ba xã đạt chuẩn NTM nâng cao", "trong đó bốn xã đạt chuẩn ...")."""
    f = ctx.folded
    out: list[Tally] = []
    for m in _WORDED_CUED_A.finditer(ctx):
        n = P.count_of(m.group("n"))
        child = _child_level(m.group("child"))
        reached = _CUED_REACHED.match(f, m.end())
        if reached is None or any(t.evidence.start <= m.start("n") < t.evidence.end for t in facts):
            continue
        sent = ctx.doc.sentence_at(m.start())
        standard, s_m = _standard(ctx, reached.end() - 9, _window_end(ctx, reached.end()), default_ntm=True)
        parent = parent_for(ctx, m.start("n"), child, None, facts)
        if parent is None or _RANK[parent.level] <= _RANK[child]:
            continue
        if any(t.count == n and t.parent == parent and t.standard == standard
               and m.start() - 400 <= t.evidence.start < m.start() for t in facts):
            continue  # the figure said in digits just before, repeated in words
        end = s_m.end() if s_m else reached.end()
        # "hiện có mười hai xã thì đã có chín xã đạt chuẩn": the total said first
        tf = _TOTAL_FIRST.search(f, max(sent.start, m.start() - 40), m.start("n"))
        total = P.count_of(tf.group("t")) if tf else None
        out.append(Tally(
            evidence=ctx.evidence(m.start("n"), end), quote=ctx.quote(m.start("n"), end), extractor="tallies",
            parent=parent, child_level=child, standard=standard, count=n,
            total=total if total is not None and total >= n else None,
            modality=ctx.modality(m.start(), sent.start), increment=m.group("cue").lower().endswith("thêm"),
        ))
    for m in _WORDED_COUNT_A.finditer(ctx):
        n = P.count_of(m.group("n"))
        child = _child_level(m.group("child"))
        names = _NAMES.match(f, m.end(), min(len(f), m.end() + 200))
        if names is None or len(_NAME_SEP.split(names.group())) != n:
            continue
        reached = _WORDED_REACHED.match(f, names.end())
        if reached is None:
            continue
        sent = ctx.doc.sentence_at(m.start())
        standard, s_m = _standard(ctx, reached.end() - 9, _window_end(ctx, reached.end()), default_ntm=True)
        parent = parent_for(ctx, m.start(), child, None, facts)
        if parent is None or _RANK[parent.level] <= _RANK[child]:
            continue
        end = s_m.end() if s_m else reached.end()
        out.append(Tally(
            evidence=ctx.evidence(m.start(), end), quote=ctx.quote(m.start(), end), extractor="tallies",
            parent=parent, child_level=child, standard=standard, count=n, total=None,
            modality=ctx.modality(m.start(), sent.start), increment=False,
        ))
    return out


def _listed_parents(ctx: Context, at: int, child: Level) -> list[Unit]:
    """The units of a list of two or more that is the subject right before ``at`` ("Các huyện A, B và C
    chưa có xã ..."); [] otherwise."""
    sent = ctx.doc.sentence_at(at)
    lists = find_lists(ctx.folded, sent.start, at, ctx)
    if not lists or not ctx.folded[lists[-1][1]:at].strip() == "":
        return []
    items = lists[-1][2]
    if len(items) < 2 or any(_RANK[i.level] <= _RANK[child] for i in items):
        return []
    return [ctx.unit(i.level, i.name, i.district) for i in items]


# "- Huyện Chợ Gạo (04 xã): Song Bình, Xuân Đông, ..." under a lead that says what the units reached
# ("- Thành phố Kon Tum (06 xã NTM nâng cao): ..." names the standard in the parenthesis)
# (or a heading line of its own over the items: "Huyện Yên Lạc (03 xã)")
_COUNTED_BULLET = regex.compile(
    rf"(?m)^[ \t]*(?:[-–•+*][ \t]*)?(?P<lw>{P.LEVEL})[ \t]+(?P<name>{P.NAME})[ \t]*\([ \t]*(?P<count>\d{{1,3}})[ \t]+"
    r"(?P<child>(?i:xã|huyện))(?P<std>[ \t]+[^()\n:]{1,30}?)?[ \t]*\)[ \t]*(?::|$)")


def _item_unit(ctx: Context, lw: str, name: str) -> Unit:
    """The unit of a list item "Thành phố Kon Tum" / "huyện Đắk Hà": a city that bears the name of
    the article's province is the city, one of the province's districts."""
    unit = ctx.unit(level_of(lw, name), name)
    if unit.level == Level.TINH and ctx.province and fold_tones(unit.name).lower() == fold_tones(ctx.province).lower() \
            and not lw.lower().startswith("tỉnh"):
        city = ctx.unit(Level.HUYEN, name)
        if city.status == "resolved":
            return city
    return unit


def _breakdowns(ctx: Context, facts: list[Tally]) -> list[Tally]:
    """The parts of a batch or total given per unit after it: "công nhận thêm 5 xã NTM nâng cao, cụ thể
    TP Kon Tum 01 xã (Hòa Bình), huyện Đắk Hà 02 xã (Đắk Hring, Đắk Ui), ..." -- a tally of each
    unit, of the same standard and kind."""
    f = ctx.folded
    out: list[Tally] = []
    for t in facts:
        if t.parent is None or t.parent.level not in (Level.TINH, Level.QUOC_GIA):
            continue
        lead = _BREAKDOWN_LEAD.match(f, t.evidence.end) \
            if ctx.may_hold(("cụ thể",), t.evidence.end, t.evidence.end + 12) else None
        if lead is None:
            continue
        pos = lead.end()
        while True:
            it = _BREAKDOWN_ITEM.match(f, pos)
            if it is None:
                break
            child = _child_level(it.group("child"))
            unit = _item_unit(ctx, it.group("lw"), clean_name(it.group("name")))
            if child == t.child_level and _RANK[unit.level] > _RANK[child]:
                out.append(Tally(
                    evidence=ctx.evidence(it.start("lw"), it.end("child")), quote=ctx.quote(it.start("lw"), it.end("child")),
                    extractor="tallies", parent=unit, child_level=child, standard=t.standard,
                    count=int(it.group("n")), total=None, modality=t.modality, increment=t.increment,
                ))
            pos = it.end()
    return out


_BREAKDOWN_LEAD = regex.compile(r"\s*[,;:]?\s*(?i:cụ\s+thể)\s*:?\s*")
_BREAKDOWN_ITEM = regex.compile(
    rf"(?P<lw>{P.LEVEL})\s+(?P<name>{P.NAME})\s+(?P<n>\d{{1,3}})\s+(?P<child>(?i:xã|huyện))(?![\p{{L}}])"
    r"(?:\s*\([^()\n]{0,80}\))?\s*(?:,|;|\bvà\b)?\s*")


def _counted_bullets(ctx: Context) -> list[Tally]:
    """Tallies of list items that count a unit's members ("- Huyện Chợ Gạo (04 xã): A, B, C, D")
    under a lead or heading that says what they reached ("UBND tỉnh công nhận thêm 12 xã đạt
    chuẩn NTM nâng cao ..., cụ thể:", "I. XÃ ĐƯỢC CÔNG NHẬN ĐẠT CHUẨN NTM NÂNG CAO")."""
    f = ctx.folded
    if "(" not in f or not ctx.may_hold(("xã)", "huyện)"), 0, len(f)):
        return []
    out: list[Tally] = []
    list_standard = None  # the standard an earlier item of the same list named in its parenthesis
    list_end = -1
    for m in _COUNTED_BULLET.finditer(f):
        if m.start() > list_end + 1:
            list_standard = None
        list_end = f.find("\n", m.end())
        list_end = len(f) if list_end < 0 else list_end
        # the lead: the nearest line above that is no item of the list (up to four lines up)
        pos = f.rfind("\n", 0, m.start())
        lead = None
        for _ in range(24):
            if pos <= 0:
                break
            ls = f.rfind("\n", 0, pos) + 1
            line = f[ls:pos]
            if line.strip() and not _COUNTED_BULLET.match(f, ls, pos) and not P.ITEM_MARK.match(f, ls, pos):
                lead = (ls, pos)
                break
            pos = ls - 1
        if lead is None:
            continue
        reached = P.REACHED.search(f, lead[0], lead[1])
        if reached is None:
            continue
        name = clean_name(m.group("name"))
        parent = _item_unit(ctx, m.group("lw"), name)
        child = _child_level(m.group("child"))
        if _RANK[parent.level] <= _RANK[child]:
            continue
        own = P.STANDARD_A.search(ctx, m.start("std"), m.end("std")) if m.group("std") else None
        if own is not None:
            standard = list_standard = standard_of(own)
        elif list_standard is not None:
            standard = list_standard
        else:
            standard, _ = _standard(ctx, reached.start(), lead[1], default_ntm=True)
        out.append(Tally(
            evidence=ctx.evidence(m.start("lw"), m.end()), quote=ctx.quote(m.start("lw"), m.end() - 1),
            extractor="tallies", parent=parent, child_level=child, standard=standard,
            count=int(m.group("count")), total=None,
            modality=Modality.TARGET if ctx.in_plan_section(m.start()) else Modality.REPORTED,
            increment=bool(P.INCREMENT_CUE.search(f, lead[0], lead[1])),
        ))
    return out


def _table_tallies(ctx: Context) -> list[Tally]:
    """Tallies of text tables: a column of counts under "Số xã đạt chuẩn NTM", one per row, in
    the unit its row names under "Huyện" ("1 | Thạch Thành | 19 | 6/9 |"); a "Số xã" column
    gives the total."""
    f = ctx.folded
    out: list[Tally] = []
    for table in ctx.tables:
        header = [f[a:b] for a, b in table.header]
        unit_col = next((k for k, h in enumerate(header) if P.UNIT_HEADER.match(h)), None)
        total_col = next((k for k, h in enumerate(header) if _TOTAL_HEADER.match(h)), None)
        counts = [(k, m) for k, m in ((k, P.COUNT_HEADER.match(h)) for k, h in enumerate(header)) if m]
        if unit_col is None:
            out.extend(_year_table_tallies(ctx, table, header))
        if unit_col is None or not counts:
            continue
        um = P.UNIT_HEADER.match(header[unit_col])
        level = level_of(um.group("lw") or um.group("lw2") or "xã", "")
        # "Đăng ký mới 2023": a column of the batches each unit is to add (the standard of the
        # count column beside it)
        new_cols = [k for k, h in enumerate(header) if _NEW_HEADER.match(h)]
        # each count column's standard, and whether it counts at a date gone by ("Xã đạt chuẩn đến
        # 31/12/2022": a state, even in a plan), read once per table
        col_std = {k: _standard(ctx, table.header[k][0] + hm.start("std"), table.header[k][0] + hm.end("std") + 1,
                                default_ntm=True)[0] for k, hm in counts}
        past = {k for k, _ in counts if _PAST_AT.search(header[k])}
        for row in table.rows:
            if len(row) != len(header):
                continue
            name = clean_name(f[row[unit_col][0]:row[unit_col][1]])
            if not name or not name[0].isupper():
                continue
            parent = ctx.unit(level, name)
            for k in new_cols:
                s, e = row[k]
                cm = _TABLE_COUNT.fullmatch(f, s, e)
                if cm is None or cm.group("total") or _RANK[parent.level] <= _RANK[Level.XA]:
                    continue
                out.append(Tally(
                    evidence=ctx.evidence(row[unit_col][0], e), quote=ctx.quote(row[unit_col][0], e),
                    extractor="tallies", parent=parent, child_level=Level.XA, standard=col_std[counts[0][0]],
                    count=_int(cm.group("count")), total=None, modality=Modality.TARGET, increment=True,
                ))
            for k, hm in counts:
                child = _child_level(hm.group("child"))
                if _RANK[parent.level] <= _RANK[child]:
                    continue
                s, e = row[k]
                cm = _TABLE_COUNT.fullmatch(f, s, e)
                if cm is None:
                    continue
                count = _int(cm.group("count"))
                total = _int(cm.group("total")) if cm.group("total") else None
                if total is None and total_col is not None and hm.group("child").lower() == "xã":
                    tm = _TABLE_COUNT.fullmatch(f, *row[total_col])
                    total = _int(tm.group("count")) if tm and not tm.group("total") else None
                if total is not None and (total == 0 or count > total):
                    continue
                out.append(Tally(
                    evidence=ctx.evidence(row[unit_col][0], e), quote=ctx.quote(row[unit_col][0], e),
                    extractor="tallies", parent=parent, child_level=child, standard=col_std[k], count=count,
                    total=total, modality=Modality.TARGET if ctx.in_plan_section(s) and k not in past else Modality.REPORTED,
                    increment=False,
                ))
    return out


def _year_table_tallies(ctx: Context, table, header: list[str]) -> list[Tally]:
    """A table of the document's own unit by year: rows "Số xã đạt chuẩn NTM (lũy kế) | 37 | 45 |
    52" under "Chỉ tiêu | TH 2022 | KH 2023 | KH 2024"; a column of a plan ("KH"), or of a year
    after the article's, holds targets, one of results ("TH") or of a year gone by states."""
    f = ctx.folded
    years = [(k, m) for k, m in ((k, _YEAR_HEADER.match(h)) for k, h in enumerate(header)) if m and k > 0]
    if not years:
        return []
    parent = ctx.issuer if ctx.issuer is not None and ctx.issuer.level != Level.XA else (
        ctx.unit(Level.TINH, ctx.province) if ctx.province else None)
    if parent is None:
        return []
    out: list[Tally] = []
    for row in table.rows:
        if len(row) != len(header):
            continue
        ls, le = row[0]
        lm = P.COUNT_HEADER.match(f[ls:le])
        if lm is None:
            continue
        child = _child_level(lm.group("child"))
        if _RANK[parent.level] <= _RANK[child]:
            continue
        standard, _ = _standard(ctx, ls + lm.start("std"), ls + lm.end("std") + 1, default_ntm=True)
        for k, ym in years:
            s, e = row[k]
            cm = _TABLE_COUNT.fullmatch(f, s, e)
            if cm is None or cm.group("total"):
                continue
            kind = (ym.group("kind") or "").lower()
            if kind.startswith(("kh", "kế", "mục", "dự")):
                modality = Modality.TARGET
            elif kind.startswith(("th", "thực")) or ctx.year is None:
                modality = Modality.REPORTED
            else:
                modality = Modality.TARGET if int(ym.group("y")) > ctx.year else Modality.REPORTED
            out.append(Tally(
                evidence=ctx.evidence(ls, e), quote=ctx.quote(ls, e), extractor="tallies", parent=parent,
                child_level=child, standard=standard, count=_int(cm.group("count")), total=None,
                modality=modality, increment=False,
            ))
    return out


# a column of years: "TH 2022", "KH 2023", "Năm 2024", "2025", "Kế hoạch năm 2025"
_YEAR_HEADER = regex.compile(
    r"^(?:(?P<kind>(?i:th|kh|ước\s+th|thực\s+hiện|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|năm))\s+(?:(?i:năm)\s+)?)?"
    r"(?P<y>(?:19|20)\d\d)$")
# "Đăng ký mới 2023", "Đăng ký năm 2024": the batch each row's unit is to add
_NEW_HEADER = regex.compile(r"^(?i:đăng\s+ký(?:\s+mới)?|dự\s+kiến\s+mới)(?:\s+(?i:năm))?\s+(?:19|20)\d\d$")
# "... đến 31/12/2022": a count at a date
_PAST_AT = regex.compile(r"(?i:đến|tính\s+đến|tại\s+thời\s+điểm)\s+(?:(?i:ngày)\s+)?\d{1,2}/\d{1,2}/(?:19|20)\d\d")


_TABLE_COUNT = regex.compile(r"(?P<count>\d{1,4})(?:\s*/\s*(?P<total>\d{1,4}))?")
_TOTAL_HEADER = regex.compile(r"^(?i:tổng\s+)?(?i:số)\s+(?i:xã)$")


EXTRACTOR = Extractor(
    name="tallies", fact_type="tallies", find=find, triggers=("xã", "huyện"),
    # 2: a bare "tỉnh" is the province named before it in the sentence; "năm 2024 huyện" is a
    # parent, not a count of districts; "công nhận thêm 2 xã là ..." (verb first); a proposal
    # for recognition is reported; quotas per unit, provinces' names of communes and the
    # recognising body are no parents; goal words in an aside or of a time gone by
    # 3: a share in parentheses or "trong đó" between the counts of a list, a label before a count
    # ("Huyện Duyên Hải: 01 xã NTM kiểu mẫu"), other units after the first ("..., Gia Lai 121/182 xã"),
    # "thêm 9 xã, nâng tổng số lên 49 xã", units that lost or never had the standard ("21 xã 'rớt'",
    # "có 21 xã nhưng"), a proposal signed up for is a goal, "N xã đã đạt chuẩn" in a plan is reported,
    # district title lines ("Cẩm Mỹ - chỉ còn một xã"); tables by year ("TH 2022 | KH 2023") and
    # "Đăng ký mới 2023" columns, "trên tổng số 139 xã", "3 trên 147 xã", counts in words after a
    # word that counts, "chưa xã nào đạt chuẩn", "toàn thành phố", "thôn của 11 xã" as no tally
    version="3",
    description="counts of units that reached a standard, with parent unit",
)
