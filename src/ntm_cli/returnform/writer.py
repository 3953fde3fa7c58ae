"""The monthly return form of one commune, as an openpyxl workbook (layout: returnform.layout)."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ntm_cli.domain.emulation import Emulation, ItemKind
from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.models import Ladder, Level, Unit, UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import FUND_SOURCES, CriteriaSet, Return
from ntm_cli.domain.text import set_text
from ntm_cli.returnform import layout as form

INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Times New Roman"
TASK_KINDS = frozenset({UnitKind.TOWN, UnitKind.CITY, UnitKind.PROVINCE})
FUND_LABELS = {
    "central": "Ngân sách trung ương",
    "local": "Ngân sách địa phương",
    "credit": "Vốn tín dụng",
    "enterprises": "Doanh nghiệp",
    "residents": "Người dân đóng góp",
}
INSTRUCTIONS = [
    "PHIẾU BÁO CÁO KẾT QUẢ XÂY DỰNG NÔNG THÔN MỚI HẰNG THÁNG",
    "",
    "1. Sheet “Tiêu chí”: chọn trạng thái từng tiêu chí ở cột C (Đạt / Chưa đạt) từ danh sách.",
    "   Phiếu đã điền sẵn trạng thái của kỳ báo cáo trước: chỉ sửa những tiêu chí thay đổi.",
    "   Ghi chú (cột D) không bắt buộc.",
    "2. Sheet “Kết quả khác”: nếu trong kỳ xã có quyết định công nhận mới, chọn mức đạt và ghi",
    "   số, ngày quyết định; số sản phẩm OCOP theo hạng sao; nợ đọng xây dựng cơ bản (triệu đồng);",
    "   vốn huy động trong kỳ theo nguồn (triệu đồng); kết quả phong trào thi đua (nếu phiếu",
    "   có mục này): số liệu trong kỳ, hoặc số hiện có cuối kỳ, theo cột “Cách ghi”.",
    "   Số liệu không âm.",
    "3. Chỉ nhập vào các ô nền vàng. Không đổi tên sheet, không chèn hay xóa dòng, không sao chép",
    "   phiếu của xã khác: mỗi phiếu gắn với một xã và một kỳ báo cáo.",
    "4. Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, gửi lại Văn phòng Điều phối NTM.",
    "",
    "Nhập bằng công thức được, nhưng phải mở tệp trong Excel và lưu lại trước khi gửi.",
]


@dataclass(frozen=True, slots=True)
class FormContext:
    """Everything a form shows: the commune, its district, the period and the set."""

    unit: Unit
    district: Unit | None
    period: str
    criteria: CriteriaSet
    level: Level | None
    towards: Level | None
    ladder: Ladder  # the plan's levels: their names on the form
    previous: Return | None = None
    emulation: Emulation | None = None  # the movement whose items the form asks for


def build_form(ctx: FormContext) -> Workbook:
    """The filled-in, protected form; only the input cells are unlocked."""
    book = Workbook()
    help_sheet = book.active
    assert help_sheet is not None
    help_sheet.title = form.SHEET_HELP
    _instructions(help_sheet, ctx)
    _criteria_sheet(book.create_sheet(form.SHEET_CRITERIA), ctx)
    _other_sheet(book.create_sheet(form.SHEET_OTHER), ctx)
    _meta_sheet(book.create_sheet(form.SHEET_META), ctx)
    book.active = 1
    book.security = WorkbookProtection(lockStructure=True)  # no renamed, added or deleted sheets
    book.properties.title = f"Phiếu báo cáo NTM {ctx.period} – {ctx.unit.name}"
    book.properties.creator = "ntm"
    return book


def _instructions(ws: Worksheet, ctx: FormContext) -> None:
    for row, text in enumerate(INSTRUCTIONS, start=1):
        ws.cell(row, 1, text).font = Font(name=FONT, size=12, bold=row == 1)
    ws.column_dimensions["A"].width = 100
    _protect(ws)


def _criteria_sheet(ws: Worksheet, ctx: FormContext) -> None:
    ws["A1"] = "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN TIÊU CHÍ NÔNG THÔN MỚI"
    ws["A1"].font = Font(name=FONT, size=13, bold=True)
    month = Period(ctx.period)
    ws["A2"] = f"Kỳ báo cáo: tháng {month.month:02d}/{month.year}"
    ws["A2"].font = Font(name=FONT, size=12, italic=True)
    kind = ctx.unit.kind.vi.lower()
    commune = ctx.unit.kind is UnitKind.COMMUNE
    identity = [
        (form.CODE_CELL, f"Mã {kind}", ctx.unit.code),
        (form.NAME_CELL, f"Tên {kind}", ctx.unit.name),
        (form.DISTRICT_CELL, "Cấp huyện" if commune and not _under_province(ctx) else "Trực thuộc",
         _district_text(ctx, commune)),
        (form.PERIOD_CELL, "Kỳ báo cáo (năm-tháng)", ctx.period),
        (form.LEVEL_CELL, "Mức đạt chuẩn hiện tại", _level_text(ctx.level, ctx)),
        (
            form.TOWARDS_CELL,
            "Mức đang phấn đấu",
            _level_text(ctx.towards, ctx) if ctx.towards
            else f"Duy trì, nâng chất {_level_text(ctx.level, ctx)}",
        ),
        (form.SET_CELL, "Bộ tiêu chí", _set_text(ctx)),
    ]  # fmt: skip
    if ctx.criteria.commune_groups and commune:
        identity.append((form.GROUP_CELL, "Nhóm xã", _group_text(ctx)))
    for ref, label, value in identity:
        row = int(ref[1:])
        ws.cell(row, 1, label).font = Font(name=FONT, bold=True)
        cell = ws[ref]
        cell.value = value
        cell.number_format = "@"
        cell.font = Font(name=FONT)
    header = form.HEADER_ROW
    for col, title in zip("ABCD", ("TT", "Tiêu chí", "Trạng thái", "Ghi chú"), strict=True):
        cell = ws[f"{col}{header}"]
        cell.value = title
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")
    statuses = DataValidation(
        type="list",
        formula1=f'"{form.STATUS_MET},{form.STATUS_NOT_MET}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error=f"Chọn {form.STATUS_MET} hoặc {form.STATUS_NOT_MET}",
    )
    ws.add_data_validation(statuses)
    previous = ctx.previous
    reported = ctx.criteria.reported
    for i, criterion in enumerate(reported):
        row = form.criterion_row(i)
        number = ws[f"{form.NUMBER_COL}{row}"]
        number.value = criterion.number
        number.number_format = "@"
        ws[f"{form.NAME_COL}{row}"] = (
            f"{criterion.name} ({criterion.choice}: chọn ở cột Ghi chú)"
            if criterion.choices else criterion.name
        )  # fmt: skip
        if criterion.choices:
            letter = _list_letter(ctx.criteria, criterion.number)
            _choice_list(
                ws, criterion.choice, criterion.choices, criterion.choices_open, letter
            ).add(f"{form.NOTE_COL}{row}")
        status = ws[f"{form.STATUS_COL}{row}"]
        note = ws[f"{form.NOTE_COL}{row}"]
        if previous is not None and (
            previous.criteria_set == ctx.criteria.id
            or previous.criteria_set in ctx.criteria.includes
        ):
            met = previous.statuses.get(criterion.number)
            status.value = (
                None if met is None else (form.STATUS_MET if met else form.STATUS_NOT_MET)
            )
            set_text(note, previous.notes.get(criterion.number) or None)
        statuses.add(status)
        for cell in (number, ws[f"{form.NAME_COL}{row}"], status, note):
            cell.border = BOX
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for cell in (status, note):
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
        note.number_format = "@"
    for col, width in zip("ABCD", (26, 52, 14, 40), strict=True):
        ws.column_dimensions[col].width = width
    last = form.criterion_row(len(reported) - 1)
    ws.print_area = f"A1:D{last}"
    ws.print_title_rows = f"{header}:{header}"
    _protect(ws)


def _level_text(level: Level | None, ctx: FormContext) -> str:
    """A level as the form words it, by the plan's ladder; a town, city or province at the
    first rung "completes the task"."""
    if ctx.unit.kind in TASK_KINDS and (level is None or level.rank == 1):
        task = ctx.ladder.rungs[0].task or ctx.ladder.rungs[0].name
        return task if level else "Chưa hoàn thành nhiệm vụ"
    return ctx.ladder.rung(level).name if level else "Chưa đạt chuẩn"


def _under_province(ctx: FormContext) -> bool:
    """A commune directly under the province (no district level from 01/7/2025)."""
    return ctx.district is not None and ctx.district.kind.tier == 0


def _district_text(ctx: FormContext, commune: bool) -> str:
    if ctx.district is not None:
        return ctx.district.name
    return "không có (trực thuộc tỉnh)" if commune and ctx.unit.parent_code else ""


def _group_text(ctx: FormContext) -> str:
    """The commune's group and what it means ("2 — Các xã không thuộc nhóm 1 và nhóm 3")."""
    found = ctx.criteria.commune_group(ctx.unit.group) if ctx.unit.group else None
    if found is None:
        return "chưa xác định"
    return f"{found.id} — {found.definition}" if found.definition else found.id


