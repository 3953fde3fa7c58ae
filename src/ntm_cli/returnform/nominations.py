"""The nominations workbook: the subjects of the commendations that are not units, one sheet a
kind of subject, written by `ntm template --nominations` and read back by `ntm import`.

Like the return form: yellow input cells, drop-down lists, protected sheets and structure, and a
very hidden identity sheet (`_ntm_de_nghi`) that ties the file to one award year; the reader
checks every cell and names the sheet and cell of each problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ntm_cli.domain.messages import Issue, Message, msg
from ntm_cli.domain.models import AwardRule, Plan, Registry, UnitKind
from ntm_cli.domain.nominations import NOMINATIONS_VERSION, Nominations, Nominee, OcopProduct
from ntm_cli.domain.text import fold
from ntm_cli.returnform.cells import clean_text, excel_date, parse_number
from ntm_cli.returnform.parsed import Parsed
from ntm_cli.returnform.xlsx import Sheet, Workbook, col_name

if TYPE_CHECKING:  # the writing half needs openpyxl; reading a workbook never loads it
    from openpyxl import Workbook as NewBook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_META = "_ntm_de_nghi"
SHEET_HELP = "Hướng dẫn"
META_CELLS = {"kind": "B1", "version": "B2", "year": "B3", "forms": "B4", "checksum": "B5"}
KIND = "nominations"
TITLE_ROW, RULE_ROW, HEADER_ROW, FIRST_ROW = 1, 3, 6, 7
ROWS = 60  # input rows a sheet
YES, NO = "Có", "Không"
_YES = {"co": True, "x": True, "1": True, "yes": True, "khong": False, "0": False, "no": False}


@dataclass(frozen=True, slots=True)
class Column:
    """One input column: the Nominee field it fills, its heading, and what it takes."""

    field: str
    title: str
    kind: str = "text"  # text, yesno, money, whole, date, stars, choice, code
    choices: tuple[str, ...] = ()
    width: int = 18


NAME_TITLES = {
    "department": "Tên cơ quan, tổ chức",
    "hamlet": "Tên ấp",
    "enterprise": "Tên doanh nghiệp, hợp tác xã",
    "official": "Họ và tên",
    "worker": "Họ và tên",
    "other": "Tên tổ chức, cá nhân",
}
_MONEY = Column("money", "Đóng góp tiền, hiện vật (triệu đồng)", "money")
_DAYS = Column("labour_days", "Ngày công", "money", width=12)
_LAND = Column("land_m2", "Đất hiến (m²)", "money", width=12)
_NOTE = Column("contribution_note", "Đóng góp khác (mô tả)", width=30)
COLUMNS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "department": ("Sở, ban, ngành", (
        Column("category", "Loại", "choice", ("Sở, ban, ngành", "Ủy ban MTTQ tỉnh",
                                                "Tổ chức chính trị - xã hội"), width=26),
        Column("tasks_done", "Hoàn thành nhiệm vụ được phân công", "yesno", width=16),
        Column("assessment", "Đánh giá của Văn phòng Điều phối (căn cứ)", width=40),
    )),
    "hamlet": ("Ấp", (
        Column("commune_code", "Mã xã", "code", width=10),
        Column("decision", "Số quyết định công nhận ấp đạt chuẩn NTM", width=22),
        Column("decided_on", "Ngày quyết định", "date", width=14),
        Column("difficult", "Xã đặc biệt khó khăn", "yesno", width=14),
        Column("difficult_decision", "Quyết định phê duyệt danh sách xã đặc biệt khó khăn",
               width=26),
    )),
    "enterprise": ("Doanh nghiệp, HTX", (
        Column("product", "Sản phẩm OCOP (mỗi sản phẩm một dòng)", width=26),
        Column("stars", "Hạng sao", "stars", width=9),
        Column("certificate", "Số giấy chứng nhận OCOP", width=16),
        Column("certified_on", "Ngày chứng nhận", "date", width=14),
        Column("value_chain", "Liên kết chuỗi giá trị", "yesno", width=12),
        Column("value_chain_note", "Mô tả liên kết", width=26),
        Column("jobs", "Số lao động có việc làm", "whole", width=12),
        _MONEY,
        _NOTE,
        Column("recognised_by", "Văn bản ghi nhận đóng góp (cấp, số, ngày)", width=26),
    )),
    "official": ("Cán bộ, công chức, viên chức", (
        Column("category", "Chức vụ, đơn vị công tác", width=28),
        Column("initiative", "Sáng kiến, giải pháp", width=40),
        Column("recognised_by", "Cấp công nhận sáng kiến (văn bản, số, ngày)", width=30),
    )),
    "worker": ("Người lao động, thành viên HTX", (
        Column("category", "Đối tượng", "choice", ("Nông dân", "Công nhân",
                                                     "Thành viên hợp tác xã",
                                                     "Người lao động khác"), width=20),
        Column("commune_code", "Mã xã nơi cư trú", "code", width=10),
        _MONEY, _DAYS, _LAND, _NOTE,
        Column("model", "Mô hình, cách làm mới, phát minh, sáng chế", width=30),
    )),
    "other": ("Đối tượng khác", (
        Column("category", "Loại (tổ chức quốc tế, hội, doanh nhân, nhà khoa học, gia đình...)",
               width=26),
        _MONEY, _DAYS, _LAND, _NOTE,
        Column("recognised_by", "Văn bản ghi nhận đóng góp (cấp, số, ngày)", width=26),
    )),
}  # fmt: skip
INSTRUCTIONS = [
    "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG PHONG TRÀO THI ĐUA XÂY DỰNG NÔNG THÔN MỚI",
    "",
    "Mỗi sheet là một đối tượng khen thưởng theo kế hoạch; mỗi dòng một đề nghị.",
    "Chỉ nhập vào các ô nền vàng; chọn Có/Không, hạng sao, loại đối tượng trong danh sách.",
    "Doanh nghiệp, HTX: mỗi sản phẩm OCOP một dòng, ghi lại tên doanh nghiệp ở mỗi dòng; các",
    "   thông tin khác của doanh nghiệp ghi ở dòng đầu. Hạng sao 3, 4 hoặc 5; ngày chứng nhận",
    "   là ngày trên giấy chứng nhận OCOP (dùng để xét còn hiệu lực đến 31/12 năm xét).",
    "Ấp: mã xã theo danh mục đơn vị hành chính (5 chữ số); quyết định công nhận ấp đạt chuẩn",
    "   NTM theo tiêu chí của UBND tỉnh; quyết định phê duyệt danh sách xã đặc biệt khó khăn.",
    "Số tiền ghi bằng triệu đồng. Ô để trống nghĩa là chưa có thông tin (cần xác minh).",
    "Không đổi tên sheet, không chèn hay xóa cột. Lưu dạng .xlsx rồi nhập bằng `ntm import`.",
]


def forms_of(plan: Plan) -> list[AwardRule]:
    """The rules judged on nominations, in the plan's order (one sheet each)."""
    return [r for r in plan.awards if not r.subject.is_unit and r.form in COLUMNS]


