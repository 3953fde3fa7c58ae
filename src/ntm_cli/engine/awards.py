"""The shortlist for the emulation movement's commendations, by the plan's rules (no I/O).

Each rule of the plan file is one kind of subject the plan names. Units (districts, communes,
model communes) are candidates when they reached a level in the award year, by result year, and
are judged on the returns of that year (no capital-construction debt, every criterion met).
Departments, hamlets, enterprises and cooperatives, individuals and other contributors are the
nominees of the office's nominations workbook, judged on the evidence written there (OCOP
products by their certificates valid at the year's end). A condition the data cannot answer (no
return, a blank cell, the emulation council's judgement) leaves the row to check, never
silently in or out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ntm_cli.domain.models import (
    DISTRICT_LEVEL,
    AwardRule,
    Plan,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.domain.nominations import Nominee, OcopProduct
from ntm_cli.domain.returns import CriteriaBook, CriteriaSet, Return
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
    """A unit candidate (`unit`), or a nominee of the workbook (`nominee`; a hamlet's commune
    is `unit`), with its verdict and the checks behind it."""

    rule: AwardRule
    unit: Unit | None
    district: Unit | None
    verdict: Verdict
    reasons: tuple[Reason, ...]
    nominee: Nominee | None = None


@dataclass(frozen=True, slots=True)
class Awards:
    plan: Plan
    year: int
    period: str | None  # the latest returns used are up to this month
    rows: tuple[AwardRow, ...]
    nominations: str | None = None  # the workbook the nominees come from (None: none stored)


def shortlist(
    plan: Plan,
    registry: Registry,
    book: CriteriaBook,
    year: int,
    latest: dict[str, Return],
    period: str | None = None,
    nominees: Sequence[Nominee] = (),
    nominations: str | None = None,
) -> Awards:
    """Every candidate and nominee of every rule with its verdict; `latest`: each commune's
    latest return of the year; `nominees`: the year's nominations workbook."""
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    communes = [u for u in area if u.kind is UnitKind.COMMUNE]
    districts = [u for u in area if u.kind in DISTRICT_LEVEL]
    rows: list[AwardRow] = []
    for rule in plan.awards:
        found = (
            _units(rule, registry, communes, districts, book, year, latest)
            if rule.subject.is_unit
            else [_nominee_row(rule, n, registry, year) for n in nominees if n.form == rule.form]
        )
        found.sort(key=lambda r: _ORDER[r.verdict])  # stable: registry or workbook order
        rows.extend(found)
    return Awards(plan, year, period, tuple(rows), nominations)


def _units(
    rule: AwardRule,
    registry: Registry,
    communes: list[Unit],
    districts: list[Unit],
    book: CriteriaBook,
    year: int,
    latest: dict[str, Return],
) -> list[AwardRow]:
    pool = communes if rule.scope is Scope.COMMUNE else districts
    found = []
    for unit in pool:
        reasons = _candidate(rule, unit, year)
        if reasons is None:
            continue
        if rule.scope is Scope.COMMUNE:
            # the set the commune reports on at the end of the year (a model commune's own)
            criteria = book.towards(unit, level_of(unit, year))[1]
            reasons += _commune_checks(rule, unit, latest.get(unit.code), criteria)
            district = registry.district_of(unit)
        else:
            own = [u for u in registry.descendants(unit.code) if u.kind is UnitKind.COMMUNE]
            reasons += _district_checks(rule, own, latest)
            district = None
        found.append(AwardRow(rule, unit, district, _verdict(reasons), tuple(reasons)))
    return found


def _verdict(reasons: list[Reason]) -> Verdict:
    if any(r.passed is False for r in reasons):
        return Verdict.EXCLUDED
    if any(r.passed is None for r in reasons):
        return Verdict.TO_CHECK
    return Verdict.QUALIFIES


def _candidate(rule: AwardRule, unit: Unit, year: int) -> list[Reason] | None:
    """Why `unit` is a candidate of `rule` (None when it is not one)."""
    reached = [lv for lv, rec in unit.recognitions.items()  # in ladder order
               if lv in rule.reached and rec.year == year]  # fmt: skip
    if not reached:
        return None
    level = reached[-1]
    rec = unit.recognitions[level]
    town = unit.kind in (UnitKind.TOWN, UnitKind.CITY) and level.rank == 1
    reasons = [Reason("reached", True, {"level": level, "year": year, "town": town,
                                        "decision": rec.decision,
                                        "decided_on": rec.decided_on})]  # fmt: skip
    if not at_least(level_of(unit), level):  # the recognition was revoked since
        reasons.append(Reason("revoked", False, {"on": unit.revoked_on}))
    return reasons


def _commune_checks(rule: AwardRule, unit: Unit, ret: Return | None,
                    criteria: CriteriaSet | None) -> list[Reason]:  # fmt: skip
    needs_return = rule.max_debt is not None or rule.all_criteria
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
    if rule.all_criteria:
        reasons.append(_all_criteria(unit, ret, criteria))
    return reasons


def _all_criteria(unit: Unit, ret: Return, criteria: CriteriaSet | None) -> Reason:
    """Whether the return meets every criterion of `criteria`, the set of the level the unit
    reports on (the one place that picks how a model commune's criteria are judged)."""
    if criteria is None or ret.criteria_set != criteria.id:
        return Reason("criteria_other_set", None, {"set": ret.criteria_set, "period": ret.period})
    top = next(reversed(unit.recognitions))  # a candidate holds a level
    gap = commune_gap(unit, None, top, ret, criteria)
    if gap.not_met:
        return Reason("criteria_missing", False, {"criteria": gap.not_met, "period": ret.period})
    if gap.blank:
        return Reason("criteria_blank", None, {"criteria": gap.blank, "period": ret.period})
    return Reason("criteria_all", True, {"count": len(criteria.criteria), "period": ret.period})


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


