"""The library: ntm_cli.open() resolves data and store as the command line does, and every
result gives a DataFrame."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ntm_cli
from ntm_cli.domain.errors import DataError, NtmError, StoreError, UsageError
from ntm_cli.domain.i18n import Lang
from ntm_cli.workspace.config import BUNDLED, mask, read_settings


def test_progress_as_a_data_frame() -> None:
    ws = ntm_cli.open()
    assert ws.data_folder.resolve() == BUNDLED.resolve()  # ./data is a link to it here
    df = ws.progress(year=2024).to_frame()
    assert {"target", "actual", "shortfall", "status"} <= set(df.columns)
    row = df.set_index("id").loc["2024.xa-nang-cao-ty-le"]
    assert (row["required"], row["actual"], row["shortfall"], row["status"]) == (
        51,
        51,
        0,
        "achieved",
    )


def test_units_and_check_as_frames() -> None:
    ws = ntm_cli.open()
    units = ws.units(district="Cầu Kè").to_frame()
    assert units.iloc[0]["name"] == "Huyện Cầu Kè" and len(units) == 12
    assert ws.check().problems == ()


def test_the_project_file_is_found_from_a_subfolder(
    tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ntm.toml").write_text(
        'data = "data"\nstore = "kho/returns.sqlite"\n[office]\nname = "VĂN PHÒNG"\n'
        'recipients = ["UBND tỉnh"]\n',
        encoding="utf-8",
    )
    below = tmp_path / "reports" / "2024"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    monkeypatch.delenv("NTM_STORE", raising=False)
    ws = ntm_cli.open()
    assert ws.data_folder == data_copy
    assert ws.store_location == str(tmp_path / "kho" / "returns.sqlite")
    assert ws.office.name == "VĂN PHÒNG" and ws.office.recipients == ("UBND tỉnh",)
    # options, then the environment, win over the project file
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "env.sqlite"))
    assert ntm_cli.open().store_location == str(tmp_path / "env.sqlite")
    assert ntm_cli.open(store=tmp_path / "opt.sqlite").store_location == str(
        tmp_path / "opt.sqlite"
    )


def test_a_broken_project_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ntm.toml"
    path.write_text('data = "x"\nstore = \n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_settings(path)
    assert err.value.code == "project.invalid" and err.value.message.params["line"] == 2
    assert "dòng 2" in err.value.text(Lang.VI)


def test_a_store_url_password_is_never_shown() -> None:
    url = "postgresql://ntm:s3cret@db.example/ntm"
    assert mask(url) == "postgresql://ntm:***@db.example/ntm"
    ws = ntm_cli.open(store=url)
    assert "s3cret" not in repr(ws)
    with pytest.raises(StoreError) as err:  # no such server: said, with no password
        ws.completeness("2024-06")
    assert err.value.code == "store.unreachable"
    assert err.value.message.params["path"] == "postgresql://ntm@db.example/ntm"
    assert "s3cret" not in str(err.value) and "s3cret" not in err.value.text(Lang.EN)


def test_periods_outside_the_plan_and_empty_names_are_refused() -> None:
    ws = ntm_cli.open()
    with pytest.raises(NtmError) as err:
        ws.completeness("2019-06")
    assert err.value.code == "period.outside_plan"
    with pytest.raises(UsageError) as err:
        ws.completeness("2024-06", district="")
    assert err.value.code == "option.empty"
    assert os.environ.get("NTM_TODAY")  # the fixture fixes today


def test_the_office_of_the_project_file_heads_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl
    from typer.testing import CliRunner

    from ntm_cli.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "returns.sqlite"))
    runner = CliRunner()
    result = runner.invoke(app, ["init", "--office", "Văn phòng Điều phối NTM tỉnh Trà Vinh"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["init"]).exit_code == 2  # never over a project file
    text = (tmp_path / "ntm.toml").read_text(encoding="utf-8")
    (tmp_path / "ntm.toml").write_text(text.replace('place = ""', 'place = "Trà Vinh"'))
    result = runner.invoke(app, ["report", "--period", "2024-06", "--out", "out"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "out" / "2024-06_bao-cao-ntm.xlsx").worksheets[0]
    assert sheet["A2"].value == "VĂN PHÒNG ĐIỀU PHỐI NTM TỈNH TRÀ VINH"
    assert str(sheet["C3"].value).startswith("Trà Vinh, ngày")
