"""Write output files atomically: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Protocol

from ntm_cli.errors import NtmError


class Saveable(Protocol):
    def save(self, filename: io.BytesIO) -> None: ...


def workbook_bytes(book: Saveable) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Replace `path` only with a complete file; an existing one needs `force`."""
    if path.exists() and not force:
        raise NtmError(f"{path} exists; add --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
