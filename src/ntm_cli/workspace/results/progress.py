"""Result of `ntm progress`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_cli.domain.models import Registry

if TYPE_CHECKING:
    import pandas

    from ntm_cli.engine.progress import Progress


from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class ProgressResult(Result):
    progress: Progress
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        """One row a milestone: its target, the units required, actual, shortfall and status."""
        columns = ["id", "year", "wording", "scope", "level", "kind", "target", "required",
                   "actual", "denominator", "shortfall", "status", "verdict", "binding",
                   "early"]  # fmt: skip
        return _frame(
            (
                {
                    "id": m.id,
                    "year": m.year,
                    "wording": m.wording,
                    "scope": m.scope.value,
                    "level": m.level.value,
                    "kind": m.kind.value,
                    "target": m.target,
                    "required": r.required,
                    "actual": r.actual,
                    "denominator": r.denominator,
                    "shortfall": r.shortfall,
                    "status": r.status.value,
                    "verdict": r.verdict.value,
                    "binding": m.binding,
                    "early": r.early,
                }  # fmt: skip
                for r in self.progress.results
                for m in (r.milestone,)
            ),
            columns,
        )
