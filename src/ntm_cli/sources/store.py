"""The local store of returns: one SQLite file with a schema version and migrations.

WAL with `synchronous=FULL`, a busy timeout for a second import running at the same time, and one
`BEGIN IMMEDIATE` transaction per file, so a file is stored whole or not at all, even if the
process is killed. A replaced return is marked superseded, never deleted.

The file says it is ntm's: SQLite's `application_id` is APPLICATION_ID and `user_version` the
schema version. Opening checks only the header and these two (milliseconds), so another program's
database is refused before anything is written to it; a page damaged later is met when read, and
every SQLite error becomes a StoreError that says what happened and what to do.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.errors import Conflict, StoreError
from ntm_cli.domain.messages import Issue, Message, os_reason
from ntm_cli.domain.nominations import Nominations, Nominee
from ntm_cli.domain.officers import Officer
from ntm_cli.domain.returns import (
    FUND_SOURCES,
    OCOP_STARS,
    Recognition,
    Return,
    StoredReturn,
    StoreHealth,
)
from ntm_cli.domain.review import Decision, Reviewed

APPLICATION_ID = 0x4E544D31  # "NTM1" in the database header: this file is an ntm store
SQLITE_MAGIC = b"SQLite format 3\x00"
# The tables of the first schema: what a store made before stores were marked holds (later
# migrations add tables, such as return_values and nominations, that such a store has not had
# yet).
OWN_TABLES = frozenset({"files", "returns", "criterion_values", "return_warnings"})


class Cursor(Protocol):
    """What the store reads from a query, on either engine (sqlite3's and psycopg's cursors)."""

    @property
    def description(self) -> Sequence[Any] | None: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of a connection the store's queries use: `?` marks the parameters on either
    engine (sqlite3's connection is one; the PostgreSQL engine wraps psycopg's)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...

    def close(self) -> None: ...


P = ParamSpec("P")
T = TypeVar("T")

MIGRATIONS: list[str] = [
    # 1: files, returns (versions of a commune-period), values per criterion, warnings
    """
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE returns (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id),
        unit_code TEXT NOT NULL,
        period TEXT NOT NULL,
        criteria_set TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        superseded_at TEXT,
        superseded_by INTEGER REFERENCES returns(id),
        reported_level TEXT,
        reported_decision TEXT,
        reported_decided_on TEXT,
        ocop_3 INTEGER, ocop_4 INTEGER, ocop_5 INTEGER,
        debt REAL,
        fund_central REAL, fund_local REAL, fund_credit REAL,
        fund_enterprises REAL, fund_residents REAL
    );
    CREATE UNIQUE INDEX returns_current ON returns(unit_code, period)
        WHERE superseded_at IS NULL;
    CREATE INDEX returns_period ON returns(period);
    CREATE TABLE criterion_values (
        return_id INTEGER NOT NULL REFERENCES returns(id),
        criterion TEXT NOT NULL,
        met INTEGER,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (return_id, criterion)
    ) WITHOUT ROWID;
    CREATE TABLE return_warnings (
        return_id INTEGER NOT NULL REFERENCES returns(id),
        message TEXT NOT NULL
    );
    """,
    # 2: warnings keep their code and parameters (JSON) and their place; `message` keeps the
    # English text. A row written before has no code: it reads back as its text.
    """
    ALTER TABLE return_warnings ADD COLUMN code TEXT;
    ALTER TABLE return_warnings ADD COLUMN params TEXT;
    ALTER TABLE return_warnings ADD COLUMN sheet TEXT;
    ALTER TABLE return_warnings ADD COLUMN cell TEXT;
    """,
    # 3: the extra items of a return (the emulation movement's figures, declared in the data
    # folder's emulation.yaml), one row an item reported
    """
    CREATE TABLE return_values (
        return_id INTEGER NOT NULL REFERENCES returns(id),
        item TEXT NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (return_id, item)
    ) WITHOUT ROWID;
    """,
    # 4: the nominees of the nominations workbook (commendations of subjects that are not
    # units), one row a nominee with its evidence (JSON); a newer workbook of the same award
    # year supersedes them, never deletes them
    """
    CREATE TABLE nominations (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id),
        year INTEGER NOT NULL,
        form TEXT NOT NULL,
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        name TEXT NOT NULL,
        evidence TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        superseded_at TEXT
    );
    CREATE INDEX nominations_year ON nominations(year);
    """,
    # 5: the edition of the registry a return's unit code belongs to (editions.yaml): from
    # 1/7/2025 a new unit reuses an old one's code. A row stored before has none: its period
    # says which edition it is on (one edition a month), as it does for every row.
    """
    ALTER TABLE returns ADD COLUMN edition TEXT;
    """,
    # 6: the review of returns, one row a decision, never changed: approved at a level or
    # returned with a comment, by whom (`actor`: the officer's name; `role`: the database role
    # on a server store), when, and after which earlier decision on the same return (`after`,
    # 0 for the first): two officers deciding the same state at once cannot both be recorded.
    # A return with no decision is "received"; a resubmitted return is a new return, received.
    # The officers and the units each may act on (a district's communes), set by
    # `ntm store grant`; a store with none is one analyst's, who acts at every level.
    """
    CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns(id),
        unit_code TEXT NOT NULL,
        period TEXT NOT NULL,
        action TEXT NOT NULL,
        level TEXT NOT NULL,
        state TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        after INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX review_events_order ON review_events(return_id, after);
    CREATE INDEX review_events_unit ON review_events(unit_code, period);
    CREATE TABLE officers (
        name TEXT NOT NULL,
        edition TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL,
        scope TEXT NOT NULL DEFAULT '',
        granted_at TEXT NOT NULL,
        PRIMARY KEY (name, edition)
    );
    CREATE TABLE officer_units (
        name TEXT NOT NULL,
        edition TEXT NOT NULL DEFAULT '',
        unit_code TEXT NOT NULL,
        PRIMARY KEY (name, edition, unit_code)
    );
    """,
]


def _upgrade(db: sqlite3.Connection) -> None:
    """In the caller's transaction: the migrations the file has not had yet (another process
    may have applied some meanwhile), then the schema version and the application id."""
    (current,) = db.execute("PRAGMA user_version").fetchone()
    for migration in MIGRATIONS[current:]:
        for statement in migration.split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _guarded(method: Callable[P, T]) -> Callable[P, T]:
    """A store method whose SQLite errors become StoreErrors (see Store._errors)."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
        store = args[0]
        assert isinstance(store, Store)
        with store._errors():
            return method(*args, **kwargs)

    return guarded


