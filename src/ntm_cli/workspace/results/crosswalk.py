"""Result of `ntm crosswalk`: one unit across editions, or an edition's units each with theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_cli.domain.editions import Edition

if TYPE_CHECKING:
    import pandas

    from ntm_cli.engine.crosswalk import Entry

from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class CrosswalkResult(Result):
    """`entries` holds the one unit asked for (`single`), or every unit of `edition`."""

    edition: Edition
    entries: list[Entry]
    single: bool = False

    def to_frame(self) -> pandas.DataFrame:
        """One row a predecessor (a unit of an old edition: a row a successor)."""
        columns = ["edition", "code", "name", "kind", "direction", "other_edition", "other_code",
                   "other_name", "other_kind", "merge_kind", "effective_on", "level_on", "level",
                   "year", "illustrative"]  # fmt: skip
        rows = []
        for e in self.entries:
            base = {"edition": e.edition.id, "code": e.unit.code, "name": e.unit.name,
                    "kind": e.unit.kind.value}  # fmt: skip
            for p in e.predecessors:
                r = p.reached
                rows.append({**base, "direction": "from",
                             "other_edition": p.edition.id if p.edition else None,
                             "other_code": p.link.old_code, "other_name": p.link.old_name,
                             "other_kind": p.link.old_kind, "merge_kind": p.link.merge_kind,
                             "effective_on": p.link.effective_on,
                             "level_on": r.on if r else None,
                             "level": r.level.value if r and r.level else None,
                             "year": r.recognition.year if r and r.recognition else None,
                             "illustrative": r.illustrative if r else None})  # fmt: skip
            for s in e.successors:
                rows.append({**base, "direction": "to",
                             "other_edition": s.edition.id if s.edition else None,
                             "other_code": s.link.new_code, "other_name": s.link.new_name,
                             "other_kind": s.link.new_kind, "merge_kind": s.link.merge_kind,
                             "effective_on": s.link.effective_on, "level_on": e.reached.on,
                             "level": e.reached.level.value if e.reached.level else None,
                             "year": e.reached.recognition.year if e.reached.recognition else None,
                             "illustrative": e.reached.illustrative})  # fmt: skip
        return _frame(rows, columns)
