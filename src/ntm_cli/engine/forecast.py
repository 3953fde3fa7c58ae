"""Will the milestones still open be met? The pipeline, the near-misses and the trend (no I/O).

Method, stated with every forecast: the number of units at or above a milestone's level at the
end of each result year (from the plan's baseline year to the latest result in the registry) is
fitted with a time-weighted linear regression, the later years weighing more (weights 1, 2, …,
n), as in the anticipated-progress assessments of the UN regional commissions; the line read at
the milestone's year is the projection. Fewer than MIN_POINTS years is too few to project.
Projections are capped to the units that exist.

Outlook, for a milestone still short of its target by `needed` units:
- likely: the communes already meeting every criterion of the level (the pipeline) cover it;
- at risk: the pipeline and the near-misses (1-3 criteria short) cover it, or the trend reaches
  the target;
- unlikely: neither.
District-level units are judged the same way on their own returns (the district office's, on
the district criteria sets); where none of the candidates has filed one, the outlook rests on the
trend alone (likely when it reaches the target, unlikely when not, at risk when there is nothing
to project from).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from enum import StrEnum

from ntm_cli.domain.models import (
    Ladder,
    Level,
    Milestone,
    MilestoneKind,
    Plan,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.domain.returns import CriteriaBook, Return
from ntm_cli.domain.status import at_least, level_of, one_below
from ntm_cli.engine.gaps import NEAR_MISS, CommuneGap, closest_first, commune_gap, usable
from ntm_cli.engine.progress import COUNTED, MilestoneResult, Status, eligible_units, progress

MIN_POINTS = 3
TREND_YEARS = 5  # the trend looks back at least this many result years


class Outlook(StrEnum):
    LIKELY = "likely"
    AT_RISK = "at risk"
    UNLIKELY = "unlikely"


@dataclass(frozen=True, slots=True)
class Trend:
    """Units at or above a level at the end of each result year, and the weighted line."""

    years: tuple[int, ...]
    values: tuple[int, ...]
    slope: float | None = None  # units a year; None when there are too few years
    intercept: float = 0.0
    # of each year's value, the units whose registry row holds illustrative figures
    illustrative: tuple[int, ...] = ()
    # those units: (code, the first year of the trend it is counted in)
    illustrative_units: tuple[tuple[str, int], ...] = ()

    @property
    def enough(self) -> bool:
        return self.slope is not None

    def at(self, year: int) -> float | None:
        return None if self.slope is None else self.intercept + self.slope * year


def weighted_trend(years: list[int], values: list[int]) -> Trend:
    """Time-weighted least squares, weights 1..n from the oldest year to the newest."""
    n = len(years)
    if n < MIN_POINTS:
        return Trend(tuple(years), tuple(values))
    weights = range(1, n + 1)
    total = sum(weights)
    mean_x = sum(w * x for w, x in zip(weights, years, strict=True)) / total
    mean_y = sum(w * y for w, y in zip(weights, values, strict=True)) / total
    sxx = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, years, strict=True))
    sxy = sum(
        w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, years, values, strict=True)
    )
    slope = sxy / sxx
    return Trend(tuple(years), tuple(values), slope, mean_y - slope * mean_x)


@dataclass(frozen=True, slots=True)
class MilestoneForecast:
    result: MilestoneResult
    needed: int  # units still needed
    candidates: int  # units on the rung just below the level
    ready: tuple[CommuneGap, ...]  # candidates whose latest return meets every criterion
    near: tuple[CommuneGap, ...]  # candidates 1 to NEAR_MISS criteria short
    without_return: int  # candidates with no return to judge
    trend: Trend | None  # None for a named unit
    projected: int | None  # units at the level (an increase: added in the year) by the trend
    outlook: Outlook
    basis: str  # why: a key of i18n "forecast.basis.*"
    unit: Unit | None = None  # the named unit of a unit milestone
    unit_children: tuple[int, int] = (0, 0)  # a named district: its communes at the level, all
    scope: Scope = Scope.COMMUNE  # who is counted: communes, or district-level units
    returns: bool = True  # judged on the candidates' returns (else on the trend alone)
    other_set: int = 0  # candidates whose latest return is on another set: kept, not read

    @property
    def by_returns(self) -> bool:
        """Whether the pipeline is known from returns: communes file them; district-level
        units do where their offices send the district return."""
        return self.returns

    @property
    def milestone(self) -> Milestone:
        return self.result.milestone


@dataclass(frozen=True, slots=True)
class Forecast:
    plan: Plan
    today: dt.date
    period: str | None  # returns up to this month
    final_year: int | None  # the newest result year taken as complete
    first_year: int
    rows: tuple[MilestoneForecast, ...]
    year: int | None = None


def final_year(latest: int | None, reference: dt.date, plan: Plan | None = None) -> int | None:
    """The newest result year taken as complete. Decisions on a year's results are signed for
    months after it ends (QĐ 547/QĐ-TTg of 20/6/2024 for results of 2023), so a year counts as
    complete once the plan's window for those decisions has closed (from 1 July of the next
    year when the plan file sets none), and never beyond the newest result in the registry."""
    if latest is None:
        return None
    closes = plan.recognition_ends(reference.year - 1) if plan else None
    closes = closes or dt.date(reference.year, 6, 30)
    complete = reference.year - (1 if reference > closes else 2)
    return min(latest, complete)


def open_milestones(results: tuple[MilestoneResult, ...], final: int | None) -> list[int]:
    """Indexes of the milestones not yet met whose result is not final: open or upcoming, or
    of a year whose results are not complete yet."""
    return [
        i
        for i, r in enumerate(results)
        if r.status is not Status.ACHIEVED
        and (
            r.status in (Status.OPEN, Status.UPCOMING) or final is None or r.milestone.year > final
        )
    ]


def forecast(
    plan: Plan,
    registry: Registry,
    book: CriteriaBook,
    latest: dict[str, Return],
    today: dt.date,
    period: str | None = None,
    year: int | None = None,
) -> Forecast:
    """`latest`: each commune's latest return (up to `period`)."""
    measured = progress(plan, registry, None, None, today)
    last = final_year(measured.latest_result_year, today, plan)
    # From the year before the plan, or further back for a short plan or a late registry.
    first = (
        plan.start_year - 1 if last is None else min(plan.start_year - 1, last - TREND_YEARS + 1)
    )
    pools = {s: eligible_units(plan, registry, s) for s in COUNTED}
    head_of: dict[str, Unit | None] = {}
    trends: dict[tuple[Scope, Level], Trend] = {}
    rows = []
    for i in open_milestones(measured.results, last):
        result = measured.results[i]
        m = result.milestone
        if year is not None and m.year != year:
            continue
        if m.kind is MilestoneKind.UNIT:
            unit = registry.by_code[m.unit_code]
            scope = (
                Scope.COMMUNE if unit.kind is UnitKind.COMMUNE
                else Scope.PROVINCE if unit.kind is UnitKind.PROVINCE
                else Scope.DISTRICT
            )  # fmt: skip
            trend = None
        else:
            unit = None
            scope = m.scope
            key = (scope, m.level)
            if key not in trends:
                # A year before the registry's first result is no data point, not a zero.
                earliest = min((r.year for u in pools[scope] for r in u.recognitions.values()),
                               default=first)  # fmt: skip
                years = list(range(max(first, earliest), (last if last is not None else 0) + 1))
                trends[key] = _trend(years, pools[scope], m.level, plan.ladder)
            trend = trends[key]
        rows.append(_one(result, registry, book, latest, scope, unit, trend, head_of))
    return Forecast(plan, today, period, last, first, tuple(rows), year)


