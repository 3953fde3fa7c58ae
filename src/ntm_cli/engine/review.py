"""The rules of the review: which decision an officer may make on a return in a given state.

Approval goes up one level at a time: the district approves a received return where the
edition has a district level (`approved_district`), the province approves one the district has
approved, or a received one where the province alone approves (`approved`). A return is
returned from any state but `returned`. A store without officers is one analyst's, who decides
at every level: an approval is then final, recorded at the province's level.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_cli.domain.officers import Officer


@dataclass(frozen=True, slots=True)
class Step:
    """A decision that may be made: its level and the state it leaves the return in."""

    level: str
    state: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a decision may not be made: a catalogue code (`review.skip.*`) and its values."""

    reason: str
    params: dict[str, str]


def acting_level(officer: Officer | None, levels: tuple[str, ...]) -> str:
    """The level an officer decides at (an analyst alone: the top one)."""
    return officer.level if officer is not None else levels[-1]


def in_scope(officer: Officer | None, unit_code: str) -> bool:
    return officer is None or officer.covers(unit_code)


def approve(state: str, officer: Officer | None, levels: tuple[str, ...]) -> Step | Refusal:
    """The approval of a return in `state` by `officer` (None: the store's one analyst) on an
    edition approving at `levels` (lowest first)."""
    if state == "approved":
        return Refusal("review.skip.approved", {})
    if state == "returned":
        return Refusal("review.skip.returned", {})
    if officer is None:  # one analyst: every level at once
        return Step("province", "approved")
    if officer.level == "district":
        if "district" not in levels:
            return Refusal("review.skip.no_district_level", {})
        if state == "approved_district":
            return Refusal("review.skip.approved_district", {})
        return Step("district", "approved_district")
    if state == "received" and "district" in levels:
        return Refusal("review.skip.awaiting_district", {})
    return Step("province", "approved")


def send_back(state: str, officer: Officer | None, levels: tuple[str, ...]) -> Step | Refusal:
    """Returning a return in `state` to its commune, with a comment."""
    if state == "returned":
        return Refusal("review.skip.already_returned", {})
    if officer is not None and officer.level == "district" and state == "approved":
        return Refusal("review.skip.province_approved", {})
    return Step(acting_level(officer, levels), "returned")


def counts(states: list[str]) -> dict[str, int]:
    """How many returns are in each state, every state named."""
    from ntm_cli.domain.review import STATES

    return {s: states.count(s) for s in STATES}
