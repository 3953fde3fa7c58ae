"""Find the data folder and load its plan and registry, refusing data with any problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.models import Plan, Registry
from ntm_cli.engine.check import check_plan, check_registry
from ntm_cli.sources.plan import load_plan
from ntm_cli.sources.registry import read_registry

PLAN_FILE = "targets.yaml"
REGISTRY_FILE = "units.csv"
BUNDLED = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class DataSet:
    """A plan and the registry it is measured against."""

    folder: Path
    plan: Plan
    registry: Registry


def resolve(folder: Path | None) -> Path:
    """`--data`/`NTM_DATA`, else `./data` when it holds a plan, else the bundled copy."""
    if folder is not None:
        if not folder.is_dir():
            raise DataError(f"{folder}: no such folder (given by --data or NTM_DATA)")
        if not (folder / PLAN_FILE).is_file():
            raise DataError(
                f"{folder}: holds no {PLAN_FILE}; a data folder has it and {REGISTRY_FILE}"
            )
        return folder
    local = Path("data")
    if (local / PLAN_FILE).is_file():
        return local
    return BUNDLED


def load(folder: Path | None) -> DataSet:
    """Load and cross-check; any problem stops the command with the full list."""
    where = resolve(folder)
    plan = load_plan(where / PLAN_FILE)
    registry, problems = read_registry(where / REGISTRY_FILE)
    problems += check_registry(registry) + check_plan(plan, registry)
    if problems:
        raise DataError(
            f"{where}: {len(problems)} problem(s) in the data; fix them (`ntm plan check` "
            f"lists them too)",
            problems,
        )
    return DataSet(where, plan, registry)
