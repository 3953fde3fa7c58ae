"""Where communes fall short: the weakest criteria and the near-miss communes (no I/O).

A commune works towards the level just above the one it holds at the end of the period. Its
latest return says, criterion by criterion, whether it meets that level's standard. Its gap is
the number of criteria not confirmed met: marked not met, or left blank. A commune with gap 0
meets every criterion and waits only for its recognition (the pipeline); gaps of 1 to 3 are the
near-misses, the communes a push can bring over the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ntm_cli.domain.models import (
    DISTRICT_LEVEL,
    Level,
    Plan,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import CriteriaBook, CriteriaSet, Criterion, Return
from ntm_cli.domain.status import level_of
from ntm_cli.engine.progress import MilestoneResult, Status, default_year, progress

NEAR_MISS = 3  # a near-miss misses the next level by at most this many criteria


@dataclass(frozen=True, slots=True)
class CommuneGap:
    """One commune working towards a level, as its latest return shows it."""

    unit: Unit
    district: Unit | None
    towards: Level
    period: str  # of the return
    not_met: tuple[str, ...]
    blank: tuple[str, ...]

    @property
    def gap(self) -> int:
        return len(self.not_met) + len(self.blank)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every criterion not confirmed met, in the criteria set's order."""
        return tuple(sorted(self.not_met + self.blank, key=_criterion_key))


def _criterion_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))


def usable(ret: Return, unit: Unit, held: Level | None, criteria: CriteriaSet) -> bool:
    """Whether a return speaks of the level a commune now works towards: it uses the plan's
    criteria set, and it is not older than the recognition of the level the commune holds (a
    return written before it was checked against that level, not the next)."""
    if ret.criteria_set != criteria.id:
        return False
    recognition = unit.recognitions.get(held) if held is not None else None
    return recognition is None or Period(ret.period).month_end() >= recognition.effective_on()


COMPUTED_KINDS = {
    "commune": frozenset({UnitKind.COMMUNE}),
    "district": frozenset({UnitKind.DISTRICT}),
    "town": frozenset({UnitKind.TOWN, UnitKind.CITY}),
}


def computed_met(
    criterion: Criterion, unit: Unit, registry: Registry | None, as_of: dt.date | None
) -> bool | None:
    """Whether a condition read from the registry holds for `unit` (levels as of `as_of`):
    the unit itself holds the level, or enough of its communes / districts / towns do (a
    share of none is met). With `since`, a unit whose recognition is of an earlier result year
    counts as not re-checked: None (to check) when the answer turns on such units. None too
    when there is no registry to read."""
    rule = criterion.computed
    assert rule is not None
    if rule.units == "self":
        pool = [unit]
    elif registry is None:
        return None
    else:
        kinds = COMPUTED_KINDS[rule.units]
        pool = [u for u in registry.descendants(unit.code) if u.kind in kinds]
    if not pool:
        return True
    reached = [u for u in pool if _holds(u, level_of(u, as_of=as_of), rule.level)]
    needed = rule.share * len(pool) if rule.units != "self" else 100.0
    if 100 * len(reached) < needed:
        return False
    if rule.since is None:
        return True
    recent = [u for u in reached if _recognised_since(u, rule.level, rule.since)]
    return True if 100 * len(recent) >= needed else None


def _rank(unit: Unit, level: str) -> int | None:
    """Where the rung `level` (an id) stands on the ladder, by the unit's own recognitions."""
    return next((lv.rank for lv in unit.recognitions if lv == level), None)


def _holds(unit: Unit, held: Level | None, wanted: str) -> bool:
    """Whether `held` (the unit's level) is the rung `wanted` or above it: a unit that holds a
    rung has a recognition of every rung below, so `wanted` below `held` is among them."""
    if held is None:
        return False
    rank = _rank(unit, wanted)
    return rank is not None and held.rank >= rank


def _recognised_since(unit: Unit, level: str, since: int) -> bool:
    """Whether `unit` holds `level` (or a rung above it) by a recognition of `since` or later."""
    rank = _rank(unit, level)
    return rank is not None and any(
        rec.year >= since for lv, rec in unit.recognitions.items() if lv.rank >= rank
    )


