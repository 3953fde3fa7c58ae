"""A cache of validated data files, and the JSON form of the frozen dataclasses it stores.

Reading YAML and validating it with pydantic costs more than the rest of a command, so what a file
validates to is kept as JSON beside a copy of the file: an entry is used only when that copy
equals the file byte for byte, so a changed file is always read afresh. The JSON form is derived
from the dataclasses' fields and type hints (enums, dates, tuples, lists, dicts, optionals and
nested dataclasses), so a new field needs no change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
import types
import typing
import zlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from ntm_cli.domain.models import Level

T = TypeVar("T")

CACHE_FORMAT = 11  # the layout of an entry; bump it when the JSON form changes


def cache_dir() -> Path | None:
    """`NTM_CACHE_DIR`, else the user's cache folder; `NTM_CACHE_DIR=off` disables the cache."""
    configured = os.environ.get("NTM_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ntm"


def cached(
    kind: str, raw: bytes, cls: type[T], build: Callable[[], T | None], tag: str = ""
) -> T | None:
    """What `build` makes of the file `raw`, from the cache when the same bytes were seen.

    `kind` names the entries ("plan", "criteria"); `tag` is anything else the result depends
    on. Only a result (not None) is stored; a file that is not UTF-8 is never cached.
    """
    try:
        source = raw.decode("utf-8")  # strict: equal text is then equal bytes
    except UnicodeDecodeError:
        return build()
    # The name narrows the search; the stored copy of the file decides (crc32 is not a proof).
    key = f"{kind}-{zlib.crc32(raw):08x}-{len(raw)}-{tag}-{_version()}-{CACHE_FORMAT}"
    entry = _read(key)
    if entry is not None and entry.get("source") == source and entry.get("tag") == tag:
        try:
            value: T = from_json(cls, entry[kind])
            return value
        except (KeyError, TypeError, ValueError):
            pass  # an entry from an older layout: build afresh
    built = build()
    if built is not None:
        _write(key, {"source": source, "tag": tag, kind: to_json(built)})
    return built


def seen(kind: str, *files: bytes) -> bool:
    """True when `remember` was called for these exact files: a check that passed on them
    needs no second run. The note holds a copy of the files, compared byte for byte."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        return (folder / _note(kind, files)).read_bytes() == _joined(files)
    except OSError:
        return False


def remember(kind: str, *files: bytes) -> None:
    """Note that these exact files passed `kind` (best effort and atomic, like every write)."""
    _store_file(_note(kind, files), _joined(files))


def _joined(files: tuple[bytes, ...]) -> bytes:
    return b"".join(len(raw).to_bytes(8, "big") + raw for raw in files)


def _note(kind: str, files: tuple[bytes, ...]) -> str:
    """The note's name narrows the search (crc32 is no proof: its content decides)."""
    joined = _joined(files)
    return f"{kind}-{zlib.crc32(joined):08x}-{len(joined)}-{_version()}-{CACHE_FORMAT}.ok"


def _version() -> str:
    """ntm's version: an entry written by another version is not read (the package is loaded
    before any of its modules, so this only looks it up)."""
    return str(getattr(sys.modules.get("ntm_cli"), "__version__", "0"))


def to_json(value: Any) -> Any:
    """The JSON form of a dataclass instance (or any value its fields hold)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Level):  # with its rank: a level read back knows its place
        return f"{value.value}#{value.rank}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {_key(k): to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _key(key: Any) -> str:
    if isinstance(key, Enum):
        return str(key.value)
    if isinstance(key, Level):
        return f"{key.value}#{key.rank}"
    if isinstance(key, str | int):
        return str(key)
    raise TypeError(f"no JSON form for a key of type {type(key).__name__}")


def from_json(hint: Any, data: Any) -> Any:
    """The value of type `hint` whose JSON form is `data`; TypeError/KeyError/ValueError when
    `data` does not have that form."""
    return _decoder(hint)(data)


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function reading the JSON form of `hint`, worked out once a type: a registry or a
    plan read from the cache decodes thousands of values of a handful of types."""
    decoder = _DECODERS.get(hint)
    if decoder is None:
        decoder = _DECODERS[hint] = _make_decoder(hint)
    return decoder


def _make_decoder(hint: Any) -> Callable[[Any], Any]:  # noqa: C901 - one branch a kind of type
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        inner_decoder = _decoder(inner)
        return lambda data: None if data is None else inner_decoder(data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def tuple_of(data: Any) -> Any:
                _expect(data, list)
                return tuple(item(v) for v in data)

            return tuple_of
        items = [_decoder(a) for a in args]

        def fixed_tuple(data: Any) -> Any:
            _expect(data, list)
            if len(items) != len(data):
                raise ValueError("a tuple of another length")
            return tuple(d(v) for d, v in zip(items, data, strict=True))

        return fixed_tuple
    if origin is list:
        (arg,) = typing.get_args(hint)
        item = _decoder(arg)

        def list_of(data: Any) -> Any:
            _expect(data, list)
            return [item(v) for v in data]

        return list_of
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        value = _decoder(value_type)

        def dict_of(data: Any) -> Any:
            _expect(data, dict)
            return {_from_key(key_type, k): value(v) for k, v in data.items()}

        return dict_of
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            cls = hint
            fields: list[tuple[str, Callable[[Any], Any]]] = []

            def instance(data: Any) -> Any:
                _expect(data, dict)
                return cls(**{name: decode(data[name]) for name, decode in fields})

            _DECODERS[cls] = instance  # before its fields: a criterion holds criteria
            fields.extend((name, _decoder(h)) for name, h in _hints(cls).items())
            return instance
        if issubclass(hint, Enum):
            return hint
        if hint is Level:
            return _level
        if hint is dt.date:

            def date(data: Any) -> Any:
                _expect(data, str)
                return dt.date.fromisoformat(data)

            return date
        if hint is float:

            def number(data: Any) -> Any:
                if isinstance(data, bool) or not isinstance(data, int | float):
                    raise TypeError("not a number")
                return float(data)

            return number
        if hint is int:

            def integer(data: Any) -> Any:
                if isinstance(data, bool):
                    raise TypeError("not an integer")
                _expect(data, int)
                return data

            return integer
        if hint in (str, bool):
            kind = hint

            def plain(data: Any) -> Any:
                _expect(data, kind)
                return data

            return plain
    raise TypeError(f"no JSON form for {hint!r}")


_LEVELS: dict[str, Level] = {}


def _level(data: Any) -> Level:
    """A level from its JSON form "advanced#2": one object for each (a registry's thousands of
    recognitions name a few levels)."""
    level = _LEVELS.get(data)
    if level is None:
        _expect(data, str)
        id, _, rank = data.rpartition("#")
        level = _LEVELS[data] = Level(id, int(rank))
    return level


def _from_key(hint: Any, key: str) -> Any:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(key)
    if hint is Level:
        return _level(key)
    if hint is int:
        return int(key)
    if hint is str:
        return key
    raise TypeError(f"no JSON form for a key of type {hint!r}")


def _expect(data: Any, kind: type) -> None:
    if not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The type of each field a dataclass is built with (those with init=True)."""
    hints = _HINTS.get(cls)
    if hints is None:
        resolved = typing.get_type_hints(cls)
        hints = {f.name: resolved[f.name] for f in dataclasses.fields(cls) if f.init}
        _HINTS[cls] = hints
    return hints


def _read(key: str) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(key: str, data: dict[str, Any]) -> None:
    _store_file(f"{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _store_file(name: str, content: bytes) -> None:
    """Best effort and atomic: a cache that cannot be written only costs time."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(content)
        os.replace(tmp, folder / name)
    except OSError:
        pass
