"""Read the unit registry (`units.csv`): UTF-8 with or without BOM, `,` or `;`, LF or CRLF."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.models import (
    LEVELS,
    Level,
    Recognition,
    Registry,
    Unit,
    UnitKind,
    ladder_problems,
    pad_code,
)
from ntm_cli.domain.text import nfc

REQUIRED_COLUMNS = ("code", "name", "kind", "parent_code")
STATUS_COLUMNS = tuple(
    f"{level.value}_{suffix}" for level in LEVELS for suffix in ("year", "decision", "decided_on")
)
OPTIONAL_COLUMNS = (*STATUS_COLUMNS, "source", "revoked_level", "revoked_on")
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
YEAR_RANGE = (1990, 2100)
SAVE_AS_HINT = 'in Excel use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"'


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 text, with a message that says how to re-save anything else."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{path}: the file is UTF-16 (Excel's 'Unicode Text'); {SAVE_AS_HINT}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path}:{line}: the file is not UTF-8 (byte 0x{raw[exc.start]:02x}, perhaps "
            f"Windows-1258, TCVN3 or VNI); {SAVE_AS_HINT}"
        ) from None


def parse_year(text: str) -> int:
    """A result year; Excel's "2021.0" is accepted."""
    value = text[:-2] if text.endswith(".0") else text
    if not value.isdigit():
        raise ValueError(f"{text!r} is not a year")
    year = int(value)
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise ValueError(f"{year} is outside {low}–{high}")
    return year


def parse_date(text: str) -> dt.date:
    """An ISO date (2024-04-08); the Vietnamese 08/04/2024 (day first) is accepted too."""
    try:
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2024-04-08") from None


def read_registry(path: Path) -> tuple[Registry, list[str]]:
    """Parse `path` into a registry and the list of problems found row by row.

    Unreadable files (missing, wrong encoding, no header) raise DataError at once; a bad cell is
    reported as `file:line: column: message` and the row is kept with that value left out.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    text = decode(raw, path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [nfc(h).lower() for h in next(reader, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DataError(
            f"{path}:1: missing column(s) {', '.join(missing)}; "
            f"the header must include {', '.join(REQUIRED_COLUMNS)}"
        )
    problems = [
        f"{path}:1: column {h!r} is not known; use {', '.join(COLUMNS)}"
        for h in header
        if h and h not in COLUMNS
    ]
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in index:
            problems.append(f"{path}:1: column {h!r} appears twice; keep one")
        elif h in COLUMNS:
            index[h] = i
    units: list[Unit] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                f"{path}:{line}: the row has {len(row)} cells but the header {len(header)}; "
                "a value with a comma needs quotes"
            )
            continue
        unit, row_problems = _parse_row(row, index, f"{path}:{line}", line)
        problems.extend(row_problems)
        if unit is not None:
            units.append(unit)
    return Registry(units=tuple(units), path=str(path)), problems


def _parse_row(
    row: list[str], index: dict[str, int], where: str, line: int
) -> tuple[Unit | None, list[str]]:
    problems: list[str] = []

    def cell(column: str) -> str:
        i = index.get(column)
        return nfc(row[i]) if i is not None and i < len(row) else ""

    kind: UnitKind | None = None
    try:
        kind = UnitKind.parse(cell("kind"))
    except ValueError as exc:
        problems.append(f"{where}: kind: {exc}")
    code = pad_code(cell("code"), kind)
    name = cell("name")
    if not code:
        problems.append(f"{where}: code: empty; every unit needs its official code")
    if not name:
        problems.append(f"{where}: name: empty; write the official name, e.g. Xã Long Đức")
    parent = cell("parent_code")
    if parent and kind is not None and kind.tier > 0:
        parent = pad_code(parent, UnitKind.PROVINCE if kind.tier == 1 else UnitKind.DISTRICT)

    recognitions: dict[Level, Recognition] = {}
    for level in LEVELS:
        year_text = cell(f"{level.value}_year")
        date_text = cell(f"{level.value}_decided_on")
        decided_on = None
        if date_text:
            try:
                decided_on = parse_date(date_text)
            except ValueError as exc:
                problems.append(f"{where}: {level.value}_decided_on: {exc}")
        if not year_text:
            if decided_on or cell(f"{level.value}_decision"):
                problems.append(
                    f"{where}: {level.value}_year: empty but a decision is given; "
                    f"write the result year (năm đạt chuẩn)"
                )
            continue
        try:
            year = parse_year(year_text)
        except ValueError as exc:
            problems.append(f"{where}: {level.value}_year: {exc}")
            continue
        recognitions[level] = Recognition(year, cell(f"{level.value}_decision"), decided_on)

    revoked_level = revoked_on = None
    if cell("revoked_level") or cell("revoked_on"):
        try:
            revoked_level = Level.parse(cell("revoked_level"))
            revoked_on = parse_date(cell("revoked_on"))
        except ValueError as exc:
            problems.append(f"{where}: revoked_level/revoked_on: {exc} (both are needed)")
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
        line=line,
    )
    if row_was_read:  # a ladder check on half-read years would only echo the first problem
        problems.extend(
            f"{where}: {column}: {message}" for column, message in ladder_problems(unit)
        )
    return unit, problems
