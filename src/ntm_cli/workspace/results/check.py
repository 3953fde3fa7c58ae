"""Result of `ntm plan check`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_cli.domain.messages import Issue

if TYPE_CHECKING:
    import pandas


from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class CheckResult(Result):
    """`ntm plan check`: every problem found (none: the data is valid) and what was checked."""

    problems: tuple[Issue, ...]
    summary: dict[str, object]

    def to_frame(self) -> pandas.DataFrame:
        return _frame(({"place": p.where(), "code": p.msg.code, "message": p.message}
                       for p in self.problems), ["place", "code", "message"])  # fmt: skip
