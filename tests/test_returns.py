"""Reading returns: the form ntm writes, the long format, and every hostile or broken file."""

from __future__ import annotations

import io
import tracemalloc
import unicodedata
import zipfile

import pytest
from openpyxl import load_workbook

from forms import (
    CTX,
    blank_form,
    filled_form,
    rewrite_member,
    set_for,
    set_inline_text,
    sheet_member,
)
from ntm_cli.returnform import layout as form
from ntm_cli.returnform.cells import parse_number
from ntm_cli.returnform.reader import read_return
from ntm_cli.returnform.xlsx import ENCRYPTED_MARK, sniff

CRITERIA_SHEET = "Tiêu chí"
OTHER_SHEET = "Kết quả khác"


def messages(raw: bytes) -> list[str]:
    parsed = read_return(raw, CTX)
    assert not parsed.returns
    return [f"{i.where()}: {i.message}" if i.where() else i.message for i in parsed.problems]


def one_return(raw: bytes):  # type: ignore[no-untyped-def]
    parsed = read_return(raw, CTX)
    assert not parsed.problems, parsed.problems
    (ret,) = parsed.returns
    # each warning as it reads in English, with its place: `"Tiêu chí"!C19: criterion 7 …`
    return ret, {key: [str(w) for w in found] for key, found in parsed.warnings.items()}


# --- the form as ntm writes it ---------------------------------------------------------------


def test_the_template_is_protected_with_dropdowns_and_a_hidden_identity() -> None:
    book = load_workbook(io.BytesIO(blank_form("29272", "2024-06")))
    assert book.sheetnames == ["Hướng dẫn", CRITERIA_SHEET, OTHER_SHEET, "_ntm"]
    sheet = book[CRITERIA_SHEET]
    assert sheet.protection.sheet
    assert (sheet["B4"].value, sheet["B5"].value, sheet["B7"].value) == (
        "29272", "Xã An Trường A", "2024-06",
    )  # fmt: skip
    assert sheet["B4"].protection.locked and not sheet["C13"].protection.locked
    assert [sheet[f"A{13 + i}"].value for i in range(19)] == [str(n) for n in range(1, 20)]
    (dropdown,) = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert dropdown.formula1 == '"Đạt,Chưa đạt"'
    assert str(dropdown.sqref).split() == [f"C{row}" for row in range(13, 32)]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"  # A4
    meta = book["_ntm"]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    assert meta["B1"].value == form.TEMPLATE_VERSION and meta["B2"].value == "29272"


def test_a_filled_form_gives_what_was_filled() -> None:
    statuses = ["Chưa đạt" if i in (1, 10) else "Đạt" for i in range(19)]
    ret, warnings = one_return(filled_form("29287", "2024-06", statuses))  # Bình Phú: NTM
    assert (ret.unit_code, ret.period, ret.criteria_set) == (
        "29287", "2024-06", "qd318-2022-xa-nang-cao",
    )  # fmt: skip
    assert ret.not_met == ["2", "11"] and len(ret.met) == 17
    assert ret.ocop == {3: 2, 4: 1, 5: 0} and ret.debt == 0
    assert ret.funds == {
        "central": 100,
        "local": 50.5,
        "credit": 0,
        "enterprises": 20,
        "residents": 12,
    }
    assert warnings == {("29287", "2024-06"): []}


def test_status_spellings_and_blank_status() -> None:
    statuses = ["dat", "CHUA DAT", "1", "0", "x", "Không đạt", "", *["Đạt"] * 12]
    ret, warnings = one_return(filled_form("29272", statuses=statuses))
    assert [ret.statuses[str(n)] for n in range(1, 8)] == [
        True,
        False,
        True,
        False,
        True,
        False,
        None,
    ]
    assert warnings[("29272", "2024-06")] == ['"Tiêu chí"!C19: criterion 7 has no status']


def test_a_bad_status_names_sheet_and_cell() -> None:
    raw = filled_form(statuses=["Đạt", "Dat roi", *["Đạt"] * 17])
    assert messages(raw) == ["\"Tiêu chí\"!C14: 'Dat roi' is not a status; use Đạt or Chưa đạt"]


