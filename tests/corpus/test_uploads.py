"""Uploads: Word, PDF, browser-saved pages, zip archives; every failure names its input."""
from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from pdf_factory import image_pdf, text_pdf

import corpus.archives
from corpus.archives import ArchiveMember
from corpus.legacy import from_unicode
from corpus.readers import iter_inputs, read_file
from pipeline.errors import IngestError
from pipeline.normalize import normalize
from encoders import cp1258_bytes

docx = pytest.importorskip("docx")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# -- Word ------------------------------------------------------------------------

HEADING = "Báo cáo kết quả xây dựng nông thôn mới huyện Cầu Kè năm 2024"
INTRO = "Năm 2024, huyện Cầu Kè tập trung nâng chất các tiêu chí đã đạt và hoàn thiện hồ sơ đề nghị công nhận."
AFTER = "Đến nay, toàn huyện có 14/14 xã đạt chuẩn nông thôn mới; huyện đạt 08/09 tiêu chí huyện nông thôn mới."
ROWS = [
    ("TT", "Tiêu chí", "Kết quả"),
    ("1", "Quy hoạch", "Đạt"),
    ("2", "Giao thông", "Đạt"),
    ("9", "An ninh, trật tự xã hội", "Chưa đạt"),
]


def make_docx(heading=HEADING, intro=INTRO, rows=ROWS, after=AFTER, font=None, with_heading=True) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "TÀI LIỆU NỘI BỘ - đầu trang"
    section.footer.paragraphs[0].text = "Trang 1 - chân trang"
    paragraphs = []
    if with_heading:
        paragraphs.append(document.add_heading(heading, level=1))
    paragraphs.append(document.add_paragraph(intro))
    document.add_paragraph("")  # empty paragraphs are dropped
    if rows:
        table = document.add_table(rows=len(rows) + 1, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 2))
        merged.text = "Bảng 1. Kết quả thực hiện tiêu chí"
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    paragraphs.append(document.add_paragraph(after))
    if font:
        for p in paragraphs:
            for run in p.runs:
                run.font.name = font
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    p = tmp_path / "bao-cao.docx"
    p.write_bytes(make_docx())
    doc = read_file(p)
    assert doc.format == "docx"
    assert doc.source == str(p)
    assert doc.title == HEADING
    assert doc.published is None  # the file's created/modified date is not the report's date
    assert doc.text == (
        f"{HEADING}\n\n{INTRO}\n\n"
        "Bảng 1. Kết quả thực hiện tiêu chí\n"
        "TT | Tiêu chí | Kết quả\n"
        "1 | Quy hoạch | Đạt\n"
        "2 | Giao thông | Đạt\n"
        "9 | An ninh, trật tự xã hội | Chưa đạt\n\n"
        f"{AFTER}"
    )
    assert "đầu trang" not in doc.text and "chân trang" not in doc.text
    assert normalize(doc.text).text == doc.text


def test_docx_title_without_heading(tmp_path):
    p = tmp_path / "thong-bao.docx"
    p.write_bytes(make_docx(with_heading=False, intro="Thông báo kết luận của Ban Chỉ đạo", rows=None))
    doc = read_file(p)
    assert doc.title == "Thông báo kết luận của Ban Chỉ đạo"
    assert doc.text == f"Thông báo kết luận của Ban Chỉ đạo\n\n{AFTER}"


def test_docx_long_first_paragraph_is_no_title(tmp_path):
    p = tmp_path / "dai.docx"
    p.write_bytes(make_docx(with_heading=False, intro="Xã đạt chuẩn. " * 30, rows=None))
    assert read_file(p).title is None


