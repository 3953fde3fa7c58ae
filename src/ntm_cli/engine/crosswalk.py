"""Where a unit came from, or went, across editions of the registry: the crosswalk read with the
levels the old units had reached.

A unit is known by its edition and its code, and a name or a code may be in several editions
(29242 was Phường 3 and is Phường Trà Vinh from 1/7/2025): a query is looked up in every edition
and the newest edition's unit is the one shown, the others named beside it. A new unit's level is
never made up from its predecessors': it has the levels of its own edition's list, if any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ntm_cli.domain.editions import Edition, Editions, Link
from ntm_cli.domain.errors import LookupProblem
from ntm_cli.domain.lookup import match_units, resolve_unit
from ntm_cli.domain.models import Ladder, Level, Recognition, Registry, Unit, UnitKind
from ntm_cli.domain.status import level_of

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Found:
    """A unit of an edition."""

    edition: Edition
    unit: Unit


@dataclass(frozen=True, slots=True)
class Reached:
    """The level a unit held on a day, with the recognition behind it."""

    on: dt.date | None
    level: Level | None
    recognition: Recognition | None
    illustrative: bool  # the registry's note calls the year of that level illustrative


@dataclass(frozen=True, slots=True)
class Predecessor:
    """An old unit that went (whole or in part) into a new one; `edition` and `unit` are None
    when it is in no edition of this data folder (no NTM data here)."""

    link: Link
    edition: Edition | None
    unit: Unit | None
    reached: Reached | None


@dataclass(frozen=True, slots=True)
class Successor:
    """A new unit an old one went into (`unit` None: not in the new edition's list)."""

    link: Link
    edition: Edition | None
    unit: Unit | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One unit of an edition, with where it came from and where it went."""

    edition: Edition
    unit: Unit
    predecessors: tuple[Predecessor, ...]
    successors: tuple[Successor, ...]
    reached: Reached  # its own level: on its own list (a new unit), or the day before it went
    also: tuple[Found, ...] = ()  # units of other editions the query matches too

    @property
    def counts(self) -> tuple[list[tuple[Level, int]], list[tuple[UnitKind, int]], int]:
        """The predecessors by the level they had reached (highest first), those without one
        by their kind, and the number in no edition here."""
        levels: dict[Level, int] = {}
        kinds: dict[UnitKind, int] = {}
        missing = 0
        for p in self.predecessors:
            if p.unit is None or p.reached is None:
                missing += 1
            elif p.reached.level is not None:
                levels[p.reached.level] = levels.get(p.reached.level, 0) + 1
            else:
                kinds[p.unit.kind] = kinds.get(p.unit.kind, 0) + 1
        by_level = sorted(levels.items(), key=lambda item: -item[0].rank)
        return by_level, list(kinds.items()), missing


def reached(unit: Unit, ladder: Ladder, on: dt.date | None) -> Reached:
    level = level_of(unit, as_of=on) if on is not None else level_of(unit)
    recognition = unit.recognitions.get(level) if level is not None else None
    illustrative = level is not None and level in unit.illustrative_levels(ladder)
    return Reached(on, level, recognition, illustrative)


def lookup(
    editions: Editions,
    registries: Mapping[str, Registry],
    query: str,
    edition: Edition | None = None,
) -> tuple[Found, tuple[Found, ...]]:
    """The unit `query` names, and the units of other editions it names too.

    With `edition`, the unit is that edition's (an error lists the near names when it has
    none); without, every edition is searched and the newest edition's unit is the one taken.
    A query naming several units of one edition is refused with the candidates, as everywhere.
    """
    hits: list[Found] = []
    for each in editions:
        registry = registries.get(each.id)
        if registry is None:
            continue
        found = match_units(registry, query)
        if len(found) > 1 and (edition is None or edition.id == each.id):
            resolve_unit(registry, query)  # raises with the candidates
        hits += [Found(each, u) for u in found[:1]]
    if edition is not None:
        mine = [h for h in hits if h.edition.id == edition.id]
        if not mine:
            resolve_unit(registries[edition.id], query)  # raises: none or near
            raise LookupProblem("lookup.none.unit", query=query)  # pragma: no cover
        return mine[0], tuple(h for h in hits if h.edition.id != edition.id)
    if not hits:
        newest = next((e for e in reversed(editions.editions) if e.id in registries), None)
        if newest is not None:
            resolve_unit(registries[newest.id], query)
        raise LookupProblem("lookup.none.unit", query=query)
    shown = hits[-1]  # editions are oldest first
    return shown, tuple(hits[:-1])


def entry(
    editions: Editions,
    registries: Mapping[str, Registry],
    ladders: Mapping[str, Ladder],
    found: Found,
    also: Sequence[Found] = (),
) -> Entry:
    """`found` with its predecessors (and the level each had reached the day before the
    change) and its successors (and its own level that day)."""
    edition, unit = found.edition, found.unit
    predecessors: list[Predecessor] = []
    into = editions.into(edition.id)
    if into is not None:
        old = editions.get(into.old)
        old_registry = registries.get(into.old) if old is not None else None
        for link in into.predecessors(unit.code):
            before = old_registry.by_code.get(link.old_code) if old_registry else None
            if before is None or old is None:
                predecessors.append(Predecessor(link, None, None, None))
                continue
            day = link.effective_on - ONE_DAY
            predecessors.append(
                Predecessor(link, old, before, reached(before, ladders[old.id], day))
            )
    successors: list[Successor] = []
    own_day: dt.date | None = None
    out = editions.out_of(edition.id)
    if out is not None:
        new = editions.get(out.new)
        new_registry = registries.get(out.new) if new is not None else None
        for link in out.successors(unit.code):
            after = new_registry.by_code.get(link.new_code) if new_registry else None
            successors.append(Successor(link, new if after else None, after))
            own_day = link.effective_on - ONE_DAY
        if own_day is None and edition.valid_to is not None:
            own_day = edition.valid_to
    own = reached(unit, ladders[edition.id], own_day)
    return Entry(edition, unit, tuple(predecessors), tuple(successors), own, tuple(also))


def listing(
    editions: Editions,
    registries: Mapping[str, Registry],
    ladders: Mapping[str, Ladder],
    edition: Edition,
) -> list[Entry]:
    """Every commune-level unit of `edition`, each with its crosswalk."""
    registry = registries[edition.id]
    return [
        entry(editions, registries, ladders, Found(edition, u))
        for u in registry.units
        if u.kind.tier == 2
    ]
