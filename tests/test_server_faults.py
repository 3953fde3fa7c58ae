"""The store on a real PostgreSQL server, used by real `ntm` processes: many imports at once, and
a server that goes away in the middle of one.

Imports running at once queue on the store's advisory lock, each file whole: every file is
stored once, no commune-month has two current returns. A connection lost mid-import (the server
restarted, or the backend terminated) ends the import with one clear line and no traceback, the
store holds only whole files, and running the same import again stores the rest.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psycopg
import pytest

import pgserver
from forms import BOOK, COMMUNES, DATA
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import Return
from ntm_cli.domain.status import level_of
from ntm_cli.returnform.writer import FormContext, build_form
from ntm_cli.sources.output import workbook_bytes

pytestmark = pytest.mark.slow

NTM = str(Path(sys.executable).with_name("ntm"))
SRC = Path(__file__).parents[1] / "src"
JUNE = "2024-06"
PERIODS = ("2024-05", JUNE)
PROCESSES = 8
COPIES = 600  # files of the import a server drops: enough to be mid-way when it does


def form(code: str, period: str) -> tuple[bytes, int]:
    """A commune's form as a commune fills it (the form pre-filled with a return, as `ntm
    template` writes it for the next month), and how many criteria it reports."""
    unit = DATA.registry.by_code[code]
    level = level_of(unit, as_of=Period.parse(period).month_end())
    towards, criteria = BOOK.towards(unit, level)
    assert criteria is not None
    statuses = {
        c.number: hashlib.sha256(f"{code}{c.number}{period}".encode()).digest()[0] % 5 != 0
        for c in criteria.reported
    }
    notes = {c.number: c.choices[0] for c in criteria.reported if c.choices and statuses[c.number]}
    filled = Return(code, period, criteria.id, statuses, notes, debt=10.0)
    ctx = FormContext(unit, DATA.registry.district_of(unit), period, criteria, level, towards,
                      DATA.plan.ladder, previous=filled)  # fmt: skip
    return workbook_bytes(build_form(ctx)), len(criteria.reported)


@pytest.fixture(scope="module")
def forms() -> dict[tuple[str, str], tuple[bytes, int]]:
    """Every Trà Vinh commune's form for May and June 2024, and its criteria count."""
    return {(u.code, p): form(u.code, p) for p in PERIODS for u in COMMUNES}


def environ(url: str, tmp_path: Path) -> dict[str, str]:
    """The real process on this worktree's code, its store the test's database."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    return {
        **env,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        "NTM_STORE": url,
        "NTM_TODAY": "2024-07-04",
        "NTM_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "120",
        "NO_COLOR": "1",
    }


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NTM, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def one(url: str, sql: str) -> int:
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(sql).fetchone()
        assert row is not None
        return int(row[0])


def whole_files(url: str) -> None:
    """Every file has its return, every return its file and every criterion value it reports;
    no commune-month has two current returns."""
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        no_return = conn.execute(
            "SELECT count(*) FROM files f WHERE NOT EXISTS "
            "(SELECT 1 FROM returns r WHERE r.file_id = f.id)"
        ).fetchone()
        no_file = conn.execute(
            "SELECT count(*) FROM returns r WHERE NOT EXISTS "
            "(SELECT 1 FROM files f WHERE f.id = r.file_id)"
        ).fetchone()
        doubled = conn.execute(
            "SELECT count(*) FROM (SELECT unit_code, period FROM returns "
            "WHERE superseded_at IS NULL GROUP BY unit_code, period HAVING count(*) > 1) d"
        ).fetchone()
        values = conn.execute(
            "SELECT r.unit_code, r.period, count(v.criterion) FROM returns r "
            "LEFT JOIN criterion_values v ON v.return_id = r.id GROUP BY r.id"
        ).fetchall()
    assert no_return == (0,) and no_file == (0,) and doubled == (0,)
    expected = {(u.code, p): len(BOOK.towards(u, level_of(u, as_of=Period.parse(p).month_end()))
                                 [1].reported)  # type: ignore[union-attr]
                for p in PERIODS for u in COMMUNES}  # fmt: skip
    short = [(unit, period, n) for unit, period, n in values if n != expected[(unit, period)]]
    assert not short, short[:5]


def store_check(env: dict[str, str]) -> dict[str, object]:
    checked = subprocess.run(
        [NTM, "store", "check", "--format", "json"], env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    health: dict[str, object] = json.loads(checked.stdout)
    return health


def test_eight_imports_at_once_store_every_file_once(
    forms: dict[tuple[str, str], tuple[bytes, int]], pg_url: str, tmp_path: Path
) -> None:
    folders = [tmp_path / f"batch-{i}" for i in range(PROCESSES)]
    for folder in folders:
        folder.mkdir()
    for i, ((code, period), (raw, _)) in enumerate(sorted(forms.items())):
        (folders[i % PROCESSES] / f"{period}_{code}.xlsx").write_bytes(raw)
    env = environ(pg_url, tmp_path)
    # the first command makes the store; the eight race on the rest
    processes = [start(["import", str(f), "--format", "json"], env) for f in folders]
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    stored: list[str] = []
    for folder, (code, out, err) in zip(folders, outcomes, strict=True):
        assert code == 0, err
        assert "Traceback" not in err, err
        result = json.loads(out)
        assert {f["status"] for f in result["files"]} == {"imported"}, out
        assert len(result["files"]) == len(list(folder.iterdir()))
        stored += [f["path"] for f in result["files"]]
    assert len(stored) == len(set(stored)) == len(forms)
    assert one(pg_url, "SELECT count(*) FROM files") == len(forms)
    assert one(pg_url, "SELECT count(*) FROM returns WHERE superseded_at IS NULL") == len(forms)
    assert one(pg_url, "SELECT count(*) FROM returns") == len(forms)
    whole_files(pg_url)
    health = store_check(env)
    assert health["problems"] == [], health
    assert health["counts"]["files"] == len(forms), health  # type: ignore[index]


def test_two_imports_of_the_same_folder_store_each_file_once(
    forms: dict[tuple[str, str], tuple[bytes, int]], pg_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for (code, period), (raw, _) in forms.items():
        (folder / f"{period}_{code}.xlsx").write_bytes(raw)
    env = environ(pg_url, tmp_path)
    processes = [start(["import", str(folder), "--format", "json"], env) for _ in range(2)]
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    verdicts: dict[str, list[str]] = {}
    for code, out, err in outcomes:
        assert code == 0, err
        assert "Traceback" not in err, err
        for f in json.loads(out)["files"]:
            verdicts.setdefault(f["path"], []).append(f["status"])
    assert len(verdicts) == len(forms)
    # each file imported by one process; the other found it stored (before or after the lock)
    assert all(sorted(v) == ["imported", "unchanged"] for v in verdicts.values()), verdicts
    assert one(pg_url, "SELECT count(*) FROM files") == len(forms)
    assert one(pg_url, "SELECT count(*) FROM returns") == len(forms)
    whole_files(pg_url)
    assert store_check(env)["problems"] == []


@pytest.fixture(scope="module")
def copies(
    forms: dict[tuple[str, str], tuple[bytes, int]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Many distinct files: each June form in copies that differ only in the zip comment, so
    each is read, parsed and stored (with --replace, superseding the copy before) as new."""
    folder = tmp_path_factory.mktemp("copies")
    june = [(code, raw) for (code, month), (raw, _) in sorted(forms.items()) if month == JUNE]
    for i in range(COPIES):
        code, raw = june[i % len(june)]
        buffer = io.BytesIO(raw)
        with zipfile.ZipFile(buffer, "a") as z:
            z.comment = f"copy {i}".encode()
        (folder / f"{i:04d}_{code}.xlsx").write_bytes(buffer.getvalue())
    return folder


def _drop_mid_import(
    copies: Path, url: str, tmp_path: Path, drop: object
) -> tuple[int, str, str, int]:
    """Import `copies` as a real process; once some files are stored, call `drop()`; return
    the exit status, stdout, stderr and how many files were stored when it was called."""
    env = environ(url, tmp_path)
    process = start(["import", str(copies), "--replace"], env)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            stored = one(url, "SELECT count(*) FROM files")
        except psycopg.Error:  # the store's tables are not made yet
            stored = 0
        if stored >= 20:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import ended before the server could drop it"
    drop()  # type: ignore[operator]
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err, stored


def _after_the_drop(
    copies: Path, url: str, tmp_path: Path, code: int, out: str, err: str, before: int
) -> None:
    assert code == 1, out + err
    assert "Traceback" not in out + err, out + err
    assert "mất kết nối với máy chủ kho dữ liệu" in err, err
    assert "chạy lại lệnh" in err, err
    stored = one(url, "SELECT count(*) FROM files")
    assert before <= stored < COPIES, (before, stored)
    whole_files(url)
    # the same import again: the rest is stored, what was stored is unchanged
    again = subprocess.run(
        [NTM, "import", str(copies), "--replace", "--format", "json"],
        env=environ(url, tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["counts"]
    assert counts["unchanged"] == stored, counts
    assert counts["imported"] + counts["replaced"] == COPIES - stored, counts
    assert one(url, "SELECT count(*) FROM files") == COPIES
    assert one(url, "SELECT count(*) FROM returns WHERE superseded_at IS NULL") == 85
    whole_files(url)
    assert store_check(environ(url, tmp_path))["problems"] == []


def test_a_server_restarted_mid_import_leaves_whole_files_and_the_rerun_completes(
    copies: Path, postgres: pgserver.Server, pg_url: str, tmp_path: Path
) -> None:
    if not isinstance(postgres, pgserver.Cluster):
        pytest.skip("the server is someone else's (NTM_TEST_PG_URL): it is not restarted")
    code, out, err, before = _drop_mid_import(
        copies, pg_url, tmp_path, lambda: postgres.restart("fast")
    )
    _after_the_drop(copies, pg_url, tmp_path, code, out, err, before)


def test_a_connection_terminated_mid_import_leaves_whole_files_and_the_rerun_completes(
    copies: Path, pg_url: str, tmp_path: Path
) -> None:
    def terminate() -> None:
        with psycopg.connect(pg_url, autocommit=True, connect_timeout=5) as conn:
            killed = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = 'ntm'"
            ).fetchall()
        assert killed == [(True,)], killed

    code, out, err, before = _drop_mid_import(copies, pg_url, tmp_path, terminate)
    _after_the_drop(copies, pg_url, tmp_path, code, out, err, before)
