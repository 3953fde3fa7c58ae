"""ntm: track a province's New Rural Development (Nông thôn mới) plan: a library and its command
line. `ntm_cli.open()` gives a workspace (see `ntm_cli.workspace`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ntm_cli.workspace import Workspace


def open(data: Any = None, store: Any = None, **options: Any) -> Workspace:  # noqa: A001
    """The workspace of `data` and `store`, resolved as the command line resolves them."""
    from ntm_cli.workspace import open as open_workspace

    return open_workspace(data, store, **options)


__all__ = ["__version__", "open"]
