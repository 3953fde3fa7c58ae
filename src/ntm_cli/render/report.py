"""The monthly report workbook for the province's leadership, and the one-sheet exports.

The workbook is an official report (Nghị định 30/2020/NĐ-CP): its first sheet the report
itself (header block, number, document type and trích yếu, parts I–V, "Nơi nhận" and the
signer), each other sheet an appendix (Phụ lục I, II… in the order of `appendices`). Every
figure comes from a computed Report; this module only lays it out. Text that came from a
submission goes through set_text, so it is always a text cell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from copy import copy
from functools import lru_cache
from typing import Any, Literal, NamedTuple
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.emulation import Basis
from ntm_cli.domain.i18n import Lang, level_word, t
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import Ladder, Level, MilestoneKind, Registry, Scope, Unit, UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import FUND_SOURCES, CriteriaSet, Criterion
from ntm_cli.domain.status import level_of
from ntm_cli.domain.text import set_text
from ntm_cli.engine.completeness import Completeness
from ntm_cli.engine.emulation import Line
from ntm_cli.engine.progress import MilestoneResult, Progress, Verdict
from ntm_cli.engine.report import (
    CLOSING_PARTS,
    PARTS,
    TASK_KINDS,
    Change,
    Move,
    Report,
    Standing,
    Totals,
    appendices,
    roman,
    standing,
)
from ntm_cli.render.progress import milestone_label, row_label, series_label, status_label
from ntm_cli.render.sheetrows import RowBook, put_row

FONT = "Times New Roman"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
STATUS_FILL = {
    Verdict.ACHIEVED: PatternFill("solid", fgColor="C6EFCE"),
    Verdict.ACHIEVED_EARLY: PatternFill("solid", fgColor="C6EFCE"),
    Verdict.OPEN: PatternFill("solid", fgColor="FFEB9C"),
    Verdict.AWAITING: PatternFill("solid", fgColor="FFEB9C"),
    Verdict.NOT_YET: PatternFill("solid", fgColor="FFEB9C"),
    Verdict.MISSED: PatternFill("solid", fgColor="FFC7CE"),
    Verdict.UPCOMING: PatternFill("solid", fgColor="EDEDED"),
}
MET_FILL = PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE")
NOT_MET_FILL = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
NO_DATA_FILL = PatternFill("solid", fgColor="EDEDED", bgColor="EDEDED")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PERCENT = "0.0%"
BOLD = Font(name=FONT, bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEAD = Alignment(horizontal="center", vertical="top", wrap_text=True)
MIDDLE = Alignment(vertical="center")
WRAP_MIDDLE = Alignment(wrap_text=True, vertical="center")
MONEY = "#,##0.0"


class Letterhead(NamedTuple):
    """Who issues the report and its number: the project file's [office] and `--number`.
    Blank fields take the defaults: the plan's issuer as the parent body, the catalogue's
    office and signer's title, the plan's area as the place; a blank number leaves room for
    the clerk."""

    office: str = ""
    parent: str = ""
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    abbreviation: str = "VPĐP"
    number: str = ""


BLANK_NUMBER = " " * 6  # "Số:       /BC-VPĐP": the clerk writes the number in


class _Doc(NamedTuple):
    """The letterhead with its defaults filled in, and the report's date as documents write it."""

    office: str
    parent: str
    place: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    abbreviation: str
    number: str
    day: str  # 10, 05 (a leading zero under 10)
    month: str  # 7, 02 (a leading zero for January and February)
    year: int


def _doc(report: Report, lang: Lang, head: Letterhead) -> _Doc:
    plan = report.plan
    place = head.place
    if not place:
        area = report.registry.by_code.get(plan.area_code)
        name = area.name if area else ""
        place = name.split(" ", 1)[1] if " " in name else name
    day = report.today
    # Nghị định 30/2020/NĐ-CP: a leading zero for days under 10 and for January and February
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    if lang is Lang.EN:
        d, m = f"{day.day:02d}", f"{day.month:02d}"
    return _Doc(
        office=head.office or t("report.doc.office", lang),
        parent=head.parent or plan.issuer,
        place=place,
        signer_title=head.signer_title or t("report.doc.signer", lang),
        signer_name=head.signer_name,
        recipients=head.recipients,
        abbreviation=head.abbreviation or "VPĐP",
        number=head.number or BLANK_NUMBER,
        day=d,
        month=m,
        year=day.year,
    )


def build_report_workbook(report: Report, lang: Lang, head: Letterhead | None = None) -> Workbook:
    """The report (first sheet) and its appendices (one sheet each), with their charts, print
    set-up and properties; `head`: who issues it (the project file's), else the defaults."""
    doc = _doc(report, lang, head or Letterhead())
    book = _new_book()
    first = book.active
    assert first is not None
    book.remove(first)
    numbered = appendices(report)
    numbers = {key: number for number, key in numbered}
    _body(book.create_sheet(t("report.doc.body", lang)), report, lang, doc, numbers)
    for number, key in numbered:
        name = t("report.doc.sheet", lang, n=number, name=t(f"report.sheet.{key}", lang))
        ws = book.create_sheet(name[:31])  # a sheet's name holds 31 characters at most
        APPENDIX[key](ws, report, lang, _appendix_head(ws, number, key, doc, lang))
    book.properties.title = _title(report, lang).capitalize()
    book.properties.subject = f"{report.plan.number} {report.period}"
    book.properties.creator = "ntm"
    return book


# -- one-sheet exports, sharing the table writers --------------------------------------------


def progress_workbook(result: Progress, registry: Registry, lang: Lang) -> Workbook:
    book = _new_book()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("report.sheet.summary", lang)
    _milestone_table(sheet, 1, result, registry, lang, ids=True)
    _finish(sheet, header_row=1, widths=[22, 50, 7, 11, 10, 11, 10, 16], lang=lang)
    return book


def completeness_workbook(result: Completeness, lang: Lang) -> Workbook:
    book = _new_book()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("report.sheet.returns", lang)
    _returns_table(sheet, result, lang, 1)
    return book


# -- the report itself -------------------------------------------------------------------------

BODY_WIDTHS = [5, 40, 11, 11, 11, 11, 11]  # A4 portrait
BODY_LAST = get_column_letter(len(BODY_WIDTHS))
CHART_ROW_HEIGHT = 15.0  # points: the rows a chart covers are this tall, so it covers them all


def _body(ws: Worksheet, report: Report, lang: Lang, doc: _Doc, numbers: dict[str, str]) -> None:
    """The report as Nghị định 30/2020 lays it out: the header block, number, place and date,
    document type and trích yếu, parts I–V, "Nơi nhận" and the signer."""
    # the header block: left the issuing body, right the national motto
    _block(ws, 1, "A", "B", doc.parent.upper())
    _block(ws, 2, "A", "B", doc.office.upper(), bold=True)
    _block(ws, 3, "A", "B", t("report.doc.number", lang, number=doc.number,
                              abbr=doc.abbreviation))  # fmt: skip
    _block(ws, 1, "C", BODY_LAST, t("report.motto1", lang), bold=True)
    _block(ws, 2, "C", BODY_LAST, t("report.motto2", lang), bold=True)
    _block(ws, 3, "C", BODY_LAST, t("report.place_date", lang, place=doc.place, d=doc.day,
                                    m=doc.month, y=doc.year), italic=True)  # fmt: skip
    left_lines = max(_lines(doc.parent, 45, 12), _lines(doc.office, 45, 12, bold=True))
    if left_lines > 1:
        ws.row_dimensions[1].height = ws.row_dimensions[2].height = 16 * left_lines
    month = Period(report.period)
    plan = report.plan
    _block(ws, 6, "A", BODY_LAST, t("report.doc.type", lang), bold=True, size=14)
    as_of = f"{report.as_of:%d/%m/%Y}"
    if report.closing is not None:
        gist = t("report.closing.gist", lang, number=plan.number, start=plan.start_year,
                 end=plan.end_year)  # fmt: skip
        basis = t("report.closing.basis", lang, number=plan.number, office=doc.office,
                  start=plan.start_year, end=plan.end_year, as_of=as_of)  # fmt: skip
    else:
        gist = t("report.doc.gist", lang, month=month.month, year=month.year)
        basis = t("report.doc.basis", lang, number=plan.number, office=doc.office,
                  month=month.month, year=month.year, as_of=as_of)  # fmt: skip
    _block(ws, 7, "A", BODY_LAST, gist, bold=True)
    _paragraph(ws, 9, basis)
    row = 9
    parts = CLOSING_PARTS if report.closing is not None else PARTS
    for i, part in enumerate(parts, start=1):
        row += 2
        _keep(ws, row, KEEP)
        _text(ws, f"A{row}", f"{roman(i)}. {t(f'report.part.{part}', lang)}", bold=True)
        row = BODY_PARTS[part](ws, row + 1, report, lang, numbers)
    _keep(ws, row + 2, 7 * 16)  # the signature's block on one page
    last = _signature(ws, row + 2, doc, lang)
    ws.print_area = f"A1:{BODY_LAST}{last}"  # not the chart's names beside it
    for r in range(1, last + 1):  # every row as tall as the page breaks were worked out with
        ws.row_dimensions[r].height = _row_height(ws, r)
    _finish(ws, header_row=0, widths=BODY_WIDTHS, freeze=False, filter_table=False,
            repeat=False, portrait=True, lang=lang)  # fmt: skip


