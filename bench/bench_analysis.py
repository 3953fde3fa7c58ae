"""Benchmark `ntm gaps`, `forecast` and `awards` on a national-scale store: five years of returns.

Run with `make bench`. The registry is the synthetic national one (about 10,000 communes) and
the returns are synthetic and illustrative: a return for every commune and month from 2020-01 to
2024-12 (a few months skipped), about 600,000 returns and 11 million criterion values, written
straight into a real store in one transaction. Each commune meets each criterion with its own
probability, which rises over the months, so by the end most communes miss 0 to 5 criteria. The
commands run as real processes, their output to a pipe; peak memory is read from the OS. The
large outputs (`gaps --limit 0`, the awards shortlist in each format) time printing as well.
"""

from __future__ import annotations

import compileall
import datetime as dt
import hashlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import ntm_cli
from bench_import import NTM, measured
from national import generate
from ntm_cli.domain.models import UnitKind
from ntm_cli.domain.returns import CriteriaBook
from ntm_cli.domain.status import level_of
from ntm_cli.sources.criteria import load_criteria
from ntm_cli.sources.datadir import load
from ntm_cli.sources.store import Store

FIRST_YEAR, LAST_YEAR = 2020, 2024
SKIPPED = 0.005  # share of commune-months with no return
SLIP = 0.01  # chance a criterion the commune meets is reported not met for a month
BLANK = 0.002  # chance a criterion is left blank (unknown)
FORMATS = ("table", "json", "csv")
RETURN_COLUMNS = (
    "id, file_id, unit_code, period, criteria_set, source_kind, imported_at, ocop_3, debt"
)


