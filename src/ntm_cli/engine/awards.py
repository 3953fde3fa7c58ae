"""The shortlist for the emulation movement's commendations, by the plan's rules (no I/O).

Each rule of the plan file names who is a candidate (units that reached a level in the award
year, by result year; or communes whose returns record OCOP products) and the conditions to
qualify (no capital-construction debt, every criterion met, enough OCOP products). A condition
that the returns cannot answer (no return, a blank debt cell) puts the unit on the list to check,
never silently in or out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ntm_cli.domain.models import (
    DISTRICT_LEVEL,
    LEVELS,
    AwardRule,
    Level,
    Plan,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.domain.returns import OCOP_STARS, CriteriaBook, CriteriaSet, Return
from ntm_cli.domain.status import at_least, level_of
from ntm_cli.engine.gaps import commune_gap


class Verdict(StrEnum):
    QUALIFIES = "qualifies"
    TO_CHECK = "to check"
    EXCLUDED = "excluded"


_ORDER = {Verdict.QUALIFIES: 0, Verdict.TO_CHECK: 1, Verdict.EXCLUDED: 2}


@dataclass(frozen=True, slots=True)
class Reason:
    """One check of a rule: `key` names the wording (i18n "awards.reason.<key>"); `passed` is
    None when the data cannot tell."""

    key: str
    passed: bool | None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AwardRow:
    rule: AwardRule
    unit: Unit
    district: Unit | None
    verdict: Verdict
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Awards:
    plan: Plan
    year: int
    period: str | None  # the latest returns used are up to this month
    rows: tuple[AwardRow, ...]


def shortlist(
    plan: Plan,
    registry: Registry,
    book: CriteriaBook,
    year: int,
    latest: dict[str, Return],
    period: str | None = None,
) -> Awards:
    """Every candidate of every rule with its verdict; `latest`: each commune's latest return."""
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    communes = [u for u in area if u.kind is UnitKind.COMMUNE]
    districts = [u for u in area if u.kind in DISTRICT_LEVEL]
    rows: list[AwardRow] = []
    for rule in plan.awards:
        pool = communes if rule.scope is Scope.COMMUNE else districts
        found = []
        for unit in pool:
            reasons = _candidate(rule, unit, year, latest)
            if reasons is None:
                continue
            if rule.scope is Scope.COMMUNE:
                criteria = book.towards(unit, level_of(unit))[1]  # the set it reports on now
                reasons += _commune_checks(rule, unit, latest.get(unit.code), criteria)
            else:
                own = [u for u in registry.descendants(unit.code) if u.kind is UnitKind.COMMUNE]
                reasons += _district_checks(rule, own, latest)
            found.append(
                AwardRow(rule, unit, registry.district_of(unit) if rule.scope is Scope.COMMUNE
                         else None, _verdict(reasons), tuple(reasons))
            )  # fmt: skip
        found.sort(key=lambda r: _ORDER[r.verdict])  # stable: registry order within a verdict
        rows.extend(found)
    return Awards(plan, year, period, tuple(rows))


def _verdict(reasons: list[Reason]) -> Verdict:
    if any(r.passed is False for r in reasons):
        return Verdict.EXCLUDED
    if any(r.passed is None for r in reasons):
        return Verdict.TO_CHECK
    return Verdict.QUALIFIES


def _candidate(
    rule: AwardRule, unit: Unit, year: int, latest: dict[str, Return]
) -> list[Reason] | None:
    """Why `unit` is a candidate of `rule` (None when it is not one)."""
    if rule.reached:
        reached = [lv for lv in LEVELS if lv in rule.reached and (rec := unit.recognitions.get(lv))
                   and rec.year == year]  # fmt: skip
        if not reached:
            return None
        level = reached[-1]
        rec = unit.recognitions[level]
        town = unit.kind in (UnitKind.TOWN, UnitKind.CITY) and level is Level.NTM
        reasons = [Reason("reached", True, {"level": level, "year": year, "town": town,
                                            "decision": rec.decision,
                                            "decided_on": rec.decided_on})]  # fmt: skip
        if not at_least(level_of(unit), level):  # the recognition was revoked since
            reasons.append(Reason("revoked", False, {"on": unit.revoked_on}))
        return reasons
    # An OCOP rule: the communes whose returns record OCOP products of the stars asked.
    ret = latest.get(unit.code)
    if ret is None or _ocop(ret, rule.min_stars) == 0:
        return None
    return []


