"""Criteria sets and the monthly returns communes send back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import Ladder, Level, Unit

# Funds mobilised in a period, by source (million VND), in the order of the return form.
FUND_SOURCES = ("central", "local", "credit", "enterprises", "residents")
OCOP_STARS = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class Computed:
    """A condition read from the registry, not asked on a form: the unit itself holds `level`
    (`units` "self"), or at least `share` percent of its communes, districts (huyện) or towns
    and cities hold it."""

    units: str  # self | commune | district | town
    level: str  # a level's id (the plan's ladder says where it stands)
    share: float = 100.0
    # a recognition of an earlier result year was made under older rules and must be re-checked
    # against this set: it leaves the condition to check, neither met nor failed
    since: int | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of a set (indicators are optional sub-entries such as 17.8), or one
    condition (a decision's "điều kiện": reported on the form, or `computed` from the registry;
    `choices` asks which one of a list, such as a model commune's outstanding field)."""

    number: str
    name: str
    name_en: str
    group: str
    indicators: tuple[Criterion, ...] = ()
    sure: str = ""  # "2+", "1", "weak", "unconfirmed"; "" when the set's own applies
    computed: Computed | None = None
    choice: str = ""  # the label of the value asked, "Lĩnh vực nổi trội"
    choice_en: str = ""
    choices: tuple[str, ...] = ()
    choices_open: bool = False  # the list is the decision's examples: another value is a warning
    short: str = ""  # a short name for tables (a condition's full words are on the form)
    short_en: str = ""


