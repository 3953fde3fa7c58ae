"""`ntm gaps`, `ntm forecast` and `ntm awards` as Rich tables, stable JSON, or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, date_text, number, percent, t
from ntm_cli.domain.models import AwardRule, Level, Registry, Scope
from ntm_cli.domain.returns import CriteriaSet
from ntm_cli.engine.awards import AwardRow, Awards, Reason, Verdict
from ntm_cli.engine.forecast import MIN_POINTS, Forecast, MilestoneForecast, Outlook, Trend
from ntm_cli.engine.gaps import NEAR_MISS, CommuneGap, Gaps, LevelGaps
from ntm_cli.render.longtable import LARGE, LongTable
from ntm_cli.render.progress import milestone_label

OUTLOOK_STYLE = {
    Outlook.LIKELY: "green",
    Outlook.AT_RISK: "yellow",
    Outlook.UNLIKELY: "bold red",
}
VERDICT_STYLE = {Verdict.QUALIFIES: "green", Verdict.TO_CHECK: "yellow", Verdict.EXCLUDED: "red"}


def level_name(level: Level, lang: Lang) -> str:
    return t(f"level.{level.value}", lang)


def criterion_name(criteria: CriteriaSet, number_: str, lang: Lang) -> str:
    for c in criteria.criteria:
        if c.number == number_:
            if c.short:  # a condition's full words are on the form; a table gives its gist
                return f"{c.number}. {c.short if lang is Lang.VI else c.short_en or c.short}"
            return f"{c.number}. {c.name if lang is Lang.VI else c.name_en or c.name}"
    return number_


def _names(gaps: tuple[CommuneGap, ...] | list[CommuneGap]) -> str:
    return ", ".join(g.unit.name for g in gaps)


def missing_text(g: CommuneGap, criteria: CriteriaSet, lang: Lang) -> str:
    blank = set(g.blank)
    return "; ".join(
        criterion_name(criteria, n, lang) + (f" {t('gaps.blank', lang)}" if n in blank else "")
        for n in g.missing
    )


# gaps -----------------------------------------------------------------------------------------


def build_gaps(result: Gaps, registry: Registry, lang: Lang, limit: int = 20) -> Group:
    area = result.district.name if result.district else t("gaps.whole", lang)
    parts: list[RenderableType] = [
        Text(t("gaps.title", lang, period=result.period), style="bold"),
        Text(t("gaps.area", lang, area=area)),
    ]
    for section in result.levels:
        parts.append(Text(""))
        parts.extend(_gaps_section(section, result, registry, lang, limit))
    parts.append(Text(""))
    parts.append(Text(t("gaps.note", lang, as_of=date_text(result.as_of, lang)), style="dim"))
    return Group(*parts)


def _gaps_section(
    s: LevelGaps, result: Gaps, registry: Registry, lang: Lang, limit: int
) -> list[RenderableType]:
    level = level_name(s.level, lang)
    if not s.communes:
        return [Text(t("gaps.none_towards", lang, level=level))]
    with_return = len(s.communes) - len(s.without_return)
    with_return -= len(s.other_set)
    criteria = s.criteria_set
    noun = result.scope  # "commune" or "district": what the lines count
    title = criteria.title if lang is Lang.VI else (criteria.title_en or criteria.title)
    parts: list[RenderableType] = [
        Text(t("gaps.section", lang, level=level, n=len(s.communes), with_return=with_return,
               noun=noun), style="bold"),
        Text(t("gaps.set", lang, title=title, decision=criteria.decision), style="dim"),
    ]  # fmt: skip
    if s.without_return:
        names = ", ".join(u.name for u in s.without_return)
        parts.append(Text(t("gaps.no_return", lang, names=names)))
    if s.other_set:
        names = ", ".join(u.name for u, _ in s.other_set)
        sets = sorted({set_id for _, set_id in s.other_set})
        parts.append(Text(t("gaps.other_set", lang, names=names, sets=sets, set=criteria.id),
                          style="yellow"))  # fmt: skip
    if with_return:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(t("gaps.col.criterion", lang))
        table.add_column(t("gaps.col.not_met", lang, noun=noun), justify="right")
        table.add_column(t("gaps.col.share", lang), justify="right")
        for row in s.criteria:
            table.add_row(
                Text(criterion_name(criteria, row.criterion.number, lang)),
                str(row.not_met),
                "–" if row.share is None else percent(100 * row.share, lang),
                style="dim" if row.not_met == 0 and row.reporting else None,
            )
        parts.append(table)
        if result.district is None and len(s.districts) > 1:
            parts.append(Text(t("gaps.by_district", lang), style="bold"))
            for d in s.districts:
                if not d.with_return:
                    continue
                worst = [c for c in d.criteria[:3] if c.not_met]
                blank = any(c.reporting < d.with_return for c in d.criteria)
                if not worst and not blank:
                    parts.append(
                        Text("  " + t("gaps.district_clear", lang, district=d.district.name))
                    )
                    continue
                items = ", ".join(
                    f"{criterion_name(criteria, c.criterion.number, lang)} "
                    f"{c.not_met}/{c.reporting}"
                    for c in worst
                ) or t("gaps.blanks_only", lang)
                parts.append(Text("  " + t("gaps.district_line", lang, district=d.district.name,
                                           n=d.with_return, items=items)))  # fmt: skip
    total = len(criteria.criteria)
    if s.ready:
        parts.append(Text(t("gaps.ready", lang, total=total, n=len(s.ready), names=_names(s.ready)),
                          style="green"))  # fmt: skip
    if s.near:
        parts.append(Text(t("gaps.near", lang, max=NEAR_MISS, noun=noun), style="bold"))
        shown = s.near if limit <= 0 else s.near[:limit]
        headers = [t(f"gaps.col.{noun}", lang),
                   t("col.district" if noun == "commune" else "col.parent", lang),
                   t("gaps.col.gap", lang),
                   t("gaps.col.missing", lang)]  # fmt: skip
        near_rows = [(g.unit.name, g.district.name if g.district else "", str(g.gap),
                 missing_text(g, criteria, lang)) for g in shown]  # fmt: skip
        # communes directly under the province (no district level from 01/7/2025): no column
        districts = any(g.district is not None for g in shown)
        if not districts:
            del headers[1]
        if len(near_rows) >= LARGE:
            long = LongTable(headers)
            for near_row in near_rows:
                long.add_row(*(near_row if districts else near_row[:1] + near_row[2:]))
            parts.append(long)
        else:
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
            table.add_column(headers[0])
            if districts:
                table.add_column(headers[1])
            table.add_column(headers[-2], justify="right")
            table.add_column(headers[-1])
            for name, district, gap, missing in near_rows:
                shown_district = (Text(district),) if districts else ()
                table.add_row(Text(name), *shown_district, gap, Text(missing))
            parts.append(table)
        if len(shown) < len(s.near):
            parts.append(Text(t("gaps.more", lang, n=len(s.near) - len(shown)), style="dim"))
    elif with_return:
        parts.append(Text(t("gaps.near_none", lang, max=NEAR_MISS, noun=noun)))
    if s.milestones:
        parts.append(Text(t("gaps.milestones", lang, year=result.year), style="bold"))
        for link in s.milestones:
            r = link.result
            line = t("gaps.milestone", lang, wording=milestone_label(r.milestone, registry, lang),
                     required=r.required, actual=r.actual, shortfall=r.shortfall)  # fmt: skip
            details = []
            if link.ready:
                details.append(t("gaps.milestone_ready", lang, n=len(link.ready), noun=noun,
                                 names=_names(link.ready)))  # fmt: skip
            ones = [g for g in link.near if g.gap == 1]
            if ones:
                details.append(t("gaps.milestone_near", lang, n=len(ones), names=_names(ones),
                                 noun=noun))  # fmt: skip
            further = [g for g in link.near if g.gap > 1]
            if further:
                details.append(t("gaps.milestone_further", lang, n=len(further), max=NEAR_MISS))
            if not details:
                details.append(t("gaps.milestone_none", lang))
            parts.append(Text(f"  {line}; " + "; ".join(details)))
    return parts


def _gap_json(g: CommuneGap) -> dict[str, Any]:
    return {
        "code": g.unit.code,
        "name": g.unit.name,
        "district_code": g.district.code if g.district else None,
        "district": g.district.name if g.district else None,
        "period": g.period,
        "gap": g.gap,
        "not_met": list(g.not_met),
        "blank": list(g.blank),
    }


def gaps_json(result: Gaps) -> dict[str, Any]:
    return {
        "plan": result.plan.id,
        "period": result.period,
        "as_of": result.as_of.isoformat(),
        "year": result.year,
        "scope": result.scope,
        "district": result.district.code if result.district else None,
        "near_miss_max": NEAR_MISS,
        "levels": [
            {
                "towards": s.level.value,
                "criteria_set": s.criteria_set.id,
                "communes": len(s.communes),
                "with_return": len(s.communes) - len(s.without_return) - len(s.other_set),
                "without_return": [u.code for u in s.without_return],
                "other_set": [
                    {"code": u.code, "criteria_set": set_id} for u, set_id in s.other_set
                ],  # fmt: skip
                "criteria": [
                    {
                        "number": c.criterion.number,
                        "name": c.criterion.name,
                        "not_met": c.not_met,
                        "reporting": c.reporting,
                        "share": None if c.share is None else round(c.share, 4),
                    }
                    for c in s.criteria
                ],  # fmt: skip
                "districts": [
                    {
                        "code": d.district.code,
                        "name": d.district.name,
                        "communes": d.communes,
                        "with_return": d.with_return,
                        "criteria": [
                            {
                                "number": c.criterion.number,
                                "not_met": c.not_met,
                                "reporting": c.reporting,
                            }
                            for c in d.criteria
                        ],  # fmt: skip
                    }
                    for d in s.districts
                ],
                "ready": [_gap_json(g) for g in s.ready],
                "near_misses": [_gap_json(g) for g in s.near],
                "milestones": [
                    {
                        "id": link.result.milestone.id,
                        "required": link.result.required,
                        "actual": link.result.actual,
                        "shortfall": link.result.shortfall,
                        "ready": [g.unit.code for g in link.ready],
                        "near_misses": [g.unit.code for g in link.near],
                        "closest": [g.unit.code for g in link.closest()],
                    }
                    for link in s.milestones
                ],
            }
            for s in result.levels
        ],
    }


GAPS_CSV = ("towards", "code", "name", "district", "period", "gap", "not_met", "blank")


def gaps_csv(result: Gaps) -> str:
    """One row per commune working towards a level with a return, closest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GAPS_CSV)
    for s in result.levels:
        for g in [*s.ready, *s.near, *s.far]:
            writer.writerow([s.level.value, g.unit.code, g.unit.name,
                             g.district.name if g.district else "", g.period, g.gap,
                             " ".join(g.not_met), " ".join(g.blank)])  # fmt: skip
    return out.getvalue()


