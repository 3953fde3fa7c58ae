"""Read a submitted return: an ntm form (xlsx) or a long-format table (CSV or xlsx).

Every problem names the sheet and cell (or line and column) with the bad value and the fix;
a file with any problem yields no return. Warnings (a blank status, control characters removed,
a recognition the registry does not show) do not stop a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ntm_cli.domain.lookup import match_units
from ntm_cli.domain.models import Level, Plan, Registry, Unit, UnitKind, pad_code
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import (
    FUND_SOURCES,
    CriteriaSet,
    Recognition,
    Return,
)
from ntm_cli.domain.status import level_of
from ntm_cli.domain.text import fold, nfc
from ntm_cli.returnform import layout as form
from ntm_cli.sources.xlsx import MAX_FILE, Cell, FileProblem, Sheet, Workbook, col_name, sniff

LONG_HEADER = ("unit_code", "period", "criterion", "status")
LONG_OPTIONAL = ("unit_name", "district", "note")
MAX_TEXT = 32_767  # Excel's limit for one cell
NO_CACHED_VALUE = "a formula with no saved result; open the file in Excel, save it, send it again"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Text typed in the legacy TCVN3 (.VnTime) or VNI fonts and pasted as Unicode: Latin-1 symbols
# where Vietnamese letters should be ("§¹t" for "Đạt", "Ñaït" for VNI).
# Only signs that ordinary text does not use: units (m², °C), ± and º are left alone.
_TCVN3 = re.compile(r"[¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¿]")
_VNI = re.compile(r"[AaEeIiOoUuYy][øûï]|[Ññ][aAeEoOuUiIöô]")
_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
# The cells the form reader looks at: the labels are skipped. (Rows for 60 criteria.)
CRITERIA_CELLS = frozenset(
    [form.CODE_CELL, form.PERIOD_CELL]
    + [f"{col}{form.criterion_row(i)}" for i in range(60) for col in "ACD"]
)
OTHER_CELLS = frozenset(
    [form.RECOGNITION_LEVEL_CELL, form.RECOGNITION_DECISION_CELL, form.RECOGNITION_DATE_CELL,
     form.DEBT_CELL, *form.OCOP_CELLS.values(), *form.FUND_CELLS.values()]
)  # fmt: skip
_NUMBER_VN = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUMBER_COMMA = re.compile(r"^-?\d+,\d+$")
_NUMBER_DOT = re.compile(r"^-?\d+(\.\d+)?$")
_STATUS = {
    "dat": True,
    "1": True,
    "x": True,
    "met": True,
    "chua dat": False,
    "khong dat": False,
    "0": False,
    "not met": False,
}
_LEVELS_BY_TEXT = {fold(v): Level(k) for k, v in form.LEVEL_CHOICES.items()} | {
    "ntm": Level.NTM,
    "dat chuan ntm": Level.NTM,
    "nong thon moi nang cao": Level.ADVANCED,
    "nong thon moi kieu mau": Level.MODEL,
    "advanced": Level.ADVANCED,
    "model": Level.MODEL,
}


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem or a warning, located in the file."""

    sheet: str | None
    cell: str | None
    message: str

    def where(self) -> str:
        if self.sheet and self.cell:
            return f'"{self.sheet}"!{self.cell}'
        return self.cell or (f'"{self.sheet}"' if self.sheet else "")


@dataclass
class Parsed:
    """What a file holds: its returns, or the problems that stop it; warnings either way."""

    kind: str
    returns: list[Return] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)
    warnings: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    unit_code: str | None = None  # what a form says it is, even when it is refused
    period: str | None = None


@dataclass(frozen=True, slots=True)
class ReadContext:
    """The data a return is checked against."""

    plan: Plan
    registry: Registry
    criteria: CriteriaSet


