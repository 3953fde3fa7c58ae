"""Find units by code or name: with or without diacritics, either tone-mark style, any prefix."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ntm_cli.domain.models import Registry, Unit, UnitKind, pad_code
from ntm_cli.errors import LookupProblem
from ntm_cli.text import has_diacritics, name_keys, split_prefix


def match_units(
    registry: Registry,
    query: str,
    kinds: Collection[UnitKind] | None = None,
    partial: bool = False,
    pool: Iterable[Unit] | None = None,
) -> list[Unit]:
    """Units whose code is `query`, or whose name matches it (whole name, or part with `partial`).

    A query with marks matches marks ("Hòa" finds "Hoà" but not "Hóa"); one without marks
    matches any ("hoa" finds all three). A prefix ("H.", "TX", "Xã") narrows the kind.
    """
    prefix_kind, bare = split_prefix(query)
    candidates = list(registry.units if pool is None else pool)
    if kinds is not None:
        candidates = [u for u in candidates if u.kind in kinds]
    if prefix_kind is not None:
        candidates = [u for u in candidates if u.kind.value == prefix_kind]
    if bare.isdigit():
        codes = {bare} | {pad_code(bare, u.kind) for u in candidates}
        by_code = [u for u in candidates if u.code in codes]
        if by_code or not partial:
            return by_code
    marked = has_diacritics(bare)
    tone, folded = name_keys(bare)
    wanted = tone if marked else folded
    found = []
    for unit in candidates:
        unit_tone, unit_folded = name_keys(unit.name)
        key = unit_tone if marked else unit_folded
        if (wanted in key) if partial else (wanted == key):
            found.append(unit)
    return found


def resolve_unit(
    registry: Registry, query: str, kinds: Collection[UnitKind] | None = None, what: str = "unit"
) -> Unit:
    """Exactly one unit, or an error that lists the candidates."""
    found = match_units(registry, query, kinds)
    if len(found) == 1:
        return found[0]
    if not found:
        near = match_units(registry, query, kinds, partial=True)[:8]
        hint = f"; did you mean {_list(near)}?" if near else ""
        raise LookupProblem(f"no {what} matches {query!r}{hint}")
    raise LookupProblem(
        f"{query!r} matches {len(found)} units: {_list(found)}; give the code or a prefix "
        f"(H., TX, TP, Xã, P., TT)"
    )


def _list(units: Iterable[Unit]) -> str:
    return ", ".join(f"{u.name} ({u.code})" for u in units)
