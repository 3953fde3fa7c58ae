"""The emulation movement: emulation.yaml and its hostile variants, the form's section of items
(written, filled, read, stored), old forms without it, and the report's "Phong trào thi đua"
sheet checked against sums worked out by hand."""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import BOOK, COMMUNES, CRITERIA, CTX, DATA, blank_form, write
from ntm_cli.cli.app import app
from ntm_cli.domain.emulation import Basis, ItemKind
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.returns import Return
from ntm_cli.domain.status import level_of
from ntm_cli.engine.report import build_report
from ntm_cli.render.report import build_report_workbook
from ntm_cli.returnform.reader import ReadContext, read_return
from ntm_cli.returnform.writer import FormContext, build_form
from ntm_cli.sources.datadir import BUNDLED
from ntm_cli.sources.emulation import check_criteria_refs, load_emulation, parse_emulation
from ntm_cli.sources.output import workbook_bytes
from ntm_cli.sources.store import Store

runner = CliRunner()
EMULATION = load_emulation(BUNDLED)
assert EMULATION is not None
ITEMS_CTX = ReadContext(CTX.plan, CTX.registry, CTX.book, EMULATION)
SHEET = "PL V - Phong trào thi đua"  # the report's fifth appendix


# The data file ---------------------------------------------------------------------------------


def test_the_six_contents_load_with_their_evidence() -> None:
    assert [c.ordinal for c in EMULATION.contents] == [
        "Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu"
    ]  # fmt: skip
    first, second, _, _, fifth, sixth = EMULATION.contents
    assert first.text.startswith("thi đua phát triển kinh tế, đổi mới tổ chức sản xuất")
    assert [(r.set, r.number, r.basis) for r in first.criteria][:2] == [
        ("qd318-2022-xa", "13", Basis.PLAN), ("qd318-2022-xa", "10", Basis.OFFICE)
    ]  # fmt: skip
    assert [(f.field, f.kind) for f in second.fields] == [
        ("funds", ItemKind.FLOW), ("debt", ItemKind.STOCK)
    ]  # fmt: skip
    assert "21 phần việc của hộ gia đình" in fifth.text
    assert [i.id for i in EMULATION.items_of(5)] == ["ho-21-phan-viec"]
    assert len(sixth.programmes) == 6
    assert sixth.programmes[0].title.startswith("Chương trình chuyển đổi số")
    assert all(i.illustrative for i in EMULATION.items)  # none comes from a published source
    sets = dict(BOOK.sets)  # every set of the plan: Annex I and Annex II are both named
    assert check_criteria_refs(EMULATION, sets) == []  # type: ignore[arg-type]


def test_a_folder_without_the_file_has_no_movement(tmp_path: Path) -> None:
    assert load_emulation(tmp_path) is None


GOOD = (BUNDLED / "emulation.yaml").read_text(encoding="utf-8")


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "emulation.yaml"
    path.write_text(text, encoding="utf-8")
    found, problems = parse_emulation(path.read_bytes(), path)
    assert found is None
    return [p.text(Lang.EN) for p in problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    kind: flow\n    content: 1\n", "    kind: flows\n    content: 1\n", "items[1].kind"),
        ("  - id: ap-kieu-mau\n", "  - id: lien-ket-san-xuat\n", "is also items[0]"),
        ("    content: 4\n", "    content: 9\n", "there is no content 9"),
        ("    programme: moi-truong\n", "    programme: moi-truongg\n",
         "has no programme 'moi-truongg'"),
        ("    kind: stock\n    content: 4\n",
         "    kind: stock\n    content: 4\n    colour: red\n", "items[2].colour"),
        ("  - number: 2\n", "  - number: 1\n", "content 1 is also contents[0]"),
    ],
)  # fmt: skip
def test_hostile_variants_name_the_file_and_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    (problem,) = problems_of(text, tmp_path)
    same = 0  # the lines `new` keeps of `old`: the problem is on the first line it changes
    for kept, changed in zip(old.splitlines(), new.splitlines(), strict=False):
        if kept != changed:
            break
        same += 1
    line = line_of(GOOD, old) + same
    assert problem.startswith(f"{tmp_path / 'emulation.yaml'}:{line}:")
    assert expected in problem