# SQLite's primary result codes, by what the user is told
_ERRORS = {
    "SQLITE_READONLY": "store.read_only",
    "SQLITE_BUSY": "store.locked",
    "SQLITE_LOCKED": "store.locked",
    "SQLITE_CORRUPT": "store.damaged",
    "SQLITE_NOTADB": "store.damaged",
    "SQLITE_FULL": "store.full",
    "SQLITE_IOERR": "store.io_error",
    "SQLITE_CANTOPEN": "store.cannot_open",
    "SQLITE_INTERRUPT": "store.interrupted",
}


def _copy_error(exc: sqlite3.Error, target: Path) -> StoreError:
    """A backup copy that cannot be written: the copy's path and SQLite's reason."""
    return StoreError("store.backup_failed", path=str(target), reason=_primary(exc) or str(exc))


def _primary(exc: sqlite3.Error) -> str:
    """SQLite's primary result code: SQLITE_READONLY_DBMOVED -> SQLITE_READONLY."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return "_".join(name.split("_")[:2])


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """What a SQLite error means to the user of the store at `path`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    code = _ERRORS.get(_primary(exc))
    if code is None:
        text = str(exc).lower()
        code = next(
            (c for key, c in (("readonly", "store.read_only"), ("locked", "store.locked"),
                              ("malformed", "store.damaged"), ("not a database", "store.damaged"))
             if key in text),
            "store.unusable",
        )  # fmt: skip
    if code in ("store.unusable", "store.io_error", "store.cannot_open"):
        return StoreError(code, path=str(path), reason=name or str(exc))
    return StoreError(code, path=str(path))


def _create(path: Path) -> bool:
    """Make a new store at `path` whole: built in a file of its own, then linked into place, so
    that the path never holds a half-made (empty) store that another import would refuse.
    False when another process made it first."""
    building = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        db = sqlite3.connect(building, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            _upgrade(db)
            db.execute("COMMIT")
        finally:
            db.close()  # the last connection: the write-ahead log is folded in and removed
        try:
            os.link(building, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: one creator at a time, by a lock
            return _move_in(building, path)
        return True
    finally:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)


def _move_in(building: Path, path: Path) -> bool:
    """Move a new store into place unless another process did first (a lock file, made with
    O_EXCL, lets one creator check and move at a time)."""
    lock = path.with_name(f".{path.name}.creating")
    deadline = time.monotonic() + 30
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        if path.exists():
            return False
        os.replace(building, path)
        return True
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)


def _header(path: Path) -> bytes | None:
    """The store file's first 100 bytes (SQLite's header); None when there is no file."""
    import stat

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise StoreError(
                "store.is_folder", path=str(path), example=str(path / "returns.sqlite")
            )
        if not stat.S_ISREG(mode):
            raise StoreError("store.not_regular", path=str(path))
        with path.open("rb") as f:
            return f.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError("store.unreadable", path=str(path), reason=os_reason(exc)) from None


