"""Tallies: how many units inside a parent reached a standard.

"Có 85/85 xã đạt chuẩn NTM" (in a Trà Vinh article) -> Trà Vinh, 85 of 85
communes. Targets ("phấn đấu có 03 xã NTM nâng cao") are tallies with
modality target; batches ("công nhận thêm 3 xã") are marked ``increment`` so
that they are never compared with running totals. Comparisons ("tăng 160 xã
so với cuối năm 2021") are not tallies.
"""
from __future__ import annotations

from typing import Optional

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context
from extractors.models import Level, Modality, Standard, Tally, Unit
from extractors.units import clean_name, level_of

_RANK = {Level.XA: 0, Level.HUYEN: 1, Level.TINH: 2, Level.QUOC_GIA: 3}
_WINDOW = 140
_HAS_BEFORE = regex.compile(r"(?i:có|thêm|công\s+nhận|đạt)\s*(?:thêm\s+)?(?:ít\s+nhất\s+|khoảng\s+|trên\s+)?$")
_LIST_JOIN = regex.compile(r"\s*(?:,|và)\s*$")


def _int(s: str) -> int:
    """Vietnamese thousands: "5.775" -> 5775."""
    return int(s.replace(".", ""))


def _child_level(child: str) -> Level:
    return Level.XA if child.lower().startswith("xã") else Level.HUYEN


def _window_end(ctx: Context, start: int) -> int:
    m = regex.compile(r"[;\n]|\.(?:\s|$)").search(ctx.folded, start, start + _WINDOW)
    return m.start() if m else min(len(ctx.folded), start + _WINDOW)


def _standard(ctx: Context, start: int, end: int) -> Optional[Standard]:
    """The standard named after the count; None where one count mixes standards."""
    m = P.STANDARD.search(ctx.folded, start, end)
    if not m:
        return None
    if m.group("done"):
        return Standard.NTM
    q = (m.group("q") or m.group("q2") or "").lower()
    # "18 xã đạt chuẩn NTM, NTM nâng cao": one figure for two standards
    mixed = P.STANDARD.match(ctx.folded, regex.match(r"\s*,\s*", ctx.folded[m.end():m.end() + 4]).end() + m.end()) \
        if regex.match(r"\s*,\s*", ctx.folded[m.end():m.end() + 4]) else None
    if mixed and (mixed.group("q") or mixed.group("q2")) and not q:
        return None
    if "nâng" in q:
        return Standard.NANG_CAO
    if "kiểu" in q:
        return Standard.KIEU_MAU
    return Standard.NTM


def parent_for(ctx: Context, start: int, child: Level) -> Optional[Unit]:
    """The unit the counted units lie in: named before the count, a heading, or the article's province."""
    f = ctx.folded
    sent = ctx.doc.sentence_at(start)
    nat = None
    for m in P.NATIONAL.finditer(f, sent.start, start):
        nat = m
    line_start, _ = ctx.line_span(start)
    best: Optional[tuple[int, Unit]] = None
    for m in P.UNIT_MENTION.finditer(f, line_start, start):
        name = clean_name(m.group("name"))
        level = level_of(m.group("lw"), name)
        if _RANK[level] > _RANK[child]:
            best = (m.start(), ctx.unit(level, name))
    for m in P.BARE_LEVEL.finditer(f, sent.start, start):
        lw = m.group("lw").lower()
        level = level_of(lw, "")
        if _RANK[level] <= _RANK[child] or (best and best[0] > m.start()):
            continue
        if level == Level.TINH and ctx.province:
            best = (m.start(), ctx.unit(Level.TINH, ctx.province))
        elif level == Level.HUYEN:
            u = ctx.section_unit(start) or ctx.last_unit_of_level(Level.HUYEN, start)
            if u and u.level == Level.HUYEN:
                best = (m.start(), u)
    if nat and (best is None or nat.start() > best[0]):
        return Unit(Level.QUOC_GIA, "Việt Nam", None)
    if best:
        return best[1]
    sec = ctx.section_unit(start)
    if sec and _RANK[sec.level] > _RANK[child]:
        return sec
    if ctx.province:
        return ctx.unit(Level.TINH, ctx.province)
    return None


def find(ctx: Context) -> list[Tally]:
    f = ctx.folded
    facts: list[Tally] = []
    accepted_ends: list[int] = []
    matches = list(P.TALLY_COUNT.finditer(f))
    for i, m in enumerate(matches):
        count = _int(m.group("count"))
        total = _int(m.group("total")) if m.group("total") else None
        if total is not None and (total == 0 or count > total):
            continue
        if P.COMPARISON_BEFORE.search(f, max(0, m.start() - 12), m.start()) or P.COMPARISON_AFTER.match(f, m.end()):
            continue
        wend = _window_end(ctx, m.end())
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(f)
        reached = P.REACHED.search(f, m.end(), min(wend, nxt))
        std_start = reached.start() if reached else m.end()
        if not reached:
            # "phấn đấu có 03 xã NTM nâng cao, 01 xã NTM kiểu mẫu": the standard follows directly
            direct = P.STANDARD.match(f, m.end() + 1) if f[m.end():m.end() + 1] == " " else None
            before = f[max(0, m.start() - 25):m.start()]
            continues = accepted_ends and _LIST_JOIN.fullmatch(f, accepted_ends[-1], m.start())
            if not direct or not (_HAS_BEFORE.search(before) or continues):
                continue
        child = _child_level(m.group("child"))
        sent = ctx.doc.sentence_at(m.start())
        modality = ctx.modality(m.start(), sent.start)
        before = f[max(sent.start, m.start() - 30):m.start()]
        increment = bool(P.INCREMENT_CUE.search(before)) or (
            modality == Modality.TARGET and not P.RUNNING_TOTAL_CUE.search(before))
        end = reached.end() if reached else m.end()
        std_end = min(wend, nxt if not reached else wend)
        standard = _standard(ctx, std_start, std_end)
        s_m = P.STANDARD.search(f, std_start, std_end)
        if s_m:
            end = max(end, s_m.end())
        parent = parent_for(ctx, m.start(), child)
        if parent is None:
            continue
        quote_start = m.start()
        accepted_ends.append(end)
        facts.append(Tally(
            evidence=ctx.evidence(quote_start, end), quote=ctx.quote(quote_start, end), extractor="tallies",
            parent=parent, child_level=child, standard=standard, count=count, total=total,
            modality=modality, increment=increment,
        ))
    for m in P.TALLY_ZERO.finditer(f):
        child = _child_level(m.group("child"))
        wend = _window_end(ctx, m.end())
        parent = parent_for(ctx, m.start(), child)
        if parent is None:
            continue
        s_m = P.STANDARD.search(f, m.end(), wend)
        end = s_m.end() if s_m else m.end()
        facts.append(Tally(
            evidence=ctx.evidence(m.start(), end), quote=ctx.quote(m.start(), end), extractor="tallies",
            parent=parent, child_level=child, standard=_standard(ctx, m.end(), wend), count=0, total=None,
            modality=Modality.REPORTED, increment=False,
        ))
    return facts


EXTRACTOR = Extractor(
    name="tallies", fact_type="tallies", find=find, triggers=("xã", "huyện"),
    description="counts of units that reached a standard, with parent unit",
)
