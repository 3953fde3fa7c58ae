"""Import submitted files into the store: one verdict per file, a bad file never stops the batch."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_cli.sources.returns import Issue, Parsed, ReadContext, read_return
from ntm_cli.sources.store import Conflict, Store
from ntm_cli.sources.xlsx import MAX_FILE

EXTENSIONS = (".xlsx", ".csv")
VERDICTS = ("imported", "unchanged", "replaced", "rejected", "skipped")
WINDOW = 32  # files read ahead of the store: bounded, so a large batch never sits in memory
PARALLEL_FROM = 64  # files; below this, starting workers costs more than it saves


@dataclass
class FileResult:
    """The verdict on one file."""

    path: Path
    status: str
    unit_code: str | None = None
    period: str | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    returns: int = 0
    raw: bytes | None = field(default=None, repr=False)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given (whatever their extension), and folders searched for *.xlsx and *.csv."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
            )
        else:
            found.append(path)
    return found


@dataclass(frozen=True, slots=True)
class _Pending:
    """A file read and hashed, new to the store, waiting for its parse."""

    path: Path
    raw: bytes
    sha256: str


def _prepare(path: Path, store: Store | None) -> FileResult | _Pending:
    """Read and hash a file; lock files, unreadable files and known bytes end here."""
    if path.name.startswith("~$"):
        return FileResult(path, "skipped", warnings=["an Excel lock file (the workbook is open)"])
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            return _rejected(path, f"{size // 1_000_000} MB is too large for a return (max 20 MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        return _rejected(path, "no such file")
    except OSError as exc:
        return _rejected(path, f"cannot be read ({exc.strerror})")
    sha = hashlib.sha256(raw).hexdigest()
    if store is not None and store.has_file(sha):
        return FileResult(path, "unchanged")
    return _Pending(path, raw, sha)


def _store(
    pending: _Pending,
    parsed: Parsed,
    store: Store | None,
    replace: bool,
    dry_run: bool,
    now: dt.datetime | None,
) -> FileResult:
    """The verdict on a parsed file, stored in one transaction when it has no problem."""
    first = parsed.returns[0] if parsed.returns else None
    result = FileResult(
        pending.path,
        "rejected" if parsed.problems else "imported",
        unit_code=first.unit_code if first and len(parsed.returns) == 1 else parsed.unit_code,
        period=first.period
        if first and len({r.period for r in parsed.returns}) == 1
        else parsed.period,
        errors=parsed.problems,
        warnings=[w for ws in parsed.warnings.values() for w in ws],
        returns=len(parsed.returns),
        raw=pending.raw if parsed.problems else None,  # kept for an annotated copy
    )
    if parsed.problems or store is None:
        return result
    try:
        result.status = store.save(
            parsed.returns, parsed.warnings, pending.path.name, pending.sha256,
            len(pending.raw), replace, dry_run, now,
        )  # fmt: skip
    except Conflict as exc:
        result.status = "rejected"
        result.errors = [Issue(None, None, str(exc))]
        result.raw = pending.raw
    return result


def import_all(
    paths: list[Path],
    store: Store | None,
    ctx: ReadContext,
    replace: bool = False,
    dry_run: bool = False,
    advance: Callable[[FileResult], None] | None = None,
    now: dt.datetime | None = None,
) -> list[FileResult]:
    """Import files in order, one verdict each, each file in its own transaction.

    A large batch is parsed by worker processes (parsing is most of the work and holds the
    interpreter) while this process reads ahead and writes to the store; verdicts keep the
    order of `paths` either way.
    """
    results: list[FileResult] = []
    queue: deque[tuple[FileResult | _Pending, Future[Parsed] | None]] = deque()

    def settle() -> None:
        item, future = queue.popleft()
        if isinstance(item, _Pending):
            assert future is not None
            item = _store(item, future.result(), store, replace, dry_run, now)
        results.append(item)
        if advance is not None:
            advance(item)

    with _parser(ctx, len(paths)) as parser:
        for path in paths:
            item = _prepare(path, store)
            future = parser.submit(_parse, item.raw) if isinstance(item, _Pending) else None
            queue.append((item, future))
            while len(queue) > WINDOW:
                settle()
        while queue:
            settle()
    return results


_CONTEXT: list[ReadContext] = []  # what a forked worker parses against


def _parse(raw: bytes) -> Parsed:
    return read_return(raw, _CONTEXT[-1])


class _Inline(Executor):
    """Runs a call at once, for a small batch or a system without fork."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            future.set_exception(exc)
        return future


def _parser(ctx: ReadContext, files: int) -> Executor:
    """Two forked workers for a large batch (they inherit `ctx` and exit without touching the
    store's connection); the calling process for a small one."""
    _CONTEXT[:] = [ctx]
    cores = os.cpu_count() or 1
    if files < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        return _Inline()
    return ProcessPoolExecutor(max_workers=min(2, cores), mp_context=mp.get_context("fork"))


def _rejected(path: Path, message: str) -> FileResult:
    return FileResult(path, "rejected", errors=[Issue(None, None, message)])
