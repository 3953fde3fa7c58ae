"""Every figure of the monthly report, computed before anything is written (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_cli.domain import models
from ntm_cli.domain.editions import Crosswalk, Edition, Link
from ntm_cli.domain.emulation import Emulation
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import DISTRICT_LEVEL, Level, Plan, Registry, Unit, UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import (
    FUND_SOURCES,
    OCOP_STARS,
    CriteriaBook,
    CriteriaSet,
    Recognition,
    Return,
)
from ntm_cli.domain.status import at_least, level_of
from ntm_cli.engine.completeness import Completeness, completeness
from ntm_cli.engine.emulation import EmulationResult, emulation_results
from ntm_cli.engine.progress import MilestoneResult, Progress, eligible_units, measure, progress

if TYPE_CHECKING:
    from ntm_cli.engine.forecast import Forecast
    from ntm_cli.engine.gaps import Gaps


@dataclass(frozen=True, slots=True)
class Headline:
    """Units at or above a level now and at the end of the previous period."""

    scope: str  # "commune" or "district"
    level: Level
    now: int
    before: int
    denominator: int


def roman(n: int) -> str:
    """The Roman numeral of a section (1 -> "I", 14 -> "XIV"), as official documents number
    them."""
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                (1, "I"))  # fmt: skip
    text = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        text += numeral * count
    return text


# The report as officials lay it out (Nghị định 30/2020/NĐ-CP): the report itself (its parts
# I, II… in PARTS), then appendices numbered Phụ lục I, II… in this order, each the table of one
# topic. The workbook gives each a sheet, the HTML page a section: both take them from here.
PARTS = ("milestones", "overall", "resources", "returns", "proposals")
APPENDICES = ("districts", "communes", "criteria", "advice", "emulation", "returns", "changes",
              "notes")  # fmt: skip
# The closing report of a plan (tổng kết): every year's milestones, the result at the end, and
# where each unit went when the lists of units changed; the tables of units as the last month's.
CLOSING_PARTS = ("years", "overall", "units_after")
CLOSING_APPENDICES = ("districts", "communes", "units_after", "notes")


def appendices(report: Report) -> list[tuple[str, str]]:
    """(Roman number, key) of each appendix the report has: no forecast (no "advice") or no
    emulation movement leaves that appendix out, and the ones after it move up."""
    missing = set()
    if not report.districts:  # no district level (from 01/7/2025): no appendix of empty rows
        missing.add("districts")
    if report.closing is not None:
        if report.closing.successor is None:
            missing.add("units_after")
        kept = [key for key in CLOSING_APPENDICES if key not in missing]
        return [(roman(i), key) for i, key in enumerate(kept, 1)]
    if report.forecast is None or report.gaps is None:
        missing.add("advice")
    if report.emulation is None:
        missing.add("emulation")
    kept = [key for key in APPENDICES if key not in missing]
    return [(roman(i), key) for i, key in enumerate(kept, 1)]


# The units whose first rung is "completing the NTM task" (hoàn thành nhiệm vụ xây dựng NTM)
# rather than meeting the NTM standard: towns, cities and the province.
TASK_KINDS = frozenset({UnitKind.TOWN, UnitKind.CITY, UnitKind.PROVINCE})


@dataclass(frozen=True, slots=True)
class Standing:
    """A unit's own result at the report date: its highest level recognised by then and the
    decision recognising it ("567/QĐ-TTg, 11/03/2025"; empty when the registry has none)."""

    unit: Unit
    level: Level | None
    year: int | None = None  # the result year of that level
    decision: str = ""

    @property
    def task(self) -> bool:
        """Its first rung is completing the NTM task (a town, a city, the province)."""
        return self.unit.kind in TASK_KINDS


def standing(unit: Unit, as_of: dt.date) -> Standing:
    level = level_of(unit, as_of=as_of)
    if level is None:
        return Standing(unit, None)
    rec = unit.recognitions[level]
    return Standing(unit, level, rec.year, _decision(rec))


def _decision(rec: models.Recognition) -> str:
    return ", ".join(
        x for x in (rec.decision, f"{rec.decided_on:%d/%m/%Y}" if rec.decided_on else "") if x
    )


@dataclass(frozen=True, slots=True)
class ProvinceResult:
    """The province's own result: its standing and the plan's province-scope milestones (of
    any year), measured at the report date."""

    standing: Standing | None  # None when the plan's area is not a province in the registry
    milestones: tuple[MilestoneResult, ...]


@dataclass(frozen=True, slots=True)
class Totals:
    """The area's totals of the communes' returns. Funds mobilised are a flow: the returns of
    the report's month, by each of the five sources and in all. Construction debt and OCOP
    products are what the communes hold: each commune's latest return. `*_reporting`: the
    returns that gave the figure."""

    funds: dict[str, float]  # by source, every one of FUND_SOURCES
    funds_total: float
    funds_reporting: int
    debt: float
    debt_reporting: int
    ocop: dict[int, int]  # products by stars, every one of OCOP_STARS
    ocop_reporting: int

    @property
    def ocop_total(self) -> int:
        return sum(self.ocop.values())


def totals(rows: Iterable[CommuneRow], period: str) -> Totals:
    funds = dict.fromkeys(FUND_SOURCES, 0.0)
    funds_reporting = debt_reporting = ocop_reporting = 0
    debt = 0.0
    ocop = dict.fromkeys(OCOP_STARS, 0)
    for row in rows:
        ret = row.ret
        if ret is None:
            continue
        if ret.period == period and ret.funds:
            funds_reporting += 1
            for source, amount in ret.funds.items():
                funds[source] = funds.get(source, 0.0) + amount
        if ret.debt is not None:
            debt_reporting += 1
            debt += ret.debt
        if ret.ocop:
            ocop_reporting += 1
            for stars, count in ret.ocop.items():
                ocop[stars] = ocop.get(stars, 0) + count
    return Totals(funds, sum(funds.values()), funds_reporting, debt, debt_reporting, ocop,
                  ocop_reporting)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PathPoint:
    """One year of the plan's path for communes at a rung (Plan 69: advanced NTM, 43 -> 51 ->
    60): the units its share or count milestone requires, and those reached (None for a year
    after the report's)."""

    year: int
    milestone: models.Milestone
    required: int
    actual: int | None


def plan_path(
    plan: Plan, registry: Registry, year: int, as_of: dt.date, today: dt.date
) -> tuple[Level | None, list[PathPoint]]:
    """The plan's yearly path of communes at its second rung (its first when it has one):
    each year's share or count milestone of communes at that rung, measured at `as_of`."""
    ladder = plan.ladder
    if not len(ladder):
        return None, []
    rung = ladder.levels[min(1, len(ladder) - 1)]
    points = []
    kinds = (models.MilestoneKind.SHARE, models.MilestoneKind.COUNT)
    pools = {models.Scope.COMMUNE: eligible_units(plan, registry, models.Scope.COMMUNE)}
    for m in plan.milestones:
        if m.scope is models.Scope.COMMUNE and m.level == rung and m.kind in kinds:
            r = measure(m, plan, registry, as_of, today, pools)
            points.append(PathPoint(m.year, m, r.required, r.actual if m.year <= year else None))
    return rung, sorted(points, key=lambda p: p.year)


@dataclass(frozen=True, slots=True)
class DistrictRow:
    district: Unit
    communes: int
    at_level: dict[Level, int]
    received: int
    standing: Standing | None = None  # the district-level unit's own result
    not_yet: int = 0  # its communes at no level yet


@dataclass(frozen=True, slots=True)
class CommuneRow:
    unit: Unit
    district: Unit | None
    level: Level | None
    ret: Return | None
    last_period: str | None

    def met(self) -> int:
        return len(self.ret.met) if self.ret else 0

    def funds(self, period: str) -> dict[str, float] | None:
        """Funds mobilised by source, when the commune's latest return is of `period` and gives
        them (an older return's funds are another month's)."""
        if self.ret is None or self.ret.period != period or not self.ret.funds:
            return None
        return self.ret.funds


@dataclass(frozen=True, slots=True)
class Change:
    """What moved for a unit: criteria since its previous return, its level between the end of
    the previous month and the report date, a recognition its return reports."""

    unit: Unit
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    level_before: Level | None = None
    level_after: Level | None = None
    decision: str = ""  # of the new level, when the registry has it
    reported: Recognition | None = None  # claimed in the month's return (not in the registry)

    @property
    def level_changed(self) -> bool:
        return self.level_before != self.level_after


@dataclass(frozen=True, slots=True)
class Note:
    unit_code: str
    source: str
    message: Issue  # an import warning, worded when the report is written


@dataclass(frozen=True, slots=True)
class Move:
    """Where a unit of the plan's list went when the next list came into force: the new units
    it went into (a commune-level unit), or those its communes went into (a district-level
    unit or the province, whose level of government ended or merged)."""

    unit: Unit
    district: Unit | None
    level: Level | None  # reached by the day before the next list
    into: tuple[Link, ...]  # its own rows of the crosswalk (a commune-level unit)
    through: tuple[tuple[str, str], ...] = ()  # (code, name) its communes went into


@dataclass(frozen=True, slots=True)
class Closing:
    """What a closing report adds: every year's milestones at the end, and where each unit
    went when the list of units changed (`successor`, None when it did not)."""

    years: Progress
    edition: Edition | None
    successor: Edition | None
    moves: tuple[Move, ...] = ()
    merged: int = 0  # the plan's commune-level units that went into another list
    became: int = 0  # the new units they became


def closing(
    plan: Plan,
    registry: Registry,
    as_of: dt.date,
    today: dt.date,
    edition: Edition | None = None,
    successor: Edition | None = None,
    crosswalk: Crosswalk | None = None,
) -> Closing:
    """The plan's closing figures: all its years' milestones as of `as_of`, and, with the
    `crosswalk` to the `successor` list, each unit's move, with the level it had reached the
    day before the move (no level is carried over to a new unit)."""
    years = progress(plan, registry, None, as_of, today)
    if crosswalk is None or successor is None:
        return Closing(years, edition, None)
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    own = registry.by_code.get(plan.area_code) if plan.area_code else None
    units = [own, *area] if own is not None else area
    moves: list[Move] = []
    for unit in units:
        links = crosswalk.successors(unit.code)
        day = min((link.effective_on for link in links), default=successor.valid_from)
        level = level_of(unit, as_of=day - dt.timedelta(days=1)) if day else level_of(unit)
        through: tuple[tuple[str, str], ...] = ()
        if unit.kind.tier < 2:  # the district level, the province: where their communes went
            below = [link for u in registry.descendants(unit.code)
                     for link in crosswalk.successors(u.code)]  # fmt: skip
            through = tuple(dict.fromkeys((link.new_code, link.new_name) for link in below))
        moves.append(Move(unit, registry.district_of(unit) if unit.kind.tier == 2 else None,
                          level, links, through))  # fmt: skip
    went = [m for m in moves if m.unit.kind.tier == 2 and m.into]
    became = {link.new_code for m in went for link in m.into}
    return Closing(years, edition, successor, tuple(moves), len(went), len(became))


@dataclass(frozen=True)
class Report:
    """The report of one period, every figure computed."""

    plan: Plan
    registry: Registry
    book: CriteriaBook
    period: str
    as_of: dt.date
    previous_as_of: dt.date
    today: dt.date
    progress: Progress
    headlines: list[Headline]
    districts: list[DistrictRow]
    communes: list[CommuneRow]
    completeness: Completeness
    changes: list[Change]
    notes: list[Note]
    illustrative: list[Unit] = field(default_factory=list)
    province: ProvinceResult | None = None
    totals: Totals | None = None
    gaps: Gaps | None = None
    forecast: Forecast | None = None
    emulation: EmulationResult | None = None
    path: list[PathPoint] = field(default_factory=list)  # see plan_path
    path_level: Level | None = None
    closing: Closing | None = None  # a closing report (tổng kết) of the plan
    approved_only: bool = False  # only approved returns read: the others as not received
    # the communes' returns of the month approved (`ntm review`), and how many there are
    approved: tuple[int, int] = (0, 0)

    def set_of(self, ret: Return | None) -> CriteriaSet | None:
        """The criteria set a return is written on (None for one the plan no longer names)."""
        return self.book.by_id(ret.criteria_set) if ret is not None else None

    def sets_in_use(self) -> list[CriteriaSet]:
        """The sets of the communes' latest returns, in the order of the plan's ladder."""
        used = {r.ret.criteria_set for r in self.communes if r.ret}
        ordered = [self.book.sets[i] for levels in self.book.by_scope.values()
                   for i in levels.values() if i in used]  # fmt: skip
        return list({c.id: c for c in ordered}.values())

    def criterion_shares(self, criteria: CriteriaSet) -> dict[str, tuple[int, int]]:
        """For each criterion of `criteria`: communes meeting it, and communes with a status for
        it, among the communes whose latest return is on that set."""
        shares: dict[str, tuple[int, int]] = {}
        on_set = [r.ret for r in self.communes if r.ret and r.ret.criteria_set == criteria.id]
        for c in criteria.reported:
            known = [ret.statuses.get(c.number) for ret in on_set]
            statuses = [s for s in known if s is not None]
            shares[c.number] = (sum(statuses), len(statuses))
        return shares


def build_report(
    plan: Plan,
    registry: Registry,
    book: CriteriaBook,
    period: str,
    latest: dict[str, tuple[Return, list[Issue], str]],
    previous: dict[str, Return],
    received: dict[str, dt.date],
    today: dt.date,
    as_of: dt.date | None = None,
    emulation: Emulation | None = None,
    sets: Mapping[str, CriteriaSet] | None = None,
    year_returns: Iterable[Return] = (),
    closed: Closing | None = None,
    states: Mapping[str, str] | None = None,
    approved_only: bool = False,
) -> Report:
    """`latest`: each commune's latest return up to `period` (with its warnings and file);
    `previous`: the latest before `period`; `received`: first import day of this period's
    returns. Counts are as of `as_of`, by default the last day of the period. With the plan's
    `emulation` movement: `sets`, the criteria sets it names, and `year_returns`, the current
    returns of the year up to `period`."""
    month = Period(period)
    as_of = as_of or month.month_end()
    before = month.previous().month_end()
    year = min(max(month.year, plan.start_year), plan.end_year)
    measured = progress(plan, registry, year, as_of, today)
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    communes = [u for u in area if u.kind is UnitKind.COMMUNE]
    districts = [u for u in area if u.kind in DISTRICT_LEVEL]

    headlines = []
    # no district-level units (from 01/7/2025): no district lines of zeros
    scopes = (("commune", communes), ("district", districts)) if districts else (
        ("commune", communes),)  # fmt: skip
    for scope, units in scopes:
        for level in plan.ladder:
            now = sum(at_least(level_of(u, as_of=as_of), level) for u in units)
            then = sum(at_least(level_of(u, as_of=before), level) for u in units)
            headlines.append(Headline(scope, level, now, then, len(units)))

    district_of = {u.code: registry.district_of(u) for u in communes}
    by_district: dict[str, list[Unit]] = {}
    for unit in communes:
        head = district_of[unit.code]
        if head is not None:
            by_district.setdefault(head.code, []).append(unit)
    district_rows = []
    for head in districts:
        own = by_district.get(head.code, [])
        levels = [level_of(u, as_of=as_of) for u in own]
        district_rows.append(
            DistrictRow(
                district=head,
                communes=len(own),
                at_level={lv: sum(at_least(x, lv) for x in levels) for lv in plan.ladder},
                received=sum(1 for u in own if u.code in received),
                standing=standing(head, as_of),
                not_yet=sum(1 for x in levels if x is None),
            )
        )

    rows = []
    changes = []
    notes = []
    for unit in communes:
        entry = latest.get(unit.code)
        ret = entry[0] if entry else None
        rows.append(
            CommuneRow(unit, district_of[unit.code], level_of(unit, as_of=as_of), ret,
                       ret.period if ret else None)
        )  # fmt: skip
        if entry and ret is not None and ret.period == period:
            for warning in entry[1]:
                notes.append(Note(unit.code, entry[2], warning))
        old = previous.get(unit.code)
        gained: tuple[str, ...] = ()
        lost: tuple[str, ...] = ()
        same_set = old is not None and ret is not None and old.criteria_set == ret.criteria_set
        if ret is not None and ret.period == period and old is not None and same_set:
            gained = tuple(
                n for n, ok in ret.statuses.items() if ok and old.statuses.get(n) is False
            )
            lost = tuple(n for n, ok in ret.statuses.items() if ok is False and old.statuses.get(n))
        reported = ret.recognition if ret is not None and ret.period == period else None
        change = _level_change(unit, as_of, before, gained, lost, reported)
        if change is not None:
            changes.append(change)
    for head in districts:
        change = _level_change(head, as_of, before, (), (), None)
        if change is not None:
            changes.append(change)

    # What to push: the gaps of the period and the forecast as the registry stood at `as_of`.
    from ntm_cli.domain.status import registry_as_of
    from ntm_cli.engine.forecast import forecast
    from ntm_cli.engine.gaps import find_gaps

    returns = {code: entry[0] for code, entry in latest.items()}
    known = registry_as_of(registry, as_of)
    gaps = find_gaps(plan, known, book, period, returns, as_of)
    outlook = forecast(plan, known, book, returns, as_of, period)
    movement = None
    if emulation is not None:
        codes = {u.code for u in communes}
        movement = emulation_results(
            emulation, {**book.sets, **(sets or {})}, period,
            {code: ret for code, ret in returns.items() if code in codes},
            [r for r in year_returns if r.unit_code in codes],
        )  # fmt: skip

    path_level, path = plan_path(plan, registry, year, as_of, today)
    area_unit = registry.by_code.get(plan.area_code) if plan.area_code else None
    province = ProvinceResult(
        standing(area_unit, as_of)
        if area_unit is not None and area_unit.kind is UnitKind.PROVINCE else None,
        tuple(measure(m, plan, registry, as_of, today)
              for m in plan.milestones if m.scope is models.Scope.PROVINCE),
    )  # fmt: skip

    return Report(
        plan=plan,
        registry=registry,
        book=book,
        period=period,
        as_of=as_of,
        previous_as_of=before,
        today=today,
        progress=measured,
        headlines=headlines,
        districts=district_rows,
        communes=rows,
        completeness=completeness(plan, registry, period, received, states=states),
        approved_only=approved_only,
        approved=(
            sum(1 for u in communes if (states or {}).get(u.code) == "approved"),
            sum(1 for u in communes if u.code in (states or {})),
        ),
        changes=changes,
        notes=notes,
        illustrative=[u for u in area if u.illustrative],
        province=province,
        totals=totals(rows, period),
        gaps=gaps,
        forecast=outlook,
        emulation=movement,
        path=path,
        path_level=path_level,
        closing=closed,
    )


def _level_change(
    unit: Unit,
    as_of: dt.date,
    before: dt.date,
    gained: tuple[str, ...],
    lost: tuple[str, ...],
    reported: Recognition | None,
) -> Change | None:
    """The unit's change, if anything changed: the level is compared as the headline counts
    it (a recognition without a decision date counts from the end of its result year)."""
    old, new = level_of(unit, as_of=before), level_of(unit, as_of=as_of)
    decision = ""
    if new is not None and new != old:
        decision = _decision(unit.recognitions[new])
    if not (gained or lost or reported or new != old):
        return None
    return Change(unit, gained, lost, old, new, decision, reported)
