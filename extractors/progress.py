"""Progress facts: how far one unit is against a criteria set.

"Huyện Trà Cú: hiện đạt 08/09 tiêu chí" -> Trà Cú, 8 of 9 tiêu chí. Handles
ranges ("51-54/57 chỉ tiêu"), a bare count followed by its indicator count
("13/19, 47-49/57 chỉ tiêu"), counts without a total ("đạt 12 tiêu chí"), and
one count shared by a list of units, before or after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context, standard_of
from extractors.models import Level, Measure, Modality, Progress, Standard, Unit
from extractors.units import Mention, clean_name, find_lists, level_of, parse_names, province_anchored, province_name

# Plausible set sizes per measure; anything larger is some other ratio.
MAX_TOTAL = {Measure.TIEU_CHI: 30, Measure.CHI_TIEU: 120, Measure.NOI_DUNG: 12}


@dataclass
class Count:
    start: int
    end: int
    met: int
    met_max: Optional[int]
    total: Optional[int]
    measure: Optional[Measure]


_MEASURES = {m.value: m for m in Measure}


def _measure(text: Optional[str]) -> Optional[Measure]:
    if not text:
        return None
    key = " ".join(text.lower().split())
    got = _MEASURES.get(key)
    return got if got is not None else Measure(key)


# Around the slash of a P.COUNT match: after it, the total (spaces before it, no digit or slash
# after it), as COUNT has it; before it, read backwards, the run of digits of the met count and,
# in a range, the run before a dash before that ("13 /", "51 - 54/"), each run taken whole.
_AFTER_SLASH = regex.compile(r"\s*\d{1,3}(?![\d/])")
_BEFORE_SLASH = regex.compile(r"(?r)(?:(\d+)\s*[-–]\s*)?(\d+)\s*")


def count_matches(f: str, pos: int = 0, endpos: Optional[int] = None) -> list:
    """``P.COUNT.finditer(f, pos, endpos)``, the pattern tried only where a match may start.

    A match holds exactly one "/", with only digits, spaces and a dash before it: it starts at
    the run of digits before the slash or, in a range, at the run before the dash, always at
    the start of a run (no digit may precede it). Those one or two offsets per slash are the
    only ones worth trying; tried in order, skipping those inside the previous match as
    finditer does, they give its matches. Most slashes ("đồng/người", "320/QĐ-UBND",
    "3/3/2023") have no total after them and are passed over at once.
    """
    end = len(f) if endpos is None else min(endpos, len(f))
    match = P.COUNT.match
    out = []
    last = pos
    s = f.find("/", pos, end)
    while s >= 0:
        # a letter after the slash ("đồng/người", "320/QĐ-UBND") is neither \s nor \d: no total
        if s + 1 < end and not f[s + 1].isalpha() and _AFTER_SLASH.match(f, s + 1, end):
            runs = _BEFORE_SLASH.match(f, 0, s)
            if runs is not None:
                m = None
                if runs.start(1) >= last:  # -1 when there is no range
                    m = match(f, runs.start(1), end)
                if m is None and runs.start(2) >= last:
                    m = match(f, runs.start(2), end)
                if m is not None:
                    out.append(m)
                    last = m.end()
        s = f.find("/", s + 1, end)
    return out


# P.COUNT_NO_TOTAL up to its measure word, read backwards from it: "đạt được 12 ".
_BEFORE_MEASURE = regex.compile(
    r"(?r)(?i:đạt|hoàn thành)\s+(?:được\s+|đủ\s+|cả\s+|(?i:từ)\s+)?\d{1,3}(?:\s*[-–]\s*\d{1,3}|\s+(?i:đến)\s+\d{1,3})?\s+")


_RANGE_FROM = regex.compile(r"(?<![\p{L}])(?i:từ)\s+(\d{1,2})\s+đến\s+$")


def no_total_matches(ctx: Context) -> list:
    """The matches of ``P.COUNT_NO_TOTAL`` over the document ("đạt 12 tiêu chí"), found from the measure words back.

    A match ends with its measure word, lower case in the pattern ("tiêu chí", "nội dung"), and
    what comes before it reads only one way, so each "tiêu" and "nội" gives at most one offset
    where a match may start. Two matches cannot overlap (no verb can start inside the words of
    another match), so trying those offsets in order gives finditer's matches; the measure
    words are fewer than the verbs the anchored pattern tries, and most are preceded by a
    fraction ("16/19 tiêu chí"), which the backward match refuses at once.
    """
    f = ctx.folded
    before = _BEFORE_MEASURE.match
    match = P.COUNT_NO_TOTAL.match
    out = []
    for q in sorted(_find_all(f, "tiêu") + _find_all(f, "nội")):
        # the backward match needs spaces right before the word and a digit before them: most
        # measure words follow a word ("các tiêu chí"), which a letter shows at once
        near = f[max(0, q - 8):q]
        kept = near.rstrip()
        if len(kept) == len(near) or (kept and kept[-1].isalpha()):
            continue
        b = before(f, 0, q)
        if b is not None:
            m = match(f, b.start())
            if m is not None:
                out.append(m)
    return out


def over_matches(f: str) -> list:
    """The matches of ``P.COUNT_OVER`` ("17 trên 19 tiêu chí"), tried at the digits right
    before each "trên" (a match starts at the run of digits before its spaces and "trên")."""
    out = []
    for q in _find_all(f, "trên"):
        j = q
        while j > 0 and f[j - 1].isspace():
            j -= 1
        if j == q or j == 0 or not f[j - 1].isdigit():
            continue
        k = j
        while k > 0 and f[k - 1].isdigit():
            k -= 1
        m = P.COUNT_OVER.match(f, k)
        if m is not None:
            out.append(m)
    return out


def _find_all(text: str, word: str) -> list[int]:
    out = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


# Literal gates: a pattern that cannot match without one of a few words is tried only where
# they occur. Case-insensitive words are looked up in ctx.low, which is the lower-cased text
# only when ctx.lowered (else every gate lets the pattern be tried).
def _ends_with(text: str, lo: int, end: int, words: tuple) -> bool:
    """Whether ``text[lo:end]``, spaces at its end aside, ends with one of ``words``: a pattern that
    ends with one of them and ``\\s*$`` at ``end`` cannot match otherwise (every ``\\s`` is
    str.isspace)."""
    j = end
    while j > lo and text[j - 1].isspace():
        j -= 1
    return text.endswith(words, lo, j)


def _low_ends_with(ctx: Context, lo: int, end: int, words: tuple) -> bool:
    """:func:`_ends_with` in any case (``words`` in lower case)."""
    return not ctx.lowered or _ends_with(ctx.low, lo, end, words)


def find_counts(ctx: Context) -> list[Count]:
    """Every criterion count in the document, complements and non-counts removed."""
    f = ctx.folded
    counts: list[Count] = []
    for m in count_matches(f):
        met, total = int(m.group("met")), int(m.group("total"))
        met_max = int(m.group("met_max")) if m.group("met_max") else None
        start = m.start()
        if met_max is None and f.endswith(" đến ", 0, start) and (r := _RANGE_FROM.search(f, max(0, start - 16), start)):
            # "đạt từ 14 đến 16/19 tiêu chí": a range in words
            if int(r.group(1)) < met:
                met, met_max, start = int(r.group(1)), met, r.start(1)
        counts.append(Count(start, m.end(), met, met_max, total, _measure(m.group("measure"))))
    for m in over_matches(f):
        counts.append(Count(m.start(), m.end(), int(m.group("met")), None, int(m.group("total")),
                            _measure(m.group("measure"))))
    for m in no_total_matches(ctx):
        met_max = int(m.group("met_max")) if m.group("met_max") else None
        if met_max is not None and met_max <= int(m.group("met")):
            continue
        counts.append(Count(m.start("met"), m.end(), int(m.group("met")), met_max, None, _measure(m.group("measure"))))
    counts.extend(_table_plain_counts(ctx))
    counts.sort(key=lambda c: c.start)
    # A bare fraction counts only when an indicator count follows it:
    # "đạt 13/19, 47-49/57 chỉ tiêu" (13/19 are tiêu chí).
    _elliptical_measures(f, counts)
    kept: list[Count] = []
    tables = "|" in f  # _table_measure needs a row with " | "
    examples = ctx.may_hold(("ví", "giả", "chẳng"), 0, len(f))  # the words _HYPOTHETICAL needs
    for i, c in enumerate(counts):
        if c.measure is None:
            nxt = counts[i + 1] if i + 1 < len(counts) else None
            prv = kept[-1] if kept else None
            if nxt and nxt.measure == Measure.CHI_TIEU and P.GROUP_JOIN.match(f[c.end:nxt.start]):
                c.measure = Measure.TIEU_CHI
            elif prv is not None and prv.total == c.total and prv.measure is not None \
                    and _BARE_REACHED.search(f, max(0, c.start - 12), c.start) \
                    and _BARE_END.match(f, c.end) and c.start - prv.end < 120 \
                    and not regex.search(r"[.\n]", f[prv.end:c.start]):
                # "xã A có 15/19 tiêu chí đạt, xã B đạt 14/19": the measure of the count before
                c.measure = prv.measure
            elif tables and (tm := _table_measure(ctx, c)) is not None:
                # a table row "Xã Lương Phi | 17/19" under a header "Xã | Số tiêu chí đạt"
                c.measure = tm
            else:
                continue
        if c.total is not None:
            if c.total == 0 or c.met > c.total or (c.met_max is not None and not c.met <= c.met_max <= c.total):
                continue
            if c.total > MAX_TOTAL[c.measure]:
                continue
        lo12 = max(0, c.start - 12)
        if _low_ends_with(ctx, lo12, c.start, ("còn", "lại", "đạt", "trừ")) \
                and (comp := P.COMPLEMENT_BEFORE.search(f[lo12:c.start])) \
                and not (c.total is not None and 2 * c.met > c.total and comp.group().strip().lower() == "còn"):
            # "còn 2 tiêu chí": what is left; but "Xã A và xã B còn 18/19 tiêu chí" is where they stand
            continue
        if ctx.may_hold(("chưa", "trở", "còn"), c.end, c.end + 40) and P.COMPLEMENT_AFTER.match(f[c.end:c.end + 40]):
            continue
        if _FROM_BEFORE.search(f, max(0, c.start - 6), c.start) and _CHANGE_AFTER.match(f, c.end):
            continue  # "xã Ka Đơn từ 19/19 tiêu chí nay giảm xuống còn 16/19": where a change started
        if _OTHER_SET_AFTER.match(f, c.end):
            continue  # "thị trấn đạt 4/5 tiêu chí văn minh đô thị": another set than nông thôn mới
        lo80 = max(0, c.start - 80)
        if ctx.may_hold(("ấp", "thôn", "bản", "khóm", "buôn", "làng", "xóm", "khu dân"), lo80, c.start) \
                and _VILLAGE_SUBJECT_BEFORE.search(f, lo80, c.start):
            continue  # "đến nay ấp đạt 8/10 tiêu chí": a village's figure
        lo25 = max(0, c.start - 25)
        if ctx.may_hold(("phải",), lo25, c.start) and _REQUIRED_BEFORE.search(f, lo25, c.start) \
                and (_CONDITION_AFTER.match(f, c.end) or not _OWN_DEADLINE_AFTER.match(f, c.end)):
            # "cấp tỉnh ... phải đạt 8 nội dung theo quy định", "xã phải đạt 19/19 tiêu chí mới được công
            # nhận": what a set requires, not what a unit has -- unlike "Cam Lâm phải đạt 9/9 tiêu chí
            # ... trước ngày 30/11/2023", a unit's deadline (a goal)
            continue
        if examples and _HYPOTHETICAL.match(f, ctx.doc.sentence_at(c.start).start, c.start):
            continue  # "Ví dụ, một xã đạt 18/19 tiêu chí thì ...": an illustration
        kept.append(c)
    return kept


# Between two figures of one list of units, each after its unit's name: "Hưng Thịnh đạt 17/19 tiêu chí,
# Sông Thao 16/19", "Bình Sơn (15/19 tiêu chí), Long An (16/19)", "Mã Đà mới đạt 13/19, Hiếu Liêm 14/19"
_ELLIPTICAL_JOIN = regex.compile(
    rf"\s*\)?\s*(?:,|;|\bvà)\s*{P.BARE_NAME}\s*\(?\s*(?:(?i:đạt|có|với)\s+)?$")


_SET_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(?i:tiêu\s+chí)\s+$")
_PAIR_JOIN = regex.compile(r"\s*(?:,|\bvà\b)\s*")


def _elliptical_measures(f: str, counts: list[Count]) -> None:
    """Give a fraction without its measure word the measure of the figure it is listed with, before
    or after it, where the two are items of one list of named units with the same total."""
    def joined(a: Count, b: Count) -> bool:
        return (a.total == b.total and a.total is not None and 0 <= b.start - a.end < 80
                and _ELLIPTICAL_JOIN.fullmatch(f, a.end, b.start) is not None)

    for i in range(1, len(counts)):
        c, p = counts[i], counts[i - 1]
        if c.measure is None and p.measure is not None and joined(p, c):
            c.measure = p.measure
    for i in range(len(counts) - 2, -1, -1):
        c, n = counts[i], counts[i + 1]
        if c.measure is None and n.measure is not None and (joined(c, n) or (
                # "Suối Ngô và Tân Hòa lần lượt đạt 17/19 và 15/19 tiêu chí": one measure said once
                c.total == n.total and _PAIR_JOIN.fullmatch(f, c.end, n.start) is not None)):
            c.measure = n.measure


_HEADER_FRACTION = regex.compile(r"\d+\s*/\s*\d+")


def _table_header(ctx: Context, table) -> Optional[list[str]]:
    """A table's header cells, or None where the first line holds a fraction (then it is a row of
    figures, no header)."""
    f = ctx.folded
    header = [f[a:b] for a, b in table.header]
    return None if _HEADER_FRACTION.search(" | ".join(header)) else header


def _table_cells(ctx: Context, at: int, end: int):
    """(header cells, row cells, index of the cell that is f[at:end]) of the text table row a figure
    is a whole cell of ("1 | Tu Lý | 19/19 | 57/57" under "STT | Xã | Số tiêu chí đạt | Số chỉ
    tiêu đạt"), or None; a header with a fraction in it is no header."""
    got = ctx.table_cell(at, end)
    if got is None:
        return None
    table, row, index = got
    header = _table_header(ctx, table)
    if header is None:
        return None
    f = ctx.folded
    return header, [f[a:b] for a, b in row], index


def _table_plain_counts(ctx: Context) -> list[Count]:
    """Counts written as a bare number in a table column whose header names the measure
    ("3 | Sơn Hạ | Sơn Hà | 17 | 52/57" under "... | Số tiêu chí đạt | Số chỉ tiêu đạt")."""
    f = ctx.folded
    out = []
    for table in ctx.tables:
        header = _table_header(ctx, table)
        if header is None:
            continue
        cols = [(k, _HEADER_MEASURE.search(h)) for k, h in enumerate(header)]
        cols = [(k, _measure(m.group())) for k, m in cols if m]
        if not cols or not any(P.UNIT_HEADER.match(h) for h in header):
            continue
        for row in table.rows:
            if len(row) != len(header):
                continue
            for k, measure in cols:
                s, e = row[k]
                if 0 < e - s <= 2 and f[s:e].isdigit():
                    out.append(Count(s, e, int(f[s:e]), None, None, measure))
    return out


def _table_measure(ctx: Context, c: Count) -> Optional[Measure]:
    """The measure a table's header names for a fraction that is a whole cell of a row below it:
    that of its own column where the header names one there, else the first the header names."""
    got = _table_cells(ctx, c.start, c.end)
    if got is None:
        return None
    header, cells, index = got
    if len(header) == len(cells) and index < len(header):
        m = _HEADER_MEASURE.search(header[index])
        if m:
            return _measure(m.group())
    m = _HEADER_MEASURE.search(" | ".join(header))
    return _measure(m.group()) if m else None


def _table_row_unit(ctx: Context, c: Count) -> Optional[Unit]:
    """The unit of a table row whose figure ``c`` is: the cell under a header that names a
    level ("1 | Tu Lý | 19/19" under "STT | Xã | Số tiêu chí đạt")."""
    got = _table_cells(ctx, c.start, c.end)
    if got is None:
        return None
    header, cells, _ = got
    if len(header) != len(cells):
        return None
    named = []  # (level, name) of the cells under headers that name a level, in order
    for h, cell in zip(header, cells):
        m = P.UNIT_HEADER.match(h)
        if m and cell and cell[0].isupper():
            lw = m.group("lw") or m.group("lw2") or "xã"
            placed = _PLACED_CELL.fullmatch(cell)  # "Song Lãng (Vũ Thư)" under "Xã (huyện)"
            name = clean_name(placed.group("name") if placed else cell)
            words = name.split()
            if words and words[0].lower() in ("xã", "huyện", "phường", "quận"):
                return None  # "Xã Phú Bình": the cell names its level itself, read as a mention
            named.append((level_of(lw, name), name))
            if placed:
                named.append((Level.HUYEN, clean_name(placed.group("district"))))
    if not named:
        return None
    level, name = named[0]
    # "1 | Sơn Thượng | Sơn Hà | ..." under "STT | Xã | Huyện | ...": the district places the commune
    district = next((n for lv, n in named[1:] if lv == Level.HUYEN), None) if level == Level.XA else None
    return ctx.unit(level, name, district)


_PLACED_CELL = regex.compile(r"(?P<name>[^()]+?)\s*\(\s*(?:(?i:huyện)\s+)?(?P<district>[^()]+?)\s*\)")


def table_row_unit(ctx: Context, at: int, end: int) -> Optional[Unit]:
    """The unit of the text-table row whose cell f[at:end] is (see _table_row_unit)."""
    return _table_row_unit(ctx, Count(at, end, 0, None, None, None))


_HEADER_MEASURE = regex.compile(r"(?<![\p{L}])(?i:tiêu\s+chí|chỉ\s+tiêu)(?![\p{L}])")


def group_counts(ctx: Context, counts: list[Count]) -> list[list[Count]]:
    """Counts joined by a comma or "và" describe the same units: "18/19 tiêu chí, 56/57 chỉ tiêu"."""
    groups: list[list[Count]] = []
    for c in counts:
        if groups and P.GROUP_JOIN.match(ctx.folded[groups[-1][-1].end:c.start]) and \
                ";" not in ctx.folded[groups[-1][-1].end:c.start]:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


# A requirement of a criteria set ("Xã phải đạt đủ 19/19 tiêu chí mới được công nhận") and an
# illustration ("Ví dụ, ...", "Giả sử ...") describe no unit's state.
_CONDITION_AFTER = regex.compile(
    r"[^.;\n]{0,60}?(?<![\p{L}])(?i:mới\s+(?:được|đủ)|thì\s+mới|theo\s+quy\s+định|là\s+điều\s+kiện)")
_OWN_DEADLINE_AFTER = regex.compile(
    r"[^.;\n]{0,80}?(?<![\p{L}])(?i:trước\s+ngày|trước\s+(?:tháng|quý|năm)|trong\s+năm\s+(?:19|20)\d\d|"
    r"vào\s+(?:cuối\s+)?năm\s+(?:19|20)\d\d|chậm\s+nhất)")
_REQUIRED_BEFORE = regex.compile(r"(?<![\p{L}])(?i:phải|buộc\s+phải)\s+(?i:đạt|đáp\s+ứng)\s+(?i:đủ\s+|được\s+)?$")
# Criteria sets other than nông thôn mới named right after a count: towns' "văn minh đô thị",
# urban grades, national-standard schools and health stations.
# Villages' own sets too ("10/10 tiêu chí ấp NTM kiểu mẫu", "tiêu chí thôn văn hóa"): villages are
# no units of the register.
_OTHER_SET_AFTER = regex.compile(
    r"\s+(?:(?i:của|về|theo)\s+)?(?:(?i:bộ\s+tiêu\s+chí|chuẩn)\s+)?(?i:văn\s+minh\s+đô\s+thị|đô\s+thị\s+văn\s+minh|"
    r"đô\s+thị\s+loại|phường\s+văn\s+minh|quốc\s+gia\s+về\s+y\s+tế|trường\s+(?:đạt\s+)?chuẩn\s+quốc\s+gia|"
    r"(?:ấp|thôn|bản|khóm|buôn|làng|xóm|khu\s+dân\s+cư)\s+(?:nông\s+thôn\s+mới|ntm|kiểu\s+mẫu|văn\s+hóa|thông\s+minh))(?![\p{L}])")
# A village as the subject of the count: "đến nay ấp đạt 8/10 tiêu chí", "thôn Nà Lầu đã đạt 9/10"
# ("nông thôn", "cơ bản", "văn bản" are no villages, nor is "Bản" of "xã Bản Phiệt").
_VILLAGE_SUBJECT_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?<!(?i:nông|cơ|văn|xã|huyện|phường|trấn|quận|tỉnh|phố)\s)(?i:ấp|thôn|bản|khóm|buôn|làng|xóm|khu\s+dân\s+cư)(?:\s+{P.NAME})?"
    r"(?:\s*\([^)]*\))?\s+(?:(?i:hiện|nay|đã|cũng|mới|vẫn|được)\s+)*(?i:đạt|hoàn\s+thành)\s+(?:(?i:được|đủ)\s+)?$")
