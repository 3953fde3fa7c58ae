"""The example data folder of the new Vĩnh Long province, 2026–2030 (examples/vinh-long-2026-2030):
the 124 units from 01/7/2025 directly under the province (no district level), the QĐ 51/2025
criteria sets, commune groups, and an illustrative plan. Progress and the report run the real
`ntm` process; the rest runs through the CLI in process."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm_cli.cli.app import app
from ntm_cli.domain.models import UnitKind
from ntm_cli.engine.check import check_registry
from ntm_cli.sources.datadir import BUNDLED
from ntm_cli.sources.output import workbook_bytes
from ntm_cli.sources.plan import load_plan
from ntm_cli.sources.registry import read_registry

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "vinh-long-2026-2030"
REFERENCE_UNITS = 124  # 105 xã and 19 phường (QĐ 19/2025/QĐ-TTg, from 01/7/2025)
runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, [*args, "--data", str(EXAMPLE)])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def process(*args: str, store: Path) -> str:
    """The real `ntm` process on the example folder."""
    result = subprocess.run(
        [sys.executable, "-m", "ntm_cli", *args, "--data", str(EXAMPLE)],
        env={**os.environ, "NTM_STORE": str(store), "PYTHONPATH": str(REPO / "src"),
             "COLUMNS": "120"},
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


# the bundled files --------------------------------------------------------------------------


def test_the_bundled_new_province_registry_reads_with_the_bundled_ladder() -> None:
    plan = load_plan(BUNDLED / "targets.yaml")
    path = BUNDLED / "editions" / "vinh-long-2025.csv"
    registry, problems = read_registry(path, plan.ladder)
    assert problems == [] and check_registry(registry) == []
    kinds = [u.kind for u in registry.units]
    assert kinds[0] is UnitKind.PROVINCE and registry.units[0].code == "86"
    assert (kinds.count(UnitKind.COMMUNE), kinds.count(UnitKind.WARD)) == (105, 19)
    assert {u.parent_code for u in registry.units[1:]} == {"86"}
    assert not any(u.recognitions for u in registry.units)  # no level is invented
    assert all("19/2025/QĐ-TTg" in u.source for u in registry.units)
    header = (BUNDLED / "units.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == header


def test_the_crosswalk_is_the_reference_file() -> None:
    rows = list(csv.DictReader(io.StringIO(
        (BUNDLED / "editions" / "crosswalk-2025.csv").read_text(encoding="utf-8"))))  # fmt: skip
    assert len(rows) == 359
    assert {r["new_province_code"] for r in rows} == {"86"}
    assert {r["old_province_code"] for r in rows} == {"83", "84", "86"}


def test_the_example_keeps_the_bundled_criteria_sets() -> None:
    for name in ("qd51-2025-xa", "qd51-2025-xa-hien-dai", "qd51-2025-tinh"):
        assert filecmp.cmp(EXAMPLE / "criteria" / f"{name}.yaml",
                           BUNDLED / "criteria" / f"{name}.yaml", shallow=False), name  # fmt: skip


# the example through the CLI ----------------------------------------------------------------


def test_the_example_passes_plan_check() -> None:
    out = run("plan", "check")
    assert f"{REFERENCE_UNITS + 1} đơn vị (105 xã)" in out


@pytest.mark.slow
def test_progress_shows_the_illustrative_milestones_at_zero(tmp_path: Path) -> None:
    out = process("progress", "--year", "2026", "-f", "json", store=tmp_path / "s.sqlite")
    (only,) = json.loads(out)["milestones"]
    assert (only["level"], only["required"], only["actual"]) == ("ntm", 16, 0)  # 15% of 105
    table = process("progress", "--year", "2026", store=tmp_path / "s.sqlite")
    assert "Minh họa: 15% số xã" in table
    later = json.loads(process("progress", "--year", "2030", "-f", "json",
                               store=tmp_path / "s.sqlite"))["milestones"]  # fmt: skip
    assert [(m["level"], m["required"], m["actual"]) for m in later] == [
        ("ntm", 69, 0),
        ("modern", 11, 0),
    ]  # about 65% and 10% of 105, rounded up
    assert all(m["wording"].startswith("Minh họa") for m in later)


def test_units_by_the_modern_rung_and_the_unit_card() -> None:
    rows = list(csv.DictReader(io.StringIO(run("units", "--level", "hien dai", "-f", "csv"))))
    assert rows == []  # no commune is recognised under QĐ 51 in this data
    table = run("units")
    assert "Cấp huyện" not in table and "Cột NTM, Hiện đại: năm đạt chuẩn." in table
    assert "Nâng cao" not in table and "HTNV" not in table
    card = run("unit", "29767")
    assert "Xã Ngãi Tứ" in card and "Chưa đạt chuẩn" in card
    assert "Nhóm xã" in card and "2 (minh họa: chưa có quyết định phân nhóm)" in card


def _fill(path: Path, not_met: int) -> bytes:
    book = load_workbook(path)
    sheet = book["Tiêu chí"]
    for i in range(10):
        sheet[f"C{13 + i}"] = "Chưa đạt" if i >= 10 - not_met else "Đạt"
    other = book["Kết quả khác"]
    other["B9"], other["B10"], other["B11"], other["B14"] = 1, 0, 0, 0
    return workbook_bytes(book)


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Forms of March 2026 for every commune, four of them filled and imported."""
    store = tmp_path / "store.sqlite"
    monkeypatch.setenv("NTM_STORE", str(store))
    forms, filled = tmp_path / "forms", tmp_path / "filled"
    summary = run("template", "--period", "2026-03", "--out", str(forms))
    assert len(list(forms.glob("*.xlsx"))) == 105  # every xã, no phường
    assert "Trực thuộc" in summary and "Tỉnh Vĩnh Long" in summary
    filled.mkdir()
    for gap, name in enumerate(sorted(p.name for p in forms.glob("*.xlsx"))[:4]):
        (filled / name).write_bytes(_fill(forms / name, gap))
    out = run("import", str(filled))
    assert "đã nhập 4" in out
    return store