def fill_store(data: Path, store: Path, seed: int = 11) -> int:
    """Write five years of monthly returns for every commune of `data` into `store`.

    Commune k stands at a_k + (b_k - a_k) * min(1, t / T_k) in month t: a_k where it started,
    b_k where it gets to by month T_k (the December of the year it is recognised, else the last
    month). It meets criterion c with chance level ** w_c, w_c how hard the criterion is. One draw
    per commune and criterion decides every month (met while the draw is below that chance), so
    a criterion once met stays met, apart from the odd month it slips or is left blank.
    """
    dataset = load(data)
    named = dataset.plan.criteria
    book = CriteriaBook(
        {i: load_criteria(data, i) for levels in named.values() for i in levels.values()},
        named,
        dataset.plan.ladder,
    )
    # every number a commune's set may ask (Phụ lục I or II, the model conditions)
    numbers = list(dict.fromkeys(c.number for s in book.sets.values() for c in s.reported))
    communes = [u for u in dataset.registry.units if u.kind is UnitKind.COMMUNE]
    by_code = {u.code: u for u in communes}
    periods = [f"{y}-{m:02d}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
    rng = random.Random(seed)
    weight = {n: rng.uniform(0.6, 2.0) for n in numbers}
    last = len(periods) - 1
    plans = []
    for unit in communes:
        ntm = unit.recognitions.get(dataset.plan.ladder.first)
        done = last
        if ntm is not None and ntm.year < FIRST_YEAR:  # recognised: keeps almost everything
            start, end = rng.uniform(0.9, 0.99), rng.uniform(0.97, 1.0)
        elif ntm is not None:  # recognised during the five years: there by December that year
            start, end = rng.uniform(0.5, 0.85), 1.0
            done = min(last, (ntm.year - FIRST_YEAR) * 12 + 11)
        else:
            start, end = rng.uniform(0.4, 0.8), rng.uniform(0.8, 1.0)
        # met while level >= u ** (1 / w), the same as u < level ** w
        draws = [(n, rng.random() ** (1 / weight[n])) for n in numbers]
        debt = rng.choice((0.0,) * 6 + (rng.uniform(50, 4000),))  # million VND
        plans.append((unit.code, start, end, done, draws, debt, rng.randint(0, 2)))

    ends = [dt.date(int(p[:4]), int(p[5:]), 28) for p in periods]
    start_clock = time.perf_counter()
    files, returns, made = [], [], []
    for t, period in enumerate(periods):
        year, month = int(period[:4]), int(period[5:])
        stamp = dt.datetime(year + month // 12, month % 12 + 1, 3 + t % 5, 9, 30).isoformat()
        share = t / last
        for code, start, end, done, draws, debt, ocop in plans:
            if t and rng.random() < SKIPPED:
                continue
            return_id = len(returns) + 1
            sha = hashlib.sha256(f"{code}-{period}".encode()).hexdigest()
            files.append((return_id, sha, f"{period}_{code}.xlsx", 24_000, stamp))
            stars = ocop + int(share * rng.choice((0, 1, 2, 3)))
            owed = round(debt * (1 - 0.7 * share), 1) if debt else 0.0
            # on the set of the level the commune works towards that month, as its form would be
            criteria = book.towards(by_code[code], level_of(by_code[code], as_of=ends[t]))[1]
            assert criteria is not None
            asked = {c.number for c in criteria.reported}
            returns.append(
                (return_id, return_id, code, period, criteria.id, "form", stamp, stars, owed)
            )
            made.append((return_id, start + (end - start) * min(1.0, t / done),
                         [(n, bar) for n, bar in draws if n in asked]))  # fmt: skip

    def values() -> Iterator[tuple[int, str, int | None]]:
        noise = random.Random(seed + 1).random
        for return_id, level, draws in made:
            for number, bar in draws:
                met: int | None = int(bar <= level)
                chance = noise()
                if chance < BLANK:
                    met = None
                elif met and chance < BLANK + SLIP:
                    met = 0
                yield return_id, number, met

    with Store(store) as db:
        db.db.execute("PRAGMA synchronous = OFF")
        db.db.execute("PRAGMA cache_size = -400000")
        with db.transaction() as conn:
            conn.executemany(
                "INSERT INTO files (id, sha256, name, size, imported_at) VALUES (?, ?, ?, ?, ?)",
                files,
            )
            conn.executemany(
                f"INSERT INTO returns ({RETURN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                returns,
            )
            conn.executemany(
                "INSERT INTO criterion_values (return_id, criterion, met) VALUES (?, ?, ?)",
                values(),
            )
            (count,) = conn.execute("SELECT count(*) FROM criterion_values").fetchone()
        db.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - start_clock
    size = store.stat().st_size / 2**20
    print(
        f"filled {len(returns):,} returns, {count:,} criterion values "
        f"in {seconds:.1f} s; store {size:,.0f} MB"
    )
    return len(returns)


def main() -> None:
    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "national"
        counts = generate(data)
        store = root / "national.sqlite"
        returns = fill_store(data, store)
        env = {
            **os.environ,
            "NTM_STORE": str(store),
            "NTM_CACHE_DIR": str(root / "cache"),
            "NTM_TODAY": "2025-01-15",
        }
        gaps = [NTM, "gaps", "--period", "2024-12", "--data", str(data)]
        awards = [NTM, "awards", "--year", "2024", "--data", str(data)]
        commands = {
            "ntm gaps --period 2024-12": gaps,
            "ntm forecast": [NTM, "forecast", "--data", str(data)],
            # large outputs: every near-miss, and the whole shortlist (about 11,000 rows)
            "ntm gaps --limit 0 (table)": [*gaps, "--limit", "0"],
            **{f"ntm awards --year 2024 ({f})": [*awards, "-f", f] for f in FORMATS},
        }
        for label, command in commands.items():
            measured(command, env)  # the plan cache and the page cache warm up
            seconds, peak, code, tail = measured(command, env)
            assert code == 0, tail
            rows.append((label, returns, seconds, peak))
    print(
        f"national registry ({counts['commune']:,} communes), "
        f"{FIRST_YEAR}-01 to {LAST_YEAR}-12 synthetic returns in the store"
    )
    for label, returns, seconds, peak in rows:
        print(f"  {label:<32} {returns:>7,} returns  {seconds:6.2f} s  peak {peak:5.0f} MB")
    print("  aim: < 3 s each; awards table < 2 s")


if __name__ == "__main__":
    sys.exit(main())
