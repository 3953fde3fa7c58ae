"""Every commendation rule of the plan, worked by hand: the nominees of the nominations workbook
judged on their evidence, the workbook written and read back, and the whole path from the
template to the shortlist."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import CTX, DATA, blank_nominations, filled_nominations, write
from ntm_cli.cli.app import app
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.models import Subject
from ntm_cli.domain.nominations import Nominee, OcopProduct, add_months
from ntm_cli.engine.awards import Verdict, shortlist
from ntm_cli.render.analysis import awards_json, why_text
from ntm_cli.returnform.reader import read_return

runner = CliRunner()
RULES = {r.id: r for r in DATA.plan.awards}
ENTERPRISE = "Doanh nghiệp, HTX"
OFFICIALS = "Cán bộ, công chức, viên chức"
WORKERS = "Người lao động, thành viên HTX"
HAMLETS = "Ấp"
DEPARTMENTS = "Sở, ban, ngành"
OTHERS = "Đối tượng khác"
COMMUNE = "29263"  # Xã Long Đức, Thành phố Trà Vinh


def judge(*nominees: Nominee, year: int = 2024) -> dict[str, tuple[Verdict, str, str]]:
    """Each nominee's verdict and reasons (Vietnamese, English), by name."""
    result = shortlist(DATA.plan, DATA.registry, CTX.book, year, {}, None, nominees, "x")
    return {
        r.nominee.name: (r.verdict, why_text(r, Lang.VI), why_text(r, Lang.EN))
        for r in result.rows
        if r.nominee is not None
    }


def nominee(form: str, name: str, **kw: object) -> Nominee:
    return Nominee(form=form, name=name, sheet="s", row=7, **kw)  # type: ignore[arg-type]


# The rules as data -----------------------------------------------------------------------------


def test_every_subject_the_plan_names_is_a_rule_worded_as_the_plan_words_it() -> None:
    subjects = {r.id: (r.subject, r.group) for r in DATA.plan.awards}
    assert subjects == {
        "huyen": (Subject.DISTRICT, ""),
        "xa": (Subject.COMMUNE, ""),
        "xa-kieu-mau": (Subject.MODEL_COMMUNE, ""),
        "so-ban-nganh": (Subject.DEPARTMENT, ""),
        "ap": (Subject.HAMLET, ""),
        "doanh-nghiep": (Subject.ENTERPRISE, ""),
        "ca-nhan-can-bo": (Subject.INDIVIDUAL, "official"),
        "ca-nhan-lao-dong": (Subject.INDIVIDUAL, "worker"),
        "doi-tuong-khac": (Subject.OTHER, ""),
    }
    assert RULES["so-ban-nganh"].name.startswith(
        "Sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội"
    )
    assert "Ấp thuộc các xã đặc biệt khó khăn" in RULES["ap"].name
    assert "nhiều sản phẩm OCOP được xếp hạng từ 3 sao trở lên" in RULES["doanh-nghiep"].name
    validity = RULES["doanh-nghiep"].ocop_validity
    assert validity is not None and (validity.months, validity.confirmed) == (36, False)
    assert "148/QĐ-TTg" in validity.source


def test_json_lists_every_rule_even_with_no_one_to_judge() -> None:
    result = shortlist(DATA.plan, DATA.registry, CTX.book, 2022, {}, None)
    data = awards_json(result)
    assert [(r["id"], r["subject"]) for r in data["rules"]] == [
        ("huyen", "district"), ("xa", "commune"), ("xa-kieu-mau", "model_commune"),
        ("so-ban-nganh", "department"), ("ap", "hamlet"), ("doanh-nghiep", "enterprise"),
        ("ca-nhan-can-bo", "individual"), ("ca-nhan-lao-dong", "individual"),
        ("doi-tuong-khac", "other"),
    ]  # fmt: skip
    assert data["rules"][5]["conditions"]["ocop_certificate"]["valid_months"] == 36
    assert data["nominations"] is None
    assert not [r for r in data["rows"] if r["subject"] not in ("district", "commune",
                                                                  "model_commune")]  # fmt: skip


# Each rule worked by hand -----------------------------------------------------------------------


