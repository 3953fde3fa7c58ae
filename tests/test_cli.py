"""The commands through CliRunner on the bundled data; numbers checked by hand in units.csv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_cli import __version__
from ntm_cli.cli.app import app
from ntm_cli.cli.output import Format
from ntm_cli.domain.i18n import Lang

runner = CliRunner()


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def milestones(*args: str) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads(run("progress", "--format", "json", *args))
    return {m["id"]: m for m in data["milestones"]}


def brief(m: dict) -> tuple:  # type: ignore[type-arg]
    return (m["required"], m["actual"], m["denominator"], m["shortfall"], m["status"])


def test_2022_by_result_year() -> None:
    ms = milestones("--year", "2022")
    assert brief(ms["2022.xa-ntm-them"]) == (3, 3, 85, 0, "achieved")
    assert brief(ms["2022.xa-nang-cao-them"]) == (10, 11, 85, 0, "achieved")
    # Cầu Ngang and huyện Duyên Hải: result 2022 in the registry
    assert ms["2022.huyen-ntm-them"]["counted"] == ["848", "850"]


def test_2023_by_result_year() -> None:
    ms = milestones("--year", "2023")
    assert list(ms) == [
        "2023.huyen-ntm-them", "2023.huyen-ntm-tong",
        "2023.cau-ke-nang-cao", "2023.xa-nang-cao-ty-le",
    ]  # fmt: skip
    assert ms["2023.huyen-ntm-them"]["counted"] == ["849"]  # Trà Cú, QĐ 288/QĐ-TTg
    assert brief(ms["2023.huyen-ntm-tong"]) == (9, 9, 9, 0, "achieved")
    cau_ke = ms["2023.cau-ke-nang-cao"]
    assert (cau_ke["unit_code"], cau_ke["status"], cau_ke["early"]) == ("845", "achieved", False)
    # 50% of 85 rounds up to 43; 44 communes advanced by result 2023
    assert brief(ms["2023.xa-nang-cao-ty-le"]) == (43, 44, 85, 0, "achieved")
    assert len(ms["2023.xa-nang-cao-ty-le"]["missing"]) == 85 - 44


def test_2024_as_of_mid_year_counts_by_decision_date() -> None:
    ms = milestones("--year", "2024", "--as-of", "2024-06-30")
    tieu_can = ms["2024.tieu-can-nang-cao"]  # result 2023, QĐ of 20/6/2024: in, and early
    assert (tieu_can["status"], tieu_can["early"], tieu_can["counted"]) == (
        "achieved",
        True,
        ["846"],
    )
    # the 7 communes of result 2024 have no decision yet on 30/6/2024: 44 of the 51 needed
    assert brief(ms["2024.xa-nang-cao-ty-le"]) == (51, 44, 85, 7, "open")
    before = milestones("--year", "2024", "--as-of", "2024-06-19")
    assert before["2024.tieu-can-nang-cao"]["status"] == "open"


def test_2025_results_not_in_the_registry_show_as_missed() -> None:
    ms = milestones("--year", "2025")
    assert brief(ms["2025.xa-nang-cao-ty-le"]) == (60, 51, 85, 9, "missed")
    assert ms["2025.cang-long-nang-cao"]["missing"] == ["844"]
    assert ms["2025.huyen-kieu-mau"]["binding"] is False


def test_the_aspirational_model_district_is_not_yet_against_its_target() -> None:
    # 2025.huyen-kieu-mau, "phấn đấu": 0 district-level units at model NTM of the 1 required
    aspired = milestones("--year", "2025")["2025.huyen-kieu-mau"]
    assert brief(aspired) == (1, 0, 9, 1, "missed")  # the status field keeps its values
    assert aspired["verdict"] == "not_yet"
    row = next(line for line in run("progress", "--year", "2025").splitlines()
               if line.lstrip().startswith("Phấn đấu có 01"))  # fmt: skip
    assert row.split()[-7:] == ["1", "0/1", "1", "Chưa", "đạt", "(phấn", "đấu)"]
    assert "1/9" not in row and "0/9" not in row and "Không đạt" not in row
    en = run("progress", "--year", "2025", "--lang", "en")
    assert "Not yet (aspirational)" in en
    lines = run("progress", "--year", "2025", "-f", "csv").splitlines()
    (aspired_csv,) = [line for line in lines if line.startswith("2025.huyen-kieu-mau,")]
    assert lines[0].endswith(",verdict") and aspired_csv.endswith(",not_yet")


def test_the_2023_results_await_recognition_on_31_march_2024() -> None:
    # By decision date on 31/3/2024: Trà Cú (QĐ 288/QĐ-TTg of 08/4/2024) and Cầu Kè advanced
    # (QĐ 547/QĐ-TTg of 20/6/2024) are not yet decided, 40 communes advanced of the 43 needed;
    # decisions on the 2023 results are expected until 30/06/2024 (targets.yaml)
    ms = milestones("--year", "2023", "--as-of", "2024-03-31")
    assert {m["id"]: (m["actual"], m["status"], m["verdict"]) for m in ms.values()} == {
        "2023.huyen-ntm-them": (0, "missed", "awaiting"),
        "2023.huyen-ntm-tong": (8, "missed", "awaiting"),
        "2023.cau-ke-nang-cao": (0, "missed", "awaiting"),
        "2023.xa-nang-cao-ty-le": (40, "missed", "awaiting"),
    }
    table = run("progress", "--year", "2023", "--as-of", "2024-03-31", "--check")
    assert table.count("Chờ công nhận") == 5 and "Không đạt" not in table  # 4 rows, the note
    assert "30/06/2024 (mục recognition của targets.yaml)" in table
    en = run("progress", "--year", "2023", "--as-of", "2024-03-31", "--lang", "en")
    assert en.count("Awaiting recognition") == 5
    # the 2022 milestones, met, stay achieved; by 1/7/2024 the 2023 decisions were all signed
    met = milestones("--year", "2022", "--as-of", "2024-03-31")
    assert {m["verdict"] for m in met.values()} == {"achieved"}
    july = milestones("--year", "2023", "--as-of", "2024-07-01")
    assert {m["verdict"] for m in july.values()} == {"achieved"}


def test_all_years_json_and_table() -> None:
    data = json.loads(run("progress", "--all-years", "-f", "json"))
    assert data["year"] is None
    assert len(data["milestones"]) == 13
    table = run("progress", "--all-years")
    assert "tổng kết giai đoạn 2021–2025" in table
    assert "Huyện Tiểu Cần đạt chuẩn NTM nâng cao" in table
    assert "Đạt sớm" in table


def test_json_shape_is_the_documented_one() -> None:
    data = json.loads(run("progress", "--year", "2024", "-f", "json"))
    assert set(data) == {"plan", "year", "as_of", "status_date", "latest_result_year", "milestones"}
    assert data["latest_result_year"] == 2024
    assert data["plan"]["number"] == "69/KH-UBND"
    assert data["status_date"] == "2026-11-29"
    for m in data["milestones"]:
        assert {"id", "year", "scope", "level", "kind", "target", "binding", "required", "actual",
                "denominator", "shortfall", "status", "counted", "missing"} <= set(m)  # fmt: skip
        assert m["kind"] in {"count", "increase", "share", "unit"}
        assert m["scope"] in {"commune", "district", "unit"}
        assert m["level"] in {"ntm", "advanced", "model"}
        assert ("unit_code" in m) == (m["kind"] == "unit")


def test_table_in_vietnamese_and_english() -> None:
    vi = run("progress", "--year", "2024", "--as-of", "2024-06-30")
    assert "69/KH-UBND · năm 2024" in vi
    assert "theo ngày quyết định, tính đến 30/06/2024" in vi
    assert "Có 60% số xã đạt chuẩn nông thôn mới nâng cao" in vi
    assert "60% = 51/85" in vi and "44 (51,8%)" in vi and "Đang thực hiện" in vi
    en = run("progress", "--year", "2024", "--as-of", "2024-06-30", "--lang", "en")
    assert "60% of communes at advanced NTM" in en and "44 (51.8%)" in en and "Open" in en


def test_csv_has_one_row_per_milestone() -> None:
    lines = run("progress", "--year", "2023", "-f", "csv").splitlines()
    assert lines[0].startswith("id,year,scope,level,kind,target,binding")
    assert len(lines) == 5


def test_check_exits_1_only_when_a_binding_milestone_is_missed() -> None:
    run("progress", "--year", "2023", "--check")
    out = run("progress", "--year", "2025", "--check", code=1)
    assert "--check: 2 chỉ tiêu bắt buộc không đạt: 2025.cang-long-nang-cao, 2025.xa-nang" in out


def test_an_as_of_date_after_today_is_warned_about() -> None:
    out = run("progress", "--as-of", "2027-01-01")
    assert "Cảnh báo: --as-of 01/01/2027 sau ngày hôm nay (29/11/2026)" in out


def test_units_as_of_a_year_and_not_yet_at_ntm() -> None:
    out = run("units", "-d", "845", "--year", "2018")
    assert "2019" not in out and "2022" not in out  # later result years are not shown
    pending = json.loads(run("units", "--level", "none", "--year", "2020", "-f", "json"))
    assert {u["kind"] for u in pending} == {"commune", "district"}  # wards never hold a level
    assert len(pending) == (85 - 69) + 3  # Cầu Ngang, Trà Cú and huyện Duyên Hải


def test_bad_options_are_usage_errors() -> None:
    result = runner.invoke(app, ["progress", "--as-of", "2024/06/30"])
    assert result.exit_code == 2
    assert "--as-of: '2024/06/30' không phải ngày" in result.output
    english = runner.invoke(app, ["progress", "--as-of", "2024/06/30", "--lang", "en"])
    assert "Error: --as-of: '2024/06/30' is not a date; write YYYY-MM-DD" in english.output
    assert milestones("-y", "2024", "--as-of", "30/06/2024") == milestones(
        "-y", "2024", "--as-of", "2024-06-30"
    )
    assert run("units", "--level", "nâng cao", "-f", "csv") == run(
        "units", "--level", "advanced", "-f", "csv"
    )
    result = runner.invoke(app, ["units", "--level", "cao"])
    assert result.exit_code == 2
    assert "--level: 'cao' không phải mức đạt chuẩn" in result.output
    result = runner.invoke(app, ["progress", "--year", "2024", "--all-years"])
    assert result.exit_code == 2


def test_a_year_outside_the_plan_is_an_error() -> None:
    result = runner.invoke(app, ["progress", "--year", "2030"])
    assert result.exit_code == 1
    assert "Lỗi: năm 2030 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)" in result.output
    english = runner.invoke(app, ["progress", "--year", "2030", "--lang", "en"])
    assert "Error: 2030 is outside plan 69/KH-UBND (2021–2025)" in english.output


def test_data_folder_from_option_and_environment(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "targets.yaml").write_text(
        (data_copy / "targets.yaml")
        .read_text(encoding="utf-8")
        .replace("target: 60", "target: 40"),
        encoding="utf-8",
    )
    ms = json.loads(run("progress", "-y", "2024", "-f", "json", "--data", str(data_copy)))
    assert ms["milestones"][1]["required"] == 34  # 40% of 85
    ms = json.loads(run("progress", "-y", "2024", "-f", "json", env={"NTM_DATA": str(data_copy)}))
    assert ms["milestones"][1]["required"] == 34
    result = runner.invoke(app, ["progress", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "không có thư mục này" in result.output


def test_units_filters() -> None:
    out = json.loads(run("units", "--district", "cau ke", "--level", "advanced", "-f", "json"))
    assert [u["code"] for u in out] == [
        "845",
        "29311",
        "29314",
        "29317",
        "29320",
        "29326",
        "29329",
        "29338",
    ]
    for query in ("Cầu Kè", "H. Cầu Kè", "845", "huyen cau ke", "CẦU KÈ"):
        out = json.loads(run("units", "--district", query, "--kind", "Xã", "-f", "json"))
        assert len(out) == 10, query
    hoa = json.loads(run("units", "--search", "Hòa Tân", "-f", "json"))
    assert [u["name"] for u in hoa] == ["Xã Hoà Tân"]  # the GSO list writes the old style
    assert len(json.loads(run("units", "-s", "hoa tan", "-f", "json"))) == 1
    none = json.loads(
        run("units", "--level", "none", "--kind", "commune", "--year", "2020", "-f", "json")
    )
    assert len(none) == 85 - 69


def test_units_distinguish_similar_names() -> None:
    an_truong = json.loads(run("units", "-s", "An Trường", "-f", "json"))
    assert [u["name"] for u in an_truong] == ["Xã An Trường A", "Xã An Trường"]
    dinh_an = json.loads(run("units", "-s", "TT Định An", "-f", "json"))
    assert [u["code"] for u in dinh_an] == ["29462"]
    ward = json.loads(run("units", "-d", "TP Trà Vinh", "-s", "P.01", "-f", "json"))
    assert [u["name"] for u in ward] == ["Phường 1"]


def test_ambiguous_or_unknown_district_lists_candidates() -> None:
    result = runner.invoke(app, ["units", "--district", "Duyên Hải"])
    assert result.exit_code == 1
    assert "trùng 2 đơn vị: Huyện Duyên Hải (850), Thị xã Duyên Hải (851)" in result.output
    result = runner.invoke(app, ["units", "--district", "Cau"])
    assert result.exit_code == 1
    assert "gần đúng: Huyện Cầu Kè (845), Huyện Cầu Ngang (848)" in result.output
    result = runner.invoke(app, ["units", "--kind", "tỉnh thành"])
    assert result.exit_code == 2


def test_units_table_marks_illustrative_rows() -> None:
    out = run("units", "-d", "845")
    assert "Xã Hòa Ân *" in out and "Huyện Cầu Kè" in out
    assert "dòng có số liệu minh họa" in out
    assert "rows hold illustrative, not published, figures" in run(
        "units", "-d", "845", "--lang", "en"
    )
    assert "*" not in run("units", "-d", "845", "--kind", "Thị trấn")  # no illustrative row


def test_a_units_note_is_shown_in_the_language_of_the_output(data_copy: Path) -> None:
    vi, en = run("unit", "29443"), run("unit", "29443", "--lang", "en")  # Xã Long Sơn
    assert "Quyết định 834/QĐ-UBND hoặc 835/QĐ-UBND ngày 09/5/2022 (đã công bố)" in vi
    assert "of 09/5/2022 (published)" not in vi
    assert "834/QĐ-UBND or 835/QĐ-UBND of 09/5/2022 (published)" in en
    assert "(đã công bố)" not in en
    listed = json.loads(run("units", "--search", "Long Sơn", "-f", "json"))
    assert listed[0]["source"].startswith("đạt chuẩn NTM năm 2021")
    assert listed[0]["source_en"].startswith("NTM result 2021")
    # a registry of before source_en (one note, in English) stays valid and is shown as it is
    units = data_copy / "units.csv"
    rows = units.read_text(encoding="utf-8").splitlines()
    old = [",".join(line.split(",")[:13]) + ',"NTM result 2021 (published), illustrative"'
           if i else line.replace(",source_en", "")
           for i, line in enumerate(rows)]  # fmt: skip
    units.write_text("\n".join(old) + "\n", encoding="utf-8")
    assert "Lỗi" not in run("plan", "check", "--data", str(data_copy))
    for lang in ("vi", "en"):
        card = run("unit", "29443", "--lang", lang, "--data", str(data_copy))
        assert "NTM result 2021 (published), illustrative" in card
    assert "114 dòng số liệu minh họa" in run("progress", "--data", str(data_copy))


def test_plan_check_passes_on_the_bundled_data() -> None:
    assert "Hợp lệ: 69/KH-UBND, 13 chỉ tiêu; 114 đơn vị (85 xã)." in run("plan", "check")


def test_plan_check_names_every_problem_in_a_broken_copy(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('unit: "846"', 'unit: "999"').replace("level: model", "level: xuất sắc")
    plan.write_text(text, encoding="utf-8")
    at = text.splitlines().index("    level: xuất sắc") + 1  # the line of milestones[11].level
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    assert result.exit_code == 1
    at = line_of(plan, "level: xuất sắc")
    assert (
        f"{plan}:{at}: milestones[11].level: 'xuất sắc' không phải mức đạt chuẩn của kế hoạch; "
        "các mức (levels trong targets.yaml): ntm, advanced, model"
    ) in result.output
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert (
        f"{plan}:{at}: milestones[11].level: 'xuất sắc' is not a level of the plan; its levels "
        "(levels: in targets.yaml): ntm, advanced, model" in result.output
    )

    plan.write_text(text.replace("level: xuất sắc", "level: model"), encoding="utf-8")
    units = data_copy / "units.csv"
    text = units.read_text(encoding="utf-8")
    for old, new in [
        ("29239,Phường 1,", "29236,Phường 1,"),  # line 5: duplicate code of line 4
        ("Thị trấn Càng Long,Thị trấn,844,", "Thị trấn Càng Long,Thị trấn,899,"),  # 13: no parent
        ("Xã Mỹ Cẩm,Xã,844,2017,", "Xã Mỹ Cẩm,Xã,844,1985,"),  # 14: year out of range
        ("Xã An Trường A,Xã,844,", "Xã An Trường A,Xã,29263,"),  # 15: parent of the wrong kind
        ("Xã An Trường,Xã,844,2015,2019,", "Xã An Trường,Xã,844,2020,2019,"),  # 16: ladder
    ]:
        assert old in text
        text = text.replace(old, new)
    units.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    assert result.exit_code == 1
    out = result.output  # Vietnamese by default, every line of it
    assert "6 lỗi:" in out, out
    assert f"{plan}:" in out and "milestones[7].unit: '999' không phải đơn vị trong" in out
    assert f"{units}:5: code: mã 29236 trùng với dòng 4; mỗi mã chỉ dùng một lần" in out
    assert f"{units}:13: parent_code: 899 không phải đơn vị trong sổ đơn vị" in out
    assert f"{units}:14: ntm_year: năm 1985 nằm ngoài khoảng 1990–2100" in out
    assert (
        f"{units}:15: parent_code: 29263 là xã (Xã Long Đức); "
        "đơn vị cấp trên của xã phải là đơn vị cấp huyện hoặc tỉnh"
    ) in out
    assert (
        f"{units}:16: advanced_year: năm 2019 sớm hơn năm đạt Nông thôn mới (2020); đơn vị phải "
        "đạt Nông thôn mới trước"
    ) in out
    for english in (" is ", " the ", " not ", "Input should"):
        assert english not in out.replace(str(data_copy), ""), out
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    out = result.output
    assert f"{plan}:" in out and "milestones[7].unit: '999' is not a unit of" in out
    assert f"{units}:5: code: 29236 is also on line 4; codes are unique" in out
    assert f"{units}:13: parent_code: 899 is not a unit of the registry" in out
    assert f"{units}:14: ntm_year: 1985 is outside 1990–2100" in out
    assert (
        f"{units}:15: parent_code: 29263 is a commune (Xã Long Đức); "
        "the parent of a commune is a district-level unit or the province"
    ) in out
    assert (
        f"{units}:16: advanced_year: 2019 is before ntm_year 2020; a unit reaches ntm first" in out
    )
    assert "6 problem(s):" in out, out
    # the other commands refuse the same data, listing the problems
    result = runner.invoke(app, ["progress", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "dữ liệu có 6 lỗi" in result.output
    assert "mỗi mã chỉ dùng một lần" in result.output


def test_version() -> None:
    assert run("--version").strip() == f"ntm {__version__}"


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", list(Lang))
def test_every_output_format_and_language(fmt: Format, lang: Lang, tmp_path: Path) -> None:
    for command in (
        ["progress", "-y", "2024"],
        ["progress", "--all-years"],
        ["units", "-d", "846"],
    ):
        args = [*command, "--format", fmt.value, "--lang", lang.value]
        if fmt is Format.XLSX:
            out = tmp_path / f"{command[0]}-{len(command)}.xlsx"
            code = 2 if command[0] == "units" else 0  # units prints; it writes no workbook
            run(*args, "--out", str(out), code=code)
            assert out.exists() == (code == 0)
            continue
        out = run(*args)
        assert out.strip()
        if fmt is Format.JSON:
            json.loads(out)


def test_a_year_with_no_result_in_the_registry_is_flagged() -> None:
    out = run("progress", "--year", "2025")
    assert "Sổ đơn vị chưa có kết quả nào của năm 2025 (mới nhất: 2024)" in out
    assert "no result of 2025 yet" in run("progress", "--all-years", "--lang", "en")
    assert "chưa có kết quả" not in run("progress", "--year", "2024")


def test_names_that_begin_like_a_prefix_are_found() -> None:
    for query in ("Phương Thạnh", "phuong thanh", "Xã Phương Thạnh", "Huyền Hội"):
        found = json.loads(run("units", "-s", query, "-f", "json"))
        assert len(found) == 1, query
    assert json.loads(run("units", "-s", "Phương Thạnh", "-f", "json"))[0]["code"] == "29290"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The line (1-based) where `text` occurs the `nth` time in the file."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if text in line]  # fmt: skip
    return lines[nth - 1]


ASPIRATIONAL_2024 = """
  - id: "2024.xa-kieu-mau-phan-dau"
    year: 2024
    kind: share
    scope: commune
    level: model
    target: 50
    binding: false
    wording: "Phấn đấu 50% số xã đạt chuẩn nông thôn mới kiểu mẫu"
