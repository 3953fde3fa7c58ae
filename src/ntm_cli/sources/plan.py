"""Read a plan (`targets.yaml`) with problems that name the line; cache the validated result.

pydantic (plan_schema.py) validates the file at the edge; the plan inside is the frozen
dataclasses of domain/models.py, and the cache (sources/cache.py) stores their JSON form.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.i18n import define_labels
from ntm_cli.domain.messages import Issue, msg
from ntm_cli.domain.models import (
    AwardRule,
    Ladder,
    Level,
    Milestone,
    OcopValidity,
    Plan,
    Rung,
    Scope,
)
from ntm_cli.sources.cache import CACHE_FORMAT, cache_dir, cached
from ntm_cli.sources.registry import read_data_file, too_large

if TYPE_CHECKING:
    from ntm_cli.sources.plan_schema import PlanFile
    from ntm_cli.sources.yamlfile import Lines

__all__ = ["CACHE_FORMAT", "MAX_PLAN", "cache_dir", "load_plan", "parse_plan", "read_plan_bytes"]


MAX_PLAN = 2_000_000  # bytes; a plan is about 10 kB


def read_plan_bytes(path: Path) -> bytes:
    """The bytes of the plan file `path` (a regular file within MAX_PLAN), else a DataError."""
    try:
        return read_data_file(path, MAX_PLAN)
    except FileNotFoundError:
        raise DataError("plan.file.missing", path=str(path)) from None


def load_plan(path: Path, raw: bytes | None = None) -> Plan:
    """The plan in `path` (whose bytes are `raw` when already read), from the cache when the
    file is unchanged."""
    if raw is None:
        raw = read_plan_bytes(path)
    problems: list[Issue] = []

    def build() -> Plan | None:
        plan, found = parse_plan(raw, path)
        problems.extend(found)
        return plan

    plan = cached("plan", raw, Plan, build)
    if problems or plan is None:
        raise DataError("plan.invalid", problems, path=str(path))
    define_labels(plan.ladder.labels())
    return plan if plan.path == str(path) else dataclasses.replace(plan, path=str(path))


def parse_plan(raw: bytes, path: Path) -> tuple[Plan | None, list[Issue]]:
    """Parse and validate; every problem with its place `file:line: location`."""
    from ntm_cli.sources.plan_schema import PlanFile
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    if len(raw) > MAX_PLAN:  # bytes read by a caller that did not bound them
        return None, [Issue(None, None, too_large(path, len(raw), MAX_PLAN).message)]
    spec, lines, problems = validate_yaml(raw, path, PlanFile, msg("plan.shape"))
    if spec is None:
        return None, problems
    problems = []
    ladder, problems = _ladder(spec, path, lines)
    seen: dict[str, int] = {}
    for i, m in enumerate(spec.milestones):
        where = f"{path}:{line_of(('milestones', i), lines)}: milestones[{i}]"
        if m.id in seen:
            problems.append(
                Issue(
                    None, f"{where}.id", msg("plan.milestone.id_twice", id=m.id, first=seen[m.id])
                )
            )
        seen.setdefault(m.id, i)
        start, end = spec.plan.period.start, spec.plan.period.end
        if not start <= m.year <= end:
            problems.append(
                Issue(None, f"{where}.year",
                      msg("plan.milestone.year_outside", year=m.year, start=start, end=end))
            )  # fmt: skip
    rules = spec.awards.rules if spec.awards else []
    seen_rules: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.id in seen_rules:
            where = f"{path}:{line_of(('awards', 'rules', i), lines)}: awards.rules[{i}]"
            first = seen_rules[rule.id]
            problems.append(
                Issue(None, f"{where}.id", msg("plan.award.id_twice", id=rule.id, first=first))
            )
        seen_rules.setdefault(rule.id, i)
    if problems:
        return None, problems
    header = spec.plan
    certificate = spec.awards.ocop_certificate if spec.awards else None
    validity = (
        OcopValidity(certificate.valid_months, certificate.source, certificate.confirmed)
        if certificate
        else None
    )
    plan = Plan(
        id=header.id,
        title=header.title,
        title_en=header.title_en,
        number=header.number,
        issued_on=header.issued_on,
        issuer=header.issuer,
        area_code=header.area,
        start_year=header.period.start,
        end_year=header.period.end,
        source=header.source,
        edition=header.edition,
        edition_line=line_of(("plan", "edition"), lines) if header.edition else 0,
        path=str(path),
        ladder=ladder,
        criteria=_criteria_refs(spec.criteria.model_dump(), ladder),
        due_day=spec.returns.due_day,
        decisions_until=spec.recognition.decisions_until if spec.recognition else None,
        area_line=line_of(("plan", "area"), lines),
        awards=tuple(
            AwardRule(
                id=r.id,
                name=r.name,
                name_en=r.name_en,
                subject=r.subject,
                group=r.group,
                reached=tuple(ladder[lv] for lv in r.reached),
                max_debt=r.max_debt,
                all_criteria=r.all_criteria,
                requires=tuple(r.requires),
                any_of=tuple(r.any_of),
                min_ocop=r.min_ocop,
                min_stars=r.min_stars,
                min_jobs=r.min_jobs,
                ocop_validity=validity if r.min_ocop else None,
                council=tuple(r.council),
                council_en=tuple(r.council_en),
                basis=r.basis or (spec.awards.source if spec.awards else ""),
                line=line_of(("awards", "rules", i), lines),
            )
            for i, r in enumerate(rules)
        ),
        milestones=tuple(
            Milestone(
                id=m.id,
                year=m.year,
                kind=m.kind,
                scope=m.scope or Scope.UNIT,
                level=ladder[m.level],
                target=1 if m.target is None else m.target,
                binding=m.binding,
                unit_code=m.unit,
                wording=m.wording,
                wording_en=m.wording_en,
                line=line_of(("milestones", i), lines),
            )
            for i, m in enumerate(spec.milestones)
        ),
    )
    return plan, []


def _ladder(spec: PlanFile, path: Path, lines: Lines) -> tuple[Ladder, list[Issue]]:
    """The plan's ladder of levels, lowest first, and a problem for each id given twice."""
    from ntm_cli.sources.yamlfile import line_of

    problems: list[Issue] = []
    rungs: dict[str, Rung] = {}
    for i, r in enumerate(spec.levels):
        if r.id in rungs:
            where = f"{path}:{line_of(('levels', i), lines)}: levels[{i}].id"
            problems.append(Issue(None, where, msg("plan.level.id_twice", id=r.id)))
            continue
        rungs[r.id] = r.rung()
    return Ladder(tuple(rungs.values())), problems


def _criteria_refs(
    refs: dict[str, str | dict[str, str]], ladder: Ladder
) -> dict[str, dict[Level, str]]:
    """Scope -> level -> set id; a scope naming one set has it for every level."""
    out: dict[str, dict[Level, str]] = {}
    for scope, value in refs.items():
        if isinstance(value, dict):
            out[scope] = {ladder[k]: v for k, v in value.items() if v}
        elif value:
            out[scope] = dict.fromkeys(ladder.levels, value)
    return {k: v for k, v in out.items() if v}
