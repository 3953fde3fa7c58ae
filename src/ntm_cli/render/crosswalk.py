"""The crosswalk of a unit, or of an edition's units, as a Rich table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.editions import Edition
from ntm_cli.domain.errors import ValueProblem
from ntm_cli.domain.i18n import Lang, date_text, level_word, t
from ntm_cli.domain.models import Unit, UnitKind
from ntm_cli.domain.text import split_prefix
from ntm_cli.engine.crosswalk import ONE_DAY, Entry, Found, Reached
from ntm_cli.render.units import recognitions_json

TOWNS = (UnitKind.TOWN, UnitKind.CITY, UnitKind.PROVINCE)
SHORT = {UnitKind.DISTRICT.value: "H.", UnitKind.TOWN.value: "TX", UnitKind.CITY.value: "TP"}


def summary(e: Entry, lang: Lang) -> str:
    """One line in the catalogue's words: a new unit's predecessors counted by the level they
    had reached (those without one by their kind), or where an old unit went."""
    u = e.unit
    if e.successors:
        to = [f"{s.link.new_name} ({s.link.new_code})" for s in e.successors]
        on = e.successors[0].link.effective_on
        return t("crosswalk.went", lang, name=u.name, code=u.code, on=on, to=to)
    if not e.predecessors:
        if e.edition.valid_to is not None:
            return t("crosswalk.went.none", lang, name=u.name, code=u.code)
        return t("crosswalk.summary.none", lang, name=u.name, code=u.code)
    return t("crosswalk.summary", lang, name=u.name, code=u.code, n=len(e.predecessors),
             parts=counted(e, lang))  # fmt: skip


def counted(e: Entry, lang: Lang) -> str:
    """ "1 đạt NTM kiểu mẫu, 2 đạt NTM nâng cao, 1 thị trấn": the predecessors by the level they
    had reached, those without one by their kind, those with no data here."""
    levels, kinds, missing = e.counts
    parts = [t("crosswalk.count.level", lang, n=n, level=level.value) for level, n in levels]
    for kind, n in kinds:
        key = f"crosswalk.count.{kind.value}"
        if kind in (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP):
            parts.append(t(key, lang, n=n))
        else:
            parts.append(t("crosswalk.count.other", lang, n=n, kind=kind.value))
    if missing:
        parts.append(t("crosswalk.count.no_data", lang, n=missing))
    return ", ".join(parts)


def also_notes(edition: Edition, unit: Unit, also: Sequence[Found], lang: Lang) -> list[str]:
    """What the output says when the query names units of other editions too."""
    return [
        t(
            "crosswalk.also",
            lang,
            name=unit.name,
            code=unit.code,
            edition=edition.id,
            other=a.unit.name,
            other_code=a.unit.code,
            other_edition=a.edition.id,
        )  # fmt: skip
        for a in also
    ]


def _level_text(reached: Reached | None, kind: UnitKind, lang: Lang) -> str:
    if reached is None:
        return t("crosswalk.no_data", lang)
    return level_word(reached.level, lang, task=kind in TOWNS)


def _merge(kind: str, lang: Lang) -> str:
    key = f"crosswalk.merge.{kind}"
    return t(key, lang) if kind in ("merged", "kept", "renamed", "split") else kind


def _decision(reached: Reached | None, lang: Lang) -> str:
    rec = reached.recognition if reached else None
    if rec is None:
        return ""
    when = date_text(rec.decided_on, lang) if rec.decided_on else ""
    return ", ".join(x for x in (rec.decision, when) if x)


def _year(reached: Reached | None) -> str:
    rec = reached.recognition if reached else None
    if rec is None or reached is None:
        return ""
    return f"{rec.year} *" if reached.illustrative else str(rec.year)


def _district(name: str) -> str:
    """ "H. Châu Thành", "TP Trà Vinh": the old district as Vietnamese tables shorten it."""
    kind, bare = split_prefix(name)
    return f"{SHORT.get(kind or '', '')} {bare}".strip() if kind in SHORT else name


def predecessors_table(e: Entry, lang: Lang) -> Table | None:
    """A row a predecessor (its name says its kind; its effective date is in the title)."""
    if not e.predecessors:
        return None
    day = e.predecessors[0].link.effective_on
    editions = {p.edition.id if p.edition else "" for p in e.predecessors}
    title = t("crosswalk.title.before", lang, on=day, before=day - ONE_DAY)
    if len(editions) == 1 and (one := editions.pop()):  # all of one edition: said once
        title += f" · {t('crosswalk.col.edition', lang).lower()} {one}"
    mixed = bool(editions)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("crosswalk.col.old_code", "col.name", "crosswalk.col.old_district",
                *(("crosswalk.col.edition",) if mixed else ()), "crosswalk.col.merge",
                "crosswalk.col.level", "crosswalk.col.year", "crosswalk.col.decision"):  # fmt: skip
        table.add_column(t(key, lang))
    for p in e.predecessors:
        link = p.link
        kind = p.unit.kind if p.unit else UnitKind.COMMUNE
        merge = _merge(link.merge_kind, lang)
        if link.effective_on != day:
            merge += f" {date_text(link.effective_on, lang)}"
        edition = (p.edition.id if p.edition else "—",) if mixed else ()
        table.add_row(
            link.old_code, Text(link.old_name), Text(_district(link.old_district_name)),
            *edition, merge, _level_text(p.reached, kind, lang), _year(p.reached),
            Text(_decision(p.reached, lang)),
        )  # fmt: skip
    return table


def successors_table(e: Entry, lang: Lang) -> Table | None:
    if not e.successors:
        return None
    table = Table(title=t("crosswalk.title.after", lang), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)  # fmt: skip
    keys = ("crosswalk.col.new_code", "col.name", "crosswalk.col.kind", "crosswalk.col.edition",
            "crosswalk.col.merge", "crosswalk.col.effective")  # fmt: skip
    for key in keys:
        table.add_column(t(key, lang))
    for s in e.successors:
        link = s.link
        table.add_row(
            link.new_code, Text(link.new_name), link.new_kind,
            s.edition.id if s.edition else t("crosswalk.none_edition", lang),
            _merge(link.merge_kind, lang), date_text(link.effective_on, lang),
        )  # fmt: skip
    return table


def _illustrative(e: Entry) -> bool:
    return e.reached.illustrative or any(p.reached and p.reached.illustrative
                                         for p in e.predecessors)  # fmt: skip


def entry_parts(e: Entry, lang: Lang) -> list[RenderableType]:
    """The unit's crosswalk under its facts: the summary, the tables, the notes."""
    parts: list[RenderableType] = [Text(summary(e, lang))]
    for table in (predecessors_table(e, lang), successors_table(e, lang)):
        if table is not None:
            parts.append(table)
    if _illustrative(e):
        parts.append(Text(t("crosswalk.illustrative", lang), style="dim"))
    return parts