def test_aliases_depth_and_size_are_refused(tmp_path: Path) -> None:
    (alias,) = problems_of(GOOD + "extra: &a [*a]\n", tmp_path)
    assert "anchors and aliases" in alias
    deep = "title: x\ncontents: " + "[" * 60 + "]" * 60 + "\n"
    (too_deep,) = problems_of(deep, tmp_path)
    assert f"{tmp_path / 'emulation.yaml'}:2" in too_deep
    (tmp_path / "emulation.yaml").write_text("# x\n" * 600_000, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_emulation(tmp_path)
    assert "emulation.yaml" in caught.value.message.text(Lang.EN)


def test_plan_check_lists_an_unknown_criterion_and_commands_refuse_it(data_copy: Path) -> None:
    path = data_copy / "emulation.yaml"
    text = GOOD.replace("{set: qd318-2022-xa, number: 18,", "{set: qd318-2022-xa, number: 28,")
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "number: 28,")
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{path}:{line}: criteria: criteria set 'qd318-2022-xa' has no criterion 28" in (
        result.output
    )
    result = runner.invoke(app, ["template", "-p", "2024-06", "--data", str(data_copy),
                                 "--out", str(data_copy / "f"), "--lang", "en"])  # fmt: skip
    assert result.exit_code == 1
    assert "the emulation file is not valid" in result.output


# The form's section ----------------------------------------------------------------------------


def form(code: str = "29272", period: str = "2024-06", previous: Return | None = None) -> bytes:
    """An An Trường A form (towards advanced: the 19 criteria of Annex II) with the section."""
    unit = DATA.registry.by_code[code]
    level = level_of(unit)
    towards, criteria = BOOK.towards(unit, level)
    assert criteria is not None
    ctx = FormContext(unit, DATA.registry.district_of(unit), period, criteria, level,
                      towards, DATA.plan.ladder, previous, EMULATION)  # fmt: skip
    return workbook_bytes(build_form(ctx))


def fill(raw: bytes, values: dict[str, object]) -> bytes:
    """Fill the items by id, as a commune would in a spreadsheet program."""
    book = load_workbook(io.BytesIO(raw))
    ids = book["_ntm"]["B6"].value.split(",")
    other = book["Kết quả khác"]
    for item_id, value in values.items():
        other[f"B{25 + ids.index(item_id)}"] = value
    for i in range(19):
        book["Tiêu chí"][f"C{13 + i}"] = "Đạt"
    return workbook_bytes(book)


def test_the_section_is_written_with_inputs_validation_and_ids() -> None:
    book = load_workbook(io.BytesIO(form()))
    other = book["Kết quả khác"]
    assert other["A23"].value == "Kết quả thực hiện phong trào thi đua xây dựng nông thôn mới"
    assert [other.cell(24, c).value for c in range(1, 6)] == [
        "Chỉ số", "Số liệu", "Đơn vị tính", "Cách ghi", "Nội dung"
    ]  # fmt: skip
    ids = book["_ntm"]["B6"].value.split(",")
    assert ids == [i.id for i in EMULATION.items]
    row = 25 + ids.index("ho-21-phan-viec")
    assert [other.cell(row, c).value for c in (1, 3, 4, 5)] == [
        "Hộ đăng ký thực hiện 21 phần việc của hộ gia đình", "hộ", "hiện có cuối kỳ", "Thứ năm"
    ]  # fmt: skip
    cell = other[f"B{row}"]
    assert cell.protection.locked is False and cell.fill.fgColor.rgb.endswith("FFF9E5")
    rules = {
        str(r.sqref): (r.type, r.operator, r.formula1)
        for r in other.data_validations.dataValidation
    }  # noqa: E501
    whole = next(v for k, v in rules.items() if f"B{row}" in k.split())
    assert whole == ("whole", "greaterThanOrEqual", "0")
    decimal_row = 25 + ids.index("dien-tich-cong-nghe-cao")
    assert next(v for k, v in rules.items() if f"B{decimal_row}" in k.split())[0] == "decimal"


def test_a_filled_section_is_read_and_stored(tmp_path: Path) -> None:
    raw = fill(form(), {"ho-21-phan-viec": 140, "dien-tich-cong-nghe-cao": "12,5",
                        "mo-hinh-chuyen-doi-so": 2})  # fmt: skip
    parsed = read_return(raw, ITEMS_CTX)
    assert not parsed.problems
    (ret,) = parsed.returns
    assert ret.values == {"dien-tich-cong-nghe-cao": 12.5, "ho-21-phan-viec": 140,
                          "mo-hinh-chuyen-doi-so": 2}  # fmt: skip
    with Store(tmp_path / "s.sqlite") as db:
        assert db.save(parsed.returns, {}, "f.xlsx", "x" * 64, len(raw), False) == "imported"
        (stored,) = db.returns(period="2024-06")
    assert stored.ret.values == ret.values
    rows = sqlite3.connect(tmp_path / "s.sqlite").execute(
        "SELECT item, value FROM return_values ORDER BY item"
    )
    assert rows.fetchall() == [("dien-tich-cong-nghe-cao", 12.5), ("ho-21-phan-viec", 140.0),
                               ("mo-hinh-chuyen-doi-so", 2.0)]  # fmt: skip