@pytest.mark.parametrize("encoding,font", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_docx_in_legacy_font_is_converted(tmp_path, encoding, font):
    p = tmp_path / f"cu-{encoding}.docx"
    # what Word stores for a document typed in a legacy font: Latin-1 letters
    p.write_bytes(make_docx(
        heading=from_unicode("Báo cáo xây dựng nông thôn mới", encoding),
        intro=from_unicode(INTRO, encoding), rows=[tuple(from_unicode(c, encoding) for c in r) for r in ROWS],
        after=from_unicode(AFTER, encoding), font=font))
    doc = read_file(p)
    assert doc.title == "Báo cáo xây dựng nông thôn mới"
    assert INTRO in doc.text and AFTER in doc.text
    assert "9 | An ninh, trật tự xã hội | Chưa đạt" in doc.text


@pytest.mark.parametrize("data,reason", [
    (b"PK\x03\x04garbage", "not a readable Word .docx file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "an old .doc"),
])
def test_docx_damaged(tmp_path, data, reason):
    p = tmp_path / "hong.docx"
    p.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p) and reason in e.value.reason


def test_docx_without_text(tmp_path):
    document = docx.Document()
    buf = io.BytesIO()
    document.save(buf)
    p = tmp_path / "rong.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(IngestError, match="no text found in the DOCX file"):
        read_file(p)


# -- PDF -------------------------------------------------------------------------

PDF_PAGES = [
    ["Báo cáo kết quả xây dựng nông thôn mới",
     "Huyện Trà Cú đạt 08/09 tiêu chí huyện nông thôn mới.",
     [(72, "Tiêu chí"), (300, "Kết quả")],
     [(72, "Giao thông"), (300, "Đạt")]],
    ["Ủy ban nhân dân tỉnh Trà Vinh đề nghị huyện hoàn thành tiêu chí số 9."],
]


def test_pdf_text(tmp_path):
    p = tmp_path / "bao-cao.pdf"
    p.write_bytes(text_pdf(PDF_PAGES))
    doc = read_file(p)
    assert doc.format == "pdf"
    assert doc.title == "Báo cáo kết quả xây dựng nông thôn mới"
    assert doc.published is None
    assert nfc(doc.text) == (
        "Báo cáo kết quả xây dựng nông thôn mới\n"
        "Huyện Trà Cú đạt 08/09 tiêu chí huyện nông thôn mới.\n"
        "Tiêu chí Kết quả\n"  # a table row as it stands on the page
        "Giao thông Đạt\n\n"  # pages are separated by a blank line
        "Ủy ban nhân dân tỉnh Trà Vinh đề nghị huyện hoàn thành tiêu chí số 9."
    )


def test_pdf_falls_back_to_pypdf(tmp_path, monkeypatch):
    import pdfplumber

    def broken(*a, **k):
        raise RuntimeError("pdfminer choked")

    monkeypatch.setattr(pdfplumber, "open", broken)
    p = tmp_path / "bao-cao.pdf"
    p.write_bytes(text_pdf(PDF_PAGES))
    doc = read_file(p)
    assert "Huyện Trà Cú đạt 08/09 tiêu chí" in nfc(doc.text)
    assert "\n\nỦy ban nhân dân tỉnh Trà Vinh" in nfc(doc.text)


def test_pdf_scanned(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(image_pdf())
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p)
    assert e.value.reason == "no text layer (a scanned PDF?): run OCR first, e.g. ocrmypdf"


def test_pdf_encrypted(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(PDF_PAGES))))
    writer.encrypt(user_password="matkhau", owner_password="chu", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    p = tmp_path / "khoa.pdf"
    p.write_bytes(buf.getvalue())
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p) and "encrypted PDF that needs a password" in e.value.reason


