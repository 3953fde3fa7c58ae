"""Units, the status ladder, plans and milestones.

Plain frozen dataclasses: the plan file is validated by pydantic at the edge (sources/plan.py),
while these objects stay cheap to build so `ntm progress` starts fast on 10,000 communes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from ntm_cli.domain.errors import ValueProblem
from ntm_cli.domain.messages import Message, msg
from ntm_cli.domain.period import Period


class Level(str):
    """A rung of a plan's ladder of levels: its id ("ntm", "advanced"…) with its place on the
    ladder (`rank`, 1 at the bottom). A Ladder, read from the plan's data, makes them; a level
    compares and hashes as its id, so "advanced" finds it in a mapping."""

    rank: int

    def __new__(cls, id: str, rank: int = 0) -> Level:
        self = super().__new__(cls, id)
        self.rank = rank
        return self

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Level({self.value!r}, {self.rank})"

    def __reduce__(self) -> tuple[type[Level], tuple[str, int]]:
        return Level, (self.value, self.rank)


@dataclass(frozen=True, slots=True)
class Rung:
    """One level of a ladder, in the words the plan and its criteria use."""

    id: str
    name: str  # "NTM nâng cao": a table's heading, a unit's level
    short: str  # "Nâng cao": a narrow column
    phrase: str  # "chuẩn NTM nâng cao": what follows "đạt" ("đạt chuẩn NTM nâng cao")
    name_en: str = ""
    short_en: str = ""
    phrase_en: str = ""
    # A town, city or province at this rung has completed the task (hoàn thành nhiệm vụ)
    task: str = ""
    task_en: str = ""
    task_short: str = ""
    task_short_en: str = ""
    words: tuple[str, ...] = ()  # other ways a form, a note or a user writes it
    source: str = ""


@dataclass(frozen=True, slots=True)
class Ladder:
    """The levels a unit climbs under a plan, lowest first; each requires the ones below it.

    The ladder is data (the plan's `levels:`): 2021–2025 has NTM, nâng cao, kiểu mẫu; the
    2026–2030 programme has NTM and hiện đại. A registry has the columns `<id>_year`,
    `<id>_decision` and `<id>_decided_on` for each rung.
    """

    rungs: tuple[Rung, ...]
    levels: tuple[Level, ...] = field(init=False, compare=False)
    _by_id: dict[str, Level] = field(init=False, compare=False)
    _by_word: dict[str, Level] = field(init=False, compare=False)
    _longest_first: tuple[tuple[str, Level], ...] = field(init=False, compare=False)
    # registry notes read for their illustrative years: a registry repeats a few notes
    _notes: dict[str, frozenset[Level]] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        from ntm_cli.domain.text import fold

        levels = tuple(Level(r.id, i + 1) for i, r in enumerate(self.rungs))
        object.__setattr__(self, "levels", levels)
        object.__setattr__(self, "_by_id", {lv.value: lv for lv in levels})
        words: dict[str, Level] = {}
        for level, rung in zip(levels, self.rungs, strict=True):
            for word in (rung.id, rung.name, rung.name_en, rung.short, rung.short_en,
                         rung.phrase, rung.phrase_en, *rung.words):  # fmt: skip
                if word:
                    words.setdefault(fold(word), level)
        object.__setattr__(self, "_by_word", words)
        ordered = sorted(words.items(), key=lambda item: -len(item[0]))
        object.__setattr__(self, "_longest_first", tuple(ordered))
        object.__setattr__(self, "_notes", {})

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    def __getitem__(self, id: str) -> Level:
        return self._by_id[id]

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    @property
    def first(self) -> Level:
        return self.levels[0]

    @property
    def top(self) -> Level:
        return self.levels[-1]

    def get(self, id: str) -> Level | None:
        return self._by_id.get(id)

    def ids(self) -> list[str]:
        return [lv.value for lv in self.levels]

    def rung(self, level: str) -> Rung:
        return self.rungs[self._by_id[level].rank - 1]

    def above(self, level: Level | None) -> Level | None:
        """The next rung up (the first from no level), None at the top."""
        rank = 0 if level is None else self._by_id[level].rank
        return self.levels[rank] if rank < len(self.levels) else None

    def below(self, level: Level) -> Level | None:
        rank = self._by_id[level].rank
        return self.levels[rank - 2] if rank > 1 else None

    def parse(self, value: str) -> Level:
        """An id or any word the ladder gives a rung, any case, with or without diacritics."""
        from ntm_cli.domain.text import fold

        text = value.strip()
        level = self._by_id.get(text.lower()) or self._by_word.get(fold(text))
        if level is None:
            raise ValueProblem("level.invalid", value=value, choices=self.ids())
        return level

    def words(self) -> tuple[tuple[str, Level], ...]:
        """(folded word, level), longest first: how a note names the rungs."""
        return self._longest_first

    def labels(self) -> dict[str, tuple[str, str]]:
        """The rungs' words as catalogue entries (level.<id>, levelx.<id>, short.<id>…)."""
        out: dict[str, tuple[str, str]] = {}
        for r in self.rungs:
            out[f"level.{r.id}"] = (r.name, r.name_en or r.name)
            out[f"levelx.{r.id}"] = (r.phrase, r.phrase_en or r.phrase)
            out[f"short.{r.id}"] = (r.short, r.short_en or r.short)
            if r.task:
                out[f"level.{r.id}.town"] = (r.task, r.task_en or r.task)
                short = r.task_short or r.task
                out[f"short.{r.id}.town"] = (short, r.task_short_en or r.task_en or short)
        return out


class UnitKind(StrEnum):
    """The administrative kind of a unit; the value is the English alias."""

    PROVINCE = "province"
    DISTRICT = "district"
    TOWN = "town"
    CITY = "city"
    COMMUNE = "commune"
    WARD = "ward"
    TOWNSHIP = "township"

    @property
    def vi(self) -> str:
        return _KIND_VI[self]

    @property
    def tier(self) -> int:
        """0 province, 1 district level, 2 commune level."""
        if self is UnitKind.PROVINCE:
            return 0
        return 1 if self in DISTRICT_LEVEL else 2

    @classmethod
    def parse(cls, value: str) -> UnitKind:
        """A Vietnamese or English name of a kind, any case, with or without diacritics."""
        from ntm_cli.domain.text import fold

        kind = _KIND_NAMES.get(value) or _KIND_NAMES.get(fold(value))
        if kind is None:
            raise ValueProblem("unitkind.invalid", value=value)
        return kind


_KIND_VI = {
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.TOWN: "Thị xã",
    UnitKind.CITY: "Thành phố",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.TOWNSHIP: "Thị trấn",
}
# Exact spellings first (the registry's own), then the folded ones that parse() looks up.
_KIND_NAMES: dict[str, UnitKind] = {
    **{k.vi: k for k in UnitKind},
    **{k.value: k for k in UnitKind},
    **{
        "tinh": UnitKind.PROVINCE, "huyen": UnitKind.DISTRICT, "thi xa": UnitKind.TOWN,
        "thanh pho": UnitKind.CITY, "xa": UnitKind.COMMUNE, "phuong": UnitKind.WARD,
        "thi tran": UnitKind.TOWNSHIP,
    },
}  # fmt: skip
DISTRICT_LEVEL = frozenset({UnitKind.DISTRICT, UnitKind.TOWN, UnitKind.CITY})
# Statistics-office codes have a fixed width by tier; a spreadsheet drops their leading zeros.
CODE_WIDTH = {0: 2, 1: 3, 2: 5}


def pad_code(code: str, kind: UnitKind | None) -> str:
    """Restore the leading zeros a spreadsheet dropped ("1" for province "01")."""
    if kind is None or not code.isdigit():
        return code
    return code.zfill(CODE_WIDTH[kind.tier])


@dataclass(frozen=True, slots=True)
class Recognition:
    """A unit reaching a level: its result year and, when known, the decision."""

    year: int
    decision: str = ""
    decided_on: dt.date | None = None

    def effective_on(self) -> dt.date:
        """The date the recognition counts from: the decision, else the end of the result year."""
        return self.decided_on or dt.date(self.year, 12, 31)


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of the registry with its recognitions."""

    code: str
    name: str
    kind: UnitKind
    parent_code: str = ""
    recognitions: dict[Level, Recognition] = field(default_factory=dict)
    revoked_level: Level | None = None
    revoked_on: dt.date | None = None
    source: str = ""  # where the row's figures come from, in Vietnamese (or as written)
    line: int = 0
    source_en: str = ""  # the same note in English, when given
    group: str = ""  # the commune group of the criteria set (QĐ 51/2025: "1", "2", "3"); "" unset
    group_source: str = ""  # where the group assignment comes from

    def note(self, english: bool = False) -> str:
        """The row's note in the language asked, else in the other one."""
        if english:
            return self.source_en or self.source
        return self.source or self.source_en

    @property
    def illustrative(self) -> bool:
        """The row holds illustrative, not published, figures (its note says so, "minh họa"
        or "illustrative", in either column)."""
        return _says_illustrative(self.source) or _says_illustrative(self.source_en)

    def illustrative_levels(self, ladder: Ladder) -> frozenset[Level]:
        """The levels whose result year the note calls illustrative (see illustrative_levels)."""
        if not self.illustrative:
            return frozenset()
        return illustrative_levels(self.source, ladder) | illustrative_levels(
            self.source_en, ladder
        )


def _says_illustrative(note: str) -> bool:
    lower = note.lower()
    if "illustrative" in lower:
        return True
    from ntm_cli.domain.text import fold

    return "minh" in lower and "minh hoa" in fold(note)


_DATE_WORDS = ("decision date", "ngay quyet dinh")


def illustrative_levels(note: str, ladder: Ladder) -> frozenset[Level]:
    """The levels whose result years a registry note calls illustrative.

    The note is read clause by clause (`;` between them): a clause saying "illustrative" (or
    "minh họa") marks the years of the levels it names by the ladder's words ("NTM and advanced
    years illustrative"; the longest words first, so "NTM nâng cao" is one level), or, naming
    none, every year of the row ("illustrative"); one about the decision date marks no year. A
    year the note does not call illustrative is taken as published.
    """
    known = ladder._notes.get(note)
    if known is None:
        known = ladder._notes[note] = _illustrative_levels(note, ladder)
    return known


def _illustrative_levels(note: str, ladder: Ladder) -> frozenset[Level]:
    from ntm_cli.domain.text import fold

    found: set[Level] = set()
    words = ladder.words()
    for clause in note.split(";"):
        if not _says_illustrative(clause):
            continue
        text = fold(clause)
        if any(word in text for word in _DATE_WORDS):
            continue
        named: set[Level] = set()
        for word, level in words:
            if re.search(rf"\b{re.escape(word)}\b", text):
                named.add(level)
                text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
        if not named:
            return frozenset(ladder.levels)
        found |= named
    return frozenset(found)


def ladder_problems(unit: Unit, ladder: Ladder) -> list[tuple[str, Message]]:
    """(column, message) for a ladder climbed out of order or a decision before its result."""
    problems: list[tuple[str, Message]] = []
    for lower, upper in zip(ladder.levels, ladder.levels[1:], strict=False):
        low, up = unit.recognitions.get(lower), unit.recognitions.get(upper)
        if up is None:
            continue
        if low is None:
            problems.append((
                f"{lower.value}_year",
                msg("registry.ladder.lower_missing", lower=lower, upper=upper,
                    year=up.year),
            ))  # fmt: skip
        elif up.year < low.year:
            problems.append((
                f"{upper.value}_year",
                msg("registry.ladder.order", year=up.year, lower=lower,
                    lower_year=low.year),
            ))  # fmt: skip
    if unit.revoked_level is not None and unit.revoked_on is not None:
        revoked = unit.recognitions.get(unit.revoked_level)
        if revoked is None:
            problems.append((
                "revoked_level", msg("registry.revoked.never", level=unit.revoked_level)
            ))  # fmt: skip
        elif unit.revoked_on.year < revoked.year:
            problems.append((
                "revoked_on",
                msg("registry.revoked.early", on=unit.revoked_on.isoformat(),
                    level=unit.revoked_level, year=revoked.year),
            ))  # fmt: skip
    for level, recognition in unit.recognitions.items():
        if recognition.decided_on and recognition.decided_on.year < recognition.year:
            problems.append((
                f"{level.value}_decided_on",
                msg("registry.decided.early", on=recognition.decided_on.isoformat(),
                    year=recognition.year),
            ))  # fmt: skip
    return problems


@dataclass(frozen=True, slots=True)
class Registry:
    """All units of a data folder, with lookups by code and by parent."""

    units: tuple[Unit, ...]
    path: str = ""
    by_code: dict[str, Unit] = field(init=False, compare=False)
    children: dict[str, tuple[Unit, ...]] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Unit] = {}
        children: dict[str, list[Unit]] = {}
        for unit in self.units:
            by_code.setdefault(unit.code, unit)
            children.setdefault(unit.parent_code, []).append(unit)
        object.__setattr__(self, "by_code", by_code)
        object.__setattr__(self, "children", {k: tuple(v) for k, v in children.items()})

    def descendants(self, code: str) -> list[Unit]:
        """Every unit below `code`, depth first in registry order."""
        found: list[Unit] = []
        stack = list(reversed(self.children.get(code, ())))
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(reversed(self.children.get(unit.code, ())))
        return found

    def district_of(self, unit: Unit) -> Unit | None:
        """The district-level unit a commune, ward or township belongs to."""
        current: Unit | None = unit
        while current is not None and current.kind not in DISTRICT_LEVEL:
            current = self.by_code.get(current.parent_code)
        return current


