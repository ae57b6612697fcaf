"""Legal references: (text, expected (number, kind, date)) tables, own phrasings."""
import pytest

from extractors import legal_refs
from extractors.context import Context
from pipeline.document import make_document


def run(text):
    doc = make_document("test.txt", text, published="2024-06-15")
    return [(f.number, f.doc_kind, f.date) for f in legal_refs.find(Context(doc))]


POSITIVE = {
    "decision-with-date": ("Theo Quyết định số 1234/QĐ-UBND ngày 5/6/2024 của UBND tỉnh.",
                           [("1234/QĐ-UBND", "Quyết định", "2024-06-05")]),
    "plan-without-so": ("Thực hiện Kế hoạch 56/KH-UBND của UBND huyện.", [("56/KH-UBND", "Kế hoạch", None)]),
    "resolution-dash": ("Triển khai Nghị quyết số 19-NQ/TW của Trung ương.", [("19-NQ/TW", "Nghị quyết", None)]),
    "decree-with-year": ("Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ.",
                         [("27/2022/NĐ-CP", "Nghị định", "2022-04-19")]),
    "circular": ("Thông tư số 05/2022/TT-BNNPTNT hướng dẫn.", [("05/2022/TT-BNNPTNT", "Thông tư", None)]),
    "dispatch": ("Công văn số 2150/UBND-KT ngày 12-3-2024 về việc rà soát.", [("2150/UBND-KT", "Công văn", "2024-03-12")]),
    "abbreviated-kind": ("Theo QĐ số 88/QĐ-UBND, xã được công nhận.", [("88/QĐ-UBND", "Quyết định", None)]),
    "number-colon": ("Kế hoạch số: 77/KH-BCĐ của Ban Chỉ đạo.", [("77/KH-BCĐ", "Kế hoạch", None)]),
    "one-per-number": ("Quyết định 12/QĐ-TTg và Quyết định số 12/QĐ-TTg.", [("12/QĐ-TTg", "Quyết định", None)]),
    "own-header": (
        "UỶ BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 415/BC-UBND\n\nAn Giang, ngày 3 tháng 7 năm 2024\n\nBÁO CÁO\n\nKết quả xây dựng nông thôn mới",
        [("415/BC-UBND", "Báo cáo", "2024-07-03")]),
    "action-programme": ("Thực hiện Chương trình hành động số 45-CTr/TU của Tỉnh ủy.",
                         [("45-CTr/TU", "Chương trình hành động", None)]),
    "action-plan": ("Triển khai Kế hoạch hành động số 210/KH-UBND ngày 3/4/2023.",
                    [("210/KH-UBND", "Kế hoạch hành động", "2023-04-03")]),
    "programme-plain": ("Theo Chương trình số 18-CTr/HU của Huyện ủy.", [("18-CTr/HU", "Chương trình", None)]),
    "numbers-of-one-kind-listed-with-a-shared-date": (
        "Căn cứ các Nghị định số 27/2022/NĐ-CP, số 38/2023/NĐ-CP và số 40/2024/NĐ-CP cùng ngày 19/4/2024 của Chính phủ.",
        [("27/2022/NĐ-CP", "Nghị định", "2024-04-19"), ("38/2023/NĐ-CP", "Nghị định", "2024-04-19"),
         ("40/2024/NĐ-CP", "Nghị định", "2024-04-19")]),
    "numbers-of-one-kind-listed-without-a-date": (
        "Theo các Quyết định số 101/QĐ-UBND và số 102/QĐ-UBND của UBND huyện.",
        [("101/QĐ-UBND", "Quyết định", None), ("102/QĐ-UBND", "Quyết định", None)]),
}

NEGATIVE = {
    "no-number": "Quyết định công nhận xã đạt chuẩn nông thôn mới.",
    "blank-header-number": "Số: /TB-VP\n\nTHÔNG BÁO",
    "action-programme-unnumbered": "Chương trình hành động của Tỉnh ủy về nông thôn mới được triển khai.",
    "lower-case-abbreviation": "Xã có kh 12/2024 hộ.",
}


@pytest.mark.parametrize("text,expected", POSITIVE.values(), ids=POSITIVE.keys())
def test_legal_refs_positive(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_legal_refs_negative(text):
    assert run(text) == []
