"""The monthly cycle through the commands, a real SQLite file, and real processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import COMMUNES, blank_form, filled_form, set_for, statuses_for, write
from ntm_cli.cli.app import app
from ntm_cli.domain.errors import StoreError
from ntm_cli.sources.store import MIGRATIONS, Store

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def import_json(*args: str, code: int = 0) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["import", "--format", "json", *args])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)  # notes on stderr are not part of the JSON


def test_templates_for_every_commune(tmp_path: Path, store: Path) -> None:
    out = tmp_path / "forms"
    summary = run("template", "--period", "2024-06", "--out", str(out))
    assert "85 phiếu báo cáo kỳ 2024-06" in summary and "Huyện Trà Cú" in summary
    assert len(list(out.glob("*.xlsx"))) == 85
    assert (out / "2024-06_29263_long-duc.xlsx").exists()
    assert (out / "2024-06_29494_dinh-an.xlsx").exists()  # the xã, not the thị trấn
    run("template", "--period", "2024-06", "--out", str(out), "--district", "cau ke", "--force")
    assert "đã có; thêm --force" in run(
        "template", "--period", "2024-06", "--out", str(out), "-u", "29263", code=1
    )
    one = tmp_path / "one"
    run("template", "--period", "2024-07", "--out", str(one), "--unit", "Long Đức")
    assert [p.name for p in one.iterdir()] == ["2024-07_29263_long-duc.xlsx"]
    assert "không phải kỳ báo cáo" in run("template", "--period", "2024-13", code=2)
    assert "kỳ 2026-01 nằm ngoài kế hoạch 69/KH-UBND" in run("template", "-p", "2026-01", code=1)


def test_the_monthly_cycle(tmp_path: Path, store: Path) -> None:
    returns = tmp_path / "returns"
    for unit in COMMUNES[:80]:
        write(returns, f"2024-06_{unit.code}.xlsx", filled_form(unit.code, "2024-06"))
    data = import_json(str(returns))
    assert data["counts"] == {
        "imported": 80,
        "unchanged": 0,
        "replaced": 0,
        "rejected": 0,
        "skipped": 0,
    }
    assert {f["unit_code"] for f in data["files"]} == {u.code for u in COMMUNES[:80]}
    # the same files again: nothing changes
    assert import_json(str(returns))["counts"]["unchanged"] == 80
    report = json.loads(run("completeness", "--period", "2024-06", "-f", "json"))
    assert (report["expected"], report["submitted"], report["missing"]) == (85, 80, 5)
    missing = sorted(u["code"] for d in report["districts"] for u in d["missing"])
    assert missing == sorted(u.code for u in COMMUNES[80:])
    out = " ".join(run("completeness", "--period", "2024-06", "--check", code=1).split())
    assert "Xã chưa nộp:" in out and f"{COMMUNES[84].name} ({COMMUNES[84].code})" in out
    # next month's form is pre-filled with this month's statuses
    run("template", "--period", "2024-07", "--out", str(tmp_path / "07"), "-u", COMMUNES[0].code)
    (path,) = (tmp_path / "07").iterdir()
    sheet = load_workbook(path)["Tiêu chí"]
    expected = statuses_for(COMMUNES[0].code, period="2024-07")
    assert [sheet[f"C{13 + i}"].value for i in range(len(expected))] == expected


def test_verdicts_for_a_mixed_batch(tmp_path: Path, store: Path) -> None:
    batch = tmp_path / "batch"
    good_bytes = filled_form("29263")
    good = write(batch, "good.xlsx", good_bytes)
    write(batch, "bad.xlsx", filled_form("29269", statuses=["Đạt", "Dat roi", *["Đạt"] * 17]))
    write(batch, "~$good.xlsx", b"lock")
    write(batch, "notes.csv", b"a,b\n1,2\n")
    write(batch / "sub", "html.xlsx", b"<html><table></table></html>")
    data = import_json(str(batch), code=1)
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["good.xlsx"]["status"] == "imported"
    assert by_name["bad.xlsx"]["status"] == "rejected"
    assert by_name["bad.xlsx"]["errors"] == [
        {
            "sheet": "Tiêu chí",
            "cell": "C14",
            "code": "form.status.invalid",
            "params": {"value": "Dat roi"},
            "message": "'Dat roi' không phải trạng thái; chọn Đạt hoặc Chưa đạt trong danh sách",
        }
    ]
    english = import_json(str(batch), "--lang", "en", code=1)
    (error,) = next(f for f in english["files"] if f["path"].endswith("bad.xlsx"))["errors"]
    assert error["message"] == "'Dat roi' is not a status; use Đạt or Chưa đạt"
    assert by_name["~$good.xlsx"]["status"] == "skipped"
    assert by_name["notes.csv"]["status"] == "rejected"
    assert by_name["html.xlsx"]["status"] == "rejected"
    table = " ".join(run("import", str(batch), code=1).split())
    assert (
        "bad.xlsx, \"Tiêu chí\"!C14: 'Dat roi' không phải trạng thái; chọn Đạt hoặc Chưa đạt"
        in table
    )
    english = " ".join(run("import", str(batch), "--lang", "en", code=1).split())
    assert "bad.xlsx, \"Tiêu chí\"!C14: 'Dat roi' is not a status; use Đạt or Chưa đạt" in english
    assert good.read_bytes() == good_bytes  # nothing is moved or changed


def test_a_newer_return_needs_replace_and_the_old_one_is_kept(tmp_path: Path, store: Path) -> None:
    first = write(tmp_path, "first.xlsx", filled_form("29263", statuses=statuses_for("29263", 10)))
    second = write(
        tmp_path, "second.xlsx", filled_form("29263", statuses=statuses_for("29263", 15))
    )
    import_json(str(first))
    data = import_json(str(second), "--lang", "en", code=1)
    (error,) = data["files"][0]["errors"]
    assert error["code"] == "store.conflict"
    assert "29263 already has a return for 2024-06 (from first.xlsx" in error["message"]
    assert "add --replace to supersede it" in error["message"]
    assert import_json(str(second), "--replace")["files"][0]["status"] == "replaced"
    with Store(store) as db:
        history = db.returns(unit_code="29263", current_only=False)
    assert [(h.file_name, h.superseded_at is None, len(h.ret.met)) for h in history] == [
        ("first.xlsx", False, 10),
        ("second.xlsx", True, 15),
    ]
    card = json.loads(run("unit", "29263", "-f", "json"))
    assert [r["file"] for r in card["returns"]] == ["first.xlsx", "second.xlsx"]
    assert "hiện hành" in run("unit", "Long Đức") and "đã thay thế" in run("unit", "Long Đức")


def test_dry_run_stores_nothing(tmp_path: Path, store: Path) -> None:
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    data = import_json(str(path), "--dry-run")
    assert data["dry_run"] and data["files"][0]["status"] == "imported"
    assert not store.exists()


def test_annotated_copies_of_rejected_files(tmp_path: Path, store: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["Kết quả khác"]["B17"] = -5

    original = filled_form("29269", edit=edit)
    bad = write(tmp_path / "in", "bad.xlsx", original)
    write(tmp_path / "in", "fake.xlsx", b"<html></html>")
    errors = tmp_path / "errors"
    import_json(str(tmp_path / "in"), "--errors", str(errors), code=1)
    book = load_workbook(errors / "bad.xlsx")
    assert book.sheetnames[0] == "Lỗi cần sửa"
    cell = book["Kết quả khác"]["B17"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert cell.comment.text == "-5 là số âm; số liệu phải từ 0 trở lên"  # for the commune
    summary = [[c.value for c in row] for row in book["Lỗi cần sửa"].iter_rows(min_row=3)]
    assert summary == [["Kết quả khác", "B17", "-5 là số âm; số liệu phải từ 0 trở lên"]]
    fake = load_workbook(errors / "fake.xlsx")
    assert fake.sheetnames == ["Lỗi cần sửa"]
    assert bad.read_bytes() == original  # the original is untouched


def test_a_recognition_claim_is_a_warning_not_a_change(tmp_path: Path, store: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["Kết quả khác"]["B4"] = "NTM nâng cao"
        book["Kết quả khác"]["B5"] = "123/QĐ-UBND"

    path = write(tmp_path, "claim.xlsx", filled_form("29272", edit=edit))
    data = import_json(str(path))
    (warning,) = data["files"][0]["warnings"]
    assert (warning["code"], warning["params"]["level"]) == ("form.recognition.claim", "advanced")
    assert warning["message"].startswith(
        "29272 Xã An Trường A báo cáo đạt NTM nâng cao (123/QĐ-UBND); danh mục ghi Nông thôn mới"
    )
    units = json.loads(run("units", "-s", "29272", "-f", "json"))
    assert units[0]["level"] == "ntm"


def test_warnings_are_stored_with_their_code_and_place(tmp_path: Path) -> None:
    import datetime as dt

    from ntm_cli.domain.i18n import Lang
    from ntm_cli.domain.messages import Issue, msg
    from ntm_cli.domain.returns import Return

    path = tmp_path / "s.sqlite"
    old = sqlite3.connect(path, isolation_level=None)  # a store of the first schema, one warning
    old.executescript(MIGRATIONS[0])
    old.executescript(
        "PRAGMA user_version = 1;"
        "INSERT INTO files VALUES (1, 'aa', 'old.xlsx', 10, '2024-07-01T08:00:00');"
        "INSERT INTO returns (id, file_id, unit_code, period, criteria_set, source_kind, "
        "imported_at) VALUES (1, 1, '29263', '2024-05', 'qd318-2022-xa', 'form', "
        "'2024-07-01T08:00:00');"
        "INSERT INTO return_warnings VALUES (1, '\"Tiêu chí\"!C19: criterion 7 has no status');"
    )
    old.close()
    blank = Issue("Tiêu chí", "C19", msg("form.criterion.no_status", number="7"))
    ret = Return("29263", "2024-06", "qd318-2022-xa", {"7": None}, {})
    first, again = dt.datetime(2024, 7, 4, 9, 0), dt.datetime(2024, 7, 9, 9, 0)
    with Store(path) as db:
        db.save([ret], {("29263", "2024-06"): [blank]}, "a.xlsx", "bb", 10, False, now=first)
        db.save([ret], {}, "b.xlsx", "cc", 10, True, now=again)  # a correction
        (legacy,) = db.returns(period="2024-05")[0].warnings
        (stored,) = db.returns(period="2024-06", current_only=False)[0].warnings
        assert db.latest_period() == "2024-06"
        assert db.received("2024-06") == {"29263": first.date()}  # the day it first came in
    assert legacy.message == '"Tiêu chí"!C19: criterion 7 has no status'
    assert stored == blank
    assert stored.text(Lang.VI) == '"Tiêu chí"!C19: tiêu chí 7 chưa có trạng thái'
    with Store(tmp_path / "empty.sqlite") as db:
        assert db.latest_period() is None and db.received("2024-06") == {}


def test_the_store_refuses_a_newer_schema_and_a_non_database(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as db:
        assert db.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="made by a newer ntm"):
        Store(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not an ntm store") as refused:
        Store(junk)
    assert refused.value.code == "store.not_sqlite"
    assert junk.read_bytes() == b"not a database at all" * 100


def ntm_process(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ntm_cli", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.mark.slow
def test_two_imports_at_once(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "returns"
    for unit in COMMUNES[:70]:  # enough for the parallel path
        write(folder, f"{unit.code}.xlsx", filled_form(unit.code))
    env = {**os.environ, "NTM_STORE": str(store)}
    first = ntm_process("import", str(folder), "-f", "json", env=env)
    second = ntm_process("import", str(folder), "-f", "json", env=env)
    results = [json.loads(p.communicate(timeout=120)[0]) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0]
    totals = [r["counts"] for r in results]
    assert sum(c["imported"] for c in totals) == 70  # each file stored once, by one of them
    assert sum(c["unchanged"] for c in totals) == 70
    with Store(store) as db:
        assert len(db.returns(period="2024-06")) == 70


@pytest.mark.slow
def test_a_kill_in_the_middle_leaves_whole_files_only(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "returns"
    for unit in COMMUNES:
        write(folder, f"{unit.code}.xlsx", filled_form(unit.code))
    env = {**os.environ, "NTM_STORE": str(store)}
    process = ntm_process("import", str(folder), env=env)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 5:
        time.sleep(0.02)
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=1) as db:
                    stored = db.execute("SELECT count(*) FROM files").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 5 <= stored
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = db.execute("SELECT count(*) FROM files").fetchone()[0]
        returns = db.execute("SELECT count(*) FROM returns").fetchone()[0]
        values = db.execute("SELECT count(*) FROM criterion_values").fetchone()[0]
        stored_codes = [c for (c,) in db.execute("SELECT unit_code FROM returns")]
    rows = sum(len(set_for(code).reported) for code in stored_codes)  # each on its set
    assert files == returns and values == rows  # no half-stored file
    assert 5 <= files < 85  # killed in the middle of the batch
    data = import_json(str(folder))
    assert data["counts"]["unchanged"] == files
    assert data["counts"]["imported"] == 85 - files


def test_blank_form_with_no_status_is_stored_with_warnings(tmp_path: Path, store: Path) -> None:
    path = write(tmp_path, "blank.xlsx", blank_form("29263"))
    data = import_json(str(path))
    assert data["files"][0]["status"] == "imported"
    assert len(data["files"][0]["warnings"]) == len(set_for("29263").reported)
    card = run("unit", "29263")
    assert "Đạt 0/22 tiêu chí" in card and "Chưa báo cáo: 1. Quy hoạch" in card


def test_long_format_import_and_csv_completeness(tmp_path: Path, store: Path) -> None:
    rows = ["unit_code,period,criterion,status,note"]
    for unit in COMMUNES[:10]:
        rows += [
            f'{unit.code},2024-06,{n},{"x" if n % 4 else ""},=HYPERLINK("x")' for n in range(1, 20)
        ]
    path = write(tmp_path, "rollup.csv", ("\n".join(rows) + "\n").encode())
    data = import_json(str(path))
    assert data["files"][0]["returns"] == 10 and data["files"][0]["status"] == "imported"
    lines = run("completeness", "--period", "2024-06", "-f", "csv").splitlines()
    assert lines[0] == "period,district_code,district,code,name,submitted,late,review_state"
    assert sum(line.endswith(",true,true") or ",true," in line for line in lines[1:]) == 10


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_saved_again_by_libreoffice_is_read(tmp_path: Path, store: Path) -> None:
    """A spreadsheet program opens the form and what it saves (shared strings, its own
    styles) imports with the statuses that were filled."""
    filled = write(
        tmp_path, "filled.xlsx", filled_form("29269", statuses=statuses_for("29269", 16))
    )
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = import_json(str(out / "filled.xlsx"))
    assert data["files"][0]["status"] == "imported"
    with Store(store) as db:
        (stored,) = db.returns(unit_code="29269")
    assert stored.ret.not_met == ["17", "18", "19", "ĐK2", "ĐK3", "ĐK4"]  # a model form


def test_a_return_after_the_due_day_is_late(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_TODAY", "2024-07-05")  # the due day itself: on time
    import_json(str(write(tmp_path, "a.xlsx", filled_form(COMMUNES[0].code))))
    monkeypatch.setenv("NTM_TODAY", "2024-07-06")
    import_json(str(write(tmp_path, "b.xlsx", filled_form(COMMUNES[1].code))))
    report = json.loads(run("completeness", "--period", "2024-06", "-f", "json"))
    late = [u["code"] for d in report["districts"] for u in d["late"]]
    assert (report["submitted"], report["late"], late) == (2, 1, [COMMUNES[1].code])


@pytest.mark.slow
def test_the_monthly_cycle_through_the_real_command(tmp_path: Path, store: Path) -> None:
    env = {**os.environ, "NTM_STORE": str(store), "NTM_TODAY": "2024-07-04", "COLUMNS": "100"}

    def ntm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ntm_cli", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=False)  # fmt: skip

    made = ntm("template", "-p", "2024-06", "-d", "Cầu Kè", "--out", "forms")
    assert made.returncode == 0 and "10 phiếu báo cáo kỳ 2024-06" in " ".join(made.stdout.split())
    (tmp_path / "returns").mkdir()
    for path in sorted((tmp_path / "forms").iterdir())[:9]:  # one commune sends nothing
        book = load_workbook(path)
        for row in range(13, 32):
            book["Tiêu chí"][f"C{row}"] = "Đạt"
        book.save(tmp_path / "returns" / path.name)
    imported = ntm("import", "returns", "-f", "json")
    assert imported.returncode == 0 and json.loads(imported.stdout)["counts"]["imported"] == 9
    checked = ntm("completeness", "-p", "2024-06", "-d", "845", "--check")
    assert checked.returncode == 1 and "Xã chưa nộp:" in checked.stdout and checked.stderr == ""
    reported = ntm("report", "-p", "2024-06", "--out", "reports")
    assert reported.returncode == 0, reported.stderr
    assert reported.stdout.strip() == str(Path("reports") / "2024-06_bao-cao-ntm.xlsx")
    assert "1 báo cáo trong reports" in reported.stderr
