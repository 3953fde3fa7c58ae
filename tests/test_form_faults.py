"""Faults in submitted files, each with one clear verdict: rows deleted from or inserted into a
form, a CSV table named as a workbook, UTF-16 text, and each fault the fuzzer (test_fuzz.py) found
in the readers, kept here as a plain case so that it stays fixed."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from forms import (
    COMMUNES,
    CRITERIA,
    CTX,
    filled_form,
    rewrite_member,
    set_for,
    sheet_member,
    to_shared_strings,
    write,
)
from ntm_cli.cli.app import app
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue
from ntm_cli.returnform.parsed import Parsed
from ntm_cli.returnform.reader import read_return
from ntm_cli.returnform.xlsx import MAX_CELLS, MAX_FILE
from ntm_cli.sources.output import workbook_bytes

runner = CliRunner()
CRITERIA_SHEET = "Tiêu chí"
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(path))
    return path


def verdicts(*args: str) -> dict[str, dict[str, Any]]:
    """`ntm import` verdicts by file name, messages in `--lang` (Vietnamese unless given)."""
    result = runner.invoke(app, ["import", "-f", "json", *args])
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def problems(raw: bytes, name: str | None = None) -> list[Issue]:
    parsed = read_return(raw, CTX, name)
    assert not parsed.returns
    return parsed.problems


def codes(raw: bytes) -> list[str]:
    return [p.msg.code for p in problems(raw)]


def measured(raw: bytes, trace: bool = True) -> tuple[Parsed, float, float]:
    """The verdict, the seconds it took and the MB traced while it was reached (tracing slows
    the reading several times: without it, the time alone)."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        parsed = read_return(raw, CTX)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return parsed, time.perf_counter() - started, peak / MB


def long_csv(*lines: str, header: str = "unit_code,period,criterion,status") -> str:
    if not lines:  # a whole return, naming the set its numbers are in
        header += ",criteria_set"
        criteria = set_for("29272")
        lines = tuple(f"29272,2024-06,{c.number},Đạt,{criteria.id}" for c in criteria.reported)
    return "\r\n".join((header, *lines)) + "\r\n"


# --- rows deleted from or inserted into the criteria table ---------------------------------------


def test_a_deleted_criterion_row_is_one_error_where_it_happened() -> None:
    raw = filled_form(edit=lambda book: book[CRITERIA_SHEET].delete_rows(15))
    (problem,) = problems(raw)
    assert problem.where() == '"Tiêu chí"!A15'
    assert problem.message == (
        "rows were deleted from the criteria table at row 15 (criteria missing: 3) and the rows "
        "below moved up: undo it (Ctrl+Z) or fill in a fresh form (`ntm template`)"
    )
    assert problem.msg.text(Lang.VI) == (
        "có dòng bị xóa trong bảng tiêu chí, tại dòng 15 (mất tiêu chí 3); các dòng bên dưới bị "
        "dồn lên: hãy hoàn tác (Ctrl+Z) hoặc điền lại vào phiếu mới (`ntm template`)"
    )


def test_an_inserted_row_is_one_error_where_it_happened() -> None:
    def insert(book: Any) -> None:
        book[CRITERIA_SHEET].insert_rows(20)
        book[CRITERIA_SHEET]["C20"] = "Đạt"  # even filled in like the rows around it

    (problem,) = problems(filled_form(edit=insert))
    assert problem.where() == '"Tiêu chí"!A20'
    assert problem.message.startswith(
        "1 row(s) were inserted into the criteria table at row 20 and the rows below moved down: "
        "undo it (Ctrl+Z)"
    )
    assert "có 1 dòng bị chèn thêm vào bảng tiêu chí, tại dòng 20" in problem.msg.text(Lang.VI)


@pytest.mark.parametrize(
    ("edit", "code", "cell", "params"),
    [
        (lambda s: s.delete_rows(16, 2), "form.criterion.rows_deleted", "A16",
         {"row": 16, "numbers": ["4", "5"]}),
        (lambda s: s.delete_rows(31), "form.criterion.rows_deleted", "A31",
         {"row": 31, "numbers": ["19"]}),
        (lambda s: s.delete_rows(13), "form.criterion.rows_deleted", "A13",
         {"row": 13, "numbers": ["1"]}),
        (lambda s: s.insert_rows(13, 3), "form.criterion.rows_inserted", "A13",
         {"row": 13, "n": 3}),
        (lambda s: s.insert_rows(31), "form.criterion.rows_inserted", "A31", {"row": 31, "n": 1}),
    ],
)  # fmt: skip
def test_rows_deleted_or_inserted_anywhere_in_the_table(
    edit: Any, code: str, cell: str, params: dict[str, Any]
) -> None:
    raw = to_shared_strings(filled_form(edit=lambda book: edit(book[CRITERIA_SHEET])))
    (problem,) = problems(raw)
    assert (problem.sheet, problem.cell, problem.msg.code) == (CRITERIA_SHEET, cell, code)
    assert dict(problem.msg.params) == params