class Store:
    """The returns store. Use as a context manager; every write is one transaction.

    This class is the SQLite engine; `sources/pgstore.py` gives the same store on a PostgreSQL
    server, with the same queries."""

    timeout = 60.0  # seconds a write waits for another process's transaction to end
    engine = "sqlite"
    db: Connection

    def __init__(self, path: Path, create: bool = True, read_only: bool = False) -> None:
        """Open the store at `path` (made when missing and `create`). `read_only` opens it
        without writing a byte, not even a schema upgrade (a backup being restored)."""
        self.path = path
        self.location = str(path)
        self.created = False
        # the first and last months read: an edition of the registry sees only the returns on
        # its own units (a code reused by a new unit from 1/7/2025 is another unit)
        self.window: tuple[str, str] = ("0000-01", "9999-12")
        self.edition = ""  # the edition new returns are stored on ("" for a single one)
        header = _header(path)
        if header is None:
            if not create:
                raise StoreError("store.missing", path=str(path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if not os.access(path.parent, os.W_OK):  # said as such, not "cannot open"
                    raise StoreError("store.read_only", path=str(path))
                with self._errors():
                    self.created = _create(path)
            except OSError as exc:
                raise StoreError(
                    "store.cannot_create", path=str(path), reason=os_reason(exc)
                ) from None
        elif not header:
            raise StoreError("store.empty_file", path=str(path))
        elif not header.startswith(SQLITE_MAGIC):
            raise StoreError("store.not_sqlite", path=str(path))
        with self._errors():
            try:
                self._open(read_only, immutable=False)
            except sqlite3.Error as exc:
                # WAL keeps a shared-memory file beside the store: in a folder that cannot be
                # written, a store that is only read is opened as a file nobody changes
                if create or os.access(path.parent, os.W_OK):
                    raise
                if _primary(exc) not in ("SQLITE_READONLY", "SQLITE_CANTOPEN"):
                    raise
                self._open(True, immutable=True)

    def _open(self, read_only: bool, immutable: bool) -> None:
        if read_only:
            flags = "mode=ro&immutable=1" if immutable else "mode=ro"
            uri = f"{self.path.resolve().as_uri()}?{flags}"
            self.sqlite = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
        else:
            self.sqlite = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        self.db = self.sqlite
        try:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            self.db.execute("PRAGMA synchronous = FULL")  # a connection's, not the file's
            self.db.execute("PRAGMA foreign_keys = ON")
            self._identify()
            if not read_only:
                self._migrate()
        except BaseException:
            self.db.close()
            raise

    def _identify(self) -> None:
        """Refuse a database that is not ntm's before anything is written to it: one without
        the application id is taken only when it is empty, or holds ntm's own tables (a store
        made before stores were marked)."""
        (app,) = self.db.execute("PRAGMA application_id").fetchone()
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if app not in (0, APPLICATION_ID):
            raise StoreError("store.foreign_app", path=str(self.path), app=f"{app:#010x}")
        if app == 0:
            tables = {
                name
                for (name,) in self.db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            }
            ours = OWN_TABLES <= tables and 1 <= version <= len(MIGRATIONS)
            if tables and not ours or (not tables and version != 0):
                raise StoreError(
                    "store.foreign", path=str(self.path), tables=sorted(tables)[:6] or ["-"]
                )
        if version > len(MIGRATIONS):
            raise StoreError("store.newer", path=str(self.path), version=version)
        self.version = version
        self.stamped = app == APPLICATION_ID

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Every SQLite error as a StoreError that names the store and says what to do."""
        try:
            yield
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def _wal(self) -> None:
        """Switch to WAL (it persists in the file). Two imports creating the store at the same
        moment race for it, and SQLite answers "locked" at once rather than waiting: retry."""
        deadline = time.monotonic() + 30
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (what leaving the `with` block does)."""
        self.db.close()

    def interrupt(self) -> None:
        """Abort the statement running now (safe from a signal handler or another thread);
        its transaction rolls back."""
        self.sqlite.interrupt()

    def _migrate(self) -> None:
        """Bring the schema up to date and mark the file as ntm's; a current store is not
        written to (a read-only store can then still be read)."""
        if self.version == len(MIGRATIONS) and self.stamped:
            return
        self._wal()
        with self.transaction():
            _upgrade(self.sqlite)
        self.version, self.stamped = len(MIGRATIONS), True

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:  # a damaged file: the first error is the one to tell
                    pass
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """The reads inside see one state of the store, whatever is written meanwhile."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    def tables(self) -> set[str]:
        """The names of the tables in the store's file."""
        rows = self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {str(name) for (name,) in rows}

    def _copied(self) -> None:
        """After rows were copied in with their ids: nothing to do on SQLite (a new row takes
        the largest id plus one)."""

    @_guarded
    def has_file(self, sha256: str) -> bool:
        row = self.db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    @_guarded
    def save(
        self,
        returns: list[Return],
        warnings: dict[tuple[str, str], list[Issue]],
        name: str,
        sha256: str,
        size: int,
        replace: bool,
        dry_run: bool = False,
        now: dt.datetime | None = None,
    ) -> str:
        """Store a file's returns in one transaction: "imported", "replaced" or "unchanged".

        Raises Conflict when a commune-period already has a return from another file and
        `replace` is false; nothing is written then.
        """
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone():
                return "unchanged"
            existing = {}
            for r in returns:
                row = db.execute(
                    "SELECT r.id, f.name, r.imported_at FROM returns r "
                    "JOIN files f ON f.id = r.file_id "
                    "WHERE r.unit_code = ? AND r.period = ? AND r.superseded_at IS NULL",
                    (r.unit_code, r.period),
                ).fetchone()
                if row:
                    existing[(r.unit_code, r.period)] = row
            # a return sent back to its commune (returned) is replaced by the form sent again
            waiting = {key: row for key, row in existing.items() if not _returned(db, row[0])}
            if waiting and not replace:
                (unit, period), (_, old_name, when) = next(iter(waiting.items()))
                raise Conflict(
                    "store.conflict", code=unit, period=period, file=old_name,
                    when=when.replace("T", " "),
                )  # fmt: skip
            if dry_run:
                db.execute("SELECT 1")  # nothing to write; the transaction just ends
                return "replaced" if existing else "imported"
            file_id = _new_id(
                db.execute(
                    "INSERT INTO files (sha256, name, size, imported_at) VALUES (?, ?, ?, ?) "
                    "RETURNING id",
                    (sha256, name, size, stamp),
                )
            )
            for r in returns:
                old = existing.get((r.unit_code, r.period))
                if old:
                    db.execute("UPDATE returns SET superseded_at = ? WHERE id = ?", (stamp, old[0]))
                new_id = self._insert(db, r, file_id, stamp, self.edition)
                if old:
                    db.execute(
                        "UPDATE returns SET superseded_by = ? WHERE id = ?", (new_id, old[0])
                    )
                db.executemany(
                    "INSERT INTO return_warnings (return_id, message, code, params, sheet, cell) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (new_id, w.message, w.msg.code, json.dumps(dict(w.msg.params)), w.sheet,
                         w.cell)
                        for w in warnings.get((r.unit_code, r.period), [])
                    ],
                )  # fmt: skip
        return "replaced" if existing else "imported"

    @staticmethod
    def _insert(
        db: Connection, r: Return, file_id: int | None, stamp: str, edition: str = ""
    ) -> int:
        rec = r.recognition
        row = (
            file_id, r.unit_code, r.period, r.criteria_set, r.source_kind, stamp, edition or None,
            rec.level if rec else None, rec.decision if rec else None,
            rec.decided_on.isoformat() if rec and rec.decided_on else None,
            *(r.ocop.get(star) for star in OCOP_STARS), r.debt,
            *(r.funds.get(source) for source in FUND_SOURCES),
        )  # fmt: skip
        inserted = db.execute(
            "INSERT INTO returns (file_id, unit_code, period, criteria_set, source_kind, "
            "imported_at, edition, reported_level, reported_decision, reported_decided_on, "
            "ocop_3, ocop_4, ocop_5, debt, fund_central, fund_local, fund_credit, "
            "fund_enterprises, fund_residents) "
            "VALUES (" + ", ".join("?" * len(row)) + ") RETURNING id",
            row,
        )
        return_id = _new_id(inserted)
        db.executemany(
            "INSERT INTO criterion_values (return_id, criterion, met, note) VALUES (?, ?, ?, ?)",
            [
                (return_id, number, None if met is None else int(met), r.notes.get(number, ""))
                for number, met in r.statuses.items()
            ],
        )
        if r.values:
            db.executemany(
                "INSERT INTO return_values (return_id, item, value) VALUES (?, ?, ?)",
                [(return_id, item, value) for item, value in r.values.items()],
            )
        return return_id

    # Reading -------------------------------------------------------------------------------

    @_guarded
    def returns(
        self,
        period: str | None = None,
        unit_code: str | None = None,
        current_only: bool = True,
        before: str | None = None,
    ) -> list[StoredReturn]:
        """Stored returns, oldest period first; filters combine."""
        where, args = ["r.period BETWEEN ? AND ?"], list(self.window)
        if period:
            where.append("r.period = ?")
            args.append(period)
        if before:
            where.append("r.period < ?")
            args.append(before)
        if unit_code:
            where.append("r.unit_code = ?")
            args.append(unit_code)
        if current_only:
            where.append("r.superseded_at IS NULL")
        return self._load(where, args)

    @_guarded
    def latest(self, up_to: str, approved: bool = False) -> list[StoredReturn]:
        """Each commune's current return of the latest period up to `up_to` (a monthly report
        shows a commune that skipped a month by its last return); `approved`: its latest
        approved one (a return awaiting review is passed over for the one approved before)."""
        # each commune's latest period first (one pass over the returns_current index), then
        # its return: a correlated subquery per return is slow with years of returns stored
        only = f" AND id IN ({APPROVED})" if approved else ""
        source = (
            "(SELECT unit_code, max(period) AS period FROM returns "
            f"WHERE superseded_at IS NULL AND period BETWEEN ? AND ?{only} GROUP BY unit_code) m "
            "JOIN returns r ON r.unit_code = m.unit_code AND r.period = m.period"
        )
        first, last = self.window
        return self._load(["r.superseded_at IS NULL"], [first, min(up_to, last)], source)

    @_guarded
    def current_sets(self) -> list[tuple[str, str, str]]:
        """(unit code, period, criteria set) of every current return, by unit and period."""
        rows = self.db.execute(
            "SELECT unit_code, period, criteria_set FROM returns WHERE superseded_at IS NULL "
            "AND period BETWEEN ? AND ? ORDER BY unit_code, period",
            self.window,
        ).fetchall()
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    @_guarded
    def flows(self, since: str, up_to: str, approved: bool = False) -> list[Return]:
        """The current returns of the months from `since` to `up_to` with only what is summed
        over months (funds and the emulation items), without their criteria: a year of a
        national store's criteria would cost far more than the sums need."""
        funds = ", ".join(f"fund_{s}" for s in FUND_SOURCES)
        since, up_to = max(since, self.window[0]), min(up_to, self.window[1])
        only = f" AND id IN ({APPROVED})" if approved else ""
        rows = self.db.execute(
            f"SELECT id, unit_code, period, criteria_set, source_kind, {funds} FROM returns "
            f"WHERE superseded_at IS NULL AND period >= ? AND period <= ?{only} "
            "ORDER BY period, id",
            (since, up_to),
        ).fetchall()
        values: dict[int, dict[str, float]] = {}
        only = f" AND r.id IN ({APPROVED})" if approved else ""
        for return_id, item, value in self.db.execute(
            "SELECT v.return_id, v.item, v.value FROM return_values v JOIN returns r "
            "ON r.id = v.return_id WHERE r.superseded_at IS NULL AND r.period >= ? "
            f"AND r.period <= ?{only}",
            (since, up_to),
        ):
            values.setdefault(return_id, {})[item] = value
        return [
            Return(
                unit_code=code,
                period=period,
                criteria_set=criteria_set,
                statuses={},
                funds={s: v for s, v in zip(FUND_SOURCES, amounts, strict=True) if v is not None},
                source_kind=kind,
                values=values.get(return_id, {}),
            )  # fmt: skip
            for return_id, code, period, criteria_set, kind, *amounts in rows
        ]

    @_guarded
    def latest_period(self) -> str | None:
        """The newest period with a current return; None for an empty store."""
        (period,) = self.db.execute(
            "SELECT max(period) FROM returns WHERE superseded_at IS NULL "
            "AND period BETWEEN ? AND ?",
            self.window,
        ).fetchone()
        return str(period) if period is not None else None

    @_guarded
    def received(self, period: str) -> dict[str, dt.date]:
        """The day each commune's current return for `period` first came in (a correction
        later does not make an on-time commune late)."""
        if not self.window[0] <= period <= self.window[1]:
            return {}
        rows = self.db.execute(
            "SELECT unit_code, min(imported_at) FROM returns WHERE period = ? AND unit_code IN "
            "(SELECT unit_code FROM returns WHERE period = ? AND superseded_at IS NULL) "
            "GROUP BY unit_code",
            (period, period),
        ).fetchall()
        return {code: dt.datetime.fromisoformat(first).date() for code, first in rows}

    @_guarded
    def save_nominations(
        self,
        found: Nominations,
        name: str,
        sha256: str,
        size: int,
        replace: bool,
        dry_run: bool = False,
        now: dt.datetime | None = None,
    ) -> str:
        """Store a nominations workbook in one transaction: "imported", "replaced" (the year's
        nominees from an earlier workbook are superseded, kept) or "unchanged". Raises Conflict
        when the year has nominees from another file and `replace` is false."""
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone():
                return "unchanged"
            old = db.execute(
                "SELECT f.name, n.imported_at FROM nominations n JOIN files f ON f.id = n.file_id "
                "WHERE n.year = ? AND n.superseded_at IS NULL LIMIT 1",
                (found.year,),
            ).fetchone()
            if old and not replace:
                raise Conflict("store.nominations_conflict", year=found.year, file=old[0],
                               when=old[1].replace("T", " "))  # fmt: skip
            if dry_run:
                db.execute("SELECT 1")
                return "replaced" if old else "imported"
            file_id = _new_id(
                db.execute(
                    "INSERT INTO files (sha256, name, size, imported_at) VALUES (?, ?, ?, ?) "
                    "RETURNING id",
                    (sha256, name, size, stamp),
                )
            )
            db.execute(
                "UPDATE nominations SET superseded_at = ? WHERE year = ? AND superseded_at IS NULL",
                (stamp, found.year),
            )
            db.executemany(
                "INSERT INTO nominations (file_id, year, form, sheet, row, name, evidence, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(file_id, found.year, n.form, n.sheet, n.row, n.name,
                  json.dumps(n.to_json(), ensure_ascii=False), stamp)
                 for n in found.nominees],
            )  # fmt: skip
        return "replaced" if old else "imported"

    @_guarded
    def nominations(self, year: int) -> Nominations | None:
        """The current nominees of an award year, in workbook order (None: none stored)."""
        rows = self.db.execute(
            "SELECT n.evidence, f.name, n.imported_at FROM nominations n "
            "JOIN files f ON f.id = n.file_id WHERE n.year = ? AND n.superseded_at IS NULL "
            "ORDER BY n.id",
            (year,),
        ).fetchall()
        if not rows:
            return None
        nominees = tuple(Nominee.from_json(json.loads(evidence)) for evidence, _, _ in rows)
        return Nominations(year, nominees, rows[0][1], rows[0][2])

    @_guarded
    def count(self, period: str | None = None) -> int:
        """Current returns (of `period`)."""
        sql = "SELECT count(*) FROM returns WHERE superseded_at IS NULL AND period BETWEEN ? AND ?"
        args: tuple[str, ...] = self.window
        if period is not None:
            sql, args = sql + " AND period = ?", (*args, period)
        (n,) = self.db.execute(sql, args).fetchone()
        return int(n)

    @_guarded
    def file_returns(self, sha256: str) -> list[tuple[str, str, bool]]:
        """The (unit, period, current) of each return stored from a file ([] for a file not
        stored); for a nominations workbook, ("", award year, current) of each nominee."""
        rows = self.db.execute(
            "SELECT r.unit_code, r.period, r.superseded_at IS NULL FROM returns r "
            "JOIN files f ON f.id = r.file_id WHERE f.sha256 = ? ORDER BY r.id",
            (sha256,),
        ).fetchall()
        if not rows:  # a nominations workbook: its nominees, under the award year
            rows = self.db.execute(
                "SELECT '', CAST(n.year AS TEXT), n.superseded_at IS NULL FROM nominations n "
                "JOIN files f ON f.id = n.file_id WHERE f.sha256 = ? ORDER BY n.id",
                (sha256,),
            ).fetchall()
        return [(unit, period, bool(current)) for unit, period, current in rows]

    @_guarded
    def reinstate(self, sha256: str, now: dt.datetime | None = None) -> int:
        """Make the returns of a file stored before current again, superseding the returns that
        replaced them (a correction taken back): how many changed. Nothing is deleted."""
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        changed = 0
        with self.transaction() as db:
            rows = db.execute(
                "SELECT r.id, r.unit_code, r.period FROM returns r JOIN files f "
                "ON f.id = r.file_id WHERE f.sha256 = ? AND r.superseded_at IS NOT NULL",
                (sha256,),
            ).fetchall()
            for old_id, unit, period in rows:
                current = db.execute(
                    "SELECT id FROM returns WHERE unit_code = ? AND period = ? "
                    "AND superseded_at IS NULL",
                    (unit, period),
                ).fetchone()
                if current:
                    db.execute(
                        "UPDATE returns SET superseded_at = ?, superseded_by = ? WHERE id = ?",
                        (stamp, old_id, current[0]),
                    )
                db.execute(
                    "UPDATE returns SET superseded_at = NULL, superseded_by = NULL WHERE id = ?",
                    (old_id,),
                )
                changed += 1
            # a nominations workbook: its year's nominees become those of this file again
            years = db.execute(
                "SELECT DISTINCT n.year FROM nominations n JOIN files f ON f.id = n.file_id "
                "WHERE f.sha256 = ? AND n.superseded_at IS NOT NULL",
                (sha256,),
            ).fetchall()
            for (year,) in years:
                db.execute(
                    "UPDATE nominations SET superseded_at = ? WHERE year = ? "
                    "AND superseded_at IS NULL",
                    (stamp, year),
                )
                changed += db.execute(
                    "UPDATE nominations SET superseded_at = NULL WHERE year = ? AND file_id = "
                    "(SELECT id FROM files WHERE sha256 = ?)",
                    (year, sha256),
                ).rowcount
        return changed

    # Health ----------------------------------------------------------------------------------

    @_guarded
    def check(self, limit: int = 20) -> StoreHealth:
        """SQLite's full integrity check (every page read), the store's own rules and its
        counts."""
        try:
            problems = [row[0] for row in self.db.execute(f"PRAGMA integrity_check({limit:d})")]
        except sqlite3.DatabaseError as exc:  # damage bad enough to stop the check itself
            problems = [f"{exc} ({getattr(exc, 'sqlite_errorname', '')})"]
        if problems == ["ok"]:
            problems = []
        if not problems:
            problems = self._rule_problems(limit)
        return self._health(problems, os.path.getsize(self.path))

    def _rule_problems(self, limit: int) -> list[str]:
        """What the store's own rules forbid and a hand edit could still do: a unit's month with
        two current returns, a superseded return without its date, a reference to no row."""
        problems = []
        for sql, what in _RULES:
            try:
                rows = self.db.execute(sql).fetchall()
            except Exception as exc:  # noqa: BLE001 - told as the check's finding
                problems.append(f"{what}: {exc}")
                continue
            problems += [f"{what}: {', '.join(str(v) for v in row)}" for row in rows[:limit]]
        return problems[:limit]

    def _health(self, problems: list[str], size: int) -> StoreHealth:
        counts = {}
        for key, sql in (
            ("files", "SELECT count(*) FROM files"),
            ("returns", "SELECT count(*) FROM returns WHERE superseded_at IS NULL"),
            ("superseded", "SELECT count(*) FROM returns WHERE superseded_at IS NOT NULL"),
            ("communes", "SELECT count(DISTINCT unit_code) FROM returns"),
            ("periods", "SELECT count(DISTINCT period) FROM returns"),
        ):
            try:
                counts[key] = int(self.db.execute(sql).fetchone()[0])
            except Exception:  # noqa: BLE001 - the check has said why
                counts[key] = -1
        try:
            first, last = self.db.execute("SELECT min(period), max(period) FROM returns").fetchone()
        except Exception:  # noqa: BLE001
            first = last = None
        return StoreHealth(
            path=self.location,
            schema=self.version,
            size=size,
            problems=tuple(problems),
            counts=counts,
            first_period=first,
            last_period=last,
        )

    def backup(self, target: Path, check: bool = True) -> None:
        """A consistent copy of the store at `target` by SQLite's online backup (imports may go
        on meanwhile), checked (unless `check` is false: a copy of a damaged store kept as it
        was), then moved into place: `target` is whole or untouched. Errors reading the store
        name the store; errors writing the copy name the copy."""
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            try:
                copy = sqlite3.connect(partial, isolation_level=None)
            except sqlite3.Error as exc:
                raise _copy_error(exc, target) from None
            try:
                try:
                    self.sqlite.backup(copy)
                except sqlite3.Error as exc:
                    failed = _primary(exc)
                    raise (store_error(exc, self.path) if failed in ("SQLITE_CORRUPT",
                           "SQLITE_NOTADB", "SQLITE_BUSY", "SQLITE_LOCKED")
                           else _copy_error(exc, target)) from None  # fmt: skip
                try:
                    copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                    bad = check and copy.execute("PRAGMA quick_check").fetchone() != ("ok",)
                except sqlite3.Error as exc:
                    raise _copy_error(exc, target) from None
                if bad:
                    raise StoreError("store.backup_bad", path=str(self.path))
            finally:
                copy.close()
            _move_into_place(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    @_guarded
    def restore_from(self, source: Store) -> None:
        """Replace the store's contents with those of `source` (checked by the caller), by
        SQLite's backup into this store: other readers see the old or the new store, whole. A
        backup of another page size is converted first (a WAL store keeps its page size)."""
        (ours,) = self.db.execute("PRAGMA page_size").fetchone()
        (theirs,) = source.db.execute("PRAGMA page_size").fetchone()
        if ours == theirs:
            source.sqlite.backup(self.sqlite)
        else:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="ntm-restore-") as folder:
                converted = sqlite3.connect(Path(folder) / "converted.sqlite", isolation_level=None)
                try:
                    source.sqlite.backup(converted)
                    converted.execute("PRAGMA journal_mode = DELETE")
                    converted.execute(f"PRAGMA page_size = {int(ours)}")
                    converted.execute("VACUUM")  # rewrites every page at the new size
                    converted.backup(self.sqlite)
                finally:
                    converted.close()
        self._identify()
        self._migrate()

    def _load(
        self, where: list[str], args: list[Any], source: str = "returns r"
    ) -> list[StoredReturn]:
        condition = " WHERE " + " AND ".join(where) if where else ""
        rows = _dicts(
            self.db.execute(
                f"SELECT r.*, f.name AS file_name, f.sha256 FROM {source} "
                f"JOIN files f ON f.id = r.file_id{condition} ORDER BY r.period, r.unit_code, r.id",
                args,
            )
        )
        ids = [row["id"] for row in rows]
        warnings: dict[int, list[Issue]] = {}
        for part in _chunks(ids):
            marks = ", ".join("?" * len(part))
            for w in _dicts(
                self.db.execute(f"SELECT * FROM return_warnings WHERE return_id IN ({marks})", part)
            ):
                warnings.setdefault(w["return_id"], []).append(_warning(w))
        # The criteria as plain tuples: with years of returns stored these are hundreds of
        # thousands of rows, and a Row object a value costs.
        statuses: dict[int, dict[str, bool | None]] = {}
        notes: dict[int, dict[str, str]] = {}
        for part in _chunks(ids):
            marks = ", ".join("?" * len(part))
            for return_id, criterion, met, note in self.db.execute(
                "SELECT return_id, criterion, met, note FROM criterion_values "
                f"WHERE return_id IN ({marks})",
                part,
            ):
                statuses.setdefault(return_id, {})[criterion] = None if met is None else bool(met)
                if note:
                    notes.setdefault(return_id, {})[criterion] = note
        values: dict[int, dict[str, float]] = {}
        for part in _chunks(ids):
            marks = ", ".join("?" * len(part))
            for return_id, item, value in self.db.execute(
                f"SELECT return_id, item, value FROM return_values WHERE return_id IN ({marks})",
                part,
            ):
                values.setdefault(return_id, {})[item] = value
        order: dict[tuple[str, ...], tuple[str, ...]] = {}  # "2" before "10", once a set
        return [
            _stored(
                row,
                _ordered(statuses.get(row["id"], {}), order),
                notes.get(row["id"], {}),
                warnings.get(row["id"], []),
                values.get(row["id"], {}),
            )  # fmt: skip
            for row in rows
        ]

    def officer_groups(self) -> dict[str, str]:
        """The server's group of each officers' level ({}: a SQLite store has none)."""
        return {}

    def unbounded(self, name: str) -> bool:
        """Whether a server would let the account past its officer's scope (never, for a
        SQLite store: it has no accounts)."""
        return False

    # Officers ------------------------------------------------------------------------------

    def _officer_rows(  # noqa: PLR0913 - one officer's row and units
        self, db: Connection, name: str, edition: str, level: str, scope: str,
        units: Sequence[str], stamp: str,
    ) -> None:  # fmt: skip
        """In the caller's transaction: the officer's row and units, replacing any before."""
        db.execute("DELETE FROM officer_units WHERE name = ? AND edition = ?", (name, edition))
        db.execute("DELETE FROM officers WHERE name = ? AND edition = ?", (name, edition))
        db.execute(
            "INSERT INTO officers (name, edition, level, scope, granted_at) VALUES (?, ?, ?, ?, ?)",
            (name, edition, level, scope, stamp),
        )
        db.executemany(
            "INSERT INTO officer_units (name, edition, unit_code) VALUES (?, ?, ?)",
            [(name, edition, code) for code in sorted(set(units))],
        )

    @_guarded
    def grant(  # noqa: PLR0913 - an officer and where they act
        self, name: str, level: str, scope: str, units: Sequence[str],
        password: str | None = None, now: dt.datetime | None = None,
    ) -> bool:  # fmt: skip
        """Record an officer of the store's edition: a province officer (every unit) or a
        district officer (`units`, the district `scope`'s communes), in one transaction. In a
        SQLite store nothing else holds them to it but ntm (one file, no accounts): False."""
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        with self.transaction() as db:
            self._officer_rows(db, name, self.edition, level, scope, units, stamp)
        return False

    @_guarded
    def revoke(self, name: str) -> int:
        """Remove an officer's rows of every edition: how many there were."""
        with self.transaction() as db:
            db.execute("DELETE FROM officer_units WHERE name = ?", (name,))
            return db.execute("DELETE FROM officers WHERE name = ?", (name,)).rowcount

    @_guarded
    def officers(self) -> list[dict[str, Any]]:
        """Every officer (name, edition, level, scope, granted_at, units: their unit count)."""
        return _dicts(
            self.db.execute(
                "SELECT o.name, o.edition, o.level, o.scope, o.granted_at, "
                "(SELECT count(*) FROM officer_units u WHERE u.name = o.name "
                "AND u.edition = o.edition) AS units FROM officers o ORDER BY o.name, o.edition"
            )
        )

    # Review --------------------------------------------------------------------------------

    @_guarded
    def reviewer(self, given: str | None = None) -> tuple[str, str]:
        """Who is deciding: (actor, role). The actor is `given` (--as) when given, else the
        database role on a server store, else the user of the computer; the role is the
        database role on a server store, "" on a file."""
        role = ""
        if self.engine == "postgresql":
            role = str(self.db.execute("SELECT current_user").fetchone()[0])
        if given:
            return given, role
        if role:
            return role, role
        import getpass

        try:
            return getpass.getuser(), role
        except (KeyError, OSError):  # no user name for this process's uid
            return str(os.getuid()) if hasattr(os, "getuid") else "?", role

    @_guarded
    def review_officers(self, edition: str) -> dict[str, Officer]:
        """The officers granted on the list of units `edition`, by name, with their units
        ({}: the store is one analyst's)."""
        rows = self.db.execute(
            "SELECT name, level, scope FROM officers WHERE edition = ? ORDER BY name", (edition,)
        ).fetchall()
        units: dict[str, set[str]] = {}
        for name, code in self.db.execute(
            "SELECT name, unit_code FROM officer_units WHERE edition = ?", (edition,)
        ):
            units.setdefault(str(name), set()).add(str(code))
        return {
            str(name): Officer(str(name), edition, str(level), str(scope or ""),
                               frozenset(units.get(str(name), ())))
            for name, level, scope in rows
        }  # fmt: skip

    @_guarded
    def reviewed(self, period: str) -> dict[str, Reviewed]:
        """Each commune's current return of `period` with the last decision on it, by unit."""
        if not self.window[0] <= period <= self.window[1]:
            return {}
        rows = self.db.execute(
            "SELECT r.id, r.unit_code FROM returns r WHERE r.period = ? "
            "AND r.superseded_at IS NULL ORDER BY r.unit_code",
            (period,),
        ).fetchall()
        last: dict[int, Decision] = {}
        for row in _dicts(
            self.db.execute(
                "SELECT e.* FROM review_events e JOIN returns r ON r.id = e.return_id "
                "WHERE r.period = ? AND r.superseded_at IS NULL ORDER BY e.id",
                (period,),
            )
        ):
            last[row["return_id"]] = _decision(row)
        return {
            str(code): Reviewed(int(rid), str(code), period, last.get(int(rid)))
            for rid, code in rows
        }

    @_guarded
    def decisions(self, unit_code: str, period: str) -> list[Decision]:
        """Every decision on every return of a commune-month, oldest first."""
        rows = _dicts(
            self.db.execute(
                "SELECT * FROM review_events WHERE unit_code = ? AND period = ? ORDER BY id",
                (unit_code, period),
            )
        )
        return [_decision(row) for row in rows]

    @_guarded
    def returned_from(self, return_id: int) -> StoredReturn | None:
        """A stored return by its id (current or not)."""
        found = self._load(["r.id = ?"], [return_id])
        return found[0] if found else None

    @_guarded
    def decide(self, seen: Reviewed, action: str, level: str, state: str, comment: str,
               actor: str, role: str, now: dt.datetime | None = None) -> Decision:  # fmt: skip
        """Record a decision on the return `seen`, in one transaction that reads the return's
        last decision again: when another was recorded since `seen` was read (or the return
        was replaced meanwhile), nothing is written and a Conflict says who decided what."""
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        try:
            with self.transaction() as db:
                self._still(db, seen)
                new_id = _new_id(
                    db.execute(
                        "INSERT INTO review_events (return_id, unit_code, period, action, level, "
                        "state, comment, actor, role, at, after) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        (seen.return_id, seen.unit_code, seen.period, action, level, state,
                         comment, actor, role, stamp, seen.last_id),
                    )
                )  # fmt: skip
        except Exception as exc:
            if not _duplicate(exc):
                raise
            # another decision took this place in the order first (the unique index)
            self._still(self.db, seen)
            raise Conflict("review.conflict.unknown", code=seen.unit_code,
                           period=seen.period) from None  # fmt: skip
        return Decision(new_id, seen.return_id, seen.unit_code, seen.period, action, level, state,
                        comment, actor, role, stamp, seen.last_id)  # fmt: skip

    def _still(self, db: Connection, seen: Reviewed) -> None:
        """Refuse with a Conflict when the return `seen` is no longer current, or has a decision
        recorded after the one `seen` read."""
        row = db.execute(
            "SELECT superseded_at FROM returns WHERE id = ?", (seen.return_id,)
        ).fetchone()
        if row is None or row[0] is not None:
            raise Conflict("review.conflict.replaced", code=seen.unit_code, period=seen.period)
        found = _dicts(
            db.execute(
                "SELECT * FROM review_events WHERE return_id = ? ORDER BY id DESC LIMIT 1",
                (seen.return_id,),
            )
        )
        if found and found[0]["id"] != seen.last_id:
            last = _decision(found[0])
            raise Conflict(f"review.conflict.{last.state}", code=seen.unit_code,
                           period=seen.period, actor=last.actor,
                           at=last.at.replace("T", " "))  # fmt: skip


