"""Each level on its own criteria set: the advanced set of QĐ 318 Annex II, the model conditions
of QĐ 319, the district sets of QĐ 320 and the province's of QĐ 321, on forms, imports, gaps and
forecasts, worked by hand on real xlsx files and the real commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import BOOK, CTX, DATA, blank_form, set_for, write
from ntm_cli.cli.app import app
from ntm_cli.domain.models import Level
from ntm_cli.domain.returns import Return
from ntm_cli.engine.forecast import forecast
from ntm_cli.engine.gaps import commune_gap, find_gaps
from ntm_cli.returnform.reader import read_return
from ntm_cli.returnform.writer import FormContext, build_form
from ntm_cli.sources.criteria import load_criteria
from ntm_cli.sources.datadir import BUNDLED
from ntm_cli.sources.output import workbook_bytes

runner = CliRunner()
LONG_DUC = "29263"  # Xã Long Đức: advanced (2022), works towards model
AN_TRUONG_A = "29272"  # Xã An Trường A: NTM, works towards advanced
CANG_LONG = "844"  # Huyện Càng Long: NTM, works towards advanced (the plan's 2025 target)
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(path))
    return path


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def run_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # notes on stderr are not part of the JSON


def names(set_id: str) -> list[str]:
    return [c.name for c in load_criteria(BUNDLED, set_id).criteria]


# the sets, as data ----------------------------------------------------------------------------


def test_the_advanced_set_is_annex_ii_not_annex_i_with_higher_thresholds() -> None:
    ntm, advanced = names("qd318-2022-xa"), names("qd318-2022-xa-nang-cao")
    assert len(ntm) == len(advanced) == 19
    for new in ("Hành chính công", "Tiếp cận pháp luật", "Chất lượng môi trường sống", "Giáo dục"):
        assert new in advanced and new not in ntm
    assert advanced[13] == "Y tế" and ntm[14] == "Y tế"  # criterion 14 there, 15 here
    assert "Trường học" in ntm and "Trường học" not in advanced
    advanced_set = load_criteria(BUNDLED, "qd318-2022-xa-nang-cao")
    assert (advanced_set.level, advanced_set.requires, advanced_set.sure) == (
        Level.ADVANCED, Level.NTM, "1",
    )  # fmt: skip


def test_the_model_set_is_the_advanced_set_and_the_conditions_of_qd_319() -> None:
    model = load_criteria(BUNDLED, "qd319-2022-xa-kieu-mau")
    assert [c.number for c in model.criteria][:19] == [str(n) for n in range(1, 20)]
    assert model.criteria[14].name == "Hành chính công"  # the included Annex II comes first
    conditions = {c.number: c for c in model.criteria[19:]}
    assert list(conditions) == ["ĐK1", "ĐK2", "ĐK3", "ĐK4"]
    assert conditions["ĐK1"].computed is not None  # "meets advanced": the registry knows it
    assert [c.number for c in model.reported][19:] == ["ĐK2", "ĐK3", "ĐK4"]
    assert "10%" in conditions["ĐK2"].name and "nâng cao" in conditions["ĐK2"].name
    assert "mô hình thôn thông minh (ấp thông minh)" in conditions["ĐK3"].name
    assert conditions["ĐK4"].choice == "Lĩnh vực nổi trội"
    assert "Sản xuất" in conditions["ĐK4"].choices and "Chuyển đổi số" in conditions["ĐK4"].choices


def test_the_plan_names_a_set_per_scope_and_level() -> None:
    named = {s: {lv.value: i for lv, i in levels.items()} for s, levels in BOOK.by_scope.items()}
    assert named == {
        "commune": {"ntm": "qd318-2022-xa", "advanced": "qd318-2022-xa-nang-cao",
                    "model": "qd319-2022-xa-kieu-mau"},
        "district": {"ntm": "qd320-2022-huyen", "advanced": "qd320-2022-huyen-nang-cao"},
        "town": {"ntm": "qd320-2022-thi-xa-htnv"},
        "province": {"ntm": "qd321-2022-tinh"},
    }  # fmt: skip
    province = load_criteria(BUNDLED, "qd321-2022-tinh")
    assert len(province.criteria) == 8 and len(province.computed) == 4


def test_a_set_that_includes_itself_is_refused_by_name(data_copy: Path) -> None:
    path = data_copy / "criteria" / "qd318-2022-xa-nang-cao.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("requires: ntm", "requires: ntm\nincludes: "
                                                 "[qd319-2022-xa-kieu-mau]"),
        encoding="utf-8",
    )  # fmt: skip
    out = run("plan", "check", "--data", str(data_copy), code=1)
    assert "qd318-2022-xa-nang-cao.yaml" in out and "thành vòng" in out


def test_a_condition_number_outside_the_pattern_is_refused_with_its_line(data_copy: Path) -> None:
    path = data_copy / "criteria" / "qd319-2022-xa-kieu-mau.yaml"
    text = path.read_text(encoding="utf-8").replace('number: "ĐK3"', 'number: "K3"')
    path.write_text(text, encoding="utf-8")
    out = run("plan", "check", "--data", str(data_copy), code=1)
    line = text.splitlines().index('  - number: "K3"') + 1
    assert f"qd319-2022-xa-kieu-mau.yaml:{line}: conditions[2].number" in out


# forms ----------------------------------------------------------------------------------------


def criteria_rows(raw: bytes) -> list[tuple[str, str]]:
    sheet = load_workbook(io.BytesIO(raw))["Tiêu chí"]
    rows = []
    for row in range(13, 60):
        number = sheet[f"A{row}"].value
        if not number:
            break
        rows.append((str(number), str(sheet[f"B{row}"].value)))
    return rows


def test_a_commune_towards_advanced_gets_the_annex_ii_form() -> None:
    raw = blank_form(AN_TRUONG_A, "2024-06")
    rows = criteria_rows(raw)
    assert [n for n, _ in rows] == [str(n) for n in range(1, 20)]
    assert ("15", "Hành chính công") in rows and ("16", "Tiếp cận pháp luật") in rows
    assert ("18", "Chất lượng môi trường sống") in rows
    book = load_workbook(io.BytesIO(raw))
    assert book["_ntm"]["B4"].value == "qd318-2022-xa-nang-cao"
    assert book["Tiêu chí"]["B9"].value == "NTM nâng cao"
    assert "nâng cao" in book["Tiêu chí"]["B10"].value


def test_a_commune_towards_model_gets_the_conditions_of_qd_319_in_their_words() -> None:
    raw = blank_form(LONG_DUC, "2024-06")
    rows = dict(criteria_rows(raw))
    assert len(rows) == 22 and rows["15"] == "Hành chính công"
    assert "mô hình thôn thông minh" in rows["ĐK3"]
    assert rows["ĐK4"].endswith("(Lĩnh vực nổi trội: chọn ở cột Ghi chú)")
    sheet = load_workbook(io.BytesIO(raw))["Tiêu chí"]
    field_list = [dv for dv in sheet.data_validations.dataValidation if "D34" in str(dv.sqref)]
    assert len(field_list) == 1 and "Sản xuất" in field_list[0].formula1
    assert sheet["B9"].value == "NTM kiểu mẫu"


def fill(code: str, statuses: dict[str, str], notes: dict[str, str] | None = None) -> bytes:
    book = load_workbook(io.BytesIO(blank_form(code, "2024-06")))
    sheet = book["Tiêu chí"]
    for row in range(13, 60):
        number = sheet[f"A{row}"].value
        if not number:
            break
        sheet[f"C{row}"] = statuses.get(str(number), "Đạt")
        if notes and str(number) in notes:
            sheet[f"D{row}"] = notes[str(number)]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_met_outstanding_field_is_named_from_the_list_any_spelling() -> None:
    parsed = read_return(fill(LONG_DUC, {}, {"ĐK4": "san xuat"}), CTX)
    assert not parsed.problems
    (ret,) = parsed.returns
    assert ret.criteria_set == "qd319-2022-xa-kieu-mau"
    assert ret.statuses["ĐK4"] is True and ret.notes["ĐK4"] == "Sản xuất"


def test_a_met_outstanding_field_without_a_field_or_outside_the_list_is_refused() -> None:
    missing = read_return(fill(LONG_DUC, {}), CTX)
    assert [p.text() for p in missing.problems] == [
        '"Tiêu chí"!D34: ĐK4 is met but names no Lĩnh vực nổi trội: choose one of Sản xuất, '
        "Giáo dục, Văn hóa, Du lịch, Cảnh quan môi trường, An ninh trật tự, Chuyển đổi số"
    ]
    wrong = read_return(fill(LONG_DUC, {}, {"ĐK4": "bóng đá"}), CTX)
    assert len(wrong.problems) == 1 and "'bóng đá' is not a Lĩnh vực nổi trội" in (
        wrong.problems[0].text()
    )
    # not met yet: the field the commune pursues may be left blank
    pursuing = read_return(fill(LONG_DUC, {"ĐK4": "Chưa đạt"}), CTX)
    assert not pursuing.problems and pursuing.returns[0].statuses["ĐK4"] is False


def test_a_form_of_the_old_set_is_kept_with_a_warning_never_read_as_the_new_one() -> None:
    unit = DATA.registry.by_code[AN_TRUONG_A]
    old = load_criteria(BUNDLED, "qd318-2022-xa")  # the set every commune had before
    ctx = FormContext(unit, DATA.registry.district_of(unit), "2024-06", old, Level.NTM,
                      Level.ADVANCED)  # fmt: skip
    parsed = read_return(workbook_bytes(build_form(ctx)), CTX)
    assert not parsed.problems
    (ret,) = parsed.returns
    assert ret.criteria_set == "qd318-2022-xa"
    (warning,) = [w for w in parsed.warnings[(AN_TRUONG_A, "2024-06")] if "not counted" in w.text()]
    assert warning.text() == (
        "the form is on Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 "
        "(qd318-2022-xa); in 2024-06 the unit works towards Bộ tiêu chí quốc gia về xã nông thôn "
        "mới nâng cao giai đoạn 2021 - 2025 (qd318-2022-xa-nang-cao): the return is kept but not "
        "counted for that level; send a new form"
    )
    result = find_gaps(DATA.plan, DATA.registry, BOOK, "2024-06", {AN_TRUONG_A: ret}, TODAY)
    advanced = next(s for s in result.levels if s.level is Level.ADVANCED)
    assert [(u.code, s) for u, s in advanced.other_set] == [(AN_TRUONG_A, "qd318-2022-xa")]
    assert AN_TRUONG_A not in {g.unit.code for g in advanced.ready + advanced.near + advanced.far}


def _today() -> dt.date:
    return TODAY


# gaps of the model conditions -----------------------------------------------------------------


def test_the_model_gap_names_the_conditions_a_commune_lacks() -> None:
    model = set_for(LONG_DUC)
    statuses: dict[str, bool | None] = {c.number: True for c in model.reported}
    statuses["ĐK3"] = False  # no smart hamlet yet
    statuses["ĐK2"] = None  # income not assessed
    ret = Return(LONG_DUC, "2024-06", model.id, statuses)
    unit = DATA.registry.by_code[LONG_DUC]
    gap = commune_gap(unit, None, Level.MODEL, ret, model, DATA.registry, _today())
    assert (gap.not_met, gap.blank, gap.gap) == (("ĐK3",), ("ĐK2",), 2)
    # the commune must hold advanced (ĐK1, from the registry): an NTM commune fails it
    ntm_only = DATA.registry.by_code[AN_TRUONG_A]
    gap = commune_gap(ntm_only, None, Level.MODEL, ret, model, DATA.registry, _today())
    assert gap.not_met == ("ĐK1", "ĐK3")


def test_gaps_level_model_lists_the_missing_conditions(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "returns"
    write(folder, "a.xlsx", fill(LONG_DUC, {"ĐK3": "Chưa đạt"}, {"ĐK4": "Sản xuất"}))
    write(
        folder, "b.xlsx", fill("29269", {"ĐK2": "Chưa đạt", "ĐK3": "Chưa đạt"}, {"ĐK4": "Du lịch"})
    )
    run("import", str(folder))
    data = run_json("gaps", "--period", "2024-06", "--level", "model")
    (section,) = data["levels"]
    assert section["towards"] == "model" and section["criteria_set"] == "qd319-2022-xa-kieu-mau"
    near = {g["code"]: g["not_met"] for g in section["near_misses"]}
    assert near == {LONG_DUC: ["ĐK3"], "29269": ["ĐK2", "ĐK3"]}
    table = run("gaps", "--period", "2024-06", "--level", "model")
    assert "ĐK3. Có mô hình thôn thông minh (ấp thông minh)" in table  # its short name
    assert "Quy định xã nông thôn mới kiểu mẫu" in table


# the district return --------------------------------------------------------------------------


def test_district_forms_carry_the_district_sets(tmp_path: Path, store: Path) -> None:
    out = tmp_path / "forms"
    summary = run("template", "--period", "2024-06", "--scope", "district", "--out", str(out))
    assert "Huyện Càng Long" in summary
    files = sorted(p.name for p in out.glob("*.xlsx"))
    assert "2024-06_844_cang-long.xlsx" in files and len(files) == 7  # the seven huyện
    book = load_workbook(out / "2024-06_844_cang-long.xlsx")
    sheet = book["Tiêu chí"]
    assert (sheet["A4"].value, sheet["A6"].value, sheet["B6"].value) == (
        "Mã huyện", "Trực thuộc", "Tỉnh Trà Vinh",
    )  # fmt: skip
    assert book["_ntm"]["B4"].value == "qd320-2022-huyen-nang-cao"
    assert [sheet[f"A{r}"].value for r in range(13, 22)] == [str(n) for n in range(1, 10)]
    assert sheet["A22"].value is None


def test_a_town_that_completed_the_task_needs_no_form(tmp_path: Path, store: Path) -> None:
    # Thành phố Trà Vinh and Thị xã Duyên Hải completed the task; the town set asks nothing the
    # registry does not already answer, so no form is written for them.
    out = run("template", "--period", "2024-06", "--scope", "district", "-u", "842",
              "--out", str(tmp_path / "f"), code=1)  # fmt: skip
    assert "không có gì để báo cáo" in out


def test_a_district_return_is_imported_and_judged_like_a_commune(
    tmp_path: Path, store: Path
) -> None:
    out = tmp_path / "forms"
    run("template", "--period", "2025-03", "--scope", "district", "-u", "Càng Long", "--out",
        str(out))  # fmt: skip
    (form,) = out.glob("*.xlsx")
    book = load_workbook(form)
    sheet = book["Tiêu chí"]
    for row in range(13, 22):
        sheet[f"C{row}"] = "Chưa đạt" if row == 20 else "Đạt"  # 8. Chất lượng môi trường sống
    book.save(tmp_path / "cang-long.xlsx")
    imported = run_json("import", str(tmp_path / "cang-long.xlsx"))
    assert imported["counts"]["imported"] == 1
    data = run_json("gaps", "--period", "2025-03", "--scope", "district")
    (section,) = [s for s in data["levels"] if s["towards"] == "advanced"]
    assert section["criteria_set"] == "qd320-2022-huyen-nang-cao"
    assert [(g["code"], g["not_met"]) for g in section["near_misses"]] == [(CANG_LONG, ["8"])]
    (link,) = section["milestones"]
    assert link["id"] == "2025.cang-long-nang-cao"
    outlook = run_json("forecast", "--year", "2025", "--period", "2025-03")
    (row,) = [r for r in outlook["milestones"] if r["id"] == "2025.cang-long-nang-cao"]
    assert row["near_misses"] == [CANG_LONG] and row["outlook"] == "at risk"
    assert row["basis"] == "1 needed: 0 ready and 1 near-misses"


def test_district_conditions_are_read_from_the_registry() -> None:
    district = load_criteria(BUNDLED, "qd320-2022-huyen")
    cau_ke = DATA.registry.by_code["845"]
    ret = Return("845", "2022-06", district.id, {c.number: True for c in district.reported})
    gap = commune_gap(cau_ke, None, Level.NTM, ret, district, DATA.registry, _today())
    assert gap.not_met == ()  # every commune of Cầu Kè is NTM, more than 10% advanced
    early = commune_gap(cau_ke, None, Level.NTM, ret, district, DATA.registry, dt.date(2015, 1, 1))
    assert early.not_met == ("ĐK1", "ĐK2")  # before any commune was recognised


def test_forecast_of_a_district_without_returns_still_rests_on_the_trend() -> None:
    result = forecast(DATA.plan, DATA.registry, BOOK, {}, _today().replace(year=2025, month=3))
    row = next(r for r in result.rows if r.milestone.id == "2025.cang-long-nang-cao")
    assert not row.by_returns and row.basis != "near"


# plan check and the store ---------------------------------------------------------------------


def test_plan_check_lists_returns_on_a_set_the_level_no_longer_uses(
    tmp_path: Path, store: Path
) -> None:
    run("import", str(write(tmp_path, "a.xlsx", fill(AN_TRUONG_A, {}))))
    with sqlite3.connect(store) as db:  # as an older release stored it: on Annex I
        db.execute("UPDATE returns SET criteria_set = 'qd318-2022-xa'")
    out = run("plan", "check")
    assert "Hợp lệ" in out
    assert "1 phiếu hiện hành viết theo bộ tiêu chí qd318-2022-xa" in out
    assert "29272 (2024-06)" in out and "qd318-2022-xa-nang-cao" in out


def test_a_long_table_names_the_outstanding_field_from_the_list() -> None:
    def table(status: str, note: str) -> bytes:
        rows = [f"{LONG_DUC},2024-06,{n},Đạt," for n in range(1, 20)]
        rows += [f"{LONG_DUC},2024-06,ĐK2,Đạt,", f"{LONG_DUC},2024-06,ĐK3,Đạt,",
                 f"{LONG_DUC},2024-06,ĐK4,{status},{note}"]  # fmt: skip
        return ("unit_code,period,criterion,status,note\n" + "\n".join(rows) + "\n").encode()

    (ret,) = read_return(table("Đạt", "du lich"), CTX).returns
    assert ret.criteria_set == "qd319-2022-xa-kieu-mau" and ret.notes["ĐK4"] == "Du lịch"
    missing = read_return(table("Đạt", ""), CTX).problems
    assert [p.text() for p in missing] == [
        "line 23, note: ĐK4 is met but names no Lĩnh vực nổi trội: choose one of Sản xuất, "
        "Giáo dục, Văn hóa, Du lịch, Cảnh quan môi trường, An ninh trật tự, Chuyển đổi số"
    ]
    wrong = read_return(table("Chưa đạt", "bóng đá"), CTX).problems
    assert len(wrong) == 1 and "'bóng đá' is not a Lĩnh vực nổi trội" in wrong[0].text()
    assert not read_return(table("Chưa đạt", ""), CTX).problems