def test_what_is_written_below_the_table_is_no_row_inserted() -> None:
    def sign(book: Any) -> None:
        sheet = book[CRITERIA_SHEET]
        sheet["A40"], sheet["A42"] = "Người lập biểu", "1"  # below the 22 rows of the form

    (ret,) = read_return(filled_form(edit=sign), CTX).returns
    assert ret.unit_code == "29263"

    def delete_and_sign(book: Any) -> None:
        sign(book)
        book[CRITERIA_SHEET].delete_rows(20)

    (problem,) = problems(filled_form(edit=delete_and_sign))
    assert (problem.cell, problem.msg.params) == ("A20", {"row": 20, "numbers": ["8"]})


def test_other_rows_out_of_place_are_still_named_row_by_row() -> None:
    def swap(book: Any) -> None:  # two rows swapped (sorted, say): neither deleted nor inserted
        sheet = book[CRITERIA_SHEET]
        sheet["A15"], sheet["A16"] = "4", "3"

    found = problems(filled_form(edit=swap))
    assert [(p.cell, p.msg.code) for p in found] == [
        ("A15", "form.criterion.row_moved"),
        ("A16", "form.criterion.row_moved"),
    ]


def test_a_deleted_row_through_the_import(tmp_path: Path) -> None:
    path = write(
        tmp_path, "deleted.xlsx", filled_form(edit=lambda b: b[CRITERIA_SHEET].delete_rows(18))
    )
    verdict = verdicts(str(path))["deleted.xlsx"]
    assert verdict["status"] == "rejected"
    (error,) = verdict["errors"]
    assert (error["cell"], error["code"]) == ("A18", "form.criterion.rows_deleted")
    assert "tại dòng 18 (mất tiêu chí 6)" in error["message"]


# --- a CSV table named as a workbook; UTF-16 text -----------------------------------------------


def test_a_csv_table_named_xlsx_is_read_with_a_warning() -> None:
    raw = long_csv().encode()
    parsed = read_return(raw, CTX, "bao-cao-huyen.xlsx")
    assert not parsed.problems
    (ret,) = parsed.returns
    assert ret.unit_code == "29272" and len(ret.met) == len(set_for("29272").reported)
    (warning,) = parsed.warnings[("29272", "2024-06")]
    assert warning.msg.code == "file.csv_named_workbook" and warning.msg.params == {"ext": ".xlsx"}
    assert warning.message == (
        "the file is CSV text, not an Excel workbook, though its name ends in .xlsx: it was read "
        "as a CSV table; next time name it .csv, or open it in Excel and save it as .xlsx"
    )
    assert warning.msg.text(Lang.VI) == (
        "tệp là văn bản CSV, không phải bảng tính Excel, dù tên có đuôi .xlsx: ntm đã đọc tệp như "
        "bảng CSV; lần sau hãy đặt đuôi .csv, hoặc mở bằng Excel và lưu thành .xlsx"
    )
    assert warned(read_return(raw, CTX, "BAO-CAO.XLSX"))  # whatever the case of the name
    assert not warned(read_return(raw, CTX, "bao-cao.csv"))  # named as what it is
    assert not warned(read_return(raw, CTX))


def test_a_rejected_csv_named_xlsx_says_what_it_is_too() -> None:
    parsed = read_return(b"ma_xa,ky\n1,2\n", CTX, "so-lieu.xlsx")
    assert [p.msg.code for p in parsed.problems] == ["long.header"]
    assert warned(parsed) == ["file.csv_named_workbook"]


def warned(parsed: Parsed) -> list[str]:
    return [w.msg.code for found in parsed.warnings.values() for w in found]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_utf16_text_is_refused_with_how_to_save_it(encoding: str, delimiter: str) -> None:
    text = long_csv().replace(",", delimiter)
    (problem,) = problems(text.encode(encoding))  # "utf-16" writes a BOM, the others do not
    assert problem.message == (
        "UTF-16 text (Excel's “Unicode Text”), and ntm reads UTF-8 only: in Excel save it as "
        "“CSV UTF-8 (Comma delimited) (*.csv)” and send it again"
    )
    assert problem.msg.text(Lang.VI) == (
        "tệp văn bản mã UTF-16 (Unicode Text), ntm chỉ đọc được UTF-8: trong Excel hãy lưu lại "
        "dạng “CSV UTF-8 (Comma delimited) (*.csv)” rồi gửi lại"
    )


