"""Damaged, odd and hostile inputs: each gets a verdict and changes nothing else."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from forms import (
    COMMUNES,
    CTX,
    filled_form,
    rewrite_member,
    set_inline_text,
    sheet_member,
    to_shared_strings,
    write,
)
from ntm_cli.cli.app import app
from ntm_cli.returnform.reader import read_return

runner = CliRunner()


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(path))
    return path


def invoke(*args: str, code: int | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if code is not None:
        assert result.exit_code == code, result.output
    return result.exit_code, result.stdout, result.output


def verdicts(*args: str) -> dict[str, dict]:  # type: ignore[type-arg]
    """The verdicts by file name, messages in English (what programs match)."""
    _, out, _ = invoke("import", "-f", "json", "--lang", "en", *args)
    return {Path(f["path"]).name: f for f in json.loads(out)["files"]}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_member(raw: bytes) -> bytes:
    """Flip bytes inside a compressed part, leaving the zip's table of contents whole."""
    info = zipfile.ZipFile(io.BytesIO(raw)).getinfo(sheet_member(raw, "Tiêu chí"))
    start = info.header_offset + 30 + len(info.filename.encode()) + 10
    return raw[:start] + bytes(b ^ 0xFF for b in raw[start : start + 40]) + raw[start + 40 :]


def test_a_damaged_part_or_a_huge_csv_field_is_one_rejected_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a_damaged.xlsx", damaged_member(filled_form("29263")))
    write(
        folder,
        "b_unclosed.csv",
        b'unit_code,period,criterion,status,note\n29269,2024-06,1,1,"' + b"x" * 200_000,
    )
    write(folder, "c_good.xlsx", filled_form("29272"))
    found = verdicts(str(folder))
    assert found["a_damaged.xlsx"]["status"] == "rejected"
    (damaged,) = found["a_damaged.xlsx"]["errors"]
    assert damaged["code"] == "file.damaged" and "save it again" in damaged["message"]
    assert found["b_unclosed.csv"]["status"] == "rejected"
    assert "characters (the limit is 32,767)" in found["b_unclosed.csv"]["errors"][0]["message"]
    assert found["c_good.xlsx"]["status"] == "imported"


def test_errors_folder_rules(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    bad = write(folder, "bad.xlsx", filled_form("29269", statuses=["x", "nope", *["Đạt"] * 17]))
    write(folder / "sub", "bad.xlsx", filled_form("29272", statuses=["x", "nope", *["Đạt"] * 17]))
    before = sha(bad)
    code, _, output = invoke("import", str(folder), "--errors", str(folder))
    assert code == 1 and "là thư mục đang nhập; hãy chọn thư mục khác" in output
    assert sha(bad) == before
    errors = folder / "errors"  # inside the imported folder: left out of the search
    invoke("import", str(folder), "--errors", str(errors), code=1)
    assert sorted(p.name for p in errors.iterdir()) == ["bad-2.xlsx", "bad.xlsx"]
    found = verdicts(str(folder))
    assert len(found) == 2  # the copies were not imported
    assert sha(bad) == before
    (tmp_path / "taken").write_text("a file")
    code, out, output = invoke("import", str(folder), "--errors", str(tmp_path / "taken"))
    # refused before any file is read: nothing imported, nothing to lose
    assert code == 1 and "là tệp, không phải thư mục" in output and out == ""


def test_a_zip_bomb_is_never_reopened_for_its_annotated_copy(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 300_000_000)
    bomb = write(tmp_path / "in", "bomb.xlsx", out.getvalue())
    invoke("import", str(bomb), "--errors", str(tmp_path / "errors"), code=1)
    copy = load_workbook(tmp_path / "errors" / "bomb.xlsx")
    assert copy.sheetnames == ["Lỗi cần sửa"]
    assert "giải nén lên tới 300 MB" in copy["Lỗi cần sửa"]["C3"].value  # said in Vietnamese


def test_a_submitted_formula_comes_back_as_text(tmp_path: Path) -> None:
    note = '=HYPERLINK("http://x","click")'
    rows = ["unit_code,period,criterion,status,note"]
    rows += [f'29263,2024-06,{n},1,"{note.replace(chr(34), chr(34) * 2)}"' for n in range(1, 20)]
    path = write(tmp_path, "rollup.csv", ("\n".join(rows) + "\n").encode())
    assert verdicts(str(path))["rollup.csv"]["status"] == "imported"
    invoke("template", "-p", "2024-07", "-u", "29263", "--out", str(tmp_path / "f"), code=0)
    (form,) = (tmp_path / "f").iterdir()
    cell = load_workbook(form)["Tiêu chí"]["D13"]
    assert (cell.value, cell.data_type) == (note, "s")
    assert load_workbook(form).security.lockStructure


def test_dry_run_gives_the_verdicts_of_the_real_run(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "in"
    first = filled_form("29263")
    write(folder / "x", "a.xlsx", first)
    write(folder / "x", "copy.xlsx", first)
    write(folder / "y", "a.xlsx", filled_form("29263", statuses=["Chưa đạt"] * 19))
    dry = json.loads(invoke("import", "-f", "json", "--dry-run", str(folder))[1])
    real = json.loads(invoke("import", "-f", "json", str(folder))[1])
    assert [f["status"] for f in dry["files"]] == [f["status"] for f in real["files"]]
    assert dry["counts"]["imported"] == 1 and dry["counts"]["rejected"] == 1


def test_a_correction_does_not_make_a_commune_late(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_TODAY", "2024-07-03")
    invoke("import", str(write(tmp_path, "a.xlsx", filled_form("29263"))), code=0)
    monkeypatch.setenv("NTM_TODAY", "2024-07-20")
    b = write(tmp_path, "b.xlsx", filled_form("29263", statuses=["Chưa đạt"] * 19))
    invoke("import", str(b), "--replace", code=0)
    report = json.loads(invoke("completeness", "-p", "2024-06", "-f", "json")[1])
    assert (report["submitted"], report["late"]) == (1, 0)


def test_what_folders_hold_and_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "x.xlsx").mkdir()
    found = verdicts(str(folder))
    assert (
        found["old.xls"]["status"] == "rejected"
        and "97-2003" in found["old.xls"]["errors"][0]["message"]
    )
    assert "x.xlsx" not in found
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, output = invoke("import", str(empty))
    assert code == 1 and "không có tệp nào để nhập trong" in output
    missing = verdicts(str(tmp_path / "nowhere.xlsx"))["nowhere.xlsx"]
    assert missing["errors"][0]["message"] == "no such file or folder"


def test_shared_strings_as_excel_writes_them() -> None:
    raw = to_shared_strings(filled_form("29311", statuses=["Chưa đạt", *["Đạt"] * 18]))
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(raw)).namelist()
    (ret,) = read_return(raw, CTX).returns
    assert ret.unit_code == "29311" and ret.not_met == ["1"]


def test_a_shared_strings_bomb_within_the_size_caps_is_refused() -> None:
    raw = to_shared_strings(filled_form())
    raw = rewrite_member(
        raw,
        "xl/sharedStrings.xml",
        lambda xml: xml.replace(b"</sst>", b"<si/>" * 1_100_000 + b"</sst>"),
    )
    parsed = read_return(raw, CTX)
    assert "over 1,000,000 XML elements: refused" in parsed.problems[0].message


def test_cells_without_references_and_strict_ooxml() -> None:
    raw = filled_form("29311", statuses=["Chưa đạt", *["Đạt"] * 18])
    for title in ("Tiêu chí", "Kết quả khác", "_ntm"):
        member = sheet_member(raw, title)
        raw = rewrite_member(raw, member, lambda xml: re.sub(rb' r="[A-Z]+\d+"', b"", xml))
    (ret,) = read_return(raw, CTX).returns
    assert ret.not_met == ["1"] and ret.funds["central"] == 100
    strict = filled_form("29311")
    for member in zipfile.ZipFile(io.BytesIO(strict)).namelist():
        if member.endswith(".xml") and member.startswith("xl/"):
            strict = rewrite_member(
                strict,
                member,
                lambda xml: xml.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                ).replace(
                    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
                ),
            )
    assert [r.unit_code for r in read_return(strict, CTX).returns] == ["29311"]


