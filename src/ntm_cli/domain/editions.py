"""Editions of a registry, and the crosswalks between them.

Units are reorganised: on 1/7/2025 Trà Vinh, Bến Tre and Vĩnh Long became the new Vĩnh Long
province, the district level ended and Trà Vinh's 104 commune-level units became 41. Each list of
units is an edition, valid for a span of days; a unit is known by its edition and its code, since
a new unit reuses one of its predecessors' codes (29242 was Phường 3 and is now Phường Trà Vinh).
A crosswalk says which old unit went into which new one; a plan is measured on one edition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ntm_cli.domain.period import Period

MERGE_KINDS = ("merged", "kept", "renamed", "split")


@dataclass(frozen=True, slots=True)
class Edition:
    """A list of units valid from `valid_from` to `valid_to` (None: open at that end)."""

    id: str
    name: str
    file: str  # as the editions file writes it: relative to the data folder, or "ntm:…"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    name_en: str = ""
    source: str = ""
    plan: str = ""  # the plan file whose ladder reads the level columns ("" = the folder's own)
    # the levels that approve a return of this list's units, lowest first: a commune's return
    # approved by its district, then by the province, or by the province alone
    review: tuple[str, ...] = ("province",)

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def covers_period(self, period: Period) -> bool:
        """A month belongs to the edition in force on its first day (a return for June 2025
        reports on the units of June 2025)."""
        return self.covers(dt.date(period.year, period.month, 1))

    @property
    def window(self) -> tuple[str, str]:
        """The first and last months whose returns are on this edition's units: those whose
        first day it covers."""
        first = "0000-01"
        if self.valid_from is not None:
            start = Period.of_date(self.valid_from)
            first = start if self.valid_from.day == 1 else start.next()
        if self.valid_to is None:
            return str(first), "9999-12"
        return str(first), str(Period.of_date(self.valid_to))

    def label(self, english: bool = False) -> str:
        return (self.name_en or self.name) if english else self.name


@dataclass(frozen=True, slots=True)
class Link:
    """One row of a crosswalk: an old unit (or the part of it) that went into a new one."""

    old_code: str
    old_name: str
    old_kind: str
    new_code: str
    new_name: str
    new_kind: str
    merge_kind: str
    effective_on: dt.date
    old_province_code: str = ""
    old_district_code: str = ""
    old_district_name: str = ""
    source: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """Which units of edition `old` went into which units of edition `new`."""

    old: str
    new: str
    links: tuple[Link, ...]
    path: str = ""
    source: str = ""
    _into: dict[str, tuple[Link, ...]] = field(init=False, compare=False, repr=False)
    _from: dict[str, tuple[Link, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        into: dict[str, list[Link]] = {}
        out: dict[str, list[Link]] = {}
        for link in self.links:
            into.setdefault(link.new_code, []).append(link)
            out.setdefault(link.old_code, []).append(link)
        object.__setattr__(self, "_into", {k: tuple(v) for k, v in into.items()})
        object.__setattr__(self, "_from", {k: tuple(v) for k, v in out.items()})

    def predecessors(self, new_code: str) -> tuple[Link, ...]:
        """The old units that went (whole or in part) into the new unit `new_code`."""
        return self._into.get(new_code, ())

    def successors(self, old_code: str) -> tuple[Link, ...]:
        """The new units the old unit `old_code` went into (two when it was split)."""
        return self._from.get(old_code, ())


@dataclass(frozen=True, slots=True)
class Editions:
    """A data folder's editions, oldest first, and its crosswalks. A folder without an editions
    file has one edition, its registry, valid throughout."""

    editions: tuple[Edition, ...]
    crosswalks: tuple[Crosswalk, ...] = ()
    path: str = ""

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.editions)

    def get(self, edition_id: str) -> Edition | None:
        return next((e for e in self.editions if e.id == edition_id), None)

    def at(self, day: dt.date) -> Edition | None:
        """The edition in force on `day`."""
        return next((e for e in self.editions if e.covers(day)), None)

    def for_period(self, period: Period) -> Edition | None:
        return self.at(dt.date(period.year, period.month, 1))

    def crosswalk(self, old: str, new: str) -> Crosswalk | None:
        return next((c for c in self.crosswalks if c.old == old and c.new == new), None)

    def into(self, edition_id: str) -> Crosswalk | None:
        """The crosswalk whose new units are those of `edition_id`."""
        return next((c for c in self.crosswalks if c.new == edition_id), None)

    def out_of(self, edition_id: str) -> Crosswalk | None:
        """The crosswalk that takes the units of `edition_id` to the next edition."""
        return next((c for c in self.crosswalks if c.old == edition_id), None)
