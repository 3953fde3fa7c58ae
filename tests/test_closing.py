"""The closing report of Plan 69 (tổng kết 2021–2025), on the units of Trà Vinh's list, with
where each unit went when the new Vĩnh Long list came into force on 1/7/2025.

The figures are held to `ntm progress --all-years` and to the crosswalk and the registry,
read here on their own; the CLI runs as a real process once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm_cli.cli.app import app
from ntm_cli.domain.status import level_of
from ntm_cli.sources.datadir import BUNDLED, load
from ntm_cli.sources.editions import load_editions

runner = CliRunner()
DATA = load(BUNDLED)
WALK = load_editions(BUNDLED).crosswalk("tra-vinh", "vinh-long-2025")
TOP = 5  # an appendix's table starts under its three heading lines


@pytest.fixture(scope="module")
def closing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("closing")
    env = {**os.environ, "NTM_STORE": str(out / "r.sqlite"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "ntm_cli", "report", "--closing", "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out / "tong-ket-2021-2025.xlsx")
    assert "Traceback" not in done.stderr
    return out / "tong-ket-2021-2025.xlsx"


def test_the_closing_report_is_a_report_on_the_whole_plan(closing: Path) -> None:
    book = load_workbook(closing)
    assert book.sheetnames == ["Báo cáo", "PL I - Theo huyện", "PL II - Theo xã",
                               "PL III - Sau sắp xếp", "PL IV - Ghi chú dữ liệu"]  # fmt: skip
    body = [
        [v for v in row if v is not None] for row in book["Báo cáo"].iter_rows(values_only=True)
    ]
    texts = [row[0] for row in body if row and isinstance(row[0], str)]
    assert "Tổng kết thực hiện Kế hoạch số 69/KH-UBND giai đoạn 2021 - 2025" in texts
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUA CÁC NĂM" in texts
    assert "III. SẮP XẾP ĐƠN VỊ HÀNH CHÍNH" in texts
    # every milestone of every year, with the figures `progress --all-years` gives
    result = runner.invoke(app, ["progress", "--all-years", "--format", "json"])
    assert result.exit_code == 0, result.output
    wanted = [(m["wording"], m["required"], m["actual"])
              for m in json.loads(result.stdout)["milestones"]]  # fmt: skip
    shown = [(row[1], row[2], row[3]) for row in body
             if len(row) >= 4 and isinstance(row[0], str) and row[0].isdigit()
             and isinstance(row[2], int)]  # fmt: skip
    assert len(wanted) == len(DATA.plan.milestones) == 13
    for wording, required, actual in wanted:
        assert any(label.startswith(wording) and (r, a) == (required, actual)
                   for label, r, a in shown), wording  # fmt: skip
    years = [t for t in texts if t.startswith("Năm 20")]
    assert years == [f"Năm {y}" for y in sorted({m.year for m in DATA.plan.milestones})]
    moved = next(t for t in texts if t.startswith("Từ ngày 01/07/2025"))
    assert "104 đơn vị cấp xã" in moved and "thành 41 đơn vị" in moved
    assert "không chuyển sang đơn vị mới" in moved and "Phụ lục III" in moved


def test_each_unit_says_where_it_went_and_the_level_it_had_reached(closing: Path) -> None:
    assert WALK is not None
    sheet = load_workbook(closing)["PL III - Sau sắp xếp"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=TOP + 1, values_only=True) if row[0]}
    area = list(DATA.registry.units)
    assert set(rows) == {u.code for u in area}  # the province, 9 district-level units, 104
    day = dt.date(2025, 6, 30)
    for unit in area:
        code, name, _, reached, now_in, how = rows[unit.code]
        assert name == unit.name
        assert (reached is None) == (level_of(unit, as_of=day) is None), unit.code
        if unit.kind.tier == 2:
            links = WALK.successors(unit.code)
            assert now_in == "; ".join(f"{x.new_name} ({x.new_code})" for x in links)
            assert how
    # a reused code: Phường 3 is not the Phường Trà Vinh of the new list, it went into it
    assert rows["29242"][1] == "Phường 3" and rows["29242"][4] == "Phường Trà Vinh (29242)"
    assert rows["29263"][3] == "Đạt chuẩn NTM kiểu mẫu" and rows["29263"][4].startswith("Phường")
    # a district-level unit is on no new list: its communes' new units are named
    cang_long = rows["844"][4]
    assert cang_long.startswith("Không có trong danh mục Tỉnh Vĩnh Long")
    expected = {f"{x.new_name} ({x.new_code})" for u in DATA.registry.descendants("844")
                for x in WALK.successors(u.code)}  # fmt: skip
    assert set(cang_long.split(": ", 1)[1].split(", ")) == expected


def test_the_closing_report_takes_no_month_and_is_a_workbook(tmp_path: Path) -> None:
    for extra in (["--period", "2025-12"], ["-f", "html"]):
        result = runner.invoke(app, ["report", "--closing", "--out", str(tmp_path), *extra])
        assert result.exit_code == 2, result.output
        assert "--closing" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_a_plan_whose_list_did_not_change_closes_without_the_reorganisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    (folder / "editions.yaml").unlink()
    targets = folder / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("  edition: tra-vinh\n", ""),
                       encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "r.sqlite"))
    result = runner.invoke(app, ["report", "--closing", "--data", str(folder), "--out",
                                 str(tmp_path / "out"), "--lang", "en"])  # fmt: skip
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "out" / "closing-2021-2025.xlsx")
    assert book.sheetnames == ["Report", "App I - By district", "App II - By commune",
                               "App III - Data notes"]  # fmt: skip
    texts = [row[0] for row in book["Report"].iter_rows(values_only=True) if row[0]]
    assert "The plan's list of units did not change over the period." in texts
