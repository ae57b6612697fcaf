"""Unmet criteria: (text, expected facts) tables, own phrasings of provincial news."""
import pytest

from extractors import unmet
from extractors.context import Context
from pipeline.document import make_document


def run(text, published="2024-06-15", province=None):
    doc = make_document("test.txt", text, published=published, province_hint=province)
    return unmet.find(Context(doc))


def key(f):
    return (f.unit.name, f.criterion, f.count_units)


POSITIVE = {
    "both-communes-share-it": (
        "Năm nay huyện Châu Thành chọn hai xã về đích là Phú Tân và An Hiệp. Xã Phú Tân đạt 15/19 "
        "tiêu chí, xã An Hiệp đạt 16/19 tiêu chí; cả hai xã còn tiêu chí số 13 về Tổ chức sản xuất chưa đạt.",
        [("Phú Tân", 13, None), ("An Hiệp", 13, None)],
    ),
    "three-communes-share-a-list": (
        "Các xã Hòa Tú 1, Ngọc Tố và Gia Hòa 2 đã đạt 17/19 tiêu chí; cả ba xã còn 02 tiêu chí chưa đạt "
        "gồm tiêu chí 10 về Thu nhập và tiêu chí 17 về Môi trường.",
        [("Hòa Tú 1", 10, None), ("Ngọc Tố", 10, None), ("Gia Hòa 2", 10, None),
         ("Hòa Tú 1", 17, None), ("Ngọc Tố", 17, None), ("Gia Hòa 2", 17, None)],
    ),
    "one-after-name": (
        "Huyện Tân Phước hiện đạt 8/9 tiêu chí, còn tiêu chí 6 về Kinh tế chưa đạt.",
        [("Tân Phước", 6, None)],
    ),
    "chain-before-verb": (
        "Huyện Gò Công Tây còn tiêu chí 2 về Giao thông, tiêu chí 3 về Thủy lợi và tiêu chí 7 về Môi trường chưa đạt.",
        [("Gò Công Tây", 2, None), ("Gò Công Tây", 3, None), ("Gò Công Tây", 7, None)],
    ),
    "list-after-head": (
        "Xã Mỹ Phong đạt 16/19 tiêu chí; 03 tiêu chí chưa đạt gồm tiêu chí 13 về Tổ chức sản xuất, "
        "tiêu chí 17 về Môi trường và tiêu chí 18 về Chất lượng môi trường sống.",
        [("Mỹ Phong", 13, None), ("Mỹ Phong", 17, None), ("Mỹ Phong", 18, None)],
    ),
    "parenthesised-name-only-one": (
        "Huyện Mường Khương hiện đạt 8/9 tiêu chí; tiêu chí số 6 (Kinh tế) là tiêu chí duy nhất huyện chưa đạt.",
        [("Mường Khương", 6, None)],
    ),
    "still-not": (
        "Riêng huyện Krông Pắc, tiêu chí 8 về Chất lượng môi trường sống vẫn chưa đạt.",
        [("Krông Pắc", 8, None)],
    ),
    "district-wide-count": (
        "* Huyện Yên Định: Tiêu chí số 5 - Trường học có 4 xã chưa đạt; Tiêu chí số 17 - Môi trường, 6 xã chưa đạt.",
        [("Yên Định", 5, 4), ("Yên Định", 17, 6)],
    ),
    "province-noi-dung": (
        "Tỉnh Bạc Liêu đạt 05/08 nội dung; còn 03/08 nội dung chưa đạt gồm nội dung 02, 04 và 07.",
        [("Bạc Liêu", 2, None), ("Bạc Liêu", 4, None), ("Bạc Liêu", 7, None)],
    ),
    "count-first-province-wide": (
        "Toàn tỉnh Bạc Liêu vẫn còn 4 xã chưa đạt tiêu chí số 17 về Môi trường.",
        [("Bạc Liêu", 17, 4)],
    ),
    "name-first-number-in-parens": (
        "Huyện Mường Lát đạt 6/9 tiêu chí; còn 3 tiêu chí chưa đạt là Thủy lợi (tiêu chí 3), "
        "Kinh tế (tiêu chí 6) và Môi trường (tiêu chí 7).",
        [("Mường Lát", 3, None), ("Mường Lát", 6, None), ("Mường Lát", 7, None)],
    ),
    "report-table-rows": (
        "UBND HUYỆN HẠ HÒA\nUBND XÃ ẤM HẠ\nSố: 45/BC-UBND\n\nBÁO CÁO\n\n"
        "| Tiêu chí | Kết quả |\n| 1. Quy hoạch | Đạt |\n| 8. Thông tin và Truyền thông | Chưa đạt |\n"
        "| 12. Lao động | Đạt |\n| 18. Chất lượng môi trường sống | Chưa đạt |\n",
        [("Ấm Hạ", 8, None), ("Ấm Hạ", 18, None)],
    ),
    "complement-then-hardest-named": (
        "Xã Pải Lủng mới đạt 11/19 tiêu chí. Trong 8 tiêu chí chưa đạt, nổi bật nhất là tiêu chí số 2 về "
        "Giao thông và số 17 về Môi trường.",
        [("Pải Lủng", 2, None), ("Pải Lủng", 17, None)],
    ),
    "second-item-without-criteria-word": (
        "Xã Sín Chéng mới đạt 9/19 tiêu chí; tiêu chí số 2 về Giao thông và số 17 về Môi trường đều chưa đạt.",
        [("Sín Chéng", 2, None), ("Sín Chéng", 17, None)],
    ),
    "hardest-after-short-figure": (
        "Xã Ia Dom hiện đạt 12/19 tiêu chí. Khó khăn nhất là tiêu chí số 10 về Thu nhập (hộ còn thu nhập thấp) "
        "và tiêu chí số 11 về Hộ nghèo.",
        [("Ia Dom", 10, None), ("Ia Dom", 11, None)],
    ),
    "hardest-still": (
        "Huyện Mường Tè đạt 6/9 tiêu chí, vướng nhất vẫn là tiêu chí số 5 về Y tế - Văn hóa - Giáo dục.",
        [("Mường Tè", 5, None)],
    ),
    "list-in-parentheses-numbers-only": (
        "Huyện Ia Pa đã đạt 7/9 tiêu chí, còn 2 tiêu chí (số 2 về Giao thông và số 6 về Kinh tế) chưa đạt.",
        [("Ia Pa", 2, None), ("Ia Pa", 6, None)],
    ),
    "list-in-parentheses-with-criteria-word": (
        "Xã Ia Kriêng đạt 17/19 tiêu chí; còn 02 tiêu chí (tiêu chí 10 về Thu nhập, tiêu chí 11 về Nghèo "
        "đa chiều) vẫn chưa đạt.",
        [("Ia Kriêng", 10, None), ("Ia Kriêng", 11, None)],
    ),
    "lacking-a-count-with-its-list": (
        "Xã Cư Drăm mới thiếu 2 tiêu chí (tiêu chí số 2 và tiêu chí số 17) để về đích.",
        [("Cư Drăm", 2, None), ("Cư Drăm", 17, None)],
    ),
    "still-lacking-one": (
        "Riêng xã Ea Trul còn thiếu tiêu chí số 17 (Môi trường và an toàn thực phẩm).",
        [("Ea Trul", 17, None)],
    ),
    "after-a-figure-of-a-unit-named-bare": (
        "Tỉnh Kiên Giang có 8/15 đơn vị cấp huyện hoàn thành nhiệm vụ. Ở cấp huyện, Giồng Riềng hiện đạt 8/9 "
        "tiêu chí huyện NTM, còn tiêu chí số 6 về Kinh tế chưa đạt.",
        [("Giồng Riềng", 6, None)],
    ),
    "remaining-is": (
        "Huyện Hải Lăng đã đạt 8/9 tiêu chí. Tiêu chí còn lại là tiêu chí số 6 về Sản xuất.",
        [("Hải Lăng", 6, None)],
    ),
    "still-being-completed": (
        "Theo tự đánh giá, huyện Lộc Ninh đạt 8/9 tiêu chí, còn tiêu chí số 5 về Y tế - Văn hóa - Giáo dục "
        "đang hoàn thiện.",
        [("Lộc Ninh", 5, None)],
    ),
    "list-after-in-which-there-are": (
        "Xã Phước Minh đạt 13/19 tiêu chí; còn 06 tiêu chí chưa đạt, trong đó có tiêu chí số 2 (Giao thông) "
        "và tiêu chí số 17 (Môi trường và an toàn thực phẩm).",
        [("Phước Minh", 2, None), ("Phước Minh", 17, None)],
    ),
    "provincial-review-counts-communes-of-the-province": (
        "Đến nay tỉnh Lào Cai có 13/144 xã đạt chuẩn NTM.\n\nTiêu chí số 11 về Hộ nghèo có 102 xã chưa đạt.",
        [("Lào Cai", 11, 102)],
    ),
    "not-met-said-first": (
        "Xã Phú Linh (huyện Vị Xuyên) hiện đạt 17/19 tiêu chí; chưa đạt tiêu chí số 7 (Cơ sở hạ tầng thương mại "
        "nông thôn) và tiêu chí số 13 (Tổ chức sản xuất).",
        [("Phú Linh", 7, None), ("Phú Linh", 13, None)],
    ),
    "table-note-with-abbreviations": (
        "STT | Xã | Số tiêu chí đạt | Ghi chú\n1 | Tu Lý | 19/19 | Đã đạt chuẩn\n2 | Cao Sơn | 17/19 | Chưa đạt TC 10, TC 17\n",
        [("Cao Sơn", 10, None), ("Cao Sơn", 17, None)],
    ),
    "review-under-a-district-line": (
        "Huyện Cẩm Thủy\nToàn huyện có 12 xã đạt chuẩn NTM.\n\nHuyện Ngọc Lặc\nHuyện đạt 05/09 tiêu chí. Ở cấp xã, "
        "tiêu chí số 2 - Giao thông có 6 xã chưa đạt.",
        [("Ngọc Lặc", 2, 6)],
    ),
    "a-review-larger-than-any-province-is-the-countrys": (
        "Tỉnh Hậu Giang có 51/51 xã đạt chuẩn NTM.\n\nXét theo tiêu chí, tiêu chí số 11 về Nghèo đa chiều còn "
        "1.215 xã chưa đạt.",
        [("Việt Nam", 11, 1215)],
    ),
    "review-after-the-districts-figure": (
        "Tỉnh Bến Tre có 6/9 đơn vị cấp huyện đạt chuẩn.\n\nLấy huyện Thạnh Phú làm ví dụ. Huyện hiện đạt 6/9 tiêu chí; ở cấp "
        "xã, tiêu chí số 17 còn 4 xã chưa đạt.",
        [("Thạnh Phú", 17, 4)],
    ),
    "still-stuck-at": (
        "Xã Tân Linh (huyện Đại Từ) hiện đạt 16 tiêu chí NTM nâng cao, còn vướng ở tiêu chí số 13 về Tổ chức "
        "sản xuất.",
        [("Tân Linh", 13, None)],
    ),
    "numbers-with-names-in-parentheses": (
        "Xã Nâm Nung đạt 15/19 tiêu chí, còn thiếu tiêu chí số 9 (Nhà ở dân cư), 10 (Thu nhập) và 11 (Nghèo đa chiều).",
        [("Nâm Nung", 9, None), ("Nâm Nung", 10, None), ("Nâm Nung", 11, None)],
    ),
    "a-list-does-not-run-into-the-next-units-sentence": (
        "Huyện Thanh Hà hiện đạt 7/9 tiêu chí; còn 02 tiêu chí chưa đạt là tiêu chí số 6 (Sản xuất) và tiêu chí "
        "số 7 (Môi trường). Huyện Tứ Kỳ đạt 8 tiêu chí, còn tiêu chí số 2 về Giao thông chưa đạt.",
        [("Thanh Hà", 6, None), ("Thanh Hà", 7, None), ("Tứ Kỳ", 2, None)],
    ),
    "table-note-abbreviations-without-space": (
        "STT | Xã | Số tiêu chí đạt | Ghi chú\n1 | Bình Sơn | 16/19 | Chưa đạt TC7 (Cơ sở hạ tầng thương mại nông thôn), TC13\n",
        [("Bình Sơn", 7, None), ("Bình Sơn", 13, None)],
    ),
    "fallen-at": (
        "Xã Pró hiện đạt 17 tiêu chí, bị rớt ở tiêu chí số 11 về Nghèo đa chiều và tiêu chí số 17 về Môi trường.",
        [("Pró", 11, None), ("Pró", 17, None)],
    ),
    "not-yet-completed-after-the-name": (
        "Báo cáo nêu rõ, huyện Quỳnh Lưu còn tiêu chí số 6 về Kinh tế chưa hoàn thành. Huyện Yên Thành đã về đích.",
        [("Quỳnh Lưu", 6, None)],
    ),
    "lacking-list-head-with-the-units-level-word": (
        "Xã Quỳnh Hồng (huyện Quỳnh Phụ) đã đạt 17/19 tiêu chí.\n\nHai tiêu chí xã còn thiếu là tiêu chí số 10 "
        "về Thu nhập và tiêu chí số 17 về Môi trường và an toàn thực phẩm.",
        [("Quỳnh Hồng", 10, None), ("Quỳnh Hồng", 17, None)],
    ),
    "fell-short-list-head": (
        "Khi rà soát lại, xã Nà Nhạn chỉ giữ được 17/19 tiêu chí; hai tiêu chí bị hụt là tiêu chí số 15 (Y tế) "
        "và tiêu chí số 18 (Hệ thống chính trị và tiếp cận pháp luật).",
        [("Nà Nhạn", 15, None), ("Nà Nhạn", 18, None)],
    ),
    "an-aside-between-the-name-and-not-yet-met": (
        "Huyện Kim Bảng tự đánh giá đạt 8/9 tiêu chí, chỉ còn tiêu chí số 7 về Môi trường (thu gom rác thải) chưa đạt.",
        [("Kim Bảng", 7, None)],
    ),
    "not-met-the-following-criteria-colon": (
        "Xã Ia Pếch (huyện Ia Grai) mới đạt 15/19 tiêu chí, chưa đạt các tiêu chí: số 2 - Giao thông, số 10 - "
        "Thu nhập và số 17 - Môi trường.",
        [("Ia Pếch", 2, None), ("Ia Pếch", 10, None), ("Ia Pếch", 17, None)],
    ),
    "not-met-the-criteria-numbers-with-names-in-parentheses": (
        "- Xã Ninh Thân: còn đạt 16/19 tiêu chí; chưa đạt các tiêu chí số 10 (Thu nhập), số 11 (Nghèo đa chiều) "
        "và số 17 (Môi trường và an toàn thực phẩm).",
        [("Ninh Thân", 10, None), ("Ninh Thân", 11, None), ("Ninh Thân", 17, None)],
    ),
    "head-then-bare-numbers-separated-by-semicolons": (
        "Huyện Hiệp Đức hiện đạt 5/9 tiêu chí. Các tiêu chí chưa đạt gồm: số 2 - Giao thông; số 6 - Sản xuất; "
        "số 7 - Môi trường.",
        [("Hiệp Đức", 2, None), ("Hiệp Đức", 6, None), ("Hiệp Đức", 7, None)],
    ),
    "lacking-also-stuck-together-and-in-quotes": (
        "Xã Phước Sơn đạt 16/19 tiêu chí, xã Phước Hòa đạt 17/19 tiêu chí. Xã Phước Sơn còn thiếu thêm tiêu chí 13 "
        "(Tổ chức sản xuất).\n\nXã Tân Mỹ đạt 18/19 tiêu chí; vướng tiêu chí số 15 - Y tế.\n\nXã Tân Hòa chỉ giữ "
        "được 17/19 tiêu chí, \"rớt\" tiêu chí 9 về Nhà ở dân cư.",
        [("Phước Sơn", 13, None), ("Tân Mỹ", 15, None), ("Tân Hòa", 9, None)],
    ),
    "head-ending-its-line-with-one-item-per-line": (
        "Xã Lạc An hiện đạt 16/19 tiêu chí, 52/57 chỉ tiêu. Ba tiêu chí xã chưa đạt gồm:\n"
        "- Tiêu chí số 5 - Giáo dục: còn một trường chưa đạt chuẩn.\n"
        "- Tiêu chí số 13 - Tổ chức sản xuất và phát triển kinh tế nông thôn: chưa có hợp tác xã.\n"
        "- Tiêu chí số 17 - Môi trường và an toàn thực phẩm: thiếu nước sạch.\n"
        "Xã cam kết khắc phục trong năm.",
        [("Lạc An", 5, None), ("Lạc An", 13, None), ("Lạc An", 17, None)],
    ),
    "a-districts-review-with-counts-in-parentheses": (
        "Huyện Núi Thành có 10/15 xã đạt chuẩn NTM; các xã còn lại đạt 14-16/19 tiêu chí. Những tiêu chí nhiều "
        "xã chưa đạt là: tiêu chí số 10 - Thu nhập (4 xã), tiêu chí số 17 - Môi trường và an toàn thực phẩm (5 xã).",
        [("Núi Thành", 10, 4), ("Núi Thành", 17, 5)],
    ),
    "most-communes-fail-then-the-next-ones": (
        "Rà soát toàn tỉnh Ninh Bình, nhiều xã chưa đạt nhất là tiêu chí số 17 về Môi trường và an toàn thực phẩm "
        "(31 xã); tiếp đến tiêu chí số 10 về Thu nhập (19 xã) và tiêu chí số 5 về Giáo dục (12 xã).",
        [("Ninh Bình", 17, 31), ("Ninh Bình", 10, 19), ("Ninh Bình", 5, 12)],
    ),
    "only-left-after-a-figure-short-of-its-total": (
        "Huyện Đơn Dương đạt 8/9 tiêu chí huyện NTM, chỉ còn tiêu chí số 6 - Kinh tế.\n\nXã Lạc Xuân đạt 17/19 "
        "tiêu chí, còn tiêu chí 10 (Thu nhập) và tiêu chí 17 (Môi trường).",
        [("Đơn Dương", 6, None), ("Lạc Xuân", 10, None), ("Lạc Xuân", 17, None)],
    ),
    "a-bare-name-lacking": (
        "Hai xã Đạ Tông và Đạ M'Rông cùng đạt 16/19 tiêu chí. Đạ Tông còn thiếu thêm tiêu chí 13 (Tổ chức sản xuất).",
        [("Đạ Tông", 13, None)],
    ),
    "all-three-of-a-figure": (
        "Ở huyện Cần Giuộc, Phước Lại, Long Hậu và Tân Tập đều dừng ở mức 16-17/19 tiêu chí, cả ba xã cùng chưa "
        "đạt tiêu chí 17 - Môi trường.",
        [("Phước Lại", 17, None), ("Long Hậu", 17, None), ("Tân Tập", 17, None)],
    ),
    "a-table-column-of-criteria-not-met": (
        "STT | Xã (huyện) | Tiêu chí đạt | Tiêu chí chưa đạt\n1 | Nam Hồng (Tiền Hải) | 19/19 | Không\n"
        "2 | Vũ Hội (Vũ Thư) | 17/19 | TC 2 - Giao thông; TC 17 - Môi trường\n",
        [("Vũ Hội", 2, None), ("Vũ Hội", 17, None)],
    ),
    "fallen-in-quotes-as-a-head": (
        'Xã Hoằng Phụ chỉ còn đạt 16/19 tiêu chí. Ba tiêu chí "rớt" gồm: tiêu chí số 2 - Giao thông, tiêu chí số 10 - '
        "Thu nhập và tiêu chí số 17 - Môi trường.",
        [("Hoằng Phụ", 2, None), ("Hoằng Phụ", 10, None), ("Hoằng Phụ", 17, None)],
    ),
    "criteria-most-communes-miss-with-a-colon": (
        "Rà soát toàn tỉnh Nam Định, các tiêu chí có nhiều xã chưa đạt nhất: tiêu chí số 17 về Môi trường (90 xã "
        "chưa đạt); tiêu chí số 5 về Trường học (31 xã).",
        [("Nam Định", 17, 90), ("Nam Định", 5, 31)],
    ),
    "a-bare-name-stuck-at": (
        "Xã Suối Dây đạt 17/19 tiêu chí. Suối Dây vướng tiêu chí 2 - Giao thông và tiêu chí 9 - Nhà ở dân cư.",
        [("Suối Dây", 2, None), ("Suối Dây", 9, None)],
    ),
    "a-review-listed-one-criterion-per-line": (
        "Huyện Phong Điền có 6/6 xã đạt chuẩn NTM nâng cao.\n\nSố xã chưa đạt theo từng tiêu chí (toàn thành phố Cần "
        "Thơ):\n- Tiêu chí 18 - Chất lượng môi trường sống: 8 xã chưa đạt;\n- Tiêu chí 17 - Môi trường: 6 xã;\n"
        "- Tiêu chí 10 - Thu nhập: 2 xã.\n",
        [("Cần Thơ", 18, 8), ("Cần Thơ", 17, 6), ("Cần Thơ", 10, 2)],
    ),
    "a-long-aside-before-not-yet-met": (
        "Thành phố Cần Thơ hiện đạt 7/8 nội dung; nội dung 08 (chỉ số hài lòng của người dân, tổ chức đối với sự "
        "phục vụ của cơ quan hành chính nhà nước) chưa đạt.",
        [("Cần Thơ", 8, None)],
    ),
    "names-first-with-bare-numbers-in-parentheses": (
        "Xã Pờ Tó đạt 13/19 tiêu chí; 03 tiêu chí chưa đạt gồm Giao thông (số 2), Trường học (số 5) và Thu nhập (số 10).",
        [("Pờ Tó", 2, None), ("Pờ Tó", 5, None), ("Pờ Tó", 10, None)],
    ),
    "still-owed-in-quotes": (
        'Xã Khánh An hiện đạt 16/19 tiêu chí. 03 tiêu chí còn "nợ" là: tiêu chí số 2 - Giao thông; số 10 - Thu nhập '
        "và số 17 - Môi trường.",
        [("Khánh An", 2, None), ("Khánh An", 10, None), ("Khánh An", 17, None)],
    ),
}