class Scope(StrEnum):
    """What a milestone counts."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"  # the plan's area itself: a province completing the NTM task
    UNIT = "unit"


class MilestoneKind(StrEnum):
    """How a milestone's target is expressed."""

    COUNT = "count"
    INCREASE = "increase"
    SHARE = "share"
    UNIT = "unit"


@dataclass(frozen=True, slots=True)
class Milestone:
    """One yearly target of a plan, in the plan's own words."""

    id: str
    year: int
    kind: MilestoneKind
    scope: Scope
    level: Level
    target: float
    binding: bool = True
    unit_code: str = ""
    wording: str = ""
    wording_en: str = ""
    line: int = 0


class Subject(StrEnum):
    """Who a commendation rule is for: the kinds of subject the plan names."""

    DEPARTMENT = "department"  # sở, ban, ngành, Ủy ban MTTQ tỉnh, tổ chức chính trị - xã hội
    DISTRICT = "district"
    COMMUNE = "commune"  # đạt chuẩn NTM, NTM nâng cao
    MODEL_COMMUNE = "model_commune"  # đạt chuẩn NTM kiểu mẫu
    HAMLET = "hamlet"  # ấp thuộc xã đặc biệt khó khăn
    ENTERPRISE = "enterprise"  # doanh nghiệp, hợp tác xã
    INDIVIDUAL = "individual"  # cán bộ, công chức, viên chức; người lao động, thành viên HTX
    OTHER = "other"

    @property
    def is_unit(self) -> bool:
        """Judged from the registry and the returns (else: from the nominations workbook)."""
        return self in (Subject.DISTRICT, Subject.COMMUNE, Subject.MODEL_COMMUNE)


