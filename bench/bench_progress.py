"""Benchmark `ntm progress` on Trà Vinh's registry and on a national-scale one.

Run with `make bench`. Wall times are medians of repeated runs of the real process; the plan
cache is warmed first (the first run after a plan changes also validates it, reported apart).
The start-up against the smallest comparable Typer program is bench_startup.py's.
The package is byte-compiled first, as `pip install` does, so that an environment with
PYTHONDONTWRITEBYTECODE does not time the compiler instead of the program.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from national import generate

RUNS = 21
BIN = Path(sys.executable).parent
NTM = str(BIN / "ntm")


def once(command: list[str], env: dict[str, str]) -> float:
    """Wall time in seconds of one run of `command`, which must succeed."""
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def wall(command: list[str], env: dict[str, str], runs: int = RUNS) -> float:
    """Median wall time in seconds of `command`."""
    return statistics.median(once(command, env) for _ in range(runs))


def main() -> None:
    import ntm_cli

    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NTM_CACHE_DIR": str(Path(tmp) / "cache"), "NTM_TODAY": "2026-11-29"}
        national = Path(tmp) / "national"
        counts = generate(national)
        progress = [NTM, "progress", "--year", "2024"]
        big = [*progress, "--data", str(national)]
        cold = wall(progress, {**env, "NTM_CACHE_DIR": "off"}, runs=7)
        once(progress, env)  # warm the plan cache
        tra_vinh = wall(progress, env)
        once(big, env)
        nation = wall(big, env, runs=7)

    # the start-up against its floor is bench_startup.py's; these are the absolute times
    rows = [
        ("ntm progress --year 2024 (Trà Vinh)", tra_vinh, ""),
        ("  same, plan cache off", cold, "(the first run after the plan changes)"),
        ("ntm progress --year 2024 (national registry)", nation, "aim < 1 s"),
    ]
    print(f"ntm progress: median wall time of {RUNS} runs")
    print("  (7 runs for the rows with the plan cache off and the national registry)")
    for label, seconds, note in rows:
        print(f"  {label:<44} {seconds * 1000:7.1f} ms  {note}")
    print(
        f"  national registry: {counts['province']} provinces, {counts['district']} "
        f"district-level units, {counts['commune']} communes, {counts['other']} wards/townships"
    )


if __name__ == "__main__":
    main()
