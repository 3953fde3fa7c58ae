"""Write output files atomically: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Protocol

from ntm_cli.domain.errors import NtmError
from ntm_cli.domain.messages import os_reason


class Saveable(Protocol):
    def save(self, filename: io.BytesIO) -> None: ...


def workbook_bytes(book: Saveable) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Replace `path` only with a complete file; an existing one needs `force`."""
    if path.exists() and not force:
        raise NtmError("output.exists", path=str(path))
    if path.is_dir():
        raise NtmError("output.is_folder", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (FileExistsError, NotADirectoryError):
        raise NtmError("output.parent_is_file", path=str(path.parent)) from None
    except OSError as exc:
        raise NtmError("output.unwritable", path=str(path), reason=os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as a file the user saved (mkstemp makes it private)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NtmError("output.unwritable", path=str(path), reason=os_reason(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_all_atomic(files: list[tuple[Path, bytes]], force: bool = False) -> None:
    """Write several files all or nothing: every one to a temporary file first, then renamed,
    so a failure (a full disk, a folder in the way) leaves none of them half-done."""
    check_targets([path for path, _ in files], force)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.chmod(tmp, 0o666 & ~_umask())
            except (FileExistsError, NotADirectoryError):
                raise NtmError("output.parent_is_file", path=str(path.parent)) from None
            except OSError as exc:
                raise NtmError("output.unwritable", path=str(path), reason=os_reason(exc)) from None
        for tmp, path in staged:
            os.replace(tmp, path)
        staged.clear()
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def check_targets(paths: list[Path], force: bool = False) -> None:
    """Refuse before any work when a target is a folder, or exists and `force` is not given."""
    for path in paths:
        if path.is_dir():
            raise NtmError("output.is_folder", path=str(path))
        if (path.exists() or path.is_symlink()) and not path.is_file():  # a device, a FIFO
            raise NtmError("output.not_regular", path=str(path))
        if path.exists() and not force:
            raise NtmError("output.exists_none_written", path=str(path))
