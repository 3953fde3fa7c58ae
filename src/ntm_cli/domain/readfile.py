"""Reading a file a user names, safely: a regular file only, and never more than a limit.

A FIFO opened for reading waits for a writer, and a device such as /dev/zero reports size 0 and
never ends: both are refused before any byte is read. A file that grows past the limit while it
is read is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ntm_cli.domain.errors import NtmError

_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
    (stat.S_ISSOCK, "socket"),
)


class FileRefused(NtmError):
    """A file that is not read: not a regular file, or larger than the limit. Its message says
    which, and what the file is ("file.not_regular", "file.too_large")."""


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises FileRefused for a FIFO, a device, a socket or a file over `limit` bytes, and the
    operating system's OSError (IsADirectoryError for a folder, FileNotFoundError, …) otherwise.
    """
    if os.path.isdir(path):  # Windows refuses to open a folder with "permission denied"
        raise IsADirectoryError(21, "Is a directory", str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # non-blocking: opening a FIFO does not wait for a writer
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "other")
            raise FileRefused("file.not_regular", kind=kind)
        size = info.st_size
        if size > limit:
            raise FileRefused("file.too_large", mb=_mb(size), limit_mb=_mb(limit))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while read
                raise FileRefused("file.too_large", mb=_mb(total), limit_mb=_mb(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mb(size: int) -> int:
    return max(1, round(size / 1_000_000))
