"""Import verdicts, completeness and the unit card as Rich renderables, JSON and CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, date_text, level_word, percent, printable, t
from ntm_cli.domain.i18n import number as amount
from ntm_cli.domain.models import Registry, Unit, UnitKind
from ntm_cli.domain.returns import (
    FUND_SOURCES,
    OCOP_STARS,
    VERDICTS,
    FileResult,
    UnitCard,
)
from ntm_cli.domain.status import level_of
from ntm_cli.engine.completeness import Completeness
from ntm_cli.engine.units import UnitRow
from ntm_cli.render.units import unit_json

VERDICT_STYLE = {
    "imported": "green",
    "unchanged": "dim",
    "replaced": "cyan",
    "rejected": "bold red",
    "skipped": "dim",
}
LIST_ALL = 50  # up to this many files every verdict is listed; beyond, only the notable ones


def build_template_summary(
    targets: list[tuple[Unit, Path]], registry: Registry, period: str, out: Path, lang: Lang
) -> Group:
    """How many forms were written for each district-level unit, and where."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    districts = False
    for unit, _ in targets:
        # a commune directly under the province (no district level from 01/7/2025): the province
        head = registry.district_of(unit)
        districts = districts or head is not None
        head = head or registry.by_code.get(unit.parent_code)
        key = head.code if head else ""
        counts[key] += 1
        names[key] = head.name if head else ""
    title = t("template.title", lang, n=len(targets), period=period, out=str(out))
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
        min_width=len(title),  # a narrow table (one parent, the province) would wrap its title
    )  # fmt: skip
    table.add_column(t("col.district" if districts or not targets else "col.parent", lang))
    table.add_column(t("template.forms", lang), justify="right")
    for key, count in counts.items():
        table.add_row(names[key], str(count))
    example = (
        Text(t("template.example", lang, name=targets[0][1].name), style="dim")
        if targets
        else Text("")
    )
    return Group(table, example)


def error_line(result: FileResult, where: str, message: str) -> str:
    """`2024-06_29263_long-duc.xlsx, "Tiêu chí"!C14: "Dat roi" is not a status; …`"""
    name = printable(result.path.name)
    return f"{name}, {where}: {message}" if where else f"{name}: {message}"


def build_import_report(
    results: list[FileResult], dry_run: bool, lang: Lang, brief: bool = False
) -> Group:
    """The verdict on each file, then every error and warning in `lang`, then the counts.
    `brief` (an import stopped by Ctrl-C, to be out at once): the rejected files and the
    counts only."""
    title = t("import.title", lang, n=len(results)) + (t("import.dry_run", lang) if dry_run else "")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("file", "verdict", "unit", "period"):
        table.add_column(t(f"col.{key}", lang))
    routine = ("imported", "unchanged", "replaced") if brief else ("imported", "unchanged")
    shown = results if len(results) <= LIST_ALL and not brief else [
        r for r in results if r.status not in routine or (r.warnings and not brief)
    ]  # fmt: skip
    for r in shown:
        unit = r.unit_code or (t("import.returns", lang, n=r.returns) if r.returns > 1 else "")
        if r.nominees:
            unit = t("import.nominees", lang, n=r.nominees)
        table.add_row(
            Text(printable(r.path.name)),  # text, never Rich markup ("[dot 2]") nor escapes
            Text(t(f"verdict.{r.status}", lang), style=VERDICT_STYLE[r.status]),
            unit,
            r.period or "",
        )
    if len(shown) < len(results):
        more = "import.more_brief" if brief else "import.more"
        table.add_row(Text(t(more, lang, n=len(results) - len(shown)), style="dim"))
    parts: list[RenderableType] = [table]
    rejected = [r for r in results if r.status == "rejected"]
    if rejected:
        parts.append(Text(t("import.errors", lang), style="bold red"))
        for r in rejected:
            for issue in r.errors:
                parts.append(Text("  " + error_line(r, issue.where(lang), issue.msg.text(lang))))
    warned = [] if brief else [r for r in results if r.warnings and r.status != "rejected"]
    if warned:
        parts.append(Text(t("import.warnings", lang), style="yellow"))
        for r in warned:
            for warning in r.warnings:
                parts.append(Text(f"  {printable(r.path.name)}: {warning.text(lang)}"))
    counts = Counter(r.status for r in results)
    parts.append(
        Text(" · ".join(f"{t(f'verdict.{v}', lang)} {counts.get(v, 0)}" for v in VERDICTS[:4]))
    )
    return Group(*parts)