def _set_text(ctx: FormContext) -> str:
    criteria = ctx.criteria
    text = f"{criteria.title} (QĐ {criteria.decision})"
    if criteria.includes:
        text += "; gồm cả bộ tiêu chí của mức dưới, ghi trước các điều kiện"
    return text


LIST_COLUMN = 4  # the hidden identity sheet's column D onwards: each condition's choices


def _list_letter(criteria: CriteriaSet, number: str) -> str:
    asks = [c.number for c in criteria.reported if c.choices]
    return get_column_letter(LIST_COLUMN + asks.index(number))


def _choice_list(ws: Worksheet, label: str, choices: tuple[str, ...], open_list: bool,
                 letter: str) -> DataValidation:  # fmt: skip
    """A drop-down of a condition's choices, read from the hidden identity sheet (a list written
    in the validation itself is split at its commas and loses its quotes). An open list (the
    decision's examples) lets another value be typed, with a warning."""
    rule = DataValidation(
        type="list",
        formula1=f"'{form.SHEET_META}'!${letter}$1:${letter}${len(choices)}",
        allow_blank=True, showErrorMessage=True, errorTitle=label,
        errorStyle="warning" if open_list else "stop",
        error=f"Chọn {label.lower()} trong danh sách"
        + (" (có thể ghi lĩnh vực khác)" if open_list else ""),
    )  # fmt: skip
    ws.add_data_validation(rule)
    return rule


