"""The `ntm` application: global options, error handling and the command groups."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ntm_cli import __version__
from ntm_cli.domain.errors import DataError, NtmError
from ntm_cli.domain.i18n import Lang

app = typer.Typer(
    name="ntm",
    help="Theo dõi kế hoạch xây dựng nông thôn mới (NTM): chỉ tiêu, đơn vị, tiến độ.\n\n"
    "Track a province's New Rural Development plan: milestones, units, progress.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True)
_state = {"debug": False}


class OutputFormat(StrEnum):
    """What a data command prints."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="NTM_DATA",
        help="Data folder with targets.yaml and units.csv "
        "(default: ./data if it holds targets.yaml, else the copy bundled with ntm).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format (xlsx needs --out).")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="The file for --format xlsx.", show_default=False)
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace a file that exists.")]


def _check_out(output: OutputFormat, out: Path | None) -> None:
    """--format xlsx writes a file, so it needs --out (and --out needs xlsx)."""
    if (output is OutputFormat.XLSX) != (out is not None):
        raise typer.BadParameter(
            "--out FILE.xlsx and --format xlsx go together (other formats print)",
            param_hint="--out",
        )


def _write_xlsx(book: object, out: Path | None, force: bool) -> None:
    from ntm_cli.sources.output import workbook_bytes, write_atomic

    assert out is not None
    write_atomic(out, workbook_bytes(book), force=force)  # type: ignore[arg-type]
    stderr.print(str(out), highlight=False, markup=False)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A date from the command line (2024-06-30 or 30/06/2024); a bad one exits 2."""
    if value is None:
        return None
    from ntm_cli.sources.registry import parse_date as parse

    try:
        return parse(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD (or dd/mm/yyyy)", param_hint=option
        ) from None


def warn(message: str, lang: Lang = Lang.VI) -> None:
    """A warning on stderr: it never mixes with the data on stdout."""
    from ntm_cli.messages import vi

    label, text = ("Cảnh báo", vi(message)) if lang is Lang.VI else ("Warning", message)
    stderr.print(f"[yellow]{label}:[/yellow] {escape(text)}", markup=True, highlight=False)


@contextlib.contextmanager
def handled(lang: Lang = Lang.VI) -> Iterator[None]:
    """Print an NtmError as `Lỗi: …` (`Error: …` with --lang en) on stderr and exit 1, with the
    list of problems it carries; a traceback only with --debug."""
    try:
        yield
    except NtmError as exc:
        if _state["debug"]:
            raise
        label = "Lỗi" if lang is Lang.VI else "Error"
        body = exc.text(lang)
        stderr.print(f"[bold red]{label}:[/bold red] {escape(body)}", markup=True, highlight=False)
        raise typer.Exit(1) from None


def today() -> dt.date:
    """Today, or NTM_TODAY (YYYY-MM-DD) so that examples and tests are reproducible."""
    fixed = os.environ.get("NTM_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise DataError(f"NTM_TODAY={fixed!r} is not a date; use YYYY-MM-DD") from None
    return dt.date.today()


def _version(value: bool) -> None:
    if value:
        print(f"ntm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    _state["debug"] = debug


def _register() -> None:
    from ntm_cli.cli import analysis, plan, progress, report, returns, units

    app.command("progress")(progress.progress)
    app.command("units")(units.units)
    app.add_typer(plan.app, name="plan")
    app.command("template")(returns.template)
    app.command("import")(returns.import_)
    app.command("completeness")(returns.completeness)
    app.command("unit")(returns.unit)
    app.command("report")(report.report)
    app.command("gaps")(analysis.gaps)
    app.command("forecast")(analysis.forecast)
    app.command("awards")(analysis.awards)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
