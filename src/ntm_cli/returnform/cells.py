"""The value of one submitted cell: clean text, a status, a number, a date."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from ntm_cli.domain.messages import Message, msg
from ntm_cli.domain.text import fold, nfc

MAX_TEXT = 32_767  # Excel's limit for one cell
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Text typed in the legacy TCVN3 (.VnTime) or VNI fonts and pasted as Unicode: Latin-1 symbols
# where Vietnamese letters should be ("§¹t" for "Đạt", "Ñaït" for VNI).
# Only signs that ordinary text does not use: units (m², °C), ± and º are left alone.
_TCVN3 = re.compile(r"[¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¿]")
_VNI = re.compile(r"[AaEeIiOoUuYy][øûï]|[Ññ][aAeEoOuUiIöô]")
_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
_NUMBER_VN = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUMBER_COMMA = re.compile(r"^-?\d+,\d+$")
_NUMBER_DOT = re.compile(r"^-?\d+(\.\d+)?$")
_STATUS = {
    "dat": True,
    "1": True,
    "x": True,
    "met": True,
    "chua dat": False,
    "khong dat": False,
    "0": False,
    "not met": False,
}


def clean_text(
    value: str, issue: Callable[[Message], None], warn: Callable[[Message], None]
) -> str:
    """NFC text without control characters; legacy-font text and over-long text are problems."""
    if len(value) > MAX_TEXT:
        issue(msg("cell.too_long", n=len(value)))
        return ""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        warn(msg("cell.control_removed"))
    value = nfc(value)
    if not _VIETNAMESE.search(value) and (_TCVN3.search(value) or _VNI.search(value)):
        issue(msg("cell.legacy_font", value=value[:40]))
    return value


def parse_status(text: str) -> bool | None:
    """Đạt / Chưa đạt with or without diacritics, 1 / 0, x; None when not a status."""
    return _STATUS.get(fold(text))


def parse_number(value: str | float | bool | None) -> float | None:
    """A number from a cell: a number, or text in Vietnamese ("1.234,5") or plain form."""
    if value is None or isinstance(value, bool):
        return None if value is None else float("nan")
    if isinstance(value, float):
        return value if math.isfinite(value) else float("nan")
    text = value.strip().replace(" ", "")
    if _NUMBER_VN.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _NUMBER_COMMA.match(text):
        return float(text.replace(",", "."))
    if _NUMBER_DOT.match(text):
        return float(text)
    return float("nan")


def excel_date(value: str | float | bool | None) -> dt.date | None:
    """A date cell: an Excel serial number, or text as dd/mm/yyyy or YYYY-MM-DD; ValueError
    for anything else."""
    if isinstance(value, float):
        if 1 <= value < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError(value)
    if isinstance(value, str):
        text = value.strip()
        text = text[:10] if "T" in text else text
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    raise ValueError(value)
