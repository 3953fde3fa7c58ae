"""The units a listing shows: filtered by district, kind, level or name, each with its level."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ntm_cli.domain.lookup import match_units
from ntm_cli.domain.models import DISTRICT_LEVEL, Level, Registry, Unit, UnitKind
from ntm_cli.domain.status import at_least, level_of

COUNTABLE = DISTRICT_LEVEL | {UnitKind.COMMUNE}
NOT_YET = "none"  # the level filter for units that hold no level yet


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit with the level it holds in the view asked for."""

    unit: Unit
    district: Unit | None
    level: Level | None


def select_units(
    registry: Registry,
    district: Unit | None = None,
    kinds: Collection[UnitKind] | None = None,
    level: Level | str | None = None,
    search: str | None = None,
    year: int | None = None,
) -> list[UnitRow]:
    """Units in registry order; `level` is a level (that level or above) or "none" (countable
    units holding no level: wards and townships never hold one, so they are not "not yet")."""
    pool = list(registry.units)
    if district is not None:
        pool = [district, *registry.descendants(district.code)]
    if search:
        pool = match_units(registry, search, partial=True, pool=pool)
    if kinds:
        pool = [u for u in pool if u.kind in kinds]
    rows = [UnitRow(u, registry.district_of(u), level_of(u, year)) for u in pool]
    if level == NOT_YET:
        return [r for r in rows if r.level is None and r.unit.kind in COUNTABLE]
    if isinstance(level, Level):
        return [r for r in rows if at_least(r.level, level)]
    return rows
