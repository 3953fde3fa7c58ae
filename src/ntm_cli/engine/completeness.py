"""Who has reported for a period: expected, submitted, missing and late, by district."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ntm_cli.domain.models import Plan, Registry, Unit, UnitKind
from ntm_cli.domain.period import Period


@dataclass(frozen=True, slots=True)
class DistrictCompleteness:
    """One district-level unit's communes for a period."""

    district: Unit
    expected: tuple[Unit, ...]
    submitted: tuple[Unit, ...]
    missing: tuple[Unit, ...]
    late: tuple[Unit, ...]

    @property
    def rate(self) -> float:
        return len(self.submitted) / len(self.expected) if self.expected else 1.0


@dataclass(frozen=True, slots=True)
class Completeness:
    """A period's returns across the plan's area."""

    period: str
    due: dt.date
    districts: tuple[DistrictCompleteness, ...]
    whole_area: bool = True  # False when narrowed to one district
    # the review state of each submitted commune's return (`ntm review`), by unit code
    states: Mapping[str, str] = field(default_factory=dict)

    def review_counts(self, district: DistrictCompleteness | None = None) -> dict[str, int]:
        """How many submitted returns are in each review state (of one district's)."""
        from ntm_cli.domain.review import STATES

        rows = [district] if district is not None else list(self.districts)
        states = [self.states.get(u.code, "received") for d in rows for u in d.submitted]
        return {s: states.count(s) for s in STATES}

    @property
    def approved(self) -> int:
        return self.review_counts()["approved"]

    @property
    def expected(self) -> int:
        return sum(len(d.expected) for d in self.districts)

    @property
    def submitted(self) -> int:
        return sum(len(d.submitted) for d in self.districts)

    @property
    def missing(self) -> int:
        return sum(len(d.missing) for d in self.districts)

    @property
    def late(self) -> int:
        return sum(len(d.late) for d in self.districts)

    @property
    def rate(self) -> float:
        return self.submitted / self.expected if self.expected else 1.0


def completeness(
    plan: Plan,
    registry: Registry,
    period: str,
    received: dict[str, dt.date],
    district: Unit | None = None,
    states: Mapping[str, str] | None = None,
) -> Completeness:
    """Communes (xã) expected in the plan's area; `received` maps a unit code to the day its
    current return for the period was imported. A return after the due day is late."""
    due = Period(period).due_date(plan.due_day)
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    by_district: dict[str, list[Unit]] = {}
    heads: dict[str, Unit] = {}
    for unit in area:
        if unit.kind is not UnitKind.COMMUNE:
            continue
        # a commune directly under the province (no district level from 01/7/2025) is counted
        # under the province
        head = registry.district_of(unit) or registry.by_code.get(unit.parent_code)
        if head is None or (district is not None and head.code != district.code):
            continue
        heads[head.code] = head
        by_district.setdefault(head.code, []).append(unit)
    rows = []
    for code, communes in by_district.items():
        submitted = tuple(u for u in communes if u.code in received)
        rows.append(
            DistrictCompleteness(
                district=heads[code],
                expected=tuple(communes),
                submitted=submitted,
                missing=tuple(u for u in communes if u.code not in received),
                late=tuple(u for u in submitted if received[u.code] > due),
            )
        )
    return Completeness(period, due, tuple(rows), whole_area=district is None,
                        states=dict(states or {}))  # fmt: skip