_FROM_BEFORE = regex.compile(r"(?<![\p{L}])(?i:từ)\s+$")
_CHANGE_AFTER = regex.compile(
    r"[^.;\n\d]{0,40}?(?<![\p{L}])(?i:lên|xuống|còn|giảm|tăng)(?:\s+(?i:xuống|lên|còn))?\s+\d")
_HYPOTHETICAL = regex.compile(r"\s*(?:[-–•*]\s*)?(?i:ví\s+dụ|giả\s+sử|chẳng\s+hạn)(?![\p{L}])")
_BARE_REACHED = regex.compile(r"(?<![\p{L}])(?i:đạt|hoàn\s+thành)\s+(?:được\s+)?$")
_BARE_END = regex.compile(r"\s*(?:[,;.)]|$)|\s+(?i:và)(?![\p{L}])")
_AFTER_LIST = regex.compile(r"\s*,?\s*(?:thì\s+)?(?:có|gồm|là)\s+")
_AFTER_LEVEL = regex.compile(r"\s*(?P<lw>tỉnh|huyện|xã)(?![\p{L}])", regex.I)
# A level word that is no subject: counted or generic ("các xã", "mỗi xã"), or a modifier of
# something else ("đơn vị cấp huyện", "khó khăn nhất tỉnh", "của tỉnh", "trong huyện").
QUANTIFIED = regex.compile(
    rf"(?:{P.COUNT_DIGIT}|%|\bcác|\bnhững|\bnhiều|\bsố|\bmỗi|\btừng|\bmột|\bcấp|\bnhất|\bcủa|\btrong|\bngoài|\bthuộc|"
    r"\bkhắp|\bvới|\bcho|\bhai|\bba|\bbốn)\s*$", regex.I)