def _other_sheet(ws: Worksheet, ctx: FormContext) -> None:
    ws["A1"] = "KẾT QUẢ KHÁC TRONG KỲ BÁO CÁO"
    ws["A1"].font = Font(name=FONT, size=13, bold=True)
    ws["A3"] = "Công nhận mới trong kỳ (nếu có)"
    ws["A8"] = "Sản phẩm OCOP được công nhận (số sản phẩm)"
    ws["A13"] = "Nợ đọng xây dựng cơ bản trong xây dựng NTM"
    ws["A16"] = "Vốn huy động trong kỳ theo nguồn (triệu đồng)"
    for ref in ("A3", "A8", "A13", "A16"):
        ws[ref].font = Font(name=FONT, bold=True)
    levels = DataValidation(
        type="list", formula1='"' + ",".join(r.name for r in ctx.ladder.rungs) + '"',
        allow_blank=True,
        showErrorMessage=True, error="Chọn mức đạt chuẩn trong danh sách",
    )  # fmt: skip
    whole = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, error="Nhập số nguyên không âm",
    )  # fmt: skip
    money = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, error="Nhập số không âm (triệu đồng)",
    )  # fmt: skip
    dates = DataValidation(
        type="date", operator="greaterThan", formula1="36526", allow_blank=True,
        showErrorMessage=True, error="Nhập ngày (ngày/tháng/năm)",
    )  # fmt: skip
    for validation in (levels, whole, money, dates):
        ws.add_data_validation(validation)
    inputs: list[tuple[str, str, DataValidation | None, str]] = [
        (form.RECOGNITION_LEVEL_CELL, "Mức đạt chuẩn được công nhận", levels, "@"),
        (form.RECOGNITION_DECISION_CELL, "Số quyết định", None, "@"),
        (form.RECOGNITION_DATE_CELL, "Ngày quyết định", dates, "dd/mm/yyyy"),
        *((form.OCOP_CELLS[s], f"Sản phẩm OCOP {s} sao", whole, "0") for s in (3, 4, 5)),
        (form.DEBT_CELL, "Nợ đọng XDCB (triệu đồng)", money, "#,##0.0"),
        *((form.FUND_CELLS[s], FUND_LABELS[s], money, "#,##0.0") for s in FUND_SOURCES),
    ]
    previous = ctx.previous
    for ref, label, rule, fmt in inputs:
        row = int(ref[1:])
        ws.cell(row, 1, label).font = Font(name=FONT)
        cell = ws[ref]
        cell.number_format = fmt
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        cell.border = BOX
        cell.font = Font(name=FONT)
        if rule is not None:
            rule.add(cell)
    if previous is not None and previous.debt is not None:
        ws[form.DEBT_CELL] = previous.debt  # debt carries over; funds are per period
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 24
    ws.print_area = "A1:B21"
    if ctx.emulation is not None and ctx.emulation.items:
        _items(ws, ctx.emulation, ctx.previous, whole, money)
    _protect(ws)


