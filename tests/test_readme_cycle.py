"""The README's monthly cycle, run as written by the real `ntm` process, on a SQLite store and on
a PostgreSQL one: every command's output is the README's, but for the line that says where the
store is and the time of day of an import."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_cli.sources.pgstore import shown

ROOT = Path(__file__).resolve().parents[1]
SECTION = ("## The monthly cycle: forms out, returns in", "### `ntm template`")


def commands() -> list[tuple[str, str]]:
    """(command line, output) of each `$ ` line of the section's console blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index(SECTION[0]) : text.index(SECTION[1])]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```\n", part, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    return [(cmd, "\n".join(out)) for cmd, out in steps]


def same(text: str, store: str) -> str:
    """An output with what may differ by store and by run made alike: the store's line, the time
    of day of an import, the folder `ntm init` wrote to, and a line's wrapping."""
    text = text.replace(store, "<store>").replace("returns.sqlite", "<store>")
    text = re.sub(r"\(theo (ntm\.toml|NTM_STORE)\)", "(theo <source>)", text)
    text = re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "<when>", text)
    text = re.sub(r"Đã ghi \S+ntm\.toml", "Đã ghi <folder>/ntm.toml", text)
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_the_monthly_cycle_of_the_readme_runs_unchanged(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("NTM_STORE", None)
    env.pop("NTM_TODAY", None)
    store = "returns.sqlite"
    if engine == "postgresql":
        store = request.getfixturevalue("pg_url")
        env["NTM_STORE"] = store  # the project file still names returns.sqlite: this wins
    ntm = [sys.executable, "-m", "ntm_cli"]
    here = tmp_path
    (here / "examples").symlink_to(ROOT / "examples")
    steps = commands()
    assert len(steps) >= 6, steps
    for line, expected in steps:
        if line.startswith("mkdir -p work && cd work && "):
            here = tmp_path / "work"
            here.mkdir()
            line = line.split(" && ", 2)[2]
        words = shlex.split(line)
        run_env = dict(env)
        while "=" in words[0]:
            key, value = words.pop(0).split("=", 1)
            run_env[key] = value
        argv = [*ntm, *words[1:]] if words[0] == "ntm" else [sys.executable, *words[1:]]
        done = subprocess.run(argv, cwd=here, env=run_env, capture_output=True, text=True)
        got = done.stdout + done.stderr
        assert "Traceback" not in got, got
        shown_store = shown(store) if engine == "postgresql" else store
        assert same(got, shown_store) == same(expected, shown_store), f"$ {line}\n{got}"
