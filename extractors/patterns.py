"""Named regex fragments for Vietnamese NTM text (patterns only, no logic).

Every pattern runs over the tone-folded text (``hoà`` -> ``hòa``), so
alternatives list new-style tone placement only. Built with the ``regex``
module for Unicode classes (``\\p{Lu}``).
"""
from __future__ import annotations

from bisect import bisect_left
import re

import regex

# --- letters and numbers -------------------------------------------------
# A capitalised syllable: "Trà", "Cú", "Đông". Digits allowed for "Phường 3".
# Highland names keep an apostrophe: "Liêng S'rônh", "Đạ M'rông".
CAP_SYL = r"(?:\p{Lu}\p{Ll}*(?:['’]\p{Ll}+)?|\d{1,2})(?![\p{L}\d])"
# The last digit of a number that counts units before a level word ("4 huyện", "12 xã"), not
# of a year ("năm 2024 huyện có thêm 3 xã": the district of the article).
COUNT_DIGIT = r"(?<!(?<!\d)(?:19|20)\d)\d"
# Small counts written as words: "hai huyện", "cả ba xã"
NUMBER_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def count_of(written: str):
    """A small count as written: "12" -> 12, "hai" -> 2, "một" -> 1, "mười hai" -> 12, "mười lăm"
    -> 15; None for anything else."""
    words = written.lower().split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if words == ["một"]:
        return 1
    if len(words) == 2 and words[0] == "mười":
        ones = {"một": 1, "lăm": 5}.get(words[1], NUMBER_WORDS.get(words[1]))
        return 10 + ones if ones and ones < 10 else None
    return NUMBER_WORDS.get(words[0]) if len(words) == 1 else None


# A name written in capitals (up to four words): "YÊN THẾ", "TRÀ VINH", "IA H'DRAI"
CAPS_NAME = r"\p{Lu}[\p{Lu}'’]*(?:[ \t]\p{Lu}[\p{Lu}'’]*){0,3}"
# Zero-padded small integers: "08", "9", "056".
NUM = r"\d{1,3}"
# Vietnamese thousands use dots ("5.775") and decimals use commas ("81,93").
BIG_NUM = r"\d{1,3}(?:\.\d{3})+|\d+"

# --- administrative level words ------------------------------------------
# Longest first: "thị xã" before "xã", "thành phố" before nothing shorter.
LEVEL_WORDS = {
    "thị trấn": "xã",
    "thị xã": "huyện",
    "thành phố": "huyện",  # a province-level city is recognised by name
    "tp.": "huyện",
    "tp": "huyện",
    "phường": "xã",
    "quận": "huyện",
    "huyện": "huyện",
    "tỉnh": "tỉnh",
    "xã": "xã",
}
LEVEL = r"(?i:thị\s+trấn|thị\s+xã|thành\s+phố|tp\.?|phường|quận|huyện|tỉnh|xã)"
NOT_LEVEL = r"(?!(?i:thị\s+trấn|thị\s+xã|thành\s+phố|phường|quận|huyện|tỉnh|xã)(?![\p{L}]))"
# A proper name: 1-5 capitalised syllables, none of them a level word, none an
# all-caps acronym (NTM, UBND: CAP_SYL needs lower-case after the capital).
# A number ends a name ("Phường 3", "xã Đại Ân 2"): "xã Đại Ân 2 Thạch Sô Phết" is the
# commune and then a person's name, never one name.
# (A highland name may capitalise after its apostrophe: "Ia H'Drai", "Đưng K'Nớ".)
_WORD_SYL = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?(?![\p{L}\d])"
_NUM_SYL = r"\d{1,2}(?![\p{L}\d])"
NAME = (rf"{NOT_LEVEL}(?:{_NUM_SYL}|{_WORD_SYL}(?:[ \-]{NOT_LEVEL}{_WORD_SYL}){{0,4}}"
        rf"(?:[ \-]{_NUM_SYL})?)")

# "xã Đông Yên", "huyện Huyện Cầu Kè" (the doubled word: NAME refuses "Huyện").
# The parenthesis may repeat the level word: "xã Tân Hòa (huyện Châu Thành)", and say the unit is a
# former one: "xã Lương Sơn (huyện Thường Xuân cũ)".
PAREN_PLACE = rf"\s*\(\s*(?:{LEVEL}\s+)?(?P<paren>{NAME})(?:\s+(?i:cũ))?\s*\)"
# A descriptor between the level word and the name: "huyện biên giới Đức Huệ", "xã vùng cao Lũng Cú".
DESCRIPTOR_WORDS = (r"(?i:biên\s+giới|miền\s+núi|vùng\s+cao|vùng\s+sâu|ven\s+biển|biển|hải\s+đảo|đảo|thuần\s+nông|"
                    r"trung\s+du|nghèo|đặc\s+biệt\s+khó\s+khăn)")
# (in lower case: "xã Biển Bạch Đông" is a name that opens with "Biển")
UNIT_DESCRIPTOR = rf"(?:(?=\p{{Ll}}){DESCRIPTOR_WORDS}\s+(?=\p{{Lu}}))?"
# (the name on the level word's line: "... CTMTQG HUYỆN" / "Số: 142/BC-BCĐ" names no district "Số")
UNIT_MENTION = regex.compile(
    rf"(?<![\p{{L}}])(?P<lw>{LEVEL})[^\S\n]+{UNIT_DESCRIPTOR}(?P<name>{NAME})(?:{PAREN_PLACE})?"
)
# A list sharing one level word: "04 xã gồm: A, B, C và D", "2 xã A và B",
# "02 huyện (Tiểu Cần, Cầu Kè)", "xã Xuân Phong và Quảng Phú".
LIST_HEAD = regex.compile(
    rf"(?<![\p{{L}}\d])(?:(?P<n>{NUM})\s+)?(?P<lw>{LEVEL})(?:\s+{DESCRIPTOR_WORDS}(?=\s+\p{{Lu}}))?"
    rf"(?:\s+(?:gồm|là|bao gồm))?\s*(?P<open>[:(])?\s*"
)
LIST_ITEM = regex.compile(rf"(?:(?P<lw>{LEVEL})\s+)?(?P<name>{NAME})(?:{PAREN_PLACE})?")
LIST_SEP = regex.compile(r"\s*(?:,|\bvà\b|&)\s*|\s+")
# A bare name right before the verb: "... và Kiên Lương đạt 4/9 tiêu chí".
BARE_NAME_BEFORE_VERB = regex.compile(
    rf"(?:,|\bvà\b)\s*(?P<name>{NAME})\s+(?:hiện\s+|đã\s+|cũng\s+)?(?:thực hiện\s+)?(?:đạt|hoàn thành)\b\s*$"
)
# A bare level word standing for a unit named elsewhere: "tỉnh đã đạt", "huyện đạt".
# ("xã" of "thị xã" is no bare commune: BARE_TOWN reads "thị xã")
BARE_LEVEL = regex.compile(r"(?<![\p{L}])(?<!(?i:thị)\s)(?P<lw>(?i:tỉnh|huyện|xã))(?![\p{L}])(?!\s+\p{Lu})")
# "* Huyện Trà Cú: ..." -- a heading naming the unit the line is about.
HEADING = regex.compile(
    rf"[ \t]*(?:[*•+\-–]|\d{{1,2}}[.)]|[a-zđ][.)])?[ \t]*(?P<lw>{LEVEL})\s+(?P<name>{NAME})\s*(?:\([^)]*\))?\s*[:：]"
)

