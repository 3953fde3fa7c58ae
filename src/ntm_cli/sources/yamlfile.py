"""Validate a YAML file against a pydantic model; every problem is an Issue whose place is
`file:line: field`, with a coded message (pydantic's and PyYAML's English never reach the user)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ntm_cli.domain.errors import NtmError
from ntm_cli.domain.messages import Issue, Message, msg

Lines = dict[tuple[str | int, ...], int]
Model = TypeVar("Model", bound=BaseModel)


def validate_yaml(
    raw: bytes, path: Path, model: type[Model], shape: Message
) -> tuple[Model | None, Lines, list[Issue]]:
    """Parse `raw` and validate it as `model`; `shape` says what the top level must be."""
    import yaml

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [Issue(None, f"{path}:{line}", msg("yaml.not_utf8"))]
    try:
        node, data = _load(text)
    except (yaml.YAMLError, _KeyTwice, _Refused) as exc:
        mark = getattr(exc, "problem_mark", None)
        position = getattr(exc, "position", None)  # a reader error: a character YAML refuses
        if mark is not None:
            where = f":{mark.line + 1}"
        elif isinstance(position, int):
            where = f":{text[:position].count(chr(10)) + 1}"
        else:
            where = ""
        return None, {}, [Issue(None, f"{path}{where}", yaml_problem(exc))]
    lines: Lines = {}
    if node is not None:
        _mark_lines(node, (), lines)
    if not isinstance(data, dict):
        return None, lines, [Issue(None, f"{path}:1", shape)]
    try:
        # `context` carries what a part of the file says to the parts after it (a plan's
        # ladder of levels, to check the levels its milestones name)
        return model.model_validate(data, context={}), lines, []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            place = f"{path}:{line_of(loc, lines)}: {dotted(loc)}"
            problems.append(Issue(None, place, schema_message(error)))
        return None, lines, problems


MAX_DEPTH = 50  # a plan nests four levels; the composer recurses once a level
MAX_NODES = 20_000  # a plan holds about 300 values; each costs PyYAML about 0.1 ms


def _load(text: str) -> tuple[Any, Any]:
    """The composed node (for the lines) and the data built from it, in one parse."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        return node, (None if node is None else loader.construct_document(node))
    finally:
        loader.dispose()


class _Refused(Exception):
    """What a data file may not hold although YAML allows it: anchors and aliases (a recursive
    alias or nested ones expand without end), nesting deeper than MAX_DEPTH."""

    def __init__(self, message: Message, mark: Any) -> None:
        super().__init__(message.code)
        self.message, self.problem_mark = message, mark


class _KeyTwice(Exception):
    """A key given twice in one mapping (raised by the loader, worded by yaml_problem)."""

    def __init__(self, key: Any, first: int, mark: Any) -> None:
        super().__init__(key)
        self.key, self.first, self.problem_mark = key, first, mark


_YAML_PROBLEMS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"found character '\\t' that cannot start any token"), "yaml.tab", ""),
    (re.compile(r"found character '(.*)' that cannot start any token"), "yaml.bad_start", "char"),
    (re.compile(r"mapping values are not allowed here"), "yaml.colon", ""),
    (re.compile(r"could not find expected ':'"), "yaml.no_colon", ""),
    (re.compile(r"found unexpected end of stream"), "yaml.unclosed", ""),
    (re.compile(r"found undefined alias '?([^']*)'?"), "yaml.alias", "alias"),
    (re.compile(r"could not determine a constructor for the tag '?([^']*)'?"), "yaml.tag", "tag"),
    (re.compile(r"expected a single document in the stream"), "yaml.documents", ""),
    (
        re.compile(
            r"expected <block end>|did not find expected|invalid indentation|expected ',' or"
            r"|expected the node content|while parsing a block"
        ),
        "yaml.indent",
        "",
    ),
]


