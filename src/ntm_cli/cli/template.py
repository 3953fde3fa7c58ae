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
    StoreOption,
    open_workspace,
)
from ntm_cli.domain.errors import UsageError
from ntm_cli.domain.i18n import Lang
from ntm_cli.workspace.results import NominationsFormResult

app = typer.Typer()


class FormScope(StrEnum):
    """Whose forms to write: the communes', the district-level units' or the province's."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"


@app.command()
def template(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Reporting month of the return forms, YYYY-MM.",
            show_default=False,
        ),
    ] = None,
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
    nominations: Annotated[
        bool,
        typer.Option(
            "--nominations",
            help="Write the nominations workbook of --year instead (departments, hamlets, "
            "enterprises, individuals, others).",
        ),
    ] = False,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The award year (with --nominations).")
    ] = None,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write one return form (xlsx) per commune, pre-filled with its last return, on the
    criteria set of the level it works towards (the plan's levels: NTM, advanced, model in
    Plan 69).

    Example: ntm template --period 2024-06 --district "Cầu Kè" --out forms/2024-06

    With --nominations --year Y: the nominations workbook of the year's commendations.
    """
    from ntm_cli.cli.console import stdout
    from ntm_cli.cli.output import footer
    from ntm_cli.render.returns import build_template_summary

    if nominations:
        if year is None:
            raise UsageError("template.needs_year")
        _nominations(open_workspace(data, store).nominations_template(year, out, force), lang)
        return
    if period is None:
        raise UsageError("template.needs_period")
    r = open_workspace(data, store).template(period, district, unit, out, force, scope.value)
    stdout().print(build_template_summary(r.forms, r.registry, r.period, r.folder, lang))
    footer(r, lang, stdout())  # the store the forms were pre-filled from


def _nominations(r: NominationsFormResult, lang: Lang) -> None:
    from ntm_cli.cli.console import stdout
    from ntm_cli.domain.i18n import t

    console = stdout()
    console.print(t("template.nominations_written", lang, year=r.year, path=str(r.path)),
                  markup=False, highlight=False)  # fmt: skip
    for sheet, rule in r.sheets:
        console.print(t("template.nominations_sheet", lang, sheet=sheet, rule=rule),
                      markup=False, highlight=False)  # fmt: skip
    console.print(t("template.nominations_next", lang, path=str(r.path)), markup=False,
                  highlight=False)  # fmt: skip
