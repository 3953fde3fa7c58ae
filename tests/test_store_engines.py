"""The store on both engines: SQLite (a file) and PostgreSQL (a real server the test session
starts, tests/pgserver.py). The same commands give the same results on either; a store moves
from one to the other losing nothing."""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import filled_form, filled_nominations, statuses_for, write
from ntm_cli.cli.app import app
from ntm_cli.domain.errors import StoreError
from ntm_cli.sources.pgstore import PgStore, shown
from ntm_cli.sources.store import MIGRATIONS, Store, checksums

FILL_FORMS = Path(__file__).parents[1] / "examples" / "fill_forms.py"
runner = CliRunner()


def open_store(location: str, **options: Any) -> Store:
    if location.startswith("postgresql://"):
        return PgStore(location, **options)
    return Store(Path(location), **options)


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result


def as_json(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    return json.loads(run(*args, "--format", "json", code=code, env=env).stdout)


def fill(forms: Path, returns: Path) -> None:
    argv = sys.argv
    try:
        sys.argv = [str(FILL_FORMS), str(forms), str(returns)]
        runpy.run_path(str(FILL_FORMS), run_name="__main__")
    finally:
        sys.argv = argv


def without(value: Any, location: str) -> Any:
    """An output with the store's location (which differs by engine) and the import's time of
    day taken out."""
    text = re.sub(r"T\d\d:\d\d:\d\d", "T<time>", json.dumps(value, ensure_ascii=False, default=str))
    for spelled in (location, shown(location) if "://" in location else location):
        text = text.replace(json.dumps(spelled)[1:-1], "<store>")
    return json.loads(text)


def test_the_monthly_cycle_gives_the_same_results_on_both_engines(
    tmp_path: Path, pg_url: str
) -> None:
    forms, returns = tmp_path / "forms", tmp_path / "returns"
    run("template", "--period", "2024-06", "--out", str(forms), env={"NTM_TODAY": "2024-07-04"})
    fill(forms, returns)
    stores = {"sqlite": str(tmp_path / "returns.sqlite"), "postgresql": pg_url}
    outputs: dict[str, dict[str, Any]] = {}
    for engine, where in stores.items():
        env = {"NTM_STORE": where, "NTM_TODAY": "2024-07-04"}
        imported = as_json("import", str(returns), code=1, env=env)  # two forms are refused
        assert [f["status"] for f in imported["files"]].count("imported") == 79
        env["NTM_TODAY"] = "2024-07-10"
        outputs[engine] = {
            " ".join(args): without(as_json(*args, env=env), where)
            for args in (
                ("completeness", "--period", "2024-06"),
                ("gaps", "--period", "2024-06"),
                ("forecast",),
                ("awards", "--year", "2024"),
                ("unit", "29284"),
                ("progress", "--year", "2024"),
            )
        }
        out = tmp_path / f"report-{engine}"
        run("report", "--period", "2024-06", "--out", str(out), env=env)
        book = load_workbook(out / "2024-06_bao-cao-ntm.xlsx")
        outputs[engine]["report"] = without(
            {ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
             for ws in book.worksheets},
            where,
        )  # fmt: skip
    for name, value in outputs["sqlite"].items():
        assert outputs["postgresql"][name] == value, name
    assert outputs["sqlite"]["completeness --period 2024-06"]["submitted"] == 79


def test_a_newer_return_needs_replace_and_a_correction_can_be_taken_back(
    tmp_path: Path, location: str
) -> None:
    first = write(tmp_path, "first.xlsx", filled_form("29263", statuses=statuses_for("29263", 10)))
    second = write(
        tmp_path, "second.xlsx", filled_form("29263", statuses=statuses_for("29263", 15))
    )
    assert as_json("import", str(first))["files"][0]["status"] == "imported"
    refused = as_json("import", str(second), code=1)
    assert refused["files"][0]["errors"][0]["code"] == "store.conflict"
    assert as_json("import", str(second), "--replace")["files"][0]["status"] == "replaced"
    assert as_json("import", str(second))["files"][0]["status"] == "unchanged"
    with open_store(location) as db:
        history = db.returns(unit_code="29263", current_only=False)
        assert [(h.file_name, h.superseded_at is None, len(h.ret.met)) for h in history] == [
            ("first.xlsx", False, 10),
            ("second.xlsx", True, 15),
        ]
    taken_back = as_json("import", str(first), "--replace")
    assert taken_back["files"][0]["status"] == "replaced"
    with open_store(location) as db:
        (current,) = db.returns(unit_code="29263")
        assert current.file_name == "first.xlsx" and len(current.ret.met) == 10
        assert db.count() == 1


def test_nominations_are_stored_and_superseded_alike(tmp_path: Path, location: str) -> None:
    book = filled_nominations(
        2024,
        {"Sở, ban, ngành": [["Sở Nông nghiệp và PTNT", "Sở, ban, ngành", "Có", "đúng tiến độ"]]},
    )
    path = write(tmp_path, "nominations.xlsx", book)
    first = as_json("import", str(path))
    assert first["files"][0]["status"] == "imported", first
    with open_store(location) as db:
        found = db.nominations(2024)
        assert found is not None and found.file_name == "nominations.xlsx"
        assert len(found.nominees) == 1


def test_the_first_import_into_an_empty_database_makes_the_store_and_says_so(
    tmp_path: Path, pg_url: str
) -> None:
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    result = run("import", str(path), env={"NTM_STORE": pg_url})
    assert "đã tạo kho phiếu mới: postgresql://ntm_admin@127.0.0.1" in result.stderr
    again = run("import", str(path), "--replace", env={"NTM_STORE": pg_url})
    assert "đã tạo kho phiếu mới" not in again.stderr
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("SELECT value FROM ntm_store WHERE key = 'version'").fetchone()
    assert version == (str(len(MIGRATIONS)),)


def test_a_command_that_only_reads_does_not_make_a_store(pg_url: str) -> None:
    result = run("completeness", "--period", "2024-06", env={"NTM_STORE": pg_url})
    assert "chưa có" in result.output
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchone()
    assert tables == (0,)


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id integer PRIMARY KEY, name text)")
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    result = run("import", str(path), "--lang", "en", env={"NTM_STORE": pg_url}, code=1)
    assert "another program's database (tables customers)" in result.output
    assert "Traceback" not in result.output
    with psycopg.connect(pg_url) as conn:
        names = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    assert names == [("customers",)]