# forecast -------------------------------------------------------------------------------------


def _trend_text(f: MilestoneForecast, lang: Lang) -> str:
    if f.trend is None:
        return "–"
    if not f.trend.enough:
        return t("forecast.too_few", lang, n=len(f.trend.years))
    return str(f.projected)


def basis_text(f: MilestoneForecast, lang: Lang) -> str:
    values: dict[str, object] = {
        "needed": f.needed, "ready": len(f.ready), "near": len(f.near),
        "pipeline": len(f.ready) + len(f.near), "projected": f.projected,
        "required": f.result.required, "children": "", "noun": NOUN[f.scope],
    }  # fmt: skip
    if f.basis == "short":
        values["trend"] = ""
        if f.projected is not None:
            trend = t(
                "forecast.trend_short", lang, projected=f.projected, required=f.result.required
            )
            values["trend"] = f"; {trend}"
        elif f.trend is not None:
            values["trend"] = f"; {t('forecast.no_trend', lang)}"
    if f.basis == "no_evidence" and f.unit is not None:
        n, total = f.unit_children
        level = level_name(f.milestone.level, lang)
        values["children"] = t("forecast.children", lang, level=level, n=n, total=total)
    text = t(f"forecast.basis.{f.basis}", lang, **values)
    if f.without_return:
        text += "; " + t("forecast.without_return", lang, n=f.without_return, noun=NOUN[f.scope])
    if f.other_set:
        text += "; " + t("forecast.other_set", lang, n=f.other_set, noun=NOUN[f.scope])
    return text


