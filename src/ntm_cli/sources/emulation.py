"""Read the emulation movement (`emulation.yaml` beside targets.yaml), optional: a data folder
without it has no emulation section on the form and no emulation sheet in the report."""

from __future__ import annotations

from pathlib import Path

from ntm_cli.domain.emulation import (
    Basis,
    Content,
    CriterionRef,
    Emulation,
    FieldRef,
    ItemKind,
    Programme,
    ReturnItem,
)
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import Issue, msg
from ntm_cli.domain.returns import CriteriaSet
from ntm_cli.sources.cache import cached
from ntm_cli.sources.registry import read_data_file, too_large

EMULATION_FILE = "emulation.yaml"
MAX_EMULATION = 2_000_000  # bytes, as the other YAML files; the file is about 15 kB


def read_emulation_bytes(folder: Path) -> bytes | None:
    """The file's bytes; None when the folder has none, a DataError naming the file when it is
    not a regular file or is too large."""
    try:
        return read_data_file(folder / EMULATION_FILE, MAX_EMULATION)
    except FileNotFoundError:
        return None


def load_emulation(folder: Path) -> Emulation | None:
    """The movement of the data folder (None without the file), from the cache when the file is
    unchanged; problems name the file and line."""
    raw = read_emulation_bytes(folder)
    if raw is None:
        return None
    path = folder / EMULATION_FILE
    problems: list[Issue] = []

    def build() -> Emulation | None:
        found, found_problems = parse_emulation(raw, path)
        problems.extend(found_problems)
        return found

    emulation = cached("emulation", raw, Emulation, build)
    if emulation is None:
        raise DataError("emulation.invalid", problems, path=str(path))
    return emulation


def parse_emulation(raw: bytes, path: Path) -> tuple[Emulation | None, list[Issue]]:
    """Parse and validate; every problem with its place `file:line: location`."""
    from ntm_cli.sources.emulation_schema import EmulationFile
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    if len(raw) > MAX_EMULATION:
        return None, [Issue(None, None, too_large(path, len(raw), MAX_EMULATION).message)]
    spec, lines, problems = validate_yaml(raw, path, EmulationFile, msg("emulation.shape"))
    if spec is None:
        return None, problems

    def where(*loc: str | int) -> str:
        return f"{path}:{line_of(loc, lines)}: " + "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(loc)
        )

    numbers: dict[int, int] = {}
    programmes: dict[int, set[str]] = {}
    for i, c in enumerate(spec.contents):
        if c.number in numbers:
            problems.append(
                Issue(
                    None,
                    where("contents", i, "number"),
                    msg("emulation.content_twice", number=c.number, first=numbers[c.number]),
                )
            )
        numbers.setdefault(c.number, i)
        programmes[c.number] = {p.id for p in c.programmes}
        fields = [f.field for f in c.fields]
        for j, ref in enumerate(c.fields):
            if ref.programme and ref.programme not in programmes[c.number]:
                problems.append(
                    Issue(
                        None,
                        where("contents", i, "fields", j, "programme"),
                        msg(
                            "emulation.item_programme",
                            programme=ref.programme,
                            content=c.number,
                            known=sorted(programmes[c.number]) or ["-"],
                        ),
                    )
                )
        for j, name in enumerate(fields):
            if name in fields[:j]:
                problems.append(
                    Issue(
                        None,
                        where("contents", i, "fields", j),
                        msg("emulation.field_twice", field=name),
                    )
                )
    seen: dict[str, int] = {}
    for i, item in enumerate(spec.items):
        if item.id in seen:
            problems.append(
                Issue(
                    None,
                    where("items", i, "id"),
                    msg("emulation.item_twice", id=item.id, first=seen[item.id]),
                )
            )
        seen.setdefault(item.id, i)
        if item.content not in numbers:
            problems.append(
                Issue(
                    None,
                    where("items", i, "content"),
                    msg("emulation.item_content", content=item.content, known=sorted(numbers)),
                )
            )
        elif item.programme and item.programme not in programmes[item.content]:
            problems.append(
                Issue(
                    None,
                    where("items", i, "programme"),
                    msg(
                        "emulation.item_programme",
                        programme=item.programme,
                        content=item.content,
                        known=sorted(programmes[item.content]) or ["-"],
                    ),
                )
            )
    if problems:
        return None, problems
    emulation = Emulation(
        title=spec.title,
        title_en=spec.title_en,
        source=spec.source,
        path=str(path),
        contents=tuple(
            Content(
                number=c.number,
                ordinal=c.ordinal,
                title=c.title,
                title_en=c.title_en,
                text=c.text,
                criteria=tuple(
                    CriterionRef(
                        r.set,
                        r.number,
                        Basis(r.basis),
                        line_of(("contents", i, "criteria", j), lines),
                    )
                    for j, r in enumerate(c.criteria)
                ),
                fields=tuple(
                    FieldRef(f.field, ItemKind(f.kind), Basis(f.basis), f.programme)
                    for f in c.fields
                ),
                programmes=tuple(Programme(p.id, p.title, p.title_en) for p in c.programmes),
            )
            for i, c in enumerate(sorted(spec.contents, key=lambda c: c.number))
        ),
        items=tuple(
            ReturnItem(
                id=item.id,
                label=item.label,
                label_en=item.label_en,
                unit=item.unit,
                unit_en=item.unit_en,
                whole=item.number == "whole",
                kind=ItemKind(item.kind),
                content=item.content,
                programme=item.programme,
                illustrative=item.illustrative,
                basis=Basis(item.basis),
            )
            for item in spec.items
        ),
    )
    return emulation, []


def check_criteria_refs(emulation: Emulation, sets: dict[str, CriteriaSet | None]) -> list[Issue]:
    """Each criterion the movement names is in its set (`sets`: each named set, None when the
    data folder has no such set)."""
    problems = []
    for content in emulation.contents:
        for ref in content.criteria:
            place = f"{emulation.path}:{ref.line}: criteria"
            found = sets.get(ref.set)
            if found is None:
                problems.append(Issue(None, place, msg("emulation.set_unknown", set=ref.set)))
            elif ref.number not in {c.number for c in found.criteria}:
                problems.append(
                    Issue(
                        None,
                        place,
                        msg("emulation.criterion_unknown", number=ref.number, set=ref.set),
                    )
                )
    return problems
