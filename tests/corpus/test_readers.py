"""read_file(), decode_bytes(), iter_inputs(): every format, encoding and failure."""
import codecs
import doctest
import os
import random
import unicodedata
from pathlib import Path

import pytest

import corpus.readers
from corpus.readers import SUPPORTED_SUFFIXES, RawDocument, decode_bytes, iter_inputs, read_file
from pipeline.errors import IngestError
from pipeline.normalize import normalize

TITLE = "Huyện Xuân Hoà về đích nông thôn mới"
BODY = (
    "Sáng 5/3, UBND tỉnh công bố quyết định công nhận huyện Xuân Hoà đạt chuẩn nông thôn mới.\n"
    "\n"
    "Toàn huyện có 15/15 xã đạt chuẩn; Uỷ ban nhân dân huyện đặt mục tiêu 4 xã nâng cao."
)
ARTICLE = TITLE + "\n\n" + BODY


def cp1258_bytes(s: str) -> bytes:
    """Encode like Windows does: precomposed base letter + combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        marks = [c for c in d if c in tones]
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + "".join(marks))
    return "".join(out).encode("cp1258")


def write(tmp_path: Path, name: str, data) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


def test_doctests():
    assert doctest.testmod(corpus.readers).failed == 0


# -- plain text in every encoding ------------------------------------------------

ENCODINGS = {
    "utf-8": ARTICLE.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    "utf-16-le-no-bom": ARTICLE.encode("utf-16-le"),
    "utf-16-be-no-bom": ARTICLE.encode("utf-16-be"),
    "utf-16-python": ARTICLE.encode("utf-16"),
    "utf-32-bom": ARTICLE.encode("utf-32"),
    "cp1258": cp1258_bytes(ARTICLE),
    "utf-8-crlf": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("data", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_txt_encodings(tmp_path, data):
    p = write(tmp_path, "bai.txt", data)
    doc = read_file(p)
    assert isinstance(doc, RawDocument)
    assert doc.format == "txt"
    assert doc.source == str(p)
    assert doc.published is None
    assert doc.title == TITLE
    assert not doc.text.startswith("\ufeff")
    assert normalize(doc.text).text == ARTICLE


def test_cp1258_keeps_decomposed_source(tmp_path):
    data = cp1258_bytes("Xã Mỹ Hoà đạt chuẩn")
    doc = read_file(write(tmp_path, "cu.txt", data))
    # the raw text is what the codec gives (tone marks combining): offsets
    # point into it; normalize() composes
    assert doc.text == "Xa\u0303 My\u0303 Hoa\u0300 đa\u0323t chuâ\u0309n"
    assert normalize(doc.text).text == "Xã Mỹ Hoà đạt chuẩn"
    assert doc.title == "Xã Mỹ Hoà đạt chuẩn"  # titles are NFC


FRENCH = ("Le comité du village a été créé à Hanoï pour être plus efficace. Les élèves étudient à l'école "
          "publique, où ils apprennent le français et les mathématiques. Même les grands-pères s'intéressent "
          "à ces événements.")

DECODE_CASES = {
    "ascii": (b"Xa dat chuan", "Xa dat chuan"),
    "utf-8": ("Hoà Bình".encode(), "Hoà Bình"),
    "cp1258-short": (cp1258_bytes("Thuỷ Nguyên"), unicodedata.normalize("NFD", "Thuỷ Nguyên")),
    # short Latin-1 text is ambiguous for charset-normalizer; a paragraph is not
    "latin-1-french": (FRENCH.encode("latin-1"), FRENCH),
    "gbk": ("新农村建设取得了显著成效，全县所有乡镇均已达标。".encode("gbk") * 3,
            "新农村建设取得了显著成效，全县所有乡镇均已达标。" * 3),
}


@pytest.mark.parametrize("data,expected", DECODE_CASES.values(), ids=DECODE_CASES.keys())
def test_decode_bytes(data, expected):
    got = decode_bytes(data, "x.txt")
    assert unicodedata.normalize("NFC", got) == unicodedata.normalize("NFC", expected)


def test_txt_long_first_line_is_no_title(tmp_path):
    doc = read_file(write(tmp_path, "dai.txt", "Xã " * 100 + "\n\nĐoạn hai."))
    assert doc.title is None


def test_txt_title_skips_blank_lines(tmp_path):
    doc = read_file(write(tmp_path, "a.txt", "\n\n   \n  Tiêu   đề ngắn  \nNội dung."))
    assert doc.title == "Tiêu đề ngắn"


def test_uppercase_suffix(tmp_path):
    assert read_file(write(tmp_path, "BAI.TXT", ARTICLE)).format == "txt"
    assert read_file(write(tmp_path, "TRANG.HTM", PAGE)).format == "html"


# -- HTML ------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Huyện Xuân Hoà về đích nông thôn mới - Báo Điện tử Tỉnh</title>
<meta property="og:title" content="Huyện Xuân Hoà về đích nông thôn mới">
<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">
<script>var trackingId = "UA-1";</script><style>p { color: red }</style>
</head><body>
<header><div class="logo">Báo Điện tử Tỉnh</div></header>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
<main><article>
<h1>Huyện Xuân Hoà về đích nông thôn mới</h1>
<p>Sáng 5/3, UBND tỉnh tổ chức lễ công bố quyết định công nhận huyện Xuân Hoà đạt chuẩn nông thôn mới năm 2023,
sau nhiều năm nỗ lực của cán bộ và nhân dân trong huyện.</p>
<p>Toàn huyện có 15/15 xã đạt chuẩn nông thôn mới, trong đó 4 xã đạt chuẩn nông thôn mới nâng cao
và 1 xã đạt chuẩn nông thôn mới kiểu mẫu.<br>Thu nhập bình quân đạt 62 triệu đồng/người/năm.</p>
<table><tr><td>Xã</td><td>Tiêu chí đạt</td></tr><tr><td>Xã Mỹ Hoà</td><td>19/19</td></tr></table>
<p>Phát biểu tại buổi lễ, Phó Chủ tịch UBND tỉnh đề nghị huyện tiếp tục nâng chất các tiêu chí đã đạt.</p>
</article></main>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Xã khác đạt chuẩn</a></li></ul></aside>
<footer><p>Bản quyền thuộc Báo Điện tử Tỉnh. Giấy phép số 12/GP-BTTTT.</p></footer>
</body></html>"""