def test_a_store_of_the_schema_before_gains_the_table_and_keeps_its_returns(
    tmp_path: Path,
) -> None:
    from ntm_cli.sources.store import APPLICATION_ID, MIGRATIONS

    path = tmp_path / "s.sqlite"
    old = sqlite3.connect(path, isolation_level=None)  # schema 2, as stores were made before
    for migration in MIGRATIONS[:2]:
        old.executescript(migration)
    old.executescript(
        f"PRAGMA user_version = 2; PRAGMA application_id = {APPLICATION_ID};"
        "INSERT INTO files VALUES (1, 'aa', 'old.xlsx', 10, '2024-06-01T08:00:00');"
        "INSERT INTO returns (id, file_id, unit_code, period, criteria_set, source_kind, "
        "imported_at) VALUES (1, 1, '29263', '2024-05', 'qd318-2022-xa', 'form', "
        "'2024-06-01T08:00:00');"
    )
    old.close()
    new = Return("29263", "2024-06", CRITERIA.id, {}, values={"ho-21-phan-viec": 90.0})
    with Store(path) as db:
        assert db.version == len(MIGRATIONS)
        db.save([new], {}, "new.xlsx", "bb", 10, False)
        assert [s.ret.values for s in db.returns()] == [{}, {"ho-21-phan-viec": 90.0}]


def test_the_year_to_date_reads_current_returns_of_the_year_only(tmp_path: Path) -> None:
    def one(period: str, amount: float) -> Return:
        return Return("29263", period, CRITERIA.id, {"1": True}, funds={"local": amount},
                      values={"ho-nuoc-sach-moi": amount})  # fmt: skip

    with Store(tmp_path / "s.sqlite") as db:
        for n, (period, amount) in enumerate([("2023-12", 1.0), ("2024-02", 2.0),
                                              ("2024-02", 3.0), ("2024-07", 4.0)]):  # fmt: skip
            db.save([one(period, amount)], {}, f"{n}.xlsx", str(n) * 64, 1, replace=True)
        flows = db.flows("2024-01", "2024-06")
    # the correction of February replaced the first; December and July are outside
    assert [(r.period, r.funds, r.values, r.statuses) for r in flows] == [
        ("2024-02", {"local": 3.0}, {"ho-nuoc-sach-moi": 3.0}, {})
    ]


def test_bad_item_cells_name_sheet_cell_value_and_fix() -> None:
    ids = [i.id for i in EMULATION.items]
    raw = fill(form(), {"ho-21-phan-viec": -3, "mo-hinh-khcn": 1.5, "du-lich-nong-thon": "nhiều"})
    parsed = read_return(raw, ITEMS_CTX)
    found = {(p.sheet, p.cell): p.msg.text(Lang.VI) for p in parsed.problems}
    assert found == {
        ("Kết quả khác", f"B{25 + ids.index('ho-21-phan-viec')}"):
            "-3 là số âm; số liệu phải từ 0 trở lên",
        ("Kết quả khác", f"B{25 + ids.index('mo-hinh-khcn')}"): found[
            ("Kết quả khác", f"B{25 + ids.index('mo-hinh-khcn')}")],
        ("Kết quả khác", f"B{25 + ids.index('du-lich-nong-thon')}"):
            "'nhiều' không phải là số",
    }  # fmt: skip
    assert "1.5" in found[("Kết quả khác", f"B{25 + ids.index('mo-hinh-khcn')}")]
    assert parsed.returns == []


def test_the_item_list_is_part_of_the_identity() -> None:
    book = load_workbook(io.BytesIO(form()))
    book["_ntm"]["B6"] = "ho-21-phan-viec"
    parsed = read_return(workbook_bytes(book), ITEMS_CTX)
    assert [p.msg.code for p in parsed.problems] == ["form.identity_edited"]


def test_an_old_form_without_the_section_still_imports() -> None:
    raw = blank_form()  # as forms were made before the section (no items listed)
    book = load_workbook(io.BytesIO(raw))
    assert book["_ntm"]["B6"].value is None and book["Kết quả khác"]["A23"].value is None
    parsed = read_return(raw, ITEMS_CTX)
    assert not parsed.problems
    assert parsed.returns[0].values == {}


