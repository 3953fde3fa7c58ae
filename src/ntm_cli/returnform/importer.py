"""Import submitted files into the store: one verdict per file, a bad file never stops the batch."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ntm_cli.domain.errors import Conflict, StoreError
from ntm_cli.domain.messages import Issue, Message, msg, os_reason
from ntm_cli.domain.nominations import Nominations
from ntm_cli.domain.readfile import FileRefused, read_regular
from ntm_cli.domain.returns import FileResult, Return
from ntm_cli.returnform.reader import Parsed, ReadContext, Warnings, read_return
from ntm_cli.returnform.xlsx import MAX_FILE

# Searched in folders: what a return may be, and what it is often wrongly sent as, so that an
# .xls or .ods file gets a verdict telling how to resend it rather than vanishing.
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
WINDOW = 32  # files read ahead of the store: bounded, so a large batch never sits in memory
PARALLEL_FROM = 64  # files; below this, starting workers costs more than it saves


class ReturnStore(Protocol):
    """What the import writes to (ntm_cli.sources.store.Store is one)."""

    # the first and last months of the plan's list of units: a return outside them is another
    # list's unit, whatever its code
    window: tuple[str, str]

    def has_file(self, sha256: str) -> bool:
        """Whether a file with these bytes was stored already."""
        ...

    def file_returns(self, sha256: str) -> list[tuple[str, str, bool]]:
        """The (unit, period, current) of each return stored from a file."""
        ...

    def reinstate(self, sha256: str, now: dt.datetime | None = None) -> int:
        """Make a file's superseded returns current again: how many changed."""
        ...

    def save_nominations(
        self,
        found: Nominations,
        name: str,
        sha256: str,
        size: int,
        replace: bool,
        dry_run: bool = False,
        now: dt.datetime | None = None,
    ) -> str:
        """Store a nominations workbook's nominees in one transaction, as `save` does."""
        ...

    def save(
        self,
        returns: list[Return],
        warnings: Warnings,
        name: str,
        sha256: str,
        size: int,
        replace: bool,
        dry_run: bool = False,
        now: dt.datetime | None = None,
    ) -> str:
        """Store a file's returns in one transaction: "imported", "replaced" or "unchanged";
        raises Conflict when a commune-period has a return already and `replace` is false."""
        ...


def expand(paths: Iterable[Path], exclude: Path | None = None) -> list[Path]:
    """Files as given (whatever their extension), and folders searched for spreadsheets and CSV
    files, leaving out the folder of annotated copies (`exclude`)."""
    found: list[Path] = []
    skip = exclude.resolve() if exclude is not None else None
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in EXTENSIONS
                    and not p.is_dir()  # a FIFO or a device gets a verdict, not silence
                    and (skip is None or skip not in p.resolve().parents)
                )
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


@dataclass(frozen=True, slots=True)
class _Known:
    """A file stored before whose returns were superseded since, named on the command line with
    --replace: made current again when its turn comes (in order, like any other file)."""

    result: FileResult
    sha256: str


def _prepare(
    path: Path,
    store: ReturnStore | None,
    seen: set[str],
    replace: bool = False,
    explicit: bool = False,
) -> FileResult | _Pending | _Known:
    """Read and hash a file; lock files, unreadable files and known bytes end here (a known
    file named on its own, with --replace, goes on to be made current again)."""
    if path.name.startswith("~$"):
        return FileResult(path, "skipped", warnings=[Issue(None, None, msg("file.lock"))])
    try:
        raw = read_regular(path, MAX_FILE)
    except FileRefused as exc:  # a FIFO, a device, a file too large
        return _rejected(path, exc.message)
    except FileNotFoundError:
        return _rejected(path, msg("file.not_found"))
    except IsADirectoryError:
        return _rejected(path, msg("file.is_folder"))
    except OSError as exc:
        return _rejected(path, msg("file.unreadable", reason=os_reason(exc)))
    sha = hashlib.sha256(raw).hexdigest()
    if sha in seen:
        return FileResult(path, "unchanged")
    if store is not None and store.has_file(sha):
        return _known(path, sha, store, replace and explicit)
    return _Pending(path, raw, sha)


