"""`ntm completeness`: who has reported for a month, who is missing or late."""

from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    DataOption,
    DistrictOption,
    ForceOption,
    LangOption,
    OutOption,
    PeriodOption,
    StoreOption,
    open_workspace,
)
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def completeness(
    period: PeriodOption,
    district: DistrictOption = None,
    output: Annotated[str, format_choice("completeness")] = "table",
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Exit 1 if any commune is missing, or the store does not exist."
        ),
    ] = False,
    out: OutOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Which communes have reported for a month, which are missing or late, by district.

    Example: ntm completeness --period 2024-06
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).completeness(period, district)
    emit(result, "completeness", output, lang, out, force)
    if check and result.completeness.missing:
        raise typer.Exit(1)