def build_entry(e: Entry, lang: Lang) -> Group:
    u = e.unit
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(t("col.code", lang), u.code)
    facts.add_row(t("card.kind", lang), u.kind.vi if lang is Lang.VI else u.kind.value)
    facts.add_row(t("crosswalk.col.edition", lang),
                  f"{e.edition.id}: {e.edition.label(lang is Lang.EN)}")  # fmt: skip
    town = u.kind in TOWNS
    if e.successors:
        on = e.reached.on
        label = t("crosswalk.level_on", lang, on=on) if on else t("card.level", lang)
        year = _year(e.reached)
        facts.add_row(label, level_word(e.reached.level, lang, task=town)
                      + (f" ({year})" if year else ""))  # fmt: skip
    elif u.recognitions:
        facts.add_row(t("card.level", lang), level_word(e.reached.level, lang, task=town))
    else:
        facts.add_row(t("card.level", lang), t("crosswalk.own_none", lang))
    return Group(Text(u.name, style="bold"), facts, *entry_parts(e, lang))


def build_listing(edition: Edition, entries: list[Entry], lang: Lang) -> Group:
    table = Table(
        title=t("crosswalk.title.list", lang, edition=edition.label(lang is Lang.EN),
                n=len(entries)),
        title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
    )  # fmt: skip
    table.add_column(t("col.code", lang), no_wrap=True)
    table.add_column(t("col.name", lang))
    table.add_column(t("crosswalk.col.kind", lang))
    table.add_column(t("crosswalk.col.count", lang), justify="right")
    table.add_column(t("crosswalk.col.summary", lang))
    for e in entries:
        n = len(e.predecessors) or len(e.successors)
        table.add_row(e.unit.code, Text(e.unit.name), e.unit.kind.vi if lang is Lang.VI
                      else e.unit.kind.value, str(n), Text(_short_summary(e, lang)))  # fmt: skip
    return Group(table)