# A table header cell that names the units of its column: "Xã", "Tên xã", "Huyện", "Đơn vị cấp huyện"
# ("Xã (huyện)": its cells name the commune and, in parentheses, its district)
UNIT_HEADER = regex.compile(r"^(?i:tên\s+)?(?P<lw>(?i:xã|huyện|phường|thị\s+trấn|thị\s+xã|quận))(?:\s*\(\s*(?i:huyện)\s*\))?$|"
                            r"^(?i:đơn\s+vị)(?:\s+(?i:cấp\s+)?(?P<lw2>(?i:xã|huyện)))?$")
# A table header cell that counts units that reached a standard: "Số xã đạt chuẩn NTM"
# ("Xã NTM nâng cao", "Xã NTM kiểu mẫu": the standard named without the verb; "Số huyện, thành phố
# đạt chuẩn": the district-level units of every kind)
COUNT_HEADER = regex.compile(
    r"^(?i:số\s+)?(?P<child>(?i:xã|huyện|đơn\s+vị\s+cấp\s+huyện))(?:\s*,\s*(?i:thị\s+xã|thành\s+phố|quận))*\s+(?:(?:(?i:đã)\s+)?"
    r"(?i:đạt\s+chuẩn|được\s+công\s+nhận|về\s+đích|hoàn\s+thành\s+nhiệm\s+vụ)(?P<std>.*)|"
    r"(?P<std>(?i:ntm|nông\s+thôn\s+mới)\s+(?i:nâng\s+cao|kiểu\s+mẫu)))$")

# The country's socio-economic regions, which are no units of the register: "Đồng bằng sông Hồng:
# 1.741/1.741 xã đạt chuẩn" counts communes of no province
REGION_NAME = regex.compile(
    r"(?i:đồng\s+bằng\s+sông\s+(?:hồng|cửu\s+long)|đông\s+nam\s+bộ|tây\s+nam\s+bộ|tây\s+nguyên|bắc\s+trung\s+bộ|"
    r"duyên\s+hải\s+(?:nam\s+)?trung\s+bộ|(?:bắc\s+trung\s+bộ\s+và\s+)?duyên\s+hải\s+miền\s+trung|"
    r"trung\s+du\s+(?:và\s+)?miền\s+núi\s+(?:phía\s+)?bắc(?:\s+bộ)?|miền\s+núi\s+phía\s+bắc)")

# A people's committee or council before a bare level word: "UBND tỉnh", "Hội đồng nhân dân huyện"
COUNCIL = r"(?:UBND|HĐND|(?i:ủy\s+ban\s+nhân\s+dân|hội\s+đồng\s+nhân\s+dân))"

# --- criterion counts ------------------------------------------------------
MEASURE = r"(?P<measure>tiêu\s+chí|chỉ\s+tiêu|nội\s+dung)"
# "08/09", "51-54/57", "54 - 55/57"
FRACTION = rf"(?P<met>{NUM})(?:\s*[-–]\s*(?P<met_max>{NUM}))?\s*/\s*(?P<total>{NUM})"
COUNT = regex.compile(rf"(?<![\d/.,])(?:{FRACTION})(?![\d/])(?:\s+{MEASURE}(?![\p{{L}}]))?")
# "đạt 17 trên 19 tiêu chí": a fraction in words, read only with its measure word after it
# ("2 trên 3 thôn" is no criterion count)
COUNT_OVER = regex.compile(rf"(?<![\d/.,])(?P<met>{NUM})\s+trên\s+(?P<total>{NUM})\s+{MEASURE}(?![\p{{L}}])")
# "đạt 12 tiêu chí" (no total: it comes from the criteria set)
# "đạt 6-7 tiêu chí", "đạt từ 15 đến 17 tiêu chí": a range
COUNT_NO_TOTAL = regex.compile(
    rf"(?i:đạt|hoàn thành)\s+(?:được\s+|đủ\s+|cả\s+|(?i:từ)\s+)?(?P<met>{NUM})"
    rf"(?:\s*[-–]\s*(?P<met_max>{NUM})|\s+(?i:đến)\s+(?P<met_max>{NUM}))?"
    r"\s+(?P<measure>tiêu\s+chí|nội\s+dung)(?![\p{L}])(?!\s*/)"
)
# Between two counts of one group: "18/19 tiêu chí, 56/57 chỉ tiêu".
# "19/19 tiêu chí với 49/49 chỉ tiêu": the indicators of the same units
# "15 tiêu chí (78,95%), đạt 49/57 chỉ tiêu", "16/19 tiêu chí, tương ứng 47/57 chỉ tiêu": a share in
# parentheses and the verb again may stand between
GROUP_JOIN = regex.compile(
    r"^\s*(?:\([\d,.%\s-]{1,20}\)\s*)?(?:,|và|;|(?i:với))?\s*(?:(?i:đạt|tương\s+ứng(?:\s+với)?)\s+)?"
    r"(?:(?i:khoảng|gần|hơn|trên)\s+)?$")
# Complements are not progress: "còn lại 03/08 nội dung chưa đạt".
COMPLEMENT_BEFORE = regex.compile(
    r"(?<!(?i:xuống|giảm|rớt|nay|chỉ)\s)(?i:còn(?:\s+lại)?|chưa\s+đạt|trừ)\s*$")
COMPLEMENT_AFTER = regex.compile(
    r"\s*(?:[^\s;,.|:]+\s+){0,3}?(?i:chưa\s+đạt|chưa\s+hoàn\s+thành|trở\s+lên|còn\s+thiếu|còn\s+lại)")

