"""Benchmark `ntm progress`: start-up against `import typer, rich`, and a national-scale registry.

Run with `make bench`. Wall times are medians of repeated runs of the real process; the plan
cache is warmed first (the first run after a plan changes also validates it, reported apart).
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


def wall(command: list[str], env: dict[str, str], runs: int = RUNS) -> float:
    """Median wall time in seconds of `command`, which must succeed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import ntm_cli

    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NTM_CACHE_DIR": str(Path(tmp) / "cache"), "NTM_TODAY": "2026-11-29"}
        national = Path(tmp) / "national"
        counts = generate(national)
        progress = [NTM, "progress", "--year", "2024"]
        big = [*progress, "--data", str(national)]
        baseline = wall([sys.executable, "-c", "import typer, rich"], env)
        cold = wall(progress, {**env, "NTM_CACHE_DIR": "off"}, runs=7)
        wall(progress, env, runs=1)  # warm the plan cache
        tra_vinh = wall(progress, env)
        wall(big, env, runs=1)
        nation = wall(big, env, runs=7)

    rows = [
        ("python -c 'import typer, rich'", baseline, ""),
        (
            "ntm progress --year 2024 (Trà Vinh)",
            tra_vinh,
            f"ratio {tra_vinh / baseline:.2f}x (aim < 2x)",
        ),
        ("  same, plan cache off", cold, f"ratio {cold / baseline:.2f}x"),
        (
            f"ntm progress --year 2024 (national: {counts['province']} provinces, "
            f"{counts['district']} district-level units, {counts['commune']} communes)",
            nation,
            "aim < 1 s",
        ),
    ]
    print(f"ntm progress benchmark, median wall time of {RUNS} runs (national: 7)")
    for label, seconds, note in rows:
        print(f"  {label:<90} {seconds * 1000:8.1f} ms  {note}")


if __name__ == "__main__":
    main()
