"""Gaps, forecasts and the commendation shortlist on hand-built registries and returns, where
every right answer is worked out in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from builders import ADVANCED, LADDER, MODEL, NTM, milestone, plan, province, unit
from ntm_cli.cli.app import app
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.models import (
    AwardRule,
    Level,
    MilestoneKind,
    Plan,
    Registry,
    Subject,
    UnitKind,
)
from ntm_cli.domain.returns import CriteriaBook, CriteriaSet, Criterion, Return
from ntm_cli.engine.awards import Verdict, shortlist
from ntm_cli.engine.forecast import Outlook, forecast, weighted_trend
from ntm_cli.engine.gaps import find_gaps
from ntm_cli.render.analysis import (
    build_awards,
    build_forecast,
    forecast_json,
    reason_text,
    why_text,
)

TODAY = dt.date(2024, 7, 10)
CRITERIA = CriteriaSet(
    id="test-5",
    title="Five criteria",
    decision="",
    scope="commune",
    criteria=tuple(Criterion(str(n), f"Tiêu chí {n}", f"Criterion {n}", "I") for n in range(1, 6)),
)
BOOK = CriteriaBook.single(LADDER, CRITERIA)
runner = CliRunner()
C = UnitKind.COMMUNE
D = UnitKind.DISTRICT


def ret(code: str, met: str, period: str = "2024-06", **kw: object) -> Return:
    """`met` is one character per criterion: 1 met, 0 not met, . blank."""
    statuses = {str(i + 1): {"1": True, "0": False, ".": None}[ch] for i, ch in enumerate(met)}
    return Return(code, period, CRITERIA.id, statuses, **kw)  # type: ignore[arg-type]


def registry() -> Registry:
    """District 101 with communes 1001-1004, district 102 with 1005-1006; all at NTM since 2020,
    1004 advanced in 2022."""
    return province(
        unit("101", D, "01", ntm=2020),
        unit("1001", C, "101", ntm=2020),
        unit("1002", C, "101", ntm=2020),
        unit("1003", C, "101", ntm=2020),
        unit("1004", C, "101", ntm=2019, advanced=2022),
        unit("102", D, "01"),
        unit("1005", C, "102", ntm=2020),
        unit("1006", C, "102", ntm=2020),
    )


RETURNS = {
    "1001": ret("1001", "11111"),  # every criterion: ready
    "1002": ret("1002", "11011"),  # misses 3
    "1003": ret("1003", "01011"),  # misses 1 and 3
    "1004": ret("1004", "10101"),  # advanced, works towards model: misses 2 and 4
    "1005": ret("1005", "1.011"),  # 2 blank, 3 not met: gap 2
    # 1006 sends nothing
}


def test_gaps_weakest_criteria_near_misses_and_the_milestone() -> None:
    share = milestone(MilestoneKind.SHARE, ADVANCED, target=50, year=2024)
    result = find_gaps(plan(share), registry(), BOOK, "2024-06", RETURNS, TODAY)
    towards_advanced, towards_model = result.levels
    assert towards_advanced.level == ADVANCED
    assert [u.code for u in towards_advanced.communes] == ["1001", "1002", "1003", "1005", "1006"]
    assert [u.code for u in towards_advanced.without_return] == ["1006"]
    # Criterion 3 is not met by 1002, 1003 and 1005: 3 of 4; criterion 1 by 1003: 1 of 4;
    # criterion 2 is blank for 1005, so 0 of the 3 that answer it.
    rows = {r.criterion.number: (r.not_met, r.reporting) for r in towards_advanced.criteria}
    assert rows == {"1": (1, 4), "2": (0, 3), "3": (3, 4), "4": (0, 4), "5": (0, 4)}
    assert towards_advanced.criteria[0].criterion.number == "3"  # weakest first
    assert towards_advanced.criteria[1].criterion.number == "1"
    assert [g.unit.code for g in towards_advanced.ready] == ["1001"]
    assert [(g.unit.code, g.gap) for g in towards_advanced.near] == [
        ("1002", 1),
        ("1003", 2),
        ("1005", 2),
    ]
    assert towards_advanced.near[2].missing == ("2", "3")
    by_district = {d.district.code: (d.communes, d.with_return) for d in towards_advanced.districts}
    assert by_district == {"101": (3, 3), "102": (2, 1)}
    # 50% of 6 communes needs 3; one is advanced, so 2 short: 1001 (ready) and 1002 close it.
    (link,) = towards_advanced.milestones
    assert (link.result.required, link.result.actual, link.result.shortfall) == (3, 1, 2)
    assert [g.unit.code for g in link.closest()] == ["1001", "1002"]
    assert towards_model.level == MODEL
    assert [(g.unit.code, g.missing) for g in towards_model.near] == [("1004", ("2", "4"))]


def test_gaps_for_one_district_and_one_level() -> None:
    reg = registry()
    result = find_gaps(plan(), reg, BOOK, "2024-06", RETURNS, TODAY,
                       district=reg.by_code["102"], level=ADVANCED)  # fmt: skip
    (section,) = result.levels
    assert [u.code for u in section.communes] == ["1005", "1006"]
    assert [g.unit.code for g in section.near] == ["1005"]
    assert not section.ready


def test_weighted_trend_weighs_recent_years_more() -> None:
    # Years 2020-2022 with 0, 0, 3 units and weights 1, 2, 3: weighted means x = 2021 1/3,
    # y = 1.5; Sxx = 16/9 + 2/9 + 12/9 = 10/3; Sxy = 2 + 1 + 3 = 6; slope 1.8 (unweighted: 1.5).
    trend = weighted_trend([2020, 2021, 2022], [0, 0, 3])
    assert trend.slope == pytest.approx(1.8)
    assert trend.at(2023) == pytest.approx(4.5)
    assert not weighted_trend([2021, 2022], [0, 3]).enough


def forecast_registry() -> Registry:
    """Ten communes at NTM; advanced results 2020: 1, 2021: 2, 2022: 3, 2023: 4 (one a year)."""
    units = [unit("101", D, "01", ntm=2020)]
    for i in range(10):
        advanced = 2020 + i if i < 4 else None
        units.append(unit(f"10{i:02d}", C, "101", ntm=2019, advanced=advanced))
    return province(*units)


def test_forecast_pipeline_near_misses_and_trend() -> None:
    reg = forecast_registry()
    seventy = milestone(MilestoneKind.SHARE, ADVANCED, target=70, year=2025)
    fifty = milestone(MilestoneKind.SHARE, ADVANCED, target=50, year=2024)
    p = plan(fifty, seventy)
    returns = {"1004": ret("1004", "11111"), "1005": ret("1005", "01111"),
               "1006": ret("1006", "00011"), "1007": ret("1007", "00001")}  # fmt: skip
    result = forecast(p, reg, BOOK, returns, TODAY, "2024-06")
    assert result.final_year == 2023
    first, second = result.rows
    # 2024: 50% of 10 needs 5, 4 reached: 1 needed, and 1004 meets every criterion: likely.
    assert (first.needed, len(first.ready), len(first.near)) == (1, 1, 2)
    assert first.outlook is Outlook.LIKELY
    # Trend over the five result years 2019-2023: 0, 1, 2, 3, 4: +1 a year, 6 by 2025.
    assert first.trend is not None and first.trend.values == (0, 1, 2, 3, 4)
    assert second.projected == 6
    # 2025: 70% needs 7: 3 needed; 1 ready + 2 near-misses (1005 short of 1, 1006 of 3) cover it.
    assert (second.needed, second.candidates, second.without_return) == (3, 6, 2)
    assert second.outlook is Outlook.AT_RISK
    assert second.basis == "near"


def test_forecast_unlikely_and_too_few_data() -> None:
    reg = forecast_registry()
    p = plan(milestone(MilestoneKind.SHARE, ADVANCED, target=100, year=2025))
    (row,) = forecast(p, reg, BOOK, {}, TODAY).rows
    assert (row.needed, row.projected, row.outlook) == (6, 6, Outlook.UNLIKELY)
    # A registry whose first results are of 2022: two years, too few to project.
    young = province(unit("101", D, "01"), *(unit(f"10{i:02d}", C, "101", ntm=2022 + i % 2)
                                             for i in range(10)))  # fmt: skip
    p = plan(milestone(MilestoneKind.SHARE, ADVANCED, target=50, year=2025))
    (row,) = forecast(p, young, BOOK, {}, TODAY).rows
    assert row.trend is not None and row.trend.years == (2022, 2023)
    assert row.projected is None and not row.trend.enough
    # No trend, no returns: the ten communes without a return decide.
    assert (row.needed, row.candidates) == (5, 10) and row.outlook is Outlook.AT_RISK
    assert row.basis == "unknown"


def test_a_trend_that_reaches_the_target_is_at_risk_and_the_rule_says_why() -> None:
    # 60% of 10 needs 6 by 2025, 4 reached: the trend (+1 a year, 0-4 over 2019-2023) projects
    # 6, but no return shows a ready commune: at risk, not likely. The printed rule says so.
    reg = forecast_registry()
    p = plan(milestone(MilestoneKind.SHARE, ADVANCED, target=60, year=2025))
    result = forecast(p, reg, BOOK, {}, TODAY)
    (row,) = result.rows
    assert (row.result.required, row.projected, len(row.ready)) == (6, 6, 0)
    assert (row.outlook, row.basis) == (Outlook.AT_RISK, "trend")
    console = Console(width=400, record=True)
    console.print(build_forecast(result, reg, Lang.EN))
    text = console.export_text()
    assert "at risk when ready and near-miss communes cover it, or when only the trend " in text
    assert "How a district-level milestone" not in text  # no district row here
    console.print(build_forecast(result, reg, Lang.VI))
    assert "hoặc khi chỉ riêng xu hướng đạt mục tiêu" in console.export_text()
    rule = forecast_json(result)["rule"]
    assert set(rule) == {"commune", "district", "unit"}
    assert "only the trend reaches the target" in rule["commune"]


def test_the_trend_says_which_of_its_units_are_illustrative() -> None:
    # Communes advanced in 2020, 2021, 2022 and 2023, one a year; the notes make the years of
    # 1000 and 1002 illustrative and 1001's published (only its NTM year is illustrative);
    # 1003's note is about its decision date only.
    notes = {
        "1000": "illustrative",
        "1001": "advanced result 2021 (published); NTM year illustrative",
        "1002": "model result 2023 (published); NTM and advanced years illustrative",
        "1003": "advanced result 2023 (published); decision date illustrative",
    }
    reg = forecast_registry()
    reg = Registry(tuple(dataclasses.replace(u, source=notes.get(u.code, ""))
                         for u in reg.units))  # fmt: skip
    p = plan(milestone(MilestoneKind.SHARE, ADVANCED, target=60, year=2025))
    result = forecast(p, reg, BOOK, {}, TODAY)
    (row,) = result.rows
    assert row.trend is not None
    assert row.trend.years == (2019, 2020, 2021, 2022, 2023)
    assert row.trend.values == (0, 1, 2, 3, 4)
    assert row.trend.illustrative == (0, 1, 1, 2, 2)
    assert row.trend.illustrative_units == (("1000", 2020), ("1002", 2022))
    console = Console(width=400, record=True)
    console.print(build_forecast(result, reg, Lang.EN))
    assert (
        "Illustrative inputs: the trend of row 1 counts 2 units whose year at the level is "
        "illustrative (source column of units.csv); illustrative/all units at the level by "
        "year: 2019: 0/0, 2020: 1/1, 2021: 1/2, 2022: 2/3, 2023: 2/4."
    ) in console.export_text()
    (item,) = forecast_json(result)["milestones"]
    assert item["illustrative_inputs"] is True
    assert item["trend"]["illustrative"] == [0, 1, 1, 2, 2]
    assert item["trend"]["illustrative_units"] == [
        {"code": "1000", "year": 2020},
        {"code": "1002", "year": 2022},
    ]
    # without any illustrative note, nothing is said
    plain = forecast(p, forecast_registry(), BOOK, {}, TODAY)
    assert forecast_json(plain)["milestones"][0]["illustrative_inputs"] is False
    console = Console(width=400, record=True)
    console.print(build_forecast(plain, reg, Lang.EN))
    assert "Illustrative inputs" not in console.export_text()


def _fields(p: Plan) -> dict[str, object]:
    return {f: getattr(p, f) for f in p.__dataclass_fields__}


def test_forecast_skips_milestones_with_final_results() -> None:
    reg = forecast_registry()
    done = milestone(MilestoneKind.SHARE, ADVANCED, target=30, year=2022)
    result = forecast(plan(done), reg, BOOK, {}, dt.date(2026, 1, 1))
    assert result.rows == ()


RULES = (
    AwardRule("huyen", "Huyện", Subject.DISTRICT, reached=(NTM, ADVANCED), max_debt=0),
    AwardRule("xa", "Xã", Subject.COMMUNE, reached=(NTM, ADVANCED), max_debt=0),
    AwardRule("xa-kieu-mau", "Xã kiểu mẫu", Subject.MODEL_COMMUNE, reached=(MODEL,),
              max_debt=0, all_criteria=True),
)  # fmt: skip


def awards_registry() -> Registry:
    return province(
        unit("101", D, "01", ntm=2024),
        unit("1001", C, "101", ntm=2020, advanced=2024),  # no debt: qualifies
        unit("1002", C, "101", ntm=2024),  # debt 120 in 2025-06: excluded
        unit("1003", C, "101", ntm=2019, advanced=2024),  # no return: to check
        unit("1004", C, "101", ntm=2018, advanced=2020, model=2024),  # criterion 4 not met
        unit("1005", C, "101", ntm=2018, advanced=2021, model=2024),  # model, all met
        unit("102", D, "01", ntm=2020),  # reached in another year: not a candidate
        unit("1006", C, "102", ntm=2023),  # reached in 2023: not a candidate of 2024
    )


def test_awards_shortlist_says_why() -> None:
    reg = awards_registry()
    p = Plan(**{**_fields(plan()), "awards": RULES})
    returns = {
        "1001": ret("1001", "11111", "2025-06", debt=0.0, ocop={3: 2}),
        "1002": ret("1002", "11111", "2025-06", debt=120.0, ocop={4: 1}),
        "1004": ret("1004", "11101", "2025-06", debt=0.0),
        "1005": ret("1005", "11111", "2025-06", debt=0.0, ocop={3: 1, 5: 1}),
        "1006": ret("1006", "11111", "2025-06", debt=None),
    }
    result = shortlist(p, reg, BOOK, 2024, returns, "2025-06")
    rows = {(r.rule.id, r.unit.code): r for r in result.rows}
    assert set(rows) == {("huyen", "101"), ("xa", "1001"), ("xa", "1002"), ("xa", "1003"),
                         ("xa-kieu-mau", "1004"), ("xa-kieu-mau", "1005")}  # fmt: skip
    verdicts = {key: r.verdict for key, r in rows.items()}
    assert verdicts[("xa", "1001")] is Verdict.QUALIFIES
    assert verdicts[("xa", "1002")] is Verdict.EXCLUDED
    assert verdicts[("xa", "1003")] is Verdict.TO_CHECK
    assert verdicts[("xa-kieu-mau", "1004")] is Verdict.EXCLUDED
    assert verdicts[("xa-kieu-mau", "1005")] is Verdict.QUALIFIES
    # District 101 reached NTM in 2024; commune 1002 reports 120 million VND of debt.
    assert verdicts[("huyen", "101")] is Verdict.EXCLUDED
    assert why_text(rows[("xa", "1002")], Lang.EN).startswith(
        "debt 120 million VND in the 2025-06 return"
    )
    assert "debt 120 million VND: Unit 1002 120 (2025-06)" in why_text(
        rows[("huyen", "101")], Lang.EN
    )
    assert "criteria 4 not met (the 2025-06 return)" in why_text(
        rows[("xa-kieu-mau", "1004")], Lang.EN
    )
    assert why_text(rows[("xa", "1001")], Lang.VI) == (
        "đạt NTM nâng cao năm 2024; không nợ đọng XDCB (phiếu 2025-06)"
    )
    # Within a rule, qualifying rows come first.
    xa = [r.unit.code for r in result.rows if r.rule.id == "xa"]
    assert xa == ["1001", "1003", "1002"]
    assert build_awards(result, Lang.VI) is not None


def test_a_district_with_a_silent_commune_is_to_check() -> None:
    reg = awards_registry()
    p = Plan(**{**_fields(plan()), "awards": RULES[:1]})
    returns = {c: ret(c, "11111", debt=0.0) for c in ("1001", "1002", "1004", "1005")}
    (row,) = shortlist(p, reg, BOOK, 2024, returns).rows
    assert row.verdict is Verdict.TO_CHECK
    (debt,) = [r for r in row.reasons if r.key == "debt_unknown"]
    assert reason_text(debt, Lang.EN) == "debt unknown for 1 of 5 communes: Unit 1003"


# Properties -----------------------------------------------------------------------------------

statuses = st.text(alphabet="01.", min_size=5, max_size=5)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[Registry, dict[str, Return]]:
    n = draw(st.integers(1, 12))
    units = [unit("101", D, "01")]
    returns = {}
    for i in range(n):
        code = f"1{i:03d}"
        rank = draw(st.integers(0, 3))
        years = [draw(st.integers(2018, 2024)) for _ in range(rank)]
        years.sort()
        kw = dict(zip(("ntm", "advanced", "model"), years, strict=False))
        units.append(unit(code, C, "101", **kw))  # type: ignore[arg-type]
        if draw(st.booleans()):
            returns[code] = ret(code, draw(statuses))
    return province(*units), returns


@given(worlds(), st.sampled_from(LADDER.levels), st.integers(1, 100))
def test_a_commune_meeting_every_criterion_is_never_a_near_miss(
    world: tuple[Registry, dict[str, Return]], level: Level, target: int
) -> None:
    reg, returns = world
    p = plan(milestone(MilestoneKind.SHARE, level, target=target, year=2024))
    complete = {c for c, r in returns.items() if all(r.statuses.get(str(n)) for n in range(1, 6))}
    for section in find_gaps(p, reg, BOOK, "2024-06", returns, TODAY).levels:
        assert not complete & {g.unit.code for g in section.near}
        assert {g.unit.code for g in section.ready} <= complete
        working = {u.code for u in section.communes}
        assert {g.unit.code for g in section.ready} == complete & working
    for row in forecast(p, reg, BOOK, returns, TODAY).rows:
        assert not complete & {g.unit.code for g in row.near}


KINDS = [MilestoneKind.SHARE, MilestoneKind.COUNT, MilestoneKind.INCREASE]


@given(worlds(), st.sampled_from(LADDER.levels), st.integers(1, 100), st.integers(1, 30),
       st.sampled_from(KINDS))  # fmt: skip
def test_a_forecast_never_reports_more_units_than_exist(
    world: tuple[Registry, dict[str, Return]],
    level: Level,
    share: int,
    count: int,
    kind: MilestoneKind,
) -> None:
    reg, returns = world
    communes = sum(1 for u in reg.units if u.kind is C)
    target = share if kind is MilestoneKind.SHARE else count
    p = plan(milestone(kind, level, target=target, year=2025))
    for row in forecast(p, reg, BOOK, returns, TODAY).rows:
        assert row.projected is None or 0 <= row.projected <= communes
        assert 0 <= len(row.ready) + len(row.near) <= row.candidates <= communes
        assert 1 <= row.needed <= row.result.required  # a milestone already met is not forecast
        if row.trend is not None:
            assert all(0 <= v <= communes for v in row.trend.values)


def test_commands_without_returns_or_rules_say_what_to_do(
    tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "none.sqlite"))
    result = runner.invoke(app, ["gaps"])
    assert result.exit_code == 1
    assert "Lỗi: chưa có kho phiếu tại " in result.output
    assert "none.sqlite (theo NTM_STORE)" in result.output
    assert not (tmp_path / "none.sqlite").exists()
    result = runner.invoke(app, ["forecast", "--year", "2025", "-f", "json"])
    assert result.exit_code == 0, result.output  # the trend alone, without returns
    (cang_long, share, model) = json.loads(result.stdout)["milestones"]
    assert share["ready"] == [] and share["without_return"] == share["candidates"] == 34
    plan = data_copy / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("# Commendations")] + text[text.index("milestones:") :],
                    encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["awards", "--year", "2024", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "chưa có quy định khen thưởng; thêm mục 'awards:'" in result.output
    result = runner.invoke(app, ["gaps", "--level", "cao"])
    assert result.exit_code == 2


def test_periods_years_and_levels_are_checked_against_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "none.sqlite"))
    result = runner.invoke(app, ["gaps", "--period", "2019-06"])
    assert result.exit_code == 1
    assert "Lỗi: kỳ 2019-06 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)" in result.output
    result = runner.invoke(app, ["gaps", "--period", "2021-01"])
    assert result.exit_code == 1
    assert "chưa có kho phiếu tại" in result.output
    from ntm_cli.sources.store import Store

    monkeypatch.setenv("NTM_STORE", str(tmp_path / "empty.sqlite"))
    with Store(tmp_path / "empty.sqlite"):  # a store, empty
        pass
    result = runner.invoke(app, ["gaps", "--period", "2021-01"])
    assert result.exit_code == 1
    assert "kho chưa có phiếu báo cáo nào đến kỳ 2021-01" in result.output
    result = runner.invoke(app, ["awards", "--year", "2030"])
    assert result.exit_code == 1
    assert "năm 2030 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)" in result.output
    result = runner.invoke(app, ["awards", "--year", "2023", "--rule", "huyen"])
    assert result.exit_code == 0
    assert "mọi điều kiện cần phiếu báo cáo đều cần xác minh" in result.output
    assert result.stdout.count("Cần xác minh") == 3  # Cầu Kè, Tiểu Cần, Trà Cú: no returns
    result = runner.invoke(app, ["gaps", "--level", "kieu mau", "--limit", "-1"])
    assert result.exit_code == 2
    assert not (tmp_path / "none.sqlite").exists()


def test_a_return_is_read_only_for_the_level_and_set_it_was_written_for() -> None:
    # 1001 reached advanced by a decision of 15/5/2024: its March return was written towards
    # advanced, so it says nothing of model. 1002's return uses another criteria set.
    reg = province(
        unit("101", D, "01"),
        unit("1001", C, "101", ntm=2020, advanced=2023,
             decided={ADVANCED: dt.date(2024, 5, 15)}),
        unit("1002", C, "101", ntm=2020),
    )  # fmt: skip
    returns = {"1001": ret("1001", "11111", "2024-03"),
               "1002": Return("1002", "2024-06", "other-set", {"1": True, "2": True})}  # fmt: skip
    advanced, model = find_gaps(plan(), reg, BOOK, "2024-06", returns, TODAY).levels
    assert (advanced.level, model.level) == (ADVANCED, MODEL)
    assert [u.code for u in model.without_return] == ["1001"] and not model.ready
    # kept apart from the communes with no return: it has one, on a set the level does not use
    assert not advanced.without_return and not advanced.ready
    assert [(u.code, set_id) for u, set_id in advanced.other_set] == [("1002", "other-set")]
    p = plan(milestone(MilestoneKind.SHARE, MODEL, target=50, year=2025))
    (row,) = forecast(p, reg, BOOK, returns, TODAY).rows
    assert (row.candidates, len(row.ready), row.without_return) == (1, 0, 1)


def test_a_year_stays_open_until_its_results_are_decided() -> None:
    # Results of 2023 are decided from January to June 2024: on 1 March 2024 the 2023
    # milestone is still forecast and the trend stops at 2022; from 1 July 2024 it is final.
    units = [unit("101", D, "01", ntm=2015)]
    for i in range(10):
        decided = {ADVANCED: dt.date(2024, 1, 15)} if i == 3 else {}
        units.append(unit(f"10{i:02d}", C, "101", ntm=2015,
                          advanced=2020 + i if i < 4 else None, decided=decided))  # fmt: skip
    reg = province(*units)
    p = plan(milestone(MilestoneKind.SHARE, ADVANCED, target=50, year=2023))
    (row,) = forecast(p, reg, BOOK, {}, dt.date(2024, 3, 1)).rows
    assert row.milestone.year == 2023 and row.trend is not None
    assert row.trend.years[-1] == 2022
    assert forecast(p, reg, BOOK, {}, dt.date(2024, 7, 1)).rows == ()
    # a plan file that expects the decisions until 31/03 makes 2023 final from 1 April 2024
    window = dataclasses.replace(p, decisions_until=(3, 31))
    assert forecast(window, reg, BOOK, {}, dt.date(2024, 3, 31)).rows != ()
    assert forecast(window, reg, BOOK, {}, dt.date(2024, 4, 1)).rows == ()


def test_a_named_commune_two_levels_below_is_unlikely() -> None:
    reg = province(unit("101", D, "01"), unit("1001", C, "101"))
    p = plan(milestone(MilestoneKind.UNIT, ADVANCED, year=2025, unit_code="1001"))
    (row,) = forecast(p, reg, BOOK, {"1001": ret("1001", "11111")}, TODAY).rows
    assert (row.outlook, row.basis, row.candidates) == (Outlook.UNLIKELY, "far", 0)


def test_awards_never_decide_on_missing_data_and_name_what_happened() -> None:
    reg = province(
        unit("101", D, "01"),
        unit("1001", C, "101", ntm=2018, advanced=2020, model=2024),  # criterion 4 blank
        unit("1002", C, "101", ntm=2018, advanced=2024, revoked=(ADVANCED,
                                                                  dt.date(2025, 3, 1))),
        unit("1003", C, "101", ntm=2024),  # 50 million VND of debt, 100 allowed
        unit("102", UnitKind.CITY, "01", ntm=2024),  # wards only: no commune files returns
        unit("10201", UnitKind.WARD, "102"),
    )  # fmt: skip
    rules = (
        AwardRule("huyen", "Huyện", Subject.DISTRICT, reached=(NTM,), max_debt=0),
        AwardRule("xa", "Xã", Subject.COMMUNE, reached=(NTM, ADVANCED), max_debt=100),
        AwardRule("mau", "Kiểu mẫu", Subject.MODEL_COMMUNE, reached=(MODEL,), all_criteria=True),
    )
    p = Plan(**{**_fields(plan()), "awards": rules})
    returns = {"1001": ret("1001", "111.1", debt=0.0), "1002": ret("1002", "11111", debt=0.0),
               "1003": ret("1003", "11111", debt=50.0)}  # fmt: skip
    rows = {(r.rule.id, r.unit.code): r for r in shortlist(p, reg, BOOK, 2024, returns).rows}
    assert rows[("mau", "1001")].verdict is Verdict.TO_CHECK
    assert why_text(rows[("mau", "1001")], Lang.EN).startswith(
        "criteria 4 left blank (the 2024-06 return)"
    )
    assert rows[("xa", "1002")].verdict is Verdict.EXCLUDED
    assert why_text(rows[("xa", "1002")], Lang.VI).startswith(
        "đã bị thu hồi công nhận ngày 01/03/2025"
    )
    assert rows[("xa", "1003")].verdict is Verdict.QUALIFIES
    assert "debt 50 million VND, within the 100 allowed" in why_text(rows[("xa", "1003")], Lang.EN)
    city = rows[("huyen", "102")]
    assert city.verdict is Verdict.TO_CHECK
    assert why_text(city, Lang.VI) == (
        "không có xã nộp phiếu để xác định nợ đọng XDCB; hoàn thành nhiệm vụ xây dựng NTM năm 2024"
    )


def test_plan_check_names_a_broken_awards_rule(data_copy: Path) -> None:
    plan_file = data_copy / "targets.yaml"
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace(
        "    - id: huyen\n      subject: district\n",
        "    - id: huyen\n      subject: district\n      all_criteria: true\n",
        1,
    )
    text = text.replace(
        "    - id: xa\n      subject: commune\n", "    - id: xa\n      subject: ward\n", 1
    )
    plan_file.write_text(text, encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["plan", "check", "--data", str(data_copy), "--lang", "en"])
    assert result.exit_code == 1
    lines = text.splitlines()
    huyen = lines.index("    - id: huyen") + 1
    assert (f"{plan_file}:{huyen}: awards.rules[0]: all_criteria: only communes file returns; "
            "a district rule cannot use it") in result.output  # fmt: skip
    assert (
        "awards.rules[1].subject: 'ward' is not a subject of an award; use one of department,"
        in (result.output)
    )


def test_awards_of_a_year_read_that_years_returns_never_a_later_one(tmp_path: Path) -> None:
    """Hòa Ân (Cầu Kè) reached advanced NTM in 2023. Its December-2023 return has no debt; its
    November-2024 return reports 920 million VND. The awards of 2023 read the 2023 return: the
    commune qualifies and its district is not excluded over the 2024 debt. The awards of 2024
    read the November return."""
    import ntm_cli
    from ntm_cli.domain.errors import UsageError
    from ntm_cli.sources.store import Store

    store = tmp_path / "returns.sqlite"
    ws = ntm_cli.open(store=store)
    set_id = ws.criteria().id
    all_met = {str(n): True for n in range(1, 20)}
    with Store(store) as db:
        db.save([Return("29311", "2023-12", set_id, all_met, debt=0.0)], {}, "a.xlsx", "a", 1,
                False)  # fmt: skip
        db.save([Return("29311", "2024-11", set_id, all_met, debt=920.0)], {}, "b.xlsx", "b", 1,
                False)  # fmt: skip
    result = ws.awards(2023, ["xa", "huyen"]).awards
    assert result.period == "2023-12"
    rows = {(r.rule.id, r.unit.code): r for r in result.rows if r.unit is not None}
    assert rows[("xa", "29311")].verdict is Verdict.QUALIFIES
    assert why_text(rows[("xa", "29311")], Lang.EN).endswith(
        "no capital-construction debt (the 2023-12 return)"
    )
    cau_ke = rows[("huyen", "845")]
    assert cau_ke.verdict is Verdict.TO_CHECK  # its other communes sent no return
    assert not any(r.key == "debt_communes" for r in cau_ke.reasons)
    later = ws.awards(2024, ["xa"]).awards
    assert later.period == "2024-11"
    # asked for a month after the year: refused, not read
    with pytest.raises(UsageError, match="after December 2023"):
        ws.awards(2023, ["xa"], "2024-03")
    assert ws.awards(2023, ["xa"], "2023-06").awards.period == "2023-06"