# One or two words that refer back to units named just before: "Cả hai xã phấn đấu ...",
# "hai xã này", "03 xã nói trên".
_ANAPHOR = regex.compile(
    r"(?<![\p{L}\d])(?:(?P<all>cả)\s+)?(?:(?P<n>hai|ba|bốn|năm|\d{1,2})|(?P<pl>các|những))\s+(?P<lw>xã|huyện)"
    # "cả hai xã vùng sâu này": a descriptor before "này"
    # "14 xã nâng cao nêu trên": the standard they were counted for before it
    r"(?:(?:\s+(?:vùng\s+sâu|vùng\s+cao|biên\s+giới|miền\s+núi|ven\s+biển|khó\s+khăn|(?:ntm\s+)?nâng\s+cao|"
    r"(?:ntm\s+)?kiểu\s+mẫu))?\s+(?P<this>này|trên|nói\s+trên|kể\s+trên|nêu\s+trên))?(?![\p{L}])", regex.I)
# An authority in front of a bare level word: "UBND tỉnh", "Ủy ban nhân dân huyện", "HĐND xã".
_BODY_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?:{P.COUNCIL}|(?i:ban\s+chỉ\s+đạo|tỉnh\s+ủy|huyện\s+ủy))\s*$")
# A clause after a count of the same sentence that only dates a further count: ", năm 2017 đạt",
# ", đến năm 2018 đạt được".
_CARRY = regex.compile(
    r"\s*,\s*(?:(?i:và|rồi|đến|tới|sang|cuối|trong)\s+)?(?i:năm)\s+(?:19|20)\d\d\s+(?:(?i:đã|thì|xã|huyện)\s+)?"
    r"(?i:đạt|hoàn\s+thành)(?:\s+(?i:được|đủ))?\s*")
