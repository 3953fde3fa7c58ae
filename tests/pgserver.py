"""A throwaway PostgreSQL server for the tests: its own cluster in /tmp, on a free local port.

`start_cluster()` runs ``initdb`` and ``pg_ctl start`` and returns a `Cluster`; `Cluster.stop()`
stops the server and removes every file it wrote. PostgreSQL refuses to run as root, so when the
tests run as root (CI on a fresh machine) the server runs as the unprivileged system user
``ntm-pg`` (created if missing, else ``nobody``) through ``runuser``. Connections are TCP to
127.0.0.1 with ``trust`` authentication; the superuser is ``ntm_admin``.

`ExternalServer` offers the same `url` and `create_database` on a server someone else runs (the
tests use it when NTM_TEST_PG_URL names one).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

SUPERUSER = "ntm_admin"
SERVER_USER = "ntm-pg"
FALLBACK_USER = "nobody"
HOST = "127.0.0.1"
SYSTEM_BINARIES = Path("/usr/lib/postgresql")  # Debian's: <version>/bin/initdb and the rest
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH nor under "
    "/usr/lib/postgresql/*/bin. `make test` installs them; by hand: "
    "apt-get install postgresql"
)
_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PostgresError(RuntimeError):
    """The throwaway server could not be found, set up, started, restarted or stopped."""


def find_bindir() -> Path:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``.

    ``initdb`` and ``pg_ctl`` on PATH win (followed through symlinks, so that ``postgres`` is
    found beside them); else the newest ``/usr/lib/postgresql/<version>/bin``.
    """
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        bindir = Path(initdb).resolve().parent
        if (bindir / "pg_ctl").exists() and (bindir / "postgres").exists():
            return bindir
    candidates = [
        path.parent
        for path in SYSTEM_BINARIES.glob("*/bin/initdb")
        if (path.parent / "pg_ctl").exists() and (path.parent / "postgres").exists()
    ]
    if not candidates:
        raise PostgresError(INSTALL_HINT)
    return max(candidates, key=_version_key)


def _version_key(bindir: Path) -> tuple[int, ...]:
    """(15,) for /usr/lib/postgresql/15/bin: versions compare as numbers, not as text."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (0,)


def server_user() -> str | None:
    """The user the server runs as when we are root, created if needed; None when not root."""
    if os.geteuid() != 0:
        return None
    with contextlib.suppress(KeyError):
        pwd.getpwnam(SERVER_USER)
        return SERVER_USER
    created = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
        capture_output=True,
        text=True,
        check=False,
    )
    with contextlib.suppress(KeyError):
        pwd.getpwnam(SERVER_USER)  # made now, or by a concurrent run
        return SERVER_USER
    try:
        pwd.getpwnam(FALLBACK_USER)
    except KeyError:
        raise PostgresError(
            f"running as root, and neither {SERVER_USER!r} could be created "
            f"({created.stderr.strip()}) nor {FALLBACK_USER!r} exists: "
            "PostgreSQL refuses to run as root"
        ) from None
    return FALLBACK_USER


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _with_dbname(url: str, dbname: str, user: str | None = None) -> str:
    """`url` naming database `dbname` (and user `user`, without the password, if given)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None and user != unquote(parts.username or ""):
        host = netloc.rpartition("@")[2]
        netloc = f"{quote(user, safe='')}@{host}"
    return urlunsplit((parts.scheme, netloc, "/" + quote(dbname, safe=""), parts.query, ""))


