"""Sizes of the official criteria sets, for counts given without a total.

Source: the national criteria sets (Quyết định 558/QĐ-TTg 2016 and 320/QĐ-TTg
2022 for districts: 9 tiêu chí; 1980/QĐ-TTg 2016 and 318/QĐ-TTg 2022 for
communes: 19 tiêu chí, 49 and 57 chỉ tiêu; 321/QĐ-TTg 2022 for provinces: 8
nội dung; 51/2025/QĐ-TTg for communes from 2026: 10 tiêu chí, 47 chỉ tiêu).
"""
from __future__ import annotations

from typing import Optional

from extractors.models import Level, Measure, Standard


def set_size(level: Level, standard: Optional[Standard], measure: Measure, year: Optional[int]) -> Optional[int]:
    """Number of criteria (or indicators) in the set that applies, or None if unknown."""
    if measure == Measure.NOI_DUNG:
        return 8 if level == Level.TINH else None
    if level == Level.HUYEN and measure == Measure.TIEU_CHI:
        return 9
    if level == Level.XA:
        if year is not None and year >= 2026 and standard in (None, Standard.NTM):
            return 10 if measure == Measure.TIEU_CHI else 47
        if measure == Measure.TIEU_CHI and standard in (None, Standard.NTM, Standard.NANG_CAO):
            return 19
        if measure == Measure.CHI_TIEU and standard in (None, Standard.NTM):
            if year is None:
                return None
            return 57 if year >= 2022 else 49
    return None
