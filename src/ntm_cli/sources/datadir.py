"""Find the data folder and load its plan and registry, refusing data with any problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import Ladder, Plan, Registry
from ntm_cli.sources.cache import cached, remember, seen
from ntm_cli.sources.plan import load_plan, read_plan_bytes
from ntm_cli.sources.registry import read_registry, read_registry_bytes

PLAN_FILE = "targets.yaml"
REGISTRY_FILE = "units.csv"
BUNDLED = Path(__file__).resolve().parent.parent / "data"


class DataSet(NamedTuple):
    """A plan and the registry it is measured against (a named tuple: made on every start)."""

    folder: Path
    plan: Plan
    registry: Registry


def resolve(folder: Path | None) -> Path:
    """`--data`/`NTM_DATA`, else `./data` when it holds a plan, else the bundled copy."""
    if folder is not None:
        if not folder.is_dir():
            raise DataError("data.folder.missing", path=str(folder))
        if not (folder / PLAN_FILE).exists():  # a FIFO or a device is refused when read
            raise DataError(
                "data.folder.no_plan", path=str(folder), plan=PLAN_FILE, registry=REGISTRY_FILE
            )
        return folder
    local = Path("data")
    if (local / PLAN_FILE).exists():
        return local
    return BUNDLED


Check = Callable[[Plan, Registry], list[Issue]]


def load_registry(
    path: Path, ladder: Ladder, raw: bytes | None = None
) -> tuple[Registry, list[Issue]]:
    """The registry in `path` (whose bytes are `raw` when already read) and its row problems;
    a registry without any is cached as the plan is (reading the rows costs more than reading
    the cached units back)."""
    if raw is None:
        raw = read_registry_bytes(path)
    problems: list[Issue] = []
    found: list[Registry] = []

    def build() -> Registry | None:
        registry, row_problems = read_registry(path, ladder, raw)
        problems.extend(row_problems)
        found.append(registry)
        return None if row_problems else registry

    # the ladder's rungs are columns of the file: read with another ladder, it is another registry
    tag = ",".join(ladder.ids())
    registry = cached("registry", raw, Registry, build, tag) if raw else None
    if registry is None:
        if not found:
            build()
        return found[0], problems
    if registry.path != str(path):
        registry = Registry(units=registry.units, path=str(path))
    return registry, problems


def load(folder: Path | None, check: Check | None = None) -> DataSet:
    """Load, and cross-check with `check` (the engine's checks of a registry and of a plan
    against it); any problem stops the command with the full list."""
    where = resolve(folder)
    # each file is read once, as a regular file within its limit: what is checked and noted
    # below is what was loaded
    plan_raw = read_plan_bytes(where / PLAN_FILE)
    plan = load_plan(where / PLAN_FILE, plan_raw)
    registry_raw = read_registry_bytes(where / REGISTRY_FILE)
    registry, problems = load_registry(where / REGISTRY_FILE, plan.ladder, registry_raw)
    if check is not None:
        # the cross-checks of a plan and a registry that passed them before are not run again
        files = plan_raw, registry_raw
        if problems or not seen("checked", *files):
            problems += check(plan, registry)
            if not problems:
                remember("checked", *files)
    if problems:
        raise DataError("data.problems", problems, path=str(where), n=len(problems))
    return DataSet(where, plan, registry)
