"""The schema of `emulation.yaml`, validated by pydantic (imported only when the file changed)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ntm_cli.domain.errors import ValueProblem

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _plain_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueProblem("plan.id.invalid", value=value)
    return value


def _text(value: Any) -> Any:
    """Numbers are text here; YAML reads an unquoted 13 as a number."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionRefSpec(_Strict):
    set: str = Field(min_length=1)
    number: str = Field(pattern=r"^[1-9][0-9]*$")
    basis: Literal["plan", "office"] = "plan"

    _number = field_validator("number", mode="before")(_text)


class FieldRefSpec(_Strict):
    field: Literal["funds", "debt", "ocop"]
    kind: Literal["flow", "stock"]
    basis: Literal["plan", "office"] = "plan"
    programme: str = ""


class ProgrammeSpec(_Strict):
    id: str
    title: str = Field(min_length=1)
    title_en: str = ""

    _check_id = field_validator("id")(_plain_id)


class ContentSpec(_Strict):
    number: int = Field(ge=1, le=20)
    ordinal: str = Field(min_length=1)
    title: str = Field(min_length=1)
    title_en: str = ""
    text: str = Field(min_length=1)
    criteria: list[CriterionRefSpec] = []
    fields: list[FieldRefSpec] = []
    programmes: list[ProgrammeSpec] = []


class ItemSpec(_Strict):
    id: str
    label: str = Field(min_length=1, max_length=200)
    label_en: str = ""
    unit: str = Field(min_length=1)
    unit_en: str = ""
    number: Literal["whole", "decimal"]
    kind: Literal["flow", "stock"]
    content: int
    programme: str = ""
    illustrative: bool = False
    basis: Literal["plan", "office"] = "office"

    _check_id = field_validator("id")(_plain_id)


class EmulationFile(_Strict):
    title: str = Field(min_length=1)
    title_en: str = ""
    source: str = ""
    contents: list[ContentSpec] = Field(min_length=1, max_length=20)
    items: list[ItemSpec] = Field(default=[], max_length=40)
