"""Fuzzing the readers of submitted files: whatever the bytes, a verdict, never an exception.

Real files are the starting point: forms written by ntm's own form writer and filled as a commune
fills them (text inline, as openpyxl saves, and in shared strings, as Excel saves), and real
long-format tables (a sheet, a CSV file, a CSV saved by Excel with a BOM, `;` and CRLF). Each case
mutates one of them, aware of its structure: cell values (random text, huge and negative numbers,
formulas, control characters, very long text, dates, booleans, error values, references), sheets
(renamed, deleted, added, reordered, pointed elsewhere), the XML of the parts (bytes flipped,
truncated, tags deleted or duplicated, entity declarations, encodings, floods of elements), the zip
entries (removed, duplicated, renamed, recompressed, checksums and sizes corrupted, truncated) and
the CSV text (quotes, delimiters, encodings, BOMs, NULs, line ends, rows).

For every mutated file `read_return` itself is called (not the import's catch-all, which would hide
what this looks for) and must return a verdict: returns or problems, never both, every message
catalogued and worded in both languages, every return a valid one. Traced memory stays under
MEMORY_LIMIT for each file and each file is read within CASE_SECONDS.

Seeded and reproducible: case N of seed S is always the same file. NTM_FUZZ_SECONDS (default 20)
bounds the run, NTM_FUZZ_SEED sets the seed (a number, or `random`), NTM_FUZZ_CASE replays one
case. A failing case is written to build/fuzz-failures/ with its seed, mutations and traceback.
`make fuzz` runs for ten minutes on a fresh seed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import math
import os
import random
import re
import secrets
import signal
import struct
import time
import traceback
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from forms import CRITERIA, CTX, filled_form, to_shared_strings
from ntm_cli.domain.catalogue import CATALOGUE
from ntm_cli.domain.i18n import Lang, placeholders
from ntm_cli.domain.messages import Issue
from ntm_cli.domain.models import UnitKind
from ntm_cli.domain.period import Period
from ntm_cli.returnform.parsed import Parsed, ReadContext
from ntm_cli.returnform.reader import read_return
from ntm_cli.sources.output import workbook_bytes

SECONDS = float(os.environ.get("NTM_FUZZ_SECONDS", "20"))
MEMORY_LIMIT = 200 * 1024 * 1024  # traced bytes allocated while one file is read
CASE_SECONDS = 60  # one file (slowed several times by tracemalloc); a hang is a finding too
FAILURES = Path(__file__).resolve().parent.parent / "build" / "fuzz-failures"
KEEP = 20  # distinct failures reported (and saved) in one run

Reader = Callable[[bytes, ReadContext], Parsed]
Member = tuple[str, bytes, int]  # a zip entry: name, bytes, compression method


# --- the seeds: real files ---------------------------------------------------------------------


def _form_inline() -> bytes:
    def edit(book: Any) -> None:
        other = book["Kết quả khác"]
        other["B4"], other["B5"] = "NTM nâng cao", "1234/QĐ-UBND"
        other["B6"] = dt.date(2024, 6, 15)
        book["Tiêu chí"]["D13"] = "Đã hoàn thành quy hoạch chung"

    statuses = ["Đạt"] * 15 + ["Chưa đạt", "dat", "", "x"]
    return filled_form("29263", statuses=statuses, edit=edit)


def _form_shared() -> bytes:
    statuses = ["Chưa đạt", *["Đạt"] * 17, "Chưa đạt"]
    return to_shared_strings(filled_form("29311", statuses=statuses))


LONG_ROWS = [
    ["29263", "2024-06", c.number, "Đạt" if i % 3 else "Chưa đạt", f"ghi chú {i}"]
    for i, c in enumerate(CRITERIA.criteria)
]


def _long_sheet() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    sheet.append(["unit_code", "period", "criterion", "status", "note"])
    for i, row in enumerate(LONG_ROWS):
        period: object = dt.date(2024, 6, 1) if i % 2 else row[1]
        number: object = int(row[2]) if row[2].isdigit() else row[2]
        sheet.append([row[0], period, number, row[3], row[4]])
    return workbook_bytes(book)


def _long_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["unit_code", "period", "criterion", "status", "note"])
    writer.writerows(LONG_ROWS)
    return out.getvalue().encode()


def _long_csv_excel() -> bytes:
    """As Excel saves "CSV UTF-8" in Vietnam: BOM, `;`, CRLF; communes by name and district."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["unit_name", "district", "period", "criterion", "status", "note"])
    for _, period, number, status, note in LONG_ROWS:
        writer.writerow(["Long Đức", "Thành phố Trà Vinh", period, number, status, note])
    return codecs.BOM_UTF8 + out.getvalue().encode()


SEEDS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "form-inline": ("xlsx", _form_inline),
    "form-shared": ("xlsx", _form_shared),
    "long-sheet": ("xlsx", _long_sheet),
    "long-csv": ("csv", _long_csv),
    "long-csv-excel": ("csv", _long_csv_excel),
}


# --- values a cell may hold ----------------------------------------------------------------------

