"""The monthly report as one HTML page: the same parts, appendices, figures and charts as the
workbook, in a single file that fetches nothing (inline CSS, hand-written SVG), readable on a
phone and printable on A4.

Every figure comes from a computed Report, in the order of PARTS and appendices(report). Every
value is escaped: names and notes come from submitted files.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.emulation import Basis
from ntm_cli.domain.i18n import Lang, level_word, number, percent, t
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import Level, MilestoneKind, Scope, UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import FUND_SOURCES, OCOP_STARS
from ntm_cli.domain.status import at_least, level_of
from ntm_cli.domain.text import nfc
from ntm_cli.engine.progress import MilestoneResult, Verdict, measure
from ntm_cli.engine.report import PARTS, Report, appendices, roman
from ntm_cli.render.progress import milestone_label, row_label, status_label
from ntm_cli.render.report import (
    Letterhead,
    _Doc,
    _doc,
    _names,
    _note,
    _plan_share,
    _recognition_text,
    _title,
    standing_text,
)

NAMED = 30  # near-miss communes named in part V; the appendix lists every one

# -- escaping and cells ---------------------------------------------------------------------


def esc(value: object) -> str:
    """Text as HTML: NFC, every markup character escaped (quotes too, for attributes)."""
    return html.escape(nfc(str(value)), quote=True)


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text (escaped when written) and a CSS class."""

    text: str
    cls: str = ""


Value = str | int | float | Cell | None


def _fmt(value: Value, lang: Lang) -> tuple[str, str]:
    """(escaped text, class) of a value: numbers in the language's way, right-aligned."""
    if value is None:
        return "", ""
    if isinstance(value, Cell):
        return esc(value.text), value.cls
    if isinstance(value, bool):
        return esc(str(value)), ""
    if isinstance(value, int | float):
        return esc(number(value, lang)), "n"
    return esc(value), ""


def _share(part: int | float, whole: int | float, lang: Lang) -> Cell:
    return Cell(percent(100 * part / whole, lang) if whole else "–", "n")


def table(headers: Sequence[str], rows: Iterable[Sequence[Value]], lang: Lang,
          cls: str = "", total: Sequence[Value] | None = None) -> str:  # fmt: skip
    """A table in its own horizontally scrolling box, with a header repeated on each printed
    page and, when given, a bold total row."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        body.append("<tr>" + "".join(_td(v, lang) for v in row) + "</tr>")
    foot = ""
    if total is not None:
        foot = '<tfoot><tr class="total">' + "".join(_td(v, lang) for v in total) + "</tr></tfoot>"
    if not body:
        body.append(f'<tr><td colspan="{len(headers)}" class="none">{esc(t("report.none", lang))}'
                    "</td></tr>")  # fmt: skip
    klass = f' class="{esc(cls)}"' if cls else ""
    return (f'<div class="scroll"><table{klass}><thead><tr>{head}</tr></thead><tbody>'
            + "\n".join(body) + f"</tbody>{foot}</table></div>")  # fmt: skip


def _td(value: Value, lang: Lang) -> str:
    text, cls = _fmt(value, lang)
    if not cls and 0 < len(text) <= 14:  # a code, a month, a level: kept on one line
        cls = "s"
    elif not cls and len(text) > 40:  # a sentence: a column wide enough to read it
        cls = "wrap"
    elif not cls and text:  # a few words: not one a line
        cls = "m"
    return f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>"


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"


VERDICT_CLASS = {
    Verdict.ACHIEVED: "ok",
    Verdict.ACHIEVED_EARLY: "ok",
    Verdict.OPEN: "warn",
    Verdict.AWAITING: "warn",
    Verdict.NOT_YET: "warn",
    Verdict.MISSED: "bad",
    Verdict.UPCOMING: "idle",
}
OUTLOOK_CLASS = {"likely": "ok", "at risk": "warn", "unlikely": "bad"}

# -- the page ---------------------------------------------------------------------------------


def build_report_html(report: Report, lang: Lang, head: Letterhead | None = None) -> str:
    """The whole page: the document head, parts I–V, recipients and signer, then each
    appendix; `head` is who issues it (the project file's [office] and `--number`), with the
    workbook's defaults where it says nothing (render.report._doc)."""
    doc = _doc(report, lang, head or Letterhead())
    parts = {
        "milestones": _milestones,
        "overall": _overall,
        "resources": _resources,
        "returns": _returns_part,
        "proposals": _proposals,
    }
    body = [_head(report, lang, doc)]
    for i, key in enumerate(PARTS, start=1):
        heading = f"{roman(i)}. {t(f'report.part.{key}', lang)}"
        body.append(f'<section id="part-{key}"><h2>{esc(heading)}</h2>'
                    f"{parts[key](report, lang)}</section>")  # fmt: skip
    body.append(_signature(lang, doc))
    writers = {
        "districts": _app_districts,
        "communes": _app_communes,
        "criteria": _app_criteria,
        "advice": _app_advice,
        "emulation": _app_emulation,
        "returns": _app_returns,
        "changes": _app_changes,
        "notes": _app_notes,
    }
    for numeral, key in appendices(report):
        heading = (
            f"{t('report.doc.appendix', lang, n=numeral)} — {t(f'report.appendix.{key}', lang)}"
        )
        wide = " wide" if key in ("communes", "criteria", "districts", "advice") else ""
        body.append(f'<section class="appendix{wide}" id="appendix-{key}"><h2>{esc(heading)}</h2>'
                    f"{writers[key](report, lang)}</section>")  # fmt: skip
    title = _title(report, lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title.capitalize())}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        "<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _head(report: Report, lang: Lang, doc: _Doc) -> str:
    plan = report.plan
    slot = "NUMBERSLOT"
    number = doc.number.strip()
    date_line = t("report.place_date", lang, place=doc.place, d=doc.day, m=doc.month, y=doc.year)
    month = Period(report.period)
    gist = t("report.doc.gist", lang, month=f"{month.month:02d}", year=month.year)
    subtitle = t("report.subtitle", lang, number=plan.number, as_of=f"{report.as_of:%d/%m/%Y}")
    return (
        '<header class="doc">\n<div class="issuer">'
        f'<p class="parent">{esc(doc.parent.upper())}</p>'
        f'<p class="office"><strong>{esc(doc.office.upper())}</strong></p>'
        '<p class="number">'
        + esc(t("report.doc.number", lang, number=slot, abbr=doc.abbreviation)).replace(
            slot, esc(number) if number else '<span class="blank"></span>'
        )
        + "</p>"
        '</div>\n<div class="motto">'
        f"<p><strong>{esc(t('report.motto1', lang))}</strong></p>"
        f'<p class="motto2"><strong>{esc(t("report.motto2", lang))}</strong></p>'
        f'<p class="date"><em>{esc(date_line)}</em></p>'
        "</div>\n</header>\n"
        f"<h1>{esc(t('report.doc.type', lang))}</h1>\n"
        f'<p class="gist"><strong>{esc(gist)}</strong></p>\n'
        f'<p class="subtitle"><em>{esc(subtitle)}</em></p>'
    )


