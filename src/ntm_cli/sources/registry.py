"""Read the unit registry (`units.csv`): UTF-8 with or without BOM, `,` or `;`, LF or CRLF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from ntm_cli.domain.errors import DataError, NtmError, ValueProblem
from ntm_cli.domain.messages import Issue, Message, msg, os_reason
from ntm_cli.domain.models import (
    Ladder,
    Level,
    Recognition,
    Registry,
    Rung,
    Unit,
    UnitKind,
    ladder_problems,
    pad_code,
)
from ntm_cli.domain.readfile import FileRefused, read_regular
from ntm_cli.domain.text import nfc

REQUIRED_COLUMNS = ("code", "name", "kind", "parent_code")
OTHER_COLUMNS = ("source", "source_en", "revoked_level", "revoked_on", "group", "group_source")
STATUS_SUFFIXES = ("year", "decision", "decided_on")


def columns(ladder: Ladder) -> tuple[str, ...]:
    """The columns a registry may have: the required ones, three a rung of the plan's ladder
    (ntm_year, ntm_decision, ntm_decided_on…), the note and a revocation."""
    status = tuple(f"{lv.value}_{suffix}" for lv in ladder for suffix in STATUS_SUFFIXES)
    return (*REQUIRED_COLUMNS, *status, *OTHER_COLUMNS)


def header_ladder(path: Path, raw: bytes) -> Ladder:
    """A ladder of the rungs whose years a registry's header names, in its order: to check a
    registry on its own when the plan that names the rungs cannot be read."""
    text = decode(raw, path)
    first = text.split("\n", 1)[0]
    names = [nfc(h).strip().lower() for h in first.replace(";", ",").split(",")]
    ids = [h.removesuffix("_year") for h in names if h.endswith("_year")]
    return Ladder(tuple(Rung(i, i, i, i) for i in dict.fromkeys(ids)))


YEAR_RANGE = (1990, 2100)
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# C0 and C1 control characters (tab included) and DEL, the bidirectional overrides and marks
# that make a name read other than it is stored, and the zero-width characters that make two
# names look alike: never part of a code, a name or a decision number. Line breaks end rows: one
# inside a cell comes from a quote left open.
_CONTROL = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
MAX_REGISTRY = 100_000_000  # bytes; a national registry (10,000 units) is about 2 MB


def read_data_file(path: Path, limit: int) -> bytes:
    """The bytes of the data file `path`: a regular file of at most `limit` bytes, else a
    DataError naming it (a FIFO would wait for a writer, /dev/zero never ends). A missing file
    raises FileNotFoundError, for the caller to word."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        raise
    except FileRefused as exc:
        if exc.code == "file.too_large":  # in bytes: "2 MB is over 2 MB" would puzzle
            raise too_large(path, _size(path, limit + 1), limit) from None
        reason = exc.message.as_param()
        raise DataError("data.file.refused", path=str(path), reason=reason) from None
    except OSError as exc:
        raise DataError("data.file.unreadable", path=str(path), reason=os_reason(exc)) from None


def too_large(path: Path, size: int, limit: int) -> DataError:
    """The error for a data file of `size` bytes, over its `limit`."""
    return DataError("data.file.too_large", path=str(path), size=size, limit=limit)


def _size(path: Path, at_least: int) -> int:
    try:
        return max(path.stat().st_size, at_least)
    except OSError:
        return at_least


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 text, with a message that says how to re-save anything else."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("registry.utf16", path=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = f"0x{raw[exc.start]:02x}"
        raise DataError("registry.not_utf8", path=str(path), line=line, byte=byte) from None


def reason(exc: ValueError) -> Message:
    """The coded message a parse function raised (a ValueProblem)."""
    return exc.message if isinstance(exc, NtmError) else msg("data.value.invalid")


def parse_year(text: str) -> int:
    """A result year; Excel's "2021.0" is accepted."""
    value = text[:-2] if text.endswith(".0") else text
    if not value.isdigit():
        raise ValueProblem("year.invalid", value=text)
    year = int(value)
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise ValueProblem("year.outside", year=year, low=low, high=high)
    return year


