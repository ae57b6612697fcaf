"""Progress facts: (text, expected facts) tables, own phrasings in the style of the seeds."""
import pytest

from extractors import progress
from extractors.context import Context
from pipeline.document import make_document


def run(text, published="2023-06-15", province=None):
    doc = make_document("test.txt", text, published=published, province_hint=province)
    return progress.find(Context(doc))


def P(level, name, measure, met, total, met_max=None, modality="reported"):
    """Expected fact, compared on the SPEC's matching keys."""
    return (level, name, measure, met, met_max, total, modality)


def key(f):
    return (f.unit.level.value, f.unit.name, f.measure.value, f.met, f.met_max, f.total, f.modality.value)


POSITIVE = {
    "subject-after-opening-phrase": (
        "Đoàn đến xã Hiệp An (huyện Đức Trọng). Hoàn thành 19/19 tiêu chí nông thôn mới, xã miền núi này "
        "đang hướng tới chuẩn kiểu mẫu.",
        [P("xã", "Hiệp An", "tiêu chí", 19, 19)],
    ),
    "bare-level-introduces-name": (
        "Huyện Đại Lộc có 11/12 xã đạt chuẩn. Xã còn lại là Đại Hưng đã đạt 17/19 tiêu chí.",
        [P("xã", "Đại Hưng", "tiêu chí", 17, 19)],
    ),
    "history-year-by-year": (
        "Xã Phú Tân (huyện Châu Thành) đi lên từng bước: năm 2015 đạt 10 tiêu chí, năm 2019 đạt 16 tiêu chí, "
        "năm 2022 đạt 19/19 tiêu chí.",
        [P("xã", "Phú Tân", "tiêu chí", 10, 19), P("xã", "Phú Tân", "tiêu chí", 16, 19),
         P("xã", "Phú Tân", "tiêu chí", 19, 19)],
    ),
    "indicators-joined-by-voi": (
        "Đến nay xã Vĩnh Hải đạt 19/19 tiêu chí với 49/49 chỉ tiêu.",
        [P("xã", "Vĩnh Hải", "tiêu chí", 19, 19), P("xã", "Vĩnh Hải", "chỉ tiêu", 49, 49)],
    ),
    "numbered-commune-name": (
        "Hiện xã Long Đức 3 đạt 17/19 tiêu chí nông thôn mới.",
        [P("xã", "Long Đức 3", "tiêu chí", 17, 19)],
    ),
    # developed on: phrasings seen in the seeds, re-written
    "heading-unit": (
        "* Huyện Cầu Ngang: hiện đạt 07/09 tiêu chí huyện NTM, còn tiêu chí 6 về Kinh tế chưa đạt.",
        [P("huyện", "Cầu Ngang", "tiêu chí", 7, 9)],
    ),
    "heading-bare-level-word": (
        "* Huyện Châu Thành: huyện đạt 06/09 tiêu chí, còn 03 tiêu chí chưa đạt.",
        [P("huyện", "Châu Thành", "tiêu chí", 6, 9)],
    ),
    "heading-second-sentence": (
        "* Huyện Duyên Hải: Kết quả nâng chất 09 tiêu chí huyện NTM. Đến nay đạt 05/09 tiêu chí.",
        [P("huyện", "Duyên Hải", "tiêu chí", 5, 9)],
    ),
    "two-measures": (
        "Xã Long Hòa đạt 18/19 tiêu chí, 55/57 chỉ tiêu.",
        [P("xã", "Long Hòa", "tiêu chí", 18, 19), P("xã", "Long Hòa", "chỉ tiêu", 55, 57)],
    ),
    "range": (
        "Xã Hiệp Mỹ Tây hiện đạt 16/19 tiêu chí, 50-53/57 chỉ tiêu.",
        [P("xã", "Hiệp Mỹ Tây", "tiêu chí", 16, 19), P("xã", "Hiệp Mỹ Tây", "chỉ tiêu", 50, 57, met_max=53)],
    ),
    "list-gom": (
        "Qua rà soát có 03 xã gồm: Mỹ Hòa, Tân Hiệp và Long Sơn đạt 17/19 tiêu chí.",
        [P("xã", n, "tiêu chí", 17, 19) for n in ("Mỹ Hòa", "Tân Hiệp", "Long Sơn")],
    ),
    "list-colon": (
        "Có 03 xã: Thạnh Phú, Hòa Ân, Phong Phú đạt 15/19 tiêu chí, 49-51/57 chỉ tiêu.",
        [p for n in ("Thạnh Phú", "Hòa Ân", "Phong Phú")
         for p in (P("xã", n, "tiêu chí", 15, 19), P("xã", n, "chỉ tiêu", 49, 57, met_max=51))],
    ),
    "list-count-and": (
        "Trong đó có 2 xã Đại Phước và Phước Hảo đạt 19/19 tiêu chí.",
        [P("xã", "Đại Phước", "tiêu chí", 19, 19), P("xã", "Phước Hảo", "tiêu chí", 19, 19)],
    ),
    "list-after-count": (
        "Về NTM nâng cao: đạt 15/19 tiêu chí, 60-62/75 chỉ tiêu có 2 xã Tân An và Hòa Lợi; "
        "đạt 13/19 tiêu chí, 58/75 chỉ tiêu có 01 xã Phú Cần.",
        [P("xã", "Tân An", "tiêu chí", 15, 19), P("xã", "Tân An", "chỉ tiêu", 60, 75, met_max=62),
         P("xã", "Hòa Lợi", "tiêu chí", 15, 19), P("xã", "Hòa Lợi", "chỉ tiêu", 60, 75, met_max=62),
         P("xã", "Phú Cần", "tiêu chí", 13, 19), P("xã", "Phú Cần", "chỉ tiêu", 58, 75)],
    ),
    "district-in-parentheses": (
        "Xã Bình An (Châu Thành) đạt 12/19 tiêu chí; xã Vĩnh Phong (Vĩnh Thuận) đạt 16/19 tiêu chí.",
        [P("xã", "Bình An", "tiêu chí", 12, 19), P("xã", "Vĩnh Phong", "tiêu chí", 16, 19)],
    ),
    "counted-list-in-parentheses": (
        "Có 03 huyện (Càng Long, Châu Thành, Duyên Hải) đã đạt 09/09 tiêu chí NTM nâng cao.",
        [P("huyện", n, "tiêu chí", 9, 9) for n in ("Càng Long", "Châu Thành", "Duyên Hải")],
    ),
    "no-total-commune": (
        "Riêng xã Tân Sơn mới đạt 14 tiêu chí, 45/57 chỉ tiêu.",
        [P("xã", "Tân Sơn", "tiêu chí", 14, 19), P("xã", "Tân Sơn", "chỉ tiêu", 45, 57)],
    ),
    "bare-fraction-before-indicators": (
        "Xã Thạch Bình và Thạch Lạc đạt 13/19, 40-42/57 chỉ tiêu.",
        [p for n in ("Thạch Bình", "Thạch Lạc")
         for p in (P("xã", n, "tiêu chí", 13, 19), P("xã", n, "chỉ tiêu", 40, 57, met_max=42))],
    ),
    "target-phan-dau": (
        "Huyện Triệu Sơn phấn đấu đến cuối năm 2024 hoàn thành 09/09 tiêu chí huyện NTM nâng cao.",
        [P("huyện", "Triệu Sơn", "tiêu chí", 9, 9, modality="target")],
    ),
    "province-noi-dung": (
        "Đến nay, tỉnh Bến Tre đã đạt 06/08 nội dung theo quy định.",
        [P("tỉnh", "Bến Tre", "nội dung", 6, 8)],
    ),
    "province-bare-level": (
        "Năm qua tỉnh Sóc Trăng dồn sức cho chương trình; đến nay tỉnh đã đạt 04/08 nội dung.",
        [P("tỉnh", "Sóc Trăng", "nội dung", 4, 8)],
    ),
    "level-carries-over": (
        "Đến nay, huyện Mỏ Cày Nam đạt 8/9 tiêu chí và Chợ Lách đạt 7/9 tiêu chí.",
        [P("huyện", "Mỏ Cày Nam", "tiêu chí", 8, 9), P("huyện", "Chợ Lách", "tiêu chí", 7, 9)],
    ),
    "doubled-level-word": (
        "Qua tự đánh giá, huyện Huyện Giồng Trôm, huyện Ba Tri đạt 9/9 tiêu chí huyện nông thôn mới nâng cao.",
        [P("huyện", "Giồng Trôm", "tiêu chí", 9, 9), P("huyện", "Ba Tri", "tiêu chí", 9, 9)],
    ),
    "old-tone-placement": (
        "Xã Tân Hoà hiện đạt 19/19 tiêu chí.",
        [P("xã", "Tân Hòa", "tiêu chí", 19, 19)],
    ),
    "plan-then-state": (
        "Theo kế hoạch năm 2024, huyện Cù Lao Dung được chọn về đích, đến nay huyện Cù Lao Dung đạt 6/9 tiêu chí.",
        [P("huyện", "Cù Lao Dung", "tiêu chí", 6, 9)],
    ),
    # generalisation: phrasings of other provinces
    "district-in-parentheses-with-level-word": (
        "Xã Tân Phú (huyện Đồng Phú) đạt 17/19 tiêu chí.",
        [P("xã", "Tân Phú", "tiêu chí", 17, 19)],
    ),
    "district-after-comma": (
        "Xã Ea Tiêu, huyện Cư Kuin hiện đạt 18/19 tiêu chí.",
        [P("xã", "Ea Tiêu", "tiêu chí", 18, 19)],
    ),
    "bare-province-name-noi-dung": (
        "Theo báo cáo, đến nay Vĩnh Long đạt 06/08 nội dung.",
        [P("tỉnh", "Vĩnh Long", "nội dung", 6, 8)],
    ),
    "set-level-beats-appositive": (
        "Huyện Mù Cang Chải, địa phương khó khăn nhất tỉnh, đã đạt 5/9 tiêu chí huyện NTM.",
        [P("huyện", "Mù Cang Chải", "tiêu chí", 5, 9)],
    ),
    "both-communes-anaphor": (
        "Xã Phú Hữu đạt 17/19 tiêu chí; xã Phú Thành đạt 16/19 tiêu chí. Cả hai xã phấn đấu đến cuối năm 2024 đạt 19/19 tiêu chí.",
        [P("xã", "Phú Hữu", "tiêu chí", 17, 19), P("xã", "Phú Thành", "tiêu chí", 16, 19),
         P("xã", "Phú Hữu", "tiêu chí", 19, 19, modality="target"),
         P("xã", "Phú Thành", "tiêu chí", 19, 19, modality="target")],
    ),
    "total-from-siblings": (
        "Năm 2021, xã Lộc Hưng đạt 17/19 tiêu chí NTM nâng cao; riêng xã Lộc Thành mới đạt 12 tiêu chí.",
        [P("xã", "Lộc Hưng", "tiêu chí", 17, 19), P("xã", "Lộc Thành", "tiêu chí", 12, 19)],
    ),
    "registered-communes-header": (
        "Đối với 5 xã đăng ký đạt chuẩn NTM nâng cao năm 2024: xã Tam Hiệp đạt 17/19 tiêu chí.",
        [P("xã", "Tam Hiệp", "tiêu chí", 17, 19)],
    ),
    "past-year-goal-word": (
        "Tính đến cuối năm 2022, huyện Lục Yên đạt 7/9 tiêu chí.",
        [P("huyện", "Lục Yên", "tiêu chí", 7, 9)],
    ),
    "complete-all": (
        "Huyện Đức Trọng đã hoàn thành 9/9 tiêu chí huyện nông thôn mới nâng cao.",
        [P("huyện", "Đức Trọng", "tiêu chí", 9, 9)],
    ),
    "zero-padded": (
        "Xã Ngọc Biên đạt 09/19 tiêu chí.",
        [P("xã", "Ngọc Biên", "tiêu chí", 9, 19)],
    ),
    "bare-fraction-after-count-with-measure": (
        "Xã Ea Tul có 16/19 tiêu chí đạt, xã Cư Pui đạt 13/19, xã Hòa Phong mới đạt 11/19.",
        [P("xã", "Ea Tul", "tiêu chí", 16, 19), P("xã", "Cư Pui", "tiêu chí", 13, 19),
         P("xã", "Hòa Phong", "tiêu chí", 11, 19)],
    ),
    "apostrophe-name": (
        "Xã Đắk R'moan hiện đạt 17/19 tiêu chí nông thôn mới.",
        [P("xã", "Đắk R'Moan", "tiêu chí", 17, 19)],  # the register's spelling
    ),
    "bare-commune-in-commune-report": (
        "UBND HUYỆN YÊN LẬP\nUBND XÃ MỸ LUNG\nSố: 21/BC-UBND\n\nBÁO CÁO\n\n"
        "Đến nay, xã tự đánh giá đạt 16/19 tiêu chí xã nông thôn mới.",
        [P("xã", "Mỹ Lung", "tiêu chí", 16, 19)],
    ),
    "recognising-body-is-not-the-subject": (
        "Ông Lê Văn Tư, Chủ tịch UBND xã Bình Thành, cho biết xã vừa được UBND huyện công nhận sau khi đạt 19/19 tiêu chí.",
        [P("xã", "Bình Thành", "tiêu chí", 19, 19)],
    ),
    "plan-section-makes-target": (
        "KẾT QUẢ\nHuyện Yên Thế đạt 7/9 tiêu chí huyện NTM.\nPHƯƠNG HƯỚNG NĂM 2025\n"
        "Huyện Yên Thế hoàn thành 9/9 tiêu chí huyện NTM.",
        [P("huyện", "Yên Thế", "tiêu chí", 7, 9), P("huyện", "Yên Thế", "tiêu chí", 9, 9, modality="target")],
    ),
    "fraction-in-words": (
        "Xã Tả Phời đạt 17 trên 19 tiêu chí; xã Hợp Thành đạt 16/19 tiêu chí.",
        [P("xã", "Tả Phời", "tiêu chí", 17, 19), P("xã", "Hợp Thành", "tiêu chí", 16, 19)],
    ),
    "bare-town-is-the-district-level-unit": (
        "Thị xã Buôn Hồ có 7 xã. Năm 2023, thị xã đạt 9/9 tiêu chí thị xã hoàn thành nhiệm vụ xây dựng NTM.",
        [P("huyện", "Buôn Hồ", "tiêu chí", 9, 9)],
    ),
    "year-before-bare-commune-is-no-count": (
        "Đoàn khảo sát xã Nậm Lúc (huyện Bắc Hà); năm 2023 xã đạt 15/19 tiêu chí.",
        [P("xã", "Nậm Lúc", "tiêu chí", 15, 19)],
    ),
    "unit-line-then-its-figures": (
        "Kết quả từng xã:\n\n+ Xã Nậm Khắt (huyện Mù Cang Chải):\nđạt 11/19 tiêu chí, 41/57 chỉ tiêu.\n\n"
        "- Xã Púng Luông\nHiện đạt 13/19 tiêu chí.",
        [P("xã", "Nậm Khắt", "tiêu chí", 11, 19), P("xã", "Nậm Khắt", "chỉ tiêu", 41, 57),
         P("xã", "Púng Luông", "tiêu chí", 13, 19)],
    ),
    "two-units-line-then-a-shared-figure": (
        "- Xã Vĩnh Phước và xã Vĩnh Trung\n02 xã cùng đạt 17/19 tiêu chí.",
        [P("xã", "Vĩnh Phước", "tiêu chí", 17, 19), P("xã", "Vĩnh Trung", "tiêu chí", 17, 19)],
    ),
    "unit-placed-by-the-district-before-it": (
        "Tại huyện Chiêm Hóa, xã Kim Bình đạt 16/19 tiêu chí.",
        [P("xã", "Kim Bình", "tiêu chí", 16, 19)],
    ),
    "counted-list-without-colon": (
        "Huyện Hàm Yên có 03 xã gồm Yên Phú, Bình Xa và Thái Sơn đạt 19/19 tiêu chí.",
        [P("xã", "Yên Phú", "tiêu chí", 19, 19), P("xã", "Bình Xa", "tiêu chí", 19, 19),
         P("xã", "Thái Sơn", "tiêu chí", 19, 19)],
    ),
    "district-named-without-level-word": (
        "Tỉnh Kiên Giang chọn hai huyện làm điểm. Ở cấp huyện, Giồng Riềng hiện đạt 7/9 tiêu chí huyện NTM.",
        [P("huyện", "Giồng Riềng", "tiêu chí", 7, 9)],
    ),
    "communes-named-without-level-word": (
        "Tỉnh Gia Lai còn nhiều xã khó khăn như Ia Dom, Ia Nan cũng mới đạt 14/19 tiêu chí.",
        [P("xã", "Ia Dom", "tiêu chí", 14, 19), P("xã", "Ia Nan", "tiêu chí", 14, 19)],
    ),
    "district-heading-in-capitals": (
        "HUYỆN LỘC NINH\n\nNăm nay huyện đạt 8/9 tiêu chí huyện NTM.",
        [P("huyện", "Lộc Ninh", "tiêu chí", 8, 9)],
    ),
    "provincial-city-is-district-level-with-9-criteria": (
        "Tỉnh Hà Tĩnh đề nghị công nhận thành phố Hà Tĩnh, nơi đã đạt 9/9 tiêu chí.",
        [P("huyện", "Hà Tĩnh", "tiêu chí", 9, 9)],
    ),
    "named-after-a-few-words": (
        "Huyện Cư Kuin có 7/8 xã đạt chuẩn. Xã duy nhất chưa về đích là Ea Hu, hiện đạt 17/19 tiêu chí.",
        [P("xã", "Ea Hu", "tiêu chí", 17, 19)],
    ),
    "anaphor-after-a-list-with-one-level-word": (
        "Huyện Trùng Khánh đề nghị xét công nhận 3 xã Đình Phong, Phong Châu và Chí Viễn. Qua thẩm định, "
        "cả 3 xã đều đã đạt 19/19 tiêu chí.",
        [P("xã", "Đình Phong", "tiêu chí", 19, 19), P("xã", "Phong Châu", "tiêu chí", 19, 19),
         P("xã", "Chí Viễn", "tiêu chí", 19, 19)],
    ),
    "anaphor-after-members-listed-after-gom": (
        "UBND tỉnh Bình Định công nhận 02 xã đạt chuẩn nông thôn mới năm 2021, gồm: Cát Tài (huyện Phù Cát) "
        "và Mỹ Tài (huyện Phù Mỹ). Cả 2 xã đều đạt 19/19 tiêu chí.",
        [P("xã", "Cát Tài", "tiêu chí", 19, 19), P("xã", "Mỹ Tài", "tiêu chí", 19, 19)],
    ),
    "counted-list-with-number-word-and-descriptor": (
        "Tỉnh Bến Tre có hai xã biển Bảo Thuận và Thạnh Hải cùng đạt 16/19 tiêu chí.",
        [P("xã", "Bảo Thuận", "tiêu chí", 16, 19), P("xã", "Thạnh Hải", "tiêu chí", 16, 19)],
    ),
    "bare-district-name-before-a-goal": (
        "Tỉnh Bến Tre có 6/9 đơn vị cấp huyện đạt chuẩn; riêng Ba Tri phấn đấu đạt 9/9 tiêu chí huyện NTM "
        "vào năm 2025.",
        [P("huyện", "Ba Tri", "tiêu chí", 9, 9, modality="target")],
    ),
    "figure-short-of-its-total-in-a-plan-section": (
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2025\n1. Phấn đấu có thêm 5 xã đạt chuẩn.\n"
        "2. Xã Việt Lâm (huyện Vị Xuyên) đạt 17/19 tiêu chí, yêu cầu hoàn thành trước tháng 9.",
        [P("xã", "Việt Lâm", "tiêu chí", 17, 19)],
    ),
    "bare-commune-with-its-district-and-no-total": (
        "Tỉnh Hà Tĩnh có nhiều xã miền núi như Sơn Kim 1 (Hương Sơn) mới đạt 11 tiêu chí.",
        [P("xã", "Sơn Kim 1", "tiêu chí", 11, 19)],
    ),
    "bare-district-of-a-tally-in-the-sentence": (
        "Tỉnh Hà Tĩnh có thị xã Hồng Lĩnh hoàn thành nhiệm vụ.\n\nVới vai trò huyện điểm, Nghi Xuân hiện có 12/17 xã "
        "đạt chuẩn NTM, huyện tự đánh giá đạt 6/9 tiêu chí huyện NTM.",
        [P("huyện", "Nghi Xuân", "tiêu chí", 6, 9)],
    ),
    "goal-clause-for-the-same-commune": (
        "Xã Khánh Hải (huyện Trần Văn Thời) đạt 17 tiêu chí, phấn đấu đến tháng 6/2025 đạt 19/19 tiêu chí.",
        [P("xã", "Khánh Hải", "tiêu chí", 17, 19), P("xã", "Khánh Hải", "tiêu chí", 19, 19, modality="target")],
    ),
    "passage-turning-to-a-district": (
        "Huyện Đại Từ và huyện Phú Lương đã về đích.\n\nỞ Đại Từ, các xã vùng chè đã nâng chất. "
        "Huyện đặt mục tiêu năm 2025 đạt 9/9 tiêu chí huyện NTM nâng cao.",
        [P("huyện", "Đại Từ", "tiêu chí", 9, 9, modality="target")],
    ),
    "former-district-in-parentheses": (
        "Tại Thanh Hóa, xã Lương Sơn (huyện Thường Xuân cũ) đến nay mới đạt 45-48/57 chỉ tiêu.",
        [P("xã", "Lương Sơn", "chỉ tiêu", 45, 57, met_max=48)],
    ),
    "share-in-parentheses-and-the-verb-again": (
        "Xã Thạnh Yên A (huyện U Minh Thượng) đạt 15 tiêu chí (78,95%), đạt 49/57 chỉ tiêu (85,96%).",
        [P("xã", "Thạnh Yên A", "tiêu chí", 15, 19), P("xã", "Thạnh Yên A", "chỉ tiêu", 49, 57)],
    ),
    "fallen-back-to-a-lower-figure": (
        "Đáng chú ý, xã Ka Đơn từ 19/19 tiêu chí nay giảm xuống còn 16/19 tiêu chí, đạt 50/57 chỉ tiêu.",
        [P("xã", "Ka Đơn", "tiêu chí", 16, 19), P("xã", "Ka Đơn", "chỉ tiêu", 50, 57)],
    ),
    "goal-joined-by-va": (
        "Hiện huyện Dương Minh Châu đạt 6/9 tiêu chí huyện NTM nâng cao và phấn đấu đến cuối năm 2025 đạt 9/9 tiêu chí.",
        [P("huyện", "Dương Minh Châu", "tiêu chí", 6, 9), P("huyện", "Dương Minh Châu", "tiêu chí", 9, 9, modality="target")],
    ),
    "speech-item-names-the-district": (
        "Thưa các đồng chí, tôi đề nghị:\n\nHai là, đối với huyện Quế Sơn:\nHiện mới đạt 6/9 tiêu chí.",
        [P("huyện", "Quế Sơn", "tiêu chí", 6, 9)],
    ),
    "these-communes-after-a-list-of-them": (
        "2. Đối với các xã phấn đấu đạt chuẩn năm 2014: xã Bình Trung (huyện Bình Sơn) đạt 17/19 tiêu chí; xã "
        "Nghĩa Kỳ (huyện Tư Nghĩa) đạt 18/19 tiêu chí. Giao UBND các huyện chỉ đạo các xã này hoàn thành 19/19 "
        "tiêu chí trước ngày 15/11/2014.",
        [P("xã", "Bình Trung", "tiêu chí", 17, 19), P("xã", "Nghĩa Kỳ", "tiêu chí", 18, 19),
         P("xã", "Bình Trung", "tiêu chí", 19, 19, modality="target"),
         P("xã", "Nghĩa Kỳ", "tiêu chí", 19, 19, modality="target")],
    ),
    "about-before-a-second-count": (
        "Xã Kỳ Lạc (huyện Kỳ Anh) đạt 14/19 tiêu chí và khoảng 45-48/57 chỉ tiêu.",
        [P("xã", "Kỳ Lạc", "tiêu chí", 14, 19), P("xã", "Kỳ Lạc", "chỉ tiêu", 45, 57, met_max=48)],
    ),
    "communes-placed-by-their-district-after-them": (
        "Hai xã Phong Niên và Xuân Quang thuộc huyện Bảo Thắng đạt 18/19 tiêu chí.",
        [P("xã", "Phong Niên", "tiêu chí", 18, 19), P("xã", "Xuân Quang", "tiêu chí", 18, 19)],
    ),
    "bare-figure-after-a-semicolon": (
        "Xã Quỳnh Văn đạt 17/19 tiêu chí NTM nâng cao; xã Quỳnh Thạch mới đạt 15/19.",
        [P("xã", "Quỳnh Văn", "tiêu chí", 17, 19), P("xã", "Quỳnh Thạch", "tiêu chí", 15, 19)],
    ),
    "all-of-the-criteria-as-a-goal": (
        "Xã Thanh Tâm (huyện Thanh Liêm) đạt 16/19 tiêu chí. Xã phấn đấu đến tháng 10/2025 hoàn thành cả 19 tiêu chí.",
        [P("xã", "Thanh Tâm", "tiêu chí", 16, 19), P("xã", "Thanh Tâm", "tiêu chí", 19, 19, modality="target")],
    ),
    "plan-word-inside-a-sentence-is-no-heading": (
        "Theo kế hoạch của tỉnh, xã Tân Lập đến nay đã đạt 17/19 tiêu chí.",
        [P("xã", "Tân Lập", "tiêu chí", 17, 19)],
    ),
    "a-later-year-opening-the-clause-is-a-goal": (
        "Huyện Mỹ Tú hiện đạt 6/9 tiêu chí; năm 2024 huyện đạt 9/9 tiêu chí.",
        [P("huyện", "Mỹ Tú", "tiêu chí", 6, 9), P("huyện", "Mỹ Tú", "tiêu chí", 9, 9, modality="target")],
    ),
    "a-list-of-named-figures-the-measure-said-once": (
        "Huyện Thạch Hà còn ba xã chưa về đích: Thạch Lạc đạt 17/19 tiêu chí, Thạch Văn 16/19 và Thạch Ngọc 15/19.",
        [P("xã", "Thạch Lạc", "tiêu chí", 17, 19), P("xã", "Thạch Văn", "tiêu chí", 16, 19),
         P("xã", "Thạch Ngọc", "tiêu chí", 15, 19)],
    ),
    "a-list-of-named-figures-in-parentheses": (
        "Huyện Lục Ngạn còn ba xã là Phong Minh (15/19 tiêu chí), Sa Lý (14/19) và Phong Vân (13/19).",
        [P("xã", "Phong Minh", "tiêu chí", 15, 19), P("xã", "Sa Lý", "tiêu chí", 14, 19),
         P("xã", "Phong Vân", "tiêu chí", 13, 19)],
    ),
    "a-list-of-named-figures-the-measure-at-the-end": (
        "Ở huyện Bắc Hà, Tả Củ Tỷ mới đạt 11/19, Lùng Cải 12/19 và Nậm Đét 13/19 tiêu chí.",
        [P("xã", "Tả Củ Tỷ", "tiêu chí", 11, 19), P("xã", "Lùng Cải", "tiêu chí", 12, 19),
         P("xã", "Nậm Đét", "tiêu chí", 13, 19)],
    ),
    "a-list-stopped-at-a-level": (
        "Ở huyện Cần Giuộc, Phước Lại, Long Hậu và Tân Tập đều dừng ở mức 16-17/19 tiêu chí.",
        [P("xã", n, "tiêu chí", 16, 19, met_max=17) for n in ("Phước Lại", "Long Hậu", "Tân Tập")],
    ),
    "a-units-deadline-is-a-goal": (
        "Theo kế hoạch của tỉnh, huyện Cần Giờ phải đạt 9/9 tiêu chí trước ngày 30/11/2024. Đến nay huyện mới đạt "
        "7/9 tiêu chí; sẽ hoàn thành 2 tiêu chí còn thiếu trong quý IV.",
        [P("huyện", "Cần Giờ", "tiêu chí", 9, 9, modality="target"), P("huyện", "Cần Giờ", "tiêu chí", 7, 9)],
    ),
    "respectively-one-figure-each": (
        "Huyện Tân Châu có 09/11 xã đạt chuẩn; hai xã Suối Dây và Tân Hội lần lượt đạt 17/19 và 15/19 tiêu chí.",
        [P("xã", "Suối Dây", "tiêu chí", 17, 19), P("xã", "Tân Hội", "tiêu chí", 15, 19)],
    ),
    "a-district-self-assessed-and-one-without-its-total": (
        "Đối chiếu bộ tiêu chí huyện, Dương Minh Châu tự đánh giá đạt 7/9 tiêu chí. Hòa Thành mới đạt 5 tiêu chí.",
        [P("huyện", "Dương Minh Châu", "tiêu chí", 7, 9), P("huyện", "Hòa Thành", "tiêu chí", 5, 9)],
    ),
    "all-of-the-units-of-the-paragraph-before": (
        "UBND tỉnh Bắc Kạn công nhận 02 xã đạt chuẩn nông thôn mới, gồm: xã Nông Thượng (thành phố Bắc Kạn) và xã "
        "Thanh Vận (huyện Chợ Mới).\n\nTheo kết quả thẩm định, cả 02 xã đều đạt 19/19 tiêu chí.",
        [P("xã", "Nông Thượng", "tiêu chí", 19, 19), P("xã", "Thanh Vận", "tiêu chí", 19, 19)],
    ),
    "a-name-opening-with-a-descriptor-word": (
        "Chiều hôm qua, huyện Thới Bình họp tại xã Biển Bạch Đông; xã đã hoàn thành 19/19 tiêu chí.",
        [P("xã", "Biển Bạch Đông", "tiêu chí", 19, 19)],
    ),
    "commune-placed-by-its-district-in-parentheses": (
        "Tỉnh Gia Lai còn hai xã chưa về đích là Ia Chia (huyện Ia Grai), mới đạt 15/19 tiêu chí, và "
        "Kon Pne (huyện Kbang), đạt 12/19 tiêu chí.",
        [P("xã", "Ia Chia", "tiêu chí", 15, 19), P("xã", "Kon Pne", "tiêu chí", 12, 19)],
    ),
    "commune-placed-by-its-district-with-voi": (
        "Xã có kết quả thấp nhất tỉnh là Thạnh Quới (huyện Vĩnh Thạnh) với 13/19 tiêu chí.",
        [P("xã", "Thạnh Quới", "tiêu chí", 13, 19)],
    ),
    "range-in-words-before-the-total": (
        "Ba xã Hòa Quang Bắc, Hòa Quang Nam và Hòa Mỹ Đông đạt từ 13 đến 15/19 tiêu chí.",
        [P("xã", n, "tiêu chí", 13, 19, met_max=15) for n in ("Hòa Quang Bắc", "Hòa Quang Nam", "Hòa Mỹ Đông")],
    ),
    "range-without-a-total": (
        "Các xã Pa Vây Sử, Sì Lở Lầu hiện mới đạt 8-9 tiêu chí.",
        [P("xã", n, "tiêu chí", 8, 19, met_max=9) for n in ("Pa Vây Sử", "Sì Lở Lầu")],
    ),
    "items-of-a-goal-list-short-of-the-total": (
        "Năm 2024, huyện Gia Bình phấn đấu:\n- Xã Bình Dương hoàn thành 19/19 tiêu chí;\n"
        "- Xã Vạn Ninh đạt 18/19 tiêu chí, xã Cao Đức đạt 17/19 tiêu chí.\nTổng vốn dự kiến 50 tỷ đồng.",
        [P("xã", "Bình Dương", "tiêu chí", 19, 19, modality="target"),
         P("xã", "Vạn Ninh", "tiêu chí", 18, 19, modality="target"),
         P("xã", "Cao Đức", "tiêu chí", 17, 19, modality="target")],
    ),
    "items-of-a-results-list-stay-reported": (
        "Kết quả thực hiện kế hoạch năm 2023:\n- Xã Vạn Ninh đạt 18/19 tiêu chí;\n- Xã Cao Đức đạt 17/19 tiêu chí.",
        [P("xã", "Vạn Ninh", "tiêu chí", 18, 19), P("xã", "Cao Đức", "tiêu chí", 17, 19)],
    ),
    "a-short-tasks-heading-with-its-year": (
        "Năm 2023 huyện Cẩm Khê đạt 7/9 tiêu chí.\n\nNhiệm vụ năm 2024\n\nHuyện Cẩm Khê hoàn thành 9/9 tiêu chí, "
        "trình công nhận trong quý III.",
        [P("huyện", "Cẩm Khê", "tiêu chí", 7, 9), P("huyện", "Cẩm Khê", "tiêu chí", 9, 9, modality="target")],
    ),
}

