"""The official criteria sets: sizes for counts given without a total, and criterion names.

Data: ``extractors/data/criteria.json`` (built by ``scripts/build_criteria.py``;
every set names its decision and sources). A set is chosen by level, standard
and the article's year: the 2021-2025 sets (Quyết định 318, 320, 321/QĐ-TTg of
8 March 2022) apply from 2022, the 2016-2020 sets until the end of 2021.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from extractors.models import Level, Measure, Standard

DATA = Path(__file__).with_name("data") / "criteria.json"


@lru_cache(maxsize=1)
def sets() -> list[dict]:
    data = json.loads(DATA.read_text(encoding="utf-8"))["sets"]
    for s in data:
        # in force from the year after the decision for the 2021-2025 sets (signed March 2022)
        s["eff_from"] = s["from_year"] + 1 if s["from_year"] == 2021 else s["from_year"]
        s["eff_to"] = s["to_year"] + 1 if s["to_year"] == 2020 else s["to_year"]
    return data


def criteria_set(level: Level, standard: Optional[Standard], year: Optional[int]) -> Optional[dict]:
    """The set for ``level`` and ``standard`` (NTM when None) in force in ``year`` (latest when None)."""
    std = (standard or Standard.NTM).value
    lv = level.value
    candidates = [s for s in sets() if s["level"] == lv and s["standard"] == std]
    if not candidates:
        return None
    if year is None:
        return max(candidates, key=lambda s: s["eff_to"] if s["eff_to"] <= 2025 else 0)
    for s in candidates:
        if s["eff_from"] <= year <= s["eff_to"]:
            return s
    return None


def set_size(level: Level, standard: Optional[Standard], measure: Measure, year: Optional[int]) -> Optional[int]:
    """Number of criteria (or indicators, or nội dung) in the set that applies, or None if unknown."""
    if measure == Measure.NOI_DUNG:
        if level != Level.TINH:
            return None
        s = criteria_set(Level.TINH, Standard.TINH_HOAN_THANH, year)
        return s["criteria_count"] if s else None
    s = criteria_set(level, standard, year)
    if s is None and standard == Standard.NANG_CAO and level == Level.XA and measure == Measure.TIEU_CHI:
        # provinces set their own nâng cao sets before 2022, all of 19 criteria or fewer
        return None
    if s is None:
        return None
    if measure == Measure.TIEU_CHI:
        return s["criteria_count"]
    return s["indicator_count"]


def criterion_name(level: Level, standard: Optional[Standard], year: Optional[int], number: int) -> Optional[str]:
    """Official name of criterion ``number`` in the set that applies, or None."""
    s = criteria_set(level, standard, year)
    if s is None:
        return None
    for c in s["criteria"]:
        if c["number"] == number:
            return c["name"]
    return None