def test_utf16_text_with_vietnamese_names_is_recognised() -> None:
    text = long_csv(
        *(f"Long Đức,Thành phố Trà Vinh,2024-06,{c.number},Chưa đạt" for c in CRITERIA.criteria),
        header="unit_name,district,period,criterion,status",
    )
    assert codes(text.encode("utf-16-le")) == ["file.text_utf16"]
    assert codes(text.encode("utf-16-be")) == ["file.text_utf16"]
    assert codes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00") == ["file.kind.binary"]


def test_utf16_text_through_the_import(tmp_path: Path) -> None:
    write(tmp_path, "unicode.csv", codecs.BOM_UTF16_LE + long_csv().encode("utf-16-le"))
    write(tmp_path, "no-bom.csv", long_csv().encode("utf-16-be"))
    found = verdicts(str(tmp_path), "--lang", "en")
    for name in ("unicode.csv", "no-bom.csv"):
        assert found[name]["status"] == "rejected"
        (error,) = found[name]["errors"]
        assert error["code"] == "file.text_utf16" and "save it as “CSV UTF-8" in error["message"]


# --- what the fuzzer found: damaged zips ---------------------------------------------------------


def _patch_central(raw: bytes, offset: int, value: bytes, member: str | None = None) -> bytes:
    """Overwrite a field of a central-directory entry (of `member`, or of every one)."""
    data = bytearray(raw)
    for found in re.finditer(rb"PK\x01\x02", raw):
        at = found.start()
        name_length = struct.unpack_from("<H", raw, at + 28)[0]
        name = raw[at + 46 : at + 46 + name_length].decode()
        if member is None or name == member:
            data[at + offset : at + offset + len(value)] = value
    return bytes(data)


def test_a_compression_method_zipfile_cannot_read_is_named() -> None:
    raw = filled_form()
    member = sheet_member(raw, CRITERIA_SHEET)
    (problem,) = problems(_patch_central(raw, 10, struct.pack("<H", 19), member))
    assert problem.msg.code == "file.zip_unsupported"
    assert problem.message.startswith(f"{member} is stored in a way ntm cannot read (")


def test_strong_encryption_and_a_newer_zip_version_are_refused() -> None:
    raw = filled_form()
    assert codes(_patch_central(raw, 8, struct.pack("<H", 0x40))) == ["file.encrypted"]
    newer = _patch_central(raw, 6, struct.pack("<H", 99))  # "version needed to extract": 9.9
    assert codes(newer) == ["file.truncated"]


def test_damaged_compressed_data_is_damaged_file() -> None:
    raw = filled_form()
    info = zipfile.ZipFile(io.BytesIO(raw)).getinfo(sheet_member(raw, CRITERIA_SHEET))
    start = info.header_offset + 30 + len(info.filename.encode()) + 10
    damaged = raw[:start] + bytes(b ^ 0xFF for b in raw[start : start + 40]) + raw[start + 40 :]
    (problem,) = problems(damaged)
    assert problem.msg.code == "file.damaged" and "save it again" in problem.message


# --- what the fuzzer found: XML --------------------------------------------------------------


@pytest.mark.parametrize(
    "prolog",
    [
        b'<?xml version="1.0" encoding="bogus-8"?>',
        b'<?xml version="1.0" encoding="ISO-8859-1"?>',
        b"<?xml version='1.0' encoding='windows-1252' standalone='yes'?>",
    ],
)
def test_a_part_declared_in_another_encoding_is_refused(prolog: bytes) -> None:
    raw = filled_form()
    member = sheet_member(raw, CRITERIA_SHEET)
    raw = rewrite_member(raw, member, lambda xml: prolog + xml)
    assert [p.message for p in problems(raw)] == [
        f"{member} is not UTF-8 XML: refused (Excel writes UTF-8)"
    ]
    utf8 = rewrite_member(
        filled_form(), member, lambda xml: b'<?xml version="1.0" encoding="UTF-8"?>' + xml
    )
    assert read_return(utf8, CTX).returns


