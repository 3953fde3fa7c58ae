"""`ntm plan check`: validate the plan and the registry together and list every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from ntm_cli.cli.app import DataOption, handled, stdout
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer(help="Check the plan file and the unit registry.", no_args_is_help=True)


@app.command("check")
def check(
    data: DataOption = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the summary.")] = Lang.VI,
) -> None:
    """Check targets.yaml and units.csv together; print every problem, exit 1 on any.

    Example: ntm plan check --data ./data
    """
    from ntm_cli.domain.errors import DataError
    from ntm_cli.domain.models import UnitKind
    from ntm_cli.engine.check import check_plan, check_registry
    from ntm_cli.sources import datadir
    from ntm_cli.sources.criteria import read_criteria
    from ntm_cli.sources.plan import parse_plan
    from ntm_cli.sources.registry import read_registry

    with handled(lang):
        folder = datadir.resolve(data)
        plan_path, registry_path = folder / datadir.PLAN_FILE, folder / datadir.REGISTRY_FILE
        try:
            plan, problems = parse_plan(plan_path.read_bytes(), plan_path)
        except OSError as exc:
            plan, problems = None, [f"{plan_path}: cannot be read ({exc.strerror})"]
        try:
            registry, registry_problems = read_registry(registry_path)
        except DataError as exc:
            registry, registry_problems = None, [str(exc)]
        problems += registry_problems
        if registry is not None:
            problems += check_registry(registry)
            if plan is not None:
                problems += check_plan(plan, registry)
        if plan is not None:
            for set_id in sorted(set(plan.criteria.values())):
                problems += read_criteria(folder, set_id)[1]
    if problems:
        print(t("check.problems", lang, n=len(problems)))
        for problem in problems:
            print(problem)
        raise typer.Exit(1)
    assert plan is not None and registry is not None
    communes = sum(1 for u in registry.units if u.kind is UnitKind.COMMUNE)
    stdout.print(
        t(
            "check.ok",
            lang,
            number=plan.number,
            milestones=len(plan.milestones),
            units=len(registry.units),
            communes=communes,
        ),
        highlight=False,
    )
