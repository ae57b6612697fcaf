"""Per-document analysis shared by the extractors (computed once, lazily)."""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple, Optional

import regex

from extractors import patterns as P
from extractors.models import Evidence, Level, Modality, Standard, Unit
from extractors.units import (NATIONAL_ARTICLE, clean_name, document_province, from_capitals, level_of, make_unit,
                              person_like, province_name)


_PUB_LABEL = regex.compile(r"(?i:đăng\s+lúc|đăng\s+ngày|ngày\s+đăng|cập\s+nhật|xuất\s+bản)\s*:?")
# "30/11/2022", "06-01-2024" (Nhân Dân), "21.11.2019" (Báo Hải Dương): one separator both sides
_PUB_DMY = regex.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
# The issuing body of an official document, in capitals on a header line of its own:
# "UBND XÃ VIỆT CƯỜNG", "ỦY BAN NHÂN DÂN HUYỆN SÓC SƠN" (the last such line is the issuer).
_ISSUER = regex.compile(
    r"(?m)^[ \t]*(?:UBND|ỦY\s+BAN\s+NHÂN\s+DÂN)\s+(?P<lw>THỊ\s+TRẤN|THỊ\s+XÃ|THÀNH\s+PHỐ|PHƯỜNG|QUẬN|HUYỆN|TỈNH|XÃ)"
    r"\s+(?P<name>[\p{Lu}\d'’ -]{2,40}?)[ \t]*$"
)
# A unit as a heading in capitals: "HUYỆN BÙ ĐỐP", "2. XÃ TÂN HÒA:" (its facts follow, with a
# bare "huyện" or "xã" for it)
_CAPS_UNIT_HEADING = regex.compile(
    r"(?m)^[ \t]*(?:[IVX]{1,5}[.)]|\d{1,2}[.)]|[-+*•])?[ \t]*(?P<lw>THỊ\s+TRẤN|THỊ\s+XÃ|THÀNH\s+PHỐ|PHƯỜNG|QUẬN|HUYỆN|XÃ)"
    r"[ \t]+(?P<name>[\p{Lu}\d][\p{Lu}\d'’ -]{1,40}?)[ \t]*:?[ \t]*$"
)
# A segment header of a transcript in brackets that names a district: "[PHÓNG VIÊN QUANG HUY, TỪ HUYỆN
# VŨ QUANG]" (what follows, up to the next header, is from there)
_BRACKET_UNIT_HEADING = regex.compile(
    r"(?m)^[ \t]*\[[^\]\n]*?(?<![\p{L}])(?P<lw>THỊ\s+XÃ|THÀNH\s+PHỐ|QUẬN|HUYỆN|TỈNH)[ \t]+"
    r"(?P<name>[\p{Lu}][\p{Lu}'’ -]{1,40}?)[ \t]*\][ \t]*$"
)
# A passage turning to a unit named without its level word: "Ở Đại Từ, ...", "Sang Phú Lương, ..."
_TOPIC = regex.compile(
    rf"(?<![\p{{L}}])(?i:ở|tại|sang|trở\s+lại|riêng|đối\s+với|còn\s+ở|về\s+phía)\s+(?=\p{{Lu}})(?P<name>{P.NAME})\s*,")


def _capital_follows(ctx, i: int, j: int) -> bool:
    """_TOPIC needs spaces and then a capital after its first words (most "ở", "tại" have none)."""
    f = ctx.folded
    k = j
    while k < len(f) and f[k].isspace():
        k += 1
    return k > j and k < len(f) and f[k].isupper()


_TOPIC_A = P.Anchored(_TOPIC, ["ở", "tại", "sang", "trở lại", "riêng", "đối với", "còn ở", "về phía"],
                      check=_capital_follows)
_ITEM_INTRO = regex.compile(
    r"(?:(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|thứ\s+\p{L}+)\s+(?i:là)\s*,?\s*)?"
    r"(?i:đối\s+với|về|với|tại|ở)\s+")
