"""TCVN3 (ABC) and VNI: the mapping tables, conversion, detection and what must not be detected."""
from __future__ import annotations

import doctest
import json
import unicodedata
from pathlib import Path

import pytest

import corpus.legacy
from corpus.legacy import LEGACY_ENCODINGS, from_unicode, sniff, to_unicode
from corpus.readers import decode_bytes, read_file
from pipeline.errors import IngestError
from encoders import cp1258_bytes

DATA = Path(corpus.legacy.__file__).parent / "data"
SAMPLES = Path(corpus.legacy.__file__).parent / "samples"

TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"})
LETTERS = LOWER + [c.upper() for c in LOWER]
UPPER_BASES = "ĂÂÊÔƠƯĐ"


@pytest.mark.parametrize("module", ["corpus.legacy", "corpus.encodings", "corpus.office", "corpus.archives"])
def test_doctests(module):
    import importlib

    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_the_letters():
    # 12 vowels x 6 (no tone + 5 tones) = 72, less the 5 plain ASCII ones, plus đ: 67 each case
    non_ascii = [c for c in LETTERS if not c.isascii()]
    assert len(non_ascii) == 134


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_table_files_name_their_source(encoding):
    data = json.loads((DATA / LEGACY_ENCODINGS[encoding][0]).read_text(encoding="utf-8"))
    assert set(data) == {"_source", "_fields", "map"}
    assert {"tcvn3": "TCVN 5712:1993", "vni": "VNI Windows"}[encoding] in data["_source"]
    for letter, code in data["map"].items():
        assert unicodedata.is_normalized("NFC", letter) and len(letter) == 1
        bytes.fromhex(code)  # valid hex


def test_tcvn3_table_shape():
    table = json.loads((DATA / "tcvn3.json").read_text(encoding="utf-8"))["map"]
    lower = [c for c in LOWER if not c.isascii()]
    assert sorted(table) == sorted(lower + list(UPPER_BASES))
    codes = [bytes.fromhex(v) for v in table.values()]
    assert all(len(c) == 1 and c[0] >= 0xA1 for c in codes)
    assert len(set(codes)) == len(codes)  # one letter per code


def test_vni_table_shape():
    table = json.loads((DATA / "vni.json").read_text(encoding="utf-8"))["map"]
    assert sorted(table) == sorted(c for c in LETTERS if not c.isascii())
    seqs = [bytes.fromhex(v) for v in table.values()]
    assert len(set(seqs)) == len(seqs)
    for letter, seq in zip(table, seqs):
        if len(seq) == 2:
            # base letter (ASCII, or the single byte for ơ/ư) + one mark byte
            assert seq[0] < 0x80 or seq[:1] in (b"\xf4", b"\xf6", b"\xd4", b"\xd6"), letter
            assert seq[1] >= 0xC0
        else:
            assert len(seq) == 1 and seq[0] >= 0xC0


# -- round trips -------------------------------------------------------------------


@pytest.mark.parametrize("letter", [c for c in LETTERS if not c.isascii()])
def test_vni_round_trip_every_letter(letter):
    legacy_text = from_unicode(letter, "vni")
    assert legacy_text != letter or letter in "ìíÌÍ"  # VNI's bytes for these are Latin-1's
    assert to_unicode(legacy_text, "vni") == letter
    assert to_unicode(legacy_text.encode("latin-1").decode("latin-1"), "vni") == letter


@pytest.mark.parametrize("letter", [c for c in LETTERS if not c.isascii()])
def test_tcvn3_round_trip_every_letter(letter):
    legacy_text = from_unicode(letter, "tcvn3")
    assert len(legacy_text) == 1 and ord(legacy_text) >= 0xA1
    if letter.islower() or letter in UPPER_BASES:
        assert to_unicode(legacy_text, "tcvn3") == letter
    else:
        # an upper-case toned letter has the lower-case code (the capital font
        # .VnTimeH draws it): alone it decodes to lower case, inside a word of
        # capitals to upper case
        assert to_unicode(legacy_text, "tcvn3") == letter.lower()
        assert to_unicode(from_unicode(f"NG{letter}", "tcvn3"), "tcvn3") == f"NG{letter}"


SENTENCES = [
    "Xây dựng nông thôn mới",
    "Ủy ban nhân dân tỉnh Trà Vinh",
    "đạt 19/19 tiêu chí",
    "Năm 2024, huyện Cầu Kè có 14/14 xã đạt chuẩn nông thôn mới, trong đó 5 xã đạt chuẩn nâng cao.",
    "Thủ tướng Chính phủ ban hành Quyết định số 321/QĐ-TTg về việc công nhận huyện Trà Cú.",
    "Người dân sẵn sàng hiến đất mở rộng đường giao thông; thu nhập bình quân đạt 62 triệu đồng/người/năm.",
    "UBND TỈNH TRÀ VINH\nỦY BAN NHÂN DÂN HUYỆN CẦU NGANG",
]


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_sentences_round_trip(encoding, sentence):
    legacy_text = from_unicode(sentence, encoding)
    if encoding == "tcvn3" and sentence.startswith("Ủy"):
        # "Ủ" at the start of a word of lower-case letters has only the lower-case code
        assert to_unicode(legacy_text, encoding) == "ủy" + sentence[2:]
    else:
        assert to_unicode(legacy_text, encoding) == sentence
    # through the byte decoder, detection included
    expected = to_unicode(legacy_text, encoding)
    assert decode_bytes(legacy_text.encode("latin-1"), "x.txt") == expected


