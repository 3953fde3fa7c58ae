"""Results about returns: a unit's card, a month's returns, completeness, forms, import, report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.models import Registry

if TYPE_CHECKING:
    import pandas

    from ntm_cli.domain.editions import Edition
    from ntm_cli.domain.returns import FileResult, StoredReturn, UnitCard
    from ntm_cli.engine.completeness import Completeness
    from ntm_cli.engine.crosswalk import Entry, Found
    from ntm_cli.engine.report import Report


from ntm_cli.domain.messages import Message
from ntm_cli.workspace.results.base import Result, _frame


@dataclass(frozen=True)
class UnitResult(Result):
    card: UnitCard
    registry: Registry
    edition: Edition | None = None  # the edition whose unit the card shows
    own: bool = True  # that edition is the plan's
    also: tuple[Found, ...] = ()  # units of other editions the query names too
    crosswalk: Entry | None = None  # its predecessors, on another edition than the plan's

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
        from pandas import CategoricalDtype

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

        frame = _frame(rows(), columns)
        # criteria in the order of their set ("2" before "10"), so a pivot reads as the form does
        order = list(dict.fromkeys(n for s in self.returns for n in s.ret.statuses))
        frame["criterion"] = frame["criterion"].astype(CategoricalDtype(order, ordered=True))
        return frame


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
    remaining: tuple[Path, ...] = ()  # files not reached: the import stopped early
    stopped: Message | None = None  # why it stopped early (a signal, a store error)
    signal: int | None = None  # the signal that stopped it

    @property
    def stored(self) -> int:
        """Files whose returns are in the store now (imported, or made current again)."""
        return sum(1 for r in self.files if r.status in ("imported", "replaced"))

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