def test_departments_are_judged_on_the_offices_assessment() -> None:
    rows = judge(
        nominee("department", "Sở Nông nghiệp", tasks_done=True, assessment="đúng tiến độ"),
        nominee("department", "Sở Tài chính", tasks_done=False),
        nominee("department", "Hội Nông dân tỉnh"),
    )
    assert rows["Sở Nông nghiệp"][:2] == (
        Verdict.QUALIFIES,
        "hoàn thành nhiệm vụ được phân công (đúng tiến độ)",
    )
    assert rows["Sở Tài chính"][0] is Verdict.EXCLUDED
    assert rows["Hội Nông dân tỉnh"][0] is Verdict.TO_CHECK
    assert rows["Hội Nông dân tỉnh"][2] == "no assessment of the tasks assigned"


def test_hamlets_need_the_years_recognition_and_an_especially_difficult_commune() -> None:
    def hamlet(name: str, on: dt.date | None, difficult: bool | None = True) -> Nominee:
        return nominee("hamlet", name, commune_code=COMMUNE, decision="12/QĐ-UBND",
                       decided_on=on, difficult=difficult,
                       difficult_decision="QĐ 861/QĐ-TTg" if difficult else "")  # fmt: skip

    rows = judge(
        hamlet("Ấp A", dt.date(2024, 10, 2)),
        hamlet("Ấp B", dt.date(2025, 1, 20)),  # next January: maybe the 2024 result
        hamlet("Ấp C", dt.date(2022, 5, 1)),  # an older result
        hamlet("Ấp D", dt.date(2024, 10, 2), difficult=False),
        hamlet("Ấp E", None, difficult=None),
    )
    assert rows["Ấp A"][:2] == (
        Verdict.QUALIFIES,
        "được công nhận ấp đạt chuẩn NTM năm 2024 (12/QĐ-UBND, 02/10/2024); "
        "thuộc xã đặc biệt khó khăn (QĐ 861/QĐ-TTg)",
    )
    assert rows["Ấp B"][0] is Verdict.TO_CHECK
    assert rows["Ấp B"][2].startswith("recognised on 2025-01-20 (12/QĐ-UBND): check it is a")
    assert rows["Ấp C"][0] is Verdict.EXCLUDED
    assert rows["Ấp D"][0] is Verdict.EXCLUDED
    assert "the commune is not especially difficult" in rows["Ấp D"][2]
    assert rows["Ấp E"][0] is Verdict.TO_CHECK


def test_ocop_counts_the_products_whose_certificate_holds_on_31_december() -> None:
    # 36 months from 31/12/2021 end on 31/12/2024: that certificate lapses on the very day.
    assert add_months(dt.date(2021, 12, 31), 36) == dt.date(2024, 12, 31)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    products = (
        OcopProduct("Bưởi", 4, "12/QĐ", dt.date(2022, 1, 1)),  # holds until 01/01/2025
        OcopProduct("Mật ong", 3, "13/QĐ", dt.date(2021, 12, 31)),  # lapses on 31/12/2024
        OcopProduct("Cá khô", 5, "", dt.date(2025, 2, 1)),  # certified after the year
        OcopProduct("Mắm", 3, "14/QĐ", dt.date(2024, 6, 1)),  # holds
    )
    common = {"money": 200.0, "value_chain": False, "jobs": 3}
    rows = judge(
        nominee("enterprise", "HTX Hai", products=products, **common),
        nominee("enterprise", "HTX Một", products=products[:3], **common),
        nominee(
            "enterprise", "HTX Chưa rõ", products=(products[0], OcopProduct("Chuối", 3)), **common
        ),  # fmt: skip
    )
    # Two valid products: OCOP met; the emulation council still judges the recognition.
    verdict, _, why = rows["HTX Hai"]
    assert verdict is Verdict.TO_CHECK
    assert (
        "[met] 2 OCOP products of 3 stars or more valid on 2024-12-31: Bưởi 4★ (12/QĐ, "
        "2022-01-01), Mắm 3★ (14/QĐ, 2024-06-01); lapsed (over 36 months): Mật ong 3★ (13/QĐ, "
        "2021-12-31); certified after 2024-12-31: Cá khô 5★ (2025-02-01)"
    ) in why
    assert why.startswith("for the emulation council to judge: recognised by a competent")
    # One valid product, no value chain, 3 jobs of the 10 read as "many": excluded.
    verdict, vi, why = rows["HTX Một"]
    assert verdict is Verdict.EXCLUDED
    assert why.startswith("none of these is met: [not met] no value-chain link; [not met] 1 OCOP")
    assert "[không đạt] giải quyết việc làm cho 3 người, cần 10" in vi
    # One valid, one without a certificate date: it may be two; to check, never out.
    verdict, _, why = rows["HTX Chưa rõ"]
    assert verdict is Verdict.TO_CHECK
    assert "[unknown] 1 OCOP product(s) of 3 stars or more surely valid" in why
    assert "no certificate date: Chuối" in why