_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz ",
    "Đđạảãàáâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữ",
    "¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¿ÑñøûïöÖ",  # TCVN3 / VNI look-alikes
    "0123456789.,-+eE ",
    "\u0301\u0300\u0303\u0309\u0323\u200b\u200d\u202e\ufeff\u00a0",  # combining, invisible, bidi
    "中文字𝔘𝔫𝔦😀👍🏽",
    "\x01\x02\x07\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\t\r\n",
    "=+-@\"'<>&;|/\\",
    "٠١٢٣٤٥٦٧٨٩０１２３²³¹①",  # digits Python's int() reads, or isdigit() says are digits
]
_SPECIAL_TEXT = [
    "", " ", "Đạt", "Chưa đạt", "dat", "CHƯA ĐẠT", "Đạt", "1", "0", "x", "X", "met",
    "Nông thôn mới", "NTM nâng cao", "NTM kiểu mẫu", "kiểu mẫu", "29263", "29311", "2024-06",
    "2024-6", "06/2024", "2019-06", "2031-01", "0000-00", "9999-99", "qd318-2022-xa", "1",
    "=1+1", '=HYPERLINK("http://x")', "+cmd", "@SUM(A1)", "-1", "1.234,5", "1.234", "1,5",
    "1e308", "-0", "NaN", "inf", "31/12/2024", "2024-02-30", "1/1/1", "99/99/9999",
    "31/02/2024", "2024-06-15T10:00:00", "T", "1/2", "/", "//", "٣١/١٢/٢٠٢٤", "²", "①", "１２",
    "1_000", "_x0000_", "_xD800_", "_xD83D__xDE00_", "_x001F_abc", "§¹t", "Ñaït", "TRUE",
    "FALSE", "#N/A", "§", "\x00", "\ud7ff", "ﬀ", "İ", "ß", "Σ"
]  # fmt: skip
_NUMBERS = [
    "0", "-0", "1", "-1", "2", "19", "0.5", "-5", "1e308", "-1e308", "1e999", "-1e999", "NaN",
    "nan", "inf", "-inf", "Infinity", "4.9e-324", "1e-400", "123456789012345678901234567890",
    "9" * 400, "0x10", "1_0", " 7 ", "", " ", "1,5", "+3", "45444", "2958465", "2958466", "60",
    "0.9999999999", "3.0", "2.5", "abc", "１"
]  # fmt: skip
_ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "", "x" * 300]


def random_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(_SPECIAL_TEXT)
    if roll < 0.45:  # very long: around Excel's limit of 32,767 characters, or far beyond
        n = rng.choice([32_767, 32_768, 40_000, rng.randint(1, 200_000)])
        return rng.choice("aĐ ") * n
    alphabet = "".join(rng.sample(_ALPHABETS, rng.randint(1, 3)))
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
    if rng.random() < 0.2:
        text = rng.choice(_SPECIAL_TEXT) + text
    return text


def xml_text(text: str, rng: random.Random) -> str:
    """Text as XML holds it: escaped, and characters XML cannot hold written as _xHHHH_ (or,
    now and then, left raw: then the part is not well-formed)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if rng.random() < 0.9:
        text = re.sub(
            r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m[0]):04X}_", text
        )
    return text


def random_number(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(_NUMBERS)
    return repr(rng.choice([rng.uniform(-1e6, 1e6), rng.randint(-(10**20), 10**20), 1e15]))


# --- mutations: each changes a file and says what it did ---------------------------------------


@dataclass
class Xlsx:
    """An xlsx as its zip entries, in order, so that they can be changed and written again."""

    members: list[Member]

    @classmethod
    def of(cls, raw: bytes) -> Xlsx:
        if raw not in _MEMBERS:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                _MEMBERS[raw] = [(i.filename, z.read(i), i.compress_type) for i in z.infolist()]
        return cls(list(_MEMBERS[raw]))

    def names(self, pattern: str = "") -> list[str]:
        return [n for n, _, _ in self.members if re.search(pattern, n)]

    def get(self, name: str) -> bytes:
        return next(d for n, d, _ in self.members if n == name)

    def put(self, name: str, data: bytes) -> None:
        self.members = [(n, data if n == name else d, m) for n, d, m in self.members]

    def raw(self) -> bytes:
        out = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are one of the mutations
            with zipfile.ZipFile(out, "w", compresslevel=1) as z:
                for name, data, method in self.members:
                    info = zipfile.ZipInfo(name, (2024, 6, 30, 12, 0, 0))
                    info.compress_type = method
                    z.writestr(info, data)
        return out.getvalue()


_MEMBERS: dict[bytes, list[Member]] = {}  # the seeds' entries, read once
_CELL = re.compile(rb"<c\b[^>]*?(?:/>|>.*?</c>)", re.S)
_TAG = re.compile(rb"<[^>]{0,300}>")
_ELEMENT = re.compile(rb"<(\w+)\b[^>]*?(?:/>|>[^<]*</\1>)")


def _cell_xml(rng: random.Random, ref: str | None) -> bytes:
    """A <c> element of a random kind and value."""
    r = f' r="{ref}"' if ref is not None else ""
    kind = rng.choice(
        ["inline", "inline", "shared", "number", "number", "formula", "error", "bool", "date",
         "str", "empty", "unknown", "rich"]
    )  # fmt: skip
    if kind == "inline":
        body = f'<c{r} t="inlineStr"><is><t>{xml_text(random_text(rng), rng)}</t></is></c>'
    elif kind == "rich":
        runs = "".join(
            f"<r><t>{xml_text(random_text(rng), rng)}</t></r>" for _ in range(rng.randint(0, 4))
        )
        body = (
            f'<c{r} t="inlineStr"><is>{runs}</is></c>'
            if rng.random() < 0.8
            else f'<c{r} t="inlineStr"/>'
        )
    elif kind == "shared":
        index = rng.choice(
            ["0", "1", "-1", "5", "999999", "", "x", "1.5", " 2", "99999999999999999999"]
        )
        body = f'<c{r} t="s"><v>{index}</v></c>'
    elif kind == "number":
        t = rng.choice(["", ' t="n"'])
        body = f"<c{r}{t}><v>{random_number(rng)}</v></c>"
    elif kind == "formula":
        cached = rng.choice(
            [
                "",
                f"<v>{random_number(rng)}</v>",
                f"<v>{xml_text(random_text(rng), rng)}</v>",
                "<v></v>",
            ]
        )
        t = rng.choice(["", ' t="str"', ' t="n"', ' t="b"', ' t="e"'])
        body = f"<c{r}{t}><f>{xml_text(random_text(rng), rng)}</f>{cached}</c>"
    elif kind == "error":
        body = f'<c{r} t="e"><v>{xml_text(rng.choice(_ERRORS), rng)}</v></c>'
    elif kind == "bool":
        body = f'<c{r} t="b"><v>{rng.choice(["1", "0", "true", "2", "", " 1 "])}</v></c>'
    elif kind == "date":
        value = rng.choice(
            ["2024-06-30T00:00:00", "2024-06-30", "2024-13-45", "", "not a date", "0001-01-01",
             "9999-12-31T23:59:59.999"]
        )  # fmt: skip
        body = f'<c{r} t="d"><v>{value}</v></c>'
    elif kind == "str":
        body = f'<c{r} t="str"><v>{xml_text(random_text(rng), rng)}</v></c>'
    elif kind == "empty":
        body = f'<c{r} s="{rng.randint(0, 20)}"/>'
    else:
        body = (
            f'<c{r} t="{rng.choice(["zzz", "", "inlinestr", "S"])}"><v>{random_number(rng)}</v></c>'
        )
    return body.encode()


_REFS = [
    "A0", "A1048577", "XFE1", "AAAA1", "a1", "", "1A", "A01", "Z99999999", "B 4", "C13:D13",
    "XFD1048576"
]  # fmt: skip


def mutate_cell(rng: random.Random, doc: Xlsx) -> str:
    """A cell's value (or its reference) replaced, or a cell added."""
    sheets = doc.names(r"^xl/worksheets/[^/]+\.xml$")
    if not sheets:
        return "no sheet to change"
    name = rng.choice(sheets)
    xml = doc.get(name)
    cells = list(_CELL.finditer(xml))
    if not cells:
        return f"{name}: no cell"
    target = rng.choice(cells)
    found = re.search(rb' r="([^"]*)"', target[0])
    ref: str | None = found[1].decode() if found else None
    roll = rng.random()
    if roll < 0.08:
        ref = rng.choice([*_REFS, None])
    new = _cell_xml(rng, ref)
    if roll > 0.9:  # a cell added next to this one (its reference may repeat or be out of order)
        added = rng.choice(["C13", "D31", "E40", "B6", "XFD1", "A1048576", "C200"])
        new = target[0] + _cell_xml(rng, added)
        ref = f"{ref}+{added}"
    doc.put(name, xml[: target.start()] + new + xml[target.end() :])
    return f"{name} {ref}: {new[:160]!r}"