def _items(
    ws: Worksheet,
    emulation: Emulation,
    last: Return | None,
    whole: DataValidation,
    money: DataValidation,
) -> None:
    """The emulation movement's items under the fixed figures: a stock (what exists) carries
    over from the previous return, as debt does; a flow is the period's own, as funds are."""
    vi = Lang.VI
    title = ws.cell(form.ITEMS_TITLE_ROW, 1, t("form.items.title", vi))
    title.font = Font(name=FONT, bold=True)
    headers = ("form.items.col.item", "form.items.col.value", "form.items.col.unit",
               "form.items.col.kind", "form.items.col.content")  # fmt: skip
    for n, key in enumerate(headers, start=1):
        head = ws.cell(form.ITEMS_HEADER_ROW, n, t(key, vi))
        head.font = Font(name=FONT, bold=True)
        head.fill = HEADER_FILL
        head.border = BOX
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    previous = last.values if last is not None else {}
    ordinals = {c.number: c.ordinal for c in emulation.contents}
    items = emulation.items[: form.MAX_ITEMS]
    for i, item in enumerate(items):
        row = form.item_row(i)
        label, value = ws.cell(row, 1), ws[f"{form.ITEM_VALUE_COL}{row}"]
        set_text(label, item.label)
        set_text(ws.cell(row, 3), item.unit)
        set_text(ws.cell(row, 4), t(f"form.items.kind.{item.kind.value}", vi))
        set_text(ws.cell(row, 5), ordinals[item.content])
        value.number_format = "0" if item.whole else "#,##0.0"
        value.protection = Protection(locked=False)
        value.fill = INPUT_FILL
        (whole if item.whole else money).add(value)
        if item.kind is ItemKind.STOCK and item.id in previous:
            value.value = previous[item.id]
        for n in range(1, 6):
            body = ws.cell(row, n)
            body.border = BOX
            body.font = Font(name=FONT)
            body.alignment = Alignment(vertical="center", wrap_text=n == 1)
    for letter, width in zip("CDE", (12, 16, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_area = f"A1:E{form.item_row(len(items) - 1)}"


def _meta_sheet(ws: Worksheet, ctx: FormContext) -> None:
    listed = ctx.emulation.items[: form.MAX_ITEMS] if ctx.emulation is not None else ()
    items = ",".join(i.id for i in listed)
    values = {
        "version": form.TEMPLATE_VERSION,
        "unit_code": ctx.unit.code,
        "period": ctx.period,
        "criteria_set": ctx.criteria.id,
        "checksum": form.checksum(
            form.TEMPLATE_VERSION, ctx.unit.code, ctx.period, ctx.criteria.id, items
        ),
        "items": items or None,
    }
    for key, ref in form.META_CELLS.items():
        row = int(ref[1:])
        ws.cell(row, 1, key)
        cell = ws[ref]
        cell.value = values[key]
        cell.number_format = "@"
    for criterion in (c for c in ctx.criteria.reported if c.choices):
        letter = _list_letter(ctx.criteria, criterion.number)
        for row, choice in enumerate(criterion.choices, start=1):
            ws[f"{letter}{row}"] = choice
            ws[f"{letter}{row}"].number_format = "@"
    ws.sheet_state = "veryHidden"
    _protect(ws)


def _protect(ws: Worksheet) -> None:
    """Sheet protection (no password: a guard against slips, not a lock) and A4 printing."""
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
