"""Options shared by the commands, and what the error boundary needs to know of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ntm_cli.domain.i18n import Lang

# What the error boundary reads: the language and format the command was asked for.
STATE: dict[str, Any] = {"lang": Lang.VI, "json": False, "debug": False}


def _remember_lang(value: Lang | None) -> Lang | None:
    if value is not None:
        STATE["lang"] = Lang(value)
    return value


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data folder with targets.yaml and units.csv (default: NTM_DATA, then ntm.toml, "
        "then ./data if it holds targets.yaml, else the copy bundled with ntm).",
        show_default=False,
    ),
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store of imported returns: a SQLite file or a PostgreSQL database "
        "(postgresql://user@host/db; the password from ~/.pgpass or PGPASSWORD). Default: "
        "NTM_STORE, then ntm.toml, then ~/.local/share/ntm/returns.sqlite.",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang,
    typer.Option("--lang", help="Language of the output and messages.", callback=_remember_lang),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace a file that exists.")]
CheckOption = Annotated[
    bool,
    typer.Option(
        "--check", help="Exit 1 when the store does not exist or holds no return for the month."
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="The file for --format xlsx.", show_default=False)
]
PeriodOption = Annotated[str, typer.Option("--period", "-p", help="Reporting month, YYYY-MM.")]
OptionalPeriod = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Use each commune's latest return up to this month, YYYY-MM "
        "(default: the newest month in the store).",
        show_default=False,
    ),
]
DistrictOption = Annotated[
    str | None,
    typer.Option(
        "--district",
        "-d",
        help="District-level unit: code or name, e.g. 845, 'Cầu Kè', 'cau ke', 'H. Cầu Kè'.",
        show_default=False,
    ),
]
EditionOption = Annotated[
    str | None,
    typer.Option(
        "--edition",
        "-e",
        help="Edition of the list of units (editions.yaml), e.g. tra-vinh or vinh-long-2025 "
        "(default: the plan's).",
        show_default=False,
    ),
]


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A date from the command line (2024-06-30 or 30/06/2024); a bad one exits 2."""
    if value is None:
        return None
    from ntm_cli.domain.errors import parse_option
    from ntm_cli.workspace import parse_date as parse

    return parse_option(parse, value, option)


def open_workspace(data: Path | None, store: str | None) -> Any:
    """The workspace the options name (resolved as `ntm_cli.open` resolves it)."""
    from ntm_cli.workspace import open as open_ws

    return open_ws(data, store)
