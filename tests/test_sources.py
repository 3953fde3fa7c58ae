"""Reading the registry and the plan: formats Excel writes, and every bad input with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import ADVANCED, LADDER, LEVELS_YAML, MODEL, NTM
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.models import Registry, UnitKind
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
    registry, problems = read_registry(path, LADDER)
    assert problems == []
    assert [u.code for u in registry.units] == ["84", "845", "29320"]
    hoa_tan = registry.by_code["29320"]
    assert (hoa_tan.kind, hoa_tan.recognitions[NTM].year) == (UnitKind.COMMUNE, 2017)
    assert registry.by_code["845"].recognitions[ADVANCED].year == 2023


def test_codes_that_lost_leading_zeros_are_restored(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,Thành phố Hà Nội,Tỉnh,,,,,\n1,Quận Ba Đình,district,1,,,,\n")
    registry, problems = read_registry(path, LADDER)
    assert problems == []
    assert [(u.code, u.parent_code) for u in registry.units] == [("01", ""), ("001", "01")]


def test_text_is_stored_as_nfc(tmp_path: Path) -> None:
    import unicodedata

    path = write(tmp_path, HEADER + unicodedata.normalize("NFD", "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n"))
    registry, _ = read_registry(path, LADDER)
    assert registry.units[0].name == "Tỉnh Trà Vinh"
    assert registry.units[0].kind is UnitKind.PROVINCE


def test_a_windows_1258_file_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", HEADER + "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n")
    path = write(tmp_path, text, encoding="cp1258")
    with pytest.raises(DataError) as err:
        read_registry(path, LADDER)
    message = str(err.value)
    assert f"{path}:2: the file is not UTF-8" in message
    assert 'Save As > "CSV UTF-8 (Comma delimited) (*.csv)"' in message


def test_a_utf16_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, encoding="utf-16")
    with pytest.raises(DataError, match="UTF-16"):
        read_registry(path, LADDER)


def test_missing_columns_and_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"units.csv:1: missing column\(s\) kind, parent_code"):
        read_registry(write(tmp_path, "code,name\n84,Trà Vinh\n"), LADDER)
    with pytest.raises(DataError, match="no such file"):
        read_registry(tmp_path / "absent.csv", LADDER)


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
    _, problems = read_registry(path, LADDER)
    assert [str(p) for p in problems] == [
        f"{path}:3: kind: 'Quận huyện' is not a kind of unit; use Tỉnh, Huyện, Thị xã, Thành phố, "
        "Xã, Phường, Thị trấn (or province, district, town, city, commune, ward, township)",
        f"{path}:4: ntm_year: '2018x' is not a year",
        f"{path}:5: ntm_year: 1989 is outside 1990–2100",
        f"{path}:6: ntm_decided_on: '31/02/2023' is not a date: the day does not exist "
        "(month 2 of 2023 has 28 days)",
        f"{path}:7: ntm_year: empty but a decision is given; write the result year (năm đạt chuẩn)",
    ]


def test_an_unknown_column_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_registry(write(tmp_path, "code,name,kind,parent_code,ntm_yaer\n"), LADDER)
    assert problems and "column 'ntm_yaer' is not known" in str(problems[0])


PLAN = (
    """\
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
    + LEVELS_YAML
)


def test_a_plan_without_its_levels_or_with_one_twice_is_refused(tmp_path: Path) -> None:
    from ntm_cli.domain.i18n import Lang

    path = tmp_path / "targets.yaml"
    bare = PLAN.replace(LEVELS_YAML, "")
    _, problems = parse_plan(bare.encode(), path)
    assert [p.text(Lang.VI) for p in problems] == [f"{path}:1: levels: thiếu mục bắt buộc này"]
    twice = PLAN + "  - {id: model, name: Kiểu mẫu, short: KM, phrase: chuẩn kiểu mẫu}\n"
    _, problems = parse_plan(twice.encode(), path)
    assert [p.text(Lang.VI) for p in problems] == [
        f"{path}:25: levels[3].id: mức 'model' đã có ở trên; mỗi mức chỉ khai một lần"
    ]


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
            '    level: rất cao\n    wording: "Huyện',
            "targets.yaml:19: milestones[1].level: 'rất cao' is not a level of the plan; "
            "its levels (levels: in targets.yaml): ntm, advanced, model",
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
    assert any(expected in str(p) for p in problems), problems


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
    assert "target: 50" in entry.read_text(encoding="utf-8")  # the stored copy of the file
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
    _, problems = read_registry(path, LADDER)
    assert [str(p) for p in problems] == [
        f"{path}:2: revoked_on: 2021-01-01 is before the advanced result year 2022",
        f"{path}:3: revoked_level: model is revoked but was never reached",
    ]


