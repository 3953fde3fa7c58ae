"""A small, defensive reader of submitted workbooks: what a file is, and the cells of an xlsx.

Submitted files are untrusted. The kind of a file is decided by its bytes, never its name; a zip
is measured before anything is inflated (declared sizes summed and capped, and every read is
bounded too, since declared sizes can lie). Entity bombs and external entities need a DTD, so a
part that declares one is refused, as defusedxml's forbid_dtd does; a part that is not UTF-8
(which Excel always writes) is refused too, so the check on the bytes cannot be dodged by
another encoding. What remains is parsed by the C parser, ten times faster than defusedxml's
Python-level one, as a stream: each cell (shared string, sheet entry) is handed over whole and
then dropped, so the memory a part costs is that of one cell, not of its tree, whatever the
number of elements. Cells keep what a reader needs to judge them: the cached value of a formula,
whether there is one, and error values such as #N/A.
"""

from __future__ import annotations

import functools
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from ntm_cli.domain.errors import NtmError

MAX_FILE = 20 * 1024 * 1024  # a return form is a few kB; a district roll-up a few MB
MAX_INFLATED = 50 * 1024 * 1024  # declared uncompressed size of all zip members together
MAX_ENTRIES = 1000
MAX_CELLS = 300_000
MAX_MERGES = 10_000  # merged ranges in one sheet (a form has none)
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
STRICT_REL_NS = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART = 20 * 1024 * 1024  # one XML part, inflated
MAX_ELEMENTS = 1_000_000  # elements in one part: a part with more is refused before parsing
MAX_HELD = 100_000  # elements of one cell (one shared string, one sheet entry) held at once
MAX_ROW = 1_048_576  # Excel's last row
CHUNK = 64 * 1024  # bytes fed to the parser at a time: what it builds before it is read
SMALL_PART = 50_000  # tags ("<") in a part parsed whole: a tree of some 20 MB at most
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
# zip methods Python reads: stored, deflated, bzip2, lzma (Excel writes the first two)
_DECOMPRESSION_ERRORS = (zlib.error, lzma.LZMAError, EOFError)


def unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold (control characters) as _xHHHH_; a pair of
    surrogates becomes its character, a lone one U+FFFD (text must stay valid UTF-8)."""
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


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
    UTF-16 text, text or empty. Nothing is inflated or parsed here."""
    if not raw or raw.isspace():  # (strip() would copy the file)
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
    if _utf16(raw[:4096]):
        return "utf16"
    if b"\x00" in raw[:4096]:
        return "binary"
    return "text"