def test_a_form_carries_the_commune_its_group_and_the_ten_criteria(tmp_path: Path) -> None:
    run("template", "--period", "2026-03", "-u", "29767", "--out", str(tmp_path))
    (form,) = tmp_path.glob("*.xlsx")
    sheet = load_workbook(form)["Tiêu chí"]
    assert (sheet["B4"].value, sheet["B5"].value) == ("29767", "Xã Ngãi Tứ")
    assert (sheet["A6"].value, sheet["B6"].value) == ("Trực thuộc", "Tỉnh Vĩnh Long")
    assert sheet["A11"].value == "Nhóm xã"
    assert sheet["B11"].value == "2 — Các xã không thuộc nhóm 1 và nhóm 3"
    names = [sheet[f"B{r}"].value for r in range(13, 23)]
    assert names[0] == "Quy hoạch" and names[9] == "Tiếp cận pháp luật và an ninh, quốc phòng"
    assert sheet["B23"].value is None  # ten criteria, no more


def test_gaps_on_the_imported_forms(imported: Path) -> None:
    out = run("gaps", "--period", "2026-03")
    assert "105 xã, 4 có phiếu báo cáo" in out
    assert "Đạt đủ 10/10 tiêu chí" in out
    assert "Cấp huyện" not in out
    data = json.loads(run("gaps", "--period", "2026-03", "-f", "json"))
    (section,) = data["levels"]
    assert [g["gap"] for g in section["near_misses"]] == [1, 2, 3]
    assert {g["district"] for g in section["near_misses"]} == {None}