def _signature(lang: Lang, doc: _Doc) -> str:
    recipients = "".join(f"<li>{esc(r if r.startswith('-') else '- ' + r)}</li>"
                         for r in doc.recipients)  # fmt: skip
    recipients += f"<li>{esc(t('report.doc.archive', lang))}</li>"
    title = doc.signer_title
    signer = f'<p class="signer-title"><strong>{esc(title.upper())}</strong></p>'
    signer += f'<p class="sign-note"><em>{esc(t("report.html.sign", lang))}</em></p>'
    if doc.signer_name:
        signer += f'<p class="signer-name"><strong>{esc(doc.signer_name)}</strong></p>'
    return (
        '<section class="closing" id="closing">'
        f'<div class="recipients"><p><strong><em>{esc(t("report.doc.recipients", lang))}</em>'
        f"</strong></p><ul>{recipients}</ul></div>"
        f'<div class="signer">{signer}</div></section>'
    )


# -- parts I–V --------------------------------------------------------------------------------


def _milestone_rows(
    results: Sequence[MilestoneResult], report: Report, lang: Lang
) -> list[list[Value]]:
    rows: list[list[Value]] = []
    for i, r in enumerate(results, start=1):
        m = r.milestone
        label = row_label(m, report.registry, lang)  # the plan's words say the share
        rows.append([str(i), Cell(label, "wrap"), r.required, r.actual, r.shortfall,
                     Cell(status_label(r, lang), VERDICT_CLASS[r.verdict])])  # fmt: skip
    return rows


def _milestone_headers(lang: Lang) -> list[str]:
    return [t(k, lang) for k in ("report.col.tt", "report.col.milestone", "report.html.target",
                                 "report.col.actual", "report.col.shortfall",
                                 "report.html.verdict")]  # fmt: skip


def _milestones(report: Report, lang: Lang) -> str:
    year = report.progress.year
    results = report.progress.results
    out = _p(t("report.html.milestones_year", lang, year=year), "lead")
    out += table(_milestone_headers(lang), _milestone_rows(results, report, lang), lang,
                 "milestones")  # fmt: skip
    out += chart_milestones(report, lang)
    return out


def _overall(report: Report, lang: Lang) -> str:
    headers = [t(k, lang) for k in ("report.col.scope", "report.col.level", "report.col.now",
                                    "report.col.before", "report.col.change",
                                    "report.col.denominator", "report.col.share")]  # fmt: skip
    rows: list[list[Value]] = []
    for h in report.headlines:
        change = h.now - h.before
        rows.append([t(f"scope.{h.scope}", lang), level_word(h.level, lang), h.now, h.before,
                     Cell(f"{change:+d}" if change else "0", "n"), h.denominator,
                     _share(h.now, h.denominator, lang)])  # fmt: skip
    out = f"<h3>1. {esc(t('report.html.units_at_level', lang))}</h3>"
    out += table(headers, rows, lang, "headlines")
    out += chart_path(report, lang)
    out += f"<h3>2. {esc(t('report.html.province', lang))}</h3>"
    province = report.province
    if province is None or province.standing is None:
        return out + _p(t("report.province.none", lang), "note")
    s = province.standing
    out += _p(t("report.province.standing", lang, name=s.unit.name, result=standing_text(s, lang)))
    if province.milestones:
        out += table(
            _milestone_headers(lang),
            _milestone_rows(province.milestones, report, lang),
            lang,
            "province",
        )
    return out


