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
class StoreNote:
    """The store a result read (its footer): where it is, what named it, whether it exists and
    how many current returns it holds (of `period` when one was asked)."""

    path: str
    source: Message
    exists: bool
    returns: int | None = None
    period: str | None = None
    created: bool = False

    @property
    def problem(self) -> Message | None:
        """Why the result may read as "nobody reported": no store, or no return in it."""
        if not self.exists:
            return Message("store.not_there", {"path": self.path, "source": self.source.as_param()})
        if self.returns == 0:
            if self.period is not None:
                return Message(
                    "store.no_returns_period", {"path": self.path, "period": self.period}
                )
            return Message("store.no_returns", {"path": self.path})
        return None

    def footer(self) -> Message:
        params: dict[str, Any] = {"path": self.path, "source": self.source.as_param()}
        if not self.exists:
            return Message("store.footer.missing", params)
        if self.returns is not None and self.period is not None:
            return Message(
                "store.footer.count", {**params, "n": self.returns, "period": self.period}
            )
        return Message("store.footer", params)


@dataclass(frozen=True)
class Result:
    """Warnings worth telling the user (the command line prints them on stderr), and the store
    read, when the result comes from returns."""

    warnings: tuple[Message, ...] = field(default=(), kw_only=True)
    store: StoreNote | None = field(default=None, kw_only=True)
