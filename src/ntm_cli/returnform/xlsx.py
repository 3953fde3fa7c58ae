"""A small, defensive reader of submitted workbooks: what a file is, and the cells of an xlsx.

Submitted files are untrusted. The kind of a file is decided by its bytes, never its name; a zip
is measured before anything is inflated (declared sizes summed and capped, and every read is
bounded too, since declared sizes can lie). Entity bombs and external entities need a DTD, so a
part that declares one is refused, as defusedxml's forbid_dtd does; a part that is not UTF-8
(which Excel always writes) is refused too, so the check on the bytes cannot be dodged by
another encoding. What remains is parsed by the C parser, ten times faster than defusedxml's
Python-level one. Cells keep what a reader needs to judge them: the cached value of a formula,
whether there is one, and error values such as #N/A.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ntm_cli.domain.errors import NtmError

MAX_FILE = 20 * 1024 * 1024  # a return form is a few kB; a district roll-up a few MB
MAX_INFLATED = 50 * 1024 * 1024  # declared uncompressed size of all zip members together
MAX_ENTRIES = 1000
MAX_CELLS = 300_000
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
STRICT_REL_NS = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART = 20 * 1024 * 1024  # one XML part, inflated
MAX_ELEMENTS = 1_000_000  # elements in one part: a tree of more is refused before it is built
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold (control characters) as _xHHHH_."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


class FileProblem(NtmError):
    """A submitted file that cannot be read as it is; its coded message says how to fix it
    (`file.*` in ntm_cli.domain.catalogue.files)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value as the file stores it."""

    value: str | float | bool | None
    kind: str  # "s" text, "n" number, "b" boolean, "e" error, "d" ISO date text
    formula: bool = False


@dataclass(slots=True)
class Sheet:
    """The cells of one worksheet, by (row, column), and its merged ranges."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def get(self, ref: str) -> Cell | None:
        return self.cells.get(parse_ref(ref))

    def merged_with(self, ref: str) -> str | None:
        """The merged range that holds `ref`, if any ("C14:D14")."""
        row, col = parse_ref(ref)
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return f"{col_name(c1)}{r1}:{col_name(c2)}{r2}"
        return None


def sniff(raw: bytes) -> str:
    """What the bytes are: xlsx, ods, zip, ole (old .xls or an encrypted workbook), html,
    text or empty. Nothing is inflated or parsed here."""
    if not raw.strip():
        return "empty"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in raw[:200]:
            return "ods"
        return "xlsx" if b"[Content_Types].xml" in raw or b"xl/" in raw else "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "encrypted" if ENCRYPTED_MARK in raw else "ole"
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in head:
        return "html"
    if b"\x00" in raw[:4096]:
        return "binary"
    return "text"


def col_name(col: int) -> str:
    name = ""
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


@functools.lru_cache(maxsize=4096)
def parse_ref(ref: str) -> tuple[int, int]:
    match = _REF.match(ref)
    if not match:
        raise ValueError(f"{ref!r} is not a cell reference")
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col