RULES = ("commune", "district", "unit")
NOUN = {Scope.COMMUNE: "commune", Scope.DISTRICT: "district", Scope.PROVINCE: "province",
        Scope.UNIT: "commune"}  # fmt: skip


def rule_lines(result: Forecast, lang: Lang) -> list[str]:
    """How the outlook was decided (the rule of engine/forecast.py), for the rows shown."""
    shown = {"commune": any(f.by_returns for f in result.rows),
             "district": any(not f.by_returns for f in result.rows),
             "unit": any(f.unit is not None for f in result.rows)}  # fmt: skip
    return [t(f"forecast.rule.{key}", lang) for key in RULES if shown[key]]


def illustrative_lines(result: Forecast, lang: Lang) -> list[str]:
    """A line for each trend that counts units of illustrative registry rows: the rows of the
    table it projects, and how many of each year's units are illustrative."""
    rows: dict[int, list[int]] = {}
    trends: dict[int, Trend] = {}
    for i, f in enumerate(result.rows, start=1):
        if f.trend is not None and f.trend.illustrative_units:
            rows.setdefault(id(f.trend), []).append(i)
            trends[id(f.trend)] = f.trend
    lines = []
    for key, numbers in rows.items():
        trend = trends[key]
        counts = zip(trend.years, trend.illustrative, trend.values, strict=True)
        years = ", ".join(f"{y}: {n}/{total}" for y, n, total in counts)
        lines.append(t("forecast.illustrative", lang, rows=", ".join(map(str, numbers)),
                       n=len(trend.illustrative_units), years=years))  # fmt: skip
    return lines