def read_return(raw: bytes, ctx: ReadContext) -> Parsed:
    """Identify the file by its bytes and read it; never raises for a bad file."""
    kind = sniff(raw)
    try:
        if kind == "xlsx":
            book = Workbook(raw)
            if form.SHEET_META in book.sheets:
                return _FormReader(book, ctx).read()
            first = next(iter(book.sheets), None)
            if first is None:
                raise FileProblem("the workbook has no sheet")
            return _read_long(_sheet_rows(book.sheet(first)), ctx, first)
        if kind == "text":
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FileProblem(
                    "a text file that is not UTF-8; in Excel save as “CSV UTF-8 (Comma delimited)”"
                ) from None
            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","
            # a field is as long as the file allows; over-long text is then reported by cell
            csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE))
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            return _read_long([(i + 1, r) for i, r in enumerate(rows)], ctx, None)
        raise FileProblem(_KIND_MESSAGES.get(kind, "not a workbook ntm can read"))
    except FileProblem as exc:
        return Parsed(kind, problems=[Issue(None, None, str(exc))])


_KIND_MESSAGES = {
    "empty": "the file is empty",
    "ole": "an old Excel 97-2003 workbook (.xls); open it in Excel and save as .xlsx",
    "encrypted": "the workbook is protected by a password (encrypted); save it without a password",
    "ods": "an OpenDocument spreadsheet (.ods); save it as Excel .xlsx",
    "html": "a web page (HTML), not a workbook; open it in Excel and save as .xlsx",
    "zip": "a zip archive, not an Excel workbook",
    "binary": "not a spreadsheet (binary data)",
}


def clean_text(value: str, issue: Callable[[str], None], warn: Callable[[str], None]) -> str:
    """NFC text without control characters; legacy-font text and over-long text are problems."""
    if len(value) > MAX_TEXT:
        issue(f"text of {len(value):,} characters (the limit is {MAX_TEXT:,}); shorten it")
        return ""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        warn("control characters removed")
    value = nfc(value)
    if not _VIETNAMESE.search(value) and (_TCVN3.search(value) or _VNI.search(value)):
        issue(
            f"{value[:40]!r} looks like text typed in a TCVN3 or VNI font; convert it to Unicode "
            "(Unikey: Công cụ chuyển mã) and save again"
        )
    return value


def parse_status(text: str) -> bool | None:
    """Đạt / Chưa đạt with or without diacritics, 1 / 0, x; None when not a status."""
    return _STATUS.get(fold(text))


def parse_number(value: str | float | bool | None) -> float | None:
    """A number from a cell: a number, or text in Vietnamese ("1.234,5") or plain form."""
    if value is None or isinstance(value, bool):
        return None if value is None else float("nan")
    if isinstance(value, float):
        return value if math.isfinite(value) else float("nan")
    text = value.strip().replace(" ", "")
    if _NUMBER_VN.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _NUMBER_COMMA.match(text):
        return float(text.replace(",", "."))
    if _NUMBER_DOT.match(text):
        return float(text)
    return float("nan")


def excel_date(value: str | float | bool | None) -> dt.date | None:
    """A date cell: an Excel serial number, or text as dd/mm/yyyy or YYYY-MM-DD."""
    if isinstance(value, float):
        if 1 <= value < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError
    if isinstance(value, str):
        from ntm_cli.sources.registry import parse_date

        return parse_date(value.strip()[:10] if "T" in value else value.strip())
    raise ValueError


