"""The floor for ntm's start-up: the smallest Typer program doing the same kind of work.

Two commands (so Typer builds a command group, as ntm does), rich markup in help, and `table`
prints a two-row Rich table. `bench/bench_startup.py` times ntm against it:

    python bench/floor.py table
    python bench/floor.py --help
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="The floor: a [bold]two-command[/bold] Typer program.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


@app.command()
def table(year: int = typer.Option(2024, "--year", "-y", help="The year shown.")) -> None:
    """Print a two-row table."""
    grid = Table(title=f"Floor · {year}", box=None)
    for column in ("Milestone", "Target", "Actual", "Status"):
        grid.add_column(column, justify="left" if column == "Milestone" else "right")
    grid.add_row("More communes reach NTM", "+3", "+3", "Achieved")
    grid.add_row("60% of communes at advanced NTM", "60% = 51/85", "51 (60.0%)", "Achieved")
    Console(soft_wrap=False).print(grid)


@app.command()
def version() -> None:
    """Print the version."""
    print("floor 0")


if __name__ == "__main__":
    app()