# A clause after a count of the same sentence that sets a goal for the same unit: ", phấn đấu
# đến tháng 6/2025 đạt"
# The words of a goal set for a unit named before: "phấn đấu", "đặt mục tiêu"
_GOAL_WORDS = r"(?i:phấn\s+đấu|dự\s+kiến|đặt\s+mục\s+tiêu|cố\s+gắng|quyết\s+tâm)"
_GOAL_CARRY = regex.compile(
    # the set the count before was of may be named first: "6/9 tiêu chí huyện NTM nâng cao và phấn đấu ..."
    r"(?:\s+(?i:huyện|xã|tỉnh))?(?:\s+(?i:nông\s+thôn\s+mới|NTM)(?:\s+(?i:nâng\s+cao|kiểu\s+mẫu))?)?"
    r"\s*(?:,\s*(?:(?i:và|đồng\s+thời)\s+)?|(?i:và|đồng\s+thời)\s+)"
    rf"{_GOAL_WORDS}"
    r"(?:\s+[\p{Ll}\d/]+){0,6}?\s+(?i:đạt|hoàn\s+thành)(?:\s+(?i:được|đủ))?\s*")
# A bare level word that introduces its unit's name: "Xã còn lại là Duy Phước", "huyện duy nhất là X",
# "Xã duy nhất chưa về đích là Vụ Bổn" (a few lower-case words between).
_PLACED_BY = regex.compile(r"(?<![\p{L}])(?i:thuộc|của)\s+$")
_BARE_NAMED = regex.compile(
    rf"\s+(?:\p{{Ll}}+\s+){{0,6}}?(?i:là)\s+(?P<name>{P.NAME})")
_SUBJECT_AFTER = regex.compile(
    r"[^,.;\n]{0,80}?,\s*(?P<lw>(?i:xã|huyện|tỉnh))(?:\s+\p{Ll}+){0,3}?\s+(?i:này|nói\s+trên)(?![\p{L}])")
_CLAUSE_END = regex.compile(r"[;.]|\n")


def _bare_level_units(ctx: Context, lw: str, at: int) -> Optional[Unit]:
    level = level_of(lw, "")
    if level == Level.TINH:
        prov = ctx.province_at(at)
        return ctx.unit(Level.TINH, prov) if prov else None
    head = ctx.heading_unit(at)
    if head and head.level == level:
        return head
    # "Cẩm Mỹ - chỉ còn một xã" / "... Huyện đã đạt 7/9 tiêu chí": the district of the section
    sec = ctx.section_unit(at)
    if sec and sec.level == level:
        return sec
    # "Nghi Xuân hiện có 12/17 xã đạt chuẩn NTM, huyện tự đánh giá đạt 6/9": the unit a tally of
    # the same sentence just counted in
    sent_start = ctx.doc.sentence_at(at).start
    for t in reversed(ctx.facts_of("tallies")):
        if sent_start <= t.evidence.start < at and t.parent is not None and t.parent.level == level:
            return t.parent
    # "xã tự đánh giá đạt 17/19 tiêu chí" in the report of UBND XÃ VIỆT CƯỜNG
    if ctx.issuer is not None and ctx.issuer.level == level:
        return ctx.issuer
    return ctx.last_unit_of_level(level, at)


