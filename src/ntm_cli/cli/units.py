"""`ntm units`: the registry with each unit's level, filtered by district, kind, level or name."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ntm_cli.cli.app import DataOption, FormatOption, OutputFormat, handled, stdout
from ntm_cli.domain.i18n import Lang


def units(
    district: Annotated[
        str | None,
        typer.Option(
            "--district",
            "-d",
            help="District-level unit: code or name, e.g. 845, 'Cầu Kè', 'cau ke', 'H. Cầu Kè'.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Xã, Phường, Thị trấn, Huyện, Thị xã, Thành phố, Tỉnh (or commune, ward, …).",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-l",
            help="Units at or above ntm, advanced or model (or 'nâng cao', 'kiểu mẫu'); 'none' "
            "for units not yet at NTM.",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Part of a name or a code, with or without diacritics.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Level at the end of this result year (default: every result recorded).",
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.TABLE,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the table.")] = Lang.VI,
    data: DataOption = None,
) -> None:
    """List units with their level; names match with or without diacritics.

    Example: ntm units --district "cau ke" --level advanced
    """
    from ntm_cli.domain.models import DISTRICT_LEVEL, Level, UnitKind

    if output is OutputFormat.XLSX:
        raise typer.BadParameter("units prints table, json or csv", param_hint="--format")

    countable = DISTRICT_LEVEL | {UnitKind.COMMUNE}
    from ntm_cli.domain.lookup import match_units, resolve_unit
    from ntm_cli.domain.status import at_least, level_of
    from ntm_cli.render import units as render
    from ntm_cli.sources.datadir import load

    try:
        kinds = {UnitKind.parse(kind)} if kind else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--kind") from None
    from ntm_cli.domain.text import fold

    aliases = {"dat chuan": "ntm", "nang cao": "advanced", "kieu mau": "model", "chua dat": "none"}
    level = aliases.get(fold(level), level) if level else level
    try:
        wanted = None if level in (None, "none") else Level.parse(level or "")
    except ValueError as exc:
        raise typer.BadParameter(f"{exc}, or none", param_hint="--level") from None
    with handled(lang):
        registry = load(data).registry
        pool = list(registry.units)
        if district:
            unit = resolve_unit(registry, district, DISTRICT_LEVEL, what="district-level unit")
            pool = [unit, *registry.descendants(unit.code)]
        if search:
            pool = match_units(registry, search, partial=True, pool=pool)
        if kinds:
            pool = [u for u in pool if u.kind in kinds]
        rows = render.select(registry, pool, lambda u: level_of(u, year))
        if level == "none":  # wards and townships never hold a level: not "not yet"
            rows = [r for r in rows if r.level is None and r.unit.kind in countable]
        elif wanted is not None:
            rows = [r for r in rows if at_least(r.level, wanted)]
    if output is OutputFormat.JSON:
        print(json.dumps([render.unit_json(r) for r in rows], ensure_ascii=False, indent=2))
    elif output is OutputFormat.CSV:
        print(render.units_csv(rows), end="")
    else:
        stdout.print(render.build_units_table(rows, lang, year))
