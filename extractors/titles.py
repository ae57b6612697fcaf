"""Patterns for officials: title heads, person names, honorifics (patterns only).

The lexicons are data: ``data/titles.jsonl`` (label/pattern records, one title
head a line) and ``data/person_names.json`` (surnames and honorifics).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex

from pipeline.normalize import fold_tones

DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def title_heads() -> list[str]:
    heads = []
    for line in (DATA / "titles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec["label"] == "TITLE_HEAD":
                heads.append(fold_tones(rec["pattern"]))
    return sorted(set(heads), key=len, reverse=True)


@lru_cache(maxsize=1)
def _names() -> dict:
    return json.loads((DATA / "person_names.json").read_text(encoding="utf-8"))


def surnames() -> list[str]:
    return [fold_tones(s) for s in _names()["surnames"]]


def _trie_alt(phrases) -> str:
    """An alternation of ``phrases`` for a case-insensitive pattern, spaces standing for ``\\s+``,
    factored word by word: "phó\\s+(?:chủ\\s+tịch(?:\\s+thường\\s+trực)?|...)|...". The ``regex``
    engine tries an alternation's branches one by one: factored, it tries a few words where it
    would try every phrase (a match at an offset takes about half the time).

    It matches what the plain alternation with the longest phrases first matches: every phrase
    that matches at an offset is a word-by-word prefix of the words there (a word inside a
    phrase is followed by spaces, the last one by what follows the alternation in the pattern),
    so all of them lie on one path of the tree, where an optional tail is tried before going
    without it: the longest one is taken. Sibling words cannot both lead to a match (two
    different words, each ending where the text's word ends), so their order does not matter.
    """
    root: dict = {}
    for p in phrases:
        node = root
        for w in p.lower().split():
            node = node.setdefault(w, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict) -> str:
        parts = []
        for w in sorted(k for k in node if k):
            child = node[w]
            if not any(child):  # only the end mark
                parts.append(regex.escape(w))
            elif "" in child:
                parts.append(rf"{regex.escape(w)}(?:\s+(?:{emit(child)}))?")
            else:
                parts.append(rf"{regex.escape(w)}\s+(?:{emit(child)})")
        return "|".join(parts)

    return emit(root)


def _letter_tree(words, escape) -> str:
    """An alternation of ``words`` factored letter by letter ("B(?:ùi|ạch|ế)|C(?:ao|h(?:...)..."),
    for callers to whom the order the words are tried in does not matter."""
    groups: dict = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    parts = []
    for first in sorted(k for k in groups if k):
        rests = groups[first]
        if len(rests) == 1:
            parts.append(escape(first + rests[0]))
        else:
            tail = _letter_tree([r for r in rests if r], escape)
            parts.append(f"{escape(first)}(?:{tail}{'|' if '' in rests else ''})")
    return "|".join(parts)


# Ê Đê / M'nông name prefixes: "Y" (men), "H'" + syllable (women: "H'Hoan", "H'Nhi");
# K'Ho / Cil (Lâm Đồng) names open with a clan or gender word: "Cil Ha Sang", "Ka Bông",
# "Kră Jăn Ha Thanh", "K'Sơn Bon".
# Name openings of the Central Highlands: Ê Đê "Y" and "H'", K'Ho "K'", Cơ Ho "Cil", "Ka", "Kră".
# Ba Na and Xơ Đăng names open with "A" ("A Pớt", "A Dũng"): one or two syllables follow, so
# that "huyện A Lưới Hồ Văn Ngọc" still ends the place before the person.
PREFIX_RX = r"(?-i:Y|H['’]\p{Lu}\p{Ll}+|K['’]\p{Lu}\p{Ll}+|Cil|Ka|Kră)"
PREFIX = regex.compile(PREFIX_RX)


@lru_cache(maxsize=1)
def compiled():
    """(HEAD, PERSON) regexes, built once."""
    head = regex.compile(rf"(?<![\p{{L}}])(?i:{_trie_alt(title_heads())})(?![\p{{L}}])")
    # A person: a surname and 1-3 more capitalised syllables, not run into another capital.
    # Ê Đê and M'nông names open with a gender prefix that is part of the name ("Y Giang Gry Niê
    # Knơng", "H'Hoan") and put the clan name last; a syllable may hold an apostrophe ("H'Hoan").
    syl = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?"
    # A surname must be followed by a space, so at most one of them can take part in a match at
    # an offset (one-word surnames: two different ones cannot both be followed by a space
    # there): the order they are tried in does not matter, and a tree of their letters is faster.
    assert all(" " not in s for s in surnames())
    person = regex.compile(
        rf"(?<![\p{{L}}'’])(?:(?:{PREFIX_RX}[ ]+)?(?:{_letter_tree(surnames(), regex.escape)})(?:[ ]+{syl}){{1,3}}|{PREFIX_RX}(?:[ ]+{syl}){{1,4}}|(?-i:A)(?:[ ]+{syl}){{1,2}})"
        rf"(?![\p{{L}}'’])(?![ ]+\p{{Lu}}\p{{Ll}})"
    )
    return head, person


@lru_cache(maxsize=1)
def person_starts():
    """Where a PERSON match (:func:`compiled`) may start: a surname or a name prefix, as written.

    A stdlib ``re`` alternation of literals (factored letter by letter: which literal is found
    does not matter, only where): it skips in C to the letters they open with, where ``regex``
    tries PERSON's look-behind at every offset. Every PERSON match opens with one of these
    literals. They are letters (and the apostrophe closing "H'" and "K'"), and a PERSON match
    never starts right after a letter or an apostrophe, so none starts inside a literal found
    before it: trying PERSON at these offsets finds every match ``finditer`` finds.
    """
    import re

    literals = set(surnames()) | {"Y", "H'", "H’", "K'", "K’", "Cil", "Ka", "Kră"}  # PREFIX_RX's openings
    assert all(w.rstrip("'’").isalpha() for w in literals)
    # "A" opens a name only before a space ("A Pớt"): not at every "An", "Anh" or capital A
    return re.compile(_letter_tree(literals, re.escape) + "|A(?= )")


# Lower-case words that may stand inside an organisation's name in a title
# ("Sở Nông nghiệp và Phát triển nông thôn", "Ban Tuyên giáo Tỉnh ủy"). Any other
# lower-case word ends the title: "Chủ tịch UBND tỉnh chỉ đạo", "..., phụ trách địa bàn".
ORG_LOWER = set("""
nghiệp triển nông thôn mới tế chức giáo tuyên kiểm tra hóa thể thao lịch dục đào tạo nguyên trường lao động
thương binh hội tư pháp vụ nội chính tài kế hoạch đầu khoa học công nghệ thông tin truyền giao vận tải xây dựng
dân tộc tôn an ninh quân sự biên phòng mặt trận tổ quốc điều phối thường trực chấp hành trung ương đảng ủy nhân
tỉnh huyện xã thị phố quận phường trấn cấp chương mục tiêu gia ban sở văn hợp tác liên minh
phụ nữ cựu chiến thanh niên đoàn ngân hàng bảo hiểm thống kê thuế hải quan kinh môi quy hạ tầng tầng và
việc làm hành chính đô cư sinh xã hội cứu trợ lâm trồng trọt chăn nuôi thủy lợi khuyến
""".split())
ORG_LOWER -= {"phụ"}
# Words that belong to an organisation's name only after a given word ("chương trình", not "trình bày").
ORG_AFTER = {"trình": {"chương"}, "triển": {"phát"}}  # "phụ trách" ends a title; "Hội Liên hiệp Phụ nữ" is capitalised
# Capitalised first words of organisation names; a capitalised run after a title
# that starts otherwise may be a name the surname list does not know ("Y Thanh Hà Niê Kđăm").
ORG_CAPS = set("""
Ban Sở Bộ Tỉnh Huyện Thành Thị Đảng Trung Thường Chấp Tổ Tuyên Dân Kiểm Văn Nông Phát Tài Kế Lao Giáo Công
Khoa Thông Giao Xây Tư Nội Quốc Mặt Việt Hội Liên Cựu Đoàn Chỉ Điều Bảo Ngân Hợp Cục Chi Vụ Phòng Ủy Kinh Môi
Quy Hạ Chính Nhân Tòa Viện Quân Biên Hải Thanh Phụ Nông Ngoại Lâm Thủy Hành Thuế Thống Mục Xã Quận Phường Đô
""".split())
LEVEL_WORDS = {"tỉnh", "huyện", "xã", "thị xã", "thành phố", "quận", "phường", "thị trấn"}
WORD = regex.compile(r"[ \t]*(?P<w>[\p{L}\d&]+(?:[-.&'’][\p{L}\d&]+)*)")
ACRONYM = regex.compile(r"[\p{Lu}\d&]{2,}|[\p{Lu}]{1,}&[\p{Lu}&]+")
CAPITAL = regex.compile(r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?")
# Separators between titles of one person: "..., Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo"
TITLE_SEP = regex.compile(r"[ \t]*(?:,|–|—|-(?=\s))[ \t]*(?:đồng\s+thời\s+)?")
# "các đồng chí Ủy viên Ban Thường vụ ...:" / "cùng các Phó Chủ tịch UBND tỉnh;"
GROUP = regex.compile(r"(?<![\p{L}])(?i:cùng\s+các|và\s+các|các)\s+(?:(?i:đồng\s+chí)\s+)?")
# Lines of a byline or photo credit: names there are authors, not officials.
BYLINE = regex.compile(r"^\s*(?i:tin|bài|ảnh|tin\s*,\s*ảnh|bài\s*,\s*ảnh|nguồn|tác\s+giả|theo)\s*:", regex.M)
SIGNATURE_PREFIX = regex.compile(r"[\s*_]*(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?")