def commune_gap(
    unit: Unit,
    district: Unit | None,
    towards: Level,
    ret: Return,
    criteria: CriteriaSet,
    registry: Registry | None = None,
    as_of: dt.date | None = None,
) -> CommuneGap:
    """The gap of one unit: every criterion and condition of the set, a missing row counts as
    blank; a condition read from the registry counts as the registry has it on `as_of`."""
    not_met, blank = [], []
    for c in criteria.criteria:
        if c.computed is not None:
            status = computed_met(c, unit, registry, as_of)
        else:
            status = ret.statuses.get(c.number)
        if status is False:
            not_met.append(c.number)
        elif status is None:
            blank.append(c.number)
    return CommuneGap(unit, district, towards, ret.period, tuple(not_met), tuple(blank))


@dataclass(frozen=True, slots=True)
class CriterionGap:
    """Communes that do not meet a criterion, among those whose return gives it a status."""

    criterion: Criterion
    not_met: int
    reporting: int

    @property
    def share(self) -> float | None:
        """None when no commune gave the criterion a status."""
        return self.not_met / self.reporting if self.reporting else None


@dataclass(frozen=True, slots=True)
class DistrictGaps:
    district: Unit
    communes: int  # working towards the level
    with_return: int
    criteria: tuple[CriterionGap, ...]  # weakest first


@dataclass(frozen=True, slots=True)
class MilestoneLink:
    """A milestone short of its target, with the communes that could close it."""

    result: MilestoneResult
    ready: tuple[CommuneGap, ...]
    near: tuple[CommuneGap, ...]

    def closest(self) -> tuple[CommuneGap, ...]:
        """Enough of the closest communes to cover the shortfall (ready ones first)."""
        return (self.ready + self.near)[: self.result.shortfall]


@dataclass(frozen=True, slots=True)
class LevelGaps:
    """Everything about the units working towards one level on one criteria set."""

    level: Level
    criteria_set: CriteriaSet
    communes: tuple[Unit, ...]
    without_return: tuple[Unit, ...]
    # units whose latest return is on another set (an older form): kept, not read as this one
    other_set: tuple[tuple[Unit, str], ...]
    criteria: tuple[CriterionGap, ...]  # weakest first
    districts: tuple[DistrictGaps, ...]
    ready: tuple[CommuneGap, ...]  # every criterion met, not yet recognised
    near: tuple[CommuneGap, ...]  # 1 to NEAR_MISS criteria short, closest first
    far: tuple[CommuneGap, ...]  # further, closest first
    milestones: tuple[MilestoneLink, ...]


@dataclass(frozen=True, slots=True)
class Gaps:
    plan: Plan
    book: CriteriaBook
    period: str
    as_of: dt.date
    year: int
    district: Unit | None
    levels: tuple[LevelGaps, ...]
    scope: str = "commune"  # the tier: communes, or district-level units


def weakest(gaps: list[CommuneGap], criteria: CriteriaSet) -> tuple[CriterionGap, ...]:
    """Each criterion with the communes not meeting it, weakest first (ties in set order)."""
    not_met = dict.fromkeys((c.number for c in criteria.criteria), 0)
    blank = dict.fromkeys(not_met, 0)
    for g in gaps:
        for n in g.not_met:
            not_met[n] += 1
        for n in g.blank:
            blank[n] += 1
    rows = [CriterionGap(c, not_met[c.number], len(gaps) - blank[c.number])
            for c in criteria.criteria]  # fmt: skip
    order = {c.number: i for i, c in enumerate(criteria.criteria)}
    rows.sort(key=lambda r: (-r.not_met, -(r.share or 0.0), order[r.criterion.number]))
    return tuple(rows)


def closest_first(gaps: list[CommuneGap], order: dict[str, int]) -> list[CommuneGap]:
    """By gap, then in registry order (district by district)."""
    return sorted(gaps, key=lambda g: (g.gap, order.get(g.unit.code, 0)))


TIERS = {"commune": frozenset({UnitKind.COMMUNE}), "district": DISTRICT_LEVEL}


