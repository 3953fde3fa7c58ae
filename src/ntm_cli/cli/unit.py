"""`ntm unit`: one unit's card."""

from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    CheckOption,
    DataOption,
    EditionOption,
    LangOption,
    StoreOption,
    open_workspace,
)
from ntm_cli.cli.output import check_store, emit, format_choice, note_also
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def unit(
    query: Annotated[str, typer.Argument(help="Code or name, e.g. 29263 or 'Long Đức'.")],
    edition: EditionOption = None,
    output: Annotated[str, format_choice("unit")] = "table",
    check: CheckOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """One unit's card: registry facts, recognitions, latest return, history of returns. A
    code or name that is also a unit of another edition is said, with the --edition to see it.

    Example: ntm unit "Long Đức"
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).unit(query, edition)
    emit(result, "unit", output, lang)
    if output == "table":
        note_also(result.edition, result.card.unit, result.also, lang)
    if check:
        check_store(result)
