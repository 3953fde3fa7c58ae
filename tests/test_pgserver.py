"""The tests' own PostgreSQL server (tests/pgserver.py, the `postgres` and `pg_url` fixtures):
it runs, not as root, stores Vietnamese text as given, gives each test its own database, and
drops connections on a restart as a real server does."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

import pgserver

NAME = "Xã Hòa Thuận"


def own_cluster(server: pgserver.Server) -> pgserver.Cluster:
    """The session's cluster; a developer's server (NTM_TEST_PG_URL) is not ours to inspect."""
    if not isinstance(server, pgserver.Cluster):
        pytest.skip("NTM_TEST_PG_URL names a server these tests did not start")
    return server


def process_uid(pid: int) -> int:
    """The real UID of process `pid`, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for process {pid}")


def test_the_server_runs_in_its_own_directory_and_not_as_root(postgres: pgserver.Server) -> None:
    cluster = own_cluster(postgres)
    with psycopg.connect(cluster.url()) as conn:
        row = conn.execute(
            "SELECT current_setting('data_directory'), current_user, pg_backend_pid()"
        ).fetchone()
        assert row is not None
        data_directory, user, backend = row
        assert process_uid(backend) != 0  # the server process serving this connection
    assert Path(data_directory) == cluster.data
    assert str(cluster.directory).startswith("/tmp/ntm-pg-")
    assert user == "ntm_admin"
    assert f"PID: {cluster.postmaster_pid()}" in cluster.status()
    assert process_uid(cluster.postmaster_pid()) != 0


def test_a_database_is_utf8_and_keeps_vietnamese_text_as_given(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        encoding = conn.execute("SELECT current_setting('server_encoding')").fetchone()
        conn.execute("CREATE TABLE unit (name text NOT NULL)")
        conn.execute("INSERT INTO unit VALUES (%s)", [NAME])
        stored = conn.execute("SELECT name, length(name) FROM unit").fetchone()
    assert encoding == ("UTF8",)
    assert stored == (NAME, len(NAME))


def test_each_test_database_is_new_and_apart(postgres: pgserver.Server, pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE mark (n int)")
    other_url = postgres.create_database(f"ntm_apart_{id(pg_url)}")
    try:
        assert other_url != pg_url
        with psycopg.connect(other_url) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
        assert tables == (0,)
    finally:
        if not postgres.owned:
            postgres.drop_database(other_url.rsplit("/", 1)[1])


@pytest.mark.parametrize("round_", [1, 2])
def test_pg_url_is_a_different_database_each_time(pg_url: str, round_: int) -> None:
    """The two rounds see no table of the other: a fresh database, not a reused one."""
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE seen (round int)")  # fails if an earlier round's table is here
        conn.execute("INSERT INTO seen VALUES (%s)", [round_])
        assert conn.execute("SELECT round FROM seen").fetchall() == [(round_,)]


def test_a_restart_drops_open_connections_and_takes_new_ones(
    postgres: pgserver.Server, pg_url: str
) -> None:
    cluster = own_cluster(postgres)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (name text)")
        conn.execute("INSERT INTO kept VALUES (%s)", [NAME])
        before = cluster.postmaster_pid()
        cluster.restart()
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")
    assert cluster.postmaster_pid() != before
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT name FROM kept").fetchall() == [(NAME,)]


def test_a_missing_server_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(pgserver, "SYSTEM_BINARIES", Path("/nonexistent/postgresql"))
    with pytest.raises(pgserver.PostgresError, match="apt-get install postgresql"):
        pgserver.find_bindir()