def find_gaps(
    plan: Plan,
    registry: Registry,
    book: CriteriaBook,
    period: str,
    latest: dict[str, Return],
    today: dt.date,
    district: Unit | None = None,
    level: Level | None = None,
    scope: str = "commune",
) -> Gaps:
    """`latest`: each unit's latest return up to `period`. Levels are those held at the end
    of the period (by decision date), as the period's forms were written for; each unit is
    judged on the set of the level it works towards. `scope` "district": the district-level
    units and their own returns."""
    as_of = Period(period).month_end()
    year = default_year(plan, as_of)
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    units = [u for u in area if u.kind in TIERS[scope]]
    order = {u.code: i for i, u in enumerate(units)}
    head_of = {
        u.code: registry.district_of(u) if scope == "commune" else registry.by_code.get(
            u.parent_code) for u in units
    }  # fmt: skip
    if district is not None:
        units = [u for u in units if (h := head_of[u.code]) and h.code == district.code
                 or u.code == district.code]  # fmt: skip
    held = {u.code: level_of(u, as_of=as_of) for u in units}
    towards: dict[str, tuple[Level | None, CriteriaSet | None]] = {
        u.code: book.towards(u, held[u.code]) for u in units
    }
    current = {code: r for code, r in latest.items() if code in held}
    measured = progress(plan, registry, year, as_of, today)
    sections = []
    keys: list[tuple[Level, str]] = []
    for u in units:
        target, criteria = towards[u.code]
        if target is not None and criteria is not None and (target, criteria.id) not in keys:
            keys.append((target, criteria.id))
    keys.sort(key=lambda k: k[0].rank)
    if level is not None and not any(k[0] == level for k in keys):
        found = book.get("commune" if scope == "commune" else "district", level)
        if found is not None:
            keys.append((level, found.id))
    for target, set_id in keys:
        if level is not None and target != level:
            continue
        criteria = book.sets[set_id]
        working = [u for u in units if towards[u.code][0] == target
                   and (c := towards[u.code][1]) is not None and c.id == set_id]  # fmt: skip
        readable = {u.code: r for u in working if (r := current.get(u.code)) is not None
                    and usable(r, u, held[u.code], criteria)}  # fmt: skip
        other = tuple((u, r.criteria_set) for u in working if (r := current.get(u.code))
                      is not None and r.criteria_set != criteria.id)  # fmt: skip
        other_codes = {u.code for u, _ in other}
        gaps = [commune_gap(u, head_of[u.code], target, readable[u.code], criteria, registry,
                            as_of) for u in working if u.code in readable]  # fmt: skip
        ready = closest_first([g for g in gaps if g.gap == 0], order)
        near = closest_first([g for g in gaps if 1 <= g.gap <= NEAR_MISS], order)
        per_district: dict[str, list[CommuneGap]] = {}
        heads: dict[str, Unit] = {}
        counts: dict[str, int] = {}
        for u in working:
            head = head_of[u.code]
            if head is None or scope != "commune":
                continue
            heads[head.code] = head
            counts[head.code] = counts.get(head.code, 0) + 1
            per_district.setdefault(head.code, [])
        for g in gaps:
            if g.district is not None and g.district.code in per_district:
                per_district[g.district.code].append(g)
        districts = tuple(
            DistrictGaps(heads[code], counts[code], len(rows), weakest(rows, criteria))
            for code, rows in per_district.items()
        )
        links = []
        for result in measured.results:
            m = result.milestone
            if m.level != target or result.shortfall == 0 or result.status is Status.ACHIEVED:
                continue
            named = registry.by_code.get(m.unit_code) if m.scope is Scope.UNIT else None
            tier = (
                "commune" if (m.scope is Scope.COMMUNE or (named is not None
                              and named.kind is UnitKind.COMMUNE))
                else "district" if (m.scope is Scope.DISTRICT or (named is not None
                                    and named.kind in DISTRICT_LEVEL))
                else None
            )  # fmt: skip
            if tier != scope:
                continue
            pool = set(result.missing)
            links.append(
                MilestoneLink(
                    result,
                    tuple(g for g in ready if g.unit.code in pool),
                    tuple(g for g in near if g.unit.code in pool),
                )
            )
        sections.append(
            LevelGaps(
                level=target,
                criteria_set=criteria,
                communes=tuple(working),
                without_return=tuple(
                    u for u in working if u.code not in readable and u.code not in other_codes
                ),  # fmt: skip
                other_set=tuple((u, s) for u, s in other),
                criteria=weakest(gaps, criteria),
                districts=districts,
                ready=tuple(ready),
                near=tuple(near),
                far=tuple(closest_first([g for g in gaps if g.gap > NEAR_MISS], order)),
                milestones=tuple(links),
            )
        )
    return Gaps(plan, book, period, as_of, year, district, tuple(sections), scope)
