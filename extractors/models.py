"""Typed facts and the evidence every fact carries.

Every fact type in ``eval/SPEC.md`` (progress, tallies, unmet, officials,
dates, legal_refs) is a small dataclass. ``to_spec()`` returns the SPEC JSON
shape (plus provenance keys the scorer ignores); ``to_row()`` returns a flat
dict for the database, always with the full set of columns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar, Optional


class Level(str, Enum):
    """Administrative level in the pre-2025 three-level system."""

    XA = "xã"  # xã, phường, thị trấn
    HUYEN = "huyện"  # huyện, quận, thị xã, thành phố thuộc tỉnh
    TINH = "tỉnh"  # tỉnh, thành phố trực thuộc trung ương
    QUOC_GIA = "quốc gia"


class Standard(str, Enum):
    NTM = "ntm"
    NANG_CAO = "ntm_nang_cao"
    KIEU_MAU = "ntm_kieu_mau"
    TINH_HOAN_THANH = "tinh_hoan_thanh"


class Measure(str, Enum):
    TIEU_CHI = "tiêu chí"
    CHI_TIEU = "chỉ tiêu"
    NOI_DUNG = "nội dung"


class Modality(str, Enum):
    REPORTED = "reported"
    TARGET = "target"


def _val(x):
    return x.value if isinstance(x, Enum) else x


@dataclass(frozen=True)
class Unit:
    """An administrative unit as named in the text, resolved to the register where possible.

    ``status`` is "resolved" (``code`` is the register's), "ambiguous" (the
    register has several units of that name; ``candidates`` lists their codes)
    or "unknown" (no unit of that name); None when no resolution was tried.
    ``successor`` is the unit it became on 1 July 2025 (None for districts,
    which were abolished).
    """

    level: Level
    name: str
    province: Optional[str] = None
    district: Optional[str] = None  # e.g. "An Biên" in "xã Đông Yên (An Biên)"
    code: Optional[str] = None
    status: Optional[str] = None
    candidates: tuple = ()
    successor: Optional[str] = None
    successor_province: Optional[str] = None

    def to_spec(self) -> dict:
        out = {"level": _val(self.level), "name": self.name, "province": self.province}
        if self.status:
            out["code"] = self.code
            out["status"] = self.status
            if self.candidates:
                out["candidates"] = list(self.candidates)
            if self.successor or self.successor_province:
                out["successor"] = self.successor
                out["successor_province"] = self.successor_province
        return out


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a character span of the normalized text."""

    start: int
    end: int
    sentence: str
    sentence_start: int

    @property
    def quote_len(self) -> int:
        return self.end - self.start


@dataclass
class Fact:
    """Base class: every fact has evidence and the extractor that made it."""

    kind: ClassVar[str] = ""
    evidence: Evidence
    quote: str
    extractor: str
    extractor_version: str = ""  # set by extractors.extract(): "progress@2"

    def spec_fields(self) -> dict:  # overridden per type
        raise NotImplementedError

    def to_spec(self) -> dict:
        out = self.spec_fields()
        out["quote"] = self.quote
        out["start"] = self.evidence.start
        out["end"] = self.evidence.end
        out["sentence"] = self.evidence.sentence
        return out

    def row_fields(self) -> dict:  # overridden per type
        raise NotImplementedError

    def to_row(self) -> dict:
        row = self.row_fields()
        row.update(
            quote=self.quote,
            sentence=self.evidence.sentence,
            start=self.evidence.start,
            end=self.evidence.end,
            extractor=self.extractor,
            extractor_version=self.extractor_version,
        )
        return row

    def row_values(self) -> tuple:  # overridden per type
        """The values of ``to_row()`` in ``row_columns`` order, as database cells, without the dict.

        Every fact class of ``FACT_TYPES`` defines it (the loader's fast path); the base
        version goes through ``to_row()``.
        """
        return tuple(_cell(v) for v in self.to_row().values())

    def _tail(self) -> tuple:
        ev = self.evidence
        return (self.quote, ev.sentence, ev.start, ev.end, self.extractor, self.extractor_version)


