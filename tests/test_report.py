"""The monthly report workbook, read back and compared with `ntm progress` and completeness."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from forms import COMMUNES, filled_form, write
from ntm_cli.cli.app import app
from ntm_cli.domain.text import set_text

runner = CliRunner()
SHEETS = [
    "Tổng hợp",
    "Khuyến nghị",
    "Phong trào thi đua",
    "Theo huyện",
    "Theo xã",
    "Tiêu chí",
    "Nộp báo cáo",
    "Biến động",
    "Ghi chú dữ liệu",
]
NOTE = '=HYPERLINK("http://x","click")'


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store after a month's cycle: 80 communes reported, one with a formula in a note."""
    import os

    root = tmp_path_factory.mktemp("cycle")
    store = root / "returns.sqlite"
    old = os.environ.get("NTM_STORE")
    os.environ["NTM_STORE"] = str(store)
    try:
        for unit in COMMUNES[:80]:

            def edit(book, code=unit.code):  # type: ignore[no-untyped-def]
                if code == COMMUNES[0].code:
                    book["Tiêu chí"]["D13"] = "ghi chú"

            may = filled_form(unit.code, "2024-05", statuses=["Chưa đạt"] * 3 + ["Đạt"] * 16)
            write(root / "05", f"{unit.code}.xlsx", may)
            write(root / "06", f"{unit.code}.xlsx", filled_form(unit.code, "2024-06", edit=edit))
        result = runner.invoke(app, ["import", str(root / "05"), str(root / "06")])
        assert result.exit_code == 0, result.output
        rows = ["unit_code,period,criterion,status,note"]
        rows += [f'{COMMUNES[1].code},2024-06,{n},1,"{NOTE.replace(chr(34), chr(34) * 2)}"'
                 for n in range(1, 20)]  # fmt: skip
        path = write(root, "fix.csv", ("\n".join(rows) + "\n").encode())
        result = runner.invoke(app, ["import", str(path), "--replace"])
        assert result.exit_code == 0, result.output
    finally:
        if old is None:
            os.environ.pop("NTM_STORE")
        else:
            os.environ["NTM_STORE"] = old
    return store