class _FormReader:
    """Reads the form ntm generates (ntm_cli.returnform.layout) and checks it cell by cell."""

    def __init__(self, book: Workbook, ctx: ReadContext) -> None:
        self.book, self.ctx = book, ctx
        self.problems: list[Issue] = []
        self.warnings: list[str] = []
        self.code: str | None = None
        self.period: str | None = None

    def problem(self, sheet: str | None, cell: str | None, message: str) -> None:
        self.problems.append(Issue(sheet, cell, message))

    def refused(self) -> Parsed:
        return Parsed("form", problems=self.problems, unit_code=self.code, period=self.period)

    def value(self, sheet: Sheet, ref: str, input_cell: bool = True) -> str | float | bool | None:
        """A cell's value, with errors, formulas without a result and merges reported."""
        cell: Cell | None = sheet.get(ref)
        if input_cell and (merged := sheet.merged_with(ref)):
            self.problem(sheet.name, ref, f"the cell is merged ({merged}); unmerge it")
        if cell is None:
            return None
        if cell.kind == "e":
            self.problem(sheet.name, ref, f"{cell.value} is an error value; enter a value")
            return None
        if cell.formula and cell.value is None:
            self.problem(sheet.name, ref, NO_CACHED_VALUE)
            return None
        if isinstance(cell.value, str):
            found: list[str] = []
            text = clean_text(
                cell.value,
                found.append,
                lambda m: self.warnings.append(f'"{sheet.name}"!{ref}: {m}'),
            )
            for message in found:
                self.problem(sheet.name, ref, message)
            return None if found else text  # one message for a cell, not an echo of it
        return cell.value

    def text(self, sheet: Sheet, ref: str, input_cell: bool = True) -> str:
        value = self.value(sheet, ref, input_cell)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def read(self) -> Parsed:
        book, ctx = self.book, self.ctx
        for name in (form.SHEET_CRITERIA, form.SHEET_OTHER):
            if name not in book.sheets:
                self.problem(None, None, f'sheet "{name}" is missing; use the form as ntm made it')
        if self.problems:
            return self.refused()
        meta = book.sheet(form.SHEET_META, form.META_CELLS.values())
        fields = {k: self.text(meta, ref, False) for k, ref in form.META_CELLS.items()}
        self.code, self.period = fields["unit_code"] or None, fields["period"] or None
        version = fields["version"]
        if version != form.TEMPLATE_VERSION:
            self.problem(
                form.SHEET_META, form.META_CELLS["version"],
                f"form version {version or '(none)'}; ntm reads version {form.TEMPLATE_VERSION}: "
                "send the commune a new form (`ntm template`)",
            )  # fmt: skip
            return self.refused()
        expected = form.checksum(
            version, fields["unit_code"], fields["period"], fields["criteria_set"]
        )
        if fields["checksum"] != expected:
            self.problem(
                form.SHEET_META, None,
                "the form's hidden identity was edited; use the form ntm made for this commune",
            )  # fmt: skip
            return self.refused()
        sheet = book.sheet(form.SHEET_CRITERIA, CRITERIA_CELLS)
        code = fields["unit_code"]
        shown = self.text(sheet, form.CODE_CELL, False)
        if shown != code:
            self.problem(
                form.SHEET_CRITERIA, form.CODE_CELL,
                f"the code says {shown!r} but this form was made for {code}: a form copied from "
                "another commune; use the commune's own form",
            )  # fmt: skip
        unit = ctx.registry.by_code.get(code)
        if unit is None or unit.kind is not UnitKind.COMMUNE:
            self.problem(form.SHEET_META, None, f"{code} is not a commune of the registry")
            return self.refused()
        period = fields["period"]
        self._check_period(period, form.SHEET_CRITERIA, form.PERIOD_CELL)
        if fields["criteria_set"] != ctx.criteria.id:
            self.problem(
                form.SHEET_META, None,
                f"the form uses criteria set {fields['criteria_set']}, the plan {ctx.criteria.id}; "
                "send the commune a new form",
            )  # fmt: skip
        statuses, notes = self._criteria(sheet)
        ret = Return(
            unit_code=code,
            period=period,
            criteria_set=ctx.criteria.id,
            statuses=statuses,
            notes=notes,
            **self._other(book.sheet(form.SHEET_OTHER, OTHER_CELLS)),  # type: ignore[arg-type]
        )
        if self.problems:
            return self.refused()
        self.warnings += recognition_warnings(ret, unit, ctx)
        return Parsed("form", returns=[ret], warnings={(code, period): self.warnings})

    def _check_period(self, period: str, sheet: str, ref: str) -> None:
        try:
            Period.parse(period)
        except ValueError as exc:
            self.problem(sheet, ref, str(exc))
            return
        if outside := period_problem(period, self.ctx.plan):
            self.problem(sheet, ref, outside)

    def _criteria(self, sheet: Sheet) -> tuple[dict[str, bool | None], dict[str, str]]:
        statuses: dict[str, bool | None] = {}
        notes: dict[str, str] = {}
        for i, criterion in enumerate(self.ctx.criteria.criteria):
            row = form.criterion_row(i)
            number_ref = f"{form.NUMBER_COL}{row}"
            if self.text(sheet, number_ref, False) != criterion.number:
                self.problem(
                    sheet.name, number_ref,
                    f"row {row} should hold criterion {criterion.number}; rows were moved, "
                    "inserted or deleted: use the form as ntm made it",
                )  # fmt: skip
                continue
            ref = f"{form.STATUS_COL}{row}"
            raw = self.text(sheet, ref)
            if not raw:
                statuses[criterion.number] = None
                self.warnings.append(
                    f'"{sheet.name}"!{ref}: criterion {criterion.number} has no status'
                )
            elif (met := parse_status(raw)) is None:
                self.problem(
                    sheet.name, ref,
                    f"{raw!r} is not a status; use {form.STATUS_MET} or {form.STATUS_NOT_MET}",
                )  # fmt: skip
            else:
                statuses[criterion.number] = met
            note = self.text(sheet, f"{form.NOTE_COL}{row}")
            if note:
                notes[criterion.number] = note
        return statuses, notes

    def _other(self, sheet: Sheet) -> dict[str, object]:
        result: dict[str, object] = {}
        level_text = self.text(sheet, form.RECOGNITION_LEVEL_CELL)
        if level_text:
            level = _LEVELS_BY_TEXT.get(fold(level_text))
            if level is None:
                choices = ", ".join(form.LEVEL_CHOICES.values())
                self.problem(
                    sheet.name, form.RECOGNITION_LEVEL_CELL,
                    f"{level_text!r} is not a level; use {choices}",
                )  # fmt: skip
            else:
                decided_on = None
                date_value = self.value(sheet, form.RECOGNITION_DATE_CELL)
                if date_value not in (None, ""):
                    try:
                        decided_on = excel_date(date_value)
                    except ValueError:
                        self.problem(
                            sheet.name, form.RECOGNITION_DATE_CELL,
                            f"{date_value!r} is not a date; write dd/mm/yyyy",
                        )  # fmt: skip
                decision = self.text(sheet, form.RECOGNITION_DECISION_CELL)
                result["recognition"] = Recognition(level, decision, decided_on)
        ocop = {}
        for stars, ref in form.OCOP_CELLS.items():
            count = self._amount(sheet, ref, whole=True)
            if count is not None:
                ocop[stars] = int(count)
        result["ocop"] = ocop
        result["debt"] = self._amount(sheet, form.DEBT_CELL)
        funds = {}
        for source in FUND_SOURCES:
            amount = self._amount(sheet, form.FUND_CELLS[source])
            if amount is not None:
                funds[source] = amount
        result["funds"] = funds
        return result

    def _amount(self, sheet: Sheet, ref: str, whole: bool = False) -> float | None:
        value = self.value(sheet, ref)
        if value is None or value == "":
            return None
        number = parse_number(value)
        shown = f"{value:g}" if isinstance(value, float) else repr(value)
        if number is None or number != number:  # NaN: not a number
            self.problem(sheet.name, ref, f"{shown} is not a number")
            return None
        if number < 0:
            self.problem(sheet.name, ref, f"{shown} is negative; amounts are 0 or more")
            return None
        if whole and not number.is_integer():
            self.problem(sheet.name, ref, f"{shown} is not a whole number of products")
            return None
        return number