# --- standards and modality ------------------------------------------------
STANDARD = regex.compile(
    r"(?i:nông\s+thôn\s+mới|NTM|XDNTM)(?:\s*\(NTM\))?(?P<q>\s+(?i:nâng\s+cao|kiểu\s+mẫu))?"
    r"|(?P<q2>(?i:nâng\s+cao|kiểu\s+mẫu))"
    r"|(?P<done>(?i:hoàn\s+thành\s+nhiệm\s+vụ))"
)
# Words that make a statement a goal: "phấn đấu", "kế hoạch", "đến cuối năm".
TARGET_CUE = regex.compile(
    r"(?<![\p{L}])(?i:phấn\s+đấu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|phương\s+hướng|sẽ|giao\s+chỉ\s+tiêu|"
    # "hiện đạt 14/19, giao đạt 17 tiêu chí": the figure a commune is set to reach
    r"giao\s+(?:đạt|phấn\s+đấu)|"
    # "Giao UBND các huyện chỉ đạo các xã này hoàn thành 19/19" (not the "Ban Chỉ đạo", a body)
    r"(?<!(?i:ban)\s)chỉ\s+đạo(?!\s+(?i:của|xây|thực))|"
    # "tính đến cuối năm 2023" is a state reached, not a goal
    r"(?<!(?i:tính|tới)\s+)đến\s+cuối\s+(?:năm|tháng|quý)|(?<!(?i:tính)\s+)đến\s+năm\s+\d{4}|"
    r"trước\s+năm\s+\d{4}|trong\s+năm\s+(?:20\d\d|nay)|"
    r"phải\s+hoàn\s+thành|cố\s+gắng|đặt\s+ra|"
    # "các xã đăng ký đạt chuẩn năm 2024: xã A đạt 17/19" -- after a bare unit noun,
    # "đăng ký" describes which units are meant; it is no goal of the clause.
    r"(?<!(?:xã|huyện|phường|thị\s+trấn|đơn\s+vị|địa\s+phương)\s+)đăng\s+ký|"
    # ... unless a plan to add follows: "huyện đăng ký có thêm 2 xã về đích"
    r"đăng\s+ký(?=\s+(?:có\s+)?thêm(?![\p{L}])))(?![\p{L}])"
)
# A goal stated between a count and its verb: "03 xã còn lại phấn đấu đạt chuẩn",
# "15 xã đăng ký đạt chuẩn NTM năm 2024", "5 xã dự kiến được công nhận".
TARGET_VERB = regex.compile(
    r"(?<![\p{L}])(?i:phấn\s+đấu|đăng\s+ký|dự\s+kiến|sẽ|kế\s+hoạch|mục\s+tiêu|cố\s+gắng|phải)(?![\p{L}])"
)
# The year of a goal cue: "trong năm 2023" in an article of 2024 is a year gone by.
CUE_YEAR = regex.compile(r"(?:19|20)\d\d")
# Words that make it a state reached: "đến nay", "hiện đạt", "qua rà soát".
REPORTED_CUE = regex.compile(
    r"(?<![\p{L}])(?i:đến\s+nay|tính\s+đến|hiện\s+nay|(?<!thực\s)hiện|đã|qua\s+rà\s+soát|"
    r"tự\s+đánh\s+giá|kết\s+quả|đạt\s+được|vẫn)(?![\p{L}])"
)

# --- dates ----------------------------------------------------------------
# "08/3/2022", "19/05/2023", "06-08-2022" (same separator both sides)
FULL_DATE = regex.compile(r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])")
# "ngày 23 tháng 11 năm 2023"
LONG_DATE = regex.compile(r"(?i:ngày)\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})\s*(?:,\s*)?(?i:năm)\s+(?P<y>(?:19|20)\d\d)(?!\d)")
# the same without "ngày" ("30 tháng 9 năm 2020") or with a comma for "năm" ("2 tháng 8, 2024"); the
# dates extractor tries it only at the number before each "tháng" (it opens with a digit)
LONG_DATE_BARE = regex.compile(
    r"(?<![\d\p{L}])(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})\s*"
    r"(?:(?:,\s*)?(?i:năm)\s+|,\s*)(?P<y>(?:19|20)\d\d)(?!\d)")
# "tháng 5/2022", "tháng 11 năm 2023", "tháng 01/2024"
MONTH_YEAR = regex.compile(r"(?<![\p{L}])(?i:tháng)\s+(?P<m>\d{1,2})\s*(?:/|-|\s+(?i:năm)\s+)(?P<y>(?:19|20)\d\d)(?![\d/])")
# "đầu tháng 7", "cuối tháng 12", "hết tháng 6": a month without a year, only with its qualifier (a bare
# "tháng 11" may be a count of months: "tháng 11 và 11 tháng"); it takes the article's year
PART_OF_MONTH = regex.compile(
    r"(?<![\p{L}])(?i:đầu|giữa|cuối|hết)\s+(?P<t>(?i:tháng)\s+(?P<m>\d{1,2}))(?![\d/.,-]?\d)(?!\s*(?:[/-]|(?i:năm)\s+\d))"
)
# "ngày 26/11", "sáng 19/5": a day and month with no year, after a word that makes it a date
# "ngày 26-11", "tối 3-9" (dashes after a word that can only open a date; "từ 5-7 xã" is a range);
# "Tối 20.11" (dotted, same words only: "đạt 9.5" is no date); "Sáng nay (26/11)", "hôm nay (ngày 26/11)".
DAY_MONTH = regex.compile(
    r"(?<![\p{L}])(?:(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|trước|sau)\s+(?:(?i:nay|mai|qua)\s+)?(?:ngày\s+)?"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})"
    r"|(?i:ngày|sáng|chiều|tối|trưa|đêm)\s+(?:ngày\s+)?(?P<d>\d{1,2})[-.](?P<m>\d{1,2})"
    r"|(?i:nay|qua|mai)\s*\(\s*(?i:ngày\s+)?(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?=\s*\))"
    # "ngày 10 tháng 6" with no year after it
    r"|(?i:ngày)\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})(?!\s*(?:,\s*)?(?i:năm)\s+\d|\s*[/-]\s*\d))"
    r"(?![\d/]|[.-]\d|\s*(?:tiêu|chỉ|nội|xã|huyện|đơn|người|hộ|ha|km|tỷ|triệu)(?![\p{L}]))"
)

# --- legal and administrative documents ----------------------------------------
DOC_KINDS = (
    "Quyết định", "Nghị quyết", "Nghị định", "Kế hoạch", "Thông báo", "Thông tư", "Chỉ thị",
    "Công văn", "Văn bản", "Kết luận", "Tờ trình", "Báo cáo", "Hướng dẫn", "Quy định", "Luật",
    "Chương trình hành động", "Kế hoạch hành động", "Chương trình", "Đề án", "Công điện",
)
# Abbreviated kinds, upper case only: "theo QĐ số 1234/QĐ-UBND", "NQ 05-NQ/TU".
DOC_KIND_ABBR = {"QĐ": "Quyết định", "NQ": "Nghị quyết", "KH": "Kế hoạch", "TB": "Thông báo",
                 "CV": "Công văn", "NĐ": "Nghị định", "TT": "Thông tư", "CT": "Chỉ thị"}
DOC_KIND = ("(?i:" + "|".join(k.replace(" ", r"\s+") for k in DOC_KINDS) + ")"
            "|(?-i:" + "|".join(DOC_KIND_ABBR) + r")(?=\s+(?i:số\s*:?\s*)?\d)")
# "321/QĐ-TTg", "04-NQ/TU", "75/2023/NĐ-CP", "202/2025/QH15"
DOC_SYMBOL = r"\d{1,5}(?:[/-](?:\d{4}|[\p{Lu}Đ][\p{L}\d&]*(?:-[\p{L}\d&]+)*))+"
LEGAL_REF = regex.compile(
    rf"(?<![\p{{L}}])(?P<kind>{DOC_KIND})\s+(?:(?i:số)\s*:?\s*(?P<num>{DOC_SYMBOL}|\d{{1,5}}(?![\d/]))|(?P<sym>{DOC_SYMBOL}))"
)
# More numbers of the same kind after the first: "các Quyết định số 318/QĐ-TTg, số 319/QĐ-TTg và số 320/QĐ-TTg"
LEGAL_REF_MORE = regex.compile(rf"\s*(?:,|;|\bvà)\s*(?P<so>(?i:số))\s*:?\s*(?P<num>{DOC_SYMBOL})")
ISSUE_DATE_AFTER = regex.compile(
    r"\s*,?\s*(?:(?i:được\s+)?(?:ban\s+hành|ký)\s+)?(?:(?i:cùng)\s+)?(?i:ngày)\s+(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)|"
    r"(?P<d2>\d{1,2})\s+(?i:tháng)\s+(?P<m2>\d{1,2})\s+(?i:năm)\s+(?P<y2>(?:19|20)\d\d))"
)

