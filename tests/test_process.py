"""The real `ntm` process: entry points, the bundled data from any folder, lean imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builders import NTM

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
print("OWN", " ".join(sorted(m for m in sys.modules if m.startswith("ntm_cli."))))
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
    own: set[str] = set()

    def modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=tmp_path, env=env(tmp_path), capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
        own.clear()
        own.update(next(x for x in result.stdout.splitlines() if x.startswith("OWN ")).split()[1:])
        return set(line.split()[1:]) - set(sys.stdlib_module_names) - {"_distutils_hack"}

    cold = modules()
    assert {"yaml", "pydantic"} <= cold  # the first run validates the plan
    warm = modules()
    assert warm - {"__main__"} <= ALLOWED, warm - ALLOWED
    assert not {"yaml", "pydantic", "pandas", "openpyxl", "numpy"} & warm
    # nor what returns, forms, the store and the lists of units over time are made of
    assert "ntm_cli.engine.progress" in own
    assert not {"ntm_cli.domain.returns", "ntm_cli.sources.store", "ntm_cli.sources.editions",
                "ntm_cli.returnform"} & own  # fmt: skip


def test_gaps_forecast_and_awards_on_imported_forms(tmp_path: Path) -> None:
    """Four real forms of 2025-06 (and three of 2023-12, for the awards of 2023) imported by the
    real process, then the three commands.

    Phong Thạnh and Hòa Ân (Cầu Kè) reached advanced NTM in 2023 (published); Hòa Ân reports
    120 million VND of debt. Thạnh Phú reached model NTM in 2023 and meets every criterion.
    One commune at NTM misses only criterion 19.
    """
    from forms import COMMUNES, filled_form, write
    from ntm_cli.domain.status import level_of

    def debt(amount: float):  # type: ignore[no-untyped-def]
        def edit(book) -> None:  # type: ignore[no-untyped-def]
            book["Kết quả khác"]["B14"] = amount

        return edit

    def model(amount: float):  # type: ignore[no-untyped-def]
        def edit(book) -> None:  # type: ignore[no-untyped-def]
            debt(amount)(book)
            book["Tiêu chí"]["D34"] = "Sản xuất"  # ĐK4, the outstanding field (QĐ 319)

        return edit

    at_ntm = next(u for u in COMMUNES if level_of(u) == NTM)
    all_met = ["Đạt"] * 22  # a model commune's form: Annex II and the QĐ 319 conditions
    forms = tmp_path / "returns"
    write(forms, "phong-thanh.xlsx", filled_form("29329", "2025-06", all_met, model(0)))
    write(forms, "hoa-an.xlsx", filled_form("29311", "2025-06", all_met, model(120)))
    write(forms, "thanh-phu.xlsx", filled_form("29338", "2025-06", all_met, model(0)))
    one_short = ["Đạt"] * 18 + ["Chưa đạt"]
    write(forms, "near.xlsx", filled_form(at_ntm.code, "2025-06", one_short, debt(0)))
    # the awards of 2023 read the returns of 2023: the same three communes in December 2023
    # (in December 2023 Phong Thạnh and Hòa Ân worked towards advanced: Annex II, 19 rows)
    write(forms, "phong-thanh-2023.xlsx", filled_form("29329", "2023-12", all_met[:19], debt(0)))
    write(forms, "hoa-an-2023.xlsx", filled_form("29311", "2023-12", all_met[:19], debt(120)))
    write(forms, "thanh-phu-2023.xlsx", filled_form("29338", "2023-12", all_met, model(0)))
    environ = {**env(tmp_path), "NTM_STORE": str(tmp_path / "returns.sqlite")}

    def ntm(*args: str) -> str:
        result = subprocess.run([BIN / "ntm", *args], cwd=tmp_path, env=environ,
                                capture_output=True, text=True, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    ntm("import", str(forms))
    gaps = json.loads(ntm("gaps", "--level", "advanced", "-f", "json"))
    (level,) = gaps["levels"]
    assert gaps["period"] == "2025-06"
    assert [(g["code"], g["not_met"]) for g in level["near_misses"]] == [(at_ntm.code, ["19"])]
    assert level["criteria"][0]["number"] == "19"
    assert (level["criteria"][0]["not_met"], level["criteria"][0]["reporting"]) == (1, 1)

    outlook = json.loads(ntm("forecast", "--year", "2025", "-f", "json"))
    share = next(m for m in outlook["milestones"] if m["id"] == "2025.xa-nang-cao-ty-le")
    # 70% of 85 communes needs 60; 51 reached advanced by the results of 2024 (published).
    assert (share["required"], share["actual"], share["needed"]) == (60, 51, 9)
    assert share["near_misses"] == [at_ntm.code] and share["ready"] == []
    assert share["outlook"] in ("at risk", "unlikely")

    awards = json.loads(ntm("awards", "--year", "2023", "-f", "json"))
    rows = {(r["rule"], r["code"]): r for r in awards["rows"]}
    assert rows[("xa", "29329")]["verdict"] == "qualifies"
    assert rows[("xa", "29311")]["verdict"] == "excluded"
    assert rows[("xa", "29311")]["why"].startswith("debt 120 million VND in the 2023-12 return")
    assert rows[("xa", "29431")]["verdict"] == "to check"  # Vĩnh Kim sent no return
    assert rows[("xa-kieu-mau", "29338")]["verdict"] == "qualifies"
    cau_ke = rows[("huyen", "845")]
    assert cau_ke["verdict"] == "excluded"
    assert "Xã Hòa Ân 120 (2023-12)" in cau_ke["why"]
    table = " ".join(ntm("awards", "--year", "2023").split())  # undo the table's wrapping
    assert "Không đủ điều kiện nợ đọng XDCB 120 triệu đồng trong phiếu 2023-12" in table
