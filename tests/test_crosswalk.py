"""`ntm crosswalk`, and `ntm unit` / `ntm units` on an edition, on the bundled data: Trà Vinh's
units until 30/6/2025 (tra-vinh) and the new Vĩnh Long province's from 1/7/2025 (vinh-long-2025).
Expected levels are worked out here from units.csv, not copied from what the command prints."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ntm_cli
from ntm_cli.cli.app import app
from ntm_cli.domain.status import level_of
from ntm_cli.sources.datadir import BUNDLED

runner = CliRunner()
EVE = dt.date(2025, 6, 30)  # the day before the new units


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def as_json(*args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)


@pytest.fixture(scope="module")
def old() -> dict[str, ntm_cli.domain.models.Unit]:  # type: ignore[name-defined]
    ws = ntm_cli.open(BUNDLED, "/nonexistent/returns.sqlite")
    return dict(ws.registry_of(ws.editions.get("tra-vinh")).by_code)  # type: ignore[arg-type]


def test_crosswalk_29242_in_the_real_process(tmp_path: Path) -> None:
    environ = {**os.environ, "PYTHONPATH": str(Path(ntm_cli.__file__).parents[1]),
               "NTM_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}  # fmt: skip
    environ.pop("NTM_DATA", None)
    done = subprocess.run(
        [sys.executable, "-m", "ntm_cli", "crosswalk", "29242", "--format", "json"],
        cwd=tmp_path, env=environ, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["code"], out["name"]) == ("29242", "Phường Trà Vinh")
    assert out["edition"]["id"] == "vinh-long-2025"
    assert (out["edition"]["valid_from"], out["edition"]["valid_to"]) == ("2025-07-01", None)
    assert [(p["code"], p["name"], p["kind"], p["level"], p["edition"])
            for p in out["predecessors"]] == [
        ("29239", "Phường 1", "ward", None, "tra-vinh"),
        ("29242", "Phường 3", "ward", None, "tra-vinh"),
        ("29260", "Phường 9", "ward", None, "tra-vinh"),
    ]  # fmt: skip
    assert all(p["level_on"] == "2025-06-30" for p in out["predecessors"])
    assert [(a["edition"], a["code"], a["name"]) for a in out["also"]] == [
        ("tra-vinh", "29242", "Phường 3")
    ]
    assert out["level"] is None and out["recognitions"] == {}  # no level made up


def test_chau_thanh_s_four_predecessors_and_summary(old: dict) -> None:  # type: ignore[type-arg]
    out = as_json("crosswalk", "29374")
    assert out["name"] == "Xã Châu Thành"
    codes = [p["code"] for p in out["predecessors"]]
    assert codes == ["29374", "29377", "29380", "29383"]
    levels: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for code, p in zip(codes, out["predecessors"], strict=True):
        unit = old[code]
        level = level_of(unit, as_of=EVE)
        assert p["level"] == (level.value if level else None), code
        assert (p["kind"], p["kind_vi"]) == (unit.kind.value, unit.kind.vi)  # as a unit's
        if level is None:
            kinds[unit.kind.value] = kinds.get(unit.kind.value, 0) + 1
        else:
            levels[level.value] = levels.get(level.value, 0) + 1
            assert p["year"] == unit.recognitions[level].year
    assert out["counts"] == {"by_level": levels, "without_level": kinds, "no_data": 0}
    assert kinds == {"township": 1}  # Thị trấn Châu Thành never held a level
    assert out["summary"].startswith("Xã Châu Thành (29374): 4 đơn vị trước sắp xếp; ")
    assert out["summary"].endswith("1 thị trấn")
    for level, n in levels.items():
        word = {"ntm": "chuẩn NTM", "advanced": "chuẩn NTM nâng cao",
                "model": "chuẩn NTM kiểu mẫu"}[level]  # fmt: skip
        assert f"{n} đạt {word}" in out["summary"]
    table = run("crosswalk", "29374")
    assert out["summary"].split(";")[0] in table and "thị trấn" in table


def test_a_name_of_both_editions_shows_the_newest_and_names_the_other() -> None:
    out = as_json("crosswalk", "Tam Ngãi")
    assert (out["code"], out["edition"]["id"]) == ("29335", "vinh-long-2025")
    assert [(a["code"], a["edition"], a["option"]) for a in out["also"]] == [
        ("29332", "tra-vinh", "--edition tra-vinh")
    ]
    assert [p["code"] for p in out["predecessors"]] == ["29332", "29335", "29338"]
    result = runner.invoke(app, ["crosswalk", "tam ngai"])
    assert result.exit_code == 0
    assert "Xã Tam Ngãi (29332)" in result.stderr and "--edition tra-vinh" in result.stderr
    assert "Xã Tam Ngãi (29335)" in result.stdout
    mine = as_json("crosswalk", "Tam Ngãi", "--edition", "tra-vinh")
    assert (mine["code"], mine["successors"][0]["code"]) == ("29332", "29335")


def test_an_old_unit_says_where_it_went_and_its_level_then(old: dict) -> None:  # type: ignore[type-arg]
    out = as_json("crosswalk", "29236")
    assert (out["name"], out["edition"]["id"], out["also"]) == ("Phường 4", "tra-vinh", [])
    assert [(s["code"], s["name"], s["edition"]) for s in out["successors"]] == [
        ("29263", "Phường Long Đức", "vinh-long-2025")
    ]
    assert out["level_on"] == "2025-06-30" and out["level"] is None
    thanh_phu = as_json("crosswalk", "29338")
    level = level_of(old["29338"], as_of=EVE)
    assert level is not None and thanh_phu["level"] == level.value
    assert "từ 01/07/2025 thuộc Xã Tam Ngãi (29335)" in thanh_phu["summary"]


def test_a_predecessor_from_ben_tre_has_no_data_here() -> None:
    out = as_json("crosswalk", "Phú Khương")
    assert out["code"] == "28756"
    first = out["predecessors"][0]
    assert (first["code"], first["edition"], first["data"], first["level"]) == (
        "28756", None, False, None
    )  # fmt: skip
    assert first["province_code"] == "83"
    assert "không có số liệu NTM ở đây" in out["summary"]
    assert "không có số liệu NTM ở đây" in run("crosswalk", "28756")
    assert "no NTM data here" in run("crosswalk", "28756", "--lang", "en")


def test_the_listing_is_the_new_edition_s_124_units() -> None:
    out = as_json("crosswalk")
    assert out["edition"]["id"] == "vinh-long-2025"
    units = out["units"]
    assert len(units) == 124
    from_tra_vinh = [u for u in units if any(p["edition"] == "tra-vinh" for p in u["predecessors"])]
    assert len(from_tra_vinh) == 41
    rows = list(csv.DictReader(run("crosswalk", "--format", "csv").splitlines()))
    assert len(rows) == 124 and {"summary", "predecessor_codes", "no_data"} <= set(rows[0])
    chau_thanh = next(r for r in rows if r["code"] == "29374")
    assert chau_thanh["predecessor_codes"] == "29374;29377;29380;29383"
    assert len(as_json("crosswalk", "--edition", "tra-vinh")["units"]) == 104
    assert "124" in run("crosswalk")


def test_english() -> None:
    out = as_json("crosswalk", "29374", "--lang", "en")
    assert out["summary"].startswith("Xã Châu Thành (29374): 4 unit(s) before the reorganisation")
    assert out["summary"].endswith("1 township(s)")
    result = runner.invoke(app, ["crosswalk", "29242", "--lang", "en"])
    assert "no recognition on the new list" in result.stdout
    assert "see it with --edition tra-vinh" in result.stderr


def test_unit_notes_the_unit_of_the_other_edition() -> None:
    result = runner.invoke(app, ["unit", "29242"])
    assert result.exit_code == 0
    assert "Phường 3" in result.stdout and "Phường Trà Vinh" not in result.stdout
    assert "Phường Trà Vinh (29242)" in result.stderr
    assert "--edition vinh-long-2025" in result.stderr
    out = as_json("unit", "29242")
    assert out["name"] == "Phường 3" and out["edition"]["id"] == "tra-vinh"
    also = [(a["edition"], a["name"]) for a in out["also"]]
    assert also == [("vinh-long-2025", "Phường Trà Vinh")]
    # a unit that is in one edition only: the card is as it was
    assert "also" not in as_json("unit", "29284") and "edition" not in as_json("unit", "29284")


def test_unit_on_the_new_edition(store: Path) -> None:
    result = runner.invoke(app, ["unit", "29242", "--edition", "vinh-long-2025"])
    assert result.exit_code == 0, result.output
    assert "Phường Trà Vinh" in result.stdout and "Phường 9" in result.stdout
    assert "chưa có mức công nhận trong danh mục mới" in result.stdout
    assert "Phường 3 (29242)" in result.stderr  # the other edition's unit
    out = as_json("unit", "29242", "--edition", "vinh-long-2025")
    assert (out["name"], out["edition"]["id"], out["returns"]) == (
        "Phường Trà Vinh", "vinh-long-2025", []
    )  # fmt: skip
    assert [p["code"] for p in out["predecessors"]] == ["29239", "29242", "29260"]
    listed = as_json("units", "--edition", "vinh-long-2025")
    assert len([u for u in listed if u["kind"] != "province"]) == 124
    assert any(u["name"] == "Phường Trà Vinh" for u in listed)


@pytest.mark.parametrize("command", [["crosswalk"], ["unit", "29242"], ["units"]])
def test_an_unknown_edition_is_a_usage_error(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--edition", "ben-tre"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "ben-tre" in result.stderr
    assert "tra-vinh" in result.stderr and "vinh-long-2025" in result.stderr
