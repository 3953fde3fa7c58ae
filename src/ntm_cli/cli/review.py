"""`ntm review`: approve the communes' returns of a month, or return one with a comment."""

from pathlib import Path
from typing import Annotated

import typer

from ntm_cli.cli.options import (
    STATE,
    DataOption,
    DistrictOption,
    LangOption,
    PeriodOption,
    StoreOption,
    open_workspace,
)
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang

app = typer.Typer(help="Approve or return the communes' returns of a month.")

AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="The officer deciding (default: the database role on a server store, else the "
        "user of this computer).",
        show_default=False,
    ),
]


@app.command("list")
def listing(
    period: PeriodOption,
    district: DistrictOption = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="Only returns in this state: received, returned, approved_district or approved.",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    output: Annotated[str, format_choice("review")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Each commune with a return for the month: its review state and the last decision.

    Example: ntm review list --period 2024-06 --district "Càng Long"
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).review_list(period, district, state)
    emit(result, "review", output, lang)


@app.command()
def approve(
    period: PeriodOption,
    units: Annotated[
        list[str] | None,
        typer.Argument(
            help="Communes by code or name (or --district for all of one).", show_default=False
        ),
    ] = None,  # fmt: skip
    district: DistrictOption = None,
    actor: AsOption = None,
    output: Annotated[str, format_choice("review-decisions")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Approve returns of the month at your level: one, several, or a district's at once.

    Example: ntm review approve 29263 29266 --period 2024-06
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).review_approve(units or [], period, district, actor)
    emit(result, "review-decisions", output, lang)
    refused = any(
        m.code.startswith("review.conflict.") or m.code == "review.skip.out_of_scope"
        for _, m in result.skipped
    )
    if refused or (result.skipped and not result.decided):
        raise typer.Exit(1)


@app.command("return")
def send_back(
    unit: Annotated[str, typer.Argument(help="The commune by code or name.")],
    period: PeriodOption,
    comment: Annotated[
        str, typer.Option("--comment", "-m", help="Why the return is sent back (required).")
    ],
    actor: AsOption = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the copy to send back to the commune.")
    ] = Path("returned"),
    output: Annotated[str, format_choice("review-decisions")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Return a commune's return with a comment, and write its form to send back.

    Example: ntm review return 29263 --period 2024-06 --comment "Tiêu chí 17 thiếu minh chứng"
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).review_return(unit, period, comment, actor, out)
    emit(result, "review-decisions", output, lang)


@app.command()
def history(
    unit: Annotated[str, typer.Argument(help="The commune by code or name.")],
    period: PeriodOption,
    output: Annotated[str, format_choice("review-history")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Every decision on the commune's returns of the month, oldest first.

    Example: ntm review history 29263 --period 2024-06
    """
    STATE["json"] = output == "json"
    result = open_workspace(data, store).review_history(unit, period)
    emit(result, "review-history", output, lang)
