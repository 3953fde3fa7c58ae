"""Read a submitted return: an ntm form (xlsx) or a long-format table (CSV or xlsx).

Every problem names the sheet and cell (or line and column) with the bad value and the fix;
a file with any problem yields no return. Warnings (a blank status, control characters removed,
a recognition the registry does not show) do not stop a file. Problems and warnings are coded
messages (ntm_cli.domain.catalogue.files), worded when shown.
"""

from __future__ import annotations

import csv
import io

from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import Level, Unit, UnitKind
from ntm_cli.domain.returns import FUND_SOURCES, Recognition, Return
from ntm_cli.domain.status import level_of
from ntm_cli.domain.text import fold
from ntm_cli.returnform import layout as form
from ntm_cli.returnform.cells import clean_text, excel_date, parse_number, parse_status
from ntm_cli.returnform.longformat import read_long, sheet_rows
from ntm_cli.returnform.parsed import Parsed, ReadContext, Warnings, period_message
from ntm_cli.returnform.xlsx import MAX_FILE, Cell, FileProblem, Sheet, Workbook, sniff

__all__ = ["Parsed", "ReadContext", "Warnings", "read_return", "recognition_warnings"]

# The cells the form reader looks at: the labels are skipped. (Rows for 60 criteria.)
CRITERIA_CELLS = frozenset(
    [form.CODE_CELL, form.PERIOD_CELL]
    + [f"{col}{form.criterion_row(i)}" for i in range(60) for col in "ACD"]
)
OTHER_CELLS = frozenset(
    [form.RECOGNITION_LEVEL_CELL, form.RECOGNITION_DECISION_CELL, form.RECOGNITION_DATE_CELL,
     form.DEBT_CELL, *form.OCOP_CELLS.values(), *form.FUND_CELLS.values()]
)  # fmt: skip
_LEVELS_BY_TEXT = {fold(v): Level(k) for k, v in form.LEVEL_CHOICES.items()} | {
    "ntm": Level.NTM,
    "dat chuan ntm": Level.NTM,
    "nong thon moi nang cao": Level.ADVANCED,
    "nong thon moi kieu mau": Level.MODEL,
    "advanced": Level.ADVANCED,
    "model": Level.MODEL,
}


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
                raise FileProblem("file.no_sheet")
            return read_long(sheet_rows(book.sheet(first)), ctx, first)
        if kind == "text":
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FileProblem("file.text_not_utf8") from None
            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","
            # a field is as long as the file allows; over-long text is then reported by cell
            csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE))
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            return read_long([(i + 1, r) for i, r in enumerate(rows)], ctx, None)
        raise FileProblem(_KIND_MESSAGES.get(kind, "file.kind.unknown"))
    except FileProblem as exc:
        return Parsed(kind, problems=[Issue(None, None, exc.message)])


_KIND_MESSAGES = {
    "empty": "file.empty",
    "ole": "file.kind.ole",
    "encrypted": "file.kind.encrypted",
    "ods": "file.kind.ods",
    "html": "file.kind.html",
    "zip": "file.kind.zip",
    "binary": "file.kind.binary",
}


