"""The `ntm` application: a lazy command group (a command's module is imported only when that
command runs) and the one error boundary."""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer import _click as click  # the Click that this Typer release carries
from typer.core import TyperCommand, TyperGroup

from ntm_cli import __version__
from ntm_cli.cli.options import STATE

# name -> (module, one-line help shown by `ntm --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("ntm_cli.cli.init", "Write ntm.toml here: the data folder, the store, the office."),
    "progress": ("ntm_cli.cli.progress", "Show the plan's milestones for a year."),
    "units": ("ntm_cli.cli.units", "List units with their level."),
    "plan": ("ntm_cli.cli.plan", "Check the plan file and the unit registry."),
    "template": ("ntm_cli.cli.template", "Write one return form (xlsx) per commune."),
    "import": ("ntm_cli.cli.importing", "Import returned forms and long-format tables."),
    "completeness": ("ntm_cli.cli.completeness", "Which communes have reported for a month."),
    "review": ("ntm_cli.cli.review", "Approve or return the communes' returns of a month."),
    "unit": ("ntm_cli.cli.unit", "One unit's card: registry facts, recognitions, returns."),
    "crosswalk": ("ntm_cli.cli.crosswalk", "Units before and after 1/7/2025, with their levels."),
    "report": ("ntm_cli.cli.report", "Write the monthly report workbook."),
    "gaps": ("ntm_cli.cli.gaps", "The weakest criteria and the communes 1-3 criteria short."),
    "forecast": ("ntm_cli.cli.forecast", "Will the milestones still open be met?"),
    "awards": ("ntm_cli.cli.awards", "The shortlist for the emulation movement's commendations."),
    "store": ("ntm_cli.cli.store", "Check the store of returns, back it up, restore a backup."),
}


class LazyGroup(TyperGroup):
    """Commands load on use; `ntm --help` lists them from COMMANDS without importing any. Errors
    of the library end here: one `Lỗi: …` line (JSON with --format json) and their exit code."""

    listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, short = COMMANDS[name]
        if self.listing:
            return TyperCommand(name, help=short, short_help=short)
        command = typer.main.get_command(importlib.import_module(module).app)
        command.name = name
        return command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        empty = None
        if any(not a.strip() or a.endswith("=") for a in args):  # only then: commands load
            start = next((i for i, a in enumerate(args) if a in COMMANDS), None)
            if start is not None:
                command = self.get_command(ctx, args[start])
                subcommands = getattr(command, "commands", {})
                if args[start + 1 : start + 2] and args[start + 1] in subcommands:
                    start += 1  # `ntm store backup …`: counted from the subcommand's name
                empty = _empty_value(args[start:], _flags(command))
        ctx.meta["ntm.empty"] = empty
        if (
            empty is not None
            and any(  # said in the language asked for, though not yet parsed
                a == "--lang=en" or (a == "--lang" and args[i + 1 : i + 2] == ["en"])
                for i, a in enumerate(args)
            )
        ):
            from ntm_cli.domain.i18n import Lang

            STATE["lang"] = Lang.EN
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from ntm_cli.domain.errors import NtmError, UsageError

        try:
            empty = ctx.meta.get("ntm.empty")
            if empty is not None:  # no option or argument of ntm means "everything" when empty
                raise UsageError(*empty[:1], **empty[1])
            return super().invoke(ctx)
        except NtmError as exc:
            if STATE["debug"]:
                raise
            _error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, click.ClickException, typer.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`ntm … | head`): nothing to say
            _quiet_stdout()
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl-C outside an import (which stops by itself)
            if STATE["debug"]:
                raise
            from ntm_cli.domain.errors import NtmError as Stopped

            _error(Stopped("interrupted"))
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the boundary: no traceback without --debug
            if STATE["debug"]:
                raise
            from ntm_cli.domain.errors import NtmError as Unexpected

            _error(Unexpected("internal.unexpected", kind=type(exc).__name__, detail=str(exc)))
            raise typer.Exit(1) from None


def _empty_value(
    args: list[str],
    flags: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[str, dict[str, str]] | None:
    """The first empty value given (`ntm import ""`, `--unit ""`, `--out=`): an empty folder
    name would mean the working folder, an empty name every unit. `flags` are the options that
    take no value; arguments are counted after the command's name."""
    position = 0
    takes_value = False
    for i, arg in enumerate(args):
        if takes_value:  # the value of the option before
            takes_value = False
            if not arg.strip():
                return "args.empty_option", {"option": args[i - 1]}
            continue
        if arg.startswith("-") and len(arg) > 1 and arg != "--":
            name, equals, value = arg.partition("=")
            if equals and not value.strip():
                return "args.empty_option", {"option": name}
            takes_value = not equals and name not in flags
            continue
        if i == 0:  # the command's name
            continue
        position += 1
        if not arg.strip():
            return "args.empty_argument", {"n": str(position)}
    return None


def _flags(command: Any) -> set[str]:
    """The options of a command (and of its subcommands) that take no value."""
    found: set[str] = {"--help", "-h"}
    for param in getattr(command, "params", ()):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            found.update(param.opts, param.secondary_opts)
    for sub in getattr(command, "commands", {}).values():
        found |= _flags(sub)
    return found


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _error(exc: Any) -> None:
    import json

    from rich.markup import escape

    from ntm_cli.cli.console import stderr
    from ntm_cli.domain.i18n import Lang

    lang = STATE["lang"]
    if STATE["json"]:
        print(json.dumps({"error": exc.as_json(lang)}, ensure_ascii=False, indent=2),
              file=__import__("sys").stderr)  # fmt: skip
        return
    label = "Lỗi" if lang is Lang.VI else "Error"
    stderr().print(f"[bold red]{label}:[/bold red] {escape(exc.text(lang))}", markup=True,
                   highlight=False)  # fmt: skip


app = typer.Typer(
    name="ntm",
    cls=LazyGroup,
    help="Theo dõi kế hoạch xây dựng nông thôn mới (NTM): chỉ tiêu, đơn vị, tiến độ.\n\n"
    "Track a province's New Rural Development plan: milestones, units, progress.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"ntm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    STATE["debug"] = debug


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # in Click's own output (help, usage), outside the boundary
        _quiet_stdout()
        raise SystemExit(1) from None
