"""`ntm store grant`, `revoke`, `officers`: the store's officers as a table or JSON, and what
the command did."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, t

if TYPE_CHECKING:
    from ntm_cli.domain.officers import OfficerListing


def scope_text(officer: OfficerListing, lang: Lang) -> str:
    """ "the whole province", or "Huyện Càng Long, 14 communes"."""
    if officer.level == "province":
        return t("grant.scope.province", lang)
    district = officer.scope_name or officer.scope
    return t("grant.scope.district", lang, district=district, n=officer.units)


def done_text(result: Any, lang: Lang) -> str | None:
    """What grant or revoke did, in a sentence (None: a listing)."""
    if result.action == "revoke":
        code = "revoke.done" if result.removed else "revoke.none"
        return t(code, lang, name=result.name, n=result.removed)
    officer = result.officer
    if result.action != "grant" or officer is None:
        return None
    scope = scope_text(officer, lang)
    if result.server:
        group = result.groups.get(officer.level, "")
        return t("grant.done.server", lang, name=officer.name, scope=scope, group=group)
    return t("grant.done.sqlite", lang, name=officer.name, scope=scope)


def build_officers(result: Any, lang: Lang) -> Group:
    parts: list[Any] = []
    done = done_text(result, lang)
    if done is not None:
        parts.append(Text(done, style="green"))
    if not result.officers:
        parts.append(Text(t("officers.none", lang)))
        return Group(*parts)
    table = Table(
        title=t("officers.title", lang, path=result.path),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for key in ("name", "level", "scope"):
        table.add_column(t(f"officers.{key}", lang))
    table.add_column(t("officers.units", lang), justify="right")
    table.add_column(t("officers.edition", lang))
    table.add_column(t("officers.granted", lang))
    for o in result.officers:
        table.add_row(
            o.name, t(f"officers.level.{o.level}", lang),
            t("grant.scope.province", lang) if o.level == "province"
            else f"{o.scope_name or o.scope}", str(o.units) if o.level == "district" else "",
            o.edition, o.granted_at.replace("T", " "),
        )  # fmt: skip
    parts.append(table)
    return Group(*parts)


def officers_json(result: Any, lang: Lang) -> dict[str, Any]:
    return {
        "store": result.path,
        "action": result.action,
        "name": result.name or None,
        "enforced_by": "server" if result.server else "ntm",
        "groups": dict(result.groups),
        "removed": result.removed if result.action == "revoke" else None,
        "done": done_text(result, lang),
        "officers": [o.as_json() for o in result.officers],
    }