def checksum(version: str, year: str, forms: str) -> str:
    text = f"ntm-nominations|{version}|{year}|{forms}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def file_name(year: int) -> str:
    return f"de-nghi-khen-thuong-{year}.xlsx"


# Writing ----------------------------------------------------------------------------------------


def build_nominations(plan: Plan, year: int) -> NewBook:
    """The blank, protected workbook of `year`: a sheet for each rule judged on nominations."""
    from openpyxl import Workbook as NewBook
    from openpyxl.styles import Font
    from openpyxl.workbook.protection import WorkbookProtection

    from ntm_cli.returnform.writer import FONT, _protect

    book = NewBook()
    help_sheet = book.active
    assert help_sheet is not None
    help_sheet.title = SHEET_HELP
    for row, text in enumerate(INSTRUCTIONS, start=1):
        help_sheet.cell(row, 1, text).font = Font(name=FONT, size=12, bold=row == 1)
    help_sheet.column_dimensions["A"].width = 100
    _protect(help_sheet)
    rules = forms_of(plan)
    for rule in rules:
        _nominee_sheet(book.create_sheet(COLUMNS[rule.form][0]), rule, year, plan.number)
    meta = book.create_sheet(SHEET_META)
    forms = ",".join(r.form for r in rules)
    values = {"kind": KIND, "version": NOMINATIONS_VERSION, "year": str(year), "forms": forms,
              "checksum": checksum(NOMINATIONS_VERSION, str(year), forms)}  # fmt: skip
    for key, ref in META_CELLS.items():
        meta.cell(int(ref[1:]), 1, key)
        meta[ref] = values[key]
        meta[ref].number_format = "@"
    for i, choices in enumerate(_lists()):
        for row, choice in enumerate(choices, start=1):
            meta.cell(row, LIST_COLUMN + i).value = choice
            meta.cell(row, LIST_COLUMN + i).number_format = "@"
    meta.sheet_state = "veryHidden"
    _protect(meta)
    book.active = 1 if rules else 0
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.title = f"Hồ sơ đề nghị khen thưởng NTM năm {year}"
    book.properties.creator = "ntm"
    return book


