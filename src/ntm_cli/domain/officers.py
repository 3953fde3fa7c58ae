"""An officer of a shared store and the units they may act on (`ntm store grant`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COLUMNS = ["name", "edition", "level", "scope", "scope_name", "units", "granted_at"]


@dataclass(frozen=True, slots=True)
class Officer:
    """Who may decide on returns: a district officer on the units listed for it, a province
    officer on all (`edition`: the list of units the grant is on)."""

    name: str
    edition: str
    level: str  # "district" | "province"
    scope: str  # the district-level unit's code ("" for the province)
    units: frozenset[str]

    def covers(self, unit_code: str) -> bool:
        return self.level == "province" or unit_code in self.units


@dataclass(frozen=True)
class OfficerListing:
    """An officer as `ntm store officers` lists them: a province officer (scope "") or a
    district officer, the district's code and name and how many of its units they may act
    on."""

    name: str
    edition: str
    level: str
    scope: str
    scope_name: str
    units: int
    granted_at: str

    def as_json(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in COLUMNS}
