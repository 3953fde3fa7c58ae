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
LONG_OPTIONAL = ("unit_name", "district", "note", "criteria_set")
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
    # each commune-month's set (and what to tell of it), by the set the row names, if any
    sets: dict[tuple[str, str, str], tuple[CriteriaSet | None, Message | None]] = {}
    told: set[tuple[str, str]] = set()  # the returns a set was said of

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
            named = values["criteria_set"]  # optional: the set the table's numbers are of
            if (unit.code, period, named) not in sets:
                sets[unit.code, period, named] = _set_of(unit, period, named, ctx)
            criteria, said = sets[unit.code, period, named]
            if said is None and not named and criteria is not None and not _first(criteria, ctx):
                # no set named, and not the scope's first: the numbers are read in the level's
                said = msg("long.criteria_set.assumed", code=unit.code, period=period,
                           set=criteria.id, title=criteria.title)  # fmt: skip
            if said is not None:
                target = parsed.problems if criteria is None else row_warnings
                target.append(Issue(sheet, where(row_number, "criteria_set"), said))
                said_once = (unit.code, period) in told
                if criteria is not None and said_once:
                    row_warnings.pop()  # one warning a return, not one a row
                told.add((unit.code, period))
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
        if key in by_key and by_key[key].criteria_set != criteria.id:
            parsed.problems.append(Issue(sheet, where(row_number, "criteria_set"), msg(
                "long.criteria_set.mixed", code=unit.code, period=period,
                first=by_key[key].criteria_set, set=criteria.id,
            )))  # fmt: skip
            continue
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
        if asked is not None and asked.choices and met:  # a met ĐK4 names its field
            chosen = {fold(c): c for c in asked.choices}.get(fold(note)) if note else None
            if note and chosen is None and asked.choices_open:
                chosen = note  # the decision's list gives examples: kept, as on the form
                row_warnings.append(Issue(sheet, where(row_number, "note"), msg(
                    "form.choice.other", value=note, label=asked.choice,
                    choices=list(asked.choices),
                )))  # fmt: skip
            if (note and chosen is None) or not note:
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
        on_set = ctx.book.by_id(ret.criteria_set)
        assert on_set is not None
        reported = on_set.reported
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


def _first(criteria: CriteriaSet, ctx: ReadContext) -> bool:
    """Whether `criteria` is the set of its scope's first level (Annex I for communes): the one
    a table of an older release, with no criteria_set column, was numbered in."""
    rungs = ctx.book.levels(criteria.scope)
    first = ctx.book.get(criteria.scope, rungs[0]) if rungs else None
    return first is None or first.id == criteria.id


def _set_of(
    unit: Unit, period: str, named: str, ctx: ReadContext
) -> tuple[CriteriaSet | None, Message | None]:
    """The set a row's criterion number is read in: the one the table names (one of the sets
    the plan has for the unit), else that of the level the unit works towards in the month. A
    set other than that level's is read, and said (as for a form); an unknown one is refused."""
    expected = ctx.expected(unit, period)
    if not named:
        return expected, None
    allowed = ctx.allowed(unit)
    found = allowed.get(named)
    if found is None:
        return None, msg("long.criteria_set.unknown", value=named, sets=list(allowed))
    if expected is not None and expected.id != found.id:
        said = msg("form.criteria_set_other", form_set=found.id, title=found.title,
                   expected=expected.id, expected_title=expected.title, period=period)  # fmt: skip
        return found, said
    return found, None


def _period(text: str, ctx: ReadContext, in_sheet: bool) -> tuple[str, Message | None]:
    """A row's month ("2024-06"), or why it is not one."""
    # ASCII digits only: isdigit() is true of "²" too, which int() refuses
    if in_sheet and text.isascii() and text.isdigit() and 20000 < int(text) < 80000:
        day = excel_date(float(text))  # Excel stored a date
        text = Period.of_date(day) if day is not None else text
    if problem := period_message(text, ctx.plan, ctx.edition, ctx.editions):
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