NEGATIVE_REQUIREMENTS = {
    "province-set-requirement": "Cấp tỉnh hoàn thành nhiệm vụ xây dựng NTM phải đạt 8 nội dung theo quy định.",
    "named-province-requirement": "Theo quy định, tỉnh Nam Định phải đạt đủ 8/8 nội dung mới được xét công nhận.",
    "commune-requirement": "Xã Phú Lộc phải đạt đủ 19/19 tiêu chí mới được xem xét công nhận.",
    "illustration": "Ví dụ, xã Tân Phú đạt 18/19 tiêu chí thì vẫn chưa đủ điều kiện.",
    "illustration-assume": "Giả sử huyện Châu Thành đạt 8/9 tiêu chí, huyện chưa được công nhận.",
}


@pytest.mark.parametrize("text", NEGATIVE_REQUIREMENTS.values(), ids=NEGATIVE_REQUIREMENTS.keys())
def test_requirements_and_illustrations_are_no_progress(text):
    assert run(text, province="Nam Định") == []


def test_reported_figure_after_a_requirement_sentence():
    text = ("Xã phải đạt đủ 19/19 tiêu chí mới được công nhận. Hiện xã Hải Hưng đã đạt 17/19 tiêu chí.")
    assert [key(f) for f in run(text, province="Nam Định")] == [P("xã", "Hải Hưng", "tiêu chí", 17, 19)]


