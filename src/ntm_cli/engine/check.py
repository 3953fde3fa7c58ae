"""Consistency of a registry and of a plan against it; each problem as one line of text."""

from __future__ import annotations

from ntm_cli.domain.models import DISTRICT_LEVEL, MilestoneKind, Plan, Registry, Scope, UnitKind

COUNTABLE = DISTRICT_LEVEL | {UnitKind.COMMUNE}


def check_registry(registry: Registry) -> list[str]:
    """Duplicate codes and missing or wrong-kind parents (rows are checked as they are read)."""
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for unit in registry.units:
        where = f"{registry.path}:{unit.line}"
        if unit.code in first_line:
            problems.append(
                f"{where}: code: {unit.code} is also on line {first_line[unit.code]}; "
                f"codes are unique"
            )
            continue
        first_line[unit.code] = unit.line
        problems.extend(_parent_problems(registry, unit.code, where))
    return problems


def _parent_problems(registry: Registry, code: str, where: str) -> list[str]:
    unit = registry.by_code[code]
    if unit.kind is UnitKind.PROVINCE:
        if unit.parent_code:
            return [f"{where}: parent_code: a province has no parent (found {unit.parent_code})"]
        return []
    if not unit.parent_code:
        return [f"{where}: parent_code: empty; a {unit.kind.vi} belongs to a unit above it"]
    parent = registry.by_code.get(unit.parent_code)
    if parent is None:
        return [f"{where}: parent_code: {unit.parent_code} is not a unit of the registry"]
    if parent.kind.tier != unit.kind.tier - 1:
        wanted = "a province" if unit.kind.tier == 1 else "a district-level unit"
        return [
            f"{where}: parent_code: {unit.parent_code} is a {parent.kind.vi} ({parent.name}); "
            f"the parent of a {unit.kind.vi} is {wanted}"
        ]
    return []


def check_plan(plan: Plan, registry: Registry) -> list[str]:
    """The plan's area and named units exist in the registry and can be counted; a count is
    not above the units there are, and every scope has units to count."""
    from ntm_cli.engine.progress import eligible_units

    problems: list[str] = []
    if plan.area_code and plan.area_code not in registry.by_code:
        problems.append(
            f"{plan.path}:{plan.area_line}: plan.area: {plan.area_code} is not a unit of "
            f"{registry.path}"
        )
        return problems
    area = {u.code for u in registry.descendants(plan.area_code)} if plan.area_code else None
    pools = {scope: len(eligible_units(plan, registry, scope)) for scope in Scope}
    for i, m in enumerate(plan.milestones):
        where = f"{plan.path}:{m.line}: milestones[{i}]"
        if m.kind is MilestoneKind.UNIT:
            unit = registry.by_code.get(m.unit_code)
            if unit is None:
                problems.append(f"{where}.unit: {m.unit_code!r} is not a unit of {registry.path}")
            elif unit.kind not in COUNTABLE:
                problems.append(
                    f"{where}.unit: {m.unit_code} is a {unit.kind.vi} ({unit.name}); name a "
                    "commune (xã) or a district-level unit"
                )
            elif area is not None and unit.code not in area:
                problems.append(
                    f"{where}.unit: {m.unit_code} ({unit.name}) is outside the plan's area "
                    f"{plan.area_code}"
                )
            continue
        eligible = pools[m.scope]
        noun = "communes (xã)" if m.scope is Scope.COMMUNE else "district-level units"
        if eligible == 0:
            problems.append(f"{where}.scope: the plan's area has no {noun} to count")
        elif m.kind is not MilestoneKind.SHARE and m.target > eligible:
            problems.append(
                f"{where}.target: {m.target:g} is more than the {eligible} {noun} in the area"
            )
    return problems