def test_nfd_text_is_read_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Chưa đạt")
    note = unicodedata.normalize("NFD", "Đường liên ấp")

    def edit(book):  # type: ignore[no-untyped-def]
        book[CRITERIA_SHEET]["D14"] = note

    ret, _ = one_return(filled_form(statuses=["Đạt", nfd, *["Đạt"] * 17], edit=edit))
    assert ret.statuses["2"] is False
    assert ret.notes["2"] == "Đường liên ấp" and unicodedata.is_normalized("NFC", ret.notes["2"])


@pytest.mark.parametrize(
    ("text", "font"), [("§¹t", "TCVN3"), ("Ch\xada ®¹t", "TCVN3"), ("Ñaït", "VNI")]
)
def test_legacy_font_text_is_refused(text: str, font: str) -> None:
    raw = filled_form(statuses=[text, *["Đạt"] * 18])
    (message,) = messages(raw)
    assert message.startswith('"Tiêu chí"!C13: ') and "TCVN3 or VNI font" in message


def test_control_characters_are_removed_with_a_warning() -> None:
    # Excel writes a control character in XML as the escape _x0007_
    raw = set_inline_text(filled_form(), CRITERIA_SHEET, "D13", "ghi_x0007_chú")
    ret, warnings = one_return(raw)
    assert ret.notes["1"] == "ghichú"
    assert '"Tiêu chí"!D13: control characters removed' in warnings[("29263", "2024-06")]


def test_text_over_the_excel_limit_is_refused() -> None:
    raw = set_inline_text(filled_form(), CRITERIA_SHEET, "D13", "x" * 40_000)
    assert messages(raw) == [
        '"Tiêu chí"!D13: text of 40,000 characters (the limit is 32,767); shorten it'
    ]


def test_a_formula_without_a_saved_result_is_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[OTHER_SHEET]["B17"] = "=B18*2"  # openpyxl saves formulas without their results

    assert messages(filled_form(edit=edit)) == [
        '"Kết quả khác"!B17: a formula with no saved result; open the file in Excel, save it, '
        "send it again"
    ]


def test_a_formula_with_its_saved_result_is_read() -> None:
    raw = filled_form()
    member = sheet_member(raw, OTHER_SHEET)
    raw = rewrite_member(
        raw, member,
        lambda xml: xml.replace(b'<c r="B17" s', b'<c r="B17" s', 1).replace(
            b"<v>100</v>", b"<f>B18*2</f><v>101</v>", 1
        ),
    )  # fmt: skip
    ret, _ = one_return(raw)
    assert ret.funds["central"] == 101


def test_error_cells_are_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[OTHER_SHEET]["B18"] = "#N/A"

    assert messages(filled_form(edit=edit)) == [
        '"Kết quả khác"!B18: #N/A is an error value; enter a value'
    ]


def test_merged_input_cells_are_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[CRITERIA_SHEET].merge_cells("C14:D14")

    assert '"Tiêu chí"!C14: the cell is merged (C14:D14); unmerge it' in messages(
        filled_form(edit=edit)
    )


