"""Benchmark `ntm report` on three registries, a year of returns each.

Run with `make bench`. Trà Vinh (85 communes), a regional registry (the first 8 provinces of
the national one, about 1,200 communes) and the national one (about 9,800), so that the time is
seen to grow in proportion to the communes. The returns are synthetic and illustrative:
statuses drawn from a seeded generator for every commune and month of 2024, written straight
into a store (the import path has its own benchmark). The report runs as a real process; peak
memory is read from the OS.
"""

from __future__ import annotations

import compileall
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

import ntm_cli
from bench_import import NTM, measured
from national import generate
from ntm_cli.domain.models import UnitKind
from ntm_cli.domain.returns import CriteriaBook, Return
from ntm_cli.domain.status import level_of
from ntm_cli.sources.criteria import load_criteria
from ntm_cli.sources.datadir import BUNDLED, load
from ntm_cli.sources.store import Store


def book_of(data: Path, dataset: object) -> CriteriaBook:
    """The plan's criteria sets by scope and level."""
    named = dataset.plan.criteria  # type: ignore[attr-defined]
    ids = {i for levels in named.values() for i in levels.values()}
    return CriteriaBook({i: load_criteria(data, i) for i in ids}, named, dataset.plan.ladder)  # type: ignore[attr-defined]


def fill_store(data: Path, store: Path, year: int = 2024, seed: int = 7) -> int:
    """A return for every commune and month of `year`, criteria improving over the months."""
    dataset = load(data)
    book = book_of(data, dataset)
    communes = [u for u in dataset.registry.units if u.kind is UnitKind.COMMUNE]
    rng = random.Random(seed)
    count = 0
    with Store(store) as db, db.transaction() as conn:
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            stamp = dt.datetime(year, month % 12 + 1 if month < 12 else 12, 3).isoformat()
            month_end = dt.date(year, month, 28)
            for unit in communes:
                # on the set of the level it works towards, as its form would be
                criteria = book.towards(unit, level_of(unit, as_of=month_end))[1]
                assert criteria is not None
                statuses = {c.number: rng.random() < 0.6 + month / 40 for c in criteria.reported}
                notes = {c.number: c.choices[0] for c in criteria.reported
                         if c.choices and statuses[c.number]}  # fmt: skip
                ret = Return(unit.code, period, criteria.id, statuses, notes, debt=0.0,
                             ocop={3: rng.randint(0, 2)}, funds={"local": 100.0})  # fmt: skip
                file_id = conn.execute(
                    "INSERT INTO files (sha256, name, size, imported_at) VALUES (?, ?, 0, ?)",
                    (f"{unit.code}-{period}", f"{period}_{unit.code}.xlsx", stamp),
                ).lastrowid
                Store._insert(conn, ret, file_id, stamp)
                count += 1
    return count


RUNS = 3
MONTHS = ("2024-06", "2024-12")


def main() -> None:
    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        regional, national = root / "regional", root / "national"
        few = generate(regional, provinces=8)  # the first 8 provinces: about 1,200 communes
        counts = generate(national)
        for label, data in (("Trà Vinh", BUNDLED), ("regional", regional),
                            ("national", national)):  # fmt: skip
            store = root / f"{data.name}.sqlite"
            returns = fill_store(data, store)
            communes = {"Trà Vinh": 85, "regional": few["commune"]}.get(label, counts["commune"])
            env = {**os.environ, "NTM_STORE": str(store), "NTM_CACHE_DIR": str(root / "cache")}
            out = root / f"out-{data.name}"
            for month in MONTHS:
                command = [NTM, "report", "--period", month, "--data", str(data), "--out",
                           str(out), "--force"]  # fmt: skip
                measured(command, env)  # the plan cache and the page cache warm up
                runs = [measured(command, env) for _ in range(RUNS)]
                for _, _, code, tail in runs:
                    assert code == 0, tail
                seconds = statistics.median(r[0] for r in runs)
                peak = max(r[1] for r in runs)
                rows.append((label, communes, returns, month, seconds, peak))
    print(f"ntm report, a year of synthetic returns in the store: median wall time of {RUNS} runs,")
    print("  highest peak memory")
    print(f"  {'registry':<10} {'communes':>8} {'returns':>8}  {'month':<8} {'time':>8}  peak")
    for label, communes, returns, month, seconds, peak in rows:
        print(f"  {label:<10} {communes:>8,} {returns:>8,}  {month:<8} {seconds:6.2f} s  "
              f"{peak:5.0f} MB")  # fmt: skip
    print("  aim: Trà Vinh <= 1 s; national <= 10 s for any month and <= 1,000 MB")


if __name__ == "__main__":
    sys.exit(main())
