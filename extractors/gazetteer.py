"""The official register of administrative units, and resolving names against it.

The register is ``extractors/data/units.jsonl`` (built by
``scripts/build_units.py``; see ``extractors/data/units.README.md``): the 63
provinces, about 720 districts and 11,000 communes of the pre-2025 system,
with GSO codes, parents and the post-1 July 2025 successor. It is read on
first use and indexed once (about 0.1 s); after that every lookup is a few
dict look-ups.

- ``Gazetteer.default().lookup("Xuân Hoà", "xã")`` -> every commune of that name.
- ``resolve("xã", "Xuân Hòa", province="Thanh Hóa", context=Hints(districts=["Thọ Xuân"]))``
  -> a ``Resolution`` with the chosen entry, the plausible candidates and a status.
- ``infer_province([("huyện", "Thọ Xuân"), ("xã", "Xuân Minh"), ...])`` -> "Thanh Hóa".
- ``scan(text)`` -> register names found in a text (Aho-Corasick, word boundaries).

Names compare after NFC, tone folding (``pipeline.normalize.fold_tones``:
"Hoà" = "Hòa"), lower-casing and whitespace squeezing; "Phường 03" = "3".
"""
from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping, Optional, Union

from extractors.models import Level, Unit
from pipeline.normalize import fold_tones

__all__ = [
    "Entry",
    "Resolution",
    "Hints",
    "Gazetteer",
    "name_key",
    "longest_first",
    "keep_all",
    "DATA_FILE",
]

DATA_FILE = Path(__file__).with_name("data") / "units.jsonl"

XA, HUYEN, TINH = "xã", "huyện", "tỉnh"
RESOLVED, AMBIGUOUS, UNKNOWN = "resolved", "ambiguous", "unknown"

# Level word as written (lower-case, tone-folded) -> (levels to search, preferred type).
# "thành phố" names a province-level city (Cần Thơ) or a district-level one (Hà Tĩnh):
# both levels are searched and the type breaks the tie.
LEVEL_WORDS: dict[str, tuple[tuple[str, ...], Optional[str]]] = {
    "xã": ((XA,), "xã"),
    "phường": ((XA,), "phường"),
    "thị trấn": ((XA,), "thị trấn"),
    "huyện": ((HUYEN,), "huyện"),
    "quận": ((HUYEN,), "quận"),
    "thị xã": ((HUYEN,), "thị xã"),
    "thành phố": ((HUYEN, TINH), "thành phố"),
    "tp": ((HUYEN, TINH), "thành phố"),
    "tp.": ((HUYEN, TINH), "thành phố"),
    "tỉnh": ((TINH,), "tỉnh"),
}
_LEVEL_PREFIX = re.compile(
    r"^(thị trấn|thị xã|thành phố|tp\.?|phường|quận|huyện|tỉnh|xã)(?:\s+|(?<=\.)(?=\S))", re.I
)

# Hand-curated province aliases, kept apart from the imported register: the
# names news text uses for a province that the register writes otherwise.
PROVINCE_ALIASES: dict[str, str] = {
    "huế": "Thừa Thiên Huế",  # "Thành phố Huế" since January 2025
    "thừa thiên - huế": "Thừa Thiên Huế",
    "tp hồ chí minh": "Hồ Chí Minh",
    "tp. hồ chí minh": "Hồ Chí Minh",
    "tp.hcm": "Hồ Chí Minh",
    "tp hcm": "Hồ Chí Minh",
    "tphcm": "Hồ Chí Minh",
    "sài gòn": "Hồ Chí Minh",
    "bà rịa vũng tàu": "Bà Rịa - Vũng Tàu",
    "đắc lắc": "Đắk Lắk",
    "đắk nông": "Đắk Nông",
    "đăk lăk": "Đắk Lắk",
    "đăk nông": "Đắk Nông",
}