def test_a_styled_cell_at_the_last_row_is_harmless() -> None:
    from openpyxl.styles import Font

    def edit(book):  # type: ignore[no-untyped-def]
        book[CRITERIA_SHEET].cell(1_048_576, 1).font = Font(bold=True)
        book[CRITERIA_SHEET].cell(1_048_576, 16_384).font = Font(bold=True)

    raw = filled_form(edit=edit)
    tracemalloc.start()
    ret, _ = one_return(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # nothing is allocated for the empty rows and columns up to XFD1048576
    assert len(ret.statuses) == len(set_for("29263").reported) and peak < 20_000_000


def test_negative_and_non_numeric_amounts() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[OTHER_SHEET]["B17"] = -5
        book[OTHER_SHEET]["B18"] = "nhiều"
        book[OTHER_SHEET]["B9"] = 1.5

    assert messages(filled_form(edit=edit)) == [
        '"Kết quả khác"!B9: 1.5 is not a whole number of products',
        '"Kết quả khác"!B17: -5 is negative; amounts are 0 or more',
        "\"Kết quả khác\"!B18: 'nhiều' is not a number",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234", 1234.0), ("1.234.567,5", 1234567.5), ("12,5", 12.5), ("12.5", 12.5), ("7", 7.0)],
)
def test_numbers_typed_as_text(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_dates_as_text_or_serial_numbers() -> None:
    def as_text(book):  # type: ignore[no-untyped-def]
        book[OTHER_SHEET]["B4"] = "NTM nâng cao"
        book[OTHER_SHEET]["B5"] = "123/QĐ-UBND"
        book[OTHER_SHEET]["B6"] = "15/05/2024"

    def as_serial(book):  # type: ignore[no-untyped-def]
        as_text(book)
        book[OTHER_SHEET]["B6"] = 45427  # 15/05/2024 as Excel stores it

    for edit in (as_text, as_serial):
        ret, _ = one_return(filled_form("29272", edit=edit))
        assert ret.recognition is not None
        assert (ret.recognition.level.value, ret.recognition.decision) == (
            "advanced",
            "123/QĐ-UBND",
        )
        assert ret.recognition.decided_on.isoformat() == "2024-05-15"


def test_a_claimed_recognition_the_registry_lacks_is_a_warning() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[OTHER_SHEET]["B4"] = "NTM kiểu mẫu"

    _, warnings = one_return(filled_form("29272", edit=edit))  # An Trường A: NTM only
    (warning,) = warnings[("29272", "2024-06")]
    assert "29272 Xã An Trường A reports model; the registry shows ntm" in warning
    assert "the status is not changed" in warning


def test_a_form_copied_from_another_commune_is_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[CRITERIA_SHEET]["B4"] = "29269"
        book[CRITERIA_SHEET]["B5"] = "Xã Mỹ Cẩm"

    (message,) = messages(filled_form("29263", edit=edit))
    assert message.startswith(
        "\"Tiêu chí\"!B4: the code says '29269' but this form was made for 29263"
    )


def test_an_edited_hidden_identity_is_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["_ntm"]["B2"] = "29269"

    assert messages(filled_form(edit=edit)) == [
        '"_ntm": the form\'s hidden identity was edited; use the form ntm made for this commune'
    ]


def test_a_wrong_template_version_is_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["_ntm"]["B1"] = "0"

    assert messages(filled_form(edit=edit)) == [
        '"_ntm"!B1: form version 0; ntm reads version 1: '
        "send the commune a new form (`ntm template`)"
    ]


def test_a_period_outside_the_plan_is_refused() -> None:
    assert messages(filled_form(period="2019-06")) == [
        '"Tiêu chí"!B7: period 2019-06 is outside plan 69/KH-UBND (2021–2025)'
    ]


def test_moved_rows_are_refused() -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book[CRITERIA_SHEET]["A15"] = "4"

    assert '"Tiêu chí"!A15: row 15 should hold criterion 3' in messages(filled_form(edit=edit))[0]


# --- files that are not what they claim ------------------------------------------------------


def ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + extra


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (ole(), "an old Excel 97-2003 workbook (.xls); open it in Excel and save as .xlsx"),
        (
            ole(ENCRYPTED_MARK),
            "the workbook is protected by a password (encrypted); save it without",
        ),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "a web page (HTML)"),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            "an OpenDocument spreadsheet (.ods)",
        ),
        (b"ma_xa,ky,tieu_chi\n1,2,3\n", "neither an ntm return form nor a long-format table"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a spreadsheet (binary data)"),
    ],
)
def test_the_kind_of_a_file_comes_from_its_bytes(raw: bytes, expected: str) -> None:
    (message,) = messages(raw)
    assert expected in message


