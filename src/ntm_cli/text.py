"""Vietnamese text: NFC, tone-mark style, diacritic folding and unit-name keys for matching."""

from __future__ import annotations

import re
import unicodedata

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


# Prefixes of unit names, as folded text, longest first so "thi tran" wins over "thi".
_PREFIXES: list[tuple[str, str]] = [
    ("thanh pho", "city"),
    ("thi tran", "township"),
    ("thi xa", "town"),
    ("phuong", "ward"),
    ("huyen", "district"),
    ("tinh", "province"),
    ("xa", "commune"),
    ("tp", "city"),
    ("tx", "town"),
    ("tt", "township"),
    ("h", "district"),
    ("p", "ward"),
    ("x", "commune"),
]
_PREFIX_RE = re.compile(
    r"^(?P<prefix>" + "|".join(re.escape(p) for p, _ in _PREFIXES) + r")(?:\.\s*|\s+)(?=\S)"
)
_PREFIX_KIND = dict(_PREFIXES)
_NUMBER = re.compile(r"\b0+(\d)")


def split_prefix(text: str) -> tuple[str | None, str]:
    """Split "H. Cầu Kè" into ("district", "Cầu Kè"); a name with no known prefix gives None."""
    clean = nfc(text)
    match = _PREFIX_RE.match(fold(clean))
    if not match:
        return None, clean
    # Folding keeps one character per base letter, so the folded offset is valid in the original.
    return _PREFIX_KIND[match.group("prefix")], clean[match.end() :].strip()


def name_keys(text: str) -> tuple[str, str]:
    """The two keys a bare name is matched on: marks kept (tone style folded), and no marks.

    Leading zeros of numbers are dropped so "P.01" matches "Phường 1".
    """
    _, bare = split_prefix(text)
    bare = _NUMBER.sub(r"\1", bare)
    return tone_key(bare), fold(bare)


def slug(text: str) -> str:
    """A file-name-safe ASCII form: "Xã Long Đức" -> "xa-long-duc"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
