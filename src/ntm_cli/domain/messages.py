"""A message: a code with parameters, worded only when shown; an issue: a message with a place."""

from __future__ import annotations

import errno as _errno
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.i18n import Lang, render

_LINE = r"^line (\d+)(?:, (.+))?$"  # a place in a CSV file (compiled on first use)


@dataclass(frozen=True, slots=True)
class Message:
    """A stable code (e.g. `form.status.invalid`) and its parameters (JSON values)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = Lang.EN) -> str:
        if self.code not in CATALOGUE:  # never fails where it is shown (a test covers the codes)
            return f"{self.code} {dict(self.params)}"
        return render(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.text(Lang.EN)

    def as_json(self, lang: Lang) -> dict[str, Any]:
        """What JSON output carries: the code, the parameters and the text in `lang`."""
        return {"code": self.code, "params": dict(self.params), "message": self.text(lang)}

    def as_param(self) -> dict[str, Any]:
        """The message as a parameter of another, worded with it (`{reason:msg}`)."""
        return {"code": self.code, "params": dict(self.params)}


def msg(code: str, /, **params: Any) -> Message:
    return Message(code, params)


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem or a warning with its place: a sheet and a cell of a workbook, or another place
    (`line 3, status` of a CSV, `targets.yaml:12: milestones[0].year`) in `cell` alone."""

    sheet: str | None
    cell: str | None
    msg: Message

    def where(self, lang: Lang = Lang.EN) -> str:
        """`"Tiêu chí"!C14`, `line 3, status` (`dòng 3, cột status`), or a file's place."""
        if self.sheet and self.cell:
            return f'"{self.sheet}"!{self.cell}'
        if self.cell and lang is Lang.VI and (line := re.match(_LINE, self.cell)):
            return f"dòng {line[1]}" + (f", cột {line[2]}" if line[2] else "")
        return self.cell or (f'"{self.sheet}"' if self.sheet else "")

    @property
    def message(self) -> str:
        """The message in English (what programs and tests match)."""
        return self.msg.text(Lang.EN)

    def text(self, lang: Lang = Lang.EN) -> str:
        """The place, then the message: `"Tiêu chí"!C14: …`."""
        where = self.where(lang)
        return f"{where}: {self.msg.text(lang)}" if where else self.msg.text(lang)

    def __str__(self) -> str:
        return self.text(Lang.EN)

    def as_json(self, lang: Lang) -> dict[str, Any]:
        return {"sheet": self.sheet, "cell": self.cell, **self.msg.as_json(lang)}


def os_reason(exc: OSError) -> str:
    """An operating-system error by its errno name, worded by the catalogue (`{reason:errno}`)."""
    return _errno.errorcode.get(exc.errno or 0, "OTHER")
