"""Small hand-built registries and plans for engine tests."""

from __future__ import annotations

import datetime as dt

from ntm_cli.domain.models import (
    Level,
    Milestone,
    MilestoneKind,
    Plan,
    Recognition,
    Registry,
    Scope,
    Unit,
    UnitKind,
)
from ntm_cli.sources.datadir import BUNDLED, PLAN_FILE
from ntm_cli.sources.plan import load_plan

# A plan file's ladder of levels, the three rungs of 2021–2025 (written after the milestones, so
# the lines of what comes before stay where a test expects them).
LEVELS_YAML = """\
levels:
  - {id: ntm, name: Nông thôn mới, short: NTM, phrase: chuẩn NTM}
  - {id: advanced, name: NTM nâng cao, short: Nâng cao, phrase: NTM nâng cao}
  - {id: model, name: NTM kiểu mẫu, short: Kiểu mẫu, phrase: NTM kiểu mẫu}
"""
# The bundled plan's ladder (loading it also gives the catalogue its rungs' words).
LADDER = load_plan(BUNDLED / PLAN_FILE).ladder
NTM, ADVANCED, MODEL = LADDER.levels


def unit(
    code: str,
    kind: UnitKind,
    parent: str = "",
    ntm: int | None = None,
    advanced: int | None = None,
    model: int | None = None,
    decided: dict[Level, dt.date] | None = None,
    revoked: tuple[Level, dt.date] | None = None,
) -> Unit:
    decided = decided or {}
    recognitions = {
        level: Recognition(year, decided_on=decided.get(level))
        for level, year in ((NTM, ntm), (ADVANCED, advanced), (MODEL, model))
        if year is not None
    }
    return Unit(
        code=code,
        name=f"Unit {code}",
        kind=kind,
        parent_code=parent,
        recognitions=recognitions,
        revoked_level=revoked[0] if revoked else None,
        revoked_on=revoked[1] if revoked else None,
    )


def province(*units: Unit) -> Registry:
    return Registry(units=(unit("01", UnitKind.PROVINCE), *units))


def milestone(
    kind: MilestoneKind,
    level: Level,
    target: float = 1,
    year: int = 2023,
    scope: Scope = Scope.COMMUNE,
    unit_code: str = "",
    binding: bool = True,
) -> Milestone:
    if kind is MilestoneKind.UNIT:
        scope = Scope.UNIT
    return Milestone(
        id=f"m-{kind.value}-{level.value}-{year}",
        year=year,
        kind=kind,
        scope=scope,
        level=level,
        target=target,
        binding=binding,
        unit_code=unit_code,
    )


def plan(*milestones: Milestone, area: str = "01") -> Plan:
    return Plan(
        id="test",
        title="Test plan",
        number="1/KH-TEST",
        issued_on=None,
        issuer="",
        area_code=area,
        start_year=2021,
        end_year=2025,
        milestones=milestones,
        ladder=LADDER,
    )