def _resources(report: Report, lang: Lang) -> str:
    totals = report.totals
    if totals is None:
        return _p(t("report.none", lang), "note")
    money, products = t("report.unit.money", lang), t("report.unit.products", lang)
    rows: list[list[Value]] = [[Cell(roman(1), "b"), Cell(t("report.totals.funds", lang), "b"),
                                None, None, None]]  # fmt: skip
    for i, (source, amount) in enumerate(totals.funds.items(), start=1):
        label = t(f"fund.{source}", lang) if f"fund.{source}" in CATALOGUE else source
        rows.append([str(i), label, money, amount, totals.funds_reporting])
    rows.append(
        [
            "",
            Cell(t("report.totals.funds_total", lang), "b"),
            money,
            Cell(number(totals.funds_total, lang), "n b"),
            totals.funds_reporting,
        ]
    )
    rows.append([Cell(roman(2), "b"), Cell(t("report.totals.debt", lang), "b"), money,
                 Cell(number(totals.debt, lang), "n b"), totals.debt_reporting])  # fmt: skip
    rows.append([Cell(roman(3), "b"), Cell(t("report.totals.ocop", lang), "b"), None, None, None])
    for i, (stars, count) in enumerate(totals.ocop.items(), start=1):
        rows.append([str(i), t("report.totals.ocop_stars", lang, stars=stars), products, count,
                     totals.ocop_reporting])  # fmt: skip
    rows.append(["", Cell(t("report.totals.ocop_total", lang), "b"), products,
                 Cell(number(totals.ocop_total, lang), "n b"), totals.ocop_reporting])  # fmt: skip
    headers = [t(k, lang) for k in ("report.col.tt", "report.col.content", "report.col.unit_of",
                                    "report.col.figure", "report.col.reporting")]  # fmt: skip
    return table(headers, rows, lang, "totals")


def _returns_part(report: Report, lang: Lang) -> str:
    c = report.completeness
    headers = [t("report.col.content", lang), t("report.col.figure", lang)]
    rows: list[list[Value]] = [
        [t("report.col.expected", lang), c.expected],
        [t("report.col.received", lang), c.submitted],
        [t("report.col.share", lang), _share(c.submitted, c.expected, lang)],
        [t("report.col.late", lang), c.late],
        [t("report.col.missing", lang), c.missing],
        [
            t("report.approved", lang, total=report.approved[1]),
            report.approved[0],
        ],
    ]
    due = f"{c.due:%d/%m/%Y}" if lang is Lang.VI else c.due.isoformat()
    out = _p(t("report.html.returns_lead", lang, received=c.submitted, expected=c.expected,
               due=due))  # fmt: skip
    if report.approved_only:
        out += _p(t("report.approved_only", lang))
    return out + table(headers, rows, lang, "returns-summary")


def _proposals(report: Report, lang: Lang) -> str:
    out = f"<h3>1. {esc(t('report.html.at_risk', lang))}</h3>"
    forecast = report.forecast
    items = []
    if forecast is not None:
        for f in forecast.rows:
            if f.outlook.value == "likely":
                continue
            label = milestone_label(f.milestone, report.registry, lang)
            outlook = t(f"forecast.outlook.{f.outlook.value}", lang)
            items.append(f'<li><span class="{OUTLOOK_CLASS[f.outlook.value]} tag">{esc(outlook)}'
                         f"</span> {esc(label)} — {esc(t('report.html.needed', lang, n=f.needed))}"
                         "</li>")  # fmt: skip
    out += (
        f'<ul class="risks">{"".join(items)}</ul>'
        if items
        else _p(t("report.html.no_risk", lang), "note")
    )
    out += f"<h3>2. {esc(t('report.html.near_misses', lang))}</h3>"
    gaps = report.gaps
    lines = []
    if gaps is not None:
        for section in gaps.levels:
            close = (*section.ready, *section.near)  # ready first, then closest first
            names = ", ".join(g.unit.name for g in close[:NAMED])
            if len(close) > NAMED:
                names += " " + t("report.html.more", lang, n=len(close) - NAMED)
            words = t("report.html.near_line", lang, level=level_word(section.level, lang),
                      ready=len(section.ready), near=len(section.near))  # fmt: skip
            lines.append(f"<li>{esc(words)}{': ' + esc(names) if names else ''}</li>")
    out += f'<ul class="near">{"".join(lines)}</ul>' if lines else _p(t("report.none", lang))
    return out


# -- appendices --------------------------------------------------------------------------------


def _app_districts(report: Report, lang: Lang) -> str:
    ladder = report.plan.ladder
    headers = [t("report.col.code", lang), t("report.col.district", lang),
               t("report.col.communes", lang)]  # fmt: skip
    for level in ladder:
        headers += [level_word(level, lang), t("report.col.share", lang)]
    headers += [t("report.col.received", lang), t("report.col.plan_share", lang),
                t("report.col.not_yet", lang), t("report.col.standing", lang),
                t("report.col.decision", lang)]  # fmt: skip
    plan_share = _plan_share(report)
    rows: list[list[Value]] = []
    for d in report.districts:
        row: list[Value] = [d.district.code, d.district.name, d.communes]
        for level in ladder:
            row += [d.at_level[level], _share(d.at_level[level], d.communes, lang)]
        row += [d.received, _share(plan_share, 1, lang) if plan_share is not None else None,
                d.not_yet]  # fmt: skip
        if d.standing is not None:
            text = standing_text(d.standing, lang, decision=False)
            row += [text[:1].upper() + text[1:], d.standing.decision]
        rows.append(row)
    out = table(headers, rows, lang, "districts")
    if report.illustrative:
        out += _p(t("report.html.illustrative", lang, n=len(report.illustrative)), "note")
    return out + chart_districts(report, lang)