def _block(ws: Worksheet, row: int, first: str, last: str, text: str, bold: bool = False,
           italic: bool = False, size: int = 12) -> None:  # fmt: skip
    """A centred line of the header block across columns `first` to `last`."""
    _text(ws, f"{first}{row}", text, bold=bold, italic=italic, size=size)
    ws[f"{first}{row}"].alignment = HEAD
    ws.merge_cells(f"{first}{row}:{last}{row}")


def _paragraph(ws: Worksheet, row: int, text: str, italic: bool = False) -> None:
    """A sentence of the report across the page, wrapped, its row as tall as its lines."""
    _text(ws, f"A{row}", text, italic=italic)
    ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top", horizontal="justify")
    ws.merge_cells(f"A{row}:{BODY_LAST}{row}")
    ws.row_dimensions[row].height = 16 * _lines(text, sum(BODY_WIDTHS), 12)


@lru_cache(maxsize=16384)  # names, districts and lists of criteria come again and again
def _lines(text: str, width: float, size: int = 11, bold: bool = False) -> int:
    """About how many lines `text` takes wrapped word by word in a column `width` units wide:
    a width unit holds about 1.05 characters of 11 pt Times New Roman, less one unit of the
    cell's padding (fewer in bold or larger type)."""
    if size <= 11 and not bold and len(text) < width - 1 and "\n" not in text:
        return 1  # the common case, before any arithmetic
    room = max(1.0, (width - 1) * 1.05 * 11 / size * (0.88 if bold else 1.0))
    if len(text) <= room and "\n" not in text:
        return 1
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split():
            if used and used + 1 + len(word) > room:
                lines += 1
                used = 0.0
            if len(word) > room:  # a word longer than the line breaks where it must
                lines += math.ceil(len(word) / room) - 1
                used = len(word) % room
            else:
                used += len(word) + (1 if used else 0)
    return max(1, lines)


# A page of the report holds about this many points of rows: A4 portrait less its margins,
# the sheet fitted to the page's width (so a point of a row prints smaller), less a little for
# the estimate's error.
BODY_PAGE = (11.69 - 1.1) * 72 * sum(BODY_WIDTHS) / 94.0 * 0.96
KEEP = 16 + 45 + 2 * 15  # a heading, a table's header and its first two rows


def _keep(ws: Worksheet, row: int, need: float) -> None:
    """Start a new page at `row` when the `need` points from it (a heading with the start of
    its table, a chart) would not fit on the page the rows before it end on: a spreadsheet
    has no "keep with next", so the rows are counted as the page would take them."""
    start = max((b.id for b in ws.row_breaks.brk), default=0) + 1
    used = 0.0
    for r in range(start, row):
        height = _row_height(ws, r)
        used = height if used + height > BODY_PAGE else used + height
    if used + need > BODY_PAGE:
        ws.row_breaks.append(Break(id=row - 1))


def _row_height(ws: Worksheet, row: int) -> float:
    """A row of the report as tall as it is set, else as its header's titles wrap, else one
    line of its largest text."""
    height = ws.row_dimensions[row].height
    if height is not None:
        return float(height)
    titles = _HEADERS.get(ws, {}).get(row)
    if titles:
        return 15.0 * max(_lines(h, w, bold=True)
                          for h, w in zip(titles, BODY_WIDTHS, strict=False))  # fmt: skip
    big = any(c.value is not None and (c.font.sz or 11) > 11 for c in ws[row])
    return 16.0 if big else 15.0


def _subheading(ws: Worksheet, row: int, text: str, need: float = KEEP) -> int:
    _keep(ws, row, need)
    _text(ws, f"A{row}", text, bold=True, italic=True)
    return row + 1


def _part_milestones(ws: Worksheet, row: int, report: Report, lang: Lang,
                     numbers: dict[str, str]) -> int:  # fmt: skip
    """Part I: the year's milestones (TT | milestone | target | done | short | assessment | %
    of target), and the chart of each as a share of its target."""
    results = report.progress.results
    last = _doc_milestones(ws, row, results, report.registry, lang)
    if not results:
        return last
    # the chart's names: short ones (what the milestone measures), beside the table, off the page
    label_col = len(BODY_WIDTHS) + 2
    _text(ws, f"{get_column_letter(label_col)}{row}", t("report.doc.chart.data", lang), bold=True)
    for i, r in enumerate(results):
        set_text(ws.cell(row + 1 + i, label_col), _short_label(r, report.registry, lang))
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("report.doc.chart.percent", lang, year=report.progress.year)
    chart.add_data(Reference(ws, min_col=7, min_row=row + 1, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=label_col, min_row=row + 1, max_row=last))
    chart.legend = None
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.x_axis.scaling.orientation = "maxMin"  # the first milestone on top, as in the table
    chart.x_axis.delete = chart.y_axis.delete = False  # Excel hides axes left unspecified
    return _place_chart(ws, chart, last + 2, rows=max(12, 3 + 2 * len(results)))


def _illustrative_note(report: Report, lang: Lang) -> str:
    numbers = {key: number for number, key in appendices(report)}
    return t("report.doc.illustrative", lang, n=len(report.illustrative),
             communes=numbers["communes"], notes=numbers["notes"])  # fmt: skip


def _short_label(r: MilestoneResult, registry: Registry, lang: Lang) -> str:
    m = r.milestone
    label = series_label(m, registry, lang)
    if m.kind is MilestoneKind.SHARE:
        label += f" {m.target:g}%"
    return label


def _place_chart(ws: Worksheet, chart: Any, row: int, rows: int) -> int:
    """`chart` over `rows` rows from `row`, as wide as the page: the rows are given a height,
    so the chart covers them and nothing else. Returns the last row it covers."""
    _keep(ws, row, rows * CHART_ROW_HEIGHT)
    for r in range(row, row + rows):
        ws.row_dimensions[r].height = CHART_ROW_HEIGHT
    chart.height = rows * CHART_ROW_HEIGHT * 2.54 / 72  # centimetres
    chart.width = sum(BODY_WIDTHS) * 0.19 - 0.5  # a width unit is about 0.19 cm
    ws.add_chart(chart, f"A{row}")
    return row + rows - 1


def _doc_milestones(ws: Worksheet, top: int, results: Sequence[MilestoneResult],
                    registry: Registry, lang: Lang) -> int:  # fmt: skip
    """The report's milestone table from `top` (its header): TT, the plan's wording, target,
    done, short, assessment and done as a share of the target; returns the last row."""
    _header(ws, top, [t("report.col.tt", lang), t("report.col.milestone", lang),
                      t("report.doc.col.target", lang), t("report.doc.col.done", lang),
                      t("report.col.shortfall", lang), t("report.doc.col.verdict", lang),
                      t("report.doc.col.of_target", lang)])  # fmt: skip
    for i, r in enumerate(results):
        m = r.milestone
        row = top + 1 + i
        label = row_label(m, registry, lang)
        share = r.actual / r.required if r.required else None
        _row(ws, row, [str(i + 1), label, r.required, r.actual, r.shortfall,
                       status_label(r, lang), share], wrap=(2, 6))  # fmt: skip
        ws.cell(row, 6).fill = STATUS_FILL[r.verdict]
        ws.cell(row, 7).number_format = "0%"
        ws.row_dimensions[row].height = 15 * max(
            _lines(label, BODY_WIDTHS[1]), _lines(status_label(r, lang), BODY_WIDTHS[5])
        )
    if not results:
        _text(ws, f"A{top + 1}", t("report.none", lang), italic=True)
        return top + 1
    return top + len(results)


