"""`ntm store check`, `backup`, `restore`: the store's health as a table or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, t

if TYPE_CHECKING:
    from pathlib import Path

    from ntm_cli.domain.returns import StoreHealth

COUNTS = ("files", "returns", "superseded", "communes", "periods")


def build_store_health(health: StoreHealth, kept: Path | None, lang: Lang) -> Group:
    table = Table(
        title=t("storecheck.title", lang, path=health.path),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_header=False,
    )
    table.add_column()
    table.add_column(justify="right")
    for key in COUNTS:
        value = health.counts.get(key, -1)
        table.add_row(t(f"storecheck.{key}", lang), "?" if value < 0 else f"{value:,}".replace(
            ",", "." if lang is Lang.VI else ","))  # fmt: skip
    if health.first_period:
        table.add_row(t("storecheck.span", lang), f"{health.first_period} – {health.last_period}")
    table.add_row(t("storecheck.schema", lang), str(health.schema))
    table.add_row(t("storecheck.size", lang), f"{health.size / 1_000_000:.1f} MB")
    parts: list[Any] = [table]
    if health.ok:
        parts.append(Text(t("storecheck.ok", lang), style="green"))
    else:
        parts.append(Text(t("storecheck.bad", lang, n=len(health.problems)), style="bold red"))
        parts += [Text(f"  {p}") for p in health.problems]
    if kept is not None:
        parts.append(Text(t("storecheck.kept", lang, path=str(kept))))
    return Group(*parts)


def store_health_json(health: StoreHealth, kept: Path | None) -> dict[str, Any]:
    return {
        "path": health.path,
        "ok": health.ok,
        "problems": list(health.problems),
        "counts": dict(health.counts),
        "first_period": health.first_period,
        "last_period": health.last_period,
        "schema": health.schema,
        "size": health.size,
        "kept": str(kept) if kept is not None else None,
    }


def build_store_migrate(
    source: str, target: str, tables: dict[str, tuple[int, str]], lang: Lang
) -> Group:
    table = Table(
        title=t("storemigrate.title", lang, source=source, target=target),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(t("storemigrate.table", lang))
    table.add_column(t("storemigrate.rows", lang), justify="right")
    table.add_column(t("storemigrate.sha256", lang))
    sep = "." if lang is Lang.VI else ","
    for name, (count, digest) in tables.items():
        table.add_row(name, f"{count:,}".replace(",", sep), digest[:16])
    return Group(table, Text(t("storemigrate.ok", lang), style="green"))


def store_migrate_json(
    source: str, target: str, tables: dict[str, tuple[int, str]]
) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "tables": {name: {"rows": n, "sha256": digest} for name, (n, digest) in tables.items()},
        "ok": True,
    }