def _known(path: Path, sha: str, store: ReturnStore, reinstate: bool) -> FileResult | _Known:
    """A file stored before: "unchanged" with what it holds. With `reinstate` (the file named
    on its own, with --replace) and returns superseded since, it is to be made current again: a
    file met while searching a folder never is, so re-running a folder changes nothing."""
    held = store.file_returns(sha)
    first, last = store.window
    outside = sorted({p for unit, p, _ in held if unit and not first <= p <= last})
    if outside:  # stored by a plan on another list: neither "unchanged" here nor made current
        return _rejected(path, msg("import.known_other_edition", period=outside[0]))
    units = {unit for unit, _, _ in held}
    periods = {period for _, period, _ in held}
    result = FileResult(
        path,
        "unchanged",
        unit_code=(next(iter(units)) or None) if len(units) == 1 else None,
        period=next(iter(periods)) if len(periods) == 1 else None,
        returns=0 if units == {""} else len(held),
        nominees=len(held) if units == {""} else 0,  # a nominations workbook
    )
    if reinstate:  # whether it was superseded is asked when its turn comes
        return _Known(result, sha)
    if any(not current for _, _, current in held):
        result.warnings = [Issue(None, None, msg("import.superseded_hint"))]
    return result


@dataclass
class _Batch:
    """What a dry run would have stored so far (a real run asks the store)."""

    shas: set[str] = field(default_factory=set)
    keys: dict[tuple[str, str], str] = field(default_factory=dict)


def _store(
    pending: _Pending,
    parsed: Parsed,
    store: ReturnStore | None,
    replace: bool,
    dry_run: bool,
    now: dt.datetime | None,
    batch: _Batch,
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
        nominees=len(parsed.nominations.nominees) if parsed.nominations else 0,
    )
    if parsed.problems:
        return result
    try:
        # a dry run stores nothing, so it remembers what it would have stored
        in_batch = [r for r in parsed.returns if (r.unit_code, r.period) in batch.keys]
        if in_batch and not replace:
            first = in_batch[0]
            raise Conflict(
                "import.conflict.batch", code=first.unit_code, period=first.period,
                file=batch.keys[(first.unit_code, first.period)],
            )  # fmt: skip
        if store is not None and parsed.nominations is not None:
            result.status = store.save_nominations(
                parsed.nominations, pending.path.name, pending.sha256, len(pending.raw),
                replace, dry_run, now,
            )  # fmt: skip
        elif store is not None:
            result.status = store.save(
                parsed.returns, parsed.warnings, pending.path.name, pending.sha256,
                len(pending.raw), replace, dry_run, now,
            )  # fmt: skip
            if result.status == "unchanged":  # stored meanwhile by another import
                result.unit_code = result.period = None
                result.returns = 0
                result.warnings = []
        if dry_run:
            batch.shas.add(pending.sha256)
            batch.keys.update({(r.unit_code, r.period): pending.path.name for r in parsed.returns})
    except Conflict as exc:
        result.status = "rejected"
        result.errors = [Issue(None, None, exc.message)]
        result.raw = pending.raw
    except StoreError as exc:
        # the server refused this file's commune to the officer (its transaction rolled back):
        # the file is rejected, the officer's other files go on; any other store error stops
        if exc.code != "store.unit_denied":
            raise
        result.status = "rejected"
        result.errors = [Issue(None, None, exc.message)]
    return result


@dataclass
class Imported:
    """What an import did: a verdict for each file dealt with, the files not reached, and why
    it stopped early (a signal, or a store that can no longer be written), if it did."""

    results: list[FileResult]
    remaining: list[Path] = field(default_factory=list)
    stopped: Message | None = None
    signal: int | None = None


class Stop:
    """Set by SIGINT/SIGTERM (see `stop_on_signals`): the batch ends after the file being
    stored, and the annotated copies after the one being written."""

    signal: int | None = None
    count: int = 0
    store: ReturnStore | None = None


