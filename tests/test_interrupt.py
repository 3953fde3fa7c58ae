"""Ctrl-C and SIGTERM during a large import, through a real pseudo-terminal.

A terminal sends Ctrl-C as SIGINT to the whole foreground process group: the importing process
and its parse workers alike. The import must stop within a second, print what it stored and what
it did not reach, exit 130 (143 for SIGTERM), print no traceback, and leave a sound store that
holds exactly the files it says it stored. `NTM_INTERRUPT_TRIALS` sets how many times each case
runs (a few in `make test`, many in `make stress`).
"""

from __future__ import annotations

import io
import os
import random
import re
import select
import signal
import sqlite3
import sys
import time
import zipfile
from pathlib import Path

import pytest

from forms import COMMUNES, filled_form

if os.name != "posix":
    pytest.skip("pseudo-terminals and process groups are POSIX's", allow_module_level=True)

import pty  # noqa: E402 - POSIX only

NTM = str(Path(sys.executable).with_name("ntm"))
FILES = 2_000
TRIALS = int(os.environ.get("NTM_INTERRUPT_TRIALS", "3"))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 distinct forms: a filled form per commune, each in many copies that differ only in
    the zip comment, so that each is read, parsed and stored (with --replace) like a new one."""
    folder = tmp_path_factory.mktemp("batch")
    originals = [filled_form(u.code, "2024-06") for u in COMMUNES]
    for i in range(FILES):
        raw = io.BytesIO(originals[i % len(originals)])
        with zipfile.ZipFile(raw, "a") as z:
            z.comment = f"copy {i}".encode()
        (folder / f"{i:04d}_{COMMUNES[i % len(COMMUNES)].code}.xlsx").write_bytes(raw.getvalue())
    return folder


def _run_and_stop(
    args: list[str], env: dict[str, str], how: str, after: float
) -> tuple[int, str, float]:
    """Run ntm on a pseudo-terminal; once the progress bar has moved, wait `after` seconds and
    stop it: "ctrl-c" types ^C on the terminal (SIGINT to the process group), "term" sends
    SIGTERM to the process. Returns the exit status, everything printed, and the seconds from
    the stop to the exit."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a session of its own with the terminal as its controlling one
        os.execve(NTM, [NTM, *args], env)
    output = b""
    started = time.monotonic()
    stopped_at: float | None = None
    deadline = started + 60
    status: int | None = None
    while time.monotonic() < deadline and status is None:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal closed: the process ended
                chunk = b""
            output += chunk
        if stopped_at is None and re.search(rb"\b([1-9]\d*)/2000\b", output):
            time.sleep(after)
            stopped_at = time.monotonic()
            for _ in range(2 if how.endswith("twice") else 1):  # a second, impatient one
                if how.startswith("ctrl-c"):
                    os.write(fd, b"\x03")
                else:
                    os.kill(pid, signal.SIGTERM)
                time.sleep(0.05)
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
    ended = time.monotonic()
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"ntm did not end; it printed:\n{output.decode(errors='replace')}")
    # what is left on the terminal once the process is gone
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 0.2)
            chunk = os.read(fd, 65536) if ready else b""
        except OSError:
            chunk = b""
        if not chunk:
            break
        output += chunk
    os.close(fd)
    assert stopped_at is not None, output.decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return code, output.decode(errors="replace"), ended - stopped_at


def _stored_files(store: Path) -> int:
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute("SELECT count(*) FROM files").fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize(
    ("how", "code"), [("ctrl-c", 130), ("term", 143), ("ctrl-c twice", 130), ("term twice", 143)]
)
def test_a_stopped_import_says_what_it_stored_and_exits_at_once(
    batch: Path, tmp_path: Path, how: str, code: int
) -> None:
    rng = random.Random(f"{how}-{TRIALS}")
    env = {**os.environ, "NTM_TODAY": "2024-07-04", "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    for trial in range(TRIALS):
        store = tmp_path / f"returns-{trial}.sqlite"
        args = ["import", str(batch), "--replace", "--store", str(store)]
        exit_code, output, took = _run_and_stop(args, env, how, rng.uniform(0.0, 0.8))
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
        assert "Traceback" not in plain, plain
        # a second signal that lands while the interpreter shuts down ends it by that signal:
        # the shell shows the same status (128 + the signal), the summary is out
        assert exit_code in (code, 128 - code), plain
        assert took < 1.0, (took, plain)
        found = re.search(r"Đã lưu ([\d.]+) tệp; ([\d.]+) tệp chưa xử lý", plain)
        assert found, plain
        saved, left = (int(n.replace(".", "")) for n in found.groups())
        assert 0 < left < FILES, plain
        assert _stored_files(store) == saved, plain


def test_a_stopped_dry_run_says_it_stored_nothing(batch: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NTM_TODAY": "2024-07-04", "COLUMNS": "100", "TERM": "xterm"}
    store = tmp_path / "returns.sqlite"
    args = ["import", str(batch), "--dry-run", "--store", str(store)]
    exit_code, output, _ = _run_and_stop(args, env, "ctrl-c", 0.2)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
    assert exit_code == 130, plain
    assert re.search(r"Đã kiểm tra [\d.]+ tệp; [\d.]+ tệp chưa kiểm tra \(chạy thử: không lưu gì\)",
                     plain), plain  # fmt: skip
    assert not store.exists()


def test_ctrl_c_outside_an_import_is_one_line(tmp_path: Path) -> None:
    """Ctrl-C while a long command runs elsewhere than the import: one line, exit 130."""
    env = {**os.environ, "NTM_TODAY": "2024-07-04"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(
            sys.executable,
            [sys.executable, "-c",
             "import time, ntm_cli.cli.app as a\n"
             "a.COMMANDS['sleep'] = ('sleeper', '')\n"
             "import sys, types\n"
             "m = types.ModuleType('sleeper'); sys.modules['sleeper'] = m\n"
             "import typer\n"
             "m.app = typer.Typer()\n"
             "m.app.command('sleep')(lambda: (print('ready', flush=True), time.sleep(30)))\n"
             "a.main()\n", "sleep"],
            env,
        )  # fmt: skip
    output = b""
    while b"ready" not in output:
        output += os.read(fd, 1024)
    os.write(fd, b"\x03")
    _, status = os.waitpid(pid, 0)
    try:
        while chunk := os.read(fd, 1024):
            output += chunk
    except OSError:
        pass
    os.close(fd)
    text = output.decode()
    assert os.waitstatus_to_exitcode(status) == 130
    assert "đã dừng theo yêu cầu" in text and "Traceback" not in text, text
