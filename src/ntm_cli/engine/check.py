"""Consistency of a registry and of a plan against it; each problem an Issue with its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import DISTRICT_LEVEL, MilestoneKind, Plan, Registry, Scope, UnitKind

if TYPE_CHECKING:  # not imported on the start-up path of `ntm progress`, which never needs it
    from ntm_cli.domain.returns import CriteriaSet

COUNTABLE = DISTRICT_LEVEL | {UnitKind.COMMUNE}


def check_registry(registry: Registry) -> list[Issue]:
    """Duplicate codes and missing or wrong-kind parents (rows are checked as they are read)."""
    problems: list[Issue] = []
    first_line: dict[str, int] = {}
    for unit in registry.units:
        where = f"{registry.path}:{unit.line}"
        if unit.code in first_line:
            message = msg("registry.code.duplicate", code=unit.code, line=first_line[unit.code])
            problems.append(Issue(None, f"{where}: code", message))
            continue
        first_line[unit.code] = unit.line
        parent = _parent_problem(registry, unit.code)
        if parent is not None:
            problems.append(Issue(None, f"{where}: parent_code", parent))
    return problems


def _parent_problem(registry: Registry, code: str) -> Message | None:
    unit = registry.by_code[code]
    if unit.kind is UnitKind.PROVINCE:
        if unit.parent_code:
            return msg("registry.parent.province", parent=unit.parent_code)
        return None
    if not unit.parent_code:
        return msg("registry.parent.empty", kind=unit.kind.value)
    parent = registry.by_code.get(unit.parent_code)
    if parent is None:
        return msg("registry.parent.unknown", parent=unit.parent_code)
    # a commune-level unit may sit directly under the province (no district level from 01/7/2025)
    if parent.kind.tier != unit.kind.tier - 1 and not (
        unit.kind.tier == 2 and parent.kind is UnitKind.PROVINCE
    ):
        code = "registry.parent.not_province" if unit.kind.tier == 1 else (
            "registry.parent.not_district"
        )  # fmt: skip
        return msg(
            code, parent=unit.parent_code, parent_kind=parent.kind.value, name=parent.name,
            kind=unit.kind.value,
        )  # fmt: skip
    return None


def check_plan(plan: Plan, registry: Registry) -> list[Issue]:
    """The plan's area and named units exist in the registry and can be counted; a count is
    not above the units there are, and every scope has units to count."""
    from ntm_cli.engine.progress import eligible_units

    problems: list[Issue] = []
    if plan.area_code and plan.area_code not in registry.by_code:
        message = msg("plan.area.unknown", code=plan.area_code, registry=registry.path)
        problems.append(Issue(None, f"{plan.path}:{plan.area_line}: plan.area", message))
        return problems
    area = {u.code for u in registry.descendants(plan.area_code)} if plan.area_code else None
    pools = {scope: len(eligible_units(plan, registry, scope)) for scope in Scope}
    for i, m in enumerate(plan.milestones):
        where = f"{plan.path}:{m.line}: milestones[{i}]"
        if m.kind is MilestoneKind.UNIT:
            unit = registry.by_code.get(m.unit_code)
            if unit is None:
                message = msg("plan.unit.unknown", code=m.unit_code, registry=registry.path)
            elif unit.kind not in COUNTABLE:
                message = msg(
                    "plan.unit.not_countable", code=m.unit_code, kind=unit.kind.value,
                    name=unit.name,
                )  # fmt: skip
            elif area is not None and unit.code not in area:
                message = msg(
                    "plan.unit.outside_area", code=m.unit_code, name=unit.name,
                    area=plan.area_code,
                )  # fmt: skip
            else:
                continue
            problems.append(Issue(None, f"{where}.unit", message))
            continue
        eligible = pools[m.scope]
        name = {Scope.COMMUNE: "communes", Scope.PROVINCE: "province"}.get(m.scope, "districts")
        if eligible == 0:
            code = f"plan.scope.no_{name}"
            problems.append(Issue(None, f"{where}.scope", msg(code)))
        elif m.kind is not MilestoneKind.SHARE and m.target > eligible:
            code = f"plan.target.above_{name}"
            problems.append(
                Issue(None, f"{where}.target", msg(code, target=m.target, eligible=eligible))
            )
    return problems


def check_groups(plan: Plan, registry: Registry, sets: dict[str, CriteriaSet]) -> list[Issue]:
    """A commune's group (the registry's `group` column) is one of the commune groups its
    criteria sets declare (QĐ 51/2025: 1, 2, 3); sets that declare none leave it unchecked.
    `sets` holds the plan's commune sets by id (those that could be read)."""
    declared = [sets[i] for i in dict.fromkeys(plan.criteria.get("commune", {}).values())
                if i in sets and sets[i].commune_groups]  # fmt: skip
    if not declared:
        return []
    problems: list[Issue] = []
    for unit in registry.units:
        if unit.kind is not UnitKind.COMMUNE or not unit.group:
            continue
        for found in declared:
            if found.commune_group(unit.group) is None:
                groups = ", ".join(g.id for g in found.commune_groups)
                message = msg("registry.group.unknown", group=unit.group, set=found.id,
                              groups=groups)  # fmt: skip
                problems.append(Issue(None, f"{registry.path}:{unit.line}: group", message))
                break
    return problems
