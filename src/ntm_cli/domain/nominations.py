"""Nominees for the commendations that are not units (departments, hamlets, enterprises and
cooperatives, individuals, other contributors), as the office writes them in the nominations
workbook, with the evidence their rule is judged on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

NOMINATIONS_VERSION = "1"


@dataclass(frozen=True, slots=True)
class OcopProduct:
    """An OCOP product of an enterprise or cooperative, with its certificate."""

    name: str
    stars: int
    certificate: str = ""
    certified_on: dt.date | None = None

    def valid_on(self, day: dt.date, months: int) -> bool | None:
        """Whether the certificate holds on `day` (None: no certificate date to tell)."""
        if self.certified_on is None:
            return None
        return self.certified_on <= day < add_months(self.certified_on, months)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Nominee:
    """One nominee of a rule: where it is written (sheet, row) and its evidence. A field left
    blank in the workbook is None (or empty): the data cannot tell."""

    form: str  # the sheet kind: department, hamlet, enterprise, official, worker, other
    name: str
    sheet: str
    row: int
    category: str = ""  # the kind of department, of worker, of other contributor; a position
    commune_code: str = ""  # a hamlet's commune; a worker's commune, if given
    tasks_done: bool | None = None
    assessment: str = ""
    decision: str = ""  # a hamlet's recognition as NTM hamlet
    decided_on: dt.date | None = None
    difficult: bool | None = None  # the hamlet's commune is especially difficult
    difficult_decision: str = ""
    products: tuple[OcopProduct, ...] = ()
    value_chain: bool | None = None
    value_chain_note: str = ""
    jobs: int | None = None
    money: float | None = None  # million VND
    labour_days: float | None = None
    land_m2: float | None = None
    contribution_note: str = ""
    recognised_by: str = ""  # who recorded the contribution, or recognised the initiative
    initiative: str = ""
    model: str = ""  # a model, a new way of working, an invention

    def contributed(self) -> bool:
        return bool(self.money or self.labour_days or self.land_m2 or self.contribution_note)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            name, value = f.name, getattr(self, f.name)
            if name == "products":
                value = [
                    {"name": p.name, "stars": p.stars, "certificate": p.certificate,
                     "certified_on": p.certified_on.isoformat() if p.certified_on else None}
                    for p in value
                ]  # fmt: skip
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Nominee:
        values = dict(data)
        values["products"] = tuple(
            OcopProduct(p["name"], int(p["stars"]), p.get("certificate") or "",
                        _date(p.get("certified_on")))
            for p in values.get("products") or ()
        )  # fmt: skip
        values["decided_on"] = _date(values.get("decided_on"))
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class Nominations:
    """The nominees of one award year, as stored from a workbook."""

    year: int
    nominees: tuple[Nominee, ...] = ()
    file_name: str = ""
    imported_at: str = ""