def _days_in(year: int, month: int) -> int:
    """The days of a month (the calendar module costs a start-up import for this alone)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def parse_date(text: str) -> dt.date:
    """An ISO date (2024-04-08); the Vietnamese 08/04/2024 (day first) is accepted too."""
    day_first, iso = _DAY_FIRST.match(text), _ISO.match(text)
    if day_first:
        day, month, year = (int(p) for p in day_first.groups())
    elif iso:
        year, month, day = (int(p) for p in iso.groups())
    else:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueProblem("date.invalid", value=text) from None
    if 1 <= month <= 12 and 1 <= year and day > (days := _days_in(year, month)):
        raise ValueProblem("date.no_such_day", value=text, month=month, year=year, days=days)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem("date.invalid", value=text) from None


def read_registry_bytes(path: Path) -> bytes:
    """The bytes of the registry file `path` (a regular file within MAX_REGISTRY), else a
    DataError naming it."""
    try:
        return read_data_file(path, MAX_REGISTRY)
    except FileNotFoundError:
        raise DataError("registry.file.missing", path=str(path)) from None


def read_registry(
    path: Path, ladder: Ladder, raw: bytes | None = None
) -> tuple[Registry, list[Issue]]:
    """Parse `path` (whose bytes are `raw` when already read) into a registry and the list of
    problems found row by row.

    Unreadable files (missing, not a regular file, too large, wrong encoding, no header, a quote
    left open) raise DataError at once; a bad cell is reported with its place `file:line: column`
    and the row is kept with that value left out.
    """
    text = decode(read_registry_bytes(path) if raw is None else raw, path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = _rows(text, path, delimiter)
    header = [nfc(h).lower() for h in next(rows, (1, []))[1]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DataError(
            "registry.columns.missing",
            path=str(path), missing=missing, required=list(REQUIRED_COLUMNS),
        )  # fmt: skip
    top = f"{path}:1"
    known = columns(ladder)
    problems = [
        Issue(None, top, msg("registry.column.unknown", column=h, known=list(known)))
        for h in header
        if h and h not in known
    ]
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in index:
            problems.append(Issue(None, top, msg("registry.column.twice", column=h)))
        elif h in known:
            index[h] = i
    controls = _CONTROL.search(text) is not None  # rows are searched only when the file has one
    units: list[Unit] = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                Issue(None, f"{path}:{line}",
                      msg("registry.row.cells", cells=len(row), header=len(header)))
            )  # fmt: skip
            continue
        if controls and (found := _controls(row, header, f"{path}:{line}")):
            problems.extend(found)
            continue
        unit, row_problems = _parse_row(row, index, f"{path}:{line}", line, ladder)
        problems.extend(row_problems)
        if unit is not None:
            units.append(unit)
    return Registry(units=_parents(units), path=str(path)), problems


def _parents(units: list[Unit]) -> tuple[Unit, ...]:
    """The units with each commune-level parent code a spreadsheet shortened ("1" for district
    "001") restored: a district's code where the registry has one, else
    a province's ("86": communes directly under the province since 01/7/2025)."""
    from dataclasses import replace

    codes = {u.code for u in units}

    def restored(unit: Unit) -> Unit:
        parent = unit.parent_code
        if unit.kind.tier != 2 or not parent.isdigit():
            return unit
        as_district = pad_code(parent, UnitKind.DISTRICT)
        as_province = pad_code(parent, UnitKind.PROVINCE)
        if as_district in codes or as_province not in codes:
            found = as_district
        else:
            found = as_province
        return unit if found == parent else replace(unit, parent_code=found)

    return tuple(restored(u) for u in units)


