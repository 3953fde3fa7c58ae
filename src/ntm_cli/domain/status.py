"""The level of a unit at the end of a result year, or as of a date by decision dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ntm_cli.domain.models import Level, Registry, Unit


def level_of(unit: Unit, year: int | None = None, as_of: dt.date | None = None) -> Level | None:
    """The highest level `unit` holds.

    `year` keeps only recognitions whose result year is at most `year`; `as_of` keeps only those
    decided on or before that date (one with no decision date counts from the end of its result
    year). With both, the answer is "the results of `year` as known on `as_of`". The ladder is
    climbed from the bottom, so a level counts only when every level below it counts too (a
    unit's recognitions are kept in ladder order, each level knowing its rank).
    """
    reached: Level | None = None
    for rank, (level, recognition) in enumerate(unit.recognitions.items(), 1):
        if level.rank != rank:
            break
        if year is not None and recognition.year > year:
            break
        if as_of is not None and recognition.effective_on() > as_of:
            break
        reached = level
    if reached is not None and unit.revoked_level is not None and unit.revoked_on is not None:
        in_force = (year is None or unit.revoked_on.year <= year) and (
            as_of is None or unit.revoked_on <= as_of
        )
        revoked = unit.revoked_level.rank
        if in_force and reached.rank >= revoked:
            reached = next((lv for lv in unit.recognitions if lv.rank == revoked - 1), None)
    return reached


def at_least(level: Level | None, wanted: Level) -> bool:
    """Reports count "at least level L": a model commune is also an advanced one."""
    return level is not None and level.rank >= wanted.rank


def one_below(level: Level | None, wanted: Level) -> bool:
    """True for a unit on the rung just under `wanted` (the candidates to reach it next)."""
    rank = 0 if level is None else level.rank
    return rank == wanted.rank - 1


def registry_as_of(registry: Registry, day: dt.date) -> Registry:
    """The registry as it stood on `day`: recognitions decided later (or, without a decision
    date, of a later result year) and later revocations are left out."""
    units = []
    for unit in registry.units:
        kept = {lv: rec for lv, rec in unit.recognitions.items() if rec.effective_on() <= day}
        revoked = unit.revoked_on is not None and unit.revoked_on <= day
        if len(kept) == len(unit.recognitions) and (revoked or unit.revoked_on is None):
            units.append(unit)
            continue
        units.append(
            replace(
                unit,
                recognitions=kept,
                revoked_level=unit.revoked_level if revoked else None,
                revoked_on=unit.revoked_on if revoked else None,
            )
        )
    return Registry(tuple(units), registry.path)
