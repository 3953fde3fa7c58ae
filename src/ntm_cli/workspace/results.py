"""What the workspace's operations return: each result holds what its renderers need and gives
analysts a pandas DataFrame (`to_frame()`; pandas is imported there and only there)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue, Message
from ntm_cli.domain.models import LEVELS, Registry
from ntm_cli.domain.returns import CriteriaSet

if TYPE_CHECKING:
    import pandas

    from ntm_cli.domain.returns import FileResult, StoredReturn, UnitCard
    from ntm_cli.engine.awards import Awards
    from ntm_cli.engine.completeness import Completeness
    from ntm_cli.engine.forecast import Forecast
    from ntm_cli.engine.gaps import Gaps
    from ntm_cli.engine.progress import Progress
    from ntm_cli.engine.report import Report
    from ntm_cli.engine.units import UnitRow


def _frame(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> pandas.DataFrame:
    import pandas

    return pandas.DataFrame(list(rows), columns=columns)


@dataclass(frozen=True)
class Result:
    """Warnings worth telling the user (the command line prints them on stderr)."""

    warnings: tuple[Message, ...] = field(default=(), kw_only=True)


@dataclass(frozen=True)
class CheckResult(Result):
    """`ntm plan check`: every problem found (none: the data is valid) and what was checked."""

    problems: tuple[Issue, ...]
    summary: dict[str, object]

    def to_frame(self) -> pandas.DataFrame:
        return _frame(({"place": p.where(), "code": p.msg.code, "message": p.message}
                       for p in self.problems), ["place", "code", "message"])  # fmt: skip


@dataclass(frozen=True)
class ProgressResult(Result):
    progress: Progress
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        """One row a milestone: its target, the units required, actual, shortfall and status."""
        columns = ["id", "year", "wording", "scope", "level", "kind", "target", "required",
                   "actual", "denominator", "shortfall", "status", "binding", "early"]  # fmt: skip
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
                    "binding": m.binding,
                    "early": r.early,
                }  # fmt: skip
                for r in self.progress.results
                for m in (r.milestone,)
            ),
            columns,
        )


@dataclass(frozen=True)
class UnitsResult(Result):
    rows: list[UnitRow]
    year: int | None

    def to_frame(self) -> pandas.DataFrame:
        columns = ["code", "name", "kind", "district_code", "district", "level",
                   *(f"{lv.value}_year" for lv in LEVELS), "illustrative"]  # fmt: skip
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
                        for lv in LEVELS
                    },
                    "illustrative": r.unit.illustrative,
                }  # fmt: skip
                for r in self.rows
            ),
            columns,
        )


@dataclass(frozen=True)
class UnitResult(Result):
    card: UnitCard
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        """The unit's returns, one row a return and criterion."""
        return ReturnsResult(list(self.card.history), self.registry).to_frame()


@dataclass(frozen=True)
class ReturnsResult(Result):
    """Stored returns (each commune's current return of a month, or a unit's history)."""

    returns: list[StoredReturn]
    registry: Registry

    def to_frame(self) -> pandas.DataFrame:
        """One row a return and criterion: pivot it by district, criterion or period."""
        columns = ["unit_code", "unit_name", "district", "period", "criteria_set", "criterion",
                   "met", "imported_at", "current"]  # fmt: skip

        def rows() -> Iterable[dict[str, Any]]:
            for s in self.returns:
                unit = self.registry.by_code.get(s.ret.unit_code)
                district = self.registry.district_of(unit) if unit else None
                for number, met in s.ret.statuses.items():
                    yield {"unit_code": s.ret.unit_code, "unit_name": unit.name if unit else None,
                           "district": district.name if district else None,
                           "period": str(s.ret.period), "criteria_set": s.ret.criteria_set,
                           "criterion": number, "met": met, "imported_at": s.imported_at,
                           "current": s.superseded_at is None}  # fmt: skip

        return _frame(rows(), columns)


@dataclass(frozen=True)
class CompletenessResult(Result):
    completeness: Completeness

    def to_frame(self) -> pandas.DataFrame:
        columns = ["district_code", "district", "expected", "submitted", "missing", "late", "rate"]
        return _frame(
            (
                {
                    "district_code": d.district.code,
                    "district": d.district.name,
                    "expected": len(d.expected),
                    "submitted": len(d.submitted),
                    "missing": len(d.missing),
                    "late": len(d.late),
                    "rate": d.rate,
                }  # fmt: skip
                for d in self.completeness.districts
            ),
            columns,
        )


@dataclass(frozen=True)
class GapsResult(Result):
    gaps: Gaps
    registry: Registry
    criteria: CriteriaSet

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
        columns = ["rule", "unit_code", "unit_name", "verdict"]
        return _frame(
            (
                {
                    "rule": row.rule.id,
                    "unit_code": row.unit.code,
                    "unit_name": row.unit.name,
                    "verdict": row.verdict.value,
                }  # fmt: skip
                for row in self.awards.rows
            ),
            columns,
        )


@dataclass(frozen=True)
class TemplateResult(Result):
    forms: list[tuple[Any, Path]]  # (commune, file)
    registry: Registry
    period: str
    folder: Path

    def to_frame(self) -> pandas.DataFrame:
        return _frame(({"unit_code": u.code, "unit_name": u.name, "file": str(p)}
                       for u, p in self.forms), ["unit_code", "unit_name", "file"])  # fmt: skip


@dataclass(frozen=True)
class ImportResult(Result):
    files: list[FileResult]
    dry_run: bool
    copies: int = 0  # annotated copies of rejected files written
    copies_folder: Path | None = None

    @property
    def rejected(self) -> bool:
        return any(r.status == "rejected" for r in self.files)

    def to_frame(self) -> pandas.DataFrame:
        columns = ["file", "status", "unit_code", "period", "returns", "errors", "warnings"]
        return _frame(
            (
                {
                    "file": str(r.path),
                    "status": r.status,
                    "unit_code": r.unit_code,
                    "period": r.period,
                    "returns": r.returns,
                    "errors": len(r.errors),
                    "warnings": len(r.warnings),
                }  # fmt: skip
                for r in self.files
            ),
            columns,
        )


@dataclass(frozen=True)
class ReportResult(Result):
    """The figures of each month's report and the workbook each goes to."""

    reports: list[tuple[Path, Report]]
    folder: Path
    lang: Lang

    def to_frame(self) -> pandas.DataFrame:
        """One row a milestone of each month's report."""
        columns = ["period", "file", "id", "required", "actual", "shortfall", "status"]
        return _frame(
            (
                {
                    "period": str(report.period),
                    "file": str(path),
                    "id": r.milestone.id,
                    "required": r.required,
                    "actual": r.actual,
                    "shortfall": r.shortfall,
                    "status": r.status.value,
                }  # fmt: skip
                for path, report in self.reports
                for r in report.progress.results
            ),
            columns,
        )


__all__ = [
    "AwardsResult", "CheckResult", "CompletenessResult", "ForecastResult", "GapsResult",
    "ImportResult", "ProgressResult", "ReportResult", "Result", "ReturnsResult", "TemplateResult",
    "UnitResult", "UnitsResult",
]  # fmt: skip
