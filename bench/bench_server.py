"""Benchmark the store on a PostgreSQL server against the same store in SQLite.

Run with `make bench`. A throwaway PostgreSQL server is started for the run (tests/pgserver.py,
on this machine, over TCP to 127.0.0.1) with its durability on, as a real server runs (fsync,
synchronous commit, full-page writes: the test suite's server turns them off), so that it is
compared fairly with SQLite's `synchronous=FULL`. Two rows, each a real `ntm` process, SQLite
and PostgreSQL alternating run by run, medians compared:

- `ntm import` of the 1,000 filled forms of bench/bench_import.py into a new store;
- `ntm report` for June on the national registry with a year of synthetic returns (the store
  of bench/bench_report.py, moved into PostgreSQL by `ntm store migrate`).
"""

from __future__ import annotations

import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ntm_cli
from bench_import import NTM, generate, measured
from bench_report import fill_store
from national import generate as national

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
import pgserver  # noqa: E402 - the test suite's throwaway server

RUNS = 5  # imports on each engine
REPORT_RUNS = 3


class DurableCluster(pgserver.Cluster):
    """The test suite's throwaway server with PostgreSQL's default durability."""

    def _server_options(self) -> str:
        return (
            f"-p {self.port} -k {self.directory} -c listen_addresses={pgserver.HOST} "
            "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=100"
        )


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"


def main() -> None:
    compileall.compile_dir(Path(ntm_cli.__file__).parent, quiet=1)
    pgserver.Cluster = DurableCluster  # type: ignore[misc] - start_cluster makes this kind
    server = pgserver.start_cluster()
    version = ""
    rows: list[tuple[str, float, float, str]] = []
    try:
        import psycopg

        with psycopg.connect(server.url(), autocommit=True) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            version = str(row[0]).split()[0] if row else "?"
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            forms = root / "returns"
            forms.mkdir()
            paths = generate(forms)
            base = {**os.environ, "NTM_CACHE_DIR": str(root / "cache"), "NTM_TODAY": "2025-01-10"}
            base = {key: value for key, value in base.items() if not key.startswith("PG")}
            warm = str(root / "warm.sqlite")  # the plan cache and the page cache warm up
            measured([NTM, "import", str(forms), "-f", "json", "--store", warm], base)
            lite: list[float] = []
            pg: list[float] = []
            for run in range(RUNS):
                store = str(root / f"import-{run}.sqlite")
                seconds, _, code, tail = measured(
                    [NTM, "import", str(forms), "-f", "json", "--store", store], base
                )
                assert code == 0, tail
                lite.append(seconds)
                url = server.create_database(f"bench_import_{run}")
                seconds, _, code, tail = measured(
                    [NTM, "import", str(forms), "-f", "json", "--store", url], base
                )
                assert code == 0, tail
                pg.append(seconds)
            rows.append((f"ntm import, {len(paths):,} forms, new store", statistics.median(lite),
                         statistics.median(pg), "aim <= 2x"))  # fmt: skip

            data = root / "national"
            counts = national(data)
            sqlite_store = root / "national.sqlite"
            returns = fill_store(data, sqlite_store)
            url = server.create_database("bench_national")
            start = time.perf_counter()
            subprocess.run(
                [NTM, "store", "migrate", url, "--store", str(sqlite_store)],
                env=base, check=True, capture_output=True,
            )  # fmt: skip
            moved = time.perf_counter() - start
            lite, pg = [], []
            for store in (str(sqlite_store), url):  # warm-up
                measured(_report(data, store, root), base)
            for _ in range(REPORT_RUNS):
                for store, times in ((str(sqlite_store), lite), (url, pg)):
                    seconds, _, code, tail = measured(_report(data, store, root), base)
                    assert code == 0, tail
                    times.append(seconds)
            label = f"ntm report 2024-06, national ({counts['commune']:,} communes)"
            rows.append((label, statistics.median(lite), statistics.median(pg), "aim <= 1.5x"))
    finally:
        server.stop()
    print(f"store on PostgreSQL {version} (a local server, durable) against SQLite: median wall")
    print(f"  time of {RUNS} imports and {REPORT_RUNS} reports, the engines alternating; "
          f"{machine()}")  # fmt: skip
    print(f"  {'':<46} {'SQLite':>8} {'PostgreSQL':>10}  ratio")
    for label, lite_s, pg_s, aim in rows:
        ratio = pg_s / lite_s
        print(f"  {label:<46} {lite_s:6.2f} s {pg_s:8.2f} s  {ratio:.2f}x ({aim})")
    print(f"  national store: {returns:,} returns, moved into PostgreSQL by ntm store migrate "
          f"in {moved:.1f} s")  # fmt: skip


def _report(data: Path, store: str, root: Path) -> list[str]:
    return [NTM, "report", "--period", "2024-06", "--data", str(data), "--store", store,
            "--out", str(root / "out"), "--force"]  # fmt: skip


if __name__ == "__main__":
    main()