def _part_overall(ws: Worksheet, row: int, report: Report, lang: Lang,
                  numbers: dict[str, str]) -> int:  # fmt: skip
    """Part II: units at each level now and a month before; the province's own result; the
    communes at the plan's rung against its path, with the chart."""
    row = _subheading(ws, row, t("report.doc.headlines", lang))
    _header(ws, row, [t("report.col.tt", lang), t("report.col.content", lang),
                      t("report.col.now", lang), t("report.doc.col.before", lang),
                      t("report.col.change", lang), t("report.doc.col.of", lang),
                      t("report.col.share", lang)])  # fmt: skip
    for i, h in enumerate(report.headlines, start=1):
        row += 1
        task = h.scope != "commune" and h.level.rank == 1
        reached = _reached(h.level, task, lang)
        scope = t(f"scope.{h.scope}", lang)
        label = t("report.doc.headline", lang, scope=scope.lower() if lang is Lang.VI else scope,
                  reached=reached)  # fmt: skip
        _row(ws, row, [str(i), label, h.now, h.before, h.now - h.before, h.denominator,
                       h.now / h.denominator if h.denominator else 0], wrap=(2,))  # fmt: skip
        ws.cell(row, 7).number_format = PERCENT
        ws.cell(row, 5).number_format = "+0;-0;0"
        ws.row_dimensions[row].height = 15 * _lines(label, BODY_WIDTHS[1])
    if report.illustrative:
        row += 1
        _paragraph(ws, row, _illustrative_note(report, lang), italic=True)
    row = _subheading(ws, row + 2, t("report.doc.province", lang), KEEP + 2 * 16)
    province = report.province
    if province is None or province.standing is None:
        _paragraph(ws, row, t("report.province.none", lang), italic=True)
    else:
        s = province.standing
        _paragraph(ws, row, t("report.province.standing", lang, name=s.unit.name,
                              result=standing_text(s, lang)))  # fmt: skip
        if province.milestones:
            row = _doc_milestones(ws, row + 1, province.milestones, report.registry, lang)
    if report.path and report.path_level is not None:
        reached = t("reached.level", lang, level=level_word(report.path_level, lang, "levelx"))
        row = _subheading(ws, row + 2, t("report.doc.path", lang, reached=reached))
        _header(
            ws,
            row,
            [
                t("report.col.tt", lang),
                t("report.doc.col.year", lang),
                t("report.doc.col.plan", lang),
                t("report.doc.col.done", lang),
            ],
        )
        first = row + 1
        for i, p in enumerate(report.path, start=1):
            row += 1
            _row(ws, row, [str(i), str(p.year), p.required, p.actual])
        chart = BarChart()
        chart.type = "col"
        chart.title = t("report.doc.chart.path", lang, reached=reached)
        chart.add_data(Reference(ws, min_col=4, min_row=first - 1, max_row=row),
                       titles_from_data=True)  # fmt: skip
        chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=row))
        line = LineChart()
        line.add_data(Reference(ws, min_col=3, min_row=first - 1, max_row=row),
                      titles_from_data=True)  # fmt: skip
        chart += line
        chart.y_axis.scaling.min = 0
        chart.legend.position = "b"
        chart.x_axis.delete = chart.y_axis.delete = False
        row = _place_chart(ws, chart, row + 2, rows=16)
    return row


def _part_resources(ws: Worksheet, row: int, report: Report, lang: Lang,
                    numbers: dict[str, str]) -> int:  # fmt: skip
    if report.totals is None:
        _text(ws, f"A{row}", t("report.none", lang), italic=True)
        return row
    return _totals(ws, row, report.totals, lang)


def _part_returns(ws: Worksheet, row: int, report: Report, lang: Lang,
                  numbers: dict[str, str]) -> int:  # fmt: skip
    c = report.completeness
    _header(
        ws,
        row,
        [
            t("report.col.tt", lang),
            t("report.col.content", lang),
            t("report.doc.col.count", lang),
            t("report.col.share", lang),
        ],
    )
    lines = [("report.doc.returns.expected", c.expected, None),
             ("report.doc.returns.received", c.submitted, c.rate),
             ("report.doc.returns.late", c.late, None),
             ("report.doc.returns.missing", c.missing, None)]  # fmt: skip
    for i, (key, n, share) in enumerate(lines, start=1):
        row += 1
        _row(ws, row, [str(i), t(key, lang), n, share])
        ws.cell(row, 4).number_format = PERCENT
    approved, total = report.approved
    row += 1
    _row(ws, row, [str(len(lines) + 1), t("report.approved", lang, total=total),
                   approved, approved / total if total else None])  # fmt: skip
    ws.cell(row, 4).number_format = PERCENT
    if report.approved_only:
        row += 1
        _text(ws, f"A{row}", t("report.approved_only", lang), italic=True)
    if "returns" in numbers:
        row += 1
        _text(ws, f"A{row}", t("report.doc.returns.see", lang, n=numbers["returns"]),
              italic=True)  # fmt: skip
    return row


def _part_proposals(ws: Worksheet, row: int, report: Report, lang: Lang,
                    numbers: dict[str, str]) -> int:  # fmt: skip
    for i, sentence in enumerate(proposals(report, lang, numbers), start=1):
        _paragraph(ws, row, f"{i}. {sentence}")
        row += 1
    return row - 1


def proposals(report: Report, lang: Lang, numbers: dict[str, str]) -> list[str]:
    """Part V in plain sentences: the milestones at risk and off track by name (from the
    forecast), and how many communes are ready or near each level (from the gaps), pointing to
    the appendix that lists them."""
    from ntm_cli.engine.gaps import NEAR_MISS

    forecast, gaps = report.forecast, report.gaps
    if forecast is None or gaps is None:
        return [t("report.doc.proposal.no_forecast", lang)]
    sentences = []
    by_outlook: dict[str, list[str]] = {}
    for f in forecast.rows:
        m = f.milestone
        name = t("report.doc.milestone", lang, name=milestone_label(m, report.registry, lang),
                 year=m.year)  # fmt: skip
        by_outlook.setdefault(f.outlook.value, []).append(name)
    for outlook, key in (("at risk", "at_risk"), ("unlikely", "unlikely")):
        if by_outlook.get(outlook):
            sentences.append(t(f"report.doc.proposal.{key}", lang,
                               names="; ".join(by_outlook[outlook])))  # fmt: skip
    if not sentences:
        sentences.append(t("report.doc.proposal.on_track", lang))
    near_any = False
    for section in gaps.levels:
        n = len(section.ready) + len(section.near)
        if not n:
            continue
        near_any = True
        reached = t("reached.level", lang, level=level_word(section.level, lang, "levelx"))
        key = "report.doc.proposal.near" if report.districts else (
            "report.doc.proposal.near_communes")  # fmt: skip
        sentences.append(t(key, lang, n=n, max=NEAR_MISS,
                           reached=reached, appendix=numbers.get("advice", "")))  # fmt: skip
    if not near_any:
        sentences.append(t("report.doc.proposal.none", lang, max=NEAR_MISS))
    return sentences


def _part_years(ws: Worksheet, row: int, report: Report, lang: Lang,
                numbers: dict[str, str]) -> int:  # fmt: skip
    """A closing report's part I: every year's milestones, a table a year."""
    assert report.closing is not None
    results = report.closing.years.results
    last = row - 1
    for year in report.plan.years:
        of_year = [r for r in results if r.milestone.year == year]
        if not of_year:
            continue
        start = _subheading(ws, last + 1, t("report.closing.year", lang, year=year))
        last = _doc_milestones(ws, start, of_year, report.registry, lang)
    return last


def _part_units_after(ws: Worksheet, row: int, report: Report, lang: Lang,
                      numbers: dict[str, str]) -> int:  # fmt: skip
    """A closing report's part III: the units of the plan's list, and the list after it."""
    closing = report.closing
    assert closing is not None
    successor = closing.successor
    if successor is None or closing.edition is None:
        _paragraph(ws, row, t("report.closing.unchanged", lang))
        return row
    english = lang is Lang.EN
    day = successor.valid_from
    text = t("report.closing.moved", lang, day=f"{day:%d/%m/%Y}" if day else "",
             old=closing.edition.label(english), new=successor.label(english),
             merged=closing.merged, became=closing.became,
             appendix=numbers.get("units_after", ""))  # fmt: skip
    _paragraph(ws, row, text)
    return row


BODY_PARTS: dict[str, Callable[[Worksheet, int, Report, Lang, dict[str, str]], int]] = {
    "milestones": _part_milestones,
    "overall": _part_overall,
    "resources": _part_resources,
    "returns": _part_returns,
    "proposals": _part_proposals,
    "years": _part_years,
    "units_after": _part_units_after,
}


def _signature(ws: Worksheet, row: int, doc: _Doc, lang: Lang) -> int:
    """ "Nơi nhận:" and its lines on the left; the signer's title, room to sign and name on the
    right. Returns the last row written."""
    _text(ws, f"A{row}", t("report.doc.recipients", lang), bold=True, italic=True)
    lines = [f"- {r};" for r in doc.recipients] + [t("report.doc.archive", lang)]
    for i, line in enumerate(lines, start=1):
        _text(ws, f"A{row + i}", line, size=11)
    _block(ws, row, "D", BODY_LAST, doc.signer_title.upper(), bold=True)
    name_row = row + 5
    if doc.signer_name:
        _block(ws, name_row, "D", BODY_LAST, doc.signer_name, bold=True)
    return max(row + len(lines), name_row)


def _appendix_head(ws: Worksheet, number: str, key: str, doc: _Doc, lang: Lang) -> int:
    """ "Phụ lục I", its title and "(Kèm theo Báo cáo số …)" on the sheet's first rows,
    centred over its first page; returns the row its tables start on."""
    _text(ws, "A1", t("report.doc.appendix", lang, n=number), bold=True, size=13)
    _text(ws, "A2", t(f"report.appendix.{key}", lang), bold=True, size=13)
    date = f"{doc.day}/{doc.month}/{doc.year}"
    _text(
        ws,
        "A3",
        t(
            "report.doc.attached",
            lang,
            number=doc.number.strip() or "…",
            abbr=doc.abbreviation,
            date=date,
            office=doc.office,
        ),
        italic=True,
    )
    return 5


