"""What to push next: `ntm gaps`, `ntm forecast` and `ntm awards`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_cli.cli.app import DataOption, handled, parse_date, stdout, today, warn
from ntm_cli.cli.returns import LangOption, StoreOption, _context, _exists, _period, _store
from ntm_cli.domain.i18n import Lang

if TYPE_CHECKING:
    from ntm_cli.domain.models import Level, Plan
    from ntm_cli.domain.returns import Return


class TableFormat(StrEnum):
    """Output of the analysis commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


TableFormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
OptionalPeriod = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Use each commune's latest return up to this month, YYYY-MM "
        "(default: the newest month in the store).",
        show_default=False,
    ),
]


def _in_plan(plan: Plan, month: str | None = None, year: int | None = None) -> None:
    """A period or a year outside the plan is a typo or the wrong programme: refuse it."""
    from ntm_cli.domain.errors import NtmError
    from ntm_cli.sources.returns import period_problem

    if month is not None and (problem := period_problem(month, plan)):
        raise NtmError(problem)
    if year is not None and not plan.start_year <= year <= plan.end_year:
        raise NtmError(
            f"{year} is outside plan {plan.number} ({plan.start_year}–{plan.end_year}); "
            f"use --year {plan.start_year}..{plan.end_year}"
        )


def _level(text: str | None) -> Level | None:
    """ntm, advanced, model, or the Vietnamese words (with or without diacritics)."""
    from ntm_cli.domain.models import Level
    from ntm_cli.domain.text import fold

    if text is None:
        return None
    aliases = {"dat chuan": "ntm", "nong thon moi": "ntm", "nang cao": "advanced",
               "kieu mau": "model"}  # fmt: skip
    try:
        return Level.parse(aliases.get(fold(text), text))
    except ValueError as exc:
        raise typer.BadParameter(f"{exc} (or nông thôn mới, nâng cao, kiểu mẫu)",
                                 param_hint="--level") from None  # fmt: skip


NO_RETURNS = "no returns in the store; import the communes' returns first (`ntm import`)"


def latest_returns(store: Path | None, period: str | None) -> tuple[str | None, dict[str, Return]]:
    """The month used and each commune's latest current return up to it ({} without a store)."""
    if not _exists(store):
        return period, {}
    with _store(store, create=False) as db:
        if period is None:
            (period,) = db.db.execute(
                "SELECT max(period) FROM returns WHERE superseded_at IS NULL"
            ).fetchone()
        if period is None:
            return None, {}
        return period, {s.ret.unit_code: s.ret for s in db.latest(period)}


def gaps(
    period: OptionalPeriod = None,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="Only this district-level unit.")
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level", "-l", help="Only communes working towards this level: ntm, advanced, model."
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Near-misses shown per level in the table (0: all)."),
    ] = 20,
    output: TableFormatOption = TableFormat.TABLE,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """The weakest criteria by district and the communes that miss the next level by 1-3
    criteria, linked to the milestones still short.

    Example: ntm gaps --period 2024-06 --level advanced
    """
    from ntm_cli.domain.errors import NtmError
    from ntm_cli.domain.lookup import resolve_unit
    from ntm_cli.domain.models import DISTRICT_LEVEL
    from ntm_cli.engine.gaps import find_gaps
    from ntm_cli.render import analysis as render
    from ntm_cli.sources.datadir import load

    month: str | None = _period(period) if period else None
    towards = _level(level)
    with handled(lang):
        dataset = load(data)
        _in_plan(dataset.plan, month)
        ctx = _context(dataset)
        head = None
        if district:
            head = resolve_unit(
                dataset.registry, district, DISTRICT_LEVEL, what="district-level unit"
            )
        asked = month
        month, latest = latest_returns(store, month)
        if month is None or not latest:
            if asked:
                raise NtmError(f"no returns up to {asked} in the store; import them first "
                               "(`ntm import`)")  # fmt: skip
            raise NtmError(NO_RETURNS)
        result = find_gaps(dataset.plan, dataset.registry, ctx.criteria, month, latest, today(),
                           head, towards)  # fmt: skip
    if output is TableFormat.JSON:
        print(json.dumps(render.gaps_json(result), ensure_ascii=False, indent=2))
    elif output is TableFormat.CSV:
        print(render.gaps_csv(result), end="")
    else:
        stdout.print(render.build_gaps(result, dataset.registry, lang, limit))


