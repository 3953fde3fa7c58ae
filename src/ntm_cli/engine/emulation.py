"""What the province achieved for each content of the emulation movement, in a month and in the
year to date, from the communes' returns (no I/O)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ntm_cli.domain.emulation import Basis, Content, Emulation, ItemKind, Programme
from ntm_cli.domain.returns import FUND_SOURCES, OCOP_STARS, CriteriaSet, Return


@dataclass(frozen=True, slots=True)
class Line:
    """One figure of a content.

    `what` says what it counts: "criterion" (`key` its number; `now` communes meeting it,
    `reporting` communes with a status), "fund" (`key` the source; flow), "funds_total", "debt"
    (stock), "ocop" (`key` the stars; stock), "item" (`key` the item's id), or "programme" (a
    heading: `key` the programme's id, no figure). A flow has `month` and `year` (to date) and
    `reporting` the communes that reported it this month; a stock has `now`, each commune's
    latest value summed, and `reporting` the communes whose latest return gives it."""

    what: str
    key: str
    label: str
    label_en: str
    unit: str = ""
    unit_en: str = ""
    month: float | None = None
    year: float | None = None
    now: float | None = None
    reporting: int = 0
    basis: Basis | None = None
    illustrative: bool = False

    @property
    def share(self) -> float | None:
        """Communes meeting a criterion among those reporting it."""
        if self.what != "criterion" or not self.reporting or self.now is None:
            return None
        return self.now / self.reporting


@dataclass(frozen=True, slots=True)
class ContentResult:
    content: Content
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class EmulationResult:
    """Every content's figures for `period`; the year to date runs from `first` (January)."""

    emulation: Emulation
    period: str
    first: str
    contents: tuple[ContentResult, ...]

    @property
    def illustrative(self) -> int:
        return sum(line.illustrative for c in self.contents for line in c.lines)


def emulation_results(
    emulation: Emulation,
    sets: Mapping[str, CriteriaSet],
    period: str,
    latest: Mapping[str, Return],
    year_returns: Iterable[Return],
) -> EmulationResult:
    """`latest`: each commune's latest return up to `period`; `year_returns`: the communes'
    current returns of the months from January of `period`'s year to `period`."""
    first = f"{period[:4]}-01"
    in_year = [r for r in year_returns if first <= r.period <= period]
    this_month = [r for r in in_year if r.period == period]
    now = list(latest.values())
    results = []
    for content in emulation.contents:
        lines: list[Line] = []
        for ref in content.criteria:
            found = sets.get(ref.set)
            criterion = (
                next((c for c in found.criteria if c.number == ref.number), None) if found else None
            )
            # a return on a set that includes this one (the model set includes Annex II) counts
            on_set = [r for r in now if r.criteria_set == ref.set
                      or ref.set in getattr(sets.get(r.criteria_set), "includes", ())]  # fmt: skip
            if not on_set:  # no commune reports on that set this month (Annex I once all are NTM)
                continue
            statuses = [r.statuses.get(ref.number) for r in on_set]
            known = [s for s in statuses if s is not None]
            name = criterion.name if criterion else ""
            name_en = (criterion.name_en or name) if criterion else ""
            if found is not None and found.short:  # two sets may number the same subject apart
                name, name_en = (
                    f"{name} ({found.short})",
                    f"{name_en} ({found.short_en or found.short})",
                )
            lines.append(
                Line(
                    "criterion", ref.number, name, name_en, now=sum(known), reporting=len(known),
                    basis=ref.basis,
                )
            )  # fmt: skip
        by_programme: dict[str, list[Line]] = {}
        for field in content.fields:
            by_programme.setdefault(field.programme, []).extend(
                _field_lines(field.field, field.kind, field.basis, this_month, in_year, now)
            )
        for item in emulation.items_of(content.number):
            values_month = [r.values[item.id] for r in this_month if item.id in r.values]
            if item.kind is ItemKind.FLOW:
                line = Line(
                    "item", item.id, item.label, item.label_en or item.label, item.unit,
                    item.unit_en or item.unit, month=_sum(values_month),
                    year=_sum(r.values[item.id] for r in in_year if item.id in r.values),
                    reporting=len(values_month), basis=item.basis, illustrative=item.illustrative,
                )  # fmt: skip
            else:
                held = [r.values[item.id] for r in now if item.id in r.values]
                line = Line(
                    "item", item.id, item.label, item.label_en or item.label, item.unit,
                    item.unit_en or item.unit, now=_sum(held), reporting=len(held),
                    basis=item.basis, illustrative=item.illustrative,
                )  # fmt: skip
            by_programme.setdefault(item.programme, []).append(line)
        lines += by_programme.pop("", [])
        for programme in content.programmes:
            lines.append(_heading(programme))
            lines += by_programme.get(programme.id, [])
        results.append(ContentResult(content, tuple(lines)))
    return EmulationResult(emulation, period, first, tuple(results))


def _sum(values: Iterable[float]) -> float:
    """A total without binary noise (620.7, not 620.6999999999999)."""
    return round(math.fsum(values), 6)


def _heading(programme: Programme) -> Line:
    return Line("programme", programme.id, programme.title, programme.title_en or programme.title)


def _field_lines(
    field: str,
    kind: ItemKind,
    basis: Basis,
    this_month: list[Return],
    in_year: list[Return],
    now: list[Return],
) -> list[Line]:
    """The lines of a fixed figure of the return: funds by source and in total, debt, OCOP by
    stars. Labels are the catalogue's: the renderer words them (`key` says which)."""
    lines = []
    if field == "funds":
        for source in (*FUND_SOURCES, ""):

            def amount(r: Return, source: str = source) -> float | None:
                if not r.funds:
                    return None
                return sum(r.funds.values()) if not source else r.funds.get(source)

            lines.append(_figure("fund" if source else "funds_total", source, kind, basis,
                                 amount, this_month, in_year, now))  # fmt: skip
    elif field == "debt":
        lines.append(_figure("debt", "", kind, basis, lambda r: r.debt, this_month, in_year, now))
    elif field == "ocop":
        for stars in OCOP_STARS:

            def count(r: Return, stars: int = stars) -> float | None:
                value = r.ocop.get(stars)
                return None if value is None else float(value)

            lines.append(_figure("ocop", str(stars), kind, basis, count, this_month, in_year, now))
    return lines


def _figure(
    what: str,
    key: str,
    kind: ItemKind,
    basis: Basis,
    value: Callable[[Return], float | None],
    this_month: list[Return],
    in_year: list[Return],
    now: list[Return],
) -> Line:
    if kind is ItemKind.FLOW:
        month = [v for r in this_month if (v := value(r)) is not None]
        year = [v for r in in_year if (v := value(r)) is not None]
        return Line(what, key, "", "", month=_sum(month), year=_sum(year), reporting=len(month),
                    basis=basis)  # fmt: skip
    held = [v for r in now if (v := value(r)) is not None]
    return Line(what, key, "", "", now=_sum(held), reporting=len(held), basis=basis)