def _short_summary(e: Entry, lang: Lang) -> str:
    """The summary without what the row has already: the unit's name and code, the count."""
    if e.predecessors and not e.successors:
        return counted(e, lang)
    text = summary(e, lang)
    head = f"{e.unit.name} ({e.unit.code}): "
    return text[len(head) :] if text.startswith(head) else text


def build_crosswalk(result: Any, lang: Lang) -> Group:
    if result.single:
        return build_entry(result.entries[0], lang)
    return build_listing(result.edition, result.entries, lang)


# JSON and CSV --------------------------------------------------------------------------------


def edition_json(edition: Edition | None) -> dict[str, Any] | None:
    if edition is None:
        return None
    return {
        "id": edition.id,
        "name": edition.name,
        "name_en": edition.name_en or None,
        "valid_from": edition.valid_from.isoformat() if edition.valid_from else None,
        "valid_to": edition.valid_to.isoformat() if edition.valid_to else None,
    }


def reached_json(r: Reached | None) -> dict[str, Any]:
    rec = r.recognition if r else None
    return {
        "level_on": r.on.isoformat() if r and r.on else None,
        "level": r.level.value if r and r.level else None,
        "year": rec.year if rec else None,
        "decision": (rec.decision or None) if rec else None,
        "decided_on": rec.decided_on.isoformat() if rec and rec.decided_on else None,
        "illustrative": r.illustrative if r and r.level else None,
    }


def also_json(also: Sequence[Found]) -> list[dict[str, Any]]:
    return [
        {
            "edition": a.edition.id,
            "code": a.unit.code,
            "name": a.unit.name,
            "kind": a.unit.kind.value,
            "option": f"--edition {a.edition.id}",
        }  # fmt: skip
        for a in also
    ]


def _kind_json(word: str) -> dict[str, str]:
    """A crosswalk's kind ("Xã", "xã", "Thị trấn") as a unit's is given: its id and its
    Vietnamese name; a word no kind has is kept as written."""
    try:
        kind = UnitKind.parse(word)
    except ValueProblem:
        return {"kind": word, "kind_vi": word}
    return {"kind": kind.value, "kind_vi": kind.vi}


def predecessors_json(e: Entry) -> list[dict[str, Any]]:
    return [
        {
            "edition": p.edition.id if p.edition else None,
            "code": p.link.old_code,
            "name": p.link.old_name,
            **_kind_json(p.link.old_kind),
            "province_code": p.link.old_province_code or None,
            "district_code": p.link.old_district_code or None,
            "district": p.link.old_district_name or None,
            "merge_kind": p.link.merge_kind,
            "effective_on": p.link.effective_on.isoformat(),
            "data": p.unit is not None,
            **reached_json(p.reached),
        }
        for p in e.predecessors
    ]


def successors_json(e: Entry) -> list[dict[str, Any]]:
    return [
        {
            "edition": s.edition.id if s.edition else None,
            "code": s.link.new_code,
            "name": s.link.new_name,
            **_kind_json(s.link.new_kind),
            "merge_kind": s.link.merge_kind,
            "effective_on": s.link.effective_on.isoformat(),
        }
        for s in e.successors
    ]


def _counts_json(e: Entry) -> dict[str, Any]:
    levels, kinds, missing = e.counts
    return {
        "by_level": {level.value: n for level, n in levels},
        "without_level": {kind.value: n for kind, n in kinds},
        "no_data": missing,
    }


def entry_json(e: Entry, lang: Lang) -> dict[str, Any]:
    u = e.unit
    return {
        "edition": edition_json(e.edition),
        "code": u.code,
        "name": u.name,
        "kind": u.kind.value,
        "kind_vi": u.kind.vi,
        "recognitions": recognitions_json(u),
        **reached_json(e.reached),
        "summary": summary(e, lang),
        "counts": _counts_json(e),
        "predecessors": predecessors_json(e),
        "successors": successors_json(e),
    }


