"""The schema of `targets.yaml`, validated by pydantic (imported only when the file changed).

Validators raise ValueProblem: its coded message is what the user reads (see yamlfile.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ntm_cli.domain.errors import ValueProblem
from ntm_cli.domain.models import EVIDENCE, GROUPS, Ladder, MilestoneKind, Rung, Scope, Subject

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


def _level(value: Any, info: ValidationInfo) -> str:
    """A level: the id of a rung of the plan's ladder (`levels:`, read before the parts that
    name levels), or one of the rung's words ("nâng cao" for advanced)."""
    text = str(value).strip()
    ladder = (info.context or {}).get("ladder")
    if ladder is None:  # the ladder itself has a problem, reported where it is
        return text
    try:
        return str(ladder.parse(text).value)
    except ValueError:
        raise ValueProblem("level.invalid", value=text, choices=ladder.ids()) from None


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
    edition: str = Field(default="", pattern=r"^([a-z0-9][a-z0-9._-]*)?$")

    _area = field_validator("area", mode="before")(_code)
    _check_id = field_validator("id")(_plain_id)


class MilestoneSpec(_Strict):
    id: str
    year: int
    kind: MilestoneKind
    scope: Scope | None = None
    level: str
    target: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    unit: str = ""
    binding: bool = True
    wording: str = Field(min_length=1)
    wording_en: str = ""

    _unit = field_validator("unit", mode="before")(_code)

    @field_validator("level", mode="before")
    @classmethod
    def _check_level(cls, value: Any, info: ValidationInfo) -> str:
        return _level(value, info)

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


def _by_level(value: Any, info: ValidationInfo) -> Any:
    """One set for every level (a set id), or a set by level ({ntm: …, advanced: …})."""
    if isinstance(value, dict):
        return {_level(k, info): v for k, v in value.items()}
    return value


class CriteriaRefs(_Strict):
    """Which criteria set (a file of data/criteria/) applies to each scope (communes, districts
    (huyện), towns and provincial cities, the province) and each level a unit works towards:
    a set id for all levels, or a mapping of level to set id."""

    commune: str | dict[str, str] = ""
    district: str | dict[str, str] = ""
    town: str | dict[str, str] = ""
    province: str | dict[str, str] = ""

    @field_validator("commune", "district", "town", "province", mode="before")
    @classmethod
    def _levels(cls, value: Any, info: ValidationInfo) -> Any:
        return _by_level(value, info)


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
    """One kind of subject of the commendations: who is a candidate and the conditions."""

    id: str
    subject: Subject
    name: str = Field(min_length=1)
    name_en: str = ""
    group: str = ""
    reached: list[str] = []
    max_debt: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    all_criteria: bool = False
    requires: list[str] = []
    any_of: list[str] = []
    min_ocop: int = Field(default=0, ge=0)
    min_stars: int = Field(default=3, ge=3, le=5)
    min_jobs: int = Field(default=1, ge=1)
    council: list[str] = []
    council_en: list[str] = []
    basis: str = ""

    _check_id = field_validator("id")(_plain_id)

    @field_validator("subject", mode="before")
    @classmethod
    def _subject(cls, value: Any) -> Subject:
        try:
            return Subject(str(value))
        except ValueError:
            raise ValueProblem(
                "plan.award.subject", value=str(value), choices=[s.value for s in Subject]
            ) from None

    @field_validator("reached", mode="before")
    @classmethod
    def _levels(cls, value: Any, info: ValidationInfo) -> list[str]:
        items = value if isinstance(value, list) else [value]
        return [_level(v, info) for v in items]

    @model_validator(mode="after")
    def _consistent(self) -> AwardRuleSpec:
        subject = self.subject
        if subject.is_unit:
            if not self.reached:
                raise ValueProblem("plan.award.candidates")
            if subject is Subject.DISTRICT and self.all_criteria:
                raise ValueProblem("plan.award.commune_only", field="all_criteria")
            if self.requires or self.any_of:
                raise ValueProblem("plan.award.unit_evidence", subject=subject.value)
            return self
        for name in ("reached", "max_debt", "all_criteria"):
            if getattr(self, name) not in ([], None, False):
                raise ValueProblem("plan.award.units_only", field=name, subject=subject.value)
        groups = GROUPS.get(subject, ())
        if groups and self.group not in groups:
            raise ValueProblem("plan.award.group", value=self.group, choices=list(groups))
        if not groups and self.group:
            raise ValueProblem("plan.award.group_unused", subject=subject.value)
        form = self.group or subject.value
        for key in (*self.requires, *self.any_of):
            if key not in EVIDENCE[form]:
                raise ValueProblem(
                    "plan.award.evidence", value=key, form=form, choices=list(EVIDENCE[form])
                )
        uses_ocop = "ocop" in (*self.requires, *self.any_of)
        if uses_ocop != bool(self.min_ocop):
            raise ValueProblem("plan.award.ocop")
        if self.min_stars != 3 and not self.min_ocop:
            raise ValueProblem("plan.award.stars")
        if self.council_en and len(self.council_en) != len(self.council):
            raise ValueProblem("plan.award.council_en")
        return self


class OcopValiditySpec(_Strict):
    """How long an OCOP certificate holds, with where that is said."""

    valid_months: int = Field(ge=1, le=120)
    source: str = Field(min_length=1)
    confirmed: bool = False


class AwardsSection(_Strict):
    """The commendation rules of the emulation movement the plan belongs to."""

    source: str = ""
    ocop_certificate: OcopValiditySpec | None = None
    rules: list[AwardRuleSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_rule_a_sheet(self) -> AwardsSection:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.subject.is_unit:
                continue
            form = rule.group or rule.subject.value
            if form in seen:
                raise ValueProblem("plan.award.form_twice", form=form)
            seen.add(form)
        if self.ocop_certificate is None and any(r.min_ocop for r in self.rules):
            raise ValueProblem("plan.award.ocop_validity")
        return self


class RungSpec(_Strict):
    """One level of the plan's ladder (lowest first), in the words of the plan and its criteria."""

    id: str
    name: str = Field(min_length=1)
    short: str = Field(min_length=1)
    phrase: str = Field(min_length=1)
    name_en: str = ""
    short_en: str = ""
    phrase_en: str = ""
    task: str = ""
    task_en: str = ""
    task_short: str = ""
    task_short_en: str = ""
    words: list[str] = []
    source: str = ""

    _check_id = field_validator("id")(_plain_id)

    def rung(self) -> Rung:
        return Rung(**{**self.model_dump(), "words": tuple(self.words)})


class PlanFile(_Strict):
    plan: PlanHeader
    levels: list[RungSpec] = Field(min_length=1)  # before the parts that name levels

    @field_validator("levels")
    @classmethod
    def _ladder(cls, value: list[RungSpec], info: ValidationInfo) -> list[RungSpec]:
        """Tell the parts after it which levels there are (ids given twice are found later)."""
        if info.context is not None:
            rungs = {r.id: r.rung() for r in value}
            info.context["ladder"] = Ladder(tuple(rungs.values()))
        return value

    criteria: CriteriaRefs = CriteriaRefs()
    returns: ReturnsSettings = ReturnsSettings()
    recognition: RecognitionSettings | None = None
    awards: AwardsSection | None = None
    milestones: list[MilestoneSpec] = Field(min_length=1)
