"""`ntm review`: the returns of a month with their review state, the decisions just made and a
commune-month's history of decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_cli.domain.messages import Message
from ntm_cli.workspace.results.base import Result, _frame

if TYPE_CHECKING:
    import pandas

    from ntm_cli.domain.models import Unit
    from ntm_cli.domain.review import Decision, Reviewed


@dataclass(frozen=True)
class ReviewRow:
    """A commune with a current return of the month, and where its review stands."""

    unit: Unit
    district: Unit | None  # its district-level unit (None: directly under the province)
    reviewed: Reviewed


@dataclass(frozen=True)
class ReviewListResult(Result):
    period: str
    rows: list[ReviewRow]
    counts: dict[str, int]
    district: Unit | None = None

    def to_frame(self) -> pandas.DataFrame:
        columns = ["unit_code", "unit_name", "district", "state", "actor", "at", "comment"]
        return _frame(
            (
                {"unit_code": r.unit.code, "unit_name": r.unit.name,
                 "district": r.district.name if r.district else None, "state": r.reviewed.state,
                 "actor": r.reviewed.last.actor if r.reviewed.last else None,
                 "at": r.reviewed.last.at if r.reviewed.last else None,
                 "comment": r.reviewed.last.comment if r.reviewed.last else None}
                for r in self.rows
            ),
            columns,
        )  # fmt: skip


@dataclass(frozen=True)
class ReviewDecisionsResult(Result):
    """Decisions just recorded (`decided`) and the communes asked for but left as they were,
    each with why (`skipped`); for a return, the copy written for the commune."""

    period: str
    actor: str
    decided: list[tuple[Unit, Decision]]
    skipped: list[tuple[Unit, Message]] = field(default_factory=list)
    copy: Path | None = None

    def to_frame(self) -> pandas.DataFrame:
        columns = ["unit_code", "unit_name", "result", "state", "reason"]
        rows = [{"unit_code": u.code, "unit_name": u.name, "result": d.action, "state": d.state,
                 "reason": None} for u, d in self.decided]  # fmt: skip
        rows += [{"unit_code": u.code, "unit_name": u.name, "result": "skipped", "state": None,
                  "reason": m.code} for u, m in self.skipped]  # fmt: skip
        return _frame(rows, columns)


@dataclass(frozen=True)
class ReviewHistoryResult(Result):
    unit: Unit
    period: str
    decisions: list[Decision]
    current: Reviewed | None  # the current return and its state (None: no return)

    def to_frame(self) -> pandas.DataFrame:
        columns = ["id", "return_id", "action", "level", "state", "actor", "role", "at", "comment"]
        return _frame(({c: getattr(d, c) for c in columns} for d in self.decisions), columns)
