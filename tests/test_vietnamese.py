"""The error and warning paths of every command read in Vietnamese: no English sentence in them
(Click's own usage errors aside), and JSON errors carry their code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_cli.cli.app import app

runner = CliRunner()

# Words of English sentences that are not Vietnamese words written without marks.
ENGLISH = set(
    "the is are was not of to and or use give add cannot with for exists outside plan there "
    "must should matches did you mean error warning missing invalid empty commune district "
    "level period year unit units criteria criterion status row column line sheet cell value "
    "number date only from into when which where by this that has have holds no yet been "
    "store returns return import first folder file found known allowed".split()
)
# What may stand in a Vietnamese message as it is: quoted values, options, paths, commands.
_KEEP = re.compile(
    r"'[^']*'|\"[^\"]*\"|“[^”]*”|`[^`]*`|--[\w-]+|\S*[/\\]\S*|\S+\.(?:xlsx|csv|yaml|toml|sqlite)\b"
    r"|\bNTM_[A-Z_]+"  # environment variables
)


def english_words(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z]+", _KEEP.sub(" ", text))
    return [w for w in words if w.lower() in ENGLISH]


def test_the_detector_finds_english() -> None:
    assert english_words("Lỗi: -5 is outside plan 69/KH-UBND") == ["is", "outside", "plan"]
    assert english_words("Lỗi: kỳ '2024-13' không phải kỳ báo cáo; ghi năm-tháng") == []


def vietnamese(args: list[str], code: int, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == code, (args, result.output)
    text = result.output
    for line in text.splitlines():
        if line.startswith(("Usage:", "Try ")):
            continue
        assert len(english_words(line)) < 2, (args, line)
    return text


@pytest.fixture
def store(tmp_path: Path) -> dict[str, str]:
    return {"NTM_STORE": str(tmp_path / "returns.sqlite")}


CASES: list[tuple[list[str], int, str]] = [
    (["progress", "--year", "2019"], 1, "nằm ngoài kế hoạch"),
    (["progress", "--as-of", "31/02/2024"], 2, "--as-of"),
    (["progress", "--year", "2024", "--all-years"], 2, "--all-years"),
    (["progress", "--year", "2025", "--as-of", "2027-01-01"], 0, "sau ngày hôm nay"),
    (["units", "--district", "Không Có"], 1, "không có"),
    (["units", "--kind", "làng"], 2, "--kind"),
    (["units", "--level", "cao"], 2, "--level"),
    (["unit", "Xã Không Có"], 1, "không có"),
    (["completeness", "--period", "2019-06"], 1, "nằm ngoài kế hoạch"),
    (["completeness", "--period", "2024-13"], 2, "không phải kỳ báo cáo"),
    (["completeness", "--period", "2024-06", "--district", ""], 2, "để trống"),
    (["completeness", "--period", "2024-06", "--district", "Cầu Kèo"], 1, "không có"),
    (["gaps", "--period", "2024-06"], 1, "chưa có phiếu"),
    (["forecast"], 0, "xu hướng"),
    (["awards", "--year", "2024", "--rule", "nope"], 1, "không có quy định"),
    (["awards", "--year", "2031"], 1, "nằm ngoài kế hoạch"),
    (["template", "--period", "2024-06", "--unit", ""], 2, "để trống"),
    (["report", "--from", "2024-06", "--to", "2024-05"], 2, "trước"),
]


@pytest.mark.parametrize(("args", "code", "expected"), CASES, ids=lambda c: str(c)[:40])
def test_error_paths_speak_vietnamese(
    args: list[str], code: int, expected: str, store: dict[str, str]
) -> None:
    assert expected in vietnamese(args, code, store)


def test_a_bad_csv_return_and_a_broken_plan(
    tmp_path: Path, data_copy: Path, store: dict[str, str]
) -> None:
    bad = tmp_path / "bad.csv"
    rows = "unit_code,period,criterion,status\n29263,2024-06,1,Dat roi\n99999,2024-06,2,1\n"
    bad.write_text(rows, encoding="utf-8")
    out = vietnamese(["import", str(bad)], 1, store)
    assert "không phải trạng thái" in out
    plan = data_copy / "targets.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2024", "year: twenty", 1),
                    encoding="utf-8")  # fmt: skip
    assert "lỗi" in vietnamese(["plan", "check", "--data", str(data_copy)], 1)
    assert "Lỗi" in vietnamese(["progress", "--data", str(data_copy)], 1)


def test_json_errors_carry_their_code(store: dict[str, str]) -> None:
    from ntm_cli.sources.store import Store

    with Store(Path(store["NTM_STORE"])):  # a store, empty
        pass
    result = runner.invoke(app, ["gaps", "--period", "2024-06", "--format", "json"], env=store)
    assert result.exit_code == 1
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "returns.none_up_to" and error["params"] == {"period": "2024-06"}
    assert "chưa có phiếu" in error["message"]


def test_init_speaks_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert "Đã ghi" in vietnamese(["init"], 0)
    assert "đã có; thêm --force" in vietnamese(["init"], 2)
    (tmp_path / "ntm.toml").write_text('data = "x"\nstore = \n', encoding="utf-8")
    assert "không phải TOML hợp lệ" in vietnamese(["units"], 1)
