"""`ntm import`: returned forms and long-format tables into the store, one verdict a file."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ntm_cli.cli.options import STATE, DataOption, LangOption, StoreOption, open_workspace
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer()


@app.command("import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (searched for .xlsx, .csv, .xls, .xlsm, .ods)."),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; store nothing.")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Supersede an earlier return of a commune-period.")
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Folder for annotated copies of rejected files."),
    ] = None,
    output: Annotated[str, format_choice("import")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Import returned forms and long-format tables; one verdict per file.

    Example: ntm import returns/2024-06 --errors errors/2024-06
    """
    from ntm_cli.cli.console import stderr

    STATE["json"] = output == "json"
    bar = _Bar()
    signals = _Signals()
    try:
        result = open_workspace(data, store).import_files(
            paths, dry_run, replace, errors, advance=bar.advance, progress=bar.start
        )
        signals.done = True  # from here a signal waits for the summary
    finally:
        bar.stop()
    emit(result, "import", output, lang)
    if result.copies:
        stderr().print(t("import.copies", lang, n=result.copies, folder=str(errors)), markup=False)
    if result.stopped is None and signals.late is not None:  # while the table was printed
        raise typer.Exit(128 + signals.late)
    if result.stopped is not None:
        stopped = t(
            "import.stopped_dry" if dry_run else "import.stopped", lang,
            reason=result.stopped.as_param(), stored=result.stored, left=len(result.remaining),
        )  # fmt: skip
        stderr().print(stopped, style="bold yellow", markup=False, highlight=False)
        raise typer.Exit(128 + result.signal if result.signal else 1)
    if result.rejected:
        raise typer.Exit(1)


class _Signals:
    """SIGINT and SIGTERM for the import command: before the import runs (the data loading) they
    stop the command at once; the import takes them over while it runs (it ends the batch after
    the file being stored); once it has returned they are held back until the table and the
    summary of what was stored are printed."""

    def __init__(self) -> None:
        import signal

        self.done = False
        self.late: int | None = None  # a signal held back while the results were printed
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self)

    def stopping(self) -> None:
        """The import was stopped by a signal: further ones wait for the summary."""
        self.done = True

    def __call__(self, signum: int, frame: object) -> None:
        if not self.done:
            raise KeyboardInterrupt
        self.late = self.late or signum


class _Bar:
    """A progress bar on a terminal for a batch; nothing when piped or for a single file."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None

    def start(self, total: int) -> None:
        from ntm_cli.cli.console import stderr

        if total < 2 or not stderr().is_terminal:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=stderr(),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("ntm import", total=total)

    def advance(self, _: object) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