def _app_communes(report: Report, lang: Lang) -> str:
    ladder = report.plan.ladder
    headers = [t("report.col.code", lang), t("report.col.commune", lang),
               t("report.col.district", lang), t("report.col.level", lang)]  # fmt: skip
    headers += [t("report.col.years", lang, level=level_word(lv, lang, "short")) for lv in ladder]
    headers += [t("report.col.met", lang), t("report.col.total", lang),
                t("report.col.not_met", lang), t("report.col.last", lang), "OCOP 3★", "OCOP 4★",
                "OCOP 5★", t("report.col.debt", lang)]  # fmt: skip
    headers += [t("report.col.fund", lang, source=t(f"fund.{s}", lang)) for s in FUND_SOURCES]
    headers += [t("report.col.funds_total", lang), t("report.col.notes", lang)]
    rows: list[list[Value]] = []
    for c in report.communes:
        ret = c.ret
        criteria = report.set_of(ret)
        names = _names(criteria, lang)
        total = len(criteria.reported) if criteria else len(ret.statuses) if ret else 0
        years: list[Value] = [
            Cell(str(rec.year))
            if (rec := c.unit.recognitions.get(lv)) and rec.effective_on() <= report.as_of
            else None
            for lv in ladder
        ]
        not_met = "; ".join(f"{n}. {names.get(n, '')}" for n in ret.not_met) if ret else ""
        funds = c.funds(report.period)
        notes = "; ".join(f"{n}: {text}" for n, text in ret.notes.items()) if ret else ""
        rows.append([
            c.unit.code, c.unit.name + (" *" if c.unit.illustrative else ""),
            c.district.name if c.district else "", level_word(c.level, lang, "short"), *years,
            c.met() if ret else None, total if ret else None, Cell(not_met, "wrap"),
            c.last_period, *((ret.ocop.get(s) if ret else None) for s in OCOP_STARS),
            ret.debt if ret else None,
            *((funds.get(s) if funds else None) for s in FUND_SOURCES),
            sum(funds.values()) if funds else None, Cell(notes, "wrap"),
        ])  # fmt: skip
    if not report.districts:  # no district level (from 01/7/2025): no district column
        headers, rows = _without(2, headers, rows)
    return table(headers, rows, lang, "communes")


def _without(
    col: int, headers: list[str], rows: list[list[Value]]
) -> tuple[list[str], list[list[Value]]]:
    """The table without its column `col` (0-based)."""
    return headers[:col] + headers[col + 1 :], [r[:col] + r[col + 1 :] for r in rows]


def _app_criteria(report: Report, lang: Lang) -> str:
    met, not_met = t("report.met", lang), t("report.not_met", lang)
    out = []
    for k, criteria in enumerate(report.sets_in_use(), start=1):
        reported = criteria.reported
        title = criteria.title if lang is Lang.VI else (criteria.title_en or criteria.title)
        out.append(f"<h3>{k}. {esc(title)} ({esc(criteria.decision)})</h3>")
        names = _names(criteria, lang)
        headers = [t("report.col.code", lang), t("report.col.commune", lang)]
        headers += [f"{c.number}. {names.get(c.number, '')}" for c in reported]
        rows: list[list[Value]] = []
        for c in report.communes:
            if c.ret is None or c.ret.criteria_set != criteria.id:
                continue
            statuses = c.ret.statuses
            cells: list[Value] = [
                Cell(met, "ok") if s else Cell(not_met, "bad") if s is False else Cell("", "idle")
                for s in (statuses.get(x.number) for x in reported)
            ]
            rows.append([c.unit.code, c.unit.name, *cells])
        shares = [_share(yes, known, lang) if known else None
                  for yes, known in report.criterion_shares(criteria).values()]  # fmt: skip
        out.append(table(headers, rows, lang, "criteria",
                         total=["", t("report.share_row", lang), *shares]))  # fmt: skip
    if not out:
        out.append(_p(t("report.none", lang), "note"))
    return "".join(out)