def _decision(row: Mapping[str, Any]) -> Decision:
    return Decision(
        int(row["id"]), int(row["return_id"]), str(row["unit_code"]), str(row["period"]),
        str(row["action"]), str(row["level"]), str(row["state"]), str(row["comment"] or ""),
        str(row["actor"]), str(row["role"] or ""), str(row["at"]), int(row["after"]),
    )  # fmt: skip


def _duplicate(exc: BaseException) -> bool:
    """Whether an error is a unique index refusing a row, on either engine (sqlite3's
    IntegrityError, psycopg's UniqueViolation: SQLSTATE 23505)."""
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc).upper()
    return getattr(exc, "sqlstate", None) == "23505"


def _returned(db: Connection, return_id: int) -> bool:
    """Whether the last decision on a return sent it back to its commune."""
    row = db.execute(
        "SELECT state FROM review_events WHERE return_id = ? ORDER BY id DESC LIMIT 1",
        (return_id,),
    ).fetchone()
    return row is not None and row[0] == "returned"


def _dicts(cursor: Cursor) -> list[dict[str, Any]]:
    """A query's rows as dictionaries by column name (on either engine)."""
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _new_id(cursor: Cursor) -> int:
    """The id an INSERT … RETURNING id gave."""
    row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    """Ids in groups small enough for one statement's parameters."""
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _ordered(
    statuses: dict[str, bool | None], order: dict[tuple[str, ...], tuple[str, ...]]
) -> dict[str, bool | None]:
    keys = tuple(statuses)
    if keys not in order:
        order[keys] = tuple(sorted(keys, key=lambda c: (len(c), c)))
    return {c: statuses[c] for c in order[keys]}