def test_an_enterprise_with_nothing_contributed_is_excluded_and_one_silent_is_to_check() -> None:
    rows = judge(
        nominee("enterprise", "Zero", money=0.0, value_chain=True),
        nominee("enterprise", "Silent", value_chain=True),
    )
    assert rows["Zero"][0] is Verdict.EXCLUDED
    assert rows["Zero"][2].startswith("the nomination records no contribution")
    assert rows["Silent"][0] is Verdict.TO_CHECK
    assert (
        "no contribution written (money, labour days, land or a description)" in rows["Silent"][2]
    )


def test_officials_need_an_initiative_and_who_recognised_it() -> None:
    rows = judge(
        nominee(
            "official",
            "Nguyễn Văn A",
            initiative="Sổ tay tiêu chí",
            recognised_by="Hội đồng sáng kiến tỉnh",
        ),  # fmt: skip
        nominee("official", "Trần Thị B", initiative="Hướng dẫn hồ sơ"),
        nominee("official", "Lê Văn C"),
    )
    assert rows["Nguyễn Văn A"][:2] == (
        Verdict.QUALIFIES,
        "sáng kiến, giải pháp: Sổ tay tiêu chí; được Hội đồng sáng kiến tỉnh công nhận",
    )
    assert rows["Trần Thị B"][0] is Verdict.TO_CHECK
    assert rows["Trần Thị B"][2].startswith("not said who recognised the initiative")
    assert rows["Lê Văn C"][0] is Verdict.TO_CHECK


def test_workers_qualify_on_a_contribution_or_a_model() -> None:
    rows = judge(
        nominee("worker", "Thạch Sa", money=15.5, labour_days=20.0, land_m2=300.0),
        nominee("worker", "Kim Sơn", model="Mô hình lúa - tôm"),
        nominee("worker", "Lâm Ba"),
    )
    assert rows["Thạch Sa"][:2] == (
        Verdict.QUALIFIES,
        "đạt ít nhất một trong các điều kiện: [đạt] đóng góp: 15,5 triệu đồng, 20 ngày công, "
        "300 m² đất; [chưa rõ] chưa ghi mô hình, cách làm mới, sáng chế",
    )
    assert rows["Kim Sơn"][0] is Verdict.QUALIFIES
    assert rows["Lâm Ba"][0] is Verdict.TO_CHECK


def test_other_contributors_are_always_left_to_the_council_for_many() -> None:
    rows = judge(
        nominee("other", "Quỹ X", money=1000.0),
        nominee("other", "Hội Y", money=0.0, labour_days=0.0),
    )
    assert rows["Quỹ X"][:2] == (
        Verdict.TO_CHECK,
        "Hội đồng Thi đua - Khen thưởng xét: có nhiều đóng góp; đóng góp: 1.000 triệu đồng",
    )
    assert rows["Hội Y"][0] is Verdict.EXCLUDED


# The workbook written and read back ------------------------------------------------------------


def test_the_nominations_workbook_is_locked_with_yellow_inputs_lists_and_a_hidden_identity() -> (
    None
):
    book = load_workbook(io.BytesIO(blank_nominations(2024)))
    assert book.sheetnames == ["Hướng dẫn", DEPARTMENTS, HAMLETS, ENTERPRISE, OFFICIALS, WORKERS,
                               OTHERS, "_ntm_de_nghi"]  # fmt: skip
    assert book["_ntm_de_nghi"].sheet_state == "veryHidden"
    assert book["_ntm_de_nghi"]["B3"].value == "2024"
    assert book.security is not None and book.security.lockStructure
    sheet = book[ENTERPRISE]
    assert sheet.protection.sheet
    assert sheet["B6"].value == "Tên doanh nghiệp, hợp tác xã"
    assert sheet["D6"].value == "Hạng sao"
    assert sheet["D7"].protection.locked is False
    assert sheet["D7"].fill.fgColor.rgb.endswith("FFF9E5")
    assert sheet["A7"].protection.locked is not False  # the row number is not an input
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["D7:D66"] == '"3,4,5"'
    assert lists["G7:G66"] == '"Có,Không"'