def test_empty_text_results_infinite_numbers_and_ordinary_symbols() -> None:
    raw = filled_form()
    member = sheet_member(raw, "Tiêu chí")
    raw = rewrite_member(raw, member, lambda xml: re.sub(
        rb'<c r="D13"[^>]*/>', rb'<c r="D13" t="str"><f>""</f><v></v></c>', xml, count=1
    ))  # fmt: skip
    (ret,) = read_return(raw, CTX).returns
    assert "1" not in ret.notes  # an empty text result is a saved result, not a missing one
    ok = set_inline_text(filled_form(), "Tiêu chí", "D14", "goong 25 m² ± 3 º")
    assert read_return(ok, CTX).returns[0].notes["2"] == "goong 25 m² ± 3 º"
    member = sheet_member(raw, "Kết quả khác")
    inf = rewrite_member(
        filled_form(), member, lambda xml: xml.replace(b"<v>100</v>", b"<v>1e999</v>", 1)
    )
    assert read_return(inf, CTX).problems[0].message == "inf is not a number"


def test_long_format_sheet_with_dates_for_periods(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit_code", "period", "criterion", "status"])
    for n in range(1, 20):
        sheet.append(["29263", dt.date(2024, 6, 1), n, "Đạt"])
    buffer = io.BytesIO()
    book.save(buffer)
    (ret,) = read_return(buffer.getvalue(), CTX).returns
    assert ret.period == "2024-06" and len(ret.met) == 19


def test_file_names_are_shown_as_text_not_markup(tmp_path: Path) -> None:
    path = write(tmp_path, "bao cao [dot 2].xlsx", filled_form("29263"))
    _, out, _ = invoke("import", str(path))
    assert "bao cao [dot 2].xlsx" in out


def test_unit_and_district_together(tmp_path: Path) -> None:
    _, _, output = invoke(
        "template", "-p", "2024-06", "-d", "845", "-u", "29263", "--out", str(tmp_path)
    )
    assert "Xã Long Đức (29263) không thuộc Huyện Cầu Kè" in output


@pytest.mark.slow
def test_workers_do_not_outlive_a_killed_import(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "returns"
    for unit in COMMUNES[:70]:
        write(folder, f"{unit.code}.xlsx", filled_form(unit.code))
    env = {**os.environ, "NTM_STORE": str(store)}
    process = subprocess.Popen([sys.executable, "-m", "ntm_cli", "import", str(folder)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 1:  # kill it once the workers are busy
        time.sleep(0.02)
        try:
            # read-only: a plain connect would create an empty file, which ntm refuses
            with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as db:
                stored = db.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            pass
    workers = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True)
    assert len(workers.stdout.split()) >= 2  # the import and its parse workers are running
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = subprocess.run(
            ["pgrep", "-f", str(folder)], capture_output=True, text=True
        ).stdout.split()
        if not alive:
            break
        time.sleep(0.2)
    assert not alive, alive
