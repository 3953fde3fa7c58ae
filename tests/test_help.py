"""Every command's help, found by walking the command tree (no hand-kept list of commands).

The tree is read through Click's API: `list_commands` and `get_command` on each group, so a
group that loads its commands lazily is walked the same way. For every command, `--help` and
`-h` exit 0 and print every option the command declares, and the `--format` choices the help
shows are the ones the command accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
import typer.testing

from ntm_cli.cli.app import app

runner = typer.testing.CliRunner()


def root() -> Any:
    """The Click command behind `app`, a Typer or already a Click group."""
    return typer.main.get_command(app) if isinstance(app, typer.Typer) else app


def walk(command: Any, path: tuple[str, ...] = (), parent: Any = None) -> Iterator[Any]:
    """(path, command) for `command` and, if it is a group, every command under it."""
    ctx = command.context_class(command, info_name=path[-1] if path else "ntm", parent=parent)
    yield path, command
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join(path)} lists {name} but cannot load it"
            yield from walk(sub, (*path, name), ctx)


COMMANDS = dict(walk(root()))


def invoke(args: list[str], monkeypatch: pytest.MonkeyPatch) -> typer.testing.Result:
    if not isinstance(app, typer.Typer):  # the runner wants a Typer; hand it the group as is
        monkeypatch.setattr(typer.testing, "_get_command", lambda group: group)
    return runner.invoke(app, args)


def options(command: Any) -> list[Any]:
    return [p for p in command.params if p.param_type_name == "option" and not p.hidden]


def test_the_tree_holds_every_command() -> None:
    # a floor, not a list: the walk must reach the groups' commands
    assert {("progress",), ("units",), ("plan", "check"), ("awards",)} <= set(COMMANDS)
    assert len(COMMANDS) >= 13


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "ntm")
def test_help(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    command = COMMANDS[path]
    for flag in ("--help", "-h"):
        result = invoke([*path, flag], monkeypatch)
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output and result.output.strip(), result.output
        for option in options(command):
            for name in (*option.opts, *option.secondary_opts):
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", result.output), (
                    f"{' '.join(path)} --help does not show {name}\n{result.output}"
                )


FORMATS = {
    path: option
    for path, command in COMMANDS.items()
    for option in options(command)
    if "--format" in option.opts
}


@pytest.mark.parametrize("path", list(FORMATS), ids=" ".join)
def test_format_choices_in_help_are_the_declared_ones(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = [str(c) for c in FORMATS[path].type.choices]
    output = invoke([*path, "--help"], monkeypatch).output
    shown = re.search(r"--format\b[^<\[]*?[<\[]([\w|]+)[>\]]", output)
    assert shown, output
    assert shown.group(1).split("|") == declared
