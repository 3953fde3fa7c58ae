"""`ntm init`: write the project file `ntm.toml` in the working folder."""

from pathlib import Path
from typing import Annotated

import typer

from ntm_cli.cli.options import ForceOption, LangOption
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer()


@app.command()
def init(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="The data folder (default: the bundled data).", show_default=False
        ),  # fmt: skip
    ] = None,
    store: Annotated[
        str,
        typer.Option(
            "--store",
            help="The store: a SQLite file, relative to ntm.toml, or a "
            "shared PostgreSQL database, postgresql://user@host/db (no password here: "
            "~/.pgpass).",
        ),
    ] = "returns.sqlite",
    office: Annotated[
        str, typer.Option("--office", help="The office's name as it heads its documents.")
    ] = "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI",
    force: ForceOption = False,
    lang: LangOption = Lang.VI,
) -> None:
    """Write ntm.toml here: every ntm command in this folder (or below) then uses its data
    folder, its store and its office's details. Options and NTM_DATA / NTM_STORE still win.

    Example: ntm init --data ./data --store returns.sqlite
    """
    from ntm_cli.cli.console import stdout
    from ntm_cli.workspace.config import mask
    from ntm_cli.workspace.project import write_project

    path = write_project(Path.cwd(), data, store, office, force)
    stdout().print(
        t("init.written", lang, path=str(path), store=mask(store)), markup=False, highlight=False
    )
