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

from forms import COMMUNES, filled_form, under, using_store, write
from ntm_cli.cli.app import app
from ntm_cli.domain.text import set_text

runner = CliRunner()
SHEETS = [
    "Báo cáo",
    "PL I - Theo huyện",
    "PL II - Theo xã",
    "PL III - Tiêu chí",
    "PL IV - Khuyến nghị",
    "PL V - Phong trào thi đua",
    "PL VI - Nộp báo cáo",
    "PL VII - Biến động",
    "PL VIII - Ghi chú dữ liệu",
]
BODY, DISTRICTS, COMMUNE_SHEET, CRITERIA_SHEET, ADVICE, _, RETURNS, CHANGES, NOTES = SHEETS
TOP = 5  # an appendix's table starts under "Phụ lục …", its title and "(Kèm theo …)"
NOTE = '=HYPERLINK("http://x","click")'


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store after a month's cycle: 80 communes reported, one with a formula in a note."""

    root = tmp_path_factory.mktemp("cycle")
    store = root / "returns.sqlite"
    with using_store(store):
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
    body = book[BODY]
    assert body["C1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert body["C2"].value == "Độc lập - Tự do - Hạnh phúc"
    progress = json.loads(run("progress", "--year", "2024", "--as-of", "2024-06-30", "-f", "json"))
    header, *rows = under(body, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH")
    assert header[:6] == ["TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Còn thiếu", "Đánh giá"]
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (str(i), m["required"], m["actual"], m["shortfall"])
        for i, m in enumerate(progress["milestones"], start=1)
    ]
    assert all(
        r[1].startswith(m["wording"]) for r, m in zip(rows, progress["milestones"], strict=True)
    )
    ids = {m.id for m in load_plan_milestones()}
    shown = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert not ids & shown, "no cell shows a milestone id"
    completeness = json.loads(run("completeness", "--period", "2024-06", "-f", "json"))
    returns = book[RETURNS]
    body = table(returns, TOP + 1, 7)
    total = body[-1]
    assert total[2:6] == [completeness["expected"], completeness["submitted"],
                          completeness["missing"], completeness["late"]]  # fmt: skip
    by_district = {r[0]: r for r in body[:-1]}
    for d in completeness["districts"]:
        assert by_district[d["code"]][2:5] == [d["expected"], d["submitted"], len(d["missing"])]
    listed = {
        r[0]
        for r in returns.iter_rows(min_row=TOP + len(body) + 3, max_col=1, values_only=True)
        if r[0]
    }
    assert listed == {
        u["code"] for d in completeness["districts"] for u in d["missing"] + d["late"]
    }


def test_districts_communes_criteria_and_changes(report: Path) -> None:
    book = load_workbook(report)
    districts = table(book[DISTRICTS], TOP + 1, 11)
    assert sum(r[2] for r in districts) == 85
    assert sum(r[5] for r in districts) == 44  # advanced communes decided by 30/06/2024
    assert sum(r[7] for r in districts) == 7  # model
    communes = table(book[COMMUNE_SHEET], TOP + 1, 17)
    assert len(communes) == 85
    matrix = book[CRITERIA_SHEET]
    first = COMMUNES[0].code  # its June form: the first 17 criteria met, the last two not
    row = next(r for r in range(TOP, 100) if matrix.cell(r, 1).value == first)
    assert [matrix.cell(row, c).value for c in range(3, 22)] == ["Đạt"] * 17 + ["Chưa đạt"] * 2
    share_row = next(r for r in range(row, 200) if matrix.cell(r, 2).value == "Tỷ lệ xã đạt")
    shares = [matrix.cell(share_row, c).value for c in range(3, 22)]
    assert all(0 <= s <= 1 for s in shares)
    changes = table(book[CHANGES], TOP + 1, 5)
    gained = {r[0] for r in changes if r[2]}
    assert len(gained) == 80  # May's three unmet criteria are met in every June return


def test_the_notes_sheet_gives_each_registry_note_in_the_reports_language(
    report: Path, cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def notes(book_path: Path) -> dict[str, str]:
        sheet = load_workbook(book_path)[NOTES if "bao-cao" in book_path.name
                                          else "App VIII - Data notes"]  # fmt: skip
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
    sheet = book[COMMUNE_SHEET]
    notes = {row[0].value: row[21] for row in sheet.iter_rows(min_row=TOP + 1) if row[0].value}
    cell = notes[COMMUNES[1].code]
    assert cell.data_type == "s" and cell.value.startswith("1: " + NOTE)
    assert notes[COMMUNES[0].code].value == "1: ghi chú"


def chart_refs(path: Path) -> list[dict[str, list[str]]]:
    """Each chart's references, by what they give: "cat" (its categories), "val" (its values)
    and "tx" (its series' names)."""
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n))
        found = []
        for name in charts:
            xml = z.read(name).decode()
            found.append({part: re.findall(rf"<(?:c:)?{part}>.*?<(?:c:)?f>([^<]+)</(?:c:)?f>", xml,
                                           re.S) for part in ("cat", "val", "tx")})  # fmt: skip
    return found


