"""The long format: one row per commune, month and criterion, from a CSV file or a sheet.

unit_code, period, criterion, status (+ unit_name, district, note): what a district's own tools
export. A commune is found by its code, or by its name within its district.
"""

from __future__ import annotations

from collections.abc import Iterable

from ntm_cli.domain.lookup import match_units
from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import Unit, UnitKind, pad_code
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import CriteriaSet, Return
from ntm_cli.domain.text import fold
from ntm_cli.returnform.cells import clean_text, excel_date, parse_status
from ntm_cli.returnform.parsed import Parsed, ReadContext, Warnings, period_message
from ntm_cli.returnform.xlsx import Sheet, col_name

LONG_HEADER = ("unit_code", "period", "criterion", "status")
LONG_OPTIONAL = ("unit_name", "district", "note")
MAX_PROBLEMS = 1000  # in one table: beyond, the reading stops

Rows = Iterable[tuple[int, dict[int, str]]]
"""A table's rows, each with its line (or row) number and its cells by column (from 0); a cell
left out is blank. Sparse, so that a cell far to the right costs one cell, not a row's width;
read one at a time, so that a table is never held whole (a CSV file is read as it goes)."""


def sheet_rows(sheet: Sheet) -> list[tuple[int, dict[int, str]]]:
    """A sheet as text rows (for the long format), row numbers kept for messages."""
    rows: dict[int, dict[int, str]] = {}
    for (row, col), cell in sheet.cells.items():
        if cell.kind == "e":
            text = f"\x00error:{cell.value}"
        elif cell.formula and cell.value is None:
            text = "\x00formula"
        elif isinstance(cell.value, float):
            text = str(int(cell.value)) if cell.value.is_integer() else str(cell.value)
        elif isinstance(cell.value, bool):
            text = "1" if cell.value else "0"
        else:
            text = str(cell.value or "")
        rows.setdefault(row, {})[col - 1] = text
    return sorted(rows.items())


def read_long(rows: Rows, ctx: ReadContext, sheet: str | None) -> Parsed:
    """The long format: unit_code, period, criterion, status (+ unit_name, district, note)."""
    parsed = Parsed("long")
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        parsed.problems.append(Issue(sheet, None, msg("file.empty")))
        return parsed
    header_row, header = first
    names = {i: fold(h).replace(" ", "_") for i, h in sorted(header.items())}
    if not set(LONG_HEADER) <= set(names.values()) and not {
        "unit_name",
        "period",
        "criterion",
        "status",
    } <= set(names.values()):
        place = f"line {header_row}" if sheet is None else f"A{header_row}"
        parsed.problems.append(Issue(sheet, place, msg("long.header")))
        return parsed
    col = {n: i for i, n in names.items()}
    by_key: dict[tuple[str, str], Return] = {}
    warnings: Warnings = {}
    units: dict[str, Unit | Message] = {}
    communes = [u for u in ctx.registry.units if u.kind is UnitKind.COMMUNE]
    # a table repeats its codes, months, numbers and statuses: each is judged once
    cleaned: dict[str, tuple[str, list[Message], list[Message]]] = {}
    periods: dict[str, tuple[str, Message | None]] = {}
    numbers: dict[tuple[str, str], str | None] = {}
    sets: dict[tuple[str, str], CriteriaSet | None] = {}  # each commune-month's set

    def where(row: int, column: str) -> str:
        if column == "unit_code" and "unit_code" not in col:
            column = "unit_name"  # the column the commune was looked up by
        index = col.get(column, 0)
        return f"line {row}, {column}" if sheet is None else f"{col_name(index + 1)}{row}"

    for row_number, row in rows:
        if not any(c.strip() for c in row.values()):
            continue
        problems_before = len(parsed.problems)
        if problems_before >= MAX_PROBLEMS:  # the same mistake on every row: enough to fix it
            place = f"line {row_number}" if sheet is None else f"A{row_number}"
            parsed.problems.append(
                Issue(sheet, place, msg("long.too_many_problems", max=MAX_PROBLEMS))
            )
            break
        row_warnings: list[Issue] = []
        values: dict[str, str] = {}
        for name in (*LONG_HEADER, *LONG_OPTIONAL):
            i = col.get(name)
            raw = row.get(i, "") if i is not None else ""
            if raw not in cleaned:
                found: list[Message] = []
                noted: list[Message] = []
                if raw.startswith("\x00"):
                    found.append(
                        msg("cell.no_saved_result")
                        if raw == "\x00formula"
                        else msg("cell.error_value", value=raw[7:])
                    )
                text = clean_text("" if found else raw, found.append, noted.append)
                if len(raw) <= 1000:  # notes are seldom repeated, and long
                    cleaned[raw] = text, found, noted
            else:
                text, found, noted = cleaned[raw]
            values[name] = text
            if found or noted:
                place = where(row_number, name)
                parsed.problems.extend(Issue(sheet, place, m) for m in found)
                row_warnings.extend(Issue(sheet, place, m) for m in noted)
        unit = _long_unit(values, ctx, units, communes)
        if isinstance(unit, Message):
            parsed.problems.append(Issue(sheet, where(row_number, "unit_code"), unit))
        if values["period"] not in periods:
            periods[values["period"]] = _period(values["period"], ctx, sheet is not None)
        period, problem = periods[values["period"]]
        if problem is not None:
            parsed.problems.append(Issue(sheet, where(row_number, "period"), problem))
        criteria = None
        if not isinstance(unit, Message) and problem is None:
            if (unit.code, period) not in sets:
                sets[unit.code, period] = ctx.expected(unit, period)
            criteria = sets[unit.code, period]
        number = None
        if criteria is not None:
            if (criteria.id, values["criterion"]) not in numbers:
                numbers[criteria.id, values["criterion"]] = criteria.number(values["criterion"])
            number = numbers[criteria.id, values["criterion"]]
            if number is None:
                known = [c.number for c in criteria.reported]
                parsed.problems.append(
                    Issue(
                        sheet, where(row_number, "criterion"),
                        msg("long.criterion.unknown", value=values["criterion"], set=criteria.id,
                            known=known),
                    )
                )  # fmt: skip
        status_text = values["status"]
        met = False if not status_text else parse_status(status_text)
        if met is None:
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "status"),
                    msg("long.status.invalid", value=status_text),
                )
            )  # fmt: skip
        if (
            len(parsed.problems) > problems_before or isinstance(unit, Message)
            or number is None or criteria is None
        ):  # fmt: skip
            continue
        key = (unit.code, period)
        ret = by_key.setdefault(
            key, Return(unit.code, period, criteria.id, {}, {}, source_kind="long")
        )
        if number in ret.statuses:
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "criterion"),
                    msg("long.criterion.twice", number=number, code=unit.code, period=period),
                )
            )  # fmt: skip
            continue
        note = values["note"]
        asked = criteria.get(number)
        if asked is not None and asked.choices:  # the note names one of a list (ĐK4's field)
            chosen = {fold(c): c for c in asked.choices}.get(fold(note)) if note else None
            if (note and chosen is None) or (met and not note):
                choices = list(asked.choices)
                problem = (
                    msg("form.choice.invalid", value=note, label=asked.choice, choices=choices)
                    if note
                    else msg("form.choice.missing", number=number, label=asked.choice,
                             choices=choices)
                )  # fmt: skip
                parsed.problems.append(Issue(sheet, where(row_number, "note"), problem))
                continue
            note = chosen or ""
        ret.statuses[number] = met
        if note:
            ret.notes[number] = note
        warnings.setdefault(key, []).extend(row_warnings)
    if not parsed.problems and not by_key:  # a header and nothing under it
        place = f"line {header_row}" if sheet is None else f"A{header_row}"
        parsed.problems.append(Issue(sheet, place, msg("long.no_rows")))
    if parsed.problems:
        return parsed
    for (code, period), ret in by_key.items():
        reported = sets[code, period].reported  # type: ignore[union-attr]
        missing = [c.number for c in reported if c.number not in ret.statuses]
        if missing:
            warnings.setdefault((code, period), []).append(
                Issue(None, None, msg("long.criteria_missing", code=code, period=period,
                                      numbers=missing))
            )  # fmt: skip
            for number in missing:
                ret.statuses[number] = None
        ordered = {c.number: ret.statuses[c.number] for c in reported}
        ret.statuses.clear()
        ret.statuses.update(ordered)
    parsed.returns = list(by_key.values())
    parsed.warnings = warnings
    return parsed


