"""`ntm store check`, `backup` and `restore`: what SQLite's full check found, and the counts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_cli.workspace.results.base import Result, _frame

if TYPE_CHECKING:
    import pandas

    from ntm_cli.domain.returns import StoreHealth


@dataclass(frozen=True)
class StoreCheckResult(Result):
    """The health of a store (or of a backup just written, or of a store just restored), and
    where the store was kept before a restore replaced it."""

    health: StoreHealth
    kept: Path | None = None

    @property
    def ok(self) -> bool:
        return self.health.ok

    def to_frame(self) -> pandas.DataFrame:
        rows = [{"item": key, "value": value} for key, value in self.health.counts.items()]
        rows += [{"item": "problem", "value": p} for p in self.health.problems]
        return _frame(rows, ["item", "value"])


@dataclass(frozen=True)
class StoreMigrateResult(Result):
    """A store copied into another (SQLite to PostgreSQL or back): each table's rows and
    checksum, equal in both (the copy is committed only then)."""

    source: str
    target: str
    tables: dict[str, tuple[int, str]]

    def to_frame(self) -> pandas.DataFrame:
        rows = [
            {"table": table, "rows": count, "sha256": digest}
            for table, (count, digest) in self.tables.items()
        ]
        return _frame(rows, ["table", "rows", "sha256"])