def forecast(
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="Only the milestones of this year.", show_default=False),
    ] = None,
    period: OptionalPeriod = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Forecast as on this date: recognitions decided later are left out.",
            show_default=False,
        ),
    ] = None,
    output: TableFormatOption = TableFormat.TABLE,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Will the milestones still open be met? Units needed, the pipeline, the near-misses and
    the trend, with each milestone marked likely, at risk or unlikely.

    Example: ntm forecast --year 2025
    """
    from ntm_cli.domain.status import registry_as_of
    from ntm_cli.engine.forecast import forecast as project
    from ntm_cli.render import analysis as render
    from ntm_cli.sources.datadir import load

    cutoff = parse_date(as_of, "--as-of")
    # Returns up to the month asked, else up to the month of --as-of (none from after it).
    month = _period(period) if period else (f"{cutoff:%Y-%m}" if cutoff else None)
    with handled(lang):
        dataset = load(data)
        plan = dataset.plan
        _in_plan(plan, month, year)
        ctx = _context(dataset)
        month, latest = latest_returns(store, month)
        if not latest:
            warn(f"{NO_RETURNS}: the forecast rests on the trend alone", lang)
        registry = dataset.registry if cutoff is None else registry_as_of(dataset.registry, cutoff)
        result = project(plan, registry, ctx.criteria, latest, cutoff or today(), month, year)
    if output is TableFormat.JSON:
        print(json.dumps(render.forecast_json(result), ensure_ascii=False, indent=2))
    elif output is TableFormat.CSV:
        print(render.forecast_csv(result), end="")
    else:
        stdout.print(render.build_forecast(result, dataset.registry, lang))


def awards(
    year: Annotated[int, typer.Option("--year", "-y", help="The year of the results commended.")],
    rule: Annotated[
        list[str] | None,
        typer.Option("--rule", "-r", help="Only this rule (its id in the plan file); repeatable."),
    ] = None,
    period: OptionalPeriod = None,
    output: TableFormatOption = TableFormat.TABLE,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """The shortlist for the emulation movement's commendations, by the rules of the plan file:
    who qualifies, who is to check, and which rule excluded the others.

    Example: ntm awards --year 2024 --rule xa
    """
    from dataclasses import replace

    from ntm_cli.domain.errors import DataError
    from ntm_cli.engine.awards import shortlist
    from ntm_cli.render import analysis as render
    from ntm_cli.sources.datadir import load

    month: str | None = _period(period) if period else None
    with handled(lang):
        dataset = load(data)
        if not dataset.plan.awards:
            raise DataError(
                f"{dataset.plan.path}: no awards rules; add an 'awards:' section "
                '(see the README, "The plan file")'
            )
        plan = dataset.plan
        _in_plan(plan, month, year)
        if rule:
            known = [r.id for r in plan.awards]
            if unknown := [r for r in rule if r not in known]:
                raise DataError(
                    f"{plan.path}: no awards rule {unknown[0]!r}; the rules are {', '.join(known)}"
                )
            plan = replace(plan, awards=tuple(r for r in plan.awards if r.id in rule))
        ctx = _context(dataset)
        month, latest = latest_returns(store, month)
        if not latest:
            warn(f"{NO_RETURNS}: every condition on returns is to check", lang)
        result = shortlist(plan, dataset.registry, ctx.criteria, year, latest, month)
    if output is TableFormat.JSON:
        print(json.dumps(render.awards_json(result), ensure_ascii=False, indent=2))
    elif output is TableFormat.CSV:
        print(render.awards_csv(result, lang), end="")
    else:
        stdout.print(render.build_awards(result, lang))
