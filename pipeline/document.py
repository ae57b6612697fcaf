"""The document every stage passes along: source text, normalized text, sentences."""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Optional

from pipeline.normalize import NormalizedText, fold_tones, normalize


class Sentence(NamedTuple):
    """A sentence of the normalized text: ``text == document.text[start:end]``.

    A named tuple rather than a frozen dataclass: an article has dozens of sentences, and a
    frozen dataclass costs about four times as much to create.
    """

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (block of lines) it lies in


@dataclass
class Document:
    """One article or report.

    ``text`` is the normalized text (NFC, whitespace and junk lines cleaned, the
    source's own tone placement kept); every fact span points into it.
    ``folded`` has the same length with old/new tone placement folded, for
    matching only. ``norm.to_source(i)`` maps an offset back to ``source_text``.
    """

    source: str  # path or URL
    source_text: str
    norm: NormalizedText
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date (or YYYY-MM) where known
    province_hint: Optional[str] = None  # the source's province, if configured
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def folded(self) -> str:
        return fold_tones(self.norm.text)

    @cached_property
    def id(self) -> str:
        """Content hash of the normalized text: the same article gives the same id."""
        return hashlib.sha256(self.norm.text.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def sentences(self) -> list[Sentence]:
        from pipeline.sentences import split_sentences

        return split_sentences(self.norm.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence containing ``offset`` (the last one if past the end)."""
        i = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[i]


def make_document(source: str, source_text: str, **kw) -> Document:
    """Normalize ``source_text`` and wrap it as a Document."""
    return Document(source=source, source_text=source_text, norm=normalize(source_text), **kw)
