"""Find units by code or name: with or without diacritics, either tone-mark style, any prefix."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ntm_cli.domain.errors import LookupProblem
from ntm_cli.domain.models import Registry, Unit, UnitKind, pad_code
from ntm_cli.domain.text import has_diacritics, name_key, nfc, split_prefix, unit_name_key


def match_units(
    registry: Registry,
    query: str,
    kinds: Collection[UnitKind] | None = None,
    partial: bool = False,
    pool: Iterable[Unit] | None = None,
) -> list[Unit]:
    """Units whose code is `query`, or whose name matches it (whole name, or part with `partial`).

    A query with marks matches marks ("Hòa" finds "Hoà" but not "Hóa"); one without marks
    matches any ("hoa" finds all three). A prefix ("H.", "TX", "Xã") narrows the kind; when a
    reading with a prefix finds nothing, the whole text is tried as a name ("phuong thanh").
    """
    candidates = list(registry.units if pool is None else pool)
    if kinds is not None:
        candidates = [u for u in candidates if u.kind in kinds]
    prefix_kind, bare = split_prefix(query)
    readings = [(prefix_kind, bare), (None, nfc(query))] if prefix_kind else [(None, bare)]
    for kind, text in readings:
        narrowed = [u for u in candidates if kind is None or u.kind.value == kind]
        found = _match(narrowed, text, partial)
        if found:
            return found
    return []


def _match(candidates: list[Unit], text: str, partial: bool) -> list[Unit]:
    if text.isdigit():
        codes = {text} | {pad_code(text, u.kind) for u in candidates}
        by_code = [u for u in candidates if u.code in codes]
        if by_code:
            return by_code  # else a name such as "Phường 1", given as "P. 1" or "1"
    marked = has_diacritics(text)
    tone, folded = name_key(text)
    wanted = tone if marked else folded
    found = []
    for unit in candidates:
        unit_tone, unit_folded = unit_name_key(unit.name)
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
        noun = _NOUNS.get(what, "unit")
        if near:
            raise LookupProblem(f"lookup.near.{noun}", query=query, near=_names(registry, near))
        raise LookupProblem(f"lookup.none.{noun}", query=query)
    # units of one name and kind ("Phường 1" in two towns): only the code tells them apart
    code = "lookup.many.same_name" if len({(u.name, u.kind) for u in found}) == 1 else "lookup.many"
    raise LookupProblem(code, query=query, n=len(found), units=_names(registry, found))


# what a caller looks for -> the noun of its message
_NOUNS = {"unit": "unit", "commune": "commune", "district-level unit": "district",
          "district": "district"}  # fmt: skip


def _names(registry: Registry, units: Iterable[Unit]) -> list[str]:
    """Each unit by name and code, and by the unit above it where names repeat ("Phường 1")."""
    listed = list(units)
    repeated = {u.name for u in listed if sum(v.name == u.name for v in listed) > 1}
    names = []
    for u in listed:
        parent = registry.by_code.get(u.parent_code or "") if u.name in repeated else None
        names.append(f"{u.name} ({u.code}, {parent.name})" if parent else f"{u.name} ({u.code})")
    return names
