"""Reading the registry and the plan: formats Excel writes, and every bad input with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.models import Level, UnitKind
from ntm_cli.sources.plan import load_plan, parse_plan
from ntm_cli.sources.registry import read_registry

HEADER = "code,name,kind,parent_code,ntm_year,advanced_year,ntm_decided_on,source\n"


def write(tmp_path: Path, text: str, name: str = "units.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_excel_csv_with_bom_semicolons_and_crlf(tmp_path: Path) -> None:
    text = (
        "code;name;kind;parent_code;ntm_year;advanced_year\r\n"
        "84;Tỉnh Trà Vinh;Tỉnh;;;\r\n"
        "845;Huyện Cầu Kè;Huyện;84;2019;2023\r\n"
        "29320;Xã Hoà Tân;commune;845;2017.0;\r\n"
    )
    path = tmp_path / "units.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    registry, problems = read_registry(path)
    assert problems == []
    assert [u.code for u in registry.units] == ["84", "845", "29320"]
    hoa_tan = registry.by_code["29320"]
    assert (hoa_tan.kind, hoa_tan.recognitions[Level.NTM].year) == (UnitKind.COMMUNE, 2017)
    assert registry.by_code["845"].recognitions[Level.ADVANCED].year == 2023


def test_codes_that_lost_leading_zeros_are_restored(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,Thành phố Hà Nội,Tỉnh,,,,,\n1,Quận Ba Đình,district,1,,,,\n")
    registry, problems = read_registry(path)
    assert problems == []
    assert [(u.code, u.parent_code) for u in registry.units] == [("01", ""), ("001", "01")]


def test_text_is_stored_as_nfc(tmp_path: Path) -> None:
    import unicodedata

    path = write(tmp_path, HEADER + unicodedata.normalize("NFD", "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n"))
    registry, _ = read_registry(path)
    assert registry.units[0].name == "Tỉnh Trà Vinh"
    assert registry.units[0].kind is UnitKind.PROVINCE


def test_a_windows_1258_file_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", HEADER + "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n")
    path = write(tmp_path, text, encoding="cp1258")
    with pytest.raises(DataError) as err:
        read_registry(path)
    message = str(err.value)
    assert f"{path}:2: the file is not UTF-8" in message
    assert 'Save As > "CSV UTF-8 (Comma delimited) (*.csv)"' in message


def test_a_utf16_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, encoding="utf-16")
    with pytest.raises(DataError, match="UTF-16"):
        read_registry(path)


def test_missing_columns_and_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"units.csv:1: missing column\(s\) kind, parent_code"):
        read_registry(write(tmp_path, "code,name\n84,Trà Vinh\n"))
    with pytest.raises(DataError, match="no such file"):
        read_registry(tmp_path / "absent.csv")


def test_bad_cells_are_all_reported_with_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n"
        + "845,Huyện Cầu Kè,Quận huyện,84,,,,\n"
        + "846,Huyện Tiểu Cần,Huyện,84,2018x,,,\n"
        + "847,Huyện Châu Thành,Huyện,84,1989,,,\n"
        + "848,Huyện Cầu Ngang,Huyện,84,2022,,31/02/2023,\n"
        + "849,Huyện Trà Cú,Huyện,84,,,2024-04-08,\n",
    )
    _, problems = read_registry(path)
    assert problems == [
        f"{path}:3: kind: 'Quận huyện' is not a kind of unit; use Tỉnh, Huyện, Thị xã, Thành phố, "
        "Xã, Phường, Thị trấn (or province, district, town, city, commune, ward, township)",
        f"{path}:4: ntm_year: '2018x' is not a year",
        f"{path}:5: ntm_year: 1989 is outside 1990–2100",
        f"{path}:6: ntm_decided_on: '31/02/2023' is not a date; write YYYY-MM-DD, e.g. 2024-04-08",
        f"{path}:7: ntm_year: empty but a decision is given; write the result year (năm đạt chuẩn)",
    ]


def test_an_unknown_column_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_registry(write(tmp_path, "code,name,kind,parent_code,ntm_yaer\n"))
    assert problems and "column 'ntm_yaer' is not known" in problems[0]


PLAN = """\
plan:
  id: test-plan
  number: "1/KH"
  title: Test
  area: "84"
  period: {start: 2021, end: 2025}