# Strings as they are found in old documents: checks the tables against text
# not made by our own encoder.
KNOWN = [
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", "Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("tcvn3", "QuyÕt ®Þnh cña Thñ t\xadíng ChÝnh phñ", "Quyết định của Thủ tướng Chính phủ"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "Quyeát ñònh cuûa Thuû töôùng Chính phuû", "Quyết định của Thủ tướng Chính phủ"),
    ("vni", "saün saøng, thaúng, ngöôøi", "sẵn sàng, thẳng, người"),
]


@pytest.mark.parametrize("encoding,legacy_text,unicode_text", KNOWN)
def test_known_strings(encoding, legacy_text, unicode_text):
    assert to_unicode(legacy_text, encoding) == unicode_text
    assert from_unicode(unicode_text, encoding) == legacy_text


def test_vni_mark_case_follows_the_base():
    # capitals typed with lower-case marks (and the reverse) still convert
    assert to_unicode("UÛy ban, Uûy ban, VIEÄT, VIEät", "vni") == "Ủy ban, Ủy ban, VIỆT, VIỆt"


# -- detection in decode_bytes and read_file ------------------------------------------

ARTICLE = "\n\n".join(SENTENCES[3:6])


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_legacy_file_is_converted(tmp_path, encoding):
    p = tmp_path / f"cu-{encoding}.txt"
    p.write_bytes(from_unicode(ARTICLE, encoding).encode("latin-1"))
    doc = read_file(p)
    assert doc.text == ARTICLE
    assert doc.title == SENTENCES[3]


def test_legacy_with_windows_1252_quotes(tmp_path):
    data = from_unicode("Phong trào “Chung sức xây dựng nông thôn mới”", "tcvn3").encode("cp1252")
    assert decode_bytes(data, "x.txt") == "Phong trào “Chung sức xây dựng nông thôn mới”"


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_legacy_letters_in_utf8_are_converted(encoding):
    # text copied out of a .VnTime / VNI-Times document into a UTF-8 file
    data = from_unicode(ARTICLE, encoding).encode("utf-8")
    assert decode_bytes(data, "x.txt") == ARTICLE


@pytest.mark.parametrize("encoding,name", [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_badly_converting_legacy_text_is_refused_by_name(encoding, name):
    words = from_unicode("Huyện Trà Cú đạt tám trên chín tiêu chí huyện nông thôn mới", encoding).split()
    junk = {"tcvn3": "¸µ¸", "vni": "aùaù"}[encoding]
    text = " ".join(w + (f" {junk}{i}" if i % 3 == 0 else "") for i, w in enumerate(words))
    share = corpus.legacy.syllable_share(to_unicode(text, encoding))[0]
    assert corpus.legacy.REJECT <= share < corpus.legacy.ACCEPT
    with pytest.raises(IngestError) as e:
        decode_bytes(text.encode("latin-1"), "cu.txt")
    assert e.value.source == "cu.txt"
    assert f"legacy {name}" in e.value.reason and "save it as UTF-8" in e.value.reason




FRENCH = ("Le comité du village a été créé à Hanoï pour être plus efficace. Les élèves étudient à l'école "
          "publique, où ils apprennent le français et les mathématiques. Même les grands-pères s'intéressent "
          "à ces événements.")
GERMAN = "Über die Größe der Gemeinde wurde in München abgestimmt; die Bürger wählten für eine schöne Straße."
SPANISH = "El señor Muñoz está aquí también con el niño pequeño; ¿qué pasó en la reunión del año?"
NOT_LEGACY = {
    "utf-8-vietnamese": (ARTICLE.encode("utf-8"), ARTICLE),
    "cp1258-vietnamese": (cp1258_bytes(ARTICLE), ARTICLE),
    "cp1258-short": (cp1258_bytes(SENTENCES[1]), SENTENCES[1]),
    "english": (b"The new rural development programme reached 19 of 19 criteria.", None),
    "french-latin-1": (FRENCH.encode("latin-1"), FRENCH),
    "french-utf-8": (FRENCH.encode("utf-8"), FRENCH),
    "german-latin-1": (((GERMAN + " ") * 3).encode("latin-1"), (GERMAN + " ") * 3),
    "spanish-utf-8": (SPANISH.encode("utf-8"), SPANISH),
}


@pytest.mark.parametrize("data,expected", NOT_LEGACY.values(), ids=NOT_LEGACY.keys())
def test_detection_does_not_fire(data, expected):
    text = decode_bytes(data, "x.txt")
    if expected is not None:
        assert unicodedata.normalize("NFC", text) == expected
    assert sniff(text) is None


def test_cp1258_read_as_latin_1_is_not_legacy():
    # the bytes of a Windows-1258 file, read one character per byte: the VNI
    # and TCVN3 readings must lose against the Windows-1258 one
    data = cp1258_bytes(ARTICLE)
    assert sniff(data.decode("latin-1"), alternatives=(unicodedata.normalize("NFC", data.decode("cp1258")),)) is None


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")),
                         ids=lambda p: p.name)
def test_samples_are_not_legacy(path):
    data = path.read_bytes()
    text = decode_bytes(data, str(path))
    assert sniff(text) is None
    assert corpus.legacy.has_unicode_vietnamese(unicodedata.normalize("NFC", text))
