"""`ntm template`: one return form per commune (or district, or the province), pre-filled with
its last return."""

from enum import StrEnum
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


class FormScope(StrEnum):
    """Whose forms to write: the communes', the district-level units' or the province's."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"


@app.command()
def template(
    period: PeriodOption,
    district: DistrictOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this unit (code or name).")
    ] = None,
    scope: Annotated[
        FormScope,
        typer.Option(
            "--scope",
            help="commune: one form per commune; district: one per district, town and city, "
            "filled by its office; province: the province's conditions.",
        ),
    ] = FormScope.COMMUNE,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the forms.")] = Path("forms"),
    force: Annotated[bool, typer.Option("--force", help="Replace forms that exist.")] = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write one return form (xlsx) per commune, pre-filled with its last return, on the
    criteria set of the level it works towards (NTM, advanced, model).

    Example: ntm template --period 2024-06 --district "Cầu Kè" --out forms/2024-06
    """
    from ntm_cli.cli.console import stdout
    from ntm_cli.cli.output import footer
    from ntm_cli.render.returns import build_template_summary

    r = open_workspace(data, store).template(period, district, unit, out, force, scope.value)
    stdout().print(build_template_summary(r.forms, r.registry, r.period, r.folder, lang))
    footer(r, lang, stdout())  # the store the forms were pre-filled from
