"""`ntm review`: the month's returns with their review state, the decisions just made, and a
commune-month's history, as Rich renderables, JSON and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_cli.domain.i18n import Lang, t
from ntm_cli.domain.messages import Message
from ntm_cli.domain.review import STATES, Decision

STATE_STYLE = {"received": "", "returned": "yellow", "approved_district": "cyan",
               "approved": "green"}  # fmt: skip


def state_text(state: str, lang: Lang) -> str:
    return t(f"review.state.{state}", lang)


def _at(at: str) -> str:
    return at.replace("T", " ")


def last_text(d: Decision | None, lang: Lang) -> str:
    if d is None:
        return ""
    return t("review.last", lang, actor=d.actor, at=_at(d.at),
             action={"code": f"review.action.{d.action}"},
             level={"code": f"review.level.{d.level}"})  # fmt: skip


def counts_text(counts: dict[str, int], lang: Lang) -> str:
    return t("review.counts", lang, **{s: counts.get(s, 0) for s in STATES})


def build_review_list(result: Any, lang: Lang) -> Group:
    title = (
        t("review.list.title_district", lang, period=result.period, district=result.district.name)
        if result.district is not None
        else t("review.list.title", lang, period=result.period)
    )
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("code", "name", "district", "state", "last", "comment"):
        table.add_column(t(f"review.col.{key}", lang))
    for row in result.rows:
        r = row.reviewed
        table.add_row(
            row.unit.code, Text(row.unit.name), Text(row.district.name if row.district else ""),
            Text(state_text(r.state, lang), style=STATE_STYLE[r.state]),
            Text(last_text(r.last, lang)), Text(r.last.comment if r.last else ""),
        )  # fmt: skip
    parts: list[RenderableType] = [table]
    if not result.rows:
        parts.append(Text(t("review.list.none", lang, period=result.period)))
    parts.append(Text(counts_text(result.counts, lang), style="bold"))
    return Group(*parts)


def decision_json(d: Decision) -> dict[str, Any]:
    return {"id": d.id, "return_id": d.return_id, "unit_code": d.unit_code, "period": d.period,
            "action": d.action, "level": d.level, "state": d.state, "comment": d.comment,
            "actor": d.actor, "role": d.role, "at": d.at, "after": d.after}  # fmt: skip


def review_list_json(result: Any, lang: Lang) -> dict[str, Any]:
    return {
        "period": result.period,
        "district": (
            {"code": result.district.code, "name": result.district.name}
            if result.district is not None
            else None
        ),
        "counts": result.counts,
        "returns": [
            {
                "code": row.unit.code,
                "name": row.unit.name,
                "district": row.district.name if row.district else None,
                "return_id": row.reviewed.return_id,
                "state": row.reviewed.state,
                "last": decision_json(row.reviewed.last) if row.reviewed.last else None,
            }
            for row in result.rows
        ],
    }


def review_list_csv(result: Any, lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "code", "name", "district", "state", "actor", "at", "comment"])
    for row in result.rows:
        last = row.reviewed.last
        writer.writerow([
            result.period, row.unit.code, row.unit.name, row.district.name if row.district else "",
            row.reviewed.state, last.actor if last else "", last.at if last else "",
            last.comment if last else "",
        ])  # fmt: skip
    return out.getvalue()


def _skipped_line(name: str, code: str, reason: Message, lang: Lang) -> str:
    return f"  {name} ({code}): {reason.text(lang)}"


def build_decisions(result: Any, lang: Lang) -> Group:
    """What an approval did: how many, at which level, and each commune skipped with why."""
    parts: list[RenderableType] = []
    if result.copy is not None:  # a return sent back
        unit, d = result.decided[0]
        parts.append(Text(t("review.return.done", lang, name=unit.name, code=unit.code,
                            period=result.period, path=str(result.copy))))  # fmt: skip
        return Group(*parts)
    if result.decided:
        levels = sorted({d.level for _, d in result.decided})
        for level in levels:
            n = sum(1 for _, d in result.decided if d.level == level)
            said = t("review.approve.done", lang, n=n, period=result.period,
                     level={"code": f"review.level.{level}"})  # fmt: skip
            parts.append(Text(said, style="green"))
        names = ", ".join(f"{u.name} ({u.code})" for u, _ in result.decided)
        parts.append(Text(f"  {names}"))
    else:
        parts.append(Text(t("review.approve.none", lang, period=result.period), style="yellow"))
    if result.skipped:
        parts.append(Text(t("review.approve.skipped", lang, n=len(result.skipped)), style="bold"))
        parts += [Text(_skipped_line(u.name, u.code, m, lang)) for u, m in result.skipped]
    parts.append(Text(t("review.approve.by", lang, actor=result.actor), style="dim"))
    return Group(*parts)


def decisions_json(result: Any, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "period": result.period,
        "actor": result.actor,
        "decided": [
            {"code": u.code, "name": u.name, **decision_json(d)} for u, d in result.decided
        ],  # fmt: skip
        "skipped": [
            {"code": u.code, "name": u.name, "reason": m.as_json(lang)} for u, m in result.skipped
        ],  # fmt: skip
    }
    if result.copy is not None:
        out["copy"] = str(result.copy)
    return out


def build_history(result: Any, lang: Lang) -> Group:
    unit = result.unit
    title = t("review.history.title", lang, name=unit.name, code=unit.code, period=result.period)
    # a decision a row: when, then what, by whom and to which state, the comment under it and
    # the return it was on (a comment is long: the second column takes the width)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  show_header=False)  # fmt: skip
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    current = result.current.return_id if result.current is not None else None
    for d in result.decisions:
        which = t("review.current" if d.return_id == current else "review.superseded", lang)
        actor = d.actor + (f" [{d.role}]" if d.role and d.role != d.actor else "")
        said = Text(f"{t(f'review.action.{d.action}', lang)} ({t(f'review.level.{d.level}', lang)})"
                    f" · {actor} → ")  # fmt: skip
        said.append(state_text(d.state, lang), style=STATE_STYLE.get(d.state, ""))
        if d.comment:
            said.append(f"\n{t('review.col.comment', lang)}: {d.comment}")
        said.append(f"\n{t('review.col.return', lang)} #{d.return_id} ({which})", style="dim")
        table.add_row(_at(d.at), said)
    # with no decision, the title alone: an empty table says nothing
    parts: list[RenderableType] = [table if result.decisions else Text(title, style="italic")]
    if result.current is not None:
        state = result.current.state
        if not result.decisions:
            parts.append(Text(t("review.history.none", lang,
                                state={"code": f"review.state.{state}"})))  # fmt: skip
        else:
            parts.append(Text(f"{t('review.col.state', lang)}: {state_text(state, lang)}",
                              style="bold"))  # fmt: skip
    elif not result.decisions:
        parts.append(Text(t("review.no_return", lang, name=unit.name, code=unit.code,
                            period=result.period)))  # fmt: skip
    return Group(*parts)


def history_json(result: Any, lang: Lang) -> dict[str, Any]:
    return {
        "code": result.unit.code,
        "name": result.unit.name,
        "period": result.period,
        "state": result.current.state if result.current is not None else None,
        "return_id": result.current.return_id if result.current is not None else None,
        "decisions": [decision_json(d) for d in result.decisions],
    }
