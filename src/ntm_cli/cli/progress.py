"""`ntm progress`: every milestone of a year with target, actual, shortfall and status."""

from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    DataOption,
    ForceOption,
    LangOption,
    OutOption,
    open_workspace,
    parse_date,
)
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
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
    output: Annotated[str, format_choice("progress")] = "table",
    lang: LangOption = Lang.VI,
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
    STATE["json"] = output == "json"
    cutoff = parse_date(as_of, "--as-of")
    result = open_workspace(data, None).progress(year, cutoff, all_years)
    emit(result, "progress", output, lang, out, force)
    missed = result.progress.binding_missed()
    if check and missed:
        from ntm_cli.cli.output import warn
        from ntm_cli.domain.i18n import t

        ids = ", ".join(r.milestone.id for r in missed)
        warn(t("progress.check_missed", lang, n=len(missed), ids=ids), lang)
        raise typer.Exit(1)
