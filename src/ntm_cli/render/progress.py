"""Progress results as a Rich table, stable JSON, or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, date_text, level_word, percent, t
from ntm_cli.domain.models import Milestone, MilestoneKind, Plan, Registry, Scope
from ntm_cli.engine.progress import MilestoneResult, Progress, Verdict

STYLE = {
    Verdict.ACHIEVED: "green",
    Verdict.ACHIEVED_EARLY: "green",
    Verdict.MISSED: "bold red",
    Verdict.NOT_YET: "yellow",
    Verdict.AWAITING: "yellow",
    Verdict.OPEN: "yellow",
    Verdict.UPCOMING: "dim",
}
CSV_COLUMNS = (
    "id", "year", "scope", "level", "kind", "target", "binding", "unit_code", "required",
    "actual", "denominator", "shortfall", "status", "early", "counted", "missing", "wording",
    "verdict",
)  # fmt: skip


def status_label(result: MilestoneResult, lang: Lang) -> str:
    """Đạt, Đạt sớm, Không đạt, Chưa đạt (phấn đấu), Chờ công nhận, Đang thực hiện, …"""
    return t(f"status.{result.verdict.value}", lang)


def milestone_label(m: Milestone, registry: Registry, lang: Lang) -> str:
    """The plan's own wording in Vietnamese; in English its translation, else a generated one."""
    if lang is Lang.VI and m.wording:
        return m.wording
    if lang is Lang.EN and m.wording_en:
        return m.wording_en
    return series_label(m, registry, lang)


def row_label(m: Milestone, registry: Registry, lang: Lang) -> str:
    """A milestone as a table's row names it: its label, "(phấn đấu)" when aspirational."""
    label = milestone_label(m, registry, lang)
    return label if m.binding else f"{label} ({t('progress.aspirational', lang)})"


def series_label(m: Milestone, registry: Registry, lang: Lang) -> str:
    """What a milestone measures, without its year: the row of the whole-period view."""
    level = level_word(m.level, lang, "levelx")
    if m.kind is MilestoneKind.UNIT:
        unit = registry.by_code.get(m.unit_code)
        return t("series.unit", lang, unit=unit.name if unit else m.unit_code, level=level)
    if m.scope is Scope.PROVINCE and m.level.rank == 1:  # a province "completes the task"
        return t("series.province", lang)
    scope = t(f"scope.{m.scope.value}", lang)
    kind = t(f"kind.{m.kind.value}", lang)
    return t("series.scope", lang, scope=scope, level=level, kind=kind)


def target_text(r: MilestoneResult, lang: Lang) -> str:
    m = r.milestone
    if m.kind is MilestoneKind.SHARE:
        share = percent(m.target, lang).replace(",0%", "%").replace(".0%", "%")
        return f"{share} = {r.required}/{r.denominator}"
    if m.kind is MilestoneKind.INCREASE:
        return f"+{r.required}"
    if m.kind is MilestoneKind.COUNT:
        return str(r.required)
    return level_word(m.level, lang)


def actual_text(r: MilestoneResult, lang: Lang) -> str:
    m = r.milestone
    if m.kind is MilestoneKind.SHARE:
        share = percent(100 * r.actual / r.denominator, lang) if r.denominator else "–"
        return f"{r.actual} ({share})"
    if m.kind is MilestoneKind.INCREASE:
        return f"+{r.actual}"
    if m.kind is MilestoneKind.COUNT:  # against the target: 0/1 district at model, not 0/9
        return f"{r.actual}/{r.required}"
    if r.reached_year is None:
        return t("progress.unit_missing", lang)
    return t("progress.unit_reached", lang, year=r.reached_year)


def _caption(progress: Progress, lang: Lang) -> str:
    if progress.as_of:
        basis = t("progress.by_date", lang, as_of=date_text(progress.as_of, lang))
    else:
        basis = t("progress.by_result", lang, today=date_text(progress.today, lang))
    return basis


def compact_text(r: MilestoneResult, lang: Lang) -> str:
    """A cell of the whole-period view: actual / required."""
    m = r.milestone
    if m.kind is MilestoneKind.INCREASE:
        return f"+{r.actual}/+{r.required}"
    if m.kind in (MilestoneKind.COUNT, MilestoneKind.SHARE):
        return f"{r.actual}/{r.required}"
    return str(r.reached_year) if r.reached_year else "–"


def status_cell(r: MilestoneResult, lang: Lang) -> Text:
    text = Text(status_label(r, lang), style=STYLE[r.verdict])
    if r.shortfall and r.missing:
        text.append("\n" + t("progress.candidates", lang, n=len(r.missing)), style="dim")
    return text


def _footer(
    progress: Progress, registry: Registry, lang: Lang, legend: str = "progress.legend"
) -> list[Text]:
    lines = [Text(t(legend, lang), style="dim")]
    if not progress.results:
        year = progress.year if progress.year is not None else ""
        lines.insert(0, Text(t("progress.none", lang, year=year, number=progress.plan.number)))
    latest = progress.latest_result_year
    later = sorted(
        {r.milestone.year for r in progress.results if latest and r.milestone.year > latest}
    )
    if later:
        years = ", ".join(map(str, later))
        lines.append(
            Text(t("progress.no_results", lang, years=years, latest=latest), style="yellow")
        )
    awaiting = sorted({r.milestone.year for r in progress.results if r.awaiting})
    for year in awaiting:
        ends = progress.plan.recognition_ends(year)
        assert ends is not None  # a result awaits only inside the plan's window
        until = date_text(ends, lang)
        lines.append(Text(t("progress.awaiting", lang, year=year, until=until), style="yellow"))
    illustrative = sum(1 for u in registry.units if u.illustrative)
    if illustrative:
        lines.append(Text(t("progress.illustrative", lang, n=illustrative), style="dim"))
    return lines


