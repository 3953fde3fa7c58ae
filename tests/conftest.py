"""Shared fixtures: a fixed terminal, a fixed "today", an isolated cache, and data builders."""

from __future__ import annotations

import os

# Rich reads these when its consoles are created, which happens on import of the CLI.
os.environ["COLUMNS"] = "120"
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)

import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

import pgserver  # noqa: E402

# Property tests judge results, not speed: a busy machine must not make them flaky.
settings.register_profile("ntm", deadline=None)
settings.load_profile("ntm")

from ntm_cli.sources.datadir import BUNDLED  # noqa: E402

TODAY = "2026-11-29"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("NTM_TODAY", TODAY)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NTM_DATA", raising=False)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store that does not exist yet, named by NTM_STORE (a test file may name its own)."""
    path = tmp_path / "store" / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(path))
    return path


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def today() -> dt.date:
    return dt.date.fromisoformat(TODAY)


# A real PostgreSQL server for the store's PostgreSQL engine: one throwaway cluster for the whole
# session (tests/pgserver.py), or the developer's own server when NTM_TEST_PG_URL names it (a
# superuser URL). Each test that asks for `pg_url` gets a new empty database on it.
_pg_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[pgserver.Server]:
    """The session's PostgreSQL server: a started `pgserver.Cluster`, stopped at session end
    (even if tests fail), or a `pgserver.ExternalServer` for NTM_TEST_PG_URL."""
    external = os.environ.get("NTM_TEST_PG_URL")
    if external:
        yield pgserver.ExternalServer(external)
        return
    cluster = pgserver.start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(postgres: pgserver.Server) -> Iterator[str]:
    """The superuser URL of a new, empty UTF-8 database for this test alone.

    On the session's own cluster it is left for the cluster's removal; on a developer's server
    (NTM_TEST_PG_URL) it is dropped after the test.
    """
    name = f"ntm_test_{os.getpid()}_{next(_pg_databases)}"
    if not postgres.owned:
        postgres.drop_database(name)  # left by an earlier run that was killed
    url = postgres.create_database(name)
    yield url
    if not postgres.owned:
        postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A store not made yet on each engine, named by NTM_STORE: a SQLite file, or a fresh
    database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        where = str(tmp_path / "store" / "returns.sqlite")
    else:
        where = request.getfixturevalue("pg_url")
    monkeypatch.setenv("NTM_STORE", where)
    return where