def _trend(years: list[int], pool: list[Unit], level: Level, ladder: Ladder) -> Trend:
    """The units of `pool` at or above `level` each year, and those of them counted by an
    illustrative result year (the registry's note says which)."""
    counted = [[u for u in pool if at_least(level_of(u, y), level)] for y in years]
    made_up = {u.code for u in pool if level in u.illustrative_levels(ladder)}
    first_seen: dict[str, int] = {}
    for year, units in zip(years, counted, strict=True):
        for u in units:
            if u.code in made_up:
                first_seen.setdefault(u.code, year)
    trend = weighted_trend(years, [len(units) for units in counted])
    return replace(
        trend,
        illustrative=tuple(sum(u.code in made_up for u in units) for units in counted),
        illustrative_units=tuple(first_seen.items()),
    )


def _one(
    result: MilestoneResult,
    registry: Registry,
    book: CriteriaBook,
    latest: dict[str, Return],
    scope: Scope,
    unit: Unit | None,
    trend: Trend | None,
    head_of: dict[str, Unit | None],
) -> MilestoneForecast:
    m = result.milestone
    needed = result.shortfall
    # Units on the rung just below the level (a named unit further down is no candidate).
    candidates = [u for u in (registry.by_code[c] for c in result.missing)
                  if one_below(level_of(u, m.year), m.level)]  # fmt: skip
    ready: list[CommuneGap] = []
    near: list[CommuneGap] = []
    without = other = 0
    gaps = []
    filed = False  # a candidate filed a return on the set of the level it works towards
    end = dt.date(m.year, 12, 31)
    for u in candidates:
        held = level_of(u, m.year)
        towards, criteria = book.towards(u, held)
        ret = latest.get(u.code)
        if (criteria is None or towards != m.level or ret is None
                or not usable(ret, u, held, criteria)):  # fmt: skip
            if ret is not None and criteria is not None and ret.criteria_set != criteria.id:
                other += 1  # a return of an older form: not "no return", not read either
            else:
                without += 1
            continue
        filed = True
        if u.code not in head_of:
            head_of[u.code] = (registry.district_of(u) if u.kind is UnitKind.COMMUNE
                               else registry.by_code.get(u.parent_code))  # fmt: skip
        gaps.append(commune_gap(u, head_of[u.code], m.level, ret, criteria, registry, end))
    order = {code: i for i, code in enumerate(result.missing)}
    ready = closest_first([g for g in gaps if g.gap == 0], order)
    near = closest_first([g for g in gaps if 1 <= g.gap <= NEAR_MISS], order)
    by_returns = scope is Scope.COMMUNE or filed
    if not by_returns:
        without = other = 0  # no district return at all: the trend decides

    projected = None
    reaches = None
    if trend is not None and trend.enough:
        at_year, before = trend.at(m.year), trend.at(m.year - 1)
        assert at_year is not None and before is not None
        if m.kind is MilestoneKind.INCREASE:
            # Only the units on the rung below can still be added in the year.
            added = max(result.actual, _whole(at_year - before))
            projected = min(result.actual + len(candidates), added)
        else:
            projected = min(result.denominator, max(result.actual, _whole(at_year)))
        reaches = projected >= result.required

    children = (0, 0)
    if unit is not None and scope is Scope.DISTRICT:
        own = [u for u in registry.descendants(unit.code) if u.kind is UnitKind.COMMUNE]
        children = (sum(at_least(level_of(u), m.level) for u in own), len(own))

    if unit is not None and not candidates:
        outlook, basis = Outlook.UNLIKELY, "far"
    elif by_returns:
        if len(ready) >= needed:
            outlook, basis = Outlook.LIKELY, "ready"
        elif len(ready) + len(near) >= needed:
            outlook, basis = Outlook.AT_RISK, "near"
        elif reaches:
            outlook, basis = Outlook.AT_RISK, "trend"
        elif reaches is None and len(ready) + len(near) + without + other >= needed:
            outlook, basis = Outlook.AT_RISK, "unknown"  # the communes without a return decide
        else:
            outlook, basis = Outlook.UNLIKELY, "short"
    elif reaches is None:
        outlook, basis = Outlook.AT_RISK, "no_evidence"
    elif reaches:
        outlook, basis = Outlook.LIKELY, "trend_only"
    else:
        outlook, basis = Outlook.UNLIKELY, "trend_short"
    return MilestoneForecast(
        result=result,
        needed=needed,
        candidates=len(candidates),
        ready=tuple(ready),
        near=tuple(near),
        without_return=without,
        trend=trend,
        projected=projected,
        outlook=outlook,
        basis=basis,
        unit=unit,
        unit_children=children,
        scope=scope,
        returns=by_returns,
        other_set=other,
    )


def _whole(value: float) -> int:
    """Nearest whole unit, never below zero."""
    return max(0, math.floor(value + 0.5))
