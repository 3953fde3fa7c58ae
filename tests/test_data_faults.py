"""Hostile data files: YAML aliases and deep nesting, special files in place of the plan, the
registry or a criteria set, control characters, a quote left open and days that do not exist.
Each gives one clear message naming the file and line, quickly, and never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import LADDER
from ntm_cli.cli.app import app
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.i18n import Lang
from ntm_cli.sources.criteria import read_criteria
from ntm_cli.sources.datadir import load
from ntm_cli.sources.plan import parse_plan
from ntm_cli.sources.registry import read_registry

BIN = Path(sys.executable).parent
runner = CliRunner()
fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")

BILLION_LAUGHS = """\
lol:
  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def cli(*args: str, code: int = 1) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def ntm(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real `ntm` process (a hang or a runaway parse fails the test at `timeout`)."""
    environ = {**os.environ, "NTM_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    result = subprocess.run(
        [BIN / "ntm", *args], cwd=tmp_path, env=environ, capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr
    return result


def append(path: Path, text: str) -> int:
    """Add `text` at the end of `path`; the line it starts on."""
    old = path.read_text(encoding="utf-8")
    assert old.endswith("\n")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def replace_line(path: Path, starts: str, old: str, new: str) -> int:
    """Edit the line that starts with `starts`; its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (i,) = [i for i, line in enumerate(lines) if line.startswith(starts)]
    assert old in lines[i]
    lines[i] = lines[i].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1


# YAML: anchors, aliases, depth, size --------------------------------------------------------


def test_a_recursive_alias_is_refused_with_its_line(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    line = append(plan, "x: &a [*a]\n")
    out = cli("plan", "check", "--data", str(data_copy))
    assert (
        f"{plan}:{line}: không dùng neo và tham chiếu YAML (&a) trong tệp dữ liệu; hãy ghi đầy "
        "đủ giá trị ở từng chỗ cần dùng"
    ) in out
    out = cli("progress", "--data", str(data_copy), "--lang", "en")
    assert out.startswith(f"Error: {plan}: the plan is not valid")
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert (
        f"{plan}:{line}: YAML anchors and aliases (&a) are not allowed in a data file; write the "
        "value out in full where it is used"
    ) in out


def test_an_alias_alone_is_named_too(tmp_path: Path) -> None:
    text = "plan:\n  id: p\nmilestones:\n  - *m\n"
    _, problems = parse_plan(text.encode(), tmp_path / "targets.yaml")
    assert [p.text(Lang.EN) for p in problems] == [
        f"{tmp_path / 'targets.yaml'}:4: YAML anchors and aliases (*m) are not allowed in a data "
        "file; write the value out in full where it is used"
    ]


@pytest.mark.slow
def test_a_billion_laughs_is_refused_in_milliseconds(data_copy: Path, tmp_path: Path) -> None:
    plan = data_copy / "targets.yaml"
    line = append(plan, BILLION_LAUGHS)
    started = time.perf_counter()
    _, problems = parse_plan(plan.read_bytes(), plan)
    assert time.perf_counter() - started < 1
    assert [p.msg.code for p in problems] == ["yaml.anchor"]
    assert problems[0].cell == f"{plan}:{line + 1}"
    # the real process, which ran past 60 s and 2.4 GB before: a few seconds at most, start-up
    for args in (("plan", "check"), ("progress",)):
        result = ntm(tmp_path, *args, "--data", str(data_copy), "--lang", "en", timeout=30)
        assert result.returncode == 1
        assert "anchors and aliases (&a) are not allowed" in result.stdout + result.stderr


def test_aliases_are_refused_in_a_criteria_set(data_copy: Path) -> None:
    criteria = data_copy / "criteria" / "qd318-2022-xa.yaml"
    line = replace_line(criteria, "decided_on:", "2022-03-08", "&d 2022-03-08")
    out = cli("plan", "check", "--data", str(data_copy))
    assert f"{criteria}:{line}: không dùng neo và tham chiếu YAML (&d) trong tệp dữ liệu" in out


def test_deep_nesting_is_a_message_not_a_recursion_error(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    line = append(plan, "x: " + "[" * 100_000 + "\n")
    out = cli("plan", "check", "--data", str(data_copy))
    assert (
        f"{plan}:{line}: YAML lồng nhau quá sâu (quá 50 cấp); kế hoạch và bộ tiêu chí chỉ cần "
        "vài cấp"
    ) in out
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert f"{plan}:{line}: YAML nested too deeply (over 50 levels)" in out
    assert "RecursionError" not in out
    out = cli("progress", "--data", str(data_copy))
    assert "RecursionError" not in out and "kế hoạch không hợp lệ" in out


def test_a_flood_of_tiny_values_stops_at_a_bound(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    line = append(plan, "x: [" + ", ".join(["1"] * 30_000) + "]\n")
    started = time.perf_counter()
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert time.perf_counter() - started < 20
    assert f"{plan}:{line}: the file holds over 20,000 values; a plan or a criteria set" in out
    out = cli("plan", "check", "--data", str(data_copy))
    assert f"{plan}:{line}: tệp có hơn 20.000 giá trị; kế hoạch và bộ tiêu chí chỉ cần" in out


def test_values_yaml_cannot_build_are_named(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    cases = [
        ("? [a, b]\n: 1\n", 1, "not valid YAML: a key must be text or a number, not a list"),
        ("year: " + "1" * 5000 + "\n", 1, "not valid YAML: the value '1111111111"),
        ("plan:\n  x: !!float abc\n", 2, "not valid YAML: the value 'abc' cannot be read"),
    ]
    for text, line, message in cases:
        _, problems = parse_plan(text.encode(), path)
        assert len(problems) == 1, problems
        assert problems[0].text(Lang.EN).startswith(f"{path}:{line}: {message}")


def test_an_oversized_plan_is_refused_by_its_size(data_copy: Path) -> None:
    plan = data_copy / "targets.yaml"
    append(plan, "# " + "x" * 2_000_000 + "\n")
    size = plan.stat().st_size
    out = cli("progress", "--data", str(data_copy))
    vi_size = f"{size:,}".replace(",", ".")
    assert f"Lỗi: {plan}: tệp có {vi_size} byte, vượt giới hạn 2.000.000 byte; không đọc" in out
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert f"{plan}: {size:,} bytes is over the limit of 2,000,000 bytes; not read" in out


# special files in place of a data file --------------------------------------------------------


@pytest.mark.slow
@fifo_only
def test_a_fifo_as_a_data_file_is_refused_and_never_waited_on(
    data_copy: Path, tmp_path: Path
) -> None:
    units = data_copy / "units.csv"
    units.unlink()
    os.mkfifo(units)
    for args in (("progress",), ("plan", "check")):
        result = ntm(tmp_path, *args, "--data", str(data_copy), timeout=30)
        assert result.returncode == 1
        assert f"{units}: không phải tệp thông thường (một đường ống FIFO); không đọc" in (
            result.stdout + result.stderr
        )
    result = ntm(tmp_path, "progress", "--data", str(data_copy), "--lang", "en", timeout=30)
    assert f"Error: {units}: not a regular file (a FIFO pipe); not read" in result.stderr
    # a plan that is a FIFO: the process ends with an error naming it, and the library says why
    plan = data_copy / "targets.yaml"
    plan.unlink()
    os.mkfifo(plan)
    result = ntm(tmp_path, "progress", "--data", str(data_copy), timeout=30)
    assert result.returncode == 1 and "targets.yaml" in result.stderr
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert err.value.text(Lang.EN) == f"{plan}: not a regular file (a FIFO pipe); not read"


@pytest.mark.slow
@fifo_only
def test_a_fifo_as_a_criteria_set_is_refused(data_copy: Path, tmp_path: Path) -> None:
    criteria = data_copy / "criteria" / "qd318-2022-xa.yaml"
    criteria.unlink()
    os.mkfifo(criteria)
    result = ntm(tmp_path, "plan", "check", "--data", str(data_copy), timeout=30)
    assert result.returncode == 1
    assert f"{criteria}: không phải tệp thông thường (một đường ống FIFO)" in result.stdout
    _, problems = read_criteria(data_copy, "qd318-2022-xa")
    assert [p.msg.code for p in problems] == ["data.file.refused"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_a_data_file_is_refused_at_once(data_copy: Path, tmp_path: Path) -> None:
    units = data_copy / "units.csv"
    units.unlink()
    units.symlink_to("/dev/zero")
    result = ntm(tmp_path, "progress", "--data", str(data_copy), timeout=30)
    assert result.returncode == 1
    assert f"Lỗi: {units}: không phải tệp thông thường (một thiết bị); không đọc" in result.stderr
    plan = data_copy / "targets.yaml"
    plan.unlink()
    plan.symlink_to("/dev/zero")
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert err.value.text(Lang.EN) == f"{plan}: not a regular file (a device); not read"


@fifo_only
def test_a_cached_plan_is_not_served_for_a_file_now_refused(data_copy: Path) -> None:
    assert load(data_copy).plan.number == "69/KH-UBND"  # cached now, and the check noted
    assert load(data_copy).plan.number == "69/KH-UBND"
    plan, units = data_copy / "targets.yaml", data_copy / "units.csv"
    saved = units.read_bytes()
    units.unlink()
    os.mkfifo(units)
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert err.value.code == "data.file.refused" and str(units) in err.value.text(Lang.EN)
    units.unlink()
    units.write_bytes(saved)
    plan.unlink()
    os.mkfifo(plan)
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert err.value.code == "data.file.refused" and str(plan) in err.value.text(Lang.EN)


# units.csv: control characters, a quote left open, dates -------------------------------------


def test_a_control_character_in_a_cell_is_named_with_line_and_column(data_copy: Path) -> None:
    units = data_copy / "units.csv"
    line = replace_line(units, "29236,", "Phường 4", "Phường\x004")
    out = cli("plan", "check", "--data", str(data_copy))
    assert out.startswith("1 lỗi:\n")
    assert (
        f"{units}:{line}: name: có ký tự điều khiển U+0000 (ký tự thứ 7 của ô); hãy xóa ký tự này"
    ) in out
    out = cli("progress", "--data", str(data_copy), "--lang", "en")
    assert (
        f"  {units}:{line}: name: holds the control character U+0000 (character 7 of the cell); "
        "delete it"
    ) in out


def test_tab_del_and_c1_controls_are_refused_in_every_column(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,ntm_decision,source\n"
        "84,Tỉnh Trà Vinh,Tỉnh,,,\n"
        "845,Huyện\tCầu Kè,Huyện,84,QĐ\x7f1,\n"
        "846,Huyện Tiểu Cần,Huyện,84,,ghi chú\x85\n"
        "847,Huyện Châu Thành,Huyện,84,,a\tb\n",
        encoding="utf-8",
    )
    _, problems = read_registry(path, LADDER)
    assert [(p.cell, p.msg.params["char"]) for p in problems] == [
        (f"{path}:3: name", "U+0009"),
        (f"{path}:3: ntm_decision", "U+007F"),
        (f"{path}:4: source", "U+0085"),
        (f"{path}:5: source", "U+0009"),
    ]


def test_a_quote_left_open_is_one_error_at_the_line_it_opens(data_copy: Path) -> None:
    units = data_copy / "units.csv"
    lines = units.read_text(encoding="utf-8").count("\n")
    line = replace_line(units, "29539,", ",Xã Hiệp Thạnh", ',"Xã Hiệp Thạnh')
    for args in (("plan", "check"), ("progress",)):
        out = cli(*args, "--data", str(data_copy))
        assert (
            f'{units}:{line}: cột name: dấu nháy kép (") mở ở dòng này nhưng không được đóng, '
            f"nên ô kéo dài tới dòng {lines}; hãy thêm dấu nháy đóng hoặc xóa dấu nháy mở (mỗi "
            "ô nằm trên một dòng)"
        ) in out
        assert "không phải đơn vị" not in out and "parent_code" not in out  # no knock-on
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert out.startswith("1 problem(s):\n")
    assert (
        f'{units}:{line}: column name: a double quote (") opens on this line and is not closed, '
        f"so the cell runs on to line {lines}; close the quote or remove it (a cell stays on "
        "one line)"
    ) in out


def test_a_quote_closed_lines_later_is_the_same_error(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,source\n"
        "84,Tỉnh Trà Vinh,Tỉnh,,\n"
        '845,"Huyện Cầu Kè,Huyện,84,\n'
        "846,Huyện Tiểu Cần,Huyện,84,\n"
        '847,Huyện Châu Thành,Huyện,84,"nguồn: QĐ 1"\n'
        "848,Huyện Cầu Ngang,Huyện,84,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        read_registry(path, LADDER)
    assert err.value.code == "registry.quote.unclosed"
    assert err.value.message.params == {"path": str(path), "line": 3, "column": "name", "end": 5}
    assert not err.value.problems


def test_a_quote_open_on_a_last_line_without_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text('code,name,kind,parent_code\n84,"Tỉnh Trà Vinh,Tỉnh,', encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_registry(path, LADDER)
    assert err.value.message.params == {"path": str(path), "line": 2, "column": "name", "end": 2}
    path.write_text('code,name,kind,parent_code\n84,"Tỉnh ""Trà"" Vinh",Tỉnh,', encoding="utf-8")
    registry, problems = read_registry(path, LADDER)
    assert not problems and registry.units[0].name == 'Tỉnh "Trà" Vinh'


def test_a_quote_open_past_csv_s_cell_limit_and_a_huge_cell(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    head = "code,name,kind,parent_code\n84,Tỉnh Trà Vinh,Tỉnh,\n"
    path.write_text(head + '845,Huyện,"Huyện\n' + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_registry(path, LADDER)
    assert err.value.message.params == {"path": str(path), "line": 3, "column": "kind", "end": 4}
    path.write_text(head + "845," + "x" * 200_000 + ",Huyện,84\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_registry(path, LADDER)
    assert err.value.text(Lang.EN) == (
        f"{path}:3: a cell is longer than 131,072 characters; the file is not a registry or is "
        "damaged"
    )


def test_a_day_that_does_not_exist_in_the_registry_and_on_the_command_line(
    data_copy: Path,
) -> None:
    units = data_copy / "units.csv"
    line = replace_line(units, "84,", "2025-03-11", "31/02/2023")
    out = cli("plan", "check", "--data", str(data_copy))
    assert (
        f"{units}:{line}: ntm_decided_on: '31/02/2023' không phải ngày có thật: tháng 2/2023 chỉ "
        "có 28 ngày"
    ) in out
    out = cli("plan", "check", "--data", str(data_copy), "--lang", "en")
    assert (
        f"{units}:{line}: ntm_decided_on: '31/02/2023' is not a date: the day does not exist "
        "(month 2 of 2023 has 28 days)"
    ) in out
    out = cli("progress", "--as-of", "31/02/2023", code=2)
    assert "Lỗi: --as-of: '31/02/2023' không phải ngày có thật: tháng 2/2023 chỉ có 28 ngày" in out
    out = cli("progress", "--as-of", "2023-02-29", "--lang", "en", code=2)
    assert (
        "Error: --as-of: '2023-02-29' is not a date: the day does not exist (month 2 of 2023 "
        "has 28 days)"
    ) in out


def test_a_date_that_does_not_parse_names_both_forms() -> None:
    out = cli("progress", "--as-of", "2024/06/30", "--lang", "en", code=2)
    assert (
        "Error: --as-of: '2024/06/30' is not a date; write YYYY-MM-DD or DD/MM/YYYY, e.g. "
        "2024-04-08 or 08/04/2024"
    ) in out
    out = cli("progress", "--as-of", "2024/06/30", code=2)
    assert (
        "Lỗi: --as-of: '2024/06/30' không phải ngày; ghi ngày/tháng/năm hoặc năm-tháng-ngày, ví "
        "dụ 08/04/2024 hoặc 2024-04-08"
    ) in out
