"""Milestone progress: required, actual, shortfall and status for a year or the whole plan."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ntm_cli.domain.errors import NtmError
from ntm_cli.domain.models import (
    DISTRICT_LEVEL,
    Milestone,
    MilestoneKind,
    Plan,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.domain.status import at_least, level_of, one_below

COUNTED = (Scope.COMMUNE, Scope.DISTRICT, Scope.PROVINCE)
"""The scopes a count, increase or share milestone counts units of."""


class Status(StrEnum):
    """Where a milestone stands."""

    ACHIEVED = "achieved"
    MISSED = "missed"
    OPEN = "open"
    UPCOMING = "upcoming"


class Verdict(StrEnum):
    """How an office reads a milestone's status: the status, with an early achievement, an
    aspirational target's shortfall and a result still awaiting its decisions told apart."""

    ACHIEVED = "achieved"
    ACHIEVED_EARLY = "achieved_early"
    MISSED = "missed"
    NOT_YET = "not_yet"  # an aspirational ("phấn đấu") target not reached: not a failure
    AWAITING = "awaiting"  # not met, but decisions on the year's results are still expected
    OPEN = "open"
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class MilestoneResult:
    """A milestone measured against the registry."""

    milestone: Milestone
    required: int
    actual: int
    denominator: int
    shortfall: int
    status: Status
    early: bool
    counted: tuple[str, ...]
    missing: tuple[str, ...]
    reached_year: int | None = None
    # missed by decision date while decisions on the year's results are still expected
    awaiting: bool = False

    @property
    def verdict(self) -> Verdict:
        if self.status is Status.ACHIEVED:
            return Verdict.ACHIEVED_EARLY if self.early else Verdict.ACHIEVED
        if self.status is not Status.MISSED:
            return Verdict(self.status.value)
        if self.awaiting:
            return Verdict.AWAITING
        return Verdict.MISSED if self.milestone.binding else Verdict.NOT_YET


@dataclass(frozen=True, slots=True)
class Progress:
    """The results of a plan's milestones for one year (or all years when `year` is None)."""

    plan: Plan
    year: int | None
    as_of: dt.date | None
    today: dt.date
    results: tuple[MilestoneResult, ...]
    latest_result_year: int | None = None

    @property
    def reference_date(self) -> dt.date:
        return self.as_of or self.today

    def binding_missed(self) -> list[MilestoneResult]:
        """Binding milestones missed; one whose year's decisions are still expected is not."""
        return [r for r in self.results if r.verdict is Verdict.MISSED]