def test_rows_nested_deep_are_read_in_linear_time() -> None:
    """Each row used to be searched for cells through all the rows inside it."""
    raw = filled_form()
    member = sheet_member(raw, "Kết quả khác")
    deep = 100_000
    raw = rewrite_member(
        raw,
        member,
        lambda xml: xml.replace(
            b"<sheetData>", b"<sheetData>" + b"<row>" * deep + b"</row>" * deep
        ),
    )
    parsed, seconds, _ = measured(raw)
    assert parsed.returns and seconds < 20, seconds


def test_a_row_number_that_is_not_a_number() -> None:
    raw = filled_form()
    member = sheet_member(raw, CRITERIA_SHEET)
    raw = rewrite_member(raw, member, lambda xml: xml.replace(b'<row r="13"', b'<row r="x13"', 1))
    (problem,) = problems(raw)
    assert (
        problem.message
        == "sheet \"Tiêu chí\": a row has no valid number ('x13'); save the file again"
    )


def test_a_shared_string_index_below_zero_is_missing_text() -> None:
    """-1 used to read the last string of the table."""
    raw = to_shared_strings(filled_form())
    member = sheet_member(raw, CRITERIA_SHEET)
    raw = rewrite_member(
        raw, member, lambda xml: re.sub(rb'(<c r="C13"[^>]*t="s"><v>)\d+', rb"\g<1>-1", xml)
    )
    assert codes(raw) == ["file.missing_text"]


def test_escaped_surrogates_become_text_that_can_be_stored() -> None:
    raw = filled_form()
    member = sheet_member(raw, CRITERIA_SHEET)
    note = '<c r="D13" t="inlineStr"><is><t>_xD83D__xDE00_ ok _xD800_</t></is></c>'
    raw = rewrite_member(raw, member, lambda xml: re.sub(rb'<c r="D13"[^>]*/>', note.encode(), xml))
    (ret,) = read_return(raw, CTX).returns
    assert ret.notes["1"] == "😀 ok \ufffd"
    ret.notes["1"].encode("utf-8")


# --- what the fuzzer found: memory and time ----------------------------------------------------


def _flood(raw: bytes, title: str, block: bytes) -> bytes:
    member = sheet_member(raw, title)
    return rewrite_member(
        raw, member, lambda xml: xml.replace(b"</sheetData>", block + b"</sheetData>")
    )


def test_a_part_of_many_elements_costs_little_memory() -> None:
    """A small file whose sheet holds 250,000 empty cells in one row: the whole tree used to
    take some 100 MB (over 400 MB at the limit of a million elements); read as a stream, a
    cell at a time, it takes little more than the part's bytes."""
    raw = _flood(
        filled_form(), "Kết quả khác", b'<row r="40">' + b'<c r="A40" s="1"/>' * 250_000 + b"</row>"
    )
    assert len(raw) < 1 * MB
    parsed, _, peak = measured(raw)
    assert parsed.returns and peak < 20, peak


def test_many_shared_strings_and_merged_ranges_cost_little_memory() -> None:
    raw = to_shared_strings(filled_form())
    strings = b"".join(b"<si><t>s%d</t></si>" % i for i in range(50_000))
    raw = rewrite_member(
        raw, "xl/sharedStrings.xml", lambda xml: xml.replace(b"</sst>", strings + b"</sst>")
    )
    parsed, _, peak = measured(raw)
    assert parsed.returns and peak < 20, peak
    merges = b"".join(b'<mergeCell ref="E%d:F%d"/>' % (i, i) for i in range(100, 50_000))
    far = filled_form()
    member = sheet_member(far, "Kết quả khác")
    far = rewrite_member(
        far,
        member,
        lambda xml: xml.replace(
            b"</worksheet>", b"<mergeCells>" + merges + b"</mergeCells></worksheet>"
        ),
    )
    parsed, _, peak = measured(far)
    assert parsed.returns and peak < 20, peak  # far from the form's cells: not kept
    near = b"".join(b'<mergeCell ref="A1:C%d"/>' % i for i in range(21, 20_100))
    member = sheet_member(filled_form(), "Kết quả khác")
    many = rewrite_member(
        filled_form(),
        member,
        lambda xml: xml.replace(
            b"</worksheet>", b"<mergeCells>" + near + b"</mergeCells></worksheet>"
        ),
    )
    assert codes(many) == ["file.too_many_merges"]


