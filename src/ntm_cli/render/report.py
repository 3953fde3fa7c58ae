"""The monthly report workbook for the province's leadership, and the one-sheet exports.

Every figure comes from a computed Report; this module only lays it out. Text that came from a
submission goes through set_text, so it is always a text cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.emulation import Basis
from ntm_cli.domain.i18n import Lang, level_word, t
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import Ladder, Level, MilestoneKind, Registry, Scope, Unit
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import FUND_SOURCES, CriteriaSet, Criterion
from ntm_cli.domain.status import level_of
from ntm_cli.domain.text import set_text
from ntm_cli.engine.completeness import Completeness
from ntm_cli.engine.emulation import EmulationResult, Line
from ntm_cli.engine.progress import MilestoneResult, Progress, Verdict
from ntm_cli.engine.report import (
    TASK_KINDS,
    Change,
    Report,
    Standing,
    Totals,
    roman,
    standing,
)
from ntm_cli.render.progress import milestone_label, status_label

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


def build_report_workbook(
    report: Report, lang: Lang, office: str = "", place: str = ""
) -> Workbook:
    """The nine sheets (eight without an emulation movement), the two charts, print set-up and
    properties; `office` and `place` are the project file's (the office's name and where it
    signs), else the defaults."""
    book = _new_book()
    first = book.active
    assert first is not None
    book.remove(first)
    summary = book.create_sheet(t("report.sheet.summary", lang))
    _summary(summary, report, lang, office, place)
    if report.forecast is not None and report.gaps is not None:
        _advice(book.create_sheet(t("report.sheet.advice", lang)), report, lang)
    if report.emulation is not None:
        _emulation(book.create_sheet(t("report.sheet.emulation", lang)), report.emulation, lang)
    districts = book.create_sheet(t("report.sheet.districts", lang))
    _districts(districts, report, lang)
    _communes(book.create_sheet(t("report.sheet.communes", lang)), report, lang)
    _criteria(book.create_sheet(t("report.sheet.criteria", lang)), report, lang)
    _returns(book.create_sheet(t("report.sheet.returns", lang)), report.completeness, lang)
    _changes(book.create_sheet(t("report.sheet.changes", lang)), report, lang)
    _notes(book.create_sheet(t("report.sheet.notes", lang)), report, lang)
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
    _finish(sheet, header_row=1, widths=[22, 60, 8, 14, 12, 14, 12, 18])
    return book


def completeness_workbook(result: Completeness, lang: Lang) -> Workbook:
    book = _new_book()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("report.sheet.returns", lang)
    _returns(sheet, result, lang)
    return book


# -- sheets ------------------------------------------------------------------------------------


def _summary(ws: Worksheet, report: Report, lang: Lang, office: str, place: str) -> None:
    plan = report.plan
    area = report.registry.by_code.get(plan.area_code)
    if not place:
        place = (
            area.name.split(" ", 1)[1] if area and " " in area.name else (area.name if area else "")
        )
    _text(ws, "A1", plan.issuer.upper(), bold=True)
    _text(ws, "A2", office.upper() if office else t("report.office", lang), bold=True)
    _text(ws, "E1", t("report.motto1", lang), bold=True)
    _text(ws, "E2", t("report.motto2", lang), bold=True)
    day = report.today
    # Decree 30/2020/NĐ-CP: a leading zero for days under 10 and for January and February
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    if lang is Lang.EN:
        d, m = f"{day.day:02d}", f"{day.month:02d}"
    _text(ws, "E3", t("report.place_date", lang, place=place, d=d, m=m, y=day.year), italic=True)
    for ref in ("A1", "A2", "E1", "E2", "E3"):
        ws[ref].alignment = Alignment(horizontal="center")
    ws.merge_cells("A1:C1")
    ws.merge_cells("A2:C2")
    ws.merge_cells("E1:H1")
    ws.merge_cells("E2:H2")
    ws.merge_cells("E3:H3")
    title = _title(report, lang)
    _text(ws, "A5", title, bold=True, size=14)
    ws.merge_cells("A5:H5")
    as_of = f"{report.as_of:%d/%m/%Y}"
    _text(ws, "A6", t("report.subtitle", lang, number=plan.number, as_of=as_of), italic=True)
    ws.merge_cells("A6:H6")
    for ref in ("A5", "A6"):
        ws[ref].alignment = Alignment(horizontal="center")
    year = report.progress.year
    _text(ws, "A8", t("report.milestones", lang, year=year), bold=True)
    last = _milestone_table(ws, 9, report.progress, report.registry, lang)
    row = last + 2
    _text(ws, f"A{row}", t("report.headlines", lang), bold=True)
    headers = ["report.col.scope", "report.col.level", "report.col.now", "report.col.before",
               "report.col.change", "report.col.denominator", "report.col.share"]  # fmt: skip
    _header(ws, row + 1, [t(h, lang) for h in headers])
    for i, h in enumerate(report.headlines):
        r = row + 2 + i
        scope = t(f"scope.{h.scope}", lang)
        values = [scope, level_word(h.level, lang), h.now, h.before, h.now - h.before,
                  h.denominator, h.now / h.denominator if h.denominator else 0]  # fmt: skip
        _row(ws, r, values)
        ws.cell(r, 7).number_format = PERCENT
        ws.cell(r, 5).number_format = "+0;-0;0"
    row = row + 2 + len(report.headlines) + 1
    row = _province(ws, row, report, lang)
    if report.totals is not None:
        row = _totals(ws, row + 1, report.totals, lang)
    sign = row + 2
    for col, key in ((2, "report.signer_left"), (6, "report.signer_right")):
        _text(ws, f"{get_column_letter(col)}{sign}", t(key, lang), bold=True)
        _text(ws, f"{get_column_letter(col)}{sign + 1}", t("report.sign", lang), italic=True)
    if report.illustrative:
        _text(ws, f"A{sign + 3}", t("report.illustrative_note", lang, n=len(report.illustrative)),
              italic=True)  # fmt: skip
    _milestone_chart(ws, report, lang, anchor=f"B{sign + 5}", first=10, last=last)
    _finish(ws, header_row=9, widths=[22, 60, 8, 14, 12, 14, 12, 18], freeze=False)
    ws.print_title_rows = "9:9"


def _milestone_table(
    ws: Worksheet,
    top: int,
    result: Progress | Sequence[MilestoneResult],
    registry: Registry,
    lang: Lang,
    ids: bool = False,
) -> int:
    """Milestone rows from `top` (header) on, numbered 1, 2… in a TT column (`ids`: the
    milestones' ids instead, for the one-sheet export an analyst joins with other data);
    returns the last row written."""
    results = result.results if isinstance(result, Progress) else result
    headers = ["report.col.id" if ids else "report.col.tt", "report.col.milestone", "col.period",
               "report.col.required", "report.col.actual", "report.col.denominator",
               "report.col.shortfall", "report.col.status"]  # fmt: skip
    _header(ws, top, [t(h, lang) for h in headers])
    ws.cell(top, 3).value = "Năm" if lang is Lang.VI else "Year"
    for i, r in enumerate(results):
        m = r.milestone
        row = top + 1 + i
        label = milestone_label(m, registry, lang)
        if not m.binding:
            label += f" ({t('progress.aspirational', lang)})"
        _row(ws, row, [m.id if ids else str(i + 1), label, m.year, r.required, r.actual,
                       r.denominator, r.shortfall, status_label(r, lang)])  # fmt: skip
        ws.cell(row, 8).fill = STATUS_FILL[r.verdict]
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        if m.kind is MilestoneKind.SHARE:
            set_text(ws.cell(row, 2), f"{label} ({m.target:g}%)")
    last = top + len(results)
    if results and not ws.auto_filter.ref:  # a sheet has one filter: the first table's
        ws.auto_filter.ref = f"A{top}:H{last}"
    return last


def _province(ws: Worksheet, row: int, report: Report, lang: Lang) -> int:
    """Section III: the province's own result and the plan's province-scope milestones, from
    `row`; returns the last row written."""
    _text(ws, f"A{row}", t("report.province", lang), bold=True)
    province = report.province
    if province is None or province.standing is None:
        row += 1
        _text(ws, f"A{row}", t("report.province.none", lang), italic=True)
        return row
    s = province.standing
    row += 1
    _text(ws, f"A{row}", t("report.province.standing", lang, name=s.unit.name,
                           result=standing_text(s, lang)))  # fmt: skip
    if province.milestones:
        row = _milestone_table(ws, row + 1, province.milestones, report.registry, lang)
    return row


def _totals(ws: Worksheet, row: int, totals: Totals, lang: Lang) -> int:
    """Section IV: funds by source and in total, construction debt, OCOP products by stars,
    each with the communes whose returns give it; returns the last row written."""
    _text(ws, f"A{row}", t("report.totals", lang), bold=True)
    _header(ws, row + 1, [t("report.col.tt", lang), t("report.col.content", lang),
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
    row += 1
    for tt, label, unit, figure, reporting, bold in lines:
        row += 1
        _row(ws, row, [tt, label, unit, figure, reporting])
        ws.cell(row, 4).number_format = MONEY if unit == money else "#,##0"
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


def _milestone_chart(
    ws: Worksheet, report: Report, lang: Lang, anchor: str, first: int, last: int
) -> None:
    if last < first:
        return
    chart = BarChart()
    chart.type = "col"
    chart.title = t("report.chart.milestones", lang)
    chart.y_axis.title = "đơn vị" if lang is Lang.VI else "units"
    data = Reference(ws, min_col=4, max_col=5, min_row=first - 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))  # names
    chart.height, chart.width = 9, 18
    chart.x_axis.delete = chart.y_axis.delete = False  # Excel hides axes left unspecified
    ws.add_chart(chart, anchor)


def _districts(ws: Worksheet, report: Report, lang: Lang) -> None:
    headers = [t("report.col.code", lang), t("report.col.district", lang),
               t("report.col.communes", lang)]  # fmt: skip
    ladder = report.plan.ladder
    for level in ladder:
        headers += [level_word(level, lang), t("report.col.share", lang)]
    headers += [t("report.col.received", lang), t("report.col.plan_share", lang),
                t("report.col.not_yet", lang), t("report.col.standing", lang),
                t("report.col.decision", lang)]  # fmt: skip
    _header(ws, 1, headers)
    plan_share = _plan_share(report)
    for i, d in enumerate(report.districts):
        row = 2 + i
        values: list[Any] = [d.district.code, d.district.name, d.communes]
        for level in ladder:
            n = d.at_level[level]
            values += [n, n / d.communes if d.communes else 0]
        values += [d.received, plan_share, d.not_yet]
        if d.standing is not None:
            values += [_capital(standing_text(d.standing, lang, decision=False)),
                       d.standing.decision]  # fmt: skip
        _row(ws, row, values)
        for col in (*range(5, 5 + 2 * len(ladder), 2), 5 + 2 * len(ladder)):
            ws.cell(row, col).number_format = PERCENT
    last = 1 + len(report.districts)
    if report.illustrative:
        _text(ws, f"A{last + 2}", t("report.illustrative_note", lang, n=len(report.illustrative)),
              italic=True)  # fmt: skip
    if report.districts:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
        chart = BarChart()
        chart.type = "col"
        chart.title = t("report.chart.districts", lang, year=report.progress.year)
        second = 5 + 2 * min(1, len(ladder) - 1)  # the share at the second rung, else the first
        chart.add_data(Reference(ws, min_col=second, min_row=1, max_row=last),
                       titles_from_data=True)  # fmt: skip
        chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=last))
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        line = LineChart()
        plan_col = 5 + 2 * len(ladder)  # the plan's share, after each rung's count and share
        line.add_data(Reference(ws, min_col=plan_col, min_row=1, max_row=last),
                      titles_from_data=True)  # fmt: skip
        chart += line
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.height, chart.width = 10, 22
        ws.add_chart(chart, f"A{last + 4}")
    widths = [8, 24, 8, *[10, 8] * len(ladder), 12, 14, 12, 36, 24]
    _finish(ws, header_row=1, widths=widths)


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


def _communes(ws: Worksheet, report: Report, lang: Lang) -> None:
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
    _header(ws, 1, headers)
    for i, c in enumerate(report.communes):
        row = 2 + i
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
            c.met() if ret else None, total if ret else None, None, c.last_period,
            *((ret.ocop.get(s) if ret else None) for s in (3, 4, 5)),
            ret.debt if ret else None,
        ]  # fmt: skip
        funds = c.funds(report.period)  # the month's funds: an older return's are not
        values += [funds.get(source) if funds else None for source in FUND_SOURCES]
        values.append(sum(funds.values()) if funds else None)
        _row(ws, row, values)
        after = 4 + len(ladder)  # the columns after the year of each rung
        set_text(ws.cell(row, after + 3), not_met)
        notes = "; ".join(f"{n}: {text}" for n, text in ret.notes.items()) if ret else ""
        set_text(ws.cell(row, after + 15), notes)  # the commune's own words: never a formula
        for col in range(after + 8, after + 15):
            ws.cell(row, col).number_format = MONEY
    widths = [8, 22, 20, 12, *[8] * len(ladder), 8, 8, 60, 10, 8, 8, 8, 14]
    widths += [14] * (len(FUND_SOURCES) + 1) + [40]
    _finish(ws, header_row=1, widths=widths, last_row=1 + len(report.communes))


def _criteria(ws: Worksheet, report: Report, lang: Lang) -> None:
    """One table per criteria set in use (communes towards NTM, advanced, model report on
    different sets): its title, the criteria across, a row per commune, the share meeting."""
    met, not_met = t("report.met", lang), t("report.not_met", lang)
    row = 1
    widest = 0
    for criteria in report.sets_in_use():
        reported = criteria.reported
        widest = max(widest, len(reported))
        title = criteria.title if lang is Lang.VI else (criteria.title_en or criteria.title)
        _text(ws, f"A{row}", f"{title} ({criteria.decision})", bold=True)
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
            _row(ws, row, [c.unit.code, c.unit.name, *cells])
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
    _finish(ws, header_row=2, widths=[8, 22] + [6] * widest, freeze_col="C",
            last_row=max(row - 2, 2))  # fmt: skip
    ws.print_title_rows = None  # a table per set, each with its own header


OUTLOOK_FILL = {
    "likely": PatternFill("solid", fgColor="C6EFCE"),
    "at risk": PatternFill("solid", fgColor="FFEB9C"),
    "unlikely": PatternFill("solid", fgColor="FFC7CE"),
}


def _advice(ws: Worksheet, report: Report, lang: Lang) -> None:
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
    _text(ws, "A1", t("advice.forecast", lang), bold=True)
    headers = ["report.col.tt", "report.col.milestone", "forecast.col.year",
               "forecast.col.required", "forecast.col.actual", "forecast.col.needed",
               "forecast.col.ready", "forecast.col.near", "forecast.col.trend",
               "forecast.col.outlook", "advice.col.basis"]  # fmt: skip
    _header(ws, 2, [t(h, lang) for h in headers])
    row = 3
    for number, f in enumerate(forecast.rows, start=1):
        m = f.milestone
        trend: object = f.projected
        if f.trend is not None and not f.trend.enough:
            trend = t("forecast.too_few", lang, n=len(f.trend.years))
        outlook = t(f"forecast.outlook.{f.outlook.value}", lang)
        _row(ws, row, [str(number), milestone_label(m, report.registry, lang), m.year,
                       f.result.required, f.result.actual, f.needed,
                       len(f.ready) if f.by_returns else None,
                       len(f.near) if f.by_returns else None, trend, outlook,
                       basis_text(f, lang)])  # fmt: skip
        ws.cell(row, 10).fill = OUTLOOK_FILL[f.outlook.value]
        row += 1
    if not forecast.rows:
        _text(ws, f"A{row}", t("forecast.none", lang), italic=True)
        row += 1
    last_year = forecast.final_year or forecast.first_year
    _text(ws, f"A{row}", t("forecast.method", lang, first=forecast.first_year, last=last_year,
                           min=MIN_POINTS), italic=True)  # fmt: skip
    for line in [*rule_lines(forecast, lang), *illustrative_lines(forecast, lang)]:
        row += 1
        _text(ws, f"A{row}", line, italic=True)
    row += 2

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
                           c.not_met, c.reporting, c.share])  # fmt: skip
            ws.cell(row, 5).number_format = PERCENT
            row += 1
    row += 1

    # One row a commune and no merged cells (openpyxl checks each merge against every earlier
    # one: thousands of near misses made the national report quadratic): the criteria missing
    # take the wide column B, wrapped, and the row is as tall as their lines.
    widths = [22, 44, 18, 14, 10, 10, 10, 10, 10, 14, 60]
    _text(ws, f"A{row}", t("advice.near", lang, max=NEAR_MISS), bold=True)
    _header(ws, row + 1, [t("report.col.commune", lang), t("gaps.col.missing", lang),
                          t("report.col.district", lang), t("advice.col.towards", lang),
                          t("advice.col.gap", lang), t("report.col.code", lang)])  # fmt: skip
    row += 2
    for section in gaps.levels:
        towards = level_name(section.level, lang)
        for g in (*section.ready, *section.near):
            missing = missing_text(g, section.criteria_set, lang)
            _row(ws, row, [g.unit.name, missing, g.district.name if g.district else "",
                           towards, g.gap, g.unit.code])  # fmt: skip
            _wrapped(ws, row, missing, widths[1])
            row += 1
    _finish(ws, header_row=2, widths=widths, freeze=False)
    ws.print_title_rows = None  # three tables with their own headers: none repeats


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
MONEY = "#,##0.0"
CONTENT_FILL = PatternFill("solid", fgColor="F2F2F2")


def _emulation(ws: Worksheet, result: EmulationResult, lang: Lang) -> None:
    """The movement content by content: criteria met, funds, OCOP and the communes' items, in
    the month, the year to date or as they stand (one row a figure; no merged cells)."""
    movement = result.emulation
    en = lang is Lang.EN
    month = Period(result.period)
    _text(ws, "A1", t("emulation.sheet.title", lang, month=f"{month.month:02d}", year=month.year),
          bold=True, size=14)  # fmt: skip
    title = (movement.title_en or movement.title) if en else movement.title
    _text(ws, "A2", t("emulation.sheet.subtitle", lang, title=title, source=movement.source,
                      month=f"{month.month:02d}", year=month.year), italic=True)  # fmt: skip
    headers = ["emulation.col.tt", "emulation.col.line", "emulation.col.unit",
               "emulation.col.month", "emulation.col.ytd", "emulation.col.now",
               "emulation.col.reporting", "emulation.col.share", "emulation.col.note"]  # fmt: skip
    _header(ws, 4, [t(h, lang) for h in headers])
    row = 5
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
            _row(ws, row, _emulation_values(line, number, lang))
            if line.what == "programme":
                ws.cell(row, 2).font = Font(name=FONT, italic=True)
            money = line.what in ("fund", "funds_total", "debt")
            decimal = line.what == "item" and any(
                i.id == line.key and not i.whole for i in movement.items
            )
            for col in (4, 5, 6):
                ws.cell(row, col).number_format = MONEY if money or decimal else "#,##0"
            ws.cell(row, 8).number_format = PERCENT
            ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    last = row - 1
    row += 1
    _text(ws, f"A{row}", t("emulation.notes.title", lang), bold=True)
    notes = [t("emulation.notes.sums", lang), t("emulation.notes.office", lang)]
    if result.illustrative:
        notes.append(t("emulation.notes.illustrative", lang, n=result.illustrative))
    widths = [6, 70, 12, 14, 14, 16, 12, 10, 30]
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
    _finish(ws, header_row=4, widths=widths, filter_table=False, last_row=last)


WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def _wrapped(ws: Worksheet, row: int, text: str, width: float) -> None:
    """Column B of `row` wraps `text`, and the row is as tall as its lines: a spreadsheet
    program opening the file does not grow a row by itself, so long text would print over the
    next rows."""
    ws.cell(row, 2).alignment = WRAP_TOP
    lines = max(1, math.ceil(len(text) / (width * 1.1)))  # about 1.1 characters a width unit
    ws.row_dimensions[row].height = 15 * lines


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


def _returns(ws: Worksheet, result: Completeness, lang: Lang) -> None:
    headers = [t("report.col.code", lang), t("report.col.district", lang),
               t("report.col.expected", lang), t("report.col.received", lang),
               t("report.col.missing", lang), t("report.col.late", lang),
               t("report.col.share", lang)]  # fmt: skip
    _header(ws, 1, headers)
    for i, d in enumerate(result.districts):
        _row(ws, 2 + i, [d.district.code, d.district.name, len(d.expected), len(d.submitted),
                         len(d.missing), len(d.late), d.rate])  # fmt: skip
        ws.cell(2 + i, 7).number_format = PERCENT
    total = 2 + len(result.districts)
    label = t("completeness.total" if result.whole_area else "completeness.subtotal", lang)
    _row(ws, total, ["", label, result.expected, result.submitted,
                     result.missing, result.late, result.rate])  # fmt: skip
    ws.cell(total, 7).number_format = PERCENT
    for col in range(1, 8):
        ws.cell(total, col).font = Font(name=FONT, bold=True)
    top = total + 2
    _header(ws, top, [t("report.col.code", lang), t("report.col.commune", lang),
                      t("report.col.district", lang), t("report.col.state", lang)])  # fmt: skip
    row = top + 1
    for d in result.districts:
        for unit, key in [(u, "report.col.missing") for u in d.missing] + [
            (u, "report.col.late") for u in d.late
        ]:
            _row(ws, row, [unit.code, unit.name, d.district.name, t(key, lang)])
            row += 1
    ws.auto_filter.ref = f"A{top}:D{max(row - 1, top)}"
    _finish(ws, header_row=1, widths=[8, 24, 20, 14, 10, 10, 10], filter_table=False)


def _changes(ws: Worksheet, report: Report, lang: Lang) -> None:
    sets = {c.unit.code: report.set_of(c.ret) for c in report.communes}
    _header(ws, 1, [t("report.col.code", lang), t("report.col.unit", lang),
                    t("report.col.gained", lang), t("report.col.lost", lang),
                    t("report.col.recognition", lang)])  # fmt: skip
    for i, c in enumerate(report.changes):
        row = 2 + i
        _row(ws, row, [c.unit.code, c.unit.name])
        names = _names(sets.get(c.unit.code), lang)
        set_text(ws.cell(row, 3), "; ".join(f"{n}. {names.get(n, '')}" for n in c.gained))
        set_text(ws.cell(row, 4), "; ".join(f"{n}. {names.get(n, '')}" for n in c.lost))
        set_text(ws.cell(row, 5), _recognition_text(c, report.plan.ladder, lang))
    if not report.changes:
        _text(ws, "A2", t("report.none", lang), italic=True)
    _finish(ws, header_row=1, widths=[8, 24, 50, 50, 40], last_row=1 + len(report.changes))


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


def _notes(ws: Worksheet, report: Report, lang: Lang) -> None:
    _text(ws, "A1", t("report.notes.warnings", lang), bold=True)
    _header(
        ws,
        2,
        [t("report.col.code", lang), t("report.col.file", lang), t("report.col.warning", lang)],
    )
    row = 3
    for note in report.notes:
        set_text(ws.cell(row, 1), note.unit_code)
        set_text(ws.cell(row, 2), note.source)
        warning = note.message  # a stored warning (an Issue), worded in the report's language
        set_text(ws.cell(row, 3), warning.text(lang) if isinstance(warning, Issue) else warning)
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
        _row(ws, row + 2 + i, [unit.code, unit.name])
        set_text(ws.cell(row + 2 + i, 3), _note(unit, report, lang))
    _finish(ws, header_row=2, widths=[10, 36, 90], filter_table=False)


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


def _header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row, col)
        set_text(cell, title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


CELL_STYLE = "ntm"
# Each workbook's body-cell style as openpyxl holds it on a cell, worked out once (see _row).
_BODY: WeakKeyDictionary[Workbook, StyleArray] = WeakKeyDictionary()


def _new_book() -> Workbook:
    """A workbook with the body-cell style registered once: a named style costs a fraction of
    a font and a border set on each of 400,000 cells of a national report."""
    book = Workbook()
    book.add_named_style(NamedStyle(name=CELL_STYLE, font=Font(name=FONT), border=BOX))
    return book


def _body_style(ws: Worksheet) -> StyleArray:
    """The body-cell style of the sheet's workbook: named once on a scratch cell, then copied
    to each body cell. Setting `cell.style` by name looks the name up among the workbook's
    styles on every call, a fifth of a national report's time."""
    book = ws.parent
    assert book is not None
    found = _BODY.get(book)
    if found is None:
        scratch: Any = ws.cell(1, 1)  # a cell's style array is not in openpyxl's type stubs
        kept = copy(scratch._style)
        scratch.style = CELL_STYLE
        found = _BODY[book] = copy(scratch._style)
        scratch._style = kept
    return found


def _row(ws: Worksheet, row: int, values: Sequence[Any]) -> None:
    style = _body_style(ws)
    for col, value in enumerate(values, start=1):
        cell: Any = ws.cell(row, col)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
        cell._style = copy(style)


def _finish(
    ws: Worksheet,
    header_row: int,
    widths: Sequence[float],
    freeze: bool = True,
    freeze_col: str = "A",
    filter_table: bool = True,
    last_row: int | None = None,
) -> None:
    """Frozen header, filter, column widths, A4 landscape with the header on every page."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    if freeze:
        ws.freeze_panes = f"{freeze_col}{header_row + 1}"
    if filter_table and last_row is not None and last_row > header_row and not ws.auto_filter.ref:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{last_row}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _title(report: Report, lang: Lang) -> str:
    month = Period(report.period)
    return t("report.title", lang, month=f"{month.month:02d}", year=month.year)