def test_an_item_no_longer_in_the_data_is_a_warning() -> None:
    raw = fill(form(), {"ho-21-phan-viec": 10})
    fewer = ReadContext(CTX.plan, CTX.registry, CTX.book, None)
    parsed = read_return(raw, fewer)
    assert not parsed.problems and parsed.returns[0].values == {}
    (warning,) = [
        w for ws in parsed.warnings.values() for w in ws if w.msg.code == "form.item.unknown"
    ]  # noqa: E501
    assert warning.sheet == "Kết quả khác"


def test_stocks_carry_over_and_flows_do_not() -> None:
    before = Return("29263", "2024-05", CRITERIA.id, {},
                    values={"ho-21-phan-viec": 120.0, "ho-nuoc-sach-moi": 9.0})  # fmt: skip
    book = load_workbook(io.BytesIO(form(previous=before)))
    ids = book["_ntm"]["B6"].value.split(",")
    other = book["Kết quả khác"]
    assert other[f"B{25 + ids.index('ho-21-phan-viec')}"].value == 120
    assert other[f"B{25 + ids.index('ho-nuoc-sach-moi')}"].value is None


# The report sheet, by hand ---------------------------------------------------------------------


def ret(
    code: str, period: str, statuses: dict[str, bool | None] | None = None, **kw: object
) -> Return:  # noqa: E501
    return Return(code, period, CRITERIA.id, statuses or {}, **kw)  # type: ignore[arg-type]


def test_the_sheet_adds_up_as_worked_by_hand() -> None:
    a, b, c = (u.code for u in COMMUNES[:3])
    returns = [
        ret(a, "2023-12", funds={"central": 1000.0}, values={"ho-nuoc-sach-moi": 500.0}),
        ret(a, "2024-05", funds={"central": 100.0},
            values={"ho-nuoc-sach-moi": 5.0, "ho-21-phan-viec": 100.0}),
        ret(a, "2024-06", {"13": True, "19": True}, funds={"central": 50.0}, debt=10.0,
            ocop={3: 2, 4: 1}, values={"ho-nuoc-sach-moi": 7.0, "ho-21-phan-viec": 120.0,
                                       "dien-tich-cong-nghe-cao": 1.1}),
        ret(b, "2024-06", {"13": False, "19": True}, funds={"central": 30.0, "residents": 20.0},
            ocop={3: 1}, values={"ho-nuoc-sach-moi": 3.0, "ho-21-phan-viec": 80.0,
                                 "dien-tich-cong-nghe-cao": 2.2}),
        ret(c, "2024-05", {"13": None, "19": True}, funds={"central": 10.0}, debt=5.0,
            ocop={3: 1}, values={"ho-nuoc-sach-moi": 4.0, "ho-21-phan-viec": 60.0}),
    ]  # fmt: skip
    latest = {r.unit_code: (r, [], "f.xlsx") for r in returns if r.period <= "2024-06"}
    report = build_report(
        DATA.plan, DATA.registry, BOOK, "2024-06", latest, {}, {}, dt.date(2024, 7, 10),
        None, EMULATION, {CRITERIA.id: CRITERIA}, returns,
    )  # fmt: skip
    sheet = build_report_workbook(report, Lang.VI)[SHEET]
    rows = {r[1]: r[2:8] for r in sheet.iter_rows(min_row=9, max_col=9, values_only=True) if r[1]}
    # unit, this month, year to date, existing / meeting, communes reporting, share
    assert rows["Vốn huy động: Ngân sách trung ương"] == ("triệu đồng", 80, 190, None, 2, None)
    assert rows["Vốn huy động: Người dân đóng góp"] == ("triệu đồng", 20, 20, None, 1, None)
    assert rows["Tổng vốn huy động"] == ("triệu đồng", 100, 210, None, 2, None)
    assert rows["Nợ đọng xây dựng cơ bản"] == ("triệu đồng", None, None, 15, 2, None)
    assert rows["Hộ được cấp nước sạch mới trong kỳ"] == ("hộ", 10, 19, None, 2, None)
    assert rows["Diện tích sản xuất ứng dụng công nghệ cao tăng thêm trong kỳ"][1:3] == (3.3, 3.3)
    assert rows["Hộ đăng ký thực hiện 21 phần việc của hộ gia đình"] == (
        "hộ",
        None,
        None,
        260,
        3,
        None,
    )
    assert rows["Sản phẩm OCOP 3 sao"][3:5] == (4, 3)
    assert rows["Sản phẩm OCOP 4 sao"][3:5] == (1, 1)
    assert rows["Sản phẩm OCOP 5 sao"][3:5] == (0, 0)
    assert rows[
        "Xã đạt tiêu chí 13. Tổ chức sản xuất và phát triển kinh tế nông thôn (bộ tiêu chí xã NTM)"
    ] == (
        "xã",
        None,
        None,
        1,
        2,
        0.5,
    )
    assert rows["Xã đạt tiêu chí 19. Quốc phòng và An ninh (bộ tiêu chí xã NTM)"][3:6] == (3, 3, 1)
    column_a = [r[0] for r in sheet.iter_rows(min_row=9, max_col=1, values_only=True)]
    assert [v for v in column_a if v in ("I", "II", "III", "IV", "V", "VI")][:6] == [
        "I", "II", "III", "IV", "V", "VI"
    ]  # fmt: skip
    assert sheet["A1"].value == "Phụ lục V" and sheet["A5"].value.endswith("THÁNG 06/2024")
    assert "Kế hoạch số 69/KH-UBND" in sheet["A6"].value
    notes = " ".join(str(r[1]) for r in sheet.iter_rows(values_only=True) if r[1])
    assert "Dòng ghi “minh họa” (9 dòng)" in notes
    assert all(r.max_row <= 6 for r in sheet.merged_cells.ranges)  # the headings' lines only