class Workbook:
    """An xlsx opened for reading: sheet names first, a sheet's cells on demand."""

    def __init__(self, raw: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise FileProblem("file.truncated", reason=str(exc)) from None
        if len(infos) > MAX_ENTRIES:
            raise FileProblem("file.too_many_parts", n=len(infos))
        declared = sum(i.file_size for i in infos)
        if declared > MAX_INFLATED:
            raise FileProblem(
                "file.zip_bomb", mb=declared // 1_000_000, max=MAX_INFLATED // 1_000_000
            )
        if any(i.flag_bits & 0x1 for i in infos):
            raise FileProblem("file.encrypted")
        self._names = {i.filename for i in infos}
        self._sizes = {i.filename: i.file_size for i in infos}
        if "xl/workbook.xml" not in self._names:
            raise FileProblem("file.not_a_workbook")
        self._strings: list[str] | None = None
        self.sheets: dict[str, tuple[str, str]] = self._read_sheet_list()  # name -> (path, state)

    def _part(self, name: str) -> bytes:
        """A member, inflated no further than its declared size: zipfile stops there and a
        member that holds more fails its checksum (the file is then reported as damaged)."""
        with self._zip.open(name) as member:
            return member.read(self._sizes[name])

    def _xml(self, name: str) -> Any:
        from xml.etree.ElementTree import fromstring

        try:
            if self._sizes[name] > MAX_PART:
                raise FileProblem("file.part_too_large", part=name, max=MAX_PART // 1_000_000)
            data = self._part(name)
            if data.count(b"<") > MAX_ELEMENTS:
                raise FileProblem("file.too_many_elements", part=name, max=MAX_ELEMENTS)
            if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise FileProblem("file.not_utf8_xml", part=name)
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise FileProblem("file.xml_bomb", part=name)
            return fromstring(data)
        except (SyntaxError, ValueError) as exc:
            raise FileProblem("file.bad_xml", part=name, reason=str(exc)) from None
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
            raise FileProblem("file.part_unreadable", part=name, reason=str(exc)) from None

    def _read_sheet_list(self) -> dict[str, tuple[str, str]]:
        book = self._xml("xl/workbook.xml")
        # Strict OOXML (an option of Excel's "Save as") names the same elements differently
        self.ns = STRICT_NS if book.tag.startswith(STRICT_NS) else NS
        rel_ns = STRICT_REL_NS if self.ns == STRICT_NS else REL_NS
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self._names:
            for rel in self._xml("xl/_rels/workbook.xml.rels").iter(f"{PKG_REL_NS}Relationship"):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[rel.get("Id", "")] = target
        sheets = {}
        for sheet in book.iter(f"{self.ns}sheet"):
            path = targets.get(sheet.get(f"{rel_ns}id", ""), "")
            sheets[sheet.get("name", "")] = (path, sheet.get("state", "visible"))
        return sheets

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if "xl/sharedStrings.xml" in self._names:
                ns = self.ns
                for si in self._xml("xl/sharedStrings.xml").iter(f"{ns}si"):
                    self._strings.append(unescape("".join(t.text or "" for t in si.iter(f"{ns}t"))))
        return self._strings

    def sheet(self, name: str, wanted: Collection[str] | None = None) -> Sheet:
        """The cells of sheet `name` that hold a value or a formula (only `wanted` refs if
        given: a reader that knows its layout skips the labels)."""
        path, _ = self.sheets[name]
        if path not in self._names:
            raise FileProblem("file.sheet_missing", sheet=name)
        root = self._xml(path)
        result = Sheet(name)
        ns = self.ns
        c_tag, v_tag, f_tag, is_tag, t_tag = (f"{ns}{t}" for t in ("c", "v", "f", "is", "t"))
        row_number = 0
        for row in root.iter(f"{ns}row"):
            # "r" may be left out (valid OOXML): then rows and cells follow one another
            row_number = int(row.get("r") or row_number + 1)
            column = 0
            for c in row.iter(c_tag):
                ref = c.get("r")
                if ref:
                    try:
                        key = parse_ref(ref)
                    except ValueError:
                        raise FileProblem("file.bad_ref", sheet=name, ref=ref) from None
                else:
                    key = (row_number, column + 1)
                    ref = f"{col_name(key[1])}{key[0]}"
                column = key[1]
                if wanted is not None and ref not in wanted:
                    continue
                cell = _cell(c, v_tag, f_tag, is_tag, t_tag, self, path)
                if cell is None:
                    continue  # a styled, empty cell (even at row 1,048,576) holds nothing
                result.cells[key] = cell
                if len(result.cells) > MAX_CELLS:
                    raise FileProblem("file.too_many_cells", sheet=name, max=MAX_CELLS)
        for merge in root.iter(f"{ns}mergeCell"):
            first, _, last = (merge.get("ref") or "").partition(":")
            try:
                (r1, c1), (r2, c2) = parse_ref(first), parse_ref(last or first)
            except ValueError:
                continue
            result.merged.append((r1, c1, r2, c2))
        return result


def _cell(
    c: Any, v_tag: str, f_tag: str, is_tag: str, t_tag: str, book: Workbook, path: str
) -> Cell | None:
    """One <c> element as a Cell; None for a cell that holds nothing."""
    formula = False
    cached = False
    v: str | None = None
    inline = None
    for child in c:
        tag = child.tag
        if tag == v_tag:
            cached, v = True, child.text or ""
        elif tag == f_tag:
            formula = True
        elif tag == is_tag:
            inline = child
    kind = c.get("t", "n")
    value: str | float | bool | None
    if kind == "inlineStr":
        parts = [t.text or "" for t in inline.iter(t_tag)] if inline is not None else []
        return Cell(unescape("".join(parts)), "s", formula)
    if not cached:
        return Cell(None, "n", True) if formula else None
    assert v is not None
    if kind == "s":
        try:
            value = book._shared_strings()[int(v)]
        except (ValueError, IndexError):
            raise FileProblem("file.missing_text", part=path) from None
        return Cell(value, "s", formula)
    if kind in ("str", "e", "d"):
        return Cell(unescape(v), "s" if kind == "str" else kind, formula)
    if kind == "b":
        return Cell(v.strip() == "1", "b", formula)
    if not v.strip():  # a number with no digits: a formula never calculated and saved
        return Cell(None, "n", True) if formula else None
    try:
        return Cell(float(v), "n", formula)
    except ValueError:
        return Cell(v, "s", formula)