NEGATIVE = {
    "town-civilised-urban-set": "Thị trấn Cái Nhum đã đạt 4/5 tiêu chí văn minh đô thị.",
    "date": "Sáng 19/5/2023, xã Tân Hiệp tổ chức hội nghị.",
    "document-number": "Thực hiện Quyết định số 262/QĐ-UBND, xã Phú Lộc triển khai kế hoạch.",
    "complement": "Tỉnh Hà Tĩnh còn lại 03/08 nội dung chưa đạt gồm nội dung 01, 03.",
    "complement-after": "Xã Thạnh Phú có 02/19 tiêu chí chưa đạt.",
    "upgrade-count-no-verb": "Huyện Cầu Kè tập trung nâng chất 09 tiêu chí huyện NTM.",
    "ratio-of-people": "Xã Hòa Lợi có 2.500/3.000 người dân tham gia bảo hiểm y tế.",
    "capacity": "Nhà máy công suất 4.000m3/ngày đêm đặt tại huyện Tiểu Cần.",
    "threshold": "Toàn huyện Vũ Thư có 5 xã đạt 15 tiêu chí trở lên.",
    "remaining-count": "Xã Long Sơn còn 04 tiêu chí chưa đạt.",
    "no-unit": "Các xã cần đạt 19/19 tiêu chí trong thời gian tới.",
    "implausible-total": "Xã Đông Hòa có 45/120 tiêu chí thành phần.",
    "standard-without-count": "Xã Phước Thạnh đạt chuẩn nông thôn mới năm 2023.",
    "average": "Bình quân toàn tỉnh đạt 17,6 tiêu chí/xã.",
    "average-per-commune": "Bình quân mỗi xã đạt 18 tiêu chí/xã.",
    "bare-fraction-of-things": "Xã Ea Tul có 4/4 trường học đạt chuẩn và đã cứng hóa 12,4/12,4 km đường trục xã.",
    "villages-schools": "Xã Minh Quân có 9/9 thôn có nhà văn hóa; 3/3 trường đạt chuẩn.",
    "quarter": "Hồ sơ hoàn thiện trong quý I/2025 trình huyện thẩm tra.",
    "fraction-in-words-of-villages": "Xã Bản Lầu có 5 trên 7 thôn đạt chuẩn nông thôn mới.",
    "village-as-subject": "Xã Lương Phi chọn ấp Ô Tà Sóc làm điểm, đến nay ấp đạt 8/10 tiêu chí.",
    "village-set-named-after": "Riêng ấp Sóc Tiệm (xã Lịch Hội Thượng) đạt 10/10 tiêu chí ấp NTM kiểu mẫu.",
    "bare-name-unknown-to-the-register": "Các thôn vùng cao như Nà Lầu, Khuổi Phầy cũng đã đạt 15/19 tiêu chí.",
    "more-than-in-words": "Các xã của huyện Mường Khương đều đạt trên 15 tiêu chí.",
    "bare-fractions-of-things-after-names": "Xã Tân Lập có Ấp Một 5/7 hộ, Ấp Hai 6/8 hộ đạt chuẩn văn hóa.",
    "a-requirement-by-the-rules": "Huyện Cần Giờ phải đạt 9/9 tiêu chí theo quy định mới được công nhận.",
    "names-of-districts-where-communes-are": "Nhiều xã ở Si Ma Cai, Mường Khương chỉ đạt 3-5 tiêu chí.",
    "a-band-of-a-districts-communes": "Huyện Thanh Sơn còn 9 xã đạt từ 15-18 tiêu chí và 4 xã đạt 10-14 tiêu chí.",
    "a-band-of-a-provinces-communes": "Toàn tỉnh Yên Bái có 30 xã đạt 13-15 tiêu chí.",
}


