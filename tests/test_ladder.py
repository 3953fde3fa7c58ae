"""The ladder of levels is data of the plan: another ladder is a new data folder, not new code.

The folder built here has the two rungs of the 2026–2030 programme's commune levels (xã nông thôn
mới, xã nông thôn mới hiện đại: QĐ 51/2025/QĐ-TTg, Annex II pilot): Plan 69's registry with its
advanced years read as "hiện đại" years (illustrative: only the shape of the data is tested), a
small criteria set of that level, and two milestones. Everything runs through the real CLI.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from builders import LADDER
from ntm_cli.cli.app import app
from ntm_cli.domain.models import Ladder, Recognition, Rung, Unit, UnitKind, illustrative_levels
from ntm_cli.domain.status import at_least, level_of
from ntm_cli.sources.datadir import BUNDLED

runner = CliRunner()

TARGETS = """\
plan:
  id: thu-nghiem-2026-2030
  number: "1/KH-THU"
  title: "Kế hoạch thử nghiệm hai mức (dữ liệu minh họa)"
  area: "84"
  period: {start: 2021, end: 2030}
levels:
  - id: ntm
    name: Nông thôn mới
    short: NTM
    phrase: chuẩn NTM
    task: Hoàn thành nhiệm vụ xây dựng NTM
    task_short: HTNV
  - id: modern
    name: NTM hiện đại
    name_en: Modern NTM
    short: Hiện đại
    short_en: Modern
    phrase: chuẩn NTM hiện đại
    phrase_en: modern NTM
    words: [hiện đại, xã nông thôn mới hiện đại]
criteria:
  commune:
    ntm: qd318-2022-xa
    modern: thu-xa-hien-dai
milestones:
  - id: "2025.xa-hien-dai"
    year: 2025
    kind: count
    scope: commune
    level: hiện đại
    target: 40
    wording: "Có 40 xã đạt chuẩn nông thôn mới hiện đại"
  - id: "2025.cau-ke"
    year: 2025
    kind: unit
    unit: "845"
    level: modern
    wording: "Huyện Cầu Kè đạt chuẩn nông thôn mới hiện đại"
"""

CRITERIA = """\
id: thu-xa-hien-dai
title: "Bộ tiêu chí xã nông thôn mới hiện đại (minh họa)"
decision: "51/2025/QĐ-TTg"
scope: commune
level: modern
requires: ntm
sure: unconfirmed
groups:
  - {id: "I", name: "Tiêu chí (minh họa)"}
criteria:
  - {number: "1", group: "I", name: "Quy hoạch"}
  - {number: "2", group: "I", name: "Chuyển đổi số"}