def crosswalk_json(result: Any, lang: Lang) -> dict[str, Any]:
    if result.single:
        e = result.entries[0]
        return {**entry_json(e, lang), "also": also_json(e.also)}
    return {
        "edition": edition_json(result.edition),
        "units": [
            {k: v for k, v in entry_json(e, lang).items() if k != "edition"} for e in result.entries
        ],
    }


LISTING_COLUMNS = ("edition", "code", "name", "kind", "predecessors", "predecessor_codes",
                   "predecessors_in_editions", "no_data", "successor_codes", "level_on", "level",
                   "year", "illustrative", "summary")  # fmt: skip
LINK_COLUMNS = ("edition", "code", "name", "kind", "direction", "other_edition", "other_code",
                "other_name", "other_kind", "other_district_code", "other_district", "merge_kind",
                "effective_on", "level_on", "level", "year", "decision", "decided_on",
                "illustrative", "summary")  # fmt: skip


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def crosswalk_csv(result: Any, lang: Lang) -> str:
    """Without a query a row a unit; for one unit a row a predecessor or successor."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not result.single:
        writer.writerow(LISTING_COLUMNS)
        for e in result.entries:
            r = reached_json(e.reached)
            writer.writerow(_csv_value(v) for v in (
                e.edition.id, e.unit.code, e.unit.name, e.unit.kind.value, len(e.predecessors),
                ";".join(p.link.old_code for p in e.predecessors),
                sum(1 for p in e.predecessors if p.unit is not None),
                sum(1 for p in e.predecessors if p.unit is None),
                ";".join(s.link.new_code for s in e.successors),
                r["level_on"], r["level"], r["year"], r["illustrative"], summary(e, lang),
            ))  # fmt: skip
        return out.getvalue()
    e = result.entries[0]
    writer.writerow(LINK_COLUMNS)
    head = (e.edition.id, e.unit.code, e.unit.name, e.unit.kind.value)
    line = summary(e, lang)
    for item in predecessors_json(e):
        writer.writerow(_csv_value(v) for v in (
            *head, "from", item["edition"], item["code"], item["name"], item["kind"],
            item["district_code"], item["district"], item["merge_kind"], item["effective_on"],
            item["level_on"], item["level"], item["year"], item["decision"], item["decided_on"],
            item["illustrative"], line,
        ))  # fmt: skip
    r = reached_json(e.reached)
    for s in e.successors:
        writer.writerow(_csv_value(v) for v in (
            *head, "to", s.edition.id if s.edition else None, s.link.new_code, s.link.new_name,
            s.link.new_kind, None, None, s.link.merge_kind, s.link.effective_on.isoformat(),
            r["level_on"], r["level"], r["year"], r["decision"], r["decided_on"],
            r["illustrative"], line,
        ))  # fmt: skip
    return out.getvalue()


# A unit's card on an edition ------------------------------------------------------------------


def unit_card_table(result: Any, lang: Lang) -> Group:
    """`ntm unit`'s card; on another edition than the plan's, with the edition it is of and
    its predecessors (or successors) as `ntm crosswalk` shows them."""
    from ntm_cli.render.returns import build_unit_card

    e = result.crosswalk
    if e is None:
        return build_unit_card(result.card, lang)
    none = e.unit.recognitions == {} and e.edition.valid_to is None and bool(e.predecessors)
    card = build_unit_card(result.card, lang, t("crosswalk.own_none", lang) if none else "")
    edition = Text(f"{t('crosswalk.col.edition', lang)}: {e.edition.id}: "
                   f"{e.edition.label(lang is Lang.EN)}", style="bold")  # fmt: skip
    return Group(edition, card, Text(""), *entry_parts(e, lang))


def unit_card_json(result: Any, lang: Lang) -> dict[str, Any]:
    """`ntm unit`'s JSON; the edition, its crosswalk and the other editions' units the query
    names only where there are any (the plan's own cards are as they were)."""
    from ntm_cli.render.returns import card_json

    out = card_json(result.card, lang)
    if result.own and not result.also:
        return out
    e = result.crosswalk
    out["edition"] = edition_json(result.edition)
    if e is not None:
        out["summary"] = summary(e, lang)
        out["predecessors"] = predecessors_json(e)
        out["successors"] = successors_json(e)
    out["also"] = also_json(result.also)
    return out