# The number line of an official document's own header: "Số: 236/TB-UBND" (a line of its own,
# or followed by the place and date), the kind line ("THÔNG BÁO") and the date line
# ("Hà Tĩnh, ngày 14 tháng 6 năm 2024") near it.
HEADER_NUMBER = regex.compile(
    rf"(?m)^[ \t]*(?P<lab>Số|SỐ)\s*:\s*(?P<num>{DOC_SYMBOL})(?![\p{{L}}\d/-])"
)
HEADER_KIND = regex.compile(
    r"(?m)^[ \t]*(?P<kind>QUYẾT\s+ĐỊNH|THÔNG\s+BÁO|KẾ\s+HOẠCH|BÁO\s+CÁO|TỜ\s+TRÌNH|NGHỊ\s+QUYẾT|"
    r"CHỈ\s+THỊ|CÔNG\s+VĂN|HƯỚNG\s+DẪN|KẾT\s+LUẬN|CÔNG\s+ĐIỆN|QUY\s+ĐỊNH|ĐỀ\s+ÁN|CHƯƠNG\s+TRÌNH)[ \t]*$"
)
HEADER_DATE = regex.compile(
    r"(?m)^[^\n,]{2,40},\s*(?i:ngày)\s+(?P<d>\d{1,2})\s+(?i:tháng)\s+(?P<m>\d{1,2})\s+(?i:năm)\s+(?P<y>(?:19|20)\d\d)"
)
# The kind a symbol names: "236/TB-UBND" is a Thông báo.
SYMBOL_KINDS = {"QĐ": "Quyết định", "TB": "Thông báo", "KH": "Kế hoạch", "BC": "Báo cáo", "TTr": "Tờ trình",
                "NQ": "Nghị quyết", "CT": "Chỉ thị", "HD": "Hướng dẫn", "KL": "Kết luận", "CĐ": "Công điện",
                "ĐA": "Đề án", "CTr": "Chương trình", "NĐ": "Nghị định", "TT": "Thông tư"}
SYMBOL_KIND = regex.compile(r"[/-](?P<abbr>" + "|".join(sorted(SYMBOL_KINDS, key=len, reverse=True)) + r")(?=[-/]|$)")

# --- tallies ----------------------------------------------------------------
# The child level of a tally: "xã", "đơn vị cấp huyện", "huyện, thị xã, thành phố".
CHILD = (
    r"(?P<child>(?i:đơn\s+vị\s+(?:hành\s+chính\s+)?cấp\s+huyện|huyện,\s*thị\s+xã,\s*thành\s+phố|"
    r"huyện,\s*thị\s+xã|xã,\s*phường,\s*thị\s+trấn|xã,\s*thị\s+trấn|huyện|xã|"
    # "2 thị xã hoàn thành nhiệm vụ xây dựng NTM", "1 thành phố đạt chuẩn" (not "trực thuộc")
    r"thị\s+xã|thành\s+phố(?!\s+trực\s+thuộc)|"
    # a bare "đơn vị": a tally only where the sentence names the level ("Ở cấp huyện, ... 28 đơn vị")
    r"đơn\s+vị(?!\s+(?:hành\s+chính\s+)?cấp)))(?![\p{L}])"
)
# The level a bare "đơn vị" counts, named earlier in its sentence: "Ở cấp huyện, ...".
CHILD_LEVEL_LEAD = regex.compile(r"(?<![\p{L}])(?i:cấp\s+(?P<lv>huyện|xã))(?![\p{L}])")
# The parent right after the counted units: "25/25 xã của huyện", "12 xã của tỉnh Nam Định".
PARENT_AFTER = regex.compile(
    rf"\s*(?i:của|thuộc)\s+(?:(?P<lw>{LEVEL})\s+(?P<name>{NAME})|(?P<bare>(?i:tỉnh|huyện|thị\s+xã|quận))(?![\p{{L}}])(?!\s+\p{{Lu}}))"
)
# A bare district-level word standing for the district of the article: "đến nay thị xã có 5/5 xã".
BARE_TOWN = regex.compile(r"(?<![\p{L}])(?P<lw>(?i:thị\s+xã|quận))(?![\p{L}])(?!\s+\p{Lu})")
# "toàn thành phố có 36/36 xã": the whole city, in an article about a centrally-run city the province
CITY_WIDE = regex.compile(r"(?<![\p{L}])(?i:toàn|cả)\s+(?i:thành\s+phố)(?![\p{L}])(?!\s+\p{Lu})")
# "85/85 xã", "5.775/8.227 xã", "48 xã"; not "100% xã", not "2.500 người".
TALLY_COUNT = regex.compile(
    rf"(?<![\d/.,%])(?P<count>{BIG_NUM})(?:\s*/\s*(?P<total>{BIG_NUM}))?(?![\d%])\s+{CHILD}"
)
# What makes the counted units a tally: they reached (or are to reach) a standard.
REACHED = regex.compile(
    # "được Thủ tướng Chính phủ công nhận": the recogniser may stand between
    r"(?i:đạt\s+chuẩn|được\s+(?:(?:Thủ\s+tướng|Chính\s+phủ|UBND|Ủy\s+ban|tỉnh|Trung\s+ương|thành\s+phố)\s+){0,3}công\s+nhận|về\s+đích|hoàn\s+thành\s+nhiệm\s+vụ|"
    r"(?:đã\s+)?có\s+quyết\s+định\s+công\s+nhận\s+đạt|hoàn\s+thành\s+nâng\s+chất|"
    # "04/08 xã giữ được chuẩn NTM": those that kept the standard
    r"giữ\s+(?:được\s+)?chuẩn|duy\s+trì\s+(?:được\s+)?(?:đạt\s+)?chuẩn)"
)
# "chưa có huyện đạt chuẩn huyện NTM nâng cao", "chưa xã nào đạt chuẩn NTM nâng cao": a count of zero
TALLY_ZERO = regex.compile(
    rf"(?i:chưa)\s+(?:(?i:có)\s+{CHILD}(?:\s+nào)?|{CHILD}\s+(?i:nào))\s+(?:(?i:được\s+công\s+nhận\s+(?:mới|thêm)|được\s+công\s+nhận\s+)?(?i:đạt\s+chuẩn)|"
    r"(?i:được\s+công\s+nhận(?:\s+mới|\s+thêm)?))"
)
# A batch, not a running total: "công nhận thêm 3 xã", "có thêm 11 xã", "đề nghị công nhận 15 xã".
INCREMENT_CUE = regex.compile(
    r"(?i:thêm|mới\s+được\s+công\s+nhận|đề\s+nghị\s+(?:xét,?\s+)?công\s+nhận|xét,?\s+công\s+nhận|"
    r"trong\s+năm(?:\s+20\d\d)?|năm\s+nay|đợt\s+này)"
)
# A running total whose count comes after its verb: "nâng tổng số xã đạt chuẩn NTM toàn tỉnh lên
# 41/147 xã", "nâng tổng số lên 300/411 xã", "tổng số xã đạt chuẩn NTM là 120 xã".
RUNNING_TOTAL_BEFORE = regex.compile(
    # "..., nâng lên 14 xã" (the number it was raised to); "Số xã đạt chuẩn NTM nâng cao đến cuối năm là 5 xã"
    r"(?<![\p{L}])(?:(?i:(?:nâng|đưa)\s+(?:tổng\s+)?số|tổng\s+số|nâng(?=\s+lên))|Số(?=\s+(?i:xã|huyện|đơn\s+vị)))"
    r"(?P<mid>(?:\s+[^\s;.]+){0,12}?)\s*(?i:lên|là|:)\s*(?i:thành\s+|con\s+số\s+)?$"
    # "có thêm 15 xã đạt chuẩn; lũy kế 51/143 xã": the total the batch makes
    r"|(?<![\p{L}])(?i:lũy|luỹ)\s+(?i:kế)(?P<mid>)\s*(?:(?i:là|lên|đạt|có)\s+)?$"
)
RUNNING_TOTAL_CUE = regex.compile(r"(?i:đến\s+nay|nâng\s+tổng\s+số|tổng\s+số|lũy\s+kế|luỹ\s+kế|toàn\s+(?:tỉnh|huyện|quốc)|cả\s+nước)")
# A comparison is not a tally: "tăng 160 xã so với cuối năm 2021".
COMPARISON_BEFORE = regex.compile(r"(?i:tăng|giảm|hơn|vượt|thiếu)\s*(?:thêm\s*)?$")
COMPARISON_AFTER = regex.compile(r"\s*(?:\([^)]*\)\s*)?(?i:so\s+với)")
NATIONAL = regex.compile(r"(?<![\p{L}])(?i:cả\s+nước|toàn\s+quốc)(?![\p{L}])")