@dataclass(frozen=True, slots=True)
class CommuneGroup:
    """A group of communes a criteria set sets its own thresholds for (QĐ 51/2025/QĐ-TTg: group 1
    near-urban, group 3 ethnic-minority and mountainous KV II/III, group 2 the others)."""

    id: str
    name: str
    name_en: str = ""
    definition: str = ""
    definition_en: str = ""
    sure: str = ""


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    """A versioned set of criteria, as a decision defines it."""

    id: str
    title: str
    decision: str
    scope: str
    criteria: tuple[Criterion, ...]
    title_en: str = ""
    groups: dict[str, tuple[str, str]] = field(default_factory=dict)
    short: str = ""  # a short name, where sets are shown side by side ("xã NTM nâng cao")
    short_en: str = ""
    level: str | None = None  # the id of the level the set judges
    requires: str | None = None  # the id of the level a unit must hold already
    includes: tuple[str, ...] = ()  # sets whose criteria come first
    sure: str = ""
    source: str = ""
    amended_by: str = ""
    amended_on: dt.date | None = None
    decided_on: dt.date | None = None
    commune_groups: tuple[CommuneGroup, ...] = ()  # the groups its thresholds are set for

    def commune_group(self, group_id: str) -> CommuneGroup | None:
        return next((g for g in self.commune_groups if g.id == group_id), None)

    @property
    def reported(self) -> tuple[Criterion, ...]:
        """What a form asks: every criterion and condition but those read from the registry."""
        return tuple(c for c in self.criteria if c.computed is None)

    @property
    def computed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.computed is not None)

    def get(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def number(self, text: str) -> str | None:
        """The criterion a cell means: "5", "05", "TC5", "Tiêu chí 5" all give "5"; a
        condition by its number ("ĐK2", "đk2")."""
        from ntm_cli.domain.text import nfc

        raw = nfc(text.strip())
        known = {c.number for c in self.reported}
        if raw.upper() in known:
            return raw.upper()
        digits = re.sub(r"^(?:tc|tieu chi|tiêu chí)\s*", "", raw.lower())
        digits = digits.lstrip("0") or digits
        return digits if digits in known else None


# What kind of unit a criteria set judges: the scope key of the plan's `criteria:` mapping.
SCOPE_OF_KIND = {
    "commune": "commune", "district": "district", "town": "town", "city": "town",
    "province": "province",
}  # fmt: skip


@dataclass(frozen=True)
class CriteriaBook:
    """The criteria sets a plan names, by scope (commune, district, town, province) and level:
    a unit's form and its gaps use the set of the level it works towards."""

    sets: dict[str, CriteriaSet]
    by_scope: dict[str, dict[Level, str]]
    ladder: Ladder

    @classmethod
    def single(cls, ladder: Ladder, *sets: CriteriaSet) -> CriteriaBook:
        """Each set for every level of its scope (a plan naming one set a scope)."""
        by_scope = {c.scope: dict.fromkeys(ladder.levels, c.id) for c in sets}
        return cls({c.id: c for c in sets}, by_scope, ladder)

    def get(self, scope: str, level: Level | None) -> CriteriaSet | None:
        set_id = self.by_scope.get(scope, {}).get(level) if level is not None else None
        return self.sets.get(set_id) if set_id else None

    def scope_of(self, unit: Unit) -> str | None:
        return SCOPE_OF_KIND.get(unit.kind.value)

    def levels(self, scope: str) -> list[Level]:
        """The rungs the plan has a set for, in ladder order."""
        named = self.by_scope.get(scope, {})
        return [lv for lv in self.ladder if lv in named]

    def towards(self, unit: Unit, held: Level | None) -> tuple[Level | None, CriteriaSet | None]:
        """The level `unit` works towards with its set; at the top of what the plan has sets
        for, the set of the level it holds (to keep it), with `towards` None."""
        scope = self.scope_of(unit)
        if scope is None:
            return None, None
        rungs = self.levels(scope)
        rank = 0 if held is None else self.ladder[held].rank
        for level in rungs:
            if level.rank > rank:
                return level, self.get(scope, level)
        return None, self.get(scope, held) if held is not None else None

    def by_id(self, set_id: str) -> CriteriaSet | None:
        return self.sets.get(set_id)


@dataclass(frozen=True, slots=True)
class Recognition:
    """A recognition a commune reports in a return (checked against the registry)."""

    level: str  # the id of a rung of the plan's ladder
    decision: str = ""
    decided_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Return:
    """One commune's return for one month, as read from a form or a long-format table."""

    unit_code: str
    period: str
    criteria_set: str
    statuses: dict[str, bool | None]
    notes: dict[str, str] = field(default_factory=dict)
    recognition: Recognition | None = None
    ocop: dict[int, int] = field(default_factory=dict)
    debt: float | None = None
    funds: dict[str, float] = field(default_factory=dict)
    source_kind: str = "form"  # "form" or "long"
    values: dict[str, float] = field(default_factory=dict)  # emulation items, by item id

    @property
    def met(self) -> list[str]:
        return [n for n, ok in self.statuses.items() if ok]

    @property
    def not_met(self) -> list[str]:
        return [n for n, ok in self.statuses.items() if ok is False]


@dataclass(frozen=True, slots=True)
class StoredReturn:
    """A return as kept in the store, with where it came from and the warnings of its import."""

    id: int
    ret: Return
    file_name: str
    sha256: str
    imported_at: dt.datetime
    superseded_at: dt.datetime | None
    warnings: tuple[Issue, ...]


VERDICTS = ("imported", "unchanged", "replaced", "rejected", "skipped")
"""What an import makes of a file, in the order counts are shown."""


@dataclass
class FileResult:
    """The verdict on one submitted file: imported, unchanged, replaced, rejected or skipped."""

    path: Path
    status: str
    unit_code: str | None = None
    period: str | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    returns: int = 0
    raw: bytes | None = field(default=None, repr=False)  # a rejected file's bytes, to annotate
    nominees: int = 0  # a nominations workbook's nominees (it holds no return)


@dataclass(frozen=True, slots=True)
class UnitCard:
    """What `ntm unit` shows about one unit: its returns (every version) and the criteria sets
    they were written for."""

    unit: Unit
    district: Unit | None
    history: list[StoredReturn]
    criteria: dict[str, CriteriaSet]
    today: dt.date
    expected: str = ""  # the set the latest return's month asks of the unit ("" unknown)

    @property
    def latest(self) -> StoredReturn | None:
        current = [h for h in self.history if h.superseded_at is None]
        return current[-1] if current else None


@dataclass(frozen=True)
class StoreHealth:
    """What `ntm store check` finds: SQLite's verdict and the store's counts (-1: unreadable)."""

    path: str
    schema: int
    size: int
    problems: tuple[str, ...]
    counts: dict[str, int]
    first_period: str | None
    last_period: str | None

    @property
    def ok(self) -> bool:
        return not self.problems