# Coded messages: Vietnamese by default, English for programs; pydantic's words never shown


def test_every_data_message_has_both_languages_with_the_same_parameters() -> None:
    import string

    from ntm_cli.domain.catalogue.data import MESSAGES

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for code, (vi, en) in MESSAGES.items():
        assert names(vi) == names(en), code
        for word in (" is ", " the ", " not ", " should ", " must ", "Input ", "Field "):
            assert word not in f" {vi} ", (code, vi)


def test_a_day_that_does_not_exist_is_named_so() -> None:
    import datetime as dt

    from ntm_cli.domain.errors import ValueProblem
    from ntm_cli.domain.i18n import Lang
    from ntm_cli.sources.registry import parse_date

    for text in ("31/02/2023", "2023-02-31"):
        with pytest.raises(ValueProblem) as err:
            parse_date(text)
        assert err.value.code == "date.no_such_day"
        assert "the day does not exist (month 2 of 2023 has 28 days)" in err.value.text(Lang.EN)
        assert err.value.text(Lang.VI) == (
            f"{text!r} không phải ngày có thật: tháng 2/2023 chỉ có 28 ngày"
        )
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
    assert parse_date("2024-04-08") == dt.date(2024, 4, 8)
    for text in ("31/13/2023", "hôm qua", "2024-4"):
        with pytest.raises(ValueError, match="is not a date; write YYYY-MM-DD"):
            parse_date(text)


def test_registry_problems_read_in_vietnamese(tmp_path: Path) -> None:
    from ntm_cli.domain.i18n import Lang

    path = write(
        tmp_path,
        HEADER
        + "84,Tỉnh Trà Vinh,Tỉnh,,,,,\n"
        + "845,Huyện Cầu Kè,Quận huyện,84,,,,\n"
        + "846,Huyện Tiểu Cần,Huyện,84,2018x,,,\n"
        + "848,Huyện Cầu Ngang,Huyện,84,2022,,31/02/2023,\n"
        + "849,Huyện Trà Cú,Huyện,84,,2021,,\n",
    )
    _, problems = read_registry(path, LADDER)
    assert [p.msg.code for p in problems] == [
        "unitkind.invalid", "year.invalid", "date.no_such_day", "registry.ladder.lower_missing",
    ]  # fmt: skip
    assert [p.text(Lang.VI) for p in problems] == [
        f"{path}:3: kind: 'Quận huyện' không phải loại đơn vị; ghi Tỉnh, Huyện, Thị xã, "
        "Thành phố, Xã, Phường hoặc Thị trấn",
        f"{path}:4: ntm_year: '2018x' không phải năm",
        f"{path}:5: ntm_decided_on: '31/02/2023' không phải ngày có thật: tháng 2/2023 chỉ có "
        "28 ngày",
        f"{path}:6: ntm_year: để trống nhưng năm đạt NTM nâng cao là 2021; đơn vị phải đạt "
        "Nông thôn mới trước NTM nâng cao",
    ]


def test_plan_problems_read_in_vietnamese(tmp_path: Path) -> None:
    from ntm_cli.domain.i18n import Lang

    text = PLAN.replace(
        'level: advanced\n    wording: "Huyện', 'level: rất cao\n    wording: "Huyện'
    )
    text = text.replace("target: 50", "target: 150")
    _, problems = parse_plan(text.encode(), tmp_path / "targets.yaml")
    vi = [p.text(Lang.VI) for p in problems]
    assert (
        f"{tmp_path / 'targets.yaml'}:8: milestones[0]: target: tỷ lệ là phần trăm trong "
        "khoảng (0, 100], không phải 150" in vi
    )
    assert any("'rất cao' không phải mức đạt chuẩn của kế hoạch" in line for line in vi), vi
    assert [p.msg.code for p in problems] == ["plan.milestone.share_range", "level.invalid"]