def _app_advice(report: Report, lang: Lang) -> str:
    from ntm_cli.engine.gaps import NEAR_MISS
    from ntm_cli.render.analysis import basis_text, criterion_name, level_name, missing_text

    forecast, gaps = report.forecast, report.gaps
    assert forecast is not None and gaps is not None
    headers = [t(k, lang) for k in (
        "report.col.tt", "report.col.milestone", "forecast.col.year", "forecast.col.required",
        "forecast.col.actual", "forecast.col.needed", "forecast.col.ready", "forecast.col.near",
        "forecast.col.trend", "forecast.col.outlook", "advice.col.basis")]  # fmt: skip
    rows: list[list[Value]] = []
    for i, f in enumerate(forecast.rows, start=1):
        m = f.milestone
        trend: Value = f.projected
        if f.trend is not None and not f.trend.enough:
            trend = t("forecast.too_few", lang, n=len(f.trend.years))
        rows.append([str(i), Cell(milestone_label(m, report.registry, lang), "wrap"),
                     Cell(str(m.year), "n"),
                     f.result.required, f.result.actual, f.needed,
                     len(f.ready) if f.by_returns else None,
                     len(f.near) if f.by_returns else None, trend,
                     Cell(t(f"forecast.outlook.{f.outlook.value}", lang),
                          OUTLOOK_CLASS[f.outlook.value]),
                     Cell(basis_text(f, lang), "wrap")])  # fmt: skip
    out = f"<h3>1. {esc(_strip_numeral(t('advice.forecast', lang)))}</h3>"
    out += table(headers, rows, lang, "forecast")
    weak: list[list[Value]] = []
    for section in gaps.levels:
        for c in section.criteria:
            if c.not_met:
                weak.append(
                    [
                        level_name(section.level, lang),
                        criterion_name(section.criteria_set, c.criterion.number, lang),
                        c.not_met,
                        c.reporting,
                        _share(c.share, 1, lang) if c.share is not None else None,
                    ]
                )
    out += f"<h3>2. {esc(_strip_numeral(t('advice.weakest', lang)))}</h3>"
    out += table([t("advice.col.towards", lang), t("gaps.col.criterion", lang),
                  t("gaps.col.not_met", lang, noun="commune"), t("advice.col.reporting", lang),
                  t("gaps.col.share", lang)], weak, lang, "weakest")  # fmt: skip
    near: list[list[Value]] = []
    for section in gaps.levels:
        towards = level_name(section.level, lang)
        for g in (*section.ready, *section.near):
            near.append([g.unit.name, Cell(missing_text(g, section.criteria_set, lang), "wrap"),
                         g.district.name if g.district else "", towards, g.gap])  # fmt: skip
    out += f"<h3>3. {esc(_strip_numeral(t('advice.near', lang, max=NEAR_MISS)))}</h3>"
    headers = [t("report.col.commune", lang), t("gaps.col.missing", lang),
               t("report.col.district", lang), t("advice.col.towards", lang),
               t("advice.col.gap", lang)]  # fmt: skip
    if not report.districts:  # no district level (from 01/7/2025): no district column
        headers, near = _without(2, headers, near)
    out += table(headers, near, lang, "near")
    return out


def _strip_numeral(text: str) -> str:
    """ "II. TIÊU CHÍ CÒN YẾU" -> "TIÊU CHÍ CÒN YẾU": the page numbers its own sub-sections."""
    head, dot, rest = text.partition(". ")
    return rest if dot and head.isupper() and set(head) <= set("IVX") else text


def _app_emulation(report: Report, lang: Lang) -> str:
    from ntm_cli.render.report import _emulation_values

    result = report.emulation
    assert result is not None
    movement = result.emulation
    en = lang is Lang.EN
    title = (movement.title_en or movement.title) if en else movement.title
    month = Period(result.period)
    out = _p(t("emulation.sheet.subtitle", lang, title=title, source=movement.source,
               month=f"{month.month:02d}", year=month.year), "note")  # fmt: skip
    headers = [t(k, lang) for k in (
        "emulation.col.tt", "emulation.col.line", "emulation.col.unit", "emulation.col.month",
        "emulation.col.ytd", "emulation.col.now", "emulation.col.reporting",
        "emulation.col.share", "emulation.col.note")]  # fmt: skip
    rows: list[list[Value]] = []
    for i, part in enumerate(result.contents, start=1):
        content = part.content
        name = (content.title_en or content.title) if en else content.title
        rows.append([Cell(roman(i), "b"), Cell(f"{content.ordinal}: {name}", "b")])
        number_ = 0
        for line in part.lines:
            if line.what != "programme":
                number_ += 1
            values = _emulation_values(line, number_, lang)
            values += [None] * (9 - len(values))  # a programme line has its label only
            share = values[7]
            values[7] = _share(share, 1, lang) if isinstance(share, int | float) else None
            if line.what == "programme":
                values[1] = Cell(str(values[1]), "i")
            rows.append(values)
    width = len(headers)
    rows = [r + [None] * (width - len(r)) for r in rows]
    out += table(headers, rows, lang, "emulation")
    notes = [t("emulation.notes.sums", lang), t("emulation.notes.office", lang)]
    if result.illustrative:
        notes.append(t("emulation.notes.illustrative", lang, n=result.illustrative))
    out += "".join(_p(n, "note") for n in notes)
    _ = Basis  # the office's reading is worded by _emulation_values
    return out


