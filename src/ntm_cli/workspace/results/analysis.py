"""Results of the analyses: gaps, forecast, awards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_cli.domain.models import Registry

if TYPE_CHECKING:
    import pandas

    from ntm_cli.engine.awards import Awards
    from ntm_cli.engine.forecast import Forecast
    from ntm_cli.engine.gaps import Gaps


from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class GapsResult(Result):
    gaps: Gaps
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        """One row a commune with a usable return: the level it works towards and its gap."""
        columns = ["unit_code", "unit_name", "district", "towards", "gap", "missing", "blank"]
        return _frame(
            (
                {
                    "unit_code": g.unit.code,
                    "unit_name": g.unit.name,
                    "district": g.district.name if g.district else None,
                    "towards": lv.level.value,
                    "gap": g.gap,
                    "missing": " ".join(g.not_met),
                    "blank": " ".join(g.blank),
                }  # fmt: skip
                for lv in self.gaps.levels
                for g in (*lv.ready, *lv.near, *lv.far)
            ),
            columns,
        )


@dataclass(frozen=True)
class ForecastResult(Result):
    forecast: Forecast
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        columns = ["id", "year", "required", "actual", "needed", "ready", "near", "projected",
                   "outlook"]  # fmt: skip
        return _frame(
            (
                {
                    "id": f.milestone.id,
                    "year": f.milestone.year,
                    "required": f.result.required,
                    "actual": f.result.actual,
                    "needed": f.needed,
                    "ready": len(f.ready),
                    "near": len(f.near),
                    "projected": f.projected,
                    "outlook": f.outlook.value,
                }  # fmt: skip
                for f in self.forecast.rows
            ),
            columns,
        )


@dataclass(frozen=True)
class AwardsResult(Result):
    awards: Awards

    def to_frame(self) -> pandas.DataFrame:
        """One row a candidate or nominee (`unit_code`: a unit's code; a hamlet's commune)."""
        columns = ["rule", "subject", "unit_code", "unit_name", "verdict"]
        return _frame(
            (
                {
                    "rule": row.rule.id,
                    "subject": row.rule.subject.value,
                    "unit_code": row.unit.code if row.unit is not None else None,
                    "unit_name": row.nominee.name
                    if row.nominee is not None
                    else row.unit.name
                    if row.unit is not None
                    else None,
                    "verdict": row.verdict.value,
                }  # fmt: skip
                for row in self.awards.rows
            ),
            columns,
        )


@dataclass(frozen=True)
class NominationsFormResult(Result):
    """The nominations workbook written: where, for which year, and its sheets (with the rule
    each one is for)."""

    path: Path
    year: int
    sheets: tuple[tuple[str, str], ...]
