"""Rows kept as XML till the workbook is saved (render/sheetrows.py): written, then read back
with openpyxl as any reader of the report would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ntm_cli.render.sheetrows import RowBook, cell_xml, merge_rows, put_row
from ntm_cli.sources.output import workbook_bytes


def _book() -> tuple[RowBook, int, int]:
    book = RowBook()
    ws = book.active
    assert ws is not None
    scratch = ws.cell(100, 100)
    scratch.font = Font(name="Times New Roman", bold=True)
    scratch.border = Border(left=Side(style="thin"))
    bold = book.style_id(scratch._style)
    scratch.alignment = Alignment(wrap_text=True)
    wrapped = book.style_id(scratch._style)
    del ws._cells[(100, 100)]
    return book, bold, wrapped


def _reread(book: RowBook, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes(book))
    return load_workbook(path)


def test_rows_read_back_with_their_values_and_styles(tmp_path: Path) -> None:
    book, bold, wrapped = _book()
    ws = book.active
    assert ws is not None
    ws["A1"] = "Tiêu đề"
    put_row(ws, 2, ["84001", "Xã Long Đức", 12, 0.25, None, True], [bold] * 5 + [wrapped])
    put_row(ws, 3, ["=1+1", "  cách  ", "A & B <c>", "x\x00y\x1f", float("nan")],
            [wrapped] * 5)  # fmt: skip
    sheet = _reread(book, tmp_path).active
    assert sheet["A1"].value == "Tiêu đề"
    assert [c.value for c in sheet[2]] == ["84001", "Xã Long Đức", 12, 0.25, None, True]
    assert sheet["B2"].font.bold and sheet["B2"].border.left.style == "thin"
    assert sheet["E2"].font.bold  # an empty cell keeps its style: the table's borders
    assert sheet["F2"].alignment.wrap_text and not sheet["E2"].alignment.wrap_text
    # text is text whatever it starts with; its spaces are kept; XML's own characters escaped,
    # the control characters it cannot hold removed
    assert sheet["A3"].value == "=1+1" and sheet["A3"].data_type == "s"
    assert sheet["B3"].value == "  cách  "
    assert sheet["C3"].value == "A & B <c>"
    assert sheet["D3"].value == "xy"
    assert sheet["E3"].value is None
    assert sheet.max_row == 3 and sheet.max_column == 6


def test_a_row_openpyxl_also_wrote_keeps_its_height_and_cells_in_column_order(
    tmp_path: Path,
) -> None:
    book, bold, _ = _book()
    ws = book.active
    assert ws is not None
    ws["B5"] = "giữa"
    ws["E5"] = "cuối"
    ws.row_dimensions[5].height = 45
    ws.row_dimensions[7].height = 30  # a height alone: the row's cells are all XML
    put_row(ws, 5, ["đầu"], [bold])
    put_row(ws, 5, ["c", "d"], [bold, bold], first=3)
    put_row(ws, 7, ["x", "y"], [bold, bold])
    put_row(ws, 6, ["z"], [bold])
    data = workbook_bytes(book)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    rows = [xml.index(f'<row r="{n}"') for n in (5, 6, 7)]
    assert rows == sorted(rows)
    cells = [xml.index(f'r="{c}5"') for c in "ABCDE"]
    assert cells == sorted(cells)  # Excel refuses a row whose cells are out of order
    assert '<dimension ref="A1:E7"/>' in xml
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[5]] == ["đầu", "giữa", "c", "d", "cuối"]
    assert sheet.row_dimensions[5].height == 45
    assert sheet.row_dimensions[7].height == 30
    assert [c.value for c in sheet[7]][:2] == ["x", "y"]
    assert sheet["A6"].value == "z"


def test_a_book_without_xml_rows_is_saved_as_openpyxl_saves_it(tmp_path: Path) -> None:
    book, _, _ = _book()
    ws = book.active
    assert ws is not None
    ws["A1"] = 1
    assert _reread(book, tmp_path).active["A1"].value == 1


def test_the_sheet_data_it_cannot_read_back_is_an_error_not_a_silent_loss() -> None:
    with pytest.raises(ValueError, match="read back"):
        merge_rows(b'<worksheet><sheetData><foo/><row r="1"></row></sheetData></worksheet>',
                   {2: [(1, cell_xml("A2", 1, 0))]})  # fmt: skip
    with pytest.raises(ValueError, match="sheetData"):
        merge_rows(b"<worksheet/>", {})


def test_a_cell_holds_text_or_a_number() -> None:
    with pytest.raises(TypeError):
        cell_xml("A1", object(), 0)
    assert cell_xml("A1", "", 3) == '<c r="A1" s="3"/>'
    assert cell_xml("B2", 1e20, 0) == '<c r="B2" s="0" t="n"><v>1e+20</v></c>'


def test_a_cell_keeps_to_what_a_spreadsheet_cell_holds(tmp_path: Path) -> None:
    from ntm_cli.domain.text import MAX_CELL

    book, bold, _ = _book()
    ws = book.active
    assert ws is not None
    put_row(ws, 2, ["x" * 40_000, "   ", float("inf")], [bold] * 3)
    sheet = _reread(book, tmp_path).active
    assert len(sheet["A2"].value) == MAX_CELL and sheet["A2"].value.endswith("…")
    assert sheet["B2"].value == "   "  # spaces alone are text too
    assert sheet["C2"].value is None and sheet["C2"].font.bold  # no number: an empty cell


def test_a_cell_written_twice_is_an_error_not_two_cells() -> None:
    book, bold, _ = _book()
    ws = book.active
    assert ws is not None
    ws["B3"] = "openpyxl's"
    put_row(ws, 3, ["a", "b"], [bold, bold])
    with pytest.raises(ValueError, match="written twice"):
        workbook_bytes(book)
