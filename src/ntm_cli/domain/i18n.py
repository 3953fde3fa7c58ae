"""The one catalogue of what ntm shows, in Vietnamese (default) and English.

Labels and messages share one keyed catalogue (`ntm_cli.domain.catalogue`): a message is raised as
a stable code with parameters and worded only when it is shown, in the language asked for. A
template may say how a parameter is shown: `{level:level}` gives a level's name ("nâng cao"),
`{kind:kind}` a kind of unit, `{on:date}` a date, `{n:num}` a number in the reader's style,
`{codes:list}` a list joined by commas, `{kind:filekind}` a kind of special file,
`{reason:errno}` an operating-system error by its name, `{reason:msg}` a nested message (a
mapping with its code and params).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from ntm_cli.domain.catalogue import CATALOGUE


class Lang(StrEnum):
    """Language of tables, reports and messages."""

    VI = "vi"
    EN = "en"


# Characters never sent to a terminal as they are: C0 and C1 controls (an escape sequence in a
# file name would recolour or rewrite the screen) and the bidirectional overrides that make text
# read other than it is stored. They are shown escaped: \x1b, \u202e.
_UNSHOWN = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    **{c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                     *range(0x2066, 0x206A))},
}  # fmt: skip


# The same characters but C0 as JSON escapes (\u009b, \u202e): JSON text with them escaped reads
# back the same, and never drives the terminal it is printed on (json.dumps escapes C0 in its
# strings itself; outside them C0 is the JSON's own line breaks).
_UNSHOWN_JSON = {c: f"\\u{c:04x}" for c in _UNSHOWN if c >= 0x20}  # C0: JSON's own layout


def json_printable(text: str) -> str:
    """JSON text with controls and direction overrides written as \\u escapes."""
    return text.translate(_UNSHOWN_JSON)


def printable(text: str) -> str:
    """`text` as it may be shown: controls and direction overrides escaped (see _UNSHOWN)."""
    return text.translate(_UNSHOWN)


def _shown(value: object) -> object:
    """A parameter with its text printable: a text, or the texts of a list."""
    if isinstance(value, str):
        return value.translate(_UNSHOWN)
    if isinstance(value, list | tuple):
        return [v.translate(_UNSHOWN) if isinstance(v, str) else v for v in value]
    return value


# Words a data file gives: the rungs of a plan's ladder ("level.advanced", "short.model"…) come
# from the plan, not from code. Looked up after the code's catalogue, never over it.
DEFINED: dict[str, tuple[str, str]] = {}


def define_labels(labels: dict[str, tuple[str, str]]) -> None:
    """Add a data file's own words (the plan read last names its rungs)."""
    DEFINED.update(labels)


def _entry(key: str) -> tuple[str, str]:
    found = CATALOGUE.get(key)
    return found if found is not None else DEFINED[key]


def label(key: str, lang: Lang, fallback: str) -> str:
    """The catalogue entry `key`, or `fallback` when neither the code nor a data file has it."""
    words = CATALOGUE.get(key) or DEFINED.get(key)
    if words is None:
        return fallback
    return words[0] if lang is Lang.VI else words[1]


def level_word(level: str | None, lang: Lang, form: str = "level", task: bool = False) -> str:
    """A rung's words from the plan's ladder: `form` "level" (NTM nâng cao), "short" (Nâng
    cao) or "levelx" (what follows "đạt"); `task` for a town, city or province, which at the
    first rung has completed the task (Hoàn thành nhiệm vụ NTM). No level: "Chưa đạt chuẩn"."""
    if level is None:
        return t(f"{'short' if form == 'short' else 'level'}.none", lang)
    if task and f"{form}.{level}.town" in DEFINED:
        return label(f"{form}.{level}.town", lang, str(level))
    return label(f"{form}.{level}", lang, str(level))


def t(key: str, lang: Lang, **values: object) -> str:
    """The catalogue entry `key` in `lang`, with `values` filled in (text values printable)."""
    vi, en = _entry(key)
    text = vi if lang is Lang.VI else en
    if not values:
        return text
    values = {k: _shown(v) for k, v in values.items()}
    if _plain(text):  # str.format does the same, several times faster (long listings)
        return text.format(**values)
    return _Formatter(lang).vformat(text, (), values)


_SPECS = (
    "level",
    "levelx",
    "kind",
    "date",
    "num",
    "list",
    "errno",
    "msg",
    "valuekind",
    "filekind",
    "noun",
    "Noun",
)
_PLAIN: dict[str, bool] = {}


def _plain(text: str) -> bool:
    """True when a template uses none of the catalogue's own format specs."""
    plain = _PLAIN.get(text)
    if plain is None:
        plain = _PLAIN[text] = not any(f":{spec}}}" in text for spec in _SPECS)
    return plain


def render(key: str, lang: Lang, values: Mapping[str, Any]) -> str:
    """`t` for parameters held in a mapping (a message's)."""
    return t(key, lang, **values)


def placeholders(key: str) -> set[str]:
    """The parameter names an entry's templates use (the same in both languages)."""
    names: set[str] = set()
    for text in CATALOGUE[key]:
        for _, field, _, _ in string.Formatter().parse(text):
            if field:
                names.add(field.split(".")[0].split("[")[0])
    return names


class _Formatter(string.Formatter):
    """str.format with the catalogue's own format specs (see the module's docstring)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        if format_spec == "level":
            return label(f"level.{value or 'none'}", lang, str(value))
        if format_spec == "levelx":  # what follows "đạt": "chuẩn NTM nâng cao"
            return level_word(value or None, lang, "levelx")
        if format_spec == "valuekind":
            return t(f"valuekind.{value}", lang)
        if format_spec == "kind":
            return t(f"unitkind.{value}", lang)
        if format_spec in ("noun", "Noun"):  # the units a line counts: xã, đơn vị cấp huyện…
            text = t(f"noun.{value}", lang)
            return text[:1].upper() + text[1:] if format_spec == "Noun" else text
        if format_spec == "filekind":
            return t(f"filekind.{value}", lang)
        if format_spec == "date":
            day = dt.date.fromisoformat(value) if isinstance(value, str) else value
            return date_text(day, lang)
        if format_spec == "num":
            return number(float(value), lang)
        if format_spec == "list":
            return ", ".join(str(v) for v in _items(value))
        if format_spec == "msg":  # a nested message: {"code": …, "params": {…}}
            return t(value["code"], lang, **value.get("params", {}))
        if format_spec == "errno":
            key = f"errno.{value}"
            return t(key, lang) if key in CATALOGUE else str(value)
        return str(super().format_field(value, format_spec))


def _items(value: object) -> Iterable[object]:
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, Iterable) else [value]


def date_text(value: object, lang: Lang) -> str:
    """dd/mm/yyyy for Vietnamese readers, ISO for English ones."""
    assert isinstance(value, dt.date)
    return value.strftime("%d/%m/%Y") if lang is Lang.VI else value.isoformat()


def number(value: float, lang: Lang) -> str:
    """ "1.124,4" in Vietnamese, "1,124.4" in English; whole numbers without decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if lang is Lang.VI:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: float, lang: Lang) -> str:
    """ "60,0%" in Vietnamese, "60.0%" in English."""
    text = f"{value:.1f}%"
    return text.replace(".", ",") if lang is Lang.VI else text
