"""`ntm store grant`, `revoke` and `officers`: who may act on the store's returns, where."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_cli.domain.officers import COLUMNS, OfficerListing
from ntm_cli.workspace.results.base import Result, _frame

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True)
class OfficersResult(Result):
    """The store's officers after a command; what it did (`action`: "grant", "revoke" or
    "list"), to whom, and whether the store's server holds officers to their scope (a
    PostgreSQL store) or ntm alone does (a SQLite store)."""

    officers: tuple[OfficerListing, ...]
    path: str
    action: str = "list"
    name: str = ""
    server: bool = False
    removed: int = 0
    groups: dict[str, str] = field(default_factory=dict)  # a server store's group of a level

    @property
    def officer(self) -> OfficerListing | None:
        """The officer just granted, as recorded."""
        return next((o for o in self.officers if o.name == self.name), None)

    def to_frame(self) -> pandas.DataFrame:
        return _frame((o.as_json() for o in self.officers), COLUMNS)
