"""One output path: a `Format`, the renderers of each result for each format it supports, and
`emit`. A command declares its result's kind; its `--format` offers exactly what is registered.

Renderers are named here and imported only when used, so that `--help` stays fast. Adding a
format is a member of `Format` and one entry per result it applies to.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from typer._types import TyperChoice  # the choice type this Typer release builds for enums

from ntm_cli.domain.errors import UsageError
from ntm_cli.domain.i18n import Lang


class Format(StrEnum):
    """What a data command prints, or writes with --out."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


Renderer = Callable[[Any, Lang, dict[str, Any]], Any]  # result, language, view options


def _progress_table(r: Any, lang: Lang, view: dict[str, Any]) -> Any:
    from ntm_cli.render import progress as p

    build = p.build_period_table if r.progress.year is None else p.build_progress_table
    return build(r.progress, r.registry, lang)


def _lazy(module: str, name: str, *fields: str, lang: bool = False) -> Renderer:
    """`module.name(result.<field>…[, lang])`, imported on first use."""

    def render(result: Any, language: Lang, view: dict[str, Any]) -> Any:
        import importlib

        function = getattr(importlib.import_module(module), name)
        args = [getattr(result, f) for f in fields]
        return function(*args, language) if lang else function(*args)

    return render


def _table(module: str, name: str, *fields: str) -> Renderer:
    return _lazy(module, name, *fields, lang=True)


P, U, R, A = (
    "ntm_cli.render.progress",
    "ntm_cli.render.units",
    "ntm_cli.render.returns",
    ("ntm_cli.render.analysis"),
)
X = "ntm_cli.render.report"

RENDERERS: dict[str, dict[Format, Renderer]] = {
    "progress": {
        Format.TABLE: _progress_table,
        Format.JSON: _lazy(P, "progress_json", "progress"),
        Format.CSV: _lazy(P, "progress_csv", "progress"),
        Format.XLSX: _table(X, "progress_workbook", "progress", "registry"),
    },
    "units": {
        Format.TABLE: lambda r, lang, view: _units_table(r, lang),
        Format.JSON: lambda r, lang, view: _units_json(r),
        Format.CSV: _lazy(U, "units_csv", "rows", "ladder"),
    },
    "unit": {
        Format.TABLE: lambda r, lang, view: _unit("unit_card_table", r, lang),
        Format.JSON: lambda r, lang, view: _unit("unit_card_json", r, lang),
    },
    "crosswalk": {
        Format.TABLE: lambda r, lang, view: _crosswalk("build_crosswalk", r, lang),
        Format.JSON: lambda r, lang, view: _crosswalk("crosswalk_json", r, lang),
        Format.CSV: lambda r, lang, view: _crosswalk("crosswalk_csv", r, lang),
    },
    "completeness": {
        Format.TABLE: _table(R, "build_completeness", "completeness"),
        Format.JSON: _lazy(R, "completeness_json", "completeness"),
        Format.CSV: _lazy(R, "completeness_csv", "completeness"),
        Format.XLSX: _table(X, "completeness_workbook", "completeness"),
    },
    "import": {
        Format.TABLE: lambda r, lang, view: _import_table(r, lang),
        Format.JSON: lambda r, lang, view: _import_json(r, lang),
    },
    "store": {
        Format.TABLE: _table("ntm_cli.render.store", "build_store_health", "health", "kept"),
        Format.JSON: _lazy("ntm_cli.render.store", "store_health_json", "health", "kept"),
    },
    "store_migrate": {
        Format.TABLE: _table(
            "ntm_cli.render.store", "build_store_migrate", "source", "target", "tables"
        ),
        Format.JSON: _lazy(
            "ntm_cli.render.store", "store_migrate_json", "source", "target", "tables"
        ),
    },
    "officers": {
        Format.TABLE: lambda r, lang, view: _officers("build_officers", r, lang),
        Format.JSON: lambda r, lang, view: _officers("officers_json", r, lang),
    },
    "gaps": {
        Format.TABLE: lambda r, lang, view: _gaps_table(r, lang, view),
        Format.JSON: _lazy(A, "gaps_json", "gaps"),
        Format.CSV: _lazy(A, "gaps_csv", "gaps"),
    },
    "forecast": {
        Format.TABLE: _table(A, "build_forecast", "forecast", "registry"),
        Format.JSON: _lazy(A, "forecast_json", "forecast"),
        Format.CSV: _lazy(A, "forecast_csv", "forecast"),
    },
    "review": {
        Format.TABLE: lambda r, lang, view: _review("build_review_list", r, lang),
        Format.JSON: lambda r, lang, view: _review("review_list_json", r, lang),
        Format.CSV: lambda r, lang, view: _review("review_list_csv", r, lang),
    },
    "review-decisions": {
        Format.TABLE: lambda r, lang, view: _review("build_decisions", r, lang),
        Format.JSON: lambda r, lang, view: _review("decisions_json", r, lang),
    },
    "review-history": {
        Format.TABLE: lambda r, lang, view: _review("build_history", r, lang),
        Format.JSON: lambda r, lang, view: _review("history_json", r, lang),
    },
    "awards": {
        Format.TABLE: _table(A, "build_awards", "awards"),
        Format.JSON: _lazy(A, "awards_json", "awards"),
        Format.CSV: _table(A, "awards_csv", "awards"),
    },
}


def _units_table(r: Any, lang: Lang) -> Any:
    from ntm_cli.render.units import build_units_table

    return build_units_table(r.rows, r.ladder, lang, r.year)


def _units_json(r: Any) -> Any:
    from ntm_cli.render.units import unit_json

    return [unit_json(row) for row in r.rows]