"""


def test_check_ignores_a_missed_aspirational_milestone(data_copy: Path) -> None:
    with (data_copy / "targets.yaml").open("a", encoding="utf-8") as f:
        f.write(ASPIRATIONAL_2024)
    ms = milestones("-y", "2024", "--data", str(data_copy))
    assert ms["2024.xa-kieu-mau-phan-dau"]["status"] == "missed"
    run("progress", "-y", "2024", "--check", "--data", str(data_copy))


def test_all_years_keeps_two_milestones_of_one_indicator(data_copy: Path) -> None:
    with (data_copy / "targets.yaml").open("a", encoding="utf-8") as f:
        f.write(ASPIRATIONAL_2024.replace("level: model", "level: advanced").replace("50", "70"))
    from ntm_cli.cli import console

    console.stdout.cache_clear()  # a terminal wide enough for two aspirational years
    try:
        out = run("progress", "--all-years", "--data", str(data_copy), env={"COLUMNS": "120"})
    finally:
        console.stdout.cache_clear()
    share_rows = [line for line in out.splitlines() if "Xã đạt chuẩn NTM nâng cao (tỷ lệ)" in line]
    assert len(share_rows) == 2  # the binding 60% and the aspirational 70% of 2024
    assert "51/51" in out and "51/60" in out
    # a label may wrap inside "(phấn đấu)": "(phấn" stays whole
    labels = out.count("(phấn") - out.count("Chưa đạt (phấn đấu)")
    assert labels == 2  # the 70% row and the model district row


def test_plan_check_flags_what_can_never_be_counted(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    edit(plan, 'unit: "845"', 'unit: "29236"')  # a ward
    edit(plan, "target: 9\n", "target: 10\n")  # more than the 9 district-level units
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert (
        "milestones[5].unit: 29236 là phường (Phường 4); hãy ghi một xã hoặc một đơn vị cấp huyện"
        in result.output
    )
    assert (
        "milestones[4].target: mục tiêu 10 nhiều hơn số đơn vị cấp huyện trong địa bàn (9)"
        in result.output
    )
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert "milestones[5].unit: 29236 is a ward (Phường 4); name a commune" in result.output
    assert "milestones[4].target: 10 is more than the 9 district-level units" in result.output
    edit(plan, 'area: "84"', 'area: "99"')
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    at = line_of(plan, 'area: "99"')
    assert f"{plan}:{at}: plan.area: 99 không phải đơn vị trong" in result.output


def test_plan_check_on_an_empty_registry(data_copy: Path) -> None:
    units = data_copy / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    edit(data_copy / "targets.yaml", 'area: "84"', 'area: ""')
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "milestones[0].scope: địa bàn của kế hoạch không có xã nào để đếm" in result.output


def test_registry_shape_problems(data_copy: Path) -> None:
    units = data_copy / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[0] += ",ntm_year"
    lines[3] = lines[3] + ",oops"
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy)]).output
    assert f"{units}:1: cột 'ntm_year' xuất hiện hai lần; chỉ giữ một" in out
    lines[0] = lines[0].removesuffix(",ntm_year")
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"]).output
    assert f"{units}:4: the row has 16 cells but the header 15; a value with a comma" in out


def test_bad_yaml_is_reported_with_its_line(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    edit(plan, "    target: 3\n", "    target: 3\n    target: 4\n")
    at = line_of(plan, "    target: 4")
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"]).output
    assert (
        f"{plan}:{at}: not valid YAML: 'target' is given twice in one mapping (also on line "
        f"{at - 1})" in out
    )
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy)]).output
    assert (
        f"{plan}:{at}: YAML không hợp lệ: mục 'target' được ghi hai lần trong cùng một nhóm "
        f"(cả ở dòng {at - 1})"
    ) in out
    edit(plan, "    target: 4\n", '    wording_en: "bell \x07"\n')
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy)]).output
    assert f"{plan}:{at}: YAML không hợp lệ" in out
    edit(plan, '    wording_en: "bell \x07"\n', "")
    edit(plan, "target: 3\n", "target: .inf\n")
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy)])
    assert result.exit_code == 1 and "milestones[0].target: phải là số hữu hạn" in result.output
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert "milestones[0].target: Input should be a finite number" in result.output


def test_a_year_without_milestones_says_so() -> None:
    assert "Kế hoạch 69/KH-UBND không có chỉ tiêu nào cho năm 2021." in run(
        "progress", "-y", "2021"
    )


def test_plan_check_validates_the_criteria_sets_it_names(data_copy: Path) -> None:
    edit(data_copy / "targets.yaml", "ntm: qd318-2022-xa ", "ntm: qd999 ")
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy)]).output
    assert "criteria/qd999.yaml: không có bộ tiêu chí này (kế hoạch ghi 'qd999')" in out
    edit(data_copy / "targets.yaml", "ntm: qd999 ", "ntm: qd318-2022-xa ")
    edit(
        data_copy / "criteria" / "qd318-2022-xa.yaml",
        'group: "V", name: "Quốc phòng',
        'group: "VI", name: "Quốc phòng',
    )
    out = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"]).output
    assert "criteria[18].group: 'VI' is not one of the groups" in out