# What a nominee's evidence may be checked for, by the nominations sheet it is written on.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "department": ("tasks_done",),
    "hamlet": ("hamlet_recognised", "difficult_commune"),
    "enterprise": ("contribution", "value_chain", "ocop", "jobs"),
    "official": ("initiative", "initiative_recognised"),
    "worker": ("contribution", "model"),
    "other": ("contribution",),
}
GROUPS = {Subject.INDIVIDUAL: ("official", "worker")}  # an individual rule names its group


@dataclass(frozen=True, slots=True)
class OcopValidity:
    """How long an OCOP certificate holds, and where that is said."""

    months: int
    source: str = ""
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class AwardRule:
    """One kind of subject of the emulation movement's commendations, as the plan words it.

    Units (district, commune, model commune) are candidates when they reached one of `reached`
    in the award year, by result year; `max_debt` and `all_criteria` are conditions on their
    returns. Other subjects are nominated in the nominations workbook, on the sheet of `form`;
    each of `requires` must hold, at least one of `any_of`, and every line of `council` is the
    emulation council's judgement, which leaves the nominee to check.
    """

    id: str
    name: str
    subject: Subject
    name_en: str = ""
    group: str = ""  # individuals: "official" or "worker"
    reached: tuple[Level, ...] = ()
    max_debt: float | None = None  # outstanding capital-construction debt, million VND
    all_criteria: bool = False  # the latest return meets every criterion
    requires: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    min_ocop: int = 0  # OCOP products rated `min_stars` or more, valid at the year's end
    min_stars: int = 3
    min_jobs: int = 1
    ocop_validity: OcopValidity | None = None
    council: tuple[str, ...] = ()
    council_en: tuple[str, ...] = ()
    basis: str = ""  # where the plan says it
    line: int = 0

    @property
    def scope(self) -> Scope:
        """The level of unit a unit rule judges (communes for everything not a district)."""
        return Scope.DISTRICT if self.subject is Subject.DISTRICT else Scope.COMMUNE

    @property
    def form(self) -> str:
        """The nominations sheet a non-unit rule's nominees are written on."""
        return self.group or self.subject.value


