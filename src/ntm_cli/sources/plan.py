"""Read a plan (`targets.yaml`) with errors that name the line; cache the validated result.

YAML parsing and pydantic validation cost more than the rest of `ntm progress` together, so a
validated plan is kept as JSON beside a copy of the file it came from: an entry is used only when
that copy equals the file byte for byte, so a changed file is always read afresh.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ntm_cli import __version__
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.models import AwardRule, Level, Milestone, MilestoneKind, Plan, Scope

CACHE_FORMAT = 4


def load_plan(path: Path) -> Plan:
    """The plan in `path`, from the cache when the file is unchanged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file; a data folder holds targets.yaml") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    # The name narrows the search; the stored copy of the file decides (crc32 is not a proof).
    source = raw.decode("utf-8", errors="replace")
    key = f"{zlib.crc32(raw):08x}-{len(raw)}-{__version__}-{CACHE_FORMAT}"
    cached = _cache_read(key)
    if cached is not None and cached.get("source") == source:
        try:
            return plan_from_dict(cached["plan"], str(path))
        except (KeyError, TypeError, ValueError):
            pass  # an entry from an older layout: validate afresh
    plan, problems = parse_plan(raw, path)
    if problems or plan is None:
        raise DataError(f"{path}: the plan is not valid; `ntm plan check` lists it all", problems)
    _cache_write(key, {"source": source, "plan": plan_to_dict(plan)})
    return plan


def parse_plan(raw: bytes, path: Path) -> tuple[Plan | None, list[str]]:
    """Parse and validate; every problem as `file:line: location: message`."""
    from ntm_cli.sources.plan_schema import PlanFile
    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    spec, lines, problems = validate_yaml(
        raw, path, PlanFile, "the plan must be a mapping with 'plan:' and 'milestones:'"
    )
    if spec is None:
        return None, problems
    problems = []
    seen: dict[str, int] = {}
    for i, m in enumerate(spec.milestones):
        where = f"{path}:{line_of(('milestones', i), lines)}: milestones[{i}]"
        if m.id in seen:
            problems.append(
                f"{where}.id: {m.id!r} is also milestones[{seen[m.id]}]; ids are unique"
            )
        seen.setdefault(m.id, i)
        start, end = spec.plan.period.start, spec.plan.period.end
        if not start <= m.year <= end:
            problems.append(f"{where}.year: {m.year} is outside the plan period {start}–{end}")
    rules = spec.awards.rules if spec.awards else []
    seen_rules: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.id in seen_rules:
            where = f"{path}:{line_of(('awards', 'rules', i), lines)}: awards.rules[{i}]"
            first = seen_rules[rule.id]
            problems.append(
                f"{where}.id: {rule.id!r} is also awards.rules[{first}]; ids are unique"
            )
        seen_rules.setdefault(rule.id, i)
    if problems:
        return None, problems
    header = spec.plan
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
        path=str(path),
        criteria={scope: set_id for scope, set_id in spec.criteria.model_dump().items() if set_id},
        due_day=spec.returns.due_day,
        area_line=line_of(("plan", "area"), lines),
        awards=tuple(
            AwardRule(
                id=r.id,
                name=r.name,
                name_en=r.name_en,
                scope=r.scope,
                reached=tuple(r.reached),
                max_debt=r.max_debt,
                all_criteria=r.all_criteria,
                min_ocop=r.min_ocop,
                min_stars=r.min_stars,
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
                level=m.level,
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


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """A JSON-ready form of the plan (the cache format)."""
    return {
        "id": plan.id,
        "title": plan.title,
        "title_en": plan.title_en,
        "number": plan.number,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "issuer": plan.issuer,
        "area_code": plan.area_code,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "source": plan.source,
        "criteria": plan.criteria,
        "due_day": plan.due_day,
        "area_line": plan.area_line,
        "awards": [
            {**asdict(r), "scope": r.scope.value, "reached": [lv.value for lv in r.reached]}
            for r in plan.awards
        ],
        "milestones": [
            {
                "id": m.id,
                "year": m.year,
                "kind": m.kind.value,
                "scope": m.scope.value,
                "level": m.level.value,
                "target": m.target,
                "binding": m.binding,
                "unit_code": m.unit_code,
                "wording": m.wording,
                "wording_en": m.wording_en,
                "line": m.line,
            }
            for m in plan.milestones
        ],
    }


def plan_from_dict(data: dict[str, Any], path: str) -> Plan:
    milestones = tuple(
        Milestone(
            id=m["id"],
            year=m["year"],
            kind=MilestoneKind(m["kind"]),
            scope=Scope(m["scope"]),
            level=Level(m["level"]),
            target=m["target"],
            binding=m["binding"],
            unit_code=m["unit_code"],
            wording=m["wording"],
            wording_en=m["wording_en"],
            line=m["line"],
        )
        for m in data["milestones"]
    )
    awards = tuple(
        AwardRule(
            **{**r, "scope": Scope(r["scope"]), "reached": tuple(Level(lv) for lv in r["reached"])}
        )  # fmt: skip
        for r in data["awards"]
    )
    issued = data["issued_on"]
    return Plan(
        id=data["id"],
        title=data["title"],
        title_en=data["title_en"],
        number=data["number"],
        issued_on=dt.date.fromisoformat(issued) if issued else None,
        issuer=data["issuer"],
        area_code=data["area_code"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        source=data["source"],
        path=path,
        criteria=data["criteria"],
        due_day=data["due_day"],
        area_line=data["area_line"],
        awards=awards,
        milestones=milestones,
    )


def cache_dir() -> Path | None:
    """`NTM_CACHE_DIR`, else the user's cache folder; `NTM_CACHE_DIR=off` disables the cache."""
    configured = os.environ.get("NTM_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ntm"


def _cache_read(key: str) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"plan-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _cache_write(key: str, data: dict[str, Any]) -> None:
    """Best effort and atomic: a cache that cannot be written only costs time."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".plan-{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / f"plan-{key}.json")
    except OSError:
        pass
