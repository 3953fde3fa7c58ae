"""The review of returns: the decisions on a return and the officers who make them.

A return is `received` until a decision is made on it; a district approves it
(`approved_district`) where its edition has two levels of approval, the province approves it
(`approved`), or either returns it with a comment (`returned`) for the commune to send again. A
form sent again is a new return, received; the decisions on the old one stay in its history.
"""

from __future__ import annotations

from dataclasses import dataclass

STATES = ("received", "returned", "approved_district", "approved")
LEVELS = ("district", "province")
ACTIONS = ("approve", "return")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision on a return, as the store keeps it (never changed)."""

    id: int
    return_id: int
    unit_code: str
    period: str
    action: str  # "approve" | "return"
    level: str  # "district" | "province"
    state: str  # the return's state after it
    comment: str
    actor: str
    role: str  # the database role on a server store, "" on a file
    at: str  # ISO seconds
    after: int  # the decision it follows on the same return (0: the first)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A current return of a commune-month and the last decision on it (None: received)."""

    return_id: int
    unit_code: str
    period: str
    last: Decision | None

    @property
    def state(self) -> str:
        return self.last.state if self.last is not None else "received"

    @property
    def last_id(self) -> int:
        return self.last.id if self.last is not None else 0