@dataclass(frozen=True, slots=True)
class Plan:
    """A multi-year plan: its identity and its milestones."""

    id: str
    title: str
    number: str
    issued_on: dt.date | None
    issuer: str
    area_code: str
    start_year: int
    end_year: int
    milestones: tuple[Milestone, ...]
    ladder: Ladder  # the levels its milestones and criteria name, lowest first
    title_en: str = ""
    source: str = ""
    path: str = ""
    # scope (commune, district, town, province) -> level worked towards -> criteria set id
    criteria: dict[str, dict[Level, str]] = field(default_factory=dict)
    area_line: int = 0
    due_day: int = 5  # a month's return is due on this day of the next month
    awards: tuple[AwardRule, ...] = ()
    # (month, day) of the year after a result year until which decisions recognising that
    # year's results are expected; None when the plan file does not say
    decisions_until: tuple[int, int] | None = None
    # the edition of the registry it is measured on (editions.yaml); "" when the folder has one
    edition: str = ""
    edition_line: int = 0

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def recognition_ends(self, year: int) -> dt.date | None:
        """The last day decisions on the results of `year` are expected (in the next year)."""
        if self.decisions_until is None:
            return None
        month, day = self.decisions_until
        return dt.date(year + 1, month, day)

    def outside(self, period: str) -> Message | None:
        """Why a reporting month cannot be of this plan (a typo, or the wrong programme)."""
        if Period(period).in_years(self.start_year, self.end_year):
            return None
        return Message(
            "period.outside_plan",
            {"period": period, "number": self.number, "start": self.start_year,
             "end": self.end_year},
        )  # fmt: skip