# --- unmet criteria -----------------------------------------------------------
# "TC 10" is the abbreviation of report tables' notes ("Chưa đạt TC 10, TC 17", also "TC13")
CRIT_WORD = r"(?P<word>(?i:tiêu\s+chí|nội\s+dung)|(?-i:TC))"
# "tiêu chí 9", "Tiêu chí số 04", "nội dung 01, 03, 08"
CRIT_REF = regex.compile(
    rf"(?<![\p{{L}}]){CRIT_WORD}(?:\s+|(?<=TC)(?=\d))(?:(?i:số)\s+)?(?P<nums>\d{{1,2}}(?:\s*(?:,|và)\s*\d{{1,2}}(?![\d/]))*)(?![\d/%.,]\d)(?!\s*(?:tiêu|chỉ|nội|xã|huyện|/))"
)
# The marks that open an item of a list on a line of its own: "- Xã A: ...", "• ...", "+ ..."
BULLETS = "-–•+*"
# A line that is an item of a list: "- Xã A: ...", "+ ...", "• ...", "2. ...", "14. ...", "b) ..."
ITEM_MARK = regex.compile(rf"[ \t]*(?:[{regex.escape(BULLETS)}]|\d{{1,3}}[.)]|[a-zđ][.)])[ \t]")
# Still being worked on: "(hiện) đang hoàn thiện", "đang triển khai" -- the criterion is not met yet
PENDING = (r"(?:(?i:hiện|vẫn)\s+)?(?i:đang)\s+"
           r"(?i:hoàn\s+thiện|hoàn\s+thành|thực\s+hiện|triển\s+khai|phấn\s+đấu|nâng\s+chất)")
# A unit's name written without its level word, starting with a capital and not inside a word
BARE_NAME = rf"(?<![\p{{L}}\d])(?=\p{{Lu}})(?P<name>{NAME})"
BARE_NAME_RX = regex.compile(BARE_NAME)
# the name after the number: "về Kinh tế", "- Giao thông", ": có 100% số huyện ..."
# The name ends before the next criterion of a list: "tiêu chí 5 về Y tế - Văn hóa - Giáo dục,
# tiêu chí 7 về Môi trường"; "(Kinh tế)" names it in parentheses.
CRIT_NAME = regex.compile(
    r"\s*(?:(?i:về)\s+|[-–:]\s*)(?P<name>[^;()\n]+?)(?=\s*(?:[;()\n]|,\s*(?:có\s+)?\d|\.\s|\.$|"
    r"(?i:có\s+\d|còn\s+\d|(?:vẫn\s+|cũng\s+)?là\s+(?:tiêu\s+chí|nội\s+dung)|"
    r"(?:(?:chỉ|đạt)\s+)?(?<![\d./])\d{1,3}(?:[./]\d{1,3})*\s+xã|(?:vẫn\s+|còn\s+|hiện\s+|đều\s+)?chưa\s+(?:đạt|hoàn\s+thành)|"
    rf"{PENDING}|(?:,|và)\s*(?:(?:tiêu\s+chí|nội\s+dung)\s+(?:số\s+)?\d|số\s+\d))|"
    # another unit's clause: "... số 2 - Giao thông, Phong Thủy chưa đạt tiêu chí số 6"
    r",\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}\s+(?:(?i:còn|vẫn|cũng|hiện|chỉ)\s+)*(?i:chưa\s+đạt|thiếu|vướng))|$)"
    r"|\s*\((?P<pname>[^()\n]{2,60})\)"
)
# "còn 04 tiêu chí chưa đạt (gồm", "03/08 nội dung chưa đạt gồm:", "Các tiêu chí, chỉ tiêu chưa đạt:",
# "Hai tiêu chí xã còn thiếu là"
UNMET_HEAD = regex.compile(
    r"(?i:(?:còn\s+(?:lại\s+)?)?(?:\d{1,2}(?:/\d{1,2})?\s+)?(?:tiêu\s+chí|nội\s+dung)(?:,\s*chỉ\s+tiêu)?\s+"
    # "Hai tiêu chí xã còn thiếu là", "hai tiêu chí bị hụt là": lacking them, a list follows
    # "Những tiêu chí nhiều xã chưa đạt là:", "Bốn tiêu chí xã chưa đạt gồm:"
    r"(?:chưa\s+đạt|(?:(?:của\s+)?(?:nhiều\s+|các\s+)?(?:xã|huyện|tỉnh)\s+)?(?:(?:còn|bị|vẫn)\s+)?"
    r"(?:chưa\s+đạt|[\"“]?(?:thiếu|hụt|rớt|nợ)[\"”]?)(?=\s*(?:là|gồm|:))))"
    r"\s*(?:,\s*(?i:trong\s+đó)(?:\s+(?i:có|là|gồm))?\s*|\(\s*(?i:gồm)?\s*:?\s*|(?i:gồm|bao\s+gồm|là)\s*:?\s*|:\s*|"
    # "Trong 10 tiêu chí chưa đạt, khó nhất là tiêu chí số 10 ...": a short remark, then "là"
    r",\s*(?:[\p{L}]+\s+){1,4}?(?i:là|gồm)\s+(?=(?i:tiêu\s+chí|nội\s+dung)\s+(?:số\s+)?\d))"
)
# "xã mới đạt 11/19 tiêu chí ... Khó nhất vẫn là tiêu chí số 11 về Hộ nghèo ...": the criteria
# called the hardest, right after a figure short of its total (checked by the unmet extractor)
HARDEST_HEAD = regex.compile(
    r"(?<![\p{L}])(?i:khó\s+(?:khăn\s+)?(?:đạt\s+)?nhất|vướng\s+(?:mắc\s+)?nhất)\s+"
    r"(?i:(?:vẫn\s+còn|vẫn|hiện|còn|hiện\s+nay)\s+)?(?i:là|ở)\s+(?=(?i:tiêu\s+chí|nội\s+dung)\s+(?:số\s+)?\d)"
)
# "Tiêu chí còn lại là tiêu chí số 6 về Sản xuất", "nội dung còn lại là nội dung số 03": the
# criteria left after a figure short of its total (checked by the unmet extractor)
REMAINING_HEAD = regex.compile(
    r"(?<![\p{L}])(?i:(?:các\s+)?(?:tiêu\s+chí|nội\s+dung)\s+(?:duy\s+nhất\s+)?còn\s+lại\s+(?:là|gồm))\s*:?\s*"
    r"(?=(?i:tiêu\s+chí|nội\s+dung)\s+(?:số\s+)?\d)")