def _cell(value):
    """A database cell: enums by value, booleans as 0/1."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


_NO_UNIT = (None,) * 9


def _unit_vals(unit: Optional[Unit]) -> tuple:
    """The values of ``_unit_cols`` in order."""
    if unit is None:
        return _NO_UNIT
    return (
        _val(unit.level), unit.name, unit.district, unit.province, unit.code, unit.status,
        " ".join(unit.candidates) if unit.candidates else None, unit.successor, unit.successor_province,
    )


def _unit_cols(prefix: str, unit: Optional[Unit]) -> dict:
    return {
        f"{prefix}_level": _val(unit.level) if unit else None,
        f"{prefix}_name": unit.name if unit else None,
        f"{prefix}_district": unit.district if unit else None,
        f"{prefix}_province": unit.province if unit else None,
        f"{prefix}_code": unit.code if unit else None,
        f"{prefix}_status": unit.status if unit else None,
        f"{prefix}_candidates": " ".join(unit.candidates) if unit and unit.candidates else None,
        f"{prefix}_successor": unit.successor if unit else None,
        f"{prefix}_successor_province": unit.successor_province if unit else None,
    }


@dataclass
class Progress(Fact):
    """How far one unit is against a criteria set: "đạt 08/09 tiêu chí"."""

    kind: ClassVar[str] = "progress"
    unit: Optional[Unit] = None
    standard: Optional[Standard] = None
    measure: Measure = Measure.TIEU_CHI
    met: int = 0
    met_max: Optional[int] = None
    total: Optional[int] = None
    modality: Modality = Modality.REPORTED
    total_implied: bool = False  # total taken from the criteria set, not the text

    def spec_fields(self) -> dict:
        return {
            "unit": self.unit.to_spec() if self.unit else None,
            "standard": _val(self.standard),
            "measure": _val(self.measure),
            "met": self.met,
            "met_max": self.met_max,
            "total": self.total,
            "modality": _val(self.modality),
        }

    def row_fields(self) -> dict:
        return {
            **_unit_cols("unit", self.unit),
            "standard": _val(self.standard),
            "measure": _val(self.measure),
            "met": self.met,
            "met_max": self.met_max,
            "total": self.total,
            "total_implied": int(self.total_implied),
            "modality": _val(self.modality),
        }

    def row_values(self) -> tuple:
        return (*_unit_vals(self.unit), _val(self.standard), _val(self.measure), _cell(self.met),
                _cell(self.met_max), _cell(self.total), int(self.total_implied), _val(self.modality),
                *self._tail())


@dataclass
class Tally(Fact):
    """How many units inside a parent reached a standard: "85/85 xã đạt chuẩn"."""

    kind: ClassVar[str] = "tallies"
    parent: Optional[Unit] = None
    child_level: Level = Level.XA
    standard: Optional[Standard] = None
    count: int = 0
    total: Optional[int] = None
    modality: Modality = Modality.REPORTED
    increment: bool = False

    def spec_fields(self) -> dict:
        return {
            "parent": self.parent.to_spec() if self.parent else None,
            "child_level": _val(self.child_level),
            "standard": _val(self.standard),
            "count": self.count,
            "total": self.total,
            "modality": _val(self.modality),
            "increment": self.increment,
        }

    def row_fields(self) -> dict:
        return {
            **_unit_cols("parent", self.parent),
            "child_level": _val(self.child_level),
            "standard": _val(self.standard),
            "count": self.count,
            "total": self.total,
            "modality": _val(self.modality),
            "increment": int(self.increment),
        }

    def row_values(self) -> tuple:
        return (*_unit_vals(self.parent), _val(self.child_level), _val(self.standard), _cell(self.count),
                _cell(self.total), _val(self.modality), int(self.increment), *self._tail())


@dataclass
class Unmet(Fact):
    """A numbered criterion not yet met: "còn tiêu chí 9 ... chưa đạt"."""

    kind: ClassVar[str] = "unmet"
    unit: Optional[Unit] = None
    criterion: int = 0
    name: Optional[str] = None
    count_units: Optional[int] = None
    standard: Optional[Standard] = None

    def spec_fields(self) -> dict:
        return {
            "unit": self.unit.to_spec() if self.unit else None,
            "criterion": self.criterion,
            "name": self.name,
            "count_units": self.count_units,
            "standard": _val(self.standard),
        }

    def row_values(self) -> tuple:
        return (*_unit_vals(self.unit), _cell(self.criterion), _cell(self.name), _cell(self.count_units),
                _val(self.standard), *self._tail())

    def row_fields(self) -> dict:
        return {
            **_unit_cols("unit", self.unit),
            "criterion": self.criterion,
            "criterion_name": self.name,
            "count_units": self.count_units,
            "standard": _val(self.standard),
        }


@dataclass
class Official(Fact):
    """A person named with a title."""

    kind: ClassVar[str] = "officials"
    name: str = ""
    titles: list = field(default_factory=list)
    unit: Optional[Unit] = None

    def spec_fields(self) -> dict:
        return {
            "name": self.name,
            "titles": list(self.titles),
            "unit": self.unit.to_spec() if self.unit else None,
        }

    def row_fields(self) -> dict:
        return {
            "name": self.name,
            "titles": "; ".join(self.titles),
            **_unit_cols("unit", self.unit),
        }

    def row_values(self) -> tuple:
        return (_cell(self.name), "; ".join(self.titles), *_unit_vals(self.unit), *self._tail())


@dataclass
class DateFact(Fact):
    """A calendar date: value is ISO ``YYYY-MM-DD`` or ``YYYY-MM``."""

    kind: ClassVar[str] = "dates"
    text: str = ""
    value: str = ""

    def spec_fields(self) -> dict:
        return {"text": self.text, "value": self.value}

    def row_fields(self) -> dict:
        return {"text": self.text, "value": self.value}

    def row_values(self) -> tuple:
        return (_cell(self.text), _cell(self.value), *self._tail())


@dataclass
class LegalRef(Fact):
    """A numbered legal or administrative document: "Quyết định số 321/QĐ-TTg"."""

    kind: ClassVar[str] = "legal_refs"
    text: str = ""
    doc_kind: str = ""
    number: str = ""
    date: Optional[str] = None

    def spec_fields(self) -> dict:
        return {"text": self.text, "kind": self.doc_kind, "number": self.number, "date": self.date}

    def row_fields(self) -> dict:
        return {"text": self.text, "kind": self.doc_kind, "number": self.number, "date": self.date}

    def row_values(self) -> tuple:
        return (_cell(self.text), _cell(self.doc_kind), _cell(self.number), _cell(self.date), *self._tail())


FACT_TYPES: dict[str, type[Fact]] = {
    cls.kind: cls for cls in (Progress, Tally, Unmet, Official, DateFact, LegalRef)
}
"""SPEC key -> fact class, in SPEC order."""


def row_columns(cls: type[Fact]) -> list[str]:
    """Column names of ``cls.to_row()``, in order (the database schema uses them)."""
    blank = cls(evidence=Evidence(0, 0, "", 0), quote="", extractor="")
    return list(blank.to_row())
