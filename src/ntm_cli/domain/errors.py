"""The errors ntm raises. Each carries a message code and parameters; the command line shows it
as one line in the user's language (`Lỗi: …`) and exits with the error's code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue, Message

T = TypeVar("T")


class NtmError(Exception):
    """Anything the user can fix: bad input, a missing file, an unknown name."""

    exit_code = 1

    def __init__(self, code: str, /, problems: Iterable[Issue] = (), **params: Any) -> None:
        self.message = Message(code, params)
        self.problems: tuple[Issue, ...] = tuple(problems)
        super().__init__(code)

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, lang: Lang = Lang.EN) -> str:
        """The message, then each problem it carries on a line of its own."""
        lines = [self.message.text(lang), *(f"  {p.text(lang)}" for p in self.problems)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text(Lang.EN)

    def as_json(self, lang: Lang) -> dict[str, Any]:
        out = self.message.as_json(lang)
        if self.problems:
            out["problems"] = [p.as_json(lang) for p in self.problems]
        return out


class DataError(NtmError):
    """A data file (plan, registry, criteria set) cannot be read or does not validate."""


class LookupProblem(NtmError):
    """A name or code given on the command line matches no unit, or several."""


class StoreError(NtmError):
    """The store cannot be opened, read or written."""


class Conflict(NtmError):
    """A return for the same commune and period is already stored (and --replace was not given)."""


class UsageError(NtmError):
    """An option's value is malformed (a date, a period or a level that does not parse, an empty
    name): exit 2, as Click's own usage errors."""

    exit_code = 2


class ValueProblem(NtmError, ValueError):
    """A value that does not parse (a period, a date, a level): a ValueError to the parser's
    caller, which places it (a cell, an option), and an NtmError when it reaches the user."""


def parse_option(parse: Callable[[str], T], value: str, option: str) -> T:
    """`parse(value)`; a value that does not parse is a usage error naming the option (exit 2),
    with the parser's own message nested in it when it has one (`{reason:msg}`)."""
    try:
        return parse(value)
    except ValueError as exc:
        message = getattr(exc, "message", None)
        reason = (
            {"code": message.code, "params": dict(message.params)}
            if message is not None
            else {"code": "value.invalid", "params": {"value": value}}
        )
        raise UsageError("option.invalid", option=option, reason=reason) from None
