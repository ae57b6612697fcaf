"""Factories for the database tests: documents and one fact of every type."""
from __future__ import annotations

from extractors.models import (
    DateFact,
    Evidence,
    LegalRef,
    Level,
    Measure,
    Modality,
    Official,
    Progress,
    Standard,
    Tally,
    Unit,
    Unmet,
)

TEXT_A = (
    "Huyện Trà Cú hiện đạt 08/09 tiêu chí huyện nông thôn mới. "
    "Toàn tỉnh có 85/85 xã đạt chuẩn NTM. Xã Đông Yên còn tiêu chí 9 chưa đạt. "
    "Theo Quyết định số 321/QĐ-TTg ngày 08/3/2022, ông Lê Văn Hẳn, Chủ tịch UBND tỉnh, chủ trì."
)
TEXT_B = "Huyện Trà Cú hiện đạt 09/09 tiêu chí huyện nông thôn mới, về đích trong năm 2024."


def evidence(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(start, start + len(quote), text, 0)


def progress(text, quote, name="Trà Cú", level=Level.HUYEN, met=8, total=9, **kw):
    """A Progress fact whose quote is found in ``text``."""
    return Progress(
        evidence=evidence(text, quote),
        quote=quote,
        extractor="test",
        unit=Unit(level, name, kw.pop("province", "Trà Vinh")),
        standard=kw.pop("standard", Standard.NTM),
        measure=kw.pop("measure", Measure.TIEU_CHI),
        met=met,
        total=total,
        modality=kw.pop("modality", Modality.REPORTED),
        **kw,
    )


def facts_a(doc) -> dict:
    """One fact of every type for a document made from TEXT_A."""
    t = doc.text
    return {
        "progress": [progress(t, "hiện đạt 08/09 tiêu chí huyện nông thôn mới")],
        "tallies": [
            Tally(
                evidence=evidence(t, "có 85/85 xã đạt chuẩn NTM"),
                quote="có 85/85 xã đạt chuẩn NTM",
                extractor="test",
                parent=Unit(Level.TINH, "Trà Vinh"),
                child_level=Level.XA,
                standard=Standard.NTM,
                count=85,
                total=85,
            )
        ],
        "unmet": [
            Unmet(
                evidence=evidence(t, "còn tiêu chí 9 chưa đạt"),
                quote="còn tiêu chí 9 chưa đạt",
                extractor="test",
                unit=Unit(Level.XA, "Đông Yên", "Kiên Giang", "An Biên"),
                criterion=9,
            )
        ],
        "officials": [
            Official(
                evidence=evidence(t, "Lê Văn Hẳn"),
                quote="ông Lê Văn Hẳn, Chủ tịch UBND tỉnh",
                extractor="test",
                name="Lê Văn Hẳn",
                titles=["Chủ tịch UBND tỉnh"],
                unit=Unit(Level.TINH, "Trà Vinh"),
            )
        ],
        "dates": [
            DateFact(
                evidence=evidence(t, "08/3/2022"),
                quote="08/3/2022",
                extractor="test",
                text="08/3/2022",
                value="2022-03-08",
            )
        ],
        "legal_refs": [
            LegalRef(
                evidence=evidence(t, "Quyết định số 321/QĐ-TTg"),
                quote="Quyết định số 321/QĐ-TTg",
                extractor="test",
                text="Quyết định số 321/QĐ-TTg",
                doc_kind="Quyết định",
                number="321/QĐ-TTg",
                date="2022-03-08",
            )
        ],
    }
