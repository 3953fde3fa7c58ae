"""The schema of a criteria set (`criteria/<id>.yaml`), validated by pydantic (imported only when
the file changed)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ntm_cli.domain.errors import ValueProblem

# How sure a fact is: two or more independent sources, one, an indirect one, none.
Sure = Literal["2+", "1", "weak", "unconfirmed", ""]


def _level(value: Any) -> str | None:
    """A level's id: the plan's ladder names the levels (checked by `ntm plan check`)."""
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    if not text or not all(c.isalnum() or c in "._-" for c in text):
        raise ValueProblem("level.id.invalid", value=str(value))
    return text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSpec(_Strict):
    number: str
    name: str
    name_en: str = ""
    sure: Sure = ""


class CriterionSpec(_Strict):
    number: str = Field(pattern=r"^[1-9][0-9]*$")
    group: str
    name: str = Field(min_length=1)
    name_en: str = ""
    indicators: list[IndicatorSpec] = []
    sure: Sure = ""


class ComputedSpec(_Strict):
    """A condition read from the registry: the unit itself holds `level`, or `share` percent of
    its communes / districts (huyện) / towns and cities do."""

    units: Literal["self", "commune", "district", "town"]
    level: str
    share: float = Field(default=100, gt=0, le=100, allow_inf_nan=False)
    since: int | None = Field(default=None, ge=1990, le=2100)

    _check_level = field_validator("level", mode="before")(_level)


class ConditionSpec(_Strict):
    """A decision's condition ("điều kiện"): asked on the form (optionally as a choice from a
    list) or computed from the registry."""

    number: str = Field(pattern=r"^ĐK[1-9][0-9]?$")
    group: str
    name: str = Field(min_length=1)
    name_en: str = ""
    sure: Sure = ""
    short: str = ""
    short_en: str = ""
    computed: ComputedSpec | None = None
    choice: str = ""
    choice_en: str = ""
    choices: list[str] = []
    choices_open: bool = False

    @field_validator("choices")
    @classmethod
    def _choices(cls, value: list[str]) -> list[str]:
        from ntm_cli.domain.text import fold

        for choice in value:
            if not choice.strip() or any(ord(ch) < 32 for ch in choice):
                raise ValueProblem("criteria.condition.choice_blank", value=choice)
        folded = [fold(c) for c in value]
        if len(set(folded)) != len(folded):
            twice = next(c for c, f in zip(value, folded, strict=True) if folded.count(f) > 1)
            raise ValueProblem("criteria.condition.choice_twice", value=twice)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ConditionSpec:
        if self.choices and self.computed is not None:
            raise ValueProblem("criteria.condition.choice_computed")
        if self.choices and not self.choice:
            raise ValueProblem("criteria.condition.choice_label")
        return self


class GroupSpec(_Strict):
    id: str
    name: str
    name_en: str = ""
    sure: Sure = ""


class CommuneGroupSpec(_Strict):
    """A commune group the set sets its thresholds for (QĐ 51/2025: groups 1, 2, 3): a commune's
    group is the `group` column of its registry row."""

    id: str = Field(min_length=1, max_length=20)
    name: str = Field(min_length=1)
    name_en: str = ""
    definition: str = ""
    definition_en: str = ""
    sure: Sure = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> str:
        return str(value).strip()


class CriteriaFile(_Strict):
    id: str
    title: str
    title_en: str = ""
    decision: str
    decided_on: dt.date | None = None
    scope: str = Field(pattern=r"^(commune|district|town|province)$")
    short: str = ""
    short_en: str = ""
    level: str | None = None
    requires: str | None = None
    includes: list[str] = []
    sure: Sure = ""
    source: str = ""
    amended_by: str = ""
    amended_on: dt.date | None = None
    groups: list[GroupSpec] = Field(min_length=1)
    criteria: list[CriterionSpec] = []
    conditions: list[ConditionSpec] = []
    commune_groups: list[CommuneGroupSpec] = []

    _check_level = field_validator("level", "requires", mode="before")(_level)

    @model_validator(mode="after")
    def _something(self) -> CriteriaFile:
        if not self.criteria and not self.conditions and not self.includes:
            raise ValueProblem("criteria.empty")
        return self