NEGATIVE = {
    "topic-only": "Các tiêu chí xã Phú Mỹ còn thiếu chủ yếu về giao thông, thủy lợi và môi trường.",
    "met": "Huyện Cái Nước đã đạt tiêu chí 6 về Kinh tế.",
    "count-without-number": "Xã Tân Lập còn 2 tiêu chí chưa đạt.",
    "table-rows-met": "| Tiêu chí | Kết quả |\n| 4. Điện | Đạt |\n| 9. Nhà ở dân cư | Đạt |\n",
    "name-first-without-head": "Xã Yên Lạc làm tốt Giao thông (tiêu chí 2) và Điện (tiêu chí 4).",
    "hardest-after-full-figure": "Xã Hòa Tiến đã đạt 19/19 tiêu chí; khó nhất là tiêu chí số 13 về Tổ chức sản xuất.",
    "hardest-without-figure": "Theo cán bộ xã Tân An, khó nhất là tiêu chí số 17 về Môi trường.",
    "both-met": "Xã Bình Thạnh có tiêu chí số 10 về Thu nhập và số 11 về Nghèo đa chiều đều đã đạt.",
    "list-in-parentheses-met": "Xã Ia Sao đã hoàn thành 2 tiêu chí (số 2 về Giao thông và số 6 về Kinh tế) trong năm.",
    "remaining-met": "Huyện Hải Lăng đã đạt 9/9 tiêu chí. Tiêu chí còn lại là tiêu chí số 6 về Sản xuất.",
    "being-implemented-without-still": "Xã Tân Lập đang hoàn thiện tiêu chí số 17 về Môi trường.",
    "lacking-without-number": "Xã Ia Tul còn thiếu tiêu chí về giao thông nông thôn.",
    "lacking-list-head-without-numbers": "Xã Đông Hòa đạt 17/19 tiêu chí. Hai tiêu chí xã còn thiếu là giao thông và thu nhập.",
    "review-head-without-numbers": "Ở huyện Tiên Phước, những tiêu chí nhiều xã chưa đạt là thu nhập và môi trường.",
    "still-left-after-a-full-figure": "Xã Phước Hậu đã đạt 19/19 tiêu chí, còn tiêu chí 17 được duy trì tốt.",
    "complement-then-topics-only": "Xã Sơn Vĩ đạt 12/19 tiêu chí. Trong 7 tiêu chí chưa đạt, khó nhất là giao thông và thu nhập.",
}