milestones:
  - id: a
    year: 2023
    kind: share
    scope: commune
    level: advanced
    target: 50
    wording: "50% số xã đạt chuẩn NTM nâng cao"
  - id: b
    year: 2023
    kind: unit
    unit: 845
    level: advanced
    wording: "Huyện Cầu Kè đạt NTM nâng cao"
"""


def test_a_valid_plan(tmp_path: Path) -> None:
    plan, problems = parse_plan(PLAN.encode(), tmp_path / "targets.yaml")
    assert problems == []
    assert plan is not None
    assert plan.area_code == "84"
    assert [m.unit_code for m in plan.milestones] == ["", "845"]  # an unquoted code is text
    assert [m.line for m in plan.milestones] == [8, 15]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    level: advanced\n    wording: "Huyện',
            '    level: nang cao\n    wording: "Huyện',
            "targets.yaml:19: milestones[1].level: 'nang cao' is not a level; "
            "use ntm, advanced or model",
        ),
        (
            "    target: 50\n",
            "    target: 150\n",
            "targets.yaml:8: milestones[0]: target: a share is a percentage in (0, 100], not 150.0",
        ),
        (
            "    kind: share\n",
            "    kind: ratio\n",
            "targets.yaml:10: milestones[0].kind: 'ratio' is not a kind of milestone; "
            "use count, increase, share, unit",
        ),
        ("    unit: 845\n", "", "a 'unit' milestone names its unit"),
        (
            "  - id: b\n    year: 2023",
            "  - id: a\n    year: 2023",
            "targets.yaml:15: milestones[1].id: 'a' is also milestones[0]; ids are unique",
        ),
        (
            "  - id: b\n    year: 2023",
            "  - id: b\n    year: 2027",
            "targets.yaml:15: milestones[1].year: 2027 is outside the plan period 2021–2025",
        ),
        (
            "    scope: commune\n",
            "    scope: commune\n    scop: x\n",
            "targets.yaml:12: milestones[0].scop: is not a known field",
        ),
        ("  title: Test\n", "  title: [Test\n", "targets.yaml:5: not valid YAML"),
    ],
)
def test_each_plan_problem_names_line_and_place(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in PLAN
    plan, problems = parse_plan(PLAN.replace(old, new, 1).encode(), tmp_path / "targets.yaml")
    assert plan is None
    assert any(expected in p for p in problems), problems


def test_the_validated_plan_is_cached_and_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(PLAN, encoding="utf-8")
    first = load_plan(path)
    cached = load_plan(path)
    assert cached == first
    path.write_text(PLAN.replace("target: 50", "target: 60"), encoding="utf-8")
    assert load_plan(path).milestones[0].target == 60
    path.write_text(PLAN.replace("level: advanced", "level: high", 1), encoding="utf-8")
    with pytest.raises(DataError, match="'high' is not a level"):
        load_plan(path)


def test_a_cache_entry_is_used_only_for_the_exact_file_it_came_from(tmp_path: Path) -> None:
    import json
    import os

    path = tmp_path / "targets.yaml"
    path.write_text(PLAN, encoding="utf-8")
    load_plan(path)
    (entry,) = Path(os.environ["NTM_CACHE_DIR"]).glob("plan-*.json")
    # Forge the entry as a crc32 collision would leave it: same name, another file's plan.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["plan"]["milestones"][0]["target"] = 99
    data["source"] = data["source"].replace("target: 50", "target: 99")
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_plan(path).milestones[0].target == 50
    entry.write_text("{not json", encoding="utf-8")
    assert load_plan(path).milestones[0].target == 50


def test_a_revocation_must_follow_what_it_revokes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "code,name,kind,parent_code,ntm_year,advanced_year,revoked_level,revoked_on\n"
        "1,Xã Một,Xã,,2019,2022,advanced,2021-01-01\n"
        "2,Xã Hai,Xã,,2019,,model,2023-01-01\n"
        "3,Xã Ba,Xã,,2019,2022,advanced,2024-03-01\n",
    )
    _, problems = read_registry(path)
    assert problems == [
        f"{path}:2: revoked_on: 2021-01-01 is before the advanced result year 2022",
        f"{path}:3: revoked_level: model is revoked but was never reached",
    ]
