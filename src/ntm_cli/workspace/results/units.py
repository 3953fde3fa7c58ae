"""Result of `ntm units`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_cli.domain.models import Ladder

if TYPE_CHECKING:
    import pandas

    from ntm_cli.engine.units import UnitRow


from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class UnitsResult(Result):
    rows: list[UnitRow]
    year: int | None
    ladder: Ladder  # the plan's levels: a year column each

    def to_frame(self) -> pandas.DataFrame:
        columns = ["code", "name", "kind", "district_code", "district", "level",
                   *(f"{lv.value}_year" for lv in self.ladder), "illustrative"]  # fmt: skip
        return _frame(
            (
                {
                    "code": r.unit.code,
                    "name": r.unit.name,
                    "kind": r.unit.kind.value,
                    "district_code": r.district.code if r.district else None,
                    "district": r.district.name if r.district else None,
                    "level": r.level.value if r.level else None,
                    **{
                        f"{lv.value}_year": rec.year
                        if (rec := r.unit.recognitions.get(lv))
                        else None
                        for lv in self.ladder
                    },
                    "illustrative": r.unit.illustrative,
                }  # fmt: skip
                for r in self.rows
            ),
            columns,
        )
