"""`ntm report`: the monthly report workbook for the province's leadership."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ntm_cli.cli.app import DataOption, ForceOption, handled, parse_date, stderr, today
from ntm_cli.cli.returns import (
    LangOption,
    StoreOption,
    _context,
    _exists,
    _period,
    _received,
    _store,
)
from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.period import Period


def report(
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Reporting month, YYYY-MM.", show_default=False),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First month of a range (one workbook a month).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last month of the range.", show_default=False)
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the workbooks.")] = Path(
        "reports"
    ),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Count recognitions decided up to this date (default: the month's last day).",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write the monthly report workbook (8 sheets, 2 charts), in Vietnamese by default.

    Example: ntm report --period 2024-06 --out reports
    """
    from ntm_cli.domain.errors import NtmError
    from ntm_cli.engine.report import build_report
    from ntm_cli.render.report import build_report_workbook
    from ntm_cli.sources.datadir import load
    from ntm_cli.sources.output import workbook_bytes, write_all_atomic
    from ntm_cli.sources.returns import period_problem

    months = _months(period, start, end)
    cutoff = parse_date(as_of, "--as-of")
    if cutoff is not None and len(months) > 1:
        raise typer.BadParameter(
            "--as-of goes with one --period, not a range", param_hint="--as-of"
        )
    if cutoff is not None and f"{cutoff:%Y-%m}" < months[0]:
        raise typer.BadParameter(
            f"{cutoff:%d/%m/%Y} is before {months[0]}; a report counts up to a day of its month "
            "or later",
            param_hint="--as-of",
        )
    name = "bao-cao-ntm" if lang is Lang.VI else "ntm-report"
    targets = [(month, out / f"{month}_{name}.xlsx") for month in months]
    with handled(lang):
        for _, target in targets:
            if target.exists() and not force:
                raise NtmError(f"{target} exists; add --force to replace it (nothing was written)")
        dataset = load(data)
        ctx = _context(dataset)
        for month in months:
            if outside := period_problem(month, dataset.plan):
                raise NtmError(outside)
        built = []
        with _store_or_none(store) as db:
            for month, target in targets:
                latest = {s.ret.unit_code: (s.ret, list(s.warnings), s.file_name)
                          for s in (db.latest(month) if db else [])}  # fmt: skip
                previous = {s.ret.unit_code: s.ret
                            for s in (db.latest(month.previous()) if db else [])}  # fmt: skip
                received = _received(db, month) if db else {}
                result = build_report(
                    dataset.plan, dataset.registry, ctx.criteria, month, latest, previous,
                    received, today(), cutoff,
                )  # fmt: skip
                built.append((target, workbook_bytes(build_report_workbook(result, lang))))
        write_all_atomic(built, force=force)  # only once every figure is computed, all or none
        for target, _ in built:
            print(target)
    stderr.print(t("report.written", lang, n=len(built), out=str(out)), markup=False)


def _months(period: str | None, start: str | None, end: str | None) -> list[Period]:
    if period and (start or end):
        raise typer.BadParameter("give --period, or --from and --to", param_hint="--period")
    if period:
        return [_period(period)]
    if not (start and end):
        raise typer.BadParameter("give --period, or --from and --to", param_hint="--period")
    first, last = _period(start), _period(end)
    if last < first:
        raise typer.BadParameter(f"--to {last} is before --from {first}", param_hint="--to")
    return list(Period.span(first, last))


class _store_or_none:  # noqa: N801 - used as a context manager like open()
    """The store when there is one; a report without returns is still a report."""

    def __init__(self, path: Path | None) -> None:
        self.db = _store(path, create=False) if _exists(path) else None

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.db

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.db.close()
