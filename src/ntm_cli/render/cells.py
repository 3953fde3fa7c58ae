"""Writing text that came from a submission into a workbook: always a text cell."""

from __future__ import annotations

import re
from typing import Any

# Control characters, and the two code points XML cannot hold at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def set_text(cell: Any, value: str | None) -> None:
    """A text cell, never a formula (openpyxl makes one of any string starting with "="), with
    the control characters that XML cannot hold removed."""
    if value is None:
        cell.value = None
        return
    cell.value = _CONTROL.sub("", value)
    cell.data_type = "s"
