"""`ntm units`: the registry with each unit's level, filtered by district, kind, level or name."""

from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    DataOption,
    DistrictOption,
    EditionOption,
    LangOption,
    open_workspace,
)
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def units(
    district: DistrictOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Xã, Phường, Thị trấn, Huyện, Thị xã, Thành phố, Tỉnh (or commune, ward, …).",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-l",
            help="Units at or above a level of the plan (levels: in targets.yaml), by its id or "
            "its words: ntm, advanced, 'nâng cao', 'kiểu mẫu' in Plan 69; 'none' for units not "
            "yet at the first.",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Part of a name or a code, with or without diacritics.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Level at the end of this result year (default: every result recorded).",
            show_default=False,
        ),
    ] = None,
    edition: EditionOption = None,
    output: Annotated[str, format_choice("units")] = "table",
    lang: LangOption = Lang.VI,
    data: DataOption = None,
) -> None:
    """List units with their level; names match with or without diacritics.

    Example: ntm units --district "cau ke" --level advanced
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, None).units(district, kind, level, search, year, edition)
    emit(result, "units", output, lang)