_NAME_BEFORE_VERB = regex.compile(
    rf"{P.BARE_NAME}(?:{P.PAREN_PLACE})?\s+(?:(?i:hiện|nay|đã|cũng|mới|vẫn|đều|cùng|chỉ|còn|thì|tự\s+đánh\s+giá)\s+)*"
    # a goal between: "Thạnh Phú phấn đấu đạt 9/9", "Đình Phong đặt mục tiêu đến hết năm 2024 đạt 19/19"
    rf"(?:(?:{_GOAL_WORDS}|(?i:sẽ))(?:\s+(?:[\p{{Ll}}\d/]+|[IVX]{{1,4}}/\d{{4}})){{0,6}}?\s+)?"
    # "Phú Đông, Phước Khánh và Đại Phước đều dừng ở mức 15-16/19 tiêu chí"
    r"(?:(?i:đạt|hoàn\s+thành)\s+(?:(?i:được|đủ)\s+)?|(?:(?i:dừng|đứng|mới|dao\s+động)\s+)?(?i:ở\s+mức)\s+)$")


def _name_before_verb(ctx: Context, group: list[Count], lo: int, at: int) -> Optional[tuple[list[Unit], int]]:
    """(units, start) of bare unit names right before the verb of a count, or None."""
    c = group[0]
    if c.measure == Measure.TIEU_CHI and c.total == 9:
        level = Level.HUYEN
    elif (c.measure == Measure.TIEU_CHI and c.total in (19, None)) or (c.measure == Measure.CHI_TIEU and c.total):
        level = Level.XA  # "Sơn Kim 1 (Hương Sơn) mới đạt 11 tiêu chí": a commune's count without its total
    else:
        return None
    if not _ends_with(ctx.low if ctx.lowered else ctx.folded.lower(), max(lo, at - 30), at,
                      ("đạt", "thành", "được", "đủ", "mức")):
        # "Hưng Thịnh đạt 17/19 tiêu chí, Sông Thao 16/19", "Long An (16/19)": an item of a list of
        # named figures, its name right before it
        m = _NAME_BEFORE_FIGURE.search(ctx.folded, max(lo, at - 60), at)
        if m is None:
            return None
        unit = ctx.registered(level, m.group("name"), skip=0)
        return ([unit], m.start("name")) if unit is not None else None
    m = _NAME_BEFORE_VERB.search(ctx.folded, max(lo, at - 120), at)
    if m is None:
        return None
    unit = None
    if c.total is None and c.measure == Measure.TIEU_CHI and c.met <= 9 and not m.group("paren"):
        # "Tân Châu mới đạt 5 tiêu chí": no more than a district's 9, and a district of that name
        unit = ctx.registered(Level.HUYEN, m.group("name"), skip=0)
        if unit is not None:
            level = Level.HUYEN
    if unit is None:
        unit = ctx.registered(level, m.group("name"), m.group("paren"))
    if unit is None:
        return None
    units, start = [unit], m.start("name")
    # "các xã khó khăn như Ia Krái, Ia Tô cũng đã đạt": bare names listed before it, same level
    while len(units) < 10:
        prev = _NAME_BEFORE_SEP.search(ctx.folded, max(lo, start - 60), start)
        unit = ctx.registered(level, prev.group("name")) if prev else None
        if unit is None:
            break
        units.insert(0, unit)
        start = prev.start("name")
    if _PLACE_BEFORE.search(ctx.folded, max(0, start - 8), start):
        return None  # "nhiều xã ở Si Ma Cai, Mường Khương chỉ đạt 3-5 tiêu chí": where the units are
    return units, start


_PLACE_BEFORE = regex.compile(r"(?<![\p{L}])(?i:ở|tại|thuộc|trong)\s+$")
_NAME_BEFORE_FIGURE = regex.compile(
    rf"(?:(?<=[,;:]|\bvà|\blà)\s*|^\s*){P.BARE_NAME}\s*(?:\(\s*)?(?:(?i:hiện|mới|chỉ)\s+)?(?:(?i:có|với)\s+)?$")
# (a name after its level word is that unit's: "huyện Bắc Hà, Tả Củ Tỷ mới đạt 11/19" lists no commune Bắc Hà)
_NAME_BEFORE_SEP = regex.compile(rf"(?<!{P.LEVEL}\s+){P.BARE_NAME}\s*(?:,|\bvà\b)\s*$")


def _anaphor_units(ctx: Context, m, level: Level) -> list[Unit]:
    """The last ``n`` distinct units of ``level`` named in the paragraph before an anaphor: named
    with their level word, in lists ("3 xã Bế Triều, Nam Tuấn và Đức Long"), or listed after
    "gồm" ("công nhận 03 xã ..., gồm: Vĩnh Hiệp, Vĩnh Thịnh (huyện Vĩnh Thạnh) và An Tân")."""
    if m.group("n") is None:  # "các xã này": every one named before in the paragraph
        n = None
    else:
        n = P.count_of(m.group("n"))
    p_start, _ = ctx.paragraph_span(m.start())
    named: list[tuple[str, Optional[str]]] = []

    def add(name: str, district: Optional[str]) -> None:
        for i, (nm, _) in enumerate(named):
            if nm == name:
                del named[i]
                break
        named.append((name, district))

    f = ctx.folded
    for _, _, items in find_lists(f, p_start, m.start(), ctx):
        for it in items:
            if it.level == level:
                add(it.name, it.district)
    if n is None:
        return [ctx.unit(level, name, district) for name, district in named[-10:]] if len(named) >= 2 else []
    if len(named) < n:
        for g in _MEMBERS_AFTER.finditer(f, p_start, m.start()):
            items = parse_names(f, g.end(), m.start())
            if len(items) == n:
                for name, district in items:
                    add(name, district)
    if len(named) < n and m.group("all") and p_start > 0:
        # "... công nhận 03 xã ..., gồm: xã A (...), xã B (...) và xã C (...)." / "Theo kết quả thẩm định,
        # cả 03 xã đều đạt 19/19 tiêu chí": the units of the paragraph before
        prev_start, _ = ctx.paragraph_span(max(0, p_start - 2))
        before: list[tuple[str, Optional[str]]] = []
        for _, _, items in find_lists(f, prev_start, p_start, ctx):
            for it in items:
                if it.level == level and all(nm != it.name for nm, _ in before):
                    before.append((it.name, it.district))
        if len(before) >= n:
            named = before[-n:]
    if len(named) < n and m.group("this"):
        # "14 xã nâng cao nêu trên đều đạt 19/19 tiêu chí" after a list of 14 items, one per line under
        # a heading that counts them ("I. XÃ ĐẠT CHUẨN NTM NÂNG CAO (14 xã)"): the first n named after
        # the last such heading
        lo = max(0, p_start - _ANAPHOR_REACH)
        head = None
        for h in _COUNTED_HEADING.finditer(f, lo, p_start):
            if int(h.group("n")) == n and h.group("lw").lower() == level.value:
                head = h
        if head is not None:
            listed: list[tuple[str, Optional[str]]] = []
            for _, _, items in find_lists(f, head.end(), p_start, ctx):
                for it in items:
                    if it.level == level and all(nm != it.name for nm, _ in listed) and len(listed) < n:
                        listed.append((it.name, it.district))
            if len(listed) == n:
                named = listed
    if len(named) < n:
        return []
    return [ctx.unit(level, name, district) for name, district in named[-n:]]


