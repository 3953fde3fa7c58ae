"""Vietnamese text: NFC, tone-mark style, diacritic folding and unit-name keys for matching."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old style puts the tone of a final "oa", "oe", "uy" on the second vowel ("hoà"), new style on
# the first ("hòa"). Both are in use (the statistics office writes "Hoà"); we key on the old one.
_NEW_STYLE = re.compile(rf"(?i)(?<![q])([ou])([{_TONES}])([aey])(?![\w])")


def nfc(text: str) -> str:
    """Unicode NFC; surrounding and repeated white space (NBSP and tabs too) becomes one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def tone_key(text: str) -> str:
    """Lower-case NFC text with the tone mark of final oa/oe/uy in one place ("Hòa" == "Hoà")."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    moved = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def fold(text: str) -> str:
    """Lower case without any diacritic ("Đức Mỹ" -> "duc my"); "đ" keeps no stroke."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark, so a match should respect marks."""
    return fold(text) != nfc(text).lower()


# Prefixes of unit names. Full words must be spelled as prefixes ("Phường", "phuong" only in a
# text without any mark), so "Phương Thạnh" and "Huyền Hội" stay names; abbreviations need
# their dot ("H.", "P.", "X.") except the two-letter ones ("TX", "TP", "TT").
_WORDS: list[tuple[str, str]] = [
    ("thành phố", "city"),
    ("thị trấn", "township"),
    ("thị xã", "town"),
    ("phường", "ward"),
    ("huyện", "district"),
    ("tỉnh", "province"),
    ("xã", "commune"),
]
_ABBREVIATIONS = [("tp", "city"), ("tx", "town"), ("tt", "township")]
_DOTTED = [("h", "district"), ("p", "ward"), ("x", "commune"), *_ABBREVIATIONS]
_NUMBER = re.compile(r"\b0+(\d)")


def split_prefix(text: str) -> tuple[str | None, str]:
    """Split "H. Cầu Kè" into ("district", "Cầu Kè"); a name with no known prefix gives None."""
    clean = nfc(text)
    lower = tone_key(clean)
    plain = not has_diacritics(clean)
    for word, kind in _WORDS:
        for spelling in (word, fold(word)) if plain else (word,):
            if lower.startswith(spelling + " ") and len(lower) > len(spelling) + 1:
                return kind, clean[len(spelling) :].strip()
    for abbreviation, kind in _DOTTED:
        if lower.startswith(abbreviation + ".") and len(lower.rstrip()) > len(abbreviation) + 1:
            return kind, clean[len(abbreviation) + 1 :].strip()
    for abbreviation, kind in _ABBREVIATIONS:
        if lower.startswith(abbreviation + " ") and len(lower) > len(abbreviation) + 1:
            return kind, clean[len(abbreviation) :].strip()
    return None, clean


def name_key(bare: str) -> tuple[str, str]:
    """The two keys a name without its prefix is matched on: marks kept (tone style folded),
    and no marks. Leading zeros of numbers are dropped so "P.01" matches "Phường 1"."""
    bare = _NUMBER.sub(r"\1", bare)
    return tone_key(bare), fold(bare)


def unit_name_key(name: str) -> tuple[str, str]:
    """The keys of a registry name: its official prefix removed once."""
    return name_key(split_prefix(name)[1])


def slug(text: str) -> str:
    """A file-name-safe ASCII form: "Xã Long Đức" -> "xa-long-duc"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# Control characters, and the two code points XML cannot hold at all.
_XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# A spreadsheet cell holds 32,767 characters at most (Excel repairs a file with a longer one).
MAX_CELL = 32_767


def cell_text(value: str) -> str:
    """Text as a workbook cell can hold it: the control characters XML cannot hold removed, and
    cut with "…" at a cell's limit (a note of a commune, joined with others, can reach it)."""
    text = _XML_CONTROL.sub("", value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def set_text(cell: Any, value: str | None) -> None:
    """Text from a submission written into a workbook cell: always a text cell, never a formula
    (openpyxl makes one of any string starting with "="), as `cell_text` makes it."""
    if value is None:
        cell.value = None
        return
    cell.value = cell_text(value)
    cell.data_type = "s"