@pytest.mark.parametrize("text,expected", POSITIVE.values(), ids=POSITIVE.keys())
def test_unmet_positive(text, expected):
    assert sorted((key(f) for f in run(text)), key=repr) == sorted(expected, key=repr)


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_unmet_negative(text):
    assert run(text) == []


def test_both_of_two_figures_lack_the_same_criteria():
    text = ("Ông dẫn chứng xã Hồng Quang (Lâm Bình) mới đạt 8/19 tiêu chí, xã Khâu Tinh (Na Hang) chỉ đạt "
            "7 tiêu chí, cả hai đều chưa đạt tiêu chí số 10 về Thu nhập và tiêu chí số 11 về Hộ nghèo.")
    got = sorted(key(f) for f in run(text, province="Tuyên Quang", published="2019-12-20"))
    assert got == [("Hồng Quang", 10, None), ("Hồng Quang", 11, None), ("Khâu Tinh", 10, None),
                   ("Khâu Tinh", 11, None)]


def test_names_listed_before_their_numbers_after_the_verb():
    text = ("Huyện Sơn Dương mới đạt 5/9 tiêu chí huyện NTM, còn thiếu Giao thông (số 2), Sản xuất (số 6) "
            "và Môi trường (số 7).")
    got = sorted(key(f) for f in run(text, province="Tuyên Quang", published="2019-12-20"))
    assert got == [("Sơn Dương", 2, None), ("Sơn Dương", 6, None), ("Sơn Dương", 7, None)]


