"""Annotated copies of rejected returns: bad cells highlighted, a comment on each, a summary."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties

from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.text import set_text

BAD = PatternFill("solid", fgColor="FFC7CE")
SUMMARY = "Lỗi cần sửa"


def annotate(raw: bytes | None, name: str, issues: list[Issue]) -> Workbook:
    """The submitted workbook with its problems marked, or a summary alone when the file
    could not be opened as a workbook (wrong type, damaged, a zip bomb). The copy goes back to
    the commune: its messages are in Vietnamese."""
    book = None
    if raw is not None and raw.startswith(b"PK"):
        try:
            # defusedxml is active in openpyxl (checked at start-up); the size was checked too
            book = load_workbook(io.BytesIO(raw), rich_text=False)
        except Exception:  # noqa: BLE001 - any failure: fall back to the summary alone
            book = None
    if book is None:
        book = Workbook()
        active = book.active
        assert active is not None
        book.remove(active)
    for issue in issues:
        if (
            issue.sheet
            and issue.cell
            and issue.sheet in book.sheetnames
            and issue.cell[0].isalpha()
        ):
            cell = book[issue.sheet][issue.cell]
            cell.fill = BAD
            previous = cell.comment.text + "\n" if cell.comment else ""
            cell.comment = Comment(previous + issue.msg.text(Lang.VI), "ntm", width=320, height=120)
    summary = book.create_sheet(SUMMARY, 0)
    set_text(summary["A1"], f"{name}: {len(issues)} lỗi cần sửa trước khi gửi lại")
    summary["A1"].font = Font(bold=True, size=12)
    for col, title in zip("ABC", ("Trang tính", "Ô", "Lỗi"), strict=True):
        summary[f"{col}2"] = title
        summary[f"{col}2"].font = Font(bold=True)
    for row, issue in enumerate(issues, start=3):
        texts = (issue.sheet or "", issue.cell or "", issue.msg.text(Lang.VI))
        for col, text in zip("ABC", texts, strict=True):
            set_text(summary[f"{col}{row}"], text)  # submitted text is never a formula here
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 10
    summary.column_dimensions["C"].width = 100
    book.active = 0
    return book


RETURNED = "Ý kiến trả lại"


def returned_copy(raw: bytes, title: str, rows: list[tuple[str, str]]) -> Workbook:
    """A form sent back to its commune for correction: the form as it was received, after a
    first sheet with the reviewer's comment, who returned it and when (label, value rows). The
    copy goes to the commune: its words are in Vietnamese."""
    book = load_workbook(io.BytesIO(raw), rich_text=False)
    sheet = book.create_sheet(RETURNED, 0)
    set_text(sheet["A1"], title)
    sheet["A1"].font = Font(bold=True, size=12)
    for row, (label, value) in enumerate(rows, start=3):
        set_text(sheet[f"A{row}"], label)
        sheet[f"A{row}"].font = Font(bold=True)
        sheet[f"A{row}"].alignment = Alignment(vertical="top")
        set_text(sheet[f"B{row}"], value)  # a comment is text, never a formula
        sheet[f"B{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        # a spreadsheet program does not grow a row for wrapped text it did not write itself
        sheet.row_dimensions[row].height = 15 * max(1, -(-len(value) // 75))
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 70
    # printed on one A4 page wide, as the form's own sheets are
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    book.active = 0
    return book
