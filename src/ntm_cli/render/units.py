"""The unit registry as a Rich table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.models import LEVELS, Level, Unit, UnitKind
from ntm_cli.domain.text import split_prefix
from ntm_cli.engine.units import UnitRow

ABBREVIATION = {UnitKind.DISTRICT: "H.", UnitKind.TOWN: "TX", UnitKind.CITY: "TP"}

CSV_COLUMNS = (
    "code", "name", "kind", "parent_code", "district_code", "level", "ntm_year",
    "advanced_year", "model_year", "illustrative", "source", "source_en",
)  # fmt: skip


def level_label(row: UnitRow, lang: Lang) -> str:
    if row.level is None:
        return t("short.none", lang)
    if row.level is Level.NTM and row.unit.kind in (UnitKind.TOWN, UnitKind.CITY):
        return t("short.htnv", lang)
    return t(f"short.{row.level.value}", lang)


def short_name(unit: Unit | None) -> str:
    """ "H. Cầu Kè", "TX Duyên Hải", "TP Trà Vinh": the abbreviations Vietnamese tables use."""
    if unit is None:
        return ""
    _, bare = split_prefix(unit.name)
    return f"{ABBREVIATION.get(unit.kind, '')} {bare}".strip()


def _year(unit: Unit, level: Level, until: int | None = None) -> str:
    """The result year of `level`, blank when not reached (by `until`, when given)."""
    recognition = unit.recognitions.get(level)
    if recognition is None or (until is not None and recognition.year > until):
        return ""
    return str(recognition.year)


def build_units_table(rows: list[UnitRow], lang: Lang, until: int | None = None) -> Group:
    """Code, name, district, level and the result year of each level."""
    table = Table(
        title=t("units.title", lang, n=len(rows)), title_justify="left",
        box=box.SIMPLE_HEAD, pad_edge=False,
    )  # fmt: skip
    table.add_column(t("col.code", lang), no_wrap=True)
    table.add_column(t("col.name", lang))
    table.add_column(t("col.district", lang))
    table.add_column(t("col.level", lang))
    for level in LEVELS:
        table.add_column(t(f"short.{level.value}", lang), justify="right")
    illustrative = 0
    for row in rows:
        u = row.unit
        name = u.name
        if u.illustrative:
            illustrative += 1
            name += " *"
        district = row.district if row.district is not u else None
        table.add_row(
            u.code, Text(name), Text(short_name(district)), level_label(row, lang),
            *(_year(u, level, until) for level in LEVELS),
        )  # fmt: skip
    notes = [Text(t("units.years", lang), style="dim")]
    if illustrative:
        notes.append(Text(t("units.illustrative_note", lang, n=illustrative), style="dim"))
    return Group(table, *notes)


def unit_json(row: UnitRow) -> dict[str, Any]:
    u = row.unit
    return {
        "code": u.code,
        "name": u.name,
        "kind": u.kind.value,
        "parent_code": u.parent_code or None,
        "district_code": row.district.code if row.district else None,
        "level": row.level.value if row.level else None,
        "recognitions": {
            level.value: {
                "year": r.year,
                "decision": r.decision or None,
                "decided_on": r.decided_on.isoformat() if r.decided_on else None,
            }
            for level, r in u.recognitions.items()
        },
        "illustrative": u.illustrative,
        "source": u.source,
        "source_en": u.source_en or None,
    }


def units_csv(rows: list[UnitRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        u = row.unit
        writer.writerow([
            u.code, u.name, u.kind.vi, u.parent_code, row.district.code if row.district else "",
            row.level.value if row.level else "", *(_year(u, lv) for lv in LEVELS),
            str(u.illustrative).lower(), u.source, u.source_en,
        ])  # fmt: skip
    return out.getvalue()