def _centre_head(ws: Worksheet, widths: Sequence[float], room: float) -> None:
    """The appendix's three heading rows centred over the columns of its first page."""
    shown = 0.0
    last = 0
    for i, w in enumerate(widths, start=1):
        if shown + w > room:
            break
        shown += w
        last = i
    if last < len(widths):  # several pages across: the heading at the left, as it overflows
        return
    for row in (1, 2, 3):
        ws.cell(row, 1).alignment = CENTRE
        ws.merge_cells(f"A{row}:{get_column_letter(last)}{row}")
    ws.row_dimensions[3].height = 16 * _lines(str(ws["A3"].value), shown, 12)


def _milestone_table(
    ws: Worksheet,
    top: int,
    result: Progress | Sequence[MilestoneResult],
    registry: Registry,
    lang: Lang,
    ids: bool = False,
) -> int:
    """The one-sheet export's milestone rows from `top` (header) on, numbered 1, 2… in a TT
    column (`ids`: the milestones' ids instead, for an analyst who joins them with other
    data); returns the last row written."""
    results = result.results if isinstance(result, Progress) else result
    headers = ["report.col.id" if ids else "report.col.tt", "report.col.milestone", "col.period",
               "report.col.required", "report.col.actual", "report.col.denominator",
               "report.col.shortfall", "report.col.status"]  # fmt: skip
    _header(ws, top, [t(h, lang) for h in headers])
    ws.cell(top, 3).value = t("report.doc.col.year", lang)
    for i, r in enumerate(results):
        m = r.milestone
        row = top + 1 + i
        label = row_label(m, registry, lang)
        if m.kind is MilestoneKind.SHARE:
            label = f"{label} ({m.target:g}%)"
        _row(ws, row, [m.id if ids else str(i + 1), label, m.year, r.required, r.actual,
                       r.denominator, r.shortfall, status_label(r, lang)], wrap=(2,))  # fmt: skip
        ws.cell(row, 8).fill = STATUS_FILL[r.verdict]
        ws.row_dimensions[row].height = 15 * _lines(label, 50)
    last = top + len(results)
    if results and not ws.auto_filter.ref:  # a sheet has one filter: the first table's
        ws.auto_filter.ref = f"A{top}:H{last}"
    return last


def _totals(ws: Worksheet, row: int, totals: Totals, lang: Lang) -> int:
    """Part III: funds by source and in total, construction debt, OCOP products by stars,
    each with the communes whose returns give it, from `row` (the header); returns the last
    row written."""
    _header(ws, row, [t("report.col.tt", lang), t("report.col.content", lang),
                      t("report.col.unit_of", lang), t("report.col.figure", lang),
                      t("report.col.reporting", lang)])  # fmt: skip
    money, products = t("report.unit.money", lang), t("report.unit.products", lang)
    lines: list[tuple[str, str, str, float | None, int | None, bool]] = [
        (roman(1), t("report.totals.funds", lang), "", None, None, True)
    ]
    for i, (source, amount) in enumerate(totals.funds.items(), start=1):
        label = t(f"fund.{source}", lang) if f"fund.{source}" in CATALOGUE else source
        lines.append((str(i), label, money, amount, totals.funds_reporting, False))
    lines.append(("", t("report.totals.funds_total", lang), money, totals.funds_total,
                  totals.funds_reporting, True))  # fmt: skip
    lines.append((roman(2), t("report.totals.debt", lang), money, totals.debt,
                  totals.debt_reporting, True))  # fmt: skip
    lines.append((roman(3), t("report.totals.ocop", lang), "", None, None, True))
    for i, (stars, count) in enumerate(totals.ocop.items(), start=1):
        lines.append((str(i), t("report.totals.ocop_stars", lang, stars=stars), products, count,
                      totals.ocop_reporting, False))  # fmt: skip
    lines.append(("", t("report.totals.ocop_total", lang), products, totals.ocop_total,
                  totals.ocop_reporting, True))  # fmt: skip
    for tt, label, unit, figure, reporting, bold in lines:
        row += 1
        _row(ws, row, [tt, label, unit, figure, reporting], wrap=(2, 3))
        ws.cell(row, 4).number_format = MONEY if unit == money else "#,##0"
        ws.row_dimensions[row].height = 15 * _lines(label, BODY_WIDTHS[1], bold=bold)
        if bold:
            for col in (1, 2):
                ws.cell(row, col).font = BOLD
    return row


def _reached(level: Level | None, task: bool, lang: Lang) -> str:
    """ "đạt chuẩn NTM nâng cao", "hoàn thành nhiệm vụ xây dựng NTM" (a town, a city, the
    province at the first rung), "chưa đạt chuẩn NTM"."""
    if level is None:
        return t("reached.no_task" if task else "reached.none", lang)
    if task and level.rank == 1:
        words = level_word(level, lang, task=True)
        return words[:1].lower() + words[1:] if lang is Lang.VI else words
    return t("reached.level", lang, level=level_word(level, lang, "levelx"))


def standing_text(s: Standing, lang: Lang, decision: bool = True) -> str:
    """A unit's own result in a sentence's words: "đạt chuẩn NTM nâng cao năm 2021 (Quyết
    định 123/QĐ-TTg, 07/04/2022)"; without the decision when `decision` is False."""
    text = _reached(s.level, s.task, lang)
    if s.level is not None and s.year is not None:
        text = t("reached.year", lang, level=text, year=s.year)
    if decision and s.decision:
        text = t("reached.decision", lang, text=text, decision=s.decision)
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


MANY_DISTRICTS = 60  # beyond this a bar a district tells nothing: the table alone


