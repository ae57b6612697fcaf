"""Unit names running into a person's name; bullet-line summaries; short plan headings."""
from extractors import officials, tallies
from extractors.context import Context
from extractors.units import clean_name, document_province, person_like
from pipeline.document import make_document


def ctx(text, province=None):
    return Context(make_document("test.txt", text, published="2024-09-01", province_hint=province))


def test_unit_name_cut_before_person():
    assert clean_name("Thọ Xuân Lê Văn Bình") == "Thọ Xuân"
    assert clean_name("Hà Nội Trần Thị Hoa") == "Hà Nội"


def test_unit_name_kept_when_registered_or_not_a_person():
    assert clean_name("Thọ Xuân") == "Thọ Xuân"
    assert clean_name("Trà Cú") == "Trà Cú"
    assert clean_name("Thọ Xuân Mới Đẹp") == "Thọ Xuân Mới Đẹp"  # no surname after the prefix


def test_person_like():
    assert person_like("Phạm Quốc Hùng")
    assert not person_like("Trà Cú")
    assert not person_like("Lê Lợi")  # two words: could be a commune


def test_official_keeps_full_name_with_place_like_surname():
    c = ctx("Dự hội nghị có Phó Chủ tịch UBND huyện Thọ Xuân Lâm Hoàng Phúc phát biểu.", "Thanh Hóa")
    names = {o.name for o in officials.find(c)}
    assert "Lâm Hoàng Phúc" in names


def test_bullet_lines_give_province_tallies():
    text = ("Bình Định tổng kết năm 2024.\n\nKẾT QUẢ NĂM 2024\n"
            "- Số xã đạt chuẩn NTM: 90/120 xã (75%)\n"
            "- Số xã đạt chuẩn NTM nâng cao: 30/120 xã; có thêm 5 xã được công nhận\n"
            "- Số huyện đạt chuẩn: 6/11\n"
            "- Thu nhập bình quân: 60 triệu đồng\n\n"
            "Chỉ tiêu năm 2025\n"
            "- Số xã đạt chuẩn NTM nâng cao: 40/120 xã\n")
    got = {(f.parent.name, f.child_level.value, f.standard.value if f.standard else None, f.count, f.total,
            f.modality.value, f.increment) for f in tallies.find(ctx(text, "Bình Định"))}
    assert ("Bình Định", "xã", "ntm", 90, 120, "reported", False) in got
    assert ("Bình Định", "xã", "ntm_nang_cao", 30, 120, "reported", False) in got
    assert ("Bình Định", "xã", "ntm_nang_cao", 5, None, "reported", True) in got
    assert ("Bình Định", "huyện", "ntm", 6, 11, "reported", False) in got
    assert ("Bình Định", "xã", "ntm_nang_cao", 40, 120, "target", False) in got
    assert not any(g[3] == 60 for g in got)


def test_non_bullet_label_gives_nothing():
    text = "Số xã đạt chuẩn NTM: chưa thống kê xong.\n- Tỷ lệ hộ nghèo: 2%\n"
    assert tallies.find(ctx(text, "Bình Định")) == []


def test_document_province_is_the_hint_else_the_most_named():
    text = "Tỉnh Bến Tre có 100 xã đạt chuẩn NTM. Tỉnh Bến Tre phấn đấu ... ; tỉnh Long An có 150 xã."
    assert document_province(text) == "Bến Tre"
    assert document_province(text, hint="Long An") == "Long An"
    assert document_province("Huyện có 10 xã đạt chuẩn NTM.") is None


def test_a_dateline_in_capitals_outweighs_a_province_named_in_passing():
    text = ("Xã Khmer trước chuẩn mới\n\nTRÀ VINH, 14/11/2022 - Nhiều lao động trẻ lên Bình Dương làm công nhân. "
            "Xã Long Hiệp đạt 17/19 tiêu chí.")
    assert document_province(text) == "Trà Vinh"
    # a capitalised word that is no province is no dateline
    assert document_province("THÔNG BÁO, ngày 14/11/2022 - Công nhân lên Bình Dương làm việc.") == "Bình Dương"


def test_the_issuers_header_in_capitals_names_the_province():
    text = ("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 1456/KH-UBND\n\nKẾ HOẠCH\n\n"
            "Học tập cách làm của Tuyên Quang, toàn tỉnh có 37 xã đạt chuẩn NTM.")
    assert document_province(text) == "Cao Bằng"


def test_a_title_after_a_rubric_line_names_the_province():
    text = ("DIỄN ĐÀN | Thứ Hai, 20/01/2025\n\nSóc Trăng và chặng cuối của nông thôn mới\n\n"
            "Cả nước có 6.250/8.014 xã đạt chuẩn; trong khi đó toàn tỉnh mới có 71/80 xã.")
    assert document_province(text) == "Sóc Trăng"


def test_a_bare_huyen_in_an_interview_is_the_district_its_lead_names():
    text = ("Thứ Năm, 14/9/2023\n\n\"Về đích không phải là vạch kết thúc\"\n\n"
            "Chợ Lách - xứ sở cây giống - đang chạy nước rút về đích huyện nông thôn mới. Phóng viên trò chuyện "
            "với ông Trần Thanh Phong, Chủ tịch UBND huyện.\n\n"
            "Ông Trần Thanh Phong: Tính tới cuối tháng 8/2023, huyện có 10/10 xã đạt chuẩn NTM.")
    got = [(f.parent.name, f.count, f.total) for f in tallies.find(ctx(text, "Bến Tre"))]
    assert got == [("Chợ Lách", 10, 10)]