def _warning(row: Mapping[str, Any]) -> Issue:
    """A stored warning; one stored before warnings had codes is its English text."""
    if row["code"] is None or row["code"] not in CATALOGUE:
        return Issue(None, None, Message("store.legacy_warning", {"text": row["message"]}))
    return Issue(row["sheet"], row["cell"], Message(row["code"], json.loads(row["params"] or "{}")))


def _stored(
    row: Mapping[str, Any],
    statuses: dict[str, bool | None],
    notes: dict[str, str],
    warnings: list[Issue],
    values: dict[str, float],
) -> StoredReturn:
    level = row["reported_level"]
    decided = row["reported_decided_on"]
    recognition = (
        Recognition(level, row["reported_decision"] or "",
                    dt.date.fromisoformat(decided) if decided else None)
        if level else None
    )  # fmt: skip
    ret = Return(
        unit_code=row["unit_code"],
        period=row["period"],
        criteria_set=row["criteria_set"],
        statuses=statuses,
        notes=notes,
        recognition=recognition,
        ocop={s: row[f"ocop_{s}"] for s in OCOP_STARS if row[f"ocop_{s}"] is not None},
        debt=row["debt"],
        funds={s: row[f"fund_{s}"] for s in FUND_SOURCES if row[f"fund_{s}"] is not None},
        source_kind=row["source_kind"],
        values=values,
    )
    superseded = row["superseded_at"]
    return StoredReturn(
        id=row["id"],
        ret=ret,
        file_name=row["file_name"],
        sha256=row["sha256"],
        imported_at=dt.datetime.fromisoformat(row["imported_at"]),
        superseded_at=dt.datetime.fromisoformat(superseded) if superseded else None,
        warnings=tuple(warnings),
    )