def _rows(text: str, path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it begins on. A quote left open swallows the lines after it, and
    the rows it swallowed would only give knock-on errors: the reading stops with one error at
    the line where it opens (no cell of the registry holds a line break)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            # a quote open on a last line without a line break ends the file with no sign but
            # its odd number of quotes (a rule that holds for every record csv writes)
            last = text[max(text.rfind("\n"), text.rfind("\r")) + 1 :]
            if last.count('"') % 2:
                raise _unclosed_quote(text, path, delimiter, start - 1, start - 1) from None
            return
        except csv.Error:  # a cell over csv's size limit (131,072 characters)
            if reader.line_num > start:  # a quote open to the end of the file
                raise _unclosed_quote(text, path, delimiter, start, reader.line_num) from None
            too_long = DataError(
                "registry.cell.too_long", path=str(path), line=start, max=csv.field_size_limit()
            )
            raise too_long from None
        if reader.line_num != start or (row and row[-1].endswith(("\n", "\r"))):
            # a cell over several lines, or one that took the last line's break
            raise _unclosed_quote(text, path, delimiter, start, reader.line_num)
        yield start, row
        start = reader.line_num + 1


def _unclosed_quote(text: str, path: Path, delimiter: str, line: int, end: int) -> DataError:
    """The error for a quote that opens on `line` and runs on to `end`: its cell is the last
    one of that line read alone."""
    lines = io.StringIO(text, newline="")
    opening = next(itertools.islice(lines, line - 1, None), "")
    i = len(_cells(opening, delimiter)) - 1
    header = _cells(text.split("\n", 1)[0], delimiter) if line > 1 else []
    column = nfc(header[i]).strip().lower() if i < len(header) else ""
    return DataError(
        "registry.quote.unclosed", path=str(path), line=line, column=column or str(i + 1), end=end
    )


def _cells(line: str, delimiter: str) -> list[str]:
    """The cells of one line read alone (a quote left open takes the rest of it)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [""])
    except csv.Error:
        return [""]


def _controls(row: list[str], header: list[str], where: str) -> list[Issue]:
    """A problem for each cell holding a control character (a NUL, a DEL, a C1 code)."""
    found = []
    for i, cell in enumerate(row):
        if control := _CONTROL.search(cell):
            column = header[i] if i < len(header) and header[i] else str(i + 1)
            char = f"U+{ord(control.group()):04X}"
            message = msg("registry.control_char", char=char, at=control.start() + 1)
            found.append(Issue(None, f"{where}: {column}", message))
    return found


def _parse_row(
    row: list[str], index: dict[str, int], where: str, line: int, ladder: Ladder
) -> tuple[Unit | None, list[Issue]]:
    problems: list[Issue] = []
    # each cell normalised once (a national registry has 200,000 of them)
    cells = {column: nfc(row[i]) for column, i in index.items() if i < len(row) and row[i]}

    def cell(column: str) -> str:
        return cells.get(column, "")

    def problem(column: str, message: Message) -> None:
        problems.append(Issue(None, f"{where}: {column}", message))

    kind: UnitKind | None = None
    try:
        kind = UnitKind.parse(cell("kind"))
    except ValueError as exc:
        problem("kind", reason(exc))
    code = pad_code(cell("code"), kind)
    name = cell("name")
    if not code:
        problem("code", msg("registry.code.empty"))
    if not name:
        problem("name", msg("registry.name.empty"))
    parent = cell("parent_code")
    if parent and kind is not None and kind.tier == 1:
        parent = pad_code(parent, UnitKind.PROVINCE)
    # a commune's parent is a district, or the province itself where there is no district level
    # (from 01/7/2025): a short code is padded once the registry's codes are known (_parents)

    recognitions: dict[Level, Recognition] = {}  # in ladder order (see status.level_of)
    for level in ladder:
        year_text = cell(f"{level.value}_year")
        date_text = cell(f"{level.value}_decided_on")
        decided_on = None
        if date_text:
            try:
                decided_on = parse_date(date_text)
            except ValueError as exc:
                problem(f"{level.value}_decided_on", reason(exc))
        if not year_text:
            if decided_on or cell(f"{level.value}_decision"):
                problem(f"{level.value}_year", msg("registry.year.missing"))
            continue
        try:
            year = parse_year(year_text)
        except ValueError as exc:
            problem(f"{level.value}_year", reason(exc))
            continue
        recognitions[level] = Recognition(year, cell(f"{level.value}_decision"), decided_on)

    revoked_level = revoked_on = None
    if cell("revoked_level") or cell("revoked_on"):
        if not (cell("revoked_level") and cell("revoked_on")):
            problem("revoked_level/revoked_on", msg("registry.revoked.pair"))
        else:
            try:
                revoked_level = ladder.parse(cell("revoked_level"))
            except ValueError as exc:
                problem("revoked_level", reason(exc))
            try:
                revoked_on = parse_date(cell("revoked_on"))
            except ValueError as exc:
                problem("revoked_on", reason(exc))
            if revoked_level is None or revoked_on is None:
                revoked_level = revoked_on = None

    if kind is None or not code:
        return None, problems
    row_was_read = not problems
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent_code=parent,
        recognitions=recognitions,
        revoked_level=revoked_level,
        revoked_on=revoked_on,
        source=cell("source"),
        source_en=cell("source_en"),
        line=line,
        group=cell("group").strip(),
        group_source=cell("group_source"),
    )
    if row_was_read:  # a ladder check on half-read years would only echo the first problem
        for column, message in ladder_problems(unit, ladder):
            problem(column, message)
    return unit, problems
