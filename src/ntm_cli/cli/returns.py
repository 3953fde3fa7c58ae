"""Commune returns: `ntm template`, `ntm import`, `ntm completeness` and `ntm unit`."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ntm_cli.cli.app import (
    DataOption,
    ForceOption,
    FormatOption,
    OutOption,
    OutputFormat,
    _check_out,
    _write_xlsx,
    handled,
    stderr,
    stdout,
    today,
)
from ntm_cli.domain.i18n import Lang, t

if TYPE_CHECKING:
    from ntm_cli.domain.period import Period
    from ntm_cli.sources.datadir import DataSet
    from ntm_cli.sources.importer import FileResult
    from ntm_cli.sources.returns import ReadContext
    from ntm_cli.sources.store import Store

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="NTM_STORE",
        help="SQLite file of imported returns (default: ~/.local/share/ntm/returns.sqlite).",
        show_default=False,
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the output.")]


class ShortFormat(StrEnum):
    """Output of the commands that print a report, not a table of records."""

    TABLE = "table"
    JSON = "json"


ShortFormatOption = Annotated[ShortFormat, typer.Option("--format", "-f", help="Output format.")]
PeriodOption = Annotated[str, typer.Option("--period", "-p", help="Reporting month, YYYY-MM.")]


def _period(text: str) -> Period:
    from ntm_cli.domain.period import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--period") from None


def _store(path: Path | None, create: bool = True) -> Store:
    from ntm_cli.sources.store import Store, default_path

    return Store(path or default_path(), create=create)


def _context(dataset: DataSet) -> ReadContext:
    from ntm_cli.domain.errors import DataError
    from ntm_cli.sources.criteria import load_criteria
    from ntm_cli.sources.returns import ReadContext

    set_id = dataset.plan.criteria.get("commune")
    if not set_id:
        raise DataError(f"{dataset.plan.path}: criteria.commune is not set; name a criteria set")
    return ReadContext(dataset.plan, dataset.registry, load_criteria(dataset.folder, set_id))


def template(
    period: PeriodOption,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="Only this district-level unit.")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this commune (code or name).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the forms.")] = Path("forms"),
    force: Annotated[bool, typer.Option("--force", help="Replace forms that exist.")] = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Write one return form (xlsx) per commune, pre-filled with its last return.

    Example: ntm template --period 2024-06 --district "Cầu Kè" --out forms/2024-06
    """
    from ntm_cli.domain.errors import NtmError
    from ntm_cli.domain.lookup import resolve_unit
    from ntm_cli.domain.models import DISTRICT_LEVEL, UnitKind
    from ntm_cli.domain.returns import next_level
    from ntm_cli.domain.status import level_of
    from ntm_cli.domain.text import slug, split_prefix
    from ntm_cli.render import returns as render
    from ntm_cli.render.template import FormContext, build_form
    from ntm_cli.sources.datadir import load
    from ntm_cli.sources.output import workbook_bytes, write_atomic
    from ntm_cli.sources.returns import period_problem

    month = _period(period)
    with handled(lang):
        dataset = load(data)
        ctx = _context(dataset)
        registry = dataset.registry
        plan = dataset.plan
        if outside := period_problem(month, plan):
            raise NtmError(outside)
        area = registry.descendants(plan.area_code) if plan.area_code else list(registry.units)
        communes = [u for u in area if u.kind is UnitKind.COMMUNE]
        if district:
            head = resolve_unit(registry, district, DISTRICT_LEVEL, what="district-level unit")
            communes = [u for u in communes if u.parent_code == head.code]
        if unit:
            one = resolve_unit(registry, unit, {UnitKind.COMMUNE}, what="commune")
            if one not in communes:
                raise NtmError(f"{one.name} ({one.code}) is not in {district or 'the plan area'}")
            communes = [one]
        previous = {}
        if _exists(store):
            with _store(store, create=False) as db:
                for stored in db.returns(before=month):
                    previous[stored.ret.unit_code] = stored.ret  # the latest period wins
        targets = []
        for commune in communes:
            name = f"{month}_{commune.code}_{slug(split_prefix(commune.name)[1])}.xlsx"
            target = out / name
            if target.exists() and not force:
                raise NtmError(f"{target} exists; add --force to replace it (nothing was written)")
            targets.append((commune, target))
        for commune, target in targets:
            level = level_of(commune)
            book = build_form(
                FormContext(
                    unit=commune,
                    district=registry.district_of(commune),
                    period=month,
                    criteria=ctx.criteria,
                    level=level,
                    towards=next_level(level),
                    previous=previous.get(commune.code),
                )
            )
            write_atomic(target, workbook_bytes(book), force=True)
    stdout.print(render.build_template_summary(targets, registry, month, out, lang))


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
    output: ShortFormatOption = ShortFormat.TABLE,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Import returned forms and long-format tables; one verdict per file.

    Example: ntm import returns/2024-06 --errors errors/2024-06
    """
    from ntm_cli.domain.errors import NtmError
    from ntm_cli.render import returns as render
    from ntm_cli.sources.datadir import load
    from ntm_cli.sources.importer import expand, import_all

    with handled(lang):
        _require_defusedxml()
        if errors is not None and any(
            p.is_dir() and p.resolve() == errors.resolve() for p in paths
        ):
            raise NtmError(f"--errors {errors} is a folder being imported; name another folder")
        dataset = load(data)
        ctx = _context(dataset)
        files = expand(paths, exclude=errors)
        if not files:
            raise NtmError(
                "no file to import in " + ", ".join(map(str, paths))
                + " (.xlsx, .csv, .xls, .xlsm, .ods; the --errors folder is left out)"
            )  # fmt: skip
        db = None if dry_run and not _exists(store) else _store(store)
        try:
            now = dt.datetime.combine(today(), dt.datetime.now().time().replace(microsecond=0))
            with render.import_progress(len(files), stderr) as advance:
                results = import_all(files, db, ctx, replace, dry_run, advance, now)
        finally:
            if db is not None:
                db.db.close()
    if output is ShortFormat.JSON:
        print(json.dumps(render.import_json(results, dry_run), ensure_ascii=False, indent=2))
    else:
        stdout.print(render.build_import_report(results, lang, dry_run))
    if errors is not None:
        with handled(lang):
            written = _annotated_copies(results, errors, files)
        if written:
            stderr.print(t("import.copies", lang, n=written, folder=str(errors)), markup=False)
    if any(r.status == "rejected" for r in results):
        raise typer.Exit(1)


def _annotated_copies(results: list[FileResult], folder: Path, inputs: list[Path]) -> int:
    """An annotated copy of each rejected file under a free name: never over any file."""
    import openpyxl

    from ntm_cli.domain.errors import NtmError
    from ntm_cli.render.annotate import annotate
    from ntm_cli.sources.output import workbook_bytes, write_atomic

    if not openpyxl.DEFUSEDXML:  # openpyxl reopens rejected workbooks to annotate them
        raise NtmError("openpyxl is not using defusedxml; reinstall ntm with its dependencies")
    submitted = {p.resolve() for p in inputs}
    used: set[str] = set()
    written = 0
    for r in results:
        if r.status != "rejected":
            continue
        stem = r.path.stem if r.path.suffix.lower() == ".xlsx" else r.path.name
        name, n = f"{stem}.xlsx", 1
        while name in used or (folder / name).exists() or (folder / name).resolve() in submitted:
            n += 1
            name = f"{stem}-{n}.xlsx"
        used.add(name)
        # the workbook itself is reopened only when its cells were read: never a zip bomb,
        # an encrypted or a damaged file
        readable = r.raw is not None and any(i.cell and i.sheet for i in r.errors)
        book = annotate(r.raw if readable else None, r.path.name, r.errors)
        write_atomic(folder / name, workbook_bytes(book), force=True)
        written += 1
    return written


def _exists(store: Path | None) -> bool:
    from ntm_cli.sources.store import default_path

    return (store or default_path()).exists()


def _require_defusedxml() -> None:
    """Submitted XML is untrusted: refuse to start without defusedxml, which openpyxl relies on
    when it opens a rejected workbook to annotate it (checked again there)."""
    from importlib.util import find_spec

    from ntm_cli.domain.errors import NtmError

    if find_spec("defusedxml") is None:
        raise NtmError("defusedxml is not installed; reinstall ntm (pip install ntm-cli)")


def completeness(
    period: PeriodOption,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="Only this district-level unit.")
    ] = None,
    output: FormatOption = OutputFormat.TABLE,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if any commune is missing.")
    ] = False,
    out: OutOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Which communes have reported for a month, which are missing or late, by district.

    Example: ntm completeness --period 2024-06
    """
    from ntm_cli.domain.lookup import resolve_unit
    from ntm_cli.domain.models import DISTRICT_LEVEL
    from ntm_cli.engine.completeness import completeness as measure
    from ntm_cli.render import returns as render
    from ntm_cli.sources.datadir import load

    _check_out(output, out)
    month = _period(period)
    with handled(lang):
        dataset = load(data)
        head = None
        if district:
            head = resolve_unit(
                dataset.registry, district, DISTRICT_LEVEL, what="district-level unit"
            )
        received: dict[str, dt.date] = {}
        if _exists(store):
            with _store(store, create=False) as db:
                received = _received(db, month)
        result = measure(dataset.plan, dataset.registry, month, received, head)
    if output is OutputFormat.XLSX:
        from ntm_cli.render.report import completeness_workbook

        with handled(lang):
            _write_xlsx(completeness_workbook(result, lang), out, force)
    elif output is OutputFormat.JSON:
        print(json.dumps(render.completeness_json(result), ensure_ascii=False, indent=2))
    elif output is OutputFormat.CSV:
        print(render.completeness_csv(result), end="")
    else:
        stdout.print(render.build_completeness(result, lang))
    if check and result.missing:
        raise typer.Exit(1)


