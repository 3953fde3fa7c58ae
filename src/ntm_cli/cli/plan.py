"""`ntm plan check`: validate the plan and the registry together and list every problem."""

import typer

from ntm_cli.cli.options import DataOption, LangOption, open_workspace
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer(help="Check the plan file and the unit registry.", no_args_is_help=True)


@app.command("check")
def check(data: DataOption = None, lang: LangOption = Lang.VI) -> None:
    """Check targets.yaml and units.csv together; print every problem, exit 1 on any.

    Example: ntm plan check --data ./data
    """
    from ntm_cli.cli.console import stdout

    ws = open_workspace(data, None)
    report = ws.check()
    if report.problems:
        print(t("check.problems", lang, n=len(report.problems)))
        for problem in report.problems:
            print(problem.text(lang))
        raise typer.Exit(1)
    stdout().print(t("check.ok", lang, **report.summary), highlight=False)


@app.callback()
def _plan() -> None:
    """Check the plan file and the unit registry."""