def build_forecast(result: Forecast, registry: Registry, lang: Lang) -> Group:
    returns = (
        t("forecast.returns", lang, period=result.period)
        if result.period
        else t("forecast.no_returns", lang)
    )
    last = result.final_year if result.final_year is not None else "–"
    today = date_text(result.today, lang)
    parts: list[RenderableType] = [
        Text(t("forecast.title", lang, number=result.plan.number), style="bold"),
        Text(t("forecast.subtitle", lang, last=last, returns=returns, today=today)),
    ]
    if not result.rows:
        parts.append(Text(t("forecast.none", lang)))
        return Group(*parts)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("col.milestone", lang))
    for key in ("year", "required", "actual", "needed", "ready", "near", "trend"):
        table.add_column(t(f"forecast.col.{key}", lang), justify="right", max_width=6)
    table.add_column(t("forecast.col.outlook", lang), no_wrap=True)
    for i, f in enumerate(result.rows, start=1):
        pipeline = f.by_returns
        table.add_row(
            Text(f"{i}. {milestone_label(f.milestone, registry, lang)}"),
            str(f.milestone.year),
            str(f.result.required),
            str(f.result.actual),
            str(f.needed),
            str(len(f.ready)) if pipeline else "–",
            str(len(f.near)) if pipeline else "–",
            _trend_text(f, lang),
            Text(t(f"forecast.outlook.{f.outlook.value}", lang), style=OUTLOOK_STYLE[f.outlook]),
        )
    parts.append(table)
    for i, f in enumerate(result.rows, start=1):
        parts.append(Text(f"  {i}. {basis_text(f, lang)}"))
    parts.extend(Text(line, style="yellow") for line in illustrative_lines(result, lang))
    parts.append(Text(t("forecast.legend", lang), style="dim"))
    parts.extend(Text(line, style="dim") for line in rule_lines(result, lang))
    last_year = result.final_year or result.first_year
    parts.append(Text(t("forecast.method", lang, first=result.first_year, last=last_year,
                        min=MIN_POINTS), style="dim"))  # fmt: skip
    return Group(*parts)