"""


def _registry(columns: dict[str, str], keep: tuple[str, ...] = ()) -> str:
    """The bundled registry with its columns renamed (`columns`) and the level columns of
    other rungs left out (unless kept)."""
    rows = list(csv.DictReader(io.StringIO((BUNDLED / "units.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    other = ("advanced_", "model_")
    header = [columns.get(c, c) for c in rows[0]
              if c in columns or c in keep or not c.startswith(other)]  # fmt: skip
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    back = {v: k for k, v in columns.items()}
    for row in rows:
        writer.writerow({h: row[back.get(h, h)] for h in header})
    return out.getvalue()


MODERN = {f"advanced_{s}": f"modern_{s}" for s in ("year", "decision", "decided_on")}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "criteria").mkdir(parents=True)
    shutil.copy(BUNDLED / "criteria" / "qd318-2022-xa.yaml", data / "criteria")
    (data / "criteria" / "thu-xa-hien-dai.yaml").write_text(CRITERIA, encoding="utf-8")
    (data / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    (data / "units.csv").write_text(_registry(MODERN), encoding="utf-8")
    return data


def _bundled(kind: str | None = None) -> list[dict[str, str]]:
    text = (BUNDLED / "units.csv").read_text(encoding="utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if kind is None or r["kind"] == kind]


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_a_plan_with_another_ladder_checks_and_measures(folder: Path) -> None:
    assert "Hợp lệ: 1/KH-THU, 2 chỉ tiêu" in run("plan", "check", "--data", str(folder))
    data = json.loads(run("progress", "--data", str(folder), "--year", "2025", "-f", "json"))
    results = {r["id"]: r for r in data["milestones"]}
    # the communes with an advanced year in the bundled registry, read here as "hiện đại"
    modern = sum(1 for r in _bundled("Xã") if r["advanced_year"])
    assert modern == 51
    share = results["2025.xa-hien-dai"]
    assert (share["level"], share["required"], share["actual"]) == ("modern", 40, modern)
    assert results["2025.cau-ke"]["level"] == "modern"
    assert results["2025.cau-ke"]["status"] in ("achieved", "achieved_early")
    table = run("progress", "--data", str(folder), "--year", "2025")
    assert "hiện đại" in table and "nâng cao" not in table


def test_units_and_the_unit_card_speak_the_plans_rungs(folder: Path) -> None:
    text = run("units", "--data", str(folder), "--level", "hien dai", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "modern_year" in rows[0] and "advanced_year" not in rows[0]
    assert len(rows) == sum(1 for r in _bundled() if r["advanced_year"])
    card = run("unit", "29263", "--data", str(folder))  # Long Đức: advanced 2021 in Plan 69
    assert "NTM hiện đại" in card and "kiểu mẫu" not in card
    english = run("units", "--data", str(folder), "--level", "modern", "--lang", "en")
    assert "Modern" in english


def test_a_form_offers_the_plans_rungs(folder: Path, tmp_path: Path) -> None:
    at_ntm = next(r for r in _bundled("Xã") if r["ntm_year"] and not r["advanced_year"])
    out = tmp_path / "forms"
    run("template", "--data", str(folder), "--period", "2025-03", "-u", at_ntm["code"],
        "--out", str(out))  # fmt: skip
    (form,) = out.glob("*.xlsx")
    book = load_workbook(form)
    sheet = book["Tiêu chí"]
    assert sheet["B8"].value == "Nông thôn mới"
    assert sheet["B9"].value == "NTM hiện đại"  # the level it works towards
    assert [sheet[f"B{r}"].value for r in (13, 14)] == ["Quy hoạch", "Chuyển đổi số"]
    other = book["Kết quả khác"]
    (choices,) = [v.formula1 for v in other.data_validations.dataValidation if "NTM" in v.formula1]
    assert choices == '"Nông thôn mới,NTM hiện đại"'


def test_a_registry_column_of_a_rung_the_plan_does_not_have_is_a_problem(folder: Path) -> None:
    (folder / "units.csv").write_text(_registry(MODERN, keep=("model_year",)), encoding="utf-8")
    out = run("plan", "check", "--data", str(folder), "--lang", "en", code=1)
    assert "column 'model_year' is not known" in out


def test_a_criteria_set_of_a_level_the_plan_does_not_have_is_a_problem(folder: Path) -> None:
    path = folder / "criteria" / "thu-xa-hien-dai.yaml"
    path.write_text(CRITERIA.replace("level: modern", "level: advanced"), encoding="utf-8")
    out = run("plan", "check", "--data", str(folder), "--lang", "en", code=1)
    assert "set thu-xa-hien-dai names level 'advanced', not one of the plan's levels" in out


# the ladder itself ----------------------------------------------------------------------------

TWO = Ladder((
    Rung("ntm", "Nông thôn mới", "NTM", "chuẩn NTM", words=("nông thôn mới",)),
    Rung("modern", "NTM hiện đại", "Hiện đại", "chuẩn NTM hiện đại", short_en="Modern",
         words=("hiện đại",)),
))  # fmt: skip


def test_a_ladder_reads_its_ids_and_words_with_or_without_diacritics() -> None:
    ntm, modern = TWO.levels
    assert (ntm.rank, modern.rank) == (1, 2)
    for text in ("modern", "Hiện đại", "hien dai", "HIỆN ĐẠI", "NTM hiện đại", "Modern"):
        assert TWO.parse(text) is modern
    assert TWO.parse("Nông thôn mới") is ntm
    with pytest.raises(ValueError):
        TWO.parse("nâng cao")
    assert TWO.above(None) is ntm and TWO.above(ntm) is modern and TWO.above(modern) is None
    assert LADDER.parse("kieu mau").value == "model" and LADDER.parse("nâng cao").rank == 2


def test_levels_climb_and_revoke_on_any_ladder() -> None:
    ntm, modern = TWO.levels
    unit = Unit("1", "Xã A", UnitKind.COMMUNE, "01",
                recognitions={ntm: Recognition(2022), modern: Recognition(2026)},
                revoked_level=modern, revoked_on=dt.date(2028, 5, 1))  # fmt: skip
    assert level_of(unit, 2025) is ntm
    assert level_of(unit, 2027) is modern
    assert level_of(unit, as_of=dt.date(2028, 5, 1)) is ntm  # revoked: one rung below
    assert at_least(level_of(unit, 2027), ntm)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("năm đạt NTM hiện đại là minh họa", {"modern"}),
        ("NTM year illustrative", {"ntm"}),
        ("năm đạt nông thôn mới và hiện đại là minh họa", {"ntm", "modern"}),
        ("minh họa", {"ntm", "modern"}),
    ],
)
def test_a_note_names_illustrative_years_in_the_ladders_words(note: str, expected: set) -> None:  # type: ignore[type-arg]
    assert {lv.value for lv in illustrative_levels(note, TWO)} == expected
