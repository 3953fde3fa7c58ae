"""`ntm gaps`: the weakest criteria and the communes a few criteria short of the next level."""

from typing import Annotated

import click
import typer

from ntm_cli.cli.options import (
    STATE,
    DataOption,
    DistrictOption,
    LangOption,
    OptionalPeriod,
    StoreOption,
    open_workspace,
)
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def gaps(
    period: OptionalPeriod = None,
    district: DistrictOption = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-l",
            help="Only communes working towards this level of the plan (ntm, advanced, "
            "model in Plan 69).",
        ),
    ] = None,
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="commune: the communes and their returns; district: the districts, towns and "
            "cities, on the district returns their offices send.",
            click_type=click.Choice(["commune", "district"]),
        ),
    ] = "commune",
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Near-misses shown per level in the table (0: all)."),
    ] = 20,
    output: Annotated[str, format_choice("gaps")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """The weakest criteria by district and the communes that miss the next level by 1-3
    criteria, linked to the milestones still short.

    Example: ntm gaps --period 2024-06 --level advanced
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).gaps(period, district, level, scope)
    emit(result, "gaps", output, lang, limit=limit)
