"""Properties of the engine over arbitrary registries and milestones."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builders import ADVANCED, LADDER, MODEL, NTM, plan, province, unit
from ntm_cli.domain.models import (
    Milestone,
    MilestoneKind,
    Recognition,
    Scope,
    UnitKind,
)
from ntm_cli.engine.progress import measure

TODAY = dt.date(2026, 11, 29)
KINDS = [UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.DISTRICT, UnitKind.TOWN]


@st.composite
def ladders(draw: st.DrawFn) -> tuple[int | None, int | None, int | None]:
    """Result years that climb the ladder in order, each rung optional from the top."""
    rungs = draw(st.integers(0, 3))
    years = sorted(draw(st.lists(st.integers(2015, 2026), min_size=rungs, max_size=rungs)))
    padded = [*years, None, None, None][:3]
    return padded[0], padded[1], padded[2]


@st.composite
def registries(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    units = []
    for i in range(draw(st.integers(0, 25))):
        ntm, advanced, model = draw(ladders())
        kind = draw(st.sampled_from(KINDS))
        decided = {}
        for level, year in ((NTM, ntm), (ADVANCED, advanced), (MODEL, model)):
            if year is not None and draw(st.booleans()):
                decided[level] = dt.date(
                    year + draw(st.integers(0, 1)), draw(st.integers(1, 12)), 1
                )
        revoked = None
        if ntm is not None and draw(st.integers(0, 9)) == 0:
            revoked = (NTM, dt.date(draw(st.integers(ntm, 2026)), 6, 1))
        units.append(unit(f"u{i}", kind, "01", ntm, advanced, model, decided, revoked))
    return province(*units)


@st.composite
def milestones(draw: st.DrawFn) -> Milestone:
    kind = draw(st.sampled_from(list(MilestoneKind)))
    if kind is MilestoneKind.UNIT:
        return Milestone(
            id="m", year=draw(st.integers(2021, 2025)), kind=kind, scope=Scope.UNIT,
            level=draw(st.sampled_from(LADDER.levels)), target=1,
            unit_code=f"u{draw(st.integers(0, 3))}",
        )  # fmt: skip
    target = draw(st.floats(0.5, 100)) if kind is MilestoneKind.SHARE else draw(st.integers(0, 30))
    return Milestone(
        id="m",
        year=draw(st.integers(2021, 2025)),
        kind=kind,
        scope=draw(st.sampled_from([Scope.COMMUNE, Scope.DISTRICT])),
        level=draw(st.sampled_from(LADDER.levels)),
        target=target,
    )


as_of_dates = st.none() | st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31))


@settings(max_examples=300)
@given(registries(), milestones(), as_of_dates)
def test_counts_never_exceed_denominators(registry, m, as_of) -> None:  # type: ignore[no-untyped-def]
    assume(not m.unit_code or m.unit_code in registry.by_code)
    r = measure(m, plan(m), registry, as_of, TODAY)
    assert 0 <= r.actual <= r.denominator
    assert len(r.counted) == r.actual
    assert not set(r.counted) & set(r.missing)
    assert r.shortfall == max(0, r.required - r.actual)
    if m.kind is MilestoneKind.SHARE:
        assert r.required <= r.denominator
        assert r.required * 100 >= m.target * r.denominator - 1e-9


@settings(max_examples=300)
@given(registries(), milestones(), as_of_dates, st.data())
def test_raising_a_unit_never_lowers_an_actual(registry, m, as_of, data) -> None:  # type: ignore[no-untyped-def]
    assume(not m.unit_code or m.unit_code in registry.by_code)
    before = measure(m, plan(m), registry, as_of, TODAY).actual
    candidates = [u for u in registry.units if len(u.recognitions) < 3]
    assume(candidates)
    target = data.draw(st.sampled_from(candidates))
    rung = LADDER.levels[len(target.recognitions)]
    floor = max((r.year for r in target.recognitions.values()), default=2015)
    year = data.draw(st.integers(floor, 2026))
    raised = dataclasses.replace(
        target, recognitions={**target.recognitions, rung: Recognition(year)}
    )
    units = tuple(raised if u is target else u for u in registry.units)
    after = measure(m, plan(m), dataclasses.replace(registry, units=units), as_of, TODAY).actual
    assert after >= before