def test_pdf_with_owner_password_only_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(PDF_PAGES))))
    writer.encrypt(user_password="", owner_password="chu", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    p = tmp_path / "han-che.pdf"
    p.write_bytes(buf.getvalue())
    assert "đạt 08/09 tiêu chí" in nfc(read_file(p).text)


def test_pdf_damaged(tmp_path):
    p = tmp_path / "hong.pdf"
    p.write_bytes(text_pdf(PDF_PAGES)[:200])
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert e.value.source == str(p)
    assert "cannot read PDF (pdfplumber: " in e.value.reason and "; pypdf: " in e.value.reason


def test_pdf_in_legacy_font_is_converted(tmp_path):
    # a PDF printed from a .VnTime document: its text layer holds TCVN3 letters
    pages = [[from_unicode("Xây dựng nông thôn mới", "tcvn3"), from_unicode("Huyện Trà Cú đạt 19/19 tiêu chí.", "tcvn3")]]
    p = tmp_path / "cu.pdf"
    p.write_bytes(text_pdf(pages))
    doc = read_file(p)
    assert nfc(doc.text) == "Xây dựng nông thôn mới\nHuyện Trà Cú đạt 19/19 tiêu chí."
    assert doc.title == "Xây dựng nông thôn mới"


# -- HTML saved from a browser ------------------------------------------------------

SAVED_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0045)https://example.vn/tin-tuc/xa-dat-chuan.html -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>Xã Mỹ Hoà đạt chuẩn nông thôn mới</title>
<link rel="stylesheet" href="./trang_files/style.css"></head>
<body><article><h1>Xã Mỹ Hoà đạt chuẩn nông thôn mới</h1>
<p>Sáng 5/3, Ủy ban nhân dân huyện công bố quyết định công nhận xã Mỹ Hoà đạt chuẩn nông thôn mới
với 19/19 tiêu chí. Đây là xã thứ năm của huyện về đích trong năm nay.</p>
<p><img src="./trang_files/anh.jpg"> Người dân xã Mỹ Hoà đã hiến đất làm đường giao thông nông thôn.</p>
</article></body></html>"""




@pytest.mark.parametrize("charset,encode", [
    ("windows-1258", cp1258_bytes),
    ("utf-8", lambda s: s.encode("utf-8")),
    ("iso-8859-1", lambda s: from_unicode(s, "tcvn3").encode("latin-1")),  # an old .VnTime site
    ("windows-1252", lambda s: from_unicode(s, "vni").encode("latin-1")),
])
def test_saved_page_charset(tmp_path, charset, encode):
    p = tmp_path / "trang.html"
    p.write_bytes(encode(SAVED_PAGE.replace("{charset}", charset)))
    doc = read_file(p)
    assert doc.title == "Xã Mỹ Hoà đạt chuẩn nông thôn mới"
    assert "công nhận xã Mỹ Hoà đạt chuẩn nông thôn mới với 19/19 tiêu chí" in normalize(doc.text).text


def test_declared_charset_wins_over_guessing(tmp_path):
    # Windows-1252 French is also valid... Windows-1250 would read "é" the same; a page that says
    # windows-1251 (Cyrillic) is decoded as such, not as whatever detection would guess
    page = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>' \
           + "Сельская местность развивается быстро. " * 5 + "</p></body></html>"
    p = tmp_path / "ru.html"
    p.write_bytes(page.encode("cp1251"))
    assert "Сельская местность" in read_file(p).text


def test_wrong_declared_charset_falls_back_to_detection(tmp_path):
    p = tmp_path / "sai.html"
    p.write_bytes(cp1258_bytes(SAVED_PAGE.replace("{charset}", "utf-8")))
    assert "19/19 tiêu chí" in normalize(read_file(p).text).text


def test_saved_page_files_folder_is_skipped(tmp_path):
    (tmp_path / "trang.html").write_text(SAVED_PAGE.replace("{charset}", "utf-8"), encoding="utf-8")
    helpers = tmp_path / "trang_files"
    helpers.mkdir()
    for name in ("saved_resource.html", "widget.htm", "robots.txt", "anh.jpg"):
        (helpers / name).write_text("<html><body>quảng cáo</body></html>", encoding="utf-8")
    # a folder that merely ends in _files, with no page beside it, is read
    (tmp_path / "bao_cao_files").mkdir()
    (tmp_path / "bao_cao_files" / "a.txt").write_text("Xã đạt chuẩn.", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert got == ["bao_cao_files/a.txt", "trang.html"]


# -- zip archives ------------------------------------------------------------------


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def archive_members() -> dict[str, bytes]:
    return {
        "bao-cao/a.txt": "Huyện Trà Cú đạt 08/09 tiêu chí.".encode(),
        "bao-cao/tinh/b.md": "# Tỉnh Trà Vinh\n\nCó 85/85 xã đạt chuẩn.".encode(),
        "bao-cao/tinh/huyen/c.docx": make_docx(),
        "bao-cao/d.pdf": text_pdf(PDF_PAGES),
        "bao-cao/e.TXT": from_unicode("Xây dựng nông thôn mới ở xã Long Hiệp", "vni").encode("latin-1"),
        "__MACOSX/bao-cao/._a.txt": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        "bao-cao/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "bao-cao/.an/f.txt": b"hidden",
        "bao-cao/anh.png": b"\x89PNG",
        "bao-cao/trang.html": SAVED_PAGE.replace("{charset}", "utf-8").encode(),
        "bao-cao/trang_files/saved_resource.html": b"<html><body>widget</body></html>",
        "bao-cao/long-nhau.zip": b"PK\x05\x06" + b"\x00" * 18,
    }


def test_zip_members(tmp_path):
    z = make_zip(tmp_path / "tai-lieu.zip", archive_members())
    inputs = list(iter_inputs([z]))
    assert all(isinstance(i, ArchiveMember) for i in inputs)
    assert [i.member for i in inputs] == [
        "bao-cao/a.txt", "bao-cao/d.pdf", "bao-cao/e.TXT", "bao-cao/tinh/b.md", "bao-cao/tinh/huyen/c.docx",
        "bao-cao/trang.html",
    ]
    docs = {i.member: read_file(i) for i in inputs}
    assert docs["bao-cao/a.txt"].source == f"{z}!/bao-cao/a.txt"
    assert docs["bao-cao/a.txt"].text == "Huyện Trà Cú đạt 08/09 tiêu chí."
    assert docs["bao-cao/tinh/b.md"].title == "Tỉnh Trà Vinh"
    assert "9 | An ninh, trật tự xã hội | Chưa đạt" in docs["bao-cao/tinh/huyen/c.docx"].text
    assert "Huyện Trà Cú đạt 08/09" in nfc(docs["bao-cao/d.pdf"].text)
    assert docs["bao-cao/e.TXT"].text == "Xây dựng nông thôn mới ở xã Long Hiệp"
    assert docs["bao-cao/trang.html"].title == "Xã Mỹ Hoà đạt chuẩn nông thôn mới"
    # members carry what a progress bar and the pipeline use
    assert inputs[0].name == "a.txt" and str(inputs[0]) == inputs[0].source


def test_zip_inside_folder_and_once(tmp_path):
    make_zip(tmp_path / "nen.zip", {"x.txt": "Xã đạt chuẩn.".encode()})
    (tmp_path / "y.txt").write_text("Xã đạt chuẩn.", encoding="utf-8")
    got = [str(i) for i in iter_inputs([tmp_path, tmp_path / "nen.zip"])]
    assert got == [f"{tmp_path / 'nen.zip'}!/x.txt", str(tmp_path / "y.txt")]


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\x13" * 100, b"not a zip at all", b""])
def test_corrupt_zip(tmp_path, data):
    z = tmp_path / "hong.zip"
    z.write_bytes(data)
    (tmp_path / "tot.txt").write_text("Xã đạt chuẩn.", encoding="utf-8")
    # the batch goes on: the damaged archive is yielded as itself, and reading it says why
    inputs = list(iter_inputs([tmp_path]))
    assert inputs == [z, tmp_path / "tot.txt"]
    with pytest.raises(IngestError) as e:
        read_file(z)
    assert e.value.source == str(z)
    assert "not a valid zip archive" in e.value.reason


def test_zip_passed_to_read_file(tmp_path):
    z = make_zip(tmp_path / "a.zip", {"x.txt": b"abc"})
    with pytest.raises(IngestError, match="is a zip archive"):
        read_file(z)


def test_zip_member_damaged(tmp_path):
    z = make_zip(tmp_path / "crc.zip", {"x.txt": ("Xã đạt chuẩn nông thôn mới. " * 50).encode()})
    raw = bytearray(z.read_bytes())
    start = raw.index(b"x.txt") + len(b"x.txt")  # the local header's name, then the data
    raw[start + 10] ^= 0xFF
    z.write_bytes(bytes(raw))
    (member,) = iter_inputs([z])
    with pytest.raises(IngestError) as e:
        read_file(member)
    assert e.value.source == f"{z}!/x.txt"
    assert "cannot unpack from the archive" in e.value.reason


def test_zip_member_with_bad_content_names_the_member(tmp_path):
    z = make_zip(tmp_path / "a.zip", {"thu-muc/rong.txt": b"", "thu-muc/scan.pdf": image_pdf(1)})
    errors = {}
    for member in iter_inputs([z]):
        with pytest.raises(IngestError) as e:
            read_file(member)
        errors[e.value.source] = e.value.reason
    assert errors == {
        f"{z}!/thu-muc/rong.txt": "empty file (0 bytes)",
        f"{z}!/thu-muc/scan.pdf": "no text layer (a scanned PDF?): run OCR first, e.g. ocrmypdf",
    }


def test_zip_bomb_member(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus.archives, "MAX_MEMBER", 10_000)
    z = make_zip(tmp_path / "bom.zip", {"to.txt": b"a " * 50_000, "nho.txt": "Xã đạt chuẩn.".encode()})
    inputs = list(iter_inputs([z]))
    assert read_file(inputs[0]).text == "Xã đạt chuẩn."  # nho.txt
    with pytest.raises(IngestError) as e:
        read_file(inputs[1])
    assert e.value.source == f"{z}!/to.txt"
    assert "possible zip bomb" in e.value.reason


def test_zip_bomb_member_with_lying_header(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus.archives, "MAX_MEMBER", 10_000)
    z = make_zip(tmp_path / "bom.zip", {"to.txt": b"a " * 50_000})
    raw = bytearray(z.read_bytes())
    # set the uncompressed size in the central directory to 100 bytes
    cd = raw.index(b"PK\x01\x02")
    raw[cd + 24:cd + 28] = (100).to_bytes(4, "little")
    z.write_bytes(bytes(raw))
    (member,) = iter_inputs([z])
    with pytest.raises(IngestError) as e:
        read_file(member)
    assert e.value.source == f"{z}!/to.txt"
    assert "possible zip bomb" in e.value.reason or "cannot unpack" in e.value.reason


def test_zip_bomb_total(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus.archives, "MAX_TOTAL", 10_000)
    z = make_zip(tmp_path / "bom.zip", {f"{i}.txt": b"a " * 3_000 for i in range(5)})
    assert list(iter_inputs([z])) == [z]
    with pytest.raises(IngestError) as e:
        read_file(z)
    assert e.value.source == str(z)
    assert "archive too large" in e.value.reason


def test_encrypted_zip_member(tmp_path):
    z = make_zip(tmp_path / "khoa.zip", {"x.txt": b"abc"})
    raw = bytearray(z.read_bytes())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" flag bit
        i = raw.index(sig)
        raw[i + off] |= 0x01
    z.write_bytes(bytes(raw))
    (member,) = iter_inputs([z])
    with pytest.raises(IngestError, match="encrypted in the archive"):
        read_file(member)


# -- the pipeline reads archive members as they come from iter_inputs ----------------


def test_ingest_paths_reads_uploads(tmp_path):
    from pipeline.run import ingest_paths

    folder = tmp_path / "tai-lieu"
    folder.mkdir()
    make_zip(folder / "goi.zip", archive_members())
    (folder / "hong.zip").write_bytes(b"PK\x03\x04broken")
    (folder / "scan.pdf").write_bytes(image_pdf(1))
    (folder / "bao-cao.docx").write_bytes(make_docx())
    errors = []
    summary = ingest_paths([folder], tmp_path / "ntm.db", on_error=lambda s, r: errors.append((s, r)))
    failed = {Path(s).name if "!/" not in s else s.split("!/")[1]: r for s, r in errors}
    assert set(failed) == {"hong.zip", "scan.pdf"}
    assert "not a valid zip archive" in failed["hong.zip"]
    # six members of goi.zip and bao-cao.docx (the same text as goi.zip's c.docx: one document)
    assert summary.new + summary.unchanged == 7 and summary.failed == 2

    import sqlite3

    with sqlite3.connect(tmp_path / "ntm.db") as db:
        sources = {r[0] for r in db.execute("select source from document_sources")}
    assert f"{folder / 'goi.zip'}!/bao-cao/tinh/huyen/c.docx" in sources
    assert str(folder / "bao-cao.docx") in sources


def test_decode_html_header_charset_wins_over_meta():
    from corpus.readers import decode_html

    page = '<html><head><meta charset="windows-1252"></head><body><p>Новости деревни</p></body></html>'
    assert "Новости деревни" in decode_html(page.encode("cp1251"), "x.html", charset="windows-1251")
