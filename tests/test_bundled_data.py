"""The bundled Trà Vinh registry against the published provincial totals."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import ADVANCED, LADDER, MODEL, NTM
from ntm_cli.domain.models import DISTRICT_LEVEL, UnitKind
from ntm_cli.domain.status import at_least, level_of
from ntm_cli.engine.check import check_plan, check_registry
from ntm_cli.sources.datadir import BUNDLED, load

DATA = load(BUNDLED, lambda plan, registry: check_registry(registry) + check_plan(plan, registry))
COMMUNES = [u for u in DATA.registry.units if u.kind is UnitKind.COMMUNE]
DISTRICTS = [u for u in DATA.registry.units if u.kind in DISTRICT_LEVEL]


def counts(year: int | None = None, as_of: dt.date | None = None) -> tuple[int, int, int, int]:
    levels = [level_of(u, year, as_of) for u in COMMUNES]
    return (
        sum(at_least(level_of(u, year, as_of), NTM) for u in DISTRICTS),
        sum(at_least(lv, NTM) for lv in levels),
        sum(at_least(lv, ADVANCED) for lv in levels),
        sum(at_least(lv, MODEL) for lv in levels),
    )


def test_the_registry_has_every_unit_of_tra_vinh() -> None:
    kinds = [u.kind for u in DATA.registry.units]
    assert kinds.count(UnitKind.COMMUNE) == 85
    assert kinds.count(UnitKind.TOWNSHIP) == 10
    assert kinds.count(UnitKind.WARD) == 9
    assert len(DISTRICTS) == 9
    per_district = [len([c for c in COMMUNES if c.parent_code == d.code]) for d in DISTRICTS]
    assert per_district == [1, 13, 10, 9, 13, 13, 15, 6, 5]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2020, (6, 69, 11, 0)),
        (2021, (6, 82, 27, 0)),
        (2022, (8, 85, 38, 2)),
        (2023, (9, 85, 44, 7)),
        (2024, (9, 85, 51, 9)),
    ],
)
def test_totals_by_result_year(year: int, expected: tuple[int, int, int, int]) -> None:
    assert counts(year=year) == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2023, 5, 29), (6, 85, 38, 2)),  # published: 6/9, 85/85, 38, 2
        (dt.date(2024, 2, 1), (8, 85, 40, 4)),  # early 2024: 8/9, 85, 40, 4
        (dt.date(2024, 6, 30), (9, 85, 44, 7)),  # mid 2024: 9/9, 85, 44, 7
    ],
)
def test_totals_as_published_on_a_date(as_of: dt.date, expected: tuple[int, int, int, int]) -> None:
    assert counts(as_of=as_of) == expected


def test_published_rows_cite_their_source_and_others_say_illustrative() -> None:
    for unit in COMMUNES + DISTRICTS:
        if unit.recognitions:
            vi, en = unit.source, unit.source_en
            assert "(published)" in en or en.startswith("illustrative"), unit.code
            assert "(đã công bố)" in vi or vi.startswith("minh họa"), unit.code
            # the two notes say the same: as many published clauses, the same illustrative years
            assert vi.count("(đã công bố)") == en.count("(published)"), unit.code
            assert vi.count(";") == en.count(";"), unit.code
            assert unit.illustrative_levels(LADDER) == unit.__class__(
                unit.code, unit.name, unit.kind, source=en
            ).illustrative_levels(LADDER), unit.code
    assert not any(r.year >= 2025 for u in DATA.registry.units for r in u.recognitions.values()
                   if u.kind is not UnitKind.PROVINCE)  # fmt: skip


def test_decisions_are_numbered_with_their_issuer() -> None:
    # "number/QĐ-issuer": the Prime Minister (QĐ-TTg) recognises districts, towns and the
    # province; the provincial People's Committee (QĐ-UBND) recognises communes.
    for unit in DATA.registry.units:
        issuer = "QĐ-UBND" if unit.kind is UnitKind.COMMUNE else "QĐ-TTg"
        for recognition in unit.recognitions.values():
            if recognition.decision:
                number, _, rest = recognition.decision.partition("/")
                assert number.isdigit() and rest == issuer, (unit.code, recognition.decision)
    long_son, don_chau = DATA.registry.by_code["29443"], DATA.registry.by_code["29500"]
    assert long_son.recognitions[NTM].decision == "835/QĐ-UBND"
    assert don_chau.recognitions[NTM].decision == "834/QĐ-UBND"
    for unit in (long_son, don_chau):
        assert "not confirmed" in unit.source_en and "chưa xác nhận" in unit.source


def test_every_note_is_in_vietnamese_and_in_english() -> None:
    # the notes are printed in Vietnamese reports: each has its English in source_en, and the
    # decision numbers and dates of the one are those of the other
    import re

    cited = re.compile(r"\d+/QĐ-\w+|\d{1,2}/\d{1,2}/\d{4}")
    for unit in DATA.registry.units:
        assert bool(unit.source) == bool(unit.source_en), unit.code
        assert "illustrative" not in unit.source and "published" not in unit.source, unit.code
        assert cited.findall(unit.source) == cited.findall(unit.source_en), unit.code