def _filled() -> bytes:
    return filled_nominations(2024, {
        DEPARTMENTS: [["Sở Nông nghiệp và PTNT", "Sở, ban, ngành", "Có", "đúng tiến độ"]],
        HAMLETS: [["Ấp Sóc Ruộng", COMMUNE, "05/QĐ-UBND", dt.datetime(2024, 9, 9), "Có",
                   "QĐ 861/QĐ-TTg"]],
        ENTERPRISE: [
            ["HTX Tân Hòa", "Bưởi da xanh", 4, "12/QĐ-UBND", dt.datetime(2023, 3, 1), "Có",
             "bao tiêu 50 ha", 25, 300, None, "UBND huyện, 15/QĐ-UBND"],
            ["HTX Tân Hòa", "Mật ong", "3", "13/QĐ-UBND", "01/06/2024"],
        ],
        OFFICIALS: [["Nguyễn Văn A", "Phó Chánh Văn phòng", "Sổ tay tiêu chí",
                     "Hội đồng sáng kiến tỉnh"]],
        WORKERS: [["Thạch Sa", "Nông dân", None, 15.5, 20, 300]],
        OTHERS: [["Quỹ X", "tổ chức quốc tế", 1000]],
    })  # fmt: skip


def test_a_filled_workbook_reads_back_every_nominee_with_its_evidence() -> None:
    parsed = read_return(_filled(), CTX, "de-nghi-2024.xlsx")
    assert parsed.problems == []
    assert parsed.nominations is not None and parsed.nominations.year == 2024
    by_name = {n.name: n for n in parsed.nominations.nominees}
    assert set(by_name) == {"Sở Nông nghiệp và PTNT", "Ấp Sóc Ruộng", "HTX Tân Hòa",
                            "Nguyễn Văn A", "Thạch Sa", "Quỹ X"}  # fmt: skip
    htx = by_name["HTX Tân Hòa"]
    assert htx.products == (
        OcopProduct("Bưởi da xanh", 4, "12/QĐ-UBND", dt.date(2023, 3, 1)),
        OcopProduct("Mật ong", 3, "13/QĐ-UBND", dt.date(2024, 6, 1)),
    )
    assert (htx.value_chain, htx.jobs, htx.money, htx.row) == (True, 25, 300.0, 7)
    assert by_name["Ấp Sóc Ruộng"].commune_code == COMMUNE
    assert by_name["Ấp Sóc Ruộng"].decided_on == dt.date(2024, 9, 9)
    assert by_name["Thạch Sa"].labour_days == 20.0
    assert by_name["Sở Nông nghiệp và PTNT"].tasks_done is True


def test_every_bad_cell_is_named_by_sheet_and_cell_and_nothing_is_kept() -> None:
    raw = filled_nominations(2024, {
        ENTERPRISE: [["Công ty Trà Bắc", "Cá khô", "ba", "", "hôm qua"]],
        HAMLETS: [["Ấp Một", "99999"], ["Ấp Hai", None, "05/QĐ"]],
        DEPARTMENTS: [["Sở Tài chính", "Sở, ban, ngành", "Có lẽ"]],
        WORKERS: [[None, "Nông dân", None, 5], ["Lâm Ba", "Thợ may", None, -5]],
        OTHERS: [["Quỹ X", "hội", "=1+1"]],  # a formula no spreadsheet program has computed
    })  # fmt: skip
    parsed = read_return(raw, CTX, "de-nghi-2024.xlsx")
    assert parsed.nominations is None
    found = {(i.sheet, i.cell): i.msg.text(Lang.EN) for i in parsed.problems}
    assert found == {
        (ENTERPRISE, "D7"): "'ba' is not a number of stars; use 3, 4 or 5",
        (ENTERPRISE, "F7"): "'hôm qua' is not a date; write dd/mm/yyyy",
        (HAMLETS, "C7"): "'99999' is not a commune code of the registry; write a 5-digit code "
                         "(see `ntm units`)",
        (HAMLETS, "C8"): "the hamlet's commune code is missing; write the 5-digit commune code",
        (DEPARTMENTS, "D7"): "'Có lẽ' is not yes or no; choose Có or Không from the list",
        (WORKERS, "B7"): "the row has data but no name; write the name in column B",
        (WORKERS, "C8"): "'Thợ may' is not in the list; choose one of Nông dân, Công nhân, "
                         "Thành viên hợp tác xã, Người lao động khác",
        (WORKERS, "E8"): "-5 is negative; amounts are 0 or more",
        (OTHERS, "D7"): "a formula with no saved result; open the file in Excel, save it, send "
                        "it again",
    }  # fmt: skip