_ANAPHOR_REACH = 3000
_COUNTED_HEADING = regex.compile(r"\(\s*0*(?P<n>\d{1,3})\s+(?P<lw>(?i:xã|huyện))\s*\)[ \t]*:?[ \t]*$", regex.M)


# "..., gồm: A, B (huyện X) và C", "... là A và B": the members of a count named before
_MEMBERS_AFTER = regex.compile(r"(?<![\p{L}])(?i:gồm|bao\s+gồm|là)\s*:?\s*(?=\p{Lu})")


def _set_level(ctx: Context, group: list[Count]) -> Optional[Level]:
    """The level the criteria set names after the count: "8/9 tiêu chí huyện NTM"."""
    if group[-1].measure is None:
        return None
    m = _AFTER_LEVEL.match(ctx.folded, group[-1].end)
    return level_of(m.group("lw"), "") if m else None


def _commune_sized(c: Count) -> bool:
    """A count only a commune can have: 19 tiêu chí (or more than a district's 9), or chỉ tiêu."""
    if c.measure == Measure.CHI_TIEU:
        return True
    return c.measure == Measure.TIEU_CHI and (c.total == 19 or (c.total is None and c.met > 9))


_NAME_OF_PLACED = regex.compile(rf"{P.BARE_NAME}{P.PAREN_PLACE}")


def _commune_before_its_district(ctx: Context, district: Unit, lo: int, at: int) -> Optional[tuple[Unit, int]]:
    """(commune, start) of the last "Name (huyện X)" before ``at`` whose parenthesis is ``district``
    and whose name the register knows as a commune of it."""
    f = ctx.folded
    p = f.rfind("(", lo, at)
    while p >= 0:
        start = max(lo, p - 40)
        for m in _NAME_OF_PLACED.finditer(f, start, at):
            if f.find("(", m.end("name"), m.end()) != p:
                continue  # not the parenthesis at p
            if clean_name(m.group("paren")).lower() != district.name.lower():
                continue
            unit = ctx.registered(Level.XA, m.group("name"), m.group("paren"))
            if unit is not None:
                return unit, m.start("name")
        p = f.rfind("(", lo, p)
    return None


def units_for_group(
    ctx: Context, group: list[Count], seg_start: int, seg_end: int, prev_units: list[Unit]
) -> tuple[list[Unit], int, int]:
    """Units a count group belongs to, and the span of their mention.

    Returns (units, span start, span end); span is the group's own when the unit is implied.
    """
    units, s, e = _units_for_group(ctx, group, seg_start, seg_end, prev_units)
    if len(units) == 1 and units[0].level == Level.TINH and group[0].measure == Measure.TIEU_CHI \
            and group[0].total == 9:
        # "thành phố Sơn La đạt 9/9 tiêu chí": a province has no 9 tiêu chí; its capital city does
        city = ctx.unit(Level.HUYEN, units[0].name)
        if city.status == "resolved":
            units = [city]
    if units and all(u.level == Level.HUYEN for u in units) and _commune_sized(group[0]):
        # a figure only a commune can have, given to districts: the commune the text names with them
        if len(units) == 1:
            # "Đạ Long (huyện Đam Rông), mới đạt 16/19 tiêu chí": the district only places the commune
            placed = _commune_before_its_district(ctx, units[0], seg_start, group[0].start)
            if placed is not None:
                return [placed[0]], placed[1], group[-1].end
            # "Huyện Thạch Hà còn ba xã chưa về đích: Thạch Lạc đạt 17/19 tiêu chí": a commune the
            # register knows, named after the district and right before the figure
            named = _name_before_verb(ctx, group, s, group[0].start)
            if named is not None and named[1] > s and named[0][0].level == Level.XA:
                return named[0], named[1], group[-1].end
        elif units[-1].status != "resolved":
            # "Ở huyện Bắc Hà, Tả Củ Tỷ mới đạt 11/19", "Ở huyện Cần Giuộc, Phước Lại, Long Hậu và Tân Tập
            # đều dừng ở mức ...": no list of districts, communes after their district
            communes = [ctx.registered(Level.XA, u.name, units[0].name) for u in units[1:]]
            if all(c is not None for c in communes):
                return communes, s, e
    want = _set_level(ctx, group)
    if units and want is not None and units[0].level != want:
        # "Huyện Ba Chẽ, địa phương khó khăn nhất tỉnh, hiện đạt 8/9 tiêu chí huyện NTM": the
        # criteria set names the level; take the nearest unit of that level instead.
        lists = find_lists(ctx.folded, seg_start, group[0].start, ctx)
        for ls, le, items in reversed(lists):
            same = [i for i in items if i.level == want]
            if same:
                return [ctx.unit(i.level, i.name, i.district) for i in same], ls, group[-1].end
        head = ctx.heading_unit(group[0].start)
        if head and head.level == want:
            return [head], group[0].start, group[-1].end
    return units, s, e


