"""`ntm template`: one return form per commune, pre-filled with its last return."""

from pathlib import Path
from typing import Annotated

import typer

from ntm_cli.cli.options import (
    DataOption,
    DistrictOption,
    LangOption,
    PeriodOption,
    StoreOption,
    open_workspace,
)
from ntm_cli.domain.i18n import Lang

app = typer.Typer()


@app.command()
def template(
    period: PeriodOption,
    district: DistrictOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this commune (code or name).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the forms.")] = Path("forms"),
    force: Annotated[bool, typer.Option("--force", help="Replace forms that exist.")] = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write one return form (xlsx) per commune, pre-filled with its last return.

    Example: ntm template --period 2024-06 --district "Cầu Kè" --out forms/2024-06
    """
    from ntm_cli.cli.console import stdout
    from ntm_cli.cli.output import footer
    from ntm_cli.render.returns import build_template_summary

    r = open_workspace(data, store).template(period, district, unit, out, force)
    stdout().print(build_template_summary(r.forms, r.registry, r.period, r.folder, lang))
    footer(r, lang, stdout())  # the store the forms were pre-filled from