@pytest.mark.parametrize("text,expected", POSITIVE.values(), ids=POSITIVE.keys())
def test_progress_positive(text, expected):
    assert sorted(key(f) for f in run(text)) == sorted(expected)


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_progress_negative(text):
    assert run(text) == []


def test_evidence_points_into_normalized_text():
    text = "Tin tổng hợp.\n\nQua rà soát, xã Long Hòa đạt 18/19 tiêu chí, 55/57 chỉ tiêu."
    doc = make_document("t.txt", text)
    facts = progress.find(Context(doc))
    assert facts
    for f in facts:
        assert doc.text[f.evidence.start:f.evidence.end] == f.quote
        assert f.quote in f.evidence.sentence
        assert "18/19" in f.quote


def test_standard_from_paragraph_context():
    text = ("Về kết quả rà soát tiêu chí NTM nâng cao đối với 5 xã. Qua rà soát xã Thọ Lộc đạt 16/19 tiêu chí.\n\n"
            "Về tiêu chí NTM, xã Thọ Minh đạt 18/19 tiêu chí.")
    facts = {f.unit.name: f for f in run(text)}
    assert facts["Thọ Lộc"].standard.value == "ntm_nang_cao"
    assert facts["Thọ Minh"].standard.value == "ntm"


def test_standard_of_a_list_item_does_not_carry_to_the_next():
    text = ("Kết quả từng xã:\n- Xã Đức Hạnh: đạt 19/19 tiêu chí; hiện đạt 11/19 tiêu chí NTM nâng cao.\n"
            "- Xã Bình Thắng: đạt 19/19 tiêu chí.\n\nKết quả xây dựng NTM nâng cao:\n- Xã Thiện Hưng: đạt 16/19 tiêu chí.")
    got = {(f.unit.name, f.met): f.standard.value for f in run(text)}
    assert got[("Bình Thắng", 19)] == "ntm"
    assert got[("Đức Hạnh", 11)] == "ntm_nang_cao"
    assert got[("Thiện Hưng", 16)] == "ntm_nang_cao"  # the list's lead names the set


