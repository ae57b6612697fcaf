"""Numbered legal and administrative documents: "Quyết định số 321/QĐ-TTg, ngày 08/3/2022".

Also the number line of an official document's own header ("Số: 236/TB-UBND" above
"THÔNG BÁO" and "Hà Tĩnh, ngày 14 tháng 6 năm 2024"): the document is itself a numbered
administrative document.
"""
from __future__ import annotations

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context
from extractors.dates import iso
from extractors.models import LegalRef

_KINDS = {" ".join(k.lower().split()): k for k in P.DOC_KINDS}
_KINDS.update({k.lower(): v for k, v in P.DOC_KIND_ABBR.items()})
_HEADER_WINDOW = 1500
_UPPER = regex.compile(r"\p{Lu}")  # the header of an official document: its first lines


def _kind(word: str) -> str:
    return _KINDS[" ".join(word.lower().split())]


def _header(ctx: Context):
    """The document's own number, from its header, as a LegalRef (or None)."""
    f = ctx.folded
    top = min(len(f), _HEADER_WINDOW)
    m = P.HEADER_NUMBER.search(f, 0, top)
    if not m or not _UPPER.search(m.group("num")):
        return None
    number = ctx.quote(m.start("num"), m.end("num")).rstrip(".-/")
    k = P.HEADER_KIND.search(f, 0, top)
    if k:
        kind = _kind(k.group("kind"))
    else:
        s = P.SYMBOL_KIND.search(number)
        kind = P.SYMBOL_KINDS[s.group("abbr")] if s else "Công văn"
    d = P.HEADER_DATE.search(f, 0, top)
    issued = iso(int(d.group("y")), int(d.group("m")), int(d.group("d"))) if d else None
    start, end = m.start(), m.start("num") + len(number)
    text = ctx.quote(start, end)
    return LegalRef(evidence=ctx.evidence(start, end), quote=text, extractor="legal_refs",
                    text=text, doc_kind=kind, number=number, date=issued)


def find(ctx: Context) -> list[LegalRef]:
    f = ctx.folded
    facts, seen = [], set()
    head = _header(ctx)
    if head is not None:
        facts.append(head)
        seen.add(head.number.lower())
    for m in P.LEGAL_REF_A.finditer(ctx):
        num_group = "num" if m.group("num") else "sym"
        kind = _kind(m.group("kind"))
        # the numbers of one kind listed together ("các Quyết định số 318/QĐ-TTg, số 319/QĐ-TTg và số
        # 320/QĐ-TTg cùng ngày 08/3/2022"): each its own reference, the date after the last for all
        spans = [(m.start(), m.start(num_group), m.end(num_group))]
        more = P.LEGAL_REF_MORE.match(f, m.end()) if num_group == "num" else None
        while more is not None:
            spans.append((more.start("so"), more.start("num"), more.end("num")))
            more = P.LEGAL_REF_MORE.match(f, more.end())
        issued = _issued(f, spans[-1][2])
        for start, ns, ne in spans:
            number = ctx.quote(ns, ne).rstrip(".-/")
            key = number.lower()
            if key in seen:
                continue
            seen.add(key)
            end = ns + len(number)
            text = ctx.quote(start, end)
            facts.append(LegalRef(evidence=ctx.evidence(start, end), quote=text, extractor="legal_refs",
                                  text=text, doc_kind=kind, number=number, date=issued))
    return facts


def _issued(f: str, at: int):
    """The issue date written right after ``at`` ("ngày 08/3/2022", "ngày 8 tháng 3 năm 2022"), or None."""
    d = P.ISSUE_DATE_AFTER.match(f, at)
    if not d:
        return None
    if d.group("y"):
        return iso(int(d.group("y")), int(d.group("m")), int(d.group("d")))
    return iso(int(d.group("y2")), int(d.group("m2")), int(d.group("d2")))


EXTRACTOR = Extractor(
    name="legal_refs", fact_type="legal_refs", find=find, description="numbered legal documents with issue date",
    # 2: numbers of one kind listed together ("các Quyết định số 318/QĐ-TTg, số 319/QĐ-TTg ... cùng ngày 08/3/2022")
    version="2",
)
