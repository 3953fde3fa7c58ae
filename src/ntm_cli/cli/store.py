"""`ntm store`: check the store of returns, back it up, restore a backup."""

from pathlib import Path
from typing import Annotated

import typer

from ntm_cli.cli.options import STATE, ForceOption, LangOption, StoreOption, open_workspace
from ntm_cli.cli.output import emit, format_choice
from ntm_cli.domain.i18n import Lang, t

app = typer.Typer(help="Check the store of returns, back it up, restore a backup.")


@app.command()
def check(
    output: Annotated[str, format_choice("store")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """SQLite's full integrity check (every page read) and the store's counts; exit 1 on a
    problem.

    Example: ntm store check
    """
    STATE["json"] = output == "json"
    result = open_workspace(None, store).store_check()
    emit(result, "store", output, lang)
    if not result.ok:
        raise typer.Exit(1)


@app.command()
def backup(
    target: Annotated[Path, typer.Argument(help="The backup file to write, e.g. backup.sqlite.")],
    force: ForceOption = False,
    output: Annotated[str, format_choice("store")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """A checked copy of the store, safe while others import (SQLite's online backup).

    Example: ntm store backup backups/returns-2024-07.sqlite
    """
    from ntm_cli.cli.console import stderr

    STATE["json"] = output == "json"
    result = open_workspace(None, store).store_backup(target, force)
    emit(result, "store", output, lang)
    stderr().print(t("store.backup_done", lang, path=str(target)), markup=False)


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A backup written by `ntm store backup`.")],
    output: Annotated[str, format_choice("store")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """Replace the store's contents with a backup's, once the backup passes the full check.
    The store as it was is kept next to it first.

    Example: ntm store restore backups/returns-2024-07.sqlite
    """
    from ntm_cli.cli.console import stderr

    STATE["json"] = output == "json"
    ws = open_workspace(None, store)
    result = ws.store_restore(source)
    emit(result, "store", output, lang)
    stderr().print(
        t("store.restore_done", lang, path=result.health.path, source=str(source)), markup=False
    )


@app.command()
def migrate(
    target: Annotated[
        str,
        typer.Argument(
            help="The store to move into: an empty PostgreSQL database "
            "(postgresql://user@host/db) or a new SQLite file."
        ),
    ],
    output: Annotated[str, format_choice("store_migrate")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """Move the store into another engine (SQLite into PostgreSQL, or back), losing nothing:
    one transaction, committed once every table's row count and checksum are equal in both.
    The store itself is not changed.

    Example: ntm store migrate postgresql://ntm@db.ntm.local/ntm
    """
    from ntm_cli.cli.console import stderr

    STATE["json"] = output == "json"
    result = open_workspace(None, store).store_migrate(target)
    emit(result, "store_migrate", output, lang)
    stderr().print(
        t("store.migrate_done", lang, target=result.target, source=result.source), markup=False
    )


@app.command()
def grant(
    name: Annotated[str, typer.Argument(help="The officer's account (a PostgreSQL role).")],
    district: Annotated[
        str | None,
        typer.Option("--district", "-d", help="A district officer of this district (name/code)."),
    ] = None,
    province: Annotated[
        bool, typer.Option("--province", help="A province officer: every unit.")
    ] = False,
    password_prompt: Annotated[
        bool,
        typer.Option("--password-prompt", help="Ask for the account's password (server store)."),
    ] = False,
    output: Annotated[str, format_choice("officers")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """Make an account an officer: of a district (import, return and approve its communes
    only) or of the province (everything). On a PostgreSQL store the server enforces it:
    roles, privileges and row-level security; run it as the store's owner.

    Example: ntm store grant can_bo_cl --district "Càng Long" --store postgresql://…
    """
    STATE["json"] = output == "json"
    ws = open_workspace(None, store)
    password = None
    if password_prompt:
        if not ws.store_on_server():
            from ntm_cli.domain.errors import UsageError

            raise UsageError("grant.password_sqlite")
        password = typer.prompt(
            "Mật khẩu" if lang is Lang.VI else "Password", hide_input=True,
            confirmation_prompt=True,
        )  # fmt: skip
    emit(ws.store_grant(name, district, province, password), "officers", output, lang)


@app.command()
def revoke(
    name: Annotated[str, typer.Argument(help="The officer's account.")],
    output: Annotated[str, format_choice("officers")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """Remove an officer (on a PostgreSQL store, also their account's group membership).

    Example: ntm store revoke can_bo_cl
    """
    STATE["json"] = output == "json"
    emit(open_workspace(None, store).store_revoke(name), "officers", output, lang)


@app.command()
def officers(
    output: Annotated[str, format_choice("officers")] = "table",
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
) -> None:
    """The store's officers: account, level, district and how many units.

    Example: ntm store officers
    """
    STATE["json"] = output == "json"
    emit(open_workspace(None, store).store_officers(), "officers", output, lang)