# Nominees ---------------------------------------------------------------------------------------


def _nominee_row(rule: AwardRule, nominee: Nominee, registry: Registry, year: int) -> AwardRow:
    reasons = [_evidence(key, rule, nominee, year) for key in rule.requires]
    if rule.any_of:
        parts = tuple(_evidence(key, rule, nominee, year) for key in rule.any_of)
        passed: bool | None = (
            True if any(p.passed for p in parts)
            else None if any(p.passed is None for p in parts)
            else False
        )  # fmt: skip
        reasons.append(Reason("any_of", passed, {"parts": parts}))
    for i, what in enumerate(rule.council):
        what_en = rule.council_en[i] if i < len(rule.council_en) else what
        reasons.append(Reason("council", None, {"what": what, "what_en": what_en,
                                                "record": nominee.recognised_by}))  # fmt: skip
    commune = registry.by_code.get(nominee.commune_code) if nominee.commune_code else None
    district = registry.district_of(commune) if commune is not None else None
    return AwardRow(rule, commune, district, _verdict(reasons), tuple(reasons), nominee)


def _evidence(key: str, rule: AwardRule, n: Nominee, year: int) -> Reason:
    """One condition of a nominee's rule, judged on what the workbook says."""
    if key == "tasks_done":
        note = {"note": n.assessment}
        if n.tasks_done is None:
            return Reason("tasks_unknown", None, note)
        return Reason("tasks_done" if n.tasks_done else "tasks_not_done", n.tasks_done, note)
    if key == "hamlet_recognised":
        return _hamlet(n, year)
    if key == "difficult_commune":
        if n.difficult is None:
            return Reason("difficult_unknown", None)
        if not n.difficult:
            return Reason("not_difficult", False)
        if not n.difficult_decision:
            return Reason("difficult_no_decision", None)
        return Reason("difficult", True, {"decision": n.difficult_decision})
    if key == "contribution":
        return _contribution(n)
    if key == "value_chain":
        note = {"note": n.value_chain_note}
        if n.value_chain is None:
            return Reason("value_chain_unknown", None)
        return Reason("value_chain" if n.value_chain else "no_value_chain", n.value_chain, note)
    if key == "ocop":
        return _ocop(rule, n, year)
    if key == "jobs":
        if n.jobs is None:
            return Reason("jobs_unknown", None)
        values = {"count": n.jobs, "needed": rule.min_jobs}
        ok = n.jobs >= rule.min_jobs
        return Reason("jobs" if ok else "jobs_below", ok, values)
    if key == "initiative":
        if not n.initiative:
            return Reason("no_initiative", None)
        return Reason("initiative", True, {"what": n.initiative})
    if key == "initiative_recognised":
        if not n.recognised_by:
            return Reason("initiative_unrecognised", None)
        return Reason("initiative_recognised", True, {"by": n.recognised_by})
    if key == "model":
        if not n.model:
            return Reason("no_model", None)
        return Reason("model", True, {"what": n.model})
    raise ValueError(key)  # the plan schema allows no other key


def _hamlet(n: Nominee, year: int) -> Reason:
    values: dict[str, Any] = {"decision": n.decision, "on": n.decided_on, "year": year}
    if n.decided_on is None:
        return Reason("hamlet_no_decision" if not n.decision else "hamlet_no_date", None, values)
    if n.decided_on.year == year:
        return Reason("hamlet_recognised", True, values)
    if n.decided_on.year == year + 1:  # a decision early next year on the year's results
        return Reason("hamlet_next_year", None, values)
    return Reason("hamlet_other_year", False, values)


def _contribution(n: Nominee) -> Reason:
    values = {"money": n.money, "days": n.labour_days, "land": n.land_m2,
              "note": n.contribution_note}  # fmt: skip
    if n.contributed():
        return Reason("contribution", True, values)
    if all(v is None for v in (n.money, n.labour_days, n.land_m2)):
        return Reason("no_contribution", None, values)
    return Reason("contribution_zero", False, values)  # written as nothing at all


def _ocop(rule: AwardRule, n: Nominee, year: int) -> Reason:
    """OCOP products of `min_stars` or more whose certificate holds on 31 December."""
    end = dt.date(year, 12, 31)
    if rule.ocop_validity is None:  # how long a certificate holds is data, never assumed here
        return Reason("ocop_validity_unknown", None, {"stars": rule.min_stars})
    months = rule.ocop_validity.months
    valid: list[OcopProduct] = []
    undated: list[OcopProduct] = []
    lapsed: list[OcopProduct] = []
    later: list[OcopProduct] = []  # certified after the year: not the year's
    for p in n.products:
        if p.stars < rule.min_stars:
            continue
        holds = p.valid_on(end, months)
        if holds is None:
            undated.append(p)
        elif holds:
            valid.append(p)
        else:
            assert p.certified_on is not None
            (later if p.certified_on > end else lapsed).append(p)
    values = {"count": len(valid), "stars": rule.min_stars, "needed": rule.min_ocop,
              "on": end, "valid": valid, "undated": undated, "lapsed": lapsed, "later": later,
              "months": months}  # fmt: skip
    if len(valid) >= rule.min_ocop:
        return Reason("ocop", True, values)
    if len(valid) + len(undated) >= rule.min_ocop:
        return Reason("ocop_undated", None, values)
    return Reason("ocop_below", False, values)
