"""Benchmark `ntm import`: 1,000 filled returns against a pandas.read_excel loop, and a zip bomb.

The returns are synthetic and illustrative (made-up statuses for the real Trà Vinh communes).

Run with `make bench`. The returns are generated here (the 85 Trà Vinh communes over twelve
months, filled with the form writer); `ntm import` runs as a real process into a new store, and
its peak memory is read from the operating system. The pandas loop reads the same files with
the openpyxl engine in this process, one sheet each and then whole workbooks.
"""

from __future__ import annotations

import compileall
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

import ntm_cli
from ntm_cli.domain.models import UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import CriteriaBook, Return
from ntm_cli.domain.status import level_of
from ntm_cli.returnform.writer import FormContext, build_form
from ntm_cli.sources.criteria import load_criteria
from ntm_cli.sources.datadir import BUNDLED, load
from ntm_cli.sources.output import workbook_bytes

FILES = 1000
NTM = str(Path(sys.executable).parent / "ntm")
MEASURE = (
    "import resource, subprocess, sys, time; start = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE); "
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
    "p.returncode); sys.stdout.flush(); sys.stderr.write(p.stdout.decode()[-2000:])"
)


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak memory (MB) and exit code of `command` run alone in a fresh parent."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True
    )
    seconds, peak_kb, code = result.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(code), result.stderr


def generate(folder: Path) -> list[Path]:
    """1,000 filled forms: every commune, month after month, statuses varying."""
    data = load(BUNDLED)
    named = data.plan.criteria
    book = CriteriaBook(
        {i: load_criteria(BUNDLED, i) for levels in named.values() for i in levels.values()},
        named,
        data.plan.ladder,
    )
    communes = [u for u in data.registry.units if u.kind is UnitKind.COMMUNE]
    paths = []
    for i in range(FILES):
        unit = communes[i % len(communes)]
        period = f"2024-{i // len(communes) + 1:02d}"
        # the form `ntm template` writes: the set of the level the commune works towards
        level = level_of(unit, as_of=Period.parse(period).month_end())
        towards, criteria = book.towards(unit, level)
        assert criteria is not None
        statuses = {
            c.number: hashlib.sha256(f"{unit.code}{c.number}{period}".encode()).digest()[0] % 5 != 0
            for c in criteria.reported
        }  # the same files on every run
        notes = {
            c.number: c.choices[0] for c in criteria.reported if c.choices and statuses[c.number]
        }
        filled = Return(unit.code, period, criteria.id, statuses, notes, debt=float(i % 7 * 10))
        workbook = build_form(
            FormContext(
                unit, data.registry.district_of(unit), period, criteria, level, towards,
                data.plan.ladder, previous=filled,
            )
        )  # fmt: skip
        path = folder / f"{period}_{unit.code}.xlsx"
        path.write_bytes(workbook_bytes(workbook))
        paths.append(path)
    return paths


def zip_bomb(path: Path) -> None:
    """A 200 MB sheet of zeros that deflates to about 200 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 200_000_000)
    path.write_bytes(out.getvalue())


def main() -> None:
    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        forms = root / "returns"
        forms.mkdir()
        start = time.perf_counter()
        paths = generate(forms)
        made = time.perf_counter() - start
        env = {**os.environ, "NTM_STORE": str(root / "store.sqlite"), "NTM_CACHE_DIR": str(root)}

        ntm_seconds, ntm_peak, code, tail = measured([NTM, "import", str(forms), "-f", "json"], env)
        assert code == 0, tail
        stored = subprocess.run(
            [NTM, "completeness", "--period", "2024-01", "-f", "json"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert json.loads(stored.stdout)["submitted"] == 85

        start = time.perf_counter()
        for path in paths:
            pd.read_excel(path, sheet_name="Tiêu chí", engine="openpyxl")
        pandas_sheet = time.perf_counter() - start
        start = time.perf_counter()
        for path in paths[:200]:
            pd.read_excel(path, sheet_name=None, engine="openpyxl")
        pandas_book = (time.perf_counter() - start) * len(paths) / 200

        bomb = root / "bomb.xlsx"
        zip_bomb(bomb)
        bomb_seconds, bomb_peak, bomb_code, _ = measured([NTM, "import", str(bomb)], env)
        assert bomb_code == 1

    rows = [
        ("ntm import (real process, new store)", ntm_seconds,
         f"largest process {ntm_peak:.0f} MB, aim < 5 s"),
        ("pandas.read_excel loop, one sheet each", pandas_sheet,
         f"ratio {pandas_sheet / ntm_seconds:.1f}x, aim >= 5x"),
        ("pandas.read_excel loop, whole workbooks", pandas_book,
         f"ratio {pandas_book / ntm_seconds:.1f}x (200 files, scaled)"),
        ("zip bomb (200 MB declared) refused", bomb_seconds,
         f"largest process {bomb_peak:.0f} MB, aim < 1 s and < 100 MB"),
    ]  # fmt: skip
    print(f"ntm import: {FILES} filled return forms (generated in {made:.1f} s)")
    for label, seconds, note in rows:
        print(f"  {label:<42} {seconds:6.2f} s  {note}")


if __name__ == "__main__":
    main()
