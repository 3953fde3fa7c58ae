"""Read criteria sets (`criteria/<id>.yaml` in the data folder); cache the validated result."""

from __future__ import annotations

from pathlib import Path

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import Issue, msg
from ntm_cli.domain.returns import CriteriaSet, Criterion
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


def load_criteria(folder: Path, set_id: str) -> CriteriaSet:
    """The set `set_id` of the data folder, validated (from the cache when the file is
    unchanged); problems name the file and line."""
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
    from ntm_cli.sources.criteria_schema import CriteriaFile
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    if raw is None:
        return None, [Issue(None, str(path), msg("criteria.missing", set=set_id))]
    spec, lines, problems = validate_yaml(raw, path, CriteriaFile, msg("criteria.shape"))
    if spec is None:
        return None, problems
    groups = {g.id for g in spec.groups}
    seen: set[str] = set()
    for i, c in enumerate(spec.criteria):
        where = f"{path}:{line_of(('criteria', i), lines)}: criteria[{i}]"
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
                        Criterion(i.number, i.name, i.name_en, c.group) for i in c.indicators
                    ),
                )
                for c in spec.criteria
            ),
        ),
        [],
    )