def _received(db: Store, month: str) -> dict[str, dt.date]:
    """The day each commune's return for `month` first came in (a correction later does not
    make an on-time commune late)."""
    current = {s.ret.unit_code for s in db.returns(period=month)}
    received: dict[str, dt.date] = {}
    for s in db.returns(period=month, current_only=False):
        if s.ret.unit_code in current:
            day = s.imported_at.date()
            received[s.ret.unit_code] = min(received.get(s.ret.unit_code, day), day)
    return received


def unit(
    query: Annotated[str, typer.Argument(help="Code or name, e.g. 29263 or 'Long Đức'.")],
    output: ShortFormatOption = ShortFormat.TABLE,
    lang: LangOption = Lang.VI,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """One unit's card: registry facts, recognitions, latest return, history of returns.

    Example: ntm unit "Long Đức"
    """
    from ntm_cli.domain.lookup import resolve_unit
    from ntm_cli.render import returns as render
    from ntm_cli.sources.criteria import load_criteria
    from ntm_cli.sources.datadir import load

    with handled(lang):
        dataset = load(data)
        found = resolve_unit(dataset.registry, query)
        history = []
        if _exists(store):
            with _store(store, create=False) as db:
                history = db.returns(unit_code=found.code, current_only=False)
        sets = {s: load_criteria(dataset.folder, s) for s in {h.ret.criteria_set for h in history}}
        card = render.UnitCard(found, dataset.registry.district_of(found), history, sets, today())
    if output is ShortFormat.JSON:
        print(json.dumps(render.card_json(card), ensure_ascii=False, indent=2))
    else:
        stdout.print(render.build_unit_card(card, lang))