# "còn tiêu chí 9 về ... chưa đạt" (one criterion, unmet after its name)
# also "... là tiêu chí duy nhất huyện chưa đạt", "... vẫn chưa đạt", "... hiện chưa đạt chuẩn"
UNMET_AFTER = regex.compile(
    # "tiêu chí số 7 về Môi trường (xử lý chất thải rắn) chưa đạt": an aside before it
    r"(?:\s*\([^()\n]{1,160}\))?\s*,?\s*(?i:(?:là\s+(?:tiêu\s+chí|nội\s+dung)(?:\s+(?:duy\s+nhất|còn\s+lại|cuối\s+cùng))?\s+"
    r"(?:mà\s+)?(?:(?:tỉnh|huyện|thị\s+xã|xã|thị\s+trấn|địa\s+phương)\s+)?(?:này\s+)?)?"
    r"(?:vẫn\s+|còn\s+|hiện\s+|hiện\s+còn\s+|đều\s+|cũng\s+)?(?:chưa\s+đạt|chưa\s+hoàn\s+thành))"
)
# A count of criteria with its list in parentheses, unmet after them: "còn 2 tiêu chí (số 2 về
# Giao thông và số 6 về Kinh tế) chưa đạt", "thiếu 02 tiêu chí (tiêu chí 10 ..., tiêu chí 11 ...)"
UNMET_PAREN_HEAD = regex.compile(
    r"(?<![\p{L}\d])(?P<lack>(?i:thiếu)\s+)?(?P<n>\d{1,2})\s+(?P<word>(?i:tiêu\s+chí|nội\s+dung))\s*\(\s*"
    r"(?:(?i:gồm|là)\s*:?\s*)?(?=(?i:(?:tiêu\s+chí|nội\s+dung)\s+)?(?i:số\s+)?\d)")
# after the closing parenthesis: the criteria are not met
UNMET_PAREN_TAIL = regex.compile(r"\)\s*,?\s*(?i:(?:vẫn\s+|còn\s+|hiện\s+|đều\s+)?chưa\s+(?:đạt|hoàn\s+thành))")
# between two criteria of one list: "tiêu chí 6 về Sản xuất, tiêu chí 7 về Môi trường và ..."
CRIT_JOIN = regex.compile(r"\s*(?:,|;|\bvà\b)\s*(?:,\s*)?")
# "Tiêu chí số 2- Giao thông có 5 xã chưa đạt": a district-wide count of communes
# (or after the count of those that met it: "Tiêu chí số 2 - Giao thông: 52 xã đạt, còn 95 xã chưa đạt",
# "đạt 143/147 xã, còn 04 xã chưa đạt", "131 xã đạt; chưa đạt: 16 xã", "120 xã đạt (27 xã chưa đạt)")
UNITS_UNMET = regex.compile(
    r"\s*[,:]?\s*(?:(?:(?i:chỉ|đạt)\s+)?\d{1,3}(?:[./]\d{1,3})*\s+(?i:xã)(?:\s+(?i:đạt))?\s*[,;(]\s*)?"
    r"(?:(?:(?i:có|còn)(?:\s+(?i:tới))?\s+)?(?P<k>\d{1,3}(?:\.\d{3})*)\s+(?P<child>(?i:xã|huyện))\s+"
    r"(?i:chưa\s+đạt|không\s+còn\s+đạt)|"
    r"(?i:chưa\s+đạt)\s*:\s*(?P<k>\d{1,3}(?:\.\d{3})*)\s+(?P<child>(?i:xã|huyện)))")


# "vẫn còn 6 xã chưa đạt tiêu chí số 13 ...": the count of units before the criterion
UNITS_UNMET_BEFORE = regex.compile(
    r"(?<![\d/.,])(?P<k>\d{1,3})\s+(?P<child>(?i:xã|huyện))\s+(?i:(?:vẫn\s+|còn\s+)?chưa\s+(?:đạt|hoàn\s+thành))\s+$")
# A report table row marked unmet: "| 10. Thu nhập | Chưa đạt |"
UNMET_ROW = regex.compile(
    r"(?m)^[ \t]*\|?[ \t]*(?:(?i:tiêu\s+chí)\s+(?:(?i:số)\s+)?)?(?P<n>\d{1,2})[.)]?[ \t]+(?P<name>[^|\n]{2,80}?)[ \t]*\|"
    r"[ \t]*(?i:chưa\s+đạt)[ \t]*(?:\|[^\n]*)?$"
)
# Name first, number in parentheses: "là Giao thông (tiêu chí 2), Kinh tế (tiêu chí 6) và ..."
# ("Giao thông (số 2), Trường học (số 5)": the criteria word left out after a head that says it)
NAME_FIRST_ITEM = regex.compile(
    r"\s*(?:,|;|\bvà\b)?\s*(?P<name>[^();\n,]{2,80}?)\s*\(\s*(?:(?P<word>(?i:tiêu\s+chí|nội\s+dung))\s+(?:(?i:số)\s+)?|"
    r"(?i:số)\s+)(?P<n>\d{1,2})\s*\)"
)


def _follows(low: str, j: int, words: tuple) -> int:
    """End of ``words`` after ``low[j:]``, each after at least one space; -1 if they do not follow."""
    n = len(low)
    for w in words:
        k = j
        while k < n and low[k].isspace():
            k += 1
        if k == j or not low.startswith(w, k):
            return -1
        j = k + len(w)
    return j


_SPACE_RUN = re.compile(r"\s+")  # ``re``'s \s on str is exactly str.isspace


