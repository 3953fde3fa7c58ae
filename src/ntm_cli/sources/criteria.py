"""Read criteria sets (`criteria/<id>.yaml` in the data folder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.returns import CriteriaSet, Criterion

FOLDER = "criteria"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSpec(_Strict):
    number: str
    name: str
    name_en: str = ""


class CriterionSpec(_Strict):
    number: str = Field(pattern=r"^[1-9][0-9]*$")
    group: str
    name: str = Field(min_length=1)
    name_en: str = ""
    indicators: list[IndicatorSpec] = []


class GroupSpec(_Strict):
    id: str
    name: str
    name_en: str = ""


class CriteriaFile(_Strict):
    id: str
    title: str
    title_en: str = ""
    decision: str
    decided_on: dt.date | None = None
    scope: str = Field(pattern=r"^(commune|district)$")
    groups: list[GroupSpec] = Field(min_length=1)
    criteria: list[CriterionSpec] = Field(min_length=1)


def load_criteria(folder: Path, set_id: str) -> CriteriaSet:
    """The set `set_id` of the data folder, validated; problems name the file and line."""
    criteria, problems = read_criteria(folder, set_id)
    if criteria is None:
        raise DataError(
            f"{folder / FOLDER / (set_id + '.yaml')}: not a valid criteria set", problems
        )
    return criteria


def read_criteria(folder: Path, set_id: str) -> tuple[CriteriaSet | None, list[str]]:
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    path = folder / FOLDER / f"{set_id}.yaml"
    try:
        raw = path.read_bytes()
    except OSError:
        return None, [f"{path}: no such criteria set (the plan names {set_id!r})"]
    spec, lines, problems = validate_yaml(
        raw, path, CriteriaFile, "a criteria set is a mapping with id, title, groups, criteria"
    )
    if spec is None:
        return None, problems
    groups = {g.id for g in spec.groups}
    seen: set[str] = set()
    for i, c in enumerate(spec.criteria):
        where = f"{path}:{line_of(('criteria', i), lines)}: criteria[{i}]"
        if c.group not in groups:
            problems.append(f"{where}.group: {c.group!r} is not one of the groups {sorted(groups)}")
        if c.number in seen:
            problems.append(f"{where}.number: criterion {c.number} is listed twice")
        seen.add(c.number)
    if spec.id != set_id:
        problems.append(
            f"{path}:{line_of(('id',), lines)}: id: {spec.id!r} differs from the file name"
        )
    if problems:
        return None, problems
    return (
        CriteriaSet(
            id=spec.id,
            title=spec.title,
            title_en=spec.title_en,
            decision=spec.decision,
            scope=spec.scope,
            groups={g.id: (g.name, g.name_en) for g in spec.groups},
            criteria=tuple(
                Criterion(
                    number=c.number,
                    name=c.name,
                    name_en=c.name_en,
                    group=c.group,
                    indicators=tuple(
                        Criterion(i.number, i.name, i.name_en, c.group) for i in c.indicators
                    ),
                )
                for c in spec.criteria
            ),
        ),
        [],
    )