def test_each_commune_keeps_its_own_criterion_in_one_sentence():
    text = ("- Xã An Thủy và xã Phong Thủy còn 18/19 tiêu chí: An Thủy chưa đạt lại tiêu chí số 2 - Giao thông, "
            "Phong Thủy chưa đạt tiêu chí số 6 - Cơ sở vật chất văn hóa.")
    got = sorted(key(f) for f in run(text, province="Quảng Bình", published="2020-11-18"))
    assert got == [("An Thủy", 2, None), ("Phong Thủy", 6, None)]


def test_no_longer_met_after_a_disaster():
    text = ("Sau lũ, xã Tân Thủy không còn đạt các tiêu chí số 2 - Giao thông và số 3 - Thủy lợi.\n\n"
            "Tính chung huyện Lệ Thủy, tiêu chí số 3 - Thủy lợi có 6 xã không còn đạt; tiêu chí số 9 - Nhà ở "
            "dân cư có 4 xã; tiêu chí số 11 - Hộ nghèo có 3 xã.")
    got = sorted(key(f) for f in run(text, province="Quảng Bình", published="2020-11-18"))
    assert got == [("Lệ Thủy", 3, 6), ("Lệ Thủy", 9, 4), ("Lệ Thủy", 11, 3), ("Tân Thủy", 2, None),
                   ("Tân Thủy", 3, None)]