def _app_returns(report: Report, lang: Lang) -> str:
    result = report.completeness
    headers = [t(k, lang) for k in ("report.col.code", "report.col.district",
                                    "report.col.expected", "report.col.received",
                                    "report.col.missing", "report.col.late",
                                    "report.col.share")]  # fmt: skip
    # communes directly under the province (no district level from 01/7/2025): the total alone
    by_district = [d for d in result.districts if d.district.kind is not UnitKind.PROVINCE]
    if result.districts and not by_district:
        headers[1] = t("report.col.unit", lang)
    rows: list[list[Value]] = [
        [d.district.code, d.district.name, len(d.expected), len(d.submitted), len(d.missing),
         len(d.late), _share(d.rate, 1, lang)]
        for d in by_district
    ]  # fmt: skip
    label = t("completeness.total" if result.whole_area else "completeness.subtotal", lang)
    total: list[Value] = ["", label, result.expected, result.submitted, result.missing,
                          result.late, _share(result.rate, 1, lang)]  # fmt: skip
    out = table(headers, rows, lang, "returns", total=total)
    late: list[list[Value]] = []
    for d in result.districts:
        for unit, key in [(u, "report.col.missing") for u in d.missing] + [
            (u, "report.col.late") for u in d.late
        ]:
            late.append([unit.code, unit.name, d.district.name, t(key, lang)])
    headers = [
        t("report.col.code", lang),
        t("report.col.commune", lang),
        t("report.col.district", lang),
        t("report.col.state", lang),
    ]
    if result.districts and not by_district:
        headers, late = _without(2, headers, late)
    out += table(headers, late, lang, "missing")
    return out


def _app_changes(report: Report, lang: Lang) -> str:
    sets = {c.unit.code: report.set_of(c.ret) for c in report.communes}
    rows: list[list[Value]] = []
    for c in report.changes:
        names = _names(sets.get(c.unit.code), lang)
        rows.append([c.unit.code, c.unit.name,
                     Cell("; ".join(f"{n}. {names.get(n, '')}" for n in c.gained), "wrap"),
                     Cell("; ".join(f"{n}. {names.get(n, '')}" for n in c.lost), "wrap"),
                     _recognition_text(c, report.plan.ladder, lang)])  # fmt: skip
    headers = [t(k, lang) for k in ("report.col.code", "report.col.unit", "report.col.gained",
                                    "report.col.lost", "report.col.recognition")]  # fmt: skip
    return table(headers, rows, lang, "changes")


def _app_notes(report: Report, lang: Lang) -> str:
    rows: list[list[Value]] = []
    for note in report.notes:
        warning = note.message
        text = warning.text(lang) if isinstance(warning, Issue) else str(warning)
        rows.append([note.unit_code, note.source, Cell(text, "wrap")])
    out = f"<h3>1. {esc(t('report.notes.warnings', lang))}</h3>"
    out += table([t("report.col.code", lang), t("report.col.file", lang),
                  t("report.col.warning", lang)], rows, lang, "warnings")  # fmt: skip
    out += f"<h3>2. {esc(t('report.notes.illustrative', lang))}</h3>"
    units: list[list[Value]] = [[u.code, u.name, Cell(_note(u, report, lang), "wrap")]
                                for u in report.illustrative]  # fmt: skip
    out += table([t("report.col.code", lang), t("col.name", lang), t("report.col.source", lang)],
                  units, lang, "illustrative")  # fmt: skip
    return out


# -- charts: hand-written SVG, text at 15-16 units in a 400-unit box (14 px on a phone) ------

W = 400
FONT = 16
COLOURS = ("#9e9e9e", "#8fbce6", "#2f7fc1", "#f0a030", "#6a3d9a", "#b15928")


def _svg(key: str, title: str, height: float, parts: list[str], desc: str = "") -> str:
    tid = f"chart-{key}-title"
    description = f"<desc>{esc(desc)}</desc>" if desc else ""
    return (f'<figure class="chart" id="chart-{key}"><svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {W} {height:.0f}" role="img" aria-labelledby="{tid}" '
            f'font-family="Noto Sans, Arial, sans-serif" font-size="{FONT}">'
            f'<title id="{tid}">{esc(title)}</title>{description}{"".join(parts)}</svg>'
            f"<figcaption>{esc(title)}</figcaption></figure>")  # fmt: skip


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "",
          size: int = FONT) -> str:  # fmt: skip
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' font-size="{size}"' if size != FONT else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>{esc(text)}</text>'


