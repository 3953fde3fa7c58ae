"""The local store of returns: one SQLite file with a schema version and migrations.

WAL with `synchronous=FULL`, a busy timeout for a second import running at the same time, and one
`BEGIN IMMEDIATE` transaction per file, so a file is stored whole or not at all, even if the
process is killed. A replaced return is marked superseded, never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.errors import Conflict, StoreError
from ntm_cli.domain.messages import Issue, Message, os_reason
from ntm_cli.domain.models import Level
from ntm_cli.domain.returns import FUND_SOURCES, OCOP_STARS, Recognition, Return, StoredReturn

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
]


class Store:
    """The returns store. Use as a context manager; every write is one transaction."""

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = path
        if not path.exists() and not create:
            raise StoreError("store.missing", path=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 60000")
            self._wal()
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError("store.unusable", path=str(path), reason=str(exc)) from None
        except OSError as exc:
            raise StoreError("store.cannot_create", path=str(path), reason=os_reason(exc)) from None

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

    def _migrate(self) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):
            raise StoreError("store.newer", path=str(self.path), version=version)
        for number in range(version, len(MIGRATIONS)):
            with self.transaction():
                (current,) = self.db.execute("PRAGMA user_version").fetchone()
                if current > number:  # another process migrated meanwhile
                    continue
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def has_file(self, sha256: str) -> bool:
        row = self.db.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

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
            if existing and not replace:
                (unit, period), (_, old_name, when) = next(iter(existing.items()))
                raise Conflict(
                    "store.conflict", code=unit, period=period, file=old_name,
                    when=when.replace("T", " "),
                )  # fmt: skip
            if dry_run:
                db.execute("SELECT 1")  # nothing to write; the transaction just ends
                return "replaced" if existing else "imported"
            file_id = db.execute(
                "INSERT INTO files (sha256, name, size, imported_at) VALUES (?, ?, ?, ?)",
                (sha256, name, size, stamp),
            ).lastrowid
            for r in returns:
                old = existing.get((r.unit_code, r.period))
                if old:
                    db.execute("UPDATE returns SET superseded_at = ? WHERE id = ?", (stamp, old[0]))
                new_id = self._insert(db, r, file_id, stamp)
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
    def _insert(db: sqlite3.Connection, r: Return, file_id: int | None, stamp: str) -> int:
        rec = r.recognition
        row = (
            file_id, r.unit_code, r.period, r.criteria_set, r.source_kind, stamp,
            rec.level.value if rec else None, rec.decision if rec else None,
            rec.decided_on.isoformat() if rec and rec.decided_on else None,
            *(r.ocop.get(star) for star in OCOP_STARS), r.debt,
            *(r.funds.get(source) for source in FUND_SOURCES),
        )  # fmt: skip
        return_id = db.execute(
            "INSERT INTO returns (file_id, unit_code, period, criteria_set, source_kind, "
            "imported_at, reported_level, reported_decision, reported_decided_on, ocop_3, ocop_4, "
            "ocop_5, debt, fund_central, fund_local, fund_credit, fund_enterprises, "
            "fund_residents) "
            "VALUES (" + ", ".join("?" * len(row)) + ")",
            row,
        ).lastrowid
        assert return_id is not None
        db.executemany(
            "INSERT INTO criterion_values (return_id, criterion, met, note) VALUES (?, ?, ?, ?)",
            [
                (return_id, number, None if met is None else int(met), r.notes.get(number, ""))
                for number, met in r.statuses.items()
            ],
        )
        return return_id

    # Reading -------------------------------------------------------------------------------

    def returns(
        self,
        period: str | None = None,
        unit_code: str | None = None,
        current_only: bool = True,
        before: str | None = None,
    ) -> list[StoredReturn]:
        """Stored returns, oldest period first; filters combine."""
        where, args = [], []
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

    def latest(self, up_to: str) -> list[StoredReturn]:
        """Each commune's current return of the latest period up to `up_to` (a monthly report
        shows a commune that skipped a month by its last return)."""
        # each commune's latest period first (one pass over the returns_current index), then
        # its return: a correlated subquery per return is slow with years of returns stored
        source = (
            "(SELECT unit_code, max(period) AS period FROM returns "
            "WHERE superseded_at IS NULL AND period <= ? GROUP BY unit_code) m "
            "JOIN returns r ON r.unit_code = m.unit_code AND r.period = m.period"
        )
        return self._load(["r.superseded_at IS NULL"], [up_to], source)

    def latest_period(self) -> str | None:
        """The newest period with a current return; None for an empty store."""
        (period,) = self.db.execute(
            "SELECT max(period) FROM returns WHERE superseded_at IS NULL"
        ).fetchone()
        return str(period) if period is not None else None

    def received(self, period: str) -> dict[str, dt.date]:
        """The day each commune's current return for `period` first came in (a correction
        later does not make an on-time commune late)."""
        rows = self.db.execute(
            "SELECT unit_code, min(imported_at) FROM returns WHERE period = ? AND unit_code IN "
            "(SELECT unit_code FROM returns WHERE period = ? AND superseded_at IS NULL) "
            "GROUP BY unit_code",
            (period, period),
        ).fetchall()
        return {code: dt.datetime.fromisoformat(first).date() for code, first in rows}

    def _load(
        self, where: list[str], args: list[str], source: str = "returns r"
    ) -> list[StoredReturn]:
        condition = " WHERE " + " AND ".join(where) if where else ""
        self.db.row_factory = sqlite3.Row
        try:
            rows = self.db.execute(
                f"SELECT r.*, f.name AS file_name, f.sha256 FROM {source} "
                f"JOIN files f ON f.id = r.file_id{condition} ORDER BY r.period, r.unit_code, r.id",
                args,
            ).fetchall()
            ids = [row["id"] for row in rows]
            warnings: dict[int, list[Issue]] = {}
            for part in _chunks(ids):
                marks = ", ".join("?" * len(part))
                for w in self.db.execute(
                    f"SELECT * FROM return_warnings WHERE return_id IN ({marks})", part
                ):
                    warnings.setdefault(w["return_id"], []).append(_warning(w))
        finally:
            self.db.row_factory = None
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
        order: dict[tuple[str, ...], tuple[str, ...]] = {}  # "2" before "10", once a set
        return [
            _stored(
                row,
                _ordered(statuses.get(row["id"], {}), order),
                notes.get(row["id"], {}),
                warnings.get(row["id"], []),
            )  # fmt: skip
            for row in rows
        ]


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


def _warning(row: sqlite3.Row) -> Issue:
    """A stored warning; one stored before warnings had codes is its English text."""
    if row["code"] is None or row["code"] not in CATALOGUE:
        return Issue(None, None, Message("store.legacy_warning", {"text": row["message"]}))
    return Issue(row["sheet"], row["cell"], Message(row["code"], json.loads(row["params"] or "{}")))


def _stored(
    row: sqlite3.Row, statuses: dict[str, bool | None], notes: dict[str, str], warnings: list[Issue]
) -> StoredReturn:
    level = row["reported_level"]
    decided = row["reported_decided_on"]
    recognition = (
        Recognition(Level(level), row["reported_decision"] or "",
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