def _skip_space(low: str, j: int) -> int:
    """Offset after the spaces at ``j``; -1 when there is none (``\\s+`` cannot match)."""
    m = _SPACE_RUN.match(low, j)
    return -1 if m is None else m.end()


def _unmet_head_may_start(ctx, i: int, j: int) -> bool:
    """UNMET_HEAD: "còn" [spaces "lại"] spaces, then a digit or "tiêu"/"nội"; "tiêu chí" /
    "nội dung" then "," or spaces and "chưa" (or a word of "xã còn thiếu", "bị hụt")."""
    low = ctx.low
    if low.startswith("còn", i) and j == i + 3:
        k = _skip_space(low, j)
        if k < 0 or k >= len(low):
            return False
        if low[k].isdigit() or low.startswith("tiêu", k) or low.startswith("nội", k):
            return True
        if low.startswith("lại", k):
            k = _skip_space(low, k + 3)
            return k >= 0 and k < len(low) and (
                low[k].isdigit() or low.startswith("tiêu", k) or low.startswith("nội", k))
        return False
    if low.startswith(",", j):
        return True
    k = _skip_space(low, j)
    return k >= 0 and low.startswith(
        ("chưa", "xã", "huyện", "tỉnh", "của", "nhiều", "các", "còn", "bị", "vẫn", "thiếu", "hụt", "rớt", "nợ", '"', "“"), k)


def _numbers_before(ctx, starts: list) -> list:
    """UNMET_HEAD: a match may start at a number ("04 tiêu chí chưa đạt"): the digits of up to
    five characters of digits and "/" right before spaces before "tiêu chí" / "nội dung"."""
    low = ctx.low
    out = []
    for p in starts:
        if not (low.startswith("tiêu", p) or low.startswith("nội", p)):
            continue
        j = p
        while j > 0 and low[j - 1].isspace():
            j -= 1
        if j == p:
            continue
        k = j
        while k > 0 and j - k < 5 and (low[k - 1].isdigit() or low[k - 1] == "/"):
            k -= 1
        out.extend(q for q in range(k, j) if low[q].isdigit())
    return out


# --- literal-anchored scanning ------------------------------------------------------
# Every first word of every Anchored pattern goes into one Aho-Corasick automaton: one pass
# over a document's lower-cased text finds every occurrence of every word (overlapping ones
# and those inside other words included, exactly the offsets ``str.find`` would give), and
# each pattern then reads the offsets of its own words.
_ANCHORED: list = []
_AUTOMATON = None  # word -> (len - 1, word); None when it has to be (re)built


def _register(a) -> None:
    global _AUTOMATON
    _ANCHORED.append(a)
    _AUTOMATON = None


def _automaton():
    global _AUTOMATON
    if _AUTOMATON is None:
        import ahocorasick

        words = sorted({w for a in _ANCHORED for w in a.phrases})
        auto = ahocorasick.Automaton()
        for w in words:
            auto.add_word(w, (len(w) - 1, w))
        auto.make_automaton()
        _AUTOMATON = auto
    return _AUTOMATON


def _occurrences(ctx) -> dict:
    """Word -> sorted start offsets in ``ctx.low`` of every first word of every Anchored pattern."""
    auto = _automaton()
    got = ctx.__dict__.get("_anchor_occ")
    if got is not None and got[0] is auto:
        return got[1]
    occ: dict = {}
    get = occ.get
    for end, (n1, w) in auto.iter(ctx.low):
        lst = get(w)
        if lst is None:
            occ[w] = [end - n1]
        else:
            lst.append(end - n1)
    ctx.__dict__["_anchor_occ"] = (auto, occ)
    return occ


def _word_starts(ctx, w: str, found: list) -> list:
    """The offsets of ``found`` (occurrences of ``w``) not preceded by a letter, once per document
    and word: (?<![\\p{L}]) as str.isalpha reads it (the Unicode category L, as \\p{L})."""
    cache = ctx.__dict__.setdefault("_anchor_word_starts", {})
    got = cache.get(w)
    if got is None:
        f = ctx.folded
        got = cache[w] = [i for i in found if i == 0 or not f[i - 1].isalpha()]
    return got