def yaml_problem(exc: Exception) -> Message:
    """PyYAML's error as a coded message (the common ones worded, the rest quoted)."""
    if isinstance(exc, _Refused):
        return exc.message
    if isinstance(exc, _KeyTwice):
        return msg("yaml.key_twice", name=_json_value(exc.key), line=exc.first)
    if type(exc).__name__ == "ReaderError":
        return msg("yaml.control_char", char=f"#x{getattr(exc, 'character', 0):04x}")
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    for pattern, code, param in _YAML_PROBLEMS:
        found = pattern.search(str(problem))
        if found:
            return msg(code, **({param: found.group(1)} if param else {}))
    return msg("yaml.syntax", problem=str(problem))


def _json_value(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


_SCHEMA_CODES = {
    "missing": "schema.missing",
    "extra_forbidden": "schema.extra_forbidden",
    "int_parsing": "schema.int",
    "int_type": "schema.int",
    "int_from_float": "schema.int_from_float",
    "float_parsing": "schema.float",
    "float_type": "schema.float",
    "finite_number": "schema.finite_number",
    "string_type": "schema.string",
    "string_unicode": "schema.string",
    "bool_parsing": "schema.bool",
    "bool_type": "schema.bool",
    "date_parsing": "schema.date",
    "date_type": "schema.date",
    "date_from_datetime_parsing": "schema.date",
    "date_from_datetime_inexact": "schema.date",
    "literal_error": "schema.choice",
    "enum": "schema.choice",
    "greater_than_equal": "schema.greater_than_equal",
    "less_than_equal": "schema.less_than_equal",
    "greater_than": "schema.greater_than",
    "less_than": "schema.less_than",
    "model_type": "schema.mapping",
    "model_attributes_type": "schema.mapping",
    "dict_type": "schema.mapping",
    "list_type": "schema.list",
    "too_short": "schema.too_short",
    "string_too_short": "schema.string_too_short",
    "string_pattern_mismatch": "schema.pattern",
}
_SCHEMA_PARAMS = ("expected", "ge", "le", "gt", "lt", "min_length", "actual_length", "pattern")


def schema_message(error: Any) -> Message:
    """A pydantic error as a coded message; a validator's ValueProblem keeps its own."""
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        if isinstance(cause, NtmError):
            return cause.message
    code = _SCHEMA_CODES.get(kind)
    if code is None:
        return msg("schema.other", type=kind)
    params = {k: _number(ctx[k]) for k in _SCHEMA_PARAMS if k in ctx}
    return msg(code, **params)


def _number(value: Any) -> Any:
    """1990.0 -> 1990: a bound reads as the file wrote it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return _json_value(value)


def _unique_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
    """A mapping whose keys are unique: YAML lets the last of two `level:` lines win silently."""
    import yaml

    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):  # `? [a, b]`: a list as a key
            raise _Refused(msg("yaml.key_not_text"), key_node.start_mark)
        if key in seen:
            raise _KeyTwice(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


def _text(loader: Any, node: Any) -> Any:
    return loader.construct_scalar(node)


def _unique_key_loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        depth = nodes = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            # Refused before the node is made: no alias is ever followed, the composer (which
            # recurses once a level) never goes deeper than MAX_DEPTH, and a file of a million
            # tiny values stops at MAX_NODES: time and memory stay bounded.
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise _Refused(msg("yaml.anchor", name=f"{sign}{event.anchor}"), event.start_mark)
            if self.depth >= MAX_DEPTH:
                raise _Refused(msg("yaml.too_deep", max=MAX_DEPTH), event.start_mark)
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise _Refused(msg("yaml.too_many", max=MAX_NODES), event.start_mark)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, OverflowError):  # `!!float abc`, 5,000 digits
                value = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
                shown = value if len(value) <= 40 else value[:40] + "…"
                raise _Refused(msg("yaml.value", value=shown), node.start_mark) from None

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
    # Dates stay text for the schema to read: 2023-02-31 is then a problem with its line, not
    # an error of the YAML reader.
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _text)
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