# The returns whose last decision approved them for good ("approved", the last level)
APPROVED = (
    "SELECT e.return_id FROM review_events e WHERE e.state = 'approved' AND NOT EXISTS "
    "(SELECT 1 FROM review_events l WHERE l.return_id = e.return_id AND l.id > e.id)"
)

# The store's own rules, each a query that finds what breaks it (nothing in a sound store).
_RULES: tuple[tuple[str, str], ...] = (
    ("SELECT unit_code, period FROM returns WHERE superseded_at IS NULL "
     "GROUP BY unit_code, period HAVING count(*) > 1", "two current returns"),
    ("SELECT id FROM returns WHERE superseded_by IS NOT NULL AND superseded_at IS NULL",
     "a return replaced by another but not superseded"),
    ("SELECT r.id FROM returns r LEFT JOIN returns s ON s.id = r.superseded_by "
     "WHERE r.superseded_by IS NOT NULL AND s.id IS NULL", "replaced by a return not stored"),
    ("SELECT r.id FROM returns r LEFT JOIN files f ON f.id = r.file_id WHERE f.id IS NULL",
     "a return from a file not stored"),
    ("SELECT DISTINCT v.return_id FROM criterion_values v LEFT JOIN returns r "
     "ON r.id = v.return_id WHERE r.id IS NULL", "criteria of a return not stored"),
)  # fmt: skip

