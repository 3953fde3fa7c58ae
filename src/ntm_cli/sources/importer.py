"""Import submitted files into the store: one verdict per file, a bad file never stops the batch."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ntm_cli.sources.returns import Issue, ReadContext, read_return
from ntm_cli.sources.store import Conflict, Store
from ntm_cli.sources.xlsx import MAX_FILE

EXTENSIONS = (".xlsx", ".csv")
VERDICTS = ("imported", "unchanged", "replaced", "rejected", "skipped")


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


def import_file(
    path: Path,
    store: Store | None,
    ctx: ReadContext,
    replace: bool,
    dry_run: bool,
    now: dt.datetime | None = None,
) -> FileResult:
    """Read, check and store one file; every failure becomes a `rejected` verdict."""
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
    parsed = read_return(raw, ctx)
    first = parsed.returns[0] if parsed.returns else None
    result = FileResult(
        path,
        "rejected" if parsed.problems else "imported",
        unit_code=first.unit_code if first and len(parsed.returns) == 1 else None,
        period=first.period if first and len({r.period for r in parsed.returns}) == 1 else None,
        errors=parsed.problems,
        warnings=[w for ws in parsed.warnings.values() for w in ws],
        returns=len(parsed.returns),
        raw=raw,
    )
    if parsed.problems or store is None:
        return result
    try:
        result.status = store.save(
            parsed.returns, parsed.warnings, path.name, sha, len(raw), replace, dry_run, now
        )
    except Conflict as exc:
        result.status = "rejected"
        result.errors = [Issue(None, None, str(exc))]
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
    results = []
    for path in paths:
        result = import_file(path, store, ctx, replace, dry_run, now)
        if result.status != "rejected":
            result.raw = None  # only rejected workbooks are kept, for annotated copies
        results.append(result)
        if advance is not None:
            advance(result)
    return results


def _rejected(path: Path, message: str) -> FileResult:
    return FileResult(path, "rejected", errors=[Issue(None, None, message)])
