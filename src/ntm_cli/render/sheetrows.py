"""Long tables written straight into a worksheet's XML: a row per commune of a national report.

openpyxl builds a cell object for every cell and serialises each through an element tree: for
the half a million cells of a national report's appendices that is most of its time. A
`RowBook` is an openpyxl workbook that also keeps, per sheet, body rows already formatted as
the XML of their cells (`put_row`); saving it saves the workbook through openpyxl, then adds
those rows into the sheets' `<sheetData>`, merged by row number with what openpyxl wrote there
(titles, headers, row heights). The cells are as openpyxl writes them: text inline, numbers
as `%.16g`, a style by its index among the workbook's cell styles.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from copy import copy
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm_cli.domain.text import cell_text

_LETTERS = [get_column_letter(i) for i in range(1, 200)]
_LETTERS.insert(0, "")


class Rows:
    """A sheet's rows kept as XML: the cells of each row by column, and the rows' heights."""

    def __init__(self) -> None:
        self.cells: dict[int, list[tuple[int, str]]] = {}
        self.heights: dict[int, float] = {}


class RowBook(Workbook):
    """A workbook with body rows kept as XML till it is saved."""

    def __init__(self) -> None:
        super().__init__()
        self._xml_rows: dict[int, tuple[Worksheet, Rows]] = {}

    def style_id(self, style: StyleArray) -> int:
        """The index of a cell style among the workbook's, added if new (as openpyxl does when
        it writes a styled cell): a copy, as a cell's style changes in place."""
        return int(self._cell_styles.add(copy(style)))  # type: ignore[attr-defined]

    def rows_of(self, ws: Worksheet) -> Rows:
        found = self._xml_rows.get(id(ws))
        if found is None:
            found = (ws, Rows())
            self._xml_rows[id(ws)] = found
        return found[1]

    def last_row(self, ws: Worksheet) -> int:
        """The sheet's last row with a cell, openpyxl's or an XML row's."""
        rows = self._xml_rows.get(id(ws))
        return max(ws.max_row, max(rows[1].cells) if rows and rows[1].cells else 0)

    def save(self, filename: str | IO[bytes]) -> None:  # type: ignore[override]
        if not any(rows.cells for _, rows in self._xml_rows.values()):
            super().save(filename)
            return
        plain = io.BytesIO()
        super().save(plain)  # sets each sheet's part name (ws.path)
        parts = {ws.path.lstrip("/"): rows for ws, rows in self._xml_rows.values() if rows.cells}
        out = io.BytesIO()
        with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename in parts:
                    data = merge_rows(data, parts[info.filename])
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        if isinstance(filename, str):
            with open(filename, "wb") as f:
                f.write(out.getvalue())
        else:
            filename.write(out.getvalue())


def put_row(ws: Worksheet, row: int, values: Sequence[Any], styles: Sequence[int],
            first: int = 1, height: float | None = None) -> None:  # fmt: skip
    """Body cells of `row` from column `first`, each with the style of that index in `styles`
    (one per value): text as a text cell whatever it starts with, numbers as numbers, None as
    an empty cell that keeps its style (its borders). `height`: the row's, in points, unless
    openpyxl's row dimensions give it one."""
    book = ws.parent
    assert isinstance(book, RowBook)
    rows = book.rows_of(ws)
    if height is not None:
        rows.heights[row] = height
    cells = rows.cells.setdefault(row, [])
    for col, (value, style) in enumerate(zip(values, styles, strict=True), start=first):
        cells.append((col, cell_xml(f"{_LETTERS[col]}{row}", value, style)))


def cell_xml(ref: str, value: Any, style: int) -> str:
    kind = type(value)
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if kind is str:
        text = cell_text(value)
        if not text:
            return f'<c r="{ref}" s="{style}"/>'
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        space = ' xml:space="preserve"' if text.strip() != text else ""  # spaces are kept
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if kind is bool:
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        if math.isnan(value) or math.isinf(value):  # no number: an empty cell
            return f'<c r="{ref}" s="{style}"/>'
        return f'<c r="{ref}" s="{style}" t="n"><v>{value:.16g}</v></c>'
    raise TypeError(f"a body cell holds text or a number, not {kind.__name__}")


_SHEET_DATA = re.compile(rb"<sheetData>(.*?)</sheetData>|<sheetData\s*/>", re.S)
_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)', re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def merge_rows(xml: bytes, rows: Rows) -> bytes:
    """A worksheet's XML with `rows` added to its `<sheetData>`: a row openpyxl also wrote keeps
    its attributes (its height) and its cells, the two sets of cells in column order."""
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise ValueError("a worksheet without <sheetData>")
    inner = (found.group(1) or b"").decode("utf-8")
    written: dict[int, tuple[str, str]] = {}
    end = 0
    for m in _ROW.finditer(inner):
        if inner[end : m.start()].strip():
            raise ValueError("a worksheet's rows could not be read back")
        written[int(m.group(1))] = (m.group(2), m.group(3) or "")
        end = m.end()
    if inner[end:].strip():
        raise ValueError("a worksheet's rows could not be read back")
    parts = ["<sheetData>"]
    last_col = 1
    for number in sorted(written.keys() | rows.cells.keys()):
        attrs, cells = written.get(number, ("", ""))
        if not attrs and number in rows.heights:
            attrs = f' ht="{rows.heights[number]:g}" customHeight="1"'
        extra = rows.cells.get(number)
        if extra:
            if cells:
                own = [(_column(m.group(1)), m.group(0)) for m in _CELL.finditer(cells)]
                if {col for col, _ in own} & {col for col, _ in extra}:
                    raise ValueError(f"row {number} has a cell written twice")
                cells = "".join(xml for _, xml in sorted([*own, *extra], key=lambda c: c[0]))
            else:
                cells = "".join(xml for _, xml in sorted(extra, key=lambda c: c[0]))
            last_col = max(last_col, max(col for col, _ in extra))
        parts.append(f'<row r="{number}"{attrs}>{cells}</row>')
    parts.append("</sheetData>")
    body = "".join(parts).encode("utf-8")
    xml = xml[: found.start()] + body + xml[found.end() :]
    last = max(written.keys() | rows.cells.keys())
    dimension = _DIMENSION.search(xml)
    if dimension is not None:
        old = re.search(rb'ref="(?:[A-Z]+\d+:)?([A-Z]+)\d+"', dimension.group(0))
        col = max(last_col, _column(old.group(1).decode()) if old else 1)
        ref = f'<dimension ref="A1:{_LETTERS[col]}{last}"/>'.encode()
        xml = xml[: dimension.start()] + ref + xml[dimension.end() :]
    return xml


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number
