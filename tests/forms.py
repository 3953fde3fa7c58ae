"""Build return forms, filled ones and hostile ones, as real xlsx files in the test."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import load_workbook

from ntm_cli.domain.models import UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import CriteriaBook, CriteriaSet
from ntm_cli.domain.status import level_of
from ntm_cli.returnform.reader import ReadContext
from ntm_cli.returnform.writer import FormContext, build_form
from ntm_cli.sources.criteria import load_criteria
from ntm_cli.sources.datadir import BUNDLED, load
from ntm_cli.sources.output import workbook_bytes

DATA = load(BUNDLED)
CRITERIA = load_criteria(BUNDLED, "qd318-2022-xa")
BOOK = CriteriaBook(
    {
        i: load_criteria(BUNDLED, i)
        for levels in DATA.plan.criteria.values()
        for i in levels.values()
    },
    DATA.plan.criteria,
    DATA.plan.ladder,
)
CTX = ReadContext(DATA.plan, DATA.registry, BOOK)
COMMUNES = [u for u in DATA.registry.units if u.kind is UnitKind.COMMUNE]


def set_for(code: str, period: str = "2024-06") -> CriteriaSet:
    """The set a unit's form for `period` is written on (that of the level it works towards)."""
    found = CTX.expected(DATA.registry.by_code[code], period)
    assert found is not None
    return found


def blank_form(code: str = "29263", period: str = "2024-06") -> bytes:
    """The form ntm writes for a unit, as bytes."""
    unit = DATA.registry.by_code[code]
    level = level_of(unit, as_of=Period.parse(period).month_end())
    towards, criteria = BOOK.towards(unit, level)
    assert criteria is not None
    above = (DATA.registry.district_of(unit) if unit.kind is UnitKind.COMMUNE
             else DATA.registry.by_code.get(unit.parent_code))  # fmt: skip
    ctx = FormContext(unit, above, period, criteria, level, towards, DATA.plan.ladder)
    return workbook_bytes(build_form(ctx))


def statuses_for(code: str, met: int = 17, period: str = "2024-06") -> list[str]:
    """A deterministic pattern: the first `met` criteria Đạt, the rest Chưa đạt."""
    return ["Đạt" if i < met else "Chưa đạt" for i in range(len(set_for(code, period).reported))]


def filled_form(
    code: str = "29263",
    period: str = "2024-06",
    statuses: list[str] | None = None,
    edit: Callable[..., None] | None = None,
) -> bytes:
    """A form filled as a commune would, in a spreadsheet program (here openpyxl)."""
    book = load_workbook(io.BytesIO(blank_form(code, period)))
    sheet = book["Tiêu chí"]
    for i, status in enumerate(statuses or statuses_for(code, period=period)):
        sheet[f"C{13 + i}"] = status
    other = book["Kết quả khác"]
    other["B9"], other["B10"], other["B11"] = 2, 1, 0
    other["B14"] = 0
    for ref, amount in zip(
        ("B17", "B18", "B19", "B20", "B21"), (100, 50.5, 0, 20, 12), strict=True
    ):
        other[ref] = amount
    if edit is not None:
        edit(book)
    return workbook_bytes(book)


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def rewrite_member(raw: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same zip with one member's bytes changed (for XML the writer would refuse)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == member else data)
    return out.getvalue()


def sheet_member(raw: bytes, title: str) -> str:
    """The zip member holding the sheet called `title`."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(title)}"[^>]*r:id="(rId\d+)"', book)
    if rid is None:
        rid = re.search(rf'<sheet[^>]*r:id="(rId\d+)"[^>]*name="{re.escape(title)}"', book)
    assert rid is not None, title
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels
    )
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


def set_inline_text(raw: bytes, title: str, ref: str, text: str) -> bytes:
    """Put `text` in cell `ref` as an inline string, bypassing the writer's own checks."""
    member = sheet_member(raw, title)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")

    def change(xml: bytes) -> bytes:
        doc = xml.decode()
        cell = f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>'
        doc, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, doc, count=1)
        assert n == 1, ref
        return doc.encode()

    return rewrite_member(raw, member, change)


def to_shared_strings(raw: bytes) -> bytes:
    """The workbook as Excel and LibreOffice save it: text in xl/sharedStrings.xml."""
    strings: list[str] = []

    def share(xml: bytes) -> bytes:
        def cell(match: re.Match[str]) -> str:
            strings.append(match.group(3))
            return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(strings) - 1}</v></c>'

        pattern = r'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>'
        return re.sub(pattern, cell, xml.decode()).encode()

    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = share(data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            target.writestr(info, data)
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        target.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
        )
    return out.getvalue()


def blank_nominations(year: int = 2024) -> bytes:
    """The nominations workbook ntm writes for an award year, as bytes."""
    from ntm_cli.returnform.nominations import build_nominations

    return workbook_bytes(build_nominations(DATA.plan, year))


def filled_nominations(year: int, rows: dict[str, list[list[object]]]) -> bytes:
    """The nominations workbook filled as the office would: `rows` by sheet, each row from
    column B (the name) on, from the first input row (7) down."""
    book = load_workbook(io.BytesIO(blank_nominations(year)))
    for title, lines in rows.items():
        sheet = book[title]
        for i, values in enumerate(lines):
            for j, value in enumerate(values):
                if value is not None:
                    sheet.cell(7 + i, 2 + j, value)
    return workbook_bytes(book)


def under(sheet, title: str, last_col: int = 8) -> list[list]:  # type: ignore[no-untyped-def,type-arg]
    """The table under a heading of a report sheet: its header row, then its rows to a blank
    one."""
    rows = [list(r) for r in sheet.iter_rows(max_col=last_col, values_only=True)]
    top = next(i for i, r in enumerate(rows) if r[0] == title)
    body = []
    for r in rows[top + 1 :]:
        if all(v is None for v in r):
            break
        body.append(r)
    return body


@contextmanager
def using_store(path: Path) -> Iterator[None]:
    """NTM_STORE set to `path` for the commands run inside, put back after (for a fixture
    wider than one test, where monkeypatch does not reach)."""
    old = os.environ.get("NTM_STORE")
    os.environ["NTM_STORE"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NTM_STORE")
        else:
            os.environ["NTM_STORE"] = old