def test_standard_defaults_to_the_programme():
    (f,) = run("Xã Ia Pal hiện đạt 17/19 tiêu chí.")
    assert f.standard.value == "ntm"


def test_province_of_units_from_document_context():
    text = "Tỉnh Trà Vinh tổng kết năm. Huyện Càng Long đạt 8/9 tiêu chí."
    (f,) = run(text)
    assert f.unit.province == "Trà Vinh"


def test_province_hint_used_when_text_names_none():
    (f,) = run("Huyện Càng Long đạt 8/9 tiêu chí.", province="Trà Vinh")
    assert f.unit.province == "Trà Vinh"


def test_implied_total_follows_period():
    old = run("Xã Tân Sơn đạt 14 tiêu chí, 40/49 chỉ tiêu.", published="2019-05-01")
    new = run("Xã Tân Sơn đạt 8 tiêu chí.", published="2026-05-01")
    assert old[0].total == 19 and old[0].total_implied
    assert new[0].total == 10


def test_table_rows_under_a_criteria_header():
    text = ("Huyện Phú Tân tổng hợp kết quả thực hiện tiêu chí NTM của các xã đăng ký về đích năm 2024:\n\n"
            "Tên xã | Tiêu chí đã đạt | Ghi chú\n"
            "Xã Phú Bình | 18/19 | \n"
            "Xã Hiệp Xương | 15/19 | Thiếu Thu nhập\n\n"
            "Huyện đề nghị các xã khẩn trương hoàn thiện hồ sơ.")
    got = {key(f) for f in run(text, province="An Giang")}
    assert P("xã", "Phú Bình", "tiêu chí", 18, 19) in got
    assert P("xã", "Hiệp Xương", "tiêu chí", 15, 19) in got