def forecast_json(result: Forecast) -> dict[str, Any]:
    return {
        "plan": result.plan.id,
        "today": result.today.isoformat(),
        "returns_up_to": result.period,
        "results_complete_to": result.final_year,
        "method": {
            "name": "time-weighted linear regression",
            "weights": "1..n, oldest to newest result year",
            "first_year": result.first_year,
            "min_years": MIN_POINTS,
        },
        "rule": {key: t(f"forecast.rule.{key}", Lang.EN) for key in RULES},
        "milestones": [
            {
                "id": f.milestone.id,
                "year": f.milestone.year,
                "binding": f.milestone.binding,
                "required": f.result.required,
                "actual": f.result.actual,
                "denominator": f.result.denominator,
                "needed": f.needed,
                "candidates": f.candidates,
                "ready": [g.unit.code for g in f.ready],
                "near_misses": [g.unit.code for g in f.near],
                "without_return": f.without_return,
                "other_set": f.other_set,
                "trend": None
                if f.trend is None
                else {
                    "years": list(f.trend.years),
                    "values": list(f.trend.values),
                    "slope": None if f.trend.slope is None else round(f.trend.slope, 4),
                    "illustrative": list(f.trend.illustrative),
                    "illustrative_units": [
                        {"code": code, "year": year} for code, year in f.trend.illustrative_units
                    ],
                },
                "illustrative_inputs": f.trend is not None and bool(f.trend.illustrative_units),
                "projected": f.projected,
                "outlook": f.outlook.value,
                "basis": basis_text(f, Lang.EN),
            }
            for f in result.rows
        ],
    }


FORECAST_CSV = ("id", "year", "required", "actual", "needed", "candidates", "ready",
                "near_misses", "projected", "outlook", "basis")  # fmt: skip


def forecast_csv(result: Forecast) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FORECAST_CSV)
    for f in result.rows:
        writer.writerow([f.milestone.id, f.milestone.year, f.result.required, f.result.actual,
                         f.needed, f.candidates, len(f.ready), len(f.near),
                         "" if f.projected is None else f.projected, f.outlook.value,
                         basis_text(f, Lang.EN)])  # fmt: skip
    return out.getvalue()


# awards ---------------------------------------------------------------------------------------


def reason_text(reason: Reason, lang: Lang) -> str:
    v = dict(reason.values)
    if "level" in v:
        v["level"] = level_name(v["level"], lang)
    key = reason.key
    if key == "reached":
        day = date_text(v["decided_on"], lang) if v.get("decided_on") else ""
        bits = [x for x in (v.get("decision") or "", day) if x]
        v["decision"] = f" ({', '.join(bits)})" if bits else ""
        key = "reached_town" if v.get("town") else key
    if key == "revoked":
        v["on"] = date_text(v["on"], lang) if v.get("on") else "?"
    for name in ("amount", "max"):
        if name in v:
            v[name] = number(v[name], lang)
    if "criteria" in v:
        v["criteria"] = ", ".join(v["criteria"])
    if reason.key in ("debt_communes", "debt_communes_within"):
        v["units"] = ", ".join(f"{u.name} {number(amount, lang)} ({period})"
                               for u, amount, period in v["units"])  # fmt: skip
    elif reason.key == "debt_unknown":
        v["n"] = len(v["units"])
        v["units"] = ", ".join(u.name for u in v["units"])
    if key in _NOMINEE_REASONS:
        return _nominee_reason(reason, v, lang)
    return t(f"awards.reason.{key}", lang, **v)


_NOMINEE_REASONS = frozenset(
    {"any_of", "council", "contribution", "contribution_zero", "no_contribution", "ocop",
     "ocop_below", "ocop_undated", "hamlet_recognised", "hamlet_no_decision", "hamlet_no_date",
     "hamlet_next_year", "hamlet_other_year", "tasks_done", "tasks_not_done", "value_chain",
     "no_value_chain"}
)  # fmt: skip