def build_progress_table(progress: Progress, registry: Registry, lang: Lang) -> Group:
    """One year's milestones: target, actual, shortfall, candidates and status."""
    plan = progress.plan
    title = t("progress.title", lang, number=plan.number, year=progress.year)
    table = Table(
        title=f"{title}\n[dim]{_caption(progress, lang)}[/dim]",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(t("col.milestone", lang), min_width=20)
    table.add_column(t("col.target", lang), justify="right")
    table.add_column(t("col.actual", lang), justify="right")
    table.add_column(t("col.shortfall", lang), justify="right")
    table.add_column(t("col.status", lang))
    for r in progress.results:
        m = r.milestone
        label = Text(milestone_label(m, registry, lang))
        if not m.binding and "phấn đấu" not in label.plain.lower():
            label.append(f" ({t('progress.aspirational', lang)})", style="italic")
        table.add_row(
            label,
            target_text(r, lang),
            actual_text(r, lang),
            str(r.shortfall) if r.shortfall else "–",
            status_cell(r, lang),
        )
    return Group(table, *_footer(progress, registry, lang))


def build_period_table(progress: Progress, registry: Registry, lang: Lang) -> Group:
    """The whole-period view: one row per indicator, one column per year of the plan."""
    plan = progress.plan
    title = t(
        "progress.title_all", lang, number=plan.number, start=plan.start_year, end=plan.end_year
    )
    table = Table(
        title=f"{title}\n[dim]{_caption(progress, lang)}[/dim]",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(t("col.series", lang), min_width=20)
    years = sorted({r.milestone.year for r in progress.results})
    for year in years:
        table.add_column(str(year), justify="center", no_wrap=True)
    # One row per indicator; a second milestone of the same indicator in the same year (a
    # binding and an aspirational target, say) gets a row of its own rather than a lost cell.
    rows: dict[tuple[object, ...], dict[int, MilestoneResult]] = {}
    labels: dict[tuple[object, ...], Text] = {}
    for r in progress.results:
        m = r.milestone
        key: tuple[object, ...] = (m.kind, m.scope, m.level, m.unit_code, m.binding, 0)
        while m.year in rows.get(key, {}):
            key = (*key[:-1], int(str(key[-1])) + 1)
        rows.setdefault(key, {})[m.year] = r
        if key not in labels:
            labels[key] = Text(series_label(m, registry, lang))
            if not m.binding:
                labels[key].append(f" ({t('progress.aspirational', lang)})", style="italic")
    for key, by_year in rows.items():
        cells: list[Text | str] = [labels[key]]
        for year in years:
            cell = by_year.get(year)
            if cell is None:
                cells.append("")
                continue
            r = cell
            cells.append(
                Text(f"{compact_text(r, lang)}\n{status_label(r, lang)}", style=STYLE[r.verdict])
            )
        table.add_row(*cells)
    return Group(table, *_footer(progress, registry, lang, "progress.legend_all"))


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "number": plan.number,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "area_code": plan.area_code or None,
        "period": {"start": plan.start_year, "end": plan.end_year},
    }


def result_json(r: MilestoneResult) -> dict[str, Any]:
    m = r.milestone
    item: dict[str, Any] = {
        "id": m.id,
        "year": m.year,
        "scope": m.scope.value,
        "level": m.level.value,
        "kind": m.kind.value,
        "target": int(m.target) if float(m.target).is_integer() else m.target,
        "binding": m.binding,
        "required": r.required,
        "actual": r.actual,
        "denominator": r.denominator,
        "shortfall": r.shortfall,
        "status": r.status.value,
        "verdict": r.verdict.value,
        "early": r.early,
        "counted": list(r.counted),
        "missing": list(r.missing),
        "wording": m.wording,
    }
    if m.kind is MilestoneKind.UNIT:
        item["unit_code"] = m.unit_code
    return item


def progress_json(progress: Progress) -> dict[str, Any]:
    """The documented JSON shape (see the README): stable for other programs."""
    return {
        "plan": plan_json(progress.plan),
        "year": progress.year,
        "as_of": progress.as_of.isoformat() if progress.as_of else None,
        "status_date": progress.reference_date.isoformat(),
        "latest_result_year": progress.latest_result_year,
        "milestones": [result_json(r) for r in progress.results],
    }


def progress_csv(progress: Progress) -> str:
    """One row per milestone; unit lists are space-separated codes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in progress.results:
        item = result_json(r)
        item.setdefault("unit_code", "")
        item["counted"] = " ".join(r.counted)
        item["missing"] = " ".join(r.missing)
        item["binding"] = str(r.milestone.binding).lower()
        item["early"] = str(r.early).lower()
        writer.writerow([item[c] for c in CSV_COLUMNS])
    return out.getvalue()