def _unit(name: str, r: Any, lang: Lang) -> Any:
    from ntm_cli.render import crosswalk

    return getattr(crosswalk, name)(r, lang)


def _crosswalk(name: str, r: Any, lang: Lang) -> Any:
    from ntm_cli.render import crosswalk

    return getattr(crosswalk, name)(r, lang)


def _review(name: str, r: Any, lang: Lang) -> Any:
    from ntm_cli.render import review

    return getattr(review, name)(r, lang)


def _import_table(r: Any, lang: Lang) -> Any:
    from ntm_cli.render.returns import build_import_report

    # stopped by a signal: the rejected files and the counts, out at once
    return build_import_report(r.files, r.dry_run, lang, brief=r.signal is not None)


def _import_json(r: Any, lang: Lang) -> Any:
    from ntm_cli.render.returns import import_json

    out = import_json(r.files, r.dry_run, lang)
    if r.store is not None:
        out["store"] = {"path": r.store.path, "created": r.store.created}
    if r.stopped is not None:  # the import stopped early: why, and the files not reached
        out["stopped"] = r.stopped.as_json(lang)
        out["not_processed"] = [str(p) for p in r.remaining]
    return out


def _officers(name: str, r: Any, lang: Lang) -> Any:
    from ntm_cli.render import officers

    return getattr(officers, name)(r, lang)


def _gaps_table(r: Any, lang: Lang, view: dict[str, Any]) -> Any:
    from ntm_cli.render.analysis import build_gaps

    return build_gaps(r.gaps, r.registry, lang, view.get("limit", 20))


def formats(kind: str) -> list[str]:
    return [f.value for f in RENDERERS[kind]]


def format_choice(kind: str) -> Any:
    """The --format option of a command showing a `kind` result: exactly its formats
    (`output: Annotated[str, format_choice("progress")] = "table"`)."""
    hint = " (xlsx needs --out)" if Format.XLSX in RENDERERS[kind] else ""
    return typer.Option(
        "--format", "-f", click_type=TyperChoice(formats(kind)), help=f"Output format{hint}."
    )


def emit(
    result: Any,
    kind: str,
    fmt: str,
    lang: Lang,
    out: Path | None = None,
    force: bool = False,
    **view: Any,
) -> None:
    """Show `result` in `fmt`: tables and text on stdout, a workbook to `out`; then its warnings."""
    from ntm_cli.cli.console import stderr, stdout

    chosen = Format(fmt)
    if (chosen is Format.XLSX) != (out is not None):
        raise UsageError("option.out_with_xlsx")
    warn_all(result, lang)
    rendered = RENDERERS[kind][chosen](result, lang, view)
    if chosen is Format.JSON:
        from ntm_cli.domain.i18n import json_printable

        print(json_printable(json.dumps(rendered, ensure_ascii=False, indent=2)))
    elif chosen is Format.CSV:
        print(rendered, end="")
    elif chosen is Format.XLSX:
        from ntm_cli.workspace import write_workbooks

        assert out is not None
        write_workbooks([(out, rendered)], force=force)
        stderr().print(str(out), highlight=False, markup=False)
    else:
        import sys

        # a renderer that drew a long listing has loaded its module; the others skip it
        longtable = sys.modules.get("ntm_cli.render.longtable")
        if longtable is None:
            stdout().print(rendered)
        else:
            longtable.show(stdout(), rendered)
        footer(result, lang, stdout())
    if chosen is not Format.TABLE:
        created(result, lang)


def footer(result: Any, lang: Lang, console: Any) -> None:
    """The store a result was read from, under its table (and a store just created)."""
    note = getattr(result, "store", None)
    if note is None:
        return
    created(result, lang)
    console.print(note.footer().text(lang), style="dim", markup=False, highlight=False)


def created(result: Any, lang: Lang) -> None:
    """A store made by this command is said, whatever the format (on stderr)."""
    note = getattr(result, "store", None)
    if note is not None and note.created:
        from ntm_cli.cli.console import stderr

        stderr().print(note_text("store.created", lang, path=note.path), markup=False)


def note_also(edition: Any, unit: Any, also: Any, lang: Lang) -> None:
    """Under a table, on stderr: the unit shown is of `edition`; the query names `also` too."""
    if not also:
        return
    from ntm_cli.cli.console import stderr
    from ntm_cli.render.crosswalk import also_notes

    for text in also_notes(edition, unit, also, lang):
        stderr().print(text, style="yellow", markup=False, highlight=False)


def note_text(code: str, lang: Lang, **params: Any) -> str:
    from ntm_cli.domain.messages import Message

    return Message(code, params).text(lang)


STORE_PROBLEMS = frozenset({"store.not_there", "store.no_returns_period", "store.no_returns"})


def check_store(result: Any) -> None:
    """Under --check: exit 1 when the store does not exist or holds no return asked for (for
    any of the months of a range): the workspace tells each as a warning of the result."""
    if any(w.code in STORE_PROBLEMS for w in getattr(result, "warnings", ())):
        raise typer.Exit(1)


def warn_all(result: Any, lang: Lang) -> None:
    for message in getattr(result, "warnings", ()):
        warn(message.text(lang), lang)


def warn(text: str, lang: Lang) -> None:
    """A warning on stderr: it never mixes with the data on stdout."""
    from rich.markup import escape

    from ntm_cli.cli.console import stderr

    label = "Cảnh báo" if lang is Lang.VI else "Warning"
    stderr().print(f"[yellow]{label}:[/yellow] {escape(text)}", markup=True, highlight=False)
