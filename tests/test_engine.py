"""The engine against cases worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from builders import ADVANCED, LADDER, MODEL, NTM, milestone, plan, province, unit
from ntm_cli.domain.errors import NtmError
from ntm_cli.domain.models import Level, MilestoneKind, Scope, UnitKind
from ntm_cli.domain.status import level_of
from ntm_cli.engine.progress import (
    Status,
    Verdict,
    default_year,
    measure,
    progress,
    required_units,
)

D = dt.date
TODAY = D(2026, 11, 29)
C, W, T = UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP


@pytest.mark.parametrize(
    ("share", "denominator", "needed"),
    [
        (50, 85, 43),
        (60, 85, 51),
        (70, 85, 60),
        (50, 84, 42),
        (33.3, 10, 4),
        (0.1, 7669, 8),
        (100, 9, 9),
    ],
)
def test_a_share_rounds_up_to_whole_units(share: float, denominator: int, needed: int) -> None:
    m = milestone(MilestoneKind.SHARE, ADVANCED, target=share)
    assert required_units(m, denominator) == needed


def test_share_counts_communes_only_and_at_least_the_level() -> None:
    # 4 communes (one advanced, one model), a ward and a township that "reached" levels too.
    registry = province(
        unit("100", UnitKind.DISTRICT, "01"),
        unit("1001", C, "100", ntm=2019, advanced=2022),
        unit("1002", C, "100", ntm=2019, advanced=2021, model=2023),
        unit("1003", C, "100", ntm=2020),
        unit("1004", C, "100"),
        unit("1005", W, "100", ntm=2019, advanced=2020),
        unit("1006", T, "100", ntm=2019, advanced=2020),
    )
    m = milestone(MilestoneKind.SHARE, ADVANCED, target=50)
    r = measure(m, plan(m), registry, None, TODAY)
    assert (r.required, r.actual, r.denominator, r.shortfall) == (2, 2, 4, 0)
    assert r.counted == ("1001", "1002")
    assert r.missing == ("1003",)  # one step below: at NTM, not advanced
    assert r.status is Status.ACHIEVED


def test_result_year_and_decision_date_views_differ() -> None:
    # Result 2023, decided 08/4/2024: counts for 2023 by result year, not as of 31/12/2023.
    registry = province(
        unit("100", UnitKind.DISTRICT, "01", ntm=2023, decided={NTM: D(2024, 4, 8)}),
        unit("200", UnitKind.DISTRICT, "01", ntm=2022),  # no decision date: counts from 31/12/2022
    )
    m = milestone(MilestoneKind.COUNT, NTM, target=2, year=2023, scope=Scope.DISTRICT)
    by_year = measure(m, plan(m), registry, None, TODAY)
    assert (by_year.actual, by_year.status) == (2, Status.ACHIEVED)
    end_2023 = measure(m, plan(m), registry, D(2023, 12, 31), TODAY)
    assert (end_2023.actual, end_2023.status, end_2023.counted) == (1, Status.OPEN, ("200",))
    later = measure(m, plan(m), registry, D(2024, 4, 8), TODAY)
    assert later.actual == 2
    assert later.status is Status.ACHIEVED
    assert level_of(registry.by_code["200"], as_of=D(2022, 12, 30)) is None
    assert level_of(registry.by_code["200"], as_of=D(2022, 12, 31)) == NTM


def test_as_of_never_counts_a_later_result_year() -> None:
    registry = province(unit("1", C, "01", ntm=2024, decided={NTM: D(2024, 3, 1)}))
    m = milestone(MilestoneKind.COUNT, NTM, target=1, year=2023)
    assert measure(m, plan(m), registry, D(2025, 1, 1), TODAY).actual == 0


def test_named_unit_reached_before_its_year_is_achieved_early() -> None:
    registry = province(unit("846", UnitKind.DISTRICT, "01", ntm=2018, advanced=2023))
    early = milestone(MilestoneKind.UNIT, ADVANCED, year=2024, unit_code="846")
    on_time = milestone(MilestoneKind.UNIT, ADVANCED, year=2023, unit_code="846")
    r = measure(early, plan(early), registry, None, TODAY)
    assert (r.status, r.early, r.reached_year, r.counted) == (Status.ACHIEVED, True, 2023, ("846",))
    r = measure(on_time, plan(on_time), registry, None, TODAY)
    assert (r.status, r.early) == (Status.ACHIEVED, False)


def test_named_unit_not_reached_is_missing_and_missed_after_its_year() -> None:
    registry = province(unit("844", UnitKind.DISTRICT, "01", ntm=2020))
    m = milestone(MilestoneKind.UNIT, ADVANCED, year=2025, unit_code="844")
    r = measure(m, plan(m), registry, None, TODAY)
    assert (r.actual, r.shortfall, r.missing, r.status) == (0, 1, ("844",), Status.MISSED)
    r = measure(m, plan(m), registry, None, D(2025, 6, 30))
    assert r.status is Status.OPEN
    r = measure(m, plan(m), registry, None, D(2024, 6, 30))
    assert r.status is Status.UPCOMING


def test_an_aspirational_target_not_reached_is_not_yet_rather_than_missed() -> None:
    # Plan 69's "phấn đấu" 01 district-level unit at model NTM, of 3 districts none at model:
    # 0 of the 1 required, a shortfall of 1, the year over; not a failure of the plan.
    registry = province(*(unit(c, UnitKind.DISTRICT, "01", ntm=2018, advanced=2023)
                          for c in ("100", "200", "300")))  # fmt: skip
    aspired = milestone(MilestoneKind.COUNT, MODEL, 1, 2025, Scope.DISTRICT, binding=False)
    binding = milestone(MilestoneKind.COUNT, MODEL, 1, 2025, Scope.DISTRICT)
    result = progress(plan(aspired), registry, 2025, today=TODAY)
    (r,) = result.results
    assert (r.required, r.actual, r.denominator, r.shortfall) == (1, 0, 3, 1)
    assert (r.status, r.verdict) == (Status.MISSED, Verdict.NOT_YET)
    assert result.binding_missed() == []
    (r,) = progress(plan(binding), registry, 2025, today=TODAY).results
    assert r.verdict is Verdict.MISSED


def test_a_finished_year_awaits_recognition_until_the_plans_window_closes() -> None:
    # Results of 2023: one district decided 08/4/2024, the other with no decision yet; the
    # plan expects decisions on a year's results until 30/06 of the next year.
    registry = province(
        unit("100", UnitKind.DISTRICT, "01", ntm=2020),
        unit("200", UnitKind.DISTRICT, "01", ntm=2023, decided={NTM: D(2024, 4, 8)}),
    )
    total = milestone(MilestoneKind.COUNT, NTM, 2, 2023, Scope.DISTRICT)
    before = milestone(MilestoneKind.COUNT, NTM, 1, 2022, Scope.DISTRICT)
    windowed = replace(plan(total, before), decisions_until=(6, 30))
    by_march = progress(windowed, registry, None, D(2024, 3, 31), TODAY)
    r2023, r2022 = by_march.results
    assert (r2023.actual, r2023.status, r2023.verdict) == (1, Status.MISSED, Verdict.AWAITING)
    assert r2022.verdict is Verdict.ACHIEVED  # met ones stay achieved
    assert by_march.binding_missed() == []
    assert windowed.recognition_ends(2023) == D(2024, 6, 30)
    # the decision of 08/4/2024 is in: met
    assert progress(windowed, registry, None, D(2024, 4, 8), TODAY).results[0].verdict is (
        Verdict.ACHIEVED
    )
    # the window is the last day: on 30/6 still awaited, from 1/7 missed
    lacking = province(unit("100", UnitKind.DISTRICT, "01", ntm=2020),
                       unit("200", UnitKind.DISTRICT, "01"))  # fmt: skip
    on_last = progress(windowed, lacking, None, D(2024, 6, 30), TODAY).results[0]
    after = progress(windowed, lacking, None, D(2024, 7, 1), TODAY)
    assert on_last.verdict is Verdict.AWAITING
    assert after.results[0].verdict is Verdict.MISSED
    assert [r.milestone.id for r in after.binding_missed()] == [total.id]
    # a plan file without the window: a finished year not met is missed at once
    assert progress(plan(total), registry, None, D(2024, 3, 31), TODAY).results[0].verdict is (
        Verdict.MISSED
    )


@pytest.mark.parametrize(
    ("note", "levels"),
    [
        ("", set()),
        ("NTM result 2021, 834/QĐ-UBND or 835/QĐ-UBND of 09/5/2022 (published)", set()),
        ("illustrative", {NTM, ADVANCED, MODEL}),
        ("minh họa", {NTM, ADVANCED, MODEL}),
        ("Minh hoạ", {NTM, ADVANCED, MODEL}),
        ("advanced result 2022, decision of 29/5/2023 (published); NTM year illustrative",
         {NTM}),
        ("model result 2022 (published); NTM and advanced years illustrative",
         {NTM, ADVANCED}),
        ("kết quả NTM kiểu mẫu năm 2022 (đã công bố); năm đạt NTM và nâng cao là minh họa",
         {NTM, ADVANCED}),
        ("advanced result 2023 (published); NTM year illustrative; decision date illustrative",
         {NTM}),
        ("minh họa; ngày quyết định là minh họa", {NTM, ADVANCED, MODEL}),
        ("recognised (published); result year 2022 illustrative; decision date illustrative",
         {NTM, ADVANCED, MODEL}),
    ],
)  # fmt: skip
def test_a_note_says_which_result_years_are_illustrative(note: str, levels: set[Level]) -> None:
    u = replace(unit("1", C, "01", ntm=2019), source=note)
    assert u.illustrative_levels(LADDER) == levels
    assert u.illustrative is bool(levels)


def test_a_town_that_completed_the_task_counts_as_ntm_at_district_level() -> None:
    registry = province(
        unit("842", UnitKind.CITY, "01", ntm=2020),
        unit("851", UnitKind.TOWN, "01", ntm=2018),
        unit("844", UnitKind.DISTRICT, "01", ntm=2020),
        unit("849", UnitKind.DISTRICT, "01"),
        unit("8491", C, "849", ntm=2020),  # a commune never counts at district level
    )
    m = milestone(MilestoneKind.COUNT, NTM, target=4, year=2023, scope=Scope.DISTRICT)
    r = measure(m, plan(m), registry, None, TODAY)
    assert (r.actual, r.denominator, r.shortfall, r.missing) == (3, 4, 1, ("849",))


def test_increase_counts_units_that_reached_the_level_during_the_year() -> None:
    registry = province(
        unit("1", C, "01", ntm=2021),
        unit("2", C, "01", ntm=2022),
        unit("3", C, "01", ntm=2022, advanced=2022),  # straight to advanced: +1 NTM, +1 advanced
        unit("4", C, "01"),
    )
    ntm = milestone(MilestoneKind.INCREASE, NTM, target=3, year=2022)
    r = measure(ntm, plan(ntm), registry, None, TODAY)
    assert (r.actual, r.counted, r.shortfall, r.status) == (2, ("2", "3"), 1, Status.MISSED)
    adv = milestone(MilestoneKind.INCREASE, ADVANCED, target=1, year=2022)
    assert measure(adv, plan(adv), registry, None, TODAY).counted == ("3",)


def test_revoked_status_drops_a_unit_from_that_date() -> None:
    revoked = unit("1", C, "01", ntm=2019, advanced=2021, revoked=(ADVANCED, D(2023, 9, 1)))
    registry = province(revoked)
    assert level_of(revoked, 2022) == ADVANCED
    assert level_of(revoked, 2023) == NTM
    assert level_of(revoked, as_of=D(2023, 8, 31)) == ADVANCED
    assert level_of(revoked, as_of=D(2023, 9, 1)) == NTM
    m = milestone(MilestoneKind.COUNT, ADVANCED, target=1, year=2023)
    assert measure(m, plan(m), registry, None, TODAY).actual == 0


def test_missing_lower_year_breaks_the_ladder() -> None:
    # An advanced year with no NTM year does not count as advanced (plan check flags it).
    odd = unit("1", C, "01", advanced=2021)
    assert level_of(odd, 2025) is None


def test_units_outside_the_plan_area_are_not_counted() -> None:
    registry = province(
        unit("1", C, "01", ntm=2020),
        unit("02", UnitKind.PROVINCE),
        unit("2", C, "02", ntm=2020),
    )
    m = milestone(MilestoneKind.COUNT, NTM, target=1)
    assert measure(m, plan(m), registry, None, TODAY).denominator == 1
    assert measure(m, plan(m, area=""), registry, None, TODAY).denominator == 2


def test_progress_picks_the_year_and_rejects_one_outside_the_plan() -> None:
    m = milestone(MilestoneKind.COUNT, NTM, target=1, year=2023)
    p = plan(m)
    assert default_year(p, D(2026, 11, 29)) == 2025
    assert default_year(p, D(2019, 1, 1)) == 2021
    assert default_year(p, D(2023, 5, 1)) == 2023
    with pytest.raises(NtmError, match="2030 is outside plan 1/KH-TEST"):
        progress(p, province(), 2030, today=TODAY)
    result = progress(p, province(unit("1", C, "01", ntm=2020)), 2023, today=TODAY)
    assert [r.status for r in result.results] == [Status.ACHIEVED]
    assert result.binding_missed() == []
