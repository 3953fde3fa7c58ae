"""`ntm plan check`: validate the plan and the registry together and list every problem."""

import typer

from ntm_cli.cli.options import DataOption, LangOption, StoreOption, open_workspace
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer(help="Check the plan file and the unit registry.", no_args_is_help=True)


@app.command("check")
def check(data: DataOption = None, lang: LangOption = Lang.VI, store: StoreOption = None) -> None:
    """Check targets.yaml, units.csv and the criteria sets together; print every problem, exit 1
    on any. The store's returns written on another criteria set than their unit's level asks
    (forms of an older release) are listed too: kept, not counted.

    Example: ntm plan check --data ./data
    """
    from ntm_cli.cli.console import stdout

    ws = open_workspace(data, store)
    report = ws.check()
    if report.problems:
        print(t("check.problems", lang, n=len(report.problems)))
        for problem in report.problems:
            print(problem.text(lang))
        raise typer.Exit(1)
    stdout().print(t("check.ok", lang, **report.summary), highlight=False)
    for warning in report.warnings:
        stdout().print(warning.text(lang), highlight=False)


@app.callback()
def _plan() -> None:
    """Check the plan file and the unit registry."""