class Server:
    """A PostgreSQL server reached by a superuser URL: URLs of its databases, and new ones."""

    #: whether this process started the server (and may restart or stop it)
    owned = False

    def __init__(self, superuser_url: str) -> None:
        self.superuser_url = superuser_url

    def url(self, user: str | None = None, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL for `dbname` as `user` (the superuser by default)."""
        return _with_dbname(self.superuser_url, dbname, user)

    def admin_url(self, dbname: str = "postgres") -> str:
        """The superuser's URL for `dbname`."""
        return _with_dbname(self.superuser_url, dbname)

    def create_database(self, name: str) -> str:
        """Create the empty UTF-8 database `name` (from template0) and return its URL."""
        if not _DB_NAME.fullmatch(name):
            raise ValueError(f"not a plain database name: {name!r}")
        with psycopg.connect(self.admin_url(), autocommit=True, connect_timeout=10) as conn:
            row = conn.execute("SELECT current_user").fetchone()
            owner = sql.Identifier(row[0] if row else SUPERUSER)  # ntm_admin in a Cluster
            create = "CREATE DATABASE {} OWNER {} TEMPLATE template0 ENCODING 'UTF8'"
            conn.execute(sql.SQL(create).format(sql.Identifier(name), owner))
        return self.admin_url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name` if it exists, closing any connection still open to it."""
        with psycopg.connect(self.admin_url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class ExternalServer(Server):
    """A server someone else runs, named by its superuser URL; never restarted nor stopped."""

    def __init__(self, superuser_url: str) -> None:
        super().__init__(superuser_url)
        self.superuser = unquote(urlsplit(superuser_url).username or "") or SUPERUSER


class Cluster(Server):
    """A running throwaway cluster: data, log and socket all under `directory`."""

    owned = True

    def __init__(self, bindir: Path, directory: Path, port: int, os_user: str | None) -> None:
        super().__init__(f"postgresql://{SUPERUSER}@{HOST}:{port}/postgres")
        self.bindir = bindir
        self.directory = directory
        self.port = port
        #: the unprivileged account the server runs as when the tests run as root, else None
        self.os_user = os_user
        self.data = directory / "data"
        self.log = directory / "log"
        self._stopped = False

    def url(self, user: str | None = SUPERUSER, dbname: str = "postgres") -> str:
        """``postgresql://user@127.0.0.1:port/dbname`` (user ``ntm_admin`` by default)."""
        name = quote(user or SUPERUSER, safe="")
        return f"postgresql://{name}@{HOST}:{self.port}/{quote(dbname, safe='')}"

    def _command(self, program: str, *args: str) -> list[str]:
        argv = [str(self.bindir / program), *args]
        return ["runuser", "-u", self.os_user, "--", *argv] if self.os_user else argv

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a server program as the server's user, in the cluster's directory (which that
        user can read, unlike perhaps the tests' working directory)."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_MESSAGES"] = "C"
        return subprocess.run(
            self._command(program, *args),
            cwd=self.directory,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=START_TIMEOUT + 30,
        )

    def _server_options(self) -> str:
        return (
            f"-p {self.port} -k {self.directory} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )

    def _fail(self, what: str, result: subprocess.CompletedProcess[str]) -> PostgresError:
        return PostgresError(
            f"{what} failed (exit {result.returncode}) for the cluster in {self.directory}\n"
            f"--- command ---\n{shlex.join(result.args)}\n"
            f"--- output ---\n{(result.stdout + result.stderr).strip()}\n"
            f"--- server log (last lines) ---\n{self.log_tail()}"
        )

    def initdb(self) -> None:
        """Create the cluster's data directory: UTF-8, C.UTF-8 locale if the system has it."""
        common = ["-D", str(self.data), "-E", "UTF8", "-A", "trust", "-U", SUPERUSER, "--no-sync"]
        result = self._run("initdb", *common, "--locale=C.UTF-8")
        if result.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            retry = self._run("initdb", *common, "--no-locale")
            if retry.returncode != 0:
                raise self._fail("initdb (with --locale=C.UTF-8, then --no-locale)", retry)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        result = self._run(
            "pg_ctl", "start", "-w", "-t", str(START_TIMEOUT), "-D", str(self.data),
            "-l", str(self.log), "-o", self._server_options(),
        )  # fmt: skip
        if result.returncode != 0:
            raise self._fail("pg_ctl start", result)

    def restart(self, mode: str = "fast") -> None:
        """Restart the server (``pg_ctl restart -m mode``): open connections are dropped."""
        result = self._run(
            "pg_ctl", "restart", "-w", "-t", str(START_TIMEOUT), "-m", mode,
            "-D", str(self.data), "-l", str(self.log), "-o", self._server_options(),
        )  # fmt: skip
        if result.returncode != 0:
            raise self._fail(f"pg_ctl restart -m {mode}", result)

    def status(self) -> str:
        """``pg_ctl status`` output (it names the postmaster's PID when running)."""
        result = self._run("pg_ctl", "status", "-D", str(self.data))
        return (result.stdout + result.stderr).strip()

    def postmaster_pid(self) -> int:
        """The PID of the running postmaster, from its lock file."""
        return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove the cluster's directory. Safe to repeat."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.data / "postmaster.pid").exists():
                result = self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))
                if result.returncode != 0:
                    self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        """The last `lines` lines of the server's log (empty if it wrote none)."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def start_cluster(attempts: int = 3) -> Cluster:
    """Create and start a throwaway cluster in a new ``/tmp/ntm-pg-*`` directory.

    Raises `PostgresError` (with the server's log) if it cannot; retries on a new port when the
    one picked was taken meanwhile. The cluster is also stopped when the interpreter exits, in
    case the caller never gets to call `Cluster.stop`.
    """
    bindir = find_bindir()
    os_user = server_user()
    directory = Path(tempfile.mkdtemp(prefix="ntm-pg-", dir="/tmp"))
    if os_user is not None:
        entry = pwd.getpwnam(os_user)
        os.chown(directory, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bindir, directory, free_port(), os_user)
    atexit.register(cluster.stop)
    try:
        cluster.initdb()
        for attempt in range(attempts):
            try:
                cluster.start()
                return cluster
            except PostgresError:
                if attempt + 1 == attempts or "already in use" not in cluster.log_tail():
                    raise
                cluster.port = free_port()
                cluster.superuser_url = cluster.url()
    except BaseException:
        cluster.stop()
        raise
    raise AssertionError("unreachable")
