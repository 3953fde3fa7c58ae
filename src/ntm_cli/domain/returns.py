"""Criteria sets and the monthly returns communes send back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ntm_cli.domain.models import LEVELS, Level

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# Funds mobilised in a period, by source (million VND), in the order of the return form.
FUND_SOURCES = ("central", "local", "credit", "enterprises", "residents")
OCOP_STARS = (3, 4, 5)


def parse_period(text: str) -> str:
    """A reporting month, "YYYY-MM"; "2024-6" and "06/2024" are accepted and normalised."""
    value = text.strip()
    match = re.match(r"^(\d{4})-(\d{1,2})$", value) or None
    if match is None and (m := re.match(r"^(\d{1,2})/(\d{4})$", value)):
        value = f"{m.group(2)}-{int(m.group(1)):02d}"
    elif match is not None:
        value = f"{match.group(1)}-{int(match.group(2)):02d}"
    if not _PERIOD.match(value):
        raise ValueError(f"{text!r} is not a period; write YYYY-MM, e.g. 2024-06")
    return value


def period_year(period: str) -> int:
    return int(period[:4])


def due_date(period: str, due_day: int) -> dt.date:
    """The day a month's return is due: `due_day` of the following month."""
    year, month = int(period[:4]), int(period[5:7])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, due_day)


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
