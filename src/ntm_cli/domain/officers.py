"""An officer of a shared store and the units they may act on (`ntm store grant`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COLUMNS = ["name", "edition", "level", "scope", "scope_name", "units", "granted_at"]


@dataclass(frozen=True)
class Officer:
    """An officer of the store: a province officer (scope "") or a district officer, the
    district's code and name and how many of its units they may act on."""

    name: str
    edition: str
    level: str
    scope: str
    scope_name: str
    units: int
    granted_at: str

    def as_json(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in COLUMNS}
