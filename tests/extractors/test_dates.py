"""Dates: (text, expected ISO values) tables, own phrasings of provincial news."""
import pytest

from extractors import dates
from extractors.context import Context
from pipeline.document import make_document


def run(text, published="2023-11-22"):
    """Values of the dates read in the text (``published`` stands for the page's own date)."""
    doc = make_document("test.txt", text, published=published)
    return [f.value for f in dates.find(Context(doc)) if f.quote]


POSITIVE = {
    "day-range-borrows-month": (
        "Từ ngày 8 đến ngày 12/10, đoàn công tác làm việc tại các xã.", ["2023-10-08", "2023-10-12"]),
    "day-range-dash-full-date": (
        "Hội chợ nông sản diễn ra ngày 14 - 16/9/2022 tại huyện Châu Thành.", ["2022-09-14", "2022-09-16"]),
    "slashes": ("Ngày 20/11/2023, huyện Long Phú tổ chức hội nghị.", ["2023-11-20"]),
    "yesterday-with-its-day-in-parentheses": ("Chiều hôm qua (13/11), huyện Thới Bình họp.", ["2023-11-13"]),
    "dashes": ("Ngày 20-11-2023, huyện Long Phú tổ chức hội nghị.", ["2023-11-20"]),
    "dots": ("Hội nghị diễn ra ngày 20.11.2023 tại xã Hòa Bình.", ["2023-11-20"]),
    "long": ("Hà Giang, ngày 5 tháng 6 năm 2024", ["2024-06-05"]),
    "month-slash": ("Hoàn thành trong tháng 12/2023.", ["2023-12"]),
    "month-dash": ("Hoàn thành trong tháng 12-2023.", ["2023-12"]),
    "month-words": ("Hồ sơ trình trong tháng 3 năm 2024.", ["2024-03"]),
    "day-month-article-year": ("Sáng 19/5, xã Tân Hiệp tổ chức lễ đón bằng.", ["2023-05-19"]),
    "day-month-in-words-article-year": ("Trước đó, ngày 9 tháng 8, đoàn đã khảo sát mô hình.", ["2023-08-09"]),
    "day-month-comma-year": ("Xã Tân Dĩnh\n2 tháng 8, 2024 · \nTin vui cho bà con.", ["2024-08-02"]),
    "day-month-year-in-words-without-ngay": ("Hạn chót là 30 tháng 9 năm 2020.", ["2020-09-30"]),
    "tomorrow-morning": ("Sáng mai 24/11, Hội Nông dân tỉnh tổ chức tọa đàm.", ["2023-11-24"]),
    "by-the-end-of-a-month": ("Tính đến hết tháng 9, toàn tỉnh có thêm 5 xã về đích.", ["2023-09"]),
    "day-month-dash": ("Tối 3-9, huyện Krông Bông tổ chức lễ đón bằng.", ["2023-09-03"]),
    "sang-nay-paren": ("Sáng nay (21/11), UBND tỉnh họp.", ["2023-11-21"]),
    "day-month-not-from-decision-year": (
        "Chiều 21/11, tỉnh triển khai Quyết định số 320/QĐ-TTg ngày 08/3/2022.", ["2023-11-21", "2022-03-08"]),
    "day-month-same-month-context": (
        "Ngày 26/11, tỉnh đánh giá kết quả tháng 11/2024.", ["2024-11-26", "2024-11"]),
    "one-per-value": ("Ngày 20/11/2023 và sáng 20/11/2023 lại họp.", ["2023-11-20"]),
    "day-month-dotted": ("Chiều 14.3, xã Phú Thịnh tổ chức lễ đón bằng công nhận.", ["2023-03-14"]),
    "day-month-dash-morning": ("Sáng 8-4, huyện Yên Lạc tổng kết phong trào.", ["2023-04-08"]),
    "start-of-month-no-year": ("Huyện dự kiến đầu tháng 7 trình hồ sơ lên tỉnh.", ["2023-07"]),
    "end-of-month-no-year": ("Cuối tháng 9 đoàn thẩm định sẽ về làm việc.", ["2023-09"]),
    "mid-month-with-year": ("Đoàn kiểm tra về giữa tháng 8/2022.", ["2022-08"]),
}

