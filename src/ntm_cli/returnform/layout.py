"""The layout of the monthly return form: one place that both the writer and the reader use.

Documented in the README ("The return form") so a district can fill it from its own tools.
"""

from __future__ import annotations

import hashlib

TEMPLATE_VERSION = "1"

SHEET_HELP = "Hướng dẫn"
SHEET_CRITERIA = "Tiêu chí"
SHEET_OTHER = "Kết quả khác"
SHEET_META = "_ntm"

# "Tiêu chí": identity cells (column B, locked) and the criteria table.
CODE_CELL = "B4"
NAME_CELL = "B5"
DISTRICT_CELL = "B6"
PERIOD_CELL = "B7"
LEVEL_CELL = "B8"
TOWARDS_CELL = "B9"
SET_CELL = "B10"
# the commune's group (QĐ 51/2025: 1/2/3), shown only when its set declares groups; not read back
GROUP_CELL = "B11"
HEADER_ROW = 12
FIRST_CRITERION_ROW = 13
NUMBER_COL, NAME_COL, STATUS_COL, NOTE_COL = "A", "B", "C", "D"

# "Kết quả khác": inputs in column B.
RECOGNITION_LEVEL_CELL = "B4"
RECOGNITION_DECISION_CELL = "B5"
RECOGNITION_DATE_CELL = "B6"
OCOP_CELLS = {3: "B9", 4: "B10", 5: "B11"}
DEBT_CELL = "B14"
FUND_CELLS = {
    "central": "B17",
    "local": "B18",
    "credit": "B19",
    "enterprises": "B20",
    "residents": "B21",
}

# "Kết quả khác": the emulation movement's items (the data folder's emulation.yaml), one a row
# from ITEMS_FIRST_ROW, the value in column B; their ids, in row order, are "_ntm"!B6 (a form
# made before the section, or from a data folder without the file, has none there).
ITEMS_TITLE_ROW = 23
ITEMS_HEADER_ROW = 24
ITEMS_FIRST_ROW = 25
MAX_ITEMS = 40
ITEM_VALUE_COL = "B"

# "_ntm" (very hidden): version, unit, period, criteria set, checksum, items, in column B.
META_CELLS = {
    "version": "B1",
    "unit_code": "B2",
    "period": "B3",
    "criteria_set": "B4",
    "checksum": "B5",
    "items": "B6",
}

STATUS_MET = "Đạt"
STATUS_NOT_MET = "Chưa đạt"


def checksum(version: str, unit_code: str, period: str, criteria_set: str, items: str = "") -> str:
    """Ties the hidden identity together: a copied or edited form no longer matches. The items
    count only when there are some, so a form made before them keeps its checksum."""
    text = f"ntm-form|{version}|{unit_code}|{period}|{criteria_set}"
    if items:
        text += f"|{items}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def item_row(index: int) -> int:
    return ITEMS_FIRST_ROW + index


def criterion_row(index: int) -> int:
    return FIRST_CRITERION_ROW + index