_SHEET = re.compile(rb"<sheet\b[^>]*/>")
_SHEET_NAMES = ["Hướng dẫn", "Tiêu chí", "Kết quả khác", "_ntm", "Tiêu chí ", "tiêu chí",
                "Tiêu chí", "", "x" * 300, "Sheet1", "&amp;", "Tổng hợp"]  # fmt: skip


def mutate_sheets(rng: random.Random, doc: Xlsx) -> str:
    """The workbook's list of sheets changed: renamed, deleted, added, reordered, re-pointed."""
    if "xl/workbook.xml" not in doc.names():
        return "no workbook.xml"
    xml = doc.get("xl/workbook.xml")
    sheets = _SHEET.findall(xml)
    if not sheets:
        return "no sheet element"
    how = rng.choice(["rename", "delete", "duplicate", "reorder", "add", "rid", "state", "target"])
    chosen = rng.choice(sheets)
    if how == "rename":
        name = rng.choice(_SHEET_NAMES).encode()
        new = re.sub(rb'name="[^"]*"', b'name="' + name + b'"', chosen)
        xml = xml.replace(chosen, new, 1)
    elif how == "delete":
        xml = xml.replace(chosen, b"", 1)
    elif how == "duplicate":
        xml = xml.replace(chosen, chosen * rng.randint(2, 3), 1)
    elif how == "reorder":
        order = sheets[:]
        rng.shuffle(order)
        start = xml.index(sheets[0])
        end = xml.index(sheets[-1]) + len(sheets[-1])
        xml = xml[:start] + b"".join(order) + xml[end:]
    elif how == "add":
        rid = rng.choice(["rId1", "rId2", "rId99", "", "rId5"])
        name = rng.choice(_SHEET_NAMES)
        new = f'<sheet name="{name}" sheetId="{rng.randint(1, 99)}" r:id="{rid}"/>'.encode()
        xml = xml.replace(chosen, chosen + new, 1)
    elif how == "rid":
        rid = rng.choice(["rId1", "rId2", "rId3", "rId4", "rId5", "rId6", "rId99", ""]).encode()
        new = re.sub(rb'r:id="[^"]*"', b'r:id="' + rid + b'"', chosen)
        xml = xml.replace(chosen, new, 1)
    elif how == "state":
        state = rng.choice([b"hidden", b"veryHidden", b"visible", b"bogus"])
        new = re.sub(rb'state="[^"]*"', b'state="' + state + b'"', chosen)
        xml = xml.replace(chosen, new, 1)
    else:  # where the relationship points
        rels = "xl/_rels/workbook.xml.rels"
        if rels not in doc.names():
            return "no workbook.xml.rels"
        targets = re.findall(rb'Target="([^"]*)"', doc.get(rels))
        if not targets:
            return "no target"
        old = rng.choice(targets)
        new_target = rng.choice(
            [b"/xl/worksheets/sheet2.xml", b"worksheets/missing.xml", b"../../etc/passwd",
             b"worksheets/../worksheets/sheet1.xml", b"sharedStrings.xml", b"styles.xml", b"",
             b"xl/", b"http://example.com/x.xml", b"worksheets/sheet1.xml"]
        )  # fmt: skip
        doc.put(
            rels,
            doc.get(rels).replace(b'Target="' + old + b'"', b'Target="' + new_target + b'"', 1),
        )
        return f"rels: {old!r} -> {new_target!r}"
    doc.put("xl/workbook.xml", xml)
    return f"sheets {how}: {chosen[:80]!r}"