def test_table_rows_read_by_column():
    text = ("Kết quả rà soát các xã của huyện Đà Bắc:\n\n"
            "STT | Xã | Số tiêu chí đạt | Số chỉ tiêu đạt | Ghi chú\n"
            "1 | Tu Lý | 19/19 | 57/57 | Đã đạt chuẩn\n"
            "2 | Cao Sơn | 17/19 | 54/57 | Chưa đạt TC 10, TC 17\n")
    got = {key(f) for f in run(text, province="Hòa Bình")}
    assert got == {P("xã", "Tu Lý", "tiêu chí", 19, 19), P("xã", "Tu Lý", "chỉ tiêu", 57, 57),
                   P("xã", "Cao Sơn", "tiêu chí", 17, 19), P("xã", "Cao Sơn", "chỉ tiêu", 54, 57)}


def test_table_with_bare_numbers_and_a_district_column():
    text = ("Tiến độ các xã miền núi tỉnh Quảng Ngãi:\n\n"
            "STT | Xã | Huyện | Số tiêu chí đạt | Số chỉ tiêu đạt | Ghi chú\n"
            "1 | Sơn Hạ | Sơn Hà | 17 | 52/57 |\n2 | Ba Vinh | Ba Tơ | 12 | 38-40/57 |\n")
    got = {key(f) for f in run(text, province="Quảng Ngãi")}
    assert {P("xã", "Sơn Hạ", "tiêu chí", 17, 19), P("xã", "Ba Vinh", "tiêu chí", 12, 19),
            P("xã", "Sơn Hạ", "chỉ tiêu", 52, 57)} <= got