def test_a_truncated_workbook_is_refused() -> None:
    raw = filled_form()
    (message,) = messages(raw[: len(raw) // 2])
    assert "damaged or truncated" in message


def test_a_zip_bomb_is_refused_fast_and_small() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 200_000_000)
    raw = out.getvalue()
    assert len(raw) < 1_000_000 and sniff(raw) == "xlsx"
    tracemalloc.start()
    (message,) = messages(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "would inflate to 200 MB" in message and "zip bomb" in message
    assert peak < 100_000_000  # refused before inflating (its time is measured in make bench)


def test_a_zip_member_that_lies_about_its_size_is_refused() -> None:
    raw = filled_form()
    member = sheet_member(raw, CRITERIA_SHEET)
    raw = rewrite_member(raw, member, lambda xml: xml + b" " * 5_000_000)
    # forge the declared size of that member down to 100 bytes, in both headers
    z = zipfile.ZipFile(io.BytesIO(raw))
    info = z.getinfo(member)
    true_size = info.file_size.to_bytes(4, "little")
    raw = raw.replace(true_size, (100).to_bytes(4, "little"))
    (message,) = messages(raw)
    assert "cannot be read (Bad CRC-32" in message and "the file is damaged" in message


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&ext;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("payload", [BOMB, EXTERNAL])
def test_xml_entity_bombs_and_external_entities_are_refused(payload: bytes) -> None:
    raw = filled_form()
    raw = rewrite_member(raw, sheet_member(raw, CRITERIA_SHEET), lambda xml: payload)
    (message,) = messages(raw)
    assert "declares XML entities or a DTD" in message


# --- the long format --------------------------------------------------------------------------


def long_csv(rows: list[str], header: str = "unit_code,period,criterion,status") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_long_format_csv() -> None:
    rows = [f"29263,2024-06,{n},{'Đạt' if n != 5 else 'chua dat'}" for n in range(1, 20)]
    rows += [f"29269,2024-06,TC{n:02d},{'x' if n < 10 else ''}" for n in range(1, 20)]
    parsed = read_return(long_csv(rows), CTX)
    assert not parsed.problems
    by_unit = {r.unit_code: r for r in parsed.returns}
    assert by_unit["29263"].not_met == ["5"]
    assert len(by_unit["29269"].met) == 9 and by_unit["29269"].source_kind == "long"


def test_long_format_by_name_within_a_district() -> None:
    header = "unit_name,district,period,criterion,status"
    rows = [f"Xa Hoa Tan,Cau Ke,2024-06,{n},1" for n in range(1, 20)]
    parsed = read_return(long_csv(rows, header), CTX)
    assert [r.unit_code for r in parsed.returns] == ["29320"]


def test_long_format_problems_name_line_and_column() -> None:
    rows = [
        "29272,2024-06,1,Đạt",
        "29272,2024-13,2,Đạt",
        "29272,2024-06,20,Đạt",
        "29272,2024-06,3,maybe",
        "99999,2024-06,4,Đạt",
        "29272,2024-06,1,Đạt",
        "29263,2024-06,ĐK5,Đạt",
    ]
    assert messages(long_csv(rows)) == [
        "line 3, period: '2024-13' is not a period; write YYYY-MM, e.g. 2024-06",
        "line 4, criterion: '20' is not a criterion of qd318-2022-xa-nang-cao (1, 2, 3, 4, 5, 6, "
        "7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)",
        "line 5, status: 'maybe' is not a status; use Đạt or Chưa đạt (or 1/0, x/empty)",
        "line 6, unit_code: '99999' is not the code of a commune in the registry",
        "line 7, criterion: criterion 1 of 29272 for 2024-06 is given twice",
        # each commune on the set of the level it works towards: Long Đức's is the model set
        "line 8, criterion: 'ĐK5' is not a criterion of qd319-2022-xa-kieu-mau (1, 2, 3, 4, 5, "
        "6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, ĐK2, ĐK3, ĐK4)",
    ]


def test_long_format_unknown_or_ambiguous_names() -> None:
    import dataclasses

    from ntm_cli.domain.models import Registry, Unit, UnitKind

    header = "unit_name,district,period,criterion,status"
    assert messages(long_csv(["Long Phú,,2024-06,1,1"], header)) == [
        "line 2, unit_name: no commune is named 'Long Phú'; did you mean Xã Nhị Long Phú (29299)"
    ]
    twin = Unit("99001", "Xã Hòa Tân", UnitKind.COMMUNE, "846")
    registry = Registry((*CTX.registry.units, twin))
    ctx = dataclasses.replace(CTX, registry=registry)
    parsed = read_return(long_csv(["Hoà Tân,,2024-06,1,1"], header), ctx)
    assert [i.message for i in parsed.problems] == [
        "'Hoà Tân' matches 2 communes: Xã Hoà Tân (29320, Huyện Cầu Kè), Xã Hòa Tân (99001, "
        "Huyện Tiểu Cần); give unit_code or district"
    ]
    parsed = read_return(long_csv(["Hoà Tân,Tiểu Cần,2024-06,1,1"], header), ctx)
    assert [r.unit_code for r in parsed.returns] == ["99001"]