def _districts(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """Each district-level unit: its communes at each level, returns received, its own result;
    the chart of its communes by level, stacked, under the table."""
    headers = [t("report.col.code", lang), t("report.col.district", lang),
               t("report.col.communes", lang)]  # fmt: skip
    ladder = report.plan.ladder
    for level in ladder:
        headers += [level_word(level, lang), t("report.col.share", lang)]
    headers += [t("report.col.received", lang), t("report.col.plan_share", lang),
                t("report.col.not_yet", lang), t("report.col.standing", lang),
                t("report.col.decision", lang)]  # fmt: skip
    widths = [7, 20, 7, *[9, 8] * len(ladder), 9, 10, 9, 28, 18]
    _header(ws, top, headers)
    plan_share = _plan_share(report)
    for i, d in enumerate(report.districts):
        row = top + 1 + i
        values: list[Any] = [d.district.code, d.district.name, d.communes]
        for level in ladder:
            n = d.at_level[level]
            values += [n, n / d.communes if d.communes else 0]
        values += [d.received, plan_share, d.not_yet]
        result = decision = ""
        if d.standing is not None:
            result = _capital(standing_text(d.standing, lang, decision=False))
            decision = d.standing.decision
            values += [result, decision]
        _row(ws, row, values, wrap=(2, len(headers) - 1, len(headers)))
        for col in (*range(5, 5 + 2 * len(ladder), 2), 5 + 2 * len(ladder)):
            ws.cell(row, col).number_format = PERCENT
        ws.row_dimensions[row].height = 15 * max(_lines(d.district.name, widths[1]),
                                                 _lines(result, widths[-2]),
                                                 _lines(decision, widths[-1]))  # fmt: skip
    last = top + len(report.districts)
    row = last
    if report.illustrative:
        row += 2
        _note_row(ws, row, _illustrative_note(report, lang), widths)
    if report.districts:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{last}"
    chart_end = row
    if report.districts and len(report.districts) <= MANY_DISTRICTS:
        # The chart's figures: communes at each level and no higher, beside the table (off
        # the printed page); the table's own columns count "at least" each level.
        data = len(headers) + 2
        _text(ws, f"{get_column_letter(data)}{top - 1}", t("report.doc.chart.data", lang),
              bold=True)  # fmt: skip
        series = [t("report.col.not_yet", lang)]
        series += [t("report.doc.only", lang, level=level_word(lv, lang)) for lv in ladder]
        series[-1] = level_word(ladder.levels[-1], lang)
        _header(ws, top, [*headers, "", *series])
        ws.cell(top, len(headers) + 1).fill = PatternFill()
        ws.cell(top, len(headers) + 1).border = Border()
        for i, d in enumerate(report.districts):
            counts = [d.at_level[lv] for lv in ladder]
            only = [n - (counts[j + 1] if j + 1 < len(counts) else 0)
                    for j, n in enumerate(counts)]  # fmt: skip
            _row_at(ws, top + 1 + i, data, [d.not_yet, *only])
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = t("report.doc.chart.districts", lang)
        chart.add_data(Reference(ws, min_col=data, max_col=data + len(ladder), min_row=top,
                                 max_row=last), titles_from_data=True)  # fmt: skip
        chart.set_categories(Reference(ws, min_col=2, min_row=top + 1, max_row=last))  # names
        chart.legend.position = "b"
        chart.x_axis.delete = chart.y_axis.delete = False
        start = row + 2
        ws.row_breaks.append(Break(id=start - 1))  # the chart on a page of its own
        rows = 22
        for r in range(start, start + rows):
            ws.row_dimensions[r].height = CHART_ROW_HEIGHT
        chart.height = rows * CHART_ROW_HEIGHT * 2.54 / 72
        chart.width = 24
        ws.add_chart(chart, f"B{start}")
        chart_end = start + rows - 1
    ws.print_area = f"A1:{get_column_letter(len(headers))}{max(chart_end, last)}"
    # One table: its header repeats when it runs onto a second page; a short one and its chart
    # print without it (the chart's page would carry the table's header).
    long = len(report.districts) > 20
    _finish(ws, header_row=top, widths=widths, repeat=long, top=top, lang=lang)


def _row_at(ws: Worksheet, row: int, first: int, values: Sequence[Any]) -> None:
    """Body cells from column `first` on."""
    style = _body_style(ws)
    for col, value in enumerate(values, start=first):
        cell: Any = ws.cell(row, col)
        cell.value = value
        cell._style = copy(style)


def _plan_share(report: Report) -> float | None:
    """The plan's share of communes at a level for the report's year (Plan 69: advanced NTM),
    as a fraction: the rung the chart's columns show."""
    ladder = report.plan.ladder
    shown = ladder.levels[min(1, len(ladder) - 1)]
    for r in report.progress.results:
        m = r.milestone
        if m.kind is MilestoneKind.SHARE and m.scope is Scope.COMMUNE and m.level == shown:
            return m.target / 100
    return None


def _gist(c: Criterion, lang: Lang) -> str:
    """A criterion's name for a table: a condition's short name where it has one."""
    if lang is Lang.VI:
        return c.short or c.name
    return c.short_en or c.name_en or c.name


def _names(criteria: CriteriaSet | None, lang: Lang) -> dict[str, str]:
    if criteria is None:
        return {}
    return {c.number: _gist(c, lang)
            for c in criteria.criteria}  # fmt: skip


def _communes(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    headers = [t("report.col.code", lang), t("report.col.commune", lang),
               t("report.col.district", lang), t("report.col.level", lang)]  # fmt: skip
    ladder = report.plan.ladder
    headers += [t("report.col.years", lang, level=level_word(lv, lang, "short")) for lv in ladder]
    headers += [t("report.col.met", lang), t("report.col.total", lang),
                t("report.col.not_met", lang), t("report.col.last", lang), "OCOP 3★", "OCOP 4★",
                "OCOP 5★", t("report.col.debt", lang)]  # fmt: skip
    headers += [t("report.col.fund", lang, source=t(f"fund.{source}", lang))
                for source in FUND_SOURCES]  # fmt: skip
    headers += [t("report.col.funds_total", lang), t("report.col.notes", lang)]
    widths: list[float] = [8, 20, 16, 11, *[8] * len(ladder), 8, 8, 40, 10, 8, 8, 8, 14]
    widths += [14] * (len(FUND_SOURCES) + 1) + [40]
    after = 4 + len(ladder)  # the columns after the year of each rung
    wrapped: tuple[int, ...] = (2, 3, after + 3, after + 15)
    money = tuple(range(after + 8, after + 15))  # debt, the funds by source and their total
    # no district level (a registry from 01/7/2025): no district column
    districts = any(c.district is not None for c in report.communes) or not report.communes
    if not districts:
        headers, widths, wrapped, money = _without_district(headers, widths, wrapped, money)
    _header(ws, top, headers)
    for i, c in enumerate(report.communes):
        row = top + 1 + i
        ret = c.ret
        criteria = report.set_of(ret)
        names = _names(criteria, lang)
        total = len(criteria.reported) if criteria else len(ret.statuses) if ret else 0
        years = [  # as the level column: only what is recognised by the report date
            rec.year if (rec := c.unit.recognitions.get(lv)) and rec.effective_on() <= report.as_of
            else None
            for lv in ladder
        ]  # fmt: skip
        not_met = "; ".join(f"{n}. {names.get(n, '')}" for n in ret.not_met) if ret else ""
        values: list[Any] = [
            c.unit.code, c.unit.name + (" *" if c.unit.illustrative else ""),
            c.district.name if c.district else "",
            level_word(c.level, lang, "short"), *years,
            c.met() if ret else None, total if ret else None, not_met, c.last_period,
            *((ret.ocop.get(s) if ret else None) for s in (3, 4, 5)),
            ret.debt if ret else None,
        ]  # fmt: skip
        funds = c.funds(report.period)  # the month's funds: an older return's are not
        values += [funds.get(source) if funds else None for source in FUND_SOURCES]
        notes = "; ".join(f"{n}: {text}" for n, text in ret.notes.items()) if ret else ""
        values += [sum(funds.values()) if funds else None, notes]  # text: never a formula
        if not districts:
            del values[2]
        _table_row(ws, row, values, widths, wrap=wrapped, money=money)
    _finish(
        ws, header_row=top, widths=widths, last_row=top + len(report.communes), top=top, lang=lang
    )


def _without_district(
    headers: list[str], widths: list[float], wrapped: tuple[int, ...], money: tuple[int, ...]
) -> tuple[list[str], list[float], tuple[int, ...], tuple[int, ...]]:
    """The communes' table without its third column, the district (no district level)."""

    def moved(cols: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(c - 1 if c > 3 else c for c in cols if c != 3)

    return headers[:2] + headers[3:], widths[:2] + widths[3:], moved(wrapped), moved(money)


def _criteria(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """One table per criteria set in use (communes towards NTM, advanced, model report on
    different sets): its title, the criteria across, a row per commune, the share meeting."""
    met, not_met = t("report.met", lang), t("report.not_met", lang)
    row = top
    widest = 0
    sets = report.sets_in_use()
    for criteria in sets:
        reported = criteria.reported
        widest = max(widest, len(reported))
        title = criteria.title if lang is Lang.VI else (criteria.title_en or criteria.title)
        _note_row(ws, row, f"{title} ({criteria.decision})", [7, 18] + [8.5] * len(reported),
                  bold=True, italic=False)  # fmt: skip
        headers = [t("report.col.code", lang), t("report.col.commune", lang)]
        headers += [f"{c.number}. {_gist(c, lang)}" for c in reported]
        _header(ws, row + 1, headers)
        for j in range(len(reported)):
            ws.cell(row + 1, 3 + j).alignment = Alignment(
                text_rotation=90, wrap_text=True, vertical="bottom"
            )
        ws.row_dimensions[row + 1].height = 150
        first = row + 2
        row = first
        for c in report.communes:
            if c.ret is None or c.ret.criteria_set != criteria.id:
                continue
            statuses = c.ret.statuses
            cells = [met if s else not_met if s is False else None
                     for s in (statuses.get(x.number) for x in reported)]  # fmt: skip
            _table_row(ws, row, [c.unit.code, c.unit.name, *cells], ())
            row += 1
        last = row - 1
        _text(ws, f"B{row}", t("report.share_row", lang), bold=True)
        for j, (yes, known) in enumerate(report.criterion_shares(criteria).values()):
            cell = ws.cell(row, 3 + j, yes / known if known else None)
            cell.number_format = PERCENT
            cell.font = Font(name=FONT, bold=True)
        if reported and last >= first:
            area = f"C{first}:{get_column_letter(2 + len(reported))}{last}"
            for text, fill in ((met, MET_FILL), (not_met, NOT_MET_FILL), ("", NO_DATA_FILL)):
                rule = CellIsRule(operator="equal", formula=[f'"{text}"'], fill=fill)  # type: ignore[no-untyped-call]
                ws.conditional_formatting.add(area, rule)
        row += 2
    # a table per set, each with its own header: a header repeats only when there is one
    _finish(ws, header_row=top + 1, widths=[7, 18] + [8.5] * widest, freeze_col="C",
            last_row=max(row - 2, top + 1), repeat=len(sets) == 1, top=top, lang=lang)  # fmt: skip


OUTLOOK_FILL = {
    "likely": PatternFill("solid", fgColor="C6EFCE"),
    "at risk": PatternFill("solid", fgColor="FFEB9C"),
    "unlikely": PatternFill("solid", fgColor="FFC7CE"),
}


def _advice(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """What to push: the forecast per milestone, the weakest criteria, the near-miss communes."""
    from ntm_cli.engine.forecast import MIN_POINTS
    from ntm_cli.engine.gaps import NEAR_MISS
    from ntm_cli.render.analysis import (
        basis_text,
        criterion_name,
        illustrative_lines,
        level_name,
        missing_text,
        rule_lines,
    )

    forecast, gaps = report.forecast, report.gaps
    assert forecast is not None and gaps is not None
    widths = [14, 38, 14, 13, 9, 9, 8, 8, 9, 11, 26]
    _text(ws, f"A{top}", t("advice.forecast", lang), bold=True)
    headers = ["report.col.tt", "report.col.milestone", "forecast.col.year",
               "forecast.col.required", "forecast.col.actual", "forecast.col.needed",
               "forecast.col.ready", "forecast.col.near", "forecast.col.trend",
               "forecast.col.outlook", "advice.col.basis"]  # fmt: skip
    _header(ws, top + 1, [t(h, lang) for h in headers])
    row = top + 2
    for number, f in enumerate(forecast.rows, start=1):
        m = f.milestone
        trend: object = f.projected
        if f.trend is not None and not f.trend.enough:
            trend = t("forecast.too_few", lang, n=len(f.trend.years))
        outlook = t(f"forecast.outlook.{f.outlook.value}", lang)
        label, basis = milestone_label(m, report.registry, lang), basis_text(f, lang)
        _row(ws, row, [str(number), label, m.year, f.result.required, f.result.actual, f.needed,
                       len(f.ready) if f.by_returns else None,
                       len(f.near) if f.by_returns else None, trend, outlook, basis],
             wrap=(2, 9, 10, 11))  # fmt: skip
        ws.row_dimensions[row].height = 15 * max(_lines(label, widths[1]),
                                                 _lines(basis, widths[10]),
                                                 _lines(str(trend), widths[8]))  # fmt: skip
        ws.cell(row, 10).fill = OUTLOOK_FILL[f.outlook.value]
        row += 1
    if not forecast.rows:
        _text(ws, f"A{row}", t("forecast.none", lang), italic=True)
        row += 1
    last_year = forecast.final_year or forecast.first_year
    _note_row(ws, row, t("forecast.method", lang, first=forecast.first_year, last=last_year,
                         min=MIN_POINTS), widths)  # fmt: skip
    for line in [*rule_lines(forecast, lang), *illustrative_lines(forecast, lang)]:
        row += 1
        _note_row(ws, row, line, widths)
    row += 2

    ws.row_breaks.append(Break(id=row - 1))  # each part from a new page: no heading at a foot
    _text(ws, f"A{row}", t("advice.weakest", lang), bold=True)
    _header(ws, row + 1, [t("advice.col.towards", lang), t("gaps.col.criterion", lang),
                          t("gaps.col.not_met", lang, noun="commune"),
                          t("advice.col.reporting", lang),
                          t("gaps.col.share", lang)])  # fmt: skip
    row += 2
    for section in gaps.levels:
        for c in section.criteria:
            if not c.not_met:
                continue
            _row(ws, row, [level_name(section.level, lang),
                           criterion_name(section.criteria_set, c.criterion.number, lang),
                           c.not_met, c.reporting, c.share], wrap=(1, 2))  # fmt: skip
            ws.cell(row, 5).number_format = PERCENT
            row += 1
    row += 1

    # One row a commune and no merged cells (openpyxl checks each merge against every earlier
    # one: thousands of near misses made the national report quadratic): the criteria missing
    # take the wide column B, wrapped, and the row is as tall as their lines.
    ws.row_breaks.append(Break(id=row - 1))  # each part from a new page: no heading at a foot
    _text(ws, f"A{row}", t("advice.near", lang, max=NEAR_MISS), bold=True)
    # no district level (a registry from 01/7/2025): no district column
    shown = bool(report.districts)
    district_col = [t("report.col.district", lang)] if shown else []
    _header(ws, row + 1, [t("report.col.commune", lang), t("gaps.col.missing", lang),
                          *district_col, t("advice.col.towards", lang),
                          t("advice.col.gap", lang), t("report.col.code", lang)])  # fmt: skip
    row += 2
    for section in gaps.levels:
        towards = level_name(section.level, lang)
        for g in (*section.ready, *section.near):
            missing = missing_text(g, section.criteria_set, lang)
            district = [g.district.name if g.district else ""] if shown else []
            _table_row(ws, row, [g.unit.name, missing, *district, towards, g.gap, g.unit.code],
                       widths, wrap=(1, 2, 3, 4) if shown else (1, 2, 3))  # fmt: skip
            row += 1
    # three tables with their own headers: none repeats over another
    _finish(ws, header_row=top + 1, widths=widths, freeze=False, repeat=False, top=top, lang=lang)


def _note_row(ws: Worksheet, row: int, text: str, widths: Sequence[float], bold: bool = False,
              italic: bool = True) -> None:  # fmt: skip
    """A line of a sheet across its table, wrapped (a few rows a sheet): a long line left to
    overflow would print cut at the page's edge, or widen the page and shrink its text."""
    _text(ws, f"A{row}", text, bold=bold, italic=italic)
    ws[f"A{row}"].alignment = WRAP_TOP
    ws.merge_cells(f"A{row}:{get_column_letter(len(widths))}{row}")
    ws.row_dimensions[row].height = 16 * _lines(text, min(sum(widths), ROOM["landscape"]), 12,
                                                bold=bold)  # fmt: skip


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
CONTENT_FILL = PatternFill("solid", fgColor="F2F2F2")


def _emulation(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """The movement content by content: criteria met, funds, OCOP and the communes' items, in
    the month, the year to date or as they stand (one row a figure; no merged cells)."""
    result = report.emulation
    assert result is not None
    movement = result.emulation
    en = lang is Lang.EN
    month = Period(result.period)
    mm = f"{month.month:02d}"
    widths = [6, 50, 10, 12, 12, 12, 11, 9, 24]
    _text(ws, f"A{top}", t("emulation.sheet.title", lang, month=mm, year=month.year), bold=True)
    title = (movement.title_en or movement.title) if en else movement.title
    _note_row(
        ws,
        top + 1,
        t(
            "emulation.sheet.subtitle",
            lang,
            title=title,
            source=movement.source,
            month=mm,
            year=month.year,
        ),
        widths,
    )
    headers = ["emulation.col.tt", "emulation.col.line", "emulation.col.unit",
               "emulation.col.month", "emulation.col.ytd", "emulation.col.now",
               "emulation.col.reporting", "emulation.col.share", "emulation.col.note"]  # fmt: skip
    _header(ws, top + 3, [t(h, lang) for h in headers])
    row = top + 4
    for i, part in enumerate(result.contents):
        content = part.content
        name = (content.title_en or content.title) if en else content.title
        _row(ws, row, [ROMAN[i] if i < len(ROMAN) else str(i + 1), f"{content.ordinal}: {name}"])
        for col in (1, 2):
            ws.cell(row, col).font = Font(name=FONT, bold=True)
        row += 1
        number = 0
        for line in part.lines:
            if line.what != "programme":
                number += 1
            values = _emulation_values(line, number, lang)
            _row(ws, row, values, wrap=(2, 3, 9))
            if line.what == "programme":
                ws.cell(row, 2).font = Font(name=FONT, italic=True)
            money = line.what in ("fund", "funds_total", "debt")
            decimal = line.what == "item" and any(
                i.id == line.key and not i.whole for i in movement.items
            )
            for col in (4, 5, 6):
                ws.cell(row, col).number_format = MONEY if money or decimal else "#,##0"
            ws.cell(row, 8).number_format = PERCENT
            lines = max(
                _lines(str(values[1]), widths[1]),
                _lines(str(values[8]) if len(values) > 8 else "", widths[8]),
            )
            if lines > 1:
                ws.row_dimensions[row].height = 15 * lines
            row += 1
    last = row - 1
    row += 1
    _text(ws, f"A{row}", t("emulation.notes.title", lang), bold=True)
    notes = [t("emulation.notes.sums", lang), t("emulation.notes.office", lang)]
    if result.illustrative:
        notes.append(t("emulation.notes.illustrative", lang, n=result.illustrative))
    for note in notes:
        row += 1
        _text(ws, f"B{row}", note, italic=True)
        _wrapped(ws, row, note, widths[1])
    row += 2
    _text(ws, f"A{row}", t("emulation.notes.contents", lang), bold=True)
    for i, content in enumerate(movement.contents):
        row += 1
        _text(ws, f"A{row}", ROMAN[i] if i < len(ROMAN) else str(i + 1))
        ws[f"A{row}"].alignment = Alignment(vertical="top")  # beside the first line of its text
        text = f"{content.ordinal}, {content.text}"
        _text(ws, f"B{row}", text)
        _wrapped(ws, row, text, widths[1])
    _finish(
        ws, header_row=top + 3, widths=widths, filter_table=False, last_row=last, top=top, lang=lang
    )


def _wrapped(ws: Worksheet, row: int, text: str, width: float) -> None:
    """Column B of `row` wraps `text`, and the row is as tall as its lines: a spreadsheet
    program opening the file does not grow a row by itself, so long text would print over the
    next rows."""
    ws.cell(row, 2).alignment = WRAP_TOP
    ws.row_dimensions[row].height = 15 * _lines(text, width)


def _emulation_values(line: Line, number: int, lang: Lang) -> list[Any]:
    """A line of the emulation sheet: TT, label, unit, month, year, now, reporting, share,
    note."""
    en = lang is Lang.EN
    label, unit = (line.label_en, line.unit_en) if en else (line.label, line.unit)
    if line.what == "programme":
        return ["", label]
    if line.what == "criterion":
        label = t("emulation.line.criterion", lang, number=line.key, name=label)
        unit = t("emulation.unit.communes", lang)
    elif line.what == "fund":
        label = t("emulation.line.fund", lang, source=t(f"fund.{line.key}", lang))
    elif line.what in ("funds_total", "debt"):
        label = t(f"emulation.line.{line.what}", lang)
    elif line.what == "ocop":
        label = t("emulation.line.ocop", lang, stars=line.key)
        unit = t("emulation.unit.products", lang)
    if line.what in ("fund", "funds_total", "debt"):
        unit = t("emulation.unit.money", lang)
    notes = []
    if line.illustrative:
        notes.append(t("emulation.note.illustrative", lang))
    if line.basis is Basis.OFFICE:
        notes.append(t("emulation.note.office", lang))
    return [str(number), label, unit, line.month, line.year, line.now, line.reporting,
            line.share, "; ".join(notes)]  # fmt: skip


def _returns(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    _returns_table(ws, report.completeness, lang, top)


def _returns_table(ws: Worksheet, result: Completeness, lang: Lang, first: int) -> None:
    """Returns by district, and the communes missing or late: two tables, so neither header
    repeats over the other."""
    headers = [t("report.col.code", lang), t("report.col.district", lang),
               t("report.col.expected", lang), t("report.col.received", lang),
               t("report.col.missing", lang), t("report.col.late", lang),
               t("report.col.share", lang)]  # fmt: skip
    widths = [8, 24, 20, 14, 10, 10, 10]
    # communes directly under the province (no district level from 01/7/2025): the total alone
    by_district = [d for d in result.districts if d.district.kind is not UnitKind.PROVINCE]
    if result.districts and not by_district:
        headers[1] = t("report.col.unit", lang)
    _header(ws, first, headers)
    for i, d in enumerate(by_district):
        _row(ws, first + 1 + i, [d.district.code, d.district.name, len(d.expected),
                                 len(d.submitted), len(d.missing), len(d.late), d.rate],
             wrap=(2,))  # fmt: skip
        ws.cell(first + 1 + i, 7).number_format = PERCENT
    total = first + 1 + len(by_district)
    label = t("completeness.total" if result.whole_area else "completeness.subtotal", lang)
    _row(ws, total, ["", label, result.expected, result.submitted,
                     result.missing, result.late, result.rate])  # fmt: skip
    ws.cell(total, 7).number_format = PERCENT
    for col in range(1, 8):
        ws.cell(total, col).font = Font(name=FONT, bold=True)
    top = total + 2
    shown = bool(by_district) or not result.districts  # the district column
    district_col = [t("report.col.district", lang)] if shown else []
    _header(ws, top, [t("report.col.code", lang), t("report.col.commune", lang), *district_col,
                      t("report.col.state", lang)])  # fmt: skip
    row = top + 1
    for d in result.districts:
        for unit, key in [(u, "report.col.missing") for u in d.missing] + [
            (u, "report.col.late") for u in d.late
        ]:
            district = [d.district.name] if shown else []
            _table_row(
                ws, row, [unit.code, unit.name, *district, t(key, lang)], widths, wrap=(2, 3)
            )
            row += 1
    ws.auto_filter.ref = f"A{top}:{'D' if shown else 'C'}{max(row - 1, top)}"
    _finish(ws, header_row=first, widths=widths, filter_table=False, repeat=False, top=first,
            lang=lang)  # fmt: skip


def _changes(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    sets = {c.unit.code: report.set_of(c.ret) for c in report.communes}
    widths = [8, 22, 40, 40, 30]
    _header(ws, top, [t("report.col.code", lang), t("report.col.unit", lang),
                    t("report.col.gained", lang), t("report.col.lost", lang),
                    t("report.col.recognition", lang)])  # fmt: skip
    for i, c in enumerate(report.changes):
        row = top + 1 + i
        names = _names(sets.get(c.unit.code), lang)
        texts = [c.unit.name,
                 "; ".join(f"{n}. {names.get(n, '')}" for n in c.gained),
                 "; ".join(f"{n}. {names.get(n, '')}" for n in c.lost),
                 _recognition_text(c, report.plan.ladder, lang)]  # fmt: skip
        _table_row(ws, row, [c.unit.code, *texts], widths, wrap=(2, 3, 4, 5))
    if not report.changes:
        _text(ws, f"A{top + 1}", t("report.none", lang), italic=True)
    _finish(
        ws, header_row=top, widths=widths, last_row=top + len(report.changes), top=top, lang=lang
    )


def _recognition_text(c: Change, ladder: Ladder, lang: Lang) -> str:
    """ "NTM nâng cao → NTM kiểu mẫu (QĐ …, 20/06/2024)"; a claim from a return says so."""
    parts = []
    task = c.unit.kind in TASK_KINDS
    if c.level_changed:
        before = _capital(_reached(c.level_before, task, lang))
        text = f"{before} → {_reached(c.level_after, task, lang)}"
        parts.append(f"{text} ({c.decision})" if c.decision else text)
    if c.reported is not None:
        r = c.reported
        detail = ", ".join(
            x for x in (r.decision, f"{r.decided_on:%d/%m/%Y}" if r.decided_on else "") if x
        )
        claim = t("report.reported", lang, level=_reached(ladder.get(r.level), task, lang))
        parts.append(f"{claim} ({detail})" if detail else claim)
    return "; ".join(parts)


def _notes(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """The month's import warnings, and the registry rows with illustrative figures: two
    tables, each under its own title."""
    widths = [10, 36, 90]
    _text(ws, f"A{top}", t("report.notes.warnings", lang), bold=True)
    _header(ws, top + 1,
            [t("report.col.code", lang), t("report.col.file", lang),
             t("report.col.warning", lang)])  # fmt: skip
    row = top + 2
    for note in report.notes:
        warning = note.message  # a stored warning (an Issue), worded in the report's language
        text = warning.text(lang) if isinstance(warning, Issue) else str(warning)
        _table_row(ws, row, [note.unit_code, note.source, text], widths, wrap=(2, 3))
        row += 1
    if not report.notes:
        _text(ws, f"A{row}", t("report.none", lang), italic=True)
        row += 1
    row += 1
    _text(ws, f"A{row}", t("report.notes.illustrative", lang), bold=True)
    _header(
        ws, row + 1, [t("report.col.code", lang), t("col.name", lang), t("report.col.source", lang)]
    )
    for i, unit in enumerate(report.illustrative):
        note_text = _note(unit, report, lang)
        _table_row(ws, row + 2 + i, [unit.code, unit.name, note_text], widths, wrap=(2, 3))
    _finish(
        ws, header_row=top + 1, widths=widths, filter_table=False, repeat=False, top=top, lang=lang
    )


def _note(unit: Unit, report: Report, lang: Lang) -> str:
    """The registry's note on a unit in the report's language only: a note written only in the
    other language is not shown; the row's own figures are, in the catalogue's words (its
    level as of the report date, with the decision, and that the figures are illustrative)."""
    own = unit.source_en if lang is Lang.EN else unit.source
    if own:
        return own
    parts = []
    if level_of(unit, as_of=report.as_of) is not None:
        parts.append(standing_text(standing(unit, report.as_of), lang))
    if unit.illustrative:
        parts.append(t("report.note.illustrative", lang))
    return _capital("; ".join(parts)) if parts else t("report.note.none", lang)


# -- cells and layout -----------------------------------------------------------------------


def _text(ws: Worksheet, ref: str, value: str, bold: bool = False, italic: bool = False,
          size: int = 12) -> None:  # fmt: skip
    cell = ws[ref]
    set_text(cell, value)
    cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)


# Each sheet's header rows and their titles, till `_finish` knows the columns' widths and makes
# each row as tall as its longest title wraps to.
_HEADERS: WeakKeyDictionary[Worksheet, dict[int, Sequence[str]]] = WeakKeyDictionary()


def _header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    _HEADERS.setdefault(ws, {})[row] = titles
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row, col)
        set_text(cell, title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


CELL_STYLE = "ntm"
# Each workbook's body-cell styles as openpyxl holds them on a cell, worked out once (see _row).
_STYLES: WeakKeyDictionary[Workbook, tuple[StyleArray, StyleArray, StyleArray]] = (
    WeakKeyDictionary()
)


def _new_book() -> RowBook:
    """A workbook with the body-cell style registered once: a named style costs a fraction of
    a font and a border set on each of 400,000 cells of a national report."""
    book = RowBook()
    # The workbook's own font is the report's: column widths are counted in its digits, and
    # Times New Roman's are the same wherever the file is opened (Liberation Serif has its
    # metrics), where Calibri falls back to a wider font on a machine without it.
    normal = Font(name=FONT, sz=11, family=1)
    book._fonts = IndexedList([normal])  # type: ignore[attr-defined]
    book._named_styles["Normal"].font = normal  # type: ignore[attr-defined]
    book.add_named_style(NamedStyle(name=CELL_STYLE, font=Font(name=FONT), border=BOX))
    return book


def _body_style(ws: Worksheet) -> StyleArray:
    return _body_styles(ws)[0]


def _body_styles(ws: Worksheet) -> tuple[StyleArray, StyleArray, StyleArray]:
    """The body-cell styles of the sheet's workbook, centred from top to bottom: plain, with
    its text wrapped, and for an amount of money: named once on a scratch cell, then copied
    to each body cell. Setting `cell.style` by name looks the name up among the workbook's
    styles on every call, a fifth of a national report's time."""
    book = ws.parent
    assert book is not None
    found = _STYLES.get(book)
    if found is None:
        scratch: Any = ws.cell(1, 1)  # a cell's style array is not in openpyxl's type stubs
        kept = copy(scratch._style)
        scratch.style = CELL_STYLE
        scratch.alignment = MIDDLE
        plain = copy(scratch._style)
        scratch.alignment = WRAP_MIDDLE
        wrapped = copy(scratch._style)
        scratch.alignment = MIDDLE
        scratch.number_format = MONEY
        money = copy(scratch._style)
        scratch._style = kept
        found = _STYLES[book] = (plain, wrapped, money)
    return found


def _row(ws: Worksheet, row: int, values: Sequence[Any], wrap: tuple[int, ...] = (),
         money: tuple[int, ...] = ()) -> None:  # fmt: skip
    """Body cells from column A; the columns in `wrap` wrap their text (the caller sizes the
    row: a spreadsheet program opening the file does not grow a row by itself), those in
    `money` show amounts (a copied style, not a number format looked up cell by cell)."""
    style, wrapped, amount = _body_styles(ws)
    for col, value in enumerate(values, start=1):
        cell: Any = ws.cell(row, col)
        kind = type(value)
        if kind is str:
            set_text(cell, value)
        elif kind is int or kind is float or value is None:
            # what openpyxl's value setter does for a number, without its chain of type tests
            cell._value = value
            cell.data_type = "n"
        else:
            cell.value = value
        cell._style = copy(wrapped if col in wrap else amount if col in money else style)


# Each workbook's body-cell styles by their index, for rows kept as XML.
_IDS: WeakKeyDictionary[Workbook, tuple[int, ...]] = WeakKeyDictionary()


def _table_row(ws: Worksheet, row: int, values: Sequence[Any], widths: Sequence[float],
               wrap: tuple[int, ...] = (), money: tuple[int, ...] = ()) -> None:  # fmt: skip
    """A row of a long table (a row per commune), as `_row` lays it out, kept as the XML of
    its cells till the workbook is saved: no cell object is built for it, so nothing may set
    a cell of it afterwards. The row is as tall as the longest text of its `wrap` columns
    wraps to in their `widths`."""
    book = ws.parent
    assert isinstance(book, RowBook)
    ids = _IDS.get(book)
    if ids is None:
        ids = _IDS[book] = tuple(book.style_id(s) for s in _body_styles(ws))
    style, wrapped, amount = ids
    styles = [wrapped if col in wrap else amount if col in money else style
              for col in range(1, len(values) + 1)]  # fmt: skip
    lines = max((_lines(str(values[col - 1] or ""), widths[col - 1]) for col in wrap), default=1)
    put_row(ws, row, values, styles, height=15 * lines if lines > 1 else None)


def _last_row(ws: Worksheet) -> int:
    book = ws.parent
    return book.last_row(ws) if isinstance(book, RowBook) else ws.max_row


# Columns (in width units: about 7 pixels, a character of 11 pt) that print side by side on
# A4 at full size, with the margins below: landscape and portrait.
ROOM = {"landscape": 135.0, "portrait": 94.0}
SMALLEST = 9 / 11  # no page shrinks its 11 pt text below 9 pt


def _finish(
    ws: Worksheet,
    header_row: int,
    widths: Sequence[float],
    freeze: bool = True,
    freeze_col: str = "A",
    filter_table: bool = True,
    last_row: int | None = None,
    repeat: bool = True,
    portrait: bool = False,
    top: int = 1,
    *,
    lang: Lang,
) -> None:
    """Column widths, frozen header and filter; A4 print set-up: the header repeated on every
    page only when `repeat` (a sheet of one table), page numbers in the footer, fitted to the
    page's width only where its text stays at 9 pt or more (else the first columns repeat on
    the pages to the right); an appendix's heading (`top` > 1) centred over its first page."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, titles in _HEADERS.pop(ws, {}).items():
        if ws.row_dimensions[row].height is None:  # the criteria's turned headers have theirs
            lines = max(
                _lines(title, w, bold=True) for title, w in zip(titles, widths, strict=False)
            )
            ws.row_dimensions[row].height = 15 * lines
    if freeze and header_row:
        ws.freeze_panes = f"{freeze_col}{header_row + 1}"
    if filter_table and last_row is not None and last_row > header_row and not ws.auto_filter.ref:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{last_row}"
    if not ws.print_area:  # the table's columns: text overflowing them would widen the page
        ws.print_area = f"A1:{get_column_letter(len(widths))}{max(_last_row(ws), 1)}"
    if repeat and header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    orientation: Literal["portrait", "landscape"] = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.footer = 0.25
    footer = ws.oddFooter
    assert footer is not None
    footer.center.text = t("report.doc.page", lang, page="&P", pages="&N")
    footer.center.font = FONT
    footer.center.size = 10
    room = ROOM[orientation]
    total = sum(widths)
    if total > room and total * SMALLEST <= room:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    elif total > room:
        ws.print_title_cols = "A:B"  # the code and the name, on the pages to the right
    if top > 1:
        _centre_head(ws, widths, total if total * SMALLEST <= room else room)


def _title(report: Report, lang: Lang) -> str:
    if report.closing is not None:
        plan = report.plan
        return t("report.closing.title", lang, number=plan.number, start=plan.start_year,
                 end=plan.end_year)  # fmt: skip
    month = Period(report.period)
    return t("report.title", lang, month=f"{month.month:02d}", year=month.year)


def _units_after(ws: Worksheet, report: Report, lang: Lang, top: int) -> None:
    """Where each unit of the plan's list went when the next list came into force: a commune-
    level unit into its new unit(s), a district-level unit or the province (not on the new
    list) through the units its communes went into; the level each had reached the day before.
    No level is carried to a new unit."""
    closing = report.closing
    assert closing is not None and closing.successor is not None
    english = lang is Lang.EN
    successor = closing.successor
    day = successor.valid_from
    before = f"{day - dt.timedelta(days=1):%d/%m/%Y}" if day else ""
    headers = [t("report.col.code", lang), t("report.col.unit", lang),
               t("report.col.district", lang), t("report.col.level_before", lang, day=before),
               t("report.col.now_in", lang, day=f"{day:%d/%m/%Y}" if day else ""),
               t("report.col.merge_kind", lang)]  # fmt: skip
    widths = [8, 22, 18, 24, 44, 14]
    _header(ws, top, headers)
    for i, move in enumerate(closing.moves):
        _table_row(ws, top + 1 + i, _move_values(move, successor.label(english), lang), widths,
                   wrap=(2, 3, 4, 5, 6))  # fmt: skip
    _finish(ws, header_row=top, widths=widths, last_row=top + len(closing.moves), top=top,
            lang=lang)  # fmt: skip


def _move_values(move: Move, successor: str, lang: Lang) -> list[Any]:
    unit = move.unit
    task = unit.kind in TASK_KINDS
    reached = _capital(_reached(move.level, task, lang)) if move.level is not None else ""
    if move.into:
        now_in = "; ".join(f"{link.new_name} ({link.new_code})" for link in move.into)
        kinds = _capital("; ".join(dict.fromkeys(t(f"crosswalk.merge.{link.merge_kind}", lang)
                                                 for link in move.into)))  # fmt: skip
    elif move.through:
        units = ", ".join(f"{name} ({code})" for code, name in move.through)
        now_in = t("report.closing.through", lang, edition=successor, units=units)
        kinds = ""
    else:
        now_in, kinds = t("report.closing.no_link", lang), ""
    district = move.district.name if move.district is not None else ""
    return [unit.code, unit.name, district, reached, now_in, kinds]


APPENDIX: dict[str, Callable[[Worksheet, Report, Lang, int], None]] = {
    "units_after": _units_after,
    "districts": _districts,
    "communes": _communes,
    "criteria": _criteria,
    "advice": _advice,
    "emulation": _emulation,
    "returns": _returns,
    "changes": _changes,
    "notes": _notes,
}