# A name that opens a title: "Ba Vì tổng kết năm 2023: ..."
_TITLE_NAME = regex.compile(rf"(?P<name>{P.NAME})(?=\s*[:,\-–]|\s+\p{{Ll}})")
# Units named by their goal in a lead before ":" ("Đối với các xã phấn đấu đạt chuẩn năm 2014:")
_WHICH_UNITS = regex.compile(r"(?<![\p{L}])(?i:các|những)\s+(?i:xã|huyện|đơn\s+vị)\s+$")
# Goal cues that are only a time ("trong năm 2023", "đến cuối năm", "đến năm 2025", "trước năm 2025")
_TIME_CUE = regex.compile(r"(?i:trong|đến|trước)\s")
# The time right after "đến cuối tháng" / "đến cuối năm": "10/2019", "2024"
_CUE_WHEN = regex.compile(r"\s*(?:(?P<m>\d{1,2})\s*[/-]\s*|[IV]{1,3}\s*[/-]\s*)?(?P<y>(?:19|20)\d\d)(?!\d)")
_CAPS_LEVEL_WORDS = ("THỊ TRẤN", "THỊ XÃ", "THÀNH PHỐ", "PHƯỜNG", "QUẬN", "HUYỆN", "XÃ")
# A section heading: "III. PHƯƠNG HƯỚNG NĂM 2025", "B. Nhiệm vụ năm 2025", a short line in capitals.
_SECTION_HEAD = regex.compile(
    r"[ \t*#]*(?:(?:[IVX]{1,5}|[A-ZĐ])[.)][ \t]+\S[^\n]{0,100}|[\p{Lu}\d][\p{Lu}\d ,.:–-]{5,100})[ \t*]*$")
# A heading of plans: the figures of its section are goals ("Phương hướng năm 2025",
# "Nhiệm vụ, giải pháp năm 2025", "Kế hoạch năm 2025", "Mục tiêu").
_PLAN_HEAD = regex.compile(
    r"[ \t*#]*(?:(?:[IVX]{1,5}|[A-ZĐ\d]{1,2})[.)][ \t]+)?(?i:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|mục\s+tiêu|"
    r"định\s+hướng|chỉ\s+tiêu(?!\s+(?:đạt\s+được|đã\s+đạt|thực\s+hiện|kết\s+quả)))(?![\p{L}])[^\n]{0,80}$")
# A short mixed-case plan heading line: "Chỉ tiêu năm 2025", "Phương hướng năm 2025:"
_PLAN_SHORT = regex.compile(
    r"[ \t*#]*(?:\d{1,2}[.)][ \t]+)?(?i:chỉ\s+tiêu|phương\s+hướng|mục\s+tiêu|nhiệm\s+vụ(?:\s+(?:trọng\s+tâm|thời\s+gian\s+tới))?)"
    r"(?:\s+(?:năm\s+)?\d{4}(?:\s*[-–]\s*\d{4})?)?\s*:?[ \t*]*$")
# A line that leads a list of goals: "Theo kế hoạch, năm 2018 huyện phấn đấu:", "Mục tiêu đến năm 2025:"
# (not one of results: "Kết quả thực hiện kế hoạch năm 2023:")
_GOAL_LEAD = regex.compile(
    r"(?i:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|dự\s+kiến|kế\s+hoạch|nhiệm\s+vụ|phương\s+hướng)[^\n:]{0,60}:[ \t]*$")
# A year that opens a clause: "năm 2023 công nhận 04 xã", "Năm 2025, ..."
_YEAR_OPENS = regex.compile(r"\s*(?:-\s*)?(?i:trong\s+)?(?i:năm)\s+(?P<y>(?:19|20)\d\d)(?!\d)")
# A title line that opens with a name, then a dash or colon and a remark: "Cẩm Mỹ - chỉ còn một xã"
_DISTRICT_TITLE = regex.compile(rf"[ \t*#]*{P.BARE_NAME}[ \t]*[-–:][ \t]+\S")
_LINE_YEAR = regex.compile(r"[ \t]*(?:[-–•+*][ \t]*)?(?i:năm)[ \t]+(?P<y>(?:19|20)\d\d)[ \t]*:")
_CAPS_DATELINE = regex.compile(rf"[ \t]*(?P<name>{P.CAPS_NAME})(?:[ \t]+[-–]|:)[ \t]+\S")
_LINE_END_COLON = re.compile(r":[ \t]*(?=\n|$)")
_ROW_NUMBER = re.compile(r"[ \t]*\d{1,3}[.)][ \t]+(?=[^\W\d])")
_RESULTS_LEAD = regex.compile(r"(?i:kết\s+quả|đã\s+đạt|đạt\s+được|thực\s+hiện\s+được)")
_PLAN_CUE_WORDS = regex.compile(r"chỉ\s+tiêu|phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|mục\s+tiêu|định\s+hướng")
# "ngày 5 tháng 6 năm 2024", "tháng 6 năm 2024", and a social page's "2 tháng 8, 2024"
_PUB_LONG = regex.compile(
    r"(?:(?i:ngày\s+)?(\d{1,2})\s+)?(?i:tháng)\s+(\d{1,2})(?:\s+(?i:năm)\s+|\s*,\s*)((?:19|20)\d\d)")