def import_json(results: list[FileResult], dry_run: bool, lang: Lang) -> dict[str, Any]:
    """The documented JSON shape of `ntm import --format json`: each error and warning as
    {sheet, cell, code, params, message}, the message in `lang`."""
    counts = Counter(r.status for r in results)
    return {
        "dry_run": dry_run,
        "files": [
            {
                "path": str(r.path),
                "status": r.status,
                "unit_code": r.unit_code,
                "period": r.period,
                "returns": r.returns,
                **({"nominees": r.nominees} if r.nominees else {}),
                "errors": [i.as_json(lang) for i in r.errors],
                "warnings": [w.as_json(lang) for w in r.warnings],
            }
            for r in results
        ],
        "counts": {v: counts.get(v, 0) for v in VERDICTS},
    }


def build_completeness(result: Completeness, lang: Lang) -> Group:
    title = t("completeness.title", lang, period=result.period, due=date_text(result.due, lang))
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    # communes directly under the province (no district level from 01/7/2025): the total alone
    by_district = [d for d in result.districts if d.district.kind is not UnitKind.PROVINCE]
    table.add_column(t("col.district" if by_district or not result.districts else "col.unit", lang))
    # the review's column and counts once a return of the month has a decision (`ntm review`)
    reviewed = any(state != "received" for state in result.states.values())
    keys = ["expected", "submitted", "missing", "late", "rate"] + (["approved"] if reviewed else [])
    for key in keys:
        table.add_column(t(f"col.{key}", lang), justify="right")
    for d in by_district:
        table.add_row(
            Text(d.district.name), str(len(d.expected)), str(len(d.submitted)), str(len(d.missing)),
            str(len(d.late)), percent(100 * d.rate, lang),
            *([str(result.review_counts(d)["approved"])] if reviewed else []),
        )  # fmt: skip
    if by_district:
        table.add_section()
    table.add_row(
        Text(t("completeness.total" if result.whole_area else "completeness.subtotal", lang),
             style="bold"),
        str(result.expected),
        str(result.submitted), str(result.missing), str(result.late),
        percent(100 * result.rate, lang), *([str(result.approved)] if reviewed else []),
    )  # fmt: skip
    parts: list[RenderableType] = [table]
    if reviewed:
        from ntm_cli.render.review import counts_text

        said = t("completeness.review", lang, counts=counts_text(result.review_counts(), lang))
        parts.append(Text(said))
    if result.missing:
        parts.append(Text(t("completeness.missing_list", lang), style="bold"))
        for d in result.districts:
            if d.missing:
                names = ", ".join(f"{u.name} ({u.code})" for u in d.missing)
                parts.append(Text(f"  {d.district.name}: {names}" if by_district else f"  {names}"))
    else:
        parts.append(Text(t("completeness.all_in", lang), style="green"))
    if result.late:
        parts.append(Text(t("completeness.late_list", lang), style="bold"))
        for d in result.districts:
            if d.late:
                late = ", ".join(u.name for u in d.late)
                parts.append(Text(f"  {d.district.name}: {late}" if by_district else f"  {late}"))
    return Group(*parts)


def completeness_json(result: Completeness) -> dict[str, Any]:
    def units(items: tuple[Unit, ...]) -> list[dict[str, str]]:
        return [{"code": u.code, "name": u.name} for u in items]

    return {
        "period": result.period,
        "due": result.due.isoformat(),
        "expected": result.expected,
        "submitted": result.submitted,
        "missing": result.missing,
        "late": result.late,
        "rate": round(result.rate, 4),
        "review": result.review_counts(),
        "districts": [
            {
                "code": d.district.code,
                "name": d.district.name,
                "expected": len(d.expected),
                "submitted": len(d.submitted),
                "rate": round(d.rate, 4),
                "missing": units(d.missing),
                "late": units(d.late),
                "review": result.review_counts(d),
                "states": {u.code: result.states.get(u.code, "received") for u in d.submitted},
            }
            for d in result.districts
        ],
    }


