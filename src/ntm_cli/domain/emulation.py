"""The emulation movement of a plan: its contents, what evidences each, and the extra items a
commune reports for them (declared in the data folder's `emulation.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    """How an item adds up over months: a flow is summed (month, year to date); a stock is
    read as each commune's latest value."""

    FLOW = "flow"
    STOCK = "stock"


class Basis(StrEnum):
    """Where a link between a content and what evidences it comes from: the plan's own words,
    or the office's reading of them."""

    PLAN = "plan"
    OFFICE = "office"


RETURN_FIELDS = ("funds", "debt", "ocop")
"""The fixed figures of the return form that a content may name."""


@dataclass(frozen=True, slots=True)
class CriterionRef:
    """A criterion that evidences a content: the set's id and the criterion's number."""

    set: str
    number: str
    basis: Basis = Basis.PLAN
    line: int = 0  # in emulation.yaml, for messages


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A fixed figure of the return (funds by source, debt, OCOP by stars)."""

    field: str
    kind: ItemKind
    basis: Basis = Basis.PLAN
    programme: str = ""


@dataclass(frozen=True, slots=True)
class Programme:
    """A thematic programme named in a content (content six's, in Plan 69)."""

    id: str
    title: str
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class ReturnItem:
    """An extra figure a commune reports on its form, for one content."""

    id: str
    label: str
    label_en: str
    unit: str
    unit_en: str
    whole: bool
    kind: ItemKind
    content: int
    programme: str = ""
    illustrative: bool = False
    basis: Basis = Basis.OFFICE


@dataclass(frozen=True, slots=True)
class Content:
    """One content of the movement ("Thứ nhất" … "Thứ sáu"): its wording and its evidence."""

    number: int
    ordinal: str
    title: str
    text: str
    title_en: str = ""
    criteria: tuple[CriterionRef, ...] = ()
    fields: tuple[FieldRef, ...] = ()
    programmes: tuple[Programme, ...] = ()


@dataclass(frozen=True, slots=True)
class Emulation:
    """The movement's contents and the return items, as the data folder declares them."""

    title: str
    source: str
    contents: tuple[Content, ...]
    items: tuple[ReturnItem, ...] = ()
    title_en: str = ""
    path: str = ""

    def item(self, item_id: str) -> ReturnItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def items_of(self, number: int) -> list[ReturnItem]:
        return [i for i in self.items if i.content == number]
