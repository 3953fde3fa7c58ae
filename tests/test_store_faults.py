"""Faults a user meets with the store and the command line: where the store is, a store that is
not there or not ntm's, a damaged, read-only or locked store, special files, empty arguments.
Each case is built for real and its message checked; none prints a traceback."""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forms import COMMUNES, filled_form, write
from ntm_cli.cli.app import app
from ntm_cli.sources.store import APPLICATION_ID, MIGRATIONS, Store

runner = CliRunner()
NTM = str(Path(sys.executable).with_name("ntm.exe" if os.name == "nt" else "ntm"))
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX special files and capabilities")


def ntm(
    *args: str,
    env: dict[str, str] | None = None,
    code: int | None = None,
    preexec: object = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it."""
    done = subprocess.run(
        [NTM, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, "NTM_TODAY": "2024-07-04", **(env or {})},
        preexec_fn=preexec,  # type: ignore[arg-type]
    )  # fmt: skip
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    if code is not None:
        assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    # lines as the terminal would wrap them, joined again: the tests read the words
    return subprocess.CompletedProcess(done.args, done.returncode, _flat(done.stdout),
                                       _flat(done.stderr))  # fmt: skip


def _flat(text: str) -> str:
    return text.replace(" \n", " ").replace("\n", " ")


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    for unit in COMMUNES[:3]:
        write(folder, f"2024-06_{unit.code}.xlsx", filled_form(unit.code, "2024-06"))
    return folder


@pytest.fixture
def filled_store(tmp_path: Path, forms: Path) -> Path:
    store = tmp_path / "kho" / "returns.sqlite"
    ntm("import", str(forms), "--store", str(store), code=0)
    return store


# 1. Where the store is, said and shown --------------------------------------------------------


def test_a_store_that_is_not_there_is_said_never_read_as_nobody_reported(tmp_path: Path) -> None:
    typo = tmp_path / "nope" / "typo.sqlite"
    env = {"NTM_STORE": str(typo)}
    done = ntm("completeness", "--period", "2024-06", env=env, code=0)
    assert f"chưa có kho phiếu tại {typo} (theo NTM_STORE)" in done.stderr
    assert f"Kho phiếu: {typo} (theo NTM_STORE) · chưa có" in done.stdout
    ntm("completeness", "--period", "2024-06", "--check", env=env, code=1)
    done = ntm("unit", "Long Đức", "--check", env=env, code=1)
    assert "chưa có kho phiếu tại" in done.stderr
    done = ntm("report", "--period", "2024-06", "--out", str(tmp_path / "r"), "--check",
               "--lang", "en", env=env, code=1)  # fmt: skip
    assert f"there is no store at {typo} (from NTM_STORE)" in done.stderr
    done = ntm("gaps", env=env, code=1)
    assert "Lỗi: chưa có kho phiếu tại" in done.stderr
    for args in (["forecast"], ["awards", "--year", "2024"]):
        done = ntm(*args, "--check", env=env, code=1)
        assert "chưa có kho phiếu tại" in done.stderr
    assert not typo.exists() and not typo.parent.exists()  # reading creates nothing


def test_a_store_without_the_month_asked_is_said(filled_store: Path) -> None:
    done = ntm("completeness", "--period", "2024-05", "--store", str(filled_store), code=0)
    assert f"kho phiếu {filled_store} không có phiếu nào của kỳ 2024-05" in done.stderr
    ntm("completeness", "--period", "2024-05", "--store", str(filled_store), "--check", code=1)
    done = ntm("forecast", "--period", "2024-06", "--store", str(filled_store), "--check", code=0)
    assert "Cảnh báo" not in done.stderr
    assert f"Kho phiếu: {filled_store} (theo --store) · 3 phiếu kỳ 2024-06" in done.stdout


def test_the_project_file_names_the_store_and_import_creates_one_only_where_named(
    tmp_path: Path, forms: Path
) -> None:
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": "", "NTM_STORE": ""}
    done = ntm("import", str(forms), env=env, cwd=tmp_path, code=1)
    default = home / ".local" / "share" / "ntm" / "returns.sqlite"
    assert f"chưa có kho phiếu, và chưa nơi nào ghi đặt kho ở đâu (vị trí mặc định {default})" \
        in done.stderr  # fmt: skip
    assert not default.exists()
    project = tmp_path / "office"
    project.mkdir()
    ntm("init", env=env, cwd=project, code=0)
    done = ntm("import", str(forms), env=env, cwd=project, code=0)
    assert "đã tạo kho phiếu mới: returns.sqlite" in done.stderr  # shown from where one is
    assert "Kho phiếu: returns.sqlite (theo ntm.toml)" in done.stdout
    # from a sub-folder, in a new shell: the same store
    (project / "sub").mkdir()
    done = ntm("completeness", "--period", "2024-06", env=env, cwd=project / "sub", code=0)
    assert f"{project / 'returns.sqlite'} (theo {project / 'ntm.toml'}) · 3 phiếu kỳ 2024-06" \
        in done.stdout  # fmt: skip


# 2. Store health -----------------------------------------------------------------------------


def test_another_program_s_database_and_an_empty_file_are_refused_untouched(
    tmp_path: Path, forms: Path
) -> None:
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    done = ntm("import", str(forms), "--store", str(other), code=1)
    assert "cơ sở dữ liệu của chương trình khác (có các bảng users)" in done.stderr
    assert other.read_bytes() == before
    marked = tmp_path / "marked.db"
    db = sqlite3.connect(marked)
    db.execute("PRAGMA application_id = 1234")
    db.execute("CREATE TABLE files (x)")
    db.commit()
    db.close()
    done = ntm("unit", "29263", "--store", str(marked), "--lang", "en", code=1)
    assert "another program's database (application id 0x000004d2)" in done.stderr
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    done = ntm("import", str(forms), "--store", str(empty), code=1)
    assert "tệp rỗng (0 byte), không phải kho phiếu của ntm" in done.stderr
    assert empty.stat().st_size == 0
    text = tmp_path / "notes.sqlite"
    text.write_text("ghi chú", encoding="utf-8")
    done = ntm("completeness", "-p", "2024-06", "--store", str(text), code=1)
    assert "không phải kho phiếu của ntm (không phải cơ sở dữ liệu SQLite)" in done.stderr
    done = ntm("completeness", "-p", "2024-06", "--store", str(tmp_path), code=1)
    assert "là thư mục; kho phiếu là một tệp" in done.stderr


def test_a_store_identifies_itself_and_an_older_one_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path):
        pass
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    db.execute("PRAGMA application_id = 0")  # as stores were made before they were marked
    db.commit()
    db.close()
    with Store(path, create=False) as store:
        assert store.db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)


def _damage(store: Path, at: int = 8192) -> None:
    """4 KiB of random bytes over a page, as a failing disk or a bad copy leaves it."""
    with store.open("r+b") as f:
        f.seek(at)
        f.write(os.urandom(4096))


def test_a_damaged_store_is_said_clearly_and_store_check_finds_it(
    tmp_path: Path, filled_store: Path, forms: Path
) -> None:
    backup = tmp_path / "backup" / "returns-2024-06.sqlite"
    done = ntm("store", "backup", str(backup), "--store", str(filled_store), code=0)
    assert f"Đã sao lưu kho vào {backup}" in done.stderr
    ntm("store", "check", "--store", str(filled_store), code=0)
    # every page but the first (the header) in turn, as the first page a command reads may differ
    size = filled_store.stat().st_size
    damaged = tmp_path / "damaged.sqlite"
    seen_damage = 0
    for at in range(4096, size, 4096):
        damaged.write_bytes(filled_store.read_bytes())
        _damage(damaged, at)
        check = ntm("store", "check", "--store", str(damaged), "-f", "json")
        health = json.loads(check.stdout)
        assert check.returncode == (0 if health["ok"] else 1)
        for args in (["unit", "29263"], ["completeness", "-p", "2024-06"], ["gaps"],
                     ["import", str(forms), "--replace"]):  # fmt: skip
            done = ntm(*args, "--store", str(damaged))
            if "kho bị hỏng" in done.stderr:
                seen_damage += 1
                assert done.returncode == 1
                assert "ntm store check" in done.stderr and "ntm store restore" in done.stderr
        if not health["ok"]:
            assert health["problems"]
    assert seen_damage > 0
    # the case as first reported: 4 KiB at 8 KiB, then an import
    damaged.write_bytes(filled_store.read_bytes())
    _damage(damaged, 8192)
    done = ntm("import", str(forms), "--replace", "--store", str(damaged), code=1)
    assert "kho bị hỏng (có trang dữ liệu không đọc được)" in done.stderr
    assert "Đã lưu 0 tệp; 3 tệp chưa xử lý" in done.stderr
    # restore: the backup passes the full check; the damaged store is kept beside
    assert ntm("store", "check", "--store", str(damaged)).returncode == 1
    done = ntm("store", "restore", str(backup), "--store", str(damaged), code=0)
    kept = list(tmp_path.glob("damaged.before-restore-*.sqlite"))
    assert len(kept) == 1 and "được giữ lại tại" in done.stdout
    ntm("store", "check", "--store", str(damaged), code=0)
    done = ntm("completeness", "-p", "2024-06", "--store", str(damaged), code=0)
    assert "· 3 phiếu kỳ 2024-06" in done.stdout
    # a damaged backup is refused and the store stays as it is
    _damage(backup, 8192)
    before = damaged.read_bytes()
    done = ntm("store", "restore", str(backup), "--store", str(damaged), code=1)
    assert "bản sao lưu không qua được kiểm tra toàn vẹn" in done.stderr
    assert damaged.read_bytes() == before


def test_backup_while_an_import_writes(tmp_path: Path, filled_store: Path) -> None:
    """SQLite's online backup: a copy taken while another process imports is consistent."""
    folder = tmp_path / "more"
    for unit in COMMUNES[3:70]:
        write(folder, f"2024-06_{unit.code}.xlsx", filled_form(unit.code, "2024-06"))
    importing = subprocess.Popen(
        [NTM, "import", str(folder), "--store", str(filled_store)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NTM_TODAY": "2024-07-04"},
    )  # fmt: skip
    copies = []
    try:
        for i in range(3):
            copy = tmp_path / f"copy-{i}.sqlite"
            ntm("store", "backup", str(copy), "--store", str(filled_store), code=0)
            copies.append(copy)
            time.sleep(0.1)
    finally:
        importing.wait(timeout=120)
    for copy in copies:
        health = json.loads(ntm("store", "check", "--store", str(copy), "-f", "json").stdout)
        assert health["ok"] and health["counts"]["files"] >= 3
    done = ntm("store", "backup", str(copies[0]), "--store", str(filled_store), code=1)
    assert "--force" in done.stderr


def _without_override() -> None:
    """In the child: root without the capabilities that let it write any file (a read-only
    file stops it as it stops anyone else)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@posix
def test_a_read_only_store_is_said_and_still_read(filled_store: Path, tmp_path: Path) -> None:
    more = tmp_path / "more"
    write(more, "2024-06_x.xlsx", filled_form(COMMUNES[5].code, "2024-06"))
    write(more, "2024-06_y.xlsx", filled_form(COMMUNES[6].code, "2024-06"))
    filled_store.chmod(0o444)
    try:
        done = ntm("import", str(more), "--store", str(filled_store), preexec=_without_override)
        assert done.returncode == 1, done.stderr
        assert "kho chỉ đọc, không ghi được" in done.stderr
        assert "Đã lưu 0 tệp; 2 tệp chưa xử lý" in done.stderr
        done = ntm("completeness", "-p", "2024-06", "--store", str(filled_store),
                   preexec=_without_override, code=0)  # fmt: skip
        assert "· 3 phiếu kỳ 2024-06" in done.stdout
    finally:
        filled_store.chmod(0o644)


def test_a_locked_store_is_said(
    filled_store: Path, forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Store, "timeout", 0.3)
    holder = sqlite3.connect(filled_store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        write(forms, "late.xlsx", filled_form(COMMUNES[9].code, "2024-06"))
        result = runner.invoke(app, ["import", str(forms), "--store", str(filled_store)])
        assert result.exit_code == 1, result.output
        assert "kho đang bị một tiến trình khác khoá" in result.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# 4. Inputs -------------------------------------------------------------------------------------


@posix
def test_special_files_are_refused_without_reading_them(tmp_path: Path, filled_store: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    start = time.monotonic()
    done = ntm("import", "/dev/zero", str(fifo), "--store", str(filled_store), "-f", "json",
               "--lang", "en", code=1)  # fmt: skip
    assert time.monotonic() - start < 20
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    said = {name: f["errors"][0]["message"] for name, f in files.items()}
    assert said == {
        "zero": "not a regular file (a device); not read",
        "pipe.xlsx": "not a regular file (a FIFO pipe); not read",
    }


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["import", ""], "đối số thứ 1 để trống"),
        (["template", "--period", "2024-06", "--unit", ""], "--unit để trống"),
        (["completeness", "--period", "2024-06", "--district="], "--district để trống"),
        (["report", "--period", "2024-06", "--out", " "], "--out để trống"),
        (["unit", ""], "đối số thứ 1 để trống"),
        (["import", "x.xlsx", "--errors", ""], "--errors để trống"),
    ],
)
def test_an_empty_value_is_refused_never_taken_as_everything(
    args: list[str], shown: str, tmp_path: Path
) -> None:
    done = ntm(*args, "--store", str(tmp_path / "s.sqlite"), cwd=tmp_path, code=2)
    assert shown in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, no store started


def test_an_empty_value_is_said_in_english_when_asked(tmp_path: Path) -> None:
    done = ntm("units", "--search", "", "--lang", "en", code=2)
    assert "Error: --search is empty; give a value" in done.stderr


def test_escape_sequences_in_file_names_never_reach_the_terminal(
    tmp_path: Path, filled_store: Path
) -> None:
    name = "x\x1b[2J\x1b[31mđỏ\x07.xlsx"
    write(tmp_path / "in", name, filled_form(COMMUNES[0].code, "2024-06"))
    (tmp_path / "in" / "bad\x1b]0;title\x07.xlsx").write_bytes(b"not a workbook")
    done = ntm("import", str(tmp_path / "in"), "--store", str(filled_store))
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "x\\x1b[2J\\x1b[31mđỏ\\x07.xlsx" in done.stdout
    assert "bad\\x1b]0;title\\x07.xlsx" in done.stdout + done.stderr


def test_an_ambiguous_name_lists_the_units_it_matches() -> None:
    for query in ("Phường 1", "phuong 1", "P. 1"):
        done = ntm("unit", query, code=1)
        assert (
            f"{query!r} trùng 2 đơn vị cùng tên: Phường 1 (29239, Thành phố Trà Vinh), "
            "Phường 1 (29512, Thị xã Duyên Hải)"
        ) in done.stderr
    done = ntm("unit", "29239", code=0)
    assert "Phường 1" in done.stdout


def test_a_superseded_version_re_imported_with_replace_is_current_again(
    tmp_path: Path,
) -> None:
    store = tmp_path / "s.sqlite"
    code = COMMUNES[0].code
    first = write(tmp_path / "a", "v1.xlsx", filled_form(code, "2024-06"))
    second = write(tmp_path / "b", "v2.xlsx", filled_form(
        code, "2024-06", statuses=["Đạt"] * 19))  # fmt: skip
    ntm("import", str(first), "--store", str(store), code=0)
    ntm("import", str(second), "--store", str(store), "--replace", code=0)
    done = ntm("import", str(first), "--store", str(store), "-f", "json", "--lang", "en", code=0)
    (again,) = json.loads(done.stdout)["files"]
    assert (again["status"], again["unit_code"], again["period"]) == ("unchanged", code, "2024-06")
    done = ntm("import", str(first), "--store", str(store), "--replace", "--dry-run")
    assert "thay thế" in done.stdout
    done = ntm("import", str(first), "--store", str(store), "--replace", "-f", "json", code=0)
    (back,) = json.loads(done.stdout)["files"]
    assert back["status"] == "replaced"
    card = json.loads(ntm("unit", code, "--store", str(store), "-f", "json", code=0).stdout)
    current = [r for r in card["returns"] if r["superseded_at"] is None]
    assert [r["file"] for r in current] == ["v1.xlsx"]
    assert {r["file"]: r["superseded_at"] is None for r in card["returns"]} == {
        "v1.xlsx": True,
        "v2.xlsx": False,
    }  # v2 superseded in its turn; nothing deleted
    done = ntm("import", str(first), "--store", str(store), "--replace", "-f", "json", code=0)
    assert json.loads(done.stdout)["files"][0]["status"] == "unchanged"


def test_unchanged_rows_say_their_unit_and_period(filled_store: Path, forms: Path) -> None:
    done = ntm("import", str(forms), "--store", str(filled_store), code=0)
    for unit in COMMUNES[:3]:
        assert f"không đổi   {unit.code}    2024-06" in done.stdout


def test_a_form_for_a_past_month_shows_the_level_of_that_month(tmp_path: Path) -> None:
    """Long Đức was recognised as a model commune for 2024: a June 2024 form shows it as it
    then was, advanced."""
    from openpyxl import load_workbook

    ntm("template", "--period", "2024-06", "--unit", "Long Đức", "--out", str(tmp_path),
        "--store", str(tmp_path / "s.sqlite"), code=0)  # fmt: skip
    (form,) = tmp_path.glob("*.xlsx")
    book = load_workbook(form)
    level, towards = book["Tiêu chí"]["B8"].value, book["Tiêu chí"]["B9"].value
    assert (level, towards) == ("NTM nâng cao", "NTM kiểu mẫu")  # then; today it is a model


# What a review of the above found ------------------------------------------------------------


def test_re_running_a_folder_with_replace_never_brings_back_an_older_version(
    tmp_path: Path,
) -> None:
    """A correction sorts before its original ("… (sửa).csv" < "….csv"): a folder imported again
    with --replace must leave the correction current, and files named on their own come back in
    the order given."""
    store = tmp_path / "s.sqlite"
    folder = tmp_path / "fold"
    folder.mkdir()
    header = "unit_code,period,criterion,status\n"
    original = folder / "2024-06_29263.csv"
    original.write_text(header + "29263,2024-06,1,Đạt\n", encoding="utf-8")
    correction = folder / "2024-06_29263 (sửa).csv"
    ntm("import", str(original), "--store", str(store), code=0)
    correction.write_text(header + "29263,2024-06,1,Chưa đạt\n", encoding="utf-8")
    ntm("import", str(correction), "--store", str(store), "--replace", code=0)

    def current() -> str:
        card = json.loads(ntm("unit", "29263", "--store", str(store), "-f", "json").stdout)
        (now,) = [r["file"] for r in card["returns"] if r["superseded_at"] is None]
        return str(now)

    done = ntm("import", str(folder), "--store", str(store), "--replace", "-f", "json", code=0)
    assert {f["status"] for f in json.loads(done.stdout)["files"]} == {"unchanged"}
    assert current() == correction.name
    # named on their own: each in its turn, the last one named wins
    ntm("import", str(original), str(correction), "--store", str(store), "--replace", code=0)
    assert current() == correction.name
    ntm("import", str(correction), str(original), "--store", str(store), "--replace", code=0)
    assert current() == original.name


def test_a_read_only_folder_still_lets_the_store_be_read(filled_store: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    folder = filled_store.parent
    folder.chmod(0o555)
    try:
        done = ntm("completeness", "-p", "2024-06", "--store", str(filled_store),
                   preexec=_without_override, code=0)  # fmt: skip
        assert "· 3 phiếu kỳ 2024-06" in done.stdout
        done = ntm("store", "check", "--store", str(filled_store), preexec=_without_override)
        assert done.returncode == 0, done.stderr
    finally:
        folder.chmod(0o755)


def test_restore_converts_a_backup_of_another_page_size_and_leaves_it_as_it_was(
    tmp_path: Path, filled_store: Path
) -> None:
    import hashlib

    backup = tmp_path / "b8k.sqlite"
    source = sqlite3.connect(filled_store)
    target = sqlite3.connect(backup, isolation_level=None)
    source.backup(target)
    target.execute("PRAGMA journal_mode = DELETE")
    target.execute("PRAGMA page_size = 8192")
    target.execute("VACUUM")
    assert target.execute("PRAGMA page_size").fetchone() == (8192,)
    source.close()
    target.close()
    before = hashlib.sha256(backup.read_bytes()).hexdigest()
    other = tmp_path / "other" / "s.sqlite"
    ntm("import", str(tmp_path / "returns"), "--store", str(other), code=0)
    done = ntm("store", "restore", str(backup), "--store", str(other), code=0)
    assert "Kiểm tra toàn vẹn (đọc mọi trang): không có lỗi." in done.stdout
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == before  # opened read-only
    done = ntm("store", "restore", str(tmp_path / "nope.sqlite"), "--store", str(other), code=1)
    assert "nope.sqlite: không có bản sao lưu này" in done.stderr
    done = ntm("store", "restore", str(tmp_path), "--store", str(other), code=1)
    assert "là thư mục; hãy chỉ một tệp sao lưu" in done.stderr
    link = tmp_path / "other" / "link.sqlite"
    os.link(other, link)
    done = ntm("store", "restore", str(link), "--store", str(other), code=1)
    assert "chính là kho phiếu" in done.stderr


def test_a_backup_that_cannot_be_written_names_the_backup(
    tmp_path: Path, filled_store: Path
) -> None:
    target = tmp_path / "is-a-file" / "b.sqlite"
    (tmp_path / "is-a-file").write_text("x", encoding="utf-8")
    done = ntm("store", "backup", str(target), "--store", str(filled_store), code=1)
    assert str(target) in done.stderr and str(filled_store) not in done.stderr


def test_escape_sequences_in_list_values_are_escaped_too(tmp_path: Path) -> None:
    evil = tmp_path / "evil.sqlite"
    db = sqlite3.connect(evil)
    db.execute('CREATE TABLE "x\x1b]0;pwned\x07\x1b[2J" (id)')
    db.commit()
    db.close()
    done = ntm("unit", "29263", "--store", str(evil), code=1)
    assert "\x1b" not in done.stderr and "x\\x1b]0;pwned\\x07\\x1b[2J" in done.stderr


def test_report_check_fails_for_any_month_of_a_range(tmp_path: Path, filled_store: Path) -> None:
    done = ntm("report", "--from", "2024-05", "--to", "2024-06", "--out", str(tmp_path / "r"),
               "--store", str(filled_store), "--check")  # fmt: skip
    assert done.returncode == 1
    assert "không có phiếu nào của kỳ 2024-05" in done.stderr


def test_import_json_says_which_store_and_whether_it_was_made(tmp_path: Path, forms: Path) -> None:
    store = tmp_path / "new.sqlite"
    done = ntm("import", str(forms), "--store", str(store), "-f", "json", code=0)
    assert json.loads(done.stdout)["store"] == {"path": str(store), "created": True}
    assert f"đã tạo kho phiếu mới: {store}" in done.stderr


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["import", "--dry-run", ""], "đối số thứ 1 để trống"),
        (["import", "--store", "x.sqlite", ""], "đối số thứ 1 để trống"),
        (["store", "backup", ""], "đối số thứ 1 để trống"),
        (["unit", "--lang=en", " "], "argument 1 is empty"),
    ],
)
def test_empty_values_are_named_by_their_place(args: list[str], shown: str, tmp_path: Path) -> None:
    done = ntm(*args, cwd=tmp_path, code=2)
    assert shown in done.stderr


def test_a_csv_named_xlsx_is_read_and_said(tmp_path: Path) -> None:
    named = tmp_path / "2024-06_29263.xlsx"
    named.write_text("unit_code,period,criterion,status\n29263,2024-06,1,Đạt\n", encoding="utf-8")
    done = ntm("import", str(named), "--store", str(tmp_path / "s.sqlite"), "-f", "json",
               "--lang", "en", code=0)  # fmt: skip
    (verdict,) = json.loads(done.stdout)["files"]
    assert verdict["status"] == "imported"
    assert "file.csv_named_workbook" in {w["code"] for w in verdict["warnings"]}


# What a hostile run of the above found ---------------------------------------------------------


@posix
def test_backup_never_overwrites_a_device_or_a_fifo(tmp_path: Path, filled_store: Path) -> None:
    fifo = tmp_path / "b.fifo"
    os.mkfifo(fifo)
    null = tmp_path / "null.sqlite"
    null.symlink_to("/dev/null")
    for target in (fifo, null):
        done = ntm("store", "backup", str(target), "--force", "--store", str(filled_store), code=1)
        assert "không phải tệp thông thường" in done.stderr
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()


@posix
def test_special_files_met_in_a_folder_get_a_verdict(tmp_path: Path, filled_store: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.xlsx")
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    done = ntm("import", str(folder), "--store", str(filled_store), "-f", "json", "--lang", "en",
               code=1)  # fmt: skip
    said = {
        Path(f["path"]).name: f["errors"][0]["message"] for f in json.loads(done.stdout)["files"]
    }
    assert said == {
        "pipe.xlsx": "not a regular file (a FIFO pipe); not read",
        "zero.xlsx": "not a regular file (a device); not read",
    }


def test_a_superseded_file_imported_again_says_how_to_bring_it_back(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    code = COMMUNES[0].code
    first = write(tmp_path / "a", "v1.xlsx", filled_form(code, "2024-06"))
    second = write(tmp_path / "b", "v2.xlsx", filled_form(code, "2024-06", statuses=["Đạt"] * 19))
    ntm("import", str(first), "--store", str(store), code=0)
    ntm("import", str(second), "--store", str(store), "--replace", code=0)
    done = ntm("import", str(first), "--store", str(store), "-f", "json", code=0)
    (again,) = json.loads(done.stdout)["files"]
    assert again["status"] == "unchanged"
    assert [w["code"] for w in again["warnings"]] == ["import.superseded_hint"]


def test_direction_overrides_never_reach_the_terminal(tmp_path: Path, data_copy: Path) -> None:
    units = data_copy / "units.csv"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("Xã Long Đức", "Xã Long\u202eĐức", 1), encoding="utf-8")
    done = ntm("units", "--data", str(data_copy), code=1)
    assert "U+202E" in done.stderr and "\u202e" not in done.stderr
    folder = tmp_path / "in"
    write(folder, "x\u202exslx.xlsx", filled_form(COMMUNES[0].code, "2024-06"))
    done = ntm("import", str(folder), "--store", str(tmp_path / "s.sqlite"), "-f", "json", code=0)
    assert "\u202e" not in done.stdout and "x\\u202exslx.xlsx" in done.stdout
    assert json.loads(done.stdout)["files"][0]["path"].endswith("x\u202exslx.xlsx")


def test_a_signal_while_annotated_copies_are_written_ends_them(tmp_path: Path) -> None:
    """The copies check the import's stop between files: none is written once it is set."""
    from ntm_cli.returnform.importer import Stop
    from ntm_cli.workspace import _annotated_copies
    from ntm_cli.workspace import open as open_workspace

    bad = write(tmp_path / "in", "bad.xlsx", b"not a workbook")
    result = open_workspace(store=tmp_path / "s.sqlite").import_files([bad], dry_run=True)
    assert [f.status for f in result.files] == ["rejected"]
    stop = Stop()
    stop.signal = 2
    assert _annotated_copies(result.files, tmp_path / "errors", [bad], stop) == 0
    assert not (tmp_path / "errors").exists()
    assert _annotated_copies(result.files, tmp_path / "errors", [bad]) == 1


def test_an_empty_store_in_the_project_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ntm.toml").write_text('store = ""\n', encoding="utf-8")
    done = ntm("completeness", "-p", "2024-06", cwd=tmp_path, env={"NTM_STORE": ""}, code=1)
    assert "ntm.toml: khóa store để trống" in done.stderr


@posix
def test_a_new_store_in_a_read_only_folder_is_said_to_be_read_only(
    tmp_path: Path, forms: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = ntm("import", str(forms), "--store", str(folder / "s.sqlite"),
                   preexec=_without_override, code=1)  # fmt: skip
        assert "kho chỉ đọc, không ghi được" in done.stderr
    finally:
        folder.chmod(0o755)
