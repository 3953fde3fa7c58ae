"""The long format: one row per commune, month and criterion, from a CSV file or a sheet.

unit_code, period, criterion, status (+ unit_name, district, note): what a district's own tools
export. A commune is found by its code, or by its name within its district.
"""

from __future__ import annotations

from ntm_cli.domain.lookup import match_units
from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import Unit, UnitKind, pad_code
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import Return
from ntm_cli.domain.text import fold
from ntm_cli.returnform.cells import clean_text, excel_date, parse_status
from ntm_cli.returnform.parsed import Parsed, ReadContext, Warnings, period_message
from ntm_cli.returnform.xlsx import Sheet, col_name

LONG_HEADER = ("unit_code", "period", "criterion", "status")
LONG_OPTIONAL = ("unit_name", "district", "note")


def sheet_rows(sheet: Sheet) -> list[tuple[int, list[str]]]:
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
        rows.setdefault(row, {})[col] = text
    width = max((max(r) for r in rows.values()), default=0)
    return [(r, [rows[r].get(c, "") for c in range(1, width + 1)]) for r in sorted(rows)]


def read_long(rows: list[tuple[int, list[str]]], ctx: ReadContext, sheet: str | None) -> Parsed:
    """The long format: unit_code, period, criterion, status (+ unit_name, district, note)."""
    parsed = Parsed("long")
    if not rows:
        parsed.problems.append(Issue(sheet, None, msg("file.empty")))
        return parsed
    header_row, header = rows[0]
    names = [fold(h).replace(" ", "_") for h in header]
    if not set(LONG_HEADER) <= set(names) and not {
        "unit_name",
        "period",
        "criterion",
        "status",
    } <= set(names):
        place = f"line {header_row}" if sheet is None else f"A{header_row}"
        parsed.problems.append(Issue(sheet, place, msg("long.header")))
        return parsed
    col = {n: i for i, n in enumerate(names)}
    by_key: dict[tuple[str, str], Return] = {}
    warnings: Warnings = {}
    units: dict[str, Unit] = {}

    def where(row: int, column: str) -> str:
        if column == "unit_code" and "unit_code" not in col:
            column = "unit_name"  # the column the commune was looked up by
        index = col.get(column, 0)
        return f"line {row}, {column}" if sheet is None else f"{col_name(index + 1)}{row}"

    for row_number, row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        problems_before = len(parsed.problems)
        row_warnings: list[Issue] = []
        values: dict[str, str] = {}
        for name in (*LONG_HEADER, *LONG_OPTIONAL):
            i = col.get(name)
            raw = row[i] if i is not None and i < len(row) else ""
            place = where(row_number, name)
            if raw.startswith("\x00"):
                message = (
                    msg("cell.no_saved_result")
                    if raw == "\x00formula"
                    else msg("cell.error_value", value=raw[7:])
                )
                parsed.problems.append(Issue(sheet, place, message))
                raw = ""
            found: list[Message] = []
            noted: list[Message] = []
            values[name] = clean_text(raw, found.append, noted.append)
            parsed.problems.extend(Issue(sheet, place, m) for m in found)
            row_warnings.extend(Issue(sheet, place, m) for m in noted)
        unit = _long_unit(values, ctx, units)
        if isinstance(unit, Message):
            parsed.problems.append(Issue(sheet, where(row_number, "unit_code"), unit))
        text = values["period"]
        if sheet is not None and text.isdigit() and 20000 < int(text) < 80000:
            day = excel_date(float(text))  # Excel stored a date
            text = Period.of_date(day) if day is not None else text
        period = ""
        if problem := period_message(text, ctx.plan):
            parsed.problems.append(Issue(sheet, where(row_number, "period"), problem))
        else:
            period = Period.parse(text)
        number = ctx.criteria.number(values["criterion"])
        if number is None:
            known = [c.number for c in ctx.criteria.criteria]
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "criterion"),
                    msg("long.criterion.unknown", value=values["criterion"], set=ctx.criteria.id,
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
        if len(parsed.problems) > problems_before or isinstance(unit, Message) or number is None:
            continue
        key = (unit.code, period)
        ret = by_key.setdefault(
            key, Return(unit.code, period, ctx.criteria.id, {}, {}, source_kind="long")
        )
        if number in ret.statuses:
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "criterion"),
                    msg("long.criterion.twice", number=number, code=unit.code, period=period),
                )
            )  # fmt: skip
            continue
        ret.statuses[number] = met
        if values["note"]:
            ret.notes[number] = values["note"]
        warnings.setdefault(key, []).extend(row_warnings)
    if parsed.problems:
        return parsed
    for (code, period), ret in by_key.items():
        missing = [c.number for c in ctx.criteria.criteria if c.number not in ret.statuses]
        if missing:
            warnings.setdefault((code, period), []).append(
                Issue(None, None, msg("long.criteria_missing", code=code, period=period,
                                      numbers=missing))
            )  # fmt: skip
            for number in missing:
                ret.statuses[number] = None
        ordered = {c.number: ret.statuses[c.number] for c in ctx.criteria.criteria}
        ret.statuses.clear()
        ret.statuses.update(ordered)
    parsed.returns = list(by_key.values())
    parsed.warnings = warnings
    return parsed


def _long_unit(values: dict[str, str], ctx: ReadContext, cache: dict[str, Unit]) -> Unit | Message:
    """The commune of a long-format row (by code first, then by name within its district), or
    why there is none."""
    code, name, district = values["unit_code"], values["unit_name"], values["district"]
    key = f"{code}|{name}|{district}"
    if key in cache:
        return cache[key]
    registry = ctx.registry
    communes = [u for u in registry.units if u.kind is UnitKind.COMMUNE]
    if code:
        unit = registry.by_code.get(pad_code(code, UnitKind.COMMUNE))
        if unit is not None and unit.kind is UnitKind.COMMUNE:
            cache[key] = unit
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
        cache[key] = found[0]
        return found[0]
    if not found:
        near = match_units(registry, name, {UnitKind.COMMUNE}, partial=True, pool=pool)[:6]
        params: dict[str, object] = {"name": name}
        if district:
            params["district"] = district
        if near:
            params["near"] = [f"{u.name} ({u.code})" for u in near]
        key = "long.unit.not_found" + ("_in" if district else "") + ("_near" if near else "")
        return msg(key, **params)
    listed = [
        f"{u.name} ({u.code}, {d.name if (d := registry.district_of(u)) else ''})" for u in found
    ]
    return msg("long.unit.ambiguous", name=name, n=len(found), units=listed)