def test_the_sheet_in_english_and_without_the_movement() -> None:
    report = build_report(
        DATA.plan, DATA.registry, BOOK, "2024-06", {}, {}, {}, dt.date(2024, 7, 10), None,
        EMULATION, {CRITERIA.id: CRITERIA}, [],
    )  # fmt: skip
    book = build_report_workbook(report, Lang.EN)
    assert book.sheetnames[5] == "App V - Emulation movement"
    assert book["App V - Emulation movement"]["B9"].value.startswith("Thứ nhất: Economic")
    plain = build_report(DATA.plan, DATA.registry, BOOK, "2024-06", {}, {}, {},
                         dt.date(2024, 7, 10))  # fmt: skip
    assert SHEET not in build_report_workbook(plain, Lang.VI).sheetnames


# The real process, end to end ------------------------------------------------------------------


@pytest.mark.slow
def test_the_cycle_end_to_end_in_the_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "NTM_STORE": str(tmp_path / "returns.sqlite"), "NO_COLOR": "1",
           "NTM_TODAY": "2024-07-04", "NTM_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip

    def ntm(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "ntm_cli", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=False)  # fmt: skip
        assert "Traceback" not in done.stdout + done.stderr
        return done

    made = ntm("template", "-p", "2024-06", "-d", "Cầu Kè", "--out", "forms")
    assert made.returncode == 0, made.stderr
    forms = sorted((tmp_path / "forms").iterdir())
    for n, path in enumerate(forms[:2]):
        values = {"ho-21-phan-viec": 100 + n, "ho-nuoc-sach-moi": 5}
        write(tmp_path / "returns", path.name, fill(path.read_bytes(), values))
    old = blank_form(forms[2].name.split("_")[1])  # a form from before the section
    book = load_workbook(io.BytesIO(old))
    for i in range(19):
        book["Tiêu chí"][f"C{13 + i}"] = "Đạt"
    write(tmp_path / "returns", "old.xlsx", workbook_bytes(book))
    imported = ntm("import", "returns")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "đã nhập 3" in imported.stderr + imported.stdout
    reported = ntm("report", "--period", "2024-06", "--out", "reports")
    assert reported.returncode == 0, reported.stderr
    sheet = load_workbook(tmp_path / "reports" / "2024-06_bao-cao-ntm.xlsx")[SHEET]
    rows = {r[1]: r[2:7] for r in sheet.iter_rows(min_row=9, max_col=7, values_only=True)}
    # the plan's words of each content wrap in a row tall enough to print without overlapping
    (fifth,) = [c.row for c in sheet["B"] if str(c.value or "").startswith("Thứ năm, thi đua")]
    assert sheet.row_dimensions[fifth].height >= 15 * len(str(sheet[f"B{fifth}"].value)) // 77
    assert rows["Hộ đăng ký thực hiện 21 phần việc của hộ gia đình"] == ("hộ", None, None, 201, 2)
    assert rows["Hộ được cấp nước sạch mới trong kỳ"] == ("hộ", 10, 10, None, 2)
    # the forms of 2024 are on Annex II (towards advanced) and the model set, which includes it
    assert rows["Xã đạt tiêu chí 19. Quốc phòng và an ninh (bộ tiêu chí xã NTM nâng cao)"][3:5] == (
        3, 3,
    )  # fmt: skip
    # no commune of 2024 reports on Annex I: its lines are left out rather than shown as 0/0
    assert "Xã đạt tiêu chí 19. Quốc phòng và An ninh (bộ tiêu chí xã NTM)" not in rows