def completeness_csv(result: Completeness) -> str:
    """One row per commune: district, code, name, submitted, late, review state."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "district_code", "district", "code", "name", "submitted", "late",
                     "review_state"])  # fmt: skip
    for d in result.districts:
        late = {u.code for u in d.late}
        submitted = {u.code for u in d.submitted}
        for u in d.expected:
            state = result.states.get(u.code, "received") if u.code in submitted else ""
            writer.writerow([
                result.period, d.district.code, d.district.name, u.code, u.name,
                str(u.code in submitted).lower(), str(u.code in late).lower(), state,
            ])  # fmt: skip
    return out.getvalue()


def build_unit_card(card: UnitCard, lang: Lang, level_text: str = "") -> Group:
    """The card; `level_text` in place of the level a unit holds (a unit of a list that
    records no recognition has none to show, not "not yet")."""
    u = card.unit
    level = level_of(u)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(t("col.code", lang), u.code)
    facts.add_row(t("card.kind", lang), u.kind.vi if lang is Lang.VI else u.kind.value)
    if card.district is not None and card.district is not u:
        facts.add_row(t("card.district", lang), card.district.name)
    facts.add_row(t("card.level", lang), level_text or level_word(level, lang))
    for i, (lv, rec) in enumerate(u.recognitions.items()):  # in ladder order
        decision = ", ".join(
            x
            for x in (rec.decision, date_text(rec.decided_on, lang) if rec.decided_on else "")
            if x
        )
        facts.add_row(
            t("card.recognitions", lang) if i == 0 else "",
            f"{level_word(lv, lang)}: {rec.year}" + (f" ({decision})" if decision else ""),
        )
    if note := u.note(lang is Lang.EN):
        facts.add_row(t("card.source", lang), note)
    if u.group:  # the commune group of its criteria set (QĐ 51/2025), with where it comes from
        where = f" ({u.group_source})" if u.group_source else ""
        facts.add_row(t("card.group", lang), f"{u.group}{where}")
    parts: list[RenderableType] = [Text(u.name, style="bold"), facts]
    latest = card.latest
    if latest is None:
        parts.append(Text(t("card.no_returns", lang), style="dim"))
        return Group(*parts)
    ret = latest.ret
    criteria = card.criteria.get(ret.criteria_set)
    names = (
        {c.number: (c.name if lang is Lang.VI else c.name_en or c.name) for c in criteria.criteria}
        if criteria
        else {}
    )
    met = len(ret.met)
    total = len(ret.statuses)
    stamp = (
        latest.imported_at.strftime("%d/%m/%Y %H:%M")
        if lang is Lang.VI
        else latest.imported_at.isoformat(sep=" ")
    )
    parts.append(
        Text(
            f"\n{t('card.latest', lang)}: {ret.period} · {latest.file_name} · {stamp}", style="bold"
        )
    )
    parts.append(Text(t("card.met", lang, met=met, total=total)))
    if criteria is not None:
        title = criteria.title if lang is Lang.VI else (criteria.title_en or criteria.title)
        parts.append(Text(t("card.set", lang, title=title, decision=criteria.decision)))
    if card.expected and ret.criteria_set != card.expected:
        parts.append(Text(t("card.other_set", lang, set=ret.criteria_set, expected=card.expected),
                          style="yellow"))  # fmt: skip
    for number in ret.not_met:
        parts.append(
            Text(f"  {t('card.not_met', lang)}: {number}. {names.get(number, '')}", style="red")
        )
    for number, status in ret.statuses.items():
        if status is None:
            parts.append(
                Text(
                    f"  {t('card.no_data', lang)}: {number}. {names.get(number, '')}",
                    style="yellow",
                )
            )
    if ret.ocop:
        parts.append(
            Text(
                f"{t('card.ocop', lang)}: " + "/".join(str(ret.ocop.get(s, 0)) for s in OCOP_STARS)
            )
        )
    if ret.debt is not None:
        parts.append(Text(f"{t('card.debt', lang)}: {amount(ret.debt, lang)}"))
    if ret.funds:
        parts.append(Text(f"{t('card.funds', lang)}: {amount(sum(ret.funds.values()), lang)}"))
    history = Table(
        title=t("card.history", lang), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for key in ("period", "file", "imported_at", "status"):
        history.add_column(t(f"col.{key}", lang))
    history.add_column("✓", justify="right")
    for h in reversed(card.history):
        history.add_row(
            h.ret.period, Text(h.file_name), h.imported_at.strftime("%d/%m/%Y %H:%M"),
            t("card.superseded" if h.superseded_at else "card.current", lang),
            f"{len(h.ret.met)}/{len(h.ret.statuses)}",
        )  # fmt: skip
    parts.append(history)
    return Group(*parts)


def card_json(card: UnitCard, lang: Lang = Lang.VI) -> dict[str, Any]:
    u = card.unit
    level = level_of(u)
    return {
        **unit_json(UnitRow(u, card.district, level)),
        "returns": [
            {
                "period": h.ret.period,
                "file": h.file_name,
                "sha256": h.sha256,
                "imported_at": h.imported_at.isoformat(),
                "superseded_at": h.superseded_at.isoformat() if h.superseded_at else None,
                "criteria_set": h.ret.criteria_set,
                "statuses": h.ret.statuses,
                "ocop": {str(s): n for s, n in h.ret.ocop.items()},
                "debt": h.ret.debt,
                "funds": {s: h.ret.funds.get(s) for s in FUND_SOURCES},
                "warnings": [w.as_json(lang) for w in h.warnings],
            }
            for h in card.history
        ],
    }