@pytest.mark.parametrize(
    ("old", "new", "code", "vietnamese"),
    [
        ("  number: \"1/KH\"\n", "", "schema.missing", "plan.number: thiếu mục bắt buộc này"),
        ("    scope: commune\n", "    scope: commune\n    scop: x\n", "schema.extra_forbidden",
         "milestones[0].scop: không phải mục có trong mẫu"),
        ("    year: 2023\n    kind: share", "    year: hai nghìn\n    kind: share", "schema.int",
         "milestones[0].year: phải là số nguyên"),
        ("    year: 2023\n    kind: share", "    year: 2023.5\n    kind: share",
         "schema.int_from_float", "phải là số nguyên, không có phần thập phân"),
        ("  title: Test\n", "  title: [Test]\n", "schema.string", "plan.title: phải là văn bản"),
        ("  title: Test\n", "  title: Test\n  issued_on: 2023-02-31\n", "schema.date",
         "plan.issued_on: phải là ngày hợp lệ"),
        ("    target: 50\n", "    target: 50\n    binding: maybe\n", "schema.bool",
         "milestones[0].binding: phải là true (có) hoặc false (không)"),
        ("    target: 50\n", "    target: -5\n", "schema.greater_than_equal",
         "milestones[0].target: phải lớn hơn hoặc bằng 0"),
        ("  period: {start: 2021, end: 2025}\n", "  period: {start: 2021, end: 2225}\n",
         "schema.less_than_equal", "plan.period.end: phải nhỏ hơn hoặc bằng 2100"),
        ("  period: {start: 2021, end: 2025}\n", "  period: 2021\n", "schema.mapping",
         "plan.period: phải là một nhóm mục"),
        ("milestones:\n", "returns: {due_day: .inf}\nmilestones:\n", "schema.finite_number",
         "returns.due_day: phải là số hữu hạn"),
        ("milestones:\n", "recognition: {decisions_until: '31/02'}\nmilestones:\n",
         "plan.recognition.invalid",
         "recognition.decisions_until: '31/02' không phải ngày/tháng; ghi như \"30/06\""),
        ("milestones:\n", "awards: {rules: []}\nmilestones:\n", "schema.too_short",
         "awards.rules: phải có ít nhất 1 phần tử (đang có 0)"),
        ("milestones:\n", "awards: {rules: x}\nmilestones:\n", "schema.list",
         "awards.rules: phải là một danh sách"),
        ("    wording: \"50% số xã đạt chuẩn NTM nâng cao\"\n", "    wording: \"\"\n",
         "schema.string_too_short", "milestones[0].wording: phải có ít nhất 1 ký tự"),
        ("  id: test-plan\n", "  id: Test Plan\n", "plan.id.invalid",
         "plan.id: 'Test Plan' không phải mã hợp lệ"),
        ("  period: {start: 2021, end: 2025}\n", "  period: {start: 2025, end: 2021}\n",
         "plan.period.order", "plan.period: năm kết thúc 2021 trước năm bắt đầu 2025"),
    ],
)  # fmt: skip
def test_each_pydantic_error_has_a_code_and_vietnamese(
    tmp_path: Path, old: str, new: str, code: str, vietnamese: str
) -> None:
    from ntm_cli.domain.i18n import Lang

    assert old in PLAN
    plan, problems = parse_plan(PLAN.replace(old, new, 1).encode(), tmp_path / "targets.yaml")
    assert plan is None
    assert code in [p.msg.code for p in problems], problems
    (problem,) = [p for p in problems if p.msg.code == code]
    assert vietnamese in problem.text(Lang.VI)
    english = problem.text(Lang.EN)
    assert "Value error" not in english and code not in english


def test_every_mapped_pydantic_error_type_has_a_code() -> None:
    from ntm_cli.domain.catalogue import CATALOGUE
    from ntm_cli.sources.yamlfile import _SCHEMA_CODES, schema_message

    assert set(_SCHEMA_CODES.values()) <= set(CATALOGUE)
    assert schema_message({"type": "something_new", "ctx": {}}).code == "schema.other"