def cells(book, ref: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    sheet, _, area = ref.rpartition("!")
    ws = book[sheet.strip("'")]
    picked = ws[area.replace("$", "")]
    return [c.value for row in (picked if isinstance(picked, tuple) else ((picked,),))
            for c in (row if isinstance(row, tuple) else (row,))]  # fmt: skip


def test_the_charts_tell_the_story_by_name(report: Path, cycle: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("NTM_STORE", str(cycle))
    book = load_workbook(report)
    refs = chart_refs(report)
    assert len(refs) == 3
    ids = {m.id for m in load_plan_milestones()}
    for chart in refs:
        for ref in chart["cat"]:
            labels = cells(book, ref)
            assert labels and all(isinstance(v, str) and v for v in labels)
            assert not ids & set(labels), "categories are names, never ids"
    percent, path, districts = refs
    # (b) each milestone of the year as a share of its target: done / target of the table
    header, *rows = under(book[BODY], "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH")
    (values,) = percent["val"]
    assert cells(book, values) == [r[6] for r in rows]
    assert [r[6] for r in rows] == [r[3] / r[2] for r in rows]
    labels = cells(book, percent["cat"][0])
    assert labels[0] == "Huyện Tiểu Cần đạt chuẩn NTM nâng cao"  # the unit by its name
    # (a) advanced communes by year against the plan's path, as `progress` measures each year
    years = cells(book, path["cat"][0])
    assert years == ["2023", "2024", "2025"]
    plan = dict(zip(path["tx"], path["val"], strict=True))
    required = []
    for year in years:
        result = json.loads(run("progress", "--year", year, "--as-of", "2024-06-30", "-f", "json"))
        (share,) = [m for m in result["milestones"] if m["id"].endswith("xa-nang-cao-ty-le")]
        required.append(share["required"])
    assert required == [43, 51, 60]
    names = {cells(book, tx)[0]: cells(book, val) for tx, val in plan.items()}
    assert names["Kế hoạch"] == required
    assert names["Thực hiện"] == [44, 44, None]  # none yet for a year after the report's
    # (c) each district's communes by level, stacked: they add up to its communes
    assert cells(book, districts["cat"][0]) == [r[1] for r in table(book[DISTRICTS], TOP + 1, 3)]
    stacks = [cells(book, val) for val in districts["val"]]
    assert [sum(x) for x in zip(*stacks, strict=True)] == [
        r[2] for r in table(book[DISTRICTS], TOP + 1, 3)
    ]


def test_form_of_the_workbook(report: Path) -> None:
    book = load_workbook(report)
    assert book.properties.title and "2024" in book.properties.title
    for ws in book:
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.page_setup.orientation == ("portrait" if ws.title == BODY else "landscape")
        assert ws.oddFooter.center.text == "Trang &P/&N"
    # the header repeats only on a sheet of one table long enough to need it
    titles = {ws.title: ws.print_title_rows for ws in book}
    assert titles[COMMUNE_SHEET] == titles[CHANGES] == f"${TOP}:${TOP}"
    for name in (BODY, ADVICE, RETURNS, NOTES, DISTRICTS):
        assert titles[name] is None, name
    assert book[COMMUNE_SHEET].freeze_panes == f"A{TOP + 1}" and book[COMMUNE_SHEET].auto_filter.ref
    assert book[DISTRICTS][f"E{TOP + 1}"].number_format == "0.0%"
    # no merged cells over communes' rows: only the headings' lines are merged
    for ws in book:
        if ws.title != BODY:
            assert all(r.min_row == r.max_row for r in ws.merged_cells.ranges), ws.title


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
    assert load_workbook(out / "2024-06_ntm-report.xlsx").sheetnames[:2] == [
        "Report",
        "App I - By district",
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    result = runner.invoke(app, ["report", "-p", "2026-01", "--out", str(out)])
    assert "nằm ngoài kế hoạch" in result.output


def test_a_range_reports_each_month_as_its_own_report_does(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A range reads each month's returns once (a month is also the next one's previous) and a
    year's sums once: every cell of each month's workbook is what that month alone gives."""
    monkeypatch.setenv("NTM_STORE", str(cycle))
    run("report", "--from", "2024-04", "--to", "2024-06", "--out", str(tmp_path / "range"))
    for month in ("2024-04", "2024-05", "2024-06"):
        run("report", "-p", month, "--out", str(tmp_path / month))
        name = f"{month}_bao-cao-ntm.xlsx"
        alone, ranged = (load_workbook(tmp_path / d / name) for d in (month, "range"))
        assert alone.sheetnames == ranged.sheetnames
        for sheet in alone.sheetnames:
            values = [list(ws.iter_rows(values_only=True)) for ws in (alone[sheet], ranged[sheet])]
            assert values[0] == values[1], (month, sheet)
    # the year to date sums the year's months up to the month's own, never a later one
    funds = {}
    for month in ("2024-05", "2024-06"):
        book = load_workbook(tmp_path / "range" / f"{month}_bao-cao-ntm.xlsx")
        sheet = next(ws for ws in book if ws.title.endswith("Phong trào thi đua"))
        funds[month] = next(row[3:5] for row in sheet.iter_rows(values_only=True)
                            if row[1] == "Tổng vốn huy động")  # fmt: skip
    (may, may_ytd), (june, june_ytd) = funds["2024-05"], funds["2024-06"]
    assert may and june and may_ytd == may and june_ytd == may + june


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
    headline = {r[1]: r[4] for r in under(book[BODY], "1. Số đơn vị đạt chuẩn")[1:]}
    changes = [r[4] for r in table(book[CHANGES], TOP + 1, 5)]
    assert (
        headline["Số xã đạt chuẩn NTM"]
        == 3
        == sum("Chưa đạt chuẩn NTM → đạt chuẩn NTM" in c for c in changes)
    )
    assert headline["Số xã đạt chuẩn NTM nâng cao"] == sum(
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
    ws = load_workbook(report)[ADVICE]
    cells = [list(r) for r in ws.iter_rows(min_row=1, max_col=11, values_only=True)]
    milestones = outlook["milestones"]
    assert milestones, "a report of 2024-06 has milestones still open"
    first = TOP + 1  # the index of the first row under the forecast's header
    rows = cells[first : first + len(milestones)]
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(milestones) + 1)]
    for r, m in zip(rows, milestones, strict=True):
        assert r[3:6] == [m["required"], m["actual"], m["needed"]]
        assert r[8] == m["projected"]
    assert str(cells[first + len(milestones)][0]).startswith("Phương pháp: hồi quy tuyến tính")
    top = next(i for i, r in enumerate(cells) if r[4] == "Số tiêu chí còn thiếu")
    listed = [(r[5], r[4]) for r in cells[top + 1 :] if r[0]]  # one row a commune, its code last
    assert all(r.max_row < top for r in ws.merged_cells.ranges)  # none over the communes
    expected = [(g["code"], g["gap"]) for level in gaps["levels"]
                for g in level["ready"] + level["near_misses"]]  # fmt: skip
    assert listed == expected and expected
    weakest = next(i for i, r in enumerate(cells) if r[0] == "II. TIÊU CHÍ CÒN YẾU")
    first = cells[weakest + 2]
    level = gaps["levels"][0]
    worst = level["criteria"][0]
    assert first[2:4] == [worst["not_met"], worst["reporting"]]


OFFICE = """[office]
parent = "Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh Trà Vinh"
name = "Văn phòng Điều phối nông thôn mới tỉnh Trà Vinh"
abbreviation = "VPĐPNTM"
place = "Trà Vinh"
signer_title = "Chánh Văn phòng"
signer_name = "Nguyễn Văn A"
recipients = ["UBND tỉnh", "Các sở, ngành tỉnh"]
"""


def test_the_first_sheet_reads_as_an_official_report(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ntm_cli.domain.i18n import Lang, t
    from ntm_cli.engine.report import APPENDICES, roman

    monkeypatch.setenv("NTM_STORE", str(cycle))
    monkeypatch.setenv("NTM_TODAY", "2024-07-10")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ntm.toml").write_text(OFFICE, encoding="utf-8")
    run("report", "--period", "2024-06", "--number", "12", "--out", "r")
    book = load_workbook(tmp_path / "r" / "2024-06_bao-cao-ntm.xlsx")
    ws = book[BODY]
    column_a = [c.value for c in ws["A"]]
    # the header block, number, place and date, document type and trích yếu (Nghị định 30/2020)
    assert column_a[:3] == ["BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA TỈNH TRÀ VINH",
                            "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH TRÀ VINH",
                            "Số: 12/BC-VPĐPNTM"]  # fmt: skip
    assert ws["A2"].font.b and not ws["A1"].font.b
    assert ws["C3"].value == "Trà Vinh, ngày 10 tháng 7 năm 2024" and ws["C3"].font.i
    assert column_a[5:7] == ["BÁO CÁO", "Kết quả xây dựng nông thôn mới tháng 6 năm 2024"]
    # the parts I–V in the outline's order, with Roman numbers
    parts = [v for v in column_a if isinstance(v, str) and re.match(r"[IVX]+\. ", v)]
    assert parts == [f"{roman(i)}. {t(f'report.part.{p}', Lang.VI)}" for i, p in enumerate(
        ("milestones", "overall", "resources", "returns", "proposals"), start=1)]  # fmt: skip
    # the proposals point to the appendix that lists the communes near a level
    proposals = " ".join(v for v in column_a if isinstance(v, str) and v[:2] in ("1.", "2.", "3."))
    assert "Phụ lục IV" in proposals
    # "Nơi nhận" with the project file's recipients, and the signer's title and name
    at = column_a.index("Nơi nhận:")
    assert column_a[at + 1 : at + 4] == ["- UBND tỉnh;", "- Các sở, ngành tỉnh;", "- Lưu: VT."]
    signer = [c.value for c in ws["D"][at - 1 :] if c.value]
    assert signer == ["CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]
    assert ws[f"D{at + 1}"].value == "CHÁNH VĂN PHÒNG" and ws[f"D{at + 1}"].font.b
    # every other sheet an appendix, numbered in the outline's order, each with its title
    assert [ws.title for ws in book][1:] == [
        f"PL {roman(i)} - {t(f'report.sheet.{key}', Lang.VI)}"
        for i, key in enumerate(APPENDICES, 1)
    ]
    for i, (sheet, key) in enumerate(zip(book.worksheets[1:], APPENDICES, strict=True), start=1):
        assert [sheet["A1"].value, sheet["A2"].value] == [
            f"Phụ lục {roman(i)}",
            t(f"report.appendix.{key}", Lang.VI),
        ]
        assert sheet["A3"].value == ("(Kèm theo Báo cáo số 12/BC-VPĐPNTM ngày 10/7/2024 của Văn "
                                     "phòng Điều phối nông thôn mới tỉnh Trà Vinh)")  # fmt: skip
        assert sheet["A3"].font.i


def test_without_a_number_or_a_project_file_the_clerk_writes_the_number_in(report: Path) -> None:
    ws = load_workbook(report)[BODY]
    assert ws["A3"].value == "Số:       /BC-VPĐP"  # room for the number
    assert ws["A2"].value == "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"  # the catalogue's office
    at = [c.value for c in ws["A"]].index("Nơi nhận:")
    assert ws[f"A{at + 2}"].value == "- Lưu: VT."  # no recipient named: the archive alone
    assert ws[f"D{at + 1}"].value == "CHÁNH VĂN PHÒNG"