def _ocop(ret: Return, min_stars: int) -> int:
    return sum(ret.ocop.get(s, 0) for s in OCOP_STARS if s >= min_stars)


def _commune_checks(rule: AwardRule, unit: Unit, ret: Return | None,
                    criteria: CriteriaSet | None) -> list[Reason]:  # fmt: skip
    needs_return = rule.max_debt is not None or rule.all_criteria or rule.min_ocop
    if ret is None:
        return [Reason("no_return", None)] if needs_return else []
    reasons = []
    if rule.max_debt is not None:
        if ret.debt is None:
            reasons.append(Reason("debt_blank", None, {"period": ret.period}))
        elif ret.debt > rule.max_debt:
            reasons.append(Reason("debt", False, {"amount": ret.debt, "period": ret.period,
                                                  "max": rule.max_debt}))  # fmt: skip
        else:
            key = "no_debt" if ret.debt == 0 else "debt_within"
            reasons.append(Reason(key, True, {"amount": ret.debt, "period": ret.period,
                                              "max": rule.max_debt}))  # fmt: skip
    if rule.all_criteria and criteria is None:
        reasons.append(Reason("criteria_other_set", None, {"set": ret.criteria_set,
                                                           "period": ret.period}))  # fmt: skip
    elif rule.all_criteria and criteria is not None:
        gap = commune_gap(unit, None, LEVELS[-1], ret, criteria)
        if ret.criteria_set != criteria.id:
            reasons.append(Reason("criteria_other_set", None,
                                  {"set": ret.criteria_set, "period": ret.period}))  # fmt: skip
        elif gap.not_met:
            reasons.append(Reason("criteria_missing", False,
                                  {"criteria": gap.not_met, "period": ret.period}))  # fmt: skip
        elif gap.blank:
            reasons.append(Reason("criteria_blank", None,
                                  {"criteria": gap.blank, "period": ret.period}))  # fmt: skip
        else:
            values = {"count": len(criteria.criteria), "period": ret.period}
            reasons.append(Reason("criteria_all", True, values))
    if rule.min_ocop:
        count = _ocop(ret, rule.min_stars)
        values = {"count": count, "stars": rule.min_stars, "needed": rule.min_ocop,
                  "period": ret.period}  # fmt: skip
        reasons.append(Reason("ocop" if count >= rule.min_ocop else "ocop_below",
                              count >= rule.min_ocop, values))  # fmt: skip
    return reasons


def _district_checks(rule: AwardRule, own: list[Unit], latest: dict[str, Return]) -> list[Reason]:
    """A district's debt is what its communes report, summed (wards and townships file no
    returns)."""
    if rule.max_debt is None:
        return []
    if not own:
        return [Reason("no_communes", None)]
    debtors, unknown, total = [], [], 0.0
    for u in own:
        ret = latest.get(u.code)
        if ret is None or ret.debt is None:
            unknown.append(u)
        elif ret.debt > 0:
            debtors.append((u, ret.debt, ret.period))
            total += ret.debt
    if total > rule.max_debt:
        return [Reason("debt_communes", False, {"amount": total, "units": debtors,
                                                "max": rule.max_debt})]  # fmt: skip
    if unknown:
        return [Reason("debt_unknown", None, {"units": unknown, "count": len(own)})]
    if total:
        return [Reason("debt_communes_within", True, {"amount": total, "units": debtors,
                                                      "max": rule.max_debt})]  # fmt: skip
    return [Reason("no_debt_communes", True, {"count": len(own)})]