JANUARY = ("Ngày 28/12, huyện Hải Hà tổng kết năm.", "2025-01-08", ["2024-12-28"])

NEGATIVE = {
    "months-counted-in-words": "Sau 10 tháng 6 ngày thi công, tuyến đường hoàn thành.",
    "bare-year": "Năm 2023, xã Hòa Lợi đạt chuẩn.",
    "period": "Giai đoạn 2021 - 2025, tỉnh phấn đấu có 10 xã đạt chuẩn.",
    "relative": "Đến cuối năm, huyện hoàn thành 9/9 tiêu chí.",
    "range-of-units": "Mỗi huyện chọn từ 5-7 xã làm điểm.",
    "fraction": "Xã Long Hòa đạt 18/19 tiêu chí.",
    "symbol": "Theo Nghị định số 27/2022/NĐ-CP của Chính phủ.",
    "invalid": "Ngày 31/02/2023 không có thật.",
    "quarter": "Hồ sơ trình thẩm định trong quý II/2024.",
    "bare-month-and-duration": "Từ tháng 11 và 11 tháng qua, xã tập trung làm đường.",
    "duration-months": "Sau 7 tháng triển khai, xã đạt thêm 2 tiêu chí.",
    "start-of-year": "Từ đầu năm đến nay, huyện có thêm 3 xã đạt chuẩn.",
    "decimal-after-word": "Tối đa 2.5 điểm cho tiêu chí này; sáng kiến 3.4 được chọn.",
}


@pytest.mark.parametrize("text,expected", POSITIVE.values(), ids=POSITIVE.keys())
def test_dates_positive(text, expected):
    assert run(text) == expected


def test_day_month_in_january_article_is_last_year():
    text, published, expected = JANUARY
    assert run(text, published) == expected


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_dates_negative(text):
    assert run(text, published=None) == []


def test_page_date_from_html_metadata_has_a_span(tmp_path):
    from corpus.readers import read_file

    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Hội nghị sơ kết</title>"
        '<meta property="article:published_time" content="2022-07-14T10:20:00+07:00"></head>'
        "<body><article><h1>Hội nghị sơ kết</h1><p>Sáng 13/7, Bộ Nông nghiệp tổ chức hội nghị sơ kết "
        "chương trình xây dựng nông thôn mới tại Hà Nội với đại biểu của nhiều tỉnh.</p>"
        "<p>Các đại biểu thảo luận về những khó khăn trong thực hiện tiêu chí.</p></article></body></html>",
        encoding="utf-8",
    )
    raw = read_file(page)
    doc = make_document(str(page), raw.text, published=raw.published)
    facts = dates.find(Context(doc))
    assert [f.value for f in facts] == ["2022-07-14", "2022-07-13"]
    first = facts[0]
    assert doc.text[first.evidence.start:first.evidence.end] == first.quote == "14/07/2022"


def test_page_date_not_repeated_when_in_text():
    doc = make_document("p.txt", "14/07/2022 10:20\nSáng 13/7, Bộ tổ chức hội nghị.", published="2022-07-14")
    assert [f.value for f in dates.find(Context(doc))] == ["2022-07-14", "2022-07-13"]


def test_published_from_dashed_or_dotted_date_line():
    """A dateline "Chủ Nhật, 14-04-2024, 07:30" or "09.05.2021 | 10:10" gives the article year to
    a day without one."""
    for line, want in (("Chủ Nhật, 14-04-2024, 07:30", "2024-04-13"), ("09.05.2021 | 10:10", "2021-05-08")):
        doc = make_document("p.txt", f"{line}\n\nSáng {want[8:].lstrip('0')}/{want[5:7].lstrip('0')}, huyện họp.")
        assert want in [f.value for f in dates.find(Context(doc))]