# The ``regex`` module tries a pattern that opens with a look-behind or a case-insensitive
# alternation at every offset of the text (~0.1-0.6 ms for a 4 KB article). When every match
# must start with one of a few literal words, str.find over the lower-cased text finds the
# few offsets where a match may start, and the pattern is tried there only: the same
# matches, in the same order, as ``finditer`` (``match`` at an offset sees the text before it,
# so look-behinds behave the same; ``endpos`` truncates as it does for ``finditer``).
class Anchored:
    """``rx`` whose every match starts with one of ``firsts`` (lower-case literals).

    A literal may be a phrase ("quyết định"): its words stand for words separated by ``\\s+`` in
    the pattern, and an offset counts only where the whole phrase follows (any run of
    ``str.isspace`` characters, a superset of ``\\s``, between the words). ``check(ctx, i, j)``
    may refuse an offset ``i`` whose phrase ends at ``j`` when the pattern cannot match there;
    ``extra(ctx, starts)`` may add offsets (where a match starts with something other than a
    literal, e.g. a number before one). Both must only ever leave out offsets where
    ``rx.match`` fails: the matches stay exactly those of ``rx.finditer``.

    A document's matches are found once; a query over a range (a sentence, a clause) is
    answered from them (see :meth:`_in_range`).
    """

    __slots__ = ("rx", "firsts", "phrases", "rests_rx", "check", "extra", "word_start")

    def __init__(self, rx, firsts, check=None, extra=None):
        self.rx = rx
        # a pattern that opens with "no letter before": offsets inside a word are no starts
        self.word_start = rx.pattern.startswith(r"(?<![\p{L}])")
        phrases: dict = {}
        for p in {w.lower() for w in firsts if w}:
            words = p.split()
            phrases.setdefault(words[0], set()).add(tuple(words[1:]))
        # first word -> the rests that may follow it; () alone: the first word is enough
        self.phrases = {w: (() if () in rests else tuple(sorted(rests))) for w, rests in phrases.items()}
        self.firsts = tuple(sorted(self.phrases))
        # first word -> one pattern for "spaces, then one of its rests" (the rests in the order
        # _follows tries them): one C call per occurrence instead of a Python loop per rest.
        # ``re``'s \s on str is exactly str.isspace, as in _follows.
        self.rests_rx = {
            w: re.compile("|".join(r"\s+" + r"\s+".join(map(re.escape, rest)) for rest in rests))
            for w, rests in self.phrases.items() if rests
        }
        self.check = check
        self.extra = extra
        _register(self)

    def starts(self, ctx) -> list:
        """Offsets in ``ctx`` where a match may start (sorted; computed once per document)."""
        cache = ctx.__dict__.setdefault("_anchor_starts", {})
        got = cache.get(self)
        if got is None:
            low = ctx.low
            check = self.check
            got = []
            append = got.append
            occ = _occurrences(ctx)
            for w, rests in self.phrases.items():
                found = occ.get(w)
                if not found:
                    continue
                if self.word_start:
                    found = _word_starts(ctx, w, found)
                n = len(w)
                if not rests:
                    if check is None:
                        got.extend(found)
                    else:
                        for i in found:
                            if check(ctx, i, i + n):
                                append(i)
                else:
                    match = self.rests_rx[w].match
                    for i in found:
                        m = match(low, i + n)
                        if m is None:
                            continue  # no rest follows: _follows would refuse every one
                        if check is None or check(ctx, i, m.end()):
                            append(i)  # the first rest that follows, as the loop below finds it
                            continue
                        for rest in rests:  # the check refused the first: try the others
                            j = _follows(low, i + n, rest)
                            if j >= 0 and check(ctx, i, j):
                                append(i)
                                break
            if self.extra is not None:
                got.extend(self.extra(ctx, got))
                got = sorted(set(got))
            else:
                got.sort()
            cache[self] = got
        return got

    def finditer(self, ctx, pos: int = 0, endpos=None) -> list:
        if pos == 0 and endpos is None:
            return list(self._all(ctx)[0])
        return self._in_range(ctx, pos, endpos)

    def _all(self, ctx) -> tuple:
        """(matches, their starts, their ends) of the whole document, computed once per document:
        the extractors ask about a document's sentences and clauses over and over (about 120
        range queries per article), and every answer is a slice of this list."""
        cache = ctx.__dict__.setdefault("_anchor_all", {})
        got = cache.get(self)
        if got is None:
            found = self._finditer(ctx, 0, None)
            got = cache[self] = (found, [m.start() for m in found], [m.end() for m in found])
        return got

    def _in_range(self, ctx, pos: int, endpos):
        """The matches of ``text[pos:endpos]``: the document's own matches that lie inside it.

        Where a match of the document straddles a bound, the range is scanned instead (the
        scan might find a shorter match inside, or one that starts within the straddling
        match). Otherwise the answer is the document's reading, which differs from a scan of
        the range alone only where the range ends inside a word: "Hà Nội" in "Hà Nộia" cut
        after "Nội" is a match for the cut text but not for the document, whose look-ahead
        sees the letter after it (2 of 12,020 random ranges over the bench articles). Over the
        samples, the seeds and 300 bench articles, every one of the ~18,000 ranges the
        extractors ask for got the same answer both ways.
        """
        if not ctx.lowered:
            return self._finditer(ctx, pos, endpos)
        found, starts, ends = self._all(ctx)
        n = len(ctx.folded)
        end = n if endpos is None else min(endpos, n)
        i = bisect_left(starts, pos)
        j = bisect_left(starts, end, i)
        if (i > 0 and ends[i - 1] > pos) or (j > i and ends[j - 1] > end):
            return self._finditer(ctx, pos, endpos)
        return found[i:j]

    def may_match(self, ctx, lo: int, hi: int) -> bool:
        """False only where no query of a range inside ``text[lo:hi]`` can find a match: no
        offset where a match may start lies there, or the document's matches say so (none
        starts in [lo, hi) and none straddles ``lo``, so such a query is answered from them,
        and finds nothing). A cheap gate before work that needs a match there."""
        if not ctx.lowered:
            return True
        starts = self.starts(ctx)
        i = bisect_left(starts, lo)
        if i == len(starts) or starts[i] >= hi:
            return False
        _, mstarts, ends = self._all(ctx)
        i = bisect_left(mstarts, lo)
        return (i < len(mstarts) and mstarts[i] < hi) or (i > 0 and ends[i - 1] > lo)

    def _finditer(self, ctx, pos: int, endpos) -> list:
        text = ctx.folded
        if not ctx.lowered:  # a letter whose lower case has another length: no offsets to trust
            return list(self.rx.finditer(text, pos) if endpos is None else self.rx.finditer(text, pos, endpos))
        end = len(text) if endpos is None else min(endpos, len(text))
        starts = self.starts(ctx)
        match = self.rx.match
        out = []
        last = pos
        for k in range(bisect_left(starts, pos), len(starts)):
            c = starts[k]
            if c >= end:
                break
            if c < last:
                continue
            m = match(text, c, end)
            if m is not None:
                out.append(m)
                last = m.end() if m.end() > c else c + 1
        return out

    def search(self, ctx, pos: int = 0, endpos=None):
        """The first match in ``text[pos:endpos]`` (see :meth:`_in_range`), or None."""
        found = self._in_range(ctx, pos, endpos)
        return found[0] if found else None


LEGAL_REF_A = Anchored(LEGAL_REF, list(DOC_KINDS) + list(DOC_KIND_ABBR))
PART_OF_MONTH_A = Anchored(PART_OF_MONTH, ["đầu tháng", "giữa tháng", "cuối tháng", "hết tháng"])
DAY_MONTH_A = Anchored(DAY_MONTH, "ngày sáng chiều tối trưa đêm hôm từ đến trước sau nay qua mai".split())
# No check before trying UNIT_MENTION: a level word is followed by a name often enough that
# testing for one in Python costs more than the match it would save.
UNIT_MENTION_A = Anchored(
    UNIT_MENTION, ["thị trấn", "thị xã", "thành phố", "tp", "phường", "quận", "huyện", "tỉnh", "xã"])
TARGET_CUE_A = Anchored(TARGET_CUE, firsts=[
    "phấn đấu", "kế hoạch", "mục tiêu", "dự kiến", "phương hướng", "sẽ", "giao chỉ tiêu", "giao đạt", "giao phấn đấu",
    "chỉ đạo", "đến cuối",
    "đến năm",
    "trước năm", "trong năm", "phải hoàn thành", "cố gắng", "đặt ra", "đăng ký",
])
REPORTED_CUE_A = Anchored(REPORTED_CUE, firsts=[
    "đến nay", "tính đến", "hiện", "đã", "qua rà soát", "tự đánh giá", "kết quả", "đạt được", "vẫn",
])
HARDEST_HEAD_A = Anchored(HARDEST_HEAD, ["khó", "vướng"])
REMAINING_HEAD_A = Anchored(REMAINING_HEAD, [
    f"{a}{w} {b}còn lại" for a in ("", "các ") for w in ("tiêu chí", "nội dung") for b in ("", "duy nhất ")])
UNMET_HEAD_A = Anchored(UNMET_HEAD, ["còn", "tiêu chí", "nội dung"], check=_unmet_head_may_start,
                        extra=_numbers_before)
CRIT_REF_A = Anchored(CRIT_REF, ["tiêu chí", "nội dung", "tc"])
TALLY_ZERO_A = Anchored(TALLY_ZERO, ["chưa"])
STANDARD_A = Anchored(STANDARD, ["nông thôn mới", "ntm", "xdntm", "nâng cao", "kiểu mẫu", "hoàn thành nhiệm vụ"])
BARE_LEVEL_A = Anchored(BARE_LEVEL, ["tỉnh", "huyện", "xã"])
NATIONAL_A = Anchored(NATIONAL, ["cả nước", "toàn quốc"])
BARE_TOWN_A = Anchored(BARE_TOWN, ["thị xã", "quận"])
CITY_WIDE_A = Anchored(CITY_WIDE, ["toàn thành phố", "cả thành phố"])