def _utf16(head: bytes) -> bool:
    """UTF-16 text ("Unicode Text" in Excel's Save as): a byte-order mark, or without one, the
    zero high bytes of the ASCII characters (digits, commas, codes) at every other byte."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and not head.startswith(b"\xff\xfe\x00\x00"):
        return len(head) % 2 == 0 or len(head) == 4096
    pairs = len(head) // 2
    if pairs < 2:
        return False
    zero_even, zero_odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    return max(zero_even, zero_odd) >= pairs * 0.3 and min(zero_even, zero_odd) <= pairs * 0.02


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
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            # NotImplementedError: a zip "version needed" beyond zipfile's, a damaged byte
            raise FileProblem("file.truncated", reason=str(exc)) from None
        if len(infos) > MAX_ENTRIES:
            raise FileProblem("file.too_many_parts", n=len(infos))
        declared = sum(i.file_size for i in infos)
        if declared > MAX_INFLATED:
            raise FileProblem(
                "file.zip_bomb", mb=declared // 1_000_000, max=MAX_INFLATED // 1_000_000
            )
        if any(i.flag_bits & 0x41 for i in infos):  # traditional or strong encryption
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
        if self._sizes[name] > MAX_PART:
            raise FileProblem("file.part_too_large", part=name, max=MAX_PART // 1_000_000)
        try:
            with self._zip.open(name) as member:
                return member.read(self._sizes[name])
        except NotImplementedError as exc:  # a compression method or a flag zipfile lacks
            raise FileProblem("file.zip_unsupported", part=name, reason=str(exc)) from None
        except _DECOMPRESSION_ERRORS as exc:
            raise FileProblem("file.damaged", reason=f"{name}: {exc}") from None
        except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
            # a bad checksum, a broken header, a name not UTF-8, a bzip2 stream that is not
            raise FileProblem("file.part_unreadable", part=name, reason=str(exc)) from None

    def _elements(
        self, name: str, units: Collection[str], marks: Collection[str] = ()
    ) -> Iterator[tuple[str, Any]]:
        """Part `name` as a stream of elements: ("start", root) first, then ("end", element) for
        each element tagged in `units`, whole, and ("start", e) / ("end", e) for those tagged in
        `marks` (attributes only: their content is not kept), in the order of the file. A large
        part is parsed as it is read, everything but the unit at hand dropped as soon as it ends,
        so that memory holds one unit at a time however many elements the part has; a small
        one (a return form's) is parsed whole, which is faster."""
        from xml.etree.ElementTree import XMLPullParser, fromstring

        data = self._part(name)
        elements = data.count(b"<")
        if elements > MAX_ELEMENTS:
            raise FileProblem("file.too_many_elements", part=name, max=MAX_ELEMENTS)
        declared = _DECLARED.match(data[:300])
        if (
            b"\x00" in data
            or data.startswith((b"\xff\xfe", b"\xfe\xff"))
            or (declared and declared[1].lower().replace(b"-", b"") != b"utf8")
        ):
            raise FileProblem("file.not_utf8_xml", part=name)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise FileProblem("file.xml_bomb", part=name)
        try:
            if elements <= SMALL_PART:
                yield from _walk(fromstring(data), units, marks)
                return
            parser: Any = XMLPullParser(events=("start", "end"))
            stack: list[Any] = []
            depth = held = 0  # inside a unit: how deep, and how many elements it holds
            for at in [*range(0, len(data), CHUNK), None]:
                if at is None:
                    parser.close()
                else:
                    parser.feed(data[at : at + CHUNK])
                for event, element in parser.read_events():
                    if event == "start":
                        if not stack:
                            yield "start", element
                        elif depth:
                            depth, held = depth + 1, held + 1
                            if held > MAX_HELD:
                                raise FileProblem("file.too_many_elements", part=name, max=MAX_HELD)
                        elif element.tag in units:
                            depth, held = 1, 1
                        elif element.tag in marks:
                            yield "start", element
                        stack.append(element)
                        continue
                    stack.pop()
                    if depth:
                        depth -= 1
                        if depth:
                            continue  # inside a unit: kept until the unit ends
                        yield "end", element
                    elif element.tag in marks and stack:
                        yield "end", element
                    if stack:  # done with: dropped (the earlier siblings are gone already)
                        stack[-1].remove(element)
        except (SyntaxError, ValueError) as exc:
            raise FileProblem("file.bad_xml", part=name, reason=str(exc)) from None
        except LookupError:  # an encoding the parser does not know
            raise FileProblem("file.not_utf8_xml", part=name) from None

    def _read_sheet_list(self) -> dict[str, tuple[str, str]]:
        sheet_tags = (f"{NS}sheet", f"{STRICT_NS}sheet")
        entries: list[tuple[str, str, str]] = []  # name, relationship id, state
        self.ns = NS
        for event, element in self._elements("xl/workbook.xml", sheet_tags):
            if event == "start":
                # Strict OOXML (an option of Excel's "Save as") names the same elements differently
                self.ns = STRICT_NS if element.tag.startswith(STRICT_NS) else NS
                continue
            if not element.tag.startswith(self.ns):
                continue
            if len(entries) >= MAX_ENTRIES:  # each sheet is a part of its own
                raise FileProblem("file.too_many_sheets", max=MAX_ENTRIES)
            rel_ns = STRICT_REL_NS if self.ns == STRICT_NS else REL_NS
            entries.append(
                (element.get("name", ""), element.get(f"{rel_ns}id", ""),
                 element.get("state", "visible"))
            )  # fmt: skip
        wanted = {rid for _, rid, _ in entries}
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self._names:
            for event, rel in self._elements(
                "xl/_rels/workbook.xml.rels", (f"{PKG_REL_NS}Relationship",)
            ):
                if event == "end" and (rid := rel.get("Id", "")) in wanted:
                    target = rel.get("Target", "")
                    targets[rid] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        return {name: (targets.get(rid, ""), state) for name, rid, state in entries}

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if "xl/sharedStrings.xml" in self._names:
                ns = self.ns
                t_tag = f"{ns}t"
                for event, si in self._elements("xl/sharedStrings.xml", (f"{ns}si",)):
                    if event == "end":
                        self._strings.append(
                            unescape("".join(t.text or "" for t in si.iter(t_tag)))
                        )
        return self._strings

    def sheet(self, name: str, wanted: Collection[str] | None = None) -> Sheet:
        """The cells of sheet `name` that hold a value or a formula (only `wanted` refs if
        given: a reader that knows its layout skips the labels), and the merged ranges that
        reach them."""
        path, _ = self.sheets[name]
        if path not in self._names:
            raise FileProblem("file.sheet_missing", sheet=name)
        result = Sheet(name)
        ns = self.ns
        c_tag, v_tag, f_tag, is_tag, t_tag = (f"{ns}{t}" for t in ("c", "v", "f", "is", "t"))
        row_tag, merge_tag = f"{ns}row", f"{ns}mergeCell"
        box = _box(wanted)
        merges: set[tuple[int, int, int, int]] = set()
        row_number = column = rows_open = 0
        for event, element in self._elements(path, (c_tag, merge_tag), (row_tag,)):
            tag = element.tag
            if tag == row_tag:
                if event == "start":
                    # "r" may be left out (valid OOXML): then rows and cells follow one another
                    row_number = _row_number(element.get("r"), row_number + 1, name)
                    column, rows_open = 0, rows_open + 1
                else:
                    rows_open -= 1
            elif event == "start":
                continue  # the root
            elif tag == c_tag:
                if not rows_open:
                    continue  # a cell outside any row belongs to no row
                ref = element.get("r")
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
                cell = _cell(element, v_tag, f_tag, is_tag, t_tag, self, path)
                if cell is None:
                    continue  # a styled, empty cell (even at row 1,048,576) holds nothing
                result.cells[key] = cell
                if len(result.cells) > MAX_CELLS:
                    raise FileProblem("file.too_many_cells", sheet=name, max=MAX_CELLS)
            elif tag == merge_tag:
                first, _, last = (element.get("ref") or "").partition(":")
                try:
                    (r1, c1), (r2, c2) = parse_ref(first), parse_ref(last or first)
                except ValueError:
                    continue
                if box is None or (r1 <= box[2] and box[0] <= r2 and c1 <= box[3] and box[1] <= c2):
                    merges.add((r1, c1, r2, c2))
                    if len(merges) > MAX_MERGES:
                        raise FileProblem("file.too_many_merges", sheet=name, max=MAX_MERGES)
        result.merged = sorted(merges)
        return result


def _walk(root: Any, units: Collection[str], marks: Collection[str]) -> Iterator[tuple[str, Any]]:
    """The events of Workbook._elements from a whole tree, in the order of the file; a unit's
    content is not walked into (nor is the root's, when it is a unit or a mark)."""
    yield "start", root
    stack: list[tuple[Iterator[Any], Any]] = [(iter(root), None)]
    while stack:
        children, owner = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if owner is not None:
                yield "end", owner
        elif child.tag in units:
            yield "end", child
        elif child.tag in marks:
            yield "start", child
            stack.append((iter(child), child))
        elif len(child):
            stack.append((iter(child), None))


def _box(refs: Collection[str] | None) -> tuple[int, int, int, int] | None:
    """The smallest range (first row, first column, last row, last column) holding `refs`."""
    if refs is None:
        return None
    keys = [parse_ref(ref) for ref in refs]
    if not keys:
        return (0, 0, -1, -1)
    rows, cols = [r for r, _ in keys], [c for _, c in keys]
    return min(rows), min(cols), max(rows), max(cols)


def _row_number(text: str | None, default: int, sheet: str) -> int:
    if text is None or text == "":
        return default
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_ROW:
        raise FileProblem("file.bad_row", sheet=sheet, row=text[:40])
    return number


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
    if kind == "inlineStr":
        parts = [t.text or "" for t in inline.iter(t_tag)] if inline is not None else []
        return Cell(unescape("".join(parts)), "s", formula)
    if not cached:
        return Cell(None, "n", True) if formula else None
    assert v is not None
    if kind == "s":
        strings = book._shared_strings()
        try:
            index = int(v)
        except ValueError:
            index = -1
        if not 0 <= index < len(strings):  # -1 must not read the last string
            raise FileProblem("file.missing_text", part=path)
        return Cell(strings[index], "s", formula)
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