def test_a_count_that_met_it_on_the_same_line_is_no_unmet_item():
    text = ("Toàn huyện Lệ Thủy, tiêu chí số 3 - Thủy lợi có 6 xã chưa đạt; tiêu chí số 9 - Nhà ở dân cư có 20 xã đạt.")
    assert sorted(key(f) for f in run(text, province="Quảng Bình")) == [("Lệ Thủy", 3, 6)]


def test_the_criteria_left_listed_one_per_line_below_a_count():
    text = ("Đến cuối tháng 2/2024, xã Ba Động đạt 14/19 tiêu chí. Năm tiêu chí còn lại và kinh phí dự kiến như sau:\n\n"
            "1. Tiêu chí số 2 - Giao thông: nâng cấp tuyến liên xã; kinh phí 6,85 tỷ đồng.\n\n"
            "2. Tiêu chí Trường học (số 5): xây thêm 4 phòng học; 4,2 tỷ đồng.\n\n"
            "3. Môi trường và an toàn thực phẩm: 2,1 tỷ đồng.\n\n"
            "4. Tiêu chí 10 - Thu nhập: hỗ trợ giống keo, bò sinh sản.\n\n"
            "Cộng lại, xã cần 17,3 tỷ đồng; tiêu chí 11 đã có lộ trình.")
    got = sorted(key(f) for f in run(text, province="Quảng Ngãi", published="2024-03-14"))
    assert got == [("Ba Động", 2, None), ("Ba Động", 5, None), ("Ba Động", 10, None)]


def test_no_longer_met_reaches_the_extractor_through_its_triggers():
    # extract() skips an extractor whose trigger words are all absent: "không còn đạt" is one
    from extractors import extract

    text = "Sau lũ, xã Tân Thủy (huyện Lệ Thủy) không còn đạt các tiêu chí số 2 - Giao thông và số 3 - Thủy lợi."
    facts = extract(make_document("t.txt", text, published="2020-11-18", province_hint="Quảng Bình"))
    assert [(f.unit.name, f.criterion) for f in facts["unmet"]] == [("Tân Thủy", 2), ("Tân Thủy", 3)]
