"""What every result shares: its warnings, and a DataFrame built only when asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ntm_cli.domain.messages import Message

if TYPE_CHECKING:
    import pandas


def _frame(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> pandas.DataFrame:
    import pandas

    return pandas.DataFrame(list(rows), columns=columns)


@dataclass(frozen=True)
class Result:
    """Warnings worth telling the user (the command line prints them on stderr)."""

    warnings: tuple[Message, ...] = field(default=(), kw_only=True)