def _nominee_sheet(ws: Worksheet, rule: AwardRule, year: int, number: str) -> None:
    from openpyxl.styles import Alignment, Font, Protection

    from ntm_cli.returnform.writer import BOX, FONT, HEADER_FILL, INPUT_FILL, _protect

    title, columns = COLUMNS[rule.form]
    ws.cell(TITLE_ROW, 1, f"ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}: {title.upper()}").font = Font(
        name=FONT, size=13, bold=True
    )
    ws.cell(TITLE_ROW + 1, 1, f"Kế hoạch {number} · quy định [{rule.id}]").font = Font(
        name=FONT, italic=True
    )
    ws.cell(RULE_ROW, 1, rule.name).font = Font(name=FONT)
    ws.cell(RULE_ROW, 1).alignment = Alignment(wrap_text=False)
    headers = [Column("", "STT", width=6), Column("name", NAME_TITLES[rule.form], width=30),
               *columns]  # fmt: skip
    for i, column in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, i, column.title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[col_name(i)].width = column.width
    ws.row_dimensions[HEADER_ROW].height = 60
    last = FIRST_ROW + ROWS - 1
    for i, column in enumerate(headers[1:], start=2):
        letter = col_name(i)
        validation = _validation(column)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        for row in range(FIRST_ROW, last + 1):
            box = ws.cell(row, i)
            box.protection = Protection(locked=False)
            box.fill = INPUT_FILL
            box.border = BOX
            box.font = Font(name=FONT)
            box.number_format = {"date": "dd/mm/yyyy", "money": "#,##0.0", "whole": "0",
                                  "stars": "0"}.get(column.kind, "@")  # fmt: skip
    for row in range(FIRST_ROW, last + 1):
        cell = ws.cell(row, 1, row - FIRST_ROW + 1)
        cell.border = BOX
        cell.font = Font(name=FONT)
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _protect(ws)
    ws.page_setup.orientation = "landscape"


def _lists() -> dict[tuple[str, ...], str]:
    """Every drop-down list of the workbook and the range of the hidden sheet that holds it: a
    list written in the validation itself is split at its commas ("Sở, ban, ngành")."""
    from openpyxl.utils import get_column_letter

    found: dict[tuple[str, ...], str] = {}
    for _, columns in COLUMNS.values():
        for column in columns:
            if column.kind == "choice" and column.choices not in found:
                letter = get_column_letter(LIST_COLUMN + len(found))
                found[column.choices] = (
                    f"'{SHEET_META}'!${letter}$1:${letter}${len(column.choices)}"
                )
    return found


