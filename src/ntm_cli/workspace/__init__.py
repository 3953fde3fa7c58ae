"""The library under the command line: a workspace is a data folder and a store, resolved as the
command line resolves them, with every operation the command line has.

    >>> import ntm_cli
    >>> ws = ntm_cli.open()
    >>> ws.progress(year=2024).to_frame()

Each operation returns a result object (see `ntm_cli.workspace.results`); bad input raises an
`NtmError` whose code and parameters say what is wrong, in Vietnamese or English.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_cli.domain.errors import (
    Conflict,
    DataError,
    NtmError,
    StoreError,
    UsageError,
    parse_option,
)
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue, Message, msg, os_reason
from ntm_cli.domain.models import DISTRICT_LEVEL, Ladder, Level, Plan, Registry, Unit, UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.workspace.config import (
    Office,
    Settings,
    data_folder,
    find_project,
    is_url,
    mask,
    read_settings,
    store_source,
)

if TYPE_CHECKING:
    from ntm_cli.domain.editions import Edition, Editions
    from ntm_cli.domain.emulation import Emulation
    from ntm_cli.domain.officers import Officer
    from ntm_cli.domain.returns import CriteriaBook, CriteriaSet, FileResult, Return, StoredReturn
    from ntm_cli.domain.review import Decision
    from ntm_cli.engine.crosswalk import Found
    from ntm_cli.returnform.importer import Stop
    from ntm_cli.returnform.reader import ReadContext
    from ntm_cli.sources.datadir import DataSet
    from ntm_cli.sources.output import Saveable
    from ntm_cli.sources.store import Store
    from ntm_cli.workspace.results import (
        AwardsResult,
        CheckResult,
        CompletenessResult,
        CrosswalkResult,
        ForecastResult,
        GapsResult,
        ImportResult,
        NominationsFormResult,
        ProgressResult,
        ReportResult,
        ReturnsResult,
        TemplateResult,
        UnitResult,
        UnitsResult,
    )
    from ntm_cli.workspace.results.base import StoreNote
    from ntm_cli.workspace.results.officers import OfficersResult
    from ntm_cli.workspace.results.review import (
        ReviewDecisionsResult,
        ReviewHistoryResult,
        ReviewListResult,
    )
    from ntm_cli.workspace.results.store import StoreCheckResult, StoreMigrateResult


def open(  # noqa: A001 - the library's front door, as ntm_cli.open()
    data: Path | str | None = None,
    store: Path | str | None = None,
    *,
    project: Path | None = None,
) -> Workspace:
    """A workspace: `data` and `store` as given, else `NTM_DATA` / `NTM_STORE`, else the nearest
    `ntm.toml` (or `project`), else `./data` or the bundled data and the user's store."""
    settings = read_settings(project if project is not None else find_project())
    folder = data_folder(Path(data) if data is not None else None, settings)
    location, source = store_source(str(store) if store is not None else None, settings)
    return Workspace(folder, location, settings, source)


