"""Criteria sets and the monthly returns communes send back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import LEVELS, Level, Unit

# Funds mobilised in a period, by source (million VND), in the order of the return form.
FUND_SOURCES = ("central", "local", "credit", "enterprises", "residents")
OCOP_STARS = (3, 4, 5)


def next_level(level: Level | None) -> Level | None:
    """The rung a unit works towards: NTM, then advanced, then model (None at the top)."""
    rank = 0 if level is None else level.rank
    return LEVELS[rank] if rank < len(LEVELS) else None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of a set (indicators are optional sub-entries such as 17.8)."""

    number: str
    name: str
    name_en: str
    group: str
    indicators: tuple[Criterion, ...] = ()


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    """A versioned set of criteria, as a decision defines it."""

    id: str
    title: str
    decision: str
    scope: str
    criteria: tuple[Criterion, ...]
    title_en: str = ""
    groups: dict[str, tuple[str, str]] = field(default_factory=dict)

    def number(self, text: str) -> str | None:
        """The criterion a cell means: "5", "05", "TC5", "Tiêu chí 5" all give "5"."""
        digits = re.sub(r"^(?:tc|tieu chi|tiêu chí)\s*", "", text.strip().lower())
        digits = digits.lstrip("0") or digits
        known = {c.number for c in self.criteria}
        return digits if digits in known else None


@dataclass(frozen=True, slots=True)
class Recognition:
    """A recognition a commune reports in a return (checked against the registry)."""

    level: Level
    decision: str = ""
    decided_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Return:
    """One commune's return for one month, as read from a form or a long-format table."""

    unit_code: str
    period: str
    criteria_set: str
    statuses: dict[str, bool | None]
    notes: dict[str, str] = field(default_factory=dict)
    recognition: Recognition | None = None
    ocop: dict[int, int] = field(default_factory=dict)
    debt: float | None = None
    funds: dict[str, float] = field(default_factory=dict)
    source_kind: str = "form"  # "form" or "long"

    @property
    def met(self) -> list[str]:
        return [n for n, ok in self.statuses.items() if ok]

    @property
    def not_met(self) -> list[str]:
        return [n for n, ok in self.statuses.items() if ok is False]


@dataclass(frozen=True, slots=True)
class StoredReturn:
    """A return as kept in the store, with where it came from and the warnings of its import."""

    id: int
    ret: Return
    file_name: str
    sha256: str
    imported_at: dt.datetime
    superseded_at: dt.datetime | None
    warnings: tuple[Issue, ...]


VERDICTS = ("imported", "unchanged", "replaced", "rejected", "skipped")
"""What an import makes of a file, in the order counts are shown."""


@dataclass
class FileResult:
    """The verdict on one submitted file: imported, unchanged, replaced, rejected or skipped."""

    path: Path
    status: str
    unit_code: str | None = None
    period: str | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    returns: int = 0
    raw: bytes | None = field(default=None, repr=False)  # a rejected file's bytes, to annotate
    nominees: int = 0  # a nominations workbook's nominees (it holds no return)


@dataclass(frozen=True, slots=True)
class UnitCard:
    """What `ntm unit` shows about one unit: its returns (every version) and the criteria sets
    they were written for."""

    unit: Unit
    district: Unit | None
    history: list[StoredReturn]
    criteria: dict[str, CriteriaSet]
    today: dt.date

    @property
    def latest(self) -> StoredReturn | None:
        current = [h for h in self.history if h.superseded_at is None]
        return current[-1] if current else None


@dataclass(frozen=True)
class StoreHealth:
    """What `ntm store check` finds: SQLite's verdict and the store's counts (-1: unreadable)."""

    path: str
    schema: int
    size: int
    problems: tuple[str, ...]
    counts: dict[str, int]
    first_period: str | None
    last_period: str | None

    @property
    def ok(self) -> bool:
        return not self.problems