_WS = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*[-–]\s*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key of a unit name.

    >>> name_key("  Xuân  Hoà ")
    'xuân hòa'
    >>> name_key("03")
    '3'
    >>> name_key("Bà Rịa-Vũng Tàu") == name_key("Bà Rịa - Vũng Tàu")
    True
    """
    s = fold_tones(unicodedata.normalize("NFC", name)).lower().translate(_APOSTROPHES)
    s = _HYPHEN.sub("-", _WS.sub(" ", s).strip(" ,.;:"))
    return str(int(s)) if s.isdigit() else s


def loose_key(name: str) -> str:
    """``name_key`` without any diacritic ("Ia Trốk", "Ia Trok" -> "ia trok"; "Đắk" -> "dak")."""
    s = unicodedata.normalize("NFD", name_key(name).replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _shape(name: str) -> str:
    """``name_key`` without the lower-casing: the register's capitals, at the key's offsets."""
    s = fold_tones(unicodedata.normalize("NFC", name)).translate(_APOSTROPHES)
    return _HYPHEN.sub("-", _WS.sub(" ", s).strip(" ,.;:"))


@dataclass(frozen=True)
class Entry:
    """One unit of the register (pre-2025 system)."""

    code: str  # GSO code ("29461"), or a synthetic "x-84-huyentracu-xa..." (code_official False)
    level: str  # "tỉnh" | "huyện" | "xã"
    type: str  # the level word: tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn
    name: str  # without the level word, NFC, new-style tone placement
    province: Optional[str]  # None for a province
    district: Optional[str]  # for a commune
    parent_code: Optional[str]
    successor: Optional[str]  # the post-1 July 2025 unit with its type; None for districts
    successor_province: Optional[str]
    successor_parts: tuple[str, ...] = ()  # every successor of a divided commune
    existed_2025: bool = True  # still in the register just before 1 July 2025
    code_official: bool = True

    @property
    def province_name(self) -> str:
        """The province this unit is in, or is (for a province)."""
        return self.name if self.level == TINH else self.province  # type: ignore[return-value]

    def to_unit(self) -> Unit:
        """As the fact model's ``Unit``."""
        return Unit(Level(self.level), self.name, self.province, self.district)

    @classmethod
    def from_json(cls, d: dict) -> "Entry":
        return cls(
            code=d["code"], level=d["level"], type=d["type"], name=d["name"],
            province=d.get("province"), district=d.get("district"),
            parent_code=d.get("parent_code"), successor=d.get("successor"),
            successor_province=d.get("successor_province"),
            successor_parts=tuple(d.get("successor_parts") or ()),
            existed_2025=d.get("existed_2025", True), code_official=d.get("code_official", True),
        )


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one name: the chosen entry, if any, and why."""

    entry: Optional[Entry]
    candidates: list[Entry]
    status: str  # "resolved" | "ambiguous" | "unknown"
    reason: str = ""  # which rule decided: "unique", "province", "district", "context-district", ...

    @property
    def resolved(self) -> bool:
        return self.status == RESOLVED


@dataclass
class Hints:
    """What the document says around a mention: districts (names or codes) and provinces."""

    districts: Collection[str] = ()
    provinces: Collection[str] = ()
    _district_keys: frozenset = field(init=False, repr=False, default=frozenset())
    _province_keys: frozenset = field(init=False, repr=False, default=frozenset())

    def __post_init__(self):
        self._district_keys = frozenset(name_key(d) for d in self.districts)
        self._province_keys = frozenset(name_key(p) for p in self.provinces)


ContextLike = Union[Hints, Mapping, Iterable[str], None]


def _hints(context: ContextLike) -> Optional[Hints]:
    if context is None or isinstance(context, Hints):
        return context
    if isinstance(context, Mapping):
        return Hints(tuple(context.get("districts", ())), tuple(context.get("provinces", ())))
    if isinstance(context, str):
        return Hints((context,))
    return Hints(tuple(context))


# -- overlap policies for scan() ---------------------------------------------------

Match = tuple[int, int, list]


def longest_first(matches: list[Match]) -> list[Match]:
    """Leftmost-longest, non-overlapping: "Thọ Xuân" inside "Thọ Xuân Hòa" is dropped."""
    out: list[Match] = []
    last_end = -1
    for m in sorted(matches, key=lambda m: (m[0], -m[1])):
        if m[0] >= last_end:
            out.append(m)
            last_end = m[1]
    return out


def keep_all(matches: list[Match]) -> list[Match]:
    """Every match, overlapping or not, in text order."""
    return sorted(matches, key=lambda m: (m[0], -m[1]))


class Gazetteer:
    """The register with its indexes. Use ``Gazetteer.default()``."""

    _default: Optional["Gazetteer"] = None
    _lock = threading.Lock()

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self.by_code: dict[str, Entry] = {e.code: e for e in self.entries}
        by_name: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._key_of: dict[str, str] = {}  # code -> name key
        for e in self.entries:
            k = name_key(e.name)
            self._key_of[e.code] = k
            by_name[(e.level, k)].append(e)
        self.provinces: dict[str, Entry] = {
            name_key(e.name): e for e in self.entries if e.level == TINH
        }
        for alias, canon in PROVINCE_ALIASES.items():
            by_name[(TINH, name_key(alias))].append(self.provinces[name_key(canon)])
            self.provinces.setdefault(name_key(alias), self.provinces[name_key(canon)])
        self._by_name: dict[tuple[str, str], tuple[Entry, ...]] = {
            k: tuple(v) for k, v in by_name.items()
        }
        self._automaton = None
        self._scan_info: dict[str, tuple[tuple[Entry, ...], tuple[int, ...]]] = {}
        # resolve()'s first steps (name, level, province, district) depend on the register only
        self._pre_cache: dict = {}

    # -- construction --------------------------------------------------------------
    @classmethod
    def from_file(cls, path: Union[str, Path] = DATA_FILE) -> "Gazetteer":
        with open(path, encoding="utf-8") as f:
            return cls(Entry.from_json(json.loads(line)) for line in f if line.strip())

    @classmethod
    def default(cls) -> "Gazetteer":
        """The register shipped with the package, loaded once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.from_file(DATA_FILE)
        return cls._default

    # -- lookups -------------------------------------------------------------------
    @staticmethod
    def parse_level(level) -> tuple[tuple[str, ...], Optional[str]]:
        """Level, level word or ``Level`` -> (levels to search, preferred type)."""
        if level is None:
            return (TINH, HUYEN, XA), None
        if isinstance(level, Level):
            level = level.value
        lw = name_key(str(level))
        if lw in (XA, HUYEN, TINH):
            return (lw,), None
        if lw in LEVEL_WORDS:
            return LEVEL_WORDS[lw]
        if lw == "quốc gia":
            return (), None
        raise ValueError(f"unknown level {level!r}: use xã, huyện, tỉnh or a level word")

    def _split(self, name: str, level) -> tuple[str, tuple[str, ...], Optional[str]]:
        """Strip a level word written into the name ("Phường 3") and merge it with ``level``."""
        levels, typ = self.parse_level(level)
        m = _LEVEL_PREFIX.match(name.strip())
        if m and name_key(name) not in self.provinces:
            word_levels, word_type = LEVEL_WORDS[name_key(m.group(1))]
            rest = name.strip()[m.end():]
            if rest:
                name = rest
                if level is None or levels == (HUYEN, TINH):
                    levels, typ = word_levels, word_type
                typ = typ or word_type
        return name_key(name), levels, typ

    def loose_names(self, name: str, level) -> list[str]:
        """The register's names of ``level`` that ``name`` matches once all diacritics are set aside
        ("Ia Trốk" -> ["Ia Trok"], "Ia Krái" -> ["Ia Krăi"]): highland names are written with
        different marks from one source to the next. [] when none does."""
        index = self.__dict__.get("_by_loose")
        if index is None:
            index = defaultdict(set)
            for e in self.entries:
                index[(e.level, loose_key(e.name))].add(e.name)
            self.__dict__["_by_loose"] = index
        levels, _ = self.parse_level(level)
        return sorted({n for lv in levels for n in index.get((lv, loose_key(name)), ())})

    def lookup(self, name: str, level=None) -> list[Entry]:
        """Every unit called ``name`` at ``level`` (xã/huyện/tỉnh, a level word, or None for all).

        >>> [e.province for e in Gazetteer.default().lookup("Trà Cú", "huyện")]
        ['Trà Vinh']
        """
        key, levels, _ = self._split(name, level)
        out: list[Entry] = []
        for lv in levels:
            out.extend(self._by_name.get((lv, key), ()))
        return out

    def entry(self, code: str) -> Optional[Entry]:
        return self.by_code.get(code)

    def province_name(self, name: Optional[str]) -> Optional[str]:
        """Canonical province name ("tp. Hồ Chí Minh" -> "Hồ Chí Minh"), or None."""
        if not name:
            return None
        key = name_key(name)
        e = self.provinces.get(key)
        if e is None:
            m = _LEVEL_PREFIX.match(key)
            if m:
                e = self.provinces.get(key[m.end():])
        return e.name if e else None

    def provinces_of_district(self, name: str) -> list[str]:
        """Provinces having a district of this name."""
        return sorted({e.province for e in self.lookup(name, HUYEN)})  # type: ignore[arg-type]

    def province_of_district(self, name: str) -> Optional[str]:
        """The province of a district name when only one province has it."""
        ps = self.provinces_of_district(name)
        return ps[0] if len(ps) == 1 else None

    def children(self, code: str) -> list[Entry]:
        """Units whose parent is ``code`` (districts of a province, communes of a district)."""
        if not hasattr(self, "_children"):
            kids: dict[str, list[Entry]] = defaultdict(list)
            for e in self.entries:
                if e.parent_code:
                    kids[e.parent_code].append(e)
            self._children = kids
        return list(self._children.get(code, ()))

    # -- resolution ----------------------------------------------------------------
    def resolve(self, level, name: str, province: Optional[str] = None,
                district: Optional[str] = None, context: ContextLike = None) -> Resolution:
        """Choose the register entry a mention means.

        Args:
            level: "xã"/"huyện"/"tỉnh", a ``Level``, or the level word as written
                ("thị trấn", "thành phố": a city is looked for at both levels).
            name: the name without the level word (a level word in it is stripped).
            province: the province the text puts the unit in, if any. Units in it
                win; if it has none, units elsewhere stay candidates (an article
                about one province may name a district of another) but only a
                unique district or province resolves.
            district: the district the text gives ("xã Đông Yên (An Biên)").
            context: ``Hints`` (or a mapping with "districts"/"provinces", or a
                list of district names or codes) of what the document names; a
                commune whose district is named in the document wins.

        Returns:
            A ``Resolution``: ``entry`` when one candidate remains, the
            remaining ``candidates`` and ``status`` "resolved", "ambiguous" or
            "unknown" (nothing of that name in the register).
        """
        pre = self._pre_resolve(level, name, province, district)
        if isinstance(pre, Resolution):
            return Resolution(pre.entry, list(pre.candidates), pre.status, pre.reason)
        cands, reason, levels, typ, key = pre
        cands = list(cands)
        hints = _hints(context)
        if hints and len(cands) > 1:
            if hints._district_keys:
                near = [c for c in cands if c.parent_code in hints.districts
                        or (c.district and name_key(c.district) in hints._district_keys)]
                if near:
                    cands, reason = near, "context-district"
            if len(cands) > 1 and hints._province_keys and not province:
                pks = {name_key(self.province_name(p) or p) for p in hints.provinces}
                near = [c for c in cands if name_key(c.province_name) in pks]
                if near:
                    cands, reason = near, "context-province"
        if len(cands) > 1 and typ:
            same = [c for c in cands if c.type == typ]
            if same:
                cands, reason = same, "type"
        if len(cands) > 1 and TINH in levels and HUYEN in levels:
            # "thành phố Huế": the district-level city, not the province reached by alias
            exact = [c for c in cands if self._key_of[c.code] == key]
            if exact:
                cands = exact
            if len(cands) > 1:
                city = [c for c in cands if c.level == HUYEN]
                cands, reason = (city or cands), "city"
        if len(cands) > 1 and len({(c.province, c.district, c.type) for c in cands}) == 1:
            # the same place twice: a 2020 unit merged away and a later one of that name
            current = [c for c in cands if c.existed_2025]
            if len(current) == 1:
                cands, reason = current, "current"
        if len(cands) == 1:
            return Resolution(cands[0], cands, RESOLVED, "unique" if reason == "name" else reason)
        return Resolution(None, cands, AMBIGUOUS, reason)

    def resolve_without_hints(self, level, name: str, province: Optional[str] = None,
                              district: Optional[str] = None) -> Optional[Resolution]:
        """``resolve(level, name, province, district, context)`` when its outcome cannot depend
        on ``context`` (one candidate, or none, is left before the hints are read), else None."""
        pre = self._pre_resolve(level, name, province, district)
        if isinstance(pre, Resolution):
            return Resolution(pre.entry, list(pre.candidates), pre.status, pre.reason)
        return None

    def _pre_resolve(self, level, name: str, province: Optional[str], district: Optional[str]):
        """The steps of :meth:`resolve` before the context hints, cached: a final ``Resolution``,
        or ``(candidates, reason, levels, type, key)`` to go on with (never to be mutated)."""
        ck = (level, name, province, district)
        got = self._pre_cache.get(ck)
        if got is None:
            got = self._pre_resolve_uncached(level, name, province, district)
            if len(self._pre_cache) > 200_000:
                self._pre_cache.clear()
            self._pre_cache[ck] = got
        return got

    def _pre_resolve_uncached(self, level, name: str, province: Optional[str], district: Optional[str]):
        key, levels, typ = self._split(name, level)
        cands: list[Entry] = []
        for lv in levels:
            cands.extend(self._by_name.get((lv, key), ()))
        if not cands:
            return Resolution(None, [], UNKNOWN, "not in register")
        if len(levels) == 1 and levels[0] == TINH or all(c.level == TINH for c in cands):
            cands = list(dict.fromkeys(cands))  # an alias and the name give the same province
        reason = "name"
        if province:
            pname = self.province_name(province) or province
            inside = [c for c in cands if c.province_name == pname]
            if inside:
                cands, reason = inside, "province"
            else:
                # named in another province's article: trust only a unique, non-commune name
                if len(cands) == 1 and cands[0].level != XA:
                    return Resolution(cands[0], cands, RESOLVED, "unique outside province")
                return Resolution(None, cands, AMBIGUOUS, "not in the given province")
        if district and len(cands) > 1:
            dk = name_key(district)
            inside = [c for c in cands if c.district and name_key(c.district) == dk]
            if inside:
                cands, reason = inside, "district"
        if len(cands) == 1:
            # nothing after this point changes a single candidate
            return Resolution(cands[0], cands, RESOLVED, "unique" if reason == "name" else reason)
        return (tuple(cands), reason, levels, typ, key)

    def infer_province(self, mentions: Iterable) -> Optional[str]:
        """The province that explains most unit mentions of a document, or None.

        Args:
            mentions: ``(level, name)`` pairs or objects with ``.level`` and
                ``.name`` (``units.Mention``, ``models.Unit``).

        Each mention spreads its weight (province 4, district 2, commune 1) over
        the provinces having a unit of that name, so a rare name counts more
        than a common one; a commune whose district is also named counts in
        that district's province only. Returns None when no province leads.
        """
        pairs = []
        for m in mentions:
            lv, nm = (m.level, m.name) if hasattr(m, "name") else m
            try:
                levels, _ = self.parse_level(lv)
            except ValueError:
                continue
            cands = []
            for lv2 in levels:
                cands.extend(self._by_name.get((lv2, name_key(nm)), ()))
            if cands:
                pairs.append(cands)
        districts = {(c.province, self._key_of[c.code]) for cands in pairs for c in cands
                     if c.level == HUYEN}
        weight = {TINH: 4.0, HUYEN: 2.0, XA: 1.0}
        score: dict[str, float] = defaultdict(float)
        for cands in pairs:
            anchored = [c for c in cands if c.level == XA and c.district
                        and (c.province, name_key(c.district)) in districts]
            use = anchored or cands
            provs = {c.province_name for c in use}
            w = max(weight[c.level] for c in use) * (1.5 if anchored else 1.0)
            for p in provs:
                score[p] += w / len(provs)
        if not score:
            return None
        ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
        best, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < 1.0 or top <= second * 1.25:
            return None
        return best

    # -- scanning --------------------------------------------------------------------
    def _build_automaton(self):
        import ahocorasick  # pyahocorasick; only the scanner needs it

        groups: dict[str, list[Entry]] = defaultdict(list)
        for (lv, key), entries in self._by_name.items():
            if key.isdigit():
                continue
            if lv == TINH or " " in key or "-" in key:
                groups[key].extend(entries)
        auto = ahocorasick.Automaton()
        info = {}
        for key, entries in groups.items():
            entries = tuple(dict.fromkeys(entries))
            # the syllables that must be capitalised in the text, from the register's spelling
            shape = _shape(entries[0].name)
            if shape.lower() != key:  # reached through an alias ("tp hồ chí minh")
                shape = key.title()
            for variant in {shape, shape.replace("-", " - ")}:
                caps = tuple(i for i, ch in enumerate(variant)
                             if (i == 0 or variant[i - 1] in " -") and ch.isupper())
                vkey = variant.lower()
                info[vkey] = (entries, caps)
                auto.add_word(vkey, (len(vkey), vkey))
        auto.make_automaton()
        self._scan_info, self._automaton = info, auto

    def scan(self, text: str, capitalized: bool = True,
             overlaps: Callable[[list[Match]], list[Match]] = longest_first) -> list[Match]:
        """Register names in ``text``: ``[(start, end, [Entry, ...]), ...]``.

        Only names of two or more syllables, and province names, are looked for
        (one-syllable commune names are common words). A match must stand
        between word boundaries and, with ``capitalized``, start each
        capitalised syllable of the name with a capital ("Đoàn Kết" the commune,
        not "đoàn kết" the verb). ``overlaps`` picks among overlapping matches.
        """
        if self._automaton is None:
            with self._lock:
                if self._automaton is None:
                    self._build_automaton()
        low = fold_tones(text).lower().translate(_APOSTROPHES)
        if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets
            low = "".join(c if len(c) == 1 else o for c, o in zip(
                (ch.lower() for ch in fold_tones(text)), text))
        info = self._scan_info
        n = len(low)
        found: list[Match] = []
        for end_idx, (length, key) in self._automaton.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            if end < n and low[end].isalnum():
                continue
            entries, caps = info[key]
            if capitalized and caps and not all(text[start + i].isupper() for i in caps):
                continue
            found.append((start, end, list(entries)))
        return overlaps(found)


# -- module-level shortcuts on the default register -------------------------------

def lookup(name: str, level=None) -> list[Entry]:
    """``Gazetteer.default().lookup``."""
    return Gazetteer.default().lookup(name, level)


def resolve(level, name: str, province: Optional[str] = None, district: Optional[str] = None,
            context: ContextLike = None) -> Resolution:
    """``Gazetteer.default().resolve``."""
    return Gazetteer.default().resolve(level, name, province, district, context)


def infer_province(mentions: Iterable) -> Optional[str]:
    """``Gazetteer.default().infer_province``."""
    return Gazetteer.default().infer_province(mentions)


def scan(text: str, capitalized: bool = True,
         overlaps: Callable[[list[Match]], list[Match]] = longest_first) -> list[Match]:
    """``Gazetteer.default().scan``."""
    return Gazetteer.default().scan(text, capitalized, overlaps)


def province_of_district(name: str) -> Optional[str]:
    """``Gazetteer.default().province_of_district``."""
    return Gazetteer.default().province_of_district(name)


__all__ += ["lookup", "resolve", "infer_province", "scan", "province_of_district"]
