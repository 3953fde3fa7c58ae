"""`ntm crosswalk`: a unit before and after the reorganisation of 1/7/2025, with the levels its
old units had reached; or every unit of an edition with its predecessors."""

from typing import Annotated

import typer

from ntm_cli.cli.options import STATE, DataOption, EditionOption, LangOption, open_workspace
from ntm_cli.cli.output import emit, format_choice, note_also
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def crosswalk(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Code or name, old or new, e.g. 29242 or 'Tam Ngãi' (none: every unit).",
            show_default=False,
        ),
    ] = None,
    edition: EditionOption = None,
    output: Annotated[str, format_choice("crosswalk")] = "table",
    lang: LangOption = Lang.VI,
    data: DataOption = None,
) -> None:
    """Where a unit came from and went across editions of the list of units: each unit before
    the reorganisation and the level it had reached the day before; without QUERY, every unit
    of the newest edition (or --edition). A code or name found in several editions shows the
    newest edition's unit and names the others.

    Example: ntm crosswalk 29242
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, None).crosswalk(query, edition)
    emit(result, "crosswalk", output, lang)
    if output == "table" and result.single:
        entry = result.entries[0]
        note_also(entry.edition, entry.unit, entry.also, lang)
