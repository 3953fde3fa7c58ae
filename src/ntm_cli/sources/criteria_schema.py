"""The schema of a criteria set (`criteria/<id>.yaml`), validated by pydantic (imported only when
the file changed)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


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