_DECLARATIONS = [
    b'<!DOCTYPE x [<!ENTITY a "' + b"a" * 1000 + b'">]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd">',
    b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
    b"<!DOCTYPE x>",
    b"<!ENTITY a 'x'>",
]
_PROLOGS = [
    b'<?xml version="1.0" encoding="ISO-8859-1"?>',
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b'<?xml version="1.0" encoding="bogus-8"?>',
    b'<?xml version="1.0" encoding="US-ASCII"?>',
    b'<?xml version="1.1"?>',
    b'<?xml version="1.0" standalone="no"?>',
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    b"\x00",
    b"",
]


def mutate_xml(rng: random.Random, doc: Xlsx) -> str:
    """The bytes of one XML part changed: flips, truncation, tags lost or repeated, DTDs."""
    parts = doc.names(r"\.(xml|rels)$")
    if not parts:
        return "no XML part"
    weights = [5 if re.search(r"worksheets/|sharedStrings|workbook\.xml", n) else 1 for n in parts]
    name = rng.choices(parts, weights)[0]
    xml = doc.get(name)
    how = rng.choice(
        ["flip", "truncate", "drop_tag", "repeat_tag", "repeat_element", "declare", "prolog",
         "namespace", "nest", "insert", "attribute", "entity_ref"]
    )  # fmt: skip
    if how == "flip" and xml:
        data = bytearray(xml)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        xml = bytes(data)
    elif how == "truncate":
        xml = xml[: rng.randint(0, len(xml))]
    elif how in ("drop_tag", "repeat_tag") and (tags := list(_TAG.finditer(xml))):
        tag = rng.choice(tags)
        middle = b"" if how == "drop_tag" else tag[0] * rng.randint(2, 3)
        xml = xml[: tag.start()] + middle + xml[tag.end() :]
    elif how == "repeat_element" and (elements := list(_ELEMENT.finditer(xml))):
        element = rng.choice(elements)
        xml = xml[: element.end()] + element[0] * rng.randint(1, 50) + xml[element.end() :]
    elif how == "declare":
        declaration = rng.choice(_DECLARATIONS)
        at = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") and rng.random() < 0.7 else 0
        xml = xml[:at] + declaration + xml[at:]
    elif how == "prolog":
        xml = rng.choice(_PROLOGS) + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    elif how == "namespace":
        xml = xml.replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            rng.choice([b"http://purl.oclc.org/ooxml/spreadsheetml/main", b"urn:x", b""]),
        )
    elif how == "nest" and (at := xml.find(b"<sheetData>")) >= 0:
        depth = rng.choice([10, 1000, 100_000])
        at += len(b"<sheetData>")
        xml = xml[:at] + b"<row>" * depth + b"</row>" * depth + xml[at:]
    elif how == "insert" and xml:
        at = rng.randrange(len(xml))
        junk = rng.choice(
            [b"<!-- x -->", b"<![CDATA[<c>]]>", b"<?pi x?>", b"\xff\xfe", b"\xc3", b"&amp;",
             b"&#0;", b"&#xD800;", b"&#x1F;", b"&unknown;",
             bytes(rng.randrange(256) for _ in range(8))]
        )  # fmt: skip
        xml = xml[:at] + junk + xml[at:]
    elif how == "attribute" and (tags := list(_TAG.finditer(xml))):
        tag = rng.choice(tags)
        extra = rng.choice(
            [b' r="A1"', b' r="x"', b' r=""', b' t="s"', b' r="99999999999"', b' r="-3"',
             b' r="1e3"', b' state="x"', b' ref="A1:ZZZZ9"', ' r="١"'.encode()]
        )  # fmt: skip
        body = tag[0]
        cut = len(body) - (2 if body.endswith(b"/>") else 1)
        if body.startswith((b"</", b"<?", b"<!")):
            return f"{name}: attribute skipped"
        xml = xml[: tag.start()] + body[:cut] + extra + body[cut:] + xml[tag.end() :]
        how = f"attribute {extra!r}"
    elif how == "entity_ref":
        xml = xml.replace(b"<t>", b"<t>&a;", 1)
    doc.put(name, xml)
    return f"{name}: {how}"


