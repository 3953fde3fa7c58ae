"""The real `ntm` process: entry points, the bundled data from any folder, lean imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow

# Everything `ntm progress` may import besides the standard library. pandas, openpyxl and the
# other heavy readers belong to other commands; yaml and pydantic only validate a changed plan.
ALLOWED = {"ntm_cli", "typer", "click", "rich", "shellingham", "annotated_doc", "typing_extensions",
           "pygments", "markdown_it", "mdurl"}  # fmt: skip
PROBE = """
import sys
from ntm_cli.cli.app import app
try:
    app(["progress", "--year", "2024"])
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
print("MODULES", " ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NTM_TODAY": "2026-11-29",
        "NTM_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }


def test_ntm_runs_from_any_folder_on_the_bundled_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [BIN / "ntm", "progress", "--year", "2023", "--format", "json"],
        cwd=tmp_path, env=env(tmp_path), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["status"] for m in data["milestones"]] == ["achieved"] * 4


def test_python_dash_m_and_errors_on_stderr(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ntm_cli", "progress", "--year", "2031"],
        cwd=tmp_path, env=env(tmp_path), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Lỗi: năm 2031 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)")
    assert "Traceback" not in result.stderr


def test_progress_imports_nothing_heavy_and_skips_yaml_once_the_plan_is_cached(
    tmp_path: Path,
) -> None:
    def modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=tmp_path, env=env(tmp_path), capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
        return set(line.split()[1:]) - set(sys.stdlib_module_names) - {"_distutils_hack"}

    cold = modules()
    assert {"yaml", "pydantic"} <= cold  # the first run validates the plan
    warm = modules()
    assert warm - {"__main__"} <= ALLOWED, warm - ALLOWED
    assert not {"yaml", "pydantic", "pandas", "openpyxl", "numpy"} & warm