def _units_for_group(
    ctx: Context, group: list[Count], seg_start: int, seg_end: int, prev_units: list[Unit]
) -> tuple[list[Unit], int, int]:
    f = ctx.folded
    g_start, g_end = group[0].start, group[-1].end
    # 1. "... 64-68/75 chỉ tiêu có 2 xã Xuân Trường và Thọ Xương"
    after = _AFTER_LIST.match(f, g_end, seg_end)
    if after:
        lists = find_lists(f, after.end(), seg_end, ctx)
        if lists and lists[0][0] - after.end() <= 3:
            s, e, items = lists[0]
            return [ctx.unit(i.level, i.name, i.district) for i in items], g_start, e
    # 2. the nearest list or mention before the count in the same clause
    lists = find_lists(f, seg_start, g_start, ctx)
    if len(lists) >= 2 and _PLACED_BY.search(f, max(0, lists[-1][0] - 8), lists[-1][0]) \
            and f[lists[-2][1]:lists[-1][0]].strip() in ("thuộc", "của"):
        # "Hai xã Phong Niên và Xuân Quang thuộc huyện Bảo Thắng đạt 18/19": the district places them
        district = lists[-1][2][0].name
        placed = [Mention(it.start, it.end, it.level, it.name, it.district or district) for it in lists[-2][2]]
        lists = lists[:-2] + [(lists[-2][0], lists[-1][1], placed)]
    last_list_end = lists[-1][1] if lists else -1
    lo = max(seg_start, last_list_end)
    # BARE_NAME_BEFORE_VERB opens with "," or "và" and ends with its verb (all case-sensitive)
    bare_name = P.BARE_NAME_BEFORE_VERB.search(f, lo, g_start) \
        if _ends_with(f, lo, g_start, ("đạt", "hoàn thành")) \
        and (f.find(",", lo, g_start) >= 0 or f.find("và", lo, g_start) >= 0) else None
    bare_level = body_level = None
    # a bare level word is the subject of its own clause only: "Huyện có 14/16 xã đạt chuẩn; Hưng
    # Thịnh đạt 17/19 tiêu chí" (the commune's figure after the district's)
    clause_lo = max(lo, f.rfind(";", lo, g_start) + 1)
    bare = P.BARE_LEVEL_A.finditer(ctx, clause_lo, g_start)
    if P.BARE_TOWN_A.may_match(ctx, clause_lo, g_start):
        # "Thị xã đạt 9/9 tiêu chí": a bare "thị xã" / "quận" is the district-level unit
        bare = sorted(bare + P.BARE_TOWN_A.finditer(ctx, clause_lo, g_start), key=lambda m: m.start())
    for m in bare:
        if QUANTIFIED.search(f, max(0, m.start() - 8), m.start()):
            continue
        if _SET_WORD_BEFORE.search(f, max(0, m.start() - 12), m.start()):
            continue  # "Đối chiếu bộ tiêu chí huyện, ...": the name of a set, no unit
        if _BODY_BEFORE.search(f, max(0, m.start() - 20), m.start()):
            # "xã vừa được UBND tỉnh công nhận ...": the recognising body is the subject only
            # where no other unit is named ("Chủ tịch UBND tỉnh ... phấn đấu đạt 08/08 nội dung")
            body_level = m
            continue
        bare_level = m
    # a level word only inside a body's or an official's title ("Chủ tịch UBND xã, ... Sảng Mộc mới
    # đạt 9/19") yields to a name right before the verb
    titled_only = bare_level is None and body_level is not None
    if bare_level is None:
        bare_level = body_level
    # "huyện An Biên đạt 4/9 tiêu chí và Kiên Lương đạt 4/9": the level carries over
    level = lists[-1][2][-1].level if lists else (prev_units[-1].level if prev_units else None)
    if bare_name and level is not None:
        name = clean_name(bare_name.group("name"))
        if level != Level.TINH or province_name(name):
            return [ctx.unit(level, name)], bare_name.start("name"), g_end
        # "(... của UBND tỉnh Quảng Ngãi), đến cuối tháng 2/2024, Ba Động đạt 14/19": a province
        # passes no level to a name that is none; the register says what it is
        named = _name_before_verb(ctx, group, lo, g_start)
        if named is not None:
            return named[0], named[1], g_end
    # "Gò Quao hiện đạt 8/9 tiêu chí", "Hiện Yên Lạc đạt 7/9": a unit named without its level
    # word right before the verb, taken only where the register knows it at the level the
    # count implies (9 tiêu chí: a district; 19 tiêu chí or chỉ tiêu: a commune)
    if (bare_level is None or titled_only) and (not lists or lists[-1][1] < g_start - 40):
        named = _name_before_verb(ctx, group, lo, g_start)
        if named is not None:
            return named[0], named[1], g_end
    # "Cả hai xã phấn đấu đến cuối năm 2024 đạt 19/19 tiêu chí": the units named before (only
    # a match with "cả" or "này"/"trên" counts: without one of them in the range, none does)
    anaphors = _ANAPHOR.finditer(f, lo, g_start) if ctx.may_hold(("xã", "huyện"), lo, g_start) \
        and ctx.may_hold(("cả", "này", "trên"), lo, g_start) else ()
    for a in anaphors:
        if (a.group("all") or a.group("this")) and (a.group("n") or a.group("this")):
            units = _anaphor_units(ctx, a, level_of(a.group("lw"), ""))
            if units:
                return units, a.start(), g_end
    # a table row: "1 | Tu Lý | 19/19 | 57/57" under "STT | Xã | Số tiêu chí đạt | ..." (before any
    # name in the row's other cells is read as a province: "5 | Khánh Hòa | Yên Khánh | 17/19")
    if "|" in f[ctx.line_span(g_start)[0]:g_start]:
        row = _table_row_unit(ctx, group[0])
        if row is not None:
            return [row], g_start, g_end
    # "đến nay Đồng Tháp đạt 05/08 nội dung": a province named without its level word
    prov = None
    for pm in province_anchored().finditer(ctx, lo, g_start):
        prov = pm
    if prov is not None and bare_level is None:
        return [ctx.unit(Level.TINH, prov.group())], prov.start(), g_end
    if bare_level is not None:
        named = _BARE_NAMED.match(f, bare_level.end(), g_start)
        if named:
            # "Xã còn lại là Duy Phước đã đạt 18/19 tiêu chí": the name the level word introduces
            name = clean_name(named.group("name"))
            return [ctx.unit(level_of(bare_level.group("lw"), name), name)], bare_level.start(), g_end
        u = _bare_level_units(ctx, bare_level.group("lw"), bare_level.start())
        if u:
            return [u], bare_level.start(), g_end
    if lists:
        s, e, items = lists[-1]
        return [ctx.unit(i.level, i.name, i.district) for i in items], s, g_end
    # "Đạt đủ 19/19 tiêu chí NTM nâng cao, xã vùng ven này đang ...": an opening phrase whose
    # subject, pointing back with "này", follows the comma
    if not lists and bare_level is None and bare_name is None and prov is None:
        back = _SUBJECT_AFTER.match(f, g_end, seg_end)
        if back:
            u = _bare_level_units(ctx, back.group("lw"), back.start("lw"))
            if u:
                return [u], g_start, back.end()
    # 3. the heading of the line: "* Huyện Tiểu Cần: huyện đạt 05/09 tiêu chí"
    head = ctx.heading_unit(g_start)
    if head:
        return [head], g_start, g_end
    # 3b. a line above that is only a unit: "- Xã Tà Đảnh" / "Hiện đạt 14/19 tiêu chí" (in the
    # first sentence of the line)
    line_start = ctx.line_span(g_start)[0]
    if line_start > 0 and ". " not in f[line_start:g_start]:
        heads = ctx.heading_above(g_start)
        if heads:
            return heads, g_start, g_end
    # 4. the criteria set names the level: "đạt 8/8 nội dung tỉnh hoàn thành ..."
    m = _AFTER_LEVEL.match(f, g_end)
    if m:
        u = _bare_level_units(ctx, m.group("lw"), g_start)
        if u:
            return [u], g_start, g_end
    # 5. the 8 nội dung are a province's: "Phấn đấu đến cuối năm đạt 08/08 nội dung"
    if group[0].measure == Measure.NOI_DUNG and ctx.province:
        return [ctx.unit(Level.TINH, ctx.province)], g_start, g_end
    # 6. a commune's own report: "Phấn đấu ... hoàn thành 19/19 tiêu chí" (subject: the issuer)
    if ctx.issuer is not None and ctx.issuer.level == Level.XA and group[0].total in (None, 19):
        return [ctx.issuer], g_start, g_end
    # 7. an article about one commune: "- Cuối năm 2018: nâng lên 14/19 tiêu chí;" (the only commune
    # it names, before the figure)
    c0 = group[0]
    if c0.met_max is None and ((c0.measure == Measure.TIEU_CHI and c0.total == 19)
                               or (c0.measure == Measure.CHI_TIEU and c0.total in (39, 49, 57))) \
            and not _UNITS_COUNTED.search(f, seg_start, g_start):
        only = _only_commune(ctx, g_start)
        if only is not None:
            return [only], g_start, g_end
    return [], g_start, g_end


# units counted before a figure: "có 6 xã đạt 16/19 tiêu chí" (a band, no one unit's figure)
_UNITS_COUNTED = regex.compile(r"\d\s+(?i:xã|thôn|ấp|bản|xóm|khu)(?![\p{L}])")