def _nominee_reason(reason: Reason, v: dict[str, Any], lang: Lang) -> str:
    """The wordings that list evidence: contributions, OCOP products, parts of a choice."""
    key = reason.key
    if key == "any_of":
        parts = "; ".join(
            t(f"awards.part.{p.passed}", lang, text=reason_text(p, lang)) for p in v["parts"]
        )
        state = {True: "met", False: "none", None: "unknown"}[reason.passed]
        return t(f"awards.reason.any_of.{state}", lang, parts=parts)
    if key == "council":
        record = t("awards.reason.council_record", lang, record=v["record"]) if v["record"] else ""
        what = v["what"] if lang is Lang.VI else v["what_en"]
        return t("awards.reason.council", lang, what=what, record=record)
    if key in ("contribution", "contribution_zero", "no_contribution"):
        bits = []
        if v["money"]:
            bits.append(t("awards.evidence.money", lang, amount=number(v["money"], lang)))
        if v["days"]:
            bits.append(t("awards.evidence.days", lang, n=number(v["days"], lang)))
        if v["land"]:
            bits.append(t("awards.evidence.land", lang, n=number(v["land"], lang)))
        if v["note"]:
            bits.append(v["note"])
        return t(f"awards.reason.{key}", lang, what=", ".join(bits))
    if key.startswith("ocop"):
        on = date_text(v["on"], lang)
        text = t(f"awards.reason.{key}", lang, count=v["count"], stars=v["stars"],
                 needed=v["needed"], on=on)  # fmt: skip
        if v["valid"]:
            text += ": " + ", ".join(_product(p, lang) for p in v["valid"])
        if v["undated"]:
            names = ", ".join(p.name for p in v["undated"])
            text += "; " + t("awards.evidence.undated", lang, names=names)
        if v["lapsed"]:
            names = ", ".join(_product(p, lang) for p in v["lapsed"])
            text += "; " + t("awards.evidence.lapsed", lang, names=names, months=v["months"])
        if v["later"]:
            names = ", ".join(_product(p, lang) for p in v["later"])
            text += "; " + t("awards.evidence.later", lang, names=names, on=on)
        return text
    if key.startswith("hamlet"):
        day = date_text(v["on"], lang) if v.get("on") else ""
        return t(f"awards.reason.{key}", lang, decision=v["decision"], on=day, year=v["year"])
    note = f" ({v['note']})" if v.get("note") else ""
    return t(f"awards.reason.{key}", lang, note=note)


def _product(p: Any, lang: Lang) -> str:
    day = date_text(p.certified_on, lang) if p.certified_on else ""
    cert = ", ".join(x for x in (p.certificate, day) if x)
    return f"{p.name} {p.stars}★" + (f" ({cert})" if cert else "")


def why_text(row: AwardRow, lang: Lang) -> str:
    """The reasons, the failing ones first (they decide the verdict)."""
    order = {False: 0, None: 1, True: 2}
    reasons = row.reasons
    if row.verdict is not Verdict.QUALIFIES:
        reasons = tuple(sorted(reasons, key=lambda r: order[r.passed]))
    return "; ".join(reason_text(r, lang) for r in reasons)


def row_label(row: AwardRow) -> str:
    """Who the row is: a unit with its district, a nominee (a hamlet with its commune)."""
    if row.nominee is None:
        assert row.unit is not None
        return row.unit.name + (f" ({row.district.name})" if row.district else "")
    n = row.nominee
    return n.name + (f" ({row.unit.name})" if row.unit is not None else "")


def rule_name(rule: AwardRule, lang: Lang) -> str:
    return rule.name if lang is Lang.VI else rule.name_en or rule.name


def build_awards(result: Awards, lang: Lang) -> Group:
    parts: list[RenderableType] = [
        Text(t("awards.title", lang, year=result.year, number=result.plan.number), style="bold")
    ]
    if result.period:
        parts.append(Text(t("awards.subtitle", lang, period=result.period)))
    nominated = (
        t("awards.nominations", lang, file=result.nominations)
        if result.nominations
        else t("awards.nominations_none", lang, year=result.year)
    )
    if any(not r.subject.is_unit for r in result.plan.awards):
        parts.append(Text(nominated))
    for rule in result.plan.awards:
        rows = [r for r in result.rows if r.rule.id == rule.id]
        parts.append(Text(""))
        parts.append(Text(f"[{rule.id}] {rule_name(rule, lang)}", style="bold"))
        if not rows:
            empty = "awards.none" if rule.subject.is_unit else "awards.none_nominated"
            parts.append(Text(t(empty, lang), style="dim"))
            continue
        column = "unit" if rule.subject.is_unit else "nominee"
        headers = [t(f"awards.col.{c}", lang) for c in (column, "verdict", "why")]
        cells = [
            (row_label(r), t(f"awards.verdict.{r.verdict.value}", lang), why_text(r, lang),
             VERDICT_STYLE[r.verdict])
            for r in rows
        ]  # fmt: skip
        parts.append(_listing(headers, cells))
    counts = {v: sum(1 for r in result.rows if r.verdict is v) for v in Verdict}
    parts.append(Text(t("awards.totals", lang, q=counts[Verdict.QUALIFIES],
                        c=counts[Verdict.TO_CHECK], e=counts[Verdict.EXCLUDED])))  # fmt: skip
    parts.append(Text(t("awards.note", lang), style="dim"))
    return Group(*parts)