def today() -> dt.date:
    """Today, or NTM_TODAY (YYYY-MM-DD) so that examples and tests are reproducible."""
    fixed = os.environ.get("NTM_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise DataError("env.today_invalid", value=fixed) from None
    return dt.date.today()


class Workspace:
    """A data folder (plan, registry, criteria sets) and a store of returns."""

    def __init__(
        self, data: Path, store: str, settings: Settings | None = None, source: str = "--store"
    ) -> None:
        self.data_folder = data
        self.store_location = store
        self.settings = settings or Settings()
        # what named the store: "--store", "NTM_STORE", the project file, "" for the default
        self.store_named_by = source
        self._registries: dict[str, Registry] = {}  # other editions' units, read once

    def __repr__(self) -> str:
        return f"Workspace(data={str(self.data_folder)!r}, store={mask(self.store_location)!r})"

    @property
    def office(self) -> Office:
        return self.settings.office

    # The data folder, loaded and checked once --------------------------------------------------

    @cached_property
    def dataset(self) -> DataSet:
        """The plan and the registry, refused with every problem the checks find."""
        from ntm_cli.engine.check import check_plan, check_registry
        from ntm_cli.sources.datadir import load

        return load(self.data_folder, lambda p, r: check_registry(r) + check_plan(p, r))

    @property
    def plan(self) -> Plan:
        return self.dataset.plan

    @cached_property
    def editions(self) -> Editions:
        """The data folder's editions of the registry and the crosswalks between them (one
        edition, its registry, when it has no editions.yaml), the plan's edition among them."""
        from ntm_cli.sources.datadir import REGISTRY_FILE
        from ntm_cli.sources.editions import load_editions

        return self._plan_edition_in(load_editions(self.dataset.folder, REGISTRY_FILE))

    @cached_property
    def listed_editions(self) -> Editions:
        """The editions without their crosswalks (read from the cache when unchanged): what a
        command that opens the store needs, the plan's list and its months."""
        from ntm_cli.sources.datadir import REGISTRY_FILE
        from ntm_cli.sources.editions import load_editions

        return self._plan_edition_in(
            load_editions(self.dataset.folder, REGISTRY_FILE, crosswalks=False)
        )

    def _plan_edition_in(self, editions: Editions) -> Editions:
        """`editions`, once the plan's edition is found among them (refused with its line)."""
        problem = self._plan_edition_problem(self.plan, editions)
        if problem is not None:
            raise DataError("data.problems", [problem], path=self.plan.path, n=1)
        return editions

    @staticmethod
    def _plan_edition_problem(plan: Plan, editions: Editions | None) -> Issue | None:
        """Why the edition `plan` names is not one of `editions` (None: the folder has no
        editions file), or None when it is, or when the plan names none."""
        from ntm_cli.domain.messages import Issue
        from ntm_cli.sources.datadir import REGISTRY_FILE
        from ntm_cli.sources.editions import EDITIONS_FILE

        wanted = plan.edition
        if not wanted:
            return None
        place = f"{plan.path}:{plan.edition_line}" if plan.edition_line else plan.path
        if editions is None or not editions.path:
            return Issue(None, place, msg("plan.edition.no_editions", id=wanted,
                                          file=EDITIONS_FILE))  # fmt: skip
        found = editions.get(wanted)
        if found is None:
            return Issue(None, place, msg("plan.edition.unknown", id=wanted))
        if found.file != REGISTRY_FILE:
            return Issue(None, place, msg("plan.edition.not_registry", id=wanted, file=found.file,
                                          registry=REGISTRY_FILE))  # fmt: skip
        return None

    @property
    def edition(self) -> Edition:
        """The edition of the registry the plan is measured on: the one its plan names, else the
        folder's registry."""
        from ntm_cli.sources.datadir import REGISTRY_FILE

        editions = self.listed_editions
        found = editions.get(self.plan.edition) if self.plan.edition else None
        return found or next(e for e in editions if e.file == REGISTRY_FILE)

    def registry_of(self, edition: Edition) -> Registry:
        """The units of `edition`: the plan's registry, or another edition's file read with the
        ladder of the plan it names (else this plan's), refused with its problems."""
        from ntm_cli.sources.datadir import REGISTRY_FILE, load_registry
        from ntm_cli.sources.editions import located
        from ntm_cli.sources.plan import load_plan

        if edition.file == REGISTRY_FILE:
            return self.registry
        found = self._registries.get(edition.id)
        if found is None:
            folder = self.dataset.folder
            ladder = load_plan(located(folder, edition.plan)).ladder if edition.plan else None
            path = located(folder, edition.file)
            found, problems = load_registry(path, ladder or self.plan.ladder)
            if problems:
                raise DataError("data.problems", problems, path=str(path), n=len(problems))
            self._registries[edition.id] = found
        return found

    def edition_named(self, edition_id: str | None) -> Edition:
        """The edition `--edition` names (the plan's when None); an unknown id is a usage error
        that lists the ids."""
        if edition_id is None:
            return self.edition
        found = self.editions.get(edition_id)
        if found is None:
            raise UsageError("edition.unknown_option", id=edition_id,
                             ids=[e.id for e in self.editions])  # fmt: skip
        return found

    def _every_edition(self) -> tuple[dict[str, Registry], dict[str, Ladder]]:
        """The units and the ladder of each edition, by its id."""
        editions = list(self.editions)
        return (
            {e.id: self.registry_of(e) for e in editions},
            {e.id: self.ladder_of(e) for e in editions},
        )

    def _also(self, query: str, shown: Edition) -> tuple[Found, ...]:
        """The units of the other editions that `query` names as a whole (a reused code, a
        name repeated): the card says which edition it shows and how to see the others."""
        from ntm_cli.domain.lookup import match_units
        from ntm_cli.engine.crosswalk import Found

        found: list[Found] = []
        for each in self.editions:
            if each.id == shown.id:
                continue
            try:
                registry = self.registry_of(each)
            except DataError:  # its own problems are told by `ntm plan check`
                continue
            found += [Found(each, u) for u in match_units(registry, query)[:1]]
        return tuple(found)

    def crosswalk(self, query: str | None = None, edition: str | None = None) -> CrosswalkResult:
        """Where a unit came from and went across editions, with the levels the old units had
        reached the day before the change: the unit `query` names (looked up in every edition,
        the newest one's shown and the others named, unless `edition` is given), or without a
        query every unit of `edition` (default: the newest)."""
        from ntm_cli.engine.crosswalk import entry, listing, lookup
        from ntm_cli.workspace.results import CrosswalkResult

        chosen = self.edition_named(edition) if edition is not None else None
        registries, ladders = self._every_edition()
        editions = self.editions
        if query is None:
            shown = chosen or editions.editions[-1]
            return CrosswalkResult(shown, listing(editions, registries, ladders, shown))
        if not query.strip():
            raise UsageError("option.empty", option="QUERY")
        found, also = lookup(editions, registries, query, chosen)
        one = entry(editions, registries, ladders, found, also)
        return CrosswalkResult(found.edition, [one], single=True)

    def ladder_of(self, edition: Edition) -> Ladder:
        """The ladder whose rungs an edition's level columns are (its plan's, else this plan's)."""
        from ntm_cli.sources.editions import located
        from ntm_cli.sources.plan import load_plan

        if not edition.plan:
            return self.plan.ladder
        return load_plan(located(self.dataset.folder, edition.plan)).ladder

    @property
    def registry(self) -> Registry:
        return self.dataset.registry

    def criteria(self, scope: str = "commune", level: Level | None = None) -> CriteriaSet:
        """The criteria set the plan names for `scope` and `level` (the lowest level the scope
        has a set for when `level` is None)."""
        book = self.criteria_book
        rungs = book.levels(scope)
        if not rungs:
            raise DataError("plan.criteria_unset", path=self.plan.path, scope=scope)
        found = book.get(scope, level if level is not None else rungs[0])
        if found is None:
            raise DataError("plan.criteria_unset_level", path=self.plan.path, scope=scope,
                            level=level)  # fmt: skip
        return found

    @cached_property
    def criteria_book(self) -> CriteriaBook:
        """Every criteria set the plan names, by scope and level (each loaded once)."""
        from ntm_cli.domain.returns import CriteriaBook
        from ntm_cli.sources.criteria import load_criteria

        by_scope = self.plan.criteria
        ids = sorted({i for levels in by_scope.values() for i in levels.values()})
        sets = {i: load_criteria(self.data_folder, i) for i in ids}
        return CriteriaBook(sets, by_scope, self.plan.ladder)

    def criteria_set(self, set_id: str) -> CriteriaSet:
        from ntm_cli.sources.criteria import load_criteria

        return self.criteria_book.by_id(set_id) or load_criteria(self.data_folder, set_id)

    @cached_property
    def emulation(self) -> Emulation | None:
        """The plan's emulation movement (`emulation.yaml`), None when the folder has none;
        refused when it names a criterion its set does not have."""
        from ntm_cli.sources.emulation import check_criteria_refs, load_emulation

        found = load_emulation(self.data_folder)
        if found is not None and (problems := check_criteria_refs(found, self._named_sets(found))):
            raise DataError("emulation.invalid", problems, path=found.path)
        return found

    def _named_sets(self, emulation: Emulation) -> dict[str, CriteriaSet | None]:
        """The criteria sets the movement names (None: not in the data folder, or not valid:
        its own problems are told where it is used)."""
        from ntm_cli.sources.criteria import load_criteria

        found: dict[str, CriteriaSet | None] = {}
        for set_id in sorted({ref.set for c in emulation.contents for ref in c.criteria}):
            try:
                found[set_id] = load_criteria(self.data_folder, set_id)
            except DataError:
                found[set_id] = None
        return found

    def read_context(self) -> ReadContext:
        from ntm_cli.returnform.reader import ReadContext

        edition = self.edition
        return ReadContext(self.plan, self.registry, self.criteria_book, self.emulation,
                           edition if edition.id else None, self.listed_editions)  # fmt: skip

    def check(self) -> CheckResult:
        """Every problem of the plan, the registry and the criteria sets, read together (where
        loading stops at the first file with problems)."""
        from ntm_cli.domain.i18n import define_labels
        from ntm_cli.domain.messages import Issue, os_reason
        from ntm_cli.engine.check import check_plan, check_registry
        from ntm_cli.sources.criteria import read_criteria_with_includes
        from ntm_cli.sources.datadir import PLAN_FILE, REGISTRY_FILE
        from ntm_cli.sources.plan import parse_plan, read_plan_bytes
        from ntm_cli.sources.registry import header_ladder, read_registry, read_registry_bytes
        from ntm_cli.workspace.results import CheckResult

        folder = self.data_folder
        plan_path, registry_path = folder / PLAN_FILE, folder / REGISTRY_FILE
        problems: list[Issue] = []
        try:
            plan, found = parse_plan(read_plan_bytes(plan_path), plan_path)
            problems += found
        except DataError as exc:  # missing, not a regular file, too large
            plan = None
            problems += [Issue(None, None, exc.message), *exc.problems]
        except OSError as exc:
            plan = None
            problems.append(Issue(None, str(plan_path), msg("file.unreadable",
                                                            reason=os_reason(exc))))  # fmt: skip
        if plan is not None:
            define_labels(plan.ladder.labels())
        try:
            raw = read_registry_bytes(registry_path)
            # without the plan's ladder, the rungs the registry's header names are read
            ladder = plan.ladder if plan is not None else header_ladder(registry_path, raw)
            registry, found = read_registry(registry_path, ladder, raw)
            problems += found
        except DataError as exc:
            registry = None
            problems += [Issue(None, None, exc.message), *exc.problems]
        if registry is not None:
            problems += check_registry(registry)
            if plan is not None:
                problems += check_plan(plan, registry)
        if plan is not None:
            for set_id in sorted({i for levels in plan.criteria.values() for i in levels.values()}):
                problems += read_criteria_with_includes(folder, set_id)
            problems += _criteria_fit(plan, folder)
            if registry is not None:
                problems += _group_fit(plan, registry, folder)
        problems += self._emulation_problems()
        problems += self._edition_problems(plan, registry)
        summary: dict[str, object] = {}
        if plan is not None and registry is not None:
            communes = sum(1 for u in registry.units if u.kind is UnitKind.COMMUNE)
            summary = {"number": plan.number, "milestones": len(plan.milestones),
                       "units": len(registry.units), "communes": communes}  # fmt: skip
        stored: tuple[Message, ...] = ()
        if not problems and self.store_exists():
            stored = self._returns_on_other_sets()
        return CheckResult(tuple(problems), summary, warnings=stored)

    def _edition_problems(self, plan: Plan | None, registry: Registry | None) -> list[Issue]:
        """The editions file's problems, the plan's edition among its editions, and each other
        edition's registry read as the commands read it."""
        from ntm_cli.domain.messages import Issue
        from ntm_cli.sources.datadir import REGISTRY_FILE, load_registry
        from ntm_cli.sources.editions import EDITIONS_FILE, MAX_EDITIONS, located, parse_editions
        from ntm_cli.sources.plan import load_plan
        from ntm_cli.sources.registry import read_data_file

        folder = self.data_folder
        path = folder / EDITIONS_FILE
        try:
            raw = read_data_file(path, MAX_EDITIONS)
        except FileNotFoundError:
            problem = self._plan_edition_problem(plan, None) if plan is not None else None
            return [problem] if problem is not None else []
        except DataError as exc:
            return [Issue(None, None, exc.message), *exc.problems]
        editions, problems = parse_editions(raw, path, folder, REGISTRY_FILE)
        if editions is None:
            return problems
        if plan is not None and (problem := self._plan_edition_problem(plan, editions)):
            problems.append(problem)
        if plan is None or problems:
            return problems
        codes: dict[str, set[str]] = {}  # each list's unit codes, for its crosswalks
        for edition in editions:
            if edition.file == REGISTRY_FILE:  # the plan's own, read and checked above
                if registry is not None:
                    codes[edition.id] = {u.code for u in registry.units}
                continue
            try:  # read as the commands read it, with the ladder of the plan it names
                ladder = load_plan(located(folder, edition.plan)).ladder if edition.plan else None
                units, rows = load_registry(located(folder, edition.file), ladder or plan.ladder)
            except DataError as exc:
                problems += [Issue(None, None, exc.message), *exc.problems]
                continue
            problems += rows
            codes[edition.id] = {u.code for u in units.units}
        for walk in editions.crosswalks:
            new = editions.get(walk.new)
            for link in walk.links:
                place = f"{walk.path}:{link.line}"
                if walk.new in codes and link.new_code not in codes[walk.new]:
                    unknown = msg("crosswalk.new_unknown", code=link.new_code, edition=walk.new)
                    problems.append(Issue(None, place, unknown))
                if new is not None and not new.covers(link.effective_on):
                    problems.append(Issue(None, place, msg("crosswalk.effective_outside",
                                                           day=link.effective_on.isoformat(),
                                                           edition=walk.new)))  # fmt: skip
        return problems

    def _returns_on_other_sets(self) -> tuple[Message, ...]:
        """Current returns written on a set other than that of the level their unit worked
        towards in their month (forms of an older release): kept, never read as the other set."""
        from ntm_cli.domain.period import Period

        ctx = self.read_context()
        by_set: dict[tuple[str, str], list[str]] = {}
        with self.store() as db:
            rows = db.current_sets() if db else []
        for code, period, set_id in rows:
            unit = self.registry.by_code.get(code)
            try:
                Period.parse(period)
            except ValueError:
                continue
            expected = ctx.expected(unit, period) if unit is not None else None
            if expected is not None and expected.id != set_id:
                by_set.setdefault((set_id, expected.id), []).append(f"{code} ({period})")
        return tuple(
            msg("check.other_set", n=len(units), set=set_id, expected=expected, units=units)
            if len(units) <= 10
            else msg("check.other_set_more", n=len(units), set=set_id, expected=expected,
                     units=units[:10], more=len(units) - 10)
            for (set_id, expected), units in sorted(by_set.items())
        )  # fmt: skip

    def _emulation_problems(self) -> list[Issue]:
        from ntm_cli.sources.emulation import (
            EMULATION_FILE,
            check_criteria_refs,
            parse_emulation,
            read_emulation_bytes,
        )

        try:
            raw = read_emulation_bytes(self.data_folder)
        except DataError as exc:
            return [Issue(None, None, exc.message), *exc.problems]
        if raw is None:
            return []
        found, problems = parse_emulation(raw, self.data_folder / EMULATION_FILE)
        if found is not None:
            problems += check_criteria_refs(found, self._named_sets(found))
        return problems

    # Checks of what a caller asks ------------------------------------------------------------

    def period(self, value: str | Period) -> Period:
        """A month of the plan: what users type, refused outside the plan's years."""
        month = (
            value if isinstance(value, Period) else parse_option(Period.parse, value, "--period")
        )
        if (outside := self.plan.outside(month)) is not None:
            raise NtmError(outside.code, **outside.params)
        return month

    def year(self, value: int) -> int:
        plan = self.plan
        if not plan.start_year <= value <= plan.end_year:
            raise NtmError("year.outside_plan", year=value, number=plan.number,
                             start=plan.start_year, end=plan.end_year)  # fmt: skip
        return value

    def district(self, query: str | None) -> Unit | None:
        """A district-level unit by code or name; an empty name is refused, not "all"."""
        from ntm_cli.domain.lookup import resolve_unit

        if query is None:
            return None
        if not query.strip():
            raise UsageError("option.empty", option="--district")
        return resolve_unit(self.registry, query, DISTRICT_LEVEL, what="district-level unit")

    # The store ---------------------------------------------------------------------------------

    def store_exists(self) -> bool:
        if is_url(self.store_location):
            return True
        return Path(self.store_location).exists()

    @contextmanager
    def store(
        self, create: bool = False, edition: Edition | None = None, read_only: bool = False
    ) -> Iterator[Store | None]:
        """The store, or None when there is none yet and `create` is false. A store is created
        only where an option, NTM_STORE or ntm.toml names it, never unasked at the default.
        It shows the returns of the months of the plan's edition (of `edition`, when given).
        `read_only`: opened as it is, not even upgraded to the current schema."""
        db = self._open_store(create, read_only)
        if db is None:
            yield None
            return
        edition = edition or self.edition
        db.window, db.edition = edition.window, edition.id
        try:
            yield db
        finally:
            db.close()

    def _open_store(self, create: bool, read_only: bool = False) -> Store | None:
        """The store named by the location: a SQLite file, or a PostgreSQL database for a
        `postgresql://` URL (an empty database is a store not made yet)."""
        from ntm_cli.sources.store import Store

        if is_url(self.store_location):
            scheme = self.store_location.split("://", 1)[0].lower()
            if scheme not in ("postgresql", "postgres"):
                raise StoreError("store.url_unsupported", location=mask(self.store_location))
            from ntm_cli.sources.pgstore import PgStore

            try:
                return PgStore(self.store_location, create=create, read_only=read_only)
            except StoreError as exc:
                if exc.message.code == "store.missing" and not create:
                    return None
                raise
        if not self.store_exists():
            if not create:
                return None
            if not self.store_named_by:
                raise StoreError("store.unnamed", path=self.store_location)
        return Store(Path(self.store_location), create=create, read_only=read_only)

    def _store_source(self) -> Message:
        named_by = self.store_named_by
        if named_by == "--store":
            return msg("store.source.option")
        if named_by == "NTM_STORE":
            return msg("store.source.env")
        if named_by:
            return msg("store.source.project", path=_shown(named_by))
        return msg("store.source.default")

    def store_note(
        self, db: Store | None, period: str | None = None, count: bool = True
    ) -> StoreNote:
        """The footer of a result read from `db` (None: there is no store), with the number of
        current returns of `period` (of every period when None)."""
        from ntm_cli.workspace.results.base import StoreNote

        return StoreNote(
            path=_shown(mask(self.store_location)),
            source=self._store_source(),
            exists=db is not None,
            returns=db.count(period) if db is not None and count else None,
            period=period,
            created=bool(db is not None and db.created),
        )

    def latest_returns(self, period: Period | None) -> tuple[Period | None, dict[str, Return]]:
        """The month used (the newest in the store when None) and each commune's latest current
        return up to it ({} without a store)."""
        month, latest, _ = self._latest(period)
        return month, latest

    def _latest(
        self, period: Period | None, cap: Period | None = None
    ) -> tuple[Period | None, dict[str, Return], StoreNote]:
        """`period` or the newest month in the store, no later than `cap` (the awards of a year
        read that year's returns, never a later month's)."""
        with self.store() as db:
            if db is None:
                return period, {}, self.store_note(None)
            if period is None:
                newest = db.latest_period()
                if newest is None:
                    return None, {}, self.store_note(db)
                period = Period(newest) if cap is None else min(Period(newest), cap)
            note = self.store_note(db, period)
            return period, {s.ret.unit_code: s.ret for s in db.latest(period)}, note

    def returns(self, period: str | Period, district: str | None = None) -> ReturnsResult:
        """Each commune's current return of a month (of a district's communes)."""
        from ntm_cli.workspace.results import ReturnsResult

        month = self.period(period)
        head = self.district(district)
        with self.store() as db:
            stored = db.returns(period=month) if db is not None else []
            note = self.store_note(db, month)
        if head is not None:
            codes = {u.code for u in self.registry.descendants(head.code)}
            stored = [s for s in stored if s.ret.unit_code in codes]
        return ReturnsResult(stored, self.registry, store=note, warnings=_told(note))

    def store_check(self) -> StoreCheckResult:
        """SQLite's full integrity check of the store (every page read) and its counts."""
        from ntm_cli.workspace.results.store import StoreCheckResult

        with self.store() as db:
            if db is None:
                raise StoreError("store.missing", path=mask(self.store_location))
            health = replace(db.check(), path=_shown(db.location))
            return StoreCheckResult(health, store=self.store_note(db, count=False))

    def store_backup(self, target: Path, force: bool = False) -> StoreCheckResult:
        """A checked copy of the store at `target`, made while imports may go on (SQLite's
        online backup); `target` is whole or untouched."""
        from ntm_cli.sources.output import check_targets
        from ntm_cli.sources.store import Store
        from ntm_cli.workspace.results.store import StoreCheckResult

        check_targets([target], force)
        with self.store() as db:
            if db is None:
                raise StoreError("store.missing", path=mask(self.store_location))
            if db.engine == "sqlite" and _same_file(db.path, target):
                raise NtmError("store.backup_onto_itself", path=str(target))
            _parent_ready(target)
            db.backup(target)
            note = self.store_note(db, count=False)
        with Store(target, create=False) as copy:
            return StoreCheckResult(copy.check(), store=note)

    def store_restore(self, source: Path) -> StoreCheckResult:
        """Replace the store's contents with a backup's, once the backup passes the full check;
        the store as it was is first copied next to it (its name is in the result)."""
        from ntm_cli.sources.store import Store
        from ntm_cli.workspace.results.store import StoreCheckResult

        if not source.exists():
            raise StoreError("store.backup_missing", path=str(source))
        if source.is_dir():
            raise StoreError("store.backup_is_folder", path=str(source))
        with Store(source, create=False, read_only=True) as backup:  # the backup is not changed
            health = backup.check()
            if not health.ok:
                raise StoreError("store.restore_bad", path=str(source), n=len(health.problems))
            kept: Path | None = None
            with self.store(create=True) as db:
                assert db is not None
                if db.engine == "sqlite" and _same_file(db.path, source):
                    raise NtmError("store.backup_onto_itself", path=str(source))
                if not db.created:
                    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                    # a server store is kept as a SQLite copy in the working folder
                    stem = db.path.stem if db.engine == "sqlite" else "store"
                    base = db.path if db.engine == "sqlite" else Path.cwd() / "store"
                    kept = base.with_name(f"{stem}.before-restore-{stamp}.sqlite")
                    _keep(db, kept)
                db.restore_from(backup)
                restored = db.check()
                note = self.store_note(db, count=False)
        return StoreCheckResult(restored, kept=kept, store=note)

    def store_migrate(self, target: str) -> StoreMigrateResult:
        """Every row of the store copied into the empty store at `target` (a SQLite file or a
        `postgresql://` database, made when missing) in one transaction, committed once each
        table's count and checksum are equal in both. The store itself is not changed."""
        from ntm_cli.sources.store import migrate_rows
        from ntm_cli.workspace.results.store import StoreMigrateResult

        other = Workspace(self.data_folder, target, self.settings, "--store")
        with self.store(read_only=True) as db:  # the store moved is not changed, not upgraded
            if db is None:
                raise StoreError("store.missing", path=mask(self.store_location))
            if (
                db.engine == "sqlite"
                and not is_url(target)
                and Path(target).exists()
                and _same_file(db.path, Path(target))
            ) or (is_url(target) and mask(target) == mask(self.store_location)):
                raise NtmError("store.migrate_onto_itself", path=mask(target))
            with other.store(create=True) as into:
                assert into is not None
                try:
                    tables = migrate_rows(db, into)
                except BaseException:
                    if into.created and into.engine == "sqlite":  # no empty store left behind
                        into.close()
                        into.path.unlink(missing_ok=True)
                    raise
                shown_target = _shown(into.location)
            return StoreMigrateResult(
                source=_shown(db.location), target=shown_target, tables=tables,
                store=self.store_note(db, count=False),
            )  # fmt: skip

    # Operations --------------------------------------------------------------------------------

    def progress(
        self, year: int | None = None, as_of: dt.date | None = None, all_years: bool = False
    ) -> ProgressResult:
        """Each milestone of `year` (default: this year, within the plan) or of every year."""
        from ntm_cli.engine.progress import default_year, progress
        from ntm_cli.workspace.results import ProgressResult

        now = today()
        if year is not None and all_years:
            raise UsageError("progress.year_and_all")
        warnings: list[Message] = []
        if as_of is not None and as_of > now:
            warnings.append(
                msg("as_of.after_today", as_of=as_of.isoformat(), today=now.isoformat())
            )
        if year is not None:
            self.year(year)
        if not all_years and year is None:
            year = default_year(self.plan, as_of or now)
        result = progress(self.plan, self.registry, None if all_years else year, as_of, now)
        return ProgressResult(result, self.registry, warnings=tuple(warnings))

    def units(
        self,
        district: str | None = None,
        kind: str | None = None,
        level: str | None = None,
        search: str | None = None,
        year: int | None = None,
        edition: str | None = None,
    ) -> UnitsResult:
        """Units with their level; `level` takes ntm, advanced, model, the Vietnamese words, or
        none (units not yet at NTM); of the plan's edition unless `edition` names another."""
        from ntm_cli.engine.units import select_units
        from ntm_cli.workspace.results import UnitsResult

        chosen = self.edition_named(edition)
        if chosen.id != self.edition.id:
            return self._units_of(chosen, district, kind, level, search, year)
        head = self.district(district)  # an empty name is refused
        kinds = {parse_option(UnitKind.parse, kind, "--kind")} if kind else None
        wanted = (
            parse_option(
                lambda v: parse_level(self.plan.ladder, v, allow_none=True), level, "--level"
            )
            if level
            else None
        )
        return UnitsResult(
            select_units(self.registry, head, kinds, wanted, search, year), year, self.plan.ladder
        )

    def _units_of(
        self,
        edition: Edition,
        district: str | None,
        kind: str | None,
        level: str | None,
        search: str | None,
        year: int | None,
    ) -> UnitsResult:
        """`units` on another edition's list, read with its own ladder."""
        from ntm_cli.domain.lookup import resolve_unit
        from ntm_cli.engine.units import select_units
        from ntm_cli.workspace.results import UnitsResult

        registry, ladder = self.registry_of(edition), self.ladder_of(edition)
        head = None
        if district is not None:
            if not district.strip():
                raise UsageError("option.empty", option="--district")
            head = resolve_unit(registry, district, DISTRICT_LEVEL, what="district-level unit")
        kinds = {parse_option(UnitKind.parse, kind, "--kind")} if kind else None
        wanted = (
            parse_option(lambda v: parse_level(ladder, v, allow_none=True), level, "--level")
            if level
            else None
        )
        rows = select_units(registry, head, kinds, wanted, search, year)
        return UnitsResult(rows, year, ladder)

    def unit(self, query: str, edition: str | None = None) -> UnitResult:
        """One unit's card: registry facts, recognitions and its returns; of the plan's edition
        unless `edition` names another (then with its predecessors, as `crosswalk` gives them,
        and only the returns of that edition's months). Units of other editions the query
        names too are in `also`."""
        from ntm_cli.domain.lookup import resolve_unit
        from ntm_cli.domain.returns import UnitCard
        from ntm_cli.workspace.results import UnitResult

        if not query.strip():
            raise UsageError("option.empty", option="QUERY")
        chosen = self.edition_named(edition)
        own = chosen.id == self.edition.id
        registry = self.registry if own else self.registry_of(chosen)
        found = resolve_unit(registry, query)
        also = self._also(query, chosen)
        crossed = None
        if not own:
            from ntm_cli.engine.crosswalk import Found, entry

            registries, ladders = self._every_edition()
            crossed = entry(self.editions, registries, ladders, Found(chosen, found), also)
        with self.store(edition=chosen) as db:
            history = db.returns(unit_code=found.code, current_only=False) if db else []
            note = self.store_note(db)
        named = {h.ret.criteria_set for h in history}
        sets = {s: self.criteria_set(s) for s in named} if own else self._sets_of(chosen, named)
        latest = next((h for h in reversed(history) if h.superseded_at is None), None)
        expected = (
            self.read_context().expected(found, latest.ret.period)
            if latest is not None and own
            else None
        )
        card = UnitCard(found, registry.district_of(found), history, sets, today(),
                        expected.id if expected is not None else "")  # fmt: skip
        return UnitResult(card, registry, store=note, warnings=_told(note), edition=chosen,
                          own=own, also=also, crosswalk=crossed)  # fmt: skip

    def _sets_of(self, edition: Edition, named: set[str]) -> dict[str, CriteriaSet]:
        """The criteria sets another edition's returns are on: from the folder of the plan that
        reads that edition (its `plan`), else this one's; a set neither has is left out (the
        return is shown without its criteria's names)."""
        from ntm_cli.sources.criteria import load_criteria
        from ntm_cli.sources.editions import located

        folder = (
            located(self.data_folder, edition.plan).parent if edition.plan else self.data_folder
        )
        found: dict[str, CriteriaSet] = {}
        for set_id in sorted(named):
            try:
                found[set_id] = load_criteria(folder, set_id)
            except DataError:
                continue
        return found

    def template(
        self,
        period: str | Period,
        district: str | None = None,
        unit: str | None = None,
        out: Path = Path("forms"),
        force: bool = False,
        scope: str = "commune",
    ) -> TemplateResult:
        """One return form per commune (`scope` "district": per district-level unit, filled by
        the district office; "province": the province's), each on the criteria set of the level
        the unit works towards, pre-filled with its last return; all or none written."""
        from ntm_cli.domain.lookup import resolve_unit
        from ntm_cli.domain.status import level_of
        from ntm_cli.domain.text import slug, split_prefix
        from ntm_cli.returnform.parsed import edition_message
        from ntm_cli.returnform.writer import FormContext, build_form
        from ntm_cli.sources.output import workbook_bytes, write_all_atomic
        from ntm_cli.workspace.results import TemplateResult

        month = self.period(period)
        registry, plan = self.registry, self.plan
        if (other := edition_message(month, plan, self.edition, self.listed_editions)) is not None:
            raise NtmError(other.code, **other.params)
        book = self.criteria_book
        area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
        if plan.area_code and (own := registry.by_code.get(plan.area_code)) is not None:
            area = [own, *area]
        kinds = FORM_KINDS[scope]
        units = [u for u in area if u.kind in kinds and book.scope_of(u) in book.by_scope]
        head = self.district(district)
        if head is not None:
            units = [u for u in units if u.parent_code == head.code or u.code == head.code]
        if unit is not None:
            if not unit.strip():
                raise UsageError("option.empty", option="--unit")
            any_kind = {u.kind for u in area if book.scope_of(u) in book.by_scope}
            one = resolve_unit(registry, unit, any_kind, what="unit")
            if one not in area or (head is not None and one.parent_code != head.code):
                raise NtmError("unit.not_in_area", name=one.name, code=one.code,
                               area=head.name if head else plan.number)  # fmt: skip
            units = [one]

        # each unit's level in that month and the set of the level it works towards
        levels = {u.code: level_of(u, as_of=month.month_end()) for u in units}
        sets = {u.code: book.towards(u, levels[u.code]) for u in units}

        def asks(each: Unit) -> bool:  # the registry may answer all a set asks (a town's)
            criteria = sets[each.code][1]
            return criteria is not None and bool(criteria.reported)

        if unit is not None and not asks(units[0]):
            raise NtmError("template.nothing_to_report", name=units[0].name, code=units[0].code)
        units = [u for u in units if asks(u)]
        if not units:
            raise NtmError("template.no_units", scope=scope)
        previous: dict[str, Return] = {}
        with self.store() as db:
            for stored in db.returns(before=month) if db else []:
                previous[stored.ret.unit_code] = stored.ret  # the latest period wins
            note = self.store_note(db, count=False)
        forms = []
        for each in units:
            name = f"{month}_{each.code}_{slug(split_prefix(each.name)[1])}.xlsx"
            forms.append((each, out / name))
        emulation = self.emulation
        files = []
        for each, target in forms:
            level = levels[each.code]
            towards, criteria = sets[each.code]
            assert criteria is not None  # every unit kept asks something
            # a commune's district, or the province itself where there is no district level
            above = (registry.district_of(each) if each.kind is UnitKind.COMMUNE else None) or (
                registry.by_code.get(each.parent_code))  # fmt: skip
            book_ = build_form(
                FormContext(
                    unit=each,
                    district=above,
                    period=month,
                    criteria=criteria,
                    level=level,
                    towards=towards,
                    ladder=self.plan.ladder,
                    previous=previous.get(each.code),
                    emulation=emulation if each.kind is UnitKind.COMMUNE else None,
                )
            )
            files.append((target, workbook_bytes(book_)))
        write_all_atomic(files, force=force)
        return TemplateResult(forms, registry, month, out, store=note)

    def import_files(
        self,
        paths: Sequence[Path],
        dry_run: bool = False,
        replace: bool = False,
        errors: Path | None = None,
        advance: Callable[[FileResult], None] | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> ImportResult:
        """Import returned forms and long-format tables, one verdict a file, each file in its
        own transaction; annotated copies of rejected files go to `errors`."""
        from importlib.util import find_spec

        from ntm_cli.returnform.importer import expand, import_all, signal_name, stop_on_signals
        from ntm_cli.workspace.results import ImportResult

        if find_spec("defusedxml") is None:
            raise NtmError("import.no_defusedxml")
        if any(not str(p).strip() for p in paths):
            raise UsageError("import.empty_path")
        if errors is not None and any(
            p.is_dir() and p.resolve() == errors.resolve() for p in paths
        ):
            raise NtmError("import.errors_inside", folder=str(errors))
        if errors is not None and errors.exists() and not errors.is_dir():
            raise NtmError("output.parent_is_file", path=str(errors))
        ctx = self.read_context()
        files = expand(paths, exclude=errors)
        if not files:
            raise NtmError("import.no_files", paths=[str(p) for p in paths])
        now = dt.datetime.combine(today(), dt.datetime.now().time().replace(microsecond=0))
        if progress is not None:
            progress(len(files))
        with stop_on_signals() as stop:  # Ctrl-C: the import, then the copies, end cleanly
            with self.store(create=not dry_run) as db:
                named = frozenset(p for p in paths if not p.is_dir())  # made current by --replace
                done = import_all(files, db, ctx, replace, dry_run, advance, now, named, stop)
                note = self.store_note(db, count=False)
            stop.store = None
            results = done.results
            _name_refusals(results, self.registry)
            copies = 0
            warnings: tuple[Message, ...] = ()
            if errors is not None and stop.signal is None:
                try:
                    copies = _annotated_copies(results, errors, files, stop)
                except NtmError as exc:  # the verdicts stand; the user still gets them
                    warnings = (exc.message,)
                if stop.signal is not None:  # stopped while writing the copies
                    warnings += (msg("import.copies_cut", written=copies),)
        stopped = done.stopped
        if stop.signal is not None and stopped is None:
            stopped = msg("import.interrupted", signal=signal_name(stop.signal))
        return ImportResult(
            results, dry_run, copies, errors, remaining=tuple(done.remaining),
            stopped=stopped, signal=stop.signal, warnings=warnings, store=note,
        )  # fmt: skip

    def _on_edition(self, month: Period, code: str = "") -> None:
        """Refuse a month whose returns are on another list of units than the plan's: its
        communes are other units, and none of the plan's is expected to report."""
        from ntm_cli.returnform.parsed import edition_message

        problem = edition_message(month, self.plan, self.edition, self.listed_editions)
        if problem is not None:
            other = code and problem.code == "period.other_edition"
            raise NtmError(code if other else problem.code, **problem.params)

    def completeness(self, period: str | Period, district: str | None = None) -> CompletenessResult:
        """Which communes have reported for a month, which are missing or late, by district."""
        from ntm_cli.engine.completeness import completeness
        from ntm_cli.workspace.results import CompletenessResult

        month = self.period(period)
        self._on_edition(month)
        head = self.district(district)
        with self.store() as db:
            received = db.received(month) if db else {}
            states = {c: r.state for c, r in db.reviewed(month).items()} if db else {}
            note = self.store_note(db, month)
        return CompletenessResult(
            completeness(self.plan, self.registry, month, received, head, states),
            store=note,
            warnings=_told(note),
        )

    def report(
        self,
        periods: Sequence[str | Period],
        out: Path = Path("reports"),
        as_of: dt.date | None = None,
        force: bool = False,
        lang: Lang = Lang.VI,
        suffix: str = "xlsx",
        closing: bool = False,
        approved_only: bool = False,
    ) -> ReportResult:
        """Every figure of the monthly report of each month, with the file each is to be written
        to (`ntm report` writes them, all or none, once every month is computed): a workbook,
        or with `suffix` "html" a page. `closing`: the plan's closing report (tổng kết) instead,
        on its last month, as of `as_of` (today by default: the decisions on the last year's
        results come after it), with where each unit went when the next list of units came."""
        from ntm_cli.engine.report import build_report
        from ntm_cli.engine.report import closing as closing_figures
        from ntm_cli.sources.output import check_targets
        from ntm_cli.workspace.results import ReportResult

        plan = self.plan
        if closing:
            last = Period.of(plan.end_year, 12)
            if today() <= last.month_end():  # a plan's results are closed once its years are
                raise NtmError("report.closing_early", number=plan.number, end=plan.end_year,
                               day=f"{last.month_end():%d/%m/%Y}")  # fmt: skip
            periods = [last]
            as_of = as_of or today()
        months = [self.period(p) for p in periods]
        if not closing:
            for month in months:  # before anything is read: all or none
                self._on_edition(month, "report.other_edition")
        if as_of is not None and len(months) > 1:
            raise UsageError("report.as_of_range")
        if as_of is not None and Period.of_date(as_of) < months[0]:
            raise UsageError("report.as_of_before", as_of=as_of.isoformat(), period=months[0])
        name = "bao-cao-ntm" if lang is Lang.VI else "ntm-report"
        targets = [(month, out / f"{month}_{name}.{suffix}") for month in months]
        closed = None
        if closing:
            name = "tong-ket" if lang is Lang.VI else "closing"
            targets = [(months[0], out / f"{name}-{plan.start_year}-{plan.end_year}.{suffix}")]
            edition = self.edition
            walk = self.editions.out_of(edition.id) if edition.id else None
            successor = self.editions.get(walk.new) if walk is not None else None
            assert as_of is not None
            closed = closing_figures(plan, self.registry, as_of, today(),
                                     edition if edition.id else None, successor, walk)  # fmt: skip
        check_targets([target for _, target in targets], force)
        book = self.criteria_book
        emulation = self.emulation
        sets = self._named_sets(emulation) if emulation is not None else {}
        named = {set_id: found for set_id, found in sets.items() if found is not None}
        reports = []
        notes: list[StoreNote] = []
        with self.store() as db:
            # each month's returns read once: a month of a range is also the next one's previous
            read: dict[Period, list[StoredReturn]] = {}

            def latest_of(month: Period) -> list[StoredReturn]:
                if month not in read:
                    read[month] = db.latest(month, approved_only) if db else []
                return read[month]

            flows: dict[int, list[Return]] = {}  # a year's sums, read once up to its last month
            for month, target in targets:
                latest = {
                    s.ret.unit_code: (s.ret, list(s.warnings), s.file_name)
                    for s in latest_of(month)
                }
                previous = {s.ret.unit_code: s.ret for s in latest_of(month.previous())}
                read.pop(month.previous(), None)
                received = db.received(month) if db else {}
                states = {c: r.state for c, r in db.reviewed(month).items()} if db else {}
                if approved_only:  # a return not approved is read as not received: each
                    # commune's latest approved return, this month's if it is approved
                    waiting = {c for c, s in states.items() if s != "approved"}
                    received = {c: d for c, d in received.items() if c not in waiting}
                year: list[Return] = []
                if db and emulation is not None:
                    if month.year not in flows:
                        end = max(m for m, _ in targets if m.year == month.year)
                        flows[month.year] = db.flows(f"{month.year}-01", end, approved_only)
                    year = [r for r in flows[month.year] if r.period <= month]
                result = build_report(
                    self.plan, self.registry, book, month, latest, previous, received,
                    today(), as_of, emulation, named, year, closed, states, approved_only,
                )  # fmt: skip
                reports.append((target, result))
                # a closing report reads each commune's last return whenever it came: the store
                # is noted whole, not by its last month (none on the old list)
                notes.append(self.store_note(db, None if closing else month))
        told = tuple(m for note in notes if (m := note.problem) is not None)
        return ReportResult(reports, out, lang, store=notes[-1], warnings=told)

    def gaps(
        self,
        period: str | Period | None = None,
        district: str | None = None,
        level: str | Level | None = None,
        scope: str = "commune",
    ) -> GapsResult:
        """The weakest criteria and the communes 1-3 criteria short of the next level (`scope`
        "district": the district-level units, on their own returns)."""
        from ntm_cli.engine.gaps import find_gaps
        from ntm_cli.workspace.results import GapsResult

        asked = self.period(period) if period is not None else None
        towards = (
            parse_option(lambda v: parse_level(self.plan.ladder, v), level, "--level")
            if isinstance(level, str)
            else level
        )
        head = self.district(district)
        book = self.criteria_book
        month, latest, note = self._latest(asked)
        if not note.exists:
            assert (problem := note.problem) is not None
            raise StoreError(problem.code, **problem.params)
        if month is None or not latest:
            if asked is not None:
                raise NtmError("returns.none_up_to", period=asked)
            raise NtmError("returns.none")
        assert isinstance(towards, Level | None)
        result = find_gaps(
            self.plan, self.registry, book, month, latest, today(), head, towards, scope
        )
        return GapsResult(result, self.registry, store=note)

    def forecast(
        self,
        year: int | None = None,
        period: str | Period | None = None,
        as_of: dt.date | None = None,
    ) -> ForecastResult:
        """Will the open milestones be met: the pipeline, the near-misses and the trend."""
        from ntm_cli.domain.status import registry_as_of
        from ntm_cli.engine.forecast import forecast
        from ntm_cli.workspace.results import ForecastResult

        # returns up to the month asked, else up to the month of --as-of (none from after it)
        month = self.period(period) if period is not None else None
        if month is None and as_of is not None:
            month = Period.of_date(as_of)
        if year is not None:
            self.year(year)
        book = self.criteria_book
        month, latest, note = self._latest(month)
        warnings = _told(note) + (() if latest else (msg("returns.none_trend_only"),))
        registry = self.registry if as_of is None else registry_as_of(self.registry, as_of)
        result = forecast(self.plan, registry, book, latest, as_of or today(), month, year)
        return ForecastResult(result, self.registry, warnings=warnings, store=note)

    def awards(
        self, year: int, rules: Sequence[str] | None = None, period: str | Period | None = None
    ) -> AwardsResult:
        """The commendation shortlist by the plan's rules: qualifies, to check, or excluded."""
        from ntm_cli.engine.awards import shortlist
        from ntm_cli.workspace.results import AwardsResult

        plan = self.plan
        if not plan.awards:
            raise DataError("awards.rules_missing", path=plan.path)
        month = self.period(period) if period is not None else None
        self.year(year)
        december = Period.of(year, 12)
        if month is not None and month > december:
            raise UsageError("awards.period_after_year", period=month, year=year)
        if rules:
            known = [r.id for r in plan.awards]
            if unknown := [r for r in rules if r not in known]:
                raise DataError("awards.unknown_rule", path=plan.path, rule=unknown[0], known=known)
            plan = replace(plan, awards=tuple(r for r in plan.awards if r.id in rules))
        book = self.criteria_book
        month, latest, note = self._latest(month, cap=december)
        none = (
            msg("returns.none_awards_year", year=year, period=month)
            if month
            else msg("returns.none_awards")
        )
        warnings = _told(note) + (() if latest else (none,))
        with self.store() as db:
            found = db.nominations(year) if db is not None else None
        result = shortlist(
            plan, self.registry, book, year, latest, month,
            nominees=found.nominees if found else (),
            nominations=found.file_name if found else None,
        )  # fmt: skip
        return AwardsResult(result, warnings=warnings, store=note)

    def nominations_template(
        self, year: int, out: Path = Path("forms"), force: bool = False
    ) -> NominationsFormResult:
        """The nominations workbook of an award year: a sheet for each rule judged on
        nominations (departments, hamlets, enterprises, individuals, others)."""
        from ntm_cli.returnform.nominations import (
            build_nominations,
            file_name,
            forms_of,
            sheet_titles,
        )
        from ntm_cli.sources.output import workbook_bytes, write_all_atomic
        from ntm_cli.workspace.results import NominationsFormResult

        plan = self.plan
        self.year(year)
        rules = forms_of(plan)
        if not rules:
            raise DataError("awards.no_nominated_rules", path=plan.path)
        target = out / file_name(year)
        write_all_atomic([(target, workbook_bytes(build_nominations(plan, year)))], force=force)
        return NominationsFormResult(target, year, tuple(sheet_titles(rules)))

    # Officers ----------------------------------------------------------------------------------

    def store_on_server(self) -> bool:
        """Whether the store is a database on a server (it has accounts) or a SQLite file."""
        return is_url(self.store_location)

    def store_grant(
        self,
        name: str,
        district: str | None = None,
        province: bool = False,
        password: str | None = None,
    ) -> OfficersResult:
        """Make `name` an officer of the plan's edition: of the whole province, or of a
        district (its communes in the plan's registry). On a PostgreSQL store the server then
        holds the account to it (roles, privileges, row-level security); on SQLite only the
        officer's rows are recorded."""
        if not _OFFICER_NAME.fullmatch(name) or name.startswith(("pg_", "ntm_")):
            raise UsageError("grant.bad_name", name=name)
        if name in _RESERVED_ROLES:
            raise UsageError("grant.reserved_name", name=name)
        if province == (district is not None):
            raise UsageError("grant.level")
        if password is not None and not self.store_on_server():
            raise UsageError("grant.password_sqlite")
        level, scope, units = "province", "", []
        if district is not None:
            head = self.district(district)
            assert head is not None
            level, scope = "district", head.code
            units = [u.code for u in self.registry.descendants(head.code)]
            if not units:
                raise NtmError("grant.no_communes", district=head.name)
        with self.store(create=True) as db:
            assert db is not None
            server = db.grant(name, level, scope, units, password)
            granted = self._officers(db, "grant", name, server=server)
            if db.unbounded(name):  # a superuser or the owner: the policies do not bind them
                return replace(granted, warnings=(msg("grant.unbounded", name=name),))
            return granted

    def store_revoke(self, name: str) -> OfficersResult:
        """Remove an officer (and, on a PostgreSQL store, their account's group membership)."""
        with self.store() as db:
            if db is None:
                raise StoreError("store.missing", path=mask(self.store_location))
            removed = db.revoke(name)
            return self._officers(db, "revoke", name, removed=removed)

    def store_officers(self) -> OfficersResult:
        """The store's officers, each with their level and district."""
        with self.store() as db:
            if db is None:
                raise StoreError("store.missing", path=mask(self.store_location))
            return self._officers(db, "list")

    def _officers(
        self, db: Store, action: str, name: str = "", server: bool = False, removed: int = 0
    ) -> OfficersResult:
        from ntm_cli.domain.officers import OfficerListing
        from ntm_cli.workspace.results.officers import OfficersResult

        units = self.registry.by_code
        officers = tuple(
            OfficerListing(
                name=str(row["name"]),
                edition=str(row["edition"]),
                level=str(row["level"]),
                scope=str(row["scope"]),
                scope_name=units[row["scope"]].name if row["scope"] in units else "",
                units=int(row["units"]),
                granted_at=str(row["granted_at"]),
            )  # fmt: skip
            for row in db.officers()
        )
        note = self.store_note(db, count=False)
        return OfficersResult(
            officers, note.path, action, name, server or db.engine == "postgresql", removed,
            db.officer_groups(), store=note,
        )  # fmt: skip

    # Review ------------------------------------------------------------------------------------

    def _review_month(self, period: str | Period) -> Period:
        month = self.period(period)
        self._on_edition(month)
        return month

    def _commune(self, query: str) -> Unit:
        from ntm_cli.domain.lookup import resolve_unit

        if not query.strip():
            raise UsageError("option.empty", option="CODE")
        return resolve_unit(self.registry, query, {UnitKind.COMMUNE}, what="commune")

    def _communes_under(self, head: Unit | None) -> list[Unit]:
        """The communes of the plan's area (of a district-level unit's), in registry order."""
        registry, plan = self.registry, self.plan
        top = head.code if head is not None else plan.area_code
        area = registry.descendants(top) if top else list(registry.units)
        return [u for u in area if u.kind is UnitKind.COMMUNE]

    def _head(self, unit: Unit) -> Unit | None:
        """A commune's district-level unit (None: directly under the province)."""
        return self.registry.district_of(unit)

    def _scope(self, officer: Officer) -> Message:
        if officer.level == "province":
            return msg("review.scope.province")
        head = self.registry.by_code.get(officer.scope)
        return msg("review.scope.district", name=head.name if head else officer.scope or "-")

    def _deciding(self, db: Store, actor: str | None) -> tuple[str, str, Officer | None]:
        """Who decides (name, database role) and as which officer (None: the store has no
        officer for the plan's list of units, so it is one analyst's, who decides at every
        level); refused when the store has officers and this is not one of them."""
        name, role = db.reviewer(actor)
        officers = db.review_officers(self.edition.id)
        if not officers:
            return name, role, None
        who = role or name  # on a server, the database role is the officer; on a file, the name
        officer = officers.get(who)
        if officer is None:
            raise NtmError("review.not_officer", actor=who, edition=self.edition.id or "-")
        return name, role, officer

    def _review_store(self, db: Store | None) -> Store:
        """The store a decision is written to: refused when there is none (nothing to review)."""
        if db is None:
            problem = self.store_note(None).problem
            assert problem is not None
            raise StoreError(problem.code, **problem.params)
        return db

    def review_list(
        self, period: str | Period, district: str | None = None, state: str | None = None
    ) -> ReviewListResult:
        """Each commune with a current return of the month, its review state and the last
        decision on it, with the counts by state (of a district's communes)."""
        from ntm_cli.domain.review import STATES
        from ntm_cli.engine.review import counts
        from ntm_cli.workspace.results.review import ReviewListResult, ReviewRow

        month = self._review_month(period)
        head = self.district(district)
        if state is not None and state not in STATES:
            raise UsageError("review.bad_state", value=state, states=list(STATES))
        with self.store() as db:
            found = db.reviewed(month) if db is not None else {}
            note = self.store_note(db, month)
        rows = []
        for unit in self._communes_under(head):
            reviewed = found.get(unit.code)
            if reviewed is not None:
                rows.append(ReviewRow(unit, self._head(unit), reviewed))
        tally = counts([r.reviewed.state for r in rows])
        if state is not None:
            rows = [r for r in rows if r.reviewed.state == state]
        return ReviewListResult(str(month), rows, tally, head, store=note, warnings=_told(note))

    def review_approve(
        self,
        units: Sequence[str],
        period: str | Period,
        district: str | None = None,
        actor: str | None = None,
    ) -> ReviewDecisionsResult:
        """Approve the returns of the communes named, or of every commune of `district`, at the
        level of the one deciding; those left as they were are listed with why."""
        from ntm_cli.engine.review import Refusal, approve, in_scope
        from ntm_cli.workspace.results.review import ReviewDecisionsResult

        month = self._review_month(period)
        head = self.district(district)
        if not units and head is None:
            raise UsageError("review.approve.nothing")
        named = [self._commune(q) for q in units]
        whole = self._communes_under(head) if head is not None else []
        asked = list({u.code: u for u in [*named, *whole]}.values())
        by_name = {u.code for u in named}
        levels = self.edition.review
        decided, skipped = [], []
        with self.store() as opened:
            db = self._review_store(opened)
            note = self.store_note(db, month)
            name, role, officer = self._deciding(db, actor)
            found = db.reviewed(month)
            now = self._now()
            for unit in asked:
                seen = found.get(unit.code)
                if seen is None:
                    if unit.code in by_name:
                        skipped.append((unit, msg("review.skip.no_return")))
                    continue
                if officer is not None and not in_scope(officer, unit.code):
                    skipped.append((unit, msg("review.skip.out_of_scope", actor=officer.name,
                                              scope=self._scope(officer).as_param())))  # fmt: skip
                    continue
                step = approve(seen.state, officer, levels)
                if isinstance(step, Refusal):
                    skipped.append((unit, msg(step.reason, edition=self.edition.id or "-")))
                    continue
                try:
                    done = db.decide(seen, "approve", step.level, step.state, "", name, role, now)
                except Conflict as exc:
                    skipped.append((unit, exc.message))
                    continue
                decided.append((unit, done))
        return ReviewDecisionsResult(str(month), name, decided, skipped, store=note)

    def review_return(
        self,
        unit: str,
        period: str | Period,
        comment: str,
        actor: str | None = None,
        out: Path = Path("returned"),
    ) -> ReviewDecisionsResult:
        """Return a commune's return of the month with a comment, and write the copy to send
        back: the commune's form pre-filled with the return, the comment on it."""
        from ntm_cli.engine.review import Refusal, in_scope, send_back

        if not comment.strip():
            raise UsageError("review.comment_required")
        month = self._review_month(period)
        commune = self._commune(unit)
        _parent_ready(out / "copy.xlsx")  # before the decision: its copy can be written
        with self.store() as opened:
            db = self._review_store(opened)
            note = self.store_note(db, month)
            name, role, officer = self._deciding(db, actor)
            seen = db.reviewed(month).get(commune.code)
            if seen is None:
                raise NtmError("review.no_return", name=commune.name, code=commune.code,
                               period=str(month))  # fmt: skip
            if officer is not None and not in_scope(officer, commune.code):
                scope = self._scope(officer).as_param()
                raise NtmError("review.out_of_scope", name=commune.name, code=commune.code,
                               actor=officer.name, scope=scope)  # fmt: skip
            step = send_back(seen.state, officer, self.edition.review)
            if isinstance(step, Refusal):
                reason = msg(step.reason, edition=self.edition.id or "-").as_param()
                raise NtmError("review.refused", name=commune.name, code=commune.code,
                               period=str(month), reason=reason)  # fmt: skip
            stored = db.returned_from(seen.return_id)
            done = db.decide(seen, "return", step.level, step.state, comment.strip(), name, role,
                             self._now())  # fmt: skip
        assert stored is not None
        copy = self._returned_copy(commune, month, stored.ret, done, out)
        from ntm_cli.workspace.results.review import ReviewDecisionsResult

        return ReviewDecisionsResult(str(month), name, [(commune, done)], copy=copy, store=note)

    def _returned_copy(
        self, commune: Unit, month: Period, ret: Return, done: Decision, out: Path
    ) -> Path:
        """The commune's form for the month pre-filled with the return sent back, the comment,
        who and when on a first sheet and on the commune's name (as `ntm template` names it,
        under a free name: a copy written before is kept)."""
        from ntm_cli.domain.status import level_of
        from ntm_cli.domain.text import slug, split_prefix
        from ntm_cli.returnform.annotate import returned_copy
        from ntm_cli.returnform.writer import FormContext, build_form
        from ntm_cli.sources.output import workbook_bytes, write_atomic

        registry, book = self.registry, self.criteria_book
        level = level_of(commune, as_of=month.month_end())
        towards, criteria = book.towards(commune, level)
        stored_set = self.criteria_set(ret.criteria_set) if ret.criteria_set else None
        criteria = stored_set or criteria
        assert criteria is not None
        form = build_form(
            FormContext(
                unit=commune, district=registry.district_of(commune) or registry.by_code.get(
                    commune.parent_code), period=month, criteria=criteria, level=level,
                towards=towards, ladder=self.plan.ladder, previous=ret, emulation=self.emulation,
            )
        )  # fmt: skip
        level_said = msg(f"review.level.{done.level}").text(Lang.VI)  # the commune's copy
        stem = f"{month}_{commune.code}_{slug(split_prefix(commune.name)[1])}"
        annotated = returned_copy(
            workbook_bytes(form),
            f"Phiếu kỳ {month} của {commune.name} được trả lại để sửa",
            [
                ("Mã xã", commune.code),
                ("Trả lại lúc", done.at.replace("T", " ")),
                ("Người trả lại", f"{done.actor} ({level_said})"),
                ("Ý kiến", done.comment),
                ("Gửi lại", "Sửa phiếu theo ý kiến trên rồi gửi lại; phiếu gửi lại được nhận "
                 "như một phiếu mới, không cần nhập đè."),
            ],
        )  # fmt: skip
        target, n = out / f"{stem}.xlsx", 1
        while target.exists():
            n += 1
            target = out / f"{stem}-{n}.xlsx"
        write_atomic(target, workbook_bytes(annotated), force=False)
        return target

    def review_history(self, unit: str, period: str | Period) -> ReviewHistoryResult:
        """Every decision on every return of a commune-month, oldest first, and the state of
        its current return."""
        from ntm_cli.workspace.results.review import ReviewHistoryResult

        month = self._review_month(period)
        commune = self._commune(unit)
        with self.store() as db:
            decisions = db.decisions(commune.code, str(month)) if db is not None else []
            current = db.reviewed(month).get(commune.code) if db is not None else None
            note = self.store_note(db, month)
        return ReviewHistoryResult(commune, str(month), decisions, current, store=note,
                                   warnings=_told(note))  # fmt: skip

    @staticmethod
    def _now() -> dt.datetime:
        """Now, on the day `today()` gives (NTM_TODAY in examples and tests)."""
        return dt.datetime.combine(today(), dt.datetime.now().time().replace(microsecond=0))


def _name_refusals(results: Sequence[FileResult], registry: Registry) -> None:
    """A file the server refused to an officer for a commune outside their district names the
    commune and the district, not only their codes."""
    for result in results:
        for i, issue in enumerate(result.errors):
            if issue.msg.code != "store.unit_denied":
                continue
            params = dict(issue.msg.params)
            for key in ("unit", "district"):
                unit = registry.by_code.get(str(params[key]))
                if unit is not None:
                    params[key] = f"{unit.name} ({unit.code})"
            result.errors[i] = replace(issue, msg=Message(issue.msg.code, params))


# An officer's account name: a PostgreSQL role written as psql takes it unquoted
_OFFICER_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Names the server keeps for itself where a role is named (PUBLIC, NONE, CURRENT_USER, …)
_RESERVED_ROLES = frozenset(
    {"public", "none", "current_user", "session_user", "current_role", "user", "system_user"}
)


def _criteria_fit(plan: Plan, folder: Path) -> list[Issue]:
    """A set the plan names for a scope and level must judge that scope and that level (a
    district set named for communes would ask communes of their townships)."""
    from ntm_cli.sources.criteria import load_criteria

    problems: list[Issue] = []
    for scope, levels in plan.criteria.items():
        for level, set_id in levels.items():
            try:
                found = load_criteria(folder, set_id)
            except DataError:
                continue  # its own problems are listed already
            place = f"{plan.path}: criteria.{scope}.{level.value}"
            if found.scope != scope:
                said = msg("criteria.scope_mismatch", set=set_id, scope=found.scope, named=scope)
                problems.append(Issue(None, place, said))
            elif unknown := [
                lv for lv in (found.level, found.requires,
                              *(c.computed.level for c in found.computed if c.computed))
                if lv is not None and lv not in plan.ladder
            ]:  # fmt: skip
                said = msg("criteria.level_unknown", set=set_id, level=unknown[0],
                           ladder=plan.ladder.ids())  # fmt: skip
                problems.append(Issue(None, place, said))
            elif (
                found.level is not None and found.level != level and len(set(levels.values())) > 1
            ):  # one set for every level (an older plan) judges them all
                said = msg("criteria.level_mismatch", set=set_id, level=found.level, named=level)
                problems.append(Issue(None, place, said))
    return problems


def _group_fit(plan: Plan, registry: Registry, folder: Path) -> list[Issue]:
    """Each commune's group is one its criteria set declares (see engine.check.check_groups)."""
    from ntm_cli.engine.check import check_groups
    from ntm_cli.sources.criteria import load_criteria

    sets: dict[str, CriteriaSet] = {}
    for set_id in plan.criteria.get("commune", {}).values():
        try:
            sets[set_id] = load_criteria(folder, set_id)
        except DataError:
            continue  # its own problems are listed already
    return check_groups(plan, registry, sets)


FORM_KINDS = {
    "commune": frozenset({UnitKind.COMMUNE}),
    "district": DISTRICT_LEVEL,
    "province": frozenset({UnitKind.PROVINCE}),
}
"""The units `ntm template --scope` writes forms for."""


def _shown(location: str) -> str:
    """A store's file as the user reads it: relative to the working folder when inside it."""
    if is_url(location):
        return location
    path = Path(location)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return location


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths are one file (a hard link or a symbolic link included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _keep(db: Store, target: Path) -> None:
    """A copy of the store as it is, damaged or not: SQLite's backup, or, when damage stops
    the backup, the file's bytes and those of its write-ahead log."""
    import shutil

    try:
        db.backup(target, check=False)
    except StoreError:
        if db.engine != "sqlite":  # a server store has no file to copy by its bytes
            raise
        try:
            shutil.copyfile(db.path, target)
            wal = Path(f"{db.path}-wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{target}-wal"))
        except OSError as exc:
            raise NtmError("output.unwritable", path=str(target), reason=os_reason(exc)) from None


def _parent_ready(target: Path) -> None:
    """The folder of a file to be written exists (made if need be), and is a folder."""
    from ntm_cli.domain.messages import os_reason

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NtmError("output.unwritable", path=str(target), reason=os_reason(exc)) from None


def _told(note: StoreNote) -> tuple[Message, ...]:
    """The store's problem, as a warning of the result."""
    problem = note.problem
    return () if problem is None else (problem,)


def parse_level(ladder: Ladder, text: str | None, allow_none: bool = False) -> Level | str | None:
    """A rung of `ladder` by its id or its words (with or without diacritics: "nâng cao",
    "kieu mau"); "none" (not yet at the first rung: "chưa đạt") where `allow_none`."""
    from ntm_cli.domain.text import fold

    if text is None:
        return None
    if allow_none and fold(text) in ("none", "chua dat", "chua dat chuan"):
        return "none"
    return ladder.parse(text)


def _annotated_copies(
    results: list[FileResult], folder: Path, inputs: list[Path], stop: Stop | None = None
) -> int:
    """An annotated copy of each rejected file under a free name: never over any file (a
    signal ends the copies after the one being written)."""
    import openpyxl

    from ntm_cli.returnform.annotate import annotate
    from ntm_cli.sources.output import workbook_bytes, write_atomic

    if not openpyxl.DEFUSEDXML:  # openpyxl reopens rejected workbooks to annotate them
        raise NtmError("import.no_defusedxml")
    submitted = {p.resolve() for p in inputs}
    used: set[str] = set()
    written = 0
    for r in results:
        if stop is not None and stop.signal is not None:
            break
        if r.status != "rejected":
            continue
        stem = r.path.stem if r.path.suffix.lower() == ".xlsx" else r.path.name
        name, n = f"{stem}.xlsx", 1
        while name in used or (folder / name).exists() or (folder / name).resolve() in submitted:
            n += 1
            name = f"{stem}-{n}.xlsx"
        used.add(name)
        # the workbook itself is reopened only when its cells were read: never a zip bomb,
        # an encrypted or a damaged file
        readable = r.raw is not None and any(i.cell and i.sheet for i in r.errors)
        book = annotate(r.raw if readable else None, r.path.name, r.errors)
        write_atomic(folder / name, workbook_bytes(book), force=True)
        written += 1
    return written


def parse_date(text: str) -> dt.date:
    """A date as users write it (2024-06-30 or 30/06/2024); a ValueError names what is wrong."""
    from ntm_cli.sources.registry import parse_date as parse

    return parse(text)


def write_workbooks(books: Sequence[tuple[Path, Saveable]], force: bool = False) -> None:
    """Write workbooks (an export, the reports) all or none: a failure leaves none half-done."""
    from ntm_cli.sources.output import workbook_bytes, write_all_atomic

    write_all_atomic([(path, workbook_bytes(book)) for path, book in books], force=force)


def write_files(files: Sequence[tuple[Path, bytes]], force: bool = False) -> None:
    """Write files (the report's pages) all or none, as write_workbooks does."""
    from ntm_cli.sources.output import write_all_atomic

    write_all_atomic(list(files), force=force)


__all__ = [
    "Workspace",
    "open",
    "parse_date",
    "parse_level",
    "today",
    "write_files",
    "write_workbooks",
]
