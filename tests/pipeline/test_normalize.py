"""normalize(): NFC, whitespace, junk lines, the offset map; fold_tones()."""
import doctest
import re
import unicodedata

import pytest

import pipeline.normalize
from pipeline.normalize import NormalizedText, fold_tones, normalize


def to_cp1258_form(s: str) -> str:
    """The string Windows-1258 gives back: precomposed base letter + combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", s):
        d = unicodedata.normalize("NFD", ch)
        marks = [c for c in d if c in tones]
        if marks:
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out.append(base + marks[0])
        else:
            out.append(ch)
    return "".join(out)


def check_map(nt: NormalizedText) -> None:
    """Every word and every visible character of text maps back to its source."""
    raw, text = nt.source, nt.text
    prev = 0
    for i in range(len(text) + 1):
        r = nt.to_source(i)
        assert prev <= r <= len(raw), (i, prev, r)
        prev = r
    for i, ch in enumerate(text):
        if not ch.isspace():
            s, e = nt.source_span(i, i + 1)
            assert unicodedata.normalize("NFC", raw[s:e]) == ch, (i, ch, raw[s:e])
    for m in re.finditer(r"\S+", text):
        s, e = nt.source_span(*m.span())
        assert unicodedata.normalize("NFC", raw[s:e]) == m.group()
        # any span inside the word
        w0, w1 = m.span()
        for a in range(w0, w1):
            for b in range(a + 1, min(w1, a + 4) + 1):
                assert unicodedata.normalize("NFC", raw[nt.to_source(a):nt.to_source(b)]) == text[a:b]


def test_doctests():
    assert doctest.testmod(pipeline.normalize).failed == 0


# -- NFC --------------------------------------------------------------------------

NFC_CASES = {
    "already-nfc": ("Xã Xuân Hoà đạt chuẩn", "Xã Xuân Hoà đạt chuẩn"),
    "nfd": (unicodedata.normalize("NFD", "Huyện Thuỷ Nguyên"), "Huyện Thuỷ Nguyên"),
    "cp1258-form": (to_cp1258_form("Ủy viên Ban thường vụ, Xuân Hoà"), "Ủy viên Ban thường vụ, Xuân Hoà"),
    "mark-at-start": ("\u0301abc", unicodedata.normalize("NFC", "\u0301abc")),
    "two-marks": ("e\u0302\u0323 ngu\u031bo\u031b\u0300i", "ệ người"),
    "angstrom-singleton": ("\u212b đến", "\u00c5 đến"),
}


@pytest.mark.parametrize("raw,expected", NFC_CASES.values(), ids=NFC_CASES.keys())
def test_nfc(raw, expected):
    nt = normalize(raw)
    assert nt.text == expected
    assert unicodedata.is_normalized("NFC", nt.text)
    check_map(nt)


# -- whitespace -------------------------------------------------------------------

WS_CASES = {
    "spaces": ("Xã  đạt   chuẩn", "Xã đạt chuẩn"),
    "tabs": ("Xã\tđạt\t\tchuẩn", "Xã đạt chuẩn"),
    "nbsp": ("(\xa0Toàn cảnh hội nghị)\xa0", "( Toàn cảnh hội nghị)"),
    "zero-width": ("\ufeffTin\u200b tức", "Tin tức"),
    "zwsp-inside": ("nông\u200bthôn", "nông thôn"),
    "strip-lines": ("  dòng một  \n\t dòng hai\t", "dòng một\ndòng hai"),
    "crlf": ("dòng một\r\ndòng hai\rdòng ba", "dòng một\ndòng hai\ndòng ba"),
    "blank-crlf": ("đoạn một\r\n\r\nđoạn hai", "đoạn một\n\nđoạn hai"),
    "many-blank": ("đoạn một\n\n\n\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
    "blank-with-spaces": ("đoạn một\n \xa0 \n\t\nđoạn hai", "đoạn một\n\nđoạn hai"),
    "leading-trailing-blank": ("\n\n  \nđầu\ncuối\n\n\n", "đầu\ncuối"),
    "line-sep": ("một\u2028hai\u2029\u2029ba", "một\nhai\n\nba"),
    "empty": ("", ""),
    "only-space": (" \n\t\n\xa0", ""),
    "control-chars": ("a\x07b\x00c", "a b c"),
}


@pytest.mark.parametrize("raw,expected", WS_CASES.values(), ids=WS_CASES.keys())
def test_whitespace(raw, expected):
    nt = normalize(raw)
    assert nt.text == expected
    check_map(nt)


# -- junk lines -------------------------------------------------------------------

JUNK_LINES = [
    "H9.png",
    "H12.PNG",
    "DSC_6172.JPG",
    "anh1.jpeg",
    "loading.gif",
    "banner-ntm.webp",
    "IMG_20240301_081500.heic",
    "5d14b7e777aedbf082bf.jpg",
    "  C:\\Users\\Administrator\\Downloads\\5d14b7e777aedbf082bf.jpg",
    "D:\\Năm 2024\\Hình ảnh\\DSC_6172.JPG",
    "\xa0 E:\\Tài liệu\\Báo cáo NTM.docx",
    "C:/Users/Admin/Pictures/a.png",
    "\\\\may-chu\\chia-se\\anh.jpg",
    "/tmp/a.png",
    "/home/canbo/Hình ảnh/xa Xuân Hoà.jpg",
    "~/Downloads/x.jpg",
    "/var/www/html/uploads/2024/anh.jpeg",
    "file:///C:/Users/Admin/x.png",
    "https://cdn.baotinh.vn/2024/03/anh-hoi-nghi.jpg",
    "https://cdn.baotinh.vn/2024/03/a.webp?w=800&h=600",
]


@pytest.mark.parametrize("junk", JUNK_LINES)
def test_junk_line_dropped(junk):
    nt = normalize(f"Đoạn đầu.\n{junk}\nĐoạn sau.")
    assert nt.text == "Đoạn đầu.\nĐoạn sau."
    check_map(nt)


@pytest.mark.parametrize("junk", JUNK_LINES[:4])
def test_junk_line_between_paragraphs(junk):
    assert normalize(f"Đoạn đầu.\n\n{junk}\n\nĐoạn sau.").text == "Đoạn đầu.\n\nĐoạn sau."
    assert normalize(f"{junk}\n\nĐoạn sau.").text == "Đoạn sau."
    assert normalize(f"Đoạn đầu.\n{junk}").text == "Đoạn đầu."


KEPT_LINES = [
    "Xem ảnh H9.png",
    "Ảnh: DSC_6172.JPG",
    "(Ảnh minh hoạ: anh1.jpeg)",
    "Tệp C:\\baocao.docx đã được gửi về huyện.",
    "Đường dẫn D:\\Năm 2024 không còn dùng.",
    "D: đạt 5 tiêu chí",
    "C: Xã đạt chuẩn",
    "Tỷ lệ đạt 81,93%.",
    "Xã đạt 19/19 tiêu chí.",
    "4.000",
    "05/08",
    "/",
    "TP.HCM",
    "www.nongthonmoi.gov.vn",
    "Chi tiết tại https://baotinh.vn/tin/1.html",
    "png",
    "Quyết định 321/QĐ-TTg",
    "/ Ảnh: Lê Văn A",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_normal_line_kept(line):
    nt = normalize(f"Đầu.\n{line}\nCuối.")
    assert nt.text == f"Đầu.\n{' '.join(line.split())}\nCuối."


# -- offset map -------------------------------------------------------------------

MAP_CASES = {
    "identity": "Xã Xuân Hoà đạt chuẩn nông thôn mới",
    "collapsed": "  Xã \t Xuân\xa0\xa0Hoà   đạt\u200b chuẩn \r\n\r\n\r\n  nông  thôn mới  ",
    "dropped-lines": "Huyện A đạt 19/19 tiêu chí.\nH9.png\n  C:\\x\\y.jpg\n\nXã B đạt 15/19.\nD:\\Năm 2024\\Hình ảnh\\DSC_6172.JPG",
    "cp1258": to_cp1258_form("Đồng chí Nguyễn Văn Hùng, Uỷ viên Ban Thường vụ Huyện uỷ, Chủ tịch UBND huyện Xuân Hoà"),
    "cp1258-messy": to_cp1258_form("  Tỷ lệ\t hộ nghèo   còn 1,2%.\r\n\r\nH9.png\r\n\r\n\r\nXã Mỹ Hoà   đạt chuẩn nâng cao.  "),
    "nfd-everything": unicodedata.normalize("NFD", "Nội dung 08:\tchỉ số hài lòng  đạt 90% trở lên.\n\n\nỦy ban nhân dân xã"),
    "bom-and-crlf": "\ufeffDòng đầu\r\nDòng hai\r\n",
}


@pytest.mark.parametrize("raw", MAP_CASES.values(), ids=MAP_CASES.keys())
def test_offset_round_trip(raw):
    nt = normalize(raw)
    check_map(nt)
    # normalizing is idempotent
    assert normalize(nt.text).text == nt.text


def test_cp1258_form_really_is_decomposed():
    raw = MAP_CASES["cp1258"]
    assert not unicodedata.is_normalized("NFC", raw)
    nt = normalize(raw)
    assert nt.text == unicodedata.normalize("NFC", raw)
    i = nt.text.index("Xuân Hoà")
    s, e = nt.source_span(i, i + len("Xuân Hoà"))
    assert raw[s:e] == "Xuân Hoa\u0300"


def test_separator_maps_to_end_of_line():
    raw = "Xã A đạt   \r\n  \r\nH9.png\nXã B"
    nt = normalize(raw)
    assert nt.text == "Xã A đạt\n\nXã B"
    assert nt.to_source(nt.text.index("\n")) == raw.index("đạt") + 3
    assert nt.source_span(0, len("Xã A đạt")) == (0, raw.index("đạt") + 3)
    b = nt.text.index("Xã B")
    assert nt.source_span(b, len(nt.text)) == (raw.index("Xã B"), len(raw))


def test_end_maps_after_last_kept_char():
    raw = "Xã đạt chuẩn.\n\nH9.png\n\n  "
    nt = normalize(raw)
    assert nt.to_source(len(nt.text)) == raw.index(".") + 1
    raw = to_cp1258_form("Xuân Hoà") + "\n/tmp/a.png"
    nt = normalize(raw)
    assert nt.to_source(len(nt.text)) == raw.index("\n")


def test_to_source_bounds():
    nt = normalize("a b")
    with pytest.raises(IndexError):
        nt.to_source(4)
    with pytest.raises(ValueError):
        nt.source_span(2, 1)
    assert nt.source_span(1, 1) == (1, 1)


def test_plain_constructor_is_identity():
    nt = NormalizedText("abc", "abc")
    assert nt.to_source(2) == 2
    assert nt.source_span(0, 3) == (0, 3)


def test_segments_are_few():
    raw = ("Xã đạt chuẩn nông thôn mới.\n\n" * 200)
    nt = normalize(raw)
    assert len(nt._ns) <= 2  # one linear segment plus the sentinel


def test_tone_placement_kept():
    assert normalize("Xuân Hoà và Xuân Hòa").text == "Xuân Hoà và Xuân Hòa"


# -- fold_tones -------------------------------------------------------------------

FOLD_CASES = {
    "hoa": ("Xuân Hoà", "Xuân Hòa"),
    "all-oa": ("oà oá oả oã oạ", "òa óa ỏa õa ọa"),
    "all-oe": ("oè oé oẻ oẽ oẹ", "òe óe ỏe õe ọe"),
    "all-uy": ("uỳ uý uỷ uỹ uỵ", "ùy úy ủy ũy ụy"),
    "capital-first": ("Oà Oé Uỷ", "Òa Óe Ủy"),
    "upper": ("HOÀ BÌNH, THUỶ NGUYÊN, KHOẺ", "HÒA BÌNH, THỦY NGUYÊN, KHỎE"),
    "mixed": ("oÀ uỶ", "òA ủY"),
    "new-style-untouched": ("Hòa Thủy khỏe", "Hòa Thủy khỏe"),
    "no-tone": ("hoa thuy", "hoa thuy"),
    "words": ("Uỷ ban, Huyện uỷ, thoả thuận", "Ủy ban, Huyện ủy, thỏa thuận"),
    # closed syllables and "qu" have one tone place: left alone
    "closed-and-qu": ("quý, Huỳnh, kế hoạch, rà soát, thuyết", "quý, Huỳnh, kế hoạch, rà soát, thuyết"),
    "empty": ("", ""),
}


@pytest.mark.parametrize("s,expected", FOLD_CASES.values(), ids=FOLD_CASES.keys())
def test_fold_tones(s, expected):
    folded = fold_tones(s)
    assert folded == expected
    assert len(folded) == len(s)
    assert fold_tones(folded) == folded


def test_fold_tones_matches_scorer_rule_on_open_syllables():
    text = "thoả thuận, uỷ ban, hoà bình, khoẻ mạnh, thuỵ, loè, xoã"  # open syllables only
    expected = text
    for old, new in pipeline.normalize._TONE_FOLD.items():
        expected = expected.replace(old, new)
    assert fold_tones(text) == expected
    assert fold_tones(text.upper()) == expected.upper()
    assert fold_tones(text.title()) == expected.title()


def test_fold_tones_same_length_on_normalized_text():
    raw = to_cp1258_form("Phó Chủ tịch UBND xã Xuân Hoà, Uỷ viên Thường vụ Huyện uỷ THUỶ NGUYÊN")
    text = normalize(raw).text
    assert len(fold_tones(text)) == len(text)
    assert "Hòa" in fold_tones(text) and "THỦY" in fold_tones(text)