def _only_commune(ctx: Context, at: int) -> Optional[Unit]:
    """The commune a document names, when it names one only and does so before ``at``; else None."""
    starts, names = ctx._mentions_by_level.get(Level.XA, ([], []))
    distinct = {n for n in names}
    if len(distinct) != 1 or not starts or starts[0] >= at:
        return None
    return ctx.unit(Level.XA, names[0])


def standard_for(ctx: Context, group: list[Count], unit: Optional[Unit], seg_start: int) -> Optional[Standard]:
    """The criteria set: named right after the count, else the nearest mention before it, else NTM."""
    if group[0].measure == Measure.NOI_DUNG and (unit is None or unit.level == Level.TINH):
        return Standard.TINH_HOAN_THANH
    m = _standard_mention(ctx, group)
    # no set named in the paragraph: the programme's own ("đạt 17/19 tiêu chí" of a commune)
    return standard_of(m, unit) if m else Standard.NTM


def _standard_mention(ctx: Context, group: list[Count]):
    """The STANDARD match that names a group's criteria set, or None (the same for each unit of
    the group: once per group)."""
    cache = ctx.__dict__.setdefault("progress_standard_mentions", {})
    key = (group[0].start, group[-1].end)
    if key not in cache:
        cache[key] = _find_standard_mention(ctx, group)
    return cache[key]


def _find_standard_mention(ctx: Context, group: list[Count]):
    f = ctx.folded
    end_m = _CLAUSE_END.search(f, group[-1].end)
    clause_end = end_m.start() if end_m else len(f)
    comma = f.find(",", group[-1].end, clause_end)
    window_end = comma if comma >= 0 else clause_end
    m = P.STANDARD_A.search(ctx, group[-1].end, min(window_end, group[-1].end + 60))
    if m is None:
        m = ctx.standard_before(group[0].start)
    return m


def implied_total(ctx: Context, unit: Unit, measure: Measure, standard: Optional[Standard]) -> Optional[int]:
    """Size of the criteria set that applies when the text gives no total."""
    from extractors.criteria import set_size

    return set_size(unit.level, standard, measure, ctx.year)


def find(ctx: Context) -> list[Progress]:
    facts: list[Progress] = []
    seen = set()
    groups = group_counts(ctx, find_counts(ctx))
    prev_end = -1
    prev_sentence = None
    prev_units: list[Unit] = []
    for group in groups:
        sent = ctx.doc.sentence_at(group[0].start)
        if sent.start != prev_sentence:
            prev_end, prev_sentence, prev_units = sent.start, sent.start, []
        seg_start = max(sent.start, prev_end)
        seg_end = sent.end
        units, span_start, span_end = units_for_group(ctx, group, seg_start, seg_end, prev_units)
        if not units and prev_units and (_CARRY.fullmatch(ctx.folded, seg_start, group[0].start)
                                         or _GOAL_CARRY.fullmatch(ctx.folded, seg_start, group[0].start)):
            # "xã ... năm 2016 đạt 12 tiêu chí, năm 2017 đạt 15 tiêu chí", "Xã Phong Điền đạt 17
            # tiêu chí, phấn đấu đến tháng 6/2025 đạt 19/19": the clause names no subject of its
            # own, the units of the count before go on
            units = prev_units
        prev_end = max(group[-1].end, span_end)
        if not units:
            continue
        prev_units = units
        short = all(c.total is not None and c.met < c.total for c in group)
        modality = ctx.modality(group[0].start, sent.start, short)
        if modality == Modality.REPORTED and ctx.may_hold(("phải",), max(0, group[0].start - 25), group[0].start) \
                and _REQUIRED_BEFORE.search(ctx.folded, max(0, group[0].start - 25), group[0].start):
            modality = Modality.TARGET  # "ba xã ... phải đạt 19/19 tiêu chí ... trước ngày 30/11/2022"
        evidence = ctx.evidence(span_start, span_end)  # frozen: one for every fact of the group
        quote = ctx.quote(span_start, span_end)
        if len(units) >= 2 and len(group) == len(units) and len({c.measure for c in group}) == 1:
            # "hai xã Suối Ngô và Tân Hòa lần lượt đạt 17/19 và 15/19 tiêu chí": one figure each, in order
            assigned = [(u, [c]) for u, c in zip(units, group)]
        else:
            assigned = [(u, group) for u in units]
        for unit, counts in assigned:
            standard = standard_for(ctx, group, unit, seg_start)
            for c in counts:
                if c.total is None and c.met_max is not None and unit.level != Level.XA:
                    # "huyện có 12 xã đạt từ 15-18 tiêu chí": a band of the district's communes, not
                    # its own figure (a range without its total is read for communes only)
                    continue
                total, implied = c.total, False
                if total is None:
                    total, implied = implied_total(ctx, unit, c.measure, standard), True
                key = (unit.level, unit.name, c.measure, c.met, c.met_max, total, modality)
                if key in seen:
                    continue
                seen.add(key)
                facts.append(Progress(
                    evidence=evidence,
                    quote=quote,
                    extractor=EXTRACTOR.name,
                    unit=unit, standard=standard, measure=c.measure, met=c.met, met_max=c.met_max,
                    total=total, modality=modality, total_implied=implied,
                ))
    _sibling_totals(facts)
    return facts


def _sibling_totals(facts: list[Progress]) -> None:
    """A count without a total whose set size is unknown takes the total its siblings state.

    "xã A đạt 17/19 tiêu chí NTM nâng cao; ... riêng xã B mới đạt 11 tiêu chí" (a provincial
    nâng cao set of 2021): units of one level, one measure and one sentence share a set.
    """
    stated: dict = {}
    for f in facts:
        if not f.total_implied and f.total is not None:
            stated.setdefault((f.evidence.sentence_start, f.unit.level, f.measure), set()).add(f.total)
    for f in facts:
        if f.total_implied and f.total is None:
            totals = stated.get((f.evidence.sentence_start, f.unit.level, f.measure))
            if totals and len(totals) == 1 and f.met <= next(iter(totals)):
                f.total = next(iter(totals))


EXTRACTOR = Extractor(
    name="progress",
    fact_type="progress",
    find=find,
    triggers=("tiêu chí", "chỉ tiêu", "nội dung"),
    # 2: "17 trên 19 tiêu chí"; a bare "thị xã" / "quận" as the subject; "năm 2020 xã" is no
    # counted "xã"; a bare "tỉnh" is the province named before it in the sentence
    # 3: a commune placed by its district in parentheses ("Đạ Long (huyện Đam Rông), mới đạt 16/19"),
    # ranges "từ 14 đến 16/19" and without a total ("đạt 6-7 tiêu chí", communes only), items of a list
    # led by a goal ("... phấn đấu:"), short headings of tasks ("Nhiệm vụ năm 2020"); capitals datelines
    # and section headings ("YÊN THẾ - ...", "LONG HIỆP: ..."), "2. Mục tiêu", "Xã A và xã B còn 18/19",
    # a name before its verb over a level word in an official's title
    version="3",
    description="x/y tiêu chí|chỉ tiêu|nội dung reached by a named unit",
)