def _listing(headers: list[str], cells: list[tuple[str, str, str, str]]) -> RenderableType:
    """Unit, verdict (styled) and a wrapped explanation: a Rich table, or for a long listing a
    LongTable that draws the same lines without measuring every cell again and again."""
    if len(cells) >= LARGE:
        long = LongTable(headers)
        for unit, verdict, why, style in cells:
            long.add_row(unit, verdict, why, styles=(None, style, None))
        return long
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(headers[0], no_wrap=True)
    table.add_column(headers[1], no_wrap=True)
    table.add_column(headers[2], ratio=1)
    for unit, verdict, why, style in cells:
        table.add_row(Text(unit), Text(verdict, style=style), Text(why))
    return table


def rule_json(rule: AwardRule) -> dict[str, Any]:
    """A rule as the plan file gives it: who it is for and its conditions."""
    conditions: dict[str, Any] = {}
    if rule.reached:
        conditions["reached"] = [lv.value for lv in rule.reached]
    if rule.max_debt is not None:
        conditions["max_debt"] = rule.max_debt
    if rule.all_criteria:
        conditions["all_criteria"] = True
    if rule.requires:
        conditions["requires"] = list(rule.requires)
    if rule.any_of:
        conditions["any_of"] = list(rule.any_of)
    if rule.min_ocop:
        conditions["min_ocop"] = rule.min_ocop
        conditions["min_stars"] = rule.min_stars
        if rule.ocop_validity is not None:
            conditions["ocop_certificate"] = {
                "valid_months": rule.ocop_validity.months,
                "source": rule.ocop_validity.source,
                "confirmed": rule.ocop_validity.confirmed,
            }
    if "jobs" in (*rule.requires, *rule.any_of):
        conditions["min_jobs"] = rule.min_jobs
    if rule.council:
        conditions["council"] = list(rule.council)
    return {
        "id": rule.id,
        "subject": rule.subject.value,
        "group": rule.group or None,
        "name": rule.name,
        "name_en": rule.name_en,
        "judged_on": "units" if rule.subject.is_unit else "nominations",
        "conditions": conditions,
    }


def awards_json(result: Awards) -> dict[str, Any]:
    return {
        "plan": result.plan.id,
        "year": result.year,
        "returns_up_to": result.period,
        "nominations": result.nominations,
        "rules": [rule_json(rule) for rule in result.plan.awards],
        "rows": [
            {
                "rule": r.rule.id,
                "subject": r.rule.subject.value,
                "code": r.unit.code if r.unit is not None and r.nominee is None else None,
                "name": _name(r),
                "district": r.district.name if r.district else None,
                "verdict": r.verdict.value,
                "why": why_text(r, Lang.EN),
                "why_vi": why_text(r, Lang.VI),
                "checks": [{"check": x.key, "passed": x.passed} for x in r.reasons],
                **({"nominee": _nominee_json(r)} if r.nominee is not None else {}),
            }
            for r in result.rows
        ],
    }


def _name(row: AwardRow) -> str:
    if row.nominee is not None:
        return row.nominee.name
    assert row.unit is not None
    return row.unit.name


def _nominee_json(row: AwardRow) -> dict[str, Any]:
    n = row.nominee
    assert n is not None
    said = {k: v for k, v in n.to_json().items()
            if v not in (None, "", []) and k not in ("form", "name", "sheet", "row")}  # fmt: skip
    return {"sheet": n.sheet, "row": n.row, "commune": row.unit.code if row.unit else None,
            "evidence": said}  # fmt: skip


AWARDS_CSV = ("rule", "code", "name", "district", "verdict", "why", "subject")


def awards_csv(result: Awards, lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AWARDS_CSV)
    for r in result.rows:
        code = r.unit.code if r.unit is not None and r.nominee is None else ""
        name = _name(r)
        writer.writerow([r.rule.id, code, name, r.district.name if r.district else "",
                         r.verdict.value, why_text(r, lang), r.rule.subject.value])  # fmt: skip
    return out.getvalue()