def test_a_counted_anaphor_after_a_list_under_a_counting_heading():
    text = ("I. XÃ ĐẠT CHUẨN NTM NÂNG CAO (03 xã)\n\nHuyện Yên Lạc (02 xã)\n1. Xã Liên Châu - QĐ số 11/QĐ-UBND\n"
            "2. Xã Đồng Văn - QĐ số 12/QĐ-UBND\n\nHuyện Tam Dương (01 xã)\n3. Xã Hoàng Đan - QĐ số 13/QĐ-UBND\n\n"
            "II. XÃ ĐẠT CHUẨN NTM KIỂU MẪU (01 xã)\n1. Xã Tề Lỗ (Yên Lạc) - QĐ số 14/QĐ-UBND\n\n"
            "03 xã nâng cao nêu trên đều đạt 19/19 tiêu chí.")
    facts = run(text, province="Vĩnh Phúc")
    assert sorted(f.unit.name for f in facts) == ["Hoàng Đan", "Liên Châu", "Đồng Văn"]


def test_figures_of_the_one_commune_an_article_is_about():
    text = ("Lễ đón nhận quyết định công nhận xã Trà Côn (huyện Trà Ôn) đạt chuẩn nông thôn mới.\n\n"
            "Các con số được ông nêu lại:\n- Cuối năm 2015: đạt 10/19 tiêu chí;\n- Cuối năm 2018: nâng lên 14/19 tiêu chí;\n"
            "- Toàn huyện có 6 xã đạt 16/19 tiêu chí.")
    facts = run(text, province="Vĩnh Long")
    assert sorted((f.unit.name, f.met) for f in facts) == [("Trà Côn", 10), ("Trà Côn", 14)]


def test_a_table_row_whose_commune_bears_a_provinces_name():
    text = ("STT | Xã | Huyện | Tiêu chí đạt\n1 | Gia Trung | Gia Viễn | 18/19\n2 | Khánh Hòa | Yên Khánh | 17/19\n")
    facts = run(text, province="Ninh Bình")
    assert sorted((f.unit.level.value, f.unit.name, f.met) for f in facts) == [("xã", "Gia Trung", 18), ("xã", "Khánh Hòa", 17)]


def test_communes_that_must_reach_it_by_a_date():
    text = "Kết luận hội nghị, ba xã Cúc Phương, Kỳ Phú, Phú Long phải đạt 19/19 tiêu chí trước ngày 30/11/2022."
    facts = run(text, published="2022-09-15", province="Ninh Bình")
    assert sorted((f.unit.name, f.met, f.modality.value) for f in facts) == [
        ("Cúc Phương", 19, "target"), ("Kỳ Phú", 19, "target"), ("Phú Long", 19, "target")]


def test_a_table_whose_header_a_lead_gives_in_parentheses():
    text = ("Nhóm 1 - Xã đạt chuẩn NTM năm 2020 (xã | đơn vị cấp huyện | số tiêu chí đạt):\n"
            "1. Phong Hiền | Phong Điền | 19/19\n2. Vinh Hà | Phú Vang | 19/19\n")
    facts = run(text, province="Thừa Thiên Huế")
    assert sorted((f.unit.level.value, f.unit.name, f.unit.district, f.met) for f in facts) == [
        ("xã", "Phong Hiền", "Phong Điền", 19), ("xã", "Vinh Hà", "Phú Vang", 19)]