# Every table of the store, each after the tables it refers to: what a copy of the store
# (backup, migration to another engine) carries, in the order it is written.
TABLES = ("files", "returns", "criterion_values", "return_warnings", "return_values",
          "nominations", "review_events", "officers", "officer_units")  # fmt: skip
# A reference to a row of the same table that may come later: written once every row is in.
LATER = {"returns": "superseded_by"}


def columns(store: Store) -> dict[str, list[str]]:
    """The columns of each of the store's tables it has (a store of an earlier schema, read
    without being upgraded, such as a backup, has fewer)."""
    present = store.tables()
    found = {}
    for table in TABLES:
        if table in present:
            cursor = store.db.execute(f"SELECT * FROM {table} LIMIT 0")  # noqa: S608
            found[table] = [d[0] for d in cursor.description or ()]
            cursor.fetchall()
    return found


def copy_rows(
    source: Store, target: Store, replace: bool = False, shape: dict[str, list[str]] | None = None
) -> None:
    """Every row of `source` into `target`, ids kept, inside the caller's transaction of
    `target` (and, for a consistent copy, a snapshot of `source`). `target` must be empty
    unless `replace`, when its rows are deleted first. A source of an earlier schema gives the
    tables and columns it has (`shape`, read from it when not given); the others stay empty
    or take their defaults."""
    shape = columns(source) if shape is None else shape
    if replace:
        for table in reversed(TABLES):
            target.db.execute(f"DELETE FROM {table}")  # noqa: S608 - the store's own tables
    elif any(target.db.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in TABLES):
        raise StoreError("store.copy_not_empty", path=target.location)
    for table, names in shape.items():
        rows = source.db.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()  # noqa: S608
        pending: list[tuple[Any, Any]] = []
        later = LATER.get(table)
        if later is not None and later in names and rows:
            at, key = names.index(later), names.index("id")
            pending = [(row[at], row[key]) for row in rows if row[at] is not None]
            rows = [(*row[:at], None, *row[at + 1 :]) for row in rows]
        marks = ", ".join("?" * len(names))
        target.db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)  # noqa: S608
        if pending:
            target.db.executemany(f"UPDATE {table} SET {later} = ? WHERE id = ?", pending)
    target._copied()


