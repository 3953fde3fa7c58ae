"""`ntm forecast`: will the milestones still open be met?"""

from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    CheckOption,
    DataOption,
    LangOption,
    OptionalPeriod,
    StoreOption,
    open_workspace,
    parse_date,
)
from ntm_cli.cli.output import check_store, emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
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
    output: Annotated[str, format_choice("forecast")] = "table",
    check: CheckOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Will the milestones still open be met? Units needed, the pipeline, the near-misses and
    the trend, with each milestone marked likely, at risk or unlikely.

    Example: ntm forecast --year 2025
    """
    STATE["json"] = output == "json"
    cutoff = parse_date(as_of, "--as-of")
    result = open_workspace(data, store).forecast(year, period, cutoff)
    emit(result, "forecast", output, lang)
    if check:
        check_store(result)