def test_a_long_sheet_with_a_cell_far_right_costs_one_cell() -> None:
    """Rows used to be padded to the widest one: one cell in column XFD and 100,000 rows was
    1.6 billion cells."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit_code", "period", "criterion", "status"])
    sheet.cell(1, 16384, "far")
    for i in range(10_000):
        sheet.append(["29263", "2024-06", CRITERIA.criteria[i % 19].number, "Đạt"])
    parsed, _, peak = measured(workbook_bytes(book))
    assert [p.msg.code for p in parsed.problems][:1] == ["long.criterion.twice"]
    assert peak < 60, peak


def test_a_long_sheet_reading_an_odd_digit_as_a_date() -> None:
    """isdigit() is true of "²", which int() refuses."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit_code", "period", "criterion", "status"])
    sheet.append(["29263", "²", "1", "Đạt"])
    (problem,) = problems(workbook_bytes(book))
    assert problem.cell == "B2" and problem.msg.code == "period.invalid"


def test_a_header_with_nothing_under_it() -> None:
    assert codes(b"unit_code,period,criterion,status\n") == ["long.no_rows"]
    assert codes(b"unit_code,period,criterion,status\n,,,\n\n") == ["long.no_rows"]
    # line ends csv does not know (NEL): a header of many columns, and no row
    text = long_csv(
        *(f"29263,2024-06,{c.number},Đạt,ghi chú" for c in CRITERIA.criteria),
        header="unit_code,period,criterion,status,note",
    )
    assert codes(text.replace("\r\n", "\x85").encode()) == ["long.no_rows"]


def test_csv_floods_are_refused_fast_and_small() -> None:
    lines = b"unit_code,period,criterion,status\n" + b"\n" * (MAX_FILE - 100)
    parsed, seconds, _ = measured(lines, trace=False)  # 20 million lines used to be read
    assert [p.msg.code for p in parsed.problems] == ["file.text_too_many_cells"]
    assert seconds < 10, seconds
    fields = b"unit_code,period,criterion,status\n" + b"ab," * 3_000_000
    parsed, _, peak = measured(fields)
    assert [p.msg.code for p in parsed.problems] == ["file.text_line_too_long"]
    assert peak < 100, peak
    assert codes(b"x" * (MAX_FILE + 1)) == ["file.too_large"]


def test_a_nul_after_the_first_lines_and_an_endless_quote() -> None:
    text = long_csv(*(["29263,2024-06,1,1"] * 300)).encode()  # the NUL past the first 4 kB
    late_nul = text + b"29263,2024-06,1,\x00\n"
    assert [p.message for p in problems(late_nul)] == [
        "line 302 holds a NUL character: not a CSV text table; in Excel save it as "
        "“CSV UTF-8 (Comma delimited)”"
    ]
    limit = csv.field_size_limit()
    endless = text + b'29263,2024-06,1,1,"' + b"x\n" * 750_000
    (problem,) = problems(endless)
    assert problem.msg.code == "file.text_unreadable" and problem.msg.params["line"] == 302
    assert csv.field_size_limit() == limit  # the process's limit is left as it was


def test_a_table_wrong_on_every_row_stops_after_a_thousand_problems() -> None:
    text = long_csv(*(f"29263,2024-{i % 12 + 1:02d},{i % 19 + 1},Dat roi" for i in range(5000)))
    found = problems(text.encode())
    assert len(found) == 1001
    assert found[-1].cell == "line 1002"
    assert found[-1].message == (
        "over 1,000 problems: the rest of the table was not read; fix these and send it again"
    )


def test_a_workbook_listing_too_many_sheets() -> None:
    raw = filled_form()
    sheets = b"".join(
        b'<sheet name="s%d" sheetId="%d" r:id="rId1"/>' % (i, i + 10) for i in range(1001)
    )
    raw = rewrite_member(
        raw, "xl/workbook.xml", lambda xml: xml.replace(b"</sheets>", sheets + b"</sheets>")
    )
    assert [p.message for p in problems(raw)] == ["the workbook lists over 1,000 sheets; refused"]


def test_a_table_over_the_cell_limit() -> None:
    pad = "," * 96  # a hundred cells a row, most of them empty
    rows = [
        f"{unit.code},{period},{c.number},1{pad}"
        for period in ("2024-05", "2024-06")
        for unit in COMMUNES
        for c in CRITERIA.criteria
    ]
    assert len(rows) * 100 > MAX_CELLS
    assert codes(long_csv(*rows).encode()) == ["file.text_too_many_cells"]
    assert read_return(long_csv(*rows[: MAX_CELLS // 200]).encode(), CTX).returns