@pytest.mark.slow
def test_the_report_has_no_district_appendix(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    process("report", "--period", "2026-03", "--out", str(out), store=imported)
    (path,) = out.glob("*.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Báo cáo", "PL I - Theo xã", "PL II - Tiêu chí",
                               "PL III - Khuyến nghị", "PL IV - Nộp báo cáo",
                               "PL V - Biến động", "PL VI - Ghi chú dữ liệu"]  # fmt: skip
    cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
    assert "Đơn vị cấp huyện" not in cells  # no district column anywhere
    assert not any("Số đơn vị cấp huyện" in v for v in cells)  # nor lines of district counts
    assert "Số xã phải nộp phiếu" in cells
    returns = book["PL IV - Nộp báo cáo"]
    total = next(r for r in returns.iter_rows(values_only=True) if r[1] == "Toàn tỉnh")
    assert total[2:5] == (105, 4, 101)


def test_completeness_counts_the_communes_under_the_province(imported: Path) -> None:
    out = run("completeness", "--period", "2026-03")
    assert "Cấp huyện" not in out
    total = next(line for line in out.splitlines() if "Toàn tỉnh" in line)
    assert total.split()[2:5] == ["105", "4", "101"]


def test_forecast_runs_on_the_example(imported: Path) -> None:
    data = json.loads(run("forecast", "-f", "json"))
    assert len(data["milestones"]) == 9
    assert data["returns_up_to"] == "2026-03"


# commune groups -----------------------------------------------------------------------------


def test_a_registry_row_with_an_unknown_group_is_refused(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE, folder)
    units = folder / "units.csv"
    text = units.read_text(encoding="utf-8")
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines) if row.startswith("29767,"))
    lines[line] = lines[line].replace(",2,minh họa", ",4,minh họa")
    units.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--data", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    assert (f"{units}:{line + 1}: group: commune group '4' is not one of set qd51-2025-xa's "
            "groups (1, 2, 3)") in result.output  # fmt: skip


def test_the_report_page_has_no_district_column_either(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "page"
    run("report", "--period", "2026-03", "--format", "html", "--out", str(out))
    (page,) = out.glob("*.html")
    text = page.read_text(encoding="utf-8")
    assert "Xã Ngãi Tứ" in text or "Xã Giao Long" in text
    assert "cấp huyện" not in text.lower().replace("chỉ tiêu cấp huyện", "")


def test_a_commune_group_listed_twice_is_refused(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "criteria" / "qd51-2025-xa.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - id: "3"', '  - id: "2"'), encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--data", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    assert "commune_groups[2].id: commune group 2 is listed twice" in result.output


def test_the_baseline_at_1_july_2025_is_each_units_predecessors(tmp_path: Path) -> None:
    """The example's list is the new one; Trà Vinh's list before it and the crosswalk are read
    from the bundled folder (`ntm:` in editions.yaml). A new unit's baseline is its
    predecessors' levels on 30/6/2025, never a level of its own; the units from old Bến Tre and
    old Vĩnh Long have no NTM data here, and say so."""
    from ntm_cli.domain.status import level_of
    from ntm_cli.sources.datadir import load
    from ntm_cli.sources.editions import load_editions

    old = load(BUNDLED).registry
    walk = load_editions(BUNDLED).crosswalk("tra-vinh", "vinh-long-2025")
    assert walk is not None
    card = json.loads(process("crosswalk", "29374", "--format", "json", store=tmp_path / "s"))
    assert card["edition"]["id"] == "vinh-long-2025" and card["name"] == "Xã Châu Thành"
    assert card["level"] is None
    day = __import__("datetime").date(2025, 6, 30)
    expected = {link.old_code: level_of(old.by_code[link.old_code], as_of=day)
                for link in walk.predecessors("29374")}  # fmt: skip
    assert {p["code"]: p["level"] for p in card["predecessors"]} == {
        code: (level.value if level is not None else None) for code, level in expected.items()
    }
    listing = json.loads(process("crosswalk", "--format", "json", store=tmp_path / "s"))
    units = listing["units"]
    assert len(units) == REFERENCE_UNITS
    from_tra_vinh = [u for u in units if any(p["edition"] == "tra-vinh" for p in u["predecessors"])]
    no_data = [u for u in units if all(p["edition"] is None for p in u["predecessors"])]
    assert (len(from_tra_vinh), len(no_data)) == (41, 83)
    assert all(u["counts"]["no_data"] == len(u["predecessors"]) for u in no_data)
    assert all(u["level"] is None for u in units)