def _period(text: str, ctx: ReadContext, in_sheet: bool) -> tuple[str, Message | None]:
    """A row's month ("2024-06"), or why it is not one."""
    # ASCII digits only: isdigit() is true of "²" too, which int() refuses
    if in_sheet and text.isascii() and text.isdigit() and 20000 < int(text) < 80000:
        day = excel_date(float(text))  # Excel stored a date
        text = Period.of_date(day) if day is not None else text
    if problem := period_message(text, ctx.plan):
        return "", problem
    return Period.parse(text), None


def _long_unit(
    values: dict[str, str], ctx: ReadContext, cache: dict[str, Unit | Message], communes: list[Unit]
) -> Unit | Message:
    """The commune of a long-format row (by code first, then by name within its district), or
    why there is none (each asked once: a table repeats its communes, and its mistakes)."""
    key = f"{values['unit_code']}|{values['unit_name']}|{values['district']}"
    if key not in cache:
        cache[key] = _find_unit(values, ctx, communes)
    return cache[key]


def _find_unit(values: dict[str, str], ctx: ReadContext, communes: list[Unit]) -> Unit | Message:
    code, name, district = values["unit_code"], values["unit_name"], values["district"]
    registry = ctx.registry
    if code:
        unit = registry.by_code.get(pad_code(code, UnitKind.COMMUNE))
        if unit is not None and unit.kind is UnitKind.COMMUNE:
            return unit
        if not name:
            return msg("long.unit.unknown_code", value=code)
    if not name:
        return msg("long.unit.none")
    pool = communes
    if district:
        districts = match_units(
            registry, district, {UnitKind.DISTRICT, UnitKind.TOWN, UnitKind.CITY}
        )
        if len(districts) == 1:
            pool = [u for u in communes if u.parent_code == districts[0].code]
    found = match_units(registry, name, {UnitKind.COMMUNE}, pool=pool)
    if len(found) == 1:
        return found[0]
    if not found:
        near = match_units(registry, name, {UnitKind.COMMUNE}, partial=True, pool=pool)[:6]
        params: dict[str, object] = {"name": name}
        if district:
            params["district"] = district
        if near:
            params["near"] = [f"{u.name} ({u.code})" for u in near]
        code = "long.unit.not_found" + ("_in" if district else "") + ("_near" if near else "")
        return msg(code, **params)
    listed = [
        f"{u.name} ({u.code}, {d.name if (d := registry.district_of(u)) else ''})" for u in found
    ]
    return msg("long.unit.ambiguous", name=name, n=len(found), units=listed)