@pytest.fixture
def report(cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    run("report", "--period", "2024-06", "--out", str(tmp_path / "reports"))
    return tmp_path / "reports" / "2024-06_bao-cao-ntm.xlsx"


def load_plan_milestones() -> list:  # type: ignore[type-arg]
    from ntm_cli.sources.datadir import BUNDLED, load

    return list(load(BUNDLED).plan.milestones)


def table(sheet, first_row: int, last_col: int) -> list[list]:  # type: ignore[no-untyped-def,type-arg]
    rows = []
    for row in sheet.iter_rows(min_row=first_row, max_col=last_col, values_only=True):
        if row[0] is None and row[1] is None:
            break
        rows.append(list(row))
    return rows


def test_every_figure_matches_progress_and_completeness(
    report: Path, cycle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    book = load_workbook(report)
    assert book.sheetnames == SHEETS
    summary = book["Tổng hợp"]
    assert summary["E1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert summary["E2"].value == "Độc lập - Tự do - Hạnh phúc"
    progress = json.loads(run("progress", "--year", "2024", "--as-of", "2024-06-30", "-f", "json"))
    rows = table(summary, 10, 8)
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in rows] == [
        (str(i), m["required"], m["actual"], m["denominator"], m["shortfall"])
        for i, m in enumerate(progress["milestones"], start=1)
    ]
    assert all(
        r[1].startswith(m["wording"]) for r, m in zip(rows, progress["milestones"], strict=True)
    )
    ids = {m.id for m in load_plan_milestones()}
    shown = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert not ids & shown, "no cell shows a milestone id"
    completeness = json.loads(run("completeness", "--period", "2024-06", "-f", "json"))
    returns = book["Nộp báo cáo"]
    body = table(returns, 2, 7)
    total = body[-1]
    assert total[2:6] == [completeness["expected"], completeness["submitted"],
                          completeness["missing"], completeness["late"]]  # fmt: skip
    by_district = {r[0]: r for r in body[:-1]}
    for d in completeness["districts"]:
        assert by_district[d["code"]][2:5] == [d["expected"], d["submitted"], len(d["missing"])]
    listed = {
        r[0] for r in returns.iter_rows(min_row=len(body) + 4, max_col=1, values_only=True) if r[0]
    }
    assert listed == {
        u["code"] for d in completeness["districts"] for u in d["missing"] + d["late"]
    }


def test_districts_communes_criteria_and_changes(report: Path) -> None:
    book = load_workbook(report)
    districts = table(book["Theo huyện"], 2, 11)
    assert sum(r[2] for r in districts) == 85
    assert sum(r[5] for r in districts) == 44  # advanced communes decided by 30/06/2024
    assert sum(r[7] for r in districts) == 7  # model
    communes = table(book["Theo xã"], 2, 17)
    assert len(communes) == 85
    matrix = book["Tiêu chí"]
    first = COMMUNES[0].code  # its June form: the first 17 criteria met, the last two not
    row = next(r for r in range(2, 88) if matrix.cell(r, 1).value == first)
    assert [matrix.cell(row, c).value for c in range(3, 22)] == ["Đạt"] * 17 + ["Chưa đạt"] * 2
    shares = [matrix.cell(87, c).value for c in range(3, 22)]
    assert all(0 <= s <= 1 for s in shares)
    changes = table(book["Biến động"], 2, 5)
    gained = {r[0] for r in changes if r[2]}
    assert len(gained) == 80  # May's three unmet criteria are met in every June return


def test_the_notes_sheet_gives_each_registry_note_in_the_reports_language(
    report: Path, cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def notes(book_path: Path) -> dict[str, str]:
        sheet = load_workbook(book_path)["Ghi chú dữ liệu" if "bao-cao" in book_path.name
                                          else "Data notes"]  # fmt: skip
        return {str(r[0]): r[2] for r in sheet.iter_rows(values_only=True) if r[0] and r[2]}

    vi = notes(report)
    assert vi["29284"] == (  # Tân Bình
        "đạt NTM nâng cao năm 2021, quyết định ngày 07/4/2022 (đã công bố); năm đạt chuẩn NTM "
        "là minh họa"
    )
    assert vi["29263"] == "minh họa"
    monkeypatch.setenv("NTM_STORE", str(cycle))
    run("report", "--period", "2024-06", "--lang", "en", "--out", str(tmp_path / "en"))
    (english,) = (tmp_path / "en").glob("*.xlsx")
    en = notes(english)
    assert en["29284"] == (
        "advanced result 2021, decision of 07/4/2022 (published); NTM year illustrative"
    )
    assert en["29263"] == "illustrative"


def test_a_submitted_formula_is_text_in_the_report(report: Path) -> None:
    book = load_workbook(report)
    notes = {row[0].value: row[21] for row in book["Theo xã"].iter_rows(min_row=2) if row[0].value}
    cell = notes[COMMUNES[1].code]
    assert cell.data_type == "s" and cell.value.startswith("1: " + NOTE)
    assert notes[COMMUNES[0].code].value == "1: ghi chú"


def test_charts_reference_the_right_ranges(report: Path) -> None:
    with zipfile.ZipFile(report) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n))
        refs = [re.findall(r"<(?:c:)?f>([^<]+)</(?:c:)?f>", z.read(n).decode()) for n in charts]
    assert len(charts) == 2
    flat = [r for chart in refs for r in chart]
    assert "'Theo huyện'!G1" in flat and "'Theo huyện'!$G$2:$G$10" in flat  # share advanced
    assert "'Theo huyện'!$K$2:$K$10" in flat  # the plan's share
    assert "'Theo huyện'!$B$2:$B$10" in flat  # district names
    assert "'Tổng hợp'!$D$10:$D$11" in flat and "'Tổng hợp'!$E$10:$E$11" in flat
    assert "'Tổng hợp'!$B$10:$B$11" in flat  # milestones by name, never by id


def test_form_of_the_workbook(report: Path) -> None:
    book = load_workbook(report)
    assert book.properties.title and "2024" in book.properties.title
    for name in SHEETS:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert book["Theo xã"].freeze_panes == "A2" and book["Theo xã"].auto_filter.ref
    assert book["Theo huyện"]["E2"].number_format == "0.0%"


def test_an_existing_report_needs_force_and_ranges(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    out = tmp_path / "r"
    run("report", "--from", "2024-05", "--to", "2024-06", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == [
        "2024-05_bao-cao-ntm.xlsx",
        "2024-06_bao-cao-ntm.xlsx",
    ]
    before = (out / "2024-06_bao-cao-ntm.xlsx").read_bytes()
    result = runner.invoke(app, ["report", "-p", "2024-06", "--out", str(out)])
    assert result.exit_code == 1 and "đã có; thêm --force" in result.output
    assert (out / "2024-06_bao-cao-ntm.xlsx").read_bytes() == before
    run("report", "-p", "2024-06", "--out", str(out), "--force", "--lang", "en")
    assert load_workbook(out / "2024-06_ntm-report.xlsx").sheetnames[0] == "Summary"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    result = runner.invoke(app, ["report", "-p", "2026-01", "--out", str(out)])
    assert "nằm ngoài kế hoạch" in result.output


def test_one_sheet_exports(cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    run("progress", "-y", "2023", "--format", "xlsx", "--out", str(tmp_path / "p.xlsx"))
    rows = table(load_workbook(tmp_path / "p.xlsx").active, 2, 8)
    assert [r[0] for r in rows] == ["2023.huyen-ntm-them", "2023.huyen-ntm-tong",
                                    "2023.cau-ke-nang-cao", "2023.xa-nang-cao-ty-le"]  # fmt: skip
    run("completeness", "-p", "2024-06", "-f", "xlsx", "-o", str(tmp_path / "c.xlsx"))
    assert load_workbook(tmp_path / "c.xlsx").active.title == "Nộp báo cáo"
    result = runner.invoke(app, ["progress", "--format", "xlsx"])
    assert result.exit_code == 2 and "--out TỆP.xlsx đi cùng --format xlsx" in result.output


def test_the_milestone_sheet_reads_not_yet_and_awaiting(tmp_path: Path) -> None:
    # the aspirational model district of 2025, and the 2023 results on 31/3/2024 (decisions on
    # them expected until 30/06/2024)
    run("progress", "-y", "2025", "--format", "xlsx", "--out", str(tmp_path / "2025.xlsx"))
    rows = {r[0]: r for r in table(load_workbook(tmp_path / "2025.xlsx").active, 2, 8)}
    assert rows["2025.huyen-kieu-mau"][3:] == [1, 0, 9, 1, "Chưa đạt (phấn đấu)"]
    assert rows["2025.xa-nang-cao-ty-le"][7] == "Không đạt"
    out = tmp_path / "2023.xlsx"
    run("progress", "-y", "2023", "--as-of", "2024-03-31", "-f", "xlsx", "-o", str(out),
        "--lang", "en")  # fmt: skip
    assert {r[7] for r in table(load_workbook(out).active, 2, 8)} == {"Awaiting recognition"}


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200) | st.sampled_from(["=1+1", "+1", "-1", "@A1", "\t=x", "#N/A", "\ufffe"])
)
def test_any_submitted_text_is_written_as_text(text: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    set_text(sheet["A1"], text)
    buffer = io.BytesIO()
    book.save(buffer)
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text)
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")  # XML's end-of-line rule
    assert (cell.value or "") == expected
    assert cell.data_type != "f" and cell.data_type != "e"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_report_opens_in_libreoffice(report: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert (tmp_path / "2024-06_bao-cao-ntm.pdf").stat().st_size > 10_000


def test_a_range_is_written_all_or_nothing(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    out = tmp_path / "r"
    (out / "2024-03_bao-cao-ntm.xlsx").mkdir(parents=True)  # in the way of the third month
    result = runner.invoke(
        app, ["report", "--from", "2024-01", "--to", "2024-04", "--out", str(out), "--force"]
    )
    assert result.exit_code == 1 and "là thư mục" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["2024-03_bao-cao-ntm.xlsx"]  # nothing else
    result = runner.invoke(
        app, ["report", "--from", "2024-01", "--to", "2024-02", "--as-of", "2024-03-01"]
    )
    assert result.exit_code == 2 and "--as-of chỉ dùng với một --period" in result.output
    result = runner.invoke(app, ["report", "-p", "2024-06", "--as-of", "2024-03-31"])
    assert result.exit_code == 2 and "trước kỳ 2024-06" in result.output


def test_changes_list_every_level_the_summary_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "none.sqlite"))  # no returns at all
    run("report", "-p", "2022-12", "--out", str(tmp_path / "r"))
    book = load_workbook(tmp_path / "r" / "2022-12_bao-cao-ntm.xlsx")
    headline = {(r[0], r[1]): r[4] for r in table(book["Tổng hợp"], 14, 7) if r[4] is not None}
    changes = [r[4] for r in table(book["Biến động"], 2, 5)]
    assert (
        headline[("Xã", "Nông thôn mới")]
        == 3
        == sum("Chưa đạt chuẩn NTM → đạt chuẩn NTM" in c for c in changes)
    )
    assert headline[("Xã", "NTM nâng cao")] == sum(
        c.endswith("→ đạt chuẩn NTM nâng cao") for c in changes
    )
    assert "Cầu Ngang" not in str(changes)  # names are in column B; column E says the levels


def test_paths_are_never_markup(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    out = tmp_path / "m[/x]"
    result = runner.invoke(app, ["report", "-p", "2024-06", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"1 báo cáo trong {out}" in result.output


def test_the_advice_sheet_is_what_gaps_and_forecast_say(
    report: Path, cycle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(cycle))
    gaps = json.loads(run("gaps", "--period", "2024-06", "-f", "json"))
    outlook = json.loads(
        run("forecast", "--period", "2024-06", "--as-of", "2024-06-30", "-f", "json")
    )
    ws = load_workbook(report)["Khuyến nghị"]
    cells = [list(r) for r in ws.iter_rows(min_row=1, max_col=11, values_only=True)]
    milestones = outlook["milestones"]
    assert milestones, "a report of 2024-06 has milestones still open"
    rows = cells[2 : 2 + len(milestones)]
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(milestones) + 1)]
    for r, m in zip(rows, milestones, strict=True):
        assert r[3:6] == [m["required"], m["actual"], m["needed"]]
        assert r[8] == m["projected"]
    assert str(cells[2 + len(milestones)][0]).startswith("Phương pháp: hồi quy tuyến tính")
    top = next(i for i, r in enumerate(cells) if r[4] == "Số tiêu chí còn thiếu")
    listed = [(r[5], r[4]) for r in cells[top + 1 :] if r[0]]  # one row a commune, its code last
    assert not ws.merged_cells.ranges
    expected = [(g["code"], g["gap"]) for level in gaps["levels"]
                for g in level["ready"] + level["near_misses"]]  # fmt: skip
    assert listed == expected and expected
    weakest = next(i for i, r in enumerate(cells) if r[0] == "II. TIÊU CHÍ CÒN YẾU")
    first = cells[weakest + 2]
    level = gaps["levels"][0]
    worst = level["criteria"][0]
    assert first[2:4] == [worst["not_met"], worst["reporting"]]
