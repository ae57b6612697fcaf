"""Numbered legal and administrative documents: "Quyết định số 321/QĐ-TTg, ngày 08/3/2022"."""
from __future__ import annotations

import regex

from extractors import Extractor
from extractors import patterns as P
from extractors.context import Context
from extractors.dates import iso
from extractors.models import LegalRef

_KINDS = {regex.sub(r"\s+", " ", k.lower()): k for k in P.DOC_KINDS}


def find(ctx: Context) -> list[LegalRef]:
    f = ctx.folded
    facts, seen = [], set()
    for m in P.LEGAL_REF.finditer(f):
        num_group = "num" if m.group("num") else "sym"
        number = ctx.quote(m.start(num_group), m.end(num_group)).rstrip(".-/")
        key = number.lower()
        if key in seen:
            continue
        seen.add(key)
        kind = _KINDS[regex.sub(r"\s+", " ", m.group("kind").lower())]
        issued = None
        d = P.ISSUE_DATE_AFTER.match(f, m.end())
        if d:
            if d.group("y"):
                issued = iso(int(d.group("y")), int(d.group("m")), int(d.group("d")))
            else:
                issued = iso(int(d.group("y2")), int(d.group("m2")), int(d.group("d2")))
        end = m.start(num_group) + len(number)
        text = ctx.quote(m.start(), end)
        facts.append(LegalRef(evidence=ctx.evidence(m.start(), end), quote=text, extractor="legal_refs",
                              text=text, doc_kind=kind, number=number, date=issued))
    return facts


EXTRACTOR = Extractor(
    name="legal_refs", fact_type="legal_refs", find=find, description="numbered legal documents with issue date"
)
