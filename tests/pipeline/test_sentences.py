"""split_sentences(): lines, paragraphs, sentence ends, abbreviations, numbers."""
import doctest

import pytest

import pipeline.sentences
from pipeline.document import Sentence
from pipeline.normalize import normalize
from pipeline.sentences import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_doctests():
    assert doctest.testmod(pipeline.sentences).failed == 0


SPLIT_CASES = {
    # developed on
    "two-sentences": ("Xã A đạt chuẩn. Xã B chưa đạt.", ["Xã A đạt chuẩn.", "Xã B chưa đạt."]),
    "exclamation-question": ("Thật đáng mừng! Vì sao xã chưa đạt? Do thiếu vốn.",
                             ["Thật đáng mừng!", "Vì sao xã chưa đạt?", "Do thiếu vốn."]),
    "ellipsis-upper": ("Các xã Tân Hoà, Mỹ Hoà… Tất cả đều đạt.", ["Các xã Tân Hoà, Mỹ Hoà…", "Tất cả đều đạt."]),
    "ellipsis-lower": ("phụ trách huyện Cầu Kè… cùng các sở, ngành.", ["phụ trách huyện Cầu Kè… cùng các sở, ngành."]),
    "three-dots": ("Còn nhiều khó khăn... Huyện sẽ khắc phục.", ["Còn nhiều khó khăn...", "Huyện sẽ khắc phục."]),
    "next-digit": ("Tỉnh có 7 huyện. 06 huyện đã đạt chuẩn.", ["Tỉnh có 7 huyện.", "06 huyện đã đạt chuẩn."]),
    "next-quote": ("Ông nói. “Chúng tôi sẽ làm.”", ["Ông nói.", "“Chúng tôi sẽ làm.”"]),
    "next-paren": ("Xã đạt 19/19 tiêu chí. (Ảnh: Văn Hải)", ["Xã đạt 19/19 tiêu chí.", "(Ảnh: Văn Hải)"]),
    "closing-quote": ("Phong trào “Chung sức xây dựng NTM.” Kết quả tốt.",
                      ["Phong trào “Chung sức xây dựng NTM.”", "Kết quả tốt."]),
    "closing-paren": ("Huyện đạt 8/9 tiêu chí (trừ tiêu chí 9.) Đang khắc phục.",
                      ["Huyện đạt 8/9 tiêu chí (trừ tiêu chí 9.)", "Đang khắc phục."]),
    "lowercase-next": ("Xã đạt chuẩn. sau đó tiếp tục.", ["Xã đạt chuẩn. sau đó tiếp tục."]),
    "no-space": ("Xã đạt chuẩn.Xã khác chưa.", ["Xã đạt chuẩn.Xã khác chưa."]),
    # abbreviations
    "tp": ("Hội nghị tại TP. Trà Vinh diễn ra sáng nay.", ["Hội nghị tại TP. Trà Vinh diễn ra sáng nay."]),
    "tp-lower": ("Tp. Cần Thơ có 36 xã.", ["Tp. Cần Thơ có 36 xã."]),
    "ths": ("Báo cáo của ThS. Lê Văn Minh rất rõ.", ["Báo cáo của ThS. Lê Văn Minh rất rõ."]),
    "pgs-ts": ("PGS.TS. Trần Văn Hải phát biểu. Hội nghị bế mạc.",
               ["PGS.TS. Trần Văn Hải phát biểu.", "Hội nghị bế mạc."]),
    "gs": ("Ý kiến của GS. Võ Minh Tâm.", ["Ý kiến của GS. Võ Minh Tâm."]),
    "ts": ("TS. Đỗ Thị Lan trình bày.", ["TS. Đỗ Thị Lan trình bày."]),
    "st": ("Nhà thờ St. Joseph được trùng tu.", ["Nhà thờ St. Joseph được trùng tu."]),
    "tx-tt": ("Tại TX. Duyên Hải và TT. Tiểu Cần đã đạt.", ["Tại TX. Duyên Hải và TT. Tiểu Cần đã đạt."]),
    "initial": ("Ông Nguyễn V. Bình chủ trì. Kết thúc.", ["Ông Nguyễn V. Bình chủ trì.", "Kết thúc."]),
    "th-s-initial": ("Th.S. Phạm Hoà đã báo cáo.", ["Th.S. Phạm Hoà đã báo cáo."]),
    "vv-ends": ("Đường, điện, trường, trạm v.v. Các tiêu chí khác đạt.",
                ["Đường, điện, trường, trạm v.v.", "Các tiêu chí khác đạt."]),
    # numbers
    "thousands": ("Công suất 4.000 m3/ngày. Dự án hoàn thành.", ["Công suất 4.000 m3/ngày.", "Dự án hoàn thành."]),
    "percent": ("Tỷ lệ đạt 81,93%. Tăng so với năm trước.", ["Tỷ lệ đạt 81,93%.", "Tăng so với năm trước."]),
    "year-end": ("Hoàn thành trong năm 2023. Năm 2024 tiếp tục.", ["Hoàn thành trong năm 2023.", "Năm 2024 tiếp tục."]),
    "decimal": ("Thu nhập 62.5 triệu đồng/người/năm.", ["Thu nhập 62.5 triệu đồng/người/năm."]),
    "legal-ref": ("Theo Quyết định số 321/QĐ-TTg. Tỉnh đã triển khai.",
                  ["Theo Quyết định số 321/QĐ-TTg.", "Tỉnh đã triển khai."]),
    # list markers and headings
    "numbered-heading": ("1. Kết quả đạt được", ["1. Kết quả đạt được"]),
    "sub-numbered": ("2.1. Về tiêu chí thu nhập", ["2.1. Về tiêu chí thu nhập"]),
    "roman-heading": ("II. Nhiệm vụ năm 2024", ["II. Nhiệm vụ năm 2024"]),
    "letter-item": ("a) Huyện Tân Hoà. Đạt chuẩn.", ["a) Huyện Tân Hoà.", "Đạt chuẩn."]),
    # the price of the initials rule: a sentence ending in a capital letter runs on
    "capital-letter-end": ("Xếp loại A. Năm sau giữ vững.", ["Xếp loại A. Năm sau giữ vững."]),
    "bullet-heading": ("* Huyện Trà Cú: hiện đạt 08/09 tiêu chí; còn tiêu chí 9 chưa đạt.",
                       ["* Huyện Trà Cú: hiện đạt 08/09 tiêu chí; còn tiêu chí 9 chưa đạt."]),
    # ";" and ":" never split
    "semicolon-colon": ("Gồm: xã A đạt 19/19; xã B đạt 17/19; Xã C đạt 15/19.",
                        ["Gồm: xã A đạt 19/19; xã B đạt 17/19; Xã C đạt 15/19."]),
    # lines and paragraphs
    "lines": ("Tiêu đề bài viết\nĐoạn một. Câu hai.\nẢnh: Mỹ Hoà",
              ["Tiêu đề bài viết", "Đoạn một.", "Câu hai.", "Ảnh: Mỹ Hoà"]),
    "empty": ("", []),
    "only-newlines": ("\n\n\n", []),
}


