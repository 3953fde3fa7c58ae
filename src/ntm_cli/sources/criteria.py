"""Read criteria sets (`criteria/<id>.yaml` in the data folder); cache the validated result."""

from __future__ import annotations

from pathlib import Path

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import Issue, msg
from ntm_cli.domain.returns import CommuneGroup, Computed, CriteriaSet, Criterion
from ntm_cli.sources.cache import cached
from ntm_cli.sources.registry import read_data_file

FOLDER = "criteria"
MAX_CRITERIA = 2_000_000  # bytes; a criteria set is a few kB


def _read(path: Path) -> bytes | None:
    """The bytes of a criteria file; None when there is no such file, a DataError naming the
    file when it is not a regular file, is too large or cannot be read."""
    try:
        return read_data_file(path, MAX_CRITERIA)
    except FileNotFoundError:
        return None


MAX_INCLUDES = 5  # a set includes another, which may include another: this deep at most


def load_criteria(folder: Path, set_id: str, _seen: tuple[str, ...] = ()) -> CriteriaSet:
    """The set `set_id` of the data folder, validated (from the cache when the file is
    unchanged), with the criteria of the sets it includes first; problems name the file and
    line."""
    own = _load_own(folder, set_id)
    if not own.includes:
        return own
    return _with_included(folder, own, (*_seen, set_id))


def _with_included(folder: Path, own: CriteriaSet, seen: tuple[str, ...]) -> CriteriaSet:
    from dataclasses import replace

    path = folder / FOLDER / f"{own.id}.yaml"
    criteria: list[Criterion] = []
    groups: dict[str, tuple[str, str]] = {}
    for included in own.includes:
        if included in seen or len(seen) > MAX_INCLUDES:
            raise DataError("criteria.include_loop", path=str(path), chain=[*seen, included])
        other = load_criteria(folder, included, seen)
        criteria.extend(other.criteria)
        groups.update(other.groups)
    numbers = [c.number for c in (*criteria, *own.criteria)]
    if twice := [n for i, n in enumerate(numbers) if n in numbers[:i]]:
        raise DataError("criteria.include_twice", path=str(path), number=twice[0])
    return replace(own, criteria=(*criteria, *own.criteria), groups={**groups, **own.groups})


def read_criteria_with_includes(folder: Path, set_id: str) -> list[Issue]:
    """Every problem of set `set_id` and of the sets it includes."""
    own, problems = read_criteria(folder, set_id)
    if own is None or problems:
        return problems
    try:
        load_criteria(folder, set_id)
    except DataError as exc:
        return [Issue(None, None, exc.message), *exc.problems]
    return []


def _load_own(folder: Path, set_id: str) -> CriteriaSet:
    path = folder / FOLDER / f"{set_id}.yaml"
    raw = _read(path)
    problems: list[Issue] = []

    def build() -> CriteriaSet | None:
        criteria, found = _parse(raw, path, set_id)
        problems.extend(found)
        return criteria

    criteria = build() if raw is None else cached("criteria", raw, CriteriaSet, build, set_id)
    if criteria is None:
        raise DataError("criteria.invalid", problems, path=str(path))
    return criteria


def read_criteria(folder: Path, set_id: str) -> tuple[CriteriaSet | None, list[Issue]]:
    """The set `set_id` validated afresh, with every problem found."""
    path = folder / FOLDER / f"{set_id}.yaml"
    try:
        raw = _read(path)
    except DataError as exc:
        return None, [Issue(None, None, exc.message)]
    return _parse(raw, path, set_id)


def _parse(raw: bytes | None, path: Path, set_id: str) -> tuple[CriteriaSet | None, list[Issue]]:
    from ntm_cli.sources.criteria_schema import ConditionSpec, CriteriaFile, CriterionSpec
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    if raw is None:
        return None, [Issue(None, str(path), msg("criteria.missing", set=set_id))]
    spec, lines, problems = validate_yaml(raw, path, CriteriaFile, msg("criteria.shape"))
    if spec is None:
        return None, problems
    groups = {g.id for g in spec.groups}
    seen: set[str] = set()
    entries: list[tuple[str, int, CriterionSpec | ConditionSpec]] = [
        ("criteria", i, c) for i, c in enumerate(spec.criteria)
    ]
    entries += [("conditions", i, c) for i, c in enumerate(spec.conditions)]
    for key, i, c in entries:
        where = f"{path}:{line_of((key, i), lines)}: {key}[{i}]"
        if c.group not in groups:
            problems.append(
                Issue(None, f"{where}.group",
                      msg("criteria.group.unknown", group=c.group, groups=sorted(groups)))
            )  # fmt: skip
        if c.number in seen:
            problems.append(
                Issue(None, f"{where}.number", msg("criteria.number.twice", number=c.number))
            )
        seen.add(c.number)
    group_ids = [g.id for g in spec.commune_groups]
    for i, gid in enumerate(group_ids):
        if gid in group_ids[:i]:
            where = f"{path}:{line_of(('commune_groups', i), lines)}: commune_groups[{i}].id"
            problems.append(Issue(None, where, msg("criteria.commune_group.twice", group=gid)))
    if spec.id != set_id:
        place = f"{path}:{line_of(('id',), lines)}: id"
        problems.append(Issue(None, place, msg("criteria.id.mismatch", id=spec.id)))
    if problems:
        return None, problems
    return (
        CriteriaSet(
            id=spec.id,
            title=spec.title,
            title_en=spec.title_en,
            decision=spec.decision,
            scope=spec.scope,
            groups={g.id: (g.name, g.name_en) for g in spec.groups},
            criteria=tuple(
                Criterion(
                    number=c.number,
                    name=c.name,
                    name_en=c.name_en,
                    group=c.group,
                    indicators=tuple(
                        Criterion(i.number, i.name, i.name_en, c.group, sure=i.sure)
                        for i in c.indicators
                    ),
                    sure=c.sure,
                )
                for c in spec.criteria
            )
            + tuple(
                Criterion(
                    number=c.number,
                    name=c.name,
                    name_en=c.name_en,
                    group=c.group,
                    sure=c.sure,
                    computed=Computed(
                        c.computed.units, c.computed.level, c.computed.share, c.computed.since
                    )
                    if c.computed
                    else None,
                    choice=c.choice,
                    choice_en=c.choice_en,
                    choices=tuple(c.choices),
                    choices_open=c.choices_open,
                    short=c.short,
                    short_en=c.short_en,
                )
                for c in spec.conditions
            ),
            short=spec.short,
            short_en=spec.short_en,
            level=spec.level,
            requires=spec.requires,
            includes=tuple(spec.includes),
            sure=spec.sure,
            source=spec.source,
            amended_by=spec.amended_by,
            amended_on=spec.amended_on,
            decided_on=spec.decided_on,
            commune_groups=tuple(
                CommuneGroup(g.id, g.name, g.name_en, g.definition, g.definition_en, g.sure)
                for g in spec.commune_groups
            ),
        ),
        [],
    )
