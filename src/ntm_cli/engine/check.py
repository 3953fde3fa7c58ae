"""Consistency of a registry and of a plan against it; each problem as one line of text."""

from __future__ import annotations

from ntm_cli.domain.models import MilestoneKind, Plan, Registry, UnitKind


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
    """The plan's area and named units exist in the registry and are of a countable kind."""
    problems: list[str] = []
    if plan.area_code and plan.area_code not in registry.by_code:
        problems.append(
            f"{plan.path}: plan.area: {plan.area_code} is not a unit of {registry.path}"
        )
    area = {u.code for u in registry.descendants(plan.area_code)} if plan.area_code else None
    for i, m in enumerate(plan.milestones):
        if m.kind is not MilestoneKind.UNIT:
            continue
        where = f"{plan.path}:{m.line}: milestones[{i}].unit"
        unit = registry.by_code.get(m.unit_code)
        if unit is None:
            problems.append(f"{where}: {m.unit_code!r} is not a unit of {registry.path}")
        elif unit.kind is UnitKind.PROVINCE:
            problems.append(f"{where}: {m.unit_code} is a province; name a district or commune")
        elif area is not None and unit.code not in area:
            problems.append(
                f"{where}: {m.unit_code} ({unit.name}) is outside the plan's area {plan.area_code}"
            )
    return problems