def import_all(
    paths: list[Path],
    store: ReturnStore | None,
    ctx: ReadContext,
    replace: bool = False,
    dry_run: bool = False,
    advance: Callable[[FileResult], None] | None = None,
    now: dt.datetime | None = None,
    explicit: frozenset[Path] = frozenset(),
    stop: Stop | None = None,
) -> Imported:
    """Import files in order, one verdict each, each file in its own transaction.

    A large batch is parsed by worker processes (parsing is most of the work and holds the
    interpreter) while this process reads ahead and writes to the store; verdicts keep the
    order of `paths` either way. `explicit` are the files named on their own (not found in a
    folder): only these are made current again by --replace when stored before.

    SIGINT or SIGTERM ends the batch after the file being stored (a second one also aborts the
    statement running, which rolls that file back; a third raises KeyboardInterrupt), and a
    store error ends it where it happened: either way the result says which files were dealt
    with and which were not reached.
    """
    results: list[FileResult] = []
    queue: deque[tuple[Path, FileResult | _Pending | _Known, Future[Parsed] | None]] = deque()
    batch = _Batch()
    own = stop is None  # the caller's stop holds the signals for more than the import
    stop = stop if stop is not None else Stop()
    stop.store = store
    stopped: Message | None = None

    def settle() -> None:
        _, item, future = queue[0]  # left in the queue (not reached) if the store fails
        if isinstance(item, _Pending):
            assert future is not None
            if item.sha256 in batch.shas:  # the same bytes twice in one dry run
                item = FileResult(item.path, "unchanged")
            else:
                item = _store(item, future.result(), store, replace, dry_run, now, batch)
        elif isinstance(item, _Known):
            assert store is not None
            superseded = any(not current for _, _, current in store.file_returns(item.sha256))
            if superseded and (dry_run or store.reinstate(item.sha256, now)):
                item.result.status = "replaced"
            item = item.result
        queue.popleft()
        results.append(item)
        if advance is not None:
            advance(item)

    done = 0
    with _signals(stop) if own else nullcontext(), _parser(ctx, len(paths)) as parser:
        try:
            for path in paths:
                if stop.signal is not None:
                    break
                item = _prepare(path, store, batch.shas, replace, path in explicit)
                future = (
                    parser.submit(_parse, item.raw, item.path.name)
                    if isinstance(item, _Pending)
                    else None
                )
                queue.append((path, item, future))
                done += 1
                while len(queue) > WINDOW and stop.signal is None:
                    settle()
            while queue and stop.signal is None:
                settle()
        except StoreError as exc:  # the store cannot be written any more: stop here
            stopped = exc.message
        finally:
            for _, _, future in queue:
                if future is not None:
                    future.cancel()
    remaining = [path for path, _, _ in queue] + paths[done:]
    if stop.signal is not None and (stopped is None or stopped.code == "store.interrupted"):
        stopped = msg("import.interrupted", signal=signal_name(stop.signal))
    return Imported(results, remaining, stopped, stop.signal)


def signal_name(number: int) -> str:
    """SIGINT, SIGTERM."""
    return signal.Signals(number).name


@contextmanager
def stop_on_signals() -> Iterator[Stop]:
    """SIGINT and SIGTERM set the Stop yielded instead of raising (see `_signals`): for an import
    and the work after it (the annotated copies)."""
    stop = Stop()
    with _signals(stop):
        yield stop
    stop.store = None


@contextmanager
def _signals(stop: Stop) -> Iterator[None]:
    """SIGINT and SIGTERM end the batch after the file being stored; a second signal also
    aborts the store's running statement (the file is rolled back), a third raises
    KeyboardInterrupt. The handlers in place before are put back after; one with a `stopping()`
    method is told of the first signal (the command line's, which then holds further signals
    back until the summary is printed). Only the main thread can take signals: elsewhere
    this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        stop.count += 1
        if stop.signal is None:
            stop.signal = signum
            for before in previous.values():  # a caller's handler that waits for the summary
                stopping = getattr(before, "stopping", None)
                if callable(stopping):
                    stopping()
        elif stop.count == 2 and stop.store is not None:
            interrupt = getattr(stop.store, "interrupt", None)
            if interrupt is not None:
                try:
                    interrupt()
                except Exception:  # noqa: BLE001 - a store already closed: nothing to abort
                    pass
        elif stop.count > 2:
            raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    previous.update({sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)})
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


_CONTEXT: list[ReadContext] = []  # what a forked worker parses against


def _parse(raw: bytes, name: str) -> Parsed:
    """Parse one file (its name tells a CSV sent as .xlsx); whatever goes wrong inside becomes
    a problem of that file alone."""
    try:
        return read_return(raw, _CONTEXT[-1], name)
    except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the batch
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return Parsed("damaged", problems=[Issue(None, None, msg("file.damaged", reason=reason))])


def _worker_start(parent: int) -> None:
    """In a worker: signals are the importing process's to handle (a terminal sends Ctrl-C to
    the whole process group); the worker exits when that process is gone, never lingers."""
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class _Inline(Executor):
    """Runs a call at once, for a small batch or a system without fork."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            future.set_exception(exc)
        return future


@contextmanager
def _parser(ctx: ReadContext, files: int) -> Iterator[Executor]:
    """Two forked workers for a large batch (they inherit `ctx` and exit without touching the
    store's connection); the calling process for a small one. Parses not started when the
    batch ends are cancelled."""
    _CONTEXT[:] = [ctx]
    cores = os.cpu_count() or 1
    if files < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        yield _Inline()
        return
    pool = ProcessPoolExecutor(
        max_workers=min(2, cores),
        mp_context=mp.get_context("fork"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _rejected(path: Path, message: Message) -> FileResult:
    return FileResult(path, "rejected", errors=[Issue(None, None, message)])