LIST_COLUMN = 10  # the hidden sheet's column J onwards holds the lists


def _validation(column: Column) -> DataValidation | None:
    """The drop-down list or the number check of an input column (None: free text)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    kinds: dict[str, tuple[str, str | None, str, str]] = {
        "yesno": ("list", None, f'"{YES},{NO}"', "Chọn Có hoặc Không"),
        "stars": ("list", None, '"3,4,5"', "Chọn 3, 4 hoặc 5 sao"),
        "choice": ("list", None, _lists().get(column.choices, '""'), "Chọn trong danh sách"),
        "money": ("decimal", "greaterThanOrEqual", "0", "Nhập số không âm"),
        "whole": ("whole", "greaterThanOrEqual", "0", "Nhập số nguyên không âm"),
        "date": ("date", "greaterThan", "36526", "Nhập ngày (ngày/tháng/năm)"),
    }
    if column.kind not in kinds:
        return None
    kind, operator, formula, error = kinds[column.kind]
    return DataValidation(
        type=kind, operator=operator, formula1=formula,  # type: ignore[arg-type]
        allow_blank=True, showErrorMessage=True, error=error,
    )  # fmt: skip


# Reading ----------------------------------------------------------------------------------------


def is_nominations(book: Workbook) -> bool:
    return SHEET_META in book.sheets


def read_nominations(book: Workbook, plan: Plan, registry: Registry) -> Parsed:
    """The nominees of a returned workbook, or every problem found, by sheet and cell."""
    return _Reader(book, plan, registry).read()


class _Reader:
    def __init__(self, book: Workbook, plan: Plan, registry: Registry) -> None:
        self.book, self.plan, self.registry = book, plan, registry
        self.problems: list[Issue] = []
        self.warnings: list[Issue] = []
        self.bad: set[tuple[str | None, str | None]] = set()  # cells with a problem already
        self.year: int | None = None

    def problem(self, sheet: str | None, cell: str | None, message: Message) -> None:
        self.problems.append(Issue(sheet, cell, message))
        self.bad.add((sheet, cell))

    def refused(self) -> Parsed:
        period = str(self.year) if self.year else None
        return Parsed("nominations", problems=self.problems, period=period)

    def read(self) -> Parsed:
        meta = self.book.sheet(SHEET_META, META_CELLS.values())
        fields = {k: _plain(meta.get(ref)) for k, ref in META_CELLS.items()}
        if fields["kind"] != KIND or fields["version"] != NOMINATIONS_VERSION:
            self.problem(SHEET_META, META_CELLS["version"],
                         msg("nominations.version", version=fields["version"] or "-",
                             expected=NOMINATIONS_VERSION))  # fmt: skip
            return self.refused()
        if fields["checksum"] != checksum(fields["version"], fields["year"], fields["forms"]):
            self.problem(SHEET_META, None, msg("nominations.identity_edited"))
            return self.refused()
        year = int(fields["year"]) if fields["year"].isdigit() else 0
        self.year = year or None
        if not self.plan.start_year <= year <= self.plan.end_year:
            self.problem(SHEET_META, META_CELLS["year"],
                         msg("nominations.year_outside", year=fields["year"],
                             number=self.plan.number, start=self.plan.start_year,
                             end=self.plan.end_year))  # fmt: skip
            return self.refused()
        nominees: list[Nominee] = []
        judged = {r.form for r in forms_of(self.plan)}
        for form in fields["forms"].split(","):
            if form not in COLUMNS:
                continue
            title, columns = COLUMNS[form]
            if title not in self.book.sheets:
                self.problem(None, None, msg("form.sheet_missing", sheet=title))
                continue
            named = self._sheet(form, title, columns)
            if named and form not in judged:  # the plan's rules changed since it was written
                self.problem(title, None, msg("nominations.no_rule", sheet=title))
            nominees += named
        if not nominees and not self.problems:
            self.problem(None, None, msg("nominations.empty", year=year))
        if self.problems:
            return self.refused()
        found = Nominations(year, tuple(nominees))
        return Parsed("nominations", period=str(year), nominations=found,
                      warnings={("", str(year)): self.warnings})  # fmt: skip

    def _sheet(self, form: str, title: str, columns: tuple[Column, ...]) -> list[Nominee]:
        every = (Column("name", NAME_TITLES[form]), *columns)
        # every row typed, however far below the yellow ones (the file's cells are bounded)
        sheet = self.book.sheet(title)
        inputs = range(2, len(every) + 2)
        typed = [r for (r, c), cell in sheet.cells.items()
                 if r >= FIRST_ROW and c in inputs and cell.value not in (None, "")]  # fmt: skip
        last = max(typed, default=FIRST_ROW + ROWS - 1)
        rows: list[tuple[int, dict[str, object]]] = []
        for row in range(FIRST_ROW, last + 1):
            values: dict[str, object] = {}
            for i, column in enumerate(every, start=2):
                ref = f"{col_name(i)}{row}"
                value = self._value(sheet, ref, column)
                if value is not None:
                    values[column.field] = value
            if values:
                if "name" not in values:
                    self.problem(title, f"B{row}", msg("nominations.name_missing"))
                    continue
                rows.append((row, values))
        if form == "enterprise":
            return self._enterprises(title, rows)
        return [self._nominee(form, title, row, values) for row, values in rows]

    def _nominee(self, form: str, title: str, row: int, values: dict[str, object]) -> Nominee:
        ref = f"{col_name(_col(form, 'commune_code'))}{row}" if form == "hamlet" else ""
        if ref and values.get("commune_code") is None and (title, ref) not in self.bad:
            self.problem(title, ref, msg("nominations.commune_missing"))
        known = {k: v for k, v in values.items() if k in _FIELDS}
        return Nominee(form=form, sheet=title, row=row, **known)  # type: ignore[arg-type]

    def _enterprises(self, title: str, rows: list[tuple[int, dict[str, object]]]) -> list[Nominee]:
        """One nominee an enterprise: its rows (one a product) joined by name."""
        found: dict[str, Nominee] = {}
        for row, values in rows:
            product = values.pop("product", None)
            stars = values.pop("stars", None)
            certificate = str(values.pop("certificate", "") or "")
            certified_on = values.pop("certified_on", None)
            stars_ref = f"{col_name(_col('enterprise', 'stars'))}{row}"
            if product is not None and stars is None and (title, stars_ref) not in self.bad:
                self.problem(title, stars_ref, msg("nominations.stars_missing", product=product))
            if stars is not None and product is None:
                self.problem(title, f"{col_name(_col('enterprise', 'product'))}{row}",
                             msg("nominations.product_missing"))  # fmt: skip
            products: tuple[OcopProduct, ...] = ()
            if product is not None and isinstance(stars, int):
                day = certified_on if isinstance(certified_on, dt.date) else None
                products = (OcopProduct(str(product), stars, certificate, day),)
            key = fold(str(values["name"]))
            known = {k: v for k, v in values.items() if k in _FIELDS}
            if key not in found:
                found[key] = Nominee(form="enterprise", sheet=title, row=row, products=products,
                                     **known)  # type: ignore[arg-type]  # fmt: skip
                continue
            first = found[key]
            extra = {k: v for k, v in known.items() if getattr(first, k) in (None, "")}
            found[key] = replace(first, products=first.products + products, **extra)  # type: ignore[arg-type]
        return list(found.values())

    def _value(self, sheet: Sheet, ref: str, column: Column) -> object:
        """The checked value of an input cell (None: blank, or a problem was recorded)."""
        cell = sheet.get(ref)
        if cell is None:
            return None
        if cell.formula and cell.value is None:
            self.problem(sheet.name, ref, msg("cell.no_saved_result"))
            return None
        if cell.value is None or cell.value == "":
            return None
        if merged := sheet.merged_with(ref):
            self.problem(sheet.name, ref, msg("cell.merged", range=merged))
            return None
        if cell.kind == "e":
            self.problem(sheet.name, ref, msg("cell.error_value", value=cell.value))
            return None
        value = cell.value
        if isinstance(value, str):
            found: list[Message] = []
            value = clean_text(
                value, found.append, lambda m: self.warnings.append(Issue(sheet.name, ref, m))
            ).strip()
            for message in found:
                self.problem(sheet.name, ref, message)
            if found:
                return None
            if not value:
                return None
        bad: Callable[[Message], None] = lambda m: self.problem(sheet.name, ref, m)  # noqa: E731
        return _PARSERS[column.kind](self, value, column, bad)

    def code(self, value: object, column: Column, bad: Callable[[Message], None]) -> object:
        text = _text(value)
        unit = self.registry.by_code.get(text)
        area = self.plan.area_code
        if unit is None or unit.kind is not UnitKind.COMMUNE:
            bad(msg("nominations.commune_unknown", value=text))
            return None
        if area and area not in (unit.parent_code, *self._ancestors(unit.code)):
            bad(msg("nominations.commune_outside", value=text, name=unit.name))
            return None
        return text

    def _ancestors(self, code: str) -> list[str]:
        out = []
        unit = self.registry.by_code.get(code)
        while unit is not None and unit.parent_code:
            out.append(unit.parent_code)
            unit = self.registry.by_code.get(unit.parent_code)
        return out


def _plain(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _as_text(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    return _text(value)


def _as_yesno(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    answer = _YES.get(fold(_text(value)))
    if answer is None:
        bad(msg("nominations.yesno", value=_shown(value)))
    return answer


def _as_number(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    number = parse_number(value)  # type: ignore[arg-type]
    if number is None or number != number:
        bad(msg("cell.not_number", value=_shown(value)))
        return None
    if number < 0:
        bad(msg("cell.negative", value=_shown(value)))
        return None
    if column.kind == "whole":
        if not number.is_integer():
            bad(msg("cell.not_whole", value=_shown(value)))
            return None
        return int(number)
    return number


def _as_stars(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    number = parse_number(value) if not isinstance(value, bool) else None  # type: ignore[arg-type]
    if number is None or number != number or number not in (3, 4, 5):
        bad(msg("nominations.stars", value=_shown(value)))
        return None
    return int(number)


def _as_date(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    try:
        return excel_date(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        bad(msg("form.date.invalid", value=_shown(value)))
        return None


def _as_choice(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    text = _text(value)
    for choice in column.choices:
        if fold(choice) == fold(text):
            return choice
    bad(msg("nominations.choice", value=text, choices=list(column.choices)))
    return None


def _as_code(r: _Reader, value: object, column: Column, bad: Callable[[Message], None]) -> object:
    return r.code(value, column, bad)


_PARSERS: dict[str, Callable[[_Reader, object, Column, Callable[[Message], None]], object]] = {
    "text": _as_text,
    "yesno": _as_yesno,
    "money": _as_number,
    "whole": _as_number,
    "stars": _as_stars,
    "date": _as_date,
    "choice": _as_choice,
    "code": _as_code,
}
_FIELDS = frozenset(
    {"name", "category", "commune_code", "tasks_done", "assessment", "decision", "decided_on",
     "difficult", "difficult_decision", "value_chain", "value_chain_note", "jobs", "money",
     "labour_days", "land_m2", "contribution_note", "recognised_by", "initiative", "model"}
)  # fmt: skip


def _col(form: str, field: str) -> int:
    """The column number of `field` on the sheet of `form` (A is the row number, B the name)."""
    for i, column in enumerate(COLUMNS[form][1], start=3):
        if column.field == field:
            return i
    raise KeyError(field)


def sheet_titles(rules: Sequence[AwardRule]) -> list[tuple[str, str]]:
    """(sheet, rule id) of the rules judged on nominations."""
    return [(COLUMNS[r.form][0], r.id) for r in rules if r.form in COLUMNS]
