"""`ntm report`: the monthly report workbook for the province's leadership."""

from pathlib import Path
from typing import Annotated

import typer
from typer._types import TyperChoice  # as format_choice builds it (cli.output)

from ntm_cli.cli.options import (
    CheckOption,
    DataOption,
    ForceOption,
    LangOption,
    StoreOption,
    open_workspace,
    parse_date,
)
from ntm_cli.domain.errors import UsageError, parse_option
from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.period import Period

app = typer.Typer()


@app.command()
def report(
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Reporting month, YYYY-MM.", show_default=False),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First month of a range (one workbook a month).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last month of the range.", show_default=False)
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the workbooks (or pages).")
    ] = Path("reports"),
    output: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=TyperChoice(["xlsx", "html"]),
            help="xlsx: the workbook; html: one self-contained page (charts inline, printable).",
        ),
    ] = "xlsx",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Count recognitions decided up to this date (default: the month's last day).",
            show_default=False,
        ),
    ] = None,
    closing: Annotated[
        bool,
        typer.Option(
            "--closing",
            help="The plan's closing report (tổng kết): every year's milestones, the result at "
            "the end, and where each unit went when the list of units changed.",
        ),
    ] = False,
    approved_only: Annotated[
        bool,
        typer.Option(
            "--approved-only",
            help="Only approved returns (ntm review): a return not approved counts as not "
            "received, and each commune is read from its latest approved return.",
        ),
    ] = False,
    number: Annotated[
        str,
        typer.Option(
            "--number",
            help='The report\'s number ("12" of "Số: 12/BC-VPĐP"); blank leaves room for it.',
        ),
    ] = "",
    force: ForceOption = False,
    check: CheckOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write the monthly report workbook (the report and its appendices), Vietnamese by default;
    or, with -f html, the same as one page a month that needs no other file: it opens offline and
    prints.

    Example: ntm report --period 2024-06 --out reports
    """
    from ntm_cli.cli.console import stderr
    from ntm_cli.cli.output import check_store, footer, warn_all
    from ntm_cli.render.report import Letterhead
    from ntm_cli.workspace import write_files, write_workbooks

    if closing and (period or start or end):
        raise UsageError("report.closing_period")
    if closing and output == "html":
        raise UsageError("report.closing_html")
    months = [] if closing else _months(period, start, end)
    cutoff = parse_date(as_of, "--as-of")
    ws = open_workspace(data, store)
    result = ws.report(months, out, cutoff, force, lang, suffix=output, closing=closing,
                       approved_only=approved_only)  # fmt: skip
    warn_all(result, lang)
    office = ws.office
    head = Letterhead(office.name, office.parent, office.place, office.signer_title,
                      office.signer_name, office.recipients, office.abbreviation,
                      number.strip())  # fmt: skip
    paths: list[Path]
    if output == "html":
        from ntm_cli.render.report_html import build_report_html

        pages = [(path, build_report_html(r, lang, head).encode("utf-8"))
                 for path, r in result.reports]  # fmt: skip
        write_files(pages, force=force)  # only once every page is built: all or none
        paths = [path for path, _ in pages]
    else:
        from ntm_cli.render.report import build_report_workbook

        books = [(path, build_report_workbook(r, lang, head)) for path, r in result.reports]
        write_workbooks(books, force=force)  # only once every figure is computed: all or none
        paths = [path for path, _ in books]
    for path in paths:
        print(path)
    stderr().print(t("report.written", lang, n=len(paths), out=str(out)), markup=False)
    footer(result, lang, stderr())
    if check:
        check_store(result)


def _months(period: str | None, start: str | None, end: str | None) -> list[Period]:
    """--period, or every month from --from to --to."""
    if period and not (start or end):
        return [_parse(period, "--period")]
    if period or not (start and end):
        raise UsageError("report.period_or_range")
    first, last = _parse(start, "--from"), _parse(end, "--to")
    if last < first:
        raise UsageError("report.range_reversed", first=first, last=last)
    return list(Period.span(first, last))


def _parse(text: str, option: str) -> Period:
    return parse_option(Period.parse, text, option)
