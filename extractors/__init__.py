"""Extractors: one module per fact type, collected in one registry.

An extractor is data: a name, the SPEC fact type it yields, a function from a
:class:`~extractors.context.Context` to facts, and cheap literal triggers
(lower-case, tone-folded) of which at least one must occur in the document
before the function is worth running. Adding an extractor is adding one
module under ``extractors/`` that defines ``EXTRACTOR`` (or ``EXTRACTORS``);
:func:`registry` finds it.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from extractors.models import FACT_TYPES, Fact

if TYPE_CHECKING:  # the context imports the extractors' helpers; only its type is needed here
    from extractors.context import Context

__all__ = ["Extractor", "registry", "extract", "signature", "FACT_TYPES"]


@dataclass(frozen=True)
class Extractor:
    name: str
    fact_type: str  # a key of FACT_TYPES
    find: Callable[["Context"], Sequence[Fact]]
    triggers: tuple[str, ...] = ()
    version: str = "1"
    description: str = ""

    def __post_init__(self):
        if self.fact_type not in FACT_TYPES:
            raise ValueError(f"extractor {self.name!r}: unknown fact type {self.fact_type!r}")


_REGISTRY: list[Extractor] | None = None
_NOT_EXTRACTORS = {"models", "patterns", "context", "units", "criteria", "gazetteer", "titles"}


def registry() -> list[Extractor]:
    """Every extractor module's ``EXTRACTOR``/``EXTRACTORS``, in module-name order."""
    global _REGISTRY
    if _REGISTRY is None:
        found: list[Extractor] = []
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name in _NOT_EXTRACTORS:
                continue
            mod = importlib.import_module(f"{__name__}.{info.name}")
            found.extend(getattr(mod, "EXTRACTORS", ()))
            if hasattr(mod, "EXTRACTOR"):
                found.append(mod.EXTRACTOR)
        names = [e.name for e in found]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise RuntimeError(f"duplicate extractor names: {sorted(dupes)}")
        _REGISTRY = found
    return _REGISTRY


def signature() -> str:
    """The extractors and versions in force: "dates@1 legal_refs@1 ..." (stored per document)."""
    return " ".join(f"{e.name}@{e.version}" for e in registry())


def extract(doc, only: Sequence[str] | None = None) -> dict[str, list[Fact]]:
    """Run every registered extractor over ``doc``.

    Args:
        doc: a :class:`pipeline.document.Document`.
        only: names of extractors to run (default: all).

    Returns:
        SPEC fact-type key -> list of facts, every key present (empty lists when nothing found).
    """
    from extractors.context import Context

    ctx = Context(doc)
    out: dict[str, list[Fact]] = {kind: [] for kind in FACT_TYPES}
    low = ctx.low
    for ex in registry():
        if only is not None and ex.name not in only:
            continue
        if ex.triggers and not any(t in low for t in ex.triggers):
            continue
        found = ctx.facts_of(ex.name)
        stamp = f"{ex.name}@{ex.version}"
        for f in found:
            f.extractor_version = stamp
        out[ex.fact_type].extend(found)
    for facts in out.values():
        facts.sort(key=lambda f: (f.evidence.start, f.evidence.end))
    return out
