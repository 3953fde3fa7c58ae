"""The schema of `targets.yaml`, validated by pydantic (imported only when the file changed).

Validators raise ValueProblem: its coded message is what the user reads (see yamlfile.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ntm_cli.domain.errors import ValueProblem
from ntm_cli.domain.models import Level, MilestoneKind, Scope

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _code(value: Any) -> Any:
    """Codes are text; YAML reads an unquoted 845 as a number."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _plain_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueProblem("plan.id.invalid", value=value)
    return value


def _scope(value: Any) -> Scope:
    try:
        return Scope(str(value))
    except ValueError:
        raise ValueProblem("plan.scope.invalid", value=str(value)) from None


def _level(value: Any) -> Level:
    return Level.parse(str(value))


def _kind(value: Any) -> MilestoneKind:
    try:
        return MilestoneKind(str(value))
    except ValueError:
        raise ValueProblem("plan.kind.invalid", value=str(value)) from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(_Strict):
    start: int = Field(ge=1990, le=2100)
    end: int = Field(ge=1990, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueProblem("plan.period.order", end=self.end, start=self.start)
        return self


class PlanHeader(_Strict):
    id: str
    number: str
    title: str
    title_en: str = ""
    issuer: str = ""
    issued_on: dt.date | None = None
    area: str = ""
    period: Period
    source: str = ""

    _area = field_validator("area", mode="before")(_code)
    _check_id = field_validator("id")(_plain_id)


class MilestoneSpec(_Strict):
    id: str
    year: int
    kind: MilestoneKind
    scope: Scope | None = None
    level: Level
    target: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    unit: str = ""
    binding: bool = True
    wording: str = Field(min_length=1)
    wording_en: str = ""

    _unit = field_validator("unit", mode="before")(_code)
    _check_level = field_validator("level", mode="before")(_level)
    _check_kind = field_validator("kind", mode="before")(_kind)
    _check_scope = field_validator("scope", mode="before")(_scope)
    _check_id = field_validator("id")(_plain_id)

    @model_validator(mode="after")
    def _consistent(self) -> MilestoneSpec:
        if self.kind is MilestoneKind.UNIT:
            if not self.unit:
                raise ValueProblem("plan.unit_milestone.no_unit")
            if self.scope not in (None, Scope.UNIT):
                raise ValueProblem("plan.unit_milestone.scope")
            if self.target not in (None, 1):
                raise ValueProblem("plan.unit_milestone.target")
            return self
        if self.unit:
            raise ValueProblem("plan.milestone.unit_not_allowed", kind=self.kind.value)
        if self.scope in (None, Scope.UNIT):
            raise ValueProblem("plan.milestone.scope_missing")
        if self.target is None:
            raise ValueProblem("plan.milestone.target_missing")
        if self.kind is MilestoneKind.SHARE and not 0 < self.target <= 100:
            raise ValueProblem("plan.milestone.share_range", target=self.target)
        if self.kind is not MilestoneKind.SHARE and self.target != int(self.target):
            raise ValueProblem("plan.milestone.whole", kind=self.kind.value, target=self.target)
        return self


def _by_level(value: Any) -> Any:
    """One set for every level (a set id), or a set by level ({ntm: …, advanced: …})."""
    if isinstance(value, dict):
        return {_level(k).value: v for k, v in value.items()}
    return value


class CriteriaRefs(_Strict):
    """Which criteria set (a file of data/criteria/) applies to each scope (communes, districts
    (huyện), towns and provincial cities, the province) and each level a unit works towards:
    a set id for all levels, or a mapping of level to set id."""

    commune: str | dict[str, str] = ""
    district: str | dict[str, str] = ""
    town: str | dict[str, str] = ""
    province: str | dict[str, str] = ""

    _levels = field_validator("commune", "district", "town", "province", mode="before")(_by_level)


class ReturnsSettings(_Strict):
    """Monthly returns: the day of the next month a return is due."""

    due_day: int = Field(default=5, ge=1, le=28)


class RecognitionSettings(_Strict):
    """When the decisions recognising a year's results are expected: until `decisions_until`
    (day/month, "30/06") of the next year."""

    decisions_until: tuple[int, int]

    @field_validator("decisions_until", mode="before")
    @classmethod
    def _day_month(cls, value: Any) -> tuple[int, int]:
        """ "30/06" (day/month, as Vietnamese dates are written) to (month, day)."""
        day, _, month = str(value).strip().partition("/")
        try:
            dt.date(2001, int(month), int(day))  # a day of every year: 29/02 is refused
        except ValueError:
            raise ValueProblem("plan.recognition.invalid", value=str(value)) from None
        return int(month), int(day)


class AwardRuleSpec(_Strict):
    """One category of commendations: who is a candidate and the conditions to qualify."""

    id: str
    name: str = Field(min_length=1)
    name_en: str = ""
    scope: Scope
    reached: list[Level] = []
    max_debt: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    all_criteria: bool = False
    min_ocop: int = Field(default=0, ge=0)
    min_stars: int = Field(default=3, ge=3, le=5)
    basis: str = ""

    _check_id = field_validator("id")(_plain_id)

    @field_validator("scope", mode="before")
    @classmethod
    def _award_scope(cls, value: Any) -> Scope:
        if str(value) not in (Scope.COMMUNE.value, Scope.DISTRICT.value):
            raise ValueProblem("plan.award.scope", value=str(value))
        return Scope(str(value))

    @field_validator("reached", mode="before")
    @classmethod
    def _levels(cls, value: Any) -> list[Level]:
        items = value if isinstance(value, list) else [value]
        return [_level(v) for v in items]

    @model_validator(mode="after")
    def _consistent(self) -> AwardRuleSpec:
        if not self.reached and not self.min_ocop:
            raise ValueProblem("plan.award.candidates")
        if self.scope is not Scope.COMMUNE and (self.min_ocop or self.all_criteria):
            field = "min_ocop" if self.min_ocop else "all_criteria"
            raise ValueProblem("plan.award.commune_only", field=field)
        if self.min_stars != 3 and not self.min_ocop:
            raise ValueProblem("plan.award.stars")
        return self


class AwardsSection(_Strict):
    """The commendation rules of the emulation movement the plan belongs to."""

    source: str = ""
    rules: list[AwardRuleSpec] = Field(min_length=1)


class PlanFile(_Strict):
    plan: PlanHeader
    criteria: CriteriaRefs = CriteriaRefs()
    returns: ReturnsSettings = ReturnsSettings()
    recognition: RecognitionSettings | None = None
    awards: AwardsSection | None = None
    milestones: list[MilestoneSpec] = Field(min_length=1)