def test_an_unreachable_server_is_told_with_no_password_and_no_traceback(
    postgres: Any, tmp_path: Path
) -> None:
    from pgserver import free_port

    url = f"postgresql://officer:s3cret@127.0.0.1:{free_port()}/ntm"
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    result = runner.invoke(app, ["import", str(path), "--lang", "en"], env={"NTM_STORE": url})
    assert result.exit_code != 0
    assert "cannot connect to the store's server" in result.output
    assert f"postgresql://officer@127.0.0.1:{url.split(':')[3].split('/')[0]}/ntm" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_a_store_of_a_newer_ntm_is_refused(tmp_path: Path, pg_url: str) -> None:
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    run("import", str(path), env={"NTM_STORE": pg_url})
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE ntm_store SET value = '99' WHERE key = 'version'")
    with pytest.raises(StoreError) as refused:
        PgStore(pg_url)
    assert refused.value.code == "store.newer"


def test_check_backup_and_restore_on_both_engines(
    tmp_path: Path, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a server store is kept before a restore in the working folder
    one = write(tmp_path / "in", "a.xlsx", filled_form("29263"))
    run("import", str(one))
    health = as_json("store", "check")
    assert health["ok"] and health["counts"]["returns"] == 1
    backup = tmp_path / "backup.sqlite"
    copied = as_json("store", "backup", str(backup))
    assert copied["ok"] and copied["counts"]["returns"] == 1
    run("import", str(write(tmp_path / "in2", "b.xlsx", filled_form("29269"))))
    assert as_json("store", "check")["counts"]["returns"] == 2
    restored = as_json("store", "restore", str(backup))
    assert restored["ok"] and restored["counts"]["returns"] == 1
    kept = Path(restored["kept"])
    assert kept.exists()
    with Store(kept, create=False) as before:
        assert before.count() == 2
    # a new import after the restore takes new ids: nothing collides with the restored rows
    run("import", str(write(tmp_path / "in3", "c.xlsx", filled_form("29272"))))
    assert as_json("store", "check")["counts"]["returns"] == 2


def test_the_check_finds_what_the_stores_rules_forbid(tmp_path: Path, location: str) -> None:
    first = write(tmp_path, "first.xlsx", filled_form("29263", statuses=statuses_for("29263", 10)))
    second = write(tmp_path, "b.xlsx", filled_form("29263", statuses=statuses_for("29263", 12)))
    run("import", str(first))
    run("import", str(second), "--replace")
    with open_store(location) as db, db.transaction() as tx:  # a hand edit, past the index
        tx.execute("DROP INDEX returns_current")
        tx.execute("UPDATE returns SET superseded_at = NULL")
    health = as_json("store", "check", "--lang", "en", code=1)
    assert not health["ok"]
    assert any(p.startswith("two current returns: 29263, 2024-06") for p in health["problems"])


def test_a_store_moves_into_postgresql_and_back_losing_nothing(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(source))
    first = write(tmp_path, "first.xlsx", filled_form("29263", statuses=statuses_for("29263", 10)))
    second = write(tmp_path, "b.xlsx", filled_form("29263", statuses=statuses_for("29263", 12)))
    run("import", str(first))
    run("import", str(second), "--replace")
    run("import", str(write(tmp_path / "more", "c.xlsx", filled_form("29269"))))
    book = filled_nominations(
        2024,
        {"Sở, ban, ngành": [["Sở Nông nghiệp và PTNT", "Sở, ban, ngành", "Có", "đúng tiến độ"]]},
    )
    run("import", str(write(tmp_path / "nom", "n.xlsx", book)))
    with Store(source) as db:
        before = checksums(db)
    moved = as_json("store", "migrate", pg_url)
    assert {t: (v["rows"], v["sha256"]) for t, v in moved["tables"].items()} == before
    assert moved["tables"]["returns"]["rows"] == 3
    with PgStore(pg_url) as db:
        assert checksums(db) == before
    back = tmp_path / "back.sqlite"
    returned = as_json("store", "migrate", str(back), "--store", pg_url)
    assert {t: (v["rows"], v["sha256"]) for t, v in returned["tables"].items()} == before
    with Store(back) as db:
        assert checksums(db) == before
    card = [as_json("unit", "29263", "--store", where) for where in (str(source), pg_url)]
    assert without(card[0], str(source)) == without(card[1], pg_url)
    # the server store goes on: a new import takes ids after the copied ones
    run("import", str(write(tmp_path / "new", "d.xlsx", filled_form("29272"))), "--store", pg_url)
    with PgStore(pg_url) as db:
        assert db.count() == 3


def test_a_store_is_moved_only_into_an_empty_one(tmp_path: Path, pg_url: str) -> None:
    source = str(tmp_path / "returns.sqlite")
    run("import", str(write(tmp_path, "a.xlsx", filled_form("29263"))), "--store", source)
    run("import", str(write(tmp_path / "b", "b.xlsx", filled_form("29269"))), "--store", pg_url)
    result = run("store", "migrate", pg_url, "--store", source, "--lang", "en", code=1)
    assert "the target store already holds data" in result.output
    with PgStore(pg_url) as db:
        assert [r.ret.unit_code for r in db.returns()] == ["29269"]


def test_an_address_that_cannot_be_read_is_told_without_its_password(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlsx", filled_form("29263"))
    url = "postgresql://officer:s3cret@[db/ntm"
    result = runner.invoke(app, ["import", str(path), "--lang", "en"], env={"NTM_STORE": url})
    assert result.exit_code == 1
    assert "the store's address cannot be read" in result.output
    assert "officer:***@[db/ntm" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_taking_back_a_nominations_workbook_counts_its_nominees_on_both_engines(
    tmp_path: Path, location: str
) -> None:
    one = filled_nominations(2024, {"Sở, ban, ngành": [
        ["Sở Nông nghiệp và PTNT", "Sở, ban, ngành", "Có", "đúng tiến độ"],
        ["Sở Tài chính", "Sở, ban, ngành", "Có", "đúng tiến độ"],
    ]})  # fmt: skip
    two = filled_nominations(2024, {"Sở, ban, ngành": [["Sở Xây dựng", "Sở, ban, ngành", "Có"]]})
    first, second = write(tmp_path, "a.xlsx", one), write(tmp_path, "b.xlsx", two)
    run("import", str(first))
    run("import", str(second), "--replace")
    with open_store(location) as db:
        sha = db.db.execute("SELECT sha256 FROM files WHERE name = 'a.xlsx'").fetchone()[0]
        assert db.reinstate(sha) == 2  # the two nominees of the first workbook, current again
        found = db.nominations(2024)
        assert found is not None and [n.name for n in found.nominees] == [
            "Sở Nông nghiệp và PTNT",
            "Sở Tài chính",
        ]


def old_store(path: Path) -> Path:
    """A store of schema 5 (before the review), holding one return: as a backup made then."""
    import sqlite3

    run("import", str(write(path.parent / "old-in", "a.xlsx", filled_form("29263"))),
        "--store", str(path))  # fmt: skip
    db = sqlite3.connect(path)
    for table in ("review_events", "officers", "officer_units"):
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()
    return path


def version(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def test_a_backup_of_an_earlier_schema_is_restored_on_both_engines(
    tmp_path: Path, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    backup = old_store(tmp_path / "old" / "backup.sqlite")
    run("import", str(write(tmp_path / "in", "b.xlsx", filled_form("29269"))))
    restored = as_json("store", "restore", str(backup))
    assert restored["ok"] and restored["counts"]["returns"] == 1
    with open_store(location) as db:
        assert [r.ret.unit_code for r in db.returns()] == ["29263"]
    assert version(backup) == 5  # the backup itself is not changed


def test_a_store_of_an_earlier_schema_is_moved_without_being_changed(
    tmp_path: Path, pg_url: str
) -> None:
    source = old_store(tmp_path / "old.sqlite")
    moved = as_json("store", "migrate", pg_url, "--store", str(source))
    assert moved["tables"]["returns"]["rows"] == 1 and "review_events" not in moved["tables"]
    assert version(source) == 5
    with PgStore(pg_url) as db:
        assert [r.ret.unit_code for r in db.returns()] == ["29263"]


def test_a_failed_move_leaves_no_empty_store_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ntm_cli
    import ntm_cli.sources.store as store_module

    source = tmp_path / "returns.sqlite"
    run("import", str(write(tmp_path, "a.xlsx", filled_form("29263"))), "--store", str(source))
    real = store_module.checksums
    calls = iter(range(100))

    def unequal(store: Store, shape: Any = None) -> dict[str, tuple[int, str]]:
        found = real(store, shape)
        return found if next(calls) == 0 else {t: (n + 1, d) for t, (n, d) in found.items()}

    monkeypatch.setattr(store_module, "checksums", unequal)
    target = tmp_path / "moved.sqlite"
    with pytest.raises(StoreError) as failed:
        ntm_cli.open(store=source).store_migrate(str(target))
    assert failed.value.code == "store.copy_mismatch"
    assert not target.exists()
