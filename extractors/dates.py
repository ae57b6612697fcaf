"""Calendar dates: full dates, month-year, and day-month taking the article's year.

Bare years, periods ("giai đoạn 2021 - 2025") and relative phrases ("cuối năm")
are not dates here. One fact per distinct value, at its first occurrence.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context
from extractors.models import DateFact


def iso(y: int, m: int, d: Optional[int] = None) -> Optional[str]:
    """ISO date or month, or None when the numbers are no calendar date.

    >>> iso(2022, 3, 8), iso(2022, 5), iso(2023, 2, 30)
    ('2022-03-08', '2022-05', None)
    """
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year_for_day_month(ctx: Context, start: int, month: int) -> Optional[int]:
    """The year of a day given without one ("sáng 19/5").

    A date of the same month in the sentence gives it ("ngày 26/11 ... tháng 11/2024"); else
    the article's year, one less when the month lies far after the article's (a January
    article on "ngày 28/12"); else a year stated in the sentence.
    """
    sent = ctx.doc.sentence_at(start)
    for rx in (P.MONTH_YEAR, P.FULL_DATE, P.LONG_DATE):
        for m in rx.finditer(ctx.folded, sent.start, sent.end):
            if int(m.group("m")) == month:
                return int(m.group("y"))
    pub = ctx.doc.published or ctx.published
    if pub and len(pub) >= 7:
        y, pm = int(pub[:4]), int(pub[5:7])
        return y - 1 if month - pm > 8 else y
    if ctx.year:
        return ctx.year
    for rx in (P.FULL_DATE, P.MONTH_YEAR, P.LONG_DATE):
        m = rx.search(ctx.folded, sent.start, sent.end)
        if m:
            return int(m.group("y"))
    return None


def _bare_long_dates(ctx: Context) -> list:
    """``P.LONG_DATE_BARE.finditer``, tried only at the number right before each "tháng" (a match
    is a day, spaces and "tháng"; it starts at the day, or at "ngày" before it)."""
    f = ctx.folded
    low = ctx.low if ctx.lowered else f.lower()
    out, last = [], 0
    i = low.find("tháng")
    while i >= 0:
        j = i
        while j > 0 and low[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and j - k < 2 and low[k - 1].isdigit():
            k -= 1
        if k < j and k >= last:
            m = P.LONG_DATE_BARE.match(f, k)
            if m is not None:
                out.append(m)
                last = m.end()
        i = low.find("tháng", i + 5)
    return out


# The first end of a day range with one month: "từ ngày 1 đến ngày 5/12", "ngày 3 - 7/10/2023".
_RANGE_FIRST = regex.compile(
    r"(?<![\p{L}])(?P<t>(?i:ngày)\s+(?P<d>\d{1,2}))(?![\d/.])\s*(?:(?i:đến|tới)\s+(?:(?i:ngày)\s+)?|[-–]\s*)"
    r"(?P<d2>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>(?:19|20)\d\d))?(?![\d/])")


def find(ctx: Context) -> list[DateFact]:
    f = ctx.folded
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(s, e):
        return all(e <= a or s >= b for a, b in taken)

    for rx, has_day in ((P.LONG_DATE, True), (P.LONG_DATE_BARE, True), (P.FULL_DATE, True), (P.MONTH_YEAR, False)):
        for m in (_bare_long_dates(ctx) if rx is P.LONG_DATE_BARE else rx.finditer(f)):
            if not free(m.start(), m.end()):
                continue
            v = iso(int(m.group("y")), int(m.group("m")), int(m.group("d")) if has_day else None)
            if v:
                found.append((m.start(), m.end(), v))
                taken.append((m.start(), m.end()))
    for m in P.DAY_MONTH_A.finditer(ctx):
        if not free(m.start("d"), m.end("m")):
            continue
        y = _year_for_day_month(ctx, m.start(), int(m.group("m")))
        v = iso(y, int(m.group("m")), int(m.group("d"))) if y else None
        if v:
            found.append((m.start("d"), m.end("m"), v))
            taken.append((m.start("d"), m.end("m")))
    for m in _RANGE_FIRST.finditer(f):
        # "từ ngày 1 đến ngày 5/12": the first day borrows month and year from the second end
        if not free(m.start("t"), m.end("t")):
            continue
        mo = int(m.group("m"))
        y = int(m.group("y")) if m.group("y") else _year_for_day_month(ctx, m.start(), mo)
        if y is None or int(m.group("d")) >= int(m.group("d2")):
            continue
        v = iso(y, mo, int(m.group("d")))
        if v:
            found.append((m.start("t"), m.end("t"), v))
            taken.append((m.start("t"), m.end("t")))
    for m in P.PART_OF_MONTH_A.finditer(ctx):
        if not free(m.start("t"), m.end("t")):
            continue
        y = _year_for_day_month(ctx, m.start(), int(m.group("m")))
        v = iso(y, int(m.group("m"))) if y else None
        if v:
            found.append((m.start("t"), m.end("t"), v))
            taken.append((m.start("t"), m.end("t")))
    found.sort()
    facts, seen = [], set()
    for s, e, v in found:
        if v in seen:
            continue
        seen.add(v)
        text = ctx.quote(s, e)
        facts.append(DateFact(evidence=ctx.evidence(s, e), quote=text, extractor="dates", text=text, value=v))
    return facts


EXTRACTOR = Extractor(
    name="dates", fact_type="dates", find=find, description="calendar dates, ISO values",
    # 2: "ngày 10 tháng 6", "hết tháng 6", "sáng mai 22/12", "2 tháng 8, 2024", "30 tháng 9 năm 2020"
    # 3: "hôm qua (13/11)"
    version="3",
)
