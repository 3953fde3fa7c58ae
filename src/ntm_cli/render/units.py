"""The unit registry as a Rich table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, level_word, t
from ntm_cli.domain.models import Ladder, Level, Unit, UnitKind
from ntm_cli.domain.text import split_prefix
from ntm_cli.engine.units import UnitRow

ABBREVIATION = {UnitKind.DISTRICT: "H.", UnitKind.TOWN: "TX", UnitKind.CITY: "TP"}


def csv_columns(ladder: Ladder) -> tuple[str, ...]:
    """The columns of `ntm units --format csv`: a year column a rung of the plan's ladder."""
    years = tuple(f"{lv.value}_year" for lv in ladder)
    return ("code", "name", "kind", "parent_code", "district_code", "level", *years,
            "illustrative", "source", "source_en")  # fmt: skip


def level_label(row: UnitRow, lang: Lang) -> str:
    town = row.unit.kind in (UnitKind.TOWN, UnitKind.CITY)
    return level_word(row.level, lang, "short", task=town)


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


def build_units_table(
    rows: list[UnitRow], ladder: Ladder, lang: Lang, until: int | None = None
) -> Group:
    """Code, name, district, level and the result year of each level."""
    table = Table(
        title=t("units.title", lang, n=len(rows)), title_justify="left",
        box=box.SIMPLE_HEAD, pad_edge=False,
    )  # fmt: skip
    table.add_column(t("col.code", lang), no_wrap=True)
    table.add_column(t("col.name", lang))
    # no district level (a registry from 01/7/2025): no district column
    districts = any(row.district is not None for row in rows) or not rows
    if districts:
        table.add_column(t("col.district", lang))
    table.add_column(t("col.level", lang))
    for level in ladder:
        table.add_column(level_word(level, lang, "short"), justify="right")
    illustrative = 0
    for row in rows:
        u = row.unit
        name = u.name
        if u.illustrative:
            illustrative += 1
            name += " *"
        district = row.district if row.district is not u else None
        shown = (Text(short_name(district)),) if districts else ()
        table.add_row(
            u.code, Text(name), *shown, level_label(row, lang),
            *(_year(u, level, until) for level in ladder),
        )  # fmt: skip
    columns = ", ".join(level_word(level, lang, "short") for level in ladder)
    years = "units.years" if districts else "units.years_no_district"
    notes = [Text(t(years, lang, columns=columns), style="dim")]
    if illustrative:
        notes.append(Text(t("units.illustrative_note", lang, n=illustrative), style="dim"))
    return Group(table, *notes)


def recognitions_json(u: Unit) -> dict[str, dict[str, Any]]:
    """A unit's recognitions by level, as every JSON output gives them."""
    return {
        level.value: {
            "year": r.year,
            "decision": r.decision or None,
            "decided_on": r.decided_on.isoformat() if r.decided_on else None,
        }
        for level, r in u.recognitions.items()
    }


def unit_json(row: UnitRow) -> dict[str, Any]:
    u = row.unit
    return {
        "code": u.code,
        "name": u.name,
        "kind": u.kind.value,
        "parent_code": u.parent_code or None,
        "district_code": row.district.code if row.district else None,
        "level": row.level.value if row.level else None,
        "recognitions": recognitions_json(u),
        "illustrative": u.illustrative,
        "source": u.source,
        "source_en": u.source_en or None,
    }


def units_csv(rows: list[UnitRow], ladder: Ladder) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(ladder))
    for row in rows:
        u = row.unit
        writer.writerow([
            u.code, u.name, u.kind.vi, u.parent_code, row.district.code if row.district else "",
            row.level.value if row.level else "", *(_year(u, lv) for lv in ladder),
            str(u.illustrative).lower(), u.source, u.source_en,
        ])  # fmt: skip
    return out.getvalue()