def required_units(milestone: Milestone, denominator: int) -> int:
    """Units needed: a share rounds up to whole units (50% of 85 needs 43, not 42.5)."""
    if milestone.kind is MilestoneKind.SHARE:
        # In whole millionths of a percent, so the rounding is exact integer arithmetic:
        # 70% of 85 is 59.5 and needs 60; 60% of 85 is exactly 51 and needs 51, never 52.
        millionths = round(milestone.target * 1_000_000)
        return -(-millionths * denominator // 100_000_000)
    if milestone.kind is MilestoneKind.UNIT:
        return 1
    return math.ceil(milestone.target)


def eligible_units(plan: Plan, registry: Registry, scope: Scope) -> list[Unit]:
    """The units a scope counts inside the plan's area: rural communes (xã) only, or every
    district-level unit (a town or city that completed the NTM task counts as NTM), or the
    area itself (a province that completed the NTM task counts as NTM)."""
    if scope is Scope.PROVINCE:
        area = registry.by_code.get(plan.area_code) if plan.area_code else None
        return [area] if area is not None else []
    pool: Iterable[Unit] = (
        registry.descendants(plan.area_code) if plan.area_code else registry.units
    )
    if scope is Scope.COMMUNE:
        return [u for u in pool if u.kind is UnitKind.COMMUNE]
    if scope is Scope.DISTRICT:
        return [u for u in pool if u.kind in DISTRICT_LEVEL]
    return []


def status_of(year: int, actual: int, required: int, reference: dt.date) -> Status:
    """Achieved when met; otherwise missed, open or upcoming by the milestone's year."""
    if actual >= required:
        return Status.ACHIEVED
    if year < reference.year:
        return Status.MISSED
    if year == reference.year:
        return Status.OPEN
    return Status.UPCOMING


def awaiting_recognition(plan: Plan, year: int, reference: dt.date) -> bool:
    """A finished year whose results may still be recognised: `reference` is within the plan's
    window for decisions on them (none when the plan file sets no window)."""
    ends = plan.recognition_ends(year)
    return ends is not None and year < reference.year and reference <= ends


def measure(
    milestone: Milestone,
    plan: Plan,
    registry: Registry,
    as_of: dt.date | None,
    today: dt.date,
    pools: dict[Scope, list[Unit]] | None = None,
) -> MilestoneResult:
    """Measure one milestone: counts by result year, filtered by decision date with `as_of`."""
    reference = as_of or today
    level, year = milestone.level, milestone.year
    early = False
    reached_year = None
    if milestone.kind is MilestoneKind.UNIT:
        unit = registry.by_code.get(milestone.unit_code)
        if unit is None:
            raise NtmError("milestone.unit_unknown", id=milestone.id, code=milestone.unit_code)
        reached = at_least(level_of(unit, year, as_of), level)
        early = reached and at_least(level_of(unit, year - 1, as_of), level)
        if reached:
            reached_year = unit.recognitions[level].year
        counted: list[str] = [unit.code] if reached else []
        missing: list[str] = [] if reached else [unit.code]
        denominator = 1
    else:
        if pools is not None and milestone.scope in pools:
            pool = pools[milestone.scope]
        else:
            pool = eligible_units(plan, registry, milestone.scope)
        denominator = len(pool)
        now = [(u, level_of(u, year, as_of)) for u in pool]
        if milestone.kind is MilestoneKind.INCREASE:
            counted = [
                u.code
                for u, lv in now
                if at_least(lv, level) and not at_least(level_of(u, year - 1, as_of), level)
            ]
        else:
            counted = [u.code for u, lv in now if at_least(lv, level)]
        missing = [u.code for u, lv in now if one_below(lv, level)]
    required = required_units(milestone, denominator)
    actual = len(counted)
    status = status_of(year, actual, required, reference)
    return MilestoneResult(
        milestone=milestone,
        required=required,
        actual=actual,
        denominator=denominator,
        shortfall=max(0, required - actual),
        status=status,
        early=early,
        counted=tuple(counted),
        missing=tuple(missing),
        reached_year=reached_year,
        awaiting=status is Status.MISSED and awaiting_recognition(plan, year, reference),
    )


def default_year(plan: Plan, reference: dt.date) -> int:
    """The plan year that an analyst means by "now": the reference year, kept inside the plan."""
    return min(max(reference.year, plan.start_year), plan.end_year)


def progress(
    plan: Plan,
    registry: Registry,
    year: int | None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> Progress:
    """Measure the milestones of `year` (every year of the plan when `year` is None)."""
    today = today or dt.date.today()
    milestones: Sequence[Milestone] = plan.milestones
    if year is not None:
        if not plan.start_year <= year <= plan.end_year:
            raise NtmError("year.outside_plan", year=year, number=plan.number,
                           start=plan.start_year, end=plan.end_year)  # fmt: skip
        milestones = [m for m in plan.milestones if m.year == year]
    pools = {s: eligible_units(plan, registry, s) for s in COUNTED}
    results = tuple(measure(m, plan, registry, as_of, today, pools) for m in milestones)
    # The newest result year in the registry tells a missed target from a registry not yet
    # updated (results are published months after the year ends).
    latest = max(
        (r.year for pool in pools.values() for u in pool for r in u.recognitions.values()),
        default=None,
    )
    return Progress(plan, year, as_of, today, results, latest)