def period_problem(period: str, plan: Plan) -> str | None:
    """A period outside the plan's years is a problem (a typo, or the wrong programme)."""
    if Period(period).in_years(plan.start_year, plan.end_year):
        return None
    return f"period {period} is outside plan {plan.number} ({plan.start_year}–{plan.end_year})"


def recognition_warnings(ret: Return, unit: Unit, ctx: ReadContext) -> list[str]:
    """A claimed recognition that the registry does not show is a warning, never a change."""
    if ret.recognition is None:
        return []
    held = level_of(unit)
    claimed = ret.recognition.level
    if held is not None and held.rank >= claimed.rank:
        return []
    shown = held.value if held else "no level"
    decision = f" ({ret.recognition.decision})" if ret.recognition.decision else ""
    return [
        f"{unit.code} {unit.name} reports {claimed.value}{decision}; the registry shows "
        f"{shown}: update units.csv if the decision is final (the status is not changed)"
    ]


def _sheet_rows(sheet: Sheet) -> list[tuple[int, list[str]]]:
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


def _read_long(rows: list[tuple[int, list[str]]], ctx: ReadContext, sheet: str | None) -> Parsed:
    """The long format: unit_code, period, criterion, status (+ unit_name, district, note)."""
    parsed = Parsed("long")
    if not rows:
        parsed.problems.append(Issue(sheet, None, "the file is empty"))
        return parsed
    header_row, header = rows[0]
    names = [fold(h).replace(" ", "_") for h in header]
    if not set(LONG_HEADER) <= set(names) and not {
        "unit_name",
        "period",
        "criterion",
        "status",
    } <= set(names):
        parsed.problems.append(
            Issue(
                sheet, f"line {header_row}" if sheet is None else f"A{header_row}",
                "neither an ntm return form nor a long-format table: the header must be "
                "unit_code,period,criterion,status (optional unit_name,district,note)",
            )
        )  # fmt: skip
        return parsed
    col = {n: i for i, n in enumerate(names)}
    by_key: dict[tuple[str, str], Return] = {}
    warnings: dict[tuple[str, str], list[str]] = {}
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
        row_warnings: list[str] = []
        values: dict[str, str] = {}
        for name in (*LONG_HEADER, *LONG_OPTIONAL):
            i = col.get(name)
            raw = row[i] if i is not None and i < len(row) else ""
            place = where(row_number, name)
            if raw.startswith("\x00"):
                message = (
                    NO_CACHED_VALUE
                    if raw == "\x00formula"
                    else f"{raw[7:]} is an error value; enter a value"
                )
                parsed.problems.append(Issue(sheet, place, message))
                raw = ""
            found: list[str] = []
            noted: list[str] = []
            values[name] = clean_text(raw, found.append, noted.append)
            parsed.problems.extend(Issue(sheet, place, m) for m in found)
            row_warnings.extend(f"{place}: {m}" for m in noted)
        unit = _long_unit(values, ctx, units)
        if isinstance(unit, str):
            parsed.problems.append(Issue(sheet, where(row_number, "unit_code"), unit))
        try:
            text = values["period"]
            if sheet is not None and text.isdigit() and 20000 < int(text) < 80000:
                text = f"{excel_date(float(text)):%Y-%m}"  # Excel stored a date
            period: str = Period.parse(text)
            if outside := period_problem(period, ctx.plan):
                raise ValueError(outside)
        except ValueError as exc:
            parsed.problems.append(Issue(sheet, where(row_number, "period"), str(exc)))
            period = ""
        number = ctx.criteria.number(values["criterion"])
        if number is None:
            known = ", ".join(c.number for c in ctx.criteria.criteria)
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "criterion"),
                    f"{values['criterion']!r} is not a criterion of {ctx.criteria.id} ({known})",
                )
            )  # fmt: skip
        status_text = values["status"]
        met = False if not status_text else parse_status(status_text)
        if met is None:
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "status"),
                    f"{status_text!r} is not a status; use Đạt or Chưa đạt (or 1/0, x/empty)",
                )
            )  # fmt: skip
        if len(parsed.problems) > problems_before or isinstance(unit, str) or number is None:
            continue
        key = (unit.code, period)
        ret = by_key.setdefault(
            key, Return(unit.code, period, ctx.criteria.id, {}, {}, source_kind="long")
        )
        if number in ret.statuses:
            parsed.problems.append(
                Issue(
                    sheet, where(row_number, "criterion"),
                    f"criterion {number} of {unit.code} for {period} is given twice",
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
                f"{code} {period}: no status for criteria {', '.join(missing)}"
            )
            for number in missing:
                ret.statuses[number] = None
        ordered = {c.number: ret.statuses[c.number] for c in ctx.criteria.criteria}
        ret.statuses.clear()
        ret.statuses.update(ordered)
    parsed.returns = list(by_key.values())
    parsed.warnings = warnings
    return parsed


def _long_unit(values: dict[str, str], ctx: ReadContext, cache: dict[str, Unit]) -> Unit | str:
    """The commune of a long-format row: by code first, then by name within its district."""
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
            return f"{code!r} is not the code of a commune in the registry"
    if not name:
        return "no unit_code and no unit_name: give the commune's code"
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
        hint = "; did you mean " + ", ".join(f"{u.name} ({u.code})" for u in near) if near else ""
        return f"no commune is named {name!r}" + (f" in {district}" if district else "") + hint
    listed = ", ".join(
        f"{u.name} ({u.code}, {d.name if (d := registry.district_of(u)) else ''})" for u in found
    )
    return f"{name!r} matches {len(found)} communes: {listed}; give unit_code or district"