def test_html_main_text(tmp_path):
    doc = read_file(write(tmp_path, "trang.html", PAGE))
    assert doc.format == "html"
    assert doc.title == "Huyện Xuân Hoà về đích nông thôn mới"
    assert doc.published == "2024-03-05"
    text = doc.text
    assert text.startswith("Huyện Xuân Hoà về đích nông thôn mới\n\n")
    assert "15/15 xã đạt chuẩn" in text
    assert "Xã Mỹ Hoà" in text and "19/19" in text
    assert "nâng chất các tiêu chí" in text
    # paragraph breaks survive, a <br> is a line break
    assert "\n\nToàn huyện có" in text
    assert "\nThu nhập bình quân" in text
    for junk in ("Trang chủ", "Thời sự", "Bản quyền", "trackingId", "color: red", "Tin liên quan"):
        assert junk not in text, junk


def test_html_cp1258_page(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
    doc = read_file(write(tmp_path, "cu.htm", cp1258_bytes(page)))
    assert doc.title == "Huyện Xuân Hoà về đích nông thôn mới"
    assert "15/15 xã đạt chuẩn" in unicodedata.normalize("NFC", doc.text)


def test_html_fallback_to_body_text(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><head><title>Tin ngắn</title></head><body><nav>Menu</nav><div>Xã A đạt chuẩn.</div>" \
           "<div>Xã B chưa đạt.</div><footer>Liên hệ</footer></body></html>"
    doc = read_file(write(tmp_path, "ngan.html", page))
    assert "Xã A đạt chuẩn." in doc.text
    assert "Xã B chưa đạt." in doc.text
    assert "Menu" not in doc.text and "Liên hệ" not in doc.text
    assert doc.title == "Tin ngắn"
    assert doc.published is None
    assert normalize(doc.text).text == "Tin ngắn\n\nXã A đạt chuẩn.\n\nXã B chưa đạt."


def test_html_date_only_from_metadata(tmp_path):
    page = PAGE.replace('<meta property="article:published_time" content="2024-03-05T08:00:00+07:00">', "")
    page = page.replace("</article>", "<p>Cập nhật lúc 10:00 ngày 12/04/2024</p></article>")
    doc = read_file(write(tmp_path, "khong-ngay.html", page))
    assert doc.published is None
    assert "12/04/2024" in doc.text


def test_html_tiny_page(tmp_path):
    page = "<html><head><title>Tin ngắn</title></head><body><p>Xã A đạt chuẩn.</p></body></html>"
    doc = read_file(write(tmp_path, "tiny.html", page))
    assert "Xã A đạt chuẩn." in doc.text


def test_html_fallback_keeps_blocks_apart():
    text, title = corpus.readers._html_body_text(
        "<html><body><p>Đoạn một.</p><p>Đoạn <b>hai</b>.</p><ul><li>Mục A</li><li>Mục B</li></ul></body></html>")
    assert title is None
    assert normalize(text).text == "Đoạn một.\n\nĐoạn hai.\n\nMục A\n\nMục B"


def test_html_without_text(tmp_path):
    p = write(tmp_path, "rong.html", "<html><head><title>Trống</title></head><body><script>x()</script></body></html>")
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert str(p) in str(e.value) and "no text" in e.value.reason


# -- Markdown --------------------------------------------------------------------

MARKDOWN = """# Xã Mỹ Hoà về đích nông thôn mới

Sáng nay, **UBND huyện** công bố [quyết định](https://example.vn/qd) số 12/QĐ-UBND
công nhận xã đạt chuẩn.

![H9.png](H9.png)

- Tiêu chí giao thông: đạt
- Tiêu chí *thu nhập*: đạt
  1. năm 2023: 58 triệu
  2. năm 2024: 62 triệu

| Xã | Tiêu chí |
|----|----------|
| Mỹ Hoà | 19/19 |

## Kết quả

Đạt 19/19 tiêu chí.<br>Hết.

```
mã nguồn giữ nguyên
```
"""


def test_markdown(tmp_path):
    doc = read_file(write(tmp_path, "bai.md", MARKDOWN))
    assert doc.format == "md"
    assert doc.title == "Xã Mỹ Hoà về đích nông thôn mới"
    assert doc.published is None
    assert normalize(doc.text).text == (
        "Xã Mỹ Hoà về đích nông thôn mới\n\n"
        "Sáng nay, UBND huyện công bố quyết định số 12/QĐ-UBND công nhận xã đạt chuẩn.\n\n"
        "- Tiêu chí giao thông: đạt\n- Tiêu chí thu nhập: đạt\n1. năm 2023: 58 triệu\n2. năm 2024: 62 triệu\n\n"
        "Xã | Tiêu chí\nMỹ Hoà | 19/19\n\n"
        "Kết quả\n\n"
        "Đạt 19/19 tiêu chí.\nHết.\n\n"
        "mã nguồn giữ nguyên"
    )


@pytest.mark.parametrize("md", ["Đoạn mở đầu.\n\n# Tiêu đề muộn\n", "## Tiêu đề cấp hai\n\nNội dung."])
def test_markdown_title_only_from_leading_h1(tmp_path, md):
    assert read_file(write(tmp_path, "x.md", md)).title is None


# -- iter_inputs -----------------------------------------------------------------


def test_iter_inputs(tmp_path):
    for name in ["b.txt", "a.html", "sub/c.md", "sub/d.htm", "sub/deeper/e.TXT", "f.pdf", ".an.txt",
                 ".git/g.txt", "sub/.cache/h.md", "anh.png"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("Xã đạt chuẩn.", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert got == ["a.html", "b.txt", "f.pdf", "sub/c.md", "sub/d.htm", "sub/deeper/e.TXT"]
    # explicit files come as given and once, in argument order
    explicit = [tmp_path / "anh.png", tmp_path / "b.txt", tmp_path]
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs(explicit)]
    assert got == ["anh.png", "b.txt", "a.html", "f.pdf", "sub/c.md", "sub/d.htm", "sub/deeper/e.TXT"]
    assert list(iter_inputs([str(tmp_path / "missing.txt")])) == [tmp_path / "missing.txt"]


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".md", ".docx", ".pdf"}


# -- errors ----------------------------------------------------------------------

random.seed(20240305)
RANDOM_BYTES = bytes(random.randrange(1, 256) for _ in range(4000))

ERROR_CASES = {
    "empty": ("rong.txt", b"", "empty file (0 bytes)"),
    "only-whitespace": ("trang.txt", b" \r\n\t\n  ", "only whitespace"),
    "only-whitespace-utf16": ("trang16.txt", codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"), "only whitespace"),
    "bom-only": ("bom.md", codecs.BOM_UTF8, "only whitespace"),
    "binary-nul": ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file"),
    "binary-zip": ("nen.md", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)), "binary file"),
    "random-bytes": ("ngau-nhien.html", RANDOM_BYTES, "cannot decode"),
    "high-bytes": ("cao.txt", bytes(range(128, 256)) * 8, "cannot decode"),
    "unsupported-suffix": ("bang.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
    "old-word": ("baocao.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
    "truncated-pdf": ("baocao.pdf", b"%PDF-1.4", "cannot read PDF"),
    "no-suffix": ("README", b"Xa dat chuan", "unsupported file type '(no suffix)'"),
    "docx": ("baocao.docx", b"PK\x03\x04", "not a readable Word .docx file"),
    "supported-list": ("baocao.rtf", b"{\\rtf1}", "supported are .docx, .htm, .html, .md, .pdf, .txt and .zip"),
}


@pytest.mark.parametrize("name,data,reason", ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(tmp_path, name, data, reason):
    p = write(tmp_path, name, data)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p)
    assert reason in e.value.reason
    assert str(e.value).startswith(f"{p}: ")


def test_cannot_decode_names_what_was_tried(tmp_path):
    p = write(tmp_path, "x.txt", RANDOM_BYTES)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert "not UTF-8, UTF-16 or Windows-1258 (tried " in e.value.reason


def test_missing_file(tmp_path):
    p = tmp_path / "khong-co.txt"
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p)
    assert "file not found" in e.value.reason


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(IngestError, match="is a folder"):
        read_file(tmp_path)


def test_unreadable_file(tmp_path):
    # /proc/self/mem cannot be read from offset 0 by anyone, root included (EIO)
    p = tmp_path / "khoa.txt"
    p.symlink_to("/proc/self/mem")
    with pytest.raises(IngestError, match="cannot read file") as e:
        read_file(p)
    assert e.value.source == str(p)


def test_decode_error_names_source():
    with pytest.raises(IngestError) as e:
        decode_bytes(b"\x00\x01\x02binary\x00", "du-lieu.txt")
    assert e.value.source == "du-lieu.txt"
    assert "binary file" in e.value.reason


def test_bom_then_invalid_bytes():
    with pytest.raises(IngestError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd abc", "x.txt")


TABLE_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kết quả rà soát tiêu chí các xã</title></head>
<body><div class="content"><h1>Kết quả rà soát tiêu chí các xã</h1>
<p>Ban Chỉ đạo huyện Phú Tân vừa tổng hợp kết quả thực hiện Bộ tiêu chí xã nông thôn mới của
các xã đăng ký về đích trong năm, để làm căn cứ phân bổ vốn hỗ trợ cho từng địa phương.</p>
<table><tr><th>Tên xã</th><th>Tiêu chí đã đạt</th><th>Ghi chú</th></tr>
<tr><td>Xã Phú Bình</td><td>18/19</td><td></td></tr>
<tr><td>Xã Hiệp Xương</td><td>15/19</td><td>Thiếu Thu nhập</td></tr></table>
<p>Huyện đề nghị các xã khẩn trương hoàn thiện hồ sơ trước khi tỉnh tổ chức thẩm định.</p>
</div></body></html>"""


def test_html_table_rows_are_lines_with_separated_cells(tmp_path):
    text = read_file(write(tmp_path, "bang.html", TABLE_PAGE)).text
    assert "Xã Phú Bình | 18/19 | " in text or "Xã Phú Bình | 18/19 |" in text or "Xã Phú Bình | 18/19" in text
    assert "Xã Hiệp Xương | 15/19 | Thiếu Thu nhập" in text
    assert "Phú Bình18/19" not in text
    assert "---" not in text  # no Markdown rule line between header and rows
    assert not any(line.startswith("|") for line in text.splitlines())