def _wrap(text: str, width: int = 46) -> list[str]:
    """A label in lines of about `width` characters (an SVG text does not wrap)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines or [""]


def _rung(report: Report) -> Level:
    """The rung the path chart follows: the second of the ladder (NTM nâng cao), else the first."""
    ladder = report.plan.ladder
    return ladder.levels[min(1, len(ladder) - 1)]


def path_points(report: Report) -> tuple[Level, dict[int, int], dict[int, int]]:
    """(rung, communes at it at the end of each year up to the report date, the plan's required
    count of each year of a commune milestone at it, as the engine measures it)."""
    plan, registry = report.plan, report.registry
    rung = _rung(report)
    area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
    communes = [u for u in area if u.kind.value == "commune"]
    last = min(report.as_of.year, plan.end_year)
    actual: dict[int, int] = {}
    for year in range(plan.start_year, last + 1):
        when = min(dt.date(year, 12, 31), report.as_of)
        actual[year] = sum(at_least(level_of(u, as_of=when), rung) for u in communes)
    required: dict[int, int] = {}
    for m in plan.milestones:
        if m.scope is not Scope.COMMUNE or m.level != rung:
            continue
        if m.kind not in (MilestoneKind.SHARE, MilestoneKind.COUNT):
            continue
        if m.year in required and not m.binding:
            continue
        required[m.year] = measure(m, plan, registry, report.as_of, report.today).required
    return rung, actual, required


def chart_path(report: Report, lang: Lang) -> str:
    """(a) Communes at the advanced rung at the end of each year (columns) against the plan's
    path (the required counts of its milestones at that rung, a line)."""
    rung, actual, required = path_points(report)
    years = sorted(set(actual) | set(required))
    if not years:
        return ""
    top = max([*actual.values(), *required.values(), 1])
    left, right, y0, y1 = 40, W - 10, 60, 250
    slot = (right - left) / len(years)
    scale = (y1 - y0) / top
    title = t("report.html.chart.path", lang, level=level_word(rung, lang))
    parts = [
        f'<rect x="{left}" y="14" width="14" height="14" fill="{COLOURS[2]}"/>',
        _text(left + 20, 26, t("report.html.legend.actual", lang)),
        f'<line x1="{left + 190}" y1="21" x2="{left + 214}" y2="21" stroke="{COLOURS[3]}" '
        'stroke-width="3"/>',
        f'<circle cx="{left + 202}" cy="21" r="4" fill="{COLOURS[3]}"/>',
        _text(left + 220, 26, t("report.html.legend.plan", lang)),
        f'<line x1="{left}" y1="{y1}" x2="{right}" y2="{y1}" stroke="#555"/>',
    ]
    points = []
    for i, year in enumerate(years):
        cx = left + slot * (i + 0.5)
        if year in actual:
            h = actual[year] * scale
            bar = f'x="{cx - slot * 0.3:.1f}" y="{y1 - h:.1f}" width="{slot * 0.6:.1f}"'
            parts.append(f'<rect {bar} height="{h:.1f}" fill="{COLOURS[2]}"><title>'
                         f"{esc(year)}: {esc(actual[year])}</title></rect>")  # fmt: skip
            if h >= 24:  # inside the column's top, clear of the plan's line above it
                parts.append(_text(cx, y1 - h + 18, str(actual[year]), "middle", "in-dark"))
            else:
                parts.append(_text(cx, y1 - h - 6, str(actual[year]), "middle", "v"))
        if year in required:
            y = y1 - required[year] * scale
            points.append((cx, y, required[year]))
        parts.append(_text(cx, y1 + 20, str(year), "middle"))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[3]}" '
                     'stroke-width="3"/>')  # fmt: skip
        for x, y, n in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{COLOURS[3]}"/>')
            parts.append(_text(x + 8, y - 8, str(n), "start", "plan"))
    parts.append(_text(left - 6, y0, str(top), "end", "axis"))
    parts.append(_text(left - 6, y1, "0", "end", "axis"))
    desc = "; ".join(f"{y}: {actual.get(y, '–')} / {required.get(y, '–')}" for y in years)
    return _svg("path", title, y1 + 34, parts, desc)


def chart_milestones(report: Report, lang: Lang) -> str:
    """(b) Each milestone of the year as a share of its target, on one axis (units and
    communes alike), a 100% line; a bar beyond 100% is cut at the axis's end with its figure."""
    results = [r for r in report.progress.results if r.required]
    if not results:
        return ""
    left, right = 8, W - 110
    full = (right - left) / 1.25  # 100% at four fifths of the bar's room: 125% is the axis's end
    parts: list[str] = []
    bars: list[float] = []
    y = 10.0
    for r in results:
        label = milestone_label(r.milestone, report.registry, lang)
        for line in _wrap(label):
            y += 18
            parts.append(_text(left, y, line))
        y += 6
        bars.append(y)
        share = r.actual / r.required
        width = min(share, 1.25) * full
        colour = {"ok": "#3a9a4a", "warn": "#e0a020", "bad": "#d04040", "idle": "#9e9e9e"}[
            VERDICT_CLASS[r.verdict]
        ]
        parts.append(
            f'<rect x="{left}" y="{y:.1f}" width="{max(width, 1):.1f}" height="16" '
            f'fill="{colour}"><title>{esc(r.actual)}/{esc(r.required)}</title></rect>'
        )
        parts.append(
            _text(
                left + max(width, 1) + 6,
                y + 13,
                f"{percent(100 * share, lang)} ({r.actual}/{r.required})",
                cls="halo",
                size=15,
            )
        )
        y += 26
    x100 = left + full
    for top in bars:  # the 100% mark beside each bar, under its figure, clear of the labels
        parts.insert(0, f'<line x1="{x100:.1f}" y1="{top - 3:.1f}" x2="{x100:.1f}" '
                     f'y2="{top + 19:.1f}" stroke="#333" stroke-dasharray="4 3"/>')  # fmt: skip
    parts.append(_text(x100, y + 16, "100%", "middle", "axis"))
    return _svg("milestones", t("report.html.chart.milestones", lang, year=report.progress.year),
                y + 24, parts)  # fmt: skip


def district_levels(report: Report) -> list[tuple[str, list[int]]]:
    """Each district's communes at exactly each level, not yet at any first: the stacks of
    chart (c) (the report counts "at least" a level; the stack needs each commune once)."""
    ladder = report.plan.ladder.levels
    out = []
    for d in report.districts:
        at = [d.at_level[lv] for lv in ladder]
        exact = [at[i] - (at[i + 1] if i + 1 < len(at) else 0) for i in range(len(at))]
        out.append((d.district.name, [d.not_yet, *exact]))
    return out