class _FormReader:
    """Reads the form ntm generates (ntm_cli.returnform.layout) and checks it cell by cell."""

    def __init__(self, book: Workbook, ctx: ReadContext) -> None:
        self.book, self.ctx = book, ctx
        self.problems: list[Issue] = []
        self.warnings: list[Issue] = []
        self.code: str | None = None
        self.period: str | None = None

    def problem(self, sheet: str | None, cell: str | None, message: Message) -> None:
        self.problems.append(Issue(sheet, cell, message))

    def warn(self, sheet: str | None, cell: str | None, message: Message) -> None:
        self.warnings.append(Issue(sheet, cell, message))

    def refused(self) -> Parsed:
        return Parsed("form", problems=self.problems, unit_code=self.code, period=self.period)

    def value(self, sheet: Sheet, ref: str, input_cell: bool = True) -> str | float | bool | None:
        """A cell's value, with errors, formulas without a result and merges reported."""
        cell: Cell | None = sheet.get(ref)
        if input_cell and (merged := sheet.merged_with(ref)):
            self.problem(sheet.name, ref, msg("cell.merged", range=merged))
        if cell is None:
            return None
        if cell.kind == "e":
            self.problem(sheet.name, ref, msg("cell.error_value", value=cell.value))
            return None
        if cell.formula and cell.value is None:
            self.problem(sheet.name, ref, msg("cell.no_saved_result"))
            return None
        if isinstance(cell.value, str):
            found: list[Message] = []
            text = clean_text(cell.value, found.append, lambda m: self.warn(sheet.name, ref, m))
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
                self.problem(None, None, msg("form.sheet_missing", sheet=name))
        if self.problems:
            return self.refused()
        meta = book.sheet(form.SHEET_META, form.META_CELLS.values())
        fields = {k: self.text(meta, ref, False) for k, ref in form.META_CELLS.items()}
        self.code, self.period = fields["unit_code"] or None, fields["period"] or None
        version = fields["version"]
        if version != form.TEMPLATE_VERSION:
            self.problem(
                form.SHEET_META, form.META_CELLS["version"],
                msg("form.version", version=version, expected=form.TEMPLATE_VERSION)
                if version
                else msg("form.version_none", expected=form.TEMPLATE_VERSION),
            )  # fmt: skip
            return self.refused()
        expected = form.checksum(
            version, fields["unit_code"], fields["period"], fields["criteria_set"]
        )
        if fields["checksum"] != expected:
            self.problem(form.SHEET_META, None, msg("form.identity_edited"))
            return self.refused()
        sheet = book.sheet(form.SHEET_CRITERIA, CRITERIA_CELLS)
        code = fields["unit_code"]
        shown = self.text(sheet, form.CODE_CELL, False)
        if shown != code:
            self.problem(
                form.SHEET_CRITERIA, form.CODE_CELL, msg("form.copied", shown=shown, code=code)
            )
        unit = ctx.registry.by_code.get(code)
        if unit is None or unit.kind is not UnitKind.COMMUNE:
            self.problem(form.SHEET_META, None, msg("form.not_a_commune", code=code))
            return self.refused()
        period = fields["period"]
        self._check_period(period, form.SHEET_CRITERIA, form.PERIOD_CELL)
        if fields["criteria_set"] != ctx.criteria.id:
            self.problem(
                form.SHEET_META, None,
                msg("form.criteria_set", form_set=fields["criteria_set"], plan_set=ctx.criteria.id),
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
        self.warnings += (Issue(None, None, m) for m in recognition_warnings(ret, unit))
        return Parsed("form", returns=[ret], warnings={(code, period): self.warnings})

    def _check_period(self, period: str, sheet: str, ref: str) -> None:
        if problem := period_message(period, self.ctx.plan):
            self.problem(sheet, ref, problem)

    def _criteria(self, sheet: Sheet) -> tuple[dict[str, bool | None], dict[str, str]]:
        statuses: dict[str, bool | None] = {}
        notes: dict[str, str] = {}
        for i, criterion in enumerate(self.ctx.criteria.criteria):
            row = form.criterion_row(i)
            number_ref = f"{form.NUMBER_COL}{row}"
            if self.text(sheet, number_ref, False) != criterion.number:
                self.problem(
                    sheet.name, number_ref,
                    msg("form.criterion.row_moved", row=row, number=criterion.number),
                )  # fmt: skip
                continue
            ref = f"{form.STATUS_COL}{row}"
            raw = self.text(sheet, ref)
            if not raw:
                statuses[criterion.number] = None
                self.warn(sheet.name, ref, msg("form.criterion.no_status", number=criterion.number))
            elif (met := parse_status(raw)) is None:
                self.problem(sheet.name, ref, msg("form.status.invalid", value=raw))
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
                self.problem(
                    sheet.name, form.RECOGNITION_LEVEL_CELL,
                    msg("form.level.invalid", value=level_text,
                        choices=list(form.LEVEL_CHOICES.values())),
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
                            msg("form.date.invalid", value=date_value),
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
            self.problem(sheet.name, ref, msg("cell.not_number", value=shown))
            return None
        if number < 0:
            self.problem(sheet.name, ref, msg("cell.negative", value=shown))
            return None
        if whole and not number.is_integer():
            self.problem(sheet.name, ref, msg("cell.not_whole", value=shown))
            return None
        return number


def recognition_warnings(ret: Return, unit: Unit) -> list[Message]:
    """A claimed recognition that the registry does not show is a warning, never a change."""
    if ret.recognition is None:
        return []
    held = level_of(unit)
    claimed = ret.recognition.level
    if held is not None and held.rank >= claimed.rank:
        return []
    decision = f" ({ret.recognition.decision})" if ret.recognition.decision else ""
    values = {"code": unit.code, "name": unit.name, "level": claimed.value, "decision": decision}
    if held is None:
        return [msg("form.recognition.claim_new", **values)]
    return [msg("form.recognition.claim", held=held.value, **values)]