def standard_of(m, unit: Optional[Unit] = None) -> Standard:
    """The criteria set a ``patterns.STANDARD`` match names: "NTM nâng cao" -> ntm_nang_cao.

    "hoàn thành nhiệm vụ" is the province-level set for a province, plain NTM otherwise.
    """
    q = (m.group("q") or m.group("q2") or "").lower()
    if "nâng" in q:
        return Standard.NANG_CAO
    if "kiểu" in q:
        return Standard.KIEU_MAU
    if m.group("done") and unit is not None and unit.level == Level.TINH:
        return Standard.TINH_HOAN_THANH
    return Standard.NTM


def in_aside(f: str, lo: int, at: int, hi: int) -> bool:
    """Whether ``at`` lies inside a parenthesis of f[lo:hi] that closes before ``hi``: what an aside
    says ("(kế hoạch năm là 4 xã)") or names bears on nothing after it."""
    opened = f.rfind("(", lo, at)
    return opened >= 0 and f.find(")", opened, at) < 0 and 0 <= f.find(")", at, hi)


class TextTable(NamedTuple):
    """A table written as text lines of cells split by "|": the first line is the header. Cells
    are spans of the folded text, spaces left out (an empty cell is an empty span)."""

    header: list  # (start, end) of each header cell
    rows: list  # [(start, end) of each cell] of each row below the header


def _header_spans(f: str, start: int, end: int) -> list:
    """The cells of a table's header line; a lead that gives them in parentheses ("Nhóm 1 - Xã đạt
    chuẩn NTM năm 2020 (xã | đơn vị cấp huyện | số tiêu chí đạt):") gives those in the parentheses."""
    open_ = f.rfind("(", start, f.find("|", start, end))
    close = f.find(")", open_, end) if open_ >= 0 else -1
    if open_ >= 0 and close > 0 and f.find("|", close, end) < 0:
        return _cell_spans(f, open_ + 1, close)
    return _cell_spans(f, start, end)


def _cell_spans(f: str, start: int, end: int) -> list:
    """The cells of a row; the number of a numbered row ("1. Phong Hiền | ...") is no part of its first."""
    m = _ROW_NUMBER.match(f, start, end)
    if m is not None and f.find("|", m.end(), end) >= 0:
        start = m.end()
    spans, a = [], start
    while True:
        b = f.find("|", a, end)
        stop = end if b < 0 else b
        s, e = a, stop
        while s < e and f[s].isspace():
            s += 1
        while e > s and f[e - 1].isspace():
            e -= 1
        spans.append((s, e))
        if b < 0:
            return spans
        a = b + 1


