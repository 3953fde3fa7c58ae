"""`ntm unit`: one unit's card."""

from typing import Annotated

import typer

from ntm_cli.cli.options import STATE, DataOption, LangOption, StoreOption, open_workspace
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def unit(
    query: Annotated[str, typer.Argument(help="Code or name, e.g. 29263 or 'Long Đức'.")],
    output: Annotated[str, format_choice("unit")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """One unit's card: registry facts, recognitions, latest return, history of returns.

    Example: ntm unit "Long Đức"
    """
    STATE["json"] = output == "json"
    emit(open_workspace(data, store).unit(query), "unit", output, lang)