def chart_districts(report: Report, lang: Lang) -> str:
    """(c) Each district's communes by level, stacked: not yet, then each rung."""
    stacks = district_levels(report)
    if not stacks:
        return ""
    ladder = report.plan.ladder.levels
    names = [level_word(None, lang, "short"), *(level_word(lv, lang, "short") for lv in ladder)]
    widest = max([sum(s) for _, s in stacks] + [1])
    left, right = 8, W - 40
    scale = (right - left) / widest
    parts = []
    x: float = left
    y = 8.0
    for i, name in enumerate(names):  # the legend, wrapped to the box
        room = 34 + len(name) * 8.5
        if x + room > W:
            x, y = left, y + 22
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="14" height="14" fill="{COLOURS[i]}"/>')
        parts.append(_text(x + 18, y + 12, name, size=15))
        x += room
    y += 22
    for name, counts in stacks:
        y += 18
        parts.append(_text(left, y, name))
        y += 5
        x = float(left)
        for i, n in enumerate(counts):
            if not n:
                continue
            w = n * scale
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="18" '
                         f'fill="{COLOURS[i]}"><title>{esc(name)}, {esc(names[i])}: {n}'
                         "</title></rect>")  # fmt: skip
            if w >= 18:
                cls = "in-dark" if i >= 2 else "in"
                parts.append(_text(x + w / 2, y + 14, str(n), "middle", cls, size=15))
            x += w
        parts.append(_text(x + 5, y + 14, str(sum(counts)), "start", "axis", size=15))
        y += 24
    title = t("report.html.chart.districts", lang)
    return _svg("districts", title, y + 6, parts)


CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #eef1f4; color: #111;
  font: 16px/1.5 "Noto Serif", "Times New Roman", serif; }
main { max-width: 1180px; margin: 0 auto; background: #fff; padding: 24px 32px 40px; }
h1 { font-size: 24px; text-align: center; margin: 28px 0 4px; letter-spacing: .05em; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-top: 8px; border-top: 2px solid #2f5f8f;
  color: #1d3d5d; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p { margin: 6px 0; }
.doc { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 12px 24px; }
.doc p { margin: 0; text-align: center; }
.doc .issuer, .doc .motto { flex: 1 1 300px; }
.doc .office strong, .doc .motto2 strong { border-bottom: 1px solid #111; padding-bottom: 2px; }
.doc .number { margin-top: 10px; }
.doc .date { margin-top: 10px; }
.gist, .subtitle { text-align: center; }
.lead { font-weight: bold; }
.note { font-style: italic; color: #333; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0 16px;
  border: 1px solid #c8d0d8; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { border: 1px solid #c8d0d8; padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: #ddebf7; font-weight: bold; text-align: center; vertical-align: middle;
  min-width: 3em; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.b, .total td { font-weight: bold; }
td.i { font-style: italic; }
td.wrap { min-width: 16em; }
td.s { white-space: nowrap; }
td.m { min-width: 8em; }
.blank { display: inline-block; width: 3em; }
td.none { font-style: italic; text-align: center; }
td.ok, .tag.ok { background: #c6efce; }
td.warn, .tag.warn { background: #ffeb9c; }
td.bad, .tag.bad { background: #ffc7ce; }
td.idle { background: #ededed; }
.tag { padding: 0 6px; border-radius: 3px; white-space: nowrap; }
table.milestones td:nth-child(2), table.forecast td:nth-child(2),
table.province td:nth-child(2) { min-width: 16em; }
table.communes td:nth-child(2), table.communes td:nth-child(3) { white-space: nowrap; }
table.criteria th { font-size: 14px; min-width: 7em; font-weight: normal; }
ul { padding-left: 20px; margin: 6px 0; }
li { margin: 4px 0; }
figure.chart { margin: 16px auto 24px; max-width: 480px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart text.v, figure.chart text.axis { fill: #333; }
figure.chart text.plan { fill: #a05a00; font-weight: bold; }
figure.chart text.halo { paint-order: stroke; stroke: #fff; stroke-width: 4px; }
figure.chart text.in { fill: #111; }
figure.chart text.in-dark { fill: #fff; }
figcaption { text-align: center; font-style: italic; font-size: 15px; margin-top: 4px; }
.closing { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 16px;
  margin-top: 36px; }
.recipients { flex: 1 1 260px; font-size: 15px; }
.recipients ul { list-style: none; padding: 0; margin: 0; }
.recipients li { margin: 0; }
.signer { flex: 1 1 260px; text-align: center; }
.signer p { margin: 0; }
.signer .signer-name { margin-top: 72px; }
@media (max-width: 600px) {
  main { padding: 12px 12px 24px; }
  h1 { font-size: 22px; }
  h2 { font-size: 17px; }
  table { font-size: 14px; }
  th, td { padding: 4px 6px; }
  td.wrap { min-width: 11em; }
}
@page { size: A4; margin: 15mm 12mm 15mm 15mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 12pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; border: 0; }
  table { font-size: 9.5pt; }
  th, td { padding: 2px 4px; }
  td.wrap { min-width: 0; }
  th { min-width: 0; }
  thead { display: table-header-group; }
  tr, figure.chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.appendix { break-before: page; }
  section.appendix.wide { page: wide; }
  .closing { break-inside: avoid; }
  figure.chart { max-width: 110mm; }
  td.ok, td.warn, td.bad, td.idle, th, .tag { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""
