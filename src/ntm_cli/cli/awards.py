"""`ntm awards`: the commendation shortlist by the plan's rules."""

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
)
from ntm_cli.cli.output import check_store, emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def awards(
    year: Annotated[int, typer.Option("--year", "-y", help="The year of the results commended.")],
    rule: Annotated[
        list[str] | None,
        typer.Option("--rule", "-r", help="Only this rule (its id in the plan file); repeatable."),
    ] = None,
    period: OptionalPeriod = None,
    output: Annotated[str, format_choice("awards")] = "table",
    check: CheckOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """The shortlist for the emulation movement's commendations, by the rules of the plan file:
    who qualifies, who is to check, and which rule excluded the others.

    Example: ntm awards --year 2024 --rule xa
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).awards(year, rule, period)
    emit(result, "awards", output, lang)
    if check:
        check_store(result)