def test_the_figure_a_commune_is_set_to_reach():
    text = "+ Xã Tân Thành: 4,8 tỷ đồng; hiện đạt 14/19 tiêu chí, giao đạt 17 tiêu chí."
    facts = run(text, province="Đắk Nông")
    assert sorted((f.met, f.modality.value) for f in facts) == [(14, "reported"), (17, "target")]


def test_table_rows_naming_the_district_in_parentheses():
    text = ("STT | Xã (huyện) | Tiêu chí đạt | Tiêu chí chưa đạt\n1 | Nam Hồng (Tiền Hải) | 19/19 | Không\n"
            "2 | Vũ Hội (Vũ Thư) | 17/19 | TC 2 - Giao thông\n")
    facts = run(text, province="Thái Bình")
    assert sorted((f.unit.name, f.unit.district, f.met, f.total) for f in facts) == [
        ("Nam Hồng", "Tiền Hải", 19, 19), ("Vũ Hội", "Vũ Thư", 17, 19)]


def test_table_rows_without_a_criteria_header_are_no_progress():
    # a table of other ratios (households, roads) has no measure word in its header
    text = ("Kết quả giảm nghèo của huyện Phú Tân:\n\n"
            "Tên xã | Hộ thoát nghèo/hộ nghèo\n"
            "Xã Phú Bình | 18/19\n"
            "Xã Hiệp Xương | 15/19\n")
    assert run(text, province="An Giang") == []


def test_a_numbered_goals_heading_makes_its_items_targets():
    text = ("Yên Thành ban hành kế hoạch xây dựng NTM nâng cao\n\n1. Thực trạng\n"
            "Huyện Yên Thành mới đạt 5/9 tiêu chí huyện NTM nâng cao.\n\n2. Mục tiêu\n"
            "- Huyện Yên Thành đạt 9/9 tiêu chí huyện NTM nâng cao.\n")
    got = sorted((f.met, f.modality.value) for f in run(text, province="Nghệ An", published="2022-04-22"))
    assert got == [(5, "reported"), (9, "target")]


def test_a_dateline_in_capitals_names_the_district_of_its_paragraph():
    # a news digest: each paragraph opens with its district in capitals, then says only "Huyện"
    text = ("Bản tin nông thôn mới tháng 11\n\nLẠNG GIANG - Chiều 20/11, Ban Chỉ đạo huyện họp bàn về tiến độ. "
            "Huyện hiện đạt 6/9 tiêu chí huyện NTM nâng cao.\n")
    assert [key(f) for f in run(text, province="Bắc Giang", published="2023-11-30")] == [
        P("huyện", "Lạng Giang", "tiêu chí", 6, 9)]


def test_a_section_heading_in_capitals_names_its_commune():
    text = ("Các xã Khmer ở Trà Cú trước chuẩn mới\n\nLONG HIỆP: HAI TIÊU CHÍ CÒN NỢ\n\n"
            "Đường nhựa đã tới từng ấp. Theo kết quả rà soát, xã đạt 17/19 tiêu chí.\n")
    facts = run(text, province="Trà Vinh", published="2022-11-14")
    assert [(key(f), f.unit.district) for f in facts] == [(P("xã", "Long Hiệp", "tiêu chí", 17, 19), "Trà Cú")]


def test_a_name_before_the_verb_outranks_a_level_word_in_a_title():
    text = ("Theo ông Triệu Văn Quyết, Chủ tịch UBND xã, sau rà soát lại, Sảng Mộc mới đạt 9/19 tiêu chí "
            "và 34/57 chỉ tiêu.")
    got = sorted((f.unit.name, f.met, f.total) for f in run(text, province="Thái Nguyên", published="2022-11-17"))
    assert got == [("Sảng Mộc", 9, 19), ("Sảng Mộc", 34, 57)]


@pytest.mark.parametrize("text, expected", [
    ("Đối chiếu bộ tiêu chí mới, Ngọc Biên chỉ còn đạt 18/19 tiêu chí.", ("Ngọc Biên", 18, None, 19)),
    ("Cúc Đường thì dao động ở mức 12-13/19 tiêu chí.", ("Cúc Đường", 12, 13, 19)),
])
def test_adverbs_between_a_bare_name_and_its_figure(text, expected):
    province = "Trà Vinh" if "Ngọc Biên" in text else "Thái Nguyên"
    assert [(f.unit.name, f.met, f.met_max, f.total) for f in run(text, province=province)] == [expected]


def test_what_two_communes_still_have_is_their_figure():
    text = "- Xã An Thủy và xã Phong Thủy còn 18/19 tiêu chí: An Thủy chưa đạt lại tiêu chí số 2 - Giao thông."
    got = sorted((f.unit.name, f.met, f.total) for f in run(text, province="Quảng Bình", published="2020-11-18"))
    assert got == [("An Thủy", 18, 19), ("Phong Thủy", 18, 19)]
    # what is left to do is no figure of what was reached
    assert run("Xã An Thủy còn 3/19 tiêu chí.", province="Quảng Bình") == []
    assert run("Xã An Thủy còn 3 tiêu chí chưa đạt: Giao thông, Thủy lợi và Nhà ở.", province="Quảng Bình") == []


def test_a_capitals_heading_prefers_the_articles_province():
    # "Tân Hiệp" is also a district of Kiên Giang; in a Trà Vinh article the heading is the commune
    text = ("Các xã Khmer ở Trà Cú\n\nTÂN HIỆP: GIAO THÔNG VÀ Y TẾ\n\nXã hiện đạt 15/19 tiêu chí, 49/57 chỉ tiêu.\n")
    got = sorted((f.unit.level.value, f.unit.name, f.unit.province, f.met) for f in
                 run(text, province="Trà Vinh", published="2022-11-14"))
    assert got == [("xã", "Tân Hiệp", "Trà Vinh", 15), ("xã", "Tân Hiệp", "Trà Vinh", 49)]


def test_a_province_in_an_aside_passes_no_level_to_a_commune_named_after_it():
    text = ("Theo Bộ tiêu chí áp dụng trên địa bàn tỉnh (Quyết định số 1650/QĐ-UBND của UBND tỉnh Quảng Ngãi), "
            "đến cuối tháng 2/2024, Ba Động đạt 14/19 tiêu chí với 46/57 chỉ tiêu.")
    got = [(f.unit.level.value, f.unit.name, f.met) for f in run(text, province="Quảng Ngãi", published="2024-03-14")]
    assert got == [("xã", "Ba Động", 14), ("xã", "Ba Động", 46)]