def test_an_edited_identity_or_an_empty_workbook_is_refused() -> None:
    book = load_workbook(io.BytesIO(_filled()))
    book["_ntm_de_nghi"]["B3"] = "2023"
    buffer = io.BytesIO()
    book.save(buffer)
    (problem,) = read_return(buffer.getvalue(), CTX, "x.xlsx").problems
    assert problem.msg.code == "nominations.identity_edited"
    (problem,) = read_return(blank_nominations(2024), CTX, "x.xlsx").problems
    assert problem.msg.text(Lang.VI) == (
        "hồ sơ đề nghị năm 2024 chưa có đề nghị nào; điền ít nhất một dòng rồi nhập lại"
    )


# Through the command line ----------------------------------------------------------------------


def test_template_import_and_awards_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "returns.sqlite"))
    result = runner.invoke(app, ["template", "--nominations", "--year", "2024", "--out",
                                 str(tmp_path / "forms")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert 'sheet "Doanh nghiệp, HTX": quy định doanh-nghiep' in result.output
    assert (tmp_path / "forms" / "de-nghi-khen-thuong-2024.xlsx").exists()
    result = runner.invoke(app, ["template", "--nominations"])
    assert result.exit_code == 2 and "--nominations cần --year" in result.output
    result = runner.invoke(app, ["template", "--nominations", "--year", "2024", "--out",
                                 str(tmp_path / "forms")])  # fmt: skip
    assert result.exit_code == 1 and "thêm --force để ghi đè" in result.output  # never over it

    bad = write(tmp_path / "in", "de-nghi-2024.xlsx", filled_nominations(
        2024, {ENTERPRISE: [["Công ty Trà Bắc", "Cá khô", "ba"]]}))  # fmt: skip
    result = runner.invoke(app, ["import", str(bad), "--errors", str(tmp_path / "errors"),
                                 "--lang", "en"])  # fmt: skip
    assert result.exit_code == 1
    assert ('de-nghi-2024.xlsx, "Doanh nghiệp, HTX"!D7: \'ba\' is not a number of stars; use 3, '
            "4 or 5") in " ".join(result.output.split())  # fmt: skip
    copy = load_workbook(tmp_path / "errors" / "de-nghi-2024.xlsx")
    assert copy[ENTERPRISE]["D7"].comment is not None  # the annotated copy to send back

    good = write(tmp_path / "in", "de-nghi-2024.xlsx", _filled())
    result = runner.invoke(app, ["import", str(good), "-f", "json"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["status"], entry["period"], entry["nominees"]) == ("imported", "2024", 6)
    again = runner.invoke(app, ["import", str(good), "-f", "json"])
    assert json.loads(again.stdout)["files"][0]["status"] == "unchanged"

    data = json.loads(runner.invoke(app, ["awards", "--year", "2024", "-f", "json"]).stdout)
    assert data["nominations"] == "de-nghi-2024.xlsx"
    rows = {(r["rule"], r["name"]): r for r in data["rows"]}
    assert rows[("ca-nhan-can-bo", "Nguyễn Văn A")]["verdict"] == "qualifies"
    assert rows[("ca-nhan-lao-dong", "Thạch Sa")]["verdict"] == "qualifies"
    assert rows[("so-ban-nganh", "Sở Nông nghiệp và PTNT")]["verdict"] == "qualifies"
    hamlet = rows[("ap", "Ấp Sóc Ruộng")]
    assert (hamlet["verdict"], hamlet["nominee"]["commune"]) == ("qualifies", COMMUNE)
    assert hamlet["district"] == "Thành phố Trà Vinh"
    htx = rows[("doanh-nghiep", "HTX Tân Hòa")]
    assert htx["verdict"] == "to check"  # the council judges the recognition
    assert htx["nominee"]["evidence"]["products"][1]["certified_on"] == "2024-06-01"
    assert rows[("doi-tuong-khac", "Quỹ X")]["verdict"] == "to check"
    # a second workbook of the year supersedes the first only when asked
    other = write(tmp_path / "in2", "de-nghi-2024-b.xlsx", filled_nominations(
        2024, {OTHERS: [["Quỹ Z", "hội", 5]]}))  # fmt: skip
    result = runner.invoke(app, ["import", str(other), "--lang", "en"])
    assert result.exit_code == 1
    assert "the nominations of 2024 are stored already (from de-nghi-2024.xlsx" in " ".join(
        result.output.split()
    )
    assert runner.invoke(app, ["import", str(other), "--replace"]).exit_code == 0
    data = json.loads(runner.invoke(app, ["awards", "--year", "2024", "-f", "json"]).stdout)
    assert [r["name"] for r in data["rows"] if r.get("nominee")] == ["Quỹ Z"]
    table = runner.invoke(app, ["awards", "--year", "2024", "--rule", "ap"]).stdout
    assert "[ap] Ấp thuộc các xã đặc biệt khó khăn" in " ".join(table.split())
    assert "Chưa có đề nghị nào trong hồ sơ đề nghị khen thưởng." in table
    # the first workbook named again with --replace is the year's again; nothing was lost
    result = runner.invoke(app, ["import", str(good), "--replace", "-f", "json"])
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["status"], entry["nominees"]) == ("replaced", 6)
    data = json.loads(runner.invoke(app, ["awards", "--year", "2024", "-f", "json"]).stdout)
    assert len([r for r in data["rows"] if r.get("nominee")]) == 6
    assert data["nominations"] == "de-nghi-2024.xlsx"
    dry = runner.invoke(app, ["import", str(other), "--replace", "--dry-run", "-f", "json"])
    assert json.loads(dry.stdout)["files"][0]["status"] == "replaced"
    assert (
        json.loads(runner.invoke(app, ["awards", "--year", "2024", "-f", "json"]).stdout)[
            "nominations"
        ]
        == "de-nghi-2024.xlsx"
    )  # a dry run changes nothing
    table = runner.invoke(app, ["awards", "--year", "2024", "--rule", "ap"]).stdout
    assert "Ấp Sóc Ruộng (Xã Long Đức)" in table


def test_a_store_of_the_previous_schema_gains_the_nominations_table(tmp_path: Path) -> None:
    import sqlite3

    from ntm_cli.sources.store import APPLICATION_ID, MIGRATIONS, Store

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        db.executescript(migration)
    db.execute("PRAGMA user_version = 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.nominations(2024) is None
        (version,) = store.db.execute("PRAGMA user_version").fetchone()
    # return_values (3), nominations (4), the edition of each return (5), the review (6)
    assert version == len(MIGRATIONS) == 6
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(returns)")]
    assert "edition" in columns


@pytest.mark.slow
def test_the_real_process_from_template_to_the_shortlist(tmp_path: Path) -> None:
    """`ntm template --nominations`, the office fills it, `ntm import`, `ntm awards` JSON."""
    environ = {**os.environ, "NTM_TODAY": "2026-11-29", "NTM_CACHE_DIR": str(tmp_path / "c"),
               "NTM_STORE": str(tmp_path / "returns.sqlite"), "COLUMNS": "100",
               "NO_COLOR": "1"}  # fmt: skip
    ntm = Path(sys.executable).parent / "ntm"

    def run(*args: str, code: int = 0) -> str:
        result = subprocess.run([ntm, *args], cwd=tmp_path, env=environ, capture_output=True,
                                text=True, check=False)  # fmt: skip
        assert result.returncode == code, result.stdout + result.stderr
        return result.stdout

    run("template", "--nominations", "--year", "2024", "--out", "forms")
    book = load_workbook(tmp_path / "forms" / "de-nghi-khen-thuong-2024.xlsx")
    sheet = book[ENTERPRISE]
    for col, value in zip("BCDEFGHIJ", ("HTX Tân Hòa", "Bưởi", 4, "12/QĐ",
                                       dt.datetime(2023, 3, 1), "Có", "bao tiêu", 25, 300),
                          strict=True):  # fmt: skip
        sheet[f"{col}7"] = value
    for col, value in zip("BCDEF", ("HTX Tân Hòa", "Mắm", 3, "13/QĐ", dt.datetime(2024, 6, 1)),
                          strict=True):  # fmt: skip
        sheet[f"{col}8"] = value
    book.save(tmp_path / "de-nghi-2024.xlsx")
    out = run("import", "de-nghi-2024.xlsx")
    assert "1 đề nghị" in out
    data = json.loads(run("awards", "--year", "2024", "--format", "json"))
    assert len(data["rules"]) == 9
    (row,) = [r for r in data["rows"] if r["rule"] == "doanh-nghiep"]
    assert row["verdict"] == "to check"
    assert ("[met] 2 OCOP products of 3 stars or more valid on 2024-12-31: Bưởi 4★ (12/QĐ, "
            "2023-03-01), Mắm 3★ (13/QĐ, 2024-06-01)") in row["why"]  # fmt: skip
    assert "[đạt] 2 sản phẩm OCOP từ 3 sao còn hiệu lực ngày 31/12/2024" in row["why_vi"]


def test_plan_check_names_a_condition_a_sheet_cannot_answer(data_copy: Path) -> None:
    plan_file = data_copy / "targets.yaml"
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace("      requires: [tasks_done]\n", "      requires: [ocop]\n", 1)
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert result.exit_code == 1
    line = text.splitlines().index("    - id: so-ban-nganh") + 1
    assert (f"{plan_file}:{line}: awards.rules[3]: 'ocop' is not a condition the department "
            "sheet can answer; use tasks_done") in " ".join(result.output.split())  # fmt: skip


def test_a_nominee_typed_far_below_the_yellow_rows_is_read(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ntm_cli.returnform.nominations import build_nominations

    book = build_nominations(DATA.plan, 2024)
    sheet = book["Ấp"]
    sheet["B200"], sheet["C200"] = "Ấp Chợ", "29263"  # row 200: far below the 60 rows given
    path = tmp_path / "de-nghi.xlsx"
    book.save(path)
    parsed = read_return(path.read_bytes(), CTX, path.name)
    assert parsed.nominations is not None
    assert [n.name for n in parsed.nominations.nominees] == ["Ấp Chợ"]
    assert load_workbook(path)["Ấp"]["B200"].value == "Ấp Chợ"


def test_a_choice_with_a_comma_is_one_item_of_its_list() -> None:
    from ntm_cli.returnform.nominations import build_nominations

    book = build_nominations(DATA.plan, 2024)
    sheet = book["Sở, ban, ngành"]
    (dropdown,) = [dv for dv in sheet.data_validations.dataValidation if "C7" in str(dv.sqref)]
    # the list is read from the hidden sheet, where "Sở, ban, ngành" is one cell
    sheet_name, cells = dropdown.formula1.split("!")
    assert sheet_name == "'_ntm_de_nghi'"
    first, last = (c.replace("$", "") for c in cells.split(":"))
    meta = book["_ntm_de_nghi"]
    items = [meta[f"{first[0]}{row}"].value for row in range(int(first[1:]), int(last[1:]) + 1)]
    assert items == ["Sở, ban, ngành", "Ủy ban MTTQ tỉnh", "Tổ chức chính trị - xã hội"]


def test_without_a_certificate_validity_in_the_data_no_product_is_judged() -> None:
    import dataclasses

    rules = tuple(dataclasses.replace(r, ocop_validity=None) for r in DATA.plan.awards)
    plan = dataclasses.replace(DATA.plan, awards=rules)
    products = (OcopProduct("Bưởi", 4, "12/QĐ", dt.date(2024, 1, 1)),) * 3
    n = nominee("enterprise", "HTX Ba", products=products, money=200.0, value_chain=False, jobs=3)
    (row,) = [r for r in shortlist(plan, DATA.registry, CTX.book, 2024, {}, None, (n,), "x").rows
              if r.nominee is not None]  # fmt: skip
    assert row.verdict is Verdict.TO_CHECK  # never counted on a validity the data does not give
    assert "the plan gives no validity of an OCOP certificate" in why_text(row, Lang.EN)
