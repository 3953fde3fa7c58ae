"""What a leader reads in the report: the province's and each district's own result, funds by
source, province totals, milestones by name, Vietnamese only. Each figure is checked in the
written workbook against numbers worked out by hand from a few returns."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from forms import BOOK, COMMUNES, CRITERIA, DATA, under
from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.models import Registry
from ntm_cli.domain.returns import Return
from ntm_cli.engine.report import APPENDICES, Report, appendices, build_report, roman
from ntm_cli.render.report import build_report_workbook
from ntm_cli.sources.datadir import BUNDLED
from ntm_cli.sources.output import workbook_bytes

TODAY = dt.date(2024, 7, 10)
BODY = "Báo cáo"
TOP = 5  # an appendix's table starts under "Phụ lục …", its title and "(Kèm theo …)"


def ret(code: str, period: str, **kw: object) -> Return:
    return Return(code, period, CRITERIA.id, {"1": True}, **kw)  # type: ignore[arg-type]


# a and b report for June; c's latest return is May's
A, B, C = (u.code for u in COMMUNES[:3])
RETURNS = [
    ret(A, "2024-06", funds={"central": 50.0, "local": 12.5}, debt=10.0, ocop={3: 2, 4: 1}),
    ret(B, "2024-06", funds={"central": 30.0, "residents": 20.0}, ocop={3: 1}),
    ret(C, "2024-05", funds={"central": 10.0}, debt=5.0, ocop={3: 1, 5: 1}),
]


def written(report: Report, tmp_path: Path, lang: Lang = Lang.VI):  # type: ignore[no-untyped-def]
    path = tmp_path / f"report-{lang}.xlsx"
    path.write_bytes(workbook_bytes(build_report_workbook(report, lang)))
    return load_workbook(path)


def report_of(as_of: dt.date | None = None, registry: Registry | None = None) -> Report:
    latest = {r.unit_code: (r, [], "f.xlsx") for r in RETURNS}
    return build_report(DATA.plan, registry or DATA.registry, BOOK, "2024-06", latest, {}, {},
                        TODAY, as_of)  # fmt: skip


def test_the_province_totals_are_the_months_funds_and_the_latest_debt_and_ocop(
    tmp_path: Path,
) -> None:
    summary = written(report_of(), tmp_path)[BODY]
    rows = under(summary, "III. VỐN HUY ĐỘNG, NỢ ĐỌNG XÂY DỰNG CƠ BẢN VÀ SẢN PHẨM OCOP")
    figures = {r[1]: (r[0], r[2], r[3], r[4]) for r in rows[1:]}
    # funds of June's returns only (c's May funds are another month's): a 50 + b 30 central
    assert figures["Ngân sách trung ương"] == ("1", "triệu đồng", 80, 2)
    assert figures["Ngân sách địa phương"] == ("2", "triệu đồng", 12.5, 2)
    assert figures["Vốn tín dụng"][2] == 0 and figures["Doanh nghiệp"][2] == 0
    assert figures["Người dân đóng góp"] == ("5", "triệu đồng", 20, 2)
    assert figures["Tổng cộng"] == (None, "triệu đồng", 112.5, 2)
    # debt and OCOP as they stand: each commune's latest return (c's of May counts)
    debt = figures["Nợ đọng xây dựng cơ bản (phiếu gần nhất của mỗi xã)"]
    assert debt == ("II", "triệu đồng", 15, 2)
    assert figures["Sản phẩm OCOP 3 sao"] == ("1", "sản phẩm", 4, 3)
    assert figures["Sản phẩm OCOP 4 sao"][2] == 1
    assert figures["Sản phẩm OCOP 5 sao"][2] == 1
    assert figures["Tổng số sản phẩm OCOP"][2] == 6
    assert [r[0] for r in rows[1:] if r[0] in ("I", "II", "III")] == [roman(i) for i in (1, 2, 3)]


def test_the_commune_sheet_gives_funds_by_source_for_the_months_returns(tmp_path: Path) -> None:
    sheet = written(report_of(), tmp_path)["PL II - Theo xã"]
    header = [c.value for c in sheet[TOP]]
    first = header.index("Ngân sách trung ương (triệu đồng)")
    names = header[first : first + 6]
    assert names[-1] == "Tổng vốn huy động trong tháng (triệu đồng)"
    rows = {r[0]: r[first : first + 6] for r in sheet.iter_rows(min_row=TOP + 1, values_only=True)}
    assert rows[A] == (50, 12.5, None, None, None, 62.5)
    assert rows[B] == (30, None, None, None, 20, 50)
    assert rows[C] == (None,) * 6  # May's funds are not June's


def test_the_province_result_before_and_after_its_decision(tmp_path: Path) -> None:
    # units.csv: Trà Vinh completed the NTM task for 2024, QĐ 567/QĐ-TTg of 11/3/2025
    before = under(written(report_of(), tmp_path)[BODY], "2. Kết quả của tỉnh")
    assert before[0][0] == "Tỉnh Trà Vinh: chưa hoàn thành nhiệm vụ xây dựng NTM."
    assert before[1][0] == "TT"
    assert tuple(before[2][:3]) == (
        "1",
        "Tỉnh Trà Vinh hoàn thành nhiệm vụ xây dựng nông thôn mới trước năm 2025",
        1,
    )
    assert before[2][3] == 0
    after = under(written(report_of(dt.date(2025, 3, 31)), tmp_path)[BODY], "2. Kết quả của tỉnh")
    assert after[0][0] == (
        "Tỉnh Trà Vinh: hoàn thành nhiệm vụ xây dựng NTM năm 2024 "
        "(Quyết định 567/QĐ-TTg, 11/03/2025)."
    )
    assert after[2][3] == 1


def test_each_district_gives_its_own_result_and_its_communes_not_yet_at_ntm(
    tmp_path: Path,
) -> None:
    as_of = dt.date(2019, 12, 31)
    sheet = written(report_of(as_of), tmp_path)["PL I - Theo huyện"]
    header = [c.value for c in sheet[TOP]]
    assert header[11:14] == ["Số xã chưa đạt chuẩn", "Kết quả của đơn vị", "Quyết định công nhận"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=TOP + 1, values_only=True) if r[0]}
    # worked from units.csv itself: communes whose NTM year is after 2019 (no decision dates
    # before 2020 in the file for them), by district
    with (BUNDLED / "units.csv").open(encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    expected: dict[str, int] = {}
    for u in units:
        if u["kind"] == "Xã":
            late = not u["ntm_year"] or int(u["ntm_year"]) > 2019
            expected[u["parent_code"]] = expected.get(u["parent_code"], 0) + late
    assert {code: rows[code][11] for code in expected} == expected
    assert rows["851"][12:14] == ("Hoàn thành nhiệm vụ xây dựng NTM năm 2018", None)
    at_june = written(report_of(), tmp_path)["PL I - Theo huyện"]
    rows = {r[0]: r for r in at_june.iter_rows(min_row=TOP + 1, values_only=True) if r[0]}
    assert rows["845"][12:14] == ("Đạt chuẩn NTM nâng cao năm 2023", "547/QĐ-TTg, 20/06/2024")
    assert rows["842"][12:14] == ("Hoàn thành nhiệm vụ xây dựng NTM năm 2020",
                                  "454/QĐ-TTg, 26/03/2021")  # fmt: skip


def test_a_note_written_only_in_english_is_not_shown_in_the_vietnamese_report(
    tmp_path: Path,
) -> None:
    unit = DATA.registry.by_code[A]
    english_only = dataclasses.replace(unit, source="", source_en="illustrative")
    registry = Registry(tuple(english_only if u.code == A else u for u in DATA.registry.units))
    report = report_of(registry=registry)
    vi = {r[0]: r[2] for r in written(report, tmp_path)["PL VII - Ghi chú dữ liệu"].iter_rows(
        values_only=True) if r[0]}  # fmt: skip
    assert "illustrative" not in vi[A]
    assert vi[A].endswith("số liệu minh họa") and vi[A].startswith("Đạt chuẩn NTM")
    en = {r[0]: r[2] for r in written(report, tmp_path, Lang.EN)["App VII - Data notes"].iter_rows(
        values_only=True) if r[0]}  # fmt: skip
    assert en[A] == "illustrative"


def test_no_cell_shows_a_milestone_id(tmp_path: Path) -> None:
    book = written(report_of(), tmp_path)
    ids = {m.id for m in DATA.plan.milestones}
    shown = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert not ids & shown
    advice = list(
        book["PL IV - Khuyến nghị"].iter_rows(min_row=TOP + 2, max_col=2, values_only=True)
    )
    assert advice[0][0] == "1" and advice[0][1]


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40, 90, 1999)] == [
        "I", "II", "III", "IV", "IX", "XIV", "XL", "XC", "MCMXCIX"
    ]  # fmt: skip


def test_appendices_are_numbered_as_the_outline_says_without_the_movement(tmp_path: Path) -> None:
    report = report_of()
    assert report.emulation is None
    book = written(report, tmp_path)
    numbered = appendices(report)
    assert [key for _, key in numbered] == [k for k in APPENDICES if k != "emulation"]
    assert book.sheetnames[1:] == [
        f"PL {n} - {t(f'report.sheet.{key}', Lang.VI)}" for n, key in numbered
    ]
    assert [ws["A1"].value for ws in book.worksheets[1:]] == [f"Phụ lục {n}" for n, _ in numbered]
    assert book.sheetnames[-1] == "PL VII - Ghi chú dữ liệu"  # the eighth moved up
