"""`ntm progress`: every milestone of a year with target, actual, shortfall and status."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ntm_cli.cli.app import (
    DataOption,
    ForceOption,
    FormatOption,
    OutOption,
    OutputFormat,
    _check_out,
    _write_xlsx,
    handled,
    parse_date,
    stderr,
    stdout,
    today,
    warn,
)
from ntm_cli.domain.i18n import Lang


def progress(
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Plan year (default: this year, kept inside the plan period).",
            show_default=False,
        ),
    ] = None,
    all_years: Annotated[
        bool, typer.Option("--all-years", help="Whole-period view: a year a column.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Count by decision date up to YYYY-MM-DD.", show_default=False
        ),
    ] = None,
    output: FormatOption = OutputFormat.TABLE,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the table.")] = Lang.VI,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when a binding milestone is missed.")
    ] = False,
    out: OutOption = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """Show the plan's milestones for a year: target, actual, shortfall, status.

    Example: ntm progress --year 2024 --as-of 2024-06-30
    """
    from ntm_cli.engine.progress import default_year
    from ntm_cli.engine.progress import progress as measure
    from ntm_cli.render import progress as render
    from ntm_cli.sources.datadir import load

    if year is not None and all_years:
        raise typer.BadParameter("give --year or --all-years, not both", param_hint="--all-years")
    _check_out(output, out)
    cutoff = parse_date(as_of, "--as-of")
    with handled(lang):
        dataset = load(data)
        now = today()
        if cutoff and cutoff > now:
            warn(f"--as-of {cutoff.isoformat()} is after today ({now.isoformat()})", lang)
        if not all_years and year is None:
            year = default_year(dataset.plan, cutoff or now)
        result = measure(dataset.plan, dataset.registry, None if all_years else year, cutoff, now)
    if output is OutputFormat.XLSX:
        from ntm_cli.render.report import progress_workbook

        with handled(lang):
            _write_xlsx(progress_workbook(result, dataset.registry, lang), out, force)
    elif output is OutputFormat.JSON:
        print(json.dumps(render.progress_json(result), ensure_ascii=False, indent=2))
    elif output is OutputFormat.CSV:
        print(render.progress_csv(result), end="")
    elif all_years:
        stdout.print(render.build_period_table(result, dataset.registry, lang))
    else:
        stdout.print(render.build_progress_table(result, dataset.registry, lang))
    missed = result.binding_missed()
    if check and missed:
        ids = ", ".join(r.milestone.id for r in missed)
        stderr.print(f"--check: {len(missed)} binding milestone(s) missed: {ids}", highlight=False)
        raise typer.Exit(1)
