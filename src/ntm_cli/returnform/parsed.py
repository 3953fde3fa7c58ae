"""What reading a submitted file gives (its returns, problems and warnings), and what a file is
checked against."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def allowed(self, unit: Unit) -> dict[str, CriteriaSet]:
        """The sets a return of `unit` may be written on: every set of its scope."""
        scope = self.book.scope_of(unit)
        ids = self.book.by_scope.get(scope, {}).values() if scope else ()
        return {i: self.book.sets[i] for i in dict.fromkeys(ids)}

    def expected(self, unit: Unit, period: str) -> CriteriaSet | None:
        """The set of the level `unit` works towards in `period` (levels held at its end)."""
        held = level_of(unit, as_of=Period.parse(period).month_end())
        return self.book.towards(unit, held)[1]


def period_message(period: str, plan: Plan) -> Message | None:
    """Why `period` cannot be a return's month: not a month, or outside the plan's years."""
    try:
        month = Period.parse(period)
    except ValueProblem as exc:
        return exc.message
    return plan.outside(month)