def mutate_members(rng: random.Random, doc: Xlsx) -> str:
    """The zip entries changed: removed, duplicated, renamed, recompressed, emptied, added."""
    if not doc.members:
        return "no entry"
    how = rng.choice(["remove", "duplicate", "rename", "method", "empty", "swap", "add", "many"])
    weights = [5 if re.search(r"worksheets/|sharedStrings|workbook|Content_Types", n) else 1
               for n, _, _ in doc.members]  # fmt: skip
    index = rng.choices(range(len(doc.members)), weights)[0]
    name, data, method = doc.members[index]
    if how == "remove":
        del doc.members[index]
    elif how == "duplicate":
        other = rng.choice(doc.members)[1] if rng.random() < 0.5 else data
        doc.members.insert(index + rng.choice([0, 1]), (name, other, method))
    elif how == "rename":
        new = rng.choice(
            [name.upper(), name.replace("/", "\\"), "/" + name, "../" + name, name + " ",
             "xl/worksheets/sheet9.xml", "xl/workbook.xml", name.replace("xl/", "XL/"), ""]
        )  # fmt: skip
        doc.members[index] = (new, data, method)
        how = f"rename -> {new!r}"
    elif how == "method":
        method = rng.choice(
            [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
        )
        doc.members[index] = (name, data, method)
        how = f"method {method}"
    elif how == "empty":
        doc.members[index] = (name, b"", method)
    elif how == "swap":
        other = rng.choice(doc.members)
        doc.members[index] = (name, other[1], method)
        how = f"swap with {other[0]}"
    elif how == "add":
        doc.members.append(
            (rng.choice(["x.bin", "xl/media/image1.png", "mimetype"]), os.urandom(64), method)
        )
    else:
        n = rng.choice([50, 999, 1001])
        doc.members += [(f"xl/extra/{i}.xml", b"<x/>", zipfile.ZIP_STORED) for i in range(n)]
        how = f"{n} entries added"
    return f"entry {name}: {how}"


def mutate_flood(rng: random.Random, doc: Xlsx) -> str:
    """Many elements in one part, near or over the caps: what memory a part can cost."""
    sheets = doc.names(r"^xl/worksheets/[^/]+\.xml$")
    how = rng.choice(["cells", "rows", "wide_rows", "merges", "strings", "sheets", "rels", "runs"])
    n = rng.choice([20_000, 200_000, 700_000, 990_000])
    if how in ("cells", "rows", "wide_rows", "merges") and sheets:
        name = rng.choice(sheets)
        xml = doc.get(name)
        if how == "cells":  # one row holding n cells
            block = b'<row r="40">' + b'<c r="A40" s="1"/>' * n + b"</row>"
        elif how == "rows":
            block = b"".join(
                b'<row r="%d"><c r="B%d"><v>1</v></c></row>' % (i, i)
                for i in range(40, 40 + n // 3)
            )
        elif how == "wide_rows":  # a cell far to the right, then many short rows
            block = b'<row r="40"><c r="XFD40" t="inlineStr"><is><t>x</t></is></c></row>'
            block += b"".join(
                b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i)
                for i in range(41, 41 + n // 3)
            )
        else:
            block = b""
            merges = b"".join(
                b'<mergeCell ref="C%d:D%d"/>' % (13 + i % 20, 13 + i % 20 + i // 20)
                for i in range(n)
            )
            merges = b"<mergeCells>" + merges + b"</mergeCells></worksheet>"
            xml = xml.replace(b"</worksheet>", merges)
        doc.put(name, xml.replace(b"</sheetData>", block + b"</sheetData>", 1))
    elif how == "strings":
        body = b"".join(b"<si><t>s%d</t></si>" % i for i in range(n // 2))
        name = "xl/sharedStrings.xml"
        xml = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + body
            + b"</sst>"
        )
        if name in doc.names():
            doc.put(name, xml)
        else:
            doc.members.append((name, xml, zipfile.ZIP_DEFLATED))
    elif how == "sheets" and "xl/workbook.xml" in doc.names():
        block = b"".join(
            b'<sheet name="s%d" sheetId="%d" r:id="rId%d"/>' % (i, i, i) for i in range(n // 3)
        )
        doc.put(
            "xl/workbook.xml",
            doc.get("xl/workbook.xml").replace(b"</sheets>", block + b"</sheets>"),
        )
    elif how == "rels" and "xl/_rels/workbook.xml.rels" in doc.names():
        block = b"".join(
            b'<Relationship Id="r%d" Type="t" Target="worksheets/s%d.xml"/>' % (i, i)
            for i in range(n // 3)
        )
        rels = doc.get("xl/_rels/workbook.xml.rels")
        doc.put(
            "xl/_rels/workbook.xml.rels",
            rels.replace(b"</Relationships>", block + b"</Relationships>"),
        )
    elif how == "runs" and sheets:  # one cell of n runs of rich text
        name = rng.choice(sheets)
        cell = b'<c r="C13" t="inlineStr"><is>' + b"<r><t>x</t></r>" * (n // 3) + b"</is></c>"
        doc.put(
            name,
            re.sub(
                rb'<c r="C13"[^>]*?(?:/>|>.*?</c>)',
                lambda _: cell,
                doc.get(name),
                count=1,
                flags=re.S,
            ),
        )
    else:
        return f"flood {how}: nothing to flood"
    for i, (member, data, _) in enumerate(doc.members):
        doc.members[i] = (member, data, zipfile.ZIP_DEFLATED)  # a flood is small once compressed
    return f"flood {how} x{n}"


def mutate_zip_bytes(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """The written zip damaged: checksums, methods, sizes, flags, truncation, bytes."""
    data = bytearray(raw)
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", raw)]
    local = [m.start() for m in re.finditer(rb"PK\x03\x04", raw)]
    how = rng.choice(
        ["crc", "method", "size", "flags", "truncate", "flip", "append", "prepend", "count"]
    )
    if how == "crc" and central:
        at = rng.choice(central)
        data[at + 16 : at + 20] = os.urandom(4)
    elif how == "method" and central:
        at = rng.choice(central)
        method = rng.choice([0, 1, 6, 9, 12, 14, 19, 93, 98, 99, 0xFFFF])
        data[at + 10 : at + 12] = struct.pack("<H", method)
        if rng.random() < 0.5 and local:
            near = rng.choice(local)
            data[near + 8 : near + 10] = struct.pack("<H", method)
        how = f"method {method}"
    elif how == "size" and central:
        at = rng.choice(central)
        offset = rng.choice([20, 24])  # compressed, uncompressed
        size = rng.choice(
            [0, 1, 100, 0xFFFFFFFF, 60_000_000, struct.unpack_from("<I", raw, at + offset)[0] // 2]
        )
        data[at + offset : at + offset + 4] = struct.pack("<I", size)
        how = f"size@{offset}={size}"
    elif how == "flags" and central:
        at = rng.choice(central)
        flag = rng.choice([0x1, 0x8, 0x40, 0x800, 0x2000])
        data[at + 8 : at + 10] = struct.pack("<H", flag)
        how = f"flags {flag:#x}"
    elif how == "truncate":
        data = data[: rng.randint(0, len(data))]
    elif how == "flip" and data:
        for _ in range(rng.randint(1, 16)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "append":
        data += os.urandom(rng.randint(1, 100))
    elif how == "prepend":
        data[:0] = rng.choice([b"MZ" + os.urandom(30), b"PK\x03\x04", b" "])
    elif how == "count" and (end := raw.rfind(b"PK\x05\x06")) >= 0:
        data[end + 8 : end + 12] = struct.pack("<HH", rng.randint(0, 65535), rng.randint(0, 65535))
    return bytes(data), f"zip bytes: {how}"


_ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1258", "latin-1", "utf-8-sig",
              "cp1252", "utf-7"]  # fmt: skip


def mutate_csv(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """The CSV text changed: a field, quotes, delimiters, encodings, BOMs, NULs, line ends, rows."""
    how = rng.choice(
        ["field", "field", "field", "quote", "delimiter", "encoding", "bom", "nul", "newline",
         "rows", "columns", "flood", "flip", "truncate", "disguise", "header"]
    )  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None and how not in ("flip", "truncate", "nul", "bom"):
        how = "flip"
    if how == "field" and text is not None:
        delimiter = ";" if text.split("\n", 1)[0].count(";") > 1 else ","
        cut = [m.start() for m in itertools.islice(re.finditer("\n", text), 40)]
        head, rest = (text[: cut[-1] + 1], text[cut[-1] + 1 :]) if len(cut) == 40 else (text, "")
        try:  # a field of the first lines (a flooded file has thousands like them)
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except csv.Error:
            return raw[::-1], "csv reversed"
        if rows:
            row = rng.choice(rows)
            if row:
                i = rng.randrange(len(row))
                row[i] = random_text(rng) if rng.random() < 0.7 else random_number(rng)
        out = io.StringIO()
        quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE])
        if quoting == csv.QUOTE_NONE:  # fields written as they are: delimiters and quotes leak
            out.write("\n".join(delimiter.join(r) for r in rows))
        else:
            csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n").writerows(
                rows
            )
        out.write("\n" + rest if rest else "")
        return out.getvalue().encode("utf-8", "surrogatepass"), "csv field"
    assert text is not None or how in ("flip", "truncate", "nul", "bom")
    if how == "quote":
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(['"', '""', '"x"', "'", '",']) + text[at:]
    elif how == "delimiter":
        new = rng.choice([";", "\t", "|", " ", ",;"])
        text = (
            text.replace(",", new)
            if rng.random() < 0.5
            else text.replace(",", new, rng.randint(1, 5))
        )
        how = f"delimiter {new!r}"
    elif how == "encoding":
        encoding = rng.choice(_ENCODINGS)
        return text.encode(encoding, "replace"), f"encoding {encoding}"
    elif how == "bom":
        bom = rng.choice(
            [
                codecs.BOM_UTF8,
                codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE,
                codecs.BOM_UTF8 * 2,
                codecs.BOM_UTF32_LE,
            ]
        )
        return bom + raw, f"bom {bom!r}"
    elif how == "nul":
        data = bytearray(raw)
        for _ in range(rng.randint(1, 5)):
            data.insert(rng.randint(0, len(data)), 0)
        return bytes(data), "nul"
    elif how == "newline":
        new = rng.choice(["\r", "\r\n", "\n\n", "\u2028", "\x85", "\x0c", "\r\r\n"])
        text = text.replace("\n", new)
        how = f"newline {new!r}"
    elif how == "rows":
        lines = text.splitlines(keepends=True)
        what = rng.choice(["delete", "duplicate", "shuffle", "blank", "header_only", "no_header"])
        if what == "delete" and lines:
            del lines[rng.randrange(len(lines))]
        elif what == "duplicate" and lines:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif what == "shuffle":
            rng.shuffle(lines)
        elif what == "blank":
            lines.insert(rng.randint(0, len(lines)), rng.choice(["\n", " \n", ",,,\n", ";;\n"]))
        elif what == "header_only":
            lines = lines[:1]
        else:
            lines = lines[1:]
        text = "".join(lines)
        how = f"rows {what}"
    elif how == "columns":
        lines = text.splitlines(keepends=True)
        extra = rng.choice([",x", ",", "," * 20_000, ",note,note", ',"a\nb"'])
        i = rng.randrange(len(lines)) if lines else 0
        if lines:
            lines[i] = lines[i].rstrip("\r\n") + extra + "\n"
        text = "".join(lines)
        how = f"columns line {i}: {extra[:20]!r}"
    elif how == "flood":
        lines = text.splitlines(keepends=True)
        what = rng.choice(["rows", "fields", "field"])
        if what == "rows":  # up to a size around the import's limit of 20 MB, never far past
            body = "".join(lines[1:]) or "\n"
            size = rng.choice([100_000, 5_000_000, 19_000_000, 22_000_000])
            text = lines[0] + body * max(1, (size - len(text)) // len(body.encode()))
        elif what == "fields":
            text = text + "ab," * rng.choice([100_000, 3_000_000]) + "\n"
        else:
            text = text + '29263,2024-06,1,1,"' + "x" * rng.choice([40_000, 5_000_000]) + '"\n'
        how = f"flood {what}"
    elif how == "flip":
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data), "flip"
    elif how == "truncate":
        return raw[: rng.randint(0, len(raw))], "truncate"
    elif how == "disguise":
        prefix = rng.choice(["PK\x03\x04", "<html>", "<?xml ", "\ufeff<table>", " \n", "\x00"])
        text = prefix + text
        how = f"disguise {prefix!r}"
    elif how == "header":
        header, _, rest = text.partition("\n")
        header = rng.choice(
            ["unit_code,period,criterion,status", "UNIT CODE,Period,Criterion,Status",
             "mã xã,kỳ,tiêu chí,trạng thái", "unit_name,period,criterion,status",
             "unit_code,unit_code,period,criterion,status,status", "", "unit_code"]
        )  # fmt: skip
        text = header + "\n" + rest
        how = f"header {header!r}"
    return text.encode("utf-8", "surrogatepass"), f"csv {how}"


def mutate_pad(rng: random.Random, doc: Xlsx) -> str:
    """Elements no reader looks at added to a part, enough for it to be parsed as a stream
    (a small part is parsed whole): the other mutations then reach the streaming parser too."""
    parts = doc.names(r"^xl/(worksheets/[^/]+|sharedStrings|workbook)\.xml$")
    if not parts:
        return "no part to pad"
    name = rng.choice(parts)
    xml = doc.get(name)
    root = re.search(rb"<[A-Za-z][^>]*>", xml)
    if root is None or root[0].endswith(b"/>"):
        return f"{name}: no root to pad"
    doc.put(name, xml[: root.end()] + b"<pad/>" * 60_000 + xml[root.end() :])
    return f"{name}: padded"


XLSX_MUTATIONS: list[tuple[Callable[[random.Random, Xlsx], str], int]] = [
    (mutate_cell, 45),
    (mutate_sheets, 12),
    (mutate_xml, 22),
    (mutate_members, 10),
    (mutate_flood, 2),
]


def make_case(rng: random.Random, seeds: dict[str, bytes]) -> tuple[str, bytes, list[str]]:
    """One mutated file: its seed's name, its bytes and the mutations, in order."""
    name = rng.choice(sorted(seeds))
    kind = SEEDS[name][0]
    raw = seeds[name]
    steps = [name]
    count = rng.choice([1, 1, 1, 2, 2, 3])
    if kind == "csv":
        for _ in range(count):
            raw, step = mutate_csv(rng, raw)
            steps.append(step)
        return name, raw, steps
    doc = Xlsx.of(raw)
    functions, weights = zip(*XLSX_MUTATIONS, strict=True)
    for _ in range(count):
        mutation = rng.choices(functions, weights)[0]
        steps.append(mutation(rng, doc))
    if rng.random() < 0.2:
        steps.append(mutate_pad(rng, doc))
    raw = doc.raw()
    if rng.random() < 0.15:
        raw, step = mutate_zip_bytes(rng, raw)
        steps.append(step)
    return name, raw, steps


# --- what every verdict must be ------------------------------------------------------------------

COMMUNES = {u.code for u in CTX.registry.units if u.kind is UnitKind.COMMUNE}


def _check_issue(issue: Issue, where: str) -> None:
    assert isinstance(issue, Issue), f"{where}: {issue!r} is not an Issue"
    code = issue.msg.code
    assert code in CATALOGUE, f"{where}: {code} is not catalogued"
    assert placeholders(code) == set(issue.msg.params), f"{where}: {code} {dict(issue.msg.params)}"
    for lang in Lang:
        text = issue.text(lang)
        assert text.strip(), f"{where}: {code} renders empty"
        json.dumps(issue.as_json(lang), ensure_ascii=False).encode("utf-8")  # printable, storable


def check_verdict(parsed: object) -> None:
    """What a verdict must be, whatever the file: AssertionError says what is wrong."""
    assert isinstance(parsed, Parsed), f"read_return gave {type(parsed).__name__}"
    assert parsed.problems or parsed.returns, "no verdict: neither returns nor problems"
    assert not (parsed.problems and parsed.returns), "returns from a file with problems"
    for issue in parsed.problems:
        _check_issue(issue, "problem")
    for key, found in parsed.warnings.items():
        assert isinstance(key, tuple) and len(key) == 2, f"warnings key {key!r}"
        for issue in found:
            _check_issue(issue, "warning")
    for ret in parsed.returns:
        assert ret.unit_code in COMMUNES, f"return for {ret.unit_code!r}, not a commune"
        assert Period.parse(ret.period) == ret.period, ret.period
        assert CTX.plan.outside(ret.period) is None, ret.period
        numbers = [c.number for c in CTX.book.sets[ret.criteria_set].reported]  # its set's
        assert list(ret.statuses) == numbers, list(ret.statuses)
        assert all(v in (True, False, None) for v in ret.statuses.values())
        for number, note in ret.notes.items():
            assert number in ret.statuses and 0 < len(note) <= 32_767
            note.encode("utf-8")
        amounts = [ret.debt, *ret.funds.values(), *ret.ocop.values()]
        for amount in amounts:
            assert amount is None or (math.isfinite(amount) and amount >= 0), amounts
        assert all(isinstance(v, int) for v in ret.ocop.values())
        if ret.recognition is not None:
            (ret.recognition.decision or "").encode("utf-8")


# --- the run ------------------------------------------------------------------------------------


class CaseTimeout(Exception):
    """A file took longer than CASE_SECONDS to read."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Failure:
    case: int
    steps: list[str]
    error: str
    path: Path


@dataclass
class Run:
    seed: int
    cases: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    peak: int = 0
    slowest: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)

    def report(self) -> str:
        lines = [
            f"fuzz seed {self.seed}: {len(self.failures)} distinct failure(s) in {self.cases} cases"
        ]
        for signature, failure in self.failures.items():
            lines += [
                f"- case {failure.case} ({signature}), saved as {failure.path}",
                f"  replay: NTM_FUZZ_SEED={self.seed} NTM_FUZZ_CASE={failure.case} "
                ".venv/bin/pytest tests/test_fuzz.py -k test_readers_give_a_verdict",
                "  mutations: " + " | ".join(failure.steps),
                "  " + failure.error.strip().splitlines()[-1],
            ]
        return "\n".join(lines)


def _signature(exc: BaseException) -> str:
    """Where a failure comes from: the exception and the innermost line of ntm's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "ntm_cli" in f.filename]
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    if isinstance(exc, AssertionError):
        return f"verdict: {str(exc).splitlines()[0][:80]}"
    return f"{type(exc).__name__} at {place}"


def _save(out: Path, seed: int, case: int, steps: list[str], raw: bytes, error: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    ext = "csv" if SEEDS[steps[0]][0] == "csv" else "xlsx"
    path = out / f"seed{seed}-case{case}.{ext}"
    path.write_bytes(raw)
    details = f"seed {seed}, case {case}\nmutations:\n  " + "\n  ".join(steps) + f"\n\n{error}"
    path.with_suffix(".txt").write_text(details, encoding="utf-8")
    return path


def _traced(read: Reader, raw: bytes) -> tuple[Parsed, int]:
    """The verdict on `raw`, and the peak of the memory traced while reading it alone (the
    tracing slows the reading several times, so the making of the case is left out)."""
    tracemalloc.start()
    try:
        with time_limit(CASE_SECONDS):
            parsed = read(raw, CTX)
        return parsed, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fuzz(
    read: Reader,
    seconds: float,
    seed: int,
    out: Path = FAILURES,
    memory_limit: int = MEMORY_LIMIT,
    only_case: int | None = None,
    stop: int = KEEP,
) -> Run:
    """Read mutated files until `seconds` have passed or `stop` distinct failures are found (or
    case `only_case` alone)."""
    seeds = _seeds()
    run = Run(seed)
    deadline = time.monotonic() + seconds
    cases = [only_case] if only_case is not None else range(10**9)
    for case in cases:
        if only_case is None and (time.monotonic() > deadline or len(run.failures) >= stop):
            break
        rng = random.Random(f"{seed}:{case}")
        _, raw, steps = make_case(rng, seeds)
        run.cases += 1
        started = time.perf_counter()
        try:
            parsed, peak = _traced(read, raw)
            elapsed = time.perf_counter() - started
            run.peak, run.slowest = max(run.peak, peak), max(run.slowest, elapsed)
            check_verdict(parsed)
            assert peak <= memory_limit, f"memory: {peak / 2**20:.0f} MB traced for one file"
            outcome = parsed.problems[0].msg.code if parsed.problems else "returns"
            run.outcomes[outcome] = run.outcomes.get(outcome, 0) + 1
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, then reported
            signature = _signature(exc)
            if signature not in run.failures:
                error = "".join(traceback.format_exception(exc))
                path = _save(out, seed, case, steps, raw, error)
                run.failures[signature] = Failure(case, steps, error, path)
    return run


_SEED_CACHE: dict[str, bytes] = {}


def _seeds() -> dict[str, bytes]:
    if not _SEED_CACHE:
        _SEED_CACHE.update({name: build() for name, (_, build) in SEEDS.items()})
    return _SEED_CACHE


def _seed() -> int:
    value = os.environ.get("NTM_FUZZ_SEED", "20240630")
    return secrets.randbelow(2**32) if value == "random" else int(value)


# --- the tests ----------------------------------------------------------------------------------


def test_the_seeds_are_real_returns() -> None:
    """Unmutated, every seed is read as the return it is: the mutations start from real files."""
    for name, raw in _seeds().items():
        parsed = read_return(raw, CTX)
        assert not parsed.problems, (name, [str(p) for p in parsed.problems])
        check_verdict(parsed)
        assert [r.unit_code for r in parsed.returns] == ["29311" if "shared" in name else "29263"]


def test_readers_give_a_verdict_for_every_mutated_file() -> None:
    only = os.environ.get("NTM_FUZZ_CASE")
    run = fuzz(read_return, SECONDS, _seed(), only_case=int(only) if only else None)
    summary = (
        f"{run.cases} cases, peak {run.peak / 2**20:.1f} MB, slowest {run.slowest:.2f} s, "
        f"{len(run.outcomes)} kinds of verdict"
    )
    common = sorted(run.outcomes.items(), key=lambda item: -item[1])[:12]
    print(f"\nfuzz seed {run.seed}: {summary}\n" + ", ".join(f"{k} {n}" for k, n in common))
    assert not run.failures, run.report()
    assert only or run.cases >= 50, summary


def _raises_on_bad_xml(raw: bytes, ctx: ReadContext) -> Parsed:
    parsed = read_return(raw, ctx)
    if any(p.msg.code == "file.bad_xml" for p in parsed.problems):
        raise KeyError("an escaping exception")
    return parsed


def _no_verdict(raw: bytes, ctx: ReadContext) -> Parsed:
    return Parsed("nothing")


@pytest.mark.parametrize(
    ("read", "limit", "expected"),
    [
        (_raises_on_bad_xml, MEMORY_LIMIT, "KeyError at"),
        (_no_verdict, MEMORY_LIMIT, "verdict: no verdict"),
        (read_return, 1024, "verdict: memory"),
    ],
)
def test_the_fuzzer_finds_a_fault(read: Reader, limit: int, expected: str, tmp_path: Path) -> None:
    """The harness itself: an escaping exception, a missing verdict and a memory limit are
    found, reported with the seed and the mutations, and the file is saved."""
    run = fuzz(read, 10, 7, out=tmp_path, memory_limit=limit, stop=1)
    assert any(s.startswith(expected) for s in run.failures), run.report()
    failure = next(f for s, f in run.failures.items() if s.startswith(expected))
    assert failure.path.exists() and failure.path.with_suffix(".txt").exists()
    assert "NTM_FUZZ_SEED=7 NTM_FUZZ_CASE=" in run.report()
    replay = fuzz(read, 3, 7, out=tmp_path, memory_limit=limit, only_case=failure.case)
    assert replay.cases == 1 and expected in "".join(replay.failures)
    assert (
        replay.failures[next(iter(replay.failures))].path.read_bytes() == failure.path.read_bytes()
    )
