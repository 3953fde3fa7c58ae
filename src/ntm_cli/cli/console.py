"""The two consoles, made on first use: data goes to stdout, messages to stderr."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def stdout() -> Console:
    from rich.console import Console

    # emoji codes off: a unit's name or a file's text holding ":x:" is printed as written
    return Console(soft_wrap=False, emoji=False)


@cache
def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, emoji=False)
