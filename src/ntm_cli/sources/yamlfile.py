"""Validate a YAML file against a pydantic model, with every problem as `file:line: place: msg`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

Lines = dict[tuple[str | int, ...], int]
Model = TypeVar("Model", bound=BaseModel)


def validate_yaml(
    raw: bytes, path: Path, model: type[Model], shape: str
) -> tuple[Model | None, Lines, list[str]]:
    """Parse `raw` and validate it as `model`; `shape` says what the top level must be."""
    import yaml

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [f"{path}:{line}: not UTF-8 text; save the file as UTF-8"]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        position = getattr(exc, "position", None)  # a reader error: a character YAML refuses
        if mark is not None:
            where = f":{mark.line + 1}"
        elif isinstance(position, int):
            where = f":{text[:position].count(chr(10)) + 1}"
        else:
            where = ""
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        return None, {}, [f"{path}{where}: not valid YAML: {problem}"]
    lines: Lines = {}
    if node is not None:
        _mark_lines(node, (), lines)
    if not isinstance(data, dict):
        return None, lines, [f"{path}:1: {shape}"]
    try:
        return model.model_validate(data), lines, []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "is not a known field"
            problems.append(f"{path}:{line_of(loc, lines)}: {dotted(loc)}: {message}")
        return None, lines, problems


def _unique_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
    """A mapping whose keys are unique: YAML lets the last of two `level:` lines win silently."""
    import yaml

    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"{key!r} is given twice in one mapping (also on line {seen[key]})",
                key_node.start_mark,
            )  # fmt: skip
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


def _unique_key_loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
    return Loader


class _LazyLoader:
    """Builds the loader class on first use, so importing this module does not import yaml."""

    _cls: type | None = None

    def __new__(cls, stream: Any) -> Any:
        if cls._cls is None:
            cls._cls = _unique_key_loader()
        return cls._cls(stream)


_UniqueKeyLoader: Any = _LazyLoader


def _mark_lines(node: Any, path: tuple[str | int, ...], lines: Lines) -> None:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            _mark_lines(value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _mark_lines(item, (*path, i), lines)


def line_of(loc: tuple[Any, ...], lines: Lines) -> int:
    """The line of the deepest part of `loc` that the file has (1 when none)."""
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return 1


def dotted(loc: tuple[Any, ...]) -> str:
    """("milestones", 4, "level") -> "milestones[4].level"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"
