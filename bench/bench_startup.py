"""Benchmark ntm's start-up against the floor: the smallest Typer program doing the same work.

Run with `make bench`. The floor is `bench/floor.py`, a two-command Typer app with rich markup
whose `table` prints a two-row Rich table. ntm and the floor run as whole processes, alternating
run by run so that both see the same machine load, after two warm-ups each; the plan cache is
left where ntm keeps it by default, so it is warm. The ratio is of the two medians. Then
`python -X importtime` of `ntm progress --year 2024` lists the ten largest cumulative imports.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path

import ntm_cli
from bench_progress import NTM, once

PAIRS = 21
WARM_UPS = 2
FLOOR = [sys.executable, str(Path(__file__).with_name("floor.py"))]
CASES = [  # label, ntm, floor, aim for the ratio
    ("progress --year 2024 / floor table", [NTM, "progress", "--year", "2024"],
     [*FLOOR, "table"], 1.3),
    ("--help / floor --help", [NTM, "--help"], [*FLOOR, "--help"], 1.2),
]  # fmt: skip


def paired(command: list[str], floor: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Medians of `command` and `floor` run in alternation, after warm-ups of each."""
    for _ in range(WARM_UPS):
        once(command, env)
        once(floor, env)
    pairs = [(once(command, env), once(floor, env)) for _ in range(PAIRS)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def import_times(command: list[str], env: dict[str, str], top: int = 10) -> list[tuple[int, str]]:
    """The `top` largest cumulative import times (µs) of running the Python script `command`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )  # fmt: skip
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "NTM_CACHE_DIR"}
    rows = [(label, *paired(ntm, floor, env), aim) for label, ntm, floor, aim in CASES]
    print(f"ntm start-up: median wall time of {PAIRS} pairs, ntm and the floor alternating")
    print(f"  {'ntm / floor':<36} {'ntm':>9} {'floor':>9}  ratio")
    for label, ntm, floor, aim in rows:
        ratio = ntm / floor
        verdict = "ok" if ratio <= aim else "over"
        print(
            f"  {label:<36} {ntm * 1000:6.1f} ms {floor * 1000:6.1f} ms  "
            f"{ratio:.2f}x (aim <= {aim}x, {verdict})"
        )
    print("python -X importtime ntm progress --year 2024: largest cumulative imports")
    for micros, name in import_times(CASES[0][1], env):
        print(f"  {micros / 1000:7.1f} ms  {name.strip()}")


if __name__ == "__main__":
    main()
