"""Each level on its own criteria set: the advanced set of QĐ 318 Annex II, the model conditions
of QĐ 319, the district sets of QĐ 320 and the province's of QĐ 321, on forms, imports, gaps and
forecasts, worked by hand on real xlsx files and the real commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from builders import ADVANCED, MODEL, NTM
from forms import BOOK, CTX, DATA, blank_form, set_for, write
from ntm_cli.cli.app import app
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
        ADVANCED, NTM, "1",
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
    book = load_workbook(io.BytesIO(raw))
    sheet = book["Tiêu chí"]
    field_list = [dv for dv in sheet.data_validations.dataValidation if "D34" in str(dv.sqref)]
    # the list lives on the hidden sheet (a list in the formula would split at commas)
    assert len(field_list) == 1 and field_list[0].formula1 == "'_ntm'!$D$1:$D$7"
    assert [book["_ntm"][f"D{r}"].value for r in range(1, 8)] == [
        "Sản xuất", "Giáo dục", "Văn hóa", "Du lịch", "Cảnh quan môi trường", "An ninh trật tự",
        "Chuyển đổi số",
    ]  # fmt: skip
    assert field_list[0].errorStyle == "warning"  # the decision's list is open ("…")
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
    # QĐ 319's fields are examples ("…"): another field is kept, with a warning to check it
    other = read_return(fill(LONG_DUC, {}, {"ĐK4": "Nông nghiệp hữu cơ"}), CTX)
    assert not other.problems and other.returns[0].notes["ĐK4"] == "Nông nghiệp hữu cơ"
    (warning,) = [w for w in other.warnings[(LONG_DUC, "2024-06")] if w.msg.code ==
                  "form.choice.other"]  # fmt: skip
    assert warning.where() == '"Tiêu chí"!D34'
    # not met yet: the note is the commune's own words, any or none
    note = "Đang hoàn thiện hồ sơ, lĩnh vực du lịch"
    pursuing = read_return(fill(LONG_DUC, {"ĐK4": "Chưa đạt"}, {"ĐK4": note}), CTX)
    assert not pursuing.problems and pursuing.returns[0].statuses["ĐK4"] is False
    assert pursuing.returns[0].notes["ĐK4"] == "Đang hoàn thiện hồ sơ, lĩnh vực du lịch"


def test_a_closed_choice_list_refuses_another_value(data_copy: Path, tmp_path: Path,
                                                    store: Path) -> None:  # fmt: skip
    path = data_copy / "criteria" / "qd319-2022-xa-kieu-mau.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("choices_open: true", "choices_open: false"),
        "utf-8",
    )
    run("template", "--period", "2024-06", "-u", LONG_DUC, "--data", str(data_copy), "--out",
        str(tmp_path / "f"))  # fmt: skip
    (form,) = (tmp_path / "f").glob("*.xlsx")
    book = load_workbook(form)
    sheet = book["Tiêu chí"]
    for row in range(13, 35):
        sheet[f"C{row}"] = "Đạt"
    sheet["D34"] = "bóng đá"
    book.save(tmp_path / "b.xlsx")
    out = run("import", str(tmp_path / "b.xlsx"), "--data", str(data_copy), code=1)
    assert "'bóng đá' không phải Lĩnh vực nổi trội trong danh sách" in out


def test_choices_with_commas_quotes_or_repeats(data_copy: Path) -> None:
    path = data_copy / "criteria" / "qd319-2022-xa-kieu-mau.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('- "Du lịch"', '- "Du lịch, dịch vụ"'), "utf-8")
    assert "Hợp lệ" in run("plan", "check", "--data", str(data_copy))  # a comma is fine now
    path.write_text(text.replace('- "Du lịch"', '- "du lich"\n      - "Du lịch"'), "utf-8")
    out = run("plan", "check", "--data", str(data_copy), code=1)
    assert "'Du lịch' được ghi hai lần" in out or "'du lich' được ghi hai lần" in out


def test_a_form_of_the_old_set_is_kept_with_a_warning_never_read_as_the_new_one() -> None:
    unit = DATA.registry.by_code[AN_TRUONG_A]
    old = load_criteria(BUNDLED, "qd318-2022-xa")  # the set every commune had before
    ctx = FormContext(unit, DATA.registry.district_of(unit), "2024-06", old, NTM,
                      ADVANCED, DATA.plan.ladder)  # fmt: skip
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
    advanced = next(s for s in result.levels if s.level == ADVANCED)
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
    gap = commune_gap(unit, None, MODEL, ret, model, DATA.registry, _today())
    assert (gap.not_met, gap.blank, gap.gap) == (("ĐK3",), ("ĐK2",), 2)
    # the commune must hold advanced (ĐK1, from the registry): an NTM commune fails it
    ntm_only = DATA.registry.by_code[AN_TRUONG_A]
    gap = commune_gap(ntm_only, None, MODEL, ret, model, DATA.registry, _today())
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
    assert row["basis"] == "1 needed: 0 ready and 1 near-miss district-level units"


def test_district_conditions_are_read_from_the_registry() -> None:
    district = load_criteria(BUNDLED, "qd320-2022-huyen")
    cau_ke = DATA.registry.by_code["845"]
    ret = Return("845", "2022-06", district.id, {c.number: True for c in district.reported})
    gap = commune_gap(cau_ke, None, NTM, ret, district, DATA.registry, _today())
    # every commune of Cầu Kè == NTM, but some by results before 2021 (older rules, to be
    # re-checked): ĐK1 is to check, not met; more than 10% are advanced by results of 2021 on
    assert (gap.not_met, gap.blank) == ((), ("ĐK1",))
    older = [u for u in DATA.registry.descendants("845") if u.kind.value == "commune"
             and u.recognitions[NTM].year < 2021]  # fmt: skip
    assert older  # the registry's reason for it
    early = commune_gap(cau_ke, None, NTM, ret, district, DATA.registry, dt.date(2015, 1, 1))
    assert early.not_met == ("ĐK1", "ĐK2")  # before any commune was recognised


def test_forecast_of_a_district_without_returns_still_rests_on_the_trend() -> None:
    result = forecast(DATA.plan, DATA.registry, BOOK, {}, _today().replace(year=2025, month=3))
    row = next(r for r in result.rows if r.milestone.id == "2025.cang-long-nang-cao")
    # a named district has no trend of its own and none of its office's returns: at risk, and
    # no district is counted as "without a return" as communes are
    assert not row.by_returns and (row.basis, row.without_return) == ("no_evidence", 0)
    assert (row.ready, row.near) == ((), ())


def test_a_share_condition_at_its_boundary() -> None:
    import dataclasses

    from ntm_cli.domain.models import Registry

    # Cầu Kè with 10 communes, one advanced by the results of 2022: exactly 10%, met; with the
    # advanced one recognised for 2020 (older rules), to check; with none, not met
    district = load_criteria(BUNDLED, "qd320-2022-huyen")
    dk2 = district.get("ĐK2")
    assert dk2 is not None
    head = DATA.registry.by_code["845"]
    communes = [u for u in DATA.registry.descendants("845") if u.kind.value == "commune"][:10]

    def with_advanced(year: int | None) -> Registry:
        units = [dataclasses.replace(u, recognitions={NTM: u.recognitions[NTM]})
                 for u in communes]  # fmt: skip
        if year is not None:
            first = units[0]
            units[0] = dataclasses.replace(first, recognitions={
                **first.recognitions, ADVANCED: dataclasses.replace(
                    first.recognitions[NTM], year=year, decided_on=None),
            })  # fmt: skip
        return Registry((head, *units))

    from ntm_cli.engine.gaps import computed_met

    assert computed_met(dk2, head, with_advanced(2022), _today()) is True
    assert computed_met(dk2, head, with_advanced(2020), _today()) is None
    assert computed_met(dk2, head, with_advanced(None), _today()) is False


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
    other = read_return(table("Đạt", "Nông nghiệp hữu cơ"), CTX)
    assert not other.problems and other.returns[0].notes["ĐK4"] == "Nông nghiệp hữu cơ"
    assert any(w.msg.code == "form.choice.other" for w in other.warnings[(LONG_DUC, "2024-06")])
    assert not read_return(table("Chưa đạt", "đang làm"), CTX).problems
    assert not read_return(table("Chưa đạt", ""), CTX).problems


def test_a_long_table_names_the_set_its_numbers_are_in() -> None:
    def table(
        rows: list[str], header: str = "unit_code,period,criterion,status,criteria_set"
    ) -> bytes:
        return (header + "\n" + "\n".join(rows) + "\n").encode()

    # An Trường A works towards advanced: a table of an older release numbers its rows in
    # Annex I (5 Trường học); naming the set reads them there, kept apart, never as Annex II
    annex_i = [f"{AN_TRUONG_A},2024-05,{n},Đạt,qd318-2022-xa" for n in range(1, 20)]
    parsed = read_return(table(annex_i), CTX)
    (ret,) = parsed.returns
    assert ret.criteria_set == "qd318-2022-xa"
    codes = [w.msg.code for w in parsed.warnings[(AN_TRUONG_A, "2024-05")]]
    assert codes == ["form.criteria_set_other"]  # said once for the return, not on every row
    # without the column the numbers are read in the level's set, and the table is told so
    plain = [f"{AN_TRUONG_A},2024-05,{n},Đạt" for n in range(1, 20)]
    parsed = read_return(table(plain, "unit_code,period,criterion,status"), CTX)
    assert parsed.returns[0].criteria_set == "qd318-2022-xa-nang-cao"
    assert [w.msg.code for w in parsed.warnings[(AN_TRUONG_A, "2024-05")]] == [
        "long.criteria_set.assumed"
    ]
    # a set the plan does not have for the commune, or two sets for one month, are refused
    wrong = read_return(table([f"{AN_TRUONG_A},2024-05,1,Đạt,qd320-2022-huyen"]), CTX)
    assert [p.where() for p in wrong.problems] == ["line 2, criteria_set"]
    mixed = annex_i[:3] + [f"{AN_TRUONG_A},2024-05,4,Đạt,qd318-2022-xa-nang-cao"]
    problems = read_return(table(mixed), CTX).problems
    assert [p.msg.code for p in problems] == ["long.criteria_set.mixed"]


def test_plan_check_refuses_a_set_named_for_another_scope_or_level(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("advanced: qd318-2022-xa-nang-cao", "advanced: qd320-2022-huyen"),
                    encoding="utf-8")  # fmt: skip
    out = run("plan", "check", "--data", str(data_copy), "--lang", "en", code=1)
    assert "criteria.commune.advanced: set qd320-2022-huyen is for district, not commune" in out
    plan.write_text(text.replace("advanced: qd318-2022-xa-nang-cao", "advanced: qd318-2022-xa"),
                    encoding="utf-8")  # fmt: skip
    out = run("plan", "check", "--data", str(data_copy), "--lang", "en", code=1)
    assert "criteria.commune.advanced: set qd318-2022-xa judges level NTM, not" in out


def test_a_set_including_two_sets_that_share_numbers_is_refused(data_copy: Path) -> None:
    path = data_copy / "criteria" / "qd319-2022-xa-kieu-mau.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "includes: [qd318-2022-xa-nang-cao]", "includes: [qd318-2022-xa, qd318-2022-xa-nang-cao]"
    )
    path.write_text(text, encoding="utf-8")
    out = run("plan", "check", "--data", str(data_copy), "--lang", "en", code=1)
    assert "qd319-2022-xa-kieu-mau.yaml: number 1 is already in an included set" in out


def test_returns_on_an_older_set_are_not_counted_as_missing(tmp_path: Path, store: Path) -> None:
    run("import", str(write(tmp_path, "a.xlsx", fill(AN_TRUONG_A, {}))))
    with sqlite3.connect(store) as db:  # as an older release stored it: on Annex I
        db.execute("UPDATE returns SET criteria_set = 'qd318-2022-xa'")
    card = run("unit", AN_TRUONG_A, "--lang", "en")
    assert "The return is on set qd318-2022-xa, not qd318-2022-xa-nang-cao" in card
    data = run_json("forecast", "--year", "2025", "--period", "2024-06")
    (row,) = [r for r in data["milestones"] if r["id"] == "2025.xa-nang-cao-ty-le"]
    assert row["other_set"] == 1 and "with a return on another criteria set" in row["basis"]
