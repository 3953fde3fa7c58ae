"""What reading a submitted file gives (its returns, problems and warnings), and what a file is
checked against."""

from __future__ import annotations

from dataclasses import dataclass, field

from ntm_cli.domain.editions import Edition, Editions
from ntm_cli.domain.emulation import Emulation
from ntm_cli.domain.errors import ValueProblem
from ntm_cli.domain.messages import Issue, Message
from ntm_cli.domain.models import Plan, Registry, Unit
from ntm_cli.domain.nominations import Nominations
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import CriteriaBook, CriteriaSet, Return
from ntm_cli.domain.status import level_of

Warnings = dict[tuple[str, str], list[Issue]]
"""Warnings by (commune code, period) of the return they concern."""


@dataclass
class Parsed:
    """What a file holds: its returns, or the problems that stop it; warnings either way."""

    kind: str
    returns: list[Return] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)
    warnings: Warnings = field(default_factory=dict)
    unit_code: str | None = None  # what a form says it is, even when it is refused
    period: str | None = None
    nominations: Nominations | None = None  # a nominations workbook's nominees


@dataclass(frozen=True, slots=True)
class ReadContext:
    """The data a return is checked against."""

    plan: Plan
    registry: Registry
    book: CriteriaBook
    emulation: Emulation | None = None  # the extra items a form may carry
    # the edition of the registry the units are on, and the data folder's editions: a form for
    # a month of another edition is about other units, whatever its code
    edition: Edition | None = None
    editions: Editions | None = None

    def allowed(self, unit: Unit) -> dict[str, CriteriaSet]:
        """The sets a return of `unit` may be written on: every set of its scope."""
        scope = self.book.scope_of(unit)
        ids = self.book.by_scope.get(scope, {}).values() if scope else ()
        return {i: self.book.sets[i] for i in dict.fromkeys(ids)}

    def expected(self, unit: Unit, period: str) -> CriteriaSet | None:
        """The set of the level `unit` works towards in `period` (levels held at its end)."""
        held = level_of(unit, as_of=Period.parse(period).month_end())
        return self.book.towards(unit, held)[1]


def period_message(
    period: str, plan: Plan, edition: Edition | None = None, editions: Editions | None = None
) -> Message | None:
    """Why `period` cannot be a return's month: not a month, outside the plan's years, or a
    month of another edition of the registry than the plan's."""
    try:
        month = Period.parse(period)
    except ValueProblem as exc:
        return exc.message
    if (outside := plan.outside(month)) is not None:
        return outside
    return edition_message(month, plan, edition, editions)


def edition_message(
    month: Period, plan: Plan, edition: Edition | None, editions: Editions | None = None
) -> Message | None:
    """Why a return for `month` is not on the units of `edition`: the month is in another
    edition's span (named when the data folder knows it). The months said are the plan's months
    on the edition."""
    if edition is None or edition.covers_period(month):
        return None
    first, last = edition.window
    first = max(first, f"{plan.start_year}-01")
    last = min(last, f"{plan.end_year}-12")
    other = editions.for_period(month) if editions is not None else None
    params = {"period": str(month), "edition": edition.name, "first": first, "last": last}
    if other is not None and other.id != edition.id:
        return Message("period.other_edition", {**params, "other": other.name})
    return Message("period.outside_edition", params)