@pytest.mark.parametrize("text,expected", SPLIT_CASES.values(), ids=SPLIT_CASES.keys())
def test_split(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert isinstance(s, Sentence)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_paragraph_indices():
    text = "Tiêu đề\n\nĐoạn một. Câu hai.\nDòng ba.\n\nĐoạn hai."
    got = [(s.text, s.paragraph) for s in split_sentences(text)]
    assert got == [("Tiêu đề", 0), ("Đoạn một.", 1), ("Câu hai.", 1), ("Dòng ba.", 1), ("Đoạn hai.", 2)]


def test_unnormalized_text_is_stripped():
    text = "  Câu một.   Câu hai.  \n \n\tCâu ba. "
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [("Câu một.", 0), ("Câu hai.", 0), ("Câu ba.", 1)]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_offsets_on_normalized_article():
    raw = ("Xuân Hoà về đích NTM\r\n\r\nH9.png\r\n  Sáng 5/3, UBND huyện tổ chức hội nghị.  Toàn huyện có "
           "15/15 xã đạt chuẩn.\r\n\r\n\r\n* Xã Mỹ Hoà: đạt 19/19 tiêu chí; Xã Tân Hoà: đạt 18/19.\r\n")
    nt = normalize(raw)
    sentences = split_sentences(nt.text)
    assert [s.text for s in sentences] == [
        "Xuân Hoà về đích NTM",
        "Sáng 5/3, UBND huyện tổ chức hội nghị.",
        "Toàn huyện có 15/15 xã đạt chuẩn.",
        "* Xã Mỹ Hoà: đạt 19/19 tiêu chí; Xã Tân Hoà: đạt 18/19.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    for s in sentences:
        a, b = nt.source_span(s.start, s.end)
        assert raw[a:b] == s.text
