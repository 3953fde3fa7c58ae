"""Read a submitted return: an ntm form (xlsx) or a long-format table (CSV or xlsx).

Every problem names the sheet and cell (or line and column) with the bad value and the fix;
a file with any problem yields no return. Warnings (a blank status, control characters removed,
a recognition the registry does not show) do not stop a file. Problems and warnings are coded
messages (ntm_cli.domain.catalogue.files), worded when shown.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator
from pathlib import PurePath

from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import Ladder, Level, Unit
from ntm_cli.domain.returns import FUND_SOURCES, CriteriaSet, Criterion, Recognition, Return
from ntm_cli.domain.status import level_of
from ntm_cli.domain.text import fold
from ntm_cli.returnform import layout as form
from ntm_cli.returnform.cells import clean_text, excel_date, parse_number, parse_status
from ntm_cli.returnform.longformat import read_long, sheet_rows
from ntm_cli.returnform.nominations import is_nominations, read_nominations
from ntm_cli.returnform.parsed import Parsed, ReadContext, Warnings, period_message
from ntm_cli.returnform.xlsx import MAX_CELLS, MAX_FILE, Cell, FileProblem, Sheet, Workbook, sniff

__all__ = ["Parsed", "ReadContext", "Warnings", "read_return", "recognition_warnings"]

# The cells the form reader looks at: the labels are skipped. (Rows for 60 criteria, and the
# rows below the table that rows inserted into it push criteria down to.)
SHIFT_ROWS = 20
CRITERIA_CELLS = frozenset(
    [form.CODE_CELL, form.PERIOD_CELL]
    + [f"{col}{form.criterion_row(i)}" for i in range(60 + SHIFT_ROWS) for col in "ACD"]
)
OTHER_CELLS = frozenset(
    [form.RECOGNITION_LEVEL_CELL, form.RECOGNITION_DECISION_CELL, form.RECOGNITION_DATE_CELL,
     form.DEBT_CELL, *form.OCOP_CELLS.values(), *form.FUND_CELLS.values(),
     *(f"{form.ITEM_VALUE_COL}{form.item_row(i)}" for i in range(form.MAX_ITEMS))]
)  # fmt: skip


def read_return(raw: bytes, ctx: ReadContext, name: str | None = None) -> Parsed:
    """Identify the file by its bytes and read it; never raises for a bad file. The file's
    `name` is not what decides how it is read: it only adds a warning when a CSV table is named
    as a workbook."""
    kind = sniff(raw)
    try:
        parsed = _read(raw, kind, ctx)
    except FileProblem as exc:
        parsed = Parsed(kind, problems=[Issue(None, None, exc.message)])
    suffix = PurePath(name).suffix.lower() if name else ""
    if kind == "text" and suffix in WORKBOOK_SUFFIXES:
        first = parsed.returns[0] if parsed.returns else None
        key = (first.unit_code, first.period) if first else ("", "")
        warning = Issue(None, None, msg("file.csv_named_workbook", ext=suffix))
        parsed.warnings.setdefault(key, []).insert(0, warning)
    return parsed


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_LINE = 1_000_000  # characters in one line (and one field) of a CSV file


def _read(raw: bytes, kind: str, ctx: ReadContext) -> Parsed:
    if len(raw) > MAX_FILE:  # the import reads no more; a caller of this function may
        raise FileProblem("file.too_large", mb=_mb(len(raw)), limit_mb=_mb(MAX_FILE))
    if kind == "xlsx":
        book = Workbook(raw)
        if is_nominations(book):  # the nominations workbook, known by its hidden identity
            return read_nominations(book, ctx.plan, ctx.registry)
        if form.SHEET_META in book.sheets:
            return _FormReader(book, ctx).read()
        first = next(iter(book.sheets), None)
        if first is None:
            raise FileProblem("file.no_sheet")
        return read_long(sheet_rows(book.sheet(first)), ctx, first)
    if kind == "text":
        # csv's limit on a field is the process's: set for this file, then put back
        previous = csv.field_size_limit(MAX_LINE)
        try:
            return read_long(_csv_rows(raw), ctx, None)
        finally:
            csv.field_size_limit(previous)
    raise FileProblem(_KIND_MESSAGES.get(kind, "file.kind.unknown"))


def _mb(size: int) -> int:
    return max(1, round(size / 1_000_000))


def _csv_rows(raw: bytes) -> Iterator[tuple[int, dict[int, str]]]:
    """The rows of a CSV file (UTF-8, `,` or `;`), numbered from 1, read as they are asked for:
    no line, no field (csv.field_size_limit) and no number of cells beyond the limits, whatever
    the file holds."""
    if (nul := raw.find(b"\x00")) >= 0:
        raise FileProblem("file.text_nul", line=raw.count(b"\n", 0, nul) + 1)
    end = raw.find(b"\n")
    first = raw[: end if end >= 0 else len(raw)]
    delimiter = ";" if first.count(b";") > first.count(b",") else ","
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")
    lines = _lines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    cells = 0
    start = 1  # the line the record being read begins on
    number = 0
    while True:
        try:
            fields = next(reader, None)
        except UnicodeDecodeError:
            raise FileProblem("file.text_not_utf8") from None
        except csv.Error as exc:  # a field over the limit: a quote left open runs to the end
            raise FileProblem("file.text_unreadable", line=start, reason=str(exc)) from None
        if fields is None:
            return
        cells += max(1, len(fields))  # a blank line counts too: 20 MB of them is no table
        if cells > MAX_CELLS:
            raise FileProblem("file.text_too_many_cells", max=MAX_CELLS)
        number += 1
        yield number, dict(enumerate(fields))
        start = reader.line_num + 1


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    number = 0
    while line := text.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise FileProblem("file.text_line_too_long", line=number, max=MAX_LINE)
        yield line


_KIND_MESSAGES = {
    "empty": "file.empty",
    "ole": "file.kind.ole",
    "encrypted": "file.kind.encrypted",
    "ods": "file.kind.ods",
    "html": "file.kind.html",
    "utf16": "file.text_utf16",
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
            version, fields["unit_code"], fields["period"], fields["criteria_set"], fields["items"]
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
        if unit is None:
            self.problem(form.SHEET_META, None, msg("form.not_a_commune", code=code))
            return self.refused()
        allowed = ctx.allowed(unit)
        if not allowed:
            self.problem(form.SHEET_META, None,
                         msg("form.no_criteria_for", code=code, kind=unit.kind.value))  # fmt: skip
            return self.refused()
        period = fields["period"]
        self._check_period(period, form.SHEET_CRITERIA, form.PERIOD_CELL)
        criteria = allowed.get(fields["criteria_set"])
        if criteria is None:
            self.problem(
                form.SHEET_META, None,
                msg("form.criteria_set", form_set=fields["criteria_set"], plan_set=list(allowed)),
            )  # fmt: skip
            return self.refused()
        if not self.problems and (wanted := ctx.expected(unit, period)) is not None:
            if wanted.id != criteria.id:
                self.warn(None, None, msg(
                    "form.criteria_set_other", form_set=criteria.id, title=criteria.title,
                    expected=wanted.id, expected_title=wanted.title, period=period,
                ))  # fmt: skip
        statuses, notes = self._criteria(sheet, criteria)
        other = book.sheet(form.SHEET_OTHER, OTHER_CELLS)
        ret = Return(
            unit_code=code,
            period=period,
            criteria_set=criteria.id,
            statuses=statuses,
            notes=notes,
            values=self._items(other, fields["items"]),
            **self._other(other),  # type: ignore[arg-type]
        )
        if self.problems:
            return self.refused()
        self.warnings += (
            Issue(None, None, m) for m in recognition_warnings(ret, unit, self.ctx.plan.ladder)
        )
        return Parsed("form", returns=[ret], warnings={(code, period): self.warnings})

    def _check_period(self, period: str, sheet: str, ref: str) -> None:
        if problem := period_message(period, self.ctx.plan, self.ctx.edition, self.ctx.editions):
            self.problem(sheet, ref, problem)

    def _criteria(
        self, sheet: Sheet, criteria: CriteriaSet
    ) -> tuple[dict[str, bool | None], dict[str, str]]:
        statuses: dict[str, bool | None] = {}
        notes: dict[str, str] = {}
        if self._rows_shifted(sheet, criteria):
            return statuses, notes
        for i, criterion in enumerate(criteria.reported):
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
            note_ref = f"{form.NOTE_COL}{row}"
            note = self.text(sheet, note_ref)
            if criterion.choices:
                note = self._choice(sheet.name, note_ref, criterion, note, statuses)
            if note:
                notes[criterion.number] = note
        return statuses, notes

    def _choice(self, sheet: str, ref: str, criterion: Criterion, text: str,
                statuses: dict[str, bool | None]) -> str:  # fmt: skip
        """The value a condition asks for (a model commune's outstanding field), as the set
        spells it; a met condition must name it. A condition not met keeps its note as written
        (work in progress); a value outside an open list is kept with a warning."""
        if not statuses.get(criterion.number):
            return text
        choices = list(criterion.choices)
        if not text:
            self.problem(sheet, ref, msg("form.choice.missing", number=criterion.number,
                                         label=criterion.choice, choices=choices))  # fmt: skip
            return ""
        found = {fold(c): c for c in criterion.choices}.get(fold(text))
        if found is None and criterion.choices_open:
            self.warn(sheet, ref, msg("form.choice.other", value=text, label=criterion.choice,
                                      choices=choices))  # fmt: skip
            return text
        if found is None:
            self.problem(sheet, ref, msg("form.choice.invalid", value=text,
                                         label=criterion.choice, choices=choices))  # fmt: skip
            return ""
        return found

    def _rows_shifted(self, sheet: Sheet, criteria: CriteriaSet) -> bool:
        """Rows deleted from the criteria table or inserted into it (everything below moves):
        one problem at the row where it happened, rather than one for every row after it.
        Anything else that is out of place (a number edited, rows sorted) is left to the
        row-by-row check, and what is written below the table (a signature) is no concern."""
        expected = [c.number for c in criteria.reported]
        found = [
            _label(sheet.get(f"{form.NUMBER_COL}{form.criterion_row(i)}"))
            for i in range(len(expected) + SHIFT_ROWS)
        ]
        while found and not found[-1]:
            found.pop()
        matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
        changes = [
            (how, first, last, at, end)
            for how, first, last, at, end in matcher.get_opcodes()
            if how != "equal" and not (how == "insert" and first == len(expected))
        ]
        if len(changes) != 1 or changes[0][0] not in ("delete", "insert"):
            return False
        how, first, last, at, end = changes[0]
        row = form.criterion_row(at)
        if how == "delete":
            message = msg("form.criterion.rows_deleted", row=row, numbers=expected[first:last])
        else:
            message = msg("form.criterion.rows_inserted", row=row, n=end - at)
        self.problem(sheet.name, f"{form.NUMBER_COL}{row}", message)
        return True

    def _other(self, sheet: Sheet) -> dict[str, object]:
        result: dict[str, object] = {}
        level_text = self.text(sheet, form.RECOGNITION_LEVEL_CELL)
        if level_text:
            ladder = self.ctx.plan.ladder
            try:
                level: Level | None = ladder.parse(level_text)
            except ValueError:
                level = None
            if level is None:
                self.problem(
                    sheet.name, form.RECOGNITION_LEVEL_CELL,
                    msg("form.level.invalid", value=level_text,
                        choices=[r.name for r in ladder.rungs]),
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

    def _items(self, sheet: Sheet, listed: str) -> dict[str, float]:
        """The emulation items the form lists ("_ntm"!B6), each in its row; an item the data
        folder no longer declares is left out with a warning."""
        values: dict[str, float] = {}
        emulation = self.ctx.emulation
        for i, item_id in enumerate(listed.split(",")[: form.MAX_ITEMS] if listed else []):
            ref = f"{form.ITEM_VALUE_COL}{form.item_row(i)}"
            item = emulation.item(item_id) if emulation is not None else None
            if item is None:
                if self.value(sheet, ref) not in (None, ""):
                    self.warn(sheet.name, ref, msg("form.item.unknown", item=item_id))
                continue
            amount = self._amount(sheet, ref, whole=item.whole)
            if amount is not None:
                values[item.id] = amount
        return values

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


def _label(cell: Cell | None) -> str:
    """A criterion's number as the form shows it ("1", "19"), read without judging the cell."""
    if cell is None or cell.value is None:
        return ""
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return str(cell.value).strip()


def recognition_warnings(ret: Return, unit: Unit, ladder: Ladder) -> list[Message]:
    """A claimed recognition that the registry does not show is a warning, never a change."""
    if ret.recognition is None:
        return []
    held = level_of(unit)
    claimed = ladder[ret.recognition.level]
    if held is not None and held.rank >= claimed.rank:
        return []
    decision = f" ({ret.recognition.decision})" if ret.recognition.decision else ""
    values = {"code": unit.code, "name": unit.name, "level": claimed.value, "decision": decision}
    if held is None:
        return [msg("form.recognition.claim_new", **values)]
    return [msg("form.recognition.claim", held=held.value, **values)]