class Context:
    """What every extractor needs to know about one document."""

    def __init__(self, doc):
        self.doc = doc
        self.text: str = doc.text
        self.folded: str = doc.folded
        low = self.folded.lower()
        # str.lower() keeps the length for Vietnamese; guard the rare letter that does not.
        self.lowered: bool = len(low) == len(self.folded)
        self.low: str = low if self.lowered else self.folded

    # --- provenance -------------------------------------------------------
    def evidence(self, start: int, end: int) -> Evidence:
        s = self.doc.sentence_at(start)
        return Evidence(start=start, end=end, sentence=s.text, sentence_start=s.start)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    # --- where things are ---------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        t = self.text
        out = [0]
        i = t.find("\n")
        while i >= 0:
            out.append(i + 1)
            i = t.find("\n", i + 1)
        return out

    def line_span(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[i]
        end = self.text.find("\n", start)
        return start, (len(self.text) if end < 0 else end)

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, offset)
        start = 0 if start < 0 else start + 2
        end = self.text.find("\n\n", offset)
        return start, (len(self.text) if end < 0 else end)

    # --- units --------------------------------------------------------------
    @cached_property
    def mentions(self) -> list[tuple[int, Level, str]]:
        """Every "level word + name" mention of the document: (start, level, name), in order."""
        out = []
        for m in P.UNIT_MENTION_A.finditer(self):
            name = clean_name(m.group("name"))
            if person_like(name):
                continue  # "UBND thành phố Nguyễn Mạnh Quyền": the name is a person's
            out.append((m.start(), level_of(m.group("lw"), name), name))
        # "Ở Đại Từ, ...", "Sang Phú Lương, ...", "Trở lại Đại Từ, ...": a district named without
        # its level word where a passage turns to it (taken only where the register knows it)
        topics = _TOPIC_A.finditer(self)
        if topics:
            from extractors.gazetteer import Gazetteer

            g = Gazetteer.default()
            for m in topics:
                # the register alone decides here: resolving in context needs these mentions
                name = clean_name(m.group("name"))
                if not province_name(name) and g.lookup(name, "huyện"):
                    out.append((m.start("name"), Level.HUYEN, name))
        if any(w in self.folded for w in _CAPS_LEVEL_WORDS):
            for m in _CAPS_UNIT_HEADING.finditer(self.folded):
                name = from_capitals(m.group("name"))
                out.append((m.start(), level_of(m.group("lw").lower(), name), name))
            if "[" in self.folded:
                for m in _BRACKET_UNIT_HEADING.finditer(self.folded):
                    name = from_capitals(m.group("name"))
                    out.append((m.start("lw"), level_of(m.group("lw").lower(), name), name))
        out.sort(key=lambda t: t[0])
        return out

    @cached_property
    def _mentions_by_level(self) -> dict:
        by: dict = {}
        for start, level, name in self.mentions:
            starts, names = by.setdefault(level, ([], []))
            starts.append(start)
            names.append(name)
        return by

    @cached_property
    def province(self) -> Optional[str]:
        """The article's province: the source's, else the one it names most, else the
        one its districts and communes lie in (an article about "huyện Thọ Xuân" and
        its communes is about Thanh Hóa even if it never says so)."""
        named = document_province(self.folded, self.doc.province_hint, self)
        if named == NATIONAL_ARTICLE:
            return None
        if named:
            return named
        from extractors.gazetteer import Gazetteer

        return Gazetteer.default().infer_province([(lv.value, n) for _, lv, n in self.mentions])

    @cached_property
    def hints(self):
        """Districts and provinces the document names: context for resolving communes."""
        from extractors.gazetteer import Hints

        by = self._mentions_by_level
        districts = set(by.get(Level.HUYEN, ([], []))[1])
        provinces = set(by.get(Level.TINH, ([], []))[1]) | ({self.province} if self.province else set())
        return Hints(districts=sorted(districts), provinces=sorted(provinces))

    def unit(self, level: Level, name: str, district: Optional[str] = None) -> Unit:
        """The unit named ``name`` at ``level``, resolved to the register in this document's context."""
        key = (level, name, district)
        cache = self.__dict__.setdefault("_unit_cache", {})
        if key not in cache:
            cache[key] = self._resolve(level, name, district)
        return cache[key]

    def _resolve(self, level: Level, name: str, district: Optional[str]) -> Unit:
        from extractors.gazetteer import Gazetteer

        g = Gazetteer.default()
        # A unit whose resolution does not depend on the document's hints is the same in every
        # document of the same province: resolved once per process.
        shared = g.__dict__.get("_context_units")
        if shared is None:
            shared = g.__dict__["_context_units"] = {}
        skey = (level, name, self.province, district)
        got = shared.get(skey)
        if got is not None:
            return got
        base = make_unit(level, name, self.province, district)
        if level == Level.QUOC_GIA:
            return base
        province = self.province if level != Level.TINH else None
        r = g.resolve_without_hints(level.value, base.name, province, district)
        fixed = r is not None
        if r is None:
            r = g.resolve(level.value, base.name, province=province, district=district, context=self.hints)
        shown = None
        if r.entry is None and not r.candidates and level in (Level.XA, Level.HUYEN):
            # no unit of that spelling: one of the same letters without their marks ("Ia Trốk" for the
            # register's "Ia Trok"), kept under the text's spelling
            for other in g.loose_names(base.name, level.value):
                r2 = g.resolve(level.value, other, province=province, district=district, context=self.hints)
                if r2.entry is not None:
                    if shown is not None:  # two registered spellings resolve: none is sure
                        r, shown = r.__class__(None, [], r.status, r.reason), None
                        break
                    r, shown, fixed = r2, base.name, False
        if r.entry is not None:
            e = r.entry
            unit = Unit(level, shown or e.name, e.province if level != Level.TINH else None, district or e.district,
                        code=e.code, status=r.status, candidates=(),
                        successor=e.successor, successor_province=e.successor_province)
        else:
            unit = Unit(base.level, base.name, base.province, base.district, code=None, status=r.status,
                        candidates=tuple(c.code for c in r.candidates[:20]))
        if fixed:
            if len(shared) > 100_000:
                shared.clear()
            shared[skey] = unit
        return unit

    def heading_unit(self, offset: int) -> Optional[Unit]:
        """The unit a heading line names ("* Huyện Trà Cú: ...") for facts on that line."""
        start, end = self.line_span(offset)
        m = P.HEADING.match(self.folded, start, end)
        if not m or m.end() > offset:
            return None
        name = clean_name(m.group("name"))
        return self.unit(level_of(m.group("lw"), name), name)

    @cached_property
    def subject_unit(self) -> Optional[Unit]:
        """The district an article is about when its title opens with it ("Ba Vì tổng kết năm
        2023: ...", "Huyện Tiên Lãng: ..."); None otherwise (a province is ``province``)."""
        f = self.folded
        s = len(f) - len(f.lstrip())
        end = f.find("\n", s)
        end = len(f) if end < 0 else end
        m = P.UNIT_MENTION.match(f, s, end)
        if m is not None:
            name = clean_name(m.group("name"))
            level = level_of(m.group("lw"), name)
            return self.unit(level, name) if level == Level.HUYEN else None
        m = _TITLE_NAME.match(f, s, end)
        if m is not None and not province_name(clean_name(m.group("name"))):
            unit = self.unit(Level.HUYEN, clean_name(m.group("name")))
            if unit.status == "resolved":
                return unit
        # "Đại hội Đảng bộ huyện Thăng Bình: ...": the one unit the title names before its colon, a district
        colon = f.find(":", s, end)
        named = list(P.UNIT_MENTION.finditer(f, s, colon if colon > 0 else end))
        if len(named) != 1:
            return None
        name = clean_name(named[0].group("name"))
        if level_of(named[0].group("lw"), name) != Level.HUYEN:
            return None
        unit = self.unit(Level.HUYEN, name)
        return unit if unit.status == "resolved" else None

    @cached_property
    def lead_district(self) -> Optional[Unit]:
        """The one district of the article's province that its title and lead name without the level
        word ("Chợ Lách - xứ sở cây giống - đang chạy nước rút ...", an interview with "Chủ tịch UBND
        huyện"): what a bare "huyện" stands for when no district is named with its level word;
        None when there is none or more than one."""
        if not self.province:
            return None
        f = self.folded
        found = set()
        for m in P.BARE_NAME_RX.finditer(f, 0, min(len(f), 800)):
            unit = self.registered(Level.HUYEN, m.group("name"), skip=1)
            if unit is not None and unit.province == self.province and not province_name(unit.name):
                found.add(unit)
                if len(found) > 1:
                    return None
        return found.pop() if found else None

    def registered(self, level: Level, name: str, district: Optional[str] = None,
                   skip: Optional[int] = None) -> Optional[Unit]:
        """The register's unit of ``level`` named by ``name`` written without its level word, or by
        its end after up to ``skip`` words (default: any) that are no part of it ("Hiện Yên Lạc",
        "Riêng Tương Dương"), resolved in this document; None when the register has none."""
        words = clean_name(name).split()
        district = clean_name(district) if district else None
        last = len(words) if skip is None else min(skip + 1, len(words))
        for k in range(last):
            unit = self.unit(level, " ".join(words[k:]), district)
            if unit.status == "resolved":
                return unit
        return None

    def province_at(self, at: int) -> Optional[str]:
        """The province a bare "tỉnh" at ``at`` stands for: the last one named with its level
        word earlier in the same sentence ("Toàn tỉnh Lâm Đồng có ...; năm 2023 tỉnh phấn đấu
        ..."), else the article's."""
        starts, names = self._mentions_by_level.get(Level.TINH, ([], []))
        i = bisect.bisect_left(starts, at) - 1
        if i >= 0 and starts[i] >= self.doc.sentence_at(at).start:
            named = province_name(names[i])
            if named:
                return named
        return self.province

    def last_unit_of_level(self, level: Level, before: int) -> Optional[Unit]:
        """The nearest unit of ``level`` named before ``before`` (for "huyện đạt ...")."""
        starts, names = self._mentions_by_level.get(level, ([], []))
        i = bisect.bisect_left(starts, before) - 1
        return self.unit(level, names[i]) if i >= 0 else None

    @cached_property
    def issuer(self) -> Optional[Unit]:
        """The unit that issued the document, from its capitalised header ("UBND XÃ VIỆT
        CƯỜNG"): a bare "xã" in a commune's own report means that commune."""
        head = self.folded[:600]
        last = None
        for m in _ISSUER.finditer(head):
            last = m
        if last is None:
            return None
        name = from_capitals(last.group("name"))
        return self.unit(level_of(last.group("lw").lower(), name), name)

    def standard_before(self, at: int):
        """The last criteria-set mention in this paragraph (or line) before ``at``, or None.

        In a list ("- Xã A: đạt 11/19 tiêu chí NTM nâng cao." / "- Xã B: đạt 19/19 tiêu chí.")
        an item's mention says nothing of the next item: only the item's own line and the lines
        of the paragraph that are no items (its lead: "Kết quả xây dựng NTM nâng cao:") count."""
        p_start, _ = self.paragraph_span(at)
        line_start, _ = self.line_span(at)
        lo = min(p_start, line_start)
        best = None
        item = P.ITEM_MARK.match(self.folded, line_start) is not None
        for m in P.STANDARD_A.finditer(self, lo, at):
            if item and m.start() < line_start \
                    and P.ITEM_MARK.match(self.folded, self.line_span(m.start())[0]):
                continue
            best = m
        return best

    @cached_property
    def tables(self) -> list[TextTable]:
        """The text tables of the document: runs of two or more lines that hold "|"."""
        f = self.folded
        if "|" not in f:
            return []
        out: list[TextTable] = []
        lines = [(ls, self.line_span(ls)[1]) for ls in self.line_starts]
        i = 0
        while i < len(lines):
            if f.find("|", *lines[i]) < 0:
                i += 1
                continue
            j = i
            while j < len(lines) and f.find("|", *lines[j]) >= 0:
                j += 1
            if j - i >= 2:
                out.append(TextTable(_header_spans(f, *lines[i]), [_cell_spans(f, *lines[k]) for k in range(i + 1, j)]))
            i = j
        return out

    def table_cell(self, start: int, end: int):
        """(table, row, index) of the table cell that is exactly f[start:end], or None."""
        for t in self.tables:
            if not t.rows or start < t.rows[0][0][0] or start > t.rows[-1][-1][1]:
                continue
            for row in t.rows:
                if row[0][0] <= start <= row[-1][1]:
                    for k, span in enumerate(row):
                        if span == (start, end):
                            return t, row, k
                    return None
        return None

    def facts_of(self, name: str) -> list:
        """The facts extractor ``name`` finds in this document, found once: :func:`extractors.extract`
        reads them from here, and an extractor may build on another's (unmet on tallies)."""
        cache = self.__dict__.setdefault("_facts", {})
        got = cache.get(name)
        if got is None:
            from extractors import registry

            ex = next(e for e in registry() if e.name == name)
            got = cache[name] = list(ex.find(self))
        return got

    def heading_above(self, offset: int) -> list[Unit]:
        """The units of a line above ``offset``'s that is only a unit or a list of units ("- Xã
        Tà Đảnh", "Xã Phong Niên, huyện Bảo Thắng:", "- Xã Châu Lăng và xã Lê Trì"), when
        ``offset`` lies on the first non-empty line after it; [] otherwise."""
        from extractors.units import parse_list

        f = self.folded
        i = bisect.bisect_right(self.line_starts, offset) - 1
        k = i - 1
        while k >= 0 and k >= i - 2:
            start = self.line_starts[k]
            end = self.line_span(start)[1]
            line = f[start:end]
            if line.strip():
                lead = len(line) - len(line.lstrip(" \t" + P.BULLETS))
                # "Hai là, đối với huyện Quế Sơn:": the way a speech or a report lists its items
                intro = _ITEM_INTRO.match(f, start + lead, end)
                if intro:
                    lead = intro.end() - start
                items, e = parse_list(f, start + lead, end)
                if not items or f[e:end].strip(" \t:："):
                    return []
                return [self.unit(it.level, it.name, it.district) for it in items]
            k -= 1
        return []

    def section_unit(self, offset: int, max_lines: int = 2) -> Optional[Unit]:
        """The unit of the nearest heading on this line or up to ``max_lines`` lines above: "* Huyện
        Trà Cú: ...", or a title line that opens with a district's name ("Cẩm Mỹ - chỉ còn một xã")."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        for k in range(i, max(-1, i - max_lines - 1), -1):
            start = self.line_starts[k]
            end = self.line_span(start)[1]
            m = P.HEADING.match(self.folded, start, end)
            if m:
                name = clean_name(m.group("name"))
                return self.unit(level_of(m.group("lw"), name), name)
            if k < i:
                titled = self._titled_district(start, end)
                if titled is not None:
                    return titled
            # "YÊN THẾ - Huyện phấn đấu ...", "LONG HIỆP: CÒN HAI TIÊU CHÍ": a paragraph or section opened
            # by its district's (or commune's) name in capitals
            caps = _CAPS_DATELINE.match(self.folded, start, end)
            if caps is not None:
                name = from_capitals(caps.group("name"))
                found = [u for u in (self.registered(Level.HUYEN, name, skip=0),
                                     self.registered(Level.XA, name, skip=0)) if u is not None]
                # the article's own province first: "TÂN HIỆP:" in a Trà Vinh article is the commune,
                # not Kiên Giang's district
                found.sort(key=lambda u: self.province is not None and u.province != self.province)
                if found:
                    return found[0]
        return None

    def _titled_district(self, start: int, end: int) -> Optional[Unit]:
        """The district a short title line opens with ("Trảng Bom - hai xã nước rút", "Tân Phú: nhiều
        xã chưa đạt nhất"), known to the register; None for any other line."""
        if end - start > 90 or end == start or self.folded[end - 1] in ".;,":
            return None
        m = _DISTRICT_TITLE.match(self.folded, start, end)
        if m is None or province_name(clean_name(m.group("name"))):
            return None
        return self.registered(Level.HUYEN, m.group("name"), skip=0)

    @cached_property
    def plan_sections(self) -> list[tuple[int, int]]:
        """Spans of sections under a heading of plans, up to the next section heading."""
        f = self.folded
        out: list[tuple[int, int]] = []
        if not _PLAN_CUE_WORDS.search(self.low):
            return out
        open_at = None
        for k, ls in enumerate(self.line_starts):
            le = self.line_span(ls)[1]
            if le - ls > 110 or le == ls:
                continue
            if not _SECTION_HEAD.match(f, ls, le) and not _PLAN_SHORT.match(f, ls, le):
                continue
            if open_at is not None:
                out.append((open_at, ls))
                open_at = None
            if _PLAN_HEAD.match(f, ls, le):
                open_at = le
        if open_at is not None:
            out.append((open_at, len(f)))
        return out

    def in_plan_section(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.plan_sections)

    @cached_property
    def goal_items(self) -> list[tuple[int, int]]:
        """Spans of the items of a list led by a line of goals ("Theo kế hoạch, năm 2018 huyện phấn
        đấu:" / "- Xã A hoàn thành 19/19 tiêu chí ..." / "- Xã B đạt 18/19 tiêu chí ..."): every item
        is a goal, up to the first line that is no item."""
        f = self.folded
        out: list[tuple[int, int]] = []
        if ":" not in f or not _PLAN_CUE_WORDS.search(self.low) and "phấn đấu" not in self.low \
                and "dự kiến" not in self.low:
            return out
        starts = self.line_starts
        # a lead ends with ":" (spaces aside): only those lines are read
        for colon in _LINE_END_COLON.finditer(f):
            k = bisect.bisect_right(starts, colon.start()) - 1
            ls, le = starts[k], colon.end()
            if _GOAL_LEAD.search(f, ls, le) is None or _RESULTS_LEAD.search(f, ls, le):
                continue
            first = k = k + 1
            while k < len(starts) and P.ITEM_MARK.match(f, starts[k], self.line_span(starts[k])[1]):
                k += 1
            if k > first:
                out.append((starts[first], self.line_span(starts[k - 1])[1]))
        return out

    def in_goal_items(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.goal_items)

    def may_hold(self, words: tuple, lo: int, hi: int) -> bool:
        """False only where none of ``words`` (lower case) occurs in ``folded[lo:hi]``, in any
        case: a pattern that needs one of them there, case-insensitively, cannot match (the
        ``regex`` module's (?i:) folds onto these letters only their upper-case forms, which
        str.lower undoes). Without a lower-cased text of the same offsets nothing is ruled out."""
        if not self.lowered:
            return True
        find = self.low.find
        for w in words:
            if find(w, lo, hi) >= 0:
                return True
        return False

    def modality(self, start: int, sent_start: int, short: bool = False) -> Modality:
        """Target when the nearest cue before ``start`` is a goal word, else reported.

        The clause (since the last ";" or ":") is read first, then the sentence:
        "Theo kế hoạch ..., đến nay huyện A đạt 6/9" is reported, "phấn đấu đến cuối
        năm 2023 hoàn thành 09/09" is a target.
        """
        if self._future_year_before(start, sent_start):
            return Modality.TARGET
        if not (P.TARGET_CUE_A.may_match(self, sent_start, start)
                or P.REPORTED_CUE_A.may_match(self, sent_start, start)):
            readings: tuple = ()  # no cue before ``start`` in the sentence: nothing to read
        else:
            f = self.folded
            clause_start = max(f.rfind(";", sent_start, start), f.rfind(":", sent_start, start), sent_start)
            # a clause that starts the sentence is read once: a second reading would find the same
            readings = (sent_start,) if clause_start == sent_start else (clause_start, sent_start)
        for lo in readings:
            last = None
            goal = False  # a goal word ("phấn đấu", "kế hoạch") seen in this reading
            for m in P.TARGET_CUE_A.finditer(self, lo, start):
                if in_aside(f, lo, m.start(), start):
                    continue  # "(kế hoạch năm là 4 xã), 9 xã đạt chuẩn": an aside says nothing after it
                if f.find(":", m.end(), start) >= 0 and _WHICH_UNITS.search(f, max(lo, m.start() - 25), m.start()):
                    continue  # "Đối với các xã phấn đấu đạt chuẩn năm 2014: xã A đạt 17/19": which units
                # "trong năm 2023 có thêm 12 xã" in an article of 2024, "đến cuối tháng 10/2019" in
                # one of November 2019: a time gone by -- unless a goal word came first ("phấn
                # đấu đến cuối năm 2020 đạt 9/9" stays a goal, of its own time)
                timed = _TIME_CUE.match(m.group()) is not None
                past = self._cue_past(m) and not goal
                goal = goal or not timed
                last = (m.start(), Modality.REPORTED if past else Modality.TARGET)
            for m in P.REPORTED_CUE_A.finditer(self, lo, start):
                if last is None or m.start() > last[0]:
                    last = (m.start(), Modality.REPORTED)
            if last:
                return last[1]
        # "III. PHƯƠNG HƯỚNG NĂM 2025" above: every figure of the section is a goal -- but one
        # short of its total (``short``) with no goal word is where a unit stands ("Xã Vĩnh Hảo
        # đạt 18/19 tiêu chí, còn tiêu chí số 17 chưa đạt; yêu cầu hoàn thành trước 30/9")
        if self.plan_sections and not short and self.in_plan_section(start):
            return Modality.TARGET
        # "... huyện phấn đấu:" / "- Xã Mỹ Hương đạt 18/19 tiêu chí": an item of a list of goals, short
        # of its total or not
        if self.goal_items and self.in_goal_items(start):
            return Modality.TARGET
        return Modality.REPORTED

    def _future_year_before(self, start: int, sent_start: int) -> bool:
        """ "Huyện Trà Cú: hiện đạt 4/9 ...; năm 2023 công nhận 04 xã" in an article of 2022: a year
        after the article's, opening the clause of the figure, dates a goal."""
        if self.year is None:
            return False
        f = self.folded
        clause_start = max(f.rfind(";", sent_start, start) + 1, f.rfind(":", sent_start, start) + 1, sent_start)
        if f.find("năm", clause_start, start) < 0:
            return False
        m = _YEAR_OPENS.match(f, clause_start, start)
        return m is not None and int(m.group("y")) > self.year

    def _cue_past(self, m) -> bool:
        """Whether a goal cue's time ("trong năm 2023", "đến cuối tháng 10/2019") lies before the
        article's month."""
        if self.year is None:
            return False
        y = P.CUE_YEAR.search(m.group())
        month = None
        if y is None:
            when = _CUE_WHEN.match(self.folded, m.end())
            if when is None:
                # "- Năm 2019: ..., đến cuối năm là 5 xã": the year the line opens with, gone by
                ls, le = self.line_span(m.start())
                opened = _LINE_YEAR.match(self.folded, ls, m.start())
                return opened is not None and int(opened.group("y")) < self.year
            year = int(when.group("y"))
            month = int(when.group("m")) if when.group("m") else None
        else:
            year = int(y.group())
        if year != self.year:
            return year < self.year
        pub = self.doc.published or self.published
        return month is not None and pub is not None and len(pub) >= 7 and month < int(pub[5:7])

    # --- the article's own date --------------------------------------------
    @cached_property
    def published(self) -> Optional[str]:
        """The article's own date: a short date line near the top, or a labelled one."""
        lines = [ln for ln in self.text.split("\n") if ln.strip()][:10]
        for ln in lines:
            labelled = _PUB_LABEL.search(ln)
            if len(ln) > 60 and not labelled:
                continue
            m = _PUB_DMY.search(ln)
            if m:
                d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
                if 1 <= d <= 31 and 1 <= mo <= 12:
                    return f"{y:04d}-{mo:02d}-{d:02d}"
            m = _PUB_LONG.search(ln)
            if m:
                mo, y = int(m.group(2)), int(m.group(3))
                if m.group(1):
                    return f"{y:04d}-{mo:02d}-{int(m.group(1)):02d}"
                return f"{y:04d}-{mo:02d}"
        return None

    @cached_property
    def year(self) -> Optional[int]:
        if self.doc.published:
            return int(self.doc.published[:4])
        if self.published:
            return int(self.published[:4])
        return None
