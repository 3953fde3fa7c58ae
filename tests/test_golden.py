"""The documented JSON output of each data command on the bundled data, pinned in tests/golden.

The returns commands run after the README's monthly cycle (forms for 2024-06, filled by
examples/fill_forms.py, imported on 2024-07-04), in a store and cache under a temporary folder.
A difference fails with a diff; to accept a change on purpose, rewrite the files and review
their diff:

    NTM_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import TODAY
from ntm_cli.cli.app import app

GOLDEN = Path(__file__).with_name("golden")
FILL_FORMS = Path(__file__).parents[1] / "examples" / "fill_forms.py"
IMPORTED, REPORTED = "2024-07-04", "2024-07-10"  # the import, and the day the month is read
runner = CliRunner()

# name: (arguments, NTM_TODAY, exit code); "{returns}" is the folder of filled forms
CASES: dict[str, tuple[list[str], str, int]] = {
    "progress-2024": (["progress", "--year", "2024"], TODAY, 0),
    "progress-all-years": (["progress", "--all-years"], TODAY, 0),
    "units": (["units"], TODAY, 0),
    "units-cau-ke": (["units", "--district", "Cầu Kè"], TODAY, 0),
    "import": (["import", "{returns}"], IMPORTED, 1),
    "completeness-2024-06": (["completeness", "--period", "2024-06"], REPORTED, 0),
    "unit-29263": (["unit", "29263"], REPORTED, 0),
    "unit-29284": (["unit", "29284"], REPORTED, 0),  # one with a stored return
    "gaps-2024-06": (["gaps", "--period", "2024-06"], REPORTED, 0),
    "forecast": (["forecast"], REPORTED, 0),
    "awards-2024": (["awards", "--year", "2024"], REPORTED, 0),
}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?")


def normalise(value: Any, tmp: str) -> Any:
    """The output with what varies from run to run replaced: the temporary folder by `<tmp>`,
    the time of an import (ISO date and time; dates alone are fixed) by `<timestamp>`, and a
    file's SHA-256 by `<sha256>` (a workbook records the time it was saved)."""
    if isinstance(value, dict):
        return {k: "<sha256>" if k == "sha256" else normalise(v, tmp) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, tmp) for v in value]
    if isinstance(value, str):
        return TIMESTAMP.sub("<timestamp>", value.replace(tmp, "<tmp>"))
    return value


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def cycle(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The monthly cycle up to the import, on each engine of the store (a SQLite file, a
    database on the session's PostgreSQL server); the outputs of every case, by name: the
    same golden files hold for both."""
    root = tmp_path_factory.mktemp("cycle")
    if request.param == "sqlite":
        store = str(root / "returns.sqlite")
    else:
        store = request.getfixturevalue("postgres").create_database(f"golden_{os.getpid()}")
    env = {"NTM_STORE": store, "NTM_CACHE_DIR": str(root / "cache"),
           "NTM_DATA": None, "NTM_TODAY": IMPORTED}  # fmt: skip
    result = runner.invoke(app, ["template", "--period", "2024-06", "--out", str(root / "forms")],
                           env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    argv = sys.argv
    try:
        sys.argv = [str(FILL_FORMS), str(root / "forms"), str(root / "returns")]
        runpy.run_path(str(FILL_FORMS), run_name="__main__")
    finally:
        sys.argv = argv
    outputs = {}
    for name, (args, today, code) in CASES.items():
        args = [a.format(returns=root / "returns") for a in args]
        result = runner.invoke(app, [*args, "--format", "json"], env={**env, "NTM_TODAY": today})
        assert result.exit_code == code, result.output
        shown = json.loads(result.stdout)
        if request.param == "postgresql" and isinstance(shown, dict) and "store" in shown:
            # where the store is differs by engine; the golden file names the SQLite file
            assert shown["store"]["path"].startswith("postgresql://ntm_admin@127.0.0.1:")
            shown["store"]["path"] = str(root / "returns.sqlite")
        outputs[name] = normalise(shown, str(root))
    return outputs


@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str, cycle: dict[str, Any]) -> None:
    text = json.dumps(cycle[name], ensure_ascii=False, indent=2) + "\n"
    path = GOLDEN / f"{name}.json"
    if os.environ.get("NTM_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no {path.name}; run NTM_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(),
                                    f"golden/{path.name}", "now", lineterm="", n=2)  # fmt: skip
        pytest.fail(f"{name}: the output differs from golden/{path.name}\n" + "\n".join(diff))