def checksums(
    store: Store, shape: dict[str, list[str]] | None = None
) -> dict[str, tuple[int, str]]:
    """Each table's row count and a SHA-256 of its rows, the same on either engine for the
    same rows (columns by name, rows sorted, values in one spelling); `shape`: the tables and
    columns compared (by default all the store's own)."""
    out = {}
    for table, names in (columns(store) if shape is None else shape).items():
        ordered = sorted(names)
        rows = store.db.execute(f"SELECT {', '.join(ordered)} FROM {table}").fetchall()  # noqa: S608
        lines = sorted("\x1f".join(_spelled(v) for v in row) for row in rows)
        digest = hashlib.sha256("\x1e".join(lines).encode()).hexdigest()
        out[table] = (len(rows), digest)
    return out


def _spelled(value: object) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def migrate_rows(source: Store, target: Store) -> dict[str, tuple[int, str]]:
    """Every row of `source` into the empty `target` in one transaction, committed only when
    each table's count and checksum in `target` equal those read from `source`: the
    migration is whole or nothing. Returns the tables' counts and checksums (of the tables
    and columns `source` has: it may be of an earlier schema, read without upgrading it)."""
    with source._errors(), target._errors(), source.snapshot():
        shape = columns(source)
        before = checksums(source, shape)
        with target.transaction():
            copy_rows(source, target, shape=shape)
            after = checksums(target, shape)
            for table, (count, digest) in before.items():
                if after[table] != (count, digest):
                    raise StoreError("store.copy_mismatch", path=target.location, table=table,
                                     source=count, target=after[table][0])  # fmt: skip
    return before


def copy_to_file(source: Store, target: Path, check: bool = True) -> None:
    """A SQLite store at `target` holding every row of `source`, read in one snapshot,
    checked (unless `check` is false), then moved into place: `target` is whole or
    untouched."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        try:
            copy = Store(partial, create=True)
        except StoreError as exc:
            reason = exc.message.params.get("reason", exc.message.code)
            raise StoreError("store.backup_failed", path=str(target), reason=reason) from None
        try:
            with source._errors(), copy._errors(), source.snapshot(), copy.transaction():
                copy_rows(source, copy)
            with copy._errors():
                copy.db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if check and copy.check().problems:
                raise StoreError("store.backup_bad", path=source.location)
        finally:
            copy.close()
        _move_into_place(partial, target)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)


def _move_into_place(partial: Path, target: Path) -> None:
    """A copy written whole at `partial`, synced to the disk, then renamed to `target`."""
    try:
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except OSError as exc:
        raise StoreError("output.unwritable", path=str(target), reason=os_reason(exc)) from None