def test_yaml_syntax_problems_are_worded_in_vietnamese(tmp_path: Path) -> None:
    from ntm_cli.domain.i18n import Lang

    path = tmp_path / "targets.yaml"
    for old, new, code in [
        ("  title: Test\n", "  title: Test\n\ttab: x\n", "yaml.tab"),
        ("    target: 50\n", "    target: 50\n    target: 60\n", "yaml.key_twice"),
        ("  title: Test\n", "  title: Test: a\n", "yaml.colon"),
        ('Kè đạt NTM nâng cao"\n', "Kè đạt NTM nâng cao\n", "yaml.unclosed"),
        ("  title: Test\n", '  title: "bell \x07"\n', "yaml.control_char"),
    ]:
        _, problems = parse_plan(PLAN.replace(old, new, 1).encode(), path)
        assert [p.msg.code for p in problems] == [code], (new, problems)
        assert "YAML không hợp lệ" in problems[0].text(Lang.VI)
    _, problems = parse_plan(b"- a list\n", path)
    assert problems[0].text(Lang.VI) == (
        f"{path}:1: kế hoạch phải là một nhóm mục có 'plan:' và 'milestones:'"
    )


def test_lookup_problems_are_coded() -> None:
    import dataclasses

    from builders import province, unit
    from ntm_cli.domain.errors import LookupProblem
    from ntm_cli.domain.i18n import Lang
    from ntm_cli.domain.lookup import resolve_unit

    registry = province(
        dataclasses.replace(unit("29263", UnitKind.COMMUNE, "01"), name="Xã Long Đức"),
        dataclasses.replace(unit("29264", UnitKind.COMMUNE, "01"), name="Xã Long Hòa"),
    )
    with pytest.raises(LookupProblem) as err:
        resolve_unit(registry, "Long", {UnitKind.COMMUNE}, what="commune")
    assert err.value.code == "lookup.near.commune"
    assert err.value.text(Lang.EN) == (
        "no commune matches 'Long'; did you mean Xã Long Đức (29263), Xã Long Hòa (29264)?"
    )
    assert err.value.text(Lang.VI) == (
        "không có xã nào khớp với 'Long'; gần đúng: Xã Long Đức (29263), Xã Long Hòa (29264)"
    )
    with pytest.raises(LookupProblem) as err:
        resolve_unit(registry, "Zzz", what="district-level unit")
    assert err.value.text(Lang.VI) == "không có đơn vị cấp huyện nào khớp với 'Zzz'"


# The cache: derived from the dataclasses, every field round-trips


def test_every_dataclass_field_round_trips_through_the_cache_form() -> None:
    import dataclasses
    import datetime as dt
    import json

    from ntm_cli.domain.models import (
        AwardRule,
        Milestone,
        MilestoneKind,
        OcopValidity,
        Plan,
        Recognition,
        Scope,
        Subject,
        Unit,
    )
    from ntm_cli.domain.returns import Computed, CriteriaSet, Criterion
    from ntm_cli.sources.cache import from_json, to_json

    plan = Plan(
        id="p", title="Kế hoạch", number="1/KH", issued_on=dt.date(2021, 3, 4), issuer="UBND",
        area_code="84", start_year=2021, end_year=2025, title_en="Plan", source="s",
        path="/x/targets.yaml", criteria={"commune": {NTM: "qd318", MODEL: "qd319"}},
        area_line=7, due_day=10, ladder=LADDER,
        milestones=(
            Milestone("m", 2023, MilestoneKind.SHARE, Scope.COMMUNE, ADVANCED, 50.5,
                      binding=False, unit_code="845", wording="w", wording_en="we", line=9),
        ),
        awards=(
            AwardRule("a", "Giải", Subject.DISTRICT, name_en="Award",
                      reached=(NTM, MODEL), max_debt=1.5, all_criteria=True,
                      basis="b", line=3),
            AwardRule("b", "Doanh nghiệp", Subject.ENTERPRISE, requires=("contribution",),
                      any_of=("ocop", "jobs"), min_ocop=2, min_stars=4, min_jobs=5,
                      ocop_validity=OcopValidity(36, "QĐ", False), council=("x",),
                      council_en=("y",)),
        ),
    )  # fmt: skip
    criteria = CriteriaSet(
        id="qd318", title="Bộ tiêu chí", decision="318/QĐ-TTg", scope="commune",
        title_en="Criteria",
        groups={"I": ("Quy hoạch", "Planning"), "II": ("Hạ tầng", "Infrastructure")},
        criteria=(
            Criterion("17", "Môi trường", "Environment", "I",
                      indicators=(Criterion("17.1", "Nước sạch", "Water", "I", sure="1"),)),
            Criterion("ĐK1", "Đạt nâng cao", "Advanced", "II", sure="2+",
                      computed=Computed("commune", "advanced", 10.0)),
            Criterion("ĐK4", "Lĩnh vực", "Field", "II", choice="Lĩnh vực", choice_en="Field",
                      choices=("Sản xuất", "Du lịch")),
        ),
        level="model", requires="advanced", includes=("qd318-nc",), sure="1",
        source="nguồn", amended_by="211/QĐ-TTg", amended_on=dt.date(2024, 3, 1),
        decided_on=dt.date(2022, 3, 8),
    )  # fmt: skip
    unit_ = Unit(
        "29263", "Xã Long Đức", UnitKind.COMMUNE, "842",
        recognitions={NTM: Recognition(2015, "QĐ 1", dt.date(2016, 1, 2)),
                      ADVANCED: Recognition(2020)},
        revoked_level=ADVANCED, revoked_on=dt.date(2023, 1, 1), source="s", line=4,
    )  # fmt: skip
    for value in (plan, criteria, unit_):
        data = json.loads(json.dumps(to_json(value)))
        back = from_json(type(value), data)
        assert back == value
        for f in dataclasses.fields(value):  # no field is left at a default by the round trip
            if f.init:
                assert f.name in data
                assert getattr(back, f.name) == getattr(value, f.name), f.name
                assert type(getattr(back, f.name)) is type(getattr(value, f.name)), f.name
    with pytest.raises((KeyError, TypeError, ValueError)):
        from_json(Plan, {**to_json(plan), "milestones": [{"id": "m"}]})
    with pytest.raises((KeyError, TypeError, ValueError)):
        from_json(Plan, {**to_json(plan), "due_day": "10"})


def test_the_criteria_set_is_cached_like_the_plan(data_copy: Path) -> None:
    import json
    import os

    from ntm_cli.sources.criteria import load_criteria

    first = load_criteria(data_copy, "qd318-2022-xa")
    (entry,) = Path(os.environ["NTM_CACHE_DIR"]).glob("criteria-*.json")
    assert load_criteria(data_copy, "qd318-2022-xa") == first
    # a forged entry (another file's set under the same name) is not used
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["criteria"]["title"] = "forged"
    data["source"] += "\n# another file"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_criteria(data_copy, "qd318-2022-xa").title == first.title
    # a changed file is read afresh, and a broken one refused with its problems
    path = data_copy / "criteria" / "qd318-2022-xa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('group: "V"', 'group: "VI"'), "utf-8")
    with pytest.raises(DataError) as err:
        load_criteria(data_copy, "qd318-2022-xa")
    assert err.value.code == "criteria.invalid"
    assert any(p.msg.code == "criteria.group.unknown" for p in err.value.problems)


def test_cross_checks_are_skipped_only_for_the_files_that_passed_them(data_copy: Path) -> None:
    from ntm_cli.engine.check import check_plan, check_registry
    from ntm_cli.sources.datadir import load

    calls: list[int] = []

    def check(plan, registry):  # type: ignore[no-untyped-def]
        calls.append(1)
        return check_registry(registry) + check_plan(plan, registry)

    load(data_copy, check)
    load(data_copy, check)
    assert len(calls) == 1  # the second load found the note of the first
    units = data_copy / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    units.write_text("\n".join([*lines, lines[-1]]) + "\n", encoding="utf-8")  # a code twice
    with pytest.raises(DataError) as err:
        load(data_copy, check)
    assert len(calls) == 2 and any(
        p.msg.code == "registry.code.duplicate" for p in err.value.problems
    )


def test_the_registry_is_cached_and_keeps_the_path_it_was_read_from(
    data_copy: Path, tmp_path: Path
) -> None:
    import os
    import shutil

    from ntm_cli.sources.datadir import load_registry

    first, problems = load_registry(data_copy / "units.csv", LADDER)
    assert problems == []
    cache = Path(os.environ["NTM_CACHE_DIR"])
    assert [p.name for p in cache.glob("registry-*.json")]  # stored once it had no problem
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    again, _ = load_registry(other / "units.csv", LADDER)
    assert again == Registry(first.units, str(other / "units.csv"))  # from the cache, its own path
    units = other / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "1,,Xã,,\n", encoding="utf-8")
    broken, problems = load_registry(units, LADDER)
    assert problems and len(broken.units) == len(first.units) + 1  # read afresh, not cached
